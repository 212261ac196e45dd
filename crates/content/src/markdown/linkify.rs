//! Bare web and e-mail addresses in text become links, as goldmark's linkify makes them (the
//! scanner is `crate::linkify`), except in the text of links and images. The links go on to
//! the links pass, which checks them as it checks written ones.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::Located;
use crate::linkify::BareLinks;

pub(super) struct Linkify<'a> {
    source: &'a str,
    /// How many links and images are open.
    link_depth: usize,
}

impl<'a> Linkify<'a> {
    pub(super) fn new(source: &'a str) -> Self {
        Linkify {
            source,
            link_depth: 0,
        }
    }

    pub(super) fn push(
        &mut self,
        event: Event<'a>,
        range: Range<usize>,
        next: &mut Vec<Located<'a>>,
    ) {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => self.link_depth += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => {
                self.link_depth = self.link_depth.saturating_sub(1);
            }
            Event::Text(text) if self.link_depth == 0 => return self.linkify(text, range, next),
            _ => {}
        }
        next.push((event, range));
    }

    /// Sends text on with its bare addresses made links.
    fn linkify(&self, text: CowStr<'a>, range: Range<usize>, next: &mut Vec<Located<'a>>) {
        let followed_by = self
            .source
            .get(range.end..)
            .and_then(|rest| rest.chars().next());
        let mut links = BareLinks::new(&text, followed_by).peekable();
        if links.peek().is_none() {
            next.push((Event::Text(text), range));
            return;
        }
        let mut done = 0;
        for link in links {
            if link.range.start > done {
                let before = text.get(done..link.range.start).unwrap_or("");
                next.push((Event::Text(CowStr::from(before.to_owned())), range.clone()));
            }
            let link_type = if link.is_email {
                LinkType::Email
            } else {
                LinkType::Autolink
            };
            let start = Event::Start(Tag::Link {
                link_type,
                dest_url: CowStr::from(link.destination),
                title: CowStr::Borrowed(""),
                id: CowStr::Borrowed(""),
            });
            next.push((start, range.clone()));
            next.push((Event::Text(CowStr::from(link.text)), range.clone()));
            next.push((Event::End(TagEnd::Link), range.clone()));
            done = link.range.end;
        }
        if let Some(after) = text.get(done..).filter(|after| !after.is_empty()) {
            next.push((Event::Text(CowStr::from(after.to_owned())), range));
        }
    }
}
