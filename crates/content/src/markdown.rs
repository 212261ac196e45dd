//! Markdown to safe HTML: the one place pulldown-cmark's options are set, and the event adaptors
//! that make its output Hugo's (goldmark's defaults).
//!
//! 1. Parse with [`options`] (block quotes and list items nested at most 100 deep, see
//!    `nesting.rs`; a definition only where goldmark starts one, see `definition_marks.rs`),
//!    make the text typographic (goldmark's rules), merge adjacent text events.
//! 2. Raw HTML blocks and inline tags become `<!-- raw HTML omitted -->` unless the site is
//!    `unsafe`; then they go through the allowlist ([`super::sanitize`]), as do the
//!    attributes of a heading's `{…}` block.
//! 3. Links and images: dangerous URLs are emptied; links to `.md` files resolve by the relref
//!    rules; internal links to no page get class `broken-link`; `#anchor` links are collected.
//! 4. Bare web and e-mail addresses in text become links (goldmark's linkify), checked as in 3.
//! 5. Definition lists: a term per line, no `<p>` in a tight definition (goldmark's output).
//! 6. Headings get Hugo's github-style ids from their rendered text; headings of shortcode HTML
//!    (a `details` body, rendered apart) get theirs after them, in the same id space.
//! 7. Footnotes: goldmark's numbered references, and their definitions in a list at the end,
//!    with links both ways.
//! 8. Code blocks: Hugo's markup, highlighted ([`super::highlight`]) when the language is one
//!    it knows, with line numbers and highlighted lines when the block asks for them
//!    (`code_lines.rs`).
//! 9. Trusted markers (HTML made by the shortcode stage) become their HTML; a marker alone in
//!    its paragraph stands without the `<p>`, as a lone shortcode does in Hugo.
//! 10. Words are counted and the automatic summary's end is found; then HTML is written.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd, TextMergeWithOffset, html,
};

use super::code_lines::LineOptions;
use super::definition_marks;
use super::error::{DiagnosticKind, Finding, Severity};
use super::highlight::{highlight, is_known_language};
use super::html::{escape_html, formula_text, is_block, is_dangerous_url, plainify, unescape_html};
use super::linkify::BareLinks;
use super::links::{self, LinkError};
use super::nesting::bound_nesting;
use super::sanitize::{HtmlSanitizer, is_allowed_attribute};
use super::site::{PageEntry, Site};
use super::typographer;
use super::url::percent_decode;

/// What goldmark writes in place of raw HTML.
const RAW_HTML_OMITTED: &str = "<!-- raw HTML omitted -->";

/// Brackets a trusted-HTML marker: private-use characters authors cannot leave in the text
/// (see [`without_marker_characters`]).
const MARKER_START: char = '\u{e000}';
const MARKER_END: char = '\u{e001}';

/// Bracket a heading whose id the page will give (see [`HeadingIds::Deferred`]), and divide
/// its wanted id from its text; also characters authors cannot leave in the text.
const SLOT_START: char = '\u{e002}';
const SLOT_DIVIDER: char = '\u{e003}';
const SLOT_END: char = '\u{e004}';

/// What opens goldmark's footnote list.
const FOOTNOTES_START: &str = "<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n";

/// The Markdown extensions Hugo's goldmark has on by default (linkify, which pulldown-cmark
/// lacks, is an adaptor here; so is the typographer, by goldmark's rules).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
}

/// The text that stands for `trusted_html[index]` until the Markdown stage writes it.
pub(crate) fn trusted_marker(index: usize) -> String {
    format!("{MARKER_START}{index}{MARKER_END}")
}

/// `text` with the marker and slot characters replaced by U+FFFD (same length in UTF-8).
pub(crate) fn without_marker_characters(text: &str) -> Cow<'_, str> {
    let is_private = |c: char| (MARKER_START..=SLOT_END).contains(&c);
    if text.contains(is_private) {
        Cow::Owned(text.replace(is_private, "\u{fffd}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A heading, for a table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    pub id: String,
    /// The rendered text, trimmed.
    pub text: String,
}

/// A link to `#anchor` of a page of the site (this page for a bare `#anchor`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkToAnchor {
    /// Byte offset of the link in the Markdown.
    pub offset: usize,
    /// The destination as the Markdown had it.
    pub reference: String,
    pub page_url: String,
    pub anchor: String,
}

/// An image the text shows, where it is written: for the check that its file exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageSource {
    /// The image's `src` as the page has it (relative ones are relative to the page).
    pub src: String,
    /// Byte offset of the image's address in the text.
    pub offset: usize,
}

/// What the Markdown stage needs besides the text.
#[derive(Debug, Clone, Copy)]
pub struct MarkdownContext<'a> {
    pub site: &'a Site,
    /// The page being rendered: `.md` links resolve from its source, `#x` links point to it.
    pub page: &'a PageEntry,
    /// The HTML that each trusted marker in the text stands for.
    pub trusted_html: &'a [String],
}

/// A rendered Markdown text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RenderedMarkdown {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Ids a link can point to: headings and footnotes.
    pub anchors: Vec<String>,
    pub anchor_links: Vec<LinkToAnchor>,
    /// Words of the plain text.
    pub word_count: usize,
    /// The automatic summary (whole paragraphs until `summary_length` words); `None` when that
    /// is the whole text.
    pub summary_html: Option<String>,
    /// Problems at byte offsets of the Markdown text.
    pub findings: Vec<Finding>,
    /// Every image of the text (Markdown and raw HTML), in order.
    pub images: Vec<ImageSource>,
}

/// Who gives the headings their ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeadingIds {
    /// This text is the page: its headings get ids here, and so do the headings of shortcode
    /// HTML in it.
    Page,
    /// This text is a shortcode's (a `details` body, a caption), rendered apart: its headings
    /// are left for the page to give ids, in the page's one id space.
    Deferred,
}

/// Renders `text` with the site's settings; `summary_length` words make an automatic summary.
pub fn render(text: &str, context: &MarkdownContext, summary_length: usize) -> RenderedMarkdown {
    render_text(text, context, summary_length, HeadingIds::Page)
}

/// [`render`], with the heading ids given by `heading_ids`.
pub(crate) fn render_text(
    text: &str,
    context: &MarkdownContext,
    summary_length: usize,
    heading_ids: HeadingIds,
) -> RenderedMarkdown {
    let bounded = bound_nesting(text);
    let text: &str = &bounded.text;
    // goldmark's definitions: colons it does not take for one are parsed as text.
    let parse = |text| -> Vec<_> {
        Parser::new_ext(text, options())
            .into_offset_iter()
            .collect()
    };
    let guarded = definition_marks::Guarded::new(text);
    let guarded_again;
    let mut parsed = parse(guarded.text());
    if let Some(again) = guarded.without_indented_definitions(&parsed) {
        guarded_again = again;
        parsed = parse(guarded_again.text());
    }
    let mut parsed: Vec<_> = parsed
        .into_iter()
        .map(|(event, range)| (guarded.restore(event), range))
        .collect();
    typographer::apply(text, &mut parsed);
    let mut adaptor = Adaptor {
        context,
        source: text,
        open_blocks: Vec::new(),
        open_links: 0,
        unsafe_html: context.site.config().unsafe_html,
        events: Vec::new(),
        heading: None,
        in_html_block: false,
        raw_html: HtmlSanitizer::default(),
        raw_block: None,
        outer_raw_html: Vec::new(),
        inside_raw_html: Vec::new(),
        raw_html_scopes: Vec::new(),
        code_block: None,
        image_depth: 0,
        taken_ids: TakenIds::default(),
        heading_ids,
        footnotes: Footnotes::default(),
        rendered: RenderedMarkdown::default(),
    };
    for (event, range) in TextMergeWithOffset::new(parsed.into_iter()) {
        adaptor.push(event, range);
    }
    adaptor.close_raw_html();
    let footnotes = adaptor.footnote_section();
    let Adaptor {
        mut events,
        mut rendered,
        mut taken_ids,
        inside_raw_html,
        ..
    } = adaptor;
    let body_length = events.len();
    events.extend(footnotes);
    if heading_ids == HeadingIds::Page {
        place_deferred_headings(&mut events, &mut rendered, &mut taken_ids);
    }
    let (body, footnotes) = events.split_at(body_length);
    let (word_count, summary_end) = count_words(body, summary_length, &inside_raw_html);
    rendered.word_count = word_count + count_words(footnotes, 0, &[]).0;
    if let Some(end) = summary_end.filter(|end| *end < body_length) {
        let mut summary = String::new();
        write_html(&mut summary, events.get(..end).unwrap_or_default());
        rendered.summary_html = Some(summary);
    }
    write_html(&mut rendered.html, &events);
    for finding in &mut rendered.findings {
        finding.offset = bounded.original_offset(finding.offset);
    }
    for link in &mut rendered.anchor_links {
        link.offset = bounded.original_offset(link.offset);
    }
    rendered
}

/// The one call of pulldown-cmark's HTML writer: it is generic over its iterator, and each
/// iterator type would put another copy of the writer into the wasm bundle.
fn write_html(html: &mut String, events: &[Event<'_>]) {
    html::push_html(html, events.iter().cloned());
}

/// A heading being collected until its end, when its id can be made.
struct OpenHeading<'a> {
    level: pulldown_cmark::HeadingLevel,
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    events: Vec<Event<'a>>,
}

/// A code block being collected until its end.
struct OpenCodeBlock<'a> {
    kind: CodeBlockKind<'a>,
    text: String,
}

impl OpenCodeBlock<'_> {
    /// Hugo's markup: a fenced block in a language the highlighter knows is highlighted in a
    /// `<div class="highlight">`; other fenced blocks keep their language's class; indented
    /// ones are plain. Trusted markers in the code (shortcodes) stay markers, for
    /// [`Adaptor::emit_trusted`] to replace.
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

/// The event adaptors, as one state machine over the parser's events.
struct Adaptor<'a, 'c> {
    context: &'c MarkdownContext<'c>,
    source: &'a str,
    /// One entry per open tag, for the definition list fixes.
    open_blocks: Vec<OpenBlock>,
    /// How many of them are [`OpenBlock::NoLinks`].
    open_links: usize,
    unsafe_html: bool,
    events: Vec<Event<'a>>,
    heading: Option<OpenHeading<'a>>,
    in_html_block: bool,
    /// The author's raw HTML on an `unsafe` site, through the allowlist.
    raw_html: HtmlSanitizer,
    /// The raw HTML block being collected until its end (a tag may span its lines).
    raw_block: Option<(usize, String)>,
    /// The sanitizers of the body and of outer footnote definitions while a definition has
    /// one of its own.
    outer_raw_html: Vec<HtmlSanitizer>,
    /// Indices of body events inside an element of the author's raw HTML: no summary ends
    /// there.
    inside_raw_html: Vec<usize>,
    /// For each open Markdown element, how many raw HTML elements were open at its start.
    raw_html_scopes: Vec<usize>,
    /// The code block being collected until its end, when it is highlighted.
    code_block: Option<OpenCodeBlock<'a>>,
    image_depth: usize,
    /// Heading ids given so far, explicit ones included.
    taken_ids: TakenIds,
    heading_ids: HeadingIds,
    footnotes: Footnotes<'a>,
    rendered: RenderedMarkdown,
}

/// Footnotes, numbered as goldmark numbers them: in the order of first reference. Labels
/// match with ASCII case ignored: they are looked up lower-cased.
#[derive(Default)]
struct Footnotes<'a> {
    /// Labels in the order of first reference, with their count of references.
    referenced: Vec<(String, usize)>,
    /// Where each label is in `referenced`.
    reference_index: HashMap<String, usize>,
    /// Finished definitions' events, in the order written.
    definitions: Vec<Vec<Event<'a>>>,
    /// Where each label's first definition is in `definitions`.
    definition_index: HashMap<String, usize>,
    /// The definitions being collected, innermost last (one may hold another).
    open: Vec<(String, Vec<Event<'a>>)>,
}

/// What an open tag means to the definition list fixes and linkify.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OpenBlock {
    Other,
    /// A link or image: no bare URL in it becomes a link.
    NoLinks,
    /// A term: each of its lines is a term of its own.
    Term,
    /// A definition after no blank line, before its first paragraph: that one is shown
    /// without `<p>`.
    TightDefinition,
    /// That paragraph.
    HiddenParagraph,
}

impl<'a> Adaptor<'a, '_> {
    fn push(&mut self, event: Event<'a>, range: Range<usize>) {
        if self.unsafe_html {
            self.scope_raw_html(&event);
        }
        if self.track_open_tags(&event, range.start) {
            return;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                self.code_block = Some(OpenCodeBlock {
                    kind,
                    text: String::new(),
                });
            }
            Event::Text(text) if self.code_block.is_some() => {
                if let Some(block) = &mut self.code_block {
                    block.text.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(block) = self.code_block.take() {
                    self.emit(Event::Html(CowStr::from(block.html())));
                }
            }
            Event::Text(text) => {
                if self.open_links > 0 {
                    self.emit(Event::Text(text));
                } else {
                    self.linkify(text, range);
                }
            }
            Event::Start(Tag::HtmlBlock) if !self.unsafe_html => {
                self.in_html_block = true;
                self.emit(Event::Html(CowStr::from(format!("{RAW_HTML_OMITTED}\n"))));
            }
            Event::End(TagEnd::HtmlBlock) if !self.unsafe_html => self.in_html_block = false,
            Event::Html(_) if self.in_html_block => {}
            Event::InlineHtml(_) | Event::Html(_) if !self.unsafe_html => {
                self.emit(Event::InlineHtml(CowStr::Borrowed(RAW_HTML_OMITTED)));
            }
            // An unsafe site's raw HTML: a block whole (its tags may span lines), an inline
            // tag by itself, each through the allowlist.
            Event::Start(Tag::HtmlBlock) => self.raw_block = Some((range.start, String::new())),
            Event::Html(html) if self.raw_block.is_some() => {
                if let Some((_, block)) = &mut self.raw_block {
                    block.push_str(&html);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                let (start, block) = self.raw_block.take().unwrap_or_default();
                let html = self.sanitized(&block, start);
                if !html.is_empty() {
                    self.emit(Event::Html(CowStr::from(html)));
                }
            }
            Event::InlineHtml(html) | Event::Html(html) => {
                let html = self.sanitized(&html, range.start);
                if !html.is_empty() {
                    self.emit(Event::InlineHtml(CowStr::from(html)));
                }
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                // An attribute block (`## T {#id .class data-x=y}`) keeps only what the
                // allowlist allows: never an event handler (the id and classes come apart).
                let element = format!("h{}", level as u8);
                let attrs = attrs
                    .into_iter()
                    .filter(|(name, _)| {
                        let name = name.to_ascii_lowercase();
                        !matches!(name.as_str(), "id" | "class")
                            && is_allowed_attribute(&element, &name)
                    })
                    .collect();
                self.heading = Some(OpenHeading {
                    level,
                    id,
                    classes,
                    attrs,
                    events: Vec::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => self.close_heading(),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if self.image_depth == 0 => {
                let link = self.link(link_type, &dest_url, range.start);
                match link {
                    LinkOutput::Plain(url) => self.emit(Event::Start(Tag::Link {
                        link_type,
                        dest_url: CowStr::from(url),
                        title: CowStr::from(strip_markers(&title)),
                        id,
                    })),
                    LinkOutput::Broken(url) => {
                        let html = broken_link_tag(link_type, url, &title);
                        self.emit(Event::InlineHtml(CowStr::from(html)));
                    }
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let url = strip_markers(&dest_url);
                let safe = if is_dangerous_url(&url) {
                    String::new()
                } else {
                    url
                };
                // An image inside another's alt text is no image of the page.
                if self.image_depth == 0 && !safe.is_empty() {
                    // Placed at its address, when the image is written with it in place.
                    let written = self.source.get(range.clone()).unwrap_or("");
                    let address = written.find("](").map_or(0, |start| start + 2);
                    let at = written
                        .get(address..)
                        .and_then(|rest| rest.find(safe.as_str()))
                        .map_or(0, |found| address + found);
                    self.rendered.images.push(ImageSource {
                        src: safe.clone(),
                        offset: range.start + at,
                    });
                }
                self.image_depth += 1;
                self.emit(Event::Start(Tag::Image {
                    link_type,
                    dest_url: CowStr::from(safe),
                    title: CowStr::from(strip_markers(&title)),
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                self.image_depth = self.image_depth.saturating_sub(1);
                self.emit(Event::End(TagEnd::Image));
            }
            Event::FootnoteReference(label) => self.footnote_reference(&label),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.footnotes.open.push((label.to_string(), Vec::new()));
                // A definition moves to the end of the page: its raw HTML is balanced alone.
                let outer = std::mem::take(&mut self.raw_html);
                self.outer_raw_html.push(outer);
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                self.close_raw_html();
                self.raw_html = self.outer_raw_html.pop().unwrap_or_default();
                if let Some((label, events)) = self.footnotes.open.pop() {
                    let footnotes = &mut self.footnotes;
                    footnotes
                        .definition_index
                        .entry(label.to_ascii_lowercase())
                        .or_insert(footnotes.definitions.len());
                    footnotes.definitions.push(events);
                }
            }
            other => self.emit(other),
        }
    }

    /// Closes, at the end of each Markdown element, the raw HTML elements opened inside it (a
    /// `<span>` left open in a paragraph ends with the paragraph, as in a browser). Raw HTML
    /// blocks are no scope: a `<div>` in one may hold the Markdown blocks that follow.
    fn scope_raw_html(&mut self, event: &Event<'a>) {
        match event {
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            Event::Start(_) => self.raw_html_scopes.push(self.raw_html.depth()),
            Event::End(_) => {
                let depth = self.raw_html_scopes.pop().unwrap_or(0);
                let mut closing = String::new();
                self.raw_html.close_to(depth, &mut closing);
                if !closing.is_empty() {
                    self.emit(Event::InlineHtml(CowStr::from(closing)));
                }
            }
            _ => {}
        }
    }

    /// Keeps track of open tags and makes definition lists goldmark's: a term per line, no
    /// `<p>` in a tight definition. Returns whether `event` is done with (replaced or dropped).
    fn track_open_tags(&mut self, event: &Event<'a>, offset: usize) -> bool {
        let top = self.open_blocks.last().copied();
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                self.open_blocks.push(OpenBlock::NoLinks);
                self.open_links += 1;
            }
            Event::Start(Tag::DefinitionListTitle) => self.open_blocks.push(OpenBlock::Term),
            Event::Start(Tag::DefinitionListDefinition) => {
                let tight = !follows_blank_line(self.source, offset);
                self.open_blocks.push(if tight {
                    OpenBlock::TightDefinition
                } else {
                    OpenBlock::Other
                });
            }
            Event::Start(Tag::Paragraph) if top == Some(OpenBlock::TightDefinition) => {
                if let Some(block) = self.open_blocks.last_mut() {
                    *block = OpenBlock::Other;
                }
                self.open_blocks.push(OpenBlock::HiddenParagraph);
                return true;
            }
            Event::Start(_) => self.open_blocks.push(OpenBlock::Other),
            Event::End(_) => {
                let closed = self.open_blocks.pop();
                if closed == Some(OpenBlock::NoLinks) {
                    self.open_links = self.open_links.saturating_sub(1);
                }
                return closed == Some(OpenBlock::HiddenParagraph);
            }
            Event::SoftBreak if top == Some(OpenBlock::Term) => {
                self.emit(Event::End(TagEnd::DefinitionListTitle));
                self.emit(Event::Start(Tag::DefinitionListTitle));
                return true;
            }
            _ => {}
        }
        false
    }

    /// Sends text on with its bare web and e-mail addresses made links, as goldmark's linkify
    /// does; the links go through the same checks as written ones.
    fn linkify(&mut self, text: CowStr<'a>, range: Range<usize>) {
        let followed_by = self
            .source
            .get(range.end..)
            .and_then(|rest| rest.chars().next());
        let mut links = BareLinks::new(&text, followed_by).peekable();
        if links.peek().is_none() {
            self.emit(Event::Text(text));
            return;
        }
        let mut done = 0;
        for link in links {
            if link.range.start > done {
                let before = text.get(done..link.range.start).unwrap_or("");
                self.emit(Event::Text(CowStr::from(before.to_owned())));
            }
            let link_type = if link.is_email {
                LinkType::Email
            } else {
                LinkType::Autolink
            };
            self.push(
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: CowStr::from(link.destination),
                    title: CowStr::Borrowed(""),
                    id: CowStr::Borrowed(""),
                }),
                range.clone(),
            );
            self.push(Event::Text(CowStr::from(link.text)), range.clone());
            self.push(Event::End(TagEnd::Link), range.clone());
            done = link.range.end;
        }
        if let Some(after) = text.get(done..).filter(|after| !after.is_empty()) {
            self.emit(Event::Text(CowStr::from(after.to_owned())));
        }
    }

    /// Sends an event on: into the open heading, or out with its markers replaced.
    fn emit(&mut self, event: Event<'a>) {
        if let Some(heading) = &mut self.heading {
            heading.events.push(event);
            return;
        }
        self.emit_trusted(event);
    }

    /// Appends to the output, or to the footnote definition being collected.
    fn out(&mut self, event: Event<'a>) {
        match self.footnotes.open.last_mut() {
            Some((_, events)) => events.push(event),
            None => {
                self.events.push(event);
                if self.raw_html.has_open_elements() {
                    self.inside_raw_html.push(self.events.len() - 1);
                }
            }
        }
    }

    /// `html`, the author's raw HTML written at `offset`, through the allowlist; its images
    /// are the page's too.
    fn sanitized(&mut self, html: &str, offset: usize) -> String {
        let mut output = String::with_capacity(html.len());
        self.raw_html.push(html, &mut output);
        for (src, at) in self.raw_html.take_images() {
            self.rendered.images.push(ImageSource {
                src,
                offset: offset + at,
            });
        }
        output
    }

    /// Closes the elements of the author's raw HTML still open, at the end of the body or
    /// of a footnote definition.
    fn close_raw_html(&mut self) {
        let mut closing = String::new();
        self.raw_html.finish(&mut closing);
        if !closing.is_empty() {
            self.out(Event::Html(CowStr::from(closing)));
        }
    }

    /// Writes goldmark's `<sup>` link to a footnote, numbered by first reference.
    fn footnote_reference(&mut self, label: &str) {
        let footnotes = &mut self.footnotes;
        let index = *footnotes
            .reference_index
            .entry(label.to_ascii_lowercase())
            .or_insert_with(|| {
                footnotes.referenced.push((label.to_owned(), 0));
                footnotes.referenced.len() - 1
            });
        let number = index + 1;
        let Some((_, count)) = footnotes.referenced.get_mut(index) else {
            return;
        };
        let id = footnote_reference_id(*count, number);
        *count += 1;
        let html = format!(
            "<sup id=\"{id}\"><a href=\"#fn:{number}\" class=\"footnote-ref\" \
             role=\"doc-noteref\">{number}</a></sup>"
        );
        self.rendered.anchors.push(id);
        self.emit(Event::InlineHtml(CowStr::from(html)));
    }

    /// goldmark's list of referenced footnotes, each with links back to its references; no
    /// events when nothing is referenced.
    fn footnote_section(&mut self) -> Vec<Event<'a>> {
        let mut items = Vec::new();
        let referenced = std::mem::take(&mut self.footnotes.referenced);
        for (number, (label, count)) in (1..).zip(referenced) {
            let footnotes = &mut self.footnotes;
            let Some(mut events) = footnotes
                .definition_index
                .get(&label.to_ascii_lowercase())
                .and_then(|index| footnotes.definitions.get_mut(*index))
                .map(std::mem::take)
            else {
                continue;
            };
            let backlinks: String = (0..count)
                .map(|index| {
                    format!(
                        "&#160;<a href=\"#{}\" class=\"footnote-backref\" \
                         role=\"doc-backlink\">&#x21a9;&#xfe0e;</a>",
                        footnote_reference_id(index, number)
                    )
                })
                .collect();
            let at = match events.last() {
                Some(Event::End(TagEnd::Paragraph)) => events.len() - 1,
                _ => events.len(),
            };
            events.insert(at, Event::InlineHtml(CowStr::from(backlinks)));
            self.rendered.anchors.push(format!("fn:{number}"));
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

    /// Replaces trusted markers in text (stripped inside image alt text, which is plain).
    fn emit_trusted(&mut self, event: Event<'a>) {
        let alone_in_paragraph = matches!(self.events.last(), Some(Event::Start(Tag::Paragraph)));
        if matches!(event, Event::End(TagEnd::Paragraph)) && alone_in_paragraph_html(&self.events) {
            // A shortcode's HTML alone in its paragraph stands for itself (Hugo drops the
            // `<p>` around a lone shortcode too).
            if let Some(html) = self.events.pop() {
                self.events.pop();
                self.events.push(html);
            }
            return;
        }
        let text = match event {
            Event::Text(text) if text.contains(MARKER_START) => text,
            Event::Html(text) | Event::InlineHtml(text) if text.contains(MARKER_START) => {
                let html = replace_markers(&text, self.context.trusted_html, true);
                self.out(Event::Html(CowStr::from(html)));
                return;
            }
            other => {
                self.out(other);
                return;
            }
        };
        if self.image_depth > 0 {
            self.out(Event::Text(CowStr::from(strip_markers(&text))));
            return;
        }
        let pieces = split_markers(&text);
        if let ([Piece::Marker(index)], true) = (pieces.as_slice(), alone_in_paragraph) {
            let html = self.context.trusted_html.get(*index);
            let html = format!("{}\n", html.map_or("", String::as_str));
            self.events.push(Event::Html(CowStr::from(html)));
            return;
        }
        for piece in pieces {
            match piece {
                Piece::Text(plain) => self.out(Event::Text(CowStr::from(plain.to_owned()))),
                Piece::Marker(index) => {
                    let html = self
                        .context
                        .trusted_html
                        .get(index)
                        .cloned()
                        .unwrap_or_default();
                    self.out(Event::InlineHtml(CowStr::from(html)));
                }
            }
        }
    }

    /// Gives the finished heading its id and sends it on.
    fn close_heading(&mut self) {
        let Some(heading) = self.heading.take() else {
            return;
        };
        let text = heading_text(&heading.events, self.context.trusted_html);
        let level = heading.level as u8;
        let id = match (heading.id, self.heading_ids) {
            (explicit, HeadingIds::Deferred) => {
                let wanted = explicit
                    .as_ref()
                    .map_or_else(|| heading_id(&text), ToString::to_string);
                heading_slot(level, explicit.is_some(), &wanted, &text)
            }
            (Some(explicit), HeadingIds::Page) => self.taken_ids.take(explicit.to_string()),
            (None, HeadingIds::Page) => self.taken_ids.take_unique(heading_id(&text)),
        };
        if self.heading_ids == HeadingIds::Page {
            self.rendered.anchors.push(id.clone());
            self.rendered.headings.push(Heading {
                level,
                id: id.clone(),
                text,
            });
        }
        self.emit_trusted(Event::Start(Tag::Heading {
            level: heading.level,
            id: Some(CowStr::from(id)),
            classes: heading.classes,
            attrs: heading.attrs,
        }));
        for event in heading.events {
            self.emit_trusted(event);
        }
        self.emit_trusted(Event::End(TagEnd::Heading(heading.level)));
    }

    /// The destination a link gets, and whether it leads to no page.
    fn link(&mut self, link_type: LinkType, destination: &str, offset: usize) -> LinkOutput {
        let destination = strip_markers(destination);
        if is_dangerous_url(&destination) {
            return LinkOutput::Plain(String::new());
        }
        if matches!(link_type, LinkType::Email) {
            return LinkOutput::Plain(destination);
        }
        let context = self.context;
        let resolved =
            links::resolve_markdown_link(&destination, &context.page.source, context.site);
        let url = match resolved {
            None | Some(Ok(_)) => resolved
                .and_then(Result::ok)
                .unwrap_or_else(|| destination.clone()),
            Some(Err(error)) => {
                let (kind, guessed_url) = match error {
                    LinkError::NotFound { guessed_url } => (
                        DiagnosticKind::LinkNotFound {
                            destination: destination.clone(),
                        },
                        guessed_url,
                    ),
                    LinkError::Ambiguous { guessed_url } => (
                        DiagnosticKind::AmbiguousRef {
                            reference: destination.clone(),
                        },
                        guessed_url,
                    ),
                };
                self.rendered.findings.push(Finding {
                    offset,
                    severity: Severity::Warning,
                    kind,
                });
                guessed_url
            }
        };
        let (path, anchor) = match url.split_once('#') {
            Some((path, anchor)) => (path, anchor),
            None => (url.as_str(), ""),
        };
        let path = path.split('?').next().unwrap_or(path);
        let page_url = if path.is_empty() {
            Some(context.page.url.clone())
        } else if path.starts_with('/') && !path.starts_with("//") && path.ends_with('/') {
            match context.site.page_by_url(&percent_decode(path)) {
                Some(page) => Some(page.url.clone()),
                None => return LinkOutput::Broken(url),
            }
        } else {
            None
        };
        if let Some(page_url) = page_url.filter(|_| !anchor.is_empty()) {
            self.rendered.anchor_links.push(LinkToAnchor {
                offset,
                reference: destination,
                page_url,
                anchor: percent_decode(anchor),
            });
        }
        LinkOutput::Plain(url)
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

/// The id of reference `index` (from 0) to footnote `number`: `fnref:1`, `fnref1:1`, …
fn footnote_reference_id(index: usize, number: usize) -> String {
    if index == 0 {
        format!("fnref:{number}")
    } else {
        format!("fnref{index}:{number}")
    }
}

enum LinkOutput {
    Plain(String),
    /// An internal link to no page: shown with class `broken-link`.
    Broken(String),
}

/// The opening `<a>` of a broken link, written by pulldown-cmark (for its escaping) plus the
/// class.
fn broken_link_tag(link_type: LinkType, url: String, title: &str) -> String {
    let mut tag = String::new();
    let start = Event::Start(Tag::Link {
        link_type,
        dest_url: CowStr::from(url),
        title: CowStr::from(strip_markers(title)),
        id: CowStr::Borrowed(""),
    });
    write_html(&mut tag, &[start]);
    match tag.strip_suffix('>') {
        Some(open) => format!("{open} class=\"broken-link\">"),
        None => tag,
    }
}

/// Whether `events` end with a paragraph's start and one block of HTML: a trusted marker
/// that was the paragraph's whole text.
fn alone_in_paragraph_html(events: &[Event]) -> bool {
    matches!(events, [.., Event::Start(Tag::Paragraph), Event::Html(_)])
}

enum Piece<'t> {
    Text(&'t str),
    Marker(usize),
}

/// Cuts text at trusted markers; a malformed marker is dropped.
fn split_markers(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(MARKER_START) {
        if start > 0 {
            pieces.push(Piece::Text(rest.get(..start).unwrap_or("")));
        }
        let after = rest.get(start + MARKER_START.len_utf8()..).unwrap_or("");
        let digits_end = after
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(after.len());
        let index = after
            .get(..digits_end)
            .and_then(|digits| digits.parse().ok());
        let closed = after
            .get(digits_end..)
            .and_then(|tail| tail.strip_prefix(MARKER_END));
        match (index, closed) {
            (Some(index), Some(tail)) => {
                pieces.push(Piece::Marker(index));
                rest = tail;
            }
            _ => rest = after,
        }
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    pieces
}

/// `text` with its markers replaced by their HTML (`as_html`) or removed.
pub(crate) fn replace_markers(text: &str, trusted_html: &[String], as_html: bool) -> String {
    let mut output = String::with_capacity(text.len());
    for piece in split_markers(text) {
        match piece {
            Piece::Text(plain) => output.push_str(plain),
            Piece::Marker(index) if as_html => {
                output.push_str(trusted_html.get(index).map_or("", String::as_str));
            }
            Piece::Marker(_) => {}
        }
    }
    output
}

fn strip_markers(text: &str) -> String {
    replace_markers(text, &[], false)
}

/// The plain text of a heading's inner events, trimmed: markers removed, but a formula's
/// (the build's MathML) read as its plain text.
fn heading_text(events: &[Event], trusted_html: &[String]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(part) | Event::Code(part) => {
                for piece in split_markers(part) {
                    match piece {
                        Piece::Text(plain) => text.push_str(plain),
                        Piece::Marker(index) => text.push_str(
                            &trusted_html
                                .get(index)
                                .and_then(|html| formula_text(html))
                                .unwrap_or_default(),
                        ),
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_owned()
}

/// Hugo's "github" id: each space or `-` becomes `-`, letters, digits and `_` stay
/// (lower-cased), everything else goes; empty becomes `heading`.
fn heading_id(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    for character in text.trim().chars() {
        if character == ' ' || character == '-' {
            id.push('-');
        } else if character == '_' || character.is_alphabetic() || character.is_numeric() {
            id.extend(character.to_lowercase());
        }
    }
    if id.is_empty() {
        "heading".to_owned()
    } else {
        id
    }
}

/// What stands for the id of a heading in a shortcode's HTML until the page gives it one.
fn heading_slot(level: u8, explicit: bool, wanted_id: &str, text: &str) -> String {
    let kind = if explicit { 'e' } else { 'a' };
    format!("{SLOT_START}{level}{kind}{wanted_id}{SLOT_DIVIDER}{text}{SLOT_END}")
}

/// A heading slot read back from HTML (where the writer escaped it): level, whether the id
/// was written by the author, the wanted id and the text.
fn read_heading_slot(slot: &str) -> Option<(u8, bool, String, String)> {
    let mut characters = slot.chars();
    let level = characters
        .next()?
        .to_digit(10)
        .and_then(|level| u8::try_from(level).ok())?;
    let explicit = characters.next()? == 'e';
    let (wanted_id, text) = characters.as_str().split_once(SLOT_DIVIDER)?;
    Some((
        level,
        explicit,
        unescape_html(wanted_id),
        unescape_html(text),
    ))
}

/// Gives the headings in shortcode HTML (a `details` body, rendered apart) their ids, once the
/// page's own headings have theirs: each takes the first free one, so no id is given twice
/// and the page's own ids stay the ones Hugo gives. They join the heading list where they
/// stand.
fn place_deferred_headings(
    events: &mut [Event<'_>],
    rendered: &mut RenderedMarkdown,
    taken_ids: &mut TakenIds,
) {
    let mut page_headings = std::mem::take(&mut rendered.headings).into_iter();
    // The page's headings that started before the current point, and those of them listed.
    let mut started = 0;
    let mut listed = 0;
    for event in events.iter_mut() {
        let html = match event {
            Event::Start(Tag::Heading { .. }) => {
                started += 1;
                continue;
            }
            Event::Html(html) | Event::InlineHtml(html) if html.contains(SLOT_START) => html,
            _ => continue,
        };
        let mut placed = String::with_capacity(html.len());
        let mut rest: &str = html;
        while let Some((before, after)) = rest.split_once(SLOT_START) {
            placed.push_str(before);
            let Some((slot, tail)) = after.split_once(SLOT_END) else {
                rest = "";
                break;
            };
            rest = tail;
            let Some((level, explicit, wanted_id, text)) = read_heading_slot(slot) else {
                continue;
            };
            let id = if explicit {
                taken_ids.take(wanted_id)
            } else {
                taken_ids.take_unique(wanted_id)
            };
            placed.push_str(&escape_html(&id));
            rendered.anchors.push(id.clone());
            rendered
                .headings
                .extend(page_headings.by_ref().take(started - listed));
            listed = started;
            rendered.headings.push(Heading { level, id, text });
        }
        placed.push_str(rest);
        *html = CowStr::from(placed);
    }
    rendered.headings.extend(page_headings);
}

/// Heading ids given so far, explicit ones included, each with the number from which a free
/// `id-n` is looked for: all below it are taken, so no search starts over from `id-1`.
#[derive(Default)]
struct TakenIds(HashMap<String, usize>);

impl TakenIds {
    /// Takes `id` (an author's own id may be taken twice) and returns it.
    fn take(&mut self, id: String) -> String {
        self.0.entry(id.clone()).or_insert(1);
        id
    }

    /// Takes and returns `wanted`, or the first free `wanted-1`, `wanted-2`, … when it is
    /// taken.
    fn take_unique(&mut self, wanted: String) -> String {
        let (wanted, mut number) = match self.0.entry(wanted) {
            Entry::Vacant(free) => {
                let id = free.key().clone();
                free.insert(1);
                return id;
            }
            Entry::Occupied(taken) => (taken.key().clone(), *taken.get()),
        };
        let unique = loop {
            let candidate = format!("{wanted}-{number}");
            if !self.0.contains_key(&candidate) {
                break candidate;
            }
            number += 1;
        };
        if let Some(first_free) = self.0.get_mut(&wanted) {
            *first_free = number + 1;
        }
        self.0.insert(unique.clone(), 1);
        unique
    }
}

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
fn count_words(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::PageKind;
    use crate::testing::{entry, site};

    fn test_site(unsafe_html: bool) -> Site {
        let mut site = site(vec![
            entry("content/posts/a.md", PageKind::Page, "/posts/a/"),
            entry("content/posts/_index.md", PageKind::Section, "/posts/"),
        ]);
        site.update_config(|config| config.unsafe_html = unsafe_html);
        site
    }

    fn render_with(text: &str, unsafe_html: bool, trusted: &[String]) -> RenderedMarkdown {
        let site = test_site(unsafe_html);
        let page = entry("content/posts/a.md", PageKind::Page, "/posts/a/");
        let context = MarkdownContext {
            site: &site,
            page: &page,
            trusted_html: trusted,
        };
        render(text, &context, 70)
    }

    fn html(text: &str) -> String {
        render_with(text, false, &[]).html
    }

    fn ids(text: &str) -> Vec<String> {
        render_with(text, false, &[])
            .headings
            .into_iter()
            .map(|heading| heading.id)
            .collect()
    }

    #[test]
    fn goldmark_extensions_are_on() {
        assert_eq!(html("~~gone~~"), "<p><del>gone</del></p>\n");
        assert!(html("| a |\n|---|\n| b |").contains("<table>"));
        assert!(html("- [x] done").contains("checked"));
        assert!(html("Term\n: Definition").contains("<dl>"));
        assert!(html("Note[^1]\n\n[^1]: Text").contains("footnote"));
        assert_eq!(
            html("\"Hi\" -- it's... --- ok"),
            "<p>“Hi” – it’s… — ok</p>\n"
        );
        assert_eq!(html("a  \nb"), "<p>a<br />\nb</p>\n");
    }

    /// goldmark starts a definition only at a colon followed by a space or tab, not indented
    /// in its container; Hugo 0.111's output for each case (tests/fixtures/parity,
    /// posts/colons.md).
    #[test]
    fn a_colon_starts_a_definition_only_where_goldmark_starts_one() {
        assert_eq!(html("One\n:P nice"), "<p>One\n:P nice</p>\n");
        assert_eq!(
            html("Two\n:) smile\n:( frown"),
            "<p>Two\n:) smile\n:( frown</p>\n"
        );
        assert_eq!(html("Seven\n:"), "<p>Seven\n:</p>\n");
        assert_eq!(html("Eight\r\n:-)\r\n"), "<p>Eight\n:-)</p>\n");
        assert_eq!(html("Four\n  : indented"), "<p>Four\n: indented</p>\n");
        assert_eq!(
            html("> Nine\n> :P quoted"),
            "<blockquote>\n<p>Nine\n:P quoted</p>\n</blockquote>\n"
        );
        assert_eq!(
            html("- Eleven\n  :P in item"),
            "<ul>\n<li>Eleven\n:P in item</li>\n</ul>\n"
        );
        assert_eq!(
            html("Six\n:\ttab def"),
            "<dl>\n<dt>Six</dt>\n<dd>tab def</dd>\n</dl>\n"
        );
        assert_eq!(
            html("- Twelve\n  : item def"),
            "<ul>\n<li>\n<dl>\n<dt>Twelve</dt>\n<dd>item def</dd>\n</dl>\n</li>\n</ul>\n"
        );
        // The colon comes back wherever it went: code, inline code, a link's title, HTML.
        assert_eq!(
            html("```css\n:root {}\n```"),
            "<pre tabindex=\"0\"><code class=\"language-css\" data-lang=\"css\">:root {}\n</code></pre>\n"
        );
        assert_eq!(html("A `b\n:c` d"), "<p>A <code>b :c</code> d</p>\n");
        assert_eq!(
            html("[a](/x \"t\n:u\")"),
            "<p><a href=\"/x\" title=\"t\n:u\">a</a></p>\n"
        );
        // A table's delimiter row keeps its colons.
        assert!(html("| a | b |\n:--|--:\n| 1 | 2 |").starts_with("<table>"));
        // A page with the stand-in character of its own is parsed as written.
        assert_eq!(
            html("x\u{1a}\n:P"),
            "<dl>\n<dt>x\u{1a}</dt>\n<dd>P</dd>\n</dl>\n"
        );
    }

    #[test]
    fn definition_lists_are_goldmarks_tight_and_loose_ones() {
        assert_eq!(
            html("Apple\n: Pomaceous fruit.\n: Second def.\n\nOrange\n\n: Loose def."),
            "<dl>\n<dt>Apple</dt>\n<dd>Pomaceous fruit.</dd>\n<dd>Second def.</dd>\n\
             <dt>Orange</dt>\n<dd>\n<p>Loose def.</p>\n</dd>\n</dl>\n"
        );
        assert_eq!(
            html("Term1\nTerm2\n: Def one\n\n  more para\n: second"),
            "<dl>\n<dt>Term1</dt>\n<dt>Term2</dt>\n<dd>Def one\n<p>more para</p>\n</dd>\n\
             <dd>second</dd>\n</dl>\n"
        );
        assert_eq!(
            html("> Q\n> : in quote\n>\n> : loose quote"),
            "<blockquote>\n<dl>\n<dt>Q</dt>\n<dd>in quote</dd>\n\
             <dd>\n<p>loose quote</p>\n</dd>\n</dl>\n</blockquote>\n"
        );
    }

    #[test]
    fn bare_urls_become_links_as_goldmarks_linkify_makes_them() {
        assert_eq!(
            html(
                "Visit https://example.com/path. And http://x.org/a_(b) and www.commonmark.org/help, ok."
            ),
            "<p>Visit <a href=\"https://example.com/path\">https://example.com/path</a>. \
             And <a href=\"http://x.org/a_(b)\">http://x.org/a_(b)</a> and \
             <a href=\"https://www.commonmark.org/help\">www.commonmark.org/help</a>, ok.</p>\n"
        );
        assert_eq!(
            html(
                "See (https://example.com/foo) and https://example.com/a?b=c&d=e! \"https://q.org\""
            ),
            "<p>See (<a href=\"https://example.com/foo\">https://example.com/foo</a>) and \
             <a href=\"https://example.com/a?b=c&amp;d=e\">https://example.com/a?b=c&amp;d=e</a>! \
             “<a href=\"https://q.org\">https://q.org</a>”</p>\n"
        );
        assert_eq!(
            html("Ent https://example.com/&hl; and https://x.org/a... and https://x.org: ok"),
            "<p>Ent <a href=\"https://example.com/\">https://example.com/</a>&amp;hl; and \
             <a href=\"https://x.org/a\">https://x.org/a</a>… and \
             <a href=\"https://x.org\">https://x.org</a>: ok</p>\n"
        );
        assert_eq!(
            html("**https://bold.org** (see https://x.org/a(b)c))"),
            "<p><strong><a href=\"https://bold.org\">https://bold.org</a></strong> \
             (see <a href=\"https://x.org/a(b)c\">https://x.org/a(b)c</a>))</p>\n"
        );
    }

    #[test]
    fn email_addresses_link_to_mailto() {
        assert_eq!(
            html("Mail someone@example.org. **b@example.org** _c@example.org_ [d@example.org](/x)"),
            "<p>Mail <a href=\"mailto:someone@example.org\">someone@example.org</a>. \
             <strong><a href=\"mailto:b@example.org\">b@example.org</a></strong> \
             <em>c@example.org</em> <a href=\"/x\">d@example.org</a></p>\n"
        );
    }

    #[test]
    fn text_that_only_looks_like_a_url_stays_text() {
        for text in [
            "www.x and wwwfoo.com and www.ab. and https://x",
            "http://localhost:8080/x and HTTPS://UP.ORG and xhttps://a.org and Www.x.org",
        ] {
            assert!(!html(text).contains("<a"), "{text}");
        }
        assert_eq!(
            html(
                "`https://no.link` [link https://in.link](/posts/a/) ![i https://alt.org](/i.png)"
            ),
            "<p><code>https://no.link</code> <a href=\"/posts/a/\">link https://in.link</a> \
             <img src=\"/i.png\" alt=\"i https://alt.org\" /></p>\n"
        );
        assert_eq!(
            html("```\nhttps://code.org\n```"),
            "<pre tabindex=\"0\"><code>https://code.org\n</code></pre>\n"
        );
        assert_eq!(html("<b>https://x.org</b>").matches("<a").count(), 1);
    }

    #[test]
    fn linkified_urls_in_headings_keep_the_heading_id() {
        assert_eq!(
            html("# Head https://h.org"),
            "<h1 id=\"head-httpshorg\">Head <a href=\"https://h.org\">https://h.org</a></h1>\n"
        );
    }

    const BACKLINK: &str = "class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a>";

    fn reference(id: &str, number: usize) -> String {
        format!(
            "<sup id=\"{id}\"><a href=\"#fn:{number}\" class=\"footnote-ref\" \
             role=\"doc-noteref\">{number}</a></sup>"
        )
    }

    #[test]
    fn footnotes_are_numbered_by_first_reference_and_linked_both_ways() {
        let rendered = render_with(
            "Here[^b] and[^a] again[^b].\n\n[^a]: Note A.\n[^b]: Note B with *em*.\n\n    Second.",
            false,
            &[],
        );
        assert_eq!(
            rendered.html,
            format!(
                "<p>Here{} and{} again{}.</p>\n\
                 <div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n\
                 <li id=\"fn:1\">\n<p>Note B with <em>em</em>.</p>\n\
                 <p>Second.&#160;<a href=\"#fnref:1\" {BACKLINK}&#160;<a href=\"#fnref1:1\" {BACKLINK}</p>\n\
                 </li>\n<li id=\"fn:2\">\n<p>Note A.&#160;<a href=\"#fnref:2\" {BACKLINK}</p>\n</li>\n\
                 </ol>\n</div>\n",
                reference("fnref:1", 1),
                reference("fnref:2", 2),
                reference("fnref1:1", 1)
            )
        );
        assert_eq!(
            rendered.anchors,
            ["fnref:1", "fnref:2", "fnref1:1", "fn:1", "fn:2"]
        );
        assert_eq!(rendered.word_count, 10);
    }

    #[test]
    fn unreferenced_footnotes_are_dropped_and_undefined_ones_stay_text() {
        let html = html(
            "A[^x] E[^nodef] F[^code].\n\n[^unused]: Never.\n\n[^x]: On[^inner].\n\n\
             [^code]: Code:\n\n    ```\n    code\n    ```\n\n[^inner]: Inner.",
        );
        assert!(!html.contains("Never"), "{html}");
        assert!(html.contains("E[^nodef] F"), "{html}");
        assert!(
            html.contains(&format!("<p>On{}.&#160;", reference("fnref:3", 3))),
            "{html}"
        );
        assert!(
            html.contains(&format!(
                "</code></pre>\n&#160;<a href=\"#fnref:2\" {BACKLINK}</li>\n<li id=\"fn:3\">"
            )),
            "{html}"
        );
    }

    #[test]
    fn footnotes_stay_out_of_the_automatic_summary() {
        let words = vec!["word"; 80].join(" ");
        let rendered = render_with(&format!("{words}[^1]\n\nMore.\n\n[^1]: Note."), false, &[]);
        let summary = rendered.summary_html.unwrap_or_default();
        assert!(!summary.contains("footnotes"), "{summary}");
        assert!(summary.contains("fnref:1"), "{summary}");
        let whole = render_with(&format!("{words}[^1]\n\n[^1]: Note."), false, &[]);
        assert_eq!(whole.summary_html, None);
    }

    #[test]
    fn code_blocks_are_hugos_and_highlighted_in_known_languages() {
        assert_eq!(
            html(
                "```rust {.wide linenos=false}\nlet x = \"<b>\";\n```\n\n```cobol\nA < B\n```\n\n    plain < text\n"
            ),
            "<div class=\"highlight\"><pre tabindex=\"0\"><code class=\"language-rust\" \
             data-lang=\"rust\"><span class=\"tok-keyword\">let</span> x = \
             <span class=\"tok-string\">&quot;&lt;b&gt;&quot;</span>;\n</code></pre></div>\n\
             <pre tabindex=\"0\"><code class=\"language-cobol\" data-lang=\"cobol\">A &lt; B\n\
             </code></pre>\n<pre><code>plain &lt; text\n</code></pre>\n"
        );
        let trusted = ["<b>trusted</b>".to_owned()];
        let code = format!("```go\nx := {} // \"it's\"\n```", trusted_marker(0));
        assert_eq!(
            render_with(&code, false, &trusted).html,
            "<div class=\"highlight\"><pre tabindex=\"0\"><code class=\"language-go\" \
             data-lang=\"go\">x := <b>trusted</b> <span class=\"tok-comment\">// \
             &quot;it's&quot;</span>\n</code></pre></div>\n",
            "a shortcode in code stands as its HTML, as in Hugo; the code around it is highlighted"
        );
        assert_eq!(
            html("```go {hl_lines=[2]}\na\nb\n```\n\n``` {linenos=true}\nplain\n```"),
            "<div class=\"highlight\"><pre tabindex=\"0\"><code class=\"language-go\" \
             data-lang=\"go\"><span class=\"line\"><span class=\"cl\">a\n</span></span>\
             <span class=\"line hl\"><span class=\"cl\">b\n</span></span></code></pre></div>\n\
             <pre tabindex=\"0\"><code>plain\n</code></pre>\n",
            "lines when the options ask for them; none without a language, as in Hugo"
        );
        assert_eq!(
            render_with("```py\n# one two\n```", false, &[]).word_count,
            3,
            "the code's words count, as Hugo's plain text has them"
        );
    }

    #[test]
    fn angle_quotes_become_guillemets_outside_code() {
        assert_eq!(
            html("<< guil >> `<<`\n\n    a >> b\n"),
            "<p>« guil » <code>&lt;&lt;</code></p>\n<pre><code>a &gt;&gt; b\n</code></pre>\n"
        );
    }

    #[test]
    fn raw_html_blocks_and_inline_tags_are_omitted() {
        assert_eq!(
            html("<div>\n<script>x</script>\n</div>\n\nText <b>bold</b>."),
            "<!-- raw HTML omitted -->\n<p>Text <!-- raw HTML omitted -->bold<!-- raw HTML omitted -->.</p>\n"
        );
    }

    #[test]
    fn raw_html_is_kept_when_the_site_is_unsafe() {
        let rendered = render_with(
            "<div class=\"x\">\nhi\n</div>\n\nText <b>bold</b>.",
            true,
            &[],
        );
        assert_eq!(
            rendered.html,
            "<div class=\"x\">\nhi\n</div>\n<p>Text <b>bold</b>.</p>\n"
        );
    }

    #[test]
    fn heading_attribute_blocks_keep_only_allowed_attributes() {
        assert_eq!(
            html("## Title {#t .c onfocus=alert(1) autofocus data-x=a style=x id=dup}"),
            "<h2 id=\"t\" class=\"c\" data-x=\"a\">Title</h2>\n"
        );
        assert_eq!(
            html("## Q {title=a&b tabindex=1 ONCLICK=x}"),
            "<h2 id=\"q\" title=\"a&amp;b\">Q</h2>\n"
        );
    }

    #[test]
    fn raw_html_of_an_unsafe_site_goes_through_the_allowlist() {
        let rendered = render_with(
            "<div class=\"note\" onclick=\"x()\">\n<script>alert(1)</script>\n\n*md* <img src=x onerror=alert(1)>\n\n</div>\n\n\
             [a](/posts/a/) <a href=\"java&#x09;script:alert(1)\">b</a> <iframe src=\"https://x.org\"></iframe>",
            true,
            &[],
        );
        assert_eq!(
            rendered.html,
            "<div class=\"note\">\n\n<p><em>md</em> <img src=\"x\"></p>\n</div>\n\
             <p><a href=\"/posts/a/\">a</a> <a href=\"\">b</a> \
             <a class=\"media-link\" href=\"https://x.org\">https://x.org</a></p>\n",
            "an iframe of a web page leaves a link to it"
        );
        let unclosed = render_with("Text <span>open\n\n</main></div>End.", true, &[]).html;
        assert_eq!(
            unclosed, "<p>Text <span>open</span></p>\nEnd.",
            "an author's end tag never closes the page's own elements; theirs are closed"
        );
    }

    #[test]
    fn raw_html_in_a_footnote_is_balanced_within_it() {
        let html = render_with("A[^1].\n\n[^1]: Note <b>bold", true, &[]).html;
        assert!(
            html.contains("Note <b>bold</b>&#160;<a href=\"#fnref:1\""),
            "{html}"
        );
        assert!(html.ends_with("</ol>\n</div>\n"), "{html}");
    }

    #[test]
    fn no_automatic_summary_ends_inside_the_authors_raw_html() {
        let words = vec!["word"; 80].join(" ");
        let text = format!("<div class=\"box\">\n\n{words}\n\n</div>\n\n{words}\n\n{words}");
        let rendered = render_with(&text, true, &[]);
        let summary = rendered.summary_html.unwrap_or_default();
        assert!(summary.ends_with("</div>\n"), "{summary}");
        assert_eq!(summary.matches("<p>").count(), 1);
    }

    #[test]
    fn dangerous_urls_are_emptied_in_links_images_and_autolinks() {
        assert_eq!(
            html("[x](javascript:alert(1))"),
            "<p><a href=\"\">x</a></p>\n"
        );
        assert_eq!(
            html("[x](JavaScript:alert(1))"),
            "<p><a href=\"\">x</a></p>\n"
        );
        assert_eq!(html("[x](<\tvbscript:x>)"), "<p><a href=\"\">x</a></p>\n");
        assert_eq!(
            html("![i](file:///etc/passwd)"),
            "<p><img src=\"\" alt=\"i\" /></p>\n"
        );
        assert_eq!(
            html("<javascript:alert(1)>"),
            "<p><a href=\"\">javascript:alert(1)</a></p>\n"
        );
        assert_eq!(
            html("![i](data:text/html;base64,xx)"),
            "<p><img src=\"\" alt=\"i\" /></p>\n"
        );
        assert_eq!(
            html("![i](data:image/png;base64,xx)"),
            "<p><img src=\"data:image/png;base64,xx\" alt=\"i\" /></p>\n"
        );
        assert!(is_dangerous_url("\u{1}java\tscript:x"));
        assert!(is_dangerous_url("data:image/svg"));
        assert!(!is_dangerous_url("data:image/svg+xml;utf8,<svg/>"));
        assert!(!is_dangerous_url("https://example.org/javascript:"));
        assert!(!is_dangerous_url("/files/notes.txt"));
    }

    #[test]
    fn heading_ids_follow_the_specs_examples() {
        assert_eq!(heading_id("Don't Panic!"), "dont-panic");
        assert_eq!(ids("# Hello *World*"), ["hello-world"]);
        assert_eq!(ids("## C++ & Rust"), ["c--rust"]);
        assert_eq!(
            ids("## Don't Panic!"),
            ["dont-panic"],
            "typographer's ’ is dropped too"
        );
    }

    #[test]
    fn heading_ids_use_the_rendered_text() {
        assert_eq!(
            ids("## See [the overview](/docs/overview/)"),
            ["see-the-overview"]
        );
        assert_eq!(ids("## Fish &amp; Chips"), ["fish--chips"]);
        assert_eq!(ids("## A -- B"), ["a--b"], "the en dash is dropped");
        assert_eq!(ids("## `code_span` here"), ["code_span-here"]);
    }

    #[test]
    fn heading_ids_keep_unicode_and_drop_emoji() {
        assert_eq!(ids("## Ünïcödé Tëst"), ["ünïcödé-tëst"]);
        assert_eq!(ids("## 日本語の見出し"), ["日本語の見出し"]);
        assert_eq!(ids("## Launch 🚀 Day"), ["launch--day"]);
        assert_eq!(ids("## 🚀"), ["heading"]);
        assert_eq!(ids("## !!!\n\n## ???"), ["heading", "heading-1"]);
    }

    #[test]
    fn duplicate_and_explicit_heading_ids() {
        assert_eq!(
            ids("## Notes\n\n## Notes {#notes-1}\n\n## Notes\n\n## Notes"),
            ["notes", "notes-1", "notes-2", "notes-3"]
        );
        assert_eq!(
            ids("## Intro {#custom .wide}\n\n## Custom"),
            ["custom", "custom-1"]
        );
        assert!(html("## Intro {#custom .wide}").contains("<h2 id=\"custom\" class=\"wide\">"));
        let headings = render_with("# One\n\n### Two *b*", false, &[]).headings;
        assert_eq!(
            headings,
            [
                Heading {
                    level: 1,
                    id: "one".to_owned(),
                    text: "One".to_owned()
                },
                Heading {
                    level: 3,
                    id: "two-b".to_owned(),
                    text: "Two b".to_owned()
                },
            ]
        );
    }

    #[test]
    fn internal_links_to_no_page_are_marked_broken() {
        assert_eq!(
            html("[a](/posts/a/) [b](/posts/missing/) [c](/img/x.png) [d](https://x.org/)"),
            "<p><a href=\"/posts/a/\">a</a> \
             <a href=\"/posts/missing/\" class=\"broken-link\">b</a> \
             <a href=\"/img/x.png\">c</a> <a href=\"https://x.org/\">d</a></p>\n"
        );
    }

    #[test]
    fn markdown_links_to_md_files_are_resolved() {
        let rendered = render_with("[s](_index.md#top) [m](missing.md)", false, &[]);
        assert_eq!(
            rendered.html,
            "<p><a href=\"/posts/#top\">s</a> \
             <a href=\"/posts/missing/\" class=\"broken-link\">m</a></p>\n"
        );
        assert_eq!(
            rendered.findings,
            [Finding {
                offset: 19,
                severity: Severity::Warning,
                kind: DiagnosticKind::LinkNotFound {
                    destination: "missing.md".to_owned()
                },
            }]
        );
        assert_eq!(
            rendered.anchor_links,
            [LinkToAnchor {
                offset: 0,
                reference: "_index.md#top".to_owned(),
                page_url: "/posts/".to_owned(),
                anchor: "top".to_owned(),
            }]
        );
    }

    #[test]
    fn trusted_markers_become_html_and_author_html_does_not() {
        let trusted = ["<span class=\"shortcode-error\">x</span>".to_owned()];
        let text = format!(
            "a {} <span>b</span>\n\n## T {}",
            trusted_marker(0),
            trusted_marker(0)
        );
        let rendered = render_with(&text, false, &trusted);
        assert_eq!(
            rendered.html,
            "<p>a <span class=\"shortcode-error\">x</span> \
             <!-- raw HTML omitted -->b<!-- raw HTML omitted --></p>\n\
             <h2 id=\"t\">T <span class=\"shortcode-error\">x</span></h2>\n"
        );
        let in_link = render_with(
            &format!("[a](/posts/a/{})", trusted_marker(0)),
            false,
            &trusted,
        );
        assert_eq!(in_link.html, "<p><a href=\"/posts/a/\">a</a></p>\n");
        assert_eq!(strip_markers("a\u{e000}9\u{e001}b\u{e000}x"), "abx");
    }

    #[test]
    fn words_are_counted_from_the_plain_text() {
        let rendered = render_with(
            "# Title here\n\nOne **two**three `four` ![alt words](x.png)\n\n- five\n- six",
            false,
            &[],
        );
        assert_eq!(rendered.word_count, 7);
    }

    #[test]
    fn words_in_footnotes_and_shortcode_html_count_as_hugos_plain_text() {
        let figure = "<figure><img src=\"/p.png\"\n         alt=\"A figure\"/><figcaption>\n\
                      <p>A figure</p>\n</figcaption>\n</figure>"
            .to_owned();
        let text = format!(
            "A note[^1] here.\n\n{}\n\n[^1]: The note.",
            trusted_marker(0)
        );
        // A, note1 (the number runs on), here., A, figure, The, note.&#160;↩︎ (the back link
        // runs on too).
        assert_eq!(render_with(&text, false, &[figure]).word_count, 7);
    }

    #[test]
    fn the_automatic_summary_keeps_whole_paragraphs() {
        let paragraph = |words: usize| vec!["word"; words].join(" ");
        let text = format!(
            "{}\n\n{}\n\n{}",
            paragraph(40),
            paragraph(40),
            paragraph(10)
        );
        let rendered = render_with(&text, false, &[]);
        assert_eq!(rendered.word_count, 90);
        let summary = rendered.summary_html.unwrap_or_default();
        assert_eq!(summary.matches("<p>").count(), 2);
        assert!(rendered.html.starts_with(&summary));

        let short = render_with(
            &format!("{}\n\n{}", paragraph(40), paragraph(30)),
            false,
            &[],
        );
        assert_eq!(
            short.summary_html, None,
            "reached only at the very end: not truncated"
        );
        let shorter = render_with(&paragraph(12), false, &[]);
        assert_eq!(shorter.summary_html, None);
    }

    #[test]
    fn the_summary_never_cuts_inside_a_list() {
        let item = vec!["word"; 40].join(" ");
        let text = format!("- {item}\n\n  {item}\n- b\n\nAfter.");
        let rendered = render_with(&text, false, &[]);
        let summary = rendered.summary_html.unwrap_or_default();
        assert!(summary.ends_with("</ul>\n"), "{summary}");
    }

    #[test]
    fn nothing_panics_on_odd_input() {
        for text in [
            "",
            "#",
            "[",
            "![",
            "<",
            "\u{e000}",
            "\u{e000}99999999999999999999\u{e001}",
            "https://",
            "www.",
            "www.a.b\u{e000}0\u{e001}",
            "https://a.b/&;)))((é;",
            ": x",
            "a\n: ",
            "a\n:\n: b\n\n>: c",
            "[^x]",
            "[^x]: a[^x]\n\n[^x]",
            "[^a]\n\n[^a]: > [^a]:",
            "|",
            "'\"'\"-'.'<'>",
            "a@b.c@d.e_ x@y.z- www.a.b/(((;",
            "<p>\u{e002}</p>",
            "<p id=\"\u{e002}9e&amp;\u{e003}&#39;\u{e004}\u{e002}\u{e004}\u{e002}2a\u{e004}\">",
        ] {
            let _ = render_with(text, false, &[]);
            let _ = render_with(text, true, &[]);
        }
    }
}
