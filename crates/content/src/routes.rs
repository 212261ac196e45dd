//! Routes: every URL the site answers and what each shows, the one source of truth for both
//! the app ([`Site::route`]: URL → page and pager) and prerendering ([`Site::routes`]).
//!
//! Lists (the home page, sections, terms) are paginated as Hugo paginates them:
//! `pager_size` pages per pager, pager 1 at the list's URL, pager N at `<list url>page/N/`,
//! and `<list url>page/1/` a redirect to the list's URL. A page's `aliases` are redirects too.

use std::collections::BTreeSet;

use super::contract::SEARCH_PATH;
use super::site::{PageEntry, PageKind, Site};

/// The folder of a list's further pagers (Hugo's default `paginatePath`).
const PAGER_FOLDER: &str = "page";

/// The URL of pager `number` (1-based) of the list at `list_url`.
pub fn pager_url(list_url: &str, number: usize) -> String {
    if number <= 1 {
        list_url.to_owned()
    } else {
        pager_path(list_url, number)
    }
}

/// `<list url>page/<number>/`, which for pager 1 is a redirect to the list's URL.
fn pager_path(list_url: &str, number: usize) -> String {
    let slash = if list_url.ends_with('/') { "" } else { "/" };
    format!("{list_url}{slash}{PAGER_FOLDER}/{number}/")
}

/// How many pagers `items` pages make: at least one, even for an empty list (as in Hugo).
pub fn pager_count(items: usize, pager_size: usize) -> usize {
    items.div_ceil(pager_size.max(1)).max(1)
}

/// Where one pager of a list stands: what a pager nav needs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Pager {
    pub list_url: String,
    /// 1-based.
    pub number: usize,
    pub count: usize,
}

impl Pager {
    /// The URL of pager `number` of the same list.
    pub fn url(&self, number: usize) -> String {
        pager_url(&self.list_url, number)
    }

    /// The pager numbers a pager nav shows: every one of a short list; of a long one the
    /// first, the last and [`PAGER_NUMBERS_AROUND`] either side of this one, `None` where
    /// numbers are left out. So the nav is the same size at 10 pagers and at 1,000.
    pub fn numbers_shown(&self) -> Vec<Option<usize>> {
        let around = PAGER_NUMBERS_AROUND;
        if self.count <= 2 * around + 3 {
            return (1..=self.count).map(Some).collect();
        }
        let low = self.number.saturating_sub(around).max(1);
        let high = (self.number + around).min(self.count);
        let mut shown = Vec::new();
        let mut last = 0;
        for number in std::iter::once(1)
            .chain(low..=high)
            .chain(std::iter::once(self.count))
        {
            if number <= last {
                continue;
            }
            // A gap of one number shows the number, not a mark standing for it.
            if number == last + 2 {
                shown.push(Some(last + 1));
            } else if number > last + 2 {
                shown.push(None);
            }
            shown.push(Some(number));
            last = number;
        }
        shown
    }
}

/// How many pager numbers either side of the current one a long list's pager nav shows.
pub const PAGER_NUMBERS_AROUND: usize = 2;

/// A URL of the site and what it shows: a page, at one pager of its list.
#[derive(Debug, Clone, Copy)]
pub struct Route<'s> {
    pub page: &'s PageEntry,
    /// 1-based; 1 for a page that lists nothing.
    pub pager: usize,
}

impl Route<'_> {
    /// The address this content lives at. A URL that resolves to a route with another
    /// canonical URL (an alias, `page/1/`, a path without its trailing slash) redirects there.
    pub fn canonical_url(&self) -> String {
        pager_url(&self.page.url, self.pager)
    }
}

impl PartialEq for Route<'_> {
    /// The same page entry (not an equal one) at the same pager.
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.page, other.page) && self.pager == other.pager
    }
}

impl Site {
    /// Whether pages of `kind` list pages in pagers.
    pub fn is_paginated(kind: PageKind) -> bool {
        matches!(kind, PageKind::Home | PageKind::Section | PageKind::Term)
    }

    /// Pager `number` of `entry`'s list: where it stands and the pages it shows (every page
    /// of an unpaginated list, such as a taxonomy's terms).
    pub fn pager<'s>(&'s self, entry: &PageEntry, number: usize) -> (Pager, Vec<&'s PageEntry>) {
        let mut items = self.list(entry);
        let mut pager = Pager {
            list_url: entry.url.clone(),
            number: 1,
            count: 1,
        };
        if Site::is_paginated(entry.kind) {
            let size = self.config().pager_size.max(1);
            pager.count = pager_count(items.len(), size);
            pager.number = number.clamp(1, pager.count);
            let start = (pager.number - 1) * size;
            items = items.into_iter().skip(start).take(size).collect();
        }
        (pager, items)
    }

    /// The address of the reader's search page, unless a page of the site is there.
    pub fn search_url(&self) -> Option<String> {
        let search_url = format!("{}{SEARCH_PATH}", self.config().base_path());
        self.route(&search_url).is_none().then_some(search_url)
    }

    /// What `url` (server-root relative, percent-decoded) shows: a page's URL (the trailing
    /// slash may be left out), a further pager of a list, or an alias. `None`: not found, or
    /// a page that is only linked (`build.render = "link"`), never rendered.
    pub fn route(&self, url: &str) -> Option<Route<'_>> {
        let route = if let Some(page) = self.page_by_url(url) {
            Route { page, pager: 1 }
        } else if let Some(route) = self.pager_route(url) {
            route
        } else {
            Route {
                page: self.page_by_alias(url)?,
                pager: 1,
            }
        };
        route.page.render.is_always().then_some(route)
    }

    /// `<list url>page/<n>/` of a paginated list that has pager `n`.
    fn pager_route(&self, url: &str) -> Option<Route<'_>> {
        let (folder, number) = url.trim_end_matches('/').rsplit_once('/')?;
        let list_url = format!("{}/", folder.strip_suffix(PAGER_FOLDER)?.strip_suffix('/')?);
        let pager: usize = number.parse().ok()?;
        // One spelling per pager: `page/02/` is not `page/2/`.
        if pager.to_string() != number {
            return None;
        }
        let page = self.page_by_url(&list_url)?;
        let (found, _) = self.pager(page, pager);
        (Site::is_paginated(page.kind) && found.number == pager).then_some(Route { page, pager })
    }

    /// Every URL the site answers, each with its route, in index order: each page's URL,
    /// the further pagers of its list, then the redirects (`page/1/` of a list, aliases).
    /// A URL claimed twice goes to whoever [`Site::route`] gives it to.
    pub fn routes(&self) -> Vec<(String, Route<'_>)> {
        let mut candidates = Vec::new();
        for page in self.pages() {
            let (pager, _) = self.pager(page, 1);
            for number in 1..=pager.count {
                candidates.push((
                    pager.url(number),
                    Route {
                        page,
                        pager: number,
                    },
                ));
            }
            if Site::is_paginated(page.kind) {
                candidates.push((pager_path(&page.url, 1), Route { page, pager: 1 }));
            }
            for alias in &page.aliases {
                candidates.push((alias.clone(), Route { page, pager: 1 }));
            }
        }
        let mut seen = BTreeSet::new();
        candidates.retain(|(url, route)| {
            seen.insert(url.clone()) && self.route(url).is_some_and(|found| found == *route)
        });
        candidates
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_lists_pager_nav_shows_the_ends_and_two_numbers_either_side() {
        let shown = |number: usize, count: usize| {
            let pager = Pager {
                list_url: "/".to_owned(),
                number,
                count,
            };
            pager
                .numbers_shown()
                .iter()
                .map(|shown| shown.map_or("…".to_owned(), |number| number.to_string()))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(shown(1, 7), "1 2 3 4 5 6 7", "a short list: every number");
        assert_eq!(shown(1, 1000), "1 2 3 … 1000");
        assert_eq!(shown(500, 1000), "1 … 498 499 500 501 502 … 1000");
        assert_eq!(
            shown(4, 1000),
            "1 2 3 4 5 6 … 1000",
            "no mark for one number"
        );
        assert_eq!(shown(1000, 1000), "1 … 998 999 1000");
        assert_eq!(shown(5, 9), "1 2 3 4 5 6 7 8 9");
    }
    use crate::site::{SiteConfig, empty_entry};

    fn site_with_posts(count: usize, pager_size: usize) -> Site {
        let mut pages = vec![
            empty_entry(PageKind::Home, "/".to_owned()),
            empty_entry(PageKind::Section, "/posts/".to_owned()),
        ];
        if let Some(section) = pages.get_mut(1) {
            section.source = "content/posts/_index.md".to_owned();
            section.parent = "/".to_owned();
        }
        for index in 0..count {
            let mut post = empty_entry(PageKind::Page, format!("/posts/p{index}/"));
            post.parent = "/posts/".to_owned();
            if index == 0 {
                post.aliases = vec!["/old/".to_owned()];
            }
            pages.push(post);
        }
        Site::new(
            SiteConfig {
                pager_size,
                ..SiteConfig::default()
            },
            pages,
        )
    }

    fn urls(pages: &[&PageEntry]) -> Vec<String> {
        pages.iter().map(|page| page.url.clone()).collect()
    }

    #[test]
    fn pager_urls_and_counts_follow_hugo() {
        assert_eq!(pager_url("/posts/", 1), "/posts/");
        assert_eq!(pager_url("/posts/", 3), "/posts/page/3/");
        assert_eq!(pager_url("/", 2), "/page/2/");
        assert_eq!(pager_count(0, 10), 1);
        assert_eq!(pager_count(10, 10), 1);
        assert_eq!(pager_count(11, 10), 2);
        assert_eq!(pager_count(5, 0), 5, "a zero size counts as one");
    }

    #[test]
    fn a_pager_shows_its_slice_of_the_list() {
        let site = site_with_posts(5, 2);
        let section = site.page_by_url("/posts/").expect("section");
        let (pager, items) = site.pager(section, 3);
        assert_eq!((pager.number, pager.count), (3, 3));
        assert_eq!(urls(&items), ["/posts/p4/"]);
        assert_eq!(pager.url(2), "/posts/page/2/");
        let (_, first) = site.pager(section, 1);
        assert_eq!(urls(&first), ["/posts/p0/", "/posts/p1/"]);
        let page = site.page_by_url("/posts/p0/").expect("page");
        let (pager, items) = site.pager(page, 1);
        assert_eq!((pager.count, items.len()), (1, 0));
    }

    #[test]
    fn urls_resolve_to_pages_pagers_and_redirects() {
        let site = site_with_posts(5, 2);
        let resolve = |url: &str| {
            site.route(url)
                .map(|route| (route.page.url.clone(), route.pager, route.canonical_url()))
        };
        let at = |page: &str, pager: usize, canonical: &str| {
            Some((page.to_owned(), pager, canonical.to_owned()))
        };
        assert_eq!(resolve("/posts/"), at("/posts/", 1, "/posts/"));
        assert_eq!(
            resolve("/posts/page/2/"),
            at("/posts/", 2, "/posts/page/2/")
        );
        assert_eq!(resolve("/posts/page/3"), at("/posts/", 3, "/posts/page/3/"));
        assert_eq!(resolve("/posts/page/1/"), at("/posts/", 1, "/posts/"));
        assert_eq!(resolve("/page/2/"), at("/", 2, "/page/2/"));
        assert_eq!(resolve("/old/"), at("/posts/p0/", 1, "/posts/p0/"));
        assert_eq!(resolve("/posts/page/4/"), None, "past the last pager");
        assert_eq!(resolve("/posts/page/0/"), None);
        assert_eq!(resolve("/posts/page/02/"), None);
        assert_eq!(
            resolve("/posts/p0/page/2/"),
            None,
            "a regular page has no pagers"
        );
        assert_eq!(resolve("/posts/mypage/2/"), None);
        assert_eq!(resolve("/nowhere/"), None);
    }

    #[test]
    fn routes_list_every_url_once_and_each_resolves_to_its_route() {
        let site = site_with_posts(5, 2);
        let routes = site.routes();
        let listed: Vec<&str> = routes.iter().map(|(url, _)| url.as_str()).collect();
        assert_eq!(
            listed,
            [
                "/",
                "/page/2/",
                "/page/3/",
                "/page/1/",
                "/posts/",
                "/posts/page/2/",
                "/posts/page/3/",
                "/posts/page/1/",
                "/posts/p0/",
                "/old/",
                "/posts/p1/",
                "/posts/p2/",
                "/posts/p3/",
                "/posts/p4/",
            ]
        );
        for (url, route) in &routes {
            assert_eq!(site.route(url).as_ref(), Some(route), "{url}");
        }
        let redirects: Vec<&str> = routes
            .iter()
            .filter(|(url, route)| *url != route.canonical_url())
            .map(|(url, _)| url.as_str())
            .collect();
        assert_eq!(redirects, ["/page/1/", "/posts/page/1/", "/old/"]);
    }
}
