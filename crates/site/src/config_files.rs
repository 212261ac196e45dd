//! A site config written as several files, merged into one table as Hugo merges them: the
//! root config file, then Hugo's config folder (`config/_default/`, then
//! `config/production/`, each file by name; `params.toml` holds `params`, `menus.en.toml`
//! the menus of the language `en`), each later value over an earlier one, and then the
//! default content language's own settings (`languages.en.title`, `params.en.toml`) over
//! all of them. Each top-level key remembers the file that wrote it last, so a problem is
//! placed in the file where its key is written.

use std::collections::HashMap;

use serde_json::{Map, Value};

use blogreader_content::error::{Diagnostic, DiagnosticKind, Severity, line_column};
use blogreader_content::front_matter::Format;
use blogreader_content::site::{find_in, find_key};

use super::front_matter::{self, DocumentError};

/// Names of a config file that holds the whole config, not one key of it.
const WHOLE_CONFIG_NAMES: [&str; 2] = ["hugo", "config"];

/// Hugo's language when the config names none (`defaultContentLanguage`).
const DEFAULT_LANGUAGE: &str = "en";

/// One config file as read: its path from the site folder and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigFile {
    pub name: String,
    pub text: String,
}

/// One config file parsed, with where its keys stand in the whole config.
pub(crate) struct Source<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub format: Format,
    /// The keys above the file's own, which its text does not write: `["params"]` for
    /// `params.toml`, `["languages", "en", "menus"]` for `menus.en.toml`.
    pub implied: Vec<String>,
    /// The file's table, under its implied keys.
    pub table: Map<String, Value>,
}

impl Source<'_> {
    /// An error in this file at `line`:`column`.
    pub fn error(&self, line: usize, column: usize, message: String) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: self.file.to_owned(),
            line,
            column,
            kind: DiagnosticKind::BadConfig { message },
        }
    }

    /// The line and column of the first `needle` in the file (to place a setting found
    /// inside a table); the file's start when it is not there.
    pub fn locate(&self, needle: &str) -> (usize, usize) {
        line_column(self.text, self.text.find(needle).unwrap_or(0))
    }

    /// The line and column where the top-level `key` (any case) is written; the file's start
    /// when the file does not write it itself (`params.toml` holds `params` without naming it).
    pub fn key_place(&self, key: &str) -> (usize, usize) {
        let offset = front_matter::key_offset(self.format, self.text, &key.to_lowercase());
        line_column(self.text, offset.unwrap_or(0))
    }
}

/// The site config's files merged (see the module's description).
pub(crate) struct MergedConfig<'a> {
    pub sources: Vec<Source<'a>>,
    /// Every file's keys merged, the default language's settings over the rest.
    pub table: Map<String, Value>,
    /// The lower-case default content language, whose settings apply.
    pub language: String,
    /// For each top-level key of `table` (lower case): the key as `table` has it, and the
    /// index of the source that wrote it last.
    origins: HashMap<String, (String, usize)>,
}

impl<'a> MergedConfig<'a> {
    /// Parses and merges `files`, given in Hugo's order (the root file first, then each
    /// config folder's files by name); a file that does not parse is an error in it.
    pub fn read(files: &'a [ConfigFile]) -> Result<MergedConfig<'a>, Diagnostic> {
        let sources = files.iter().map(parse).collect::<Result<Vec<_>, _>>()?;
        let language = sources
            .iter()
            .rev()
            .find_map(|source| {
                find_in(&source.table, "defaultContentLanguage")?
                    .as_str()
                    .map(str::to_lowercase)
            })
            .unwrap_or_else(|| DEFAULT_LANGUAGE.to_owned());
        let mut merged = MergedConfig {
            table: Map::new(),
            origins: HashMap::new(),
            language,
            sources: Vec::new(),
        };
        // The site's settings, then its default language's over them, as Hugo applies them.
        for (index, source) in sources.iter().enumerate() {
            merged.merge(index, &source.table);
        }
        for (index, source) in sources.iter().enumerate() {
            if let Some(Value::Object(own)) = language_settings(&source.table, &merged.language) {
                merged.merge(index, own);
            }
        }
        merged.sources = sources;
        Ok(merged)
    }

    /// The value of the top-level `key` (any case), when a file writes it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        find_in(&self.table, key)
    }

    /// The languages the config lists besides the default one, lower case.
    pub fn other_languages(&self) -> Vec<String> {
        let Some(Value::Object(languages)) = self.get("languages") else {
            return Vec::new();
        };
        languages
            .keys()
            .map(|language| language.to_lowercase())
            .filter(|language| *language != self.language)
            .collect()
    }

    /// The `contentDir` of each language besides the default one that sets one.
    pub fn other_content_dirs(&self) -> Vec<String> {
        let Some(Value::Object(languages)) = self.get("languages") else {
            return Vec::new();
        };
        languages
            .iter()
            .filter(|(language, _)| language.to_lowercase() != self.language)
            .filter_map(|(_, settings)| {
                find_key(settings, &["contentDir"])?
                    .as_str()
                    .map(str::to_owned)
            })
            .collect()
    }

    /// The source that last wrote the top-level `key` (any case); the first file when no
    /// file did.
    pub fn origin(&self, key: &str) -> &Source<'a> {
        let index = self
            .origins
            .get(&key.to_lowercase())
            .map_or(0, |(_, index)| *index);
        &self.sources[index.min(self.sources.len().saturating_sub(1))]
    }

    fn merge(&mut self, index: usize, table: &Map<String, Value>) {
        for (key, value) in table {
            let (written, origin) = self
                .origins
                .entry(key.to_lowercase())
                .or_insert_with(|| (key.clone(), index));
            *origin = index;
            merge_value(&mut self.table, written, value);
        }
    }
}

/// `file` parsed, its table put under the keys its name implies.
fn parse(file: &ConfigFile) -> Result<Source<'_>, Diagnostic> {
    let base = file.name.rsplit('/').next().unwrap_or(&file.name);
    let (stem, extension) = base.rsplit_once('.').unwrap_or((base, ""));
    let format = match extension {
        "yaml" | "yml" => Format::Yaml,
        "json" => Format::Json,
        _ => Format::Toml,
    };
    let mut source = Source {
        file: &file.name,
        text: &file.text,
        format,
        implied: implied_keys(stem),
        table: Map::new(),
    };
    let table =
        front_matter::parse_document(format, &file.text).map_err(|problem| match problem {
            DocumentError::Syntax {
                line,
                column,
                message,
            } => source.error(
                line,
                column,
                format!("invalid {}: {message}", format.name()),
            ),
            DocumentError::NotATable { found } => source.error(
                1,
                1,
                format!("the config must be a table of keys, found {found}"),
            ),
        })?;
    source.table = source.implied.iter().rev().fold(table, |inner, key| {
        Map::from_iter([(key.clone(), Value::Object(inner))])
    });
    Ok(source)
}

/// The keys a config file named `stem` (without its extension) sits under: none for
/// `hugo`/`config`; `params` for `params`; `languages`, `en`, `menus` for `menus.en`.
fn implied_keys(stem: &str) -> Vec<String> {
    let stem = stem.to_lowercase();
    let (key, language) = match stem.split_once('.') {
        Some((key, language)) => (key.to_owned(), Some(language.to_owned())),
        None => (stem, None),
    };
    let mut implied = Vec::new();
    if let Some(language) = language {
        implied.extend(["languages".to_owned(), language]);
    }
    if !WHOLE_CONFIG_NAMES.contains(&key.as_str()) {
        implied.push(key);
    }
    implied
}

/// The settings `table` writes for `language` (`languages.<language>`), when it writes any.
fn language_settings<'t>(table: &'t Map<String, Value>, language: &str) -> Option<&'t Value> {
    find_key(find_in(table, "languages")?, &[language])
}

/// Sets `key` (as `table` writes it, when it does) of `table` to `value`: tables merged key
/// by key (any case), anything else replaced, as Hugo merges its config files.
fn merge_value(table: &mut Map<String, Value>, key: &str, value: &Value) {
    match (table.get_mut(key), value) {
        (Some(Value::Object(old)), Value::Object(new)) => {
            // One index of the old keys per table: linear in the two tables.
            let written: HashMap<String, String> = old
                .keys()
                .map(|written| (written.to_lowercase(), written.clone()))
                .collect();
            for (inner_key, inner_value) in new {
                let inner_key = written.get(&inner_key.to_lowercase()).unwrap_or(inner_key);
                merge_value(old, inner_key, inner_value);
            }
        }
        (Some(old), _) => *old = value.clone(),
        (None, _) => {
            table.insert(key.to_owned(), value.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<ConfigFile> {
        list.iter()
            .map(|(name, text)| ConfigFile {
                name: (*name).to_owned(),
                text: (*text).to_owned(),
            })
            .collect()
    }

    /// What Hugo 0.111 printed for the same files (checked by hand with `hugo`): the folder
    /// over the root file, `params.toml` over the folder's `hugo.toml`, production over
    /// `_default`, the default language's settings over everything.
    #[test]
    fn files_merge_in_hugos_order() {
        let files = files(&[
            (
                "hugo.toml",
                "title = \"Root\"\nbaseURL = \"https://root.example/\"\n[params]\na = \"root-a\"\nb = \"root-b\"\n",
            ),
            (
                "config/_default/hugo.toml",
                "title = \"Dir\"\n[params]\na = \"dir-a\"\n",
            ),
            (
                "config/_default/languages.toml",
                "[en]\nweight = 1\n[en.params]\nd = \"lang-d\"\n",
            ),
            ("config/_default/params.en.toml", "c = \"params-en-c\"\n"),
            (
                "config/_default/params.toml",
                "a = \"params-a\"\nc = \"params-c\"\n",
            ),
            ("config/production/params.toml", "b = \"prod-b\"\n"),
        ]);
        let merged = MergedConfig::read(&files).expect("parses");
        let params = &merged.table["params"];
        assert_eq!(merged.table["title"], "Dir");
        assert_eq!(merged.table["baseURL"], "https://root.example/");
        assert_eq!(params["a"], "params-a");
        assert_eq!(params["b"], "prod-b");
        assert_eq!(params["c"], "params-en-c");
        assert_eq!(params["d"], "lang-d");
        assert_eq!(merged.origin("title").file, "config/_default/hugo.toml");
        assert_eq!(merged.origin("baseurl").file, "hugo.toml");
        // The last file to write params was the default language's.
        assert_eq!(
            merged.origin("params").file,
            "config/_default/params.en.toml"
        );
    }

    #[test]
    fn only_the_default_languages_settings_apply() {
        let files = files(&[(
            "hugo.yaml",
            "title: Root\ndefaultContentLanguage: fr\nlanguages:\n  en:\n    title: English\n  \
             FR:\n    title: Français\n",
        )]);
        let merged = MergedConfig::read(&files).expect("parses");
        assert_eq!(merged.language, "fr");
        assert_eq!(merged.table["title"], "Français");
    }

    /// Pages say the default language's key when no languageCode says more.
    #[test]
    fn the_default_language_is_the_pages_language_without_a_language_code() {
        let language = |text: &str| {
            crate::config::BuildConfig::parse("hugo.toml", text)
                .map(|config| config.site.language_code.clone())
                .expect("parses")
        };
        assert_eq!(language(""), "en");
        assert_eq!(language("defaultContentLanguage = \"id\"\n"), "id");
        assert_eq!(
            language("defaultContentLanguage = \"de\"\n[languages.de]\nlanguageCode = \"de-AT\"\n"),
            "de-AT"
        );
        assert_eq!(language("defaultContentLanguage = \"<b>\"\n"), "en");
        // Hugo 0.158's name for it, which wins over the old one.
        assert_eq!(
            language("locale = \"id_ID\"\nlanguageCode = \"en\"\n"),
            "id-ID"
        );
        assert_eq!(
            language("languageCode = \"en\"\nlocale = \"id_ID\"\n"),
            "id-ID"
        );
    }

    /// References name the default language's pages by its key (`post.id.md`).
    #[test]
    fn the_content_language_is_the_default_languages_key() {
        let content_language = |text: &str| {
            crate::config::BuildConfig::parse("hugo.toml", text)
                .map(|config| config.site.content_language.clone())
                .expect("parses")
        };
        assert_eq!(content_language(""), "en");
        assert_eq!(
            content_language("defaultContentLanguage = \"ID\"\nlanguageCode = \"en-US\"\n"),
            "id"
        );
    }

    #[test]
    fn a_file_that_does_not_parse_is_an_error_in_it() {
        let files = files(&[
            ("hugo.toml", "title = \"ok\"\n"),
            ("config/_default/menus.en.toml", "[[main]]\nname = \n"),
        ]);
        let error = MergedConfig::read(&files).err().expect("an error");
        assert_eq!(error.file, "config/_default/menus.en.toml");
        assert_eq!(error.line, 2);
    }
}
