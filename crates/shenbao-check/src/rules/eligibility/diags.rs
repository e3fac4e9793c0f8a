//! Applicant eligibility (A), clause R1: registered in the PRC, an independent
//! legal person, committed to its social duties.

use shenbao_diagnostic::{Bilingual, Rule, Severity};

/// What this family's rules share.
const FAMILY: Rule = Rule::family("eligibility", "R1");

pub const MALFORMED_CODE: Rule = Rule {
    code: "A001",
    name: "credit-code-malformed",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "统一社会信用代码格式不对（字符或登记管理部门、机构类别码）",
        en: "the credit code is malformed (characters, or department and category codes)",
    },
    why: Bilingual {
        zh: "统一社会信用代码（GB 32100）只用数字和 21 个大写字母，不用 I、O、S、V、Z，也不用小写字母和空格；前两位是标准规定的登记管理部门码和机构类别码。多半是把 0 写成了 O、把 1 写成了 I。",
        en: "The unified social credit code (GB 32100) uses digits and 21 capital letters only — no I, O, S, V, Z, no lower case, no spaces — and its first two characters are a department and category of the standard. Usually a 0 was typed as O or a 1 as I.",
    },
    bad: "applicant:\n  credit_code: \"9132O1153021847731\"      # the letter O instead of the digit 0",
    good: "applicant:\n  credit_code: \"913201153021847731\"",
    ..FAMILY
};

pub const CODE_CHECK: Rule = Rule {
    code: "A002",
    name: "credit-code-check",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "统一社会信用代码校验位不符（代码有误）",
        en: "the credit code's check character does not match (the code is mistyped)",
    },
    why: Bilingual {
        zh: "第 18 位是按 GB 32100 由前 17 位算出的校验码。校验不符说明代码抄错了一位或几位，形式审查会因“申报单位信息有误”退回。shenbao 会尝试找出哪一位写错了。",
        en: "The 18th character is computed from the first 17 (GB 32100). A mismatch means the code was copied wrongly, and the formal review returns applications with a wrong applicant identity. shenbao tries to say which character is wrong.",
    },
    bad: "applicant:\n  credit_code: \"913201153021847732\"      # the last character copied wrongly",
    good: "applicant:\n  credit_code: \"913201153021847731\"",
    ..FAMILY
};

pub const ORG_CODE_CHECK: Rule = Rule {
    code: "A003",
    name: "organisation-code-check",
    severity: Severity::Warning,
    summary: Bilingual {
        zh: "代码第 9–17 位（组织机构代码）校验位不符",
        en: "positions 9–17 (the organisation code) fail their own check",
    },
    why: Bilingual {
        zh: "统一社会信用代码的第 9–17 位是组织机构代码（GB 11714），有自己的校验位。整码校验通过而这一段不通过时，代码可能是编造或转录有误，请对照营业执照核实。",
        en: "Positions 9–17 of the credit code are the organisation code (GB 11714) with its own check character. When the whole code checks but this part does not, the code may be invented or mis-transcribed: compare with the business licence.",
    },
    bad: "applicant:\n  credit_code: \"913201153021847757\"",
    good: "applicant:\n  credit_code: \"913201153021847731\"",
    ..FAMILY
};

pub const NOT_LEGAL_PERSON: Rule = Rule {
    code: "A004",
    name: "not-a-legal-person",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "申报单位不具备独立法人资格",
        en: "the applicant is not an independent legal person",
    },
    why: Bilingual {
        zh: "指南要求申报主体“具备独立法人资格”。个体工商户（代码以 92 开头）、分公司和分支机构、个人独资企业、合伙企业以及外国机构的常驻代表机构都不是独立法人，应由具备法人资格的主体（如总公司）申报。",
        en: "The call requires an independent legal person. Individual businesses (codes starting 92), branches, sole proprietorships, partnerships and foreign representative offices are not; the legal person itself (e.g. the head company) must apply.",
    },
    bad: "applicant:\n  credit_code: \"92320115MA1XN3K349\"\n  legal_form: 个体工商户",
    good: "applicant:\n  credit_code: \"913201153021847731\"\n  legal_form: 有限责任公司（自然人投资或控股）",
    ..FAMILY
};

pub const LEGAL_FORM_NEEDED: Rule = Rule {
    code: "A005",
    name: "legal-form-needed",
    severity: Severity::Warning,
    summary: Bilingual {
        zh: "需要填写营业执照上的“类型”才能确认法人资格",
        en: "the licence's 类型 line is needed to confirm legal personhood",
    },
    why: Bilingual {
        zh: "以 91 开头的代码既可能是公司，也可能是分公司、合伙企业或个人独资企业，代码本身无法区分。填写营业执照“类型”一栏（legal_form），shenbao 才能判断是否具备独立法人资格。",
        en: "A code starting 91 may belong to a company, a branch, a partnership or a sole proprietorship; the code cannot tell. Fill in the licence's 类型 line (legal_form) so shenbao can decide.",
    },
    bad: "applicant:\n  credit_code: \"913201153021847731\"\n  # legal_form missing",
    good: "applicant:\n  credit_code: \"913201153021847731\"\n  legal_form: 有限责任公司（自然人投资或控股）",
    ..FAMILY
};

pub const PERSONHOOD_UNCERTAIN: Rule = Rule {
    code: "A006",
    name: "legal-personhood-uncertain",
    severity: Severity::Warning,
    summary: Bilingual {
        zh: "从代码无法确定申报单位是否为独立法人",
        en: "the code does not show whether the applicant is a legal person",
    },
    why: Bilingual {
        zh: "民办非企业单位、律师事务所和“其他”类机构既有法人形式也有非法人形式。请确认申报单位具备独立法人资格（例如法人登记证书）。",
        en: "Private non-enterprise units, law firms and 'other' organisations exist in legal-person and other forms. Confirm the applicant is an independent legal person (e.g. its legal-person certificate).",
    },
    bad: "applicant:\n  credit_code: \"52320115MJ56087279\"      # a 民办非企业单位",
    good: "applicant:\n  credit_code: \"913201153021847731\"",
    ..FAMILY
};

pub const NOT_MAINLAND: Rule = Rule {
    code: "A007",
    name: "not-registered-in-mainland",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "申报单位不是在中国境内（内地）登记注册",
        en: "the applicant is not registered in mainland China",
    },
    why: Bilingual {
        zh: "指南要求申报主体“在中华人民共和国境内注册”。代码第 3–8 位是登记机关的行政区划代码：71（台湾）、81（香港）、82（澳门）以及不存在的省级代码都不符合。",
        en: "The call requires registration in the PRC. Positions 3–8 are the registering authority's region code: 71 (Taiwan), 81 (Hong Kong), 82 (Macao) or a non-existent provincial code do not qualify here.",
    },
    bad: "applicant:\n  credit_code: \"91810000123456788L\"      # registered in Hong Kong",
    good: "applicant:\n  credit_code: \"913201153021847731\"",
    ..FAMILY
};

pub const COMMITMENT: Rule = Rule {
    code: "A008",
    name: "commitment-not-affirmed",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "申报单位未作出指南要求的承诺",
        en: "a commitment the call requires is not affirmed",
    },
    why: Bilingual {
        zh: "指南要求申报主体积极履行社会责任、切实保障消费者合法权益、积极维护公共利益，并对申报材料的真实性负责（有重大虚假信息的将被撤销）。四项承诺都必须为 true。",
        en: "The call requires the applicant to fulfil its social responsibility, protect consumers' rights and the public interest, and answer for the truth of its material (major false information leads to withdrawal). All four commitments must be true.",
    },
    bad: "commitments:\n  consumer_rights: false",
    good: "commitments:\n  consumer_rights: true",
    ..FAMILY
};

pub const SIGNATORY: Rule = Rule {
    code: "A009",
    name: "signatory-not-legal-representative",
    severity: Severity::Warning,
    summary: Bilingual {
        zh: "承诺书签字人不是法定代表人",
        en: "the commitment is signed by someone other than the legal representative",
    },
    why: Bilingual {
        zh: "真实性承诺由法定代表人签字并加盖公章。签字人与营业执照上的法定代表人不一致时，需附授权委托书，否则形式审查可能不通过。",
        en: "The truthfulness commitment is signed by the legal representative and sealed. When someone else signs, a power of attorney is needed or the formal review may fail.",
    },
    bad: "applicant:\n  legal_representative: 陈立衡\ncommitments:\n  signatory: 周婧",
    good: "applicant:\n  legal_representative: 陈立衡\ncommitments:\n  signatory: 陈立衡",
    ..FAMILY
};

pub const RULES: &[Rule] = &[
    MALFORMED_CODE,
    CODE_CHECK,
    ORG_CODE_CHECK,
    NOT_LEGAL_PERSON,
    LEGAL_FORM_NEEDED,
    PERSONHOOD_UNCERTAIN,
    NOT_MAINLAND,
    COMMITMENT,
    SIGNATORY,
];
