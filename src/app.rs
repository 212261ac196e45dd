//! The app shell: the one route that turns any URL into a page of the site, and the start of
//! the app over a page the build prerendered. Each route's data comes from the build
//! (`route.json` beside its page), so routes are data, not code.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::site_footer::SiteFooter;
use crate::components::site_header::SiteHeader;
use crate::content::contract::FEED_FILE;
use crate::content::render::BodyHtml;
use crate::content::route_model::{RouteFile, RouteModel, SiteData};
use crate::content::url::route_url;
use crate::fetch::{self, FetchError};
use crate::pages::not_found::NotFoundPage;
use crate::pages::page_view::PageView;
use crate::pages::search::{SearchPage, browse_html};

/// Everything one URL shows: the site's shared data and, when the URL names a page, that
/// page's route data and its body.
#[derive(Clone)]
pub struct RouteData {
    pub site: Arc<SiteData>,
    /// The route's own URL (an alias path gives its page's URL), else the path's URL.
    pub url: String,
    /// The route's model and its page's body; `None` when there is no such page.
    pub page: Option<(RouteModel, PageBody)>,
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
    let RouteData { site, url, page } = data;
    let config = &site.config;
    let home_url = config.base_path();
    let footer = view! {
        <SiteFooter
            title=config.title.clone()
            author=config.param("author").map(str::to_owned)
            social=config.social.clone()
            feed_url=config
                .is_kind_enabled("rss")
                .then(|| format!("{home_url}{FEED_FILE}"))
            year=site.newest_year
            copyright_html=config.copyright_html.clone()
        />
    };
    view! {
        <SiteHeader
            title=config.title.clone()
            home_url=home_url.clone()
            menu=config.menu("main").to_vec()
            current_url=url.clone()
        />
        // Focusable, so the skip link moves keyboard focus here, not only the scroll.
        <main id="main" tabindex="-1">
            {match page {
                Some((model, body)) => view! {
                    <PageView config=config.clone() model=model body=body />
                }
                .into_any(),
                None if site.search_url.as_ref() == Some(&url) => {
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
    let missing = if data.site.search_url.as_ref() == Some(&data.url) {
        "Search"
    } else {
        "Page not found"
    };
    let page = data
        .page
        .as_ref()
        .and_then(|(model, _)| model.page())
        .map_or(missing, |entry| entry.title.as_str());
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

/// Loads what `pathname` shows: the site's data (fetched once per session), the route's data
/// and the page's Markdown (once per page). A route the build wrote no data for is not
/// found; an old address (an alias) leads to its page's data.
pub async fn load_route(pathname: String) -> Result<RouteData, FetchError> {
    let site = fetch::site_data().await?;
    let requested = route_url(&pathname);
    let not_found = |site: Arc<SiteData>, url: String| RouteData {
        site,
        url,
        page: None,
    };
    if site.search_url.as_ref() == Some(&requested) {
        return Ok(not_found(site, requested));
    }
    let model = match fetch::route_file(&requested).await {
        Ok(RouteFile::Page(model)) => model,
        // One step only: the build writes an alias's target, never another alias.
        Ok(RouteFile::Redirect(target)) => match fetch::route_file(&target).await? {
            RouteFile::Page(model) => model,
            RouteFile::Redirect(_) => return Ok(not_found(site, requested)),
        },
        // A static host answers a missing file with 404; `trunk serve` with its app page.
        Err(FetchError::Status { status: 404, .. } | FetchError::HtmlInsteadOfContent { .. }) => {
            return Ok(not_found(site, requested));
        }
        Err(error) => return Err(error),
    };
    let markdown = model
        .page()
        .and_then(|entry| Some((entry.markdown_url()?, entry.markdown_integrity.clone())));
    let body = match markdown {
        Some((url, integrity)) => PageBody::Source(fetch::markdown(url, integrity).await?),
        None => PageBody::Empty,
    };
    Ok(RouteData {
        site,
        url: model.url.clone(),
        page: Some((*model, body)),
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
        let Some((model, _)) = &data.page else {
            return;
        };
        let site = model.render_site(&data.site.config);
        let Some(entry) = model.page() else {
            return;
        };
        if let Ok(Some(description)) = document.query_selector("meta[name=\"description\"]") {
            let _ = description.set_attribute("content", &meta::description(&site, entry));
        }
        if let Ok(Some(canonical)) = document.query_selector("link[rel=\"canonical\"]") {
            let _ = canonical.set_attribute("href", &site.absolute_url(&entry.url));
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
