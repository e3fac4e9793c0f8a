//! The BagIt (RFC 8493) text files of a dossier, written and read back.

use shenbao_pdf::code::hex;

pub const BAGIT_TXT: &str = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
pub const MANIFEST: &str = "manifest-sha256.txt";
pub const TAG_MANIFEST: &str = "tagmanifest-sha256.txt";
pub const SIGNATURE: &str = "tagmanifest-sha256.txt.minisig";
pub const SIGNER_KEY: &str = "signer.pub";
pub const BAG_INFO: &str = "bag-info.txt";
pub const BAGIT: &str = "bagit.txt";
/// Every tag file of a shenbao bag, in the order they are checked.
pub const TAG_FILES: [&str; 6] = [
    BAGIT,
    BAG_INFO,
    MANIFEST,
    TAG_MANIFEST,
    SIGNATURE,
    SIGNER_KEY,
];
/// bag-info field saying what a bag is; absent in a dossier.
pub const KIND_FIELD: &str = "Shenbao-Kind";
/// Its value in a recommendation bundle.
pub const RECOMMENDATION: &str = "recommendation";
/// bag-info field of a bundle: the letter's 文号.
pub const REFERENCE_FIELD: &str = "Shenbao-Reference";
/// A bundle's list of forwarded dossiers, under `data/`: `<sha256>  <file
/// name>` lines, so `sha256sum -c` checks the dossiers beside it.
pub const FORWARDED: &str = "dossiers-sha256.txt";

/// `<hex>  <path>` lines, sorted by path bytes (RFC 8493 §2.1.3; two spaces,
/// as sha256sum writes, so `sha256sum -c` reads it too).
pub fn manifest(entries: &[(String, [u8; 32])]) -> String {
    let mut sorted: Vec<&(String, [u8; 32])> = entries.iter().collect();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    sorted
        .iter()
        .map(|(path, digest)| format!("{}  {path}\n", hex(digest)))
        .collect()
}

/// Parse a manifest: path → lowercase hex digest. `Err(line number)` on a
/// malformed line.
pub fn parse_manifest(text: &str) -> Result<Vec<(String, String)>, usize> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (digest, path) = line.split_once(char::is_whitespace).ok_or(i + 1)?;
        let path = path.trim_start();
        if digest.len() != 64 || !digest.bytes().all(|b| b.is_ascii_hexdigit()) || path.is_empty() {
            return Err(i + 1);
        }
        out.push((path.to_string(), digest.to_ascii_lowercase()));
    }
    Ok(out)
}

/// `Key: value` lines of bag-info.txt, values on one line each.
pub fn bag_info(fields: &[(&str, String)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{k}: {}\n", v.replace(['\r', '\n'], " ")))
        .collect()
}

pub fn parse_bag_info(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifests_round_trip_sorted() {
        let text = manifest(&[
            ("data/b".into(), [2; 32]),
            ("data/a 空格.pdf".into(), [1; 32]),
        ]);
        assert!(text.starts_with(&format!("{}  data/a 空格.pdf\n", "01".repeat(32))));
        let parsed = parse_manifest(&text).unwrap();
        assert_eq!(parsed[0].0, "data/a 空格.pdf");
        assert_eq!(parse_manifest("zz  data/x\n"), Err(1));
    }
}
