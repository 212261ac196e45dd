//! Words as Hugo counts them, and where the automatic summary ends: a count over the finished
//! events (shortcode and footnote HTML included), before they are written.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::html::{is_block, plainify};

/// Words as Hugo counts them: runs of characters other than white space in the text of the
/// HTML (`strings.Fields` of `.Plain`).
#[derive(Default)]
struct WordCounter {
    count: usize,
    in_word: bool,
}

impl WordCounter {
    fn text(&mut self, text: &str) {
        for character in text.chars() {
            if character.is_whitespace() {
                self.in_word = false;
            } else if !self.in_word {
                self.count += 1;
                self.in_word = true;
            }
        }
    }

    /// An edge between elements that goldmark writes on lines of their own.
    fn separate(&mut self) {
        self.in_word = false;
    }
}

/// Counts the words of the page's text, HTML made by footnotes and shortcodes included (image
/// alt text is no text on the page), and finds the end of the automatic summary: after the
/// top-level block holding the paragraph end at which the count reached `summary_length`,
/// where no element of the author's raw HTML is open (`inside_raw_html`, sorted event
/// indices). Returns the count and that end (an event index).
pub(super) fn count_words(
    events: &[Event],
    summary_length: usize,
    inside_raw_html: &[usize],
) -> (usize, Option<usize>) {
    let mut words = WordCounter::default();
    let mut depth = 0usize;
    let mut image_depth = 0usize;
    let mut reached = false;
    let mut summary_end = None;
    for (index, event) in events.iter().enumerate() {
        let mut block_ended = false;
        match event {
            Event::Start(tag) => {
                if matches!(tag, Tag::Image { .. }) {
                    image_depth += 1;
                } else if is_block(tag.to_end()) {
                    depth += 1;
                    words.separate();
                }
            }
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            Event::End(tag) if is_block(*tag) => {
                depth = depth.saturating_sub(1);
                words.separate();
                reached |= *tag == TagEnd::Paragraph && words.count >= summary_length;
                block_ended = depth == 0;
            }
            Event::Text(text) | Event::Code(text) if image_depth == 0 => words.text(text),
            // Inline HTML (a footnote's number) runs on with the text around it.
            Event::InlineHtml(html) => words.text(&plainify(html)),
            Event::Html(html) => {
                words.separate();
                words.text(&plainify(html));
                words.separate();
                block_ended = depth == 0;
            }
            Event::Rule => block_ended = depth == 0,
            Event::SoftBreak | Event::HardBreak | Event::TaskListMarker(_) => words.separate(),
            _ => {}
        }
        if block_ended
            && reached
            && summary_end.is_none()
            && inside_raw_html.binary_search(&index).is_err()
        {
            summary_end = Some(index + 1);
        }
    }
    (words.count, summary_end)
}
