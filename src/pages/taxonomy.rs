//! A taxonomy page (`/tags/`): its `_index.md`, then every term by name with its number of
//! pages.

use leptos::prelude::*;

use crate::components::link_list::{Link, LinkList};
use crate::components::page_body::PageBody;
use crate::components::page_header::PageHeader;
use crate::content::site::PageEntry;

#[component]
pub fn TaxonomyPage(
    entry: PageEntry,
    body_html: String,
    breadcrumbs: Vec<Link>,
    /// Each term's page and how many pages name the term.
    terms: Vec<(PageEntry, usize)>,
) -> impl IntoView {
    let links = terms
        .into_iter()
        .map(|(term, count)| Link {
            url: term.url,
            text: format!("{} ({count})", term.title),
            current: false,
            kind: None,
        })
        .collect();
    view! {
        <article class="page taxonomy">
            <PageHeader breadcrumbs=breadcrumbs title=entry.title date=None />
            <PageBody html=body_html />
            <LinkList class="terms" links=links />
        </article>
    }
}
