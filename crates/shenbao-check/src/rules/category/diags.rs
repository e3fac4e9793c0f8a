//! Category fit (C): the declared category is supported by the project's own
//! words, no other category fits clearly better, and the category's hard
//! facets (a product, a physical venue) show in the text. Clauses C1–C10.

use shenbao_diagnostic::{Bilingual, Rule, Severity};

/// What this family's rules share.
const FAMILY: Rule = Rule::family("category", "C1–C10");

pub const UNSUPPORTED: Rule = Rule {
    code: "C001",
    name: "category-not-supported",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "项目的文字中没有任何内容支持所申报的类别",
        en: "nothing in the project's text supports the declared category",
    },
    why: Bilingual {
        zh: "专家评审按申报方向比较项目。如果项目名称、简介、关键词和详细内容里找不到该类别的任何特征词（例如第 7 类的测温、消杀、防疫机器人），项目多半报错了类别，或者文字没有说清它属于该类别。",
        en: "Experts compare projects within a category. When the name, summary, keywords and narrative contain none of the category's characteristic terms (for category 7: temperature screening, disinfection, epidemic-prevention robots), the category is probably wrong or the text does not show why it fits.",
    },
    bad: "project:\n  name: 基于人工智能与远程操控的智能测温消杀防疫机器人\n  category: 3   # 医疗教育服务",
    good: "project:\n  name: 基于人工智能与远程操控的智能测温消杀防疫机器人\n  category: 7   # 智能防控创新产品",
    ..FAMILY
};

pub const BETTER_FIT: Rule = Rule {
    code: "C002",
    name: "other-category-fits-better",
    severity: Severity::Warning,
    summary: Bilingual {
        zh: "另一个类别明显更符合项目内容",
        en: "another category clearly fits the project better",
    },
    why: Bilingual {
        zh: "shenbao 按指南各类别的特征词为每个类别打分（名称×3、关键词和简介×2、详细内容×1，每个词每个字段只计一次）。另一个类别的得分至少是所报类别的 1.5 倍且高出 12 分以上时提示：改报该类别通常更有竞争力。`shenbao fit` 可查看全部得分和依据。",
        en: "shenbao scores every category by the call's characteristic terms (name ×3, keywords and summary ×2, narrative ×1, each term once per field). When another category scores at least 1.5 times as much and 12 points more, it says so: filing there is usually stronger. `shenbao fit` shows all scores and their evidence.",
    },
    bad: "project:\n  name: 基于人工智能与远程操控的智能测温消杀防疫机器人\n  category: 8   # 前沿科技信息产品",
    good: "project:\n  name: 基于人工智能与远程操控的智能测温消杀防疫机器人\n  category: 7   # 智能防控创新产品",
    ..FAMILY
};

pub const FACET: Rule = Rule {
    code: "C003",
    name: "category-facet-missing",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "项目不具备该类别的基本属性（产品、实体场馆等）",
        en: "the project lacks a defining feature of its category (a product, a physical venue…)",
    },
    why: Bilingual {
        zh: "有的类别对项目形态有硬性要求：第 7、8 类是“产品”，要有研发、生产或销售的设备、终端；第 10 类是实体的“信息消费体验中心（馆）”，要有线下场所，并兼具线上服务与线下体验。文字中看不出这些，评审会认为不符合该类别。",
        en: "Some categories fix the project's form: 7 and 8 are products (devices, terminals developed, made or sold); 10 is a physical experience centre with both online service and offline experience. When the text shows none of this, reviewers will judge it outside the category.",
    },
    bad: "# examples/remote-diagnosis-platform/shenbao.yaml\nproject:\n  name: 5G+AI 远程影像诊断与分级诊疗服务平台\n  category: 10   # 信息消费体验中心: a physical venue",
    good: "# examples/remote-diagnosis-platform/shenbao.yaml\nproject:\n  name: 5G+AI 远程影像诊断与分级诊疗服务平台\n  category: 3   # 医疗教育服务",
    ..FAMILY
};

pub const RULES: &[Rule] = &[UNSUPPORTED, BETTER_FIT, FACET];
