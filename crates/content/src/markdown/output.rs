//! The end of the chain: the body's events, which of them stand inside the author's raw HTML
//! (no automatic summary ends there), and the footnote definitions, gathered apart.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::footnotes::Footnotes;

#[derive(Default)]
pub(super) struct Output<'a> {
    /// The body's events, in order.
    pub(super) events: Vec<Event<'a>>,
    /// Indices of body events written while an element of the author's raw HTML was open.
    pub(super) inside_raw_html: Vec<usize>,
    /// Whether an element of the author's raw HTML is open now: the chain sets it before
    /// each event it hands on.
    pub(super) raw_html_open: bool,
    pub(super) footnotes: Footnotes<'a>,
}

impl<'a> Output<'a> {
    /// Appends `event` to the body, or to the footnote definition being gathered.
    pub(super) fn push(&mut self, event: Event<'a>) {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => self.footnotes.open(&label),
            Event::End(TagEnd::FootnoteDefinition) => self.footnotes.close(),
            event => match self.footnotes.gathering() {
                Some(definition) => definition.push(event),
                None => {
                    self.events.push(event);
                    if self.raw_html_open {
                        self.inside_raw_html.push(self.events.len() - 1);
                    }
                }
            },
        }
    }
}
