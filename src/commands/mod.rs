//! What each subcommand does, on top of the library. Each returns the process
//! exit status: 0 no errors, 1 problems found, 2 could not run.

mod call;
mod dossier;
mod explain;
mod fit;
mod form;
mod init;
mod intake;
mod recommend;
mod validate;

use crate::cli::{Cli, ColorChoice, Command, ProfileArgs};
use clap::CommandFactory;
use shenbao_check::call::CallProfile;
use shenbao_diagnostic::Lang;
use std::io::{IsTerminal, Write};

pub const EXIT_OK: i32 = 0;
pub const EXIT_PROBLEMS: i32 = 1;
pub const EXIT_CANNOT_RUN: i32 = 2;

/// Settings every command shares, resolved from flags and environment.
#[derive(Clone, Copy, Debug)]
pub struct Context {
    pub lang: Lang,
    pub color: bool,
}

impl Context {
    pub fn from_cli(cli: &Cli) -> Context {
        let color = match cli.global.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        };
        Context {
            lang: cli
                .global
                .lang
                .map(Lang::from)
                .unwrap_or_else(crate::cli::lang_from_env),
            color,
        }
    }

    /// Pick the text for the active language.
    pub fn t<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        match self.lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> i32 {
    let context = Context::from_cli(&cli);
    match cli.command {
        Command::Validate(args) => validate::run(&args, context),
        Command::Explain(args) => explain::run(&args, context),
        Command::Schema => write_stdout(shenbao_check::schema::SCHEMA_TEXT),
        Command::Call(command) => call::run(&command, context),
        Command::Fit(args) => fit::run(&args, context),
        Command::Form(args) => form::run(&args, context),
        Command::Keygen(args) => dossier::keygen(&args, context),
        Command::Package(args) => dossier::package(&args, context),
        Command::Verify(args) => dossier::verify(&args, context),
        Command::Intake(args) => intake::run(&args, context),
        Command::Recommend(args) => recommend::run(&args, context),
        Command::Init(args) => init::run(&args, context),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "shenbao", &mut out);
            write_stdout(&String::from_utf8_lossy(&out))
        }
        Command::Man => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut out) {
                Ok(()) => write_stdout(&String::from_utf8_lossy(&out)),
                Err(err) => {
                    eprintln!("shenbao: {err}");
                    EXIT_CANNOT_RUN
                }
            }
        }
    }
}

/// The embedded profile, or the one given with `--call` (errors printed; `None`
/// means exit 2).
pub fn load_profile(
    args: &ProfileArgs,
    context: Context,
) -> Option<std::borrow::Cow<'static, CallProfile>> {
    match &args.call {
        None => Some(std::borrow::Cow::Borrowed(CallProfile::embedded())),
        Some(path) => match CallProfile::load(path) {
            Ok(profile) => Some(std::borrow::Cow::Owned(profile)),
            Err(err) => {
                eprintln!(
                    "{}\n{}",
                    context.t(
                        "shenbao: 申报指南配置文件无效（F005）：",
                        "shenbao: the call profile is invalid (F005):"
                    ),
                    err.describe(context.lang)
                );
                None
            }
        },
    }
}

/// A declaration that passed validation (and can be printed), with its bytes.
pub struct Validated {
    pub path: std::path::PathBuf,
    pub document: shenbao_load::Document,
    pub raw: Vec<u8>,
}

/// Load the declaration at `path` (a file, or a folder holding shenbao.yaml),
/// check it against the call and the form's font, and print its findings.
/// `Err(exit status)` when it has errors (1) or cannot be read (2); `doing`
/// says what was not done, in both languages.
pub fn validated(
    path: Option<&std::path::Path>,
    profile: &CallProfile,
    options: shenbao_check::rules::CheckOptions,
    load: shenbao_load::LoadOptions,
    context: Context,
    doing: (&str, &str),
) -> Result<Validated, i32> {
    use crate::report::{human, FileResult};
    let mut path = path.map_or_else(
        || std::path::PathBuf::from("."),
        std::path::Path::to_path_buf,
    );
    if path.is_dir() {
        path = path.join(crate::inputs::DECLARATION_FILE);
    }
    let display = path.display().to_string();
    let style = human::Style {
        lang: context.lang,
        color: context.color,
    };
    let document = match shenbao_load::Document::load_file(&path, &display, load) {
        Ok(document) => document,
        Err(diagnostic) => {
            let result = FileResult {
                path: display,
                diagnostics: vec![*diagnostic],
            };
            eprint!("{}", human::render_file(&result, "", style));
            return Err(EXIT_CANNOT_RUN);
        }
    };
    let mut diagnostics = shenbao_check::rules::check(&document, profile, options);
    if let Some(value) = &document.value {
        let mut unprintable = shenbao_form::unprintable(value);
        document.resolve(&mut unprintable);
        diagnostics.extend(unprintable);
    }
    let result = FileResult {
        path: display.clone(),
        diagnostics,
    };
    if !result.diagnostics.is_empty() {
        eprint!(
            "{}",
            human::render_file(&result, &document.source.text, style)
        );
    }
    if !result.ok() {
        eprintln!("{}", context.t(doing.0, doing.1));
        return Err(EXIT_PROBLEMS);
    }
    match std::fs::read(&path) {
        Ok(raw) => Ok(Validated {
            path,
            document,
            raw,
        }),
        Err(err) => {
            eprintln!("shenbao: {display}: {err}");
            Err(EXIT_CANNOT_RUN)
        }
    }
}

/// Write to stdout; a closed pipe (`| head`) is not an error worth a message.
pub fn write_stdout(text: &str) -> i32 {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => EXIT_OK,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(err) => {
            eprintln!("shenbao: cannot write to stdout: {err}");
            EXIT_CANNOT_RUN
        }
    }
}
