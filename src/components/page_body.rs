//! A rendered Markdown body. Its HTML comes from the content core, which omits raw HTML
//! and empties dangerous URLs, so it is safe to insert as is.

use leptos::prelude::*;

#[component]
pub fn PageBody(html: String) -> impl IntoView {
    (!html.is_empty()).then(|| view! { <div class="content" inner_html=html></div> })
}
