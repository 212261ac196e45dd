//! Whole-site behaviour on hostile content: what a hostile or careless author can write in
//! front matter, config and the site folder is refused where it is written (`file:line:col`,
//! naming the field), never turned into a file outside the output folder, a link to another
//! host, a live script or a page hidden behind another.

use std::fs;
use std::path::{Path, PathBuf};

use blogreader_content::error::{Diagnostic, Severity};
use blogreader_content::site::SourceFile;
use blogreader_site::build::build_site_at;
use blogreader_site::config::BuildConfig;
use blogtool as tool;

/// 2026-01-01T00:00:00Z.
const NOW: i64 = 1_767_225_600;

fn markdown(path: &str, text: &str) -> SourceFile {
    SourceFile {
        path: path.to_owned(),
        text: Some(text.to_owned()),
    }
}

fn messages(diagnostics: &[Diagnostic], severity: Severity) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity == severity)
        .map(ToString::to_string)
        .collect()
}

fn errors_of(files: &[SourceFile]) -> Vec<String> {
    let (_, diagnostics) = build_site_at(BuildConfig::default(), files, NOW);
    messages(&diagnostics, Severity::Error)
}

#[test]
fn front_matter_paths_that_leave_the_site_are_errors_at_their_key() {
    let page = |name: &str, front_matter: &str| {
        markdown(
            &format!("content/posts/{name}.md"),
            &format!("+++\ntitle = \"T\"\n{front_matter}\n+++\nBody.\n"),
        )
    };
    let files = [
        page("a", "url = \"../../outside/\""),
        page(
            "b",
            "aliases = [\"/fine/\", \"/x/\\r\\n/*\\n  Content-Security-Policy: script-src *\"]",
        ),
        page("c", "slug = \"..\""),
        page("d", "tags = [\"ok\", \"../../../etc\"]"),
        page("e", "url = \"//evil.example/x/\""),
        page("f", "url = \"/\\\\evil.example/x/\""),
        page("g", "url = \"https://evil.example/x/\""),
        page("h", "aliases = \"/a/%2e%2e/%2e%2e/b/\""),
    ];
    assert_eq!(
        errors_of(&files),
        [
            "content/posts/a.md:3:1: front matter key \"url\": \"../../outside/\" climbs out of \
             its folder with \"..\": it must be a path on this site",
            "content/posts/b.md:3:1: front matter key \"aliases\": \"/x/\\r\\n/*\\n  \
             Content-Security-Policy: script-src *\" holds a control character (a line break, a \
             tab…): it must be a path on this site",
            "content/posts/c.md:3:1: front matter key \"slug\": \"..\" climbs out of its folder \
             with \"..\": it must be a path on this site",
            "content/posts/d.md:3:1: front matter key \"tags\": \"../../../etc\" climbs out of \
             its folder with \"..\": it must be a path on this site",
            "content/posts/e.md:3:1: front matter key \"url\": \"//evil.example/x/\" starts with \
             //, which a browser reads as another host: it must be a path on this site",
            "content/posts/f.md:3:1: front matter key \"url\": \"/\\\\evil.example/x/\" holds a \
             backslash, which some hosts and browsers read as /: it must be a path on this site",
            "content/posts/g.md:3:1: front matter key \"url\": \"https://evil.example/x/\" is a \
             full URL, not a path on this site: it must be a path on this site",
            "content/posts/h.md:3:1: front matter key \"aliases\": \"/a/%2e%2e/%2e%2e/b/\" climbs \
             out of its folder with \"..\": it must be a path on this site",
        ]
    );
}

#[test]
fn config_paths_that_leave_the_site_are_errors_at_their_key() {
    let error = |text: &str| {
        BuildConfig::parse("hugo.toml", text)
            .err()
            .map(|diagnostic| diagnostic.to_string())
            .unwrap_or_default()
    };
    assert_eq!(
        error("title = \"T\"\nbaseURL = \"https://example.org/\\n/*\\n  X: y\"\n"),
        "hugo.toml:2:1: config key \"baseURL\": \"https://example.org/\\n/*\\n  X: y\" must be a \
         URL such as https://example.org/blog/, without spaces, control characters, \
         backslashes or \"..\""
    );
    assert_eq!(
        error("[permalinks]\nposts = \"/../:slug/\"\n"),
        "hugo.toml:2:1: config key \"posts\": \"/../:slug/\" climbs out of its folder with \"..\""
    );
}

#[test]
fn two_pages_at_one_url_are_an_error_naming_both_files() {
    let files = [
        markdown("content/posts/a.md", "---\ntitle: A\n---\n"),
        markdown("content/posts/b.md", "---\ntitle: B\nurl: /posts/a/\n---\n"),
    ];
    assert_eq!(
        errors_of(&files),
        ["content/posts/b.md:3:1: URL \"/posts/a/\" is also the URL of \"content/posts/a.md\""]
    );
}

/// As Hugo 0.111 builds them (hugo-coder's exampleSite has both): the page stands at its URL,
/// and of two pages with one alias the last file by path keeps it, whatever order they come in.
#[test]
fn an_alias_at_a_pages_url_or_at_another_alias_is_left_out_with_a_warning() {
    let files = [
        markdown(
            "content/posts/d.md",
            "---\ntitle: D\naliases: [/old/]\n---\n",
        ),
        markdown("content/posts/a.md", "---\ntitle: A\n---\n"),
        markdown(
            "content/posts/c.md",
            "---\ntitle: C\naliases: [/posts/a/, /old/, /older/]\n---\n",
        ),
        markdown(
            "content/posts/b.md",
            "---\ntitle: B\naliases: [/old/]\n---\n",
        ),
    ];
    let (site, diagnostics) = build_site_at(BuildConfig::default(), &files, NOW);
    let warnings: Vec<String> = diagnostics
        .iter()
        .map(|diagnostic| {
            assert_eq!(diagnostic.severity, Severity::Warning, "{diagnostic}");
            diagnostic.to_string()
        })
        .collect();
    assert_eq!(
        warnings,
        [
            "content/posts/b.md:3:1: alias \"/old/\" is also the URL of an alias of \
             content/posts/d.md; it is left out",
            "content/posts/c.md:3:1: alias \"/posts/a/\" is also the URL of content/posts/a.md; \
             it is left out",
            "content/posts/c.md:3:1: alias \"/old/\" is also the URL of an alias of \
             content/posts/d.md; it is left out",
        ]
    );
    let aliases = |url: &str| {
        site.pages()
            .iter()
            .find(|page| page.url == url)
            .map(|page| page.aliases.clone())
            .unwrap_or_default()
    };
    assert_eq!(aliases("/posts/c/"), ["/older/"]);
    assert_eq!(aliases("/posts/d/"), ["/old/"]);
    assert!(aliases("/posts/b/").is_empty());
}

#[test]
fn an_alias_of_the_page_itself_is_dropped_with_a_warning() {
    let files = [markdown(
        "content/posts/a.md",
        "---\ntitle: A\naliases: [/posts/a/, /old/]\n---\n",
    )];
    let (site, diagnostics) = build_site_at(BuildConfig::default(), &files, NOW);
    assert_eq!(
        messages(&diagnostics, Severity::Warning),
        [
            "content/posts/a.md:3:1: alias \"/posts/a/\" is also the URL of the page itself; it is \
          left out"
        ]
    );
    let page = site.page_by_url("/posts/a/").expect("the page");
    assert_eq!(page.aliases, ["/old/"]);
}

#[test]
fn a_javascript_menu_url_in_any_spelling_is_left_out_with_a_warning() {
    let config = BuildConfig::parse(
        "hugo.toml",
        "[[menu.main]]\nname = \"X\"\nurl = \" JaVa\tScRiPt:alert(1)\"\n\
         [[menu.main]]\nname = \"Y\"\nurl = \"/y/\"\n",
    )
    .unwrap_or_else(|error| panic!("{error}"));
    let (site, diagnostics) = build_site_at(config, &[], NOW);
    assert_eq!(
        site.config().menu("main"),
        [("Y".to_owned(), "/y/".to_owned())]
    );
    assert_eq!(
        messages(&diagnostics, Severity::Warning),
        [
            "hugo.toml:3:8: menu \"main\" url \" JaVa\tScRiPt:alert(1)\" could run script in a \
          reader's browser: left out"
        ]
    );
}

/// A fresh site folder under the target directory.
fn site_folder(name: &str) -> PathBuf {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("target/test-output/hostile")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("content/posts")).expect("create the site folder");
    dir
}

fn write(path: &Path, bytes: &[u8]) {
    fs::write(path, bytes).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
}

fn load_messages(dir: &Path) -> (Vec<String>, Vec<String>) {
    let loaded = tool::load_site(dir).unwrap_or_else(|error| panic!("{error}"));
    let paths = loaded.files.into_iter().map(|file| file.path).collect();
    let messages = loaded
        .diagnostics
        .iter()
        .map(|diagnostic| format!("{:?} {diagnostic}", diagnostic.severity))
        .collect();
    (paths, messages)
}

#[test]
fn a_file_that_is_not_utf8_is_an_error_at_its_line_and_column() {
    let dir = site_folder("utf8");
    write(
        &dir.join("content/posts/bad.md"),
        b"+++\ntitle = \"x\"\n+++\nok \xff\xfe\n",
    );
    write(
        &dir.join("content/posts/good.md"),
        b"+++\ntitle = \"y\"\n+++\n",
    );
    let (paths, messages) = load_messages(&dir);
    assert_eq!(paths, ["content/posts/good.md"]);
    assert_eq!(
        messages,
        ["Error content/posts/bad.md:4:4: is not UTF-8 text (byte 0xff); save it as UTF-8"]
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_followed_once_and_a_loop_is_an_error() {
    use std::os::unix::fs::symlink;
    let dir = site_folder("links");
    write(&dir.join("content/posts/a.md"), b"---\ntitle: A\n---\n");
    // A loop: a folder that holds a link to itself.
    symlink(dir.join("content/posts"), dir.join("content/posts/again")).expect("link");
    // A second way to the same files.
    symlink(dir.join("content/posts"), dir.join("content/copy")).expect("link");
    // A link to files nothing else reads: followed.
    fs::create_dir_all(dir.join("shared")).expect("create");
    write(&dir.join("shared/b.md"), b"---\ntitle: B\n---\n");
    symlink(dir.join("shared"), dir.join("content/shared")).expect("link");
    symlink(dir.join("nothing"), dir.join("content/dangling")).expect("link");
    let (paths, messages) = load_messages(&dir);
    assert_eq!(paths, ["content/posts/a.md", "content/shared/b.md"]);
    let posts = dir.join("content/posts").canonicalize().expect("canonical");
    assert_eq!(
        messages,
        [
            format!(
                "Warning content/copy:1:1: is a symbolic link to {}, which is read already: it \
                 is left out, so no page is there twice",
                posts.display()
            ),
            "Warning content/dangling:1:1: is a symbolic link to nothing: it is left out"
                .to_owned(),
            format!(
                "Error content/posts/again:1:1: is a symbolic link to {}, a folder that holds it: \
                 a loop",
                posts.display()
            ),
        ]
    );
}

#[test]
fn a_site_whose_paths_leave_it_fails_to_build_and_writes_nothing_outside_its_output() {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("target/test-output/hostile/escape");
    let _ = fs::remove_dir_all(&dir);
    // Deep enough that an escape would still land inside `dir`, where the test looks.
    let site = dir.join("a/b/site");
    fs::create_dir_all(site.join("content/posts")).expect("create the site");
    write(
        &site.join("content/posts/a.md"),
        b"+++\ntitle = \"A\"\nurl = \"../../../escaped-url/\"\n+++\n",
    );
    write(
        &site.join("content/posts/b.md"),
        b"---\ntitle: B\naliases: [\"../../escaped-alias/\"]\ntags: [\"../../escaped-term\"]\n---\n",
    );
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_blogtool"))
        .args(["build", "--site"])
        .arg(&site)
        .arg("--out")
        .arg(site.join("dist"))
        .output()
        .expect("blogtool runs");
    assert!(!output.status.success(), "the build must fail");
    let stderr = String::from_utf8_lossy(&output.stderr);
    for expected in [
        "ERROR content/posts/a.md:3:1: front matter key \"url\"",
        "ERROR content/posts/b.md:3:1: front matter key \"aliases\"",
    ] {
        assert!(stderr.contains(expected), "{expected} in {stderr}");
    }
    let mut written = Vec::new();
    let mut folders = vec![dir.clone()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).expect("read").flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path.clone());
            }
            written.push(
                path.strip_prefix(&dir)
                    .expect("below")
                    .display()
                    .to_string(),
            );
        }
    }
    written.sort();
    assert_eq!(
        written,
        [
            "a",
            "a/b",
            "a/b/site",
            "a/b/site/content",
            "a/b/site/content/posts",
            "a/b/site/content/posts/a.md",
            "a/b/site/content/posts/b.md"
        ],
        "nothing is written, least of all outside the site"
    );
}

#[test]
fn what_check_prints_of_hostile_content_cannot_drive_the_authors_terminal() {
    let site = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("target/test-output/hostile/terminal");
    let _ = fs::remove_dir_all(&site);
    fs::create_dir_all(site.join("content/posts")).expect("create the site");
    // A reference that recolours, retitles, then erases the line and forges a clean result.
    write(
        &site.join("content/posts/a.md"),
        "+++\ntitle = \"A\"\n+++\n[x]({{< relref \"gone\u{1b}[31m\u{1b}]0;owned\u{7}\r\u{1b}[2K\
         blogtool check: 1 pages, 0 error(s)\" >}})\n"
            .as_bytes(),
    );
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_blogtool"))
        .args(["check", "--site"])
        .arg(&site)
        .output()
        .expect("blogtool runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains(|c: char| c.is_control() && c != '\n'),
        "{stderr:?}"
    );
    assert!(
        stderr.contains("gone\\u{1b}[31m\\u{1b}]0;owned\\u{7}\\u{d}\\u{1b}[2K"),
        "{stderr}"
    );
}
