//! A page's meta line: its date, when it was updated (if on another day), its reading time
//! (`3 min read`), word count and author when its params ask. The separators between them
//! are the stylesheet's.

use leptos::prelude::*;

use crate::components::post_date::PostDate;
use crate::content::date::Date;

#[component]
pub fn PageMeta(
    date: Option<Date>,
    #[prop(optional_no_strip)] updated: Option<Date>,
    /// Minutes; 0 leaves it out (a list page, an empty page).
    #[prop(optional)]
    reading_time: usize,
    /// Words; 0 leaves it out (shown when the page's `ShowWordCount` asks).
    #[prop(optional)]
    word_count: usize,
    /// The page's own author (a guest post); the site's is the footer's.
    #[prop(optional_no_strip)]
    author: Option<String>,
) -> impl IntoView {
    (date.is_some() || reading_time > 0 || word_count > 0 || author.is_some()).then(|| {
        view! {
            <p class="page-meta">
                {date.map(|date| view! { <PostDate date=date /> })}
                {updated.map(|date| view! { <span class="updated">"Updated " <PostDate date=date /></span> })}
                {(reading_time > 0)
                    .then(|| view! { <span class="reading-time">{format!("{reading_time} min read")}</span> })}
                {(word_count > 0)
                    .then(|| view! { <span class="word-count">{format!("{word_count} words")}</span> })}
                {author.map(|author| view! { <span class="author">{author}</span> })}
            </p>
        }
    })
}
