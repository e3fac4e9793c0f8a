//! Unit tests of the YAML tree builder.

use super::*;

fn value(text: &str) -> Value {
    parse(text).unwrap().0
}

#[test]
fn spans_point_at_values_and_keys() {
    let text = "项目:\n  名称: \"测温机器人\"\n  list: [1, two]\n  empty: {}\n";
    let (_, spans) = parse(text).unwrap();
    let name = spans.get("/项目/名称").unwrap();
    let (off, len) = name.value;
    assert_eq!(&text[off..off + len], "\"测温机器人\"");
    let (koff, klen) = name.key.unwrap();
    assert_eq!(&text[koff..koff + klen], "名称");
    let (off, len) = spans.get("/项目/list/1").unwrap().value;
    assert_eq!(&text[off..off + len], "two");
    let (off, len) = spans.get("/项目/list").unwrap().value;
    assert_eq!(&text[off..off + len], "1, two");
    let (off, len) = spans.get("/项目/empty").unwrap().value;
    assert_eq!(&text[off..off + len], "{}");
    assert!(spans.get("").is_some());
}

#[test]
fn keys_keep_their_order_and_values() {
    // The builder relies on the last entry being the newest key.
    let v = value("z: 1\na: [x]\nm: {b: 2, a: 3}\n");
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["z", "a", "m"]);
    assert_eq!(
        v,
        serde_json::json!({"z": 1, "a": ["x"], "m": {"b": 2, "a": 3}})
    );
    let inner: Vec<&String> = v["m"].as_object().unwrap().keys().collect();
    assert_eq!(inner, ["b", "a"]);
}

#[test]
fn aliases_expand_and_point_at_the_alias() {
    let text = "a: &x [1, 2]\nb: *x\n";
    let (v, spans) = parse(text).unwrap();
    assert_eq!(v["b"], serde_json::json!([1, 2]));
    let (off, len) = spans.get("/b").unwrap().value;
    assert_eq!(&text[off..off + len], "*x");
}

#[test]
fn structural_errors() {
    assert!(matches!(
        parse("a: 1\na: 2\n"),
        Err(YamlError::DuplicateKey { .. })
    ));
    assert!(matches!(
        parse("a: 1\n---\nb: 2\n"),
        Err(YamlError::MultipleDocuments { .. })
    ));
    assert!(matches!(
        parse("? [a]\n: 1\n"),
        Err(YamlError::Unsupported {
            what: Unsupported::ComplexKey,
            ..
        })
    ));
    assert!(matches!(
        parse("a: !custom 1\n"),
        Err(YamlError::Unsupported {
            what: Unsupported::Tag(_),
            ..
        })
    ));
    assert!(parse(&"[".repeat(1000)).is_err());
    let merge = value("base: &b {x: 1}\nobj:\n  <<: *b\n");
    assert_eq!(
        merge["obj"]["<<"]["x"], 1,
        "merge keys are ordinary keys in YAML 1.2"
    );
}

#[test]
fn spans_grow_with_the_text_not_with_depth_times_key_length() {
    // 14 levels of 1,000-character keys (each `~` is `~0` in a pointer), then
    // 49,000 entries at the bottom: whole pointers per node took 1.36 GB.
    let deep: String = (0..14)
        .map(|d| format!("{}{}{d}:\n", " ".repeat(d), "~".repeat(1000)))
        .collect();
    let wide: String = (0..49_000)
        .map(|i| format!("{}k{i}: 1\n", " ".repeat(14)))
        .collect();
    let text = deep + &wide;
    let (value, spans) = parse(&text).unwrap();
    assert!(spans.segment_bytes() <= 2 * text.len());
    let mut pointer: String = (0..14)
        .map(|d| format!("/{}{d}", "~0".repeat(1000)))
        .collect();
    pointer.push_str("/k48999");
    assert_eq!(value.pointer(&pointer), Some(&Value::from(1)));
    let (offset, len) = spans.get(&pointer).unwrap().value;
    assert_eq!(&text[offset..offset + len], "1");
}
