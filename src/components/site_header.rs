//! The header on every page: the site title, leading home.

use leptos::prelude::*;

#[component]
pub fn SiteHeader(title: String, home_url: String) -> impl IntoView {
    let title = if title.is_empty() {
        "Home".to_owned()
    } else {
        title
    };
    view! {
        <header class="site-header">
            <a class="site-title" href=home_url>{title}</a>
        </header>
    }
}
