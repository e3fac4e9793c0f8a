//! Online submission (O), clause R5: the applicant registers in the call's
//! online system and uploads the electronic version at the same time.

use crate::diagnostic::{Rule, Severity};

pub const NOT_REGISTERED: Rule = Rule::new(
    "O001",
    "not-registered-online",
    Severity::Warning,
    "R5",
    "submission",
    [
        "尚未在网上申报系统注册并提交电子版",
        "not yet registered in the online system",
        "指南要求申报单位在提交纸质材料的同时，在信息消费示范项目申报系统注册登录并在线提交电子版；纸质版须与电子版一致。写 not_yet 表示尚未完成，提交前请补上登记号。",
        "The call requires applicants to register in the online system and upload the electronic version when they hand in the paper copy, and the two must match. not_yet records that this is still to do: fill in the registration id before submitting.",
    ],
    "submission:\n  registration_id: not_yet",
    "submission:\n  registration_id: XFSF2021-0331-0456",
);

pub const RULES: &[Rule] = &[NOT_REGISTERED];
