//! Signature files (`.minisig`): four lines.
//!
//! ```text
//! untrusted comment: <anything>
//! base64 of: signature algorithm "ED" (2) ‖ key id (8) ‖ Ed25519 signature (64)
//! trusted comment: <text>
//! base64 of: Ed25519 signature (64) of the signature (64) ‖ the trusted comment's text
//! ```
//!
//! With "ED" the first signature is over the BLAKE2b-512 hash of the data
//! (the prehash); the legacy "Ed" signs the data itself. shenbao writes "ED"
//! and, as it always has, accepts only that.
//!
//! Ed25519 here is RFC 8032's, which is deterministic: the same key and data
//! always give the same signature, and so the same dossier bytes.

use super::{
    alg, base64_decode, base64_encode, size, Fields, KeyId, Malformed, PublicKey, SecretKey,
    TRUSTED_PREFIX, UNTRUSTED_PREFIX,
};
use blake2::{Blake2b512, Digest};
use ed25519_dalek::Signer as _;
use shenbao_diagnostic::Text;

/// A signature file, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    prehashed: bool,
    key_id: KeyId,
    signature: ed25519_dalek::Signature,
    untrusted_comment: String,
    trusted_comment: String,
    global: ed25519_dalek::Signature,
}

impl Signature {
    /// Read a `.minisig` text. Lines end with LF or CRLF; lines after the
    /// fourth are ignored, as minisign ignores them.
    pub fn parse(text: &str) -> Result<Signature, Malformed> {
        let mut lines = text.lines();
        let mut line = |number: usize, prefix: Option<&str>| {
            let line = lines
                .next()
                .ok_or(Malformed::SignatureLine { line: number })?;
            match prefix {
                Some(prefix) => line
                    .strip_prefix(prefix)
                    .ok_or(Malformed::SignatureLine { line: number }),
                None => Ok(line),
            }
        };
        let untrusted_comment = line(1, Some(UNTRUSTED_PREFIX))?.to_string();
        let signed = base64_decode(line(2, None)?)?;
        let trusted_comment = line(3, Some(TRUSTED_PREFIX))?.to_string();
        let global = base64_decode(line(4, None)?)?;

        let wrong_length = |line| move |_| Malformed::SignatureLine { line };
        let mut fields = Fields::new(&signed);
        let algorithm = fields
            .take::<{ size::ALGORITHM }>()
            .map_err(wrong_length(2))?;
        let key_id = fields.take::<{ size::KEY_ID }>().map_err(wrong_length(2))?;
        let signature = fields
            .take::<{ size::SIGNATURE }>()
            .map_err(wrong_length(2))?;
        fields.end().map_err(wrong_length(2))?;
        let mut fields = Fields::new(&global);
        let global = fields
            .take::<{ size::SIGNATURE }>()
            .map_err(wrong_length(4))?;
        fields.end().map_err(wrong_length(4))?;

        let prehashed = match algorithm {
            alg::ED25519_PREHASHED => true,
            alg::ED25519 => false,
            other => {
                return Err(Malformed::Algorithm {
                    field: super::Field::Signature,
                    found: other,
                })
            }
        };
        Ok(Signature {
            prehashed,
            key_id: KeyId::from_bytes(key_id),
            signature: ed25519_dalek::Signature::from_bytes(&signature),
            untrusted_comment,
            trusted_comment,
            global: ed25519_dalek::Signature::from_bytes(&global),
        })
    }

    /// The `.minisig` text.
    pub fn to_text(&self) -> String {
        let mut signed = Vec::with_capacity(size::SIGNATURE_BLOB);
        signed.extend_from_slice(if self.prehashed {
            &alg::ED25519_PREHASHED
        } else {
            &alg::ED25519
        });
        signed.extend_from_slice(self.key_id.as_bytes());
        signed.extend_from_slice(&self.signature.to_bytes());
        format!(
            "{UNTRUSTED_PREFIX}{}\n{}\n{TRUSTED_PREFIX}{}\n{}\n",
            self.untrusted_comment,
            base64_encode(&signed),
            self.trusted_comment,
            base64_encode(&self.global.to_bytes())
        )
    }

    /// The key that made it.
    pub fn key_id(&self) -> KeyId {
        self.key_id
    }

    pub fn trusted_comment(&self) -> &str {
        &self.trusted_comment
    }

    /// Whether it signs the data's BLAKE2b-512 ("ED") rather than the data.
    pub fn is_prehashed(&self) -> bool {
        self.prehashed
    }

    /// What the global signature covers: the signature and the trusted comment.
    fn global_message(&self) -> Vec<u8> {
        let mut message = self.signature.to_bytes().to_vec();
        message.extend_from_slice(self.trusted_comment.as_bytes());
        message
    }
}

/// BLAKE2b-512 of data read in pieces: what an "ED" signature signs.
#[derive(Clone, Default)]
pub struct Prehash(Blake2b512);

impl Prehash {
    pub fn new() -> Prehash {
        Prehash::default()
    }

    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    pub fn finish(self) -> [u8; 64] {
        self.0.finalize().into()
    }

    fn of(data: &[u8]) -> [u8; 64] {
        let mut prehash = Prehash::new();
        prehash.update(data);
        prehash.finish()
    }
}

impl std::io::Write for Prehash {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A comment is one line of the file: a line break in it becomes a space.
fn one_line(comment: &str) -> String {
    comment.replace(['\r', '\n'], " ")
}

impl SecretKey {
    /// Sign `data` ("ED": its BLAKE2b-512), with a trusted comment that the
    /// global signature covers and an untrusted one that it does not.
    pub fn sign(&self, data: &[u8], trusted_comment: &str, untrusted_comment: &str) -> Signature {
        self.sign_prehashed(Prehash::of(data), trusted_comment, untrusted_comment)
    }

    /// Sign data whose [`Prehash`] is `prehash`.
    pub fn sign_prehashed(
        &self,
        prehash: [u8; 64],
        trusted_comment: &str,
        untrusted_comment: &str,
    ) -> Signature {
        let key = self.signing_key();
        let signature = key.sign(&prehash);
        let mut signed = Signature {
            prehashed: true,
            key_id: self.id(),
            signature,
            untrusted_comment: one_line(untrusted_comment),
            trusted_comment: one_line(trusted_comment),
            global: signature,
        };
        signed.global = key.sign(&signed.global_message());
        signed
    }
}

/// Why a signature does not verify, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VerifyError {
    /// Made with another key.
    OtherKey { signed_by: KeyId, key: KeyId },
    /// A legacy ("Ed") signature, which shenbao does not accept.
    Legacy,
    /// The signature does not match the data.
    Data,
    /// The trusted comment was changed after signing.
    TrustedComment,
}

impl VerifyError {
    pub fn text(&self) -> Text {
        match self {
            VerifyError::OtherKey { signed_by, key } => Text::new(
                format!("签名由密钥 {signed_by} 所签，不是 {key}"),
                format!("it was made with key {signed_by}, not {key}"),
            ),
            VerifyError::Legacy => Text::new(
                "这是旧式（未预先散列，“Ed”）的 minisign 签名；shenbao 只接受 minisign 默认的预散列签名（“ED”）",
                "it is a legacy (not prehashed, \"Ed\") minisign signature; shenbao accepts only minisign's default prehashed ones (\"ED\")",
            ),
            VerifyError::Data => Text::new(
                "签名与所签内容不符：内容在签名后被修改，或签名不是该密钥所签",
                "the signature does not match the data: it changed after signing, or another key signed it",
            ),
            VerifyError::TrustedComment => Text::new(
                "可信注释在签名后被修改",
                "the trusted comment was changed after signing",
            ),
        }
    }
}

impl std::fmt::Display for VerifyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for VerifyError {}

impl PublicKey {
    /// Check `signature` over `data` and over its trusted comment.
    pub fn verify(&self, data: &[u8], signature: &Signature) -> Result<(), VerifyError> {
        self.verify_prehashed(Prehash::of(data), signature)
    }

    /// Check `signature` over data whose [`Prehash`] is `prehash`.
    pub fn verify_prehashed(
        &self,
        prehash: [u8; 64],
        signature: &Signature,
    ) -> Result<(), VerifyError> {
        if signature.key_id != self.id() {
            return Err(VerifyError::OtherKey {
                signed_by: signature.key_id,
                key: self.id(),
            });
        }
        if !signature.prehashed {
            return Err(VerifyError::Legacy);
        }
        let key = self.verifying_key();
        key.verify_strict(&prehash, &signature.signature)
            .map_err(|_| VerifyError::Data)?;
        key.verify_strict(&signature.global_message(), &signature.global)
            .map_err(|_| VerifyError::TrustedComment)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> SecretKey {
        SecretKey::from_seed([1, 2, 3, 4, 5, 6, 7, 8], &[9; 32])
    }

    #[test]
    fn deterministic_and_verifiable() {
        let a = key().sign(b"tag manifest", "trusted", "untrusted");
        let b = key().sign(b"tag manifest", "trusted", "untrusted");
        assert_eq!(a.to_text(), b.to_text());
        let public = key().public();
        public.verify(b"tag manifest", &a).unwrap();
        assert_eq!(public.verify(b"tag manifesT", &a), Err(VerifyError::Data));
        assert_eq!(a.trusted_comment(), "trusted");
        let parsed = Signature::parse(&a.to_text()).unwrap();
        assert_eq!(parsed, a);
        assert!(parsed.is_prehashed());
        assert_eq!(parsed.to_text(), a.to_text());
    }

    #[test]
    fn streaming_and_whole_prehashes_agree() {
        let mut streamed = Prehash::new();
        std::io::Write::write_all(&mut streamed, b"tag ").unwrap();
        streamed.update(b"manifest");
        let signature = key().sign(b"tag manifest", "t", "u");
        key()
            .public()
            .verify_prehashed(streamed.finish(), &signature)
            .unwrap();
    }

    #[test]
    fn a_changed_trusted_comment_or_another_key_fails() {
        let text = key().sign(b"data", "shenbao dossier A", "u").to_text();
        let edited = Signature::parse(&text.replace("dossier A", "dossier B")).unwrap();
        assert_eq!(
            key().public().verify(b"data", &edited),
            Err(VerifyError::TrustedComment)
        );
        // The untrusted comment is not covered.
        let relabelled = Signature::parse(&text.replace(": u\n", ": anything\n")).unwrap();
        key().public().verify(b"data", &relabelled).unwrap();
        let other = SecretKey::from_seed([8; 8], &[1; 32]).public();
        assert!(matches!(
            other.verify(b"data", &edited),
            Err(VerifyError::OtherKey { .. })
        ));
    }

    #[test]
    fn line_breaks_in_comments_stay_on_their_line() {
        let signature = key().sign(b"d", "a\nb", "c\r\nd");
        let text = signature.to_text();
        assert_eq!(text.lines().count(), 4, "{text}");
        assert_eq!(signature.trusted_comment(), "a b");
        key()
            .public()
            .verify(b"d", &Signature::parse(&text).unwrap())
            .unwrap();
    }

    #[test]
    fn legacy_signatures_are_refused() {
        let mut legacy = key().sign(b"d", "t", "u");
        legacy.prehashed = false;
        let parsed = Signature::parse(&legacy.to_text()).unwrap();
        assert!(!parsed.is_prehashed());
        assert_eq!(
            key().public().verify(b"d", &parsed),
            Err(VerifyError::Legacy)
        );
    }

    #[test]
    fn malformed_signature_files_say_which_line() {
        let text = key().sign(b"d", "t", "u").to_text();
        let lines: Vec<&str> = text.lines().collect();
        let parse = |lines: &[&str]| Signature::parse(&lines.join("\n")).err();
        assert_eq!(
            parse(&lines[..3]),
            Some(Malformed::SignatureLine { line: 4 })
        );
        let mut no_prefix = lines.clone();
        no_prefix[0] = "a comment";
        assert_eq!(
            parse(&no_prefix),
            Some(Malformed::SignatureLine { line: 1 })
        );
        let mut no_trusted = lines.clone();
        no_trusted[2] = "trusted: t";
        assert_eq!(
            parse(&no_trusted),
            Some(Malformed::SignatureLine { line: 3 })
        );
        let mut short = lines.clone();
        let cut = &lines[1][..lines[1].len() - 4];
        short[1] = cut;
        assert_eq!(parse(&short), Some(Malformed::SignatureLine { line: 2 }));
        let mut garbled = lines.clone();
        garbled[3] = "#### not base64 ####";
        assert_eq!(parse(&garbled), Some(Malformed::NotBase64));
        let mut other = lines.clone();
        let unknown = base64_encode(&[b"Xy".as_slice(), &[0; 72]].concat());
        other[1] = &unknown;
        assert_eq!(
            parse(&other),
            Some(Malformed::Algorithm {
                field: super::super::Field::Signature,
                found: *b"Xy"
            })
        );
    }
}
