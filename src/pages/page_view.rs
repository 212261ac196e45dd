//! Turns a page's fetched source into HTML and picks the view for its kind.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::content_error::ContentErrorNotice;
use crate::content::front_matter;
use crate::content::render::render_html;
use crate::content::site::{PageEntry, PageKind, Site};
use crate::pages::article::ArticlePage;
use crate::pages::home::HomePage;
use crate::pages::section::SectionPage;
use crate::pages::taxonomy::TaxonomyPage;

/// Shows `entry` with the body rendered from `source_text` (its whole file, front matter
/// included; `None` for a list page without an `_index.md`), and pager `pager` of its list.
#[component]
pub fn PageView(
    site: Arc<Site>,
    entry: PageEntry,
    pager: usize,
    source_text: Option<Arc<str>>,
) -> impl IntoView {
    let body_html = match source_text {
        None => Ok(String::new()),
        Some(text) => body_html(&site, &entry, &text),
    };
    let body_html = match body_html {
        Ok(html) => html,
        Err(message) => return view! { <ContentErrorNotice message=message /> }.into_any(),
    };
    let (pager, items) = site.pager(&entry, pager);
    let pages: Vec<PageEntry> = items.into_iter().cloned().collect();
    match entry.kind {
        PageKind::Home => {
            view! { <HomePage entry=entry body_html=body_html pages=pages pager=pager /> }
                .into_any()
        }
        PageKind::Section | PageKind::Term => view! {
            <SectionPage entry=entry body_html=body_html pages=pages pager=pager />
        }
        .into_any(),
        PageKind::Taxonomy => {
            let terms = pages
                .into_iter()
                .map(|term| {
                    let count = site.list(&term).len();
                    (term, count)
                })
                .collect();
            view! { <TaxonomyPage entry=entry body_html=body_html terms=terms /> }.into_any()
        }
        PageKind::Page => view! { <ArticlePage entry=entry body_html=body_html /> }.into_any(),
    }
}

/// The page body as HTML, or a message naming the file and line when it cannot be read.
fn body_html(site: &Site, entry: &PageEntry, text: &str) -> Result<String, String> {
    let split = front_matter::split(text).map_err(|error| format!("{}: {error}", entry.source))?;
    Ok(render_html(site, entry, split.body).html)
}
