//! Reading a site folder from disk: its config, and every file under `content/` and `static/`,
//! as the content core's [`SourceFile`]s. What a file system can do to a build is handled
//! here: a symbolic link is followed at most once (a loop is an error, a second way to the same
//! files a warning, so no page is silently doubled and no walk runs forever), a file that is
//! not UTF-8 is reported at the line and column of its first bad byte, and a file name that
//! could not be a URL (a control character, a backslash) is refused by name.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fs;
use std::path::{Path, PathBuf};

use crate::{ToolError, io_error};
use blogreader_content::error::{Diagnostic, DiagnosticKind, Severity, line_column};
use blogreader_content::site::SourceFile;
use blogreader_site::config::{BuildConfig, ConfigFile, IgnoreFiles};
use blogreader_site::template::{TemplateFile, TranslationFile};

/// Site config file names Hugo reads at the site root, in its order of preference.
const CONFIG_FILES: [&str; 8] = [
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
];

/// Hugo's folders of config files (`config/_default/hugo.toml`, `params.toml`,
/// `menus.en.toml`…), read after the root file in this order: the defaults, then those of
/// the environment a `hugo` build uses (production; `hugo server`'s development is not).
const CONFIG_FOLDERS: [&str; 2] = ["config/_default", "config/production"];

/// File endings of a config file in a config folder.
const CONFIG_EXTENSIONS: [&str; 4] = ["toml", "yaml", "yml", "json"];

/// The folder of the site's pages as the build names it (`contentDir` may keep them
/// elsewhere), and the folder of its files published as they are.
const CONTENT_FOLDER: &str = "content";
const STATIC_FOLDER: &str = "static";

/// A site folder as read from disk.
pub struct LoadedSite {
    pub config: BuildConfig,
    pub files: Vec<SourceFile>,
    /// What could not be read as it is (see the module's description).
    pub diagnostics: Vec<Diagnostic>,
    /// The files read under another path (`content/post.md` for `content/post.en.md`, or
    /// for `content/en/post.md` when that is the `contentDir`), by that path: their problems
    /// name the file, and the file is copied from where it is.
    pub renamed: HashMap<String, String>,
}

/// Reads the site config (when there is one) and every file under `content/` and `static/`.
pub fn load_site(site_dir: &Path) -> Result<LoadedSite, ToolError> {
    let config_files = config_files(site_dir)?;
    let config = if config_files.is_empty() {
        BuildConfig::default()
    } else {
        BuildConfig::read(&config_files).map_err(ToolError::Config)?
    };
    let mut walk = Walk {
        site_dir,
        files: Vec::new(),
        diagnostics: Vec::new(),
        ignore: &config.ignore_files,
        left_out: &config.other_content_dirs,
        read: HashSet::new(),
        links: VecDeque::new(),
    };
    for folder in [config.content_dir.as_str(), STATIC_FOLDER] {
        walk.folder(Path::new(folder))?;
    }
    walk.follow_links()?;
    let Walk {
        files, diagnostics, ..
    } = walk;
    // The site's pages are read as `content/…` wherever `contentDir` keeps them. One
    // language is built: another's pages are not read (the walk leaves its own folder out;
    // here those filed by suffix), and the default language's suffix is taken off
    // (`post.en.md` is the page `post.md`).
    let content_prefix = format!("{}/", config.content_dir);
    let mut renamed = HashMap::new();
    let files = files
        .into_iter()
        .filter_map(|mut file| {
            let in_content = match file.path.strip_prefix(&content_prefix) {
                Some(relative) => format!("{CONTENT_FOLDER}/{relative}"),
                None => file.path.clone(),
            };
            let own = config.own_language_path(&in_content)?.into_owned();
            if own != file.path {
                renamed.insert(own.clone(), std::mem::replace(&mut file.path, own));
            }
            Some(file)
        })
        .collect();
    Ok(LoadedSite {
        config,
        files,
        diagnostics,
        renamed,
    })
}

/// The site's config files in Hugo's order: the root file Hugo reads first (`hugo.toml`…),
/// then each config folder's files by name.
fn config_files(site_dir: &Path) -> Result<Vec<ConfigFile>, ToolError> {
    let mut names: Vec<String> = CONFIG_FILES
        .iter()
        .find(|name| site_dir.join(name).is_file())
        .map(|name| (*name).to_owned())
        .into_iter()
        .collect();
    for folder in CONFIG_FOLDERS {
        if !site_dir.join(folder).is_dir() {
            continue;
        }
        for entry in sorted_entries(&site_dir.join(folder))? {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_config = name
                .rsplit_once('.')
                .is_some_and(|(_, extension)| CONFIG_EXTENSIONS.contains(&extension));
            if is_config && entry.path().is_file() {
                names.push(format!("{folder}/{name}"));
            }
        }
    }
    names
        .into_iter()
        .map(|name| {
            let path = site_dir.join(&name);
            let bytes = fs::read(&path).map_err(io_error(&path))?;
            let text = utf8_text(&name, bytes).map_err(ToolError::Config)?;
            Ok(ConfigFile { name, text })
        })
        .collect()
}

/// The entries of the folder `dir`, by name: a build reads files in the same order on every
/// machine.
fn sorted_entries(dir: &Path) -> Result<Vec<fs::DirEntry>, ToolError> {
    let mut entries = fs::read_dir(dir)
        .map_err(io_error(dir))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(io_error(dir))?;
    entries.sort_by_key(|entry| entry.file_name());
    Ok(entries)
}

/// `bytes` as text, or an error at the line and column of the first byte that is not UTF-8.
fn utf8_text(file: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let bytes = error.as_bytes();
        let before = std::str::from_utf8(bytes.get(..valid).unwrap_or_default()).unwrap_or("");
        let (line, column) = line_column(before, valid);
        let byte = bytes.get(valid).copied().unwrap_or_default();
        file_problem(
            file,
            (line, column),
            Severity::Error,
            format!("is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8"),
        )
    })
}

fn file_problem(
    file: &str,
    (line, column): (usize, usize),
    severity: Severity,
    message: String,
) -> Diagnostic {
    Diagnostic {
        severity,
        file: file.to_owned(),
        line,
        column,
        kind: DiagnosticKind::BadFile { message },
    }
}

/// A walk over the site's folders.
struct Walk<'a> {
    site_dir: &'a Path,
    files: Vec<SourceFile>,
    diagnostics: Vec<Diagnostic>,
    /// Every folder and file read, by its path with links resolved.
    read: HashSet<PathBuf>,
    /// Symbolic links met, as paths relative to the site: followed once every real file is
    /// read, so a link never takes the place of the files it points at.
    links: VecDeque<PathBuf>,
    /// `ignoreFiles`: the files the site leaves out.
    ignore: &'a IgnoreFiles,
    /// The other languages' own content folders, never read.
    left_out: &'a [String],
}

impl Walk<'_> {
    /// Reads every file below `relative` in name order, folders first-met first; links wait.
    fn folder(&mut self, relative: &Path) -> Result<(), ToolError> {
        let dir = self.site_dir.join(relative);
        let is_left_out = self
            .left_out
            .iter()
            .any(|folder| Path::new(folder) == relative);
        if is_left_out || !dir.is_dir() {
            return Ok(());
        }
        if let Ok(canonical) = dir.canonicalize() {
            self.read.insert(canonical);
        }
        for entry in sorted_entries(&dir)? {
            let child = relative.join(entry.file_name());
            let file_type = entry.file_type().map_err(io_error(&entry.path()))?;
            if file_type.is_symlink() {
                self.links.push_back(child);
            } else if file_type.is_dir() {
                self.folder(&child)?;
            } else {
                self.file(&child)?;
            }
        }
        Ok(())
    }

    /// Reads one file: Markdown with its text.
    fn file(&mut self, relative: &Path) -> Result<(), ToolError> {
        let full = self.site_dir.join(relative);
        // Hugo matches `ignoreFiles` against the file's absolute path.
        let absolute = std::path::absolute(&full).unwrap_or_else(|_| full.clone());
        if self.ignore.ignores(&absolute.to_string_lossy()) {
            return Ok(());
        }
        let Some(path) = self.site_path(relative) else {
            return Ok(());
        };
        if let Ok(canonical) = full.canonicalize() {
            self.read.insert(canonical);
        }
        let text = if path.ends_with(".md") {
            let bytes = fs::read(&full).map_err(io_error(&full))?;
            match utf8_text(&path, bytes) {
                Ok(text) => Some(text),
                Err(diagnostic) => {
                    self.diagnostics.push(diagnostic);
                    return Ok(());
                }
            }
        } else {
            None
        };
        self.files.push(SourceFile { path, text });
        Ok(())
    }

    /// `relative` as the site's `/`-separated path; `None`, with an error, for a name that no
    /// URL or output file could carry.
    fn site_path(&mut self, relative: &Path) -> Option<String> {
        let Some(path) = relative.to_str() else {
            let shown = relative.to_string_lossy().into_owned();
            let message = "has a name that is not UTF-8: rename it".to_owned();
            let problem = file_problem(&shown, (1, 1), Severity::Error, message);
            self.diagnostics.push(problem);
            return None;
        };
        if path.contains(|c: char| c.is_control() || c == '\\') {
            let message =
                "has a control character or a backslash in its name: rename it".to_owned();
            let problem = file_problem(&format!("{path:?}"), (1, 1), Severity::Error, message);
            self.diagnostics.push(problem);
            return None;
        }
        Some(path.to_owned())
    }

    /// Follows each symbolic link met (and those met behind them) at most once.
    fn follow_links(&mut self) -> Result<(), ToolError> {
        while let Some(link) = self.links.pop_front() {
            let full = self.site_dir.join(&link);
            let shown = link.to_string_lossy().replace('\\', "/");
            let problem =
                |severity, message: String| file_problem(&shown, (1, 1), severity, message);
            let Ok(target) = full.canonicalize() else {
                let message = "is a symbolic link to nothing: it is left out".to_owned();
                self.diagnostics.push(problem(Severity::Warning, message));
                continue;
            };
            let folder = full.parent().and_then(|parent| parent.canonicalize().ok());
            if target.is_dir() && folder.is_some_and(|folder| folder.starts_with(&target)) {
                let message = format!(
                    "is a symbolic link to {}, a folder that holds it: a loop",
                    target.display()
                );
                self.diagnostics.push(problem(Severity::Error, message));
                continue;
            }
            if self.read.contains(&target) {
                let message = format!(
                    "is a symbolic link to {}, which is read already: it is left out, so no \
                     page is there twice",
                    target.display()
                );
                self.diagnostics.push(problem(Severity::Warning, message));
                continue;
            }
            if target.is_dir() {
                self.folder(&link)?;
            } else {
                self.file(&link)?;
            }
        }
        Ok(())
    }
}

/// The folders of shortcode templates under a site or theme folder, as Hugo reads them:
/// `layouts/_shortcodes/` (Hugo 0.146 on) before `layouts/shortcodes/`.
const SHORTCODE_FOLDERS: [&str; 2] = ["layouts/_shortcodes", "layouts/shortcodes"];

/// The folders of partial templates, which shortcode templates may call.
const PARTIAL_FOLDERS: [&str; 2] = ["layouts/_partials", "layouts/partials"];

/// Template folders nested deeper than this are not read (`layouts/shortcodes/a/b/c.html`
/// is the shortcode `a/b/c`).
const MAX_TEMPLATE_NESTING: usize = 8;

/// The site's templates that shortcodes run.
pub struct SiteTemplateFiles {
    /// Named as shortcodes are called (`note`, `media/audio`).
    pub shortcodes: Vec<TemplateFile>,
    /// Named as `partial` names them (`note.html`).
    pub partials: Vec<TemplateFile>,
    /// The language's strings for `i18n` (`i18n/en.toml`), the site's before its themes'.
    pub translations: Vec<TranslationFile>,
    /// Files that are no UTF-8 text: left out.
    pub diagnostics: Vec<Diagnostic>,
}

/// The site's shortcode and partial templates and the strings of its `language` (the key of
/// the default content language), each in Hugo's order of precedence: the site's own, then
/// each theme's (`theme` in the config) that is a folder under `themes/`.
pub fn site_templates(
    site_dir: &Path,
    themes: &[String],
    language: &str,
) -> Result<SiteTemplateFiles, ToolError> {
    let mut roots = vec![PathBuf::new()];
    // A theme's name is a folder's, never a path that leaves `themes/`.
    let plain = |theme: &&String| {
        !theme.is_empty() && !theme.contains(['/', '\\']) && !theme.starts_with('.')
    };
    roots.extend(
        themes
            .iter()
            .filter(plain)
            .map(|theme| Path::new("themes").join(theme)),
    );
    let mut found = SiteTemplateFiles {
        shortcodes: Vec::new(),
        partials: Vec::new(),
        translations: Vec::new(),
        diagnostics: Vec::new(),
    };
    for root in roots {
        read_translations(site_dir, &root, language, &mut found)?;
        for (folders, partials) in [(SHORTCODE_FOLDERS, false), (PARTIAL_FOLDERS, true)] {
            for folder in folders {
                let reading = TemplateFolder {
                    site_dir,
                    keep_extension: partials,
                };
                let files = if partials {
                    &mut found.partials
                } else {
                    &mut found.shortcodes
                };
                reading.read(&root.join(folder), "", 0, files, &mut found.diagnostics)?;
            }
        }
    }
    Ok(found)
}

/// Reads `i18n/<language>.toml` (`.yaml`, `.yml`, `.json`; the name compared without regard
/// to case) under `root`, a site or theme folder.
fn read_translations(
    site_dir: &Path,
    root: &Path,
    language: &str,
    found: &mut SiteTemplateFiles,
) -> Result<(), ToolError> {
    let folder = root.join("i18n");
    let dir = site_dir.join(&folder);
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in sorted_entries(&dir)? {
        let Some(file_name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        let is_the_languages = file_name.rsplit_once('.').is_some_and(|(stem, extension)| {
            stem.eq_ignore_ascii_case(language)
                && matches!(extension, "toml" | "yaml" | "yml" | "json")
        });
        if !is_the_languages || !entry.path().is_file() {
            continue;
        }
        let path = folder.join(&file_name).to_string_lossy().replace('\\', "/");
        if let Some(text) = optional_text(&entry.path(), &path, &mut found.diagnostics)? {
            found.translations.push(TranslationFile { path, text });
        }
    }
    Ok(())
}

/// The text of a file the site may do without (a template, a translations file), named
/// `path` in messages; one that is no UTF-8 text is left out with a warning.
fn optional_text(
    file: &Path,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<String>, ToolError> {
    let bytes = fs::read(file).map_err(io_error(file))?;
    Ok(match utf8_text(path, bytes) {
        Ok(text) => Some(text),
        Err(mut diagnostic) => {
            diagnostic.severity = Severity::Warning;
            diagnostics.push(diagnostic);
            None
        }
    })
}

/// A folder of templates being read.
struct TemplateFolder<'a> {
    site_dir: &'a Path,
    /// Partials are named with their `.html`, shortcodes without.
    keep_extension: bool,
}

impl TemplateFolder<'_> {
    /// Reads the `*.html` files under `folder` (relative to the site), in name order; `prefix`
    /// is the template name's folder part.
    fn read(
        &self,
        folder: &Path,
        prefix: &str,
        depth: usize,
        files: &mut Vec<TemplateFile>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<(), ToolError> {
        let dir = self.site_dir.join(folder);
        if !dir.is_dir() || depth > MAX_TEMPLATE_NESTING {
            return Ok(());
        }
        for entry in sorted_entries(&dir)? {
            let Some(file_name) = entry.file_name().to_str().map(str::to_owned) else {
                continue;
            };
            let relative = folder.join(&file_name);
            let path = relative.to_string_lossy().replace('\\', "/");
            if entry.path().is_dir() {
                let prefix = format!("{prefix}{file_name}/");
                self.read(&relative, &prefix, depth + 1, files, diagnostics)?;
            } else if let Some(stem) = file_name.strip_suffix(".html") {
                let name = if self.keep_extension {
                    &file_name
                } else {
                    stem
                };
                if let Some(source) = optional_text(&entry.path(), &path, diagnostics)? {
                    files.push(TemplateFile {
                        name: format!("{prefix}{name}"),
                        path,
                        source,
                    });
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site folder of its own for the test `name`, holding `files` (path, text).
    fn site_folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("blogreader-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for (path, text) in files {
            let path = dir.join(path);
            fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
            fs::write(path, text).expect("written");
        }
        dir
    }

    /// The paths of the files `load_site` read.
    fn read_paths(loaded: &LoadedSite) -> Vec<&str> {
        loaded.files.iter().map(|file| file.path.as_str()).collect()
    }

    /// A site configured as Hugo's docs show it: a root file, then `config/_default/` and
    /// `config/production/`, whose files each hold one key (`params.toml`) or a language's
    /// (`menus.en.toml`); `config/development/` is `hugo server`'s, not a build's.
    #[test]
    fn a_config_folder_is_read_after_the_root_file() {
        let dir = site_folder(
            "config-dir",
            &[
                (
                    "hugo.toml",
                    "title = \"Root\"\nbaseURL = \"https://example.org/\"\n",
                ),
                ("config/_default/hugo.toml", "title = \"Folder\"\n"),
                (
                    "config/_default/params.toml",
                    "author = \"Ann\"\nmood = \"calm\"\n",
                ),
                (
                    "config/_default/menus.en.toml",
                    "[[main]]\nname = \"About\"\nurl = \"/about/\"\n",
                ),
                ("config/_default/README.md", "Not a config file."),
                ("config/production/params.toml", "mood = \"bright\"\n"),
                ("config/development/params.toml", "mood = \"sleepy\"\n"),
            ],
        );
        let loaded = load_site(&dir).expect("read");
        let config = &loaded.config;
        assert_eq!(config.title, "Folder");
        assert_eq!(config.base_url, "https://example.org/");
        assert_eq!(config.param("author"), Some("Ann"));
        assert_eq!(config.param("mood"), Some("bright"));
        let menus: Vec<(&str, &str)> = config
            .menu_entries
            .iter()
            .flat_map(|menu| &menu.entries)
            .map(|entry| (entry.name.as_str(), entry.url.as_str()))
            .collect();
        assert_eq!(menus, [("About", "/about/")]);
        assert_eq!(config.menus_file, "config/_default/menus.en.toml");
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);

        // A problem is placed in the file that has it.
        fs::write(dir.join("config/production/params.toml"), "mood = \n").expect("written");
        let error = load_site(&dir).err().expect("an error").to_string();
        assert!(
            error.starts_with("config/production/params.toml:1:"),
            "{error}"
        );
        let _ = fs::remove_dir_all(&dir);
    }

    /// As Hugo 0.111 does (checked by hand): each pattern is looked for in the file's
    /// absolute path, so `^content/` matches nothing and a folder's name leaves its files out.
    #[test]
    fn ignore_files_leaves_out_the_files_whose_absolute_path_matches() {
        let config = "ignoreFiles = [\"README\\\\.md$\", \"^content/a\", \"/drafts/\"]\n";
        let dir = site_folder(
            "ignore-files",
            &[
                ("hugo.toml", config),
                ("content/a.md", "a"),
                ("content/README.md", "r"),
                ("content/posts/README.md", "r"),
                ("content/drafts/b.md", "b"),
                ("static/README.md", "r"),
                ("static/c.txt", "c"),
            ],
        );
        let loaded = load_site(&dir).expect("read");
        assert_eq!(read_paths(&loaded), ["content/a.md", "static/c.txt"]);
        fs::write(dir.join("hugo.toml"), "ignoreFiles = [\"(\"]\n").expect("written");
        let error = load_site(&dir).err().expect("an error").to_string();
        assert!(
            error.starts_with("hugo.toml:1:1: config key \"ignoreFiles\": \"(\" is no regular"),
            "{error}"
        );
        let _ = fs::remove_dir_all(&dir);
    }

    /// Hugo files a page's translations by suffix (`post.fr.md`) when `languages` lists the
    /// language; the default language's suffix names the page itself, and a suffix that is
    /// no listed language is part of the name.
    #[test]
    fn another_languages_pages_are_not_read_and_the_default_languages_suffix_goes() {
        let config = "[languages.en]\nweight = 1\n[languages.FR]\nweight = 2\n";
        let dir = site_folder(
            "languages",
            &[
                ("hugo.toml", config),
                ("content/post.md", "---\ntitle: T\n---\n"),
                ("content/post.fr.md", "---\ntitle: T\n---\n"),
                ("content/about.en.md", "---\ntitle: T\n---\n"),
                ("content/notes.v2.md", "---\ntitle: T\n---\n"),
                ("content/trip/index.EN.md", "---\ntitle: T\n---\n"),
                ("content/trip/index.fr.md", "---\ntitle: T\n---\n"),
                ("content/trip/pic.fr.png", "---\ntitle: T\n---\n"),
                ("content/_index.fr.md", "---\ntitle: T\n---\n"),
                ("static/doc.fr.md", "---\ntitle: T\n---\n"),
            ],
        );
        let loaded = load_site(&dir).expect("read");
        assert_eq!(
            read_paths(&loaded),
            [
                "content/about.md",
                "content/notes.v2.md",
                "content/post.md",
                "content/trip/index.md",
                "content/trip/pic.fr.png",
                "static/doc.fr.md",
            ]
        );
        let mut renamed: Vec<(&String, &String)> = loaded.renamed.iter().collect();
        renamed.sort();
        assert_eq!(
            renamed,
            [
                (
                    &"content/about.md".to_owned(),
                    &"content/about.en.md".to_owned()
                ),
                (
                    &"content/trip/index.md".to_owned(),
                    &"content/trip/index.EN.md".to_owned()
                ),
            ]
        );
        let _ = fs::remove_dir_all(&dir);
    }

    /// A multilingual site as Hugo's docs lay one out: each language's pages in its own
    /// `contentDir`. The default language's are the site's pages; another's are not read.
    #[test]
    fn the_default_languages_content_dir_holds_the_pages() {
        let config = "defaultContentLanguage = \"en\"\n[languages.en]\ncontentDir = \
                      \"content/en/\"\n[languages.fr]\ncontentDir = \"content/fr\"\n";
        let dir = site_folder(
            "content-dir",
            &[
                ("hugo.toml", config),
                ("content/en/posts/a.md", "---\ntitle: T\n---\n"),
                ("content/en/posts/b/index.md", "---\ntitle: T\n---\n"),
                ("content/en/posts/b/pic.png", "---\ntitle: T\n---\n"),
                ("content/fr/posts/a.md", "---\ntitle: T\n---\n"),
                ("static/x.txt", "---\ntitle: T\n---\n"),
            ],
        );
        let loaded = load_site(&dir).expect("read");
        assert_eq!(
            read_paths(&loaded),
            [
                "content/posts/a.md",
                "content/posts/b/index.md",
                "content/posts/b/pic.png",
                "static/x.txt"
            ]
        );
        assert_eq!(
            loaded
                .renamed
                .get("content/posts/b/pic.png")
                .map(String::as_str),
            Some("content/en/posts/b/pic.png")
        );
        // A folder outside the site is refused, where the config names it.
        for outside in ["../elsewhere", "/etc", "content/../.."] {
            fs::write(dir.join("hugo.toml"), format!("contentDir = {outside:?}\n"))
                .expect("written");
            let error = load_site(&dir).err().expect("an error").to_string();
            assert!(
                error.starts_with("hugo.toml:1:1: config key \"contentDir\":"),
                "{error}"
            );
        }
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn shortcode_templates_are_the_sites_then_its_themes_by_name() {
        let dir = std::env::temp_dir().join(format!("blogreader-templates-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for (path, text) in [
            ("layouts/shortcodes/note.html", "site note"),
            ("layouts/shortcodes/media/audio.html", "audio"),
            ("layouts/_shortcodes/new.html", "new"),
            ("themes/PaperMod/layouts/shortcodes/note.html", "theme note"),
            (
                "themes/PaperMod/layouts/shortcodes/rawhtml.html",
                "{{ .Inner }}",
            ),
            (
                "themes/Other/layouts/shortcodes/other.html",
                "not a theme of the site",
            ),
            ("layouts/shortcodes/readme.md", "not a template"),
            ("themes/PaperMod/layouts/partials/note.html", "{{ .text }}"),
            ("i18n/pt-BR.yaml", "note: Nota"),
            ("i18n/en.toml", "note = \"Note\""),
            ("themes/PaperMod/i18n/pt-br.toml", "note = \"Nota do tema\""),
            ("themes/PaperMod/i18n/pt-br.txt", "not translations"),
        ] {
            let file = dir.join(path);
            fs::create_dir_all(file.parent().unwrap_or(&dir)).expect("folder");
            fs::write(file, text).expect("template written");
        }
        fs::write(dir.join("layouts/shortcodes/bad.html"), b"\xff").expect("written");
        let themes = ["PaperMod".to_owned(), "../layouts".to_owned()];
        let found = site_templates(&dir, &themes, "pt-br").expect("read");
        let translations: Vec<&str> = found
            .translations
            .iter()
            .map(|file| file.path.as_str())
            .collect();
        assert_eq!(
            translations,
            ["i18n/pt-BR.yaml", "themes/PaperMod/i18n/pt-br.toml"]
        );
        let partials: Vec<&str> = found
            .partials
            .iter()
            .map(|file| file.name.as_str())
            .collect();
        assert_eq!(partials, ["note.html"]);
        let diagnostics = found.diagnostics;
        let found: Vec<(&str, &str)> = found
            .shortcodes
            .iter()
            .map(|file| (file.name.as_str(), file.path.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("new", "layouts/_shortcodes/new.html"),
                ("media/audio", "layouts/shortcodes/media/audio.html"),
                ("note", "layouts/shortcodes/note.html"),
                ("note", "themes/PaperMod/layouts/shortcodes/note.html"),
                ("rawhtml", "themes/PaperMod/layouts/shortcodes/rawhtml.html"),
            ]
        );
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn text_that_is_not_utf8_is_placed_at_its_first_bad_byte() {
        let error = utf8_text(
            "content/a.md",
            b"+++\ntitle = \"\xc3\xa9\"\n+++\nab\xffc".to_vec(),
        )
        .err()
        .map(|diagnostic| diagnostic.to_string());
        assert_eq!(
            error.as_deref(),
            Some("content/a.md:4:3: is not UTF-8 text (byte 0xff); save it as UTF-8")
        );
    }
}
