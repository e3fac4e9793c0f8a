//! `shenbao validate PATH...`: check every declaration, in parallel, and
//! report like a compiler (or as one JSON document).

use super::{write_stdout, Context, EXIT_CANNOT_RUN, EXIT_OK, EXIT_PROBLEMS};
use crate::call::CallProfile;
use crate::cli::ValidateArgs;
use crate::declaration::{Document, LoadOptions};
use crate::inputs::{self, Input};
use crate::report::{human, json, FileResult, Format, Summary};
use crate::rules::{self, CheckOptions};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::path::PathBuf;

/// Below this many files a progress bar is only flicker.
const PROGRESS_MIN_FILES: usize = 200;

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
                Ok(document) => (rules::check(&document, profile, check), Some(document)),
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

pub fn run(args: &ValidateArgs, context: Context) -> i32 {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let Some(profile) = super::load_profile(&args.profile, context) else {
        return EXIT_CANNOT_RUN;
    };
    let profile = &*profile;
    let inputs = inputs::collect(&paths);
    let load = LoadOptions {
        encoding: args.encoding,
    };
    let check = CheckOptions {
        strict: args.strict,
        as_of: args.as_of,
    };
    let style = (args.format == Format::Human).then_some(human::Style {
        lang: context.lang,
        color: context.color,
    });

    let progress = if inputs.len() >= PROGRESS_MIN_FILES {
        ProgressBar::with_draw_target(Some(inputs.len() as u64), ProgressDrawTarget::stderr())
    } else {
        ProgressBar::hidden()
    };
    progress.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} eta {eta}")
            .expect("valid progress template"),
    );
    let work = || -> Vec<(FileResult, String)> {
        inputs
            .par_iter()
            .map(|input| {
                let out = check_input(input, profile, load, check, style);
                progress.inc(1);
                out
            })
            .collect()
    };
    let outputs = match args.jobs {
        Some(jobs) => match rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(jobs))
            .build()
        {
            Ok(pool) => pool.install(work),
            Err(err) => {
                eprintln!("shenbao: cannot start {jobs} worker threads: {err}");
                return EXIT_CANNOT_RUN;
            }
        },
        None => work(),
    };
    progress.finish_and_clear();

    let mut summary = Summary::default();
    let mut could_not_run = false;
    for (result, _) in &outputs {
        summary.add(result);
        could_not_run |= result.could_not_run();
    }
    let text = match style {
        Some(style) => {
            let mut text = String::new();
            for (result, rendered) in &outputs {
                if args.quiet && result.diagnostics.is_empty() {
                    continue;
                }
                text.push_str(rendered);
                text.push_str(&human::status_line(result, style));
                text.push('\n');
            }
            text.push_str(&human::summary_line(&summary, style.lang));
            text.push('\n');
            text
        }
        None => {
            let results: Vec<FileResult> = outputs.into_iter().map(|(r, _)| r).collect();
            json::render(&results, summary, context.lang)
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
