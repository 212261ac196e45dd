//! The box of a series an article belongs to: the series' title (a link to the whole series),
//! which part of it this is, and a window of its parts around this one, numbered as in the
//! whole series, so a series of hundreds of parts shows a handful of links.

use leptos::prelude::*;

use crate::components::link_list::Link;

/// One series as its box shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesBoxData {
    /// The series' page: its title and URL.
    pub series: Link,
    /// 1-based: which part the article is (0 when it is not among them), of `count`.
    pub part: usize,
    pub count: usize,
    /// The 1-based number of the first part shown.
    pub first_shown: usize,
    /// The parts shown, in order, the article's own marked current.
    pub parts: Vec<Link>,
}

#[component]
pub fn SeriesBox(data: SeriesBoxData) -> impl IntoView {
    let SeriesBoxData {
        series,
        part,
        count,
        first_shown,
        parts,
    } = data;
    let position = (part > 0).then(|| format!("part {part} of {count}"));
    view! {
        <nav class="series-box" aria-label="Series">
            <p class="series-title">
                "Series: " <a href=series.url>{series.text}</a>
                {position.map(|position| view! { " · " <span class="series-part">{position}</span> })}
            </p>
            <ol start=first_shown>
                {parts
                    .into_iter()
                    .map(|link| {
                        let current = link.current.then_some("page");
                        view! { <li><a href=link.url aria-current=current>{link.text}</a></li> }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
