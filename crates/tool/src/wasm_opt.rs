//! The app's wasm, optimized once per distinct app: Trunk's release build leaves `wasm-opt`
//! to the build hook (`data-wasm-opt="0"` in `index.html`), which runs binaryen's `wasm-opt`
//! with the project's passes beside the site's build, keeps each result in a cache keyed by
//! the hash of its input and passes (a build whose app did not change takes the result from
//! there instead of spending some twelve seconds of one core on it again), and writes the
//! optimized file's integrity into Trunk's `index.html` in place of the unoptimized one's.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use sha2::Sha384;

use crate::fingerprint::Fingerprint;
use crate::{ToolError, io_error};

/// The passes, as Trunk ran them (`-Oz` then `data-wasm-opt-params`): measured on the wasm
/// budget, they save 1.3 KB gzip over `-Oz` alone.
const PASSES: [&str; 6] = [
    "-Oz",
    "--flatten",
    "--rereloop",
    "-Oz",
    "--strip-producers",
    "--strip-target-features",
];

/// The binaryen release the passes are measured with (`scripts/setup.sh` installs it):
/// Debian's binaryen 108 builds a wasm that fails at run time without an error.
const VERSION: &str = "version 132";

/// What [`optimize`] did.
#[derive(Debug)]
pub struct Optimized {
    pub file: PathBuf,
    pub from_cache: bool,
    pub bytes_before: usize,
    pub bytes_after: usize,
    pub elapsed: Duration,
}

fn failed(message: String) -> ToolError {
    ToolError::WasmOpt { message }
}

/// Optimizes the one `*_bg.wasm` Trunk wrote into `out_dir`, through the cache in
/// `cache_dir`, and puts the result's integrity into `out_dir/index.html`. No wasm (a build
/// without the app): nothing to do.
pub fn optimize(out_dir: &Path, cache_dir: &Path) -> Result<Option<Optimized>, ToolError> {
    let started = Instant::now();
    let Some(file) = app_wasm(out_dir)? else {
        return Ok(None);
    };
    let input = fs::read(&file).map_err(io_error(&file))?;
    let parts: Vec<&[u8]> = [VERSION.as_bytes()]
        .into_iter()
        .chain(PASSES.iter().map(|pass| pass.as_bytes()))
        .chain([input.as_slice()])
        .collect();
    let key = Fingerprint::of(&parts).hex();
    let cached = cache_dir.join(format!("{key}.wasm"));
    let from_cache = cached.is_file();
    if !from_cache {
        run_wasm_opt(&file, cache_dir, &cached)?;
    }
    let output = fs::read(&cached).map_err(io_error(&cached))?;
    fs::write(&file, &output).map_err(io_error(&file))?;
    let template = out_dir.join("index.html");
    if template.is_file() {
        let html = fs::read_to_string(&template).map_err(io_error(&template))?;
        let html = html.replace(&sha384_integrity(&input), &sha384_integrity(&output));
        fs::write(&template, html).map_err(io_error(&template))?;
    }
    Ok(Some(Optimized {
        file,
        from_cache,
        bytes_before: input.len(),
        bytes_after: output.len(),
        elapsed: started.elapsed(),
    }))
}

/// The app's wasm in `out_dir`, if Trunk wrote one (its name ends in `_bg.wasm`).
fn app_wasm(out_dir: &Path) -> Result<Option<PathBuf>, ToolError> {
    let mut found = Vec::new();
    for entry in fs::read_dir(out_dir).map_err(io_error(out_dir))? {
        let path = entry.map_err(io_error(out_dir))?.path();
        if path
            .file_name()
            .is_some_and(|name| name.to_string_lossy().ends_with("_bg.wasm"))
        {
            found.push(path);
        }
    }
    match found.len() {
        0 => Ok(None),
        1 => Ok(found.pop()),
        _ => Err(failed(format!(
            "{} holds {} `*_bg.wasm` files; Trunk writes one",
            out_dir.display(),
            found.len()
        ))),
    }
}

/// Runs `wasm-opt` on `input`, its result going to `cached` (through a file of its own, so
/// that a run cut short leaves no result behind; the pruning removes such leftovers).
fn run_wasm_opt(input: &Path, cache_dir: &Path, cached: &Path) -> Result<(), ToolError> {
    let version = Command::new("wasm-opt")
        .arg("--version")
        .output()
        .map_err(|error| {
            failed(format!(
                "wasm-opt cannot be run ({error}): ./scripts/setup.sh installs binaryen 132"
            ))
        })?;
    let version = String::from_utf8_lossy(&version.stdout);
    if !version.contains(&format!("{VERSION} ")) && !version.trim_end().ends_with(VERSION) {
        return Err(failed(format!(
            "wasm-opt is {}, not binaryen 132 (./scripts/setup.sh installs it): an older one \
             builds a wasm that fails in the browser",
            version.trim()
        )));
    }
    fs::create_dir_all(cache_dir).map_err(io_error(cache_dir))?;
    // Two builds at once each write their own (the same bytes), and each renames its own.
    let partial = cached.with_extension(format!("{}.partial", std::process::id()));
    let status = Command::new("wasm-opt")
        .args(PASSES)
        .arg(input)
        .arg("-o")
        .arg(&partial)
        .status()
        .map_err(|error| failed(format!("wasm-opt: {error}")))?;
    if !status.success() {
        return Err(failed(format!("wasm-opt {status} on {}", input.display())));
    }
    fs::rename(&partial, cached).map_err(io_error(cached))?;
    prune(cache_dir);
    Ok(())
}

/// How many optimized files the cache keeps: the newest, a few apps' worth (each about
/// 550 KB), so that switching between branches finds them and the folder does not grow.
const CACHED_FILES: usize = 8;

/// Leaves the [`CACHED_FILES`] newest files in `cache_dir`. A file it cannot read or delete
/// is left: the cache only saves time.
fn prune(cache_dir: &Path) {
    let Ok(entries) = fs::read_dir(cache_dir) else {
        return;
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(|entry| {
            let entry = entry.ok()?;
            Some((entry.metadata().ok()?.modified().ok()?, entry.path()))
        })
        .collect();
    files.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    for (_, path) in files.into_iter().skip(CACHED_FILES) {
        let _ = fs::remove_file(path);
    }
}

/// A subresource integrity value as Trunk writes it.
fn sha384_integrity(bytes: &[u8]) -> String {
    crate::integrity::<Sha384>("sha384", bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunks_integrity_of_a_file_is_sha384_in_base64() {
        // `printf abc | openssl dgst -sha384 -binary | base64`
        assert_eq!(
            sha384_integrity(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }

    #[test]
    fn a_folder_without_the_app_has_nothing_to_optimize() {
        let dir = std::env::temp_dir().join(format!("blogreader-wasm-opt-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap_or_else(|error| panic!("{error}"));
        let optimized =
            optimize(&dir, &dir.join("cache")).unwrap_or_else(|error| panic!("{error}"));
        assert!(optimized.is_none());
        let _ = fs::remove_dir_all(&dir);
    }
}
