//! The site's social links, read from the config's `params` for the footer: PaperMod's
//! `socialIcons` (a list of `{name, url}`), then a `social` table of name = URL. The content
//! index carries only the (name, URL) pairs, since [`blogreader_content::site::flatten_params`] drops lists.

use serde_json::Value;

use blogreader_content::html::is_dangerous_url;
use blogreader_content::site::find_key;

/// (name, URL) per link of `params`: `socialIcons` in the order written, then the `social`
/// table (in key order, as the config reader keeps tables). Entries without both a name and
/// a URL, and `javascript:` and other dangerous URLs, are left out.
pub fn social_links(params: &Value) -> Vec<(String, String)> {
    let text = |value: &Value, key: &str| {
        find_key(value, &[key])
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let icons = find_key(params, &["socialIcons"])
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|icon| Some((text(icon, "name")?, text(icon, "url")?)));
    let table = find_key(params, &["social"])
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(name, url)| Some((name.clone(), url.as_str()?.to_owned())));
    icons
        .chain(table)
        .filter(|(name, url)| !name.is_empty() && !url.is_empty() && !is_dangerous_url(url))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(toml_params: &str) -> Vec<(String, String)> {
        let value: Value = toml::from_str(toml_params).unwrap_or_else(|error| panic!("{error}"));
        social_links(&value)
    }

    fn pair(name: &str, url: &str) -> (String, String) {
        (name.to_owned(), url.to_owned())
    }

    #[test]
    fn social_icons_come_first_in_order_then_the_social_table() {
        let params = "[[socialIcons]]\nname = \"mastodon\"\nurl = \"https://m.example/@ann\"\n\
                      [[socialIcons]]\nName = \"github\"\nURL = \"https://github.com/ann\"\n\
                      [Social]\nGitLab = \"https://gitlab.com/ann\"\n";
        assert_eq!(
            links(params),
            [
                pair("mastodon", "https://m.example/@ann"),
                pair("github", "https://github.com/ann"),
                pair("GitLab", "https://gitlab.com/ann"),
            ]
        );
    }

    #[test]
    fn incomplete_entries_and_dangerous_urls_are_left_out() {
        let params = "[[socialIcons]]\nname = \"x\"\n\
                      [[socialIcons]]\nname = \"evil\"\nurl = \"javascript:alert(1)\"\n\
                      [social]\nempty = \"\"\nnumber = 3\nok = \"mailto:ann@example.org\"\n";
        assert_eq!(links(params), [pair("ok", "mailto:ann@example.org")]);
        assert_eq!(links("author = \"Ann\""), []);
    }
}
