//! The not-found view: says which page is missing and leads back.

use leptos::prelude::*;

#[component]
pub fn NotFoundPage(path: String) -> impl IntoView {
    view! {
        <section class="not-found">
            <h1>"Page not found"</h1>
            <p>"There is no page at " <code class="missing-path">{path}</code> "."</p>
            <p>
                <a href="/">"Back to the home page"</a>
            </p>
        </section>
    }
}
