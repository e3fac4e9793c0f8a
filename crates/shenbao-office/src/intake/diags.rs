//! Checks across dossiers (I): what a recommending office sees only when it
//! puts everything that arrived side by side.

use shenbao_diagnostic::{Bilingual, Rule, Severity};

/// What this family's rules share.
const FAMILY: Rule = Rule::family("intake", "R3");

pub const OVER_QUOTA: Rule = Rule {
    code: "I001",
    name: "over-quota",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "推荐单位的项目数超过名额",
        en: "a recommending body has more projects than its quota",
    },
    why: Bilingual {
        zh: "每个省级地区最多推荐 10 个项目，计划单列市、新疆生产建设兵团和每家中央企业最多 5 个，信息消费示范城市可额外推荐不超过 2 个。超出的部分不能上报，推荐单位须从中遴选。",
        en: "Each province-level region may recommend at most 10 projects; each separately planned city, the XPCC and each central enterprise 5; a demonstration city up to 2 extra. The office must choose among the excess before forwarding.",
    },
    bad: "$ shenbao intake --office 江苏省 --trusted-key keys 南京市/      # three projects 南京市 recommends as a demonstration city",
    good: "$ rm 南京市/园区巡检机器人.zip      # a demonstration city may add two: 南京市 keeps two\n$ shenbao intake --office 江苏省 --trusted-key keys 南京市/",
    ..FAMILY
};

pub const SAME_APPLICANT_TWO_ROUTES: Rule = Rule {
    code: "I002",
    name: "applicant-through-two-routes",
    severity: Severity::Error,
    clause: "R4",
    summary: Bilingual {
        zh: "同一申报单位经两个推荐渠道申报",
        en: "the same applicant arrives through two recommending bodies",
    },
    why: Bilingual {
        zh: "同一单位（统一社会信用代码相同）通过两个推荐单位申报，会重复占用名额，也可能是同一项目重复申报。应确认只保留一个渠道。",
        en: "The same applicant (same credit code) through two recommending bodies uses two quotas and is often the same project twice; keep one route.",
    },
    bad: "$ shenbao intake --office 江苏省 --trusted-key keys dossier.zip 南京市/测温消杀机器人.zip      # one company, via 江苏省 and via 南京市",
    good: "$ shenbao intake --office 江苏省 --trusted-key keys dossier.zip 南京市/预检分诊机器人.zip      # two companies",
    ..FAMILY
};

pub const SAME_PROJECT_TWICE: Rule = Rule {
    code: "I003",
    name: "same-project-twice",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "同一项目提交了两次",
        en: "the same project arrived twice",
    },
    why: Bilingual {
        zh: "项目名称相同（或材料完全相同）的两份材料包，多半是重复提交或同一项目换了申报单位，只能保留一份。",
        en: "Two dossiers with the same project name (or identical content) are usually a resubmission or one project under two applicants; keep one.",
    },
    bad: "$ cp dossier.zip 测温机器人-再次提交.zip      # sent a second time\n$ shenbao intake --office 江苏省 --trusted-key keys dossier.zip 测温机器人-再次提交.zip",
    good: "$ shenbao intake --office 江苏省 --trusted-key keys dossier.zip",
    ..FAMILY
};

pub const OTHER_OFFICE: Rule = Rule {
    code: "I004",
    name: "addressed-to-another-office",
    severity: Severity::Error,
    clause: "R4",
    summary: Bilingual {
        zh: "材料包不是报给本推荐单位的",
        en: "the dossier is addressed to another recommending body",
    },
    why: Bilingual {
        zh: "材料包记录了推荐单位（及示范城市经哪个省上报）。不是报给本单位、也不经本单位转报的材料，应退回或转给正确的推荐单位。",
        en: "A dossier names its recommending body (and, for a demonstration city, the province it goes through); one neither addressed to nor routed through this office belongs elsewhere.",
    },
    bad: "# in shenbao.yaml:\nrecommender:\n  name: 浙江省\n  department: 浙江省经济和信息化厅\n$ shenbao package --key applicant.key -o inbox/测温机器人.zip .\n$ shenbao intake --office 江苏省 --trusted-key keys inbox/",
    good: "$ shenbao package --key applicant.key -o inbox/测温机器人.zip .      # recommended by 江苏省\n$ shenbao intake --office 江苏省 --trusted-key keys inbox/",
    ..FAMILY
};

pub const SAME_APPLICANT: Rule = Rule {
    code: "I005",
    name: "applicant-with-several-projects",
    severity: Severity::Warning,
    summary: Bilingual {
        zh: "同一申报单位报了多个项目",
        en: "one applicant filed several projects",
    },
    why: Bilingual {
        zh: "指南没有限制一个单位申报的项目数，但同一单位的多个项目会占用推荐名额，推荐单位通常只推荐其中最好的一个。",
        en: "The call does not limit projects per applicant, but several from one applicant use up the quota; offices usually forward the strongest.",
    },
    bad: "$ shenbao package --key applicant.key -o inbox/测温机器人.zip .\n# in shenbao.yaml:\nproject:\n  name: 园区智能测温巡检机器人      # a second project of the same company\n$ shenbao package --key applicant.key -o inbox/巡检机器人.zip .\n$ shenbao intake --office 江苏省 --trusted-key keys inbox/",
    good: "$ shenbao package --key applicant.key -o inbox/测温机器人.zip .\n$ shenbao intake --office 江苏省 --trusted-key keys inbox/",
    ..FAMILY
};

pub const UNKNOWN_CITY: Rule = Rule {
    code: "I008",
    name: "unlisted-demonstration-city",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "推荐单位不在信息消费示范城市名单中",
        en: "the recommending body is not a listed demonstration city",
    },
    why: Bilingual {
        zh: "只有信息消费示范城市可额外推荐不超过 2 个项目。推荐单位若不在名单中却按示范城市推荐，就会多占名额。shenbao 的名单可能不全：确为示范城市的，把它加入调用配置（--call）。",
        en: "Only demonstration cities may recommend up to 2 extra projects. A body not on the list recommending as one would take slots it does not have. shenbao's list may be incomplete: add a real demonstration city to a call profile (--call).",
    },
    bad: "# in shenbao.yaml:\nrecommender:\n  kind: demonstration_city\n  name: 苏州市\n  via: 江苏省\n$ shenbao package --key applicant.key -o inbox/测温机器人.zip .\n$ shenbao intake --office 江苏省 --trusted-key keys inbox/",
    good: "# in shenbao.yaml:\nrecommender:\n  kind: demonstration_city\n  name: 南京市\n  via: 江苏省\n$ shenbao package --key applicant.key -o inbox/测温机器人.zip .\n$ shenbao intake --office 江苏省 --trusted-key keys inbox/",
    ..FAMILY
};

pub const NO_DOSSIERS: Rule = Rule {
    code: "I009",
    name: "no-dossiers-found",
    severity: Severity::Error,
    could_not_run: true,
    summary: Bilingual {
        zh: "没有找到材料包（*.zip）",
        en: "no dossiers (*.zip) were found",
    },
    why: Bilingual {
        zh: "受理和推荐处理的是申报单位用 `shenbao package` 生成的材料包（.zip）。给出的文件和文件夹（含子文件夹）中一个也没有时无从处理；检查路径是否正确，材料包是否已解压（应保留 .zip 原件）。",
        en: "Intake and recommend work on the dossiers (.zip) applicants make with `shenbao package`. When the given files and folders (subfolders included) hold none there is nothing to do: check the path, and that the dossiers were not unzipped (keep the .zip as it arrived).",
    },
    bad: "$ shenbao intake --trusted-key keys inbox/      # nothing has arrived yet",
    good: "$ cp dossier.zip inbox/\n$ shenbao intake --office 江苏省 --trusted-key keys inbox/",
    ..FAMILY
};

pub const RULES: &[Rule] = &[
    NO_DOSSIERS,
    OVER_QUOTA,
    SAME_APPLICANT_TWO_ROUTES,
    SAME_PROJECT_TWICE,
    OTHER_OFFICE,
    SAME_APPLICANT,
    UNKNOWN_CITY,
];
