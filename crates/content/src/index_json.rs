//! Reading the content index back without serde: a small JSON reader for the one shape the
//! build writes (serde_json, from the same types), then each type read by its field names, as
//! serde's derives read them (a field left out takes its default).
//!
//! The browser reads the index with this: serde's generic deserializers, and the float
//! formatting their error messages bring along, cost the wasm bundle about 20 KB gzip; this
//! reader is a fraction of that. The native build writes the index with serde, and a test
//! reads a full index both ways, so the two cannot drift apart. Numbers are integers only (the
//! index has no others), strings are JSON's with every escape, nesting is bounded: no input
//! makes it panic or take more than linear time.

use super::build_options::{List, Render};
use super::date::Date;
use super::site::{Cover, PageEntry, PageKind, Site, SiteConfig};

/// Nesting deeper than this is no content index (the index nests five deep).
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

/// Reads a content index, as the build wrote it; the error says what is not.
pub fn read_site(text: &str) -> Result<Site, String> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        position: 0,
    };
    let json = reader.value(0)?;
    reader.skip_space();
    if reader.position != reader.bytes.len() {
        return Err(reader.error("text after the index"));
    }
    let fields = object(&json).ok_or("the index is not an object")?;
    let config = object(field(fields, "config").ok_or("the index has no config")?)
        .ok_or("the config is not an object")?;
    let Some(Json::Array(pages)) = field(fields, "pages") else {
        return Err("the index has no list of pages".to_owned());
    };
    let pages = pages.iter().map(page).collect::<Result<_, _>>()?;
    Ok(Site::new(site_config(config), pages))
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
        disable_kinds: list(field(fields, "disable_kinds"), |kind| {
            Some(string(Some(kind)))
        }),
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
    use crate::site::empty_entry;

    /// A site with every field of the index set to something other than its default.
    fn full_site() -> Site {
        let mut config = SiteConfig {
            title: "A \"blog\" \\ ü 🎉 \u{1}".to_owned(),
            unsafe_html: true,
            summary_length: 33,
            base_url: "https://example.org/blog/".to_owned(),
            params: vec![("author".to_owned(), "Ann".to_owned())],
            pager_size: 4,
            ..SiteConfig::default()
        };
        config.menus = vec![(
            "main".to_owned(),
            vec![("Posts".to_owned(), "/blog/posts/".to_owned())],
        )];
        config.social = vec![("GitHub".to_owned(), "https://github.com/x".to_owned())];
        config.disable_kinds = vec!["rss".to_owned(), "taxonomy".to_owned()];
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
    fn the_index_reads_back_as_serde_reads_it() {
        let json = serde_json::to_string(&full_site()).unwrap_or_default();
        let by_serde: Site = serde_json::from_str(&json).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(read_site(&json), Ok(by_serde));
        assert_eq!(read_site(&json), Ok(full_site()));
    }

    #[test]
    fn what_is_no_content_index_is_an_error_not_a_panic() {
        for text in [
            "",
            "<!DOCTYPE html><html>",
            "[]",
            "{\"config\":{},\"pages\":[",
            "{\"config\":{},\"pages\":[{\"kind\":\"other\"}]}",
            "{\"config\":{},\"pages\":[1.5]}",
            "{\"config\":{},\"pages\":[]} x",
            "\"\\ud800",
            "{\"config\":{},\"pages\":[{\"kind\":\"page\",\"date\":\"yesterday\"}]}",
        ] {
            assert!(read_site(text).is_err(), "{text}");
        }
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(read_site(&deep).is_err());
        assert_eq!(
            read_site("{\"config\":{},\"pages\":[]}").map(|site| site.pages().len()),
            Ok(0)
        );
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
