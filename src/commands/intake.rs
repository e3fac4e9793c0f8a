//! `shenbao intake DIR|FILE.zip... [--office NAME]`: verify every dossier,
//! check them together, print the ranked table, write the 汇总表.

use super::{load_profile, write_stdout, Context, EXIT_CANNOT_RUN, EXIT_OK, EXIT_PROBLEMS};
use crate::cli::IntakeArgs;
use crate::diagnostic::{Lang, Severity};
use crate::dossier::{keys, verify::VerifyOptions};
use crate::intake::{self, table, Arrival};
use crate::report::{human, json, FileResult, Format, Summary};
use rayon::prelude::*;
use std::fmt::Write as _;

pub fn run(args: &IntakeArgs, context: Context) -> i32 {
    let Some(profile) = load_profile(&args.profile, context) else {
        return EXIT_CANNOT_RUN;
    };
    let mut key_files = Vec::new();
    if let Some(dir) = &args.trusted_keys {
        let Ok(entries) = std::fs::read_dir(dir) else {
            eprintln!("shenbao: {}: not a readable folder", dir.display());
            return EXIT_CANNOT_RUN;
        };
        key_files = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "pub"))
            .collect();
        key_files.sort();
    }
    let (trusted, trusted_ids) = match keys::load_trusted(&key_files) {
        Ok(trusted) => trusted,
        Err(err) => {
            eprintln!("shenbao: {err}");
            return EXIT_CANNOT_RUN;
        }
    };
    let files = intake::collect(&args.paths);
    if files.is_empty() {
        eprintln!(
            "{}",
            context.t(
                "shenbao: 没有找到材料包（*.zip）",
                "shenbao: no dossiers (*.zip) found"
            )
        );
        return EXIT_CANNOT_RUN;
    }
    let options = VerifyOptions {
        trusted: &trusted,
        trusted_ids: &trusted_ids,
        paper_code: None,
        profile: &profile,
        as_of: args.as_of,
    };
    let mut arrivals: Vec<Arrival> = files
        .par_iter()
        .map(|path| intake::arrival(path, &options))
        .collect();
    intake::cross_check(&mut arrivals, &profile, args.office.as_deref());
    if args.strict {
        for a in &mut arrivals {
            a.diagnostics
                .iter_mut()
                .for_each(|d| d.severity = Severity::Error);
        }
    }
    // Ranked: accepted first, then by recommending body, category and project.
    arrivals.sort_by(|a, b| {
        b.ok()
            .cmp(&a.ok())
            .then_with(|| a.recommender.cmp(&b.recommender))
            .then_with(|| a.category.cmp(&b.category))
            .then_with(|| a.project.cmp(&b.project))
    });
    if let Some(path) = &args.csv {
        if let Err(err) = crate::atomic::write(path, &table::csv(&arrivals)) {
            eprintln!("shenbao: {}: {err}", path.display());
            return EXIT_CANNOT_RUN;
        }
    }
    if let Some(path) = &args.pdf {
        let written = table::pdf(&arrivals, args.office.as_deref())
            .map_err(std::io::Error::other)
            .and_then(|bytes| crate::atomic::write(path, &bytes));
        if let Err(err) = written {
            eprintln!("shenbao: {}: {err}", path.display());
            return EXIT_CANNOT_RUN;
        }
    }
    let mut summary = Summary::default();
    let mut could_not_run = false;
    let results: Vec<FileResult> = arrivals
        .iter()
        .map(|a| {
            let mut diagnostics = a.diagnostics.clone();
            crate::diagnostic::sort_by_position(&mut diagnostics);
            FileResult {
                path: a.path.display().to_string(),
                diagnostics,
            }
        })
        .collect();
    for result in &results {
        summary.add(result);
        could_not_run |= result.could_not_run();
    }
    let text = match args.format {
        Format::Json => json::render(&results, summary, context.lang),
        Format::Human => {
            let style = human::Style {
                lang: context.lang,
                color: context.color,
            };
            let mut text = String::new();
            for result in &results {
                text.push_str(&human::render_file(result, "", style));
            }
            text.push_str(&ranked_table(&arrivals, context.lang));
            text.push_str(&human::summary_line_of(
                &summary,
                context.lang,
                ("材料包", "dossier(s)"),
            ));
            text.push('\n');
            text
        }
    };
    let written = write_stdout(&text);
    if written != EXIT_OK || could_not_run {
        EXIT_CANNOT_RUN
    } else if summary.errors > 0 {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    }
}

fn ranked_table(arrivals: &[Arrival], lang: Lang) -> String {
    let mut out = String::new();
    let header = match lang {
        Lang::Zh => "序号  状态                推荐单位        项目名称",
        Lang::En => "no.   status              recommender     project",
    };
    let _ = writeln!(out, "{header}");
    for (i, a) in arrivals.iter().enumerate() {
        let _ = writeln!(
            out,
            "{:<5} {:<19} {:<15} {}",
            i + 1,
            table::status(a),
            a.recommender,
            a.project
        );
    }
    out
}
