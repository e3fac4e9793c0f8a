//! Attachments (T): every listed file is safe to package, exists, is what its
//! name says, and the required kinds are there. The call asks for supporting
//! material with the form (R5/R6 deliver it); the limits are shenbao's.

use shenbao_diagnostic::{Bilingual, Rule, Severity};

/// What this family's rules share.
const FAMILY: Rule = Rule::family("attachments", "R5");

pub const UNSAFE_PATH: Rule = Rule {
    code: "T001",
    name: "attachment-path-escapes",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "附件路径不是申报文件夹内的相对路径",
        en: "the attachment path is not a relative path inside the declaration's folder",
    },
    why: Bilingual {
        zh: "附件会被打包进申报材料包并在别的电脑上核验，因此只能引用 shenbao.yaml 所在文件夹内的文件：不能用绝对路径、`..`，也不能通过符号链接指向文件夹之外。",
        en: "Attachments are packaged and verified on other machines, so they must be files inside the folder of shenbao.yaml: no absolute paths, no `..`, no symlinks leading outside.",
    },
    bad: "attachments:\n  - path: ../other-company/business-licence.pdf\n    kind: business_licence",
    good: "attachments:\n  - path: attachments/business-licence.pdf\n    kind: business_licence",
    ..FAMILY
};

pub const MISSING: Rule = Rule {
    code: "T002",
    name: "attachment-missing",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "附件文件不存在或不是普通文件",
        en: "the attachment does not exist or is not a regular file",
    },
    why: Bilingual {
        zh: "列出的附件必须存在且是一个文件（不是文件夹）。常见原因是文件名大小写或扩展名不一致、文件放错了文件夹。",
        en: "A listed attachment must exist and be a file (not a folder). Usually the name's case or extension differs, or the file is in another folder.",
    },
    bad: "attachments:\n  - path: attachments/Business-Licence.PDF   # saved as business-licence.pdf\n    kind: business_licence",
    good: "attachments:\n  - path: attachments/business-licence.pdf\n    kind: business_licence",
    ..FAMILY
};

pub const EMPTY: Rule = Rule {
    code: "T003",
    name: "attachment-empty",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "附件是空文件",
        en: "the attachment is empty",
    },
    why: Bilingual {
        zh: "0 字节的文件通常是扫描或下载中断的结果，不能作为证明材料。",
        en: "A zero-byte file is usually an interrupted scan or download and proves nothing.",
    },
    bad: "attachments:\n  - path: attachments/licence-empty.pdf   # 0 bytes: the scan was cut off\n    kind: business_licence",
    good: "attachments:\n  - path: attachments/business-licence.pdf   # the complete scan\n    kind: business_licence",
    ..FAMILY
};

pub const WRONG_TYPE: Rule = Rule {
    code: "T004",
    name: "attachment-type-mismatch",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "附件的实际类型与扩展名不符，或不是允许的类型",
        en: "the attachment's real type does not match its extension, or is not allowed",
    },
    why: Bilingual {
        zh: "只接受 PDF 和常见图片等可以打印、可以长期保存的格式。扩展名改过的文件（例如把 .docx 改名为 .pdf）在审核处打不开。shenbao 按文件开头的特征字节判断真实类型。",
        en: "Only printable, durable formats (PDF, common images) are accepted. A renamed file (a .docx called .pdf) will not open at the office. shenbao reads the file's leading bytes to tell its real type.",
    },
    bad: "attachments:\n  - path: attachments/licence-word.pdf   # a Word document renamed to .pdf\n    kind: business_licence",
    good: "attachments:\n  - path: attachments/business-licence.pdf   # a real PDF\n    kind: business_licence",
    ..FAMILY
};

pub const BAD_PDF: Rule = Rule {
    code: "T005",
    name: "pdf-encrypted-or-broken",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "PDF 附件已加密或已损坏",
        en: "a PDF attachment is encrypted or broken",
    },
    why: Bilingual {
        zh: "加密（设置了打开或编辑密码）的 PDF 在审核处无法打开或打印，结构损坏（缺少文件尾或交叉引用）的 PDF 也一样。请另存为未加密的完整 PDF。",
        en: "An encrypted PDF (open or permissions password) cannot be opened or printed at the office, nor can a truncated one (no trailer or cross-reference). Save it again as a complete, unencrypted PDF.",
    },
    bad: "attachments:\n  - path: attachments/business-licence.pdf\n    kind: business_licence\n  - path: attachments/financials-locked.pdf   # saved with a password\n    kind: financial_statement",
    good: "attachments:\n  - path: attachments/business-licence.pdf\n    kind: business_licence\n  - path: attachments/financial-statement-2020.pdf   # saved without a password\n    kind: financial_statement",
    ..FAMILY
};

pub const TOO_LARGE: Rule = Rule {
    code: "T006",
    name: "attachment-too-large",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "附件或附件总量超过大小上限",
        en: "an attachment, or all of them together, exceed the size limit",
    },
    why: Bilingual {
        zh: "申报系统和邮件对文件大小有限制，过大的扫描件还会拖慢核验。单个文件和全部附件的上限由申报指南配置给出（默认 20 MiB 和 100 MiB）；请降低扫描分辨率或拆分。",
        en: "Upload systems and mail limit file sizes, and huge scans slow verification down. The per-file and total limits come from the call profile (default 20 MiB and 100 MiB): scan at a lower resolution or split.",
    },
    bad: "attachments:\n  - path: attachments/scan-600dpi.pdf   # 25 MB\n    kind: business_licence",
    good: "attachments:\n  - path: attachments/business-licence.pdf   # scanned at 200 dpi: 2 KB\n    kind: business_licence",
    ..FAMILY
};

pub const BAD_NAME: Rule = Rule {
    code: "T007",
    name: "attachment-name-unsafe",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "附件文件名含有不安全的字符或过长",
        en: "the attachment's file name has unsafe characters or is too long",
    },
    why: Bilingual {
        zh: "文件名中的控制字符、换行、`%` 和反斜杠 `\\` 会在打包、解压和 BagIt 清单中被不同工具解读成不同的名字；`: * ? \" < > |`、首尾空格、结尾的句点、CON、NUL、COM1 等设备名和过长的名字在 Windows 上无法解压；`./` 和 `//` 让同一个文件有两种写法。",
        en: "Control characters, line breaks, `%` and backslashes in names are read differently by zip tools and BagIt manifests; `: * ? \" < > |`, leading or trailing spaces, a trailing dot, device names such as CON, NUL or COM1, and overlong names cannot be extracted on Windows; `./` and `//` give one file two spellings.",
    },
    bad: "attachments:\n  - path: \"attachments/100%营业执照.pdf\"\n    kind: business_licence",
    good: "attachments:\n  - path: attachments/营业执照.pdf\n    kind: business_licence",
    ..FAMILY
};

pub const NAMES_COLLIDE: Rule = Rule {
    code: "T010",
    name: "attachment-names-collide",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "两个附件的文件名只差大小写或字符组合方式",
        en: "two attachments' names differ only in case or composition",
    },
    why: Bilingual {
        zh: "Windows 和 macOS 不区分文件名的大小写，macOS 还会把分解形式的字符组合起来：`营业执照.PDF` 与 `营业执照.pdf` 在那里是同一个文件，解压时一个会覆盖另一个。",
        en: "Windows and macOS do not tell names apart by case, and macOS composes decomposed characters: `licence.PDF` and `licence.pdf` are one file there, and extracting one overwrites the other.",
    },
    bad: "attachments:\n  - {path: attachments/business-licence.pdf, kind: business_licence}\n  - {path: attachments/Business-licence.pdf, kind: financial_statement}",
    good: "attachments:\n  - {path: attachments/business-licence.pdf, kind: business_licence}\n  - {path: attachments/financial-statement-2020.pdf, kind: financial_statement}",
    ..FAMILY
};

pub const DUPLICATE: Rule = Rule {
    code: "T008",
    name: "attachment-duplicate",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "同一个文件被列为多个附件",
        en: "the same file is listed as more than one attachment",
    },
    why: Bilingual {
        zh: "两个附件内容完全相同（SHA-256 相同），多半是选错了文件：本应是另一份证明材料。",
        en: "Two attachments have identical content (same SHA-256): usually a wrong file was picked where another document belongs.",
    },
    bad: "attachments:\n  - {path: attachments/business-licence.pdf, kind: business_licence}\n  - {path: attachments/business-licence-copy.pdf, kind: financial_statement}",
    good: "attachments:\n  - {path: attachments/business-licence.pdf, kind: business_licence}\n  - {path: attachments/financial-statement-2020.pdf, kind: financial_statement}",
    ..FAMILY
};

pub const REQUIRED_KIND: Rule = Rule {
    code: "T009",
    name: "required-attachment-missing",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "缺少必需的附件（如营业执照）",
        en: "a required attachment (such as the business licence) is missing",
    },
    why: Bilingual {
        zh: "形式审查要核对申报单位的身份，营业执照副本复印件（加盖公章的扫描件）是必备的证明材料。必需的附件类型由申报指南配置给出。",
        en: "The formal review checks who the applicant is; a stamped scan of the business licence is indispensable. The required kinds come from the call profile.",
    },
    bad: "attachments:\n  - {path: attachments/robot-photo.png, kind: evidence}",
    good: "attachments:\n  - {path: attachments/business-licence.pdf, kind: business_licence}\n  - {path: attachments/robot-photo.png, kind: evidence}",
    ..FAMILY
};

pub const RULES: &[Rule] = &[
    UNSAFE_PATH,
    MISSING,
    EMPTY,
    WRONG_TYPE,
    BAD_PDF,
    TOO_LARGE,
    BAD_NAME,
    DUPLICATE,
    NAMES_COLLIDE,
    REQUIRED_KIND,
];
