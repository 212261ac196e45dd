//! A regular page (an article).

use leptos::prelude::*;

use crate::components::cover_image::CoverImage;
use crate::components::page_body::PageBody;
use crate::components::page_header::PageHeader;
use crate::content::site::PageEntry;

#[component]
pub fn ArticlePage(entry: PageEntry, body_html: String) -> impl IntoView {
    view! {
        <article class="page article">
            <PageHeader title=entry.title date=entry.date />
            {entry.cover.map(|cover| view! { <CoverImage cover=cover /> })}
            <PageBody html=body_html />
        </article>
    }
}
