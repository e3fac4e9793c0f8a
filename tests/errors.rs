//! Errors outside the checks (outputs, keys, flags, empty inputs) are coded
//! diagnostics in the user's language, printed by the one renderer, with exit
//! status 2, and leave nothing behind.

mod common;

use assert_cmd::Command;
use common::{root, shenbao};
use std::path::{Path, PathBuf};

const EXAMPLE: &str = "examples/thermal-screening-robot";

/// Run; return the exit status and stderr.
fn run(args: &[&str], lang: &str) -> (i32, String) {
    let mut command = shenbao();
    command.args(args);
    run_command(command, lang)
}

fn run_command(mut command: Command, lang: &str) -> (i32, String) {
    let output = command.env("SHENBAO_LANG", lang).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    (output.status.code().expect("exited"), stderr)
}

/// Exit 2 with `code` in both languages, no raw OS error, no `shenbao:` line
/// printed outside the renderer.
fn assert_coded(args: &[&str], code: &str) -> String {
    assert_coded_with(args, &[], code)
}

/// [`assert_coded`] with environment variables set.
fn assert_coded_with(args: &[&str], env: &[(&str, &str)], code: &str) -> String {
    assert_coded_by(
        &format!("{args:?}"),
        || {
            let mut command = shenbao();
            command.args(args).envs(env.iter().copied());
            command
        },
        code,
    )
}

/// [`assert_coded`] for the commands `command` makes.
fn assert_coded_by(what: &str, command: impl Fn() -> Command, code: &str) -> String {
    let mut chinese = String::new();
    for lang in ["en", "zh"] {
        let (status, stderr) = run_command(command(), lang);
        assert_eq!(status, 2, "{what} --lang {lang}:\n{stderr}");
        assert!(
            stderr.contains(&format!("[{code}]")),
            "{what} --lang {lang}: no {code}:\n{stderr}"
        );
        assert!(
            !stderr.contains("os error"),
            "{what}: raw OS error:\n{stderr}"
        );
        assert!(
            !stderr.starts_with("shenbao:"),
            "{what}: ad-hoc line:\n{stderr}"
        );
        if lang == "zh" {
            chinese = stderr;
        }
    }
    assert!(
        chinese
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{what}: the Chinese message has no Chinese:\n{chinese}"
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

/// `DIR/NAME.key` and `DIR/NAME.pub` from `shenbao keygen`, encrypted with
/// `password` when there is one; the secret key's path.
fn keygen(dir: &Path, name: &str, password: Option<&str>) -> PathBuf {
    let base = dir.join(name);
    let mut command = shenbao();
    command.args(["keygen", "-o", base.to_str().unwrap()]);
    match password {
        Some(password) => command.env("SHENBAO_PASSWORD", password),
        None => command.arg("--no-password"),
    };
    let (status, stderr) = run_command(command, "en");
    assert_eq!(status, 0, "{stderr}");
    base.with_extension("key")
}

#[test]
fn a_wrong_password_is_z025_and_none_without_a_terminal_z026() {
    let dir = tempfile::tempdir().unwrap();
    let key = keygen(dir.path(), "applicant", Some("正确的密码 right"));
    let example = root().join(EXAMPLE);
    let output = dir.path().join("d.zip");
    let args = [
        "package",
        example.to_str().unwrap(),
        "--key",
        key.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ];
    let stderr = assert_coded_with(&args, &[("SHENBAO_PASSWORD", "wrong")], "Z025");
    assert!(stderr.contains("applicant.key"), "{stderr}");
    assert!(!stderr.contains("wrong password?"), "{stderr}");
    // Standard input is a pipe, not a terminal, and SHENBAO_PASSWORD is unset:
    // said so, rather than "No such device or address".
    let stderr = assert_coded(&args, "Z026");
    assert!(stderr.contains("SHENBAO_PASSWORD"), "{stderr}");
    assert!(!output.exists());
    assert_eq!(leftovers(dir.path()).len(), 2, "only the key pair");
    // The office's command asks the same way.
    assert_coded(
        &[
            "recommend",
            "--office",
            "江苏省",
            "--key",
            key.to_str().unwrap(),
            dir.path().to_str().unwrap(),
        ],
        "Z026",
    );
    let (status, stderr) = run_command(
        {
            let mut command = shenbao();
            command
                .args(args)
                .env("SHENBAO_PASSWORD", "正确的密码 right");
            command
        },
        "en",
    );
    assert_eq!(status, 0, "the right password packages:\n{stderr}");
}

#[test]
fn keygen_without_a_terminal_or_password_is_z026_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("office");
    let stderr = assert_coded(&["keygen", "-o", base.to_str().unwrap()], "Z026");
    assert!(stderr.contains("--no-password"), "{stderr}");
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_key_that_cannot_be_read_is_z023() {
    let dir = tempfile::tempdir().unwrap();
    let dossier = dir.path().join("d.zip");
    // A folder with no public key in it given as --trusted-key.
    let stderr = assert_coded(
        &[
            "verify",
            "--trusted-key",
            dir.path().to_str().unwrap(),
            dossier.to_str().unwrap(),
        ],
        "Z023",
    );
    assert!(stderr.contains("文件夹"), "{stderr}");
    // A file given as --trusted-key where it is no key.
    std::fs::write(dir.path().join("notes.pub"), "not a key").unwrap();
    assert_coded(
        &[
            "intake",
            "--trusted-key",
            dir.path().join("notes.pub").to_str().unwrap(),
            dir.path().to_str().unwrap(),
        ],
        "Z024",
    );
    // A key file that is not there.
    let stderr = assert_coded(
        &[
            "verify",
            "--trusted-key",
            dir.path().join("missing.pub").to_str().unwrap(),
            dossier.to_str().unwrap(),
        ],
        "Z023",
    );
    assert!(stderr.contains("missing.pub"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn dev_zero_as_the_key_is_z023_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let example = root().join(EXAMPLE);
    let output = dir.path().join("d.zip");
    let args = [
        "package",
        example.to_str().unwrap(),
        "--key",
        "/dev/zero",
        "-o",
        output.to_str().unwrap(),
    ];
    let started = std::time::Instant::now();
    let (status, stderr) = run(&args, "en");
    let took = started.elapsed();
    assert_eq!(status, 2, "{stderr}");
    assert!(stderr.contains("[Z023]"), "{stderr}");
    assert!(stderr.contains("not a regular file"), "{stderr}");
    // Refused before a byte is read: the run is the declaration's check and
    // little more (reading /dev/zero would never end).
    assert!(took.as_millis() < 1000, "took {took:?}");
    assert_coded(&args, "Z023");
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_secret_key_as_a_trusted_key_is_z022() {
    let dir = tempfile::tempdir().unwrap();
    let key = keygen(dir.path(), "applicant", None);
    let stderr = assert_coded(
        &[
            "verify",
            "--trusted-key",
            key.to_str().unwrap(),
            dir.path().join("d.zip").to_str().unwrap(),
        ],
        "Z022",
    );
    assert!(stderr.contains("applicant.key"), "{stderr}");
}

#[test]
fn a_file_that_is_not_a_key_is_z024() {
    let dir = tempfile::tempdir().unwrap();
    let dossier = dir.path().join("d.zip");
    // The declaration, given for the key: far larger than a key, not read.
    let declaration = root().join(EXAMPLE).join("shenbao.yaml");
    assert_coded(
        &[
            "verify",
            "--trusted-key",
            declaration.to_str().unwrap(),
            dossier.to_str().unwrap(),
        ],
        "Z024",
    );
    // A short text that is no key.
    let notes = common::write(
        dir.path(),
        "notes.txt",
        "公钥请向申报单位索取
"
        .as_bytes(),
    );
    let stderr = assert_coded(
        &[
            "verify",
            "--trusted-key",
            notes.to_str().unwrap(),
            dossier.to_str().unwrap(),
        ],
        "Z024",
    );
    assert!(stderr.contains("base64"), "{stderr}");
    // A public key cut short when it was pasted.
    let key = keygen(dir.path(), "applicant", None);
    let public = std::fs::read_to_string(key.with_extension("pub")).unwrap();
    let cut = dir.path().join("cut.pub");
    std::fs::write(&cut, &public[..public.len() - 10]).unwrap();
    let stderr = assert_coded(
        &[
            "verify",
            "--trusted-key",
            cut.to_str().unwrap(),
            dossier.to_str().unwrap(),
        ],
        "Z024",
    );
    assert!(stderr.contains("cut.pub"), "{stderr}");
}

/// An attachment cut short while it is being packaged (still being copied
/// in, say): Z027, and no dossier.
#[cfg(unix)]
#[test]
fn an_attachment_that_changes_while_it_is_packaged_is_z027() {
    let dir = tempfile::tempdir().unwrap();
    let key = keygen(dir.path(), "applicant", None);
    let decl = dir.path().join("decl");
    std::fs::create_dir_all(decl.join("attachments")).unwrap();
    let example = root().join(EXAMPLE);
    for entry in std::fs::read_dir(example.join("attachments")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(
            entry.path(),
            decl.join("attachments").join(entry.file_name()),
        )
        .unwrap();
    }
    // A large (sparse) scan keeps the packaging reading long enough.
    let scan = decl.join("attachments/scan.png");
    let big = std::fs::File::create(&scan).unwrap();
    std::io::Write::write_all(&mut &big, b"\x89PNG\r\n\x1a\n").unwrap();
    big.set_len(3 << 30).unwrap();
    let yaml = std::fs::read_to_string(example.join("shenbao.yaml"))
        .unwrap()
        .replacen(
            "attachments:\n",
            "attachments:\n  - path: attachments/scan.png\n    kind: evidence\n",
            1,
        );
    std::fs::write(decl.join("shenbao.yaml"), yaml).unwrap();
    let profile = shenbao_check::call::EMBEDDED_2021
        .replacen("max_file_mib: 20", "max_file_mib: 8192", 1)
        .replacen("max_total_mib: 100", "max_total_mib: 8192", 1);
    let profile_path = dir.path().join("big.yaml");
    std::fs::write(&profile_path, profile).unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("shenbao"))
        .env("SHENBAO_AS_OF", "2021-03-25")
        .env("SHENBAO_LANG", "en")
        .env("NO_COLOR", "1")
        .args(["package", "--call"])
        .arg(&profile_path)
        .arg("--key")
        .arg(&key)
        .arg("-o")
        .arg(out_dir.join("d.zip"))
        .arg(&decl)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Once the temporary dossier holds more than the small files, the scan is
    // being read: cut it short.
    let start = std::time::Instant::now();
    let written = || {
        std::fs::read_dir(&out_dir)
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().len())
            .sum::<u64>()
    };
    while written() < 4 << 20 && start.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    std::fs::OpenOptions::new()
        .write(true)
        .open(&scan)
        .unwrap()
        .set_len(1 << 20)
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("[Z027]"), "{stderr}");
    assert!(stderr.contains("scan.png"), "{stderr}");
    assert!(!stderr.contains("os error"), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "left behind {left:?}");
}

/// Writing the dossier fails half way (here a file-size limit, as a full USB
/// stick would): Z028, in words, and nothing is left behind.
#[cfg(unix)]
#[test]
fn a_dossier_that_cannot_be_written_is_z028() {
    let dir = tempfile::tempdir().unwrap();
    let key = keygen(dir.path(), "applicant", None);
    let example = root().join(EXAMPLE);
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let output = out_dir.join("d.zip");
    let binary = assert_cmd::cargo::cargo_bin("shenbao");
    // Files may grow to 64 blocks (32 KiB or more): the form alone is larger.
    // SIGXFSZ ignored, so the write fails with EFBIG instead of a signal.
    let command = || {
        // shenbao()'s environment, for a shell that runs the binary.
        let mut command = Command::new("sh");
        command
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("SHENBAO_PASSWORD")
            .env("SHENBAO_AS_OF", "2021-03-25")
            .env("NO_COLOR", "1")
            .args(["-c", r#"trap "" XFSZ; ulimit -f 64; exec "$@""#, "sh"])
            .arg(&binary)
            .args(["package", "--key"])
            .arg(&key)
            .arg("-o")
            .arg(&output)
            .arg(&example);
        command
    };
    let stderr = assert_coded_by("package under ulimit -f", command, "Z028");
    assert!(stderr.contains("d.zip"), "{stderr}");
    assert!(stderr.contains("超过"), "{stderr}");
    assert!(!stderr.contains(".shenbao-"), "{stderr}");
    // Nothing outside the renderer (the ZIP writer's own complaint) either.
    assert!(stderr.starts_with("错误[Z028]"), "{stderr}");
    assert!(!stderr.contains("File too large"), "{stderr}");
    assert!(leftovers(&out_dir).is_empty(), "{:?}", leftovers(&out_dir));
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
