//! Attachments: safe relative paths inside the declaration's folder, real files
//! of an allowed type that open, within size limits, no duplicates, and the
//! required kinds present.

pub mod diags;
pub mod files;
pub mod folder;

use super::Context;
use files::{NameProblem, PathProblem, PdfProblem};
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
    let Some(dir) = cx.dir else {
        return; // text not from a file: nothing on disk to look at
    };
    let mut folder = folder::Folder::new(dir);
    let rules = &cx.profile.attachments;
    let mut total = 0u64;
    // Files of equal size are hashed afterwards to find duplicates: a large
    // attachment of its own size is never read in full here.
    let mut by_size: HashMap<u64, Vec<(usize, &str, std::path::PathBuf)>> = HashMap::new();
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
            out.push(path_problem(&pointer, path, &problem, rules.max_name_chars));
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
                out.push(collision(&pointer, path, first, first_path));
                continue;
            }
            Some(_) => {}
            None => {
                folded_names.insert(folded, (index, path));
            }
        }
        let (real, opened) = match folder.open_plain(path) {
            Some(opened) => (opened.path, Some((opened.file, opened.size))),
            None => match files::resolve(folder.dir(), path) {
                Ok(Some(resolved)) if resolved.is_file => (resolved.path, None),
                Ok(Some(_)) => {
                    out.push(missing(&pointer, path, "不是文件", "is not a file"));
                    continue;
                }
                Ok(None) => {
                    out.push(missing(&pointer, path, "不存在", "does not exist"));
                    continue;
                }
                Err(problem) => {
                    out.push(path_problem(&pointer, path, &problem, rules.max_name_chars));
                    continue;
                }
            },
        };
        let ext = real
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let is_pdf = ext == "pdf";
        let looked = match opened {
            Some((file, size)) => files::inspect_open(file, size, is_pdf),
            None => files::inspect(&real, is_pdf),
        };
        let facts = match looked {
            Ok(facts) => facts,
            Err(err) => {
                out.push(missing(
                    &pointer,
                    path,
                    &format!("无法读取（{err}）"),
                    &format!("cannot be read ({err})"),
                ));
                continue;
            }
        };
        total += facts.size;
        if facts.size == 0 {
            out.push(
                Diagnostic::new(
                    &diags::EMPTY,
                    Text::new(
                        format!("附件 {path} 是空文件（0 字节）"),
                        format!("attachment {path} is empty (0 bytes)"),
                    ),
                )
                .at(&pointer)
                .help(Text::new(
                    "重新扫描或导出该文件",
                    "scan or export the file again",
                )),
            );
            continue;
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
                .at(&pointer)
                .help(Text::new(
                    "降低扫描分辨率（200 dpi 足够）或拆分文件",
                    "scan at a lower resolution (200 dpi is enough) or split it",
                )),
            );
        }
        check_type(cx, &pointer, path, &ext, &facts, out);
        by_size
            .entry(facts.size)
            .or_default()
            .push((index, path, real));
    }
    check_duplicates(by_size, out);
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

/// Same size, same SHA-256: the same file listed twice.
fn check_duplicates(
    by_size: HashMap<u64, Vec<(usize, &str, std::path::PathBuf)>>,
    out: &mut Vec<Diagnostic>,
) {
    let mut groups: Vec<_> = by_size.into_values().filter(|g| g.len() > 1).collect();
    groups.sort_by_key(|g| g[0].0);
    for group in groups {
        let mut seen: HashMap<[u8; 32], (usize, &str)> = HashMap::new();
        for (index, path, real) in group {
            let Ok(digest) = files::sha256_of(&real) else {
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

fn missing(pointer: &str, path: &str, zh: &str, en: &str) -> Diagnostic {
    Diagnostic::new(
        &diags::MISSING,
        Text::new(
            format!("附件 {path} {zh}"),
            format!("attachment {path} {en}"),
        ),
    )
    .at(pointer)
    .help(Text::new(
        "路径相对于 shenbao.yaml 所在文件夹；检查文件名（含大小写和扩展名）",
        "paths are relative to the folder of shenbao.yaml; check the name, its case and extension",
    ))
}

/// T010: two paths that name one file on Windows or macOS.
fn collision(pointer: &str, path: &str, first: usize, first_path: &str) -> Diagnostic {
    Diagnostic::new(
        &diags::NAMES_COLLIDE,
        Text::new(
            format!(
                "附件 {path} 与第 {} 个附件 {first_path} 只差大小写或字符的组合方式，在 Windows 和 macOS 上是同一个文件",
                first + 1
            ),
            format!(
                "attachment {path} differs from attachment {} ({first_path}) only in case or composition: on Windows and macOS they are one file",
                first + 1
            ),
        ),
    )
    .at(pointer)
    .help(Text::new(
        "给其中一个文件改一个明显不同的名字",
        "give one of the files a clearly different name",
    ))
}

fn path_problem(pointer: &str, path: &str, problem: &PathProblem, max: usize) -> Diagnostic {
    let (rule, zh, en) = match problem {
        PathProblem::Absolute => (
            &diags::UNSAFE_PATH,
            format!("附件路径 {path} 是绝对路径"),
            format!("attachment path {path} is absolute"),
        ),
        PathProblem::ParentDir => (
            &diags::UNSAFE_PATH,
            format!("附件路径 {path} 用 `..` 指向文件夹之外"),
            format!("attachment path {path} uses `..` to leave the folder"),
        ),
        PathProblem::Escapes(real) => (
            &diags::UNSAFE_PATH,
            format!(
                "附件 {path} 通过符号链接指向文件夹之外（{}）",
                real.display()
            ),
            format!(
                "attachment {path} leads outside the folder through a symlink ({})",
                real.display()
            ),
        ),
        PathProblem::UnsafeName { component, why } => {
            let (zh, en) = match why {
                NameProblem::Control => (
                    "含有控制字符或换行".to_string(),
                    "contains a control character or line break".to_string(),
                ),
                NameProblem::Percent => ("含有 `%`".to_string(), "contains `%`".to_string()),
                NameProblem::Backslash => (
                    "含有反斜杠 `\\`（路径分隔请用 /）".to_string(),
                    "contains a backslash (separate folders with /)".to_string(),
                ),
                NameProblem::TooLong(n) => (
                    format!("长 {n} 个字符，超过 {max}"),
                    format!("is {n} characters long, over {max}"),
                ),
                NameProblem::EmptyOrDot => (
                    "是空的或 `.`（路径中有 `./`、`//` 或以 / 结尾）".to_string(),
                    "is empty or `.` (the path has `./`, `//` or a trailing /)".to_string(),
                ),
                NameProblem::Forbidden(c) => (
                    format!("含有 Windows 不允许的字符 `{c}`"),
                    format!("contains `{c}`, which Windows does not allow"),
                ),
                NameProblem::Trimmed => (
                    "以空格开头，或以空格、句点结尾（Windows 会去掉它们）".to_string(),
                    "starts with a space or ends with a space or dot (Windows drops them)"
                        .to_string(),
                ),
                NameProblem::Reserved => (
                    "是 Windows 的设备名（CON、NUL、COM1 等），在 Windows 上无法保存".to_string(),
                    "is a Windows device name (CON, NUL, COM1…) and cannot be saved on Windows"
                        .to_string(),
                ),
            };
            (
                &diags::BAD_NAME,
                format!("附件文件名“{}”{zh}", component.escape_debug()),
                format!("attachment name `{}` {en}", component.escape_debug()),
            )
        }
    };
    let help = if rule.code == diags::BAD_NAME.code {
        Text::new(
            "给文件改个简单的名字（中文、字母、数字、- 和 _）",
            "rename the file simply (letters, digits, Chinese, - and _)",
        )
    } else {
        Text::new(
            "把附件复制到 shenbao.yaml 所在文件夹（如 attachments/）并写相对路径",
            "copy the file into the folder of shenbao.yaml (e.g. attachments/) and give a relative path",
        )
    };
    Diagnostic::new(rule, Text::new(zh, en))
        .at(pointer)
        .help(help)
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
