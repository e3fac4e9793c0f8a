//! Flags and commands, documented once: `--help`, the man page
//! (`shenbao man`) and shell completions (`shenbao completions`) all come from
//! these definitions, in English here and in Chinese in [`zh`]; [`command`]
//! gives the one in the user's language.

mod localize;
mod zh;

pub use localize::{command, parse};

use crate::report::Format;
use clap::{Args, Parser, Subcommand, ValueEnum};
use shenbao_diagnostic::Lang;
use shenbao_load::EncodingMode;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "shenbao",
    version,
    about = "Check and prepare applications for MIIT's 2021 new-type information-consumption \
             demonstration projects",
    long_about = None,
    disable_help_subcommand = true,
    after_help = "Exit status: 0 no errors; 1 problems found; 2 could not run."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Language of messages (default: from the locale; Chinese for zh*)
    #[arg(long, global = true, value_enum, env = "SHENBAO_LANG")]
    pub lang: Option<LangArg>,

    /// When to use colours (NO_COLOR in the environment means never)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// The values of `--lang`; the library's [`Lang`] knows no command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// 简体中文
    Zh,
    /// English
    En,
}

impl From<LangArg> for Lang {
    fn from(arg: LangArg) -> Lang {
        match arg {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// The language implied by the process locale (`LC_ALL`, `LC_MESSAGES`, `LANG`,
/// in POSIX precedence): Chinese for any `zh*` locale, English otherwise.
/// Windows programs do not read those variables (a shell such as Git Bash may
/// still set them): there the user's locale, which Windows settings choose,
/// decides.
pub fn lang_from_env() -> Lang {
    if cfg!(not(windows)) {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(value) = std::env::var(var) {
                if value.is_empty() {
                    continue;
                }
                return Lang::from_locale(&value);
            }
        }
    }
    Lang::from_locale(&system_locale())
}

/// The operating system's locale where no `LANG` says it: on Windows the
/// user's locale (`zh-CN` on a Chinese PC), on macOS the first preferred
/// language. "C" when it cannot be read.
fn system_locale() -> String {
    sys_locale::get_locale().unwrap_or_else(|| String::from("C"))
}

/// The values of `--encoding`, for the loader's [`EncodingMode`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    /// UTF-8 only (with or without BOM); a GBK/GB18030 file is an error that says so.
    Utf8,
    /// Detect GBK/GB18030/Big5, convert, and warn.
    Auto,
}

impl From<EncodingArg> for EncodingMode {
    fn from(arg: EncodingArg) -> EncodingMode {
        match arg {
            EncodingArg::Utf8 => EncodingMode::Utf8,
            EncodingArg::Auto => EncodingMode::Auto,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is unset
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check declarations and report every problem
    Validate(ValidateArgs),
    /// Explain a diagnostic code (e.g. S003)
    Explain(ExplainArgs),
    /// Print the declaration's JSON Schema
    Schema,
    /// The call profile in use (categories, deadline, quotas, lists)
    #[command(subcommand)]
    Call(CallCommand),
    /// Score a declaration against every category, with the evidence
    Fit(FitArgs),
    /// Render the printable application form as PDF (validates first)
    Form(FormArgs),
    /// Write a minisign key pair for signing dossiers
    Keygen(KeygenArgs),
    /// Validate, render the form and write the signed, zipped dossier
    Package(PackageArgs),
    /// Check dossiers without extracting them
    Verify(VerifyArgs),
    /// Verify arriving dossiers and check them together: quotas, routes, duplicates
    Intake(IntakeArgs),
    /// Forward a selection of dossiers to MIIT: letter, summary table, signed bundle
    Recommend(RecommendArgs),
    /// Write a commented shenbao.yaml template into a folder
    Init(InitArgs),
    /// Print shell completions
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): shenbao(1), or shenbao-COMMAND(1)
    Man {
        /// The subcommand whose page to print (validate, form, package…)
        #[arg(value_name = "COMMAND")]
        command: Option<String>,
    },
    /// Print this help, or a subcommand's (shenbao help validate)
    Help {
        /// The subcommand (and its subcommand) whose help to print
        #[arg(value_name = "COMMAND")]
        command: Vec<String>,
    },
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Declaration files, or folders to search for shenbao.yaml (default: .)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format on stdout (junit and sarif: see docs/reports.md)
    #[arg(long, value_enum, default_value_t = crate::report::BatchFormat::Human)]
    pub format: crate::report::BatchFormat,

    /// Also write a self-contained HTML report to this file (any --format)
    #[arg(long, value_name = "FILE.html")]
    pub report: Option<PathBuf>,

    /// Treat warnings as errors
    #[arg(long)]
    pub strict: bool,

    /// Threads that check files (default: one per core); folders are walked
    /// on one more, ahead of them
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Text encoding of the YAML: utf8 only, or auto-detect and convert GBK/GB18030
    #[arg(long, value_enum, default_value_t = EncodingArg::Utf8)]
    pub encoding: EncodingArg,

    /// Print only files with problems, and the summary
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Correct, in place, the mechanical problems that have one reading
    /// (full-width colons, spaces, quotes and digits, 2021年3月15日 dates,
    /// GBK files), then validate; comments, layout and line ends are kept
    #[arg(long)]
    pub fix: bool,

    /// Show what --fix would change, as a unified diff, and change nothing
    #[arg(long)]
    pub diff: bool,

    /// Judge "has the call closed" as of this date (YYYY-MM-DD; default: today in Beijing)
    #[arg(long, value_name = "DATE", value_parser = parse_date, env = "SHENBAO_AS_OF")]
    pub as_of: Option<shenbao_check::date::Date>,

    #[command(flatten)]
    pub profile: ProfileArgs,
}

/// A flag's value that does not parse. clap prints it before any command runs
/// (exit 2), when the language is not known yet: so it says it in both.
#[derive(Debug, thiserror::Error)]
#[error("{zh} / {en}")]
pub struct FlagValueError {
    pub zh: String,
    pub en: String,
}

fn parse_office_key(text: &str) -> Result<(String, PathBuf), FlagValueError> {
    match text.split_once('=') {
        Some((name, path)) if !name.trim().is_empty() && !path.is_empty() => {
            Ok((name.trim().to_string(), PathBuf::from(path)))
        }
        _ => Err(FlagValueError {
            zh: "应写作 单位名称=公钥文件，例如 江苏省=jiangsu.pub".to_string(),
            en: "expected NAME=PUB, e.g. 江苏省=jiangsu.pub".to_string(),
        }),
    }
}

fn parse_date(text: &str) -> Result<shenbao_check::date::Date, FlagValueError> {
    shenbao_check::date::Date::parse(text).ok_or_else(|| FlagValueError {
        zh: format!("`{text}` 不是 YYYY-MM-DD 格式的日期，例如 2021-03-25"),
        en: format!("`{text}` is not a date written YYYY-MM-DD, e.g. 2021-03-25"),
    })
}

/// Which call profile to check against.
#[derive(Debug, Args)]
pub struct ProfileArgs {
    /// Call profile YAML to use instead of the embedded 2021 call (another year's
    /// call, or a recommending body's variant with an earlier internal deadline)
    #[arg(long, value_name = "FILE")]
    pub call: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum CallCommand {
    /// Print the active call profile: a summary, or the YAML itself with --raw
    Show {
        #[command(flatten)]
        profile: ProfileArgs,
        /// Print the profile's YAML source
        #[arg(long)]
        raw: bool,
    },
    /// Print the JSON Schema every call profile must satisfy
    Schema,
}

#[derive(Debug, Args)]
pub struct FitArgs {
    /// A declaration file, or a folder holding shenbao.yaml (default: .)
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    #[command(flatten)]
    pub profile: ProfileArgs,
}

#[derive(Debug, Args)]
pub struct FormArgs {
    /// A declaration file, or a folder holding shenbao.yaml (default: .)
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,

    /// Where to write the PDF (default: 申报书.pdf beside the declaration)
    #[arg(long, short = 'o', value_name = "FILE.pdf")]
    pub output: Option<PathBuf>,

    /// Text encoding of the YAML
    #[arg(long, value_enum, default_value_t = EncodingArg::Utf8)]
    pub encoding: EncodingArg,

    /// Judge "has the call closed" as of this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date, env = "SHENBAO_AS_OF")]
    pub as_of: Option<shenbao_check::date::Date>,

    #[command(flatten)]
    pub profile: ProfileArgs,
}

#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// Base path: writes BASE.key (secret) and BASE.pub (public)
    #[arg(long, short = 'o', value_name = "BASE")]
    pub output: PathBuf,

    /// Leave the secret key unencrypted (automation); otherwise the password
    /// comes from SHENBAO_PASSWORD or is asked for
    #[arg(long)]
    pub no_password: bool,
}

#[derive(Debug, Args)]
pub struct PackageArgs {
    /// A declaration file, or a folder holding shenbao.yaml (default: .)
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,

    /// The minisign secret key (from `shenbao keygen`); its password comes from
    /// SHENBAO_PASSWORD or is asked for
    #[arg(long, value_name = "KEY")]
    pub key: PathBuf,

    /// Where to write the dossier (default: <dossier id>.zip beside the declaration)
    #[arg(long, short = 'o', value_name = "FILE.zip")]
    pub output: Option<PathBuf>,

    /// Judge "has the call closed" as of this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date, env = "SHENBAO_AS_OF")]
    pub as_of: Option<shenbao_check::date::Date>,

    #[command(flatten)]
    pub profile: ProfileArgs,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Dossier ZIP files, or recommendation bundles (each dossier a bundle
    /// lists is checked too)
    #[arg(value_name = "FILE.zip", required = true)]
    pub files: Vec<PathBuf>,

    /// An office's public key, as NAME=PUB: trusted like --trusted-key, and only
    /// for bundles from that office; repeat for several
    #[arg(long, value_name = "NAME=PUB", value_parser = parse_office_key)]
    pub office_key: Vec<(String, PathBuf)>,

    /// Where to look (recursively) for the dossiers a bundle lists (default: the
    /// bundle's own folder, not below it)
    #[arg(long, value_name = "DIR")]
    pub dossiers: Vec<PathBuf>,

    /// A public key (BASE.pub) the signature must come from, or a folder of
    /// them; repeat for several
    #[arg(long, visible_alias = "trusted-keys", value_name = "PUB|DIR")]
    pub trusted_key: Vec<PathBuf>,

    /// The verification code printed on the paper form, to check it matches
    #[arg(long, value_name = "CODE")]
    pub paper_code: Option<String>,

    /// Output format on stdout (junit and sarif: see docs/reports.md)
    #[arg(long, value_enum, default_value_t = crate::report::BatchFormat::Human)]
    pub format: crate::report::BatchFormat,

    /// Also write a self-contained HTML report to this file (any --format)
    #[arg(long, value_name = "FILE.html")]
    pub report: Option<PathBuf>,

    /// Treat warnings as errors
    #[arg(long)]
    pub strict: bool,

    /// Judge the declaration inside as of this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date, env = "SHENBAO_AS_OF")]
    pub as_of: Option<shenbao_check::date::Date>,

    #[command(flatten)]
    pub profile: ProfileArgs,
}

/// What intake and recommend share: the applicants' keys, the output, and
/// how the dossiers inside are judged.
#[derive(Debug, Args)]
pub struct DossierSetArgs {
    /// The applicants' trusted public keys: a key (BASE.pub), or a folder of
    /// them (*.pub); repeat for several
    #[arg(long, visible_alias = "trusted-keys", value_name = "PUB|DIR")]
    pub trusted_key: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Treat warnings as errors (recommend: refuse on any warning)
    #[arg(long)]
    pub strict: bool,

    /// Judge the declarations inside as of this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date, env = "SHENBAO_AS_OF")]
    pub as_of: Option<shenbao_check::date::Date>,

    #[command(flatten)]
    pub profile: ProfileArgs,
}

#[derive(Debug, Args)]
pub struct IntakeArgs {
    /// Dossier ZIP files, or folders to search for them
    #[arg(value_name = "DIR|FILE.zip", required = true)]
    pub paths: Vec<PathBuf>,

    /// This office's name (e.g. 江苏省): dossiers for another office are flagged
    #[arg(long, value_name = "NAME")]
    pub office: Option<String>,

    /// Write the summary table (汇总表) as CSV (UTF-8 with BOM)
    #[arg(long, value_name = "FILE.csv")]
    pub csv: Option<PathBuf>,

    /// Write the summary table as a printable PDF
    #[arg(long, value_name = "FILE.pdf")]
    pub pdf: Option<PathBuf>,

    #[command(flatten)]
    pub dossiers: DossierSetArgs,
}

#[derive(Debug, Args)]
pub struct RecommendArgs {
    /// The dossiers this office forwards: ZIP files, or folders holding them
    #[arg(value_name = "DIR|FILE.zip", required = true)]
    pub paths: Vec<PathBuf>,

    /// This office's name as the declarations write it (e.g. 江苏省)
    #[arg(long, value_name = "NAME")]
    pub office: String,

    /// The office's minisign secret key; its password comes from SHENBAO_PASSWORD
    /// or is asked for
    #[arg(long, value_name = "KEY")]
    pub key: PathBuf,

    /// Where to write the bundle (default: <bundle id>.zip in the current folder)
    #[arg(long, short = 'o', value_name = "FILE.zip")]
    pub output: Option<PathBuf>,

    /// Who signs the letter (default: the department the declarations name,
    /// else the office)
    #[arg(long, value_name = "NAME")]
    pub issuer: Option<String>,

    /// The letter's document number (文号), e.g. 苏工信函〔2021〕15号
    #[arg(long, value_name = "TEXT")]
    pub reference: Option<String>,

    /// Contact person and phone printed on the letter
    #[arg(long, value_name = "TEXT")]
    pub contact: Option<String>,

    /// The letter's date (YYYY-MM-DD; default: --as-of, else today in Beijing)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<shenbao_check::date::Date>,

    #[command(flatten)]
    pub dossiers: DossierSetArgs,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The code (S003) or name (unknown-field) of a rule
    #[arg(required_unless_present = "all")]
    pub code: Option<String>,

    /// Explain every rule
    #[arg(long)]
    pub all: bool,

    /// Print Markdown (the text of docs/rules.md) instead of plain text
    #[arg(long, requires = "all")]
    pub markdown: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to write shenbao.yaml and shenbao.schema.json into (created if missing)
    #[arg(default_value = ".")]
    pub dir: PathBuf,

    /// Overwrite existing files
    #[arg(long)]
    pub force: bool,
}
