//! A list of plain links with the current one marked: the header's menu, a taxonomy's terms,
//! the pager numbers, breadcrumbs, tags, a series, a table of contents. One component serves
//! them all, which keeps the bundle small.

use leptos::prelude::*;

pub use crate::content::route_model::Link;

#[component]
pub fn LinkList(class: &'static str, links: Vec<Link>) -> impl IntoView {
    view! {
        <ul class=class>
            {links
                .into_iter()
                .map(|link| {
                    let current = link.current.then_some("page");
                    // No URL: an item that is no link (a pager nav's gap).
                    let href = (!link.url.is_empty()).then_some(link.url);
                    view! { <li data-kind=link.kind><a href=href aria-current=current>{link.text}</a></li> }
                })
                .collect_view()}
        </ul>
    }
}
