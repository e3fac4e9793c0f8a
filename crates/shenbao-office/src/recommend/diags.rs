//! Checks of a recommendation (I, continued from intake): what stops an office
//! from forwarding its selection, beyond the checks across dossiers.

use shenbao_diagnostic::{Bilingual, Rule, Severity};

/// What this family's rules share.
const FAMILY: Rule = Rule::family("recommend", "R4");

pub const OFFICE_CANNOT_FORWARD: Rule = Rule {
    code: "I006",
    name: "office-cannot-forward-directly",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "该推荐单位不能直接向工业和信息化部报送",
        en: "this office cannot forward directly to MIIT",
    },
    why: Bilingual {
        zh: "指南规定：信息消费示范城市（直辖市、计划单列市除外）额外推荐的项目，需提交所在省、自治区工业和信息化主管部门统一上报。这类城市把材料交给本省，由省里在自己的推荐材料包中一并上报。",
        en: "The call says a demonstration city's extra projects (except municipalities and separately planned cities) go through its province or autonomous region: such a city hands its dossiers to the province, which forwards them in its own bundle.",
    },
    bad: "$ shenbao recommend --office 南京市 --key office.key --trusted-key keys 南京市/测温消杀机器人.zip 南京市/预检分诊机器人.zip",
    good: "$ shenbao recommend --office 江苏省 --key office.key --trusted-key keys 南京市/测温消杀机器人.zip 南京市/预检分诊机器人.zip      # 南京市's two, via 江苏省",
    ..FAMILY
};

pub const LETTER_AFTER_DEADLINE: Rule = Rule {
    code: "I007",
    name: "letter-after-deadline",
    severity: Severity::Warning,
    clause: "R6",
    summary: Bilingual {
        zh: "推荐意见函的日期晚于报送截止日期",
        en: "the recommendation letter is dated after the deadline",
    },
    why: Bilingual {
        zh: "指南要求各地工业和信息化主管部门、中央企业于 2021 年 3 月 31 日前将申报书和推荐意见函纸质版报送工业和信息化部。晚于截止日期的推荐可能不被受理。",
        en: "The call asks offices and central enterprises to send the paper forms and the recommendation letter to MIIT by 2021-03-31; a later recommendation may not be accepted.",
    },
    bad: "$ shenbao recommend --office 江苏省 --key office.key --trusted-key keys --date 2021-04-02 dossier.zip",
    good: "$ shenbao recommend --office 江苏省 --key office.key --trusted-key keys --date 2021-03-30 dossier.zip",
    ..FAMILY
};

pub const NAME_CANNOT_TRAVEL: Rule = Rule {
    code: "I010",
    name: "name-cannot-travel",
    severity: Severity::Error,
    clause: "",
    could_not_run: true,
    summary: Bilingual {
        zh: "名称不能用作推荐材料包中的文件名",
        en: "a name cannot be used as a file name in the bundle",
    },
    why: Bilingual {
        zh: "推荐材料包按文件名列出所转报的材料包，推荐单位名称也用于文件名。名称须在各种操作系统上都能原样保存：不能有控制字符、/ \\ : * ? \" < > | %，不能是 Windows 设备名，所选材料包不能同名，-o 也不能指向所选材料包本身。",
        en: "The bundle lists the forwarded dossiers by file name, and the office's name becomes a file name too. Each must survive any operating system: no control characters, none of / \\ : * ? \" < > | %, no Windows device names, no two selected dossiers of one name, and -o must not name a selected dossier.",
    },
    bad: "$ shenbao recommend --office \"江苏省:工信厅\" --key office.key --trusted-key keys --date 2021-03-30 dossier.zip",
    good: "$ shenbao recommend --office 江苏省 --key office.key --trusted-key keys --date 2021-03-30 dossier.zip",
    ..FAMILY
};

pub const RULES: &[Rule] = &[
    OFFICE_CANNOT_FORWARD,
    LETTER_AFTER_DEADLINE,
    NAME_CANNOT_TRAVEL,
];
