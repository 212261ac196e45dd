//! A failed fetch: what went wrong, and a button to try again.

use leptos::prelude::*;

use crate::fetch::FetchError;

#[component]
pub fn FetchErrorNotice(error: FetchError, on_retry: Callback<()>) -> impl IntoView {
    view! {
        <section class="notice error" role="alert">
            <h1>"This page could not be loaded"</h1>
            <p class="error-detail">{error.to_string()}</p>
            <button type="button" class="retry" on:click=move |_| on_retry.run(())>"Try again"</button>
        </section>
    }
}
