//! Hugo's built-in shortcodes for third-party posts that [`super::builtin`] does not cover:
//! `gist` and `instagram` (and `instagram_simple`), and `qr`. Hugo embeds a gist or an
//! Instagram post with the provider's script, which calls it as the page loads; here each is
//! a plain link to the post, named by what identifies it, so no third party hears of a
//! reader who does not follow it. Every value is checked or escaped: the output is trusted.

use std::fmt::Write;

use super::builtin::{Args, is_token};
use super::html::{escape_html, is_dangerous_url};

/// `gist user id [file]` (Hugo 0.111's positional form): a link to the gist, to the file's
/// part of it when one is named.
pub(crate) fn gist(args: &Args) -> Option<String> {
    let user = args.get("user", Some(0)).filter(|user| is_token(user))?;
    let id = args.get("id", Some(1)).filter(|id| is_token(id))?;
    let file = args.get("file", Some(2));
    let mut html = format!("<p class=\"gist\"><a href=\"https://gist.github.com/{user}/{id}");
    if let Some(file) = file {
        // GitHub's anchor of a gist's file: `file-` and its name, lower-cased, with every
        // character but letters and digits a `-`.
        let anchor: String = file
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let _ = write!(html, "#file-{anchor}");
    }
    html.push_str("\">");
    match file {
        Some(file) => {
            let _ = write!(html, "{} by {user} on GitHub Gist", escape_html(file));
        }
        None => {
            let _ = write!(html, "Gist {id} by {user} on GitHub");
        }
    }
    html.push_str("</a></p>");
    Some(html)
}

/// `instagram id [hidecaption]`: a link to the post.
pub(crate) fn instagram(args: &Args) -> Option<String> {
    let id = args.get("id", Some(0)).filter(|id| is_token(id))?;
    Some(format!(
        "<p class=\"instagram-post\"><a href=\"https://www.instagram.com/p/{id}/\">\
         Post on Instagram</a></p>"
    ))
}

/// `qr text="…"` (or the text as inner content): Hugo draws a QR code image of the text; here
/// the text itself, as a link when it is a web or e-mail address, which a reader on a screen
/// follows where a phone would scan the code.
pub(crate) fn qr(args: &Args, inner: Option<&str>) -> Option<String> {
    let text = args
        .get("text", None)
        .or(inner.map(str::trim).filter(|inner| !inner.is_empty()))?;
    let is_address = ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| text.starts_with(scheme))
        && !is_dangerous_url(text)
        && !text.contains(char::is_whitespace);
    // Inline, as Hugo's image is: the call often stands inside a sentence.
    let mut html = String::from("<span class=\"qr\"");
    if let Some(title) = args.get("title", None).or(args.get("alt", None)) {
        let _ = write!(html, " title=\"{}\"", escape_html(title));
    }
    html.push('>');
    let text = escape_html(text);
    if is_address {
        let _ = write!(html, "<a href=\"{text}\">{text}</a>");
    } else {
        html.push_str(&text);
    }
    html.push_str("</span>");
    Some(html)
}
