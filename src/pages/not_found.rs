//! The not-found view: says which page is missing and leads back.

use leptos::prelude::*;

/// `path` is the missing address; empty in the prerendered `404.html`, which stands for every
/// missing address.
#[component]
pub fn NotFoundPage(path: String, home_url: String) -> impl IntoView {
    let missing = if path.is_empty() {
        view! { "There is no page at this address." }.into_any()
    } else {
        view! { "There is no page at " <code class="missing-path">{path}</code> "." }.into_any()
    };
    view! {
        <section class="not-found">
            <h1>"Page not found"</h1>
            <p>{missing}</p>
            <p>
                <a href=home_url>"Back to the home page"</a>
            </p>
        </section>
    }
}
