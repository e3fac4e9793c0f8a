//! `--format junit`: JUnit XML for CI servers (Jenkins' JUnit plugin, GitLab's
//! test reports). One `<testsuite>`, one `<testcase>` per input; each error is a
//! `<failure>` (an `<error>` when the input could not be checked at all), and
//! `<system-out>` lists every finding of the input, warnings included, because
//! Jenkins and GitLab show only the first `<failure>` of a test case.

use super::batch::{self, escape, escape_content, Batch};
use super::{FileResult, Summary};
use crate::registry::find_rule;
use std::fmt::Write as _;

/// The whole document, UTF-8, newline-terminated.
pub fn render(results: &[FileResult], summary: Summary, run: Batch<'_>) -> String {
    let lang = run.lang;
    let could_not_run = results.iter().filter(|r| r.could_not_run()).count();
    let suite = escape(&format!("shenbao {}", run.command));
    let counts = format!(
        "tests=\"{}\" failures=\"{}\" errors=\"{could_not_run}\" skipped=\"0\"",
        summary.checked,
        summary.failed.saturating_sub(could_not_run),
    );
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(out, "<testsuites name=\"{suite}\" {counts}>");
    let _ = writeln!(out, "  <testsuite name=\"{suite}\" {counts}>");
    out.push_str("    <properties>\n");
    for (name, value) in [
        ("shenbao.version", env!("CARGO_PKG_VERSION").to_string()),
        ("shenbao.command", run.command.to_string()),
        ("errors", summary.errors.to_string()),
        ("warnings", summary.warnings.to_string()),
    ] {
        let _ = writeln!(
            out,
            "      <property name=\"{name}\" value=\"{}\"/>",
            escape(&value)
        );
    }
    out.push_str("    </properties>\n");
    let classname = format!("shenbao.{}", run.command);
    for result in results {
        let name = escape(&result.path);
        let _ = write!(
            out,
            "    <testcase classname=\"{classname}\" name=\"{name}\" file=\"{name}\""
        );
        if result.diagnostics.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        for diagnostic in result.diagnostics.iter().filter(|d| d.is_error()) {
            let element = if find_rule(diagnostic.code).is_some_and(|r| r.could_not_run) {
                "error"
            } else {
                "failure"
            };
            let message = format!(
                "{}: {}",
                batch::place(result, diagnostic),
                diagnostic.message.get(lang)
            );
            let _ = writeln!(
                out,
                "      <{element} type=\"{}\" message=\"{}\">{}</{element}>",
                escape(diagnostic.code),
                escape(&message),
                escape_content(&batch::finding_text(result, diagnostic, lang)),
            );
        }
        let listing: Vec<String> = result
            .diagnostics
            .iter()
            .map(|d| batch::finding_text(result, d, lang))
            .collect();
        let _ = writeln!(
            out,
            "      <system-out>{}\n</system-out>",
            escape_content(&listing.join("\n\n"))
        );
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
