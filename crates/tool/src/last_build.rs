//! The last build's files, kept where this build would write them unchanged. Trunk gives its
//! hook a new, empty staging folder on every build (and then deletes `dist/` to move the
//! staged files in), so without this every file of the site is rendered and written again
//! after any edit. Instead the last build's folders are moved from `dist/` into the staging
//! folder first; a file whose fingerprint (of its bytes, or of everything a page is
//! rendered from) equals the one the last build recorded, and which is still as that build
//! wrote it, stays (a page is then not even rendered), any other is written anew, and what
//! this build did not write is removed at the end: the folder holds what a fresh build
//! writes. Files at the top of `dist/` are hard-linked instead. The record (a manifest
//! under `target/`) is written only when the build succeeds; a build that fails moves the
//! folders back.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::fingerprint::{Fingerprint, since_epoch};
use crate::lock;
use crate::output::InsideFolder;

/// A file as a build wrote it: what it was made from, and its length and modification time
/// (a file changed since, by hand or by another tool, is not kept).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Written {
    fingerprint: Fingerprint,
    len: u64,
    modified: Duration,
}

impl Written {
    /// The record of the file just written at `path`, made from `fingerprint`.
    pub fn of_file(path: &Path, fingerprint: Fingerprint) -> io::Result<Written> {
        Written::of_metadata(&fs::symlink_metadata(path)?, fingerprint)
    }

    /// The file's length in bytes.
    pub fn file_len(&self) -> u64 {
        self.len
    }

    fn of_metadata(metadata: &fs::Metadata, fingerprint: Fingerprint) -> io::Result<Written> {
        Ok(Written {
            fingerprint,
            len: metadata.len(),
            modified: since_epoch(metadata.modified()?),
        })
    }
}

/// Where a file this build keeps is.
#[derive(Debug, PartialEq, Eq)]
pub enum Kept {
    /// Already in its place: its folder was moved from the last build's.
    InPlace,
    /// In the last build's folder, at this path: to be linked.
    At(PathBuf),
}

/// The last build's folder and record, and this build's record.
pub struct LastBuild {
    folder: PathBuf,
    /// The last build's folders moved into this build's (see [`LastBuild::move_folders`]).
    moved: Vec<std::ffi::OsString>,
    /// What a linked file's folder must be inside: `folder`, symbolic links resolved.
    inside: Option<InsideFolder>,
    manifest: PathBuf,
    last: HashMap<String, Written>,
    this: Mutex<Vec<(String, Written)>>,
    kept: AtomicUsize,
}

impl LastBuild {
    /// Where the record of the builds into `dist` is kept, under `records` (one file per
    /// output folder, named by its path's fingerprint).
    pub fn record_file(records: &Path, dist: &Path) -> PathBuf {
        let canonical = dist.canonicalize().unwrap_or_else(|_| dist.to_owned());
        let name = Fingerprint::of(&[canonical.as_os_str().as_encoded_bytes()]).hex();
        records.join(format!("{name}.txt"))
    }

    /// The last build in `folder` as `manifest` records it (nothing is kept when the
    /// manifest is missing or a line of it is not one this build wrote).
    pub fn open(folder: &Path, manifest: PathBuf) -> LastBuild {
        let last = fs::read_to_string(&manifest)
            .ok()
            .and_then(|text| parse_manifest(&text))
            .unwrap_or_default();
        LastBuild {
            folder: folder.to_owned(),
            moved: Vec::new(),
            inside: folder.canonicalize().ok().map(InsideFolder::new),
            manifest,
            last,
            this: Mutex::new(Vec::new()),
            kept: AtomicUsize::new(0),
        }
    }

    /// Moves each folder at the top of the last build's folder into `staging`, this build's
    /// (a folder of `dist/` that Trunk deletes once this build succeeds): its files are then
    /// kept where they are. Not a folder Trunk has already staged, not a symbolic link, and
    /// nothing when there is no record of the last build (nothing could be kept).
    pub fn move_folders(&mut self, staging: &Path) {
        if self.last.is_empty() {
            return;
        }
        let Ok(entries) = fs::read_dir(&self.folder) else {
            return;
        };
        let canonical_staging = staging.canonicalize().ok();
        for entry in entries.flatten() {
            let from = entry.path();
            let to = staging.join(entry.file_name());
            let is_folder = entry.file_type().is_ok_and(|kind| kind.is_dir());
            let holds_staging = canonical_staging.as_ref().is_none_or(|staging| {
                from.canonicalize()
                    .is_ok_and(|from| staging.starts_with(from))
            });
            if is_folder
                && !holds_staging
                && fs::symlink_metadata(&to).is_err()
                && fs::rename(&from, &to).is_ok()
            {
                self.moved.push(entry.file_name());
            }
        }
    }

    /// Moves the folders [`Self::move_folders`] moved back into the last build's folder, for
    /// a build that failed (Trunk then keeps `dist/` as it was).
    pub fn move_folders_back(&self, staging: &Path) {
        for name in &self.moved {
            let _ = fs::rename(staging.join(name), self.folder.join(name));
        }
    }

    /// Completes a build that succeeded: removes what it did not write from the folders
    /// moved into `staging` (and the folders that leaves empty) and writes its record for
    /// the next build. Returns how many of the last build's files it removed.
    pub fn complete(&self, staging: &Path) -> io::Result<usize> {
        let removed = self.remove_stale(staging)?;
        self.save()?;
        Ok(removed)
    }

    /// Removes from the folders moved into `staging` every file this build did not write or
    /// keep, and the folders left empty: the staging folder then holds what a fresh build
    /// writes.
    fn remove_stale(&self, staging: &Path) -> io::Result<usize> {
        let this = lock(&self.this);
        let written: HashSet<&str> = this.iter().map(|(path, _)| path.as_str()).collect();
        let mut removed = 0;
        for name in &self.moved {
            removed += remove_unwritten(staging, &staging.join(name), &written)?.0;
        }
        Ok(removed)
    }

    /// The last build's file at `relative` (a path the output folder has checked, at
    /// `staged` in this build's folder), when it was made from `fingerprint` and is still
    /// the regular file that build wrote.
    pub fn file_to_keep(
        &self,
        relative: &Path,
        staged: &Path,
        fingerprint: Fingerprint,
    ) -> Option<Kept> {
        let written = self.last.get(relative.to_str()?)?;
        if written.fingerprint != fingerprint {
            return None;
        }
        let top = relative.components().next()?.as_os_str();
        let (path, kept) = if self.moved.iter().any(|name| name == top) {
            (staged.to_owned(), Kept::InPlace)
        } else {
            let path = self.folder.join(relative);
            let inside = self.inside.as_ref()?.holds(path.parent()?);
            if !inside.unwrap_or(false) {
                return None;
            }
            (path.clone(), Kept::At(path))
        };
        let metadata = fs::symlink_metadata(&path).ok()?;
        let now = Written::of_metadata(&metadata, fingerprint).ok()?;
        (metadata.file_type().is_file() && now == *written).then_some(kept)
    }

    /// Records the file at `relative` of this build; `kept` when it is the last build's.
    pub fn record(&self, relative: &Path, written: Written, kept: bool) {
        if kept {
            self.kept.fetch_add(1, Ordering::Relaxed);
        }
        let Some(relative) = relative.to_str() else {
            return;
        };
        lock(&self.this).push((relative.to_owned(), written));
    }

    /// How many files this build kept from the last one, and how many it wrote or kept.
    pub fn counts(&self) -> (usize, usize) {
        let recorded = lock(&self.this).len();
        (self.kept.load(Ordering::Relaxed), recorded)
    }

    /// Writes this build's record, for the next build (a new file moved into place: a build
    /// stopped halfway leaves the last record whole).
    fn save(&self) -> io::Result<()> {
        let this = lock(&self.this);
        let mut text = String::with_capacity(this.len() * 80);
        for (relative, written) in this.iter() {
            text.push_str(&format!(
                "{} {} {}.{:09} {relative}\n",
                written.fingerprint.hex(),
                written.len,
                written.modified.as_secs(),
                written.modified.subsec_nanos()
            ));
        }
        if let Some(folder) = self.manifest.parent() {
            fs::create_dir_all(folder)?;
        }
        let partial = self
            .manifest
            .with_extension(format!("{}.partial", std::process::id()));
        fs::write(&partial, text)?;
        fs::rename(&partial, &self.manifest)
    }
}

/// Removes what is under `folder` (inside `root`) but not in `written` (paths relative to
/// `root`), then `folder` itself if that left it empty; returns how many files it removed
/// and whether it removed `folder`.
fn remove_unwritten(
    root: &Path,
    folder: &Path,
    written: &HashSet<&str>,
) -> io::Result<(usize, bool)> {
    let mut removed = 0;
    let mut left = false;
    for entry in fs::read_dir(folder)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            let (files, gone) = remove_unwritten(root, &path, written)?;
            removed += files;
            left |= !gone;
            continue;
        }
        let relative = path.strip_prefix(root).ok().and_then(Path::to_str);
        if relative.is_some_and(|relative| written.contains(relative)) {
            left = true;
        } else {
            fs::remove_file(&path)?;
            removed += 1;
        }
    }
    if !left {
        fs::remove_dir(folder)?;
    }
    Ok((removed, !left))
}

/// The record of `text`, a line per file: `fingerprint length seconds.nanoseconds path`
/// (the path last: it may hold spaces, never a line break). `None` for a record this tool
/// did not write.
fn parse_manifest(text: &str) -> Option<HashMap<String, Written>> {
    text.lines()
        .map(|line| {
            let mut fields = line.splitn(4, ' ');
            let fingerprint = Fingerprint::from_hex(fields.next()?)?;
            let len = fields.next()?.parse().ok()?;
            let (seconds, nanoseconds) = fields.next()?.split_once('.')?;
            let modified = Duration::new(seconds.parse().ok()?, nanoseconds.parse().ok()?);
            let relative = fields.next()?.to_owned();
            Some((
                relative,
                Written {
                    fingerprint,
                    len,
                    modified,
                },
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_build_moves_the_last_builds_folders_back() {
        let dir = std::env::temp_dir().join(format!("blogreader-last-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let (dist, staging) = (dir.join("dist"), dir.join("dist/.stage"));
        let _ = fs::create_dir_all(dist.join("posts/a"));
        let _ = fs::create_dir_all(dist.join("tags"));
        let _ = fs::create_dir_all(staging.join("tags"));
        let _ = fs::write(dist.join("posts/a/index.html"), "a");
        let record = dir.join("record.txt");
        let fingerprint = Fingerprint::of_bytes(b"a").hex();
        let _ = fs::write(&record, format!("{fingerprint} 1 0.0 posts/a/index.html\n"));

        let mut last_build = LastBuild::open(&dist, record);
        last_build.move_folders(&staging);
        // Not the staging folder, not a folder Trunk has already staged.
        assert_eq!(last_build.moved, ["posts"]);
        assert!(staging.join("posts/a/index.html").is_file());
        assert!(dist.join("tags").is_dir());
        last_build.move_folders_back(&staging);
        assert_eq!(
            fs::read(dist.join("posts/a/index.html")).ok(),
            Some(b"a".to_vec())
        );
        assert!(!staging.join("posts").exists());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_record_reads_back_and_a_foreign_one_is_not_read() {
        let written = Written {
            fingerprint: Fingerprint::of_bytes(b"x"),
            len: 12,
            modified: Duration::new(1_700_000_000, 5),
        };
        let line = format!(
            "{} 12 1700000000.000000005 posts/a b/index.html\n",
            written.fingerprint.hex()
        );
        let record = parse_manifest(&line);
        assert_eq!(
            record.and_then(|record| record.get("posts/a b/index.html").copied()),
            Some(written)
        );
        assert_eq!(parse_manifest("not a record\n"), None);
        assert_eq!(parse_manifest("zz 1 2.3 a\n"), None);
    }
}
