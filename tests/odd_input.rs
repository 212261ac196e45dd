//! Whole-pipeline robustness: thousands of pseudo-random documents built from the tokens that
//! trip parsers (delimiters, shortcode braces, front matter fences, code fences, footnotes,
//! Unicode) go through front matter, site building, rendering, highlighting and the reading
//! aids. A panic would kill the wasm app, so finishing is the first assertion; the second is
//! that no output ever carries live script.

use blogreader::content::front_matter;
use blogreader::content::render::render_html;
use blogreader::content::site::{SiteConfig, SourceFile, build_site_at};

const TOKENS: &[&str] = &[
    "{{<",
    ">}}",
    "{{%",
    "%}}",
    "{{</*",
    "*/>}}",
    "/",
    "relref",
    "ref",
    "figure",
    "details",
    "youtube",
    "param",
    " \"",
    "\"",
    "`",
    "path=",
    "src=",
    "+++",
    "---",
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "#",
    "\n",
    "  \n",
    "\n\n",
    "<!--more-->",
    "[^1]",
    "[^1]: ",
    ": ",
    "|",
    "---|",
    "é",
    "日本",
    "🎉",
    "\u{feff}",
    "\r\n",
    "www.x.org",
    "https://a.b/",
    "&amp;",
    "&#",
    "<",
    ">",
    "<script>",
    "javascript:alert(1)",
    "![i](",
    "title = ",
    "date: ",
    "2025-13-45",
    "weight",
    "= 1",
    "*",
    "_",
    "~~",
    "- ",
    "1. ",
    "> ",
    "    ",
    "\\",
    "%",
    "'",
    "a@b.org",
    "{#x}",
    "## ",
    "highlight",
    "```",
    "```rust\n",
    "```yaml\n",
    "```html\n",
    "```sh\n",
    "\"\"\"",
    "/*",
    "${",
    "r#\"",
];

/// A small deterministic generator (an LCG), so a failure reproduces.
struct Tokens(u64);

impl Tokens {
    fn document(&mut self) -> String {
        let length = self.next() % 60;
        (0..length)
            .map(|_| TOKENS[(self.next() as usize) % TOKENS.len()])
            .collect()
    }

    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn assert_no_live_script(html: &str, document: &str) {
    assert!(!html.contains("<script"), "{document:?} gave {html}");
    assert!(
        !html.contains("href=\"javascript:"),
        "{document:?} gave {html}"
    );
    assert!(
        !html.contains("src=\"javascript:"),
        "{document:?} gave {html}"
    );
}

#[test]
fn random_documents_never_panic_and_never_render_live_script() {
    let mut tokens = Tokens(20_261_126);
    let mut rendered = 0;
    for round in 0..400 {
        let files: Vec<SourceFile> = (0..6)
            .map(|index| SourceFile {
                path: format!("content/posts/p{round}-{index}.md"),
                text: Some(tokens.document()),
            })
            .collect();
        let (site, _) = build_site_at(SiteConfig::default(), &files, 4_000_000_000);
        for entry in &site.pages {
            assert_no_live_script(&entry.summary_html, &entry.source);
            let Some(text) = files
                .iter()
                .find(|file| file.path == entry.source)
                .and_then(|file| file.text.as_deref())
            else {
                continue;
            };
            if let Ok(split) = front_matter::split(text) {
                assert_no_live_script(&render_html(&site, entry, split.body).html, text);
                rendered += 1;
            }
        }
    }
    assert!(
        rendered > 1000,
        "only {rendered} documents got as far as rendering"
    );
}
