//! The SHA-256 of a dossier's ZIP file, computed from the reads that
//! verifying it makes anyway, so that intake reads each byte of a dossier
//! once instead of verifying it and then hashing the file again.
//!
//! [`HashingReader`] passes reads and seeks through and keeps the SHA-256 of
//! the file's first `hashed` bytes. A read that starts at or before `hashed`
//! and ends after it extends the digest. A read that starts a little after
//! it (at most [`FILL_GAP`] bytes: a small entry skipped, a local header)
//! hashes the gap first. A read further on (the central directory, read first,
//! at the end of the file) is passed through unhashed; the reads that follow
//! in file order catch up with it, and [`HashingReader::finish`] reads what
//! is left. The digest is that of the whole file whatever the order of reads.

use sha2::{Digest, Sha256};
use std::io::{self, Read, Seek, SeekFrom};

/// Gaps up to this many bytes before a read are hashed on the spot.
const FILL_GAP: u64 = 64 * 1024;

pub struct HashingReader<R> {
    inner: R,
    /// Where `inner` is.
    pos: u64,
    /// The digest covers bytes `0..hashed`.
    hashed: u64,
    hasher: Sha256,
    /// Bytes read from `inner` in all.
    read: u64,
}

impl<R: Read + Seek> HashingReader<R> {
    pub fn new(inner: R) -> Self {
        HashingReader {
            inner,
            pos: 0,
            hashed: 0,
            hasher: Sha256::new(),
            read: 0,
        }
    }

    /// Bytes read from the underlying reader so far.
    pub fn bytes_read(&self) -> u64 {
        self.read
    }

    /// Hash `hashed..upto`, then put `inner` back where it was.
    fn fill_gap(&mut self, upto: u64) -> io::Result<()> {
        self.inner.seek(SeekFrom::Start(self.hashed))?;
        let mut buf = vec![0u8; (upto - self.hashed).min(FILL_GAP) as usize];
        while self.hashed < upto {
            let want = buf.len().min((upto - self.hashed) as usize);
            let n = self.inner.read(&mut buf[..want])?;
            if n == 0 {
                break;
            }
            self.read += n as u64;
            self.hasher.update(&buf[..n]);
            self.hashed += n as u64;
        }
        self.inner.seek(SeekFrom::Start(self.pos))?;
        Ok(())
    }

    /// Read the rest of the file and return the SHA-256 of all of it.
    pub fn finish(mut self) -> io::Result<[u8; 32]> {
        self.pos = self.inner.seek(SeekFrom::Start(self.hashed))?;
        let mut buf = vec![0u8; 256 * 1024];
        while self.read(&mut buf)? > 0 {}
        Ok(self.hasher.finalize().into())
    }
}

impl<R: Read + Seek> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos > self.hashed && self.pos - self.hashed <= FILL_GAP {
            self.fill_gap(self.pos)?;
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        let end = self.pos + n as u64;
        if self.pos <= self.hashed && end > self.hashed {
            let skip = (self.hashed - self.pos) as usize;
            self.hasher.update(&buf[skip..n]);
            self.hashed = end;
        }
        self.pos = end;
        Ok(n)
    }
}

impl<R: Read + Seek> Seek for HashingReader<R> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        self.pos = self.inner.seek(to)?;
        Ok(self.pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn bytes(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i * 7 + i / 251) as u8).collect()
    }

    fn read_at(reader: &mut HashingReader<Cursor<Vec<u8>>>, at: u64, len: usize) -> Vec<u8> {
        reader.seek(SeekFrom::Start(at)).unwrap();
        let mut out = vec![0u8; len];
        reader.read_exact(&mut out).unwrap();
        out
    }

    #[test]
    fn sequential_reads_hash_each_byte_once() {
        let data = bytes(1_000_000);
        let mut reader = HashingReader::new(Cursor::new(data.clone()));
        let mut sink = Vec::new();
        reader.read_to_end(&mut sink).unwrap();
        assert_eq!(sink, data);
        assert_eq!(reader.bytes_read(), 1_000_000);
        let digest = reader.finish().unwrap();
        assert_eq!(digest, <[u8; 32]>::from(Sha256::digest(&data)));
    }

    #[test]
    fn reads_in_any_order_give_the_whole_files_digest() {
        let data = bytes(700_000);
        let expected: [u8; 32] = Sha256::digest(&data).into();
        // the end first (a central directory), small gaps, a large gap,
        // reads behind what is hashed, overlapping reads
        let orders: [&[(u64, usize)]; 4] = [
            &[
                (690_000, 10_000),
                (0, 30),
                (100, 200),
                (40_000, 5),
                (39_000, 2_000),
            ],
            &[(500_000, 1), (300_000, 400_000)],
            &[(10, 10), (5, 100), (0, 700_000), (0, 1)],
            &[],
        ];
        for order in orders {
            let mut reader = HashingReader::new(Cursor::new(data.clone()));
            for &(at, len) in order {
                let got = read_at(&mut reader, at, len);
                assert_eq!(got, data[at as usize..at as usize + len], "{order:?}");
            }
            assert_eq!(reader.finish().unwrap(), expected, "{order:?}");
        }
    }

    #[test]
    fn small_gaps_are_filled_and_reading_goes_on_from_the_same_place() {
        let data = bytes(200_000);
        let mut reader = HashingReader::new(Cursor::new(data.clone()));
        read_at(&mut reader, 0, 100);
        // 1,000 bytes skipped: hashed on the spot, and the read still
        // returns the bytes asked for
        assert_eq!(read_at(&mut reader, 1_100, 50), data[1_100..1_150]);
        assert_eq!(reader.hashed, 1_150);
        // a gap larger than FILL_GAP is left for later
        read_at(&mut reader, 150_000, 10);
        assert_eq!(reader.hashed, 1_150);
        let mut rest = Vec::new();
        reader.seek(SeekFrom::Start(1_150)).unwrap();
        reader.read_to_end(&mut rest).unwrap();
        assert_eq!(rest, data[1_150..]);
        assert_eq!(reader.hashed, 200_000);
        assert_eq!(
            reader.bytes_read(),
            100 + 1_000 + 50 + 10 + (200_000 - 1_150)
        );
    }

    /// A dossier-like ZIP: small deflated tag files around large stored ones.
    fn zip_file() -> Vec<u8> {
        use zip::write::{SimpleFileOptions, ZipWriter};
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let deflated = SimpleFileOptions::default();
        let stored = deflated.compression_method(zip::CompressionMethod::Stored);
        for (name, len, options) in [
            ("bag/bag-info.txt", 600, deflated),
            ("bag/bagit.txt", 50, deflated),
            ("bag/data/a.pdf", 2_000_000, stored),
            ("bag/data/b.jpg", 1_500_000, stored),
            ("bag/manifest-sha256.txt", 800, deflated),
            ("bag/tagmanifest-sha256.txt", 250, deflated),
        ] {
            zip.start_file(name, options).unwrap();
            std::io::Write::write_all(&mut zip, &bytes(len)).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn verifying_a_zip_reads_it_about_once() {
        let data = zip_file();
        let mut reader = HashingReader::new(Cursor::new(data.clone()));
        {
            // what verify does: the directory, every local header, the tag
            // files (out of order), then the payload in order
            let mut archive = zip::ZipArchive::new(&mut reader).unwrap();
            archive.validate_header_consistency().unwrap();
            for index in [1, 0, 4, 5, 2, 3] {
                std::io::copy(&mut archive.by_index(index).unwrap(), &mut std::io::sink()).unwrap();
            }
        }
        let read = reader.bytes_read();
        assert_eq!(
            reader.finish().unwrap(),
            <[u8; 32]>::from(Sha256::digest(&data))
        );
        let len = data.len() as u64;
        assert!(read < len + len / 20, "{read} bytes read for {len}");
    }

    #[test]
    fn a_seek_past_the_end_still_gives_the_files_digest() {
        let data = bytes(5_000);
        let mut reader = HashingReader::new(Cursor::new(data.clone()));
        reader.seek(SeekFrom::Start(6_000)).unwrap();
        let mut buf = [0u8; 16];
        assert_eq!(reader.read(&mut buf).unwrap(), 0);
        assert_eq!(
            reader.finish().unwrap(),
            <[u8; 32]>::from(Sha256::digest(&data))
        );
    }
}
