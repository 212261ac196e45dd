//! What the app needs to show one route, and nothing of the rest of the site: the build
//! computes a [`RouteModel`] for every route from the whole site and writes it beside the
//! route's page (`route.json`), with one [`SiteData`] for all routes (`site.json`); the
//! prerendered page is rendered from the same model. So what a visit fetches is the same at
//! 10 posts and at 10,000: the site's small shared data, then per page its model and its
//! Markdown.
//!
//! A model holds the route's page, the links that place it (breadcrumbs, tags, the window of
//! its series, previous and next), the shown slice of its list with the pager's totals, and
//! the pages its body's links resolve to: the build records every page the lookups found
//! while it rendered the body (`Site::recording_lookups`, native only), and a site of those pages alone
//! resolves each `ref`, `relref` and `.md` link of the page as the whole site does.

use serde::Serialize;

use super::html::escape_html;
use super::navigation::ArchiveYear;
use super::routes::{Pager, Route};
use super::site::{PageEntry, PageKind, Site, SiteConfig, is_default};

/// How many parts of a series its box shows at most: a window around the article's own.
const SERIES_WINDOW: usize = 7;

/// The kinds a [`Link`] of a route's data may have (each a `data-kind` the stylesheet
/// styles; a table of contents' `toc-h3` is the app's own).
pub const LINK_KINDS: [&str; 4] = ["series-title", "series-part", "previous", "next"];

/// One link of a list of links (breadcrumbs, tags, a series, a menu, a table of contents).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub url: String,
    pub text: String,
    /// The link to the page on show (`aria-current="page"`).
    #[serde(skip_serializing_if = "is_default")]
    pub current: bool,
    /// What sets the item apart from the others, for the stylesheet (`data-kind`), one of
    /// [`LINK_KINDS`]: a table of contents' sub-heading, a series' title or window part, the
    /// previous or the next article. (Not a class: Leptos 0.8 prerenders an absent optional
    /// class as `class=""`, which the app leaves out, and the two pages must be the same.)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
}

/// Where a page stands in the site, as links.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ArticleLinks {
    /// Home › Section › … › the page itself; none on the home page.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub breadcrumbs: Vec<Link>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Link>,
    /// The series it belongs to, one after the other: each one's page (of the kind
    /// `series-title`), then its articles in order (a window of them around this one in a
    /// long series), this one marked current.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub series: Vec<Link>,
    /// The articles before and after it in its section (`← Previous`, `Next →`), either
    /// or both.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub neighbours: Vec<Link>,
}

/// What every route of a site shares: its config and the few facts of the whole site that
/// pages show. Written once (`site.json`), fetched once per visit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteData {
    pub config: SiteConfig,
    /// The year of the newest dated page, for the footer's copyright line.
    pub newest_year: Option<i32>,
    /// The archives page and the tags page, where the search page sends a reader without
    /// JavaScript.
    pub archives_url: Option<String>,
    pub tags_url: Option<String>,
    /// The search page's URL, unless a page of the site is there.
    pub search_url: Option<String>,
}

impl SiteData {
    /// The site's data as its file holds it (`site.json`). Serialized here, in the content
    /// core, which the tool's debug build runs optimized (serde's generic code is compiled
    /// where it is called).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn of(site: &Site) -> SiteData {
        let base_path = site.config().base_path();
        let tags_url = format!("{base_path}tags/");
        SiteData {
            config: site.config().clone(),
            newest_year: site.newest_year(),
            archives_url: site
                .pages()
                .iter()
                .find(|page| page.is_archives())
                .map(|page| page.url.clone()),
            tags_url: site.page_by_url(&tags_url).map(|page| page.url.clone()),
            search_url: site.search_url(),
        }
    }
}

/// What one route shows: its page (at one pager of its list), the links that place it, what
/// its list shows, and the pages its body's links lead to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RouteModel {
    /// The route's own URL (a further pager's, for one).
    pub url: String,
    /// The pages the body's lookups found, in the site's order, the route's page among them
    /// (at [`RouteModel::page_index`]): what the browser renders the body with.
    pub pages: Vec<PageEntry>,
    pub page_index: usize,
    pub pager: Pager,
    pub links: ArticleLinks,
    /// The pages the shown pager lists; a taxonomy's terms. (Always written: the reader
    /// takes a route data without it for a broken file.)
    pub items: Vec<PageEntry>,
    /// For a taxonomy, how many pages each of its terms lists; else empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub item_counts: Vec<usize>,
    /// The archives page's list of every article (see [`archive_html`]); else empty.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub archives_html: String,
}

/// What a route's data file holds: a page's model, or the URL an old address (an alias, a
/// list's `page/1/`) redirects to.
#[derive(Debug, Clone, PartialEq)]
pub enum RouteFile {
    Page(Box<RouteModel>),
    Redirect(String),
}

impl RouteModel {
    /// The route's data as its file holds it (`route.json`; see [`SiteData::to_json`]).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The model of `route` of `site`; `looked_up` names (by URL) the pages the build's
    /// render of the page's body found.
    pub fn of(site: &Site, route: Route, looked_up: &[String]) -> RouteModel {
        let entry = route.page;
        let mut pages: Vec<(usize, &PageEntry)> = looked_up
            .iter()
            .chain([&entry.url])
            .filter_map(|url| {
                let index = site.position_of(url)?;
                Some((index, site.pages().get(index)?))
            })
            .collect();
        pages.sort_by_key(|(index, _)| *index);
        pages.dedup_by_key(|(index, _)| *index);
        let page_index = pages
            .iter()
            .position(|(_, page)| page.url == entry.url)
            .unwrap_or(0);
        let (pager, items) = site.pager(entry, route.pager);
        let item_counts = if entry.kind == PageKind::Taxonomy {
            items.iter().map(|term| site.list(term).len()).collect()
        } else {
            Vec::new()
        };
        let archives_html = if entry.is_archives() {
            archive_html(&site.archives())
        } else {
            String::new()
        };
        let pages = pages
            .into_iter()
            .map(|(_, page)| {
                if page.url == entry.url {
                    page.clone()
                } else {
                    for_lookups(page)
                }
            })
            .collect();
        RouteModel {
            url: route.canonical_url(),
            pages,
            page_index,
            pager,
            links: article_links(site, entry),
            items: items.into_iter().map(for_card).collect(),
            item_counts,
            archives_html,
        }
    }

    /// The route's page.
    pub fn page(&self) -> Option<&PageEntry> {
        self.pages.get(self.page_index)
    }

    /// The site the page's body is rendered with: `config` and the pages its links lead to.
    pub fn render_site(&self, config: &SiteConfig) -> Site {
        Site::new(config.clone(), self.pages.clone())
    }
}

/// What the browser's render reads of a page the body links to (its URL, source, kind and
/// build options, for the lookups); its summary, description, params, terms and cover stay
/// out of the route's data.
fn for_lookups(page: &PageEntry) -> PageEntry {
    PageEntry {
        summary_html: String::new(),
        description: String::new(),
        params: Vec::new(),
        terms: Vec::new(),
        cover: None,
        ..page.clone()
    }
}

/// What a list's card shows of a page (title, dates, cover, summary, reading time, and the
/// params that decide what the card shows); where its source is, its Markdown's integrity,
/// its aliases, terms and parent stay out of the route's data.
fn for_card(page: &PageEntry) -> PageEntry {
    PageEntry {
        source: String::new(),
        markdown_integrity: String::new(),
        aliases: Vec::new(),
        terms: Vec::new(),
        parent: String::new(),
        ..page.clone()
    }
}

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

fn article_links(site: &Site, entry: &PageEntry) -> ArticleLinks {
    if entry.kind != PageKind::Page {
        return ArticleLinks {
            breadcrumbs: breadcrumbs(site, entry),
            ..ArticleLinks::default()
        };
    }
    let (previous, next) = site.neighbours(entry);
    ArticleLinks {
        breadcrumbs: breadcrumbs(site, entry),
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

/// The archives (PaperMod's): each year as a section headed `2025 (4)`, each month in it
/// headed `June (3)` over the links to its articles. Shown after the archives page's own
/// text as HTML, the same markup prerendered and in the app.
pub fn archive_html(years: &[ArchiveYear]) -> String {
    let mut html = String::new();
    for year in years {
        html.push_str(&format!(
            "<section class=\"archive-year\"><h2>{} ({})</h2>",
            year.year,
            year.count()
        ));
        for month in &year.months {
            html.push_str(&format!(
                "<h3 class=\"archive-month\">{} ({})</h3><ul class=\"archive-list\">",
                month.name,
                month.pages.len()
            ));
            for page in &month.pages {
                html.push_str(&format!(
                    "<li><a href=\"{}\">{}</a></li>",
                    escape_html(&page.url),
                    escape_html(&page.title)
                ));
            }
            html.push_str("</ul>");
        }
        html.push_str("</section>");
    }
    html
}
