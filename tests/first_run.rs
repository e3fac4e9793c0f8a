//! The first run of a clerk on Windows: started from Explorer (a console of
//! its own), shenbao explains itself and waits for Enter; a folder or
//! shenbao.yaml dropped onto it is validated, and the window waits too.
//! `SHENBAO_LAUNCH=explorer` stands for the console here; the Windows smoke
//! suite (scripts/smoke.sh under wine) runs the real detection.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd: Command = common::shenbao_std();
    cmd.env("SHENBAO_LAUNCH", "explorer")
        .env("SHENBAO_LANG", "zh")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
    let mut child = cmd.spawn().unwrap();
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    child.wait_with_output().unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn a_double_click_explains_and_waits() {
    for stdin in [Some("\n"), None] {
        let out = run(&[], stdin);
        let shown = text(&out);
        assert_eq!(out.status.code(), Some(0), "{shown}");
        for part in [
            "shenbao（申报）",
            "地址栏，输入 cmd",
            "shenbao init 我的项目",
            "shenbao validate 我的项目",
            "shenbao form 我的项目",
            "拖到 shenbao.exe",
            "按回车键关闭此窗口",
        ] {
            assert!(shown.contains(part), "{part} missing from:\n{shown}");
        }
    }
}

#[test]
fn a_dropped_folder_or_file_is_validated_and_the_window_waits() {
    let root = common::root();
    let good = root.join("examples/thermal-screening-robot");
    let out = run(&[good.to_str().unwrap()], Some("\n"));
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(0), "{shown}");
    assert!(shown.contains("按回车键关闭此窗口"), "{shown}");
    assert!(!shown.contains("地址栏"), "no introduction: {shown}");

    let bad = root.join("examples/failing/schema-errors/shenbao.yaml");
    let out = run(&[bad.to_str().unwrap()], None);
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(shown.contains("S003"), "{shown}");
    assert!(shown.contains("按回车键关闭此窗口"), "{shown}");
}

#[test]
fn a_terminal_gets_the_command_line() {
    // From a terminal, no arguments is the usual usage error, at once.
    let mut cmd = common::shenbao_std();
    let out = cmd
        .env("SHENBAO_LAUNCH", "terminal")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(!text(&out).contains("Press Enter"));
    // From Explorer, anything but one dropped path is the command line too.
    let out = run(&["validate", "--help"], None);
    assert!(!text(&out).contains("按回车键"), "{}", text(&out));
}
