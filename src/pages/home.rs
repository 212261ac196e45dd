//! The home page: the site's own introduction, then one pager of its pages and sections.

use leptos::prelude::*;

use crate::components::page_body::PageBody;
use crate::components::page_list::PageList;
use crate::components::pager_nav::PagerNav;
use crate::content::display::Display;
use crate::content::routes::Pager;
use crate::content::site::PageEntry;

#[component]
pub fn HomePage(
    entry: PageEntry,
    body_html: String,
    pages: Vec<(PageEntry, Display)>,
    pager: Pager,
) -> impl IntoView {
    // Without a `content/_index.md` the title is the site title, already in the header: it
    // stays as the page's heading for screen readers only.
    let title_class = if entry.source.is_empty() {
        "home-title visually-hidden"
    } else {
        "home-title"
    };
    view! {
        <section class="home">
            <h1 class=title_class>{entry.title}</h1>
            <PageBody html=body_html />
            <PageList pages=pages />
            <PagerNav pager=pager />
        </section>
    }
}
