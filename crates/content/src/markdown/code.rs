//! Code blocks in Hugo's markup: highlighted ([`crate::highlight`]) in the languages the
//! highlighter knows, with line numbers and highlighted lines when the block asks for them
//! (`code_lines.rs`). Trusted markers in the code (shortcodes) stay markers, for the last pass
//! to replace.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use super::Located;
use super::markers::{Piece, split_markers, strip_markers, trusted_marker};
use crate::code_lines::LineOptions;
use crate::highlight::{highlight, is_known_language};
use crate::html::escape_html;

#[derive(Default)]
pub(super) struct CodeBlocks<'a> {
    /// The code block being collected until its end, when it is highlighted.
    open: Option<OpenCodeBlock<'a>>,
}

impl<'a> CodeBlocks<'a> {
    pub(super) fn push(
        &mut self,
        event: Event<'a>,
        range: Range<usize>,
        next: &mut Vec<Located<'a>>,
    ) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                self.open = Some(OpenCodeBlock {
                    kind,
                    text: String::new(),
                });
            }
            Event::Text(text) if self.open.is_some() => {
                if let Some(block) = &mut self.open {
                    block.text.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(block) = self.open.take() {
                    next.push((Event::Html(CowStr::from(block.html())), range));
                }
            }
            other => next.push((other, range)),
        }
    }
}

/// A code block being collected until its end.
struct OpenCodeBlock<'a> {
    kind: CodeBlockKind<'a>,
    text: String,
}

impl OpenCodeBlock<'_> {
    /// Hugo's markup: a fenced block in a language the highlighter knows is highlighted in a
    /// `<div class="highlight">`; other fenced blocks keep their language's class; indented
    /// ones are plain.
    fn html(&self) -> String {
        let info = match &self.kind {
            CodeBlockKind::Indented => {
                return format!("<pre><code>{}</code></pre>\n", self.code(""));
            }
            CodeBlockKind::Fenced(info) => strip_markers(info),
        };
        // Hugo's options may follow the language: ```go {linenos=true}
        let language = info
            .split(|c: char| c.is_whitespace() || matches!(c, '{' | ','))
            .next()
            .unwrap_or("");
        let code = self.code(language);
        let line_options = info
            .find('{')
            .and_then(|start| LineOptions::from_attributes(info.get(start..).unwrap_or("")));
        if language.is_empty() {
            format!("<pre tabindex=\"0\"><code>{code}</code></pre>\n")
        } else if let Some(options) = line_options {
            let attributes = code_language_attributes(language);
            format!("{}\n", options.block_html(&code, &attributes))
        } else if is_known_language(language) {
            let attributes = code_language_attributes(language);
            format!(
                "<div class=\"highlight\"><pre tabindex=\"0\"><code{attributes}>{code}</code></pre></div>\n"
            )
        } else {
            let attributes = code_language_attributes(language);
            format!("<pre tabindex=\"0\"><code{attributes}>{code}</code></pre>\n")
        }
    }

    /// The code as HTML, highlighted in `language` when the highlighter knows it.
    fn code(&self, language: &str) -> String {
        split_markers(&self.text)
            .into_iter()
            .map(|piece| match piece {
                Piece::Text(code) => code_html(code, language),
                Piece::Marker(index) => trusted_marker(index),
            })
            .collect()
    }
}

/// `code` as HTML: highlighted when the highlighter knows `language`, else escaped.
pub(crate) fn code_html(code: &str, language: &str) -> String {
    highlight(code, language).unwrap_or_else(|| escape_html(code))
}

/// Hugo's ` class="language-x" data-lang="x"` of a code element.
pub(crate) fn code_language_attributes(language: &str) -> String {
    let language = escape_html(language);
    format!(" class=\"language-{language}\" data-lang=\"{language}\"")
}
