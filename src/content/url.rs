//! Paths and URLs: browser paths to site URLs (percent-decoding, Hugo's trailing slash) and
//! the cleaning of `.` and `..` in content paths.

/// The index URL a browser path stands for: percent-decoded, with Hugo's trailing slash.
pub fn route_url(pathname: &str) -> String {
    let decoded = percent_decode(pathname);
    let path = decoded.split(['?', '#']).next().unwrap_or_default();
    if path.ends_with('/') {
        path.to_owned()
    } else if path
        .rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
    {
        // `/posts/a/index.html` names the page's file, as on a static host.
        path.rsplit_once('/')
            .map(|(folder, _)| format!("{folder}/"))
            .unwrap_or_else(|| "/".to_owned())
    } else {
        format!("{path}/")
    }
}

/// Resolves `.` and `..` in a `/`-separated path (never above its start); empty segments go,
/// so there is no leading or trailing `/`.
pub fn clean_path(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    segments.join("/")
}

/// Decodes `%XX` escapes as UTF-8; malformed escapes are kept as written.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let escaped = (bytes[index] == b'%')
            .then(|| bytes.get(index + 1..index + 3))
            .flatten()
            // Two hex digits: `from_str_radix` also takes a sign (`%+d` is no escape).
            .filter(|hex| hex.iter().all(u8::is_ascii_hexdigit))
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                decoded.push(byte);
                index += 3;
            }
            None => {
                decoded.push(bytes[index]);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_path_resolves_dots_and_never_climbs_above_the_start() {
        assert_eq!(clean_path("posts/./a/../b/"), "posts/b");
        assert_eq!(clean_path("../../x"), "x");
        assert_eq!(clean_path("/"), "");
    }

    #[test]
    fn route_url_adds_hugos_trailing_slash() {
        assert_eq!(route_url("/posts/a"), "/posts/a/");
        assert_eq!(route_url("/posts/a/"), "/posts/a/");
        assert_eq!(route_url("/"), "/");
        assert_eq!(route_url(""), "/");
    }

    #[test]
    fn route_url_maps_a_pages_index_html_to_the_page() {
        assert_eq!(route_url("/posts/a/index.html"), "/posts/a/");
        assert_eq!(route_url("/index.html"), "/");
    }

    #[test]
    fn percent_decode_keeps_malformed_escapes_as_written() {
        assert_eq!(percent_decode("%41%c3%a9"), "Aé");
        assert_eq!(percent_decode("%+d%-1%zz%4"), "%+d%-1%zz%4");
    }

    #[test]
    fn route_url_decodes_unicode_paths() {
        assert_eq!(route_url("/posts/%C3%BCber/"), "/posts/über/");
        assert_eq!(route_url("/a%2"), "/a%2/");
    }
}
