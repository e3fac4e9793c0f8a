//! The ZIP container in its canonical form: exactly what `shenbao package`
//! (package.rs, central.rs) writes, read from the raw bytes, field by field.
//! Anything else — another version, a flag, an attribute, an extra field, a
//! gap, a byte after the end record — is refused (Z031), so every accepted
//! dossier extracts to the same bytes with every standard tool. The fields
//! and why each is pinned are listed in docs/dossier-format.md ("What a
//! single-byte change does").

use std::io::{Read, Seek, SeekFrom};
use unicode_normalization::is_nfc;

const LOCAL: u32 = 0x0403_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;
/// 1980-01-01 00:00 in DOS form: the fixed time of every entry.
const DOS_DATE: u16 = 33;
const DOS_TIME: u16 = 0;
/// Regular file, rw-r--r--.
const EXTERNAL: u32 = 0o100_644 << 16;
/// Made by Unix (3).
const MADE_BY_UNIX: u16 = 3 << 8;
/// Language encoding flag (names are UTF-8): set exactly when a name is not ASCII.
const UTF8_FLAG: u16 = 0x0800;
/// A central directory larger than this is not ours (1,016 entries of short names).
const MAX_DIRECTORY: u64 = 4 * 1024 * 1024;

/// The first field that differs from the canonical form: which, and where.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Deviation {
    /// The field, e.g. "central directory: version needed".
    pub field: String,
    /// The entry's name, when the field belongs to one.
    pub entry: Option<String>,
}

fn dev(field: impl Into<String>, entry: Option<&str>) -> Deviation {
    Deviation {
        field: field.into(),
        entry: entry.map(str::to_string),
    }
}

fn u16_at(b: &[u8], i: usize) -> u16 {
    u16::from_le_bytes([b[i], b[i + 1]])
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

/// Text is deflated, everything else stored — as package.rs `method_for`
/// chooses (the byte-flip test packages real dossiers to keep them in step).
pub(crate) fn method_for(name: &str) -> u16 {
    let lower = name.to_ascii_lowercase();
    let text = [
        ".yaml", ".yml", ".txt", ".pub", ".minisig", ".csv", ".json", ".xml",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext));
    if text {
        8
    } else {
        0
    }
}

/// One central directory record, as read.
struct Record {
    name: Vec<u8>,
    shown: String,
    flags: u16,
    method: u16,
    version: u16,
    crc: u32,
    packed: u32,
    size: u32,
    offset: u32,
}

/// Check the container; `Err` names the first field out of canonical form.
pub(crate) fn check<R: Read + Seek>(reader: &mut R) -> Result<(), Deviation> {
    let io = |_| dev("the file cannot be read to its end", None);
    let len = reader.seek(SeekFrom::End(0)).map_err(io)?;
    if len < 22 {
        return Err(dev("end record: missing", None));
    }
    // The end record is the last 22 bytes: no comment, nothing after it.
    let mut end = [0u8; 22];
    reader.seek(SeekFrom::Start(len - 22)).map_err(io)?;
    reader.read_exact(&mut end).map_err(io)?;
    if u32_at(&end, 0) != END {
        return Err(dev(
            "end record: not the last 22 bytes (a comment or bytes after it)",
            None,
        ));
    }
    let (disk, cd_disk) = (u16_at(&end, 4), u16_at(&end, 6));
    let (here, total) = (u16_at(&end, 8), u16_at(&end, 10));
    let (cd_size, cd_offset) = (u64::from(u32_at(&end, 12)), u64::from(u32_at(&end, 16)));
    if disk != 0 || cd_disk != 0 {
        return Err(dev("end record: disk numbers", None));
    }
    if here != total {
        return Err(dev("end record: entries on this disk", None));
    }
    if u16_at(&end, 20) != 0 {
        return Err(dev("end record: comment length", None));
    }
    if cd_offset + cd_size != len - 22 {
        return Err(dev(
            "end record: central directory size or offset (it must end where the end record starts)",
            None,
        ));
    }
    if cd_size > MAX_DIRECTORY {
        return Err(dev("end record: central directory size", None));
    }
    let mut directory = vec![0u8; cd_size as usize];
    reader.seek(SeekFrom::Start(cd_offset)).map_err(io)?;
    reader.read_exact(&mut directory).map_err(io)?;
    let records = central_records(&directory, total)?;
    // Local headers tile the file from 0 to the central directory: no gaps,
    // no overlaps, nothing before the first.
    let mut by_offset: Vec<&Record> = records.iter().collect();
    by_offset.sort_by_key(|r| r.offset);
    let mut at = 0u64;
    for record in by_offset {
        let entry = Some(record.shown.as_str());
        if u64::from(record.offset) != at {
            return Err(dev(
                "central directory: local header offset (entries must follow each other without gaps)",
                entry,
            ));
        }
        let mut header = [0u8; 30];
        reader.seek(SeekFrom::Start(at)).map_err(io)?;
        reader
            .read_exact(&mut header)
            .map_err(|_| dev("local header: truncated", entry))?;
        let fields: [(&str, u64, u64); 11] = [
            (
                "local header: signature",
                u32_at(&header, 0).into(),
                LOCAL.into(),
            ),
            (
                "local header: version needed",
                u16_at(&header, 4).into(),
                record.version.into(),
            ),
            (
                "local header: flags",
                u16_at(&header, 6).into(),
                record.flags.into(),
            ),
            (
                "local header: compression method",
                u16_at(&header, 8).into(),
                record.method.into(),
            ),
            (
                "local header: time",
                u16_at(&header, 10).into(),
                DOS_TIME.into(),
            ),
            (
                "local header: date",
                u16_at(&header, 12).into(),
                DOS_DATE.into(),
            ),
            (
                "local header: CRC-32",
                u32_at(&header, 14).into(),
                record.crc.into(),
            ),
            (
                "local header: compressed size",
                u32_at(&header, 18).into(),
                record.packed.into(),
            ),
            (
                "local header: uncompressed size",
                u32_at(&header, 22).into(),
                record.size.into(),
            ),
            (
                "local header: name length",
                u16_at(&header, 26).into(),
                record.name.len() as u64,
            ),
            (
                "local header: extra field length",
                u16_at(&header, 28).into(),
                0,
            ),
        ];
        for (field, found, wanted) in fields {
            if found != wanted {
                return Err(dev(field, entry));
            }
        }
        let mut name = vec![0u8; record.name.len()];
        reader
            .read_exact(&mut name)
            .map_err(|_| dev("local header: truncated", entry))?;
        if name != record.name {
            return Err(dev("local header: name", entry));
        }
        at += 30 + name.len() as u64 + u64::from(record.packed);
    }
    if at != cd_offset {
        return Err(dev(
            "end record: central directory offset (it must follow the last entry)",
            None,
        ));
    }
    Ok(())
}

/// Parse and check every central directory record; they must be sorted by
/// name (strictly: no duplicates) and fill the directory exactly.
fn central_records(directory: &[u8], total: u16) -> Result<Vec<Record>, Deviation> {
    let mut records: Vec<Record> = Vec::new();
    let mut at = 0;
    while at < directory.len() {
        if directory.len() - at < 46 || u32_at(directory, at) != CENTRAL {
            return Err(dev("central directory: record signature", None));
        }
        let r = &directory[at..];
        let (name_len, extra_len, comment_len) = (
            usize::from(u16_at(r, 28)),
            usize::from(u16_at(r, 30)),
            usize::from(u16_at(r, 32)),
        );
        if 46 + name_len > r.len() {
            return Err(dev("central directory: name length", None));
        }
        let name = r[46..46 + name_len].to_vec();
        let text = std::str::from_utf8(&name).ok();
        let shown = String::from_utf8_lossy(&name).escape_debug().to_string();
        let entry = Some(shown.as_str());
        let Some(text) = text else {
            return Err(dev("central directory: name (not UTF-8)", entry));
        };
        let version = if method_for(text) == 8 { 20 } else { 10 };
        let flags = if text.is_ascii() { 0 } else { UTF8_FLAG };
        let (packed, size) = (u32_at(r, 20), u32_at(r, 24));
        let fields: [(&str, u64, u64); 12] = [
            (
                "central directory: version made by",
                u16_at(r, 4).into(),
                (MADE_BY_UNIX | version).into(),
            ),
            (
                "central directory: version needed",
                u16_at(r, 6).into(),
                version.into(),
            ),
            (
                "central directory: flags",
                u16_at(r, 8).into(),
                flags.into(),
            ),
            (
                "central directory: compression method",
                u16_at(r, 10).into(),
                method_for(text).into(),
            ),
            (
                "central directory: time",
                u16_at(r, 12).into(),
                DOS_TIME.into(),
            ),
            (
                "central directory: date",
                u16_at(r, 14).into(),
                DOS_DATE.into(),
            ),
            ("central directory: extra field length", extra_len as u64, 0),
            ("central directory: comment length", comment_len as u64, 0),
            ("central directory: disk number", u16_at(r, 34).into(), 0),
            (
                "central directory: internal attributes",
                u16_at(r, 36).into(),
                0,
            ),
            (
                "central directory: external attributes (mode)",
                u32_at(r, 38).into(),
                EXTERNAL.into(),
            ),
            // Stored entries are their own size.
            (
                "central directory: compressed size",
                packed.into(),
                if method_for(text) == 0 {
                    size.into()
                } else {
                    packed.into()
                },
            ),
        ];
        for (field, found, wanted) in fields {
            if found != wanted {
                return Err(dev(field, entry));
            }
        }
        if text.ends_with('/') {
            return Err(dev("central directory: a folder entry", entry));
        }
        if !is_nfc(text) {
            return Err(dev("central directory: name (not in Unicode NFC)", entry));
        }
        if let Some(previous) = records.last() {
            if previous.name >= name {
                return Err(dev(
                    "central directory: order (records are sorted by name, each once)",
                    entry,
                ));
            }
        }
        records.push(Record {
            flags,
            method: method_for(text),
            version,
            crc: u32_at(r, 16),
            packed,
            size,
            offset: u32_at(r, 42),
            name,
            shown,
        });
        at += 46 + name_len;
    }
    if records.len() != usize::from(total) {
        return Err(dev("end record: number of entries", None));
    }
    Ok(records)
}
