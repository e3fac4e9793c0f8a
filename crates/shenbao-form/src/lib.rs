//! The printable application form (《新型信息消费示范项目申报书》) as an A4 PDF,
//! rendered from a validated declaration: every page carries the verification
//! code that ties the paper to the electronic files. It is one document on the
//! `shenbao_pdf` composer; the office's letter and 汇总表 are others.
//!
//! ```
//! use shenbao_check::{call::CallProfile, check, CheckOptions};
//! use shenbao_load::Document;
//! use std::path::Path;
//!
//! let path = Path::new("../../examples/thermal-screening-robot/shenbao.yaml");
//! let document = Document::load_file(path, "shenbao.yaml", Default::default()).unwrap();
//! let profile = CallProfile::embedded();
//! // Only a declaration without errors is printed.
//! let as_of = shenbao_check::date::Date::parse("2021-03-25");
//! let found = check(&document, profile, CheckOptions { strict: false, as_of });
//! assert!(found.iter().all(|d| !d.is_error()));
//!
//! let raw = std::fs::read(path).unwrap();
//! let form = shenbao_form::render(&document, &raw, profile).unwrap();
//! assert!(form.pdf.starts_with(b"%PDF"));
//! assert!(form.pages >= 5);
//! println!("verification code {}", form.code.short());
//! ```

pub mod diags;
mod sheets;

use serde_json::Value;
use sha2::{Digest, Sha256};
use shenbao_check::call::CallProfile;
use shenbao_check::model::Declaration;
use shenbao_check::rules::attachments::files;
use shenbao_diagnostic::{CodedError, Diagnostic, Text};
use shenbao_load::{pointer, Document};
use shenbao_pdf::code::{CodeInput, VerificationCode};
use shenbao_pdf::font;

/// A rendered form.
pub struct Form {
    pub pdf: Vec<u8>,
    pub code: VerificationCode,
    pub pages: usize,
}

/// Characters the font lacks, as diagnostics at the fields that hold them.
pub fn unprintable(value: &Value) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Nearly every declaration prints whole: say so without building pointers.
    if all_printable(value) {
        return out;
    }
    walk_strings(value, &mut String::new(), &mut |pointer, text| {
        if font::all_printable(text) {
            return;
        }
        let missing = font::missing_chars(text);
        if missing.is_empty() {
            return;
        }
        let list: String = missing
            .iter()
            .map(|c| format!("“{c}”(U+{:04X})", *c as u32))
            .collect::<Vec<_>>()
            .join("、");
        out.push(
            Diagnostic::new(
                &diags::GLYPH_MISSING,
                Text::new(
                    format!("字体中没有字符 {list}，申报书上此处印为方框"),
                    format!("the form's font lacks {list}; the form prints a box in its place"),
                ),
            )
            .at(pointer)
            .help(Text::new(
                "打印后在方框内手写该字（必要时加盖公章确认）；电子版保留原字。若有规范写法，也可改用",
                "write the character into the box by hand after printing (sealed if need be); the electronic copy keeps it. Where a standard form exists, it can be used instead",
            )),
        );
    });
    out
}

fn all_printable(value: &Value) -> bool {
    match value {
        Value::String(s) => font::all_printable(s),
        Value::Array(items) => items.iter().all(all_printable),
        Value::Object(map) => map
            .iter()
            .all(|(key, item)| font::all_printable(key) && all_printable(item)),
        _ => true,
    }
}

fn walk_strings(value: &Value, path: &mut String, f: &mut impl FnMut(&str, &str)) {
    match value {
        Value::String(s) => f(path, s),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push('/');
                path.push_str(&i.to_string());
                walk_strings(item, path, f);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let len = path.len();
                pointer::push_escaped(path, key);
                path.insert(len, '/');
                walk_strings(item, path, f);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// Every finding for a declaration: the call's rules (with the attachments
/// looked at in `files`), and what the form cannot print (M001, a warning:
/// the form draws a box to write in by hand), so that validating says what
/// printing will. The command line and the web page both check with this.
pub fn check_declaration(
    document: &Document,
    profile: &CallProfile,
    options: shenbao_check::rules::CheckOptions,
    files: shenbao_check::rules::Files,
) -> Vec<Diagnostic> {
    let mut diagnostics = shenbao_check::rules::check_with(document, profile, options, files);
    if let Some(value) = &document.value {
        let mut unprintable = unprintable(value);
        document.resolve(&mut unprintable);
        if options.strict {
            for d in &mut unprintable {
                d.severity = shenbao_diagnostic::Severity::Error;
            }
        }
        diagnostics.extend(unprintable);
    }
    diagnostics
}

/// Render the form for a document that has passed validation. `raw` is the
/// declaration file's bytes (hashed into the code, with the attachments: the
/// same code whether the form is printed alone or packed in a dossier).
pub fn render(
    document: &Document,
    raw: &[u8],
    profile: &CallProfile,
) -> Result<Form, Vec<Diagnostic>> {
    let declaration = typed(document)?;
    let dir = document
        .dir
        .clone()
        .unwrap_or_else(|| std::path::PathBuf::from("."));
    let mut digests = Vec::with_capacity(declaration.attachments.len());
    for (i, attachment) in declaration.attachments.iter().enumerate() {
        let digest = files::sha256_of(&dir.join(&attachment.path)).map_err(|e| {
            let mut found =
                vec![shenbao_load::file_error(&attachment.path, &e)
                    .at(format!("/attachments/{i}/path"))];
            document.resolve(&mut found);
            found
        })?;
        digests.push((attachment.path.as_str(), digest));
    }
    render_with_digests(document, raw, profile, &digests)
}

/// The typed declaration of a printable, valid document.
fn typed(document: &Document) -> Result<Declaration, Vec<Diagnostic>> {
    // Without a value, loading has said why (YAML, encoding).
    let value = document.value.as_ref().ok_or_else(|| {
        let mut found = document.diagnostics.clone();
        document.resolve(&mut found);
        found
    })?;
    // A character the font lacks is no obstacle: it prints as a box to write
    // in (M001, a warning the caller's validation already gave).
    Declaration::from_value(value).map_err(|e| vec![e.to_diagnostic()])
}

/// Render with the attachments' SHA-256 already known, in declaration order
/// (the dossier computes them while writing the attachments: one read each).
pub fn render_with_digests(
    document: &Document,
    raw: &[u8],
    profile: &CallProfile,
    attachment_digests: &[(&str, [u8; 32])],
) -> Result<Form, Vec<Diagnostic>> {
    let declaration = typed(document)?;
    let digests: Vec<[u8; 32]> = attachment_digests.iter().map(|(_, d)| *d).collect();
    let code = VerificationCode::compute(&CodeInput {
        declaration_sha256: Sha256::digest(raw).into(),
        attachments: attachment_digests.to_vec(),
    });
    let input = sheets::FormInput {
        declaration: &declaration,
        profile,
        code: &code,
        attachment_digests: &digests,
    };
    let mut composer = sheets::compose(&input);
    shenbao_pdf::footers(&mut composer, Some(&code), shenbao_pdf::Cover::Yes);
    let pages = composer.pages.len();
    let title = format!("新型信息消费示范项目申报书：{}", declaration.project.name);
    let pdf = shenbao_pdf::render_pages(&composer.pages, &title, &declaration.applicant.name)
        .map_err(|e| vec![e.to_diagnostic()])?;
    Ok(Form { pdf, code, pages })
}
