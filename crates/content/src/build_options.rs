//! Which pages the site publishes and lists, as Hugo decides it: a page's build options
//! (`build`, the older `_build`, and `headless`) and the site's `disableKinds`.
//!
//! - `render`: `always` (the default), `link` (no page is written, but lists link to its
//!   URL), `never` (no page at all: a headless bundle).
//! - `list`: `always` (the default), `local` (only in its section's and its terms' lists,
//!   not in the site-wide ones: the home page, the archives, the site feed, the sitemap),
//!   `never` (in no list).
//! - `publishResources`: `true` (the default) publishes the bundle's files even when the page
//!   is not rendered, so other pages can use them.
//! - `headless = true` is `render = "never"` and `list = "never"`; a disabled kind is all
//!   three off.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// When the build writes a page (Hugo's `build.render`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Render {
    #[default]
    Always,
    /// Not written, but linked: lists show it and point at its URL.
    Link,
    /// Not a page: no URL, no card, no route.
    Never,
}

/// Which lists show a page (Hugo's `build.list`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum List {
    #[default]
    Always,
    /// Its section's and its terms' lists only.
    Local,
    Never,
}

impl Render {
    pub fn is_always(&self) -> bool {
        *self == Render::Always
    }
}

impl List {
    pub fn is_always(&self) -> bool {
        *self == List::Always
    }

    /// Whether a list shows the page: a site-wide list (`global`: the home page, the
    /// archives, the site feed, the sitemap) or a section's or term's own.
    pub fn shows_in(self, global: bool) -> bool {
        match self {
            List::Always => true,
            List::Local => !global,
            List::Never => false,
        }
    }
}

/// A page's build options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildOptions {
    pub render: Render,
    pub list: List,
    pub publish_resources: bool,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            render: Render::Always,
            list: List::Always,
            publish_resources: true,
        }
    }
}

impl BuildOptions {
    /// A page of a disabled kind: nothing of it is published.
    pub const DISABLED: BuildOptions = BuildOptions {
        render: Render::Never,
        list: List::Never,
        publish_resources: false,
    };

    /// The options of a `build` (or `_build`) table, read as leniently as Hugo reads it
    /// (`mapstructure`'s weak decoding): keys in any case, `true`/`false` where Hugo once took
    /// booleans, and an unknown value falls back to the default. `None` (no table) is the
    /// default.
    pub fn from_value(value: Option<&Value>) -> BuildOptions {
        let mut options = BuildOptions::default();
        let Some(Value::Object(table)) = value else {
            return options;
        };
        for (key, value) in table {
            let text = match value {
                Value::String(text) => text.to_lowercase(),
                Value::Bool(flag) => u8::from(*flag).to_string(),
                other => other.to_string(),
            };
            match key.to_lowercase().as_str() {
                "render" => {
                    options.render = match text.as_str() {
                        "never" | "0" | "false" => Render::Never,
                        "link" => Render::Link,
                        _ => Render::Always,
                    };
                }
                "list" => {
                    options.list = match text.as_str() {
                        "never" | "0" | "false" => List::Never,
                        "local" => List::Local,
                        _ => List::Always,
                    };
                }
                "publishresources" => {
                    if let Some(flag) = parse_bool(&text) {
                        options.publish_resources = flag;
                    }
                }
                _ => {}
            }
        }
        options
    }

    /// `headless = true` on top of these options: neither rendered nor listed.
    pub fn headless(self) -> BuildOptions {
        BuildOptions {
            render: Render::Never,
            list: List::Never,
            ..self
        }
    }
}

/// Go's `strconv.ParseBool` (of lower-cased text), which Hugo's weak decoding applies.
fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "1" | "t" | "true" => Some(true),
        "0" | "f" | "false" => Some(false),
        _ => None,
    }
}

/// Hugo's names of the kinds `disableKinds` can turn off (lower case), the page kinds first.
pub const KINDS: [&str; 9] = [
    "home",
    "page",
    "section",
    "taxonomy",
    "term",
    "rss",
    "sitemap",
    "robotstxt",
    "404",
];

/// A `disableKinds` entry as Hugo reads it: case-insensitive, with the name Hugo used before
/// 0.73 for a taxonomy's page (`taxonomyTerm`); `None` for a name Hugo does not know.
pub fn kind_name(name: &str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    let lower = if lower == "taxonomyterm" {
        "taxonomy".to_owned()
    } else {
        lower
    };
    KINDS.into_iter().find(|kind| *kind == lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(json: &str) -> BuildOptions {
        let value: Value = serde_json::from_str(json).unwrap_or_else(|error| panic!("{error}"));
        BuildOptions::from_value(Some(&value))
    }

    #[test]
    fn build_tables_are_read_as_hugo_reads_them() {
        assert_eq!(options("{}"), BuildOptions::default());
        let never = options(r#"{"Render": "never", "LIST": "local", "publishResources": false}"#);
        assert_eq!(
            never,
            BuildOptions {
                render: Render::Never,
                list: List::Local,
                publish_resources: false
            }
        );
        // Before Hugo 0.76 render and list were booleans.
        let old = options(r#"{"render": false, "list": true}"#);
        assert_eq!((old.render, old.list), (Render::Never, List::Always));
        // An unknown value is the default, as in Hugo.
        let odd = options(r#"{"render": "sometimes", "list": 3, "publishResources": "yes"}"#);
        assert_eq!(odd, BuildOptions::default());
        assert!(!options(r#"{"publishresources": "F"}"#).publish_resources);
        assert_eq!(options(r#"{"render": "link"}"#).render, Render::Link);
        assert_eq!(
            BuildOptions::from_value(Some(&Value::from("never"))),
            BuildOptions::default(),
            "a build that is no table is ignored"
        );
        let headless = BuildOptions::default().headless();
        assert_eq!(
            (headless.render, headless.list),
            (Render::Never, List::Never)
        );
        assert!(
            headless.publish_resources,
            "a headless bundle's files are published"
        );
    }

    #[test]
    fn lists_show_pages_by_their_list_option() {
        assert!(List::Always.shows_in(true) && List::Always.shows_in(false));
        assert!(!List::Local.shows_in(true) && List::Local.shows_in(false));
        assert!(!List::Never.shows_in(true) && !List::Never.shows_in(false));
    }

    #[test]
    fn kind_names_are_hugos_in_any_case() {
        assert_eq!(kind_name("RSS"), Some("rss"));
        assert_eq!(kind_name("robotsTXT"), Some("robotstxt"));
        assert_eq!(kind_name("taxonomyTerm"), Some("taxonomy"));
        assert_eq!(kind_name("404"), Some("404"));
        assert_eq!(kind_name("Term"), Some("term"));
        assert_eq!(kind_name("tags"), None);
    }
}
