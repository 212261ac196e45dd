//! Footnotes as goldmark writes them: each reference a `<sup>` link numbered in the order of
//! first reference; the definitions, gathered apart at the end of the chain, in a list after
//! the body, each with links back to its references. Labels match with ASCII case ignored:
//! they are looked up lower-cased.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, TagEnd};

/// What opens goldmark's footnote list.
const FOOTNOTES_START: &str = "<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n";

#[derive(Default)]
pub(super) struct Footnotes<'a> {
    /// Labels in the order of first reference, with their count of references.
    referenced: Vec<(String, usize)>,
    /// Where each label is in `referenced`.
    reference_index: HashMap<String, usize>,
    /// Finished definitions' events, in the order written.
    definitions: Vec<Vec<Event<'a>>>,
    /// Where each label's first definition is in `definitions`.
    definition_index: HashMap<String, usize>,
    /// The definitions being gathered, innermost last (one may hold another).
    open: Vec<(String, Vec<Event<'a>>)>,
}

impl<'a> Footnotes<'a> {
    /// goldmark's `<sup>` link to footnote `label`, numbered by first reference; its id is
    /// one of `anchors`.
    pub(super) fn reference(
        &mut self,
        label: &str,
        anchors: &mut Vec<String>,
    ) -> Option<Event<'a>> {
        let index = *self
            .reference_index
            .entry(label.to_ascii_lowercase())
            .or_insert_with(|| {
                self.referenced.push((label.to_owned(), 0));
                self.referenced.len() - 1
            });
        let number = index + 1;
        let (_, count) = self.referenced.get_mut(index)?;
        let id = reference_id(*count, number);
        *count += 1;
        let html = format!(
            "<sup id=\"{id}\"><a href=\"#fn:{number}\" class=\"footnote-ref\" \
             role=\"doc-noteref\">{number}</a></sup>"
        );
        anchors.push(id);
        Some(Event::InlineHtml(CowStr::from(html)))
    }

    /// Starts gathering the definition of `label`.
    pub(super) fn open(&mut self, label: &str) {
        self.open.push((label.to_owned(), Vec::new()));
    }

    /// The events of the definition being gathered, if one is.
    pub(super) fn gathering(&mut self) -> Option<&mut Vec<Event<'a>>> {
        self.open.last_mut().map(|(_, events)| events)
    }

    /// Ends the definition being gathered; the first one of a label is the one shown.
    pub(super) fn close(&mut self) {
        if let Some((label, events)) = self.open.pop() {
            self.definition_index
                .entry(label.to_ascii_lowercase())
                .or_insert(self.definitions.len());
            self.definitions.push(events);
        }
    }

    /// goldmark's list of referenced footnotes, each with links back to its references; no
    /// events when nothing is referenced. Each item's id is one of `anchors`.
    pub(super) fn section(&mut self, anchors: &mut Vec<String>) -> Vec<Event<'a>> {
        let mut items = Vec::new();
        let referenced = std::mem::take(&mut self.referenced);
        for (number, (label, count)) in (1..).zip(referenced) {
            let Some(mut events) = self
                .definition_index
                .get(&label.to_ascii_lowercase())
                .and_then(|index| self.definitions.get_mut(*index))
                .map(std::mem::take)
            else {
                continue;
            };
            let backlinks: String = (0..count)
                .map(|index| {
                    format!(
                        "&#160;<a href=\"#{}\" class=\"footnote-backref\" \
                         role=\"doc-backlink\">&#x21a9;&#xfe0e;</a>",
                        reference_id(index, number)
                    )
                })
                .collect();
            let at = match events.last() {
                Some(Event::End(TagEnd::Paragraph)) => events.len() - 1,
                _ => events.len(),
            };
            events.insert(at, Event::InlineHtml(CowStr::from(backlinks)));
            anchors.push(format!("fn:{number}"));
            items.push(Event::Html(CowStr::from(format!(
                "<li id=\"fn:{number}\">\n"
            ))));
            items.extend(events);
            items.push(Event::Html(CowStr::Borrowed("</li>\n")));
        }
        if items.is_empty() {
            return items;
        }
        items.insert(0, Event::Html(CowStr::Borrowed(FOOTNOTES_START)));
        items.push(Event::Html(CowStr::Borrowed("</ol>\n</div>\n")));
        items
    }
}

/// The id of reference `index` (from 0) to footnote `number`: `fnref:1`, `fnref1:1`, …
fn reference_id(index: usize, number: usize) -> String {
    if index == 0 {
        format!("fnref:{number}")
    } else {
        format!("fnref{index}:{number}")
    }
}
