//! The WebAssembly module's functions. The page copies its records (see
//! [`crate::wire`]) into memory it got from [`shenbao_alloc`], calls an
//! operation, and reads the answer, whose length the call returns, at
//! [`shenbao_output`]. The first byte of an answer says what follows:
//! 0 a file (a `u32` name length, the name, the bytes), 1 JSON, 2 a wire
//! error (text: a bug of the page).

use super::wire::{decode, findings_json, Request, WireError};
use super::{Attached, Case};
use serde_json::{json, Value};
use std::cell::RefCell;

thread_local! {
    static OUTPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// The page's attachments, worked out once when they change: a
    /// keystroke sends only the declaration (`:files` `stored`).
    static STORED: RefCell<Attached> = RefCell::new(Attached::default());
}

const FILE: u8 = 0;
const JSON: u8 = 1;
const WIRE_ERROR: u8 = 2;

/// An operation's answer.
pub enum Answer {
    File { name: String, bytes: Vec<u8> },
    Json(String),
}

fn answer(result: Result<Answer, WireError>) -> usize {
    OUTPUT.with(|out| {
        let mut out = out.borrow_mut();
        out.clear();
        match result {
            Ok(Answer::File { name, bytes }) => {
                out.push(FILE);
                out.extend_from_slice(&(name.len() as u32).to_le_bytes());
                out.extend_from_slice(name.as_bytes());
                out.extend_from_slice(&bytes);
            }
            Ok(Answer::Json(text)) => {
                out.push(JSON);
                out.extend_from_slice(text.as_bytes());
            }
            Err(error) => {
                out.push(WIRE_ERROR);
                out.extend_from_slice(error.0.as_bytes());
            }
        }
        out.len()
    })
}

/// `len` bytes for the page to write into.
#[no_mangle]
pub extern "C" fn shenbao_alloc(len: usize) -> *mut u8 {
    let mut buffer = Vec::<u8>::with_capacity(len);
    let ptr = buffer.as_mut_ptr();
    std::mem::forget(buffer);
    ptr
}

/// Give back memory from [`shenbao_alloc`].
///
/// # Safety
/// `ptr` and `len` are exactly what one call of [`shenbao_alloc`] gave and took.
#[no_mangle]
pub unsafe extern "C" fn shenbao_free(ptr: *mut u8, len: usize) {
    // SAFETY: the caller passes back a buffer of that capacity, once.
    drop(unsafe { Vec::from_raw_parts(ptr, 0, len) });
}

/// Where the last answer is.
#[no_mangle]
pub extern "C" fn shenbao_output() -> *const u8 {
    OUTPUT.with(|out| out.borrow().as_ptr())
}

/// Run `operation` on the records at `ptr`.
///
/// # Safety
/// `ptr` points at `len` initialised bytes (from [`shenbao_alloc`]).
unsafe fn run(
    ptr: *const u8,
    len: usize,
    operation: fn(&Request) -> Result<Answer, WireError>,
) -> usize {
    // SAFETY: as the caller promises.
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    answer(decode(bytes).and_then(|request| operation(&request)))
}

macro_rules! export {
    ($(#[$doc:meta])* $name:ident => $operation:path) => {
        $(#[$doc])*
        ///
        /// # Safety
        /// `ptr` points at `len` initialised bytes (from [`shenbao_alloc`]).
        #[no_mangle]
        pub unsafe extern "C" fn $name(ptr: *const u8, len: usize) -> usize {
            // SAFETY: as the caller promises.
            unsafe { run(ptr, len, $operation) }
        }
    };
}

export!(
    /// The findings, as JSON.
    shenbao_validate => validate
);
export!(
    /// Keep the attachments of these records for the requests that say
    /// `:files` `stored`: `{"files": n}`.
    shenbao_set_files => set_files
);
export!(
    /// The printable form (`申报书.pdf`), or the findings that stop it.
    shenbao_form => form
);
export!(
    /// The signed dossier, or the findings that stop it.
    shenbao_package => package
);
export!(
    /// The declaration with one field set or removed: `{"text"}` or `{"error"}`.
    shenbao_edit => edit
);
export!(
    /// The declaration with the safe fixes of `validate --fix`: `{"text", "count"}`.
    shenbao_fix => fix
);
export!(
    /// The declaration as the form shows it: `{"value", "text", "findings"}`
    /// (the value null when the text does not load, the findings saying why).
    shenbao_read => read
);
export!(
    /// Every category's fit with its evidence, as `shenbao fit --format json`.
    shenbao_fit => fit
);
export!(
    /// A new key pair: `{"public", "secret", "id"}`, or `{"error"}`.
    shenbao_keygen => keygen
);
export!(
    /// Whether a secret key needs a password: `{"encrypted"}` or `{"error"}`.
    shenbao_key_info => key_info
);
export!(
    /// What the page is built from: the schema, the template, the categories.
    shenbao_about => about
);

/// The answer for findings that stop an operation.
pub fn findings(found: &[shenbao_diagnostic::Diagnostic]) -> Answer {
    Answer::Json(findings_json(found))
}

/// Run `f` on the request's declaration with its attachments: those stored
/// before, or the request's own.
fn with_case<R>(request: &Request, f: impl FnOnce(Case<'_>) -> R) -> Result<R, WireError> {
    let input = request.checked_input()?;
    let case = |attached: &Attached| {
        f(Case {
            declaration: &input.declaration,
            as_of: input.as_of,
            attached,
        })
    };
    Ok(if request.stored_files {
        STORED.with(|stored| case(&stored.borrow()))
    } else {
        case(&Attached::new(input.attachments.clone()))
    })
}

fn set_files(request: &Request) -> Result<Answer, WireError> {
    let attached = Attached::new(request.input.attachments.clone());
    let count = attached.files.len();
    STORED.with(|stored| *stored.borrow_mut() = attached);
    Ok(Answer::Json(json!({ "files": count }).to_string()))
}

fn validate(request: &Request) -> Result<Answer, WireError> {
    Ok(findings(&with_case(request, crate::validate_case)?))
}

fn form(request: &Request) -> Result<Answer, WireError> {
    Ok(match with_case(request, crate::form_case)? {
        Ok(pdf) => Answer::File {
            name: shenbao_dossier::package::FORM_NAME.to_string(),
            bytes: pdf,
        },
        Err(found) => findings(&found),
    })
}

fn package(request: &Request) -> Result<Answer, WireError> {
    let key = request
        .key
        .as_deref()
        .ok_or_else(|| WireError("no :key record".into()))?;
    Ok(
        match with_case(request, |case| {
            crate::package_case(case, key, request.password.as_deref())
        })? {
            Ok((name, bytes)) => Answer::File { name, bytes },
            Err(found) => findings(&found),
        },
    )
}

fn edit(request: &Request) -> Result<Answer, WireError> {
    let text = request.declaration_text()?;
    let pointer = request
        .pointer
        .as_deref()
        .ok_or_else(|| WireError("no :pointer record".into()))?;
    let value: Option<Value> = match &request.value {
        Some(bytes) => {
            Some(serde_json::from_slice(bytes).map_err(|e| WireError(format!(":value: {e}")))?)
        }
        None => None,
    };
    let result = match crate::edit::set(&text, pointer, value.as_ref()) {
        Ok(text) => json!({ "text": text }),
        Err(error) => json!({ "error": error.text() }),
    };
    Ok(Answer::Json(result.to_string()))
}

fn fix(request: &Request) -> Result<Answer, WireError> {
    let text = request.declaration_text()?;
    let (text, count) = shenbao_check::fix::fix_text(&text).unwrap_or((text, 0));
    Ok(Answer::Json(
        json!({ "text": text, "count": count }).to_string(),
    ))
}

fn read(request: &Request) -> Result<Answer, WireError> {
    if !request.has_declaration {
        return Err(WireError("no :declaration record".into()));
    }
    // Any encoding the command line reads (GBK, UTF-16, a BOM): the page
    // edits the text as decoded, and saves it as UTF-8.
    let document = crate::load(&request.input.declaration);
    let mut diagnostics = document.diagnostics.clone();
    document.resolve(&mut diagnostics);
    Ok(Answer::Json(
        json!({
            "value": document.value,
            "text": document.source.text,
            "findings": serde_json::from_str::<Value>(&findings_json(&diagnostics)).unwrap_or_default(),
        })
        .to_string(),
    ))
}

fn fit(request: &Request) -> Result<Answer, WireError> {
    let text = request.declaration_text()?;
    Ok(Answer::Json(crate::fit(&text).to_string()))
}

fn error_json(diagnostic: &shenbao_diagnostic::Diagnostic) -> Value {
    json!({ "error": { "code": diagnostic.code, "message": diagnostic.message, "help": diagnostic.help } })
}

fn keygen(request: &Request) -> Result<Answer, WireError> {
    let result = match crate::dossier::keygen(request.password.as_deref()) {
        Ok(pair) => json!({ "public": pair.public, "secret": pair.secret, "id": pair.id }),
        Err(diagnostic) => error_json(&diagnostic),
    };
    Ok(Answer::Json(result.to_string()))
}

fn key_info(request: &Request) -> Result<Answer, WireError> {
    let key = request
        .key
        .as_deref()
        .ok_or_else(|| WireError("no :key record".into()))?;
    let result = match crate::dossier::key_info(key) {
        Ok(encrypted) => json!({ "encrypted": encrypted }),
        Err(diagnostic) => error_json(&diagnostic),
    };
    Ok(Answer::Json(result.to_string()))
}

fn about(_: &Request) -> Result<Answer, WireError> {
    Ok(Answer::Json(crate::about().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{encode, push_record};
    use crate::Input;

    fn call(f: unsafe extern "C" fn(*const u8, usize) -> usize, records: &[u8]) -> Vec<u8> {
        // SAFETY: the records are initialised bytes of that length.
        let len = unsafe { f(records.as_ptr(), records.len()) };
        // SAFETY: the answer is `len` bytes at shenbao_output().
        unsafe { std::slice::from_raw_parts(shenbao_output(), len) }.to_vec()
    }

    /// Attachments handed over once give the same findings and form as the
    /// same attachments sent with every request.
    #[test]
    fn stored_attachments_answer_as_sent_ones() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/thermal-screening-robot"
        );
        let mut attachments = Vec::new();
        for entry in std::fs::read_dir(format!("{dir}/attachments")).unwrap() {
            let path = entry.unwrap().path();
            let name = format!(
                "attachments/{}",
                path.file_name().unwrap().to_str().unwrap()
            );
            attachments.push((name, std::fs::read(&path).unwrap()));
        }
        let input = Input {
            declaration: std::fs::read(format!("{dir}/shenbao.yaml")).unwrap(),
            attachments,
            as_of: shenbao_check::date::Date::parse("2021-03-25"),
        };
        let sent = encode(&input);
        let files_only = encode(&Input {
            declaration: Vec::new(),
            attachments: input.attachments.clone(),
            as_of: None,
        });
        assert_eq!(
            call(shenbao_set_files, &files_only),
            b"\x01{\"files\":3}".to_vec()
        );
        let mut stored = encode(&Input {
            declaration: input.declaration.clone(),
            attachments: Vec::new(),
            as_of: input.as_of,
        });
        push_record(&mut stored, ":files", b"stored");
        for operation in [shenbao_validate, shenbao_form] {
            let a = call(operation, &sent);
            let b = call(operation, &stored);
            assert_eq!(a[0], b[0]);
            assert!(a == b, "the same answer");
        }
        assert_eq!(call(shenbao_form, &stored)[0], FILE);
        // Without them, the attachments are missing.
        call(shenbao_set_files, &encode(&Input::default()));
        assert_eq!(call(shenbao_form, &stored)[0], JSON);
    }
}
