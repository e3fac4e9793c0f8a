//! The password of an encrypted secret key: from SHENBAO_PASSWORD, else typed
//! on the terminal (not echoed), else a coded error (Z026). Only the command
//! line talks to the terminal; the dossier layer asks through these.

use shenbao_diagnostic::{io_reason, Lang};
use shenbao_dossier::keys::{KeyError, Password, PASSWORD_ENV};
use std::io::IsTerminal;
use std::path::Path;

fn from_env() -> Option<Password> {
    std::env::var(PASSWORD_ENV)
        .ok()
        .filter(|p| !p.is_empty())
        .map(Password::new)
}

/// Whether someone can type a password: standard input is a terminal. (A
/// script's input is not, and it is then never left waiting for one.)
fn terminal() -> bool {
    std::io::stdin().is_terminal()
}

fn prompt(text: &str, path: &Path) -> Result<Password, KeyError> {
    rpassword::prompt_password(text)
        .map(Password::new)
        .map_err(|err| KeyError::PasswordNotRead {
            path: path.to_path_buf(),
            reason: io_reason(&err),
        })
}

/// The password of the secret key at `path`, for `keys::load_secret`, which
/// asks for it only when the key is encrypted.
pub fn for_key(path: &Path, lang: Lang) -> impl FnOnce() -> Result<Password, KeyError> + '_ {
    move || {
        if let Some(password) = from_env() {
            return Ok(password);
        }
        if !terminal() {
            return Err(KeyError::NoPassword {
                path: path.to_path_buf(),
            });
        }
        let shown = shenbao_diagnostic::shown_path(path);
        let text = match lang {
            Lang::Zh => format!("请输入 {shown} 的密码："),
            Lang::En => format!("Password for {shown}: "),
        };
        prompt(&text, path)
    }
}

/// The password for the new secret key at `path`: from SHENBAO_PASSWORD, or
/// typed twice on the terminal.
pub fn for_new_key(path: &Path, lang: Lang) -> Result<Password, KeyError> {
    if let Some(password) = from_env() {
        return Ok(password);
    }
    if !terminal() {
        return Err(KeyError::NoPasswordForNewKey {
            path: path.to_path_buf(),
        });
    }
    let shown = shenbao_diagnostic::shown_path(path);
    let (first, again) = match lang {
        Lang::Zh => (
            format!("为新秘密密钥 {shown} 设置密码："),
            "再输入一次：".to_string(),
        ),
        Lang::En => (
            format!("Password for the new secret key {shown}: "),
            "The same password again: ".to_string(),
        ),
    };
    let password = prompt(&first, path)?;
    if password.is_empty() {
        return Err(KeyError::EmptyPassword {
            path: path.to_path_buf(),
        });
    }
    if *prompt(&again, path)? != *password {
        return Err(KeyError::PasswordsDiffer {
            path: path.to_path_buf(),
        });
    }
    Ok(password)
}
