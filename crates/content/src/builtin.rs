//! The HTML of Hugo's built-in shortcodes besides `ref`/`relref` (the calls are read and
//! paired in [`super::shortcode`]). Every value is escaped here and every URL checked, so the
//! output is trusted HTML.
//!
//! `figure` and `highlight` follow Hugo 0.111's markup (with our own colouring classes). `youtube`,
//! `vimeo` (and `vimeo_simple`), `x` (`x_simple`, `tweet`, `twitter`, `twitter_simple`)
//! deliberately differ from Hugo: Hugo embeds third-party iframes and
//! scripts, which call those sites as soon as the page loads; here they are plain links (a
//! privacy-friendly placeholder the app may swap for a player on click), so no third party
//! hears of a reader who does not click.

use std::fmt::Write;

use super::code_lines::LineOptions;
use super::html::{escape_html, is_dangerous_url, plainify};
use super::markdown::{
    self, HeadingIds, MarkdownContext, RenderedMarkdown, code_html, code_language_attributes,
};
use super::site::{PageEntry, Site};
use super::url::clean_path;

/// A call's arguments.
pub(crate) struct Args<'c> {
    pub named: &'c [(String, String)],
    pub positional: &'c [String],
}

impl Args<'_> {
    /// Named argument `name`, else positional `index`; empty counts as absent (Hugo's `with`).
    pub(crate) fn get(&self, name: &str, index: Option<usize>) -> Option<&str> {
        let named = self.named.iter().find(|(key, _)| key == name);
        let value = named
            .map(|(_, value)| value)
            .or_else(|| index.and_then(|index| self.positional.get(index)));
        value.map(String::as_str).filter(|value| !value.is_empty())
    }

    fn named(&self, name: &str) -> Option<&str> {
        self.get(name, None)
    }
}

/// Appends ` name="value"` (escaped) when there is a value.
fn attribute(html: &mut String, name: &str, value: Option<&str>) {
    if let Some(value) = value {
        let _ = write!(html, " {name}=\"{}\"", escape_html(value));
    }
}

/// `url`, or nothing when it is dangerous (`javascript:` and the like).
fn safe_url(url: &str) -> &str {
    if is_dangerous_url(url) { "" } else { url }
}

/// Renders Markdown that a shortcode holds (inner content, a caption) with the given trusted
/// HTML; its headings get their ids from the page.
pub fn render_markdown(
    site: &Site,
    page: &PageEntry,
    text: &str,
    trusted_html: &[String],
) -> RenderedMarkdown {
    let context = MarkdownContext {
        site,
        page,
        trusted_html,
    };
    markdown::render_text(
        text,
        &context,
        site.config().summary_length,
        HeadingIds::Deferred,
    )
}

/// Hugo's `markdownify`: Markdown to HTML, without the `<p>` when it is one paragraph.
pub fn markdownify(site: &Site, page: &PageEntry, text: &str) -> String {
    let html = render_markdown(site, page, text, &[]).html;
    let inner = html
        .trim_end()
        .strip_prefix("<p>")
        .and_then(|rest| rest.strip_suffix("</p>"))
        .filter(|inner| !inner.contains("<p>"));
    inner.map_or_else(|| html.clone(), str::to_owned)
}

/// A `src` as a URL: relative ones are resources of the page, under its URL (what a browser
/// on the page makes of them, and the same from a list that shows the page's summary).
fn resource_url(src: &str, page: &PageEntry) -> String {
    let is_absolute = src.starts_with('/')
        || src
            .split('/')
            .next()
            .is_some_and(|first| first.contains(':'));
    if is_absolute || src.is_empty() {
        safe_url(src).to_owned()
    } else {
        format!("/{}", clean_path(&format!("{}{src}", page.url)))
    }
}

/// `figure`: Hugo 0.111's markup, plus current Hugo's `loading`. The caption (and `attr`) are
/// Markdown; without `alt`, the caption's plain text is the alt text.
/// Returns the HTML and the image's URL.
pub(crate) fn figure(args: &Args, site: &Site, page: &PageEntry) -> (String, String) {
    let mut html = String::from("<figure");
    attribute(&mut html, "class", args.named("class"));
    html.push('>');
    let link = args.named("link");
    if let Some(link) = link {
        html.push_str("<a");
        attribute(&mut html, "href", Some(safe_url(link)));
        attribute(&mut html, "target", args.named("target"));
        attribute(&mut html, "rel", args.named("rel"));
        html.push('>');
    }
    let src = resource_url(args.named("src").unwrap_or(""), page);
    let _ = write!(html, "<img src=\"{}\"", escape_html(&src));
    let caption = args
        .named("caption")
        .map(|caption| markdownify(site, page, caption));
    let alt = match args.named("alt") {
        Some(alt) => Some(escape_html(alt)),
        // The caption's text is already escaped for HTML text, where `"` may stand as it is;
        // in the attribute it must not.
        None => caption
            .as_deref()
            .map(|caption| plainify(caption).replace('"', "&quot;")),
    };
    if let Some(alt) = alt {
        let _ = write!(html, "\n         alt=\"{alt}\"");
    }
    for name in ["width", "height", "loading"] {
        attribute(&mut html, name, args.named(name));
    }
    html.push_str("/>");
    if link.is_some() {
        html.push_str("</a>");
    }
    let title = args.named("title");
    let credit = args.named("attr");
    if title.is_some() || caption.is_some() || credit.is_some() {
        html.push_str("<figcaption>\n            ");
        if let Some(title) = title {
            let _ = write!(html, "<h4>{}</h4>", escape_html(title));
        }
        if caption.is_some() || credit.is_some() {
            html.push_str("<p>");
            html.push_str(caption.as_deref().unwrap_or(""));
            let credit_link = args.named("attrlink");
            if let Some(credit_link) = credit_link {
                html.push_str("\n                    <a");
                attribute(&mut html, "href", Some(safe_url(credit_link)));
                html.push('>');
            }
            if let Some(credit) = credit {
                html.push_str(&markdownify(site, page, credit));
            }
            if credit_link.is_some() {
                html.push_str("</a>");
            }
            html.push_str("</p>");
        }
        html.push_str("\n        </figcaption>");
    }
    html.push_str("\n</figure>");
    (html, src)
}

/// `details` (current Hugo's): `summary` is Markdown ("Details" when absent), `open` unless
/// it is `false` or `0`; `inner_html` is the rendered inner content.
pub(crate) fn details(args: &Args, site: &Site, page: &PageEntry, inner_html: &str) -> String {
    let mut html = String::from("<details");
    for name in ["class", "name", "title"] {
        attribute(&mut html, name, args.named(name));
    }
    if args
        .named("open")
        .is_some_and(|open| !matches!(open, "false" | "0"))
    {
        html.push_str(" open");
    }
    let summary = markdownify(site, page, args.named("summary").unwrap_or("Details"));
    let _ = write!(
        html,
        ">\n  <summary>{summary}</summary>\n  {inner_html}</details>"
    );
    html
}

/// `highlight lang "options"`: Hugo's wrapper and code element, the code highlighted when
/// the highlighter knows the language, with line numbers and highlighted lines as the options
/// ask (`linenos`, `hl_lines`, `linenostart`; the others are accepted and ignored).
pub(crate) fn highlight(args: &Args, inner: &str) -> String {
    let language = args.get("lang", Some(0));
    let attributes = language.map(code_language_attributes).unwrap_or_default();
    let code = code_html(inner.trim_matches(['\n', '\r']), language.unwrap_or(""));
    match args
        .get("options", Some(1))
        .and_then(LineOptions::from_shortcode)
        .filter(|_| language.is_some())
    {
        Some(options) => options.block_html(&code, &attributes),
        None => format!(
            "<div class=\"highlight\"><pre tabindex=\"0\"><code{attributes}>{code}</code></pre></div>"
        ),
    }
}

/// Whether `text` is a non-empty run of ASCII letters, digits, `-` and `_` (an id that is
/// safe in a URL path and an attribute as it is).
pub(crate) fn is_token(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
}

/// `youtube` / `vimeo` by id (positional or `id=`): a link to the privacy-friendly player,
/// in a placeholder the app may turn into the player on click. `None`: no usable id.
pub(crate) fn video(args: &Args, youtube: bool) -> Option<String> {
    let id = args.get("id", Some(0)).filter(|id| is_token(id))?;
    let (provider, name, url, default_title) = if youtube {
        let url = format!("https://www.youtube-nocookie.com/embed/{id}");
        ("youtube", "YouTube", url, "YouTube Video")
    } else {
        let url = format!("https://player.vimeo.com/video/{id}?dnt=1");
        ("vimeo", "Vimeo", url, "vimeo video")
    };
    let title = escape_html(args.named("title").unwrap_or(default_title));
    Some(format!(
        "<div class=\"video-embed\" data-provider=\"{provider}\" data-id=\"{id}\">\
         <a href=\"{url}\" title=\"{title}\">▶ Play video on {name}</a></div>"
    ))
}

/// `x user="…" id="…"` (and `tweet` and `twitter`, also as `user id` or `id` alone): a plain
/// link to the post. `None`: no numeric id, or a user name that is not one.
pub(crate) fn x_post(args: &Args) -> Option<String> {
    let (user_index, id_index) = if args.positional.len() == 2 {
        (Some(0), 1)
    } else {
        (None, 0)
    };
    let id = args
        .get("id", Some(id_index))
        .filter(|id| id.bytes().all(|byte| byte.is_ascii_digit()))?;
    let user = args.get("user", user_index);
    if user.is_some_and(|user| !is_token(user) || user.contains('-')) {
        return None;
    }
    let (path, by) = match user {
        Some(user) => (user, format!(" by @{user}")),
        None => ("i", String::new()),
    };
    Some(format!(
        "<p class=\"x-post\"><a href=\"https://x.com/{path}/status/{id}\">Post{by} on X</a></p>"
    ))
}
