//! Diagnostics about the call profile itself and which call a declaration is for.

use shenbao_diagnostic::{Bilingual, Rule, Severity};

pub const BAD_PROFILE: Rule = Rule {
    code: "F005",
    name: "bad-call-profile",
    severity: Severity::Error,
    clause: "",
    family: "call",
    could_not_run: true,
    summary: Bilingual {
        zh: "申报指南配置文件（--call）无效",
        en: "the call profile given with --call is invalid",
    },
    why: Bilingual {
        zh: "shenbao 按“申报指南配置”检查申报文件：类别、截止日期、推荐单位、名额等都来自其中。配置文件本身有误时无法可靠地检查，shenbao 停止并指出问题所在（退出码 2）。",
        en: "shenbao checks declarations against a call profile: categories, deadline, recommending bodies and quotas all come from it. When the profile itself is wrong nothing can be checked reliably, so shenbao stops and says where (exit status 2).",
    },
    bad: "$ shenbao validate --call shenbao.yaml .      # the declaration given as the call profile",
    good: "$ shenbao call show --raw > call.yaml      # the 2021 call, to adapt\n$ shenbao validate --call call.yaml .",
};

pub const CALL_MISMATCH: Rule = Rule {
    code: "K001",
    name: "call-mismatch",
    severity: Severity::Error,
    clause: "G0",
    family: "call",
    could_not_run: false,
    summary: Bilingual {
        zh: "申报文件所针对的指南与当前使用的不一致",
        en: "the declaration is for a different call than the active profile",
    },
    why: Bilingual {
        zh: "每年的申报指南类别、截止日期、名额都不同；按错误的指南检查会给出错误的结论。用 --call 指定与申报文件 `call` 字段一致的配置文件。",
        en: "Each year's call has different categories, deadline and quotas; checking against the wrong one gives wrong answers. Pass --call with the profile named in the declaration's `call` field.",
    },
    bad: "call: miit-xxxf-2022      # but checked with the 2021 call shenbao has built in",
    good: "call: miit-xxxf-2021",
};

pub const RULES: &[Rule] = &[BAD_PROFILE, CALL_MISMATCH];
