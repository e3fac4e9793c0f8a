//! `--format sarif`: one SARIF 2.1.0 log (OASIS) on stdout, for code-scanning
//! dashboards and editors. Every registered rule is listed under
//! `tool.driver.rules`; each finding is a result pointing at the input, with
//! line and *character* column (`run.columnKind` = `unicodeCodePoints`). Our
//! byte offsets are not SARIF's character offsets, so they are left out.

use super::batch::Batch;
use super::FileResult;
use crate::registry::all_rules;
use serde_json::{json, Map, Value};
use shenbao_diagnostic::{Diagnostic, Lang, Rule};

/// The `$schema` the log declares: the `$id` of the OASIS schema it is valid
/// against (tests/fixtures/sarif-schema-2.1.0.json).
pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The whole log, pretty-printed, newline-terminated.
pub fn render(results: &[FileResult], run: Batch<'_>) -> String {
    let lang = run.lang;
    let rules = all_rules();
    let mut sarif_results = Vec::new();
    for result in results {
        for diagnostic in &result.diagnostics {
            sarif_results.push(result_json(result, diagnostic, rules, lang));
        }
    }
    let could_not_run = results.iter().any(FileResult::could_not_run);
    let log = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "shenbao",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules.iter().map(|r| rule_json(r, lang)).collect::<Vec<_>>(),
                }
            },
            "invocations": [{
                "executionSuccessful": !could_not_run,
                "properties": { "command": run.command },
            }],
            "language": match lang { Lang::Zh => "zh-CN", Lang::En => "en" },
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&log).expect("SARIF serialises");
    text.push('\n');
    text
}

fn rule_json(rule: &Rule, lang: Lang) -> Value {
    let (bad, good) = match lang {
        Lang::Zh => ("错误示例", "正确示例"),
        Lang::En => ("Bad", "Good"),
    };
    let (bad_text, good_text) = (rule.bad.trim_end(), rule.good.trim_end());
    let help_text = format!(
        "{}\n\n{bad}:\n{bad_text}\n\n{good}:\n{good_text}\n",
        rule.why(lang)
    );
    let help_markdown = format!(
        "{}\n\n{bad}:\n\n```\n{bad_text}\n```\n\n{good}:\n\n```\n{good_text}\n```\n",
        rule.why(lang)
    );
    let mut properties = Map::new();
    properties.insert("clause".into(), rule.clause.into());
    properties.insert("family".into(), rule.family.into());
    if rule.could_not_run {
        properties.insert("couldNotRun".into(), true.into());
    }
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": { "text": rule.summary(lang) },
        "fullDescription": { "text": rule.why(lang) },
        "help": { "text": help_text, "markdown": help_markdown },
        "defaultConfiguration": { "level": rule.severity.as_str() },
        "properties": properties,
    })
}

fn result_json(result: &FileResult, diagnostic: &Diagnostic, rules: &[&Rule], lang: Lang) -> Value {
    let mut physical = Map::new();
    physical.insert(
        "artifactLocation".into(),
        json!({ "uri": artifact_uri(&result.path) }),
    );
    if let Some(l) = diagnostic.location.filter(|l| l.line > 0 && l.column > 0) {
        physical.insert(
            "region".into(),
            json!({ "startLine": l.line, "startColumn": l.column }),
        );
    }
    let mut out = Map::new();
    out.insert("ruleId".into(), diagnostic.code.into());
    if let Some(index) = rules.iter().position(|r| r.code == diagnostic.code) {
        out.insert("ruleIndex".into(), index.into());
    }
    out.insert("level".into(), diagnostic.severity.as_str().into());
    out.insert(
        "message".into(),
        json!({ "text": diagnostic.message.get(lang) }),
    );
    out.insert(
        "locations".into(),
        json!([{ "physicalLocation": physical }]),
    );
    let mut properties = Map::new();
    properties.insert("pointer".into(), diagnostic.pointer.as_str().into());
    if let Some(help) = &diagnostic.help {
        properties.insert("help".into(), help.get(lang).into());
    }
    if !diagnostic.clause.is_empty() {
        properties.insert("clause".into(), diagnostic.clause.into());
    }
    out.insert("properties".into(), properties.into());
    Value::Object(out)
}

/// The input's path as a URI reference (RFC 3986): forward slashes, and every
/// byte outside the unreserved and sub-delimiter sets percent-encoded (so CJK
/// names and spaces are `%E7%94%B3…`, `%20`). A relative path stays relative;
/// an absolute one becomes a `file:` URI.
pub fn artifact_uri(path: &str) -> String {
    let path = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 3
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && bytes[2] == b'/'
        && cfg!(windows);
    let (prefix, rest) = if drive {
        (format!("file:///{}:", &path[..1]), &path[2..])
    } else if path.starts_with('/') {
        (String::from("file://"), path.as_str())
    } else {
        (String::new(), path.as_str())
    };
    let mut out = prefix;
    for &b in rest.as_bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
                    | b'/'
            );
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::artifact_uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            artifact_uri("examples/a b/shenbao.yaml"),
            "examples/a%20b/shenbao.yaml"
        );
        assert_eq!(artifact_uri("申报/x.yaml"), "%E7%94%B3%E6%8A%A5/x.yaml");
        assert_eq!(artifact_uri("c:d/100%.yaml"), "c%3Ad/100%25.yaml");
        assert_eq!(artifact_uri("/tmp/x.zip"), "file:///tmp/x.zip");
        assert_eq!(artifact_uri("./x#1.zip"), "./x%231.zip");
    }
}
