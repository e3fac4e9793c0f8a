//! The verification code printed on every page of the form and as a QR code on
//! the cover: it ties the sealed paper to the exact electronic files.
//!
//! Derivation (docs/form.md): the SHA-256 of this text, UTF-8, lines ending
//! in `\n`:
//!
//! ```text
//! shenbao-form-code-v1
//! declaration <sha256 hex of the shenbao.yaml bytes>
//! attachment <sha256 hex> <path as written>     (one line each, sorted by path)
//! ```
//!
//! The code is defined over the content alone, not the container: `form`
//! and the form inside a signed dossier print the same code for the same
//! declaration and attachments, so an office can check either paper against
//! the dossier. (Which key signed is `verify --trusted-key`'s question.)
//!
//! The printed code is the first 60 bits of that digest in Crockford base32
//! (no I, L, O, U), grouped `XXXX-XXXX-XXXX`; the QR code carries
//! `shenbao:form:v1:<full digest hex>`.

use sha2::{Digest, Sha256};

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// What the code is computed from.
pub struct CodeInput<'a> {
    pub declaration_sha256: [u8; 32],
    /// (path as written, sha256) of every attachment.
    pub attachments: Vec<(&'a str, [u8; 32])>,
}

/// The full digest and its printed form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerificationCode {
    pub digest: [u8; 32],
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl VerificationCode {
    pub fn compute(input: &CodeInput) -> VerificationCode {
        VerificationCode {
            digest: Sha256::digest(manifest(input).as_bytes()).into(),
        }
    }

    /// `XXXX-XXXX-XXXX`: 60 bits, Crockford base32.
    pub fn short(&self) -> String {
        let bits = u64::from_be_bytes(self.digest[..8].try_into().expect("8 bytes")) >> 4;
        let chars: Vec<char> = (0..12)
            .map(|i| CROCKFORD[((bits >> (55 - 5 * i)) & 31) as usize] as char)
            .collect();
        format!(
            "{}-{}-{}",
            chars[..4].iter().collect::<String>(),
            chars[4..8].iter().collect::<String>(),
            chars[8..].iter().collect::<String>()
        )
    }

    /// What the cover's QR code says.
    pub fn qr_payload(&self) -> String {
        format!("shenbao:form:v1:{}", hex(&self.digest))
    }
}

/// What a recommendation letter's code is computed from.
pub struct LetterCodeInput<'a> {
    pub office: &'a str,
    /// The letter's date, `YYYY-MM-DD`.
    pub date: &'a str,
    /// The 文号, empty when the letter has none.
    pub reference: &'a str,
    /// `dossiers-sha256.txt`, byte for byte.
    pub list: &'a str,
    /// The office's key id.
    pub signer: &'a str,
}

/// The code printed on every page of the letter: it ties the sealed paper to
/// its office, date, 文号, list of dossiers and the key that signed it
/// (docs/dossier-format.md, "The recommendation bundle").
pub fn letter_code(input: &LetterCodeInput) -> VerificationCode {
    let text = format!(
        "shenbao-letter-code-v1\noffice {}\ndate {}\nreference {}\n{}signer {}\n",
        input.office, input.date, input.reference, input.list, input.signer
    );
    VerificationCode {
        digest: Sha256::digest(text.as_bytes()).into(),
    }
}

/// The text whose digest is the code.
pub fn manifest(input: &CodeInput) -> String {
    let mut text = String::from("shenbao-form-code-v1\n");
    text.push_str(&format!("declaration {}\n", hex(&input.declaration_sha256)));
    let mut attachments = input.attachments.clone();
    attachments.sort_by(|a, b| a.0.cmp(b.0));
    for (path, digest) in attachments {
        text.push_str(&format!("attachment {} {path}\n", hex(&digest)));
    }
    text
}

/// Normalise a code typed by a person: case, separators, and the letters
/// Crockford base32 reads as digits (I, L → 1; O → 0).
pub fn normalise(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| match c.to_ascii_uppercase() {
            'I' | 'L' => '1',
            'O' => '0',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> CodeInput<'static> {
        CodeInput {
            declaration_sha256: Sha256::digest(b"schema: 1\n").into(),
            attachments: vec![("b.pdf", [2; 32]), ("a.pdf", [1; 32])],
        }
    }

    #[test]
    fn manifest_is_sorted_and_code_is_stable() {
        let text = manifest(&input());
        assert!(text.find("a.pdf").unwrap() < text.find("b.pdf").unwrap());
        let code = VerificationCode::compute(&input());
        // Golden value: changing the derivation must be a deliberate, documented act.
        assert_eq!(code.short(), "RKJP-FMMP-36H0");
        assert_eq!(code.short().len(), 14);
        assert!(code
            .short()
            .chars()
            .all(|c| c == '-' || CROCKFORD.contains(&(c as u8))));
        assert_eq!(
            normalise(&code.short().to_lowercase()),
            code.short().replace('-', "")
        );
    }

    #[test]
    fn any_change_changes_the_code() {
        let base = VerificationCode::compute(&input()).short();
        let mut other = input();
        other.attachments[0].1[0] = 9;
        assert_ne!(VerificationCode::compute(&other).short(), base);
        let mut renamed = input();
        renamed.attachments[0].0 = "c.pdf";
        assert_ne!(VerificationCode::compute(&renamed).short(), base);
    }
}
