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
