//! Math without JavaScript (`tests/fixtures/math`, a PaperMod blog with `params.math`, and
//! `tests/fixtures/math-passthrough`, Hugo's passthrough delimiters): formulas typeset by the
//! build as MathML in the body, as plain text in titles, the table of contents and summaries;
//! the browser, which renders the Markdown the build wrote, shows the same body.

use std::path::PathBuf;

mod common;

use blogreader_content::error::DiagnosticKind;
use blogreader_content::front_matter;
use blogreader_content::render::{BodyHtml, render_html};
use blogtool::{self as tool, BuiltSite};

fn built(name: &str) -> BuiltSite {
    let site_dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("tests/fixtures")
        .join(name);
    tool::build(&site_dir).expect("the fixture builds")
}

/// The body of `url` as the browser shows it: the Markdown the build wrote for the page,
/// rendered with the site's and the route's data, as the app reads them.
fn browser_body(built: &BuiltSite, url: &str) -> BodyHtml {
    common::browser_body(built, url).expect("the page has a body")
}

/// The body of `url` as the build prerenders it.
fn build_body(built: &BuiltSite, url: &str) -> BodyHtml {
    let page = built.site.page_by_url(url).expect("page exists");
    let texts = tool::markdown_texts(&built.files);
    let text = texts.get(page.source.as_str()).expect("source");
    let body = front_matter::split(text).expect("front matter splits").body;
    render_html(&built.site, page, body)
}

#[test]
fn formulas_are_mathml_in_the_body_and_prices_and_code_stay_text() {
    let built = built("math");
    let html = browser_body(&built, "/posts/waves/").html;
    for expected in [
        "<p>The function <math alttext=\"sin x\"><mo lspace=\"0\" rspace=\"0.1667em\">sin</mo>\
         <mi>x</mi></math> repeats every <math alttext=\"2π\"><mn>2</mn><mi>π</mi></math>. \
         A sandwich costs $5 and a meal $10.</p>",
        "<p>In code, <code>$x$</code> stays as written.</p>",
        "<math alttext=\"sin² x + cos² x = 1\" display=\"block\">",
        // `\\\\` in the Markdown is TeX's `\\`: a matrix of two rows.
        "<mtr><mtd><mi>a</mi></mtd><mtd><mi>b</mi></mtd></mtr><mtr><mtd><mi>c</mi></mtd>",
        "<mi>ℝ</mi>",
    ] {
        assert!(html.contains(expected), "{expected}\n{html}");
    }
    for gone in ["$\\sin", "$$", "\\frac", "blogtool.math", " style="] {
        assert!(!html.contains(gone), "{gone}\n{html}");
    }
    let plain = browser_body(&built, "/posts/plain/").html;
    assert!(
        plain.contains("costs $5 and the other $10 a month."),
        "{plain}"
    );
}

#[test]
fn the_browser_shows_what_the_build_renders() {
    for (fixture, url) in [
        ("math", "/posts/waves/"),
        ("math", "/posts/forged/"),
        ("math-passthrough", "/posts/euler/"),
    ] {
        let built = built(fixture);
        let (browser, build) = (browser_body(&built, url), build_body(&built, url));
        assert_eq!(browser.html, build.html, "{url}");
        assert_eq!(browser.toc, build.toc, "{url}");
    }
}

#[test]
fn titles_the_table_of_contents_and_summaries_read_formulas_as_plain_text() {
    let built = built("math");
    let page = built.site.page_by_url("/posts/waves/").expect("page");
    assert_eq!(page.title, "Why sin x waves");
    assert_eq!(
        page.summary_html,
        "<p>The sine wave, and x² on the way.</p>\n"
    );
    let toc: Vec<(String, String)> = browser_body(&built, "/posts/waves/")
        .toc
        .into_iter()
        .map(|heading| (heading.id, heading.text))
        .collect();
    assert_eq!(
        toc.first(),
        Some(&("the-sin-rule".to_owned(), "The sin rule".to_owned()))
    );
}

#[test]
fn an_authors_own_mathml_call_is_no_html_and_a_bad_formula_is_its_tex() {
    let built = built("math");
    let html = browser_body(&built, "/posts/forged/").html;
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("onerror"), "{html}");
    assert!(html.contains("$\\notacommand x$"), "{html}");
    assert!(html.contains("<math alttext=\"a² + b² = c²\">"), "{html}");
    let kinds: Vec<&DiagnosticKind> = built
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.file.ends_with("forged.md"))
        .map(|diagnostic| &diagnostic.kind)
        .collect();
    assert!(
        kinds.iter().any(
            |kind| matches!(kind, DiagnosticKind::BadMath { tex, .. } if tex == "\\notacommand x")
        ),
        "{kinds:?}"
    );
    assert!(
        kinds
            .iter()
            .any(|kind| matches!(kind, DiagnosticKind::UnknownShortcode { .. })),
        "{kinds:?}"
    );
}

#[test]
fn passthrough_delimiters_are_math_and_dollars_are_prices() {
    let built = built("math-passthrough");
    let page = built.site.page_by_url("/posts/euler/").expect("page");
    assert_eq!(page.title, "Euler and e^(iπ)");
    let html = browser_body(&built, "/posts/euler/").html;
    for expected in [
        "<p>Inline <math alttext=\"e^(iπ) + 1 = 0\">",
        "<math alttext=\"a₁ ∗ b₁ ∗ c₁\">",
        "The plan costs $5/$10,\nand $x$ is no formula on this site.</p>",
        "<math alttext=\"∫₀^∞ e^(−x²) dx = √π/2\" display=\"block\">",
        "<code>\\(x\\)</code>",
    ] {
        assert!(html.contains(expected), "{expected}\n{html}");
    }
}
