//! Shortcodes: finding `{{< name args >}}` / `{{% name args %}}` calls in the raw Markdown and
//! replacing them with their output before Markdown is parsed (so `({{< relref "x" >}})` is a
//! link destination by the time the Markdown parser sees it).
//!
//! 1. Scan for `{{<` / `{{%`; `{{</* x */>}}` is an escape that outputs the call as text.
//! 2. Read the call: optional `/` (a closing tag), the name, positional or named arguments
//!    (quoted "…", raw `…` or bare), across lines, up to `/>}}` or `>}}` (`%}}`). A call with
//!    a later closing call of its name is paired: what lies between is its inner content.
//! 3. Expand, first by the site's own template of that name when the build has one
//!    ([`super::site::templates`]: `layouts/shortcodes/`, its theme's, inline ones), else by a built-in:
//!    `ref` and `relref` become the target URL, `param` the page's or site's param; `figure`,
//!    the embeds (`youtube`, `vimeo`, `x`, `gist`, `instagram`… as links: see
//!    [`super::builtin`] and `embeds.rs`), the paired `details`, `collapse` (inner
//!    Markdown, its shortcodes expanded), `rawhtml` and `highlight` become HTML, with
//!    `{{< >}}` and `{{% %}}` alike.
//! 4. What cannot be expanded (an unknown shortcode, a template that does not run here, bad
//!    arguments) is left out of the page with a warning naming it; a paired one's inner
//!    content stays, as the author's text, except an inline shortcode's (a template).
//! 5. HTML from built-ins is trusted (their values are escaped, their URLs checked); HTML
//!    from the site's templates and `rawhtml` goes through the allowlist first. The text
//!    carries a private marker that the Markdown stage turns into the HTML (raw HTML written
//!    in the Markdown itself is still omitted).
//!
//! The browser has no template engine: the build writes each template's output into the
//! page's Markdown ([`browser_markdown`]) as a call the browser expands the same way.
//!
//! Every problem is a [`Finding`] at a byte offset of the input; [`Expansion::source_offset`]
//! maps offsets of the output back to the input for the later stages.

use std::collections::HashMap;

use super::builtin::{self, Args};
use super::embeds;
use super::error::{DiagnosticKind, Finding, Severity};
use super::html::escape_html;
use super::links::{self, LinkError};
use super::markdown::{self, ImageSource, replace_markers};
use super::math;
use super::raw_string::{raw_string_text, raw_string_value};
use super::sanitize::sanitize_fragment;
use super::site::templates::TemplateCall;
use super::site::{PageEntry, ParamIndex, Site};

/// The call the build writes in place of a template's `{{< >}}` output, for the browser:
/// its one raw-string argument is the HTML, which goes through the allowlist there as here.
const HTML_OUTPUT: &str = "blogtool.html";
/// The same for a `{{% %}}` call's Markdown output.
const MARKDOWN_OUTPUT: &str = "blogtool.markdown";

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
    /// The calls that the site's templates expanded, at offsets of the input text: what
    /// [`browser_markdown`] writes for the browser.
    template_outputs: Vec<TemplateOutput>,
    /// Replaced ranges, in order: (input start, input end, output start, output end).
    edits: Vec<(usize, usize, usize, usize)>,
    /// How deep inside paired calls' inner content this text is.
    depth: usize,
    /// The inline shortcodes defined so far: name and template source.
    inline_templates: Vec<(String, String)>,
    /// Calls met so far, by name: for `.Ordinal`.
    ordinals: HashMap<String, usize>,
}

/// A call the site's templates expanded: input range, output, and whether it is Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TemplateOutput {
    start: usize,
    end: usize,
    output: String,
    markdown_style: bool,
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
    /// Whether each argument was written bare (not quoted): positional ones first, then
    /// named ones, each in order.
    bare: Vec<bool>,
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
    /// Not a readable call; `kind` says why, `end` is where it ends (see [`broken_end`]).
    Broken {
        kind: DiagnosticKind,
        end: usize,
    },
}

/// How much of the input a call's output stands for.
enum Consumed {
    /// The call with its inner content and closing call, if it has them.
    Whole,
    /// The call alone: its inner content stays in the text and its closing call goes.
    Tags,
}

/// Expands every shortcode call in `text`, the body of `page`.
pub fn expand(text: &str, site: &Site, page: &PageEntry) -> Expansion {
    expand_at(text, site, page, 0)
}

/// `text`, a page's whole Markdown file, with each call that the site's templates expanded
/// replaced by a call of their output, which the browser (with no template engine) expands
/// to the same HTML; `None` when the page has no such call.
pub fn browser_markdown(text: &str, site: &Site, page: &PageEntry) -> Option<String> {
    let body = super::front_matter::split(text).ok()?.body;
    let body_start = text.len() - body.len();
    let expansion = expand(body, site, page);
    if expansion.template_outputs.is_empty() {
        return None;
    }
    let mut rewritten = String::with_capacity(text.len());
    let mut position = 0;
    for output in &expansion.template_outputs {
        rewritten.push_str(body.get(position..output.start).unwrap_or(""));
        let (open, close, name) = if output.markdown_style {
            ("{{%", "%}}", MARKDOWN_OUTPUT)
        } else {
            ("{{<", ">}}", HTML_OUTPUT)
        };
        let value = raw_string_value(&output.output);
        rewritten.push_str(&format!("{open} {name} `{value}` {close}"));
        position = output.end;
    }
    rewritten.push_str(body.get(position..).unwrap_or(""));
    Some(format!(
        "{}{rewritten}",
        text.get(..body_start).unwrap_or("")
    ))
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
        template_outputs: Vec::new(),
        edits: Vec::new(),
        depth,
        inline_templates: Vec::new(),
        ordinals: HashMap::new(),
    };
    let items = scan_all(&text);
    let closing_of = closing_indices(&items);
    // Closing calls whose opening call went alone (its inner content stays): dropped.
    let mut dropped = vec![false; items.len()];
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
        position = item_end(item);
        match item {
            Scanned::Escape { text: shown, end } => expansion.replace(start, *end, shown),
            Scanned::Broken { kind, end } => {
                expansion.findings.push(Finding {
                    offset: start,
                    severity: Severity::Warning,
                    kind: kind.clone(),
                });
                if *end > start + 3 {
                    expansion.replace(start, *end, "");
                } else {
                    // Where such a call ends is unknown: it stays as the author wrote it.
                    expansion
                        .text
                        .push_str(text.get(start..position).unwrap_or(""));
                }
            }
            Scanned::Call(call) if call.closing => {
                if !dropped.get(current).copied().unwrap_or(false) {
                    expansion.warn(call, "closing tag without an opening one");
                }
                expansion.replace(call.start, call.end, "");
            }
            Scanned::Call(call) => {
                let closing = closing_of.get(current).copied().flatten();
                let closing_range = closing
                    .and_then(|closing| items.get(closing))
                    .map(|(closing_start, item)| (*closing_start, item_end(item)));
                let paired = closing_range.map(|(closing_start, closing_end)| {
                    (text.get(call.end..closing_start).unwrap_or(""), closing_end)
                });
                let (output, consumed) =
                    expansion.call(call, paired, site, page, &mut param_indexes);
                match (consumed, closing, closing_range) {
                    (Consumed::Whole, Some(closing), Some((_, closing_end))) => {
                        expansion.replace(call.start, closing_end, &output);
                        position = closing_end;
                        index = closing + 1;
                    }
                    (consumed, closing, _) => {
                        if let (Consumed::Tags, Some(slot)) = (
                            consumed,
                            closing.and_then(|closing| dropped.get_mut(closing)),
                        ) {
                            *slot = true;
                        }
                        expansion.replace(call.start, call.end, &output);
                    }
                }
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

    /// A warning of kind `kind` at `call`.
    fn report(&mut self, call: &Call, kind: DiagnosticKind) {
        self.findings.push(Finding {
            offset: call.start,
            severity: Severity::Warning,
            kind,
        });
    }

    /// A warning that `call` is left out of the page, saying why.
    fn warn(&mut self, call: &Call, message: &str) {
        let kind = DiagnosticKind::BadShortcode {
            name: call.name.clone(),
            message: message.to_owned(),
        };
        self.report(call, kind);
    }

    /// What a call (with its inner content when it is paired) expands to, and how much of
    /// the input that output stands for.
    /// `paired`: the inner content and where the closing call ends.
    fn call(
        &mut self,
        call: &Call,
        paired: Option<(&str, usize)>,
        site: &Site,
        page: &PageEntry,
        param_indexes: &mut ParamIndexes,
    ) -> (String, Consumed) {
        let inner = paired.map(|(inner, _)| inner);
        let end = paired.map_or(call.end, |(_, end)| end);
        let ordinal = self.ordinals.entry(call.name.clone()).or_insert(0);
        let this_ordinal = *ordinal;
        *ordinal += 1;
        if call.name.ends_with(".inline") {
            let output = self.inline(call, inner, end, this_ordinal, site, page);
            return (output, Consumed::Whole);
        }
        if let Some(output) = self.output_call(call, site) {
            return (output, Consumed::Tags);
        }
        if !call.named.is_empty() && !call.positional.is_empty() {
            self.warn(call, "positional and named parameters cannot be mixed");
            return (String::new(), Consumed::Tags);
        }
        let templates = site.config().templates.to_run();
        // `ref` and `relref` stay ours: they are how links are resolved and checked.
        let templated = templates
            .filter(|templates| templates.has(&call.name))
            .filter(|_| !matches!(call.name.as_str(), "ref" | "relref"));
        if let Some(templates) = templated {
            let inner_text =
                inner.map(|inner| self.inner_for_template(inner, call.end, site, page));
            let template_call = template_call(call, inner_text, this_ordinal);
            match templates.render(&template_call, site, page) {
                Ok(output) => return (self.template_output(call, end, output), Consumed::Whole),
                Err(reason) if is_builtin(&call.name) => self.report(
                    call,
                    DiagnosticKind::BadShortcode {
                        name: call.name.clone(),
                        message: format!("the site's template {reason}: the built-in one is used"),
                    },
                ),
                Err(reason) => {
                    let kind = DiagnosticKind::UnrenderedShortcode {
                        name: call.name.clone(),
                        reason,
                    };
                    self.report(call, kind);
                    return (String::new(), Consumed::Tags);
                }
            }
        }
        self.builtin(call, inner, site, page, param_indexes)
    }

    /// A built-in shortcode's output.
    fn builtin(
        &mut self,
        call: &Call,
        inner: Option<&str>,
        site: &Site,
        page: &PageEntry,
        param_indexes: &mut ParamIndexes,
    ) -> (String, Consumed) {
        let args = Args {
            named: &call.named,
            positional: &call.positional,
        };
        let html = match call.name.as_str() {
            "ref" | "relref" => return (self.reference(call, site, page), Consumed::Tags),
            "param" => return (self.param(call, site, page, param_indexes), Consumed::Tags),
            // Hugo's deprecated `comment`: nothing, its inner content included.
            "comment" => return (String::new(), Consumed::Whole),
            "details" | "collapse" | "rawhtml" | "highlight" => {
                // `{{< details />}}`: no inner content.
                let inner = inner.or(call.self_closing.then_some(""));
                let Some(inner) = inner else {
                    let kind = DiagnosticKind::UnterminatedShortcode {
                        name: call.name.clone(),
                    };
                    self.report(call, kind);
                    return (String::new(), Consumed::Tags);
                };
                return (self.paired(call, inner, site, page), Consumed::Whole);
            }
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
                Ok(html)
            }
            "youtube" | "vimeo" | "vimeo_simple" => {
                builtin::video(&args, call.name == "youtube").ok_or("needs a valid id, as id=\"…\"")
            }
            "x" | "x_simple" | "tweet" | "twitter" | "twitter_simple" => {
                builtin::x_post(&args).ok_or("needs a numeric id and a valid user, as id=\"…\"")
            }
            "gist" => embeds::gist(&args).ok_or("needs a user and a gist id, as gist user id"),
            "instagram" | "instagram_simple" => {
                embeds::instagram(&args).ok_or("needs the post's id, as instagram id")
            }
            "qr" => embeds::qr(&args, inner).ok_or("needs the text to encode, as text=\"…\""),
            _ => {
                let kind = DiagnosticKind::UnknownShortcode {
                    name: call.name.clone(),
                };
                self.report(call, kind);
                return (String::new(), Consumed::Tags);
            }
        };
        // `qr` may take its text as inner content; the others take none.
        let consumed = if call.name == "qr" {
            Consumed::Whole
        } else {
            Consumed::Tags
        };
        match html {
            Ok(html) => (self.trusted(html), consumed),
            Err(message) => {
                self.warn(call, message);
                (String::new(), Consumed::Tags)
            }
        }
    }

    /// An inline shortcode: a definition (paired: its inner content is the template) or a
    /// use of one defined before. Rendered by the build when the site enables them; else
    /// left out, its template with it, as Hugo leaves it out.
    fn inline(
        &mut self,
        call: &Call,
        inner: Option<&str>,
        end: usize,
        ordinal: usize,
        site: &Site,
        page: &PageEntry,
    ) -> String {
        let templates = site.config().templates.to_run();
        let Some(templates) = templates.filter(|templates| templates.inline_enabled()) else {
            let reason = "inline shortcodes run only with enableInlineShortcodes = true".to_owned();
            self.report(
                call,
                DiagnosticKind::UnrenderedShortcode {
                    name: call.name.clone(),
                    reason,
                },
            );
            return String::new();
        };
        if let Some(source) = inner {
            self.inline_templates
                .push((call.name.clone(), source.to_owned()));
        }
        let source = self
            .inline_templates
            .iter()
            .rev()
            .find(|(name, _)| *name == call.name)
            .map(|(_, source)| source.clone());
        let result = match source {
            Some(source) => {
                templates.render_inline(&source, &template_call(call, None, ordinal), site, page)
            }
            None => Err("is used before it is defined".to_owned()),
        };
        match result {
            Ok(output) => self.template_output(call, end, output),
            Err(reason) => {
                self.report(
                    call,
                    DiagnosticKind::UnrenderedShortcode {
                        name: call.name.clone(),
                        reason,
                    },
                );
                String::new()
            }
        }
    }

    /// The call the build wrote for a template's output ([`browser_markdown`]).
    /// Or a formula's MathML that it wrote ([`math::write_calls`]), trusted where the build
    /// wrote it: always in the browser, whose Markdown is the build's (checked by its
    /// integrity).
    fn output_call(&mut self, call: &Call, site: &Site) -> Option<String> {
        let trusts_math = cfg!(target_arch = "wasm32") || site.config().trust_math_calls;
        let markdown_style = match call.name.as_str() {
            HTML_OUTPUT => Some(false),
            MARKDOWN_OUTPUT => Some(true),
            math::MATH_CALL if trusts_math => None,
            _ => return None,
        };
        let value = call.positional.first().map_or("", String::as_str);
        let output = raw_string_text(value);
        Some(match markdown_style {
            Some(markdown_style) => self.output_text(&output, markdown_style, call.start),
            None => self.trusted(output),
        })
    }

    /// A template's output in the text: Markdown as it is, HTML through the allowlist;
    /// recorded for [`browser_markdown`].
    /// `end`: where the call ends, its closing call included.
    fn template_output(&mut self, call: &Call, end: usize, output: String) -> String {
        let text = self.output_text(&output, call.markdown_style, call.start);
        self.template_outputs.push(TemplateOutput {
            start: call.start,
            end,
            output,
            markdown_style: call.markdown_style,
        });
        text
    }

    /// What a template's `output` puts in the text at `offset`.
    fn output_text(&mut self, output: &str, markdown_style: bool, offset: usize) -> String {
        if markdown_style {
            return markdown::without_marker_characters(output).into_owned();
        }
        let (html, images) = sanitize_fragment(output);
        self.images.extend(
            images
                .into_iter()
                .map(|(src, _)| ImageSource { src, offset }),
        );
        self.trusted(html)
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
                ParamIndex::of(&site.config().params),
            )
        });
        let value = page_order
            .find(&page.params, key)
            .or_else(|| site_order.find(&site.config().params, key));
        match value {
            Some(value) if call.markdown_style => value.to_owned(),
            Some(value) => self.trusted(escape_html(value)),
            None => {
                self.warn(call, &format!("param \"{key}\" not found"));
                String::new()
            }
        }
    }

    /// A paired built-in with its inner text (which starts right after the call).
    fn paired(&mut self, call: &Call, inner: &str, site: &Site, page: &PageEntry) -> String {
        let args = Args {
            named: &call.named,
            positional: &call.positional,
        };
        if call.name == "highlight" {
            return self.trusted(builtin::highlight(&args, inner));
        }
        if self.depth >= MAX_DEPTH {
            self.warn(call, "nested too deeply");
            return String::new();
        }
        match call.name.as_str() {
            "rawhtml" => {
                let html = self.inner_html(inner, call.end, site, page, true);
                self.output_text(&html, call.markdown_style, call.start)
            }
            "collapse" => {
                // PaperMod's: `openByDefault=true`, written bare (a boolean).
                let open = call
                    .named
                    .iter()
                    .zip(named_bare(call))
                    .any(|((key, value), bare)| key == "openByDefault" && value == "true" && bare);
                let summary = args.get("summary", None).unwrap_or("").to_owned();
                let mut named = vec![("summary".to_owned(), summary)];
                if open {
                    named.push(("open".to_owned(), "true".to_owned()));
                }
                let details_args = Args {
                    named: &named,
                    positional: &[],
                };
                let inner_html = self.render_inner(inner, call.end, site, page);
                self.trusted(builtin::details(&details_args, site, page, &inner_html))
            }
            _ => {
                let inner_html = self.render_inner(inner, call.end, site, page);
                self.trusted(builtin::details(&args, site, page, &inner_html))
            }
        }
    }

    /// Inner content with its shortcodes expanded, as a nested expansion whose problems,
    /// images and (when `browser_runs_it`: the enclosing call is a built-in the browser runs
    /// too) template outputs are ours, placed at `inner_start` on.
    fn expand_inner(
        &mut self,
        inner: &str,
        inner_start: usize,
        site: &Site,
        page: &PageEntry,
        browser_runs_it: bool,
    ) -> Expansion {
        let nested = expand_at(inner, site, page, self.depth + 1);
        for finding in &nested.findings {
            self.findings.push(Finding {
                offset: inner_start + finding.offset,
                ..finding.clone()
            });
        }
        self.images
            .extend(nested.images.iter().map(|image| ImageSource {
                offset: inner_start + image.offset,
                ..image.clone()
            }));
        if browser_runs_it {
            let outputs = nested.template_outputs.iter().map(|output| TemplateOutput {
                start: inner_start + output.start,
                end: inner_start + output.end,
                ..output.clone()
            });
            self.template_outputs.extend(outputs);
        }
        nested
    }

    /// Hugo's `.Inner`: the inner content with its shortcodes' output in their place.
    fn inner_html(
        &mut self,
        inner: &str,
        inner_start: usize,
        site: &Site,
        page: &PageEntry,
        browser_runs_it: bool,
    ) -> String {
        if self.depth >= MAX_DEPTH {
            return inner.to_owned();
        }
        let nested = self.expand_inner(inner, inner_start, site, page, browser_runs_it);
        replace_markers(&nested.text, &nested.trusted_html, true)
    }

    /// `.Inner` for a site template, which the browser does not run.
    fn inner_for_template(
        &mut self,
        inner: &str,
        inner_start: usize,
        site: &Site,
        page: &PageEntry,
    ) -> String {
        self.inner_html(inner, inner_start, site, page, false)
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
        let nested = self.expand_inner(inner, inner_start, site, page, true);
        let rendered = builtin::render_markdown(site, page, &nested.text, &nested.trusted_html);
        for finding in rendered.findings {
            let offset = inner_start + nested.source_offset(finding.offset);
            self.findings.push(Finding { offset, ..finding });
        }
        self.images
            .extend(rendered.images.into_iter().map(|image| ImageSource {
                offset: inner_start + nested.source_offset(image.offset),
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
            self.warn(
                call,
                "needs a page path, as the first parameter or path=\"…\"",
            );
            return String::new();
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
                self.report(call, kind);
                guessed_url
            }
        };
        if call.name == "ref" && url.starts_with('/') {
            format!("{}{url}", site.config().base_origin())
        } else {
            url
        }
    }
}

/// Whether each named argument of `call` was written bare.
fn named_bare(call: &Call) -> impl Iterator<Item = bool> + '_ {
    call.bare.iter().skip(call.positional.len()).copied()
}

/// `call` as its template sees it.
fn template_call(call: &Call, inner: Option<String>, ordinal: usize) -> TemplateCall<'_> {
    let positional = call
        .positional
        .iter()
        .zip(call.bare.iter().copied())
        .map(|(value, bare)| (value.as_str(), bare))
        .collect();
    let named = call
        .named
        .iter()
        .zip(named_bare(call))
        .map(|((key, value), bare)| (key.as_str(), value.as_str(), bare))
        .collect();
    TemplateCall {
        name: &call.name,
        positional,
        named,
        inner,
        markdown_style: call.markdown_style,
        ordinal,
    }
}

/// Shortcodes this reader expands itself (Hugo's built-ins and PaperMod's common ones).
fn is_builtin(name: &str) -> bool {
    matches!(
        name,
        "ref" | "relref" | "figure" | "param" | "details" | "highlight" | "comment" | "qr"
    ) || matches!(
        name,
        "youtube" | "vimeo" | "vimeo_simple" | "x" | "x_simple" | "tweet" | "twitter"
    ) || matches!(
        name,
        "twitter_simple" | "gist" | "instagram" | "instagram_simple" | "rawhtml" | "collapse"
    )
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
        position = item_end(&item);
        items.push((start, item));
    }
    items
}

fn item_end(item: &Scanned) -> usize {
    match item {
        Scanned::Call(Call { end, .. })
        | Scanned::Escape { end, .. }
        | Scanned::Broken { end, .. } => *end,
    }
}

/// Where a call that cannot be read, starting at `start`, ends: just past the first `close`
/// (`>}}` or `%}}`) before the next call's `{{` and before a blank line, so the whole call is
/// left out of the page; without one, its end is unknown and only its `{{<` counts as the
/// call (the rest stays text). Reads no further than the next `{{`, so a page of such calls
/// is read in linear time.
fn broken_end(text: &str, start: usize, close: &str) -> usize {
    let bytes = text.as_bytes();
    let after_open = start + 3;
    let mut position = after_open;
    while let Some(&byte) = bytes.get(position) {
        let next = bytes.get(position + 1..).unwrap_or_default();
        if bytes.get(position..position + close.len()) == Some(close.as_bytes()) {
            return position + close.len();
        }
        let ends_paragraph =
            byte == b'\n' && (next.starts_with(b"\n") || next.starts_with(b"\r\n"));
        if ends_paragraph || (byte == b'{' && next.starts_with(b"{")) {
            break;
        }
        position += 1;
    }
    after_open
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
                end: after_open,
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
        Err(kind) => Scanned::Broken {
            kind,
            end: broken_end(text, start, close),
        },
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
            bare: Vec::new(),
        };
        let mut named_bare = Vec::new();
        loop {
            self.skip_whitespace();
            let rest = self.rest();
            if rest.is_empty() {
                return Err(DiagnosticKind::UnterminatedShortcode { name: call.name });
            }
            if rest.starts_with(self.close) {
                call.end = self.position + self.close.len();
                call.bare.append(&mut named_bare);
                return Ok(call);
            }
            if rest
                .strip_prefix('/')
                .is_some_and(|after| after.starts_with(self.close))
            {
                call.self_closing = true;
                call.end = self.position + 1 + self.close.len();
                call.bare.append(&mut named_bare);
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
                named_bare.push(named_value.is_bare);
                call.named.push((value.text, named_value.text));
            } else {
                call.bare.push(value.is_bare);
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
    use crate::site::PageKind;
    use crate::testing::{entry, site};

    const SEED: &str = "content/posts/ai_frameworks/_index.md";

    fn seed_site() -> Site {
        let mut site = site(vec![
            entry(SEED, PageKind::Section, "/posts/ai_frameworks/"),
            entry("content/posts/a.md", PageKind::Page, "/posts/a/"),
        ]);
        site.update_config(|config| config.base_url = "https://example.org/".to_owned());
        site
    }

    fn expanded(text: &str) -> Expansion {
        let site = seed_site();
        let page = site
            .pages()
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
    fn an_unknown_shortcode_is_left_out_and_keeps_its_inner_text() {
        let result = expanded("a {{< gallery dir=\"x\" >}}inner{{< /gallery >}} b");
        assert_eq!(result.text, "a inner b");
        assert!(result.trusted_html.is_empty());
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
        assert_eq!(result.text, "abc ");
        assert_eq!(
            result.findings.len(),
            3,
            "one per opening, none for the closings"
        );
        let stray = expanded("a {{< /note >}} b");
        assert_eq!(stray.text, "a  b");
        assert_eq!(kinds(&stray).len(), 1);
    }

    #[test]
    fn an_unterminated_call_is_reported_and_the_rest_renders() {
        let text = "before {{< relref \"a\"\nafter";
        let result = expanded(text);
        assert_eq!(
            kinds(&result),
            [DiagnosticKind::UnterminatedShortcode {
                name: "relref".to_owned()
            }]
        );
        assert_eq!(
            result.text, text,
            "where it ends is unknown: it stays as written"
        );
        let quote = expanded("a {{< relref \"a >}} b");
        assert_eq!(kinds(&quote).len(), 1);
        assert_eq!(quote.text, "a  b", "a call that cannot be read is left out");
        let other_quotes = expanded("{{< figure src=\"x\" class='y' >}}\n\n{{< x");
        assert_eq!(kinds(&other_quotes).len(), 2);
        assert_eq!(other_quotes.text, "\n\n{{< x");
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
        let page = site.pages().first().cloned();
        let page = page.unwrap_or_else(|| entry("", PageKind::Page, "/"));
        crate::render::render_page(&site, &page, text).html
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
        assert!(!result.contains("javascript"), "{result}");
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
    fn highlight_is_a_highlighted_code_block_with_its_line_options() {
        assert_eq!(
            html(
                "{{< highlight go \"linenos=inline,hl_lines=2,style=monokai\" >}}\nfunc main() {\n  x := \"<a>\"\n}\n{{< /highlight >}}"
            ),
            "<div class=\"highlight\"><pre tabindex=\"0\"><code class=\"language-go\" \
             data-lang=\"go\"><span class=\"line\"><span class=\"ln\" data-ln=\"1\" \
             aria-hidden=\"true\"></span><span class=\"cl\"><span class=\"tok-keyword\">func\
             </span> main() {\n</span></span><span class=\"line hl\"><span class=\"ln\" \
             data-ln=\"2\" aria-hidden=\"true\"></span><span class=\"cl\">  x := <span \
             class=\"tok-string\">&quot;&lt;a&gt;&quot;</span>\n</span></span><span \
             class=\"line\"><span class=\"ln\" data-ln=\"3\" aria-hidden=\"true\"></span>\
             <span class=\"cl\">}\n</span></span></code></pre></div>\n"
        );
        assert_eq!(
            html("{{< highlight go \"style=monokai\" >}}\nx\n{{< /highlight >}}"),
            "<div class=\"highlight\"><pre tabindex=\"0\"><code class=\"language-go\" \
             data-lang=\"go\">x</code></pre></div>\n",
            "other options are ignored"
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
        assert_eq!(result.text, "a  b ");
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
        site.update_config(|config| {
            config.params = vec![
                ("author".to_owned(), "Ann".to_owned()),
                ("mood".to_owned(), "site".to_owned()),
            ]
        });
        let mut page = entry("content/posts/a.md", PageKind::Page, "/posts/a/");
        page.params = vec![("mood".to_owned(), "*happy* <b>".to_owned())];
        let render = |text| crate::render::render_page(&site, &page, text).html;
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
    fn gist_instagram_and_the_twitter_forms_are_links_to_the_post() {
        assert_eq!(
            html("{{< gist spf13 7896402 >}}"),
            "<p class=\"gist\"><a href=\"https://gist.github.com/spf13/7896402\">\
             Gist 7896402 by spf13 on GitHub</a></p>\n"
        );
        assert_eq!(
            html("{{< gist spf13 7896402 \"img <x>.html\" >}}"),
            "<p class=\"gist\"><a href=\"https://gist.github.com/spf13/7896402#file-img--x--html\">\
             img &lt;x&gt;.html by spf13 on GitHub Gist</a></p>\n"
        );
        assert_eq!(
            html("{{< instagram CxOWiQNP2MO hidecaption >}}"),
            "<p class=\"instagram-post\"><a href=\"https://www.instagram.com/p/CxOWiQNP2MO/\">\
             Post on Instagram</a></p>\n"
        );
        assert_eq!(
            html("{{< twitter_simple SanDiegoZoo 1453110110599868418 >}}"),
            html("{{< x user=\"SanDiegoZoo\" id=\"1453110110599868418\" >}}")
        );
        assert!(html("{{< vimeo_simple 146022717 >}}").contains("player.vimeo.com"));
        let bad = expanded("{{< gist \"a/b\" 1 >}}{{< instagram >}}{{< twitter 1x >}}");
        assert_eq!(kinds(&bad).len(), 3);
        assert_eq!(bad.text, "", "a call that cannot be rendered is left out");
    }

    #[test]
    fn qr_shows_its_text_and_comment_shows_nothing() {
        assert_eq!(
            html("{{< qr text=\"https://gohugo.io\" />}}"),
            "<span class=\"qr\"><a href=\"https://gohugo.io\">https://gohugo.io</a></span>\n"
        );
        assert_eq!(
            html("{{< qr alt=\"Call\" >}}\ntel:+1 555\n{{< /qr >}}"),
            "<span class=\"qr\" title=\"Call\">tel:+1 555</span>\n"
        );
        let comment = expanded("a{{< comment >}}a *note*{{< /comment >}}b");
        assert_eq!(comment.text, "ab");
        assert!(comment.findings.is_empty());
    }

    #[test]
    fn rawhtml_goes_through_the_allowlist_and_iframes_become_links() {
        assert_eq!(
            html(
                "{{< rawhtml >}}\n<figure><img src=\"p.jpg\" onerror=\"x()\"><figcaption>A \
                 <b>cap</b></figcaption></figure>\n<script>alert(1)</script>\n\
                 <iframe src=\"https://www.youtube.com/embed/x\" title=\"Talk\"></iframe>\n{{< /rawhtml >}}"
            ),
            "\n<figure><img src=\"p.jpg\"><figcaption>A <b>cap</b></figcaption></figure>\n\n\
             <a class=\"media-link\" href=\"https://www.youtube.com/embed/x\">Talk</a>\n\n"
        );
        assert_eq!(
            html("a {{< rawhtml >}}<span>{{< relref \"a\" >}}{{< /rawhtml >}} b"),
            "<p>a <span>/posts/a/</span> b</p>\n",
            "its inner shortcodes are expanded, and what it opens is closed"
        );
        assert_eq!(
            html("{{< rawhtml >}}<iframe src=\"javascript:alert(1)\"></iframe>{{< /rawhtml >}}"),
            "\n"
        );
    }

    #[test]
    fn collapse_is_papermods_details() {
        assert_eq!(
            html(
                "{{< collapse summary=\"More *here*\" openByDefault=true >}}\nIn.\n{{< /collapse >}}"
            ),
            "<details open>\n  <summary>More <em>here</em></summary>\n  <p>In.</p>\n</details>\n"
        );
        assert!(
            !html("{{< collapse summary=\"x\" openByDefault=\"true\" >}}y{{< /collapse >}}")
                .contains("open"),
            "only the boolean true opens it, as in PaperMod"
        );
    }

    #[test]
    fn inline_shortcodes_are_left_out_with_their_template_unless_the_site_runs_them() {
        let result =
            expanded("a {{< time.inline >}}{{ now }}{{< /time.inline >}} b {{< time.inline />}} c");
        assert_eq!(result.text, "a  b  c");
        assert!(matches!(
            kinds(&result).as_slice(),
            [
                DiagnosticKind::UnrenderedShortcode { .. },
                DiagnosticKind::UnrenderedShortcode { .. }
            ]
        ));
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
