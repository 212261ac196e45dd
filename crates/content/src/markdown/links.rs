//! Links and images: dangerous URLs are emptied; links to `.md` files resolve by the relref
//! rules ([`crate::links`]); internal links to no page get class `broken-link`; links to
//! `#anchor`s and the images are collected, each where it is written.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::markers::strip_markers;
use super::{ImageSource, LinkToAnchor, Located, MarkdownContext, RenderedMarkdown, write_html};
use crate::error::{DiagnosticKind, Finding, Severity};
use crate::html::is_dangerous_url;
use crate::links::{LinkError, resolve_markdown_link};
use crate::url::percent_decode;

pub(super) struct Links<'a, 'c> {
    context: &'c MarkdownContext<'c>,
    source: &'a str,
    /// How many images are open: a link or image in an image's alt text is none of the page.
    image_depth: usize,
}

impl<'a, 'c> Links<'a, 'c> {
    pub(super) fn new(context: &'c MarkdownContext<'c>, source: &'a str) -> Self {
        Links {
            context,
            source,
            image_depth: 0,
        }
    }

    /// Whether an image is open: what comes is its alt text.
    pub(super) fn in_image(&self) -> bool {
        self.image_depth > 0
    }

    /// Takes `event`; problems, links to anchors and images go to `found`.
    pub(super) fn push(
        &mut self,
        event: Event<'a>,
        range: Range<usize>,
        found: &mut RenderedMarkdown,
        next: &mut Vec<Located<'a>>,
    ) {
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if self.image_depth == 0 => {
                match self.link(link_type, &dest_url, range.start, found) {
                    LinkOutput::Plain(url) => Event::Start(Tag::Link {
                        link_type,
                        dest_url: CowStr::from(url),
                        title: CowStr::from(strip_markers(&title)),
                        id,
                    }),
                    LinkOutput::Broken(url) => {
                        Event::InlineHtml(CowStr::from(broken_link_tag(link_type, url, &title)))
                    }
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let url = strip_markers(&dest_url);
                let safe = if is_dangerous_url(&url) {
                    String::new()
                } else {
                    url
                };
                if self.image_depth == 0 && !safe.is_empty() {
                    found.images.push(ImageSource {
                        offset: range.start + self.address_offset(&range, &safe),
                        src: safe.clone(),
                    });
                }
                self.image_depth += 1;
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: CowStr::from(safe),
                    title: CowStr::from(strip_markers(&title)),
                    id,
                })
            }
            Event::End(TagEnd::Image) => {
                self.image_depth = self.image_depth.saturating_sub(1);
                Event::End(TagEnd::Image)
            }
            other => other,
        };
        next.push((event, range));
    }

    /// Where the address `url` of the image written at `range` starts in it, when it is
    /// written there as it is (else 0: the image's start).
    fn address_offset(&self, range: &Range<usize>, url: &str) -> usize {
        let written = self.source.get(range.clone()).unwrap_or("");
        let address = written.find("](").map_or(0, |start| start + 2);
        written
            .get(address..)
            .and_then(|rest| rest.find(url))
            .map_or(0, |found| address + found)
    }

    /// The destination a link gets, and whether it leads to no page.
    fn link(
        &self,
        link_type: LinkType,
        destination: &str,
        offset: usize,
        found: &mut RenderedMarkdown,
    ) -> LinkOutput {
        let destination = strip_markers(destination);
        if is_dangerous_url(&destination) {
            return LinkOutput::Plain(String::new());
        }
        if matches!(link_type, LinkType::Email) {
            return LinkOutput::Plain(destination);
        }
        let context = self.context;
        let resolved = resolve_markdown_link(&destination, &context.page.source, context.site);
        let url = match resolved {
            None | Some(Ok(_)) => resolved
                .and_then(Result::ok)
                .unwrap_or_else(|| destination.clone()),
            Some(Err(error)) => {
                let (kind, guessed_url) = match error {
                    LinkError::NotFound { guessed_url } => (
                        DiagnosticKind::LinkNotFound {
                            destination: destination.clone(),
                        },
                        guessed_url,
                    ),
                    LinkError::Ambiguous { guessed_url } => (
                        DiagnosticKind::AmbiguousRef {
                            reference: destination.clone(),
                        },
                        guessed_url,
                    ),
                };
                found.findings.push(Finding {
                    offset,
                    severity: Severity::Warning,
                    kind,
                });
                guessed_url
            }
        };
        let (path, anchor) = match url.split_once('#') {
            Some((path, anchor)) => (path, anchor),
            None => (url.as_str(), ""),
        };
        let path = path.split('?').next().unwrap_or(path);
        let page_url = if path.is_empty() {
            Some(context.page.url.clone())
        } else if path.starts_with('/') && !path.starts_with("//") && path.ends_with('/') {
            match context.site.page_by_url(&percent_decode(path)) {
                Some(page) => Some(page.url.clone()),
                None => return LinkOutput::Broken(url),
            }
        } else {
            None
        };
        if let Some(page_url) = page_url.filter(|_| !anchor.is_empty()) {
            found.anchor_links.push(LinkToAnchor {
                offset,
                reference: destination,
                page_url,
                anchor: percent_decode(anchor),
            });
        }
        LinkOutput::Plain(url)
    }
}

enum LinkOutput {
    Plain(String),
    /// An internal link to no page: shown with class `broken-link`.
    Broken(String),
}

/// The opening `<a>` of a broken link, written by pulldown-cmark (for its escaping) plus the
/// class.
fn broken_link_tag(link_type: LinkType, url: String, title: &str) -> String {
    let mut tag = String::new();
    let start = Event::Start(Tag::Link {
        link_type,
        dest_url: CowStr::from(url),
        title: CowStr::from(strip_markers(title)),
        id: CowStr::Borrowed(""),
    });
    write_html(&mut tag, &[start]);
    match tag.strip_suffix('>') {
        Some(open) => format!("{open} class=\"broken-link\">"),
        None => tag,
    }
}
