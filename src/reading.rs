//! What a reader does with a page body once the app runs: copy a code block with its Copy
//! button, and open an image larger in an overlay. One delegated click listener serves every
//! page, as the router's does; the buttons and image links come with the page's HTML
//! ([`crate::content::reading_aids`]), so the prerendered page and the app's are the same,
//! and what the app adds (a live region, the overlay) goes outside the page, at the end of
//! the document's body.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlDialogElement, HtmlElement};

use crate::content::contract::{COPY_BUTTON_CLASS, COPY_LABEL, IMAGE_LINK_CLASS};
use crate::content::html::escape_html;
use crate::router::is_plain_click;

/// The id of the live region that tells screen reader users what a click did ("Copied").
const STATUS_ID: &str = "reader-status";

/// How long a Copy button says what happened.
const COPY_FEEDBACK_TIME: Duration = Duration::from_secs(2);

/// Listens for clicks on Copy buttons, image links and the image overlay. Call it before the
/// router adds its listener: a click on an image link is then handled (its default
/// prevented) before the router sees it, and the router leaves handled clicks alone.
pub fn listen() {
    add_status_region();
    // The listener lives as long as the app: its handle is dropped without removing it.
    let _ = window_event_listener(ev::click, |event| {
        let Some(target) = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
        else {
            return;
        };
        if let Some(overlay) = closest::<HtmlDialogElement>(&target, "dialog.image-zoom") {
            // Any click closes it: on the image, the caption, the backdrop or the button.
            overlay.close();
        } else if let Some(button) =
            closest::<HtmlElement>(&target, &format!(".{COPY_BUTTON_CLASS}"))
        {
            copy_code(button);
        } else if is_plain_click(&event)
            && let Some(link) = closest::<HtmlElement>(&target, &format!("a.{IMAGE_LINK_CLASS}"))
        {
            event.prevent_default();
            open_image(&link);
        }
    });
}

/// The element or ancestor of `element` that matches `selector`, as a `T`.
fn closest<T: JsCast>(element: &Element, selector: &str) -> Option<T> {
    element.closest(selector).ok()??.dyn_into::<T>().ok()
}

/// A polite live region at the end of the body, there before anything is announced (a
/// region added together with its message is often not read).
fn add_status_region() {
    let document = document();
    if document.get_element_by_id(STATUS_ID).is_some() {
        return;
    }
    let (Ok(region), Some(body)) = (document.create_element("div"), document.body()) else {
        return;
    };
    region.set_id(STATUS_ID);
    region.set_class_name("visually-hidden");
    let _ = region.set_attribute("role", "status");
    let _ = region.set_attribute("aria-live", "polite");
    let _ = body.append_child(&region);
}

fn announce(message: &str) {
    if let Some(region) = document().get_element_by_id(STATUS_ID) {
        region.set_text_content(Some(message));
    }
}

/// Copies the code of `button`'s block, then says so on the button and to screen readers.
fn copy_code(button: HtmlElement) {
    let code = button
        .parent_element()
        .and_then(|block| block.query_selector("pre").ok().flatten())
        .and_then(|pre| pre.text_content())
        .unwrap_or_default();
    // Without its final line end, a pasted command does not run before the reader is ready.
    let code = code.trim_end_matches(['\n', '\r']);
    let clipboard = window().navigator().clipboard();
    // There is no clipboard outside a secure context (plain http to another host).
    let copying = (!clipboard.is_undefined()).then(|| JsFuture::from(clipboard.write_text(code)));
    spawn_local(async move {
        let copied = match copying {
            Some(copying) => copying.await.is_ok(),
            None => false,
        };
        let message = if copied { "Copied" } else { "Copy failed" };
        announce(message);
        button.set_text_content(Some(message));
        set_timeout(
            move || {
                button.set_text_content(Some(COPY_LABEL));
                announce("");
            },
            COPY_FEEDBACK_TIME,
        );
    });
}

/// Shows the image of `link` large in a modal overlay with its caption (a figure's caption,
/// else its alt text). Escape, a click or the Close button close it; focus goes back to the
/// link.
fn open_image(link: &HtmlElement) {
    let document = document();
    let (Some(image), Some(source), Some(body)) = (
        link.query_selector("img").ok().flatten(),
        link.get_attribute("href"),
        document.body(),
    ) else {
        return;
    };
    let Ok(overlay) = document
        .create_element("dialog")
        .map(JsCast::unchecked_into::<HtmlDialogElement>)
    else {
        return;
    };
    let alt = image.get_attribute("alt").unwrap_or_default();
    // A figure's caption is the page's own safe HTML; the alt text is plain text.
    let caption = link
        .closest("figure")
        .ok()
        .flatten()
        .and_then(|figure| figure.query_selector("figcaption").ok().flatten())
        .map(|caption| caption.inner_html())
        .or_else(|| (!alt.is_empty()).then(|| escape_html(&alt)))
        .map(|caption| format!("<figcaption>{caption}</figcaption>"))
        .unwrap_or_default();
    overlay.set_class_name("image-zoom");
    let _ = overlay.set_attribute("aria-label", if alt.is_empty() { "Image" } else { &alt });
    overlay.set_inner_html(&format!(
        "<button type=\"button\" class=\"image-zoom-close\" autofocus>Close</button>\
         <figure><img src=\"{}\" alt=\"{}\">{caption}</figure>",
        escape_html(&source),
        escape_html(&alt)
    ));
    let (opener, closed) = (link.clone(), overlay.clone());
    let on_close = Closure::once_into_js(move || {
        closed.remove();
        let _ = opener.focus();
    });
    let _ = overlay.add_event_listener_with_callback("close", on_close.unchecked_ref());
    let _ = body.append_child(&overlay);
    let _ = overlay.show_modal();
}
