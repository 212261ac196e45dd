//! Navigation (series boxes, neighbours, breadcrumbs, archives) over sites built from files.

use blogreader_content::navigation::*;
use blogreader_content::site::{PageEntry, Site, SourceFile};
use blogreader_site::build::build_site_at;
use blogreader_site::config::BuildConfig;

/// Long after every date below, so no page is a future one.
const NOW: i64 = 4_000_000_000;

fn build(config: &str, files: &[(&str, &str)]) -> Site {
    let config = BuildConfig::parse("hugo.toml", config).unwrap_or_else(|error| panic!("{error}"));
    let files: Vec<SourceFile> = files
        .iter()
        .map(|(path, text)| SourceFile {
            path: (*path).to_owned(),
            text: Some((*text).to_owned()),
        })
        .collect();
    let (site, diagnostics) = build_site_at(config, &files, NOW);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    site
}

fn page<'s>(site: &'s Site, url: &str) -> &'s PageEntry {
    site.page_by_url(url)
        .unwrap_or_else(|| panic!("no page at {url}"))
}

fn titles(pages: &[&PageEntry]) -> Vec<String> {
    pages.iter().map(|page| page.title.clone()).collect()
}

/// A blog section with a series inside it, ordered by weight, and a page of its own.
fn blog() -> Site {
    build(
        "title = \"Blog\"\n[taxonomies]\ntag = \"tags\"\nseries = \"series\"\n",
        &[
            ("content/posts/_index.md", "---\ntitle: Posts\n---\n"),
            (
                "content/posts/lone.md",
                "---\ntitle: Lone\ndate: 2024-12-31\ntags: [Rust]\n---\n",
            ),
            ("content/posts/set/_index.md", "---\ntitle: The Set\n---\n"),
            (
                "content/posts/set/one.md",
                "---\ntitle: One\ndate: 2025-06-02\nweight: 1\nseries: [Intro]\n---\n",
            ),
            (
                "content/posts/set/two.md",
                "---\ntitle: Two\ndate: 2025-05-01\nweight: 2\ntags: [Wasm, Rust]\n---\n",
            ),
            (
                "content/posts/set/three.md",
                "---\ntitle: Three\ndate: 2025-06-05\nlastmod: 2025-07-01\nweight: 3\n---\n",
            ),
            (
                "content/notes/later.md",
                "---\ntitle: Later\ndate: 2026-01-10\nseries: Intro\n---\n",
            ),
        ],
    )
}

#[test]
fn breadcrumbs_lead_from_the_home_page_down() {
    let site = blog();
    let trail = |url: &str| titles(&site.ancestors(page(&site, url)));
    assert_eq!(trail("/posts/set/two/"), ["Blog", "Posts", "The Set"]);
    assert_eq!(trail("/posts/"), ["Blog"]);
    assert_eq!(trail("/tags/rust/"), ["Blog", "Tags"]);
    assert_eq!(trail("/tags/"), ["Blog"]);
    assert!(trail("/").is_empty());
}

#[test]
fn previous_and_next_follow_the_section_order_as_hugo_s_in_section_links() {
    let site = blog();
    let neighbours = |url: &str| {
        let (previous, next) = site.neighbours(page(&site, url));
        (
            previous.map(|p| p.title.as_str()),
            next.map(|p| p.title.as_str()),
        )
    };
    // By weight: One, Two, Three. Hugo 0.111 on Two: .NextInSection One, .PrevInSection
    // Three.
    assert_eq!(neighbours("/posts/set/one/"), (None, Some("Two")));
    assert_eq!(neighbours("/posts/set/two/"), (Some("One"), Some("Three")));
    assert_eq!(neighbours("/posts/set/three/"), (Some("Two"), None));
    assert_eq!(
        neighbours("/posts/lone/"),
        (None, None),
        "a sub-section's pages are not the section's"
    );
}

#[test]
fn a_series_is_a_section_inside_a_section_or_a_series_term() {
    let site = blog();
    let series = |url: &str| -> Vec<(String, Vec<String>)> {
        site.series(page(&site, url))
            .iter()
            .map(|found| (found.list.title.clone(), titles(&found.pages)))
            .collect()
    };
    let set = (
        "The Set".to_owned(),
        titles(&site.section_articles(page(&site, "/posts/set/one/"))),
    );
    assert_eq!(set.1, ["One", "Two", "Three"]);
    // In the term's default order: One's weight first.
    let intro = (
        "Intro".to_owned(),
        vec!["One".to_owned(), "Later".to_owned()],
    );
    assert_eq!(series("/posts/set/one/"), [set.clone(), intro.clone()]);
    assert_eq!(series("/posts/set/two/"), [set]);
    assert_eq!(
        series("/notes/later/"),
        [intro],
        "a top-level section is no series"
    );
    assert!(series("/posts/lone/").is_empty());
}

#[test]
fn tags_are_the_pages_of_the_tags_terms_as_written() {
    let site = blog();
    assert_eq!(
        titles(&site.tags(page(&site, "/posts/set/two/"))),
        ["Wasm", "Rust"]
    );
    assert!(
        site.tags(page(&site, "/posts/set/one/")).is_empty(),
        "a series is no tag"
    );
}

#[test]
fn the_archives_group_dated_articles_by_year_and_month_newest_first() {
    let site = blog();
    // One line per month: `2025 June: Three, One`.
    let archives: Vec<String> = site
        .archives()
        .iter()
        .flat_map(|year| {
            year.months.iter().map(move |month| {
                let titles = titles(&month.pages).join(", ");
                format!("{} {}: {titles}", year.year, month.name)
            })
        })
        .collect();
    assert_eq!(
        archives,
        [
            "2026 January: Later",
            "2025 June: Three, One",
            "2025 May: Two",
            "2024 December: Lone",
        ]
    );
    let counts: Vec<usize> = site.archives().iter().map(ArchiveYear::count).collect();
    assert_eq!(counts, [1, 3, 1]);
}

#[test]
fn the_build_adds_an_archives_page_unless_the_site_has_one() {
    let site = blog();
    let archives = page(&site, "/archives/");
    assert!(archives.is_archives() && !archives.is_article());
    assert_eq!(
        (archives.title.as_str(), archives.parent.as_str()),
        ("Archives", "/")
    );
    assert!(
        !titles(&site.home_pages()).contains(&"Archives".to_owned()),
        "the archives list articles; they are none"
    );

    let own = build(
        "",
        &[
            ("content/a.md", "---\ndate: 2025-01-01\n---\n"),
            (
                "content/history.md",
                "---\ntitle: History\nlayout: archives\n---\n",
            ),
        ],
    );
    assert!(own.page_by_url("/archives/").is_none());
    assert!(page(&own, "/history/").is_archives());
    let undated = build("", &[("content/a.md", "---\ntitle: A\n---\n")]);
    assert!(
        undated.page_by_url("/archives/").is_none(),
        "nothing to list"
    );
}

#[test]
fn lastmod_is_kept_when_it_is_not_the_date_and_told_when_it_is_another_day() {
    let site = build(
        "",
        &[
            (
                "content/same.md",
                "---\ndate: 2025-05-10\nlastmod: 2025-05-10\n---\n",
            ),
            (
                "content/later.md",
                "---\ndate: 2025-05-10T08:00:00Z\nmodified: 2025-05-10T18:00:00Z\n---\n",
            ),
            (
                "content/updated.md",
                "---\ndate: 2025-05-10\nlastmod: 2025-06-01\n---\n",
            ),
            ("content/only.md", "---\nlastmod: 2025-06-01\n---\n"),
        ],
    );
    let dates = |url: &str| {
        let found = page(&site, url);
        (
            found.lastmod.map(|date| date.rfc3339()),
            found.updated().map(|date| date.display()),
        )
    };
    assert_eq!(dates("/same/"), (None, None));
    assert_eq!(
        dates("/later/"),
        (Some("2025-05-10T18:00:00Z".to_owned()), None),
        "the same day: kept for feeds and search engines, not shown"
    );
    assert_eq!(
        dates("/updated/"),
        (
            Some("2025-06-01T00:00:00Z".to_owned()),
            Some("June 1, 2025".to_owned())
        )
    );
    assert_eq!(
        dates("/only/"),
        (None, None),
        "the date falls back to lastmod"
    );
}
