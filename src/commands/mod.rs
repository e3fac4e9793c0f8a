//! What each subcommand does, on top of the library. Each returns the process
//! exit status: 0 no errors, 1 problems found, 2 could not run.

mod call;
mod dossier;
mod explain;
mod fit;
mod form;
mod init;
mod intake;
mod validate;

use crate::call::CallProfile;
use crate::cli::{Cli, ColorChoice, Command, ProfileArgs};
use crate::diagnostic::Lang;
use clap::CommandFactory;
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
            lang: cli.global.lang.unwrap_or_else(Lang::from_env),
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
        Command::Schema => write_stdout(crate::rules::schema::SCHEMA_TEXT),
        Command::Call(command) => call::run(&command, context),
        Command::Fit(args) => fit::run(&args, context),
        Command::Form(args) => form::run(&args, context),
        Command::Keygen(args) => dossier::keygen(&args, context),
        Command::Package(args) => dossier::package(&args, context),
        Command::Verify(args) => dossier::verify(&args, context),
        Command::Intake(args) => intake::run(&args, context),
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
