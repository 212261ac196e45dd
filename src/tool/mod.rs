//! The native build tool's file work: read a site folder, build the content index with the
//! content core, and write the index plus every page's Markdown and resources to `dist/`.
//!
//! 1. [`load_site`] reads `hugo.toml` and every file under `content/` and `static/`.
//! 2. [`build_site`] turns them into the [`Site`] and its
//!    diagnostics (the same code the browser uses to render).
//! 3. [`write_output`] writes `content-index.json` and copies the sources and resources.
//! 4. After Trunk has built the app, [`prerender::prerender`] writes every route as a page.

pub mod feeds;
pub mod files;
pub mod head;
pub mod headers;
pub mod output;
pub mod prerender;
pub mod serve;

use std::io;
use std::path::{Path, PathBuf};

use crate::content::error::{Diagnostic, Severity};
use crate::content::site::{Site, SiteConfig, SourceFile, build_site};
use crate::tool::output::OutputDir;

pub use crate::content::site::CONTENT_INDEX_FILE;
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
}

pub(crate) fn io_error(path: &Path) -> impl FnOnce(io::Error) -> ToolError + '_ {
    move |source| ToolError::Io {
        path: path.to_owned(),
        source,
    }
}

/// A built site: the index, what the build found wrong, and the files it was built from.
pub struct BuiltSite {
    pub site: Site,
    pub diagnostics: Vec<Diagnostic>,
    pub files: Vec<SourceFile>,
}

/// Loads and builds the site at `site_dir`; writes nothing.
pub fn build(site_dir: &Path) -> Result<BuiltSite, ToolError> {
    let LoadedSite {
        config,
        files,
        diagnostics: mut file_diagnostics,
    } = load_site(site_dir)?;
    let (mut site, diagnostics) = build_site(config, &files);
    file_diagnostics.extend(diagnostics);
    let diagnostics = file_diagnostics;
    measure_covers(site_dir, &mut site, &files);
    Ok(BuiltSite {
        site,
        diagnostics,
        files,
    })
}

/// Gives each cover that is a file of the site its width and height, read from the file's
/// header (an unreadable file keeps none: the page then shows it without reserving space).
fn measure_covers(site_dir: &Path, site: &mut Site, files: &[SourceFile]) {
    let outputs = site.output_files(files);
    let sizes: Vec<Option<(u32, u32)>> = site
        .pages
        .iter()
        .map(|page| {
            let output = site.output_path(&page.cover.as_ref()?.image);
            let (source, _) = outputs.iter().find(|(_, written)| *written == output)?;
            let size = imagesize::size(site_dir.join(source)).ok()?;
            Some((
                u32::try_from(size.width).ok()?,
                u32::try_from(size.height).ok()?,
            ))
        })
        .collect();
    for (page, size) in site.pages.iter_mut().zip(sizes) {
        if let Some(cover) = &mut page.cover {
            cover.size = size;
        }
    }
}

/// Writes the content index and copies each source and resource to its place in `out_dir`.
pub fn write_output(site_dir: &Path, out_dir: &Path, built: &BuiltSite) -> Result<(), ToolError> {
    let BuiltSite { site, files, .. } = built;
    let output = OutputDir::create(out_dir)?;
    let index = serde_json::to_string(site).map_err(|error| ToolError::Io {
        path: out_dir.join(CONTENT_INDEX_FILE),
        source: error.into(),
    })?;
    output.write(CONTENT_INDEX_FILE, index.as_bytes())?;
    for (source, relative) in site.output_files(files) {
        output.copy(&site_dir.join(&source), &relative)?;
    }
    Ok(())
}

/// Checks that Trunk puts the app's files where the site lives: its `public_url` (from
/// `--public-url`, `TRUNK_BUILD_PUBLIC_URL` or `Trunk.toml`) must have the path of `baseURL`.
pub fn check_public_url(site: &Site, public_url: &str) -> Result<(), String> {
    let base_path = site.config.base_path();
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

/// Counts the diagnostics that must stop a build.
pub fn error_count(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
        .count()
}
