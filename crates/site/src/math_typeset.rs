//! The build's typesetting of formulas: math-core turns TeX into MathML Core (see the README's
//! "Math"), and its MathML is written anew from an allowlist, so what the
//! page holds is ours to trust and runs under the Content-Security-Policy: MathML elements and
//! presentation attributes only, inline styles turned into the classes of `style/main.css` or
//! MathML's `mathcolor` and `mathsize`, links reduced to their text. The plain text of each
//! formula (for titles, the table of contents, summaries and feeds) is read from its MathML.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use math_core::{LatexToMathML, MathCoreConfig, MathDisplay};

use blogreader_content::error::{Diagnostic, DiagnosticKind, Severity, line_column};
use blogreader_content::html::{decode_character_references, escape_html};
use blogreader_content::math::{
    MathSyntax, formulas, plain_text, summary_text, syntax, write_calls,
};
use blogreader_content::site::{Site, SourceFile};

/// Longer formulas are not typeset (shown as their TeX, with a warning): nobody writes one,
/// and the typesetter's depth grows with a formula's length.
const MAX_FORMULA_BYTES: usize = 16 * 1024;

/// The stack of the thread that typesets: math-core recurses once per level of nesting, so a
/// formula of [`MAX_FORMULA_BYTES`] nested braces needs tens of MB in a debug build.
const TYPESETTING_STACK_BYTES: usize = 512 * 1024 * 1024;

/// A formula typeset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypesetFormula {
    /// A `<math>` element: MathML Core from the allowlist below, its plain text first as its
    /// `alttext` (see [`blogreader_content::html::formula_text`]).
    pub mathml: String,
    /// The formula as plain text (`\sin x^2` is `sin x²`).
    pub text: String,
}

/// The formulas of a site, typeset: what the build writes for the browser and puts in titles.
#[derive(Debug, Default)]
pub struct TypesetSite {
    /// The Markdown file of each page with formulas, each written as a call holding its
    /// MathML ([`write_calls`]): (source path, whole text).
    pub texts: Vec<(String, String)>,
    /// A warning for each formula that could not be typeset (it shows as its TeX).
    pub diagnostics: Vec<Diagnostic>,
    /// Each formula typeset, by (TeX, display).
    formulas: BTreeMap<(String, bool), TypesetFormula>,
}

/// Typesets the formulas of every page of `site` (as built from `files`) that has math on:
/// those of its body, and of its title, link title, description and summary.
pub fn typeset_site(site: &Site, files: &[SourceFile]) -> TypesetSite {
    let texts: HashMap<&str, &str> = files
        .iter()
        .filter_map(|file| Some((file.path.as_str(), file.text.as_deref()?)))
        .collect();
    let mut bodies = Vec::new();
    let mut wanted: BTreeSet<(String, bool)> = BTreeSet::new();
    for page in site.pages() {
        let Some(syntax) = syntax(site, page) else {
            continue;
        };
        let fields = [&page.title, &page.description]
            .into_iter()
            .chain(page.link_title.as_ref());
        for text in fields {
            wanted.extend(formula_keys(text, &syntax));
        }
        text_runs(&page.summary_html, |run| {
            wanted.extend(formula_keys(run, &syntax));
            run.to_owned()
        });
        let Some(text) = texts.get(page.source.as_str()).copied() else {
            continue;
        };
        let Ok(split) = blogreader_content::front_matter::split(text) else {
            continue;
        };
        let body_start = text.len() - split.body.len();
        let found = formulas(split.body, &syntax);
        if found.is_empty() {
            continue;
        }
        wanted.extend(
            found
                .iter()
                .map(|formula| (formula.tex.clone(), formula.display)),
        );
        bodies.push((page, syntax, text, body_start, found));
    }
    let wanted: Vec<(String, bool)> = wanted.into_iter().collect();
    let results = typeset_all(wanted.clone());
    let mut site_formulas = TypesetSite::default();
    let mut failed = BTreeMap::new();
    for (key, result) in wanted.into_iter().zip(results) {
        match result {
            Ok(formula) => {
                site_formulas.formulas.insert(key, formula);
            }
            Err(message) => {
                failed.insert(key, message);
            }
        }
    }
    for (page, syntax, text, body_start, found) in bodies {
        let body = text.get(body_start..).unwrap_or_default();
        for formula in &found {
            let Some(message) = failed.get(&(formula.tex.clone(), formula.display)) else {
                continue;
            };
            let (line, column) = line_column(body, formula.range.start);
            site_formulas.diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                file: page.source.clone(),
                line: page.body_line.max(1) + line - 1,
                column,
                kind: DiagnosticKind::BadMath {
                    tex: formula.tex.clone(),
                    message: message.clone(),
                },
            });
        }
        let written = write_calls(body, &syntax, |tex, display| {
            let formula = site_formulas.formulas.get(&(tex.to_owned(), display))?;
            Some(formula.mathml.clone())
        });
        if let Some(written) = written {
            let front = text.get(..body_start).unwrap_or_default();
            site_formulas
                .texts
                .push((page.source.clone(), format!("{front}{written}")));
        }
    }
    site_formulas
}

/// The formulas of `text`, by (TeX, display).
fn formula_keys(text: &str, syntax: &MathSyntax) -> Vec<(String, bool)> {
    formulas(text, syntax)
        .into_iter()
        .map(|formula| (formula.tex, formula.display))
        .collect()
}

impl TypesetSite {
    /// Puts the plain text of each formula in the titles, link titles and descriptions of
    /// `site`'s pages with math on, and in their summaries (which cards and feeds show).
    pub fn write_plain_text(&self, site: &mut Site) {
        let syntaxes: Vec<Option<MathSyntax>> =
            site.pages().iter().map(|page| syntax(site, page)).collect();
        let plain = |tex: &str, display: bool| {
            let formula = self.formulas.get(&(tex.to_owned(), display))?;
            Some(formula.text.clone())
        };
        site.update_pages(|pages| {
            for (page, syntax) in pages.iter_mut().zip(syntaxes) {
                let Some(syntax) = syntax else {
                    continue;
                };
                page.title = plain_text(&page.title, &syntax, plain);
                page.description = plain_text(&page.description, &syntax, plain);
                if let Some(link_title) = &mut page.link_title {
                    *link_title = plain_text(link_title, &syntax, plain);
                }
                // A front matter summary is rendered without math: its formulas are in its text.
                let summary = summary_text(&page.summary_html);
                page.summary_html = text_runs(&summary, |run| {
                    let plain_html =
                        |tex: &str, display| plain(tex, display).map(|t| escape_html(&t));
                    plain_text(run, &syntax, plain_html)
                });
            }
        });
    }
}

/// `html` with each run of text between tags rewritten by `rewrite`, but for code's.
fn text_runs(html: &str, mut rewrite: impl FnMut(&str) -> String) -> String {
    let mut written = String::with_capacity(html.len());
    let mut rest = html;
    let mut in_code = false;
    while !rest.is_empty() {
        let text_end = rest.find('<').unwrap_or(rest.len());
        let (run, tag_on) = rest.split_at(text_end);
        if in_code {
            written.push_str(run);
        } else {
            written.push_str(&rewrite(run));
        }
        let tag_end = tag_on.find('>').map_or(tag_on.len(), |end| end + 1);
        let (tag, after) = tag_on.split_at(tag_end);
        if tag.starts_with("<code") {
            in_code = true;
        } else if tag.starts_with("</code") {
            in_code = false;
        }
        written.push_str(tag);
        rest = after;
    }
    written
}

/// Typesets each (TeX, display) on a thread with a stack deep enough for any formula up to
/// [`MAX_FORMULA_BYTES`]; a panic of the typesetter fails that formula only.
fn typeset_all(formulas: Vec<(String, bool)>) -> Vec<Result<TypesetFormula, String>> {
    let count = formulas.len();
    let typesetting = std::thread::Builder::new()
        .stack_size(TYPESETTING_STACK_BYTES)
        .spawn(move || {
            let converter = LatexToMathML::new(MathCoreConfig::default()).ok();
            formulas
                .iter()
                .map(|(tex, display)| {
                    let converter = converter.as_ref().ok_or("the typesetter did not start")?;
                    let typeset = || typeset(converter, tex, *display);
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(typeset))
                        .unwrap_or_else(|_| Err("the typesetter failed on it".to_owned()))
                })
                .collect::<Vec<_>>()
        });
    match typesetting.map(std::thread::JoinHandle::join) {
        Ok(Ok(results)) => results,
        _ => vec![Err("the typesetter failed".to_owned()); count],
    }
}

/// One formula as safe MathML and plain text.
fn typeset(converter: &LatexToMathML, tex: &str, display: bool) -> Result<TypesetFormula, String> {
    if tex.len() > MAX_FORMULA_BYTES {
        return Err(format!("longer than {MAX_FORMULA_BYTES} bytes"));
    }
    let mode = if display {
        MathDisplay::Block
    } else {
        MathDisplay::Inline
    };
    let converted = converter
        .convert_with_local_state(tex, mode)
        .map_err(|error| error.to_string())?;
    let nodes = parse(&converted.mathml);
    let mut written = String::with_capacity(converted.mathml.len());
    for node in &nodes {
        write_safe(node, &mut written);
    }
    let text = collapse_spaces(&row_text(&nodes));
    // The plain text goes first, where the browser looks for it (a formula in a heading).
    let rest = written
        .strip_prefix("<math")
        .ok_or("the typesetter wrote no MathML")?;
    let mathml = format!("<math alttext=\"{}\"{rest}", escape_html(&text));
    Ok(TypesetFormula { mathml, text })
}

/// A MathML element or text, as math-core wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Element {
        name: String,
        attributes: Vec<(String, String)>,
        children: Vec<Node>,
    },
    /// Decoded text.
    Text(String),
}

impl Node {
    fn name(&self) -> &str {
        match self {
            Node::Element { name, .. } => name,
            Node::Text(_) => "",
        }
    }

    fn attribute(&self, wanted: &str) -> Option<&str> {
        match self {
            Node::Element { attributes, .. } => attributes
                .iter()
                .find(|(name, _)| name == wanted)
                .map(|(_, value)| value.as_str()),
            Node::Text(_) => None,
        }
    }

    fn children(&self) -> &[Node] {
        match self {
            Node::Element { children, .. } => children,
            Node::Text(_) => &[],
        }
    }
}

/// An element being read: its name, attributes and children so far.
type OpenElement = (String, Vec<(String, String)>, Vec<Node>);

/// Reads markup into nodes: tags and double-quoted attributes as math-core writes them; an end
/// tag closes up to its element (or nothing, when none is open).
fn parse(markup: &str) -> Vec<Node> {
    // The open elements, each with its attributes and the children so far; the root first.
    let mut open: Vec<OpenElement> = vec![(String::new(), Vec::new(), Vec::new())];
    let mut rest = markup;
    while !rest.is_empty() {
        let text_end = rest.find('<').unwrap_or(rest.len());
        let (text, tag_on) = rest.split_at(text_end);
        if !text.is_empty()
            && let Some((_, _, children)) = open.last_mut()
        {
            children.push(Node::Text(decode_character_references(text)));
        }
        let Some(tag_end) = tag_on.find('>') else {
            break;
        };
        let tag = tag_on.get(1..tag_end).unwrap_or_default();
        rest = tag_on.get(tag_end + 1..).unwrap_or_default();
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim();
            if let Some(depth) = open.iter().rposition(|(open_name, _, _)| open_name == name)
                && depth > 0
            {
                while open.len() > depth {
                    close_last(&mut open);
                }
            }
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let name_end = tag
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(tag.len());
        let (name, attributes) = tag.split_at(name_end);
        open.push((name.to_owned(), parse_attributes(attributes), Vec::new()));
        if self_closing {
            close_last(&mut open);
        }
    }
    while open.len() > 1 {
        close_last(&mut open);
    }
    open.pop()
        .map(|(_, _, children)| children)
        .unwrap_or_default()
}

/// Closes the innermost open element into its parent.
fn close_last(open: &mut Vec<OpenElement>) {
    if let Some((name, attributes, children)) = open.pop()
        && let Some((_, _, parent)) = open.last_mut()
    {
        parent.push(Node::Element {
            name,
            attributes,
            children,
        });
    }
}

/// `name="value"` pairs, values decoded.
fn parse_attributes(mut text: &str) -> Vec<(String, String)> {
    let mut attributes = Vec::new();
    while let Some((name, after)) = text.split_once("=\"") {
        let Some((value, rest)) = after.split_once('"') else {
            break;
        };
        attributes.push((
            name.trim().to_ascii_lowercase(),
            decode_character_references(value),
        ));
        text = rest;
    }
    attributes
}

/// MathML Core's elements that are kept (with the HTML that math-core puts in `mtext`);
/// others go and their content stays.
const ELEMENTS: [&str; 34] = [
    "math",
    "mrow",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "msqrt",
    "mroot",
    "mfrac",
    "msub",
    "msup",
    "msubsup",
    "munder",
    "mover",
    "munderover",
    "mmultiscripts",
    "mprescripts",
    "none",
    "mtable",
    "mtr",
    "mtd",
    "mstyle",
    "mpadded",
    "mphantom",
    "merror",
    "semantics",
    "b",
    "i",
    "em",
    "code",
    "s",
    "u",
];

/// MathML Core's presentation attributes that are kept; `style` is translated, see
/// [`style_attributes`]; the rest go.
const ATTRIBUTES: [&str; 22] = [
    "display",
    "displaystyle",
    "scriptlevel",
    "mathvariant",
    "stretchy",
    "symmetric",
    "largeop",
    "movablelimits",
    "accent",
    "accentunder",
    "lspace",
    "rspace",
    "minsize",
    "maxsize",
    "linethickness",
    "width",
    "height",
    "depth",
    "voffset",
    "form",
    "columnspan",
    "rowspan",
];

/// Writes `node` from the allowlists, every text and value escaped.
fn write_safe(node: &Node, out: &mut String) {
    let (name, attributes, children) = match node {
        Node::Text(text) => {
            out.push_str(&escape_html(text));
            return;
        }
        Node::Element {
            name,
            attributes,
            children,
        } => (name, attributes, children),
    };
    let kept = ELEMENTS.contains(&name.as_str());
    if kept {
        out.push('<');
        out.push_str(name);
        let mut classes = Vec::new();
        for (attribute, value) in attributes {
            if attribute == "style" {
                style_attributes(value, &mut classes, out);
            } else if ATTRIBUTES.contains(&attribute.as_str()) {
                out.push_str(&format!(" {attribute}=\"{}\"", escape_html(value)));
            }
        }
        if !classes.is_empty() {
            out.push_str(&format!(" class=\"{}\"", classes.join(" ")));
        }
        out.push('>');
    }
    for child in children {
        write_safe(child, out);
    }
    // Every element closed: in HTML, MathML has no void elements (an unclosed `mspace`
    // would hold what follows it).
    if kept {
        out.push_str(&format!("</{name}>"));
    }
}

/// The classes (`style/main.css`) and MathML attributes that stand for math-core's inline
/// `style`, which the Content-Security-Policy would refuse: table alignment and spacing, and
/// `\color` and sizes; whatever else (`\hline` borders, negative spaces) goes.
fn style_attributes(style: &str, classes: &mut Vec<&'static str>, out: &mut String) {
    for declaration in style.split(';') {
        let Some((property, value)) = declaration.split_once(':') else {
            continue;
        };
        let value = value.trim();
        let class = match (property.trim(), value) {
            ("text-align", "left") => "ml",
            ("text-align", "right") => "mr",
            ("padding-left", "0") => "pl0",
            ("padding-right", "0") => "pr0",
            ("padding-left", "1em") => "pl1",
            ("color", color) if is_hex_color(color) => {
                out.push_str(&format!(" mathcolor=\"{color}\""));
                continue;
            }
            ("font-size", size) if is_length(size) => {
                out.push_str(&format!(" mathsize=\"{size}\""));
                continue;
            }
            _ => continue,
        };
        classes.push(class);
    }
}

fn is_hex_color(value: &str) -> bool {
    value
        .strip_prefix('#')
        .is_some_and(|hex| hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()))
}

fn is_length(value: &str) -> bool {
    let number = value.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '%');
    !number.is_empty() && number != value && number.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// What a piece of plain text is, for the spaces around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Kind {
    /// A relation (`=`, `≤`, `→`): spaced.
    Relation,
    /// A binary operator (`+`, `−`): spaced, unless it starts a row or follows another
    /// operator (then it is a sign).
    Binary,
    /// `,` and `;`: a space after.
    Punctuation,
    /// A name (`sin`, `log`, `argmax`) or a large operator (`∑`): spaced from letters and
    /// numbers.
    Word,
    /// A space (`\,`, `\quad`).
    Space,
    /// Anything else: letters, numbers, brackets, large operators.
    #[default]
    Other,
}

const RELATIONS: &str = "=<>≤≥≠≈≡∼≃≅∝∈∉∋⊂⊃⊆⊇→←↔⇒⇐⇔↦∣∥⊥⟂:≔";
const BINARY: &str = "+-−±∓×÷·⋅∗∘∪∩∧∨⊕⊗";
const LARGE: &str = "∑∏∐∫∬∭∮⋃⋂⋁⋀⨁⨂";
/// Invisible operators (function application, invisible times…): no text.
const INVISIBLE: &str = "\u{2061}\u{2062}\u{2063}\u{2064}";

/// The plain text of a row of nodes.
fn row_text(nodes: &[Node]) -> String {
    let mut text = String::new();
    let mut previous: Option<Kind> = None;
    for node in nodes {
        let (piece, kind) = node_text(node);
        if piece.is_empty() {
            continue;
        }
        let after_operator = matches!(previous, None | Some(Kind::Relation | Kind::Binary));
        match kind {
            Kind::Relation => text.push_str(&format!(" {piece} ")),
            Kind::Binary if after_operator => text.push_str(&piece),
            Kind::Binary => text.push_str(&format!(" {piece} ")),
            Kind::Punctuation => text.push_str(&format!("{piece} ")),
            Kind::Word => {
                if text.ends_with(|c: char| c.is_alphanumeric()) {
                    text.push(' ');
                }
                text.push_str(&piece);
            }
            Kind::Space => text.push(' '),
            Kind::Other => {
                let starts_alphanumeric = piece.starts_with(|c: char| c.is_alphanumeric());
                if previous == Some(Kind::Word) && starts_alphanumeric {
                    text.push(' ');
                }
                text.push_str(&piece);
            }
        }
        previous = Some(kind);
    }
    text
}

/// The plain text of one node, and its kind.
fn node_text(node: &Node) -> (String, Kind) {
    let children = node.children();
    let child = |index: usize| children.get(index).map(node_text).unwrap_or_default();
    match node {
        Node::Text(text) => return (text.clone(), Kind::Other),
        Node::Element { .. } => {}
    }
    match node.name() {
        "mi" | "mn" | "mo" | "mtext" | "ms" => {
            let text: String = row_text(children)
                .chars()
                .filter(|c| !INVISIBLE.contains(*c))
                .collect();
            let kind = token_kind(node.name(), &text);
            (text, kind)
        }
        "mspace" => {
            let wide = node.attribute("width").is_some_and(|width| {
                width.starts_with(|c: char| c.is_ascii_digit() && c != '0')
                    || width.starts_with("0.")
            });
            (
                if wide { " ".to_owned() } else { String::new() },
                Kind::Space,
            )
        }
        "msup" => scripted(child(0), &child(1).0, true),
        "msub" => scripted(child(0), &child(1).0, false),
        "msubsup" | "munderover" => {
            let base = scripted(child(0), &child(1).0, false);
            scripted(base, &child(2).0, true)
        }
        "munder" | "mover" => {
            let (script, _) = child(1);
            let accent = node.attribute("accent") == Some("true")
                || node.attribute("accentunder") == Some("true");
            if accent {
                accented(child(0), &script)
            } else {
                scripted(child(0), &script, node.name() == "mover")
            }
        }
        "mfrac" => {
            let (numerator, denominator) = (child(0).0, child(1).0);
            let text = if node.attribute("linethickness") == Some("0") {
                format!("{numerator} {denominator}")
            } else {
                format!("{}/{}", grouped(&numerator), grouped(&denominator))
            };
            (text, Kind::Other)
        }
        "msqrt" => (format!("√{}", grouped(&row_text(children))), Kind::Other),
        "mroot" => {
            let index = superscript(&child(1).0).unwrap_or_default();
            (format!("{index}√{}", grouped(&child(0).0)), Kind::Other)
        }
        "mtable" => {
            let rows: Vec<String> = children
                .iter()
                .map(|row| {
                    let cells: Vec<String> = row
                        .children()
                        .iter()
                        .map(|cell| collapse_spaces(&row_text(cell.children())))
                        .filter(|cell| !cell.is_empty())
                        .collect();
                    cells.join(" ")
                })
                .filter(|row| !row.is_empty())
                .collect();
            (rows.join("; "), Kind::Other)
        }
        "mphantom" => (String::new(), Kind::Other),
        _ => {
            let text = row_text(children);
            // A row of one token (an operator in braces) keeps the token's kind.
            let kind = match children {
                [only] => node_text(only).1,
                _ => Kind::Other,
            };
            (text, kind)
        }
    }
}

fn token_kind(element: &str, text: &str) -> Kind {
    let mut characters = text.chars();
    let single = match (characters.next(), characters.next()) {
        (Some(first), None) => Some(first),
        _ => None,
    };
    match single {
        Some(operator) if element == "mo" && RELATIONS.contains(operator) => Kind::Relation,
        Some(operator) if element == "mo" && BINARY.contains(operator) => Kind::Binary,
        Some(',' | ';') if element == "mo" => Kind::Punctuation,
        Some(operator) if LARGE.contains(operator) => Kind::Word,
        _ if text.chars().filter(|c| c.is_alphabetic()).count() > 1 && element != "mtext" => {
            Kind::Word
        }
        _ => Kind::Other,
    }
}

/// `base` with `script` above (`sup`) or below: Unicode's super- and subscript letters when
/// it has them all (`x²`, `aᵢⱼ`), else `^`/`_` and the script, in parentheses when longer
/// than a character (`e^(iπ)`).
fn scripted((base, kind): (String, Kind), script: &str, sup: bool) -> (String, Kind) {
    // Scripts are set tight: `∑_{i=1}` reads `∑ᵢ₌₁`.
    let script: String = script.split_whitespace().collect();
    if script.is_empty() {
        return (base, kind);
    }
    if script.chars().all(|c| "′″‴'".contains(c)) {
        return (format!("{base}{script}"), kind);
    }
    let small = if sup {
        superscript(&script)
    } else {
        subscript(&script)
    };
    let text = match small {
        Some(small) => format!("{base}{small}"),
        None => {
            let mark = if sup { '^' } else { '_' };
            if script.chars().count() > 1 {
                format!("{base}{mark}({script})")
            } else {
                format!("{base}{mark}{script}")
            }
        }
    };
    (text, kind)
}

/// `base` with a combining accent for `accent` (`x̂`), when it is one letter; else the base.
fn accented((base, kind): (String, Kind), accent: &str) -> (String, Kind) {
    let combining = match accent {
        "ˆ" | "^" | "\u{302}" => '\u{302}',
        "˜" | "~" | "\u{303}" => '\u{303}',
        "¯" | "‾" | "\u{304}" | "_" | "\u{332}" => '\u{304}',
        "˙" | "\u{307}" => '\u{307}',
        "¨" | "\u{308}" => '\u{308}',
        "→" | "\u{20d7}" => '\u{20d7}',
        "ˇ" | "\u{30c}" => '\u{30c}',
        "˘" | "\u{306}" => '\u{306}',
        "´" | "\u{301}" => '\u{301}',
        "`" | "\u{300}" => '\u{300}',
        _ => return (base, kind),
    };
    if base.chars().count() == 1 {
        (format!("{base}{combining}"), kind)
    } else {
        (base, kind)
    }
}

/// `text` in parentheses when it has a space or operator outside the brackets it has
/// (`1 + x` but not `n(n + 1)`).
fn grouped(text: &str) -> String {
    let mut depth = 0usize;
    let mut loose = false;
    for character in text.chars() {
        match character {
            '(' | '[' | '{' | '⟨' => depth += 1,
            ')' | ']' | '}' | '⟩' => depth = depth.saturating_sub(1),
            c if depth == 0 && (c == ' ' || RELATIONS.contains(c) || BINARY.contains(c)) => {
                loose = true;
            }
            _ => {}
        }
    }
    if loose && text.chars().count() > 1 {
        format!("({text})")
    } else {
        text.to_owned()
    }
}

const DIGITS_UP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
const DIGITS_DOWN: [char; 10] = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];

/// `text` in superscript letters, when Unicode has each.
fn superscript(text: &str) -> Option<String> {
    text.chars()
        .map(|c| match c {
            '0'..='9' => DIGITS_UP.get(c as usize - '0' as usize).copied(),
            '+' => Some('⁺'),
            '-' | '−' => Some('⁻'),
            '=' => Some('⁼'),
            '(' => Some('⁽'),
            ')' => Some('⁾'),
            'n' => Some('ⁿ'),
            'i' => Some('ⁱ'),
            'x' => Some('ˣ'),
            'T' | '⊤' => Some('ᵀ'),
            '*' | '∗' => Some('*'),
            _ => None,
        })
        .collect()
}

/// `text` in subscript letters, when Unicode has each.
fn subscript(text: &str) -> Option<String> {
    text.chars()
        .map(|c| match c {
            '0'..='9' => DIGITS_DOWN.get(c as usize - '0' as usize).copied(),
            '+' => Some('₊'),
            '-' | '−' => Some('₋'),
            '=' => Some('₌'),
            '(' => Some('₍'),
            ')' => Some('₎'),
            'a' => Some('ₐ'),
            'e' => Some('ₑ'),
            'i' => Some('ᵢ'),
            'j' => Some('ⱼ'),
            'k' => Some('ₖ'),
            'n' => Some('ₙ'),
            'o' => Some('ₒ'),
            't' => Some('ₜ'),
            'x' => Some('ₓ'),
            _ => None,
        })
        .collect()
}

/// Runs of white space as one space, none at the ends.
fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typeset_one(tex: &str, display: bool) -> TypesetFormula {
        let converter = LatexToMathML::new(MathCoreConfig::default())
            .unwrap_or_else(|_| panic!("the typesetter starts"));
        typeset(&converter, tex, display).unwrap_or_else(|error| panic!("{tex}: {error}"))
    }

    #[test]
    fn formulas_read_as_plain_text() {
        let text = |tex: &str| typeset_one(tex, false).text;
        assert_eq!(text("\\sin x"), "sin x");
        assert_eq!(text("e^{i\\pi} + 1 = 0"), "e^(iπ) + 1 = 0");
        assert_eq!(text("x_i^2 + a_{ij}"), "xᵢ² + aᵢⱼ");
        assert_eq!(text("\\frac{n(n+1)}{2}"), "n(n + 1)/2");
        assert_eq!(
            text("\\sigma(x) = \\frac{1}{1 + e^{-x}}"),
            "σ(x) = 1/(1 + e⁻ˣ)"
        );
        assert_eq!(text("O(n \\log n)"), "O(n log n)");
        assert_eq!(text("\\mathbb{R}^n"), "ℝⁿ");
        assert_eq!(text("\\hat{\\theta}"), "θ\u{302}");
        assert_eq!(text("\\sqrt{b^2 - 4ac}"), "√(b² − 4ac)");
        assert_eq!(
            text("\\mathcal{L}(\\theta) = -\\sum_{i} y_i \\log \\hat{y}_i"),
            "ℒ\u{fe00}(θ) = −∑ᵢ yᵢ log y\u{302}ᵢ"
        );
    }

    #[test]
    fn mathml_keeps_no_style_attribute_and_no_link() {
        let aligned = typeset_one(
            "\\begin{aligned} f(x) &= x^2 \\\\ &= \\color{red}{y} \\end{aligned}",
            true,
        );
        assert!(!aligned.mathml.contains(" style="), "{}", aligned.mathml);
        assert!(
            aligned.mathml.contains("<mtd class=\"mr pr0\">"),
            "{}",
            aligned.mathml
        );
        let text = typeset_one("\\text{<script>alert(1)</script> \"} < 1", false);
        assert!(
            text.mathml.contains(
                "<mtext>&lt;script&gt;alert(1)&lt;/script&gt;\u{a0}”</mtext><mo>&lt;</mo>"
            ),
            "{}",
            text.mathml
        );
    }

    #[test]
    fn a_formula_too_deep_for_the_stack_is_typeset_or_refused_not_a_crash() {
        let deep = format!("{}x{}", "\\frac{1}{".repeat(1500), "}".repeat(1500));
        let results = typeset_all(vec![(deep, true), ("{".repeat(20_000), false)]);
        assert_eq!(results.len(), 2);
        assert!(results.iter().all(|result| match result {
            Ok(formula) => formula.mathml.starts_with("<math"),
            Err(message) => !message.is_empty(),
        }));
    }
}
