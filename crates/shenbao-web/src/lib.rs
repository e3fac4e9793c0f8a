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

mod dossier;
pub mod edit;
pub mod exports;
mod wire;

use sha2::{Digest, Sha256};
use shenbao_check::call::CallProfile;
use shenbao_check::date::Date;
use shenbao_check::rules::attachments::packed::{PackedFile, PackedFiles, Reading};
use shenbao_check::rules::{CheckOptions, Files};
use shenbao_diagnostic::{CodedError, Diagnostic};
use shenbao_load::{Document, LoadOptions};

pub use dossier::{key_info, keygen, package, package_case};
pub use wire::{decode, encode, push_record, Request, WireError};

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
pub(crate) const NAME: &str = "shenbao.yaml";

/// Attachments with what the checks read from them (type by content, size,
/// encryption, SHA-256), worked out once: the page hands its files over when
/// they change, not on every keystroke.
#[derive(Debug, Default)]
pub struct Attached {
    pub files: Vec<(String, Vec<u8>)>,
    packed: PackedFiles,
}

impl Attached {
    pub fn new(files: Vec<(String, Vec<u8>)>) -> Attached {
        let mut packed = PackedFiles::default();
        for (path, bytes) in &files {
            let mut reading = Reading::new(path, bytes.len() as u64);
            reading.update(bytes);
            packed.insert(
                path.clone(),
                PackedFile {
                    facts: reading.finish(),
                    sha256: Sha256::digest(bytes).into(),
                },
            );
        }
        Attached { files, packed }
    }
}

/// One declaration to check, print or package, with its attachments.
#[derive(Clone, Copy)]
pub struct Case<'a> {
    pub declaration: &'a [u8],
    pub as_of: Option<Date>,
    pub attached: &'a Attached,
}

impl Input {
    /// Run `f` on this input, its attachments worked out for it.
    fn with_case<R>(&self, f: impl FnOnce(Case<'_>) -> R) -> R {
        let attached = Attached::new(self.attachments.clone());
        f(Case {
            declaration: &self.declaration,
            as_of: self.as_of,
            attached: &attached,
        })
    }
}

pub(crate) fn load(declaration: &[u8]) -> Document {
    Document::from_bytes(NAME, declaration.to_vec(), LoadOptions::default())
}

/// Every finding for the declaration, as `shenbao validate` gives them.
pub fn validate(input: &Input) -> Vec<Diagnostic> {
    input.with_case(validate_case)
}

/// [`validate`] for attachments worked out before.
pub fn validate_case(case: Case<'_>) -> Vec<Diagnostic> {
    findings(case, &load(case.declaration))
}

pub(crate) fn findings(case: Case<'_>, document: &Document) -> Vec<Diagnostic> {
    let options = CheckOptions {
        strict: false,
        as_of: case.as_of,
    };
    shenbao_form::check_declaration(
        document,
        CallProfile::embedded(),
        options,
        Files::Packed(&case.attached.packed),
    )
}

/// The printable form, as `shenbao form` writes it; or the findings that
/// stop it (any error).
pub fn form(input: &Input) -> Result<Vec<u8>, Vec<Diagnostic>> {
    input.with_case(form_case)
}

/// [`form`] for attachments worked out before: the declaration is loaded
/// once, for the checks and the form alike, and no attachment is hashed again.
pub fn form_case(case: Case<'_>) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let document = load(case.declaration);
    let found = findings(case, &document);
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
            let sha256 = case
                .attached
                .packed
                .get(&a.path)
                .map_or([0; 32], |f| f.sha256);
            (a.path.as_str(), sha256)
        })
        .collect();
    shenbao_form::render_with_digests(
        &document,
        case.declaration,
        CallProfile::embedded(),
        &digests,
    )
    .map(|form| form.pdf)
}

/// `shenbao init`'s template: what a new declaration in the page starts from
/// (the checked-in file without its generated-file notice).
pub fn template() -> &'static str {
    const FILE: &str = include_str!("../../../schemas/init-template.yaml");
    FILE.find("# yaml-language-server:")
        .map_or(FILE, |at| &FILE[at..])
}

/// Every category's fit with the concepts that earned it, as `shenbao fit
/// --format json` gives it (without the file's path); null when the text
/// does not load.
pub fn fit(text: &str) -> serde_json::Value {
    let document = Document::from_text(NAME, text);
    let Some(value) = &document.value else {
        return serde_json::Value::Null;
    };
    let profile = CallProfile::embedded();
    let ranking = shenbao_check::rules::category::scoring::rank(value, profile);
    let categories: Vec<serde_json::Value> = ranking
        .ranked
        .iter()
        .map(|fit| {
            serde_json::json!({
                "number": fit.number,
                "name": profile.category(fit.number).map_or("", |c| c.name.as_str()),
                "score": fit.score,
                "concepts": fit.evidence,
            })
        })
        .collect();
    serde_json::json!({
        "declared": ranking.declared,
        "best": ranking.best,
        "categories": categories,
    })
}

/// What the page builds its form from: the declaration schema, the
/// template, the call's categories and the version.
pub fn about() -> serde_json::Value {
    let profile = CallProfile::embedded();
    let schema: serde_json::Value =
        serde_json::from_str(shenbao_check::schema::SCHEMA_TEXT).unwrap_or_default();
    let categories: Vec<serde_json::Value> = profile
        .categories
        .iter()
        .map(|c| serde_json::json!({ "number": c.number, "name": c.name, "summary": c.summary, "summary_en": c.summary_en }))
        .collect();
    serde_json::json!({
        "version": env!("CARGO_PKG_VERSION"),
        "call": profile.id,
        "schema": schema,
        "template": template(),
        "categories": categories,
    })
}
