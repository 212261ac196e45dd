//! Markdown to safe HTML: the one place pulldown-cmark's options are set, and the passes over
//! its events that make its output Hugo's (goldmark's defaults).
//!
//! The text is parsed with [`options`] (block quotes and list items nested at most 100 deep,
//! see `nesting.rs`; a definition only where goldmark starts one, see `definition_marks.rs`),
//! made typographic (goldmark's rules) and its adjacent text events merged. Then each event
//! goes through the passes, in this order, each handing what it makes to the next:
//! 1. `raw_html.rs`: the author's raw HTML, omitted unless the site is `unsafe`, else through
//!    the allowlist ([`super::sanitize`]).
//! 2. `definitions.rs`: definition lists as goldmark writes them.
//! 3. `code.rs`: code blocks in Hugo's markup, highlighted ([`super::highlight`]).
//! 4. `linkify.rs`: bare web and e-mail addresses become links.
//! 5. `links.rs`: links and images checked, resolved and collected.
//! 6. Footnote references numbered (`footnotes.rs`).
//! 7. `headings.rs`: headings get Hugo's ids.
//! 8. `markers.rs`: trusted markers (HTML made by the shortcode stage) become their HTML; the
//!    body's events and the footnote definitions are gathered (`output.rs`).
//!
//! Then the footnote list goes after the body, the headings of shortcode HTML get their ids,
//! words are counted and the automatic summary's end is found (`words.rs`), and
//! pulldown-cmark's writer writes the HTML.

mod code;
mod definitions;
mod footnotes;
mod headings;
mod linkify;
mod links;
mod markers;
mod output;
mod raw_html;
mod words;

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, TextMergeWithOffset, html};

use self::code::CodeBlocks;
pub(crate) use self::code::{code_html, code_language_attributes};
use self::definitions::Definitions;
use self::headings::Headings;
use self::linkify::Linkify;
use self::links::Links;
use self::markers::Markers;
pub(crate) use self::markers::{replace_markers, trusted_marker, without_marker_characters};
use self::output::Output;
use self::raw_html::RawHtml;
use self::words::count_words;
use super::definition_marks;
use super::error::Finding;
use super::nesting::bound_nesting;
use super::site::{PageEntry, Site};
use super::typographer;

/// The Markdown extensions Hugo's goldmark has on by default (linkify, which pulldown-cmark
/// lacks, is a pass here; so is the typographer, by goldmark's rules).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
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
    let mut passes = Passes {
        raw_html: RawHtml::new(context.site.config().unsafe_html),
        definitions: Definitions::new(text),
        code_blocks: CodeBlocks::default(),
        linkify: Linkify::new(text),
        links: Links::new(context, text),
        headings: Headings::new(context.trusted_html, heading_ids),
        markers: Markers::new(context.trusted_html),
        output: Output::default(),
        found: RenderedMarkdown::default(),
    };
    for (event, range) in TextMergeWithOffset::new(parsed.into_iter()) {
        passes.push(Pass::RawHtml, event, range);
    }
    passes.finish(text.len());
    let Passes {
        headings,
        mut output,
        found: mut rendered,
        ..
    } = passes;
    let mut events = output.events;
    let body_length = events.len();
    events.extend(output.footnotes.section(&mut rendered.anchors));
    if heading_ids == HeadingIds::Page {
        headings.place_deferred(&mut events, &mut rendered);
    }
    let (body, footnotes) = events.split_at(body_length);
    let (word_count, summary_end) = count_words(body, summary_length, &output.inside_raw_html);
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

/// An event and where the text has it (what a pass makes is placed where its cause is).
type Located<'a> = (Event<'a>, Range<usize>);

/// The passes, in the order the events go through them.
#[derive(Clone, Copy)]
enum Pass {
    RawHtml,
    Definitions,
    CodeBlocks,
    Linkify,
    Links,
    FootnoteReferences,
    Headings,
    Markers,
}

impl Pass {
    fn next(self) -> Option<Pass> {
        match self {
            Pass::RawHtml => Some(Pass::Definitions),
            Pass::Definitions => Some(Pass::CodeBlocks),
            Pass::CodeBlocks => Some(Pass::Linkify),
            Pass::Linkify => Some(Pass::Links),
            Pass::Links => Some(Pass::FootnoteReferences),
            Pass::FootnoteReferences => Some(Pass::Headings),
            Pass::Headings => Some(Pass::Markers),
            Pass::Markers => None,
        }
    }
}

/// Each pass's state, and what they find besides the events (in the order found).
struct Passes<'a, 'c> {
    raw_html: RawHtml,
    definitions: Definitions<'a>,
    code_blocks: CodeBlocks<'a>,
    linkify: Linkify<'a>,
    links: Links<'a, 'c>,
    headings: Headings<'a, 'c>,
    markers: Markers<'c>,
    output: Output<'a>,
    found: RenderedMarkdown,
}

impl<'a> Passes<'a, '_> {
    /// Closes, at `end`, what the author's raw HTML left open: the end tags go on from the
    /// pass after the raw HTML one.
    fn finish(&mut self, end: usize) {
        if let Some(closing) = self.raw_html.finish() {
            self.push(Pass::Definitions, closing, end..end);
        }
    }

    /// Runs `event` through `pass`, and each event that pass makes of it through the passes
    /// after it, before the next: a pass sees the events in the order of the text, and
    /// reads the state of those before it as of the event it has.
    fn push(&mut self, pass: Pass, event: Event<'a>, range: Range<usize>) {
        let mut made = Vec::new();
        let found = &mut self.found;
        match pass {
            Pass::RawHtml => self
                .raw_html
                .push(event, range, &mut found.images, &mut made),
            Pass::Definitions => self.definitions.push(event, range, &mut made),
            Pass::CodeBlocks => self.code_blocks.push(event, range, &mut made),
            Pass::Linkify => self.linkify.push(event, range, &mut made),
            Pass::Links => self.links.push(event, range, found, &mut made),
            Pass::FootnoteReferences => {
                let event = match event {
                    Event::FootnoteReference(label) => {
                        self.output.footnotes.reference(&label, &mut found.anchors)
                    }
                    other => Some(other),
                };
                made.extend(event.map(|event| (event, range)));
            }
            Pass::Headings => self.headings.push(event, range, found, &mut made),
            Pass::Markers => {
                self.output.raw_html_open = self.raw_html.has_open_elements();
                self.markers
                    .push(event, self.links.in_image(), &mut self.output);
            }
        }
        let Some(next) = pass.next() else {
            return;
        };
        for (event, range) in made {
            self.push(next, event, range);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::headings::heading_id;
    use super::markers::strip_markers;
    use super::*;
    use crate::error::{DiagnosticKind, Severity};
    use crate::html::is_dangerous_url;
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
