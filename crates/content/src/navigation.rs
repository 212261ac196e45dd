//! Where a page stands among the others, for a reader finding their way: its breadcrumbs, its
//! tags, the articles before and after it in its section, the series it belongs to, and the
//! archives of every article by year and month. All of it is read from the site as built (in
//! Hugo's default order); the build puts what a route shows into its data
//! ([`crate::route_model`]).

use super::date::Date;
use super::site::{PageEntry, PageKind, Site};

/// The taxonomy whose terms an article shows as its tags.
const TAGS_TAXONOMY: &str = "tags";

/// The taxonomy whose terms are series (PaperMod's), when the site configures it.
const SERIES_TAXONOMY: &str = "series";

/// A list of articles read in order that a page belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct Series<'s> {
    /// The section or `series` term that lists them.
    pub list: &'s PageEntry,
    /// Its articles, in the list's order.
    pub pages: Vec<&'s PageEntry>,
}

impl Series<'_> {
    /// Which of the series' articles (a range of [`Series::pages`]) a series box shows for
    /// `page`: all of them when there are at most `size`, else `size` around the page's own
    /// part (more after it at the start of the series, more before it at the end), so a
    /// series of hundreds of parts still shows a handful of links.
    pub fn window(&self, page: &PageEntry, size: usize) -> std::ops::Range<usize> {
        let count = self.pages.len();
        if count <= size {
            return 0..count;
        }
        let current = self
            .pages
            .iter()
            .position(|part| part.url == page.url)
            .unwrap_or(0);
        let start = current.saturating_sub(size / 2).min(count - size);
        start..start + size
    }
}

/// One year of the archives.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchiveYear<'s> {
    pub year: i32,
    /// Newest first.
    pub months: Vec<ArchiveMonth<'s>>,
}

/// One month of the archives.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchiveMonth<'s> {
    /// 1 to 12.
    pub month: u8,
    /// `June`.
    pub name: &'static str,
    /// Newest first.
    pub pages: Vec<&'s PageEntry>,
}

impl ArchiveYear<'_> {
    /// How many articles the year has.
    pub fn count(&self) -> usize {
        self.months.iter().map(|month| month.pages.len()).sum()
    }
}

impl Site {
    /// The pages above `page`, from the home page down to its parent: its breadcrumbs' trail.
    /// Empty for the home page; a taxonomy page, whose parent is no page, has the home page.
    pub fn ancestors(&self, page: &PageEntry) -> Vec<&PageEntry> {
        if page.kind == PageKind::Home {
            return Vec::new();
        }
        let mut trail = Vec::new();
        let mut parent = page.parent.as_str();
        // A `url` override could make a loop; no trail is longer than the page list.
        while !parent.is_empty() && trail.len() < self.pages().len() {
            let Some(above) = self.page_by_url(parent) else {
                break;
            };
            trail.push(above);
            parent = &above.parent;
        }
        if trail.last().is_none_or(|top| top.kind != PageKind::Home)
            && let Some(home) = self.page_by_url(&self.config().base_path())
        {
            trail.push(home);
        }
        trail.reverse();
        trail
    }

    /// The term pages of `page` in the taxonomy `plural` (`tags`), as its front matter
    /// lists them.
    fn terms_of(&self, page: &PageEntry, plural: &str) -> Vec<&PageEntry> {
        let taxonomy_url = format!("{}{plural}/", self.config().base_path());
        page.terms
            .iter()
            .filter_map(|url| self.page_by_url(url))
            .filter(|term| term.parent == taxonomy_url)
            .collect()
    }

    /// The pages of `page`'s tags, as its front matter lists them.
    pub fn tags(&self, page: &PageEntry) -> Vec<&PageEntry> {
        self.terms_of(page, TAGS_TAXONOMY)
    }

    /// The articles of `page`'s section in its list order, without those of sub-sections
    /// (nor those no list shows): what Hugo's `.PrevInSection` and `.NextInSection` walk.
    pub fn section_articles(&self, page: &PageEntry) -> Vec<&PageEntry> {
        self.pages_under(&page.parent)
            .filter(|other| other.is_article() && other.is_listed(false))
            .collect()
    }

    /// The articles before and after `page` in its section's order, as (previous, next).
    /// Hugo names them the other way round: its `.NextInSection` is the one before (the
    /// newer one, in default order) and `.PrevInSection` the one after.
    pub fn neighbours(&self, page: &PageEntry) -> (Option<&PageEntry>, Option<&PageEntry>) {
        let articles = self.section_articles(page);
        let Some(at) = articles.iter().position(|other| other.url == page.url) else {
            return (None, None);
        };
        let before = at.checked_sub(1).and_then(|index| articles.get(index));
        (before.copied(), articles.get(at + 1).copied())
    }

    /// The series `page` belongs to, each with at least two articles: its section when that
    /// sits inside another section (`posts/my-series/`; a top-level section such as `posts/`
    /// is the blog itself, no series), then each of its `series` terms.
    pub fn series(&self, page: &PageEntry) -> Vec<Series<'_>> {
        let is_section = |url: &str| {
            self.page_by_url(url)
                .filter(|found| found.kind == PageKind::Section)
        };
        let mut series = Vec::new();
        if let Some(section) = is_section(&page.parent)
            && is_section(&section.parent).is_some()
        {
            series.push(Series {
                list: section,
                pages: self.section_articles(page),
            });
        }
        for term in self.terms_of(page, SERIES_TAXONOMY) {
            let pages = self
                .list(term)
                .into_iter()
                .filter(|other| other.is_article())
                .collect();
            series.push(Series { list: term, pages });
        }
        series.retain(|found| found.pages.len() >= 2);
        series
    }

    /// Every dated article that site-wide lists show, by year and month, newest first, as
    /// PaperMod's archives group them (Hugo's `GroupByDate`: each page in the year and month
    /// of its own date).
    pub fn archives(&self) -> Vec<ArchiveYear<'_>> {
        // Newest first, pages of the same second in default order (a stable sort). The build
        // computes the archives (into the archives page's route data), never the browser.
        let mut dated: Vec<(Date, &PageEntry)> = self
            .pages()
            .iter()
            .filter(|page| page.is_article() && page.is_listed(true))
            .filter_map(|page| Some((page.date?, page)))
            .collect();
        dated.sort_by_key(|(date, _)| std::cmp::Reverse(date.unix()));
        let mut years: Vec<ArchiveYear> = Vec::new();
        for (date, page) in dated {
            if years.last().is_none_or(|last| last.year != date.year) {
                years.push(ArchiveYear {
                    year: date.year,
                    months: Vec::new(),
                });
            }
            let Some(year) = years.last_mut() else {
                continue;
            };
            if year
                .months
                .last()
                .is_none_or(|last| last.month != date.month)
            {
                year.months.push(ArchiveMonth {
                    month: date.month,
                    name: date.month_name(),
                    pages: Vec::new(),
                });
            }
            if let Some(month) = year.months.last_mut() {
                month.pages.push(page);
            }
        }
        years
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::entry;

    #[test]
    fn a_long_series_shows_a_window_around_the_current_part() {
        let list = entry("", PageKind::Section, "/s/");
        let parts: Vec<PageEntry> = (1..=20)
            .map(|n| entry("", PageKind::Page, &format!("/s/{n}/")))
            .collect();
        let series = Series {
            list: &list,
            pages: parts.iter().collect(),
        };
        let window = |n: usize| series.window(&parts[n - 1], 7);
        assert_eq!(window(1), 0..7, "the first part: the six after it");
        assert_eq!(window(4), 0..7);
        assert_eq!(window(10), 6..13, "three before, three after");
        assert_eq!(window(20), 13..20, "the last part: the six before it");
        let short = Series {
            list: &list,
            pages: parts.iter().take(5).collect(),
        };
        assert_eq!(
            short.window(&parts[2], 7),
            0..5,
            "a short series shows whole"
        );
    }
}
