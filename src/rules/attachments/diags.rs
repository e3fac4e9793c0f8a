//! Attachments (T): every listed file is safe to package, exists, is what its
//! name says, and the required kinds are there. The call asks for supporting
//! material with the form (R5/R6 deliver it); the limits are shenbao's.

use crate::diagnostic::{Rule, Severity};

const fn rule(
    code: &'static str,
    name: &'static str,
    text: [&'static str; 4],
    bad: &'static str,
    good: &'static str,
) -> Rule {
    Rule::new(
        code,
        name,
        Severity::Error,
        "R5",
        "attachments",
        text,
        bad,
        good,
    )
}

pub const UNSAFE_PATH: Rule = rule(
    "T001",
    "attachment-path-escapes",
    [
        "附件路径不是申报文件夹内的相对路径",
        "the attachment path is not a relative path inside the declaration's folder",
        "附件会被打包进申报材料包并在别的电脑上核验，因此只能引用 shenbao.yaml 所在文件夹内的文件：不能用绝对路径、`..`，也不能通过符号链接指向文件夹之外。",
        "Attachments are packaged and verified on other machines, so they must be files inside the folder of shenbao.yaml: no absolute paths, no `..`, no symlinks leading outside.",
    ],
    "attachments:\n  - path: ../other-company/licence.pdf",
    "attachments:\n  - path: attachments/business-licence.pdf",
);

pub const MISSING: Rule = rule(
    "T002",
    "attachment-missing",
    [
        "附件文件不存在或不是普通文件",
        "the attachment does not exist or is not a regular file",
        "列出的附件必须存在且是一个文件（不是文件夹）。常见原因是文件名大小写或扩展名不一致、文件放错了文件夹。",
        "A listed attachment must exist and be a file (not a folder). Usually the name's case or extension differs, or the file is in another folder.",
    ],
    "attachments:\n  - path: attachments/Business-Licence.PDF   # saved as business-licence.pdf",
    "attachments:\n  - path: attachments/business-licence.pdf",
);

pub const EMPTY: Rule = rule(
    "T003",
    "attachment-empty",
    [
        "附件是空文件",
        "the attachment is empty",
        "0 字节的文件通常是扫描或下载中断的结果，不能作为证明材料。",
        "A zero-byte file is usually an interrupted scan or download and proves nothing.",
    ],
    "attachments:\n  - path: attachments/licence.pdf   # 0 bytes",
    "attachments:\n  - path: attachments/licence.pdf   # the real scan",
);

pub const WRONG_TYPE: Rule = rule(
    "T004",
    "attachment-type-mismatch",
    [
        "附件的实际类型与扩展名不符，或不是允许的类型",
        "the attachment's real type does not match its extension, or is not allowed",
        "只接受 PDF 和常见图片等可以打印、可以长期保存的格式。扩展名改过的文件（例如把 .docx 改名为 .pdf）在审核处打不开。shenbao 按文件开头的特征字节判断真实类型。",
        "Only printable, durable formats (PDF, common images) are accepted. A renamed file (a .docx called .pdf) will not open at the office. shenbao reads the file's leading bytes to tell its real type.",
    ],
    "attachments:\n  - path: attachments/licence.pdf   # really a Word file",
    "attachments:\n  - path: attachments/licence.pdf   # a real PDF",
);

pub const BAD_PDF: Rule = rule(
    "T005",
    "pdf-encrypted-or-broken",
    [
        "PDF 附件已加密或已损坏",
        "a PDF attachment is encrypted or broken",
        "加密（设置了打开或编辑密码）的 PDF 在审核处无法打开或打印，结构损坏（缺少文件尾或交叉引用）的 PDF 也一样。请另存为未加密的完整 PDF。",
        "An encrypted PDF (open or permissions password) cannot be opened or printed at the office, nor can a truncated one (no trailer or cross-reference). Save it again as a complete, unencrypted PDF.",
    ],
    "attachments:\n  - path: attachments/financials.pdf   # password-protected",
    "attachments:\n  - path: attachments/financials.pdf   # saved without a password",
);

pub const TOO_LARGE: Rule = rule(
    "T006",
    "attachment-too-large",
    [
        "附件或附件总量超过大小上限",
        "an attachment, or all of them together, exceed the size limit",
        "申报系统和邮件对文件大小有限制，过大的扫描件还会拖慢核验。单个文件和全部附件的上限由申报指南配置给出（默认 20 MiB 和 100 MiB）；请降低扫描分辨率或拆分。",
        "Upload systems and mail limit file sizes, and huge scans slow verification down. The per-file and total limits come from the call profile (default 20 MiB and 100 MiB): scan at a lower resolution or split.",
    ],
    "attachments:\n  - path: attachments/scan-600dpi.pdf   # 180 MB",
    "attachments:\n  - path: attachments/scan-200dpi.pdf   # 6 MB",
);

pub const BAD_NAME: Rule = rule(
    "T007",
    "attachment-name-unsafe",
    [
        "附件文件名含有不安全的字符或过长",
        "the attachment's file name has unsafe characters or is too long",
        "文件名中的控制字符、换行、`%` 和反斜杠 `\\` 会在打包、解压和 BagIt 清单中被不同工具解读成不同的名字，过长的名字在 Windows 上无法解压。",
        "Control characters, line breaks, `%` and backslashes in names are read differently by zip tools and BagIt manifests, and overlong names cannot be extracted on Windows.",
    ],
    "attachments:\n  - path: \"attachments/100%营业执照.pdf\"",
    "attachments:\n  - path: attachments/营业执照.pdf",
);

pub const DUPLICATE: Rule = rule(
    "T008",
    "attachment-duplicate",
    [
        "同一个文件被列为多个附件",
        "the same file is listed as more than one attachment",
        "两个附件内容完全相同（SHA-256 相同），多半是选错了文件：本应是另一份证明材料。",
        "Two attachments have identical content (same SHA-256): usually a wrong file was picked where another document belongs.",
    ],
    "attachments:\n  - {path: a/licence.pdf, kind: business_licence}\n  - {path: b/licence-copy.pdf, kind: qualification}",
    "attachments:\n  - {path: a/licence.pdf, kind: business_licence}\n  - {path: b/icp-licence.pdf, kind: qualification}",
);

pub const REQUIRED_KIND: Rule = rule(
    "T009",
    "required-attachment-missing",
    [
        "缺少必需的附件（如营业执照）",
        "a required attachment (such as the business licence) is missing",
        "形式审查要核对申报单位的身份，营业执照副本复印件（加盖公章的扫描件）是必备的证明材料。必需的附件类型由申报指南配置给出。",
        "The formal review checks who the applicant is; a stamped scan of the business licence is indispensable. The required kinds come from the call profile.",
    ],
    "attachments:\n  - {path: attachments/report.pdf, kind: evidence}",
    "attachments:\n  - {path: attachments/licence.pdf, kind: business_licence}\n  - {path: attachments/report.pdf, kind: evidence}",
);

pub const RULES: &[Rule] = &[
    UNSAFE_PATH,
    MISSING,
    EMPTY,
    WRONG_TYPE,
    BAD_PDF,
    TOO_LARGE,
    BAD_NAME,
    DUPLICATE,
    REQUIRED_KIND,
];
