//! The search page (`/search/`, PaperMod's address): a search box, tag and section filters,
//! the result count for screen readers and the results. Prerendered like every page; without
//! JavaScript it says that search needs it and links the archives and tags. In the browser,
//! opening search (the header's control, `/`, or the page's address with `?q=`) loads the
//! build's search module, which reads the build's index: nothing of search is fetched before.
//!
//! The split, measured on the wasm budget: the page's markup is one string here; the results
//! and the filters' options are made by the search module (loaded on demand, outside the
//! budget of every page) as elements and text nodes, never as HTML. The index page's inline
//! script opens search (`/`, the header's control, this page shown) by loading that module,
//! which answers the page's events (typing, filters, keys, the address). A Leptos view with
//! reactive attributes and a handler per element cost the wasm about 12 KB gzip more, and
//! the results' writer in Rust 1.2 KB (measured).

use leptos::prelude::*;

use crate::content::html::escape_html;
use crate::content::route_model::SiteData;

const INPUT_ID: &str = "search-input";

/// `browse_html` is where a reader without JavaScript is sent instead (see [`browse_html`]).
/// The page is one string of markup, as the archives are: a view of its dozen elements cost
/// the wasm about 3 KB gzip more.
#[component]
pub fn SearchPage(browse_html: String) -> impl IntoView {
    let html = format!(
        "<h1>Search</h1><p class=\"search-noscript\">{browse_html}</p>\
         <form class=\"search-form\" role=\"search\"><input type=\"search\" id=\"{INPUT_ID}\" \
         name=\"q\" aria-label=\"Search the site\" placeholder=\"Search\" autocomplete=\"off\">\
         <select id=\"search-tag\" aria-label=\"Tag\"><option value=\"\">All tags</option></select>\
         <select id=\"search-section\" aria-label=\"Section\"><option value=\"\">All sections\
         </option></select></form><p class=\"search-status\" id=\"search-status\" role=\"status\">\
         </p><ol class=\"search-results\" id=\"search-results\"></ol><button type=\"button\" \
         class=\"search-more\" id=\"search-more\" hidden>More results</button>"
    );
    view! { <article class="page search" inner_html=html></article> }
}

/// What the page says without JavaScript: that search needs it, and links to the archives
/// and the tags when the site has them, else to the home page.
pub fn browse_html(site: &SiteData) -> String {
    let home = site.config.base_path();
    let mut links: Vec<String> = [
        (&site.archives_url, "the archives"),
        (&site.tags_url, "the tags"),
    ]
    .into_iter()
    .filter_map(|(url, text)| {
        Some(format!(
            "<a href=\"{}\">{text}</a>",
            escape_html(url.as_ref()?)
        ))
    })
    .collect();
    if links.is_empty() {
        links.push(format!(
            "<a href=\"{}\">the home page</a>",
            escape_html(&home)
        ));
    }
    format!(
        "Search needs JavaScript, which is off. Browse {} instead.",
        links.join(" or ")
    )
}
