//! The command line in the user's language. The English text is the derive's
//! doc comments in [`super`]; the Chinese is the table in [`super::zh`],
//! keyed by command path and argument id. clap's own words (the help flag,
//! the `Usage:`, `Options:` and `Arguments:` headings, `[default: …]`,
//! `[possible values: …]`, `[env: …]`) are replaced here, so `--help`, usage
//! and the man pages generated from the command read in one language.

use super::{zh, Cli};
use clap::{Arg, ArgAction, ArgMatches, Command, CommandFactory, FromArgMatches};
use shenbao_diagnostic::Lang;

/// The whole command line, every subcommand included, in `lang`.
pub fn command(lang: Lang) -> Command {
    let mut root = Cli::command();
    root = root
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .display_order(998),
        )
        .disable_version_flag(true)
        // Flags every command has are listed last, after the command's own.
        .mut_arg("lang", |a| a.display_order(900))
        .mut_arg("color", |a| a.display_order(901));
    root = walk(root, &[], &|cmd, path| prepare(cmd, path, lang));
    if lang == Lang::Zh {
        root = with_chinese_usage(root);
    }
    root
}

/// Parse the process's arguments with the command in `lang`.
pub fn parse(args: Vec<String>, lang: Lang) -> Result<Cli, clap::Error> {
    let matches: ArgMatches = command(lang).try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches)
}

/// Apply `f` to `cmd` and then, depth first, to each of its subcommands;
/// `path` is the names below the root (`["call", "show"]`).
fn walk(cmd: Command, path: &[String], f: &dyn Fn(Command, &[String]) -> Command) -> Command {
    let mut cmd = f(cmd, path);
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for name in names {
        let mut below = path.to_vec();
        below.push(name.clone());
        cmd = cmd.mut_subcommand(&name, |sub| walk(sub, &below, f));
    }
    cmd
}

/// One command: our own help flag (clap's says "Print help"), and in Chinese
/// its about, after-help, headings and every argument.
fn prepare(cmd: Command, path: &[String], lang: Lang) -> Command {
    let mut cmd = cmd.disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .display_order(999)
            .help("Print help"),
    );
    if path.is_empty() {
        cmd = cmd.mut_arg("version", |a| a.help("Print version"));
    }
    if lang == Lang::En {
        return cmd;
    }
    let at = path.join(" ");
    if let Some(about) = zh::about(&at) {
        cmd = cmd.about(about).long_about(None);
    }
    // clap wraps at spaces, and Chinese has none: it would break a line at
    // the one space in a sentence ("2021 年"). The terminal wraps instead.
    cmd = cmd
        .term_width(0)
        .subcommand_value_name("命令")
        .subcommand_help_heading("命令")
        .help_template(
            "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}",
        );
    if path.is_empty() {
        cmd = cmd.after_help(zh::AFTER_HELP);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|arg| arg.get_id().to_string())
        .collect();
    for id in ids {
        cmd = cmd.mut_arg(&id, |arg| chinese_arg(arg, &at));
    }
    cmd
}

/// An argument's help, value name and heading in Chinese, with the default,
/// the allowed values and the environment variable said in the help text.
fn chinese_arg(arg: Arg, at: &str) -> Arg {
    let id = arg.get_id().to_string();
    // Untranslated (a test holds this never to happen), it keeps its English.
    let Some(entry) = zh::arg(at, &id) else {
        return arg;
    };
    let mut help = entry.help.to_string();
    let mut notes = Vec::new();
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    let takes_values = arg.get_action().takes_values();
    if takes_values && !values.is_empty() && !arg.is_hide_possible_values_set() {
        notes.push(format!("可选：{}", values.join("、")));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes_values && !defaults.is_empty() && !arg.is_hide_default_value_set() {
        notes.push(format!("默认：{}", defaults.join("、")));
    }
    if let Some(env) = arg.get_env() {
        notes.push(format!("也可用环境变量 {}", env.to_string_lossy()));
    }
    // clap would say `[alias: --trusted-keys]`; the other spelling is said
    // in Chinese and kept working.
    let aliases: Vec<String> = arg
        .get_visible_aliases()
        .unwrap_or_default()
        .into_iter()
        .map(str::to_string)
        .collect();
    if !aliases.is_empty() {
        let spelled: Vec<String> = aliases.iter().map(|a| format!("--{a}")).collect();
        notes.push(format!("也可写作 {}", spelled.join("、")));
    }
    if !notes.is_empty() {
        help.push_str(&format!("（{}）", notes.join("；")));
    }
    let heading = if arg.is_positional() {
        "参数"
    } else {
        "选项"
    };
    let mut arg = arg
        .visible_alias(None)
        .aliases(aliases)
        .help(help)
        .long_help(None::<&str>)
        .hide_env(true)
        .help_heading(heading);
    // clap allows these only on an argument that takes a value.
    if takes_values {
        arg = arg.hide_possible_values(true).hide_default_value(true);
    }
    if !entry.value.is_empty() {
        arg = arg.value_name(entry.value);
    }
    arg
}

/// clap writes `[OPTIONS]` in every usage line; a Chinese usage says
/// `[选项]`. The usage is clap's own, rendered once the command is built,
/// with that one word changed.
fn with_chinese_usage(root: Command) -> Command {
    let mut built = root.clone();
    built.build();
    walk(root, &[], &|cmd, path| {
        let mut at = &built;
        for name in path {
            match at.find_subcommand(name) {
                Some(sub) => at = sub,
                None => return cmd,
            }
        }
        let usage = at.clone().render_usage().to_string();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
        cmd.override_usage(usage.replace("[OPTIONS]", "[选项]"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and argument has its Chinese text, and the table has
    /// nothing the command line lacks.
    #[test]
    fn the_chinese_table_covers_the_command_line_exactly() {
        let mut used_commands = Vec::new();
        let mut used_args = Vec::new();
        let mut missing = Vec::new();
        fn each(
            cmd: &Command,
            path: &[String],
            used_commands: &mut Vec<String>,
            used_args: &mut Vec<(String, String)>,
            missing: &mut Vec<String>,
        ) {
            let at = path.join(" ");
            match zh::about(&at) {
                Some(_) => used_commands.push(at.clone()),
                None => missing.push(format!("about of `{at}`")),
            }
            for arg in cmd.get_arguments() {
                let id = arg.get_id().to_string();
                let own = zh::ARGS.iter().any(|(p, i, _)| *p == at && *i == id);
                match zh::arg(&at, &id) {
                    Some(text) => {
                        used_args.push((if own { at.clone() } else { "*".into() }, id.clone()));
                        if arg.get_action().takes_values() && text.value.is_empty() {
                            missing.push(format!("value name of `{at}` {id}"));
                        }
                    }
                    None => missing.push(format!("help of `{at}` {id}")),
                }
            }
            for sub in cmd.get_subcommands() {
                let mut below = path.to_vec();
                below.push(sub.get_name().to_string());
                each(sub, &below, used_commands, used_args, missing);
            }
        }
        // The English command, with the help and version flags this module adds.
        let english = command(Lang::En);
        each(
            &english,
            &[],
            &mut used_commands,
            &mut used_args,
            &mut missing,
        );
        assert!(missing.is_empty(), "untranslated: {missing:#?}");
        for (at, _) in zh::COMMANDS {
            assert!(
                used_commands.iter().any(|u| u == at),
                "`{at}` is no command"
            );
        }
        for (at, id, _) in zh::ARGS {
            assert!(
                used_args.iter().any(|(p, i)| p == at && i == id),
                "`{at}` {id} is in the table but no command has it"
            );
        }
    }
}
