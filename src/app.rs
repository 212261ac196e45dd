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
}

async fn load_route(pathname: String) -> Result<RouteData, FetchError> {
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
            <SiteHeader title=String::new() />
            <main id="main">
                <FetchErrorNotice error=error on_retry=Callback::new(move |_| route.refetch()) />
            </main>
        }
        .into_any(),
        Some(Ok(RouteData { site, url, page })) => view! {
            <SiteHeader title=site.config.title.clone() />
            <main id="main">
                {match page {
                    Some((entry, source_text)) => view! {
                        <PageView site=site entry=entry source_text=source_text />
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
