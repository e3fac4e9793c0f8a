//! Dossiers crafted by a hostile applicant: each ends in a coded verdict, in
//! linear time, and never costs another dossier its result.

mod common;

use common::forge::{forge, Payload};
use common::measure::measure;
use common::{root, shenbao, shenbao_std};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

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

/// `verify` of `zip` with the desk's key: status, stdout and the CPU time it
/// took (its own rusage: what else the machine runs does not count).
fn verify(desk: &Desk, zip: &Path) -> (i32, String, Duration) {
    let scratch = tempfile::tempdir().unwrap();
    let mut command = shenbao_std();
    command
        .args(["verify", "--trusted-key"])
        .arg(desk.dir.path().join("applicant.pub"))
        .arg(zip);
    let run = measure(command, scratch.path());
    (run.status, run.stdout, run.cpu)
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
    assert!(took < Duration::from_secs(2), "took {took:?} of CPU");
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
    assert!(took < Duration::from_secs(2), "took {took:?} of CPU");
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

// ---- finding 8: the signed content's shape ---------------------------------

const LICENCE: &str = "data/attachments/business-licence.pdf";

/// `verify` of the dossier forged from the desk's with `edit`: status and output.
fn forged(edit: impl FnOnce(&mut Payload)) -> (i32, String) {
    let desk = desk();
    let target = desk.dir.path().join("forged.zip");
    forge(
        &desk.zip,
        &desk.dir.path().join("applicant.key"),
        &target,
        edit,
    );
    let (status, stdout, took) = verify(&desk, &target);
    assert!(took < Duration::from_secs(2), "took {took:?} of CPU");
    (status, stdout)
}

fn replace(payload: &mut Payload, path: &str, bytes: Vec<u8>) {
    let file = payload.iter_mut().find(|(p, _)| p == path).unwrap();
    file.1 = bytes;
}

#[test]
fn a_dossier_forged_unchanged_passes_so_the_cases_below_mean_something() {
    let (status, stdout) = forged(|_| {});
    assert_eq!(status, 0, "{stdout}");
}

#[test]
fn a_signed_dossier_without_its_form_is_refused() {
    let (status, stdout) = forged(|payload| payload.retain(|(p, _)| p != "data/申报书.pdf"));
    assert_eq!(status, 1, "{stdout}");
    assert!(
        stdout.contains("[Z032]") && stdout.contains("is missing"),
        "{stdout}"
    );
}

#[test]
fn a_signed_form_that_is_not_a_pdf_is_refused() {
    let (status, stdout) =
        forged(|payload| replace(payload, "data/申报书.pdf", b"MZ\x90\0 a program".to_vec()));
    assert_eq!(status, 1, "{stdout}");
    assert!(
        stdout.contains("[Z032]") && stdout.contains("not a PDF"),
        "{stdout}"
    );
}

#[test]
fn a_signed_program_named_pdf_is_refused_by_the_attachment_rules() {
    let mut exe = b"MZ\x90\0\x03\0\0\0".to_vec();
    exe.resize(4096, 0);
    let (status, stdout) = forged(|payload| replace(payload, LICENCE, exe));
    assert_eq!(status, 1, "{stdout}");
    assert!(
        stdout.contains("[Z017]") && stdout.contains("T004"),
        "{stdout}"
    );
}

#[test]
fn a_signed_empty_attachment_is_refused() {
    let (status, stdout) = forged(|payload| replace(payload, LICENCE, Vec::new()));
    assert_eq!(status, 1, "{stdout}");
    assert!(
        stdout.contains("[Z017]") && stdout.contains("T003"),
        "{stdout}"
    );
}

#[test]
fn a_signed_attachment_over_the_size_limit_is_refused() {
    let (status, stdout) = forged(|payload| {
        let file = payload.iter_mut().find(|(p, _)| p == LICENCE).unwrap();
        file.1.resize(30 * 1024 * 1024, b' ');
    });
    assert_eq!(status, 1, "{stdout}");
    assert!(
        stdout.contains("[Z017]") && stdout.contains("T006"),
        "{stdout}"
    );
}

#[test]
fn a_signed_encrypted_pdf_is_refused() {
    let (status, stdout) = forged(|payload| {
        let file = payload.iter_mut().find(|(p, _)| p == LICENCE).unwrap();
        let text =
            String::from_utf8_lossy(&file.1).replace("trailer", "trailer <</Encrypt 9 0 R>>");
        assert!(
            text.contains("/Encrypt"),
            "the example licence has a trailer"
        );
        file.1 = text.into_bytes();
    });
    assert_eq!(status, 1, "{stdout}");
    assert!(
        stdout.contains("[Z017]") && stdout.contains("T005"),
        "{stdout}"
    );
}

#[test]
fn a_signed_file_the_declaration_does_not_list_is_refused() {
    let (status, stdout) = forged(|payload| {
        payload.push(("data/undeclared.exe".into(), b"MZ\x90\0".to_vec()));
    });
    assert_eq!(status, 1, "{stdout}");
    assert!(
        stdout.contains("[Z032]") && stdout.contains("undeclared.exe"),
        "{stdout}"
    );
}

// ---- finding 6: a thousand hostile files and one good dossier ---------------

/// The five kinds of hostile file `intake` is given, 200 of each: built
/// once each and copied (what matters is how many the office is handed).
fn hostile_kinds(desk: &Desk) -> Vec<Vec<u8>> {
    let good = std::fs::read(&desk.zip).unwrap();
    let scratch = desk.dir.path();
    let stored = || {
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored)
    };
    // 1,010 entries (just under the entry limit, so all are read), each a
    // symlink with an unsafe, escape-laden name.
    let mut links = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..1_010 {
        links
            .add_symlink(format!("bag/../evil%{i}\u{1b}[2J"), "/etc/passwd", stored())
            .unwrap();
    }
    let links = links.finish().unwrap().into_inner();
    // The good dossier with its manifest listing 999 files that are not there.
    let long = scratch.join("long.zip");
    rewrite(&desk.zip, &long, |name, mut bytes| {
        if name.ends_with("/manifest-sha256.txt") {
            for i in 0..999 {
                writeln!(bytes, "{}  data/m{i}.pdf", "0".repeat(64)).unwrap();
            }
        }
        bytes
    });
    // The good dossier with 1,000 files added that no manifest lists.
    let extra = scratch.join("extra.zip");
    let top = {
        let archive = zip::ZipArchive::new(std::fs::File::open(&desk.zip).unwrap()).unwrap();
        let first = archive.name_for_index(0).unwrap().unwrap().to_string();
        first.split('/').next().unwrap().to_string()
    };
    rewrite(&desk.zip, &extra, |_, bytes| bytes);
    {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&extra)
            .unwrap();
        let mut out = zip::ZipWriter::new_append(file).unwrap();
        for i in 0..1_000 {
            out.start_file(format!("{top}/data/x{i}{}.pdf", "y".repeat(200)), stored())
                .unwrap();
            out.write_all(b"%PDF").unwrap();
        }
        out.finish().unwrap();
    }
    // 64 MiB of zeros deflated: a bomb (written to a file as it goes: the
    // test process stays small, see common/measure.rs).
    let bomb_path = scratch.join("bomb.zip");
    let mut bomb = zip::ZipWriter::new(std::fs::File::create(&bomb_path).unwrap());
    bomb.start_file(
        "bag/data/bomb.pdf",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..64 {
        bomb.write_all(&zeros).unwrap();
    }
    bomb.finish().unwrap();
    let bomb = std::fs::read(bomb_path).unwrap();
    vec![
        links,
        std::fs::read(long).unwrap(),
        good[..good.len() / 2].to_vec(),
        bomb,
        std::fs::read(extra).unwrap(),
    ]
}

#[test]
fn intake_of_a_thousand_hostile_files_keeps_the_good_result_in_bounded_memory() {
    let desk = desk();
    let inbox = desk.dir.path().join("inbox");
    let keys = desk.dir.path().join("keys");
    std::fs::create_dir_all(&inbox).unwrap();
    std::fs::create_dir_all(&keys).unwrap();
    std::fs::copy(
        desk.dir.path().join("applicant.pub"),
        keys.join("applicant.pub"),
    )
    .unwrap();
    let kinds = hostile_kinds(&desk);
    for i in 0..1_000 {
        std::fs::write(inbox.join(format!("h{i:04}.zip")), &kinds[i % kinds.len()]).unwrap();
    }
    std::fs::copy(&desk.zip, inbox.join("zz-good.zip")).unwrap();
    let mut command = shenbao_std();
    command
        .arg("intake")
        .arg("--trusted-keys")
        .arg(&keys)
        .arg(&inbox);
    let run = measure(command, desk.dir.path());
    assert_eq!(run.status, 1, "{}", run.stderr);
    let summary = run.stdout.lines().last().unwrap_or_default();
    assert!(
        summary.starts_with("checked 1001 dossier(s): 1 ok, 1000 failed"),
        "{}",
        &run.stdout[run.stdout.len().saturating_sub(3000)..]
    );
    // The good dossier's row: accepted, not counted against by the forged copies.
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("1 ") && l.contains("accepted")),
        "{}",
        &run.stdout[run.stdout.len().saturating_sub(3000)..]
    );
    assert!(
        run.peak_bytes < 128 << 20,
        "intake peaked at {} MiB",
        run.peak_bytes >> 20
    );
}
