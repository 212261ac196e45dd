//! `blogtool`: the native side of the blog, a thin command line over [`blogreader::tool`].
//!
//! - `blogtool build [--site DIR] [--out DIR]`: build the content index and copy the content
//!   into `DIR` (default: Trunk's staging folder when run as its hook, else `dist`). Warnings
//!   (such as REF_NOT_FOUND) are printed; content errors print `file:line:col: message` and
//!   fail the build.
//! - `blogtool serve [--dir DIR] [--address HOST:PORT]`: serve a built `dist/` like a static
//!   host does.

use std::env;
use std::path::PathBuf;
use std::process::ExitCode;

use blogreader::content::error::Severity;
use blogreader::tool::{self, serve};

const USAGE: &str = "usage: blogtool build [--site DIR] [--out DIR]
       blogtool serve [--dir DIR] [--address HOST:PORT]";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => build(&args[1..]),
        Some("serve") => serve_dist(&args[1..]),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("blogtool: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The value after `--name` in `args`, if given.
fn option(args: &[String], name: &str) -> Result<Option<String>, String> {
    let mut values = args.iter();
    while let Some(arg) = values.next() {
        if arg == name {
            return values
                .next()
                .cloned()
                .map(Some)
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
        }
        if !matches!(arg.as_str(), "--site" | "--out" | "--dir" | "--address") {
            return Err(format!("unknown argument {arg}\n{USAGE}"));
        }
        values.next();
    }
    Ok(None)
}

fn build(args: &[String]) -> Result<(), String> {
    let site_dir = PathBuf::from(option(args, "--site")?.unwrap_or_else(|| ".".to_owned()));
    let out_dir = match option(args, "--out")? {
        Some(out) => PathBuf::from(out),
        None => env::var_os("TRUNK_STAGING_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| site_dir.join("dist")),
    };
    let built = tool::build(&site_dir).map_err(|error| error.to_string())?;
    for diagnostic in &built.diagnostics {
        let level = match diagnostic.severity {
            Severity::Warning => "WARN",
            Severity::Error => "ERROR",
        };
        eprintln!("{level} {diagnostic}");
    }
    let errors = tool::error_count(&built.diagnostics);
    if errors > 0 {
        return Err(tool::ToolError::ContentErrors(errors).to_string());
    }
    tool::write_output(&site_dir, &out_dir, &built).map_err(|error| error.to_string())?;
    eprintln!(
        "blogtool: {} pages indexed into {}",
        built.site.pages.len(),
        out_dir.display()
    );
    Ok(())
}

fn serve_dist(args: &[String]) -> Result<(), String> {
    let dir = PathBuf::from(option(args, "--dir")?.unwrap_or_else(|| "dist".to_owned()));
    let address = option(args, "--address")?.unwrap_or_else(|| "127.0.0.1:8080".to_owned());
    serve::serve(&dir, &address).map_err(|error| format!("{address}: {error}"))
}
