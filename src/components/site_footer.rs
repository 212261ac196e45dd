//! The footer on every page: the author, the site's social links and feed, and the config's
//! copyright line (else one with the year and the site title).

use leptos::prelude::*;

use crate::components::link_list::{Link, LinkList};
use crate::content::html::escape_html;

#[component]
pub fn SiteFooter(
    title: String,
    /// The site's `params.author`.
    author: Option<String>,
    /// (name, URL) per social link, in the config's order.
    social: Vec<(String, String)>,
    /// `None` when the site has no feeds (`disableKinds` has `RSS`).
    feed_url: Option<String>,
    /// The year of the newest page: the copyright line follows the content, so the
    /// prerendered page and the app agree whatever the date.
    year: Option<i32>,
    /// The config's `copyright` as the build rendered it (safe HTML); empty: none.
    copyright_html: String,
) -> impl IntoView {
    let feed = feed_url.map(|url| ("RSS feed".to_owned(), url));
    let links = social
        .into_iter()
        .chain(feed)
        .map(|(text, url)| Link {
            url,
            text,
            current: false,
            kind: None,
        })
        .collect();
    let copyright_html = match year {
        _ if !copyright_html.is_empty() => copyright_html,
        Some(year) => format!("© {year} {}", escape_html(&title)),
        None => format!("© {}", escape_html(&title)),
    };
    view! {
        <footer class="site-footer">
            {author.map(|author| view! { <p class="footer-author">"Written by " {author}</p> })}
            <LinkList class="footer-links" links=links />
            <p class="copyright" inner_html=copyright_html></p>
        </footer>
    }
}
