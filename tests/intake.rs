//! A recommending office's intake: mixed good, misaddressed, duplicate and
//! over-quota dossiers get the right findings, table, CSV and PDF.

mod common;

use common::{root, run_json, shenbao};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Copy an example, apply `edit` to its YAML text, package it into `inbox`.
fn package(work: &Path, inbox: &Path, example: &str, name: &str, edit: impl Fn(String) -> String) {
    let decl = work.join(name);
    let source = root().join("examples").join(example);
    std::fs::create_dir_all(decl.join("attachments")).unwrap();
    for entry in std::fs::read_dir(source.join("attachments")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(
            entry.path(),
            decl.join("attachments").join(entry.file_name()),
        )
        .unwrap();
    }
    let yaml = edit(std::fs::read_to_string(source.join("shenbao.yaml")).unwrap());
    std::fs::write(decl.join("shenbao.yaml"), yaml).unwrap();
    let out = shenbao()
        .args(["package", "--key"])
        .arg(work.join("k.key"))
        .arg("-o")
        .arg(inbox.join(format!("{name}.zip")))
        .arg(&decl)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

struct Office {
    _dir: tempfile::TempDir,
    work: PathBuf,
    inbox: PathBuf,
}

fn office() -> Office {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().to_path_buf();
    let inbox = work.join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    shenbao()
        .args(["keygen", "--no-password", "-o"])
        .arg(work.join("k"))
        .output()
        .unwrap();
    std::fs::create_dir(work.join("keys")).unwrap();
    std::fs::copy(work.join("k.pub"), work.join("keys/applicant.pub")).unwrap();
    Office {
        _dir: dir,
        work,
        inbox,
    }
}

fn findings(json: &Value) -> Vec<(String, Vec<String>)> {
    json["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let name = Path::new(r["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let codes = r["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["code"].as_str().unwrap().to_string())
                .collect();
            (name, codes)
        })
        .collect()
}

fn codes_of<'a>(found: &'a [(String, Vec<String>)], name: &str) -> &'a [String] {
    &found
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} not in {found:?}"))
        .1
}

#[test]
fn an_office_sees_misaddressed_duplicate_and_two_route_dossiers() {
    let o = office();
    package(&o.work, &o.inbox, "thermal-screening-robot", "robot", |y| y);
    package(
        &o.work,
        &o.inbox,
        "thermal-screening-robot",
        "robot-again",
        |y| y,
    );
    package(
        &o.work,
        &o.inbox,
        "remote-diagnosis-platform",
        "clinic",
        |y| y,
    );
    // The robot's applicant again, now recommended by another province.
    package(
        &o.work,
        &o.inbox,
        "thermal-screening-robot",
        "robot-zhejiang",
        |y| {
            y.replace(
                "  name: 江苏省\n  department: 江苏省工业和信息化厅",
                "  name: 浙江省",
            )
            .replace(
                "name: 基于人工智能与远程操控的智能测温消杀防疫机器人",
                "name: 智能测温消杀防疫机器人（浙江推广版）",
            )
        },
    );
    let csv = o.work.join("汇总表.csv");
    let pdf = o.work.join("汇总表.pdf");
    let keys = o.work.join("keys");
    let (status, json) = run_json(&[
        "intake",
        "--office",
        "江苏省",
        "--trusted-keys",
        keys.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
        "--pdf",
        pdf.to_str().unwrap(),
        o.inbox.to_str().unwrap(),
    ]);
    assert_eq!(status, 1);
    let found = findings(&json);
    assert_eq!(found.len(), 4);
    let robot = codes_of(&found, "robot.zip");
    assert!(
        robot.contains(&"I003".to_string()) && robot.contains(&"I002".to_string()),
        "{robot:?}"
    );
    assert!(codes_of(&found, "clinic.zip").contains(&"I004".to_string()));
    assert!(codes_of(&found, "robot-zhejiang.zip").contains(&"I004".to_string()));
    assert!(codes_of(&found, "robot-zhejiang.zip").contains(&"I002".to_string()));

    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "序号,项目名称,申报单位,统一社会信用代码,申报方向,推荐单位,状态,材料包摘要（SHA-256）"
    );
    assert_eq!(lines.len(), 5);
    assert!(lines[1..]
        .iter()
        .any(|l| l.contains("913302120786215363") && l.contains("宁波市") && l.contains("I004")));
    // the digest column is the SHA-256 of each ZIP file as it arrived
    use sha2::Digest;
    let mut listed: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.rsplit(',').next().unwrap())
        .collect();
    let mut actual: Vec<String> = std::fs::read_dir(&o.inbox)
        .unwrap()
        .map(|e| {
            let bytes = std::fs::read(e.unwrap().path()).unwrap();
            sha2::Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect()
        })
        .collect();
    listed.sort_unstable();
    actual.sort_unstable();
    assert_eq!(listed, actual);

    let out = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let pdf_text: String = String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect();
    assert!(
        pdf_text.contains("江苏省新型信息消费示范项目汇总表"),
        "{pdf_text}"
    );
    assert!(pdf_text.contains("913201153021847731"));
    assert!(pdf_text.contains("第1页共1页"));
}

#[test]
fn quotas_come_from_the_profile() {
    let o = office();
    package(&o.work, &o.inbox, "thermal-screening-robot", "one", |y| y);
    package(&o.work, &o.inbox, "thermal-screening-robot", "two", |y| {
        y.replace(
            "name: 基于人工智能与远程操控的智能测温消杀防疫机器人",
            "name: 医院发热门诊智能预检分诊机器人",
        )
        .replace(
            "credit_code: \"913201153021847731\"",
            "credit_code: \"91320115302184781U\"",
        )
    });
    let keys = o.work.join("keys");
    // With the 2021 quotas both fit (a province may forward 10)…
    let (status, json) = run_json(&[
        "intake",
        "--trusted-keys",
        keys.to_str().unwrap(),
        o.inbox.to_str().unwrap(),
    ]);
    let found = findings(&json);
    assert!(
        found.iter().all(|(_, c)| !c.contains(&"I001".to_string())),
        "{found:?}"
    );
    assert_eq!(status, 0, "{found:?}");
    // …with a province quota of 1, both are over it.
    let tight =
        shenbao::call::EMBEDDED_2021.replacen("quotas: {province: 10", "quotas: {province: 1", 1);
    assert_ne!(tight, shenbao::call::EMBEDDED_2021);
    let profile = o.work.join("tight.yaml");
    std::fs::write(&profile, tight).unwrap();
    let (status, json) = run_json(&[
        "intake",
        "--call",
        profile.to_str().unwrap(),
        "--trusted-keys",
        keys.to_str().unwrap(),
        o.inbox.to_str().unwrap(),
    ]);
    assert_eq!(status, 1);
    for (name, codes) in findings(&json) {
        assert!(codes.contains(&"I001".to_string()), "{name}: {codes:?}");
    }
}

#[test]
fn an_applicant_with_two_projects_on_one_route_is_a_warning() {
    let o = office();
    package(&o.work, &o.inbox, "thermal-screening-robot", "a", |y| y);
    package(&o.work, &o.inbox, "thermal-screening-robot", "b", |y| {
        y.replace(
            "name: 基于人工智能与远程操控的智能测温消杀防疫机器人",
            "name: 校园智能测温消杀机器人",
        )
    });
    let keys = o.work.join("keys");
    let (status, json) = run_json(&[
        "intake",
        "--trusted-keys",
        keys.to_str().unwrap(),
        o.inbox.to_str().unwrap(),
    ]);
    assert_eq!(status, 0);
    for (_, codes) in findings(&json) {
        assert_eq!(codes, vec!["I005".to_string()]);
    }
}
