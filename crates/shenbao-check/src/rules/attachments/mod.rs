//! Attachments: safe relative paths inside the declaration's folder, real files
//! of an allowed type that open, within size limits, no duplicates, and the
//! required kinds present.

pub mod diags;
pub mod files;
pub mod folder;
mod messages;
pub mod packed;
mod source;

use super::{Context, Files};
use files::PdfProblem;
use serde_json::Value;
use shenbao_diagnostic::{Diagnostic, Text};
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

const MIB: u64 = 1024 * 1024;
const ZIP_MAGIC: &str = "504b0304";

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(items) = cx.get("/attachments").and_then(Value::as_array) else {
        return;
    };
    check_required_kinds(cx, items, out);
    match cx.files {
        Files::None => {} // text not from a file: nothing to look at
        Files::Folder(dir) => check_files(cx, items, &mut source::OnDisk::new(dir), out),
        Files::Packed(packed) => check_files(cx, items, &mut source::InDossier(packed), out),
    }
}

/// Each listed file looked at where `source` keeps it: the path as written,
/// the file's type by content, its size, PDF damage and encryption, the
/// total, and files listed twice.
fn check_files(
    cx: &Context,
    items: &[Value],
    source: &mut impl source::Source,
    out: &mut Vec<Diagnostic>,
) {
    let rules = &cx.profile.attachments;
    let mut total = 0u64;
    // Files of equal size are hashed afterwards to find duplicates: a large
    // attachment of its own size is never read in full here.
    let mut by_size: HashMap<u64, Vec<(usize, &str, source::Digest)>> = HashMap::new();
    let mut folded_names: HashMap<String, (usize, &str)> = HashMap::new();
    for (index, item) in items.iter().enumerate() {
        let pointer = format!("/attachments/{index}/path");
        let Some(path) = item
            .get("path")
            .and_then(Value::as_str)
            .filter(|p| !p.is_empty())
        else {
            continue;
        };
        if let Err(problem) = files::check_path(path, rules.max_name_chars) {
            out.push(messages::path_problem(
                &pointer,
                path,
                &problem,
                rules.max_name_chars,
            ));
            continue;
        }
        // Windows and macOS fold case, and macOS composes: names that differ
        // only so become one file there, whatever Linux thinks.
        let folded = if path.is_ascii() {
            path.to_ascii_lowercase()
        } else {
            path.nfc().collect::<String>().to_lowercase()
        };
        match folded_names.get(&folded) {
            Some(&(first, first_path)) if first_path != path => {
                out.push(messages::collision(&pointer, path, first, first_path));
                continue;
            }
            Some(_) => {}
            None => {
                folded_names.insert(folded, (index, path));
            }
        }
        let found = match source.look(&pointer, path, rules.max_name_chars) {
            Ok(found) => found,
            Err(problem) => {
                out.push(*problem);
                continue;
            }
        };
        total += found.facts.size;
        if judge(cx, &pointer, path, &found.ext, &found.facts, out) {
            by_size
                .entry(found.facts.size)
                .or_default()
                .push((index, path, found.digest));
        }
    }
    check_duplicates(source, by_size, out);
    if total > rules.max_total_mib * MIB {
        out.push(
            Diagnostic::new(
                &diags::TOO_LARGE,
                Text::new(
                    format!(
                        "附件共 {:.1} MiB，超过总量上限 {} MiB",
                        mib(total),
                        rules.max_total_mib
                    ),
                    format!(
                        "attachments total {:.1} MiB, over the {} MiB limit",
                        mib(total),
                        rules.max_total_mib
                    ),
                ),
            )
            .at_key("/attachments")
            .help(Text::new(
                "压缩扫描件或精简附件",
                "compress the scans or attach fewer files",
            )),
        );
    }
}

/// One file's own findings: empty, too large, the wrong type, a damaged or
/// encrypted PDF. False when it is empty (nothing more to say about it).
fn judge(
    cx: &Context,
    pointer: &str,
    path: &str,
    ext: &str,
    facts: &files::Facts,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let rules = &cx.profile.attachments;
    if facts.size == 0 {
        out.push(
            Diagnostic::new(
                &diags::EMPTY,
                Text::new(
                    format!("附件 {path} 是空文件（0 字节）"),
                    format!("attachment {path} is empty (0 bytes)"),
                ),
            )
            .at(pointer)
            .help(Text::new(
                "重新扫描或导出该文件",
                "scan or export the file again",
            )),
        );
        return false;
    }
    if facts.size > rules.max_file_mib * MIB {
        out.push(
            Diagnostic::new(
                &diags::TOO_LARGE,
                Text::new(
                    format!(
                        "附件 {path} 有 {:.1} MiB，超过单个文件上限 {} MiB",
                        mib(facts.size),
                        rules.max_file_mib
                    ),
                    format!(
                        "attachment {path} is {:.1} MiB, over the {} MiB limit per file",
                        mib(facts.size),
                        rules.max_file_mib
                    ),
                ),
            )
            .at(pointer)
            .help(Text::new(
                "降低扫描分辨率（200 dpi 足够）或拆分文件",
                "scan at a lower resolution (200 dpi is enough) or split it",
            )),
        );
    }
    check_type(cx, pointer, path, ext, facts, out);
    true
}

/// Same size, same SHA-256: the same file listed twice.
fn check_duplicates(
    source: &mut impl source::Source,
    by_size: HashMap<u64, Vec<(usize, &str, source::Digest)>>,
    out: &mut Vec<Diagnostic>,
) {
    let mut groups: Vec<_> = by_size.into_values().filter(|g| g.len() > 1).collect();
    groups.sort_by_key(|g| g[0].0);
    for group in groups {
        let mut seen: HashMap<[u8; 32], (usize, &str)> = HashMap::new();
        for (index, path, digest) in group {
            let Some(digest) = source.digest(&digest) else {
                continue;
            };
            if let Some((first, first_path)) = seen.get(&digest) {
                out.push(
                    Diagnostic::new(
                        &diags::DUPLICATE,
                        Text::new(
                            format!("附件 {path} 与第 {} 个附件 {first_path} 内容完全相同", first + 1),
                            format!("attachment {path} has the same content as attachment {} ({first_path})", first + 1),
                        ),
                    )
                    .at(format!("/attachments/{index}/path"))
                    .help(Text::new("换成应有的证明材料，或删去重复项", "replace it with the intended document, or remove the duplicate")),
                );
            } else {
                seen.insert(digest, (index, path));
            }
        }
    }
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / MIB as f64
}

fn check_type(
    cx: &Context,
    pointer: &str,
    path: &str,
    ext: &str,
    facts: &files::Facts,
    out: &mut Vec<Diagnostic>,
) {
    let extensions = &cx.profile.attachments.extensions;
    let allowed: Vec<&str> = extensions.iter().map(|e| e.ext.as_str()).collect();
    let actual = extensions
        .iter()
        .find(|e| files::has_magic(&facts.head, &e.magic_hex))
        .map(|e| e.ext.as_str());
    let declared = extensions.iter().find(|e| e.ext == ext);
    let problem = match declared {
        None => Some((
            format!("附件 {path} 的类型 .{ext} 不在允许之列"),
            format!("attachment {path}: type .{ext} is not allowed"),
        )),
        Some(d) if !files::has_magic(&facts.head, &d.magic_hex) => Some(match actual {
            // Word, Excel and OFD files are all ZIP containers: name the family.
            Some(_) if files::has_magic(&facts.head, ZIP_MAGIC) => (
                format!("附件 {path} 的扩展名是 .{ext}，实际是 ZIP 容器文件（如 Word、Excel 或 OFD）"),
                format!("attachment {path} is named .{ext} but is really a ZIP container (Word, Excel or OFD)"),
            ),
            Some(real) => (
                format!("附件 {path} 的扩展名是 .{ext}，实际是 {real} 文件"),
                format!("attachment {path} is named .{ext} but is really a {real} file"),
            ),
            None => (
                format!("附件 {path} 的扩展名是 .{ext}，但内容不是 {ext} 文件"),
                format!("attachment {path} is named .{ext} but its content is not {ext}"),
            ),
        }),
        Some(_) => None,
    };
    if let Some((zh, en)) = problem {
        out.push(
            Diagnostic::new(&diags::WRONG_TYPE, Text::new(zh, en))
                .at(pointer)
                .help(Text::new(
                    format!("另存为允许的格式：{}", allowed.join("、")),
                    format!("save it in an allowed format: {}", allowed.join(", ")),
                )),
        );
        return;
    }
    if let Some(problem) = &facts.pdf_problem {
        let (zh, en) = match problem {
            PdfProblem::Encrypted => (
                "已加密（设置了密码或权限限制）",
                "is encrypted (password or permissions)",
            ),
            PdfProblem::NoHeader => ("缺少 PDF 文件头", "has no PDF header"),
            PdfProblem::NoEnd => (
                "不完整（缺少文件尾 %%EOF 或 startxref），可能被截断",
                "is incomplete (no %%EOF or startxref): probably truncated",
            ),
            PdfProblem::BadCrossReference => (
                "交叉引用表损坏，无法打开",
                "has a broken cross-reference table and will not open",
            ),
        };
        out.push(
            Diagnostic::new(
                &diags::BAD_PDF,
                Text::new(
                    format!("PDF 附件 {path} {zh}"),
                    format!("PDF attachment {path} {en}"),
                ),
            )
            .at(pointer)
            .help(Text::new(
                "用 PDF 软件“另存为”一份未加密的完整文件",
                "use a PDF tool to save a complete, unencrypted copy",
            )),
        );
    }
}

fn check_required_kinds(cx: &Context, items: &[Value], out: &mut Vec<Diagnostic>) {
    for kind in &cx.profile.attachments.required_kinds {
        let present = items
            .iter()
            .any(|i| i.get("kind").and_then(Value::as_str) == Some(kind.as_str()));
        if !present {
            let (zh, en) = match kind.as_str() {
                "business_licence" => ("营业执照副本复印件", "business licence copy"),
                other => (other, other),
            };
            out.push(
                Diagnostic::new(
                    &diags::REQUIRED_KIND,
                    Text::new(
                        format!("缺少必需的附件：{zh}（kind: {kind}）"),
                        format!("a required attachment is missing: {en} (kind: {kind})"),
                    ),
                )
                .at_key("/attachments")
                .help(Text::new(
                    format!("加上加盖公章的扫描件，kind: {kind}"),
                    format!("add the stamped scan with kind: {kind}"),
                )),
            );
        }
    }
}
