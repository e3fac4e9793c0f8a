//! The batch reports of `validate` and `verify`, checked from outside: JUnit XML
//! parsed by an XML parser, SARIF validated against the OASIS schema
//! (tests/fixtures/sarif-schema-2.1.0.json), and the HTML page rendered by
//! headless Chromium (.ci/run installs it).

mod common;

use common::{root, shenbao, write};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

const SCHEMA: &str = include_str!("fixtures/sarif-schema-2.1.0.json");

/// Run in the repository root; the exit status and stdout.
fn run(args: &[&str]) -> (i32, String) {
    run_in(&root(), args)
}

fn run_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let output = shenbao().current_dir(dir).args(args).output().unwrap();
    (
        output.status.code().expect("exited"),
        String::from_utf8(output.stdout).expect("stdout is UTF-8"),
    )
}

/// The `--format json` document of the same run (the reports' reference).
fn json_in(dir: &Path, args: &[&str]) -> Value {
    let (_, text) = run_in(dir, &[args, &["--format", "json"]].concat());
    serde_json::from_str(&text).unwrap()
}

/// Every diagnostic of a `--format json` run, as (path, diagnostic).
fn json_findings(json: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for result in json["results"].as_array().unwrap() {
        for d in result["diagnostics"].as_array().unwrap() {
            out.push((result["path"].as_str().unwrap().to_string(), d.clone()));
        }
    }
    out
}

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid_sarif(text: &str) -> Value {
    let log: Value = serde_json::from_str(text).expect("SARIF is one JSON document");
    let errors: Vec<String> = sarif_validator()
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
    // The schema is draft-04, where `uri-reference` is not yet a known format:
    // check the artifact URIs with a draft-07 validator that knows it.
    let uri_reference = uri_reference();
    for result in log["runs"][0]["results"].as_array().unwrap() {
        let uri = &result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
        assert!(uri_reference.is_valid(uri), "not a URI reference: {uri}");
    }
    log
}

fn uri_reference() -> jsonschema::Validator {
    let schema = serde_json::json!({ "type": "string", "format": "uri-reference" });
    jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

/// Check the JUnit document against the JSON findings of the same run.
fn check_junit(xml: &str, json: &Value) {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("not XML ({e}):\n{xml}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suites: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), 1, "one <testsuite>");
    let cases: Vec<_> = suites[0]
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let results = json["results"].as_array().unwrap();
    assert_eq!(cases.len(), results.len());
    assert_eq!(
        suites[0].attribute("tests"),
        Some(results.len().to_string().as_str())
    );
    let failed = |kind: &str| {
        cases
            .iter()
            .filter(|c| c.children().any(|n| n.has_tag_name(kind)))
            .count()
    };
    let (failures, errors) = (failed("failure"), failed("error"));
    assert_eq!(
        failures + errors,
        json["summary"]["failed"].as_u64().unwrap() as usize
    );
    assert_eq!(
        suites[0].attribute("failures"),
        Some(failures.to_string().as_str())
    );
    assert_eq!(
        suites[0].attribute("errors"),
        Some(errors.to_string().as_str())
    );
    for (case, result) in cases.iter().zip(results) {
        assert_eq!(case.attribute("name"), result["path"].as_str());
        let expected: Vec<&str> = result["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .map(|d| d["code"].as_str().unwrap())
            .collect();
        let found: Vec<&str> = case
            .children()
            .filter(|n| n.has_tag_name("failure") || n.has_tag_name("error"))
            .map(|n| n.attribute("type").unwrap())
            .collect();
        assert_eq!(found, expected, "{:?}", case.attribute("name"));
        // Every finding, warnings too, is in <system-out>.
        let out = case
            .children()
            .find(|n| n.has_tag_name("system-out"))
            .and_then(|n| n.text())
            .unwrap_or("");
        for d in result["diagnostics"].as_array().unwrap() {
            // XML cannot carry most control characters: they become U+FFFD.
            let message: String = d["message"]
                .as_str()
                .unwrap()
                .chars()
                .map(|c| {
                    if c.is_control() && c != '\n' {
                        '\u{fffd}'
                    } else {
                        c
                    }
                })
                .collect();
            assert!(out.contains(&message), "{out}");
        }
    }
}

#[test]
fn junit_has_a_test_case_per_input_and_a_failure_per_error() {
    let (status, xml) = run(&["validate", "--format", "junit", "examples"]);
    assert_eq!(status, 1, "exit status as in human mode");
    check_junit(&xml, &json_in(&root(), &["validate", "examples"]));
    assert!(xml.contains("type=\"S003\""), "{xml}");

    let (status, xml) = run(&[
        "validate",
        "--format",
        "junit",
        "examples/city-brain-platform",
    ]);
    assert_eq!(status, 0);
    assert!(
        xml.contains("tests=\"1\" failures=\"0\" errors=\"0\""),
        "{xml}"
    );

    // An input that cannot be checked is a JUnit <error>, and the exit status 2.
    let (status, xml) = run(&["validate", "--format", "junit", "no-such-folder"]);
    assert_eq!(status, 2);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let error = doc.descendants().find(|n| n.has_tag_name("error")).unwrap();
    assert_eq!(error.attribute("type"), Some("F001"));
}

#[test]
fn sarif_is_valid_and_points_at_each_finding() {
    let (status, text) = run(&["validate", "--format", "sarif", "examples"]);
    assert_eq!(status, 1);
    let log = assert_valid_sarif(&text);
    let json = json_in(&root(), &["validate", "examples"]);
    let sarif_run = &log["runs"][0];
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(sarif_run["columnKind"], "unicodeCodePoints");
    assert_eq!(sarif_run["tool"]["driver"]["name"], "shenbao");
    assert_eq!(
        sarif_run["tool"]["driver"]["version"],
        env!("CARGO_PKG_VERSION")
    );
    assert!(sarif_run["tool"]["driver"].get("informationUri").is_none());
    let rules = sarif_run["tool"]["driver"]["rules"].as_array().unwrap();
    let s003 = rules.iter().find(|r| r["id"] == "S003").unwrap();
    assert_eq!(s003["name"], "unknown-field");
    assert_eq!(s003["defaultConfiguration"]["level"], "error");
    assert!(s003["help"]["text"]
        .as_str()
        .unwrap()
        .contains("legal_represntative"));
    let d001 = rules.iter().find(|r| r["id"] == "D001").unwrap();
    assert_eq!(d001["properties"]["clause"], "R6");

    let results = sarif_run["results"].as_array().unwrap();
    let expected = json_findings(&json);
    assert_eq!(results.len(), expected.len());
    for (result, (path, d)) in results.iter().zip(&expected) {
        assert_eq!(result["ruleId"], d["code"]);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], d["code"]);
        assert_eq!(result["level"], d["severity"]);
        assert_eq!(result["message"]["text"], d["message"]);
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], path.as_str());
        assert_eq!(location["region"]["startLine"], d["line"]);
        assert_eq!(location["region"]["startColumn"], d["column"]);
        assert!(location["region"].get("charOffset").is_none());
    }
    let typo = results
        .iter()
        .find(|r| {
            r["ruleId"] == "S003"
                && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    == "examples/failing/schema-errors/shenbao.yaml"
        })
        .unwrap();
    let region = &typo["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(26), Some(3))
    );

    // The checks have teeth: a wrong level, or a path that is not a URI
    // reference, is caught.
    let validator = sarif_validator();
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
    assert!(!uri_reference().is_valid(&"a b/<c>.yaml".into()));

    // Messages and rule texts follow --lang.
    let (_, zh) = run(&[
        "--lang",
        "zh",
        "validate",
        "--format",
        "sarif",
        "examples/failing/schema-errors",
    ]);
    let zh = assert_valid_sarif(&zh);
    assert_eq!(zh["runs"][0]["language"], "zh-CN");
    let text = zh["runs"][0]["results"][0]["message"]["text"]
        .as_str()
        .unwrap();
    assert!(text.contains("缺少必填字段"), "{text}");

    // A passing input: no results, still valid; a missing one: exit 2.
    let (status, text) = run(&[
        "validate",
        "--format",
        "sarif",
        "examples/experience-centre",
    ]);
    assert_eq!(status, 0);
    assert_eq!(
        assert_valid_sarif(&text)["runs"][0]["results"],
        Value::Array(vec![])
    );
    let (status, text) = run(&["validate", "--format", "sarif", "no-such-folder"]);
    assert_eq!(status, 2);
    let log = assert_valid_sarif(&text);
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
}

#[test]
fn hostile_names_and_values_stay_well_formed() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("报告 & <x> \"q\"");
    std::fs::create_dir(&folder).unwrap();
    let yaml = std::fs::read_to_string(root().join("examples/failing/schema-errors/shenbao.yaml"))
        .unwrap()
        .replace("legal_represntative:", "\"a<b>&]]>\\x01'\":");
    write(&folder, "shenbao.yaml", yaml.as_bytes());
    let relative = "报告 & <x> \"q\"/shenbao.yaml";

    let (status, xml) = run_in(dir.path(), &["validate", "--format", "junit", relative]);
    assert_eq!(status, 1);
    let json = json_in(dir.path(), &["validate", relative]);
    assert!(json_findings(&json)
        .iter()
        .any(|(_, d)| d["message"].as_str().unwrap().contains("a<b>&]]>")));
    check_junit(&xml, &json);

    let (_, text) = run_in(dir.path(), &["validate", "--format", "sarif", relative]);
    let log = assert_valid_sarif(&text);
    let uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"]
        .as_str()
        .unwrap();
    assert_eq!(
        uri,
        "%E6%8A%A5%E5%91%8A%20&%20%3Cx%3E%20%22q%22/shenbao.yaml"
    );

    let report = dir.path().join("report.html");
    let (_, _) = run_in(
        dir.path(),
        &["validate", relative, "--report", report.to_str().unwrap()],
    );
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("报告 &amp; &lt;x&gt; &quot;q&quot;/shenbao.yaml"));
    assert!(
        html.contains("a&lt;b&gt;&amp;]]&gt;\u{fffd}"),
        "control characters are replaced"
    );
}

/// In `dir`: a signed dossier of a passing example (`good.zip`, key
/// `applicant.pub`) and a file that is not a ZIP (`truncated.zip`).
fn dossiers(dir: &Path) {
    let out = shenbao()
        .current_dir(dir)
        .args(["keygen", "--no-password", "-o", "applicant"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out = shenbao()
        .current_dir(dir)
        .args(["package", "--key", "applicant.key", "-o", "good.zip"])
        .arg(root().join("examples/thermal-screening-robot"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    write(dir, "truncated.zip", b"PK\x03\x04 not really a zip");
}

const VERIFY: &[&str] = &[
    "verify",
    "--trusted-key",
    "applicant.pub",
    "good.zip",
    "truncated.zip",
];

#[test]
fn verify_writes_the_same_reports() {
    let dir = tempfile::tempdir().unwrap();
    dossiers(dir.path());
    let with = |extra: &[&'static str]| [VERIFY, extra].concat();
    let (status, xml) = run_in(dir.path(), &with(&["--format", "junit"]));
    assert_eq!(status, 1);
    let json = json_in(dir.path(), VERIFY);
    assert_eq!(json["summary"]["ok"], 1);
    check_junit(&xml, &json);
    assert!(xml.contains("classname=\"shenbao.verify\""));

    let (status, text) = run_in(dir.path(), &with(&["--format", "sarif"]));
    assert_eq!(status, 1);
    let log = assert_valid_sarif(&text);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), json_findings(&json).len());
    assert!(results.iter().all(|r| {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "truncated.zip"
    }));

    let (status, _) = run_in(dir.path(), &with(&["--report", "dossiers.html"]));
    assert_eq!(status, 1);
    let html = std::fs::read_to_string(dir.path().join("dossiers.html")).unwrap();
    assert!(html.contains("Dossier verification report"));
    assert!(html.contains("<code>good.zip</code>") && html.contains("truncated.zip"));
}

fn chromium(args: &[&str]) -> Output {
    let profile = tempfile::tempdir().unwrap();
    Command::new("timeout")
        .args([
            "120",
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("chromium is needed for this test (.ci/run installs it): {e}"))
}

#[test]
fn html_report_renders_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    // --report works beside any --format: stdout stays the JUnit document.
    let (status, xml) = run(&[
        "validate",
        "--format",
        "junit",
        "examples",
        "--report",
        report.to_str().unwrap(),
    ]);
    assert_eq!(status, 1);
    roxmltree::Document::parse(&xml).expect("stdout is still JUnit XML");
    let json = json_in(&root(), &["validate", "examples"]);
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"));

    let url = format!("file://{}", report.display());
    let png = dir.path().join("report.png");
    let shot = chromium(&[
        &format!("--screenshot={}", png.display()),
        "--window-size=1280,1600",
        &url,
    ]);
    assert!(
        png.exists(),
        "no screenshot: {}",
        String::from_utf8_lossy(&shot.stderr)
    );
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let size = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    assert_eq!((size(16), size(20)), (1280, 1600));
    // A blank page compresses to a few kilobytes; the report is far busier.
    assert!(
        bytes.len() > 40_000,
        "screenshot only {} bytes",
        bytes.len()
    );

    let dump = chromium(&["--dump-dom", &url]);
    let dom = String::from_utf8_lossy(&dump.stdout);
    assert!(dom.contains("<h1>Declaration check report</h1>"), "{dom}");
    for key in ["checked", "ok", "failed", "errors", "warnings"] {
        let card = format!("<div class=\"card {key}\"><dt>");
        let at = dom.find(&card).unwrap_or_else(|| panic!("no {key} card"));
        let value = format!("<dd>{}</dd>", json["summary"][key]);
        assert!(dom[at..at + 120].contains(&value), "{key}");
    }
    for (path, d) in json_findings(&json) {
        let code = d["code"].as_str().unwrap();
        assert!(
            dom.contains(&format!("href=\"#rule-{code}\">{code}</a>")),
            "{code}"
        );
        assert!(dom.contains(&format!("id=\"rule-{code}\"")), "{code}");
        let place = format!("{path}:{}:{}", d["line"], d["column"]);
        assert!(dom.contains(&place), "{place}");
        let message = d["message"].as_str().unwrap();
        if !message.contains(['`', '&', '<', '>']) {
            assert!(dom.contains(message), "{message}");
        }
    }
    assert!(dom.contains("unknown field <code>applicant.legal_represntative</code>"));
    assert!(dom.contains("did you mean <code>legal_representative</code>?"));

    // In Chinese, with --lang zh.
    let zh = dir.path().join("zh.html");
    run(&[
        "--lang",
        "zh",
        "validate",
        "-q",
        "examples/failing/schema-errors",
        "--report",
        zh.to_str().unwrap(),
    ]);
    let page = std::fs::read_to_string(&zh).unwrap();
    assert!(page.contains("<html lang=\"zh-CN\">") && page.contains("申报文件检查报告"));
    assert!(page.contains("未知字段"));
}

#[test]
fn an_unwritable_report_means_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("missing-folder").join("report.html");
    let output = shenbao()
        .current_dir(root())
        .args(["validate", "examples/city-brain-platform", "--report"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("report.html"));
    assert!(!target.exists());
}
