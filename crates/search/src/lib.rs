//! Search's content logic, apart from the build tool so that it runs optimized in the tool's
//! debug build (see `[profile.dev.package]`): the searchable text of a rendered body, cut
//! into sections at its headings ([`text`]), its words counted, and the index of a site's
//! documents as the files the browser's search module reads ([`index`]). No file is read or
//! written here.

pub mod index;
pub mod text;

use index::{CountedWords, HEADING_WEIGHT, TEXT_WEIGHT, TITLE_WEIGHT};
use text::Section;

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
