//! `shenbao help [COMMAND…]` and `shenbao man [COMMAND]`, both from the
//! command line in the user's language ([`crate::cli::command`]).

use super::{output_not_written, write_stdout, Failure, Outcome};
use crate::diags;
use shenbao_diagnostic::{Diagnostic, Lang, Text};
use std::path::Path;

/// `shenbao help validate`: what `shenbao validate --help` prints.
pub fn help(path: &[String], lang: Lang) -> Outcome {
    let mut cli = crate::cli::command(lang);
    cli.build();
    let mut at = &mut cli;
    for name in path {
        let names = subcommand_names(at);
        match at.find_subcommand_mut(name) {
            Some(sub) => at = sub,
            None => return Err(no_such_subcommand(name, &names, false)),
        }
    }
    write_stdout(&at.render_long_help().to_string())
}

/// `shenbao man [COMMAND]`: shenbao(1), or the shenbao-COMMAND(1) page the
/// main page lists among its subcommands.
pub fn man_page(command: Option<&str>, lang: Lang) -> Outcome {
    let mut cli = crate::cli::command(lang);
    cli.build();
    let page = match command {
        None => cli,
        Some(name) => {
            let Some(sub) = cli.find_subcommand(name) else {
                return Err(no_such_subcommand(name, &subcommand_names(&cli), true));
            };
            // Named as the main page names it; the synopsis is the command typed.
            sub.clone()
                .display_name(format!("shenbao-{}", sub.get_name()))
                .bin_name(format!("shenbao {}", sub.get_name()))
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut out)
        .map_err(|err| output_not_written(Path::new("-"), &err))?;
    let roff = String::from_utf8_lossy(&out);
    let roff = match lang {
        Lang::En => roff.into_owned(),
        Lang::Zh => chinese_sections(&roff),
    };
    write_stdout(&roff)
}

/// clap_mangen names its sections in English; a Chinese page names them as
/// the Chinese man pages of Linux distributions (manpages-zh) do.
fn chinese_sections(roff: &str) -> String {
    const SECTIONS: [(&str, &str); 6] = [
        ("NAME", "名称"),
        ("SYNOPSIS", "概要"),
        ("DESCRIPTION", "描述"),
        ("EXTRA", "附注"),
        ("VERSION", "版本"),
        ("AUTHORS", "作者"),
    ];
    roff.lines()
        .map(|line| {
            let translated = line.strip_prefix(".SH ").and_then(|title| {
                SECTIONS
                    .iter()
                    .find(|(en, _)| *en == title.trim_matches('"'))
                    .map(|(_, zh)| format!(".SH {zh}"))
            });
            translated.unwrap_or_else(|| line.to_string()) + "\n"
        })
        .collect()
}

fn subcommand_names(cmd: &clap::Command) -> Vec<String> {
    cmd.get_subcommands()
        .map(|s| format!("`{}`", s.get_name()))
        .collect()
}

/// F013: `help` or `man` asked about a subcommand that does not exist.
fn no_such_subcommand(name: &str, names: &[String], man: bool) -> Failure {
    let (zh, en) = if man {
        (
            format!("没有 `{name}` 这个子命令，也就没有它的手册页"),
            format!("there is no subcommand `{name}`, so no page for it"),
        )
    } else {
        (
            format!("没有 `{name}` 这个子命令，也就没有它的帮助"),
            format!("there is no subcommand `{name}`, so no help for it"),
        )
    };
    Failure::cannot_run(
        Diagnostic::new(&diags::COMMAND_LINE, Text::new(zh, en)).help(Text::new(
            format!("可选：{}", names.join(", ")),
            format!("one of: {}", names.join(", ")),
        )),
    )
}
