//! Diagnostics of the form stage (M).

use shenbao_diagnostic::{Bilingual, Rule, Severity};

/// What this family's rules share.
const FAMILY: Rule = Rule::family("form", "");

pub const GLYPH_MISSING: Rule = Rule {
    code: "M001",
    name: "character-not-printable",
    severity: Severity::Error,
    summary: Bilingual {
        zh: "申报书字体中没有这个字符，无法打印",
        en: "the form's font has no glyph for this character",
    },
    why: Bilingual {
        zh: "申报书嵌入的思源黑体（Noto Sans SC）子集覆盖 GB2312 全部 7445 个字符以及常用标点和符号。生僻字（例如人名用字）或特殊符号不在其中时，PDF 里会出现空白；shenbao 不会悄悄丢字，而是指出字符和所在字段。可换用常用写法，或在纸质版上手写补充并说明。",
        en: "The embedded Noto Sans SC subset covers all 7,445 GB2312 characters plus common punctuation and symbols. A rare character (often in a person's name) or an unusual symbol outside it would print as a blank; shenbao never drops it silently but names the character and the field. Use a common form, or write it in by hand on the paper copy and say so.",
    },
    bad: "# in shenbao.yaml:\napplicant:\n  legal_representative: 王䶮\ncommitments:\n  signatory: 王䶮\n$ shenbao form .",
    good: "# in shenbao.yaml:\napplicant:\n  legal_representative: 王岩\ncommitments:\n  signatory: 王岩\n$ shenbao form .",
    ..FAMILY
};

pub const RULES: &[Rule] = &[GLYPH_MISSING];
