//! Where emoji codes (`:smile:`) stand in a page's Markdown: everywhere but in a shortcode
//! call's tag, as Hugo 0.111 replaces them (code and addresses included, checked by hand:
//! it emojifies the content before Markdown reads it, once the calls are set aside). The
//! build writes the emoji when a site turns `enableEmoji` on; the table of emoji stays in
//! the build, so the browser carries none.

use std::ops::Range;

use super::math::call_tags;

/// `body` (a page's Markdown, without its front matter) with every emoji code in its text
/// replaced by what `emoji` gives for its name (`smile` for `:smile:`); `None` when no code
/// was replaced. Line breaks stay, so every line keeps its number for the build's messages.
pub fn write_emoji(body: &str, emoji: impl Fn(&str) -> Option<&'static str>) -> Option<String> {
    let mut written = String::with_capacity(body.len());
    let mut done = 0;
    for range in text_ranges(body) {
        let text = body.get(range.clone()).unwrap_or_default();
        if let Some(replaced) = replace_codes(text, &emoji) {
            written.push_str(body.get(done..range.start).unwrap_or_default());
            written.push_str(&replaced);
            done = range.end;
        }
    }
    if done == 0 {
        return None;
    }
    written.push_str(body.get(done..).unwrap_or_default());
    Some(written)
}

/// `text` with every emoji code in it replaced, wherever it stands (Hugo's `emojify`): a
/// `:name:` whose name (letters, digits, `_`, `+`, `-`) `emoji` knows. `None` when there is
/// none.
pub fn replace_codes(text: &str, emoji: &impl Fn(&str) -> Option<&'static str>) -> Option<String> {
    let bytes = text.as_bytes();
    let mut written = String::new();
    let mut done = 0;
    let mut at = 0;
    while let Some(offset) = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|&b| b == b':'))
    {
        let start = at + offset;
        let name_length = bytes
            .get(start + 1..)
            .unwrap_or_default()
            .iter()
            .take_while(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'+' | b'-'))
            .count();
        let end = start + 1 + name_length;
        let name = text.get(start + 1..end).unwrap_or_default();
        let found = (name_length > 0 && bytes.get(end) == Some(&b':'))
            .then(|| emoji(name))
            .flatten();
        match found {
            Some(emoji) => {
                written.push_str(text.get(done..start).unwrap_or_default());
                written.push_str(emoji);
                done = end + 1;
                at = done;
            }
            // `a:b:c`: the colon after a name that is no code may open the next one.
            None => at = end.max(start + 1),
        }
    }
    (done > 0).then(|| {
        written.push_str(text.get(done..).unwrap_or_default());
        written
    })
}

/// The byte ranges of `body` outside its shortcode calls' tags, in order.
fn text_ranges(body: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut done = 0;
    for tag in call_tags(body) {
        ranges.push(done..tag.start);
        done = tag.end;
    }
    ranges.push(done..body.len());
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emoji(name: &str) -> Option<&'static str> {
        match name {
            "smile" => Some("😄"),
            "+1" => Some("👍"),
            _ => None,
        }
    }

    /// What Hugo 0.111 wrote for the same Markdown with `enableEmoji` (by hand): code and
    /// addresses too, a call's tag not, the text a call encloses too.
    #[test]
    fn codes_become_emoji_everywhere_but_in_a_calls_tag() {
        let body = "# Hi :smile:\n\nA :+1: and :nope: at 10:30:00, a:smile:b.\n\n\
                    `:smile:` [:smile:](/x/:smile:/)\n\n```\n:smile:\n```\n\n\
                    {{< figure caption=\":smile:\" >}} {{% mine %}}:+1:{{% /mine %}}\n";
        assert_eq!(
            write_emoji(body, emoji).as_deref(),
            Some(
                "# Hi 😄\n\nA 👍 and :nope: at 10:30:00, a😄b.\n\n\
                 `😄` [😄](/x/😄/)\n\n```\n😄\n```\n\n\
                 {{< figure caption=\":smile:\" >}} {{% mine %}}👍{{% /mine %}}\n"
            )
        );
        assert_eq!(write_emoji("No codes: here.\n", emoji), None);
    }
}
