//! Diagnostics of the loading stage: files (F), encodings (E) and YAML (Y).

use crate::diagnostic::{Rule, Severity};

const fn load_rule(
    code: &'static str,
    name: &'static str,
    severity: Severity,
    could_not_run: bool,
    text: [&'static str; 4],
    bad: &'static str,
    good: &'static str,
) -> Rule {
    let mut rule = Rule::new(code, name, severity, "", "declaration", text, bad, good);
    rule.could_not_run = could_not_run;
    rule
}

pub const PATH_NOT_FOUND: Rule = load_rule(
    "F001",
    "path-not-found",
    Severity::Error,
    true,
    [
        "路径不存在",
        "the path does not exist",
        "给出的文件或文件夹不存在，无法检查。常见原因是路径拼写错误或当前目录不对。",
        "The file or folder given on the command line does not exist, so nothing could be checked. Usually a typo or the wrong working directory.",
    ],
    "shenbao validate exmaples/thermal-screening-robot",
    "shenbao validate examples/thermal-screening-robot",
);

pub const UNREADABLE: Rule = load_rule(
    "F002",
    "unreadable-file",
    Severity::Error,
    true,
    [
        "文件无法读取",
        "the file cannot be read",
        "操作系统拒绝读取该文件（权限不足、文件被占用或是设备错误），shenbao 无法检查它。",
        "The operating system refused to read the file (permissions, a lock, a device error), so shenbao could not check it.",
    ],
    "chmod 000 shenbao.yaml",
    "chmod 644 shenbao.yaml",
);

pub const NO_DECLARATION: Rule = load_rule(
    "F003",
    "no-declaration-found",
    Severity::Error,
    true,
    [
        "文件夹中没有 shenbao.yaml",
        "no shenbao.yaml in the folder",
        "检查文件夹时，shenbao 在其中（含子文件夹）查找名为 shenbao.yaml 的申报文件；一个也没有找到时无从检查。可用 `shenbao init` 新建。",
        "In a folder, shenbao looks for files named shenbao.yaml (subfolders included); when there are none there is nothing to check. Create one with `shenbao init`.",
    ],
    "my-project/\n  申报书.yaml",
    "my-project/\n  shenbao.yaml",
);

pub const FILE_TOO_LARGE: Rule = load_rule(
    "F004",
    "file-too-large",
    Severity::Error,
    false,
    [
        "申报文件过大",
        "the declaration file is too large",
        "申报文件只含文字，通常不超过几十 KB；超过 4 MiB 的文件多半是选错了文件（或恶意输入），不读取以免耗尽内存。附件应放在 attachments 中按路径引用，而不是写进 YAML。",
        "A declaration is text only and rarely exceeds a few tens of KB; a file over 4 MiB is almost certainly the wrong file (or hostile), and is not read so memory stays bounded. Attachments belong in files referenced from `attachments`, not inside the YAML.",
    ],
    "# a 50 MB file with an embedded scan",
    "attachments:\n  - path: attachments/business-licence.pdf\n    kind: business_licence",
);

pub const LEGACY_ENCODING: Rule = load_rule(
    "E001",
    "legacy-encoding",
    Severity::Error,
    false,
    [
        "文件是 GBK/GB18030 编码而不是 UTF-8",
        "the file is GBK/GB18030-encoded, not UTF-8",
        "YAML 文件须为 UTF-8。Windows 中文版的一些编辑器默认以 GBK 保存，其他工具会把中文读成乱码。shenbao 识别出这种编码并显示解码后的那一行；用 --encoding auto 可自动转换。",
        "YAML must be UTF-8. Some editors on Chinese Windows save GBK by default, and other tools then read the Chinese as garbage. shenbao recognises the encoding and shows the offending line decoded; --encoding auto converts it.",
    ],
    "# saved as GBK (ANSI) in Notepad\nproject:\n  name: 智能测温机器人",
    "# saved as UTF-8\nproject:\n  name: 智能测温机器人",
);

pub const CONVERTED_ENCODING: Rule = load_rule(
    "E002",
    "converted-encoding",
    Severity::Warning,
    false,
    [
        "文件已从 GBK/GB18030 转换为 UTF-8 后检查",
        "the file was converted from GBK/GB18030 before checking",
        "使用 --encoding auto 时，shenbao 转换后继续检查，但文件本身仍不是 UTF-8，其他工具（以及网上申报系统）可能读错，请另存为 UTF-8。",
        "With --encoding auto shenbao converts and goes on, but the file itself is still not UTF-8 and other tools (and the online system) may misread it: save it as UTF-8.",
    ],
    "shenbao validate --encoding auto gbk/shenbao.yaml",
    "shenbao validate utf8/shenbao.yaml",
);

pub const INVALID_UTF8: Rule = load_rule(
    "E003",
    "invalid-utf8",
    Severity::Error,
    false,
    [
        "文件含有无效的 UTF-8 字节",
        "the file contains invalid UTF-8",
        "文件中有既不是 UTF-8、也不像中文旧编码的字节（例如文件被截断或混入了二进制内容），无法可靠地读取。",
        "The file has bytes that are neither UTF-8 nor a recognisable Chinese legacy encoding (a truncated file, binary content mixed in), so it cannot be read reliably.",
    ],
    "name: \\xff\\xfe\\x00 (binary bytes)",
    "name: 智能测温机器人",
);

pub const SYNTAX: Rule = load_rule(
    "Y001",
    "yaml-syntax",
    Severity::Error,
    false,
    [
        "YAML 语法错误",
        "YAML syntax error",
        "文件不是合法的 YAML（例如引号未闭合、缩进不一致、冒号后缺空格），无法继续检查内容。",
        "The file is not valid YAML (an unclosed quote, inconsistent indentation, a missing space after a colon), so its content cannot be checked.",
    ],
    "project:\n  name: \"智能测温机器人\n  category: 7",
    "project:\n  name: \"智能测温机器人\"\n  category: 7",
);

pub const DUPLICATE_KEY: Rule = load_rule(
    "Y002",
    "duplicate-key",
    Severity::Error,
    false,
    [
        "同一层级出现重复的字段",
        "a key appears twice in the same mapping",
        "同一字段写了两次时，许多工具会悄悄只保留最后一个值，纸质版与电子版就可能不一致。shenbao 一律报错，请删去多余的一个。",
        "When a key is written twice many tools silently keep the last value, so paper and electronic copies can disagree. shenbao rejects it: delete one of them.",
    ],
    "applicant:\n  name: 甲公司\n  name: 乙公司",
    "applicant:\n  name: 甲公司",
);

pub const BUDGET: Rule = load_rule(
    "Y003",
    "yaml-budget-exceeded",
    Severity::Error,
    false,
    [
        "YAML 超出处理限额（别名、嵌套深度或节点数）",
        "YAML exceeds a processing limit (aliases, nesting depth or node count)",
        "别名（*ref）展开、极深的嵌套或海量节点可以让一个很小的文件耗尽内存或让程序长时间无响应（“亿笑攻击”）。申报文件用不到这些，shenbao 在限额处停止。限额：嵌套 64 层、100 000 个节点、1 000 个别名。",
        "Alias (*ref) expansion, very deep nesting or huge node counts let a tiny file exhaust memory or hang a program (the \"billion laughs\" attack). Declarations need none of this, so shenbao stops at fixed limits: 64 levels, 100,000 nodes, 1,000 aliases.",
    ],
    "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
    "keywords: [测温, 消杀, 机器人]",
);

pub const MULTIPLE_DOCUMENTS: Rule = load_rule(
    "Y004",
    "multiple-documents",
    Severity::Error,
    false,
    [
        "一个文件中有多个 YAML 文档",
        "more than one YAML document in the file",
        "一个 shenbao.yaml 只描述一个项目；`---` 分隔出的第二个文档会被其他工具忽略。每个项目请用单独的文件夹。",
        "One shenbao.yaml describes one project; a second document after `---` would be ignored by other tools. Use one folder per project.",
    ],
    "project:\n  name: 项目甲\n---\nproject:\n  name: 项目乙",
    "project:\n  name: 项目甲",
);

pub const EMPTY: Rule = load_rule(
    "Y005",
    "empty-document",
    Severity::Error,
    false,
    [
        "申报文件是空的",
        "the declaration is empty",
        "文件中没有任何内容（或只有注释）。可用 `shenbao init` 生成带说明的模板。",
        "The file has no content (or only comments). `shenbao init` writes a commented template.",
    ],
    "# TODO",
    "schema: 1\napplicant:\n  name: 杭州云瞳智能科技有限公司",
);

pub const NOT_A_MAPPING: Rule = load_rule(
    "Y006",
    "top-level-not-mapping",
    Severity::Error,
    false,
    [
        "顶层必须是字段映射（key: value）",
        "the top level must be a mapping (key: value)",
        "申报文件的顶层是一组字段（schema、applicant、project……），不能是列表或单个值。",
        "A declaration's top level is a set of fields (schema, applicant, project…), not a list or a single value.",
    ],
    "- applicant: 杭州云瞳智能科技有限公司",
    "applicant:\n  name: 杭州云瞳智能科技有限公司",
);

pub const TAB_INDENT: Rule = load_rule(
    "Y007",
    "tab-indentation",
    Severity::Error,
    false,
    [
        "用制表符（Tab）缩进",
        "indentation with a tab",
        "YAML 只允许用空格缩进。Tab 在不同编辑器中宽度不同，YAML 规范禁止用它缩进。请把 Tab 换成空格（通常 2 个）。",
        "YAML allows only spaces for indentation; tabs look different in every editor and the YAML spec forbids them there. Replace the tab with spaces (usually 2).",
    ],
    "project:\n\tname: 智能测温机器人",
    "project:\n  name: 智能测温机器人",
);

pub const RULES: &[Rule] = &[
    PATH_NOT_FOUND,
    UNREADABLE,
    NO_DECLARATION,
    FILE_TOO_LARGE,
    LEGACY_ENCODING,
    CONVERTED_ENCODING,
    INVALID_UTF8,
    SYNTAX,
    DUPLICATE_KEY,
    BUDGET,
    MULTIPLE_DOCUMENTS,
    EMPTY,
    NOT_A_MAPPING,
    TAB_INDENT,
];
