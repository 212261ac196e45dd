//! Fingerprints: what a file or a result is made from (or a file itself), hashed, to tell
//! whether it changed since a build made it (the tool's record of its last build) or whether
//! a kept result is the one wanted (the tool's optimized wasm, [`crate::kept_renders`]).

use std::fs;
use std::io;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

/// What a file is made from, hashed: 128 bits of SHA-256.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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

    /// The fingerprint of the file at `path` as `make` knows one: its path, length and
    /// modification time (a large file, a video, is not read to be compared).
    pub fn of_file_at(path: &Path, metadata: &fs::Metadata) -> io::Result<Fingerprint> {
        Ok(Fingerprint::of(&[
            b"file",
            path.as_os_str().as_encoded_bytes(),
            &metadata.len().to_le_bytes(),
            &since_epoch(metadata.modified()?).as_nanos().to_le_bytes(),
        ]))
    }

    /// The fingerprint whose bytes are `bytes` (as [`Fingerprint::as_bytes`] gave them).
    pub fn from_bytes(bytes: [u8; 16]) -> Fingerprint {
        Fingerprint(bytes)
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    pub fn hex(&self) -> String {
        self.0.iter().map(|byte| format!("{byte:02x}")).collect()
    }

    pub fn from_hex(hex: &str) -> Option<Fingerprint> {
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

/// `time` as the time since the Unix epoch (zero before it).
pub fn since_epoch(time: SystemTime) -> Duration {
    time.duration_since(UNIX_EPOCH).unwrap_or_default()
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
}
