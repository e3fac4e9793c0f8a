//! `shenbao fit [PATH]`: every category's score for a declaration, with the
//! concepts that earned it and the phrases they were found as — the
//! explanation behind C001/C002. `--format json` gives the same.

use super::{load_profile, write_stdout, Context, Exit, Failure, Outcome};
use crate::cli::FitArgs;
use crate::inputs::DECLARATION_FILE;
use crate::report::visible::visible;
use crate::report::{FileResult, Format};
use serde::Serialize;
use shenbao_check::call::CallProfile;
use shenbao_check::rules::category::scoring::{self, Evidence, Fit};
use shenbao_diagnostic::Lang;
use shenbao_load::Document;
use std::fmt::Write as _;
use std::path::PathBuf;

pub fn run(args: &FitArgs, context: Context) -> Outcome {
    let profile = load_profile(&args.profile)?;
    let mut path = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    if path.is_dir() {
        path = path.join(DECLARATION_FILE);
    }
    let display = shenbao_diagnostic::shown_path(&path);
    let document = Document::load_file(&path, &display, Default::default())
        .map_err(|diagnostic| Failure::cannot_run(*diagnostic))?;
    let Some(value) = &document.value else {
        // Loading said why (YAML, encoding); nothing can be scored.
        let mut diagnostics = document.diagnostics.clone();
        document.resolve(&mut diagnostics);
        let result = FileResult {
            path: display,
            diagnostics,
        };
        return Err(
            Failure::new(Exit::CannotRun, result, document.source.text.clone()).closing(
                "✘ 文件无法解析，未计算类别得分；修正后再运行 shenbao fit",
                "✘ the file cannot be parsed, so nothing was scored; fix it and run shenbao fit again",
            ),
        );
    };
    let scoring::Ranking {
        ranked,
        declared,
        best,
    } = scoring::rank(value, &profile);
    let ranked: Vec<&Fit> = ranked.iter().collect();
    let text = match args.format {
        Format::Json => json(&display, &profile, &ranked, declared, best),
        Format::Human => human(&display, &profile, &ranked, declared, best, context),
    };
    write_stdout(&text)
}

/// The ranked categories, each with the concepts that earned its score and
/// the phrases they were found as.
fn human(
    display: &str,
    profile: &CallProfile,
    ranked: &[&Fit],
    declared: Option<u32>,
    best: u32,
    context: Context,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {}",
        visible(display),
        context.t(
            "类别得分（每个概念每字段计一次：名称×3，关键词、简介×2，详细内容×1，名称末尾的概念再加一次，再乘概念权重）",
            "category scores (each concept once per field: name ×3, keywords and summary ×2, narrative ×1, the concept the name ends in once more, times the concept's weight)"
        )
    );
    for fit in ranked {
        let category = profile
            .category(fit.number)
            .expect("scored categories exist");
        let marks = match (Some(fit.number) == declared, fit.number == best) {
            (true, true) => context.t("← 所报，最佳", "← declared, best"),
            (true, false) => context.t("← 所报", "← declared"),
            (false, true) => context.t("← 最佳", "← best"),
            _ => "",
        };
        let _ = writeln!(
            out,
            "{:>4}  {:>2}.{} {marks}",
            fit.score, fit.number, category.name
        );
        for evidence in fit.evidence.iter().take(8) {
            let name = match context.lang {
                Lang::En if !evidence.concept_en.is_empty() => {
                    format!("{} ({})", evidence.concept, evidence.concept_en)
                }
                _ => evidence.concept.clone(),
            };
            let head = if evidence.head {
                context.t("（名称末尾）", " (the name ends in it)")
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "{:>10}  {name} ← {}{head}",
                evidence.score,
                evidence.phrases.join(context.t("、", ", "))
            );
        }
        if fit.evidence.len() > 8 {
            let more = fit.evidence.len() - 8;
            let _ = writeln!(
                out,
                "{:>10}  {}",
                "",
                match context.lang {
                    Lang::Zh => format!("……另有 {more} 个概念"),
                    Lang::En => format!("… and {more} more concepts"),
                }
            );
        }
    }
    out
}

#[derive(Serialize)]
struct FitJson<'a> {
    path: &'a str,
    declared: Option<u32>,
    best: u32,
    categories: Vec<CategoryJson<'a>>,
}

#[derive(Serialize)]
struct CategoryJson<'a> {
    number: u32,
    name: &'a str,
    score: u32,
    concepts: &'a [Evidence],
}

fn json(
    display: &str,
    profile: &CallProfile,
    ranked: &[&Fit],
    declared: Option<u32>,
    best: u32,
) -> String {
    let output = FitJson {
        path: display,
        declared,
        best,
        categories: ranked
            .iter()
            .map(|fit| CategoryJson {
                number: fit.number,
                name: profile.category(fit.number).map_or("", |c| c.name.as_str()),
                score: fit.score,
                concepts: &fit.evidence,
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&output).expect("fit serialises");
    text.push('\n');
    text
}
