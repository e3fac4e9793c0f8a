//! `shenbao recommend`: an office's selection is refused when it breaks a
//! quota or routing rule, and otherwise gives a signed bundle that `verify`
//! (with every dossier it names) and standard tools accept.

mod common;

use common::offices::{codes_of, findings, office, package, profile_with_quota, Office};
use common::run_json;
use std::path::{Path, PathBuf};
use std::process::Command;

const ROBOT: &str = "name: 基于人工智能与远程操控的智能测温消杀防疫机器人";
const ROBOT_CODE: &str = "credit_code: \"913201153021847731\"";

/// A second Jiangsu applicant with its own project (same province, new code).
fn second_jiangsu(yaml: String) -> String {
    yaml.replace(ROBOT, "name: 医院发热门诊智能预检分诊机器人")
        .replace(ROBOT_CODE, "credit_code: \"91320115302184781U\"")
}

/// The office's key pair, beside the applicants' (`k`).
fn office_key(o: &Office) -> PathBuf {
    let out = common::shenbao()
        .args(["keygen", "--no-password", "-o"])
        .arg(o.work.join("office"))
        .output()
        .unwrap();
    assert!(out.status.success());
    o.work.join("office.key")
}

fn recommend(
    o: &Office,
    office_name: &str,
    extra: &[&str],
    inputs: &[&Path],
) -> (i32, serde_json::Value, PathBuf) {
    let key = o.work.join("office.key");
    let bundle = o.work.join("outbox").join("bundle.zip");
    std::fs::create_dir_all(bundle.parent().unwrap()).unwrap();
    let mut args = vec![
        "recommend",
        "--office",
        office_name,
        "--key",
        key.to_str().unwrap(),
        "--trusted-keys",
        o.work.join("keys").to_str().unwrap(),
        "-o",
        bundle.to_str().unwrap(),
    ]
    .into_iter()
    .map(String::from)
    .collect::<Vec<_>>();
    args.extend(extra.iter().map(|s| s.to_string()));
    args.extend(inputs.iter().map(|p| p.to_str().unwrap().to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let (status, json) = run_json(&refs);
    (status, json, bundle)
}

/// The letter code a bundle records in its bag-info.
fn recorded_letter_code(bundle: &Path) -> String {
    let out = tool(
        "unzip",
        &["-p", bundle.to_str().unwrap(), "*/bag-info.txt"],
        Path::new("."),
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("Shenbao-Letter-Code: "))
        .expect("Shenbao-Letter-Code")
        .to_string()
}

/// `verify` a bundle with `key_args` (e.g. `--trusted-key PUB`), looking for
/// its dossiers under `dossiers`, plus any `extra` flags.
fn verify_bundle(
    bundle: &Path,
    key_args: &[&str],
    dossiers: &Path,
    extra: &[&str],
) -> (i32, serde_json::Value) {
    let mut args = vec!["verify"];
    args.extend_from_slice(key_args);
    args.extend_from_slice(&["--dossiers", dossiers.to_str().unwrap()]);
    args.extend_from_slice(extra);
    args.push(bundle.to_str().unwrap());
    run_json(&args)
}

fn tool(program: &str, args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"))
}

fn squeezed_pdf_text(pdf: &Path) -> String {
    let out = tool("pdftotext", &[pdf.to_str().unwrap(), "-"], Path::new("."));
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect()
}

#[test]
fn an_over_quota_selection_is_refused_and_nothing_is_written() {
    let o = office();
    office_key(&o);
    package(&o.work, &o.inbox, "thermal-screening-robot", "one", |y| y);
    package(
        &o.work,
        &o.inbox,
        "thermal-screening-robot",
        "two",
        second_jiangsu,
    );
    // A profile where a province may forward one project.
    let profile = profile_with_quota(&o.work, "province", 1);
    let (status, json, bundle) = recommend(
        &o,
        "江苏省",
        &["--call", profile.to_str().unwrap()],
        &[&o.inbox],
    );
    assert_eq!(status, 1, "{json}");
    let found = findings(&json);
    assert!(
        codes_of(&found, "one.zip").contains(&"I001".to_string()),
        "{found:?}"
    );
    assert!(
        codes_of(&found, "two.zip").contains(&"I001".to_string()),
        "{found:?}"
    );
    assert!(
        !bundle.exists(),
        "a refused selection wrote {}",
        bundle.display()
    );
    assert_eq!(
        std::fs::read_dir(bundle.parent().unwrap()).unwrap().count(),
        0,
        "a refused selection leaves nothing in the output folder"
    );
    // With the call's own quota (10), the same selection goes through.
    let (status, json, bundle) = recommend(&o, "江苏省", &[], &[&o.inbox]);
    assert_eq!(status, 0, "{json}");
    assert!(bundle.exists());
}

#[test]
fn routing_errors_refuse_the_selection() {
    let o = office();
    office_key(&o);
    package(&o.work, &o.inbox, "thermal-screening-robot", "robot", |y| y);
    package(&o.work, &o.inbox, "city-brain-platform", "hefei", |y| y);
    // 合肥市's extra project belongs in 安徽省's bundle, not 江苏省's (R4).
    let (status, json, bundle) = recommend(&o, "江苏省", &[], &[&o.inbox]);
    assert_eq!(status, 1);
    assert_eq!(codes_of(&findings(&json), "hefei.zip"), ["I004"]);
    assert!(!bundle.exists());
    // Nor may 合肥市 forward it itself: it goes through its province.
    let hefei = o.inbox.join("hefei.zip");
    let (status, json, bundle) = recommend(&o, "合肥市", &[], &[&hefei]);
    assert_eq!(status, 1);
    assert_eq!(codes_of(&findings(&json), "bundle.zip"), ["I006"]);
    assert!(!bundle.exists());
    // Through 安徽省 it is fine.
    let (status, json, bundle) = recommend(&o, "安徽省", &[], &[&hefei]);
    assert_eq!(status, 0, "{json}");
    assert!(bundle.exists());
}

#[test]
fn the_letter_date_is_held_to_the_deadline() {
    let o = office();
    office_key(&o);
    package(&o.work, &o.inbox, "thermal-screening-robot", "robot", |y| y);
    let late = ["--date", "2021-04-02"];
    let (status, json, bundle) = recommend(&o, "江苏省", &late, &[&o.inbox]);
    assert_eq!(status, 0, "a late letter is a warning: {json}");
    assert_eq!(codes_of(&findings(&json), "bundle.zip"), ["I007"]);
    std::fs::remove_file(&bundle).unwrap();
    let (status, _, bundle) = recommend(
        &o,
        "江苏省",
        &["--date", "2021-04-02", "--strict"],
        &[&o.inbox],
    );
    assert_eq!(status, 1);
    assert!(!bundle.exists());
}

#[test]
fn a_bundle_verifies_with_its_dossiers_and_with_standard_tools() {
    let o = office();
    office_key(&o);
    package(&o.work, &o.inbox, "thermal-screening-robot", "robot", |y| y);
    package(
        &o.work,
        &o.inbox,
        "thermal-screening-robot",
        "triage",
        second_jiangsu,
    );
    let args = [
        "--reference",
        "苏工信函〔2021〕15号",
        "--contact",
        "王敏 025-83331234",
    ];
    let (status, json, bundle) = recommend(&o, "江苏省", &args, &[&o.inbox]);
    assert_eq!(status, 0, "{json}");
    let first = std::fs::read(&bundle).unwrap();

    // Deterministic: the same selection and key give the same bytes.
    std::fs::remove_file(&bundle).unwrap();
    recommend(&o, "江苏省", &args, &[&o.inbox]);
    assert_eq!(std::fs::read(&bundle).unwrap(), first);

    // verify checks the bundle and each dossier it lists (found by --dossiers).
    let office_pub = o.work.join("office.pub");
    let (status, json) = verify_bundle(
        &bundle,
        &["--trusted-key", office_pub.to_str().unwrap()],
        &o.inbox,
        &[],
    );
    assert_eq!(status, 0, "{json}");
    let found = findings(&json);
    let mut names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.remove(0), "bundle.zip", "the bundle comes first");
    names.sort_unstable();
    assert_eq!(names, ["robot.zip", "triage.zip"]);
    assert!(found.iter().all(|(_, codes)| codes.is_empty()), "{found:?}");

    // The code on the paper letter matches the bundle; another does not.
    let letter_code = |code: &str| {
        verify_bundle(
            &bundle,
            &["--trusted-key", office_pub.to_str().unwrap()],
            &o.inbox,
            &["--paper-code", code],
        )
    };
    let printed = recorded_letter_code(&bundle);
    assert_eq!(letter_code(&printed).0, 0);
    let (status, json) = letter_code("0000-0000-0000");
    assert_eq!(status, 1);
    assert_eq!(codes_of(&findings(&json), "bundle.zip"), ["Z018"]);

    // Standard tools: unzip, sha256sum over the manifests and the dossiers,
    // minisign with the office's key, Python bagit.
    let out = tool("unzip", &["-t", bundle.to_str().unwrap()], &o.work);
    assert!(out.status.success(), "unzip -t: {out:?}");
    let open = o.work.join("open");
    std::fs::create_dir(&open).unwrap();
    let out = tool("unzip", &["-q", bundle.to_str().unwrap()], &open);
    assert!(out.status.success());
    let bag = open.join("shenbao-recommendation-江苏省-20210325");
    for manifest in ["tagmanifest-sha256.txt", "manifest-sha256.txt"] {
        let out = tool("sha256sum", &["-c", manifest], &bag);
        assert!(out.status.success(), "{manifest}: {out:?}");
    }
    let list = bag.join("data/dossiers-sha256.txt");
    let out = tool("sha256sum", &["-c", list.to_str().unwrap()], &o.inbox);
    assert!(
        out.status.success(),
        "the dossiers beside the list: {out:?}"
    );
    let out = tool(
        "minisign",
        &[
            "-V",
            "-p",
            office_pub.to_str().unwrap(),
            "-m",
            "tagmanifest-sha256.txt",
            "-x",
            "tagmanifest-sha256.txt.minisig",
        ],
        &bag,
    );
    assert!(out.status.success(), "minisign -V: {out:?}");
    let out = tool("python3", &["-m", "bagit", "--validate", "."], &bag);
    assert!(out.status.success(), "bagit: {out:?}");

    // The letter names the office, both projects and its own code.
    let letter = squeezed_pdf_text(&bag.join("data/推荐意见函.pdf"));
    let code = printed.as_str();
    for expected in [
        "关于推荐2021年新型信息消费示范项目的函",
        "工业和信息化部信息技术发展司",
        "苏工信函〔2021〕15号",
        "现推荐2个项目",
        "江苏省工业和信息化厅",
        "推荐单位盖章处",
        "基于人工智能与远程操控的智能测温消杀防疫机器人",
        "医院发热门诊智能预检分诊机器人",
        "91320115302184781U",
        "王敏025-83331234",
        code,
    ] {
        assert!(letter.contains(expected), "{expected} not in {letter}");
    }
    let csv = std::fs::read_to_string(bag.join("data/汇总表.csv")).unwrap();
    assert!(
        csv.starts_with('\u{FEFF}') && csv.lines().count() == 3,
        "{csv}"
    );
}

#[test]
fn verify_catches_missing_and_replaced_dossiers() {
    let o = office();
    office_key(&o);
    package(&o.work, &o.inbox, "thermal-screening-robot", "robot", |y| y);
    package(
        &o.work,
        &o.inbox,
        "thermal-screening-robot",
        "triage",
        second_jiangsu,
    );
    let (status, _, bundle) = recommend(&o, "江苏省", &[], &[&o.inbox]);
    assert_eq!(status, 0);
    let office_pub = o.work.join("office.pub");
    let verify = |dossiers: &Path| {
        verify_bundle(
            &bundle,
            &["--trusted-key", office_pub.to_str().unwrap()],
            dossiers,
            &[],
        )
    };
    // Replaced after the recommendation: a valid dossier, but not the one signed for.
    package(&o.work, &o.inbox, "thermal-screening-robot", "robot", |y| {
        y.replace("name: 周婧", "name: 周静")
    });
    let (status, json) = verify(&o.inbox);
    assert_eq!(status, 1);
    assert_eq!(codes_of(&findings(&json), "robot.zip"), ["Z020"]);
    // Missing.
    std::fs::remove_file(o.inbox.join("robot.zip")).unwrap();
    let (status, json) = verify(&o.inbox);
    assert_eq!(status, 1);
    assert_eq!(codes_of(&findings(&json), "bundle.zip"), ["Z019"]);
    // A renamed dossier is still found, by its digest.
    std::fs::rename(o.inbox.join("triage.zip"), o.inbox.join("renamed.zip")).unwrap();
    let (_, json) = verify(&o.inbox);
    assert!(
        codes_of(&findings(&json), "renamed.zip").is_empty(),
        "{json}"
    );

    // A bundle is not a dossier: intake says so.
    std::fs::copy(&bundle, o.inbox.join("bundle.zip")).unwrap();
    let (status, json) = run_json(&["intake", o.inbox.to_str().unwrap()]);
    assert_eq!(status, 1);
    assert!(codes_of(&findings(&json), "bundle.zip").contains(&"Z021".to_string()));
}

const JIANGSU: &str = "  kind: province\n  name: 江苏省";

#[test]
fn via_names_only_a_demonstration_city_s_own_province() {
    let o = office();
    office_key(&o);
    // A municipality's dossier that claims to go "via" 江苏省 is not 江苏省's (R4).
    package(
        &o.work,
        &o.inbox,
        "thermal-screening-robot",
        "shanghai",
        |y| {
            y.replace(
                JIANGSU,
                "  kind: municipality\n  name: 上海市\n  via: 江苏省",
            )
        },
    );
    let (status, json, bundle) = recommend(&o, "江苏省", &[], &[&o.inbox]);
    assert_eq!(status, 1, "{json}");
    assert!(codes_of(&findings(&json), "shanghai.zip").contains(&"I004".to_string()));
    assert!(!bundle.exists());
}

#[test]
fn an_unlisted_demonstration_city_gets_no_extra_quota() {
    let o = office();
    office_key(&o);
    package(
        &o.work,
        &o.inbox,
        "thermal-screening-robot",
        "suzhou",
        |y| {
            y.replace(
                JIANGSU,
                "  kind: demonstration_city\n  name: 苏州市\n  via: 江苏省",
            )
        },
    );
    let (status, json, bundle) = recommend(&o, "江苏省", &[], &[&o.inbox]);
    assert_eq!(status, 1, "{json}");
    assert_eq!(codes_of(&findings(&json), "suzhou.zip"), ["I008"]);
    assert!(!bundle.exists());
    // Nor may such a city forward anything itself.
    let (status, json, _) = recommend(&o, "苏州市", &[], &[&o.inbox]);
    assert_eq!(status, 1);
    assert_eq!(codes_of(&findings(&json), "bundle.zip"), ["I006"]);
}

#[test]
fn a_central_enterprise_s_short_name_shares_its_quota() {
    let o = office();
    office_key(&o);
    let full = "name: 中国电子信息产业集团有限公司";
    package(&o.work, &o.inbox, "experience-centre", "full-name", |y| y);
    package(&o.work, &o.inbox, "experience-centre", "short-name", |y| {
        y.replace(&format!("  {full}"), "  name: 中国电子").replace(
            "name: 蓉汇 5G 智慧生活信息消费体验中心",
            "name: 蓉汇 5G 智慧生活信息消费体验中心（二期）",
        )
    });
    let profile = profile_with_quota(&o.work, "central_enterprise", 1);
    let (status, json, bundle) = recommend(
        &o,
        "中国电子信息产业集团有限公司",
        &["--call", profile.to_str().unwrap()],
        &[&o.inbox],
    );
    assert_eq!(status, 1, "{json}");
    for name in ["full-name.zip", "short-name.zip"] {
        let codes = codes_of(&findings(&json), name).to_vec();
        assert!(codes.contains(&"I001".to_string()), "{name}: {codes:?}");
        assert!(
            !codes.contains(&"I002".to_string()),
            "one body, not two: {codes:?}"
        );
    }
    assert!(!bundle.exists());
}

#[test]
fn the_output_may_not_overwrite_a_selected_dossier() {
    let o = office();
    office_key(&o);
    package(&o.work, &o.inbox, "thermal-screening-robot", "robot", |y| y);
    let dossier = o.inbox.join("robot.zip");
    let before = std::fs::read(&dossier).unwrap();
    let out = common::shenbao()
        .args(["recommend", "--office", "江苏省", "--key"])
        .arg(o.work.join("office.key"))
        .arg("-o")
        .arg(&dossier)
        .arg(&o.inbox)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // F012: the output is one of the inputs, by file identity.
    assert!(String::from_utf8_lossy(&out.stderr).contains("[F012]"));
    assert_eq!(std::fs::read(&dossier).unwrap(), before);
}

#[test]
fn an_untrusted_bundle_is_an_error_and_its_list_is_not_acted_on() {
    let o = office();
    office_key(&o);
    package(&o.work, &o.inbox, "thermal-screening-robot", "robot", |y| y);
    let (status, _, bundle) = recommend(&o, "江苏省", &[], &[&o.inbox]);
    assert_eq!(status, 0);
    let dossiers = o.inbox.to_str().unwrap();
    // No key for the office: the bundle alone is reported, as an error.
    let (status, json) = verify_bundle(&bundle, &[], Path::new(dossiers), &[]);
    assert_eq!(status, 1);
    let found = findings(&json);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(codes_of(&found, "bundle.zip"), ["Z016"]);
    // The office's key bound to another office's name: refused too.
    let bound = format!("浙江省={}", o.work.join("office.pub").display());
    let (status, json) =
        verify_bundle(&bundle, &["--office-key", &bound], Path::new(dossiers), &[]);
    assert_eq!(status, 1);
    assert_eq!(codes_of(&findings(&json), "bundle.zip"), ["Z016"]);
    // Bound to its own name: accepted, with the dossier.
    let bound = format!("江苏省={}", o.work.join("office.pub").display());
    let (status, json) =
        verify_bundle(&bundle, &["--office-key", &bound], Path::new(dossiers), &[]);
    assert_eq!(status, 0, "{json}");
    assert_eq!(findings(&json).len(), 2);
}

#[test]
fn among_files_of_one_name_the_signed_one_is_taken() {
    let o = office();
    office_key(&o);
    package(&o.work, &o.inbox, "thermal-screening-robot", "robot", |y| y);
    let (status, _, bundle) = recommend(&o, "江苏省", &[], &[&o.inbox]);
    assert_eq!(status, 0);
    // An older robot.zip, sorted first, in a subfolder of the search folder.
    let old = o.inbox.join("a-old");
    std::fs::create_dir(&old).unwrap();
    package(&o.work, &old, "thermal-screening-robot", "robot", |y| {
        y.replace("name: 周婧", "name: 周静")
    });
    let (status, json) = verify_bundle(
        &bundle,
        &["--trusted-key", o.work.join("office.pub").to_str().unwrap()],
        &o.inbox,
        &[],
    );
    assert_eq!(status, 0, "{json}");
}
