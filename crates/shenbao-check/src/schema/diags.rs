//! Diagnostics of the schema family (S): the declaration's shape.

use shenbao_diagnostic::{Bilingual, Rule, Severity};

/// What this family's rules share.
const FAMILY: Rule = Rule::family("schema", "");

pub const MISSING_FIELD: Rule = Rule {
    code: "S001",
    name: "missing-field",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "缺少必填字段",
        en: "a required field is missing",
    },
    why: Bilingual {
        zh: "申报书的每一栏都必须填写；缺少的字段会使申报书出现空栏，形式审查时不予通过。",
        en: "Every field of the application form must be filled in; a missing field leaves a blank on the form and fails the formal review.",
    },
    bad: "applicant:\n  name: 南京澄衡智能机器人有限公司\n  # credit_code missing",
    good: "applicant:\n  name: 南京澄衡智能机器人有限公司\n  credit_code: \"913201153021847731\"",
    ..FAMILY
};

pub const WRONG_TYPE: Rule = Rule {
    code: "S002",
    name: "wrong-type",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "字段的值类型不对",
        en: "a field has the wrong type of value",
    },
    why: Bilingual {
        zh: "YAML 按写法推断类型：不加引号的 914403001922038216 是数字，yes/no 在 YAML 1.2 中是文字而不是布尔值。类型不对的值在其他工具中会被读错（长数字丢失精度），所以 shenbao 要求写成应有的类型。",
        en: "YAML infers types from spelling: an unquoted 914403001922038216 is a number, and yes/no are text (not booleans) in YAML 1.2. A value of the wrong type is misread by other tools (long numbers lose digits), so shenbao asks for the intended type.",
    },
    bad: "applicant:\n  credit_code: 913201153021847731\ncommitments:\n  truthful: yes",
    good: "applicant:\n  credit_code: \"913201153021847731\"\ncommitments:\n  truthful: true",
    ..FAMILY
};

pub const UNKNOWN_FIELD: Rule = Rule {
    code: "S003",
    name: "unknown-field",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "未知字段（可能是拼写错误）",
        en: "unknown field (probably a typo)",
    },
    why: Bilingual {
        zh: "拼错的字段名会被其他工具悄悄忽略，申报书上的这一栏就成了空白。shenbao 拒绝未知字段，并给出最接近的正确字段名。",
        en: "A misspelt key would be silently ignored by other tools, leaving that box of the form blank. shenbao rejects unknown keys and suggests the closest correct one.",
    },
    bad: "applicant:\n  legal_represntative: 陈立衡",
    good: "applicant:\n  legal_representative: 陈立衡",
    ..FAMILY
};

pub const NOT_ALLOWED: Rule = Rule {
    code: "S004",
    name: "value-not-allowed",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "值不在允许的取值范围内",
        en: "the value is not one of the allowed values",
    },
    why: Bilingual {
        zh: "有些字段只能取固定的几个值（申报方向、推荐单位类别、报送方式……），这样申报书与汇总表才能一致地归类。",
        en: "Some fields take one of a fixed set of values (category, recommender kind, delivery channel…) so that forms and summary tables classify consistently.",
    },
    bad: "recommender:\n  kind: 省",
    good: "recommender:\n  kind: province",
    ..FAMILY
};

pub const INVALID_FORMAT: Rule = Rule {
    code: "S005",
    name: "invalid-format",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "值的格式不对（日期、电子邮箱）",
        en: "the value is not in the required format (date, e-mail)",
    },
    why: Bilingual {
        zh: "日期须为真实存在的公历日期并写作 YYYY-MM-DD，电子邮箱须为有效地址，否则无法判断截止日期或联系申报单位。",
        en: "Dates must be real calendar dates written YYYY-MM-DD and e-mail addresses must be valid, or deadlines cannot be checked and the applicant cannot be reached.",
    },
    bad: "submission:\n  date: 2021-02-30",
    good: "submission:\n  date: 2021-03-20",
    ..FAMILY
};

pub const OUT_OF_RANGE: Rule = Rule {
    code: "S006",
    name: "out-of-range",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "数值超出允许范围",
        en: "the number is out of the allowed range",
    },
    why: Bilingual {
        zh: "金额、人数等不能为负；格式版本等字段有固定的取值区间。",
        en: "Amounts and head counts cannot be negative; some fields have a fixed range.",
    },
    bad: "applicant:\n  employees: -186",
    good: "applicant:\n  employees: 186",
    ..FAMILY
};

pub const PATTERN_MISMATCH: Rule = Rule {
    code: "S007",
    name: "pattern-mismatch",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "值的写法不符合规定格式",
        en: "the value does not match the required pattern",
    },
    why: Bilingual {
        zh: "邮政编码、手机号等有固定写法；写错的号码会让审核人员无法联系申报单位。",
        en: "Postal codes, mobile numbers and the like have a fixed shape; a wrong one leaves reviewers unable to reach the applicant.",
    },
    bad: "applicant:\n  postal_code: \"21110\"",
    good: "applicant:\n  postal_code: \"211100\"",
    ..FAMILY
};

pub const BAD_LENGTH: Rule = Rule {
    code: "S008",
    name: "bad-length",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "文字或列表的长度不符合要求",
        en: "text or list length out of bounds",
    },
    why: Bilingual {
        zh: "项目名称、简介等有长度要求：太短说明不了项目，太长放不进申报书的表格。",
        en: "Names, summaries and lists have length bounds: too short says nothing about the project, too long does not fit the form's table.",
    },
    bad: "project:\n  summary: 智能测温消杀防疫机器人",
    good: "project:\n  summary: 研发基于人工智能、红外热成像和远程操控技术的智能测温消杀防疫机器人，实现公共场所无接触测温、口罩识别和自主巡航消杀，已部署于 630 个场所。",
    ..FAMILY
};

pub const OTHER: Rule = Rule {
    code: "S009",
    name: "schema-violation",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "不符合申报文件格式",
        en: "does not match the declaration format",
    },
    why: Bilingual {
        zh: "申报文件须符合内嵌的 JSON Schema（`shenbao schema` 可查看）。此代码用于上面各类以外的情况。",
        en: "A declaration must satisfy the embedded JSON Schema (see `shenbao schema`). This code covers the cases not listed above.",
    },
    bad: "# No declaration raises S009 today: every check of the embedded schema\n# (required, type, enum, const, oneOf, format, range, pattern, length,\n# unique items) has its own code, S001–S008. S009 is for any other check\n# a later schema adds.",
    good: "attachments:\n  - path: attachments/business-licence.pdf\n    kind: business_licence",
    ..FAMILY
};

pub const RULES: &[Rule] = &[
    MISSING_FIELD,
    WRONG_TYPE,
    UNKNOWN_FIELD,
    NOT_ALLOWED,
    INVALID_FORMAT,
    OUT_OF_RANGE,
    PATTERN_MISMATCH,
    BAD_LENGTH,
    OTHER,
];
