//! minisign key pairs: generation, loading (password from SHENBAO_PASSWORD or
//! the terminal), and the key id shenbao prints and hashes into the form code.

use minisign::{KeyPair, PublicKey, SecretKey, SecretKeyBox};
use std::path::Path;

/// The environment variable a secret key's password may come from (CI).
pub const PASSWORD_ENV: &str = "SHENBAO_PASSWORD";

/// minisign's key id: the 8-byte key number, shown as 16 hex digits.
pub fn key_id(keynum: &[u8]) -> String {
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&keynum[..8]);
    format!("{:016X}", u64::from_le_bytes(bytes))
}

fn password_from_env() -> Option<String> {
    std::env::var(PASSWORD_ENV).ok().filter(|p| !p.is_empty())
}

/// A new key pair as minisign's two files: the public key text, the secret
/// key text, and the key id.
pub struct NewKeyPair {
    pub public: String,
    pub secret: String,
    pub id: String,
}

/// Generate a key pair; an encrypted secret key takes its password from
/// SHENBAO_PASSWORD, or asks on the terminal. Writing the files is the caller's.
pub fn generate(with_password: bool) -> Result<NewKeyPair, String> {
    let pair = if with_password {
        KeyPair::generate_encrypted_keypair(password_from_env()).map_err(|e| e.to_string())?
    } else {
        KeyPair::generate_unencrypted_keypair().map_err(|e| e.to_string())?
    };
    let id = key_id(pair.pk.keynum());
    let public = pair.pk.to_box().map_err(|e| e.to_string())?.to_string();
    let secret = pair
        .sk
        .to_box(Some(&format!("shenbao secret key {id}")))
        .map_err(|e| e.to_string())?
        .to_string();
    Ok(NewKeyPair { public, secret, id })
}

/// Load a secret key; an encrypted one takes its password from
/// SHENBAO_PASSWORD, or asks on the terminal.
pub fn load_secret(path: &Path) -> Result<(SecretKey, PublicKey), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let sk_box =
        SecretKeyBox::from_string(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let unencrypted = SecretKeyBox::from_string(&text)
        .and_then(SecretKeyBox::into_unencrypted_secret_key)
        .ok()
        .filter(|sk| !sk.is_encrypted());
    let sk = match unencrypted {
        Some(sk) => sk,
        None => sk_box
            .into_secret_key(password_from_env())
            .map_err(|e| format!("{}: {e} (wrong password?)", path.display()))?,
    };
    let pk = PublicKey::from_secret_key(&sk).map_err(|e| e.to_string())?;
    Ok((sk, pk))
}

/// A public key from a `.pub` file (minisign format) or its base64 line.
pub fn load_public(path: &Path) -> Result<minisign_verify::PublicKey, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse_public(&text).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn parse_public(text: &str) -> Result<minisign_verify::PublicKey, String> {
    let base64 = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("untrusted comment:"))
        .ok_or("no public key in the file")?;
    minisign_verify::PublicKey::from_base64(base64).map_err(|e| e.to_string())
}

/// Trusted public keys for `verify` and `intake`, each file read once: the keys
/// and their ids, in the same order.
pub fn load_trusted(
    paths: &[std::path::PathBuf],
) -> Result<(Vec<minisign_verify::PublicKey>, Vec<String>), String> {
    let mut keys = Vec::with_capacity(paths.len());
    let mut ids = Vec::with_capacity(paths.len());
    for path in paths {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let key = parse_public(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let id = public_key_id(&text)
            .ok_or_else(|| format!("{}: not a minisign public key", path.display()))?;
        keys.push(key);
        ids.push(id);
    }
    Ok((keys, ids))
}

/// Every `*.pub` in `dir`, loaded as trusted keys (sorted by file name).
pub fn load_trusted_dir(
    dir: &Path,
) -> Result<(Vec<minisign_verify::PublicKey>, Vec<String>), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|_| format!("{}: not a readable folder", dir.display()))?;
    let mut files: Vec<std::path::PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pub"))
        .collect();
    files.sort();
    load_trusted(&files)
}

/// The key id of a minisign public key text.
pub fn public_key_id(text: &str) -> Option<String> {
    let base64 = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("untrusted comment:"))?;
    let pk = PublicKey::from_base64(base64).ok()?;
    Some(key_id(pk.keynum()))
}
