//! Diagnostics of the form stage (M).

use shenbao_diagnostic::{Bilingual, Rule, Severity};

/// What this family's rules share.
const FAMILY: Rule = Rule::family("form", "");

pub const GLYPH_MISSING: Rule = Rule {
    code: "M001",
    name: "character-not-printable",
    severity: Severity::Warning,
    summary: Bilingual {
        zh: "申报书字体中没有这个字符，印出来是方框，需手写",
        en: "the form's font has no glyph for this character: it prints as a box to write in",
    },
    why: Bilingual {
        zh: "申报书正文所用的思源宋体（Noto Serif SC）子集覆盖 GBK 的全部字符和《通用规范汉字表》的全部 8105 个字（包括用于人名地名的三级字表和扩展 B 区以外的字），以及常用标点和符号。这之外的字（例如扩展 B 区中不在字表里的异体字）或特殊符号，申报书上在它的位置印一个方框，请打印后在框内手写；电子版（shenbao.yaml 和材料包）保留原字。人名用字不能随意改写，所以这只是警告，不会阻止申报；`--strict` 时作为错误。",
        en: "The embedded Noto Serif SC subset, the face of the body text, covers every GBK character and all 8,105 characters of the 通用规范汉字表 (the 2013 Table of General Standard Chinese Characters, whose third level holds the characters of names and places, some beyond the BMP), plus common punctuation and symbols. A character outside these (a variant in CJK Extension B that the table does not list) or an unusual symbol prints as an empty box in its place, to be written in by hand on the paper copy; the electronic copy (shenbao.yaml and the dossier) keeps the character. A person's name cannot simply be respelt, so this is a warning and does not stop the application (an error under `--strict`).",
    },
    bad: "# in shenbao.yaml:\napplicant:\n  legal_representative: 王𠮷\ncommitments:\n  signatory: 王𠮷\n$ shenbao form .",
    good: "# in shenbao.yaml:\napplicant:\n  legal_representative: 王岩\ncommitments:\n  signatory: 王岩\n$ shenbao form .",
    ..FAMILY
};

pub const RULES: &[Rule] = &[GLYPH_MISSING];
