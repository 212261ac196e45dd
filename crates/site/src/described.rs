//! How a config or front matter value is named in a message about its type ("expected a
//! string, found a list").

use serde_json::Value;

/// The kind of `value`, with its article: `a string`, `a table`.
pub(crate) fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(number) if number.is_f64() => "a number",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a table",
    }
}
