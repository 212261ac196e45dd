//! Hugo's `i18n` (alias `T`) for shortcode templates: the strings of the site's language from
//! `i18n/<language>.toml` (or `.yaml`, `.yml`, `.json`), the site's own file over its themes'.

use std::collections::HashMap;

use serde_json::Value as Json;

use blogreader_content::error::{Diagnostic, DiagnosticKind, Severity};
use blogreader_content::front_matter::Format;

use super::value::Value;
use crate::described::describe;
use crate::front_matter::{DocumentError, parse_value};

/// A translations file as read: its path relative to the site (for messages) and its text.
#[derive(Debug)]
pub struct TranslationFile {
    pub path: String,
    pub text: String,
}

/// The site's language's strings, by key (compared exactly: Hugo 0.111 finds `Danger` by
/// `i18n "Danger"` only).
#[derive(Debug, Default)]
pub struct Translations {
    by_key: HashMap<String, Plural>,
}

/// A string with its plural forms (go-i18n's `one` and `other`; the other forms of CLDR are
/// read as `other`).
#[derive(Debug)]
struct Plural {
    one: Option<String>,
    other: String,
}

impl Translations {
    /// Reads `files`, the first in precedence first: the first file to define a key wins. A
    /// file that does not parse is left out with a warning at its line.
    pub fn read(files: &[TranslationFile]) -> (Translations, Vec<Diagnostic>) {
        let mut translations = Translations::default();
        let mut diagnostics = Vec::new();
        for file in files {
            let problem = match parse_value(format_of(&file.path), &file.text) {
                Ok(value) => match entries_of(&value) {
                    Some(entries) => {
                        translations.add(entries);
                        continue;
                    }
                    None => DocumentError::NotATable {
                        found: describe(&value),
                    },
                },
                Err(problem) => problem,
            };
            let (line, column, message) = match problem {
                DocumentError::Syntax {
                    line,
                    column,
                    message,
                } => (line, column, message),
                DocumentError::NotATable { found } => (
                    1,
                    1,
                    format!(
                        "a table of strings by key (or a list of id and translation) \
                         is expected, found {found}"
                    ),
                ),
            };
            diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                file: file.path.clone(),
                line,
                column,
                kind: DiagnosticKind::BadFile {
                    message: format!("{message}: its translations are left out"),
                },
            });
        }
        (translations, diagnostics)
    }

    fn add<'v>(&mut self, entries: impl Iterator<Item = (&'v str, &'v Json)>) {
        for (key, value) in entries {
            let plural = match value {
                Json::String(text) => Plural {
                    one: None,
                    other: text.clone(),
                },
                Json::Object(forms) => {
                    let form = |name: &str| {
                        forms
                            .iter()
                            .find(|(known, _)| known.eq_ignore_ascii_case(name))
                            .and_then(|(_, value)| value.as_str())
                            .map(str::to_owned)
                    };
                    let one = form("one");
                    let Some(other) = form("other")
                        .or_else(|| form("translation"))
                        .or(one.clone())
                    else {
                        continue;
                    };
                    Plural { one, other }
                }
                _ => continue,
            };
            self.by_key.entry(key.to_owned()).or_insert(plural);
        }
    }

    /// `i18n key context`: the string for `key`, its `one` form when the context's count is 1,
    /// with `{{ .Count }}` written as the count (as nothing without one); the empty string for a key no file has (as
    /// Hugo gives it without `enableMissingTranslationPlaceholders`).
    pub(crate) fn translate(&self, key: &str, context: &Value) -> String {
        let Some(plural) = self.by_key.get(key) else {
            return String::new();
        };
        let count = context.number().or_else(|| context.entry("Count").number());
        let text = match (count, &plural.one) {
            (Some(1.0), Some(one)) => one,
            _ => &plural.other,
        };
        // Without a count, nothing stands in its place: never template source on the page.
        let count = count
            .map(|count| Value::Float(count).text())
            .unwrap_or_default();
        ["{{ .Count }}", "{{.Count}}"]
            .iter()
            .fold(text.clone(), |text, marker| text.replace(marker, &count))
    }
}

/// A file's (key, string or forms): a table by key (`note = "Note"`, `[note] other = …`), or
/// go-i18n's first format, a list of `id` and `translation` (Hugo reads both).
fn entries_of(value: &Json) -> Option<Box<dyn Iterator<Item = (&str, &Json)> + '_>> {
    match value {
        Json::Object(table) => Some(Box::new(
            table.iter().map(|(key, value)| (key.as_str(), value)),
        )),
        Json::Array(items) => {
            Some(Box::new(items.iter().filter_map(|item| {
                Some((item.get("id")?.as_str()?, item.get("translation")?))
            })))
        }
        Json::Null => Some(Box::new(std::iter::empty())),
        _ => None,
    }
}

fn format_of(path: &str) -> Format {
    match path.rsplit_once('.').map(|(_, extension)| extension) {
        Some("yaml" | "yml") => Format::Yaml,
        Some("json") => Format::Json,
        _ => Format::Toml,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> TranslationFile {
        TranslationFile {
            path: path.to_owned(),
            text: text.to_owned(),
        }
    }

    #[test]
    fn the_first_file_to_define_a_key_wins_and_forms_follow_the_count() {
        let (translations, diagnostics) = Translations::read(&[
            file(
                "i18n/en.toml",
                "note = \"Note\"\n[readingTime]\none = \"One minute\"\nother = \"{{ .Count }} minutes\"\n",
            ),
            file(
                "themes/t/i18n/en.yaml",
                "note: Theme note\ntip:\n  other: Tip\nlist: [1, 2]\n",
            ),
            file(
                "themes/u/i18n/en.yaml",
                "- id: next\n  translation: Next page\n- id: posts\n  translation:\n    one: \
                 One post\n    other: \"{{ .Count }} posts\"\n- no: id\n",
            ),
        ]);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let translate = |key: &str, context: Value| translations.translate(key, &context);
        assert_eq!(translate("note", Value::Nil), "Note");
        assert_eq!(translate("NOTE", Value::Nil), "");
        assert_eq!(translate("tip", Value::Nil), "Tip");
        assert_eq!(translate("readingTime", Value::Int(1)), "One minute");
        assert_eq!(translate("readingTime", Value::Int(4)), "4 minutes");
        assert_eq!(translate("readingTime", Value::Nil), " minutes");
        assert_eq!(
            translate(
                "readingTime",
                Value::Map(vec![("Count".to_owned(), Value::Int(2))])
            ),
            "2 minutes"
        );
        assert_eq!(translate("list", Value::Nil), "");
        assert_eq!(translate("next", Value::Nil), "Next page");
        assert_eq!(translate("posts", Value::Int(3)), "3 posts");
        assert_eq!(translate("missing", Value::Nil), "");
    }

    #[test]
    fn a_file_that_does_not_parse_is_a_warning_at_its_line() {
        let (translations, diagnostics) = Translations::read(&[
            file("i18n/en.toml", "ok = \"fine\"\nbroken = \n"),
            file("i18n/en.json", "\"a string\""),
        ]);
        let messages: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].starts_with("i18n/en.toml:2:"), "{messages:?}");
        assert!(
            messages[1].contains("a table of strings by key"),
            "{messages:?}"
        );
        assert!(messages.iter().all(|message| message.contains("left out")));
        assert_eq!(translations.translate("ok", &Value::Nil), "");
    }
}
