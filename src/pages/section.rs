//! A section (series) page, or a taxonomy term's: its `_index.md`, then one pager of the pages
//! it lists, in Hugo's order.

use leptos::prelude::*;

use crate::components::cover_image::CoverImage;
use crate::components::link_list::Link;
use crate::components::page_body::PageBody;
use crate::components::page_header::PageHeader;
use crate::components::page_list::PageList;
use crate::components::pager_nav::PagerNav;
use crate::content::display::Display;
use crate::content::routes::Pager;
use crate::content::site::PageEntry;

#[component]
pub fn SectionPage(
    entry: PageEntry,
    body_html: String,
    breadcrumbs: Vec<Link>,
    pages: Vec<(PageEntry, Display)>,
    pager: Pager,
    display: Display,
) -> impl IntoView {
    view! {
        <article class="page section">
            <PageHeader
                breadcrumbs=breadcrumbs
                title=entry.title
                date=entry.date.filter(|_| display.meta)
            />
            {entry
                .cover
                .filter(|_| display.cover_in_page)
                .map(|cover| view! { <CoverImage cover=cover /> })}
            <PageBody html=body_html />
            <PageList pages=pages />
            <PagerNav pager=pager />
        </article>
    }
}
