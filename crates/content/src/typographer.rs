//! goldmark's typographer, as Hugo 0.111 runs it: straight quotes become curly ones (or stay
//! straight), `--`, `---`, `...`, `<<` and `>>` become `–`, `—`, `…`, `«` and `»`.
//! pulldown-cmark's smart punctuation decides quotes differently (`rock 'n' roll`, `5'10"`,
//! `'20`, `"'nested'"`), so this replaces it.
//!
//! 1. Only text that is the Markdown source verbatim changes: escaped characters and entities
//!    stay as written, code, autolinks and the bare addresses linkify will make links of (as
//!    goldmark's linkify takes them first: `https://a--b.example/` keeps its `--`) are left
//!    alone.
//! 2. Each quote is decided from the source character before it and the rest of its source
//!    line (goldmark trims the last line of a block, so that one ends with its content).
//! 3. Quotes opened and not yet closed are counted over the whole document: goldmark closes a
//!    quote that an earlier paragraph opened.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::html::is_block;
use super::linkify::{BareLinks, is_candidate_start};

const APOSTROPHE: char = '’';

/// Makes the text events of a parsed document typographic, in place.
pub(crate) fn apply(source: &str, events: &mut [(Event<'_>, Range<usize>)]) {
    let last_line_ends = last_line_ends(events);
    let mut typographer = Typographer {
        source,
        open_single: 0,
        open_double: 0,
        consumed: 0..0,
        line: 0..0,
        quote_run: None,
    };
    let mut in_code_block = false;
    let mut in_autolink = false;
    // The last character of the text so far, as linkify reads it: texts next to each other
    // are one text to it; `None` at the start of one.
    let mut previous = None;
    for ((event, range), last_line_end) in events.iter_mut().zip(last_line_ends) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => in_autolink = true,
            Event::End(TagEnd::Link) => in_autolink = false,
            Event::Text(text) if !in_code_block && !in_autolink => {
                // pulldown-cmark starts a text event at an escaped character, after the `\`.
                let escaped_first = range
                    .start
                    .checked_sub(1)
                    .and_then(|at| source.as_bytes().get(at))
                    == Some(&b'\\')
                    && text.starts_with(|c: char| c.is_ascii_punctuation());
                if source.get(range.clone()) == Some(&**text) {
                    let around = Around {
                        previous,
                        next: source.get(range.end..).and_then(|rest| rest.chars().next()),
                    };
                    if let Some(typographic) =
                        typographer.text(text, range.start, escaped_first, last_line_end, around)
                    {
                        *text = CowStr::from(typographic);
                    }
                }
                previous = text.chars().next_back().or(previous);
                continue;
            }
            _ => {}
        }
        previous = None;
    }
}

/// The characters around a text, for finding the addresses in it.
#[derive(Clone, Copy)]
struct Around {
    /// The last character of the text before it (`None`: it starts a text).
    previous: Option<char>,
    /// The source character after it.
    next: Option<char>,
}

/// For each event on the last line of its block, where that line's content ends in the
/// source (the end of the last inline element before the block ends).
fn last_line_ends(events: &[(Event<'_>, Range<usize>)]) -> Vec<Option<usize>> {
    let mut ends = vec![None; events.len()];
    let mut content_end = None;
    for (index, (event, range)) in events.iter().enumerate().rev() {
        match event {
            Event::SoftBreak | Event::HardBreak => content_end = None,
            Event::Start(tag) if is_block(tag.to_end()) => content_end = Some(0),
            Event::End(tag) if is_block(*tag) => content_end = Some(0),
            _ => {
                if let Some(end) = &mut content_end {
                    *end = range.end.max(*end);
                }
            }
        }
        if let Some(slot) = ends.get_mut(index) {
            *slot = content_end;
        }
    }
    ends
}

struct Typographer<'s> {
    source: &'s str,
    open_single: usize,
    open_double: usize,
    /// The source bytes of the last substitution (`--` may span two text events).
    consumed: Range<usize>,
    /// The last source line found (line break included): text events come in source order,
    /// so one search serves every event on a line.
    line: Range<usize>,
    /// The last run of one quote character read, so each run is read once, not once per
    /// quote in it.
    quote_run: Option<(char, Range<usize>)>,
}

impl Typographer<'_> {
    /// `text`, found at byte `start` of the source, made typographic (its first character
    /// stays when `escaped_first`); `None` when unchanged.
    fn text(
        &mut self,
        text: &str,
        start: usize,
        escaped_first: bool,
        last_line_end: Option<usize>,
        around: Around,
    ) -> Option<String> {
        let touched =
            self.consumed.contains(&start) || text.contains(['\'', '"', '-', '.', '<', '>']);
        if !touched {
            return None;
        }
        let line_end = last_line_end.unwrap_or_else(|| self.line_end(start));
        let mut output = String::with_capacity(text.len());
        // goldmark's linkify takes an address before the typographer reaches its characters:
        // found where linkify looks for one (see `linkify.rs`), it stays as written.
        let mut addresses = BareLinks::new(text, around.next);
        let mut previous = around.previous;
        let mut address_end = 0;
        for (index, (offset, character)) in text.char_indices().enumerate() {
            let position = start + offset;
            if offset < address_end {
                output.push(character);
                // The end of an address is where the next one may start.
                previous = None;
                continue;
            }
            if self.consumed.contains(&position) {
                continue;
            }
            let address = (is_candidate_start(previous) && !character.is_whitespace())
                .then(|| addresses.address_at(index))
                .flatten();
            if let Some((length, _)) = address {
                let rest = text.get(offset..).unwrap_or_default();
                address_end = offset + rest.chars().take(length).map(char::len_utf8).sum::<usize>();
                output.push(character);
                previous = None;
                continue;
            }
            if offset == 0 && escaped_first {
                output.push(character);
                previous = Some(character);
                continue;
            }
            let line_end = line_end.max(position + character.len_utf8());
            let line = self.source.get(position..line_end).unwrap_or("");
            let (replacement, length) = self.substitution(character, position, line, line_end);
            self.consumed = position..position + length;
            let written = replacement.unwrap_or(character);
            output.push(written);
            previous = Some(written);
        }
        Some(output)
    }

    /// Where the source line holding byte `position` ends, after its line break.
    fn line_end(&mut self, position: usize) -> usize {
        if !self.line.contains(&position) {
            let rest = self.source.get(position..).unwrap_or("");
            let end = rest
                .find('\n')
                .map_or(self.source.len(), |at| position + at + 1);
            self.line = position..end;
        }
        self.line.end
    }

    /// The character after the run of `quote` characters that starts at byte `position`, a
    /// space when the run reaches `line_end`.
    fn after_quote_run(&mut self, quote: char, position: usize, line_end: usize) -> char {
        let run_end = match &self.quote_run {
            Some((known, run)) if *known == quote && run.contains(&position) => run.end,
            _ => {
                let rest = self.source.get(position..).unwrap_or("");
                let end = position + rest.len() - rest.trim_start_matches(quote).len();
                self.quote_run = Some((quote, position..end));
                end
            }
        };
        self.source
            .get(run_end..line_end)
            .and_then(|after| after.chars().next())
            .unwrap_or(' ')
    }

    /// What goldmark puts for `character` at `position`, whose source line goes on as `line`
    /// (up to `line_end`), and how many source bytes that takes.
    fn substitution(
        &mut self,
        character: char,
        position: usize,
        line: &str,
        line_end: usize,
    ) -> (Option<char>, usize) {
        let multiple = [
            ("---", '—'),
            ("--", '–'),
            ("...", '…'),
            ("<<", '«'),
            (">>", '»'),
        ];
        if let Some((written, typographic)) = multiple
            .iter()
            .find(|(written, _)| line.starts_with(written))
        {
            return (Some(*typographic), written.len());
        }
        let before = self
            .source
            .get(..position)
            .and_then(|before| before.chars().next_back())
            .unwrap_or('\n');
        let quote = match character {
            '\'' | '"' => {
                let after = self.after_quote_run(character, position, line_end);
                let flanks = flanking(before, after);
                if character == '"' {
                    self.double_quote(before, line, flanks)
                } else {
                    self.single_quote(before, line, flanks)
                }
            }
            _ => None,
        };
        (quote, character.len_utf8())
    }

    /// goldmark's decisions for `'`, in its order.
    fn single_quote(
        &mut self,
        before: char,
        line: &str,
        (can_open, can_close): (bool, bool),
    ) -> Option<char> {
        let bytes = line.as_bytes();
        let byte = |index: usize| bytes.get(index).copied();
        let character = |index: usize| line.get(index..).and_then(|rest| rest.chars().next());
        // Decades: '90s.
        if can_open
            && !can_close
            && byte(1).is_some_and(|b| b.is_ascii_digit())
            && byte(2).is_some_and(|b| b.is_ascii_digit())
            && byte(3) == Some(b's')
        {
            let after = character(4).unwrap_or(' ');
            if after.is_whitespace() || is_punctuation(after) {
                return Some(APOSTROPHE);
            }
        }
        // 'twas, 'em, 'net, 'll.
        if (is_punctuation(before) || before.is_whitespace())
            && matches!(byte(1), Some(b't' | b'e' | b'n' | b'l'))
        {
            return Some(APOSTROPHE);
        }
        // Between a letter or digit and a letter: don't, 1990's.
        if (before.is_alphabetic() || before.is_numeric())
            && character(1).is_some_and(char::is_alphabetic)
        {
            return Some(APOSTROPHE);
        }
        if can_open && !can_close {
            let word_ends_at = |index: usize| {
                byte(index).is_none_or(|b| b.is_ascii_punctuation() || b.is_ascii_whitespace())
            };
            // 's, 'm, 't, 'd, 've, 'll, 're: the end of a contraction, not a quote.
            let contraction = (matches!(byte(1), Some(b's' | b'm' | b't' | b'd'))
                && word_ends_at(2))
                || (matches!(
                    (byte(1), byte(2)),
                    (Some(b'v'), Some(b'e')) | (Some(b'l'), Some(b'l')) | (Some(b'r'), Some(b'e'))
                ) && word_ends_at(3));
            if contraction {
                return Some(APOSTROPHE);
            }
            self.open_single += 1;
            return Some('‘');
        }
        // Smiths', doin' (goldmark's test, whose first operand is always true for a quote).
        if bytes.len() > 2 && !character(1).is_some_and(char::is_numeric) {
            return Some('’');
        }
        if self.open_single > 0 && closes(can_open, can_close, line) {
            self.open_single -= 1;
            return Some('’');
        }
        None
    }

    /// goldmark's decisions for `"`.
    fn double_quote(
        &mut self,
        before: char,
        line: &str,
        (can_open, can_close): (bool, bool),
    ) -> Option<char> {
        if can_open && !can_close {
            self.open_double += 1;
            return Some('“');
        }
        if self.open_double > 0 && closes(can_open, can_close, line) {
            // "Monitor 21"": the inch mark stays.
            if line.as_bytes().get(1) == Some(&b'"') && before.is_numeric() {
                return None;
            }
            self.open_double -= 1;
            return Some('”');
        }
        None
    }
}

/// Whether a run of a quote character between `before` and `after` can open and can close,
/// by CommonMark's flanking rules.
fn flanking(before: char, after: char) -> (bool, bool) {
    let left = !after.is_whitespace()
        && (!is_punctuation(after) || before.is_whitespace() || is_punctuation(before));
    let right = !before.is_whitespace()
        && (!is_punctuation(before) || after.is_whitespace() || is_punctuation(after));
    (left, right)
}

/// goldmark's closing test for a quote that may close an open one.
fn closes(can_open: bool, can_close: bool, line: &str) -> bool {
    let bytes = line.as_bytes();
    let maybe = can_open
        && can_close
        && line
            .get(1..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(is_punctuation)
        && (bytes.len() == 2
            || bytes
                .get(2)
                .is_some_and(|b| b.is_ascii_punctuation() || b.is_ascii_whitespace()));
    (can_close && !can_open) || maybe
}

/// ASCII punctuation and symbols, and the common Unicode punctuation.
fn is_punctuation(character: char) -> bool {
    character.is_ascii_punctuation()
        || matches!(character,
            '¡' | '§' | '«' | '¶' | '·' | '»' | '¿'
            | '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{205e}'
            | '\u{3001}'..='\u{3003}'
            | '\u{3008}'..='\u{3011}')
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::Parser;

    use super::*;
    use crate::markdown::options;

    /// The text of `markdown` after the typographer, paragraphs on lines of their own.
    fn typographic(markdown: &str) -> String {
        let mut events: Vec<_> = Parser::new_ext(markdown, options())
            .into_offset_iter()
            .collect();
        apply(markdown, &mut events);
        let mut text = String::new();
        for (event, _) in events {
            match event {
                Event::Text(part) | Event::Code(part) => text.push_str(&part),
                Event::SoftBreak => text.push(' '),
                Event::End(TagEnd::Paragraph) => text.push('\n'),
                _ => {}
            }
        }
        text
    }

    #[test]
    fn quotes_are_goldmarks_as_hugo_writes_them() {
        for (markdown, hugo) in [
            ("rock 'n' roll", "rock ’n’ roll"),
            ("5'10\" tall", "5'10\" tall"),
            ("It's 5\" long and 3' wide.", "It’s 5\" long and 3’ wide."),
            ("'90s music and the '90s", "’90s music and the ’90s"),
            ("1990's and '20 and 'tis", "1990’s and ‘20 and ’tis"),
            ("'1 '12 '12s '123s", "‘1 ‘12 ’12s ‘123s"),
            (
                "don't it's I'm we'll y'all o'clock",
                "don’t it’s I’m we’ll y’all o’clock",
            ),
            ("\"she said 'hi'\"", "“she said ‘hi’”"),
            (
                "He said \"it's 'fine'\" today.",
                "He said “it’s ‘fine’” today.",
            ),
            ("\"a 'b' c\" 'd \"e\" f'", "“a ‘b’ c” ’d “e” f’"),
            ("x\"y\" z'w' end", "x\"y\" z’w’ end"),
            ("\"'nested'\" x", "“’nested’” x"),
            ("\"'nested'\"", "“’nested'”"),
            ("the Smiths'", "the Smiths'"),
            ("the Smiths' car", "the Smiths’ car"),
            ("'em 'net 'll 'twas", "’em ’net ’ll ’twas"),
            ("\"21\"\"", "“21\"”"),
            (
                "(don't) ('quote') \"(paren)\"",
                "(don’t) (‘quote’) “(paren)”",
            ),
            (
                "\"Hello,\" she said. 'Single,' he said; 'ok'?",
                "“Hello,” she said. ‘Single,’ he said; ‘ok’?",
            ),
        ] {
            assert_eq!(typographic(markdown), format!("{hugo}\n"), "{markdown}");
        }
    }

    #[test]
    fn quotes_stay_open_across_paragraphs_and_markup() {
        assert_eq!(typographic("'open\n\nclose'"), "‘open\nclose’\n");
        assert_eq!(typographic("\"**bold**\" and '*em*'"), "“bold” and ‘em’\n");
    }

    #[test]
    fn dashes_ellipses_and_angle_quotes_are_taken_greedily() {
        assert_eq!(
            typographic("-- a--b a---b a----b .... << >>"),
            "– a–b a—b a—-b …. « »\n"
        );
    }

    #[test]
    fn escapes_entities_code_and_autolinks_stay_as_written() {
        assert_eq!(
            typographic("\\'x\\' &quot;y&quot; \\-- `it's` <https://x.org/it's--x>"),
            "'x' \"y\" -- it's https://x.org/it's--x\n"
        );
        assert_eq!(typographic("```\nit's -- \"x\"\n```"), "it's -- \"x\"\n");
    }

    /// goldmark's linkify takes a bare address before the typographer reaches it: Hugo 0.111's
    /// output for each line (tests/fixtures/parity, posts/addresses.md).
    #[test]
    fn bare_addresses_stay_as_written_and_the_text_around_them_does_not() {
        assert_eq!(
            typographic("See https://seagate--tdk.example/x -- and \"quoted\" text... done."),
            "See https://seagate--tdk.example/x – and “quoted” text… done.\n"
        );
        // The quotes inside the address are not the typographer's: the one after it closes.
        assert_eq!(
            typographic("\"Quote https://q.example/say\"yes\" after\" and 'single'."),
            "“Quote https://q.example/say\"yes\" after” and ‘single’.\n"
        );
        assert_eq!(
            typographic("Mail to john--doe@example.org -- please."),
            "Mail to john--doe@example.org – please.\n"
        );
        assert_eq!(
            typographic("Dots www.example.org/a...b and more..."),
            "Dots www.example.org/a...b and more…\n"
        );
        // After a typographer's character linkify looks again; not inside a word.
        assert_eq!(
            typographic("Dash before--https://d--e.example/p--q tail--end."),
            "Dash before–https://d--e.example/p--q tail–end.\n"
        );
        assert_eq!(
            typographic("x--yhttps://a--b.example"),
            "x–yhttps://a–b.example\n"
        );
        assert_eq!(
            typographic("The 'https://x.example/it's' thing \"and\" more."),
            "The ‘https://x.example/it's' thing “and” more.\n"
        );
    }
}
