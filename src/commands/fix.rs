//! `validate --fix` and `--diff`: the safe fixes of shenbao_check::fix,
//! written in place (atomically, through a temp file beside the declaration)
//! or shown as a unified diff. Only declarations are touched, and only where
//! a fix applies; a file that needs none keeps every byte.

use super::{output_not_written, write_stdout, Failure};
use crate::inputs::{self, Input};
use shenbao_diagnostic::Lang;
use shenbao_load::{Document, EncodingMode, LoadOptions};
use std::path::{Path, PathBuf};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Fix (or, with `diff_only`, show the fixes for) every declaration under
/// `paths`. What cannot be read is left to the validation that follows.
pub fn run(paths: &[PathBuf], diff_only: bool, lang: Lang) -> Result<(), Failure> {
    let mut files = Vec::new();
    inputs::for_each(paths, |input| {
        if let Input::File { path, display } = input {
            files.push((path, display));
        }
    });
    let mut report = String::new();
    for (path, display) in files {
        let Some((fixed, count, converted)) = fixes_for(&path, &display) else {
            continue;
        };
        if diff_only {
            let original = std::fs::read(&path).unwrap_or_default();
            report.push_str(&unified_diff(
                &display,
                &String::from_utf8_lossy(&original),
                &fixed,
            ));
        } else {
            crate::atomic::write(&path, &fixed_bytes(&path, &fixed, converted))
                .map_err(|err| output_not_written(&path, &err))?;
        }
        report.push_str(&said(lang, &display, count, converted, diff_only));
    }
    if !report.is_empty() {
        write_stdout(&report)?;
    }
    Ok(())
}

/// The fixed text of the declaration at `path`, the number of fixes, and
/// whether its encoding is converted to UTF-8; `None` when nothing changes.
fn fixes_for(path: &Path, display: &str) -> Option<(String, usize, bool)> {
    let load = LoadOptions {
        encoding: EncodingMode::Auto,
    };
    let document = Document::load_file(path, display, load).ok()?;
    let converted = document
        .diagnostics
        .iter()
        .any(|d| d.code == shenbao_load::diags::CONVERTED_ENCODING.code);
    match shenbao_check::fix::fix_text(&document.source.text) {
        Some((fixed, count)) => Some((fixed, count, converted)),
        None if converted => Some((document.source.text, 0, true)),
        None => None,
    }
}

/// The bytes to write: UTF-8, with the BOM the file had (if it was UTF-8).
fn fixed_bytes(path: &Path, fixed: &str, converted: bool) -> Vec<u8> {
    let had_bom = !converted
        && std::fs::File::open(path)
            .and_then(|mut f| {
                let mut head = [0u8; 3];
                std::io::Read::read_exact(&mut f, &mut head).map(|()| head)
            })
            .is_ok_and(|head| head == UTF8_BOM);
    let mut bytes = Vec::with_capacity(fixed.len() + 3);
    if had_bom {
        bytes.extend_from_slice(UTF8_BOM);
    }
    bytes.extend_from_slice(fixed.as_bytes());
    bytes
}

fn said(lang: Lang, display: &str, count: usize, converted: bool, diff_only: bool) -> String {
    let (zh_verb, en_verb) = if diff_only {
        ("可修正", "would fix")
    } else {
        ("已修正", "fixed")
    };
    let encoding = match (converted, lang) {
        (false, _) => String::new(),
        (true, Lang::Zh) => "，并转换为 UTF-8 编码".to_string(),
        (true, Lang::En) => ", and converted to UTF-8".to_string(),
    };
    match lang {
        Lang::Zh => format!("{zh_verb} {display}：{count} 处{encoding}\n"),
        Lang::En => format!("{en_verb} {display}: {count} problem(s){encoding}\n"),
    }
}

/// A unified diff of `before` and `after`, as `diff -u` writes it.
fn unified_diff(display: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(display, display)
        .to_string()
}
