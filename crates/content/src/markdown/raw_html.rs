//! The author's raw HTML. Unless the site is `unsafe`, each block and inline tag becomes
//! goldmark's `<!-- raw HTML omitted -->`; on an `unsafe` site it goes through the allowlist
//! ([`crate::sanitize`]), and the elements the author left open are closed at the end of the
//! Markdown element they were opened in, of a footnote definition and of the text.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{ImageSource, Located};
use crate::sanitize::HtmlSanitizer;

/// What goldmark writes in place of raw HTML.
const RAW_HTML_OMITTED: &str = "<!-- raw HTML omitted -->";

pub(super) struct RawHtml {
    unsafe_html: bool,
    /// In a raw HTML block that is omitted.
    in_omitted_block: bool,
    /// The author's raw HTML on an `unsafe` site, through the allowlist.
    sanitizer: HtmlSanitizer,
    /// The raw HTML block being collected until its end (a tag may span its lines), with its
    /// offset.
    block: Option<(usize, String)>,
    /// The sanitizers of the body and of outer footnote definitions while a definition has
    /// one of its own.
    outer: Vec<HtmlSanitizer>,
    /// For each open Markdown element, how many raw HTML elements were open at its start.
    scopes: Vec<usize>,
}

impl RawHtml {
    pub(super) fn new(unsafe_html: bool) -> Self {
        RawHtml {
            unsafe_html,
            in_omitted_block: false,
            sanitizer: HtmlSanitizer::default(),
            block: None,
            outer: Vec::new(),
            scopes: Vec::new(),
        }
    }

    /// Whether an element of the author's raw HTML is open.
    pub(super) fn has_open_elements(&self) -> bool {
        self.sanitizer.has_open_elements()
    }

    /// Takes `event`; the images of the raw HTML kept go to `images`.
    pub(super) fn push<'a>(
        &mut self,
        event: Event<'a>,
        range: Range<usize>,
        images: &mut Vec<ImageSource>,
        next: &mut Vec<Located<'a>>,
    ) {
        if self.unsafe_html {
            self.scope(&event, &range, next);
        }
        match event {
            Event::Start(Tag::HtmlBlock) if !self.unsafe_html => {
                self.in_omitted_block = true;
                let omitted = format!("{RAW_HTML_OMITTED}\n");
                next.push((Event::Html(CowStr::from(omitted)), range));
            }
            Event::End(TagEnd::HtmlBlock) if !self.unsafe_html => self.in_omitted_block = false,
            Event::Html(_) if self.in_omitted_block => {}
            Event::InlineHtml(_) | Event::Html(_) if !self.unsafe_html => {
                next.push((Event::InlineHtml(CowStr::Borrowed(RAW_HTML_OMITTED)), range));
            }
            // An unsafe site's raw HTML: a block whole (its tags may span lines), an inline
            // tag by itself, each through the allowlist.
            Event::Start(Tag::HtmlBlock) => self.block = Some((range.start, String::new())),
            Event::Html(html) if self.block.is_some() => {
                if let Some((_, block)) = &mut self.block {
                    block.push_str(&html);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                let (start, block) = self.block.take().unwrap_or_default();
                let html = self.sanitized(&block, start, images);
                if !html.is_empty() {
                    next.push((Event::Html(CowStr::from(html)), range));
                }
            }
            Event::InlineHtml(html) | Event::Html(html) => {
                let html = self.sanitized(&html, range.start, images);
                if !html.is_empty() {
                    next.push((Event::InlineHtml(CowStr::from(html)), range));
                }
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                // A definition moves to the end of the page: its raw HTML is balanced alone.
                let outer = std::mem::take(&mut self.sanitizer);
                self.outer.push(outer);
                next.push((Event::Start(Tag::FootnoteDefinition(label)), range));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some(closing) = self.finish() {
                    next.push((closing, range.clone()));
                }
                self.sanitizer = self.outer.pop().unwrap_or_default();
                next.push((Event::End(TagEnd::FootnoteDefinition), range));
            }
            other => next.push((other, range)),
        }
    }

    /// The end tags of the author's elements still open, at the end of the text or of a
    /// footnote definition.
    pub(super) fn finish(&mut self) -> Option<Event<'static>> {
        let mut closing = String::new();
        self.sanitizer.finish(&mut closing);
        (!closing.is_empty()).then(|| Event::Html(CowStr::from(closing)))
    }

    /// Closes, at the end of each Markdown element, the raw HTML elements opened inside it (a
    /// `<span>` left open in a paragraph ends with the paragraph, as in a browser). Raw HTML
    /// blocks are no scope: a `<div>` in one may hold the Markdown blocks that follow.
    fn scope<'a>(&mut self, event: &Event<'a>, range: &Range<usize>, next: &mut Vec<Located<'a>>) {
        match event {
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            Event::Start(_) => self.scopes.push(self.sanitizer.depth()),
            Event::End(_) => {
                let depth = self.scopes.pop().unwrap_or(0);
                let mut closing = String::new();
                self.sanitizer.close_to(depth, &mut closing);
                if !closing.is_empty() {
                    next.push((Event::InlineHtml(CowStr::from(closing)), range.clone()));
                }
            }
            _ => {}
        }
    }

    /// `html`, the author's raw HTML written at `offset`, through the allowlist; its images
    /// are the page's too.
    fn sanitized(&mut self, html: &str, offset: usize, images: &mut Vec<ImageSource>) -> String {
        let mut output = String::with_capacity(html.len());
        self.sanitizer.push(html, &mut output);
        for (src, at) in self.sanitizer.take_images() {
            images.push(ImageSource {
                src,
                offset: offset + at,
            });
        }
        output
    }
}
