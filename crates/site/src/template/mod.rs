//! The site's own shortcode templates (`layouts/shortcodes/*.html`, `layouts/_shortcodes/`
//! and the same folders of its theme) and inline shortcodes, run by a small interpreter of Go
//! template syntax (`parse.rs`, `eval.rs`) in the native build only: the browser gets their
//! output written into each page's Markdown (see
//! [`blogreader_content::shortcode::browser_markdown`]), so none of this is in the wasm.
//!
//! A template that uses what the interpreter does not run (page resources, remote data,
//! regular expressions…) is named in the build's warning, and its calls are left out of the
//! page.

mod eval;
mod parse;
mod time;
mod translations;
mod value;

pub use translations::{TranslationFile, Translations};

use std::cell::Cell;

use blogreader_content::error::line_column;
use blogreader_content::site::templates::{SiteTemplates, TemplateCall};
use blogreader_content::site::{PageEntry, Site};
use parse::{ParseError, Template};

/// One template file of the site.
#[derive(Debug)]
pub struct TemplateFile {
    /// The shortcode's name: the file's path under the shortcodes folder, without `.html`.
    pub name: String,
    /// The file, relative to the site (for messages).
    pub path: String,
    pub source: String,
}

/// A template by name, with its file's path, parsed (or why it cannot be).
type Parsed = (String, String, Result<Template, ParseError>);

thread_local! {
    /// Whether a template has read a page's word count or reading time on this thread since
    /// [`noting_counts_read`] began.
    static COUNTS_READ: Cell<bool> = const { Cell::new(false) };
}

/// Runs `run` and says whether the site's templates read any page's word count or reading
/// time meanwhile (on this thread): the build knows those only once it has rendered every
/// page, so it renders such a page again with them, as Hugo shows the final figures.
pub fn noting_counts_read<T>(run: impl FnOnce() -> T) -> (T, bool) {
    let outer = COUNTS_READ.replace(false);
    let result = run();
    let read = COUNTS_READ.get();
    COUNTS_READ.set(outer || read);
    (result, read)
}

/// Notes that a template has read a page's word count or reading time.
fn note_counts_read() {
    COUNTS_READ.set(true);
}

/// The site's shortcode templates and the partial templates they may call, parsed.
pub struct ShortcodeTemplates {
    /// By name, the first file of a name winning (the site's own before its theme's).
    templates: Vec<Parsed>,
    partials: Vec<Parsed>,
    inline_enabled: bool,
    /// What `i18n` finds (none unless [`ShortcodeTemplates::with_translations`] gives some).
    translations: Translations,
}

/// `files` parsed, the first of each name kept (they come in order of precedence).
fn parse_files(files: Vec<TemplateFile>) -> Vec<Parsed> {
    let mut parsed_files: Vec<Parsed> = Vec::new();
    for file in files {
        if parsed_files.iter().any(|(name, _, _)| *name == file.name) {
            continue;
        }
        let parsed = parse::parse(&file.source).map_err(|error| {
            let (line, column) = line_column(&file.source, error.offset);
            ParseError {
                message: format!("{}:{line}:{column}: {}", file.path, error.message),
                ..error
            }
        });
        parsed_files.push((file.name, file.path, parsed));
    }
    parsed_files
}

impl ShortcodeTemplates {
    /// Parses the shortcode templates `files` and the partials `partials` (each in order of
    /// precedence).
    pub fn new(
        files: Vec<TemplateFile>,
        partials: Vec<TemplateFile>,
        inline_enabled: bool,
    ) -> ShortcodeTemplates {
        ShortcodeTemplates {
            templates: parse_files(files),
            partials: parse_files(partials),
            inline_enabled,
            translations: Translations::default(),
        }
    }

    /// The same templates, whose `i18n` reads `translations`.
    pub fn with_translations(self, translations: Translations) -> ShortcodeTemplates {
        ShortcodeTemplates {
            translations,
            ..self
        }
    }

    /// How many templates there are, and how many of them parse.
    pub fn counts(&self) -> (usize, usize) {
        let parsed = self.templates.iter().filter(|(_, _, t)| t.is_ok()).count();
        (self.templates.len(), parsed)
    }
}

impl ShortcodeTemplates {
    /// What a run reads besides its own template.
    fn context(&self) -> eval::Shared<'_> {
        eval::Shared {
            partials: &self.partials,
            translations: &self.translations,
        }
    }
}

impl SiteTemplates for ShortcodeTemplates {
    fn has(&self, name: &str) -> bool {
        self.templates.iter().any(|(known, _, _)| known == name)
    }

    fn inline_enabled(&self) -> bool {
        self.inline_enabled
    }

    fn render(&self, call: &TemplateCall, site: &Site, page: &PageEntry) -> Result<String, String> {
        let Some((_, path, template)) =
            self.templates.iter().find(|(name, _, _)| name == call.name)
        else {
            return Err("no such template".to_owned());
        };
        match template {
            Ok(template) => eval::run(template, self.context(), call, site, page)
                .map_err(|reason| format!("{path} {reason}")),
            Err(error) => Err(format!("{} cannot be read: {}", path, error.message)),
        }
    }

    fn render_inline(
        &self,
        source: &str,
        call: &TemplateCall,
        site: &Site,
        page: &PageEntry,
    ) -> Result<String, String> {
        let template = parse::parse(source)
            .map_err(|error| format!("its template cannot be read: {}", error.message))?;
        eval::run(&template, self.context(), call, site, page)
            .map_err(|reason| format!("its template {reason}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use blogreader_content::site::PageKind;
    use blogreader_content::testing::{entry, site};

    /// The output of template `source` called as `{{< t args >}}` (with `inner` when paired)
    /// on a post whose params are `mood = "calm"`, `math = true`.
    fn render(
        source: &str,
        named: &[(&str, &str, bool)],
        inner: Option<&str>,
    ) -> Result<String, String> {
        let mut other = entry("content/posts/b.md", PageKind::Page, "/posts/b/");
        other.title = "B & more".to_owned();
        let mut site = site(vec![
            entry("content/posts/a.md", PageKind::Page, "/posts/a/"),
            other,
        ]);
        site.update_config(|config| config.title = "Blog".to_owned());
        site.update_config(|config| config.params = vec![("author".to_owned(), "Ann".to_owned())]);
        let mut page = entry("content/posts/a.md", PageKind::Page, "/posts/a/");
        page.title = "A <post>".to_owned();
        page.params = vec![
            ("mood".to_owned(), "calm".to_owned()),
            ("math".to_owned(), "true".to_owned()),
        ];
        let templates = ShortcodeTemplates::new(
            vec![TemplateFile {
                name: "t".to_owned(),
                path: "layouts/shortcodes/t.html".to_owned(),
                source: source.to_owned(),
            }],
            vec![
                TemplateFile {
                    name: "note.html".to_owned(),
                    path: "layouts/partials/note.html".to_owned(),
                    source: "<b>{{ .text }}</b>{{ with .page }} on {{ .Title }}{{ end }}"
                        .to_owned(),
                },
                TemplateFile {
                    name: "utils/host.html".to_owned(),
                    path: "layouts/partials/utils/host.html".to_owned(),
                    source: "{{ range slice 1 2 }}{{ return (urls.Parse $).Host }}{{ end }}never"
                        .to_owned(),
                },
            ],
            false,
        );
        let call = TemplateCall {
            name: "t",
            positional: Vec::new(),
            named: named.to_vec(),
            inner: inner.map(str::to_owned),
            markdown_style: false,
            ordinal: 0,
        };
        templates.render(&call, &site, &page)
    }

    fn ok(source: &str, named: &[(&str, &str, bool)], inner: Option<&str>) -> String {
        render(source, named, inner).unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn get_params_inner_page_and_site() {
        assert_eq!(
            ok(
                "<div class=\"{{ .Get \"type\" }}\">{{ .Inner }}</div> {{ .Page.Title }} \
                 {{ .Page.Params.mood }} {{ .Site.Params.author }} {{ .Site.Title }} {{ .Name }}",
                &[("type", "a\"b", false)],
                Some("<b>in</b>")
            ),
            "<div class=\"a&quot;b\"><b>in</b></div> A &lt;post&gt; calm Ann Blog t"
        );
        assert_eq!(
            ok("{{ with .Get \"x\" }}has{{ else }}none{{ end }}", &[], None),
            "none"
        );
        assert_eq!(ok("{{ .Site.LanguageCode }}", &[], None), "en");
    }

    #[test]
    fn control_structures_variables_and_functions() {
        assert_eq!(
            ok(
                "{{- $items := split (.Get \"list\") \",\" -}}\
                 {{- range $i, $e := $items }}{{ if $i }}, {{ end }}{{ $i }}={{ trim $e \" \" | upper }}{{ end -}}\
                 {{- $n := 0 }}{{ range seq 3 }}{{ $n = add $n . }}{{ end }} sum {{ $n -}}\
                 {{ if and (eq (.Get \"open\") true) .Page.Params.math }} open{{ end }}\
                 {{ printf \" %s/%d/%q\" \"a\" 3 \"b\" }}{{ default \"d\" (.Get \"none\") | printf \" %s\" }}",
                &[("list", "x, y ,z", false), ("open", "true", true)],
                None
            ),
            "0=X, 1=Y, 2=Z sum 6 open a/3/&quot;b&quot; d"
        );
        assert_eq!(
            ok(
                "{{ range .Params }}[{{ . }}]{{ end }}{{ .IsNamedParams }}",
                &[("b", "2", true), ("a", "1", false)],
                None
            ),
            "[1][2]true",
            "a map ranges in key order"
        );
    }

    #[test]
    fn partials_run_with_their_context() {
        assert_eq!(
            ok(
                "{{ partial \"note\" (dict \"text\" (.Get \"t\") \"page\" .Page) }} \
                 {{ partial \"note.html\" (dict \"text\" site.Params.author) }}",
                &[("t", "<hi>", false)],
                None
            ),
            "<b>&lt;hi&gt;</b> on A &lt;post&gt; <b>Ann</b>"
        );
        let missing =
            render("{{ partial \"gone.html\" . }}", &[], None).expect_err("no such partial");
        assert!(missing.contains("the partial \"gone.html\""), "{missing}");
    }

    #[test]
    fn markdownify_render_string_and_safe_values() {
        assert_eq!(
            ok(
                "{{ .Inner | markdownify }}|{{ .Inner | .Page.RenderString (dict \"display\" \"block\") }}|{{ \"<i>\" | safeHTML }}",
                &[],
                Some("*em*")
            ),
            "<em>em</em>|<p><em>em</em></p>\n|<i>"
        );
        // Emoji codes become emoji; markup made safe stays so, text stays text.
        assert_eq!(
            ok(
                "{{ .Inner | markdownify | emojify }}|{{ \"<b>:smile:\" | emojify }}",
                &[],
                Some("*em* :smile:")
            ),
            "<em>em</em> 😄|&lt;b&gt;😄"
        );
    }

    /// As Hugo 0.111 writes the pairs (by hand; its `&#43;` for `+` is the same text), and a
    /// map as current Hugo takes one: keys sorted, Go's query escaping.
    #[test]
    fn querify_writes_a_query() {
        assert_eq!(
            ok(
                "{{ querify \"page\" 2 \"q\" \"a b&c=é\" \"as_wide\" 1 }}|{{ querify (dict \"z\" 1 \"a\" \"<\") }}",
                &[],
                None
            ),
            "as_wide=1&amp;page=2&amp;q=a+b%26c%3D%C3%A9|a=%3C&amp;z=1"
        );
    }

    /// As Hugo 0.111 writes them (checked by hand); the fixture's page has no date, so its
    /// dates are Go's zero time.
    #[test]
    fn dates_format_with_gos_layouts() {
        assert_eq!(
            ok(
                "{{ dateFormat \"Jan 2, 2006\" \"2024-05-06\" }}|\
                 {{ (time \"2024-05-06T21:30:00+02:00\").Format \"Monday 3:04 PM -07:00\" }}|\
                 {{ time.Format \"2006\" (time \"2019-01-01\") }}|\
                 {{ .Page.Lastmod.IsZero }} {{ .Page.Date.Year }}|\
                 {{ if lt (time \"2020-01-01\") (time \"2021-01-01\") }}before{{ end }}",
                &[],
                None
            ),
            "May 6, 2024|Monday 9:30 PM +02:00|2019|true 1|before"
        );
        let error = render("{{ .Page.Date.Location }}", &[], None).expect_err("unsupported");
        assert!(error.contains(".Location of a date"), "{error}");
        let error = render("{{ time \"not a date\" }}", &[], None).expect_err("unreadable");
        assert!(error.contains("cannot read \"not a date\""), "{error}");
    }

    #[test]
    fn get_page_finds_another_page_as_ref_finds_it() {
        assert_eq!(
            ok(
                "{{ with .Site.GetPage \"/posts/b\" }}{{ .Title }} {{ .RelPermalink }}{{ end }}|\
                 {{ with .Page.GetPage \"b.md\" }}{{ .Page.LinkTitle }}{{ end }}|\
                 {{ (.Site.GetPage \"posts/a.md\").Title }}|\
                 {{ with .Site.GetPage \"/nothing\" }}found{{ else }}none{{ end }}",
                &[],
                None
            ),
            "B &amp; more /posts/b/|B &amp; more|A &lt;post&gt;|none"
        );
        let error = render(
            "{{ (.Site.GetPage \"/posts/b\").Scratch.Get \"x\" }}",
            &[],
            None,
        )
        .expect_err("another page's scratch");
        assert!(error.contains(".Page.Scratch"), "{error}");
    }

    #[test]
    fn what_does_not_run_here_is_named() {
        for (source, named) in [
            ("{{ partial \"x.html\" . }}", "the partial \"x.html\""),
            (
                "{{ with .Page.Resources.GetMatch \"a\" }}{{ end }}",
                ".Page.Resources",
            ),
            ("{{ .Site.Data.x }}", ".Site.Data"),
            ("{{ getJSON \"https://x\" }}", "the function \"getJSON\""),
            (
                "{{ errorf \"no %s\" \"src\" }}",
                "stops with errorf: no src",
            ),
            ("{{ if }}", "cannot be read"),
        ] {
            let error = render(source, &[], None).expect_err(source);
            assert!(error.starts_with("layouts/shortcodes/t.html"), "{error}");
            assert!(error.contains(named), "{source}: {error}");
        }
    }

    #[test]
    fn runs_are_bounded() {
        let error = render(
            "{{ range seq 10000 }}{{ range seq 10000 }}x{{ end }}{{ end }}",
            &[],
            None,
        )
        .expect_err("too much work");
        assert!(error.contains("steps"), "{error}");
        let error = render(
            "{{ define \"a\" }}{{ template \"a\" . }}{{ end }}{{ template \"a\" . }}",
            &[],
            None,
        )
        .expect_err("endless recursion");
        assert!(error.contains("nested too deeply"), "{error}");
    }
}
