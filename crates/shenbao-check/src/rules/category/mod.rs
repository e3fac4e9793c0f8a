//! Category fit (C1–C10): score the project's texts against every category's
//! terms; the declared category must be supported, should not be clearly
//! beaten, and must show its hard facets.

pub mod diags;
pub mod scoring;

use super::Context;
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
    let fits = scoring::all_fits(cx.profile, &texts);
    let own = &fits[declared.number as usize - 1];
    let best = scoring::best(&fits, declared.number);
    let label = |c: &Category| format!("{}.{}", c.number, c.name);
    if own.score == 0 {
        let examples: Vec<&str> = declared
            .terms
            .iter()
            .filter(|t| t.weight >= 3)
            .take(6)
            .map(|t| t.term.as_str())
            .collect();
        let mut d = Diagnostic::new(
            &diags::UNSUPPORTED,
            Text::new(
                format!(
                    "项目名称、简介、关键词和详细内容中找不到“{}”类的任何特征词（如 {}）",
                    label(declared),
                    examples.join("、")
                ),
                format!(
                    "nothing in the name, summary, keywords or narrative supports category {} (terms such as {})",
                    label(declared),
                    examples.join(", ")
                ),
            ),
        )
        .at(CATEGORY);
        d.clause = clause_of(declared);
        if best.score > 0 {
            let best_category = cx
                .profile
                .category(best.number)
                .expect("scored categories exist");
            d = d.help(Text::new(
                format!("更符合 {}：{}", label(best_category), evidence(best)),
                format!("fits {} better: {}", label(best_category), evidence(best)),
            ));
        }
        out.push(d);
    } else if scoring::clearly_better(best, own) {
        let best_category = cx
            .profile
            .category(best.number)
            .expect("scored categories exist");
        let mut d = Diagnostic::new(
            &diags::BETTER_FIT,
            Text::new(
                format!(
                    "更符合 {}: {}（得分 {}，所报 {} 得分 {}）",
                    label(best_category),
                    evidence(best),
                    best.score,
                    label(declared),
                    own.score
                ),
                format!(
                    "fits {} better: {} (score {}; declared {} scores {})",
                    label(best_category),
                    evidence(best),
                    best.score,
                    label(declared),
                    own.score
                ),
            ),
        )
        .at(CATEGORY)
        .help(Text::new(
            format!(
                "考虑改报 category: {}；运行 `shenbao fit` 查看各类别得分",
                best.number
            ),
            format!(
                "consider category: {}; run `shenbao fit` for every category's score",
                best.number
            ),
        ));
        d.clause = clause_of(declared);
        out.push(d);
    }
    check_facet(cx, declared, &texts, out);
}

/// Up to five evidence terms, as "测温, 消杀, 机器人".
pub fn evidence(fit: &Fit) -> String {
    fit.evidence
        .iter()
        .take(5)
        .map(|(t, _)| t.as_str())
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
    texts: &[(String, u32)],
    out: &mut Vec<Diagnostic>,
) {
    let Some(rule) = cx.profile.facets.iter().find(|f| f.facet == declared.facet) else {
        return;
    };
    let missing: Vec<_> = rule
        .requires
        .iter()
        .filter(|group| {
            !group
                .any_of
                .iter()
                .any(|term| texts.iter().any(|(text, _)| text.contains(term.as_str())))
        })
        .collect();
    if missing.is_empty() {
        return;
    }
    let what_zh: Vec<&str> = missing.iter().map(|g| g.what.as_str()).collect();
    let what_en: Vec<&str> = missing.iter().map(|g| g.what_en.as_str()).collect();
    let hints: Vec<&str> = missing
        .iter()
        .flat_map(|g| g.any_of.iter().take(4))
        .map(String::as_str)
        .collect();
    let mut d = Diagnostic::new(
        &diags::FACET,
        Text::new(
            format!(
                "{}.{} 要求项目是{}，但文字中看不出：{}",
                declared.number,
                declared.name,
                facet_zh(&declared.facet),
                what_zh.join("；")
            ),
            format!(
                "category {} requires {}, but the text does not show: {}",
                declared.number,
                facet_en(&declared.facet),
                what_en.join("; ")
            ),
        ),
    )
    .at(CATEGORY)
    .help(Text::new(
        format!(
            "在简介或详细内容中写明（如：{}），或改报其他类别",
            hints.join("、")
        ),
        format!(
            "say so in the summary or narrative (e.g. {}), or choose another category",
            hints.join(", ")
        ),
    ));
    d.clause = clause_of(declared);
    out.push(d);
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
