//! A regular page (an article): header (breadcrumbs, title, dates, reading time, tags), cover,
//! table of contents and body, then its series and the articles before and after it.

use leptos::prelude::*;

use crate::components::cover_image::CoverImage;
use crate::components::link_list::Link;
use crate::components::link_nav::LinkNav;
use crate::components::page_body::PageBody;
use crate::components::page_header::PageHeader;
use crate::components::table_of_contents::TableOfContents;
use crate::content::render::BodyHtml;
use crate::content::site::PageEntry;

/// Where an article stands in the site, as links.
pub struct ArticleLinks {
    pub breadcrumbs: Vec<Link>,
    pub tags: Vec<Link>,
    /// The series it belongs to, one after the other: each one's page (of the kind
    /// `series-title`), then its articles in order, this one marked current.
    pub series: Vec<Link>,
    /// The articles before and after it in its section (`← Previous`, `Next →`), either
    /// or both.
    pub neighbours: Vec<Link>,
}

#[component]
pub fn ArticlePage(entry: PageEntry, body: BodyHtml, links: ArticleLinks) -> impl IntoView {
    let has_toc = !body.toc.is_empty();
    let toc = has_toc.then(|| view! { <TableOfContents headings=body.toc /> });
    view! {
        <article class="page article">
            <PageHeader
                breadcrumbs=links.breadcrumbs
                title=entry.title.clone()
                date=entry.date
                updated=entry.updated()
                reading_time=entry.reading_time
                tags=links.tags
            />
            {entry.cover.map(|cover| view! { <CoverImage cover=cover /> })}
            <div class=if has_toc { "article-body has-toc" } else { "article-body" }>
                {toc}
                <PageBody html=body.html />
            </div>
            <LinkNav label="Series" class="series-list" links=links.series />
            <LinkNav label="Previous and next articles" class="post-nav" links=links.neighbours />
        </article>
    }
}
