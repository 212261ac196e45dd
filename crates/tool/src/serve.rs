//! A static file server for `dist/` that behaves like a static host (Netlify, Cloudflare
//! Pages): a folder answers with its `index.html`, a missing path with `404.html` and status
//! 404, and the headers of `_headers` (the Content-Security-Policy among them) are sent. The
//! end-to-end tests use it, so pages are tested the way a CDN serves them. It guards itself as
//! a small server must: a request line and headers of bounded size, a time limit on each
//! connection, a bounded number of connections at once.

use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use crate::headers::HEADERS_FILE;
use blogreader_content::url::percent_decode;

/// The longest request line and header block read; longer requests are refused.
const MAX_REQUEST_BYTES: u64 = 16 * 1024;

/// How long a connection may take to send its request or read the answer.
const CONNECTION_TIMEOUT: Duration = Duration::from_secs(10);

/// Connections answered at once; more are closed at once.
const MAX_CONNECTIONS: usize = 64;

/// Whether to send the headers of `_headers`: a host that reads it (Netlify, Cloudflare
/// Pages), or one that never does (GitHub Pages, S3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadersFile {
    Sent,
    Ignored,
}

/// Serves `root` on `address` (such as `127.0.0.1:8080`) until the process ends, at
/// `base_path` (`/`, or `/blog/` for a site whose `baseURL` has that path).
pub fn serve(
    root: &Path,
    address: &str,
    base_path: &str,
    headers_file: HeadersFile,
) -> io::Result<()> {
    let listener = TcpListener::bind(address)?;
    eprintln!(
        "serving {} on http://{}{base_path}",
        root.display(),
        listener.local_addr()?
    );
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let stream = stream?;
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            continue;
        }
        let (root, base_path, open) = (root.to_owned(), base_path.to_owned(), Arc::clone(&open));
        thread::spawn(move || {
            if let Err(error) = answer(&root, &base_path, headers_file, stream) {
                eprintln!(
                    "request failed: {}",
                    crate::terminal_line(&error.to_string())
                );
            }
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
    Ok(())
}

/// Reads one request and answers it; the connection is then closed.
fn answer(
    root: &Path,
    base_path: &str,
    headers_file: HeadersFile,
    mut stream: TcpStream,
) -> io::Result<()> {
    stream.set_read_timeout(Some(CONNECTION_TIMEOUT))?;
    stream.set_write_timeout(Some(CONNECTION_TIMEOUT))?;
    let mut reader = BufReader::new(stream.try_clone()?).take(MAX_REQUEST_BYTES);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers: nothing in them changes the answer.
    let mut header = String::new();
    let mut complete = request_line.ends_with('\n');
    while complete && reader.read_line(&mut header)? > 2 {
        complete = header.ends_with('\n');
        header.clear();
    }
    if !complete {
        return respond(
            &mut stream,
            "431 Request Header Fields Too Large",
            &[],
            b"",
            "",
        );
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return respond(&mut stream, "405 Method Not Allowed", &[], b"", method);
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let inside = path
        .strip_prefix(base_path.trim_end_matches('/'))
        .filter(|rest| rest.is_empty() || rest.starts_with('/'));
    let (status, file) = match inside.and_then(|rest| resolve(root, rest)) {
        Some(file) => ("200 OK", file),
        None => ("404 Not Found", root.join("404.html")),
    };
    let body = fs::read(&file).unwrap_or_default();
    let rules = match headers_file {
        HeadersFile::Sent => fs::read_to_string(root.join(HEADERS_FILE)).unwrap_or_default(),
        HeadersFile::Ignored => String::new(),
    };
    let mut headers = vec![
        ("Content-Type".to_owned(), content_type(&file).to_owned()),
        ("Cache-Control".to_owned(), "no-cache".to_owned()),
    ];
    for (name, value) in host_headers(&rules, &percent_decode(path)) {
        headers.retain(|(known, _)| !known.eq_ignore_ascii_case(&name));
        headers.push((name, value));
    }
    respond(&mut stream, status, &headers, &body, method)
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    headers: &[(String, String)],
    body: &[u8],
    method: &str,
) -> io::Result<()> {
    let mut head = format!("HTTP/1.1 {status}\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// The headers `_headers` rules give `path`: a rule's path matches exactly, or as a prefix
/// when it ends in `*`; later rules override earlier ones for the same header.
pub fn host_headers(rules: &str, path: &str) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut matches = false;
    for line in rules.lines() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if !line.starts_with([' ', '\t']) {
            let pattern = line.trim();
            matches = match pattern.strip_suffix('*') {
                Some(prefix) => path.starts_with(prefix),
                None => pattern == path,
            };
            continue;
        }
        if let (true, Some((name, value))) = (matches, line.trim().split_once(':')) {
            headers.retain(|(known, _)| !known.eq_ignore_ascii_case(name.trim()));
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    headers
}

/// The file a request target names under `root`, if there is one. Paths that try to leave
/// `root` (`..`) name nothing.
pub fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
    let mut file = root.to_owned();
    for segment in path.split('/').filter(|segment| !segment.is_empty()) {
        if segment == ".." || segment.contains('\\') {
            return None;
        }
        file.push(segment);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

/// The media type a static host sends for a file, by its extension.
pub fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|extension| extension.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("md") => "text/markdown; charset=utf-8",
        Some("xml") => "application/xml",
        Some("txt") => "text/plain; charset=utf-8",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("svg") => "image/svg+xml",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the server answers to `request` sent on a fresh connection.
    fn exchange(request: &[u8]) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|error| panic!("{error}"));
        let address = listener
            .local_addr()
            .unwrap_or_else(|error| panic!("{error}"));
        let request = request.to_vec();
        let client = thread::spawn(move || {
            let mut stream = TcpStream::connect(address).unwrap_or_else(|error| panic!("{error}"));
            // The server may close before reading it all: that is its answer.
            let _ = stream.write_all(&request);
            let mut answer = String::new();
            let _ = stream.read_to_string(&mut answer);
            answer
        });
        let (stream, _) = listener.accept().unwrap_or_else(|error| panic!("{error}"));
        let _ = answer(&std::env::temp_dir(), "/", HeadersFile::Sent, stream);
        client.join().unwrap_or_default()
    }

    #[test]
    fn a_request_line_longer_than_the_limit_is_refused_unread() {
        let mut request = b"GET /".to_vec();
        request.extend(std::iter::repeat_n(b'a', 50 * 1024));
        request.extend(b" HTTP/1.1\r\n\r\n");
        assert!(exchange(&request).starts_with("HTTP/1.1 431 "));
        assert!(
            exchange(b"GET /nothing-here HTTP/1.1\r\nHost: x\r\n\r\n").starts_with("HTTP/1.1 404 ")
        );
    }

    #[test]
    fn resolve_refuses_paths_that_leave_the_root() {
        let root = std::env::temp_dir();
        assert_eq!(resolve(&root, "/../etc/passwd"), None);
        assert_eq!(resolve(&root, "/%2e%2e/etc/passwd"), None);
    }

    #[test]
    fn host_headers_apply_matching_rules_with_later_ones_winning() {
        let rules = "/*\n  Content-Security-Policy: default-src 'self'\n  Cache-Control: no-cache\n\
                     /app-0123.js\n  Cache-Control: immutable\n/posts/\n  X-Page: yes\n";
        let headers = host_headers(rules, "/app-0123.js");
        assert_eq!(
            headers,
            [
                (
                    "Content-Security-Policy".to_owned(),
                    "default-src 'self'".to_owned()
                ),
                ("Cache-Control".to_owned(), "immutable".to_owned()),
            ]
        );
        assert!(
            !host_headers(rules, "/posts/a/")
                .iter()
                .any(|(name, _)| name == "X-Page")
        );
    }

    #[test]
    fn content_type_serves_wasm_and_markdown_as_themselves() {
        assert_eq!(content_type(Path::new("a/app_bg.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("a/index.md")),
            "text/markdown; charset=utf-8"
        );
    }
}
