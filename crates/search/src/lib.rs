//! Search's content logic, apart from the build tool so that it runs optimized in the tool's
//! debug build (see `[profile.dev.package]`): the searchable text of a rendered body, cut
//! into sections at its headings ([`text`]), its words counted, and the index of a site's
//! documents as the files the browser's search module reads ([`index`]). No file is read or
//! written here.

pub mod index;
pub mod text;

use index::{CountedWords, HEADING_WEIGHT, TEXT_WEIGHT, TITLE_WEIGHT};
use serde::Serialize;
use text::Section;

/// A page as search shows it: what `pages/<n>.json` holds.
#[derive(Debug, Serialize)]
pub struct SearchDocument<'p> {
    pub url: &'p str,
    pub title: &'p str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datetime: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<&'p str>,
    pub tags: Vec<&'p str>,
    pub sections: Vec<Section>,
}

impl SearchDocument<'_> {
    /// The document as its file holds it (serialized here, optimized: see the crate's doc).
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }
}

/// What search reads of a page titled `title` whose body renders to `body_html`: its text by
/// heading, and its words counted, each weighted by where it stands.
pub fn searchable_text(title: &str, body_html: &str) -> (Vec<Section>, CountedWords) {
    let sections = text::sections(body_html);
    let mut words = CountedWords::default();
    words.add(title, TITLE_WEIGHT);
    for section in &sections {
        words.add(&section.title, HEADING_WEIGHT);
        words.add(&section.text, TEXT_WEIGHT);
    }
    (sections, words)
}
