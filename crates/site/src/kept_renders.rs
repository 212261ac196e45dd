//! Page bodies as an earlier build rendered them, kept by a fingerprint of everything a
//! render reads (see [`crate::kept`]), so that a rebuild after an edit renders only the
//! bodies the edit changed.
//!
//! A body's render reads its Markdown and front-matter summary, its page's entry, the pages
//! its links resolve to (which lookups found them: the site's lookups), the site's config,
//! and the build tool itself (the "salt" the tool gives). A render is kept with the pages it
//! looked up and a fingerprint of their entries, and reused only when all of those are as
//! they were: an edit to a body re-renders that body; an edit to a page's front matter, that
//! page's body and the bodies that link to it; a page added, removed or moved (any change
//! to where lookups find pages), every body. The site's own templates may read any page
//! (`.Site.Pages`): on a site that has them, every entry counts for every render. Not kept:
//! renders with problems (each build reports them anew) and renders during which the site's
//! templates read word counts (the build renders those again once the counts are known).

use std::collections::HashMap;

use rayon::prelude::*;

use crate::fingerprint::Fingerprint;
use crate::kept::{KeptResults, KeptUpdate, Reader, Writer};
use blogreader_content::markdown::Heading;
use blogreader_content::render::{AnchorLink, PlacedImage, RenderedPage};
use blogreader_content::site::{PageEntry, Site};

/// What the file starts with.
const HEADER: &[u8] = b"blogreader renders 1\n";

/// What renders of a site read besides their own body: see [`KeptRenders::site_key`].
pub struct SiteKey {
    /// The salt, the config, where lookups find pages and the unpublished pages' entries.
    base: Fingerprint,
    /// Each page's entry, in the site's order.
    entries: Vec<Fingerprint>,
    /// Each page's number, by URL.
    by_url: HashMap<String, usize>,
    /// Every entry, when every render may read any (the site has templates).
    every_entry: Option<Fingerprint>,
}

impl SiteKey {
    /// The fingerprint of the entries of the pages at `urls` (what a render looked up).
    fn entries_of(&self, urls: &[String]) -> Fingerprint {
        if let Some(every_entry) = self.every_entry {
            return every_entry;
        }
        let entries: Vec<&[u8]> = urls
            .iter()
            .flat_map(|url| {
                let entry = self.by_url.get(url).and_then(|&at| self.entries.get(at));
                [
                    url.as_bytes(),
                    entry.map_or(b"none".as_slice(), Fingerprint::as_bytes),
                ]
            })
            .collect();
        Fingerprint::of(&entries)
    }
}

/// A render, and the pages it looked up.
type Render = (RenderedPage, Vec<String>);

/// The renders an earlier build kept, and those this build keeps for the next.
#[derive(Default)]
pub struct KeptRenders {
    salt: Vec<u8>,
    results: KeptResults,
}

impl KeptRenders {
    /// The renders in `file` (as [`KeptRenders::update`]s wrote it), reused only by a
    /// build with the same `salt`: what renders depend on besides the site's content (the
    /// tool's own build, the site's templates).
    pub fn new(salt: &[u8], file: Vec<u8>) -> KeptRenders {
        KeptRenders {
            salt: salt.to_owned(),
            results: KeptResults::new(HEADER, file),
        }
    }

    /// What renders of `site` read besides their own body: the salt, the config, where the
    /// site's lookups find pages, and each page's entry (nothing when nothing is kept).
    pub fn site_key(&self, site: &Site) -> SiteKey {
        if !self.results.keeping() {
            return SiteKey {
                base: Fingerprint::of(&[]),
                entries: Vec::new(),
                by_url: HashMap::new(),
                every_entry: None,
            };
        }
        let entry = |page: &PageEntry| Fingerprint::of(&[format!("{page:?}").as_bytes()]);
        let entries: Vec<Fingerprint> = site.pages().par_iter().map(entry).collect();
        let unpublished: Vec<Fingerprint> = site.unpublished.par_iter().map(entry).collect();
        let config = format!("{:?}", site.config());
        let lookups = site.lookups_as_text();
        let mut parts: Vec<&[u8]> = vec![&self.salt, config.as_bytes(), lookups.as_bytes()];
        parts.extend(unpublished.iter().map(Fingerprint::as_bytes));
        let base = Fingerprint::of(&parts);
        let every_entry = site.config().templates.0.is_some().then(|| {
            let all: Vec<&[u8]> = entries.iter().map(Fingerprint::as_bytes).collect();
            Fingerprint::of(&all)
        });
        let by_url = site
            .pages()
            .iter()
            .enumerate()
            .map(|(at, page)| (page.url.clone(), at))
            .collect();
        SiteKey {
            base,
            entries,
            by_url,
            every_entry,
        }
    }

    /// The render of the page at `index` of the site of `site_key` from `body` (and the
    /// front matter's `summary`), as kept, or else as `render` makes it (and kept, when it
    /// may be reused). `render` returns the render, the pages it looked up and whether the
    /// site's templates read word counts.
    pub fn render(
        &self,
        site_key: &SiteKey,
        index: usize,
        body: &str,
        summary: Option<&str>,
        render: impl FnOnce() -> (Render, bool),
    ) -> (Render, bool) {
        let key = || {
            let own_entry = site_key.entries.get(index).copied();
            let own_entry = own_entry.unwrap_or_else(|| Fingerprint::of(&[]));
            let summary: [&[u8]; 2] = match summary {
                Some(summary) => [b"summary", summary.as_bytes()],
                None => [b"no summary", b""],
            };
            Fingerprint::of(&[
                site_key.base.as_bytes(),
                own_entry.as_bytes(),
                body.as_bytes(),
                summary[0],
                summary[1],
            ])
        };
        // Kept with the entries it looked up: still the one while they are as they were.
        let still_holds = |reader: &mut Reader| {
            let (kept, looked_up_entries) = decode(reader)?;
            (looked_up_entries == site_key.entries_of(&kept.1)).then_some((kept, false))
        };
        let keepable = |(render, counts_read): &(Render, bool)| {
            (!counts_read && render.0.diagnostics.is_empty())
                .then(|| encode(render, site_key.entries_of(&render.1)))
        };
        self.results
            .reuse_or_make(key, still_holds, render, keepable)
    }

    /// How many renders this build reused.
    pub fn reused(&self) -> usize {
        self.results.reused()
    }

    /// What to write of this build's renders for the next build's [`KeptRenders::new`].
    pub fn update(&self) -> KeptUpdate {
        self.results.update()
    }
}

/// A render, and the fingerprint of the entries it looked up.
fn encode((rendered, looked_up): &Render, looked_up_entries: Fingerprint) -> Writer {
    let mut out = Writer::default();
    out.fingerprint(looked_up_entries);
    out.str(&rendered.html);
    out.str(&rendered.summary_html);
    out.u8(u8::from(rendered.truncated));
    out.usize(rendered.word_count);
    out.usize(rendered.reading_time);
    out.list(&rendered.headings, |out, heading| {
        out.u8(heading.level);
        out.str(&heading.id);
        out.str(&heading.text);
    });
    out.list(&rendered.anchors, |out, anchor| out.str(anchor));
    out.list(&rendered.anchor_links, |out, link| {
        out.str(&link.page_url);
        out.str(&link.anchor);
        out.str(&link.reference);
        out.usize(link.line);
        out.usize(link.column);
    });
    out.list(&rendered.images, |out, image| {
        out.str(&image.src);
        out.usize(image.line);
        out.usize(image.column);
    });
    out.list(looked_up, |out, url| out.str(url));
    out
}

fn decode(reader: &mut Reader) -> Option<(Render, Fingerprint)> {
    let looked_up_entries = reader.fingerprint()?;
    let rendered = RenderedPage {
        html: reader.string()?,
        summary_html: reader.string()?,
        truncated: reader.u8()? == 1,
        word_count: reader.usize()?,
        reading_time: reader.usize()?,
        headings: reader.list(|reader| {
            Some(Heading {
                level: reader.u8()?,
                id: reader.string()?,
                text: reader.string()?,
            })
        })?,
        anchors: reader.list(Reader::string)?,
        anchor_links: reader.list(|reader| {
            Some(AnchorLink {
                page_url: reader.string()?,
                anchor: reader.string()?,
                reference: reader.string()?,
                line: reader.usize()?,
                column: reader.usize()?,
            })
        })?,
        images: reader.list(|reader| {
            Some(PlacedImage {
                src: reader.string()?,
                line: reader.usize()?,
                column: reader.usize()?,
            })
        })?,
        diagnostics: Vec::new(),
    };
    Some(((rendered, reader.list(Reader::string)?), looked_up_entries))
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
            // Its render has no problem, but the site's checks find two in what it keeps:
            // an anchor that is not there and an image that is no file.
            page(
                "clean",
                "## One\n\n## Two\n\nLinks to [the other]({{< relref \"counted\" >}}), \
                 [an anchor](#nowhere) and ![a picture](missing.png).",
            ),
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
        let first = KeptRenders::new(b"salt", Vec::new());
        let fresh = build(&first);
        let problems: Vec<String> = fresh.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(problems.len(), 3, "{problems:?}");
        let second = KeptRenders::new(b"salt", written(Vec::new(), first.update()));
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

        // Nothing new: nothing to add to the file.
        assert_eq!(second.update(), KeptUpdate::Append(Vec::new()));
        let file = written(Vec::new(), first.update());

        let other_tool = KeptRenders::new(b"another salt", file.clone());
        build(&other_tool);
        assert_eq!(other_tool.reused(), 0);
        // Its renders are added to the file while no more than half of it is unused.
        let both = written(file.clone(), other_tool.update());
        assert!(both.len() > file.len() && both.starts_with(&file));
        let again = KeptRenders::new(b"salt", both.clone());
        build(&again);
        assert_eq!(again.reused(), 1);
        assert!(matches!(again.update(), KeptUpdate::Append(added) if added.is_empty()));
        let third_tool = KeptRenders::new(b"third salt", both);
        build(&third_tool);
        assert!(
            matches!(third_tool.update(), KeptUpdate::Rewrite(anew) if anew.len() == file.len()),
            "two thirds of the file unused: it is written anew, with the one render used"
        );
    }

    /// `file` as `update` leaves it.
    fn written(mut file: Vec<u8>, update: KeptUpdate) -> Vec<u8> {
        match update {
            KeptUpdate::Append(records) => {
                file.extend(records);
                file
            }
            KeptUpdate::Rewrite(anew) => anew,
        }
    }
}
