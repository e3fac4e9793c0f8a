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

pub const FULL_WIDTH_IN_CODE: Rule = Rule {
    code: "U005",
    name: "full-width-in-code",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "代码、数字、日期或电话中有全角字符",
        en: "full-width characters in a code, number, date or phone number",
    },
    why: Bilingual {
        zh: "中文输入法下打出的全角数字、字母和横线（如“９１３２”“－”）看起来和半角一样，计算机却认为是不同的字符：信用代码校验不通过，数字被当作文字，日期无法识别。`shenbao validate --fix` 把它们换成半角。",
        en: "Full-width digits, letters and dashes typed with a Chinese input method (９１３２, －) look like their half-width twins but are different characters: a credit code fails its check, a number reads as text, a date is not recognised. `shenbao validate --fix` turns them half-width.",
    },
    bad: "applicant:\n  postal_code: \"２１１１００\"",
    good: "applicant:\n  postal_code: \"211100\"",
    ..FAMILY
};

pub const PAPER_DATE: Rule = Rule {
    code: "U006",
    name: "date-written-on-paper",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "日期写成了“2021年3月15日”等形式",
        en: "a date written as on paper, not as year-month-day",
    },
    why: Bilingual {
        zh: "日期字段只认“年-月-日”（如 2021-03-15），这样才能与截止日期比较。“2021年3月15日”“2021/3/15”“2021.3.15”都要改写。`shenbao validate --fix` 可以自动改写。",
        en: "Date fields take year-month-day (2021-03-15), so that they can be compared with the deadline; 2021年3月15日, 2021/3/15 and 2021.3.15 must be rewritten. `shenbao validate --fix` rewrites them.",
    },
    bad: "submission:\n  date: 2021年3月18日",
    good: "submission:\n  date: 2021-03-18",
    ..FAMILY
};

pub const AMOUNT_AS_TEXT: Rule = Rule {
    code: "U007",
    name: "amount-with-unit",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "金额或人数中带了单位、货币符号或千位分隔符",
        en: "an amount or count written with a unit, a currency sign or thousands separators",
    },
    why: Bilingual {
        zh: "金额和人数字段只写数字：单位已由字段规定（金额为万元，人数为人）。写成“3,500万元”“186人”时，它就成了一段文字，无法比较和汇总。写成“元”的金额要换算为万元，所以 shenbao 给出建议而不自动改写。",
        en: "Amount and count fields take a bare number: the field sets the unit (万元 for amounts, persons for counts). Written “3,500万元” or “186人” it becomes text that cannot be compared or totalled. An amount in 元 must be converted to 万元, so shenbao suggests the number rather than rewriting it.",
    },
    bad: "applicant:\n  registered_capital: 5,000万元",
    good: "applicant:\n  registered_capital: 5000",
    ..FAMILY
};

pub const RULES: &[Rule] = &[
    CONTROL_CHARACTER,
    INVISIBLE_CHARACTER,
    NOT_NFC,
    FORMULA_START,
    FULL_WIDTH_IN_CODE,
    PAPER_DATE,
    AMOUNT_AS_TEXT,
];
