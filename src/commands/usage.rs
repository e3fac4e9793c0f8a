//! A command line clap cannot parse, said as a coded diagnostic (F013) in
//! the user's language, with clap's suggestion when it has one. Help and
//! version requests are clap's to print.

use super::{exit, Exit, Failure};
use crate::diags;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use shenbao_diagnostic::{Diagnostic, Lang, Text};

/// The language asked for before the command line is understood: `--lang`
/// if it is there and readable, then the environment.
pub fn early_lang(args: &[String]) -> Lang {
    let mut words = args.iter();
    while let Some(word) = words.next() {
        let value = match word.strip_prefix("--lang=") {
            Some(value) => Some(value.to_string()),
            None if word == "--lang" => words.next().cloned(),
            None => None,
        };
        match value.as_deref() {
            Some("zh") => return Lang::Zh,
            Some("en") => return Lang::En,
            _ => {}
        }
    }
    match std::env::var("SHENBAO_LANG").as_deref() {
        Ok("zh") => Lang::Zh,
        Ok("en") => Lang::En,
        _ => crate::cli::lang_from_env(),
    }
}

fn context(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(list) => Some(list.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(list) => Some(
            list.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// What clap could not parse, as F013.
pub fn diagnostic(error: &clap::Error) -> Diagnostic {
    let invalid = context(error, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(error, ContextKind::InvalidValue).unwrap_or_default();
    let (zh, en) = match error.kind() {
        ErrorKind::InvalidSubcommand => {
            let word = context(error, ContextKind::InvalidSubcommand).unwrap_or_default();
            (
                format!("没有 `{word}` 这个子命令"),
                format!("there is no subcommand `{word}`"),
            )
        }
        ErrorKind::UnknownArgument => (
            format!("不认识选项 `{invalid}`"),
            format!("the option `{invalid}` is not known"),
        ),
        ErrorKind::MissingRequiredArgument => (
            format!("缺少必需的参数：`{invalid}`"),
            format!("a required argument is missing: `{invalid}`"),
        ),
        ErrorKind::MissingSubcommand => (
            "缺少子命令（如 `validate`、`form`、`package`）".to_string(),
            "a subcommand is missing (such as `validate`, `form`, `package`)".to_string(),
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => (
            format!("`{invalid}` 的取值 `{value}` 不被接受"),
            format!("`{invalid}` does not take the value `{value}`"),
        ),
        ErrorKind::ArgumentConflict => (
            format!("选项 `{invalid}` 不能与另一个已给出的选项同时使用"),
            format!("the option `{invalid}` cannot be used with another one given"),
        ),
        ErrorKind::TooManyValues => (
            format!("`{invalid}` 给出的值太多"),
            format!("`{invalid}` is given too many values"),
        ),
        ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => (
            format!("`{invalid}` 的值的个数不对"),
            format!("`{invalid}` has the wrong number of values"),
        ),
        ErrorKind::NoEquals => (
            format!("`{invalid}` 需要写成 `{invalid}=值`"),
            format!("`{invalid}` must be written `{invalid}=VALUE`"),
        ),
        ErrorKind::InvalidUtf8 => (
            "命令行中有无法识别的字符（不是 UTF-8）".to_string(),
            "the command line holds characters that are not UTF-8".to_string(),
        ),
        _ => (
            "命令行无法识别".to_string(),
            "the command line is not understood".to_string(),
        ),
    };
    let suggested = context(error, ContextKind::SuggestedSubcommand)
        .or_else(|| context(error, ContextKind::SuggestedArg))
        .or_else(|| context(error, ContextKind::SuggestedValue));
    // Values are words of the command line: each in backticks.
    let valid = context(error, ContextKind::ValidValue).map(|list| {
        list.split(", ")
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ")
    });
    let mut help = Text::new(String::new(), String::new());
    // Our own value parsers say what is wrong in both languages.
    if let Some(why) = std::error::Error::source(error)
        .and_then(|source| source.downcast_ref::<crate::cli::FlagValueError>())
    {
        help.zh.push_str(&format!("{}。", why.zh));
        help.en.push_str(&format!("{}. ", why.en));
    }
    if let Some(suggested) = suggested {
        help.zh.push_str(&format!("是否应为 `{suggested}`？"));
        help.en.push_str(&format!("did you mean `{suggested}`? "));
    }
    if let Some(valid) = valid.filter(|v| !v.is_empty()) {
        help.zh.push_str(&format!("可选值：{valid}。"));
        help.en.push_str(&format!("allowed: {valid}. "));
    }
    match typed_command(error) {
        Some(command) if command != "shenbao" => {
            help.zh
                .push_str(&format!("`{command} --help` 列出这个命令的全部选项"));
            help.en.push_str(&format!(
                "`{command} --help` lists every option of this command"
            ));
        }
        _ => {
            help.zh.push_str("`shenbao --help` 列出全部子命令和选项");
            help.en
                .push_str("`shenbao --help` lists every subcommand and option");
        }
    }
    Diagnostic::new(&diags::COMMAND_LINE, Text::new(zh, en)).help(help)
}

/// The command the user was typing (`shenbao package`), from the usage line
/// clap attaches: its words before the first flag or value.
fn typed_command(error: &clap::Error) -> Option<String> {
    let usage = context(error, ContextKind::Usage)?;
    let line = usage.lines().next()?;
    let line = line.split_once(':').map_or(line, |(_, rest)| rest);
    let line = line.split_once('：').map_or(line, |(_, rest)| rest);
    let words: Vec<&str> = line
        .split_whitespace()
        .take_while(|w| {
            w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') && !w.starts_with('-')
        })
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Print what clap could not parse and say how the run ended: help and
/// version go out as clap writes them (exit 0), anything else as F013
/// (exit 2).
pub fn report(error: &clap::Error, lang: Lang) -> Exit {
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = error.print();
            return Exit::Ok;
        }
        // `shenbao` alone: the help is the answer, but nothing ran.
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
            return Exit::CannotRun;
        }
        _ => {}
    }
    let style = crate::report::human::Style { lang, color: false };
    exit::report(&Failure::cannot_run(diagnostic(error)), style)
}
