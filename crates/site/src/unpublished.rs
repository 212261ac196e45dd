//! What still points at a page the site does not publish (headless, `build.render =
//! "never"`, a kind in `disableKinds`): a reference in a page body, whose warning says so
//! instead of "page not found", and a menu entry, which is left out rather than kept as a
//! link to nowhere.

use blogreader_content::error::{Diagnostic, DiagnosticKind};
use blogreader_content::links;
use blogreader_content::site::{Site, under_base_path};

/// Rewords each warning about a reference that names no page (`REF_NOT_FOUND`, a `.md` link)
/// when the page exists but is not published.
pub(crate) fn name_unpublished_targets(site: &Site, diagnostics: &mut [Diagnostic]) {
    if site.unpublished.is_empty() {
        return;
    }
    let unpublished = unpublished_site(site);
    for diagnostic in diagnostics {
        let reference = match &diagnostic.kind {
            DiagnosticKind::RefNotFound { reference } => {
                links::resolve(reference, &diagnostic.file, &unpublished)
                    .is_ok()
                    .then(|| format!("page reference \"{reference}\""))
            }
            DiagnosticKind::LinkNotFound { destination } => {
                let found =
                    links::resolve_markdown_link(destination, &diagnostic.file, &unpublished);
                matches!(found, Some(Ok(_))).then(|| format!("link \"{destination}\""))
            }
            _ => None,
        };
        if let Some(reference) = reference {
            diagnostic.kind = DiagnosticKind::UnpublishedTarget { reference };
        }
    }
}

/// Whether `page_ref` (a menu's `pageRef`, which names no published page) names a page the
/// site does not publish.
pub(crate) fn is_unpublished_ref(site: &Site, page_ref: &str) -> bool {
    !site.unpublished.is_empty() && links::resolve(page_ref, "", &unpublished_site(site)).is_ok()
}

/// Whether `url` (a menu's `url`, as written or under the base path; the trailing slash may
/// be left out) is the URL of a page the site does not publish, and of none it does.
pub(crate) fn is_unpublished_url(site: &Site, url: &str) -> bool {
    if site.unpublished.is_empty() {
        return false;
    }
    let unpublished = unpublished_site(site);
    let base_path = site.config().base_path();
    [url.to_owned(), under_base_path(&base_path, url)]
        .iter()
        .any(|candidate| {
            site.page_by_url(candidate).is_none() && unpublished.page_by_url(candidate).is_some()
        })
}

/// The pages the site does not publish, as a site to look references up in.
fn unpublished_site(site: &Site) -> Site {
    Site::new(site.config().clone(), site.unpublished.clone())
}
