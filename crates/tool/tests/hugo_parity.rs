//! The differential test: Debian's Hugo (0.111) builds `tests/fixtures/parity` with layouts
//! that write one JSON record per page and pager (`tests/hugo_parity/`), and every record is
//! compared with what our build makes of the same content: the set of URLs (pagers and
//! redirects included), titles, kinds, dates, the order of each list (sections, taxonomies,
//! terms), the pages of each pager, the block structure of the content, heading ids, link
//! targets, summary text, word count, the main menu and theme params as `.Param` reads them. A
//! second site, `tests/fixtures/parity-settings`, is compared the same way, and by the other
//! files each build publishes (bundle files, feeds, sitemap, robots.txt, 404 page): what a site
//! publishes and lists by its `disableKinds`, its pages' build options and `cascade`.
//!
//! Differences are allowed only where [`KNOWN_DIFFERENCES`] lists them with the reason, and
//! every listed difference must still occur, so the list stays true.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use blogreader_content::front_matter;
use blogreader_content::render::render_page;
use blogreader_content::site::{PageEntry, Site};
use blogreader_content::url::percent_decode;
use blogreader_site::date_parse::parse_date;
use blogtool as tool;
use blogtool::output::OutputDir;

#[path = "common/files.rs"]
mod files;
use serde::Deserialize;

/// (URL, aspect, why ours differs from Hugo 0.111's on purpose or by version).
const KNOWN_DIFFERENCES: &[(&str, &str, &str)] = &[
    (
        "/posts/headings/",
        "heading ids",
        "version: Hugo 0.111 slugs a heading's Markdown source, so a link adds its URL \
         (see-the-overviewposts-now) and `--` stays two hyphens (dash----test); current Hugo \
         slugs the rendered text, as we do (see-the-overview-now, dash--test)",
    ),
    (
        "/posts/details-headings/",
        "heading ids",
        "deliberate: Hugo renders a details body apart from the page, in an id space of its \
         own, so the heading inside repeats the page's id (setup setup setup-1); we give it the \
         first id the page leaves free (setup setup-2 setup-1): every id unique, every anchor \
         lands, the page's own ids still Hugo's",
    ),
    (
        "/posts/links/",
        "link targets",
        "deliberate: plain links to .md files resolve by the relref rules (0.111 leaves \
         light.md#top as written, a broken link), and an autolink to javascript: is emptied \
         (0.111 leaves it live)",
    ),
    (
        "/posts/bundle/",
        "link targets",
        "version: from inside a leaf bundle, Hugo 0.111 resolves relref \"../kitchen\" from the \
         bundle's own folder (/posts/kitchen/); current Hugo does so only for \"../kitchen.md\", \
         written with its extension, and resolves \"../kitchen\" from the folder that holds \
         the bundle (/kitchen/), as we do",
    ),
    (
        "/tags/static-sites/",
        "title",
        "version: current Hugo title-cases a term page's title (capitalizeListTitles, on by \
         default since 0.123: static sites -> Static Sites), as we do; 0.111 keeps the term as \
         written",
    ),
    (
        "/posts/front-matter-summary/",
        "truncated",
        "deliberate: a front matter summary stands in for a longer text, so the page's card \
         offers \"read more\"; Hugo 0.111 reports such a summary as not truncated",
    ),
    (
        "/",
        "children",
        "deliberate: our home page lists every page and section with an _index.md (as blog \
         themes list posts); Hugo's home .Pages holds only the top-level sections",
    ),
    (
        "/posts/code-lines/",
        "word count",
        "deliberate: line numbers are not words; Hugo 0.111 counts those of a table and glues \
         each inline one to its line's first word",
    ),
    (
        "/",
        "menu",
        "deliberate: a menu entry with a pageRef and no name shows its page's title (Posts); \
         Hugo 0.111 shows an empty name",
    ),
    (
        "/posts/math/",
        "title",
        "deliberate: with math on (PaperMod's math param), a formula in a title reads as its \
         plain text (Why sin x waves); Hugo has no math of its own (0.111 has no MathML \
         output at all: PaperMod's KaTeX typesets the page in the browser) and keeps the TeX",
    ),
    (
        "/posts/math/",
        "summary",
        "deliberate: formulas in a summary read as their plain text (sin x, 2π), as on cards \
         and in feeds; Hugo keeps the TeX. The rest compares: the formulas' blocks, heading ids \
         (the-sin-rule), the word count (counted in the TeX, as Hugo counts) and a price \
         ($5 or $10) that is no formula",
    ),
];

/// (URL, aspect, why) for `tests/fixtures/parity-settings`, as [`KNOWN_DIFFERENCES`].
const SETTINGS_KNOWN_DIFFERENCES: &[(&str, &str, &str)] = &[
    (
        "/tags/rust/",
        "title",
        "version: current Hugo title-cases a term page's title (rust -> Rust), as we do",
    ),
    (
        "/tags/gamma-only/",
        "title",
        "version: current Hugo title-cases a term page's title, - as a space kept \
         (gamma-only -> Gamma-Only), as we do",
    ),
    (
        "/",
        "children",
        "deliberate: our home page lists every page and section with an _index.md (as blog \
         themes list posts); Hugo's home .Pages holds only the top-level sections",
    ),
    (
        "/tags/rust/",
        "children",
        "version: Hugo 0.111 lists a page with build list \"never\" in its terms' lists; \
         current Hugo, as we do, leaves it out of every list (its term lists are local lists)",
    ),
    (
        "/tags/rust/",
        "pager",
        "version: as its children, Hugo 0.111's pager holds the page listed \"never\"",
    ),
    (
        "/tags/gamma-only/",
        "children",
        "version: the term of a page listed \"never\" is empty in current Hugo, as here",
    ),
    ("/tags/gamma-only/", "pager", "version: as its children"),
];

/// One page as Hugo's parity layouts write it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct HugoPage {
    url: String,
    kind: String,
    title: String,
    date: String,
    summary: String,
    truncated: bool,
    word_count: usize,
    children: Vec<String>,
    content: String,
    /// The URL of this pager of the page's list (the page's URL when it lists nothing).
    pager_url: String,
    pager_items: Vec<String>,
    /// The main menu as "name url", on the home page only.
    menu: Vec<String>,
    /// Theme params as "name=value" (`.Param`; `<nil>` when unset).
    params: Vec<String>,
}

/// The theme params the parity layouts write (`partials/page.json`), in their order.
const PARAMS: [&str; 2] = ["showtoc", "hidesummary"];

/// The same facts, from our build.
struct OurPage {
    kind: String,
    title: String,
    date: Option<i64>,
    summary: String,
    truncated: bool,
    word_count: usize,
    children: Vec<String>,
    content: String,
    pager_items: Vec<String>,
    menu: Vec<String>,
    params: Vec<String>,
}

/// What a build makes: a record per page and pager, by URL, and the redirects (from, to).
struct Build<P> {
    pages: BTreeMap<String, P>,
    redirects: BTreeSet<(String, String)>,
}

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// Builds the fixture with Hugo into a scratch copy (`target/<work>`) with the config files
/// `configs` (comma-separated, the later winning), and reads every page's record.
fn hugo_build(fixture: &Path, work: &str, configs: &str) -> Build<HugoPage> {
    let work = root().join("target").join(work);
    let _ = fs::remove_dir_all(&work);
    copy_dir(fixture, &work);
    copy_dir(
        &root().join("tests/hugo_parity/layouts"),
        &work.join("layouts"),
    );
    fs::copy(
        root().join("tests/hugo_parity/parity.toml"),
        work.join("parity.toml"),
    )
    .expect("copy parity.toml");
    let output = Command::new("hugo")
        .args(["--quiet", "--config", configs])
        .current_dir(&work)
        .output()
        .expect("hugo runs: scripts/setup.sh installs Debian's hugo");
    assert!(
        output.status.success(),
        "hugo failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let public = work.join("public");
    let mut build = Build {
        pages: BTreeMap::new(),
        redirects: BTreeSet::new(),
    };
    let decoded =
        |urls: &[String]| -> Vec<String> { urls.iter().map(|url| percent_decode(url)).collect() };
    for file in files_named(&public, "index.html") {
        let text = fs::read_to_string(&file).expect("read hugo output");
        // Hugo writes a redirect page at `page/1/` of each list (and at aliases).
        if let Some(target) = redirect_target(&text) {
            let folder = file
                .parent()
                .and_then(|folder| folder.strip_prefix(&public).ok());
            let from = format!("/{}/", folder.expect("under public").display());
            let target = percent_decode(&decode_numeric_entities(&target));
            build.redirects.insert((from, target));
            continue;
        }
        let mut page: HugoPage = serde_json::from_str(&text)
            .unwrap_or_else(|error| panic!("{}: {error}", file.display()));
        page.url = percent_decode(&page.url);
        page.pager_url = percent_decode(&page.pager_url);
        page.children = decoded(&page.children);
        page.pager_items = decoded(&page.pager_items);
        // Every pager repeats the whole list and the menu: compare them on the first pager.
        if page.pager_url != page.url {
            page.children.clear();
            page.menu.clear();
        }
        build.pages.insert(page.pager_url.clone(), page);
    }
    build
}

/// The target of Hugo's redirect page (`<meta http-equiv="refresh" content="0; url=/x/">`).
fn redirect_target(html: &str) -> Option<String> {
    let start = html.find("http-equiv=\"refresh\" content=\"0; url=")?;
    let rest = &html[start..];
    let url = rest.split("url=").nth(1)?.split('"').next()?;
    Some(url.to_owned())
}

fn our_build(fixture: &Path) -> Build<OurPage> {
    let built = tool::build(fixture).expect("our build");
    let site = &built.site;
    let urls = |pages: &[&PageEntry]| -> Vec<String> {
        pages.iter().map(|page| page.url.clone()).collect()
    };
    let mut build = Build {
        pages: BTreeMap::new(),
        redirects: BTreeSet::new(),
    };
    for (url, route) in site.routes() {
        let canonical = route.canonical_url();
        if url != canonical {
            build.redirects.insert((url, canonical));
            continue;
        }
        let entry = route.page;
        let content = if entry.source.is_empty() {
            String::new()
        } else {
            let text = fs::read_to_string(fixture.join(&entry.source)).expect("read source");
            let split = front_matter::split(&text).expect("front matter splits");
            render_page(site, entry, split.body).html
        };
        let (pager, items) = site.pager(entry, route.pager);
        let children = if pager.number == 1 {
            urls(&site.list(entry))
        } else {
            Vec::new()
        };
        let menu = if url == "/" {
            let main = site.config().menu("main");
            main.iter()
                .map(|(name, url)| format!("{name} {url}"))
                .collect()
        } else {
            Vec::new()
        };
        let params = PARAMS
            .iter()
            .map(|key| format!("{key}={}", entry.param(site, key).unwrap_or("<nil>")))
            .collect();
        let kind = serde_json::to_value(entry.kind).expect("kind serialises");
        let page = OurPage {
            kind: kind.as_str().unwrap_or_default().to_owned(),
            title: entry.title.clone(),
            date: entry.date.map(|date| date.unix()),
            summary: plain_text(&entry.summary_html),
            truncated: entry.truncated,
            word_count: entry.word_count,
            children,
            content,
            pager_items: if Site::is_paginated(entry.kind) {
                urls(&items)
            } else {
                Vec::new()
            },
            menu,
            params,
        };
        build.pages.insert(url, page);
    }
    build
}

/// Every difference between Hugo's page and ours, as (aspect, Hugo's value, ours).
fn differences(hugo: &HugoPage, ours: &OurPage) -> Vec<(&'static str, String, String)> {
    // Hugo writes the zero time for a page without a date.
    let hugo_date = parse_date(&hugo.date, 0)
        .ok()
        .map(|date| date.unix())
        .filter(|_| !hugo.date.starts_with("0001-"));
    let checks = [
        ("kind", hugo.kind.clone(), ours.kind.clone()),
        ("title", hugo.title.clone(), ours.title.clone()),
        ("date", format!("{hugo_date:?}"), format!("{:?}", ours.date)),
        ("children", hugo.children.join(" "), ours.children.join(" ")),
        (
            "pager",
            hugo.pager_items.join(" "),
            ours.pager_items.join(" "),
        ),
        ("menu", hugo.menu.join(" | "), ours.menu.join(" | ")),
        ("params", hugo.params.join(" "), ours.params.join(" ")),
        (
            "blocks",
            blocks(&without_number_columns(&hugo.content)).join(" "),
            blocks(&ours.content).join(" "),
        ),
        (
            "code lines",
            code_lines(
                &hugo
                    .content
                    .replace("<span class=\"lnt\">", "<span class=\"ln\">"),
                "<span class=\"ln\">",
                '<',
            ),
            code_lines(&ours.content, "data-ln=\"", '"'),
        ),
        (
            "heading ids",
            attributes(&hugo.content, "id").join(" "),
            attributes(&ours.content, "id").join(" "),
        ),
        (
            "link targets",
            attributes(&hugo.content, "href").join(" "),
            attributes(&ours.content, "href").join(" "),
        ),
        ("summary", collapse(&hugo.summary), collapse(&ours.summary)),
        (
            "truncated",
            hugo.truncated.to_string(),
            ours.truncated.to_string(),
        ),
        (
            "word count",
            hugo.word_count.to_string(),
            ours.word_count.to_string(),
        ),
    ];
    checks
        .into_iter()
        .filter(|(_, hugo, ours)| hugo != ours)
        .collect()
}

#[test]
fn our_build_of_the_parity_fixture_matches_hugos_page_by_page() {
    let fixture = root().join("tests/fixtures/parity");
    let hugo_site = hugo_build(&fixture, "hugo-parity", "hugo.toml,parity.toml");
    assert!(
        hugo_site.pages.len() >= 30,
        "the fixture has its pages: {}",
        hugo_site.pages.len()
    );
    assert_same_pages(&hugo_site, &our_build(&fixture), KNOWN_DIFFERENCES);
}

#[test]
fn what_a_site_publishes_and_lists_by_its_settings_matches_hugo() {
    let fixture = root().join("tests/fixtures/parity-settings");
    // Its own config alone: parity.toml's disableKinds would replace the fixture's.
    let hugo_site = hugo_build(&fixture, "hugo-parity-settings", "hugo.toml");
    let our_site = our_build(&fixture);
    for (url, what) in [
        ("/tags/", "a disabled taxonomy page"),
        ("/posts/bundle/", "a headless bundle"),
        ("/snippets/s1/", "a headless bundle"),
        ("/posts/delta/", "a page only linked"),
    ] {
        assert!(
            !our_site.pages.contains_key(url),
            "{what} is published: {url}"
        );
    }
    assert!(
        our_site.pages.contains_key("/snippets/"),
        "a folder of headless bundles"
    );
    assert_same_pages(&hugo_site, &our_site, SETTINGS_KNOWN_DIFFERENCES);
    let hugo_files = published_files(&root().join("target/hugo-parity-settings/public"));
    let our_files = published_files(&our_output(&fixture, "ours-parity-settings"));
    assert_eq!(our_files, hugo_files, "the same files besides the pages");
    assert_eq!(
        hugo_files.iter().collect::<Vec<_>>(),
        ["posts/bundle/shared.png"],
        "a headless bundle's file; no feed, sitemap, robots.txt or 404 page"
    );
}

/// Compares two builds page by page: the same URLs and redirects, and each page's facts
/// alike but where `known` lists a difference, each of which must still occur.
fn assert_same_pages(
    hugo_site: &Build<HugoPage>,
    our_site: &Build<OurPage>,
    known: &[(&str, &str, &str)],
) {
    let (hugo, ours) = (&hugo_site.pages, &our_site.pages);
    let hugo_urls: BTreeSet<&String> = hugo.keys().collect();
    let our_urls: BTreeSet<&String> = ours.keys().collect();
    assert_eq!(
        our_urls, hugo_urls,
        "the same pages and pagers at the same URLs"
    );
    assert_eq!(
        our_site.redirects, hugo_site.redirects,
        "the same redirects (page/1/ of each list)"
    );

    let mut found = BTreeSet::new();
    let mut report = String::new();
    for (url, hugo_page) in hugo {
        let Some(our_page) = ours.get(url) else {
            continue;
        };
        for (aspect, hugo_value, our_value) in differences(hugo_page, our_page) {
            found.insert((url.clone(), aspect));
            let is_known = known
                .iter()
                .any(|(known_url, known_aspect, _)| known_url == url && *known_aspect == aspect);
            if !is_known {
                report.push_str(&format!(
                    "{url} {aspect}:\n  hugo: {hugo_value}\n  ours: {our_value}\n"
                ));
            }
        }
    }
    assert!(report.is_empty(), "differences from Hugo:\n{report}");
    for (url, aspect, reason) in known {
        assert!(
            found.contains(&((*url).to_owned(), *aspect)),
            "listed as a known difference but no longer differs: {url} {aspect} ({reason})"
        );
    }
}

/// The block elements of `html` that Markdown makes (paragraphs, lists, definition lists,
/// quotes, code, tables, headings), as their opening tags' names in order.
fn blocks(html: &str) -> Vec<&str> {
    const BLOCKS: [&str; 17] = [
        "p",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    ];
    html.split('<')
        .skip(1)
        .filter_map(|tag| {
            let name = tag
                .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .next()?;
            BLOCKS.contains(&name).then_some(name)
        })
        .collect()
}

/// `html` without the column of line numbers of Chroma's `lntable` (the table and the `<pre>`
/// of numbers before the code's cell): ours are in the code's lines, compared apart.
fn without_number_columns(html: &str) -> String {
    let mut rest = html;
    let mut kept = String::new();
    while let Some(start) = rest.find("<table class=\"lntable\">") {
        kept.push_str(&rest[..start]);
        let after = &rest[start..];
        rest = after.find("</td>").map_or("", |end| &after[end..]);
    }
    kept + rest
}

/// The numbers of the code lines as the reader sees them (right-aligned with spaces), after
/// `marker` up to `end` (Hugo's are the text of `ln` and `lnt` spans, ours an attribute), and
/// the highlighted lines of each code block that has some, counted from 1 (Hugo puts every
/// line it highlights the syntax of in a `line` span, we only those of blocks with options).
fn code_lines(html: &str, marker: &str, end: char) -> String {
    let numbers: Vec<&str> = html
        .split(marker)
        .skip(1)
        .filter_map(|after| after.split(end).next())
        .map(|number| number.trim_end_matches('\n'))
        .collect();
    let highlighted: Vec<Vec<usize>> = html
        .split("<pre")
        .map(|block| {
            let lines = block.split("<span class=\"line").skip(1);
            (lines.enumerate())
                .filter(|(_, line)| line.starts_with(" hl\""))
                .map(|(index, _)| index + 1)
                .collect::<Vec<_>>()
        })
        .filter(|lines| !lines.is_empty())
        .collect();
    format!("numbers {numbers:?}, highlighted {highlighted:?}")
}

/// A page like the one Trunk builds: what prerendering fills in.
const TEMPLATE: &str = "<!DOCTYPE html><html><head><title>Blog</title></head>\
    <body><div id=\"app\"></div></body></html>";

/// Our build of `fixture`, written and prerendered into `target/<work>` as `trunk build`
/// does it.
fn our_output(fixture: &Path, work: &str) -> PathBuf {
    let out = root().join("target").join(work);
    let _ = fs::remove_dir_all(&out);
    let built = tool::build(fixture).expect("our build");
    let output = OutputDir::create(&out).expect("output folder");
    tool::write_output(fixture, &output, &built).expect("output written");
    fs::write(out.join("index.html"), TEMPLATE).expect("template written");
    tool::prerender::prerender(&output, &built).expect("prerendered");
    out
}

/// The files a build published besides its pages (`index.html`): bundle and static files,
/// feeds, the sitemap, robots.txt, the 404 page; not the reader's own (the site's and routes'
/// data, each page's Markdown, `_headers`).
fn published_files(dir: &Path) -> BTreeSet<String> {
    let mut files = BTreeSet::new();
    for (relative, _) in files::files_under(dir) {
        let is_readers_own = relative == tool::SITE_DATA_FILE
            || relative.ends_with(tool::ROUTE_DATA_FILE)
            || relative == tool::headers::HEADERS_FILE
            || relative.ends_with(".md")
            || relative.starts_with(tool::search::SEARCH_DIR);
        if !relative.ends_with("index.html") && !is_readers_own {
            files.insert(relative);
        }
    }
    files
}

/// The values of `name="…"` attributes in `html`, in order, numeric character references
/// decoded as a browser reads them (Hugo writes `'` in a URL as is, pulldown-cmark as `&#x27;`).
fn attributes(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    html.split(&needle)
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(decode_numeric_entities)
        .collect()
}

/// The text of `html` without tags, with the entities Hugo's `htmlUnescape` undoes.
fn plain_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for character in html.chars() {
        match character {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(character),
            _ => {}
        }
    }
    decode_numeric_entities(
        &text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'"),
    )
    .replace("&amp;", "&")
}

/// `&#160;` and `&#x21a9;` as their characters (footnote back-links are written so).
fn decode_numeric_entities(text: &str) -> String {
    let mut decoded = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("&#") {
        decoded.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let parsed = after.split_once(';').and_then(|(number, tail)| {
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            Some((char::from_u32(code)?, tail))
        });
        match parsed {
            Some((character, tail)) => {
                decoded.push(character);
                rest = tail;
            }
            None => {
                decoded.push_str("&#");
                rest = after;
            }
        }
    }
    decoded.push_str(rest);
    decoded
}

/// Whitespace runs as one space, trimmed: line breaks in summaries are not content.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn files_named(dir: &Path, name: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_named(&path, name));
        } else if path.file_name().is_some_and(|file| file == name) {
            found.push(path);
        }
    }
    found
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create dir");
    for entry in fs::read_dir(from).expect("read dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}
