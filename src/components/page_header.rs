//! A page's title and date.

use leptos::prelude::*;

use crate::components::post_date::PostDate;
use crate::content::date::Date;

#[component]
pub fn PageHeader(title: String, date: Option<Date>) -> impl IntoView {
    view! {
        <header class="page-header">
            <h1 class="page-title">{title}</h1>
            {date.map(|date| view! { <p class="page-meta"><PostDate date=date /></p> })}
        </header>
    }
}
