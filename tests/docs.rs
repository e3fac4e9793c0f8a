//! The rule registry is the single source of rule documentation: `docs/rules.md`
//! must be exactly what it generates, every entry must be complete, and each
//! text must be in its language.

use shenbao::registry::{all_rules, rules_markdown};
use shenbao_diagnostic::Bilingual;
use std::collections::HashSet;

#[test]
fn rules_md_is_generated_from_the_registry() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
    let generated = rules_markdown();
    if std::env::var_os("SHENBAO_BLESS").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/rules.md is out of date: run `cargo run -- explain --all --markdown > docs/rules.md`"
    );
}

#[test]
fn every_rule_is_documented_and_codes_are_unique() {
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for rule in all_rules() {
        assert!(codes.insert(rule.code), "duplicate code {}", rule.code);
        assert!(names.insert(rule.name), "duplicate name {}", rule.name);
        let code_ok = rule.code.len() == 4
            && rule.code[..1].chars().all(|c| c.is_ascii_uppercase())
            && rule.code[1..].chars().all(|c| c.is_ascii_digit());
        assert!(code_ok, "code shape {}", rule.code);
        for (what, text) in [
            ("summary_zh", rule.summary.zh),
            ("summary_en", rule.summary.en),
            ("why_zh", rule.why.zh),
            ("why_en", rule.why.en),
            ("bad", rule.bad),
            ("good", rule.good),
        ] {
            assert!(!text.trim().is_empty(), "{} has no {what}", rule.code);
        }
        assert_ne!(rule.bad, rule.good, "{}", rule.code);
    }
}

/// A CJK ideograph (the unified blocks, extension A, the compatibility block
/// and the supplementary planes' extensions).
fn is_ideograph(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{2fa1f}')
}

/// The share of a text's letters that are CJK ideographs, counting each
/// ideograph and each Latin letter as one letter (digits, punctuation and
/// spaces do not count).
fn ideograph_share(text: &str) -> f64 {
    let ideographs = text.chars().filter(|&c| is_ideograph(c)).count();
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    ideographs as f64 / (ideographs + latin).max(1) as f64
}

/// Chinese texts cite Latin names (shenbao.yaml, GBK, UTF-8, BagIt) and
/// English texts cite Chinese terms (机要交换, 类型, 万元), so the test is a
/// share, not a purity: a zh text must have at least a quarter of its letters
/// ideographs (the fewest today: 35%, "文件夹中没有 shenbao.yaml"), an en
/// text at most a tenth (the most today: 4%). A swapped pair fails both.
const ZH_AT_LEAST: f64 = 0.25;
const EN_AT_MOST: f64 = 0.10;

fn language_problems(code: &str, summary: Bilingual, why: Bilingual) -> Vec<String> {
    let mut out = Vec::new();
    for (field, text) in [("summary.zh", summary.zh), ("why.zh", why.zh)] {
        let share = ideograph_share(text);
        if share < ZH_AT_LEAST {
            out.push(format!(
                "{code} {field} is not Chinese ({:.0}% ideographs): {text}",
                share * 100.0
            ));
        }
    }
    for (field, text) in [("summary.en", summary.en), ("why.en", why.en)] {
        let share = ideograph_share(text);
        if share > EN_AT_MOST {
            out.push(format!(
                "{code} {field} is not English ({:.0}% ideographs): {text}",
                share * 100.0
            ));
        }
    }
    out
}

#[test]
fn each_text_is_in_its_language() {
    let problems: Vec<String> = all_rules()
        .iter()
        .flat_map(|r| language_problems(r.code, r.summary, r.why))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_swapped_pair_would_fail() {
    let swap = |b: Bilingual| Bilingual { zh: b.en, en: b.zh };
    for rule in all_rules() {
        // Both texts swapped: all four fail.
        let problems = language_problems(rule.code, swap(rule.summary), swap(rule.why));
        assert_eq!(problems.len(), 4, "{}: {problems:?}", rule.code);
        // Only the summary swapped: its two fail.
        let problems = language_problems(rule.code, swap(rule.summary), rule.why);
        assert_eq!(problems.len(), 2, "{}: {problems:?}", rule.code);
    }
}
