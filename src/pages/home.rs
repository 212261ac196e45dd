//! The home page: the site's own introduction, then its pages and sections.

use leptos::prelude::*;

use crate::components::page_body::PageBody;
use crate::components::page_list::PageList;
use crate::content::site::PageEntry;

#[component]
pub fn HomePage(entry: PageEntry, body_html: String, pages: Vec<PageEntry>) -> impl IntoView {
    view! {
        <section class="home">
            {(!entry.title.is_empty()).then(|| view! { <h1 class="home-title">{entry.title}</h1> })}
            <PageBody html=body_html />
            <PageList pages=pages />
        </section>
    }
}
