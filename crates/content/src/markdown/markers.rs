//! Trusted markers: the text that stands for HTML the shortcode stage made. The last pass
//! writes that HTML in their place; a marker alone in its paragraph stands without the `<p>`,
//! as a lone shortcode does in Hugo.

use std::borrow::Cow;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::output::Output;

/// Brackets a trusted-HTML marker: private-use characters authors cannot leave in the text
/// (see [`without_marker_characters`]).
pub(super) const MARKER_START: char = '\u{e000}';
const MARKER_END: char = '\u{e001}';

/// Bracket a heading whose id the page will give (see `headings.rs`), and divide its wanted
/// id from its text; also characters authors cannot leave in the text.
pub(super) const SLOT_START: char = '\u{e002}';
pub(super) const SLOT_DIVIDER: char = '\u{e003}';
pub(super) const SLOT_END: char = '\u{e004}';

/// The text that stands for `trusted_html[index]` until the Markdown stage writes it.
pub(crate) fn trusted_marker(index: usize) -> String {
    format!("{MARKER_START}{index}{MARKER_END}")
}

/// `text` with the marker and slot characters replaced by U+FFFD (same length in UTF-8).
pub(crate) fn without_marker_characters(text: &str) -> Cow<'_, str> {
    let is_private = |c: char| (MARKER_START..=SLOT_END).contains(&c);
    if text.contains(is_private) {
        Cow::Owned(text.replace(is_private, "\u{fffd}"))
    } else {
        Cow::Borrowed(text)
    }
}

pub(super) enum Piece<'t> {
    Text(&'t str),
    Marker(usize),
}

/// Cuts text at trusted markers; a malformed marker is dropped.
pub(super) fn split_markers(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(MARKER_START) {
        if start > 0 {
            pieces.push(Piece::Text(rest.get(..start).unwrap_or("")));
        }
        let after = rest.get(start + MARKER_START.len_utf8()..).unwrap_or("");
        let digits_end = after
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(after.len());
        let index = after
            .get(..digits_end)
            .and_then(|digits| digits.parse().ok());
        let closed = after
            .get(digits_end..)
            .and_then(|tail| tail.strip_prefix(MARKER_END));
        match (index, closed) {
            (Some(index), Some(tail)) => {
                pieces.push(Piece::Marker(index));
                rest = tail;
            }
            _ => rest = after,
        }
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    pieces
}

/// `text` with its markers replaced by their HTML (`as_html`) or removed.
pub(crate) fn replace_markers(text: &str, trusted_html: &[String], as_html: bool) -> String {
    let mut output = String::with_capacity(text.len());
    for piece in split_markers(text) {
        match piece {
            Piece::Text(plain) => output.push_str(plain),
            Piece::Marker(index) if as_html => {
                output.push_str(trusted_html.get(index).map_or("", String::as_str));
            }
            Piece::Marker(_) => {}
        }
    }
    output
}

pub(super) fn strip_markers(text: &str) -> String {
    replace_markers(text, &[], false)
}

/// The last pass: writes the trusted HTML in place of its markers (stripped inside image alt
/// text, which is plain) and hands each event to the output.
pub(super) struct Markers<'c> {
    trusted_html: &'c [String],
}

impl<'c> Markers<'c> {
    pub(super) fn new(trusted_html: &'c [String]) -> Self {
        Markers { trusted_html }
    }

    /// `in_image`: whether the links pass has an image open, whose alt text this is.
    pub(super) fn push<'a>(&self, event: Event<'a>, in_image: bool, output: &mut Output<'a>) {
        let body = &mut output.events;
        let alone_in_paragraph = matches!(body.last(), Some(Event::Start(Tag::Paragraph)));
        if matches!(event, Event::End(TagEnd::Paragraph)) && alone_in_paragraph_html(body) {
            // A shortcode's HTML alone in its paragraph stands for itself (Hugo drops the
            // `<p>` around a lone shortcode too).
            if let Some(html) = body.pop() {
                body.pop();
                body.push(html);
            }
            return;
        }
        let text = match event {
            Event::Text(text) if text.contains(MARKER_START) => text,
            Event::Html(text) | Event::InlineHtml(text) if text.contains(MARKER_START) => {
                let html = replace_markers(&text, self.trusted_html, true);
                output.push(Event::Html(CowStr::from(html)));
                return;
            }
            other => {
                output.push(other);
                return;
            }
        };
        if in_image {
            output.push(Event::Text(CowStr::from(strip_markers(&text))));
            return;
        }
        let pieces = split_markers(&text);
        if let ([Piece::Marker(index)], true) = (pieces.as_slice(), alone_in_paragraph) {
            let html = self.trusted_html.get(*index);
            let html = format!("{}\n", html.map_or("", String::as_str));
            output.events.push(Event::Html(CowStr::from(html)));
            return;
        }
        for piece in pieces {
            match piece {
                Piece::Text(plain) => output.push(Event::Text(CowStr::from(plain.to_owned()))),
                Piece::Marker(index) => {
                    let html = self.trusted_html.get(index).cloned().unwrap_or_default();
                    output.push(Event::InlineHtml(CowStr::from(html)));
                }
            }
        }
    }
}

/// Whether `events` end with a paragraph's start and one block of HTML: a trusted marker
/// that was the paragraph's whole text.
fn alone_in_paragraph_html(events: &[Event]) -> bool {
    matches!(events, [.., Event::Start(Tag::Paragraph), Event::Html(_)])
}
