//! The app shell: the one route that turns any URL into a page of the site, and the start of
//! the app over a page the build prerendered. The site's pages come from the content index,
//! so routes are data, not code.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::site_footer::SiteFooter;
use crate::components::site_header::SiteHeader;
use crate::content::contract::FEED_FILE;
use crate::content::render::BodyHtml;
use crate::content::site::{PageEntry, Site};
use crate::content::url::route_url;
use crate::fetch::{self, FetchError};
use crate::pages::not_found::NotFoundPage;
use crate::pages::page_view::PageView;
use crate::pages::search::{SEARCH_PATH, SearchPage, browse_html};

/// Everything one URL shows: the content index and, when the URL names a page with a source
/// file, that page and its Markdown.
#[derive(Clone)]
pub struct RouteData {
    pub site: Arc<Site>,
    /// The page's own URL (an alias path gives its page's URL), else the path's URL.
    pub url: String,
    /// The page at `url` and its body; `None` when there is no such page.
    pub page: Option<(PageEntry, PageBody)>,
    /// Which pager of the page's list `url` shows.
    pub pager: usize,
}

/// What a route has of its page's body.
#[derive(Debug, Clone)]
pub enum PageBody {
    /// The page's Markdown file as fetched, front matter included: the view renders it.
    Source(Arc<str>),
    /// The body already rendered: the build's own render, for the prerendered page.
    Rendered(BodyHtml),
    /// A list page without an `_index.md`.
    Empty,
}

/// The page a route shows, between the site header and footer: the same view in the browser
/// and in the prerendered HTML, so the app can take the static page over without a visible
/// change.
#[component]
pub fn RouteView(data: RouteData) -> impl IntoView {
    let RouteData {
        site,
        url,
        page,
        pager,
    } = data;
    let home_url = site.config().base_path();
    let footer = view! {
        <SiteFooter
            title=site.config().title.clone()
            author=site.config().param("author").map(str::to_owned)
            social=site.config().social.clone()
            feed_url=site
                .config()
                .is_kind_enabled("rss")
                .then(|| format!("{home_url}{FEED_FILE}"))
            year=site.newest_year()
        />
    };
    view! {
        <SiteHeader
            title=site.config().title.clone()
            home_url=home_url.clone()
            menu=site.config().menu("main").to_vec()
            current_url=url.clone()
        />
        // Focusable, so the skip link moves keyboard focus here, not only the scroll.
        <main id="main" tabindex="-1">
            {match page {
                Some((entry, body)) => view! {
                    <PageView site=site entry=entry pager=pager body=body />
                }
                .into_any(),
                None if url == format!("{home_url}{SEARCH_PATH}") => {
                    view! { <SearchPage browse_html=browse_html(&site) /> }.into_any()
                }
                None => view! { <NotFoundPage path=url home_url=home_url /> }.into_any(),
            }}
        </main>
        {footer}
    }
}

/// The document title for a route: `Page | Site`.
pub fn document_title(data: &RouteData) -> String {
    let search_url = format!("{}{SEARCH_PATH}", data.site.config().base_path());
    let missing = if data.url == search_url {
        "Search"
    } else {
        "Page not found"
    };
    let page = data
        .page
        .as_ref()
        .map_or(missing, |(entry, _)| entry.title.as_str());
    page_title(page, &data.site.config().title)
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
    let requested = route_url(&pathname);
    // A redirect (an alias, `page/1/`) shows its page under the page's own URL.
    let Some((entry, pager, url)) = site
        .route(&requested)
        .map(|route| (route.page.clone(), route.pager, route.canonical_url()))
    else {
        return Ok(RouteData {
            site,
            url: requested,
            page: None,
            pager: 1,
        });
    };
    let body = match entry.markdown_url() {
        Some(markdown_url) => {
            PageBody::Source(fetch::markdown(markdown_url, entry.markdown_integrity.clone()).await?)
        }
        None => PageBody::Empty,
    };
    Ok(RouteData {
        site,
        url,
        page: Some((entry, body)),
        pager,
    })
}

#[cfg(target_arch = "wasm32")]
pub use browser::start;

/// The running app, in the browser only.
#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::Cell;
    use std::rc::Rc;

    use leptos::prelude::*;
    use leptos::task::spawn_local;

    use super::*;
    use crate::components::fetch_error::FetchErrorNotice;
    use crate::components::loading::Loading;
    use crate::content::meta;
    use crate::router::{Address, browser_address, current_pathname, land, replace_url};

    /// How long a navigation may take before a skeleton stands in for the page: shorter
    /// waits show nothing, so fast navigations don't flicker.
    const SKELETON_DELAY: std::time::Duration = std::time::Duration::from_millis(150);

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

    /// Fetches the page at `pathname` ahead of a click: its Markdown lands in the fetch cache.
    fn prefetch(pathname: String) {
        spawn_local(async move {
            // A prefetch that fails costs nothing: the click will fetch and report.
            let _ = load_route(pathname).await;
        });
    }

    /// What the app shows: a loaded route, a fetch error, or a skeleton while a slow
    /// navigation loads.
    #[derive(Clone)]
    enum Shown {
        Route(Box<RouteData>),
        Failed(FetchError),
        Loading,
    }

    /// Shows the route for the current address: `first` at the start, then whatever each
    /// navigation loads. The old page stays until the new one's data is there, or until
    /// [`SKELETON_DELAY`] has passed.
    #[component]
    fn App(first: Result<RouteData, FetchError>) -> impl IntoView {
        // Before the router's listener, which leaves the clicks it handles alone.
        crate::reading::listen();
        let address = browser_address(prefetch);
        let shown = RwSignal::new(match first {
            Ok(data) => Shown::Route(Box::new(data)),
            Err(error) => Shown::Failed(error),
        });
        let load = move |wanted: Address| {
            let still_wanted = move |wanted: &Address| address.get_untracked() == *wanted;
            let finished = Rc::new(Cell::new(false));
            let (pending, timer_finished) = (wanted.clone(), Rc::clone(&finished));
            set_timeout(
                move || {
                    if !timer_finished.get() && still_wanted(&pending) {
                        shown.set(Shown::Loading);
                    }
                },
                SKELETON_DELAY,
            );
            spawn_local(async move {
                let loaded = load_route(wanted.pathname.clone()).await;
                finished.set(true);
                // A later navigation may have overtaken this one.
                if !still_wanted(&wanted) {
                    return;
                }
                shown.set(match loaded {
                    Ok(data) => Shown::Route(Box::new(data)),
                    Err(error) => Shown::Failed(error),
                });
                request_animation_frame(move || land(&wanted));
            });
        };
        Effect::watch(
            move || address.get(),
            move |wanted, _, _| load(wanted.clone()),
            false,
        );
        Effect::new(move || {
            if let Shown::Route(data) = &*shown.read() {
                follow_head(data);
                if data.page.is_some() && route_url(&address.get_untracked().pathname) != data.url {
                    replace_url(&data.url);
                }
            }
        });
        let home_url = fetch::site_root();
        move || match shown.get() {
            Shown::Route(data) => view! { <RouteView data=*data /> }.into_any(),
            Shown::Loading => view! {
                <SiteHeader
                    title=String::new()
                    home_url=home_url.clone()
                    menu=Vec::new()
                    current_url=String::new()
                />
                <main id="main" tabindex="-1"><Loading /></main>
            }
            .into_any(),
            Shown::Failed(error) => view! {
                <SiteHeader
                    title=String::new()
                    home_url=home_url.clone()
                    menu=Vec::new()
                    current_url=String::new()
                />
                <main id="main" tabindex="-1">
                    <FetchErrorNotice
                        error=error
                        on_retry=Callback::new(move |_| load(address.get_untracked()))
                    />
                </main>
            }
            .into_any(),
        }
    }

    /// Keeps the document's title, meta description and canonical URL those of the page
    /// shown, as the prerendered head has them.
    fn follow_head(data: &RouteData) {
        let document = document();
        document.set_title(&document_title(data));
        let Some((entry, _)) = &data.page else {
            return;
        };
        if let Ok(Some(description)) = document.query_selector("meta[name=\"description\"]") {
            let _ = description.set_attribute("content", &meta::description(&data.site, entry));
        }
        if let Ok(Some(canonical)) = document.query_selector("link[rel=\"canonical\"]") {
            let _ = canonical.set_attribute("href", &data.site.absolute_url(&entry.url));
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
