//! minisign's three file formats, read and written as minisign documents them
//! (summarised in docs/dossier-format.md, "Keys and signatures"), on
//! ed25519-dalek, blake2 and scrypt: public keys, secret keys (plain or scrypt-encrypted), and
//! signatures. This is the only signature code shenbao has.
//!
//! Every decoded blob is read field by field through [`Fields`], which checks
//! each field's length and that nothing is left over: no code indexes into
//! another structure's bytes.

mod key;
mod signature;

pub use key::{parse_key, KeyId, KeyText, OpenError, PublicKey, SealedSecretKey, SecretKey};
pub use signature::{Prehash, Signature, VerifyError};

use base64::Engine as _;
use shenbao_diagnostic::Text;

/// The first line of every minisign file starts with this.
const UNTRUSTED_PREFIX: &str = "untrusted comment: ";
/// The third line of a signature file starts with this.
const TRUSTED_PREFIX: &str = "trusted comment: ";

/// The size of each field, in bytes, and of the blobs they make up.
pub(crate) mod size {
    pub const ALGORITHM: usize = 2;
    pub const KEY_ID: usize = 8;
    pub const PUBLIC_KEY: usize = 32;
    /// An Ed25519 secret key as libsodium stores it: seed ‖ public key.
    pub const SEED: usize = 32;
    pub const SECRET_KEY: usize = SEED + PUBLIC_KEY;
    pub const CHECKSUM: usize = 32;
    pub const SALT: usize = 32;
    pub const LIMIT: usize = 8;
    pub const SIGNATURE: usize = 64;
    /// The part of a secret key that a password encrypts.
    pub const SEALED: usize = KEY_ID + SECRET_KEY + CHECKSUM;
    pub const PUBLIC_BLOB: usize = ALGORITHM + KEY_ID + PUBLIC_KEY;
    pub const SECRET_BLOB: usize = 3 * ALGORITHM + SALT + 2 * LIMIT + SEALED;
    pub const SIGNATURE_BLOB: usize = ALGORITHM + KEY_ID + SIGNATURE;
}

/// Algorithm ids, each two bytes at the head of a blob or field.
pub(crate) mod alg {
    /// A key, or a signature over the message itself (legacy): Ed25519.
    pub const ED25519: [u8; 2] = *b"Ed";
    /// A signature over the BLAKE2b-512 hash of the message.
    pub const ED25519_PREHASHED: [u8; 2] = *b"ED";
    /// A secret key encrypted with a key derived by scrypt.
    pub const KDF_SCRYPT: [u8; 2] = *b"Sc";
    /// A secret key stored in the clear.
    pub const KDF_NONE: [u8; 2] = [0, 0];
    /// The secret key's checksum: BLAKE2b with a 32-byte output.
    pub const CHECKSUM_BLAKE2B: [u8; 2] = *b"B2";
}

/// What makes a text not a usable minisign key or signature, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Malformed {
    /// Not UTF-8 text.
    NotText,
    /// Larger than any key file (the limit, in bytes).
    TooLarge { limit: u64 },
    /// No line with the base64 data.
    NoData,
    /// A line that should be base64 is not.
    NotBase64,
    /// The decoded data has the wrong length for any known structure.
    Length { found: usize },
    /// A signature where a key was expected.
    IsSignature,
    /// A secret key where only a public key is read.
    IsSecretKey,
    /// An algorithm id this format does not know.
    Algorithm { field: Field, found: [u8; 2] },
    /// The 32 bytes of a public key are not a point of Ed25519.
    NotAPoint,
    /// scrypt parameters beyond what minisign writes.
    KdfLimits,
    /// A plain secret key whose checksum does not match.
    Checksum,
    /// The secret key and the public key stored with it differ.
    HalvesDiffer,
    /// A signature file line is missing or lacks its prefix.
    SignatureLine { line: usize },
}

/// The field whose algorithm id is unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Signature,
    Kdf,
    Checksum,
}

impl Malformed {
    /// Why, in both languages, as a clause after the file's name.
    pub fn text(&self) -> Text {
        match self {
            Malformed::NotText => Text::new("不是文本文件", "it is not a text file"),
            Malformed::TooLarge { limit } => Text::new(
                format!("文件超过 {limit} 字节，不可能是密钥"),
                format!("it is larger than {limit} bytes, far too large for a key"),
            ),
            Malformed::NoData => Text::new(
                "其中没有 base64 编码的密钥行",
                "it has no base64 line holding a key",
            ),
            Malformed::NotBase64 => Text::new(
                "密钥行不是有效的 base64 编码（可能被截断或改动）",
                "its key line is not valid base64 (cut short or edited)",
            ),
            Malformed::Length { found } => Text::new(
                format!(
                    "解码后为 {found} 字节；minisign 公钥为 {} 字节，秘密密钥为 {} 字节",
                    size::PUBLIC_BLOB,
                    size::SECRET_BLOB
                ),
                format!(
                    "it decodes to {found} bytes; a minisign public key has {}, a secret key {}",
                    size::PUBLIC_BLOB,
                    size::SECRET_BLOB
                ),
            ),
            Malformed::IsSignature => Text::new(
                "这是签名文件（.minisig），不是密钥",
                "it is a signature (.minisig), not a key",
            ),
            Malformed::IsSecretKey => Text::new(
                "这是秘密密钥（.key），不是公钥",
                "it is a secret key (.key), not a public key",
            ),
            Malformed::Algorithm { field, found } => {
                let (zh, en) = match field {
                    Field::Signature => ("签名算法", "signature algorithm"),
                    Field::Kdf => ("密钥加密算法", "key encryption algorithm"),
                    Field::Checksum => ("校验算法", "checksum algorithm"),
                };
                let shown = found.escape_ascii().to_string();
                Text::new(
                    format!("{zh}标识 `{shown}` 不是 minisign 使用的"),
                    format!("its {en} id `{shown}` is not one minisign uses"),
                )
            }
            Malformed::NotAPoint => Text::new(
                "其中的公钥不是有效的 Ed25519 公钥",
                "the public key in it is not a valid Ed25519 key",
            ),
            Malformed::KdfLimits => Text::new(
                "其 scrypt 参数超出 minisign 的范围",
                "its scrypt parameters are beyond those minisign writes",
            ),
            Malformed::Checksum => Text::new(
                "未加密的秘密密钥校验和不符（文件已损坏）",
                "the unencrypted secret key fails its checksum (the file is damaged)",
            ),
            Malformed::HalvesDiffer => Text::new(
                "秘密密钥与其中保存的公钥不匹配（文件已损坏）",
                "the secret key does not match the public key stored with it (the file is damaged)",
            ),
            Malformed::SignatureLine { line } => Text::new(
                format!("签名文件第 {line} 行缺失或格式不对"),
                format!("line {line} of the signature file is missing or malformed"),
            ),
        }
    }
}

impl std::fmt::Display for Malformed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for Malformed {}

/// minisign writes standard base64 with padding.
fn base64_decode(line: &str) -> Result<Vec<u8>, Malformed> {
    base64::engine::general_purpose::STANDARD
        .decode(line.trim())
        .map_err(|_| Malformed::NotBase64)
}

fn base64_encode(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A decoded blob, read one named field at a time. A field longer than what
/// is left, or bytes left over at the end, make the blob malformed.
struct Fields<'a> {
    rest: &'a [u8],
    total: usize,
}

impl<'a> Fields<'a> {
    fn new(bytes: &'a [u8]) -> Fields<'a> {
        Fields {
            rest: bytes,
            total: bytes.len(),
        }
    }

    /// The next `N` bytes.
    fn take<const N: usize>(&mut self) -> Result<[u8; N], Malformed> {
        let Some((head, rest)) = self.rest.split_first_chunk::<N>() else {
            return Err(Malformed::Length { found: self.total });
        };
        self.rest = rest;
        Ok(*head)
    }

    /// The next 8 bytes as a little-endian number.
    fn u64_le(&mut self) -> Result<u64, Malformed> {
        self.take::<8>().map(u64::from_le_bytes)
    }

    /// Everything is read.
    fn end(self) -> Result<(), Malformed> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(Malformed::Length { found: self.total })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_check_lengths() {
        let bytes = [1u8, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        let mut fields = Fields::new(&bytes);
        assert_eq!(fields.take::<2>().unwrap(), [1, 2]);
        assert_eq!(
            fields.u64_le().unwrap(),
            u64::from_le_bytes([3, 4, 5, 6, 7, 8, 9, 10])
        );
        fields.end().unwrap();

        let mut short = Fields::new(&bytes[..5]);
        short.take::<2>().unwrap();
        assert_eq!(short.take::<4>(), Err(Malformed::Length { found: 5 }));

        let mut long = Fields::new(&bytes);
        long.take::<9>().unwrap();
        assert_eq!(long.end(), Err(Malformed::Length { found: 10 }));
    }

    /// Files made by the minisign CLI and by shenbao before this module
    /// (testdata/README.md says how).
    fn fixture(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/minisign/testdata")
            .join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn secret(name: &str, password: &str) -> Result<SecretKey, OpenError> {
        match parse_key(&fixture(name)).unwrap() {
            KeyText::Secret(sealed) => sealed.open(password.as_bytes()),
            KeyText::Public(_) => panic!("{name} is a public key"),
        }
    }

    #[test]
    fn the_signature_shenbao_wrote_before_is_reproduced_byte_for_byte() {
        let key = secret("shenbao-plain.key", "").unwrap();
        let expected = fixture("tagmanifest-sha256.txt.minisig");
        let trusted = Signature::parse(&expected).unwrap();
        let signature = key.sign(
            fixture("tagmanifest-sha256.txt").as_bytes(),
            trusted.trusted_comment(),
            "shenbao dossier signature",
        );
        assert_eq!(signature.to_text(), expected);
        // And the key files are written as they were.
        assert_eq!(key.public().to_text(), fixture("shenbao-plain.pub"));
        assert_eq!(
            key.to_text(&format!("shenbao secret key {}", key.id()), None)
                .unwrap(),
            fixture("shenbao-plain.key")
        );
    }

    #[test]
    fn an_encrypted_key_from_shenbao_keygen_opens_with_its_password() {
        let key = secret("shenbao-encrypted.key", "pw-测试").unwrap();
        assert_eq!(
            key.public(),
            PublicKey::parse(&fixture("shenbao-encrypted.pub")).unwrap()
        );
        assert_eq!(
            secret("shenbao-encrypted.key", "pw-测").unwrap_err(),
            OpenError::WrongPassword
        );
    }

    #[test]
    fn keys_made_by_the_minisign_cli_open() {
        // Unencrypted: the CLI leaves the checksum as zeros.
        let plain = secret("minisign-cli-plain.key", "").unwrap();
        assert_eq!(
            plain.public(),
            PublicKey::parse(&fixture("minisign-cli-plain.pub")).unwrap()
        );
        // Encrypted with the CLI's own scrypt limits (N = 2^20).
        let encrypted = secret("minisign-cli-encrypted.key", "correct horse 电池").unwrap();
        let public = PublicKey::parse(&fixture("minisign-cli-encrypted.pub")).unwrap();
        assert_eq!(encrypted.public(), public);
        assert_eq!(public.id().to_string(), "4B43EC7F3637CFF1");
        // (A wrong password is tested on shenbao's keys: each derivation with
        // the CLI's limits takes seconds.)
    }

    #[test]
    fn signatures_made_by_the_minisign_cli_verify() {
        let data = fixture("tagmanifest-sha256.txt");
        let public = PublicKey::parse(&fixture("minisign-cli-encrypted.pub")).unwrap();
        let signature = Signature::parse(&fixture("minisign-cli.minisig")).unwrap();
        public.verify(data.as_bytes(), &signature).unwrap();
        assert_eq!(signature.trusted_comment(), "signed by the minisign CLI");
        assert_eq!(signature.to_text(), fixture("minisign-cli.minisig"));
        let legacy = Signature::parse(&fixture("minisign-cli-legacy.minisig")).unwrap();
        let plain = PublicKey::parse(&fixture("minisign-cli-plain.pub")).unwrap();
        assert_eq!(
            plain.verify(data.as_bytes(), &legacy),
            Err(VerifyError::Legacy)
        );
        // The dossier's own signature, made by shenbao before this module.
        let ours = Signature::parse(&fixture("tagmanifest-sha256.txt.minisig")).unwrap();
        PublicKey::parse(&fixture("shenbao-plain.pub"))
            .unwrap()
            .verify(data.as_bytes(), &ours)
            .unwrap();
    }

    #[test]
    fn every_reason_has_words_in_both_languages() {
        let all = [
            Malformed::NotText,
            Malformed::TooLarge { limit: 4096 },
            Malformed::NoData,
            Malformed::NotBase64,
            Malformed::Length { found: 3 },
            Malformed::IsSignature,
            Malformed::IsSecretKey,
            Malformed::Algorithm {
                field: Field::Kdf,
                found: *b"Xy",
            },
            Malformed::NotAPoint,
            Malformed::KdfLimits,
            Malformed::Checksum,
            Malformed::HalvesDiffer,
            Malformed::SignatureLine { line: 3 },
        ];
        for reason in all {
            let text = reason.text();
            assert!(
                text.zh
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{reason:?}"
            );
            assert!(!text.en.is_empty() && text.en.is_ascii(), "{reason:?}");
        }
    }
}
