//! The searchable text of a rendered body: its text outside tags and character references,
//! cut into sections at each heading that has an id (what a sub-result links to), without
//! the reading aids' controls (heading anchors, copy buttons) and without what is no prose
//! (scripts, styles, drawings). One pass over the HTML, whatever it holds.

use blogreader_content::html::{attribute, tag_length, tag_name};
use serde::Serialize;

/// A run of a page's text: before its first heading (`id` and `title` empty), or under one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Section {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub title: String,
    pub text: String,
}

/// Elements whose text no reader searches for: the reading aids' controls are found by class.
const SKIPPED_ELEMENTS: [&str; 5] = ["script", "style", "svg", "template", "button"];
const SKIPPED_CLASSES: [&str; 2] = ["heading-anchor", "copy-code"];

/// Elements after which text does not run on into the next word.
fn breaks_words(name: &str) -> bool {
    !matches!(
        name,
        "a" | "abbr"
            | "b"
            | "code"
            | "del"
            | "em"
            | "i"
            | "ins"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "u"
    )
}

/// The sections of `html`: the first holds the text before any heading with an id (it may
/// be empty), each further one a heading's id, its text as its title, and the text up to the
/// next such heading.
pub fn sections(html: &str) -> Vec<Section> {
    let mut sections = vec![Section::default()];
    // The element being skipped, and how deep inside elements of its name.
    let mut skipping: Option<(String, usize)> = None;
    // The heading being read (its tag name), whose text is the section's title.
    let mut heading: Option<String> = None;
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        rest = &rest[open..];
        if skipping.is_none() {
            push_text(&mut sections, heading.is_some(), text);
        }
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some(length) = tag_length(rest) else {
            rest = "";
            break;
        };
        let (tag, after) = rest.split_at(length);
        rest = after;
        let (name, closing) = tag_name(tag);
        let name = name.as_ref();
        let self_closing = tag.ends_with("/>");
        if let Some((skipped, depth)) = &mut skipping {
            if skipped == name {
                if closing {
                    *depth -= 1;
                    if *depth == 0 {
                        skipping = None;
                    }
                } else if !self_closing {
                    *depth += 1;
                }
            }
            continue;
        }
        if closing {
            if heading.as_deref() == Some(name) {
                heading = None;
            }
        } else if SKIPPED_ELEMENTS.contains(&name)
            || attribute(tag, "class").is_some_and(|classes| {
                classes
                    .split_ascii_whitespace()
                    .any(|class| SKIPPED_CLASSES.contains(&class))
            })
        {
            if !self_closing {
                skipping = Some((name.to_owned(), 1));
            }
            continue;
        } else if is_heading(name)
            && let Some(id) = attribute(tag, "id").filter(|id| !id.is_empty())
        {
            sections.push(Section {
                id: decode(id),
                ..Section::default()
            });
            heading = Some(name.to_owned());
            continue;
        }
        if breaks_words(name) {
            push_text(&mut sections, heading.is_some(), " ");
        }
    }
    if skipping.is_none() {
        push_text(&mut sections, heading.is_some(), rest);
    }
    for section in &mut sections {
        section.title = squeeze(&section.title);
        section.text = squeeze(&section.text);
    }
    sections
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Appends `html_text` (text between tags, its references decoded) to the last section: to
/// its title while its heading is read.
fn push_text(sections: &mut [Section], in_heading: bool, html_text: &str) {
    if html_text.is_empty() {
        return;
    }
    if let Some(section) = sections.last_mut() {
        let target = if in_heading {
            &mut section.title
        } else {
            &mut section.text
        };
        target.push_str(&decode(html_text));
    }
}

fn decode(html_text: &str) -> String {
    blogreader_content::html::decode_character_references(html_text)
}

/// `text` with every run of white space one space, and none at either end.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(id: &str, title: &str, text: &str) -> Section {
        Section {
            id: id.to_owned(),
            title: title.to_owned(),
            text: text.to_owned(),
        }
    }

    #[test]
    fn headings_with_ids_cut_the_text_into_sections_without_the_reading_aids() {
        let html = "<p>Intro &amp; <em>more</em></p><div class=\"heading-anchored\">\
            <h2 id=\"fish--chips\">Fish &amp; <em>chips</em></h2><a class=\"heading-anchor\" \
            href=\"#fish--chips\">#</a></div><p>Fried.</p><pre><code>let x = 1;</code></pre>\
            <button type=\"button\" class=\"copy-code\">Copy</button><h3>No id</h3>\
            <p>Still fish.<br>Next</p><script>alert(1)</script><!-- a <b>comment</b> -->";
        assert_eq!(
            sections(html),
            [
                section("", "", "Intro & more"),
                section(
                    "fish--chips",
                    "Fish & chips",
                    "Fried. let x = 1; No id Still fish. Next"
                ),
            ]
        );
    }

    #[test]
    fn broken_markup_loses_text_but_never_fails() {
        assert_eq!(sections("a <b"), [section("", "", "a")]);
        assert_eq!(sections("<script>x"), [section("", "", "")]);
        assert_eq!(
            sections("<h2 id='x'>T"),
            [section("", "", ""), section("x", "T", "")]
        );
        assert_eq!(sections("<!-- x"), [section("", "", "")]);
    }
}
