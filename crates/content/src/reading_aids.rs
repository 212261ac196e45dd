//! Reading aids in a page body's HTML: an anchor link beside each `h2`–`h6` that has an id, a
//! Copy button on each code block, and a link to its file around each image that is in no
//! link (the app opens it in an overlay instead; without the app, the file opens).
//!
//! They go into the page body only, the HTML both the prerendering and the app show: the
//! summaries, word counts, heading ids and link targets that the build and the Hugo
//! comparison read come from the HTML without them. They are found as the Markdown stage
//! writes its events: Markdown's own links, images and headings by their events, and the HTML
//! that comes whole (code blocks, footnotes, shortcodes, the author's own on an `unsafe` site)
//! tag by tag. Only where such HTML holds an element open past its end (a `<pre>` closed in
//! a later piece) is the rest of the body read tag by tag.

use std::borrow::Cow;
use std::fmt::Write;
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::contract::{COPY_BUTTON_CLASS, COPY_LABEL, IMAGE_LINK_CLASS};
use super::html::plainify;

/// Elements whose text is not HTML: copied through untouched.
const RAW_TEXT_ELEMENTS: [&str; 4] = ["script", "style", "textarea", "title"];

/// `html`, which pulldown-cmark's writer wrote of `events` (the HTML of `events[i]` starting
/// at `starts[i]`), with the reading aids added.
pub(crate) fn add_reading_aids(html: &str, events: &[Event], starts: &[usize]) -> String {
    let written = |index: usize| -> Range<usize> {
        let start = starts.get(index).copied().unwrap_or(html.len());
        start..starts.get(index + 1).copied().unwrap_or(html.len())
    };
    let whole_html: Vec<Range<usize>> = (0..events.len())
        .filter(|index| {
            matches!(
                events.get(*index),
                Some(Event::Html(_) | Event::InlineHtml(_))
            )
        })
        .map(written)
        .collect();
    let mut aids = ReadingAids::new(html, &whole_html);
    let mut index = 0;
    while let Some(event) = events.get(index) {
        let range = written(index);
        index += 1;
        let text = html.get(range.clone()).unwrap_or("");
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                if let Err(open_at) = aids.tags(range.start, range.end) {
                    // Read on to its end, wherever it is: the rest of the body, tag by tag.
                    let _ = aids.tags(open_at, html.len());
                    return aids.finish();
                }
            }
            Event::Start(Tag::Link { .. }) => {
                aids.link_depth += 1;
                aids.output.push_str(text);
            }
            Event::End(TagEnd::Link) => {
                aids.link_depth = aids.link_depth.saturating_sub(1);
                aids.output.push_str(text);
            }
            Event::Start(Tag::Image { .. }) => {
                // The writer writes the alt text into the tag: the events up to the image's
                // end are in it.
                let end = image_end(events, index);
                let tag = html.get(range.start..written(end).end).unwrap_or("");
                index = end + 1;
                aids.image(tag);
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                // The writer starts a heading on a line of its own.
                let tag = match text.strip_prefix('\n') {
                    Some(tag) => {
                        aids.output.push('\n');
                        tag
                    }
                    None => text,
                };
                if *level as u8 >= 2 && aids.link_depth == 0 {
                    aids.open_heading(&level.to_string(), &attribute_value(id.as_deref()));
                }
                aids.output.push_str(tag);
            }
            Event::End(TagEnd::Heading(level)) => {
                // `</h2>` and a line break.
                let tag = text.strip_suffix('\n').unwrap_or(text);
                aids.output.push_str(tag);
                aids.close_heading(&level.to_string());
                aids.output.push_str(text.get(tag.len()..).unwrap_or(""));
            }
            _ => aids.output.push_str(text),
        }
    }
    aids.finish()
}

/// The index of the end of the image whose start is just before `events[index]`: the writer
/// takes every event up to the end that closes it (all starts and ends counted) as alt text.
fn image_end(events: &[Event], index: usize) -> usize {
    let mut depth = 0usize;
    for (at, event) in events.iter().enumerate().skip(index) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => return at,
            Event::End(_) => depth -= 1,
            _ => {}
        }
    }
    events.len()
}

/// An attribute's value as pulldown-cmark's writer writes it (`&`, `<`, `>`, `"` and `'`
/// escaped): how the HTML has a heading's id.
fn attribute_value(value: Option<&str>) -> String {
    let mut escaped = String::new();
    for character in value.unwrap_or("").chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// The body with its reading aids, as far as it is written, and what is open at that point.
struct ReadingAids<'h> {
    /// The body without the aids.
    html: &'h str,
    output: String,
    /// Links open around the current point: no link goes inside another.
    link_depth: usize,
    heading: Option<OpenHeading>,
    /// Where headings with their anchor start in the output: their wrapper goes in at the
    /// end, so the output is not moved once per heading.
    anchored: Vec<usize>,
    /// Where each `<pre>` start tag is and where the end tag that closes it ends.
    pre_starts: Vec<usize>,
    pre_ends: Vec<Option<usize>>,
}

impl<'h> ReadingAids<'h> {
    /// For `html`, whose HTML that came whole (every `<pre>` of it) is at `whole_html`.
    fn new(html: &'h str, whole_html: &[Range<usize>]) -> Self {
        let (pre_starts, pre_ends) = matching_pre_ends(html, whole_html);
        ReadingAids {
            html,
            output: String::with_capacity(html.len() + html.len() / 8),
            link_depth: 0,
            heading: None,
            anchored: Vec::new(),
            pre_starts,
            pre_ends,
        }
    }

    fn finish(self) -> String {
        insert_at(&self.output, &self.anchored, HEADING_WRAPPER)
    }

    /// Adds the aids to `html[from..to]`, tag by tag. An element that starts there and ends
    /// after `to` (a comment, a code block, raw text, a tag) is left for the caller: `Err`
    /// gives where it starts, all before it done.
    fn tags(&mut self, from: usize, to: usize) -> Result<(), usize> {
        let html = self.html;
        let mut at = from;
        loop {
            let piece = html.get(at..to).unwrap_or("");
            let Some(found) = piece.find('<') else {
                self.output.push_str(piece);
                return Ok(());
            };
            self.output.push_str(piece.get(..found).unwrap_or(""));
            at += found;
            let rest = html.get(at..).unwrap_or("");
            if rest.starts_with("<!--") {
                let end = at + rest.find("-->").map_or(rest.len(), |end| end + 3);
                if end > to {
                    return Err(at);
                }
                self.output.push_str(html.get(at..end).unwrap_or(""));
                at = end;
                continue;
            }
            let Some(length) = tag_length(rest).filter(|length| at + length <= to) else {
                if to < html.len() {
                    return Err(at);
                }
                // A tag that never closes: the rest stays as it is.
                self.output.push_str(rest);
                return Ok(());
            };
            let tag = rest.get(..length).unwrap_or("");
            let after_tag = at + length;
            let (name, closing) = tag_name(tag);
            match (name.as_ref(), closing) {
                ("a", false) => self.link_depth += 1,
                ("a", true) => self.link_depth = self.link_depth.saturating_sub(1),
                ("img", false) => {
                    self.image(tag);
                    at = after_tag;
                    continue;
                }
                ("pre", false) => {
                    // A code block: wrapped with its Copy button, its content untouched.
                    let end = self
                        .pre_starts
                        .binary_search(&at)
                        .ok()
                        .and_then(|found| self.pre_ends.get(found).copied().flatten())
                        .filter(|end| *end >= after_tag);
                    if let Some(end) = end {
                        if end > to {
                            return Err(at);
                        }
                        self.output.push_str("<div class=\"code-block\">");
                        self.output.push_str(html.get(at..end).unwrap_or(""));
                        let _ = write!(
                            self.output,
                            "<button type=\"button\" class=\"{COPY_BUTTON_CLASS}\">{COPY_LABEL}</button></div>"
                        );
                        at = end;
                        continue;
                    }
                }
                (raw, false) if RAW_TEXT_ELEMENTS.contains(&raw) => {
                    let content = html.get(after_tag..).unwrap_or("");
                    let end = after_tag + find_closing(content, raw).unwrap_or(content.len());
                    if end > to {
                        return Err(at);
                    }
                    self.output.push_str(html.get(at..end).unwrap_or(""));
                    at = end;
                    continue;
                }
                (level @ ("h2" | "h3" | "h4" | "h5" | "h6"), false) if self.link_depth == 0 => {
                    self.open_heading(level, attribute(tag, "id").unwrap_or(""));
                }
                (level, true) if self.heading.as_ref().is_some_and(|open| open.name == level) => {
                    self.output.push_str(tag);
                    self.close_heading(level);
                    at = after_tag;
                    continue;
                }
                _ => {}
            }
            self.output.push_str(tag);
            at = after_tag;
        }
    }

    /// An image's tag, in a link to its file when it is in no link and has one.
    fn image(&mut self, tag: &str) {
        let source = attribute(tag, "src").filter(|source| !source.is_empty());
        match source {
            Some(source) if self.link_depth == 0 => {
                let _ = write!(self.output, "<a class=\"{IMAGE_LINK_CLASS}\" href=\"");
                self.output.push_str(&source.replace('"', "&quot;"));
                self.output.push_str("\">");
                self.output.push_str(tag);
                self.output.push_str("</a>");
            }
            _ => self.output.push_str(tag),
        }
    }

    /// A heading `level` (`h2` … `h6`) starts here, with `id` as the HTML has it (escaped):
    /// one without an id gets no anchor.
    fn open_heading(&mut self, level: &str, id: &str) {
        self.heading = Some(id).filter(|id| !id.is_empty()).map(|id| OpenHeading {
            name: level.to_owned(),
            id: id.replace('"', "&quot;"),
            start: self.output.len(),
        });
    }

    /// The end tag of a heading `level` ends the output: when it closes the open heading, the
    /// anchor link goes after it.
    fn close_heading(&mut self, level: &str) {
        if let Some(open) = self.heading.take_if(|open| open.name == level) {
            add_anchor(&mut self.output, &open);
            self.anchored.push(open.start);
        }
    }
}

/// What opens the element that holds a heading and its anchor link.
const HEADING_WRAPPER: &str = "<div class=\"heading-anchored\">";

/// `text` with `insertion` at each of `positions` (ascending byte offsets).
fn insert_at(text: &str, positions: &[usize], insertion: &str) -> String {
    let mut result = String::with_capacity(text.len() + positions.len() * insertion.len());
    let mut done = 0;
    for &position in positions {
        result.push_str(text.get(done..position).unwrap_or(""));
        result.push_str(insertion);
        done = position;
    }
    result.push_str(text.get(done..).unwrap_or(""));
    result
}

/// A heading whose end is still to come.
struct OpenHeading {
    /// `h2` … `h6`.
    name: String,
    /// As the HTML has it (escaped).
    id: String,
    /// Where its start tag is in the output.
    start: usize,
}

/// Adds the anchor link after the heading that ends the output (the caller puts the heading
/// and the link into one [`HEADING_WRAPPER`]): the link stands beside the heading, not in it,
/// so the heading's name stays its text alone.
fn add_anchor(output: &mut String, heading: &OpenHeading) {
    let text = output
        .get(heading.start..)
        .map(plainify)
        .unwrap_or_default();
    // Its words, one space apart, quotes escaped for the attribute.
    let mut label = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !label.is_empty() {
            label.push(' ');
        }
        for character in word.chars() {
            match character {
                '"' => label.push_str("&quot;"),
                other => label.push(other),
            }
        }
    }
    let _ = write!(
        output,
        "<a class=\"heading-anchor\" href=\"#{}\" aria-label=\"Link to section: {label}\">#</a></div>",
        heading.id
    );
}

/// The length of the tag at the start of `text` (which starts with `<`), quoted attribute
/// values read whole; `None` when it never closes.
fn tag_length(text: &str) -> Option<usize> {
    let mut quote = None;
    for (index, character) in text.char_indices().skip(1) {
        match (quote, character) {
            (None, '"' | '\'') => quote = Some(character),
            (Some(open), _) if open == character => quote = None,
            (None, '>') => return Some(index + 1),
            _ => {}
        }
    }
    None
}

/// A tag's name, lower-cased, and whether it is a closing tag.
fn tag_name(tag: &str) -> (Cow<'_, str>, bool) {
    let inner = tag.get(1..).unwrap_or("");
    let closing = inner.starts_with('/');
    let name = inner
        .trim_start_matches('/')
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '>'))
        .next()
        .unwrap_or("");
    let name = if name.bytes().any(|byte| byte.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    };
    (name, closing)
}

/// The value of attribute `name` of `tag`, as written (still escaped).
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let mut rest = tag
        .get(1..)?
        .trim_start_matches(|c: char| !c.is_whitespace() && c != '>');
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        let name_length = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '=' | '>' | '/'))
            .unwrap_or(rest.len());
        if name_length == 0 {
            return None;
        }
        let (attribute_name, after) = rest.split_at(name_length);
        let after = after.trim_start();
        let (value, after_value) = match after.strip_prefix('=') {
            Some(value_start) => split_value(value_start.trim_start()),
            None => ("", after),
        };
        if attribute_name.eq_ignore_ascii_case(name) {
            return Some(value);
        }
        rest = after_value;
    }
}

/// An attribute value at the start of `text` (quoted or not) and what follows it.
fn split_value(text: &str) -> (&str, &str) {
    match text.chars().next() {
        Some(quote @ ('"' | '\'')) => {
            let body = text.get(1..).unwrap_or("");
            match body.find(quote) {
                Some(end) => (
                    body.get(..end).unwrap_or(""),
                    body.get(end + 1..).unwrap_or(""),
                ),
                None => (body, ""),
            }
        }
        _ => {
            let end = text
                .find(|c: char| c.is_whitespace() || c == '>')
                .unwrap_or(text.len());
            text.split_at(end)
        }
    }
}

/// Where the closing tag `</name>` ends in `text` (ASCII case ignored).
fn find_closing(text: &str, name: &str) -> Option<usize> {
    text.match_indices("</").find_map(|(start, _)| {
        let after = text.get(start + 2..)?;
        let is_name = after
            .get(..name.len())
            .is_some_and(|found| found.eq_ignore_ascii_case(name));
        let closes = after.get(name.len()..)?.starts_with('>');
        (is_name && closes).then_some(start + 2 + name.len() + 1)
    })
}

/// Where each `<pre>` start tag of `html` is (the offset of its `<`, in order) and where the
/// end tag that closes it ends, the code blocks inside it counted (a shortcode's code block
/// may sit in a Markdown one): one pass over the HTML that came whole (`whole_html`, where
/// every `<pre>` of the body is), with a stack of the open ones. A start tag never closed has
/// no end.
fn matching_pre_ends(html: &str, whole_html: &[Range<usize>]) -> (Vec<usize>, Vec<Option<usize>>) {
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    let mut open = Vec::new();
    for range in whole_html {
        let piece = html.get(range.clone()).unwrap_or("");
        for (offset, _) in piece.match_indices('<') {
            let start = range.start + offset;
            let after = html.get(start + 1..).unwrap_or("");
            let (closing, name_and_rest) = match after.strip_prefix('/') {
                Some(rest) => (true, rest),
                None => (false, after),
            };
            let is_pre = name_and_rest
                .get(..3)
                .is_some_and(|name| name.eq_ignore_ascii_case("pre"));
            let rest = name_and_rest.get(3..).unwrap_or("");
            match (is_pre, closing) {
                (true, false) if rest.starts_with(|c: char| c == '>' || c.is_whitespace()) => {
                    open.push(starts.len());
                    starts.push(start);
                    ends.push(None);
                }
                (true, true) if rest.starts_with('>') => {
                    if let Some(slot) = open.pop().and_then(|index| ends.get_mut(index)) {
                        *slot = Some(start + "</pre>".len());
                    }
                }
                _ => {}
            }
        }
    }
    (starts, ends)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The aids of `html` as one piece of HTML that comes whole.
    fn add_reading_aids(html: &str) -> String {
        super::add_reading_aids(html, &[Event::Html(html.into())], &[0])
    }

    #[test]
    fn headings_with_ids_get_an_anchor_link_beside_them() {
        assert_eq!(
            add_reading_aids(
                "<h1 id=\"t\">Title</h1>\n<h2 id=\"fish--chips\">Fish &amp; <em>\"chips\"</em></h2>\n<h3>No id</h3>"
            ),
            "<h1 id=\"t\">Title</h1>\n<div class=\"heading-anchored\"><h2 id=\"fish--chips\">Fish \
             &amp; <em>\"chips\"</em></h2><a class=\"heading-anchor\" href=\"#fish--chips\" \
             aria-label=\"Link to section: Fish &amp; &quot;chips&quot;\">#</a></div>\n\
             <h3>No id</h3>"
        );
    }

    #[test]
    fn code_blocks_get_a_copy_button() {
        assert_eq!(
            add_reading_aids(
                "<div class=\"highlight\"><pre tabindex=\"0\"><code class=\"language-go\" \
                 data-lang=\"go\">a &lt; <span class=\"tok-string\">\"<h2 id=x>\"</span></code></pre></div>"
            ),
            "<div class=\"highlight\"><div class=\"code-block\"><pre tabindex=\"0\"><code \
             class=\"language-go\" data-lang=\"go\">a &lt; <span class=\"tok-string\">\"<h2 id=x>\"\
             </span></code></pre><button type=\"button\" class=\"copy-code\">Copy</button></div></div>"
        );
    }

    #[test]
    fn a_code_block_holding_a_code_block_gets_its_button_after_its_own_end() {
        // A `highlight` shortcode inside a fenced code block.
        assert_eq!(
            add_reading_aids(
                "<pre><code><div class=\"highlight\"><pre tabindex=\"0\"><code>a</code></pre>\
                 </div></code></pre>"
            ),
            "<div class=\"code-block\"><pre><code><div class=\"highlight\"><pre tabindex=\"0\">\
             <code>a</code></pre></div></code></pre><button type=\"button\" \
             class=\"copy-code\">Copy</button></div>"
        );
    }

    #[test]
    fn images_in_no_link_link_to_their_file() {
        assert_eq!(
            add_reading_aids(
                "<p><img src=\"/a.png\" alt=\"A &gt; b\" /> <a href=\"/x/\"><img src=\"/b.png\" alt=\"\" /></a> \
                 <img src=\"\" alt=\"emptied\" /></p>"
            ),
            "<p><a class=\"image-link\" href=\"/a.png\"><img src=\"/a.png\" alt=\"A &gt; b\" /></a> \
             <a href=\"/x/\"><img src=\"/b.png\" alt=\"\" /></a> <img src=\"\" alt=\"emptied\" /></p>"
        );
        assert_eq!(
            add_reading_aids(
                "<figure><IMG SRC='/a\"b.png'\n alt=\"x\"/><figcaption>c</figcaption></figure>"
            ),
            "<figure><a class=\"image-link\" href=\"/a&quot;b.png\"><IMG SRC='/a\"b.png'\n alt=\"x\"/></a>\
             <figcaption>c</figcaption></figure>"
        );
    }

    #[test]
    fn comments_and_raw_text_are_left_alone() {
        let html = "<!-- <img src=\"/a.png\"> --><script>let s = '<img src=x>';</script>\
                    <style>a > b {}</style>";
        assert_eq!(add_reading_aids(html), html);
    }

    #[test]
    fn odd_html_passes_through_without_panic() {
        for html in [
            "",
            "<",
            "<h2 id=\"a\">never closed",
            "</h2><h2 id=x>a</h3>",
            "<pre>unclosed",
            "<img src=\"unclosed",
            "<img src>",
            "<img src=>",
            "<a><a></a></a></a><img src=x>",
            "<h2 id=\"é\">日本 🎉</h2>",
            "<script>",
            "<!--",
            "<h2 id='q\"'>x</h2>",
        ] {
            let output = add_reading_aids(html);
            assert!(output.len() >= html.len(), "{html:?} gave {output:?}");
        }
        assert_eq!(
            add_reading_aids("<a><a></a></a></a><img src=x>"),
            "<a><a></a></a></a><a class=\"image-link\" href=\"x\"><img src=x></a>"
        );
    }
}
