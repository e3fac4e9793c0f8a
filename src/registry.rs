//! Every diagnostic code with its documentation, gathered here at the top from
//! the check families' own lists (each family keeps its rules beside its code
//! in a `diags.rs`), so a new rule shows up in `explain`, `docs/rules.md` and
//! the reports by itself, and no library crate needs to know the others.

use shenbao_diagnostic::Rule;
use std::sync::OnceLock;

/// The families outside `shenbao_check`'s own list of check families.
const LOADING: &[&[Rule]] = &[
    shenbao_load::diags::RULES,
    crate::diags::RULES,
    shenbao_check::call::diags::RULES,
];
const OUTPUTS: &[&[Rule]] = &[
    shenbao_pdf::diags::RULES,
    shenbao_form::diags::RULES,
    shenbao_dossier::diags::RULES,
    shenbao_office::intake::diags::RULES,
    shenbao_office::recommend::diags::RULES,
];

/// All registered rules, sorted by code.
pub fn all_rules() -> &'static [&'static Rule] {
    static ALL: OnceLock<Vec<&'static Rule>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<&'static Rule> = LOADING
            .iter()
            .chain(shenbao_check::rules::RULES)
            .chain(OUTPUTS)
            .flat_map(|family| family.iter())
            .collect();
        all.sort_by(|a, b| code_order(a.code).cmp(&code_order(b.code)));
        all
    })
}

/// Families in pipeline order (F, E, Y load; S schema; U characters; K call; then the call's
/// rules: A applicant, C category, D deadline, G route, O online, P project,
/// T attachments; M the form; Z the dossier; I intake), then number.
fn code_order(code: &str) -> (usize, &str) {
    let family = "FEYSUKACDGOPTMZI".find(&code[..1]).unwrap_or(usize::MAX);
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
    shenbao_diagnostic::rules_markdown(all_rules())
}
