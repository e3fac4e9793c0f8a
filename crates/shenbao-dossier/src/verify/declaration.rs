//! The declaration inside a dossier: it must still validate, and its files
//! must give the code printed on the paper form, when one is given.

use super::{contents, d, read_entry, Entry, VerifyOptions};
use crate::diags;
use sha2::{Digest, Sha256};
use shenbao_check::rules::{self, CheckOptions};
use shenbao_diagnostic::Diagnostic;
use shenbao_load::{Document, LoadOptions};
use shenbao_pdf::code::{normalise, CodeInput, VerificationCode};
use std::collections::BTreeMap;
use std::io::Read;
use unicode_normalization::UnicodeNormalization;

#[allow(clippy::too_many_arguments)] // the archive, what was read of it, and the options
pub(super) fn check_declaration<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    entries: &[Entry],
    prefix: &str,
    digests: &BTreeMap<String, String>,
    packed: &contents::Packed,
    options: &VerifyOptions,
    out: &mut Vec<Diagnostic>,
) {
    let name = format!("{prefix}data/{}", crate::package::DECLARATION_NAME);
    let Some(entry) = entries.iter().find(|e| e.name == name) else {
        out.push(d(
            &diags::NOT_A_BAG,
            "包内没有 data/shenbao.yaml".into(),
            "data/shenbao.yaml is missing".into(),
        ));
        return;
    };
    let mut raw = Vec::new();
    if let Err(problem) = read_entry(
        archive,
        entry,
        shenbao_load::MAX_FILE_BYTES.min(entry.size),
        |c| raw.extend_from_slice(c),
    ) {
        out.push(*problem);
        return;
    }
    let document = Document::from_bytes("data/shenbao.yaml", raw.clone(), LoadOptions::default());
    let check = CheckOptions {
        strict: false,
        as_of: options.as_of,
    };
    // The attachments are judged as the dossier holds them.
    let files = rules::Files::Packed(&packed.files);
    let problems: Vec<Diagnostic> = rules::check_with(&document, options.profile, check, files)
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    if !problems.is_empty() {
        let codes: Vec<String> = problems
            .iter()
            .map(|p| format!("{} {}", p.code, p.message.en))
            .collect();
        let codes_zh: Vec<String> = problems
            .iter()
            .map(|p| format!("{} {}", p.code, p.message.zh))
            .collect();
        out.push(d(
            &diags::DECLARATION,
            format!(
                "包内申报文件有 {} 个错误：{}",
                problems.len(),
                codes_zh.join("；")
            ),
            format!(
                "the declaration inside has {} error(s): {}",
                problems.len(),
                codes.join("; ")
            ),
        ));
    }
    contents::check(document.value.as_ref(), packed, out);
    let Some(paper) = options.paper_code else {
        return;
    };
    let Some(value) = &document.value else {
        return;
    };
    let attachments: Vec<(String, [u8; 32])> = value
        .pointer("/attachments")
        .and_then(serde_json::Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|a| a.get("path").and_then(serde_json::Value::as_str))
                .map(|p| {
                    let nfc: String = p.nfc().collect();
                    let digest = digests
                        .get(&format!("data/{nfc}"))
                        .map(|h| from_hex(h))
                        .unwrap_or_default();
                    (p.to_string(), digest)
                })
                .collect()
        })
        .unwrap_or_default();
    let code = VerificationCode::compute(&CodeInput {
        declaration_sha256: Sha256::digest(&raw).into(),
        attachments: attachments.iter().map(|(p, h)| (p.as_str(), *h)).collect(),
    });
    if normalise(paper) != normalise(&code.short()) {
        out.push(d(
            &diags::PAPER_CODE,
            format!(
                "纸质申报书上的校验码 {paper} 与材料包的 {} 不符",
                code.short()
            ),
            format!(
                "the paper form's code {paper} does not match this dossier's {}",
                code.short()
            ),
        ));
    }
}

fn from_hex(text: &str) -> [u8; 32] {
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2).unwrap_or("00"), 16).unwrap_or(0);
    }
    out
}
