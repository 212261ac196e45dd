//! The header on every page: the site title, leading home, and the `main` menu.

use leptos::prelude::*;

use crate::components::link_list::{Link, LinkList};

/// `menu`: (link text, URL) per entry, in order.
#[component]
pub fn SiteHeader(title: String, home_url: String, menu: Vec<(String, String)>) -> impl IntoView {
    let title = if title.is_empty() {
        "Home".to_owned()
    } else {
        title
    };
    let nav = (!menu.is_empty()).then(|| {
        let links = menu
            .into_iter()
            .map(|(text, url)| Link {
                url,
                text,
                current: false,
                kind: None,
            })
            .collect();
        view! {
            <nav class="site-nav" aria-label="Main">
                <LinkList class="menu" links=links />
            </nav>
        }
    });
    view! {
        <header class="site-header">
            <a class="site-title" href=home_url>{title}</a>
            {nav}
        </header>
    }
}
