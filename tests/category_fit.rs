//! Category scoring on realistic project texts for all ten categories
//! (tests/fixtures/category_texts.yaml): each scores best on its own category
//! and draws no warning; texts filed in the wrong category are caught.

use serde_json::{json, Value};
use shenbao_check::call::CallProfile;
use shenbao_check::rules::{self, category::scoring, Context};
use shenbao_load::yaml;

fn fixtures() -> Vec<Value> {
    let text = include_str!("fixtures/category_texts.yaml");
    let (value, _) = yaml::parse(text).expect("fixtures parse");
    value.as_array().expect("a list").clone()
}

fn declaration(entry: &Value) -> Value {
    json!({"project": {
        "name": entry["name"],
        "summary": entry["summary"],
        "keywords": entry["keywords"],
        "category": entry["category"],
    }})
}

fn category_codes(value: &Value) -> Vec<String> {
    let profile = CallProfile::embedded();
    let cx = Context {
        value,
        profile,
        files: shenbao_check::rules::Files::None,
        as_of: profile.deadline().0,
    };
    let mut found = Vec::new();
    rules::category::check(&cx, &mut found);
    found.into_iter().map(|d| d.code.to_string()).collect()
}

fn best_of(value: &Value, declared: u32) -> u32 {
    let profile = CallProfile::embedded();
    let cx = Context {
        value,
        profile,
        files: shenbao_check::rules::Files::None,
        as_of: profile.deadline().0,
    };
    let fits = scoring::all_fits(profile, &scoring::texts(&cx));
    scoring::best(&fits, declared).number
}

#[test]
fn every_category_is_covered_by_at_least_three_texts() {
    let entries = fixtures();
    for n in 1..=10u64 {
        let count = entries
            .iter()
            .filter(|e| e["category"] == n && e.get("tricky").is_none())
            .count();
        assert!(count >= 3, "category {n} has {count} texts");
    }
}

#[test]
fn correctly_filed_projects_score_best_on_their_category_and_draw_no_warning() {
    let mut misses = Vec::new();
    for entry in fixtures().iter().filter(|e| e.get("tricky").is_none()) {
        let declared = entry["category"].as_u64().unwrap() as u32;
        let value = declaration(entry);
        let best = best_of(&value, declared);
        let codes = category_codes(&value);
        if best != declared || !codes.is_empty() {
            misses.push(format!(
                "{} (cat {declared}): best {best}, {codes:?}",
                entry["name"]
            ));
        }
    }
    assert!(misses.is_empty(), "{misses:#?}");
}

#[test]
fn misfiled_projects_are_pointed_to_the_right_category() {
    for entry in fixtures().iter().filter(|e| e.get("tricky").is_some()) {
        let declared = entry["declared"].as_u64().unwrap() as u32;
        let expected = entry["expected_best"].as_u64().unwrap() as u32;
        let value = declaration(entry);
        assert_eq!(best_of(&value, declared), expected, "{}", entry["name"]);
        let codes = category_codes(&value);
        assert!(
            codes.iter().any(|c| c == "C002" || c == "C001"),
            "{}: {codes:?}",
            entry["name"]
        );
    }
}

#[test]
fn scoring_is_deterministic_and_explained() {
    let entry = &fixtures()[0];
    let value = declaration(entry);
    let profile = CallProfile::embedded();
    let cx = Context {
        value: &value,
        profile,
        files: shenbao_check::rules::Files::None,
        as_of: profile.deadline().0,
    };
    let texts = scoring::texts(&cx);
    let a = scoring::all_fits(profile, &texts);
    let b = scoring::all_fits(profile, &texts);
    assert_eq!(a, b);
    for fit in &a {
        let sum: u32 = fit.evidence.iter().map(|(_, s)| s).sum();
        assert_eq!(sum, fit.score, "the evidence adds up to the score");
    }
}
