//! Rendering one page's body: shortcodes, then Markdown, then the summary, word count and
//! reading time, with every problem placed at its line and column in the source file.
//!
//! 1. The first `<!--more-->` splits off the summary (in the full text it is a paragraph
//!    break, as in Hugo, also in the middle of a line).
//! 2. [`shortcode::expand`] runs on the raw Markdown; [`markdown::render`] on its output.
//! 3. Findings of both stages are mapped back to the body, then shifted by the body's first
//!    line so they point into the original file.
//! 4. Summary: the `<!--more-->` part, else the front matter `summary` (Markdown, no
//!    shortcodes), else the automatic one.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::error::{Diagnostic, Finding, line_columns};
use super::html::resolve_relative_urls;
use super::markdown::{self, Heading, MarkdownContext};
use super::reading_aids::add_reading_aids;
use super::shortcode;
use super::site::{PageEntry, Site};

/// Words per minute in Hugo's reading time.
const WORDS_PER_MINUTE: usize = 212;

/// The summary divider.
const MORE_DIVIDER: &str = "<!--more-->";

/// A link to an `#anchor` of a page, placed in the source file (for the anchor check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorLink {
    pub page_url: String,
    pub anchor: String,
    /// The link destination as written (after shortcode expansion).
    pub reference: String,
    pub line: usize,
    pub column: usize,
}

/// A page's body as HTML, with what lists and checks need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPage {
    pub html: String,
    /// Problems, placed in `page.source`.
    pub diagnostics: Vec<Diagnostic>,
    pub summary_html: String,
    /// Whether the summary is shorter than the page (a "read more" is due).
    pub truncated: bool,
    pub word_count: usize,
    /// Minutes, `ceil(words / 212)`.
    pub reading_time: usize,
    /// Every heading in order, for a table of contents.
    pub headings: Vec<Heading>,
    /// Ids that links may point to: headings and footnotes.
    pub anchors: Vec<String>,
    pub anchor_links: Vec<AnchorLink>,
    /// Every image the body shows, placed in `page.source`.
    pub images: Vec<PlacedImage>,
}

/// An image of a page's body and where its address is written in the source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedImage {
    /// As the page has it: relative ones are relative to the page's URL.
    pub src: String,
    pub line: usize,
    pub column: usize,
}

/// Renders `body` (the Markdown after the front matter) of `page`.
pub fn render_page(site: &Site, page: &PageEntry, body: &str) -> RenderedPage {
    render_page_with_summary(site, page, body, None)
}

/// What a page shows of its body: the HTML and the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BodyHtml {
    pub html: String,
    /// See [`table_of_contents`].
    pub toc: Vec<Heading>,
}

/// Only the HTML of `body`, with the reading aids, and its table of contents: what a page
/// shows, in the browser and in the prerendered page alike. It skips the summary and the
/// placing of problems in the file (the build reports those), which keeps that code out of
/// the wasm.
pub fn render_html(site: &Site, page: &PageEntry, body: &str) -> BodyHtml {
    RENDERS.fetch_add(1, Ordering::Relaxed);
    let text = without_more_divider(body, find_more_divider(body));
    let expansion = shortcode::expand(&text, site, page);
    let context = MarkdownContext {
        site,
        page,
        trusted_html: &expansion.trusted_html,
    };
    let rendered = markdown::render(&expansion.text, &context, site.config().summary_length);
    BodyHtml::of_markdown(&rendered.html, rendered.headings)
}

impl BodyHtml {
    /// What a page shows of a body rendered from Markdown (its HTML and headings, as
    /// [`RenderedPage`] has them): the HTML with the reading aids, and the table of contents.
    pub fn of_markdown(html: &str, headings: Vec<Heading>) -> BodyHtml {
        BodyHtml {
            html: add_reading_aids(html),
            toc: table_of_contents(headings),
        }
    }
}

/// See [`render_count`].
static RENDERS: AtomicUsize = AtomicUsize::new(0);

/// How many page bodies this process has rendered from Markdown ([`render_html`] and
/// [`render_page_with_summary`] calls; the latter also renders a manual summary, the text
/// before `<!--more-->`, on its own): the build prints it, to show one render per page.
pub fn render_count() -> usize {
    RENDERS.load(Ordering::Relaxed)
}

/// The headings a table of contents lists: the h2s and h3s, as Hugo's `.TableOfContents`
/// by default; none when there are fewer than two, where a table would not help.
pub fn table_of_contents(mut headings: Vec<Heading>) -> Vec<Heading> {
    headings.retain(|heading| matches!(heading.level, 2 | 3));
    if headings.len() < 2 {
        headings.clear();
    }
    headings
}

/// [`render_page`] for a page whose front matter has a `summary` (the build passes it; the
/// browser only needs the body HTML and uses [`render_page`]).
pub fn render_page_with_summary(
    site: &Site,
    page: &PageEntry,
    body: &str,
    front_matter_summary: Option<&str>,
) -> RenderedPage {
    RENDERS.fetch_add(1, Ordering::Relaxed);
    let divider = find_more_divider(body);
    let full = render_body(
        site,
        page,
        &without_more_divider(body, divider.clone()),
        body,
    );
    let (summary_html, truncated) = match (divider, front_matter_summary) {
        (Some(range), _) => {
            let before = body.get(..range.start).unwrap_or("");
            let after = body.get(range.end..).unwrap_or("");
            let summary = render_body(site, page, before, before);
            (summary.html, !after.trim().is_empty())
        }
        (None, Some(summary)) => {
            let context = MarkdownContext {
                site,
                page,
                trusted_html: &[],
            };
            // No shortcode stage replaces the marker characters here: authors cannot write
            // them in a summary either.
            let summary = markdown::without_marker_characters(summary);
            let rendered = markdown::render(&summary, &context, site.config().summary_length);
            (rendered.html, full.word_count > 0)
        }
        (None, None) => match &full.summary_html {
            Some(summary) => (summary.clone(), true),
            None => (full.html.clone(), false),
        },
    };
    // Lists show the summary away from the page: its bundle files and anchors are the page's.
    let summary_html = resolve_relative_urls(&summary_html, &page.url).into_owned();
    RenderedPage {
        reading_time: full.word_count.div_ceil(WORDS_PER_MINUTE),
        html: full.html,
        diagnostics: full.diagnostics,
        summary_html,
        truncated,
        word_count: full.word_count,
        headings: full.headings,
        anchors: full.anchors,
        anchor_links: full.anchor_links,
        images: full.images,
    }
}

/// One body text through both stages, with findings placed in the file by `as_written`,
/// the body as written (`body` may have its summary divider made a paragraph break).
struct Body {
    html: String,
    summary_html: Option<String>,
    word_count: usize,
    headings: Vec<Heading>,
    anchors: Vec<String>,
    anchor_links: Vec<AnchorLink>,
    images: Vec<PlacedImage>,
    diagnostics: Vec<Diagnostic>,
}

fn render_body(site: &Site, page: &PageEntry, body: &str, as_written: &str) -> Body {
    let expansion = shortcode::expand(body, site, page);
    let context = MarkdownContext {
        site,
        page,
        trusted_html: &expansion.trusted_html,
    };
    let rendered = markdown::render(&expansion.text, &context, site.config().summary_length);
    // Every finding, anchor link and image is placed in the body in one pass over it.
    let rendered_offsets = rendered
        .findings
        .iter()
        .map(|finding| finding.offset)
        .chain(rendered.anchor_links.iter().map(|link| link.offset))
        .chain(rendered.images.iter().map(|image| image.offset))
        .map(|offset| expansion.source_offset(offset));
    let offsets: Vec<usize> = expansion
        .findings
        .iter()
        .map(|finding| finding.offset)
        .chain(rendered_offsets)
        .chain(expansion.images.iter().map(|image| image.offset))
        .collect();
    let mut places = line_columns(as_written, &offsets)
        .into_iter()
        .map(|(line, column)| (page.body_line.max(1) + line - 1, column));
    let mut diagnostic = |finding: Finding| {
        let (line, column) = places.next().unwrap_or((0, 0));
        Diagnostic {
            severity: finding.severity,
            file: page.source.clone(),
            line,
            column,
            kind: finding.kind,
        }
    };
    let mut diagnostics: Vec<Diagnostic> = expansion
        .findings
        .into_iter()
        .map(&mut diagnostic)
        .collect();
    diagnostics.extend(rendered.findings.into_iter().map(&mut diagnostic));
    diagnostics.sort_by_key(|diagnostic| (diagnostic.line, diagnostic.column));
    let anchor_links = rendered
        .anchor_links
        .into_iter()
        .zip(&mut places)
        .map(|(link, (line, column))| AnchorLink {
            page_url: link.page_url,
            anchor: link.anchor,
            reference: link.reference,
            line,
            column,
        })
        .collect();
    // The Markdown's own images, then the shortcodes', each in the order written.
    let mut images: Vec<PlacedImage> = rendered
        .images
        .into_iter()
        .chain(expansion.images)
        .zip(places)
        .map(|(image, (line, column))| PlacedImage {
            src: image.src,
            line,
            column,
        })
        .collect();
    images.sort_by_key(|image| (image.line, image.column));
    Body {
        html: rendered.html,
        summary_html: rendered.summary_html,
        word_count: rendered.word_count,
        headings: rendered.headings,
        anchors: rendered.anchors,
        anchor_links,
        images,
        diagnostics,
    }
}

/// The full text of a body with its `<!--more-->` divider (at `divider`) made a paragraph
/// break, as Hugo's stand-in for it (`\n\nHUGOMORE42\n\n`) makes one: spaces, then two line
/// breaks, the divider's length, so every later offset stays.
fn without_more_divider(body: &str, divider: Option<std::ops::Range<usize>>) -> String {
    let mut text = body.to_owned();
    if let Some(range) = divider {
        let spaces = range.len().saturating_sub(2);
        text.replace_range(range, &format!("{}\n\n", " ".repeat(spaces)));
    }
    text
}

/// Hugo's summary divider: the first `<!--more-->` of the body wherever it is (Hugo's page
/// lexer finds it inside a paragraph, and in code too), with the white space after it.
fn find_more_divider(body: &str) -> Option<std::ops::Range<usize>> {
    let start = body.find(MORE_DIVIDER)?;
    let end = start + MORE_DIVIDER.len();
    let after = body.get(end..).unwrap_or_default();
    let spaces = after.len() - after.trim_start_matches([' ', '\t', '\r', '\n']).len();
    Some(start..end + spaces)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{DiagnosticKind, Severity};
    use crate::site::PageKind;
    use crate::testing::{entry, site};

    fn page() -> PageEntry {
        let mut page = entry("content/posts/a.md", PageKind::Page, "/posts/a/");
        page.body_line = 5;
        page
    }

    fn rendered(body: &str, summary: Option<&str>) -> RenderedPage {
        let page = page();
        let site = site(vec![page.clone()]);
        render_page_with_summary(&site, &page, body, summary)
    }

    fn words(count: usize) -> String {
        vec!["word"; count].join(" ")
    }

    #[test]
    fn the_more_divider_makes_the_summary() {
        let result = rendered("Intro *here*.\n<!--more-->\nRest of it.\n", None);
        assert_eq!(result.summary_html, "<p>Intro <em>here</em>.</p>\n");
        assert!(result.truncated);
        assert_eq!(
            result.html,
            "<p>Intro <em>here</em>.</p>\n<p>Rest of it.</p>\n"
        );
        assert!(!result.html.contains("omitted"));
        assert_eq!(result.word_count, 5);
    }

    #[test]
    fn the_browsers_html_is_the_builds_html_with_the_reading_aids() {
        let page = page();
        let site = site(vec![page.clone()]);
        let body = "Intro.\n<!--more-->\n## Part\n\nSee [x]({{< relref \"nope\" >}}) and {{< mystery >}}.\n";
        let html = render_html(&site, &page, body).html;
        assert_eq!(
            html,
            add_reading_aids(&render_page(&site, &page, body).html)
        );
        assert!(
            html.contains("<h2 id=\"part\">Part</h2><a class=\"heading-anchor\""),
            "{html}"
        );
        assert!(html.contains("broken-link"), "{html}");
        assert!(
            html.contains("See <a href=\"/posts/nope/\" class=\"broken-link\">x</a> and .</p>"),
            "an unknown shortcode is left out: {html}"
        );
    }

    #[test]
    fn a_more_divider_with_nothing_after_is_not_truncated() {
        let result = rendered("All of it.\n\n<!--more-->\n", None);
        assert!(!result.truncated);
        assert_eq!(result.html, "<p>All of it.</p>\n");
    }

    /// Hugo (0.111 and current alike) finds the first `<!--more-->` anywhere and splits the
    /// paragraph there; its output for these bodies (tests/fixtures/parity,
    /// posts/inline-more.md has the first).
    #[test]
    fn an_inline_more_divider_splits_its_paragraph_as_hugos_does() {
        let inline = rendered(
            "First paragraph with *markup* and the divider <!--more--> right here, inline.\n\n\
             Second paragraph.\n",
            None,
        );
        assert_eq!(
            inline.summary_html,
            "<p>First paragraph with <em>markup</em> and the divider</p>\n"
        );
        assert_eq!(
            inline.html,
            "<p>First paragraph with <em>markup</em> and the divider</p>\n\
             <p>right here, inline.</p>\n<p>Second paragraph.</p>\n"
        );
        assert!(inline.truncated);
        let glued = rendered("Start.<!--more-->End of the same line.\n", None);
        assert_eq!(glued.summary_html, "<p>Start.</p>\n");
        assert_eq!(glued.html, "<p>Start.</p>\n<p>End of the same line.</p>\n");
        // Only the first divides; a later one is raw HTML, omitted.
        let twice = rendered("A <!--more--> B\n\nC\n<!--more-->\nD\n", None);
        assert_eq!(twice.summary_html, "<p>A</p>\n");
        assert!(twice.html.contains("<p>B</p>"), "{}", twice.html);
        assert!(twice.html.contains("raw HTML omitted"), "{}", twice.html);
    }

    #[test]
    fn findings_after_an_inline_divider_keep_their_line() {
        let result = rendered("Text <!--more--> more {{< mystery >}}.\n", None);
        let places: Vec<(usize, usize)> = result
            .diagnostics
            .iter()
            .map(|diagnostic| (diagnostic.line, diagnostic.column))
            .collect();
        assert_eq!(places, [(5, 23)]);
    }

    #[test]
    fn a_front_matter_summary_comes_next() {
        let result = rendered(
            &format!("{}\n\n{}", words(80), words(10)),
            Some("*Short* one"),
        );
        assert_eq!(result.summary_html, "<p><em>Short</em> one</p>\n");
        assert!(result.truncated);
        let divided = rendered("First.\n<!--more-->\nSecond.", Some("Ignored"));
        assert_eq!(divided.summary_html, "<p>First.</p>\n");
    }

    #[test]
    fn marker_characters_in_a_front_matter_summary_are_text() {
        // U+E002 opens a heading slot inside the Markdown stage: taken as one, it swallowed
        // the rest of the summary and left `<pre><code>` open.
        let result = rendered("Body.", Some("\t\u{e002}x\n\n\u{e000}0\u{e001}"));
        assert_eq!(
            result.summary_html,
            "<pre><code>\u{fffd}x\n</code></pre>\n<p>\u{fffd}0\u{fffd}</p>\n"
        );
    }

    #[test]
    fn the_automatic_summary_is_whole_paragraphs() {
        let result = rendered(
            &format!("{}\n\n{}\n\n{}", words(50), words(30), words(5)),
            None,
        );
        assert_eq!(result.summary_html.matches("<p>").count(), 2);
        assert!(result.truncated);
        assert_eq!(result.word_count, 85);
        let short = rendered("Only a few words.", None);
        assert_eq!(short.summary_html, short.html);
        assert!(!short.truncated);
    }

    #[test]
    fn reading_time_rounds_up_at_212_words() {
        assert_eq!(rendered("", None).reading_time, 0);
        assert_eq!(rendered(&words(212), None).reading_time, 1);
        assert_eq!(rendered(&words(213), None).reading_time, 2);
    }

    #[test]
    fn diagnostics_point_into_the_original_file() {
        let body = "Line one.\n\nSee [x]({{< relref \"nope\" >}}) and [y](gone.md).\n";
        let result = rendered(body, None);
        let placed: Vec<(usize, usize, Severity)> = result
            .diagnostics
            .iter()
            .map(|diagnostic| (diagnostic.line, diagnostic.column, diagnostic.severity))
            .collect();
        assert_eq!(
            placed,
            [(7, 9, Severity::Warning), (7, 36, Severity::Warning)]
        );
        assert_eq!(
            result
                .diagnostics
                .first()
                .map(ToString::to_string)
                .unwrap_or_default(),
            "REF_NOT_FOUND: Ref \"nope\": \"content/posts/a.md:7:9\": page not found"
        );
        assert!(matches!(
            result.diagnostics.get(1).map(|d| &d.kind),
            Some(DiagnosticKind::LinkNotFound { .. })
        ));
    }

    #[test]
    fn headings_in_a_details_body_share_the_pages_ids_and_heading_list() {
        let result = rendered(
            "## Intro\n\n{{< details >}}\n## Intro\n\n### 5'10\" & x {#custom}\n{{< /details >}}\n\n## Intro",
            None,
        );
        let headings: Vec<(u8, &str, &str)> = result
            .headings
            .iter()
            .map(|heading| (heading.level, heading.id.as_str(), heading.text.as_str()))
            .collect();
        assert_eq!(
            headings,
            [
                (2, "intro", "Intro"),
                (2, "intro-2", "Intro"),
                (3, "custom", "5'10\" & x"),
                (2, "intro-1", "Intro")
            ],
            "the page's own headings keep Hugo's ids; the inner ones take free ones"
        );
        assert!(
            result
                .html
                .contains("<h2 id=\"intro-2\">Intro</h2>\n<h3 id=\"custom\">"),
            "{}",
            result.html
        );
        assert_eq!(result.anchors, ["intro", "intro-1", "intro-2", "custom"]);
    }

    #[test]
    fn the_table_of_contents_lists_h2_and_h3_when_there_are_two_or_more() {
        let page = page();
        let site = site(vec![page.clone()]);
        let toc = |body: &str| -> Vec<(u8, String, String)> {
            render_html(&site, &page, body)
                .toc
                .into_iter()
                .map(|heading| (heading.level, heading.id, heading.text))
                .collect()
        };
        let entry = |level: u8, id: &str, text: &str| (level, id.to_owned(), text.to_owned());
        assert_eq!(
            toc("# Title\n\n## Why *this*?\n\n### Don't panic\n\n#### Deeper\n\n## Why *this*?\n"),
            [
                entry(2, "why-this", "Why this?"),
                entry(3, "dont-panic", "Don’t panic"),
                entry(2, "why-this-1", "Why this?"),
            ]
        );
        assert_eq!(toc("## Only one\n\n#### And a deep one\n"), []);
        assert_eq!(toc("No headings at all."), []);
    }

    #[test]
    fn anchor_links_are_placed_in_the_file() {
        let result = rendered(
            "# Top\n\n[up](#top) [self]({{< relref \"a#nowhere\" >}})",
            None,
        );
        assert_eq!(result.anchors, ["top"]);
        let links: Vec<(&str, &str, usize, usize)> = result
            .anchor_links
            .iter()
            .map(|link| {
                (
                    link.page_url.as_str(),
                    link.anchor.as_str(),
                    link.line,
                    link.column,
                )
            })
            .collect();
        assert_eq!(
            links,
            [("/posts/a/", "top", 7, 1), ("/posts/a/", "nowhere", 7, 12)]
        );
    }
}
