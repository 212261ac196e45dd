//! Small sites made in code, for the tests of this crate and of the crates above it (the
//! `testing` feature): no test reads a site's own `content/`.

use crate::site::{PageEntry, PageKind, Site, SiteConfig, empty_entry};

/// A page of `kind` at `url` from the source file `source` (empty for none).
pub fn entry(source: &str, kind: PageKind, url: &str) -> PageEntry {
    PageEntry {
        source: source.to_owned(),
        ..empty_entry(kind, url.to_owned())
    }
}

/// A site of `pages` with the default config.
pub fn site(pages: Vec<PageEntry>) -> Site {
    Site::new(SiteConfig::default(), pages)
}
