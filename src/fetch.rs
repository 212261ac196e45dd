//! All of the app's network access: pure URL builders and one checked fetch.
//!
//! Static hosts and `trunk serve` answer a missing file with an HTML page and often a 200,
//! so every response is checked for its status *and* its content type. A page's Markdown is
//! also checked against the integrity the build recorded for it, so a truncated or changed
//! file is an error, never a page; and every fetch gives up after [`FETCH_TIMEOUT`].

use std::cell::RefCell;
use std::sync::Arc;
use std::time::Duration;

use gloo_net::http::Request;
use js_sys::Promise;
use leptos::prelude::set_timeout;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{JsFuture, future_to_promise};
use web_sys::{AbortController, AbortSignal};

use crate::content::contract::{SITE_DATA_FILE, SITE_DATA_LINK_ID, route_data_url};
use crate::content::route_json::{read_route_file, read_site_data};
use crate::content::route_model::{RouteFile, SiteData};

/// Why a fetch gave no usable content; shown to the reader with a retry button.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FetchError {
    #[error("could not reach {url}: {message}")]
    Network { url: String, message: String },
    #[error("{url} answered {status} {status_text}")]
    Status {
        url: String,
        status: u16,
        status_text: String,
    },
    #[error("{url} is missing: the server sent an HTML page instead")]
    HtmlInsteadOfContent { url: String },
    #[error("{url} is not valid data of this site: {message}")]
    BadData { url: String, message: String },
    #[error("{url} does not match this build of the site (truncated or changed)")]
    IntegrityMismatch { url: String },
    #[error("{url} did not arrive within {seconds} seconds", seconds = FETCH_TIMEOUT.as_secs())]
    TimedOut { url: String },
}

/// How long a fetch (its answer and its whole body) may take before it is given up and
/// reported, with the retry button. A page's Markdown and its route data are a few KB each,
/// the site's data about one: seconds even on a slow mobile link, so 15 s means the
/// request is stuck, and a reader who has waited that long is better served by the error
/// and its retry. A shorter limit would fail readers on the slowest links on every try.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(15);

/// Where the site's data is: the page's preload link, else [`SITE_DATA_FILE`] at the
/// server root.
pub fn site_data_url() -> String {
    leptos::prelude::document()
        .get_element_by_id(SITE_DATA_LINK_ID)
        .and_then(|link| link.get_attribute("href"))
        .unwrap_or_else(|| format!("/{SITE_DATA_FILE}"))
}

/// The site's base path (`/` or `/blog/`): the folder of the site's data.
pub fn site_root() -> String {
    let index_url = site_data_url();
    match index_url.rsplit_once('/') {
        Some((folder, _)) => format!("{folder}/"),
        None => "/".to_owned(),
    }
}

/// GETs `url` and returns its body, refusing error statuses and HTML fallbacks, and, when
/// `integrity` is not empty, a body that does not match it.
async fn fetch_text(url: &str, integrity: &str) -> Result<String, FetchError> {
    match fetch_once(url, integrity).await {
        // The browser reports a failed integrity check as it reports a lost connection: asking
        // again unchecked (from the HTTP cache, most likely) tells what the server sent. (A
        // connection lost only the first time reads as a mismatch; the retry serves both.)
        Err(FetchError::Network { .. }) if !integrity.is_empty() => {
            Err(match fetch_once(url, "").await {
                Ok(_) => FetchError::IntegrityMismatch {
                    url: url.to_owned(),
                },
                Err(error) => error,
            })
        }
        result => result,
    }
}

/// One GET of `url` for [`fetch_text`], aborted after [`FETCH_TIMEOUT`]; an empty
/// `integrity` checks none.
async fn fetch_once(url: &str, integrity: &str) -> Result<String, FetchError> {
    let controller = AbortController::new().ok();
    let signal = controller.as_ref().map(AbortController::signal);
    if let Some(controller) = controller {
        // Left to run out: aborting a fetch that has finished does nothing.
        set_timeout(move || controller.abort(), FETCH_TIMEOUT);
    }
    let failed = |error: gloo_net::Error| {
        if signal.as_ref().is_some_and(AbortSignal::aborted) {
            FetchError::TimedOut {
                url: url.to_owned(),
            }
        } else {
            FetchError::Network {
                url: url.to_owned(),
                message: error.to_string(),
            }
        }
    };
    let response = Request::get(url)
        .integrity(integrity)
        .abort_signal(signal.as_ref())
        .send()
        .await
        .map_err(failed)?;
    if !response.ok() {
        return Err(FetchError::Status {
            url: url.to_owned(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    let content_type = response.headers().get("content-type").unwrap_or_default();
    if content_type.starts_with("text/html") {
        return Err(FetchError::HtmlInsteadOfContent {
            url: url.to_owned(),
        });
    }
    response.text().await.map_err(failed)
}

thread_local! {
    /// The site's data once fetched: every later navigation reuses it.
    static SITE_DATA: RefCell<Option<Arc<SiteData>>> = const { RefCell::new(None) };
    /// Files fetched or being fetched this session (route data and Markdown), by URL: a
    /// promise of their text, so a prefetch on hover and the click that follows share one
    /// request, and back and forward never refetch a page. A list, not a map: a session
    /// reads a handful of pages, and a hash map's code costs wasm bundle size.
    static TEXT_CACHE: RefCell<Vec<(String, Promise)>> = const { RefCell::new(Vec::new()) };
    /// Why a fetch of the cache failed, by URL, for whoever awaits its (rejected) promise:
    /// handing the error over here costs less bundle than serialising it through the promise.
    static FETCH_ERRORS: RefCell<Vec<(String, FetchError)>> = const { RefCell::new(Vec::new()) };
}

/// The site's shared data (config and a few site-wide facts), fetched at most once per
/// session (a failed fetch is not kept, so a retry fetches again).
pub async fn site_data() -> Result<Arc<SiteData>, FetchError> {
    if let Some(site) = SITE_DATA.with(|cached| cached.borrow().clone()) {
        return Ok(site);
    }
    let url = site_data_url();
    let text = fetch_text(&url, "").await?;
    let site = read_site_data(&text)
        .map(Arc::new)
        .map_err(bad_data(&url))?;
    SITE_DATA.with(|cached| *cached.borrow_mut() = Some(Arc::clone(&site)));
    Ok(site)
}

/// What a file that is not the data the build writes is reported as.
fn bad_data(url: &str) -> impl FnOnce(String) -> FetchError + '_ {
    move |message| FetchError::BadData {
        url: url.to_owned(),
        message,
    }
}

/// The data of the route at `url` (a site URL with its trailing slash), fetched at most once
/// per session.
pub async fn route_file(url: &str) -> Result<RouteFile, FetchError> {
    let data_url = route_data_url(url);
    let text = cached_text(data_url.clone(), String::new()).await?;
    read_route_file(&text).map_err(bad_data(&data_url))
}

/// Forgets the site's data and the files fetched with it. Markdown that does not match its
/// route data most likely means the site was rebuilt since that was fetched: the retry then
/// fetches the new data, and with it the pages of the same build.
fn forget_the_build() {
    SITE_DATA.with(|cached| *cached.borrow_mut() = None);
    TEXT_CACHE.with(|cache| cache.borrow_mut().clear());
}

/// A page's Markdown source (front matter included), fetched at most once per session and
/// checked against `integrity` (the page's
/// [`markdown_integrity`](crate::content::site::PageEntry::markdown_integrity)).
pub async fn markdown(url: String, integrity: String) -> Result<Arc<str>, FetchError> {
    cached_text(url, integrity).await.map(Arc::from)
}

/// The text at `url`, fetched at most once per session (a failed fetch is forgotten, so a
/// retry fetches again) and checked against `integrity` unless that is empty.
async fn cached_text(url: String, integrity: String) -> Result<String, FetchError> {
    let promise = TEXT_CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((_, promise)) = cache.iter().find(|(cached_url, _)| *cached_url == url) {
            return promise.clone();
        }
        let fetch_url = url.clone();
        let promise = future_to_promise(async move {
            match fetch_text(&fetch_url, &integrity).await {
                Ok(text) => Ok(JsValue::from_str(&text)),
                Err(error) => {
                    if matches!(error, FetchError::IntegrityMismatch { .. }) {
                        forget_the_build();
                    }
                    FETCH_ERRORS.with(|errors| errors.borrow_mut().push((fetch_url, error)));
                    Err(JsValue::NULL)
                }
            }
        });
        cache.push((url.clone(), promise.clone()));
        promise
    });
    match JsFuture::from(promise).await {
        Ok(text) => Ok(text.as_string().unwrap_or_default()),
        Err(_) => {
            TEXT_CACHE.with(|cache| cache.borrow_mut().retain(|(cached, _)| *cached != url));
            let error = FETCH_ERRORS.with(|errors| {
                let errors = errors.borrow();
                errors
                    .iter()
                    .rev()
                    .find(|(failed, _)| *failed == url)
                    .map(|(_, error)| error.clone())
            });
            Err(error.unwrap_or(FetchError::Network {
                url,
                message: "the request failed".to_owned(),
            }))
        }
    }
}
