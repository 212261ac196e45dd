//! The native build tool's file work: read a site folder, build the site with the content
//! core, and write its data, every page's Markdown and resources and every route's page to
//! `dist/`.
//!
//! 1. [`load_site`] reads `hugo.toml` and every file under `content/` and `static/`, and
//!    [`files::site_templates`] the site's shortcode templates and partials.
//! 2. [`build_site`] turns them into the [`Site`] and its
//!    diagnostics (the same code the browser uses to render). Each page whose shortcodes the
//!    site's templates expanded gets their output written into its Markdown, for the browser
//!    ([`browser_markdown`]). Each page records the integrity of its Markdown, which the
//!    app checks when it fetches.
//! 3. [`write_output`] writes `site.json` (the site's shared data) and copies the sources and
//!    resources.
//! 4. After Trunk has built the app, [`prerender::prerender`] writes every route as a page
//!    with its data (`route.json`).
//!
//! As Trunk's hook, both write through an [`OutputDir`] that keeps the last build's files
//! this build would write unchanged ([`last_build`]), and step 2 reuses the last build's
//! render of each body whose inputs are unchanged ([`KeptRenders`]): an edit renders and
//! writes only what it changed.

pub mod css;
pub mod feeds;
pub mod files;
pub use blogreader_site::fingerprint;
pub mod head;
pub mod headers;
pub mod last_build;
pub mod output;
pub mod prerender;
pub mod search;
pub mod serve;
pub mod wasm_opt;

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use base64::Engine;
use sha2::{Digest, Sha256};

use std::sync::Arc;

use std::borrow::Cow;

use crate::output::OutputDir;
use blogreader_content::error::{Diagnostic, DiagnosticKind, Severity};
use blogreader_content::math;
use blogreader_content::render::{BodyHtml, render_html};
use blogreader_content::route_model::SiteData;
use blogreader_content::shortcode::browser_markdown;
use blogreader_content::site::templates::Templates;
use blogreader_content::site::{Site, SiteConfig, SourceFile};
use blogreader_site::build::{BuiltPages, build_site};
use blogreader_site::config::BuildConfig;
use blogreader_site::emoji::emojify_pages;
use blogreader_site::fingerprint::Fingerprint;
use blogreader_site::kept::KeptUpdate;
use blogreader_site::kept_renders::KeptRenders;
use blogreader_site::math_typeset::typeset_site;
use blogreader_site::template::{ShortcodeTemplates, Translations};
use search::KeptSearchTexts;

pub use blogreader_content::contract::{ROUTE_DATA_FILE, SITE_DATA_FILE};
pub use files::{LoadedSite, load_site};

/// Why the tool could not do its work.
#[derive(Debug, thiserror::Error)]
pub enum ToolError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{0}")]
    Config(Diagnostic),
    #[error("{}: {message}", path.display())]
    Template { path: PathBuf, message: String },
    #[error("the content has {0} error(s); see above")]
    ContentErrors(usize),
    #[error("refusing to write {path:?}: it is not a path inside the output folder")]
    OutsideOutput { path: String },
    #[error("search index: {message}")]
    Search { message: String },
    #[error("optimizing the app's wasm: {message}")]
    WasmOpt { message: String },
}

pub(crate) fn io_error(path: &Path) -> impl FnOnce(io::Error) -> ToolError + '_ {
    move |source| ToolError::Io {
        path: path.to_owned(),
        source,
    }
}

/// A built site: the index, each page's body as readers see it, what the build found wrong,
/// and the files it was built from (with what the build writes into them for the browser).
pub struct BuiltSite {
    pub site: Site,
    /// Each page's body, by page URL: rendered once by the build, for the index and the
    /// prerendered pages alike.
    pub bodies: HashMap<String, BodyHtml>,
    /// The pages each page's body looked up, by page URL (see `BuiltPages::looked_up`).
    pub looked_up: HashMap<String, Vec<String>>,
    pub diagnostics: Vec<Diagnostic>,
    pub files: Vec<SourceFile>,
    /// The files read under another path, by that path (see [`LoadedSite::renamed`]).
    pub renamed: HashMap<String, String>,
    /// The bodies' renders and the pages' searchable texts (made when the search index is),
    /// for the next build to reuse ([`build_reusing`], [`KeptPaths::write`]).
    pub renders: KeptRenders,
    pub search_texts: KeptSearchTexts,
}

/// What earlier builds kept of their work for the next (as [`KeptPaths::read`] reads it).
pub struct KeptFiles {
    pub renders: Vec<u8>,
    pub search_texts: Vec<u8>,
}

/// Where a build keeps its work for the next, beside the record of its output folder (see
/// [`last_build`]): its bodies' renders and its pages' searchable texts.
pub struct KeptPaths {
    renders: PathBuf,
    search_texts: PathBuf,
}

impl KeptPaths {
    /// The files beside the last build's `record`.
    pub fn beside(record: &Path) -> KeptPaths {
        KeptPaths {
            renders: record.with_extension("renders"),
            search_texts: record.with_extension("search"),
        }
    }

    /// What they hold (an unreadable or absent file: that work is all done again).
    pub fn read(&self) -> KeptFiles {
        KeptFiles {
            renders: fs::read(&self.renders).unwrap_or_default(),
            search_texts: fs::read(&self.search_texts).unwrap_or_default(),
        }
    }

    /// Writes `built`'s work for the next build's [`build_reusing`] (each file, whether or
    /// not the other could be written).
    pub fn write(&self, built: &BuiltSite) -> io::Result<()> {
        let renders = write_kept(&self.renders, built.renders.update());
        let search_texts = write_kept(&self.search_texts, built.search_texts.update());
        renders.and(search_texts)
    }
}

/// Writes `update` to the file of kept work at `path` (an error names the file).
fn write_kept(path: &Path, update: KeptUpdate) -> io::Result<()> {
    let written = match update {
        KeptUpdate::Append(records) if records.is_empty() => Ok(()),
        KeptUpdate::Append(records) => fs::OpenOptions::new()
            .append(true)
            .open(path)
            .and_then(|mut file| file.write_all(&records)),
        KeptUpdate::Rewrite(file) => fs::write(path, file),
    };
    written.map_err(|error| io::Error::new(error.kind(), format!("{}: {error}", path.display())))
}

/// Where the site's file `path` (as the build names it) is in the site folder, given the
/// files read under another path.
fn on_disk<'p>(renamed: &'p HashMap<String, String>, path: &'p str) -> &'p str {
    renamed.get(path).map_or(path, String::as_str)
}

/// Loads and builds the site at `site_dir`; writes nothing.
pub fn build(site_dir: &Path) -> Result<BuiltSite, ToolError> {
    build_reusing(site_dir, None)
}

/// [`build`], reusing the work an earlier build kept in `kept` (its bodies' renders, and
/// for the search index its pages' texts) where it is still what this build would make,
/// and keeping this build's for the next ([`KeptPaths::write`]). Without `kept`
/// nothing is kept (nor encoded).
pub fn build_reusing(site_dir: &Path, kept: Option<KeptFiles>) -> Result<BuiltSite, ToolError> {
    let LoadedSite {
        mut config,
        mut files,
        diagnostics: mut file_diagnostics,
        renamed,
    } = load_site(site_dir)?;
    if config.enable_emoji {
        emojify_pages(&mut files);
    }
    let template_files =
        files::site_templates(site_dir, &config.themes, &config.site.content_language)?;
    // Without this tool's identity, nothing is reused (it may be another build's).
    let (renders, search_texts) = match kept.zip(tool_identity()) {
        Some((kept, tool)) => {
            let salt = renders_salt(tool, &template_files, config.enable_inline_shortcodes);
            (
                KeptRenders::new(&salt, kept.renders),
                KeptSearchTexts::new(tool.as_bytes(), kept.search_texts),
            )
        }
        None => Default::default(),
    };
    file_diagnostics.extend(template_files.diagnostics);
    if !template_files.shortcodes.is_empty() || config.enable_inline_shortcodes {
        let (translations, problems) = Translations::read(&template_files.translations);
        file_diagnostics.extend(problems);
        let templates = ShortcodeTemplates::new(
            template_files.shortcodes,
            template_files.partials,
            config.enable_inline_shortcodes,
        )
        .with_translations(translations);
        config.templates = Templates(Some(Arc::new(templates)));
    }
    let BuiltPages {
        mut site,
        mut bodies,
        looked_up,
        diagnostics,
    } = typeset_math(config, &mut files, &renders);
    file_diagnostics.extend(diagnostics);
    file_diagnostics.extend(files_in_the_builds_place(&site, &files));
    let mut diagnostics = file_diagnostics;
    // A problem names the file as the author wrote it.
    for diagnostic in &mut diagnostics {
        if let Some(written) = renamed.get(&diagnostic.file) {
            diagnostic.file.clone_from(written);
        }
    }
    write_template_outputs(&site, &mut files, &mut bodies);
    measure_covers(site_dir, &mut site, &files, &renamed);
    record_markdown_integrity(&mut site, &files);
    Ok(BuiltSite {
        site,
        bodies,
        looked_up,
        diagnostics,
        files,
        renamed,
        renders,
        search_texts,
    })
}

/// This tool's own build: its executable's size and time.
pub(crate) fn tool_identity() -> Option<Fingerprint> {
    let tool = std::env::current_exe().and_then(fs::metadata).ok()?;
    Fingerprint::of_file_at(Path::new("blogtool"), &tool).ok()
}

/// What bodies' renders depend on besides the site's content and config: this `tool`'s own
/// build, the site's templates and translations, and whether inline shortcodes run.
fn renders_salt(tool: Fingerprint, templates: &files::SiteTemplateFiles, inline: bool) -> Vec<u8> {
    let files = format!(
        "{:?}",
        (
            &templates.shortcodes,
            &templates.partials,
            &templates.translations,
            inline
        )
    );
    Fingerprint::of(&[tool.as_bytes(), files.as_bytes()])
        .as_bytes()
        .to_vec()
}

/// Builds the site from `files`, typesetting its formulas: each page with math gets them
/// written into its Markdown as the build's MathML ([`typeset_site`]), for the browser and
/// for a second build from that Markdown, and its titles and summary get their plain text.
/// Words are counted as Hugo counts them, in the TeX (from the first build). An author's own
/// call of the build's MathML is made an unknown shortcode first. (So a site with formulas
/// is rendered twice; one without, once.)
fn typeset_math(
    mut config: BuildConfig,
    files: &mut [SourceFile],
    renders: &KeptRenders,
) -> BuiltPages {
    for file in files.iter_mut() {
        if let Some(text) = &mut file.text
            && let Cow::Owned(neutral) = math::neutralize_calls(text)
        {
            *text = neutral;
        }
    }
    let built = build_site(config.clone(), files, renders);
    let typeset = typeset_site(&built.site, files);
    let mut built = if typeset.texts.is_empty() {
        built
    } else {
        let written: HashMap<&str, &String> = typeset
            .texts
            .iter()
            .map(|(path, text)| (path.as_str(), text))
            .collect();
        for file in files.iter_mut() {
            if let Some(text) = written.get(file.path.as_str()) {
                file.text = Some((*text).clone());
            }
        }
        config.trust_math_calls = true;
        let mut rebuilt = build_site(config, files, renders);
        let counts: HashMap<&str, (usize, usize)> = built
            .site
            .pages()
            .iter()
            .map(|page| (page.url.as_str(), (page.word_count, page.reading_time)))
            .collect();
        rebuilt.site.update_pages(|pages| {
            for page in pages {
                if let Some((words, minutes)) = counts.get(page.url.as_str()) {
                    (page.word_count, page.reading_time) = (*words, *minutes);
                }
            }
        });
        rebuilt
    };
    typeset.write_plain_text(&mut built.site);
    built.diagnostics.extend(typeset.diagnostics);
    built
}

/// Writes into each page's Markdown the output of the site's templates, as calls the browser
/// expands the same way (it has no template engine). Such a page's body is rendered again
/// from the Markdown written here, the one the app renders, so that the prerendered page is
/// the app's page by construction (a second render, for these pages only).
fn write_template_outputs(
    site: &Site,
    files: &mut [SourceFile],
    bodies: &mut HashMap<String, BodyHtml>,
) {
    if site.config().templates.0.is_none() {
        return;
    }
    for file in files {
        let Some(page) = site.page_by_source(&file.path) else {
            continue;
        };
        let Some(rewritten) = file
            .text
            .as_deref()
            .and_then(|text| browser_markdown(text, site, page))
        else {
            continue;
        };
        if let Ok(split) = blogreader_content::front_matter::split(&rewritten) {
            bodies.insert(page.url.clone(), render_html(site, page, split.body));
        }
        file.text = Some(rewritten);
    }
}

/// Gives each cover that is a file of the site its width and height, read from the file's
/// header (an unreadable file keeps none: the page then shows it without reserving space).
fn measure_covers(
    site_dir: &Path,
    site: &mut Site,
    files: &[SourceFile],
    renamed: &HashMap<String, String>,
) {
    let outputs = site.output_files(files);
    // The first file written at each output path, found once: a scan per cover is quadratic.
    let mut sources: HashMap<&str, &str> = HashMap::new();
    for (source, written) in &outputs {
        sources.entry(written.as_str()).or_insert(source.as_str());
    }
    let sizes: Vec<Option<(u32, u32)>> = site
        .pages()
        .iter()
        .map(|page| {
            let output = site.output_path(&page.cover.as_ref()?.image);
            let source = sources.get(output.as_str())?;
            let size = imagesize::size(site_dir.join(on_disk(renamed, source))).ok()?;
            Some((
                u32::try_from(size.width).ok()?,
                u32::try_from(size.height).ok()?,
            ))
        })
        .collect();
    site.update_pages(|pages| {
        for (page, size) in pages.iter_mut().zip(sizes) {
            if let Some(cover) = &mut page.cover {
                cover.size = size;
            }
        }
    });
}

/// The Subresource Integrity of `bytes` (`sha256-` and the digest in base64): what an
/// `integrity` attribute or fetch option holds, and a Content-Security-Policy hash source.
pub fn sha256_integrity(bytes: &[u8]) -> String {
    integrity::<Sha256>("sha256", bytes)
}

/// `mutex`'s guard, also after a thread panicked holding it (what it guards stays whole: a
/// record or a set that a panic leaves at most one entry short).
pub(crate) fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The Subresource Integrity of `bytes` with the digest `D`, named `algorithm`.
pub(crate) fn integrity<D: Digest>(algorithm: &str, bytes: &[u8]) -> String {
    format!(
        "{algorithm}-{}",
        base64::engine::general_purpose::STANDARD.encode(D::digest(bytes))
    )
}

/// The text of each Markdown file, by its path under the site root.
pub fn markdown_texts(files: &[SourceFile]) -> HashMap<&str, &str> {
    files
        .iter()
        .filter_map(|file| Some((file.path.as_str(), file.text.as_deref()?)))
        .collect()
}

/// An error for each file of the site that would land where the build writes the app's own
/// data (`site.json`, a route's `route.json`) or the search index (`search-index/`): the build
/// would overwrite it, and the app would read the author's file as its data.
fn files_in_the_builds_place(site: &Site, files: &[SourceFile]) -> Vec<Diagnostic> {
    let beside_a_file = format!(".{ROUTE_DATA_FILE}");
    site.output_files(files)
        .into_iter()
        .filter(|(_, output)| {
            let name = output.rsplit('/').next().unwrap_or(output);
            output == SITE_DATA_FILE
                || name == ROUTE_DATA_FILE
                || name.ends_with(&beside_a_file)
                || output.starts_with(search::SEARCH_DIR)
        })
        .map(|(source, output)| Diagnostic {
            severity: Severity::Error,
            file: source,
            line: 1,
            column: 1,
            kind: DiagnosticKind::BadFile {
                message: format!(
                    "the build writes its own {output} there (the app's data or the search \
                     index): rename or move this file"
                ),
            },
        })
        .collect()
}

/// Gives each page with a source the integrity of that source's text: the very bytes
/// [`write_output`] writes to the page's `index.md`.
fn record_markdown_integrity(site: &mut Site, files: &[SourceFile]) {
    let texts = markdown_texts(files);
    site.update_pages(|pages| {
        for page in pages {
            if let Some(text) = texts.get(page.source.as_str()) {
                page.markdown_integrity = sha256_integrity(text.as_bytes());
            }
        }
    });
}

/// Writes the site's shared data and each source and resource to its place in `output`
/// (each route's data is written with its page: see [`prerender::prerender`]). Markdown is
/// written from the text the build read (and hashed), not copied again from the disk, so the
/// file is the one whose integrity the route data records even if its source changed since.
pub fn write_output(
    site_dir: &Path,
    output: &OutputDir,
    built: &BuiltSite,
) -> Result<(), ToolError> {
    let BuiltSite {
        site,
        files,
        renamed,
        ..
    } = built;
    let texts = markdown_texts(files);
    output.write(SITE_DATA_FILE, SiteData::of(site).to_json().as_bytes())?;
    for (source, relative) in site.output_files(files) {
        match texts.get(source.as_str()) {
            Some(text) => output.write(&relative, text.as_bytes())?,
            None => output.copy(&site_dir.join(on_disk(renamed, &source)), &relative)?,
        }
    }
    Ok(())
}

/// Checks that Trunk puts the app's files where the site lives: its `public_url` (from
/// `--public-url`, `TRUNK_BUILD_PUBLIC_URL` or `Trunk.toml`) must have the path of `baseURL`.
pub fn check_public_url(site: &Site, public_url: &str) -> Result<(), String> {
    let base_path = site.config().base_path();
    let public = SiteConfig {
        base_url: public_url.to_owned(),
        ..SiteConfig::default()
    };
    if public.base_path() == base_path {
        return Ok(());
    }
    Err(format!(
        "baseURL puts the site under {base_path}, but Trunk builds the app for {public_url}: \
         build with `trunk build --release --public-url {base_path}` (or set \
         TRUNK_BUILD_PUBLIC_URL={base_path})"
    ))
}

/// `text` as one line a terminal shows as written: its control characters (escape sequences
/// that recolour, retitle or erase the author's terminal, carriage returns and newlines that
/// would hide a line or forge another) written as `\u{1b}`. What the build prints comes
/// from the content, which may be hostile.
pub fn terminal_line(text: &str) -> Cow<'_, str> {
    if !text.contains(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut line = String::with_capacity(text.len() + 8);
    for character in text.chars() {
        if character.is_control() {
            line.extend(character.escape_unicode());
        } else {
            line.push(character);
        }
    }
    Cow::Owned(line)
}

/// Counts the diagnostics that must stop a build.
pub fn error_count(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// A fresh, empty folder for one test.
    fn scratch_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("blogreader-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create scratch dir");
        dir
    }

    #[test]
    fn a_terminal_line_shows_control_characters_as_escapes() {
        assert_eq!(terminal_line("plain ü 🎉"), "plain ü 🎉");
        assert_eq!(
            terminal_line("a\u{1b}[31mred\u{1b}]0;title\u{7}\r\nERROR forged\u{9b}2K"),
            "a\\u{1b}[31mred\\u{1b}]0;title\\u{7}\\u{d}\\u{a}ERROR forged\\u{9b}2K"
        );
    }

    #[test]
    fn the_index_records_the_integrity_of_the_markdown_bytes_written() {
        let site_dir = scratch_dir("integrity-site");
        let out_dir = scratch_dir("integrity-out");
        // Non-ASCII and a CRLF: the hash is of the bytes as they are, not as text.
        let source = "---\ntitle: \"A\"\n---\nCafé body.\r\n";
        fs::create_dir_all(site_dir.join("content/posts")).expect("content folder");
        fs::write(site_dir.join("content/posts/a.md"), source).expect("source written");

        let built = build(&site_dir).expect("site builds");
        let output = OutputDir::create(&out_dir).expect("output folder");
        write_output(&site_dir, &output, &built).expect("output written");

        let site = &built.site;
        let page = site.page_by_url("/posts/a/").expect("the page is built");
        // printf -- '---\ntitle: "A"\n---\nCaf\xc3\xa9 body.\r\n' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            page.markdown_integrity,
            "sha256-QBVRM/n39zG3RDwFxyVZLO8wre9SOhNZsDBrtxvX/1w="
        );
        let written = fs::read(out_dir.join("posts/a/index.md")).expect("Markdown written");
        assert_eq!(written, source.as_bytes());
        // Pages without a source file have nothing to check, and keep the route data small.
        let home = site.page_by_url("/").expect("the home page is built");
        assert_eq!(home.markdown_integrity, "");
        let home_json = serde_json::to_string(home).unwrap_or_default();
        assert!(!home_json.contains("markdown_integrity"), "{home_json}");
        let _ = fs::remove_dir_all(&site_dir);
        let _ = fs::remove_dir_all(&out_dir);
    }
}
