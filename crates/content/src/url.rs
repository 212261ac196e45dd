//! Paths and URLs: browser paths to site URLs (percent-decoding, Hugo's trailing slash), the
//! cleaning of `.` and `..` in content paths, and the check that a path an author writes (a
//! page's `url`, an alias, a slug, a term) stays a path of the site.

/// The site URL a browser path stands for: percent-decoded, with Hugo's trailing slash unless
/// it names a file (`/about.html`, a page's `url` or an alias written so).
pub fn route_url(pathname: &str) -> String {
    let decoded = percent_decode(pathname);
    let path = decoded.split(['?', '#']).next().unwrap_or_default();
    if path.ends_with('/') {
        path.to_owned()
    } else if let Some(folder) = path.strip_suffix("/index.html") {
        // `/posts/a/index.html` names the page's file, as on a static host.
        format!("{folder}/")
    } else if names_file(path) {
        path.to_owned()
    } else {
        format!("{path}/")
    }
}

/// Whether a site URL names a file (its last segment has an extension: `/about.html`), not a
/// folder with its `index.html`: Hugo writes a page whose `url` says so at that file.
pub fn names_file(url: &str) -> bool {
    !url.ends_with('/')
        && url
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.'))
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

/// Why `segment` (a slug, a term, one part of a path an author writes) cannot be part of a
/// site path, written or percent-decoded: a control character (a line break would also end a
/// `_headers` rule), a backslash (some hosts and browsers read it as `/`), or a `..` that
/// climbs out of the folder (the build would write outside its output folder). `None`: it can.
pub fn unsafe_segment_reason(segment: &str) -> Option<&'static str> {
    let decoded = percent_decode(segment);
    [segment, decoded.as_str()].into_iter().find_map(|text| {
        if text.contains(char::is_control) {
            Some("holds a control character (a line break, a tab…)")
        } else if text.contains('\\') {
            Some("holds a backslash, which some hosts and browsers read as /")
        } else if text.split('/').any(|part| part.trim() == "..") {
            Some("climbs out of its folder with \"..\"")
        } else {
            None
        }
    })
}

/// Why `path` (a page's `url`, an alias, a permalink pattern) cannot be a path of the site:
/// those of [`unsafe_segment_reason`], or it leads to another host (`//host/`, `https://`).
pub fn unsafe_path_reason(path: &str) -> Option<&'static str> {
    if let Some(reason) = unsafe_segment_reason(path) {
        return Some(reason);
    }
    let path = path.trim();
    if path.starts_with("//") {
        return Some("starts with //, which a browser reads as another host");
    }
    let first = path.split('/').next().unwrap_or("");
    let has_scheme = first.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    has_scheme.then_some("is a full URL, not a path on this site")
}

/// Whether `url` is a reference relative to the page it is written on (`pic.png`,
/// `../other/`, `#part`): not empty, no scheme (`https:`, `mailto:`), not from the root.
pub fn is_relative_reference(url: &str) -> bool {
    let first = url.split(['/', '?', '#']).next().unwrap_or("");
    let has_scheme = first.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    !url.is_empty() && !url.starts_with('/') && !has_scheme
}

/// `/a/b/` from path segments, each made URL-safe the way Hugo does.
pub fn url_from_segments<'s>(segments: impl Iterator<Item = &'s str>) -> String {
    let mut url = String::from("/");
    // `.` and `..` would leave the folder (a term or a title may be `..`): they are dropped.
    for segment in segments
        .map(url_segment)
        .filter(|segment| !matches!(segment.as_str(), "" | "." | ".."))
    {
        url.push_str(&segment);
        url.push('/');
    }
    url
}

/// Hugo's path sanitising: lower case; letters, digits, `.`, `_`, `-`, `+`, `~`, `@` and `%XX`
/// escapes stay; a run of white space becomes one `-`; everything else is dropped.
pub fn url_segment(segment: &str) -> String {
    let characters: Vec<char> = segment.chars().collect();
    let mut output = String::with_capacity(segment.len());
    let mut pending_hyphen = false;
    for (index, &character) in characters.iter().enumerate() {
        let is_escape = character == '%'
            && characters
                .get(index + 1)
                .is_some_and(char::is_ascii_hexdigit)
            && characters
                .get(index + 2)
                .is_some_and(char::is_ascii_hexdigit);
        let allowed = character.is_alphanumeric()
            || matches!(character, '.' | '_' | '-' | '+' | '~' | '@')
            || is_escape;
        if allowed {
            if pending_hyphen && character != '-' {
                output.push('-');
            }
            pending_hyphen = false;
            output.extend(character.to_lowercase());
        } else if character.is_whitespace() && !output.is_empty() && !output.ends_with('-') {
            pending_hyphen = true;
        }
    }
    output
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_site_are_refused_with_a_reason() {
        for path in [
            "../../x",
            "/posts/../../../etc/",
            "/a/%2e%2E/b/",
            "/a/..%2f..%2fb/",
            "/x\n/",
            "/x\r\nContent-Security-Policy: script-src *",
            "/tab\there/",
            "/\\evil.example/x/",
            "//evil.example/x/",
            " //evil.example/x/",
            "https://evil.example/x/",
            "javascript:alert(1)",
        ] {
            assert!(unsafe_path_reason(path).is_some(), "{path:?}");
        }
        for path in [
            "/posts/a/",
            "old/path",
            "/a b/",
            "/c++/",
            "/x/.../",
            "/a:b/",
            "/über/",
            "",
        ] {
            assert_eq!(unsafe_path_reason(path), None, "{path:?}");
        }
        assert_eq!(
            unsafe_segment_reason("Note: x"),
            None,
            "a term may hold a colon"
        );
        assert!(unsafe_segment_reason("..").is_some());
    }

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
        assert_eq!(
            route_url("/about.html"),
            "/about.html",
            "a page's own file URL"
        );
        assert_eq!(route_url("/old/page.html?x#y"), "/old/page.html");
        assert!(names_file("/about.html"));
        assert!(!names_file("/v1.2/"));
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
