use super::*;
use serde_json::json;

const TEXT: &str = "\
# 申报单位信息 (comment kept)
applicant:
  name: 南京澄衡科技有限公司   # 与营业执照一致
  credit_code: \"91320100MA1XXXXX0X\"
  employees: 186
  contact:
    name: 王小明
project:
  keywords:
    - 智慧养老
    - 远程医疗
  metrics:
    - name: 用户规模
      value: 12
      unit: 万人
  summary: |
    第一段。
    第二段。
attachments: []
";

fn load(text: &str) -> Value {
    Document::from_text("t", text).value.expect("loads")
}

fn edited(pointer: &str, value: Option<Value>) -> String {
    let out = set(TEXT, pointer, value.as_ref()).expect("edits");
    // Whatever was spliced, the result reads as the old value with the change.
    let mut want = load(TEXT);
    assert!(change(&mut want, pointer, value.as_ref()));
    assert_eq!(load(&out), want, "{out}");
    out
}

#[test]
fn a_scalar_is_replaced_in_place_and_its_comment_stays() {
    let out = edited("/applicant/name", Some(json!("合肥澄衡科技有限公司")));
    assert!(out.contains("  name: 合肥澄衡科技有限公司   # 与营业执照一致\n"));
    assert_eq!(out.lines().count(), TEXT.lines().count());
    assert!(out.starts_with("# 申报单位信息 (comment kept)\n"));
}

#[test]
fn text_that_would_read_as_a_number_or_a_date_is_quoted() {
    let out = edited("/applicant/contact/name", Some(json!("2021")));
    assert!(out.contains("    name: \"2021\"\n"), "{out}");
    let out = edited("/applicant/name", Some(json!("a: b #c")));
    assert!(out.contains("name: \"a: b #c\""), "{out}");
}

#[test]
fn numbers_and_booleans_are_written_bare() {
    let out = edited("/applicant/employees", Some(json!(200)));
    assert!(out.contains("  employees: 200\n"));
    let out = edited("/applicant/listed", Some(json!(false)));
    assert!(out.contains("  listed: false\n"), "{out}");
}

#[test]
fn a_new_key_goes_at_the_end_of_its_mapping_at_its_siblings_indent() {
    let out = edited("/applicant/contact/phone", Some(json!("025-8888 6666")));
    assert!(
        out.contains("    name: 王小明\n    phone: 025-8888 6666\nproject:"),
        "{out}"
    );
}

#[test]
fn a_missing_section_is_added_with_its_fields() {
    let out = edited(
        "/recommender",
        Some(json!({"kind": "province", "name": "江苏省"})),
    );
    assert!(
        out.ends_with("recommender:\n  kind: province\n  name: 江苏省\n"),
        "{out}"
    );
}

#[test]
fn list_items_are_appended_edited_and_removed_one_line_each() {
    let out = edited("/project/keywords/2", Some(json!("适老化")));
    assert!(out.contains("    - 远程医疗\n    - 适老化\n"), "{out}");
    let out = edited("/project/keywords/0", None);
    assert!(
        out.contains("  keywords:\n    - 远程医疗\n  metrics:"),
        "{out}"
    );
    let out = edited(
        "/project/metrics/1",
        Some(json!({"name": "服务人次", "value": 3, "unit": "万人次"})),
    );
    assert!(
        out.contains(
            "      unit: 万人\n    - name: 服务人次\n      value: 3\n      unit: 万人次\n"
        ),
        "{out}"
    );
}

#[test]
fn a_list_item_of_several_lines_is_removed_whole() {
    let out = edited("/project/metrics/0", None);
    assert!(out.contains("  metrics: []\n  summary: |"), "{out}");
    let out = edited("/project/keywords/1", None);
    assert!(out.contains("    - 智慧养老\n  metrics:"), "{out}");
}

#[test]
fn an_empty_flow_list_becomes_a_block() {
    let out = edited(
        "/attachments/0",
        Some(json!({"path": "attachments/营业执照.pdf", "kind": "business_licence"})),
    );
    assert!(
        out.ends_with(
            "attachments:\n  - path: attachments/营业执照.pdf\n    kind: business_licence\n"
        ),
        "{out}"
    );
}

#[test]
fn text_of_several_lines_is_a_literal_block() {
    let out = edited("/project/summary", Some(json!("一。\n二。\n\n三。")));
    assert!(
        out.contains("  summary: |-\n    一。\n    二。\n\n    三。\n"),
        "{out}"
    );
}

#[test]
fn a_block_stays_a_block() {
    let out = edited("/project/summary", Some(json!("只有一行。")));
    assert!(
        out.contains("  summary: |-\n    只有一行。\nattachments"),
        "{out}"
    );
}

#[test]
fn a_removed_key_takes_its_line_and_nothing_else() {
    let out = edited("/applicant/employees", None);
    assert_eq!(out, TEXT.replace("  employees: 186\n", ""));
}

#[test]
fn line_ends_of_the_file_are_kept() {
    let crlf = TEXT.replace('\n', "\r\n");
    let out = set(&crlf, "/applicant/contact/phone", Some(&json!("025-1"))).unwrap();
    assert!(!out.replace("\r\n", "").contains('\n'), "{out:?}");
    assert_eq!(
        load(&out).pointer("/applicant/contact/phone"),
        Some(&json!("025-1"))
    );
}

#[test]
fn flow_mappings_are_rewritten_in_block_style_when_a_splice_cannot_do() {
    let text = "applicant: {name: 甲, employees: 3}\nproject: {}\n";
    let out = set(text, "/applicant/address", Some(&json!("南京市"))).unwrap();
    assert_eq!(
        load(&out).pointer("/applicant"),
        Some(&json!({"name": "甲", "employees": 3, "address": "南京市"}))
    );
    let out = set(&out, "/project/name", Some(&json!("项目"))).unwrap();
    assert_eq!(load(&out).pointer("/project/name"), Some(&json!("项目")));
}

#[test]
fn a_field_under_missing_parents_brings_them() {
    // The first partner of a project without `partners`, a figure of a
    // finance section not yet written.
    let out = edited("/project/partners/0", Some(json!("南京某某大学")));
    assert!(out.contains("  partners:\n    - 南京某某大学\n"), "{out}");
    let out = edited("/applicant/finance/revenue", Some(json!(1200)));
    assert!(out.contains("  finance:\n    revenue: 1200\n"), "{out}");
    let out = edited("/recommender/name", Some(json!("江苏省")));
    assert!(out.ends_with("recommender:\n  name: 江苏省\n"), "{out}");
}

#[test]
fn what_cannot_be_edited_says_why() {
    assert_eq!(
        set("a: [1\n", "/a", Some(&json!(1))),
        Err(EditError::NotLoaded)
    );
    // Below a scalar, nothing can be made.
    assert_eq!(
        set("x: 1\n", "/x/y", Some(&json!(1))),
        Err(EditError::NoParent("/x/y".into()))
    );
    assert_eq!(
        set(TEXT, "/nowhere/deep", None),
        Err(EditError::NoParent("/nowhere/deep".into()))
    );
    assert_eq!(
        set(TEXT, "/project/keywords/9", Some(&json!("x"))),
        Err(EditError::NoParent("/project/keywords/9".into()))
    );
}

#[test]
fn every_field_of_every_example_can_be_rewritten_with_its_own_value_or_another() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    let mut edits = 0;
    for entry in std::fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path().join("shenbao.yaml");
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let value = load(&text);
        let mut scalars = Vec::new();
        collect(&value, String::new(), &mut scalars);
        for (at, old) in scalars {
            let other = match &old {
                Value::String(s) => json!(format!("{s}改")),
                Value::Number(n) => json!(n.as_f64().unwrap_or(0.0) + 1.0),
                Value::Bool(b) => json!(!b),
                _ => continue,
            };
            let out = set(&text, &at, Some(&other)).unwrap_or_else(|e| panic!("{at}: {e}"));
            // Only the edited field's lines differ: every line before the
            // field's key and after its value is as it was.
            let document = Document::from_text("t", &text);
            let span = document.spans.get(&at).unwrap();
            let begin = span.key.map_or(span.value.0, |k| k.0);
            let head = &text[..text[..begin].rfind('\n').map_or(0, |i| i + 1)];
            let end = span.value.0 + span.value.1;
            let tail = &text[text[..end].trim_end().len()..];
            let tail = &tail[tail.find('\n').unwrap_or(tail.len())..];
            assert!(out.starts_with(head), "head {at}\n{out}");
            assert!(out.ends_with(tail), "tail {at}\n{out}");
            edits += 1;
        }
    }
    assert!(edits > 200, "{edits}");
}

fn collect(value: &Value, at: String, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| collect(v, child(&at, k), out)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| collect(v, format!("{at}/{i}"), out)),
        scalar => out.push((at, scalar.clone())),
    }
}

/// What a user types, one keystroke at a time, into a new field and into an
/// existing one: every prefix can be written, and reads back as typed.
#[test]
fn every_prefix_of_what_is_typed_can_be_written() {
    let text = "attachments:\n  - path: a.pdf\n    kind: evidence\n  - path: b.pdf\n    kind: other\ncommitments:\n  truthful: true\n";
    let typed = [
        "2020 年度财务报表（摘要）",
        "true: 否 # 注释",
        "- 列表？",
        "'引号' \"双引号\"",
        "0551-6532 9876转8012",
        "null",
        "1e5",
        "@开头 &锚 *别名 !标签 |竖线 >大于 %百分",
        "  前后空格  ",
    ];
    for whole in typed {
        let chars: Vec<char> = whole.chars().collect();
        for end in 1..=chars.len() {
            let prefix: String = chars[..end].iter().collect();
            for at in [
                "/attachments/1/title",
                "/attachments/0/path",
                "/commitments/signatory",
            ] {
                let out = set(text, at, Some(&json!(prefix)))
                    .unwrap_or_else(|e| panic!("{at} = {prefix:?}: {e}"));
                assert_eq!(load(&out).pointer(at), Some(&json!(prefix)), "{out}");
            }
        }
    }
}
