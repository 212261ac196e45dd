//! What this reader makes of each Hugo setting and front matter key: the one list of the keys
//! it uses, of those it knows and leaves aside (with why), and the build's warnings naming
//! each key it leaves aside once, where it is first written, so an author moving a Hugo site
//! here knows what does not carry over.
//!
//! The rules, for a site written for Hugo and a theme such as PaperMod:
//! - Site config: every key is Hugo's or unknown. Keys that only steer Hugo's own process
//!   (caches, logging, the dev server…) reach no reader and are not named; every other key
//!   this reader does not use is named, one warning per key (`markup.highlight`,
//!   `outputs`, an unknown `foo`), with what the reader does instead.
//! - Site `params` are the theme's and the site's own. The theme params this reader knows
//!   (PaperMod's) and does not use are named in one warning per reason, listing the keys: a
//!   real PaperMod config has dozens. Other params are data for the `param` shortcode and the
//!   site's own shortcodes, and are not named.
//! - Front matter: Hugo's reserved keys this reader does not use, and the theme's page params
//!   it knows and does not use, are named once per key, at their first page, with how many
//!   pages set them. Other keys are page params (data), not named.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::config_files::Source;
use super::front_matter::RawPage;
use blogreader_content::error::{Diagnostic, DiagnosticKind, Severity, line_column};
use blogreader_content::site::{ARCHIVES_LAYOUT, SEARCH_LAYOUT};

/// What this reader does with a key.
#[derive(Debug, Clone, Copy)]
enum Use {
    /// Read: it changes what the site shows.
    Used,
    /// Steers Hugo's own process only (caches, logs, the dev server, deployment): nothing of
    /// it reaches a reader.
    Process,
    /// Not used; why, or what the reader does instead.
    Ignored(&'static str),
    /// Used when its value passes the test, else ignored for the reason given.
    UsedIf(fn(&Value) -> bool, &'static str),
}

const THEME_LOOK: &str = "the reader's own layout and styles stand in for the theme's";
const NO_THIRD_PARTY: &str = "the reader loads nothing from other sites: no analytics, \
                              comments, share buttons or embedded scripts";
const NO_SEARCH: &str = "the reader's search (at /search/) indexes every article and section";
const OWN_MARKUP: &str = "Markdown is rendered with Hugo's default goldmark settings; of \
                          markup only goldmark.renderer.unsafe and \
                          goldmark.extensions.passthrough are read";
const OWN_URLS: &str = "URLs are Hugo's defaults: pretty, lower-case, server-root relative";
const ONE_LANGUAGE: &str = "one language: pages say the lang of languageCode (en by default)";
const OTHER_LANGUAGE: &str = "one language is built, the default content language, whose \
                              settings apply; the pages and settings of the others are not \
                              read";
/// Why a config key no rule knows is named.
const UNKNOWN_SETTING: Option<&str> = Some("not a Hugo setting this reader knows");
/// Keys of a language's settings that only describe the language among others.
const LANGUAGE_ONLY_KEYS: [&str; 6] = [
    "languagename",
    "label",
    "weight",
    "languagedirection",
    "direction",
    "disabled",
];
const OWN_OUTPUTS: &str = "the build writes HTML pages, RSS feeds, a sitemap and robots.txt";
const NO_TEMPLATES: &str = "Hugo's page templates are not used (of layouts only shortcodes \
                            and the partials they call run, from layouts/ and themes/<theme>/)";
const STATIC_FILES: &str = "images and files are published as they are, unprocessed";

/// Site config keys, dotted and lower-case. A key's rule covers everything below it, unless
/// a longer key has its own rule.
const CONFIG_KEYS: &[(&str, Use)] = &[
    ("title", Use::Used),
    ("baseurl", Use::Used),
    ("summarylength", Use::Used),
    ("paginate", Use::Used),
    (
        "pagination",
        Use::Ignored("pagers are at page/N/ and page/1/ redirects"),
    ),
    ("pagination.pagersize", Use::Used),
    ("taxonomies", Use::Used),
    ("menu", Use::Used),
    ("menus", Use::Used),
    ("permalinks", Use::Used),
    ("timezone", Use::Used),
    ("builddrafts", Use::Used),
    ("buildfuture", Use::Used),
    ("buildexpired", Use::Used),
    ("disablekinds", Use::Used),
    ("cascade", Use::Used),
    ("params", Use::Used),
    ("markup", Use::Ignored(OWN_MARKUP)),
    ("markup.goldmark.renderer.unsafe", Use::Used),
    ("markup.goldmark.extensions.passthrough", Use::Used),
    (
        "markup.highlight",
        Use::Ignored("code is coloured by the reader's own highlighter; its options are not read"),
    ),
    (
        "markup.tableofcontents",
        Use::Ignored("the table of contents lists h2 and h3"),
    ),
    ("languagecode", Use::Used),
    // Names the language whose settings (`languages.<it>`) apply.
    ("defaultcontentlanguage", Use::Used),
    ("defaultcontentlanguageinsubdir", Use::Ignored(ONE_LANGUAGE)),
    // The default language's settings are read as the site's; see `unused_language_keys`.
    ("languages", Use::Used),
    ("disablelanguages", Use::Ignored(ONE_LANGUAGE)),
    ("hascjklanguage", Use::Ignored(ONE_LANGUAGE)),
    // languageCode's name since Hugo 0.158.
    ("locale", Use::Used),
    ("theme", Use::Used),
    ("themesdir", Use::Ignored(NO_TEMPLATES)),
    ("layoutdir", Use::Ignored(NO_TEMPLATES)),
    ("module", Use::Ignored(NO_TEMPLATES)),
    // A theme imported as a module is read from `themes/<its name>/`.
    ("module.imports", Use::Used),
    ("outputs", Use::Ignored(OWN_OUTPUTS)),
    ("outputformats", Use::Ignored(OWN_OUTPUTS)),
    ("mediatypes", Use::Ignored(OWN_OUTPUTS)),
    ("contenttypes", Use::Ignored(OWN_OUTPUTS)),
    ("uglyurls", Use::Ignored(OWN_URLS)),
    ("canonifyurls", Use::Ignored(OWN_URLS)),
    ("relativeurls", Use::Ignored(OWN_URLS)),
    ("disablepathtolower", Use::Ignored(OWN_URLS)),
    ("removepathaccents", Use::Ignored(OWN_URLS)),
    ("paginatepath", Use::Ignored(OWN_URLS)),
    ("copyright", Use::Used),
    ("enableemoji", Use::Used),
    (
        "enablegitinfo",
        Use::Ignored("lastmod comes from front matter only"),
    ),
    (
        "enablerobotstxt",
        Use::Ignored("robots.txt is always written, unless disableKinds has robotsTXT"),
    ),
    ("googleanalytics", Use::Ignored(NO_THIRD_PARTY)),
    ("disqusshortname", Use::Ignored(NO_THIRD_PARTY)),
    ("services", Use::Ignored(NO_THIRD_PARTY)),
    ("privacy", Use::Ignored(NO_THIRD_PARTY)),
    ("imaging", Use::Ignored(STATIC_FILES)),
    (
        "related",
        Use::Ignored("pages show no related-content list"),
    ),
    (
        "sectionpagesmenu",
        Use::Ignored("menus hold the entries the config lists"),
    ),
    ("mainsections", Use::Used),
    (
        "frontmatter",
        Use::Ignored("dates follow Hugo's default precedence"),
    ),
    (
        "sitemap",
        Use::Ignored("sitemap.xml is written with Hugo's defaults"),
    ),
    (
        "reflinksnotfoundurl",
        Use::Ignored("a broken reference is a warning and a visibly broken link"),
    ),
    (
        "reflinkserrorlevel",
        Use::Ignored("a broken reference is a warning and a visibly broken link"),
    ),
    ("pluralizelisttitles", Use::Used),
    ("capitalizelisttitles", Use::Used),
    ("titlecasestyle", Use::Used),
    // The site's and the theme's shortcode templates and partials run; inline ones when on.
    ("enableinlineshortcodes", Use::Used),
    (
        "disablealiases",
        Use::Ignored("aliases are always written as redirects"),
    ),
    ("rsslimit", Use::Ignored("feeds list every page")),
    // Hugo's old `.Site.Author`: pages show it when `params.author` names no author.
    (
        "author",
        Use::UsedIf(
            |value| value.is_string() || value.get("name").is_some_and(Value::is_string),
            "the reader reads params.author, or the site's author's name",
        ),
    ),
    (
        "social",
        Use::Ignored("the reader reads params.social and params.socialIcons"),
    ),
    // The folder of the pages (the default language's, when it has one).
    ("contentdir", Use::Used),
    (
        "staticdir",
        Use::Ignored("pages are read from content/ and files from static/"),
    ),
    (
        "pygmentsuseclasses",
        Use::Ignored("code is coloured by the reader's own highlighter"),
    ),
    (
        "pygmentscodefences",
        Use::Ignored("code is coloured by the reader's own highlighter"),
    ),
    (
        "pygmentsstyle",
        Use::Ignored("code is coloured by the reader's own highlighter"),
    ),
    (
        "pygmentsoptions",
        Use::Ignored("code is coloured by the reader's own highlighter"),
    ),
    ("blackfriday", Use::Ignored(OWN_MARKUP)),
    ("footnotereturnlinkcontents", Use::Ignored(OWN_MARKUP)),
    // Hugo's own process.
    ("archetypedir", Use::Process),
    ("assetdir", Use::Process),
    ("build", Use::Process),
    ("cachedir", Use::Process),
    ("caches", Use::Process),
    ("cleandestinationdir", Use::Process),
    ("datadir", Use::Process),
    ("debug", Use::Process),
    ("deployment", Use::Process),
    ("disablehugogeneratorinject", Use::Process),
    ("disablelivereload", Use::Process),
    ("enablemissingtranslationplaceholders", Use::Process),
    ("environment", Use::Process),
    ("httpcache", Use::Process),
    ("i18ndir", Use::Process),
    ("ignorecache", Use::Process),
    ("ignoreerrors", Use::Process),
    ("ignorefiles", Use::Used),
    ("ignorelogs", Use::Process),
    ("ignorevendorpaths", Use::Process),
    ("log", Use::Process),
    ("minify", Use::Process),
    ("newcontenteditor", Use::Process),
    ("nobuildlock", Use::Process),
    ("nochmod", Use::Process),
    ("notimes", Use::Process),
    ("paniconwarning", Use::Process),
    ("printi18nwarnings", Use::Process),
    ("printpathwarnings", Use::Process),
    ("printunusedtemplates", Use::Process),
    ("publishdir", Use::Process),
    ("resourcedir", Use::Process),
    ("security", Use::Process),
    ("segments", Use::Process),
    ("server", Use::Process),
    ("templatemetrics", Use::Process),
    ("templatemetricshints", Use::Process),
    ("timeout", Use::Process),
    ("verbose", Use::Process),
    ("watch", Use::Process),
    ("workingdir", Use::Process),
    // The theme's (PaperMod's) params this reader uses: site-wide, a page's own winning.
    ("params.author", Use::Used),
    ("params.description", Use::Used),
    ("params.socialicons", Use::Used),
    ("params.social", Use::Used),
    ("params.cover.hidden", Use::Used),
    ("params.cover.hiddeninlist", Use::Used),
    ("params.cover.hiddeninsingle", Use::Used),
    ("params.cover", Use::Ignored(STATIC_FILES)),
    ("params.showtoc", Use::Used),
    ("params.tocopen", Use::Used),
    ("params.showreadingtime", Use::Used),
    ("params.showwordcount", Use::Used),
    ("params.showbreadcrumbs", Use::Used),
    ("params.showpostnavlinks", Use::Used),
    ("params.hidemeta", Use::Used),
    ("params.hidesummary", Use::Used),
    ("params.hideauthor", Use::Used),
    // The theme's params this reader does not use.
    ("params.env", Use::Process),
    ("params.analytics", Use::Ignored(NO_THIRD_PARTY)),
    ("params.comments", Use::Ignored(NO_THIRD_PARTY)),
    ("params.showsharebuttons", Use::Ignored(NO_THIRD_PARTY)),
    ("params.sharebuttons", Use::Ignored(NO_THIRD_PARTY)),
    ("params.disableshare", Use::Ignored(NO_THIRD_PARTY)),
    ("params.fuseopts", Use::Ignored(NO_SEARCH)),
    ("params.assets", Use::Ignored(THEME_LOOK)),
    ("params.label", Use::Ignored(THEME_LOOK)),
    ("params.defaulttheme", Use::Ignored(THEME_LOOK)),
    ("params.disablethemetoggle", Use::Ignored(THEME_LOOK)),
    ("params.dateformat", Use::Ignored(THEME_LOOK)),
    ("params.homeinfoparams", Use::Ignored(THEME_LOOK)),
    ("params.profilemode", Use::Ignored(THEME_LOOK)),
    ("params.disablespecial1stpost", Use::Ignored(THEME_LOOK)),
    ("params.disablescrolltotop", Use::Ignored(THEME_LOOK)),
    ("params.showcodecopybuttons", Use::Ignored(THEME_LOOK)),
    (
        "params.showrssbuttoninsectiontermlist",
        Use::Ignored(THEME_LOOK),
    ),
    ("params.usehugotoc", Use::Ignored(THEME_LOOK)),
    ("params.showpagenums", Use::Ignored(THEME_LOOK)),
    ("params.disableanchoredheadings", Use::Ignored(THEME_LOOK)),
    ("params.footer", Use::Ignored(THEME_LOOK)),
    ("params.hidefooter", Use::Ignored(THEME_LOOK)),
    ("params.showcanonicallink", Use::Ignored(THEME_LOOK)),
    ("params.canonicallinktext", Use::Ignored(THEME_LOOK)),
    ("params.showallpagesinarchive", Use::Ignored(THEME_LOOK)),
    ("params.showfulltextinrss", Use::Ignored(THEME_LOOK)),
    ("params.mainsections", Use::Used),
    ("params.images", Use::Ignored(THEME_LOOK)),
    ("params.keywords", Use::Ignored(THEME_LOOK)),
    ("params.schema", Use::Ignored(THEME_LOOK)),
    ("params.editpost", Use::Ignored(THEME_LOOK)),
    ("params.disablelangtoggle", Use::Ignored(ONE_LANGUAGE)),
    ("params.displayfulllangname", Use::Ignored(ONE_LANGUAGE)),
];

/// Hugo's reserved front matter keys (lower case) and the theme's page params this reader
/// knows; a key's rule covers what is below it, unless a longer key has its own.
const FRONT_MATTER_KEYS: &[(&str, Use)] = &[
    ("title", Use::Used),
    ("linktitle", Use::Used),
    ("date", Use::Used),
    ("publishdate", Use::Used),
    ("pubdate", Use::Used),
    ("published", Use::Used),
    ("lastmod", Use::Used),
    ("modified", Use::Used),
    ("expirydate", Use::Used),
    ("unpublishdate", Use::Used),
    ("draft", Use::Used),
    ("weight", Use::Used),
    ("slug", Use::Used),
    ("url", Use::Used),
    ("aliases", Use::Used),
    ("summary", Use::Used),
    ("description", Use::Used),
    ("params", Use::Used),
    ("headless", Use::Used),
    ("build", Use::Used),
    ("_build", Use::Used),
    ("cascade", Use::Used),
    (
        "layout",
        Use::UsedIf(
            |value| {
                value.as_str().is_some_and(|layout| {
                    layout.eq_ignore_ascii_case(ARCHIVES_LAYOUT)
                        || layout.eq_ignore_ascii_case(SEARCH_LAYOUT)
                })
            },
            "of the theme's layouts only \"archives\" and \"search\" are known; the page \
             shows as an article",
        ),
    ),
    ("type", Use::Ignored(NO_TEMPLATES)),
    ("outputs", Use::Ignored(OWN_OUTPUTS)),
    (
        "resources",
        Use::Ignored("bundle files keep their own names; their titles and params are not read"),
    ),
    ("markup", Use::Ignored("every page is Markdown")),
    ("translationkey", Use::Ignored(ONE_LANGUAGE)),
    ("iscjklanguage", Use::Ignored(ONE_LANGUAGE)),
    (
        "keywords",
        Use::Ignored("pages have no keywords meta tag; search engines ignore it"),
    ),
    // The page's own menu entries (nested ones, with a parent, are not shown).
    ("menu", Use::Used),
    ("menus", Use::Used),
    (
        "sitemap",
        Use::Ignored("sitemap.xml lists every page with Hugo's defaults"),
    ),
    // The theme's page params, used: with the site's params of the same name as defaults.
    ("cover.image", Use::Used),
    ("cover.alt", Use::Used),
    ("cover.caption", Use::Used),
    ("cover.hidden", Use::Used),
    ("cover.hiddeninlist", Use::Used),
    ("cover.hiddeninsingle", Use::Used),
    ("cover", Use::Ignored(STATIC_FILES)),
    ("showtoc", Use::Used),
    ("tocopen", Use::Used),
    ("showreadingtime", Use::Used),
    ("showwordcount", Use::Used),
    ("showbreadcrumbs", Use::Used),
    ("showpostnavlinks", Use::Used),
    ("hidemeta", Use::Used),
    ("hidesummary", Use::Used),
    ("hideauthor", Use::Used),
    ("author", Use::Used),
    ("hiddeninhomelist", Use::Used),
    ("hiddeninrss", Use::Used),
    // The theme's page params, not used.
    ("comments", Use::Ignored(NO_THIRD_PARTY)),
    ("disableshare", Use::Ignored(NO_THIRD_PARTY)),
    ("sharebuttons", Use::Ignored(NO_THIRD_PARTY)),
    ("searchhidden", Use::Ignored(NO_SEARCH)),
    ("editpost", Use::Ignored(THEME_LOOK)),
    (
        "canonicalurl",
        Use::Ignored("a page's canonical URL is its own"),
    ),
    ("robotsnoindex", Use::Ignored("every page may be indexed")),
    ("showcodecopybuttons", Use::Ignored(THEME_LOOK)),
    ("disableanchoredheadings", Use::Ignored(THEME_LOOK)),
    ("usehugotoc", Use::Ignored(THEME_LOOK)),
    ("showrssbuttoninsectiontermlist", Use::Ignored(THEME_LOOK)),
];

/// The rule for `path` (dotted, lower case): its own, else its nearest ancestor's; `None`
/// for a key no rule knows.
fn rule(rules: &[(&str, Use)], path: &str) -> Option<Use> {
    let mut key = path;
    loop {
        if let Some((_, found)) = rules.iter().find(|(name, _)| *name == key) {
            return Some(*found);
        }
        key = key.rsplit_once('.')?.0;
    }
}

/// Whether some rule is for a key below `path`.
fn has_rules_below(rules: &[(&str, Use)], path: &str) -> bool {
    rules.iter().any(|(name, _)| {
        name.strip_prefix(path)
            .is_some_and(|rest| rest.starts_with('.'))
    })
}

/// One key this reader does not use, as written and why.
struct Unused {
    /// Dotted, as written: `markup.highlight`, `params.ShowShareButtons`.
    written: String,
    why: &'static str,
}

/// Every key at and below `path` (`value` is its value) that `rules` do not mark used, at
/// the depth the rules know; `unknown` is the reason for a key no rule knows (`None`: such
/// keys are data, not named).
fn unused_keys(
    rules: &[(&str, Use)],
    path: &[&str],
    value: &Value,
    unknown: Option<&'static str>,
    found: &mut Vec<Unused>,
) {
    let dotted = path.join(".");
    let lower = dotted.to_lowercase();
    if let (Value::Object(table), true) = (value, has_rules_below(rules, &lower)) {
        for (key, inner) in table {
            let inner_path: Vec<&str> = path.iter().copied().chain([key.as_str()]).collect();
            unused_keys(rules, &inner_path, inner, unknown, found);
        }
        return;
    }
    let why = match rule(rules, &lower) {
        Some(Use::Used | Use::Process) => None,
        Some(Use::Ignored(why)) => Some(why),
        Some(Use::UsedIf(test, why)) => (!test(value)).then_some(why),
        None => unknown,
    };
    if let Some(why) = why {
        found.push(Unused {
            written: dotted,
            why,
        });
    }
}

/// Where the key at `path` is written in `text` (a TOML, YAML or JSON document): each
/// segment looked for as a key (bare or quoted, followed by `=`, `:`, `.` or `]`) after the
/// one before it. An approximation that finds tables (`[params]`), dotted keys
/// (`params.x = 1`) and nested YAML and JSON alike; the document's start when not found.
fn key_offset(text: &str, path: &[&str]) -> usize {
    let lower = text.to_ascii_lowercase();
    let mut offset = 0;
    let mut found = 0;
    for segment in path {
        let segment = segment.to_ascii_lowercase();
        let mut from = offset;
        loop {
            let Some(at) = lower
                .get(from..)
                .and_then(|rest| rest.find(&segment))
                .map(|at| from + at)
            else {
                return found;
            };
            if is_key_at(&lower, at, segment.len()) {
                found = at;
                offset = at + segment.len();
                break;
            }
            from = at + segment.len().max(1);
        }
    }
    found
}

/// Whether the text at `at..at + length` of `text` is written as a key.
fn is_key_at(text: &str, at: usize, length: usize) -> bool {
    let before = text.get(..at).unwrap_or("");
    let before = before.strip_suffix(['"', '\'']).unwrap_or(before);
    let starts = before
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '[' | '.' | '{' | ','));
    let after = text.get(at + length..).unwrap_or("");
    let after = after.strip_prefix(['"', '\'']).unwrap_or(after);
    let ends = after
        .trim_start_matches([' ', '\t'])
        .starts_with(['=', ':', '.', ']']);
    starts && ends
}

/// Where the front matter key at `path` is written in `page`, as a line and column of its
/// file.
pub(crate) fn key_place(page: &RawPage, path: &[&str]) -> (usize, usize) {
    let text = page.split.front_matter;
    let (line, column) = line_column(text, key_offset(text, path));
    (page.split.front_matter_line + line - 1, column)
}

fn warning(file: &str, (line, column): (usize, usize), kind: DiagnosticKind) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        file: file.to_owned(),
        line,
        column,
        kind,
    }
}

/// The warnings for what the config file `source` sets that this reader does not use: one
/// per key, and one per reason for the theme's params, listing them. `language` is the
/// default content language: its settings are read as the site's.
pub(crate) fn config_warnings(source: &Source, language: &str) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (key, value) in &source.table {
        if key.eq_ignore_ascii_case("languages") {
            unused_language_keys(key, value, language, &mut found);
        } else {
            unused_keys(CONFIG_KEYS, &[key], value, UNKNOWN_SETTING, &mut found);
        }
    }
    // The file's text does not write the keys its name implies (`params.toml`).
    let place = |written: &str| {
        let path: Vec<&str> = written.split('.').skip(source.implied.len()).collect();
        line_column(source.text, key_offset(source.text, &path))
    };
    let file = source.file;
    let mut warnings = Vec::new();
    // The theme's params, one group per reason.
    let mut groups: Vec<ParamGroup> = Vec::new();
    for unused in found {
        let Some(param) = theme_param(&unused.written) else {
            let kind = DiagnosticKind::IgnoredSetting {
                setting: format!("config key \"{}\"", unused.written),
                why: unused.why.to_owned(),
                pages: 0,
            };
            warnings.push(warning(file, place(&unused.written), kind));
            continue;
        };
        let at = place(&unused.written);
        match groups.iter_mut().find(|group| group.why == unused.why) {
            Some(group) => {
                group.first = group.first.min(at);
                group.keys.push(param);
            }
            None => groups.push(ParamGroup {
                why: unused.why,
                first: at,
                keys: vec![param],
            }),
        }
    }
    for group in groups {
        let kind = DiagnosticKind::IgnoredParams {
            keys: group.keys,
            why: group.why.to_owned(),
        };
        warnings.push(warning(file, group.first, kind));
    }
    warnings
}

/// The keys under `languages` (written `written`) that this reader does not use: the
/// default `language`'s settings as the site's own, and each other language as a whole.
fn unused_language_keys(written: &str, value: &Value, language: &str, found: &mut Vec<Unused>) {
    let Value::Object(languages) = value else {
        return unused_keys(CONFIG_KEYS, &[written], value, None, found);
    };
    for (name, settings) in languages {
        let Value::Object(settings) = settings else {
            continue;
        };
        if !name.eq_ignore_ascii_case(language) {
            found.push(Unused {
                written: format!("{written}.{name}"),
                why: OTHER_LANGUAGE,
            });
            continue;
        }
        let mut own = Vec::new();
        for (key, value) in settings {
            if !LANGUAGE_ONLY_KEYS.contains(&key.to_lowercase().as_str()) {
                unused_keys(CONFIG_KEYS, &[key], value, UNKNOWN_SETTING, &mut own);
            }
        }
        found.extend(own.into_iter().map(|unused| Unused {
            written: format!("{written}.{name}.{}", unused.written),
            why: unused.why,
        }));
    }
}

/// The param a dotted config key written `written` names (`params.x`, or the default
/// language's `languages.en.params.x`), if it names one.
fn theme_param(written: &str) -> Option<String> {
    let site_key = match written.split_once('.') {
        Some((top, rest)) if top.eq_ignore_ascii_case("languages") => {
            rest.split_once('.').map_or("", |(_, key)| key)
        }
        _ => written,
    };
    site_key
        .split_once('.')
        .filter(|(top, _)| top.eq_ignore_ascii_case("params"))
        .map(|(_, param)| param.to_owned())
}

/// The theme's params left aside for one reason, and where the first is written.
struct ParamGroup {
    why: &'static str,
    first: (usize, usize),
    keys: Vec<String>,
}

/// The front matter keys of every page (and cascade) that this reader does not use, each
/// with where it is first written and how many pages set it.
#[derive(Default)]
pub(crate) struct FrontMatterKeys {
    /// By lower-case dotted key.
    found: BTreeMap<String, FoundKey>,
}

struct FoundKey {
    written: String,
    why: &'static str,
    file: String,
    place: (usize, usize),
    pages: usize,
}

impl FrontMatterKeys {
    /// Adds the keys of `page` (the file `file`), its own only (not what cascades pass down):
    /// top-level ones and those under its `params` table.
    pub(crate) fn add_page(&mut self, file: &str, page: &RawPage) {
        self.add(file, &page.map, &|path| key_place(page, path));
    }

    /// Adds the keys a `cascade` of `file` (written at `place`) passes down.
    pub(crate) fn add_cascade(
        &mut self,
        file: &str,
        place: (usize, usize),
        values: &Map<String, Value>,
    ) {
        self.add(file, values, &|_| place);
    }

    fn add(
        &mut self,
        file: &str,
        map: &Map<String, Value>,
        place: &dyn Fn(&[&str]) -> (usize, usize),
    ) {
        let mut found = Vec::new();
        for (key, value) in map {
            match value {
                // A page's params table holds params, as its other keys do.
                Value::Object(params) if key.eq_ignore_ascii_case("params") => {
                    for (param, value) in params {
                        unused_keys(FRONT_MATTER_KEYS, &[param], value, None, &mut found);
                    }
                }
                _ => unused_keys(FRONT_MATTER_KEYS, &[key], value, None, &mut found),
            }
        }
        let mut counted = Vec::new();
        for unused in found {
            let lower = unused.written.to_lowercase();
            if counted.contains(&lower) {
                continue;
            }
            let entry = self.found.entry(lower.clone()).or_insert_with(|| {
                let path: Vec<&str> = unused.written.split('.').collect();
                FoundKey {
                    written: unused.written.clone(),
                    why: unused.why,
                    file: file.to_owned(),
                    place: place(&path),
                    pages: 0,
                }
            });
            entry.pages += 1;
            counted.push(lower);
        }
    }

    /// One warning per key, at its first use.
    pub(crate) fn warnings(self) -> Vec<Diagnostic> {
        self.found
            .into_values()
            .map(|key| {
                let kind = DiagnosticKind::IgnoredSetting {
                    setting: format!("front matter key \"{}\"", key.written),
                    why: key.why.to_owned(),
                    pages: key.pages,
                };
                warning(&key.file, key.place, kind)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config_files::{ConfigFile, MergedConfig};
    use crate::front_matter::read_page;

    fn config(file: &str, text: &str) -> Vec<String> {
        config_files(&[(file, text)])
    }

    /// The warnings about the config `files` (name, text), in Hugo's order.
    fn config_files(files: &[(&str, &str)]) -> Vec<String> {
        let files: Vec<ConfigFile> = files
            .iter()
            .map(|(name, text)| ConfigFile {
                name: (*name).to_owned(),
                text: (*text).to_owned(),
            })
            .collect();
        let merged = MergedConfig::read(&files).unwrap_or_else(|_| panic!("{files:?}"));
        merged
            .sources
            .iter()
            .flat_map(|source| config_warnings(source, &merged.language))
            .map(|warning| warning.to_string())
            .collect()
    }

    #[test]
    fn config_keys_this_reader_does_not_use_are_named_once_each() {
        let warnings = config(
            "hugo.toml",
            "baseURL = \"/\"\ntitle = \"T\"\nlanguageCode = \"en-us\"\ntheme = \"PaperMod\"\n\
             enableRobotsTXT = true\ntimeout = \"30s\"\nmystery = 1\n\
             outputs.home = [\"HTML\", \"RSS\", \"JSON\"]\n\
             [markup.goldmark.renderer]\nunsafe = true\nhardWraps = true\n\
             [markup.highlight]\nnoClasses = false\nlineNos = true\n",
        );
        assert_eq!(
            warnings,
            [
                "hugo.toml:5:1: config key \"enableRobotsTXT\" is not used by this reader \
                 (robots.txt is always written, unless disableKinds has robotsTXT)",
                "hugo.toml:11:1: config key \"markup.goldmark.renderer.hardWraps\" is not used \
                 by this reader (Markdown is rendered with Hugo's default goldmark settings; \
                 of markup only goldmark.renderer.unsafe and goldmark.extensions.passthrough \
                 are read)",
                "hugo.toml:12:9: config key \"markup.highlight\" is not used by this reader \
                 (code is coloured by the reader's own highlighter; its options are not read)",
                "hugo.toml:7:1: config key \"mystery\" is not used by this reader (not a Hugo \
                 setting this reader knows)",
                "hugo.toml:8:1: config key \"outputs\" is not used by this reader (the build \
                 writes HTML pages, RSS feeds, a sitemap and robots.txt)",
            ]
        );
        // The pages say the language; its other languages are another matter.
        assert_eq!(
            config("hugo.toml", "languageCode = \"fr\"\n"),
            [] as [&str; 0]
        );
        assert_eq!(
            config("hugo.toml", "[languages.fr]\nweight = 1\n"),
            [
                "hugo.toml:1:12: config key \"languages.fr\" is not used by this reader (one \
                 language is built, the default content language, whose settings apply; the \
                 pages and settings of the others are not read)"
            ]
        );
    }

    /// The default language's settings are the site's, checked as the site's; every other
    /// language is named once, in the file that writes it.
    #[test]
    fn the_default_languages_settings_are_checked_as_the_sites() {
        let warnings = config_files(&[
            (
                "hugo.yaml",
                "defaultContentLanguage: en\nlanguages:\n  en:\n    languageName: English\n    \
                 weight: 1\n    title: Blog\n    enableGitInfo: true\n    params:\n      \
                 ShowShareButtons: true\n  fr:\n    title: Blogue\n",
            ),
            (
                "config/_default/menus.fr.toml",
                "[[main]]\nname = \"À propos\"\n",
            ),
            (
                "config/_default/params.en.toml",
                "ShowCodeCopyButtons = true\n",
            ),
        ]);
        assert_eq!(
            warnings,
            [
                "hugo.yaml:7:5: config key \"languages.en.enableGitInfo\" is not used by this \
                 reader (lastmod comes from front matter only)",
                "hugo.yaml:10:3: config key \"languages.fr\" is not used by this reader (one \
                 language is built, the default content language, whose settings apply; the \
                 pages and settings of the others are not read)",
                "hugo.yaml:9:7: theme param \"params.ShowShareButtons\" is not used by this \
                 reader (the reader loads nothing from other sites: no analytics, comments, \
                 share buttons or embedded scripts)",
                "config/_default/menus.fr.toml:1:1: config key \"languages.fr\" is not used \
                 by this reader (one language is built, the default content language, whose \
                 settings apply; the pages and settings of the others are not read)",
                "config/_default/params.en.toml:1:1: theme param \"params.ShowCodeCopyButtons\" \
                 is not used by this reader (the reader's own layout and styles stand in for \
                 the theme's)",
            ]
        );
    }

    #[test]
    fn the_themes_params_are_named_by_reason_in_one_warning_each() {
        let warnings = config(
            "hugo.yaml",
            "title: T\nparams:\n  env: production\n  author: Me\n  ShowReadingTime: true\n  \
             defaultTheme: auto\n  ShowShareButtons: true\n  assets:\n    favicon: x.ico\n  \
             comments: false\n  myOwnParam: kept\n  cover:\n    hiddenInList: true\n    \
             responsiveImages: false\n",
        );
        assert_eq!(
            warnings,
            [
                "hugo.yaml:7:3: 2 theme params are not used by this reader (the reader loads \
                 nothing from other sites: no analytics, comments, share buttons or embedded \
                 scripts): ShowShareButtons, comments",
                "hugo.yaml:6:3: 2 theme params are not used by this reader (the reader's own \
                 layout and styles stand in for the theme's): assets, defaultTheme",
                "hugo.yaml:14:5: theme param \"params.cover.responsiveImages\" is not used by \
                 this reader (images and files are published as they are, unprocessed)",
            ]
        );
    }

    #[test]
    fn keys_are_found_where_they_are_written() {
        let toml = "title = \"params\"\n[params]\nx = 1\n[params.cover]\nhidden = true\n";
        assert_eq!(
            line_column(toml, key_offset(toml, &["params", "cover", "hidden"])),
            (5, 1)
        );
        let dotted = "params.ShowToc = true\n";
        assert_eq!(
            line_column(dotted, key_offset(dotted, &["params", "showtoc"])),
            (1, 8)
        );
        let json = "{\"params\": {\"a\": {\"b\": 1}}}";
        assert_eq!(
            line_column(json, key_offset(json, &["params", "a", "b"])),
            (1, 20)
        );
        assert_eq!(key_offset("x = 1\n", &["missing"]), 0);
    }

    #[test]
    fn front_matter_keys_are_named_once_with_their_first_page_and_count() {
        let mut keys = FrontMatterKeys::default();
        let pages = [
            (
                "content/a.md",
                "---\ntitle: A\noutputs: [html]\nShowToc: false\ncomments: true\nmine: 1\n\
                 layout: wide\n---\n",
            ),
            (
                "content/b.md",
                "+++\noutputs = [\"html\"]\nlayout = \"archives\"\n[params]\ncomments = true\n\
                 searchHidden = true\n+++\n",
            ),
        ];
        for (file, text) in pages {
            let page = read_page(file, text).unwrap_or_else(|error| panic!("{error}"));
            keys.add_page(file, &page);
        }
        let values = match serde_json::from_str(r#"{"disableShare": true}"#) {
            Ok(Value::Object(map)) => map,
            other => panic!("{other:?}"),
        };
        keys.add_cascade("content/_index.md", (3, 1), &values);
        let warnings: Vec<String> = keys.warnings().iter().map(ToString::to_string).collect();
        assert_eq!(
            warnings,
            [
                "content/a.md:5:1: front matter key \"comments\" is not used by this reader \
                 (the reader loads nothing from other sites: no analytics, comments, share \
                 buttons or embedded scripts); 2 pages set it",
                "content/_index.md:3:1: front matter key \"disableShare\" is not used by this \
                 reader (the reader loads nothing from other sites: no analytics, comments, \
                 share buttons or embedded scripts); 1 page sets it",
                "content/a.md:7:1: front matter key \"layout\" is not used by this reader (of \
                 the theme's layouts only \"archives\" and \"search\" are known; the page \
                 shows as an article); 1 page sets it",
                "content/a.md:3:1: front matter key \"outputs\" is not used by this reader (the \
                 build writes HTML pages, RSS feeds, a sitemap and robots.txt); 2 pages set it",
                "content/b.md:6:1: front matter key \"searchHidden\" is not used by this reader \
                 (the reader's search (at /search/) indexes every article and section); 1 \
                 page sets it",
            ]
        );
    }
}
