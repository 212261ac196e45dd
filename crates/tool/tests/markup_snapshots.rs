//! The markup readers get, whole: every body of the fixture sites as the build renders it
//! (the HTML the prerendered page and the app show, and the table of contents), compared with
//! the snapshots in `snapshots/`. A change of markup shows there as a diff of the page, not
//! through a `contains` that misses the rest. After a change meant to alter the markup, review
//! it with `cargo insta review` (or `INSTA_UPDATE=always cargo test -p blogtool --test
//! markup_snapshots` and read the diff) and commit the snapshots.

use std::fmt::Write;
use std::path::PathBuf;

use blogtool as tool;

/// The fixture sites whose bodies are snapshotted: links and series, a PaperMod-shaped blog
/// of shortcodes and templates, math, taxonomies with menus, and a site made of payloads
/// (what the sanitizer lets through, whole).
const FIXTURES: [&str; 5] = ["linked", "shortcodes", "math", "tagged", "hostile"];

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures")).join(name)
}

/// Every body of the site at `name`, by URL: its HTML, then its table of contents.
fn bodies(name: &str) -> String {
    let built = tool::build(&fixture(name)).unwrap_or_else(|error| panic!("{name}: {error}"));
    let mut urls: Vec<&String> = built.bodies.keys().collect();
    urls.sort();
    let mut text = String::new();
    for url in urls {
        let Some(body) = built.bodies.get(url) else {
            continue;
        };
        let _ = writeln!(text, "===== {url}\n{}", body.html.trim_end());
        for heading in &body.toc {
            let _ = writeln!(
                text,
                "----- toc: h{} #{} {}",
                heading.level, heading.id, heading.text
            );
        }
    }
    text
}

#[test]
fn every_body_of_the_fixture_sites_is_the_markup_in_its_snapshot() {
    for name in FIXTURES {
        insta::assert_snapshot!(name, bodies(name));
    }
}
