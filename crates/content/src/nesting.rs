//! A bound on how deeply block quotes and list items nest, so that no page makes the Markdown
//! parser slow: pulldown-cmark checks every open container on every line, so each lazy
//! continuation line of a paragraph 100,000 quotes deep costs 100,000 steps (a page of them
//! takes minutes), and a line of nested markers renders to many times its size in HTML.
//!
//! A line's container markers that could take it deeper than [`MAX_NESTING`] are escaped
//! (`\>`, `\-`, `1\.`) and show as text. The depth is over-estimated from the line prefixes
//! alone (each marker may open a container, indentation and `>` may continue open ones, and
//! any line after a non-blank one may be a lazy continuation that keeps them open), so a page
//! whose estimate stays within the bound is parsed exactly as written.

use std::borrow::Cow;
use std::ops::Range;

/// Containers nested deeper than this are text (markdown-it's default limit, too).
pub(crate) const MAX_NESTING: usize = 100;

/// A text with its too deep container markers escaped.
pub(crate) struct BoundedNesting<'t> {
    pub text: Cow<'t, str>,
    /// Where a backslash went in, as offsets of `text`, ascending.
    escapes: Vec<usize>,
}

impl BoundedNesting<'_> {
    /// The offset in the original text of byte `offset` of [`Self::text`].
    pub fn original_offset(&self, offset: usize) -> usize {
        offset - self.escapes.partition_point(|at| *at < offset)
    }
}

/// `text` with every container marker escaped that could nest deeper than [`MAX_NESTING`].
pub(crate) fn bound_nesting(text: &str) -> BoundedNesting<'_> {
    // Where a backslash goes in, as offsets of the original text.
    let mut cuts = Vec::new();
    let mut depth = 0;
    let mut after_blank = true;
    let mut line_start = 0;
    while line_start < text.len() {
        let rest = text.get(line_start..).unwrap_or("");
        let line_length = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let line = rest.get(..line_length).unwrap_or("");
        if line.trim_matches([' ', '\t']).is_empty() {
            after_blank = true;
        } else {
            let (line_depth, cut) = scan_prefix(line, depth);
            cuts.extend(cut.map(|at| line_start + at));
            // A line after a non-blank one may be lazy: the containers stay open.
            depth = if after_blank {
                line_depth
            } else {
                depth.max(line_depth)
            };
            after_blank = false;
        }
        let ending = if rest
            .get(line_length..)
            .is_some_and(|end| end.starts_with("\r\n"))
        {
            2
        } else {
            1
        };
        line_start += line_length + ending;
    }
    if cuts.is_empty() {
        return BoundedNesting {
            text: Cow::Borrowed(text),
            escapes: Vec::new(),
        };
    }
    let mut escaped = String::with_capacity(text.len() + cuts.len());
    let mut escapes = Vec::with_capacity(cuts.len());
    let mut done = 0;
    for cut in cuts {
        escaped.push_str(text.get(done..cut).unwrap_or(""));
        escapes.push(escaped.len());
        escaped.push('\\');
        done = cut;
    }
    escaped.push_str(text.get(done..).unwrap_or(""));
    BoundedNesting {
        text: Cow::Owned(escaped),
        escapes,
    }
}

/// How many containers `line` may be in once read, when `open` may be open before it, and
/// where a backslash must go in (before a marker, or a list number's `.` or `)`) to keep it
/// within [`MAX_NESTING`].
fn scan_prefix(line: &str, open: usize) -> (usize, Option<usize>) {
    let bytes = line.as_bytes();
    let mut markers = 0;
    // Indentation continues open list items, at least two columns each.
    let mut columns = 0;
    let mut at = 0;
    let depth = |markers: usize, columns: usize| markers + open.min(columns / 2);
    // Where the line ends in a thematic break (`- - -`), which takes precedence over list
    // items: read once, when a `-` or `*` is first met.
    let mut rule: Option<Option<(u8, Range<usize>)>> = None;
    while let Some(&byte) = bytes.get(at) {
        let marker_end = match byte {
            b' ' => {
                columns += 1;
                at += 1;
                continue;
            }
            b'\t' => {
                columns += 4 - columns % 4;
                at += 1;
                continue;
            }
            b'>' | b'+' => Some((at, at + 1)),
            b'-' | b'*' => {
                let rule = rule.get_or_insert_with(|| thematic_break_tail(bytes));
                let starts_rule = rule
                    .as_ref()
                    .is_some_and(|(character, from)| *character == byte && from.contains(&at));
                (!starts_rule).then_some((at, at + 1))
            }
            b'0'..=b'9' => {
                let digits = bytes
                    .get(at..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                let delimiter = at + digits;
                (digits <= 9 && matches!(bytes.get(delimiter), Some(b'.' | b')')))
                    .then_some((delimiter, delimiter + 1))
            }
            _ => None,
        };
        // A list marker needs white space or the line's end after it; `>` needs nothing.
        let Some((escape_at, end)) = marker_end.filter(|(_, end)| {
            byte == b'>'
                || bytes
                    .get(*end)
                    .is_none_or(|after| matches!(after, b' ' | b'\t'))
        }) else {
            break;
        };
        if depth(markers + 1, columns) > MAX_NESTING {
            return (depth(markers, columns), Some(escape_at));
        }
        markers += 1;
        at = end;
    }
    (depth(markers, columns), None)
}

/// The thematic break (`- - -`, `***`: three or more of `-` or of `*`, and white space) that
/// ends `line`, if one does: its character and the positions from which the rest of the line
/// is one (from where its run of characters starts to its third-last `-` or `*`).
fn thematic_break_tail(line: &[u8]) -> Option<(u8, Range<usize>)> {
    let mut character = None;
    let mut seen = 0;
    let mut third_last = None;
    let mut start = line.len();
    for (index, &byte) in line.iter().enumerate().rev() {
        match byte {
            b' ' | b'\t' => {}
            b'-' | b'*' if character.is_none_or(|known| known == byte) => {
                character = Some(byte);
                seen += 1;
                if seen == 3 {
                    third_last = Some(index);
                }
            }
            _ => break,
        }
        start = index;
    }
    Some((character?, start..third_last? + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_nested_within_the_bound_are_left_as_written() {
        let text = "> a\n> > b\nlazy\n\n- x\n  - y\n    1. z\n\t- w\n---\n* * *\n2024. year\n";
        let bounded = bound_nesting(text);
        assert!(matches!(bounded.text, Cow::Borrowed(_)));
        let deep = format!("{}a\n", "> ".repeat(MAX_NESTING));
        assert_eq!(bound_nesting(&deep).text, deep);
        for rule in ["- ".repeat(300), format!("- * {}", "* ".repeat(300))] {
            assert_eq!(
                bound_nesting(&rule).text,
                rule,
                "a thematic break opens no list"
            );
        }
    }

    #[test]
    fn markers_past_the_bound_are_escaped() {
        let quotes = format!("{}a", ">".repeat(MAX_NESTING + 3));
        let bounded = bound_nesting(&quotes);
        assert_eq!(bounded.text, format!("{}\\>>>a", ">".repeat(MAX_NESTING)));
        assert_eq!(bounded.original_offset(MAX_NESTING), MAX_NESTING);
        assert_eq!(bounded.original_offset(MAX_NESTING + 1), MAX_NESTING);
        assert_eq!(bounded.original_offset(MAX_NESTING + 2), MAX_NESTING + 1);
        let dashes = format!("{}x", "- ".repeat(MAX_NESTING + 1));
        assert!(bound_nesting(&dashes).text.ends_with("\\- x"));
        let items = format!("{}x", "1. ".repeat(MAX_NESTING + 1));
        assert!(
            bound_nesting(&items)
                .text
                .ends_with(&format!("{}1\\. x", "1. ".repeat(MAX_NESTING - 1))),
        );
    }

    #[test]
    fn depth_built_over_lines_is_bounded_too() {
        // Each line goes one list deeper by its indentation; lazy lines keep all open.
        let mut text: String = (0..MAX_NESTING + 2)
            .map(|level| format!("{}- a\nlazy\n", "  ".repeat(level)))
            .collect();
        text.push_str("\n- b\n");
        let bounded = bound_nesting(&text);
        let escaped: Vec<&str> = bounded
            .text
            .lines()
            .filter(|line| line.contains('\\'))
            .collect();
        assert_eq!(escaped.len(), 2, "{escaped:?}");
        assert!(
            bounded.text.ends_with("\n\n- b\n"),
            "a blank line closes them"
        );
        // `\r` ends a line too.
        let items = format!(
            "{}a\r{}{}a\r\n",
            "- ".repeat(60),
            "  ".repeat(60),
            "- ".repeat(60)
        );
        assert_eq!(bound_nesting(&items).text.matches('\\').count(), 1);
    }
}
