//! Category fit (C): the declared category is supported by the project's own
//! words, no other category fits clearly better, and the category's hard
//! facets (a product, a physical venue) show in the text. Clauses C1–C10.

use shenbao_diagnostic::{Bilingual, Rule, Severity};

/// What this family's rules share.
const FAMILY: Rule = Rule::family("category", "C1–C10");

pub const UNSUPPORTED: Rule = Rule {
    code: "C001",
    name: "category-not-supported",
    severity: Severity::Warning,
    summary: Bilingual {
        zh: "项目的文字中没有任何内容支持所申报的类别",
        en: "nothing in the project's text supports the declared category",
    },
    why: Bilingual {
        zh: "专家评审按申报方向比较项目。shenbao 用调用配置中各类别的概念词表（同义词、典型产品、服务、用户和场景）理解项目名称、简介、关键词和详细内容；一个概念也找不到时，项目可能报错了类别，或文字没有说清它为何属于该类别。这只是根据文字作出的判断，可能出错，因此只是警告，不会阻止申报：提示会说明文字更像哪一类及依据，`shenbao fit` 列出全部概念和原文词语。判断方法见 docs/category-fit.md。",
        en: "Experts compare projects within a category. shenbao reads the name, summary, keywords and narrative with each category's concept lexicon from the call profile (synonyms, typical products, services, users and scenes); when no concept of the declared category is found, the category may be wrong, or the text does not say why it fits. This is a judgement from the text alone and can be wrong, so it is a warning and never blocks a filing: the message names the category the text reads like and the evidence, and `shenbao fit` lists every concept and the words it was found as. The method is in docs/category-fit.md.",
    },
    bad: "project:\n  name: 基于人工智能与远程操控的智能测温消杀防疫机器人\n  category: 4   # 数字惠民服务",
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
        zh: "shenbao 用各类别的概念词表为每个类别打分：一个概念在每个字段中计一次（名称×3、关键词和简介×2、详细内容×1；名称末尾的概念说的是项目本身，再多计一次），再乘以概念的权重；紧跟在“不是”“并非”“无需”等否定词之后的词语不计。另一个类别的得分至少是所报类别的 1.5 倍且高出 12 分以上时提示，并列出依据。这是警告，不阻止申报：若项目确属所报类别，在简介中写明即可。`shenbao fit` 可查看全部得分和依据。",
        en: "shenbao scores every category with its concept lexicon: a concept counts once per field (name ×3, keywords and summary ×2, narrative ×1; the concept the name ends in says what the project is and counts once more), times its weight; a word right after a negation (不是, 并非, 无需…) does not count. When another category scores at least 1.5 times as much and 12 points more, it says so and lists the evidence. It is a warning and never blocks a filing: if the declared category is right, say why in the summary. `shenbao fit` shows all scores and their evidence.",
    },
    bad: "project:\n  name: 基于人工智能与远程操控的智能测温消杀防疫机器人\n  category: 8   # 前沿科技信息产品",
    good: "project:\n  name: 基于人工智能与远程操控的智能测温消杀防疫机器人\n  category: 7   # 智能防控创新产品",
    ..FAMILY
};

pub const FACET: Rule = Rule {
    code: "C003",
    name: "category-facet-missing",
    severity: Severity::Warning,
    summary: Bilingual {
        zh: "文字中看不出该类别的基本属性（产品、实体场馆等），或明确写了没有",
        en: "the text does not show a defining feature of the category (a product, a physical venue…), or says there is none",
    },
    why: Bilingual {
        zh: "有的类别对项目形态有硬性要求：第 7、8 类是“产品”，要有研发、生产或销售的设备、终端；第 10 类是实体的“信息消费体验中心（馆）”，要有线下场所，并兼具线上服务与线下体验。文字中看不出这些时是警告；只有文字明确写出不具备（如“纯线上运营”“无实体场馆”）时才是错误，提示会引用原句。",
        en: "Some categories fix the project's form: 7 and 8 are products (devices, terminals developed, made or sold); 10 is a physical experience centre with both online service and offline experience. When the text does not show this, it is a warning; only when the text says outright that the project has none (纯线上运营, 无实体场馆) is it an error, and the message quotes the sentence.",
    },
    bad: "# examples/remote-diagnosis-platform/shenbao.yaml\nproject:\n  name: 5G+AI 远程影像诊断与分级诊疗服务平台\n  category: 10   # 信息消费体验中心: a physical venue",
    good: "# examples/remote-diagnosis-platform/shenbao.yaml\nproject:\n  name: 5G+AI 远程影像诊断与分级诊疗服务平台\n  category: 3   # 医疗教育服务",
    ..FAMILY
};

pub const RULES: &[Rule] = &[UNSUPPORTED, BETTER_FIT, FACET];
