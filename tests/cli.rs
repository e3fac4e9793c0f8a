//! End-to-end behaviour of `shenbao validate` and friends, through the binary.

mod common;

use common::{root, run_json, shenbao, write};
use serde_json::Value;

const PASSING: &[&str] = &[
    "examples/thermal-screening-robot",
    "examples/remote-diagnosis-platform",
    "examples/city-brain-platform",
    "examples/experience-centre",
];

const FAILING: &[&str] = &[
    "examples/failing/schema-errors",
    "examples/failing/types-and-limits",
    "examples/failing/yaml-syntax",
    "examples/failing/every-rule",
];

fn human(args: &[&str], lang: &str) -> (i32, String) {
    let output = shenbao()
        .current_dir(root())
        .args(["--lang", lang, "validate"])
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn passing_examples_pass_with_no_diagnostics() {
    for example in PASSING {
        let (status, json) = run_json(&["validate", &root().join(example).to_string_lossy()]);
        assert_eq!(status, 0, "{example}: {json:#}");
        assert_eq!(json["summary"]["checked"], 1);
        assert_eq!(
            json["results"][0]["diagnostics"],
            Value::Array(vec![]),
            "{example}"
        );
    }
}

#[test]
fn failing_examples_human_output_en() {
    for example in FAILING {
        let (status, out) = human(&[example], "en");
        assert_eq!(status, 1, "{out}");
        insta::assert_snapshot!(
            format!("human_en_{}", example.rsplit('/').next().unwrap()),
            out
        );
    }
}

#[test]
fn failing_examples_human_output_zh() {
    let (status, out) = human(&["examples/failing/schema-errors"], "zh");
    assert_eq!(status, 1);
    insta::assert_snapshot!("human_zh_schema-errors", out);
}

#[test]
fn failing_examples_json_output() {
    for example in FAILING {
        let output = shenbao()
            .current_dir(root())
            .args(["validate", "--format", "json", example])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        let json: Value = serde_json::from_slice(&output.stdout).unwrap();
        insta::assert_json_snapshot!(
            format!("json_{}", example.rsplit('/').next().unwrap()),
            json
        );
    }
}

#[test]
fn a_folder_is_searched_and_one_json_document_sums_it_up() {
    let (status, json) = run_json(&["validate", &root().join("examples").to_string_lossy()]);
    assert_eq!(status, 1);
    let results = json["results"].as_array().unwrap();
    assert_eq!(results.len(), PASSING.len() + FAILING.len());
    let paths: Vec<&str> = results
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "stable, sorted order");
    let summary = &json["summary"];
    assert_eq!(summary["checked"], results.len());
    assert_eq!(summary["ok"], PASSING.len());
    assert_eq!(summary["failed"], FAILING.len());
    let errors: u64 = results.iter().map(|r| r["errors"].as_u64().unwrap()).sum();
    assert_eq!(summary["errors"], errors);
    for result in results {
        for d in result["diagnostics"].as_array().unwrap() {
            for key in [
                "code", "severity", "message", "pointer", "line", "column", "clause",
            ] {
                assert!(d.get(key).is_some(), "{key} missing in {d}");
            }
        }
    }
}

#[test]
fn columns_count_characters_not_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let line = "applicant: {name: 云瞳智能科技有限公司, credit_code: 91330106}";
    let path = write(
        dir.path(),
        "shenbao.yaml",
        format!("schema: 1\n{line}\n").as_bytes(),
    );
    let (_, json) = run_json(&["validate", path.to_str().unwrap()]);
    let d = json["results"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["pointer"] == "/applicant/credit_code")
        .cloned()
        .unwrap();
    let prefix = &line[..line.find("91330106").unwrap()];
    assert_eq!(d["line"], 2);
    assert_eq!(d["column"], prefix.chars().count() + 1);
    let text = std::fs::read(&path).unwrap();
    let offset = d["offset"].as_u64().unwrap() as usize;
    assert_eq!(&text[offset..offset + 8], b"91330106");
}

#[test]
fn jobs_do_not_change_the_report() {
    let examples = root().join("examples");
    let one = shenbao()
        .args(["validate", "--jobs", "1", "--format", "json"])
        .arg(&examples)
        .output()
        .unwrap();
    let many = shenbao()
        .args(["validate", "--jobs", "4", "--format", "json"])
        .arg(&examples)
        .output()
        .unwrap();
    assert_eq!(one.stdout, many.stdout);
}

#[test]
fn a_long_report_keeps_input_order_across_the_slices_it_is_printed_in() {
    // More files than one printed slice (2,048), each with one finding.
    let dir = tempfile::tempdir().unwrap();
    let n = 2_100;
    for i in 0..n {
        let folder = dir.path().join(format!("{i:05}"));
        std::fs::create_dir(&folder).unwrap();
        write(&folder, "shenbao.yaml", b"schema: 1\n");
    }
    let out = shenbao()
        .args(["validate", "-q"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let failed: Vec<&str> = text.lines().filter(|l| l.starts_with('✘')).collect();
    assert_eq!(
        failed.len(),
        n,
        "{}",
        &text[text.len().saturating_sub(300)..]
    );
    for (i, line) in failed.iter().enumerate() {
        assert!(line.contains(&format!("{i:05}")), "line {i}: {line}");
    }
    let summary = format!("checked {n} declaration(s): 0 ok, {n} failed");
    assert!(
        text.lines().last().unwrap().starts_with(&summary),
        "{summary}"
    );
}

#[test]
fn inputs_keep_the_order_of_the_command_line_while_folders_are_walked_ahead() {
    // Folders are walked on their own thread while files are checked; the
    // results still come in command-line order, then walk order.
    let dir = tempfile::tempdir().unwrap();
    for (folder, n) in [("a", 300), ("b", 3)] {
        for i in 0..n {
            let at = dir.path().join(folder).join(format!("{i:03}"));
            std::fs::create_dir_all(&at).unwrap();
            write(&at, "shenbao.yaml", b"schema: 1\n");
        }
    }
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let out = shenbao()
        .current_dir(dir.path())
        .args(["validate", "--format", "json", "b", "missing", "a", "empty"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a missing path: could not run");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    let mut expected: Vec<String> = (0..3).map(|i| format!("b/{i:03}/shenbao.yaml")).collect();
    expected.push("missing".into());
    expected.extend((0..300).map(|i| format!("a/{i:03}/shenbao.yaml")));
    expected.push("empty".into());
    assert_eq!(paths, expected);
    assert_eq!(doc["summary"]["checked"], 305);
}

/// Copy an example folder (declaration and attachments) to `to`.
fn copy_example(example: &str, to: &std::path::Path) {
    let from = root().join(example);
    std::fs::create_dir_all(to.join("attachments")).unwrap();
    std::fs::copy(from.join("shenbao.yaml"), to.join("shenbao.yaml")).unwrap();
    for entry in std::fs::read_dir(from.join("attachments")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join("attachments").join(entry.file_name())).unwrap();
    }
}

#[test]
fn no_progress_bar_when_piped() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..250 {
        copy_example(
            PASSING[i % PASSING.len()],
            &dir.path().join(format!("client-{i:03}")),
        );
    }
    let output = shenbao()
        .args(["validate", "-q"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        stdout.lines().count(),
        1,
        "quiet prints only the summary: {stdout}"
    );
    assert!(stdout.contains("checked 250 declaration(s): 250 ok"));
}

#[test]
fn strict_turns_warnings_into_errors() {
    let dir = tempfile::tempdir().unwrap();
    copy_example(PASSING[0], dir.path());
    let text = std::fs::read_to_string(dir.path().join("shenbao.yaml")).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let path = write(dir.path(), "shenbao.yaml", &gbk);
    let target = path.to_str().unwrap();
    let (status, json) = run_json(&["validate", "--encoding", "auto", target]);
    assert_eq!(status, 0, "{json:#}");
    assert_eq!(json["summary"]["warnings"], 1);
    assert_eq!(json["results"][0]["diagnostics"][0]["code"], "E002");
    let (status, json) = run_json(&["validate", "--encoding", "auto", "--strict", target]);
    assert_eq!(status, 1);
    assert_eq!(json["results"][0]["diagnostics"][0]["severity"], "error");
}

#[test]
fn language_follows_the_locale_unless_given() {
    let example = root().join("examples/failing/yaml-syntax");
    let run = |lang_env: &str| {
        let output = assert_cmd::Command::cargo_bin("shenbao")
            .unwrap()
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("SHENBAO_LANG")
            .env("LANG", lang_env)
            .env("NO_COLOR", "1")
            .arg("validate")
            .arg(&example)
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    assert!(run("zh_CN.UTF-8").contains("YAML 语法错误"));
    assert!(run("en_US.UTF-8").contains("YAML syntax error"));
    assert!(run("C").contains("YAML syntax error"));
}

#[test]
fn color_only_when_asked() {
    let example = root().join("examples/failing/yaml-syntax");
    let plain = shenbao().arg("validate").arg(&example).output().unwrap();
    assert!(
        !plain.stdout.contains(&0x1b),
        "NO_COLOR and a pipe: no escapes"
    );
    let colored = shenbao()
        .args(["--color", "always", "validate"])
        .arg(&example)
        .output()
        .unwrap();
    assert!(colored.stdout.contains(&0x1b));
}

#[test]
fn explain_prints_the_registry_text() {
    let output = shenbao().args(["explain", "S003"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("S003 unknown-field [error]"));
    assert!(
        text.contains("legal_represntative"),
        "bad example shown: {text}"
    );
    let output = shenbao()
        .args(["--lang", "zh", "explain", "unknown-field"])
        .output()
        .unwrap();
    assert!(String::from_utf8(output.stdout)
        .unwrap()
        .contains("未知字段"));
    let output = shenbao().args(["explain", "X999"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr).unwrap().contains("S003"));
}

#[test]
fn schema_prints_the_embedded_schema() {
    let output = shenbao().arg("schema").output().unwrap();
    let printed: Value = serde_json::from_slice(&output.stdout).unwrap();
    let file: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas/declaration.schema.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(printed, file);
    assert_eq!(
        printed["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
}

#[test]
fn init_writes_a_template_editors_understand_and_never_clobbers() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("新项目");
    let output = shenbao().arg("init").arg(&target).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let template = std::fs::read_to_string(target.join("shenbao.yaml")).unwrap();
    assert_eq!(
        template.lines().next(),
        Some("# yaml-language-server: $schema=./shenbao.schema.json")
    );
    assert!(
        template.lines().filter(|l| l.contains('#')).count() > 30,
        "commented fields"
    );
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(target.join("shenbao.schema.json")).unwrap())
            .unwrap();
    assert!(schema["properties"]["applicant"].is_object());
    // The template is well-formed and schema-shaped: what is left are its
    // placeholders, which the call's rules point out (code, commitments…).
    let (status, json) = run_json(&["validate", &target.to_string_lossy()]);
    assert_eq!(status, 1, "placeholders are not a valid application");
    let codes: Vec<&str> = json["results"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.iter().all(|c| !"FEYS".contains(&c[..1])),
        "template problem: {codes:?}"
    );
    assert!(codes.contains(&"A008"), "commitments left false: {codes:?}");
    std::fs::write(target.join("shenbao.yaml"), "edited").unwrap();
    let again = shenbao().arg("init").arg(&target).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(target.join("shenbao.yaml")).unwrap(),
        "edited"
    );
}

#[test]
fn man_page_and_completions_come_from_the_flag_definitions() {
    let man = shenbao().arg("man").output().unwrap();
    let man = String::from_utf8(man.stdout).unwrap();
    assert!(man.contains(".TH shenbao") && man.contains("validate"));
    let bash = shenbao().args(["completions", "bash"]).output().unwrap();
    let bash = String::from_utf8(bash.stdout).unwrap();
    assert!(bash.contains("--strict") && bash.contains("--encoding"));
}

#[test]
fn the_clock_defaults_to_today_and_the_2021_call_has_closed() {
    let example = root().join(PASSING[0]);
    let output = shenbao()
        .env_remove("SHENBAO_AS_OF")
        .args(["validate", "--format", "json"])
        .arg(&example)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "a warning does not fail the run"
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let codes: Vec<&str> = json["results"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["D003"]);
    let strict = shenbao()
        .env_remove("SHENBAO_AS_OF")
        .args(["validate", "--strict"])
        .arg(&example)
        .output()
        .unwrap();
    assert_eq!(
        strict.status.code(),
        Some(1),
        "closed call is an error under --strict"
    );
}

#[test]
fn another_call_profile_can_be_loaded_without_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let embedded = shenbao_check::call::EMBEDDED_2021;
    // A province's variant: an internal deadline before the examples' dates.
    let variant = embedded.replacen(
        "internal_deadlines:",
        "internal_deadlines:\n  - {recommender: 江苏省, date: \"2021-03-10\", source: \"test variant\"}",
        1,
    );
    assert_ne!(variant, embedded);
    let profile = write(dir.path(), "jiangsu.yaml", variant.as_bytes());
    let (status, json) = run_json(&[
        "validate",
        "--call",
        profile.to_str().unwrap(),
        &root().join(PASSING[0]).to_string_lossy(),
    ]);
    assert_eq!(status, 1);
    assert_eq!(json["results"][0]["diagnostics"][0]["code"], "D004");
    // A broken profile stops the run before any declaration is judged.
    let broken = write(
        dir.path(),
        "broken.yaml",
        embedded.replacen("deadline:", "deadlin:", 1).as_bytes(),
    );
    let output = shenbao()
        .args(["validate", "--call"])
        .arg(&broken)
        .arg(root().join(PASSING[0]))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("(F005)"), "{stderr}");
    assert!(stderr.contains("broken.yaml:"), "{stderr}");
}

#[test]
fn call_show_prints_the_active_profile() {
    let output = shenbao().args(["call", "show"]).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("miit-xxxf-2021") && text.contains("2021-03-31"),
        "{text}"
    );
    assert!(text.contains("智能防控创新产品"));
    let raw = shenbao().args(["call", "show", "--raw"]).output().unwrap();
    assert_eq!(
        String::from_utf8(raw.stdout).unwrap(),
        shenbao_check::call::EMBEDDED_2021
    );
}

#[test]
fn fit_explains_the_category_scores() {
    let output = shenbao()
        .arg("fit")
        .arg(root().join(PASSING[0]))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    let first = text.lines().nth(1).unwrap();
    assert!(
        first.contains("7.智能防控创新产品") && first.contains("declared, best"),
        "{text}"
    );
    assert!(text.contains("测温"), "{text}");
}

#[test]
fn one_declaration_breaking_every_rule_gets_every_diagnostic_in_one_run() {
    let example = "examples/failing/every-rule";
    let text = std::fs::read_to_string(root().join(example).join("shenbao.yaml")).unwrap();
    // The header lists the rules the file breaks: `#   K001 call of another year …`.
    let mut listed: Vec<String> = text
        .lines()
        .take_while(|l| l.starts_with('#'))
        .flat_map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .filter(|w| {
            w.len() == 4
                && w.as_bytes()[0].is_ascii_uppercase()
                && w[1..].bytes().all(|b| b.is_ascii_digit())
        })
        .collect();
    listed.sort();
    let output = shenbao()
        .current_dir(root())
        .args([
            "validate",
            "--as-of",
            "2021-04-10",
            "--format",
            "json",
            example,
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let diagnostics = json["results"][0]["diagnostics"].as_array().unwrap();
    let mut found: Vec<String> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    found.sort();
    assert_eq!(found, listed);
    // Each one underlines the value at its pointer.
    let source = text.as_bytes();
    for d in diagnostics {
        let (offset, length) = (
            d["offset"].as_u64().unwrap() as usize,
            d["length"].as_u64().unwrap() as usize,
        );
        let underlined = std::str::from_utf8(&source[offset..offset + length]).unwrap();
        let pointer = d["pointer"].as_str().unwrap();
        let last = pointer.rsplit('/').next().unwrap();
        assert!(!underlined.trim().is_empty(), "{d}");
        if d["code"] == "S003" || d["code"] == "T009" {
            assert_eq!(underlined, last, "{d}");
        }
    }
}

/// Every page the main man page's SEE ALSO names exists: `shenbao man CMD`
/// prints shenbao-CMD(1).
#[test]
fn every_man_page_see_also_names_exists() {
    let main = shenbao().arg("man").output().unwrap();
    assert!(main.status.success());
    let text = String::from_utf8_lossy(&main.stdout).into_owned();
    let named: Vec<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("shenbao\\-"))
        .filter_map(|l| l.strip_suffix("(1)"))
        .map(str::to_string)
        .collect();
    assert!(named.len() >= 10, "{named:?}");
    for command in named {
        let page = shenbao().args(["man", &command]).output().unwrap();
        let page_text = String::from_utf8_lossy(&page.stdout);
        assert!(page.status.success(), "{command}");
        assert!(
            page_text.contains(&format!(".TH shenbao-{command} 1")),
            "{command}: {}",
            &page_text[..page_text.len().min(300)]
        );
    }
}
