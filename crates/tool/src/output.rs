//! The output folder (`dist/`, or Trunk's staging folder): the one way the tool writes a file,
//! so nothing it writes can land outside that folder, whatever a page's URL, alias or term
//! says. The content core already refuses such paths where they are written; this is the
//! last check, made on every file just before it is written.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::{ToolError, io_error};

/// A folder the build writes into, and nowhere else.
pub struct OutputDir {
    root: PathBuf,
    /// `root` with its symbolic links resolved: what every written file's folder must be in.
    canonical_root: PathBuf,
}

impl OutputDir {
    /// The output folder at `root`, created when missing.
    pub fn create(root: &Path) -> Result<OutputDir, ToolError> {
        fs::create_dir_all(root).map_err(io_error(root))?;
        let canonical_root = root.canonicalize().map_err(io_error(root))?;
        Ok(OutputDir {
            root: root.to_owned(),
            canonical_root,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
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
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<PathBuf, ToolError> {
        let path = self.prepare(relative)?;
        fs::write(&path, bytes).map_err(io_error(&path))?;
        Ok(path)
    }

    /// Copies the file `from` to `relative`, as [`Self::write`] writes.
    pub fn copy(&self, from: &Path, relative: &str) -> Result<(), ToolError> {
        let path = self.prepare(relative)?;
        fs::copy(from, &path).map_err(io_error(from))?;
        Ok(())
    }

    /// The checked path of `relative`, its folder created and found inside the output folder.
    fn prepare(&self, relative: &str) -> Result<PathBuf, ToolError> {
        let path = self.path(relative)?;
        let Some(parent) = path.parent() else {
            return Err(ToolError::OutsideOutput {
                path: relative.to_owned(),
            });
        };
        fs::create_dir_all(parent).map_err(io_error(parent))?;
        let canonical_parent = parent.canonicalize().map_err(io_error(parent))?;
        // A symbolic link to a file would be written through as well.
        let is_link = fs::symlink_metadata(&path).is_ok_and(|meta| meta.file_type().is_symlink());
        if !canonical_parent.starts_with(&self.canonical_root) || is_link {
            return Err(ToolError::OutsideOutput {
                path: relative.to_owned(),
            });
        }
        Ok(path)
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
