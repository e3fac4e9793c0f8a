//! What each subcommand does, on top of the library. Each returns an
//! [`Outcome`]: the exit status (0 no errors, 1 problems found, 2 could not
//! run), or a [`Failure`] that [`run`] prints, the one place errors are printed.

mod call;
mod clerk;
mod dossier;
mod exit;
mod explain;
mod fit;
mod fix;
mod form;
mod help;
mod init;
mod intake;
pub mod outputs;
mod recommend;
mod usage;
mod validate;

pub use exit::{Exit, Failure, Outcome};

use crate::cli::{Cli, ColorChoice, Command, ProfileArgs};
use crate::diags;
use crate::report::{human, FileResult};
use shenbao_check::call::CallProfile;
use shenbao_diagnostic::{io_reason, Diagnostic, Lang, Text};
use std::io::{IsTerminal, Write};
use std::path::Path;

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
                    && crate::console::colours_work()
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

    pub fn style(&self) -> human::Style {
        human::Style {
            lang: self.lang,
            color: self.color,
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

/// Parse and run the command line; failures, a command line that cannot be
/// parsed among them (F013), are printed here.
pub fn main() -> Exit {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let lang = usage::early_lang(&args);
    if let Some(exit) = clerk::first_run(&args, lang) {
        return exit;
    }
    match crate::cli::parse(args, lang) {
        Ok(cli) => run(cli),
        Err(error) => usage::report(&error, lang),
    }
}

/// Run a parsed command line; failures are printed here.
pub fn run(cli: Cli) -> Exit {
    let context = Context::from_cli(&cli);
    match run_command(cli.command, context) {
        Ok(exit) => exit,
        Err(failure) => exit::report(&failure, context.style()),
    }
}

fn run_command(command: Command, context: Context) -> Outcome {
    match command {
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
            let mut cli = crate::cli::command(context.lang);
            clap_complete::generate(shell, &mut cli, "shenbao", &mut out);
            write_stdout(&String::from_utf8_lossy(&out))
        }
        Command::Man { command } => help::man_page(command.as_deref(), context.lang),
        Command::Help { command } => help::help(&command, context.lang),
    }
}

/// The embedded profile, or the one given with `--call`.
pub fn load_profile(args: &ProfileArgs) -> Result<std::borrow::Cow<'static, CallProfile>, Failure> {
    match &args.call {
        None => Ok(std::borrow::Cow::Borrowed(CallProfile::embedded())),
        Some(path) => match CallProfile::load(path) {
            Ok(profile) => Ok(std::borrow::Cow::Owned(profile)),
            Err(err) => Err(Failure::new(
                Exit::CannotRun,
                FileResult {
                    path: err.name,
                    diagnostics: err.problems,
                },
                err.text,
            )
            .closing(
                "✘ 申报指南配置文件无效（F005），未做任何检查",
                "✘ the call profile is invalid (F005); nothing was checked",
            )),
        },
    }
}

/// F006: an output could not be written (`-` for standard output).
pub fn output_not_written(path: &Path, err: &std::io::Error) -> Failure {
    let reason = io_reason(err);
    let shown = if path == Path::new("-") {
        Text::new("标准输出", "standard output")
    } else {
        let p = shenbao_diagnostic::shown_path(path);
        Text::new(p.clone(), p)
    };
    Failure::cannot_run(
        Diagnostic::new(
            &diags::OUTPUT_NOT_WRITTEN,
            Text::new(
                format!("无法写入 {}：{}", shown.zh, reason.zh),
                format!("cannot write {}: {}", shown.en, reason.en),
            ),
        )
        .help(Text::new(
            "确认文件夹存在、可写且磁盘有空间；已有的文件没有被改动",
            "check that the folder exists, is writable and has space; no existing file was changed",
        )),
    )
}

/// The call's rules and what the form cannot print, with the attachments
/// beside the declaration (`shenbao_form::check_declaration`).
pub fn check_declaration(
    document: &shenbao_load::Document,
    profile: &CallProfile,
    options: shenbao_check::rules::CheckOptions,
) -> Vec<Diagnostic> {
    let files = document.dir.as_deref().map_or(
        shenbao_check::rules::Files::None,
        shenbao_check::rules::Files::Folder,
    );
    shenbao_form::check_declaration(document, profile, options, files)
}

/// A declaration that passed validation (and can be printed), with its bytes.
pub struct Validated {
    pub path: std::path::PathBuf,
    pub document: shenbao_load::Document,
    pub raw: Vec<u8>,
}

/// Load the declaration at `path` (a file, or a folder holding shenbao.yaml)
/// and check it against the call and the form's font. Warnings are printed
/// here; errors fail with exit 1 (2 when it cannot be read), and `doing` says
/// what was not done, in both languages.
pub fn validated(
    path: Option<&Path>,
    profile: &CallProfile,
    options: shenbao_check::rules::CheckOptions,
    load: shenbao_load::LoadOptions,
    context: Context,
    doing: (&str, &str),
) -> Result<Validated, Failure> {
    let mut path = path.map_or_else(|| std::path::PathBuf::from("."), Path::to_path_buf);
    if path.is_dir() {
        path = path.join(crate::inputs::DECLARATION_FILE);
    }
    let display = shenbao_diagnostic::shown_path(&path);
    let document = shenbao_load::Document::load_file(&path, &display, load)
        .map_err(|diagnostic| Failure::cannot_run(*diagnostic))?;
    let diagnostics = check_declaration(&document, profile, options);
    let result = FileResult {
        path: display.clone(),
        diagnostics,
    };
    if !result.ok() {
        return Err(Failure::problems(result, document.source.text).closing(doing.0, doing.1));
    }
    if !result.diagnostics.is_empty() {
        eprint!(
            "{}",
            crate::console::for_console(&human::render_file(
                &result,
                &document.source.text,
                context.style()
            ))
        );
    }
    let raw = std::fs::read(&path)
        .map_err(|err| Failure::cannot_run(shenbao_load::file_error(&display, &err)))?;
    Ok(Validated {
        path,
        document,
        raw,
    })
}

/// Write to stdout; a closed pipe (`| head`) is not an error worth a message.
pub fn write_stdout(text: &str) -> Outcome {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(crate::console::for_console(text).as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(Exit::Ok),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(Exit::Ok),
        Err(err) => Err(output_not_written(Path::new("-"), &err)),
    }
}
