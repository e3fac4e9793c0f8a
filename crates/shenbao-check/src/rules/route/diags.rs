//! Recommendation route (G), clauses R3 and R4: a known recommending body of
//! the declared kind, demonstration cities routed through their province, and
//! an applicant inside the body's area.

use shenbao_diagnostic::{Bilingual, Rule, Severity};

/// What this family's rules share.
const FAMILY: Rule = Rule::family("route", "R4");

pub const UNKNOWN_RECOMMENDER: Rule = Rule {
    code: "G001",
    name: "unknown-recommender",
    severity: Severity::Error,
    clause: "R3",
    summary: Bilingual {
        zh: "推荐单位不是该类别下的已知推荐单位",
        en: "the recommending body is not a known body of the declared kind",
    },
    why: Bilingual {
        zh: "只有 31 个省级地区、5 个计划单列市、新疆生产建设兵团、中央企业和信息消费示范城市的主管部门可以推荐项目，名额也按类别计算。名称写错或类别选错，推荐关系就不成立。",
        en: "Only the 31 provincial-level regions, the 5 separately planned cities, the XPCC, central enterprises and demonstration cities may recommend, and quotas count per kind. A misspelt name or the wrong kind breaks the recommendation.",
    },
    bad: "recommender:\n  kind: province\n  name: 南京市",
    good: "recommender:\n  kind: demonstration_city\n  name: 南京市\n  via: 江苏省",
    ..FAMILY
};

pub const UNLISTED_RECOMMENDER: Rule = Rule {
    code: "G002",
    name: "recommender-not-on-list",
    severity: Severity::Warning,
    clause: "R3",
    summary: Bilingual {
        zh: "推荐单位不在 shenbao 已知的（不完整的）名单中",
        en: "the recommending body is not on shenbao's (incomplete) list",
    },
    why: Bilingual {
        zh: "中央企业名单系据公开资料重建，信息消费示范城市名单只找到部分（26 个中的 16 个）。名单不完整时 shenbao 只提示、不判错：请确认推荐单位确属该类别。",
        en: "The central-enterprise list is reconstructed from public sources and only some demonstration cities are known (16 of 26). Where a list is incomplete shenbao warns rather than rejects: confirm the body really is of that kind.",
    },
    bad: "recommender:\n  kind: demonstration_city\n  name: 苏州市\n  via: 江苏省",
    good: "recommender:\n  kind: demonstration_city\n  name: 南京市\n  via: 江苏省",
    ..FAMILY
};

pub const DEMO_CITY_ROUTE: Rule = Rule {
    code: "G003",
    name: "demonstration-city-route",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "信息消费示范城市的额外推荐项目须经所在省（区）统一上报",
        en: "a demonstration city's extra project must go through its province",
    },
    why: Bilingual {
        zh: "指南规定：信息消费示范城市（直辖市、计划单列市除外）额外推荐的项目，需提交所在省、自治区工业和信息化主管部门统一上报。`via` 应写所在省（区）的名称。",
        en: "The call says a demonstration city's extra projects (except municipalities and separately planned cities) are submitted through its province or autonomous region: `via` names that province.",
    },
    bad: "recommender:\n  kind: demonstration_city\n  name: 南京市",
    good: "recommender:\n  kind: demonstration_city\n  name: 南京市\n  via: 江苏省",
    ..FAMILY
};

pub const NEEDLESS_VIA: Rule = Rule {
    code: "G004",
    name: "needless-via",
    severity: Severity::Warning,
    summary: Bilingual {
        zh: "该推荐单位直接报送，不需要 `via`",
        en: "this recommending body files directly; `via` is not needed",
    },
    why: Bilingual {
        zh: "只有非直辖市、非计划单列市的信息消费示范城市需要经省（区）上报。其他推荐单位直接报送工业和信息化部，写了 `via` 可能说明推荐类别选错了。",
        en: "Only demonstration cities that are neither municipalities nor separately planned cities go through a province. Other bodies file directly with MIIT; a `via` there suggests the wrong kind was chosen.",
    },
    bad: "recommender:\n  kind: province\n  name: 江苏省\n  via: 南京市",
    good: "recommender:\n  kind: province\n  name: 江苏省",
    ..FAMILY
};

pub const OUTSIDE_AREA: Rule = Rule {
    code: "G005",
    name: "applicant-outside-area",
    severity: Severity::Warning,
    summary: Bilingual {
        zh: "申报单位的登记地不在推荐单位的辖区内",
        en: "the applicant is registered outside the recommending body's area",
    },
    why: Bilingual {
        zh: "各地主管部门“负责组织本地区示范项目申报”。统一社会信用代码第 3–8 位是登记机关所在地；不在推荐单位辖区内时，通常应由登记地推荐（企业迁址后代码不变，这种情况可忽略）。",
        en: "Each region's department organises applications from its own area. Positions 3–8 of the credit code are where the applicant was registered; outside the recommender's area, the home region normally recommends (codes do not change when a company moves, so this is only a warning).",
    },
    bad: "applicant:\n  credit_code: \"913201153021847731\"   # 南京\nrecommender:\n  kind: province\n  name: 浙江省",
    good: "applicant:\n  credit_code: \"913201153021847731\"\nrecommender:\n  kind: province\n  name: 江苏省",
    ..FAMILY
};

pub const RULES: &[Rule] = &[
    UNKNOWN_RECOMMENDER,
    UNLISTED_RECOMMENDER,
    DEMO_CITY_ROUTE,
    NEEDLESS_VIA,
    OUTSIDE_AREA,
];
