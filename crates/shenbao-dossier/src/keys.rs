//! Key files on disk: generating a key pair, reading a secret key (its
//! password is the caller's to find: SHENBAO_PASSWORD or the terminal) and
//! trusted public keys, and [`KeyError`], what can go wrong with them.
//!
//! A key file is read only when it is a regular file of at most
//! [`MAX_KEY_FILE_BYTES`]: a folder, a device such as `/dev/zero` or a pipe is
//! refused before anything is read.

use crate::diags;
use crate::minisign::{parse_key, KeyText, Malformed, OpenError, PublicKey, SecretKey};
use shenbao_diagnostic::{io_reason, CodedError, Diagnostic, Text};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The environment variable a secret key's password may come from (CI).
pub const PASSWORD_ENV: &str = "SHENBAO_PASSWORD";

/// minisign key files are a few hundred bytes; anything larger is not one.
pub const MAX_KEY_FILE_BYTES: u64 = 4096;

/// Why a key could not be made, read or opened. Each names the file and
/// says what to do.
#[derive(Debug)]
pub enum KeyError {
    /// Z023: the file (or folder of keys) cannot be read.
    Unreadable { path: PathBuf, reason: Text },
    /// Z024: not a minisign key.
    NotAKey { path: PathBuf, why: Malformed },
    /// Z022: a public key where the secret key is needed.
    PublicNotSecret { path: PathBuf },
    /// Z022: a secret key where a public key is needed.
    SecretNotPublic { path: PathBuf },
    /// Z025: the password does not open the secret key.
    WrongPassword { path: PathBuf },
    /// Z026: the key is encrypted, and there is neither SHENBAO_PASSWORD nor
    /// a terminal to ask on.
    NoPassword { path: PathBuf },
    /// Z026: a new key is to be encrypted, and there is neither
    /// SHENBAO_PASSWORD nor a terminal to ask on.
    NoPasswordForNewKey { path: PathBuf },
    /// Z026: the terminal could not be read.
    PasswordNotRead { path: PathBuf, reason: Text },
    /// Z026: the two passwords typed for a new key differ.
    PasswordsDiffer { path: PathBuf },
    /// Z026: an empty password typed for a new key.
    EmptyPassword { path: PathBuf },
    /// Z029: the operating system gave no random bytes for a new key.
    NoRandomness { path: PathBuf, reason: String },
}

impl KeyError {
    /// The message and the help, in both languages.
    fn texts(&self) -> (&'static shenbao_diagnostic::Rule, Text, Text) {
        let shown = |path: &Path| shenbao_diagnostic::shown_path(path);
        match self {
            KeyError::Unreadable { path, reason } => (
                &diags::KEY_UNREADABLE,
                Text::new(
                    format!("无法读取密钥 {}：{}", shown(path), reason.zh),
                    format!("cannot read the key {}: {}", shown(path), reason.en),
                ),
                Text::new(
                    "检查路径：密钥文件是 `shenbao keygen` 或 `minisign -G` 写出的小文本文件（.key 或 .pub）",
                    "check the path: a key is a small text file (.key or .pub) written by `shenbao keygen` or `minisign -G`",
                ),
            ),
            KeyError::NotAKey { path, why } => {
                let why = why.text();
                (
                    &diags::KEY_MALFORMED,
                    Text::new(
                        format!("{} 不是 minisign 密钥：{}", shown(path), why.zh),
                        format!("{} is not a minisign key: {}", shown(path), why.en),
                    ),
                    Text::new(
                        "使用 `shenbao keygen` 或 `minisign -G` 生成、未经改动的密钥文件",
                        "use the key file as `shenbao keygen` or `minisign -G` wrote it, unchanged",
                    ),
                )
            }
            KeyError::PublicNotSecret { path } => (
                &diags::KEY_WRONG_KIND,
                Text::new(
                    format!("{} 是公钥，签名需要秘密密钥", shown(path)),
                    format!("{} is a public key; signing needs the secret key", shown(path)),
                ),
                Text::new(
                    "用 --key 指定与它同名的 .key 文件（`shenbao keygen` 同时写出 .key 和 .pub）",
                    "give the .key file of the same name with --key (`shenbao keygen` writes both)",
                ),
            ),
            KeyError::SecretNotPublic { path } => (
                &diags::KEY_WRONG_KIND,
                Text::new(
                    format!("{} 是秘密密钥，此处需要公钥", shown(path)),
                    format!("{} is a secret key; a public key is needed here", shown(path)),
                ),
                Text::new(
                    "指定对方的公钥（.pub）；秘密密钥（.key）只由其持有者保管，不要交给他人",
                    "give the sender's public key (.pub); a secret key (.key) stays with its owner",
                ),
            ),
            KeyError::WrongPassword { path } => (
                &diags::KEY_WRONG_PASSWORD,
                Text::new(
                    format!("密码不对，无法解开秘密密钥 {}", shown(path)),
                    format!("the password does not open the secret key {}", shown(path)),
                ),
                Text::new(
                    format!("输入生成该密钥时设置的密码（或把它放在环境变量 {PASSWORD_ENV} 中）"),
                    format!("type the password the key was made with (or put it in {PASSWORD_ENV})"),
                ),
            ),
            KeyError::NoPassword { path } => (
                &diags::KEY_PASSWORD_MISSING,
                Text::new(
                    format!(
                        "秘密密钥 {} 有密码保护，但没有终端可以输入密码，也没有设置 {PASSWORD_ENV}",
                        shown(path)
                    ),
                    format!(
                        "the secret key {} is password-protected, but there is no terminal to type the password on and {PASSWORD_ENV} is not set",
                        shown(path)
                    ),
                ),
                Text::new(
                    format!("在终端中运行，或把密码放在环境变量 {PASSWORD_ENV} 中"),
                    format!("run it in a terminal, or put the password in {PASSWORD_ENV}"),
                ),
            ),
            KeyError::NoPasswordForNewKey { path } => (
                &diags::KEY_PASSWORD_MISSING,
                Text::new(
                    format!(
                        "新秘密密钥 {} 需要密码，但没有终端可以输入，也没有设置 {PASSWORD_ENV}；未写出任何文件",
                        shown(path)
                    ),
                    format!(
                        "the new secret key {} needs a password, but there is no terminal to type it on and {PASSWORD_ENV} is not set; nothing was written",
                        shown(path)
                    ),
                ),
                Text::new(
                    format!("在终端中运行，或设置 {PASSWORD_ENV}；自动化流程可用 --no-password"),
                    format!("run it in a terminal or set {PASSWORD_ENV}; automation may use --no-password"),
                ),
            ),
            KeyError::PasswordNotRead { path, reason } => (
                &diags::KEY_PASSWORD_MISSING,
                Text::new(
                    format!("无法从终端读取 {} 的密码：{}", shown(path), reason.zh),
                    format!("cannot read the password for {} from the terminal: {}", shown(path), reason.en),
                ),
                Text::new(
                    format!("再试一次，或把密码放在环境变量 {PASSWORD_ENV} 中"),
                    format!("try again, or put the password in {PASSWORD_ENV}"),
                ),
            ),
            KeyError::PasswordsDiffer { path } => (
                &diags::KEY_PASSWORD_MISSING,
                Text::new(
                    format!("两次输入的密码不一致，未写出 {}", shown(path)),
                    format!("the two passwords differ; {} was not written", shown(path)),
                ),
                Text::new("重新运行，两次输入同一个密码", "run it again and type the same password twice"),
            ),
            KeyError::EmptyPassword { path } => (
                &diags::KEY_PASSWORD_MISSING,
                Text::new(
                    format!("密码为空，未写出 {}", shown(path)),
                    format!("the password is empty; {} was not written", shown(path)),
                ),
                Text::new(
                    "设置一个密码；确实不需要密码时（自动化流程）用 --no-password",
                    "choose a password; use --no-password when the key really needs none (automation)",
                ),
            ),
            KeyError::NoRandomness { path, reason } => (
                &diags::KEY_NOT_GENERATED,
                Text::new(
                    format!("系统没有提供随机数，无法生成 {}：{reason}", shown(path)),
                    format!("the system gave no random numbers, so {} cannot be generated: {reason}", shown(path)),
                ),
                Text::new(
                    "稍后重试；仍然失败时请报告此问题",
                    "try again later; report it if it keeps failing",
                ),
            ),
        }
    }
}

impl std::fmt::Display for KeyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.texts().1.en)
    }
}

impl std::error::Error for KeyError {}

impl CodedError for KeyError {
    fn to_diagnostic(&self) -> Diagnostic {
        let (rule, message, help) = self.texts();
        Diagnostic::new(rule, message).help(help)
    }
}

/// A password, zeroed when dropped.
pub type Password = zeroize::Zeroizing<String>;

/// A new key pair as minisign's two files: the public key text, the secret
/// key text, and the key id.
pub struct NewKeyPair {
    pub public: String,
    pub secret: String,
    pub id: String,
}

/// Generate a key pair for the secret key file `path` (named in errors);
/// encrypted when a password is given. Writing the files is the caller's.
pub fn generate(path: &Path, password: Option<&Password>) -> Result<NewKeyPair, KeyError> {
    let no_randomness = |err: getrandom::Error| KeyError::NoRandomness {
        path: path.to_path_buf(),
        reason: err.to_string(),
    };
    let key = SecretKey::generate().map_err(no_randomness)?;
    let id = key.id().to_string();
    let secret = key
        .to_text(
            &format!("shenbao secret key {id}"),
            password.map(|p| p.as_bytes()),
        )
        .map_err(no_randomness)?;
    Ok(NewKeyPair {
        public: key.public().to_text(),
        secret,
        id,
    })
}

/// The text of a key file: a regular file of at most [`MAX_KEY_FILE_BYTES`].
fn read_key_file(path: &Path) -> Result<String, KeyError> {
    let unreadable = |reason: Text| KeyError::Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    let too_large = || KeyError::NotAKey {
        path: path.to_path_buf(),
        why: Malformed::TooLarge {
            limit: MAX_KEY_FILE_BYTES,
        },
    };
    let metadata = std::fs::metadata(path).map_err(|e| unreadable(io_reason(&e)))?;
    if metadata.is_dir() {
        return Err(unreadable(Text::new(
            "这是一个文件夹，不是密钥文件",
            "it is a folder, not a key file",
        )));
    }
    if !metadata.is_file() {
        return Err(unreadable(Text::new(
            "这不是普通文件（而是设备、管道或套接字）",
            "it is not a regular file (a device, a pipe or a socket)",
        )));
    }
    if metadata.len() > MAX_KEY_FILE_BYTES {
        return Err(too_large());
    }
    let file = std::fs::File::open(path).map_err(|e| unreadable(io_reason(&e)))?;
    let mut bytes = Vec::new();
    file.take(MAX_KEY_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(io_reason(&e)))?;
    if bytes.len() as u64 > MAX_KEY_FILE_BYTES {
        return Err(too_large());
    }
    let bytes = zeroize::Zeroizing::new(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|_| KeyError::NotAKey {
        path: path.to_path_buf(),
        why: Malformed::NotText,
    })
}

/// Read the secret key at `path`. `password` is asked only when the key is
/// encrypted.
pub fn load_secret(
    path: &Path,
    password: impl FnOnce() -> Result<Password, KeyError>,
) -> Result<SecretKey, KeyError> {
    let text = zeroize::Zeroizing::new(read_key_file(path)?);
    open_secret(path, &text, password)
}

/// Open the secret key whose file text is `text` (read by the caller: a
/// file on disk, or one a web page was given); `path` names it in errors.
pub fn open_secret(
    path: &Path,
    text: &str,
    password: impl FnOnce() -> Result<Password, KeyError>,
) -> Result<SecretKey, KeyError> {
    let sealed = match parse_key(text) {
        Ok(KeyText::Secret(sealed)) => sealed,
        Ok(KeyText::Public(_)) => {
            return Err(KeyError::PublicNotSecret {
                path: path.to_path_buf(),
            })
        }
        Err(why) => {
            return Err(KeyError::NotAKey {
                path: path.to_path_buf(),
                why,
            })
        }
    };
    let password = if sealed.is_encrypted() {
        password()?
    } else {
        Password::default()
    };
    sealed
        .open(password.as_bytes())
        .map_err(|error| match error {
            OpenError::WrongPassword => KeyError::WrongPassword {
                path: path.to_path_buf(),
            },
            OpenError::Malformed(why) => KeyError::NotAKey {
                path: path.to_path_buf(),
                why,
            },
        })
}

/// A public key from a `.pub` file (minisign format) or its base64 line.
pub fn load_public(path: &Path) -> Result<PublicKey, KeyError> {
    let text = read_key_file(path)?;
    match parse_key(&text) {
        Ok(KeyText::Public(key)) => Ok(key),
        Ok(KeyText::Secret(_)) => Err(KeyError::SecretNotPublic {
            path: path.to_path_buf(),
        }),
        Err(why) => Err(KeyError::NotAKey {
            path: path.to_path_buf(),
            why,
        }),
    }
}

/// Trusted public keys for `verify` and `intake`, in the order given.
pub fn load_trusted(paths: &[PathBuf]) -> Result<Vec<PublicKey>, KeyError> {
    paths.iter().map(|path| load_public(path)).collect()
}

/// Every `*.pub` in `dir`, loaded as trusted keys (sorted by file name).
pub fn load_trusted_dir(dir: &Path) -> Result<Vec<PublicKey>, KeyError> {
    load_trusted(&pub_files_in(dir)?)
}

/// The public keys (`*.pub`) in `dir`, sorted.
fn pub_files_in(dir: &Path) -> Result<Vec<PathBuf>, KeyError> {
    let unreadable = |reason: Text| KeyError::Unreadable {
        path: dir.to_path_buf(),
        reason,
    };
    let entries = std::fs::read_dir(dir).map_err(|e| unreadable(io_reason(&e)))?;
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pub"))
        .collect();
    files.sort();
    Ok(files)
}

/// `--trusted-key` as given: each a public key file, or a folder whose
/// `*.pub` files are each one (the same flag, one meaning, on every
/// command).
pub fn trusted_key_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, KeyError> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let found = pub_files_in(path)?;
            if found.is_empty() {
                return Err(KeyError::Unreadable {
                    path: path.clone(),
                    reason: Text::new(
                        "这个文件夹中没有公钥（.pub 文件）",
                        "this folder holds no public key (.pub file)",
                    ),
                });
            }
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the pair's files read back as one key pair.
    fn reads_back(pair: &NewKeyPair, password: Option<&Password>) -> bool {
        let public = PublicKey::parse(&pair.public).ok();
        let secret = match parse_key(&pair.secret) {
            Ok(KeyText::Secret(sealed)) => {
                sealed.open(password.map_or(&[][..], |p| p.as_bytes())).ok()
            }
            _ => None,
        };
        matches!((public, secret), (Some(p), Some(s)) if s.public() == p)
    }

    #[test]
    fn key_files_are_checked_before_they_are_read() {
        let dir = std::env::temp_dir();
        match read_key_file(&dir) {
            Err(KeyError::Unreadable { reason, .. }) => {
                assert_eq!(reason.en, "it is a folder, not a key file")
            }
            other => panic!("{other:?}"),
        }
        #[cfg(unix)]
        {
            let started = std::time::Instant::now();
            match read_key_file(Path::new("/dev/zero")) {
                Err(KeyError::Unreadable { reason, .. }) => {
                    assert!(reason.en.contains("not a regular file"), "{}", reason.en)
                }
                other => panic!("{other:?}"),
            }
            assert!(started.elapsed().as_secs() < 1);
        }
    }

    #[test]
    fn generated_pairs_read_back() {
        let path = Path::new("applicant.key");
        let pair = generate(path, None).unwrap();
        assert!(reads_back(&pair, None));
        assert!(pair.secret.starts_with(&format!(
            "untrusted comment: shenbao secret key {}\n",
            pair.id
        )));
        let password = Password::new("口令".to_string());
        let pair = generate(path, Some(&password)).unwrap();
        assert!(reads_back(&pair, Some(&password)));
        assert!(!reads_back(&pair, None));
    }

    #[test]
    fn every_error_names_its_file_in_both_languages() {
        let path = PathBuf::from("office.key");
        let errors = [
            KeyError::Unreadable {
                path: path.clone(),
                reason: Text::new("没有权限", "permission denied"),
            },
            KeyError::NotAKey {
                path: path.clone(),
                why: Malformed::NotBase64,
            },
            KeyError::PublicNotSecret { path: path.clone() },
            KeyError::SecretNotPublic { path: path.clone() },
            KeyError::WrongPassword { path: path.clone() },
            KeyError::NoPassword { path: path.clone() },
            KeyError::NoPasswordForNewKey { path: path.clone() },
            KeyError::PasswordNotRead {
                path: path.clone(),
                reason: Text::new("操作被中断", "the operation was interrupted"),
            },
            KeyError::PasswordsDiffer { path: path.clone() },
            KeyError::EmptyPassword { path: path.clone() },
            KeyError::NoRandomness {
                path: path.clone(),
                reason: "unavailable".into(),
            },
        ];
        for error in errors {
            let diagnostic = error.to_diagnostic();
            assert!(diagnostic.code.starts_with('Z'), "{error:?}");
            assert!(diagnostic.message.zh.contains("office.key"), "{error:?}");
            assert!(diagnostic.message.en.contains("office.key"), "{error:?}");
            assert!(diagnostic.help.is_some(), "{error:?}");
            assert_eq!(error.to_string(), diagnostic.message.en);
        }
    }
}
