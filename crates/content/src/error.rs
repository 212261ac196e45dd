//! Diagnostics: what the content core found wrong, placed at a 1-based line and column of the
//! original source file, and printed the way Hugo prints it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// `Error`: a page or the site cannot be built (bad front matter or config): the build
/// stops. `Warning`: the page builds and shows the problem where it stands (a broken
/// reference, an unknown shortcode); the strict check treats these as failures too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// What is wrong; the text of each is in [`DiagnosticKind::message`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosticKind {
    /// A `ref`/`relref` that names no page (Hugo's `REF_NOT_FOUND`).
    RefNotFound { reference: String },
    /// A reference whose base name matches more than one page.
    AmbiguousRef { reference: String },
    /// A plain Markdown link to a `.md` file that is no page.
    LinkNotFound { destination: String },
    /// A link to a page's `#anchor` that the page does not have.
    MissingAnchor { reference: String, anchor: String },
    /// A shortcode that is neither built in nor a template of the site: left out.
    UnknownShortcode { name: String },
    /// A shortcode call with no closing `>}}` / `%}}`.
    UnterminatedShortcode { name: String },
    /// A shortcode call that cannot be read or lacks what it needs.
    BadShortcode { name: String, message: String },
    /// Front matter that cannot be split off or parsed, or a reserved key of the wrong type.
    BadFrontMatter { message: String },
    /// A front matter date key whose value is not a date.
    BadDate { key: String, message: String },
    /// A site config file that cannot be read.
    BadConfig { message: String },
    /// `cover.image` found neither in the page bundle, nor under `static/`.
    MissingCover { image: String },
    /// An image in a page's body (Markdown or `figure`) that is no file of the site.
    MissingImage { src: String },
    /// Two pages claim the same URL: one would hide the other.
    DuplicateUrl { url: String, other: String },
    /// An alias that is the URL of another page or alias: one would hide the other.
    AliasCollision { alias: String, other: String },
    /// A section the config's `mainSections` names in which no page is listed.
    EmptyMainSection { section: String },
    /// A menu entry's `pageRef` that names no page.
    MenuPageNotFound { menu: String, page_ref: String },
    /// A file of the site folder that cannot be read as it is (not UTF-8, a symbolic link
    /// loop, a name no URL can carry).
    BadFile { message: String },
    /// A `javascript:`, `vbscript:`, `file:` or non-image `data:` URL where a link is made
    /// from config: left out.
    DangerousUrl { field: String, url: String },
    /// A formula the typesetter cannot read: it shows as its TeX.
    BadMath { tex: String, message: String },
    /// A reference (`relref`, a `.md` link, a menu entry) to a page the site does not
    /// publish: headless, not rendered, or of a disabled kind.
    UnpublishedTarget {
        /// What points at it: `page reference "x"`, `menu "main" entry "/tags/"`.
        reference: String,
    },
    /// A setting or front matter key this reader does not use.
    IgnoredSetting {
        /// `config key "outputs"`, `front matter key "comments"`.
        setting: String,
        /// Why, or what the reader does instead.
        why: String,
        /// How many pages set it (front matter keys only).
        pages: usize,
    },
    /// The theme's params in the site config that this reader does not use, for one reason.
    IgnoredParams { keys: Vec<String>, why: String },
    /// A shortcode whose template (the site's, or an inline one) does not run here: left out.
    UnrenderedShortcode { name: String, reason: String },
}

impl DiagnosticKind {
    /// The problem in words, without its location.
    pub fn message(&self) -> String {
        match self {
            Self::RefNotFound { .. } => "page not found".to_owned(),
            Self::AmbiguousRef { reference } => {
                format!("page reference \"{reference}\" is ambiguous")
            }
            Self::LinkNotFound { destination } => {
                format!("link \"{destination}\": page not found")
            }
            Self::MissingAnchor { reference, anchor } => {
                format!("link \"{reference}\": the page has no anchor \"#{anchor}\"")
            }
            Self::UnknownShortcode { name } => {
                format!("unknown shortcode \"{name}\": left out of the page")
            }
            Self::UnrenderedShortcode { name, reason } => {
                format!("shortcode \"{name}\" left out of the page: {reason}")
            }
            Self::UnterminatedShortcode { name } => {
                format!("shortcode \"{name}\" is never closed")
            }
            Self::BadShortcode { name, message } => format!("shortcode \"{name}\": {message}"),
            Self::BadFrontMatter { message }
            | Self::BadConfig { message }
            | Self::BadFile { message } => message.clone(),
            Self::BadDate { key, message } => format!("front matter key \"{key}\": {message}"),
            Self::MissingCover { image } => {
                format!("cover image \"{image}\" not found in the page bundle nor under static/")
            }
            Self::MissingImage { src } => {
                format!("image \"{src}\" not found in the page bundle nor under static/")
            }
            Self::DuplicateUrl { url, other } => {
                format!("URL \"{url}\" is also the URL of \"{other}\"")
            }
            Self::AliasCollision { alias, other } => {
                format!("alias \"{alias}\" is also the URL of {other}")
            }
            Self::EmptyMainSection { section } => format!(
                "mainSections names \"{section}\", a section without pages: the home page \
                 lists nothing of it"
            ),
            Self::MenuPageNotFound { menu, page_ref } => {
                format!("menu \"{menu}\": pageRef \"{page_ref}\" matches no page")
            }
            Self::DangerousUrl { field, url } => {
                format!("{field} \"{url}\" could run script in a reader's browser: left out")
            }
            Self::BadMath { tex, message } => {
                format!("formula \"{tex}\" cannot be typeset ({message}): it shows as TeX")
            }
            Self::UnpublishedTarget { reference } => format!(
                "{reference} names a page the site does not publish (headless, build render \
                 \"never\", or a kind in disableKinds): it leads nowhere"
            ),
            Self::IgnoredSetting {
                setting,
                why,
                pages,
            } => {
                let count = match pages {
                    0 => String::new(),
                    1 => "; 1 page sets it".to_owned(),
                    many => format!("; {many} pages set it"),
                };
                format!("{setting} is not used by this reader ({why}){count}")
            }
            Self::IgnoredParams { keys, why } => match keys.as_slice() {
                [one] => format!("theme param \"params.{one}\" is not used by this reader ({why})"),
                many => format!(
                    "{} theme params are not used by this reader ({why}): {}",
                    many.len(),
                    many.join(", ")
                ),
            },
        }
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root (`content/posts/a.md`).
    pub file: String,
    /// 1-based line in the original file, front matter included.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    pub kind: DiagnosticKind,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let location = format!("{}:{}:{}", self.file, self.line, self.column);
        match &self.kind {
            DiagnosticKind::RefNotFound { reference } => write!(
                formatter,
                "REF_NOT_FOUND: Ref \"{reference}\": \"{location}\": page not found"
            ),
            kind => write!(formatter, "{location}: {}", kind.message()),
        }
    }
}

impl std::error::Error for Diagnostic {}

/// A problem found at a byte offset of some stage's input text, before it is placed in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub offset: usize,
    pub severity: Severity,
    pub kind: DiagnosticKind,
}

/// The 1-based line and character column of byte `offset` in `text` (clamped to the text).
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = text.get(..end).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let column = before.get(line_start..).unwrap_or("").chars().count() + 1;
    (line, column)
}

/// [`line_column`] of each of `offsets` in `text`, in one pass over the text however many
/// offsets there are.
pub fn line_columns(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let mut order: Vec<(usize, usize)> = offsets.iter().copied().zip(0..).collect();
    order.sort_unstable();
    let mut placed = vec![(1, 1); offsets.len()];
    let (mut line, mut column) = (1, 1);
    let mut characters = text.char_indices().peekable();
    for (offset, index) in order {
        // Only whole characters before the offset count.
        while let Some((_, character)) =
            characters.next_if(|(start, character)| start + character.len_utf8() <= offset)
        {
            if character == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        if let Some(slot) = placed.get_mut(index) {
            *slot = (line, column);
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(kind: DiagnosticKind) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: "content/posts/ai_frameworks/_index.md".to_owned(),
            line: 45,
            column: 23,
            kind,
        }
    }

    #[test]
    fn ref_not_found_prints_hugos_message() {
        let found = diagnostic(DiagnosticKind::RefNotFound {
            reference: "01_why_ai_frameworks".to_owned(),
        });
        assert_eq!(
            found.to_string(),
            "REF_NOT_FOUND: Ref \"01_why_ai_frameworks\": \
             \"content/posts/ai_frameworks/_index.md:45:23\": page not found"
        );
    }

    #[test]
    fn other_kinds_print_location_then_message() {
        let ambiguous = diagnostic(DiagnosticKind::AmbiguousRef {
            reference: "x".to_owned(),
        });
        assert_eq!(
            ambiguous.to_string(),
            "content/posts/ai_frameworks/_index.md:45:23: page reference \"x\" is ambiguous"
        );
        let unknown = diagnostic(DiagnosticKind::UnknownShortcode {
            name: "gallery".to_owned(),
        });
        assert_eq!(
            unknown.to_string(),
            "content/posts/ai_frameworks/_index.md:45:23: unknown shortcode \"gallery\": left out \
             of the page"
        );
    }

    #[test]
    fn diagnostics_survive_a_json_round_trip() {
        let original = diagnostic(DiagnosticKind::BadDate {
            key: "date".to_owned(),
            message: "bad".to_owned(),
        });
        let json = serde_json::to_string(&original).unwrap_or_default();
        let back: Diagnostic = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, original);
    }

    #[test]
    fn line_column_counts_characters_from_one() {
        let text = "ab\ncé{{x";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, text.find("{{").unwrap_or(0)), (2, 3));
        assert_eq!(
            line_column(text, 5),
            (2, 2),
            "inside a character rounds down"
        );
        assert_eq!(line_column(text, 999), (2, 6));
        let offsets = [999, 5, 0, 3, 5, 7];
        let one_by_one: Vec<(usize, usize)> = offsets
            .iter()
            .map(|offset| line_column(text, *offset))
            .collect();
        assert_eq!(line_columns(text, &offsets), one_by_one);
    }
}
