//! The stylesheet as pages carry it: without the comments that document `style/main.css` and
//! the whitespace that lays it out (a third of the CSS by size), and in each page only the
//! rules that page's own markup can match ([`Stylesheet::for_page`]); the whole file is
//! linked for the app's next pages.

use std::collections::HashMap;

/// Characters that need no whitespace on either side of them.
const TIGHT: [char; 4] = ['{', '}', ';', ','];

/// `css` without its `/* … */` comments and without whitespace it does not need: a run of
/// whitespace (a comment counts as one) becomes one space, or none next to `{`, `}`, `;` and
/// `,` nor after a `:` (`color: red`, `(min-width: 40em)`), and a declaration's last `;` goes.
/// A number's leading zero goes after a space, `:`, `,` or `(` (`0.5rem` is `.5rem`). Quoted
/// strings are kept as written (a `/*` in one is text) and a comment left open runs to the
/// end, as CSS reads them. A space is never dropped elsewhere: it separates a descendant
/// selector (`a :hover`), an operator in `calc()` or `and (` in a media query.
pub fn compact(css: &str) -> String {
    let mut kept = String::with_capacity(css.len());
    let mut characters = css.chars().peekable();
    let mut scan = Scan::default();
    let mut space = false;
    while let Some(character) = characters.next() {
        if scan.quote.is_some() {
            scan.in_string(character);
            kept.push(character);
            continue;
        }
        if character == '/' && characters.peek() == Some(&'*') {
            characters.next();
            let mut previous = None;
            for inside in characters.by_ref() {
                if previous == Some('*') && inside == '/' {
                    break;
                }
                previous = Some(inside);
            }
            space = true;
            continue;
        }
        if character.is_whitespace() {
            space = true;
            continue;
        }
        let after_tight = kept.ends_with(TIGHT) || kept.ends_with(':');
        if space && !kept.is_empty() && !after_tight && !TIGHT.contains(&character) {
            kept.push(' ');
        }
        space = false;
        if character == '0' && kept.ends_with([' ', ':', ',', '(']) && is_fraction(&characters) {
            continue;
        }
        if character == '}' && kept.ends_with(';') {
            kept.pop();
        }
        // A quote opens a string, kept as written.
        scan.in_string(character);
        kept.push(character);
    }
    kept
}

/// Whether `rest` (what follows a `0`) is the fraction of a number: `.` and a digit.
fn is_fraction(rest: &std::iter::Peekable<std::str::Chars>) -> bool {
    let mut rest = rest.clone();
    rest.next() == Some('.') && rest.next().is_some_and(|next| next.is_ascii_digit())
}

/// A compacted stylesheet as its rules, each with the classes its selectors need, so that a
/// page can carry only the rules its markup can match.
#[derive(Debug, Default)]
pub struct Stylesheet {
    rules: Vec<Rule>,
    numbers: Numbers,
}

/// The names rules refer to, numbered: a page is matched against tables of flags, not sets
/// of strings.
#[derive(Debug, Default)]
struct Numbers {
    /// Each class a selector needs.
    classes: HashMap<String, usize>,
    /// Each `@keyframes`' name.
    animations: HashMap<String, usize>,
}

/// The number of `name` in `names`: the next one when it has none yet.
fn number_of(names: &mut HashMap<String, usize>, name: &str) -> usize {
    let next = names.len();
    *names.entry(name.to_owned()).or_insert(next)
}

/// Groups inside groups deeper than this are kept whole: reading stays linear in the CSS.
const MAX_GROUP_DEPTH: usize = 4;

#[derive(Debug)]
enum Rule {
    /// `selectors{declarations}`: kept when every class one of its selectors needs (by
    /// number) is on the page (a selector that needs none, such as `:root` or `a`, always is).
    Style {
        text: String,
        selectors: Vec<Vec<usize>>,
        /// The `@keyframes` its declarations name (by number).
        animations: Vec<usize>,
    },
    /// `@media …{rules}` (or `@supports`, `@container`, `@layer`): kept with those of its
    /// rules that are kept, if any.
    Group { prelude: String, rules: Vec<Rule> },
    /// `@keyframes name{…}`: kept when a kept rule names it (by its number).
    Keyframes { number: usize, text: String },
    /// Anything else (`@font-face`, `@import …;`, what this reader cannot split): always kept.
    Kept(String),
}

impl Stylesheet {
    /// Splits `css`, as [`compact`] writes it, into its rules.
    pub fn parse(css: &str) -> Stylesheet {
        let mut numbers = Numbers::default();
        let mut rules = parse_rules(css, 0, &mut numbers);
        // An animation may be defined after the rules that name it.
        name_animations(&mut rules, &numbers.animations);
        Stylesheet { rules, numbers }
    }

    /// The stylesheet's rules that can match a page made of `html` (its parts, each read
    /// for its elements' classes: see [`classes_in`]), in their order, as one compacted
    /// stylesheet. Every rule is kept whose selector might match: only a class a selector
    /// needs outside `:not(…)`, `:is(…)` and the like, on none of the page's elements, leaves
    /// a rule out.
    pub fn for_page(&self, html: &[&str]) -> String {
        let mut kept = Kept {
            on_page: vec![false; self.numbers.classes.len()],
            css: String::new(),
            animated: vec![false; self.numbers.animations.len()],
            keyframes: Vec::new(),
        };
        for class in html.iter().flat_map(|part| classes_in(part)) {
            if let Some(&number) = self.numbers.classes.get(class) {
                kept.on_page[number] = true;
            }
        }
        kept.rules(&self.rules);
        // Animations last: kept when a kept rule names them, wherever they stand.
        let mut css = String::with_capacity(kept.css.len());
        let mut cursor = 0;
        for (at, number, text) in kept.keyframes {
            css.push_str(&kept.css[cursor..at]);
            if kept.animated[number] {
                css.push_str(text);
            }
            cursor = at;
        }
        css.push_str(&kept.css[cursor..]);
        css
    }
}

/// The rules a page keeps, as they are chosen.
struct Kept<'r> {
    /// Whether each class is on the page.
    on_page: Vec<bool>,
    css: String,
    /// Whether a kept rule names each animation.
    animated: Vec<bool>,
    /// Each `@keyframes` with the place in `css` it would go, kept once all the rules are known.
    keyframes: Vec<(usize, usize, &'r str)>,
}

impl<'r> Kept<'r> {
    /// Appends the rules of `rules` the page's classes can match.
    fn rules(&mut self, rules: &'r [Rule]) {
        for rule in rules {
            match rule {
                Rule::Style {
                    text,
                    selectors,
                    animations,
                } => {
                    let matches = selectors
                        .iter()
                        .any(|needed| needed.iter().all(|&class| self.on_page[class]));
                    if matches {
                        self.css.push_str(text);
                        for &animation in animations {
                            self.animated[animation] = true;
                        }
                    }
                }
                Rule::Group { prelude, rules } => {
                    let start = self.css.len();
                    let marks = self.keyframes.len();
                    self.css.push_str(prelude);
                    self.css.push('{');
                    let inner = self.css.len();
                    self.rules(rules);
                    if self.css.len() == inner && self.keyframes.len() == marks {
                        self.css.truncate(start);
                    } else {
                        self.css.push('}');
                    }
                }
                Rule::Keyframes { number, text } => {
                    self.keyframes.push((self.css.len(), *number, text));
                }
                Rule::Kept(text) => self.css.push_str(text),
            }
        }
    }
}

/// Gives each style rule in `rules` the numbers of the animations (`names`) its declarations
/// name: each word of them is looked up once.
fn name_animations(rules: &mut [Rule], names: &HashMap<String, usize>) {
    for rule in rules {
        match rule {
            Rule::Style {
                text, animations, ..
            } => {
                let declarations = text.split_once('{').map_or("", |(_, block)| block);
                animations.extend(
                    declarations
                        .split(|character: char| !is_name_character(character))
                        .filter_map(|word| names.get(word).copied()),
                );
                animations.sort_unstable();
                animations.dedup();
            }
            Rule::Group { rules, .. } => name_animations(rules, names),
            Rule::Keyframes { .. } | Rule::Kept(_) => {}
        }
    }
}

/// The rules of `css`; a group's own rules are read up to [`MAX_GROUP_DEPTH`] deep. Each
/// class a selector needs, and each animation, gets a number in `numbers`.
fn parse_rules(css: &str, depth: usize, numbers: &mut Numbers) -> Vec<Rule> {
    let mut rules = Vec::new();
    let mut rest = css;
    while !rest.is_empty() {
        let Some((prelude_end, opens)) = prelude_end(rest) else {
            rules.push(Rule::Kept(rest.to_owned()));
            break;
        };
        if !opens {
            // A statement (`@import …;`, `@layer a, b;`), up to and with its `;`.
            rules.push(Rule::Kept(rest[..=prelude_end].to_owned()));
            rest = &rest[prelude_end + 1..];
            continue;
        }
        let Some(block_end) = block_end(rest, prelude_end) else {
            rules.push(Rule::Kept(rest.to_owned()));
            break;
        };
        let prelude = &rest[..prelude_end];
        let text = &rest[..=block_end];
        let block = &rest[prelude_end + 1..block_end];
        let at_rule = prelude.strip_prefix('@').map(|at| {
            at.split([' ', '('])
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase()
        });
        rules.push(match at_rule.as_deref() {
            None => {
                // A selector this cannot read needs no class: the rule is always kept.
                let selectors = split_top_level(prelude, ',')
                    .into_iter()
                    .map(needed_classes)
                    .collect::<Option<Vec<_>>>()
                    .unwrap_or_else(|| vec![Vec::new()]);
                Rule::Style {
                    text: text.to_owned(),
                    selectors: selectors
                        .iter()
                        .map(|classes| {
                            classes
                                .iter()
                                .map(|class| number_of(&mut numbers.classes, class))
                                .collect()
                        })
                        .collect(),
                    animations: Vec::new(),
                }
            }
            Some("media" | "supports" | "container" | "layer") if depth < MAX_GROUP_DEPTH => {
                Rule::Group {
                    prelude: prelude.to_owned(),
                    rules: parse_rules(block, depth + 1, numbers),
                }
            }
            Some(keyframes) if keyframes.ends_with("keyframes") => {
                let name = prelude.split_once(' ').map_or("", |(_, name)| name).trim();
                Rule::Keyframes {
                    number: number_of(&mut numbers.animations, name),
                    text: text.to_owned(),
                }
            }
            Some(_) => Rule::Kept(text.to_owned()),
        });
        rest = &rest[block_end + 1..];
    }
    rules
}

/// Where the prelude at the start of `css` ends: at its `{` (true) or at the `;` that ends a
/// statement (false); outside strings, parentheses and brackets.
fn prelude_end(css: &str) -> Option<(usize, bool)> {
    let mut scan = Scan::default();
    for (at, character) in css.char_indices() {
        if scan.at_top(character) {
            match character {
                '{' => return Some((at, true)),
                ';' => return Some((at, false)),
                _ => {}
            }
        }
    }
    None
}

/// Where the block opened by the `{` at `open` in `css` closes, outside strings.
fn block_end(css: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut scan = Scan::default();
    for (at, character) in css[open..].char_indices() {
        if scan.in_string(character) {
            continue;
        }
        match character {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + at);
                }
            }
            _ => {}
        }
    }
    None
}

/// Reads CSS a character at a time and says whether one stands outside every string,
/// parenthesis and bracket.
#[derive(Default)]
struct Scan {
    quote: Option<char>,
    escaped: bool,
    nesting: usize,
}

impl Scan {
    /// Whether `character` is part of a string, its quotes included.
    fn in_string(&mut self, character: char) -> bool {
        if let Some(closing) = self.quote {
            if self.escaped {
                self.escaped = false;
            } else if character == '\\' {
                self.escaped = true;
            } else if character == closing {
                self.quote = None;
            }
            return true;
        }
        if matches!(character, '"' | '\'') {
            self.quote = Some(character);
            return true;
        }
        false
    }

    /// Whether `character` stands outside every string, parenthesis and bracket.
    fn at_top(&mut self, character: char) -> bool {
        if self.in_string(character) {
            return false;
        }
        match character {
            '(' | '[' => self.nesting += 1,
            ')' | ']' => self.nesting = self.nesting.saturating_sub(1),
            _ => return self.nesting == 0,
        }
        false
    }
}

/// `text` split at each `separator` that stands outside strings, parentheses and brackets.
fn split_top_level(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut scan = Scan::default();
    let mut start = 0;
    for (at, character) in text.char_indices() {
        if scan.at_top(character) && character == separator {
            parts.push(&text[start..at]);
            start = at + separator.len_utf8();
        }
    }
    parts.push(&text[start..]);
    parts
}

/// The classes `selector` needs on the page to match: each `.class` outside parentheses,
/// brackets and strings (one inside `:not(…)` may be absent, one inside `:is(…)` is one of
/// several). None when a class is written with an escape, which this does not read.
fn needed_classes(selector: &str) -> Option<Vec<String>> {
    let mut classes = Vec::new();
    let mut scan = Scan::default();
    let mut characters = selector.char_indices().peekable();
    while let Some((at, character)) = characters.next() {
        if !(scan.at_top(character) && character == '.') {
            continue;
        }
        let start = at + 1;
        let mut end = start;
        while let Some(&(next_at, next)) = characters.peek() {
            if next == '\\' {
                return None;
            }
            if !is_name_character(next) {
                break;
            }
            end = next_at + next.len_utf8();
            characters.next();
        }
        if end > start {
            classes.push(selector[start..end].to_owned());
        }
    }
    Some(classes)
}

/// A character CSS allows in a class name without an escape.
fn is_name_character(character: char) -> bool {
    character.is_ascii_alphanumeric() || matches!(character, '-' | '_') || !character.is_ascii()
}

/// The classes of the elements in `html`: each word of every `class` attribute (quoted or
/// not, the name in any case), as often as written. Text that merely looks like one adds a
/// class, which only keeps a rule more.
pub fn classes_in(html: &str) -> impl Iterator<Item = &str> {
    let bytes = html.as_bytes();
    html.match_indices('=')
        .filter(move |&(at, _)| {
            at >= 6
                && bytes[at - 5..at].eq_ignore_ascii_case(b"class")
                && bytes[at - 6].is_ascii_whitespace()
        })
        .flat_map(move |(at, _)| {
            let value = &html[at + 1..];
            let value = match value.chars().next() {
                Some(quote @ ('"' | '\'')) => value[1..].split(quote).next().unwrap_or_default(),
                _ => value
                    .split(|character: char| character.is_ascii_whitespace() || character == '>')
                    .next()
                    .unwrap_or_default(),
            };
            value.split_ascii_whitespace()
        })
}

#[cfg(test)]
mod tests {
    use super::{Stylesheet, classes_in, compact};

    /// The rules of `css` that a page with `classes` keeps.
    fn kept(css: &str, classes: &[&str]) -> String {
        let page = format!("<p class=\"{}\"></p>", classes.join(" "));
        Stylesheet::parse(css).for_page(&[&page])
    }

    #[test]
    fn a_page_keeps_the_rules_its_classes_can_match() {
        let css = ":root{--a: 1}a{b:c}.x{d:e}.x .y,.z{f:g}.x.y>p{h:i}";
        assert_eq!(kept(css, &[]), ":root{--a: 1}a{b:c}");
        assert_eq!(kept(css, &["x"]), ":root{--a: 1}a{b:c}.x{d:e}");
        assert_eq!(kept(css, &["z"]), ":root{--a: 1}a{b:c}.x .y,.z{f:g}");
        assert_eq!(kept(css, &["x", "y"]), css);
    }

    #[test]
    fn classes_inside_a_pseudo_class_or_a_string_are_not_needed() {
        let css =
            "html:not(.live) .b{c:d}:is(.e,.f) g{h:i}[data-x=\".j\"]{k:l}.m::after{content:\".n\"}";
        assert_eq!(
            kept(css, &["b"]),
            "html:not(.live) .b{c:d}:is(.e,.f) g{h:i}[data-x=\".j\"]{k:l}"
        );
        assert!(kept(css, &["m"]).ends_with(".m::after{content:\".n\"}"));
    }

    #[test]
    fn a_group_keeps_its_matching_rules_and_goes_when_it_has_none() {
        let css = "@media (min-width: 80rem){.toc{a:b}.x{c:d}}@media print{.y{e:f}}.z{g:h}";
        assert_eq!(
            kept(css, &["toc", "y"]),
            "@media (min-width: 80rem){.toc{a:b}}@media print{.y{e:f}}"
        );
        assert_eq!(kept(css, &["z"]), ".z{g:h}");
        assert_eq!(
            kept("@supports (display: grid){@media screen{.a{b:c}}}", &["a"]),
            "@supports (display: grid){@media screen{.a{b:c}}}"
        );
    }

    #[test]
    fn an_animation_stays_while_a_kept_rule_names_it() {
        let css = ".bar{animation:pulse 1s}@keyframes pulse{from{opacity:1}to{opacity:0}}\
                   @media (prefers-reduced-motion: reduce){.bar{animation:none}}";
        assert_eq!(kept(css, &[]), "");
        assert_eq!(kept(css, &["bar"]), css);
        // Defined before the rule that names it; a longer name is another animation.
        let css = "@keyframes spin{to{rotate:1turn}}@keyframes spin-slow{to{rotate:1turn}}\
                   .a{animation:2s spin-slow}.b{animation:spin 1s}";
        assert_eq!(
            kept(css, &["a"]),
            "@keyframes spin-slow{to{rotate:1turn}}.a{animation:2s spin-slow}"
        );
        assert_eq!(
            kept(css, &["b"]),
            "@keyframes spin{to{rotate:1turn}}.b{animation:spin 1s}"
        );
    }

    #[test]
    fn what_it_cannot_split_is_kept_as_written() {
        assert_eq!(
            kept("@import url(a.css);.a{b:c}", &[]),
            "@import url(a.css);"
        );
        assert_eq!(
            kept("@font-face{font-family:x}", &[]),
            "@font-face{font-family:x}"
        );
        assert_eq!(kept(".a\\:b{c:d}", &[]), ".a\\:b{c:d}");
        // An unclosed block, a stray brace: kept, never a panic.
        for broken in [
            ".a{b:c",
            "}}.a{b:c}",
            ".a{b:\"}\"",
            "@media x{.a{",
            "((.a{b:c}",
            "\u{e9}.\u{e9}{x:y}",
        ] {
            let _ = kept(broken, &[]);
            let everything = kept(broken, &["a", "\u{e9}"]);
            assert!(everything.len() <= broken.len(), "{broken}: {everything}");
        }
        assert_eq!(kept(".a{b:c", &[]), ".a{b:c");
    }

    #[test]
    fn a_pages_classes_are_the_words_of_its_class_attributes() {
        let html = "<p class=\"a  b\"><i CLASS='c'><b class=d>x</b><em data-class=\"e\" \
                    class=\"\">class=\"f\"</em></i></p>";
        assert_eq!(classes_in(html).collect::<Vec<_>>(), ["a", "b", "c", "d"]);
        // A page in parts: the classes of each part count.
        let css = ".a{x:y}.d{z:w}.e{v:u}";
        assert_eq!(
            Stylesheet::parse(css).for_page(&["<i class=\"a\">", "<b class=d>"]),
            ".a{x:y}.d{z:w}"
        );
    }

    #[test]
    fn a_page_with_every_class_carries_the_whole_stylesheet() {
        let css = compact(include_str!("../../../style/main.css"));
        let every_class: Vec<&str> = css
            .split(|character: char| !super::is_name_character(character))
            .collect();
        assert_eq!(kept(&css, &every_class), css);
        // A page of plain text keeps the theme, the chrome's elements and little more.
        let plain = kept(&css, &[]);
        assert!(
            plain.len() < css.len() / 3,
            "{} of {}",
            plain.len(),
            css.len()
        );
        assert!(
            plain.starts_with(":root{color-scheme:light dark;"),
            "{plain}"
        );
    }

    #[test]
    fn comments_and_layout_go_and_every_token_stays() {
        assert_eq!(
            compact("/* Colours */\n:root {\n  --ink: #222; /* text */\n}\n"),
            ":root{--ink:#222}"
        );
        assert_eq!(compact("a{}/**/b{}/***/c{}"), "a{}b{}c{}");
        assert_eq!(
            compact("h1 ,\n h2 > a {\n  font: 1em/1.2 a, \"b c\" ;\n  color : red\n}"),
            "h1,h2 > a{font:1em/1.2 a,\"b c\";color :red}"
        );
    }

    #[test]
    fn no_space_after_a_colon_nor_a_leading_zero() {
        assert_eq!(
            compact("a { margin: 0 0 0.75rem; padding: 10.5px -0.5em; w: calc(0.5 * 20.05em) }"),
            "a{margin:0 0 .75rem;padding:10.5px -0.5em;w:calc(.5 * 20.05em)}"
        );
        assert_eq!(
            compact("@media (min-width: 40em) { a { b: 0.5s,0.25s } }"),
            "@media (min-width:40em){a{b:.5s,.25s}}"
        );
        // A string keeps its spaces and zeros.
        assert_eq!(
            compact("a::before{content: \" 0.5\"}"),
            "a::before{content:\" 0.5\"}"
        );
    }

    #[test]
    fn spaces_that_carry_meaning_stay() {
        let css =
            ".a :hover{width:calc(100% - 2rem)}@media (min-width:40em) and (hover:hover){a{b:c}}";
        assert_eq!(compact(css), css);
        assert_eq!(compact(".a  .b\t\n.c{x:y  z}"), ".a .b .c{x:y z}");
    }

    #[test]
    fn a_comment_opener_in_a_string_is_text() {
        let css = ".a::before{content:\"/* not  a ; comment */\"}.b::after{content:'\\'/* ,'}";
        assert_eq!(compact(css), css);
    }

    #[test]
    fn an_unclosed_comment_runs_to_the_end() {
        assert_eq!(
            compact("a { color: red } /* b { color: blue }"),
            "a{color:red}"
        );
        assert_eq!(compact("a/*/ b {}"), "a");
    }

    #[test]
    fn the_stylesheet_keeps_every_rule_and_sheds_its_comments_and_layout() {
        let css = include_str!("../../../style/main.css");
        let compacted = compact(css);
        assert!(!compacted.contains("/*") && !compacted.contains("*/"));
        assert!(!compacted.contains('\n') && !compacted.contains("  "));
        for brace in ['{', '}'] {
            assert_eq!(compacted.matches(brace).count(), css.matches(brace).count());
        }
        assert!(compacted.len() < css.len() * 3 / 4);
    }
}
