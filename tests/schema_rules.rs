//! Each schema rule fires on a realistic declaration broken in one place, and
//! only there; the untouched declaration triggers nothing.

use serde_json::{json, Value};
use shenbao::declaration::Document;
use shenbao::rules::{self, CheckOptions};

fn example() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/thermal-screening-robot/shenbao.yaml"
    );
    let text = std::fs::read_to_string(path).unwrap();
    Document::from_text("example", &text)
        .value
        .expect("example parses")
}

/// Check a JSON value (JSON is YAML) and return (code, pointer) pairs.
fn findings(value: &Value) -> Vec<(String, String)> {
    let text = serde_json::to_string_pretty(value).unwrap();
    let document = Document::from_text("mutated", &text);
    rules::check(&document, CheckOptions::default())
        .into_iter()
        .map(|d| {
            assert!(d.location.is_some(), "{} has no location", d.code);
            (d.code.to_string(), d.pointer)
        })
        .collect()
}

fn fires(mutate: impl FnOnce(&mut Value), code: &str, pointer: &str) {
    let mut value = example();
    mutate(&mut value);
    assert_eq!(
        findings(&value),
        vec![(code.to_string(), pointer.to_string())]
    );
}

#[test]
fn untouched_example_is_clean() {
    assert_eq!(findings(&example()), vec![]);
}

#[test]
fn s001_missing_field() {
    fires(
        |v| {
            v["applicant"]
                .as_object_mut()
                .unwrap()
                .remove("postal_code");
        },
        "S001",
        "/applicant",
    );
}

#[test]
fn s002_wrong_type() {
    fires(
        |v| v["applicant"]["employees"] = json!("三百"),
        "S002",
        "/applicant/employees",
    );
}

#[test]
fn s003_unknown_field() {
    fires(
        |v| v["project"]["catgory"] = json!(7),
        "S003",
        "/project/catgory",
    );
}

#[test]
fn s004_value_not_allowed() {
    fires(
        |v| v["submission"]["channel"] = json!("post"),
        "S004",
        "/submission/channel",
    );
    fires(
        |v| v["project"]["category"] = json!(11),
        "S004",
        "/project/category",
    );
    fires(
        |v| v["project"]["category"] = json!("智能防控产品"),
        "S004",
        "/project/category",
    );
}

#[test]
fn s005_invalid_format() {
    fires(
        |v| v["submission"]["date"] = json!("2021-02-30"),
        "S005",
        "/submission/date",
    );
    fires(
        |v| v["applicant"]["contact"]["email"] = json!("li at example.com"),
        "S005",
        "/applicant/contact/email",
    );
}

#[test]
fn s006_out_of_range() {
    fires(
        |v| v["applicant"]["employees"] = json!(-3),
        "S006",
        "/applicant/employees",
    );
}

#[test]
fn s007_pattern_mismatch() {
    fires(
        |v| v["applicant"]["postal_code"] = json!("31001"),
        "S007",
        "/applicant/postal_code",
    );
}

#[test]
fn s008_bad_length() {
    fires(
        |v| v["project"]["summary"] = json!("测温机器人"),
        "S008",
        "/project/summary",
    );
    fires(
        |v| v["project"]["keywords"] = json!([]),
        "S008",
        "/project/keywords",
    );
}

#[test]
fn category_by_number_or_name_both_pass() {
    let mut value = example();
    value["project"]["category"] = json!("智能防控创新产品");
    assert_eq!(findings(&value), vec![]);
    value["project"]["category"] = json!(7);
    assert_eq!(findings(&value), vec![]);
}
