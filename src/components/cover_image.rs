//! A page's cover image with its caption. The build only lists covers whose file exists;
//! should one still fail to load, it is hidden rather than shown as a broken image.

use leptos::prelude::*;

use crate::content::site::Cover;

#[component]
pub fn CoverImage(cover: Cover) -> impl IntoView {
    let failed = RwSignal::new(false);
    let caption =
        (!cover.caption.is_empty()).then(|| view! { <figcaption>{cover.caption}</figcaption> });
    view! {
        <figure class="cover" hidden=move || failed.get()>
            <img src=cover.image alt=cover.alt on:error=move |_| failed.set(true) />
            {caption}
        </figure>
    }
}
