//! A list of pages as cards: title, date, summary and a "read more" when it is cut short.

use leptos::prelude::*;

use crate::components::post_date::PostDate;
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
    view! {
        <article class="page-card">
            <h2 class="card-title"><a href=page.url.clone()>{page.title.clone()}</a></h2>
            {page.date.map(|date| view! { <p class="page-meta"><PostDate date=date /></p> })}
            <div class="summary" inner_html=page.summary_html></div>
            {read_more}
        </article>
    }
}
