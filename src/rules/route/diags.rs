//! Recommendation route (G), clauses R3 and R4: a known recommending body of
//! the declared kind, demonstration cities routed through their province, and
//! an applicant inside the body's area.

use crate::diagnostic::{Rule, Severity};

pub const UNKNOWN_RECOMMENDER: Rule = Rule::new(
    "G001",
    "unknown-recommender",
    Severity::Error,
    "R3",
    "route",
    [
        "推荐单位不是该类别下的已知推荐单位",
        "the recommending body is not a known body of the declared kind",
        "只有 31 个省级地区、5 个计划单列市、新疆生产建设兵团、中央企业和信息消费示范城市的主管部门可以推荐项目，名额也按类别计算。名称写错或类别选错，推荐关系就不成立。",
        "Only the 31 provincial-level regions, the 5 separately planned cities, the XPCC, central enterprises and demonstration cities may recommend, and quotas count per kind. A misspelt name or the wrong kind breaks the recommendation.",
    ],
    "recommender:\n  kind: province\n  name: 宁波市",
    "recommender:\n  kind: separately_planned_city\n  name: 宁波市",
);

pub const UNLISTED_RECOMMENDER: Rule = Rule::new(
    "G002",
    "recommender-not-on-list",
    Severity::Warning,
    "R3",
    "route",
    [
        "推荐单位不在 shenbao 已知的（不完整的）名单中",
        "the recommending body is not on shenbao's (incomplete) list",
        "中央企业名单系据公开资料重建，信息消费示范城市名单只找到部分（26 个中的 16 个）。名单不完整时 shenbao 只提示、不判错：请确认推荐单位确属该类别。",
        "The central-enterprise list is reconstructed from public sources and only some demonstration cities are known (16 of 26). Where a list is incomplete shenbao warns rather than rejects: confirm the body really is of that kind.",
    ],
    "recommender:\n  kind: demonstration_city\n  name: 某某市",
    "recommender:\n  kind: demonstration_city\n  name: 合肥市\n  via: 安徽省",
);

pub const DEMO_CITY_ROUTE: Rule = Rule::new(
    "G003",
    "demonstration-city-route",
    Severity::Error,
    "R4",
    "route",
    [
        "信息消费示范城市的额外推荐项目须经所在省（区）统一上报",
        "a demonstration city's extra project must go through its province",
        "指南规定：信息消费示范城市（直辖市、计划单列市除外）额外推荐的项目，需提交所在省、自治区工业和信息化主管部门统一上报。`via` 应写所在省（区）的名称。",
        "The call says a demonstration city's extra projects (except municipalities and separately planned cities) are submitted through its province or autonomous region: `via` names that province.",
    ],
    "recommender:\n  kind: demonstration_city\n  name: 合肥市",
    "recommender:\n  kind: demonstration_city\n  name: 合肥市\n  via: 安徽省",
);

pub const NEEDLESS_VIA: Rule = Rule::new(
    "G004",
    "needless-via",
    Severity::Warning,
    "R4",
    "route",
    [
        "该推荐单位直接报送，不需要 `via`",
        "this recommending body files directly; `via` is not needed",
        "只有非直辖市、非计划单列市的信息消费示范城市需要经省（区）上报。其他推荐单位直接报送工业和信息化部，写了 `via` 可能说明推荐类别选错了。",
        "Only demonstration cities that are neither municipalities nor separately planned cities go through a province. Other bodies file directly with MIIT; a `via` there suggests the wrong kind was chosen.",
    ],
    "recommender:\n  kind: province\n  name: 江苏省\n  via: 南京市",
    "recommender:\n  kind: province\n  name: 江苏省",
);

pub const OUTSIDE_AREA: Rule = Rule::new(
    "G005",
    "applicant-outside-area",
    Severity::Warning,
    "R4",
    "route",
    [
        "申报单位的登记地不在推荐单位的辖区内",
        "the applicant is registered outside the recommending body's area",
        "各地主管部门“负责组织本地区示范项目申报”。统一社会信用代码第 3–8 位是登记机关所在地；不在推荐单位辖区内时，通常应由登记地推荐（企业迁址后代码不变，这种情况可忽略）。",
        "Each region's department organises applications from its own area. Positions 3–8 of the credit code are where the applicant was registered; outside the recommender's area, the home region normally recommends (codes do not change when a company moves, so this is only a warning).",
    ],
    "applicant:\n  credit_code: \"913201153021847731\"   # 南京\nrecommender:\n  kind: province\n  name: 浙江省",
    "applicant:\n  credit_code: \"913201153021847731\"\nrecommender:\n  kind: province\n  name: 江苏省",
);

pub const RULES: &[Rule] = &[
    UNKNOWN_RECOMMENDER,
    UNLISTED_RECOMMENDER,
    DEMO_CITY_ROUTE,
    NEEDLESS_VIA,
    OUTSIDE_AREA,
];
