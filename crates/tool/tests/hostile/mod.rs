//! Hostile input and what must hold of the output whatever the input, shared by the property
//! tests (`tests/hostile_properties.rs`) and the fuzz targets (`fuzz/`, which include this file):
//! the tokens that trip parsers (`tokens.dict`, also libFuzzer's dictionary), checkers of
//! well-formed HTML and XML, of inert HTML (no live script), of a safe page head and of paths
//! that stay inside the site, and the whole-site checks built of them.
//!
//! Every checker returns what is wrong, so a property test can shrink it and a fuzz target
//! can panic with it.

use blogreader_content::front_matter;
use blogreader_content::links::{LinkError, resolve, resolve_markdown_link};
use blogreader_content::reading_aids::add_reading_aids;
use blogreader_content::render::{BodyHtml, RenderedPage, render_html, render_page_with_summary};
use blogreader_content::shortcode;
use blogreader_content::site::{PageEntry, Site, SiteConfig, SourceFile};
use blogreader_site::build::build_site_at;
use blogreader_site::config::BuildConfig;
use blogtool::feeds::{feeds, sitemap};
use blogtool::head::head;

/// The build's clock: every dated page of a generated site is in its past.
pub const NOW: i64 = 4_000_000_000;

/// Where a generated page may sit: home, sections, regular pages, a leaf bundle, a
/// taxonomy's own pages, names with spaces and accents.
pub const PAGE_PATHS: [&str; 9] = [
    "content/_index.md",
    "content/posts/_index.md",
    "content/posts/a.md",
    "content/posts/b/index.md",
    "content/posts/deep/c.md",
    "content/about.md",
    "content/tags/_index.md",
    "content/tags/rust/_index.md",
    "content/x y/É.md",
];

/// Pages that links are resolved from: nested, a bundle, top level, none (a menu's).
pub const LINK_SOURCES: [&str; 4] = [
    "content/posts/a.md",
    "content/posts/b/index.md",
    "content/about.md",
    "",
];

/// The tokens, one a line in libFuzzer's dictionary format.
const DICTIONARY: &str = include_str!("tokens.dict");

/// Elements without content or end tag.
const VOID_ELEMENTS: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is text up to their end tag, never markup.
const RAW_TEXT_ELEMENTS: [&str; 4] = ["script", "style", "textarea", "title"];

/// Elements that run script, load another document or change how the page loads: none may
/// come of author content.
const ACTIVE_ELEMENTS: [&str; 13] = [
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "meta", "base",
    "style", "link", "noscript",
];

/// Attributes whose value a browser follows as a URL.
const URL_ATTRIBUTES: [&str; 8] = [
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "data",
    "background",
];

/// Every token of the dictionary, decoded.
pub fn tokens() -> Vec<String> {
    DICTIONARY
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with('"') && line.len() > 1)
        .map(|line| decode_dictionary_entry(&line[1..line.len() - 1]))
        .collect()
}

/// A dictionary entry's bytes: `\\`, `\"` and `\xNN` decoded.
fn decode_dictionary_entry(entry: &str) -> String {
    let mut bytes = Vec::with_capacity(entry.len());
    let mut rest = entry.as_bytes();
    while let Some((&byte, after)) = rest.split_first() {
        rest = after;
        if byte != b'\\' {
            bytes.push(byte);
            continue;
        }
        match rest {
            [b'x', high, low, after @ ..] => {
                let hex = [*high, *low];
                let value = std::str::from_utf8(&hex)
                    .ok()
                    .and_then(|hex| u8::from_str_radix(hex, 16).ok());
                bytes.push(value.expect("a \\xNN escape in tokens.dict"));
                rest = after;
            }
            [escaped, after @ ..] => {
                bytes.push(*escaped);
                rest = after;
            }
            [] => panic!("a lone backslash ends a token of tokens.dict"),
        }
    }
    String::from_utf8(bytes).expect("tokens.dict holds UTF-8")
}

/// A site's files as the tool reads them: `pages` (path, text) plus a bundle resource and
/// a static file.
pub fn site_files(pages: impl IntoIterator<Item = (String, String)>) -> Vec<SourceFile> {
    let mut files: Vec<SourceFile> = Vec::new();
    for (path, text) in pages {
        if !files.iter().any(|file| file.path == path) {
            files.push(SourceFile {
                path,
                text: Some(text),
            });
        }
    }
    for path in ["content/posts/b/img.png", "static/style.css"] {
        files.push(SourceFile {
            path: path.to_owned(),
            text: None,
        });
    }
    files
}

/// A site of `files`, safe or `unsafe`, its base URL `/` or one with a path.
pub fn build(files: &[SourceFile], unsafe_html: bool, under_path: bool) -> Site {
    let config = BuildConfig {
        site: SiteConfig {
            title: "Hostile <site> & \"co\"".to_owned(),
            unsafe_html,
            base_url: if under_path {
                "https://example.org/blog/".to_owned()
            } else {
                "/".to_owned()
            },
            ..SiteConfig::default()
        },
        ..BuildConfig::default()
    };
    build_site_at(config, files, NOW).0
}

/// A fixed small site to resolve links and expand shortcodes against; its page
/// `/posts/a/` is where bodies are rendered.
pub fn small_site(unsafe_html: bool) -> Site {
    let pages = [
        ("content/_index.md", "+++\ntitle = \"Home\"\n+++\n"),
        ("content/posts/_index.md", "+++\ntitle = \"Posts\"\n+++\n"),
        (
            "content/posts/a.md",
            "+++\ntitle = \"A\"\ntags = [\"Rust\"]\ndate = 2025-01-02\n+++\n## Part\n",
        ),
        ("content/posts/b/index.md", "+++\ntitle = \"B\"\n+++\nB.\n"),
        ("content/posts/deep/a.md", "+++\ntitle = \"Deep A\"\n+++\n"),
        ("content/about.md", "+++\ntitle = \"About\"\n+++\n"),
    ];
    let files = site_files(
        pages
            .into_iter()
            .map(|(path, text)| (path.to_owned(), text.to_owned())),
    );
    build(&files, unsafe_html, false)
}

/// The page of [`small_site`] that bodies are rendered as.
pub fn body_page(site: &Site) -> &PageEntry {
    site.page_by_url("/posts/a/")
        .expect("the small site has /posts/a/")
}

/// Front matter, in any format and any state, parses without a panic; what splits off is
/// a tail of the file, starting on a line the file has.
pub fn check_front_matter(file: &str) -> Result<(), String> {
    let zone = |_: &_| 0;
    let taxonomies = ["tags".to_owned(), "categories".to_owned()];
    let Ok((_, split)) =
        blogreader_site::front_matter::parse("content/p.md", file, &zone, &taxonomies)
    else {
        return Ok(());
    };
    if !file.ends_with(split.body) {
        return Err(format!("the body {:?} is no tail of the file", split.body));
    }
    if split.body_line > file.lines().count() + 1 {
        return Err(format!(
            "the body starts on line {}, past the end",
            split.body_line
        ));
    }
    Ok(())
}

/// Shortcodes expand to well-formed, inert HTML, and every output offset maps back into
/// the input (diagnostics point into the file).
pub fn check_shortcodes(text: &str, site: &Site) -> Result<(), String> {
    let expansion = shortcode::expand(text, site, body_page(site));
    for html in &expansion.trusted_html {
        check_well_formed_html(html)?;
        check_inert_html(html)?;
    }
    match (0..=expansion.text.len()).find(|&offset| expansion.source_offset(offset) > text.len()) {
        Some(offset) => Err(format!("output offset {offset} maps past the input")),
        None => Ok(()),
    }
}

/// What `ref`/`relref` and `.md` links to `reference` from the page at `from` lead to: the
/// URL of a page, or the guessed URL of a broken link.
fn link_results(reference: &str, from: &str, site: &Site) -> Vec<Result<String, LinkError>> {
    let mut results = vec![resolve(reference, from, site)];
    results.extend(resolve_markdown_link(reference, from, site));
    results
}

/// A link that resolves leads to a page of the site (or an anchor of this one).
pub fn check_resolved_links(reference: &str, from: &str, site: &Site) -> Result<(), String> {
    for url in link_results(reference, from, site).into_iter().flatten() {
        let page = url.split('#').next().unwrap_or("");
        if !page.is_empty() && site.page_by_url(page).is_none() {
            return Err(format!("{reference:?} resolved to {url:?}, no page"));
        }
    }
    Ok(())
}

/// A broken link's guessed URL stays on the site, as a browser reads it.
pub fn check_broken_links(reference: &str, from: &str, site: &Site) -> Result<(), String> {
    for result in link_results(reference, from, site) {
        if let Err(LinkError::NotFound { guessed_url } | LinkError::Ambiguous { guessed_url }) =
            result
            && !guessed_url.is_empty()
            && !guessed_url.starts_with('#')
        {
            check_link_target(&guessed_url)?;
        }
    }
    Ok(())
}

/// One piece of HTML as the checkers read it.
#[derive(Debug, PartialEq)]
enum Piece<'h> {
    Text(&'h str),
    Comment,
    Open {
        name: String,
        attributes: Vec<(String, Option<String>)>,
        self_closing: bool,
    },
    Close(String),
}

/// `html` cut into text, comments and tags, strictly: every attribute value in double quotes,
/// no `<` that starts no tag, every comment closed; the content of raw text elements
/// (`<script>`) is text.
fn pieces(html: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut pieces = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(start) = rest.find('<') else {
            pieces.push(Piece::Text(rest));
            break;
        };
        if start > 0 {
            pieces.push(Piece::Text(&rest[..start]));
        }
        rest = &rest[start..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            let end = comment
                .find("-->")
                .ok_or_else(|| format!("a comment never closes: {}", excerpt(rest)))?;
            pieces.push(Piece::Comment);
            rest = &comment[end + 3..];
            continue;
        }
        let (piece, after) = tag(rest)?;
        rest = after;
        if let Piece::Open { name, .. } = &piece
            && RAW_TEXT_ELEMENTS.contains(&name.as_str())
        {
            let end_tag = format!("</{name}");
            let end = rest
                .to_ascii_lowercase()
                .find(&end_tag)
                .ok_or_else(|| format!("<{name}> never closes"))?;
            pieces.push(piece);
            pieces.push(Piece::Text(&rest[..end]));
            rest = &rest[end..];
            continue;
        }
        pieces.push(piece);
    }
    Ok(pieces)
}

/// The tag at the start of `text` (which starts with `<`) and the text after it.
fn tag(text: &str) -> Result<(Piece<'_>, &str), String> {
    let is_name = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | ':');
    let closing = text.starts_with("</");
    let rest = text.get(if closing { 2 } else { 1 }..).unwrap_or("");
    let name_length = rest.find(|c: char| !is_name(c)).unwrap_or(rest.len());
    let name = rest[..name_length].to_ascii_lowercase();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err(format!("a `<` that starts no tag: {}", excerpt(text)));
    }
    let mut rest = &rest[name_length..];
    if closing {
        let after = rest
            .trim_start()
            .strip_prefix('>')
            .ok_or_else(|| format!("a malformed end tag: {}", excerpt(text)))?;
        return Ok((Piece::Close(name), after));
    }
    let mut attributes: Vec<(String, Option<String>)> = Vec::new();
    loop {
        let trimmed = rest.trim_start_matches([' ', '\n', '\t', '\r']);
        let had_space = trimmed.len() < rest.len();
        rest = trimmed;
        if let Some(after) = rest.strip_prefix('>') {
            let piece = Piece::Open {
                name,
                attributes,
                self_closing: false,
            };
            return Ok((piece, after));
        }
        if let Some(after) = rest.strip_prefix("/>") {
            let piece = Piece::Open {
                name,
                attributes,
                self_closing: true,
            };
            return Ok((piece, after));
        }
        let attribute_length = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '>' | '/' | '=' | '<'))
            .unwrap_or(rest.len());
        if attribute_length == 0 || !had_space {
            return Err(format!("a malformed tag: {}", excerpt(text)));
        }
        let attribute = rest[..attribute_length].to_ascii_lowercase();
        rest = &rest[attribute_length..];
        let value = match rest.strip_prefix('=') {
            Some(quoted) => {
                let value = quoted
                    .strip_prefix('"')
                    .and_then(|value| value.split_once('"'))
                    .ok_or_else(|| {
                        format!("an attribute value not in quotes: {}", excerpt(text))
                    })?;
                rest = value.1;
                Some(value.0.to_owned())
            }
            None => None,
        };
        if attributes.iter().any(|(name, _)| *name == attribute) {
            return Err(format!("attribute {attribute} twice: {}", excerpt(text)));
        }
        attributes.push((attribute, value));
    }
}

/// The start of `text`, for a message.
fn excerpt(text: &str) -> String {
    text.chars().take(80).collect()
}

/// Whether `text` has an `&` that starts no character reference.
fn bare_ampersand(text: &str) -> Option<&str> {
    text.match_indices('&')
        .map(|(at, _)| &text[at..])
        .find(|from| {
            let reference = from[1..].split(';').next().unwrap_or("");
            let is_reference = from[1..].contains(';')
                && match reference.strip_prefix('#') {
                    Some(number) => match number.strip_prefix(['x', 'X']) {
                        Some(hex) => !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()),
                        None => !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()),
                    },
                    None => {
                        reference.starts_with(|c: char| c.is_ascii_alphabetic())
                            && reference.chars().all(|c| c.is_ascii_alphanumeric())
                    }
                };
            !is_reference
        })
}

/// Well-formed HTML: every element opened is closed, in order (void elements excepted, and
/// no other element self-closes); attribute values quoted, none twice; no `<` or `&` that
/// starts no tag or reference. (A link may hold a link: a shortcode's HTML in a link's
/// text, as the author wrote it.)
pub fn check_well_formed_html(html: &str) -> Result<(), String> {
    let mut open: Vec<String> = Vec::new();
    for piece in pieces(html)? {
        match piece {
            Piece::Text(text) => {
                let raw_text = open
                    .last()
                    .is_some_and(|name| RAW_TEXT_ELEMENTS.contains(&name.as_str()));
                if let Some(ampersand) = bare_ampersand(text).filter(|_| !raw_text) {
                    return Err(format!("a bare `&`: {}", excerpt(ampersand)));
                }
            }
            Piece::Comment => {}
            Piece::Open {
                name,
                attributes,
                self_closing,
            } => {
                for (attribute, value) in &attributes {
                    if let Some(ampersand) = value.as_deref().and_then(bare_ampersand) {
                        return Err(format!("a bare `&` in {attribute}: {}", excerpt(ampersand)));
                    }
                }
                if VOID_ELEMENTS.contains(&name.as_str()) {
                    continue;
                }
                if self_closing {
                    return Err(format!("<{name}/> stays open in HTML"));
                }
                open.push(name);
            }
            Piece::Close(name) => match open.pop() {
                Some(innermost) if innermost == name => {}
                Some(innermost) => return Err(format!("</{name}> closes <{innermost}>")),
                None => return Err(format!("</{name}> closes nothing")),
            },
        }
    }
    match open.last() {
        Some(name) => Err(format!("<{name}> never closes")),
        None => Ok(()),
    }
}

/// Inert HTML, what a safe site must make of author content: no element that runs script or
/// loads a document, no event handler attribute, no script URL (after decoding character
/// references, as a browser does) in an attribute a browser follows.
pub fn check_inert_html(html: &str) -> Result<(), String> {
    for piece in pieces(html)? {
        let Piece::Open {
            name, attributes, ..
        } = piece
        else {
            continue;
        };
        if ACTIVE_ELEMENTS.contains(&name.as_str()) {
            return Err(format!("a <{name}> element"));
        }
        for (attribute, value) in attributes {
            if attribute.starts_with("on") {
                return Err(format!("<{name} {attribute}=…>: an event handler"));
            }
            let value = value.unwrap_or_default();
            if URL_ATTRIBUTES.contains(&attribute.as_str()) && is_script_url(&value) {
                return Err(format!("<{name} {attribute}=\"{value}\">: a script URL"));
            }
        }
    }
    Ok(())
}

/// Whether a browser would run script from `url` (an attribute value as written): character
/// references decoded, leading blanks and controls and any tab or newline dropped, then a
/// `javascript:`, `vbscript:` or non-image `data:` scheme.
pub fn is_script_url(url: &str) -> bool {
    let decoded = decode_references(url);
    let compact: String = decoded
        .trim_start_matches(|c: char| c.is_ascii_control() || c == ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    compact.starts_with("javascript:")
        || compact.starts_with("vbscript:")
        || (compact.starts_with("data:") && !compact.starts_with("data:image/"))
}

/// `text` with the character references a script URL may hide behind decoded (numeric ones,
/// and the named ones of characters that matter in a scheme).
fn decode_references(text: &str) -> String {
    const NAMED: [(&str, char); 9] = [
        ("amp", '&'),
        ("colon", ':'),
        ("tab", '\t'),
        ("newline", '\n'),
        ("lt", '<'),
        ("gt", '>'),
        ("quot", '"'),
        ("apos", '\''),
        ("sol", '/'),
    ];
    let mut decoded = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        decoded.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        // Browsers accept a reference without its `;`.
        let length = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .unwrap_or(rest.len());
        let reference = &rest[..length];
        let character = match reference.strip_prefix('#') {
            Some(number) => match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number.parse().ok(),
            }
            .and_then(char::from_u32),
            None => NAMED
                .iter()
                .find(|(name, _)| reference.eq_ignore_ascii_case(name))
                .map(|(_, character)| *character),
        };
        match character {
            Some(character) => {
                decoded.push(character);
                rest = rest[length..].strip_prefix(';').unwrap_or(&rest[length..]);
            }
            None => decoded.push('&'),
        }
    }
    decoded.push_str(rest);
    decoded
}

/// Whether XML 1.0 allows `c` in a document.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
        || c >= '\u{10000}'
}

/// Well-formed XML 1.0: an optional declaration, one root element, tags matched, attribute
/// values quoted, no `<` in text, every `&` one of XML's references to a character XML
/// allows, and no character XML forbids (controls, U+FFFE, U+FFFF).
pub fn check_well_formed_xml(xml: &str) -> Result<(), String> {
    if let Some(forbidden) = xml.chars().find(|&c| !is_xml_char(c)) {
        return Err(format!("a character XML forbids: {forbidden:?}"));
    }
    let mut rest = xml;
    if rest.starts_with("<?xml") {
        let end = rest.find("?>").ok_or("the XML declaration never closes")?;
        rest = &rest[end + 2..];
    }
    let mut open: Vec<&str> = Vec::new();
    let mut roots = 0;
    while !rest.is_empty() {
        let text_length = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..text_length];
        if open.is_empty() && !text.trim().is_empty() {
            return Err(format!("text outside the root element: {}", excerpt(text)));
        }
        check_xml_references(text)?;
        rest = &rest[text_length..];
        if rest.is_empty() {
            break;
        }
        if let Some(comment) = rest.strip_prefix("<!--") {
            let end = comment.find("-->").ok_or("a comment never closes")?;
            if comment[..end].contains("--") {
                return Err("`--` inside a comment".to_owned());
            }
            rest = &comment[end + 3..];
            continue;
        }
        let end = rest.find('>').ok_or("a tag never closes")?;
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            match open.pop() {
                Some(innermost) if innermost == name.trim_end() => continue,
                innermost => return Err(format!("</{name}> closes {innermost:?}")),
            }
        }
        let (tag, empty) = match tag.strip_suffix('/') {
            Some(tag) => (tag, true),
            None => (tag, false),
        };
        let name_length = tag.find(char::is_whitespace).unwrap_or(tag.len());
        let name = &tag[..name_length];
        let is_name_char = |c: char| c.is_alphanumeric() || matches!(c, '_' | ':' | '-' | '.');
        if !name.starts_with(|c: char| c.is_alphabetic() || c == '_')
            || !name.chars().all(is_name_char)
        {
            return Err(format!("a malformed tag: <{}", excerpt(tag)));
        }
        check_xml_attributes(&tag[name_length..])?;
        if open.is_empty() {
            roots += 1;
        }
        if !empty {
            open.push(name);
        }
    }
    match (open.last(), roots) {
        (Some(name), _) => Err(format!("<{name}> never closes")),
        (None, 1) => Ok(()),
        (None, roots) => Err(format!("{roots} root elements")),
    }
}

/// Attributes of an XML tag: `name="value"` or `name='value'`, each name once.
fn check_xml_attributes(mut attributes: &str) -> Result<(), String> {
    let mut names = Vec::new();
    loop {
        attributes = attributes.trim_start();
        if attributes.is_empty() {
            return Ok(());
        }
        let (name, after) = attributes
            .split_once('=')
            .ok_or_else(|| format!("an attribute without a value: {}", excerpt(attributes)))?;
        let quote = after
            .chars()
            .next()
            .filter(|quote| matches!(quote, '"' | '\''))
            .ok_or_else(|| format!("an attribute value not in quotes: {}", excerpt(after)))?;
        let (value, after) = after[1..]
            .split_once(quote)
            .ok_or("an attribute value never closes")?;
        if value.contains('<') {
            return Err(format!("a `<` in an attribute value: {}", excerpt(value)));
        }
        check_xml_references(value)?;
        let name = name.trim();
        if names.contains(&name) {
            return Err(format!("attribute {name} twice"));
        }
        names.push(name);
        attributes = after;
    }
}

/// Every `&` in XML text starts one of XML's five named references or a numeric one to a
/// character XML allows.
fn check_xml_references(text: &str) -> Result<(), String> {
    for (at, _) in text.match_indices('&') {
        let reference = text[at + 1..]
            .split_once(';')
            .map(|(reference, _)| reference)
            .ok_or_else(|| format!("a bare `&`: {}", excerpt(&text[at..])))?;
        let allowed = match reference.strip_prefix('#') {
            Some(number) => match number.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number.parse().ok(),
            }
            .and_then(char::from_u32)
            .is_some_and(is_xml_char),
            None => matches!(reference, "amp" | "lt" | "gt" | "quot" | "apos"),
        };
        if !allowed {
            return Err(format!("a bad reference: &{reference};"));
        }
    }
    Ok(())
}

/// A page head (`tool::head::head`'s tags): only `<meta>`, `<link>` and JSON-LD scripts,
/// attribute values quoted, no event handler or script URL, and each JSON-LD body valid
/// JSON that cannot end its script element or open a comment in it.
pub fn check_head(tags: &str) -> Result<(), String> {
    let pieces = pieces(tags)?;
    let mut in_script = false;
    for piece in &pieces {
        match piece {
            Piece::Open {
                name, attributes, ..
            } => {
                let is_json_ld = attributes.iter().any(|(name, value)| {
                    name == "type" && value.as_deref() == Some("application/ld+json")
                });
                match name.as_str() {
                    "meta" | "link" => {}
                    "script" if is_json_ld => in_script = true,
                    other => return Err(format!("a <{other}> in the head")),
                }
                for (attribute, value) in attributes {
                    let value = value.as_deref().unwrap_or("");
                    if attribute.starts_with("on") {
                        return Err(format!("an event handler in the head: {attribute}"));
                    }
                    if URL_ATTRIBUTES.contains(&attribute.as_str()) && is_script_url(value) {
                        return Err(format!("a script URL in the head: {value}"));
                    }
                }
            }
            Piece::Text(body) if in_script => {
                let lower = body.to_ascii_lowercase();
                if let Some(bad) = ["<!--", "<script", "</script"]
                    .iter()
                    .find(|bad| lower.contains(*bad))
                {
                    return Err(format!("{bad} inside the JSON-LD: {body}"));
                }
                serde_json::from_str::<serde_json::Value>(body)
                    .map_err(|error| format!("the JSON-LD is no JSON ({error}): {body}"))?;
            }
            Piece::Text(text) if !text.trim().is_empty() => {
                return Err(format!("text in the head: {}", excerpt(text)));
            }
            Piece::Close(name) if name == "script" => in_script = false,
            Piece::Close(name) => return Err(format!("</{name}> in the head")),
            Piece::Text(_) | Piece::Comment => {}
        }
    }
    Ok(())
}

/// What is wrong with a path's characters and segments: a backslash, a control character,
/// a `.` or `..` segment.
fn path_problem(path: &str) -> Option<&'static str> {
    if path.contains('\\') {
        Some("a backslash")
    } else if path.chars().any(char::is_control) {
        Some("a control character")
    } else if path
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        Some("a `.` or `..` segment")
    } else {
        None
    }
}

/// A site URL that stays on the site: it starts with one `/` (`//` names another host),
/// and has none of [`path_problem`]'s.
pub fn check_site_url(url: &str) -> Result<(), String> {
    let problem = if !url.starts_with('/') {
        Some("no leading `/`")
    } else if url.starts_with("//") {
        Some("a leading `//` (another host)")
    } else {
        path_problem(url)
    };
    match problem {
        Some(problem) => Err(format!("URL {url:?}: {problem}")),
        None => Ok(()),
    }
}

/// A link target on the site as a browser reads it, tabs and newlines dropped: a path from
/// the root that names no other host (`/\n/host` and `/\host` are `//host` to a browser;
/// `..` stops at the root).
pub fn check_link_target(href: &str) -> Result<(), String> {
    let mut read = href.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    match (read.next(), read.next()) {
        (Some('/'), Some('/' | '\\')) => Err(format!("link target {href:?}: another host")),
        (Some('/'), _) => Ok(()),
        _ => Err(format!("link target {href:?}: no leading `/`")),
    }
}

/// A path relative to the output folder that stays inside it: not absolute, no empty
/// segment but a trailing `/` (a folder; empty is the folder itself), and none of
/// [`path_problem`]'s.
pub fn check_output_path(path: &str) -> Result<(), String> {
    let folder = path.strip_suffix('/').unwrap_or(path);
    let problem = if path.starts_with('/') {
        Some("absolute")
    } else if !folder.is_empty() && folder.split('/').any(str::is_empty) {
        Some("an empty segment")
    } else {
        path_problem(path)
    };
    match problem {
        Some(problem) => Err(format!("output path {path:?}: {problem}")),
        None => Ok(()),
    }
}

/// Every URL of the site (pages, aliases, terms) stays on the site, and every file the
/// build writes (each route's page or redirect, each feed, the pages' Markdown and
/// resources) lands inside the output folder.
pub fn check_site_paths(site: &Site, files: &[SourceFile]) -> Result<(), String> {
    for page in site.pages() {
        for url in [&page.url]
            .into_iter()
            .chain(&page.aliases)
            .chain(&page.terms)
        {
            check_site_url(url)?;
        }
    }
    for (url, _) in site.routes() {
        check_output_path(&site.output_path(&url))?;
    }
    for (_, output) in site.output_files(files) {
        check_output_path(&output)?;
    }
    Ok(())
}

/// One page of a built site with its body rendered as a reader gets it and as the build
/// renders it (summary included).
pub struct RenderedEntry<'s> {
    pub entry: &'s PageEntry,
    pub body: BodyHtml,
    pub page: RenderedPage,
}

/// Every page of `site` that has a source among `files`, rendered; pages whose source has no
/// front matter that splits are left out (the build has skipped them).
pub fn render_pages<'s>(site: &'s Site, files: &[SourceFile]) -> Vec<RenderedEntry<'s>> {
    site.pages()
        .iter()
        .filter_map(|entry| {
            let text = files
                .iter()
                .find(|file| file.path == entry.source)?
                .text
                .as_deref()?;
            let split = front_matter::split(text).ok()?;
            Some(RenderedEntry {
                entry,
                body: render_html(site, entry, split.body),
                page: render_page_with_summary(site, entry, split.body, None),
            })
        })
        .collect()
}

/// The HTML made of author content for each rendered page (the body a reader gets, the
/// build's HTML, the summary and the card's summary from the index), as (what it is, HTML).
pub fn author_html<'r>(rendered: &'r [RenderedEntry]) -> Vec<(String, &'r str)> {
    rendered
        .iter()
        .flat_map(|page| {
            let source = &page.entry.source;
            [
                (format!("{source}: body"), page.body.html.as_str()),
                (format!("{source}: build HTML"), page.page.html.as_str()),
                (
                    format!("{source}: summary"),
                    page.page.summary_html.as_str(),
                ),
                (format!("{source}: card"), page.entry.summary_html.as_str()),
            ]
        })
        .collect()
}

/// The body a reader gets of each page is the build's HTML plus the reading aids: the
/// browser and the build agree.
pub fn check_reader_agrees_with_build(rendered: &[RenderedEntry]) -> Result<(), String> {
    match rendered
        .iter()
        .find(|page| page.body.html != add_reading_aids(&page.page.html))
    {
        Some(page) => Err(format!("{}: the reader's body differs", page.entry.source)),
        None => Ok(()),
    }
}

/// Every feed of the site and its sitemap (of its pages, not the redirects) are
/// well-formed XML.
pub fn check_feeds(site: &Site) -> Result<(), String> {
    for (list, xml) in feeds(site) {
        check_well_formed_xml(&xml).map_err(|problem| format!("{}: {problem}", list.url))?;
    }
    let pages: Vec<String> = site
        .routes()
        .into_iter()
        .filter(|(url, route)| *url == route.canonical_url())
        .map(|(url, _)| url)
        .collect();
    check_well_formed_xml(&sitemap(site, &pages)).map_err(|problem| format!("sitemap: {problem}"))
}

/// Every page's head, and the not-found page's, is safe: see [`check_head`].
pub fn check_heads(site: &Site) -> Result<(), String> {
    for page in site.pages() {
        check_head(&head(site, &page.url, Some(page)).tags)
            .map_err(|problem| format!("{}: {problem}", page.url))?;
    }
    check_head(&head(site, "/no/such/", None).tags)
}
