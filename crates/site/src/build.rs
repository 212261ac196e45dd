//! Builds the site model from the source files ([`build_site`]).
//!
//! Building, in order:
//! 1. Every `content/**/*.md` that is no bundle resource: front matter parsed (an error skips
//!    the page), drafts, future and expired pages dropped unless the config opts in.
//! 2. Kind and URL from the path (`_index.md` section, `index.md` leaf bundle), then `slug` and
//!    `url`; sections without `_index.md` at the top level; the home page.
//! 3. Parents (the nearest section folder above), section dates (the newest below), covers.
//! 4. Every body rendered against the finished page map: summaries, word counts and the
//!    diagnostics (REF_NOT_FOUND and the like), then `#anchor` links checked.
//! 5. Taxonomy and term pages added ([`super::taxonomy`]), terms dated; an archives page
//!    added when the site has none.
//! 6. Pages sorted in default order (terms by name, after the rest); duplicate URLs reported;
//!    menu `pageRef`s resolved.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use blogreader_content::build_options::{BuildOptions, Render};
use blogreader_content::builtin::markdownify;
use blogreader_content::date::Date;
use blogreader_content::error::{Diagnostic, DiagnosticKind, Severity, line_column};
use blogreader_content::render::{BodyHtml, PlacedImage, RenderedPage, render_page_with_summary};
use blogreader_content::site::{
    ARCHIVES_LAYOUT, Cover, PageEntry, PageKind, SEARCH_LAYOUT, Site, SourceFile, collate,
    default_order, empty_entry, flatten_params, under_base_path, with_trailing_slash,
};
use blogreader_content::url::{clean_path, percent_decode, url_from_segments, url_segment};

use super::cascade;
use super::config::BuildConfig;
use super::front_matter::{self, FrontMatter, RawCover};
use super::kept_renders::KeptRenders;
use super::menu;
use super::settings::{self, FrontMatterKeys};
use super::taxonomy;
use super::template::noting_counts_read;
use super::time_zone;
use super::unpublished;

/// A site built from its files: the index, each page's body as readers see it (each body
/// rendered once, for the index's summary, the checks and the prerendered page alike), and
/// the problems found.
#[derive(Debug)]
pub struct BuiltPages {
    pub site: Site,
    /// The body of each page with a source, by page URL.
    pub bodies: HashMap<String, BodyHtml>,
    /// The URLs of the pages each page's render looked up (its links' targets), by page URL:
    /// what the page's route data carries for the browser's render.
    pub looked_up: HashMap<String, Vec<String>>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Builds the site from its files as of now (native only: the browser gets the built index),
/// reusing the bodies `kept` has as they are and keeping the others for the next build.
pub fn build_site(config: BuildConfig, files: &[SourceFile], kept: &KeptRenders) -> BuiltPages {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| {
            i64::try_from(since.as_secs()).unwrap_or(i64::MAX)
        });
    build_pages_at(config, files, now, kept)
}

/// The index and diagnostics of [`build_pages_at`], without the bodies.
pub fn build_site_at(
    config: BuildConfig,
    files: &[SourceFile],
    now_unix: i64,
) -> (Site, Vec<Diagnostic>) {
    let built = build_pages_at(config, files, now_unix, &KeptRenders::default());
    (built.site, built.diagnostics)
}

/// [`build_site`] with the clock given (Unix seconds), which decides future and expired pages.
pub fn build_pages_at(
    mut config: BuildConfig,
    files: &[SourceFile],
    now_unix: i64,
    kept: &KeptRenders,
) -> BuiltPages {
    let mut diagnostics = std::mem::take(&mut config.warnings);
    let sources = read_sources(&config, files, now_unix, &mut diagnostics);
    let file_paths: HashSet<&str> = files.iter().map(|file| file.path.as_str()).collect();

    let section_folders: HashSet<&str> = sources
        .iter()
        .filter(|source| source.layout.kind != PageKind::Page)
        .map(|source| source.layout.folder.as_str())
        .collect();
    // A top-level folder with content is a section even without `_index.md` (unless it is a
    // taxonomy's: its `_index.md` files are terms).
    let implicit_sections: Vec<&str> = {
        let mut folders: Vec<&str> = sources
            .iter()
            .filter_map(|source| {
                let top = source.layout.lookup_from().split('/').next().unwrap_or("");
                let is_section = !top.is_empty()
                    && !section_folders.contains(top)
                    && !is_taxonomy_folder(&config.taxonomies, top);
                is_section.then_some(top)
            })
            .collect();
        folders.sort_unstable();
        folders.dedup();
        folders
    };

    let mut pages: Vec<PageEntry> = sources
        .iter()
        .map(|source| source.entry(&config, &file_paths, &mut diagnostics))
        .collect();
    for folder in &implicit_sections {
        let mut section = empty_entry(PageKind::Section, url_from_segments(folder.split('/')));
        section.title = config.list_titles.section(folder);
        pages.push(section);
    }
    if !sources
        .iter()
        .any(|source| source.layout.kind == PageKind::Home)
    {
        let mut home = empty_entry(PageKind::Home, "/".to_owned());
        home.title = config.title.clone();
        pages.push(home);
    }

    // Parents: the nearest section folder above each page; `/` for the top level.
    let mut folder_urls: HashMap<&str, String> = HashMap::new();
    for (source, page) in sources.iter().zip(&pages) {
        if source.layout.kind == PageKind::Section {
            folder_urls.insert(source.layout.folder.as_str(), page.url.clone());
        }
    }
    for (folder, page) in implicit_sections
        .iter()
        .zip(pages.iter().skip(sources.len()))
    {
        folder_urls.insert(folder, page.url.clone());
    }
    let home_url = "/".to_owned();
    for (index, page) in pages.iter_mut().enumerate() {
        page.parent = match (page.kind, sources.get(index)) {
            (PageKind::Home, _) => String::new(),
            (_, Some(source)) => nearest_section(source.layout.lookup_from(), &folder_urls)
                .unwrap_or_else(|| home_url.clone()),
            // An implicit section is always top level.
            (_, None) => home_url.clone(),
        };
    }
    let written_terms: Vec<(String, &str)> = sources
        .iter()
        .flat_map(|source| written_terms(&source.front_matter))
        .collect();
    taxonomy::add_taxonomy_pages(&config, &written_terms, &mut pages);
    let (sources, mut pages, mut unpublished) = set_aside_unpublished(&config, sources, pages);
    taxonomy::date_terms(&mut pages);
    date_sections(&mut pages);
    add_archives_page(&mut pages);

    let base_path = config.base_path();
    if base_path != "/" {
        for page in pages.iter_mut().chain(&mut unpublished) {
            put_under_base_path(page, &base_path);
        }
    }

    // The pages' own menu entries, by the published pages (a draft's entry is not there).
    let menus = menu::with_page_entries(
        &config.menu_entries,
        sources
            .iter()
            .zip(&pages)
            .map(|(source, page)| (source.front_matter.menus.as_slice(), page)),
    );
    let mut site = Site::new(config.site.clone(), pages);
    site.unpublished = unpublished;
    // Every body once, spread over the cores (in page order: the diagnostics keep theirs).
    let render = |site: &Site, (source, page): (&Source, &PageEntry)| {
        noting_counts_read(|| {
            site.recording_lookups(|| {
                render_page_with_summary(
                    site,
                    page,
                    source.body,
                    source.front_matter.summary.as_deref(),
                )
            })
        })
    };
    // The first render of each body, unless an earlier build's is still the one.
    let site_key = kept.site_key(&site);
    let first: Vec<_> = sources
        .par_iter()
        .zip(site.pages())
        .enumerate()
        .map(|(index, pair @ (source, _))| {
            let summary = source.front_matter.summary.as_deref();
            kept.render(&site_key, index, source.body, summary, || {
                render(&site, pair)
            })
        })
        .collect();
    let (mut renders, mut looked_up, counts_read): (
        Vec<RenderedPage>,
        Vec<Vec<String>>,
        Vec<bool>,
    ) = first
        .into_iter()
        .map(|((rendered, urls), read)| (rendered, urls, read))
        .collect();
    // A page whose templates read word counts or reading times saw none yet: it is rendered
    // again, now that every page's are known.
    if counts_read.contains(&true) {
        site.update_pages(|pages| {
            for (page, rendered) in pages.iter_mut().zip(&renders) {
                (page.word_count, page.reading_time) = (rendered.word_count, rendered.reading_time);
            }
        });
        let again: Vec<usize> = (0..renders.len())
            .filter(|&index| counts_read[index])
            .collect();
        let rendered_again: Vec<_> = again
            .par_iter()
            .map(|&index| render(&site, (&sources[index], &site.pages()[index])))
            .collect();
        for (index, ((rendered, urls), _)) in again.into_iter().zip(rendered_again) {
            renders[index] = rendered;
            looked_up[index] = urls;
        }
    }
    check_anchors(&renders, site.pages(), &mut diagnostics);
    let site_files: HashSet<String> = site
        .output_files(files)
        .into_iter()
        .map(|(_, output)| output)
        .collect();
    for (page, rendered) in site.pages().iter().zip(&renders) {
        check_images(&site, page, &rendered.images, &site_files, &mut diagnostics);
    }
    let unpublished = std::mem::take(&mut site.unpublished);
    let mut pages = site.into_pages();
    let mut bodies = HashMap::with_capacity(renders.len());
    let looked_up = pages
        .iter()
        .zip(looked_up)
        .map(|(page, urls)| (page.url.clone(), urls))
        .collect();
    for (page, rendered) in pages.iter_mut().zip(renders) {
        page.summary_html = rendered.summary_html;
        page.truncated = rendered.truncated;
        page.word_count = rendered.word_count;
        page.reading_time = rendered.reading_time;
        diagnostics.extend(rendered.diagnostics);
        bodies
            .entry(page.url.clone())
            .or_insert_with(|| BodyHtml::of_markdown(&rendered.html, rendered.headings));
    }
    pages.sort_by(index_order);
    report_url_collisions(&mut pages, files, &mut diagnostics);
    // Anew, with the lookups over the sorted pages.
    let mut site = Site::new(config.site.clone(), pages);
    site.unpublished = unpublished;
    let menus = menu::build_menus(menus, &config.menus_file, &site, &mut diagnostics);
    site.update_config(|site_config| site_config.menus = menus);
    let copyright_html = site
        .pages()
        .iter()
        .find(|page| page.kind == PageKind::Home)
        .filter(|_| !config.copyright.trim().is_empty())
        .map(|home| markdownify(&site, home, &config.copyright));
    if let Some(copyright_html) = copyright_html {
        site.update_config(|site_config| site_config.copyright_html = copyright_html);
    }
    unpublished::name_unpublished_targets(&site, &mut diagnostics);
    let place = &config.main_sections_at;
    diagnostics.extend(
        site.empty_main_sections()
            .into_iter()
            .map(|section| Diagnostic {
                severity: Severity::Warning,
                file: place.file.clone(),
                line: place.line,
                column: place.column,
                kind: DiagnosticKind::EmptyMainSection {
                    section: section.to_owned(),
                },
            }),
    );
    diagnostics.sort_by(|a, b| {
        (a.file.as_str(), a.line, a.column).cmp(&(b.file.as_str(), b.line, b.column))
    });
    BuiltPages {
        site,
        bodies,
        looked_up,
        diagnostics,
    }
}

/// Sets aside what the site does not publish: each page that is not rendered (`headless`,
/// `build.render = "never"`) and each page of a kind `disableKinds` names. Returns the
/// sources and pages it keeps (the first pages are the sources', in step) and the pages set
/// aside; with term pages disabled, no page links to its terms.
fn set_aside_unpublished<'f>(
    config: &BuildConfig,
    sources: Vec<Source<'f>>,
    pages: Vec<PageEntry>,
) -> (Vec<Source<'f>>, Vec<PageEntry>, Vec<PageEntry>) {
    let is_published = |page: &PageEntry| {
        page.render != Render::Never && config.is_kind_enabled(page.kind.hugo_name())
    };
    let (mut kept_sources, mut kept, mut unpublished) = (Vec::new(), Vec::new(), Vec::new());
    let mut pages = pages.into_iter();
    for source in sources {
        let Some(page) = pages.next() else {
            break;
        };
        if is_published(&page) {
            kept_sources.push(source);
            kept.push(page);
        } else {
            unpublished.push(page);
        }
    }
    for page in pages {
        if is_published(&page) {
            kept.push(page);
        } else {
            unpublished.push(page);
        }
    }
    if !config.is_kind_enabled(PageKind::Term.hugo_name()) {
        for page in &mut kept {
            page.terms.clear();
        }
    }
    (kept_sources, kept, unpublished)
}

/// Where the build puts the archives when the site has none of its own.
const ARCHIVES_URL: &str = "/archives/";

/// Adds an archives page at [`ARCHIVES_URL`], as PaperMod sites have one: when the site has
/// dated articles, no archives page of its own and nothing else at that address.
fn add_archives_page(pages: &mut Vec<PageEntry>) {
    let has_dated_articles = pages
        .iter()
        .any(|page| page.is_article() && page.date.is_some());
    let taken = pages.iter().any(|page| {
        page.is_archives()
            || page.url == ARCHIVES_URL
            || page.aliases.iter().any(|alias| alias == ARCHIVES_URL)
    });
    if has_dated_articles && !taken {
        let mut archives = empty_entry(PageKind::Page, ARCHIVES_URL.to_owned());
        archives.title = "Archives".to_owned();
        archives.layout = ARCHIVES_LAYOUT.to_owned();
        archives.parent = "/".to_owned();
        pages.push(archives);
    }
}

/// The order of the site's pages: [`default_order`], then the term pages by name (their
/// URL), which only their taxonomy's list shows, in Hugo's `.Data.Terms.Alphabetical` order.
fn index_order(a: &PageEntry, b: &PageEntry) -> Ordering {
    let is_term = |page: &PageEntry| page.kind == PageKind::Term;
    is_term(a).cmp(&is_term(b)).then_with(|| {
        if is_term(a) {
            collate(a.url.trim_end_matches('/'), b.url.trim_end_matches('/'))
        } else {
            default_order(a, b)
        }
    })
}

/// Every term a page's front matter names, as (term page URL, term as written).
fn written_terms(front_matter: &FrontMatter) -> impl Iterator<Item = (String, &str)> {
    front_matter.terms.iter().flat_map(|(plural, terms)| {
        terms
            .iter()
            .filter_map(move |term| Some((taxonomy::term_url(plural, term)?, term.as_str())))
    })
}

/// Whether `folder` (a top-level content folder) is the folder of one of `taxonomies`.
fn is_taxonomy_folder(taxonomies: &[String], folder: &str) -> bool {
    taxonomies
        .iter()
        .any(|plural| url_segment(plural) == url_segment(folder))
}

/// A page file with its front matter read, and where it sits.
struct Source<'f> {
    path: &'f str,
    text: &'f str,
    body: &'f str,
    body_line: usize,
    front_matter: FrontMatter,
    layout: Layout,
}

/// A page's kind and folders, from its path below `content/`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Layout {
    kind: PageKind,
    /// For a section or home, its own folder (`posts/ai_frameworks`, `` for home); for a leaf
    /// bundle, the bundle folder; for a regular page, the folder that holds it.
    folder: String,
    /// The last URL segment's source: the file name without `.md`, or the bundle folder.
    name: String,
    /// A leaf bundle (`index.md`): it owns the files of its folder.
    is_leaf: bool,
}

impl Layout {
    /// The layout of `relative` (below `content/`); `_index.md` files in the folder of one of
    /// `taxonomies` are its taxonomy page and its terms' pages.
    fn of(relative: &str, taxonomies: &[String]) -> Layout {
        let (folder, file) = relative.rsplit_once('/').unwrap_or(("", relative));
        let stem = file.strip_suffix(".md").unwrap_or(file);
        let (top, below) = folder.split_once('/').unwrap_or((folder, ""));
        let in_taxonomy = is_taxonomy_folder(taxonomies, top);
        let kind = match stem {
            "_index" | "index" if folder.is_empty() => PageKind::Home,
            "_index" if in_taxonomy && below.is_empty() => PageKind::Taxonomy,
            "_index" if in_taxonomy => PageKind::Term,
            "_index" => PageKind::Section,
            _ => PageKind::Page,
        };
        let name = if stem == "index" {
            folder.rsplit('/').next().unwrap_or(folder)
        } else {
            stem
        };
        Layout {
            kind,
            folder: folder.to_owned(),
            name: name.to_owned(),
            is_leaf: kind == PageKind::Page && stem == "index",
        }
    }

    /// The folder where the search for the parent section starts (inclusive).
    fn lookup_from(&self) -> &str {
        if self.kind != PageKind::Page || self.is_leaf {
            parent_folder(&self.folder)
        } else {
            &self.folder
        }
    }
}

fn parent_folder(folder: &str) -> &str {
    folder.rsplit_once('/').map_or("", |(parent, _)| parent)
}

fn nearest_section(mut folder: &str, folder_urls: &HashMap<&str, String>) -> Option<String> {
    loop {
        if folder.is_empty() {
            return None;
        }
        if let Some(url) = folder_urls.get(folder) {
            return Some(url.clone());
        }
        folder = parent_folder(folder);
    }
}

/// Parses every page file's front matter, adds what cascades pass down to it, and keeps the
/// pages the site shows. A page whose front matter has errors is kept with what could be
/// read (the errors fail the build), so its body is still checked; only front matter that
/// is never closed leaves nothing to check.
fn read_sources<'f>(
    config: &BuildConfig,
    files: &'f [SourceFile],
    now_unix: i64,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Source<'f>> {
    // The site's Markdown, by its path below `content/`.
    let markdown: Vec<(&SourceFile, &str)> = files
        .iter()
        .filter_map(|file| {
            let relative = file.path.strip_prefix("content/")?;
            relative.ends_with(".md").then_some((file, relative))
        })
        .collect();
    // Leaf bundle folders: every other file in them (Markdown too) is a resource.
    let leaf_folders: HashSet<&str> = markdown
        .iter()
        .filter_map(|(_, relative)| relative.strip_suffix("/index.md"))
        .collect();
    let zone = |date: &Date| {
        config
            .time_zone
            .map_or(0, |zone| time_zone::offset_minutes(zone, date))
    };
    let mut pages = Vec::new();
    let mut unused_keys = FrontMatterKeys::default();
    for (file, relative) in &markdown {
        let Some(text) = &file.text else {
            continue;
        };
        // A file inside a leaf bundle (at any depth) other than its index is a resource: one
        // look-up per folder above it, whatever the number of bundles.
        let (mut folder, name) = relative.rsplit_once('/').unwrap_or(("", relative));
        if name == "index.md" {
            folder = parent_folder(folder);
        }
        let mut is_resource = false;
        while !folder.is_empty() && !is_resource {
            is_resource = leaf_folders.contains(folder);
            folder = parent_folder(folder);
        }
        if is_resource {
            continue;
        }
        match front_matter::read_page(&file.path, text) {
            Ok(mut page) => {
                diagnostics.append(&mut page.errors);
                unused_keys.add_page(&file.path, &page);
                let layout = Layout::of(relative, &config.taxonomies);
                pages.push((file, text, relative, layout, page));
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    // Every cascade: the site config's, then each section's and the home page's (a regular
    // page has nothing below it).
    let mut cascades = config.cascade.clone();
    for (file, _, _, layout, page) in &pages {
        let Some((key, value)) = page
            .map
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case("cascade"))
        else {
            continue;
        };
        if layout.kind == PageKind::Page {
            continue;
        }
        let place = settings::key_place(page, &[key]);
        for mut found in cascade::read(&layout.folder, value) {
            // Each key is checked where the cascade is written; a bad one passes nothing.
            found.values.retain(|key, value| {
                let single = serde_json::Map::from_iter([(key.clone(), value.clone())]);
                let errors = page.check_at(place, single, &zone, &config.taxonomies);
                let is_good = errors.is_empty();
                diagnostics.extend(errors);
                is_good
            });
            unused_keys.add_cascade(&file.path, place, &found.values);
            cascades.push(found);
        }
    }
    diagnostics.extend(unused_keys.warnings());
    let mut sources = Vec::new();
    for (file, text, relative, layout, page) in pages {
        let mut map = page.map.clone();
        let target = cascade::TargetPage {
            kind: layout.kind.hugo_name(),
            relative,
        };
        cascade::apply(&cascades, &target, &mut map);
        let (mut front_matter, errors) = page.read(map, &zone, &config.taxonomies);
        diagnostics.extend(errors);
        diagnostics.append(&mut front_matter.warnings);
        // PaperMod's search page (`layout: search`, an empty page its layout fills): the
        // reader's own search page stands in its place.
        let is_search = front_matter
            .layout
            .as_deref()
            .is_some_and(|layout| layout.eq_ignore_ascii_case(SEARCH_LAYOUT));
        if !is_published(&front_matter, config, now_unix) || is_search {
            continue;
        }
        sources.push(Source {
            path: &file.path,
            text,
            body: page.split.body,
            body_line: page.split.body_line,
            front_matter,
            layout,
        });
    }
    sources
}

fn is_published(front_matter: &FrontMatter, config: &BuildConfig, now_unix: i64) -> bool {
    let draft_ok = !front_matter.draft || config.build_drafts;
    let future_ok = config.build_future
        || front_matter
            .publish_date
            .is_none_or(|date| date.unix() <= now_unix);
    let expiry_ok = config.build_expired
        || front_matter
            .expiry_date
            .is_none_or(|date| date.unix() >= now_unix);
    draft_ok && future_ok && expiry_ok
}

impl Source<'_> {
    /// The page's entry, without what rendering adds.
    fn entry(
        &self,
        config: &BuildConfig,
        file_paths: &HashSet<&str>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> PageEntry {
        let front_matter = &self.front_matter;
        let layout = &self.layout;
        let permalink = permalink_pattern(config, &layout.folder);
        let url = match (&front_matter.url, layout.kind, permalink) {
            (Some(url), _, _) if !url.trim().is_empty() => url_override(url),
            (_, PageKind::Home, _) => "/".to_owned(),
            (_, PageKind::Section | PageKind::Taxonomy | PageKind::Term, _) => {
                url_from_segments(layout.folder.split('/'))
            }
            (_, PageKind::Page, Some(pattern)) => expand_permalink(pattern, front_matter, layout),
            (_, PageKind::Page, None) => {
                let container = if layout.is_leaf {
                    parent_folder(&layout.folder)
                } else {
                    layout.folder.as_str()
                };
                let last = front_matter
                    .slug
                    .as_deref()
                    .filter(|slug| !slug.trim().is_empty())
                    .unwrap_or(&layout.name);
                url_from_segments(container.split('/').chain(std::iter::once(last)))
            }
        };
        let title = match (&front_matter.title, layout.kind) {
            (Some(title), _) if !title.is_empty() => title.clone(),
            (_, PageKind::Home) => config.title.clone(),
            // Hugo leaves such a title empty; we title it as if there were no `_index.md`.
            (_, PageKind::Section) => config
                .list_titles
                .section(layout.folder.rsplit('/').next().unwrap_or("")),
            (_, PageKind::Taxonomy) => config.list_titles.taxonomy(&layout.folder),
            // A term is titled as a page first writes it, by the taxonomy step.
            (_, PageKind::Page | PageKind::Term) => String::new(),
        };
        let cover = front_matter
            .cover
            .as_ref()
            .and_then(|raw| self.cover(raw, &url, file_paths, diagnostics));
        let mut entry = empty_entry(layout.kind, url);
        entry.source = self.path.to_owned();
        entry.title = title;
        entry.date = front_matter.date;
        entry.lastmod = front_matter
            .lastmod
            .filter(|lastmod| front_matter.date.map(|date| date.unix()) != Some(lastmod.unix()));
        entry.layout = front_matter.layout.clone().unwrap_or_default();
        entry.weight = front_matter.weight;
        entry.cover = cover;
        entry.description = front_matter.description.clone().unwrap_or_default();
        entry.body_line = self.body_line;
        entry.link_title = front_matter.link_title.clone();
        let build = if config.is_kind_enabled(layout.kind.hugo_name()) {
            front_matter.build
        } else {
            BuildOptions::DISABLED
        };
        entry.list = build.list;
        entry.render = build.render;
        entry.publish_resources = build.publish_resources;
        flatten_params("", &front_matter.params, &mut entry.params);
        // `Rust` and `rust` are one term.
        let mut seen = HashSet::new();
        for (url, _) in written_terms(front_matter) {
            if seen.insert(url.clone()) {
                entry.terms.push(url);
            }
        }
        entry.aliases = front_matter
            .aliases
            .iter()
            .filter(|alias| !alias.trim().is_empty())
            .map(|alias| alias_url(alias, &entry.url))
            .collect();
        entry
    }

    /// The cover image: a resource of the page bundle, else a `static/` file, else an
    /// absolute URL as written. Not found: no cover and a warning.
    fn cover(
        &self,
        raw: &RawCover,
        page_url: &str,
        file_paths: &HashSet<&str>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Cover> {
        let image = raw.image.trim();
        // A hidden cover is still the page's image for link previews, as in PaperMod.
        if image.is_empty() {
            return None;
        }
        let cover = |url: String| Cover {
            image: url,
            alt: raw.alt.clone(),
            caption: raw.caption.clone(),
            size: None,
        };
        if ["http://", "https://", "//"]
            .iter()
            .any(|prefix| image.starts_with(prefix))
        {
            return Some(cover(image.to_owned()));
        }
        let is_bundle = self.layout.kind != PageKind::Page || self.layout.is_leaf;
        let folder = parent_folder(self.path);
        let in_bundle = clean_path(&format!("{folder}/{image}"));
        if let Some(relative) = in_bundle
            .strip_prefix(folder)
            .and_then(|rest| rest.strip_prefix('/'))
            .filter(|_| {
                is_bundle && !image.starts_with('/') && file_paths.contains(in_bundle.as_str())
            })
        {
            return Some(cover(format!(
                "{}{relative}",
                with_trailing_slash(page_url)
            )));
        }
        let in_static = clean_path(image);
        if file_paths.contains(format!("static/{in_static}").as_str()) {
            return Some(cover(format!("/{in_static}")));
        }
        let (line, column) = line_column(self.text, self.text.find(image).unwrap_or(0));
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            file: self.path.to_owned(),
            line,
            column,
            kind: DiagnosticKind::MissingCover {
                image: image.to_owned(),
            },
        });
        None
    }
}

/// The `[permalinks]` pattern for pages under `folder`: the one of its top-level section.
fn permalink_pattern<'c>(config: &'c BuildConfig, folder: &str) -> Option<&'c str> {
    let section = folder
        .split('/')
        .next()
        .filter(|section| !section.is_empty())?;
    config
        .permalinks
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(section))
        .map(|(_, pattern)| pattern.as_str())
}

/// A page's URL from a permalink pattern: `:year`, `:month`, `:monthname`, `:day`,
/// `:section`, `:sections`, `:title`, `:slug` (else the title), `:filename` (a leaf bundle's
/// folder) and `:slugorfilename`; other text is kept. Each path segment is made URL-safe.
fn expand_permalink(pattern: &str, front_matter: &FrontMatter, layout: &Layout) -> String {
    let date = front_matter.date;
    let title = front_matter.title.clone().unwrap_or_default();
    let slug = front_matter
        .slug
        .clone()
        .filter(|slug| !slug.trim().is_empty());
    let section_folder = if layout.is_leaf {
        parent_folder(&layout.folder)
    } else {
        layout.folder.as_str()
    };
    let token = |name: &str| -> Option<String> {
        Some(match name {
            "year" => date.map_or_else(String::new, |date| format!("{:04}", date.year)),
            "month" => date.map_or_else(String::new, |date| format!("{:02}", date.month)),
            "monthname" => date.map_or_else(String::new, |date| date.month_name().to_owned()),
            "day" => date.map_or_else(String::new, |date| format!("{:02}", date.day)),
            "section" => section_folder.split('/').next().unwrap_or("").to_owned(),
            "sections" => section_folder.to_owned(),
            "title" => title.clone(),
            "slug" => slug.clone().unwrap_or_else(|| title.clone()),
            "filename" => layout.name.clone(),
            "slugorfilename" => slug.clone().unwrap_or_else(|| layout.name.clone()),
            _ => return None,
        })
    };
    let mut path = String::new();
    let mut rest = pattern;
    while let Some(start) = rest.find(':') {
        path.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let length = after
            .find(|character: char| !character.is_ascii_alphabetic())
            .unwrap_or(after.len());
        let name = &after[..length];
        match token(name) {
            Some(value) => path.push_str(&value),
            None => {
                path.push(':');
                path.push_str(name);
            }
        }
        rest = &after[length..];
    }
    path.push_str(rest);
    url_from_segments(path.split('/'))
}

/// A front matter `url`: server-root relative, with a trailing slash unless it names a file.
/// Its `.` and `..` are resolved, never above the root (the front matter check already
/// refuses `..`; this keeps every URL inside the site whatever made it).
fn url_override(url: &str) -> String {
    let trimmed = url.trim();
    let rooted = format!("/{}", clean_path(trimmed));
    let names_file = rooted
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'));
    if names_file {
        rooted
    } else {
        with_trailing_slash(&rooted)
    }
}

/// An alias as a server-root relative URL; a relative one sits beside the page.
fn alias_url(alias: &str, page_url: &str) -> String {
    let alias = alias.trim();
    if alias.starts_with('/') {
        return url_override(alias);
    }
    let page = page_url.trim_end_matches('/');
    let beside = page.rsplit_once('/').map_or("", |(parent, _)| parent);
    url_override(&format!("{beside}/{alias}"))
}

/// Moves every URL of `page` under the base path, as Hugo's `.RelPermalink` has it.
fn put_under_base_path(page: &mut PageEntry, base_path: &str) {
    page.url = under_base_path(base_path, &page.url);
    if !page.parent.is_empty() {
        page.parent = under_base_path(base_path, &page.parent);
    }
    for url in page.aliases.iter_mut().chain(page.terms.iter_mut()) {
        *url = under_base_path(base_path, url);
    }
    if let Some(cover) = &mut page.cover {
        cover.image = under_base_path(base_path, &cover.image);
    }
}

/// A section (or the home page) without a date takes the newest date of any page below it.
fn date_sections(pages: &mut [PageEntry]) {
    let index_of: HashMap<String, usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, page)| page.kind != PageKind::Page)
        .map(|(index, page)| (page.url.clone(), index))
        .collect();
    let undated: Vec<bool> = pages.iter().map(|page| page.date.is_none()).collect();
    let mut newest: Vec<Option<Date>> = vec![None; pages.len()];
    for page in pages.iter() {
        let Some(date) = page.date else {
            continue;
        };
        let mut parent = page.parent.as_str();
        // A `url` override could make a loop; no chain is longer than the page list.
        for _ in 0..pages.len() {
            let Some(&index) = index_of.get(parent) else {
                break;
            };
            if let Some(slot) = newest
                .get_mut(index)
                .filter(|slot| slot.is_none_or(|current| current.unix() < date.unix()))
            {
                *slot = Some(date);
            }
            match pages.get(index) {
                Some(section) if section.kind != PageKind::Home => parent = &section.parent,
                _ => break,
            }
        }
    }
    for ((page, date), is_undated) in pages.iter_mut().zip(newest).zip(undated) {
        if is_undated && page.kind != PageKind::Page {
            page.date = date;
        }
    }
}

/// Warns about links to an `#anchor` that the target page (rendered here) does not have.
fn check_anchors(renders: &[RenderedPage], pages: &[PageEntry], diagnostics: &mut Vec<Diagnostic>) {
    // The first page with a URL is the one a link reaches.
    let mut anchors_by_url: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (page, rendered) in pages.iter().zip(renders) {
        anchors_by_url
            .entry(page.url.as_str())
            .or_insert_with(|| rendered.anchors.iter().map(String::as_str).collect());
    }
    for (page, rendered) in pages.iter().zip(renders) {
        for link in &rendered.anchor_links {
            let Some(anchors) = anchors_by_url.get(link.page_url.as_str()) else {
                continue;
            };
            if !anchors.contains(link.anchor.as_str()) {
                diagnostics.push(Diagnostic {
                    severity: Severity::Warning,
                    file: page.source.clone(),
                    line: link.line,
                    column: link.column,
                    kind: DiagnosticKind::MissingAnchor {
                        reference: link.reference.clone(),
                        anchor: link.anchor.clone(),
                    },
                });
            }
        }
    }
}

/// Warns about each image of a page's body whose file the site does not have, where its
/// address is written: a relative `src` is looked up beside the page's URL (where a browser
/// looks), a root one under the base path; remote and `data:` images are not checked.
fn check_images(
    site: &Site,
    page: &PageEntry,
    images: &[PlacedImage],
    site_files: &HashSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for image in images {
        let path = percent_decode(image.src.split(['?', '#']).next().unwrap_or_default());
        let is_remote = path.is_empty() || path.starts_with("//") || path.contains(':');
        if is_remote {
            continue;
        }
        let url = if path.starts_with('/') {
            path
        } else {
            format!("{}{path}", with_trailing_slash(&page.url))
        };
        if site_files.contains(&clean_path(&site.output_path(&url))) {
            continue;
        }
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            file: page.source.clone(),
            line: image.line,
            column: image.column,
            kind: DiagnosticKind::MissingImage {
                src: image.src.clone(),
            },
        });
    }
}

/// Errors when two pages share a URL (one would hide the other), naming both files, at the
/// `url` key when it is written. An alias that is a page's URL or another page's alias is
/// left out with a warning at the `aliases` key, as Hugo 0.111 builds such a site: the page
/// stands at its URL (the alias would have been a redirect over it, or to itself), and of
/// two pages with one alias, the file that comes last by path keeps it (Hugo writes the
/// aliases one after another, the last over the others).
fn report_url_collisions(
    pages: &mut [PageEntry],
    files: &[SourceFile],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let texts: HashMap<&str, &str> = files
        .iter()
        .filter_map(|file| Some((file.path.as_str(), file.text.as_deref()?)))
        .collect();
    let mut report = |page: &PageEntry, key: &str, severity: Severity, kind: DiagnosticKind| {
        let (line, column) = texts
            .get(page.source.as_str())
            .and_then(|text| front_matter::key_position(text, key))
            .unwrap_or((1, 1));
        let file = if page.source.is_empty() {
            format!("the section {}", page.url)
        } else {
            page.source.clone()
        };
        diagnostics.push(Diagnostic {
            severity,
            file,
            line,
            column,
            kind,
        });
    };
    let name = |page: &PageEntry| {
        if page.source.is_empty() {
            format!("the section {}", page.url)
        } else {
            page.source.clone()
        }
    };
    // Whose URL each URL is.
    let mut owners: HashMap<String, usize> = HashMap::new();
    for (index, page) in pages.iter().enumerate() {
        let Some(&first) = owners.get(&page.url) else {
            owners.insert(page.url.clone(), index);
            continue;
        };
        // The page with a file is the one to fix (a section without `_index.md` has none).
        let (here, there) = match pages.get(first) {
            Some(other) if page.source.is_empty() => (other, page),
            Some(other) => (page, other),
            None => continue,
        };
        let kind = DiagnosticKind::DuplicateUrl {
            url: page.url.clone(),
            other: name(there),
        };
        report(here, "url", Severity::Error, kind);
    }
    // Of the pages that share an alias, the one whose file comes last by path keeps it.
    let mut alias_keepers: HashMap<&str, usize> = HashMap::new();
    for (index, page) in pages.iter().enumerate() {
        for alias in page
            .aliases
            .iter()
            .filter(|alias| !owners.contains_key(*alias))
        {
            let keeper = alias_keepers.entry(alias).or_insert(index);
            if pages
                .get(*keeper)
                .is_some_and(|kept| page.source > kept.source)
            {
                *keeper = index;
            }
        }
    }
    // The aliases left out, by page: (alias, what stands at its URL instead), each once.
    let mut left_out: Vec<(usize, Vec<(String, String)>)> = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        let mut dropped: Vec<(String, String)> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for alias in &page.aliases {
            let other = match (owners.get(alias), alias_keepers.get(alias.as_str())) {
                (Some(&owner), _) if owner == index => "the page itself".to_owned(),
                (Some(&owner), _) => pages.get(owner).map(name).unwrap_or_default(),
                (None, Some(&keeper)) if keeper != index => pages
                    .get(keeper)
                    .map(|kept| format!("an alias of {}", name(kept)))
                    .unwrap_or_default(),
                _ => continue,
            };
            if seen.insert(alias) {
                dropped.push((alias.clone(), other));
            }
        }
        if !dropped.is_empty() {
            left_out.push((index, dropped));
        }
    }
    for (index, dropped) in left_out {
        let Some(page) = pages.get_mut(index) else {
            continue;
        };
        // One pass over the page's aliases, however many go.
        let gone: HashSet<&str> = dropped.iter().map(|(alias, _)| alias.as_str()).collect();
        page.aliases.retain(|own| !gone.contains(own.as_str()));
        for (alias, other) in dropped {
            let kind = DiagnosticKind::AliasCollision {
                alias,
                other: format!("{other}; it is left out"),
            };
            report(page, "aliases", Severity::Warning, kind);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use blogreader_content::site::SiteConfig;

    /// The seed site's series index as first written (a fixture, so the site's own content
    /// may change).
    const SEED: &str =
        include_str!("../../../tests/fixtures/seed/content/posts/ai_frameworks/_index.md");
    const SEED_PATH: &str = "content/posts/ai_frameworks/_index.md";
    /// 2026-01-01T00:00:00Z.
    const NOW: i64 = 1_767_225_600;

    fn markdown(path: &str, text: &str) -> SourceFile {
        SourceFile {
            path: path.to_owned(),
            text: Some(text.to_owned()),
        }
    }

    fn other(path: &str) -> SourceFile {
        SourceFile {
            path: path.to_owned(),
            text: None,
        }
    }

    /// Builds without taxonomies, whose pages every site has otherwise (tested on their own).
    fn build(files: &[SourceFile]) -> (Site, Vec<Diagnostic>) {
        build_site_at(no_taxonomies(), files, NOW)
    }

    fn no_taxonomies() -> BuildConfig {
        BuildConfig {
            taxonomies: Vec::new(),
            ..BuildConfig::default()
        }
    }

    fn page<'s>(site: &'s Site, url: &str) -> &'s PageEntry {
        site.page_by_url(url)
            .unwrap_or_else(|| panic!("no page at {url} in {:?}", urls(site)))
    }

    fn urls(site: &Site) -> Vec<&str> {
        site.pages().iter().map(|page| page.url.as_str()).collect()
    }

    #[test]
    fn images_that_are_no_file_of_the_site_are_reported_where_written() {
        let files = [
            markdown(
                "content/posts/a/index.md",
                "+++\ntitle = \"A\"\n+++\n![here](c.png) ![gone](missing.png)\n\
                 ![static](/img/s.png) ![remote](https://example.org/x.png)\n\n\
                 {{< figure src=\"nowhere.jpg\" alt=\"x\" >}}\n\n\
                 Again: ![gone](missing.png) and ![gone](missing.png)\n",
            ),
            other("content/posts/a/c.png"),
            other("static/img/s.png"),
        ];
        let (_, diagnostics) = build(&files);
        let missing: Vec<(usize, usize, String)> = diagnostics
            .iter()
            .filter_map(|diagnostic| match &diagnostic.kind {
                DiagnosticKind::MissingImage { src } => {
                    Some((diagnostic.line, diagnostic.column, src.clone()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(
            missing,
            [
                (4, 24, "missing.png".to_owned()),
                (7, 17, "/posts/a/nowhere.jpg".to_owned()),
                (9, 16, "missing.png".to_owned()),
                (9, 41, "missing.png".to_owned()),
            ],
            "each place an image is named is reported"
        );
    }

    #[test]
    fn a_base_url_path_starts_every_url_but_not_the_output_paths() {
        let config = BuildConfig {
            site: SiteConfig {
                base_url: "https://example.org/blog".to_owned(),
                ..SiteConfig::default()
            },
            ..BuildConfig::default()
        };
        assert_eq!(config.base_path(), "/blog/");
        assert_eq!(config.base_origin(), "https://example.org");
        let files = [
            markdown(
                "content/posts/a/index.md",
                "+++\ntitle = \"A\"\ntags = [\"Rust\"]\naliases = [\"/old-a/\"]\n[cover]\nimage = \"c.png\"\n+++\n\
                 [b]({{< relref \"b\" >}}) [gone]({{< relref \"gone\" >}}) \
                 [abs]({{< ref \"b\" >}}) [md](b.md)\n",
            ),
            other("content/posts/a/c.png"),
            markdown(
                "content/posts/b.md",
                "+++\ntitle = \"B\"\nurl = \"/custom/b/\"\n+++\nb",
            ),
            markdown(
                "content/notes/n.md",
                "+++\ntitle = \"N\"\n+++\n[s]({{< relref \"/notes\" >}})",
            ),
        ];
        let (site, _) = build_site_at(config, &files, NOW);
        let mut found = urls(&site);
        found.sort_unstable();
        assert_eq!(
            found,
            [
                "/blog/",
                "/blog/categories/",
                "/blog/custom/b/",
                "/blog/notes/",
                "/blog/notes/n/",
                "/blog/posts/",
                "/blog/posts/a/",
                "/blog/tags/",
                "/blog/tags/rust/"
            ]
        );
        let a = page(&site, "/blog/posts/a/");
        assert_eq!(a.parent, "/blog/posts/");
        assert_eq!(a.aliases, ["/blog/old-a/"]);
        assert_eq!(a.terms, ["/blog/tags/rust/"]);
        assert_eq!(
            a.cover.as_ref().map(|cover| cover.image.as_str()),
            Some("/blog/posts/a/c.png")
        );

        let split =
            blogreader_content::front_matter::split(&files[0].text.clone().unwrap_or_default())
                .map(|split| split.body.to_owned())
                .unwrap_or_default();
        let html = blogreader_content::render::render_page(&site, a, &split).html;
        assert!(
            html.contains(r#"<a href="/blog/custom/b/">b</a>"#),
            "{html}"
        );
        assert!(html.contains(r#"href="/blog/posts/gone/""#), "{html}");
        assert!(
            html.contains(r#"<a href="https://example.org/blog/custom/b/">abs</a>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="/blog/custom/b/">md</a>"#),
            "{html}"
        );
        let n = page(&site, "/blog/notes/n/");
        let html =
            blogreader_content::render::render_page(&site, n, "[s]({{< relref \"/notes\" >}})")
                .html;
        assert!(html.contains(r#"<a href="/blog/notes/">s</a>"#), "{html}");
        let outputs = site.output_files(&files);
        assert!(outputs.contains(&(
            "content/posts/a/index.md".to_owned(),
            "posts/a/index.md".to_owned()
        )));
        assert!(outputs.contains(&(
            "content/posts/a/c.png".to_owned(),
            "posts/a/c.png".to_owned()
        )));
        assert!(outputs.contains(&(
            "content/posts/b.md".to_owned(),
            "custom/b/index.md".to_owned()
        )));
    }

    fn seed_html(site: &Site) -> String {
        let seed = page(site, "/posts/ai_frameworks/");
        let split =
            blogreader_content::front_matter::split(SEED).unwrap_or_else(|error| panic!("{error}"));
        blogreader_content::render::render_page(site, seed, split.body).html
    }

    #[test]
    fn the_seed_builds_end_to_end() {
        let (site, diagnostics) = build(&[markdown(SEED_PATH, SEED)]);
        let seed = page(&site, "/posts/ai_frameworks/");
        assert_eq!(seed.kind, PageKind::Section);
        assert_eq!(
            seed.title,
            "AI-Native Development Frameworks (blog post series)"
        );
        assert_eq!(
            seed.date.map(|date| date.display()).unwrap_or_default(),
            "May 10, 2025"
        );
        assert_eq!(seed.weight, 1);
        assert_eq!(seed.body_line, 8);
        assert_eq!(seed.parent, "/posts/");
        assert_eq!(
            seed.markdown_url().as_deref(),
            Some("/posts/ai_frameworks/index.md")
        );
        assert!(seed.truncated);
        assert!(seed.summary_html.starts_with("<p>Like many others"));
        assert!(seed.word_count > 350, "{}", seed.word_count);

        let (line, column) = SEED
            .lines()
            .enumerate()
            .find_map(|(index, line)| Some((index + 1, line.find("{{<")? + 1)))
            .unwrap_or_default();
        let refs: Vec<String> = diagnostics
            .iter()
            .filter(|diagnostic| matches!(diagnostic.kind, DiagnosticKind::RefNotFound { .. }))
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            refs,
            [format!(
                "REF_NOT_FOUND: Ref \"01_why_ai_frameworks\": \
                 \"content/posts/ai_frameworks/_index.md:{line}:{column}\": page not found"
            )]
        );
        assert_eq!((line, column), (43, 25), "where Hugo 0.111 reports it");

        let html = seed_html(&site);
        assert!(html.contains("<strong>engineering</strong>"), "{html}");
        assert!(html.contains("<br />"), "{html}");
        assert!(html.contains("<ol>"), "{html}");
        assert!(html.contains(
            "<a href=\"/posts/ai_frameworks/01_why_ai_frameworks/\" class=\"broken-link\">"
        ));
    }

    #[test]
    fn the_seed_links_once_its_target_exists() {
        let target = "content/posts/ai_frameworks/01_why_ai_frameworks/index.md";
        let (site, diagnostics) = build(&[
            markdown(SEED_PATH, SEED),
            markdown(target, "---\ntitle: Why\ndate: 2025-05-11\n---\nBody"),
            other("static/ai_frameworks/ai_feedback_loop_1-min.png"),
        ]);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let html = seed_html(&site);
        assert!(html.contains("<a href=\"/posts/ai_frameworks/01_why_ai_frameworks/\">"));
        let seed = page(&site, "/posts/ai_frameworks/");
        assert_eq!(
            seed.cover.as_ref().map(|cover| cover.image.as_str()),
            Some("/ai_frameworks/ai_feedback_loop_1-min.png")
        );
        assert_eq!(
            site.children(seed)
                .iter()
                .map(|p| p.title.as_str())
                .collect::<Vec<_>>(),
            ["Why"]
        );
    }

    #[test]
    fn a_missing_cover_is_a_warning_at_its_line() {
        let (site, diagnostics) = build(&[markdown(SEED_PATH, SEED)]);
        assert_eq!(page(&site, "/posts/ai_frameworks/").cover, None);
        let missing: Vec<String> = diagnostics
            .iter()
            .filter(|diagnostic| matches!(diagnostic.kind, DiagnosticKind::MissingCover { .. }))
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            missing,
            ["content/posts/ai_frameworks/_index.md:6:12: cover image \
              \"ai_frameworks/ai_feedback_loop_1-min.png\" not found in the page bundle nor \
              under static/"]
        );
    }

    #[test]
    fn urls_follow_paths_bundles_slugs_and_url() {
        let (site, _) = build(&[
            markdown("content/posts/a.md", "---\ntitle: A\n---\n"),
            markdown("content/posts/My Post.md", "---\ntitle: B\n---\n"),
            markdown("content/posts/bundle/index.md", "---\ntitle: C\n---\n"),
            markdown("content/posts/bundle/notes.md", "not a page: a resource"),
            markdown("content/posts/slugged.md", "---\nslug: Other Name\n---\n"),
            markdown("content/posts/moved.md", "---\nurl: /elsewhere\n---\n"),
            markdown("content/Docs/_index.md", "---\ntitle: Docs\n---\n"),
            markdown("content/Docs/guide/_index.md", "---\n---\n"),
            markdown("content/about.md", "---\ntitle: About\n---\n"),
            markdown("content/contact/index.md", "---\ntitle: Contact\n---\n"),
        ]);
        let mut found = urls(&site);
        found.sort_unstable();
        assert_eq!(
            found,
            [
                "/",
                "/about/",
                "/contact/",
                "/docs/",
                "/docs/guide/",
                "/elsewhere/",
                "/posts/",
                "/posts/a/",
                "/posts/bundle/",
                "/posts/my-post/",
                "/posts/other-name/",
            ]
        );
        // An `_index.md` without a title: titled as a section without one.
        assert_eq!(page(&site, "/docs/guide/").title, "Guides");
        assert_eq!(page(&site, "/docs/guide/").parent, "/docs/");
        assert_eq!(page(&site, "/posts/bundle/").parent, "/posts/");
        assert_eq!(page(&site, "/elsewhere/").parent, "/posts/");
        assert_eq!(page(&site, "/about/").parent, "/");
        assert_eq!(
            page(&site, "/contact/").kind,
            PageKind::Page,
            "a leaf bundle, no section"
        );
        assert_eq!(page(&site, "/").kind, PageKind::Home);
        assert_eq!(
            page(&site, "/posts").url,
            "/posts/",
            "the slash may be left out"
        );
    }

    #[test]
    fn a_top_level_folder_without_index_is_a_section_titled_and_dated_from_below() {
        let (site, _) = build(&[
            markdown("content/my_folder/old.md", "---\ndate: 2024-01-01\n---\n"),
            markdown(
                "content/my_folder/deep/new.md",
                "---\ndate: 2024-03-01\n---\n",
            ),
            markdown("content/notes of the day/x.md", "---\n---\n"),
        ]);
        let section = page(&site, "/my_folder/");
        assert_eq!(section.kind, PageKind::Section);
        assert_eq!(section.source, "");
        // Current Hugo: flect pluralizes the last word, then AP title case.
        assert_eq!(section.title, "My_folders");
        assert_eq!(
            section.date.map(|date| date.rfc3339()).unwrap_or_default(),
            "2024-03-01T00:00:00Z"
        );
        assert_eq!(page(&site, "/").date, section.date, "the home page too");
        assert_eq!(page(&site, "/notes-of-the-day/").title, "Notes of the Days");
        assert!(
            site.page_by_url("/my_folder/deep/").is_none(),
            "nested folders are no sections"
        );
        assert_eq!(page(&site, "/my_folder/deep/new/").parent, "/my_folder/");
        let children: Vec<&str> = site
            .children(section)
            .iter()
            .map(|p| p.url.as_str())
            .collect();
        assert_eq!(children, ["/my_folder/deep/new/", "/my_folder/old/"]);
    }

    #[test]
    fn front_matter_and_site_params_are_flattened_for_the_param_shortcode() {
        let files = [markdown(
            "content/a.md",
            "---\nMood: happy\nparams:\n  Social: {GitHub: me}\n  n: 3\n  tags: [x]\n---\n",
        )];
        let (site, _) = build(&files);
        let page = site.pages().iter().find(|page| page.url == "/a/");
        let params = page.map(|page| page.params.clone()).unwrap_or_default();
        let pair = |key: &str, value: &str| (key.to_owned(), value.to_owned());
        assert_eq!(
            params,
            [
                pair("mood", "happy"),
                pair("n", "3"),
                pair("social.github", "me")
            ]
        );
        let config = BuildConfig::parse("hugo.toml", "[Params]\nAuthor = \"Ann\"\nok = true\n");
        assert_eq!(
            config.map(|config| config.site.params).ok(),
            Some(vec![pair("author", "Ann"), pair("ok", "true")])
        );
    }

    #[test]
    fn drafts_future_and_expired_pages_are_hidden_unless_the_config_opts_in() {
        let files = [
            markdown("content/draft.md", "---\ndraft: true\n---\n"),
            markdown("content/future.md", "---\ndate: 2030-01-01\n---\n"),
            markdown("content/expired.md", "---\nexpiryDate: 2020-01-01\n---\n"),
            markdown("content/shown.md", "---\ndate: 2020-01-01\n---\n"),
        ];
        let (site, _) = build(&files);
        assert_eq!(urls(&site), ["/", "/shown/", "/archives/"]);
        let config = BuildConfig {
            build_drafts: true,
            build_future: true,
            build_expired: true,
            ..no_taxonomies()
        };
        let (everything, _) = build_site_at(config, &files, NOW);
        assert_eq!(everything.pages().len(), 6, "four pages, home and archives");
    }

    #[test]
    fn a_page_with_front_matter_errors_is_still_checked_whole() {
        let (site, diagnostics) = build(&[
            markdown(
                "content/bad.md",
                "+++\nweight = \"x\"\ntitle = \"Bad\"\nslug = \"../up\"\ndraft = \"maybe\"\n+++\n\
                 See [gone]({{< relref \"gone\" >}}) and {{< nope >}}.\n",
            ),
            markdown(
                "content/broken.md",
                "+++\ntitle = [\n+++\n[x](missing.md)\n",
            ),
            markdown("content/unclosed.md", "+++\ntitle = \"U\"\n"),
            markdown("content/good.md", "+++\ntitle = \"Good\"\n+++\n"),
        ]);
        let messages: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "content/bad.md:2:1: front matter key \"weight\": expected an integer, found a string",
                "content/bad.md:4:1: front matter key \"slug\": \"../up\" climbs out of its \
                 folder with \"..\": it must be a path on this site",
                "content/bad.md:5:1: front matter key \"draft\": expected a boolean, found \"maybe\"",
                "REF_NOT_FOUND: Ref \"gone\": \"content/bad.md:7:12\": page not found",
                "content/bad.md:7:39: unknown shortcode \"nope\": left out of the page",
                "content/broken.md:2:10: invalid TOML front matter: unclosed array, expected `]`",
                "content/broken.md:4:1: link \"missing.md\": page not found",
                "content/unclosed.md:1:1: front matter opened with \"+++\" is never closed",
            ]
        );
        // What could be read is kept: the title, and the URL without the refused slug.
        let bad = site
            .page_by_url("/bad/")
            .expect("the page stays, to be checked");
        assert_eq!((bad.title.as_str(), bad.weight), ("Bad", 0));
        assert!(site.page_by_url("/good/").is_some());
        assert!(site.page_by_url("/unclosed/").is_none());
        let errors = diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == Severity::Error)
            .count();
        assert_eq!(errors, 5, "the build still fails");
    }

    fn ordered(pages: &[PageEntry]) -> Vec<&str> {
        let mut sorted: Vec<&PageEntry> = pages.iter().collect();
        sorted.sort_by(|a, b| default_order(a, b));
        sorted.iter().map(|page| page.source.as_str()).collect()
    }

    fn entry(source: &str, weight: i64, date: Option<&str>, title: &str) -> PageEntry {
        let mut page = empty_entry(PageKind::Page, format!("/{source}/"));
        page.source = source.to_owned();
        page.weight = weight;
        page.date = date.and_then(|text| crate::date_parse::parse_date(text, 0).ok());
        page.title = title.to_owned();
        page
    }

    #[test]
    fn default_order_is_weight_with_zero_last_then_newest_then_title_then_path() {
        let pages = [
            entry("unweighted-old", 0, Some("2024-01-01"), "A"),
            entry("unweighted-new", 0, Some("2024-06-01"), "Z"),
            entry("heavy", 5, None, "A"),
            entry("light", 1, Some("2020-01-01"), "A"),
            entry("negative", -1, None, "A"),
            entry("undated", 0, None, "A"),
            entry("same-b", 0, Some("2023-01-01T10:00:00Z"), "b"),
            entry("same-a", 0, Some("2023-01-01T12:00:00+02:00"), "B"),
            entry("tie-2", 0, None, "A"),
        ];
        assert_eq!(
            ordered(&pages),
            [
                "negative",
                "light",
                "heavy",
                "unweighted-new",
                "unweighted-old",
                "same-a",
                "same-b",
                "tie-2",
                "undated",
            ]
        );
    }

    #[test]
    fn link_title_sorts_before_title() {
        let mut first = entry("x", 0, None, "Zebra");
        first.link_title = Some("Apple".to_owned());
        let second = entry("y", 0, None, "Mango");
        assert_eq!(ordered(&[second, first]), ["x", "y"]);
    }

    #[test]
    fn home_pages_are_the_main_sections_pages_and_sections_with_index_files() {
        let files = [
            markdown("content/_index.md", "---\ntitle: Home\n---\n"),
            markdown(
                "content/posts/_index.md",
                "---\ntitle: Posts\nweight: 2\n---\n",
            ),
            markdown("content/posts/a.md", "---\ntitle: A\nweight: 1\n---\n"),
            markdown("content/posts/deep/_index.md", "---\ntitle: Deep\n---\n"),
            markdown("content/posts/deep/c.md", "---\ntitle: C\n---\n"),
            markdown("content/misc/b.md", "---\ntitle: B\n---\n"),
            markdown("content/about.md", "---\ntitle: About\n---\n"),
        ];
        // Hugo's default (checked with Hugo 0.111): the top-level section with the most
        // regular pages, those of its sub-sections counted; the root's About is in none. The
        // section's own sections are cards; the main section itself is not listed.
        let (site, _) = build(&files);
        let listed: Vec<&str> = site.home_pages().iter().map(|p| p.url.as_str()).collect();
        assert_eq!(listed, ["/posts/a/", "/posts/deep/c/", "/posts/deep/"]);
        let home = page(&site, "/");
        assert_eq!(home.title, "Home");
        let top: Vec<&str> = site.children(home).iter().map(|p| p.url.as_str()).collect();
        assert_eq!(top, ["/posts/", "/about/", "/misc/"]);

        let config = BuildConfig::parse("hugo.toml", "[params]\nmainSections = [\"misc\"]\n")
            .unwrap_or_else(|error| panic!("{error}"));
        let (site, _) = build_site_at(
            BuildConfig {
                taxonomies: Vec::new(),
                ..config
            },
            &files,
            NOW,
        );
        let listed: Vec<&str> = site.home_pages().iter().map(|p| p.url.as_str()).collect();
        assert_eq!(listed, ["/misc/b/"]);
    }

    #[test]
    fn a_tie_goes_to_the_first_section_by_name_and_no_section_lists_every_article() {
        let (site, _) = build(&[
            markdown("content/posts/a.md", "---\ntitle: A\n---\n"),
            markdown("content/misc/b.md", "---\ntitle: B\n---\n"),
        ]);
        let listed: Vec<&str> = site.home_pages().iter().map(|p| p.url.as_str()).collect();
        assert_eq!(listed, ["/misc/b/"]);
        let (site, _) = build(&[
            markdown("content/a.md", "---\ntitle: A\n---\n"),
            markdown("content/b.md", "---\ntitle: B\n---\n"),
        ]);
        let listed: Vec<&str> = site.home_pages().iter().map(|p| p.url.as_str()).collect();
        assert_eq!(listed, ["/a/", "/b/"]);
    }

    #[test]
    fn main_sections_are_a_list_or_one_name() {
        let sections = |toml: &str| {
            BuildConfig::parse("hugo.toml", toml).map(|config| config.site.main_sections)
        };
        assert_eq!(
            sections("[params]\nMainSections = [\"posts\", \"notes\"]\n"),
            Ok(vec!["posts".to_owned(), "notes".to_owned()])
        );
        assert_eq!(
            sections("[params]\nmainsections = \"posts\"\n"),
            Ok(vec!["posts".to_owned()])
        );
        // Current Hugo's top-level setting wins over the params' one.
        assert_eq!(
            sections("mainSections = [\"notes\"]\n[params]\nmainSections = [\"posts\"]\n"),
            Ok(vec!["notes".to_owned()])
        );
        let error = sections("[params]\nmainSections = 3\n")
            .err()
            .map(|error| error.to_string());
        assert_eq!(
            error.as_deref(),
            Some(
                "hugo.toml:2:1: config key \"mainSections\": expected a list of section names, \
                 found an integer"
            )
        );
    }

    #[test]
    fn main_sections_without_pages_are_named_where_the_config_names_them() {
        let toml = "title = \"T\"\n[params]\nmainSections = [\"posts\", \"notse\"]\n";
        let config = BuildConfig::parse("hugo.toml", toml).expect("config parses");
        let files = [
            markdown("content/posts/a.md", "+++\ntitle = \"A\"\n+++\nText.\n"),
            markdown("content/notes/_index.md", "+++\ntitle = \"Notes\"\n+++\n"),
        ];
        let (site, diagnostics) = build_site_at(config, &files, NOW);
        let messages: Vec<String> = diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.file == "hugo.toml")
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            messages,
            [
                "hugo.toml:3:1: mainSections names \"notse\", a section without pages: the home \
              page lists nothing of it"
            ]
        );
        let home: Vec<&str> = site
            .home_pages()
            .iter()
            .map(|page| page.url.as_str())
            .collect();
        assert_eq!(home, ["/posts/a/"]);
    }

    #[test]
    fn the_copyright_is_markdown_made_safe_html() {
        let copyright = |toml: &str| {
            let config = BuildConfig::parse("hugo.toml", toml).expect("config parses");
            let files = [markdown("content/posts/a.md", "+++\ntitle = \"A\"\n+++\n")];
            let (site, _) = build_site_at(config, &files, NOW);
            site.config().copyright_html.clone()
        };
        assert_eq!(copyright("title = \"T\"\n"), "");
        assert_eq!(
            copyright("copyright = \"&copy; 2024 [Ann](https://ann.example/), **all** rights\"\n"),
            "© 2024 <a href=\"https://ann.example/\">Ann</a>, <strong>all</strong> rights"
        );
        // Raw HTML is left out (Hugo's default) and a script URL goes nowhere.
        let hostile = copyright(
            "copyright = \"<script>alert(1)</script><img src=x onerror=alert(1)>[x](javascript:alert(1))\"\n",
        );
        assert!(
            !hostile.contains("<script") && !hostile.contains("onerror"),
            "{hostile}"
        );
        assert!(!hostile.contains("javascript:"), "{hostile}");
        // With raw HTML allowed, it goes through the allowlist as a page's would.
        let allowed = copyright(
            "copyright = \"<b onclick=alert(1)>B</b><script>alert(1)</script>\"\n\
             [markup.goldmark.renderer]\nunsafe = true\n",
        );
        assert!(allowed.contains("<b>B</b>"), "{allowed}");
        assert!(
            !allowed.contains("onclick") && !allowed.contains("<script"),
            "{allowed}"
        );
    }

    #[test]
    fn output_files_place_markdown_resources_and_static_files() {
        let files = [
            markdown(
                "content/posts/b/index.md",
                "---\ncover:\n  image: img/c.png\n---\n",
            ),
            other("content/posts/b/img/c.png"),
            markdown("content/posts/_index.md", "---\ntitle: Posts\n---\n"),
            other("content/posts/banner.jpg"),
            other("content/posts/deeper/orphan.png"),
            markdown("content/posts/a.md", "---\n---\n"),
            other("static/favicon.ico"),
        ];
        let (site, diagnostics) = build(&files);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(
            page(&site, "/posts/b/")
                .cover
                .as_ref()
                .map(|cover| cover.image.as_str()),
            Some("/posts/b/img/c.png")
        );
        let mut outputs = site.output_files(&files);
        outputs.sort();
        let expected: Vec<(String, String)> = [
            ("content/posts/_index.md", "posts/index.md"),
            ("content/posts/a.md", "posts/a/index.md"),
            ("content/posts/b/img/c.png", "posts/b/img/c.png"),
            ("content/posts/b/index.md", "posts/b/index.md"),
            ("content/posts/banner.jpg", "posts/banner.jpg"),
            ("static/favicon.ico", "favicon.ico"),
        ]
        .iter()
        .map(|(from, to)| ((*from).to_owned(), (*to).to_owned()))
        .collect();
        assert_eq!(outputs, expected);
    }

    #[test]
    fn aliases_become_root_relative_urls() {
        let (site, _) = build(&[markdown(
            "content/posts/a.md",
            "---\naliases: [/old/path, older, /feed.xml]\n---\n",
        )]);
        assert_eq!(
            page(&site, "/posts/a/").aliases,
            ["/old/path/", "/posts/older/", "/feed.xml"]
        );
        let found = site
            .page_by_alias("/old/path/")
            .map(|page| page.url.as_str());
        assert_eq!(found, Some("/posts/a/"));
        assert!(site.page_by_alias("/posts/a/").is_none());
    }

    #[test]
    fn missing_anchors_are_warned_about_and_duplicate_urls_are_errors() {
        let (_, diagnostics) = build(&[
            markdown(
                "content/a.md",
                "---\n---\n# Here\n\n[ok](b.md#there) [bad](b.md#nowhere)\n",
            ),
            markdown("content/b.md", "---\n---\n## There\n"),
            markdown("content/c.md", "---\nurl: /b/\n---\n"),
        ]);
        let messages: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "content/a.md:5:18: link \"b.md#nowhere\": the page has no anchor \"#nowhere\"",
                "content/c.md:2:1: URL \"/b/\" is also the URL of \"content/b.md\"",
            ]
        );
        let severities: Vec<Severity> = diagnostics.iter().map(|d| d.severity).collect();
        assert_eq!(severities, [Severity::Warning, Severity::Error]);
    }

    #[test]
    fn config_is_read_from_toml() {
        let config = BuildConfig::parse(
            "hugo.toml",
            "baseURL = \"https://example.org/\"\ntitle = \"Blog\"\nSummaryLength = 30\n\
             buildDrafts = true\n[markup.goldmark.renderer]\nunsafe = true\n",
        )
        .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(
            config,
            BuildConfig {
                site: SiteConfig {
                    title: "Blog".to_owned(),
                    unsafe_html: true,
                    summary_length: 30,
                    base_url: "https://example.org/".to_owned(),
                    ..SiteConfig::default()
                },
                build_drafts: true,
                ..BuildConfig::default()
            }
        );
        assert_eq!(
            BuildConfig::parse("hugo.toml", ""),
            Ok(BuildConfig::default())
        );
    }

    #[test]
    fn config_errors_name_the_line() {
        let bad_type = BuildConfig::parse("hugo.toml", "title = \"x\"\nsummaryLength = \"70\"\n");
        assert_eq!(
            bad_type
                .err()
                .map(|error| error.to_string())
                .unwrap_or_default(),
            "hugo.toml:2:1: config key \"summaryLength\": expected a positive integer, found a string"
        );
        let syntax = BuildConfig::parse("hugo.toml", "title = \"x\"\n\nbaseURL = \n");
        assert_eq!(syntax.err().map(|error| error.line), Some(3));
        let nested = BuildConfig::parse("hugo.toml", "[markup.goldmark.renderer]\nunsafe = 1\n");
        assert_eq!(nested.err().map(|error| error.line), Some(2));
    }

    #[test]
    fn url_segments_are_sanitised_like_hugo() {
        assert_eq!(url_segment("What's New"), "whats-new");
        assert_eq!(url_segment("sub  dir"), "sub-dir");
        assert_eq!(url_segment("01_why_ai_frameworks"), "01_why_ai_frameworks");
        assert_eq!(url_segment("Über (draft)"), "über-draft");
        assert_eq!(url_segment("a - b"), "a-b");
        assert_eq!(url_segment("100%25"), "100%25");
    }

    #[test]
    fn site_config_reads_yaml_and_json_like_toml() {
        let yaml = "title: Yaml Blog\nsummaryLength: 20\nparams:\n  author: Ann\nmarkup:\n  goldmark:\n    renderer:\n      unsafe: true\n";
        let config = BuildConfig::parse("hugo.yaml", yaml).expect("YAML config");
        assert_eq!(config.title, "Yaml Blog");
        assert_eq!(config.summary_length, 20);
        assert!(config.unsafe_html);
        assert_eq!(config.params, [("author".to_owned(), "Ann".to_owned())]);

        let json = r#"{"Title": "Json Blog", "baseURL": "/blog/", "buildDrafts": true}"#;
        let config = BuildConfig::parse("config.json", json).expect("JSON config");
        assert_eq!(config.title, "Json Blog");
        assert_eq!(config.base_url, "/blog/");
        assert!(config.build_drafts);
    }

    #[test]
    fn a_config_key_of_the_wrong_type_is_placed_in_its_file() {
        let yaml = "title: Blog\nsummaryLength: many\n";
        let error = BuildConfig::parse("hugo.yaml", yaml).expect_err("wrong type");
        assert_eq!(
            error.to_string(),
            "hugo.yaml:2:1: config key \"summaryLength\": expected a positive integer, found a string"
        );
        let error = BuildConfig::parse("hugo.json", "{\"title\": ").expect_err("bad JSON");
        assert!(error.to_string().starts_with("hugo.json:1:"), "{error}");
        assert!(error.to_string().contains("invalid JSON"), "{error}");
    }

    #[test]
    fn permalinks_give_a_sections_pages_their_pattern() {
        let files = [
            markdown(
                "content/posts/first.md",
                "---\ntitle: First Post!\ndate: 2024-03-05\n---\n",
            ),
            markdown(
                "content/posts/second/index.md",
                "---\ntitle: Second\nslug: my-slug\ndate: 2024-12-31\n---\n",
            ),
            markdown("content/other/page.md", "---\ntitle: Other\n---\n"),
        ];
        // Long after every date of the files, so none is a future page.
        let now = 4_000_000_000;
        let config = |pattern: &str| BuildConfig {
            permalinks: vec![("posts".to_owned(), pattern.to_owned())],
            ..BuildConfig::default()
        };
        let (site, _) = build_site_at(config("/:year/:month/:slug/"), &files, now);
        let urls: Vec<&str> = site.pages().iter().map(|page| page.url.as_str()).collect();
        assert!(urls.contains(&"/2024/03/first-post/"), "{urls:?}");
        assert!(urls.contains(&"/2024/12/my-slug/"), "{urls:?}");
        assert!(
            urls.contains(&"/other/page/"),
            "other sections keep their paths: {urls:?}"
        );

        let pattern = "/:section/:monthname/:filename/:unknown";
        let (site, _) = build_site_at(config(pattern), &files, now);
        let urls: Vec<&str> = site.pages().iter().map(|page| page.url.as_str()).collect();
        assert!(urls.contains(&"/posts/march/first/unknown/"), "{urls:?}");
        assert!(
            urls.contains(&"/posts/december/second/unknown/"),
            "{urls:?}"
        );
    }

    #[test]
    fn taxonomies_have_term_pages_listed_by_name_and_dated_by_their_newest_page() {
        let files = [
            markdown(
                "content/a.md",
                "---\ndate: 2024-01-01\ntags: [Rust, Web Assembly, C++]\ncategories: One\n---\n",
            ),
            markdown(
                "content/b.md",
                "---\ndate: 2024-02-01\ntags: [rust, Zeta, alpha]\n---\n",
            ),
            markdown(
                "content/c.md",
                "---\ndate: 2023-01-01\nTags: [Alpha, Hello World]\n---\n",
            ),
            markdown("content/tags/_index.md", "---\ntitle: All tags\n---\n"),
            markdown("content/tags/rust/_index.md", "---\n---\nAbout Rust.\n"),
        ];
        let (site, diagnostics) = build_site_at(BuildConfig::default(), &files, NOW);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let tags = page(&site, "/tags/");
        assert_eq!(
            (tags.kind, tags.title.as_str()),
            (PageKind::Taxonomy, "All tags")
        );
        // Hugo's .Data.Terms.Alphabetical, each term titled as the first file writes it, in
        // title case.
        let terms: Vec<(&str, &str)> = site
            .list(tags)
            .iter()
            .map(|term| (term.url.as_str(), term.title.as_str()))
            .collect();
        assert_eq!(
            terms,
            [
                ("/tags/alpha/", "Alpha"),
                ("/tags/c++/", "C++"),
                ("/tags/hello-world/", "Hello World"),
                ("/tags/rust/", "Rust"),
                ("/tags/web-assembly/", "Web Assembly"),
                ("/tags/zeta/", "Zeta"),
            ]
        );
        let rust = page(&site, "/tags/rust/");
        assert_eq!(
            (rust.kind, rust.source.as_str()),
            (PageKind::Term, "content/tags/rust/_index.md")
        );
        assert_eq!(rust.parent, "/tags/");
        let listed: Vec<&str> = site.list(rust).iter().map(|p| p.url.as_str()).collect();
        assert_eq!(listed, ["/b/", "/a/"], "default order: newest first");
        assert_eq!(
            rust.date,
            page(&site, "/b/").date,
            "dated by its newest page"
        );
        assert_eq!(page(&site, "/categories/one/").title, "One");
        assert_eq!(page(&site, "/").date, page(&site, "/b/").date);
        let home: Vec<&str> = site.home_pages().iter().map(|p| p.url.as_str()).collect();
        assert_eq!(
            home,
            ["/b/", "/a/", "/c/"],
            "no taxonomy or term on the home page"
        );

        // A configured table replaces Hugo's default taxonomies.
        let config = BuildConfig::parse("hugo.toml", "[taxonomies]\nseries = \"Series\"\n")
            .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(config.taxonomies, ["series"]);
        let (site, _) = build_site_at(config, &files, NOW);
        assert!(site.page_by_url("/series/").is_some());
        assert!(
            site.page_by_url("/tags/rust/")
                .is_some_and(|page| page.kind == PageKind::Section)
        );
        assert!(site.page_by_url("/tags/alpha/").is_none());
        assert!(page(&site, "/a/").terms.is_empty());
    }

    #[test]
    fn pager_size_and_menus_are_read_from_the_config() {
        let read = |text: &str| {
            BuildConfig::parse("hugo.toml", text).unwrap_or_else(|error| panic!("{error}"))
        };
        assert_eq!(read("").pager_size, 10);
        assert_eq!(read("paginate = 3\n").pager_size, 3);
        assert_eq!(read("[pagination]\npagerSize = 4\n").pager_size, 4);
        let config = read(
            "[[menu.main]]\nname = \"A\"\nurl = \"/a/\"\nweight = 2\nidentifier = \"a\"\n\
             [[menu.main]]\nname = \"B\"\npageRef = \"/b\"\n",
        );
        let main = &config.menu_entries.first().expect("the main menu").entries;
        assert_eq!(main.len(), 2);
        assert_eq!(
            main.first()
                .map(|entry| (entry.name.as_str(), entry.url.as_str(), entry.weight)),
            Some(("A", "/a/", 2))
        );
        assert_eq!(
            main.get(1)
                .map(|entry| (entry.page_ref.as_str(), entry.page_ref_at)),
            Some(("/b", (8, 12)))
        );
        let yaml = "menus:\n  footer:\n    - name: F\n      url: /f/\n";
        let config =
            BuildConfig::parse("hugo.yaml", yaml).unwrap_or_else(|error| panic!("{error}"));
        let names: Vec<&str> = config
            .menu_entries
            .iter()
            .map(|menu| menu.name.as_str())
            .collect();
        assert_eq!(names, ["footer"]);
        let error = BuildConfig::parse("hugo.toml", "[[menu.main]]\nweight = \"x\"\n")
            .expect_err("a weight must be a number");
        assert!(error.to_string().contains("expected an integer"), "{error}");
    }

    /// The same site built by Hugo 0.111 (by hand) has these menus: a page's entry takes
    /// its link title and, without a weight of its own, the page's; an entry with a parent
    /// is nested, so not in the top level; a draft's entry is not there.
    #[test]
    fn pages_add_their_own_entries_to_the_menus() {
        let config = BuildConfig::parse(
            "hugo.toml",
            "[[menus.main]]\nname = \"Config\"\nurl = \"/c/\"\nweight = 5\n",
        )
        .unwrap_or_else(|error| panic!("{error}"));
        let files = [
            markdown(
                "content/about.md",
                "---\ntitle: About Page\nlinkTitle: About\nweight: 3\nmenu: main\n---\n",
            ),
            markdown(
                "content/contact.md",
                "---\ntitle: Contact\nmenu:\n  main:\n    weight: 1\n    identifier: contact\n  \
                 footer:\n    name: Reach us\n---\n",
            ),
            markdown(
                "content/_index.md",
                "---\ntitle: Home\nmenu:\n  main:\n    name: Start\n    weight: -100\n---\n",
            ),
            markdown(
                "content/posts/_index.md",
                "---\ntitle: Posts\nmenu: [main, footer]\n---\n",
            ),
            markdown(
                "content/child.md",
                "---\ntitle: Child\nmenu:\n  main:\n    parent: contact\n---\n",
            ),
            markdown(
                "content/draft.md",
                "---\ntitle: Draft\ndraft: true\nmenu: main\n---\n",
            ),
            markdown("content/bad.md", "---\ntitle: Bad\nmenu: 3\n---\n"),
        ];
        let (site, diagnostics) = build_site_at(config, &files, NOW);
        let menu = |name: &str| -> Vec<String> {
            let links = site.config().menu(name).iter();
            links.map(|(name, url)| format!("{name} {url}")).collect()
        };
        assert_eq!(
            menu("main"),
            [
                "Start /",
                "Contact /contact/",
                "About /about/",
                "Config /c/",
                "Posts /posts/"
            ]
        );
        assert_eq!(menu("footer"), ["Posts /posts/", "Reach us /contact/"]);
        let messages: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "content/bad.md:3:1: front matter key \"menu\": expected a menu's name, a list of \
              them or a table of entries, found an integer"
            ]
        );
    }

    /// PaperMod's exampleSite as written: menu URLs without a leading slash (its header
    /// prints them with `absLangURL`), a search page with `layout: search`, and a menu entry
    /// to it beside the reader's own search control.
    #[test]
    fn papermods_search_page_and_relative_menu_urls_are_the_sites() {
        let config = BuildConfig::parse(
            "hugo.yaml",
            "baseURL: https://example.org/blog/\nmenu:\n  main:\n    - {name: About, url: about, \
             weight: 1}\n    - {name: Feed, url: index.xml, weight: 6}\n    - {name: Search, url: search/, weight: 2}\n    - {name: Mail, url: \
             \"mailto:a@example.org\", weight: 3}\n    - {name: Wiki, url: \"https://example.org/w\", \
             weight: 4}\n    - {name: Top, url: \"#top\", weight: 5}\n",
        )
        .unwrap_or_else(|error| panic!("{error}"));
        let files = [
            markdown("content/about.md", "---\ntitle: About\n---\n"),
            markdown(
                "content/search.md",
                "---\ntitle: Search\nlayout: search\nplaceholder: Find\n---\n",
            ),
        ];
        let (site, diagnostics) = build_site_at(config, &files, NOW);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let main: Vec<String> = site
            .config()
            .menu("main")
            .iter()
            .map(|(name, url)| format!("{name} {url}"))
            .collect();
        assert_eq!(
            main,
            [
                "About /blog/about/",
                "Mail mailto:a@example.org",
                "Wiki https://example.org/w",
                "Top #top",
                "Feed /blog/index.xml"
            ]
        );
        // The reader's search page takes the search page's place.
        assert!(site.route("/blog/search/").is_none());
    }

    /// Hugo Theme Stack's demo imports its theme as a module; PaperMod's docs name it by
    /// its module path too: a copy under `themes/` is read by its folder's name.
    #[test]
    fn themes_named_or_imported_as_modules_are_folders_under_themes() {
        let themes = |text: &str| {
            BuildConfig::parse("hugo.toml", text)
                .map(|config| config.themes)
                .unwrap_or_else(|error| panic!("{error}"))
        };
        assert_eq!(
            themes(
                "theme = [\"github.com/adityatelange/hugo-PaperMod\", \"local\"]\n\
                 [[module.imports]]\npath = \"github.com/CaiJimmy/hugo-theme-stack/v3\"\n\
                 [[module.imports]]\nPath = \"github.com/x/shortcodes\"\n"
            ),
            ["hugo-PaperMod", "local", "hugo-theme-stack", "shortcodes"]
        );
        assert_eq!(themes("theme = \"../../v2\"\n"), [".."]);
    }

    /// Hugo Theme Stack's demo shows a gallery of its bundle's images in a post's summary:
    /// on the home page's card they must still be the bundle's.
    #[test]
    fn a_summary_leads_to_its_pages_bundle_files_and_anchors_from_any_list() {
        let files = [
            markdown(
                "content/posts/trip/index.md",
                "---\ntitle: Trip\n---\n![Pier](pier.jpg) See [the end](#end) or \
                 [home](/).\n\n<!--more-->\n\n## End\n",
            ),
            other("content/posts/trip/pier.jpg"),
        ];
        let (site, diagnostics) = build(&files);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let summary = &page(&site, "/posts/trip/").summary_html;
        assert!(
            summary.contains("src=\"/posts/trip/pier.jpg\"")
                && summary.contains("href=\"/posts/trip/#end\"")
                && summary.contains("href=\"/\""),
            "{summary}"
        );
    }

    /// hugoBasicExample writes `author = "Steve Francia"` at the top, as themes of Hugo's
    /// `.Site.Author` days did: pages show it unless `params.author` names someone.
    #[test]
    fn the_sites_author_stands_in_for_params_author() {
        let author = |text: &str| {
            BuildConfig::parse("hugo.toml", text)
                .map(|config| config.site.param("author").map(str::to_owned))
                .unwrap_or_else(|error| panic!("{error}"))
        };
        assert_eq!(author("author = \"Steve\"\n").as_deref(), Some("Steve"));
        assert_eq!(author("[author]\nname = \"Ann\"\n").as_deref(), Some("Ann"));
        assert_eq!(
            author("author = \"Steve\"\n[params]\nauthor = \"Sam\"\n").as_deref(),
            Some("Sam")
        );
        assert_eq!(author("[author]\nemail = \"a@b\"\n"), None);
    }

    #[test]
    fn time_zone_sets_the_offset_of_dates_written_without_one() {
        let config = BuildConfig::parse("hugo.toml", "timeZone = \"Europe/Oslo\"\n")
            .unwrap_or_else(|error| panic!("{error}"));
        let files = [
            markdown("content/winter.md", "---\ndate: 2025-01-15T12:00:00\n---\n"),
            markdown("content/summer.md", "---\ndate: 2025-07-15\n---\n"),
            markdown("content/zoned.md", "---\ndate: 2025-07-15T12:00:00Z\n---\n"),
        ];
        let (site, _) = build_site_at(config, &files, 4_000_000_000);
        let date_of = |url: &str| page(&site, url).date.map(|date| date.rfc3339());
        assert_eq!(
            date_of("/winter/").as_deref(),
            Some("2025-01-15T12:00:00+01:00")
        );
        assert_eq!(
            date_of("/summer/").as_deref(),
            Some("2025-07-15T00:00:00+02:00")
        );
        assert_eq!(date_of("/zoned/").as_deref(), Some("2025-07-15T12:00:00Z"));

        let error = BuildConfig::parse("hugo.toml", "title = \"x\"\ntimeZone = \"Mars/Base\"\n")
            .expect_err("unknown zone");
        assert!(
            error
                .to_string()
                .starts_with("hugo.toml:2:1: config key \"timeZone\": unknown time zone"),
            "{error}"
        );
    }

    #[test]
    fn names_collate_by_lower_case_then_case() {
        let mut names = vec![
            "beta", "Alpha", "alpha", "Ärger", "zeta", "B", "_x", "10", "9",
        ];
        names.sort_by(|a, b| collate(a, b));
        assert_eq!(
            names,
            [
                "10", "9", "_x", "Alpha", "alpha", "B", "beta", "zeta", "Ärger"
            ]
        );
    }
}
