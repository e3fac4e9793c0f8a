//! Rendering findings: human (miette), JSON, and the batch reports (JUnit XML,
//! SARIF, HTML). Knows nothing of how they were found.

pub mod batch;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod visible;

use crate::registry::find_rule;
use shenbao_diagnostic::{Diagnostic, Severity};

/// The findings for one input.
#[derive(Debug)]
pub struct FileResult {
    /// The path as the user gave or we found it.
    pub path: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileResult {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    pub fn ok(&self) -> bool {
        self.errors() == 0
    }

    /// The input could not be checked at all (missing, unreadable…).
    pub fn could_not_run(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| find_rule(d.code).is_some_and(|r| r.could_not_run))
    }
}

/// Totals over all inputs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub checked: usize,
    pub ok: usize,
    pub failed: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn add(&mut self, result: &FileResult) {
        self.checked += 1;
        if result.ok() {
            self.ok += 1;
        } else {
            self.failed += 1;
        }
        self.add_findings(result);
    }

    /// Count a result's findings without counting it as a checked file
    /// (findings about a whole set, such as a recommendation's).
    pub fn add_findings(&mut self, result: &FileResult) {
        self.errors += result.errors();
        self.warnings += result.warnings();
    }
}

/// Output format of the commands that print human or JSON output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Compiler-style report for people.
    #[default]
    Human,
    /// One JSON document on stdout (see docs/json-output.md).
    Json,
}

/// Output format of `validate` and `verify`, which also write the batch
/// reports for CI (see docs/reports.md).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum BatchFormat {
    /// Compiler-style report for people.
    #[default]
    Human,
    /// One JSON document on stdout (see docs/json-output.md).
    Json,
    /// JUnit XML on stdout, one test case per input (Jenkins, GitLab CI).
    Junit,
    /// SARIF 2.1.0 on stdout (code-scanning dashboards, IDEs).
    Sarif,
}
