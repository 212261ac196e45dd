//! The content core: everything Hugo-shaped that the native tool, the browser app and the
//! native tests share. Nothing here knows of leptos, web-sys or fetching.
//!
//! Pipeline for one page:
//! 1. [`front_matter::split`] cuts the front matter from the body (cheap; the browser uses it),
//!    [`front_matter::parse`] turns it into a [`front_matter::FrontMatter`] (native tool only).
//! 2. [`site::Site`] holds every page's [`site::PageEntry`] (URL, kind, title, date, order); it
//!    is what the tool writes as the content index and what the app fetches first.
//! 3. [`render::render_page`] expands shortcodes in the raw body ([`shortcode`]), resolving
//!    `ref`/`relref` and `.md` links against the site ([`links`]), then renders Markdown
//!    ([`markdown`]) into safe HTML with Hugo's heading ids and highlighted code
//!    ([`highlight`]), plus the diagnostics found.
//! 4. [`render::render_html`], the page body readers see, adds the reading aids
//!    ([`reading_aids`]): heading anchors, Copy buttons, image links.

pub mod build_options;
pub mod builtin;
mod code_lines;
pub mod date;
mod definition_marks;
pub mod display;
mod embeds;
pub mod error;
pub mod front_matter;
pub mod highlight;
pub mod index_json;
mod linkify;
pub mod links;
pub mod markdown;
pub mod math;
pub mod meta;
pub mod navigation;
mod nesting;
pub mod reading_aids;
pub mod render;
pub mod routes;
pub mod sanitize;
pub mod shortcode;
pub mod site;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
mod typographer;
pub mod url;
