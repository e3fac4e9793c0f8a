//! shenbao's core over files held in memory, for a web page: the declaration
//! and its attachments come as bytes (browser `File` objects), not from a
//! folder, and nothing touches a file system. The checks see the attachments
//! through the same [`Files::Packed`] source that `verify` uses for the
//! files inside a dossier, so a page and the command line give the same
//! findings and the same form, byte for byte.
//!
//! [`exports`] is the WebAssembly interface: plain functions over linear
//! memory, no `eval`; wasm-bindgen's glue only supplies what dependencies
//! import (docs/web.md).

pub mod exports;
mod wire;

use sha2::{Digest, Sha256};
use shenbao_check::call::CallProfile;
use shenbao_check::date::Date;
use shenbao_check::rules::attachments::packed::{PackedFile, PackedFiles, Reading};
use shenbao_check::rules::{CheckOptions, Files};
use shenbao_diagnostic::{CodedError, Diagnostic};
use shenbao_load::{Document, LoadOptions};

pub use wire::{decode, encode, WireError};

/// A declaration and its attachments, as a page holds them.
#[derive(Debug, Default)]
pub struct Input {
    /// The `shenbao.yaml` bytes, as stored (any encoding the loader reads).
    pub declaration: Vec<u8>,
    /// Each attachment by its path relative to the declaration's folder,
    /// with `/` between folders (`attachments/licence.pdf`).
    pub attachments: Vec<(String, Vec<u8>)>,
    /// The day the call's dates are checked against (`--as-of`); today when absent.
    pub as_of: Option<Date>,
}

/// The name the declaration goes by in findings.
const NAME: &str = "shenbao.yaml";

fn load(input: &Input) -> Document {
    Document::from_bytes(NAME, input.declaration.clone(), LoadOptions::default())
}

fn packed(input: &Input) -> PackedFiles {
    let mut files = PackedFiles::default();
    for (path, bytes) in &input.attachments {
        let mut reading = Reading::new(path, bytes.len() as u64);
        reading.update(bytes);
        files.insert(
            path.clone(),
            PackedFile {
                facts: reading.finish(),
                sha256: Sha256::digest(bytes).into(),
            },
        );
    }
    files
}

/// Every finding for the declaration, as `shenbao validate` gives them.
pub fn validate(input: &Input) -> Vec<Diagnostic> {
    let document = load(input);
    findings(input, &document, &packed(input))
}

fn findings(input: &Input, document: &Document, files: &PackedFiles) -> Vec<Diagnostic> {
    let options = CheckOptions {
        strict: false,
        as_of: input.as_of,
    };
    shenbao_form::check_declaration(
        document,
        CallProfile::embedded(),
        options,
        Files::Packed(files),
    )
}

/// The printable form, as `shenbao form` writes it; or the findings that
/// stop it (any error). The declaration is loaded and each attachment
/// hashed once, for the checks and the form's code alike.
pub fn form(input: &Input) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let document = load(input);
    let files = packed(input);
    let found = findings(input, &document, &files);
    if found.iter().any(Diagnostic::is_error) {
        return Err(found);
    }
    let declaration = shenbao_check::model::Declaration::from_value(
        document.value.as_ref().ok_or_else(|| found.clone())?,
    )
    .map_err(|e| vec![e.to_diagnostic()])?;
    // Without errors, every attachment the declaration lists was found.
    let digests: Vec<(&str, [u8; 32])> = declaration
        .attachments
        .iter()
        .map(|a| {
            let sha256 = files.get(&a.path).map_or([0; 32], |f| f.sha256);
            (a.path.as_str(), sha256)
        })
        .collect();
    shenbao_form::render_with_digests(
        &document,
        &input.declaration,
        CallProfile::embedded(),
        &digests,
    )
    .map(|form| form.pdf)
}
