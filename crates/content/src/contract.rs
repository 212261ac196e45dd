//! What the build and the app must agree on, defined once: the names of the files the build
//! writes and the app fetches, the ids of elements both look up, and the classes the reading
//! aids write and the app's listeners look for.

/// The file name of the site's shared data (config and site-wide facts) at the root of the
/// built site: the build writes it, the app fetches it first (and every prerendered page
/// preloads it under this name).
pub const SITE_DATA_FILE: &str = "site.json";

/// The `id` of the `<link rel="preload">` that names the site's data in every page the build
/// writes; its `href` tells the app where the site lives (under the base path).
pub const SITE_DATA_LINK_ID: &str = "site-data";

/// The search page's path under the site's base path (PaperMod's address), unless a page of
/// the site has it.
pub const SEARCH_PATH: &str = "search/";

/// The file name of a route's data (what the app needs to show it) in the route's folder,
/// beside its `index.html`.
pub const ROUTE_DATA_FILE: &str = "route.json";

/// Where the data of the route at `url` is: `<url>route.json` for a folder URL, and beside
/// the file for one that names a file (`/about.html` → `/about.html.route.json`).
pub fn route_data_url(url: &str) -> String {
    let separator = if url.ends_with('/') { "" } else { "." };
    format!("{url}{separator}{ROUTE_DATA_FILE}")
}

/// The name of the copy of each page's Markdown in the page's folder (`/posts/a/index.md`).
pub const PAGE_MARKDOWN_FILE: &str = "index.md";

/// The RSS feed's file name in the folder of each list (`/index.xml`, `/posts/index.xml`):
/// the build writes the feeds, every page links the site's.
pub const FEED_FILE: &str = "index.xml";

/// The `id` of the element the app mounts into and the build prerenders into (`index.html`
/// holds it, and its theme script watches it).
pub const APP_ROOT_ID: &str = "app";

/// The class of a code block's Copy button, which the app's click listener looks for.
pub const COPY_BUTTON_CLASS: &str = "copy-code";

/// What a code block's Copy button says (the app says "Copied" for a moment after a click).
/// The stylesheet shows the button once the app runs.
pub const COPY_LABEL: &str = "Copy";

/// The class of the link around each image of a body, which opens the image overlay.
pub const IMAGE_LINK_CLASS: &str = "image-link";
