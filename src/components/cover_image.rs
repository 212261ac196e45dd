//! A page's cover image with its caption. The build only lists covers whose file exists;
//! should one still fail to load, it is hidden rather than shown as a broken image.

use leptos::prelude::*;

use crate::content::site::Cover;

#[component]
pub fn CoverImage(cover: Cover) -> impl IntoView {
    let failed = RwSignal::new(false);
    let caption =
        (!cover.caption.is_empty()).then(|| view! { <figcaption>{cover.caption}</figcaption> });
    // Two forms rather than optional attributes: the prerendered markup must equal the
    // browser's, attribute for attribute.
    let image = match cover.size {
        Some((width, height)) => view! {
            <img
                src=cover.image
                alt=cover.alt
                width=width
                height=height
                on:error=move |_| failed.set(true)
            />
        }
        .into_any(),
        None => view! { <img src=cover.image alt=cover.alt on:error=move |_| failed.set(true) /> }
            .into_any(),
    };
    view! {
        <figure class="cover" hidden=move || failed.get()>
            {image}
            {caption}
        </figure>
    }
}
