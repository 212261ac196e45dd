//! Turns a page's fetched source into HTML and picks the view for its kind, with the links
//! that place it in the site (breadcrumbs, tags, series, previous and next).

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::PageBody;
use crate::components::content_error::ContentErrorNotice;
use crate::components::link_list::Link;
use crate::content::display::Display;
use crate::content::front_matter;
use crate::content::render::{BodyHtml, render_html};
use crate::content::site::{PageEntry, PageKind, Site};
use crate::pages::archives::archive_html;
use crate::pages::article::{ArticleLinks, ArticlePage};
use crate::pages::home::HomePage;
use crate::pages::section::SectionPage;
use crate::pages::taxonomy::TaxonomyPage;

/// Shows `entry` with its `body` (rendered here from its source when it comes as one), and
/// pager `pager` of its list.
#[component]
pub fn PageView(site: Arc<Site>, entry: PageEntry, pager: usize, body: PageBody) -> impl IntoView {
    let body = match body {
        PageBody::Empty => Ok(BodyHtml::default()),
        PageBody::Rendered(body) => Ok(body),
        PageBody::Source(text) => body_html(&site, &entry, &text),
    };
    let body = match body {
        Ok(body) => body,
        Err(message) => return view! { <ContentErrorNotice message=message /> }.into_any(),
    };
    let display = Display::of(&site, &entry);
    let breadcrumbs = if display.breadcrumbs {
        breadcrumbs(&site, &entry)
    } else {
        Vec::new()
    };
    let (pager, items) = site.pager(&entry, pager);
    let body_html = body.html.clone();
    let cards = || {
        items
            .iter()
            .map(|page| ((*page).clone(), Display::of(&site, page)))
            .collect::<Vec<_>>()
    };
    match entry.kind {
        PageKind::Home => {
            view! { <HomePage entry=entry body_html=body_html pages=cards() pager=pager /> }
                .into_any()
        }
        PageKind::Section | PageKind::Term => view! {
            <SectionPage
                entry=entry
                body_html=body_html
                breadcrumbs=breadcrumbs
                pages=cards()
                pager=pager
                display=display
            />
        }
        .into_any(),
        PageKind::Taxonomy => {
            let terms = items
                .iter()
                .map(|term| ((*term).clone(), site.list(term).len()))
                .collect();
            view! {
                <TaxonomyPage entry=entry body_html=body_html breadcrumbs=breadcrumbs terms=terms />
            }
            .into_any()
        }
        PageKind::Page => {
            let mut body = body;
            if entry.is_archives() {
                body.html.push_str(&archive_html(&site.archives()));
            }
            let mut links = article_links(&site, &entry, breadcrumbs);
            if !display.post_nav {
                links.neighbours.clear();
            }
            view! { <ArticlePage entry=entry body=body links=links display=display /> }.into_any()
        }
    }
}

/// The page body and its table of contents, or a message naming the file and line when it
/// cannot be read.
fn body_html(site: &Site, entry: &PageEntry, text: &str) -> Result<BodyHtml, String> {
    let split = front_matter::split(text).map_err(|error| format!("{}: {error}", entry.source))?;
    Ok(render_html(site, entry, split.body))
}

/// How many parts of a series its box shows at most: a window around the article's own.
const SERIES_WINDOW: usize = 7;

/// A link to `page`, marked when it is `current`.
fn link(page: &PageEntry, current: &PageEntry) -> Link {
    Link {
        url: page.url.clone(),
        text: page.title.clone(),
        current: page.url == current.url,
        kind: None,
    }
}

/// Home › Section › … › the page itself; nothing on the home page.
fn breadcrumbs(site: &Site, entry: &PageEntry) -> Vec<Link> {
    let ancestors = site.ancestors(entry);
    if ancestors.is_empty() {
        return Vec::new();
    }
    ancestors
        .into_iter()
        .chain([entry])
        .map(|page| {
            let mut link = link(page, entry);
            if page.kind == PageKind::Home {
                "Home".clone_into(&mut link.text);
            }
            link
        })
        .collect()
}

fn article_links(site: &Site, entry: &PageEntry, breadcrumbs: Vec<Link>) -> ArticleLinks {
    let (previous, next) = site.neighbours(entry);
    ArticleLinks {
        breadcrumbs,
        tags: site
            .tags(entry)
            .iter()
            .map(|tag| link(tag, entry))
            .collect(),
        series: site
            .series(entry)
            .iter()
            .flat_map(|series| {
                let mut title = Link {
                    kind: Some("series-title"),
                    ..link(series.list, entry)
                };
                let shown = series.window(entry, SERIES_WINDOW);
                let count = series.pages.len();
                // A window of a long series: its parts go unnumbered (the stylesheet numbers
                // a list from 1), and the title says which part this is.
                let windowed = shown.len() < count;
                if windowed
                    && let Some(index) = series.pages.iter().position(|page| page.url == entry.url)
                {
                    title.text = format!("{} · part {} of {count}", title.text, index + 1);
                }
                let parts = series.pages.get(shown).unwrap_or_default();
                let parts = parts.iter().map(move |page| Link {
                    kind: windowed.then_some("series-part"),
                    ..link(page, entry)
                });
                std::iter::once(title).chain(parts)
            })
            .collect(),
        // The stylesheet labels them "Previous" and "Next".
        neighbours: [(previous, "previous"), (next, "next")]
            .into_iter()
            .filter_map(|(page, kind)| {
                Some(Link {
                    kind: Some(kind),
                    ..link(page?, entry)
                })
            })
            .collect(),
    }
}
