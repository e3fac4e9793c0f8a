//! The declaration's shape has one source: `schemas/declaration.schema.json`
//! (with its `x-shenbao-*` annotations) and, for what the call decides, the
//! call profile. These tests fail when anything written from it drifts: the
//! generated field reference and template, the figures quoted in hand-written
//! pages. `SHENBAO_BLESS=1 cargo test --test shape` rewrites the generated
//! files.

use shenbao::shape::{self, Sources};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bless() -> bool {
    std::env::var_os("SHENBAO_BLESS").is_some()
}

/// Compare with the file on disk, rewriting it first when blessing.
fn check_fresh(path: &str, expected: &str, stale: &mut Vec<String>) {
    let file = root().join(path);
    if bless() {
        std::fs::write(&file, expected).unwrap();
    }
    let on_disk = std::fs::read_to_string(&file).unwrap_or_default();
    if on_disk != expected {
        let line = on_disk
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .map_or_else(
                || on_disk.lines().count().min(expected.lines().count()) + 1,
                |i| i + 1,
            );
        stale.push(format!("{path} (first difference at line {line})"));
    }
}

#[test]
fn generated_files_are_fresh() {
    let sources = Sources::embedded();
    let mut stale = Vec::new();
    for file in shape::generated(&sources).unwrap_or_else(|e| panic!("{e}")) {
        check_fresh(file.path, &file.text, &mut stale);
    }
    for path in shape::PAGES_WITH_FACTS {
        let text = std::fs::read_to_string(root().join(path)).unwrap();
        let filled = shape::fill_facts(&sources, &text).unwrap_or_else(|e| panic!("{path}: {e}"));
        check_fresh(path, &filled, &mut stale);
    }
    assert!(
        stale.is_empty(),
        "generated from schemas/declaration.schema.json and the call profile, but stale: {}\n\
         edit the sources (not these files), then run `SHENBAO_BLESS=1 cargo test --test shape`",
        stale.join(", ")
    );
}

// ---------------------------------------------------------------------------
// The schema itself, and what the annotations may not change.

use serde_json::Value;
use shenbao_check::call::CallProfile;
use shenbao_check::schema::{Schema, SCHEMA_TEXT};
use shenbao_check::{check, CheckOptions};
use shenbao_load::{Document, LoadOptions};

fn schema() -> &'static Value {
    Schema::declaration().value()
}

/// Every declaration in `examples/`, passing and failing.
fn example_files() -> Vec<PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.file_name().is_some_and(|n| n == "shenbao.yaml") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("examples"), &mut out);
    assert!(out.len() >= 8, "examples found: {out:?}");
    out
}

fn load(path: &std::path::Path) -> Document {
    Document::load_file(path, &path.display().to_string(), LoadOptions::default()).unwrap()
}

/// The examples as values, with the template `shenbao init` writes.
fn documents() -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = example_files()
        .iter()
        .filter_map(|path| Some((path.display().to_string(), load(path).value?)))
        .collect();
    let template = Document::from_text("template", &template_text());
    out.push((
        "template".into(),
        template.value.expect("the template parses"),
    ));
    out
}

/// What `shenbao init` writes, as generated (`generated_files_are_fresh`
/// sees that the checked-in file is the same).
fn template_text() -> String {
    let generated = shape::generated(&Sources::embedded()).unwrap();
    let file = generated
        .iter()
        .find(|file| file.path == shape::TEMPLATE_PATH)
        .unwrap();
    assert!(file.text.starts_with("# GENERATED FILE"), "a notice first");
    shape::template_body(&file.text).to_string()
}

#[test]
fn the_schema_is_a_valid_draft_2020_12_schema() {
    let value: Value = serde_json::from_str(SCHEMA_TEXT).unwrap();
    if let Err(error) = jsonschema::meta::validate(&value) {
        panic!("schemas/declaration.schema.json is not a valid schema: {error}");
    }
}

/// The schema without annotations: what a validator that knows nothing of
/// shenbao sees.
fn without_annotations(node: &Value) -> Value {
    match node {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| !k.starts_with("x-shenbao-") && *k != "$comment")
                .map(|(k, v)| (k.clone(), without_annotations(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_annotations).collect()),
        other => other.clone(),
    }
}

#[test]
fn annotations_change_no_verdict() {
    let bare = without_annotations(schema());
    assert!(
        bare.to_string().len() < schema().to_string().len(),
        "the schema carries annotations"
    );
    let bare = Schema::compile(&bare.to_string()).unwrap();
    for (name, value) in documents() {
        let described = |found: Vec<shenbao_diagnostic::Diagnostic>| -> Vec<String> {
            found
                .iter()
                .map(|d| format!("{} {} {}", d.code, d.pointer, d.message.en))
                .collect()
        };
        assert_eq!(
            described(Schema::declaration().check(&value)),
            described(bare.check(&value)),
            "{name}"
        );
    }
}

#[test]
fn the_template_is_well_formed_and_schema_valid() {
    let text = template_text();
    assert!(text.starts_with("# yaml-language-server: $schema=./shenbao.schema.json\n"));
    let document = Document::from_text("shenbao.yaml", &text);
    let found = check(&document, CallProfile::embedded(), CheckOptions::default());
    let codes: Vec<&str> = found.iter().map(|d| d.code).collect();
    // Placeholders are left for the call's rules to point out; the file
    // itself loads and satisfies the schema.
    assert!(
        codes.iter().all(|c| !"FEYS".contains(&c[..1])),
        "template problem: {codes:?}"
    );
    assert!(codes.contains(&"A008"), "commitments left false: {codes:?}");
    assert!(
        codes.contains(&"P001"),
        "narrative placeholders are short: {codes:?}"
    );
}

#[test]
fn a_stale_figure_between_markers_is_replaced() {
    let sources = Sources::embedded();
    let min = sources.profile.narrative.min_chars;
    let text = "at least <!-- shape:profile:narrative.min_chars -->150<!-- /shape --> characters";
    assert_eq!(
        shape::fill_facts(&sources, text).unwrap(),
        format!(
            "at least <!-- shape:profile:narrative.min_chars -->{min}<!-- /shape --> characters"
        )
    );
    let text = "<!-- shape:schema:project.summary:minLength -->1<!-- /shape -->";
    assert!(shape::fill_facts(&sources, text)
        .unwrap()
        .contains("-->50<!--"));
    for wrong in [
        "<!-- shape:profile:narrative.max_chars -->1<!-- /shape -->",
        "<!-- shape:schema:project.summry:minLength -->1<!-- /shape -->",
        "<!-- shape:narrative -->1<!-- /shape -->",
        "<!-- shape:profile:narrative.min_chars -->100",
    ] {
        assert!(shape::fill_facts(&sources, wrong).is_err(), "{wrong}");
    }
}
