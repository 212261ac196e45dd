//! The stylesheet as pages carry it: without the comments that document `style/main.css` and
//! the whitespace that lays it out, which every prerendered page would otherwise repeat (a
//! third of the CSS by size).

/// Characters that need no whitespace on either side of them.
const TIGHT: [char; 4] = ['{', '}', ';', ','];

/// `css` without its `/* … */` comments and without whitespace it does not need: a run of
/// whitespace (a comment counts as one) becomes one space, or none next to `{`, `}`, `;` and
/// `,`, and a declaration's last `;` goes. Quoted strings are kept as written (a `/*` in one is
/// text) and a comment left open runs to the end, as CSS reads them. A space is never dropped
/// elsewhere: it separates a descendant selector (`a :hover`), an operator in `calc()` or
/// `and (` in a media query.
pub fn compact(css: &str) -> String {
    let mut kept = String::with_capacity(css.len());
    let mut characters = css.chars().peekable();
    let mut quote = None;
    let mut space = false;
    while let Some(character) = characters.next() {
        if let Some(closing) = quote {
            kept.push(character);
            if character == '\\' {
                kept.extend(characters.next());
            } else if character == closing {
                quote = None;
            }
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
        let after_tight = kept.ends_with(TIGHT);
        if space && !kept.is_empty() && !after_tight && !TIGHT.contains(&character) {
            kept.push(' ');
        }
        space = false;
        if character == '}' && kept.ends_with(';') {
            kept.pop();
        }
        if matches!(character, '"' | '\'') {
            quote = Some(character);
        }
        kept.push(character);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::compact;

    #[test]
    fn comments_and_layout_go_and_every_token_stays() {
        assert_eq!(
            compact("/* Colours */\n:root {\n  --ink: #222; /* text */\n}\n"),
            ":root{--ink: #222}"
        );
        assert_eq!(compact("a{}/**/b{}/***/c{}"), "a{}b{}c{}");
        assert_eq!(
            compact("h1 ,\n h2 > a {\n  font: 1em/1.2 a, \"b c\" ;\n  color : red\n}"),
            "h1,h2 > a{font: 1em/1.2 a,\"b c\";color : red}"
        );
    }

    #[test]
    fn spaces_that_carry_meaning_stay() {
        let css =
            ".a :hover{width:calc(100% - 2rem)}@media (min-width: 40em) and (hover: hover){a{b:c}}";
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
            "a{color: red}"
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
