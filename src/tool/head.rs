//! The `<head>` of a prerendered page: title, description, canonical URL, Open Graph and
//! Twitter card tags, a JSON-LD `BlogPosting` for articles, feed links, and preloads of what
//! the app fetches first (so those fetches run in parallel with the wasm download).

use serde_json::json;

use crate::app::page_title;
use crate::content::builtin::plainify;
use crate::content::markdown::escape_html;
use crate::content::site::{CONTENT_INDEX_FILE, PageEntry, PageKind, Site};
use crate::fetch::CONTENT_INDEX_LINK_ID;
use crate::tool::feeds::FEED_FILE;

/// Longest meta description, in characters: what search results show.
const DESCRIPTION_LENGTH: usize = 160;

/// What a page's head says about it.
pub struct Head {
    /// The document title (`Page | Site`).
    pub title: String,
    /// Tags to put before `</head>`.
    pub tags: String,
}

/// A site URL as an absolute one, with `baseURL`'s scheme and host when it has them.
pub fn absolute_url(site: &Site, url: &str) -> String {
    if url.contains("://") {
        url.to_owned()
    } else {
        format!("{}{url}", site.config.base_origin())
    }
}

/// The head of the page at `url`; `entry` is `None` for the not-found page.
pub fn head(site: &Site, url: &str, entry: Option<&PageEntry>) -> Head {
    let site_title = &site.config.title;
    let Some(entry) = entry else {
        let title = page_title("Page not found", site_title);
        let mut tags = common_tags(site);
        tags.push_str("<meta name=\"robots\" content=\"noindex\">\n");
        return Head { title, tags };
    };
    let title = page_title(&entry.title, site_title);
    let description = description(site, entry);
    let canonical = absolute_url(site, url);
    let is_article = entry.kind == PageKind::Page;
    let image = entry
        .cover
        .as_ref()
        .map(|cover| absolute_url(site, &cover.image));

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
    if entry.kind == PageKind::Section {
        tags.push_str(&feed_link(
            &format!("{}{FEED_FILE}", entry.url),
            &page_title(&entry.title, site_title),
        ));
    }
    if let Some(markdown_url) = entry.markdown_url() {
        tags.push_str(&preload(&markdown_url, None));
    }
    if is_article {
        tags.push_str(&blog_posting(site, entry, &canonical, &description, image));
    }
    Head { title, tags }
}

/// What every page's head has: the site feed and the content index preload.
fn common_tags(site: &Site) -> String {
    let base_path = site.config.base_path();
    let mut tags = feed_link(&format!("{base_path}{FEED_FILE}"), &site.config.title);
    tags.push_str(&preload(
        &format!("{base_path}{CONTENT_INDEX_FILE}"),
        Some(CONTENT_INDEX_LINK_ID),
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
/// own mode, or the browser downloads the file twice.
fn preload(href: &str, id: Option<&str>) -> String {
    let id = id.map_or_else(String::new, |id| format!("id=\"{id}\" "));
    format!(
        "<link {id}rel=\"preload\" href=\"{}\" as=\"fetch\" crossorigin>\n",
        escape_html(href)
    )
}

/// The page's description, else its summary as plain text (cut at a word, at most
/// [`DESCRIPTION_LENGTH`] characters), else the site's `params.description`.
fn description(site: &Site, entry: &PageEntry) -> String {
    if !entry.description.trim().is_empty() {
        return entry.description.trim().to_owned();
    }
    let summary = unescape_html(&plainify(&entry.summary_html));
    let summary = summary.split_whitespace().collect::<Vec<_>>().join(" ");
    if summary.is_empty() {
        return entry.param(site, "description").unwrap_or("").to_owned();
    }
    shorten(&summary, DESCRIPTION_LENGTH)
}

/// `text` cut to at most `limit` characters at a word boundary, with `…` when cut.
fn shorten(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    let mut cut = String::new();
    for word in text.split(' ') {
        if cut.chars().count() + word.chars().count() + 1 >= limit {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    cut.push('…');
    cut
}

/// The text of escaped HTML text: the entities our own renderer writes, turned back.
fn unescape_html(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
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
        posting["dateModified"] = json!(date.rfc3339());
    }
    if let Some(image) = image {
        posting["image"] = json!(image);
    }
    if let Some(author) = entry.param(site, "author") {
        posting["author"] = json!({ "@type": "Person", "name": author });
    }
    // `</` would end the script element early: JSON allows `<\/` for it.
    let text = posting.to_string().replace("</", "<\\/");
    format!("<script type=\"application/ld+json\">{text}</script>\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_at_a_word_and_marks_the_cut() {
        assert_eq!(shorten("short text", 20), "short text");
        assert_eq!(shorten("one two three four", 10), "one two…");
    }

    #[test]
    fn unescape_turns_entities_back_into_text() {
        assert_eq!(
            unescape_html("a &amp;lt; &lt;b&gt; &quot;"),
            "a &lt; <b> \""
        );
    }
}
