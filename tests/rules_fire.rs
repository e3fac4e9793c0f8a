//! Every rule fires on a realistic declaration broken in one place — and only
//! there — while the untouched declarations trigger nothing. Together with
//! `hostile.rs` (load-stage codes) this covers every registered code; the last
//! test checks that.

use serde_json::{json, Value};
use shenbao_check::call::CallProfile;
use shenbao_check::date::Date;
use shenbao_check::rules::{self, CheckOptions};
use shenbao_load::Document;
use std::collections::BTreeSet;
use std::path::Path;
use tempfile::TempDir;

/// A copy of an example folder (declaration and attachments) to break.
fn fixture(example: &str) -> (TempDir, Value) {
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(example);
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&source, dir.path());
    let text = std::fs::read_to_string(dir.path().join("shenbao.yaml")).unwrap();
    let value = Document::from_text("example", &text)
        .value
        .expect("example parses");
    (dir, value)
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

const AS_OF: &str = "2021-03-25";

/// Write `value` as the folder's declaration (JSON is YAML), check it, and
/// return the sorted (code, pointer) pairs.
fn findings_in(dir: &Path, value: &Value, as_of: &str) -> Vec<(String, String)> {
    let path = dir.join("shenbao.yaml");
    std::fs::write(&path, serde_json::to_string_pretty(value).unwrap()).unwrap();
    let document = Document::load_file(&path, "shenbao.yaml", Default::default()).unwrap();
    let options = CheckOptions {
        strict: false,
        as_of: Date::parse(as_of),
    };
    let mut out: Vec<(String, String)> = rules::check(&document, CallProfile::embedded(), options)
        .into_iter()
        .map(|d| {
            let location = d
                .location
                .unwrap_or_else(|| panic!("{} has no location", d.code));
            assert!(location.line >= 1);
            (d.code.to_string(), d.pointer)
        })
        .collect();
    out.sort();
    out
}

/// Break `example` with `mutate`, expect exactly `expected`.
fn fires(example: &str, expected: &[(&str, &str)], mutate: impl FnOnce(&mut Value, &Path)) {
    fires_as_of(example, AS_OF, expected, mutate);
}

fn fires_as_of(
    example: &str,
    as_of: &str,
    expected: &[(&str, &str)],
    mutate: impl FnOnce(&mut Value, &Path),
) {
    let (dir, mut value) = fixture(example);
    mutate(&mut value, dir.path());
    let mut want: Vec<(String, String)> = expected
        .iter()
        .map(|(c, p)| (c.to_string(), p.to_string()))
        .collect();
    want.sort();
    assert_eq!(findings_in(dir.path(), &value, as_of), want);
}

const ROBOT: &str = "thermal-screening-robot";
const CLINIC: &str = "remote-diagnosis-platform";
const CITY: &str = "city-brain-platform";
const CENTRE: &str = "experience-centre";

#[test]
fn untouched_examples_are_clean() {
    for example in [ROBOT, CLINIC, CITY, CENTRE] {
        fires(example, &[], |_, _| {});
    }
}

// ---- schema (S) -------------------------------------------------------------

#[test]
fn s001_missing_field() {
    fires(ROBOT, &[("S001", "/applicant")], |v, _| {
        v["applicant"]
            .as_object_mut()
            .unwrap()
            .remove("postal_code");
    });
}

#[test]
fn s002_wrong_type() {
    fires(ROBOT, &[("S002", "/applicant/employees")], |v, _| {
        v["applicant"]["employees"] = json!("三百")
    });
}

#[test]
fn s003_unknown_field() {
    fires(ROBOT, &[("S003", "/project/catgory")], |v, _| {
        v["project"]["catgory"] = json!(7)
    });
}

#[test]
fn s004_value_not_allowed() {
    fires(ROBOT, &[("S004", "/project/category")], |v, _| {
        v["project"]["category"] = json!(11)
    });
    fires(ROBOT, &[("S004", "/project/category")], |v, _| {
        v["project"]["category"] = json!("智能防控产品")
    });
    fires(ROBOT, &[("S004", "/recommender/kind")], |v, _| {
        v["recommender"]["kind"] = json!("省")
    });
}

#[test]
fn s005_invalid_format() {
    fires(ROBOT, &[("S005", "/project/end_date")], |v, _| {
        v["project"]["end_date"] = json!("2021-02-30")
    });
    fires(ROBOT, &[("S005", "/applicant/contact/email")], |v, _| {
        v["applicant"]["contact"]["email"] = json!("li at example.com")
    });
}

#[test]
fn s006_out_of_range() {
    fires(
        ROBOT,
        &[("S006", "/applicant/registered_capital")],
        |v, _| v["applicant"]["registered_capital"] = json!(-3),
    );
}

#[test]
fn s007_pattern_mismatch() {
    fires(ROBOT, &[("S007", "/applicant/postal_code")], |v, _| {
        v["applicant"]["postal_code"] = json!("31001")
    });
}

#[test]
fn s008_bad_length() {
    fires(ROBOT, &[("S008", "/project/summary")], |v, _| {
        v["project"]["summary"] = json!("测温消杀机器人")
    });
    fires(ROBOT, &[("S008", "/project/keywords")], |v, _| {
        v["project"]["keywords"] = json!([])
    });
}

#[test]
fn category_by_number_or_name_both_pass() {
    fires(ROBOT, &[], |v, _| {
        v["project"]["category"] = json!("智能防控创新产品")
    });
}

// ---- eligibility (A, R1) ------------------------------------------------------

const CODE: &str = "/applicant/credit_code";

fn set_code(code: &'static str) -> impl FnOnce(&mut Value, &Path) {
    move |v, _| v["applicant"]["credit_code"] = json!(code)
}

#[test]
fn a001_malformed_code() {
    fires(ROBOT, &[("A001", CODE)], set_code("91320115302184773O"));
    // Department 9 has no category 4, though the check character fits.
    fires(ROBOT, &[("A001", CODE)], set_code("94320115302184773P"));
}

#[test]
fn a002_check_character_and_the_typo_located() {
    fires(ROBOT, &[("A002", CODE)], set_code("913201153021847732"));
    let (dir, mut value) = fixture(ROBOT);
    value["applicant"]["credit_code"] = json!("913201153021847732");
    std::fs::write(
        dir.path().join("shenbao.yaml"),
        serde_json::to_string(&value).unwrap(),
    )
    .unwrap();
    let document =
        Document::load_file(&dir.path().join("shenbao.yaml"), "x", Default::default()).unwrap();
    let found = rules::check(
        &document,
        CallProfile::embedded(),
        CheckOptions {
            strict: false,
            as_of: Date::parse(AS_OF),
        },
    );
    let help = &found[0].help.as_ref().unwrap().en;
    assert!(
        help.contains("position 18") && help.contains("`1`"),
        "{help}"
    );
}

#[test]
fn a003_organisation_code() {
    fires(ROBOT, &[("A003", CODE)], set_code("913201153021847757"));
}

#[test]
fn a004_not_a_legal_person() {
    fires(ROBOT, &[("A004", CODE)], set_code("92320115302184773X"));
    fires(ROBOT, &[("A004", "/applicant/legal_form")], |v, _| {
        v["applicant"]["legal_form"] = json!("有限合伙企业")
    });
    fires(ROBOT, &[("A004", "/applicant/legal_form")], |v, _| {
        v["applicant"]["legal_form"] = json!("有限责任公司分公司（自然人投资或控股）")
    });
}

#[test]
fn a005_legal_form_needed() {
    fires(ROBOT, &[("A005", "/applicant")], |v, _| {
        v["applicant"].as_object_mut().unwrap().remove("legal_form");
    });
}

#[test]
fn a006_personhood_uncertain() {
    fires(ROBOT, &[("A006", CODE)], set_code("523201153021847732"));
}

#[test]
fn a007_not_mainland() {
    fires(ROBOT, &[("A007", CODE)], set_code("91810000302184773H"));
}

#[test]
fn a008_commitments() {
    fires(
        ROBOT,
        &[("A008", "/commitments/consumer_rights")],
        |v, _| v["commitments"]["consumer_rights"] = json!(false),
    );
}

#[test]
fn a009_signatory() {
    fires(ROBOT, &[("A009", "/commitments/signatory")], |v, _| {
        v["commitments"]["signatory"] = json!("周婧")
    });
}

// ---- category (C, C1–C10) -------------------------------------------------------

#[test]
fn c001_nothing_supports_the_category() {
    fires(ROBOT, &[("C001", "/project/category")], |v, _| {
        v["project"]["category"] = json!(4)
    });
}

#[test]
fn c002_another_category_fits_clearly_better() {
    fires(CLINIC, &[("C002", "/project/category")], |v, _| {
        v["project"]["category"] = json!(7)
    });
}

#[test]
fn c003_category_facet() {
    // An experience centre whose text shows no online service at all.
    fires(CENTRE, &[("C003", "/project/category")], |v, _| {
        strip_everywhere(
            v,
            &[
                "线上",
                "在线",
                "网上",
                "网络",
                "小程序",
                "APP",
                "App",
                "app",
                "公众号",
                "预约",
                "下单",
                "扫码",
                "直播",
                "云",
            ],
        );
    });
}

/// Remove words from every text of the declaration.
fn strip_everywhere(value: &mut Value, words: &[&str]) {
    match value {
        Value::String(s) => {
            for w in words {
                *s = s.replace(w, "");
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| strip_everywhere(i, words)),
        Value::Object(map) => map.values_mut().for_each(|i| strip_everywhere(i, words)),
        _ => {}
    }
}

// ---- deadline (D, R6) -----------------------------------------------------------

#[test]
fn d001_after_deadline() {
    fires_as_of(
        ROBOT,
        "2021-03-31",
        &[("D001", "/submission/date")],
        |v, _| v["submission"]["date"] = json!("2021-04-01"),
    );
    // The deadline day itself is on time.
    fires_as_of(ROBOT, "2021-03-31", &[], |v, _| {
        v["submission"]["date"] = json!("2021-03-31")
    });
}

#[test]
fn d002_channel() {
    fires(ROBOT, &[("D002", "/submission/channel")], |v, _| {
        v["submission"]["channel"] = json!("sf_express")
    });
}

#[test]
fn d003_call_closed() {
    fires_as_of(
        ROBOT,
        "2021-04-01",
        &[("D003", "/submission/date")],
        |_, _| {},
    );
}

#[test]
fn d004_internal_deadline() {
    fires(ROBOT, &[("D004", "/submission/date")], |v, _| {
        v["recommender"]["name"] = json!("湖北省");
        v["applicant"]["credit_code"] = json!("91420106302184773N");
        v["submission"]["date"] = json!("2021-03-24");
    });
}

// ---- route (G, R3/R4) and the call (K) --------------------------------------------

#[test]
fn g001_unknown_recommender() {
    fires(CLINIC, &[("G001", "/recommender/name")], |v, _| {
        v["recommender"]["kind"] = json!("province")
    });
}

#[test]
fn g002_not_on_an_incomplete_list() {
    fires(ROBOT, &[("G002", "/recommender/name")], |v, _| {
        v["recommender"] = json!({"kind": "demonstration_city", "name": "景德镇市"});
    });
}

#[test]
fn g003_demonstration_city_through_its_province() {
    fires(CITY, &[("G003", "/recommender")], |v, _| {
        v["recommender"].as_object_mut().unwrap().remove("via");
    });
    fires(CITY, &[("G003", "/recommender/via")], |v, _| {
        v["recommender"]["via"] = json!("江苏省")
    });
}

#[test]
fn g004_needless_via() {
    fires(ROBOT, &[("G004", "/recommender/via")], |v, _| {
        v["recommender"]["via"] = json!("南京市")
    });
}

#[test]
fn g005_outside_area() {
    fires(ROBOT, &[("G005", CODE)], |v, _| {
        v["recommender"]["name"] = json!("浙江省")
    });
}

#[test]
fn k001_other_call() {
    fires(ROBOT, &[("K001", "/call")], |v, _| {
        v["call"] = json!("miit-xxxf-2022")
    });
}

// ---- online submission (O, R5) and project (P, R2) ---------------------------------

#[test]
fn o001_not_registered() {
    fires(ROBOT, &[("O001", "/submission/registration_id")], |v, _| {
        v["submission"]["registration_id"] = json!("not_yet")
    });
}

#[test]
fn p001_thin_section() {
    fires(ROBOT, &[("P001", "/narrative/innovation")], |v, _| {
        v["narrative"]["innovation"] = json!("采用人工智能技术，实现了无接触测温。")
    });
}

#[test]
fn p002_investment() {
    fires(
        ROBOT,
        &[("P002", "/project/investment/completed")],
        |v, _| {
            let total = v["project"]["investment"]["total"].as_f64().unwrap();
            v["project"]["investment"]["completed"] = json!(total + 1.0);
        },
    );
}

#[test]
fn p003_dates_in_order() {
    fires(ROBOT, &[("P003", "/project/launch_date")], |v, _| {
        v["project"]["launch_date"] = json!("2019-01-01")
    });
}

#[test]
fn p004_not_yet_in_operation() {
    fires(ROBOT, &[("P004", "/project/launch_date")], |v, _| {
        v["project"]["launch_date"] = json!("2021-03-30")
    });
    fires(ROBOT, &[("P004", "/project")], |v, _| {
        v["project"].as_object_mut().unwrap().remove("launch_date");
    });
}

#[test]
fn p005_figures() {
    fires(ROBOT, &[("P005", "/applicant/rd_staff")], |v, _| {
        v["applicant"]["rd_staff"] = json!(500)
    });
}

// ---- attachments (T) ---------------------------------------------------------------

fn add_attachment(v: &mut Value, path: &str, kind: &str) -> String {
    let items = v["attachments"].as_array_mut().unwrap();
    items.push(json!({"path": path, "kind": kind}));
    format!("/attachments/{}/path", items.len() - 1)
}

#[test]
fn t001_paths_that_leave_the_folder() {
    let (dir, mut v) = fixture(ROBOT);
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("x.pdf"), b"%PDF-1.4").unwrap();
    let a = add_attachment(&mut v, "../x.pdf", "other");
    let b = add_attachment(&mut v, "/etc/hostname", "other");
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path().join("x.pdf"), dir.path().join("link.pdf")).unwrap();
    let c = add_attachment(&mut v, "link.pdf", "other");
    let found = findings_in(dir.path(), &v, AS_OF);
    let want: BTreeSet<(String, String)> = [a, b, c]
        .into_iter()
        .map(|p| ("T001".to_string(), p))
        .collect();
    assert_eq!(found.into_iter().collect::<BTreeSet<_>>(), want);
}

#[test]
fn t002_missing_or_not_a_file() {
    fires(ROBOT, &[("T002", "/attachments/3/path")], |v, _| {
        add_attachment(v, "attachments/nope.pdf", "other");
    });
    fires(ROBOT, &[("T002", "/attachments/3/path")], |v, _| {
        add_attachment(v, "attachments", "other");
    });
}

#[test]
fn t003_empty_file() {
    fires(ROBOT, &[("T003", "/attachments/3/path")], |v, dir| {
        std::fs::write(dir.join("attachments/empty.pdf"), b"").unwrap();
        add_attachment(v, "attachments/empty.pdf", "other");
    });
}

#[test]
fn t004_real_type_differs_from_the_name() {
    fires(ROBOT, &[("T004", "/attachments/3/path")], |v, dir| {
        std::fs::write(dir.join("attachments/scan.pdf"), b"\x89PNG\r\n\x1a\n0000").unwrap();
        add_attachment(v, "attachments/scan.pdf", "other");
    });
    fires(ROBOT, &[("T004", "/attachments/3/path")], |v, dir| {
        std::fs::write(dir.join("attachments/letter.docx"), b"PK\x03\x04rest").unwrap();
        add_attachment(v, "attachments/letter.docx", "other");
    });
}

#[test]
fn t005_encrypted_or_truncated_pdf() {
    fires(ROBOT, &[("T005", "/attachments/3/path")], |v, dir| {
        let pdf = std::fs::read(dir.join("attachments/business-licence.pdf")).unwrap();
        let mut encrypted = pdf.clone();
        let at = encrypted.windows(7).rposition(|w| w == b"trailer").unwrap();
        encrypted.splice(at + 7..at + 7, b" << /Encrypt 9 0 R >>".iter().copied());
        std::fs::write(dir.join("attachments/locked.pdf"), encrypted).unwrap();
        add_attachment(v, "attachments/locked.pdf", "other");
    });
    fires(ROBOT, &[("T005", "/attachments/3/path")], |v, dir| {
        let pdf = std::fs::read(dir.join("attachments/business-licence.pdf")).unwrap();
        std::fs::write(dir.join("attachments/cut.pdf"), &pdf[..pdf.len() / 2]).unwrap();
        add_attachment(v, "attachments/cut.pdf", "other");
    });
}

#[test]
fn t006_too_large() {
    fires(ROBOT, &[("T006", "/attachments/3/path")], |v, dir| {
        let file = std::fs::File::create(dir.join("attachments/huge.png")).unwrap();
        use std::io::Write;
        (&file).write_all(b"\x89PNG\r\n\x1a\n").unwrap();
        file.set_len(21 * 1024 * 1024).unwrap();
        add_attachment(v, "attachments/huge.png", "other");
    });
}

#[test]
fn t007_unsafe_names() {
    fires(ROBOT, &[("T007", "/attachments/3/path")], |v, _| {
        add_attachment(v, "attachments/100%.pdf", "other");
    });
    fires(ROBOT, &[("T007", "/attachments/3/path")], |v, _| {
        add_attachment(v, "attachments\\licence.pdf", "other");
    });
    // Names that cannot be extracted on Windows, or that spell a path twice.
    for name in [
        "attachments/CON.pdf",
        "attachments/com1.png",
        "attachments/a:evil.pdf",
        "attachments/licence.pdf.",
        "./attachments/licence.pdf",
        "attachments//licence.pdf",
    ] {
        fires(ROBOT, &[("T007", "/attachments/3/path")], |v, _| {
            add_attachment(v, name, "other");
        });
    }
}

#[test]
fn t010_names_collide() {
    fires(ROBOT, &[("T010", "/attachments/3/path")], |v, dir| {
        std::fs::copy(
            dir.join("attachments/robot-photo.png"),
            dir.join("attachments/Robot-Photo.PNG"),
        )
        .unwrap();
        add_attachment(v, "attachments/Robot-Photo.PNG", "other");
    });
}

#[test]
fn t008_duplicate() {
    fires(ROBOT, &[("T008", "/attachments/3/path")], |v, dir| {
        std::fs::copy(
            dir.join("attachments/business-licence.pdf"),
            dir.join("attachments/copy.pdf"),
        )
        .unwrap();
        add_attachment(v, "attachments/copy.pdf", "qualification");
    });
}

#[test]
fn t009_required_kind() {
    fires(ROBOT, &[("T009", "/attachments")], |v, _| {
        let items = v["attachments"].as_array_mut().unwrap();
        items.retain(|i| i["kind"] != "business_licence");
    });
}

// ---- characters in text (U) ----------------------------------------------------

#[test]
fn u001_control_character() {
    fires(
        "thermal-screening-robot",
        &[("U001", "/project/name")],
        |v, _| v["project"]["name"] = json!("智能测温机器人\r通过"),
    );
}

#[test]
fn u002_invisible_or_bidi_character() {
    fires(
        "thermal-screening-robot",
        &[("U002", "/applicant/name")],
        |v, _| v["applicant"]["name"] = json!("南京澄衡\u{200b}智能机器人有限公司"),
    );
    fires(
        "city-brain-platform",
        &[("U002", "/narrative/background")],
        |v, _| {
            let text = v["narrative"]["background"].as_str().unwrap().to_string();
            v["narrative"]["background"] = json!(format!("{text}\u{202e}gpj.exe"));
        },
    );
}

#[test]
fn u003_not_composed() {
    fires(
        "thermal-screening-robot",
        &[("U003", "/applicant/contact/name")],
        |v, _| v["applicant"]["contact"]["name"] = json!("Jose\u{301} 周婧"),
    );
}

// ---- coverage ----------------------------------------------------------------------

/// Every registered code has a firing test here or in hostile.rs, cli.rs,
/// form.rs, dossier.rs, intake.rs, recommend.rs, errors.rs, hostile_dossier.rs, outputs.rs,
/// byte_flips.rs or findings.rs.
#[test]
fn every_registered_code_is_exercised() {
    let sources = [
        include_str!("rules_fire.rs"),
        include_str!("hostile.rs"),
        include_str!("cli.rs"),
        include_str!("form.rs"),
        include_str!("dossier.rs"),
        include_str!("intake.rs"),
        include_str!("recommend.rs"),
        include_str!("errors.rs"),
        include_str!("hostile_dossier.rs"),
        include_str!("outputs.rs"),
        include_str!("byte_flips.rs"),
        include_str!("findings.rs"),
        include_str!("ui.rs"),
        include_str!("ui/cases.yaml"),
    ];
    let missing: Vec<&str> = shenbao::registry::all_rules()
        .iter()
        .map(|r| r.code)
        // S009 is the fallback for schema keywords the declaration schema does not use.
        // F007 needs the system to refuse threads, M002 a corrupt embedded font,
        // and Z029 the system's random source to fail: none can be provoked
        // from outside the process.
        .filter(|code| !["S009", "F007", "M002", "Z029"].contains(code))
        .filter(|code| !sources.iter().any(|s| s.contains(code)))
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a firing test: {missing:?}"
    );
}

#[test]
fn h001_placeholders_typed_or_left_from_the_template() {
    let named = [
        ("H001", "/applicant/legal_representative"),
        ("H001", "/commitments/signatory"),
    ];
    fires(ROBOT, &named, |v, _| {
        v["applicant"]["legal_representative"] = json!("某某某");
        v["commitments"]["signatory"] = json!("某某某");
    });
    // A placeholder code: the checksum it fails is not reported besides it.
    fires(ROBOT, &[("H001", "/applicant/credit_code")], |v, _| {
        v["applicant"]["credit_code"] = json!("91330106MAXXXXXXXX")
    });
    fires(ROBOT, &[("H001", "/applicant/contact/mobile")], |v, _| {
        v["applicant"]["contact"]["mobile"] = json!("13800138000")
    });
    fires(ROBOT, &[("H001", "/applicant/contact/phone")], |v, _| {
        v["applicant"]["contact"]["phone"] = json!("0571-00000000")
    });
    fires(ROBOT, &[("H001", "/applicant/contact/email")], |v, _| {
        v["applicant"]["contact"]["email"] = json!("chen@example.com")
    });
    fires(ROBOT, &[("H001", "/project/end_date")], |v, _| {
        v["project"]["end_date"] = json!("待定")
    });
    fires(ROBOT, &[("H001", "/narrative/safeguards")], |v, _| {
        v["narrative"]["safeguards"] = json!("由XX部门牵头，组织、资金和安全保障措施待补充。")
    });
    // The template's sample keyword, and a placeholder project name: its
    // category fit is not judged.
    fires(ROBOT, &[("H001", "/project/keywords/1")], |v, _| {
        v["project"]["keywords"][1] = json!("关键词一")
    });
    fires(ROBOT, &[("H001", "/project/name")], |v, _| {
        v["project"]["name"] = json!("某某示范项目名称")
    });
}

#[test]
fn h001_not_on_real_values_that_look_alike() {
    fires(ROBOT, &[], |v, _| {
        v["project"]["keywords"][1] = json!("XXL码防护服");
        v["applicant"]["contact"]["email"] = json!("chen@robot.example.com");
        v["applicant"]["postal_code"] = json!("310000");
        v["narrative"]["safeguards"] = json!(
            "公司设立项目领导小组，由总经理任组长，统筹研发、生产、售后和资金保障；建立数据安全管理制度，\
             测温数据本地存储、加密传输，定期开展安全评估和应急演练，确保项目按计划建设和稳定运行，\
             并接受主管部门和用户单位的监督检查，按季度报告进展。"
        );
    });
}

#[test]
fn h002_zero_left_from_the_template() {
    fires(ROBOT, &[("H002", "/applicant/employees")], |v, _| {
        v["applicant"]["employees"] = json!(0);
        v["applicant"]["rd_staff"] = json!(0);
    });
    fires(ROBOT, &[("H002", "/project/investment/total")], |v, _| {
        v["project"]["investment"]["total"] = json!(0.0);
        v["project"]["investment"]["completed"] = json!(0);
    });
}

#[test]
fn u005_full_width_in_codes_numbers_and_dates() {
    fires(ROBOT, &[("U005", "/applicant/postal_code")], |v, _| {
        v["applicant"]["postal_code"] = json!("２１１１００")
    });
    // The credit code's checksum is not judged besides it.
    fires(ROBOT, &[("U005", "/applicant/credit_code")], |v, _| {
        v["applicant"]["credit_code"] = json!("９１３２０１１５３０２１８４７７３１")
    });
    fires(ROBOT, &[("U005", "/applicant/employees")], |v, _| {
        v["applicant"]["employees"] = json!("１８６")
    });
    fires(ROBOT, &[("U005", "/applicant/contact/phone")], |v, _| {
        v["applicant"]["contact"]["phone"] = json!("025－86612345")
    });
}

#[test]
fn u006_dates_written_on_paper() {
    fires(ROBOT, &[("U006", "/submission/date")], |v, _| {
        v["submission"]["date"] = json!("2021年3月19日")
    });
    fires(ROBOT, &[("U006", "/applicant/established")], |v, _| {
        v["applicant"]["established"] = json!("2016/5/20")
    });
}

#[test]
fn u007_amounts_with_units_or_separators() {
    fires(
        ROBOT,
        &[("U007", "/applicant/registered_capital")],
        |v, _| v["applicant"]["registered_capital"] = json!("3,000万元"),
    );
    fires(ROBOT, &[("U007", "/applicant/employees")], |v, _| {
        v["applicant"]["employees"] = json!("186人")
    });
    fires(ROBOT, &[("U007", "/project/investment/total")], |v, _| {
        v["project"]["investment"]["total"] = json!("1e400")
    });
}

#[test]
fn p006_yuan_written_where_ten_thousand_yuan_was_meant() {
    fires(
        ROBOT,
        &[("P006", "/applicant/registered_capital")],
        |v, _| v["applicant"]["registered_capital"] = json!(30_000_000),
    );
    // 1000 times the revenue, below the ceiling.
    fires(ROBOT, &[("P006", "/project/investment/total")], |v, _| {
        let revenue = v["applicant"]["finance"]["revenue"].as_f64().unwrap();
        v["project"]["investment"]["total"] = json!(revenue * 1000.0);
        v["project"]["investment"]["completed"] = json!(1);
    });
}
