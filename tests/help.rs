//! The command line in Chinese (issue "Every message a non-programmer can
//! act on", point 1): every command's `-h`, `--help`, `help` and man page,
//! run through the binary with `--lang zh` and with a Chinese locale, holds
//! no English word that is not a flag, code, path, value or name; and the
//! English stays English.

mod common;

use shenbao_diagnostic::Lang;
use std::collections::BTreeSet;

/// Every command's path below `shenbao`, the root first.
fn command_paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        for sub in cmd.get_subcommands() {
            let mut below = path.clone();
            below.push(sub.get_name().to_string());
            walk(sub, below, out);
        }
    }
    let mut out = Vec::new();
    walk(&shenbao::cli::command(Lang::En), Vec::new(), &mut out);
    out
}

/// Words a Chinese text may hold: the values a user types (command names,
/// each argument's allowed values), and names of formats and programs that
/// have no Chinese.
fn allowed_words() -> BTreeSet<String> {
    fn walk(cmd: &clap::Command, out: &mut BTreeSet<String>) {
        out.insert(cmd.get_name().to_string());
        for arg in cmd.get_arguments() {
            for value in arg.get_possible_values() {
                out.insert(value.get_name().to_string());
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, out);
        }
    }
    let mut words: BTreeSet<String> = [
        "minisign", "Markdown", "Schema", "man", "roff", "shenbao", "zh", "en", "true",
    ]
    .iter()
    .map(|w| w.to_string())
    .collect();
    walk(&shenbao::cli::command(Lang::En), &mut words);
    words
}

/// The English words of `text` that are not allowed: a word is letters
/// (with inner `-` or `'`) once brackets and punctuation are trimmed; flags
/// (`--raw`), all-capital names (`JSON`, `YYYY-MM-DD`, `SHENBAO_LANG`), file
/// names and paths, and text in backticks are not words.
fn english_words(text: &str, allowed: &BTreeSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_backticks = false;
    for piece in text.split('`') {
        if !in_backticks {
            for segment in piece.split(|c: char| !c.is_ascii()) {
                for token in segment.split_ascii_whitespace() {
                    let core = token
                        .trim_start_matches(['(', '[', '<', '"', '\'', '\\', '|'])
                        .trim_end_matches([
                            ')', ']', '>', '"', '\'', ',', '.', ';', ':', '!', '?', '|',
                        ]);
                    let is_word = core.starts_with(|c: char| c.is_ascii_alphabetic())
                        && core
                            .chars()
                            .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '\'');
                    let capitals = core.chars().all(|c| !c.is_ascii_lowercase());
                    // Man pages are named shenbao-validate(1): a name.
                    let page = core
                        .strip_prefix("shenbao-")
                        .is_some_and(|rest| rest.is_empty() || allowed.contains(rest));
                    if is_word && !capitals && !page && !allowed.contains(core) {
                        found.push(core.to_string());
                    }
                }
            }
        }
        in_backticks = !in_backticks;
    }
    found
}

/// Run shenbao with `args`; the text it wrote (help goes to stdout, a
/// usage error to stderr).
fn run(args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let mut cmd = common::shenbao_std();
    cmd.env_remove("SHENBAO_LANG").env("COLUMNS", "100");
    for (key, value) in env {
        cmd.env(key, value);
    }
    let output = cmd.args(args).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.code().unwrap_or(-1), text)
}

#[test]
fn every_help_and_man_page_is_chinese_under_lang_zh() {
    let allowed = allowed_words();
    let mut problems = Vec::new();
    let mut runs = 0;
    for path in command_paths() {
        let words: Vec<&str> = path.iter().map(String::as_str).collect();
        let mut asks: Vec<Vec<&str>> = Vec::new();
        for flag in ["-h", "--help"] {
            let mut ask = vec!["--lang", "zh"];
            ask.extend(&words);
            ask.push(flag);
            asks.push(ask);
        }
        let mut ask = vec!["--lang", "zh", "help"];
        ask.extend(&words);
        asks.push(ask);
        if words.len() <= 1 {
            let mut ask = vec!["--lang", "zh", "man"];
            ask.extend(&words);
            asks.push(ask);
        }
        for ask in asks {
            let (status, text) = run(&ask, &[]);
            runs += 1;
            if status != 0 {
                problems.push(format!("shenbao {}: exit {status}\n{text}", ask.join(" ")));
                continue;
            }
            // roff escapes its hyphens (`\-\-raw`) and marks fonts (`\fB`).
            let text = text
                .replace("\\-", "-")
                .replace("\\fB", " ")
                .replace("\\fI", " ")
                .replace("\\fR", " ");
            let text: String = text
                .lines()
                // roff requests (.TH, .SH, .TP) and their arguments are markup.
                .filter(|line| !line.starts_with('.'))
                .collect::<Vec<_>>()
                .join("\n");
            let english = english_words(&text, &allowed);
            if !english.is_empty() {
                problems.push(format!(
                    "shenbao {}: English words {english:?}\n{text}",
                    ask.join(" ")
                ));
            }
            if !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                problems.push(format!("shenbao {}: no Chinese at all", ask.join(" ")));
            }
        }
    }
    assert!(
        runs > 60,
        "only {runs} runs: the command tree was not walked"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn a_chinese_locale_gives_chinese_help_and_english_stays_english() {
    let (_, zh) = run(&["validate", "--help"], &[("LANG", "zh_CN.UTF-8")]);
    assert!(zh.contains("用法：shenbao validate [选项]"), "{zh}");
    assert!(
        zh.contains("--strict") && zh.contains("把警告当作错误"),
        "{zh}"
    );
    let (_, en) = run(&["validate", "--help"], &[("LANG", "en_US.UTF-8")]);
    assert!(en.contains("Usage: shenbao validate [OPTIONS]"), "{en}");
    assert!(en.contains("Treat warnings as errors"), "{en}");
    let ideographs = en
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    // 2021年3月15日, 申报书.pdf: examples of what a user types, nothing more.
    assert!(
        ideographs < 20,
        "{ideographs} ideographs in English help:\n{en}"
    );
    // --lang wins over the locale, either way.
    let (_, forced) = run(&["--lang", "en", "fit", "-h"], &[("LANG", "zh_CN.UTF-8")]);
    assert!(forced.contains("Usage: shenbao fit"), "{forced}");
}

#[test]
fn the_chinese_help_takes_the_same_command_line() {
    // The Chinese command has the same flags and aliases: only words changed.
    let (status, text) = run(
        &["--lang", "zh", "verify", "--trusted-keys", "none", "x.zip"],
        &[],
    );
    assert_eq!(status, 2, "{text}");
    assert!(
        !text.contains("F013"),
        "the alias is still accepted: {text}"
    );
    let (status, text) = run(&["--lang", "zh", "validate", "--stirct"], &[]);
    assert_eq!(status, 2);
    assert!(
        text.contains("[F013]") && text.contains("--strict"),
        "{text}"
    );
}
