//! Prerendering: every route of the site written as a static page, rendered natively by the
//! app's own [`RouteView`] into the page Trunk built (its scripts and styles kept), with the
//! route's head. The app then takes the page over in the browser.
//!
//! Every route is one of [`Site::routes`]: a page (or a further pager of its list) is
//! rendered, a redirect (an alias, a list's `page/1/`) becomes a small redirect page, as Hugo
//! writes them. Also written here: `404.html` (the not-found view), the feeds, `sitemap.xml`,
//! `robots.txt` and `_headers`.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use leptos::prelude::*;
use rayon::prelude::*;

use crate::css;
use crate::feeds::{self, SITEMAP_FILE};
use crate::fingerprint::Fingerprint;
use crate::head::{self, Head};
use crate::headers::{self, HEADERS_FILE, InlineStyles};
use crate::output::OutputDir;
use crate::{BuiltSite, ToolError, io_error, sha256_integrity};
use blogreader::app::{PageBody, RouteData, RouteView};
use blogreader_content::contract::{APP_ROOT_ID, FEED_FILE, SEARCH_PATH, route_data_url};
use blogreader_content::html::escape_html;
use blogreader_content::route_model::{RouteModel, SiteData};
use blogreader_content::routes::Route;
use blogreader_content::site::Site;

/// The page Trunk built (`index.html` in its staging folder): every prerendered page is this
/// page with its title, head tags and app root filled in.
pub struct Template {
    html: String,
    /// The empty app root as written in `index.html`.
    empty_root: String,
    /// The rules of the stylesheets Trunk linked, which each page carries inline as far as
    /// its markup can use them.
    stylesheet: css::Stylesheet,
    /// The policy of the page's inline scripts, each page's style added.
    policy: headers::Policy,
}

impl Template {
    /// Checks that `html` has what a page is made from: a `<title>`, a `</head>` and the empty
    /// app root. `file` names it in the error.
    pub fn new(file: &Path, html: String) -> Result<Template, ToolError> {
        // What a comment holds is no part of the page: checked and used without them.
        let html = without_comments(&html);
        let empty_root = format!("<div id=\"{APP_ROOT_ID}\"></div>");
        let missing = [
            ("<title>", "a <title>"),
            ("</head>", "a </head>"),
            (empty_root.as_str(), "an empty <div id=\"app\"></div>"),
        ]
        .into_iter()
        .find(|(marker, _)| !html.contains(marker));
        if let Some((_, what)) = missing {
            return Err(ToolError::Template {
                path: file.to_owned(),
                message: format!("lacks {what}, which every prerendered page is made from"),
            });
        }
        let policy = headers::Policy::new(&inline_scripts(&html));
        Ok(Template {
            html,
            empty_root,
            stylesheet: css::Stylesheet::default(),
            policy,
        })
    }

    /// Splits each stylesheet Trunk linked in the head (`<link rel="stylesheet"
    /// href="/main-….css">`, a file in `out_dir` under `base_path`) in two: the rules a page's
    /// own markup can match go into that page's head as a `<style>` (see [`Template::page`]),
    /// so the first paint waits for no other request (measured by the first-paint benchmark:
    /// see the README), and the whole file is linked at the end of the body, where it blocks
    /// no paint, for the pages the app shows next (and cached from then on). Its comments are
    /// left out, of the page and of the file alike.
    pub fn split_stylesheets(&mut self, out_dir: &Path, base_path: &str) -> Result<(), ToolError> {
        const LINK: &str = "<link rel=\"stylesheet\"";
        let mut rules = String::new();
        let mut links = String::new();
        let in_head = |html: &str| {
            let head_end = html.find("</head>").unwrap_or_default();
            html[..head_end].find(LINK)
        };
        while let Some(start) = in_head(&self.html) {
            let Some(length) = self.html[start..].find('>') else {
                break;
            };
            let link = &self.html[start..=start + length];
            let href = link
                .split_once("href=\"")
                .and_then(|(_, rest)| rest.split_once('"'))
                .map_or("", |(href, _)| href);
            let path = out_dir.join(href.strip_prefix(base_path).unwrap_or(href));
            let css = fs::read_to_string(&path).map_err(io_error(&path))?;
            let css = css::compact(&css);
            fs::write(&path, &css).map_err(io_error(&path))?;
            // Trunk's integrity is of the file it wrote, before the comments went.
            links.push_str(&format!(
                "<link rel=\"stylesheet\" href=\"{href}\" integrity=\"{}\">",
                sha256_integrity(css.as_bytes())
            ));
            rules.push_str(&css);
            self.html.replace_range(start..=start + length, "");
        }
        let body_end = self.html.rfind("</body>").unwrap_or(self.html.len());
        self.html.insert_str(body_end, &links);
        self.stylesheet = css::Stylesheet::parse(&rules);
        Ok(())
    }

    /// Gives the page's `<html>` the `lang` `language` (the site's `languageCode`), in place
    /// of the one Trunk's page has.
    pub fn set_language(&mut self, language: &str) {
        let Some(start) = self.html.find("<html") else {
            return;
        };
        let end = self.html[start..]
            .find('>')
            .map_or(self.html.len(), |length| start + length);
        const LANG: &str = " lang=\"";
        let attribute = format!("{LANG}{}\"", escape_html(language));
        match self.html[start..end].find(LANG) {
            Some(offset) => {
                let value_start = start + offset + LANG.len();
                let attribute_end = self.html[value_start..end]
                    .find('"')
                    .map_or(end, |length| value_start + length + 1);
                self.html
                    .replace_range(start + offset..attribute_end, &attribute);
            }
            None => self.html.insert_str(start + "<html".len(), &attribute),
        }
    }

    /// The page with `head` and `body` (the app root's content) filled in, the rules of the
    /// stylesheet its markup can match in a `<style>`, and the Content-Security-Policy that
    /// allows its inline scripts and that style by their hashes.
    pub fn page(&self, head: &Head, body: &str) -> String {
        let style = self.stylesheet.for_page(&[&self.html, &head.tags, body]);
        let (styles, style_element): (&[&str], String) = if style.is_empty() {
            (&[], String::new())
        } else {
            (&[&style], format!("<style>{style}</style>"))
        };
        let mut html = self.html.clone();
        let policy = self.policy.text(InlineStyles::ByHash(styles));
        put_first_in_head(&mut html, &headers::policy_meta_tag(&policy));
        let title = format!("<title>{}</title>", escape_html(&head.title));
        let html = match (html.find("<title>"), html.find("</title>")) {
            (Some(start), Some(end)) if start < end => {
                format!(
                    "{}{title}{}",
                    &html[..start],
                    &html[end + "</title>".len()..]
                )
            }
            _ => html,
        };
        let html = html.replacen(
            "</head>",
            &format!("{style_element}{}</head>", head.tags),
            1,
        );
        html.replacen(
            &self.empty_root,
            &format!("<div id=\"{APP_ROOT_ID}\">{body}</div>"),
            1,
        )
    }
}

/// The inline scripts of `html` (Trunk's loader, the theme script), which the
/// Content-Security-Policy allows by their hash.
fn inline_scripts(html: &str) -> Vec<&str> {
    inline_elements(html, "script")
        .into_iter()
        .filter(|(opening, _)| !opening.contains(" src=") && !opening.contains("ld+json"))
        .map(|(_, body)| body)
        .collect()
}

/// Puts `tag` at the start of the head of `html`, after the character set: a `<meta>`
/// Content-Security-Policy governs only what comes after it.
fn put_first_in_head(html: &mut String, tag: &str) {
    let after_charset = html.find("<meta charset").and_then(|start| {
        let length = html.get(start..)?.find('>')?;
        Some(start + length + 1)
    });
    let after_head = || {
        let start = html.find("<head")?;
        let length = html.get(start..)?.find('>')?;
        Some(start + length + 1)
    };
    if let Some(at) = after_charset.or_else(after_head) {
        html.insert_str(at, tag);
    }
}

/// `html` without its `<!-- … -->` comments (`index.html` documents itself in them, and every
/// prerendered page would repeat them); the text of scripts and styles is kept as written, and
/// a comment left open is kept too.
fn without_comments(html: &str) -> String {
    let mut kept = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        kept.push_str(&rest[..start]);
        rest = &rest[start..];
        if rest.starts_with("<!--") {
            let Some(end) = rest.find("-->") else { break };
            rest = &rest[end + "-->".len()..];
            continue;
        }
        // A script's or a style's text runs to its end tag: a `<!--` in it is no comment.
        let element_end = ["script", "style"]
            .into_iter()
            .filter(|tag| rest[1..].starts_with(tag))
            .find_map(|tag| {
                let end_tag = format!("</{tag}>");
                rest.find(&end_tag).map(|end| end + end_tag.len())
            });
        let copied = element_end.unwrap_or("<".len());
        kept.push_str(&rest[..copied]);
        rest = &rest[copied..];
    }
    kept.push_str(rest);
    kept
}

/// The elements named `tag` in `html` that have content, as (opening tag, content).
fn inline_elements<'h>(html: &'h str, tag: &str) -> Vec<(&'h str, &'h str)> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut elements = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let body = &after[open_end + 1..];
        let Some(end) = body.find(&close) else {
            break;
        };
        elements.push((&after[..open_end], &body[..end]));
        rest = &body[end..];
    }
    elements
}

/// The HTML of a route's view, rendered natively by the same component the browser runs.
pub fn render_route(data: RouteData) -> String {
    let owner = Owner::new();
    owner.with(|| view! { <RouteView data=data /> }.to_html())
}

/// The data of `route` of the built site: what its page is prerendered from and what the
/// app fetches to show it (`route.json`).
pub fn route_model(built: &BuiltSite, route: Route) -> RouteModel {
    let looked_up = built
        .looked_up
        .get(&route.page.url)
        .map_or(&[][..], Vec::as_slice);
    RouteModel::of(&built.site, route, looked_up)
}

/// What [`prerender`] wrote.
#[derive(Debug, Default)]
pub struct Prerendered {
    pub pages: usize,
    /// Aliases and the `page/1/` of lists.
    pub redirects: usize,
    pub feeds: usize,
    pub search: crate::search::SearchIndexed,
}

/// Writes every route's page, `404.html`, alias redirects, feeds, sitemap, robots.txt, the
/// search index and `_headers` into `output`, which holds Trunk's `index.html` (the
/// template); of these, the kinds `disableKinds` names are left out. A page the last build
/// rendered from the same data is kept, not rendered again (see [`OutputDir::write_made`]).
pub fn prerender(output: &OutputDir, built: &BuiltSite) -> Result<Prerendered, ToolError> {
    let out_dir = output.root();
    let template_path = out_dir.join("index.html");
    let template_html = fs::read_to_string(&template_path).map_err(io_error(&template_path))?;
    let mut template = Template::new(&template_path, template_html)?;
    template.split_stylesheets(out_dir, &built.site.config().base_path())?;
    template.set_language(&built.site.config().language_code);
    // Each page's own policy names its inline style (`Template::page`); the host's, read by
    // every page, cannot name them all and leaves that to the page's.
    let policy = template.policy.text(InlineStyles::Any);
    // The search index reads the build's bodies, not the pages: it is made beside them.
    let (search, pages) = rayon::join(
        || crate::search::write_search_index(output, built),
        || write_pages(output, &template, built),
    );
    let written = Prerendered {
        search: search?,
        ..pages?
    };
    let headers = headers::headers(&built.site, out_dir, &policy, &template.html)?;
    output.write(HEADERS_FILE, headers.as_bytes())?;
    Ok(written)
}

/// Every route's page and data, `404.html`, the search page, feeds, sitemap and robots.txt.
fn write_pages(
    output: &OutputDir,
    template: &Template,
    built: &BuiltSite,
) -> Result<Prerendered, ToolError> {
    let write = |relative: &str, text: &str| output.write(relative, text.as_bytes());
    let site = &built.site;
    let site_data = Arc::new(SiteData::of(site));
    let mut written = Prerendered::default();
    // What every page is rendered from besides its own route: the template, the site's data
    // (the app renders from `site.json`, and so does the prerendered page) and this tool,
    // which puts them together (a tool that cannot say which build it is keeps no page).
    let tool = crate::tool_identity().unwrap_or_else(|| {
        Fingerprint::of(&[format!("{:?}", std::time::SystemTime::now()).as_bytes()])
    });
    let shared = Fingerprint::of(&[
        template.html.as_bytes(),
        site_data.to_json().as_bytes(),
        tool.as_bytes(),
    ]);

    let routes = site.routes();
    // Each route on its own, spread over the cores; the page URLs in route order.
    let outcomes = routes
        .par_iter()
        .map(|(url, route)| {
            let canonical = route.canonical_url();
            let data_file = site.output_path(&route_data_url(url));
            if *url != canonical {
                // An alias or a list's `page/1/`: Hugo writes a redirect page there; the app
                // reads where to.
                write(
                    &page_file(site, url),
                    &redirect_page(
                        &site.config().language_code,
                        &canonical,
                        &site.absolute_url(&canonical),
                    ),
                )?;
                write(
                    &data_file,
                    &json(&serde_json::json!({ "redirect": canonical })),
                )?;
                return Ok(None);
            }
            let entry = route.page;
            let model = route_model(built, *route);
            let model_json = model.to_json();
            write(&data_file, &model_json)?;
            // The build's render of the body: prerendering renders no Markdown again.
            let body = built.bodies.get(&entry.url);
            let head = head::head(site, url, Some(entry));
            let (body_html, toc) = body.map_or_else(Default::default, |body| {
                (body.html.as_str(), format!("{:?}", body.toc))
            });
            let made_from = Fingerprint::of(&[
                shared.as_bytes(),
                url.as_bytes(),
                model_json.as_bytes(),
                body_html.as_bytes(),
                toc.as_bytes(),
                head.title.as_bytes(),
                head.tags.as_bytes(),
            ]);
            output.write_made(&page_file(site, url), made_from, || {
                let data = RouteData {
                    site: Arc::clone(&site_data),
                    url: url.clone(),
                    page: Some((
                        model,
                        body.map_or(PageBody::Empty, |body| PageBody::Rendered(body.clone())),
                    )),
                };
                template.page(&head, &render_route(data))
            })?;
            Ok(Some(url.clone()))
        })
        .collect::<Result<Vec<Option<String>>, ToolError>>()?;
    let page_urls: Vec<String> = outcomes.into_iter().flatten().collect();
    written.pages = page_urls.len();
    written.redirects = routes.len() - page_urls.len();

    // `disableKinds` may leave out the not-found page, the sitemap and robots.txt (feeds too:
    // see `feeds::feeds`).
    let enabled = |kind: &str| site.config().is_kind_enabled(kind);
    if enabled("404") {
        let not_found = RouteData {
            site: Arc::clone(&site_data),
            url: String::new(),
            page: None,
        };
        let html = template.page(&head::head(site, "", None), &render_route(not_found));
        write("404.html", &html)?;
    }
    if let Some(search_url) = site_data.search_url.clone() {
        let search = RouteData {
            site: Arc::clone(&site_data),
            url: search_url,
            page: None,
        };
        let mut search_head = head::head(site, "", None);
        search_head.title = blogreader::app::document_title(&search);
        let html = template.page(&search_head, &render_route(search));
        write(&format!("{SEARCH_PATH}index.html"), &html)?;
    }
    for (list, xml) in feeds::feeds(site) {
        write(&format!("{}{FEED_FILE}", site.output_path(&list.url)), &xml)?;
        written.feeds += 1;
    }
    if enabled("sitemap") {
        write(SITEMAP_FILE, &feeds::sitemap(site, &page_urls))?;
    }
    if enabled("robotstxt") {
        write("robots.txt", &feeds::robots(site))?;
    }
    Ok(written)
}

/// `value` as the JSON the app reads back (`route_json`): what serde writes of the content
/// core's types cannot fail to serialize.
fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Where the page at `url` goes in the output folder: `<url>/index.html`, or the file a `url`
/// names itself.
fn page_file(site: &Site, url: &str) -> String {
    let relative = site.output_path(url);
    if url.ends_with('/') || relative.is_empty() {
        format!("{relative}index.html")
    } else {
        relative
    }
}

/// Hugo's alias page (also at a list's `page/1/`): a redirect a browser follows at once and a crawler reads as canonical.
/// Unlike Hugo's, it redirects to the server-root relative `url`, so it also works on a host
/// other than `baseURL`'s (a preview, a local server).
fn redirect_page(language: &str, url: &str, canonical: &str) -> String {
    let (url, canonical) = (escape_html(url), escape_html(canonical));
    let language = escape_html(language);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{language}\">\n  <head>\n    <title>{canonical}</title>\n    \
         <link rel=\"canonical\" href=\"{canonical}\">\n    \
         <meta name=\"robots\" content=\"noindex\">\n    <meta charset=\"utf-8\">\n    \
         <meta http-equiv=\"refresh\" content=\"0; url={url}\">\n  </head>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "<html><head><title>Blog</title><script type=\"module\">init()</script>\
                            <script src=\"/x.js\"></script></head><body><div id=\"app\"></div></body></html>";

    fn template() -> Template {
        Template::new(Path::new("index.html"), TEMPLATE.to_owned())
            .unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn the_sites_language_is_put_in_or_replaces_the_pages_lang() {
        let mut without = template();
        without.set_language("de-DE");
        assert!(
            without.html.starts_with("<html lang=\"de-DE\"><head>"),
            "{}",
            without.html
        );
        let html = TEMPLATE.replacen("<html>", "<html lang=\"en\" class=\"x\">", 1);
        let mut with =
            Template::new(Path::new("index.html"), html).unwrap_or_else(|error| panic!("{error}"));
        with.set_language("pt-BR");
        assert!(
            with.html
                .starts_with("<html lang=\"pt-BR\" class=\"x\"><head>"),
            "{}",
            with.html
        );
    }

    #[test]
    fn the_pages_comments_go_and_scripts_and_styles_stay_as_written() {
        let html = "<head><!-- the theme --><script>a = '<!-- not one -->';</script>\
                    <style>b::after { content: \"<!--\" }</style></head><body>x<!-- y -->z\
                    <!-- open";
        assert_eq!(
            without_comments(html),
            "<head><script>a = '<!-- not one -->';</script>\
             <style>b::after { content: \"<!--\" }</style></head><body>xz<!-- open"
        );
    }

    #[test]
    fn a_page_fills_the_title_head_and_app_root() {
        let head = Head {
            title: "A <b> | Blog".to_owned(),
            tags: "<meta name=\"x\">".to_owned(),
        };
        let page = template().page(&head, "<main>body</main>");
        let policy = headers::Policy::new(&["init()"]).text(InlineStyles::ByHash(&[]));
        let page = page.replacen(&headers::policy_meta_tag(&policy), "", 1);
        assert_eq!(
            page,
            "<html><head><title>A &lt;b&gt; | Blog</title><script type=\"module\">init()</script>\
             <script src=\"/x.js\"></script><meta name=\"x\"></head><body><div id=\"app\">\
             <main>body</main></div></body></html>"
        );
    }

    #[test]
    fn a_template_without_the_app_root_is_refused_with_its_name() {
        let error = Template::new(
            Path::new("dist/index.html"),
            "<title></title></head>".into(),
        )
        .err()
        .map(|error| error.to_string());
        assert_eq!(
            error.as_deref(),
            Some(
                "dist/index.html: lacks an empty <div id=\"app\"></div>, which every \
                 prerendered page is made from"
            )
        );
    }

    #[test]
    fn the_policy_tag_goes_before_every_script_of_the_head() {
        let mut html = "<html><head><meta charset=\"utf-8\" /><title>B</title><script>a()</script>\
                        </head><body><div id=\"app\"></div></body></html>"
            .to_owned();
        put_first_in_head(
            &mut html,
            "<meta http-equiv=\"Content-Security-Policy\" content=\"x\">",
        );
        assert!(html.starts_with(
            "<html><head><meta charset=\"utf-8\" /><meta http-equiv=\"Content-Security-Policy\" \
             content=\"x\"><title>"
        ));
    }

    #[test]
    fn only_inline_scripts_are_listed_for_the_policy() {
        assert_eq!(inline_scripts(&template().html), ["init()"]);
    }

    #[test]
    fn a_page_carries_the_rules_its_markup_can_match_and_links_the_whole_stylesheet() {
        let out_dir =
            std::env::temp_dir().join(format!("blogreader-split-css-{}", std::process::id()));
        let _ = fs::remove_dir_all(&out_dir);
        let written = fs::create_dir_all(&out_dir).and_then(|()| {
            fs::write(
                out_dir.join("main-0123456789abcdef.css"),
                "/* theme */\n:root { --x: 1; }\n.card { a: b; }\n.toc { c: d; }\n",
            )
        });
        written.unwrap_or_else(|error| panic!("{error}"));
        let html = "<html><head><meta charset=\"utf-8\"><title>B</title><link rel=\"stylesheet\" \
                    href=\"/blog/main-0123456789abcdef.css\" integrity=\"sha384-trunks\"/></head>\
                    <body><div id=\"app\"></div></body></html>";
        let mut template = Template::new(Path::new("index.html"), html.to_owned())
            .unwrap_or_else(|error| panic!("{error}"));
        template
            .split_stylesheets(&out_dir, "/blog/")
            .unwrap_or_else(|error| panic!("{error}"));
        let file =
            fs::read_to_string(out_dir.join("main-0123456789abcdef.css")).unwrap_or_default();
        assert_eq!(file, ":root{--x:1}.card{a:b}.toc{c:d}");
        let page = template.page(
            &Head {
                title: String::new(),
                tags: String::new(),
            },
            "<p class=\"card\">x</p>",
        );
        let style = ":root{--x:1}.card{a:b}";
        let policy = headers::Policy::new(&[]).text(InlineStyles::ByHash(&[style]));
        assert_eq!(
            page,
            format!(
                "<html><head><meta charset=\"utf-8\">{}<title></title><style>{style}</style>\
                 </head><body><div id=\"app\"><p class=\"card\">x</p></div><link \
                 rel=\"stylesheet\" href=\"/blog/main-0123456789abcdef.css\" integrity=\"{}\">\
                 </body></html>",
                headers::policy_meta_tag(&policy),
                sha256_integrity(file.as_bytes())
            )
        );
        let _ = fs::remove_dir_all(&out_dir);
    }
}
