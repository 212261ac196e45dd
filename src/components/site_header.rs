//! The header on every page: the site title, leading home, and the `main` menu.

use leptos::prelude::*;

use crate::content::menu::MenuEntry;

#[component]
pub fn SiteHeader(title: String, menu: Vec<MenuEntry>) -> impl IntoView {
    let title = if title.is_empty() {
        "Home".to_owned()
    } else {
        title
    };
    let nav = (!menu.is_empty()).then(|| {
        view! {
            <nav class="site-nav" aria-label="Main">
                <ul>
                    {menu
                        .into_iter()
                        .map(|entry| view! { <li><a href=entry.url>{entry.name}</a></li> })
                        .collect_view()}
                </ul>
            </nav>
        }
    });
    view! {
        <header class="site-header">
            <a class="site-title" href="/">{title}</a>
            {nav}
        </header>
    }
}
