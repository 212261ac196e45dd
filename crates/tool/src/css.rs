//! The stylesheet as pages carry it: without the comments that document `style/main.css`,
//! which every prerendered page would otherwise repeat (a quarter of the CSS by size).

/// `css` without its `/* … */` comments. A `/*` inside a quoted string is text, and a
/// comment left open runs to the end, as CSS reads them; everything else is kept as written.
pub fn without_comments(css: &str) -> String {
    let mut kept = String::with_capacity(css.len());
    let mut characters = css.chars().peekable();
    let mut quote = None;
    while let Some(character) = characters.next() {
        match quote {
            Some(closing) => {
                kept.push(character);
                if character == '\\' {
                    kept.extend(characters.next());
                } else if character == closing {
                    quote = None;
                }
            }
            None if character == '/' && characters.peek() == Some(&'*') => {
                characters.next();
                let mut previous = None;
                for inside in characters.by_ref() {
                    if previous == Some('*') && inside == '/' {
                        break;
                    }
                    previous = Some(inside);
                }
            }
            None => {
                if matches!(character, '"' | '\'') {
                    quote = Some(character);
                }
                kept.push(character);
            }
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::without_comments;

    #[test]
    fn comments_go_and_everything_else_stays() {
        assert_eq!(
            without_comments("/* Colours */\n:root { --ink: #222; /* text */ }\n"),
            "\n:root { --ink: #222;  }\n"
        );
        assert_eq!(without_comments("a{}/**/b{}/***/c{}"), "a{}b{}c{}");
    }

    #[test]
    fn a_comment_opener_in_a_string_is_text() {
        let css = ".a::before { content: \"/* not a comment */\"; } .b::after { content: '\\'/*' }";
        assert_eq!(without_comments(css), css);
    }

    #[test]
    fn an_unclosed_comment_runs_to_the_end() {
        assert_eq!(
            without_comments("a { color: red } /* b { color: blue }"),
            "a { color: red } "
        );
        assert_eq!(without_comments("a/*/ b {}"), "a");
    }

    #[test]
    fn the_stylesheet_keeps_every_rule_and_sheds_its_comments() {
        let css = include_str!("../../../style/main.css");
        let stripped = without_comments(css);
        assert!(!stripped.contains("/*") && !stripped.contains("*/"));
        for brace in ['{', '}'] {
            assert_eq!(stripped.matches(brace).count(), css.matches(brace).count());
        }
        assert!(stripped.len() < css.len() * 9 / 10);
    }
}
