//! Math: whether a page typesets TeX, where its formulas are (`$…$`, `$$…$$` and Hugo's
//! passthrough pairs such as `\(…\)` and `\[…\]`), and how the build hands their MathML to the
//! browser: it writes each formula into the page's Markdown as a call of [`MATH_CALL`] holding
//! the finished MathML, which the shortcode stage turns into trusted HTML, natively and in the
//! browser alike. So no TeX engine is in the wasm, and nothing about math but that call and
//! [`super::html::formula_text`] (a formula in a heading reads as its plain text).
//!
//! Math is on for a page when the site enables Hugo's goldmark passthrough extension (its
//! delimiters, content passed through as written), or when the page's or the site's `math`
//! param is true (PaperMod's switch for KaTeX): then `$…$` and `$$…$$`, with the content as
//! Markdown left it for KaTeX (backslash escapes undone: authors wrote `\\\\` for a line
//! break). The typesetting itself is the build's (`blogreader_site::math_typeset`).

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::Value;

use super::html::{escape_html, formula_text, is_block};
use super::raw_string::raw_string_value;
use super::site::{PageEntry, Site, find_key};

/// The call the build writes in place of a formula: its one raw-string argument is the
/// formula's MathML, trusted only where the build wrote it (see
/// [`super::site::SiteConfig::trust_math_calls`]).
pub const MATH_CALL: &str = "blogtool.math";

/// What an author's own [`MATH_CALL`] becomes before the build reads the page: an unknown
/// shortcode (same length, so no offset moves), never trusted HTML.
const NEUTRAL_CALL: &str = "blogtool_math";

/// The delimiters of Hugo's `markup.goldmark.extensions.passthrough` in the config's `markup`
/// table, when enabled: (opening, closing, `inline` or `block`) for each pair, in one list. A
/// pair that is not two strings is left out.
pub fn passthrough_delimiters(markup: &Value) -> Vec<String> {
    let Some(settings) = find_key(markup, &["goldmark", "extensions", "passthrough"]) else {
        return Vec::new();
    };
    if find_key(settings, &["enable"]).and_then(Value::as_bool) != Some(true) {
        return Vec::new();
    }
    let mut delimiters = Vec::new();
    for kind in [INLINE, BLOCK] {
        let list = find_key(settings, &["delimiters", kind]).and_then(Value::as_array);
        for pair in list.into_iter().flatten() {
            if let Some([Some(open), Some(close)]) = pair
                .as_array()
                .map(|pair| pair.iter().map(Value::as_str).collect::<Vec<_>>())
                .and_then(|pair| <[Option<&str>; 2]>::try_from(pair).ok())
            {
                delimiters.extend([open.to_owned(), close.to_owned(), kind.to_owned()]);
            }
        }
    }
    delimiters
}

const INLINE: &str = "inline";
const BLOCK: &str = "block";

/// How a page writes its formulas.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MathSyntax {
    /// `$…$` is inline math.
    dollar: bool,
    /// `$$…$$` is display math.
    double_dollar: bool,
    /// The other pairs (`\(…\)`, `\[…\]`), each delimiter two ASCII bytes, and whether the
    /// pair displays.
    pairs: Vec<(String, String, bool)>,
    /// Markdown's backslash escapes are undone inside a formula.
    unescape: bool,
}

/// How `page` writes math; `None` when math is off for it.
pub fn syntax(site: &Site, page: &PageEntry) -> Option<MathSyntax> {
    let passthrough = &site.config().passthrough;
    if !passthrough.is_empty() {
        let mut syntax = MathSyntax::default();
        let is_pair = |delimiter: &str| {
            delimiter.len() == 2 && delimiter.is_ascii() && !delimiter.contains('$')
        };
        for triple in passthrough.chunks(3) {
            let [open, close, kind] = triple else {
                continue;
            };
            match (open.as_str(), close.as_str()) {
                ("$", "$") => syntax.dollar = true,
                ("$$", "$$") => syntax.double_dollar = true,
                (open, close) if is_pair(open) && is_pair(close) => {
                    syntax
                        .pairs
                        .push((open.to_owned(), close.to_owned(), kind == BLOCK));
                }
                _ => {}
            }
        }
        return Some(syntax);
    }
    let on = page
        .param(site, "math")
        .is_some_and(|value| value == "true");
    on.then(|| MathSyntax {
        dollar: true,
        double_dollar: true,
        pairs: Vec::new(),
        unescape: true,
    })
}

/// The parser options for finding formulas: pulldown-cmark's math (it parses `$…$` and
/// `$$…$$`; the other pairs are rewritten as `$$…$$`, see [`mark_pairs`]).
fn options() -> Options {
    super::markdown::options() | Options::ENABLE_MATH
}

/// A text whose passthrough pairs were rewritten for the parser.
struct MarkedPairs {
    text: String,
    /// Where each rewritten pair starts, and whether it displays; in order.
    starts: Vec<(usize, bool)>,
}

/// Rewrites each passthrough pair of `text` (`\(…\)`) as `$$…$$`, byte for byte, so the
/// parser reads it as math with no Markdown inside and every offset stays. A pair counts
/// where goldmark's passthrough finds one: opened in text (not code, not an escaped
/// `\\(`), closed by the first closing delimiter in the same block; its content must be what
/// the parser takes for math (not empty, no `$`, braces balanced). `None` when there is none.
fn mark_pairs(text: &str, syntax: &MathSyntax) -> Option<MarkedPairs> {
    if !syntax
        .pairs
        .iter()
        .any(|(open, _, _)| text.contains(open.as_str()))
    {
        return None;
    }
    let bytes = text.as_bytes();
    // Each delimiter found in the parser's text, with the block it is in.
    let mut found: Vec<(usize, usize)> = Vec::new();
    let mut block = 0;
    let mut in_code = false;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(tag) if is_block(tag.to_end()) => block += 1,
            Event::End(tag) if is_block(tag) => block += 1,
            // An escaped character's text starts after its backslash.
            Event::Text(_) if !in_code => {
                for at in range.start.saturating_sub(1)..range.end {
                    let delimiter = text.get(at..at + 2).unwrap_or("");
                    let is_delimiter = syntax
                        .pairs
                        .iter()
                        .any(|(open, close, _)| delimiter == open || delimiter == close);
                    let in_text = at >= range.start || delimiter.starts_with('\\');
                    if is_delimiter && in_text && at + 1 >= range.start && !is_escaped(bytes, at) {
                        found.push((at, block));
                    }
                }
            }
            _ => {}
        }
    }
    found.dedup();
    let mut starts = Vec::new();
    let mut marked = bytes.to_vec();
    // The open pair: where it starts, its closing delimiter, whether it displays, its block.
    let mut open: Option<(usize, &str, bool, usize)> = None;
    for (at, block) in found {
        let delimiter = text.get(at..at + 2).unwrap_or("");
        if let Some((start, close, display, open_block)) = open
            && open_block == block
        {
            if delimiter == close {
                open = None;
                if is_math_content(bytes, start, at) {
                    starts.push((start, display));
                    for index in [start, start + 1, at, at + 1] {
                        if let Some(byte) = marked.get_mut(index) {
                            *byte = b'$';
                        }
                    }
                }
            }
            continue;
        }
        open = syntax
            .pairs
            .iter()
            .find(|(open, _, _)| delimiter == open)
            .map(|(_, close, display)| (at, close.as_str(), *display, block));
    }
    if starts.is_empty() {
        return None;
    }
    // Only ASCII delimiters were replaced by ASCII: the text is still UTF-8.
    let text = String::from_utf8(marked).ok()?;
    Some(MarkedPairs { text, starts })
}

/// Whether the byte at `at` follows an odd run of backslashes (`\\\(`): it is escaped.
fn is_escaped(bytes: &[u8], at: usize) -> bool {
    let before = bytes.get(..at).unwrap_or_default();
    before
        .iter()
        .rev()
        .take_while(|byte| **byte == b'\\')
        .count()
        % 2
        == 1
}

/// Whether the pair opened at `start` and closed at `end` holds what the parser takes for
/// math between `$$` and `$$`: some content, no `$` in it or beside the pair, and braces
/// that balance (escaped ones aside).
fn is_math_content(bytes: &[u8], start: usize, end: usize) -> bool {
    let content = bytes.get(start + 2..end).unwrap_or_default();
    let beside_dollar = start
        .checked_sub(1)
        .and_then(|before| bytes.get(before))
        .is_some_and(|byte| *byte == b'$')
        || bytes.get(end + 2).is_some_and(|byte| *byte == b'$');
    let mut depth = 0usize;
    for (index, byte) in content.iter().enumerate() {
        let escaped = is_escaped(bytes, start + 2 + index);
        match byte {
            b'$' => return false,
            b'{' if !escaped => depth += 1,
            b'}' if !escaped => match depth.checked_sub(1) {
                Some(less) => depth = less,
                None => return false,
            },
            _ => {}
        }
    }
    !content.is_empty() && !beside_dollar && depth == 0
}

/// The formula a math event of the parser stands for, as (TeX, display); `None` when its
/// delimiters are no math on this page (it is then the text as written). `starts` are the
/// rewritten pairs of [`mark_pairs`].
fn formula(
    event: &Event<'_>,
    range: &Range<usize>,
    syntax: &MathSyntax,
    starts: &[(usize, bool)],
) -> Option<(String, bool)> {
    let (tex, parsed_display) = match event {
        Event::InlineMath(tex) => (tex, false),
        Event::DisplayMath(tex) => (tex, true),
        _ => return None,
    };
    let display = match starts.binary_search_by_key(&range.start, |(start, _)| *start) {
        Ok(index) => starts.get(index).is_some_and(|(_, display)| *display),
        Err(_) if parsed_display && syntax.double_dollar => true,
        Err(_) if !parsed_display && syntax.dollar => false,
        Err(_) => return None,
    };
    if syntax.unescape {
        // KaTeX finds formulas in the text of one element: `$5 … \`$x$\`` is a price and
        // code, not a formula holding a backtick.
        if tex.contains('`') {
            return None;
        }
        return Some((unescape(tex.trim()), display));
    }
    Some((tex.trim().to_owned(), display))
}

/// `text` with CommonMark's backslash escapes undone: a backslash before ASCII punctuation
/// goes, any other stays.
fn unescape(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut characters = text.chars().peekable();
    while let Some(character) = characters.next() {
        match characters.peek() {
            Some(next) if character == '\\' && next.is_ascii_punctuation() => {
                plain.push(*next);
                characters.next();
            }
            _ => plain.push(character),
        }
    }
    plain
}

/// A formula of a text: its TeX, whether it displays, and where it is written (delimiters
/// included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formula {
    pub tex: String,
    pub display: bool,
    pub range: Range<usize>,
}

/// Every formula of `text` (Markdown written with `syntax`), in order; none inside the tag of
/// a shortcode call (`{{< figure caption="$x$" >}}`: the call's text is not Markdown).
pub fn formulas(text: &str, syntax: &MathSyntax) -> Vec<Formula> {
    let marked = mark_pairs(text, syntax);
    let (parsed, starts) = match &marked {
        Some(marked) => (marked.text.as_str(), marked.starts.as_slice()),
        None => (text, &[][..]),
    };
    let tags = call_tags(text);
    let mut tags = tags.iter().peekable();
    let mut found = Vec::new();
    for (event, range) in Parser::new_ext(parsed, options()).into_offset_iter() {
        let Some((tex, display)) = formula(&event, &range, syntax, starts) else {
            continue;
        };
        while tags.next_if(|tag| tag.end <= range.start).is_some() {}
        if tags.peek().is_some_and(|tag| tag.start < range.end) {
            continue;
        }
        found.push(Formula {
            tex,
            display,
            range,
        });
    }
    found
}

/// Where the tags of shortcode calls are in `text` (`{{< … >}}`, `{{% … %}}`), in order.
pub(crate) fn call_tags(text: &str) -> Vec<Range<usize>> {
    let mut tags = Vec::new();
    let mut from = 0;
    while let Some(start) = text
        .get(from..)
        .and_then(|rest| rest.find("{{"))
        .map(|at| from + at)
    {
        let close = match text.get(start + 2..start + 3) {
            Some("<") => ">}}",
            Some("%") => "%}}",
            _ => {
                from = start + 2;
                continue;
            }
        };
        let Some(length) = text.get(start + 3..).and_then(|rest| rest.find(close)) else {
            break;
        };
        let end = start + 3 + length + close.len();
        tags.push(start..end);
        from = end;
    }
    tags
}

/// `text` (a page's Markdown) with each formula written as a call of [`MATH_CALL`] holding its
/// MathML from `mathml` (by TeX and display); a formula it has none for stays as written.
/// The call keeps the formula's line breaks, so every later line keeps its number for the
/// build's messages. `None` when nothing was rewritten.
pub fn write_calls(
    text: &str,
    syntax: &MathSyntax,
    mut mathml: impl FnMut(&str, bool) -> Option<String>,
) -> Option<String> {
    let mut rewritten = String::with_capacity(text.len());
    let mut done = 0;
    for formula in formulas(text, syntax) {
        let Some(mathml) = mathml(&formula.tex, formula.display) else {
            continue;
        };
        let written = text.get(formula.range.clone()).unwrap_or_default();
        let line_breaks = "\n".repeat(written.matches('\n').count());
        let value = raw_string_value(&mathml);
        rewritten.push_str(text.get(done..formula.range.start).unwrap_or_default());
        rewritten.push_str(&format!("{{{{< {MATH_CALL} `{value}` {line_breaks}>}}}}"));
        done = formula.range.end;
    }
    if done == 0 {
        return None;
    }
    rewritten.push_str(text.get(done..).unwrap_or_default());
    Some(rewritten)
}

/// `text` with any [`MATH_CALL`] an author wrote made an unknown shortcode: only the build
/// writes trusted MathML.
pub fn neutralize_calls(text: &str) -> Cow<'_, str> {
    if text.contains(MATH_CALL) {
        Cow::Owned(text.replace(MATH_CALL, NEUTRAL_CALL))
    } else {
        Cow::Borrowed(text)
    }
}

/// `html` (a summary) with each formula's MathML as its plain text: cards and feeds show
/// text. (Only the build writes `<math`: author HTML cannot hold it.)
pub fn summary_text(html: &str) -> String {
    const END: &str = "</math>";
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<math") {
        let element = rest.get(start..).unwrap_or_default();
        let Some(length) = element.find(END).map(|end| end + END.len()) else {
            break;
        };
        text.push_str(rest.get(..start).unwrap_or_default());
        let plain = formula_text(element).unwrap_or_default();
        text.push_str(&escape_html(&plain));
        rest = element.get(length..).unwrap_or_default();
    }
    text.push_str(rest);
    text
}

/// `text` (a title, or the text of a summary) with each formula as its plain text from
/// `plain` (by TeX and display); the rest as written.
pub fn plain_text(
    text: &str,
    syntax: &MathSyntax,
    mut plain: impl FnMut(&str, bool) -> Option<String>,
) -> String {
    let mut written = String::with_capacity(text.len());
    let mut done = 0;
    for formula in formulas(text, syntax) {
        if let Some(plain) = plain(&formula.tex, formula.display) {
            written.push_str(text.get(done..formula.range.start).unwrap_or_default());
            written.push_str(&plain);
            done = formula.range.end;
        }
    }
    written.push_str(text.get(done..).unwrap_or_default());
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dollars() -> MathSyntax {
        MathSyntax {
            dollar: true,
            double_dollar: true,
            pairs: Vec::new(),
            unescape: true,
        }
    }

    fn hugo_docs_passthrough() -> MathSyntax {
        MathSyntax {
            dollar: false,
            double_dollar: true,
            pairs: vec![
                ("\\(".into(), "\\)".into(), false),
                ("\\[".into(), "\\]".into(), true),
            ],
            unescape: false,
        }
    }

    fn found(text: &str, syntax: &MathSyntax) -> Vec<(String, bool)> {
        formulas(text, syntax)
            .into_iter()
            .map(|formula| (formula.tex, formula.display))
            .collect()
    }

    fn math(tex: &str, display: bool) -> (String, bool) {
        (tex.to_owned(), display)
    }

    #[test]
    fn dollars_make_inline_and_display_math_and_prices_stay_text() {
        let syntax = dollars();
        assert_eq!(
            found("The $\\sin x$ and $$\\int_0^1 f$$.", &syntax),
            [math("\\sin x", false), math("\\int_0^1 f", true)]
        );
        assert_eq!(found("It costs $5 and $10 a month.", &syntax), []);
        assert_eq!(found("It costs $10 and `$x$` is code.", &syntax), []);
        assert_eq!(found("In code: `$x$`.\n\n    $y$\n", &syntax), []);
    }

    #[test]
    fn formulas_in_a_shortcode_tag_are_its_arguments() {
        let text = "{{< figure caption=\"$x$\" >}} and $y$ {{% details %}}$z${{% /details %}}";
        assert_eq!(
            found(text, &dollars()),
            [math("y", false), math("z", false)]
        );
    }

    #[test]
    fn markdown_escapes_are_undone_as_katex_read_them_after_goldmark() {
        // PaperMod authors wrote `\\\\` for TeX's `\\` and `\_` for `_`.
        assert_eq!(
            found(
                "$$\\begin{pmatrix} a \\\\\\\\ b \\end{pmatrix}$$ and $x\\_1$",
                &dollars()
            ),
            [
                math("\\begin{pmatrix} a \\\\ b \\end{pmatrix}", true),
                math("x_1", false)
            ]
        );
    }

    #[test]
    fn passthrough_pairs_are_math_as_written_outside_code() {
        let syntax = hugo_docs_passthrough();
        assert_eq!(
            found(
                "Inline \\(a*b*c \\\\ d\\), display \\[x_1\\], $$y$$; $z$ stays.",
                &syntax
            ),
            [
                math("a*b*c \\\\ d", false),
                math("x_1", true),
                math("y", true)
            ]
        );
        assert_eq!(
            found("`\\(x\\)` and an escaped \\\\(y\\\\)", &syntax),
            [],
            "code and an escaped opener are text"
        );
        assert_eq!(
            found(
                "\\[\n\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}\n\\]",
                &syntax
            ),
            [math(
                "\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}",
                true
            )]
        );
        // A pair stays inside its paragraph: a closer in the next one closes nothing.
        assert_eq!(found("\\(x\n\ny\\)", &syntax), []);
    }

    #[test]
    fn a_rewritten_pair_keeps_every_offset() {
        let text = "a \\(x\\) b `\\(c\\)`";
        let marked = mark_pairs(text, &hugo_docs_passthrough());
        let marked = marked.map(|marked| (marked.text, marked.starts));
        assert_eq!(
            marked,
            Some(("a $$x$$ b `\\(c\\)`".to_owned(), vec![(2, false)]))
        );
    }

    #[test]
    fn calls_replace_formulas_and_keep_their_line_breaks() {
        let text = "A $x$ and\n$$\ny%\n$$\nend $5.";
        let written = write_calls(text, &dollars(), |tex, display| {
            (tex != "x").then(|| format!("<math display={display}>{tex}`</math>"))
        });
        assert_eq!(
            written.as_deref(),
            Some(
                "A $x$ and\n{{< blogtool.math `<math display=true>y%25%60</math>` \n\n>}}\nend $5."
            )
        );
        assert_eq!(write_calls("No formula.", &dollars(), |_, _| None), None);
    }

    #[test]
    fn an_authors_own_math_call_is_neutralized() {
        assert_eq!(
            neutralize_calls("{{< blogtool.math `<b>x</b>` >}}"),
            "{{< blogtool_math `<b>x</b>` >}}"
        );
        assert!(matches!(neutralize_calls("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn titles_and_summaries_get_the_plain_text_of_their_formulas() {
        let plain = |tex: &str, _| (tex == "\\sin x").then(|| "sin x".to_owned());
        assert_eq!(
            plain_text("Why $\\sin x$ *waves* for $5", &dollars(), plain),
            "Why sin x *waves* for $5"
        );
        assert_eq!(
            summary_text("<p>A <math alttext=\"x &lt; y\"><mi>x</mi></math>.</p>"),
            "<p>A x &lt; y.</p>"
        );
    }

    #[test]
    fn passthrough_settings_are_read_from_the_markup_table() {
        let markup: Value = serde_json::json!({"goldmark": {"extensions": {"passthrough": {
            "enable": true,
            "delimiters": {"block": [["\\[", "\\]"], ["$$", "$$"]], "inline": [["\\(", "\\)"]]}
        }}}});
        assert_eq!(
            passthrough_delimiters(&markup),
            [
                "\\(", "\\)", "inline", "\\[", "\\]", "block", "$$", "$$", "block"
            ]
        );
        let disabled = serde_json::json!({"goldmark": {"extensions": {"passthrough": {}}}});
        assert_eq!(passthrough_delimiters(&disabled), Vec::<String>::new());
    }
}
