//! Headings: their `{…}` attribute blocks through the allowlist, and Hugo's github-style ids
//! from their rendered text, unique in the page. The headings of a shortcode's Markdown (a
//! `details` body, rendered apart) are left a slot, which the page fills once its own
//! headings have their ids, in the same id space.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::markers::{Piece, SLOT_DIVIDER, SLOT_END, SLOT_START, split_markers};
use super::{Heading, HeadingIds, Located, RenderedMarkdown};
use crate::html::{escape_html, formula_text, unescape_html};
use crate::sanitize::is_allowed_attribute;

pub(super) struct Headings<'a, 'c> {
    trusted_html: &'c [String],
    ids: HeadingIds,
    /// Heading ids given so far, explicit ones included.
    taken: TakenIds,
    /// The heading being collected until its end, when its id can be made.
    open: Option<OpenHeading<'a>>,
}

struct OpenHeading<'a> {
    level: HeadingLevel,
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    events: Vec<Event<'a>>,
}

impl<'a, 'c> Headings<'a, 'c> {
    pub(super) fn new(trusted_html: &'c [String], ids: HeadingIds) -> Self {
        Headings {
            trusted_html,
            ids,
            taken: TakenIds::default(),
            open: None,
        }
    }

    /// Takes `event`; a page's headings and their ids go to `found`.
    pub(super) fn push(
        &mut self,
        event: Event<'a>,
        range: Range<usize>,
        found: &mut RenderedMarkdown,
        next: &mut Vec<Located<'a>>,
    ) {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                // An attribute block (`## T {#id .class data-x=y}`) keeps only what the
                // allowlist allows: never an event handler (the id and classes come apart).
                let element = format!("h{}", level as u8);
                let attrs = attrs
                    .into_iter()
                    .filter(|(name, _)| {
                        let name = name.to_ascii_lowercase();
                        !matches!(name.as_str(), "id" | "class")
                            && is_allowed_attribute(&element, &name)
                    })
                    .collect();
                self.open = Some(OpenHeading {
                    level,
                    id,
                    classes,
                    attrs,
                    events: Vec::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => self.close(range, found, next),
            event => match &mut self.open {
                Some(heading) => heading.events.push(event),
                None => next.push((event, range)),
            },
        }
    }

    /// Gives the finished heading its id and sends it on.
    fn close(
        &mut self,
        range: Range<usize>,
        found: &mut RenderedMarkdown,
        next: &mut Vec<Located<'a>>,
    ) {
        let Some(heading) = self.open.take() else {
            return;
        };
        let text = heading_text(&heading.events, self.trusted_html);
        let level = heading.level as u8;
        let id = match (heading.id, self.ids) {
            (explicit, HeadingIds::Deferred) => {
                let wanted = explicit
                    .as_ref()
                    .map_or_else(|| heading_id(&text), ToString::to_string);
                heading_slot(level, explicit.is_some(), &wanted, &text)
            }
            (Some(explicit), HeadingIds::Page) => self.taken.take(explicit.to_string()),
            (None, HeadingIds::Page) => self.taken.take_unique(heading_id(&text)),
        };
        if self.ids == HeadingIds::Page {
            found.anchors.push(id.clone());
            found.headings.push(Heading {
                level,
                id: id.clone(),
                text,
            });
        }
        let start = Event::Start(Tag::Heading {
            level: heading.level,
            id: Some(CowStr::from(id)),
            classes: heading.classes,
            attrs: heading.attrs,
        });
        next.push((start, range.clone()));
        next.extend(
            heading
                .events
                .into_iter()
                .map(|event| (event, range.clone())),
        );
        next.push((Event::End(TagEnd::Heading(heading.level)), range));
    }

    /// Gives the headings in shortcode HTML (a `details` body, rendered apart) their ids, once
    /// the page's own headings have theirs: each takes the first free one, so no id is given
    /// twice and the page's own ids stay the ones Hugo gives. They join the heading list
    /// where they stand.
    pub(super) fn place_deferred(mut self, events: &mut [Event<'_>], found: &mut RenderedMarkdown) {
        let mut page_headings = std::mem::take(&mut found.headings).into_iter();
        // The page's headings that started before the current point, and those of them listed.
        let mut started = 0;
        let mut listed = 0;
        for event in events.iter_mut() {
            let html = match event {
                Event::Start(Tag::Heading { .. }) => {
                    started += 1;
                    continue;
                }
                Event::Html(html) | Event::InlineHtml(html) if html.contains(SLOT_START) => html,
                _ => continue,
            };
            let mut placed = String::with_capacity(html.len());
            let mut rest: &str = html;
            while let Some((before, after)) = rest.split_once(SLOT_START) {
                placed.push_str(before);
                let Some((slot, tail)) = after.split_once(SLOT_END) else {
                    rest = "";
                    break;
                };
                rest = tail;
                let Some((level, explicit, wanted_id, text)) = read_heading_slot(slot) else {
                    continue;
                };
                let id = if explicit {
                    self.taken.take(wanted_id)
                } else {
                    self.taken.take_unique(wanted_id)
                };
                placed.push_str(&escape_html(&id));
                found.anchors.push(id.clone());
                found
                    .headings
                    .extend(page_headings.by_ref().take(started - listed));
                listed = started;
                found.headings.push(Heading { level, id, text });
            }
            placed.push_str(rest);
            *html = CowStr::from(placed);
        }
        found.headings.extend(page_headings);
    }
}

/// The plain text of a heading's inner events, trimmed: markers removed, but a formula's
/// (the build's MathML) read as its plain text.
fn heading_text(events: &[Event], trusted_html: &[String]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(part) | Event::Code(part) => {
                for piece in split_markers(part) {
                    match piece {
                        Piece::Text(plain) => text.push_str(plain),
                        Piece::Marker(index) => text.push_str(
                            &trusted_html
                                .get(index)
                                .and_then(|html| formula_text(html))
                                .unwrap_or_default(),
                        ),
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_owned()
}

/// Hugo's "github" id: each space or `-` becomes `-`, letters, digits and `_` stay
/// (lower-cased), everything else goes; empty becomes `heading`.
pub(super) fn heading_id(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    for character in text.trim().chars() {
        if character == ' ' || character == '-' {
            id.push('-');
        } else if character == '_' || character.is_alphabetic() || character.is_numeric() {
            id.extend(character.to_lowercase());
        }
    }
    if id.is_empty() {
        "heading".to_owned()
    } else {
        id
    }
}

/// What stands for the id of a heading in a shortcode's HTML until the page gives it one.
fn heading_slot(level: u8, explicit: bool, wanted_id: &str, text: &str) -> String {
    let kind = if explicit { 'e' } else { 'a' };
    format!("{SLOT_START}{level}{kind}{wanted_id}{SLOT_DIVIDER}{text}{SLOT_END}")
}

/// A heading slot read back from HTML (where the writer escaped it): level, whether the id
/// was written by the author, the wanted id and the text.
fn read_heading_slot(slot: &str) -> Option<(u8, bool, String, String)> {
    let mut characters = slot.chars();
    let level = characters
        .next()?
        .to_digit(10)
        .and_then(|level| u8::try_from(level).ok())?;
    let explicit = characters.next()? == 'e';
    let (wanted_id, text) = characters.as_str().split_once(SLOT_DIVIDER)?;
    Some((
        level,
        explicit,
        unescape_html(wanted_id),
        unescape_html(text),
    ))
}

/// Heading ids given so far, explicit ones included, each with the number from which a free
/// `id-n` is looked for: all below it are taken, so no search starts over from `id-1`.
#[derive(Default)]
struct TakenIds(HashMap<String, usize>);

impl TakenIds {
    /// Takes `id` (an author's own id may be taken twice) and returns it.
    fn take(&mut self, id: String) -> String {
        self.0.entry(id.clone()).or_insert(1);
        id
    }

    /// Takes and returns `wanted`, or the first free `wanted-1`, `wanted-2`, … when it is
    /// taken.
    fn take_unique(&mut self, wanted: String) -> String {
        let (wanted, mut number) = match self.0.entry(wanted) {
            Entry::Vacant(free) => {
                let id = free.key().clone();
                free.insert(1);
                return id;
            }
            Entry::Occupied(taken) => (taken.key().clone(), *taken.get()),
        };
        let unique = loop {
            let candidate = format!("{wanted}-{number}");
            if !self.0.contains_key(&candidate) {
                break candidate;
            }
            number += 1;
        };
        if let Some(first_free) = self.0.get_mut(&wanted) {
            *first_free = number + 1;
        }
        self.0.insert(unique.clone(), 1);
        unique
    }
}
