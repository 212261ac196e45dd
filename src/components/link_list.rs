//! A list of plain links with the current one marked: the header's menu, a taxonomy's terms,
//! the pager numbers. One component serves them all, which keeps the bundle small.

use leptos::prelude::*;

/// One link of a [`LinkList`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub text: String,
    /// The link to the page on show (`aria-current="page"`).
    pub current: bool,
}

#[component]
pub fn LinkList(class: &'static str, links: Vec<Link>) -> impl IntoView {
    view! {
        <ul class=class>
            {links
                .into_iter()
                .map(|link| {
                    let current = link.current.then_some("page");
                    view! { <li><a href=link.url aria-current=current>{link.text}</a></li> }
                })
                .collect_view()}
        </ul>
    }
}
