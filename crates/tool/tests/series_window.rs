//! A long series as a reader sees its box on a prerendered article: a window of parts around
//! the article's own, and which part of how many it is, never every part.

use std::sync::Arc;

use blogreader::app::{PageBody, RouteData};
use blogreader_content::route_model::{RouteModel, SiteData};
use blogreader_content::site::SourceFile;
use blogreader_site::build::build_site_at;
use blogreader_site::config::BuildConfig;
use blogtool::prerender::render_route;

/// 2030-01-01: after every date below.
const NOW: i64 = 1_893_456_000;

fn markdown(path: &str, text: String) -> SourceFile {
    SourceFile {
        path: path.to_owned(),
        text: Some(text),
    }
}

/// The prerendered markup of part `part` of a series of `parts` articles, inside `posts/`.
fn article_markup(parts: usize, part: usize) -> String {
    let mut files = vec![
        markdown(
            "content/posts/_index.md",
            "---\ntitle: Posts\n---\n".to_owned(),
        ),
        markdown(
            "content/posts/long/_index.md",
            "---\ntitle: The Long Series\n---\n".to_owned(),
        ),
    ];
    files.extend((1..=parts).map(|n| {
        markdown(
            &format!("content/posts/long/part-{n:03}.md"),
            format!("---\ntitle: Part {n}\nweight: {n}\n---\nText of part {n}.\n"),
        )
    }));
    let (site, diagnostics) = build_site_at(BuildConfig::default(), &files, NOW);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let url = format!("/posts/long/part-{part:03}/");
    let route = site.route(&url).expect("the part's route");
    let model = RouteModel::of(&site, route, &[]);
    render_route(RouteData {
        site: Arc::new(SiteData::of(&site)),
        url,
        page: Some((model, PageBody::Empty)),
    })
}

/// The texts of the series box's list items after its title, in order.
fn listed_parts(markup: &str) -> Vec<String> {
    let series = markup
        .split("class=\"series-list\">")
        .nth(1)
        .and_then(|rest| rest.split("</nav>").next())
        .unwrap_or_else(|| panic!("no series box in {markup}"));
    series
        .split("<li")
        .skip(1)
        .map(|item| {
            let text = item.split("</a>").next().unwrap_or_default();
            text.rsplit('>').next().unwrap_or_default().to_owned()
        })
        .skip(1)
        .collect()
}

#[test]
fn a_part_in_the_middle_of_a_long_series_shows_three_parts_either_side() {
    let markup = article_markup(40, 20);
    assert_eq!(
        listed_parts(&markup),
        [
            "Part 17", "Part 18", "Part 19", "Part 20", "Part 21", "Part 22", "Part 23"
        ]
    );
    assert!(markup.contains("part 20 of 40"), "{markup}");
    assert!(
        markup.contains("aria-current=\"page\">Part 20</a>"),
        "the article's own part is marked"
    );
}

#[test]
fn the_first_and_last_parts_show_the_six_next_to_them_and_a_short_series_shows_whole() {
    assert_eq!(
        listed_parts(&article_markup(40, 1))
            .first()
            .map(String::as_str),
        Some("Part 1")
    );
    assert_eq!(listed_parts(&article_markup(40, 1)).len(), 7);
    assert_eq!(
        listed_parts(&article_markup(40, 40))
            .last()
            .map(String::as_str),
        Some("Part 40")
    );
    assert!(article_markup(40, 40).contains("part 40 of 40"));
    assert_eq!(
        listed_parts(&article_markup(3, 2)),
        ["Part 1", "Part 2", "Part 3"]
    );
}
