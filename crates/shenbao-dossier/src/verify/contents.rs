//! What a dossier holds, judged as `validate` judges the folder it came
//! from: the form is there and is a sound PDF, and every other file is one
//! the declaration lists. (The listed attachments themselves go through the
//! attachment rules with the declaration, declaration.rs.)

use super::d;
use crate::diags;
use crate::package::{DECLARATION_NAME, FORM_NAME};
use serde_json::Value;
use shenbao_check::rules::attachments::files::PdfProblem;
use shenbao_check::rules::attachments::packed::{PackedFile, PackedFiles, Reading};
use shenbao_diagnostic::{Diagnostic, Text};
use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

/// The payload files read so far, by their path under `data/`.
#[derive(Default)]
pub(super) struct Packed {
    pub files: PackedFiles,
}

/// How to look at the payload file at `relative` (`data/…`), of `size`
/// bytes as its entry declares, as it streams past (in bounded memory: see
/// `Reading`).
pub(super) fn reading(relative: &str, size: u64) -> Reading {
    Reading::new(relative, size)
}

impl Packed {
    pub fn add(&mut self, relative: &str, reading: Reading, sha256: [u8; 32]) {
        let Some(path) = relative.strip_prefix("data/") else {
            return;
        };
        let facts = reading.finish();
        self.files
            .insert(path.to_string(), PackedFile { facts, sha256 });
    }
}

/// Z032 for a missing or unsound form and for each file the declaration
/// (`value`, when it loaded) does not list.
pub(super) fn check(value: Option<&Value>, packed: &Packed, out: &mut Vec<Diagnostic>) {
    check_form(packed, out);
    let Some(value) = value else {
        return; // the declaration did not load: Z017 says why
    };
    let listed: HashSet<String> = value
        .pointer("/attachments")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|a| a.get("path").and_then(Value::as_str))
        .map(|p| p.nfc().collect())
        .collect();
    let mut undeclared: Vec<&str> = packed
        .files
        .paths()
        .filter(|p| *p != DECLARATION_NAME && *p != FORM_NAME && !listed.contains(*p))
        .collect();
    undeclared.sort_unstable();
    for path in undeclared {
        let shown = path.escape_debug();
        out.push(
            d(
                &diags::CONTENTS,
                format!("材料包内的 data/{shown} 不是 shenbao.yaml 列出的附件"),
                format!("data/{shown} is in the dossier but is not an attachment shenbao.yaml lists"),
            )
            .help(Text::new(
                "材料包只能含申报文件、申报书和所列附件：请申报单位重新打包",
                "a dossier holds only the declaration, the form and the listed attachments: ask the applicant to package it again",
            )),
        );
    }
}

fn check_form(packed: &Packed, out: &mut Vec<Diagnostic>) {
    let why = match packed.files.get(FORM_NAME) {
        None => Some(("缺少申报书 data/申报书.pdf", "the form data/申报书.pdf is missing")),
        Some(form) if !form.facts.head.starts_with(b"%PDF-") => Some((
            "申报书 data/申报书.pdf 不是 PDF 文件",
            "the form data/申报书.pdf is not a PDF",
        )),
        Some(form) => match form.facts.pdf_problem {
            None => None,
            Some(PdfProblem::Encrypted) => Some((
                "申报书 data/申报书.pdf 已加密",
                "the form data/申报书.pdf is encrypted",
            )),
            Some(_) => Some((
                "申报书 data/申报书.pdf 已损坏（不完整或交叉引用表损坏）",
                "the form data/申报书.pdf is damaged (incomplete or a broken cross-reference table)",
            )),
        },
    };
    if let Some((zh, en)) = why {
        out.push(
            d(&diags::CONTENTS, zh.into(), en.into()).help(Text::new(
                "申报书由 `shenbao package` 生成并放入材料包：请申报单位重新打包",
                "`shenbao package` renders the form into the dossier: ask the applicant to package it again",
            )),
        );
    }
}
