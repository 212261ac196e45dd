//! Which pages and files a site publishes, and which lists show them: a page's build options
//! (`build`, `_build`, `headless`), what a `cascade` passes down, the site's `disableKinds`,
//! and PaperMod's `hiddenInHomeList` and `hiddenInRss`; built the way `blogtool build`
//! builds a site, checked as a reader meets it (routes, lists, links, files).

use blogreader_content::error::Diagnostic;
use blogreader_content::site::{PageEntry, Site, SourceFile};
use blogreader_site::build::build_site_at;
use blogreader_site::config::BuildConfig;
use blogtool::feeds;

/// 2025-06-01, after every date below.
const NOW: i64 = 1_748_736_000;

fn markdown(path: &str, text: &str) -> SourceFile {
    SourceFile {
        path: path.to_owned(),
        text: Some(text.to_owned()),
    }
}

fn file(path: &str) -> SourceFile {
    SourceFile {
        path: path.to_owned(),
        text: None,
    }
}

fn build(config: &str, files: &[SourceFile]) -> (Site, Vec<String>) {
    let config = BuildConfig::parse("hugo.toml", config).unwrap_or_else(|error| panic!("{error}"));
    let (site, diagnostics) = build_site_at(config, files, NOW);
    (
        site,
        diagnostics.iter().map(Diagnostic::to_string).collect(),
    )
}

fn routes(site: &Site) -> Vec<String> {
    site.routes().into_iter().map(|(url, _)| url).collect()
}

fn urls(pages: &[&PageEntry]) -> Vec<String> {
    pages.iter().map(|page| page.url.clone()).collect()
}

fn outputs(site: &Site, files: &[SourceFile]) -> Vec<String> {
    let mut outputs: Vec<String> = site
        .output_files(files)
        .into_iter()
        .map(|(_, output)| output)
        .collect();
    outputs.sort();
    outputs
}

/// A blog with a headless bundle of shared images, a page listed only in its section, one
/// in no list, one only linked, and one never rendered.
fn blog() -> Vec<SourceFile> {
    vec![
        markdown("content/posts/_index.md", "+++\ntitle = \"Posts\"\n+++\n"),
        markdown(
            "content/posts/first.md",
            "+++\ntitle = \"First\"\ndate = 2025-01-01\ntags = [\"a\"]\n+++\n\
             ![shared](/shared/logo.png) [hidden]({{< relref \"shared\" >}}) \
             [gone](never.md)\n",
        ),
        markdown(
            "content/posts/local.md",
            "+++\ntitle = \"Local\"\ndate = 2025-01-02\ntags = [\"a\"]\n\
             [build]\nlist = \"local\"\n+++\n",
        ),
        markdown(
            "content/posts/unlisted.md",
            "+++\ntitle = \"Unlisted\"\ndate = 2025-01-03\ntags = [\"a\"]\n\
             [_build]\nlist = \"never\"\n+++\n",
        ),
        markdown(
            "content/posts/linked.md",
            "+++\ntitle = \"Linked\"\ndate = 2025-01-04\naliases = [\"/old/\"]\n\
             [build]\nrender = \"link\"\n+++\n",
        ),
        markdown(
            "content/posts/never/index.md",
            "+++\ntitle = \"Never\"\ndate = 2025-01-05\n\
             [build]\nrender = \"never\"\nlist = \"always\"\npublishResources = false\n+++\n",
        ),
        file("content/posts/never/n.png"),
        markdown(
            "content/shared/index.md",
            "---\ntitle: Shared\nheadless: true\n---\nNot a page.\n",
        ),
        file("content/shared/logo.png"),
    ]
}

#[test]
fn a_headless_bundle_is_no_page_but_its_files_are_published() {
    let files = blog();
    let (site, diagnostics) = build("title = \"Blog\"\n", &files);
    let routes = routes(&site);
    for missing in ["/shared/", "/posts/never/", "/posts/linked/", "/old/"] {
        assert!(
            !routes.contains(&missing.to_owned()),
            "{missing}: {routes:?}"
        );
    }
    assert!(
        site.page_by_url("/shared/").is_none(),
        "no card, no index entry"
    );
    let outputs = outputs(&site, &files);
    assert!(
        outputs.contains(&"shared/logo.png".to_owned()),
        "{outputs:?}"
    );
    assert!(
        !outputs.contains(&"shared/index.md".to_owned()),
        "{outputs:?}"
    );
    assert!(
        !outputs.contains(&"posts/never/n.png".to_owned()),
        "publishResources = false: {outputs:?}"
    );
    // The shared image resolves; a link to the headless page is named for what it is.
    assert_eq!(
        diagnostics,
        [
            "content/posts/first.md:6:38: page reference \"shared\" names a page the site does \
             not publish (headless, build render \"never\", or a kind in disableKinds): it \
             leads nowhere",
            "content/posts/first.md:6:63: link \"never.md\" names a page the site does not \
             publish (headless, build render \"never\", or a kind in disableKinds): it leads \
             nowhere",
        ]
    );
}

#[test]
fn build_list_and_render_decide_lists_and_routes() {
    let (site, _) = build("title = \"Blog\"\n", &blog());
    let posts = site.page_by_url("/posts/").expect("the section");
    assert_eq!(
        urls(&site.list(posts)),
        ["/posts/linked/", "/posts/local/", "/posts/first/"],
        "local is in its section's list, never in none"
    );
    assert_eq!(
        urls(&site.home_pages()),
        ["/posts/linked/", "/posts/first/"],
        "a site-wide list leaves out local pages (and the main section is no card of its own)"
    );
    let term = site.page_by_url("/tags/a/").expect("the term");
    assert_eq!(urls(&site.list(term)), ["/posts/local/", "/posts/first/"]);
    let archives: Vec<String> = site
        .archives()
        .iter()
        .flat_map(|year| year.months.iter().flat_map(|month| urls(&month.pages)))
        .collect();
    assert_eq!(archives, ["/posts/linked/", "/posts/first/"]);
    // Linked pages are listed, with a URL, but nothing answers there.
    let linked = site.page_by_url("/posts/linked/").expect("in the index");
    assert!(site.route(&linked.url).is_none() && linked.markdown_url().is_none());
    // A page in no list is still a page, with its neighbours.
    let unlisted = site.page_by_url("/posts/unlisted/").expect("rendered");
    assert!(site.route(&unlisted.url).is_some());
    let first = site.page_by_url("/posts/first/").expect("first");
    let (previous, next) = site.neighbours(first);
    assert_eq!(
        (previous.map(|page| page.url.as_str()), next),
        (Some("/posts/local/"), None),
        "prev/next walk the section's own list"
    );
    let feeds = feeds::feeds(&site);
    let (_, home_feed) = feeds
        .iter()
        .find(|(list, _)| list.url == "/")
        .expect("the site feed");
    assert!(home_feed.contains("/posts/first/") && !home_feed.contains("/posts/local/"));
}

#[test]
fn cascades_pass_build_options_and_params_down() {
    let files = [
        markdown(
            "content/docs/_index.md",
            "---\ntitle: Docs\ncascade:\n  - _target:\n      kind: page\n    build:\n      \
             list: local\n    ShowToc: false\n  - params:\n      hideSummary: true\n---\n",
        ),
        markdown("content/docs/a.md", "---\ntitle: A\n---\n"),
        markdown(
            "content/docs/b.md",
            "---\ntitle: B\nshowtoc: true\nbuild:\n  list: always\n---\n",
        ),
        markdown(
            "content/snippets/_index.md",
            "+++\ntitle = \"Snippets\"\n[cascade]\nheadless = true\nweight = \"heavy\"\n+++\n",
        ),
        markdown("content/snippets/s.md", "+++\ntitle = \"S\"\n+++\n"),
    ];
    let (site, diagnostics) = build("title = \"Blog\"\n", &files);
    let a = site.page_by_url("/docs/a/").expect("a");
    let b = site.page_by_url("/docs/b/").expect("b");
    let docs = site.page_by_url("/docs/").expect("docs");
    assert!(!a.is_listed(true) && a.is_listed(false));
    assert!(b.is_listed(true), "the page's own build wins");
    assert!(docs.is_listed(true), "the target is pages only");
    assert_eq!(a.param(&site, "showtoc"), Some("false"));
    assert_eq!(b.param(&site, "showtoc"), Some("true"));
    assert_eq!(docs.param(&site, "hidesummary"), Some("true"), "itself too");
    assert!(site.page_by_url("/snippets/").is_none() && site.page_by_url("/snippets/s/").is_none());
    // A bad key in a cascade is reported where the cascade is written, and passes nothing.
    assert_eq!(
        diagnostics,
        [
            "content/snippets/_index.md:3:2: front matter key \"weight\": expected an integer, \
          found a string"
        ]
    );
}

#[test]
fn disabled_taxonomies_leave_no_page_route_link_or_menu_entry() {
    let config = "title = \"Blog\"\nbaseURL = \"https://example.org/\"\n\
                  disableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \
                  \"404\", \"tag\"]\n\
                  [[menu.main]]\nname = \"Tags\"\nurl = \"/tags/\"\n\
                  [[menu.main]]\nname = \"Categories\"\npageRef = \"/categories\"\n\
                  [[menu.main]]\nname = \"Posts\"\npageRef = \"/posts\"\n";
    let (site, diagnostics) = build(config, &blog());
    assert!(
        routes(&site)
            .iter()
            .all(|url| !url.starts_with("/tags/") && !url.starts_with("/categories/")),
        "{:?}",
        routes(&site)
    );
    let first = site.page_by_url("/posts/first/").expect("first");
    assert!(site.tags(first).is_empty() && first.terms.is_empty());
    assert_eq!(
        site.config().menu("main"),
        [("Posts".to_owned(), "/posts/".to_owned())]
    );
    assert!(feeds::feeds(&site).is_empty());
    let warnings: Vec<&String> = diagnostics
        .iter()
        .filter(|message| message.starts_with("hugo.toml"))
        .collect();
    assert_eq!(
        warnings,
        [
            "hugo.toml:3:1: config key \"disableKinds\": unknown kind \"tag\" (Hugo's kinds: \
             home, page, section, taxonomy, term, rss, sitemap, robotstxt, 404)",
            "hugo.toml:6:8: menu \"main\" url \"/tags/\" names a page the site does not \
             publish (headless, build render \"never\", or a kind in disableKinds): it leads \
             nowhere",
            "hugo.toml:9:12: menu \"main\" pageRef \"/categories\" names a page the site does \
             not publish (headless, build render \"never\", or a kind in disableKinds): it \
             leads nowhere",
        ]
    );
}

#[test]
fn disabled_sections_pages_and_home_are_left_out() {
    let (site, _) = build(
        "title = \"Blog\"\ndisableKinds = [\"section\", \"taxonomyTerm\"]\n",
        &blog(),
    );
    assert!(site.page_by_url("/posts/").is_none() && site.page_by_url("/tags/").is_none());
    assert!(site.page_by_url("/tags/a/").is_some(), "terms stay");
    let first = site.page_by_url("/posts/first/").expect("first");
    let trail: Vec<&str> = site
        .ancestors(first)
        .iter()
        .map(|page| page.url.as_str())
        .collect();
    assert_eq!(trail, ["/"], "the breadcrumbs skip the section");
    let (site, _) = build("disableKinds = [\"page\", \"home\"]\n", &blog());
    assert_eq!(
        urls(&site.pages().iter().collect::<Vec<_>>()),
        ["/categories/", "/posts/", "/tags/", "/tags/a/"]
    );
}

#[test]
fn paper_mods_home_and_feed_params_keep_pages_off_those_lists() {
    let files = [
        markdown(
            "content/posts/a.md",
            "---\ntitle: A\ndate: 2025-01-01\nhiddenInHomeList: true\n---\n",
        ),
        markdown(
            "content/posts/b.md",
            "---\ntitle: B\ndate: 2025-01-02\nhiddenInRss: true\n---\n",
        ),
    ];
    let (site, _) = build("title = \"Blog\"\n", &files);
    assert_eq!(urls(&site.home_pages()), ["/posts/b/"]);
    let posts = site.page_by_url("/posts/").expect("posts");
    assert_eq!(urls(&site.list(posts)), ["/posts/b/", "/posts/a/"]);
    for (_, xml) in feeds::feeds(&site) {
        assert!(!xml.contains("/posts/b/"), "{xml}");
    }
}
