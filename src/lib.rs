//! A Hugo-style blog as a Leptos single-page app.
//!
//! - [`content`]: the pure content core (front matter, shortcodes, links, Markdown, the site
//!   index), shared by the browser app, the native tool and the tests.
//! - [`fetch`]: the app's only network code.
//! - [`app`], [`pages`], [`components`]: the Leptos views; [`router`]: client-side navigation;
//!   [`reading`]: Copy buttons and the image overlay.
//! - [`tool`]: the native build tool's file work (content index, copies, static server).

pub use blogreader_content as content;

pub mod app;
pub mod components;
pub mod fetch;
pub mod pages;
pub mod reading;
pub mod router;
