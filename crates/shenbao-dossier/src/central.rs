//! Sorting a finished ZIP's central directory by name. Entries are written in
//! the order that lets each attachment be read once; the central directory —
//! what every tool lists — is then put in name order in place. Only the
//! directory records move: offsets, sizes and the end records stay valid.

use std::io::{self, Read, Seek, SeekFrom, Write};

const EOCD: u32 = 0x0605_4b50;
const ZIP64_LOCATOR: u32 = 0x0706_4b50;
const ZIP64_EOCD: u32 = 0x0606_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;

fn u16_at(b: &[u8], i: usize) -> usize {
    u16::from_le_bytes([b[i], b[i + 1]]) as usize
}

fn u32_at(b: &[u8], i: usize) -> u64 {
    u64::from(u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]))
}

fn u64_at(b: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"))
}

fn bad(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_string())
}

/// Where the central directory is: (offset, size).
pub fn locate(file: &mut (impl Read + Seek)) -> io::Result<(u64, u64)> {
    let len = file.seek(SeekFrom::End(0))?;
    let tail_len = len.min(22 + 65_535 + 20);
    file.seek(SeekFrom::Start(len - tail_len))?;
    let mut tail = vec![0u8; tail_len as usize];
    file.read_exact(&mut tail)?;
    let eocd = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| u32_at(&tail, i) == u64::from(EOCD))
        .ok_or_else(|| bad("no end of central directory"))?;
    let mut size = u32_at(&tail, eocd + 12);
    let mut offset = u32_at(&tail, eocd + 16);
    if offset == 0xFFFF_FFFF || size == 0xFFFF_FFFF {
        // ZIP64: the locator sits just before the end record.
        let locator = eocd
            .checked_sub(20)
            .ok_or_else(|| bad("no ZIP64 locator"))?;
        if u32_at(&tail, locator) != u64::from(ZIP64_LOCATOR) {
            return Err(bad("no ZIP64 locator"));
        }
        let record_at = u64_at(&tail, locator + 8);
        file.seek(SeekFrom::Start(record_at))?;
        let mut record = [0u8; 56];
        file.read_exact(&mut record)?;
        if u32_at(&record, 0) != u64::from(ZIP64_EOCD) {
            return Err(bad("no ZIP64 end record"));
        }
        size = u64_at(&record, 40);
        offset = u64_at(&record, 48);
    }
    Ok((offset, size))
}

/// Rewrite the central directory with its records sorted by file name bytes.
pub fn sort_central_directory(file: &mut (impl Read + Write + Seek)) -> io::Result<()> {
    let (offset, size) = locate(file)?;
    file.seek(SeekFrom::Start(offset))?;
    let mut directory = vec![0u8; usize::try_from(size).map_err(|_| bad("directory too large"))?];
    file.read_exact(&mut directory)?;
    let mut records: Vec<&[u8]> = Vec::new();
    let mut at = 0;
    while at < directory.len() {
        if directory.len() - at < 46 || u32_at(&directory, at) != u64::from(CENTRAL_HEADER) {
            return Err(bad("malformed central directory"));
        }
        let len = 46
            + u16_at(&directory, at + 28)
            + u16_at(&directory, at + 30)
            + u16_at(&directory, at + 32);
        if at + len > directory.len() {
            return Err(bad("malformed central directory"));
        }
        records.push(&directory[at..at + len]);
        at += len;
    }
    let name = |r: &[u8]| r[46..46 + u16_at(r, 28)].to_vec();
    records.sort_by_key(|r| name(r));
    let sorted: Vec<u8> = records.concat();
    file.seek(SeekFrom::Start(offset))?;
    file.write_all(&sorted)?;
    Ok(())
}
