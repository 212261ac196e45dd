//! Page bodies as an earlier build rendered them, kept by a fingerprint of everything a
//! render reads (see [`crate::kept`]), so that a rebuild after an edit renders only the
//! bodies the edit changed.
//!
//! A body's render reads its Markdown and front-matter summary, its page's entry, every
//! other entry through the site (its links resolve among them, the site's templates may
//! range over them), the site's config, and the build tool and templates themselves (the
//! "salt" the tool gives). So a render is reused only when all of those are as they were:
//! an edit to a body re-renders that body, an edit to any front matter every body. Not kept:
//! renders with problems (each build reports them anew) and renders during which the site's
//! templates read word counts (the build renders those again once the counts are known).

use rayon::prelude::*;

use crate::fingerprint::Fingerprint;
use crate::kept::{KeptResults, KeptUpdate, Reader, Writer};
use blogreader_content::markdown::Heading;
use blogreader_content::render::{AnchorLink, PlacedImage, RenderedPage};
use blogreader_content::site::Site;

/// What the file starts with.
const HEADER: &[u8] = b"blogreader renders 1\n";

/// The fingerprint of a site as renders read it: see [`KeptRenders::site_key`].
#[derive(Clone, Copy)]
pub struct SiteKey(Fingerprint);

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

    /// The fingerprint of what every render of `site` reads besides its own page's body:
    /// the salt, the config and every page's entry, published or not, in order (none when
    /// nothing is kept).
    pub fn site_key(&self, site: &Site) -> SiteKey {
        if !self.results.keeping() {
            return SiteKey(Fingerprint::of(&[]));
        }
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
        render: impl FnOnce() -> (Render, bool),
    ) -> (Render, bool) {
        if !self.results.keeping() {
            return render();
        }
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
        if let Some(kept) = self.results.reuse(key, decode) {
            return (kept, false);
        }
        let (render, counts_read) = render();
        if !counts_read && render.0.diagnostics.is_empty() {
            self.results.keep(key, || encode(&render));
        }
        (render, counts_read)
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

fn encode((rendered, looked_up): &Render) -> Writer {
    let mut out = Writer::default();
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

fn decode(reader: &mut Reader) -> Option<Render> {
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
    Some((rendered, reader.list(Reader::string)?))
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
