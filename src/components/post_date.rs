//! A page date as readers expect it (`May 10, 2025`), machine-readable too.

use leptos::prelude::*;

use crate::content::date::Date;

#[component]
pub fn PostDate(date: Date) -> impl IntoView {
    view! { <time class="post-date" datetime=date.rfc3339()>{date.display()}</time> }
}
