//! Dossiers crafted by a hostile applicant: each ends in a coded verdict, in
//! linear time, and never costs another dossier its result.

mod common;

use common::{root, shenbao};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A key pair and a dossier packaged from an example, in a temp folder.
struct Desk {
    dir: tempfile::TempDir,
    zip: PathBuf,
}

fn desk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("applicant");
    let out = shenbao()
        .args(["keygen", "--no-password", "-o"])
        .arg(&base)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let zip = dir.path().join("dossier.zip");
    let out = shenbao()
        .args(["package", "--key"])
        .arg(base.with_extension("key"))
        .arg("-o")
        .arg(&zip)
        .arg(root().join("examples/thermal-screening-robot"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Desk { dir, zip }
}

/// Copy `zip` to `target`, passing each entry's name and bytes through `edit`.
fn rewrite(zip: &Path, target: &Path, edit: impl Fn(&str, Vec<u8>) -> Vec<u8>) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(target).unwrap());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .unix_permissions(0o644);
        out.start_file(name.as_str(), options).unwrap();
        out.write_all(&edit(&name, bytes)).unwrap();
    }
    out.finish().unwrap();
}

fn verify(desk: &Desk, zip: &Path) -> (i32, String, Duration) {
    let start = Instant::now();
    let output = shenbao()
        .args(["verify", "--trusted-key"])
        .arg(desk.dir.path().join("applicant.pub"))
        .arg(zip)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let took = start.elapsed();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    (output.status.code().unwrap_or(-1), stdout, took)
}

#[test]
fn a_manifest_of_32k_missing_files_is_rejected_in_linear_time() {
    let desk = desk();
    let hostile = desk.dir.path().join("long-manifest.zip");
    rewrite(&desk.zip, &hostile, |name, mut bytes| {
        if name.ends_with("/manifest-sha256.txt") {
            for i in 0..32_000 {
                writeln!(bytes, "{}  data/missing-{i}.pdf", "0".repeat(64)).unwrap();
            }
        }
        bytes
    });
    let (status, stdout, took) = verify(&desk, &hostile);
    assert_eq!(status, 1, "{}", &stdout[..stdout.len().min(2000)]);
    assert!(stdout.contains("[Z030]"), "{stdout}");
    // It took 78 s when each missing file searched every finding so far.
    assert!(took < Duration::from_secs(2), "took {took:?}");
}

#[test]
fn a_zip_of_thousands_of_entries_is_refused_before_its_directory_is_read() {
    let desk = desk();
    let hostile = desk.dir.path().join("many.zip");
    let mut out = zip::ZipWriter::new(std::fs::File::create(&hostile).unwrap());
    for i in 0..5_000 {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        out.start_file(format!("bag/data/{i}"), options).unwrap();
    }
    out.finish().unwrap();
    let (status, stdout, took) = verify(&desk, &hostile);
    assert_eq!(status, 1, "{stdout}");
    assert!(stdout.contains("[Z030]"), "{stdout}");
    assert!(took < Duration::from_secs(2), "took {took:?}");
}

#[test]
fn one_hostile_dossier_does_not_cost_the_others_their_result() {
    let desk = desk();
    let hostile = desk.dir.path().join("long-manifest.zip");
    rewrite(&desk.zip, &hostile, |name, mut bytes| {
        if name.ends_with("/manifest-sha256.txt") {
            bytes.extend(b"garbage line\n");
        }
        bytes
    });
    let (status, stdout, _) = {
        let output = shenbao()
            .args(["verify", "--trusted-key"])
            .arg(desk.dir.path().join("applicant.pub"))
            .arg(&hostile)
            .arg(&desk.zip)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        (output.status.code().unwrap_or(-1), stdout, ())
    };
    assert_eq!(status, 1, "{stdout}");
    assert!(stdout.contains("✘") && stdout.contains("✔"), "{stdout}");
}
