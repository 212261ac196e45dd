//! The search index proper: the words of each document, their stems (Snowball, in the site's
//! language), and for each stem its documents with a precomputed BM25 score; then the files
//! the browser reads: the stems' lists in files of a bounded size, and the vocabulary (every
//! word, its document count and where its stem's list is) in chunks by its first letters.
//! Each pass is linear in the documents' words.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::OnceLock;

use pagefind_stem::{Algorithm, Stemmer};
use regex_syntax::hir::{Class, Hir, HirKind};

/// Longer runs of letters are no words a reader types (hashes, long identifiers): not indexed.
pub const LONGEST_WORD: usize = 40;
/// Words shorter than this are never corrected (a typo in a two-letter word is another word).
const SHORTEST_CORRECTED: usize = 3;
/// Words longer than this are never offered as corrections.
const LONGEST_CORRECTED: usize = 24;
/// A stems file is closed once it holds this many bytes: a word's list costs one small read
/// unless the word itself is common (its list then is a file of its own).
const STEMS_FILE_BYTES: usize = 8 * 1024;

/// How much a word counts where it stands: a title's words count most, then a heading's.
pub const TITLE_WEIGHT: u32 = 5;
pub const HEADING_WEIGHT: u32 = 2;
pub const TEXT_WEIGHT: u32 = 1;

// BM25's usual constants.
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Scores are stored as integers: this many steps per unit.
const SCORE_SCALE: f64 = 20.0;

/// The words of `text`, lower-cased: runs of letters and digits, with the combining signs and
/// joiners written inside them (a Hindi word's virama, an accent typed as its own character,
/// a Persian word's zero-width non-joiner), as Unicode's word characters are (UTS #18); a
/// character of a script written without spaces (Chinese, Japanese, Korean) is a word of its
/// own. The browser splits a query the same way (`search.js`).
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut rest = text;
    std::iter::from_fn(move || {
        loop {
            let start =
                rest.find(|character: char| character.is_alphanumeric() || is_unspaced(character))?;
            let from_start = &rest[start..];
            let first = from_start.chars().next()?;
            let length = if is_unspaced(first) {
                first.len_utf8()
            } else {
                from_start
                    .char_indices()
                    .skip(1)
                    .find(|&(_, character)| is_unspaced(character) || !is_inside_word(character))
                    .map_or(from_start.len(), |(end, _)| end)
            };
            let (word, after) = from_start.split_at(length);
            rest = after;
            if word.chars().count() <= LONGEST_WORD {
                return Some(word.to_lowercase());
            }
        }
    })
}

/// Whether `character` continues a word: a letter or a digit, a combining mark or a joiner.
fn is_inside_word(character: char) -> bool {
    character.is_alphanumeric() || (!character.is_ascii() && is_mark_or_joiner(character))
}

/// Whether `character` is a combining mark (`\p{M}`) or a zero-width joiner or non-joiner,
/// by the ranges of Unicode's tables as `regex-syntax` holds them (read once).
fn is_mark_or_joiner(character: char) -> bool {
    static RANGES: OnceLock<Vec<(char, char)>> = OnceLock::new();
    let ranges = RANGES.get_or_init(|| {
        match regex_syntax::parse(r"[\p{M}\x{200C}\x{200D}]").map(Hir::into_kind) {
            Ok(HirKind::Class(Class::Unicode(class))) => class
                .ranges()
                .iter()
                .map(|range| (range.start(), range.end()))
                .collect(),
            _ => Vec::new(),
        }
    });
    // The first range not wholly before `character` holds it, if any does.
    let at = ranges.partition_point(|&(_, end)| end < character);
    ranges.get(at).is_some_and(|&(start, _)| start <= character)
}

/// Scripts written without spaces between words (kept in step with `search.js`).
fn is_unspaced(character: char) -> bool {
    matches!(u32::from(character),
        0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

/// The Snowball stemmer of a language tag's language, if there is one.
pub fn stemmer(language: &str) -> Option<Stemmer> {
    let primary = language.split(['-', '_']).next()?.to_ascii_lowercase();
    let algorithm = match primary.as_str() {
        "ar" => Algorithm::Arabic,
        "hy" => Algorithm::Armenian,
        "eu" => Algorithm::Basque,
        "ca" => Algorithm::Catalan,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "eo" => Algorithm::Esperanto,
        "et" => Algorithm::Estonian,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hi" => Algorithm::Hindi,
        "hu" => Algorithm::Hungarian,
        "id" => Algorithm::Indonesian,
        "ga" => Algorithm::Irish,
        "it" => Algorithm::Italian,
        "lt" => Algorithm::Lithuanian,
        "nb" | "nn" | "no" => Algorithm::Norwegian,
        "ne" => Algorithm::Nepali,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sr" => Algorithm::Serbian,
        "pl" => Algorithm::Polish,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        "yi" => Algorithm::Yiddish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// One document's words, counted: for each word its weighted count, and how many words the
/// document has in all.
#[derive(Debug, Default)]
pub struct CountedWords {
    pub counts: HashMap<String, u32>,
    pub length: u32,
}

impl CountedWords {
    /// Counts the words of `text`, each `weight` times.
    pub fn add(&mut self, text: &str, weight: u32) {
        for word in words(text) {
            *self.counts.entry(word).or_default() += weight;
            self.length = self.length.saturating_add(1);
        }
    }
}

/// The files of the index: by name under the index's folder, their text.
#[derive(Debug, Default)]
pub struct IndexFiles {
    pub stems: Vec<(String, String)>,
    pub vocabulary: BTreeMap<String, String>,
    /// How many distinct words the documents have.
    pub words: usize,
}

/// The index of `documents` (each one's counted words, in document order: a document is
/// known by its position), its stems in `stems/<n>.json` and its vocabulary in chunks.
pub fn index(documents: &[CountedWords], stemmer: Option<&Stemmer>) -> IndexFiles {
    // Each word's documents count, and each stem's documents with their weighted counts.
    let mut word_documents: HashMap<&str, u32> = HashMap::new();
    for document in documents {
        for word in document.counts.keys() {
            *word_documents.entry(word).or_default() += 1;
        }
    }
    // Each distinct word stemmed once.
    let stem_of: HashMap<&str, String> = word_documents
        .keys()
        .map(|word| {
            let stem = match stemmer {
                Some(stemmer) => stemmer.stem(word).into_owned(),
                None => (*word).to_owned(),
            };
            (*word, stem)
        })
        .collect();
    let mut postings: HashMap<&str, Vec<(u32, u32)>> = HashMap::new();
    for (number, document) in documents.iter().enumerate() {
        let number = u32::try_from(number).unwrap_or(u32::MAX);
        let mut by_stem: HashMap<&str, u32> = HashMap::new();
        for (word, count) in &document.counts {
            let stem = stem_of
                .get(word.as_str())
                .map_or(word.as_str(), String::as_str);
            *by_stem.entry(stem).or_default() += count;
        }
        for (stem, count) in by_stem {
            postings.entry(stem).or_default().push((number, count));
        }
    }

    let total = documents.len().max(1) as f64;
    let average_length = documents
        .iter()
        .map(|document| f64::from(document.length))
        .sum::<f64>()
        / total;
    let score = |documents_with_it: usize, count: u32, length: u32| {
        let idf = (1.0
            + (total - documents_with_it as f64 + 0.5) / (documents_with_it as f64 + 0.5))
            .ln();
        let count = f64::from(count);
        let relative_length = f64::from(length) / average_length.max(1.0);
        let weight = idf * count * (K1 + 1.0) / (count + K1 * (1.0 - B + B * relative_length));
        (weight * SCORE_SCALE).round().max(1.0) as u64
    };

    // The stems' lists, in the stems' order, into files of about STEMS_FILE_BYTES.
    let mut stems: Vec<(&str, &Vec<(u32, u32)>)> =
        postings.iter().map(|(stem, list)| (*stem, list)).collect();
    stems.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut files = IndexFiles::default();
    let mut file_of: HashMap<&str, usize> = HashMap::with_capacity(stems.len());
    let mut file = String::new();
    for (stem, list) in stems {
        let mut entry = String::with_capacity(list.len() * 6 + stem.len() + 8);
        let _ = write!(entry, "{}:[", json_string(stem));
        let mut previous = 0;
        for (index, (number, count)) in list.iter().enumerate() {
            let length = documents[*number as usize].length;
            if index > 0 {
                entry.push(',');
            }
            // Documents ascend: each is stored as the step from the one before.
            let _ = write!(
                entry,
                "{},{}",
                number - previous,
                score(list.len(), *count, length)
            );
            previous = *number;
        }
        entry.push(']');
        if !file.is_empty() && file.len() + entry.len() > STEMS_FILE_BYTES {
            close_stems_file(&mut files, &mut file);
        }
        file.push(if file.is_empty() { '{' } else { ',' });
        file.push_str(&entry);
        file_of.insert(stem, files.stems.len());
    }
    if !file.is_empty() {
        close_stems_file(&mut files, &mut file);
    }

    // The vocabulary: every word with its document count, its stem and the stem's file.
    let mut vocabulary: Vec<(&str, u32)> = word_documents.into_iter().collect();
    vocabulary.sort_unstable();
    files.words = vocabulary.len();
    for (word, count) in vocabulary {
        let stem = stem_of.get(word).map_or(word, String::as_str);
        let stem_file = file_of.get(stem).copied().unwrap_or_default();
        let mut characters = word.chars();
        let first = characters.next().map_or(0, u32::from);
        let (lookup, second) = match characters.next() {
            Some(second) => (
                format!("p{first:x}-{:x}.txt", u32::from(second)),
                Some(second),
            ),
            None => (format!("p{first:x}.txt"), None),
        };
        let line = if stem == word {
            format!("{word} {count} {stem_file}\n")
        } else {
            format!("{word} {count} {stem_file} {stem}\n")
        };
        files.vocabulary.entry(lookup).or_default().push_str(&line);
        // Words one edit from a typo in the first two letters: by first and by second letter.
        let length = word.chars().count();
        if let Some(second) = second
            && (SHORTEST_CORRECTED..=LONGEST_CORRECTED).contains(&length)
            && word.chars().any(char::is_alphabetic)
        {
            for name in [
                format!("f{first:x}.txt"),
                format!("s{:x}.txt", u32::from(second)),
            ] {
                let _ = writeln!(files.vocabulary.entry(name).or_default(), "{word} {count}");
            }
        }
    }
    files
}

fn close_stems_file(files: &mut IndexFiles, file: &mut String) {
    file.push('}');
    let name = format!("{}.json", files.stems.len());
    files.stems.push((name, std::mem::take(file)));
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(text: &str) -> CountedWords {
        let mut words = CountedWords::default();
        words.add(text, TEXT_WEIGHT);
        words
    }

    #[test]
    fn words_are_runs_of_letters_and_digits_and_each_cjk_character() {
        let found: Vec<String> = words("Rust&Leptos: 'wasm' 2024 über 日本語abc").collect();
        assert_eq!(
            found,
            [
                "rust", "leptos", "wasm", "2024", "über", "日", "本", "語", "abc"
            ]
        );
        let long = "x".repeat(LONGEST_WORD + 1);
        assert_eq!(words(&format!("{long} ok")).collect::<Vec<_>>(), ["ok"]);
    }

    #[test]
    fn combining_signs_and_joiners_stay_inside_their_word() {
        // Hindi's virama (U+094D) and nukta (U+093C), an accent typed as its own character,
        // Persian's zero-width non-joiner, Thai's tone mark: each word whole.
        let found: Vec<String> = words("हिन्दी भाषा ज़रूरी, cafe\u{301} می\u{200c}خواهم น้ำ").collect();
        assert_eq!(
            found,
            [
                "हिन्दी",
                "भाषा",
                "ज़रूरी",
                "cafe\u{301}",
                "می\u{200c}خواهم",
                "น้ำ"
            ]
        );
        // A sign with no letter before it starts no word.
        assert_eq!(
            words("\u{301}\u{94d} 日\u{301}x").collect::<Vec<_>>(),
            ["日", "x"]
        );
    }

    #[test]
    fn a_stems_list_holds_its_documents_with_scores_and_the_vocabulary_points_to_it() {
        let english = stemmer("en-GB");
        let documents = [
            counted("reading is good"),
            counted("nothing here"),
            counted("she reads; reading again"),
        ];
        let files = index(&documents, english.as_ref());
        let all: String = files.stems.iter().map(|(_, text)| text.as_str()).collect();
        // Documents 0 and 2 (steps 0, 2), the second with two of the stem's words.
        let list = all
            .split("\"read\":[")
            .nth(1)
            .and_then(|rest| rest.split(']').next())
            .unwrap_or_default();
        let numbers: Vec<u64> = list.split(',').filter_map(|n| n.parse().ok()).collect();
        assert_eq!((numbers[0], numbers[2]), (0, 2), "{list}");
        assert!(
            numbers[3] > numbers[1],
            "more of the word scores higher: {list}"
        );
        let chunk = files
            .vocabulary
            .get("p72-65.txt")
            .cloned()
            .unwrap_or_default();
        assert!(chunk.contains("reading 2 0 read\n"), "{chunk}");
        assert!(chunk.contains("reads 1 0 read\n"), "{chunk}");
        let typos = files.vocabulary.get("f72.txt").cloned().unwrap_or_default();
        assert!(typos.contains("reading 2\n"), "{typos}");
        assert_eq!(files.words, 8);
    }

    #[test]
    fn a_common_stem_fills_a_file_of_its_own() {
        let documents: Vec<CountedWords> = (0..3000).map(|_| counted("common")).collect();
        let files = index(&documents, None);
        assert_eq!(files.stems.len(), 1);
        assert!(files.stems[0].1.len() > STEMS_FILE_BYTES);
        let many: Vec<CountedWords> = (0..3000)
            .map(|number| counted(&format!("w{number} x{number}")))
            .collect();
        let files = index(&many, None);
        assert!(files.stems.len() > 1);
        assert!(
            files
                .stems
                .iter()
                .all(|(_, text)| text.len() <= STEMS_FILE_BYTES + 64)
        );
    }
}
