//! A regular page (an article): header (breadcrumbs, title, dates, reading time, tags), cover,
//! table of contents and body, then its series and the articles before and after it; the
//! page's theme params may leave parts out ([`Display`]).

use leptos::prelude::*;

use crate::components::cover_image::CoverImage;
use crate::components::link_nav::LinkNav;
use crate::components::page_body::PageBody;
use crate::components::page_header::PageHeader;
use crate::components::table_of_contents::TableOfContents;
use crate::content::display::Display;
use crate::content::render::BodyHtml;
use crate::content::route_model::ArticleLinks;
use crate::content::site::PageEntry;

#[component]
pub fn ArticlePage(
    entry: PageEntry,
    body: BodyHtml,
    links: ArticleLinks,
    display: Display,
) -> impl IntoView {
    let has_toc = !body.toc.is_empty() && display.toc;
    let toc =
        has_toc.then(|| view! { <TableOfContents headings=body.toc open=display.toc_open /> });
    let shown = |shown: bool, value: usize| if shown && display.meta { value } else { 0 };
    view! {
        <article class="page article">
            <PageHeader
                breadcrumbs=links.breadcrumbs
                title=entry.title.clone()
                date=entry.date.filter(|_| display.meta)
                updated=entry.updated().filter(|_| display.meta)
                reading_time=shown(display.reading_time, entry.reading_time)
                word_count=shown(display.word_count, entry.word_count)
                author=display.author.filter(|_| display.meta)
                tags=links.tags
            />
            {entry
                .cover
                .filter(|_| display.cover_in_page)
                .map(|cover| view! { <CoverImage cover=cover /> })}
            <div class=if has_toc { "article-body has-toc" } else { "article-body" }>
                {toc}
                <PageBody html=body.html />
            </div>
            <LinkNav label="Series" class="series-list" links=links.series />
            <LinkNav label="Previous and next articles" class="post-nav" links=links.neighbours />
        </article>
    }
}
