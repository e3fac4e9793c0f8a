//! `shenbao validate PATH...`: check every declaration, in parallel, and
//! report like a compiler, or as JSON, JUnit XML or SARIF, and optionally as
//! an HTML page too (docs/reports.md).

use super::outputs::Target;
use super::{output_not_written, write_stdout, Context, Exit, Failure, Outcome};
use crate::cli::ValidateArgs;
use crate::diags;
use crate::inputs::{self, Input};
use crate::report::batch::Batch;
use crate::report::{html, human, json, junit, sarif, BatchFormat, FileResult, Summary};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use rayon::prelude::*;
use shenbao_check::call::CallProfile;
use shenbao_check::date::Date;
use shenbao_check::rules::CheckOptions;
use shenbao_diagnostic::{Diagnostic, Lang, Text};
use shenbao_load::{Document, LoadOptions};
use std::path::{Path, PathBuf};

/// Below this many files a progress bar is only flicker.
const PROGRESS_MIN_FILES: usize = 200;

/// Below this many dossiers there is no progress bar (each takes a moment:
/// every byte is hashed). For verify, intake and recommend.
pub const PROGRESS_MIN_DOSSIERS: usize = 20;

/// Files checked (in parallel) between two writes of the human report. The
/// first slice is smaller, so that checking starts soon while the walk goes on.
const SLICE: usize = 2048;
const FIRST_SLICE: usize = 256;

/// Check one input: the findings, and their rendering when people will read them.
pub fn check_input(
    input: &Input,
    profile: &CallProfile,
    load: LoadOptions,
    check: CheckOptions,
    style: Option<human::Style>,
) -> (FileResult, String) {
    match input {
        Input::Unusable {
            display,
            diagnostic,
        } => {
            let result = FileResult {
                path: display.clone(),
                diagnostics: vec![diagnostic.clone()],
            };
            let text = style.map_or_else(String::new, |s| human::render_file(&result, "", s));
            (result, text)
        }
        Input::File { path, display } => {
            let (diagnostics, document) = match Document::load_file(path, display, load) {
                Ok(document) => (
                    super::check_declaration(&document, profile, check),
                    Some(document),
                ),
                Err(diagnostic) => (vec![*diagnostic], None),
            };
            let result = FileResult {
                path: display.clone(),
                diagnostics,
            };
            let text = match (style, &document) {
                (Some(_), _) if result.diagnostics.is_empty() => String::new(),
                (Some(s), Some(doc)) => human::render_file(&result, &doc.source.text, s),
                (Some(s), None) => human::render_file(&result, "", s),
                (None, _) => String::new(),
            };
            (result, text)
        }
    }
}

pub fn run(args: &ValidateArgs, context: Context) -> Outcome {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let profile = super::load_profile(&args.profile)?;
    let profile = &*profile;
    if args.fix || args.diff {
        super::fix::run(&paths, args.diff, context.lang)?;
    }
    let load = LoadOptions {
        encoding: args.encoding.into(),
    };
    let check = CheckOptions {
        strict: args.strict,
        as_of: args.as_of,
    };
    let style = (args.format == BatchFormat::Human).then_some(human::Style {
        lang: context.lang,
        color: context.color,
    });

    let pool = match args.jobs {
        Some(jobs) => match rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(jobs))
            .build()
        {
            Ok(pool) => Some(pool),
            Err(err) => return Err(cannot_start(jobs, &err)),
        },
        None => None,
    };
    // Hidden until enough files are found to be worth a bar.
    let progress = progress_bar(0, PROGRESS_MIN_FILES, context.lang);
    let mut progress_shown = false;
    // The report page must not replace a declaration or attachment it reports
    // on: each input is compared with the target as it is checked.
    let report_target = args.report.as_deref().map(Target::new).transpose()?;
    let report_over_input: std::sync::Mutex<Option<Failure>> = std::sync::Mutex::new(None);
    let check_slice = |slice: &[Input]| -> Vec<(FileResult, String)> {
        let work = || {
            slice
                .par_iter()
                .map(|input| {
                    let out = check_input(input, profile, load, check, style);
                    if let (Some(target), Input::File { path, .. }) = (&report_target, input) {
                        if let Err(failure) = target.refuse_input(path, ("申报文件", "declaration"))
                        {
                            *report_over_input.lock().expect("not poisoned") = Some(failure);
                        }
                    }
                    progress.inc(1);
                    out
                })
                .collect()
        };
        match &pool {
            Some(pool) => pool.install(work),
            None => work(),
        }
    };

    // People's reports are printed slice by slice, in input order, as soon as
    // each slice is checked: memory stays flat however many files there are.
    // The machine formats and the HTML page need every result, so only they
    // keep them.
    let keep_results = style.is_none() || args.report.is_some();
    let mut results = Vec::new();
    let mut summary = Summary::default();
    let mut could_not_run = false;
    let mut stdout_failure: Option<Failure> = None;
    let mut check_and_report = |slice: &[Input]| {
        let mut text = String::new();
        for (result, rendered) in check_slice(slice) {
            summary.add(&result);
            could_not_run |= result.could_not_run();
            if let Some(style) = style.filter(|_| !(args.quiet && result.diagnostics.is_empty())) {
                text.push_str(&rendered);
                text.push_str(&human::status_line(&result, style));
                text.push('\n');
            }
            if keep_results {
                results.push(result);
            }
        }
        if !text.is_empty() && stdout_failure.is_none() {
            stdout_failure = progress.suspend(|| write_stdout(&text)).err();
        }
    };
    // The walk runs on its own thread, a slice ahead of the checks: it takes
    // a fifth of the time the checks do and would otherwise run before them,
    // on one core, holding every path at once.
    let (sender, slices) = std::sync::mpsc::sync_channel::<Vec<Input>>(2);
    let paths = &paths;
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut size = FIRST_SLICE;
            let mut slice = Vec::with_capacity(size);
            inputs::for_each(paths, |input| {
                slice.push(input);
                if slice.len() == size {
                    size = (size * 2).min(SLICE);
                    let full = std::mem::replace(&mut slice, Vec::with_capacity(size));
                    // The receiver reads until the walk ends: a send cannot fail.
                    let _ = sender.send(full);
                }
            });
            if !slice.is_empty() {
                let _ = sender.send(slice);
            }
        });
        for slice in slices {
            progress.inc_length(slice.len() as u64);
            if !progress_shown && progress.length() >= Some(PROGRESS_MIN_FILES as u64) {
                progress.set_draw_target(ProgressDrawTarget::stderr());
                progress_shown = true;
            }
            check_and_report(&slice);
        }
    });
    progress.finish_and_clear();

    let batch = Batch {
        command: "validate",
        lang: context.lang,
        call: &profile.title,
        as_of: args
            .as_of
            .unwrap_or_else(|| Date::today_at_offset(profile.deadline().1)),
    };
    let reported = match report_over_input.into_inner().expect("not poisoned") {
        Some(failure) => Err(failure),
        None => write_report(args.report.as_deref(), &results, summary, batch),
    };
    let text = match style {
        Some(style) => format!("{}\n", human::summary_line(&summary, style.lang)),
        None => machine_output(args.format, &results, summary, batch),
    };
    if stdout_failure.is_none() {
        stdout_failure = write_stdout(&text).err();
    }
    if let Some(failure) = stdout_failure {
        return Err(failure);
    }
    reported?;
    Ok(batch_exit(could_not_run, summary))
}

/// A batch's exit status: 2 when some input could not be checked, 1 when
/// some has errors, else 0.
pub fn batch_exit(could_not_run: bool, summary: Summary) -> Exit {
    if could_not_run {
        Exit::CannotRun
    } else if summary.errors > 0 {
        Exit::Problems
    } else {
        Exit::Ok
    }
}

/// F007: the worker threads `--jobs` asks for could not be started.
fn cannot_start(jobs: u16, err: &rayon::ThreadPoolBuildError) -> Failure {
    Failure::cannot_run(
        Diagnostic::new(
            &diags::CANNOT_START,
            Text::new(
                format!("无法启动 {jobs} 个检查线程（{err}）"),
                format!("cannot start {jobs} worker threads ({err})"),
            ),
        )
        .help(Text::new(
            "减小 --jobs，或关闭其他程序后重试",
            "lower --jobs, or close other programs and try again",
        )),
    )
}

/// The stdout document of a machine-readable format (`Human` has its own).
pub fn machine_output(
    format: BatchFormat,
    results: &[FileResult],
    summary: Summary,
    batch: Batch<'_>,
) -> String {
    match format {
        BatchFormat::Human | BatchFormat::Json => json::render(results, summary, batch.lang),
        BatchFormat::Junit => junit::render(results, summary, batch),
        BatchFormat::Sarif => sarif::render(results, batch),
    }
}

/// Write the `--report` HTML page, if one was asked for, atomically.
pub fn write_report(
    path: Option<&Path>,
    results: &[FileResult],
    summary: Summary,
    batch: Batch<'_>,
) -> Result<(), Failure> {
    let Some(path) = path else {
        return Ok(());
    };
    let page = html::render(results, summary, batch);
    crate::atomic::write(path, page.as_bytes()).map_err(|err| output_not_written(path, &err))
}

/// A progress bar on stderr, with counts, rate and ETA, for `len` inputs; hidden
/// below `min` inputs and when stderr is not a terminal.
pub fn progress_bar(len: usize, min: usize, lang: Lang) -> ProgressBar {
    let progress = if len >= min {
        ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr())
    } else {
        // Hidden, with a length that can grow (a bar without one cannot).
        ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::hidden())
    };
    let template = match lang {
        Lang::Zh => "{bar:40} {pos}/{len}  每秒 {rate} 个  已用 {elapsed}  剩余约 {eta}",
        Lang::En => "{bar:40} {pos}/{len}  {rate}/s  elapsed {elapsed}  ETA {eta}",
    };
    progress.set_style(
        ProgressStyle::with_template(template)
            .expect("valid progress template")
            .with_key(
                "rate",
                |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.0}", state.per_sec());
                },
            )
            .progress_chars("█▉▊▋▌▍▎▏ "),
    );
    progress
}
