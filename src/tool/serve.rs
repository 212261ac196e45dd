//! A static file server for `dist/` that behaves like a plain static host (GitHub Pages):
//! a folder answers with its `index.html`, and a missing path with `404.html` and status 404.
//! The end-to-end tests use it, so deep links are tested the way a CDN serves them.

use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread;

use crate::content::url::percent_decode;

/// Serves `root` on `address` (such as `127.0.0.1:8080`) until the process ends.
pub fn serve(root: &Path, address: &str) -> io::Result<()> {
    let listener = TcpListener::bind(address)?;
    eprintln!(
        "serving {} on http://{}/",
        root.display(),
        listener.local_addr()?
    );
    for stream in listener.incoming() {
        let root = root.to_owned();
        let stream = stream?;
        thread::spawn(move || {
            if let Err(error) = answer(&root, stream) {
                eprintln!("request failed: {error}");
            }
        });
    }
    Ok(())
}

/// Reads one request and answers it; the connection is then closed.
fn answer(root: &Path, mut stream: TcpStream) -> io::Result<()> {
    let mut request_line = String::new();
    let mut reader = BufReader::new(stream.try_clone()?);
    reader.read_line(&mut request_line)?;
    // Drain the headers: nothing in them changes the answer.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"",
            method,
        );
    }
    let (status, file) = match resolve(root, target) {
        Some(file) => ("200 OK", file),
        None => ("404 Not Found", root.join("404.html")),
    };
    let body = fs::read(&file).unwrap_or_default();
    respond(&mut stream, status, content_type(&file), &body, method)
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    method: &str,
) -> io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(body)?;
    }
    stream.flush()
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

    #[test]
    fn resolve_refuses_paths_that_leave_the_root() {
        let root = std::env::temp_dir();
        assert_eq!(resolve(&root, "/../etc/passwd"), None);
        assert_eq!(resolve(&root, "/%2e%2e/etc/passwd"), None);
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
