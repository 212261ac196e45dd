//! The content core: everything Hugo-shaped that the browser app, the site builder
//! (`blogreader-site`) and the build tool (`blogtool`) share. Pure logic for both targets: no
//! IO, no leptos, no web-sys, no fetching, no native-only crate.
//!
//! Pipeline for one page:
//! 1. [`front_matter::split`] cuts the front matter from the body (reading it is the site
//!    builder's: the browser gets the front matter's values in the route data).
//! 2. [`site::Site`] holds the [`site::SiteConfig`] and every page's [`site::PageEntry`] (URL,
//!    kind, title, date, order); the build writes what each route needs of it as that
//!    route's data ([`route_model`]; [`route_json`] reads it in the browser).
//! 3. [`render::render_page`] expands shortcodes in the raw body ([`shortcode`]), resolving
//!    `ref`/`relref` and `.md` links against the site ([`links`]), then renders Markdown
//!    ([`markdown`]) into safe HTML ([`sanitize`]) with Hugo's heading ids and highlighted
//!    code ([`highlight`]), plus the diagnostics found.
//! 4. [`render::render_html`], the page body readers see, adds the reading aids
//!    ([`reading_aids`]): heading anchors, Copy buttons, image links.
//!
//! The modules are layered, from small to large; each uses only modules of the layers before
//! it (and of its own), so they import each other in no cycle (`tests/layers.rs` checks both):
//! 1. Leaf helpers: [`contract`] (the names the build and the app share), [`html`] (escaping, character references, the dangerous-URL check, plain
//!    text), [`url`], [`error`], the scanners the Markdown stage runs (`linkify.rs`,
//!    `nesting.rs`, `definition_marks.rs`, `code_lines.rs`) and `raw_string.rs` (the value of
//!    a call the build writes).
//! 2. The model: [`date`], [`build_options`], [`site`] (with its lookups over pages by URL,
//!    source file and `ref` key, and the hook for the site's shortcode templates),
//!    [`front_matter`]; and what reads only the model: [`route_json`], [`routes`],
//!    [`navigation`], [`route_model`] (what the app gets of each route), [`display`], [`meta`], and `testing.rs` (small sites for tests).
//! 3. Link resolution: [`links`].
//! 4. Markdown: [`markdown`], with [`highlight`], [`sanitize`] and the typographer.
//! 5. Shortcodes: [`math`], [`builtin`], `embeds.rs`, [`shortcode`].
//! 6. Page rendering: [`render`], [`reading_aids`].

pub mod build_options;
pub mod builtin;
mod code_lines;
pub mod contract;
pub mod date;
mod definition_marks;
pub mod display;
mod embeds;
pub mod emoji;
pub mod error;
pub mod front_matter;
pub mod highlight;
pub mod html;
mod linkify;
pub mod links;
pub mod markdown;
pub mod math;
pub mod meta;
pub mod navigation;
mod nesting;
mod raw_string;
pub mod reading_aids;
pub mod render;
pub mod route_json;
pub mod route_model;
pub mod routes;
pub mod sanitize;
pub mod shortcode;
pub mod site;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
mod typographer;
pub mod url;
