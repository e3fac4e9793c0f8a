//! A recommending office's intake: mixed good, bad (truncated), misaddressed,
//! duplicate and over-quota dossiers get the right findings, table, CSV and PDF.

mod common;

use common::offices::{codes_of, findings, office, package, profile_with_quota};
use common::run_json;

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
    let profile = profile_with_quota(&o.work, "province", 1);
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

#[test]
fn a_mixed_inbox_gets_a_correct_table_and_csv() {
    let o = office();
    let second = |y: String| {
        y.replace(
            "name: 基于人工智能与远程操控的智能测温消杀防疫机器人",
            "name: 医院发热门诊智能预检分诊机器人",
        )
        .replace(
            "credit_code: \"913201153021847731\"",
            "credit_code: \"91320115302184781U\"",
        )
    };
    package(&o.work, &o.inbox, "thermal-screening-robot", "good", |y| y);
    package(
        &o.work,
        &o.inbox,
        "thermal-screening-robot",
        "second",
        second,
    );
    // The same dossier again under another name: duplicate project and applicant.
    std::fs::copy(o.inbox.join("good.zip"), o.inbox.join("good-copy.zip")).unwrap();
    // A dossier cut short in transit.
    package(&o.work, &o.inbox, "thermal-screening-robot", "cut", second);
    let cut = std::fs::read(o.inbox.join("cut.zip")).unwrap();
    std::fs::write(o.inbox.join("cut.zip"), &cut[..cut.len() * 2 / 3]).unwrap();
    // A province may forward 2 here: the three readable Jiangsu dossiers are over it.
    let profile = profile_with_quota(&o.work, "province", 2);
    let csv = o.work.join("汇总表.csv");
    let keys = o.work.join("keys");
    let (status, json) = run_json(&[
        "intake",
        "--office",
        "江苏省",
        "--call",
        profile.to_str().unwrap(),
        "--trusted-keys",
        keys.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
        o.inbox.to_str().unwrap(),
    ]);
    assert_eq!(status, 1);
    let found = findings(&json);
    assert_eq!(codes_of(&found, "cut.zip"), ["Z001"]);
    for name in ["good.zip", "good-copy.zip"] {
        let codes = codes_of(&found, name);
        for expected in ["I001", "I003", "I005"] {
            assert!(codes.contains(&expected.to_string()), "{name}: {codes:?}");
        }
    }
    let codes = codes_of(&found, "second.zip");
    assert!(codes.contains(&"I001".to_string()), "{codes:?}");
    assert!(!codes.contains(&"I003".to_string()), "{codes:?}");

    let text = std::fs::read_to_string(&csv).unwrap();
    let rows: Vec<Vec<&str>> = text
        .trim_start_matches('\u{FEFF}')
        .split("\r\n")
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| l.split(',').collect())
        .collect();
    assert_eq!(rows.len(), 4, "{text}");
    // 序号 runs 1..4; every row has a status and the dossier's digest.
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row[0], (i + 1).to_string());
        assert!(row[6].starts_with("未通过："), "{row:?}");
        assert_eq!(row[7].len(), 64, "{row:?}");
    }
    let cut_row = rows.iter().find(|r| r[6].contains("Z001")).unwrap();
    let cut_digest = shenbao_pdf::code::hex(&sha2_of(&o.inbox.join("cut.zip")));
    assert_eq!(cut_row[7], cut_digest);
    let good_rows = rows
        .iter()
        .filter(|r| r[3] == "913201153021847731" && r[6].contains("I003"))
        .count();
    assert_eq!(good_rows, 2, "{text}");
}

fn sha2_of(path: &std::path::Path) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(std::fs::read(path).unwrap()).into()
}

#[test]
fn each_dossier_is_reported_as_it_is_verified_and_the_set_after() {
    let o = office();
    package(
        &o.work,
        &o.inbox,
        "thermal-screening-robot",
        "a-good",
        |y| y,
    );
    std::fs::copy(o.inbox.join("a-good.zip"), o.inbox.join("b-again.zip")).unwrap();
    // Last in the order given, and ranked last too (same body, category and
    // project): the same dossier signed again with a key the office does not
    // trust.
    let other = common::shenbao()
        .args(["keygen", "--no-password", "-o"])
        .arg(o.work.join("other"))
        .output()
        .unwrap();
    assert!(other.status.success());
    common::forge::forge(
        &o.inbox.join("a-good.zip"),
        &o.work.join("other.key"),
        &o.inbox.join("z-other.zip"),
        |_| {},
    );
    let output = common::shenbao()
        .args(["intake", "--trusted-keys"])
        .arg(o.work.join("keys"))
        .arg(&o.inbox)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    // z-other's own finding is printed before the duplicates only the whole
    // set shows, although it comes last; the table and totals end it all.
    let cut = stdout.find("[Z016]").expect("z-other reported");
    let twice = stdout.find("[I003]").expect("duplicate reported");
    let table = stdout.find("status").expect("the table");
    assert!(cut < twice && twice < table, "{stdout}");
    assert!(stdout.trim_end().ends_with("warning(s))"), "{stdout}");
}
