//! Placeholders (H): what the template ships for the applicant to replace,
//! and what applicants commonly type while a value is not yet known.

use shenbao_diagnostic::{Bilingual, Rule, Severity};

/// What this family's rules share: a declaration must describe the real
/// applicant (R1) and project (R2).
const FAMILY: Rule = Rule::family("placeholder", "R1");

pub const PLACEHOLDER_TEXT: Rule = Rule {
    code: "H001",
    name: "placeholder-left-in",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "字段仍是占位内容（如“某某”“XXXX”“000000”“待定”或模板中的示例）",
        en: "a field still holds a placeholder (某某, XXXX, 000000, 待定 or the template's sample)",
    },
    why: Bilingual {
        zh: "`shenbao init` 生成的模板用“某某”“XXXX”“000000”等占位，提醒申报单位填写真实信息；这些内容原样印上申报书，推荐单位会退回。shenbao 同样拒绝常见的临时写法（待定、待填、13800000000、example.com 邮箱等）。请改为实际情况；可选字段如不填写，整行删除即可。",
        en: "The template `shenbao init` writes holds placeholders (某某, XXXX, 000000…) for the applicant to replace with real details; left in, they print on the form as they are and the office sends it back. shenbao also refuses what applicants commonly type meanwhile (待定, 待填, 13800000000, an example.com address). Write the real value; an optional field can be deleted, line and all.",
    },
    bad: "applicant:\n  legal_representative: 某某某",
    good: "applicant:\n  legal_representative: 陈立衡",
    ..FAMILY
};

pub const PLACEHOLDER_ZERO: Rule = Rule {
    code: "H002",
    name: "placeholder-zero",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "必须大于 0 的数额或人数仍是模板中的 0",
        en: "an amount or count that must be above 0 is still the template's 0",
    },
    why: Bilingual {
        zh: "注册资本、员工人数、上年度营业收入、项目总投资和应用成效指标不可能为 0：模板写 0 是为了让申报单位填写。请填入实际数字（金额以万元为单位）。",
        en: "Registered capital, employees, last year's revenue, total investment and the results' figures cannot be 0: the template writes 0 for the applicant to fill in. Write the real figure (amounts in 万元, ten thousand yuan).",
    },
    bad: "applicant:\n  employees: 0",
    good: "applicant:\n  employees: 186",
    ..FAMILY
};

pub const RULES: &[Rule] = &[PLACEHOLDER_TEXT, PLACEHOLDER_ZERO];
