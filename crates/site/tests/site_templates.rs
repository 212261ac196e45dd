//! The site's shortcode templates run by the build, and the browser's page without them.

use std::sync::Arc;

use blogreader_content::error::DiagnosticKind;
use blogreader_content::front_matter::split;
use blogreader_content::render::render_html;
use blogreader_content::shortcode::{Expansion, browser_markdown, expand};
use blogreader_content::site::templates::Templates;
use blogreader_content::site::{PageKind, Site};
use blogreader_content::testing::{entry, site};
use blogreader_site::template::{ShortcodeTemplates, TemplateFile};

fn seed_site() -> Site {
    let mut site = site(vec![
        entry(
            "content/posts/ai_frameworks/_index.md",
            PageKind::Section,
            "/posts/ai_frameworks/",
        ),
        entry("content/posts/a.md", PageKind::Page, "/posts/a/"),
    ]);
    site.update_config(|config| config.base_url = "https://example.org/".to_owned());
    site
}

fn kinds(expansion: &Expansion) -> Vec<DiagnosticKind> {
    expansion
        .findings
        .iter()
        .map(|finding| finding.kind.clone())
        .collect()
}

/// The seed site with these templates (name, source), and inline shortcodes enabled.
fn site_with_templates(templates: &[(&str, &str)]) -> Site {
    let files = templates
        .iter()
        .map(|(name, source)| TemplateFile {
            name: (*name).to_owned(),
            path: format!("layouts/shortcodes/{name}.html"),
            source: (*source).to_owned(),
        })
        .collect();
    let mut site = seed_site();
    site.update_config(|config| {
        config.templates = Templates(Some(Arc::new(ShortcodeTemplates::new(
            files,
            Vec::new(),
            true,
        ))))
    });
    site
}

#[test]
fn the_sites_templates_render_and_the_browser_gets_the_same_page_without_them() {
    let site = site_with_templates(&[
        (
            "notice",
            "<div class=\"notice {{ .Get 0 }}\" onclick=\"x()\">{{ .Inner | markdownify }}</div>",
        ),
        ("kbd", "<kbd>{{ .Get 0 }}</kbd>"),
        ("md", "**{{ .Get \"text\" }}** `%` and {{ \"`\" }}"),
        (
            "figure",
            "<figure class=\"theirs\"><img src=\"{{ .Get \"src\" }}\"></figure>",
        ),
        ("gallery", "{{ partial \"gallery\" . }}"),
    ]);
    let page = site
        .pages()
        .first()
        .cloned()
        .unwrap_or_else(|| entry("", PageKind::Page, "/"));
    let body = "+++\ntitle = \"x\"\n+++\nPress {{< kbd Ctrl >}}.\n\n\
                {{< notice warning >}}\nSee *this* and [a]({{< relref \"a\" >}}).\n{{< /notice >}}\n\n\
                {{% md text=\"bold\" %}}\n\n{{< figure src=\"p.png\" >}}\n\n\
                {{< details >}}{{< kbd \"<x>\" >}}{{< /details >}}\n\n\
                {{< gallery >}}Kept.{{< /gallery >}} \
                {{< when.inline >}}{{ .Name | upper }}{{< /when.inline >}} {{< when.inline />}}\n";
    let markdown = split(body).map(|split| split.body).unwrap_or("");
    let native = render_html(&site, &page, markdown).html;
    assert_eq!(
        native,
        "<p>Press <kbd>Ctrl</kbd>.</p>\n<div class=\"notice warning\">See <em>this</em> and \
         <a href=\"/posts/a/\">a</a>.</div>\n<p><strong>bold</strong> <code>%</code> and `</p>\n\
         <figure class=\"theirs\"><a class=\"image-link\" href=\"p.png\"><img src=\"p.png\">\
         </a></figure>\n<details>\n  <summary>Details</summary>\n  <kbd>&lt;x&gt;</kbd>\n\
         </details>\n<p>Kept. WHEN.INLINE WHEN.INLINE</p>\n"
    );
    let expansion = expand(markdown, &site, &page);
    assert!(
        matches!(
            kinds(&expansion).as_slice(),
            [DiagnosticKind::UnrenderedShortcode { name, reason }]
                if name == "gallery" && reason.contains("the partial \"gallery\"")
        ),
        "{:?}",
        expansion.findings
    );
    let rewritten = browser_markdown(body, &site, &page).unwrap_or_default();
    assert!(
        rewritten
            .starts_with("+++\ntitle = \"x\"\n+++\nPress {{< blogtool.html `<kbd>Ctrl</kbd>` >}}."),
        "{rewritten}"
    );
    assert!(
        !rewritten.contains("{{< notice") && !rewritten.contains("when.inline"),
        "{rewritten}"
    );
    let mut browser_site = site.clone();
    browser_site.update_config(|config| config.templates = Templates::default());
    let browser_body = split(&rewritten).map(|split| split.body).unwrap_or("");
    assert_eq!(render_html(&browser_site, &page, browser_body).html, native);
}
