//! `shenbao intake DIR|FILE.zip... [--office NAME]`: verify every dossier,
//! check them together, print the ranked table, write the 汇总表.

use super::{load_profile, output_not_written, write_stdout, Context, Exit, Failure, Outcome};
use crate::cli::IntakeArgs;
use crate::report::visible::visible;
use crate::report::{human, json, FileResult, Format, Summary};
use rayon::prelude::*;
use shenbao_diagnostic::{Diagnostic, Lang, Severity, Text};
use shenbao_dossier::{keys, verify::VerifyOptions};
use shenbao_office::intake::{self, table, Arrival};
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

pub fn run(args: &IntakeArgs, context: Context) -> Outcome {
    let profile = load_profile(&args.dossiers.profile)?;
    let inputs = inputs(&args.dossiers.trusted_key, &args.paths)?;
    super::outputs::refuse_intake(args, &inputs.files)?;
    let strict = args.dossiers.strict;
    let human = matches!(args.dossiers.format, Format::Human);
    let style = human::Style {
        lang: context.lang,
        color: context.color,
    };
    // In human output each dossier's own findings are printed as soon as it
    // is verified, in the order given; what only the whole set shows comes
    // after, with the table.
    let mut streamed = Ok(Exit::Ok);
    let mut arrivals = inputs.arrivals_each(&profile, args.dossiers.as_of, context.lang, |a| {
        if strict {
            make_errors(&mut a.diagnostics);
        }
        if human && streamed.is_ok() {
            streamed = write_stdout(&human::render_file(&file_result(a), "", style));
        }
    });
    streamed?;
    let own: Vec<usize> = arrivals.iter().map(|a| a.diagnostics.len()).collect();
    intake::cross_check(&mut arrivals, &profile, args.office.as_deref());
    if strict {
        arrivals
            .iter_mut()
            .for_each(|a| make_errors(&mut a.diagnostics));
    }
    let mut shown = Vec::new();
    if human {
        for (a, own) in arrivals.iter().zip(own) {
            if a.diagnostics.len() > own {
                // Only what the set added: the dossier's own findings were
                // printed as it was verified. (Cut before sorting: sorted, the
                // added ones need not come last.)
                let mut diagnostics = a.diagnostics[own..].to_vec();
                shenbao_diagnostic::sort_by_position(&mut diagnostics);
                let result = FileResult {
                    path: shenbao_diagnostic::shown_path(&a.path),
                    diagnostics,
                };
                shown.push(human::render_file(&result, "", style));
            }
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
        crate::atomic::write(path, &table::csv(&arrivals))
            .map_err(|err| output_not_written(path, &err))?;
    }
    if let Some(path) = &args.pdf {
        let bytes = table::pdf(&arrivals, args.office.as_deref())?;
        crate::atomic::write(path, &bytes).map_err(|err| output_not_written(path, &err))?;
    }
    let report = if human {
        let mut report = render_tail(&arrivals, context);
        report.text.insert_str(0, &shown.concat());
        report
    } else {
        render(&arrivals, None, args.dossiers.format, context)
    };
    write_stdout(&report.text)?;
    Ok(report.exit())
}

fn make_errors(diagnostics: &mut [Diagnostic]) {
    diagnostics
        .iter_mut()
        .for_each(|d| d.severity = Severity::Error);
}

/// One dossier's findings, sorted, as the report shows a file.
fn file_result(arrival: &Arrival) -> FileResult {
    let mut diagnostics = arrival.diagnostics.clone();
    shenbao_diagnostic::sort_by_position(&mut diagnostics);
    FileResult {
        path: shenbao_diagnostic::shown_path(&arrival.path),
        diagnostics,
    }
}

/// What an office's run works on: trusted applicant keys and dossier files.
pub(super) struct Inputs {
    pub trusted: Vec<shenbao_dossier::minisign::PublicKey>,
    pub files: Vec<std::path::PathBuf>,
}

/// The keys of `--trusted-key` (files or folders) and every dossier under
/// `paths`.
pub(super) fn inputs(
    trusted_keys: &[std::path::PathBuf],
    paths: &[std::path::PathBuf],
) -> Result<Inputs, Failure> {
    let trusted = keys::load_trusted(&keys::trusted_key_files(trusted_keys)?)?;
    let files = intake::collect(paths);
    if files.is_empty() {
        let shown: Vec<String> = paths
            .iter()
            .map(|p| shenbao_diagnostic::shown_path(p))
            .collect();
        let shown = shown.join(" ");
        return Err(Failure::cannot_run(
            Diagnostic::new(
                &intake::diags::NO_DOSSIERS,
                Text::new(
                    format!("在 {shown} 中没有找到材料包（*.zip）"),
                    format!("no dossiers (*.zip) in {shown}"),
                ),
            )
            .help(Text::new(
                "给出存放材料包的文件夹或 .zip 文件本身",
                "give the folder that holds the dossiers, or the .zip files themselves",
            )),
        ));
    }
    Ok(Inputs { trusted, files })
}

impl Inputs {
    /// Verify every dossier (in parallel) and read what the tables show.
    pub fn arrivals(
        &self,
        profile: &shenbao_check::call::CallProfile,
        as_of: Option<shenbao_check::date::Date>,
        lang: Lang,
    ) -> Vec<Arrival> {
        self.arrivals_each(profile, as_of, lang, |_| {})
    }

    /// [`Inputs::arrivals`], handing each to `each` in the order given as
    /// soon as it and those before it are done. A few are verified at a time
    /// (two per thread): memory holds those few and what each keeps for
    /// the table, however many files there are.
    pub fn arrivals_each(
        &self,
        profile: &shenbao_check::call::CallProfile,
        as_of: Option<shenbao_check::date::Date>,
        lang: Lang,
        mut each: impl FnMut(&mut Arrival),
    ) -> Vec<Arrival> {
        let options = VerifyOptions {
            trusted: &self.trusted,
            trusted_offices: &[],
            paper_code: None,
            profile,
            as_of,
        };
        let progress = super::validate::progress_bar(
            self.files.len(),
            super::validate::PROGRESS_MIN_DOSSIERS,
            lang,
        );
        let batch = 2 * rayon::current_num_threads().max(1);
        let mut arrivals = Vec::with_capacity(self.files.len());
        for files in self.files.chunks(batch) {
            let mut done: Vec<Arrival> = files
                .par_iter()
                .map(|path| intake::arrival(path, &options))
                .collect();
            for arrival in &mut done {
                progress.inc(1);
                progress.suspend(|| each(arrival));
            }
            arrivals.extend(done);
        }
        progress.finish_and_clear();
        arrivals
    }
}

/// The printed outcome of checking a set of dossiers.
pub(super) struct Report {
    pub text: String,
    pub summary: Summary,
    pub could_not_run: bool,
}

impl Report {
    /// Exit status once `text` was written.
    pub fn exit(&self) -> Exit {
        super::validate::batch_exit(self.could_not_run, self.summary)
    }
}

/// Each dossier's findings (and, first, findings about the whole set under
/// the name `head.path`), the ranked table and the summary line.
pub(super) fn render(
    arrivals: &[Arrival],
    head: Option<FileResult>,
    format: Format,
    context: Context,
) -> Report {
    let (summary, could_not_run) = summarise(head.as_ref(), arrivals.iter().map(file_result));
    let results = results(arrivals, head);
    let text = match format {
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
            text.push_str(&table_and_summary(arrivals, &summary, context.lang));
            text
        }
    };
    Report {
        text,
        summary,
        could_not_run,
    }
}

/// The human report's end, for findings printed already: the ranked table and
/// the summary line (counted dossier by dossier, none kept).
fn render_tail(arrivals: &[Arrival], context: Context) -> Report {
    let (summary, could_not_run) = summarise(None, arrivals.iter().map(file_result));
    Report {
        text: table_and_summary(arrivals, &summary, context.lang),
        summary,
        could_not_run,
    }
}

/// The head (findings about the whole set), then each dossier's.
fn results(arrivals: &[Arrival], head: Option<FileResult>) -> Vec<FileResult> {
    head.into_iter()
        .chain(arrivals.iter().map(file_result))
        .collect()
}

/// Totals: the head's findings (not a dossier), and each dossier's.
fn summarise(
    head: Option<&FileResult>,
    dossiers: impl Iterator<Item = FileResult>,
) -> (Summary, bool) {
    let mut summary = Summary::default();
    let mut could_not_run = false;
    if let Some(head) = head {
        summary.add_findings(head);
        could_not_run |= head.could_not_run();
    }
    for result in dossiers {
        summary.add(&result);
        could_not_run |= result.could_not_run();
    }
    (summary, could_not_run)
}

fn table_and_summary(arrivals: &[Arrival], summary: &Summary, lang: Lang) -> String {
    let mut text = ranked_table(arrivals, lang);
    text.push_str(&human::summary_line_of(
        summary,
        lang,
        ("材料包", "dossier(s)"),
    ));
    text.push('\n');
    text
}

fn ranked_table(arrivals: &[Arrival], lang: Lang) -> String {
    let (headers, accepted, rejected) = match lang {
        Lang::Zh => (["序号", "状态", "推荐单位", "项目名称"], "通过", "未通过："),
        Lang::En => (
            ["no.", "status", "recommender", "project"],
            "accepted",
            "rejected: ",
        ),
    };
    // Names come from applicants' files: escaped, and padded by the columns
    // they take on screen (a Chinese character takes two).
    let rows: Vec<[String; 4]> = arrivals
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let codes = table::error_codes(a);
            let status = if codes.is_empty() {
                accepted.to_string()
            } else {
                format!("{rejected}{}", codes.join(" "))
            };
            [
                (i + 1).to_string(),
                status,
                visible(&a.recommender).into_owned(),
                visible(&a.project).into_owned(),
            ]
        })
        .collect();
    let mut widths = headers.map(UnicodeWidthStr::width);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(headers.map(str::to_string)).chain(rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                line.push_str(&" ".repeat(widths[i] - cell.width() + 2));
            }
        }
        let _ = writeln!(out, "{line}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arrival(project: &str, errors: bool) -> Arrival {
        let diagnostics = if errors {
            vec![shenbao_diagnostic::Diagnostic::new(
                &shenbao_office::intake::diags::OVER_QUOTA,
                shenbao_diagnostic::Text::new("超出", "over"),
            )]
        } else {
            Vec::new()
        };
        Arrival {
            path: "d.zip".into(),
            digest: String::new(),
            project: project.to_string(),
            applicant: String::new(),
            credit_code: String::new(),
            category: String::new(),
            recommender: "江苏省".to_string(),
            kind: None,
            via: None,
            department: None,
            contact: String::new(),
            diagnostics,
        }
    }

    #[test]
    fn hostile_names_are_escaped_and_columns_align_by_display_width() {
        // A hand-made dossier's name: clear the screen, return, and print a fake status.
        let rows = [
            arrival("测温机器人\u{1b}[2J\r通过", true),
            arrival("Plain", false),
        ];
        let table = ranked_table(&rows, Lang::En);
        assert!(!table.contains(['\u{1b}', '\r']), "{table}");
        assert!(table.contains("␛[2J␍"), "{table}");
        assert!(table.contains("rejected: I001"), "{table}");
        // The project column starts at the same screen column on every line.
        let columns: Vec<usize> = table
            .lines()
            .map(|line| {
                let at = line.rfind("  ").unwrap() + 2;
                line[..at].width()
            })
            .collect();
        assert!(columns.windows(2).all(|w| w[0] == w[1]), "{table}");
        let zh = ranked_table(&rows, Lang::Zh);
        assert!(zh.contains("未通过：I001") && zh.contains("通过"), "{zh}");
    }
}
