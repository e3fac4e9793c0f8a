//! Errors outside the checks (outputs, keys, flags, empty inputs) are coded
//! diagnostics in the user's language, printed by the one renderer, with exit
//! status 2, and leave nothing behind.

mod common;

use common::{root, shenbao};
use std::path::Path;

const EXAMPLE: &str = "examples/thermal-screening-robot";

/// Run; return the exit status and stderr.
fn run(args: &[&str], lang: &str) -> (i32, String) {
    let output = shenbao()
        .env("SHENBAO_LANG", lang)
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    (output.status.code().expect("exited"), stderr)
}

/// Exit 2 with `code` in both languages, no raw OS error, no `shenbao:` line
/// printed outside the renderer.
fn assert_coded(args: &[&str], code: &str) -> String {
    let mut chinese = String::new();
    for lang in ["en", "zh"] {
        let (status, stderr) = run(args, lang);
        assert_eq!(status, 2, "{args:?} --lang {lang}:\n{stderr}");
        assert!(
            stderr.contains(&format!("[{code}]")),
            "{args:?} --lang {lang}: no {code}:\n{stderr}"
        );
        assert!(
            !stderr.contains("os error"),
            "{args:?}: raw OS error:\n{stderr}"
        );
        assert!(
            !stderr.starts_with("shenbao:"),
            "{args:?}: ad-hoc line:\n{stderr}"
        );
        if lang == "zh" {
            chinese = stderr;
        }
    }
    assert!(
        chinese
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{args:?}: the Chinese message has no Chinese:\n{chinese}"
    );
    chinese
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn an_output_that_cannot_be_written_is_f006_and_nothing_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let example = root().join(EXAMPLE);
    let missing = dir.path().join("no-such-folder").join("申报书.pdf");
    let stderr = assert_coded(
        &[
            "form",
            example.to_str().unwrap(),
            "-o",
            missing.to_str().unwrap(),
        ],
        "F006",
    );
    assert!(stderr.contains("文件或文件夹不存在"), "{stderr}");
    // The temp file's name never shows, and nothing is left in the folder.
    assert!(!stderr.contains(".shenbao-"), "{stderr}");
    assert!(leftovers(dir.path()).is_empty());

    let report = dir.path().join("no-such-folder").join("r.html");
    assert_coded(
        &[
            "validate",
            example.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
        ],
        "F006",
    );
}

#[test]
fn explain_of_an_unknown_code_is_f008() {
    let stderr = assert_coded(&["explain", "X999"], "F008");
    assert!(stderr.contains("S003"), "lists the known codes:\n{stderr}");
}

#[test]
fn init_and_keygen_never_overwrite_f009() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("我的项目");
    let (status, _) = run(&["init", folder.to_str().unwrap()], "zh");
    assert_eq!(status, 0);
    let before = std::fs::read(folder.join("shenbao.yaml")).unwrap();
    assert_coded(&["init", folder.to_str().unwrap()], "F009");
    assert_eq!(std::fs::read(folder.join("shenbao.yaml")).unwrap(), before);

    let base = dir.path().join("applicant");
    let (status, _) = run(
        &["keygen", "--no-password", "-o", base.to_str().unwrap()],
        "en",
    );
    assert_eq!(status, 0);
    let key = std::fs::read(base.with_extension("key")).unwrap();
    assert_coded(
        &["keygen", "--no-password", "-o", base.to_str().unwrap()],
        "F009",
    );
    assert_eq!(std::fs::read(base.with_extension("key")).unwrap(), key);
}

#[test]
fn a_public_key_given_as_the_secret_key_is_z022() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("applicant");
    let (status, _) = run(
        &["keygen", "--no-password", "-o", base.to_str().unwrap()],
        "en",
    );
    assert_eq!(status, 0);
    let example = root().join(EXAMPLE);
    let output = dir.path().join("d.zip");
    assert_coded(
        &[
            "package",
            example.to_str().unwrap(),
            "--key",
            base.with_extension("pub").to_str().unwrap(),
            "-o",
            output.to_str().unwrap(),
        ],
        "Z022",
    );
    assert!(!output.exists());
}

#[test]
fn intake_of_a_folder_without_dossiers_is_i009() {
    let dir = tempfile::tempdir().unwrap();
    assert_coded(&["intake", dir.path().to_str().unwrap()], "I009");
}

#[test]
fn an_office_name_that_cannot_be_a_file_name_is_i010() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("office");
    let (status, _) = run(
        &["keygen", "--no-password", "-o", base.to_str().unwrap()],
        "en",
    );
    assert_eq!(status, 0);
    assert_coded(
        &[
            "recommend",
            "--office",
            "江苏省:工信厅",
            "--key",
            base.with_extension("key").to_str().unwrap(),
            dir.path().to_str().unwrap(),
        ],
        "I010",
    );
}

#[test]
fn a_broken_call_profile_is_rendered_with_its_source() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.yaml");
    std::fs::write(&broken, "schema: 1\nid: [unclosed\n").unwrap();
    let example = root().join(EXAMPLE);
    let (status, stderr) = run(
        &[
            "validate",
            "--call",
            broken.to_str().unwrap(),
            example.to_str().unwrap(),
        ],
        "zh",
    );
    assert_eq!(status, 2, "{stderr}");
    assert!(stderr.contains("[Y001]"), "{stderr}");
    assert!(
        stderr.contains("broken.yaml:"),
        "underlined in the profile:\n{stderr}"
    );
    assert!(stderr.contains("F005"), "{stderr}");
}

/// Run with a deadline: a FIFO that blocks would otherwise hang the test run.
fn run_briefly(args: &[&str]) -> (i32, String, std::time::Duration) {
    let start = std::time::Instant::now();
    let output = shenbao()
        .args(args)
        .timeout(std::time::Duration::from_secs(10))
        .output()
        .unwrap();
    // validate reports on stdout, the other commands on stderr.
    let printed =
        String::from_utf8(output.stdout).unwrap() + &String::from_utf8(output.stderr).unwrap();
    (output.status.code().unwrap_or(-1), printed, start.elapsed())
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_are_refused_at_once_f010() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("shenbao.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let example = root().join(EXAMPLE);
    let cases: Vec<Vec<String>> = vec![
        vec!["validate".into(), fifo.display().to_string()],
        // A folder whose shenbao.yaml is a FIFO.
        vec!["validate".into(), dir.path().display().to_string()],
        vec!["form".into(), dir.path().display().to_string()],
        vec!["validate".into(), "/dev/zero".into()],
        vec![
            "validate".into(),
            "--call".into(),
            fifo.display().to_string(),
            example.display().to_string(),
        ],
        vec![
            "call".into(),
            "show".into(),
            "--call".into(),
            "/dev/zero".into(),
        ],
    ];
    for args in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (status, stderr, took) = run_briefly(&args);
        assert_eq!(status, 2, "{args:?}:\n{stderr}");
        assert!(stderr.contains("[F010]"), "{args:?}:\n{stderr}");
        assert!(
            took < std::time::Duration::from_secs(2),
            "{args:?} took {took:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn the_folder_walk_stays_in_the_tree_and_ignores_unrelated_dangling_links() {
    let outside = tempfile::tempdir().unwrap();
    let tree = tempfile::tempdir().unwrap();
    // A declaration outside the tree, reachable only through a link to its folder.
    let example = root().join(EXAMPLE);
    std::fs::create_dir(outside.path().join("elsewhere")).unwrap();
    std::fs::copy(
        example.join("shenbao.yaml"),
        outside.path().join("elsewhere/shenbao.yaml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path().join("elsewhere"), tree.path().join("link")).unwrap();
    // A link to nothing, which has nothing to do with any declaration.
    std::os::unix::fs::symlink("/nonexistent/nowhere", tree.path().join("notes.txt")).unwrap();
    let output = shenbao()
        .args(["validate", tree.path().to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{stdout}");
    // Only F003 (no declaration in the tree): the outside one was not read,
    // and the dangling link was not an error of its own.
    assert!(stdout.contains("[F003]"), "{stdout}");
    assert!(!stdout.contains("elsewhere"), "{stdout}");
    assert!(
        !stdout.contains("[F001]") && !stdout.contains("notes.txt"),
        "{stdout}"
    );
}
