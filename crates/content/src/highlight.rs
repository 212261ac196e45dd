//! Syntax highlighting of code blocks: a small tokenizer per language family that wraps
//! keywords, strings, comments, numbers, types, literals and keys in `<span class="tok-…">`,
//! for the stylesheet to colour. It is pure and runs the same natively (prerendering) and in
//! the browser.
//!
//! Chosen for its size: one table-driven scanner for the C-like, script and config languages
//! and one for markup cost a few KB of wasm, where syntect or tree-sitter grammars cost
//! hundreds (see the README's bundle section). It knows less than a parser: no regex literals,
//! no string interpolation, no nested comments. Whatever it does not recognise stays plain,
//! and all of the text is escaped.

use super::html::escape_html;

/// What a token is, which names its CSS class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Keyword,
    String,
    Comment,
    Number,
    Type,
    /// `true`, `null`, `None` and the like; HTML entities.
    Literal,
    /// Keys of TOML, YAML and JSON; attribute names of HTML.
    Key,
    /// HTML tag names.
    Tag,
    /// Shell variables.
    Variable,
}

impl Token {
    fn class(self) -> &'static str {
        match self {
            Token::Keyword => "tok-keyword",
            Token::String => "tok-string",
            Token::Comment => "tok-comment",
            Token::Number => "tok-number",
            Token::Type => "tok-type",
            Token::Literal => "tok-literal",
            Token::Key => "tok-key",
            Token::Tag => "tok-tag",
            Token::Variable => "tok-variable",
        }
    }
}

/// Where keys stand in a configuration language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keys {
    None,
    /// TOML: a bare key at the start of a line, before `=`; `[table]` headers too.
    BeforeEquals,
    /// YAML: text at the start of a line (after `- `), before `: `.
    BeforeColon,
    /// JSON: a string followed by `:`.
    QuotedBeforeColon,
}

/// The lexical rules of one language family, for [`highlight_code`].
struct Grammar {
    line_comments: &'static [&'static str],
    block_comment: Option<(&'static str, &'static str)>,
    /// Characters that open and close a string; a backslash escapes in them…
    quotes: &'static [char],
    /// …except in these (shell's and TOML's `'`, Go's `` ` ``).
    raw_quotes: &'static [char],
    /// `"""` and `'''` strings.
    triple_quotes: bool,
    /// Strings in single quote characters may run over line ends (else an unterminated one
    /// stops at its line's end).
    multiline_strings: bool,
    /// Identifiers that prefix a string (`b"…"`, `f"…"`) and belong to it, separated by
    /// spaces; any case.
    string_prefixes: &'static str,
    /// Words of each kind, separated by spaces.
    keywords: &'static str,
    literals: &'static str,
    types: &'static str,
    /// `Capitalized` identifiers (with a lower-case letter, or of one letter) are types.
    capitalized_types: bool,
    /// Characters inside words besides letters, digits and `_` (shell's `-` in `apt-get`).
    word_extra: &'static [char],
    /// Characters inside numbers besides letters, digits and `_` (dates' `-` and `:`).
    number_extra: &'static [char],
    keys: Keys,
    /// `#` starts a comment only at the start of a word (shell, YAML: `a#b` is text).
    comment_at_word_start: bool,
    /// `$name`, `${…}` and `$1` are variables (shell).
    variables: bool,
    /// Rust's lifetimes (`'a`) beside char literals, and raw strings (`r#"…"#`).
    rust_quirks: bool,
}

/// Defaults every grammar below starts from: no comments, strings or words of note.
const PLAIN: Grammar = Grammar {
    line_comments: &[],
    block_comment: None,
    quotes: &[],
    raw_quotes: &[],
    triple_quotes: false,
    multiline_strings: false,
    string_prefixes: "",
    keywords: "",
    literals: "",
    types: "",
    capitalized_types: false,
    word_extra: &[],
    number_extra: &[],
    keys: Keys::None,
    comment_at_word_start: false,
    variables: false,
    rust_quirks: false,
};

const RUST: Grammar = Grammar {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: &['"'],
    multiline_strings: true,
    string_prefixes: "b c",
    keywords: "as async await break const continue crate dyn else enum extern fn for if impl in \
        let loop match mod move mut pub ref return self Self static struct super trait type \
        unsafe use where while yield",
    literals: "true false",
    types: "bool char str u8 u16 u32 u64 u128 usize i8 i16 i32 i64 i128 isize f32 f64",
    capitalized_types: true,
    rust_quirks: true,
    ..PLAIN
};

const PYTHON: Grammar = Grammar {
    line_comments: &["#"],
    quotes: &['"', '\''],
    triple_quotes: true,
    string_prefixes: "r b f u rb br fr rf",
    keywords: "and as assert async await break case class continue def del elif else except \
        finally for from global if import in is lambda match nonlocal not or pass raise return \
        try while with yield self",
    literals: "True False None",
    types: "int float str bool bytes list dict set tuple object",
    capitalized_types: true,
    ..PLAIN
};

/// JavaScript and TypeScript.
const JAVASCRIPT: Grammar = Grammar {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: &['"', '\'', '`'],
    keywords: "abstract as async await break case catch class const continue debugger declare \
        default delete do else enum export extends finally for from function get if implements \
        import in instanceof interface keyof let namespace new of private protected public \
        readonly return satisfies set static super switch this throw try type typeof var void \
        while with yield",
    literals: "true false null undefined NaN Infinity",
    types: "any bigint boolean never number object string symbol unknown",
    capitalized_types: true,
    ..PLAIN
};

const GO: Grammar = Grammar {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: &['"', '\'', '`'],
    raw_quotes: &['`'],
    keywords: "break case chan const continue default defer else fallthrough for func go goto if \
        import interface map package range return select struct switch type var",
    literals: "true false nil iota",
    types: "any bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 \
        rune string uint uint8 uint16 uint32 uint64 uintptr",
    ..PLAIN
};

/// POSIX shell and bash.
const SHELL: Grammar = Grammar {
    line_comments: &["#"],
    quotes: &['"', '\''],
    raw_quotes: &['\''],
    multiline_strings: true,
    keywords: "if then elif else fi case esac for select while until do done in function return \
        exit break continue export local readonly declare unset source alias cd echo eval exec \
        set shift trap",
    word_extra: &['-'],
    comment_at_word_start: true,
    variables: true,
    ..PLAIN
};

const TOML: Grammar = Grammar {
    line_comments: &["#"],
    quotes: &['"', '\''],
    raw_quotes: &['\''],
    triple_quotes: true,
    literals: "true false inf nan",
    number_extra: &['-', ':'],
    keys: Keys::BeforeEquals,
    ..PLAIN
};

const YAML: Grammar = Grammar {
    line_comments: &["#"],
    quotes: &['"', '\''],
    raw_quotes: &['\''],
    multiline_strings: true,
    literals: "true false null yes no on off True False Null TRUE FALSE NULL",
    number_extra: &['-', ':'],
    keys: Keys::BeforeColon,
    comment_at_word_start: true,
    ..PLAIN
};

const JSON: Grammar = Grammar {
    quotes: &['"'],
    literals: "true false null",
    keys: Keys::QuotedBeforeColon,
    ..PLAIN
};

/// How a language is scanned.
enum Family {
    Code(&'static Grammar),
    /// HTML, XML, SVG.
    Markup,
}

/// The names a code block may give its language (Hugo's `language-xxx`), lower-case.
const LANGUAGES: &[(&[&str], Family)] = &[
    (&["rust", "rs"], Family::Code(&RUST)),
    (&["python", "py", "python3"], Family::Code(&PYTHON)),
    (
        &[
            "javascript",
            "js",
            "jsx",
            "mjs",
            "cjs",
            "typescript",
            "ts",
            "tsx",
        ],
        Family::Code(&JAVASCRIPT),
    ),
    (&["go", "golang"], Family::Code(&GO)),
    (
        &["sh", "bash", "shell", "zsh", "console"],
        Family::Code(&SHELL),
    ),
    (&["toml"], Family::Code(&TOML)),
    (&["yaml", "yml"], Family::Code(&YAML)),
    (&["json", "jsonc"], Family::Code(&JSON)),
    (&["html", "htm", "xml", "svg", "xhtml"], Family::Markup),
];

/// How `language` (a code block's `language-xxx`) is scanned, if the highlighter knows it.
fn family(language: &str) -> Option<&'static Family> {
    LANGUAGES
        .iter()
        .find(|(names, _)| names.iter().any(|name| name.eq_ignore_ascii_case(language)))
        .map(|(_, family)| family)
}

/// Whether the highlighter knows `language`.
pub fn is_known_language(language: &str) -> bool {
    family(language).is_some()
}

/// `code` as escaped HTML with its tokens in `<span class="tok-…">`, or `None` when
/// `language` is not one the highlighter knows (the caller then writes the code escaped).
pub fn highlight(code: &str, language: &str) -> Option<String> {
    let family = family(language)?;
    let mut html = Html(String::with_capacity(code.len() * 2));
    match family {
        Family::Code(grammar) => highlight_code(code, grammar, &mut html),
        Family::Markup => highlight_markup(code, &mut html),
    }
    Some(html.0)
}

/// The HTML being written.
struct Html(String);

impl Html {
    fn push(&mut self, token: Option<Token>, text: &str) {
        match token {
            Some(token) => {
                self.0.push_str("<span class=\"");
                self.0.push_str(token.class());
                self.0.push_str("\">");
                self.0.push_str(&escape_html(text));
                self.0.push_str("</span>");
            }
            None => self.0.push_str(&escape_html(text)),
        }
    }
}

fn is_word_start(character: char) -> bool {
    character.is_alphabetic() || character == '_'
}

fn is_word_character(character: char, grammar: &Grammar) -> bool {
    character.is_alphanumeric() || character == '_' || grammar.word_extra.contains(&character)
}

/// The byte length of the first character of `text` (0 when empty).
fn first_length(text: &str) -> usize {
    text.chars().next().map_or(0, char::len_utf8)
}

/// The byte length of the run of characters at the start of `text` that satisfy `keep`.
fn run_length(text: &str, keep: impl Fn(char) -> bool) -> usize {
    text.find(|character: char| !keep(character))
        .unwrap_or(text.len())
}

/// The length of the string at the start of `text`, from its opening `quote` to its closing
/// one (or to where an unterminated one stops: its line's end unless `multiline`, else the
/// end of the code).
fn string_length(text: &str, quote: &str, escapes: bool, multiline: bool) -> usize {
    let body = text.get(quote.len()..).unwrap_or("");
    let mut characters = body.char_indices();
    while let Some((index, character)) = characters.next() {
        if body
            .get(index..)
            .is_some_and(|rest| rest.starts_with(quote))
        {
            return quote.len() + index + quote.len();
        }
        if character == '\n' && !multiline {
            return quote.len() + index;
        }
        if escapes && character == '\\' {
            characters.next();
        }
    }
    text.len()
}

/// The length of a Rust raw string (`r"…"`, `br#"…"#`) at the start of `text`, if one is.
fn raw_string_length(text: &str) -> Option<usize> {
    let after_prefix = text.strip_prefix("br").or_else(|| text.strip_prefix('r'))?;
    let hashes = run_length(after_prefix, |character| character == '#');
    let body = after_prefix.get(hashes..)?.strip_prefix('"')?;
    let closing = format!("\"{}", "#".repeat(hashes));
    let prefix_length = text.len() - body.len();
    Some(
        body.find(&closing)
            .map_or(text.len(), |end| prefix_length + end + closing.len()),
    )
}

/// The length of a Rust char literal (`'a'`, `'\n'`) at the start of `text`, or `None` for a
/// lifetime or label (`'a`, `'static`).
fn char_literal_length(text: &str) -> Option<usize> {
    let mut characters = text.char_indices().skip(1);
    let (_, first) = characters.next()?;
    if first == '\\' {
        return Some(string_length(text, "'", true, false));
    }
    let (index, next) = characters.next()?;
    (next == '\'').then_some(index + 1)
}

/// The length of a TOML key or `[table]` header, or a YAML key, at the start of a line's
/// content, if there is one there.
fn line_key_length(line: &str, keys: Keys) -> Option<(usize, Token)> {
    if line.starts_with([' ', '\t']) {
        // The indentation goes first, as text.
        return None;
    }
    match keys {
        Keys::BeforeEquals if line.starts_with('[') => {
            let end = line.find(['\n', ']'])?;
            let closing = run_length(line.get(end..)?, |character| character == ']');
            Some((end + closing, Token::Type))
        }
        Keys::BeforeEquals => {
            let length = run_length(line, |character| {
                character.is_alphanumeric() || matches!(character, '_' | '-' | '.')
            });
            let after = line.get(length..)?.trim_start_matches([' ', '\t']);
            (length > 0 && after.starts_with('=')).then_some((length, Token::Key))
        }
        Keys::BeforeColon => {
            let length = run_length(line, |character| {
                !matches!(
                    character,
                    ':' | '#'
                        | '\n'
                        | '"'
                        | '\''
                        | '{'
                        | '}'
                        | '['
                        | ']'
                        | '&'
                        | '*'
                        | '!'
                        | '|'
                        | '>'
                )
            });
            let after = line.get(length..)?.strip_prefix(':')?;
            let ends_key = after.is_empty() || after.starts_with([' ', '\t', '\r', '\n']);
            let key = line.get(..length)?.trim_end();
            (!key.is_empty() && ends_key).then_some((key.len(), Token::Key))
        }
        Keys::None | Keys::QuotedBeforeColon => None,
    }
}

/// The token at the start of `rest` and its length; `previous` is the character before it.
fn next_token(rest: &str, previous: Option<char>, grammar: &Grammar) -> (usize, Option<Token>) {
    let Some(first) = rest.chars().next() else {
        return (0, None);
    };
    let at_word_start = previous.is_none_or(char::is_whitespace);
    let comment_allowed = !grammar.comment_at_word_start || at_word_start;
    if comment_allowed
        && grammar
            .line_comments
            .iter()
            .any(|marker| rest.starts_with(marker))
    {
        return (
            run_length(rest, |character| character != '\n'),
            Some(Token::Comment),
        );
    }
    if let Some((open, close)) = grammar.block_comment
        && rest.starts_with(open)
    {
        let end = rest
            .get(open.len()..)
            .and_then(|body| body.find(close))
            .map_or(rest.len(), |end| open.len() + end + close.len());
        return (end, Some(Token::Comment));
    }
    if grammar.quotes.contains(&first) {
        return (
            string_token_length(rest, first, grammar),
            Some(Token::String),
        );
    }
    if grammar.rust_quirks {
        if first == '\''
            && let Some(length) = char_literal_length(rest)
        {
            return (length, Some(Token::String));
        }
        if first == '\'' {
            let length = 1 + run_length(rest.get(1..).unwrap_or(""), |character| {
                is_word_character(character, grammar)
            });
            return (length, (length > 1).then_some(Token::Keyword));
        }
        if let Some(length) = raw_string_length(rest) {
            return (length, Some(Token::String));
        }
    }
    if grammar.variables && first == '$' {
        return (variable_length(rest), Some(Token::Variable));
    }
    if first.is_ascii_digit() {
        return (number_length(rest, grammar), Some(Token::Number));
    }
    if is_word_start(first) {
        return word_token(rest, grammar);
    }
    (first.len_utf8(), None)
}

/// A string opening with `quote` at the start of `rest`: triple-quoted, raw or escaped.
fn string_token_length(rest: &str, quote: char, grammar: &Grammar) -> usize {
    let escapes = !grammar.raw_quotes.contains(&quote);
    let triple: String = [quote; 3].iter().collect();
    if grammar.triple_quotes && rest.starts_with(&triple) {
        return string_length(rest, &triple, escapes, true);
    }
    // Backquoted strings (JS templates, Go raw strings) run over lines.
    let multiline = grammar.multiline_strings || quote == '`';
    let mut buffer = [0; 4];
    string_length(rest, quote.encode_utf8(&mut buffer), escapes, multiline)
}

/// A number: digits, letters (`0x1F`, `10u8`, `1e9`), `_`, a `.` before a digit, a sign after
/// a decimal exponent, and the grammar's extras (dates).
fn number_length(rest: &str, grammar: &Grammar) -> usize {
    let is_hex = rest.starts_with("0x") || rest.starts_with("0X");
    let mut previous = '0';
    let mut characters = rest.char_indices().peekable();
    while let Some((index, character)) = characters.next() {
        let next_is_digit = characters
            .peek()
            .is_some_and(|(_, next)| next.is_ascii_digit());
        let belongs = character.is_alphanumeric()
            || character == '_'
            || (character == '.' && next_is_digit)
            || (matches!(character, '+' | '-') && matches!(previous, 'e' | 'E') && !is_hex)
            || (grammar.number_extra.contains(&character) && next_is_digit);
        if !belongs {
            return index;
        }
        previous = character;
    }
    rest.len()
}

/// `$name`, `$1`, `$@`, or `${…}` at the start of `rest`.
fn variable_length(rest: &str) -> usize {
    let after = rest.get(1..).unwrap_or("");
    if after.starts_with('{') {
        return after.find('}').map_or(rest.len(), |end| 1 + end + 1);
    }
    let name = run_length(after, |character| {
        character.is_ascii_alphanumeric() || character == '_'
    });
    if name > 0 {
        return 1 + name;
    }
    match after.chars().next() {
        Some(special @ ('@' | '#' | '?' | '$' | '!' | '*' | '-')) => 1 + special.len_utf8(),
        _ => 1,
    }
}

/// A word at the start of `rest`: a keyword, literal, type or plain name, or the prefix of
/// the string that follows it.
fn word_token(rest: &str, grammar: &Grammar) -> (usize, Option<Token>) {
    let length = run_length(rest, |character| is_word_character(character, grammar));
    let word = rest.get(..length).unwrap_or("");
    let after = rest.get(length..).unwrap_or("");
    if let Some(quote) = after.chars().next().filter(|c| grammar.quotes.contains(c))
        && grammar
            .string_prefixes
            .split(' ')
            .any(|prefix| !prefix.is_empty() && prefix.eq_ignore_ascii_case(word))
    {
        let string = string_token_length(after, quote, grammar);
        return (length + string, Some(Token::String));
    }
    let is_one_of = |words: &str| words.split(' ').any(|known| known == word);
    let token = if is_one_of(grammar.keywords) {
        Some(Token::Keyword)
    } else if is_one_of(grammar.literals) {
        Some(Token::Literal)
    } else if is_one_of(grammar.types) || (grammar.capitalized_types && is_type_name(word)) {
        Some(Token::Type)
    } else {
        None
    };
    (length, token)
}

/// `Capitalized` or `T`, not `ALL_CAPS` (a constant).
fn is_type_name(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
        && (word.chars().count() == 1 || word.contains(char::is_lowercase))
}

/// Highlights code in a C-like, script or configuration language.
fn highlight_code(code: &str, grammar: &Grammar, html: &mut Html) {
    let mut rest = code;
    let mut previous: Option<char> = None;
    let mut at_line_start = true;
    while !rest.is_empty() {
        let (length, token) =
            if at_line_start && grammar.keys == Keys::BeforeColon && rest.starts_with("- ") {
                // A YAML list item: its key, if it has one, comes after the dash.
                (2, None)
            } else if at_line_start && let Some((length, key)) = line_key_length(rest, grammar.keys)
            {
                (length, Some(key))
            } else {
                next_token(rest, previous, grammar)
            };
        let length = length.max(first_length(rest));
        let (text, after) = rest.split_at_checked(length).unwrap_or((rest, ""));
        let token = match token {
            Some(Token::String)
                if grammar.keys == Keys::QuotedBeforeColon
                    && after.trim_start().starts_with(':') =>
            {
                Some(Token::Key)
            }
            other => other,
        };
        html.push(token, text);
        let last = text.chars().next_back();
        at_line_start = match last {
            Some('\n') => true,
            Some(' ' | '\t') => at_line_start,
            _ => false,
        } && token.is_none();
        previous = last;
        rest = after;
    }
}

/// Highlights HTML or XML: tags and their names, attribute names and values, comments,
/// declarations, entities.
fn highlight_markup(code: &str, html: &mut Html) {
    let mut rest = code;
    while !rest.is_empty() {
        let after_open = rest.strip_prefix('<').unwrap_or("");
        let length = if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(rest.len(), |end| end + 3);
            html.push(Some(Token::Comment), rest.get(..end).unwrap_or(rest));
            end
        } else if after_open.starts_with(['!', '?']) {
            let end = rest.find('>').map_or(rest.len(), |end| end + 1);
            html.push(Some(Token::Keyword), rest.get(..end).unwrap_or(rest));
            end
        } else if after_open
            .trim_start_matches('/')
            .starts_with(|character: char| character.is_ascii_alphabetic())
        {
            tag_length(rest, html)
        } else if rest.starts_with('&') {
            let name = run_length(rest.get(1..).unwrap_or(""), |character| {
                character.is_ascii_alphanumeric() || character == '#'
            });
            let is_entity = name > 0
                && rest
                    .get(1 + name..)
                    .is_some_and(|tail| tail.starts_with(';'));
            let length = if is_entity { name + 2 } else { 1 };
            html.push(
                is_entity.then_some(Token::Literal),
                rest.get(..length).unwrap_or(rest),
            );
            length
        } else {
            let text = run_length(rest, |character| !matches!(character, '<' | '&'))
                .max(first_length(rest));
            html.push(None, rest.get(..text).unwrap_or(rest));
            text
        };
        rest = rest.get(length..).unwrap_or("");
    }
}

/// Writes the tag at the start of `rest` (`<name attr="value">`, `</name>`) and returns its
/// length; an unclosed tag runs to the end of the code.
fn tag_length(rest: &str, html: &mut Html) -> usize {
    let opening = if rest.starts_with("</") { 2 } else { 1 };
    html.push(None, rest.get(..opening).unwrap_or(""));
    let mut done = opening;
    let name = run_length(rest.get(done..).unwrap_or(""), |character| {
        !character.is_whitespace() && !matches!(character, '>' | '/')
    });
    html.push(Some(Token::Tag), rest.get(done..done + name).unwrap_or(""));
    done += name;
    while let Some(tail) = rest.get(done..).filter(|tail| !tail.is_empty()) {
        let (length, token) = if tail.starts_with('>') {
            html.push(None, ">");
            return done + 1;
        } else if tail.starts_with(['"', '\'']) {
            let quote = if tail.starts_with('"') { "\"" } else { "'" };
            (string_length(tail, quote, false, true), Some(Token::String))
        } else if tail.starts_with(|character: char| {
            character.is_whitespace() || matches!(character, '/' | '=')
        }) {
            (first_length(tail), None)
        } else {
            let word = run_length(tail, |character| {
                !character.is_whitespace() && !matches!(character, '>' | '/' | '=' | '"' | '\'')
            });
            let is_value = rest.get(..done).is_some_and(|before| before.ends_with('='));
            (
                word,
                Some(if is_value { Token::String } else { Token::Key }),
            )
        };
        let length = length.max(first_length(tail));
        html.push(token, tail.get(..length).unwrap_or(tail));
        done += length;
    }
    rest.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(code: &str, language: &str) -> String {
        highlight(code, language).unwrap_or_else(|| panic!("{language} is known"))
    }

    fn k(text: &str) -> String {
        format!("<span class=\"tok-keyword\">{text}</span>")
    }
    fn s(text: &str) -> String {
        format!("<span class=\"tok-string\">{text}</span>")
    }
    fn c(text: &str) -> String {
        format!("<span class=\"tok-comment\">{text}</span>")
    }
    fn n(text: &str) -> String {
        format!("<span class=\"tok-number\">{text}</span>")
    }
    fn t(text: &str) -> String {
        format!("<span class=\"tok-type\">{text}</span>")
    }
    fn l(text: &str) -> String {
        format!("<span class=\"tok-literal\">{text}</span>")
    }
    fn key(text: &str) -> String {
        format!("<span class=\"tok-key\">{text}</span>")
    }
    fn tag(text: &str) -> String {
        format!("<span class=\"tok-tag\">{text}</span>")
    }
    fn v(text: &str) -> String {
        format!("<span class=\"tok-variable\">{text}</span>")
    }

    #[test]
    fn rust() {
        assert_eq!(
            spans(
                "// Sum\nfn add(a: u32, b: &'a str) -> Option<u8> { let c = 'x'; r#\"<\"#; 0x1F + 1_000 }",
                "rust"
            ),
            format!(
                "{}\n{} add(a: {}, b: &amp;{} {}) -&gt; {}&lt;{}&gt; {{ {} c = {}; {}; {} + {} }}",
                c("// Sum"),
                k("fn"),
                t("u32"),
                k("'a"),
                t("str"),
                t("Option"),
                t("u8"),
                k("let"),
                s("'x'"),
                s("r#&quot;&lt;&quot;#"),
                n("0x1F"),
                n("1_000")
            )
        );
        assert_eq!(
            spans("let s = b\"a\\\"b\"; /* c */ MAX", "rs"),
            format!(
                "{} s = {}; {} MAX",
                k("let"),
                s("b&quot;a\\&quot;b&quot;"),
                c("/* c */")
            )
        );
    }

    #[test]
    fn python() {
        assert_eq!(
            spans(
                "def f(x: int) -> None:\n    \"\"\"Doc \"q\".\"\"\"\n    return f'{x}' # done",
                "python"
            ),
            format!(
                "{} f(x: {}) -&gt; {}:\n    {}\n    {} {} {}",
                k("def"),
                t("int"),
                l("None"),
                s("&quot;&quot;&quot;Doc &quot;q&quot;.&quot;&quot;&quot;"),
                k("return"),
                s("f'{x}'"),
                c("# done")
            )
        );
    }

    #[test]
    fn javascript_and_typescript() {
        assert_eq!(
            spans(
                "const x: number = `a${b}` ?? null; // why\nclass A extends B {}",
                "ts"
            ),
            format!(
                "{} x: {} = {} ?? {}; {}\n{} {} {} {} {{}}",
                k("const"),
                t("number"),
                s("`a${b}`"),
                l("null"),
                c("// why"),
                k("class"),
                t("A"),
                k("extends"),
                t("B")
            )
        );
        assert_eq!(
            spans("let a = 'it\\'s' / 2.5e-3;", "js"),
            format!("{} a = {} / {};", k("let"), s("'it\\'s'"), n("2.5e-3"))
        );
    }

    #[test]
    fn go() {
        assert_eq!(
            spans(
                "func main() error {\n\ts := `raw\\n`\n\treturn nil // ok\n}",
                "go"
            ),
            format!(
                "{} main() {} {{\n\ts := {}\n\t{} {} {}\n}}",
                k("func"),
                t("error"),
                s("`raw\\n`"),
                k("return"),
                l("nil"),
                c("// ok")
            )
        );
    }

    #[test]
    fn shell() {
        assert_eq!(
            spans(
                "# setup\nexport PATH=\"$HOME/bin:$PATH\" # why\napt-get install -y a#b ${X} 2>&1",
                "bash"
            ),
            format!(
                "{}\n{} PATH={} {}\napt-get install -y a#b {} {}&gt;&amp;{}",
                c("# setup"),
                k("export"),
                s("&quot;$HOME/bin:$PATH&quot;"),
                c("# why"),
                v("${X}"),
                n("2"),
                n("1")
            )
        );
        assert_eq!(
            spans("if [ -n \"$1\" ]; then echo $1 'a\\'; fi", "sh"),
            format!(
                "{} [ -n {} ]; {} {} {} {}; {}",
                k("if"),
                s("&quot;$1&quot;"),
                k("then"),
                k("echo"),
                v("$1"),
                s("'a\\'"),
                k("fi")
            )
        );
    }

    #[test]
    fn toml() {
        assert_eq!(
            spans(
                "[package]\nname = \"blog\" # n\nversion.major = 1\nwhen = 1979-05-27T07:32:00Z\nok = true\n[[bin]]\nraw = 'C:\\x'",
                "toml"
            ),
            format!(
                "{}\n{} = {} {}\n{} = {}\n{} = {}\n{} = {}\n{}\n{} = {}",
                t("[package]"),
                key("name"),
                s("&quot;blog&quot;"),
                c("# n"),
                key("version.major"),
                n("1"),
                key("when"),
                n("1979-05-27T07:32:00Z"),
                key("ok"),
                l("true"),
                t("[[bin]]"),
                key("raw"),
                s("'C:\\x'")
            )
        );
    }

    #[test]
    fn yaml() {
        assert_eq!(
            spans(
                "---\ntitle: \"Hi: there\" # c\ntags:\n  - name: rust\n  - 42\ndraft: false\nurl: http://x#y\n",
                "yaml"
            ),
            format!(
                "---\n{}: {} {}\n{}:\n  - {}: rust\n  - {}\n{}: {}\n{}: http://x#y\n",
                key("title"),
                s("&quot;Hi: there&quot;"),
                c("# c"),
                key("tags"),
                key("name"),
                n("42"),
                key("draft"),
                l("false"),
                key("url")
            )
        );
    }

    #[test]
    fn json() {
        assert_eq!(
            spans("{\"a\": [1, -2.5, \"x\"], \"b\" : null}", "json"),
            format!(
                "{{{}: [{}, -{}, {}], {} : {}}}",
                key("&quot;a&quot;"),
                n("1"),
                n("2.5"),
                s("&quot;x&quot;"),
                key("&quot;b&quot;"),
                l("null")
            )
        );
    }

    #[test]
    fn html() {
        assert_eq!(
            spans(
                "<!DOCTYPE html>\n<a href=\"/x?a&amp;b\" hidden data-x=y>Fish &amp; chips</a><!-- c -->",
                "html"
            ),
            format!(
                "{}\n&lt;{} {}={} {} {}={}&gt;Fish {} chips&lt;/{}&gt;{}",
                k("&lt;!DOCTYPE html&gt;"),
                tag("a"),
                key("href"),
                s("&quot;/x?a&amp;amp;b&quot;"),
                key("hidden"),
                key("data-x"),
                s("y"),
                l("&amp;amp;"),
                tag("a"),
                c("&lt;!-- c --&gt;")
            )
        );
        assert_eq!(
            spans("a < b && <br/>", "xml"),
            format!("a &lt; b &amp;&amp; &lt;{}/&gt;", tag("br"))
        );
    }

    #[test]
    fn unknown_languages_are_left_to_the_caller() {
        assert_eq!(highlight("x", "cobol"), None);
        assert_eq!(highlight("x", ""), None);
        assert!(highlight("x", "Rust").is_some());
    }

    #[test]
    fn odd_input_never_panics_and_keeps_every_character() {
        let samples = [
            "\"unterminated",
            "'",
            "'\\",
            "r#\"open",
            "br##\"",
            "/* open",
            "<!-- open",
            "<a href=\"open",
            "<",
            "</",
            "&",
            "&#",
            "${open",
            "$",
            "\"\"\"open",
            "'''",
            "[open",
            "[[",
            "key",
            "- ",
            "-",
            "a:",
            "0x",
            "1e",
            "1.",
            "日本語 \"ü\" 'é' // ☃\r\n#️⃣ '🎉' x",
            "line\r\nother\r\n",
            "\u{0}\u{e000}\u{ffff}",
            "\\",
            "''''",
        ];
        let languages = LANGUAGES.iter().filter_map(|(names, _)| names.first());
        for language in languages {
            for sample in samples {
                for text in [
                    sample.to_owned(),
                    format!("x = {sample}\ny"),
                    sample.repeat(3),
                ] {
                    let html = spans(&text, language);
                    assert_eq!(unescape(&strip_spans(&html)), text, "{language}: {text:?}");
                    assert!(!strip_spans(&html).contains(['<', '>', '"']), "{html}");
                }
            }
        }
    }

    /// The text of highlighted HTML: the spans go.
    fn strip_spans(html: &str) -> String {
        html.replace("</span>", "")
            .split("<span class=\"")
            .enumerate()
            .map(|(index, part)| {
                if index == 0 {
                    part
                } else {
                    part.split_once("\">").map_or(part, |(_, text)| text)
                }
            })
            .collect()
    }

    fn unescape(html: &str) -> String {
        html.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
    }
}
