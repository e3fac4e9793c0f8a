//! Category fit, measured on the evaluation set in `tests/fit/`: project
//! descriptions written as applicants write them, each labelled with its
//! category. The lexicon is tuned on the `tune-*` half only; the `heldout-*`
//! half is the measure (docs/category-fit.md).
//!
//! For each half this prints, and fails below:
//! - the share of descriptions whose category ranks first (the tuning half
//!   ≥ 90%; the held-out half at least what it measured when the lexicon
//!   was last tuned, a floor that only rises: issue 13 asks for 90%);
//! - the C-rule errors a correctly filed description gets (none);
//! - the share of wrong filings (each description under each other
//!   category) that get a C-warning or error (≥ 90%);
//!
//! and prints the confusion matrix and the misranked descriptions of the
//! tuning half (the held-out half's are not printed: it is not read).

use serde_json::{json, Value};
use shenbao_check::call::CallProfile;
use shenbao_check::rules::category::{self, scoring};
use shenbao_check::rules::{Context, Files};
use shenbao_diagnostic::{Diagnostic, Severity};
use std::path::Path;

const MIN_TOP1: f64 = 0.90;
/// What the held-out half measured at the last tuning (docs/category-fit.md):
/// 109 of 120. Raise it when the lexicon improves; never lower it.
const HELD_OUT_TOP1_FLOOR: f64 = 0.908;
const MIN_DETECTED: f64 = 0.90;

struct Entry {
    id: String,
    category: u32,
    near: Option<u32>,
    value: Value,
}

fn load(half: &str) -> Vec<Entry> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fit");
    let mut entries = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(half) && name.ends_with(".yaml")
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no {half}-*.yaml in {}", dir.display());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let (list, _) = shenbao_load::yaml::parse(&text)
            .unwrap_or_else(|e| panic!("{}: {e:?}", file.display()));
        for item in list.as_array().expect("a list") {
            let text = |key: &str| item.get(key).cloned().unwrap_or(Value::Null);
            let category = item["category"].as_u64().expect("category") as u32;
            entries.push(Entry {
                id: item["id"].as_str().expect("id").to_string(),
                category,
                near: item.get("near").and_then(Value::as_u64).map(|n| n as u32),
                value: json!({
                    "project": {
                        "name": text("name"),
                        "summary": text("summary"),
                        "keywords": text("keywords"),
                        "category": category,
                    },
                    "narrative": narrative(item),
                }),
            });
        }
    }
    entries
}

/// The entry's narrative sections: the declaration's own section names at
/// the entry's top level (`content`, and `background`, `innovation`,
/// `results` …); `benefits` is read as `results`, the section it means.
fn narrative(item: &Value) -> Value {
    let mut sections = serde_json::Map::new();
    for (key, section) in [
        ("background", "background"),
        ("content", "content"),
        ("innovation", "innovation"),
        ("results", "results"),
        ("benefits", "results"),
        ("replicability", "replicability"),
        ("safeguards", "safeguards"),
    ] {
        if let Some(text) = item.get(key).and_then(Value::as_str) {
            let entry = sections
                .entry(section)
                .or_insert_with(|| Value::String(String::new()));
            if let Value::String(joined) = entry {
                if !joined.is_empty() {
                    joined.push('\n');
                }
                joined.push_str(text);
            }
        }
    }
    Value::Object(sections)
}

/// The C-rule findings for `value` filed under `declared`.
fn findings(value: &Value, declared: u32, profile: &CallProfile) -> Vec<Diagnostic> {
    let mut value = value.clone();
    value["project"]["category"] = json!(declared);
    let cx = Context {
        value: &value,
        profile,
        files: Files::None,
        as_of: profile.deadline().0,
    };
    let mut out = Vec::new();
    category::check(&cx, &mut out);
    out
}

/// The category ranked first (ties to the lower number: no favour to the
/// label).
fn ranked_first(value: &Value, profile: &CallProfile) -> u32 {
    let cx = Context {
        value,
        profile,
        files: Files::None,
        as_of: profile.deadline().0,
    };
    let fits = scoring::all_fits(profile, &scoring::texts(&cx));
    scoring::best(&fits, 0).number
}

struct Measured {
    total: usize,
    top1: usize,
    errors_on_correct: Vec<String>,
    warned_on_correct: usize,
    wrong_filings: usize,
    detected: usize,
    near_filings: usize,
    near_detected: usize,
}

fn measure(half: &str) -> Measured {
    let profile = CallProfile::embedded();
    let entries = load(half);
    let mut confusion = [[0usize; 10]; 10];
    let mut m = Measured {
        total: entries.len(),
        top1: 0,
        errors_on_correct: Vec::new(),
        warned_on_correct: 0,
        wrong_filings: 0,
        detected: 0,
        near_filings: 0,
        near_detected: 0,
    };
    let mut misranked = Vec::new();
    for entry in &entries {
        let first = ranked_first(&entry.value, profile);
        confusion[entry.category as usize - 1][first as usize - 1] += 1;
        if first == entry.category {
            m.top1 += 1;
        } else {
            misranked.push(format!("{} ({} ranked {first})", entry.id, entry.category));
        }
        let own = findings(&entry.value, entry.category, profile);
        for d in own.iter().filter(|d| d.severity == Severity::Error) {
            m.errors_on_correct
                .push(format!("{} {}: {}", entry.id, d.code, d.message.en));
        }
        if !own.is_empty() {
            m.warned_on_correct += 1;
        }
        for wrong in (1..=10).filter(|&c| c != entry.category) {
            let flagged = !findings(&entry.value, wrong, profile).is_empty();
            m.wrong_filings += 1;
            m.detected += usize::from(flagged);
            if entry.near == Some(wrong) {
                m.near_filings += 1;
                m.near_detected += usize::from(flagged);
            }
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!("== {half}: {} descriptions", m.total);
    println!(
        "ranked first: {}/{} = {:.1}%",
        m.top1,
        m.total,
        pct(m.top1, m.total)
    );
    println!(
        "filed correctly: {} C-error(s), {} description(s) with a C-warning ({:.1}%)",
        m.errors_on_correct.len(),
        m.warned_on_correct,
        pct(m.warned_on_correct, m.total)
    );
    println!(
        "filed wrongly: {}/{} flagged = {:.1}%; under the near category: {}/{} = {:.1}%",
        m.detected,
        m.wrong_filings,
        pct(m.detected, m.wrong_filings),
        m.near_detected,
        m.near_filings,
        pct(m.near_detected, m.near_filings)
    );
    println!("confusion (row: labelled, column: ranked first)");
    println!(
        "      {}",
        (1..=10).map(|c| format!("{c:>4}")).collect::<String>()
    );
    for (row, counts) in confusion.iter().enumerate() {
        println!(
            "  {:>2}  {}",
            row + 1,
            counts.iter().map(|n| format!("{n:>4}")).collect::<String>()
        );
    }
    if !misranked.is_empty() && half != "heldout" {
        println!("misranked: {}", misranked.join(", "));
    }
    for e in &m.errors_on_correct {
        println!("error on a correct filing: {e}");
    }
    m
}

fn holds(m: &Measured, half: &str, min_top1: f64) {
    let top1 = m.top1 as f64 / m.total as f64;
    let detected = m.detected as f64 / m.wrong_filings as f64;
    assert!(m.total >= 75, "{half}: only {} descriptions", m.total);
    assert!(
        top1 >= min_top1,
        "{half}: ranked first {top1:.3} < {min_top1}"
    );
    assert!(
        m.errors_on_correct.is_empty(),
        "{half}: C-errors on correct filings: {:?}",
        m.errors_on_correct
    );
    assert!(
        detected >= MIN_DETECTED,
        "{half}: wrong filings flagged {detected:.3} < {MIN_DETECTED}"
    );
}

#[test]
fn tuning_half() {
    let m = measure("tune");
    holds(&m, "tune", MIN_TOP1);
}

#[test]
fn held_out_half() {
    let m = measure("heldout");
    holds(&m, "heldout", HELD_OUT_TOP1_FLOOR);
}

/// A new set from a new author, saved as `tests/fit/fresh-*.yaml`, is scored
/// here once, before the lexicon is tuned on it (`--ignored`); then it is
/// renamed `tune-*.yaml` and joins the tuning half (docs/category-fit.md).
#[test]
#[ignore]
fn fresh_batch() {
    let m = measure("fresh");
    holds(&m, "fresh", 0.0);
}
