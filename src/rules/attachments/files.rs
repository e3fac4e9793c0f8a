//! Looking at one attachment on disk: where it really is, what it really is,
//! and its SHA-256 — in one streaming read, so size does not cost memory.

use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Component, Path, PathBuf};

/// A problem with the path itself, before any file is opened.
#[derive(Debug, PartialEq, Eq)]
pub enum PathProblem {
    Absolute,
    ParentDir,
    /// A component with a control character, `%`, `\`, or too long.
    UnsafeName {
        component: String,
        why: NameProblem,
    },
    /// The path resolves (through a symlink) outside the folder.
    Escapes(PathBuf),
}

#[derive(Debug, PartialEq, Eq)]
pub enum NameProblem {
    Control,
    Percent,
    Backslash,
    TooLong(usize),
}

/// Check the written path: relative, no `..`, safe names.
pub fn check_path(path: &str, max_name_chars: usize) -> Result<(), PathProblem> {
    let written = Path::new(path);
    if written.is_absolute()
        || written.has_root()
        || path.starts_with('/')
        || looks_like_windows_absolute(path)
    {
        return Err(PathProblem::Absolute);
    }
    for component in path.split(['/']) {
        if component == ".." {
            return Err(PathProblem::ParentDir);
        }
        let why = if component.chars().any(char::is_control) {
            Some(NameProblem::Control)
        } else if component.contains('%') {
            Some(NameProblem::Percent)
        } else if component.contains('\\') {
            Some(NameProblem::Backslash)
        } else if component.chars().count() > max_name_chars {
            Some(NameProblem::TooLong(component.chars().count()))
        } else {
            None
        };
        if let Some(why) = why {
            return Err(PathProblem::UnsafeName {
                component: component.to_string(),
                why,
            });
        }
    }
    if written
        .components()
        .any(|c| matches!(c, Component::ParentDir))
    {
        return Err(PathProblem::ParentDir);
    }
    Ok(())
}

fn looks_like_windows_absolute(path: &str) -> bool {
    let b = path.as_bytes();
    (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':') || path.starts_with("\\\\")
}

/// Resolve `path` under `dir`, refusing anything that lands outside `dir`.
/// `Ok(None)` when nothing exists there.
pub fn resolve(dir: &Path, path: &str) -> Result<Option<PathBuf>, PathProblem> {
    let joined = dir.join(path);
    if std::fs::symlink_metadata(&joined).is_err() {
        return Ok(None);
    }
    let (Ok(real_dir), Ok(real)) = (dir.canonicalize(), joined.canonicalize()) else {
        return Ok(None); // a dangling symlink: nothing to read
    };
    if real.starts_with(&real_dir) {
        Ok(Some(real))
    } else {
        Err(PathProblem::Escapes(real))
    }
}

/// What one read of the file found.
#[derive(Debug)]
pub struct Facts {
    pub size: u64,
    pub sha256: [u8; 32],
    pub head: Vec<u8>,
    /// For PDFs: why it cannot be opened, if it cannot.
    pub pdf_problem: Option<PdfProblem>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum PdfProblem {
    Encrypted,
    NoHeader,
    NoEnd,
    BadCrossReference,
}

const ENCRYPT: &[u8] = b"/Encrypt";

/// Stream the file once: hash, first bytes, and (for PDFs) the encryption
/// marker; then check the PDF's tail.
pub fn inspect(path: &Path, is_pdf: bool) -> std::io::Result<Facts> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut head = Vec::with_capacity(16);
    let mut buf = vec![0u8; 64 * 1024];
    let mut carry: Vec<u8> = Vec::new();
    let mut encrypted = false;
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        let chunk = &buf[..n];
        hasher.update(chunk);
        size += n as u64;
        if head.len() < 16 {
            head.extend(chunk.iter().take(16 - head.len()));
        }
        if is_pdf && !encrypted {
            carry.extend_from_slice(&chunk[..chunk.len().min(ENCRYPT.len())]);
            encrypted = contains(&carry, ENCRYPT) || contains(chunk, ENCRYPT);
            carry.clear();
            carry.extend_from_slice(&chunk[chunk.len().saturating_sub(ENCRYPT.len() - 1)..]);
        }
    }
    let pdf_problem = if !is_pdf {
        None
    } else if encrypted {
        Some(PdfProblem::Encrypted)
    } else {
        pdf_structure(&mut file, &head, size)?
    };
    Ok(Facts {
        size,
        sha256: hasher.finalize().into(),
        head,
        pdf_problem,
    })
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Header, `%%EOF` near the end, and a `startxref` that points at a
/// cross-reference table or stream.
fn pdf_structure(file: &mut File, head: &[u8], size: u64) -> std::io::Result<Option<PdfProblem>> {
    if !head.starts_with(b"%PDF-") {
        return Ok(Some(PdfProblem::NoHeader));
    }
    let tail_len = size.min(2048);
    file.seek(SeekFrom::Start(size - tail_len))?;
    let mut tail = vec![0u8; tail_len as usize];
    file.read_exact(&mut tail)?;
    if !contains(&tail, b"%%EOF") {
        return Ok(Some(PdfProblem::NoEnd));
    }
    let Some(at) = tail.windows(9).rposition(|w| w == b"startxref") else {
        return Ok(Some(PdfProblem::NoEnd));
    };
    let digits: String = tail[at + 9..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .map(|b| *b as char)
        .collect();
    let Ok(offset) = digits.parse::<u64>() else {
        return Ok(Some(PdfProblem::BadCrossReference));
    };
    if offset >= size {
        return Ok(Some(PdfProblem::BadCrossReference));
    }
    file.seek(SeekFrom::Start(offset))?;
    let mut probe = [0u8; 32];
    let n = file.read(&mut probe)?;
    let probe = &probe[..n];
    let table = probe.starts_with(b"xref");
    let stream = {
        // "12 0 obj" — an object holding a cross-reference stream.
        let text = String::from_utf8_lossy(probe);
        let mut words = text.split_ascii_whitespace();
        matches!(
            (words.next(), words.next(), words.next()),
            (Some(a), Some(b), Some(c)) if a.bytes().all(|x| x.is_ascii_digit()) && b.bytes().all(|x| x.is_ascii_digit()) && c.starts_with("obj")
        )
    };
    Ok((!(table || stream)).then_some(PdfProblem::BadCrossReference))
}

/// Does the file start with the magic bytes given in hex?
pub fn has_magic(head: &[u8], magic_hex: &str) -> bool {
    let magic: Vec<u8> = (0..magic_hex.len() / 2)
        .filter_map(|i| u8::from_str_radix(&magic_hex[2 * i..2 * i + 2], 16).ok())
        .collect();
    !magic.is_empty() && head.starts_with(&magic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_paths() {
        assert_eq!(check_path("attachments/a.pdf", 80), Ok(()));
        assert_eq!(check_path("/etc/passwd", 80), Err(PathProblem::Absolute));
        assert_eq!(check_path("C:\\x.pdf", 80), Err(PathProblem::Absolute));
        assert_eq!(check_path("a/../../x.pdf", 80), Err(PathProblem::ParentDir));
        assert!(matches!(
            check_path("a/100%.pdf", 80),
            Err(PathProblem::UnsafeName {
                why: NameProblem::Percent,
                ..
            })
        ));
        assert!(matches!(
            check_path("a\\b.pdf", 80),
            Err(PathProblem::UnsafeName {
                why: NameProblem::Backslash,
                ..
            })
        ));
        assert!(matches!(
            check_path("a/b\n.pdf", 80),
            Err(PathProblem::UnsafeName {
                why: NameProblem::Control,
                ..
            })
        ));
        assert!(matches!(
            check_path(&"长".repeat(81), 80),
            Err(PathProblem::UnsafeName {
                why: NameProblem::TooLong(81),
                ..
            })
        ));
    }

    #[test]
    fn magic() {
        assert!(has_magic(b"%PDF-1.7", "25504446"));
        assert!(!has_magic(b"PK\x03\x04", "25504446"));
    }
}
