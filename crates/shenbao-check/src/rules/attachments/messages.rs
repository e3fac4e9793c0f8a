//! The diagnostics about an attachment's path: missing, colliding, unsafe.

use super::diags;
use super::files::{NameProblem, PathProblem};
use shenbao_diagnostic::{Diagnostic, Text};

pub(super) fn missing(pointer: &str, path: &str, zh: &str, en: &str) -> Diagnostic {
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
pub(super) fn collision(pointer: &str, path: &str, first: usize, first_path: &str) -> Diagnostic {
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

pub(super) fn path_problem(
    pointer: &str,
    path: &str,
    problem: &PathProblem,
    max: usize,
) -> Diagnostic {
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
                shenbao_diagnostic::shown_path(real)
            ),
            format!(
                "attachment {path} leads outside the folder through a symlink ({})",
                shenbao_diagnostic::shown_path(real)
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
                format!("附件文件名“{}”{zh}", shown_name(component)),
                format!("attachment name `{}` {en}", shown_name(component)),
            )
        }
    };
    let backslash = matches!(
        problem,
        PathProblem::UnsafeName {
            why: NameProblem::Backslash,
            ..
        }
    );
    let help = if backslash {
        Text::new(
            "在 shenbao.yaml 里把 \\ 改成 /，例如 attachments/营业执照.pdf（Windows 同样认得 /）",
            "write / instead of \\ in shenbao.yaml, as in attachments/licence.pdf (Windows reads / as well)",
        )
    } else if rule.code == diags::BAD_NAME.code {
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

/// A file beside where `path` points whose name differs only in case or in
/// its extension (Business-Licence.PDF for business-licence.pdf, licence.jpg
/// for licence.pdf), as the path to write; the first 1,000 entries of the
/// folder are looked at.
pub(super) fn near_name(dir: &std::path::Path, path: &str) -> Option<String> {
    let (folder, name) = match path.rsplit_once('/') {
        Some((folder, name)) => (Some(folder), name),
        None => (None, path),
    };
    let stem = |n: &str| n.rsplit_once('.').map_or(n, |(s, _)| s).to_lowercase();
    let (lower, wanted_stem) = (name.to_lowercase(), stem(name));
    let entries =
        std::fs::read_dir(folder.map_or_else(|| dir.to_path_buf(), |f| dir.join(f))).ok()?;
    let mut by_stem = None;
    for entry in entries.take(1000).flatten() {
        let Ok(found) = entry.file_name().into_string() else {
            continue;
        };
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let written = match folder {
            Some(folder) => format!("{folder}/{found}"),
            None => found.clone(),
        };
        if found.to_lowercase() == lower {
            return Some(written);
        }
        if by_stem.is_none() && stem(&found) == wanted_stem {
            by_stem = Some(written);
        }
    }
    by_stem
}

/// A file name as the message quotes it: control characters escaped (`\n`,
/// `\u{7}`) so that they can be seen, everything else (a backslash, quotes)
/// as it was written.
fn shown_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_debug().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
