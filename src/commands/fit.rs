//! `shenbao fit [PATH]`: every category's score for a declaration, with the
//! terms that earned it — the explanation behind C001/C002.

use super::{load_profile, write_stdout, Context, Exit, Failure, Outcome};
use crate::cli::FitArgs;
use crate::inputs::DECLARATION_FILE;
use crate::report::FileResult;
use shenbao_check::rules::category::{evidence, scoring};
use shenbao_load::Document;
use std::fmt::Write as _;
use std::path::PathBuf;

pub fn run(args: &FitArgs, context: Context) -> Outcome {
    let profile = load_profile(&args.profile)?;
    let mut path = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    if path.is_dir() {
        path = path.join(DECLARATION_FILE);
    }
    let display = path.display().to_string();
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
    let cx = shenbao_check::rules::Context {
        value,
        profile: &profile,
        files: shenbao_check::rules::Files::None,
        as_of: profile.deadline().0,
    };
    let texts = scoring::texts(&cx);
    let fits = scoring::all_fits(&profile, &texts);
    let declared = value
        .pointer("/project/category")
        .and_then(|v| profile.category_of(v))
        .map(|c| c.number);
    let best = scoring::best(&fits, declared.unwrap_or(0)).number;
    let mut ranked: Vec<_> = fits.iter().collect();
    ranked.sort_by(|a, b| b.score.cmp(&a.score).then(a.number.cmp(&b.number)));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{display}: {}",
        context.t(
            "类别得分（名称×3，关键词、简介×2，详细内容×1；每词每字段计一次）",
            "category scores (name ×3, keywords and summary ×2, narrative ×1; each term once per field)"
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
        if fit.score > 0 {
            let _ = writeln!(out, "        {}", evidence(fit));
        }
    }
    write_stdout(&out)
}
