//! Leaf helpers for the HTML the core writes and reads, which every stage shares and which
//! use nothing of the core but the shape of URLs: escaping and unescaping text, decoding
//! character references as a browser does, the dangerous-URL check, relative URLs resolved
//! against a page, the plain text of our own HTML (and of a formula's MathML), and which
//! Markdown elements are blocks.

use std::borrow::Cow;

use pulldown_cmark::TagEnd;

use crate::url::is_relative_reference;

/// Data URLs that stay: images only (goldmark's list).
const SAFE_DATA_IMAGES: [&str; 5] = ["png", "gif", "jpeg", "webp", "svg+xml"];

/// Escapes text for HTML bodies and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// Text escaped by an HTML writer, ours or pulldown-cmark's (`&quot;`, `&lt;`, `&gt;`, `&#39;`,
/// `&amp;`), as it was, in one pass.
pub fn unescape_html(escaped: &str) -> String {
    const ENTITIES: [(&str, char); 5] = [
        ("&quot;", '"'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&#39;", '\''),
        ("&amp;", '&'),
    ];
    let mut text = String::with_capacity(escaped.len());
    let mut rest = escaped;
    while let Some(at) = rest.find('&') {
        text.push_str(rest.get(..at).unwrap_or(""));
        let from_ampersand = rest.get(at..).unwrap_or("");
        let entity = ENTITIES
            .iter()
            .find(|(name, _)| from_ampersand.starts_with(name));
        let (character, length) =
            entity.map_or(('&', 1), |(name, character)| (*character, name.len()));
        text.push(character);
        rest = from_ampersand.get(length..).unwrap_or("");
    }
    text.push_str(rest);
    text
}

/// Decodes numeric character references (`&#106;`, `&#x6A`, with or without `;`) and the
/// named ones that can hide a URL's scheme or break it up (`&colon;`, `&Tab;`,
/// `&NewLine;`…), as a browser does in attribute values. Other named references stay as
/// written: the value is escaped again when written, so the browser then reads them as
/// text, exactly what was checked.
pub fn decode_character_references(text: &str) -> String {
    const NAMED: [(&str, char); 9] = [
        ("amp", '&'),
        ("lt", '<'),
        ("gt", '>'),
        ("quot", '"'),
        ("apos", '\''),
        ("colon", ':'),
        ("Tab", '\t'),
        ("NewLine", '\n'),
        ("nbsp", '\u{a0}'),
    ];
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut decoded = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        decoded.push_str(rest.get(..start).unwrap_or(""));
        let after = rest.get(start + 1..).unwrap_or("");
        let (character, length) = if let Some(numeric) = after.strip_prefix('#') {
            let (digits, radix, prefix) = match numeric.strip_prefix(['x', 'X']) {
                Some(hex) => (hex, 16, 2),
                None => (numeric, 10, 1),
            };
            let count = digits
                .bytes()
                .take_while(|byte| (*byte as char).is_digit(radix))
                .count();
            let value = digits
                .get(..count)
                .filter(|digits| !digits.is_empty())
                .map(|digits| {
                    // Past U+10FFFF a browser reads U+FFFD; so do we, without overflow.
                    u32::from_str_radix(digits.get(..8.min(digits.len())).unwrap_or(""), radix)
                        .ok()
                        .and_then(char::from_u32)
                        .filter(|character| *character != '\0')
                        .unwrap_or('\u{fffd}')
                });
            let semicolon = usize::from(
                digits
                    .get(count..)
                    .is_some_and(|tail| tail.starts_with(';')),
            );
            match value {
                Some(character) => (Some(character), prefix + count + semicolon),
                None => (None, 0),
            }
        } else {
            NAMED
                .iter()
                .find(|(name, _)| {
                    after
                        .strip_prefix(name)
                        .is_some_and(|tail| tail.starts_with(';'))
                })
                .map_or((None, 0), |(name, character)| {
                    (Some(*character), name.len() + 1)
                })
        };
        match character {
            Some(character) => {
                decoded.push(character);
                rest = after.get(length..).unwrap_or("");
            }
            None => {
                decoded.push('&');
                rest = after;
            }
        }
    }
    decoded.push_str(rest);
    decoded
}

/// Whether a browser would run or fetch something unsafe from `url` (goldmark's rule, after
/// dropping what browsers ignore: leading spaces and controls, tabs and newlines anywhere), as
/// written or with its character references decoded (`java&#x09;script:`), whichever way the
/// HTML it lands in reads it.
pub fn is_dangerous_url(url: &str) -> bool {
    has_dangerous_scheme(url)
        || (url.contains('&') && has_dangerous_scheme(&decode_character_references(url)))
}

fn has_dangerous_scheme(url: &str) -> bool {
    let compact: String = url
        .trim_start_matches(|c: char| c.is_ascii_control() || c == ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(24)
        .collect::<String>()
        .to_ascii_lowercase();
    if let Some(data) = compact.strip_prefix("data:") {
        let image_type = data.strip_prefix("image/").unwrap_or("");
        return !SAFE_DATA_IMAGES
            .iter()
            .any(|safe| image_type.starts_with(safe));
    }
    ["javascript:", "vbscript:", "file:"]
        .iter()
        .any(|scheme| compact.starts_with(scheme))
}

/// Hugo's `plainify` of our own HTML: the tags go, the (already escaped) text stays.
pub fn plainify(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for character in html.chars() {
        match character {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(character),
            _ => {}
        }
    }
    text
}

/// The plain text of a formula's MathML as the build writes it (its `alttext`, first):
/// `None` for any other HTML.
pub fn formula_text(html: &str) -> Option<String> {
    let (text, _) = html.strip_prefix("<math alttext=\"")?.split_once('"')?;
    Some(decode_character_references(text))
}

/// Whether an element is a block: its edges separate words and end summaries.
pub fn is_block(tag: TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// `html` (the reader's own markup, attributes in double quotes) with each relative `href`
/// and `src` resolved against `page_url`: a summary shown on a list keeps leading to the
/// page's bundle files and anchors (`pic.png` of `/posts/trip/` is `/posts/trip/pic.png`).
pub fn resolve_relative_urls<'h>(html: &'h str, page_url: &str) -> Cow<'h, str> {
    const ATTRIBUTES: [&str; 2] = [" href=\"", " src=\""];
    // The next place of each attribute, looked for again only once passed: one scan of
    // `html` per attribute in all.
    let find = |attribute: &str, from: usize| {
        html.get(from..)
            .and_then(|rest| rest.find(attribute))
            .map(|at| from + at + attribute.len())
    };
    let mut next = ATTRIBUTES.map(|attribute| find(attribute, 0));
    let mut resolved = String::new();
    let mut done = 0;
    while let Some(start) = next.iter().flatten().min().copied() {
        let end = html
            .get(start..)
            .and_then(|rest| rest.find('"'))
            .map_or(html.len(), |end| start + end);
        if is_relative_reference(html.get(start..end).unwrap_or_default()) {
            resolved.push_str(html.get(done..start).unwrap_or_default());
            resolved.push_str(&escape_html(page_url));
            done = start;
        }
        for (place, attribute) in next.iter_mut().zip(ATTRIBUTES) {
            if place.is_some_and(|at| at <= end) {
                *place = find(attribute, end);
            }
        }
    }
    if done == 0 {
        return Cow::Borrowed(html);
    }
    resolved.push_str(html.get(done..).unwrap_or_default());
    Cow::Owned(resolved)
}

/// The length of the tag at the start of `text` (which starts with `<`), quoted attribute
/// values read whole; `None` when it never closes.
pub fn tag_length(text: &str) -> Option<usize> {
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
pub fn tag_name(tag: &str) -> (Cow<'_, str>, bool) {
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
pub fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls_are_resolved_against_the_page_and_nothing_else_changes() {
        let html = "<p><img src=\"pic.png\" alt=\"a src=&quot;x&quot;\"><a href=\"#part\">p</a> \
                    <a href=\"/abs/\">a</a> <a href=\"https://x.org/\">w</a> <a href=\"\">e</a> \
                    <a href=\"../up/?q=1&amp;r\">u</a> <code>href=\"no\"</code></p>";
        assert_eq!(
            resolve_relative_urls(html, "/posts/trip/"),
            "<p><img src=\"/posts/trip/pic.png\" alt=\"a src=&quot;x&quot;\"><a \
             href=\"/posts/trip/#part\">p</a> <a href=\"/abs/\">a</a> <a \
             href=\"https://x.org/\">w</a> <a href=\"\">e</a> <a \
             href=\"/posts/trip/../up/?q=1&amp;r\">u</a> <code>href=\"no\"</code></p>"
        );
        assert!(matches!(
            resolve_relative_urls("<p>plain</p>", "/a/"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn escaped_text_reads_back_as_written() {
        assert_eq!(
            unescape_html("&amp;lt; &quot;a&quot; &#39;b&#39; &lt;&gt; &x &amp;&amp; &"),
            "&lt; \"a\" 'b' <> &x && &"
        );
        assert_eq!(
            unescape_html(&plainify("a &amp;lt; <b>&lt;b&gt;</b> &quot;")),
            "a &lt; <b> \""
        );
    }

    #[test]
    fn character_references_decode_as_a_browser_decodes_them() {
        assert_eq!(
            decode_character_references("a&amp;b &#65;&#x42 &colon; &eacute; &"),
            "a&b AB : &eacute; &"
        );
        assert_eq!(
            decode_character_references("&#99999999999;&#0;"),
            "\u{fffd}\u{fffd}"
        );
    }

    #[test]
    fn a_formulas_text_is_its_alttext() {
        assert_eq!(
            formula_text("<math alttext=\"a&amp;b\" display=\"block\"></math>").as_deref(),
            Some("a&b")
        );
        assert_eq!(formula_text("<b>x</b>"), None);
    }
}
