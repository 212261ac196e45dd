//! The lookups over a site's pages, each a map made in one pass over them: by URL, by source
//! file, by alias, by the `ref`/`relref` key of Hugo's content paths ([`reference_key`]) and that
//! key's base name, and the pages under each parent and naming each term (so a list is
//! the pages it holds, not a scan of the site: a build lists every section and term once per
//! pager, which a scan would make quadratic in pages). Link resolution ([`crate::links`]) makes the key of a reference by the
//! same rules.

use std::cmp::Reverse;
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

use super::{PageEntry, PageKind, SiteConfig, first_positions};
use crate::url::clean_path;

/// Lower case and spaces to `-`, as Hugo normalises content paths for lookups.
pub(crate) fn normalize(path: &str) -> String {
    path.to_lowercase().replace(' ', "-")
}

/// A normalised path as a lookup key: no `.md`, no `index`/`_index` file name.
pub(crate) fn reference_key(path: &str) -> String {
    let without_extension = path.strip_suffix(".md").unwrap_or(path);
    for index in ["index", "_index"] {
        if without_extension == index {
            return String::new();
        }
        if let Some(folder) = without_extension.strip_suffix(&format!("/{index}")) {
            return folder.to_owned();
        }
    }
    without_extension.to_owned()
}

/// The lookup key of a page: its source below `content/`, normalised; a section without
/// `_index.md` is known by its URL, which Hugo builds from the same folder name.
fn reference_key_of(page: &PageEntry, base_path: &str) -> Option<String> {
    match page.source.strip_prefix("content/") {
        Some(path) => Some(clean_path(&reference_key(&normalize(path)))),
        None if page.source.is_empty() => Some(clean_path(
            page.url.strip_prefix(base_path).unwrap_or(&page.url),
        )),
        None => None,
    }
}

fn base_name(key: &str) -> &str {
    key.rsplit('/').next().unwrap_or(key)
}

/// Where pages are (their index among the site's pages; the first page of each URL, source
/// and key), so each lookup is a map's: a build resolves every reference of every page and
/// finds every listed page by its URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PageLookup {
    by_url: BTreeMap<String, usize>,
    by_source: BTreeMap<String, usize>,
    /// The first page that lists each old address among its `aliases`.
    by_alias: BTreeMap<String, usize>,
    by_key: BTreeMap<String, usize>,
    /// The first two pages of each base name of a key: a third cannot make a reference more
    /// ambiguous.
    by_base_name: BTreeMap<String, usize>,
    second_by_base_name: BTreeMap<String, usize>,
    /// The pages whose parent is each URL, in the pages' order.
    by_parent: BTreeMap<String, Vec<usize>>,
    /// The pages that name each term URL, in the pages' order.
    by_term: BTreeMap<String, Vec<usize>>,
    /// The pages the home page lists, in order.
    home: Vec<usize>,
}

/// The top-level section `page` is in (Hugo's `Type` of a page without `type` front matter):
/// the first folder of its section's URL (of its own, for a section) under `base_path`;
/// empty for a page at the root of the content.
fn top_section<'p>(page: &'p PageEntry, base_path: &str) -> &'p str {
    let section_url = if page.kind == PageKind::Section {
        &page.url
    } else {
        &page.parent
    };
    let path = section_url.strip_prefix(base_path).unwrap_or(section_url);
    path.trim_start_matches('/').split('/').next().unwrap_or("")
}

/// The sections whose pages the home page lists: `config`'s `mainSections`, else Hugo's
/// default, the top-level section with the most regular pages (the first by name of those
/// with as many); none when no regular page is in a section.
fn main_sections<'p>(
    pages: &'p [PageEntry],
    config: &'p SiteConfig,
    base_path: &str,
) -> Vec<&'p str> {
    if !config.main_sections.is_empty() {
        return config.main_sections.iter().map(String::as_str).collect();
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for section in listed_article_sections(pages, base_path) {
        if !section.is_empty() {
            *counts.entry(section).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .min_by_key(|&(section, count)| (Reverse(count), section))
        .map(|(section, _)| vec![section])
        .unwrap_or_default()
}

/// The top-level section of each regular page that site-wide lists show.
fn listed_article_sections<'p, 'b>(
    pages: &'p [PageEntry],
    base_path: &'b str,
) -> impl Iterator<Item = &'p str> + use<'p, 'b> {
    pages
        .iter()
        .filter(|page| page.is_article() && page.is_listed(true))
        .map(move |page| top_section(page, base_path))
}

/// The names in `config`'s `mainSections` that no listed regular page is in: the home page
/// shows nothing of them (a misspelt name, or a section not yet written).
pub(crate) fn empty_main_sections<'c>(pages: &[PageEntry], config: &'c SiteConfig) -> Vec<&'c str> {
    let base_path = config.base_path();
    let written: BTreeSet<&str> = listed_article_sections(pages, &base_path).collect();
    config
        .main_sections
        .iter()
        .map(String::as_str)
        .filter(|section| !written.contains(section))
        .collect()
}

impl PageLookup {
    /// The lookups over `pages` of a site of `config` (their URLs start with its base path).
    pub(crate) fn of(pages: &[PageEntry], config: &SiteConfig) -> PageLookup {
        let base_path = config.base_path();
        let base_path = base_path.as_str();
        let mut lookup = PageLookup {
            by_url: first_positions(pages.iter().map(|page| page.url.as_str())),
            by_source: first_positions(pages.iter().map(|page| page.source.as_str())),
            ..PageLookup::default()
        };
        for (index, page) in pages.iter().enumerate() {
            lookup
                .by_parent
                .entry(page.parent.clone())
                .or_default()
                .push(index);
            for term in &page.terms {
                let pages = lookup.by_term.entry(term.clone()).or_default();
                // A term written twice lists the page once.
                if pages.last() != Some(&index) {
                    pages.push(index);
                }
            }
            for alias in &page.aliases {
                lookup.by_alias.entry(alias.clone()).or_insert(index);
            }
            let Some(key) = reference_key_of(page, base_path) else {
                continue;
            };
            match lookup.by_base_name.entry(base_name(&key).to_owned()) {
                Entry::Vacant(first) => {
                    first.insert(index);
                }
                Entry::Occupied(first) => {
                    lookup
                        .second_by_base_name
                        .entry(first.key().clone())
                        .or_insert(index);
                }
            }
            lookup.by_key.entry(key).or_insert(index);
        }
        let main_sections = main_sections(pages, config, base_path);
        lookup.home = pages
            .iter()
            .enumerate()
            .filter(|(_, page)| {
                // A top-level section is not listed among its own pages.
                let is_top_section = page.kind == PageKind::Section && page.parent == base_path;
                page.is_on_home_page()
                    && !is_top_section
                    && (main_sections.is_empty()
                        || main_sections.contains(&top_section(page, base_path)))
            })
            .map(|(index, _)| index)
            .collect();
        lookup
    }

    /// The first page whose URL is `url`.
    pub(crate) fn by_url(&self, url: &str) -> Option<usize> {
        self.by_url.get(url).copied()
    }

    /// The first page whose source file is `source`.
    pub(crate) fn by_source(&self, source: &str) -> Option<usize> {
        self.by_source.get(source).copied()
    }

    /// The first page that lists `url` among its aliases.
    pub(crate) fn by_alias(&self, url: &str) -> Option<usize> {
        self.by_alias.get(url).copied()
    }

    /// The first page whose [`reference_key`] is `key`.
    pub(crate) fn by_key(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    /// The pages the home page lists, in order.
    pub(crate) fn home(&self) -> &[usize] {
        &self.home
    }

    /// The pages whose parent is `url`, in order.
    pub(crate) fn by_parent(&self, url: &str) -> &[usize] {
        self.by_parent.get(url).map_or(&[], Vec::as_slice)
    }

    /// The pages that name the term at `url`, in order.
    pub(crate) fn by_term(&self, url: &str) -> &[usize] {
        self.by_term.get(url).map_or(&[], Vec::as_slice)
    }

    /// The first two pages whose key's base name is `name`.
    pub(crate) fn by_base_name(&self, name: &str) -> (Option<usize>, Option<usize>) {
        (
            self.by_base_name.get(name).copied(),
            self.second_by_base_name.get(name).copied(),
        )
    }
}
