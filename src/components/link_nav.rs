//! A labelled navigation list of links: an article's breadcrumbs, its tags, its series, the
//! articles before and after it. Nothing when there are no links. One component for all of
//! them keeps the bundle small.

use leptos::prelude::*;

use crate::components::link_list::{Link, LinkList};

/// `label` names the navigation for screen readers (`Breadcrumb`); `class` is the list's.
#[component]
pub fn LinkNav(label: &'static str, class: &'static str, links: Vec<Link>) -> impl IntoView {
    (!links.is_empty()).then(|| {
        view! {
            <nav aria-label=label>
                <LinkList class=class links=links />
            </nav>
        }
    })
}
