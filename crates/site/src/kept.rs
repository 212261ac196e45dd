//! Results an earlier build made, kept in a file by the fingerprint of what each is made
//! from, so that the next build (Trunk runs the build tool anew for every build) reuses
//! those whose inputs are unchanged: bodies' renders ([`crate::kept_renders`]) and the
//! tool's searchable texts. The file is binary: a header naming what it holds, then per
//! result its key, its length and its bytes, in an encoding of the user's ([`Writer`],
//! [`Reader`]: each string length-first; JSON, made in this crate's lightly optimized
//! build, took a tenth of a first build's time). Reading stops at the first record that
//! does not read whole: the results after it are made again. A build adds its new results
//! at the end of the file ([`KeptUpdate`]): rewriting 100 MB at 10,000 posts after every
//! edit took half a second; the file is written anew once half of it is results no build
//! uses any more (or it did not read whole).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::fingerprint::Fingerprint;

/// The results an earlier build kept, and those this build keeps for the next. The default
/// keeps nothing (a build with nowhere to keep its work encodes none of it).
#[derive(Default)]
pub struct KeptResults {
    /// Whether this build keeps its results: made by [`KeptResults::new`].
    keeping: bool,
    header: &'static [u8],
    /// The earlier build's file, and where in it each result is (decoded only when reused).
    file: Vec<u8>,
    earlier: HashMap<Fingerprint, Range<usize>>,
    /// Whether `file` read whole: a header and records up to its end.
    whole: bool,
    /// This build's results: encoded now, or `None` for one reused from `file`.
    this: Mutex<Vec<(Fingerprint, Option<Vec<u8>>)>>,
}

impl KeptResults {
    /// The results in `file` (as [`KeptResults::update`]s wrote it), when it starts with
    /// `header` (else none: another kind of file, or another format).
    pub fn new(header: &'static [u8], file: Vec<u8>) -> KeptResults {
        let mut earlier = HashMap::new();
        let mut whole = false;
        if let Some(records) = file.strip_prefix(header) {
            let mut reader = Reader {
                bytes: records,
                at: 0,
            };
            while let Some((key, length)) = reader.fingerprint().zip(reader.u32()) {
                let start = header.len() + reader.at;
                if reader.bytes_of(length as usize).is_none() {
                    break;
                }
                earlier.insert(key, start..start + length as usize);
            }
            whole = reader.at == records.len();
        }
        KeptResults {
            keeping: true,
            header,
            file,
            earlier,
            whole,
            ..KeptResults::default()
        }
    }

    /// The result made from what `key` fingerprints: the one kept, as `decode` reads it
    /// (all of it; `None` when it no longer holds), or else the one `make` makes, kept for
    /// the next build as `encode` writes it (`None`: not to be kept). Without keeping,
    /// `make`'s, and `key` is not even taken.
    pub fn reuse_or_make<T>(
        &self,
        key: impl FnOnce() -> Fingerprint,
        decode: impl FnOnce(&mut Reader) -> Option<T>,
        make: impl FnOnce() -> T,
        encode: impl FnOnce(&T) -> Option<Writer>,
    ) -> T {
        if !self.keeping {
            return make();
        }
        let key = key();
        if let Some(kept) = self.earlier(&key, decode) {
            self.this().push((key, None));
            return kept;
        }
        let made = make();
        if let Some(Writer(mut encoded)) = encode(&made) {
            // Held until the build ends: without the room it grew into (up to half).
            encoded.shrink_to_fit();
            self.this().push((key, Some(encoded)));
        }
        made
    }

    fn earlier<T>(
        &self,
        key: &Fingerprint,
        decode: impl FnOnce(&mut Reader) -> Option<T>,
    ) -> Option<T> {
        let bytes = self.file.get(self.earlier.get(key)?.clone())?;
        let mut reader = Reader { bytes, at: 0 };
        decode(&mut reader).filter(|_| reader.at == bytes.len())
    }

    /// Whether this build keeps its results (else there is nothing to reuse either).
    pub fn keeping(&self) -> bool {
        self.keeping
    }

    fn this(&self) -> MutexGuard<'_, Vec<(Fingerprint, Option<Vec<u8>>)>> {
        self.this.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// How many results this build reused.
    pub fn reused(&self) -> usize {
        self.this()
            .iter()
            .filter(|(_, made)| made.is_none())
            .count()
    }

    /// A record of this build: `encoded` now, or else kept from the earlier file.
    fn record<'r>(&'r self, key: &Fingerprint, encoded: Option<&'r Vec<u8>>) -> Option<&'r [u8]> {
        match encoded {
            Some(encoded) => Some(encoded),
            None => self.file.get(self.earlier.get(key)?.clone()),
        }
    }

    /// What to write for the next build's [`KeptResults::new`]: this build's new results
    /// at the end of the earlier file, or the whole file anew.
    pub fn update(&self) -> KeptUpdate {
        if !self.keeping {
            return KeptUpdate::Append(Vec::new());
        }
        let this = self.this();
        let (mut reused, mut added) = (0, Writer::default());
        for (key, encoded) in this.iter() {
            match encoded {
                Some(new) => added.record(key, new),
                None => {
                    reused += self
                        .record(key, None)
                        .map_or(0, |kept| RECORD_HEAD + kept.len())
                }
            }
        }
        let unused = self.file.len().saturating_sub(self.header.len() + reused);
        if self.whole && unused <= reused + added.0.len() {
            return KeptUpdate::Append(added.0);
        }
        let mut file = Writer(self.header.to_vec());
        for (key, encoded) in this.iter() {
            if let Some(kept) = self.record(key, encoded.as_ref()) {
                file.record(key, kept);
            }
        }
        KeptUpdate::Rewrite(file.0)
    }
}

/// A record's key and length.
const RECORD_HEAD: usize = 16 + 4;

/// What a build writes of its [`KeptResults`] for the next.
#[derive(Debug, PartialEq)]
pub enum KeptUpdate {
    /// Records to add at the end of the file as it is (none: leave it as it is).
    Append(Vec<u8>),
    /// The file anew.
    Rewrite(Vec<u8>),
}

/// A result being encoded.
#[derive(Default)]
pub struct Writer(Vec<u8>);

impl Writer {
    fn record(&mut self, key: &Fingerprint, record: &[u8]) {
        self.0.extend_from_slice(key.as_bytes());
        self.u32(record.len());
        self.0.extend_from_slice(record);
    }

    pub fn u8(&mut self, value: u8) {
        self.0.push(value);
    }

    /// A length or count (a body over 4 GB is not read, so none is over `u32`'s range).
    pub fn u32(&mut self, value: usize) {
        let value = u32::try_from(value).unwrap_or(u32::MAX);
        self.0.extend_from_slice(&value.to_le_bytes());
    }

    pub fn usize(&mut self, value: usize) {
        self.0.extend_from_slice(&(value as u64).to_le_bytes());
    }

    pub fn fingerprint(&mut self, fingerprint: Fingerprint) {
        self.0.extend_from_slice(fingerprint.as_bytes());
    }

    pub fn str(&mut self, text: &str) {
        self.u32(text.len());
        self.0.extend_from_slice(text.as_bytes());
    }

    /// A count, then each item as `item` writes it.
    pub fn list<T>(&mut self, items: &[T], mut item: impl FnMut(&mut Self, &T)) {
        self.u32(items.len());
        for each in items {
            item(self, each);
        }
    }
}

/// Reads what a [`Writer`] wrote; `None` at anything else (too short, not UTF-8).
pub struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    fn bytes_of(&mut self, length: usize) -> Option<&'b [u8]> {
        let bytes = self.bytes.get(self.at..self.at.checked_add(length)?)?;
        self.at += length;
        Some(bytes)
    }

    pub fn u8(&mut self) -> Option<u8> {
        Some(self.bytes_of(1)?[0])
    }

    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.bytes_of(4)?.try_into().ok()?))
    }

    pub fn usize(&mut self) -> Option<usize> {
        usize::try_from(u64::from_le_bytes(self.bytes_of(8)?.try_into().ok()?)).ok()
    }

    pub fn fingerprint(&mut self) -> Option<Fingerprint> {
        Some(Fingerprint::from_bytes(self.bytes_of(16)?.try_into().ok()?))
    }

    pub fn string(&mut self) -> Option<String> {
        let length = self.u32()? as usize;
        String::from_utf8(self.bytes_of(length)?.to_vec()).ok()
    }

    /// A count, then that many items (no room is made before each is read: the count may
    /// be damaged).
    pub fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let count = self.u32()?;
        let mut items = Vec::new();
        for _ in 0..count {
            items.push(item(self)?);
        }
        Some(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &[u8] = b"test records 1\n";

    fn key(n: u8) -> Fingerprint {
        Fingerprint::of(&[&[n]])
    }

    fn text(out: &str) -> Option<Writer> {
        let mut writer = Writer::default();
        writer.list(&[out.to_owned(), "ü".repeat(40)], |writer, text| {
            writer.str(text)
        });
        Some(writer)
    }

    fn strings(reader: &mut Reader) -> Option<Vec<String>> {
        reader.list(Reader::string)
    }

    /// A file of three records, as a build writes it.
    fn file() -> Vec<u8> {
        let kept = KeptResults::new(HEADER, Vec::new());
        for n in 0..3 {
            kept.reuse_or_make(
                || key(n),
                strings,
                || vec![n.to_string(), "ü".repeat(40)],
                |made| text(&made[0]),
            );
        }
        match kept.update() {
            KeptUpdate::Rewrite(file) => file,
            KeptUpdate::Append(_) => panic!("a file with no header is written anew"),
        }
    }

    #[test]
    fn a_file_cut_short_gives_back_its_whole_records_and_no_damage_panics() {
        let file = file();
        let expected = |n: u8| vec![n.to_string(), "ü".repeat(40)];
        // Cut at every length (a build stopped while writing): each record comes back as
        // written or not at all (then it is made again), the whole ones before the cut.
        let mut reused_before = 0;
        for length in 0..=file.len() {
            let kept = KeptResults::new(HEADER, file[..length].to_vec());
            for n in 0..3 {
                let made = kept.reuse_or_make(|| key(n), strings, || expected(n), |_| None);
                assert_eq!(made, expected(n));
            }
            assert!(
                kept.reused() >= reused_before,
                "a longer file keeps no fewer"
            );
            reused_before = kept.reused();
        }
        assert_eq!(reused_before, 3, "the whole file gives back every record");
        // Any byte changed (the file is the tool's own, so this is not a threat it defends
        // against, but reading it must not panic or run away).
        for at in 0..file.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut damaged = file.clone();
                damaged[at] ^= flip;
                let kept = KeptResults::new(HEADER, damaged);
                for n in 0..3 {
                    kept.reuse_or_make(|| key(n), strings, || expected(n), |_| None);
                }
            }
        }
    }
}
