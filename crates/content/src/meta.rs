//! What a page's head says of it beyond its title: the meta description, shared by the
//! prerendered head and the app, which keeps the head in step as the reader moves.

use super::html::{plainify, unescape_html};
use super::site::{PageEntry, Site};

/// Longest meta description, in characters: what search results show.
const DESCRIPTION_LENGTH: usize = 160;

/// The page's description, else its summary as plain text (cut at a word, at most
/// 160 characters, what search results show), else the site's `params.description`.
pub fn description(site: &Site, entry: &PageEntry) -> String {
    if !entry.description.trim().is_empty() {
        return entry.description.trim().to_owned();
    }
    let summary = unescape_html(&plainify(&entry.summary_html));
    let summary = summary.split_whitespace().collect::<Vec<_>>().join(" ");
    if summary.is_empty() {
        return entry.param(site, "description").unwrap_or("").to_owned();
    }
    shorten(&summary, DESCRIPTION_LENGTH)
}

/// `text` cut to at most `limit` characters at a word boundary, with `…` when cut.
fn shorten(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    let mut cut = String::new();
    for word in text.split(' ') {
        if cut.chars().count() + word.chars().count() + 1 >= limit {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_at_a_word_and_marks_the_cut() {
        assert_eq!(shorten("short text", 20), "short text");
        assert_eq!(shorten("one two three four", 10), "one two…");
    }
}
