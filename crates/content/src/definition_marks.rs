//! goldmark's rule for where a definition starts, kept with pulldown-cmark: goldmark opens a
//! definition (`<dd>`) only at a `:` that is followed by a space or tab and not indented in its
//! container; pulldown-cmark at any `:` indented up to three spaces, so a line such as `:P` or
//! `:)` after a paragraph would become a definition and break the paragraph up.
//!
//! Such a colon is swapped for a stand-in byte before parsing and swapped back in every event
//! after it: same length, so every offset stays true, and linear. Colons followed by something
//! else than a space or tab are found by one scan of the line starts (a few too many is no
//! harm: each comes back); indented ones from the parse itself, which then runs once more.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag};

/// What a guarded colon is while pulldown-cmark parses: a control character that means
/// nothing to Markdown. A page that has one of its own is parsed as written.
const STAND_IN: u8 = 0x1a;

/// A text for pulldown-cmark with stand-ins for the colons goldmark does not read as
/// definition marks.
pub(crate) struct Guarded<'t> {
    text: Cow<'t, str>,
    /// False for a page with a stand-in character of its own, which is parsed as written.
    active: bool,
}

impl<'t> Guarded<'t> {
    /// `text` with the colons swapped that start a line (after indentation and `>` markers)
    /// and are not followed by a space or tab, except in a table's delimiter row
    /// (`:---|--:`).
    pub(crate) fn new(text: &'t str) -> Guarded<'t> {
        if text.as_bytes().contains(&STAND_IN) {
            return Guarded {
                text: Cow::Borrowed(text),
                active: false,
            };
        }
        let mut colons = Vec::new();
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            let prefix = line
                .bytes()
                .take_while(|byte| matches!(byte, b' ' | b'\t' | b'>'))
                .count();
            let rest = line.get(prefix..).unwrap_or_default();
            let starts_no_definition = rest.starts_with(':')
                && !rest
                    .as_bytes()
                    .get(1)
                    .is_some_and(|byte| matches!(byte, b' ' | b'\t'));
            let delimiter_row = rest
                .trim_end()
                .bytes()
                .all(|byte| b"|:- \t".contains(&byte))
                && rest.contains('-');
            if starts_no_definition && !delimiter_row {
                colons.push(line_start + prefix);
            }
            line_start += line.len();
        }
        Guarded {
            text: guard_at(text, &colons),
            active: true,
        }
    }

    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The text with the colons also guarded of the definitions in `parsed` (its events)
    /// that are indented in their container, which goldmark does not take for definitions:
    /// `None` when there are none. Parse that text instead.
    pub(crate) fn without_indented_definitions(
        &self,
        parsed: &[(Event, Range<usize>)],
    ) -> Option<Guarded<'t>> {
        let text = self.text();
        let colons: Vec<usize> = parsed
            .iter()
            .filter(|(event, _)| matches!(event, Event::Start(Tag::DefinitionListDefinition)))
            .filter_map(|(_, range)| {
                // pulldown-cmark starts a definition before the indentation of its `:`.
                let from = text.get(range.start..)?;
                let indent = from.bytes().take_while(|byte| *byte == b' ').count();
                (indent > 0 && from.as_bytes().get(indent) == Some(&b':'))
                    .then_some(range.start + indent)
            })
            .collect();
        (self.active && !colons.is_empty()).then(|| Guarded {
            text: Cow::Owned(guard_at(text, &colons).into_owned()),
            active: true,
        })
    }

    /// `event` with its colons back wherever a stand-in went into its text or attributes.
    pub(crate) fn restore<'e>(&self, event: Event<'e>) -> Event<'e> {
        if self.active { restore(event) } else { event }
    }
}

/// `text` with a stand-in for the colon at each of `colons` (ascending byte offsets).
fn guard_at<'t>(text: &'t str, colons: &[usize]) -> Cow<'t, str> {
    if colons.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for colon in colons {
        if let Some(byte) = bytes.get_mut(*colon).filter(|byte| **byte == b':') {
            *byte = STAND_IN;
        }
    }
    // One ASCII byte for another: still UTF-8.
    String::from_utf8(bytes).map_or(Cow::Borrowed(text), Cow::Owned)
}

fn restore(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Text(text) => Event::Text(restored(text)),
        Event::Code(text) => Event::Code(restored(text)),
        Event::InlineMath(text) => Event::InlineMath(restored(text)),
        Event::DisplayMath(text) => Event::DisplayMath(restored(text)),
        Event::Html(text) => Event::Html(restored(text)),
        Event::InlineHtml(text) => Event::InlineHtml(restored(text)),
        Event::FootnoteReference(label) => Event::FootnoteReference(restored(label)),
        Event::Start(tag) => Event::Start(restored_tag(tag)),
        other => other,
    }
}

fn restored_tag(tag: Tag<'_>) -> Tag<'_> {
    match tag {
        Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Link {
            link_type,
            dest_url: restored(dest_url),
            title: restored(title),
            id: restored(id),
        },
        Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Image {
            link_type,
            dest_url: restored(dest_url),
            title: restored(title),
            id: restored(id),
        },
        Tag::CodeBlock(CodeBlockKind::Fenced(info)) => {
            Tag::CodeBlock(CodeBlockKind::Fenced(restored(info)))
        }
        Tag::FootnoteDefinition(label) => Tag::FootnoteDefinition(restored(label)),
        other => other,
    }
}

fn restored(text: CowStr<'_>) -> CowStr<'_> {
    if text.as_bytes().contains(&STAND_IN) {
        CowStr::from(text.replace(char::from(STAND_IN), ":"))
    } else {
        text
    }
}
