//! The header on every page: a skip link to the page's main content (the first stop of
//! Tab), the site title leading home, the `main` menu and the theme toggle.

use leptos::prelude::*;

use crate::components::link_list::{Link, LinkList};
use crate::components::theme_toggle::ThemeToggle;
use crate::content::contract::SEARCH_PATH;

/// `menu`: (link text, URL) per entry, in order; the entry for `current_url` is marked.
#[component]
pub fn SiteHeader(
    title: String,
    home_url: String,
    menu: Vec<(String, String)>,
    current_url: String,
) -> impl IntoView {
    let title = if title.is_empty() {
        "Home".to_owned()
    } else {
        title
    };
    let nav = (!menu.is_empty()).then(|| {
        let links = menu
            .into_iter()
            .map(|(text, url)| Link {
                current: url == current_url,
                url,
                text,
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
            <a class="skip-link" href="#main">"Skip to content"</a>
            <a class="site-title" href=home_url.clone()>{title}</a>
            {nav}
            <a class="search-link" href=format!("{home_url}{SEARCH_PATH}") aria-keyshortcuts="/">
                "Search"
            </a>
            <ThemeToggle />
        </header>
    }
}
