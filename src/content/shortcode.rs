//! Shortcodes: finding `{{< name args >}}` / `{{% name args %}}` calls in the raw Markdown and
//! replacing them with their output before Markdown is parsed (so `({{< relref "x" >}})` is a
//! link destination by the time the Markdown parser sees it).
//!
//! 1. Scan for `{{<` / `{{%`; `{{</* x */>}}` is an escape that outputs the call as text.
//! 2. Read the call: optional `/` (a closing tag), the name, positional or named arguments
//!    (quoted "…", raw `…` or bare), across lines, up to `/>}}` or `>}}` (`%}}`).
//! 3. Expand: `ref` and `relref` become the target URL; an unknown shortcode becomes a visible
//!    notice (its closing tag, when it has one, is dropped and the inner text kept).
//! 4. Notices are trusted HTML: the text carries a private marker that the Markdown stage turns
//!    into the HTML (raw HTML written by the author is still omitted).
//!
//! Every problem is a [`Finding`] at a byte offset of the input; [`Expansion::source_offset`]
//! maps offsets of the output back to the input for the later stages.

use super::error::{DiagnosticKind, Finding, Severity};
use super::links::{self, LinkError};
use super::markdown::{self, escape_html};
use super::site::{PageEntry, Site};

/// The text with every shortcode call replaced, and what was found on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    pub text: String,
    /// Problems, at byte offsets of the input text.
    pub findings: Vec<Finding>,
    /// The HTML each marker in `text` stands for (the Markdown stage writes it in their place).
    pub trusted_html: Vec<String>,
    /// Replaced ranges, in order: (input start, input end, output start, output end).
    edits: Vec<(usize, usize, usize, usize)>,
}

impl Expansion {
    /// The input offset that produced byte `output_offset` of the expanded text: inside a
    /// replacement that is the start of the call it replaced.
    pub fn source_offset(&self, output_offset: usize) -> usize {
        let before = self
            .edits
            .iter()
            .rev()
            .find(|(_, _, output_start, _)| *output_start <= output_offset);
        match before {
            None => output_offset,
            Some(&(input_start, _, _, output_end)) if output_offset < output_end => input_start,
            Some(&(_, input_end, _, output_end)) => input_end + (output_offset - output_end),
        }
    }
}

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
    positional: Vec<String>,
    named: Vec<(String, String)>,
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
    // Authors cannot write markers: the private-use characters are replaced (same length, so
    // offsets do not move).
    let text = markdown::without_marker_characters(text);
    let mut expansion = Expansion {
        text: String::with_capacity(text.len()),
        findings: Vec::new(),
        trusted_html: Vec::new(),
        edits: Vec::new(),
    };
    let items = scan_all(&text);
    let paired_closings = closings_of_unknown_shortcodes(&items);
    let mut position = 0;
    for (start, item) in items {
        expansion
            .text
            .push_str(text.get(position..start).unwrap_or(""));
        position = item_end(start, &item);
        match item {
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
            Scanned::Call(call) => {
                let output = if paired_closings.contains(&call.start) {
                    String::new()
                } else {
                    expansion.output(&call, site, page)
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

    /// A marker for a visible notice saying what `kind` says.
    fn notice(&mut self, kind: &DiagnosticKind) -> String {
        let html = format!(
            "<span class=\"shortcode-error\">{}</span>",
            escape_html(&kind.message())
        );
        self.trusted_html.push(html);
        markdown::trusted_marker(self.trusted_html.len() - 1)
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
    fn output(&mut self, call: &Call, site: &Site, page: &PageEntry) -> String {
        if call.closing {
            let kind = DiagnosticKind::BadShortcode {
                name: call.name.clone(),
                message: "closing tag without an opening one".to_owned(),
            };
            return self.problem(call, kind);
        }
        match call.name.as_str() {
            "ref" | "relref" => self.reference(call, site, page),
            // Hugo has many more (and sites add their own): not fatal, shown and reported.
            _ => {
                let kind = DiagnosticKind::UnknownShortcode {
                    name: call.name.clone(),
                };
                self.problem(call, kind)
            }
        }
    }

    /// `ref`/`relref`: the target's URL (`ref` with the site's base URL); a missing or
    /// ambiguous target is reported and gives the URL it would have had.
    fn reference(&mut self, call: &Call, site: &Site, page: &PageEntry) -> String {
        if !call.named.is_empty() && !call.positional.is_empty() {
            let kind = DiagnosticKind::BadShortcode {
                name: call.name.clone(),
                message: "positional and named parameters cannot be mixed".to_owned(),
            };
            return self.problem(call, kind);
        }
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
            format!("{}{url}", site.config.base_url.trim_end_matches('/'))
        } else {
            url
        }
    }
}

/// Shortcodes this reader expands; they never take inner content.
fn is_builtin(name: &str) -> bool {
    matches!(name, "ref" | "relref")
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
    while let Some(start) = next_call_start(text, position) {
        let item = scan(text, start);
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

/// Starts of the closing tags that pair with an unknown shortcode's opening (innermost
/// first, as nesting goes): these are dropped, the inner text stays.
fn closings_of_unknown_shortcodes(items: &[(usize, Scanned)]) -> Vec<usize> {
    let mut open: Vec<&str> = Vec::new();
    let mut paired = Vec::new();
    for (_, item) in items {
        let Scanned::Call(call) = item else {
            continue;
        };
        if is_builtin(&call.name) || call.self_closing {
            continue;
        }
        if !call.closing {
            open.push(&call.name);
        } else if let Some(index) = open.iter().rposition(|name| *name == call.name) {
            open.remove(index);
            paired.push(call.start);
        }
    }
    paired
}

/// Reads the call that starts at `start` (which holds `{{<` or `{{%`).
fn scan(text: &str, start: usize) -> Scanned {
    let markdown_style = text.as_bytes().get(start + 2) == Some(&b'%');
    let close = if markdown_style { "%}}" } else { ">}}" };
    let open = if markdown_style { "{{%" } else { "{{<" };
    let after_open = start + 3;
    let rest = text.get(after_open..).unwrap_or("");
    if let Some(comment) = rest.strip_prefix("/*") {
        let end_marker = format!("*/{close}");
        return match comment.find(&end_marker) {
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
            positional: Vec::new(),
            named: Vec::new(),
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
        site.config.base_url = "https://example.org/blog/".to_owned();
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
        assert_eq!(
            result.text,
            "https://example.org/blog/posts/a/ #top /posts/a/"
        );
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
            "{{< note >}}a{{< note >}}b{{< /note >}}c{{< /note >}} {{< figure src=\"x\" >}}",
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
