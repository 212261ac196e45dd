//! A Hugo-style blog as a Leptos single-page app.
//!
//! - [`content`]: the pure content core (crates/content, re-exported): the site model,
//!   shortcodes, links, Markdown; shared with the build.
//! - [`fetch`]: the app's only network code.
//! - [`app`], [`pages`], [`components`]: the Leptos views; [`router`]: client-side navigation;
//!   [`reading`]: Copy buttons and the image overlay.
//!
//! Natively, the build tool (crates/tool) renders every route with these same components.

pub use blogreader_content as content;

pub mod app;
pub mod components;
pub mod fetch;
pub mod pages;
pub mod reading;
pub mod router;
