//! The output folder (`dist/`, or Trunk's staging folder): the one way the tool writes a file,
//! so nothing it writes can land outside that folder, whatever a page's URL, alias or term
//! says. The content core already refuses such paths where they are written; this is the
//! last check, made on every file just before it is written.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::fingerprint::Fingerprint;
use crate::last_build::{Kept, LastBuild, Written};
use crate::{ToolError, io_error, lock};

/// A folder whose subfolders must be inside it, symbolic links resolved; each is checked once
/// (nothing else changes the tree while the build runs).
pub(crate) struct InsideFolder {
    canonical_root: PathBuf,
    checked: Mutex<HashSet<PathBuf>>,
}

impl InsideFolder {
    pub(crate) fn new(canonical_root: PathBuf) -> InsideFolder {
        InsideFolder {
            canonical_root,
            checked: Mutex::new(HashSet::new()),
        }
    }

    /// Whether `folder` has been found inside already.
    fn knows(&self, folder: &Path) -> bool {
        lock(&self.checked).contains(folder)
    }

    /// Whether `folder` is inside, symbolic links resolved (not locked while it is resolved).
    pub(crate) fn holds(&self, folder: &Path) -> io::Result<bool> {
        if self.knows(folder) {
            return Ok(true);
        }
        let inside = folder.canonicalize()?.starts_with(&self.canonical_root);
        if inside {
            lock(&self.checked).insert(folder.to_owned());
        }
        Ok(inside)
    }
}

/// A folder the build writes into, and nowhere else.
pub struct OutputDir {
    root: PathBuf,
    /// What every written file's folder must be inside.
    inside: InsideFolder,
    /// The build whose unchanged files are kept instead of written again, if any.
    last_build: Option<LastBuild>,
}

impl OutputDir {
    /// The output folder at `root`, created when missing.
    pub fn create(root: &Path) -> Result<OutputDir, ToolError> {
        fs::create_dir_all(root).map_err(io_error(root))?;
        let canonical_root = root.canonicalize().map_err(io_error(root))?;
        Ok(OutputDir {
            root: root.to_owned(),
            inside: InsideFolder::new(canonical_root),
            last_build: None,
        })
    }

    /// The folder, keeping the files of `last_build` that this build would write unchanged
    /// (its folders moved here, its other files linked; see [`crate::last_build`]).
    pub fn keeping(self, mut last_build: LastBuild) -> OutputDir {
        last_build.move_folders(&self.root);
        OutputDir {
            last_build: Some(last_build),
            ..self
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn last_build(&self) -> Option<&LastBuild> {
        self.last_build.as_ref()
    }

    /// Where `relative` (a `/`-separated path such as `posts/a/index.html`) is inside the
    /// folder; an error when it is not a plain path below it (`..`, an absolute path, a
    /// backslash, a control character).
    pub fn path(&self, relative: &str) -> Result<PathBuf, ToolError> {
        let outside = || ToolError::OutsideOutput {
            path: relative.to_owned(),
        };
        if relative.contains(['\\', '\0']) || relative.contains(char::is_control) {
            return Err(outside());
        }
        let relative_path = Path::new(relative.trim_start_matches('/'));
        if !relative_path
            .components()
            .all(|component| matches!(component, Component::Normal(_) | Component::CurDir))
        {
            return Err(outside());
        }
        Ok(self.root.join(relative_path))
    }

    /// Writes `bytes` to `relative`, creating its folders; refuses a path outside the folder,
    /// also one that a symbolic link inside it would lead out of.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), ToolError> {
        self.put(
            relative,
            || Ok(Fingerprint::of_bytes(bytes)),
            |path| fs::write(path, bytes).map_err(io_error(path)),
        )
        .map(drop)
    }

    /// Writes what `make` makes to `relative`, as [`Self::write`] writes; `fingerprint` is
    /// that of everything it is made from: when the last build's file there was made from the
    /// same, that file is kept and `make` is not called. Returns the file's length.
    pub fn write_made<B: AsRef<[u8]>>(
        &self,
        relative: &str,
        fingerprint: Fingerprint,
        make: impl FnOnce() -> B,
    ) -> Result<u64, ToolError> {
        let mut made = 0;
        let recorded = self.put(
            relative,
            || Ok(fingerprint),
            |path| {
                let bytes = make();
                made = bytes.as_ref().len() as u64;
                fs::write(path, bytes).map_err(io_error(path))
            },
        )?;
        // Recorded for the next build, else just made.
        Ok(recorded.unwrap_or(made))
    }

    /// Copies the file `from` to `relative`, as [`Self::write`] writes. A file is known by
    /// its path, length and modification time, as `make` knows it: a large one (a video) is
    /// not read to be compared.
    pub fn copy(&self, from: &Path, relative: &str) -> Result<(), ToolError> {
        self.put(
            relative,
            || {
                let metadata = fs::metadata(from).map_err(io_error(from))?;
                Fingerprint::of_file_at(from, &metadata).map_err(io_error(from))
            },
            |path| fs::copy(from, path).map(drop).map_err(io_error(from)),
        )
        .map(drop)
    }

    /// Puts the file at `relative` in place: `produce` writes it at the checked path, unless
    /// the last build's file made from what `fingerprint` says is kept there (the
    /// fingerprint is taken only when there is a last build).
    fn put(
        &self,
        relative: &str,
        fingerprint: impl FnOnce() -> Result<Fingerprint, ToolError>,
        produce: impl FnOnce(&Path) -> Result<(), ToolError>,
    ) -> Result<Option<u64>, ToolError> {
        let path = self.prepare(relative)?;
        let Some(last_build) = &self.last_build else {
            return produce(&path).map(|()| None);
        };
        let fingerprint = fingerprint()?;
        let relative_path = path.strip_prefix(&self.root).unwrap_or(&path);
        let kept = match last_build.file_to_keep(relative_path, &path, fingerprint) {
            Some(Kept::InPlace) => true,
            Some(Kept::At(last)) => link(&last, &path).is_ok(),
            None => false,
        };
        if !kept {
            // Never through a link to the last build's file: a new file then. The last
            // build's file in a folder moved here is written over (on ext4 much faster than
            // a new file made just after as many were deleted).
            if !is_sole_file(&path) {
                remove_if_present(&path).map_err(io_error(&path))?;
            }
            produce(&path)?;
        }
        let written = Written::of_file(&path, fingerprint).map_err(io_error(&path))?;
        let len = written.file_len();
        last_build.record(relative_path, written, kept);
        Ok(Some(len))
    }

    /// The checked path of `relative`, its folder created and found inside the output folder.
    fn prepare(&self, relative: &str) -> Result<PathBuf, ToolError> {
        let path = self.path(relative)?;
        let Some(parent) = path.parent() else {
            return Err(ToolError::OutsideOutput {
                path: relative.to_owned(),
            });
        };
        // Two threads may both make a folder, harmlessly.
        if !self.inside.knows(parent) {
            fs::create_dir_all(parent).map_err(io_error(parent))?;
            if !self.inside.holds(parent).map_err(io_error(parent))? {
                return Err(ToolError::OutsideOutput {
                    path: relative.to_owned(),
                });
            }
        }
        // A symbolic link to a file would be written through as well. In a folder moved from
        // the last build's, it is that build's output, changed since: removed (the link, not
        // what it leads to) and written anew.
        let is_link = fs::symlink_metadata(&path).is_ok_and(|meta| meta.file_type().is_symlink());
        if is_link && self.last_build.is_none() {
            return Err(ToolError::OutsideOutput {
                path: relative.to_owned(),
            });
        }
        if is_link {
            fs::remove_file(&path).map_err(io_error(&path))?;
        }
        Ok(path)
    }
}

/// Links the last build's file `last` at `path` (in place of a file already there: Trunk's
/// `index.html` is the home page's template).
fn link(last: &Path, path: &Path) -> io::Result<()> {
    remove_if_present(path)?;
    fs::hard_link(last, path)
}

/// Whether `path` is a regular file no other path names (no hard link to it).
fn is_sole_file(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_file() && meta.nlink() == 1)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

fn remove_if_present(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("blogreader-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn files_are_written_below_the_folder_and_nowhere_else() {
        let dir = scratch("confined");
        let output = OutputDir::create(&dir.join("dist")).unwrap_or_else(|error| panic!("{error}"));
        assert!(output.write("posts/a/index.html", b"ok").is_ok());
        assert_eq!(
            fs::read(dir.join("dist/posts/a/index.html")).ok(),
            Some(b"ok".to_vec())
        );
        for bad in [
            "../escaped.html",
            "posts/../../escaped.html",
            "posts\\..\\..\\escaped.html",
            "a\n/index.html",
            "/../escaped.html",
        ] {
            assert!(
                matches!(
                    output.write(bad, b"x"),
                    Err(ToolError::OutsideOutput { .. })
                ),
                "{bad:?}"
            );
        }
        assert!(!dir.join("escaped.html").exists());
        let _ = fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_inside_the_folder_does_not_lead_a_write_out() {
        let dir = scratch("linked");
        let output = OutputDir::create(&dir.join("dist")).unwrap_or_else(|error| panic!("{error}"));
        let _ = fs::create_dir_all(dir.join("elsewhere"));
        let _ = std::os::unix::fs::symlink(dir.join("elsewhere"), dir.join("dist/posts"));
        assert!(matches!(
            output.write("posts/index.html", b"x"),
            Err(ToolError::OutsideOutput { .. })
        ));
        assert!(!dir.join("elsewhere/index.html").exists());
        let _ = fs::remove_dir_all(&dir);
    }
}
