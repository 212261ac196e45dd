//! Front matter: reading it into typed fields and page params ([`parse`]), once
//! [`blogreader_content::front_matter::split`] has cut it from the body.
//!
//! 1. [`parse`] parses it with the format's parser into one JSON-like map.
//! 2. Reserved keys (case-insensitive) become [`FrontMatter`] fields; everything else, and
//!    everything under `params`, becomes a page param. Errors name the line in the file.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use blogreader_content::build_options::BuildOptions;
use blogreader_content::date::Date;
use blogreader_content::error::{Diagnostic, DiagnosticKind, Severity, line_column};
use blogreader_content::front_matter::{Format, Split, split};
use blogreader_content::url::{unsafe_path_reason, unsafe_segment_reason};

use super::described::describe;
use super::menu::{self, PageMenuEntry};

/// The theme key `cover` as written (PaperMod): `image` is not yet resolved to a file. Where
/// it shows (`hidden`, `hiddenInList`, `hiddenInSingle`) is read from the params, as the
/// site's own `params.cover` may say it too ([`blogreader_content::display`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawCover {
    pub image: String,
    pub alt: String,
    pub caption: String,
}

/// A page's front matter, reserved keys typed, the rest as params.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FrontMatter {
    pub title: Option<String>,
    /// `linkTitle`: the shorter title for lists and menus.
    pub link_title: Option<String>,
    /// After the precedence chain: date, publishDate, pubdate, published, lastmod, modified.
    pub date: Option<Date>,
    /// publishDate, pubdate, published, else date.
    pub publish_date: Option<Date>,
    /// lastmod, modified, else date, publishDate, pubdate, published.
    pub lastmod: Option<Date>,
    /// expiryDate, else unpublishdate.
    pub expiry_date: Option<Date>,
    pub draft: bool,
    pub weight: i64,
    /// Replaces the last segment of the URL.
    pub slug: Option<String>,
    /// Replaces the whole URL path.
    pub url: Option<String>,
    /// Old paths that redirect to the page.
    pub aliases: Vec<String>,
    pub keywords: Vec<String>,
    /// The terms of each configured taxonomy the page names, as (plural, terms as written):
    /// `("tags", ["Rust", "Wasm"])`.
    pub terms: Vec<(String, Vec<String>)>,
    /// Markdown shown instead of the automatic summary.
    pub summary: Option<String>,
    pub description: Option<String>,
    /// The theme's `cover` param, when it is a table.
    pub cover: Option<RawCover>,
    /// `layout`: the template a theme renders the page with (PaperMod's `archives`).
    pub layout: Option<String>,
    /// `menu` (or `menus`): the page's own entries in the site's menus.
    pub menus: Vec<PageMenuEntry>,
    /// `build` (or `_build`) and `headless`: whether the page is rendered and listed.
    pub build: BuildOptions,
    /// Every non-reserved key plus everything under `params`, keys lower-cased as Hugo does.
    pub params: Map<String, Value>,
    /// Problems that leave the page standing (a term that is no text is left out).
    pub warnings: Vec<Diagnostic>,
}

/// Reserved keys that are neither fields nor params: those Hugo uses for things this reader
/// does not do (layouts, outputs, ...), and `cascade`, which the build reads from the page's
/// map ([`super::cascade`]).
const UNUSED_RESERVED_KEYS: [&str; 4] = ["type", "cascade", "outputs", "resources"];

/// Reserved date keys (with their aliases), lower-case.
const DATE_KEYS: [&str; 8] = [
    "date",
    "publishdate",
    "pubdate",
    "published",
    "lastmod",
    "modified",
    "expirydate",
    "unpublishdate",
];

/// Splits `text` and parses its front matter. `file` names the file in diagnostics; dates without
/// a zone get the offset `zone` gives for them (the site's `timeZone`); the keys named in
/// `taxonomies` (lower-case plurals) hold terms. The first problem found is the error; see
/// [`read_page`] for every problem of a page and what can still be read.
pub fn parse<'a>(
    file: &str,
    text: &'a str,
    zone: &dyn Fn(&Date) -> i32,
    taxonomies: &[String],
) -> Result<(FrontMatter, Split<'a>), Diagnostic> {
    let page = read_page(file, text)?;
    let (front_matter, errors) = page.read(page.map.clone(), zone, taxonomies);
    match page.errors.into_iter().chain(errors).next() {
        Some(error) => Err(error),
        None => Ok((front_matter, page.split)),
    }
}

/// A page file cut into front matter and body, its front matter parsed into one map of keys
/// but not yet read: the build adds what a `cascade` passes down before reading it.
#[derive(Debug, Clone)]
pub struct RawPage<'a> {
    file: String,
    pub split: Split<'a>,
    /// The front matter's keys as written; empty when it cannot be parsed.
    pub map: Map<String, Value>,
    /// Why the front matter cannot be parsed, if it cannot.
    pub errors: Vec<Diagnostic>,
}

/// Splits `text` and parses its front matter into a map. Front matter that is never closed
/// is an error (the body is unknown); front matter that cannot be parsed leaves an empty map
/// and its error in [`RawPage::errors`], so the body can still be checked.
pub fn read_page<'a>(file: &str, text: &'a str) -> Result<RawPage<'a>, Diagnostic> {
    let split = split(text).map_err(|error| Diagnostic {
        severity: Severity::Error,
        file: file.to_owned(),
        line: error.line,
        column: 1,
        kind: DiagnosticKind::BadFrontMatter {
            message: error.message,
        },
    })?;
    let reader = Reader {
        file,
        split,
        place: None,
    };
    let (map, errors) = match reader.parse_map() {
        Ok(map) => (map, Vec::new()),
        Err(error) => (Map::new(), vec![error]),
    };
    Ok(RawPage {
        file: file.to_owned(),
        split,
        map,
        errors,
    })
}

impl RawPage<'_> {
    /// Reads `map` (this page's keys, maybe with more passed down to it) into typed fields and
    /// params. Every key of the wrong type is reported and left unset, so one bad key neither
    /// hides the others' problems nor stops the page from being checked.
    pub fn read(
        &self,
        map: Map<String, Value>,
        zone: &dyn Fn(&Date) -> i32,
        taxonomies: &[String],
    ) -> (FrontMatter, Vec<Diagnostic>) {
        self.reader(None).read(map, zone, taxonomies)
    }

    /// The problems of `map` read as front matter of this page, each placed at `place` (the
    /// line and column of the `cascade` that holds them).
    pub fn check_at(
        &self,
        place: (usize, usize),
        map: Map<String, Value>,
        zone: &dyn Fn(&Date) -> i32,
        taxonomies: &[String],
    ) -> Vec<Diagnostic> {
        self.reader(Some(place)).read(map, zone, taxonomies).1
    }

    fn reader(&self, place: Option<(usize, usize)>) -> Reader<'_> {
        Reader {
            file: &self.file,
            split: self.split,
            place,
        }
    }
}

/// Parses one split file's front matter and places its errors in the file.
struct Reader<'a> {
    file: &'a str,
    split: Split<'a>,
    /// Where every problem is placed instead of at its key: keys passed down by a `cascade`
    /// are written inside it.
    place: Option<(usize, usize)>,
}

impl Reader<'_> {
    fn diagnostic(&self, offset: usize, kind: DiagnosticKind) -> Diagnostic {
        self.diagnostic_placed(self.place(offset), kind)
    }

    /// The line and column in the file of byte `offset` of the front matter.
    fn place(&self, offset: usize) -> (usize, usize) {
        if let Some(place) = self.place {
            return place;
        }
        let (line, column) = line_column(self.split.front_matter, offset);
        (self.split.front_matter_line + line - 1, column)
    }

    fn diagnostic_placed(
        &self,
        (line, column): (usize, usize),
        kind: DiagnosticKind,
    ) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: self.file.to_owned(),
            line,
            column,
            kind,
        }
    }

    /// A diagnostic at a line and column counted inside the front matter (as parsers report).
    fn diagnostic_at(&self, line: usize, column: usize, message: String) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: self.file.to_owned(),
            line: self.split.front_matter_line + line.max(1) - 1,
            column: column.max(1),
            kind: DiagnosticKind::BadFrontMatter { message },
        }
    }

    /// Where top-level `key` (lower-case) is written, or the start of the front matter.
    fn key_offset(&self, key: &str) -> usize {
        self.split
            .format
            .and_then(|format| key_offset(format, self.split.front_matter, key))
            .unwrap_or(0)
    }

    fn key_error(&self, key: &str, message: String) -> Diagnostic {
        self.key_error_at(self.key_place(key), key, message)
    }

    /// Where top-level `key` is written, as a line and column of the file.
    fn key_place(&self, key: &str) -> (usize, usize) {
        self.place(self.key_offset(&key.to_lowercase()))
    }

    /// [`Self::key_error`] with the key's place already found.
    fn key_error_at(&self, place: (usize, usize), key: &str, message: String) -> Diagnostic {
        let kind = DiagnosticKind::BadFrontMatter {
            message: format!("front matter key \"{key}\": {message}"),
        };
        self.diagnostic_placed(place, kind)
    }

    /// The front matter as one map, whatever its format.
    fn parse_map(&self) -> Result<Map<String, Value>, Diagnostic> {
        let Some(format) = self.split.format else {
            return Ok(Map::new());
        };
        parse_document(format, self.split.front_matter).map_err(|error| match error {
            DocumentError::Syntax {
                line,
                column,
                message,
            } => self.diagnostic_at(
                line,
                column,
                format!("invalid {} front matter: {message}", format.name()),
            ),
            DocumentError::NotATable { found } => self.diagnostic(
                0,
                DiagnosticKind::BadFrontMatter {
                    message: format!("front matter must be a table of keys, found {found}"),
                },
            ),
        })
    }

    /// Sorts the keys of `map` into reserved fields and params; a key of the wrong type is
    /// reported and left unset.
    fn read(
        &self,
        map: Map<String, Value>,
        zone: &dyn Fn(&Date) -> i32,
        taxonomies: &[String],
    ) -> (FrontMatter, Vec<Diagnostic>) {
        let mut front_matter = FrontMatter::default();
        let mut errors = Vec::new();
        let mut dates: Vec<(&str, Date)> = Vec::new();
        let mut params_table = Map::new();
        let (mut build, mut old_build, mut headless) = (None, None, false);
        for (key, value) in map {
            let lower = key.to_lowercase();
            let string = |value: &Value| self.string(&key, value);
            let result = match lower.as_str() {
                "title" => string(&value).map(|text| front_matter.title = Some(text)),
                "linktitle" => string(&value).map(|text| front_matter.link_title = Some(text)),
                "slug" => string(&value).map(|text| front_matter.slug = Some(text)),
                "url" => string(&value).map(|text| front_matter.url = Some(text)),
                "summary" => string(&value).map(|text| front_matter.summary = Some(text)),
                "description" => string(&value).map(|text| front_matter.description = Some(text)),
                "layout" => string(&value).map(|text| front_matter.layout = Some(text)),
                "menu" | "menus" => match menu::parse_page_menus(&value) {
                    Ok(menus) => {
                        front_matter.menus = menus;
                        Ok(())
                    }
                    Err((_, expected, found)) => {
                        Err(self.key_error(&key, format!("expected {expected}, found {found}")))
                    }
                },
                "draft" => self
                    .boolean(&key, &value)
                    .map(|flag| front_matter.draft = flag),
                "weight" => self
                    .integer(&key, &value)
                    .map(|weight| front_matter.weight = weight),
                "aliases" => self
                    .list(&key, &value, true)
                    .map(|aliases| front_matter.aliases = aliases),
                "keywords" => self
                    .list(&key, &value, true)
                    .map(|keywords| front_matter.keywords = keywords),
                name if taxonomies.iter().any(|plural| plural == name) => {
                    let terms = self.terms(&key, &value, &mut front_matter.warnings);
                    front_matter.terms.push((lower.clone(), terms));
                    Ok(())
                }
                "params" => match value {
                    Value::Object(params) => {
                        params_table = params;
                        Ok(())
                    }
                    other => {
                        let found = describe(&other);
                        Err(self.key_error(&key, format!("expected a table, found {found}")))
                    }
                },
                // Hugo's `cast.ToBool`: anything but a true value is false, never an error.
                "headless" => {
                    headless = matches!(&value, Value::Bool(true))
                        || value.as_str().is_some_and(|text| {
                            matches!(text.to_lowercase().as_str(), "1" | "t" | "true")
                        });
                    Ok(())
                }
                "build" => {
                    build = Some(value);
                    Ok(())
                }
                // The name before Hugo 0.123; it wins over `build` when both are written.
                "_build" => {
                    old_build = Some(value);
                    Ok(())
                }
                name if UNUSED_RESERVED_KEYS.contains(&name) => Ok(()),
                name => match DATE_KEYS.iter().find(|date_key| **date_key == name) {
                    Some(date_key) => self.date(&key, &value, zone).map(|date| {
                        if let Some(date) = date {
                            dates.push((date_key, date));
                        }
                    }),
                    None => {
                        front_matter.params.insert(lower, lowercase_keys(value));
                        Ok(())
                    }
                },
            };
            if let Err(error) = result {
                errors.push(error);
            }
        }
        for (key, value) in params_table {
            front_matter
                .params
                .insert(key.to_lowercase(), lowercase_keys(value));
        }
        let first_date = |chain: &[&str]| {
            chain.iter().find_map(|wanted| {
                dates
                    .iter()
                    .find(|(key, _)| key == wanted)
                    .map(|(_, date)| *date)
            })
        };
        // Hugo's default precedence when a key is missing.
        front_matter.date = first_date(&[
            "date",
            "publishdate",
            "pubdate",
            "published",
            "lastmod",
            "modified",
        ]);
        front_matter.publish_date = first_date(&["publishdate", "pubdate", "published", "date"]);
        front_matter.lastmod = first_date(&[
            "lastmod",
            "modified",
            "date",
            "publishdate",
            "pubdate",
            "published",
        ]);
        front_matter.expiry_date = first_date(&["expirydate", "unpublishdate"]);
        front_matter.cover = front_matter.params.get("cover").and_then(raw_cover);
        front_matter.build = BuildOptions::from_value(old_build.as_ref().or(build.as_ref()));
        if headless {
            front_matter.build = front_matter.build.headless();
        }
        errors.extend(self.check_paths(&mut front_matter));
        (front_matter, errors)
    }

    /// Refuses a `url`, `aliases`, `slug` or taxonomy term that would put a page, a redirect
    /// or a file outside the site (`..`, `//host`, a backslash, a line break…), naming the
    /// key and where it is written; each such value is left out.
    fn check_paths(&self, front_matter: &mut FrontMatter) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        let mut refuse = |key: &str, value: &str, reason: &str| {
            errors.push(self.key_error(
                key,
                format!("{value:?} {reason}: it must be a path on this site"),
            ));
        };
        if let Some(url) = front_matter.url.take() {
            match unsafe_path_reason(&url) {
                Some(reason) => refuse("url", &url, reason),
                None => front_matter.url = Some(url),
            }
        }
        front_matter
            .aliases
            .retain(|alias| match unsafe_path_reason(alias) {
                Some(reason) => {
                    refuse("aliases", alias, reason);
                    false
                }
                None => true,
            });
        if let Some(slug) = front_matter.slug.take() {
            match unsafe_segment_reason(&slug) {
                Some(reason) => refuse("slug", &slug, reason),
                None => front_matter.slug = Some(slug),
            }
        }
        for (plural, terms) in &mut front_matter.terms {
            terms.retain(|term| match unsafe_segment_reason(term) {
                Some(reason) => {
                    refuse(plural, term, reason);
                    false
                }
                None => true,
            });
        }
        errors
    }

    /// A string; numbers and booleans are taken as their text, as Hugo's cast does.
    fn string(&self, key: &str, value: &Value) -> Result<String, Diagnostic> {
        match value {
            Value::String(text) => Ok(text.clone()),
            Value::Number(number) => Ok(number.to_string()),
            Value::Bool(flag) => Ok(flag.to_string()),
            Value::Null => Ok(String::new()),
            other => {
                Err(self.key_error(key, format!("expected a string, found {}", describe(other))))
            }
        }
    }

    fn boolean(&self, key: &str, value: &Value) -> Result<bool, Diagnostic> {
        match value {
            Value::Bool(flag) => Ok(*flag),
            // Go's strconv.ParseBool, which Hugo's cast uses for strings.
            Value::String(text) => match text.as_str() {
                "1" | "t" | "T" | "true" | "TRUE" | "True" => Ok(true),
                "0" | "f" | "F" | "false" | "FALSE" | "False" => Ok(false),
                _ => Err(self.key_error(key, format!("expected a boolean, found \"{text}\""))),
            },
            other => Err(self.key_error(
                key,
                format!("expected a boolean, found {}", describe(other)),
            )),
        }
    }

    fn integer(&self, key: &str, value: &Value) -> Result<i64, Diagnostic> {
        let whole_float = value
            .as_f64()
            .filter(|number| number.fract() == 0.0 && number.abs() < 9.0e15);
        match (value.as_i64(), whole_float) {
            (Some(integer), _) => Ok(integer),
            // Saturating cast of a whole number that fits; TOML writes `weight = 1.0` at times.
            (None, Some(number)) => Ok(number as i64),
            _ => Err(self.key_error(
                key,
                format!("expected an integer, found {}", describe(value)),
            )),
        }
    }

    /// A list of strings; a single string is one item (or, with `split_words`, split on white
    /// space, as Hugo's cast does for `aliases` and `keywords`).
    fn list(&self, key: &str, value: &Value, split_words: bool) -> Result<Vec<String>, Diagnostic> {
        match value {
            Value::Array(items) => items.iter().map(|item| self.string(key, item)).collect(),
            Value::String(text) if split_words => {
                Ok(text.split_whitespace().map(str::to_owned).collect())
            }
            Value::String(text) => Ok(vec![text.clone()]),
            Value::Null => Ok(Vec::new()),
            other => {
                Err(self.key_error(key, format!("expected a list, found {}", describe(other))))
            }
        }
    }

    /// A taxonomy's terms: a list, or a single term. Numbers and booleans are taken as their
    /// text, as Hugo's cast does; a table or a list in the place of a term is left out with a
    /// warning (Hugo drops it silently).
    fn terms(&self, key: &str, value: &Value, warnings: &mut Vec<Diagnostic>) -> Vec<String> {
        let mut terms = Vec::new();
        let items = match value {
            Value::Array(items) => items.as_slice(),
            single => std::slice::from_ref(single),
        };
        // Where the key is written: found once for all of its terms' warnings.
        let mut key_place = None;
        for item in items {
            match item {
                Value::String(text) => terms.push(text.clone()),
                Value::Number(_) | Value::Bool(_) => terms.push(item.to_string()),
                Value::Null => {}
                Value::Array(_) | Value::Object(_) => {
                    let found = describe(item);
                    let message = format!("a term must be text, found {found}; it is left out");
                    let place = *key_place.get_or_insert_with(|| self.key_place(key));
                    let mut warning = self.key_error_at(place, key, message);
                    warning.severity = Severity::Warning;
                    warnings.push(warning);
                }
            }
        }
        terms
    }

    /// A date from a string (TOML datetimes arrive as their text) or an integer (Unix time);
    /// empty means unset.
    fn date(
        &self,
        key: &str,
        value: &Value,
        zone: &dyn Fn(&Date) -> i32,
    ) -> Result<Option<Date>, Diagnostic> {
        let message = match value {
            Value::String(text) if text.trim().is_empty() => return Ok(None),
            Value::Null => return Ok(None),
            Value::String(text) => match crate::date_parse::parse_date_in_zone(text, zone) {
                Ok(date) => return Ok(Some(date)),
                Err(message) => message,
            },
            // An integer is Unix time, as Hugo's date casting reads it; a fraction is not.
            Value::Number(number) if number.is_i64() => {
                let seconds = number.as_i64().unwrap_or_default();
                match Date::from_unix(seconds) {
                    Some(date) => return Ok(Some(date)),
                    None => format!("Unix time {seconds} is outside the years 0 to 9999"),
                }
            }
            other => format!("expected a date, found {}", describe(other)),
        };
        let offset = self.key_offset(&key.to_lowercase());
        Err(self.diagnostic(
            offset,
            DiagnosticKind::BadDate {
                key: key.to_owned(),
                message,
            },
        ))
    }
}

/// Why a TOML, YAML or JSON document could not be read.
pub(crate) enum DocumentError {
    /// The parser's complaint, at a 1-based line and column inside the document.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// The document is a single value (`found`), not a table of keys.
    NotATable { found: &'static str },
}

/// Parses a front matter block or a site config file into one map of keys, whatever its
/// format; an empty YAML document is an empty map.
pub(crate) fn parse_document(
    format: Format,
    text: &str,
) -> Result<Map<String, Value>, DocumentError> {
    match parse_value(format, text)? {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        other => Err(DocumentError::NotATable {
            found: describe(&other),
        }),
    }
}

/// Parses a document of any format into its value, whatever it is (a TOML document is
/// always a table), with the same limits on YAML as [`parse_document`].
pub(crate) fn parse_value(format: Format, text: &str) -> Result<Value, DocumentError> {
    Ok(match format {
        Format::Toml => match text.parse::<toml::Table>() {
            Ok(table) => Value::Object(toml_table_to_json(table)),
            Err(error) => {
                let (line, column) = line_column(text, error.span().map_or(0, |span| span.start));
                let message = error.message().to_owned();
                return Err(DocumentError::Syntax {
                    line,
                    column,
                    message,
                });
            }
        },
        Format::Yaml if text.trim().is_empty() => Value::Null,
        Format::Yaml if yaml_nests_deeper_than(text, MAX_YAML_NESTING) => {
            return Err(DocumentError::Syntax {
                line: 1,
                column: 1,
                message: format!("it nests lists and maps more than {MAX_YAML_NESTING} deep"),
            });
        }
        Format::Yaml if yaml_holds_more_than(text, yaml_value_budget(text)) => {
            return Err(DocumentError::Syntax {
                line: 1,
                column: 1,
                message: format!(
                    "its aliases expand it to more than {} values",
                    yaml_value_budget(text)
                ),
            });
        }
        Format::Yaml => serde_norway::from_str::<Value>(text).map_err(|error| {
            let (line, column) = error
                .location()
                .map_or((1, 1), |location| (location.line(), location.column()));
            let message = without_location(&error.to_string()).to_owned();
            DocumentError::Syntax {
                line,
                column,
                message,
            }
        })?,
        Format::Json => serde_json::from_str::<Value>(text).map_err(|error| {
            let message = without_location(&error.to_string()).to_owned();
            DocumentError::Syntax {
                line: error.line(),
                column: error.column(),
                message,
            }
        })?,
    })
}

/// How deeply a YAML document's `[…]` and `{…}` may nest: twice as deep as the YAML reader
/// reads any value (128), and shallow enough that its scanner, which looks at every open level
/// for every token, stays quick (a page of `[[[[…` took minutes).
const MAX_YAML_NESTING: usize = 256;

/// Whether the flow collections (`[…]`, `{…}`) of the YAML `text` nest deeper than `limit`.
/// Scalars are read as far as needed to not count their brackets (quoted ones to their closing
/// quote, plain ones to their line's end, or in a flow collection to the next `,[]{}`, or to a
/// `: `), and so are comments and the names of anchors, aliases and tags; a block scalar's
/// lines are not told apart, so its brackets may count.
fn yaml_nests_deeper_than(text: &str, limit: usize) -> bool {
    let mut depth = 0usize;
    let mut in_plain_scalar = false;
    let mut previous = '\n';
    let mut characters = text.chars().peekable();
    while let Some(character) = characters.next() {
        let before_space = characters.peek().is_none_or(|next| next.is_whitespace());
        let ends_plain_scalar = character == '\n'
            || (character == ':' && before_space)
            || (depth > 0 && matches!(character, ',' | '[' | ']' | '{' | '}'));
        if character == '#' && previous.is_whitespace() {
            characters.by_ref().find(|inner| *inner == '\n');
            in_plain_scalar = false;
            previous = '\n';
            continue;
        }
        if in_plain_scalar && !ends_plain_scalar {
            previous = character;
            continue;
        }
        in_plain_scalar = false;
        match character {
            '[' | '{' => {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            '"' | '\'' => {
                // To the closing quote: `\"` escapes one in double quotes; `''` in single
                // quotes closes and opens again.
                let mut escaped = false;
                for inner in characters.by_ref() {
                    if inner == character && !escaped {
                        break;
                    }
                    escaped = character == '"' && inner == '\\' && !escaped;
                }
            }
            '&' | '*' | '!' => {
                while characters
                    .next_if(|next| {
                        !next.is_whitespace() && !matches!(next, ',' | '[' | ']' | '{' | '}')
                    })
                    .is_some()
                {}
            }
            '-' | '?' | ':' | ',' if before_space || character == ',' => {}
            other if other.is_whitespace() => {}
            _ => in_plain_scalar = true,
        }
        previous = character;
    }
    false
}

/// How many values a YAML document may hold once its aliases are expanded: more than a
/// document without aliases can hold (a value takes a byte at least), and far fewer than the
/// billions an alias bomb (`b: [*a, *a, …]` after `a: &a [x, x, …]`) makes, which would take
/// minutes and gigabytes.
fn yaml_value_budget(text: &str) -> usize {
    text.len() + 10_000
}

/// Whether the YAML document `text` holds more than `budget` values with its aliases
/// expanded: counted without building them, stopping at the budget.
fn yaml_holds_more_than(text: &str, budget: usize) -> bool {
    let left = Cell::new(budget);
    let counted = ValueCount(&left).deserialize(serde_norway::Deserializer::from_str(text));
    counted.is_err() && left.get() == 0
}

/// Counts values as a deserializer gives them, failing when its budget is spent.
#[derive(Clone, Copy)]
struct ValueCount<'c>(&'c Cell<usize>);

impl ValueCount<'_> {
    fn count<E: de::Error>(self) -> Result<(), E> {
        let left = self.0.get();
        if left == 0 {
            return Err(E::custom("too many values"));
        }
        self.0.set(left - 1);
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for ValueCount<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueCount<'_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.count()
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.count()
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.count()
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.count()
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.count()
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.count()
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.count()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<(), A::Error> {
        self.count()?;
        while items.next_element_seed(self)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<(), A::Error> {
        self.count()?;
        while entries.next_key_seed(self)?.is_some() {
            entries.next_value_seed(self)?;
        }
        Ok(())
    }
}

/// A parser's error text without its own " at line X column Y" (we place it in the file).
fn without_location(message: &str) -> &str {
    message
        .find(" at line ")
        .and_then(|end| message.get(..end))
        .unwrap_or(message)
}

fn toml_table_to_json(table: toml::Table) -> Map<String, Value> {
    table
        .into_iter()
        .map(|(key, value)| (key, toml_to_json(value)))
        .collect()
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(text) => Value::String(text),
        toml::Value::Integer(integer) => Value::from(integer),
        toml::Value::Float(float) => {
            serde_json::Number::from_f64(float).map_or(Value::Null, Value::Number)
        }
        toml::Value::Boolean(flag) => Value::Bool(flag),
        // Unquoted TOML dates are read as the text they were written as.
        toml::Value::Datetime(datetime) => Value::String(datetime.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(toml_table_to_json(table)),
    }
}

/// Hugo's params are case-insensitive: it lower-cases every key, at every depth.
fn lowercase_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, value)| (key.to_lowercase(), lowercase_keys(value)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(lowercase_keys).collect()),
        other => other,
    }
}

fn raw_cover(value: &Value) -> Option<RawCover> {
    let table = value.as_object()?;
    let text = |key: &str| {
        table
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    Some(RawCover {
        image: text("image"),
        alt: text("alt"),
        caption: text("caption"),
    })
}

/// The 1-based line and column in the file `text` where front matter key `key` (lower-case) is
/// written, when it is.
pub fn key_position(text: &str, key: &str) -> Option<(usize, usize)> {
    let split = split(text).ok()?;
    let offset = key_offset(split.format?, split.front_matter, key)?;
    let (line, column) = line_column(split.front_matter, offset);
    Some((split.front_matter_line + line - 1, column))
}

/// Byte offset where `key` (lower-case) is written in `text`: in JSON a key of the outer
/// object; in YAML an unindented key; in TOML the first line that starts with the key (top-level
/// keys come before any table, so the first is the top-level one when there is one).
pub(crate) fn key_offset(format: Format, text: &str, key: &str) -> Option<usize> {
    match format {
        Format::Json => json_key_offset(text, key),
        Format::Toml => line_key_offset(text, key, true),
        Format::Yaml => line_key_offset(text, key, false),
    }
}

/// The first line that starts with `key`, bare or quoted, followed by `=` or `.` (TOML) or `:`
/// (YAML, where only unindented lines count).
fn line_key_offset(text: &str, key: &str, toml: bool) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        if !toml && trimmed.len() != line.len() {
            continue;
        }
        let unquoted = trimmed.trim_start_matches(['"', '\'']);
        let Some(candidate) = unquoted.get(..key.len()) else {
            continue;
        };
        let after = unquoted
            .get(key.len()..)
            .unwrap_or("")
            .trim_start_matches(['"', '\''])
            .trim_start();
        let separated = if toml {
            after.starts_with('=') || after.starts_with('.')
        } else {
            after.starts_with(':')
        };
        if candidate.to_lowercase() == key && separated {
            return Some(line_start + (line.len() - trimmed.len()));
        }
    }
    None
}

/// Byte offset of top-level `key` in a JSON object: a string at depth one followed by `:`.
fn json_key_offset(text: &str, key: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        match byte {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                let start = index;
                index += 1;
                while let Some(&inner) = bytes.get(index) {
                    match inner {
                        b'\\' => index += 1,
                        b'"' => break,
                        _ => {}
                    }
                    index += 1;
                }
                let name = text.get(start + 1..index).unwrap_or("");
                let after = text.get(index + 1..).unwrap_or("").trim_start();
                if depth == 1 && after.starts_with(':') && name.to_lowercase() == key {
                    return Some(start);
                }
            }
            _ => {}
        }
        index += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> FrontMatter {
        parse("content/a.md", text, &|_| 0, &taxonomies())
            .map(|(front_matter, _)| front_matter)
            .unwrap_or_else(|error| panic!("{error}"))
    }

    fn error(text: &str) -> Diagnostic {
        match parse("content/a.md", text, &|_| 0, &taxonomies()) {
            Ok(result) => panic!("expected an error, got {result:?}"),
            Err(error) => error,
        }
    }

    fn taxonomies() -> Vec<String> {
        vec!["tags".to_owned(), "categories".to_owned()]
    }

    fn rfc(date: Option<Date>) -> String {
        date.map(|date| date.rfc3339()).unwrap_or_default()
    }

    #[test]
    fn what_split_cuts_is_read_in_every_format() {
        let yaml = "\u{feff}\r\n---\r\ntitle: A\r\n---\r\nBody\r\n";
        assert_eq!(parsed(yaml).title.as_deref(), Some("A"));
        assert_eq!(parsed("hello"), FrontMatter::default());
        let json = "{\n  \"title\": \"a } b \\\" {\",\n  \"params\": {\"x\": 1}\n}\nBody";
        let front_matter = parsed(json);
        assert_eq!(front_matter.title.as_deref(), Some("a } b \" {"));
        assert_eq!(front_matter.params.get("x"), Some(&Value::from(1)));
    }

    #[test]
    fn unterminated_front_matter_is_an_error_at_the_line_where_it_opened() {
        let diagnostic = error("\n---\ntitle: x\n");
        assert_eq!(diagnostic.line, 2);
        assert_eq!(
            diagnostic.to_string(),
            "content/a.md:2:1: front matter opened with \"---\" is never closed"
        );
    }

    #[test]
    fn toml_unquoted_and_quoted_dates_are_alike() {
        let unquoted = parsed("+++\ndate = 2025-05-10T13:01:56+03:00\n+++\n");
        let quoted = parsed("+++\ndate = \"2025-05-10T13:01:56+03:00\"\n+++\n");
        assert_eq!(unquoted.date, quoted.date);
        assert_eq!(rfc(unquoted.date), "2025-05-10T13:01:56+03:00");
        let local = parsed("+++\ndate = 2025-05-10\nlastmod = 2025-05-11T08:00:00\n+++\n");
        assert_eq!(rfc(local.date), "2025-05-10T00:00:00Z");
        assert_eq!(rfc(local.lastmod), "2025-05-11T08:00:00Z");
    }

    #[test]
    fn every_date_form_is_read_in_every_format() {
        let forms = [
            ("2025-05-10T13:01:56+03:00", "2025-05-10T13:01:56+03:00"),
            ("2025-05-10T10:01:56Z", "2025-05-10T10:01:56Z"),
            ("2025-05-10T13:01:56-0700", "2025-05-10T13:01:56-07:00"),
            ("2025-05-10 13:01:56", "2025-05-10T13:01:56+01:00"),
            ("2025-05-10", "2025-05-10T00:00:00+01:00"),
        ];
        for (written, expected) in forms {
            let texts = [
                format!("+++\ndate = \"{written}\"\n+++\n"),
                format!("---\ndate: {written}\n---\n"),
                format!("{{\"date\": \"{written}\"}}\n"),
            ];
            for text in texts {
                let (front_matter, _) = parse("a.md", &text, &|_| 60, &[])
                    .unwrap_or_else(|error| panic!("{text}: {error}"));
                assert_eq!(rfc(front_matter.date), expected, "{text}");
            }
        }
    }

    #[test]
    fn yaml_front_matter_reads_reserved_keys_and_params() {
        let front_matter = parsed(
            "---\nTitle: Hello\nlinkTitle: Hi\ndraft: true\nweight: 3\nslug: my-slug\n\
             url: /custom/\naliases: [/old/, /older/]\ntags: [a, b]\ncategories: one\n\
             keywords: k1 k2\nsummary: Short\ndescription: Desc\nAuthor: Me\n\
             params:\n  Math: true\ncover:\n  image: c.png\n  alt: Alt\n  hidden: true\n---\n",
        );
        assert_eq!(front_matter.title.as_deref(), Some("Hello"));
        assert_eq!(front_matter.link_title.as_deref(), Some("Hi"));
        assert!(front_matter.draft);
        assert_eq!(front_matter.weight, 3);
        assert_eq!(front_matter.slug.as_deref(), Some("my-slug"));
        assert_eq!(front_matter.url.as_deref(), Some("/custom/"));
        assert_eq!(front_matter.aliases, ["/old/", "/older/"]);
        let terms = |plural: &str, terms: &[&str]| {
            (
                plural.to_owned(),
                terms.iter().map(|term| (*term).to_owned()).collect(),
            )
        };
        assert_eq!(
            front_matter.terms,
            [terms("categories", &["one"]), terms("tags", &["a", "b"])]
        );
        assert_eq!(front_matter.keywords, ["k1", "k2"]);
        assert_eq!(front_matter.summary.as_deref(), Some("Short"));
        assert_eq!(front_matter.description.as_deref(), Some("Desc"));
        assert_eq!(front_matter.params.get("author"), Some(&Value::from("Me")));
        assert_eq!(front_matter.params.get("math"), Some(&Value::from(true)));
        assert!(!front_matter.params.contains_key("title"));
        let cover = front_matter.cover.unwrap_or_default();
        assert_eq!((cover.image.as_str(), cover.alt.as_str()), ("c.png", "Alt"));
        assert_eq!(
            front_matter
                .params
                .get("cover")
                .and_then(|cover| cover.get("hidden")),
            Some(&Value::from(true))
        );
    }

    #[test]
    fn the_seed_front_matter_reads_its_cover_table() {
        let front_matter = parsed(
            "+++\ntitle = \"AI\"\ndate = 2025-05-10T13:01:56+03:00\nweight = 1\n[cover]\n  \
             image = \"ai_frameworks/ai_feedback_loop_1-min.png\"\n+++\nBody",
        );
        assert_eq!(front_matter.weight, 1);
        assert_eq!(
            front_matter
                .cover
                .map(|cover| cover.image)
                .unwrap_or_default(),
            "ai_frameworks/ai_feedback_loop_1-min.png"
        );
    }

    #[test]
    fn date_precedence_falls_back_through_the_chain() {
        let only_lastmod = parsed("---\nmodified: 2024-01-02\n---\n");
        assert_eq!(rfc(only_lastmod.date), "2024-01-02T00:00:00Z");
        assert_eq!(rfc(only_lastmod.lastmod), "2024-01-02T00:00:00Z");
        assert_eq!(only_lastmod.publish_date, None);
        let published = parsed("---\npublished: 2024-01-03\nlastmod: 2024-01-09\n---\n");
        assert_eq!(rfc(published.date), "2024-01-03T00:00:00Z");
        assert_eq!(rfc(published.publish_date), "2024-01-03T00:00:00Z");
        assert_eq!(rfc(published.lastmod), "2024-01-09T00:00:00Z");
        let both =
            parsed("---\npubdate: 2024-01-04\ndate: 2024-01-01\nunpublishdate: 2030-01-01\n---\n");
        assert_eq!(rfc(both.date), "2024-01-01T00:00:00Z");
        assert_eq!(rfc(both.publish_date), "2024-01-04T00:00:00Z");
        assert_eq!(rfc(both.lastmod), "2024-01-01T00:00:00Z");
        assert_eq!(rfc(both.expiry_date), "2030-01-01T00:00:00Z");
        let publish_only = parsed("+++\npublishDate = 2024-01-05\n+++\n");
        assert_eq!(rfc(publish_only.date), "2024-01-05T00:00:00Z");
    }

    #[test]
    fn a_reserved_key_of_the_wrong_type_names_the_key_and_its_line() {
        let diagnostic = error("+++\ntitle = \"A\"\n\nweight = \"heavy\"\n+++\nBody");
        assert_eq!(
            diagnostic.to_string(),
            "content/a.md:4:1: front matter key \"weight\": expected an integer, found a string"
        );
        let yaml = error("---\ntitle: A\naliases:\n  nested: map\n---\n");
        assert_eq!(
            yaml.to_string(),
            "content/a.md:3:1: front matter key \"aliases\": expected a list, found a table"
        );
        let json = error("{\n \"title\": \"A\",\n \"Draft\": [1]\n}\n");
        assert_eq!(
            json.to_string(),
            "content/a.md:3:2: front matter key \"Draft\": expected a boolean, found a list"
        );
    }

    /// Hugo casts every front matter date the same way (spf13/cast's
    /// `ToTimeInDefaultLocationE`): any of its string forms, in TOML, YAML or JSON alike, and an
    /// integer as Unix time (Hugo's `TestFormat` reads 1421733600 so, and refuses a fraction).
    #[test]
    fn dates_are_read_in_every_form_hugo_casts() {
        let one_digit_hour = parsed("+++\ndate = \"2019-04-09T8:09:26-07:00\"\n+++\n");
        assert_eq!(rfc(one_digit_hour.date), "2019-04-09T08:09:26-07:00");
        let yaml = parsed("---\ndate: 2019-04-09T8:09:26-07:00\nlastmod: 02 Jan 2020\n---\n");
        assert_eq!(rfc(yaml.date), "2019-04-09T08:09:26-07:00");
        assert_eq!(rfc(yaml.lastmod), "2020-01-02T00:00:00Z");
        let rfc1123 = parsed("{\"date\": \"Tue, 10 Nov 2009 23:00:00 +0100\"}\n");
        assert_eq!(rfc(rfc1123.date), "2009-11-10T23:00:00+01:00");
        let toml_unix = parsed("+++\ndate = 1421733600\n+++\n");
        assert_eq!(rfc(toml_unix.date), "2015-01-20T06:00:00Z");
        let yaml_unix = parsed("---\ndate: 1421733600\n---\n");
        assert_eq!(rfc(yaml_unix.date), "2015-01-20T06:00:00Z");
        let fraction = error("---\ndate: 1421733600.123\n---\n");
        assert_eq!(
            fraction.to_string(),
            "content/a.md:2:1: front matter key \"date\": expected a date, found a number"
        );
        let far = error("+++\ndate = 999999999999999\n+++\n");
        assert!(
            far.to_string().contains("outside the years 0 to 9999"),
            "{far}"
        );
        // A number written as a string is no Unix time to Hugo either.
        assert!(matches!(
            error("+++\ndate = \"1421733600\"\n+++\n").kind,
            DiagnosticKind::BadDate { .. }
        ));
    }

    #[test]
    fn a_bad_date_is_reported_at_its_key() {
        let diagnostic = error("\n+++\ntitle = \"A\"\ndate = \"2025-02-30\"\n+++\n");
        assert_eq!(diagnostic.line, 4);
        assert_eq!(
            diagnostic.kind,
            DiagnosticKind::BadDate {
                key: "date".to_owned(),
                message: "cannot read \"2025-02-30\" as a date: day 30 is not between 1 and 28"
                    .to_owned()
            }
        );
    }

    #[test]
    fn syntax_errors_point_at_the_line_in_the_file() {
        let toml = error("+++\ntitle = \"A\"\nweight = = 2\n+++\n");
        assert_eq!(toml.line, 3);
        assert!(
            toml.to_string().contains("invalid TOML front matter"),
            "{toml}"
        );
        let yaml = error("---\ntitle: A\n  bad: [indent\n---\n");
        assert!(yaml.line >= 3, "{yaml}");
        assert!(
            yaml.to_string().contains("invalid YAML front matter"),
            "{yaml}"
        );
        assert!(!yaml.to_string().contains(" at line "), "{yaml}");
        let json = error("{\n\"title\": \"A\",\n\"weight\": }\n");
        assert_eq!(json.line, 3);
        let not_a_table = error("---\n- a\n- b\n---\n");
        assert!(
            not_a_table.to_string().contains("found a list"),
            "{not_a_table}"
        );
    }

    #[test]
    fn yaml_aliases_work_until_they_would_expand_past_the_budget() {
        let shared = parsed("---\ntitle: &t Shared\nsummary: *t\nparams:\n  x: [*t, *t]\n---\n");
        assert_eq!(shared.summary.as_deref(), Some("Shared"));
        // 2,000 aliases of a list of 2,000: four million values from 12 KB.
        let items = 2_000;
        let bomb = format!(
            "---\na: &a [{}]\nb: [{}]\n---\n",
            vec!["x"; items].join(", "),
            vec!["*a"; items].join(", ")
        );
        let refused = error(&bomb);
        assert_eq!((refused.line, refused.column), (2, 1));
        assert!(
            refused
                .to_string()
                .contains("its aliases expand it to more than"),
            "{refused}"
        );
    }

    #[test]
    fn yaml_nested_past_the_limit_is_refused_before_it_is_read() {
        let deep = format!(
            "---\na: {}1{}\n---\n",
            "[".repeat(MAX_YAML_NESTING + 1),
            "]".repeat(MAX_YAML_NESTING + 1)
        );
        for prefix in ["", "&anchor", "!!seq ", "? "] {
            let refused = error(&deep.replace("a: ", &format!("a: {prefix}")));
            assert!(
                refused.to_string().contains("more than 256 deep"),
                "{prefix}"
            );
        }
        let brackets = "[".repeat(300);
        let quoted = parsed(&format!(
            "---\ntitle: \"{brackets}\"\nsummary: '{brackets}' # {brackets}\n\
             description: don't {brackets}\n---\n"
        ));
        assert_eq!(quoted.title.as_deref(), Some(brackets.as_str()));
    }

    #[test]
    fn scalars_are_cast_to_strings_and_empty_front_matter_is_fine() {
        let front_matter = parsed("+++\ntitle = 2024\nweight = 2.0\ndraft = \"false\"\n+++\n");
        assert_eq!(front_matter.title.as_deref(), Some("2024"));
        assert_eq!(front_matter.weight, 2);
        assert!(!front_matter.draft);
        assert_eq!(parsed("---\n---\nBody"), FrontMatter::default());
        assert_eq!(parsed("+++\n+++\nBody"), FrontMatter::default());
        assert_eq!(parsed("{}\nBody"), FrontMatter::default());
    }

    #[test]
    fn terms_are_text_and_anything_else_is_left_out_with_a_warning() {
        let front_matter = parsed(
            "+++\ntitle = \"A\"\nTags = [\"Rust\", 5, true, {a = 1}, [\"x\"]]\n\
             categories = \"One Category\"\nseries = [\"not configured\"]\n+++\n",
        );
        let expected: Vec<(String, Vec<String>)> = vec![
            ("categories".to_owned(), vec!["One Category".to_owned()]),
            (
                "tags".to_owned(),
                vec!["Rust".to_owned(), "5".to_owned(), "true".to_owned()],
            ),
        ];
        let mut terms = front_matter.terms.clone();
        terms.sort();
        assert_eq!(terms, expected);
        let warnings: Vec<String> = front_matter
            .warnings
            .iter()
            .map(ToString::to_string)
            .collect();
        let warning = |found: &str| {
            format!(
                "content/a.md:3:1: front matter key \"Tags\": a term must be text, found {found}; \
                 it is left out"
            )
        };
        assert_eq!(warnings, [warning("a table"), warning("a list")]);
        assert!(
            front_matter
                .warnings
                .iter()
                .all(|warning| warning.severity == Severity::Warning)
        );
        assert!(
            front_matter.params.contains_key("series"),
            "a key of no configured taxonomy is a param"
        );
    }

    #[test]
    fn unused_reserved_keys_are_not_params() {
        let front_matter = parsed("---\ntype: post\nLayout: x\nbuild: {list: never}\n---\n");
        assert!(front_matter.params.is_empty(), "{:?}", front_matter.params);
        assert_eq!(front_matter.layout.as_deref(), Some("x"));
    }
}
