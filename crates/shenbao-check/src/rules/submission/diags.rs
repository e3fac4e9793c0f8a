//! Online submission (O), clause R5: the applicant registers in the call's
//! online system and uploads the electronic version at the same time.

use shenbao_diagnostic::{Bilingual, Rule, Severity};

/// What this family's rules share.
const FAMILY: Rule = Rule::family("submission", "R5");

pub const NOT_REGISTERED: Rule = Rule {
    code: "O001",
    name: "not-registered-online",
    severity: Severity::Warning,
    summary: Bilingual {
        zh: "尚未在网上申报系统注册并提交电子版",
        en: "not yet registered in the online system",
    },
    why: Bilingual {
        zh: "指南要求申报单位在提交纸质材料的同时，在信息消费示范项目申报系统注册登录并在线提交电子版；纸质版须与电子版一致。写 not_yet 表示尚未完成，提交前请补上登记号。",
        en: "The call requires applicants to register in the online system and upload the electronic version when they hand in the paper copy, and the two must match. not_yet records that this is still to do: fill in the registration id before submitting.",
    },
    bad: "submission:\n  registration_id: not_yet",
    good: "submission:\n  registration_id: XFSF2021-0331-0456",
    ..FAMILY
};

pub const RULES: &[Rule] = &[NOT_REGISTERED];
