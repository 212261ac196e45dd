//! `_headers` (read by Netlify and Cloudflare Pages, and by `blogtool serve`): the
//! Content-Security-Policy the app runs under, long-lived caching for the files Trunk names by
//! their hash, and revalidation for everything else (pages, the content index, Markdown).

use std::fs;
use std::path::Path;

use crate::content::site::Site;
use crate::tool::{ToolError, io_error, sha256_integrity};

/// The file name hosts look for at the site root.
pub const HEADERS_FILE: &str = "_headers";

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// The policy: only this site's own scripts (and the wasm they compile) and styles, the
/// inline scripts (Trunk's loader, the theme script) and stylesheet by their hashes, images
/// also from https (covers may be remote), no plugins, no framing.
pub fn content_security_policy(inline_scripts: &[&str], inline_styles: &[&str]) -> String {
    let hashes = |blocks: &[&str]| -> String {
        blocks
            .iter()
            .map(|block| format!(" '{}'", sha256_integrity(block.as_bytes())))
            .collect()
    };
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{}; style-src 'self'{}; \
         img-src 'self' https: data:; connect-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'",
        hashes(inline_scripts),
        hashes(inline_styles)
    )
}

/// Whether Trunk named the file by its content hash (`blogreader-0123456789abcdef_bg.wasm`).
fn is_hashed(name: &str) -> bool {
    name.split(['-', '_', '.'])
        .any(|part| part.len() == 16 && part.bytes().all(|byte| byte.is_ascii_hexdigit()))
}

/// `_headers` for every file in `out_dir`, at its URL under the base path.
/// `policy` is the Content-Security-Policy for every page.
pub fn headers(site: &Site, out_dir: &Path, policy: &str) -> Result<String, ToolError> {
    let base_path = site.config.base_path();
    let mut text = format!(
        "{base_path}*\n  Content-Security-Policy: {policy}\n  X-Content-Type-Options: nosniff\n  \
         Referrer-Policy: strict-origin-when-cross-origin\n"
    );
    let mut files = Vec::new();
    list_files(out_dir, "", &mut files)?;
    files.sort();
    for file in files {
        let name = file.rsplit('/').next().unwrap_or(&file);
        let (url, cache) = if is_hashed(name) {
            (format!("{base_path}{file}"), IMMUTABLE)
        } else if let Some(folder) = file.strip_suffix("index.html") {
            (format!("{base_path}{folder}"), REVALIDATE)
        } else {
            (format!("{base_path}{file}"), REVALIDATE)
        };
        text.push_str(&format!("{url}\n  Cache-Control: {cache}\n"));
    }
    Ok(text)
}

/// Every file below `dir`, as paths relative to it (`posts/a/index.html`).
fn list_files(dir: &Path, prefix: &str, files: &mut Vec<String>) -> Result<(), ToolError> {
    for entry in fs::read_dir(dir).map_err(io_error(dir))? {
        let entry = entry.map_err(io_error(dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if path.is_dir() {
            list_files(&path, &format!("{prefix}{name}/"), files)?;
        } else if name != HEADERS_FILE {
            files.push(format!("{prefix}{name}"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunks_hashed_names_are_recognised() {
        assert!(is_hashed("blogreader-a4cf97f85b7c8cf3_bg.wasm"));
        assert!(is_hashed("main-7acf803790d776a1.css"));
        assert!(!is_hashed("index.md"));
        assert!(!is_hashed("content-index.json"));
    }

    #[test]
    fn the_policy_allows_the_inline_loader_by_its_sha256() {
        let policy = content_security_policy(&["alert(1)"], &["p{}"]);
        // printf 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert!(
            policy.contains("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"),
            "{policy}"
        );
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"));
        assert!(policy.contains("style-src 'self' 'sha256-"), "{policy}");
    }
}
