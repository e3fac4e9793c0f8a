//! `validate --fix` and `--diff`: each example, typed the way a Chinese input
//! method types it (full-width colons, digits, quotes and indentation, no
//! space after a colon, 2021年3月15日 dates), is fixed back to the example
//! byte for byte, CRLF line ends and all; a file with nothing to fix keeps
//! every byte; `--diff` shows and writes nothing.

mod common;

use common::shenbao;
use std::path::{Path, PathBuf};

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("shenbao.yaml").is_file() && !p.ends_with("failing"))
        .collect();
    found.sort();
    assert!(found.len() >= 4);
    found
}

/// An example folder copied into a temp dir.
fn copy(example: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(example) {
        let entry = entry.unwrap();
        let to = dir.path().join(entry.path().strip_prefix(example).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    dir
}

fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' | 'A'..='Z' => char::from_u32(c as u32 + 0xfee0).unwrap(),
            '-' => '－',
            _ => c,
        })
        .collect()
}

/// The value of a `key: value` line, without a trailing comment.
fn split_value(line: &str) -> Option<(&str, &str, &str)> {
    let (key, rest) = line.split_once(": ")?;
    let (value, comment) = match rest.find(" #") {
        Some(i) => {
            // The spaces before the comment belong to it.
            let value = rest[..i].trim_end();
            (value, &rest[value.len()..])
        }
        None => (rest, ""),
    };
    Some((key, value, comment))
}

/// `text` as a Chinese input method would have typed it; how many changes.
fn typed_in_chinese(text: &str) -> (String, usize) {
    let mut changes = 0;
    let mut colons = 0;
    let mut out = Vec::new();
    for line in text.split_inclusive('\n') {
        let end = &line[line.trim_end_matches(['\r', '\n']).len()..];
        let body = line.trim_end_matches(['\r', '\n']);
        let changed = match split_value(body) {
            Some((key, value, comment)) if key.trim() == "credit_code" => {
                let inner = value.trim_matches('"');
                Some(format!("{key}: “{inner}”{comment}"))
            }
            Some((key, value, comment))
                if ["postal_code", "phone", "mobile"].contains(&key.trim()) =>
            {
                Some(format!("{key}: {}{comment}", full_width(value)))
            }
            Some((key, value, comment)) if key.trim() == "date" && value.len() == 10 => {
                let (y, m, d) = (&value[..4], &value[5..7], &value[8..10]);
                let m = m.trim_start_matches('0');
                let d = d.trim_start_matches('0');
                Some(format!("{key}: {y}年{m}月{d}日{comment}"))
            }
            Some((key, value, comment)) if key.trim() == "employees" => {
                Some(format!("{key}:{value}{comment}"))
            }
            Some((key, value, comment)) if key.trim() == "legal_representative" => {
                Some(format!("\u{3000}{}: {value}{comment}", key.trim()))
            }
            Some((key, value, comment)) if key.trim() == "name" && colons < 3 => {
                colons += 1;
                Some(format!("{key}：{value}{comment}"))
            }
            _ => None,
        };
        match changed {
            Some(changed) if changed != body => {
                changes += 1;
                out.push(format!("{changed}{end}"));
            }
            _ => out.push(line.to_string()),
        }
    }
    (out.concat(), changes)
}

fn validate(dir: &Path, args: &[&str]) -> (i32, String) {
    let output = shenbao()
        .arg("validate")
        .args(args)
        .arg(dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    (output.status.code().unwrap(), stdout)
}

fn fixed_back_to_the_example(crlf: bool) {
    for example in examples() {
        let dir = copy(&example);
        let path = dir.path().join("shenbao.yaml");
        let mut original = std::fs::read_to_string(&path).unwrap();
        if crlf {
            original = original.replace('\n', "\r\n");
        }
        let (typed, changes) = typed_in_chinese(&original);
        assert!(
            changes >= 8,
            "{}: only {changes} changes",
            example.display()
        );
        std::fs::write(&path, &typed).unwrap();
        let (status, _) = validate(dir.path(), &[]);
        assert_eq!(
            status,
            1,
            "{}: typed in Chinese, it fails",
            example.display()
        );

        let (status, out) = validate(dir.path(), &["--diff"]);
        assert_eq!(status, 1, "{out}");
        assert!(out.contains("+++ "), "{out}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            typed,
            "--diff wrote"
        );

        let (status, out) = validate(dir.path(), &["--fix"]);
        assert_eq!(status, 0, "{}: {out}", example.display());
        assert!(out.contains(&format!("{changes} problem(s)")), "{out}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            original,
            "{}: fixed back byte for byte",
            example.display()
        );
    }
}

#[test]
fn full_width_typing_is_fixed_back_byte_for_byte() {
    fixed_back_to_the_example(false);
}

#[test]
fn crlf_line_ends_are_kept() {
    fixed_back_to_the_example(true);
}

#[test]
fn a_file_with_nothing_to_fix_keeps_every_byte() {
    for example in examples()
        .iter()
        .chain([&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/failing")])
    {
        let dir = copy(example);
        let before: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir.path())
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .filter(|p| p.is_file())
            .map(|p| {
                let bytes = std::fs::read(&p).unwrap();
                (p, bytes)
            })
            .collect();
        let (_, out) = validate(dir.path(), &["--fix"]);
        assert!(!out.contains("fixed "), "{out}");
        for (path, bytes) in before {
            assert_eq!(std::fs::read(&path).unwrap(), bytes, "{}", path.display());
        }
    }
}

#[test]
fn a_gbk_file_is_converted_to_utf8_and_nothing_else() {
    let example = &examples()[0];
    let dir = copy(example);
    let path = dir.path().join("shenbao.yaml");
    let original = std::fs::read_to_string(&path).unwrap();
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&original);
    assert!(!unmappable);
    std::fs::write(&path, &gbk).unwrap();
    let (status, out) = validate(dir.path(), &["--fix"]);
    assert_eq!(status, 0, "{out}");
    assert!(out.contains("converted to UTF-8"), "{out}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);
}
