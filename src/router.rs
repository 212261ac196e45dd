//! Client-side navigation. Every URL of the site is data (the content index decides what it
//! shows), so the app needs no route table: only the current path, kept in step with the
//! address bar. In-app links are followed with `history.pushState`, back and forward with
//! `popstate`; anything a browser should handle itself is left alone.
//!
//! This replaces leptos_router, which added about 43 KB gzip to the bundle for one catch-all
//! route (measured; see the README).

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlAnchorElement, MouseEvent};

/// The browser's current path, updated on in-app link clicks and on back/forward.
pub fn browser_pathname() -> ReadSignal<String> {
    let (pathname, set_pathname) = signal(current_pathname());
    // A jump to an anchor on the same page changes no path: nothing to load again.
    let go_to = move |path: String| {
        if pathname.get_untracked() != path {
            set_pathname.set(path);
        }
    };
    // The listeners live as long as the app: their handles are dropped without removing them.
    let _ = window_event_listener(ev::click, move |event| {
        if let Some(anchor) = in_app_link(&event) {
            event.prevent_default();
            navigate(&anchor.href());
            go_to(anchor.pathname());
        }
    });
    let _ = window_event_listener(ev::popstate, move |_| go_to(current_pathname()));
    pathname
}

/// The path of the address bar now (`/posts/a/`).
pub fn current_pathname() -> String {
    window().location().pathname().unwrap_or_default()
}

/// Pushes `href` on the history and starts the new page at the top.
fn navigate(href: &str) {
    let window = window();
    if let Ok(history) = window.history() {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
    }
    window.scroll_to_with_x_and_y(0.0, 0.0);
}

/// Shows `url` in the address bar in place of the current entry (an alias's page takes its
/// own URL) without loading anything.
pub fn replace_url(url: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
    }
}

/// The link a click follows, when the app should follow it rather than the browser: a plain
/// left click on an `<a href>` to another page of this site, with no target or download.
fn in_app_link(event: &MouseEvent) -> Option<HtmlAnchorElement> {
    if event.default_prevented()
        || event.button() != 0
        || event.meta_key()
        || event.ctrl_key()
        || event.shift_key()
        || event.alt_key()
    {
        return None;
    }
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    let anchor = target
        .closest("a[href]")
        .ok()??
        .dyn_into::<HtmlAnchorElement>()
        .ok()?;
    let location = window().location();
    let opens_elsewhere = !matches!(anchor.target().as_str(), "" | "_self");
    // Same origin and under the site's base path: elsewhere is another site on this host.
    let same_origin = location.origin().ok()? == anchor.origin()
        && anchor.pathname().starts_with(&crate::fetch::site_root());
    // A link to a place on this same page is the browser's to scroll to.
    let same_page = location.pathname().ok()? == anchor.pathname()
        && location.search().ok()? == anchor.search()
        && !anchor.hash().is_empty();
    (!opens_elsewhere && !anchor.has_attribute("download") && same_origin && !same_page)
        .then_some(anchor)
}
