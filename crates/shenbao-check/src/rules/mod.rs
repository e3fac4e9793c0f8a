//! The checks. Each family is a module with its checks and a `diags.rs` that
//! registers its codes; [`check`] runs them all over one loaded document.
//!
//! Families run on whatever parts of the document are present and well-typed,
//! so one run reports everything: a schema error in one field does not hide a
//! late submission date in another.

pub mod attachments;
pub mod category;
pub mod deadline;
pub mod eligibility;
pub mod placeholder;
pub mod project;
pub mod route;
pub mod submission;
pub mod text;

use crate::call::CallProfile;
use crate::date::Date;
use crate::schema::fields::Field;
use serde_json::Value;
use shenbao_diagnostic::{sort_by_position, Diagnostic, Rule, Severity};
use shenbao_load::{pointer, Document};
use std::path::Path;

/// Every family's rules, for the registry.
pub const RULES: &[&[Rule]] = &[
    crate::schema::diags::RULES,
    eligibility::diags::RULES,
    category::diags::RULES,
    deadline::diags::RULES,
    route::diags::RULES,
    submission::diags::RULES,
    project::diags::RULES,
    attachments::diags::RULES,
    text::diags::RULES,
    placeholder::diags::RULES,
];

/// How findings are judged.
#[derive(Clone, Copy, Debug, Default)]
pub struct CheckOptions {
    /// Warnings count as errors.
    pub strict: bool,
    /// The date to judge "has the call closed" by (default: today, Beijing time).
    pub as_of: Option<Date>,
}

/// What every rule sees: the document's value, the call profile, where the
/// declaration's attachments are, and the clock.
pub struct Context<'a> {
    pub value: &'a Value,
    pub profile: &'a CallProfile,
    pub files: Files<'a>,
    pub as_of: Date,
}

/// Where the attachments a declaration lists are looked at.
#[derive(Clone, Copy)]
pub enum Files<'a> {
    /// Nowhere: text not from a file (a test, `fit`).
    None,
    /// On disk, relative to the declaration's folder.
    Folder(&'a Path),
    /// Inside a dossier, as `verify` read them.
    Packed(&'a attachments::packed::PackedFiles),
}

impl<'a> Context<'a> {
    pub fn get(&self, pointer: &str) -> Option<&'a Value> {
        shenbao_load::pointer::lookup(self.value, pointer)
    }

    /// A non-empty string at `pointer`.
    pub fn str(&self, pointer: &str) -> Option<&'a str> {
        self.get(pointer)
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
    }

    pub fn number(&self, pointer: &str) -> Option<f64> {
        self.get(pointer).and_then(Value::as_f64)
    }

    /// A valid `YYYY-MM-DD` date at `pointer`.
    pub fn date(&self, pointer: &str) -> Option<Date> {
        self.str(pointer).and_then(Date::parse)
    }
}

/// A step of the way to a value, kept as borrowed parts: the pointer is only
/// written out for a text that has a finding.
pub(crate) enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

pub(crate) fn pointer_of(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        out.push('/');
        match step {
            Step::Key(key) => pointer::push_escaped(&mut out, key),
            Step::Index(i) => out.push_str(&i.to_string()),
        }
    }
    out
}

/// Visit every scalar of `value` with the field of the schema that
/// describes it, if any: one walk down both.
pub(crate) fn walk_scalars<'a>(
    value: &'a Value,
    field: Option<&'static Field>,
    path: &mut Vec<Step<'a>>,
    visit: &mut impl FnMut(&'a Value, Option<&'static Field>, &[Step<'a>]),
) {
    match value {
        Value::Array(items) => {
            let item_field = field.and_then(Field::items);
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                walk_scalars(item, item_field, path, visit);
                path.pop();
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                path.push(Step::Key(key));
                walk_scalars(item, field.and_then(|f| f.property(key)), path, visit);
                path.pop();
            }
        }
        scalar => visit(scalar, field, path),
    }
}

/// [`walk_scalars`] over a declaration, from the schema's root.
pub(crate) fn each_scalar<'a>(
    value: &'a Value,
    visit: &mut impl FnMut(&'a Value, Option<&'static Field>, &[Step<'a>]),
) {
    walk_scalars(value, Some(Field::declaration()), &mut Vec::new(), visit);
}

/// Findings that a placeholder or a mistyped value at the same place
/// explains (a checksum, a type, a length, a region that is no region): the
/// explanation alone says what to fix. The category fit of a placeholder
/// name or summary means nothing either.
fn suppress_explained(found: &mut Vec<Diagnostic>) {
    let explains = |code: &str| code.starts_with('H') || text::typed::EXPLAINS.contains(&code);
    // A001 names what is wrong with a credit code better than the schema's
    // length or pattern can, but less than a placeholder or full-width digits.
    let pointers = |code: &dyn Fn(&str) -> bool| -> Vec<String> {
        found
            .iter()
            .filter(|d| code(d.code))
            .map(|d| d.pointer.clone())
            .collect()
    };
    let at = pointers(&explains);
    let malformed_at = pointers(&|code| code == "A001");
    if at.is_empty() && malformed_at.is_empty() {
        return;
    }
    let texts_unwritten = found.iter().any(|d| {
        d.code.starts_with('H') && (d.pointer == "/project/name" || d.pointer == "/project/summary")
    });
    found.retain(|d| {
        explains(d.code)
            || !(at.contains(&d.pointer)
                || d.code.starts_with('S') && malformed_at.contains(&d.pointer)
                || texts_unwritten && d.code.starts_with('C'))
    });
}

/// Every finding for one document — loading, schema, the call's rules —
/// located and sorted by position.
pub fn check(document: &Document, profile: &CallProfile, options: CheckOptions) -> Vec<Diagnostic> {
    let files = document.dir.as_deref().map_or(Files::None, Files::Folder);
    check_with(document, profile, options, files)
}

/// [`check`] with the attachments looked at in `files` instead of beside the
/// declaration (`verify` passes the ones inside a dossier).
pub fn check_with(
    document: &Document,
    profile: &CallProfile,
    options: CheckOptions,
    files: Files,
) -> Vec<Diagnostic> {
    let mut found = document.diagnostics.clone();
    if let Some(value) = &document.value {
        found.extend(crate::schema::check(value));
        let (_, offset) = profile.deadline();
        let context = Context {
            value,
            profile,
            files,
            as_of: options
                .as_of
                .unwrap_or_else(|| Date::today_at_offset(offset)),
        };
        found.extend(call_rules(&context));
        suppress_explained(&mut found);
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

/// The call's rules (everything beyond the schema).
pub fn call_rules(context: &Context) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    route::check_call_id(context, &mut found);
    eligibility::check(context, &mut found);
    category::check(context, &mut found);
    deadline::check(context, &mut found);
    route::check(context, &mut found);
    submission::check(context, &mut found);
    project::check(context, &mut found);
    attachments::check(context, &mut found);
    text::check(context, &mut found);
    placeholder::check(context, &mut found);
    found
}
