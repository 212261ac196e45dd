//! Link resolution: Hugo's `ref`/`relref` lookup of a page path, also used for plain Markdown
//! links to `.md` files. Pure functions of the reference, the referring page and the site.
//!
//! 1. Split off `#fragment`; a fragment alone stays as it is.
//! 2. Normalise: `\` to `/`, no trailing `/`, lower case, spaces to `-`, `.md`, `/index.md` and
//!    `/_index.md` dropped, so `foo.md`, `foo/index.md`, `foo/_index.md` and `foo` are one key
//!    (the model keys its pages by the same rules: `site/lookup.rs`).
//! 3. Unless absolute, try the key relative to the page's base folder: a section's own folder,
//!    else the folder that holds the page, except that a leaf bundle's `../x.md` (written with
//!    an extension) starts from the bundle's own folder. Written with an extension and not
//!    found, try it as a file path from the page file's own folder.
//! 4. A `./` or `../` reference stops there.
//! 5. Try the key from the root of `content/`.
//! 6. A reference without `/` is looked up by base name across the site (two hits: ambiguous).

use super::site::lookup::{normalize, reference_key};
use super::site::{Site, under_base_path};
use super::url::url_from_segments;
use super::url::{clean_path, percent_decode};

/// Why a reference leads to no page. `guessed_url` is where the link would point if the page
/// existed beside the referring one; a render uses it as a visibly broken link.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("page not found")]
    NotFound { guessed_url: String },
    #[error("page reference is ambiguous")]
    Ambiguous { guessed_url: String },
}

/// Resolves `reference` (`relref "x"`) from the page whose source is `from_source`
/// (`content/posts/a.md`): the target's server-root relative URL plus `#fragment` as written.
pub fn resolve(reference: &str, from_source: &str, site: &Site) -> Result<String, LinkError> {
    let (path, fragment) = match reference.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (reference, None),
    };
    let with_fragment = |url: &str| match fragment {
        Some(fragment) => format!("{url}#{fragment}"),
        None => url.to_owned(),
    };
    if path.is_empty() {
        if fragment.is_some() {
            return Ok(with_fragment(""));
        }
        // An empty reference is the page itself.
        return (!from_source.is_empty())
            .then(|| site.page_by_source(from_source))
            .flatten()
            .map(|page| page.url.clone())
            .ok_or_else(|| LinkError::NotFound {
                guessed_url: String::new(),
            });
    }
    let slashed = path.replace('\\', "/");
    let trimmed = slashed.trim_end_matches('/');
    let normalized = without_language_suffix(normalize(trimmed), &site.config().content_language);
    let key = reference_key(&normalized);
    let is_absolute = slashed.starts_with('/');
    let had_extension = has_extension(trimmed);
    let (file_folder, is_leaf_bundle) = folder_of(from_source);
    // Current Hugo (`getContentNodeForRef`): a leaf bundle's references start from the folder
    // that holds the bundle, but `../x.md` from the bundle's own folder.
    let from_file_folder = !is_leaf_bundle || (had_extension && trimmed.starts_with("../"));
    let base_folder = if from_file_folder {
        file_folder.as_str()
    } else {
        file_folder
            .rsplit_once('/')
            .map_or("", |(parent, _)| parent)
    };
    let relative = (!is_absolute).then(|| clean_path(&format!("{base_folder}/{key}")));
    // Hugo's file lookup beside the page's own file, for a reference with an extension
    // (`./../x.md` from a bundle). From the root it would repeat the root lookup.
    let beside_file = (!is_absolute && had_extension && !from_file_folder)
        .then(|| clean_path(&format!("{file_folder}/{key}")));
    let root = clean_path(&key);
    let base_path = site.config().base_path();
    let guessed = || {
        let url = key_url(relative.as_deref().unwrap_or(&root));
        with_fragment(&under_base_path(&base_path, &url))
    };

    if let Some(page) = [&relative, &beside_file]
        .into_iter()
        .flatten()
        .find_map(|key| site.page_by_reference_key(key))
    {
        return Ok(with_fragment(&page.url));
    }
    if trimmed.starts_with('.') {
        return Err(LinkError::NotFound {
            guessed_url: guessed(),
        });
    }
    if let Some(page) = site.page_by_reference_key(&root) {
        return Ok(with_fragment(&page.url));
    }
    if !trimmed.contains('/') {
        match site.pages_by_base_name(&root) {
            (Some(page), None) => return Ok(with_fragment(&page.url)),
            (Some(_), Some(_)) => {
                return Err(LinkError::Ambiguous {
                    guessed_url: guessed(),
                });
            }
            _ => {}
        }
    }
    Err(LinkError::NotFound {
        guessed_url: guessed(),
    })
}

/// Resolves a plain Markdown link destination to a local `.md` file (`../other.md#part`) by the
/// same rules; `None` when the destination is not one (a URL, an anchor, another file type).
pub fn resolve_markdown_link(
    destination: &str,
    from_source: &str,
    site: &Site,
) -> Option<Result<String, LinkError>> {
    let scheme_end = destination.find(':').unwrap_or(0);
    let has_scheme = destination.get(..scheme_end).is_some_and(|scheme| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    if has_scheme || destination.starts_with("//") || destination.starts_with('#') {
        return None;
    }
    let (path, fragment) = match destination.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (destination, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    let is_markdown = path
        .len()
        .checked_sub(3)
        .and_then(|start| path.get(start..))
        .is_some_and(|extension| extension.eq_ignore_ascii_case(".md"));
    if !is_markdown {
        return None;
    }
    let reference = match fragment {
        Some(fragment) => format!("{}#{fragment}", percent_decode(path)),
        None => percent_decode(path),
    };
    Some(resolve(&reference, from_source, site))
}

/// The normalised folder that holds the page's file below `content/`, and whether the page
/// is a leaf bundle (`index.md`).
fn folder_of(source: &str) -> (String, bool) {
    let path = normalize(source.strip_prefix("content/").unwrap_or(source));
    match path.rsplit_once('/') {
        Some((folder, file)) => (folder.to_owned(), file == "index.md"),
        None => (String::new(), path == "index.md"),
    }
}

/// `post.en.md` is `post.md` when `en` is the site's language: its pages are read without
/// the suffix (another language's pages are not read at all, so `post.fr.md` stays unfound).
fn without_language_suffix(path: String, language: &str) -> String {
    let stripped = path
        .strip_suffix(".md")
        .and_then(|stem| stem.strip_suffix(language))
        .and_then(|stem| stem.strip_suffix('.'))
        .filter(|stem| !stem.is_empty() && !stem.ends_with('/'))
        .map(|stem| format!("{stem}.md"));
    stripped.unwrap_or(path)
}

/// Hugo's `paths.HasExt`: the last path segment has a dot.
fn has_extension(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
}

/// The URL a page at `key` would have: each segment made URL-safe as a page's own URL is,
/// so a reference to no page (`relref "\n/evil.example"`) still leads to a path of the site.
fn key_url(key: &str) -> String {
    url_from_segments(key.split('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::{PageKind, SiteConfig};
    use crate::testing::{entry, site};

    fn seed_site(with_target: bool) -> Site {
        let mut pages = vec![
            entry("", PageKind::Home, "/"),
            entry("", PageKind::Section, "/posts/"),
            entry(
                "content/posts/ai_frameworks/_index.md",
                PageKind::Section,
                "/posts/ai_frameworks/",
            ),
            entry("content/about.md", PageKind::Page, "/about/"),
        ];
        if with_target {
            pages.push(entry(
                "content/posts/ai_frameworks/01_why_ai_frameworks/index.md",
                PageKind::Page,
                "/posts/ai_frameworks/01_why_ai_frameworks/",
            ));
        }
        site(pages)
    }

    const SEED: &str = "content/posts/ai_frameworks/_index.md";

    #[test]
    fn the_worked_example_resolves_from_the_sections_own_folder() {
        assert_eq!(
            resolve("01_why_ai_frameworks", SEED, &seed_site(true)),
            Ok("/posts/ai_frameworks/01_why_ai_frameworks/".to_owned())
        );
    }

    #[test]
    fn the_worked_example_not_found_guesses_the_url_beside_the_page() {
        assert_eq!(
            resolve("01_why_ai_frameworks", SEED, &seed_site(false)),
            Err(LinkError::NotFound {
                guessed_url: "/posts/ai_frameworks/01_why_ai_frameworks/".to_owned()
            })
        );
    }

    #[test]
    fn a_fragment_alone_stays_on_the_page_and_fragments_are_kept() {
        let site = seed_site(true);
        assert_eq!(resolve("#intro", SEED, &site), Ok("#intro".to_owned()));
        assert_eq!(
            resolve("01_why_ai_frameworks#part-2", SEED, &site),
            Ok("/posts/ai_frameworks/01_why_ai_frameworks/#part-2".to_owned())
        );
        assert_eq!(
            resolve("", SEED, &site),
            Ok("/posts/ai_frameworks/".to_owned())
        );
    }

    #[test]
    fn extension_index_and_underscore_index_name_the_same_target() {
        let site = seed_site(true);
        let target = Ok("/posts/ai_frameworks/01_why_ai_frameworks/".to_owned());
        for reference in [
            "01_why_ai_frameworks.md",
            "01_why_ai_frameworks/index.md",
            "01_why_ai_frameworks/_index.md",
            "01_why_ai_frameworks/",
            "01_Why_AI_Frameworks",
            "/posts/ai_frameworks/01_why_ai_frameworks",
            "\\posts\\ai_frameworks\\01_why_ai_frameworks.md",
        ] {
            assert_eq!(resolve(reference, SEED, &site), target, "{reference}");
        }
        assert_eq!(
            resolve("/posts/ai_frameworks/_index.md", "content/about.md", &site),
            Ok("/posts/ai_frameworks/".to_owned())
        );
        assert_eq!(resolve("/", SEED, &site), Ok("/".to_owned()));
    }

    #[test]
    fn a_regular_page_and_a_leaf_bundle_resolve_from_their_containing_folder() {
        let site = site(vec![
            entry("content/posts/a.md", PageKind::Page, "/posts/a/"),
            entry("content/posts/b/index.md", PageKind::Page, "/posts/b/"),
            entry(
                "content/posts/my post.md",
                PageKind::Page,
                "/posts/my-post/",
            ),
            entry("content/posts/b/c.md", PageKind::Page, "/posts/b/c/"),
        ]);
        assert_eq!(
            resolve("b", "content/posts/a.md", &site),
            Ok("/posts/b/".to_owned())
        );
        assert_eq!(
            resolve("a.md", "content/posts/b/index.md", &site),
            Ok("/posts/a/".to_owned())
        );
        assert_eq!(
            resolve("My Post", "content/posts/a.md", &site),
            Ok("/posts/my-post/".to_owned())
        );
        assert_eq!(
            resolve("./b/c", "content/posts/a.md", &site),
            Ok("/posts/b/c/".to_owned())
        );
    }

    /// Current Hugo's `getContentNodeForRef` (hugolib/pagecollections.go): a leaf bundle's
    /// `../x.md` starts from the bundle's own folder, `../x` from the folder holding the
    /// bundle; a reference with an extension is then tried beside the page's own file.
    #[test]
    fn a_leaf_bundle_climbs_from_its_own_folder_only_with_an_extension() {
        let site = site(vec![
            entry("content/kitchen.md", PageKind::Page, "/kitchen/"),
            entry(
                "content/posts/kitchen.md",
                PageKind::Page,
                "/posts/kitchen/",
            ),
            entry("content/posts/b/index.md", PageKind::Page, "/posts/b/"),
            entry("content/posts/a.md", PageKind::Page, "/posts/a/"),
        ]);
        let bundle = "content/posts/b/index.md";
        assert_eq!(
            resolve("../kitchen.md", bundle, &site),
            Ok("/posts/kitchen/".to_owned())
        );
        assert_eq!(
            resolve("..\\Kitchen.md#oven", bundle, &site),
            Ok("/posts/kitchen/#oven".to_owned())
        );
        assert_eq!(
            resolve("../kitchen", bundle, &site),
            Ok("/kitchen/".to_owned())
        );
        assert_eq!(
            resolve("./../kitchen.md", bundle, &site),
            Ok("/kitchen/".to_owned()),
            "./ is not ../: from the folder holding the bundle"
        );
        let without_root_kitchen = super::tests::site(site.pages()[1..].to_vec());
        assert_eq!(
            resolve("./../kitchen.md", bundle, &without_root_kitchen),
            Ok("/posts/kitchen/".to_owned()),
            "not found there, then found beside the bundle's own file"
        );
        assert_eq!(
            resolve("./../kitchen", bundle, &without_root_kitchen),
            Err(LinkError::NotFound {
                guessed_url: "/kitchen/".to_owned()
            }),
            "without an extension there is no file lookup, and a ./ reference stops"
        );
        assert_eq!(
            resolve_markdown_link("../kitchen.md", bundle, &site),
            Some(Ok("/posts/kitchen/".to_owned()))
        );
        // A regular page and a section climb from the folder that holds their file either way.
        assert_eq!(
            resolve("../kitchen.md", "content/posts/a.md", &site),
            Ok("/kitchen/".to_owned())
        );
        assert_eq!(
            resolve("../kitchen", "content/posts/_index.md", &site),
            Ok("/kitchen/".to_owned())
        );
    }

    #[test]
    fn dot_references_stop_after_the_relative_try() {
        let site = seed_site(true);
        assert_eq!(
            resolve("./about", SEED, &site),
            Err(LinkError::NotFound {
                guessed_url: "/posts/ai_frameworks/about/".to_owned()
            })
        );
        assert_eq!(
            resolve("../../about", SEED, &site),
            Ok("/about/".to_owned())
        );
        assert_eq!(
            resolve("../../../../about.md", SEED, &site),
            Ok("/about/".to_owned()),
            "never above the root"
        );
    }

    #[test]
    fn root_then_base_name_lookups_follow_the_relative_one() {
        let site = seed_site(true);
        assert_eq!(resolve("about", SEED, &site), Ok("/about/".to_owned()));
        assert_eq!(
            resolve("01_why_ai_frameworks", "content/about.md", &site),
            Ok("/posts/ai_frameworks/01_why_ai_frameworks/".to_owned()),
            "found by base name"
        );
        assert_eq!(
            resolve(
                "ai_frameworks/01_why_ai_frameworks",
                "content/about.md",
                &site
            ),
            Err(LinkError::NotFound {
                guessed_url: "/ai_frameworks/01_why_ai_frameworks/".to_owned()
            }),
            "a reference with a slash is never looked up by base name"
        );
        assert_eq!(resolve("posts", SEED, &site), Ok("/posts/".to_owned()));
    }

    #[test]
    fn the_sites_language_suffix_names_the_page_without_it() {
        let resolve_in = |language: &str, reference: &str| {
            let config = SiteConfig {
                content_language: language.to_owned(),
                ..SiteConfig::default()
            };
            let site = Site::new(config, seed_site(true).pages().to_vec());
            resolve(reference, SEED, &site)
        };
        // Checked against Hugo 0.111: `x.en.md` is `x.md` in an English site, multilingual
        // or not; another language's suffix is no page of this one.
        let trip = "/posts/ai_frameworks/01_why_ai_frameworks/";
        for reference in [
            "/posts/ai_frameworks/01_why_ai_frameworks/index.en.md",
            "01_why_ai_frameworks/index.EN.md",
        ] {
            assert_eq!(resolve_in("en", reference), Ok(trip.to_owned()));
        }
        assert_eq!(
            resolve_in("en", "/about.en.md#me"),
            Ok("/about/#me".to_owned())
        );
        assert!(resolve_in("en", "/about.fr.md").is_err());
        assert_eq!(resolve_in("fr", "/about.fr.md"), Ok("/about/".to_owned()));
        assert!(resolve_in("fr", "/about.en.md").is_err());
        // A file named after the language alone keeps its name.
        assert!(resolve_in("en", "/en.md").is_err());
    }

    #[test]
    fn two_pages_with_one_base_name_are_ambiguous() {
        let site = site(vec![
            entry("content/a/intro.md", PageKind::Page, "/a/intro/"),
            entry("content/b/intro/index.md", PageKind::Page, "/b/intro/"),
        ]);
        assert_eq!(
            resolve("intro", "content/c.md", &site),
            Err(LinkError::Ambiguous {
                guessed_url: "/intro/".to_owned()
            })
        );
        assert_eq!(
            resolve("intro", "content/a/x.md", &site),
            Ok("/a/intro/".to_owned()),
            "the relative try comes before the base name"
        );
    }

    #[test]
    fn markdown_links_to_md_files_resolve_by_the_same_rules() {
        let site = seed_site(true);
        assert_eq!(
            resolve_markdown_link("01_why_ai_frameworks.md#part", SEED, &site),
            Some(Ok(
                "/posts/ai_frameworks/01_why_ai_frameworks/#part".to_owned()
            ))
        );
        assert_eq!(
            resolve_markdown_link("../../about.MD", SEED, &site),
            Some(Ok("/about/".to_owned()))
        );
        assert_eq!(
            resolve_markdown_link("missing.md", SEED, &site),
            Some(Err(LinkError::NotFound {
                guessed_url: "/posts/ai_frameworks/missing/".to_owned()
            }))
        );
        for not_markdown in [
            "https://x.org/a.md",
            "//x.org/a.md",
            "#a.md",
            "a.png",
            "/about/",
            "mailto:a.md",
        ] {
            assert_eq!(
                resolve_markdown_link(not_markdown, SEED, &site),
                None,
                "{not_markdown}"
            );
        }
    }
}
