//! The links between the pagers of a list: previous, the pagers by number (of a long list
//! the first, the last and those around this one), next. Nothing when the whole list fits
//! on one pager.

use leptos::prelude::*;

use crate::components::link_list::{Link, LinkList};
use crate::content::routes::Pager;

#[component]
pub fn PagerNav(pager: Pager) -> impl IntoView {
    (pager.count > 1).then(|| {
        let previous = (pager.number > 1).then(|| {
            view! { <a class="pager-previous" rel="prev" href=pager.url(pager.number - 1)>"← Previous"</a> }
        });
        let next = (pager.number < pager.count).then(|| {
            view! { <a class="pager-next" rel="next" href=pager.url(pager.number + 1)>"Next →"</a> }
        });
        // A gap is an item with no link: "…".
        let numbers = pager
            .numbers_shown()
            .into_iter()
            .map(|shown| match shown {
                Some(number) => Link {
                    url: pager.url(number),
                    text: number.to_string(),
                    current: number == pager.number,
                    kind: None,
                },
                None => Link {
                    url: String::new(),
                    text: "…".to_owned(),
                    current: false,
                    kind: Some("gap"),
                },
            })
            .collect();
        view! {
            <nav class="pager" aria-label="Pages">
                {previous}
                <LinkList class="pager-numbers" links=numbers />
                {next}
            </nav>
        }
    })
}
