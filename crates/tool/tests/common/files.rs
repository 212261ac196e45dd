//! What the integration tests that look at a whole output folder share.

use std::fs;
use std::path::{Path, PathBuf};

/// Every file under `dir`: its path inside `dir` (`/`-separated) and its path.
pub fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            files.push((relative, path));
        }
    }
    files
}
