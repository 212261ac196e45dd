//! Taxonomies (Hugo's `tags` and `categories` by default, or the configured ones): the
//! taxonomy page that lists every term (`/tags/`) and one page per term (`/tags/rust/`)
//! listing the pages that name it. Each page entry keeps the URLs of its terms; the term
//! lists are derived from those by [`Site`](blogreader_content::site::Site) methods.
//!
//! The build adds the pages an `_index.md` does not already give (`content/tags/_index.md`
//! and `content/tags/rust/_index.md` supply titles and bodies, as in Hugo), titles each term as
//! first written (in file order), title-cased as the site's list titles are, and dates it by
//! its newest page.

use std::collections::HashMap;
use std::iter;

use blogreader_content::date::Date;

use blogreader_content::site::{PageEntry, PageKind, empty_entry};
use blogreader_content::url::url_from_segments;

use super::config::BuildConfig;

/// The URL of a taxonomy's page: `/tags/`.
pub fn taxonomy_url(plural: &str) -> String {
    url_from_segments(iter::once(plural))
}

/// The URL of a term's page, each `/`-separated part of the term made URL-safe as Hugo does
/// (`Web Assembly` → `/tags/web-assembly/`, `C++` → `/tags/c++/`, `a/b` → `/tags/a/b/`);
/// `None` when nothing URL-safe is left of the term.
pub fn term_url(plural: &str, term: &str) -> Option<String> {
    let url = url_from_segments(iter::once(plural).chain(term.split('/')));
    (url.len() > taxonomy_url(plural).len()).then_some(url)
}

/// The taxonomy page that lists the term at `term_url`, among `taxonomies` (plurals).
fn taxonomy_of(taxonomies: &[String], term_url: &str) -> Option<String> {
    taxonomies
        .iter()
        .map(|plural| taxonomy_url(plural))
        .find(|url| term_url.starts_with(url.as_str()))
}

/// Adds the taxonomy and term pages that no `_index.md` made, titles the terms and sets
/// parents: a term's is its taxonomy page, a taxonomy page has none. `written_terms` is every (term URL, term as written) in file
/// order: the first spelling of a term names its page, as in Hugo.
pub(crate) fn add_taxonomy_pages(
    config: &BuildConfig,
    written_terms: &[(String, &str)],
    pages: &mut Vec<PageEntry>,
) {
    let taxonomies = &config.taxonomies;
    for plural in taxonomies {
        let url = taxonomy_url(plural);
        if !pages.iter().any(|page| page.url == url) {
            let mut taxonomy = empty_entry(PageKind::Taxonomy, url);
            taxonomy.title = config.list_titles.taxonomy(plural);
            pages.push(taxonomy);
        }
    }
    // No list shows a taxonomy page: Hugo's home page lists sections only.
    for taxonomy in pages
        .iter_mut()
        .filter(|page| page.kind == PageKind::Taxonomy)
    {
        taxonomy.parent.clear();
    }
    // Where each term's page is, found once for all the spellings of the term.
    let mut term_pages: HashMap<String, usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, page)| page.kind == PageKind::Term)
        .rev()
        .map(|(index, page)| (page.url.clone(), index))
        .collect();
    for (url, written) in written_terms {
        let existing = term_pages.get(url).and_then(|index| pages.get_mut(*index));
        match existing {
            Some(term) if term.title.is_empty() => term.title = config.list_titles.term(written),
            Some(_) => {}
            None => {
                let mut term = empty_entry(PageKind::Term, url.clone());
                term.title = config.list_titles.term(written);
                term_pages.insert(url.clone(), pages.len());
                pages.push(term);
            }
        }
    }
    for term in pages.iter_mut().filter(|page| page.kind == PageKind::Term) {
        // An `_index.md` of a term no page names keeps its folder name.
        if term.title.is_empty() {
            let last = term.url.trim_end_matches('/').rsplit('/').next();
            term.title = last.unwrap_or_default().to_owned();
        }
        if let Some(parent) = taxonomy_of(taxonomies, &term.url) {
            term.parent = parent;
        }
    }
}

/// A term page without a date of its own takes the newest date of the pages that name it.
pub(crate) fn date_terms(pages: &mut [PageEntry]) {
    // The newest date among the pages that name each term (the last of equal ones, as
    // `max_by_key` keeps).
    let mut newest: HashMap<&str, Date> = HashMap::new();
    for page in pages.iter() {
        let Some(date) = page.date else {
            continue;
        };
        for term in &page.terms {
            newest
                .entry(term.as_str())
                .and_modify(|known| {
                    if date.unix() >= known.unix() {
                        *known = date;
                    }
                })
                .or_insert(date);
        }
    }
    let dates: Vec<Option<Date>> = pages
        .iter()
        .map(|term| {
            if term.kind != PageKind::Term || term.date.is_some() {
                return term.date;
            }
            newest.get(term.url.as_str()).copied()
        })
        .collect();
    for (page, date) in pages.iter_mut().zip(dates) {
        page.date = date;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn term_urls_are_made_url_safe_like_hugos() {
        let url = |term: &str| term_url("tags", term).unwrap_or_default();
        assert_eq!(url("Rust"), "/tags/rust/");
        assert_eq!(url("Web Assembly"), "/tags/web-assembly/");
        assert_eq!(url("C++"), "/tags/c++/");
        assert_eq!(url("Ünïcode"), "/tags/ünïcode/");
        assert_eq!(url("Hello, World!"), "/tags/hello-world/");
        assert_eq!(url("100%"), "/tags/100/");
        assert_eq!(url("x.y"), "/tags/x.y/");
        assert_eq!(url("snake_case"), "/tags/snake_case/");
        assert_eq!(url("  spaced  "), "/tags/spaced/");
        assert_eq!(url("a/b"), "/tags/a/b/");
        assert_eq!(term_url("tags", " !? "), None);
        assert_eq!(taxonomy_url("Series"), "/series/");
    }
}
