//! Definition lists as goldmark writes them: a term per line, and no `<p>` around the first
//! paragraph of a definition that follows its term after no blank line.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::Located;

pub(super) struct Definitions<'a> {
    source: &'a str,
    /// One entry per open tag.
    open: Vec<OpenBlock>,
}

/// What an open tag means here.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OpenBlock {
    Other,
    /// A term: each of its lines is a term of its own.
    Term,
    /// A definition after no blank line, before its first paragraph: that one is shown
    /// without `<p>`.
    TightDefinition,
    /// That paragraph.
    HiddenParagraph,
}

impl<'a> Definitions<'a> {
    pub(super) fn new(source: &'a str) -> Self {
        Definitions {
            source,
            open: Vec::new(),
        }
    }

    pub(super) fn push(
        &mut self,
        event: Event<'a>,
        range: Range<usize>,
        next: &mut Vec<Located<'a>>,
    ) {
        let top = self.open.last().copied();
        match event {
            Event::Start(Tag::DefinitionListTitle) => self.open.push(OpenBlock::Term),
            Event::Start(Tag::DefinitionListDefinition) => {
                let tight = !follows_blank_line(self.source, range.start);
                self.open.push(if tight {
                    OpenBlock::TightDefinition
                } else {
                    OpenBlock::Other
                });
            }
            Event::Start(Tag::Paragraph) if top == Some(OpenBlock::TightDefinition) => {
                if let Some(block) = self.open.last_mut() {
                    *block = OpenBlock::Other;
                }
                self.open.push(OpenBlock::HiddenParagraph);
                return;
            }
            Event::Start(_) => self.open.push(OpenBlock::Other),
            Event::End(_) => {
                let closed = self.open.pop();
                if closed == Some(OpenBlock::HiddenParagraph) {
                    return;
                }
            }
            Event::SoftBreak if top == Some(OpenBlock::Term) => {
                next.push((Event::End(TagEnd::DefinitionListTitle), range.clone()));
                next.push((Event::Start(Tag::DefinitionListTitle), range));
                return;
            }
            _ => {}
        }
        next.push((event, range));
    }
}

/// Whether the line before `offset` (a definition's `:`) is blank; `>` counts as blank, for
/// definitions in block quotes.
fn follows_blank_line(source: &str, offset: usize) -> bool {
    let is_margin = |c: char| matches!(c, ' ' | '\t' | '>');
    let before = source
        .get(..offset)
        .unwrap_or("")
        .trim_end_matches(is_margin);
    let Some(before) = before.strip_suffix('\n') else {
        return false;
    };
    let previous_line = before
        .trim_end_matches('\r')
        .rsplit('\n')
        .next()
        .unwrap_or("");
    previous_line.trim_matches(is_margin).is_empty()
}
