//! What the integration tests share: the app's view of a built site.

use blogreader_content::front_matter;
use blogreader_content::render::{BodyHtml, render_html};
use blogreader_content::route_json::{read_route_file, read_site_data};
use blogreader_content::route_model::{RouteFile, SiteData};
use blogtool::prerender::route_model;
use blogtool::{self as tool, BuiltSite};

/// The body of the page at `url` as the browser shows it: the Markdown the build wrote for
/// the page, rendered with nothing but the site's data and the route's data, each written as
/// the build writes it and read back as the app reads it. `None` for a page without Markdown.
pub fn browser_body(built: &BuiltSite, url: &str) -> Option<BodyHtml> {
    let route = built.site.route(url)?;
    let site_json = serde_json::to_string(&SiteData::of(&built.site)).ok()?;
    let mut config = read_site_data(&site_json).ok()?.config;
    // As in the app: the Markdown it fetches is the build's, formulas included.
    config.trust_math_calls = true;
    let route_json = serde_json::to_string(&route_model(built, route)).ok()?;
    let RouteFile::Page(model) = read_route_file(&route_json).ok()? else {
        return None;
    };
    let page = model.page()?;
    let texts = tool::markdown_texts(&built.files);
    let text = texts.get(page.source.as_str())?;
    let body = front_matter::split(text).ok()?.body;
    Some(render_html(&model.render_site(&config), page, body))
}
