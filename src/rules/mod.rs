//! The checks. Each family is a module with its checks and a `diags.rs` that
//! registers its codes; [`check`] runs them all over one loaded document.

pub mod schema;

use crate::declaration::Document;
use crate::diagnostic::{sort_by_position, Diagnostic, Severity};

/// How findings are judged.
#[derive(Clone, Copy, Debug, Default)]
pub struct CheckOptions {
    /// Warnings count as errors.
    pub strict: bool,
}

/// Every finding for one document — loading, schema, rules — located and
/// sorted by position.
pub fn check(document: &Document, options: CheckOptions) -> Vec<Diagnostic> {
    let mut found = document.diagnostics.clone();
    if let Some(value) = &document.value {
        found.extend(schema::check(value));
    }
    document.resolve(&mut found);
    if options.strict {
        for diagnostic in &mut found {
            diagnostic.severity = Severity::Error;
        }
    }
    sort_by_position(&mut found);
    found
}
