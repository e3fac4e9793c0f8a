//! The files inside a dossier, as `verify` reads them: each file's facts are
//! gathered while it streams past to be hashed, so the attachment rules run
//! on exactly the bytes that were signed, without a second read.

use super::files::{inspect_bytes, inspect_ends, Facts, ENDS};
use std::collections::HashMap;

/// The payload files of a dossier by their path under `data/` (as stored:
/// composed, NFC), with what the attachment rules need of each.
///
/// ```
/// use shenbao_check::rules::attachments::packed::{PackedFile, PackedFiles, Reading};
///
/// let mut reading = Reading::new("scan.pdf", 15);
/// reading.update(b"MZ\x90\x00 a program");
/// let mut packed = PackedFiles::default();
/// packed.insert("scan.pdf".into(), PackedFile { facts: reading.finish(), sha256: [0; 32] });
/// assert_eq!(packed.get("scan.pdf").unwrap().facts.head[..2], *b"MZ");
/// ```
#[derive(Debug, Default)]
pub struct PackedFiles {
    files: HashMap<String, PackedFile>,
}

#[derive(Debug)]
pub struct PackedFile {
    pub facts: Facts,
    pub sha256: [u8; 32],
}

impl PackedFiles {
    pub fn insert(&mut self, path: String, file: PackedFile) {
        self.files.insert(path, file);
    }

    pub fn get(&self, path: &str) -> Option<&PackedFile> {
        self.files.get(path)
    }

    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }
}

/// One file's facts, gathered chunk by chunk in bounded memory. A file of
/// up to twice [`ENDS`] bytes is kept whole and looked at as
/// [`inspect_bytes`] looks at it; of a larger one its first and last
/// [`ENDS`] bytes are kept and looked at as [`inspect_ends`] does, which is
/// where a file on disk is looked at too. The size is known before the
/// bytes come (a ZIP entry declares it), so nothing in between is copied.
pub struct Reading {
    is_pdf: bool,
    expected: u64,
    size: u64,
    head: Vec<u8>,
    /// The bytes from `expected - ENDS` on (all beyond the head, for a
    /// small file), at most twice [`ENDS`] whatever the size claimed.
    tail: Vec<u8>,
}

impl Reading {
    /// A reading of the file named `path`, of `expected` bytes.
    pub fn new(path: &str, expected: u64) -> Reading {
        let is_pdf = path
            .rsplit_once('.')
            .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("pdf"));
        Reading {
            is_pdf,
            expected,
            size: 0,
            head: Vec::new(),
            tail: Vec::new(),
        }
    }

    pub fn update(&mut self, chunk: &[u8]) {
        let at = self.size;
        self.size += chunk.len() as u64;
        let room = (ENDS as usize)
            .saturating_sub(self.head.len())
            .min(chunk.len());
        self.head.extend_from_slice(&chunk[..room]);
        // Of the rest, what lies in the last ENDS bytes (all of it, for a
        // file small enough to be kept whole).
        let tail_from = if self.expected <= 2 * ENDS {
            0
        } else {
            self.expected - ENDS
        };
        let rest_at = at + room as u64;
        let skip = tail_from
            .saturating_sub(rest_at)
            .min((chunk.len() - room) as u64) as usize;
        let rest = &chunk[room + skip..];
        let fits = (2 * ENDS as usize)
            .saturating_sub(self.tail.len())
            .min(rest.len());
        self.tail.extend_from_slice(&rest[..fits]);
    }

    pub fn finish(mut self) -> Facts {
        if self.size <= 2 * ENDS && self.head.len() + self.tail.len() == self.size as usize {
            self.head.extend_from_slice(&self.tail);
            return inspect_bytes(&self.head, self.is_pdf);
        }
        // Of a larger file, its last ENDS bytes (when its size was as
        // declared; otherwise the entry is refused for its size anyway).
        let keep = self.tail.len().saturating_sub(ENDS as usize);
        inspect_ends(&self.head, &self.tail[keep..], self.size, self.is_pdf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::attachments::files::{inspect_open, PdfProblem};

    fn read_in_chunks(name: &str, bytes: &[u8], chunk: usize) -> Facts {
        let mut reading = Reading::new(name, bytes.len() as u64);
        bytes.chunks(chunk).for_each(|c| reading.update(c));
        reading.finish()
    }

    /// What a file on disk holding `bytes` gives.
    fn on_disk(bytes: &[u8], is_pdf: bool) -> Facts {
        let file = tempfile::tempfile().unwrap();
        use std::io::{Seek, Write};
        let mut file = file;
        file.write_all(bytes).unwrap();
        file.rewind().unwrap();
        inspect_open(file, bytes.len() as u64, is_pdf).unwrap()
    }

    fn same(a: &Facts, b: &Facts) -> bool {
        (a.size, &a.head, &a.pdf_problem) == (b.size, &b.head, &b.pdf_problem)
    }

    /// A PDF of `size` bytes, padded in the middle; `encrypt_at` puts an
    /// `/Encrypt` there; the cross-reference is at the end or (linearised)
    /// near the start.
    fn pdf(size: usize, encrypt_at: Option<usize>, xref_at_start: bool) -> Vec<u8> {
        let mut bytes = b"%PDF-1.7\n".to_vec();
        let start_xref = bytes.len();
        bytes.extend_from_slice(b"xref\n0 1\n");
        bytes.resize(size - 64, b' ');
        let end_xref = bytes.len();
        bytes.extend_from_slice(b"xref\n");
        let at = if xref_at_start { start_xref } else { end_xref };
        bytes.extend_from_slice(format!("startxref\n{at}\n%%EOF\n").as_bytes());
        if let Some(e) = encrypt_at {
            bytes[e..e + 8].copy_from_slice(b"/Encrypt");
        }
        bytes
    }

    /// Read in chunks, a dossier's file gives the facts the same file on
    /// disk gives, small or large, wherever its markers are.
    #[test]
    fn chunked_reading_agrees_with_a_file_on_disk() {
        const MIB: usize = 1 << 20;
        let cases = [
            pdf(4096, None, false),
            pdf(4096, Some(100), false),
            pdf(9 * MIB, None, false),
            pdf(9 * MIB, None, true),
            pdf(9 * MIB, Some(9 * MIB - 1000), false),
            pdf(9 * MIB, Some(200), false),
            pdf(20 * MIB, None, false),
            b"%PDF-1.7 cut short".to_vec(),
            b"MZ\x90\x00".repeat(3 * MIB),
        ];
        for (i, bytes) in cases.iter().enumerate() {
            let disk = on_disk(bytes, true);
            for chunk in [4096, 256 * 1024, 3 * MIB + 7] {
                let read = read_in_chunks("a.PDF", bytes, chunk);
                assert!(
                    same(&read, &disk),
                    "case {i}, chunk {chunk}: {read:?} vs {disk:?}"
                );
            }
        }
        let locked = pdf(9 * MIB, Some(9 * MIB - 1000), false);
        assert_eq!(
            read_in_chunks("a.pdf", &locked, 65536).pdf_problem,
            Some(PdfProblem::Encrypted)
        );
    }

    #[test]
    fn memory_stays_bounded_however_large_the_file_or_its_claimed_size() {
        for expected in [64 << 20, 1 << 20, 0] {
            let mut reading = Reading::new("big.pdf", expected);
            let chunk = vec![b'x'; 1 << 20];
            for _ in 0..64 {
                reading.update(&chunk);
                assert!(reading.head.len() <= ENDS as usize);
                assert!(reading.tail.len() <= 2 * ENDS as usize);
            }
            assert_eq!(reading.finish().size, 64 << 20);
        }
    }
}
