//! Whole-site behaviour of the native build: a copy of the seed site as it was first written
//! (`tests/fixtures/seed`: the site's own `content/` may change, and is checked by the build
//! itself), the fixture site whose links all resolve, and a site with broken front matter,
//! built the way `blogtool build` builds them.

use std::path::{Path, PathBuf};
use std::process::Command;

use blogreader_content::error::Severity;
use blogreader_content::front_matter;
use blogreader_content::render::render_page;
use blogreader_content::route_json::read_site_data;
use blogreader_content::route_model::SiteData;
use blogreader_content::site::{PageKind, Site};
use blogtool::output::OutputDir;
use blogtool::prerender::Prerendered;
use blogtool::{self as tool, SITE_DATA_FILE};

fn project_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn fixture(name: &str) -> PathBuf {
    project_root().join("tests/fixtures").join(name)
}

/// A fresh, empty folder under the target directory for one test's output.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = project_root().join("target/test-output").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// The HTML the browser would show for the page at `url`.
fn rendered_html(site_dir: &Path, site: &Site, url: &str) -> String {
    let entry = site.page_by_url(url).expect("page exists");
    let text = std::fs::read_to_string(site_dir.join(&entry.source)).expect("read source");
    let split = front_matter::split(&text).expect("front matter splits");
    render_page(site, entry, split.body).html
}

/// The text of the built file `file` in the output folder `out`.
fn output_text(out: &std::path::Path, file: &str) -> String {
    std::fs::read_to_string(out.join(file)).unwrap_or_else(|error| panic!("{file}: {error}"))
}

#[test]
fn the_seed_site_warns_of_its_missing_cover_and_its_one_broken_ref() {
    let built = tool::build(&fixture("seed")).expect("seed site builds");
    let series = built
        .site
        .page_by_url("/posts/ai_frameworks/")
        .expect("the series page is at /posts/ai_frameworks/");
    assert_eq!(series.kind, PageKind::Section);
    assert_eq!(
        series.title,
        "AI-Native Development Frameworks (blog post series)"
    );
    assert_eq!(
        series.date.map(|date| date.display()).as_deref(),
        Some("May 10, 2025")
    );
    assert!(series.summary_html.contains("Like many others"));
    let home_urls: Vec<&str> = built
        .site
        .home_pages()
        .iter()
        .map(|page| page.url.as_str())
        .collect();
    assert!(
        home_urls.contains(&"/posts/ai_frameworks/"),
        "home lists the series: {home_urls:?}"
    );

    let messages: Vec<String> = built.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            r#"content/posts/ai_frameworks/_index.md:6:12: cover image "ai_frameworks/ai_feedback_loop_1-min.png" not found in the page bundle nor under static/"#,
            r#"REF_NOT_FOUND: Ref "01_why_ai_frameworks": "content/posts/ai_frameworks/_index.md:43:25": page not found"#,
        ],
    );
    assert!(
        built
            .diagnostics
            .iter()
            .all(|diagnostic| diagnostic.severity == Severity::Warning)
    );
}

#[test]
fn the_seed_series_body_renders_bold_hard_breaks_and_the_numbered_list() {
    let root = fixture("seed");
    let built = tool::build(&root).expect("seed site builds");
    let html = rendered_html(&root, &built.site, "/posts/ai_frameworks/");
    assert!(html.contains("<strong>engineering</strong>"), "{html}");
    assert!(html.contains("<br />"), "{html}");
    assert!(html.contains("<ol>"), "{html}");
    assert!(
        html.contains(r#"href="/posts/ai_frameworks/01_why_ai_frameworks/""#),
        "the missing relref still leads to its Hugo URL: {html}"
    );
}

#[test]
fn the_fixture_site_resolves_every_link_and_builds_cleanly() {
    let site_dir = fixture("linked");
    let built = tool::build(&site_dir).expect("fixture builds");
    assert!(built.diagnostics.is_empty(), "{:?}", built.diagnostics);
    assert_eq!(built.site.config().title, "Fixture Blog");

    let html = rendered_html(&site_dir, &built.site, "/posts/series/");
    assert!(
        html.contains(r#"href="/posts/series/first-post/""#),
        "{html}"
    );
    assert!(
        html.contains(r#"href="/posts/series/second/#part-two""#),
        "{html}"
    );
    assert!(
        html.contains(r#"href="https://fixture.example/posts/bundle/""#),
        "ref gives the absolute permalink: {html}"
    );
    assert!(!html.contains("broken-link"), "{html}");

    let series = built
        .site
        .page_by_url("/posts/series/")
        .expect("series page");
    let children: Vec<&str> = built
        .site
        .children(series)
        .iter()
        .map(|page| page.title.as_str())
        .collect();
    assert_eq!(
        children,
        ["First post", "Second post", "Third: a long read"]
    );

    let bundle = built
        .site
        .page_by_url("/posts/bundle/")
        .expect("bundle page");
    let cover = bundle.cover.as_ref().expect("the bundle's cover is found");
    assert_eq!(cover.image, "/posts/bundle/cover.png");
    assert_eq!(cover.alt, "A small square");
    assert_eq!(cover.size, Some((64, 32)), "read from the PNG's header");
}

#[test]
fn the_build_writes_the_site_data_and_copies_sources_and_bundle_resources() {
    let site_dir = fixture("linked");
    let out = scratch_dir("linked");
    let built = tool::build(&site_dir).expect("fixture builds");
    let output = OutputDir::create(&out).expect("output folder");
    tool::write_output(&site_dir, &output, &built).expect("output written");

    let data = std::fs::read_to_string(out.join(SITE_DATA_FILE)).expect("site data written");
    let read_back = read_site_data(&data).expect("site data reads");
    assert_eq!(read_back, SiteData::of(&built.site));
    assert_eq!(read_back.config.title, "Fixture Blog");
    for file in [
        "posts/series/index.md",
        "posts/series/first-post/index.md",
        "posts/series/second/index.md",
        "posts/bundle/index.md",
        "posts/bundle/cover.png",
    ] {
        assert!(out.join(file).is_file(), "{file} is in the output");
    }
    let copied =
        std::fs::read_to_string(out.join("posts/series/first-post/index.md")).expect("copied");
    assert!(copied.contains("The **first** post"));
    // The app fetches each page's Markdown with the integrity the build records for it.
    let read_back = &built.site;
    for page in read_back.pages() {
        let Some(markdown_url) = page.markdown_url() else {
            continue;
        };
        let written = std::fs::read(out.join(read_back.output_path(&markdown_url)))
            .unwrap_or_else(|error| panic!("{markdown_url}: {error}"));
        assert_eq!(
            page.markdown_integrity,
            tool::sha256_integrity(&written),
            "{markdown_url}"
        );
    }
}

/// A page like the one Trunk builds: what prerendering fills in.
const TEMPLATE: &str = "<!DOCTYPE html><html><head><title>Blog</title>\
    <link rel=\"stylesheet\" href=\"/main-0123456789abcdef.css\" integrity=\"sha384-x\"/>\
    <script type=\"module\">import init from '/app.js'; await init();</script></head>\
    <body><div id=\"app\"></div></body></html>";

/// Builds the site at `site_dir` into `out` as Trunk's hook does, with [`TEMPLATE`] as
/// Trunk's page.
fn build_and_prerender(site_dir: &Path, out: &Path) -> (tool::BuiltSite, Prerendered) {
    let built = tool::build(site_dir).expect("the site builds");
    let output = OutputDir::create(out).expect("output folder");
    tool::write_output(site_dir, &output, &built).expect("output written");
    std::fs::write(out.join("index.html"), TEMPLATE).expect("template written");
    std::fs::write(
        out.join("main-0123456789abcdef.css"),
        "body { margin: 0 }\n.page-list { gap: 1rem }\n.search-form { flex: auto }\n",
    )
    .expect("css");
    let written = tool::prerender::prerender(&output, &built).expect("prerendered");
    (built, written)
}

/// A site folder made of `files` (path, text), fresh for one test.
fn site_of(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let site_dir = scratch_dir(name);
    for (path, text) in files {
        let path = site_dir.join(path);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
        std::fs::write(path, text).expect("written");
    }
    site_dir
}

#[test]
fn prerendering_writes_every_route_404_aliases_feeds_sitemap_and_headers() {
    let site_dir = fixture("linked");
    let out = scratch_dir("prerendered");
    let (_, written) = build_and_prerender(&site_dir, &out);
    assert_eq!((written.pages, written.redirects), (12, 6));

    let read = |file: &str| output_text(&out, file);
    let second = read("posts/series/second/index.html");
    assert!(
        second.contains("<title>Second post | Fixture Blog</title>"),
        "{second}"
    );
    assert!(
        second.contains(r#"<h2 id="part-two">Part two</h2>"#),
        "{second}"
    );
    assert!(
        second.contains(
            r#"<link rel="canonical" href="https://fixture.example/posts/series/second/">"#
        ),
        "{second}"
    );
    let preload =
        r#"<link rel="preload" href="/posts/series/second/index.md" as="fetch" crossorigin>"#;
    assert!(
        second.contains(preload),
        "the page's Markdown is fetched in parallel with the wasm: {second}"
    );
    let stylesheet = "body{margin:0}.page-list{gap:1rem}.search-form{flex:auto}";
    assert_eq!(read("main-0123456789abcdef.css"), stylesheet, "compacted");
    let link = format!(
        "<link rel=\"stylesheet\" href=\"/main-0123456789abcdef.css\" integrity=\"{}\"></body>",
        tool::sha256_integrity(stylesheet.as_bytes())
    );
    assert!(
        second.contains("<style>body{margin:0}</style>") && second.contains(&link),
        "the rules the article's markup can match come inside it, the whole stylesheet is \
         linked at the end: {second}"
    );
    let home = read("index.html");
    assert!(
        home.contains("<style>body{margin:0}.page-list{gap:1rem}</style>"),
        "a list's page keeps the list's rules: {home}"
    );
    assert!(
        read("search/index.html").contains("<style>body{margin:0}.search-form{flex:auto}</style>")
    );
    assert!(
        home.contains(r#"<a href="/posts/series/first-post/">First post</a>"#),
        "{home}"
    );
    let not_found = read("404.html");
    assert!(not_found.contains("Page not found"), "{not_found}");
    assert!(not_found.contains(r#"content="noindex""#), "{not_found}");
    let alias = read("old/first-post/index.html");
    assert!(
        alias.contains(r#"content="0; url=/posts/series/first-post/""#),
        "{alias}"
    );
    let feed = read("posts/series/index.xml");
    assert!(
        feed.contains("<title>A Series on Fixture Blog</title>"),
        "{feed}"
    );
    assert_eq!(feed.matches("<item>").count(), 3, "{feed}");
    let sitemap = read("sitemap.xml");
    assert_eq!(sitemap.matches("<loc>").count(), 12, "{sitemap}");
    let pager_redirect = read("posts/series/page/1/index.html");
    assert!(
        pager_redirect.contains(r#"content="0; url=/posts/series/""#),
        "{pager_redirect}"
    );
    let headers = read("_headers");
    assert!(
        headers.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
        "{headers}"
    );
}

#[test]
fn bad_front_matter_fails_the_build_with_file_line_and_key() {
    let out = scratch_dir("broken");
    let out = out.to_str().expect("utf-8 path");
    let (ok, stderr) = blogtool(&["build", "--out", out], &fixture("broken"));
    assert!(!ok, "{stderr}");
    assert!(
        stderr.contains("content/bad-front-matter.md:4:"),
        "the error names the file and the line of the bad key: {stderr}"
    );
    assert!(stderr.contains("weight"), "{stderr}");
}

/// Runs `blogtool ARGS`; returns whether it succeeded and what it printed on stderr.
fn blogtool(args: &[&str], site: &Path) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_blogtool"))
        .args(args)
        .arg("--site")
        .arg(site)
        .output()
        .expect("blogtool runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn check_reports_the_seeds_broken_ref_and_fails_only_when_strict() {
    let (ok, stderr) = blogtool(&["check"], &fixture("seed"));
    assert!(ok, "warnings alone pass the default check: {stderr}");
    assert_eq!(stderr.matches("REF_NOT_FOUND").count(), 1, "{stderr}");
    assert!(stderr.contains("0 error(s), 2 warning(s)"), "{stderr}");

    let (ok, stderr) = blogtool(&["check", "--strict"], &fixture("seed"));
    assert!(!ok, "strict mode fails on warnings: {stderr}");
}

#[test]
fn check_passes_a_clean_site_even_when_strict() {
    let (ok, stderr) = blogtool(&["check", "--strict"], &fixture("linked"));
    assert!(ok, "{stderr}");
    assert!(
        stderr.contains("12 pages, 0 error(s), 0 warning(s)"),
        "{stderr}"
    );
}

#[test]
fn check_fails_on_bad_front_matter_with_its_place() {
    let (ok, stderr) = blogtool(&["check"], &fixture("broken"));
    assert!(!ok, "{stderr}");
    assert!(
        stderr.contains("ERROR content/bad-front-matter.md:4:"),
        "{stderr}"
    );
}

/// The URLs of `pages`.
fn urls(pages: &[&blogreader_content::site::PageEntry]) -> Vec<String> {
    pages.iter().map(|page| page.url.clone()).collect()
}

#[test]
fn a_tagged_site_has_term_pages_pagers_and_its_menu() {
    let built = tool::build(&fixture("tagged")).expect("tagged site builds");
    let site = &built.site;
    let page = |url: &str| site.page_by_url(url).expect(url);

    assert_eq!(
        page("/posts/a/").terms,
        ["/series/intro/", "/tags/rust/", "/tags/wasm/"]
    );
    let tags = page("/tags/");
    assert_eq!(tags.kind, PageKind::Taxonomy);
    let terms: Vec<(String, usize)> = site
        .list(tags)
        .iter()
        .map(|term| (term.title.clone(), site.list(term).len()))
        .collect();
    assert_eq!(
        terms,
        [("Rust language".to_owned(), 3), ("Wasm".to_owned(), 1)]
    );
    assert!(
        site.page_by_url("/categories/").is_none(),
        "the configured taxonomies replace Hugo's default ones"
    );

    // Two pages per pager: the Rust term (C, B, A by date) has two pagers.
    let rust = page("/tags/rust/");
    assert_eq!(
        urls(&site.list(rust)),
        ["/posts/c/", "/posts/b/", "/posts/a/"]
    );
    let route = site.route("/tags/rust/page/2/").expect("second pager");
    assert_eq!((route.page.url.as_str(), route.pager), ("/tags/rust/", 2));
    assert_eq!(urls(&site.pager(rust, 2).1), ["/posts/a/"]);
    let routes: Vec<String> = site.routes().into_iter().map(|(url, _)| url).collect();
    for url in [
        "/tags/rust/page/2/",
        "/tags/rust/page/1/",
        "/page/2/",
        "/tags/",
    ] {
        assert!(routes.contains(&url.to_owned()), "{url} in {routes:?}");
    }
    assert!(!routes.contains(&"/tags/page/2/".to_owned()), "{routes:?}");

    let menu: Vec<(&str, &str)> = site
        .config()
        .menu("main")
        .iter()
        .map(|(name, url)| (name.as_str(), url.as_str()))
        .collect();
    assert_eq!(menu, [("Rust", "/tags/rust/"), ("Gone", "/no/such/page/")]);
}

#[test]
fn check_reports_a_term_that_is_no_text_and_a_menu_page_that_is_missing() {
    let (ok, stderr) = blogtool(&["check"], &fixture("tagged"));
    assert!(ok, "both are warnings: {stderr}");
    assert!(
        stderr.contains(
            "WARN content/posts/c.md:4:1: front matter key \"tags\": a term must be text, \
             found a table; it is left out"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "WARN hugo.toml:12:12: menu \"main\": pageRef \"/no/such/page\" matches no page"
        ),
        "{stderr}"
    );
    let (ok, _) = blogtool(&["check", "--strict"], &fixture("tagged"));
    assert!(!ok, "strict mode fails on them");
}

#[test]
fn a_url_or_alias_that_names_a_file_is_written_as_that_file_with_its_data_beside_it() {
    let site_dir = site_of(
        "file-urls-site",
        &[
            (
                "hugo.toml",
                "title = \"Files\"\nbaseURL = \"https://example.org/\"\n",
            ),
            (
                "content/about.md",
                "---\ntitle: About\nurl: /about.html\naliases: [/old/about.html]\n---\nAbout us.\n",
            ),
            (
                "content/posts/a.md",
                "---\ntitle: A\ndate: 2024-01-01\n---\nSee [about]({{< ref \"about\" >}}).\n",
            ),
        ],
    );
    let out = scratch_dir("file-urls-out");
    build_and_prerender(&site_dir, &out);

    let read = |file: &str| output_text(&out, file);
    assert!(read("about.html").contains("<title>About | Files</title>"));
    assert!(read("about.html.md").contains("About us."));
    let data = read("about.html.route.json");
    assert!(data.contains("\"url\":\"/about.html\""), "{data}");
    assert!(data.contains("\"markdown_integrity\":\"sha256-"), "{data}");
    assert!(read("old/about.html").contains("url=/about.html"));
    assert_eq!(
        read("old/about.html.route.json"),
        "{\"redirect\":\"/about.html\"}"
    );
    assert!(read("posts/a/index.html").contains("href=\"https://example.org/about.html\""));
}

#[test]
fn the_sites_language_code_is_the_pages_lang_the_feeds_language_and_searchs() {
    let site_dir = site_of(
        "language-site",
        &[
            (
                "hugo.toml",
                // As some configs write it: a locale, which is the tag de-DE.
                "title = \"Notizen\"\nlanguageCode = \"de_DE\"\n",
            ),
            (
                "content/posts/a.md",
                "---\ntitle: Häuser\ndate: 2024-01-01\naliases: [/alt/]\n---\nDie Häuser am Fluss.\n",
            ),
        ],
    );
    let out = scratch_dir("language-out");
    build_and_prerender(&site_dir, &out);
    let read = |file: &str| output_text(&out, file);
    for page in [
        "index.html",
        "posts/a/index.html",
        "alt/index.html",
        "404.html",
    ] {
        assert!(read(page).contains("<html lang=\"de-DE\">"), "{page}");
    }
    assert!(read("index.xml").contains("<language>de-DE</language>"));
    // Search stems in German: "Häuser" is found as a form of "Haus".
    let chunk = read("search-index/vocabulary/p68-e4.txt");
    assert!(
        chunk
            .lines()
            .any(|line| line.starts_with("häuser 1 ") && line.ends_with(" haus")),
        "{chunk}"
    );

    // A code that is no language tag is not written into the pages.
    let site_dir = site_of(
        "bad-language-site",
        &[(
            "hugo.toml",
            "title = \"T\"\nlanguageCode = \"en\\\"><script>x</script>\"\n",
        )],
    );
    let built = tool::build(&site_dir).expect("the site builds");
    assert_eq!(built.site.config().language_code, "en");
    let warnings: Vec<String> = built
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Warning)
        .map(ToString::to_string)
        .collect();
    assert!(
        warnings
            .iter()
            .any(|warning| warning.contains("is no language tag")),
        "{warnings:?}"
    );
}

#[test]
fn a_file_where_the_build_writes_the_apps_data_is_an_error_naming_it() {
    let site_dir = site_of(
        "reserved-names-site",
        &[
            ("hugo.toml", "title = \"Reserved\"\n"),
            (
                "content/posts/a/index.md",
                "---\ntitle: A\n---\nA bundle.\n",
            ),
            ("content/posts/a/route.json", "{}"),
            ("content/posts/a/photo.jpg", "x"),
            ("static/site.json", "{}"),
            ("static/search-index/pages/0.json.gz", "{}"),
        ],
    );
    let built = tool::build(&site_dir).expect("the site builds");
    let errors: Vec<String> = built
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    for (file, output) in [
        ("content/posts/a/route.json", "posts/a/route.json"),
        ("static/site.json", "site.json"),
        (
            "static/search-index/pages/0.json.gz",
            "search-index/pages/0.json.gz",
        ),
    ] {
        assert!(
            errors.iter().any(|error| error.starts_with(file)
                && error.contains(&format!("its own {output} there"))),
            "{file}: {errors:?}"
        );
    }
}
