//! Deadline and delivery (D), clause R6: the paper copy reaches MIIT by
//! 2021-03-31, Beijing time, by EMS or 机要交换.

use shenbao_diagnostic::{Bilingual, Rule, Severity};

/// What this family's rules share.
const FAMILY: Rule = Rule::family("deadline", "R6");

pub const LATE: Rule = Rule {
    code: "D001",
    name: "submitted-after-deadline",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "申报日期晚于指南规定的截止日期",
        en: "the submission date is after the call's deadline",
    },
    why: Bilingual {
        zh: "指南规定推荐单位须于 2021 年 3 月 31 日前（北京时间，含当日）寄出纸质申报材料。日期晚于截止日的申报不会被受理。",
        en: "The call requires the paper application to be sent by 31 March 2021 (Beijing time, inclusive). Applications dated later are not accepted.",
    },
    bad: "submission:\n  date: 2021-04-02",
    good: "submission:\n  date: 2021-03-26",
    ..FAMILY
};

pub const CHANNEL: Rule = Rule {
    code: "D002",
    name: "paper-channel-not-accepted",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "纸质材料的报送方式不是指南允许的方式",
        en: "the paper copy is not sent by a channel the call accepts",
    },
    why: Bilingual {
        zh: "指南要求纸质版以 EMS 邮政特快专递或机要交换方式报送工业和信息化部（信息技术发展司）。其他快递或当面递交不符合要求。",
        en: "The call requires the paper copy to reach MIIT by EMS or by confidential exchange (机要交换). Other couriers or hand delivery do not qualify.",
    },
    bad: "submission:\n  channel: sf_express",
    good: "submission:\n  channel: ems",
    ..FAMILY
};

pub const CLOSED: Rule = Rule {
    code: "D003",
    name: "call-closed",
    severity: Severity::Warning,
    summary: Bilingual {
        zh: "申报已截止（按检查日期）",
        en: "the call has closed (as of the checking date)",
    },
    why: Bilingual {
        zh: "按 --as-of 给出的日期（默认今天，北京时间），指南规定的截止日期已过，新的申报已不被受理。检查历史材料时可忽略此提示；加 --strict 时视为错误。",
        en: "By the date given with --as-of (default: today, Beijing time) the deadline has passed and new applications are no longer accepted. Ignore it when checking old material; with --strict it is an error.",
    },
    bad: "$ shenbao validate --as-of 2021-04-01 .",
    good: "$ shenbao validate --as-of 2021-03-20 .",
    ..FAMILY
};

pub const INTERNAL_DEADLINE: Rule = Rule {
    code: "D004",
    name: "after-recommender-deadline",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "申报日期晚于推荐单位规定的内部截止日期",
        en: "the submission date is after the recommending body's own deadline",
    },
    why: Bilingual {
        zh: "推荐单位须在 3 月 31 日前完成审核并寄出，因此会给申报单位定更早的截止日期（例如湖北省 2021 年为 3 月 22 日）。晚于推荐单位截止日的材料来不及被推荐。",
        en: "Recommending bodies must review and post by 31 March, so they set applicants an earlier deadline (Hubei, 2021: 22 March). Material dated later cannot be recommended in time.",
    },
    bad: "applicant:\n  credit_code: \"914201115783202119\"      # registered in 武汉\nrecommender:\n  name: 湖北省\n  department: 湖北省经济和信息化厅\nsubmission:\n  date: 2021-03-25",
    good: "applicant:\n  credit_code: \"914201115783202119\"\nrecommender:\n  name: 湖北省\n  department: 湖北省经济和信息化厅\nsubmission:\n  date: 2021-03-19",
    ..FAMILY
};

pub const RULES: &[Rule] = &[LATE, CHANNEL, CLOSED, INTERNAL_DEADLINE];
