//! One file per kind of page. Each takes its data as props, so the same components can
//! later be rendered to static HTML at build time.

pub mod article;
pub mod home;
pub mod not_found;
pub mod page_view;
pub mod search;
pub mod section;
pub mod taxonomy;
