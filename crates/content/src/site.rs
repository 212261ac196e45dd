//! The site model: the config the browser and the renderer need, every page's URL, kind,
//! metadata and summary (what the route data carries), Hugo's default order of lists, and
//! the lookups over pages (by URL, source file and `ref`/`relref` key: `site/lookup.rs`).
//! `blogreader-site` builds it from the source files; the hook through which the build runs
//! the site's shortcode templates is in [`templates`].

#[cfg(not(target_arch = "wasm32"))]
use std::cell::RefCell;
use std::cmp::Ordering;
#[cfg(not(target_arch = "wasm32"))]
use std::collections::BTreeSet;
use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::Value;

pub(crate) mod lookup;
pub mod templates;

use super::build_options::{List, Render};
use super::contract::PAGE_MARKDOWN_FILE;
use super::date::Date;
use lookup::PageLookup;
use templates::Templates;

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    /// The indexes of the pages lookups found, while [`Site::recording_lookups`] runs.
    static FOUND: RefCell<Option<BTreeSet<usize>>> = const { RefCell::new(None) };
}

/// A built menu: its name and its (link text, URL) entries in Hugo's order.
pub type MenuLinks = (String, Vec<(String, String)>);

/// Site-wide settings read from `hugo.toml` / `config.toml` (or their YAML and JSON forms).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteConfig {
    /// The site title, shown in the header and the document title.
    pub title: String,
    /// `markup.goldmark.renderer.unsafe`: render raw HTML instead of omitting it.
    pub unsafe_html: bool,
    /// `summaryLength`: words in an automatic summary (70 by default).
    pub summary_length: usize,
    /// `baseURL` (`https://example.org/blog/`): its path is the start of every page URL
    /// ([`SiteConfig::base_path`]); `ref` puts its origin before them.
    pub base_url: String,
    /// `params`, for the `param` shortcode: see [`flatten_params`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<(String, String)>,
    /// `pagination.pagerSize` (Hugo 0.128 on), or the older `paginate`: pages per pager of
    /// a list (10 by default).
    pub pager_size: usize,
    /// The menus as built: see [`SiteConfig::menu`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub menus: Vec<MenuLinks>,
    /// The social links of `params`, (name, URL) per link, for the footer (read by the site
    /// builder).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub social: Vec<(String, String)>,
    /// `copyright` as the build renders it (Markdown, as Hugo themes `markdownify` it), for
    /// the footer; empty when the config has none (the footer then says © year and title).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub copyright_html: String,
    /// `disableKinds`: Hugo's names of the kinds of page and file the site does not publish
    /// (lower case: `taxonomy`, `rss`, …). The browser needs it for the feed link.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub disable_kinds: Vec<String>,
    /// The site's shortcode templates, which the build reads and runs; the browser has none
    /// (see [`super::shortcode::browser_markdown`]).
    #[serde(skip)]
    pub templates: Templates,
    /// `markup.goldmark.extensions.passthrough`, when enabled: math on every page, in these
    /// delimiters (see [`super::math::passthrough_delimiters`]). Used by the build only.
    #[serde(skip)]
    pub passthrough: Vec<String>,
    /// Whether the shortcode stage trusts the MathML of a [`super::math::MATH_CALL`]: set by
    /// the build once it has written them (and made any author's own unknown), and always in
    /// the browser, whose Markdown is the build's (checked by its integrity).
    #[serde(skip)]
    pub trust_math_calls: bool,
    /// `languageCode` (`en` by default): the pages' `lang`, the feeds' `<language>` and the
    /// language search stems words in. Always a well-formed language tag (letters, digits and
    /// hyphens): the build falls back to `en` with a warning. Used by the build only.
    #[serde(skip)]
    pub language_code: String,
    /// `defaultContentLanguage`: the key of the language whose pages the site shows (`en`
    /// unless set; lower case). A reference to `post.en.md` names `post.md`, as in Hugo;
    /// the browser resolves references too, so it is in the site's data.
    #[serde(skip_serializing_if = "is_english")]
    pub content_language: String,
    /// `params.mainSections`: the top-level sections whose pages the home page lists. When
    /// the config names none, Hugo's default: the one with the most regular pages. Used by
    /// the build only (the browser gets the home page's list in its route data).
    #[serde(skip)]
    pub main_sections: Vec<String>,
}

fn root_url() -> String {
    "/".to_owned()
}

fn is_english(language: &str) -> bool {
    language == "en"
}

fn default_pager_size() -> usize {
    10
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: String::new(),
            unsafe_html: false,
            summary_length: 70,
            base_url: root_url(),
            params: Vec::new(),
            pager_size: default_pager_size(),
            menus: Vec::new(),
            social: Vec::new(),
            copyright_html: String::new(),
            disable_kinds: Vec::new(),
            templates: Templates::default(),
            passthrough: Vec::new(),
            main_sections: Vec::new(),
            language_code: "en".to_owned(),
            content_language: "en".to_owned(),
            trust_math_calls: false,
        }
    }
}

impl SiteConfig {
    /// Hugo's `site.Params.key` (`key` case-insensitive, dotted for nested tables).
    pub fn param(&self, key: &str) -> Option<&str> {
        find_param(&self.params, key)
    }

    /// Whether `disableKinds` leaves `kind` (Hugo's lower-case name: `rss`, `term`, …) on.
    pub fn is_kind_enabled(&self, kind: &str) -> bool {
        !self.disable_kinds.iter().any(|disabled| disabled == kind)
    }

    /// The built menu called `name` (`main`): (link text, URL) per entry, in Hugo's order;
    /// empty if there is no such menu.
    pub fn menu(&self, name: &str) -> &[(String, String)] {
        self.menus
            .iter()
            .find(|(menu, _)| menu == name)
            .map_or(&[], |(_, links)| links.as_slice())
    }

    /// The path part of `baseURL`, with a slash at both ends: `/blog/` for
    /// `https://example.org/blog/` or `/blog`, `/` when there is none. Hugo starts every page
    /// URL with it, and the built files are served from there.
    pub fn base_path(&self) -> String {
        let url = self.base_url.trim();
        let path = match url.split_once("//") {
            Some((_, host_and_path)) => host_and_path
                .find('/')
                .map_or("", |start| &host_and_path[start..]),
            None => url,
        };
        let path = path
            .split(['?', '#'])
            .next()
            .unwrap_or_default()
            .trim_matches('/');
        if path.is_empty() {
            "/".to_owned()
        } else {
            format!("/{path}/")
        }
    }

    /// The scheme and host of `baseURL` (`https://example.org`); empty when it has none.
    pub fn base_origin(&self) -> &str {
        let url = self.base_url.trim();
        match url.split_once("//") {
            Some((scheme, host_and_path)) => {
                let host_end = host_and_path.find('/').unwrap_or(host_and_path.len());
                &url[..scheme.len() + 2 + host_end]
            }
            None => "",
        }
    }
}

/// `url` (server-root relative, `/posts/a/`) under the base path `/blog/`: `/blog/posts/a/`.
/// Absolute URLs (`https://…`, `//host/…`) are left alone.
pub fn under_base_path(base_path: &str, url: &str) -> String {
    match url.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') => format!("{base_path}{rest}"),
        _ => url.to_owned(),
    }
}

/// The value at `path` below `value`, each key matched case-insensitively.
pub fn find_key<'v>(value: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(value, |current, wanted| {
        find_in(current.as_object()?, wanted)
    })
}

/// The value of `key` (matched case-insensitively) in `table`.
pub fn find_in<'v>(table: &'v serde_json::Map<String, Value>, key: &str) -> Option<&'v Value> {
    table
        .iter()
        .find(|(written, _)| written.eq_ignore_ascii_case(key))
        .map(|(_, found)| found)
}

/// What kind of page an entry is; decides its view and how it lists others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// `content/_index.md`, or the implicit home page.
    Home,
    /// A folder with `_index.md`, or one that only has pages below it.
    Section,
    /// A regular page: `x.md` or a leaf bundle's `index.md`.
    Page,
    /// The page of a taxonomy, listing its terms (`/tags/`; `content/tags/_index.md`).
    Taxonomy,
    /// The page of one term, listing the pages that name it (`/tags/rust/`;
    /// `content/tags/rust/_index.md`).
    Term,
}

impl PageKind {
    /// Hugo's name of the kind, as `disableKinds` names it (one of
    /// [`super::build_options::KINDS`]).
    pub fn hugo_name(self) -> &'static str {
        match self {
            PageKind::Home => "home",
            PageKind::Section => "section",
            PageKind::Page => "page",
            PageKind::Taxonomy => "taxonomy",
            PageKind::Term => "term",
        }
    }
}

/// The theme key `cover` (PaperMod), with `image` resolved to a URL that exists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cover {
    /// Server-root relative URL of an image file that the build found.
    pub image: String,
    pub alt: String,
    pub caption: String,
    /// The image's width and height in pixels, when the build could read them from the
    /// file: the page reserves the image's space before it loads.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<(u32, u32)>,
}

/// Whether `value` is its type's default: such a field is left out of the route data (a
/// field the data leaves out reads as its default, see [`crate::route_json`]), a third of
/// its size.
pub(crate) fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// One page of the site, as the route data carries it to the browser.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageEntry {
    /// Source file relative to the site root (`content/posts/a.md`); empty for a section or
    /// home page that has no `_index.md`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub source: String,
    pub kind: PageKind,
    /// Server-root relative permalink with a trailing slash (`/posts/a/`).
    pub url: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Hugo's `.Lastmod` (front matter `lastmod`, else `modified`), only when it is not
    /// `date`: most pages have none, which keeps the index small.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lastmod: Option<Date>,
    #[serde(skip_serializing_if = "is_default")]
    pub weight: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cover: Option<Cover>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Rendered summary HTML (left out of a route's data where it shows no summary).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub summary_html: String,
    /// Whether the summary is shorter than the page (a "read more" is due).
    #[serde(skip_serializing_if = "is_default")]
    pub truncated: bool,
    #[serde(skip_serializing_if = "is_default")]
    pub word_count: usize,
    /// Minutes, `ceil(words / 212)`.
    #[serde(skip_serializing_if = "is_default")]
    pub reading_time: usize,
    /// 1-based line of the source file on which the Markdown body starts.
    pub body_line: usize,
    /// `linkTitle`: the shorter title lists sort by (and may show).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link_title: Option<String>,
    /// Server-root relative old URLs that should redirect here.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// URL of the section that lists this page (`/` for top-level pages; a taxonomy page for
    /// a term); empty for the home page and taxonomy pages.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub parent: String,
    /// Front matter params, for the `param` shortcode: see [`flatten_params`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<(String, String)>,
    /// URLs of the term pages that list this page (`/tags/rust/`): taxonomy by taxonomy, in
    /// name order, each one's terms as the front matter lists them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<String>,
    /// Front matter `layout`: [`ARCHIVES_LAYOUT`] makes the page the archives.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub layout: String,
    /// The Subresource Integrity (`sha256-…`) of the Markdown the build wrote to
    /// [`PageEntry::markdown_url`]: the app fetches with it, so a truncated or changed file
    /// is an error, not a page. Set by the native build; empty without a source.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub markdown_integrity: String,
    /// `build.list`: which lists show the page.
    #[serde(skip_serializing_if = "List::is_always")]
    pub list: List,
    /// `build.render`: `link` for a page that lists show but no route answers (a page the
    /// site does not render at all is not in the index).
    #[serde(skip_serializing_if = "Render::is_always")]
    pub render: Render,
    /// `build.publishResources`: whether the build copies the bundle's files (when not, only
    /// the cover, which the theme uses). Used by the build only.
    #[serde(skip)]
    pub publish_resources: bool,
}

/// PaperMod's convention: a content page with `layout = "archives"` lists every article by
/// year and month instead of being one.
pub const ARCHIVES_LAYOUT: &str = "archives";

/// PaperMod's front matter `layout` of its search page, whose place the reader's own search
/// page takes (the build leaves such a page out).
pub const SEARCH_LAYOUT: &str = "search";

/// Params as the `param` shortcode reads them: each text, number or boolean under its
/// lower-cased dotted key (`author`, `social.github`); lists and empty values are left out,
/// which keeps the route data small.
pub fn flatten_params(
    prefix: &str,
    params: &serde_json::Map<String, serde_json::Value>,
    flat: &mut Vec<(String, String)>,
) {
    for (key, value) in params {
        let key = format!("{prefix}{}", key.to_lowercase());
        match value {
            Value::String(text) => flat.push((key, text.clone())),
            Value::Number(_) | Value::Bool(_) => flat.push((key, value.to_string())),
            Value::Object(inner) => flatten_params(&format!("{key}."), inner, flat),
            Value::Null | Value::Array(_) => {}
        }
    }
}

/// The value of `key` (case-insensitive) among flattened params.
fn find_param<'p>(params: &'p [(String, String)], key: &str) -> Option<&'p str> {
    let key = key.to_lowercase();
    params
        .iter()
        .find(|(name, _)| *name == key)
        .map(|(_, value)| value.as_str())
}

/// Where each name first is among flattened params, for many lookups in log time (a page of
/// `param` shortcodes) that find what [`find_param`] finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParamIndex(BTreeMap<String, usize>);

impl ParamIndex {
    pub(crate) fn of(params: &[(String, String)]) -> Self {
        ParamIndex(first_positions(
            params.iter().map(|(name, _)| name.as_str()),
        ))
    }

    /// The value of `key` (case-insensitive) among `params`, the params this index is of.
    pub(crate) fn find<'p>(&self, params: &'p [(String, String)], key: &str) -> Option<&'p str> {
        self.0
            .get(&key.to_lowercase())
            .and_then(|index| params.get(*index))
            .map(|(_, value)| value.as_str())
    }
}

/// Where each of `names` first is in their order.
pub fn first_positions<'n>(names: impl Iterator<Item = &'n str>) -> BTreeMap<String, usize> {
    let mut positions = BTreeMap::new();
    for (index, name) in names.enumerate() {
        positions.entry(name.to_owned()).or_insert(index);
    }
    positions
}

impl PageEntry {
    /// The archives page: a regular page with [`ARCHIVES_LAYOUT`] (the site's own, or the
    /// one the build adds).
    pub fn is_archives(&self) -> bool {
        self.kind == PageKind::Page && self.layout.eq_ignore_ascii_case(ARCHIVES_LAYOUT)
    }

    /// A regular page that is an article: what lists, feeds, sections and archives show.
    pub fn is_article(&self) -> bool {
        self.kind == PageKind::Page && !self.is_archives()
    }

    /// When a reader is told the page was updated: its lastmod, when that falls on another
    /// day than its date (a fix made the same day is no update worth telling).
    pub fn updated(&self) -> Option<Date> {
        let day = |date: Date| (date.year, date.month, date.day);
        self.lastmod
            .filter(|lastmod| self.date.map(day) != Some(day(*lastmod)))
    }

    /// Hugo's `.Param key`: the page's param, else the site's (`key` case-insensitive).
    pub fn param<'s>(&'s self, site: &'s Site, key: &str) -> Option<&'s str> {
        self.own_param(key).or_else(|| site.config.param(key))
    }

    /// Hugo's `.Params.key`: the page's own param (`key` case-insensitive).
    pub fn own_param(&self, key: &str) -> Option<&str> {
        find_param(&self.params, key)
    }

    /// Whether the home page may list the page: an article or a section with an `_index.md`
    /// that site-wide lists show, unless PaperMod's `hiddenInHomeList` keeps it off. It does
    /// when the page is also in a main section (see [`Site::home_pages`]).
    pub fn is_on_home_page(&self) -> bool {
        (self.is_article() || (self.kind == PageKind::Section && !self.source.is_empty()))
            && self.is_listed(true)
            && self.own_param("hiddenInHomeList") != Some("true")
    }

    /// Whether lists show the page: site-wide ones (`global`: the home page, the archives,
    /// the site feed, the sitemap) or its section's and terms' own.
    pub fn is_listed(&self, global: bool) -> bool {
        self.list.shows_in(global)
    }

    /// Where the build copies the page's source: its URL plus [`PAGE_MARKDOWN_FILE`], or for
    /// a URL that names a file (`/about.html`) beside it (`/about.html.md`); `None` without
    /// one, or when no page is rendered at its URL.
    pub fn markdown_url(&self) -> Option<String> {
        if self.source.is_empty() || !self.render.is_always() {
            return None;
        }
        // A page's URL ends with `/` unless it names a file (the build adds the slash).
        Some(if self.url.ends_with('/') {
            format!("{}{PAGE_MARKDOWN_FILE}", self.url)
        } else {
            format!("{}.md", self.url)
        })
    }
}

pub fn with_trailing_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_owned()
    } else {
        format!("{url}/")
    }
}

/// The site: its config and every page, in Hugo's default order, with the
/// lookups over the pages (by URL, source file and `ref`/`relref` key) made when the site is:
/// the config and the pages change only through [`Site::update_config`] and
/// [`Site::update_pages`], which make them again.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    config: SiteConfig,
    /// Sorted by [`default_order`] when built, so every list taken from it in order (by
    /// filtering) is in Hugo's order too: the browser never sorts.
    pages: Vec<PageEntry>,
    /// Where the pages are; depends on the pages and on the config's base path.
    lookup: PageLookup,
    /// The pages the site does not publish: not rendered (`headless`, `build.render =
    /// "never"`) or of a disabled kind. Kept by the build for their bundle files and to name
    /// them where something links to them; in no route's data.
    pub unpublished: Vec<PageEntry>,
}

impl Site {
    /// A site of `pages`, in the order given, with its lookups over them.
    pub fn new(config: SiteConfig, pages: Vec<PageEntry>) -> Site {
        let lookup = PageLookup::of(&pages, &config);
        Site {
            config,
            pages,
            lookup,
            unpublished: Vec::new(),
        }
    }

    pub fn config(&self) -> &SiteConfig {
        &self.config
    }

    /// Every page, in the site's order (Hugo's default order once built).
    pub fn pages(&self) -> &[PageEntry] {
        &self.pages
    }

    /// The pages, the site given up (to change their number or order, and make a site anew).
    pub fn into_pages(self) -> Vec<PageEntry> {
        self.pages
    }

    /// Changes the config; the lookups are made again (a page's `ref` key may depend on the
    /// base path).
    pub fn update_config(&mut self, change: impl FnOnce(&mut SiteConfig)) {
        change(&mut self.config);
        self.lookup = PageLookup::of(&self.pages, &self.config);
    }

    /// Changes pages in place (their number stays); the lookups are made again.
    pub fn update_pages(&mut self, change: impl FnOnce(&mut [PageEntry])) {
        change(&mut self.pages);
        self.lookup = PageLookup::of(&self.pages, &self.config);
    }

    /// The page at `index`, as a lookup found it: noted when lookups are being recorded.
    fn found(&self, index: Option<usize>) -> Option<&PageEntry> {
        let index = index?;
        #[cfg(not(target_arch = "wasm32"))]
        FOUND.with(|found| {
            if let Some(found) = found.borrow_mut().as_mut() {
                found.insert(index);
            }
        });
        self.pages.get(index)
    }

    /// Runs `run` and returns, beside its result, the URLs of the pages that this site's
    /// lookups (by URL, source, alias, `ref` key and base name) found meanwhile on this
    /// thread, in the site's order. The build records a page's render so: a site of those
    /// pages alone resolves every link of the page as the whole site does, which is what the
    /// browser renders the page with (see [`crate::route_model`]).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn recording_lookups<T>(&self, run: impl FnOnce() -> T) -> (T, Vec<String>) {
        let outer = FOUND.with(|found| found.replace(Some(BTreeSet::new())));
        let result = run();
        let inner = FOUND.with(|found| found.replace(outer)).unwrap_or_default();
        FOUND.with(|found| {
            if let Some(outer) = found.borrow_mut().as_mut() {
                outer.extend(&inner);
            }
        });
        let urls = inner
            .into_iter()
            .filter_map(|index| self.pages.get(index))
            .map(|page| page.url.clone())
            .collect();
        (result, urls)
    }

    /// Where this site's lookups find each page (by URL, source, alias, `ref` key and base
    /// name; its parents', terms' and the home page's lists), as text: two sites of equal
    /// texts resolve every link to the same page numbers. The build fingerprints it to tell
    /// whether a body's kept render still holds.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn lookups_as_text(&self) -> String {
        format!("{:?}", self.lookup)
    }

    /// The year of the newest dated page, for the footer's copyright line.
    pub fn newest_year(&self) -> Option<i32> {
        self.pages
            .iter()
            .filter_map(|page| page.date)
            .map(|date| date.year)
            .max()
    }

    /// The page at `url` (server-root relative; the trailing slash may be left out).
    pub fn page_by_url(&self, url: &str) -> Option<&PageEntry> {
        let find = |wanted: &str| self.found(self.lookup.by_url(wanted));
        find(url).or_else(|| find(&with_trailing_slash(url)))
    }

    /// Where the page at `url` (exactly) is among the site's pages.
    pub fn position_of(&self, url: &str) -> Option<usize> {
        self.lookup.by_url(url)
    }

    /// The page whose source file is `source` (`content/posts/a.md`).
    pub fn page_by_source(&self, source: &str) -> Option<&PageEntry> {
        self.found(self.lookup.by_source(source))
    }

    /// The page whose `ref`/`relref` key ([`lookup::reference_key`]) is `key`.
    pub(crate) fn page_by_reference_key(&self, key: &str) -> Option<&PageEntry> {
        self.found(self.lookup.by_key(key))
    }

    /// The first two pages whose `ref`/`relref` key has the base name `name`: a reference to
    /// `name` alone finds the first, unless there is a second.
    pub(crate) fn pages_by_base_name(
        &self,
        name: &str,
    ) -> (Option<&PageEntry>, Option<&PageEntry>) {
        let (first, second) = self.lookup.by_base_name(name);
        (self.found(first), self.found(second))
    }

    /// The page that lists `url` among its `aliases`: an old address that leads to it.
    pub fn page_by_alias(&self, url: &str) -> Option<&PageEntry> {
        self.found(self.lookup.by_alias(url))
    }

    /// What the home page lists, in default order: the articles of the main sections (see
    /// [`SiteConfig::main_sections`]) and those sections' own sections with an `_index.md`,
    /// that site-wide lists show, but those PaperMod's `hiddenInHomeList` keeps off the home
    /// page. A site whose articles are in no section lists every article.
    pub fn home_pages(&self) -> Vec<&PageEntry> {
        self.lookup
            .home()
            .iter()
            .filter_map(|index| self.pages.get(*index))
            .collect()
    }

    /// The sections `mainSections` names that hold no listed regular page: the home page
    /// shows nothing of them (a misspelt name, or a section not yet written).
    pub fn empty_main_sections(&self) -> Vec<&str> {
        lookup::empty_main_sections(&self.pages, &self.config)
    }

    /// Everything `entry` lists, in order (before pagination): the home page its
    /// [`Site::home_pages`], a section its [`Site::children`], a taxonomy its terms that
    /// some page names (by name), a term the pages that name it; a regular page nothing.
    pub fn list(&self, entry: &PageEntry) -> Vec<&PageEntry> {
        match entry.kind {
            PageKind::Home => self.home_pages(),
            PageKind::Section => self.children(entry),
            PageKind::Taxonomy => self
                .children(entry)
                .into_iter()
                .filter(|term| !self.list(term).is_empty())
                .collect(),
            PageKind::Term => self
                .lookup
                .by_term(&entry.url)
                .iter()
                .filter_map(|index| self.pages.get(*index))
                .filter(|page| page.is_listed(false))
                .collect(),
            PageKind::Page => Vec::new(),
        }
    }

    /// Every page whose parent is `url`, in order (whether lists show them or not).
    pub fn pages_under(&self, url: &str) -> impl Iterator<Item = &PageEntry> {
        self.lookup
            .by_parent(url)
            .iter()
            .filter_map(|index| self.pages.get(*index))
    }

    /// A section's direct regular pages and sub-sections, mixed, in default order; a
    /// taxonomy's terms, by name.
    pub fn children(&self, section: &PageEntry) -> Vec<&PageEntry> {
        self.pages_under(&section.url)
            .filter(|page| {
                page.kind != PageKind::Home && page.url != section.url && page.is_listed(false)
            })
            .collect()
    }

    /// A site URL as an absolute one, with `baseURL`'s scheme and host when it has them.
    pub fn absolute_url(&self, url: &str) -> String {
        if url.contains("://") {
            url.to_owned()
        } else {
            format!("{}{url}", self.config.base_origin())
        }
    }

    /// Where the file at a site URL lives in the output folder: the URL without the base path
    /// (`/blog/posts/a/index.md` → `posts/a/index.md`).
    pub fn output_path(&self, url: &str) -> String {
        let base_path = self.config.base_path();
        url.strip_prefix(base_path.as_str())
            .unwrap_or(url)
            .trim_start_matches('/')
            .to_owned()
    }

    /// What the build copies to the output folder, as (source path, output path relative to
    /// it): each page's Markdown to its [`PageEntry::markdown_url`], bundle resources (the
    /// non-Markdown files beside an `index.md` or `_index.md`) under the page's URL, also for
    /// a page that is not rendered, unless its `publishResources` is off (then only its
    /// cover, which the theme uses), and `static/` files to the root.
    pub fn output_files(&self, files: &[SourceFile]) -> Vec<(String, String)> {
        let mut outputs: Vec<(String, String)> = self
            .pages
            .iter()
            .filter_map(|page| {
                let markdown = page.markdown_url()?;
                Some((page.source.clone(), self.output_path(&markdown)))
            })
            .collect();
        // Each bundle by its folder: a file's owner is the deepest one among its folders
        // (found by walking up them, not by asking every bundle of the site).
        let bundles: HashMap<&str, Bundle> = self
            .pages
            .iter()
            .chain(&self.unpublished)
            .filter_map(Bundle::of)
            .map(|bundle| (bundle.folder, bundle))
            .collect();
        for file in files {
            if let Some(relative) = file.path.strip_prefix("static/") {
                outputs.push((file.path.clone(), relative.to_owned()));
                continue;
            }
            if !file.path.starts_with("content/") || file.path.ends_with(".md") {
                continue;
            }
            let owner = folders_of(&file.path).find_map(|folder| {
                let bundle = bundles.get(folder)?;
                Some((bundle, bundle.resource_path(&file.path)?))
            });
            if let Some((bundle, relative)) = owner {
                let url = format!("{}{relative}", with_trailing_slash(&bundle.page.url));
                let is_cover = bundle
                    .page
                    .cover
                    .as_ref()
                    .is_some_and(|cover| cover.image == url);
                if bundle.page.publish_resources || is_cover {
                    outputs.push((file.path.clone(), self.output_path(&url)));
                }
            }
        }
        outputs
    }
}

/// The folders that hold `path`, the innermost first (`content/a/b.png`: `content/a`,
/// `content`).
fn folders_of(path: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(path.rsplit_once('/').map(|(folder, _)| folder), |folder| {
        folder.rsplit_once('/').map(|(parent, _)| parent)
    })
}

/// A page that owns the files in its folder.
struct Bundle<'a> {
    /// `content/posts/b`.
    folder: &'a str,
    page: &'a PageEntry,
    /// A leaf bundle owns its whole folder tree; a section only the files beside `_index.md`.
    is_leaf: bool,
}

impl<'a> Bundle<'a> {
    fn of(page: &'a PageEntry) -> Option<Bundle<'a>> {
        let (folder, file) = page.source.rsplit_once('/')?;
        let is_leaf = match file {
            "index.md" => true,
            "_index.md" => false,
            _ => return None,
        };
        Some(Bundle {
            folder,
            page,
            is_leaf,
        })
    }

    /// The path of `path` inside this bundle, when the bundle owns it.
    fn resource_path<'p>(&self, path: &'p str) -> Option<&'p str> {
        let relative = path.strip_prefix(self.folder)?.strip_prefix('/')?;
        (self.is_leaf || !relative.contains('/')).then_some(relative)
    }
}

/// Hugo's default order: weight ascending with 0 (unset) last, then date newest first (to the
/// second; undated last), then link title or title, then source path (none first).
pub fn default_order(a: &PageEntry, b: &PageEntry) -> Ordering {
    let seconds = |page: &PageEntry| page.date.map_or(i64::MIN, |date| date.unix());
    let title = |page: &'_ PageEntry| -> String {
        page.link_title
            .clone()
            .unwrap_or_else(|| page.title.clone())
    };
    weight_order(a.weight, b.weight)
        .then_with(|| seconds(b).cmp(&seconds(a)))
        .then_with(|| collate(&title(a), &title(b)))
        .then_with(|| a.source.cmp(&b.source))
}

/// Hugo's order of weights (pages and menu entries): ascending, with 0 (unset) after all others.
pub fn weight_order(a: i64, b: i64) -> Ordering {
    match (a == 0, b == 0) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) => a.cmp(&b),
    }
}

/// Hugo compares names with a collator: case matters only to break ties. (The collator also
/// sorts accented letters with their base letter, `ü` with `u`; this does not.)
pub fn collate(a: &str, b: &str) -> Ordering {
    // ASCII text is compared without lower-cased copies: a sort of 100,000 terms makes millions
    // of comparisons.
    let lower_cased = if a.is_ascii() && b.is_ascii() {
        let lower_a = a.bytes().map(|byte| byte.to_ascii_lowercase());
        lower_a.cmp(b.bytes().map(|byte| byte.to_ascii_lowercase()))
    } else {
        a.to_lowercase().cmp(&b.to_lowercase())
    };
    lower_cased.then_with(|| a.cmp(b))
}

/// One file of the site folder, as the tool read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Relative to the site root: `content/posts/a.md`, `static/img/x.png`.
    pub path: String,
    /// The text of Markdown files; `None` for other files.
    pub text: Option<String>,
}

/// A page with nothing but its kind and URL; the rest is filled in by whoever makes it.
pub fn empty_entry(kind: PageKind, url: String) -> PageEntry {
    PageEntry {
        source: String::new(),
        kind,
        url,
        title: String::new(),
        date: None,
        weight: 0,
        cover: None,
        description: String::new(),
        summary_html: String::new(),
        truncated: false,
        word_count: 0,
        reading_time: 0,
        body_line: 1,
        link_title: None,
        aliases: Vec::new(),
        parent: String::new(),
        params: Vec::new(),
        terms: Vec::new(),
        lastmod: None,
        layout: String::new(),
        markdown_integrity: String::new(),
        list: List::Always,
        render: Render::Always,
        publish_resources: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build_options::KINDS;

    #[test]
    fn the_lookups_follow_every_change_of_the_pages_and_the_config() {
        let page = PageEntry {
            source: "content/posts/a.md".to_owned(),
            ..empty_entry(PageKind::Page, "/posts/a/".to_owned())
        };
        let section = empty_entry(PageKind::Section, "/posts/".to_owned());
        let mut site = Site::new(SiteConfig::default(), vec![section, page]);
        assert_eq!(
            site.page_by_source("content/posts/a.md")
                .map(|page| page.url.as_str()),
            Some("/posts/a/")
        );
        site.update_pages(|pages| {
            for page in pages {
                page.url = page.url.replace("/posts/", "/blog/posts/");
            }
        });
        assert!(site.page_by_url("/posts/a/").is_none());
        assert!(site.page_by_url("/blog/posts/a").is_some());
        // A section without `_index.md` is known by its URL below the base path.
        assert!(site.page_by_reference_key("posts").is_none());
        site.update_config(|config| config.base_url = "https://example.org/blog/".to_owned());
        assert!(site.page_by_reference_key("posts").is_some());

        // The browser makes a site of a route's pages: with the lookups made anew.
        let made_again = Site::new(site.config().clone(), site.pages().to_vec());
        assert_eq!(made_again, site);
        assert!(made_again.page_by_url("/blog/posts/a/").is_some());
    }

    #[test]
    fn page_kinds_have_hugos_names() {
        let kinds = [
            PageKind::Home,
            PageKind::Section,
            PageKind::Page,
            PageKind::Taxonomy,
            PageKind::Term,
        ];
        for kind in kinds {
            assert!(KINDS.contains(&kind.hugo_name()), "{kind:?}");
        }
        assert_eq!(PageKind::Taxonomy.hugo_name(), "taxonomy");
    }
}
