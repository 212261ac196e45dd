//! The app shell: the one route that turns any URL into a page of the site. The site's pages
//! come from the content index, so routes are data, not code.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::fetch_error::FetchErrorNotice;
use crate::components::loading::Loading;
use crate::components::site_header::SiteHeader;
use crate::content::site::{PageEntry, Site};
use crate::content::url::route_url;
use crate::fetch::{self, FetchError};
use crate::pages::not_found::NotFoundPage;
use crate::pages::page_view::PageView;
use crate::router::{browser_pathname, replace_url};

#[component]
pub fn App() -> impl IntoView {
    view! { <ContentRoute pathname=browser_pathname() /> }
}

/// Everything one URL shows, loaded in one go: the content index (fetched once per session)
/// and, when the URL names a page with a source file, its Markdown.
#[derive(Clone)]
struct RouteData {
    site: Arc<Site>,
    /// The page's own URL (an alias path gives its page's URL), else the path's URL.
    url: String,
    /// The page at `url` and its source text; `None` when there is no such page.
    page: Option<(PageEntry, Option<Arc<str>>)>,
    /// Which pager of the page's list `url` shows.
    pager: usize,
}

async fn load_route(pathname: String) -> Result<RouteData, FetchError> {
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
    let source = match entry.markdown_url() {
        Some(markdown_url) => Some(fetch::markdown(markdown_url).await?),
        None => None,
    };
    Ok(RouteData {
        site,
        url,
        page: Some((entry, source)),
        pager,
    })
}

/// Every URL: the page the content index has for it, or the not-found view.
#[component]
fn ContentRoute(pathname: ReadSignal<String>) -> impl IntoView {
    let route = LocalResource::new(move || load_route(pathname.get()));
    Effect::new(move || {
        if let Some(Ok(data)) = route.get() {
            document().set_title(&document_title(&data));
            if data.page.is_some() && route_url(&pathname.get_untracked()) != data.url {
                replace_url(&data.url);
            }
        }
    });
    move || match route.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! {
            <SiteHeader title=String::new() menu=Vec::new() />
            <main id="main">
                <FetchErrorNotice error=error on_retry=Callback::new(move |_| route.refetch()) />
            </main>
        }
        .into_any(),
        Some(Ok(RouteData {
            site,
            url,
            page,
            pager,
        })) => view! {
            <SiteHeader title=site.config.title.clone() menu=site.config.menu("main").to_vec() />
            <main id="main">
                {match page {
                    Some((entry, source_text)) => view! {
                        <PageView site=site entry=entry pager=pager source_text=source_text />
                    }
                    .into_any(),
                    None => view! { <NotFoundPage path=url /> }.into_any(),
                }}
            </main>
        }
        .into_any(),
    }
}

/// The document title for a route: `Page | Site`.
fn document_title(data: &RouteData) -> String {
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
