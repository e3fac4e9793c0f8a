//! Characters in text (U): what a field holds must print on the form, travel
//! in the dossier and reach an office's screen as the applicant meant it.

use shenbao_diagnostic::{Bilingual, Rule, Severity};

/// What this family's rules share.
const FAMILY: Rule = Rule::family("text", "");

pub const CONTROL_CHARACTER: Rule = Rule {
    code: "U001",
    name: "control-character",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "文本中有控制字符",
        en: "a text holds a control character",
    },
    why: Bilingual {
        zh: "控制字符（如退格、回车、ESC 转义序列）打印不出来，在推荐单位的终端和表格中会改写、隐藏或清除其他内容。通常是从其他系统复制粘贴时带入的，删除即可。",
        en: "Control characters (backspace, carriage return, ESC sequences) do not print, and on an office's terminal or in its spreadsheet they overwrite, hide or clear other content. They usually come with a copy and paste from another system: delete them.",
    },
    bad: "project:\n  name: \"智能测温机器人\\r\"",
    good: "project:\n  name: 智能测温机器人",
    ..FAMILY
};

pub const INVISIBLE_CHARACTER: Rule = Rule {
    code: "U002",
    name: "invisible-or-bidi-character",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "文本中有看不见的字符或文字方向控制符",
        en: "a text holds an invisible character or a bidi control",
    },
    why: Bilingual {
        zh: "零宽字符和从右到左等方向控制符看不见，却会改变文字的显示顺序或让两个看起来相同的名称不同（例如把 gpj.exe 显示成 exe.jpg）。申报材料中不需要它们。",
        en: "Zero-width characters and bidi controls (right-to-left override and the like) are invisible yet change how text reads, or make two names that look the same differ (showing gpj.exe as exe.jpg). A declaration needs none of them.",
    },
    bad: "applicant:\n  name: \"南京澄衡\\u200b智能机器人有限公司\"",
    good: "applicant:\n  name: 南京澄衡智能机器人有限公司",
    ..FAMILY
};

pub const NOT_NFC: Rule = Rule {
    code: "U003",
    name: "not-composed",
    severity: Severity::Warning,
    summary: Bilingual {
        zh: "文本不是标准组合形式（NFC）",
        en: "a text is not in the composed form (NFC)",
    },
    why: Bilingual {
        zh: "同一个字可以用不同的码位序列写出（如“é”写成 e 加组合符号，或用兼容汉字 U+F900 等）。看起来一样，检索、比对和查重时却不相同，组合符号也可能打印不出来。shenbao 建议改为标准组合形式（Unicode NFC）。",
        en: "One character can be written with different code point sequences (é as e plus a combining accent, or a CJK compatibility ideograph such as U+F900). They look alike but differ when searched, compared or checked for duplicates, and combining marks may not print. shenbao suggests the composed form (Unicode NFC).",
    },
    bad: "applicant:\n  contact:\n    name: \"Jose\\u0301 Li\"",
    good: "applicant:\n  contact:\n    name: José Li",
    ..FAMILY
};

pub const FORMULA_START: Rule = Rule {
    code: "U004",
    name: "formula-start",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "一行文字以 =、@、+ 或 - 开头，电子表格会把它当作公式",
        en: "a one-line text starts with =, @, + or -, which a spreadsheet takes for a formula",
    },
    why: Bilingual {
        zh: "推荐单位会把项目名称、单位名称等导入汇总表（CSV/Excel）。以这些符号开头的内容会被当作公式执行，可能打开链接或运行命令（“CSV 注入”）。shenbao 写出的汇总表已作防护，但真实的名称从不以这些符号开头，应删去。电话号码和数字（如 +86 571 8823 1456）不在此列；多行文字中以 - 开头的列表也不在此列。",
        en: "Offices import project and company names into their summary table (CSV, Excel). A cell starting with these symbols runs as a formula, which can open links or run commands (\"CSV injection\"). The tables shenbao writes are defused, but no real name starts so: delete the symbol. Phone numbers and numbers (+86 571 8823 1456) are fine, and so is a list item starting with - in a long text.",
    },
    bad: "project:\n  name: \"=HYPERLINK(\\\"http://example.invalid\\\",\\\"点击查看\\\")\"",
    good: "project:\n  name: 智能测温机器人",
    ..FAMILY
};

pub const RULES: &[Rule] = &[
    CONTROL_CHARACTER,
    INVISIBLE_CHARACTER,
    NOT_NFC,
    FORMULA_START,
];
