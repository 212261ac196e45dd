//! What stands in for a page that is slow to arrive: the shape of a page (title, meta line,
//! paragraphs) in muted bars, announced to screen readers as loading.

use leptos::prelude::*;

#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <div class="skeleton" role="status" aria-busy="true">
            <span class="visually-hidden">"Loading…"</span>
            <div class="skeleton-bar skeleton-title"></div>
            <div class="skeleton-bar skeleton-meta"></div>
            <div class="skeleton-bar"></div>
            <div class="skeleton-bar"></div>
            <div class="skeleton-bar skeleton-short"></div>
        </div>
    }
}
