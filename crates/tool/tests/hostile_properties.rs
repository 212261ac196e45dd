//! Hostile content harms no reader and no host: property tests over whole pages and whole
//! small sites built of the tokens that trip parsers (`tests/hostile/tokens.dict`: delimiters,
//! shortcode braces, front matter fences, code fences, footnotes, heading attribute blocks,
//! raw HTML, entities, Unicode, control characters, script URLs in every spelling, paths that
//! climb out). For every input: no panic anywhere in the pipeline (a panic kills the wasm
//! app), well-formed HTML and XML, no live script from author content on a safe site, a safe
//! page head, every URL and output path inside the site, and render time linear in the input.
//! The checks are those of the fuzz targets (`fuzz/`): both use `tests/hostile/`.
//!
//! Deterministic: a fixed seed and no regression files, so CI runs the same cases every time
//! (`PROPTEST_CASES=5000` runs more). A failure found becomes a named test with its minimal
//! input.

mod hostile;

use std::time::{Duration, Instant};

use blogreader_content::highlight::highlight;
use blogreader_content::render::{render_html, render_page_with_summary};
use blogreader_content::site::SourceFile;
use blogreader_site::build::build_site_at;
use blogreader_site::config::BuildConfig;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, RngSeed, TestCaseError};

use hostile::{
    LINK_SOURCES, NOW, PAGE_PATHS, author_html, body_page, build, check_broken_links, check_feeds,
    check_front_matter, check_heads, check_inert_html, check_reader_agrees_with_build,
    check_resolved_links, check_shortcodes, check_site_paths, check_well_formed_html,
    is_script_url, render_pages, small_site, tokens,
};

fn config() -> Config {
    Config {
        rng_seed: RngSeed::Fixed(20_261_126),
        failure_persistence: None,
        ..Config::default()
    }
}

/// A checker's complaint as a test failure, with the input that caused it.
fn fail_with(input: &impl std::fmt::Debug) -> impl Fn(String) -> TestCaseError + '_ {
    move |problem| TestCaseError::fail(format!("{problem}\ninput: {input:?}"))
}

/// Text of up to `max_tokens` hostile tokens.
fn hostile_text(max_tokens: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(select(tokens()), 0..max_tokens).prop_map(|tokens| tokens.concat())
}

const SHORTCODE_NAMES: [&str; 18] = [
    "figure",
    "details",
    "highlight",
    "youtube",
    "vimeo",
    "x",
    "param",
    "ref",
    "relref",
    "nosuch",
    "rawhtml",
    "collapse",
    "gist",
    "instagram",
    "qr",
    "twitter_simple",
    "comment",
    "x.inline",
];

const SHORTCODE_ARGUMENTS: [&str; 14] = [
    "src",
    "caption",
    "alt",
    "title",
    "link",
    "attr",
    "attrlink",
    "summary",
    "class",
    "id",
    "user",
    "open",
    "text",
    "openByDefault",
];

/// A shortcode call with hostile argument values, quoted in each of Hugo's ways, sometimes
/// paired with hostile inner content.
fn shortcode_call() -> impl Strategy<Value = String> {
    let argument = (select(&SHORTCODE_ARGUMENTS[..]), hostile_text(6), 0..3usize).prop_map(
        |(name, value, quoting)| match quoting {
            0 => format!(" {name}=`{value}`"),
            1 => format!(" {name}=\"{}\"", value.replace('"', "\\\"")),
            _ => format!(" `{value}`"),
        },
    );
    (
        select(&SHORTCODE_NAMES[..]),
        proptest::collection::vec(argument, 0..4),
        proptest::option::of(hostile_text(10)),
        any::<bool>(),
    )
        .prop_map(|(name, arguments, inner, markdown_style)| {
            let (open, close) = if markdown_style {
                ("{{%", "%}}")
            } else {
                ("{{<", ">}}")
            };
            let call = format!("{open} {name}{} {close}", arguments.concat());
            match inner {
                Some(inner) => format!("{call}{inner}{open} /{name} {close}"),
                None => call,
            }
        })
}

/// A Markdown body: hostile tokens and shortcode calls.
fn body() -> impl Strategy<Value = String> {
    let piece = prop_oneof![4 => select(tokens()), 1 => shortcode_call()];
    proptest::collection::vec(piece, 0..50).prop_map(|pieces| pieces.concat())
}

/// Front matter keys with values that are (or hold) text: scalars take the first value,
/// lists all of them.
const FRONT_MATTER_KEYS: [(&str, bool); 11] = [
    ("title", false),
    ("url", false),
    ("slug", false),
    ("aliases", true),
    ("tags", true),
    ("categories", true),
    ("summary", false),
    ("description", false),
    ("layout", false),
    ("author", false),
    ("date", false),
];

/// A string literal that TOML, YAML and JSON all read the same way.
fn quoted(value: &str) -> String {
    let mut quoted = String::from("\"");
    for character in value.chars() {
        match character {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{feff}'
            | '\u{fffe}'
            | '\u{ffff}' => quoted.push_str(&format!("\\u{:04x}", u32::from(character))),
            other => quoted.push(other),
        }
    }
    quoted.push('"');
    quoted
}

/// Well-formed front matter (TOML, YAML or JSON) whose values are hostile.
fn front_matter() -> impl Strategy<Value = String> {
    let values = proptest::collection::vec(hostile_text(8), 0..3);
    (
        0..3usize,
        proptest::collection::vec(values, FRONT_MATTER_KEYS.len()),
    )
        .prop_map(|(format, values)| {
            let fields: Vec<(&str, String)> = FRONT_MATTER_KEYS
                .iter()
                .zip(&values)
                .filter(|(_, values)| !values.is_empty())
                .map(|((key, is_list), values)| {
                    let value = if *is_list {
                        let items: Vec<String> = values.iter().map(|value| quoted(value)).collect();
                        format!("[{}]", items.join(", "))
                    } else {
                        quoted(&values[0])
                    };
                    (*key, value)
                })
                .collect();
            match format {
                0 => {
                    let lines: Vec<String> = fields
                        .iter()
                        .map(|(key, value)| format!("{key} = {value}\n"))
                        .collect();
                    format!("+++\n{}+++\n", lines.concat())
                }
                1 => {
                    let lines: Vec<String> = fields
                        .iter()
                        .map(|(key, value)| format!("{key}: {value}\n"))
                        .collect();
                    format!("---\n{}---\n", lines.concat())
                }
                _ => {
                    let members: Vec<String> = fields
                        .iter()
                        .map(|(key, value)| format!("\"{key}\": {value}"))
                        .collect();
                    format!("{{{}}}\n", members.join(", "))
                }
            }
        })
}

/// A page file's text: well-formed hostile front matter and a hostile body, or token soup
/// (fences included) from the first byte.
fn page_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (front_matter(), body()).prop_map(|(front_matter, body)| front_matter + &body),
        1 => hostile_text(60),
    ]
}

/// Pieces of page references: paths, their tricks, and what a browser drops from a URL.
const REFERENCE_PIECES: [&str; 16] = [
    "posts",
    "a",
    "b",
    "a.md",
    "index.md",
    "_index.md",
    "/",
    "../",
    "./",
    "\\",
    "\n",
    "\t",
    " ",
    "#x",
    "%0A",
    "evil.example",
];

/// A `ref`/`relref` reference or `.md` link destination: reference pieces and hostile
/// tokens.
fn reference() -> impl Strategy<Value = String> {
    let piece = prop_oneof![3 => select(&REFERENCE_PIECES[..]).prop_map(str::to_owned), 1 => select(tokens())];
    proptest::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
}

/// A small site's files: up to six generated pages (see [`PAGE_PATHS`]), a bundle resource
/// and a static file; and whether the base URL has a path.
fn site_input() -> impl Strategy<Value = (Vec<SourceFile>, bool)> {
    let pages = proptest::collection::vec((select(&PAGE_PATHS[..]), page_text()), 1..7);
    let files = pages.prop_map(|pages| {
        hostile::site_files(
            pages
                .into_iter()
                .map(|(path, text)| (path.to_owned(), text)),
        )
    });
    (files, any::<bool>())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn front_matter_never_panics(
        fence in select(&["", "+++\n", "---\n", "{", "\u{feff}+++\n"][..]),
        text in hostile_text(60),
    ) {
        let file = format!("{fence}{text}");
        check_front_matter(&file).map_err(fail_with(&file))?;
    }

    /// A safe site's pages render (body, summary, card) to well-formed HTML: every element
    /// closed in order, attribute values quoted.
    #[test]
    fn safe_sites_render_well_formed_html((files, under_path) in site_input()) {
        let site = build(&files, false, under_path);
        for (what, html) in author_html(&render_pages(&site, &files)) {
            check_well_formed_html(html).map_err(fail_with(&(what, &files)))?;
        }
    }

    /// No live script comes of author content on a safe site: no script, frame, object,
    /// form, meta, base, style or link element, no event handler, no script URL.
    #[test]
    fn safe_sites_render_inert_html((files, under_path) in site_input()) {
        let site = build(&files, false, under_path);
        for (what, html) in author_html(&render_pages(&site, &files)) {
            check_inert_html(html).map_err(fail_with(&(what, &files)))?;
        }
    }

    /// Any site, safe or `unsafe`, builds and renders without a panic, and the body a reader
    /// gets is the build's HTML plus the reading aids (the browser and the build agree).
    #[test]
    fn the_readers_body_is_the_builds_with_reading_aids(
        (files, under_path) in site_input(),
        unsafe_html in any::<bool>(),
    ) {
        let site = build(&files, unsafe_html, under_path);
        check_reader_agrees_with_build(&render_pages(&site, &files)).map_err(fail_with(&files))?;
    }


    /// `ref`/`relref` and `.md` links that resolve lead to a page of the site.
    #[test]
    fn links_resolve_to_pages_of_the_site(
        reference in reference(),
        from in select(&LINK_SOURCES[..]),
    ) {
        check_resolved_links(&reference, from, &small_site(false)).map_err(fail_with(&reference))?;
    }

    /// Highlighted code, in any language the highlighter knows, is well-formed and inert.
    #[test]
    fn highlighted_code_is_well_formed_and_inert(
        code in hostile_text(40),
        language in select(&["rust", "toml", "yaml", "json", "html", "sh", "python", "js", "css", "go", "c", "diff", "md", "nosuch"][..]),
    ) {
        if let Some(html) = highlight(&code, language) {
            check_well_formed_html(&html).map_err(fail_with(&code))?;
            check_inert_html(&html).map_err(fail_with(&code))?;
        }
    }
}

// The rules of issue 9 that each once failed, with the input that showed it.
proptest! {
    #![proptest_config(config())]

    /// Shortcodes expand to well-formed, inert HTML, and every output offset maps back into
    /// the input. It failed on ``{{< figure caption=`"` >}}`` (`alt="""`), and
    /// ``caption=`" onerror="alert(1)` `` gives `alt="" onerror=“alert(1)"`.
    #[test]
    fn shortcodes_expand_to_well_formed_inert_html(text in body()) {
        check_shortcodes(&text, &small_site(false)).map_err(fail_with(&text))?;
    }

    /// No heading attribute block (`{#id .class key=value}`) gives a heading an event
    /// handler or a malformed tag. It failed on `# a {onclick=x}` (`<h1 id="a"
    /// onclick="x">`); `# a {/x/}` gives `<h1 id="a" /x/="">`.
    #[test]
    fn heading_attribute_blocks_stay_well_formed_and_inert(
        level in 1..7usize,
        title in hostile_text(3),
        attributes in proptest::collection::vec(
            select(&["#x", ".c", "onclick=x", "ONFOCUS=alert(1)", "autofocus", "tabindex=0", "style=x", "href=javascript:alert(1)", "/x/", "a\"b=c", "=x", "&=1"][..]),
            1..4,
        ),
    ) {
        let body = format!("{} a{title} {{{}}}\n", "#".repeat(level), attributes.join(" "));
        let site = small_site(false);
        let html = render_html(&site, body_page(&site), &body).html;
        check_well_formed_html(&html).map_err(fail_with(&body))?;
        check_inert_html(&html).map_err(fail_with(&body))?;
    }

    /// The feeds and the sitemap are well-formed XML with no character XML forbids.
    /// It failed on a page whose body is U+0000 (or whose title is `"\u0001"`): the
    /// feed's `<description>` carries it.
    #[test]
    fn feeds_and_sitemap_are_well_formed_xml(
        (files, under_path) in site_input(),
        unsafe_html in any::<bool>(),
    ) {
        let site = build(&files, unsafe_html, under_path);
        check_feeds(&site).map_err(fail_with(&files))?;
    }


    /// Every page's head (and the not-found page's) holds only meta, link and JSON-LD, with
    /// nothing that breaks out of an attribute or the script element. It failed on
    /// front matter `url = "<!--"` (or a title `<!--`): the JSON-LD holds `<!--`, which with
    /// a later `<script` keeps the script element open past its `</script>`; a body
    /// `<script:@+++t` gives a description `<script:@+++t`.
    #[test]
    fn heads_are_safe((files, under_path) in site_input(), unsafe_html in any::<bool>()) {
        let site = build(&files, unsafe_html, under_path);
        check_heads(&site).map_err(fail_with(&files))?;
    }


    /// A broken link's guessed URL stays on the site as a browser reads it. Minimal failing
    /// input: `relref "\n"` from a top-level page or a menu's `pageRef` guesses `/\n/`;
    /// `"\n/evil.example"` guesses `/\n/evil.example/`, which a browser reads as
    /// `//evil.example/`.
    #[test]
    fn broken_links_stay_on_the_site(
        reference in reference(),
        from in select(&LINK_SOURCES[..]),
    ) {
        check_broken_links(&reference, from, &small_site(false)).map_err(fail_with(&reference))?;
    }

    /// Every page URL, alias and term URL stays on the site, and every file the build
    /// writes stays inside the output folder. It failed on an alias with a newline;
    /// and `url = "../../x"` (URL `/../../x/`), `url = "//evil.example/"`, `aliases =
    /// ["a\\b"]`, `tags = [".."]`, `slug = ".."` all pass through.
    #[test]
    fn site_paths_stay_inside_the_site((files, under_path) in site_input()) {
        let site = build(&files, false, under_path);
        check_site_paths(&site, &files).map_err(fail_with(&files))?;
    }

    /// No menu entry links to script, whatever the config says. It failed on
    /// `url = "javascript:alert(1)"`.
    #[test]
    fn menu_links_are_never_script_urls(url in hostile_text(4)) {
        let config_text = format!("[[menu.main]]\nname = \"x\"\nurl = {}\n", quoted(&url));
        let Ok(config) = BuildConfig::parse("hugo.toml", &config_text) else {
            return Ok(());
        };
        let (site, _) = build_site_at(config, &[], NOW);
        for (_, link) in site.config().menu("main") {
            prop_assert!(!is_script_url(link), "{config_text:?} gave a menu link {link:?}");
        }
    }

    /// On an `unsafe` site raw HTML is the author's; if it gets sanitised too, no live
    /// script either. It failed when raw HTML passed as written (a body `<style>` or `<script>`).
    #[test]
    fn unsafe_sites_render_inert_html((files, under_path) in site_input()) {
        let site = build(&files, true, under_path);
        for (what, html) in author_html(&render_pages(&site, &files)) {
            check_inert_html(html).map_err(fail_with(&(what, &files)))?;
        }
    }
}

/// A footnote definition inside another's list renders as well-formed HTML (found by the
/// `markdown` fuzz target).
#[test]
fn nested_footnote_definitions_render_well_formed_html() {
    let site = small_site(false);
    let html = render_html(&site, body_page(&site), "[^a]: - [^b]: x\n").html;
    check_well_formed_html(&html).unwrap();
}

/// The least of a few timings of `run` (the least is the one least disturbed by others).
fn fastest(run: impl Fn()) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Renders `unit` repeated until one render takes a measurable time, then asserts that four
/// times as much text takes less than 12 times as long (linear time, with room for noise;
/// a quadratic render takes 16 times as long).
fn assert_linear(unit: &str) {
    let site = small_site(false);
    let page = body_page(&site);
    let render = |text: &str| {
        render_page_with_summary(&site, page, text, None);
    };
    let mut copies = 64;
    let mut once = fastest(|| render(&unit.repeat(copies)));
    while once < Duration::from_millis(20) && copies < 1 << 16 {
        copies *= 2;
        once = fastest(|| render(&unit.repeat(copies)));
    }
    let four_times = fastest(|| render(&unit.repeat(4 * copies)));
    assert!(
        four_times < once * 12 + Duration::from_millis(5),
        "{unit:?} × {copies}: {once:?}; × {}: {four_times:?}",
        4 * copies
    );
}

#[test]
fn nested_emphasis_and_links_render_in_linear_time() {
    assert_linear("*a _b [c](d) ");
}

#[test]
fn footnote_references_render_in_linear_time() {
    assert_linear("x[^1] ");
}

#[test]
fn raw_html_and_entities_render_in_linear_time() {
    assert_linear("<b x=\"&amp;\">&#106;");
}

#[test]
fn table_cells_render_in_linear_time() {
    assert_linear("| a ");
}

#[test]
fn quotes_for_the_typographer_render_in_linear_time() {
    assert_linear("'a\" ");
}

#[test]
fn code_to_highlight_renders_in_linear_time() {
    assert_linear("```rust\nlet a = \"b\"; // c\n```\n");
}

#[test]
fn headings_with_their_own_ids_render_in_linear_time() {
    assert_linear("## Part {#p}\n\nText.\n\n");
}

#[test]
fn unclosed_shortcodes_render_in_linear_time() {
    assert_linear("{{< figure src=\"a\" ");
}

#[test]
fn unpaired_shortcodes_render_in_linear_time() {
    assert_linear("{{< details >}}x");
}

#[test]
fn repeated_heading_titles_render_in_linear_time() {
    assert_linear("## Part\n\n");
}

#[test]
fn unclosed_brackets_render_in_linear_time() {
    assert_linear("[a](");
}

#[test]
fn bare_addresses_in_one_word_render_in_linear_time() {
    assert_linear("(www.a.org");
}

#[test]
fn email_like_words_render_in_linear_time() {
    assert_linear("_a@b");
}

#[test]
fn dashes_in_one_word_render_in_linear_time() {
    assert_linear("x--");
}
