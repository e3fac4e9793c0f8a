//! Deterministic minisign signatures. The `minisign` crate mixes random noise
//! into each Ed25519 signature (hedged signing), so the same dossier signed
//! twice would differ; plain Ed25519 (RFC 8032) is deterministic, and the
//! minisign format around it is small. Same output format, checked against
//! the minisign CLI and minisign-verify in the tests.

use base64::Engine as _;
use blake2::{Blake2b512, Digest};
use ed25519_dalek::{Signer, SigningKey};

/// Layout of `minisign::SecretKey::to_bytes()`: algorithm ids and KDF
/// parameters (54 bytes), key number (8), secret key = seed ‖ public (64).
const KEYNUM_AT: usize = 54;
const SECRET_AT: usize = 62;

/// A `.minisig` text: the data prehashed with BLAKE2b-512 (algorithm "ED"),
/// and a global signature over the signature and the trusted comment.
pub fn sign(
    secret: &minisign::SecretKey,
    data: &[u8],
    trusted_comment: &str,
    untrusted_comment: &str,
) -> Result<String, String> {
    let bytes = secret.to_bytes();
    if bytes.len() < SECRET_AT + 64 {
        return Err("unexpected secret key layout".to_string());
    }
    let keynum = &bytes[KEYNUM_AT..KEYNUM_AT + 8];
    let seed: [u8; 32] = bytes[SECRET_AT..SECRET_AT + 32]
        .try_into()
        .expect("32 bytes");
    let key = SigningKey::from_bytes(&seed);
    if key.verifying_key().as_bytes() != &bytes[SECRET_AT + 32..SECRET_AT + 64] {
        return Err("the secret key does not match its public half (wrong password?)".to_string());
    }
    let prehash = Blake2b512::digest(data);
    let signature = key.sign(&prehash).to_bytes();
    let mut signed_blob = Vec::with_capacity(74);
    signed_blob.extend_from_slice(b"ED");
    signed_blob.extend_from_slice(keynum);
    signed_blob.extend_from_slice(&signature);
    let mut global = signature.to_vec();
    global.extend_from_slice(trusted_comment.as_bytes());
    let global_signature = key.sign(&global).to_bytes();
    let b64 = base64::engine::general_purpose::STANDARD;
    Ok(format!(
        "untrusted comment: {untrusted_comment}\n{}\ntrusted comment: {trusted_comment}\n{}\n",
        b64.encode(signed_blob),
        b64.encode(global_signature)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_verifiable() {
        let pair = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        let a = sign(&pair.sk, b"tag manifest", "trusted", "untrusted").unwrap();
        let b = sign(&pair.sk, b"tag manifest", "trusted", "untrusted").unwrap();
        assert_eq!(a, b);
        let public = pair.pk.to_box().unwrap().to_string();
        let pk = crate::keys::parse_public(&public).unwrap();
        let sig = minisign_verify::Signature::decode(&a).unwrap();
        pk.verify(b"tag manifest", &sig, false).unwrap();
        assert!(pk.verify(b"tag manifesT", &sig, false).is_err());
        assert_eq!(sig.trusted_comment(), "trusted");
    }
}
