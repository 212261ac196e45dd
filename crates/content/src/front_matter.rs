//! Cutting the front matter from a Markdown file's body ([`split`]): cheap, and what the
//! browser uses on each page's Markdown. Reading it is `blogreader-site`'s.
//!
//! [`split`] skips a BOM and blank lines, picks the format by the first character (`+++`
//! TOML, `---` YAML, `{` JSON) and finds where the front matter ends.

use std::fmt;

use super::error::line_column;

/// The front matter language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Yaml,
    Json,
}

/// A source file cut into front matter and body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// `None` when the file has no front matter.
    pub format: Option<Format>,
    /// The front matter without its delimiters (a JSON object keeps its braces).
    pub front_matter: &'a str,
    /// The Markdown after the front matter.
    pub body: &'a str,
    /// 1-based line of the file on which `body` starts.
    pub body_line: usize,
    /// 1-based line of the file on which `front_matter` starts.
    pub front_matter_line: usize,
}

/// Front matter that opens but never closes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitError {
    /// 1-based line where the front matter opened.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for SplitError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for SplitError {}

/// Cuts `text` into front matter and body. A file without front matter is all body.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let content = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom_length = text.len() - content.len();
    let blank_length = content.len() - content.trim_start_matches([' ', '\t', '\r', '\n']).len();
    let opening = bom_length + blank_length;
    let rest = text.get(opening..).unwrap_or("");
    let format = if rest.starts_with('{') {
        return split_json(text, opening);
    } else if rest.starts_with("+++") {
        Format::Toml
    } else if rest.starts_with("---") {
        Format::Yaml
    } else {
        return Ok(whole_body(content));
    };
    let delimiter = if format == Format::Toml { "+++" } else { "---" };
    let (opening_line, front_matter_start) = line_from(text, opening);
    if opening_line.trim_end() != delimiter {
        // `---- ` or `+++x` is Markdown, not a delimiter.
        return Ok(whole_body(content));
    }
    let mut position = front_matter_start;
    while position < text.len() {
        let (line, next) = line_from(text, position);
        if line.trim_end() == delimiter {
            return Ok(Split {
                format: Some(format),
                front_matter: text.get(front_matter_start..position).unwrap_or(""),
                body: text.get(next..).unwrap_or(""),
                body_line: line_number(text, next),
                front_matter_line: line_number(text, front_matter_start),
            });
        }
        position = next;
    }
    Err(SplitError {
        line: line_number(text, opening),
        message: format!("front matter opened with \"{delimiter}\" is never closed"),
    })
}

fn whole_body(content: &str) -> Split<'_> {
    Split {
        format: None,
        front_matter: "",
        body: content,
        body_line: 1,
        front_matter_line: 1,
    }
}

/// The line starting at byte `start` (without its line break) and where the next line starts.
fn line_from(text: &str, start: usize) -> (&str, usize) {
    let rest = text.get(start..).unwrap_or("");
    match rest.find('\n') {
        Some(newline) => (rest.get(..newline).unwrap_or(""), start + newline + 1),
        None => (rest, text.len()),
    }
}

fn line_number(text: &str, offset: usize) -> usize {
    line_column(text, offset).0
}

/// A leading JSON object, found by matching braces outside strings (as Hugo's lexer does).
fn split_json(text: &str, opening: usize) -> Result<Split<'_>, SplitError> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut index = opening;
    while let Some(&byte) = bytes.get(index) {
        match byte {
            b'\\' => index += 1,
            b'"' => in_string = !in_string,
            b'{' if !in_string => depth += 1,
            b'}' if !in_string => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let end = index + 1;
                    let rest = text.get(end..).unwrap_or("");
                    let line_break = if rest.starts_with("\r\n") {
                        2
                    } else {
                        usize::from(rest.starts_with('\n'))
                    };
                    let body_start = end + line_break;
                    return Ok(Split {
                        format: Some(Format::Json),
                        front_matter: text.get(opening..end).unwrap_or(""),
                        body: text.get(body_start..).unwrap_or(""),
                        body_line: line_number(text, body_start),
                        front_matter_line: line_number(text, opening),
                    });
                }
            }
            _ => {}
        }
        index += 1;
    }
    Err(SplitError {
        line: line_number(text, opening),
        message: "JSON front matter opened with \"{\" is never closed".to_owned(),
    })
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Toml => "TOML",
            Format::Yaml => "YAML",
            Format::Json => "JSON",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_front_matter_is_split_from_the_body() {
        let text = "+++\ntitle = \"A\"\n+++\nBody\n";
        let split = split(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(split.format, Some(Format::Toml));
        assert_eq!(split.front_matter, "title = \"A\"\n");
        assert_eq!(split.body, "Body\n");
        assert_eq!(split.body_line, 4);
        assert_eq!(split.front_matter_line, 2);
    }

    #[test]
    fn a_bom_crlf_and_leading_blank_lines_are_accepted() {
        let text = "\u{feff}\r\n---\r\ntitle: A\r\n---\r\nBody\r\n";
        let split = split(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(split.format, Some(Format::Yaml));
        assert_eq!(split.front_matter, "title: A\r\n");
        assert_eq!(split.body, "Body\r\n");
        assert_eq!(split.body_line, 5);
    }

    #[test]
    fn a_file_without_front_matter_is_all_body() {
        for text in ["", "Just text\n", "- a list\n", "----\n", "\u{feff}# Title"] {
            let split = split(text).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(split.format, None);
            assert_eq!(split.body, text.trim_start_matches('\u{feff}'));
            assert_eq!(split.body_line, 1);
        }
    }

    #[test]
    fn json_front_matter_is_found_by_matching_braces_outside_strings() {
        let text = "{\n  \"title\": \"a } b \\\" {\",\n  \"params\": {\"x\": 1}\n}\nBody";
        let split = split(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(split.format, Some(Format::Json));
        assert!(split.front_matter.ends_with("{\"x\": 1}\n}"));
        assert_eq!(split.body, "Body");
        assert_eq!(split.body_line, 5);
    }

    #[test]
    fn unterminated_front_matter_names_the_line_where_it_opened() {
        let unclosed = split("\n\n+++\ntitle = 1\n").err();
        assert_eq!(
            unclosed.map(|e| e.to_string()).unwrap_or_default(),
            "line 3: front matter opened with \"+++\" is never closed"
        );
        assert_eq!(split("---\n").err().map(|e| e.line), Some(1));
        assert_eq!(split("{\"a\": \"}").err().map(|e| e.line), Some(1));
    }
}
