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
        zh: "申报书嵌入的思源黑体（Noto Sans SC）子集覆盖 GBK 的全部字符和《通用规范汉字表》的全部 8105 个字（包括用于人名地名的三级字表和扩展 B 区以外的字），以及常用标点和符号。这之外的字（例如扩展 B 区中不在字表里的异体字）或特殊符号，PDF 里会出现空白；shenbao 不会悄悄丢字，而是指出字符和所在字段。可换用规范写法，或在纸质版上手写补充并说明。",
        en: "The embedded Noto Sans SC subset covers every GBK character and all 8,105 characters of the 通用规范汉字表 (the 2013 Table of General Standard Chinese Characters, whose third level holds the characters of names and places, some beyond the BMP), plus common punctuation and symbols. A character outside these (a variant in CJK Extension B that the table does not list) or an unusual symbol would print as a blank; shenbao never drops it silently but names the character and the field. Use the standard form, or write it in by hand on the paper copy and say so.",
    },
    bad: "# in shenbao.yaml:\napplicant:\n  legal_representative: 王𠮷\ncommitments:\n  signatory: 王𠮷\n$ shenbao form .",
    good: "# in shenbao.yaml:\napplicant:\n  legal_representative: 王岩\ncommitments:\n  signatory: 王岩\n$ shenbao form .",
    ..FAMILY
};

pub const RULES: &[Rule] = &[GLYPH_MISSING];
