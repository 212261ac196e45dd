//! Emoji codes (`:smile:`) written as emoji, as Hugo writes them in a page's text when
//! `enableEmoji` is on and wherever a template calls `emojify`: GitHub's names, from the
//! `emojis` crate's table (native only: the browser gets the emoji written).

use std::borrow::Cow;

use blogreader_content::emoji::{replace_codes, write_emoji};
use blogreader_content::front_matter::split;
use blogreader_content::site::SourceFile;

/// The emoji of the code `name` (`smile`), if it names one.
fn emoji(name: &str) -> Option<&'static str> {
    emojis::get_by_shortcode(name).map(emojis::Emoji::as_str)
}

/// `text` with every emoji code replaced, wherever it stands (the `emojify` function).
pub fn emojify(text: &str) -> Cow<'_, str> {
    match replace_codes(text, &emoji) {
        Some(written) => Cow::Owned(written),
        None => Cow::Borrowed(text),
    }
}

/// Writes the emoji of every code in each page's Markdown (`enableEmoji`), as Hugo does:
/// not in its front matter nor in a shortcode call's tag.
pub fn emojify_pages(files: &mut [SourceFile]) {
    for file in files {
        if !file.path.ends_with(".md") {
            continue;
        }
        let Some(text) = &file.text else {
            continue;
        };
        let Ok(parts) = split(text) else {
            continue;
        };
        let body_start = text.len() - parts.body.len();
        if let Some(body) = write_emoji(parts.body, emoji) {
            file.text = Some(format!("{}{body}", &text[..body_start]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_githubs_names() {
        assert_eq!(
            emojify(":smile: :+1: :rocket: :nope: 10:30"),
            "😄 👍 🚀 :nope: 10:30"
        );
        assert_eq!(emojify("<b>:tada:</b>"), "<b>🎉</b>");
        let mut files = [SourceFile {
            path: "content/a.md".to_owned(),
            text: Some("---\ntitle: \":smile:\"\n---\nHi :smile:, `:tada:`\n".to_owned()),
        }];
        emojify_pages(&mut files);
        assert_eq!(
            files[0].text.as_deref(),
            Some("---\ntitle: \":smile:\"\n---\nHi 😄, `🎉`\n")
        );
    }
}
