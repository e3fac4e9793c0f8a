//! Category fit, deterministic and explainable: each category's profile terms
//! are looked up in the project's texts; a term found in a field adds its
//! weight times the field's factor (once per field, however often it recurs,
//! so long texts do not win by repetition).

use crate::call::{CallProfile, Category};
use crate::rules::Context;

/// The texts that describe the project, and how much each one counts.
pub const FIELDS: &[(&str, u32)] = &[
    ("/project/name", 3),
    ("/project/keywords", 2),
    ("/project/summary", 2),
    ("/narrative/background", 1),
    ("/narrative/content", 1),
    ("/narrative/innovation", 1),
    ("/narrative/results", 1),
    ("/narrative/replicability", 1),
];

/// One category's score and the terms that earned it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fit {
    pub number: u32,
    pub score: u32,
    /// Terms found, highest contribution first.
    pub evidence: Vec<(String, u32)>,
}

/// The project's texts, one string per field (keywords joined).
pub fn texts(cx: &Context) -> Vec<(String, u32)> {
    FIELDS
        .iter()
        .filter_map(|(pointer, factor)| {
            let value = cx.get(pointer)?;
            let text = match value {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Array(items) => items
                    .iter()
                    .filter_map(serde_json::Value::as_str)
                    .collect::<Vec<_>>()
                    .join(" "),
                _ => return None,
            };
            Some((text, *factor))
        })
        .collect()
}

/// Which terms each field contains: one pass per field (ASCII
/// case-insensitive, so 5G, VR, APP match however written). Returns, per term
/// id, the sum of the factors of the fields it occurs in.
fn term_factors(profile: &CallProfile, texts: &[(String, u32)]) -> Vec<u32> {
    let index = profile.term_index();
    let mut factors = vec![0u32; index.len()];
    let mut seen = vec![false; index.len()];
    for (text, factor) in texts {
        seen.iter_mut().for_each(|s| *s = false);
        index.for_each_match(text, |id| {
            if !seen[id] {
                seen[id] = true;
                factors[id] += factor;
            }
        });
    }
    factors
}

fn fit_of(category: &Category, factors: &[u32]) -> Fit {
    let mut evidence: Vec<(String, u32)> = category
        .terms
        .iter()
        .zip(factors)
        .filter(|(_, factor)| **factor > 0)
        .map(|(term, factor)| (term.term.clone(), term.weight * factor))
        .collect();
    evidence.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Fit {
        number: category.number,
        score: evidence.iter().map(|(_, s)| s).sum(),
        evidence,
    }
}

/// Every category's fit, in category order.
pub fn all_fits(profile: &CallProfile, texts: &[(String, u32)]) -> Vec<Fit> {
    let factors = term_factors(profile, texts);
    let mut start = 0;
    profile
        .categories
        .iter()
        .map(|category| {
            let fit = fit_of(category, &factors[start..start + category.terms.len()]);
            start += category.terms.len();
            fit
        })
        .collect()
}

/// The best fit; ties go to `prefer` (the declared category), then to the
/// lower number.
pub fn best(fits: &[Fit], prefer: u32) -> &Fit {
    fits.iter()
        .max_by(|a, b| {
            a.score
                .cmp(&b.score)
                .then_with(|| (a.number == prefer).cmp(&(b.number == prefer)))
                .then_with(|| b.number.cmp(&a.number))
        })
        .expect("a profile has categories")
}

/// Is `best` clearly better than `declared`? Half again the score and a
/// margin of at least two distinctive terms found in the summary.
pub fn clearly_better(best: &Fit, declared: &Fit) -> bool {
    best.number != declared.number
        && best.score * 2 >= declared.score * 3
        && best.score >= declared.score + 12
}
