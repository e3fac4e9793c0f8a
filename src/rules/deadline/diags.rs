//! Deadline and delivery (D), clause R6: the paper copy reaches MIIT by
//! 2021-03-31, Beijing time, by EMS or 机要交换.

use crate::diagnostic::{Rule, Severity};

crate::family_rule!("deadline", "R6");

pub const LATE: Rule = rule(
    "D001",
    "submitted-after-deadline",
    Severity::Error,
    [
        "申报日期晚于指南规定的截止日期",
        "the submission date is after the call's deadline",
        "指南规定推荐单位须于 2021 年 3 月 31 日前（北京时间，含当日）寄出纸质申报材料。日期晚于截止日的申报不会被受理。",
        "The call requires the paper application to be sent by 31 March 2021 (Beijing time, inclusive). Applications dated later are not accepted.",
    ],
    "submission:\n  date: 2021-04-02",
    "submission:\n  date: 2021-03-26",
);

pub const CHANNEL: Rule = rule(
    "D002",
    "paper-channel-not-accepted",
    Severity::Error,
    [
        "纸质材料的报送方式不是指南允许的方式",
        "the paper copy is not sent by a channel the call accepts",
        "指南要求纸质版以 EMS 邮政特快专递或机要交换方式报送工业和信息化部（信息技术发展司）。其他快递或当面递交不符合要求。",
        "The call requires the paper copy to reach MIIT by EMS or by confidential exchange (机要交换). Other couriers or hand delivery do not qualify.",
    ],
    "submission:\n  channel: sf_express",
    "submission:\n  channel: ems",
);

pub const CLOSED: Rule = rule(
    "D003",
    "call-closed",
    Severity::Warning,
    [
        "申报已截止（按检查日期）",
        "the call has closed (as of the checking date)",
        "按 --as-of 给出的日期（默认今天，北京时间），指南规定的截止日期已过，新的申报已不被受理。检查历史材料时可忽略此提示；加 --strict 时视为错误。",
        "By the date given with --as-of (default: today, Beijing time) the deadline has passed and new applications are no longer accepted. Ignore it when checking old material; with --strict it is an error.",
    ],
    "shenbao validate --as-of 2021-04-01 .",
    "shenbao validate --as-of 2021-03-20 .",
);

pub const INTERNAL_DEADLINE: Rule = rule(
    "D004",
    "after-recommender-deadline",
    Severity::Error,
    [
        "申报日期晚于推荐单位规定的内部截止日期",
        "the submission date is after the recommending body's own deadline",
        "推荐单位须在 3 月 31 日前完成审核并寄出，因此会给申报单位定更早的截止日期（例如湖北省 2021 年为 3 月 22 日）。晚于推荐单位截止日的材料来不及被推荐。",
        "Recommending bodies must review and post by 31 March, so they set applicants an earlier deadline (Hubei, 2021: 22 March). Material dated later cannot be recommended in time.",
    ],
    "recommender:\n  name: 湖北省\nsubmission:\n  date: 2021-03-25",
    "recommender:\n  name: 湖北省\nsubmission:\n  date: 2021-03-19",
);

pub const RULES: &[Rule] = &[LATE, CHANNEL, CLOSED, INTERNAL_DEADLINE];
