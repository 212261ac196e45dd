//! `blogtool`: the native side of the blog, a thin command line over [`blogtool`].
//!
//! The site folder is `--site DIR`, else `$BLOGTOOL_SITE`, else the current folder.
//!
//! - `blogtool build [--site DIR] [--out DIR]`: build the site once and write the content
//!   index and the content into `DIR` (default: Trunk's staging folder when run as its
//!   post_build hook, else `dist`); when `DIR/index.html` is there (the app Trunk built),
//!   also every route as a prerendered page from it, plus `404.html`, alias redirects, feeds,
//!   sitemap, robots.txt and `_headers`. Warnings (such as REF_NOT_FOUND) are printed;
//!   content errors print `file:line:col: message` and fail the build. It ends with the
//!   count of pages and of bodies rendered (one per page, or none when the last build's
//!   render of a body is still the one: as Trunk's hook, the renders are kept under
//!   `target/last-build/`).
//! - `blogtool check [--site DIR] [--strict]`: report every content problem with
//!   `file:line:col`; fails on errors, and with `--strict` on warnings too (for CI).
//! - `blogtool serve [--dir DIR] [--address HOST:PORT] [--base PATH] [--no-headers]`: serve a
//!   built `dist/` like a static host does, at `PATH` (`/` unless `baseURL` has one), with the
//!   headers of its `_headers` (Netlify, Cloudflare Pages) or, with `--no-headers`, without
//!   (GitHub Pages, S3).

use std::env;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use blogreader_content::error::{Diagnostic, Severity};
use blogreader_content::render::render_count;
use blogtool::last_build::LastBuild;
use blogtool::output::OutputDir;
use blogtool::{self as tool, prerender, serve};

const USAGE: &str = "usage: blogtool build [--site DIR] [--out DIR]
       blogtool check [--site DIR] [--strict]
       blogtool serve [--dir DIR] [--address HOST:PORT] [--base PATH] [--no-headers]";

/// Options that take a value, and flags that stand alone.
const VALUE_OPTIONS: [&str; 5] = ["--site", "--out", "--dir", "--address", "--base"];
const FLAGS: [&str; 2] = ["--strict", "--no-headers"];

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
            eprintln!("blogtool: {}", tool::terminal_line(&message));
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

/// The site folder named by `--site`, else by `BLOGTOOL_SITE` (how Trunk's hooks are pointed
/// at another site), else the current one.
fn site_dir(args: &[String]) -> Result<PathBuf, String> {
    Ok(match option(args, "--site")? {
        Some(site) => PathBuf::from(site),
        None => env::var_os("BLOGTOOL_SITE").map_or_else(|| PathBuf::from("."), PathBuf::from),
    })
}

/// Prints each diagnostic on its own line, as `WARN`/`ERROR` and Hugo's wording.
fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        let level = match diagnostic.severity {
            Severity::Warning => "WARN",
            Severity::Error => "ERROR",
        };
        eprintln!("{level} {}", tool::terminal_line(&diagnostic.to_string()));
    }
}

/// The output folder: `--out`, else Trunk's staging folder when run as its hook, else `dist`.
fn out_dir(args: &[String], site_dir: &Path) -> Result<PathBuf, String> {
    Ok(match option(args, "--out")? {
        Some(out) => PathBuf::from(out),
        None => env::var_os("TRUNK_STAGING_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| site_dir.join("dist")),
    })
}

/// Where the tool keeps what outlives a build (optimized wasm files, the last build's
/// record): under the project's `target/` (Trunk runs its hooks in the project's folder), or
/// `$CARGO_TARGET_DIR`.
fn target_dir() -> PathBuf {
    env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            env::var_os("TRUNK_SOURCE_DIR").map(|source| PathBuf::from(source).join("target"))
        })
        .unwrap_or_else(|| PathBuf::from("target"))
}

/// The output folder at `out_dir`. With `last_build` (as Trunk's hook: its `dist` and the
/// record of the last build into it) it keeps the files of the last build that this one
/// would write unchanged: Trunk's staging folder starts empty on every build.
fn output_dir(
    out_dir: &Path,
    last_build: Option<&(PathBuf, PathBuf)>,
) -> Result<OutputDir, String> {
    let output = OutputDir::create(out_dir).map_err(|error| error.to_string())?;
    let Some((dist, record)) = last_build else {
        return Ok(output);
    };
    Ok(output.keeping(LastBuild::open(dist, record.clone())))
}

/// As Trunk's hook (writing into its staging folder): Trunk's `dist/` and where the record
/// of the last build into it is kept.
fn last_build_record(args: &[String]) -> Result<Option<(PathBuf, PathBuf)>, String> {
    let staged = option(args, "--out")?.is_none() && env::var_os("TRUNK_STAGING_DIR").is_some();
    Ok(env::var_os("TRUNK_DIST_DIR")
        .filter(|_| staged)
        .map(|dist| {
            let dist = PathBuf::from(dist);
            let record = LastBuild::record_file(&target_dir().join("last-build"), &dist);
            (dist, record)
        }))
}

/// Builds the site (reusing the work kept in `kept`), printing its diagnostics; content
/// errors stop here.
fn build_checked(
    site_dir: &Path,
    kept: Option<&tool::KeptPaths>,
) -> Result<tool::BuiltSite, String> {
    let kept = kept.map(tool::KeptPaths::read);
    let built = tool::build_reusing(site_dir, kept).map_err(|error| error.to_string())?;
    print_diagnostics(&built.diagnostics);
    let errors = tool::error_count(&built.diagnostics);
    if errors > 0 {
        return Err(tool::ToolError::ContentErrors(errors).to_string());
    }
    Ok(built)
}

fn build(args: &[String]) -> Result<(), String> {
    let site_dir = site_dir(args)?;
    let out_dir = out_dir(args, &site_dir)?;
    // As Trunk's hook: the last build's record, and its work kept beside it.
    let last_build = last_build_record(args)?;
    let kept = last_build
        .as_ref()
        .map(|(_, record)| tool::KeptPaths::beside(record));
    // A release build's wasm is optimized here (see `wasm_opt`), beside the site's build: it
    // has to be done before the pages take Trunk's index.html, which names its integrity.
    let (built, optimized) = std::thread::scope(|scope| {
        let optimizing = (env::var("TRUNK_PROFILE").as_deref() == Ok("release")).then(|| {
            scope.spawn(|| tool::wasm_opt::optimize(&out_dir, &target_dir().join("wasm-opt")))
        });
        // Nothing is written when the content has errors.
        let built = build_checked(&site_dir, kept.as_ref()).and_then(|built| {
            let output = output_dir(&out_dir, last_build.as_ref())?;
            let written = tool::write_output(&site_dir, &output, &built);
            or_move_back(&output, written.map_err(|error| error.to_string()))?;
            Ok((built, output))
        });
        let optimized = optimizing.map(|thread| {
            thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        (built, optimized)
    });
    let (built, output) = built?;
    let optimized = or_move_back(
        &output,
        optimized.transpose().map_err(|error| error.to_string()),
    )?;
    or_move_back(&output, finish(&out_dir, &output, &built))?;
    // Without it the next build does all of that work again: no reason to fail this one.
    if let Some(Err(error)) = kept.as_ref().map(|kept| kept.write(&built)) {
        eprintln!("blogtool: keeping this build's work for the next: {error}");
    }
    // Each body is rendered once, for the index, the checks and the prerendered page alike
    // (or not at all, its render kept from the last build).
    eprintln!(
        "blogtool: {} page bodies, {} renders, {} renders kept from the last build",
        built.bodies.len(),
        render_count(),
        built.renders.reused()
    );
    if let Some(Some(optimized)) = optimized {
        eprintln!(
            "blogtool: {} optimized{} in {:.2} s ({} -> {} KB)",
            optimized.file.display(),
            if optimized.from_cache {
                " (from the cache)"
            } else {
                ""
            },
            optimized.elapsed.as_secs_f64(),
            optimized.bytes_before / 1024,
            optimized.bytes_after / 1024
        );
    }
    Ok(())
}

/// `result`; when it is a failure, the last build's folders moved back into Trunk's `dist/`
/// (which Trunk keeps as it was when its hook fails).
fn or_move_back<T>(output: &OutputDir, result: Result<T, String>) -> Result<T, String> {
    if result.is_err()
        && let Some(last_build) = output.last_build()
    {
        last_build.move_folders_back(output.root());
    }
    result
}

/// Prerenders every route into Trunk's page in `out_dir`, if it is there, and records the
/// build for the next one.
fn finish(out_dir: &Path, output: &OutputDir, built: &tool::BuiltSite) -> Result<(), String> {
    let pages = built.site.pages().len();
    if out_dir.join("index.html").is_file() {
        if let Some(public_url) = env::var_os("TRUNK_PUBLIC_URL") {
            tool::check_public_url(&built.site, &public_url.to_string_lossy())?;
        }
        let written = prerender::prerender(output, built).map_err(|error| error.to_string())?;
        eprintln!(
            "blogtool: {pages} pages, {} redirects and {} feeds prerendered into {}",
            written.redirects,
            written.feeds,
            out_dir.display()
        );
        let search = &written.search;
        eprintln!(
            "blogtool: {} pages indexed for search in {:.2} s ({} files, {} KB; vocabulary {} \
             words, {} KB; {} texts kept from the last build)",
            search.pages,
            search.elapsed.as_secs_f64(),
            search.files,
            search.bytes / 1024,
            search.vocabulary_words,
            search.vocabulary_bytes / 1024,
            search.texts_kept
        );
    } else {
        eprintln!("blogtool: {pages} pages indexed into {}", out_dir.display());
    }
    if let Some(last_build) = output.last_build() {
        let (kept, files) = last_build.counts();
        let removed = last_build
            .complete(output.root())
            .map_err(|error| format!("completing the build for the next one: {error}"))?;
        eprintln!(
            "blogtool: {kept} of {files} files kept from the last build, unchanged; {removed} \
             files of the last build removed"
        );
    }
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
        built.site.pages().len()
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
    let base_path = option(args, "--base")?.unwrap_or_else(|| "/".to_owned());
    let headers_file = if args.iter().any(|arg| arg == "--no-headers") {
        serve::HeadersFile::Ignored
    } else {
        serve::HeadersFile::Sent
    };
    serve::serve(&dir, &address, &base_path, headers_file)
        .map_err(|error| format!("{address}: {error}"))
}
