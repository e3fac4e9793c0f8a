//! The declaration's shape has one source: `schemas/declaration.schema.json`
//! (with its `x-shenbao-*` annotations) and, for what the call decides, the
//! call profile. These tests fail when anything written from it, or written
//! beside it, drifts: the generated field reference and template, the figures
//! quoted in hand-written pages, the typed model, the rules' JSON pointers and
//! the limits rule texts state. `SHENBAO_BLESS=1 cargo test --test shape`
//! rewrites the generated files.

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
    let bare = Schema::embedded("bare", Box::leak(bare.to_string().into_boxed_str()));
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
    let options = CheckOptions {
        as_of: shenbao_check::date::Date::parse("2021-03-25"),
        ..CheckOptions::default()
    };
    let found = check(&document, CallProfile::embedded(), options);
    let codes: Vec<String> = found
        .iter()
        .map(|d| format!("{} {}", d.code, d.pointer))
        .collect();
    // The file loads and satisfies the schema; what is left are its
    // placeholders, one error each (H001, H002), and what the applicant must
    // still do: attach files (here it has no folder), register online, tick
    // the commitments. A placeholder's consequences (a failing checksum, a
    // narrative too short, an unknown region, a category its unwritten texts
    // do not fit) are not reported besides it.
    let placeholders = [
        "/applicant/name",
        "/applicant/credit_code",
        "/applicant/registered_capital",
        "/applicant/address",
        "/applicant/postal_code",
        "/applicant/legal_representative",
        "/applicant/contact/name",
        "/applicant/contact/title",
        "/applicant/contact/phone",
        "/applicant/contact/mobile",
        "/applicant/contact/email",
        "/applicant/employees",
        "/applicant/finance/revenue",
        "/applicant/profile",
        "/project/name",
        "/project/summary",
        "/project/keywords/0",
        "/project/investment/total",
        "/project/metrics/0/value",
        "/project/partners/0",
        "/narrative/background",
        "/narrative/content",
        "/narrative/innovation",
        "/narrative/results",
        "/narrative/replicability",
        "/narrative/safeguards",
        "/recommender/name",
        "/recommender/department",
        "/commitments/signatory",
    ];
    let mut expected: Vec<String> = placeholders
        .iter()
        .map(|p| {
            let zero = p.ends_with("capital")
                || p.ends_with("employees")
                || p.ends_with("revenue")
                || p.ends_with("total")
                || p.ends_with("value");
            format!("{} {p}", if zero { "H002" } else { "H001" })
        })
        .collect();
    expected.extend(
        [
            "O001 /submission/registration_id",
            "A008 /commitments/truthful",
            "A008 /commitments/social_responsibility",
            "A008 /commitments/consumer_rights",
            "A008 /commitments/public_interest",
        ]
        .map(String::from),
    );
    let mut codes = codes;
    codes.sort();
    expected.sort();
    assert_eq!(codes, expected);
    // Every field the schema marks as a placeholder is one of them.
    let marked = marked_placeholders(schema(), "");
    for pointer in &marked {
        // A list's sample items are raised at the first item.
        let at = pointer.replace("/*", "/0");
        assert!(
            placeholders
                .iter()
                .any(|p| *p == at || *p == format!("{at}/0")),
            "{pointer} is marked but the template raises nothing there"
        );
    }
}

/// Pointers (`*` for list items) whose template value is a placeholder,
/// except those the template leaves commented out.
fn marked_placeholders(node: &Value, at: &str) -> Vec<String> {
    let mut out = Vec::new();
    let note = &node["x-shenbao-template"];
    if note["placeholder"] == Value::Bool(true) && note["commented"] != Value::Bool(true) {
        out.push(at.to_string());
    }
    if let Some(properties) = node["properties"].as_object() {
        for (key, child) in properties {
            out.extend(marked_placeholders(child, &format!("{at}/{key}")));
        }
    }
    if let Some(items) = node.get("items") {
        out.extend(marked_placeholders(items, &format!("{at}/*")));
    }
    out
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

// ---------------------------------------------------------------------------
// The typed model: every field it reads is one the schema defines, with a
// compatible type, and the other way round; what the schema leaves optional
// the model does not require.

mod trace {
    //! A deserializer that feeds a type a placeholder for every field it asks
    //! for, and writes down the path and kind of each: the serde names of a
    //! model, without an instance of it.

    use serde::de::{self, value::Error, DeserializeSeed, IntoDeserializer, Visitor};
    use std::cell::RefCell;
    use std::collections::BTreeMap;

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Kind {
        Bool,
        Integer,
        Number,
        Text,
        List,
        Record,
        Any,
    }

    pub type Shape = RefCell<BTreeMap<String, Kind>>;

    pub struct Tracer<'a> {
        pub path: String,
        pub shape: &'a Shape,
    }

    impl Tracer<'_> {
        fn note(&self, kind: Kind) {
            self.shape.borrow_mut().insert(self.path.clone(), kind);
        }
        fn below(&self, segment: &str) -> String {
            if self.path.is_empty() {
                segment.to_string()
            } else if segment == "[]" {
                format!("{}[]", self.path)
            } else {
                format!("{}.{segment}", self.path)
            }
        }
    }

    macro_rules! leaf {
        ($($method:ident => $kind:ident, $visit:ident($($value:expr)?);)*) => {$(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
                self.note(Kind::$kind);
                visitor.$visit($($value)?)
            }
        )*};
    }

    impl<'de> de::Deserializer<'de> for Tracer<'_> {
        type Error = Error;

        leaf! {
            deserialize_bool => Bool, visit_bool(false);
            deserialize_i8 => Integer, visit_u64(0);
            deserialize_i16 => Integer, visit_u64(0);
            deserialize_i32 => Integer, visit_u64(0);
            deserialize_i64 => Integer, visit_u64(0);
            deserialize_u8 => Integer, visit_u64(0);
            deserialize_u16 => Integer, visit_u64(0);
            deserialize_u32 => Integer, visit_u64(0);
            deserialize_u64 => Integer, visit_u64(0);
            deserialize_f32 => Number, visit_f64(0.0);
            deserialize_f64 => Number, visit_f64(0.0);
            deserialize_char => Text, visit_char('x');
            deserialize_str => Text, visit_str("");
            deserialize_string => Text, visit_str("");
            deserialize_any => Any, visit_unit();
            deserialize_unit => Any, visit_unit();
            deserialize_ignored_any => Any, visit_unit();
        }

        fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            visitor.visit_some(self)
        }

        fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.note(Kind::List);
            visitor.visit_seq(OneItem {
                item: Some(Tracer {
                    path: self.below("[]"),
                    shape: self.shape,
                }),
            })
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, Error> {
            self.note(Kind::Record);
            visitor.visit_map(Fields {
                parent: self,
                fields,
                next: 0,
            })
        }

        fn deserialize_newtype_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            visitor: V,
        ) -> Result<V::Value, Error> {
            visitor.visit_newtype_struct(self)
        }

        serde::forward_to_deserialize_any! {
            bytes byte_buf unit_struct tuple tuple_struct map enum identifier i128 u128
        }
    }

    struct OneItem<'a> {
        item: Option<Tracer<'a>>,
    }

    impl<'de> de::SeqAccess<'de> for OneItem<'_> {
        type Error = Error;
        fn next_element_seed<T: DeserializeSeed<'de>>(
            &mut self,
            seed: T,
        ) -> Result<Option<T::Value>, Error> {
            self.item
                .take()
                .map(|item| seed.deserialize(item))
                .transpose()
        }
    }

    struct Fields<'a> {
        parent: Tracer<'a>,
        fields: &'static [&'static str],
        next: usize,
    }

    impl<'de> de::MapAccess<'de> for Fields<'_> {
        type Error = Error;
        fn next_key_seed<K: DeserializeSeed<'de>>(
            &mut self,
            seed: K,
        ) -> Result<Option<K::Value>, Error> {
            let Some(name) = self.fields.get(self.next) else {
                return Ok(None);
            };
            seed.deserialize((*name).into_deserializer()).map(Some)
        }
        fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
            let name = self.fields[self.next];
            self.next += 1;
            seed.deserialize(Tracer {
                path: self.parent.below(name),
                shape: self.parent.shape,
            })
        }
    }
}

/// Every field of the schema by dotted path (`project.metrics[].name`), with
/// its JSON type (`""` when a `oneOf` decides).
fn schema_fields() -> std::collections::BTreeMap<String, String> {
    fn walk(
        field: &shape::Field,
        path: &str,
        out: &mut std::collections::BTreeMap<String, String>,
    ) {
        for child in field.properties() {
            let here = if path.is_empty() {
                child.key.to_string()
            } else {
                format!("{path}.{}", child.key)
            };
            out.insert(here.clone(), child.json_type().unwrap_or("").to_string());
            if let Some(items) = child.items() {
                let item_path = format!("{here}[]");
                out.insert(
                    item_path.clone(),
                    items.json_type().unwrap_or("").to_string(),
                );
                walk(&items, &item_path, out);
            } else {
                walk(&child, &here, out);
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(&shape::Field::root(schema()), "", &mut out);
    out
}

#[test]
fn the_model_reads_exactly_the_fields_the_schema_defines() {
    use serde::Deserialize;
    use trace::{Kind, Tracer};
    let shape = trace::Shape::default();
    shenbao_check::model::Declaration::deserialize(Tracer {
        path: String::new(),
        shape: &shape,
    })
    .expect("the tracer satisfies the model");
    let mut model = shape.into_inner();
    model.remove("");
    assert!(model.len() > 40, "traced: {model:?}");
    let schema = schema_fields();
    let mut problems = Vec::new();
    for (path, kind) in &model {
        let Some(json_type) = schema.get(path) else {
            problems.push(format!(
                "the model reads `{path}`, which the schema does not define"
            ));
            continue;
        };
        let fits = match kind {
            Kind::Bool => json_type == "boolean",
            Kind::Integer => json_type == "integer",
            Kind::Number => json_type == "number" || json_type == "integer",
            Kind::Text => json_type == "string",
            Kind::List => json_type == "array",
            Kind::Record => json_type == "object",
            Kind::Any => true,
        };
        if !fits {
            problems.push(format!(
                "`{path}`: the model reads {kind:?}, the schema says {json_type}"
            ));
        }
    }
    for path in schema.keys() {
        if !model.contains_key(path) {
            problems.push(format!(
                "the schema defines `{path}`, which the model does not read"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Remove the field at a dotted path from every place it occurs.
fn remove_field(value: &mut Value, path: &[&str]) {
    match (value, path) {
        (Value::Object(map), [last]) => {
            map.remove(*last);
        }
        (Value::Object(map), [first, rest @ ..]) => {
            let (name, items) = match first.strip_suffix("[]") {
                Some(name) => (name, true),
                None => (*first, false),
            };
            match (map.get_mut(name), items) {
                (Some(Value::Array(list)), true) => {
                    for item in list {
                        remove_field(item, rest);
                    }
                }
                (Some(inner), false) => remove_field(inner, rest),
                _ => {}
            }
        }
        _ => {}
    }
}

#[test]
fn what_the_schema_leaves_optional_the_model_does_not_require() {
    fn optional(field: &shape::Field, path: &str, out: &mut Vec<String>) {
        for child in field.properties() {
            let here = if path.is_empty() {
                child.key.to_string()
            } else {
                format!("{path}.{}", child.key)
            };
            if !child.required {
                out.push(here.clone());
            }
            match child.items() {
                Some(items) => optional(&items, &format!("{here}[]"), out),
                None => optional(&child, &here, out),
            }
        }
    }
    let mut paths = Vec::new();
    optional(&shape::Field::root(schema()), "", &mut paths);
    assert!(paths.contains(&"project.metrics[].as_of".to_string()));
    let passing = load(&root().join("examples/thermal-screening-robot/shenbao.yaml"))
        .value
        .unwrap();
    for path in paths {
        let mut value = passing.clone();
        let segments: Vec<&str> = path.split('.').collect();
        remove_field(&mut value, &segments);
        assert!(
            Schema::declaration().check(&value).is_empty(),
            "{path}: still schema-valid without it"
        );
        if let Err(error) = shenbao_check::model::Declaration::from_value(&value) {
            panic!("the schema leaves `{path}` optional, but the model requires it: {error}");
        }
    }
}

// ---------------------------------------------------------------------------
// JSON pointers: every pointer a rule reads or reports names a field of the
// schema.

/// Resolve a pointer in the schema. `{name}` segments stand for a list index
/// or, in an object, for any of its fields.
fn resolves(pointer: &str) -> Result<(), String> {
    let mut node = schema();
    for segment in pointer.split('/').skip(1) {
        let placeholder = segment.starts_with('{') && segment.ends_with('}');
        if let Some(items) = node.get("items") {
            if placeholder || segment.parse::<usize>().is_ok() {
                node = items;
                continue;
            }
            return Err(format!("`{segment}` is not a list index"));
        }
        let properties = node
            .get("properties")
            .and_then(Value::as_object)
            .ok_or_else(|| format!("nothing is below the field before `{segment}`"))?;
        if placeholder {
            // One of the fields, named at run time: nothing further to resolve.
            return Ok(());
        }
        node = properties
            .get(segment)
            .ok_or_else(|| format!("no field `{segment}`"))?;
    }
    Ok(())
}

/// String literals that look like JSON pointers, outside unit tests.
fn pointer_literals(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("\"/") {
        let body = &rest[at + 1..];
        let end = body.find('"').unwrap_or(body.len());
        let literal = &body[..end];
        let pointer_like = literal
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "/_{}".contains(c));
        if pointer_like {
            out.push(literal.to_string());
        }
        rest = &body[end..];
    }
    out
}

fn rust_files(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_pointer_in_the_code_names_a_schema_field() {
    let top: Vec<String> = schema()["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let mut files = Vec::new();
    rust_files(&root().join("crates"), &mut files);
    rust_files(&root().join("src"), &mut files);
    let rules = root().join("crates/shenbao-check/src/rules");
    let mut problems = Vec::new();
    let mut seen = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        // In the rules every pointer is a declaration's; elsewhere only those
        // that start at one of its top-level keys are.
        let strict = file.starts_with(&rules);
        for pointer in pointer_literals(&text) {
            let first = pointer.split('/').nth(1).unwrap_or("");
            if !strict && !top.iter().any(|k| k == first) {
                continue;
            }
            seen += 1;
            if let Err(why) = resolves(&pointer) {
                problems.push(format!("{}: \"{pointer}\": {why}", file.display()));
            }
        }
    }
    assert!(seen > 50, "pointers found: {seen}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(resolves("/attachments/{index}/path").is_ok());
    assert!(resolves("/applicant/contact/name").is_ok());
    assert!(
        resolves("/applicant/contact/nmae").is_err(),
        "guard the guard"
    );
    assert!(resolves("/project/investment/total/x").is_err());
}

#[test]
fn every_pointer_a_rule_reports_names_a_schema_field() {
    // Run every check over every example (the failing ones break nearly every
    // rule): the pointers built at run time, `format!("/narrative/{key}")`
    // and the like, are covered too.
    let mut codes = std::collections::BTreeSet::new();
    let mut problems = Vec::new();
    for path in example_files() {
        let document = load(&path);
        let options = CheckOptions {
            as_of: shenbao_check::date::Date::parse("2021-04-10"),
            ..CheckOptions::default()
        };
        for diagnostic in check(&document, CallProfile::embedded(), options) {
            // The schema's own findings may point at what is not in it
            // (unknown keys); loading's point at nothing.
            if "FEYS".contains(&diagnostic.code[..1]) {
                continue;
            }
            codes.insert(diagnostic.code);
            if let Err(why) = resolves(&diagnostic.pointer) {
                problems.push(format!(
                    "{}: {} at \"{}\": {why}",
                    path.display(),
                    diagnostic.code,
                    diagnostic.pointer
                ));
            }
        }
    }
    assert!(codes.len() > 20, "rules that fired: {codes:?}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------
// Limits stated in words: the schema's descriptions, and the rule texts that
// quote the call profile, say what the checks enforce.

/// Every schema node that describes a value: properties, list items and
/// `oneOf` alternatives, with the node it belongs to.
fn described_nodes() -> Vec<(String, &'static Value)> {
    fn walk(node: &'static Value, path: String, out: &mut Vec<(String, &'static Value)>) {
        if node.get("description").is_some() {
            out.push((path.clone(), node));
        }
        if let Some(properties) = node.get("properties").and_then(Value::as_object) {
            for (key, child) in properties {
                walk(child, format!("{path}/{key}"), out);
            }
        }
        if let Some(items) = node.get("items") {
            walk(items, format!("{path}/items"), out);
        }
        if let Some(Value::Array(alternatives)) = node.get("oneOf") {
            for (i, alternative) in alternatives.iter().enumerate() {
                walk(alternative, format!("{path}/oneOf/{i}"), out);
            }
        }
    }
    let mut out = Vec::new();
    walk(schema(), String::new(), &mut out);
    out
}

/// The numbers a description may state: the node's limits (and those of its
/// items and alternatives), the length of its pattern.
fn stated_limits(node: &Value) -> Vec<u64> {
    let mut out = Vec::new();
    let mut nodes = vec![node];
    nodes.extend(node.get("items"));
    if let Some(Value::Array(alternatives)) = node.get("oneOf") {
        nodes.extend(alternatives);
    }
    for node in nodes {
        for keyword in [
            "minLength",
            "maxLength",
            "minItems",
            "maxItems",
            "minimum",
            "maximum",
            "const",
        ] {
            out.extend(node.get(keyword).and_then(Value::as_u64));
        }
        let field = shape::Field {
            key: "",
            node,
            required: true,
        };
        out.extend(field.fixed_length());
    }
    out
}

/// `D002` and the like removed.
fn without_rule_codes(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let code = i + 4 <= chars.len()
            && chars[i].is_ascii_uppercase()
            && chars[i + 1..i + 4].iter().all(char::is_ascii_digit)
            && (i == 0 || !chars[i - 1].is_alphanumeric())
            && chars.get(i + 4).is_none_or(|c| !c.is_alphanumeric());
        if code {
            i += 4;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn descriptions_state_the_limits_the_schema_and_the_call_enforce() {
    let profile = CallProfile::embedded();
    let year: u64 = profile.issued[..4].parse().unwrap();
    let (deadline, _) = profile.deadline();
    let mut problems = Vec::new();
    for (path, node) in described_nodes() {
        let mut text = node["description"].as_str().unwrap().to_string();
        // Not limits: standards' numbers, a unit's size, the form's parts,
        // rule codes, the node's default, the call's deadline.
        for word in ["GB 32100-2015", "10,000", "table 1", "table 2", "part 3"] {
            text = text.replace(word, " ");
        }
        text = without_rule_codes(&text);
        if let Some(default) = node.get("default").and_then(Value::as_str) {
            text = text.replace(default, " ");
        }
        text = text.replace(&deadline.to_string(), " ");
        let allowed = stated_limits(node);
        for number in text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
        {
            let n: u64 = number.parse().unwrap();
            // The call's year and the year before it (the financial figures').
            if n == year || n + 1 == year {
                continue;
            }
            if !allowed.contains(&n) {
                problems.push(format!(
                    "{path}: the description says {n}, but the field's limits are {allowed:?}"
                ));
            }
        }
        // A date that is not the deadline is left in pieces and caught above.
        let values = shape::Field {
            key: "",
            node,
            required: true,
        }
        .enum_values();
        if values.len() <= 8 {
            let description = node["description"].as_str().unwrap();
            for value in values {
                if !description.contains(value) {
                    problems.push(format!("{path}: the description does not name `{value}`"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_schema_agrees_with_the_call_profile() {
    let sources = Sources::embedded();
    let profile = sources.profile;
    let field = |path: &str| sources.field(path).unwrap();

    // Categories: the numbers 1..N and the names, in the profile's order.
    let category = field("project.category");
    let alternatives = category.alternatives();
    let names: Vec<&str> = alternatives.iter().flat_map(|a| a.enum_values()).collect();
    let profile_names: Vec<&str> = profile.categories.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, profile_names, "project.category's names");
    let number = alternatives
        .iter()
        .find(|a| a.json_type() == Some("integer"))
        .unwrap();
    assert_eq!(number.node["minimum"], 1);
    assert_eq!(number.node["maximum"], profile.categories.len());

    // The narrative sections the call requires are fields the schema requires.
    let narrative = field("narrative");
    for key in &profile.narrative.required {
        let section = narrative.properties().into_iter().find(|f| f.key == key);
        assert!(
            section.is_some_and(|s| s.required),
            "narrative.{key}: the profile requires it, the schema does not"
        );
    }

    // Attachment kinds, channels and the online system the profile names.
    let kinds = field("attachments[].kind").enum_values();
    for kind in &profile.attachments.required_kinds {
        assert!(
            kinds.contains(&kind.as_str()),
            "required kind {kind} is not a kind"
        );
    }
    let channel = field("submission.channel");
    let pattern = channel.pattern().unwrap();
    let description = channel.node["description"].as_str().unwrap();
    for c in &profile.paper_channels {
        assert!(
            c.id.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_') && pattern == "^[a-z_]+$",
            "channel {} against {pattern}",
            c.id
        );
        assert!(description.contains(&c.id), "channel {} is described", c.id);
    }
    let registration = field("submission.registration_id");
    assert!(registration.node["description"]
        .as_str()
        .unwrap()
        .contains(&profile.online_system.url));
    let kinds = field("recommender.kind").enum_values();
    assert_eq!(kinds.len(), 7, "one quota per kind of recommending body");
}

#[test]
fn rule_texts_quote_the_limits_the_call_profile_sets() {
    use shenbao_check::rules::{attachments, project};
    let profile = CallProfile::embedded();
    let min = profile.narrative.min_chars;
    let p001 = &project::diags::THIN_SECTION;
    // The good example is a real section, as long as the profile asks (the
    // examples test runs it; here its length is held to the profile's figure).
    let section = p001.good.split(": ").nth(1).unwrap_or_default();
    let counted = section.chars().filter(|c| !c.is_whitespace()).count();
    assert!(
        counted >= min,
        "P001's good example has {counted} characters, under the profile's narrative.min_chars ({min}): {}",
        p001.good
    );
    assert!(
        p001.why.zh.contains(&format!("默认 {min} 字"))
            && p001.why.en.contains(&format!("default {min} characters")),
        "P001 states the profile's narrative.min_chars ({min}): {:?}",
        p001.why
    );
    let a = &profile.attachments;
    let t006 = &attachments::diags::TOO_LARGE;
    assert!(
        t006.why.zh.contains(&format!(
            "{} MiB 和 {} MiB",
            a.max_file_mib, a.max_total_mib
        )),
        "T006 states the profile's size limits: {}",
        t006.why.zh
    );
    assert!(
        t006.why.en.contains(&format!(
            "{} MiB and {} MiB",
            a.max_file_mib, a.max_total_mib
        )),
        "T006 states the profile's size limits: {}",
        t006.why.en
    );
}
