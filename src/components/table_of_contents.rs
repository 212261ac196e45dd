//! An article's table of contents: its h2 and h3 headings as links. Beside the article on
//! wide screens, collapsed above it on narrow ones (a `<details>`; the stylesheet decides).
//! Once the app is live it follows the reading position: the link to the heading being read
//! is marked `aria-current`. The prerendered page has no mark, so its markup is the app's.

use leptos::prelude::*;

use crate::components::link_list::{Link, LinkList};
use crate::content::markdown::Heading;

#[component]
pub fn TableOfContents(
    headings: Vec<Heading>,
    /// Open at first where it folds (narrow screens): the page's `TocOpen`.
    open: bool,
) -> impl IntoView {
    #[cfg(target_arch = "wasm32")]
    follow_reading_position(headings.iter().map(|heading| heading.id.clone()).collect());
    let links = headings
        .into_iter()
        .map(|heading| Link {
            url: format!("#{}", heading.id),
            text: heading.text,
            current: false,
            kind: (heading.level == 3).then_some("toc-h3"),
        })
        .collect();
    view! {
        <nav class="toc" aria-label="Table of contents">
            <details open=open>
                <summary>"Contents"</summary>
                <LinkList class="toc-list" links=links />
            </details>
        </nav>
    }
}

/// Marks the link to the last heading (of `ids`, in order) that has scrolled past the upper
/// third of the window: the part being read. Checked on every scroll and once the page is
/// in place; the listener goes with the table. The mark is set on the elements directly:
/// no view depends on it, and a reactive attribute per link cost 2 KB (gzip) of wasm.
/// Headings stand in document order, so their tops only grow: a binary search looks at a
/// few of them per scroll, not all (a page of 40,000 headings took minutes to open).
#[cfg(target_arch = "wasm32")]
fn follow_reading_position(ids: Vec<String>) {
    use std::cell::Cell;
    use std::rc::Rc;

    let marked = Rc::new(Cell::new(None::<usize>));
    let update = move || {
        let document = document();
        let reading_line = window()
            .inner_height()
            .ok()
            .and_then(|height| height.as_f64())
            .unwrap_or(0.0)
            / 3.0;
        let above = ids.partition_point(|id| {
            document
                .get_element_by_id(id)
                .is_some_and(|heading| heading.get_bounding_client_rect().top() <= reading_line)
        });
        let read = above.checked_sub(1);
        if marked.replace(read) == read {
            return;
        }
        if let Ok(Some(link)) = document.query_selector(".toc a[aria-current]") {
            let _ = link.remove_attribute("aria-current");
        }
        let link = read.and_then(|index| {
            let links = document.query_selector_all(".toc a").ok()?;
            links.item(u32::try_from(index).ok()?)
        });
        if let Some(link) =
            link.and_then(|node| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok())
        {
            let _ = link.set_attribute("aria-current", "true");
        }
    };
    let on_scroll = update.clone();
    let listener = window_event_listener(leptos::ev::scroll, move |_| on_scroll());
    on_cleanup(move || listener.remove());
    request_animation_frame(update);
}
