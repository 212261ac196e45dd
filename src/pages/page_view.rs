//! Turns a page's fetched source into HTML and picks the view for its kind, with what its
//! route's data has: the links that place it (breadcrumbs, tags, series, previous and next)
//! and its list.

use leptos::prelude::*;

use crate::app::PageBody;
use crate::components::content_error::ContentErrorNotice;
use crate::content::display::Display;
use crate::content::front_matter;
use crate::content::render::{BodyHtml, render_html};
use crate::content::route_model::RouteModel;
use crate::content::site::{PageEntry, PageKind, Site, SiteConfig};
use crate::pages::article::ArticlePage;
use crate::pages::home::HomePage;
use crate::pages::section::SectionPage;
use crate::pages::taxonomy::TaxonomyPage;

/// Shows the route of `model` with its page's `body` (rendered here from its source when it
/// comes as one, with the site's `config`).
#[component]
pub fn PageView(config: SiteConfig, model: RouteModel, body: PageBody) -> impl IntoView {
    // The site the body's links resolve in: the pages the build found they lead to.
    let site = model.render_site(&config);
    let RouteModel {
        pages,
        page_index,
        pager,
        links,
        items,
        item_counts,
        archives_html,
        ..
    } = model;
    let Some(entry) = pages.into_iter().nth(page_index) else {
        return ().into_any();
    };
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
    let mut links = links;
    if !display.breadcrumbs {
        links.breadcrumbs.clear();
    }
    let body_html = body.html.clone();
    let cards = || {
        items
            .iter()
            .map(|page| (page.clone(), Display::of(&site, page)))
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
                breadcrumbs=links.breadcrumbs
                pages=cards()
                pager=pager
                display=display
            />
        }
        .into_any(),
        PageKind::Taxonomy => {
            let terms = items.into_iter().zip(item_counts).collect();
            view! {
                <TaxonomyPage
                    entry=entry
                    body_html=body_html
                    breadcrumbs=links.breadcrumbs
                    terms=terms
                />
            }
            .into_any()
        }
        PageKind::Page => {
            let mut body = body;
            body.html.push_str(&archives_html);
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
