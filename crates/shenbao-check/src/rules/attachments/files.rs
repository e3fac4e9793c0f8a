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
    /// An empty or `.` segment (`./x`, `a//b`, a trailing `/`).
    EmptyOrDot,
    /// One of `: * ? " < > |`, which Windows forbids in names.
    Forbidden(char),
    /// A leading or trailing space or a trailing dot, which Windows drops.
    Trimmed,
    /// A Windows device name (`CON`, `NUL`, `COM1`…), with or without extension.
    Reserved,
}

/// What makes one segment of a path unusable on some system, if anything:
/// the names must survive zip tools, BagIt manifests, and extraction on
/// Windows, macOS and Linux alike.
pub fn name_problem(component: &str, max_name_chars: usize) -> Option<NameProblem> {
    if component.is_empty() || component == "." {
        return Some(NameProblem::EmptyOrDot);
    }
    if component.chars().any(char::is_control) {
        return Some(NameProblem::Control);
    }
    if component.contains('%') {
        return Some(NameProblem::Percent);
    }
    if component.contains('\\') {
        return Some(NameProblem::Backslash);
    }
    if let Some(b) = component
        .bytes()
        .find(|b| matches!(b, b':' | b'*' | b'?' | b'"' | b'<' | b'>' | b'|'))
    {
        return Some(NameProblem::Forbidden(char::from(b)));
    }
    if component.starts_with(' ') || component.ends_with([' ', '.']) {
        return Some(NameProblem::Trimmed);
    }
    if is_windows_device(component) {
        return Some(NameProblem::Reserved);
    }
    let chars = component.chars().count();
    (chars > max_name_chars).then_some(NameProblem::TooLong(chars))
}

/// `CON`, `PRN`, `AUX`, `NUL`, `COM1`–`COM9`, `LPT1`–`LPT9`, in any case, alone
/// or before an extension (`con.pdf` is the console too).
fn is_windows_device(component: &str) -> bool {
    let stem = component.split('.').next().unwrap_or("").trim_end();
    if !(3..=4).contains(&stem.len()) {
        return false;
    }
    let upper = stem.to_ascii_uppercase();
    matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (upper.len() == 4
            && (upper.starts_with("COM") || upper.starts_with("LPT"))
            && matches!(upper.as_bytes()[3], b'1'..=b'9'))
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
        if let Some(why) = name_problem(component, max_name_chars) {
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

/// A file found inside the declaration's folder.
pub struct Resolved {
    pub path: PathBuf,
    pub is_file: bool,
}

/// Resolve `path` (already checked: relative, no `..`) under `dir`, refusing
/// anything that lands outside `dir`. `Ok(None)` when nothing exists there.
///
/// Each component below `dir` is looked at with lstat; only when one of them
/// is a symlink is the full path canonicalised and compared with the folder's
/// real path (cheaper than canonicalising every attachment's absolute path).
pub fn resolve(dir: &Path, path: &str) -> Result<Option<Resolved>, PathProblem> {
    let mut current = dir.to_path_buf();
    let mut last = None;
    for component in Path::new(path).components() {
        current.push(component);
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return resolve_through_links(dir, &dir.join(path))
            }
            Ok(meta) => last = Some(meta),
            Err(_) => return Ok(None),
        }
    }
    Ok(last.map(|meta| Resolved {
        is_file: meta.is_file(),
        path: current,
    }))
}

/// `dir` and `path` joined component by component, as [`resolve`] builds it.
pub fn joined(dir: &Path, path: &str) -> PathBuf {
    let mut joined = dir.to_path_buf();
    for component in Path::new(path).components() {
        joined.push(component);
    }
    joined
}

fn resolve_through_links(dir: &Path, joined: &Path) -> Result<Option<Resolved>, PathProblem> {
    let (Ok(real_dir), Ok(real)) = (dir.canonicalize(), joined.canonicalize()) else {
        return Ok(None); // a dangling symlink: nothing to read
    };
    if real.starts_with(&real_dir) {
        Ok(Some(Resolved {
            is_file: real.is_file(),
            path: real,
        }))
    } else {
        Err(PathProblem::Escapes(real))
    }
}

/// What a look at the file found: its size, first bytes, and for PDFs why it
/// cannot be opened. Reads a bounded amount, whatever the file's size.
#[derive(Clone, Debug)]
pub struct Facts {
    pub size: u64,
    pub head: Vec<u8>,
    /// For PDFs: why it cannot be opened, if it cannot.
    pub pdf_problem: Option<PdfProblem>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PdfProblem {
    Encrypted,
    NoHeader,
    NoEnd,
    BadCrossReference,
}

const ENCRYPT: &[u8] = b"/Encrypt";
/// How much of each end of a PDF is searched for `/Encrypt`: the trailer (or
/// the cross-reference stream holding it) is at the end, a linearised file's
/// first-page trailer near the start.
const PDF_SCAN: u64 = 4 * 1024 * 1024;

/// Look at a file: size, first bytes, and for PDFs encryption and structure.
pub fn inspect(path: &Path, is_pdf: bool) -> std::io::Result<Facts> {
    let file = File::open(path)?;
    let size = file.metadata()?.len();
    inspect_open(file, size, is_pdf)
}

/// Files up to this size are read whole, in one read, and looked at in
/// memory: most attachments are scans of a few KB to a few MB, and each seek
/// and read below is a system call.
const WHOLE: u64 = 256 * 1024;

/// [`inspect`] for a file already open, of `size` bytes by its metadata.
pub fn inspect_open(mut file: File, size: u64, is_pdf: bool) -> std::io::Result<Facts> {
    if size <= WHOLE {
        // One byte more than expected: a read that fills it means the file
        // changed since its metadata was read, and the general way follows.
        let mut bytes = vec![0u8; size as usize + 1];
        let n = file.read(&mut bytes)?;
        if n as u64 == size {
            bytes.truncate(n);
            return Ok(facts_of(&bytes, is_pdf));
        }
        file.seek(SeekFrom::Start(0))?;
    }
    inspect_streaming(file, size, is_pdf)
}

/// [`inspect_open`] with seeks and bounded reads, whatever the size.
fn inspect_streaming(mut file: File, size: u64, is_pdf: bool) -> std::io::Result<Facts> {
    let mut head = Vec::with_capacity(16);
    (&mut file).take(16).read_to_end(&mut head)?;
    let pdf_problem = if !is_pdf {
        None
    } else if scan_for(&mut file, size, ENCRYPT)? {
        Some(PdfProblem::Encrypted)
    } else {
        let tail_len = size.min(TAIL);
        file.seek(SeekFrom::Start(size - tail_len))?;
        let mut tail = vec![0u8; tail_len as usize];
        file.read_exact(&mut tail)?;
        pdf_structure(&head, &tail, size, |offset| {
            file.seek(SeekFrom::Start(offset))?;
            let mut probe = [0u8; PROBE];
            let n = file.read(&mut probe)?;
            Ok(probe[..n].to_vec())
        })?
    };
    Ok(Facts {
        size,
        head,
        pdf_problem,
    })
}

/// [`inspect`] for bytes in memory: the facts a file holding exactly these
/// bytes gives (the fuzz target `attachment` holds the two to that).
///
/// ```
/// use shenbao_check::rules::attachments::files::{inspect_bytes, PdfProblem};
///
/// let pdf = b"%PDF-1.7\n1 0 obj <</Filter /Standard>>\ntrailer <</Encrypt 1 0 R>>\n%%EOF\n";
/// let facts = inspect_bytes(pdf, true);
/// assert_eq!((facts.size, facts.head.len()), (pdf.len() as u64, 16));
/// assert_eq!(facts.pdf_problem, Some(PdfProblem::Encrypted));
/// // Cut short: no end.
/// assert_eq!(inspect_bytes(&pdf[..20], true).pdf_problem, Some(PdfProblem::NoEnd));
/// // Not looked into unless it is named .pdf.
/// assert_eq!(inspect_bytes(pdf, false).pdf_problem, None);
/// ```
pub fn inspect_bytes(bytes: &[u8], is_pdf: bool) -> Facts {
    facts_of(bytes, is_pdf)
}

/// What [`inspect_open`] finds, from the whole file in memory: `/Encrypt`
/// is searched where [`scan_for`] searches a file.
fn facts_of(bytes: &[u8], is_pdf: bool) -> Facts {
    let size = bytes.len() as u64;
    let head = bytes[..bytes.len().min(16)].to_vec();
    let scan = PDF_SCAN as usize;
    let encrypted = || {
        if bytes.len() <= 2 * scan {
            contains(bytes, ENCRYPT)
        } else {
            contains(&bytes[..scan], ENCRYPT) || contains(&bytes[bytes.len() - scan..], ENCRYPT)
        }
    };
    let pdf_problem = if !is_pdf {
        None
    } else if encrypted() {
        Some(PdfProblem::Encrypted)
    } else {
        let tail = &bytes[bytes.len() - bytes.len().min(TAIL as usize)..];
        pdf_structure(&head, tail, size, |offset| {
            let start = offset as usize;
            Ok(bytes[start..bytes.len().min(start + PROBE)].to_vec())
        })
        .expect("reading memory cannot fail")
    };
    Facts {
        size,
        head,
        pdf_problem,
    }
}

/// The facts of a file of `size` bytes known only by its first and last
/// [`PDF_SCAN`] bytes (`head`, `tail`), as [`inspect_open`] finds them in a
/// larger file: `/Encrypt` is searched where it searches, and the
/// cross-reference `startxref` points at is looked at when it lies in either
/// part (it does in the PDFs writers make: at the end, or at the start when
/// linearised); elsewhere it is not judged.
pub fn inspect_ends(head: &[u8], tail: &[u8], size: u64, is_pdf: bool) -> Facts {
    let first = head[..head.len().min(16)].to_vec();
    let pdf_problem = if !is_pdf {
        None
    } else if contains(head, ENCRYPT) || contains(tail, ENCRYPT) {
        Some(PdfProblem::Encrypted)
    } else {
        let tail_start = size - tail.len() as u64;
        let end = &tail[tail.len() - tail.len().min(TAIL as usize)..];
        pdf_structure(&first, end, size, |offset| {
            let (part, at) = if offset < head.len() as u64 {
                (head, offset as usize)
            } else if offset >= tail_start {
                (tail, (offset - tail_start) as usize)
            } else {
                return Err(std::io::ErrorKind::Unsupported.into());
            };
            Ok(part[at..part.len().min(at + PROBE)].to_vec())
        })
        .unwrap_or(None)
    };
    Facts {
        size,
        head: first,
        pdf_problem,
    }
}

/// How much of each end of a file [`inspect_ends`] needs.
pub const ENDS: u64 = PDF_SCAN;

/// Search the first and last `PDF_SCAN` bytes (the whole of a smaller file).
fn scan_for(file: &mut File, size: u64, needle: &[u8]) -> std::io::Result<bool> {
    let ranges = if size <= 2 * PDF_SCAN {
        vec![(0, size)]
    } else {
        vec![(0, PDF_SCAN), (size - PDF_SCAN, PDF_SCAN)]
    };
    for (start, len) in ranges {
        file.seek(SeekFrom::Start(start))?;
        let mut bytes = Vec::with_capacity(len as usize);
        file.take(len).read_to_end(&mut bytes)?;
        if contains(&bytes, needle) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// SHA-256 of a whole file, streamed.
pub fn sha256_of(path: &Path) -> std::io::Result<[u8; 32]> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(hasher.finalize().into());
        }
        hasher.update(&buf[..n]);
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

/// How much of a PDF's end is searched for `%%EOF` and `startxref`.
const TAIL: u64 = 2048;
/// How much is read where `startxref` points.
const PROBE: usize = 32;

/// Header, `%%EOF` near the end (`tail`: the last `TAIL` bytes), and a
/// `startxref` that points at a cross-reference table or stream; `read_at`
/// gives up to `PROBE` bytes at an offset.
fn pdf_structure(
    head: &[u8],
    tail: &[u8],
    size: u64,
    read_at: impl FnOnce(u64) -> std::io::Result<Vec<u8>>,
) -> std::io::Result<Option<PdfProblem>> {
    if !head.starts_with(b"%PDF-") {
        return Ok(Some(PdfProblem::NoHeader));
    }
    if !contains(tail, b"%%EOF") {
        return Ok(Some(PdfProblem::NoEnd));
    }
    let Some(at) = memchr::memmem::rfind(tail, b"startxref") else {
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
    let probe = read_at(offset)?;
    let table = probe.starts_with(b"xref");
    let stream = {
        // "12 0 obj" — an object holding a cross-reference stream.
        let text = String::from_utf8_lossy(&probe);
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
    fn in_memory_and_streaming_agree() {
        let pdf = |body: &str| format!("%PDF-1.4\n{body}");
        let cases = [
            String::new(),
            "PNG".to_string(),
            pdf("1 0 obj\nxref\nstartxref\n9\n%%EOF\n"),
            pdf("xref\n0 1\nstartxref\n9\n%%EOF\n"),
            pdf("12 0 obj <<>>\nstartxref\n9\n%%EOF"),
            pdf("startxref\n999\n%%EOF"),
            pdf("startxref\nx\n%%EOF"),
            pdf("no end"),
            pdf("/Encrypt 3 0 R\n%%EOF"),
            format!("{}%%EOF", pdf(&"x".repeat(3000))),
            // Over twice PDF_SCAN: /Encrypt is looked for only near the ends.
            format!(
                "{}/Encrypt{}%%EOF",
                pdf(&"x".repeat(5 << 20)),
                "x".repeat(5 << 20)
            ),
            format!("{}/Encrypt%%EOF", pdf(&"x".repeat(9 << 20))),
        ];
        let dir = tempfile::tempdir().unwrap();
        for (i, bytes) in cases.iter().enumerate() {
            let path = dir.path().join(format!("{i}.pdf"));
            std::fs::write(&path, bytes).unwrap();
            for is_pdf in [true, false] {
                let size = bytes.len() as u64;
                let streamed = inspect_streaming(File::open(&path).unwrap(), size, is_pdf).unwrap();
                let memory = facts_of(bytes.as_bytes(), is_pdf);
                assert_eq!(
                    format!("{streamed:?}"),
                    format!("{memory:?}"),
                    "case {i}, pdf {is_pdf}"
                );
            }
        }
    }

    #[test]
    fn magic() {
        assert!(has_magic(b"%PDF-1.7", "25504446"));
        assert!(!has_magic(b"PK\x03\x04", "25504446"));
    }
}
