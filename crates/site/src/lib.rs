//! Builds a Hugo site's model ([`blogreader_content::site::Site`]) from its files: reads the
//! config ([`config`]) and each page's front matter ([`front_matter`], dates in every form Hugo
//! reads: [`date_parse`]), lays out URLs, sections, taxonomies and menus ([`build`]), runs the
//! site's shortcode templates ([`template`]) and typesets math ([`math_typeset`]). Native only:
//! the browser gets the built site's data. No IO: the tool reads the files.

pub mod build;
pub mod cascade;
pub mod config;
mod config_files;
mod date_forms;
pub mod date_parse;
mod described;
pub mod emoji;
pub mod fingerprint;
pub mod front_matter;
mod inflect;
pub mod kept;
pub mod kept_renders;
pub mod list_titles;
pub mod math_typeset;
pub mod menu;
mod settings;
pub mod social;
pub mod taxonomy;
pub mod template;
pub mod time_zone;
mod unpublished;
