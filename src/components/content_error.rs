//! A page whose source cannot be read (say, broken front matter): the file, line and why.

use leptos::prelude::*;

#[component]
pub fn ContentErrorNotice(message: String) -> impl IntoView {
    view! {
        <section class="notice error" role="alert">
            <h1>"This page has an error"</h1>
            <p class="error-detail">{message}</p>
        </section>
    }
}
