//! goldmark's linkify, as Hugo 0.111 runs it: which bare web addresses and e-mail addresses in
//! text become links, and where each ends.
//!
//! 1. A candidate starts where goldmark's inline parser tries one: at the start of a text,
//!    after white space, after `*`, `_`, `~`, `(` or `[`, or after a typographer's character.
//! 2. `http://`, `https://`, `ftp://` and `www.` addresses follow goldmark's pattern: a domain
//!    ending in `.` and lower-case letters, a port (not after `www.`), a path from `/`, `#` or
//!    `?`; then a final `.`, the unbalanced `)` or an `&entity;` go, then trailing `?!.,:*_~`.
//! 3. Anything else that is an e-mail address (goldmark's local-part characters, `@`, a domain
//!    with a dot, not followed by `-` or `_`) links to `mailto:`.
//!
//! The typographer has already run: a curly quote inside an address was a straight one that
//! goldmark's linkify would have kept, so it is straight again in the link.

use std::ops::Range;

/// A bare address found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BareLink {
    /// Where it is in the text.
    pub range: Range<usize>,
    /// What the link shows: the address, its quotes straight.
    pub text: String,
    /// Where it leads: the address itself, `https://` + a `www.` address, and for an e-mail
    /// address the address (the HTML writer adds `mailto:`).
    pub destination: String,
    pub is_email: bool,
}

/// The first bare address in `text` at or after byte `from` (the start of `from` counts as a
/// candidate start: it follows a link or the start of the text). `followed_by` is the source
/// character after the text (an e-mail address right before `_` is not one).
pub(crate) fn find_bare_link(
    text: &str,
    from: usize,
    followed_by: Option<char>,
) -> Option<BareLink> {
    let mut previous = None;
    for (offset, character) in text.get(from..)?.char_indices() {
        let start = from + offset;
        let candidate_start =
            previous.is_none_or(|c: char| c.is_whitespace() || "*_~([“”‘’–—…«»".contains(c));
        previous = Some(character);
        if !candidate_start || character.is_whitespace() {
            continue;
        }
        let rest = text.get(start..).unwrap_or("");
        let word = rest.split(char::is_whitespace).next().unwrap_or("");
        let looks_like_one = ["http://", "https://", "ftp://", "www."]
            .iter()
            .any(|prefix| word.starts_with(prefix))
            || word.contains('@');
        if !looks_like_one {
            continue;
        }
        let characters: Vec<char> = word.chars().map(straight).collect();
        let word_followed_by = if word.len() == rest.len() {
            followed_by
        } else {
            None
        };
        let found = web_address(&characters)
            .map(|length| (length, false))
            .or_else(|| email_address(&characters, word_followed_by).map(|length| (length, true)));
        if let Some((length, is_email)) = found {
            let byte_length: usize = word.chars().take(length).map(char::len_utf8).sum();
            let shown: String = characters.iter().take(length).collect();
            let destination = if shown.starts_with("www.") {
                format!("https://{shown}")
            } else {
                shown.clone()
            };
            return Some(BareLink {
                range: start..start + byte_length,
                text: shown,
                destination,
                is_email,
            });
        }
    }
    None
}

/// A curly quote as the straight one it was in the source.
fn straight(character: char) -> char {
    match character {
        '‘' | '’' => '\'',
        '“' | '”' => '"',
        other => other,
    }
}

/// The length in characters of the web address starting `word`, if it is one.
fn web_address(word: &[char]) -> Option<usize> {
    let starts_with = |prefix: &str| {
        prefix
            .chars()
            .enumerate()
            .all(|(i, c)| word.get(i) == Some(&c))
    };
    let (prefix, is_www) = [
        ("http://", false),
        ("https://", false),
        ("ftp://", false),
        ("www.", true),
    ]
    .into_iter()
    .find(|(prefix, _)| starts_with(prefix))?;
    let prefix = prefix.len();
    let at = |index: usize| word.get(index).copied().unwrap_or(' ');
    let domain_run = word
        .iter()
        .skip(prefix)
        .take_while(|c| c.is_ascii_alphanumeric() || "-@:%._+~#=".contains(**c))
        .count();
    // The longest name (up to 256 characters) that a `.` and lower-case letters follow.
    let name = (1..domain_run.min(257)).rev().find(|&length| {
        at(prefix + length) == '.' && at(prefix + length + 1).is_ascii_lowercase()
    })?;
    let mut end = prefix + name + 1;
    while at(end).is_ascii_lowercase() {
        end += 1;
    }
    if !is_www && at(end) == ':' && at(end + 1).is_ascii_digit() {
        end += 1;
        while at(end).is_ascii_digit() {
            end += 1;
        }
    }
    if matches!(at(end), '/' | '#' | '?') {
        end += 1;
        let path_characters = if is_www {
            "-@:%_+.~#!?&/=();,'\">^{}[]`"
        } else {
            "-@:%_+.~#$!?&/=();,'\">^{}[]`"
        };
        while at(end).is_ascii_alphanumeric() || path_characters.contains(at(end)) {
            end += 1;
        }
    }
    let matched = word.get(..end)?;
    match matched.last() {
        Some('.') => end -= 1,
        Some(')') => {
            let count = |wanted: char| matched.iter().filter(|c| **c == wanted).count();
            end -= count(')').saturating_sub(count('('));
        }
        Some(';') => {
            let name_start = matched
                .iter()
                .take(end - 1)
                .rposition(|c| !c.is_ascii_alphanumeric());
            if let Some(ampersand) =
                name_start.filter(|at| *at + 2 != end && matched.get(*at) == Some(&'&'))
            {
                end = ampersand;
            }
        }
        _ => {}
    }
    Some(without_trailing_punctuation(word, end))
}

/// The length in characters of the e-mail address starting `word` (which `followed_by`
/// follows), if it is one.
fn email_address(word: &[char], followed_by: Option<char>) -> Option<usize> {
    if word.first()?.is_ascii_punctuation() {
        return None;
    }
    let local = word
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-./=?^_`{|}~".contains(**c))
        .count();
    if local == 0 || word.get(local) != Some(&'@') {
        return None;
    }
    let mut end = domain_label_end(word, local + 1)?;
    while word.get(end) == Some(&'.') {
        match domain_label_end(word, end + 1) {
            Some(label_end) => end = label_end,
            None => break,
        }
    }
    let next = word.get(end).copied().or(followed_by);
    if !word.get(local..end)?.contains(&'.') || matches!(next, Some('-' | '_')) {
        return None;
    }
    Some(without_trailing_punctuation(word, end))
}

/// The end of a domain label starting at `start`: letters and digits, inner `-`, at most 63.
fn domain_label_end(word: &[char], start: usize) -> Option<usize> {
    let label = word.get(start..)?;
    if !label.first()?.is_ascii_alphanumeric() {
        return None;
    }
    let run = label
        .iter()
        .take(63)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '-')
        .count();
    let last = label
        .get(..run)?
        .iter()
        .rposition(char::is_ascii_alphanumeric)?;
    Some(start + last + 1)
}

/// `end` less goldmark's trailing `?!.,:*_~` (never below one character).
fn without_trailing_punctuation(word: &[char], end: usize) -> usize {
    let mut last = end.saturating_sub(1);
    while last > 0 && word.get(last).is_some_and(|c| "?!.,:*_~".contains(*c)) {
        last -= 1;
    }
    last + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each bare link in `text` as (shown text, destination).
    fn links(text: &str) -> Vec<(String, String)> {
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(link) = find_bare_link(text, from, None) {
            from = link.range.end;
            let destination = if link.is_email {
                format!("mailto:{}", link.destination)
            } else {
                link.destination
            };
            found.push((link.text, destination));
        }
        found
    }

    fn shown(text: &str) -> Vec<String> {
        links(text).into_iter().map(|(shown, _)| shown).collect()
    }

    #[test]
    fn email_addresses_link_to_mailto_as_hugo_links_them() {
        assert_eq!(
            links("Write to someone@example.org today."),
            [(
                "someone@example.org".to_owned(),
                "mailto:someone@example.org".to_owned()
            )]
        );
        assert_eq!(
            shown(
                "(a@example.org) “b@example.org”, c@example.org! d@example.org. first.last+tag@sub.example.co.uk, a_b-c@x.io? x@y.z."
            ),
            [
                "a@example.org",
                "b@example.org",
                "c@example.org",
                "d@example.org",
                "first.last+tag@sub.example.co.uk",
                "a_b-c@x.io",
                "x@y.z"
            ]
        );
        assert_eq!(
            shown("user@example.org/path ~z@example.org~ xbob@example.org’s ‘q@example.org’"),
            [
                "user@example.org",
                "z@example.org",
                "xbob@example.org",
                "q@example.org"
            ]
        );
    }

    #[test]
    fn text_that_is_no_email_address_stays() {
        for text in [
            "me@localhost",
            "mailto:me@example.org",
            "x:bob@example.org",
            "user@@example.org",
            "@example.org",
            "a@b.c_d",
            "an@example.org- an@example.org_",
            "é@example.org an@exa_mple.org x@-example.org x@ex-.org",
        ] {
            assert_eq!(shown(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn web_addresses_end_where_goldmarks_do() {
        assert_eq!(
            shown(
                "https://example.org:8080/x https://x.org/a*b https://x.org/é https://x.org/a|b www.x.org/a$b https://x.org/a$b"
            ),
            [
                "https://example.org:8080/x",
                "https://x.org/a",
                "https://x.org/",
                "https://x.org/a",
                "www.x.org/a",
                "https://x.org/a$b"
            ]
        );
        assert_eq!(
            shown(
                "www.example.org-x www.example.com.au/p www.example.org/foo). (https://x.org/foo) https://x.org/x; https://x.org/&hl;"
            ),
            [
                "www.example.org",
                "www.example.com.au/p",
                "www.example.org/foo)",
                "https://x.org/foo",
                "https://x.org/x;",
                "https://x.org/"
            ]
        );
        assert_eq!(
            links("“https://q.org/x” ‘https://q.org/y’ https://x.org/it’s"),
            [
                (
                    "https://q.org/x\"".to_owned(),
                    "https://q.org/x\"".to_owned()
                ),
                ("https://q.org/y'".to_owned(), "https://q.org/y'".to_owned()),
                (
                    "https://x.org/it's".to_owned(),
                    "https://x.org/it's".to_owned()
                )
            ]
        );
        assert_eq!(
            links("www.example.org/path?q=1. and WWW.example.org https://UP.ORG"),
            [(
                "www.example.org/path?q=1".to_owned(),
                "https://www.example.org/path?q=1".to_owned()
            )]
        );
    }
}
