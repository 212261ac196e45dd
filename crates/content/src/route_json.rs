//! Reading the route data back without serde (the site's `site.json` and each route's
//! `route.json`, see [`crate::route_model`]): a small JSON reader for the shapes the build
//! writes (serde_json, from the same types), then each type read by its field names, as
//! serde's derives read them (a field left out takes its default).
//!
//! The browser reads the data with this: serde's generic deserializers, and the float
//! formatting their error messages bring along, cost the wasm bundle about 20 KB gzip; this
//! reader is a fraction of that. The native build writes the index with serde, and a test
//! reads a full index both ways, so the two cannot drift apart. Numbers are integers only (the
//! index has no others), strings are JSON's with every escape, nesting is bounded: no input
//! makes it panic or take more than linear time.

use super::build_options::{List, Render};
use super::date::Date;
use super::route_model::{ArticleLinks, LINK_KINDS, Link, RouteFile, RouteModel, SiteData};
use super::routes::Pager;
use super::site::{Cover, PageEntry, PageKind, SiteConfig};

/// Nesting deeper than this is no data of the build's (route data nests five deep).
const MAX_DEPTH: usize = 32;

/// A JSON value of the index.
#[derive(Debug)]
enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Reads the site's shared data (`site.json`), as the build wrote it; the error says what
/// is not.
pub fn read_site_data(text: &str) -> Result<SiteData, String> {
    let json = read_json(text)?;
    let fields = object(&json).ok_or("the site data is not an object")?;
    let config = object(field(fields, "config").ok_or("the site data has no config")?)
        .ok_or("the config is not an object")?;
    let url = |name: &str| match field(fields, name) {
        Some(Json::Str(url)) => Some(url.clone()),
        _ => None,
    };
    Ok(SiteData {
        config: site_config(config),
        newest_year: match field(fields, "newest_year") {
            Some(Json::Int(year)) => i32::try_from(*year).ok(),
            _ => None,
        },
        archives_url: url("archives_url"),
        tags_url: url("tags_url"),
        search_url: url("search_url"),
    })
}

/// Reads a route's data file (`route.json`), as the build wrote it: a page's model or a
/// redirect; the error says what is not.
pub fn read_route_file(text: &str) -> Result<RouteFile, String> {
    let json = read_json(text)?;
    let fields = object(&json).ok_or("the route data is not an object")?;
    if let Some(Json::Str(url)) = field(fields, "redirect") {
        return Ok(RouteFile::Redirect(url.clone()));
    }
    let pages = |name: &str| match field(fields, name) {
        Some(Json::Array(pages)) => pages.iter().map(page).collect::<Result<Vec<_>, _>>(),
        _ => Err(format!("the route data has no list of {name}")),
    };
    let pages_of_route = pages("pages")?;
    let page_index = number(field(fields, "page_index"), usize::MAX);
    if page_index >= pages_of_route.len() {
        return Err("the route data names no page of its own".to_owned());
    }
    let pager = field(fields, "pager")
        .and_then(object)
        .ok_or("the route data has no pager")?;
    let links = field(fields, "links").and_then(object).unwrap_or_default();
    let links_of = |name: &str| list(field(links, name), link);
    Ok(RouteFile::Page(Box::new(RouteModel {
        url: string(field(fields, "url")),
        pages: pages_of_route,
        page_index,
        pager: Pager {
            list_url: string(field(pager, "list_url")),
            number: number(field(pager, "number"), 1),
            count: number(field(pager, "count"), 1),
        },
        links: ArticleLinks {
            breadcrumbs: links_of("breadcrumbs"),
            tags: links_of("tags"),
            series: links_of("series"),
            neighbours: links_of("neighbours"),
        },
        items: pages("items")?,
        item_counts: list(field(fields, "item_counts"), |count| {
            Some(number(Some(count), 0))
        }),
        archives_html: string(field(fields, "archives_html")),
    })))
}

/// One JSON value that is the whole of `text`.
fn read_json(text: &str) -> Result<Json, String> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        position: 0,
    };
    let json = reader.value(0)?;
    reader.skip_space();
    if reader.position != reader.bytes.len() {
        return Err(reader.error("text after the data"));
    }
    Ok(json)
}

/// A link of a route's data; a kind it does not know is left out.
fn link(json: &Json) -> Option<Link> {
    let fields = object(json)?;
    let kind = match field(fields, "kind") {
        Some(Json::Str(kind)) => LINK_KINDS.iter().find(|known| *known == kind).copied(),
        _ => None,
    };
    Some(Link {
        url: string(field(fields, "url")),
        text: string(field(fields, "text")),
        current: boolean(field(fields, "current")),
        kind,
    })
}

fn site_config(fields: &[(String, Json)]) -> SiteConfig {
    let default = SiteConfig::default();
    SiteConfig {
        title: string(field(fields, "title")),
        unsafe_html: boolean(field(fields, "unsafe_html")),
        summary_length: number(field(fields, "summary_length"), default.summary_length),
        base_url: field(fields, "base_url").map_or(default.base_url, |url| string(Some(url))),
        params: pairs(field(fields, "params")),
        pager_size: number(field(fields, "pager_size"), default.pager_size),
        menus: list(field(fields, "menus"), |menu| {
            let [name, links] = items(menu)?;
            Some((string(Some(name)), pairs(Some(links))))
        }),
        social: pairs(field(fields, "social")),
        copyright_html: string(field(fields, "copyright_html")),
        disable_kinds: list(field(fields, "disable_kinds"), |kind| {
            Some(string(Some(kind)))
        }),
        content_language: field(fields, "content_language")
            .map_or(default.content_language, |language| string(Some(language))),
        ..default
    }
}

fn page(json: &Json) -> Result<PageEntry, String> {
    let fields = object(json).ok_or("a page is not an object")?;
    let kind = match field(fields, "kind") {
        Some(Json::Str(kind)) => match kind.as_str() {
            "home" => PageKind::Home,
            "section" => PageKind::Section,
            "page" => PageKind::Page,
            "taxonomy" => PageKind::Taxonomy,
            "term" => PageKind::Term,
            other => return Err(format!("a page of unknown kind \"{other}\"")),
        },
        _ => return Err("a page without a kind".to_owned()),
    };
    let cover = match field(fields, "cover") {
        Some(cover @ Json::Object(_)) => object(cover).map(|cover| Cover {
            image: string(field(cover, "image")),
            alt: string(field(cover, "alt")),
            caption: string(field(cover, "caption")),
            size: field(cover, "size").and_then(|size| {
                let [width, height] = items(size)?;
                Some((number(Some(width), 0), number(Some(height), 0)))
            }),
        }),
        _ => None,
    };
    Ok(PageEntry {
        source: string(field(fields, "source")),
        kind,
        url: string(field(fields, "url")),
        title: string(field(fields, "title")),
        date: date(field(fields, "date"))?,
        lastmod: date(field(fields, "lastmod"))?,
        weight: number(field(fields, "weight"), 0),
        cover,
        description: string(field(fields, "description")),
        summary_html: string(field(fields, "summary_html")),
        truncated: boolean(field(fields, "truncated")),
        word_count: number(field(fields, "word_count"), 0),
        reading_time: number(field(fields, "reading_time"), 0),
        body_line: number(field(fields, "body_line"), 1),
        link_title: match field(fields, "link_title") {
            Some(Json::Str(title)) => Some(title.clone()),
            _ => None,
        },
        aliases: list(field(fields, "aliases"), |alias| Some(string(Some(alias)))),
        parent: string(field(fields, "parent")),
        params: pairs(field(fields, "params")),
        terms: list(field(fields, "terms"), |term| Some(string(Some(term)))),
        layout: string(field(fields, "layout")),
        markdown_integrity: string(field(fields, "markdown_integrity")),
        list: match field(fields, "list") {
            Some(Json::Str(list)) if list == "local" => List::Local,
            Some(Json::Str(list)) if list == "never" => List::Never,
            _ => List::Always,
        },
        render: match field(fields, "render") {
            Some(Json::Str(render)) if render == "link" => Render::Link,
            Some(Json::Str(render)) if render == "never" => Render::Never,
            _ => Render::Always,
        },
        // The build's only: not in the index.
        publish_resources: true,
    })
}

fn object(json: &Json) -> Option<&[(String, Json)]> {
    match json {
        Json::Object(fields) => Some(fields),
        _ => None,
    }
}

/// The value of field `name` (the first: the build writes each once).
fn field<'j>(fields: &'j [(String, Json)], name: &str) -> Option<&'j Json> {
    fields
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}

fn string(json: Option<&Json>) -> String {
    match json {
        Some(Json::Str(text)) => text.clone(),
        _ => String::new(),
    }
}

fn boolean(json: Option<&Json>) -> bool {
    matches!(json, Some(Json::Bool(true)))
}

/// An integer that fits `T`, else `default`.
fn number<T: TryFrom<i64>>(json: Option<&Json>, default: T) -> T {
    match json {
        Some(Json::Int(number)) => T::try_from(*number).unwrap_or(default),
        _ => default,
    }
}

/// A date as the build writes it ([`Date::rfc3339`]): Hugo's many written forms are read by
/// the build, so they stay out of the wasm bundle.
fn date(json: Option<&Json>) -> Result<Option<Date>, String> {
    match json {
        Some(Json::Str(text)) => Date::from_rfc3339(text)
            .map(Some)
            .ok_or_else(|| format!("\"{text}\" is not an RFC 3339 date")),
        _ => Ok(None),
    }
}

/// The two items of a two-item array.
fn items(json: &Json) -> Option<[&Json; 2]> {
    match json {
        Json::Array(items) => match items.as_slice() {
            [first, second] => Some([first, second]),
            _ => None,
        },
        _ => None,
    }
}

/// The items of an array read by `read` (an item it cannot read is left out).
fn list<T>(json: Option<&Json>, read: impl Fn(&Json) -> Option<T>) -> Vec<T> {
    match json {
        Some(Json::Array(items)) => items.iter().filter_map(read).collect(),
        _ => Vec::new(),
    }
}

/// `[["a", "b"], …]` as pairs of strings.
fn pairs(json: Option<&Json>) -> Vec<(String, String)> {
    list(json, |pair| {
        let [first, second] = items(pair)?;
        Some((string(Some(first)), string(Some(second))))
    })
}

/// Reads JSON text byte by byte.
struct Reader<'t> {
    bytes: &'t [u8],
    position: usize,
}

impl Reader<'_> {
    fn error(&self, what: &str) -> String {
        format!("{what} at byte {}", self.position)
    }

    fn skip_space(&mut self) {
        while self
            .bytes
            .get(self.position)
            .is_some_and(|byte| matches!(byte, b' ' | b'\t' | b'\n' | b'\r'))
        {
            self.position += 1;
        }
    }

    fn eat(&mut self, word: &[u8]) -> bool {
        let found = self
            .bytes
            .get(self.position..self.position + word.len())
            .is_some_and(|text| text == word);
        if found {
            self.position += word.len();
        }
        found
    }

    fn value(&mut self, depth: usize) -> Result<Json, String> {
        if depth > MAX_DEPTH {
            return Err(self.error("nesting too deep"));
        }
        self.skip_space();
        match self.bytes.get(self.position) {
            Some(b'{') => {
                self.position += 1;
                let mut fields = Vec::new();
                self.skip_space();
                if !self.eat(b"}") {
                    loop {
                        self.skip_space();
                        let key = self.string()?;
                        self.skip_space();
                        if !self.eat(b":") {
                            return Err(self.error("expected ':'"));
                        }
                        fields.push((key, self.value(depth + 1)?));
                        if self.end_of_items(b'}')? {
                            break;
                        }
                    }
                }
                Ok(Json::Object(fields))
            }
            Some(b'[') => {
                self.position += 1;
                let mut items = Vec::new();
                self.skip_space();
                if !self.eat(b"]") {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.end_of_items(b']')? {
                            break;
                        }
                    }
                }
                Ok(Json::Array(items))
            }
            Some(b'"') => self.string().map(Json::Str),
            Some(b'-' | b'0'..=b'9') => self.integer(),
            _ if self.eat(b"null") => Ok(Json::Null),
            _ if self.eat(b"true") => Ok(Json::Bool(true)),
            _ if self.eat(b"false") => Ok(Json::Bool(false)),
            _ => Err(self.error("expected a value")),
        }
    }

    /// After an item: `true` at the closing `end`, `false` after a `,`.
    fn end_of_items(&mut self, end: u8) -> Result<bool, String> {
        self.skip_space();
        match self.bytes.get(self.position) {
            Some(&byte) if byte == end => {
                self.position += 1;
                Ok(true)
            }
            Some(b',') => {
                self.position += 1;
                Ok(false)
            }
            _ => Err(self.error("expected ',' or a closing bracket")),
        }
    }

    fn integer(&mut self) -> Result<Json, String> {
        let start = self.position;
        self.eat(b"-");
        while self
            .bytes
            .get(self.position)
            .is_some_and(u8::is_ascii_digit)
        {
            self.position += 1;
        }
        if matches!(self.bytes.get(self.position), Some(b'.' | b'e' | b'E')) {
            return Err(self.error("a number that is not an integer"));
        }
        std::str::from_utf8(self.bytes.get(start..self.position).unwrap_or_default())
            .ok()
            .and_then(|digits| digits.parse().ok())
            .map(Json::Int)
            .ok_or_else(|| self.error("an integer out of range"))
    }

    fn string(&mut self) -> Result<String, String> {
        if !self.eat(b"\"") {
            return Err(self.error("expected a string"));
        }
        let mut text: Vec<u8> = Vec::new();
        loop {
            let Some(&byte) = self.bytes.get(self.position) else {
                return Err(self.error("a string that never ends"));
            };
            self.position += 1;
            match byte {
                b'"' => break,
                b'\\' => {
                    let escape = self.bytes.get(self.position).copied();
                    self.position += 1;
                    let character = match escape {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode_escape()?,
                        _ => return Err(self.error("an unknown escape")),
                    };
                    let mut buffer = [0; 4];
                    text.extend_from_slice(character.encode_utf8(&mut buffer).as_bytes());
                }
                other => text.push(other),
            }
        }
        String::from_utf8(text).map_err(|_| self.error("a string that is not UTF-8"))
    }

    /// The character of a `\uXXXX` escape (the `\u` read), a surrogate pair's two escapes
    /// joined; a lone surrogate is U+FFFD, as serde_json would refuse and browsers show it.
    fn unicode_escape(&mut self) -> Result<char, String> {
        let first = self.hex4()?;
        if !(0xD800..0xDC00).contains(&first) {
            return Ok(char::from_u32(first).unwrap_or('\u{fffd}'));
        }
        if !self.eat(b"\\u") {
            return Ok('\u{fffd}');
        }
        let second = self.hex4()?;
        let code = 0x10000 + ((first - 0xD800) << 10) + second.wrapping_sub(0xDC00);
        Ok(char::from_u32(code)
            .filter(|_| (0xDC00..0xE000).contains(&second))
            .unwrap_or('\u{fffd}'))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self
            .bytes
            .get(self.position..self.position + 4)
            .filter(|digits| digits.iter().all(u8::is_ascii_hexdigit))
            .ok_or_else(|| self.error("a \\u escape without four hex digits"))?;
        let value = digits.iter().fold(0, |value, digit| {
            value * 16 + char::from(*digit).to_digit(16).unwrap_or(0)
        });
        self.position += 4;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routes::Route;
    use crate::site::{Site, empty_entry};

    /// A site with every field of the index set to something other than its default.
    fn full_site() -> Site {
        let mut config = SiteConfig {
            title: "A \"blog\" \\ ü 🎉 \u{1}".to_owned(),
            unsafe_html: true,
            summary_length: 33,
            base_url: "https://example.org/blog/".to_owned(),
            params: vec![("author".to_owned(), "Ann".to_owned())],
            pager_size: 4,
            content_language: "pt-br".to_owned(),
            ..SiteConfig::default()
        };
        config.menus = vec![(
            "main".to_owned(),
            vec![("Posts".to_owned(), "/blog/posts/".to_owned())],
        )];
        config.social = vec![("GitHub".to_owned(), "https://github.com/x".to_owned())];
        config.disable_kinds = vec!["rss".to_owned(), "taxonomy".to_owned()];
        config.copyright_html = "© 2025 <a href=\"/blog/\">Ann</a>".to_owned();
        let mut page = empty_entry(PageKind::Page, "/blog/posts/a/".to_owned());
        page.source = "content/posts/a.md".to_owned();
        page.title = "Ünïcödé </script> \u{2028}".to_owned();
        page.date = Date::from_rfc3339("2025-05-10T13:01:56.5+03:00");
        page.lastmod = Date::from_rfc3339("2025-06-01T00:00:00Z");
        page.weight = -3;
        page.cover = Some(Cover {
            image: "/blog/posts/a/c.png".to_owned(),
            alt: "alt".to_owned(),
            caption: "cap".to_owned(),
            size: Some((640, 480)),
        });
        page.description = "d".to_owned();
        page.summary_html = "<p>s</p>\n".to_owned();
        page.truncated = true;
        page.word_count = 1234;
        page.reading_time = 6;
        page.body_line = 9;
        page.link_title = Some("A".to_owned());
        page.aliases = vec!["/old/".to_owned()];
        page.parent = "/blog/posts/".to_owned();
        page.params = vec![("x".to_owned(), "1".to_owned())];
        page.terms = vec!["/blog/tags/rust/".to_owned()];
        page.layout = "archives".to_owned();
        page.markdown_integrity = "sha256-abc=".to_owned();
        page.list = List::Local;
        page.render = Render::Link;
        let mut bare = empty_entry(PageKind::Section, "/blog/posts/".to_owned());
        bare.body_line = 1;
        let pages = [PageKind::Home, PageKind::Taxonomy, PageKind::Term]
            .into_iter()
            .map(|kind| empty_entry(kind, "/blog/".to_owned()))
            .chain([page, bare])
            .collect();
        Site::new(config, pages)
    }

    #[test]
    fn the_site_data_reads_back_as_written() {
        let site = full_site();
        let data = SiteData {
            archives_url: Some("/blog/archives/".to_owned()),
            ..SiteData::of(&site)
        };
        assert_eq!(data.newest_year, Some(2025));
        let json = serde_json::to_string(&data).unwrap_or_default();
        assert_eq!(read_site_data(&json), Ok(data));
    }

    #[test]
    fn a_route_model_reads_back_as_written() {
        let site = full_site();
        let article = site.pages().iter().find(|page| page.kind == PageKind::Page);
        let Some(article) = article else {
            panic!("the full site has an article");
        };
        let route = Route {
            page: article,
            pager: 1,
        };
        let mut model = RouteModel::of(&site, route, &["/blog/".to_owned()]);
        model.links.series.push(Link {
            url: "/blog/s/".to_owned(),
            text: "S".to_owned(),
            current: false,
            kind: Some("series-title"),
        });
        model.items = site.pages().to_vec();
        model.item_counts = vec![3, 0];
        model.archives_html = "<h2>2025 (1)</h2>".to_owned();
        assert_eq!(
            model.page().map(|page| page.url.as_str()),
            Some("/blog/posts/a/")
        );
        assert_eq!(
            model.pages.len(),
            2,
            "the article and the page it looked up"
        );
        let json = serde_json::to_string(&model).unwrap_or_default();
        assert_eq!(read_route_file(&json), Ok(RouteFile::Page(Box::new(model))));
        // A page of defaults (no date, summary or weight; links not current, of no kind)
        // is written without them and reads back the same.
        let bare = site.pages().iter().find(|page| page.url == "/blog/posts/");
        let Some(bare) = bare else {
            panic!("the full site has a bare section");
        };
        let mut model = RouteModel::of(
            &site,
            Route {
                page: bare,
                pager: 1,
            },
            &[],
        );
        model.links.tags.push(Link {
            url: "/blog/t/".to_owned(),
            text: "T".to_owned(),
            current: false,
            kind: None,
        });
        model.items.clear();
        let json = serde_json::to_string(&model).unwrap_or_default();
        for default in [
            "\"weight\"",
            "\"summary_html\"",
            "\"current\":false",
            "\"kind\":null",
        ] {
            assert!(!json.contains(default), "{json}");
        }
        assert_eq!(read_route_file(&json), Ok(RouteFile::Page(Box::new(model))));
        assert_eq!(
            read_route_file("{\"redirect\":\"/blog/posts/a/\"}"),
            Ok(RouteFile::Redirect("/blog/posts/a/".to_owned()))
        );
    }

    #[test]
    fn what_is_no_route_data_is_an_error_not_a_panic() {
        for text in [
            "",
            "<!DOCTYPE html><html>",
            "[]",
            "{\"pages\":[",
            "{\"pages\":[{\"kind\":\"other\"}],\"page_index\":0}",
            "{\"pages\":[1.5]}",
            "{\"pages\":[],\"page_index\":0,\"pager\":{},\"items\":[]}",
            "{\"pages\":[{\"kind\":\"page\"}],\"page_index\":1,\"pager\":{},\"items\":[]}",
            "{\"redirect\":\"/\"} x",
            "\"\\ud800",
            "{\"pages\":[{\"kind\":\"page\",\"date\":\"yesterday\"}],\"page_index\":0}",
        ] {
            assert!(read_route_file(text).is_err(), "{text}");
        }
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(read_route_file(&deep).is_err());
        assert!(read_site_data(&deep).is_err());
        assert!(read_site_data("{}").is_err());
        let minimal =
            "{\"pages\":[{\"kind\":\"home\"}],\"page_index\":0,\"pager\":{},\"items\":[]}";
        assert!(matches!(read_route_file(minimal), Ok(RouteFile::Page(_))));
    }

    #[test]
    fn escapes_read_as_json_writes_them() {
        let mut reader = Reader {
            bytes: br#""a\"b\\c\/d\n\u00e9\ud83c\udf89\ud800x""#,
            position: 0,
        };
        assert_eq!(reader.string(), Ok("a\"b\\c/d\né🎉\u{fffd}x".to_owned()));
    }
}
