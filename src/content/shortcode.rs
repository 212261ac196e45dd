//! Shortcodes: finding `{{< name args >}}` / `{{% name args %}}` calls in the raw Markdown and
//! replacing them with their output before Markdown is parsed (so `({{< relref "x" >}})` is a
//! link destination by the time the Markdown parser sees it).
//!
//! 1. Scan for `{{<` / `{{%`; `{{</* x */>}}` is an escape that outputs the call as text.
//! 2. Read the call: optional `/` (a closing tag), the name, positional or named arguments
//!    (quoted "…", raw `…` or bare), across lines, up to `/>}}` or `>}}` (`%}}`).
//! 3. Expand: `ref` and `relref` become the target URL, `param` the page's or site's param;
//!    `figure`, `youtube`, `vimeo`, `x`,
//!    `tweet` and the paired `details` (inner Markdown, its shortcodes expanded) and
//!    `highlight` become HTML ([`super::builtin`]), with `{{< >}}` and `{{% %}}` alike; an
//!    unknown shortcode becomes a visible notice (its closing tag, when it has one, is dropped
//!    and the inner text kept).
//! 4. That HTML and the notices are trusted: the text carries a private marker that the
//!    Markdown stage turns into the HTML (raw HTML written by the author is still omitted).
//!
//! Every problem is a [`Finding`] at a byte offset of the input; [`Expansion::source_offset`]
//! maps offsets of the output back to the input for the later stages.

use std::collections::HashMap;

use super::builtin::{self, Args};
use super::error::{DiagnosticKind, Finding, Severity};
use super::links::{self, LinkError};
use super::markdown::{self, ImageSource, escape_html};
use super::site::{PageEntry, ParamIndex, Site};

/// The text with every shortcode call replaced, and what was found on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    pub text: String,
    /// Problems, at byte offsets of the input text.
    pub findings: Vec<Finding>,
    /// The HTML each marker in `text` stands for (the Markdown stage writes it in their place).
    pub trusted_html: Vec<String>,
    /// The images of that HTML (a `figure`'s), at offsets of the input text.
    pub images: Vec<ImageSource>,
    /// Replaced ranges, in order: (input start, input end, output start, output end).
    edits: Vec<(usize, usize, usize, usize)>,
    /// How deep inside paired calls' inner content this text is.
    depth: usize,
}

/// Paired calls nested deeper than this are reported instead of expanded (no stack overflow).
const MAX_DEPTH: usize = 16;

impl Expansion {
    /// The input offset that produced byte `output_offset` of the expanded text: inside a
    /// replacement that is the start of the call it replaced.
    pub fn source_offset(&self, output_offset: usize) -> usize {
        let edits_before = self
            .edits
            .partition_point(|(_, _, output_start, _)| *output_start <= output_offset);
        let before = edits_before
            .checked_sub(1)
            .and_then(|last| self.edits.get(last));
        match before {
            None => output_offset,
            Some(&(input_start, _, _, output_end)) if output_offset < output_end => input_start,
            Some(&(_, input_end, _, output_end)) => input_end + (output_offset - output_end),
        }
    }
}

/// The page's and the site's params by name, indexed at a text's first `param` call (to find
/// what [`PageEntry::param`] finds, in log time per call).
type ParamIndexes = Option<(ParamIndex, ParamIndex)>;

/// A parsed call.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Call {
    start: usize,
    end: usize,
    name: String,
    /// `{{< /name >}}`.
    closing: bool,
    /// `{{< name />}}`.
    self_closing: bool,
    /// `{{% name %}}`: the output is Markdown.
    markdown_style: bool,
    positional: Vec<String>,
    named: Vec<(String, String)>,
    /// Where each named value's text starts in the input, in the order of `named`.
    named_at: Vec<usize>,
}

/// What is at a `{{<` / `{{%`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Scanned {
    Call(Call),
    /// `{{</* x */>}}`: the text to output and where the escape ends.
    Escape {
        text: String,
        end: usize,
    },
    /// Not a readable call; `kind` says why.
    Broken {
        kind: DiagnosticKind,
    },
}

/// Expands every shortcode call in `text`, the body of `page`.
pub fn expand(text: &str, site: &Site, page: &PageEntry) -> Expansion {
    expand_at(text, site, page, 0)
}

fn expand_at(text: &str, site: &Site, page: &PageEntry, depth: usize) -> Expansion {
    // Authors cannot write markers: the private-use characters are replaced (same length, so
    // offsets do not move).
    let text = markdown::without_marker_characters(text);
    let mut expansion = Expansion {
        text: String::with_capacity(text.len()),
        findings: Vec::new(),
        trusted_html: Vec::new(),
        images: Vec::new(),
        edits: Vec::new(),
        depth,
    };
    let items = scan_all(&text);
    let closing_of = closing_indices(&items);
    let dropped = closings_of_unknown_shortcodes(&items, &closing_of);
    let mut param_indexes = None;
    let mut position = 0;
    let mut index = 0;
    while let Some((start, item)) = items.get(index) {
        let start = *start;
        let current = index;
        index += 1;
        expansion
            .text
            .push_str(text.get(position..start).unwrap_or(""));
        position = item_end(start, item);
        match item.clone() {
            Scanned::Escape { text: shown, end } => expansion.replace(start, end, &shown),
            Scanned::Broken { kind } => {
                let notice = expansion.notice(&kind);
                expansion.findings.push(Finding {
                    offset: start,
                    severity: Severity::Warning,
                    kind,
                });
                // Only the delimiter is replaced: the rest shows as text.
                expansion.replace(start, position, &notice);
            }
            Scanned::Call(call) if takes_inner(&call) => {
                let Some(closing) = closing_of.get(current).copied().flatten() else {
                    let kind = DiagnosticKind::UnterminatedShortcode {
                        name: call.name.clone(),
                    };
                    let notice = expansion.problem(&call, kind);
                    expansion.replace(call.start, call.end, &notice);
                    continue;
                };
                let (closing_start, closing_end) = match items.get(closing) {
                    Some((closing_start, item)) => (*closing_start, item_end(*closing_start, item)),
                    None => (call.end, call.end),
                };
                let inner = text.get(call.end..closing_start).unwrap_or("");
                let output = expansion.paired(&call, inner, site, page);
                expansion.replace(call.start, closing_end, &output);
                position = closing_end;
                index = closing + 1;
            }
            Scanned::Call(call) => {
                let output = if dropped.get(current).copied().unwrap_or(false) {
                    String::new()
                } else {
                    expansion.output(&call, site, page, &mut param_indexes)
                };
                expansion.replace(call.start, call.end, &output);
            }
        }
    }
    expansion.text.push_str(text.get(position..).unwrap_or(""));
    expansion
}

impl Expansion {
    /// Appends `output` in place of input `start..end` and records the edit.
    fn replace(&mut self, start: usize, end: usize, output: &str) {
        let output_start = self.text.len();
        self.text.push_str(output);
        self.edits.push((start, end, output_start, self.text.len()));
    }

    /// A marker that stands for `html`.
    fn trusted(&mut self, html: String) -> String {
        self.trusted_html.push(html);
        markdown::trusted_marker(self.trusted_html.len() - 1)
    }

    /// A marker for a visible notice saying what `kind` says.
    fn notice(&mut self, kind: &DiagnosticKind) -> String {
        self.trusted(format!(
            "<span class=\"shortcode-error\">{}</span>",
            escape_html(&kind.message())
        ))
    }

    /// A [`Self::problem`] of kind `BadShortcode`.
    fn bad(&mut self, call: &Call, message: &str) -> String {
        let kind = DiagnosticKind::BadShortcode {
            name: call.name.clone(),
            message: message.to_owned(),
        };
        self.problem(call, kind)
    }

    /// A call that cannot be expanded: a warning, and a notice where it stood, so the rest
    /// of the page still renders.
    fn problem(&mut self, call: &Call, kind: DiagnosticKind) -> String {
        let notice = self.notice(&kind);
        self.findings.push(Finding {
            offset: call.start,
            severity: Severity::Warning,
            kind,
        });
        notice
    }

    /// What a call expands to.
    fn output(
        &mut self,
        call: &Call,
        site: &Site,
        page: &PageEntry,
        param_indexes: &mut ParamIndexes,
    ) -> String {
        if call.closing {
            let kind = DiagnosticKind::BadShortcode {
                name: call.name.clone(),
                message: "closing tag without an opening one".to_owned(),
            };
            return self.problem(call, kind);
        }
        if !call.named.is_empty() && !call.positional.is_empty() {
            return self.bad(call, "positional and named parameters cannot be mixed");
        }
        let args = Args {
            named: &call.named,
            positional: &call.positional,
        };
        let html = match call.name.as_str() {
            "ref" | "relref" => return self.reference(call, site, page),
            "figure" => {
                let (html, src) = builtin::figure(&args, site, page);
                if !src.is_empty() {
                    // Placed where its `src` is written.
                    let named = call.named.iter().position(|(key, _)| key == "src");
                    let offset = named.and_then(|index| call.named_at.get(index));
                    self.images.push(ImageSource {
                        src,
                        offset: offset.copied().unwrap_or(call.start),
                    });
                }
                Some(html)
            }
            "youtube" | "vimeo" => builtin::video(&args, call.name == "youtube"),
            "x" | "tweet" => builtin::x_post(&args),
            "param" => return self.param(call, site, page, param_indexes),
            // `{{< details />}}`, `{{< highlight go />}}`: no inner content.
            "details" | "highlight" => return self.paired(call, "", site, page),
            // Hugo has many more (and sites add their own): not fatal, shown and reported.
            _ => {
                let kind = DiagnosticKind::UnknownShortcode {
                    name: call.name.clone(),
                };
                return self.problem(call, kind);
            }
        };
        match html {
            Some(html) => self.trusted(html),
            None => self.bad(call, "needs a valid id (and user), as id=\"…\""),
        }
    }

    /// `param "key"`: the page's param, else the site's; as Markdown in `{{% %}}`, as text in
    /// `{{< >}}`.
    fn param(
        &mut self,
        call: &Call,
        site: &Site,
        page: &PageEntry,
        param_indexes: &mut ParamIndexes,
    ) -> String {
        let key = call.positional.first().map_or("", String::as_str);
        let (page_order, site_order) = param_indexes.get_or_insert_with(|| {
            (
                ParamIndex::of(&page.params),
                ParamIndex::of(&site.config.params),
            )
        });
        let value = page_order
            .find(&page.params, key)
            .or_else(|| site_order.find(&site.config.params, key));
        match value {
            Some(value) if call.markdown_style => value.to_owned(),
            Some(value) => self.trusted(escape_html(value)),
            None => self.bad(call, &format!("param \"{key}\" not found")),
        }
    }

    /// A paired call with its inner text (which starts right after the call).
    fn paired(&mut self, call: &Call, inner: &str, site: &Site, page: &PageEntry) -> String {
        if !call.named.is_empty() && !call.positional.is_empty() {
            return self.bad(call, "positional and named parameters cannot be mixed");
        }
        let args = Args {
            named: &call.named,
            positional: &call.positional,
        };
        let html = if call.name == "highlight" {
            builtin::highlight(&args, inner)
        } else if self.depth >= MAX_DEPTH {
            return self.bad(call, "nested too deeply");
        } else {
            let inner_html = self.render_inner(inner, call.end, site, page);
            builtin::details(&args, site, page, &inner_html)
        };
        self.trusted(html)
    }

    /// Inner content as Markdown, its shortcodes expanded; its problems are ours, placed at
    /// `inner_start` on.
    fn render_inner(
        &mut self,
        inner: &str,
        inner_start: usize,
        site: &Site,
        page: &PageEntry,
    ) -> String {
        let nested = expand_at(inner, site, page, self.depth + 1);
        let rendered = builtin::render_markdown(site, page, &nested.text, &nested.trusted_html);
        let at = |finding: Finding, offset: usize| Finding {
            offset: inner_start + offset,
            ..finding
        };
        for finding in &nested.findings {
            self.findings.push(at(finding.clone(), finding.offset));
        }
        for finding in rendered.findings {
            let offset = nested.source_offset(finding.offset);
            self.findings.push(at(finding, offset));
        }
        let images = nested
            .images
            .iter()
            .cloned()
            .chain(rendered.images.into_iter().map(|image| ImageSource {
                offset: nested.source_offset(image.offset),
                ..image
            }));
        self.images.extend(images.map(|image| ImageSource {
            offset: inner_start + image.offset,
            ..image
        }));
        rendered.html
    }

    /// `ref`/`relref`: the target's URL (`ref` with the site's base URL); a missing or
    /// ambiguous target is reported and gives the URL it would have had.
    fn reference(&mut self, call: &Call, site: &Site, page: &PageEntry) -> String {
        let path = call
            .named
            .iter()
            .find(|(key, _)| key == "path")
            .map(|(_, value)| value)
            .or(call.positional.first());
        let Some(path) = path else {
            let kind = DiagnosticKind::BadShortcode {
                name: call.name.clone(),
                message: "needs a page path, as the first parameter or path=\"…\"".to_owned(),
            };
            return self.problem(call, kind);
        };
        let url = match links::resolve(path, &page.source, site) {
            Ok(url) => url,
            Err(error) => {
                let reference = path.clone();
                let (kind, guessed_url) = match error {
                    LinkError::NotFound { guessed_url } => {
                        (DiagnosticKind::RefNotFound { reference }, guessed_url)
                    }
                    LinkError::Ambiguous { guessed_url } => {
                        (DiagnosticKind::AmbiguousRef { reference }, guessed_url)
                    }
                };
                self.findings.push(Finding {
                    offset: call.start,
                    severity: Severity::Warning,
                    kind,
                });
                guessed_url
            }
        };
        if call.name == "ref" && url.starts_with('/') {
            format!("{}{url}", site.config.base_origin())
        } else {
            url
        }
    }
}

/// Shortcodes this reader expands.
fn is_builtin(name: &str) -> bool {
    matches!(
        name,
        "ref" | "relref" | "figure" | "youtube" | "vimeo" | "x" | "tweet" | "param"
    ) || matches!(name, "details" | "highlight")
}

/// An opening call of a built-in shortcode that takes inner content.
fn takes_inner(call: &Call) -> bool {
    !call.closing && !call.self_closing && matches!(call.name.as_str(), "details" | "highlight")
}

/// No call of a name is open.
const NONE_OPEN: usize = usize::MAX;

/// For each item that is an opening call, the index of the closing call that pairs with it:
/// the first later closing call of its name with as many openings as closings of that name
/// between them (self-closing calls are neither). One pass, with a stack of open calls per
/// name.
fn closing_indices(items: &[(usize, Scanned)]) -> Vec<Option<usize>> {
    let mut closing_of = vec![None; items.len()];
    // The innermost open call of each name (`NONE_OPEN` once all are closed), and for each
    // open call the one of its name that it is inside.
    let mut innermost: HashMap<String, usize> = HashMap::new();
    let mut enclosing: Vec<Option<usize>> = vec![None; items.len()];
    for (index, (_, item)) in items.iter().enumerate() {
        let Scanned::Call(call) = item else {
            continue;
        };
        if call.self_closing {
            continue;
        }
        if !call.closing {
            let outer = innermost.insert(call.name.clone(), index);
            if let Some(slot) = enclosing.get_mut(index) {
                *slot = outer.filter(|outer| *outer != NONE_OPEN);
            }
        } else if let Some(innermost) = innermost
            .get_mut(&call.name)
            .filter(|opening| **opening != NONE_OPEN)
        {
            let opening = *innermost;
            *innermost = enclosing
                .get(opening)
                .copied()
                .flatten()
                .unwrap_or(NONE_OPEN);
            if let Some(slot) = closing_of.get_mut(opening) {
                *slot = Some(index);
            }
        }
    }
    closing_of
}

/// The next `{{<` or `{{%` at or after `from`.
fn next_call_start(text: &str, from: usize) -> Option<usize> {
    let mut search = from;
    loop {
        let found = search + text.get(search..)?.find("{{")?;
        match text.as_bytes().get(found + 2) {
            Some(b'<' | b'%') => return Some(found),
            Some(_) => search = found + 1,
            None => return None,
        }
    }
}

/// Every `{{<` / `{{%` in order, read; after a broken one the scan goes on past its delimiter.
fn scan_all(text: &str) -> Vec<(usize, Scanned)> {
    let mut items = Vec::new();
    let mut position = 0;
    let mut unclosed_escapes = UnclosedEscapes::default();
    while let Some(start) = next_call_start(text, position) {
        let item = scan(text, start, &mut unclosed_escapes);
        position = item_end(start, &item);
        items.push((start, item));
    }
    items
}

fn item_end(start: usize, item: &Scanned) -> usize {
    match item {
        Scanned::Call(Call { end, .. }) | Scanned::Escape { end, .. } => *end,
        Scanned::Broken { .. } => start + 3,
    }
}

/// Which items are closing tags that pair with an unknown shortcode's opening: these are
/// dropped, the inner text stays.
fn closings_of_unknown_shortcodes(
    items: &[(usize, Scanned)],
    closing_of: &[Option<usize>],
) -> Vec<bool> {
    let mut dropped = vec![false; items.len()];
    for ((_, item), closing) in items.iter().zip(closing_of) {
        let unknown = matches!(item, Scanned::Call(call) if !is_builtin(&call.name));
        if let Some(slot) = closing
            .filter(|_| unknown)
            .and_then(|at| dropped.get_mut(at))
        {
            *slot = true;
        }
    }
    dropped
}

/// Where the end of an escaped call (`*/>}}`, and `*/%}}`) was looked for in vain: no later
/// search can find it, so none is made (a page of unclosed escapes is not read once per
/// escape).
#[derive(Default)]
struct UnclosedEscapes {
    angle: Option<usize>,
    percent: Option<usize>,
}

/// Reads the call that starts at `start` (which holds `{{<` or `{{%`).
fn scan(text: &str, start: usize, unclosed_escapes: &mut UnclosedEscapes) -> Scanned {
    let markdown_style = text.as_bytes().get(start + 2) == Some(&b'%');
    let close = if markdown_style { "%}}" } else { ">}}" };
    let open = if markdown_style { "{{%" } else { "{{<" };
    let after_open = start + 3;
    let rest = text.get(after_open..).unwrap_or("");
    if let Some(comment) = rest.strip_prefix("/*") {
        let end_marker = format!("*/{close}");
        let searched_in_vain = if markdown_style {
            &mut unclosed_escapes.percent
        } else {
            &mut unclosed_escapes.angle
        };
        let found = match searched_in_vain {
            Some(from) if *from <= start => None,
            _ => comment.find(&end_marker),
        };
        if found.is_none() {
            searched_in_vain.get_or_insert(start);
        }
        return match found {
            Some(length) => Scanned::Escape {
                text: format!("{open}{}{close}", comment.get(..length).unwrap_or("")),
                end: after_open + 2 + length + end_marker.len(),
            },
            None => Scanned::Broken {
                kind: DiagnosticKind::BadShortcode {
                    name: String::new(),
                    message: format!("escaped call is never closed with \"{end_marker}\""),
                },
            },
        };
    }
    let mut reader = CallReader {
        text,
        position: after_open,
        close,
    };
    match reader.call(start) {
        Ok(call) => Scanned::Call(call),
        Err(kind) => Scanned::Broken { kind },
    }
}

/// Reads one call's parts from `position` on.
struct CallReader<'a> {
    text: &'a str,
    position: usize,
    close: &'a str,
}

impl<'a> CallReader<'a> {
    fn rest(&self) -> &'a str {
        self.text.get(self.position..).unwrap_or("")
    }

    fn skip_whitespace(&mut self) {
        let rest = self.rest();
        self.position += rest.len() - rest.trim_start().len();
    }

    fn take_while(&mut self, keep: impl Fn(char, &str) -> bool) -> String {
        let rest = self.rest();
        let mut length = 0;
        for (index, character) in rest.char_indices() {
            if !keep(character, rest.get(index..).unwrap_or("")) {
                break;
            }
            length = index + character.len_utf8();
        }
        self.position += length;
        rest.get(..length).unwrap_or("").to_owned()
    }

    fn call(&mut self, start: usize) -> Result<Call, DiagnosticKind> {
        self.skip_whitespace();
        let closing = self.rest().starts_with('/');
        if closing {
            self.position += 1;
            self.skip_whitespace();
        }
        let close = self.close;
        let name = self.take_while(|character, rest| {
            is_word_character(character)
                || character == '.'
                || (character == '/'
                    && !rest.get(1..).unwrap_or("").starts_with(close)
                    && rest
                        .get(1..)
                        .is_some_and(|after| after.starts_with(is_word_character)))
        });
        if name.is_empty() {
            return Err(DiagnosticKind::BadShortcode {
                name: String::new(),
                message: "expected a shortcode name".to_owned(),
            });
        }
        let mut call = Call {
            start,
            end: start,
            name,
            closing,
            self_closing: false,
            markdown_style: close.starts_with('%'),
            positional: Vec::new(),
            named: Vec::new(),
            named_at: Vec::new(),
        };
        loop {
            self.skip_whitespace();
            let rest = self.rest();
            if rest.is_empty() {
                return Err(DiagnosticKind::UnterminatedShortcode { name: call.name });
            }
            if rest.starts_with(self.close) {
                call.end = self.position + self.close.len();
                return Ok(call);
            }
            if rest
                .strip_prefix('/')
                .is_some_and(|after| after.starts_with(self.close))
            {
                call.self_closing = true;
                call.end = self.position + 1 + self.close.len();
                return Ok(call);
            }
            let value = self.value(&call.name)?;
            let rest = self.rest();
            let is_name = value.is_bare && rest.trim_start().starts_with('=');
            if is_name {
                self.skip_whitespace();
                self.position += 1;
                self.skip_whitespace();
                // A quoted value's text starts after its quote.
                let quoted = self.rest().starts_with(['"', '`']);
                call.named_at.push(self.position + usize::from(quoted));
                let named_value = self.value(&call.name)?;
                call.named.push((value.text, named_value.text));
            } else {
                call.positional.push(value.text);
            }
        }
    }

    /// A quoted, raw or bare value at the current position.
    fn value(&mut self, name: &str) -> Result<Value, DiagnosticKind> {
        let rest = self.rest();
        let unterminated = || DiagnosticKind::UnterminatedShortcode {
            name: name.to_owned(),
        };
        if let Some(raw) = rest.strip_prefix('`') {
            let length = raw.find('`').ok_or_else(unterminated)?;
            self.position += length + 2;
            return Ok(Value {
                text: raw.get(..length).unwrap_or("").to_owned(),
                is_bare: false,
            });
        }
        if let Some(quoted) = rest.strip_prefix('"') {
            let mut text = String::new();
            let mut characters = quoted.char_indices();
            while let Some((index, character)) = characters.next() {
                match character {
                    '"' => {
                        self.position += index + 2;
                        return Ok(Value {
                            text,
                            is_bare: false,
                        });
                    }
                    '\\' if quoted
                        .get(index + 1..)
                        .is_some_and(|after| after.starts_with('"')) =>
                    {
                        characters.next();
                        text.push('"');
                    }
                    other => text.push(other),
                }
            }
            return Err(unterminated());
        }
        let starts_bare = rest.chars().next().is_some_and(|first| {
            is_word_character(first) || matches!(first, '-' | '&' | '.' | '#' | '/')
        });
        if !starts_bare {
            let found = rest.chars().next().unwrap_or(' ');
            return Err(DiagnosticKind::BadShortcode {
                name: name.to_owned(),
                message: format!(
                    "unexpected '{found}'; quote parameters that contain such characters"
                ),
            });
        }
        let close = self.close;
        let text = self.take_while(|character, rest| {
            let ends_call = rest.starts_with(close)
                || (character == '/'
                    && rest.get(1..).is_some_and(|after| after.starts_with(close)));
            !(character.is_whitespace() || character == '=' || ends_call)
        });
        Ok(Value {
            text,
            is_bare: true,
        })
    }
}

/// One argument value; only a bare word can be a parameter name.
struct Value {
    text: String,
    is_bare: bool,
}

fn is_word_character(character: char) -> bool {
    character.is_alphanumeric() || character == '_' || character == '-'
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::links::tests::{entry, site};
    use crate::content::site::PageKind;

    const SEED: &str = "content/posts/ai_frameworks/_index.md";

    fn seed_site() -> Site {
        let mut site = site(vec![
            entry(SEED, PageKind::Section, "/posts/ai_frameworks/"),
            entry("content/posts/a.md", PageKind::Page, "/posts/a/"),
        ]);
        site.config.base_url = "https://example.org/".to_owned();
        site
    }

    fn expanded(text: &str) -> Expansion {
        let site = seed_site();
        let page = site
            .pages
            .first()
            .cloned()
            .unwrap_or_else(|| entry("", PageKind::Page, "/"));
        expand(text, &site, &page)
    }

    fn kinds(expansion: &Expansion) -> Vec<DiagnosticKind> {
        expansion
            .findings
            .iter()
            .map(|finding| finding.kind.clone())
            .collect()
    }

    #[test]
    fn relref_in_a_link_destination_becomes_the_url() {
        let result = expanded("See [a]({{< relref \"../a.md\" >}}) and [b]({{% relref \"a\" %}}).");
        assert_eq!(result.text, "See [a](/posts/a/) and [b](/posts/a/).");
        assert!(result.findings.is_empty());
    }

    #[test]
    fn ref_is_prefixed_with_the_base_url_and_named_path_works() {
        let result = expanded("{{< ref path=\"a\" >}} {{< ref \"#top\" >}} {{< relref `a` >}}");
        assert_eq!(result.text, "https://example.org/posts/a/ #top /posts/a/");
    }

    #[test]
    fn a_missing_page_is_reported_at_the_call_and_gives_the_guessed_url() {
        let text = "x\n1. [Why]({{< relref \"01_why_ai_frameworks\" >}})";
        let result = expanded(text);
        assert_eq!(
            result.text,
            "x\n1. [Why](/posts/ai_frameworks/01_why_ai_frameworks/)"
        );
        assert_eq!(
            result.findings,
            vec![Finding {
                offset: text.find("{{<").unwrap_or(0),
                severity: Severity::Warning,
                kind: DiagnosticKind::RefNotFound {
                    reference: "01_why_ai_frameworks".to_owned()
                },
            }]
        );
    }

    #[test]
    fn calls_may_span_lines_and_close_themselves() {
        let result = expanded("{{<\n  relref\n  \"a\"\n/>}}!");
        assert_eq!(result.text, "/posts/a/!");
    }

    #[test]
    fn the_comment_escape_shows_the_call_as_text() {
        let result = expanded("Write {{</* relref \"a\" */>}} or {{%/* x */%}}.");
        assert_eq!(result.text, "Write {{< relref \"a\" >}} or {{% x %}}.");
        assert!(result.findings.is_empty());
    }

    #[test]
    fn an_unknown_shortcode_leaves_a_trusted_notice_and_keeps_its_inner_text() {
        let result = expanded("a {{< gallery dir=\"x\" >}}inner{{< /gallery >}} b");
        let marker = markdown::trusted_marker(0);
        assert_eq!(result.text, format!("a {marker}inner b"));
        assert_eq!(
            result.trusted_html,
            ["<span class=\"shortcode-error\">unknown shortcode &quot;gallery&quot;</span>"]
        );
        assert_eq!(
            kinds(&result),
            [DiagnosticKind::UnknownShortcode {
                name: "gallery".to_owned()
            }]
        );
        assert_eq!(
            result.findings.first().map(|f| f.severity),
            Some(Severity::Warning)
        );
    }

    #[test]
    fn closing_tags_pair_with_the_nearest_open_call_of_their_name() {
        let result = expanded(
            "{{< note >}}a{{< note >}}b{{< /note >}}c{{< /note >}} {{< gallery src=\"x\" >}}",
        );
        let notice = |index| markdown::trusted_marker(index);
        assert_eq!(
            result.text,
            format!("{}a{}bc {}", notice(0), notice(1), notice(2))
        );
        assert_eq!(
            result.findings.len(),
            3,
            "one per opening, none for the closings"
        );
    }

    #[test]
    fn an_unterminated_call_is_reported_and_the_rest_renders() {
        let result = expanded("before {{< relref \"a\"\nafter");
        assert_eq!(
            kinds(&result),
            [DiagnosticKind::UnterminatedShortcode {
                name: "relref".to_owned()
            }]
        );
        assert!(
            result.text.starts_with("before \u{e000}"),
            "{:?}",
            result.text
        );
        assert!(
            result.text.ends_with(" relref \"a\"\nafter"),
            "{:?}",
            result.text
        );
        let quote = expanded("{{< relref \"a >}}");
        assert_eq!(kinds(&quote).len(), 1);
    }

    #[test]
    fn bad_calls_are_reported_not_fatal() {
        let stray = expanded("{{< /relref >}}");
        assert!(matches!(
            kinds(&stray).as_slice(),
            [DiagnosticKind::BadShortcode { .. }]
        ));
        let mixed = expanded("{{< relref \"a\" path=\"b\" >}}");
        assert!(matches!(
            kinds(&mixed).as_slice(),
            [DiagnosticKind::BadShortcode { .. }]
        ));
        let empty = expanded("{{< relref >}}");
        assert!(matches!(
            kinds(&empty).as_slice(),
            [DiagnosticKind::BadShortcode { .. }]
        ));
        let odd = expanded("{{< relref }} >}}");
        assert!(matches!(
            kinds(&odd).as_slice(),
            [DiagnosticKind::BadShortcode { .. }]
        ));
    }

    #[test]
    fn text_without_calls_is_unchanged_and_nothing_panics() {
        for text in [
            "",
            "{{",
            "{{<",
            "{{%",
            "{{<>}}",
            "{{< >}}",
            "{{< \"",
            "{{< x \"\\",
            "{{< x `",
            "{{</*",
            "{{</* x",
            "}}>}}",
            "{{ not a call }}",
            "日本{{<語 \"é\" >}}",
            "{{< a=b >}}",
            "{{< x a= >}}",
            "{{< x / >}}",
            "{{< x/>}}",
            "{{< /x",
            "{{% x >}}",
            "\u{e000}0\u{e001}",
        ] {
            let result = expanded(text);
            if !text.contains("{{<") && !text.contains("{{%") {
                assert_eq!(
                    result.text,
                    text.replace(['\u{e000}', '\u{e001}'], "\u{fffd}")
                );
            }
            for offset in 0..=result.text.len() {
                assert!(result.source_offset(offset) <= text.len());
            }
        }
    }

    /// The page HTML of `text` on the seed section (`/posts/ai_frameworks/`), before the
    /// reading aids.
    fn html(text: &str) -> String {
        let site = seed_site();
        let page = site.pages.first().cloned();
        let page = page.unwrap_or_else(|| entry("", PageKind::Page, "/"));
        crate::content::render::render_page(&site, &page, text).html
    }

    #[test]
    fn a_figure_alone_is_hugos_figure_with_its_src_under_the_page() {
        assert_eq!(
            html("Intro.\n\n{{< figure src=\"img.png\" >}}\n\nAfter."),
            "<p>Intro.</p>\n<figure><img src=\"/posts/ai_frameworks/img.png\"/>\n</figure>\n\
             <p>After.</p>\n"
        );
        assert_eq!(
            html("{{< figure src=\"./a/../b.png\" title=\"Only title\" />}}"),
            "<figure><img src=\"/posts/ai_frameworks/b.png\"/><figcaption>\n            \
             <h4>Only title</h4>\n        </figcaption>\n</figure>\n"
        );
    }

    #[test]
    fn a_figure_with_every_parameter_escapes_them_and_renders_the_caption() {
        let text = "{{< figure src=\"/abs.png\" link=\"https://e.org/?a=1&b=2\" \
                    target=\"_blank\" rel=\"noopener\" alt=\"A \\\"q\\\" <x>\" title=\"T <t>\" \
                    caption=\"Cap *em* <b>\" width=\"10\" height=\"20\" loading=\"lazy\" \
                    class=\"c1 c2\" >}}";
        assert_eq!(
            html(text),
            "<figure class=\"c1 c2\"><a href=\"https://e.org/?a=1&amp;b=2\" target=\"_blank\" \
             rel=\"noopener\"><img src=\"/abs.png\"\n         alt=\"A &quot;q&quot; &lt;x&gt;\" \
             width=\"10\" height=\"20\" loading=\"lazy\"/></a><figcaption>\n            \
             <h4>T &lt;t&gt;</h4><p>Cap <em>em</em> <!-- raw HTML omitted --></p>\n        \
             </figcaption>\n</figure>\n"
        );
    }

    #[test]
    fn a_figure_caption_is_the_alt_text_and_credits_link() {
        assert_eq!(
            html(
                "{{% figure src=\"i.png\" caption=\"Only *caption*\" attr=\"By me\" attrlink=\"https://a.org\" %}}"
            ),
            "<figure><img src=\"/posts/ai_frameworks/i.png\"\n         alt=\"Only caption\"/>\
             <figcaption>\n            <p>Only <em>caption</em>\n                    \
             <a href=\"https://a.org\">By me</a></p>\n        </figcaption>\n</figure>\n"
        );
    }

    #[test]
    fn a_figure_never_lets_markup_or_javascript_urls_through() {
        let result = html(
            "{{< figure src=\"javascript:alert(1)\" link=\"javascript:alert(2)\" \
             class='x' >}} {{< figure src=\"x\\\"onerror=\\\"alert(3)\" target=\"\\\"><script>\" >}}",
        );
        assert!(result.contains("shortcode-error"), "{result}");
        let result = html(
            "{{< figure src=\"javascript:alert(1)\" link=\" JaVaScript:alert(2)\" >}}\n\n\
             {{< figure src=\"x\\\"onerror=\\\"alert(3)\" link=\"/\" target=\"\\\"><script>\" >}}",
        );
        assert!(
            !result.contains("alert(1)") && !result.contains("alert(2)"),
            "{result}"
        );
        assert!(
            !result.contains("<script") && !result.contains("\"onerror"),
            "{result}"
        );
        assert!(result.contains("src=\"/posts/ai_frameworks/x&quot;onerror=&quot;alert(3)\""));
        let quoted_caption =
            html("{{< figure src=\"i.png\" caption=\"x\\\" onerror=\\\"alert(4)\" >}}");
        assert!(
            quoted_caption.contains("alt=\"x&quot; onerror=“alert(4)\"/>"),
            "a caption's quotes stay inside the alt text: {quoted_caption}"
        );
        let heading_caption =
            html("{{< figure src=\"i.png\" caption=\"## T {onfocus=alert(5) autofocus}\" >}}");
        assert!(!heading_caption.contains("onfocus"), "{heading_caption}");
    }

    #[test]
    fn details_renders_its_summary_and_inner_markdown() {
        assert_eq!(
            html(
                "{{< details summary=\"More *info*\" >}}\nInner **bold** [a]({{< relref \"a\" >}}).\n{{< /details >}}"
            ),
            "<details>\n  <summary>More <em>info</em></summary>\n  \
             <p>Inner <strong>bold</strong> <a href=\"/posts/a/\">a</a>.</p>\n</details>\n"
        );
        assert_eq!(
            html(
                "{{% details open=true class=\"a\\\"b\" %}}x{{% /details %}} {{< details open=\"false\" />}}"
            ),
            "<p><details class=\"a&quot;b\" open>\n  <summary>Details</summary>\n  <p>x</p>\n\
             </details> <details>\n  <summary>Details</summary>\n  </details></p>\n"
        );
    }

    #[test]
    fn problems_inside_details_are_placed_in_the_outer_text() {
        let text = "{{< details >}}\n{{< nope >}} [x](gone.md)\n{{< /details >}}";
        let result = expanded(text);
        let offsets: Vec<usize> = result.findings.iter().map(|f| f.offset).collect();
        assert_eq!(
            offsets,
            [
                text.find("{{< nope").unwrap_or(0),
                text.find("[x]").unwrap_or(0)
            ]
        );
    }

    #[test]
    fn highlight_is_a_highlighted_code_block_and_options_are_ignored() {
        assert_eq!(
            html(
                "{{< highlight go \"linenos=table,hl_lines=2\" >}}\nfunc main() {\n  x := \"<a>\"\n}\n{{< /highlight >}}"
            ),
            "<div class=\"highlight\"><pre tabindex=\"0\"><code class=\"language-go\" \
             data-lang=\"go\"><span class=\"tok-keyword\">func</span> main() {\n  \
             x := <span class=\"tok-string\">&quot;&lt;a&gt;&quot;</span>\n}</code></pre></div>\n"
        );
        let result = expanded("{{< highlight >}}{{< relref \"a\" >}}{{< /highlight >}}");
        assert!(result.findings.is_empty());
        assert_eq!(
            result.trusted_html,
            [
                "<div class=\"highlight\"><pre tabindex=\"0\"><code>{{&lt; relref &quot;a&quot; \
              &gt;}}</code></pre></div>"
            ]
        );
    }

    #[test]
    fn youtube_and_vimeo_are_links_until_the_reader_clicks() {
        assert_eq!(
            html("{{< youtube dQw4w9WgXcQ >}}"),
            "<div class=\"video-embed\" data-provider=\"youtube\" data-id=\"dQw4w9WgXcQ\">\
             <a href=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\" \
             title=\"YouTube Video\">▶ Play video on YouTube</a></div>\n"
        );
        assert_eq!(
            html("{{< vimeo id=\"146022717\" title=\"A <b>\" >}}"),
            "<div class=\"video-embed\" data-provider=\"vimeo\" data-id=\"146022717\">\
             <a href=\"https://player.vimeo.com/video/146022717?dnt=1\" \
             title=\"A &lt;b&gt;\">▶ Play video on Vimeo</a></div>\n"
        );
        let bad = expanded("{{< youtube \"x\\\" onload=\\\"y\" >}} {{< vimeo >}}");
        assert_eq!(kinds(&bad).len(), 2);
        assert!(
            bad.trusted_html
                .iter()
                .all(|h| h.contains("shortcode-error"))
        );
    }

    #[test]
    fn x_and_tweet_are_plain_links_to_the_post() {
        assert_eq!(
            html("{{< x user=\"SanDiegoZoo\" id=\"1453110110599868418\" >}}"),
            "<p class=\"x-post\"><a href=\"https://x.com/SanDiegoZoo/status/1453110110599868418\">\
             Post by @SanDiegoZoo on X</a></p>\n"
        );
        assert_eq!(
            html("{{< tweet 1453110110599868418 >}}"),
            "<p class=\"x-post\"><a href=\"https://x.com/i/status/1453110110599868418\">\
             Post on X</a></p>\n"
        );
        let bad = expanded("{{< x user=\"a/b\" id=\"1\" >}} {{< tweet id=\"1x\" >}}");
        assert_eq!(kinds(&bad).len(), 2);
    }

    #[test]
    fn an_unterminated_paired_call_is_reported_and_the_rest_renders() {
        let result = expanded("a {{< details >}} b {{< highlight go >}}");
        assert_eq!(
            kinds(&result),
            [
                DiagnosticKind::UnterminatedShortcode {
                    name: "details".to_owned()
                },
                DiagnosticKind::UnterminatedShortcode {
                    name: "highlight".to_owned()
                }
            ]
        );
        let marker = markdown::trusted_marker;
        assert_eq!(result.text, format!("a {} b {}", marker(0), marker(1)));
    }

    #[test]
    fn nested_details_pair_by_name_and_deep_nesting_stops_without_overflow() {
        let nested = html(
            "{{< details summary=\"a\" >}}{{< details summary=\"b\" >}}in{{< /details >}}{{< /details >}}",
        );
        assert_eq!(nested.matches("<details>").count(), 2, "{nested}");
        assert_eq!(nested.matches("</details>").count(), 2, "{nested}");
        let deep = format!(
            "{}x{}",
            "{{< details >}}".repeat(200),
            "{{< /details >}}".repeat(200)
        );
        let result = expanded(&deep);
        assert!(
            kinds(&result)
                .iter()
                .all(|kind| matches!(kind, DiagnosticKind::BadShortcode { .. }))
        );
        assert_eq!(kinds(&result).len(), 1);
    }

    #[test]
    fn param_is_the_pages_param_else_the_sites_and_escaped_unless_markdown() {
        let mut site = seed_site();
        site.config.params = vec![
            ("author".to_owned(), "Ann".to_owned()),
            ("mood".to_owned(), "site".to_owned()),
        ];
        let mut page = entry("content/posts/a.md", PageKind::Page, "/posts/a/");
        page.params = vec![("mood".to_owned(), "*happy* <b>".to_owned())];
        let render = |text| crate::content::render::render_page(&site, &page, text).html;
        assert_eq!(
            render("{{< param \"Mood\" >}} / {{% param mood %}} / {{< param author >}}"),
            "<p>*happy* &lt;b&gt; / <em>happy</em> <!-- raw HTML omitted --> / Ann</p>\n"
        );
        let missing = expand("{{< param \"nope\" >}}", &site, &page);
        assert_eq!(
            kinds(&missing),
            [DiagnosticKind::BadShortcode {
                name: "param".to_owned(),
                message: "param \"nope\" not found".to_owned()
            }]
        );
    }

    #[test]
    fn output_offsets_map_back_to_the_input() {
        let text = "ab {{< relref \"a\" >}} cd";
        let result = expanded(text);
        assert_eq!(result.text, "ab /posts/a/ cd");
        assert_eq!(result.source_offset(1), 1);
        assert_eq!(result.source_offset(5), 3, "inside the replacement");
        let after = result.text.find("cd").unwrap_or(0);
        assert_eq!(result.source_offset(after), text.find("cd").unwrap_or(0));
    }
}
