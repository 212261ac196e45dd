//! Client-side navigation. Every URL of the site is data (its route data says what it
//! shows), so the app needs no route table: only the current address, kept in step with the
//! address bar. In-app links are followed with `history.pushState`, back and forward with
//! `popstate`; anything a browser should handle itself is left alone. After each navigation
//! the page lands where a reader expects: a new page at its top (or at its `#anchor`), a page
//! gone back to where it was left, and keyboard focus on the new page's heading.
//!
//! This replaces leptos_router, which added about 43 KB gzip to the bundle for one catch-all
//! route (measured; see the README).

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, HtmlAnchorElement, HtmlElement, ScrollRestoration};

/// How the reader reached the current address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrival {
    /// The page the browser loaded: it has already placed the page.
    Load,
    /// A link followed in the app.
    Link,
    /// Back or forward.
    History,
}

/// The address the app shows, and how the reader got there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub pathname: String,
    pub arrival: Arrival,
}

/// The key under which a history entry keeps the scroll position it was left at.
const SCROLL_KEY: &str = "scrollY";

/// The browser's current address, updated on in-app link clicks and on back/forward.
/// `on_intent` is called with a link's path when the reader points at it or focuses it, so
/// its page can be fetched before the click.
pub fn browser_address(on_intent: impl Fn(String) + 'static) -> ReadSignal<Address> {
    let (address, set_address) = signal(Address {
        pathname: current_pathname(),
        arrival: Arrival::Load,
    });
    // The app puts pages back where they were left, from what each history entry keeps.
    if let Ok(history) = window().history() {
        let _ = history.set_scroll_restoration(ScrollRestoration::Manual);
    }
    // A jump to an anchor on the same page changes no path: nothing to load again.
    let go_to = move |pathname: String, arrival: Arrival| {
        if address.get_untracked().pathname != pathname {
            set_address.set(Address { pathname, arrival });
        }
    };
    // The listeners live as long as the app: their handles are dropped without removing them.
    let _ = window_event_listener(ev::click, move |event| {
        if !is_plain_click(&event) {
            return;
        }
        if let Some(anchor) = in_app_link(&event) {
            event.prevent_default();
            push(&anchor.href());
            go_to(anchor.pathname(), Arrival::Link);
        }
    });
    let _ = window_event_listener(ev::popstate, move |_| {
        go_to(current_pathname(), Arrival::History);
    });
    let on_intent = std::rc::Rc::new(on_intent);
    for event in ["mouseover", "focusin"] {
        let on_intent = std::rc::Rc::clone(&on_intent);
        let _ = window_event_listener_untyped(event, move |event| {
            if let Some(anchor) = in_app_link(&event) {
                on_intent(anchor.pathname());
            }
        });
    }
    address
}

/// The path of the address bar now (`/posts/a/`).
pub fn current_pathname() -> String {
    window().location().pathname().unwrap_or_default()
}

/// Remembers where the current page was scrolled to, then pushes `href` on the history.
fn push(href: &str) {
    let window = window();
    if let Ok(history) = window.history() {
        let state = js_sys::Object::new();
        let scroll_y = window.scroll_y().unwrap_or(0.0);
        let _ = js_sys::Reflect::set(&state, &SCROLL_KEY.into(), &scroll_y.into());
        let _ = history.replace_state(&state, "");
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(href));
    }
}

/// Shows `url` in the address bar in place of the current entry (an alias's page takes its
/// own URL) without loading anything.
pub fn replace_url(url: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(url));
    }
}

/// Places the page the app has just shown for `address`: focus on its heading (for keyboard
/// and screen reader users), then the scroll position: the `#anchor`'s heading or the top
/// for a link, the remembered position for back and forward.
pub fn land(address: &Address) {
    if address.arrival == Arrival::Load {
        return;
    }
    let window = window();
    let document = document();
    if let Some(heading) = document
        .query_selector("main h1")
        .ok()
        .flatten()
        .and_then(|heading| heading.dyn_into::<HtmlElement>().ok())
    {
        let _ = heading.set_attribute("tabindex", "-1");
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = heading.focus_with_options(&options);
    }
    let remembered = window
        .history()
        .ok()
        .and_then(|history| history.state().ok())
        .and_then(|state| js_sys::Reflect::get(&state, &SCROLL_KEY.into()).ok())
        .and_then(|value| value.as_f64());
    let hash = window.location().hash().unwrap_or_default();
    let anchor = hash
        .strip_prefix('#')
        .filter(|id| !id.is_empty())
        .map(crate::content::url::percent_decode)
        .and_then(|id| document.get_element_by_id(&id));
    match (address.arrival, remembered, anchor) {
        (Arrival::History, Some(scroll_y), _) => window.scroll_to_with_x_and_y(0.0, scroll_y),
        (_, _, Some(anchor)) => anchor.scroll_into_view(),
        _ => window.scroll_to_with_x_and_y(0.0, 0.0),
    }
}

/// A plain left click, not yet handled, with no key that asks the browser for a new tab or
/// window.
pub(crate) fn is_plain_click(event: &web_sys::MouseEvent) -> bool {
    !event.default_prevented()
        && event.button() == 0
        && !event.meta_key()
        && !event.ctrl_key()
        && !event.shift_key()
        && !event.alt_key()
}

/// The link an event happened on, when the app should follow it rather than the browser: an
/// `<a href>` to another page of this site, with no target or download.
fn in_app_link(event: &Event) -> Option<HtmlAnchorElement> {
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    let anchor = target
        .closest("a[href]")
        .ok()??
        .dyn_into::<HtmlAnchorElement>()
        .ok()?;
    let location = window().location();
    let opens_elsewhere = !matches!(anchor.target().as_str(), "" | "_self");
    // Same origin and under the site's base path: elsewhere is another site on this host.
    let same_site = location.origin().ok()? == anchor.origin()
        && anchor.pathname().starts_with(&crate::fetch::site_root());
    // A file (`/files/a.pdf`, an image) is no page: the browser opens it.
    let pathname = anchor.pathname();
    let names_file = pathname
        .rsplit('/')
        .next()
        .and_then(|last| last.rsplit_once('.'))
        .is_some_and(|(_, extension)| extension != "html");
    // A link to a place on this same page is the browser's to scroll to.
    let same_page = location.pathname().ok()? == anchor.pathname()
        && location.search().ok()? == anchor.search()
        && !anchor.hash().is_empty();
    let in_app = !opens_elsewhere
        && !anchor.has_attribute("download")
        && same_site
        && !names_file
        && !same_page;
    in_app.then_some(anchor)
}
