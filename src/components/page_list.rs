//! A list of pages as cards: title, date, reading time, summary, a cover thumbnail when the
//! page has one, and a "read more" when the summary is cut short; each page's theme params
//! may leave parts out ([`Display`]).

use leptos::prelude::*;

use crate::components::page_meta::PageMeta;
use crate::content::display::Display;
use crate::content::site::PageEntry;

#[component]
pub fn PageList(pages: Vec<(PageEntry, Display)>) -> impl IntoView {
    (!pages.is_empty()).then(|| {
        view! {
            <ul class="page-list">
                {pages
                    .into_iter()
                    .map(|(page, display)| view! { <li><PageCard page=page display=display /></li> })
                    .collect_view()}
            </ul>
        }
    })
}

#[component]
fn PageCard(page: PageEntry, display: Display) -> impl IntoView {
    let read_more = page.truncated.then(|| {
        view! { <a class="read-more" href=page.url.clone() aria-label=format!("Read more of {}", page.title)>"Read more →"</a> }
    });
    // A section's own reading time is not the reading of what it lists.
    let is_article = page.is_article();
    let shown = |shown: bool, value: usize| {
        if shown && display.meta && is_article {
            value
        } else {
            0
        }
    };
    // Its size is the stylesheet's (a fixed box), so nothing moves when it arrives.
    let thumbnail = page.cover.filter(|_| display.cover_in_list).map(|cover| {
        view! { <img class="card-cover" src=cover.image alt=cover.alt loading="lazy" decoding="async" /> }
    });
    let summary = display
        .summary
        .then(|| view! { <div class="summary" inner_html=page.summary_html></div> });
    view! {
        <article class="page-card">
            {thumbnail}
            <h2 class="card-title"><a href=page.url.clone()>{page.title.clone()}</a></h2>
            <PageMeta
                date=page.date.filter(|_| display.meta)
                reading_time=shown(display.reading_time, page.reading_time)
                word_count=shown(display.word_count, page.word_count)
                author=display.author.filter(|_| display.meta)
            />
            {summary}
            {read_more}
        </article>
    }
}
