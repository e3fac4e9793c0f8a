//! Category fit (C1–C10): score the project's texts against every category's
//! terms; the declared category must be supported, should not be clearly
//! beaten, and must show its hard facets.

pub mod diags;
pub mod scoring;

use super::Context;
use crate::call::lexicon::FacetPhrase;
use crate::call::Category;
use scoring::Fit;
use shenbao_diagnostic::{Diagnostic, Text};

const CATEGORY: &str = "/project/category";

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(declared) = cx.get(CATEGORY).and_then(|v| cx.profile.category_of(v)) else {
        return; // the schema reports an unknown category
    };
    let texts = scoring::texts(cx);
    if texts.is_empty() {
        return;
    }
    let scores = scoring::score(cx.profile, &texts);
    let own = scores.of(declared.number);
    let best_number = scores.best(declared.number);
    let best_score = scores.of(best_number);
    let label = |c: &Category| format!("{}.{}", c.number, c.name);
    if own == 0 {
        // Text alone never blocks a filing: a warning that says which
        // category the words point to, and why.
        let examples: Vec<&str> = declared
            .concepts
            .iter()
            .filter(|c| c.weight >= 3)
            .map(|c| c.concept.as_str())
            .chain(
                declared
                    .terms
                    .iter()
                    .filter(|t| t.weight >= 3)
                    .map(|t| t.term.as_str()),
            )
            .take(6)
            .collect();
        let mut d = Diagnostic::new(
            &diags::UNSUPPORTED,
            Text::new(
                format!(
                    "项目名称、简介、关键词和详细内容中看不出“{}”类的内容（如 {}）",
                    label(declared),
                    examples.join("、")
                ),
                format!(
                    "nothing in the name, summary, keywords or narrative speaks of category {} (such as {})",
                    label(declared),
                    examples.join(", ")
                ),
            ),
        )
        .at(CATEGORY);
        d.clause = clause_of(declared);
        if best_score > 0 {
            let best = scores.fit(best_number);
            let best_category = cx
                .profile
                .category(best_number)
                .expect("scored categories exist");
            d = d.help(Text::new(
                format!(
                    "文字更像 {}：{}。若确属所报类别，请在简介中写明与该类别相关的内容；运行 `shenbao fit` 查看依据",
                    label(best_category),
                    evidence(&best)
                ),
                format!(
                    "the text reads like {}: {}. If the category is right, say in the summary what makes it so; run `shenbao fit` for the evidence",
                    label(best_category),
                    evidence(&best)
                ),
            ));
        }
        out.push(d);
    } else if scoring::clearly_better(best_score, own) && best_number != declared.number {
        let best = scores.fit(best_number);
        let best_category = cx
            .profile
            .category(best_number)
            .expect("scored categories exist");
        let mut d = Diagnostic::new(
            &diags::BETTER_FIT,
            Text::new(
                format!(
                    "更符合 {}: {}（得分 {}，所报 {} 得分 {own}）",
                    label(best_category),
                    evidence(&best),
                    best.score,
                    label(declared),
                ),
                format!(
                    "fits {} better: {} (score {}; declared {} scores {own})",
                    label(best_category),
                    evidence(&best),
                    best.score,
                    label(declared),
                ),
            ),
        )
        .at(CATEGORY)
        .help(Text::new(
            format!(
                "若项目确属所报类别，在简介中写明；否则考虑改报 category: {best_number}。运行 `shenbao fit` 查看各类别得分和依据"
            ),
            format!(
                "if the declared category is right, say why in the summary; otherwise consider category: {best_number}. Run `shenbao fit` for every category's score and evidence"
            ),
        ));
        d.clause = clause_of(declared);
        out.push(d);
    }
    check_facet(cx, declared, &texts, &scores, out);
}

/// Up to five concepts, each with the phrase that first said it, as
/// "测温（体温检测）, 消杀".
pub fn evidence(fit: &Fit) -> String {
    fit.evidence
        .iter()
        .take(5)
        .map(|e| match e.phrases.first() {
            Some(p) if *p != e.concept => format!("{}（{p}）", e.concept),
            _ => e.concept.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The category's clause id (`C7`) as the static string diagnostics carry.
fn clause_of(category: &Category) -> &'static str {
    const CLAUSES: [&str; 10] = ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10"];
    CLAUSES
        .iter()
        .find(|c| **c == category.clause)
        .copied()
        .unwrap_or("C1–C10")
}

fn check_facet(
    cx: &Context,
    declared: &Category,
    texts: &[scoring::FieldText],
    scores: &scoring::Scores,
    out: &mut Vec<Diagnostic>,
) {
    let Some(facet) = cx
        .profile
        .facets
        .iter()
        .position(|f| f.facet == declared.facet)
    else {
        return;
    };
    let rule = &cx.profile.facets[facet];
    // The phrases of the rule were found with the lexicon's (one pass over
    // the texts). An error only where the text says outright that the
    // project has no such thing; the clause that says so is quoted.
    let mut shown = vec![false; rule.requires.len()];
    let mut denial = None;
    for &(said, field, at) in &scores.facets {
        match said {
            FacetPhrase::Shows { facet: f, group } if f == facet => shown[group] = true,
            FacetPhrase::Denies { facet: f } if f == facet && denial.is_none() => {
                denial = Some(clause_around(&texts[field].text, at));
            }
            _ => {}
        }
    }
    let missing: Vec<_> = rule
        .requires
        .iter()
        .zip(&shown)
        .filter(|(_, shown)| !**shown)
        .map(|(group, _)| group)
        .collect();
    if missing.is_empty() && denial.is_none() {
        return;
    }
    let what_zh: Vec<&str> = rule.requires.iter().map(|g| g.what.as_str()).collect();
    let what_en: Vec<&str> = rule.requires.iter().map(|g| g.what_en.as_str()).collect();
    let mut d = match &denial {
        Some(quote) => Diagnostic::new(
            &diags::FACET,
            Text::new(
                format!(
                    "{}.{} 要求项目是{}（{}），但文字写明：“{quote}”",
                    declared.number,
                    declared.name,
                    facet_zh(&declared.facet),
                    what_zh.join("；")
                ),
                format!(
                    "category {} requires {} ({}), but the text says: “{quote}”",
                    declared.number,
                    facet_en(&declared.facet),
                    what_en.join("; ")
                ),
            ),
        )
        .severity(shenbao_diagnostic::Severity::Error)
        .help(Text::new(
            "改报其他类别；或者，若项目确有这些，修改这句话",
            "choose another category; or, if the project does have it, correct that sentence",
        )),
        None => {
            let hints: Vec<&str> = missing
                .iter()
                .flat_map(|g| g.any_of.iter().take(4))
                .map(String::as_str)
                .collect();
            let missing_zh: Vec<&str> = missing.iter().map(|g| g.what.as_str()).collect();
            let missing_en: Vec<&str> = missing.iter().map(|g| g.what_en.as_str()).collect();
            Diagnostic::new(
                &diags::FACET,
                Text::new(
                    format!(
                        "{}.{} 要求项目是{}，但文字中看不出：{}",
                        declared.number,
                        declared.name,
                        facet_zh(&declared.facet),
                        missing_zh.join("；")
                    ),
                    format!(
                        "category {} requires {}, but the text does not show: {}",
                        declared.number,
                        facet_en(&declared.facet),
                        missing_en.join("; ")
                    ),
                ),
            )
            .help(Text::new(
                format!(
                    "在简介或详细内容中写明（如：{}），或改报其他类别",
                    hints.join("、")
                ),
                format!(
                    "say so in the summary or narrative (e.g. {}), or choose another category",
                    hints.join(", ")
                ),
            ))
        }
    }
    .at(CATEGORY);
    d.clause = clause_of(declared);
    out.push(d);
}

/// The clause of `text` around byte `at`: from the last sentence or clause
/// break before it to the next, at most 40 characters.
fn clause_around(text: &str, at: usize) -> String {
    let breaks = |c: char| matches!(c, '，' | '。' | '；' | '！' | '？' | '\n' | ',' | ';');
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| breaks(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..].find(breaks).map_or(text.len(), |i| at + i);
    text[start..end].trim().chars().take(40).collect()
}

fn facet_zh(facet: &str) -> &str {
    match facet {
        "product" => "产品",
        "venue" => "实体体验场馆",
        "platform" => "平台",
        _ => "服务",
    }
}

fn facet_en(facet: &str) -> &str {
    match facet {
        "product" => "a product",
        "venue" => "a physical venue",
        "platform" => "a platform",
        _ => "a service",
    }
}
