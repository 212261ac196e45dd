//! A page's header: breadcrumbs, title, meta line and tags.

use leptos::prelude::*;

use crate::components::link_list::Link;
use crate::components::link_nav::LinkNav;
use crate::components::page_meta::PageMeta;
use crate::content::date::Date;

#[component]
pub fn PageHeader(
    breadcrumbs: Vec<Link>,
    title: String,
    date: Option<Date>,
    #[prop(optional_no_strip)] updated: Option<Date>,
    #[prop(optional)] reading_time: usize,
    #[prop(optional)] word_count: usize,
    #[prop(optional_no_strip)] author: Option<String>,
    #[prop(optional)] tags: Vec<Link>,
) -> impl IntoView {
    view! {
        <header class="page-header">
            <LinkNav label="Breadcrumb" class="breadcrumb-trail" links=breadcrumbs />
            <h1 class="page-title">{title}</h1>
            <PageMeta
                date=date
                updated=updated
                reading_time=reading_time
                word_count=word_count
                author=author
            />
            <LinkNav label="Tags" class="tags" links=tags />
        </header>
    }
}
