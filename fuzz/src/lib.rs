//! What the fuzz targets share: the hostile-input checks of the property tests
//! (`tests/hostile/`, included as [`hostile`]), the reading of a fuzzer's bytes as a text or a
//! small site, and the holes of issue 9 still open, whose inputs a default run skips.

#[path = "../../crates/tool/tests/hostile/mod.rs"]
pub mod hostile;

use std::fmt::Debug;
use std::sync::LazyLock;

use blogreader_content::site::{Site, SourceFile};

/// [`hostile::small_site`], safe and `unsafe`, built once per run.
pub static SMALL_SITE: LazyLock<Site> = LazyLock::new(|| hostile::small_site(false));
pub static SMALL_UNSAFE_SITE: LazyLock<Site> = LazyLock::new(|| hostile::small_site(true));

/// Separates the pages of a site input: a byte that UTF-8 text never holds.
const PAGE_SEPARATOR: u8 = 0xff;

/// A fuzzer's bytes as a choice (the first byte) and a text (the rest, invalid UTF-8
/// replaced).
pub fn choice_and_text(data: &[u8]) -> (u8, String) {
    match data.split_first() {
        Some((choice, rest)) => (*choice, String::from_utf8_lossy(rest).into_owned()),
        None => (0, String::new()),
    }
}

/// A small site read from a fuzzer's bytes.
#[derive(Debug)]
pub struct SiteInput {
    pub files: Vec<SourceFile>,
    pub unsafe_html: bool,
    /// The base URL has a path (`/blog/`).
    pub under_path: bool,
    /// Every page's text, one after the other (what the holes are looked for in).
    pub text: String,
}

/// A site from a fuzzer's bytes: pages separated by 0xFF bytes, each page's first byte
/// picking its path among [`hostile::PAGE_PATHS`]; the first page's also picks whether the
/// site is `unsafe` and whether its base URL has a path.
pub fn site_input(data: &[u8]) -> SiteInput {
    let pages: Vec<(u8, String)> = data
        .split(|&byte| byte == PAGE_SEPARATOR)
        .map(choice_and_text)
        .collect();
    let flags = pages.first().map_or(0, |(choice, _)| *choice);
    let text = pages.iter().map(|(_, text)| text.as_str()).collect();
    let paths = hostile::PAGE_PATHS;
    let files = hostile::site_files(pages.into_iter().map(|(choice, text)| {
        let path = paths[usize::from(choice) % paths.len()];
        (path.to_owned(), text)
    }));
    SiteInput {
        files,
        unsafe_html: flags & 0x80 != 0,
        under_path: flags & 0x40 != 0,
        text,
    }
}

/// Panics (a finding) with what is wrong and the input, when a check fails.
pub fn assert_holds(check: Result<(), String>, input: &impl Debug) {
    if let Err(problem) = check {
        panic!("{problem}\ninput: {input:?}");
    }
}
