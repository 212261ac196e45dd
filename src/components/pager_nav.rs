//! The links between the pagers of a list: previous, every pager by number, next. Nothing
//! when the whole list fits on one pager.

use leptos::prelude::*;

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
        let numbers = (1..=pager.count)
            .map(|number| {
                let current = (number == pager.number).then_some("page");
                view! { <li><a href=pager.url(number) aria-current=current>{number}</a></li> }
            })
            .collect_view();
        view! {
            <nav class="pager" aria-label="Pages">
                {previous}
                <ol class="pager-numbers">{numbers}</ol>
                {next}
            </nav>
        }
    })
}
