//! The allowlist every piece of author-written HTML goes through before a reader's browser
//! sees it (raw HTML on a site with goldmark's `unsafe = true`, the attributes of a heading's
//! `{…}` block), so nothing an author writes runs as script, with or without a
//! Content-Security-Policy.
//!
//! 1. The HTML is read as a browser tokenizes it: text, comments, start and end tags with their
//!    attributes (quoted, unquoted or bare); character references in attribute values are
//!    decoded as the browser would decode them, so `&#106;avascript:` is seen as `javascript:`.
//! 2. Elements of the kept list stay with the attributes [`is_allowed_attribute`] allows,
//!    each written anew and escaped; URLs (`href`, `src`, `cite`) pass the dangerous-URL check or
//!    are emptied. Elements whose content is code or a document of its own (`script`, `style`,
//!    `iframe`, `svg`, …) go with their content; any other element goes and its content stays.
//!    Comments, doctypes and processing instructions go. An `iframe` of a web page (an
//!    embedded video, map or slide deck) leaves a plain link to that page in its place, so
//!    the reader still finds it and no third party is called before they follow it; so does
//!    the file of a `video`, `audio` or `source` element.
//! 3. Elements stay balanced across the pieces of one document: an end tag closes only an
//!    element the author opened (never the page's own), [`HtmlSanitizer::close_to`] closes
//!    those opened inside a Markdown element at its end, and [`HtmlSanitizer::finish`] closes
//!    what is still open.
//!
//! Every step reads each byte a bounded number of times: linear in the input.

use super::html::{decode_character_references, escape_html, is_dangerous_url};

/// Elements an author's HTML may keep (lower-case).
const KEPT_ELEMENTS: [&str; 70] = [
    "a",
    "abbr",
    "address",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
    "nav",
];

/// Elements dropped together with their content: script, styles, embedded documents and
/// foreign markup, and the raw-text elements whose content a browser does not read as HTML.
const DROPPED_WITH_CONTENT: [&str; 19] = [
    "script",
    "style",
    "template",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "object",
    "applet",
    "frameset",
    "frame",
    "svg",
    "math",
    "select",
    "head",
];

/// Elements without an end tag.
const VOID_ELEMENTS: [&str; 5] = ["br", "col", "hr", "img", "wbr"];

/// Open author elements deeper than this are dropped (a browser's layout of a million nested
/// `<div>` is its own denial of service).
const MAX_DEPTH: usize = 256;

/// Attributes any kept element may have, besides `aria-*` and `data-*`.
const GLOBAL_ATTRIBUTES: [&str; 6] = ["id", "class", "title", "lang", "dir", "role"];

/// Attributes whose value is a URL, checked by [`is_dangerous_url`].
const URL_ATTRIBUTES: [&str; 3] = ["href", "src", "cite"];

/// Whether an author may give `element` the attribute `name` (both lower-case): the global
/// ones, `aria-*` and `data-*`, and each element's own plain ones. Never an event handler
/// (`on*`), `style`, `srcset` or a form action.
pub fn is_allowed_attribute(element: &str, name: &str) -> bool {
    if GLOBAL_ATTRIBUTES.contains(&name) || is_data_attribute(name) {
        return true;
    }
    let own: &[&str] = match element {
        "a" => &["href", "hreflang", "rel", "target", "type"],
        "img" => &["src", "alt", "width", "height", "loading", "decoding"],
        "blockquote" | "q" | "del" | "ins" => &["cite", "datetime"],
        "td" | "th" => &["colspan", "rowspan", "headers", "scope", "align"],
        "col" | "colgroup" => &["span"],
        "ol" => &["start", "reversed", "type"],
        "li" => &["value"],
        "details" => &["open", "name"],
        "time" => &["datetime"],
        "abbr" | "dfn" => &["title"],
        "bdo" => &["dir"],
        _ => &[],
    };
    own.contains(&name)
}

/// `data-x` and `aria-x` with a name of ASCII letters, digits, `-`, `_` and `.`.
fn is_data_attribute(name: &str) -> bool {
    ["data-", "aria-"].iter().any(|prefix| {
        name.strip_prefix(prefix).is_some_and(|rest| {
            !rest.is_empty()
                && rest
                    .bytes()
                    .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.'))
        })
    })
}

/// The sanitizer of one document's author HTML, which may come in several pieces (the raw
/// HTML blocks and inline tags of a Markdown text): elements opened in one piece may close in
/// a later one.
#[derive(Debug, Default)]
pub struct HtmlSanitizer {
    /// The author's kept elements still open, innermost last.
    open: Vec<&'static str>,
    /// The element being dropped with its content, until its end tag.
    dropping: Option<&'static str>,
    /// The `src` of each image kept, with the offset of its tag in the piece it came in.
    images: Vec<(String, usize)>,
}

impl HtmlSanitizer {
    /// Whether an element the author opened is still open.
    pub fn has_open_elements(&self) -> bool {
        !self.open.is_empty()
    }

    /// How many elements the author opened are still open.
    pub fn depth(&self) -> usize {
        self.open.len()
    }

    /// Appends the end tags of the elements opened after [`Self::depth`] was `depth`,
    /// innermost first: an element opened inside a Markdown paragraph ends with it.
    pub fn close_to(&mut self, depth: usize, output: &mut String) {
        while self.open.len() > depth {
            if let Some(element) = self.open.pop() {
                close(element, output);
            }
        }
    }

    /// The images kept since the last call: each one's `src` and the offset of its tag in the
    /// piece it came in (for the check that the image's file exists).
    pub fn take_images(&mut self) -> Vec<(String, usize)> {
        std::mem::take(&mut self.images)
    }

    /// Appends the safe form of the HTML piece `html` to `output`.
    pub fn push(&mut self, html: &str, output: &mut String) {
        let mut position = 0;
        let bytes = html.as_bytes();
        while position < bytes.len() {
            let Some(offset) = html.get(position..).and_then(|rest| rest.find('<')) else {
                self.text(html.get(position..).unwrap_or(""), output);
                break;
            };
            let start = position + offset;
            self.text(html.get(position..start).unwrap_or(""), output);
            position = match read_markup(html, start) {
                Markup::Text => {
                    if self.dropping.is_none() {
                        output.push_str("&lt;");
                    }
                    start + 1
                }
                Markup::Ignored { end } => end,
                Markup::Tag(tag) => {
                    self.tag(&tag, start, output);
                    tag.end
                }
            };
        }
    }

    /// Appends the end tags of the elements still open, innermost first.
    pub fn finish(&mut self, output: &mut String) {
        self.dropping = None;
        self.close_to(0, output);
    }

    fn text(&self, text: &str, output: &mut String) {
        if self.dropping.is_none() {
            push_text_with_references(text, output);
        }
    }

    fn tag(&mut self, tag: &Tag, start: usize, output: &mut String) {
        if let Some(dropped) = self.dropping {
            if tag.closing && tag.name == dropped {
                self.dropping = None;
            }
            return;
        }
        if let Some(dropped) = DROPPED_WITH_CONTENT
            .iter()
            .find(|dropped| **dropped == tag.name)
        {
            if !tag.closing && !tag.self_closing {
                self.dropping = Some(dropped);
            }
            if *dropped == "iframe" && !tag.closing {
                self.media_link(tag, true, output);
            }
            return;
        }
        if !tag.closing && matches!(tag.name.as_str(), "video" | "audio" | "source") {
            self.media_link(tag, false, output);
        }
        let Some(element) = KEPT_ELEMENTS
            .iter()
            .find(|kept| **kept == tag.name)
            .copied()
        else {
            return;
        };
        if tag.closing {
            if let Some(index) = self.open.iter().rposition(|open| *open == element) {
                for inner in self.open.drain(index..).rev() {
                    close(inner, output);
                }
            }
            return;
        }
        let is_void = VOID_ELEMENTS.contains(&element);
        if !is_void && self.open.len() >= MAX_DEPTH {
            return;
        }
        output.push('<');
        output.push_str(element);
        for (name, value) in &tag.attributes {
            write_attribute(element, name, value.as_deref(), output);
            if let ("img", "src", Some(src)) = (element, name.as_str(), value)
                && !src.is_empty()
                && !is_dangerous_url(src)
            {
                self.images.push((src.clone(), start));
            }
        }
        output.push('>');
        if !is_void {
            self.open.push(element);
        }
    }
}

impl HtmlSanitizer {
    /// A link to what an embedding element shows, named by its `title`, else by its file
    /// name (an iframe: its address, which must be a web page's when `web_only`); nothing
    /// inside another link, where a link cannot be.
    fn media_link(&self, tag: &Tag, web_only: bool, output: &mut String) {
        let attribute = |name: &str| {
            tag.attributes
                .iter()
                .find(|(attribute, _)| attribute == name)
                .and_then(|(_, value)| value.as_deref())
                .map(str::trim)
                .filter(|value| !value.is_empty())
        };
        let Some(src) = attribute("src") else {
            return;
        };
        let is_web = ["http://", "https://"].iter().any(|scheme| {
            src.get(..scheme.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
        });
        if (web_only && !is_web) || is_dangerous_url(src) || self.open.contains(&"a") {
            return;
        }
        let file_name = || {
            let path = src.split(['?', '#']).next().unwrap_or(src);
            path.rsplit('/')
                .find(|segment| !segment.is_empty())
                .unwrap_or(src)
        };
        let name = match attribute("title") {
            Some(title) => title,
            None if web_only => src,
            None => file_name(),
        };
        output.push_str("<a class=\"media-link\" href=\"");
        output.push_str(&escape_html(src));
        output.push_str("\">");
        output.push_str(&escape_html(name));
        output.push_str("</a>");
    }
}

/// `html`, a piece of HTML that stands alone (a shortcode's output), through the allowlist,
/// every element it opens closed at its end; and the `src` of each image kept.
pub fn sanitize_fragment(html: &str) -> (String, Vec<(String, usize)>) {
    let mut sanitizer = HtmlSanitizer::default();
    let mut output = String::with_capacity(html.len());
    sanitizer.push(html, &mut output);
    sanitizer.finish(&mut output);
    (output, sanitizer.take_images())
}

fn close(element: &str, output: &mut String) {
    output.push_str("</");
    output.push_str(element);
    output.push('>');
}

/// Appends ` name="value"` when the attribute is allowed, its value escaped (and emptied when
/// it is a dangerous URL).
pub fn write_attribute(element: &str, name: &str, value: Option<&str>, output: &mut String) {
    if !is_allowed_attribute(element, name) {
        return;
    }
    let value = value.unwrap_or("");
    let value = if URL_ATTRIBUTES.contains(&name) && is_dangerous_url(value) {
        ""
    } else {
        value
    };
    output.push(' ');
    output.push_str(name);
    output.push_str("=\"");
    output.push_str(&escape_html(value));
    output.push('"');
}

/// A start or end tag as read.
struct Tag {
    /// Lower-case.
    name: String,
    closing: bool,
    self_closing: bool,
    /// Lower-case names, values with their character references decoded.
    attributes: Vec<(String, Option<String>)>,
    /// Where the tag ends in the input.
    end: usize,
}

/// What a `<` starts.
enum Markup {
    /// Not markup: a literal `<`.
    Text,
    /// A comment, doctype, processing instruction or a tag the input ends inside: nothing
    /// shows; reading goes on at `end`.
    Ignored {
        end: usize,
    },
    Tag(Tag),
}

/// Reads the markup at `start` (a `<`) as a browser's tokenizer would.
fn read_markup(html: &str, start: usize) -> Markup {
    let bytes = html.as_bytes();
    let after = start + 1;
    match bytes.get(after) {
        Some(b'!') => {
            if html
                .get(after..)
                .is_some_and(|rest| rest.starts_with("!--"))
            {
                Markup::Ignored {
                    end: comment_end(html, after + 3),
                }
            } else {
                Markup::Ignored {
                    end: find_byte(html, after, b'>'),
                }
            }
        }
        Some(b'?') => Markup::Ignored {
            end: find_byte(html, after, b'>'),
        },
        Some(b'/') => match bytes.get(after + 1) {
            Some(letter) if letter.is_ascii_alphabetic() => read_tag(html, after + 1, true),
            Some(b'>') => Markup::Ignored { end: after + 2 },
            // `</ x>` and the like are a bogus comment to a browser.
            Some(_) => Markup::Ignored {
                end: find_byte(html, after, b'>'),
            },
            None => Markup::Text,
        },
        Some(letter) if letter.is_ascii_alphabetic() => read_tag(html, after, false),
        _ => Markup::Text,
    }
}

/// Just past the comment whose body starts at `body`: at its `-->` or `--!>`, or right away
/// for `<!-->` and `<!--->` (empty comments to a browser); an unclosed one runs to the end.
fn comment_end(html: &str, body: usize) -> usize {
    let rest = html.get(body..).unwrap_or("");
    if rest.starts_with('>') {
        return body + 1;
    }
    if rest.starts_with("->") {
        return body + 2;
    }
    let closed = |close: &str| rest.find(close).map(|found| body + found + close.len());
    match (closed("-->"), closed("--!>")) {
        (Some(a), Some(b)) => a.min(b),
        (one, other) => one.or(other).unwrap_or(html.len()),
    }
}

/// Just past the first `byte` at or after `from`, or the end of the input.
fn find_byte(html: &str, from: usize, byte: u8) -> usize {
    html.as_bytes()
        .get(from..)
        .and_then(|rest| rest.iter().position(|found| *found == byte))
        .map_or(html.len(), |offset| from + offset + 1)
}

/// Reads a tag whose name starts at `name_start`.
fn read_tag(html: &str, name_start: usize, closing: bool) -> Markup {
    let bytes = html.as_bytes();
    let is_name_end = |byte: &u8| byte.is_ascii_whitespace() || matches!(byte, b'/' | b'>');
    let name_end = bytes
        .get(name_start..)
        .and_then(|rest| rest.iter().position(is_name_end))
        .map_or(bytes.len(), |offset| name_start + offset);
    let name = html
        .get(name_start..name_end)
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut tag = Tag {
        name,
        closing,
        self_closing: false,
        attributes: Vec::new(),
        end: name_end,
    };
    let mut position = name_end;
    loop {
        while bytes
            .get(position)
            .is_some_and(|byte| byte.is_ascii_whitespace())
        {
            position += 1;
        }
        match bytes.get(position) {
            None => return Markup::Ignored { end: bytes.len() },
            Some(b'>') => {
                tag.end = position + 1;
                return Markup::Tag(tag);
            }
            Some(b'/') => {
                position += 1;
                tag.self_closing = bytes.get(position) == Some(&b'>');
                continue;
            }
            Some(_) => {}
        }
        // An attribute name runs to white space, `/`, `>` or `=` (a leading `=` is part of it).
        let attribute_start = position;
        position += 1;
        while bytes
            .get(position)
            .is_some_and(|byte| !byte.is_ascii_whitespace() && !matches!(byte, b'/' | b'>' | b'='))
        {
            position += 1;
        }
        let name = html
            .get(attribute_start..position)
            .unwrap_or("")
            .to_ascii_lowercase();
        while bytes
            .get(position)
            .is_some_and(|byte| byte.is_ascii_whitespace())
        {
            position += 1;
        }
        let mut value = None;
        if bytes.get(position) == Some(&b'=') {
            position += 1;
            while bytes
                .get(position)
                .is_some_and(|byte| byte.is_ascii_whitespace())
            {
                position += 1;
            }
            let (raw, end) = match bytes.get(position) {
                Some(quote @ (b'"' | b'\'')) => {
                    let value_start = position + 1;
                    let Some(length) = bytes
                        .get(value_start..)
                        .and_then(|rest| rest.iter().position(|byte| byte == quote))
                    else {
                        return Markup::Ignored { end: bytes.len() };
                    };
                    (
                        html.get(value_start..value_start + length).unwrap_or(""),
                        value_start + length + 1,
                    )
                }
                _ => {
                    let length = bytes
                        .get(position..)
                        .and_then(|rest| {
                            rest.iter()
                                .position(|byte| byte.is_ascii_whitespace() || *byte == b'>')
                        })
                        .unwrap_or(bytes.len() - position.min(bytes.len()));
                    (
                        html.get(position..position + length).unwrap_or(""),
                        position + length,
                    )
                }
            };
            value = Some(decode_character_references(raw));
            position = end;
        }
        // The first of two same-named attributes wins, as in a browser.
        if !tag.attributes.iter().any(|(known, _)| *known == name) {
            tag.attributes.push((name, value));
        }
    }
}

/// Appends `text`, with each `&` that starts no character reference written `&amp;`: what a
/// browser reads is the same, and the page stays well-formed.
fn push_text_with_references(text: &str, output: &mut String) {
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        let (before, from_ampersand) = rest.split_at(at);
        output.push_str(before);
        let after = from_ampersand.get(1..).unwrap_or("");
        output.push_str(if starts_reference(after) {
            "&"
        } else {
            "&amp;"
        });
        rest = after;
    }
    output.push_str(rest);
}

/// Whether `text` (what follows a `&`) is a reference's name or number and its `;`. Looks at
/// most 40 bytes ahead (no reference is longer), so a text of many `&` is read in linear time.
fn starts_reference(text: &str) -> bool {
    let bytes = text.as_bytes();
    let window = bytes.get(..bytes.len().min(40)).unwrap_or(bytes);
    let Some(end) = window.iter().position(|&byte| byte == b';') else {
        return false;
    };
    let name = window.get(..end).unwrap_or_default();
    match name {
        [b'#', b'x' | b'X', hex @ ..] => !hex.is_empty() && hex.iter().all(u8::is_ascii_hexdigit),
        [b'#', digits @ ..] => !digits.is_empty() && digits.iter().all(u8::is_ascii_digit),
        [first, rest @ ..] => {
            first.is_ascii_alphabetic() && rest.iter().all(u8::is_ascii_alphanumeric)
        }
        [] => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sanitized(pieces: &[&str]) -> String {
        let mut sanitizer = HtmlSanitizer::default();
        let mut output = String::new();
        for piece in pieces {
            sanitizer.push(piece, &mut output);
        }
        sanitizer.finish(&mut output);
        output
    }

    #[test]
    fn kept_elements_keep_their_plain_attributes_written_anew() {
        assert_eq!(
            sanitized(&[
                "<div class=x ID='top' data-n=\"1\"><a href=\"/a/?b=1&amp;c=2\" title=t>a</a></div>"
            ]),
            "<div class=\"x\" id=\"top\" data-n=\"1\"><a href=\"/a/?b=1&amp;c=2\" title=\"t\">a</a></div>"
        );
        assert_eq!(
            sanitized(&["<img src=\"/i.png\" alt=\"a &quot;b&quot;\"/> <br>"]),
            "<img src=\"/i.png\" alt=\"a &quot;b&quot;\"> <br>"
        );
    }

    #[test]
    fn an_ampersand_that_starts_no_reference_is_escaped() {
        assert_eq!(
            sanitized(&["<p>&# &amp; &#65; &#x4A; &copy; &copy R&D &x-y; &</p>"]),
            "<p>&amp;# &amp; &#65; &#x4A; &copy; &amp;copy R&amp;D &amp;x-y; &amp;</p>"
        );
    }

    #[test]
    fn event_handlers_styles_and_unknown_attributes_go() {
        assert_eq!(
            sanitized(&["<p onclick=\"alert(1)\" style=\"x\" ONMOUSEOVER=y autofocus>t</p>"]),
            "<p>t</p>"
        );
        assert_eq!(
            sanitized(&["<img src=x onerror=alert(1)//>"]),
            "<img src=\"x\">"
        );
        assert_eq!(
            sanitized(&["<a href=/x onfocus=\"a\"\tx=1>l</a>"]),
            "<a href=\"/x\">l</a>"
        );
    }

    #[test]
    fn dangerous_urls_are_emptied_in_every_spelling() {
        for href in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " \tjavascript:alert(1)",
            "java&#x09;script:alert(1)",
            "&#106;avascript:alert(1)",
            "&#x6A&#x61vascript:alert(1)",
            "javascript&colon;alert(1)",
            "java&Tab;script:alert(1)",
            "&#0000106;avascript:alert(1)",
            "vbscript:x",
            "data:text/html,<script>alert(1)</script>",
        ] {
            let html = format!("<a href=\"{href}\">x</a>");
            assert_eq!(sanitized(&[&html]), "<a href=\"\">x</a>", "{href}");
        }
        assert_eq!(
            sanitized(&["<img src=\"data:image/png;base64,AA\">"]),
            "<img src=\"data:image/png;base64,AA\">"
        );
    }

    #[test]
    fn script_style_and_embedded_documents_go_with_their_content() {
        assert_eq!(
            sanitized(&[
                "a<script>alert('<b>')</script>b<style>p{}</style>c<iframe src=x>i</iframe>d"
            ]),
            "abcd"
        );
        assert_eq!(
            sanitized(&[
                "<svg><script>alert(1)</script></svg>e",
                "<ScRiPt>x",
                "</script>f"
            ]),
            "ef"
        );
        assert_eq!(sanitized(&["<script>never closed <b>x</b>"]), "");
    }

    #[test]
    fn other_elements_go_and_their_content_stays() {
        assert_eq!(
            sanitized(&["<form action=javascript:x><input value=v><button>Go</button></form>"]),
            "Go"
        );
        assert_eq!(
            sanitized(&["<meta http-equiv=refresh content=0><base href=//e>t"]),
            "t"
        );
    }

    #[test]
    fn comments_doctypes_and_stray_brackets() {
        assert_eq!(sanitized(&["a<!-- <script>x</script> -->b"]), "ab");
        assert_eq!(sanitized(&["a<!-->b<!--->c"]), "abc");
        assert_eq!(sanitized(&["a<!--never closed <img src=x onerror=y>"]), "a");
        assert_eq!(sanitized(&["<!DOCTYPE html><?php x ?>t"]), "t");
        assert_eq!(sanitized(&["1 < 2 <3 a<"]), "1 &lt; 2 &lt;3 a&lt;");
        assert_eq!(sanitized(&["</ x>t</>"]), "t");
    }

    #[test]
    fn a_tag_cut_off_by_the_end_of_the_input_shows_nothing() {
        assert_eq!(sanitized(&["a<img src=x onerror=\"alert(1)"]), "a");
        assert_eq!(sanitized(&["a<b"]), "a");
    }

    #[test]
    fn quoted_values_may_hold_angle_brackets() {
        assert_eq!(
            sanitized(&["<a title=\"a>b\" href='/x'>l</a>"]),
            "<a title=\"a&gt;b\" href=\"/x\">l</a>"
        );
    }

    #[test]
    fn elements_stay_balanced_across_pieces_and_never_close_the_pages_own() {
        assert_eq!(
            sanitized(&["<div class=note>", "<p>md</p>", "</div>"]),
            "<div class=\"note\"><p>md</p></div>"
        );
        assert_eq!(sanitized(&["</div></main>x<span>y"]), "x<span>y</span>");
        assert_eq!(
            sanitized(&["<div><span><b>x</div>y"]),
            "<div><span><b>x</b></span></div>y"
        );
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = "<div>".repeat(MAX_DEPTH + 10);
        let output = sanitized(&[&deep]);
        assert_eq!(output.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(output.matches("</div>").count(), MAX_DEPTH);
    }

    #[test]
    fn heading_attributes_follow_the_same_rules() {
        assert!(is_allowed_attribute("h2", "data-level"));
        assert!(is_allowed_attribute("h2", "id"));
        assert!(!is_allowed_attribute("h2", "onfocus"));
        assert!(!is_allowed_attribute("h2", "autofocus"));
        assert!(!is_allowed_attribute("h2", "style"));
        assert!(!is_allowed_attribute("h2", "data-"));
        assert!(!is_allowed_attribute("h2", "data-x\"y"));
    }
}
