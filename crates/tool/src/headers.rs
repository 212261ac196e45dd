//! `_headers` (read by Netlify and Cloudflare Pages, and by `blogtool serve`): the
//! Content-Security-Policy the app runs under and long-lived caching for the files Trunk names
//! by their hash, in a handful of rules; and the same policy as a `<meta>` tag for the pages of
//! hosts that never read `_headers` (GitHub Pages, S3).

use std::fs;
use std::path::Path;

use crate::{ToolError, io_error, sha256_integrity};
use blogreader_content::site::Site;

/// The file name hosts look for at the site root.
pub const HEADERS_FILE: &str = "_headers";

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The inline stylesheets a policy allows.
pub enum InlineStyles<'s> {
    /// Those with these texts, by their hashes: a page's own policy.
    ByHash(&'s [&'s str]),
    /// Any: the host's policy for every page, each of which carries its own stylesheet and
    /// a policy naming it (a browser enforces both policies, so only that one applies).
    Any,
}

/// The Content-Security-Policy of a site's pages: only this site's own scripts (and the wasm
/// they compile) and styles, the inline scripts (Trunk's loader, the theme script) by their
/// hashes, the inline styles [`Policy::text`] is given, images also from https (covers may be
/// remote), no plugins, no framing.
pub struct Policy {
    /// The inline scripts' hash sources, hashed once for every page.
    script_hashes: String,
}

impl Policy {
    pub fn new(inline_scripts: &[&str]) -> Policy {
        Policy {
            script_hashes: hash_sources(inline_scripts),
        }
    }

    /// The policy, allowing `inline_styles`.
    pub fn text(&self, inline_styles: InlineStyles) -> String {
        let styles = match inline_styles {
            InlineStyles::ByHash(blocks) => hash_sources(blocks),
            InlineStyles::Any => " 'unsafe-inline'".to_owned(),
        };
        format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{}; style-src 'self'{styles}; \
             img-src 'self' https: data:; connect-src 'self'; object-src 'none'; base-uri 'self'; \
             form-action 'self'; frame-ancestors 'none'",
            self.script_hashes,
        )
    }
}

/// Each of `blocks` as a policy's hash source (` 'sha256-…'`).
fn hash_sources(blocks: &[&str]) -> String {
    blocks
        .iter()
        .map(|block| format!(" '{}'", sha256_integrity(block.as_bytes())))
        .collect()
}

/// Whether the name has the form of Trunk's hashed names (`blogreader-0123456789abcdef_bg.wasm`):
/// a part after a `-` of hex digits, up to 16 of them (Trunk writes its 64-bit hash without
/// leading zeros, so one in 4,096 builds has 13 or fewer; fewer than 8 is one in 4 billion).
fn is_hashed(name: &str) -> bool {
    name.split('-').skip(1).any(|after_dash| {
        let part = after_dash.split(['_', '.']).next().unwrap_or_default();
        (8..=16).contains(&part.len()) && part.bytes().all(|byte| byte.is_ascii_hexdigit())
    })
}

/// `_headers`: a handful of rules whatever the size of the site (Cloudflare Pages reads at most
/// 100): the Content-Security-Policy `policy` and two safety headers for everything under the
/// base path, and long-lived caching for each file Trunk named by its hash: a file at the root
/// of `out_dir` with a hashed name that Trunk's page `trunk_page` loads (so an author's static
/// file that merely looks hashed keeps revalidation). Everything else keeps the host's
/// default, revalidation, so no header is set by two rules (Cloudflare would join the two
/// values).
pub fn headers(
    site: &Site,
    out_dir: &Path,
    policy: &str,
    trunk_page: &str,
) -> Result<String, ToolError> {
    let base_path = site.config().base_path();
    let mut text = format!(
        "{base_path}*\n  Content-Security-Policy: {policy}\n  X-Content-Type-Options: nosniff\n  \
         Referrer-Policy: strict-origin-when-cross-origin\n"
    );
    let mut hashed = Vec::new();
    for entry in fs::read_dir(out_dir).map_err(io_error(out_dir))? {
        let entry = entry.map_err(io_error(out_dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // A rule is one line: a name with white space or a control character is no rule.
        let is_plain = !name.contains(|c: char| c.is_whitespace() || c.is_control());
        let is_loaded = trunk_page.contains(&format!("{base_path}{name}"));
        if is_plain && is_hashed(&name) && is_loaded && entry.path().is_file() {
            hashed.push(name);
        }
    }
    hashed.sort();
    for name in hashed {
        text.push_str(&format!(
            "{base_path}{name}\n  Cache-Control: {IMMUTABLE}\n"
        ));
    }
    Ok(text)
}

/// `policy` as a `<meta http-equiv>` tag, for hosts that send no Content-Security-Policy:
/// without the directives a meta tag cannot carry (`frame-ancestors`, which browsers ignore
/// there with a console error).
pub fn policy_meta_tag(policy: &str) -> String {
    let directives: Vec<&str> = policy
        .split(';')
        .map(str::trim)
        .filter(|directive| !directive.starts_with("frame-ancestors"))
        .collect();
    format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        directives.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunks_hashed_names_are_recognised() {
        assert!(is_hashed("blogreader-a4cf97f85b7c8cf3_bg.wasm"));
        assert!(is_hashed("main-7acf803790d776a1.css"));
        // A hash with leading zeros, as Trunk writes it (seen in a build).
        assert!(is_hashed("blogreader-91c415081820c_bg.wasm"));
        assert!(is_hashed("blogreader-91c415081820c.js"));
        assert!(!is_hashed("index.md"));
        assert!(!is_hashed("site.json"));
        assert!(!is_hashed("0123456789abcdef.png"), "no dash before it");
    }

    #[test]
    fn the_meta_policy_is_the_headers_policy_without_frame_ancestors() {
        let policy = Policy::new(&["a()"]).text(InlineStyles::ByHash(&[]));
        let meta = policy_meta_tag(&policy);
        assert!(meta.starts_with("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-"), "{meta}");
        assert!(meta.ends_with("form-action 'self'\">"), "{meta}");
        assert!(!meta.contains("frame-ancestors"));
    }

    #[test]
    fn headers_are_a_handful_of_rules_whatever_the_size_of_the_site() {
        let dir = std::env::temp_dir().join(format!("blogreader-headers-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for page in 0..50 {
            let _ = fs::create_dir_all(dir.join(format!("posts/p{page}")));
            let _ = fs::write(dir.join(format!("posts/p{page}/index.html")), "x");
        }
        let files = [
            "blogreader-0123456789abcdef_bg.wasm",
            "blogreader-123456789abcdef.js",
            "photo-20250101.jpg",
            "index.html",
            "x-0123456789abcdef\n.js",
        ];
        for file in files {
            let _ = fs::write(dir.join(file), "x");
        }
        // Trunk's page loads its files; the photo is an author's, not Trunk's.
        let trunk_page = "<script>import init from '/blogreader-123456789abcdef.js';\
                          init('/blogreader-0123456789abcdef_bg.wasm')</script>";
        let site = Site::new(Default::default(), Vec::new());
        let text = headers(&site, &dir, "default-src 'self'", trunk_page)
            .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(
            text,
            "/*\n  Content-Security-Policy: default-src 'self'\n  X-Content-Type-Options: nosniff\n  \
             Referrer-Policy: strict-origin-when-cross-origin\n\
             /blogreader-0123456789abcdef_bg.wasm\n  Cache-Control: public, max-age=31536000, immutable\n\
             /blogreader-123456789abcdef.js\n  Cache-Control: public, max-age=31536000, immutable\n"
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_policy_allows_the_inline_loader_by_its_sha256() {
        let policy = Policy::new(&["alert(1)"]).text(InlineStyles::ByHash(&["p{}"]));
        // printf 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert!(
            policy.contains("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"),
            "{policy}"
        );
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"));
        // printf 'p{}' | openssl dgst -sha256 -binary | base64
        assert!(
            policy.contains(
                "style-src 'self' 'sha256-gG2yISYereRMiG2lMXrbiUgi0Ubw9p7QCeWcroOvy9Y=';"
            ),
            "{policy}"
        );
        let hosts = Policy::new(&["alert(1)"]).text(InlineStyles::Any);
        assert!(
            hosts.contains("style-src 'self' 'unsafe-inline';"),
            "{hosts}"
        );
    }
}
