//! The build's hook for the site's own shortcode templates: what the shortcode stage
//! ([`crate::shortcode`]) asks of them and the call it hands them. It lives with the model
//! because [`super::SiteConfig`] holds it; the template engine behind it is the site
//! builder's (`blogreader_site::template`), native only.

use std::sync::Arc;

use super::{PageEntry, Site};

/// The site's own shortcode templates, which only the native build runs (the browser's index
/// has none, and no template engine is in the wasm).
pub trait SiteTemplates: Send + Sync {
    /// Whether the site has a template called `name` (its own or its theme's).
    fn has(&self, name: &str) -> bool;
    /// Whether `enableInlineShortcodes` is set.
    fn inline_enabled(&self) -> bool;
    /// The output of the template called `call.name`, or why it cannot be had.
    fn render(&self, call: &TemplateCall, site: &Site, page: &PageEntry) -> Result<String, String>;
    /// The output of an inline shortcode's template `source`, or why it cannot be had.
    fn render_inline(
        &self,
        source: &str,
        call: &TemplateCall,
        site: &Site,
        page: &PageEntry,
    ) -> Result<String, String>;
}

/// A call as a template sees it: Hugo's shortcode context.
pub struct TemplateCall<'c> {
    pub name: &'c str,
    /// Positional arguments, each with whether it was written bare (`true`, `3`: typed
    /// values in Hugo) rather than quoted.
    pub positional: Vec<(&'c str, bool)>,
    pub named: Vec<(&'c str, &'c str, bool)>,
    /// The inner content, its shortcodes expanded; `None` when the call is not paired.
    pub inner: Option<String>,
    /// `{{% %}}`: the output is Markdown.
    pub markdown_style: bool,
    /// The call's 0-based number among the page's calls of its name, Hugo's `.Ordinal`.
    pub ordinal: usize,
}

/// The site's templates as [`super::SiteConfig`] holds them: none in the browser.
#[derive(Clone, Default)]
pub struct Templates(pub Option<Arc<dyn SiteTemplates>>);

impl std::fmt::Debug for Templates {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(if self.0.is_some() {
            "Templates(site)"
        } else {
            "Templates(none)"
        })
    }
}

impl Templates {
    /// The site's templates to run: never any in the browser (the site's data carries
    /// none), which says so to the compiler and keeps the paths that run them out of the
    /// wasm bundle.
    pub(crate) fn to_run(&self) -> Option<&dyn SiteTemplates> {
        if cfg!(target_arch = "wasm32") {
            None
        } else {
            self.0.as_deref()
        }
    }
}

impl PartialEq for Templates {
    /// The same templates: none on both sides, or one set the two share (a site and its
    /// copies). Templates are code, so two sets are never compared by what they hold.
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (None, None) => true,
            (Some(ours), Some(theirs)) => Arc::ptr_eq(ours, theirs),
            _ => false,
        }
    }
}
