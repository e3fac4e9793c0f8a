//! No command writes over what it was given, or over anything but a regular
//! file: each try ends in F011 or F012 (exit 2) and leaves the input as it was.

mod common;

use common::{root, shenbao};
use std::path::{Path, PathBuf};

/// A copy of a passing example in a temp folder.
fn example() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("decl");
    let source = root().join("examples/thermal-screening-robot");
    std::fs::create_dir_all(folder.join("attachments")).unwrap();
    std::fs::copy(source.join("shenbao.yaml"), folder.join("shenbao.yaml")).unwrap();
    for entry in std::fs::read_dir(source.join("attachments")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(
            entry.path(),
            folder.join("attachments").join(entry.file_name()),
        )
        .unwrap();
    }
    (dir, folder)
}

/// Exit 2 with `code`, and `guarded` byte for byte as before.
fn refused(args: &[&str], code: &str, guarded: &Path) {
    let before = std::fs::read(guarded).unwrap();
    let output = shenbao().args(args).output().unwrap();
    let printed = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{args:?}:\n{printed}");
    assert!(
        printed.contains(&format!("[{code}]")),
        "{args:?}:\n{printed}"
    );
    assert_eq!(
        std::fs::read(guarded).unwrap(),
        before,
        "{args:?} changed {guarded:?}"
    );
}

#[test]
fn form_never_writes_over_the_declaration_or_an_attachment() {
    let (_dir, folder) = example();
    let decl = folder.join("shenbao.yaml");
    let photo = folder.join("attachments/robot-photo.png");
    let d = folder.to_str().unwrap();
    refused(&["form", d, "-o", decl.to_str().unwrap()], "F012", &decl);
    refused(&["form", d, "-o", photo.to_str().unwrap()], "F012", &photo);
    // Another spelling of the same file, and a link to it, are the same file.
    let dotted = folder.join("attachments/../attachments/robot-photo.png");
    refused(&["form", d, "-o", dotted.to_str().unwrap()], "F012", &photo);
    #[cfg(unix)]
    {
        let link = folder.join("link.png");
        std::os::unix::fs::symlink(&photo, &link).unwrap();
        refused(&["form", d, "-o", link.to_str().unwrap()], "F012", &photo);
    }
}

#[test]
fn validate_never_writes_its_report_over_a_declaration() {
    let (_dir, folder) = example();
    let decl = folder.join("shenbao.yaml");
    refused(
        &[
            "validate",
            folder.to_str().unwrap(),
            "--report",
            decl.to_str().unwrap(),
        ],
        "F012",
        &decl,
    );
}

#[cfg(unix)]
#[test]
fn devices_fifos_and_folders_are_never_outputs() {
    let (dir, folder) = example();
    let d = folder.to_str().unwrap();
    let fifo = dir.path().join("pipe");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    for target in [
        "/dev/null",
        fifo.to_str().unwrap(),
        dir.path().to_str().unwrap(),
    ] {
        let output = shenbao().args(["form", d, "-o", target]).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{target}:\n{stderr}");
        assert!(stderr.contains("[F011]"), "{target}:\n{stderr}");
    }
    // /dev/null is still the character device it was.
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

/// A key pair `k.key`/`k.pub` (no password) in `dir`.
fn key_pair(dir: &Path) -> (PathBuf, PathBuf) {
    let base = dir.join("k");
    let output = shenbao()
        .args(["keygen", "--no-password", "-o", base.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    (base.with_extension("key"), base.with_extension("pub"))
}

/// A dossier of the example, signed with `key`, at `to`.
fn dossier(folder: &Path, key: &Path, to: &Path) {
    let output = shenbao()
        .args(["package", folder.to_str().unwrap(), "--key"])
        .arg(key)
        .arg("-o")
        .arg(to)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
}

#[test]
fn package_never_writes_over_its_key_declaration_attachment_or_profile() {
    let (dir, folder) = example();
    let (key, _) = key_pair(&folder);
    let d = folder.to_str().unwrap();
    let k = key.to_str().unwrap();
    let decl = folder.join("shenbao.yaml");
    let photo = folder.join("attachments/robot-photo.png");
    refused(&["package", d, "--key", k, "-o", k], "F012", &key);
    for guarded in [&decl, &photo] {
        refused(
            &["package", d, "--key", k, "-o", guarded.to_str().unwrap()],
            "F012",
            guarded,
        );
    }
    let call = dir.path().join("call.yaml");
    std::fs::copy(root().join("schemas/calls/miit-xxxf-2021.yaml"), &call).unwrap();
    let c = call.to_str().unwrap();
    refused(
        &["package", d, "--key", k, "--call", c, "-o", c],
        "F012",
        &call,
    );
    // No temp file was left beside any of them.
    for folder in [folder.as_path(), folder.join("attachments").as_path()] {
        let left: Vec<_> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n.to_string_lossy().starts_with(".shenbao-"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}

#[test]
fn verify_never_writes_its_report_over_a_dossier_or_a_key() {
    let (dir, folder) = example();
    let (key, public) = key_pair(dir.path());
    let zip = dir.path().join("d.zip");
    dossier(&folder, &key, &zip);
    let z = zip.to_str().unwrap();
    refused(&["verify", z, "--report", z], "F012", &zip);
    let p = public.to_str().unwrap();
    refused(
        &["verify", z, "--trusted-key", p, "--report", p],
        "F012",
        &public,
    );
}

#[test]
fn intake_never_writes_a_table_over_a_dossier_a_key_or_its_other_table() {
    let (dir, folder) = example();
    let keys = dir.path().join("keys");
    std::fs::create_dir(&keys).unwrap();
    let (key, public) = key_pair(&keys);
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    let zip = inbox.join("d1.zip");
    dossier(&folder, &key, &zip);
    let (i, z) = (inbox.to_str().unwrap(), zip.to_str().unwrap());
    refused(&["intake", i, "--csv", z], "F012", &zip);
    refused(&["intake", i, "--pdf", z], "F012", &zip);
    let t = keys.to_str().unwrap();
    refused(
        &[
            "intake",
            i,
            "--trusted-keys",
            t,
            "--csv",
            public.to_str().unwrap(),
        ],
        "F012",
        &public,
    );
    // The same new file for both tables: the second would replace the first.
    let table = dir.path().join("table.out");
    let output = shenbao()
        .args(["intake", i, "--csv", table.to_str().unwrap()])
        .args(["--pdf", table.to_str().unwrap()])
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{printed}");
    assert!(printed.contains("[F012]"), "{printed}");
}

#[test]
fn recommend_never_writes_its_bundle_over_its_key_or_a_dossier() {
    let (dir, folder) = example();
    let (key, public) = key_pair(dir.path());
    let keys = dir.path().join("keys");
    std::fs::create_dir(&keys).unwrap();
    std::fs::copy(&public, keys.join("k.pub")).unwrap();
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    let zip = inbox.join("d1.zip");
    dossier(&folder, &key, &zip);
    let (i, k) = (inbox.to_str().unwrap(), key.to_str().unwrap());
    let base = ["recommend", i, "--office", "测试局", "--key", k];
    let with = |extra: &[&'static str], o: &str| -> Vec<String> {
        base.iter()
            .chain(extra)
            .map(|s| s.to_string())
            .chain(["-o".to_string(), o.to_string()])
            .collect()
    };
    let args = with(&[], k);
    refused(
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
        "F012",
        &key,
    );
    let args = with(&[], zip.to_str().unwrap());
    refused(
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
        "F012",
        &zip,
    );
    let trusted = keys.join("k.pub");
    let t = keys.to_str().unwrap().to_string();
    let mut args = base.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    args.extend([
        "--trusted-keys".into(),
        t,
        "-o".into(),
        trusted.to_str().unwrap().into(),
    ]);
    refused(
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
        "F012",
        &trusted,
    );
}

#[test]
fn recommend_without_o_never_writes_its_default_bundle_over_a_dossier() {
    let (dir, folder) = example();
    let (key, _) = key_pair(dir.path());
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    // The dossier happens to bear the name the bundle takes by default (the
    // office's name and the date: SHENBAO_AS_OF is 2021-03-25).
    let zip = inbox.join("shenbao-recommendation-测试局-20210325.zip");
    dossier(&folder, &key, &zip);
    let before = std::fs::read(&zip).unwrap();
    let output = shenbao()
        .current_dir(&inbox)
        .args(["recommend", ".", "--office", "测试局", "--key"])
        .arg(&key)
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{printed}");
    assert!(printed.contains("[F012]"), "{printed}");
    assert_eq!(std::fs::read(&zip).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn keygen_and_package_refuse_devices_and_fifos() {
    let (dir, folder) = example();
    let fifo = dir.path().join("pipe.key");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let base = dir.path().join("pipe");
    let output = shenbao()
        .args(["keygen", "--no-password", "-o", base.to_str().unwrap()])
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{printed}");
    assert!(printed.contains("[F011]"), "{printed}");
    let (key, _) = key_pair(dir.path());
    for target in ["/dev/null", fifo.to_str().unwrap()] {
        let output = shenbao()
            .args(["package", folder.to_str().unwrap(), "--key"])
            .arg(&key)
            .args(["-o", target])
            .output()
            .unwrap();
        let printed = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{target}: {printed}");
        assert!(printed.contains("[F011]"), "{target}: {printed}");
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn package_into_a_folder_writes_the_dossier_there_under_its_own_name() {
    let (dir, folder) = example();
    let (key, _) = key_pair(dir.path());
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    dossier(&folder, &key, &inbox);
    let written: Vec<_> = std::fs::read_dir(&inbox)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(written[0].ends_with(".zip"), "{written:?}");
    // A folder written with a trailing slash that does not exist is said to
    // be missing, and nothing is written.
    let output = shenbao()
        .args(["package", folder.to_str().unwrap(), "--key"])
        .arg(&key)
        .args(["-o", &format!("{}/", dir.path().join("missing").display())])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("[F006]") && stderr.contains("no such file or folder"),
        "{stderr}"
    );
    assert!(!dir.path().join("missing").exists());
}

/// The code after "verification code " in `text`.
fn printed_code(text: &str) -> String {
    let at =
        text.find("verification code ").expect("a code is printed") + "verification code ".len();
    text[at..].chars().take(14).collect()
}

#[test]
fn form_and_package_print_one_code_for_one_content_and_verify_takes_either() {
    for example in [
        "thermal-screening-robot",
        "remote-diagnosis-platform",
        "city-brain-platform",
        "experience-centre",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("decl");
        let source = root().join("examples").join(example);
        for entry in walkdir::WalkDir::new(&source) {
            let entry = entry.unwrap();
            let to = folder.join(entry.path().strip_prefix(&source).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        let (key, public) = key_pair(dir.path());
        let form = shenbao()
            .args(["form", folder.to_str().unwrap(), "-o"])
            .arg(dir.path().join("form.pdf"))
            .output()
            .unwrap();
        assert!(form.status.success(), "{form:?}");
        let form_code = printed_code(&String::from_utf8_lossy(&form.stdout));
        let zip = dir.path().join("dossier.zip");
        let package = shenbao()
            .args(["package", folder.to_str().unwrap(), "--key"])
            .arg(&key)
            .arg("-o")
            .arg(&zip)
            .output()
            .unwrap();
        assert!(package.status.success(), "{package:?}");
        let package_code = printed_code(&String::from_utf8_lossy(&package.stdout));
        assert_eq!(form_code, package_code, "{example}");
        let verify = shenbao()
            .args(["verify", "--trusted-key"])
            .arg(&public)
            .args(["--paper-code", &form_code])
            .arg(&zip)
            .output()
            .unwrap();
        assert!(verify.status.success(), "{example}: {verify:?}");
        // --trusted-key takes a folder of keys too, as on intake and recommend.
        let by_folder = shenbao()
            .arg("verify")
            .arg("--trusted-key")
            .arg(public.parent().unwrap())
            .arg(&zip)
            .output()
            .unwrap();
        assert!(by_folder.status.success(), "{example}: {by_folder:?}");
    }
}
