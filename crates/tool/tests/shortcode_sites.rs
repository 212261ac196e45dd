//! A blog in the shape of a PaperMod site (`tests/fixtures/shortcodes`): Hugo's built-in
//! shortcodes, PaperMod's `rawhtml` and `collapse`, and the site's own templates under
//! `layouts/shortcodes/`, as the build renders them and as the browser renders the Markdown
//! the build writes for it (which holds the templates' output: the browser has no template
//! engine).

use std::path::PathBuf;

mod common;

use blogreader_content::error::DiagnosticKind;
use blogreader_content::front_matter;
use blogreader_content::render::render_html;
use blogtool::{self as tool, BuiltSite};

fn fixture() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("tests/fixtures/shortcodes")
}

fn built() -> BuiltSite {
    tool::build(&fixture()).expect("the fixture builds")
}

/// The body of `url` as the browser shows it: the Markdown the build wrote for the page,
/// rendered with the site's and the route's data (no templates: the browser has none).
fn browser_html(built: &BuiltSite, url: &str) -> String {
    common::browser_body(built, url)
        .expect("the page has a body")
        .html
}

/// The body of `url` as the build renders its source, with the site's templates.
fn build_html(built: &BuiltSite, url: &str) -> String {
    let page = built.site.page_by_url(url).expect("page exists");
    let text = std::fs::read_to_string(fixture().join(&page.source)).expect("source");
    let body = front_matter::split(&text)
        .expect("front matter splits")
        .body;
    render_html(&built.site, page, body).html
}

const PAGES: [&str; 4] = [
    "/posts/raw-html/",
    "/posts/embeds/",
    "/posts/own-shortcodes/",
    "/posts/unrenderable/",
];

#[test]
fn the_browser_shows_what_the_build_renders() {
    let built = built();
    for url in PAGES {
        assert_eq!(browser_html(&built, url), build_html(&built, url), "{url}");
    }
}

#[test]
fn rawhtml_keeps_the_authors_figures_and_links_through_the_allowlist() {
    let html = browser_html(&built(), "/posts/raw-html/");
    for expected in [
        "<figure class=\"photo\">",
        "<img src=\"/media/harbour.png\" alt=\"The harbour at dawn\">",
        "<figcaption>The harbour at dawn, <em>before the rain</em>.</figcaption>",
        "<li><a href=\"https://learn.example/rust-basics\" target=\"_blank\">Rust basics</a></li>",
        "<li><a href=\"\">A link that is not one</a></li>",
        "<a class=\"media-link\" href=\"https://www.youtube-nocookie.com/embed/abc123XYZ\">\
         Workshop talk recording</a>",
        "<p>And a few words in <span class=\"accent\">colour</span>.</p>",
    ] {
        assert!(html.contains(expected), "{expected}\n{html}");
    }
    for gone in [
        "onerror",
        "<script",
        "owned",
        "<iframe",
        "javascript:",
        "raw html",
    ] {
        assert!(!html.contains(gone), "{gone}\n{html}");
    }
}

#[test]
fn hugos_embeds_are_links_and_collapse_is_details() {
    let html = browser_html(&built(), "/posts/embeds/");
    for expected in [
        "<a href=\"https://gist.github.com/samwriter/4d1c8c7e2b9f0a1d#file-build-sh\">build.sh by \
         samwriter on GitHub Gist</a>",
        "<a href=\"https://x.com/samwriter/status/1700000000000000001\">Post by @samwriter on X</a>",
        "<a href=\"https://x.com/samwriter/status/1700000000000000002\">Post by @samwriter on X</a>",
        "<a href=\"https://player.vimeo.com/video/76979871?dnt=1\"",
        "<a href=\"https://www.youtube-nocookie.com/embed/abc123XYZ\" title=\"The workshop talk\">",
        "<a href=\"https://www.instagram.com/p/C0ffee12345/\">Post on Instagram</a>",
        "<span class=\"qr\"><a href=\"https://shortcodes.example/\">https://shortcodes.example/</a></span>",
        "<details open>\n  <summary>What I used</summary>\n  <p>A laptop, a <strong>projector</strong>, and patience.</p>\n</details>",
        "<details>\n  <summary>Closed by default</summary>",
    ] {
        assert!(html.contains(expected), "{expected}\n{html}");
    }
}

#[test]
fn the_sites_own_templates_render_as_hugo_renders_them() {
    let html = browser_html(&built(), "/posts/own-shortcodes/");
    // Each as Hugo 0.111 writes it for these templates (the newline that ends a template
    // file is part of its output there too), through the allowlist.
    for expected in [
        "<div class=\"notice notice-warning\">\n  <p class=\"notice-title\">Warning</p>\n  \
         Back up <strong>before</strong> you upgrade.\n</div>",
        "<aside class=\"callout callout-tip\" role=\"note\"><p class=\"callout-title\"><strong>A tip\
         </strong></p><p>Keep notes <em>short</em>.</p>\n</aside>",
        "<kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>P</kbd>",
        "<a class=\"button\" href=\"https://docs.example/palette\" rel=\"noopener\">read the docs</a>",
        "<mark>worth marking</mark>",
        "e = mc<sup>2</sup>",
        "<div class=\"column\"><strong>Left</strong> column.</div>\n  <div class=\"column\"><em>Right\
         </em> column.</div>",
        "Written by Sam Writer; write to <a href=\"mailto:help@shortcodes.example\">help at \
         shortcodes.example</a>",
        "<a class=\"post-link\" href=\"/posts/embeds/\">the embeds post</a>",
        "<footer>— A. Reader, <cite>Letters</cite></footer>",
        "<details class=\"spoiler\"><summary>The ending</summary>It was the <strong>harbour</strong> \
         all along.</details>",
        "<pre class=\"mermaid\">\ngraph LR; A--&gt;B\n</pre>",
        "<span class=\"platform\">on Learnly</span> <span class=\"badge\">free</span>",
        "<a class=\"media-link\" href=\"/media/intro.mp3\">The intro</a>",
        "About 1 min for “The site's own shortcodes”.",
        "Built for Shortcode Notes",
    ] {
        assert!(html.contains(expected), "{expected}\n{html}");
    }
    assert!(!html.contains("today.inline"), "{html}");
}

#[test]
fn a_template_reading_the_pages_reading_time_shows_the_final_figure_in_its_summary_too() {
    // The summary (the home page's card) is rendered with the page, before the page's words
    // are counted: the build renders such a page again once they are, as Hugo shows them.
    let built = built();
    let page = built
        .site
        .page_by_url("/posts/own-shortcodes/")
        .expect("page exists");
    assert_eq!(page.reading_time, 1);
    let reading_note = "About 1 min for “The site's own shortcodes”.";
    assert!(
        page.summary_html.contains(reading_note),
        "{}",
        page.summary_html
    );
    assert!(browser_html(&built, "/posts/own-shortcodes/").contains(reading_note));
}

#[test]
fn what_cannot_be_rendered_is_left_out_with_a_warning_naming_it() {
    let built = built();
    let html = browser_html(&built, "/posts/unrenderable/");
    assert_eq!(
        html,
        "<p>Before the gallery.</p>\n\n<div class=\"admonition danger\">\n  \
         <p class=\"admonition-title\">Danger ahead</p>\n  Kept text inside an admonition.\n\
         </div>\n\n<p>Kept text inside an unknown shortcode.</p>\n\
         <p class=\"updated\">Updated March 14, 2024</p>\n\n<p>After all of them.</p>\n",
        "no template source, no notice; a paired call's inner text stays; the admonition's \
         title is the site's translation (i18n/en.toml), and a page without lastmod was \
         updated on its date, as Hugo 0.111 writes them"
    );
    let warnings: Vec<String> = built.diagnostics.iter().map(ToString::to_string).collect();
    let named = |name: &str| format!("shortcode \"{name}\" left out of the page: ");
    let expected = [
        (
            "8:1",
            named("gallery") + "layouts/shortcodes/gallery.html uses .Page.Resources",
        ),
        (
            "10:1",
            named("img") + "layouts/shortcodes/img.html uses .Page.Resources",
        ),
        (
            "16:1",
            "unknown shortcode \"unknown-widget\": left out of the page".to_owned(),
        ),
        (
            "20:1",
            named("math.inline") + "its template uses the function \"now.Format\"",
        ),
        (
            "25:1",
            named("toc") + "layouts/shortcodes/toc.html uses .Page.TableOfContents",
        ),
        (
            "25:29",
            named("include") + "layouts/shortcodes/include.html uses the function \"readFile\"",
        ),
        (
            "25:56",
            named("repo")
                + "layouts/shortcodes/repo.html uses the function \"resources.GetRemote\"",
        ),
        (
            "25:87",
            named("youtube-card")
                + "layouts/shortcodes/youtube-card.html uses the function \"replaceRE\"",
        ),
    ];
    assert_eq!(warnings.len(), expected.len(), "{warnings:#?}");
    for ((place, message), warning) in expected.iter().zip(&warnings) {
        let start = format!("content/posts/unrenderable.md:{place}: {message}");
        assert!(warning.starts_with(&start), "{warning}\nexpected {start}");
    }
    // No built-in shortcode is unknown on any page.
    assert!(
        !built.diagnostics.iter().any(|diagnostic| matches!(
            &diagnostic.kind,
            DiagnosticKind::UnknownShortcode { name } if name != "unknown-widget"
        )),
        "{warnings:#?}"
    );
}

/// The share of the fixture's 24 templates (written in the shape of popular themes' and
/// blogs' shortcodes) that the interpreter renders: 18; the other 6 use what it does not run
/// (page resources, partials, file and remote reads, regular expressions, the table of
/// contents).
#[test]
fn eighteen_of_the_fixtures_twenty_four_templates_render() {
    let built = built();
    let templates = std::fs::read_dir(fixture().join("layouts/shortcodes"))
        .expect("templates")
        .count();
    let unrendered = built
        .diagnostics
        .iter()
        .filter(|diagnostic| {
            matches!(&diagnostic.kind, DiagnosticKind::UnrenderedShortcode { reason, .. }
                if reason.starts_with("layouts/shortcodes/"))
        })
        .count();
    assert_eq!((templates, templates - unrendered), (24, 18));
}
