//! The search page's HTML, written from what the search module sends: each hit's title,
//! date, section, highlighted excerpt and up to three sub-results that lead to a heading,
//! and the filters' options. Every text is escaped; of the excerpts' markup only Pagefind's
//! `<mark>` is kept.

use crate::content::html::{escape_html, is_dangerous_url};

/// Separates the records of a message from the search module (hits, filter values).
const RECORD: char = '\u{1e}';
/// Separates a record's fields.
const FIELD: char = '\u{1f}';

/// The HTML the search module asks for, from its message: records separated by U+001E,
/// fields by U+001F (a stray one in a page's text only splits that text, which is escaped
/// all the same). The first record names what is asked:
///
/// - `results`, then one record per hit: URL, title, date as shown, date in RFC 3339,
///   section, excerpt, then URL, title and excerpt of each sub-result: the list items;
/// - `options` and the label of "all", then one record per value: value and page count:
///   a filter's options.
pub fn render(message: &str) -> String {
    let mut records = message.split(RECORD);
    let mut head = records.next().unwrap_or("").split(FIELD);
    let mut html = String::new();
    if head.next() == Some("options") {
        html.push_str(&format!(
            "<option value=\"\">{}</option>",
            escape_html(head.next().unwrap_or(""))
        ));
        for record in records {
            let (value, count) = record.split_once(FIELD).unwrap_or((record, ""));
            let value = escape_html(value);
            html.push_str(&format!(
                "<option value=\"{value}\">{value} ({})</option>",
                escape_html(count)
            ));
        }
        return html;
    }
    for record in records {
        let mut fields = record.split(FIELD);
        let mut next = || fields.next().unwrap_or("");
        let (url, title, date, datetime, section, excerpt) =
            (next(), next(), next(), next(), next(), next());
        html.push_str(&format!(
            "<li class=\"search-hit\"><a class=\"search-title\" href=\"{}\">{}</a>",
            safe_url(url),
            escape_html(title)
        ));
        if !date.is_empty() || !section.is_empty() {
            html.push_str(&format!(
                "<p class=\"search-meta\"><time datetime=\"{}\">{}</time>\
                 <span class=\"search-section\">{}</span></p>",
                escape_html(datetime),
                escape_html(date),
                escape_html(section)
            ));
        }
        html.push_str(&format!(
            "<p class=\"search-excerpt\">{}</p>",
            excerpt_html(excerpt)
        ));
        let mut subs = String::new();
        loop {
            let (url, title, excerpt) = (next(), next(), next());
            if url.is_empty() {
                break;
            }
            subs.push_str(&format!(
                "<li><a href=\"{}\">{}</a> <span class=\"search-excerpt\">{}</span></li>",
                safe_url(url),
                escape_html(title),
                excerpt_html(excerpt)
            ));
        }
        if !subs.is_empty() {
            html.push_str(&format!("<ul class=\"search-subs\">{subs}</ul>"));
        }
        html.push_str("</li>");
    }
    html
}

// [`render`] for the search module, as `window.wasmBindings.searchRender` (Trunk's loader
// keeps the app's exports there). Not a doc comment: wasm-bindgen would copy it into the JS.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = searchRender)]
pub fn search_render(message: &str) -> String {
    render(message)
}

/// `url` escaped for an attribute, or nothing when a browser would run it.
fn safe_url(url: &str) -> String {
    if is_dangerous_url(url) {
        String::new()
    } else {
        escape_html(url)
    }
}

/// Pagefind's excerpt as safe HTML: `<mark>` and `</mark>` kept (balanced), character
/// references kept as written, everything else escaped as text. One pass.
fn excerpt_html(excerpt: &str) -> String {
    const OPEN: &str = "<mark>";
    const CLOSE: &str = "</mark>";
    let mut html = String::with_capacity(excerpt.len());
    let mut open = false;
    let mut rest = excerpt;
    while let Some(character) = rest.chars().next() {
        let mut advance = character.len_utf8();
        match character {
            '<' if rest.starts_with(OPEN) => {
                if !open {
                    html.push_str(OPEN);
                    open = true;
                }
                advance = OPEN.len();
            }
            '<' if rest.starts_with(CLOSE) => {
                if open {
                    html.push_str(CLOSE);
                    open = false;
                }
                advance = CLOSE.len();
            }
            '&' => match reference_length(rest) {
                Some(length) => {
                    html.push_str(rest.get(..length).unwrap_or(""));
                    advance = length;
                }
                None => html.push_str("&amp;"),
            },
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            other => html.push(other),
        }
        rest = rest.get(advance..).unwrap_or("");
    }
    if open {
        html.push_str(CLOSE);
    }
    html
}

/// The length of the character reference `text` starts with (`&amp;`, `&#39;`, `&#x2014;`),
/// if it does; a name or number longer than any real one is none.
fn reference_length(text: &str) -> Option<usize> {
    let body = text.strip_prefix('&')?;
    let (prefix, is_digit): (usize, fn(&u8) -> bool) =
        if body.starts_with("#x") || body.starts_with("#X") {
            (2, u8::is_ascii_hexdigit)
        } else if body.starts_with('#') {
            (1, u8::is_ascii_digit)
        } else {
            (0, u8::is_ascii_alphanumeric)
        };
    let digits = body
        .bytes()
        .skip(prefix)
        .take(32)
        .take_while(is_digit)
        .count();
    let end = 1 + prefix + digits;
    (digits > 0 && text.as_bytes().get(end) == Some(&b';')).then_some(end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_marks_survive_in_an_excerpt() {
        assert_eq!(
            excerpt_html("a <mark>rust</mark> <b>x</b> &amp; &#39; & <script>\"</mark>"),
            "a <mark>rust</mark> &lt;b&gt;x&lt;/b&gt; &amp; &#39; &amp; &lt;script&gt;&quot;"
        );
        assert_eq!(
            excerpt_html("<mark><mark>open"),
            "<mark>open</mark>",
            "balanced"
        );
        assert_eq!(
            excerpt_html("&#x2014; &#x; &toolongnamethatisnoreferenceatallreally;"),
            "&#x2014; &amp;#x; &amp;toolongnamethatisnoreferenceatallreally;"
        );
    }

    #[test]
    fn the_modules_messages_become_options_and_hits() {
        assert_eq!(
            render("options\u{1f}All tags\u{1e}C++\u{1f}2\u{1e}<b>\u{1f}1"),
            "<option value=\"\">All tags</option><option value=\"C++\">C++ (2)</option>\
             <option value=\"&lt;b&gt;\">&lt;b&gt; (1)</option>"
        );
        let message = "results\u{1e}/a/\u{1f}A\u{1f}\u{1f}\u{1f}\u{1f}x <mark>y</mark>\u{1f}\
                       /a/#p\u{1f}P\u{1f}z";
        assert_eq!(
            render(message),
            "<li class=\"search-hit\"><a class=\"search-title\" href=\"/a/\">A</a>\
             <p class=\"search-excerpt\">x <mark>y</mark></p><ul class=\"search-subs\"><li>\
             <a href=\"/a/#p\">P</a> <span class=\"search-excerpt\">z</span></li></ul></li>"
        );
        assert_eq!(render("results"), "");
        assert_eq!(render(""), "");
    }

    #[test]
    fn a_hit_shows_title_date_section_excerpt_and_its_sub_results() {
        let message = "results\u{1e}/posts/a/\u{1f}A <b>\u{1f}June 2, 2025\u{1f}\
                       2025-06-02T00:00:00Z\u{1f}Posts\u{1f}the <mark>word</mark>\u{1f}\
                       /posts/a/#part\u{1f}Part\u{1f}<mark>word</mark> here\
                       \u{1e}javascript:alert(1)";
        assert_eq!(
            render(message),
            "<li class=\"search-hit\"><a class=\"search-title\" href=\"/posts/a/\">A &lt;b&gt;</a>\
             <p class=\"search-meta\"><time datetime=\"2025-06-02T00:00:00Z\">June 2, 2025</time>\
             <span class=\"search-section\">Posts</span></p><p class=\"search-excerpt\">the \
             <mark>word</mark></p><ul class=\"search-subs\"><li><a href=\"/posts/a/#part\">Part</a> \
             <span class=\"search-excerpt\"><mark>word</mark> here</span></li></ul></li>\
             <li class=\"search-hit\"><a class=\"search-title\" href=\"\"></a>\
             <p class=\"search-excerpt\"></p></li>"
        );
    }
}
