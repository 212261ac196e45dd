//! A section (series) page: its `_index.md`, then the pages in it, in Hugo's order.

use leptos::prelude::*;

use crate::components::cover_image::CoverImage;
use crate::components::page_body::PageBody;
use crate::components::page_header::PageHeader;
use crate::components::page_list::PageList;
use crate::content::site::PageEntry;

#[component]
pub fn SectionPage(entry: PageEntry, body_html: String, pages: Vec<PageEntry>) -> impl IntoView {
    view! {
        <article class="page section">
            <PageHeader title=entry.title date=entry.date />
            {entry.cover.map(|cover| view! { <CoverImage cover=cover /> })}
            <PageBody html=body_html />
            <PageList pages=pages />
        </article>
    }
}
