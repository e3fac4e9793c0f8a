//! Packaging in the page: the signed dossier from the declaration and the
//! attachments held in memory, with a key file the applicant picked or one
//! made in the page. The same writer as `shenbao package`, so the same
//! inputs and key give the same bytes.

use super::{findings, load, Case, Input};
use shenbao_check::call::CallProfile;
use shenbao_check::model::Declaration;
use shenbao_diagnostic::{CodedError, Diagnostic};
use shenbao_dossier::keys::{self, KeyError, NewKeyPair, Password};
use shenbao_dossier::minisign::{parse_key, KeyText};
use shenbao_dossier::package::{self, FromMemory};
use std::io::Cursor;
use std::path::Path;

/// What the secret key is called in messages: the page has its file's name
/// only, and `keygen` suggests this one.
const KEY_NAME: &str = "shenbao.key";

/// The dossier's file name (`<id>.zip`, as `shenbao package` names it) and
/// its bytes; or the findings that stop it: the declaration's errors, or
/// what is wrong with the key.
pub fn package(
    input: &Input,
    key_text: &str,
    password: Option<&str>,
) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
    input.with_case(|case| package_case(case, key_text, password))
}

/// [`package`] for attachments worked out before.
pub fn package_case(
    case: Case<'_>,
    key_text: &str,
    password: Option<&str>,
) -> Result<(String, Vec<u8>), Vec<Diagnostic>> {
    let document = load(case.declaration);
    let found = findings(case, &document);
    if found.iter().any(Diagnostic::is_error) {
        return Err(found);
    }
    let key_path = Path::new(KEY_NAME);
    // The page asks for the password of an encrypted key (`key_info`); an
    // empty one does not open it, which Z025 says.
    let password = Password::new(password.unwrap_or_default().to_string());
    let key = keys::open_secret(key_path, key_text, || Ok(password))
        .map_err(|e| vec![e.to_diagnostic()])?;
    let value = document.value.as_ref().ok_or_else(|| found.clone())?;
    let declaration = Declaration::from_value(value).map_err(|e| vec![e.to_diagnostic()])?;
    let name = format!("{}.zip", package::dossier_id(&declaration));
    let mut out = Cursor::new(Vec::new());
    package::write(
        &mut out,
        Path::new(&name),
        &document,
        case.declaration,
        CallProfile::embedded(),
        &key,
        &mut FromMemory(&case.attached.files),
    )
    .map_err(|e| vec![e.to_diagnostic()])?;
    Ok((name, out.into_inner()))
}

/// A new key pair, encrypted with `password` when there is one.
pub fn keygen(password: Option<&str>) -> Result<NewKeyPair, Box<Diagnostic>> {
    let password = password
        .filter(|p| !p.is_empty())
        .map(|p| Password::new(p.to_string()));
    keys::generate(Path::new(KEY_NAME), password.as_ref()).map_err(|e| Box::new(e.to_diagnostic()))
}

/// Whether a secret key file needs a password, or why it is not a secret key.
pub fn key_info(key_text: &str) -> Result<bool, Box<Diagnostic>> {
    let path = Path::new(KEY_NAME).to_path_buf();
    match parse_key(key_text) {
        Ok(KeyText::Secret(sealed)) => Ok(sealed.is_encrypted()),
        Ok(KeyText::Public(_)) => Err(Box::new(KeyError::PublicNotSecret { path }.to_diagnostic())),
        Err(why) => Err(Box::new(KeyError::NotAKey { path, why }.to_diagnostic())),
    }
}
