//! Search at build time: after prerendering, every article and section page is indexed with
//! Pagefind (its Rust API, no server), and the chunked index, Pagefind's browser runtime, the
//! app's small search module and a vocabulary for typo tolerance are written under
//! `pagefind/` in the output folder, through [`OutputDir`] like every other file. The browser
//! fetches none of it until the reader opens search.

use std::collections::BTreeMap;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::output::OutputDir;
use crate::{BuiltSite, ToolError};
use blogreader_content::html::escape_html;
use blogreader_content::site::{PageEntry, PageKind, Site};

/// The folder of the output that holds everything search loads.
pub const SEARCH_DIR: &str = "pagefind/";

/// The app's search module: loaded by the search page on demand, it drives Pagefind's
/// runtime and the typo fallback, and hands the app plain data.
const SEARCH_MODULE: &str = include_str!("search.js");
const SEARCH_MODULE_FILE: &str = "blogreader-search.js";

/// Where the vocabulary's chunks go, under [`SEARCH_DIR`].
const VOCABULARY_DIR: &str = "vocabulary/";

/// Words shorter than this are never corrected (a typo in a two-letter word is another word).
const SHORTEST_WORD: usize = 3;
/// Longer runs of letters are no words a reader types (hashes, long identifiers).
const LONGEST_WORD: usize = 24;

/// What [`write_search_index`] wrote.
#[derive(Debug, Default)]
pub struct SearchIndexed {
    pub pages: usize,
    /// Files and bytes of the index and runtime, and of the vocabulary's chunks.
    pub files: usize,
    pub bytes: usize,
    pub vocabulary_words: usize,
    pub vocabulary_bytes: usize,
    /// How long the whole took (the benchmark reports it).
    pub elapsed: std::time::Duration,
}

/// Indexes every article and section page of `built` and writes the index, the runtime and
/// the vocabulary under [`SEARCH_DIR`] in `output`, while `meanwhile` runs on this thread
/// (the build prerenders its pages there, on every core but one). Pagefind's indexing is one
/// long sequential task: it runs on a thread and a core of its own from the start, and the
/// vocabulary is counted here once `meanwhile` is done.
pub fn write_search_index<T: Send>(
    output: &OutputDir,
    built: &BuiltSite,
    meanwhile: impl FnOnce() -> T + Send,
) -> Result<(SearchIndexed, T), ToolError> {
    let started = std::time::Instant::now();
    let site = &built.site;
    // The build's render of each body: indexing renders no Markdown again.
    let documents: Vec<(String, String)> = searchable_pages(site)
        .map(|page| {
            let body = built.bodies.get(&page.url).map_or("", |body| &body.html);
            (page.url.clone(), search_document(site, page, body))
        })
        .collect();
    let language = site.config().language_code.to_ascii_lowercase();
    let (pagefind, meanwhile, vocabulary) = std::thread::scope(|scope| {
        let pagefind = scope.spawn(|| write_pagefind_index(output, &documents, &language));
        // Pagefind's thread keeps a core to itself: it is the longest task of the build.
        let others = std::thread::available_parallelism()
            .map_or(1, |cores| cores.get().saturating_sub(1).max(1));
        let meanwhile = match rayon::ThreadPoolBuilder::new().num_threads(others).build() {
            Ok(pool) => pool.install(meanwhile),
            Err(_) => meanwhile(),
        };
        let vocabulary = write_vocabulary(output, &documents);
        let pagefind = pagefind
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (pagefind, meanwhile, vocabulary)
    });
    let (files, bytes) = pagefind?;
    let (vocabulary_words, vocabulary_bytes) = vocabulary?;
    let indexed = SearchIndexed {
        pages: documents.len(),
        files,
        bytes,
        vocabulary_words,
        vocabulary_bytes,
        elapsed: started.elapsed(),
    };
    Ok((indexed, meanwhile))
}

/// Pagefind's index of `documents` (URL, HTML) and its runtime, written under [`SEARCH_DIR`]:
/// how many files, how many bytes.
/// `language` is the site's: Pagefind stems the words of the languages it knows.
fn write_pagefind_index(
    output: &OutputDir,
    documents: &[(String, String)],
    language: &str,
) -> Result<(usize, usize), ToolError> {
    let failed = |message: String| ToolError::Search { message };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| failed(error.to_string()))?;
    let files = runtime
        .block_on(async {
            let config = PagefindServiceConfig::builder()
                .force_language(language.to_owned())
                // The reading aids' controls are no text of the page.
                .exclude_selectors(vec![".copy-code".to_owned(), ".heading-anchor".to_owned()])
                .build();
            let mut index = PagefindIndex::new(Some(config))?;
            for (url, html) in documents {
                index
                    .add_html_file(None, Some(url.clone()), html.clone())
                    .await?;
            }
            index.get_files().await
        })
        .map_err(|error| failed(error.to_string()))?;
    let mut bytes = 0;
    for file in &files {
        let name = file.filename.to_string_lossy().replace('\\', "/");
        output.write(&format!("{SEARCH_DIR}{name}"), &file.contents)?;
        bytes += file.contents.len();
    }
    Ok((files.len(), bytes))
}

/// The vocabulary of `documents` in its chunks, and the app's search module that names them,
/// written under [`SEARCH_DIR`]: how many words, how many bytes.
fn write_vocabulary(
    output: &OutputDir,
    documents: &[(String, String)],
) -> Result<(usize, usize), ToolError> {
    let vocabulary = vocabulary(documents.iter().map(|(_, html)| html.as_str()));
    let chunks = vocabulary_chunks(&vocabulary);
    let mut bytes = 0;
    for (name, chunk) in &chunks {
        output.write(
            &format!("{SEARCH_DIR}{VOCABULARY_DIR}{name}"),
            chunk.as_bytes(),
        )?;
        bytes += chunk.len();
    }
    // The module asks only for chunks that exist (a missing one would be a 404 to log).
    let names: Vec<&String> = chunks.keys().collect();
    let names = serde_json::to_string(&names).unwrap_or_else(|_| "[]".to_owned());
    let module = SEARCH_MODULE.replacen("/* chunk names */ []", &names, 1);
    output.write(
        &format!("{SEARCH_DIR}{SEARCH_MODULE_FILE}"),
        module.as_bytes(),
    )?;
    Ok((vocabulary.len(), bytes))
}

/// The pages search finds: articles (not the archives) and sections, each once, at its own
/// URL (not an alias, not a further pager).
fn searchable_pages(site: &Site) -> impl Iterator<Item = &PageEntry> {
    site.routes().into_iter().filter_map(|(url, route)| {
        let page = route.page;
        let searchable = url == route.canonical_url()
            && route.pager == 1
            && (page.is_article() || page.kind == PageKind::Section);
        searchable.then_some(page)
    })
}

/// The document Pagefind reads for `page`: its title and `body_html` as the searchable text
/// (headings keep their ids, for results that lead to a heading), and as metadata the title,
/// the date (shown and machine-readable), the section and the tags, the last two also as
/// filters. Built for the index only: nothing of it is served.
fn search_document(site: &Site, page: &PageEntry, body_html: &str) -> String {
    let mut head = String::new();
    let mut tag = |kind: &str, name: &str, value: &str| {
        head.push_str(&format!(
            "<meta data-pagefind-{kind}=\"{name}[content]\" content=\"{}\">",
            escape_html(value)
        ));
    };
    tag("meta", "title", &page.title);
    if let Some(date) = page.date {
        tag("meta", "date", &date.display());
        tag("meta", "datetime", &date.rfc3339());
        tag("sort", "date", &date.rfc3339());
    }
    let section = if page.kind == PageKind::Section {
        Some(page)
    } else {
        site.page_by_url(&page.parent)
            .filter(|parent| parent.kind == PageKind::Section)
    };
    if let Some(section) = section {
        tag("meta", "section", &section.title);
        tag("filter", "section", &section.title);
    }
    for term in site.tags(page) {
        tag("filter", "tag", &term.title);
    }
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head>{head}</head><body><main data-pagefind-body>\
         <h1>{}</h1>{body_html}</main></body></html>",
        escape_html(&site.config().language_code),
        escape_html(&page.title)
    )
}

/// Every word of the documents' text (outside tags, lower-cased) with the number of
/// documents it is in: what the browser's typo fallback picks corrections from, the most
/// common first.
fn vocabulary<'d>(documents: impl Iterator<Item = &'d str>) -> BTreeMap<String, usize> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for html in documents {
        let mut words: Vec<String> = words(&text_of(html)).collect();
        words.sort_unstable();
        words.dedup();
        for word in words {
            *counts.entry(word).or_default() += 1;
        }
    }
    counts
}

/// The text of `html` outside its tags and character references, in one pass.
fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut in_reference = false;
    for character in html.chars() {
        match character {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            '&' if !in_tag => in_reference = true,
            ';' if in_reference => in_reference = false,
            _ if in_tag => {}
            _ if in_reference && (character.is_alphanumeric() || character == '#') => {}
            _ => {
                in_reference = false;
                text.push(character);
            }
        }
    }
    text
}

/// The words of `text` worth correcting to: runs of letters and digits with a letter, from
/// [`SHORTEST_WORD`] to [`LONGEST_WORD`] characters, lower-cased.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|character: char| !character.is_alphanumeric())
        .filter(|word| {
            let length = word.chars().count();
            (SHORTEST_WORD..=LONGEST_WORD).contains(&length)
                && word.chars().any(char::is_alphabetic)
        })
        .map(str::to_lowercase)
}

/// The vocabulary in chunks the browser fetches by need, one `word count` a line:
/// `p<hex>-<hex>.txt` holds the words that start with the two code points `<hex>` (small: what
/// tells whether a typed word is known, and answers a typo after its second character),
/// `f<hex>.txt` the words whose first character is `<hex>`, `s<hex>.txt` those whose second
/// is. A word one edit away from a typed word (insertion, deletion, substitution or two
/// letters swapped) shares its first two characters, or its first character, or has the
/// typed word's first or second character first or second: the `f` and `s` chunks are only
/// needed for a typo in the first two characters.
fn vocabulary_chunks(vocabulary: &BTreeMap<String, usize>) -> BTreeMap<String, String> {
    let mut chunks: BTreeMap<String, String> = BTreeMap::new();
    for (word, count) in vocabulary {
        let mut characters = word.chars();
        let (Some(first), Some(second)) = (characters.next(), characters.next()) else {
            continue;
        };
        let (first, second) = (u32::from(first), u32::from(second));
        for name in [
            format!("p{first:x}-{second:x}.txt"),
            format!("f{first:x}.txt"),
            format!("s{second:x}.txt"),
        ] {
            chunks
                .entry(name)
                .or_default()
                .push_str(&format!("{word} {count}\n"));
        }
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_is_indexed_with_its_runtime_and_vocabulary_inside_the_output_folder() {
        let dir = std::env::temp_dir().join(format!("blogreader-search-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let built = crate::build(std::path::Path::new("../../tests/fixtures/linked"))
            .unwrap_or_else(|error| panic!("{error}"));
        let output = OutputDir::create(&dir).unwrap_or_else(|error| panic!("{error}"));
        let (indexed, ()) =
            write_search_index(&output, &built, || ()).unwrap_or_else(|error| panic!("{error}"));
        // Four articles and the two sections; not the home page, the tags or the archives.
        assert_eq!(indexed.pages, 6);
        for file in ["pagefind.js", "pagefind-entry.json", SEARCH_MODULE_FILE] {
            assert!(dir.join(SEARCH_DIR).join(file).is_file(), "{file}");
        }
        let chunk =
            std::fs::read_to_string(dir.join("pagefind/vocabulary/f73.txt")).unwrap_or_default();
        assert!(chunk.contains("series "), "{chunk}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn text_outside_tags_and_references_is_split_into_words() {
        let text = text_of("<p>Rust&amp;<b>Leptos</b> &#39;wasm&#39; a<br>b</p>");
        let found: Vec<String> = words(&text).collect();
        assert_eq!(found, ["rust", "leptos", "wasm"]);
    }

    #[test]
    fn each_word_is_in_the_chunks_of_its_first_and_second_character() {
        let vocabulary = vocabulary(["<p>rust rust</p>", "<p>Rust über</p>"].into_iter());
        assert_eq!(vocabulary.get("rust"), Some(&2));
        let chunks = vocabulary_chunks(&vocabulary);
        assert_eq!(chunks.get("f72.txt").map(String::as_str), Some("rust 2\n"));
        assert_eq!(chunks.get("s75.txt").map(String::as_str), Some("rust 2\n"));
        assert_eq!(chunks.get("ffc.txt").map(String::as_str), Some("über 1\n"));
        assert_eq!(chunks.get("s62.txt").map(String::as_str), Some("über 1\n"));
        assert_eq!(
            chunks.get("p72-75.txt").map(String::as_str),
            Some("rust 2\n")
        );
    }
}
