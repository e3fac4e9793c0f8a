//! `--format json`: exactly one JSON document (schema in docs/json-output.md).

use super::{FileResult, Summary};
use serde::Serialize;
use shenbao_diagnostic::{Diagnostic, Lang};

#[derive(Serialize)]
struct Output<'a> {
    results: Vec<ResultJson<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct ResultJson<'a> {
    path: &'a str,
    ok: bool,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<DiagnosticJson<'a>>,
}

#[derive(Serialize)]
struct DiagnosticJson<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    help: Option<&'a str>,
    pointer: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    /// Byte offset and length of the underlined text in the (UTF-8) file.
    offset: Option<usize>,
    length: Option<usize>,
    clause: &'a str,
}

fn diagnostic_json(d: &Diagnostic, lang: Lang) -> DiagnosticJson<'_> {
    DiagnosticJson {
        code: d.code,
        severity: d.severity.as_str(),
        message: d.message.get(lang),
        help: d.help.as_ref().map(|h| h.get(lang)),
        pointer: &d.pointer,
        line: d.location.map(|l| l.line),
        column: d.location.map(|l| l.column),
        offset: d.location.map(|l| l.offset),
        length: d.location.map(|l| l.len),
        clause: d.clause,
    }
}

/// The whole document, pretty-printed, with a trailing newline.
pub fn render(results: &[FileResult], summary: Summary, lang: Lang) -> String {
    let output = Output {
        results: results
            .iter()
            .map(|r| ResultJson {
                path: &r.path,
                ok: r.ok(),
                errors: r.errors(),
                warnings: r.warnings(),
                diagnostics: r
                    .diagnostics
                    .iter()
                    .map(|d| diagnostic_json(d, lang))
                    .collect(),
            })
            .collect(),
        summary,
    };
    let mut text = serde_json::to_string_pretty(&output).expect("report serialises");
    text.push('\n');
    text
}
