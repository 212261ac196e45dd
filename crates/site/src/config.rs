//! The site config (`hugo.toml`, `hugo.yaml`, `hugo.json` or `config.*`, and Hugo's config
//! folder, merged as Hugo merges them) as the build reads it: the [`SiteConfig`] that
//! goes into the site's data, and what only the build uses ([`BuildConfig`]).

use std::borrow::Cow;
use std::ops::{Deref, DerefMut};

use regex::Regex;
use serde_json::Value;

use blogreader_content::build_options::{KINDS, kind_name};
use blogreader_content::error::{Diagnostic, Severity};
use blogreader_content::math;
use blogreader_content::site::{SiteConfig, find_key, flatten_params};
use blogreader_content::url::{unsafe_path_reason, unsafe_segment_reason};

use super::cascade::{self, Cascade};
pub use super::config_files::ConfigFile;
use super::config_files::MergedConfig;
use super::described::describe;
use super::list_titles::ListTitles;
use super::menu::{self, Menu};
use super::settings;
use super::social::social_links;
use super::time_zone;

/// `mainSections` (any case, at the top or under `params`) as `value` of `key`: a list of
/// section names, or one name; else `wrong_type(key, expected, value)`.
fn section_names<E>(
    key: &str,
    value: &Value,
    wrong_type: impl Fn(&str, &str, &Value) -> E,
) -> Result<Vec<String>, E> {
    let expected = "a list of section names";
    match value {
        Value::String(name) => Ok(vec![name.clone()]),
        Value::Array(names) => names
            .iter()
            .map(|name| {
                name.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| wrong_type(key, expected, name))
            })
            .collect(),
        _ => Err(wrong_type(key, expected, value)),
    }
}

/// Whether `code` is shaped like a BCP 47 language tag (`en`, `pt-BR`, `zh-Hant-TW`): what
/// may stand in a `lang` attribute and a feed's `<language>` without escaping.
fn is_language_tag(code: &str) -> bool {
    (1..=35).contains(&code.len())
        && code.split('-').all(|part| {
            (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// The folder under `themes/` of a theme named `name`: the name itself, or the last part
/// of a Hugo module's path (`github.com/CaiJimmy/hugo-theme-stack/v3` is
/// `hugo-theme-stack`), as `hugo mod` users keep a copy there.
fn theme_folder(name: &str) -> String {
    let mut parts = name.trim_end_matches('/').rsplit('/');
    let last = parts.next().unwrap_or_default();
    let is_major_version = last.len() > 1
        && last.starts_with('v')
        && last.bytes().skip(1).all(|byte| byte.is_ascii_digit());
    match parts.next() {
        Some(before) if is_major_version => before.to_owned(),
        _ => last.to_owned(),
    }
}

/// `dir` as a folder inside the site folder (`content/en`, without a trailing slash), or
/// `None` when it would lead elsewhere: an absolute path, `..`, a drive or a backslash. The
/// build reads every file there and publishes a bundle's files, so a config must not point
/// it at the rest of the machine.
fn site_folder(dir: &str) -> Option<String> {
    let dir = dir.trim().trim_end_matches('/');
    let is_inside = !dir.is_empty()
        && !dir.starts_with('/')
        && !dir.contains(['\\', ':'])
        && !dir.contains(char::is_control)
        && dir
            .split('/')
            .all(|segment| !matches!(segment, "" | "." | ".."));
    is_inside.then(|| dir.to_owned())
}

/// Where a setting is written: its config file, line and column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SettingPlace {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

/// Hugo's taxonomies when the config names none (plurals: front matter keys and URL folders).
pub const DEFAULT_TAXONOMIES: [&str; 2] = ["tags", "categories"];

/// The site config: what the index carries ([`BuildConfig::site`], also reached through
/// `Deref`) and the settings only the build reads.
#[derive(Debug, Clone, PartialEq)]
pub struct BuildConfig {
    /// What the browser and the renderer need.
    pub site: SiteConfig,
    /// `[permalinks]`: URL patterns for the regular pages of a top-level section, as
    /// (section, pattern) pairs: `posts = "/:year/:month/:slug/"`. (URLs are in the index).
    pub permalinks: Vec<(String, String)>,
    /// `timeZone`: the zone of dates written without one (else UTC).
    pub time_zone: Option<chrono_tz::Tz>,
    /// `buildDrafts`: show pages with `draft = true`.
    pub build_drafts: bool,
    /// `buildFuture`: show pages whose publish date is still to come.
    pub build_future: bool,
    /// `buildExpired`: show pages whose expiry date has passed.
    pub build_expired: bool,
    /// `[taxonomies]`: the plurals (front matter keys and URL folders), lower-case. Hugo's
    /// default is tags and categories; a configured table replaces it. Used by the build only
    /// (taxonomy and term pages are in the index).
    pub taxonomies: Vec<String>,
    /// `[menu]` / `[menus]` as configured. Used by the build, which makes `menus` of them.
    pub menu_entries: Vec<Menu>,
    /// The config file the menus come from (`hugo.toml`), to place the build's warnings
    /// about their entries.
    pub menus_file: String,
    /// `copyright` as written (Markdown): the build renders it for the footer.
    pub copyright: String,
    /// Where the `mainSections` setting is written.
    pub main_sections_at: SettingPlace,
    /// `pluralizeListTitles`, `capitalizeListTitles`, `titleCaseStyle`: how the build titles
    /// sections, taxonomies and terms that no front matter titles.
    pub list_titles: ListTitles,
    /// `cascade`: front matter passed to every page.
    pub cascade: Vec<Cascade>,
    /// What the build reports about the config beyond errors: the settings this reader does
    /// not use, and `disableKinds` names Hugo does not know.
    pub warnings: Vec<Diagnostic>,
    /// `theme`, then the themes `module.imports` names: the folders under `themes/` whose
    /// `layouts/shortcodes/` the build reads (after the site's own).
    pub themes: Vec<String>,
    /// `enableInlineShortcodes`: the build runs a page's inline shortcode templates.
    pub enable_inline_shortcodes: bool,
    /// `ignoreFiles`: the files of `content/` and `static/` the site leaves out.
    pub ignore_files: IgnoreFiles,
    /// `enableEmoji`: emoji codes (`:smile:`) in the pages' text are written as emoji.
    pub enable_emoji: bool,
    /// `defaultContentLanguage` (lower case): the one language built.
    pub language: String,
    /// The keys of `languages` other than [`BuildConfig::language`] (lower case): their
    /// pages (`post.fr.md`) are left out.
    pub other_languages: Vec<String>,
    /// `contentDir` (the default language's, else the site's): the folder of the site's
    /// pages, relative to the site folder (`content` unless set).
    pub content_dir: String,
    /// The other languages' own `contentDir`s: their pages are left out.
    pub other_content_dirs: Vec<String>,
}

/// `ignoreFiles`: regular expressions that, as in Hugo, leave out every file whose absolute
/// path one of them matches.
#[derive(Debug, Clone, Default)]
pub struct IgnoreFiles(Vec<Regex>);

impl IgnoreFiles {
    /// Whether the file at the absolute path `path` is left out.
    pub fn ignores(&self, path: &str) -> bool {
        self.0.iter().any(|pattern| pattern.is_match(path))
    }
}

impl PartialEq for IgnoreFiles {
    fn eq(&self, other: &Self) -> bool {
        self.0
            .iter()
            .map(Regex::as_str)
            .eq(other.0.iter().map(Regex::as_str))
    }
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            site: SiteConfig::default(),
            permalinks: Vec::new(),
            time_zone: None,
            build_drafts: false,
            build_future: false,
            build_expired: false,
            taxonomies: DEFAULT_TAXONOMIES.map(str::to_owned).to_vec(),
            menu_entries: Vec::new(),
            menus_file: String::new(),
            copyright: String::new(),
            main_sections_at: SettingPlace::default(),
            list_titles: ListTitles::default(),
            cascade: Vec::new(),
            warnings: Vec::new(),
            themes: Vec::new(),
            enable_inline_shortcodes: false,
            ignore_files: IgnoreFiles::default(),
            enable_emoji: false,
            language: "en".to_owned(),
            other_languages: Vec::new(),
            content_dir: "content".to_owned(),
            other_content_dirs: Vec::new(),
        }
    }
}

impl Deref for BuildConfig {
    type Target = SiteConfig;

    fn deref(&self) -> &SiteConfig {
        &self.site
    }
}

impl DerefMut for BuildConfig {
    fn deref_mut(&mut self) -> &mut SiteConfig {
        &mut self.site
    }
}

impl BuildConfig {
    /// The path of the site's file `path` (`content/post.md`) as this language's: a page of
    /// another language listed in `languages` (`post.fr.md`) is `None`; the default
    /// language's suffix names the page itself (`post.en.md` is `post.md`), as in Hugo.
    pub fn own_language_path<'p>(&self, path: &'p str) -> Option<Cow<'p, str>> {
        let language_of = |stem: &'p str| {
            let (name, suffix) = stem.rsplit_once('.')?;
            let is_name = !name.is_empty() && !name.ends_with('/') && !suffix.contains('/');
            is_name.then(|| (name, suffix.to_lowercase()))
        };
        let Some(stem) = path
            .strip_prefix("content/")
            .and_then(|relative| relative.strip_suffix(".md"))
        else {
            return Some(Cow::Borrowed(path));
        };
        match language_of(stem) {
            Some((name, language)) if language == self.language => {
                Some(Cow::Owned(format!("content/{name}.md")))
            }
            Some((_, language)) if self.other_languages.contains(&language) => None,
            _ => Some(Cow::Borrowed(path)),
        }
    }

    /// Reads a site config written as one file (`hugo.toml`, `hugo.yaml`, `hugo.json`, or
    /// `config.*`), its format taken from the file name (see [`BuildConfig::read`]).
    pub fn parse(file: &str, text: &str) -> Result<BuildConfig, Diagnostic> {
        BuildConfig::read(&[ConfigFile {
            name: file.to_owned(),
            text: text.to_owned(),
        }])
    }

    /// Reads a site config from its files in Hugo's order (the root file, then the config
    /// folder's, each later value over an earlier one), each one's format taken from its name; keys
    /// are case-insensitive, as in Hugo, and keys this reader does not use are ignored. A
    /// problem is placed in the file that writes the key.
    pub fn read(files: &[ConfigFile]) -> Result<BuildConfig, Diagnostic> {
        let merged = MergedConfig::read(files)?;
        let mut config = BuildConfig {
            other_languages: merged.other_languages(),
            language: merged.language.clone(),
            // Another language's folder is left out; one that is no folder of the site was
            // never going to be read.
            other_content_dirs: merged
                .other_content_dirs()
                .into_iter()
                .filter_map(|dir| site_folder(&dir))
                .collect(),
            ..BuildConfig::default()
        };
        // Without a languageCode, pages say the language's key, as themes print
        // `site.Language` (`id` for `defaultContentLanguage = "id"`).
        if is_language_tag(&merged.language) {
            config.site.language_code.clone_from(&merged.language);
        }
        config.site.content_language = merged.language.to_lowercase();
        for (key, value) in &merged.table {
            let source = merged.origin(key);
            // A problem with `key`, placed where the key is written.
            let key_error = |key: &str, message: String| {
                let (line, column) = source.key_place(key);
                source.error(line, column, format!("config key \"{key}\": {message}"))
            };
            let locate = |needle: &str| source.locate(needle);
            let place = |needle: &str| {
                let (line, column) = locate(needle);
                SettingPlace {
                    file: source.file.to_owned(),
                    line,
                    column,
                }
            };
            let wrong_type = |key: &str, expected: &str, value: &Value| {
                let found = describe(value);
                key_error(key, format!("expected {expected}, found {found}"))
            };
            let positive = |key: &str, value: &Value| {
                value
                    .as_u64()
                    .and_then(|number| usize::try_from(number).ok())
                    .ok_or_else(|| wrong_type(key, "a positive integer", value))
            };
            if let Some(read) = config.list_titles.read(&key.to_lowercase(), value) {
                read.map_err(|expected| wrong_type(key, expected, value))?;
                continue;
            }
            let text_value = || {
                value
                    .as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| wrong_type(key, "a string", value))
            };
            let flag = |value: &Value| {
                value
                    .as_bool()
                    .ok_or_else(|| wrong_type(key, "a boolean", value))
            };
            match key.to_lowercase().as_str() {
                "title" => config.title = text_value()?,
                "copyright" => config.copyright = text_value()?,
                // `locale` is its name since Hugo 0.158, and wins when both are written.
                "languagecode" if merged.get("locale").is_some() => {}
                "languagecode" | "locale" => {
                    // A locale as some configs write it (`de_DE`) is the tag `de-DE`.
                    let code = text_value()?.replace('_', "-");
                    if is_language_tag(&code) {
                        config.site.language_code = code;
                    } else {
                        let mut warning = key_error(
                            key,
                            format!(
                                "{code:?} is no language tag such as en-US (letters, digits and \
                                 hyphens): pages say lang=\"en\""
                            ),
                        );
                        warning.severity = Severity::Warning;
                        config.warnings.push(warning);
                    }
                }
                "baseurl" => {
                    config.base_url = text_value()?;
                    // Its path starts every URL, `_headers` rule and redirect of the site.
                    let bad = config.base_url.trim().contains(char::is_whitespace)
                        || unsafe_segment_reason(&config.base_url).is_some();
                    if bad {
                        let message = format!(
                            "{:?} must be a URL such as https://example.org/blog/, without \
                             spaces, control characters, backslashes or \"..\"",
                            config.base_url
                        );
                        return Err(key_error(key, message));
                    }
                }
                "summarylength" => config.summary_length = positive(key, value)?,
                "mainsections" => {
                    config.site.main_sections = section_names(key, value, wrong_type)?;
                    config.main_sections_at = place(key);
                }
                "paginate" => config.pager_size = positive(key, value)?,
                "pagination" => {
                    if let Some(size) = find_key(value, &["pagerSize"]) {
                        config.pager_size = positive("pagerSize", size)?;
                    }
                }
                "taxonomies" => {
                    let table = value.as_object().ok_or_else(|| {
                        wrong_type(key, "a table of singular = plural names", value)
                    })?;
                    config.taxonomies = table
                        .iter()
                        .map(|(singular, plural)| {
                            plural
                                .as_str()
                                .map(str::to_lowercase)
                                .ok_or_else(|| wrong_type(singular, "a plural name", plural))
                        })
                        .collect::<Result<_, _>>()?;
                }
                "menu" | "menus" => {
                    config.menu_entries =
                        menu::parse_menus(value, &locate).map_err(|(key, expected, found)| {
                            key_error(&key, format!("expected {expected}, found {found}"))
                        })?;
                    config.menus_file = source.file.to_owned();
                }
                "permalinks" => {
                    let patterns = value
                        .as_object()
                        .ok_or_else(|| wrong_type(key, "a table of section = pattern", value))?;
                    for (section, pattern) in patterns {
                        let pattern = pattern
                            .as_str()
                            .ok_or_else(|| wrong_type(section, "a URL pattern", pattern))?;
                        if let Some(reason) = unsafe_path_reason(pattern) {
                            let message = format!("{pattern:?} {reason}");
                            return Err(key_error(section, message));
                        }
                        config
                            .permalinks
                            .push((section.to_lowercase(), pattern.to_owned()));
                    }
                }
                "timezone" => {
                    let name = text_value()?;
                    let zone = time_zone::zone_named(&name).ok_or_else(|| {
                        let message = format!(
                            "unknown time zone \"{name}\" (expected an IANA name such as \
                             Europe/Oslo)"
                        );
                        key_error(key, message)
                    })?;
                    config.time_zone = Some(zone);
                }
                "disablekinds" => {
                    let names = value
                        .as_array()
                        .ok_or_else(|| wrong_type(key, "a list of kinds", value))?;
                    for name in names {
                        let name = name
                            .as_str()
                            .ok_or_else(|| wrong_type(key, "a list of kinds", value))?;
                        match kind_name(name) {
                            Some(kind) => config.disable_kinds.push(kind.to_owned()),
                            None => {
                                // Hugo warns and goes on.
                                let mut warning = key_error(
                                    key,
                                    format!(
                                        "unknown kind \"{name}\" (Hugo's kinds: {})",
                                        KINDS.join(", ")
                                    ),
                                );
                                warning.severity = Severity::Warning;
                                config.warnings.push(warning);
                            }
                        }
                    }
                }
                "cascade" => config.cascade = cascade::read("", value),
                "theme" => {
                    let named = match value {
                        Value::Array(names) => names
                            .iter()
                            .filter_map(|name| name.as_str().map(theme_folder))
                            .collect(),
                        _ => vec![theme_folder(&text_value()?)],
                    };
                    // Before the themes the modules import (see `module`).
                    config.themes.splice(0..0, named);
                }
                // A theme imported as a Hugo module is read from `themes/` when it is there
                // (the module is fetched by Hugo, never by this reader).
                "module" => {
                    let imports = find_key(value, &["imports"]).and_then(Value::as_array);
                    let paths = imports
                        .into_iter()
                        .flatten()
                        .filter_map(|import| find_key(import, &["path"])?.as_str());
                    config.themes.extend(paths.map(theme_folder));
                }
                "enableinlineshortcodes" => config.enable_inline_shortcodes = flag(value)?,
                "enableemoji" => config.enable_emoji = flag(value)?,
                "contentdir" => {
                    let dir = text_value()?;
                    config.content_dir = site_folder(&dir).ok_or_else(|| {
                        key_error(
                            key,
                            format!(
                                "{dir:?} must be a folder inside the site folder, such as \
                                 content/en (no \"..\", no absolute path)"
                            ),
                        )
                    })?;
                }
                "ignorefiles" => {
                    let expected = "a list of regular expressions";
                    let patterns = value
                        .as_array()
                        .ok_or_else(|| wrong_type(key, expected, value))?;
                    let mut compiled = Vec::new();
                    for pattern in patterns {
                        let pattern = pattern
                            .as_str()
                            .ok_or_else(|| wrong_type(key, expected, pattern))?;
                        let regex = Regex::new(pattern).map_err(|problem| {
                            let first = problem.to_string();
                            let first = first.lines().last().unwrap_or_default();
                            let first = first.trim_start_matches("error: ").to_owned();
                            key_error(
                                key,
                                format!("{pattern:?} is no regular expression: {first}"),
                            )
                        })?;
                        compiled.push(regex);
                    }
                    config.ignore_files = IgnoreFiles(compiled);
                }
                "builddrafts" => config.build_drafts = flag(value)?,
                "buildfuture" => config.build_future = flag(value)?,
                "buildexpired" => config.build_expired = flag(value)?,
                "params" => {
                    if let Value::Object(params) = value {
                        flatten_params("", params, &mut config.params);
                        let main_sections = params
                            .iter()
                            .find(|(key, _)| key.eq_ignore_ascii_case("mainSections"));
                        // The top-level setting (current Hugo's place for it) comes first.
                        if let Some((key, value)) = main_sections
                            && config.site.main_sections.is_empty()
                        {
                            config.site.main_sections = section_names(key, value, wrong_type)?;
                            config.main_sections_at = place(key);
                        }
                    }
                    config.social = social_links(value);
                }
                "markup" => {
                    if let Some(unsafe_html) = find_key(value, &["goldmark", "renderer", "unsafe"])
                    {
                        config.unsafe_html = unsafe_html
                            .as_bool()
                            .ok_or_else(|| wrong_type("unsafe", "a boolean", unsafe_html))?;
                    }
                    config.passthrough = math::passthrough_delimiters(value);
                }
                _ => {}
            }
        }
        // The site's `author` (Hugo's old `.Site.Author`: a name, or a table with one) is the
        // author pages show when `params.author` names none.
        let site_author = merged.get("author").and_then(|author| match author {
            Value::String(name) => Some(name.clone()),
            _ => find_key(author, &["name"])?.as_str().map(str::to_owned),
        });
        if let (Some(name), None) = (site_author, config.site.param("author")) {
            config.site.params.push(("author".to_owned(), name));
        }
        for source in &merged.sources {
            let warnings = settings::config_warnings(source, &merged.language);
            config.warnings.extend(warnings);
        }
        Ok(config)
    }
}
