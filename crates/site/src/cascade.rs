//! `cascade`: front matter that a page passes down to itself and every page below its folder
//! (a section's `_index.md`, the home page's), or that the site config passes to every page,
//! as current Hugo applies it:
//!
//! - a table, or a list of tables, of front matter keys; `_target` (or `target`) narrows one
//!   to the pages whose `kind` and `path` (`/posts/my-post`) match its globs (`*` within a
//!   path segment, `**` across them, `?`, `{a,b}`) and whose `environment` matches
//!   `production`, what a build is;
//! - a key reaches a page only when the page does not set it itself (top-level or under
//!   `params`), and the nearest cascade wins: the page's own, then its section's, and so up
//!   to the site config's;
//! - a cascade's `params` table passes its keys down as params.
//!
//! Pages the build makes without a file (a section without `_index.md`, taxonomy and term
//! pages without one, the archives) take no cascade: they have no front matter to hold it.

use serde_json::{Map, Value};

/// Keys a cascade cannot set: they shape the page tree (Hugo refuses them).
const TREE_KEYS: [&str; 4] = ["kind", "path", "lang", "cascade"];

/// The most patterns one glob with `{a,b}` groups may expand to: more is no real target.
const MAX_ALTERNATIVES: usize = 64;

/// One cascade: what it sets, and which pages it reaches.
#[derive(Debug, Clone, PartialEq)]
pub struct Cascade {
    /// The content folder whose pages it reaches (`posts`), `` for the whole site.
    pub folder: String,
    target: Target,
    /// The keys it sets, as written.
    pub values: Map<String, Value>,
}

/// `_target`: globs the page must match (none: every page).
#[derive(Debug, Clone, Default, PartialEq)]
struct Target {
    kind: Option<Vec<String>>,
    path: Option<Vec<String>>,
    environment: Option<Vec<String>>,
}

/// A page as a cascade target sees it.
pub struct TargetPage<'p> {
    /// Hugo's name of its kind (`page`, `section`, `home`, `taxonomy`, `term`).
    pub kind: &'p str,
    /// Its path below `content/` (`posts/a.md`, `posts/b/index.md`, `posts/_index.md`).
    pub relative: &'p str,
}

/// The cascades of a `cascade` value written in `folder`'s `_index.md` (or, with `folder`
/// empty, at the home page or in the site config): a table or a list of tables; anything
/// else passes nothing down.
pub fn read(folder: &str, value: &Value) -> Vec<Cascade> {
    let tables = match value {
        Value::Object(table) => vec![table],
        Value::Array(items) => items.iter().filter_map(Value::as_object).collect(),
        _ => Vec::new(),
    };
    tables
        .into_iter()
        .map(|table| {
            let mut values = Map::new();
            let mut target = Target::default();
            for (key, value) in table {
                let lower = key.to_lowercase();
                match lower.as_str() {
                    "_target" | "target" => target = Target::read(value),
                    name if TREE_KEYS.contains(&name) => {}
                    _ => {
                        values.insert(key.clone(), value.clone());
                    }
                }
            }
            Cascade {
                folder: folder.to_owned(),
                target,
                values,
            }
        })
        .filter(|cascade| !cascade.values.is_empty())
        .collect()
}

impl Target {
    fn read(value: &Value) -> Target {
        let globs = |key: &str| {
            value.as_object()?.iter().find_map(|(name, glob)| {
                let glob = glob.as_str()?;
                name.eq_ignore_ascii_case(key)
                    .then(|| expand_alternatives(&glob.to_lowercase()))
            })
        };
        Target {
            kind: globs("kind"),
            path: globs("path"),
            environment: globs("environment"),
        }
    }

    fn matches(&self, page: &TargetPage) -> bool {
        let matches = |globs: &Option<Vec<String>>, text: &str| {
            globs
                .as_ref()
                .is_none_or(|globs| globs.iter().any(|glob| glob_matches(glob, text)))
        };
        matches(&self.kind, page.kind)
            && matches(&self.path, &hugo_path(page.relative))
            && matches(&self.environment, "production")
    }
}

/// Hugo's path of a page, as cascade targets match it: `/posts/a` for `posts/a.md`,
/// `/posts/b` for `posts/b/index.md`, `/posts` for `posts/_index.md`, `/` for the home page.
fn hugo_path(relative: &str) -> String {
    let without_extension = relative.strip_suffix(".md").unwrap_or(relative);
    let path = without_extension
        .strip_suffix("/_index")
        .or_else(|| without_extension.strip_suffix("/index"))
        .unwrap_or(without_extension);
    let path = match path {
        "_index" | "index" => "",
        other => other,
    };
    format!("/{}", path.to_lowercase())
}

/// Adds to `map` (a page's front matter) what `cascades` pass down to `page`: each key the
/// page does not set, from the nearest cascade that sets it. `cascades` are every cascade of
/// the site, in any order.
pub fn apply(cascades: &[Cascade], page: &TargetPage, map: &mut Map<String, Value>) {
    let mut reaching: Vec<&Cascade> = cascades
        .iter()
        .filter(|cascade| {
            cascade.folder.is_empty()
                || page
                    .relative
                    .strip_prefix(cascade.folder.as_str())
                    .is_some_and(|rest| rest.starts_with('/'))
        })
        .filter(|cascade| cascade.target.matches(page))
        .collect();
    // Nearest first: the deepest folder; of one folder, the cascades in the order written
    // (the site config's come after the home page's).
    reaching.sort_by_key(|cascade| std::cmp::Reverse(cascade.folder.len()));
    for cascade in reaching {
        for (key, value) in &cascade.values {
            match value {
                Value::Object(params) if key.eq_ignore_ascii_case("params") => {
                    for (param, value) in params {
                        set_unless_set(map, param, value);
                    }
                }
                _ => set_unless_set(map, key, value),
            }
        }
    }
}

/// Sets `key` in `map` unless the page sets it, in any case, at the top level or under
/// `params`; `build` and `_build` count as one key.
fn set_unless_set(map: &mut Map<String, Value>, key: &str, value: &Value) {
    let lower = key.to_lowercase();
    let same = |written: &str| {
        let written = written.to_lowercase();
        written == lower || (is_build(&written) && is_build(&lower))
    };
    let in_params = map
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("params"))
        .and_then(|(_, params)| params.as_object())
        .is_some_and(|params| params.keys().any(|name| same(name)));
    if !in_params && !map.keys().any(|name| same(name)) {
        map.insert(key.to_owned(), value.clone());
    }
}

fn is_build(key: &str) -> bool {
    matches!(key, "build" | "_build")
}

/// The patterns a glob with `{a,b}` groups stands for (not nested; at most
/// [`MAX_ALTERNATIVES`]).
fn expand_alternatives(glob: &str) -> Vec<String> {
    let mut patterns = vec![String::new()];
    let mut rest = glob;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|length| open + length) else {
            break;
        };
        let before = &rest[..open];
        let choices: Vec<&str> = rest[open + 1..close].split(',').collect();
        patterns = patterns
            .iter()
            .flat_map(|pattern| {
                choices
                    .iter()
                    .map(move |choice| format!("{pattern}{before}{choice}"))
            })
            .take(MAX_ALTERNATIVES)
            .collect();
        rest = &rest[close + 1..];
    }
    for pattern in &mut patterns {
        pattern.push_str(rest);
    }
    patterns
}

/// Whether `text` matches `glob` (no `{}` groups left): `**` matches anything, `*` anything
/// but `/`, `?` one character but `/`. Dynamic programming over the pattern and the text, so
/// quadratic at worst in their (short) lengths, never exponential.
fn glob_matches(glob: &str, text: &str) -> bool {
    #[derive(Clone, Copy, PartialEq)]
    enum Token {
        AnyPath,
        AnySegment,
        One,
        Char(char),
    }
    let mut tokens = Vec::new();
    let mut characters = glob.chars().peekable();
    while let Some(character) = characters.next() {
        tokens.push(match character {
            '*' if characters.next_if_eq(&'*').is_some() => Token::AnyPath,
            '*' => Token::AnySegment,
            '?' => Token::One,
            other => Token::Char(other),
        });
    }
    let text: Vec<char> = text.chars().collect();
    // `matched[j]`: the tokens so far match the first `j` characters.
    let mut matched: Vec<bool> = (0..=text.len()).map(|j| j == 0).collect();
    for token in tokens {
        let mut next: Vec<bool> = Vec::with_capacity(matched.len());
        for (j, &before) in matched.iter().enumerate() {
            // The character that ends the first `j`, and whether the shorter prefix matched.
            let last = j.checked_sub(1).and_then(|at| text.get(at).copied());
            let matched_shorter = j
                .checked_sub(1)
                .and_then(|at| matched.get(at))
                .copied()
                .unwrap_or(false);
            let next_shorter = next.last().copied().unwrap_or(false);
            next.push(match token {
                Token::AnyPath => before || (last.is_some() && next_shorter),
                Token::AnySegment => before || (next_shorter && last.is_some_and(|c| c != '/')),
                Token::One => matched_shorter && last.is_some_and(|c| c != '/'),
                Token::Char(wanted) => matched_shorter && last == Some(wanted),
            });
        }
        matched = next;
    }
    matched.last().copied().unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(json: &str) -> Map<String, Value> {
        match serde_json::from_str(json) {
            Ok(Value::Object(map)) => map,
            other => panic!("not a table: {other:?}"),
        }
    }

    fn page<'p>(kind: &'p str, relative: &'p str) -> TargetPage<'p> {
        TargetPage { kind, relative }
    }

    #[test]
    fn globs_match_as_hugos_do() {
        assert!(glob_matches("/posts/**", "/posts/a/b"));
        assert!(glob_matches("/posts/**", "/posts/a"));
        assert!(!glob_matches("/posts/**", "/notes/a"));
        assert!(glob_matches("/posts/*", "/posts/a"));
        assert!(!glob_matches("/posts/*", "/posts/a/b"));
        assert!(glob_matches("/p?sts", "/posts"));
        assert!(!glob_matches("/p?sts", "/p/sts"));
        assert!(glob_matches("page", "page"));
        assert!(!glob_matches("page", "pages"));
        assert!(glob_matches("", ""));
        assert_eq!(expand_alternatives("{home,section}"), ["home", "section"]);
        assert_eq!(
            expand_alternatives("/{a,b}/x{1,2}"),
            ["/a/x1", "/a/x2", "/b/x1", "/b/x2"]
        );
        assert_eq!(expand_alternatives("/{a"), ["/{a"], "an open group is text");
        let many = "{a,b}".repeat(12);
        assert_eq!(expand_alternatives(&many).len(), MAX_ALTERNATIVES);
        // Quadratic, not exponential: a hostile pattern on a long path is quick.
        let start = std::time::Instant::now();
        let hostile = format!("{}b", "*a".repeat(200));
        assert!(!glob_matches(&hostile, &"a".repeat(2_000)));
        assert!(glob_matches(&"*a".repeat(200), &"a".repeat(2_000)));
        assert!(start.elapsed().as_secs() < 2);
    }

    #[test]
    fn hugo_paths_of_pages() {
        assert_eq!(hugo_path("posts/a.md"), "/posts/a");
        assert_eq!(hugo_path("posts/B/index.md"), "/posts/b");
        assert_eq!(hugo_path("posts/_index.md"), "/posts");
        assert_eq!(hugo_path("_index.md"), "/");
    }

    #[test]
    fn the_nearest_cascade_wins_and_the_page_keeps_its_own() {
        let site = read(
            "",
            &Value::Object(map(r#"{"comments": false, "ShowToc": true}"#)),
        );
        let posts = read(
            "posts",
            &Value::Array(vec![
                Value::Object(map(r#"{"_target": {"kind": "page"}, "showtoc": false}"#)),
                Value::Object(map(r#"{"params": {"author": "Ann"}, "kind": "x"}"#)),
            ]),
        );
        let cascades: Vec<Cascade> = site.into_iter().chain(posts).collect();
        let mut own = map(r#"{"title": "A", "params": {"Author": "Bo"}}"#);
        apply(&cascades, &page("page", "posts/a.md"), &mut own);
        assert_eq!(
            own,
            map(
                r#"{"title": "A", "params": {"Author": "Bo"}, "showtoc": false, "comments": false}"#
            ),
            "the section's showtoc beats the site's; the page's own author stays"
        );
        let mut section = map("{}");
        apply(&cascades, &page("section", "posts/_index.md"), &mut section);
        assert_eq!(
            section,
            map(r#"{"author": "Ann", "comments": false, "ShowToc": true}"#),
            "a cascade reaches its own page, but not through a target it misses"
        );
        let mut elsewhere = map("{}");
        apply(&cascades, &page("page", "postscript/a.md"), &mut elsewhere);
        assert_eq!(elsewhere, map(r#"{"comments": false, "ShowToc": true}"#));
    }

    #[test]
    fn build_and_old_build_are_one_key_and_paths_target_pages() {
        let cascades = read(
            "docs",
            &Value::Object(map(
                r#"{"_build": {"render": "never"}, "target": {"path": "/docs/**", "environment": "{production,staging}"}}"#,
            )),
        );
        let mut own = map(r#"{"build": {"list": "never"}}"#);
        apply(&cascades, &page("page", "docs/a/index.md"), &mut own);
        assert_eq!(own, map(r#"{"build": {"list": "never"}}"#));
        let mut other = map("{}");
        apply(&cascades, &page("page", "docs/b.md"), &mut other);
        assert_eq!(other, map(r#"{"_build": {"render": "never"}}"#));
        let mut section = map("{}");
        apply(&cascades, &page("section", "docs/_index.md"), &mut section);
        assert_eq!(section, map("{}"), "/docs is not below /docs/");
        let development = read(
            "",
            &Value::Object(map(
                r#"{"x": 1, "_target": {"environment": "development"}}"#,
            )),
        );
        let mut missed = map("{}");
        apply(&development, &page("page", "a.md"), &mut missed);
        assert_eq!(missed, map("{}"), "a build is production");
        assert!(read("", &Value::from(3)).is_empty());
    }
}
