//! The rule registry is the single source of rule documentation: `docs/rules.md`
//! must be exactly what it generates, and every entry must be complete.

use shenbao::registry::{all_rules, rules_markdown};
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
        assert!(
            rule.summary
                .zh
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{} summary_zh is not Chinese",
            rule.code
        );
    }
}
