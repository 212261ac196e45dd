//! Each route's data is all the app needs, and it does not grow with the site: for every page
//! of the fixture sites, the body the browser renders from the page's Markdown with only the
//! site's and the route's data (read back as the app reads them) is the build's body; and an
//! article's data, a list pager's and the site's are the same size at 100 posts (a full pager of each list) and at 2,000.

use std::path::PathBuf;

use blogreader_content::route_model::SiteData;
use blogreader_content::site::SourceFile;
use blogreader_site::config::BuildConfig;
use blogtool::prerender::route_model;
use blogtool::{self as tool, BuiltSite};

mod common;

/// Every fixture site that builds without errors.
const FIXTURES: [&str; 9] = [
    "seed",
    "linked",
    "prefixed",
    "shortcodes",
    "math",
    "math-passthrough",
    "tagged",
    "hostile",
    "parity",
];

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures")).join(name)
}

#[test]
fn every_body_renders_in_the_browser_from_its_route_data_as_the_build_renders_it() {
    for name in FIXTURES {
        let built = tool::build(&fixture(name)).unwrap_or_else(|error| panic!("{name}: {error}"));
        let mut checked = 0;
        for (url, route) in built.site.routes() {
            if url != route.canonical_url() || route.pager > 1 {
                continue;
            }
            let Some(browser) = common::browser_body(&built, &url) else {
                continue;
            };
            let build = built.bodies.get(&route.page.url);
            assert_eq!(Some(&browser), build, "{name}: {url}");
            checked += 1;
        }
        assert!(checked > 0, "{name}: no page with Markdown");
    }
}

/// A site of `posts` posts in one section, each linking the one before it by `relref`, with a
/// tag of ten.
fn generated(posts: usize) -> BuiltSite {
    let mut files = vec![SourceFile {
        path: "content/posts/_index.md".to_owned(),
        text: Some("---\ntitle: Posts\n---\nThe posts.\n".to_owned()),
    }];
    files.extend((1..=posts).map(|n| SourceFile {
        path: format!("content/posts/post-{n:05}.md"),
        text: Some(format!(
            "---\ntitle: Post {n}\ndate: 2024-01-01T00:00:{:02}Z\nweight: {n}\ntags: [t{}]\n---\n\
             Text of post {n}, after [the one before]({{{{< relref \"post-{:05}\" >}}}}).\n",
            n % 60,
            n % 10,
            n.saturating_sub(1).max(1)
        )),
    }));
    let built = blogreader_site::build::build_pages_at(
        BuildConfig::default(),
        &files,
        1_893_456_000,
        &Default::default(),
    );
    tool::BuiltSite {
        site: built.site,
        bodies: built.bodies,
        looked_up: built.looked_up,
        diagnostics: built.diagnostics,
        files,
        renamed: Default::default(),
        renders: Default::default(),
        search_texts: Default::default(),
    }
}

/// The bytes of the data of the route at `url`, as written.
fn route_bytes(built: &BuiltSite, url: &str) -> usize {
    let route = built
        .site
        .route(url)
        .unwrap_or_else(|| panic!("no route {url}"));
    serde_json::to_string(&route_model(built, route))
        .map(|json| json.len())
        .unwrap_or_default()
}

#[test]
fn route_data_is_the_same_size_at_100_posts_and_at_2000() {
    let (small, large) = (generated(100), generated(2_000));
    let site_bytes = |built: &BuiltSite| {
        serde_json::to_string(&SiteData::of(&built.site)).map_or(0, |json| json.len())
    };
    // The middle of each site: the same post number, so titles are as long.
    for (what, small_bytes, large_bytes) in [
        ("site", site_bytes(&small), site_bytes(&large)),
        (
            "article",
            route_bytes(&small, "/posts/post-00010/"),
            route_bytes(&large, "/posts/post-00010/"),
        ),
        ("home", route_bytes(&small, "/"), route_bytes(&large, "/")),
        (
            "section",
            route_bytes(&small, "/posts/"),
            route_bytes(&large, "/posts/"),
        ),
        (
            "tag",
            route_bytes(&small, "/tags/t1/"),
            route_bytes(&large, "/tags/t1/"),
        ),
    ] {
        assert!(small_bytes > 0, "{what}");
        assert!(
            large_bytes * 10 <= small_bytes * 11,
            "{what}: {small_bytes} bytes at 100 posts, {large_bytes} at 2,000"
        );
    }
}

#[test]
fn a_long_lists_pager_nav_shows_a_handful_of_numbers() {
    let built = generated(2_000);
    // The home page lists the 2,000 posts (not their section itself): 200 pagers.
    let route = built
        .site
        .route("/page/100/")
        .expect("pager 100 of the home page");
    let markup = blogtool::prerender::render_route(blogreader::app::RouteData {
        site: std::sync::Arc::new(SiteData::of(&built.site)),
        url: "/page/100/".to_owned(),
        page: Some((route_model(&built, route), blogreader::app::PageBody::Empty)),
    });
    let nav = markup
        .split("class=\"pager-numbers\">")
        .nth(1)
        .and_then(|rest| rest.split("</ul>").next())
        .unwrap_or_else(|| panic!("no pager numbers in {markup}"));
    let numbers: Vec<&str> = nav
        .split("<a")
        .skip(1)
        .filter_map(|link| link.split('>').nth(1)?.split('<').next())
        .collect();
    assert_eq!(
        numbers,
        ["1", "…", "98", "99", "100", "101", "102", "…", "200"]
    );
    assert!(nav.contains("data-kind=\"gap\"><a>…</a>"), "{nav}");
}
