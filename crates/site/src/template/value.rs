//! The values a template computes with: Go's basic kinds, HTML that is already safe (Hugo's
//! `template.HTML`), lists and maps, dates, and the objects a shortcode template reaches (the
//! call, its page or another the site's `GetPage` found, the site, a scratch pad).

use std::fmt::Write;

use blogreader_content::date::Date;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    /// Safe HTML: written as it is (`.Inner`, `markdownify`, `safeHTML`).
    Html(String),
    List(Vec<Value>),
    /// Keys in order of insertion; looked up without regard to case, as Hugo's params are.
    Map(Vec<(String, Value)>),
    /// The shortcode call (`.` of the template).
    Shortcode,
    /// The shortcode's own page.
    Page,
    /// Another page of the site (what `GetPage` found), by its URL.
    PageAt(String),
    Site,
    /// A scratch pad: `.Scratch` / `.Store` of the call or page (the first), or one that
    /// `newScratch` made; its number among the run's pads.
    Scratch(usize),
    /// Go's `time.Time` (`.Page.Date`): see `time.rs`.
    Time(Date),
}

impl Value {
    /// Go's truth: false, 0, nil and empty things are false.
    pub fn truthy(&self) -> bool {
        match self {
            Value::Nil => false,
            Value::Bool(value) => *value,
            Value::Int(value) => *value != 0,
            Value::Float(value) => *value != 0.0,
            Value::Str(text) | Value::Html(text) => !text.is_empty(),
            Value::List(items) => !items.is_empty(),
            Value::Map(entries) => !entries.is_empty(),
            Value::Shortcode
            | Value::Page
            | Value::PageAt(_)
            | Value::Site
            | Value::Scratch(_)
            | Value::Time(_) => true,
        }
    }

    /// The text Go's `fmt.Sprint` gives (nil as the empty text, as `html/template` writes it).
    pub fn text(&self) -> String {
        match self {
            Value::Nil
            | Value::Shortcode
            | Value::Page
            | Value::PageAt(_)
            | Value::Site
            | Value::Scratch(_) => String::new(),
            Value::Time(date) => super::time::text(date),
            Value::Bool(value) => value.to_string(),
            Value::Int(value) => value.to_string(),
            Value::Float(value) => format_float(*value),
            Value::Str(text) | Value::Html(text) => text.clone(),
            Value::List(items) => {
                let texts: Vec<String> = items.iter().map(Value::text).collect();
                format!("[{}]", texts.join(" "))
            }
            Value::Map(entries) => {
                let mut text = String::from("map[");
                for (index, (key, value)) in entries.iter().enumerate() {
                    if index > 0 {
                        text.push(' ');
                    }
                    let _ = write!(text, "{key}:{}", value.text());
                }
                text.push(']');
                text
            }
        }
    }

    /// A number as a float, when it is one.
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Int(value) => Some(*value as f64),
            Value::Float(value) => Some(*value),
            _ => None,
        }
    }

    /// A whole number, also from text (`"3"`), as Hugo's `int` reads it.
    pub fn integer(&self) -> Option<i64> {
        match self {
            Value::Int(value) => Some(*value),
            Value::Float(value) if value.is_finite() => Some(value.trunc() as i64),
            Value::Bool(value) => Some(i64::from(*value)),
            Value::Str(text) | Value::Html(text) => text.trim().parse().ok(),
            Value::Nil => Some(0),
            _ => None,
        }
    }

    /// Text for functions that take text (`lower`, `replace`…): numbers and booleans too.
    pub fn as_text(&self) -> Option<String> {
        match self {
            Value::Str(text) | Value::Html(text) => Some(text.clone()),
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => Some(self.text()),
            Value::Nil => Some(String::new()),
            _ => None,
        }
    }

    /// A shortcode argument: written bare, `true`, `false` and numbers are typed, as Hugo
    /// types them; quoted, it is text.
    pub fn argument(text: &str, bare: bool) -> Value {
        if bare {
            match text {
                "true" => return Value::Bool(true),
                "false" => return Value::Bool(false),
                _ => {}
            }
            if let Ok(integer) = text.parse::<i64>() {
                return Value::Int(integer);
            }
            if let Ok(float) = text.parse::<f64>()
                && float.is_finite()
                && text.contains('.')
            {
                return Value::Float(float);
            }
        }
        Value::Str(text.to_owned())
    }

    /// A param value as the route data keeps it (flattened to text): booleans and numbers
    /// typed again.
    pub fn param(text: &str) -> Value {
        Value::argument(text, true)
    }

    /// The entry of a map under `key`, without regard to case; nil when there is none.
    pub fn entry(&self, key: &str) -> Value {
        match self {
            Value::Map(entries) => entries
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(key))
                .map_or(Value::Nil, |(_, value)| value.clone()),
            _ => Value::Nil,
        }
    }

    /// Hugo's `eq`: numbers by value, text and HTML by text, otherwise same kind and value.
    pub fn equals(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Str(a) | Value::Html(a), Value::Str(b) | Value::Html(b)) => a == b,
            _ => match (self.number(), other.number()) {
                (Some(a), Some(b)) => a == b,
                _ => self == other,
            },
        }
    }

    /// Hugo's `lt` and the like: numbers by value, text by text; `None` for other pairs.
    pub fn compare(&self, other: &Value) -> Option<std::cmp::Ordering> {
        match (self.number(), other.number()) {
            (Some(a), Some(b)) => a.partial_cmp(&b),
            _ => match (self, other) {
                (Value::Str(a) | Value::Html(a), Value::Str(b) | Value::Html(b)) => Some(a.cmp(b)),
                (Value::Time(a), Value::Time(b)) => Some(a.unix().cmp(&b.unix())),
                _ => None,
            },
        }
    }
}

/// Go's `%v` of a float: the shortest text that reads back, without a trailing `.0`.
fn format_float(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e21 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

/// Params flattened to dotted keys (`social.github`), as the route data keeps them, made
/// a map of maps again.
pub(crate) fn params_map(params: &[(String, String)]) -> Value {
    let mut root = Vec::new();
    for (key, value) in params {
        insert(&mut root, key, Value::param(value));
    }
    Value::Map(root)
}

fn insert(entries: &mut Vec<(String, Value)>, key: &str, value: Value) {
    match key.split_once('.') {
        None => entries.push((key.to_owned(), value)),
        Some((head, rest)) => {
            let position = entries.iter().position(|(name, _)| name == head);
            let index = position.unwrap_or_else(|| {
                entries.push((head.to_owned(), Value::Map(Vec::new())));
                entries.len() - 1
            });
            if let Some((_, Value::Map(inner))) = entries.get_mut(index) {
                insert(inner, rest, value);
            }
        }
    }
}
