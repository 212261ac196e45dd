//! The hostile inputs of the benchmark (and of `tests/linear_time.rs`): families of page
//! content known to make a Markdown pipeline slow, each made at any size, and the timing of
//! one page of one through the build and through what the browser runs.

use std::time::{Duration, Instant};

use blogreader_content::front_matter;
use blogreader_content::render::render_html;
use blogreader_content::site::{SiteConfig, SourceFile};
use blogreader_site::build::build_site_at;
use blogreader_site::config::BuildConfig;

/// A family of hostile inputs: `page(size)` makes about `size` bytes of it.
pub(crate) struct Family {
    pub(crate) name: &'static str,
    /// Rendered on a site with `unsafe = true` (raw HTML kept).
    pub(crate) unsafe_html: bool,
    /// The page is a whole file (its front matter is the hostile part), not a body.
    pub(crate) whole_file: bool,
    page: fn(usize) -> String,
}

/// A page body, after a small front matter.
const fn body(name: &'static str, page: fn(usize) -> String) -> Family {
    Family {
        name,
        unsafe_html: false,
        whole_file: false,
        page,
    }
}

/// A page body on a site that keeps raw HTML.
const fn unsafe_body(name: &'static str, page: fn(usize) -> String) -> Family {
    Family {
        unsafe_html: true,
        ..body(name, page)
    }
}

/// A whole file, front matter included.
const fn file(name: &'static str, page: fn(usize) -> String) -> Family {
    Family {
        whole_file: true,
        ..body(name, page)
    }
}

/// `unit` repeated until the text is at least `size` bytes.
fn repeated(unit: &str, size: usize) -> String {
    unit.repeat(size.div_ceil(unit.len().max(1)))
}

/// `unit(i)` for i = 0, 1, … until the text is at least `size` bytes.
fn numbered(size: usize, unit: impl Fn(usize) -> String) -> String {
    let mut text = String::with_capacity(size + 256);
    let mut index = 0;
    while text.len() < size {
        text.push_str(&unit(index));
        index += 1;
    }
    text
}

/// `open` `depth` times, `middle`, then `close` `depth` times, so that it is `size` bytes.
fn nested(open: &str, middle: &str, close: &str, size: usize) -> String {
    let depth = size / (open.len() + close.len()).max(1);
    format!("{}{middle}{}", open.repeat(depth), close.repeat(depth))
}

/// A code block in `language` made of openers that never close.
fn code(language: &str, body_unit: &str, size: usize) -> String {
    format!("```{language}\n{}\n```\n", repeated(body_unit, size))
}

fn realistic(index: usize) -> String {
    format!(
        "## Part {index}: what \"it\" does\n\n\
         The *first* thing to know about part {index} is that it's **simple** -- \
         mostly. See [the overview](/posts/p/) or https://example.org/docs/{index}, \
         write to someone{index}@example.org, and read `the_code()` below.[^n{index}]\n\n\
         - one item with _emphasis_\n- two items... with ~~strike~~\n  - nested 'quoted' item\n\n\
         > A quote with \"quotes\" and 'single' ones, 5'10\" tall, in the '90s.\n\n\
         ```rust\nfn part_{index}(x: &str) -> usize {{\n    // count it\n    \
         x.len() + {index} /* done */\n}}\n```\n\n\
         | a | b | c |\n|---|:-:|--:|\n| {index} | two | three |\n\n\
         Term {index}\n: Its definition.\n\n\
         [^n{index}]: A note for part {index}.\n\n"
    )
}

pub(crate) const FAMILIES: &[Family] = &[
    body("realistic post", |size| numbered(size, realistic)),
    body("many [", |size| repeated("[", size)),
    body("many ![ and ](", |size| repeated("![a](", size)),
    body("many ## a headings", |size| repeated("## a\n", size)),
    body("headings a, a-1, a-2 … written", |size| {
        numbered(size, |i| format!("## a-{i}\n\n## a\n\n"))
    }),
    body("many * and _", |size| repeated("*_", size)),
    body("many *a _b", |size| repeated("*a _b ", size)),
    body("nested > quotes", |size| repeated(">", size)),
    body("deep > quote, lazy lines", |size| {
        format!("{}a\n{}", ">".repeat(size / 2), repeated("b\n", size / 2))
    }),
    body("nested - lists", |size| repeated("- ", size)),
    body(
        "colons goldmark reads as text, and indented definitions",
        |size| repeated("Term\n:P a\n  : b\n- c\n  : d\n> e\n>  : f\n", size),
    ),
    body("deep list, many lines", |size| {
        numbered(size, |i| format!("{}- a\n", "  ".repeat(i % 200)))
    }),
    body("footnote references and notes", |size| {
        let half = numbered(size / 2, |i| format!("x[^{i}] "));
        let notes = numbered(size / 2, |i| format!("\n[^{i}]: note {i}\n"));
        format!("{half}\n{notes}")
    }),
    body("one footnote referenced often", |size| {
        format!("{}\n\n[^a]: note\n", repeated("x[^a] ", size))
    }),
    body("many links", |size| {
        numbered(size, |i| format!("[a{i}](/posts/x{i}/) "))
    }),
    body("many broken .md links, #anchors", |size| {
        numbered(size, |i| format!("[a](gone{i}.md) [b](#nope{i}) "))
    }),
    body("anchors and links to them", |size| {
        numbered(size, |i| format!("## h{i}\n\n[b](#h{i}) [c](#no{i})\n\n"))
    }),
    body("missing images", |size| {
        numbered(size, |i| format!("![a](missing{i}.png) "))
    }),
    body("many unclosed {{<", |size| repeated("{{< x ", size)),
    body("many {{</* never closed", |size| repeated("{{</* x ", size)),
    body("unknown shortcodes, paired", |size| {
        repeated("{{< x >}}a{{< /x >}} ", size)
    }),
    body("unknown shortcodes opened, closed later", |size| {
        format!(
            "{}{}",
            repeated("{{< x >}}", size / 2),
            repeated("{{< /y >}}", size / 2)
        )
    }),
    body("shortcode findings and .md links", |size| {
        repeated("{{< nope >}} [a](gone.md) ", size)
    }),
    body("many unclosed details", |size| {
        repeated("{{< details >}}\n", size)
    }),
    body("nested details", |size| {
        nested("{{< details >}}\n", "## x\n", "{{< /details >}}\n", size)
    }),
    body("headings in details, then the page's", |size| {
        format!(
            "{{{{< details >}}}}\n{}{{{{< /details >}}}}\n{}",
            repeated("## a\n", size / 2),
            repeated("## a\n", size / 2)
        )
    }),
    unsafe_body("many <pre>", |size| repeated("<pre>", size)),
    unsafe_body("<h2 id> and <script> tags", |size| {
        repeated("<h2 id=a>x <script>a ", size)
    }),
    // What the search index skips (controls, drawings), nested and never closed.
    unsafe_body("nested <button> and <svg>, never closed", |size| {
        repeated("<button><svg>a ", size)
    }),
    unsafe_body("tags with many attributes", |size| {
        repeated(
            "<p id=a class=\"x heading-anchor\" data-id='b' title=\"id=\">w</p>",
            size,
        )
    }),
    unsafe_body("headings to anchor", |size| {
        repeated("<h2 id=a>x</h2>\n", size)
    }),
    body("long line without spaces", |size| repeated("a", size)),
    body("e-mail-like a@a@a", |size| repeated("a@", size)),
    body("e-mail-like (a@ and a_a@x", |size| {
        format!(
            "{}@x {}",
            repeated("a_", size / 2),
            repeated("(a@", size / 2)
        )
    }),
    body("www. runs", |size| repeated("www.", size)),
    body("www. links and paths", |size| {
        format!(
            "{} {} www.a.b/{}",
            repeated("_www.A", size / 3),
            repeated("www.a.b(", size / 3),
            repeated("))(www.a.b/", size / 3)
        )
    }),
    body("code: rust", |size| {
        code("rust", "\"a\\\" /* r#\"x 'b b'\\ ", size)
    }),
    body("code: python", |size| {
        code("python", "\"\"\"a ''' 'b \" # ", size)
    }),
    body("code: js/ts", |size| code("ts", "`a ${ /* \"b ' // ", size)),
    body("code: go", |size| code("go", "`a /* \"b ' ", size)),
    body("code: shell", |size| code("sh", "${a \"$b 'c ", size)),
    body("code: toml", |size| code("toml", "[a \"b ''' k = ", size)),
    body("code: yaml", |size| code("yaml", "a: \"b 'c - d: ", size)),
    body("code: json", |size| code("json", "{\"a\": [\"b ", size)),
    body("code: html", |size| {
        code("html", "<a b=\"c <!-- &x <! ", size)
    }),
    body(
        "code lines: many hl_lines, many lines, huge numbers",
        |size| {
            let ranges = repeated("\"1-999999999999\", -5, 1e999, ", size / 2);
            let lines = repeated("`a\n", size / 4);
            let shortcode_ranges = repeated("1-99999999999 -3 ", size / 4);
            format!(
                "```go {{linenos=table, lineNoStart=9223372036854775800, hl_lines=[{ranges}2]}}\n\
             {lines}```\n\n{{{{< highlight go \"linenos=inline,hl_lines={shortcode_ranges}\" >}}}}\n\
             {lines}{{{{< /highlight >}}}}\n"
            )
        },
    ),
    body("typographer: many '", |size| repeated("'", size)),
    body("typographer: quotes and words", |size| {
        repeated("\"a' 'b\" -- ... ", size)
    }),
    body("typographer: long line of events", |size| {
        format!("{}\nend", repeated("'*a*", size))
    }),
    body("table with many columns", |size| {
        let columns = 1000;
        let header = format!("{}|\n{}|\n", "| a ".repeat(columns), "|---".repeat(columns));
        format!(
            "{header}{}",
            repeated(&format!("{}|\n", "| b ".repeat(columns)), size)
        )
    }),
    body("definition lists", |size| {
        repeated("Term\n: one\n: two\n\n", size)
    }),
    // The summary's relative links (and its one image) are resolved against the page: an
    // attribute the summary has once must not be looked for again after every link.
    body("relative links in the summary", |size| {
        format!(
            "![c](d.png) {}\n\n<!--more-->\n",
            repeated("[a](b) [e](#f) [](/g) ", size)
        )
    }),
    file("many bad tags", |size| {
        format!("+++\ntags = [{}]\n+++\nx\n", repeated("[],", size))
    }),
    file("many aliases, each the page's own URL", |size| {
        format!(
            "+++\naliases = [{}]\n+++\nx\n",
            repeated("\"/posts/page/\",", size)
        )
    }),
    file("many tags", |size| {
        let tags = numbered(size, |i| format!("\"t{i}\","));
        format!("+++\ntags = [{tags}]\n+++\nx\n")
    }),
    file("many tags, links and references to them", |size| {
        let tags = numbered(size / 4, |i| format!("\"t{i}\","));
        let links = numbered(size / 4, |i| format!("[t](/tags/t{i}/) "));
        let references = numbered(size / 2, |i| format!("{{{{< relref \"/tags/t{i}\" >}}}} "));
        format!("+++\ntags = [{tags}]\n+++\n{links}\n\n{references}\n")
    }),
    file("many params and param calls", |size| {
        let params = numbered(size / 2, |i| format!("p{i} = \"v\"\n"));
        let calls = numbered(size / 2, |i| format!("{{{{< param \"p{i}\" >}}}} "));
        format!("+++\n[params]\n{params}+++\n{calls}\n")
    }),
    file("YAML aliases, nested", |size| {
        let mut yaml = String::from("---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..=size / 1000 {
            let previous = level - 1;
            let items = vec![format!("*a{previous}"); 10].join(", ");
            yaml.push_str(&format!("a{level}: &a{level} [{items}]\n"));
        }
        yaml.push_str("---\nx\n");
        yaml
    }),
    file("YAML aliases, a square", |size| {
        let items = size / 8;
        format!(
            "---\na: &a [{}]\nb: [{}]\n---\nx\n",
            vec!["x"; items].join(", "),
            vec!["*a"; items].join(", ")
        )
    }),
    file("nested YAML", |size| {
        format!("---\na: {}\n---\nx\n", nested("[", "1", "]", size))
    }),
    file("nested TOML arrays", |size| {
        format!("+++\na = {}\n+++\nx\n", nested("[", "1", "]", size))
    }),
    file("nested JSON", |size| {
        format!("{{\"a\": {}}}\nx\n", nested("[", "1", "]", size))
    }),
];

/// A page file of `family`, about `size` bytes: a body family's page gets front matter with
/// `title`.
pub(crate) fn page_file(family: &Family, size: usize, title: &str) -> String {
    let text = (family.page)(size);
    if family.whole_file {
        text
    } else {
        format!("+++\ntitle = \"{title}\"\n+++\n{text}")
    }
}

/// What one run of a page of a family took.
pub(crate) struct Measured {
    /// The page's size in bytes.
    pub(crate) bytes: usize,
    /// `build_site_at` for a site of the one page: front matter, shortcodes, Markdown,
    /// summary, word count, checks; and the search index's reading of its body.
    pub(crate) build: Duration,
    /// `render_html` of its body: what the browser runs.
    pub(crate) browser: Duration,
}

/// Builds a site of one page of `family`, about `size` bytes, and renders its body as the
/// browser does, timing both (not the making of the page).
pub(crate) fn measure(family: &Family, size: usize) -> Measured {
    let text = page_file(family, size, "Hostile");
    let config = BuildConfig {
        site: SiteConfig {
            unsafe_html: family.unsafe_html,
            ..SiteConfig::default()
        },
        ..BuildConfig::default()
    };
    let bytes = text.len();
    let files = [SourceFile {
        path: "content/posts/page.md".to_owned(),
        text: Some(text),
    }];
    let started = Instant::now();
    let (site, _) = build_site_at(config, &files, 1_800_000_000);
    let build = started.elapsed();
    let text = files.first().and_then(|file| file.text.as_deref());
    let body = text
        .and_then(|text| front_matter::split(text).ok())
        .map_or("", |split| split.body);
    let page = site
        .pages()
        .iter()
        .find(|page| page.source.ends_with("page.md"));
    assert!(
        page.is_some() || family.whole_file,
        "{}: the page was not built",
        family.name
    );
    let started = Instant::now();
    let rendered = page.map(|page| (page, render_html(&site, page, body)));
    let browser = started.elapsed();
    // The build's search index reads the same body.
    let started = Instant::now();
    if let Some((page, body)) = &rendered {
        std::hint::black_box(blogreader_search::searchable_text(&page.title, &body.html));
    }
    Measured {
        bytes,
        build: build + started.elapsed(),
        browser,
    }
}
