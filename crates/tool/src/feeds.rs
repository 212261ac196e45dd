//! What the build writes for machines: RSS 2.0 feeds (the home page's and each section's,
//! taxonomy's and term's, as Hugo names and fills them), `sitemap.xml` and `robots.txt`.

use std::collections::HashMap;

use rayon::prelude::*;

use blogreader_content::contract::FEED_FILE;
use blogreader_content::html::escape_html;
use blogreader_content::site::{PageEntry, PageKind, Site};

/// The sitemap at the site root.
pub const SITEMAP_FILE: &str = "sitemap.xml";

/// Every feed of the site, as (list page, feed XML): the home page's lists every regular
/// page that site-wide lists show, a section's or a term's its regular pages, a taxonomy's
/// its terms, in the order of the list (Hugo's `rss.xml`), but the pages PaperMod's
/// `hiddenInRss` keeps out of feeds. None when `disableKinds` has `RSS`. Each page's item is
/// made once (a post is in the home page's feed, its section's and each of its terms'), and
/// the feeds over all the cores.
pub fn feeds(site: &Site) -> Vec<(&PageEntry, String)> {
    if !site.config().is_kind_enabled("rss") {
        return Vec::new();
    }
    let in_feed =
        |page: &&PageEntry| page.is_article() && page.own_param("hiddenInRss") != Some("true");
    let page_items: HashMap<&str, String> = site
        .pages()
        .par_iter()
        .filter(|page| page.kind != PageKind::Home)
        .map(|page| (page.url.as_str(), item(site, page)))
        .collect();
    site.pages()
        .par_iter()
        .filter_map(|list| {
            let items: Vec<&PageEntry> = match list.kind {
                PageKind::Home => site
                    .pages()
                    .iter()
                    .filter(|page| page.is_listed(true))
                    .filter(in_feed)
                    .collect(),
                PageKind::Section | PageKind::Term => {
                    site.list(list).into_iter().filter(in_feed).collect()
                }
                // A taxonomy's feed lists its terms, as Hugo's does.
                PageKind::Taxonomy => site.list(list),
                PageKind::Page => return None,
            };
            let items = items
                .iter()
                .filter_map(|page| page_items.get(page.url.as_str()));
            Some((list, rss(site, list, items)))
        })
        .collect()
}

/// One RSS 2.0 channel of `items` (see [`item`]), worded as Hugo's default feed template
/// words it.
fn rss<'i>(site: &Site, list: &PageEntry, items: impl Iterator<Item = &'i String>) -> String {
    let site_title = &site.config().title;
    let is_site = list.title == *site_title || list.title.is_empty();
    let (title, description) = if is_site {
        (
            site_title.clone(),
            format!("Recent content on {site_title}"),
        )
    } else {
        (
            format!("{} on {site_title}", list.title),
            format!("Recent content in {} on {site_title}", list.title),
        )
    };
    let link = site.absolute_url(&list.url);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n\
         <rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n",
    );
    xml.push_str(&format!(
        "<title>{}</title>\n<link>{}</link>\n<description>{}</description>\n\
         <generator>blogreader</generator>\n<language>{}</language>\n",
        xml_text(&title),
        xml_text(&link),
        xml_text(&description),
        xml_text(&site.config().language_code)
    ));
    if let Some(date) = list.date {
        xml.push_str(&format!(
            "<lastBuildDate>{}</lastBuildDate>\n",
            date.rfc1123()
        ));
    }
    xml.push_str(&format!(
        "<atom:link href=\"{}{FEED_FILE}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        xml_text(&link)
    ));
    for item in items {
        xml.push_str(item);
    }
    xml.push_str("</channel>\n</rss>\n");
    xml
}

/// `page` as an item of a feed.
fn item(site: &Site, page: &PageEntry) -> String {
    let permalink = xml_text(&site.absolute_url(&page.url));
    let mut xml = format!(
        "<item>\n<title>{}</title>\n<link>{permalink}</link>\n",
        xml_text(&page.title)
    );
    if let Some(date) = page.date {
        xml.push_str(&format!("<pubDate>{}</pubDate>\n", date.rfc1123()));
    }
    xml.push_str(&format!(
        "<guid>{permalink}</guid>\n<description>{}</description>\n</item>\n",
        xml_text(&page.summary_html)
    ));
    xml
}

/// `sitemap.xml`: every route the site has, with its date when it has one, but the pages
/// that site-wide lists leave out (`build.list` `local` or `never`), as Hugo's sitemap
/// lists the site's pages.
pub fn sitemap(site: &Site, routes: &[String]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let listed = |route: &&String| {
        site.route(route)
            .is_none_or(|found| found.page.is_listed(true))
    };
    for route in routes.iter().filter(listed) {
        xml.push_str(&format!(
            "<url><loc>{}</loc>",
            xml_text(&site.absolute_url(route))
        ));
        if let Some(date) = site.page_by_url(route).and_then(|page| page.date) {
            xml.push_str(&format!("<lastmod>{}</lastmod>", date.rfc3339()));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `robots.txt`: everything may be crawled; the sitemap is named when there is one and
/// `baseURL` gives the absolute URL the standard asks for.
pub fn robots(site: &Site) -> String {
    let mut text = String::from("User-agent: *\n");
    if !site.config().base_origin().is_empty() && site.config().is_kind_enabled("sitemap") {
        let sitemap = format!("{}{SITEMAP_FILE}", site.config().base_path());
        text.push_str(&format!("Sitemap: {}\n", site.absolute_url(&sitemap)));
    }
    text
}

/// Text for an XML document: escaped as in HTML, without the characters XML 1.0 forbids (most
/// control characters, U+FFFE, U+FFFF), one of which in one post would make the whole feed
/// unreadable to every feed reader.
fn xml_text(text: &str) -> String {
    let forbidden = |character: &char| {
        (*character < ' ' && !matches!(character, '\t' | '\n' | '\r'))
            || matches!(character, '\u{fffe}' | '\u{ffff}')
    };
    let allowed: String = text.chars().filter(|c| !forbidden(c)).collect();
    escape_html(&allowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_leaves_out_what_xml_forbids() {
        assert_eq!(
            xml_text("a\u{1}b\u{8}c\u{ffff}d\u{fffe}\u{7f}\u{85}<&>\t\n"),
            "abcd\u{7f}\u{85}&lt;&amp;&gt;\t\n"
        );
    }
}
