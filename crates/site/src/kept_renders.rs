//! Page bodies as an earlier build rendered them, kept by a fingerprint of everything a
//! render reads, so that a rebuild after an edit renders only the bodies the edit changed
//! (Trunk runs the build tool anew for every build: the tool keeps the renders in a file
//! between runs; this module decides what may be reused and reads and writes that file's
//! text, one render per line).
//!
//! A body's render reads its Markdown and front-matter summary, its page's entry, every
//! other entry through the site (its links resolve among them, the site's templates may
//! range over them), the site's config, and the build tool and templates themselves (the
//! "salt" the tool gives). So a render is reused only when all of those are as they were:
//! an edit to a body re-renders that body, an edit to any front matter every body. Not kept:
//! renders with problems (each build reports them anew) and renders during which the site's
//! templates read word counts (the build renders those again once the counts are known).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::fingerprint::Fingerprint;
use blogreader_content::render::RenderedPage;
use blogreader_content::site::Site;

/// The fingerprint of a site as renders read it: see [`KeptRenders::site_key`].
#[derive(Clone, Copy)]
pub struct SiteKey(Fingerprint);

/// A render as kept: the body and the pages its render looked up.
#[derive(Serialize, Deserialize)]
struct Kept {
    rendered: RenderedPage,
    looked_up: Vec<String>,
}

/// The renders an earlier build kept, and those this build keeps for the next.
#[derive(Default)]
pub struct KeptRenders {
    salt: Vec<u8>,
    /// The earlier build's file, and where in it each render's JSON is (parsed only when
    /// reused).
    text: String,
    earlier: HashMap<Fingerprint, Range<usize>>,
    /// This build's renders: JSON made now, or `None` for one reused from `text`.
    this: Mutex<Vec<(Fingerprint, Option<String>)>>,
    reused: AtomicUsize,
}

impl KeptRenders {
    /// The renders written in `text` (by [`KeptRenders::to_text`]), reused only by a build
    /// with the same `salt`: what renders depend on besides the site's content (the tool's
    /// own build, the site's templates). A line that is not a render is skipped.
    pub fn new(salt: &[u8], text: String) -> KeptRenders {
        let mut earlier = HashMap::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let json_start = start + 33;
            start += line.len();
            let key = line.get(..32).and_then(Fingerprint::from_hex);
            if let Some(key) = key.filter(|_| line.get(32..33) == Some(" ")) {
                let json_end = start - usize::from(line.ends_with('\n'));
                earlier.insert(key, json_start..json_end.max(json_start));
            }
        }
        KeptRenders {
            salt: salt.to_owned(),
            text,
            earlier,
            ..KeptRenders::default()
        }
    }

    /// The fingerprint of what every render of `site` reads besides its own page's body:
    /// the salt, the config and every page's entry, published or not, in order.
    pub fn site_key(&self, site: &Site) -> SiteKey {
        let config = format!("{:?}", site.config());
        let count = site.pages().len().to_le_bytes();
        let entries: Vec<Fingerprint> = site
            .pages()
            .par_iter()
            .chain(site.unpublished.par_iter())
            .map(|page| Fingerprint::of(&[format!("{page:?}").as_bytes()]))
            .collect();
        let mut parts: Vec<&[u8]> = vec![&self.salt, config.as_bytes(), &count];
        parts.extend(entries.iter().map(Fingerprint::as_bytes));
        SiteKey(Fingerprint::of(&parts))
    }

    /// The render of the page at `index` of the site of `site_key` from `body` (and the
    /// front matter's `summary`), as kept, or else as `render` makes it (and kept, when it
    /// may be reused). `render` returns the render, the pages it looked up and whether the
    /// site's templates read word counts.
    pub fn render(
        &self,
        site_key: SiteKey,
        index: usize,
        body: &str,
        summary: Option<&str>,
        render: impl FnOnce() -> ((RenderedPage, Vec<String>), bool),
    ) -> ((RenderedPage, Vec<String>), bool) {
        let index = index.to_le_bytes();
        let summary: [&[u8]; 2] = match summary {
            Some(summary) => [b"summary", summary.as_bytes()],
            None => [b"no summary", b""],
        };
        let key = Fingerprint::of(&[
            site_key.0.as_bytes(),
            &index,
            body.as_bytes(),
            summary[0],
            summary[1],
        ]);
        if let Some(kept) = self.earlier(&key) {
            self.reused.fetch_add(1, Ordering::Relaxed);
            self.this().push((key, None));
            return ((kept.rendered, kept.looked_up), false);
        }
        let ((rendered, looked_up), counts_read) = render();
        if counts_read || !rendered.diagnostics.is_empty() {
            return ((rendered, looked_up), counts_read);
        }
        let kept = Kept {
            rendered,
            looked_up,
        };
        if let Ok(json) = serde_json::to_string(&kept) {
            self.this().push((key, Some(json)));
        }
        ((kept.rendered, kept.looked_up), false)
    }

    fn earlier(&self, key: &Fingerprint) -> Option<Kept> {
        let json = self.text.get(self.earlier.get(key)?.clone())?;
        serde_json::from_str(json).ok()
    }

    fn this(&self) -> MutexGuard<'_, Vec<(Fingerprint, Option<String>)>> {
        self.this.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// How many renders this build reused.
    pub fn reused(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }

    /// This build's renders, for the next build's [`KeptRenders::new`].
    pub fn to_text(&self) -> String {
        let mut text = String::new();
        for (key, json) in self.this().iter() {
            let json = match json {
                Some(json) => json.as_str(),
                None => self
                    .earlier
                    .get(key)
                    .and_then(|range| self.text.get(range.clone()))
                    .unwrap_or_default(),
            };
            text.push_str(&key.hex());
            text.push(' ');
            text.push_str(json);
            text.push('\n');
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::build::{BuiltPages, build_pages_at};
    use crate::config::BuildConfig;
    use crate::template::{ShortcodeTemplates, TemplateFile};
    use blogreader_content::site::SourceFile;
    use blogreader_content::site::templates::Templates;

    /// 2026-01-01T00:00:00Z.
    const NOW: i64 = 1_767_225_600;

    fn files() -> Vec<SourceFile> {
        let page = |name: &str, body: &str| SourceFile {
            path: format!("content/posts/{name}.md"),
            text: Some(format!("+++\ntitle = \"{name}\"\n+++\n{body}\n")),
        };
        vec![
            page("clean", "Links to [the other]({{< relref \"counted\" >}})."),
            page("broken", "Links to [nothing]({{< relref \"missing\" >}})."),
            page("counted", "Four words, counted: {{< words >}}"),
        ]
    }

    /// A config whose `words` template reads the page's word count.
    fn config() -> BuildConfig {
        let words = TemplateFile {
            name: "words".to_owned(),
            path: "layouts/shortcodes/words.html".to_owned(),
            source: "{{ .Page.WordCount }}".to_owned(),
        };
        let mut config = BuildConfig::default();
        config.site.templates = Templates(Some(Arc::new(ShortcodeTemplates::new(
            vec![words],
            Vec::new(),
            false,
        ))));
        config
    }

    fn build(kept: &KeptRenders) -> BuiltPages {
        build_pages_at(config(), &files(), NOW, kept)
    }

    #[test]
    fn a_rebuild_reuses_only_renders_without_problems_or_word_counts_and_builds_the_same() {
        let first = KeptRenders::new(b"salt", String::new());
        let fresh = build(&first);
        assert!(!fresh.diagnostics.is_empty(), "the broken link is reported");
        let second = KeptRenders::new(b"salt", first.to_text());
        let rebuilt = build(&second);
        // Only the clean page's render: the broken link's page reports its problem anew,
        // and the counted page shows the final word count.
        assert_eq!(second.reused(), 1);
        assert_eq!(rebuilt.diagnostics, fresh.diagnostics);
        assert_eq!(rebuilt.bodies, fresh.bodies);
        assert_eq!(rebuilt.looked_up, fresh.looked_up);
        assert_eq!(rebuilt.site.pages(), fresh.site.pages());
        let counted = &rebuilt.bodies["/posts/counted/"].html;
        assert!(counted.contains("counted: 4"), "{counted}");

        let other_tool = KeptRenders::new(b"another salt", second.to_text());
        build(&other_tool);
        assert_eq!(other_tool.reused(), 0);
    }
}
