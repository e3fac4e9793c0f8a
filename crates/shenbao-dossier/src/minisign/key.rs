//! Key files: the public key (`.pub`) and the secret key (`.key`).
//!
//! A public key file is an untrusted comment line, then the base64 of
//!
//! ```text
//! signature algorithm "Ed" (2) ‖ key id (8) ‖ Ed25519 public key (32)
//! ```
//!
//! A secret key file is an untrusted comment line, then the base64 of
//!
//! ```text
//! signature algorithm "Ed" (2) ‖ KDF algorithm "Sc" or 0x0000 (2) ‖
//! checksum algorithm "B2" (2) ‖ KDF salt (32) ‖ KDF opslimit (8, LE) ‖
//! KDF memlimit (8, LE) ‖ key id (8) ‖ secret key (64) ‖ checksum (32)
//! ```
//!
//! The secret key is libsodium's: seed (32) ‖ public key (32). The checksum is
//! BLAKE2b with a 32-byte output over signature algorithm ‖ key id ‖ secret
//! key. When the KDF is scrypt, the last 104 bytes (key id, secret key,
//! checksum) are XORed with 104 bytes that scrypt derives from the password
//! and the salt, so a wrong password shows as a checksum that does not match.
//! The minisign CLI leaves the checksum of an unencrypted key as zeros.

use super::{alg, base64_decode, base64_encode, size, Fields, Malformed, UNTRUSTED_PREFIX};
use blake2::digest::consts::U32;
use blake2::{Blake2b, Digest};
use ed25519_dalek::{SigningKey, VerifyingKey};
use zeroize::Zeroizing;

/// The scrypt limits shenbao writes into an encrypted key: N = 2^15, r = 8,
/// p = 1 (32 MiB), as shenbao's keys have always had. The minisign CLI writes
/// larger ones (N = 2^20, 1 GiB) and reads these.
const WRITE_OPSLIMIT: u64 = 1 << 20;
const WRITE_MEMLIMIT: u64 = 1 << 25;
/// The most a key file may ask of scrypt: N up to 2^20 (1 GiB with r = 8),
/// the minisign CLI's default, and p × N up to twice its work.
const MAX_LOG_N: u8 = 20;
const MAX_WORK: u64 = 1 << 21;
/// scrypt's block size parameter; libsodium fixes it at 8.
const SCRYPT_R: u64 = 8;

/// A key's 8-byte number, shown as 16 hex digits of its little-endian value
/// (as minisign prints it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeyId([u8; size::KEY_ID]);

impl std::fmt::Display for KeyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:016X}", u64::from_le_bytes(self.0))
    }
}

impl KeyId {
    pub(super) fn from_bytes(bytes: [u8; size::KEY_ID]) -> KeyId {
        KeyId(bytes)
    }

    pub(super) fn as_bytes(&self) -> &[u8; size::KEY_ID] {
        &self.0
    }
}

/// A public key: its id and the Ed25519 key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKey {
    id: KeyId,
    key: VerifyingKey,
}

impl PublicKey {
    pub fn id(&self) -> KeyId {
        self.id
    }

    pub(super) fn verifying_key(&self) -> &VerifyingKey {
        &self.key
    }

    /// A public key from a `.pub` file's text (the comment line may be
    /// missing: the base64 line alone is a public key too).
    pub fn parse(text: &str) -> Result<PublicKey, Malformed> {
        match parse_key(text)? {
            KeyText::Public(key) => Ok(key),
            KeyText::Secret(_) => Err(Malformed::IsSecretKey),
        }
    }

    fn from_blob(bytes: &[u8]) -> Result<PublicKey, Malformed> {
        let mut fields = Fields::new(bytes);
        let algorithm = fields.take::<{ size::ALGORITHM }>()?;
        let id = fields.take::<{ size::KEY_ID }>()?;
        let key = fields.take::<{ size::PUBLIC_KEY }>()?;
        fields.end()?;
        if algorithm != alg::ED25519 {
            return Err(Malformed::Algorithm {
                field: super::Field::Signature,
                found: algorithm,
            });
        }
        let key = VerifyingKey::from_bytes(&key).map_err(|_| Malformed::NotAPoint)?;
        Ok(PublicKey { id: KeyId(id), key })
    }

    /// The base64 line of the key file (what `minisign -P` takes).
    pub fn to_base64(&self) -> String {
        let mut blob = Vec::with_capacity(size::PUBLIC_BLOB);
        blob.extend_from_slice(&alg::ED25519);
        blob.extend_from_slice(&self.id.0);
        blob.extend_from_slice(self.key.as_bytes());
        base64_encode(&blob)
    }

    /// The `.pub` file as shenbao writes it (and as dossiers carry it).
    pub fn to_text(&self) -> String {
        format!(
            "{UNTRUSTED_PREFIX}minisign public key: {}\n{}\n",
            self.id,
            self.to_base64()
        )
    }
}

/// What a key file holds.
pub enum KeyText {
    Public(PublicKey),
    Secret(SealedSecretKey),
}

/// Read a key file's text: an optional untrusted comment line, then the
/// base64 line (later lines are ignored, as minisign ignores them). The
/// decoded length tells a public key from a secret key.
pub fn parse_key(text: &str) -> Result<KeyText, Malformed> {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with(UNTRUSTED_PREFIX.trim_end()))
        .ok_or(Malformed::NoData)?;
    let bytes = Zeroizing::new(base64_decode(line)?);
    match bytes.len() {
        size::PUBLIC_BLOB => PublicKey::from_blob(&bytes).map(KeyText::Public),
        size::SECRET_BLOB => SealedSecretKey::from_blob(&bytes).map(KeyText::Secret),
        size::SIGNATURE_BLOB => Err(Malformed::IsSignature),
        found => Err(Malformed::Length { found }),
    }
}

/// How the sealed part of a secret key is protected.
#[derive(Clone, Debug)]
enum Kdf {
    None,
    Scrypt {
        salt: [u8; size::SALT],
        opslimit: u64,
        memlimit: u64,
    },
}

/// A secret key as its file holds it: maybe still encrypted.
pub struct SealedSecretKey {
    kdf: Kdf,
    sealed: Zeroizing<[u8; size::SEALED]>,
}

/// Why a secret key could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// The checksum does not match after decryption.
    WrongPassword,
    Malformed(Malformed),
}

impl From<Malformed> for OpenError {
    fn from(why: Malformed) -> OpenError {
        OpenError::Malformed(why)
    }
}

impl SealedSecretKey {
    fn from_blob(bytes: &[u8]) -> Result<SealedSecretKey, Malformed> {
        let mut fields = Fields::new(bytes);
        let signature_algorithm = fields.take::<{ size::ALGORITHM }>()?;
        let kdf_algorithm = fields.take::<{ size::ALGORITHM }>()?;
        let checksum_algorithm = fields.take::<{ size::ALGORITHM }>()?;
        let salt = fields.take::<{ size::SALT }>()?;
        let opslimit = fields.u64_le()?;
        let memlimit = fields.u64_le()?;
        let sealed = Zeroizing::new(fields.take::<{ size::SEALED }>()?);
        fields.end()?;
        let unknown = |field, found| Err(Malformed::Algorithm { field, found });
        if signature_algorithm != alg::ED25519 {
            return unknown(super::Field::Signature, signature_algorithm);
        }
        if checksum_algorithm != alg::CHECKSUM_BLAKE2B {
            return unknown(super::Field::Checksum, checksum_algorithm);
        }
        let kdf = match kdf_algorithm {
            alg::KDF_NONE => Kdf::None,
            alg::KDF_SCRYPT => {
                scrypt_params(opslimit, memlimit)?;
                Kdf::Scrypt {
                    salt,
                    opslimit,
                    memlimit,
                }
            }
            other => return unknown(super::Field::Kdf, other),
        };
        Ok(SealedSecretKey { kdf, sealed })
    }

    /// Whether opening it needs the password.
    pub fn is_encrypted(&self) -> bool {
        matches!(self.kdf, Kdf::Scrypt { .. })
    }

    /// The secret key, decrypted with `password` when it is encrypted (the
    /// password is not used otherwise).
    pub fn open(&self, password: &[u8]) -> Result<SecretKey, OpenError> {
        let mut plain = self.sealed.clone();
        if let Kdf::Scrypt {
            salt,
            opslimit,
            memlimit,
        } = &self.kdf
        {
            let stream = key_stream(password, salt, *opslimit, *memlimit)?;
            plain
                .iter_mut()
                .zip(stream.iter())
                .for_each(|(byte, key)| *byte ^= key);
        }
        let mut fields = Fields::new(plain.as_slice());
        let id = fields.take::<{ size::KEY_ID }>()?;
        let secret = Zeroizing::new(fields.take::<{ size::SECRET_KEY }>()?);
        let checksum = fields.take::<{ size::CHECKSUM }>()?;
        fields.end()?;
        let expected = checksum_of(&id, &secret);
        match self.kdf {
            Kdf::Scrypt { .. } if checksum != expected => return Err(OpenError::WrongPassword),
            // The minisign CLI writes no checksum (zeros) into a key it does not encrypt.
            Kdf::None if checksum != [0; size::CHECKSUM] && checksum != expected => {
                return Err(Malformed::Checksum.into())
            }
            _ => {}
        }
        let mut halves = Fields::new(secret.as_slice());
        let seed = Zeroizing::new(halves.take::<{ size::SEED }>()?);
        let public = halves.take::<{ size::PUBLIC_KEY }>()?;
        halves.end()?;
        let signing = SigningKey::from_bytes(&seed);
        if signing.verifying_key().as_bytes() != &public {
            return Err(Malformed::HalvesDiffer.into());
        }
        Ok(SecretKey {
            id: KeyId(id),
            signing,
        })
    }
}

/// An opened secret key (zeroed when dropped).
pub struct SecretKey {
    id: KeyId,
    signing: SigningKey,
}

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretKey").field("id", &self.id).finish()
    }
}

impl SecretKey {
    /// A new key pair from the operating system's random source.
    pub fn generate() -> Result<SecretKey, getrandom::Error> {
        let mut seed = Zeroizing::new([0u8; size::SEED]);
        getrandom::fill(seed.as_mut_slice())?;
        let mut id = [0u8; size::KEY_ID];
        getrandom::fill(&mut id)?;
        Ok(SecretKey::from_seed(id, &seed))
    }

    /// The key with this id and Ed25519 seed.
    pub fn from_seed(id: [u8; size::KEY_ID], seed: &[u8; size::SEED]) -> SecretKey {
        SecretKey {
            id: KeyId(id),
            signing: SigningKey::from_bytes(seed),
        }
    }

    pub fn id(&self) -> KeyId {
        self.id
    }

    pub fn public(&self) -> PublicKey {
        PublicKey {
            id: self.id,
            key: self.signing.verifying_key(),
        }
    }

    pub(super) fn signing_key(&self) -> &SigningKey {
        &self.signing
    }

    /// The `.key` file: `comment` on its first line; encrypted with
    /// `password` (and a fresh random salt) when one is given.
    pub fn to_text(
        &self,
        comment: &str,
        password: Option<&[u8]>,
    ) -> Result<String, getrandom::Error> {
        let secret = Zeroizing::new(self.signing.to_keypair_bytes());
        let mut sealed = Zeroizing::new([0u8; size::SEALED]);
        {
            let (id, rest) = sealed.split_at_mut(size::KEY_ID);
            let (key, checksum) = rest.split_at_mut(size::SECRET_KEY);
            id.copy_from_slice(&self.id.0);
            key.copy_from_slice(secret.as_slice());
            checksum.copy_from_slice(&checksum_of(&self.id.0, &secret));
        }
        let (kdf_algorithm, salt, opslimit, memlimit) = match password {
            None => (alg::KDF_NONE, [0u8; size::SALT], 0, 0),
            Some(password) => {
                let mut salt = [0u8; size::SALT];
                getrandom::fill(&mut salt)?;
                let stream = key_stream(password, &salt, WRITE_OPSLIMIT, WRITE_MEMLIMIT)
                    .expect("shenbao's own scrypt limits are valid");
                sealed
                    .iter_mut()
                    .zip(stream.iter())
                    .for_each(|(byte, key)| *byte ^= key);
                (alg::KDF_SCRYPT, salt, WRITE_OPSLIMIT, WRITE_MEMLIMIT)
            }
        };
        let mut blob = Zeroizing::new(Vec::with_capacity(size::SECRET_BLOB));
        blob.extend_from_slice(&alg::ED25519);
        blob.extend_from_slice(&kdf_algorithm);
        blob.extend_from_slice(&alg::CHECKSUM_BLAKE2B);
        blob.extend_from_slice(&salt);
        blob.extend_from_slice(&opslimit.to_le_bytes());
        blob.extend_from_slice(&memlimit.to_le_bytes());
        blob.extend_from_slice(sealed.as_slice());
        debug_assert_eq!(blob.len(), size::SECRET_BLOB);
        let encoded = Zeroizing::new(base64_encode(&blob));
        Ok(format!(
            "{UNTRUSTED_PREFIX}{comment}\n{}\n",
            encoded.as_str()
        ))
    }
}

/// BLAKE2b-256 over signature algorithm ‖ key id ‖ secret key.
fn checksum_of(id: &[u8; size::KEY_ID], secret: &[u8; size::SECRET_KEY]) -> [u8; size::CHECKSUM] {
    Blake2b::<U32>::new()
        .chain_update(alg::ED25519)
        .chain_update(id)
        .chain_update(secret)
        .finalize()
        .into()
}

/// The bytes a password's scrypt key XORs over the sealed part.
fn key_stream(
    password: &[u8],
    salt: &[u8; size::SALT],
    opslimit: u64,
    memlimit: u64,
) -> Result<Zeroizing<[u8; size::SEALED]>, Malformed> {
    let params = scrypt_params(opslimit, memlimit)?;
    let mut stream = Zeroizing::new([0u8; size::SEALED]);
    scrypt::scrypt(password, salt, &params, stream.as_mut_slice())
        .map_err(|_| Malformed::KdfLimits)?;
    Ok(stream)
}

/// scrypt's N, r and p from the key's opslimit and memlimit, by the rule of
/// libsodium's `crypto_pwhash_scryptsalsa208sha256`, which minisign uses:
/// r is 8; opslimit is at least 32768; when opslimit < memlimit / 32, p is 1
/// and N is the largest power of two up to opslimit / (4 r); otherwise N is
/// the largest power of two up to memlimit / (128 r) and p is
/// min(opslimit / 4 / N, 2^30 − 1) / r. Keys asking for more memory or work
/// than minisign ever writes are refused.
fn scrypt_params(opslimit: u64, memlimit: u64) -> Result<scrypt::Params, Malformed> {
    let opslimit = opslimit.max(32768);
    let (log_n, p) = if opslimit < memlimit / 32 {
        (log_n_up_to(opslimit / (SCRYPT_R * 4)), 1)
    } else {
        let log_n = log_n_up_to(memlimit / (SCRYPT_R * 128));
        let max_rp = ((opslimit / 4) >> log_n).min(0x3fff_ffff);
        (log_n, max_rp / SCRYPT_R)
    };
    if log_n > MAX_LOG_N || p == 0 || p << log_n > MAX_WORK {
        return Err(Malformed::KdfLimits);
    }
    let p = u32::try_from(p).map_err(|_| Malformed::KdfLimits)?;
    scrypt::Params::new(log_n, SCRYPT_R as u32, p, scrypt::Params::RECOMMENDED_LEN)
        .map_err(|_| Malformed::KdfLimits)
}

/// log₂ of the largest power of two N with N ≤ max(max_n, 2): libsodium
/// counts up from 1 while 2^n ≤ max_n / 2.
fn log_n_up_to(max_n: u64) -> u8 {
    let mut log_n = 1u8;
    while log_n < 63 && 1u64 << log_n <= max_n / 2 {
        log_n += 1;
    }
    log_n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> SecretKey {
        SecretKey::from_seed([7; 8], &[42; 32])
    }

    fn secret(text: &str) -> SealedSecretKey {
        match parse_key(text).unwrap() {
            KeyText::Secret(sealed) => sealed,
            KeyText::Public(_) => panic!("a public key"),
        }
    }

    /// The base64 line of a key text, decoded.
    fn blob(text: &str) -> Vec<u8> {
        base64_decode(text.lines().nth(1).unwrap()).unwrap()
    }

    fn with_blob(blob: &[u8]) -> String {
        format!("untrusted comment: edited\n{}\n", base64_encode(blob))
    }

    #[test]
    fn libsodiums_rule_for_scrypt_parameters() {
        let params = |ops, mem| {
            let p = scrypt_params(ops, mem).unwrap();
            (p.log_n(), p.r(), p.p())
        };
        // What shenbao (and the minisign crate) write: N = 2^15.
        assert_eq!(params(1 << 20, 1 << 25), (15, 8, 1));
        // The minisign CLI's default (libsodium's "sensitive"): N = 2^20.
        assert_eq!(params(1 << 25, 1 << 30), (20, 8, 1));
        // libsodium's "interactive" limits: N = 2^14.
        assert_eq!(params(524_288, 16_777_216), (14, 8, 1));
        // opslimit below memlimit / 32: N from opslimit, p = 1.
        assert_eq!(params(1 << 20, 1 << 30), (15, 8, 1));
        // The CLI halving both limits when memory is short.
        assert_eq!(params(1 << 24, 1 << 29), (19, 8, 1));
        // Too much memory or work is refused before anything is derived.
        assert_eq!(
            scrypt_params(1 << 26, 1 << 31).err(),
            Some(Malformed::KdfLimits)
        );
        assert_eq!(
            scrypt_params(u64::MAX, 1 << 30).err(),
            Some(Malformed::KdfLimits)
        );
        // No limits at all: opslimit counts as 32768, N = 2, p from opslimit.
        assert_eq!(params(0, 0), (1, 8, 512));
    }

    #[test]
    fn key_ids_print_as_minisign_prints_them() {
        let id = KeyId([0x35, 0x15, 0xB9, 0xA5, 0x01, 0x2C, 0x24, 0xFF]);
        assert_eq!(id.to_string(), "FF242C01A5B91535");
    }

    #[test]
    fn public_keys_round_trip() {
        let public = key().public();
        let text = public.to_text();
        assert!(text.starts_with("untrusted comment: minisign public key: 0707070707070707\n"));
        assert_eq!(PublicKey::parse(&text).unwrap(), public);
        // The base64 line alone, as `minisign -P` takes it.
        assert_eq!(PublicKey::parse(&public.to_base64()).unwrap(), public);
        assert_eq!(
            PublicKey::parse(&text.replace('\n', "\r\n")).unwrap(),
            public
        );
    }

    #[test]
    fn plain_secret_keys_round_trip() {
        let text = key().to_text("a comment", None).unwrap();
        assert!(text.starts_with("untrusted comment: a comment\n"));
        let sealed = secret(&text);
        assert!(!sealed.is_encrypted());
        let opened = sealed.open(b"ignored").unwrap();
        assert_eq!(opened.id(), key().id());
        assert_eq!(opened.public(), key().public());
        // Written twice, the same text: nothing random in a plain key.
        assert_eq!(text, key().to_text("a comment", None).unwrap());
    }

    #[test]
    fn encrypted_secret_keys_need_their_password() {
        let text = key().to_text("c", Some("密码 pw".as_bytes())).unwrap();
        let sealed = secret(&text);
        assert!(sealed.is_encrypted());
        assert_eq!(
            sealed.open("密码 pw".as_bytes()).unwrap().public(),
            key().public()
        );
        assert_eq!(sealed.open(b"wrong").unwrap_err(), OpenError::WrongPassword);
        assert_eq!(sealed.open(b"").unwrap_err(), OpenError::WrongPassword);
        // A fresh salt each time.
        assert_ne!(text, key().to_text("c", Some(b"pw")).unwrap());
    }

    #[test]
    fn what_the_kind_of_a_key_text_is() {
        let public = key().public().to_text();
        assert_eq!(
            PublicKey::parse(&key().to_text("c", None).unwrap()).unwrap_err(),
            Malformed::IsSecretKey
        );
        let mut signature = b"ED".to_vec();
        signature.extend_from_slice(&[7; size::KEY_ID + size::SIGNATURE]);
        assert_eq!(
            parse_key(&with_blob(&signature)).err(),
            Some(Malformed::IsSignature)
        );
        assert!(matches!(parse_key(&public), Ok(KeyText::Public(_))));
    }

    #[test]
    fn truncated_or_garbled_base64_is_refused() {
        let public = key().public().to_text();
        let line = public.lines().nth(1).unwrap();
        let err = |text: &str| parse_key(text).err();
        assert_eq!(err(""), Some(Malformed::NoData));
        assert_eq!(err("untrusted comment: only\n"), Some(Malformed::NoData));
        assert_eq!(
            err(&format!("untrusted comment: x\n{}\n", &line[..40])),
            Some(Malformed::Length { found: 30 })
        );
        assert_eq!(
            err(&format!("untrusted comment: x\n{}\n", &line[..41])),
            Some(Malformed::NotBase64)
        );
        assert_eq!(
            err("untrusted comment: x\nRWQ!!!notbase64===\n"),
            Some(Malformed::NotBase64)
        );
        // A secret key cut short: 159 characters decode to nothing valid.
        let secret = key().to_text("c", None).unwrap();
        let line = secret.lines().nth(1).unwrap();
        assert_eq!(
            err(&format!(
                "untrusted comment: c\n{}",
                &line[..line.len() - 4]
            )),
            Some(Malformed::Length { found: 156 })
        );
    }

    #[test]
    fn wrong_algorithm_ids_are_refused() {
        let public = blob(&key().public().to_text());
        let mut bad = public.clone();
        bad[..2].copy_from_slice(b"ED");
        assert_eq!(
            parse_key(&with_blob(&bad)).err(),
            Some(Malformed::Algorithm {
                field: super::super::Field::Signature,
                found: *b"ED"
            })
        );
        let secret = blob(&key().to_text("c", None).unwrap());
        for (at, field) in [
            (0, super::super::Field::Signature),
            (2, super::super::Field::Kdf),
            (4, super::super::Field::Checksum),
        ] {
            let mut bad = secret.clone();
            bad[at..at + 2].copy_from_slice(b"Xx");
            assert_eq!(
                parse_key(&with_blob(&bad)).err(),
                Some(Malformed::Algorithm {
                    field,
                    found: *b"Xx"
                }),
                "{field:?}"
            );
        }
    }

    #[test]
    fn a_damaged_plain_key_is_refused() {
        let secret = blob(&key().to_text("c", None).unwrap());
        // A flipped bit of the secret key: the checksum no longer matches.
        let secret_key_at = size::SECRET_BLOB - size::CHECKSUM - size::SECRET_KEY;
        let mut bad = secret.clone();
        bad[secret_key_at] ^= 1;
        assert_eq!(
            secret_of(&bad).open(b"").unwrap_err(),
            OpenError::Malformed(Malformed::Checksum)
        );
        // With a zero checksum (the minisign CLI's plain keys), the public
        // half still has to match the seed.
        let mut zeroed = secret.clone();
        zeroed[size::SECRET_BLOB - size::CHECKSUM..].fill(0);
        assert_eq!(
            secret_of(&zeroed).open(b"").unwrap().public(),
            key().public()
        );
        zeroed[secret_key_at + size::SEED] ^= 1;
        assert_eq!(
            secret_of(&zeroed).open(b"").unwrap_err(),
            OpenError::Malformed(Malformed::HalvesDiffer)
        );
    }

    fn secret_of(blob: &[u8]) -> SealedSecretKey {
        secret(&with_blob(blob))
    }

    #[test]
    fn a_damaged_encrypted_key_reads_as_a_wrong_password() {
        let text = key().to_text("c", Some(b"pw")).unwrap();
        let mut bad = blob(&text);
        bad[100] ^= 1;
        assert_eq!(
            secret_of(&bad).open(b"pw").unwrap_err(),
            OpenError::WrongPassword
        );
        // Limits beyond minisign's are refused when the file is read.
        let mut greedy = blob(&text);
        let limits = 3 * size::ALGORITHM + size::SALT;
        greedy[limits..limits + 2 * size::LIMIT].fill(0xFF);
        assert_eq!(
            parse_key(&with_blob(&greedy)).err(),
            Some(Malformed::KdfLimits)
        );
    }
}
