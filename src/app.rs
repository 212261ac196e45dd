//! The app shell: the one route that turns any URL into a page of the site, and the start of
//! the app over a page the build prerendered. The site's pages come from the content index,
//! so routes are data, not code.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::site_header::SiteHeader;
use crate::content::site::{PageEntry, Site};
use crate::content::url::route_url;
use crate::fetch::{self, FetchError};
use crate::pages::not_found::NotFoundPage;
use crate::pages::page_view::PageView;

/// The `id` of the element that holds the page: the build prerenders the page into it, and
/// the app takes it over.
pub const APP_ROOT_ID: &str = "app";

/// Everything one URL shows: the content index and, when the URL names a page with a source
/// file, that page and its Markdown.
#[derive(Clone)]
pub struct RouteData {
    pub site: Arc<Site>,
    /// The page's own URL (an alias path gives its page's URL), else the path's URL.
    pub url: String,
    /// The page at `url` and its source text; `None` when there is no such page.
    pub page: Option<(PageEntry, Option<Arc<str>>)>,
}

/// The page a route shows, under the site header: the same view in the browser and in the
/// prerendered HTML, so the app can take the static page over without a visible change.
#[component]
pub fn RouteView(data: RouteData) -> impl IntoView {
    let RouteData { site, url, page } = data;
    let home_url = site.config.base_path();
    view! {
        <SiteHeader title=site.config.title.clone() home_url=home_url.clone() />
        <main id="main">
            {match page {
                Some((entry, source_text)) => view! {
                    <PageView site=site entry=entry source_text=source_text />
                }
                .into_any(),
                None => view! { <NotFoundPage path=url home_url=home_url /> }.into_any(),
            }}
        </main>
    }
}

/// The document title for a route: `Page | Site`.
pub fn document_title(data: &RouteData) -> String {
    let page = data
        .page
        .as_ref()
        .map_or("Page not found", |(entry, _)| entry.title.as_str());
    page_title(page, &data.site.config.title)
}

/// `Page | Site`, or just one of them when the other is empty or the same (the home page).
pub fn page_title(page: &str, site: &str) -> String {
    if page.is_empty() || page == site {
        site.to_owned()
    } else if site.is_empty() {
        page.to_owned()
    } else {
        format!("{page} | {site}")
    }
}

/// Loads what `pathname` shows: the content index (fetched once per session) and the page's
/// Markdown (once per page).
pub async fn load_route(pathname: String) -> Result<RouteData, FetchError> {
    let site = fetch::site_index().await?;
    let mut url = route_url(&pathname);
    // An alias (an old address of a page) shows the page under its own URL.
    let entry = site.page_by_url(&url).or_else(|| site.page_by_alias(&url));
    if let Some(entry) = entry {
        url.clone_from(&entry.url);
    }
    let page = match entry {
        None => None,
        Some(entry) => {
            let source = match entry.markdown_url() {
                Some(markdown_url) => Some(fetch::markdown(markdown_url).await?),
                None => None,
            };
            Some((entry.clone(), source))
        }
    };
    Ok(RouteData { site, url, page })
}

#[cfg(target_arch = "wasm32")]
pub use browser::start;

/// The running app, in the browser only.
#[cfg(target_arch = "wasm32")]
mod browser {
    use leptos::prelude::*;
    use leptos::task::spawn_local;

    use super::*;
    use crate::components::fetch_error::FetchErrorNotice;
    use crate::router::{browser_pathname, current_pathname, replace_url};

    /// Takes over the page in `root`. The prerendered page stays, readable and clickable,
    /// until the app has the same page's data (preloaded in parallel with the wasm); then the
    /// app's view replaces it in one step, with the same markup. If that first load fails,
    /// the prerendered page stays and its links load pages the ordinary way.
    pub async fn start(root: web_sys::HtmlElement) {
        let first = load_route(current_pathname()).await;
        if let Err(error) = &first
            && root.child_element_count() > 0
        {
            leptos::logging::error!("the app could not start; the page stays static: {error}");
            return;
        }
        root.set_inner_html("");
        mount_to(root, move || view! { <App first=first /> }).forget();
        if let Some(html) = document().document_element() {
            // Tells tests (and curious readers) that links are now followed in the app.
            let _ = html.set_attribute("data-app", "live");
        }
    }

    /// Shows the route for the current path: `first` at the start, then whatever each
    /// navigation loads. The old page stays until the new one's data is there.
    #[component]
    fn App(first: Result<RouteData, FetchError>) -> impl IntoView {
        let pathname = browser_pathname();
        let route: RwSignal<Result<RouteData, FetchError>> = RwSignal::new(first);
        let load = move |path: String| {
            spawn_local(async move {
                let loaded = load_route(path.clone()).await;
                // A later navigation may have overtaken this one.
                if pathname.get_untracked() == path {
                    route.set(loaded);
                }
            });
        };
        Effect::watch(
            move || pathname.get(),
            move |path, _, _| load(path.clone()),
            false,
        );
        Effect::new(move || {
            if let Ok(data) = &*route.read() {
                document().set_title(&document_title(data));
                if data.page.is_some() && route_url(&pathname.get_untracked()) != data.url {
                    replace_url(&data.url);
                }
            }
        });
        move || match route.get() {
            Ok(data) => view! { <RouteView data=data /> }.into_any(),
            Err(error) => view! {
                <SiteHeader title=String::new() home_url=fetch::site_root() />
                <main id="main">
                    <FetchErrorNotice
                        error=error
                        on_retry=Callback::new(move |_| load(pathname.get_untracked()))
                    />
                </main>
            }
            .into_any(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_title_joins_page_and_site() {
        assert_eq!(page_title("Post", "Blog"), "Post | Blog");
        assert_eq!(page_title("", "Blog"), "Blog");
        assert_eq!(page_title("Post", ""), "Post");
        assert_eq!(page_title("Blog", "Blog"), "Blog");
    }
}
