//! Every hostile or broken input gets one clear, coded diagnostic and the right
//! exit status — never a panic, a hang or a silent pass.

mod common;

use common::{run_json, write};
use std::path::Path;

/// Validate one file; return (exit status, codes found).
fn codes_for(path: &Path, extra: &[&str]) -> (i32, Vec<String>) {
    let (status, json) = run_json(&[&["validate"], extra, &[path.to_str().unwrap()]].concat());
    let codes = json["results"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    (status, codes)
}

fn assert_single(path: &Path, status: i32, code: &str) -> serde_json::Value {
    let (got_status, json) = run_json(&["validate", path.to_str().unwrap()]);
    let diagnostics = json["results"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .clone();
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec![code], "{}: {json:#}", path.display());
    assert_eq!(got_status, status, "{}", path.display());
    diagnostics[0].clone()
}

#[test]
fn alias_bomb_is_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..9 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    let path = write(dir.path(), "shenbao.yaml", text.as_bytes());
    let d = assert_single(&path, 1, "Y003");
    assert!(d["line"].as_u64().unwrap() > 1);
}

#[test]
fn ten_thousand_references_to_one_anchor_are_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("a: &a x\nb: [{}]\n", vec!["*a"; 10_000].join(", "));
    let path = write(dir.path(), "shenbao.yaml", text.as_bytes());
    assert_single(&path, 1, "Y003");
}

#[test]
fn hundred_thousand_deep_nesting_is_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let flow = "[".repeat(100_000);
    let path = write(dir.path(), "flow.yaml", flow.as_bytes());
    assert_single(&path, 1, "Y003");
    // Block nesting as deep as fits in the size limit.
    let mut block = String::new();
    for depth in 0..2_000 {
        block.push_str(&" ".repeat(depth));
        block.push_str("a:\n");
    }
    let path = write(dir.path(), "block.yaml", block.as_bytes());
    assert_single(&path, 1, "Y003");
}

#[test]
fn fifty_megabyte_file_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shenbao.yaml");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap(); // sparse: cheap to make
    assert_single(&path, 1, "F004");
}

#[test]
fn invalid_utf8_is_reported_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "shenbao.yaml",
        b"schema: 1\nname: \xff\xfe\x00 x\n",
    );
    let d = assert_single(&path, 1, "E003");
    assert_eq!(d["line"], 2);
}

#[test]
fn gbk_is_detected_with_the_line_decoded_and_converted_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode("schema: 1\nproject:\n  name: 智能测温消杀机器人\n");
    let path = write(dir.path(), "shenbao.yaml", &gbk);
    let d = assert_single(&path, 1, "E001");
    assert_eq!(d["line"], 3);
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("智能测温消杀机器人"),
        "{d}"
    );
    let (status, codes) = codes_for(&path, &["--encoding", "auto"]);
    assert!(codes.contains(&"E002".to_string()), "{codes:?}");
    assert!(!codes.contains(&"E001".to_string()));
    // Converted, the document is read: the schema now speaks about its fields.
    assert!(codes.iter().any(|c| c.starts_with('S')), "{codes:?}");
    assert_eq!(status, 1);
}

#[test]
fn utf8_bom_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "shenbao.yaml", b"\xEF\xBB\xBFschema: 1\n");
    let (_, codes) = codes_for(&path, &[]);
    assert!(
        codes.iter().all(|c| c.starts_with('S')),
        "BOM must not break parsing: {codes:?}"
    );
}

#[test]
fn duplicate_keys_are_an_error_at_the_second_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "shenbao.yaml",
        "applicant:\n  name: 甲公司\n  name: 乙公司\n".as_bytes(),
    );
    let d = assert_single(&path, 1, "Y002");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(3))
    );
}

#[test]
fn tabs_unclosed_quotes_and_extra_documents_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let tab = write(dir.path(), "tab.yaml", b"project:\n\tname: x\n");
    assert_single(&tab, 1, "Y007");
    let quote = write(
        dir.path(),
        "quote.yaml",
        b"project:\n  name: \"unclosed\n  x: 1\n",
    );
    let d = assert_single(&quote, 1, "Y001");
    assert_eq!(d["line"], 2);
    let multi = write(dir.path(), "multi.yaml", b"a: 1\n---\nb: 2\n");
    assert_single(&multi, 1, "Y004");
}

#[test]
fn empty_files_and_non_mapping_tops_are_named() {
    let dir = tempfile::tempdir().unwrap();
    assert_single(&write(dir.path(), "empty.yaml", b""), 1, "Y005");
    assert_single(
        &write(dir.path(), "comments.yaml", b"# nothing\n"),
        1,
        "Y005",
    );
    assert_single(&write(dir.path(), "list.yaml", b"- a\n- b\n"), 1, "Y006");
    assert_single(&write(dir.path(), "scalar.yaml", b"hello\n"), 1, "Y006");
}

#[test]
fn yaml_1_2_scalars_keep_their_meaning_and_mistyped_ones_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let text = "schema: 1\ncommitments:\n  truthful: no\n  social_responsibility: on\n\
                applicant:\n  employees: 010\n  credit_code: 914403001922038216\n  postal_code: 010010\n";
    let path = write(dir.path(), "shenbao.yaml", text.as_bytes());
    let (status, json) = run_json(&["validate", path.to_str().unwrap()]);
    assert_eq!(status, 1);
    let diagnostics = json["results"][0]["diagnostics"].as_array().unwrap();
    let find = |pointer: &str| {
        diagnostics
            .iter()
            .find(|d| d["pointer"] == pointer && d["code"] == "S002")
            .unwrap_or_else(|| panic!("no S002 at {pointer}: {json:#}"))
    };
    assert!(find("/commitments/truthful")["help"]
        .as_str()
        .unwrap()
        .contains("write false"));
    assert!(find("/commitments/social_responsibility")["help"]
        .as_str()
        .unwrap()
        .contains("write true"));
    assert!(find("/applicant/employees")["help"]
        .as_str()
        .unwrap()
        .contains("leading zero"));
    assert!(find("/applicant/credit_code")["help"]
        .as_str()
        .unwrap()
        .contains("\"914403001922038216\""));
    // A leading-zero postal code stays the text the user meant: no type error there.
    assert!(!diagnostics
        .iter()
        .any(|d| d["pointer"] == "/applicant/postal_code" && d["code"] == "S002"));
}

#[test]
fn missing_paths_empty_folders_and_unreadable_files_cannot_run() {
    let dir = tempfile::tempdir().unwrap();
    let (status, codes) = codes_for(&dir.path().join("nope"), &[]);
    assert_eq!((status, codes), (2, vec!["F001".to_string()]));
    let (status, codes) = codes_for(dir.path(), &[]);
    assert_eq!((status, codes), (2, vec!["F003".to_string()]));
    // Root reads anything chmod forbids; /proc/self/mem refuses reads at offset 0.
    let unreadable = Path::new("/proc/self/mem");
    if unreadable.exists() {
        let (status, codes) = codes_for(unreadable, &[]);
        assert_eq!((status, codes), (2, vec!["F002".to_string()]));
    }
}

#[test]
fn bad_flags_exit_2() {
    let output = common::shenbao()
        .args(["validate", "--jobs", "0", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = common::shenbao()
        .args(["validate", "--format", "xml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn what_a_chinese_input_method_types_for_yaml_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let colon = write(
        dir.path(),
        "colon.yaml",
        "project:\n  name：智能测温\n".as_bytes(),
    );
    let d = assert_single(&colon, 1, "Y008");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(7))
    );
    // Where YAML gave up, its own words stay, after the cause.
    let broken = "project:\n  name：智能测温\n  category: 7\n";
    let d = assert_single(
        &write(dir.path(), "broken.yaml", broken.as_bytes()),
        1,
        "Y008",
    );
    assert!(
        d["help"]
            .as_str()
            .unwrap()
            .contains("YAML parser stopped on line"),
        "{d}"
    );
    let space = write(
        dir.path(),
        "space.yaml",
        b"applicant:\n  employees:186\n  name: x\n",
    );
    assert_single(&space, 1, "Y009");
    let indent = write(
        dir.path(),
        "indent.yaml",
        "project:\n\u{3000}name: x\n".as_bytes(),
    );
    assert_single(&indent, 1, "Y010");
}

#[test]
fn chinese_quotes_around_a_value_are_named_and_the_rest_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let text = "schema: 1\napplicant:\n  credit_code: “913201153021847731”\n";
    let path = write(dir.path(), "quotes.yaml", text.as_bytes());
    let (status, codes) = codes_for(&path, &[]);
    assert_eq!(status, 1);
    assert!(codes.contains(&"Y011".to_string()), "{codes:?}");
    // The rest of the file is read: the schema speaks of what is missing.
    assert!(codes.iter().any(|c| c == "S001"), "{codes:?}");
}
