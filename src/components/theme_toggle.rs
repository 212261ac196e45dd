//! The light/dark switch in the header. It is plain markup, the same in the prerendered page
//! and in the app: the inline script in `index.html` sets the theme before first paint,
//! flips it on a click (or Enter, Space) and keeps `aria-pressed` in step, so it works before
//! the wasm has loaded and costs the bundle nothing. Its icon follows `<html data-theme>` in
//! CSS, so its size never changes.

use leptos::prelude::*;

/// Pressed means the dark theme is on.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    view! {
        <button type="button" class="theme-toggle" aria-pressed="false">
            <span class="visually-hidden">"Dark theme"</span>
        </button>
    }
}
