//! The theme's (PaperMod's) params that change what a reader sees of a page, where this
//! reader shows the same thing: each read as PaperMod reads it, with Hugo's `.Param` (the
//! page's own value, else the site's `params`). Unset, the reader's own choice holds: it
//! shows breadcrumbs, reading time, the table of contents and the links to the previous and
//! next articles, which PaperMod shows only when asked.
//!
//! | param | what it does here |
//! |---|---|
//! | `ShowBreadCrumbs = false` | no breadcrumbs |
//! | `hideMeta = true` | no date, reading time, word count or author line |
//! | `ShowReadingTime = false` | no reading time |
//! | `ShowWordCount = true` | the word count (`412 words`) |
//! | `author` (the page's own), `hideAuthor` | the author in the meta line |
//! | `ShowToc = false`, `TocOpen = true` | no table of contents; one open at first |
//! | `ShowPostNavLinks = false` | no links to the previous and next articles |
//! | `hideSummary = true` | a card without its summary |
//! | `cover.hidden`, `cover.hiddenInSingle`, `cover.hiddenInList` | the cover left out everywhere, on the page, on cards |
//!
//! (`hiddenInHomeList` and `hiddenInRss` decide lists, not a page's look: see
//! [`Site::home_pages`] and the build's feeds.) Params are in each page's entry already (for
//! the `param` shortcode), so this costs the route data nothing.

use super::site::{PageEntry, Site};

/// What a reader sees of a page, as its params decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Display {
    pub breadcrumbs: bool,
    /// The meta line: date, reading time, word count, author.
    pub meta: bool,
    pub reading_time: bool,
    pub word_count: bool,
    /// The page's own author, unless hidden.
    pub author: Option<String>,
    pub toc: bool,
    /// The table of contents starts open (narrow screens fold it).
    pub toc_open: bool,
    /// Links to the previous and next articles.
    pub post_nav: bool,
    /// A card's summary.
    pub summary: bool,
    /// The cover on the page itself.
    pub cover_in_page: bool,
    /// The cover on the page's card in lists.
    pub cover_in_list: bool,
}

/// A param as a flag: booleans arrive as their text (`true`, `false`); unset or anything
/// else is `None`.
fn flag(value: Option<&str>) -> Option<bool> {
    match value? {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

impl Display {
    /// How `page` is shown on `site`.
    pub fn of(site: &Site, page: &PageEntry) -> Display {
        let param = |key: &str| flag(page.param(site, key));
        // PaperMod: `.Param "cover.hiddenInSingle" | default (.Param "cover.hidden")`.
        let cover_hidden = param("cover.hidden").unwrap_or(false);
        let author = page
            .own_param("author")
            .filter(|author| !author.trim().is_empty())
            .filter(|_| !param("hideAuthor").unwrap_or(false))
            .map(str::to_owned);
        Display {
            breadcrumbs: param("ShowBreadCrumbs").unwrap_or(true),
            meta: !param("hideMeta").unwrap_or(false),
            reading_time: param("ShowReadingTime").unwrap_or(true),
            word_count: param("ShowWordCount").unwrap_or(false),
            author,
            toc: param("ShowToc").unwrap_or(true),
            toc_open: param("TocOpen").unwrap_or(false),
            post_nav: param("ShowPostNavLinks").unwrap_or(true),
            summary: !param("hideSummary").unwrap_or(false),
            cover_in_page: !(param("cover.hiddenInSingle").unwrap_or(false) || cover_hidden),
            cover_in_list: !(param("cover.hiddenInList").unwrap_or(false) || cover_hidden),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::{PageKind, SiteConfig, empty_entry};

    fn display(site_params: &[(&str, &str)], page_params: &[(&str, &str)]) -> Display {
        let pairs = |params: &[(&str, &str)]| -> Vec<(String, String)> {
            params
                .iter()
                .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
                .collect()
        };
        let mut page = empty_entry(PageKind::Page, "/a/".to_owned());
        page.params = pairs(page_params);
        let config = SiteConfig {
            params: pairs(site_params),
            ..SiteConfig::default()
        };
        let site = Site::new(config, vec![page.clone()]);
        Display::of(&site, &page)
    }

    #[test]
    fn unset_params_keep_the_readers_choices() {
        assert_eq!(
            display(&[], &[]),
            Display {
                breadcrumbs: true,
                meta: true,
                reading_time: true,
                word_count: false,
                author: None,
                toc: true,
                toc_open: false,
                post_nav: true,
                summary: true,
                cover_in_page: true,
                cover_in_list: true,
            }
        );
    }

    #[test]
    fn the_pages_params_win_over_the_sites() {
        let site = [
            ("showtoc", "false"),
            ("showreadingtime", "false"),
            ("showbreadcrumbs", "false"),
            ("cover.hiddeninlist", "true"),
            ("author", "Site Author"),
        ];
        let shown = display(&site, &[("showtoc", "true"), ("author", "Guest")]);
        assert!(shown.toc && !shown.reading_time && !shown.breadcrumbs);
        assert!(shown.cover_in_page && !shown.cover_in_list);
        assert_eq!(shown.author.as_deref(), Some("Guest"));
        assert_eq!(
            display(&site, &[]).author,
            None,
            "the site's author is the footer's"
        );
        let hidden = display(&[("hideauthor", "true")], &[("author", "Guest")]);
        assert_eq!(hidden.author, None);
    }

    #[test]
    fn a_hidden_cover_is_hidden_everywhere_and_hidden_in_single_on_the_page_only() {
        let hidden = display(&[], &[("cover.hidden", "true")]);
        assert!(!hidden.cover_in_page && !hidden.cover_in_list);
        let in_single = display(&[], &[("cover.hiddeninsingle", "true")]);
        assert!(!in_single.cover_in_page && in_single.cover_in_list);
        let site_wide = display(&[("cover.hidden", "true")], &[("cover.hidden", "false")]);
        assert!(site_wide.cover_in_page, "the page's own false wins");
    }

    #[test]
    fn meta_summary_word_count_and_toc_open() {
        let shown = display(
            &[("hidemeta", "true"), ("tocopen", "true")],
            &[("hidesummary", "true"), ("showwordcount", "true")],
        );
        assert!(!shown.meta && !shown.summary && shown.word_count && shown.toc_open);
        assert!(!display(&[("showpostnavlinks", "false")], &[]).post_nav);
        assert!(
            display(&[], &[("showtoc", "yes")]).toc,
            "only true and false count"
        );
    }
}
