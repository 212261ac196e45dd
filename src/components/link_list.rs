//! A list of plain links with the current one marked: the header's menu, a taxonomy's terms,
//! the pager numbers, breadcrumbs, tags, a series, a table of contents. One component serves
//! them all, which keeps the bundle small.

use leptos::prelude::*;

/// One link of a [`LinkList`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub text: String,
    /// The link to the page on show (`aria-current="page"`).
    pub current: bool,
    /// What sets the item apart from the others, for the stylesheet (`data-kind`): a table
    /// of contents' sub-heading, a series' title, the previous or the next article. (Not a
    /// class: Leptos 0.8 prerenders an absent optional class as `class=""`, which the app
    /// leaves out, and the two pages must be the same.)
    pub kind: Option<&'static str>,
}

#[component]
pub fn LinkList(class: &'static str, links: Vec<Link>) -> impl IntoView {
    view! {
        <ul class=class>
            {links
                .into_iter()
                .map(|link| {
                    let current = link.current.then_some("page");
                    view! { <li data-kind=link.kind><a href=link.url aria-current=current>{link.text}</a></li> }
                })
                .collect_view()}
        </ul>
    }
}
