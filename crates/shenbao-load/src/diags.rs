//! Diagnostics of the loading stage: files (F), encodings (E) and YAML (Y).

use shenbao_diagnostic::{Bilingual, Rule, Severity};

/// What this family's rules share.
const FAMILY: Rule = Rule::family("declaration", "");

pub const PATH_NOT_FOUND: Rule = Rule {
    code: "F001",
    name: "path-not-found",
    severity: Severity::Error,
    could_not_run: true,
    summary: Bilingual {
        zh: "路径不存在",
        en: "the path does not exist",
    },
    why: Bilingual {
        zh: "给出的文件或文件夹不存在，无法检查。常见原因是路径拼写错误或当前目录不对。",
        en: "The file or folder given on the command line does not exist, so nothing could be checked. Usually a typo or the wrong working directory.",
    },
    bad: "$ shenbao validate shenbao.yml      # the file is called shenbao.yaml",
    good: "$ shenbao validate shenbao.yaml",
    ..FAMILY
};

pub const UNREADABLE: Rule = Rule {
    code: "F002",
    name: "unreadable-file",
    severity: Severity::Error,
    could_not_run: true,
    summary: Bilingual {
        zh: "文件无法读取",
        en: "the file cannot be read",
    },
    why: Bilingual {
        zh: "操作系统拒绝读取该文件（权限不足、文件被占用或是设备错误），shenbao 无法检查它。",
        en: "The operating system refused to read the file (permissions, a lock, a device error), so shenbao could not check it.",
    },
    bad: "$ chmod 000 shenbao.yaml      # no one may read it\n$ shenbao validate .",
    good: "$ chmod 644 shenbao.yaml      # the owner may change it, everyone may read it\n$ shenbao validate .",
    ..FAMILY
};

pub const NO_DECLARATION: Rule = Rule {
    code: "F003",
    name: "no-declaration-found",
    severity: Severity::Error,
    could_not_run: true,
    summary: Bilingual {
        zh: "文件夹中没有 shenbao.yaml",
        en: "no shenbao.yaml in the folder",
    },
    why: Bilingual {
        zh: "检查文件夹时，shenbao 在其中（含子文件夹）查找名为 shenbao.yaml 的申报文件；一个也没有找到时无从检查。可用 `shenbao init` 新建。",
        en: "In a folder, shenbao looks for files named shenbao.yaml (subfolders included); when there are none there is nothing to check. Create one with `shenbao init`.",
    },
    bad: "$ mv shenbao.yaml 申报书.yaml\n$ shenbao validate .",
    good: "$ mv shenbao.yaml 申报书.yaml\n$ shenbao validate 申报书.yaml      # a file named on the command line is checked whatever its name",
    ..FAMILY
};

pub const FILE_TOO_LARGE: Rule = Rule {
    code: "F004",
    name: "file-too-large",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "申报文件过大",
        en: "the declaration file is too large",
    },
    why: Bilingual {
        zh: "申报文件只含文字，通常不超过几十 KB；超过 4 MiB 的文件多半是选错了文件（或恶意输入），不读取以免耗尽内存。附件应放在 attachments 中按路径引用，而不是写进 YAML。",
        en: "A declaration is text only and rarely exceeds a few tens of KB; a file over 4 MiB is almost certainly the wrong file (or hostile), and is not read so memory stays bounded. Attachments belong in files referenced from `attachments`, not inside the YAML.",
    },
    bad: "$ base64 attachments/scan-600dpi.pdf >> shenbao.yaml      # a 25 MB scan pasted in as text\n$ shenbao validate .",
    good: "attachments:\n  - path: attachments/business-licence.pdf      # the scan stays a file of its own\n    kind: business_licence",
    ..FAMILY
};

pub const NOT_REGULAR: Rule = Rule {
    code: "F010",
    name: "not-a-regular-file",
    severity: Severity::Error,
    could_not_run: true,
    summary: Bilingual {
        zh: "给出的路径不是普通文件",
        en: "the path is not a regular file",
    },
    why: Bilingual {
        zh: "shenbao 只读取普通文件。命名管道（FIFO）会让程序一直等待，设备文件（如 /dev/zero）读不到尽头，因此在读取之前就拒绝它们。",
        en: "shenbao reads regular files only. A named pipe (FIFO) would make it wait forever and a device (such as /dev/zero) never ends, so both are refused before anything is read.",
    },
    bad: "$ mkfifo 管道.yaml\n$ shenbao validate 管道.yaml      # a named pipe: nothing would ever arrive",
    good: "$ shenbao validate shenbao.yaml",
    ..FAMILY
};

pub const LEGACY_ENCODING: Rule = Rule {
    code: "E001",
    name: "legacy-encoding",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "文件是 GBK/GB18030 编码而不是 UTF-8",
        en: "the file is GBK/GB18030-encoded, not UTF-8",
    },
    why: Bilingual {
        zh: "YAML 文件须为 UTF-8。Windows 中文版的一些编辑器默认以 GBK 保存，其他工具会把中文读成乱码。shenbao 识别出这种编码并显示解码后的那一行；用 --encoding auto 可自动转换。",
        en: "YAML must be UTF-8. Some editors on Chinese Windows save GBK by default, and other tools then read the Chinese as garbage. shenbao recognises the encoding and shows the offending line decoded; --encoding auto converts it.",
    },
    bad: "$ shenbao validate gbk/      # gbk/shenbao.yaml: the same declaration saved as GBK (\"ANSI\") in Notepad",
    good: "$ shenbao validate .      # shenbao.yaml saved as UTF-8",
    ..FAMILY
};

pub const CONVERTED_ENCODING: Rule = Rule {
    code: "E002",
    name: "converted-encoding",
    severity: Severity::Warning,
    summary: Bilingual {
        zh: "文件已从 GBK/GB18030 转换为 UTF-8 后检查",
        en: "the file was converted from GBK/GB18030 before checking",
    },
    why: Bilingual {
        zh: "使用 --encoding auto 时，shenbao 转换后继续检查，但文件本身仍不是 UTF-8，其他工具（以及网上申报系统）可能读错，请另存为 UTF-8。",
        en: "With --encoding auto shenbao converts and goes on, but the file itself is still not UTF-8 and other tools (and the online system) may misread it: save it as UTF-8.",
    },
    bad: "$ shenbao validate --encoding auto gbk/",
    good: "$ shenbao validate .      # saved again as UTF-8",
    ..FAMILY
};

pub const INVALID_UTF8: Rule = Rule {
    code: "E003",
    name: "invalid-utf8",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "文件含有无效的 UTF-8 字节",
        en: "the file contains invalid UTF-8",
    },
    why: Bilingual {
        zh: "文件中有既不是 UTF-8、也不像中文旧编码的字节（例如文件被截断或混入了二进制内容），无法可靠地读取。",
        en: "The file has bytes that are neither UTF-8 nor a recognisable Chinese legacy encoding (a truncated file, binary content mixed in), so it cannot be read reliably.",
    },
    bad: "$ printf '\\377\\376\\000' >> shenbao.yaml      # three bytes that are not text\n$ shenbao validate .",
    good: "$ shenbao validate .      # the file as the editor saved it",
    ..FAMILY
};

pub const SYNTAX: Rule = Rule {
    code: "Y001",
    name: "yaml-syntax",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "YAML 语法错误",
        en: "YAML syntax error",
    },
    why: Bilingual {
        zh: "文件不是合法的 YAML（例如引号未闭合、缩进不一致、冒号后缺空格），无法继续检查内容。",
        en: "The file is not valid YAML (an unclosed quote, inconsistent indentation, a missing space after a colon), so its content cannot be checked.",
    },
    bad: "project:\n  name: \"智能测温消杀防疫机器人\n  category: 7",
    good: "project:\n  name: \"智能测温消杀防疫机器人\"\n  category: 7",
    ..FAMILY
};

pub const DUPLICATE_KEY: Rule = Rule {
    code: "Y002",
    name: "duplicate-key",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "同一层级出现重复的字段",
        en: "a key appears twice in the same mapping",
    },
    why: Bilingual {
        zh: "同一字段写了两次时，许多工具会悄悄只保留最后一个值，纸质版与电子版就可能不一致。shenbao 一律报错，请删去多余的一个。",
        en: "When a key is written twice many tools silently keep the last value, so paper and electronic copies can disagree. shenbao rejects it: delete one of them.",
    },
    bad: "applicant:\n  name: 南京澄衡智能机器人有限公司\n  name: 南京澄衡机器人公司",
    good: "applicant:\n  name: 南京澄衡智能机器人有限公司",
    ..FAMILY
};

pub const BUDGET: Rule = Rule {
    code: "Y003",
    name: "yaml-budget-exceeded",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "YAML 超出处理限额（别名、嵌套深度或节点数）",
        en: "YAML exceeds a processing limit (aliases, nesting depth or node count)",
    },
    why: Bilingual {
        zh: "别名（*ref）展开、极深的嵌套或海量节点可以让一个很小的文件耗尽内存或让程序长时间无响应（“亿笑攻击”）。申报文件用不到这些，shenbao 在限额处停止。限额：嵌套 64 层、100 000 个节点、1 000 个别名。",
        en: "Alias (*ref) expansion, very deep nesting or huge node counts let a tiny file exhaust memory or hang a program (the \"billion laughs\" attack). Declarations need none of this, so shenbao stops at fixed limits: 64 levels, 100,000 nodes, 1,000 aliases.",
    },
    bad: "a: &a [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]",
    good: "project:\n  keywords: [人工智能, 智能测温, 消杀, 防疫机器人]",
    ..FAMILY
};

pub const MULTIPLE_DOCUMENTS: Rule = Rule {
    code: "Y004",
    name: "multiple-documents",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "一个文件中有多个 YAML 文档",
        en: "more than one YAML document in the file",
    },
    why: Bilingual {
        zh: "一个 shenbao.yaml 只描述一个项目；`---` 分隔出的第二个文档会被其他工具忽略。每个项目请用单独的文件夹。",
        en: "One shenbao.yaml describes one project; a second document after `---` would be ignored by other tools. Use one folder per project.",
    },
    bad: "project:\n  name: 智能测温消杀防疫机器人\n---\nproject:\n  name: 园区智能巡检机器人",
    good: "project:\n  name: 智能测温消杀防疫机器人",
    ..FAMILY
};

pub const EMPTY: Rule = Rule {
    code: "Y005",
    name: "empty-document",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "申报文件是空的",
        en: "the declaration is empty",
    },
    why: Bilingual {
        zh: "文件中没有任何内容（或只有注释）。可用 `shenbao init` 生成带说明的模板。",
        en: "The file has no content (or only comments). `shenbao init` writes a commented template.",
    },
    bad: "# TODO: 待填写",
    good: "schema: 1\napplicant:\n  name: 南京澄衡智能机器人有限公司",
    ..FAMILY
};

pub const NOT_A_MAPPING: Rule = Rule {
    code: "Y006",
    name: "top-level-not-mapping",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "顶层必须是字段映射（key: value）",
        en: "the top level must be a mapping (key: value)",
    },
    why: Bilingual {
        zh: "申报文件的顶层是一组字段（schema、applicant、project……），不能是列表或单个值。",
        en: "A declaration's top level is a set of fields (schema, applicant, project…), not a list or a single value.",
    },
    bad: "- applicant: 南京澄衡智能机器人有限公司\n- project: 智能测温消杀防疫机器人",
    good: "applicant:\n  name: 南京澄衡智能机器人有限公司\nproject:\n  name: 智能测温消杀防疫机器人",
    ..FAMILY
};

pub const TAB_INDENT: Rule = Rule {
    code: "Y007",
    name: "tab-indentation",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "用制表符（Tab）缩进",
        en: "indentation with a tab",
    },
    why: Bilingual {
        zh: "YAML 只允许用空格缩进。Tab 在不同编辑器中宽度不同，YAML 规范禁止用它缩进。请把 Tab 换成空格（通常 2 个）。",
        en: "YAML allows only spaces for indentation; tabs look different in every editor and the YAML spec forbids them there. Replace the tab with spaces (usually 2).",
    },
    bad: "project:\n\tname: 智能测温消杀防疫机器人",
    good: "project:\n  name: 智能测温消杀防疫机器人",
    ..FAMILY
};

pub const FULL_WIDTH_COLON: Rule = Rule {
    code: "Y008",
    name: "full-width-colon",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "字段名后用了全角冒号“：”",
        en: "a full-width colon “：” after a key",
    },
    why: Bilingual {
        zh: "YAML 只认英文冒号加空格（`: `）作为字段名和值的分隔。中文输入法下打出的“：”会让整行变成一段文字，后面的内容都无法读取。`shenbao validate --fix` 可以自动改正。",
        en: "YAML takes only an ASCII colon and a space (`: `) between a key and its value. The “：” a Chinese input method types makes the whole line one text, and nothing after it can be read. `shenbao validate --fix` corrects it.",
    },
    bad: "project:\n  name：智能测温消杀防疫机器人",
    good: "project:\n  name: 智能测温消杀防疫机器人",
    ..FAMILY
};

pub const NO_SPACE_AFTER_COLON: Rule = Rule {
    code: "Y009",
    name: "no-space-after-colon",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "字段名的冒号后缺少空格",
        en: "no space after a key's colon",
    },
    why: Bilingual {
        zh: "YAML 中冒号后必须有空格（`name: 值`）；写成 `name:值` 时整行被当作一段文字。`shenbao validate --fix` 可以自动补上空格。",
        en: "In YAML a colon must be followed by a space (`name: value`); `name:value` is read as one text. `shenbao validate --fix` adds the space.",
    },
    bad: "applicant:\n  employees:186",
    good: "applicant:\n  employees: 186",
    ..FAMILY
};

pub const FULL_WIDTH_INDENT: Rule = Rule {
    code: "Y010",
    name: "full-width-space-indent",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "缩进中有全角空格",
        en: "a full-width space in the indentation",
    },
    why: Bilingual {
        zh: "YAML 只允许用半角空格缩进。全角空格（U+3000）看起来和两个空格一样宽，却不算缩进，字段会归到错误的位置或无法读取。`shenbao validate --fix` 把每个全角空格换成两个半角空格。多行文字（`|-`）内部段首的全角空格属于正文，不受影响。",
        en: "YAML indents with ASCII spaces only. A full-width space (U+3000) looks as wide as two spaces but is not indentation, so the field lands in the wrong place or cannot be read. `shenbao validate --fix` turns each into two spaces. Full-width spaces opening a paragraph inside a block text (`|-`) are part of the text and stay.",
    },
    bad: "project:\n\u{3000}name: 智能测温消杀防疫机器人",
    good: "project:\n  name: 智能测温消杀防疫机器人",
    ..FAMILY
};

pub const CHINESE_QUOTES: Rule = Rule {
    code: "Y011",
    name: "chinese-quotes",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "值用中文引号或全角引号括起",
        en: "a value wrapped in Chinese or full-width quotes",
    },
    why: Bilingual {
        zh: "YAML 的引号只能是英文引号（\"…\" 或 '…'）。用“…”或＂…＂括起时，引号会成为值的一部分，印在申报书上，代码和数字也会因此校验失败。`shenbao validate --fix` 把它们换成英文引号。",
        en: "YAML's quotes are ASCII (\"…\" or '…'). Wrapped in “…” or ＂…＂, the quotes become part of the value and print on the form, and codes and numbers fail their checks. `shenbao validate --fix` replaces them with ASCII quotes.",
    },
    bad: "applicant:\n  credit_code: “913201153021847731”",
    good: "applicant:\n  credit_code: \"913201153021847731\"",
    ..FAMILY
};

pub const NOT_TEXT: Rule = Rule {
    code: "E004",
    name: "not-a-text-file",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "给出的文件是文档、压缩包或图片，不是 YAML 文本文件",
        en: "the file given is a document, an archive or an image, not a YAML text",
    },
    why: Bilingual {
        zh: "shenbao 检查的是 shenbao.yaml 这样的文本文件（用 `shenbao init` 生成）。Word 或 WPS 文档、PDF、图片和 ZIP 压缩包不是文本，逐字节读下去只会得到一串乱码。打包好的申报材料包（ZIP）要用 `shenbao verify` 核验。",
        en: "shenbao checks text files such as shenbao.yaml (`shenbao init` writes one). A Word or WPS document, a PDF, an image or a ZIP archive is not text, and reading it byte by byte only gives noise. A packaged dossier (ZIP) is checked with `shenbao verify`.",
    },
    bad: "$ printf 'PK\\003\\004\\024\\000\\006\\000' > 申报书.docx      # a Word document\n$ shenbao validate 申报书.docx",
    good: "$ shenbao validate shenbao.yaml",
    ..FAMILY
};

pub const CONTROL_IN_FILE: Rule = Rule {
    code: "Y012",
    name: "control-character-in-file",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "文件中有看不见的控制字符",
        en: "the file holds an invisible control character",
    },
    why: Bilingual {
        zh: "从 Word 或网页复制文字时，常带进看不见的控制字符：Word 里按 Shift+回车 产生的手动换行符（U+000B）、分页符（U+000C）等。YAML 文件中不允许出现它们，它们也打印不出来。shenbao 指出每一个的位置，其余内容照常检查；删除它即可，需要分段时在 `|` 块文本中直接换行。",
        en: "Text copied from Word or a web page often brings invisible control characters: the manual line break Word makes with Shift+Enter (U+000B), its page break (U+000C) and others. YAML files may not hold them, and they do not print. shenbao points at each and checks the rest as usual; delete it, and to start a new paragraph break the line inside a `|` block text.",
    },
    bad: "$ sed -i 's/江宁区秣陵/江宁区\\x0b秣陵/' shenbao.yaml      # a manual line break pasted from Word\n$ shenbao validate .",
    good: "$ shenbao validate .      # address: 南京市江宁区秣陵街道清水亭东路 1688 号 3 幢",
    ..FAMILY
};

pub const RULES: &[Rule] = &[
    PATH_NOT_FOUND,
    UNREADABLE,
    NO_DECLARATION,
    FILE_TOO_LARGE,
    NOT_REGULAR,
    LEGACY_ENCODING,
    CONVERTED_ENCODING,
    INVALID_UTF8,
    NOT_TEXT,
    SYNTAX,
    DUPLICATE_KEY,
    BUDGET,
    MULTIPLE_DOCUMENTS,
    EMPTY,
    NOT_A_MAPPING,
    TAB_INDENT,
    FULL_WIDTH_COLON,
    NO_SPACE_AFTER_COLON,
    FULL_WIDTH_INDENT,
    CHINESE_QUOTES,
    CONTROL_IN_FILE,
];
