//! A list of pages as cards: title, date, reading time, summary, a cover thumbnail when the
//! page has one, and a "read more" when the summary is cut short.

use leptos::prelude::*;

use crate::components::page_meta::PageMeta;
use crate::content::site::PageEntry;

#[component]
pub fn PageList(pages: Vec<PageEntry>) -> impl IntoView {
    (!pages.is_empty()).then(|| {
        view! {
            <ul class="page-list">
                {pages.into_iter().map(|page| view! { <li><PageCard page=page /></li> }).collect_view()}
            </ul>
        }
    })
}

#[component]
fn PageCard(page: PageEntry) -> impl IntoView {
    let read_more = page.truncated.then(|| {
        view! { <a class="read-more" href=page.url.clone() aria-label=format!("Read more of {}", page.title)>"Read more →"</a> }
    });
    // A section's own reading time is not the reading of what it lists.
    let reading_time = if page.is_article() {
        page.reading_time
    } else {
        0
    };
    // Its size is the stylesheet's (a fixed box), so nothing moves when it arrives.
    let thumbnail = page.cover.map(|cover| {
        view! { <img class="card-cover" src=cover.image alt=cover.alt loading="lazy" decoding="async" /> }
    });
    view! {
        <article class="page-card">
            {thumbnail}
            <h2 class="card-title"><a href=page.url.clone()>{page.title.clone()}</a></h2>
            <PageMeta date=page.date reading_time=reading_time />
            <div class="summary" inner_html=page.summary_html></div>
            {read_more}
        </article>
    }
}
