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
//! The typographer has already run, and left the addresses as written: it finds them with
//! [`BareLinks::address_at`] as it goes, at the same places, as goldmark's linkify takes an
//! address before its typographer reaches the `--` or quotes in it. An author's own curly
//! quote inside an address is read as the straight one.

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

/// The bare addresses of one text, in order, each search going on after the last address
/// found (whose end counts as a candidate start).
///
/// Every character is read a bounded number of times, so a text of any content takes time
/// linear in its length: a domain name is read at most 257 characters far (goldmark's limit),
/// and a path run or an e-mail address's local part and domain, which many candidate starts
/// can share, is read once and remembered for the later ones.
pub(crate) struct BareLinks {
    /// The source character after the text (an e-mail address right before `_` is not one).
    followed_by: Option<char>,
    /// The text's characters; none when the text cannot hold an address.
    characters: Vec<char>,
    /// Where the search goes on, as a character index and as a byte offset.
    next: usize,
    next_byte: usize,
    /// The last path run read for web addresses (index 0) and for `www.` ones (index 1),
    /// whose alphabets differ.
    paths: [Option<PathRun>; 2],
    /// The last run of e-mail local-part characters read.
    local_part: Option<Range<usize>>,
    /// The last e-mail domain read: the index of its `@` and where the address ends (`None`:
    /// no address).
    email_domain: Option<(usize, Option<usize>)>,
}

/// Characters of a web address's path, from `start` to the first one that cannot be in it.
#[derive(Clone, Copy)]
struct PathRun {
    start: usize,
    end: usize,
    /// How many more `)` than `(` it holds.
    unbalanced: isize,
}

impl BareLinks {
    /// The addresses in `text`, which the source character `followed_by` follows.
    pub(crate) fn new(text: &str, followed_by: Option<char>) -> Self {
        let may_hold_one = text.contains('@') || text.contains("www.") || text.contains("://");
        BareLinks {
            followed_by,
            characters: if may_hold_one {
                text.chars().collect()
            } else {
                Vec::new()
            },
            next: 0,
            next_byte: 0,
            paths: [None; 2],
            local_part: None,
            email_domain: None,
        }
    }

    /// The character at `index`, its quotes straight; a space past the end.
    fn at(&self, index: usize) -> char {
        self.characters.get(index).map_or(' ', |c| straight(*c))
    }

    /// The length in characters of the web or e-mail address at character `index`, if one
    /// starts there, and whether it is an e-mail address. Calls must come at rising indices
    /// (each run read is remembered for the later ones).
    pub(crate) fn address_at(&mut self, index: usize) -> Option<(usize, bool)> {
        self.web_address(index)
            .map(|length| (length, false))
            .or_else(|| self.email_address(index).map(|length| (length, true)))
    }

    /// The length in characters of the web address at character `start`, if one starts there.
    fn web_address(&mut self, start: usize) -> Option<usize> {
        let starts_with = |prefix: &str| {
            prefix
                .chars()
                .enumerate()
                .all(|(i, c)| self.at(start + i) == c)
        };
        let (prefix, is_www) = [
            ("http://", false),
            ("https://", false),
            ("ftp://", false),
            ("www.", true),
        ]
        .into_iter()
        .find(|(prefix, _)| starts_with(prefix))?;
        let domain = start + prefix.len();
        // The longest name (up to 256 characters) that a `.` and lower-case letters follow.
        let domain_run = (domain..domain + 257)
            .take_while(|&index| {
                let c = self.at(index);
                c.is_ascii_alphanumeric() || "-@:%._+~#=".contains(c)
            })
            .count();
        let name = (1..domain_run).rev().find(|&length| {
            self.at(domain + length) == '.' && self.at(domain + length + 1).is_ascii_lowercase()
        })?;
        let mut end = domain + name + 1;
        while self.at(end).is_ascii_lowercase() {
            end += 1;
        }
        if !is_www && self.at(end) == ':' && self.at(end + 1).is_ascii_digit() {
            end += 1;
            while self.at(end).is_ascii_digit() {
                end += 1;
            }
        }
        // Only a path holds parentheses.
        let mut unbalanced = 0;
        if matches!(self.at(end), '/' | '#' | '?') {
            let path = self.path_run(end + 1, is_www);
            end = path.end;
            unbalanced = path.unbalanced;
        }
        match self.at(end - 1) {
            '.' => end -= 1,
            ')' => end = end.saturating_sub(usize::try_from(unbalanced).unwrap_or(0)),
            ';' => {
                let name_start = (start..end - 1)
                    .rev()
                    .find(|&index| !self.at(index).is_ascii_alphanumeric());
                if let Some(ampersand) =
                    name_start.filter(|at| *at + 2 != end && self.at(*at) == '&')
                {
                    end = ampersand;
                }
            }
            _ => {}
        }
        Some(self.without_trailing_punctuation(start, end) - start)
    }

    /// The path characters from `start` on: read once for all the addresses whose paths end
    /// at the same place.
    fn path_run(&mut self, start: usize, is_www: bool) -> PathRun {
        let path_characters = if is_www {
            "-@:%_+.~#!?&/=();,'\">^{}[]`"
        } else {
            "-@:%_+.~#$!?&/=();,'\">^{}[]`"
        };
        let balance = |c: char| match c {
            ')' => 1,
            '(' => -1,
            _ => 0,
        };
        let slot = usize::from(is_www);
        let known = self
            .paths
            .get(slot)
            .copied()
            .flatten()
            .filter(|run| run.start <= start && start <= run.end);
        let run = match known {
            Some(run) => PathRun {
                start,
                end: run.end,
                unbalanced: run.unbalanced
                    - (run.start..start)
                        .map(|index| balance(self.at(index)))
                        .sum::<isize>(),
            },
            None => {
                let mut run = PathRun {
                    start,
                    end: start,
                    unbalanced: 0,
                };
                loop {
                    let c = self.at(run.end);
                    if !(c.is_ascii_alphanumeric() || path_characters.contains(c)) {
                        break run;
                    }
                    run.unbalanced += balance(c);
                    run.end += 1;
                }
            }
        };
        if let Some(remembered) = self.paths.get_mut(slot) {
            *remembered = Some(run);
        }
        run
    }

    /// The length in characters of the e-mail address at character `start`, if one is there.
    fn email_address(&mut self, start: usize) -> Option<usize> {
        if self.at(start).is_ascii_punctuation() {
            return None;
        }
        let local_end = match &self.local_part {
            Some(run) if run.start <= start && start <= run.end => run.end,
            _ => {
                let is_local =
                    |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-./=?^_`{|}~".contains(c);
                let end = (start..)
                    .find(|&index| !is_local(self.at(index)))
                    .unwrap_or(start);
                self.local_part = Some(start..end);
                end
            }
        };
        if local_end == start || self.at(local_end) != '@' {
            return None;
        }
        let end = match self.email_domain {
            Some((at, end)) if at == local_end => end,
            _ => {
                let end = self.email_domain_end(local_end);
                self.email_domain = Some((local_end, end));
                end
            }
        }?;
        Some(self.without_trailing_punctuation(start, end) - start)
    }

    /// Where the e-mail address whose `@` is at index `at` ends, if its domain makes it one:
    /// labels with a dot between, not followed by `-` or `_`.
    fn email_domain_end(&self, at: usize) -> Option<usize> {
        let mut end = self.domain_label_end(at + 1)?;
        let mut dotted = false;
        while self.at(end) == '.' {
            match self.domain_label_end(end + 1) {
                Some(label_end) => {
                    end = label_end;
                    dotted = true;
                }
                None => break,
            }
        }
        let next = match self.characters.get(end) {
            Some(c) if c.is_whitespace() => None,
            Some(_) => Some(self.at(end)),
            None => self.followed_by,
        };
        (dotted && !matches!(next, Some('-' | '_'))).then_some(end)
    }

    /// The end of a domain label starting at `start`: letters and digits, inner `-`, at most 63.
    fn domain_label_end(&self, start: usize) -> Option<usize> {
        if !self.at(start).is_ascii_alphanumeric() {
            return None;
        }
        let run = (start..start + 63)
            .take_while(|&index| {
                let c = self.at(index);
                c.is_ascii_alphanumeric() || c == '-'
            })
            .count();
        (start..start + run)
            .rev()
            .find(|&index| self.at(index).is_ascii_alphanumeric())
            .map(|last| last + 1)
    }

    /// `end` less goldmark's trailing `?!.,:*_~` (never below one character after `start`).
    fn without_trailing_punctuation(&self, start: usize, end: usize) -> usize {
        let mut last = end.saturating_sub(1).max(start);
        while last > start && "?!.,:*_~".contains(self.at(last)) {
            last -= 1;
        }
        last + 1
    }
}

impl Iterator for BareLinks {
    type Item = BareLink;

    fn next(&mut self) -> Option<BareLink> {
        let mut previous: Option<char> = None;
        let mut byte = self.next_byte;
        for index in self.next..self.characters.len() {
            let character = self.characters.get(index).copied().unwrap_or(' ');
            let start_byte = byte;
            byte += character.len_utf8();
            let candidate_start = is_candidate_start(previous);
            previous = Some(character);
            if !candidate_start || character.is_whitespace() {
                continue;
            }
            if let Some((length, is_email)) = self.address_at(index) {
                let characters = self.characters.get(index..index + length).unwrap_or(&[]);
                let byte_length: usize = characters.iter().map(|c| c.len_utf8()).sum();
                let shown: String = characters.iter().copied().map(straight).collect();
                let destination = if shown.starts_with("www.") {
                    format!("https://{shown}")
                } else {
                    shown.clone()
                };
                self.next = index + length;
                self.next_byte = start_byte + byte_length;
                return Some(BareLink {
                    range: start_byte..self.next_byte,
                    text: shown,
                    destination,
                    is_email,
                });
            }
        }
        self.next = self.characters.len();
        None
    }
}

/// Whether an address may start after `previous` (`None`: at the start of a text): where
/// goldmark's inline parser tries its linkify, at a line's start, after white space, `*`, `_`,
/// `~`, `(` or `[`, and after any character the typographer put in.
pub(crate) fn is_candidate_start(previous: Option<char>) -> bool {
    previous.is_none_or(|c: char| c.is_whitespace() || "*_~([“”‘’–—…«»".contains(c))
}

/// A curly quote as the straight one it was in the source.
fn straight(character: char) -> char {
    match character {
        '‘' | '’' => '\'',
        '“' | '”' => '"',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each bare link in `text` as (shown text, destination).
    fn links(text: &str) -> Vec<(String, String)> {
        let mut found = Vec::new();
        for link in BareLinks::new(text, None) {
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
