//! Titles of the list pages that no front matter titles, as current Hugo gives them
//! (`hugolib/page__meta.go`, `applyDefaultValues`): a section is its folder name in the plural
//! (`pluralizeListTitles`, flect's rules: `inflect`) and title-cased
//! (`capitalizeListTitles`, in the `titleCaseStyle`); a taxonomy is its name title-cased, `-`
//! as spaces; a term is the term as first written, title-cased. Build time only: the titles
//! reach the browser in the route data.

use serde_json::Value;

use super::inflect::pluralize;

/// The site's settings for list titles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListTitles {
    /// `pluralizeListTitles` (on by default).
    pub pluralize: bool,
    /// `capitalizeListTitles` (on by default).
    pub capitalize: bool,
    /// `titleCaseStyle`.
    pub style: TitleCaseStyle,
}

impl Default for ListTitles {
    fn default() -> Self {
        ListTitles {
            pluralize: true,
            capitalize: true,
            style: TitleCaseStyle::Ap,
        }
    }
}

/// Hugo's `titleCaseStyle` (`helpers.GetTitleFunc`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleCaseStyle {
    /// Associated Press: every word capitalised but short articles, conjunctions and
    /// prepositions inside the title (Hugo's default, and what any unknown name gives).
    Ap,
    /// Chicago: as AP, and every preposition stays lower case inside the title.
    Chicago,
    /// Go's `strings.Title`: the first letter of every word.
    Go,
    /// The first letter only.
    FirstUpper,
    /// As written.
    None,
}

impl TitleCaseStyle {
    fn named(name: &str) -> TitleCaseStyle {
        match name.to_lowercase().as_str() {
            "chicago" => TitleCaseStyle::Chicago,
            "go" => TitleCaseStyle::Go,
            "firstupper" => TitleCaseStyle::FirstUpper,
            "none" => TitleCaseStyle::None,
            _ => TitleCaseStyle::Ap,
        }
    }
}

impl ListTitles {
    /// Reads the config key `key` (lower case) when it is one of these settings: `None` for
    /// another key, else whether its value was of the right type (the expected type if not).
    pub(crate) fn read(&mut self, key: &str, value: &Value) -> Option<Result<(), &'static str>> {
        let flag = || value.as_bool().ok_or("a boolean");
        let result = match key {
            "pluralizelisttitles" => flag().map(|on| self.pluralize = on),
            "capitalizelisttitles" => flag().map(|on| self.capitalize = on),
            "titlecasestyle" => value
                .as_str()
                .map(|name| self.style = TitleCaseStyle::named(name))
                .ok_or("a string"),
            _ => return None,
        };
        Some(result)
    }

    /// The title of a section from its folder name as written (`post` → `Posts`).
    pub fn section(&self, folder: &str) -> String {
        if self.pluralize {
            self.capitalized(&pluralize(folder))
        } else {
            self.capitalized(folder)
        }
    }

    /// The title of a taxonomy's page from its name (`tags` → `Tags`, `my-topics` →
    /// `My Topics`).
    pub fn taxonomy(&self, plural: &str) -> String {
        self.capitalized(plural).replace('-', " ")
    }

    /// The title of a term's page from the term as first written (`static sites` → `Static
    /// Sites`).
    pub fn term(&self, term: &str) -> String {
        self.capitalized(term)
    }

    fn capitalized(&self, text: &str) -> String {
        if self.capitalize {
            title_case(text, self.style)
        } else {
            text.to_owned()
        }
    }
}

/// `text` in title case in `style`.
fn title_case(text: &str, style: TitleCaseStyle) -> String {
    match style {
        TitleCaseStyle::Ap => styled_title(text, &|_| false),
        TitleCaseStyle::Chicago => styled_title(text, &|word| PREPOSITIONS.contains(&word)),
        TitleCaseStyle::Go => go_title(text),
        TitleCaseStyle::FirstUpper => first_upper(text),
        TitleCaseStyle::None => text.to_owned(),
    }
}

/// The words AP style leaves in lower case inside a title (jdkato/prose's `smallWords`).
const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "en", "for", "if", "in", "nor", "of", "on", "or",
    "per", "the", "to", "vs", "vs.", "via", "v", "v.",
];

/// The prepositions Chicago style leaves in lower case too (prose's `prepositions`).
const PREPOSITIONS: &[&str] = &[
    "with",
    "from",
    "into",
    "during",
    "including",
    "until",
    "against",
    "among",
    "throughout",
    "despite",
    "towards",
    "upon",
    "concerning",
    "about",
    "over",
    "through",
    "before",
    "between",
    "after",
    "since",
    "without",
    "under",
    "within",
    "along",
    "following",
    "across",
    "beyond",
    "around",
    "down",
    "near",
    "above",
];

/// jdkato/prose's `TitleConverter.Title`, which Hugo's AP and Chicago styles are: each word
/// (a letter or digit, then anything up to a space, `-` or `/`) gets an upper-case first
/// letter, except a small word (or `lower_too`) that is neither first nor last and follows a
/// space, `-` or `/`. prose measures positions in a copy with curly quotes and dashes made
/// ASCII, mixing byte and character counts; that is kept, for the same titles.
fn styled_title(text: &str, lower_too: &dyn Fn(&str) -> bool) -> String {
    let ascii = text
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{2013}', '\u{2014}'], "-")
        .replace('\u{2026}', "...");
    let bytes = ascii.as_bytes();
    let first_byte = bytes.first().copied().unwrap_or(b' ');
    let at = |index: i64| -> u8 {
        usize::try_from(index)
            .ok()
            .and_then(|index| bytes.get(index).copied())
            .unwrap_or(first_byte)
    };
    let end = i64::try_from(ascii.len()).unwrap_or(i64::MAX);
    let mut titled = String::with_capacity(text.len());
    let mut searched_to: i64 = 0;
    let mut rest = text;
    while let Some(start) = rest.find(char::is_alphanumeric) {
        let (before, from_word) = rest.split_at(start);
        titled.push_str(before);
        let length = from_word
            .find(|character: char| {
                matches!(character, '-' | '/' | ' ' | '\t' | '\n' | '\r' | '\u{c}')
            })
            .unwrap_or(from_word.len());
        let (word, after) = from_word.split_at(length);
        rest = after;
        let lower = word.to_lowercase();
        let search_from = usize::try_from(searched_to).unwrap_or(0);
        let position = ascii
            .get(search_from..)
            .and_then(|tail| tail.find(word))
            .map_or(searched_to - 1, |found| {
                searched_to + i64::try_from(found).unwrap_or(0)
            });
        let characters = i64::try_from(word.chars().count()).unwrap_or(0);
        searched_to = position + characters;
        let bounding = position == 0 || searched_to == end;
        let previous = at(position - 1);
        let stays_lower = !bounding
            && (SMALL_WORDS.contains(&lower.as_str()) || lower_too(&lower))
            && matches!(previous, b' ' | b'-' | b'/')
            && at(position - 2) != b':'
            && at(position - 2) != b'-'
            && (at(position + characters) != b'-' || previous == b'-');
        if stays_lower {
            titled.push_str(&lower);
        } else {
            titled.push_str(&first_upper(word));
        }
    }
    titled.push_str(rest);
    titled
}

/// Go's `strings.Title`: upper case after a space or ASCII punctuation.
fn go_title(text: &str) -> String {
    let mut titled = String::with_capacity(text.len());
    let mut after_separator = true;
    for character in text.chars() {
        if after_separator {
            titled.extend(character.to_uppercase());
        } else {
            titled.push(character);
        }
        after_separator = if character.is_ascii() {
            !(character.is_ascii_alphanumeric() || character == '_')
        } else {
            !character.is_alphanumeric() && character.is_whitespace()
        };
    }
    titled
}

/// Hugo's `FirstUpper`: the first letter in upper case.
fn first_upper(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hugo's `TestListTitles` (hugolib/page__meta_test.go): a section `section-1`, the
    /// taxonomy `tags` and the term `tag-a`, with every setting on, then off.
    #[test]
    fn hugos_list_titles_with_the_settings_on_and_off() {
        let on = ListTitles::default();
        assert_eq!(on.section("section-1"), "Section-1s");
        assert_eq!(on.taxonomy("tags"), "Tags");
        assert_eq!(on.term("tag-a"), "Tag-A");
        let off = ListTitles {
            pluralize: false,
            capitalize: false,
            ..ListTitles::default()
        };
        assert_eq!(off.section("section-1"), "section-1");
        assert_eq!(off.taxonomy("tags"), "tags");
        assert_eq!(off.term("tag-a"), "tag-a");
    }

    #[test]
    fn a_blogs_sections_taxonomies_and_terms() {
        let titles = ListTitles::default();
        assert_eq!(titles.section("post"), "Posts");
        assert_eq!(titles.section("posts"), "Posts");
        assert_eq!(titles.section("category"), "Categories");
        assert_eq!(titles.section("news"), "News");
        assert_eq!(titles.section("Big Data"), "Big Data");
        assert_eq!(titles.section("notes of the day"), "Notes of the Days");
        assert_eq!(titles.taxonomy("my-topics"), "My Topics");
        assert_eq!(
            titles.term("the lord of the rings"),
            "The Lord of the Rings"
        );
        assert_eq!(
            titles.term("iOS"),
            "IOS",
            "prose upper-cases the first letter only"
        );
        assert_eq!(titles.term("C++"), "C++");
    }

    /// Hugo's `titleCaseStyle` values (`helpers.GetTitleFunc`), each on one text.
    #[test]
    fn every_title_case_style() {
        let text = "a tale of two cities through war-time";
        let styled = |name: &str| title_case(text, TitleCaseStyle::named(name));
        assert_eq!(styled("ap"), "A Tale of Two Cities Through War-Time");
        assert_eq!(styled("AP"), styled("anything else"));
        assert_eq!(styled("Chicago"), "A Tale of Two Cities through War-Time");
        assert_eq!(styled("go"), "A Tale Of Two Cities Through War-Time");
        assert_eq!(
            styled("firstupper"),
            "A tale of two cities through war-time"
        );
        assert_eq!(styled("none"), text);
        // prose keeps a small word lower case after a space, `-` or `/`, but not at the end.
        assert_eq!(
            title_case("up-to-date in the end", TitleCaseStyle::Ap),
            "Up-to-Date in the End"
        );
        assert_eq!(
            title_case("the end of the road", TitleCaseStyle::Ap),
            "The End of the Road"
        );
    }

    #[test]
    fn the_settings_are_read_from_the_config() {
        let mut titles = ListTitles::default();
        assert_eq!(
            titles.read("pluralizelisttitles", &Value::Bool(false)),
            Some(Ok(()))
        );
        assert_eq!(
            titles.read("titlecasestyle", &Value::from("Chicago")),
            Some(Ok(()))
        );
        assert_eq!(
            titles.read("capitalizelisttitles", &Value::from("yes")),
            Some(Err("a boolean"))
        );
        assert_eq!(titles.read("title", &Value::from("Blog")), None);
        assert_eq!(titles.section("post"), "Post");
        assert_eq!(titles.style, TitleCaseStyle::Chicago);
    }
}
