//! The files inside a dossier, as `verify` reads them: each file's facts are
//! gathered while it streams past to be hashed, so the attachment rules run
//! on exactly the bytes that were signed, without a second read.

use super::files::{inspect_bytes, Facts};
use std::collections::HashMap;

/// The payload files of a dossier by their path under `data/` (as stored:
/// composed, NFC), with what the attachment rules need of each.
///
/// ```
/// use shenbao_check::rules::attachments::packed::{PackedFile, PackedFiles, Reading};
///
/// let mut reading = Reading::new("scan.pdf", 20 * 1024 * 1024);
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

/// One file's facts, gathered chunk by chunk. A file up to `keep_up_to`
/// bytes is kept whole while it is read and looked at as
/// [`inspect_bytes`] looks at it; of a larger one (over the per-file limit,
/// an error in itself) only the size and first bytes are kept, so memory
/// stays bounded whatever the dossier holds.
pub struct Reading {
    is_pdf: bool,
    keep_up_to: u64,
    size: u64,
    kept: Vec<u8>,
}

/// What [`Facts::head`] holds of a file too large to keep.
const HEAD: usize = 16;

impl Reading {
    pub fn new(path: &str, keep_up_to: u64) -> Reading {
        let is_pdf = path
            .rsplit_once('.')
            .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("pdf"));
        Reading {
            is_pdf,
            keep_up_to,
            size: 0,
            kept: Vec::new(),
        }
    }

    pub fn update(&mut self, chunk: &[u8]) {
        self.size += chunk.len() as u64;
        if self.size <= self.keep_up_to {
            self.kept.extend_from_slice(chunk);
        } else if self.kept.len() > HEAD {
            self.kept.truncate(HEAD);
            self.kept.shrink_to_fit();
        } else if self.kept.len() < HEAD {
            let wanted = (HEAD - self.kept.len()).min(chunk.len());
            self.kept.extend_from_slice(&chunk[..wanted]);
        }
    }

    pub fn finish(self) -> Facts {
        if self.size <= self.keep_up_to {
            return inspect_bytes(&self.kept, self.is_pdf);
        }
        Facts {
            size: self.size,
            head: self.kept,
            pdf_problem: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file read in chunks gives the facts the same bytes give at once.
    #[test]
    fn chunked_reading_agrees_with_inspecting_the_bytes() {
        let pdf = b"%PDF-1.7\n1 0 obj <<>>\nxref\n0 1\ntrailer <</Encrypt 1 0 R>>\nstartxref\n21\n%%EOF\n";
        for chunk in [1, 3, 16, 1000] {
            let mut reading = Reading::new("a.PDF", 1 << 20);
            pdf.chunks(chunk).for_each(|c| reading.update(c));
            let facts = reading.finish();
            let whole = inspect_bytes(pdf, true);
            assert_eq!(
                (facts.size, &facts.head, &facts.pdf_problem),
                (whole.size, &whole.head, &whole.pdf_problem)
            );
        }
    }

    #[test]
    fn a_file_over_the_limit_keeps_only_its_size_and_head() {
        let mut reading = Reading::new("big.pdf", 10);
        for _ in 0..5 {
            reading.update(b"%PDF-1.7 and more");
        }
        let facts = reading.finish();
        assert_eq!(facts.size, 85);
        assert_eq!(facts.head, b"%PDF-1.7 and mor");
        assert_eq!(facts.pdf_problem, None);
    }
}
