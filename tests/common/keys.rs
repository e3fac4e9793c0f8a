//! Fixed test keys, so that what is signed is the same in every run.

use std::path::Path;

/// A minisign key pair without password (as `shenbao keygen --no-password`
/// writes it) from a fixed seed: BASE.key and BASE.pub.
pub fn write_key_pair(base: &Path, seed: [u8; 32]) {
    use base64::Engine as _;
    use blake2::digest::{consts::U32, Digest};
    let public = ed25519_dalek::SigningKey::from_bytes(&seed)
        .verifying_key()
        .to_bytes();
    let keynum: [u8; 8] = seed[..8].try_into().unwrap();
    let secret: Vec<u8> = [&seed[..], &public[..]].concat();
    let checksum = blake2::Blake2b::<U32>::new()
        .chain_update(b"Ed")
        .chain_update(keynum)
        .chain_update(&secret)
        .finalize();
    let secret_box = [
        &b"Ed"[..],
        &[0, 0],  // no key derivation: the key is not encrypted
        b"B2",    // checksum algorithm
        &[0; 32], // salt
        &[0; 16], // opslimit, memlimit
        &keynum,
        &secret,
        &checksum,
    ]
    .concat();
    let public_box = [&b"Ed"[..], &keynum, &public].concat();
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    let id: String = keynum.iter().rev().map(|b| format!("{b:02X}")).collect();
    std::fs::write(
        base.with_extension("key"),
        format!(
            "untrusted comment: minisign secret key (a test key)\n{}\n",
            b64(&secret_box)
        ),
    )
    .unwrap();
    std::fs::write(
        base.with_extension("pub"),
        format!(
            "untrusted comment: minisign public key {id}\n{}\n",
            b64(&public_box)
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let private = std::fs::Permissions::from_mode(0o600);
        std::fs::set_permissions(base.with_extension("key"), private).unwrap();
    }
}
