//! Running a parsed template against a shortcode call: Hugo's shortcode context (`.Get`,
//! `.Params`, `.Inner`, `.Page`, `.Site`…), variables, control structures, and the functions
//! simple templates use, and the site's and theme's partials. What it does not run
//! (resources, remote data, translations, regular expressions…) is an error naming it, and the
//! shortcode is left out.
//!
//! Bounded: at most [`MAX_STEPS`] steps, [`MAX_OUTPUT`] bytes of output and
//! [`MAX_TEMPLATE_DEPTH`] nested `template` calls per run.

use std::cmp::Ordering;

use super::parse::{Node, Operand, Pipeline, Template};
use super::value::{Value, params_map};
use super::{Parsed, Translations, note_counts_read, time};
use crate::date_parse::parse_date;
use crate::emoji::emojify;
use blogreader_content::builtin;
use blogreader_content::date::Date;
use blogreader_content::html::{decode_character_references, escape_html, plainify};
use blogreader_content::links;
use blogreader_content::site::templates::TemplateCall;
use blogreader_content::site::{PageEntry, PageKind, Site};

/// Steps (nodes, commands, loop turns) one run may take.
const MAX_STEPS: usize = 100_000;
/// Bytes of output one run may write.
const MAX_OUTPUT: usize = 1 << 20;
/// `template` calls nested deeper than this stop the run.
const MAX_TEMPLATE_DEPTH: usize = 16;
/// Items `seq` may make.
const MAX_SEQUENCE: i64 = 10_000;

type Outcome<T> = Result<T, String>;

/// What a list of nodes ended with.
enum Flow {
    Normal,
    Break,
    Continue,
    /// A partial's `return`: its value is in [`Run::returned`].
    Return,
}

/// One run of a template.
pub(crate) struct Run<'a> {
    pub call: &'a TemplateCall<'a>,
    pub site: &'a Site,
    pub page: &'a PageEntry,
    pub template: &'a Template,
    shared: Shared<'a>,
    variables: Vec<(String, Value)>,
    /// The scratch pads: the call's, then those `newScratch` made.
    scratch: Vec<Vec<(String, Value)>>,
    output: String,
    /// What a partial's `return` gave, until the partial's call takes it.
    returned: Option<Value>,
    steps: usize,
    depth: usize,
}

/// What every run of the site's templates reads.
#[derive(Clone, Copy)]
pub(crate) struct Shared<'a> {
    /// The site's partial templates, by file name (`note.html`, `shortcodes/tab.html`).
    pub partials: &'a [Parsed],
    /// The site's language's strings, for `i18n`.
    pub translations: &'a Translations,
}

/// Runs `template` for `call`: its output, or why it cannot be had.
pub(crate) fn run(
    template: &Template,
    shared: Shared,
    call: &TemplateCall,
    site: &Site,
    page: &PageEntry,
) -> Outcome<String> {
    let mut run = Run {
        call,
        site,
        page,
        template,
        shared,
        variables: vec![("$".to_owned(), Value::Shortcode)],
        scratch: vec![Vec::new()],
        output: String::new(),
        returned: None,
        steps: 0,
        depth: 0,
    };
    run.nodes(&template.nodes, &Value::Shortcode)?;
    Ok(run.output)
}

/// A date, or text read as one.
fn as_time(value: &Value) -> Outcome<Date> {
    match value {
        Value::Time(date) => Ok(*date),
        other => parse_date(&other.text(), 0),
    }
}

fn unsupported(what: &str) -> String {
    format!("uses {what}, which this reader does not run")
}

impl<'a> Run<'a> {
    fn step(&mut self) -> Outcome<()> {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return Err(format!("takes more than {MAX_STEPS} steps"));
        }
        Ok(())
    }

    fn write(&mut self, value: &Value) -> Outcome<()> {
        match value {
            Value::Html(html) => self.output.push_str(html),
            other => self.output.push_str(&escape_html(&other.text())),
        }
        if self.output.len() > MAX_OUTPUT {
            return Err(format!("writes more than {MAX_OUTPUT} bytes"));
        }
        Ok(())
    }

    fn nodes(&mut self, nodes: &[Node], dot: &Value) -> Outcome<Flow> {
        for node in nodes {
            self.step()?;
            let flow = match node {
                Node::Text(text) => {
                    self.output.push_str(text);
                    Flow::Normal
                }
                Node::Action(pipeline) => {
                    let value = self.pipeline(pipeline, dot)?;
                    if self.returned.is_some() {
                        return Ok(Flow::Return);
                    }
                    if pipeline.variables.is_empty() {
                        self.write(&value)?;
                    }
                    Flow::Normal
                }
                Node::If(branches, otherwise) => {
                    self.conditional(branches, otherwise, dot, false)?
                }
                Node::With(branches, otherwise) => {
                    self.conditional(branches, otherwise, dot, true)?
                }
                Node::Range {
                    variables,
                    pipeline,
                    body,
                    otherwise,
                } => self.range(variables, pipeline, body, otherwise, dot)?,
                Node::Break => Flow::Break,
                Node::Continue => Flow::Continue,
                Node::Template(name, argument) => {
                    let argument = match argument {
                        Some(pipeline) => self.pipeline(pipeline, dot)?,
                        None => Value::Nil,
                    };
                    self.template(name, argument)?;
                    Flow::Normal
                }
            };
            if !matches!(flow, Flow::Normal) {
                return Ok(flow);
            }
        }
        Ok(Flow::Normal)
    }

    fn conditional(
        &mut self,
        branches: &[(Pipeline, Vec<Node>)],
        otherwise: &[Node],
        dot: &Value,
        with: bool,
    ) -> Outcome<Flow> {
        let scope = self.variables.len();
        for (condition, body) in branches {
            let value = self.pipeline(condition, dot)?;
            if value.truthy() {
                let inner_dot = if with { value } else { dot.clone() };
                let flow = self.nodes(body, &inner_dot);
                self.variables.truncate(scope);
                return flow;
            }
        }
        let flow = self.nodes(otherwise, dot);
        self.variables.truncate(scope);
        flow
    }

    fn range(
        &mut self,
        variables: &[String],
        pipeline: &Pipeline,
        body: &[Node],
        otherwise: &[Node],
        dot: &Value,
    ) -> Outcome<Flow> {
        let value = self.pipeline(pipeline, dot)?;
        let items: Vec<(Value, Value)> = match value {
            Value::List(items) => items
                .into_iter()
                .enumerate()
                .map(|(index, item)| (Value::Int(index as i64), item))
                .collect(),
            Value::Map(mut entries) => {
                // Go ranges over a map in key order.
                entries.sort_by(|(a, _), (b, _)| a.cmp(b));
                entries
                    .into_iter()
                    .map(|(key, item)| (Value::Str(key), item))
                    .collect()
            }
            Value::Int(count) => (0..count.clamp(0, MAX_SEQUENCE))
                .map(|index| (Value::Int(index), Value::Int(index)))
                .collect(),
            Value::Nil => Vec::new(),
            other => return Err(format!("cannot range over {}", other.text())),
        };
        if items.is_empty() {
            return self.nodes(otherwise, dot);
        }
        let scope = self.variables.len();
        for (key, item) in items {
            self.step()?;
            match variables {
                [element] => self.variables.push((element.clone(), item.clone())),
                [index, element] => {
                    self.variables.push((index.clone(), key));
                    self.variables.push((element.clone(), item.clone()));
                }
                _ => {}
            }
            let flow = self.nodes(body, &item);
            self.variables.truncate(scope);
            match flow? {
                Flow::Break => break,
                Flow::Return => return Ok(Flow::Return),
                Flow::Normal | Flow::Continue => {}
            }
        }
        Ok(Flow::Normal)
    }

    fn template(&mut self, name: &str, argument: Value) -> Outcome<()> {
        let template = self.template;
        let Some((_, body)) = template
            .defines
            .iter()
            .rev()
            .find(|(defined, _)| defined == name)
        else {
            return Err(unsupported(&format!(
                "the template \"{name}\" of another file"
            )));
        };
        self.depth += 1;
        if self.depth > MAX_TEMPLATE_DEPTH {
            return Err("calls templates nested too deeply".to_owned());
        }
        // A called template has its own variables, `$` being its argument.
        let outer = std::mem::replace(
            &mut self.variables,
            vec![("$".to_owned(), argument.clone())],
        );
        let flow = self.nodes(body, &argument);
        self.variables = outer;
        self.depth -= 1;
        flow.map(drop)
    }

    /// `partial "name" context`: the partial's output, as HTML.
    fn partial(&mut self, name: &str, context: Value) -> Outcome<Value> {
        let partials = self.shared.partials;
        let found = partials
            .iter()
            .find(|(known, _, _)| known == name || known.strip_suffix(".html") == Some(name));
        let Some((_, path, parsed)) = found else {
            return Err(format!(
                "uses the partial \"{name}\", which the site does not have"
            ));
        };
        let template = parsed
            .as_ref()
            .map_err(|error| format!("uses {path}, which cannot be read: {}", error.message))?;
        self.depth += 1;
        if self.depth > MAX_TEMPLATE_DEPTH {
            return Err("calls templates nested too deeply".to_owned());
        }
        let outer_template = std::mem::replace(&mut self.template, template);
        let outer_variables =
            std::mem::replace(&mut self.variables, vec![("$".to_owned(), context.clone())]);
        let outer_output = std::mem::take(&mut self.output);
        let flow = self.nodes(&template.nodes, &context);
        let output = std::mem::replace(&mut self.output, outer_output);
        self.variables = outer_variables;
        self.template = outer_template;
        self.depth -= 1;
        flow.map_err(|reason| format!("{reason} (in {path})"))?;
        Ok(self.returned.take().unwrap_or(Value::Html(output)))
    }

    fn pipeline(&mut self, pipeline: &Pipeline, dot: &Value) -> Outcome<Value> {
        let mut value = None;
        for command in &pipeline.commands {
            self.step()?;
            value = Some(self.command(command, dot, value)?);
        }
        let value = value.unwrap_or(Value::Nil);
        for name in &pipeline.variables {
            if pipeline.assign {
                let slot = self
                    .variables
                    .iter_mut()
                    .rev()
                    .find(|(known, _)| known == name);
                match slot {
                    Some((_, slot)) => *slot = value.clone(),
                    None => return Err(format!("assigns {name}, which is not declared")),
                }
            } else {
                self.variables.push((name.clone(), value.clone()));
            }
        }
        Ok(value)
    }

    fn variable(&self, name: &str) -> Outcome<Value> {
        self.variables
            .iter()
            .rev()
            .find(|(known, _)| known == name)
            .map(|(_, value)| value.clone())
            .ok_or_else(|| format!("uses {name}, which is not declared"))
    }

    /// One command: a function call, a method call with arguments, or a value; `piped` is
    /// the value of the command before it, its last argument.
    fn command(
        &mut self,
        operands: &[Operand],
        dot: &Value,
        piped: Option<Value>,
    ) -> Outcome<Value> {
        let Some((first, rest)) = operands.split_first() else {
            return Ok(Value::Nil);
        };
        if let Operand::Function(name) = first {
            // `and` and `or` stop at the first value that decides.
            if name == "and" || name == "or" {
                let mut last = Value::Bool(name == "and");
                for operand in rest {
                    last = self.operand(operand, dot)?;
                    if last.truthy() != (name == "and") {
                        return Ok(last);
                    }
                }
                if let Some(piped) = piped {
                    last = piped;
                }
                return Ok(last);
            }
        }
        let mut arguments = Vec::with_capacity(rest.len() + 1);
        for operand in rest {
            arguments.push(self.operand(operand, dot)?);
        }
        arguments.extend(piped);
        match first {
            // `site.Params.x`: the site's (or page's) fields.
            Operand::Function(name) if name.starts_with("site.") || name.starts_with("page.") => {
                let mut parts = name.split('.');
                let value = if parts.next() == Some("site") {
                    Value::Site
                } else {
                    Value::Page
                };
                let chain: Vec<String> = parts.map(str::to_owned).collect();
                self.chain(value, &chain, arguments)
            }
            Operand::Function(name) => self.function(name, arguments),
            Operand::Field(chain) => self.chain(dot.clone(), chain, arguments),
            Operand::Variable(name, chain) => {
                let value = self.variable(name)?;
                self.chain(value, chain, arguments)
            }
            Operand::Group(pipeline, chain) => {
                let value = self.pipeline(pipeline, dot)?;
                self.chain(value, chain, arguments)
            }
            Operand::Dot | Operand::Literal(_) if !arguments.is_empty() => {
                Err("gives arguments to a value that is no function".to_owned())
            }
            Operand::Dot => Ok(dot.clone()),
            Operand::Literal(value) => Ok(value.clone()),
        }
    }

    fn operand(&mut self, operand: &Operand, dot: &Value) -> Outcome<Value> {
        self.command(std::slice::from_ref(operand), dot, None)
    }

    /// `.A.B.C args`: fields in turn, the last one given the arguments.
    fn chain(
        &mut self,
        mut value: Value,
        chain: &[String],
        arguments: Vec<Value>,
    ) -> Outcome<Value> {
        let Some((last, before)) = chain.split_last() else {
            return if arguments.is_empty() {
                Ok(value)
            } else {
                Err("gives arguments to a value that is no function".to_owned())
            };
        };
        for name in before {
            value = self.field(&value, name, Vec::new())?;
        }
        self.field(&value, last, arguments)
    }

    fn field(&mut self, receiver: &Value, name: &str, arguments: Vec<Value>) -> Outcome<Value> {
        let first = arguments.first().cloned().unwrap_or(Value::Nil);
        match receiver {
            Value::Shortcode => self.shortcode_field(name, &first),
            Value::Page => self.page_field(self.page, name, arguments),
            // A page that is gone from the site (never, in one build) has no fields.
            Value::PageAt(url) => match self.site.page_by_url(url) {
                Some(page) => self.page_field(page, name, arguments),
                None => Ok(Value::Nil),
            },
            Value::Site => self.site_field(name, &first),
            Value::Scratch(pad) => self.scratch(*pad, name, arguments),
            Value::Time(date) => time::field(date, name, &arguments),
            Value::Map(_) => Ok(receiver.entry(name)),
            // A field of nothing is nothing (Hugo's templates guard these with `with`).
            Value::Nil => Ok(Value::Nil),
            other => Err(format!(
                "reads .{name} of {:?}, which has no fields",
                other.text()
            )),
        }
    }

    fn shortcode_field(&mut self, name: &str, first: &Value) -> Outcome<Value> {
        let call = self.call;
        Ok(match name {
            "Get" => match first {
                Value::Int(index) => usize::try_from(*index)
                    .ok()
                    .and_then(|index| call.positional.get(index))
                    .map_or(Value::Nil, |(text, bare)| Value::argument(text, *bare)),
                other => {
                    let key = other.text();
                    call.named
                        .iter()
                        .find(|(name, _, _)| *name == key)
                        .map_or(Value::Nil, |(_, text, bare)| Value::argument(text, *bare))
                }
            },
            "Params" if call.named.is_empty() => Value::List(
                call.positional
                    .iter()
                    .map(|(text, bare)| Value::argument(text, *bare))
                    .collect(),
            ),
            "Params" => Value::Map(
                call.named
                    .iter()
                    .map(|(name, text, bare)| ((*name).to_owned(), Value::argument(text, *bare)))
                    .collect(),
            ),
            "Inner" => Value::Html(call.inner.clone().unwrap_or_default()),
            "InnerDeindent" => Value::Html(deindent(call.inner.as_deref().unwrap_or(""))),
            "Name" => Value::Str(call.name.to_owned()),
            "IsNamedParams" => Value::Bool(!call.named.is_empty()),
            "Ordinal" => Value::Int(i64::try_from(call.ordinal).unwrap_or(i64::MAX)),
            "Position" => Value::Str(self.page.source.clone()),
            "Page" => Value::Page,
            "Site" => Value::Site,
            "Scratch" | "Store" => Value::Scratch(0),
            other => return Err(unsupported(&format!(".{other} of a shortcode"))),
        })
    }

    /// `.name` of `page`: the shortcode's own page or one `GetPage` found.
    fn page_field(
        &mut self,
        page: &'a PageEntry,
        name: &str,
        arguments: Vec<Value>,
    ) -> Outcome<Value> {
        let first = arguments.first().cloned().unwrap_or(Value::Nil);
        let is_own = page.url == self.page.url;
        Ok(match name {
            "Title" => Value::Str(page.title.clone()),
            "LinkTitle" => Value::Str(
                page.link_title
                    .clone()
                    .unwrap_or_else(|| page.title.clone()),
            ),
            "Description" => Value::Str(page.description.clone()),
            "Permalink" => Value::Str(self.site.absolute_url(&page.url)),
            "RelPermalink" => Value::Str(page.url.clone()),
            "Params" => params_map(&page.params),
            "Param" => page
                .param(self.site, &first.text())
                .map_or(Value::Nil, Value::param),
            "Section" => Value::Str(
                page.url
                    .trim_start_matches(&self.site.config().base_path())
                    .split('/')
                    .find(|segment| !segment.is_empty())
                    .unwrap_or("")
                    .to_owned(),
            ),
            "Kind" => Value::Str(format!("{:?}", page.kind).to_lowercase()),
            "WordCount" => {
                note_counts_read();
                Value::Int(i64::try_from(page.word_count).unwrap_or(0))
            }
            "ReadingTime" => {
                note_counts_read();
                Value::Int(i64::try_from(page.reading_time).unwrap_or(0))
            }
            "Draft" => Value::Bool(false),
            // Unset, Hugo's publish date and lastmod are the date, and an unset date is Go's
            // zero time.
            "Date" | "PublishDate" => Value::Time(page.date.unwrap_or(time::ZERO)),
            "Lastmod" => Value::Time(page.lastmod.or(page.date).unwrap_or(time::ZERO)),
            "BundleType" => Value::Str(
                if page.kind == PageKind::Section {
                    "branch"
                } else if page.source.ends_with("/index.md") {
                    "leaf"
                } else {
                    ""
                }
                .to_owned(),
            ),
            "File" => {
                let path = page.source.strip_prefix("content/").unwrap_or(&page.source);
                let (dir, file_name) = path.rsplit_once('/').unwrap_or(("", path));
                let (base, extension) = file_name.rsplit_once('.').unwrap_or((file_name, ""));
                let text = |value: &str| Value::Str(value.to_owned());
                Value::Map(vec![
                    ("Path".to_owned(), text(path)),
                    (
                        "Dir".to_owned(),
                        Value::Str(format!("{dir}/").trim_start_matches('/').to_owned()),
                    ),
                    ("LogicalName".to_owned(), text(file_name)),
                    ("BaseFileName".to_owned(), text(base)),
                    (
                        "ContentBaseName".to_owned(),
                        text(if matches!(base, "index" | "_index") {
                            dir.rsplit('/').next().unwrap_or(base)
                        } else {
                            base
                        }),
                    ),
                    ("Ext".to_owned(), text(extension)),
                ])
            }
            "Site" => Value::Site,
            "Page" => self.page_value(page),
            "GetPage" => self.get_page(&first.text(), &page.source),
            "Scratch" | "Store" if is_own => Value::Scratch(0),
            "RenderString" => {
                // `.RenderString [options] text`: a dict of options may come first.
                let block = arguments.first().map(|options| options.entry("display"))
                    == Some(Value::Str("block".to_owned()));
                let text = arguments.last().map(Value::text).unwrap_or_default();
                let html = if block {
                    builtin::render_markdown(self.site, page, &text, &[]).html
                } else {
                    builtin::markdownify(self.site, page, &text)
                };
                Value::Html(html)
            }
            other => return Err(unsupported(&format!(".Page.{other}"))),
        })
    }

    /// The value standing for `page`: the shortcode's own, or another.
    fn page_value(&self, page: &PageEntry) -> Value {
        if page.url == self.page.url {
            Value::Page
        } else {
            Value::PageAt(page.url.clone())
        }
    }

    /// Hugo's `GetPage`: the page at `path`, found as `ref` finds it from the page whose
    /// source is `from_source` (the site's root for `.Site.GetPage`); nil when none is.
    fn get_page(&self, path: &str, from_source: &str) -> Value {
        links::resolve(path, from_source, self.site)
            .ok()
            .and_then(|url| self.site.page_by_url(&url))
            .map_or(Value::Nil, |page| self.page_value(page))
    }

    fn site_field(&self, name: &str, first: &Value) -> Outcome<Value> {
        let config = &self.site.config();
        Ok(match name {
            "GetPage" => self.get_page(&first.text(), ""),
            "Title" => Value::Str(config.title.clone()),
            "BaseURL" => Value::Str(config.base_url.clone()),
            "LanguageCode" => Value::Str(config.language_code.clone()),
            "Params" => params_map(&config.params),
            "Site" => Value::Site,
            other => return Err(unsupported(&format!(".Site.{other}"))),
        })
    }

    fn scratch(&mut self, pad: usize, name: &str, arguments: Vec<Value>) -> Outcome<Value> {
        let key = arguments.first().map(Value::text).unwrap_or_default();
        let value = arguments.last().cloned().unwrap_or(Value::Nil);
        let Some(pad) = self.scratch.get_mut(pad) else {
            return Ok(Value::Nil);
        };
        let slot = pad.iter().position(|(known, _)| *known == key);
        let current = slot
            .and_then(|index| pad.get(index))
            .map(|(_, v)| v.clone());
        let new = match name {
            "Get" => return Ok(current.unwrap_or(Value::Nil)),
            "Set" => value,
            "Add" => match current {
                Some(current) => add(&current, &value)?,
                None => value,
            },
            // `SetInMap key mapKey value`: the map under `key` gets `mapKey`.
            "SetInMap" => {
                let map_key = arguments.get(1).map(Value::text).unwrap_or_default();
                let mut entries = match current {
                    Some(Value::Map(entries)) => entries,
                    _ => Vec::new(),
                };
                entries.retain(|(known, _)| *known != map_key);
                entries.push((map_key, value));
                Value::Map(entries)
            }
            "Delete" => {
                pad.retain(|(known, _)| *known != key);
                return Ok(Value::Str(String::new()));
            }
            "Values" => return Ok(Value::Map(pad.clone())),
            other => return Err(unsupported(&format!(".Scratch.{other}"))),
        };
        match slot.and_then(|index| pad.get_mut(index)) {
            Some((_, stored)) => *stored = new,
            None => pad.push((key, new)),
        }
        Ok(Value::Str(String::new()))
    }

    fn function(&mut self, name: &str, arguments: Vec<Value>) -> Outcome<Value> {
        self.step()?;
        let argument = |index: usize| arguments.get(index).cloned().unwrap_or(Value::Nil);
        let text = |index: usize| -> Outcome<String> {
            argument(index)
                .as_text()
                .ok_or_else(|| format!("gives {name} a value that is no text"))
        };
        let last_text = || arguments.last().map(Value::text).unwrap_or_default();
        let site = self.site;
        Ok(match name.strip_prefix("strings.").unwrap_or(name) {
            "not" => Value::Bool(!argument(0).truthy()),
            "eq" => {
                let first = argument(0);
                Value::Bool(arguments.iter().skip(1).any(|other| first.equals(other)))
            }
            "ne" => Value::Bool(!argument(0).equals(&argument(1))),
            "lt" | "le" | "gt" | "ge" => {
                let order = argument(0)
                    .compare(&argument(1))
                    .ok_or_else(|| format!("compares values of different kinds with {name}"))?;
                Value::Bool(match name {
                    "lt" => order == Ordering::Less,
                    "le" => order != Ordering::Greater,
                    "gt" => order == Ordering::Greater,
                    _ => order != Ordering::Less,
                })
            }
            "len" | "countrunes" => Value::Int(match argument(0) {
                Value::Str(text) | Value::Html(text) if name == "len" => text.len() as i64,
                Value::Str(text) | Value::Html(text) => {
                    text.chars().filter(|c| !c.is_whitespace()).count() as i64
                }
                Value::List(items) => items.len() as i64,
                Value::Map(entries) => entries.len() as i64,
                Value::Nil => 0,
                other => return Err(format!("takes the length of {:?}", other.text())),
            }),
            "index" => {
                let mut value = argument(0);
                for key in arguments.iter().skip(1) {
                    value = match (&value, key) {
                        (Value::List(items), key) => key
                            .integer()
                            .and_then(|index| usize::try_from(index).ok())
                            .and_then(|index| items.get(index).cloned())
                            .unwrap_or(Value::Nil),
                        (Value::Map(_), key) => value.entry(&key.text()),
                        _ => Value::Nil,
                    };
                }
                value
            }
            "isset" => Value::Bool(match (argument(0), argument(1)) {
                (Value::List(items), key) => key.integer().is_some_and(|index| {
                    usize::try_from(index).is_ok_and(|index| index < items.len())
                }),
                (map @ Value::Map(_), key) => map.entry(&key.text()) != Value::Nil,
                _ => false,
            }),
            "in" => Value::Bool(match (argument(0), argument(1)) {
                (Value::List(items), item) => items.iter().any(|candidate| candidate.equals(&item)),
                (Value::Str(text) | Value::Html(text), item) => text.contains(&item.text()),
                _ => false,
            }),
            "default" => {
                let given = argument(1);
                let is_set = match &given {
                    Value::Bool(_) => true,
                    other => other.truthy(),
                };
                if is_set { given } else { argument(0) }
            }
            "cond" => {
                if argument(0).truthy() {
                    argument(1)
                } else {
                    argument(2)
                }
            }
            "print" => Value::Str(sprint(&arguments)),
            "println" => Value::Str(format!(
                "{}\n",
                arguments
                    .iter()
                    .map(Value::text)
                    .collect::<Vec<_>>()
                    .join(" ")
            )),
            "printf" => Value::Str(printf(&text(0)?, arguments.get(1..).unwrap_or(&[]))?),
            "slice" => Value::List(arguments),
            "dict" => {
                let mut entries = Vec::new();
                for pair in arguments.chunks(2) {
                    if let [key, value] = pair {
                        entries.push((key.text(), value.clone()));
                    }
                }
                Value::Map(entries)
            }
            // Key and value pairs (or one map) as a URL's query, keys sorted, as Go's
            // `url.Values.Encode` writes it.
            "querify" | "collections.Querify" => {
                let mut pairs: Vec<(String, String)> = match arguments.as_slice() {
                    [Value::Map(entries)] => entries
                        .iter()
                        .map(|(key, value)| (key.clone(), value.text()))
                        .collect(),
                    _ => arguments
                        .chunks(2)
                        .map(|pair| {
                            let text = |index: usize| pair.get(index).map(Value::text);
                            (text(0).unwrap_or_default(), text(1).unwrap_or_default())
                        })
                        .collect(),
                };
                pairs.sort_by(|a, b| a.0.cmp(&b.0));
                let encoded: Vec<String> = pairs
                    .iter()
                    .map(|(key, value)| format!("{}={}", query_escape(key), query_escape(value)))
                    .collect();
                Value::Str(encoded.join("&"))
            }
            "first" | "last" | "after" => {
                let count = argument(0).integer().unwrap_or(0).max(0) as usize;
                let Value::List(items) = argument(1) else {
                    return Err(format!("gives {name} a value that is no list"));
                };
                let length = items.len();
                Value::List(match name {
                    "first" => items.into_iter().take(count).collect(),
                    "last" => items
                        .into_iter()
                        .skip(length.saturating_sub(count))
                        .collect(),
                    _ => items.into_iter().skip(count).collect(),
                })
            }
            "seq" => {
                let (from, to) = match (
                    argument(0).integer(),
                    arguments.get(1).and_then(Value::integer),
                ) {
                    (Some(from), Some(to)) => (from, to),
                    (Some(to), None) => (1, to),
                    _ => return Err("gives seq no number".to_owned()),
                };
                if to.saturating_sub(from).abs() > MAX_SEQUENCE {
                    return Err(format!("asks seq for more than {MAX_SEQUENCE} numbers"));
                }
                let items: Vec<Value> = if from <= to {
                    (from..=to).map(Value::Int).collect()
                } else {
                    (to..=from).rev().map(Value::Int).collect()
                };
                Value::List(items)
            }
            "delimit" => {
                let Value::List(items) = argument(0) else {
                    return Err("gives delimit a value that is no list".to_owned());
                };
                let separator = text(1)?;
                let last_separator = arguments.get(2).map(Value::text);
                let mut joined = String::new();
                let count = items.len();
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        let is_last = index + 1 == count;
                        joined.push_str(match (&last_separator, is_last) {
                            (Some(last), true) => last,
                            _ => &separator,
                        });
                    }
                    joined.push_str(&item.text());
                }
                Value::Str(joined)
            }
            "split" | "Split" => Value::List(
                text(0)?
                    .split(&text(1)?)
                    .map(|part| Value::Str(part.to_owned()))
                    .collect(),
            ),
            "lower" | "ToLower" => Value::Str(text(0)?.to_lowercase()),
            "upper" | "ToUpper" => Value::Str(text(0)?.to_uppercase()),
            "title" | "Title" => Value::Str(title_case(&text(0)?)),
            "trim" | "Trim" => {
                let cutset: Vec<char> = text(1)?.chars().collect();
                Value::Str(text(0)?.trim_matches(cutset.as_slice()).to_owned())
            }
            "TrimSpace" => Value::Str(last_text().trim().to_owned()),
            "TrimPrefix" | "TrimLeft" if name.ends_with("TrimPrefix") => Value::Str(
                text(1)?
                    .strip_prefix(text(0)?.as_str())
                    .map(str::to_owned)
                    .unwrap_or(text(1)?),
            ),
            "TrimSuffix" => Value::Str(
                text(1)?
                    .strip_suffix(text(0)?.as_str())
                    .map(str::to_owned)
                    .unwrap_or(text(1)?),
            ),
            "hasPrefix" | "HasPrefix" => Value::Bool(text(0)?.starts_with(&text(1)?)),
            "HasSuffix" | "hasSuffix" => Value::Bool(text(0)?.ends_with(&text(1)?)),
            "Contains" => Value::Bool(text(0)?.contains(&text(1)?)),
            "replace" | "Replace" | "ReplaceAll" => {
                let limit = arguments.get(3).and_then(Value::integer);
                let (source, old, new) = (text(0)?, text(1)?, text(2)?);
                Value::Str(match limit.and_then(|limit| usize::try_from(limit).ok()) {
                    Some(limit) => source.replacen(&old, &new, limit),
                    None => source.replace(&old, &new),
                })
            }
            "Repeat" => {
                let count = argument(0).integer().unwrap_or(0).clamp(0, MAX_SEQUENCE) as usize;
                let repeated = last_text().repeat(count);
                if repeated.len() > MAX_OUTPUT {
                    return Err(format!("writes more than {MAX_OUTPUT} bytes"));
                }
                Value::Str(repeated)
            }
            "substr" => {
                let characters: Vec<char> = text(0)?.chars().collect();
                let length = characters.len() as i64;
                let start = argument(1).integer().unwrap_or(0);
                let start = if start < 0 {
                    (length + start).max(0)
                } else {
                    start.min(length)
                };
                let end = match arguments.get(2).and_then(Value::integer) {
                    Some(count) if count < 0 => (length + count).max(start),
                    Some(count) => (start + count).min(length),
                    None => length,
                };
                Value::Str(
                    characters
                        .get(start as usize..end.max(start) as usize)
                        .unwrap_or(&[])
                        .iter()
                        .collect(),
                )
            }
            "string" => Value::Str(argument(0).text()),
            "int" => Value::Int(
                argument(0)
                    .integer()
                    .ok_or_else(|| "gives int no number".to_owned())?,
            ),
            "float" => Value::Float(
                argument(0)
                    .number()
                    .or_else(|| argument(0).text().trim().parse().ok())
                    .ok_or_else(|| "gives float no number".to_owned())?,
            ),
            "add" | "sub" | "mul" | "div" | "mod" | "math.Add" | "math.Sub" | "math.Mul"
            | "math.Div" | "math.Mod" => arithmetic(
                name.trim_start_matches("math.").to_lowercase().as_str(),
                &argument(0),
                &argument(1),
            )?,
            "markdownify" => Value::Html(builtin::markdownify(site, self.page, &last_text())),
            "plainify" => Value::Str(plainify(&last_text())),
            // Markup made safe stays so; text stays text (escaped when written).
            "emojify" => match arguments.last() {
                Some(Value::Html(html)) => Value::Html(emojify(html).into_owned()),
                _ => Value::Str(emojify(&last_text()).into_owned()),
            },
            "htmlEscape" => Value::Str(escape_html(&last_text())),
            "htmlUnescape" => Value::Str(decode_character_references(&last_text())),
            "safeHTML" | "safeHTMLAttr" | "safeURL" | "safeCSS" | "safeJS" => {
                Value::Html(last_text())
            }
            "urlize" => Value::Str(urlize(&last_text())),
            "relURL" | "relLangURL" => Value::Str(relative_url(site, &last_text())),
            "absURL" | "absLangURL" => {
                Value::Str(site.absolute_url(&relative_url(site, &last_text())))
            }
            "ref" | "relref" => {
                let path = last_text();
                let url = match links::resolve(&path, &self.page.source, site) {
                    Ok(url) => url,
                    Err(
                        links::LinkError::NotFound { guessed_url }
                        | links::LinkError::Ambiguous { guessed_url },
                    ) => guessed_url,
                };
                Value::Str(if name == "ref" && url.starts_with('/') {
                    format!("{}{url}", site.config().base_origin())
                } else {
                    url
                })
            }
            "site" => Value::Site,
            "page" => Value::Page,
            "partial" | "partialCached" => self.partial(&text(0)?, argument(1))?,
            "return" => {
                self.returned = Some(argument(0));
                Value::Nil
            }
            "newScratch" => {
                self.scratch.push(Vec::new());
                Value::Scratch(self.scratch.len() - 1)
            }
            // Current Hugo's, for templates that check it.
            "hugo.Version" => Value::Str("0.152.0".to_owned()),
            "hugo.IsProduction" => Value::Bool(true),
            "hugo.Environment" => Value::Str("production".to_owned()),
            "reflect.IsMap" => Value::Bool(matches!(argument(0), Value::Map(_))),
            "reflect.IsSlice" => Value::Bool(matches!(argument(0), Value::List(_))),
            "urls.Parse" => parse_url(&last_text()),
            // A date written without a zone is read as UTC (Hugo reads it in `timeZone`).
            "time" | "time.AsTime" => Value::Time(as_time(&argument(0))?),
            "time.Format" | "dateFormat" => {
                Value::Str(time::format(&as_time(&argument(1))?, &text(0)?))
            }
            "chomp" => Value::Str(last_text().trim_end_matches(['\r', '\n']).to_owned()),
            "i18n" | "T" | "lang.Translate" => {
                Value::Str(self.shared.translations.translate(&text(0)?, &argument(1)))
            }
            "humanize" => {
                let spaced = last_text().replace(['-', '_'], " ");
                let mut characters = spaced.chars();
                Value::Str(match characters.next() {
                    Some(first) => first.to_uppercase().chain(characters).collect(),
                    None => String::new(),
                })
            }
            "append" => {
                // `append item… list`: the list with the items added.
                let Some((Value::List(mut items), added)) = arguments
                    .split_last()
                    .map(|(list, added)| (list.clone(), added))
                else {
                    return Err("gives append no list".to_owned());
                };
                items.extend(added.iter().cloned());
                Value::List(items)
            }
            "merge" => {
                // `merge a b…`: maps merged, the later one's keys winning.
                let mut merged: Vec<(String, Value)> = Vec::new();
                for map in &arguments {
                    let Value::Map(entries) = map else {
                        return Err("gives merge a value that is no map".to_owned());
                    };
                    for (key, value) in entries {
                        match merged
                            .iter_mut()
                            .find(|(known, _)| known.eq_ignore_ascii_case(key))
                        {
                            Some((_, slot)) => *slot = value.clone(),
                            None => merged.push((key.clone(), value.clone())),
                        }
                    }
                }
                Value::Map(merged)
            }
            // Warnings are the build's own business here: nothing is written.
            "warnf" | "warnidf" | "debug.Dump" => Value::Str(String::new()),
            "errorf" | "erroridf" => {
                return Err(format!(
                    "stops with errorf: {}",
                    printf(&text(0)?, arguments.get(1..).unwrap_or(&[]))?
                ));
            }
            _ => return Err(unsupported(&format!("the function \"{name}\""))),
        })
    }
}

/// Hugo's `urls.Parse`: the parts of a URL, as the fields templates read.
fn parse_url(url: &str) -> Value {
    let (without_fragment, fragment) = url.split_once('#').unwrap_or((url, ""));
    let (without_query, query) = without_fragment
        .split_once('?')
        .unwrap_or((without_fragment, ""));
    let (scheme, rest) = match without_query.split_once("://") {
        Some((scheme, rest)) if !scheme.contains('/') => (scheme, rest),
        _ => ("", without_query),
    };
    let (host, path) = if scheme.is_empty() {
        ("", rest.to_owned())
    } else {
        match rest.find('/') {
            Some(slash) => (
                rest.get(..slash).unwrap_or(""),
                rest.get(slash..).unwrap_or("").to_owned(),
            ),
            None => (rest, String::new()),
        }
    };
    let text = |value: &str| Value::Str(value.to_owned());
    Value::Map(vec![
        ("Scheme".to_owned(), text(scheme)),
        ("Host".to_owned(), text(host)),
        ("Path".to_owned(), Value::Str(path)),
        ("RawQuery".to_owned(), text(query)),
        ("Fragment".to_owned(), text(fragment)),
        ("IsAbs".to_owned(), Value::Bool(!scheme.is_empty())),
        ("String".to_owned(), text(url)),
    ])
}

/// Go's `fmt.Sprint`: a space between two operands when neither is text.
fn sprint(arguments: &[Value]) -> String {
    let mut text = String::new();
    for (index, argument) in arguments.iter().enumerate() {
        let is_text = |value: &Value| matches!(value, Value::Str(_) | Value::Html(_));
        if index > 0
            && !is_text(argument)
            && arguments
                .get(index - 1)
                .is_some_and(|before| !is_text(before))
        {
            text.push(' ');
        }
        text.push_str(&argument.text());
    }
    text
}

/// Go's `fmt.Sprintf` for the verbs templates use: `%s %v %d %q %t %f %%` (with `+` and
/// width flags read and ignored but for `%.Nf`).
fn printf(format: &str, arguments: &[Value]) -> Outcome<String> {
    let mut output = String::new();
    let mut arguments = arguments.iter();
    let mut characters = format.chars().peekable();
    while let Some(character) = characters.next() {
        if character != '%' {
            output.push(character);
            continue;
        }
        let mut precision = None;
        let mut flags = String::new();
        while let Some(&next) = characters.peek() {
            if next.is_ascii_digit() || matches!(next, '.' | '+' | '-' | '#' | ' ') {
                flags.push(next);
                characters.next();
            } else {
                break;
            }
        }
        if let Some((_, digits)) = flags.split_once('.') {
            precision = digits.parse::<usize>().ok();
        }
        let Some(verb) = characters.next() else {
            output.push('%');
            break;
        };
        if verb == '%' {
            output.push('%');
            continue;
        }
        let value = arguments.next().cloned().unwrap_or(Value::Nil);
        match verb {
            'q' => output.push_str(&format!("{:?}", value.text())),
            'd' => output.push_str(&value.integer().unwrap_or(0).to_string()),
            'f' => {
                let number = value.number().unwrap_or(0.0);
                output.push_str(&format!("{number:.*}", precision.unwrap_or(6)));
            }
            's' | 'v' | 't' => output.push_str(&value.text()),
            other => {
                return Err(format!(
                    "uses the printf verb %{other}, which this reader does not run"
                ));
            }
        }
    }
    Ok(output)
}

fn arithmetic(operation: &str, a: &Value, b: &Value) -> Outcome<Value> {
    if operation == "add" {
        return add(a, b);
    }
    match (a, b) {
        (Value::Int(a), Value::Int(b)) => Ok(Value::Int(match operation {
            "sub" => a.saturating_sub(*b),
            "mul" => a.saturating_mul(*b),
            "div" => a.checked_div(*b).ok_or("divides by zero")?,
            _ => a.checked_rem(*b).ok_or("divides by zero")?,
        })),
        _ => {
            let (Some(a), Some(b)) = (a.number(), b.number()) else {
                return Err(format!("does {operation} with values that are no numbers"));
            };
            Ok(Value::Float(match operation {
                "sub" => a - b,
                "mul" => a * b,
                "div" if b != 0.0 => a / b,
                _ => return Err(format!("cannot {operation} these numbers")),
            }))
        }
    }
}

/// Hugo's `add`: numbers, or text joined, or lists joined.
fn add(a: &Value, b: &Value) -> Outcome<Value> {
    Ok(match (a, b) {
        (Value::Int(a), Value::Int(b)) => Value::Int(a.saturating_add(*b)),
        (Value::List(a), Value::List(b)) => Value::List(a.iter().chain(b).cloned().collect()),
        (Value::Str(a) | Value::Html(a), Value::Str(b) | Value::Html(b)) => {
            Value::Str(format!("{a}{b}"))
        }
        _ => match (a.number(), b.number()) {
            (Some(a), Some(b)) => Value::Float(a + b),
            _ => return Err("adds values of different kinds".to_owned()),
        },
    })
}

/// `.InnerDeindent`: the inner content without the indentation its lines share.
fn deindent(text: &str) -> String {
    let indent = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    text.split_inclusive('\n')
        .map(|line| {
            line.get(indent..)
                .unwrap_or(line.trim_start_matches([' ', '\t']))
        })
        .collect()
}

/// Hugo's `title` (simplified): each word's first letter in capitals.
fn title_case(text: &str) -> String {
    let mut titled = String::with_capacity(text.len());
    let mut word_start = true;
    for character in text.chars() {
        if word_start && character.is_alphabetic() {
            titled.extend(character.to_uppercase());
        } else {
            titled.push(character);
        }
        word_start = character.is_whitespace() || character == '-';
    }
    titled
}

/// Hugo's `urlize`: lower case, spaces to `-`, only what a URL path keeps.
/// `text` escaped for a URL's query as Go's `url.QueryEscape` does: a space is `+`, every
/// byte but letters, digits and `-_.~` is `%XX`.
fn query_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b' ' => escaped.push('+'),
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                escaped.push(char::from(byte));
            }
            _ => escaped.push_str(&format!("%{byte:02X}")),
        }
    }
    escaped
}

fn urlize(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|character| match character {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '#') => {
                Some(c.to_lowercase().next().unwrap_or(c))
            }
            _ => None,
        })
        .collect()
}

/// Hugo's `relURL`: a path under the site's base path; full URLs as they are.
fn relative_url(site: &Site, url: &str) -> String {
    if url.contains("://") || url.starts_with("//") {
        return url.to_owned();
    }
    let base = site.config().base_path();
    format!(
        "{}{}",
        base.trim_end_matches('/'),
        format_args!("/{}", url.trim_start_matches('/'))
    )
}
