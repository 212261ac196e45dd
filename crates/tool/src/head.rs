//! The `<head>` of a prerendered page: title, description, canonical URL, Open Graph and
//! Twitter card tags, a JSON-LD `BlogPosting` for articles, feed links, and preloads of what
//! the app fetches first (so those fetches run in parallel with the wasm download).

use serde_json::json;

use blogreader::app::page_title;
use blogreader_content::contract::{FEED_FILE, SITE_DATA_FILE, SITE_DATA_LINK_ID, route_data_url};
use blogreader_content::html::escape_html;
use blogreader_content::meta;
use blogreader_content::site::{PageEntry, PageKind, Site};

/// What a page's head says about it.
pub struct Head {
    /// The document title (`Page | Site`).
    pub title: String,
    /// Tags to put before `</head>`.
    pub tags: String,
}

/// The head of the page at `url`; `entry` is `None` for the not-found page.
pub fn head(site: &Site, url: &str, entry: Option<&PageEntry>) -> Head {
    let site_title = &site.config().title;
    let Some(entry) = entry else {
        let title = page_title("Page not found", site_title);
        let mut tags = common_tags(site);
        tags.push_str("<meta name=\"robots\" content=\"noindex\">\n");
        return Head { title, tags };
    };
    let title = page_title(&entry.title, site_title);
    let description = meta::description(site, entry);
    let canonical = site.absolute_url(url);
    let is_article = entry.is_article();
    let image = entry
        .cover
        .as_ref()
        .map(|cover| site.absolute_url(&cover.image));

    let mut tags = common_tags(site);
    let mut meta = |attribute: &str, name: &str, content: &str| {
        tags.push_str(&format!(
            "<meta {attribute}=\"{name}\" content=\"{}\">\n",
            escape_html(content)
        ));
    };
    meta("name", "description", &description);
    meta("property", "og:title", &entry.title);
    meta("property", "og:description", &description);
    meta(
        "property",
        "og:type",
        if is_article { "article" } else { "website" },
    );
    meta("property", "og:url", &canonical);
    meta("property", "og:site_name", site_title);
    if let Some(image) = &image {
        meta("property", "og:image", image);
    }
    if let Some(date) = entry.date.filter(|_| is_article) {
        meta("property", "article:published_time", &date.rfc3339());
    }
    if let Some(lastmod) = entry.lastmod.filter(|_| is_article) {
        meta("property", "article:modified_time", &lastmod.rfc3339());
    }
    let card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    meta("name", "twitter:card", card);
    meta("name", "twitter:title", &entry.title);
    meta("name", "twitter:description", &description);
    if let Some(image) = &image {
        meta("name", "twitter:image", image);
    }
    tags.push_str(&format!(
        "<link rel=\"canonical\" href=\"{}\">\n",
        escape_html(&canonical)
    ));
    let has_feed = matches!(
        entry.kind,
        PageKind::Section | PageKind::Taxonomy | PageKind::Term
    );
    if has_feed && site.config().is_kind_enabled("rss") {
        tags.push_str(&feed_link(
            &format!("{}{FEED_FILE}", entry.url),
            &page_title(&entry.title, site_title),
        ));
    }
    tags.push_str(&preload(&route_data_url(url), None));
    if let Some(markdown_url) = entry.markdown_url() {
        tags.push_str(&preload(&markdown_url, None));
    }
    if is_article {
        tags.push_str(&blog_posting(site, entry, &canonical, &description, image));
    }
    Head { title, tags }
}

/// What every page's head has: the site feed (unless `disableKinds` has `RSS`) and the
/// preload of the site's data.
fn common_tags(site: &Site) -> String {
    let base_path = site.config().base_path();
    let mut tags = String::new();
    if site.config().is_kind_enabled("rss") {
        tags.push_str(&feed_link(
            &format!("{base_path}{FEED_FILE}"),
            &site.config().title,
        ));
    }
    tags.push_str(&preload(
        &format!("{base_path}{SITE_DATA_FILE}"),
        Some(SITE_DATA_LINK_ID),
    ));
    tags
}

fn feed_link(href: &str, title: &str) -> String {
    format!(
        "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"{}\" title=\"{}\">\n",
        escape_html(href),
        escape_html(title)
    )
}

/// A preload the app's `fetch` reuses: `as="fetch"` with `crossorigin`, like the fetch's
/// own mode, or the browser downloads the file twice. It carries no `integrity`: Chromium
/// ignores one on `as="fetch"` (with a console warning on every page) and checks the fetch's
/// own integrity against the preloaded bytes.
fn preload(href: &str, id: Option<&str>) -> String {
    let id = id.map_or_else(String::new, |id| format!("id=\"{id}\" "));
    format!(
        "<link {id}rel=\"preload\" href=\"{}\" as=\"fetch\" crossorigin>\n",
        escape_html(href)
    )
}

/// Schema.org's `BlogPosting` as JSON-LD: what search engines read of an article.
fn blog_posting(
    site: &Site,
    entry: &PageEntry,
    canonical: &str,
    description: &str,
    image: Option<String>,
) -> String {
    let mut posting = json!({
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": entry.title,
        "description": description,
        "url": canonical,
        "mainEntityOfPage": canonical,
        "wordCount": entry.word_count,
    });
    if let Some(date) = entry.date {
        posting["datePublished"] = json!(date.rfc3339());
        posting["dateModified"] = json!(entry.lastmod.unwrap_or(date).rfc3339());
    }
    if let Some(image) = image {
        posting["image"] = json!(image);
    }
    if let Some(author) = entry.param(site, "author") {
        posting["author"] = json!({ "@type": "Person", "name": author });
    }
    format!(
        "<script type=\"application/ld+json\">{}</script>\n",
        json_for_script(&posting.to_string())
    )
}

/// JSON as the content of a `<script>` element: `<`, `>` and `&` as JSON escapes, so no
/// `</script`, `<!--` or `<script` can end the element early or put the browser's parser into
/// a state where it swallows the rest of the page.
fn json_for_script(json: &str) -> String {
    let mut escaped = String::with_capacity(json.len());
    for character in json.chars() {
        match character {
            '<' => escaped.push_str("\\u003c"),
            '>' => escaped.push_str("\\u003e"),
            '&' => escaped.push_str("\\u0026"),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use blogreader_content::site::{SiteConfig, empty_entry};

    #[test]
    fn json_in_a_script_element_can_neither_end_it_nor_open_a_comment() {
        let title = "<!--<script>x</script>&\"";
        let json = serde_json::json!({ "headline": title }).to_string();
        let escaped = json_for_script(&json);
        assert_eq!(
            escaped,
            "{\"headline\":\"\\u003c!--\\u003cscript\\u003ex\\u003c/script\\u003e\\u0026\\\"\"}"
        );
        let parsed: serde_json::Value =
            serde_json::from_str(&escaped).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(parsed["headline"], title, "the same JSON, only escaped");
    }

    #[test]
    fn the_site_route_and_markdown_are_preloaded_without_an_integrity_chromium_would_warn_of() {
        let mut entry = empty_entry(PageKind::Page, "/posts/a/".to_owned());
        entry.source = "content/posts/a.md".to_owned();
        entry.markdown_integrity = "sha256-QBVRM/n39zG3RDwFxyVZLO8wre9SOhNZsDBrtxvX/1w=".to_owned();
        let site = Site::new(SiteConfig::default(), vec![entry.clone()]);
        let tags = head(&site, &entry.url, Some(&entry)).tags;
        assert!(
            tags.contains(
                "<link rel=\"preload\" href=\"/posts/a/index.md\" as=\"fetch\" crossorigin>"
            ),
            "{tags}"
        );
        assert!(
            tags.contains(
                "<link id=\"site-data\" rel=\"preload\" href=\"/site.json\" as=\"fetch\" \
                 crossorigin>"
            ),
            "{tags}"
        );
        assert!(
            tags.contains(
                "<link rel=\"preload\" href=\"/posts/a/route.json\" as=\"fetch\" \
                 crossorigin>\n<link rel=\"preload\" href=\"/posts/a/index.md\""
            ),
            "{tags}"
        );
    }
}
