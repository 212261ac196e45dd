//! Reading aids in a page body's HTML: an anchor link beside each `h2`–`h6` that has an id, a
//! Copy button on each code block, and a link to its file around each image that is in no
//! link (the app opens it in an overlay instead; without the app, the file opens).
//!
//! They go into the page body only, the HTML both the prerendering and the app show: the
//! summaries, word counts, heading ids and link targets that the build and the Hugo
//! comparison read come from the HTML before this pass. The pass reads the whole body, the
//! HTML of shortcodes and (on an `unsafe` site) the author's own HTML included, tag by tag.

use std::fmt::Write;

use super::contract::{COPY_BUTTON_CLASS, COPY_LABEL, IMAGE_LINK_CLASS};
use super::html::{attribute, plainify, tag_length, tag_name};

/// Elements whose text is not HTML: copied through untouched.
const RAW_TEXT_ELEMENTS: [&str; 4] = ["script", "style", "textarea", "title"];

/// `html` with the reading aids added.
pub fn add_reading_aids(html: &str) -> String {
    let mut output = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    // Links open around the current point: no link goes inside another.
    let mut link_depth = 0usize;
    let mut heading: Option<OpenHeading> = None;
    // Where headings with their anchor start in the output: their wrapper goes in at the end,
    // so the output is not moved once per heading.
    let mut anchored = Vec::new();
    // Where each code block ends, found in one pass over the whole body.
    let (pre_starts, pre_ends) = matching_pre_ends(html);
    while let Some(start) = rest.find('<') {
        let (text, from_tag) = rest.split_at(start);
        output.push_str(text);
        rest = from_tag;
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(rest.len(), |end| end + 3);
            let (comment, after) = rest.split_at(end);
            output.push_str(comment);
            rest = after;
            continue;
        }
        let Some(length) = tag_length(rest) else {
            break;
        };
        let (tag, after) = rest.split_at(length);
        rest = after;
        let (name, closing) = tag_name(tag);
        match (name.as_ref(), closing) {
            ("a", false) => link_depth += 1,
            ("a", true) => link_depth = link_depth.saturating_sub(1),
            ("img", false) if link_depth == 0 => {
                if let Some(source) = attribute(tag, "src").filter(|source| !source.is_empty()) {
                    let _ = write!(output, "<a class=\"{IMAGE_LINK_CLASS}\" href=\"");
                    output.push_str(&source.replace('"', "&quot;"));
                    output.push_str("\">");
                    output.push_str(tag);
                    output.push_str("</a>");
                    continue;
                }
            }
            ("pre", false) => {
                // A code block: wrapped with its Copy button, its content untouched.
                let after_tag = html.len() - rest.len();
                let closing = pre_starts
                    .binary_search(&(after_tag - tag.len()))
                    .ok()
                    .and_then(|found| pre_ends.get(found).copied().flatten())
                    .and_then(|end| end.checked_sub(after_tag));
                if let Some(end) = closing {
                    let (code, after) = rest.split_at(end);
                    output.push_str("<div class=\"code-block\">");
                    output.push_str(tag);
                    output.push_str(code);
                    let _ = write!(
                        output,
                        "<button type=\"button\" class=\"{COPY_BUTTON_CLASS}\">{COPY_LABEL}</button></div>"
                    );
                    rest = after;
                    continue;
                }
            }
            (raw, false) if RAW_TEXT_ELEMENTS.contains(&raw) => {
                let end = find_closing(rest, raw).unwrap_or(rest.len());
                let (content, after) = rest.split_at(end);
                output.push_str(tag);
                output.push_str(content);
                rest = after;
                continue;
            }
            (level @ ("h2" | "h3" | "h4" | "h5" | "h6"), false) if link_depth == 0 => {
                heading = attribute(tag, "id")
                    .filter(|id| !id.is_empty())
                    .map(|id| OpenHeading {
                        name: level.to_owned(),
                        id: id.replace('"', "&quot;"),
                        start: output.len(),
                    });
            }
            (level, true) if heading.as_ref().is_some_and(|open| open.name == level) => {
                if let Some(open) = heading.take() {
                    output.push_str(tag);
                    close_heading(&mut output, &open);
                    anchored.push(open.start);
                    continue;
                }
            }
            _ => {}
        }
        output.push_str(tag);
    }
    output.push_str(rest);
    insert_at(&output, &anchored, HEADING_WRAPPER)
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
fn close_heading(output: &mut String, heading: &OpenHeading) {
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
/// may sit in a Markdown one): one pass, with a stack of the open ones. A start tag never
/// closed has no end.
fn matching_pre_ends(html: &str) -> (Vec<usize>, Vec<Option<usize>>) {
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    let mut open = Vec::new();
    for (start, _) in html.match_indices('<') {
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
    (starts, ends)
}

#[cfg(test)]
mod tests {
    use super::*;

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
