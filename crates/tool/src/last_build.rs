//! The last build's files, kept where this build would write them unchanged. Trunk gives its
//! hook a new, empty staging folder on every build, so without this every file of the site
//! is rendered and written again after any edit. A file whose fingerprint (of its bytes, or
//! of everything a page is rendered from) equals the one the last build recorded, and which
//! is still as that build wrote it, is hard-linked from the last build's folder instead: a
//! page is then not even rendered. The record (a manifest under `target/`) is written only
//! when the build succeeds.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

/// What a file is made from, hashed: 128 bits of SHA-256.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint([u8; 16]);

impl Fingerprint {
    /// The fingerprint of `parts`, each length-prefixed so that no two lists of parts share
    /// one by concatenating the same way.
    pub fn of(parts: &[&[u8]]) -> Fingerprint {
        let mut hasher = Sha256::new();
        for part in parts {
            hasher.update((part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        let digest = hasher.finalize();
        let mut bytes = [0; 16];
        bytes.copy_from_slice(&digest[..16]);
        Fingerprint(bytes)
    }

    /// The fingerprint of a file's bytes.
    pub fn of_bytes(bytes: &[u8]) -> Fingerprint {
        Fingerprint::of(&[b"bytes", bytes])
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    pub fn hex(&self) -> String {
        self.0.iter().map(|byte| format!("{byte:02x}")).collect()
    }

    fn from_hex(hex: &str) -> Option<Fingerprint> {
        if hex.len() != 32 || !hex.is_ascii() {
            return None;
        }
        let mut bytes = [0; 16];
        for (index, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&hex[index * 2..index * 2 + 2], 16).ok()?;
        }
        Some(Fingerprint(bytes))
    }
}

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

    fn of_metadata(metadata: &fs::Metadata, fingerprint: Fingerprint) -> io::Result<Written> {
        Ok(Written {
            fingerprint,
            len: metadata.len(),
            modified: since_epoch(metadata.modified()?),
        })
    }
}

fn since_epoch(time: SystemTime) -> Duration {
    time.duration_since(UNIX_EPOCH).unwrap_or_default()
}

/// The last build's folder and record, and this build's record.
pub struct LastBuild {
    folder: PathBuf,
    /// `folder` with its symbolic links resolved: a kept file's folder must be inside it.
    canonical_folder: Option<PathBuf>,
    manifest: PathBuf,
    last: HashMap<String, Written>,
    this: Mutex<Vec<(String, Written)>>,
    /// Folders of `folder` found inside it (each checked once).
    checked_folders: Mutex<HashSet<PathBuf>>,
    kept: AtomicUsize,
}

impl LastBuild {
    /// The last build in `folder` as `manifest` records it (nothing is kept when the
    /// manifest is missing or a line of it is not one this build wrote).
    pub fn open(folder: &Path, manifest: PathBuf) -> LastBuild {
        let last = fs::read_to_string(&manifest)
            .ok()
            .and_then(|text| parse_manifest(&text))
            .unwrap_or_default();
        LastBuild {
            folder: folder.to_owned(),
            canonical_folder: folder.canonicalize().ok(),
            manifest,
            last,
            this: Mutex::new(Vec::new()),
            checked_folders: Mutex::new(HashSet::new()),
            kept: AtomicUsize::new(0),
        }
    }

    /// The last build's file at `relative` (a path the output folder has checked), when it
    /// was made from `fingerprint` and is still the regular file that build wrote.
    pub fn file_to_keep(&self, relative: &Path, fingerprint: Fingerprint) -> Option<PathBuf> {
        let written = self.last.get(relative.to_str()?)?;
        if written.fingerprint != fingerprint {
            return None;
        }
        let path = self.folder.join(relative);
        if !self.is_inside(path.parent()?) {
            return None;
        }
        let metadata = fs::symlink_metadata(&path).ok()?;
        let now = Written::of_metadata(&metadata, fingerprint).ok()?;
        (metadata.file_type().is_file() && now == *written).then_some(path)
    }

    /// Whether `folder` (of the last build's) is inside its folder, symbolic links resolved.
    fn is_inside(&self, folder: &Path) -> bool {
        let Some(root) = &self.canonical_folder else {
            return false;
        };
        let mut checked = self
            .checked_folders
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if checked.contains(folder) {
            return true;
        }
        let inside = folder
            .canonicalize()
            .is_ok_and(|canonical| canonical.starts_with(root));
        if inside {
            checked.insert(folder.to_owned());
        }
        inside
    }

    /// Records the file at `relative` of this build; `kept` when it is the last build's.
    pub fn record(&self, relative: &Path, written: Written, kept: bool) {
        if kept {
            self.kept.fetch_add(1, Ordering::Relaxed);
        }
        let Some(relative) = relative.to_str() else {
            return;
        };
        self.this
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push((relative.to_owned(), written));
    }

    /// How many files this build kept from the last one, and how many it wrote or kept.
    pub fn counts(&self) -> (usize, usize) {
        let recorded = self
            .this
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .len();
        (self.kept.load(Ordering::Relaxed), recorded)
    }

    /// Writes this build's record, for the next build (a new file moved into place: a build
    /// stopped halfway leaves the last record whole).
    pub fn save(&self) -> io::Result<()> {
        let this = self
            .this
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
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
    fn fingerprints_tell_lists_of_parts_apart() {
        let ab_c = Fingerprint::of(&[b"ab", b"c"]);
        assert_ne!(ab_c, Fingerprint::of(&[b"a", b"bc"]));
        assert_ne!(ab_c, Fingerprint::of(&[b"abc"]));
        assert_eq!(ab_c, Fingerprint::of(&[b"ab", b"c"]));
        assert_eq!(Fingerprint::from_hex(&ab_c.hex()), Some(ab_c));
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
