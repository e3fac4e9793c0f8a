//! The hostile audit's findings (issue 12), each reproduced as it was found
//! and held to what was promised: a coded diagnostic, exit 1 (a problem in
//! the input) or 2 (could not run), under 1 s of CPU and under 64 MB of
//! memory, measured on the command itself. Other files test each fix more
//! closely: outputs.rs (1), race.rs (2: 1,000 swaps of an attachment for a
//! link during `package`, none packed), terminal.rs (3), intake's table (4),
//! hostile_dossier.rs (5, 6, 8), byte_flips.rs (7), errors.rs (9, 11).

mod common;

use common::forge::forge;
use common::measure::{measure, Measured};
use common::{root, shenbao, shenbao_std};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A desk: a copy of the example declaration, a key pair, a dossier.
struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    fn new() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("decl");
        copy_dir(&root().join("examples/thermal-screening-robot"), &folder);
        let desk = Desk { dir };
        let out = shenbao()
            .args(["keygen", "--no-password", "-o"])
            .arg(desk.path("k"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let out = shenbao()
            .args(["package", "--key"])
            .arg(desk.path("k.key"))
            .arg("-o")
            .arg(desk.path("d.zip"))
            .arg(&folder)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        desk
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn s(&self, name: &str) -> String {
        self.path(name).to_str().unwrap().to_string()
    }

    /// The declaration with `from` replaced by `to` (which must occur).
    fn edit_declaration(&self, from: &str, to: &str) {
        let path = self.path("decl/shenbao.yaml");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    fn fifo(&self, name: &str) -> String {
        let path = self.path(name);
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(made.success());
        path.to_str().unwrap().to_string()
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// Run shenbao with `args` in the desk and hold the run to the promise:
/// `code` reported, exit `status`, under 1 s of CPU and 64 MB.
fn holds(desk: &Desk, finding: u32, args: &[String], code: &str, status: i32) -> Measured {
    let mut command = shenbao_std();
    command.current_dir(desk.dir.path()).args(args);
    let run = measure(command, desk.dir.path());
    let printed = format!("{}{}", run.stdout, run.stderr);
    let shown = &printed[..printed.len().min(3000)];
    assert!(
        printed.contains(&format!("[{code}]")),
        "finding {finding}: {args:?} did not report {code}:\n{shown}"
    );
    assert_eq!(run.status, status, "finding {finding}: {args:?}:\n{shown}");
    assert!(
        run.cpu < Duration::from_secs(1),
        "finding {finding}: {args:?} took {:?} of CPU",
        run.cpu
    );
    assert!(
        run.peak_bytes < 64 << 20,
        "finding {finding}: {args:?} peaked at {} MiB",
        run.peak_bytes >> 20
    );
    assert!(
        !printed.contains(['\u{1b}', '\r']),
        "finding {finding}: raw escapes reached the terminal:\n{shown}"
    );
    run
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn finding_1_outputs_never_overwrite_inputs() {
    let desk = Desk::new();
    let key = std::fs::read(desk.path("k.key")).unwrap();
    let (decl, k) = (desk.s("decl"), desk.s("k.key"));
    holds(
        &desk,
        1,
        &args(&["package", &decl, "--key", &k, "-o", &k]),
        "F012",
        2,
    );
    assert_eq!(std::fs::read(desk.path("k.key")).unwrap(), key);
    let yaml = desk.s("decl/shenbao.yaml");
    holds(
        &desk,
        1,
        &args(&["validate", &decl, "--report", &yaml]),
        "F012",
        2,
    );
    let d = desk.s("d.zip");
    holds(&desk, 1, &args(&["verify", &d, "--report", &d]), "F012", 2);
    let fifo = desk.fifo("pipe.pdf");
    holds(&desk, 1, &args(&["form", &decl, "-o", &fifo]), "F011", 2);
}

#[test]
fn finding_3_escapes_in_names_are_refused_and_never_printed_raw() {
    let desk = Desk::new();
    desk.edit_declaration(
        "name: 基于人工智能与远程操控的智能测温消杀防疫机器人",
        "name: \"测温机器人\\e[2J\\r通过\"",
    );
    holds(&desk, 3, &args(&["validate", &desk.s("decl")]), "U001", 1);
    // A dossier whose declaration gained a key full of escapes, signed again.
    forge(
        &desk.path("d.zip"),
        &desk.path("k.key"),
        &desk.path("esc.zip"),
        |payload| {
            let file = payload
                .iter_mut()
                .find(|(p, _)| p == "data/shenbao.yaml")
                .unwrap();
            file.1.extend_from_slice(b"\"\\e]0;owned\\a\\e[2J\": 1\n");
        },
    );
    let trusted = desk.s("k.pub");
    holds(
        &desk,
        3,
        &args(&["verify", "--trusted-key", &trusted, &desk.s("esc.zip")]),
        "Z017",
        1,
    );
}

#[test]
fn finding_4_formula_names_are_refused() {
    let desk = Desk::new();
    desk.edit_declaration(
        "name: 基于人工智能与远程操控的智能测温消杀防疫机器人",
        "name: \"@SUM(1+1)*cmd|' /C calc'!A0\"",
    );
    holds(&desk, 4, &args(&["validate", &desk.s("decl")]), "U004", 1);
}

#[test]
fn finding_6_endless_key_files_and_huge_archives_are_refused() {
    let desk = Desk::new();
    let decl = desk.s("decl");
    let out = desk.s("out.zip");
    holds(
        &desk,
        6,
        &args(&["package", &decl, "--key", "/dev/zero", "-o", &out]),
        "Z023",
        2,
    );
    holds(
        &desk,
        6,
        &args(&["verify", "--trusted-key", "/dev/zero", &desk.s("d.zip")]),
        "Z023",
        2,
    );
    // 65,535 entries: the most a ZIP holds without ZIP64 (its directory
    // alone is 4 MB); refused from the count in the end record.
    empty_entries(&desk.path("many.zip"), 65_535);
    holds(&desk, 6, &args(&["verify", &desk.s("many.zip")]), "Z030", 1);
}

/// A ZIP of `count` empty stored entries, written as it goes: the test
/// process stays small, since a measured command's peak memory as the
/// system reports it includes the process that started it (Linux carries
/// the parent's peak over at exec).
fn empty_entries(path: &Path, count: u32) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let name = |i: u32| format!("b/data/{i}");
    let mut offset = 0u32;
    let mut offsets = Vec::with_capacity(count as usize);
    let fixed = |sig: u32, central: bool, name: &str, at: u32| {
        let mut h = Vec::new();
        h.extend(sig.to_le_bytes());
        if central {
            h.extend(20u16.to_le_bytes()); // made by
        }
        h.extend(20u16.to_le_bytes()); // needed
        h.extend([0u8; 2 + 2 + 4 + 4 + 4 + 4]); // flags, method, time+date, crc, sizes
        h.extend((name.len() as u16).to_le_bytes());
        h.extend(0u16.to_le_bytes()); // extra
        if central {
            h.extend([0u8; 2 + 2 + 2 + 4]); // comment, disk, attributes
            h.extend(at.to_le_bytes());
        }
        h.extend(name.as_bytes());
        h
    };
    for i in 0..count {
        offsets.push(offset);
        let header = fixed(0x0403_4b50, false, &name(i), 0);
        out.write_all(&header).unwrap();
        offset += header.len() as u32;
    }
    let start = offset;
    for i in 0..count {
        let header = fixed(0x0201_4b50, true, &name(i), offsets[i as usize]);
        out.write_all(&header).unwrap();
        offset += header.len() as u32;
    }
    let mut end = Vec::new();
    end.extend(0x0605_4b50u32.to_le_bytes());
    end.extend([0u8; 4]);
    end.extend((count as u16).to_le_bytes());
    end.extend((count as u16).to_le_bytes());
    end.extend((offset - start).to_le_bytes());
    end.extend(start.to_le_bytes());
    end.extend([0u8; 2]);
    out.write_all(&end).unwrap();
}

#[test]
fn finding_7_junk_after_the_end_record_is_refused() {
    let desk = Desk::new();
    let mut bytes = std::fs::read(desk.path("d.zip")).unwrap();
    bytes.extend_from_slice(b"junk");
    std::fs::write(desk.path("junk.zip"), bytes).unwrap();
    let trusted = desk.s("k.pub");
    holds(
        &desk,
        7,
        &args(&["verify", "--trusted-key", &trusted, &desk.s("junk.zip")]),
        "Z031",
        1,
    );
}

#[test]
fn finding_8_signed_content_is_held_to_the_attachment_rules() {
    let desk = Desk::new();
    let trusted = desk.s("k.pub");
    forge(
        &desk.path("d.zip"),
        &desk.path("k.key"),
        &desk.path("exe.zip"),
        |payload| {
            let licence = payload
                .iter_mut()
                .find(|(p, _)| p.ends_with("business-licence.pdf"))
                .unwrap();
            licence.1 = b"MZ\x90\x00 a program".to_vec();
            payload.push(("data/undeclared.exe".into(), b"MZ\x90\x00".to_vec()));
        },
    );
    let run = holds(
        &desk,
        8,
        &args(&["verify", "--trusted-key", &trusted, &desk.s("exe.zip")]),
        "Z017",
        1,
    );
    assert!(
        run.stdout.contains("T004") && run.stdout.contains("[Z032]"),
        "{}",
        run.stdout
    );
}

#[test]
fn finding_9_fifos_are_refused_without_waiting() {
    let desk = Desk::new();
    let fifo = desk.fifo("shenbao.yaml");
    holds(&desk, 9, &args(&["validate", &fifo]), "F010", 2);
    let zip = desk.fifo("pipe.zip");
    holds(&desk, 9, &args(&["verify", &zip]), "F010", 2);
    let key = desk.fifo("pipe.key");
    let (decl, out) = (desk.s("decl"), desk.s("out.zip"));
    holds(
        &desk,
        9,
        &args(&["package", &decl, "--key", &key, "-o", &out]),
        "Z023",
        2,
    );
    let call = desk.fifo("call.yaml");
    holds(
        &desk,
        9,
        &args(&["validate", &decl, "--call", &call]),
        "F010",
        2,
    );
}

#[test]
fn finding_10_names_that_would_break_later_are_refused_at_validate() {
    let desk = Desk::new();
    desk.edit_declaration(
        "name: 基于人工智能与远程操控的智能测温消杀防疫机器人",
        "name: \"测温\\u200b机器人\\u202e\"",
    );
    holds(&desk, 10, &args(&["validate", &desk.s("decl")]), "U002", 1);
    let desk = Desk::new();
    std::fs::rename(
        desk.path("decl/attachments/robot-photo.png"),
        desk.path("decl/attachments/CON.png"),
    )
    .unwrap();
    desk.edit_declaration("attachments/robot-photo.png", "attachments/CON.png");
    holds(&desk, 10, &args(&["validate", &desk.s("decl")]), "T007", 1);
}

#[test]
fn finding_11_messages_say_what_happened() {
    let desk = Desk::new();
    let (decl, out) = (desk.s("decl"), desk.s("out.zip"));
    let public = desk.s("k.pub");
    let run = holds(
        &desk,
        11,
        &args(&["package", &decl, "--key", &public, "-o", &out]),
        "Z022",
        2,
    );
    assert!(!run.stderr.contains("wrong password"), "{}", run.stderr);
    // A symlink loop is the same finding, with the same status, in validate
    // and in package.
    let photo = desk.path("decl/attachments/robot-photo.png");
    std::fs::remove_file(&photo).unwrap();
    std::os::unix::fs::symlink("loop.png", &photo).unwrap();
    std::os::unix::fs::symlink("robot-photo.png", desk.path("decl/attachments/loop.png")).unwrap();
    let k = desk.s("k.key");
    for command in [
        args(&["validate", &decl]),
        args(&["package", &decl, "--key", &k, "-o", &out]),
    ] {
        let run = holds(&desk, 11, &command, "T002", 1);
        let printed = run.stdout + &run.stderr;
        assert!(printed.contains("symbolic link to nothing"), "{printed}");
    }
}

#[test]
fn finding_5_a_manifest_of_32k_missing_files_is_refused_at_once() {
    use std::io::{Read, Write};
    let desk = Desk::new();
    let mut archive =
        zip::ZipArchive::new(std::fs::File::open(desk.path("d.zip")).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(desk.path("long.zip")).unwrap());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name.ends_with("/manifest-sha256.txt") {
            for i in 0..32_000 {
                writeln!(bytes, "{}  data/missing-{i}.pdf", "0".repeat(64)).unwrap();
            }
        }
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        out.start_file(name.as_str(), stored).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
    let trusted = desk.s("k.pub");
    holds(
        &desk,
        5,
        &args(&["verify", "--trusted-key", &trusted, &desk.s("long.zip")]),
        "Z030",
        1,
    );
}
