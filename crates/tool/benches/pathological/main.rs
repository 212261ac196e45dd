//! Hostile-input benchmark: a page of each family of [`families::FAMILIES`] at two sizes goes
//! through the build and through what the browser runs, and the time per MB is printed for
//! both sizes (the best of a few runs), so super-linear growth shows as a larger figure at the
//! larger size.
//!
//! `./scripts/bench-pathological.sh` runs it (release build). Arguments: a family name filter;
//! `PATHOLOGICAL_SIZES=64,256` sets the sizes in KB (256 and 1024 by default),
//! `PATHOLOGICAL_RUNS` the runs per size (3). With `PATHOLOGICAL_SITE=<folder>` it times
//! nothing and writes a site there instead: a post per family of page content (safe sites'
//! families) at the largest size, which `./scripts/bench-browser-render.sh` opens in the app
//! to time the same pages in wasm.

mod families;

use std::path::Path;
use std::time::Duration;

use families::{FAMILIES, Family, Measured, measure, page_file};

/// A time past which the larger sizes are not tried: the pipeline is far over its budget.
const GIVE_UP: Duration = Duration::from_secs(20);

/// `time` for `size` bytes as milliseconds per MB.
fn per_mb(time: Duration, size: usize) -> String {
    let bytes_per_mb = 1024.0 * 1024.0;
    format!(
        "{:.0}",
        time.as_secs_f64() * 1000.0 * bytes_per_mb / size as f64
    )
}

/// The numbers of the environment variable `name` (comma-separated), or `default`.
fn numbers_from_env(name: &str, default: &[usize]) -> Vec<usize> {
    let numbers: Vec<usize> = std::env::var(name)
        .unwrap_or_default()
        .split(',')
        .filter_map(|number| number.trim().parse().ok())
        .collect();
    if numbers.is_empty() {
        default.to_vec()
    } else {
        numbers
    }
}

fn main() {
    let filter = std::env::args()
        .skip(1)
        .find(|argument| !argument.starts_with('-'))
        .unwrap_or_default();
    let sizes = numbers_from_env("PATHOLOGICAL_SIZES", &[256, 1024]);
    let runs = numbers_from_env("PATHOLOGICAL_RUNS", &[3])
        .first()
        .copied()
        .unwrap_or(3)
        .max(1);
    let families = FAMILIES
        .iter()
        .filter(|family| family.name.contains(&filter));
    if let Some(folder) = std::env::var_os("PATHOLOGICAL_SITE") {
        let size = sizes.iter().copied().max().unwrap_or(1024) * 1024;
        write_site(Path::new(&folder), families, size);
        return;
    }
    let heading: Vec<String> = sizes.iter().map(|size| format!("{size} KB")).collect();
    println!(
        "ms per MB of input, best of {runs} (build: front matter to checks; browser: \
         render_html)\n\n| input | build {} | browser {} |\n|---|---|---|",
        heading.join(" / "),
        heading.join(" / "),
    );
    for family in families {
        let mut builds = Vec::new();
        let mut browsers = Vec::new();
        let mut over = false;
        for &size in &sizes {
            if over {
                builds.push("skipped".to_owned());
                browsers.push("skipped".to_owned());
                continue;
            }
            let measured: Vec<Measured> = (0..runs).map(|_| measure(family, size * 1024)).collect();
            let bytes = measured.first().map_or(1, |run| run.bytes);
            let best = |time: fn(&Measured) -> Duration| {
                measured.iter().map(time).min().unwrap_or_default()
            };
            let (build, browser) = (best(|run| run.build), best(|run| run.browser));
            builds.push(per_mb(build, bytes));
            browsers.push(per_mb(browser, bytes));
            over = build + browser > GIVE_UP;
        }
        let kind = if family.whole_file {
            "front matter: "
        } else if family.unsafe_html {
            "unsafe site: "
        } else {
            ""
        };
        println!(
            "| {kind}{} | {} | {} |",
            family.name,
            builds.join(" / "),
            browsers.join(" / ")
        );
    }
}

/// Writes a site of one post per body family (not those whose hostile part is front matter,
/// nor those made for sites that keep raw HTML) into `folder`: `content/posts/<n>.md`, titled
/// with the family's name, about `size` bytes; prints each post's number and title.
fn write_site<'f>(folder: &Path, families: impl Iterator<Item = &'f Family>, size: usize) {
    let posts = folder.join("content/posts");
    std::fs::create_dir_all(&posts).expect("the site's folder can be made");
    std::fs::write(
        folder.join("hugo.toml"),
        "baseURL = \"/\"\ntitle = \"Hostile pages\"\n",
    )
    .expect("hugo.toml written");
    let body_families = families.filter(|family| !family.whole_file && !family.unsafe_html);
    for (index, family) in body_families.enumerate() {
        let title = family.name.replace(['"', '\\'], "");
        let text = page_file(family, size, &title);
        std::fs::write(posts.join(format!("{index:02}.md")), text).expect("post written");
        println!("{index:02}\t{title}");
    }
}
