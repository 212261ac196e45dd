//! `blogtool`: the native side of the blog, a thin command line over [`blogreader::tool`].
//!
//! - `blogtool build [--site DIR] [--out DIR]`: build the content index and copy the content
//!   into `DIR` (default: Trunk's staging folder when run as its hook, else `dist`). Warnings
//!   (such as REF_NOT_FOUND) are printed; content errors print `file:line:col: message` and
//!   fail the build.
//! - `blogtool check [--site DIR] [--strict]`: report every content problem with
//!   `file:line:col`; fails on errors, and with `--strict` on warnings too (for CI).
//! - `blogtool serve [--dir DIR] [--address HOST:PORT]`: serve a built `dist/` like a static
//!   host does.

use std::env;
use std::path::PathBuf;
use std::process::ExitCode;

use blogreader::content::error::{Diagnostic, Severity};
use blogreader::tool::{self, serve};

const USAGE: &str = "usage: blogtool build [--site DIR] [--out DIR]
       blogtool check [--site DIR] [--strict]
       blogtool serve [--dir DIR] [--address HOST:PORT]";

/// Options that take a value, and flags that stand alone.
const VALUE_OPTIONS: [&str; 4] = ["--site", "--out", "--dir", "--address"];
const FLAGS: [&str; 1] = ["--strict"];

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build") => build(&args[1..]),
        Some("check") => check(&args[1..]),
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
        if FLAGS.contains(&arg.as_str()) {
            continue;
        }
        if !VALUE_OPTIONS.contains(&arg.as_str()) {
            return Err(format!("unknown argument {arg}\n{USAGE}"));
        }
        values.next();
    }
    Ok(None)
}

/// The site folder named by `--site`, else the current one.
fn site_dir(args: &[String]) -> Result<PathBuf, String> {
    Ok(PathBuf::from(
        option(args, "--site")?.unwrap_or_else(|| ".".to_owned()),
    ))
}

/// Prints each diagnostic on its own line, as `WARN`/`ERROR` and Hugo's wording.
fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        let level = match diagnostic.severity {
            Severity::Warning => "WARN",
            Severity::Error => "ERROR",
        };
        eprintln!("{level} {diagnostic}");
    }
}

fn build(args: &[String]) -> Result<(), String> {
    let site_dir = site_dir(args)?;
    let out_dir = match option(args, "--out")? {
        Some(out) => PathBuf::from(out),
        None => env::var_os("TRUNK_STAGING_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| site_dir.join("dist")),
    };
    let built = tool::build(&site_dir).map_err(|error| error.to_string())?;
    print_diagnostics(&built.diagnostics);
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

fn check(args: &[String]) -> Result<(), String> {
    let strict = args.iter().any(|arg| arg == "--strict");
    let built = tool::build(&site_dir(args)?).map_err(|error| error.to_string())?;
    print_diagnostics(&built.diagnostics);
    let errors = tool::error_count(&built.diagnostics);
    let warnings = built.diagnostics.len() - errors;
    eprintln!(
        "blogtool check: {} pages, {errors} error(s), {warnings} warning(s)",
        built.site.pages.len()
    );
    if errors > 0 || (strict && warnings > 0) {
        let mode = if strict { " (strict)" } else { "" };
        return Err(format!("the content has problems{mode}"));
    }
    Ok(())
}

fn serve_dist(args: &[String]) -> Result<(), String> {
    let dir = PathBuf::from(option(args, "--dir")?.unwrap_or_else(|| "dist".to_owned()));
    let address = option(args, "--address")?.unwrap_or_else(|| "127.0.0.1:8080".to_owned());
    serve::serve(&dir, &address).map_err(|error| format!("{address}: {error}"))
}
