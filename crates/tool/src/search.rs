//! Search at build time: every article and section page is indexed from the build's render
//! of its body (no page is parsed again), and the index, the app's search module and its
//! typo vocabulary are written under `search-index/` in the output folder, through
//! [`OutputDir`] like every other file. The browser fetches none of it until the reader
//! opens search; then a query reads the vocabulary chunk of each of its words, the list of
//! documents of each word's stem, and the text of the results it shows.
//!
//! What is written: `pages/<n>.json.gz` (numbered newest first: a page's address, title,
//! date, section, tags and text by heading, the results' excerpts and sub-results, as JSON
//! stored gzipped: less than half the size, as Pagefind stores its fragments; the module
//! inflates it), `stems/<n>.json` (each stem's
//! documents and scores), `vocabulary/*.txt` (see `blogreader_search::index`), `filters.json` with
//! `filters/<n>.json` (each tag's and section's documents) and `blogreader-search.js`.

use std::collections::BTreeMap;
use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;
use rayon::prelude::*;

use crate::output::OutputDir;
use crate::{BuiltSite, ToolError};
use blogreader_content::site::{PageEntry, PageKind, Site};
use blogreader_search::index::{self, CountedWords};
use blogreader_search::text::Section;
use blogreader_search::{SearchDocument, searchable_text};
use blogreader_site::fingerprint::Fingerprint;
use blogreader_site::kept::{KeptResults, KeptUpdate, Reader, Writer};

/// The folder of the output that holds everything search loads.
pub const SEARCH_DIR: &str = "search-index/";

/// The app's search module: loaded by the search page on demand, it reads the index, adds
/// typo tolerance and hands the app plain data.
const SEARCH_MODULE: &str = include_str!("search.js");
const SEARCH_MODULE_FILE: &str = "blogreader-search.js";

/// What [`write_search_index`] wrote.
#[derive(Debug, Default)]
pub struct SearchIndexed {
    pub pages: usize,
    /// Files and bytes of the whole index, and the vocabulary's words and bytes.
    pub files: usize,
    pub bytes: usize,
    pub vocabulary_words: usize,
    pub vocabulary_bytes: usize,
    /// How many pages' searchable texts were the last build's.
    pub texts_kept: usize,
    /// How long the whole took (the benchmark reports it).
    pub elapsed: std::time::Duration,
}

/// Indexes every article and section page of `built` and writes the index, the module and
/// the vocabulary under [`SEARCH_DIR`] in `output`, the pages' files over all the cores.
pub fn write_search_index(
    output: &OutputDir,
    built: &BuiltSite,
) -> Result<SearchIndexed, ToolError> {
    let started = std::time::Instant::now();
    let site = &built.site;
    // Numbered newest first (undated last), so that the browser sorts by date by number.
    let mut pages: Vec<&PageEntry> = searchable_pages(site).collect();
    let instant = |page: &PageEntry| page.date.map(|date| (date.unix(), date.nanosecond));
    pages.sort_by_key(|page| std::cmp::Reverse(instant(page)));
    let documents: Vec<(SearchDocument, CountedWords)> = pages
        .par_iter()
        .map(|page| {
            let body = built.bodies.get(&page.url).map_or("", |body| &body.html);
            search_document(site, page, built.search_texts.text(&page.title, body))
        })
        .collect();
    let written: Vec<usize> = documents
        .par_iter()
        .enumerate()
        .map(|(number, (document, _))| {
            let json = document.to_json();
            let file = format!("{SEARCH_DIR}pages/{number}.json.gz");
            // Kept from the last build when its text is the same: compressed only when new.
            let stored =
                output.write_made(&file, Fingerprint::of_bytes(&json), || gzipped(&json))?;
            Ok(usize::try_from(stored).unwrap_or(usize::MAX))
        })
        .collect::<Result<_, ToolError>>()?;
    let mut files = written.len();
    let mut bytes: usize = written.iter().sum();
    let mut write = |name: String, text: &str| -> Result<(), ToolError> {
        output.write(&format!("{SEARCH_DIR}{name}"), text.as_bytes())?;
        files += 1;
        bytes += text.len();
        Ok(())
    };

    let filters = filters(&documents);
    for (name, text) in &filters.files {
        write(format!("filters/{name}"), text)?;
    }
    write("filters.json".to_owned(), &filters.counts)?;

    let counted: Vec<CountedWords> = documents.into_iter().map(|(_, words)| words).collect();
    let stemmer = index::stemmer(&site.config().language_code);
    let index = index::index(&counted, stemmer.as_ref());
    for (name, text) in &index.stems {
        write(format!("stems/{name}"), text)?;
    }
    let mut vocabulary_bytes = 0;
    for (name, text) in &index.vocabulary {
        write(format!("vocabulary/{name}"), text)?;
        vocabulary_bytes += text.len();
    }
    // The module asks only for chunks that exist (a missing one would be a 404 to log).
    let names: Vec<&String> = index.vocabulary.keys().collect();
    let names = serde_json::to_string(&names).unwrap_or_else(|_| "[]".to_owned());
    let module = SEARCH_MODULE.replacen("/* chunk names */ []", &names, 1);
    write(SEARCH_MODULE_FILE.to_owned(), &module)?;
    Ok(SearchIndexed {
        pages: counted.len(),
        files,
        bytes,
        vocabulary_words: index.words,
        vocabulary_bytes,
        texts_kept: built.search_texts.reused(),
        elapsed: started.elapsed(),
    })
}

/// `bytes` as a gzip file (no name, no time: the same bytes make the same file).
fn gzipped(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 2), Compression::default());
    // Writing into memory does not fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
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

/// What search shows of `page` (title, date, section, tags and its body's text by heading,
/// `text`, with its words counted).
fn search_document<'p>(
    site: &'p Site,
    page: &'p PageEntry,
    (sections, words): SearchText,
) -> (SearchDocument<'p>, CountedWords) {
    let section = if page.kind == PageKind::Section {
        Some(page)
    } else {
        site.page_by_url(&page.parent)
            .filter(|parent| parent.kind == PageKind::Section)
    };
    let document = SearchDocument {
        url: &page.url,
        title: &page.title,
        date: page.date.map(|date| date.display()),
        datetime: page.date.map(|date| date.rfc3339()),
        section: section.map(|section| section.title.as_str()),
        tags: site
            .tags(page)
            .into_iter()
            .map(|term| term.title.as_str())
            .collect(),
        sections,
    };
    (document, words)
}

/// A page's text by heading, and its words counted.
type SearchText = (Vec<Section>, CountedWords);

/// What the file of kept texts starts with.
const KEPT_TEXTS_HEADER: &[u8] = b"blogreader search texts 1\n";

/// Each page's searchable text as an earlier build made it from the page's title and body,
/// kept (see `blogreader_site::kept`) so that a rebuild makes only the texts of the pages
/// an edit changed.
#[derive(Default)]
pub struct KeptSearchTexts {
    /// What texts depend on besides the title and the body: this tool's build.
    salt: Vec<u8>,
    results: KeptResults,
}

impl KeptSearchTexts {
    /// The texts in `file` (as [`KeptSearchTexts::update`]s wrote it), reused only by a
    /// build with the same `salt`.
    pub fn new(salt: &[u8], file: Vec<u8>) -> KeptSearchTexts {
        KeptSearchTexts {
            salt: salt.to_owned(),
            results: KeptResults::new(KEPT_TEXTS_HEADER, file),
        }
    }

    /// The searchable text of a page titled `title` whose body renders to `body_html`.
    fn text(&self, title: &str, body_html: &str) -> SearchText {
        self.results.reuse_or_make(
            || Fingerprint::of(&[&self.salt, title.as_bytes(), body_html.as_bytes()]),
            decode_text,
            || searchable_text(title, body_html),
            |text| Some(encode_text(text)),
        )
    }

    /// How many texts this build reused.
    pub fn reused(&self) -> usize {
        self.results.reused()
    }

    /// What to write of this build's texts for the next build's [`KeptSearchTexts::new`].
    pub fn update(&self) -> KeptUpdate {
        self.results.update()
    }
}

fn encode_text((sections, words): &SearchText) -> Writer {
    let mut out = Writer::default();
    out.list(sections, |out, section| {
        out.str(&section.id);
        out.str(&section.title);
        out.str(&section.text);
    });
    let counts: Vec<(&String, &u32)> = words.counts.iter().collect();
    out.list(&counts, |out, (word, count)| {
        out.str(word);
        out.u32(**count as usize);
    });
    out.u32(words.length as usize);
    out
}

fn decode_text(reader: &mut Reader) -> Option<SearchText> {
    let sections = reader.list(|reader| {
        Some(Section {
            id: reader.string()?,
            title: reader.string()?,
            text: reader.string()?,
        })
    })?;
    let counts = reader.list(|reader| Some((reader.string()?, reader.u32()?)))?;
    let words = CountedWords {
        counts: counts.into_iter().collect(),
        length: reader.u32()?,
    };
    Some((sections, words))
}

/// The filters' files: `filters.json`, each tag's and section's document count and file,
/// and the files, each the numbers of a value's documents.
struct FilterFiles {
    counts: String,
    files: Vec<(String, String)>,
}

fn filters(documents: &[(SearchDocument, CountedWords)]) -> FilterFiles {
    let mut values: BTreeMap<&str, BTreeMap<&str, Vec<usize>>> = BTreeMap::new();
    for (number, (document, _)) in documents.iter().enumerate() {
        if let Some(section) = document.section {
            values
                .entry("section")
                .or_default()
                .entry(section)
                .or_default()
                .push(number);
        }
        for tag in &document.tags {
            let numbers = values.entry("tag").or_default().entry(tag).or_default();
            // A tag named twice on a page counts the page once.
            if numbers.last() != Some(&number) {
                numbers.push(number);
            }
        }
    }
    let mut files = Vec::new();
    let mut counts: BTreeMap<&str, BTreeMap<&str, (usize, usize)>> = BTreeMap::new();
    for (filter, by_value) in &values {
        for (value, numbers) in by_value {
            let name = format!("{}.json", files.len());
            counts
                .entry(filter)
                .or_default()
                .insert(value, (numbers.len(), files.len()));
            files.push((name, serde_json::to_string(numbers).unwrap_or_default()));
        }
    }
    FilterFiles {
        counts: serde_json::to_string(&counts).unwrap_or_else(|_| "{}".to_owned()),
        files,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_is_indexed_with_its_module_and_vocabulary_inside_the_output_folder() {
        let dir = std::env::temp_dir().join(format!("blogreader-search-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let built = crate::build(std::path::Path::new("../../tests/fixtures/linked"))
            .unwrap_or_else(|error| panic!("{error}"));
        let output = OutputDir::create(&dir).unwrap_or_else(|error| panic!("{error}"));
        let indexed = write_search_index(&output, &built).unwrap_or_else(|error| panic!("{error}"));
        // Four articles and the two sections; not the home page, the tags or the archives.
        assert_eq!(indexed.pages, 6);
        let read = |file: &str| {
            std::fs::read_to_string(dir.join(SEARCH_DIR).join(file))
                .unwrap_or_else(|error| panic!("{file}: {error}"))
        };
        let module = read(SEARCH_MODULE_FILE);
        assert!(
            module.contains("\"p73-65.txt\""),
            "the module names the chunks"
        );
        assert!(read("vocabulary/f73.txt").contains("series "));
        let pages: Vec<serde_json::Value> = (0..6)
            .map(|number| {
                let file = dir.join(SEARCH_DIR).join(format!("pages/{number}.json.gz"));
                let stored = std::fs::read(&file).unwrap_or_default();
                let json = flate2::read::GzDecoder::new(stored.as_slice());
                serde_json::from_reader(json).unwrap_or_default()
            })
            .collect();
        assert!(
            pages
                .iter()
                .all(|page| page["url"].as_str().is_some_and(|url| url.starts_with('/')))
        );
        // Newest first, the undated sections last.
        let dates: Vec<&str> = pages
            .iter()
            .map(|page| page["datetime"].as_str().unwrap_or(""))
            .collect();
        let mut newest_first = dates.clone();
        newest_first.sort_by(|a, b| b.cmp(a));
        assert_eq!(dates, newest_first);
        assert!(pages.iter().any(|page| {
            page["sections"][0]["text"]
                .as_str()
                .is_some_and(|text| !text.is_empty())
        }));
        let filters: serde_json::Value =
            serde_json::from_str(&read("filters.json")).unwrap_or_default();
        assert!(
            filters["section"]
                .as_object()
                .is_some_and(|sections| !sections.is_empty()),
            "{filters}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
