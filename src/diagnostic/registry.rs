//! Every diagnostic code with its documentation. Each check family keeps its
//! entries beside its code (`diags.rs`); this file only gathers them, so a new
//! rule shows up in `explain`, `docs/rules.md` and the reports by itself.

use super::{Lang, Severity};
use std::fmt::Write as _;
use std::sync::OnceLock;

/// Declares a family's `const fn rule(code, name, severity, text, bad, good)`,
/// fixing the family name and the clause its rules enforce.
#[macro_export]
macro_rules! family_rule {
    ($family:literal, $clause:literal) => {
        const fn rule(
            code: &'static str,
            name: &'static str,
            severity: $crate::diagnostic::Severity,
            text: [&'static str; 4],
            bad: &'static str,
            good: &'static str,
        ) -> $crate::diagnostic::Rule {
            $crate::diagnostic::Rule::new(code, name, severity, $clause, $family, text, bad, good)
        }
    };
}

/// Static documentation of one diagnostic code.
#[derive(Debug)]
pub struct Rule {
    /// Stable code, e.g. `S003`. Never reused for another meaning.
    pub code: &'static str,
    /// Short kebab-case name, e.g. `unknown-field`.
    pub name: &'static str,
    pub severity: Severity,
    /// Clause of the call it enforces (`R1`, `C1`…), empty for format errors.
    pub clause: &'static str,
    /// The check family (module) it belongs to.
    pub family: &'static str,
    /// When this fires, the tool could not check the input at all (exit status 2).
    pub could_not_run: bool,
    pub summary_zh: &'static str,
    pub summary_en: &'static str,
    pub why_zh: &'static str,
    pub why_en: &'static str,
    /// A declaration fragment that triggers the rule…
    pub bad: &'static str,
    /// …and the same fragment corrected.
    pub good: &'static str,
}

impl Rule {
    /// A rule of a check family: `text` is [summary zh, summary en, why zh, why en].
    #[allow(clippy::too_many_arguments)] // a table row, read column by column
    pub const fn new(
        code: &'static str,
        name: &'static str,
        severity: Severity,
        clause: &'static str,
        family: &'static str,
        text: [&'static str; 4],
        bad: &'static str,
        good: &'static str,
    ) -> Rule {
        Rule {
            code,
            name,
            severity,
            clause,
            family,
            could_not_run: false,
            summary_zh: text[0],
            summary_en: text[1],
            why_zh: text[2],
            why_en: text[3],
            bad,
            good,
        }
    }

    pub fn summary(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.summary_zh,
            Lang::En => self.summary_en,
        }
    }

    pub fn why(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.why_zh,
            Lang::En => self.why_en,
        }
    }

    /// Plain-text documentation, as `shenbao explain CODE` prints it.
    pub fn explain(&self, lang: Lang) -> String {
        let mut out = String::new();
        let (sev, clause_label, why, bad, good, none) = match lang {
            Lang::Zh => (
                if self.severity == Severity::Error {
                    "错误"
                } else {
                    "警告"
                },
                "依据条款",
                "原因",
                "错误示例",
                "正确示例",
                "无（格式要求）",
            ),
            Lang::En => (
                self.severity.as_str(),
                "clause",
                "why",
                "bad",
                "good",
                "none (format requirement)",
            ),
        };
        let clause = if self.clause.is_empty() {
            none
        } else {
            self.clause
        };
        let _ = writeln!(
            out,
            "{} {} [{}]: {}",
            self.code,
            self.name,
            sev,
            self.summary(lang)
        );
        let _ = writeln!(out, "{clause_label}: {clause}");
        let _ = writeln!(out, "\n{why}:\n{}", indent(self.why(lang)));
        let _ = writeln!(out, "\n{bad}:\n{}", indent(self.bad));
        let _ = write!(out, "\n{good}:\n{}", indent(self.good));
        out
    }
}

fn indent(text: &str) -> String {
    let mut out = String::new();
    for line in text.trim_end().lines() {
        out.push_str("    ");
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// All registered rules, sorted by code.
pub fn all_rules() -> &'static [&'static Rule] {
    static ALL: OnceLock<Vec<&'static Rule>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<&'static Rule> = crate::declaration::diags::RULES
            .iter()
            .chain(crate::call::diags::RULES)
            .chain(crate::rules::RULES.iter().flat_map(|family| family.iter()))
            .chain(crate::form::diags::RULES)
            .chain(crate::dossier::diags::RULES)
            .chain(crate::intake::diags::RULES)
            .chain(crate::recommend::diags::RULES)
            .collect();
        all.sort_by(|a, b| code_order(a.code).cmp(&code_order(b.code)));
        all
    })
}

/// Families in pipeline order (F, E, Y load; S schema; K call; then the call's
/// rules: A applicant, C category, D deadline, G route, O online, P project,
/// T attachments; M the form; Z the dossier; I intake), then number.
fn code_order(code: &str) -> (usize, &str) {
    let family = "FEYSKACDGOPTMZI".find(&code[..1]).unwrap_or(usize::MAX);
    (family, code)
}

/// Look a rule up by code (case-insensitive) or by name.
pub fn find_rule(code_or_name: &str) -> Option<&'static Rule> {
    all_rules()
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// `docs/rules.md`, generated from the registry (a test keeps the file in sync).
pub fn rules_markdown() -> String {
    let mut out = String::new();
    out.push_str("# shenbao rules / 规则一览\n\n");
    out.push_str(
        "<!-- Generated by `shenbao explain --all --markdown`; do not edit by hand. -->\n\n",
    );
    out.push_str(
        "Every diagnostic shenbao reports has a stable code. `shenbao explain CODE` prints \
         the same text in the terminal (`--lang en|zh`).\n\n",
    );
    out.push_str(
        "| code | name | severity | clause | summary | 说明 |\n|---|---|---|---|---|---|\n",
    );
    for rule in all_rules() {
        let _ = writeln!(
            out,
            "| [{code}](#{anchor}) | {name} | {sev} | {clause} | {en} | {zh} |",
            code = rule.code,
            anchor = rule.code.to_ascii_lowercase(),
            name = rule.name,
            sev = rule.severity.as_str(),
            clause = if rule.clause.is_empty() {
                "—"
            } else {
                rule.clause
            },
            en = rule.summary_en,
            zh = rule.summary_zh,
        );
    }
    for rule in all_rules() {
        let _ = write!(
            out,
            "\n## {code}\n\n**{name}** · {sev} · clause {clause}{fatal}\n\n\
             {en}  \n{zh}\n\n**Why.** {why_en}\n\n**原因。** {why_zh}\n\n\
             Bad / 错误示例:\n\n```yaml\n{bad}\n```\n\nGood / 正确示例:\n\n```yaml\n{good}\n```\n",
            code = rule.code,
            name = rule.name,
            sev = rule.severity.as_str(),
            clause = if rule.clause.is_empty() {
                "—"
            } else {
                rule.clause
            },
            fatal = if rule.could_not_run {
                " · exit status 2 (could not run)"
            } else {
                ""
            },
            en = rule.summary_en,
            zh = rule.summary_zh,
            why_en = rule.why_en,
            why_zh = rule.why_zh,
            bad = rule.bad.trim_end(),
            good = rule.good.trim_end(),
        );
    }
    out
}
