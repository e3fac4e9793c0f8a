//! Project requirements (P), clause R2: a substantive, consistent account of a
//! project that is demonstrative, innovative and replicable.

use shenbao_diagnostic::{Bilingual, Rule, Severity};

/// What this family's rules share.
const FAMILY: Rule = Rule::family("project", "R2");

pub const THIN_SECTION: Rule = Rule {
    code: "P001",
    name: "narrative-too-thin",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "项目详细内容的某一部分过于简略",
        en: "a narrative section is too thin",
    },
    why: Bilingual {
        zh: "指南要求项目“具备较强的示范性、创新性和可推广性”，专家据申报书的背景、建设内容、创新点、应用成效和推广价值评审。只有一两句话的部分无法说明这些，形式审查或专家评审会扣分甚至退回。必填各部分的最少字数由申报指南配置给出（默认 100 字，不计空格和换行）。",
        en: "The call asks for demonstrative, innovative, replicable projects, and experts judge from the background, content, innovation, results and replicability sections. A section of a sentence or two cannot show that. The minimum for each required section comes from the call profile (default 100 characters, not counting spaces and line breaks).",
    },
    bad: "narrative:\n  innovation: 采用人工智能技术。",
    good: "narrative:\n  innovation: 一是人工智能多模态测温：热成像与可见光人脸检测融合，自动定位额头区域并补偿环境温度，佩戴口罩时精度仍为 ±0.3℃，误报率较单点测温降低 80% 以上；二是测温与消杀一体化：同一底盘完成体温筛查和巡航消杀，药剂用量降低约 35%。",
    ..FAMILY
};

pub const INVESTMENT: Rule = Rule {
    code: "P002",
    name: "completed-investment-exceeds-total",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "已完成投资大于项目总投资",
        en: "completed investment exceeds total investment",
    },
    why: Bilingual {
        zh: "已完成投资是总投资的一部分，不可能更大；多半是单位写错（元与万元）或两栏填反了。",
        en: "Completed investment is part of the total and cannot exceed it; usually a unit slip (元 vs 万元) or the two were swapped.",
    },
    bad: "project:\n  investment:\n    total: 3150\n    completed: 4200",
    good: "project:\n  investment:\n    total: 4200\n    completed: 3150",
    ..FAMILY
};

pub const DATE_ORDER: Rule = Rule {
    code: "P003",
    name: "dates-out-of-order",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "日期先后顺序不合理",
        en: "dates are out of order",
    },
    why: Bilingual {
        zh: "单位成立、项目启动、上线运营、计划完成和申报的日期应依次先后；顺序颠倒通常是笔误，会让评审质疑材料的真实性。",
        en: "Founding, project start, launch, planned completion and submission dates must come in order; a reversal is usually a slip and makes reviewers doubt the material.",
    },
    bad: "project:\n  start_date: 2020-03-16\n  launch_date: 2020-02-03",
    good: "project:\n  start_date: 2020-02-03\n  launch_date: 2020-03-16",
    ..FAMILY
};

pub const NOT_IN_OPERATION: Rule = Rule {
    code: "P004",
    name: "not-yet-in-operation",
    severity: Severity::Warning,
    summary: Bilingual {
        zh: "项目在申报时尚未上线运营",
        en: "the project was not in operation when submitted",
    },
    why: Bilingual {
        zh: "指南要“总结推广可复制的经验做法”，申报书要写应用成效：尚未上线的项目拿不出成效，通常难以入选。没有写上线时间或上线时间晚于申报日期时提示。",
        en: "The call promotes proven, replicable practice and the form asks for results: a project not yet running has none to show and rarely wins. Shown when the launch date is missing or after the submission date.",
    },
    bad: "project:\n  launch_date: 2021-06-01\nsubmission:\n  date: 2021-03-19",
    good: "project:\n  launch_date: 2020-03-16\nsubmission:\n  date: 2021-03-19",
    ..FAMILY
};

pub const STAFF: Rule = Rule {
    code: "P005",
    name: "inconsistent-figures",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "申报单位的数据前后矛盾",
        en: "the applicant's figures contradict each other",
    },
    why: Bilingual {
        zh: "研发人员是员工的一部分，不可能多于员工总数；矛盾的数据说明填写有误，评审会质疑材料的真实性。",
        en: "R&D staff are part of all staff and cannot outnumber them; the contradiction shows a mistake and makes reviewers doubt the material.",
    },
    bad: "applicant:\n  employees: 74\n  rd_staff: 186",
    good: "applicant:\n  employees: 186\n  rd_staff: 74",
    ..FAMILY
};

pub const IMPLAUSIBLE_AMOUNT: Rule = Rule {
    code: "P006",
    name: "amount-in-yuan",
    severity: Severity::Warning,
    summary: Bilingual {
        zh: "金额大得不合常理：是否把元填成了万元？",
        en: "an implausibly large amount: 元 written where 万元 was meant?",
    },
    why: Bilingual {
        zh: "申报文件中的金额以万元为单位。超过 1000 万万元（1000 亿元）的金额，或达到上年度营业收入 1000 倍的金额，几乎总是把以元计的数字直接填了进来，印在申报书上会差一万倍。请核对；如按元计，除以 10000 后填写。shenbao 不会自动改写。",
        en: "Amounts in a declaration are in 万元 (ten thousand yuan). An amount above 10 million 万元 (100 billion yuan), or 1000 times last year's revenue or more, is almost always a figure in 元 copied in as it is, and would print ten thousand times too large. Check it; if it is in 元, divide by 10000. shenbao does not rewrite it.",
    },
    bad: "applicant:\n  registered_capital: 30000000",
    good: "applicant:\n  registered_capital: 3000",
    ..FAMILY
};

pub const RULES: &[Rule] = &[
    THIN_SECTION,
    INVESTMENT,
    DATE_ORDER,
    NOT_IN_OPERATION,
    STAFF,
    IMPLAUSIBLE_AMOUNT,
];
