//! The app shell: the router, the content index shared by every route, and the route that
//! turns a URL into a page of the site.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::components::fetch_error::FetchErrorNotice;
use crate::components::loading::Loading;
use crate::components::site_header::SiteHeader;
use crate::content::site::{PageEntry, Site};
use crate::content::url::route_url;
use crate::fetch::{self, FetchError};
use crate::pages::not_found::NotFoundPage;
use crate::pages::page_view::PageView;

/// The content index, fetched once when the app starts and shared by every route.
type SiteResource = LocalResource<Result<Arc<Site>, FetchError>>;

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let site: SiteResource = LocalResource::new(fetch::site_index);
    provide_context(site);
    view! {
        <Router>
            // The site's pages come from the content index, so one route serves every URL.
            <Routes fallback=|| view! { <ContentRoute /> }>
                <Route path=path!("/") view=ContentRoute />
                <Route path=path!("/*any") view=ContentRoute />
            </Routes>
        </Router>
    }
}

/// Every URL: looks the path up in the content index and shows that page or not-found.
#[component]
fn ContentRoute() -> impl IntoView {
    let site = expect_context::<SiteResource>();
    let pathname = use_location().pathname;
    move || match site.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! {
            <SiteHeader title=String::new() />
            <main id="main">
                <FetchErrorNotice error=error on_retry=Callback::new(move |_| site.refetch()) />
            </main>
        }
        .into_any(),
        Some(Ok(site)) => {
            let url = route_url(&pathname.get());
            let entry = site.page_by_url(&url).cloned();
            view! {
                <SiteHeader title=site.config.title.clone() />
                <main id="main">
                    {match entry {
                        Some(entry) => view! { <PageRoute site=site.clone() entry=entry /> }.into_any(),
                        None => view! {
                            <Title text=page_title("Page not found", &site.config.title) />
                            <NotFoundPage path=url />
                        }
                        .into_any(),
                    }}
                </main>
            }
            .into_any()
        }
    }
}

/// One page: fetches its Markdown (when it has a source file) and shows it.
#[component]
fn PageRoute(site: Arc<Site>, entry: PageEntry) -> impl IntoView {
    let markdown_url = entry.markdown_url();
    let source = LocalResource::new(move || {
        let url = markdown_url.clone();
        async move {
            match url {
                Some(url) => fetch::markdown(url).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let title = page_title(&entry.title, &site.config.title);
    view! {
        <Title text=title />
        {move || match source.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! {
                <FetchErrorNotice error=error on_retry=Callback::new(move |_| source.refetch()) />
            }
            .into_any(),
            Some(Ok(text)) => view! {
                <PageView site=site.clone() entry=entry.clone() source_text=text />
            }
            .into_any(),
        }}
    }
}

/// `Page | Site`, or just one of them when the other is empty.
pub fn page_title(page: &str, site: &str) -> String {
    match (page.is_empty(), site.is_empty()) {
        (false, false) => format!("{page} | {site}"),
        (true, _) => site.to_owned(),
        (false, true) => page.to_owned(),
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
    }
}
