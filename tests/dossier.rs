//! The signed dossier: package → verify round trip, determinism, outside
//! tools (minisign CLI, Python bagit, unzip), and a corpus of hostile and
//! tampered archives built here, each rejected with its code. .ci/run installs
//! minisign (Debian) and bagit (PyPI).

mod common;

use common::{root, run_json, shenbao};
use shenbao_check::call::CallProfile;
use shenbao_dossier::verify::{verify, VerifyOptions};
use std::path::{Path, PathBuf};
use std::process::Command;

struct Fixture {
    dir: tempfile::TempDir,
    zip: PathBuf,
    public: PathBuf,
    code: String,
}

fn packaged(example: &str) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("applicant");
    let out = shenbao()
        .args(["keygen", "--no-password", "-o"])
        .arg(&base)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let zip = dir.path().join("dossier.zip");
    let out = shenbao()
        .args(["package", "--key"])
        .arg(base.with_extension("key"))
        .arg("-o")
        .arg(&zip)
        .arg(root().join("examples").join(example))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let code = stdout
        .rsplit("verification code ")
        .next()
        .unwrap()
        .trim()
        .to_string();
    Fixture {
        public: base.with_extension("pub"),
        zip,
        code,
        dir,
    }
}

fn codes(zip: &Path, extra: &[&str]) -> (i32, Vec<String>) {
    let mut args = vec!["verify"];
    args.extend_from_slice(extra);
    args.push(zip.to_str().unwrap());
    let (status, json) = run_json(&args);
    let codes = json["results"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    (status, codes)
}

fn tool(name: &str, args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(name)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed for these tests (.ci/run installs it): {e}"))
}

/// Rewrite the dossier with Python's zipfile: `edit` is Python code run with
/// `src` (a ZipFile), `dst` (a ZipFile for writing), `top` (the bag folder)
/// and `copy(name, data=None, **info)` in scope.
fn rewrite(fixture: &Fixture, name: &str, edit: &str) -> PathBuf {
    let target = fixture.dir.path().join(name);
    let script = format!(
        r#"
import sys, zipfile, warnings
warnings.simplefilter("ignore")
src = zipfile.ZipFile(sys.argv[1])
dst = zipfile.ZipFile(sys.argv[2], "w")
top = src.namelist()[0].split("/")[0]
def copy(name, data=None, **info):
    old = src.getinfo(name) if name in src.namelist() else zipfile.ZipInfo(name)
    new = zipfile.ZipInfo(info.pop("rename", name), date_time=(1980, 1, 1, 0, 0, 0))
    new.compress_type = info.pop("compress_type", old.compress_type)
    new.external_attr = info.pop("external_attr", old.external_attr or (0o100644 << 16))
    # The original's versions, so an unchanged copy stays canonical (Z031).
    new.create_version, new.extract_version = old.create_version, old.extract_version
    new.flag_bits |= info.pop("flag_bits", 0)
    dst.writestr(new, src.read(name) if data is None else data)
{edit}
dst.close()
"#
    );
    let out = Command::new("python3")
        .current_dir(fixture.dir.path())
        .arg("-c")
        .arg(script)
        .arg(&fixture.zip)
        .arg(&target)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    target
}

const COPY_ALL: &str = "for n in src.namelist(): copy(n)";

#[test]
fn package_then_verify_round_trip() {
    let f = packaged("thermal-screening-robot");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode(&f.dir.path().join("applicant.key")),
            0o600,
            "the secret key is private"
        );
        assert_eq!(mode(&f.public), 0o644);
        assert_eq!(mode(&f.zip), 0o644);
    }
    let (status, found) = codes(&f.zip, &["--trusted-key", f.public.to_str().unwrap()]);
    assert_eq!((status, found), (0, vec![]));
    // Without a trusted key the signature still verifies, with a warning.
    let (status, found) = codes(&f.zip, &[]);
    assert_eq!((status, found), (0, vec!["Z016".to_string()]));
    // The code printed on the paper form is checked, however it is typed.
    let lower = f.code.to_lowercase().replace('-', "");
    let (status, found) = codes(
        &f.zip,
        &[
            "--trusted-key",
            f.public.to_str().unwrap(),
            "--paper-code",
            &lower,
        ],
    );
    assert_eq!((status, found), (0, vec![]));
    let (status, found) = codes(
        &f.zip,
        &[
            "--trusted-key",
            f.public.to_str().unwrap(),
            "--paper-code",
            "0000-0000-0000",
        ],
    );
    assert_eq!((status, found), (1, vec!["Z018".to_string()]));
}

#[test]
fn another_key_is_not_trusted() {
    let f = packaged("thermal-screening-robot");
    let other = f.dir.path().join("other");
    shenbao()
        .args(["keygen", "--no-password", "-o"])
        .arg(&other)
        .output()
        .unwrap();
    let (status, found) = codes(
        &f.zip,
        &[
            "--trusted-key",
            other.with_extension("pub").to_str().unwrap(),
        ],
    );
    assert_eq!((status, found), (1, vec!["Z016".to_string()]));
}

#[test]
fn the_same_inputs_and_key_give_the_same_bytes() {
    let f = packaged("remote-diagnosis-platform");
    let again = f.dir.path().join("again.zip");
    let out = shenbao()
        .args(["package", "--key"])
        .arg(f.dir.path().join("applicant.key"))
        .arg("-o")
        .arg(&again)
        .arg(root().join("examples/remote-diagnosis-platform"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read(&f.zip).unwrap(),
        std::fs::read(&again).unwrap()
    );
    // Listed in name order, with fixed times and permissions.
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&f.zip).unwrap()).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().to_string())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    let listed: Vec<String> = (0..archive.len())
        .map(|i| archive.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    assert_eq!(listed, sorted);
    for i in 0..archive.len() {
        let entry = archive.by_index(i).unwrap();
        assert_eq!(entry.unix_mode(), Some(0o100644), "{:?}", entry.name());
    }
}

#[test]
fn standard_tools_accept_the_dossier() {
    let f = packaged("city-brain-platform");
    let out = tool("unzip", &["-t", f.zip.to_str().unwrap()], f.dir.path());
    assert!(
        out.status.success(),
        "unzip -t: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let unpacked = f.dir.path().join("unpacked");
    let out = tool(
        "unzip",
        &[
            "-q",
            f.zip.to_str().unwrap(),
            "-d",
            unpacked.to_str().unwrap(),
        ],
        f.dir.path(),
    );
    assert!(out.status.success());
    let bag = std::fs::read_dir(&unpacked)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let out = tool(
        "minisign",
        &[
            "-V",
            "-p",
            f.public.to_str().unwrap(),
            "-m",
            "tagmanifest-sha256.txt",
            "-x",
            "tagmanifest-sha256.txt.minisig",
        ],
        &bag,
    );
    assert!(
        out.status.success(),
        "minisign -V: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = tool("python3", &["-m", "bagit", "--validate", "."], &bag);
    assert!(
        out.status.success(),
        "bagit: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = tool("sha256sum", &["-c", "manifest-sha256.txt"], &bag);
    assert!(out.status.success(), "sha256sum -c");
}

#[test]
fn a_signature_made_by_the_minisign_cli_verifies() {
    let f = packaged("thermal-screening-robot");
    let d = f.dir.path();
    let out = tool(
        "minisign",
        &["-G", "-W", "-f", "-p", "cli.pub", "-s", "cli.key"],
        d,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Sign our tag manifest with the CLI and put its signature and key in the bag.
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&f.zip).unwrap()).unwrap();
    let top = archive
        .file_names()
        .next()
        .unwrap()
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let mut tag_manifest = Vec::new();
    std::io::Read::read_to_end(
        &mut archive
            .by_name(&format!("{top}/tagmanifest-sha256.txt"))
            .unwrap(),
        &mut tag_manifest,
    )
    .unwrap();
    std::fs::write(d.join("tm.txt"), &tag_manifest).unwrap();
    let out = tool(
        "minisign",
        &[
            "-S",
            "-s",
            "cli.key",
            "-m",
            "tm.txt",
            "-t",
            "signed by the minisign CLI",
        ],
        d,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let resigned = rewrite(
        &f,
        "cli-signed.zip",
        r#"
for n in src.namelist():
    if n.endswith(".minisig"):
        copy(n, open("tm.txt.minisig", "rb").read())
    elif n.endswith("signer.pub"):
        copy(n, open("cli.pub", "rb").read())
    else:
        copy(n)
"#,
    );
    let out = shenbao()
        .current_dir(d)
        .args(["verify", "--format", "json", "--trusted-key", "cli.pub"])
        .arg(&resigned)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{json:#}");
}

/// Run `tool` with `input` on its standard input (minisign reads a password
/// there when it is not a terminal).
fn tool_with_input(name: &str, args: &[&str], dir: &Path, input: &str) -> std::process::Output {
    use std::io::Write as _;
    let mut child = Command::new(name)
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{name} is needed for these tests (.ci/run installs it): {e}"));
    // A tool that needs no input may exit before reading it: a closed pipe is
    // then no failure of ours (its exit status and output say how it went).
    let written = child.stdin.take().unwrap().write_all(input.as_bytes());
    if let Err(err) = written {
        assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe, "{name}: {err}");
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_key_made_by_the_minisign_cli_packages_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // The CLI's unencrypted key: its checksum is left as zeros.
    let out = tool(
        "minisign",
        &["-G", "-W", "-p", "cli.pub", "-s", "cli.key"],
        d,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let zip = d.join("dossier.zip");
    let out = shenbao()
        .args(["package", "--key"])
        .arg(d.join("cli.key"))
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
    let (status, found) = codes(
        &zip,
        &["--trusted-key", d.join("cli.pub").to_str().unwrap()],
    );
    assert_eq!((status, found), (0, vec![]));
}

#[test]
fn the_minisign_cli_signs_with_keys_from_shenbao_keygen() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("data.txt"), "申报材料\n").unwrap();
    let password = "口令 pass";
    for (name, protected) in [("plain", false), ("protected", true)] {
        let mut keygen = shenbao();
        keygen.args(["keygen", "-o"]).arg(d.join(name));
        if protected {
            keygen.env("SHENBAO_PASSWORD", password);
        } else {
            keygen.arg("--no-password");
        }
        let out = keygen.output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let key = format!("{name}.key");
        let signature = format!("{name}.minisig");
        let mut sign = vec!["-S", "-s", &key, "-m", "data.txt", "-x", &signature];
        if !protected {
            sign.push("-W");
        }
        let out = tool_with_input("minisign", &sign, d, &format!("{password}\n"));
        assert!(
            out.status.success(),
            "{name}: minisign -S: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let public = format!("{name}.pub");
        let out = tool(
            "minisign",
            &["-V", "-p", &public, "-m", "data.txt", "-x", &signature],
            d,
        );
        assert!(
            out.status.success(),
            "{name}: minisign -V: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Build one hostile archive and expect its code, quickly and without a panic.
fn rejected(fixture: &Fixture, name: &str, edit: &str, code: &str) {
    let zip = rewrite(fixture, name, edit);
    let (status, found) = codes(&zip, &["--trusted-key", fixture.public.to_str().unwrap()]);
    assert_eq!(status, 1, "{name}: {found:?}");
    assert!(
        found.contains(&code.to_string()),
        "{name}: expected {code}, got {found:?}"
    );
}

#[test]
fn hostile_archives_are_rejected_with_their_codes() {
    let f = packaged("thermal-screening-robot");
    let licence = "top + '/data/attachments/business-licence.pdf'";
    rejected(
        &f,
        "dup.zip",
        &format!("{COPY_ALL}\ncopy({licence})"),
        "Z003",
    );
    rejected(
        &f,
        "abs.zip",
        &format!("{COPY_ALL}\ncopy({licence}, rename='/tmp/evil.pdf')"),
        "Z004",
    );
    rejected(
        &f,
        "dotdot.zip",
        &format!("{COPY_ALL}\ncopy({licence}, rename=top + '/../../evil.pdf')"),
        "Z004",
    );
    rejected(
        &f,
        "backslash.zip",
        &format!("{COPY_ALL}\ncopy({licence}, rename=top + '\\\\data\\\\x.pdf')"),
        "Z004",
    );
    rejected(
        &f,
        "symlink.zip",
        &format!(
            "{COPY_ALL}\ncopy({licence}, rename=top + '/data/link', external_attr=0o120777 << 16)"
        ),
        "Z005",
    );
    // Python writes no encrypted entries: set the flag bit in both headers.
    let encrypted = rewrite(
        &f,
        "encrypted.zip",
        &format!("{COPY_ALL}\ncopy({licence}, rename=top + '/data/secret.pdf')"),
    );
    let mut bytes = std::fs::read(&encrypted).unwrap();
    let name = b"/data/secret.pdf";
    let hits: Vec<usize> = (0..bytes.len() - name.len())
        .filter(|&i| &bytes[i..i + name.len()] == name)
        .collect();
    assert_eq!(hits.len(), 2, "local header and central directory");
    for hit in hits {
        let header = (hit.saturating_sub(200)..hit)
            .rev()
            .find(|&i| bytes[i..].starts_with(b"PK"))
            .unwrap();
        let flag_at = if bytes[header + 2] == 3 { 6 } else { 8 };
        bytes[header + flag_at] |= 1;
    }
    std::fs::write(&encrypted, bytes).unwrap();
    let (status, found) = codes(&encrypted, &[]);
    assert_eq!(status, 1);
    assert!(found.contains(&"Z006".to_string()), "{found:?}");
    rejected(&f, "bzip2.zip", &format!("{COPY_ALL}\ncopy({licence}, rename=top + '/data/x.pdf', compress_type=zipfile.ZIP_BZIP2)"), "Z007");
    rejected(
        &f,
        "bomb.zip",
        &format!("{COPY_ALL}\ncopy(top + '/data/bomb.bin', b'\\0' * (64 << 20), compress_type=zipfile.ZIP_DEFLATED)"),
        "Z009",
    );
    rejected(
        &f,
        "missing.zip",
        &format!("for n in src.namelist():\n    if n != {licence}: copy(n)"),
        "Z012",
    );
    rejected(
        &f,
        "extra.zip",
        &format!("{COPY_ALL}\ncopy(top + '/data/extra.pdf', b'%PDF-1.4 extra')"),
        "Z013",
    );
    rejected(
        &f,
        "modified.zip",
        &format!(
            "for n in src.namelist():\n    copy(n, b'%PDF-1.4 forged' if n == {licence} else None)"
        ),
        "Z014",
    );
    rejected(
        &f,
        "baginfo.zip",
        "for n in src.namelist():\n    copy(n, src.read(n).replace(b'Bagging-Date: ', b'Bagging-Date: 1') if n.endswith('bag-info.txt') else None)",
        "Z014",
    );
    rejected(
        &f,
        "resigned-manifest.zip",
        "for n in src.namelist():\n    copy(n, src.read(n).replace(b'  data/', b' data/', 1) if n.endswith('/manifest-sha256.txt') else None)",
        "Z014",
    );
    rejected(
        &f,
        "signature.zip",
        "for n in src.namelist():\n    data = src.read(n)\n    if n.endswith('.minisig'):\n        lines = data.split(b'\\n'); s = bytearray(lines[1]); s[20] = ord('A') if s[20] != ord('A') else ord('B'); lines[1] = bytes(s); data = b'\\n'.join(lines)\n    copy(n, data)",
        "Z015",
    );
    rejected(
        &f,
        "notabag.zip",
        "copy(top + '/data/shenbao.yaml', rename='shenbao.yaml')",
        "Z011",
    );
}

#[test]
fn byte_level_damage_is_caught() {
    let f = packaged("thermal-screening-robot");
    let bytes = std::fs::read(&f.zip).unwrap();
    // Junk before the archive.
    let junk = f.dir.path().join("junk.zip");
    std::fs::write(&junk, [b"MZ\x90\x00".repeat(64), bytes.clone()].concat()).unwrap();
    assert!(codes(&junk, &[]).1.contains(&"Z002".to_string()));
    // A truncated transfer.
    let cut = f.dir.path().join("cut.zip");
    std::fs::write(&cut, &bytes[..bytes.len() * 6 / 10]).unwrap();
    let (status, found) = codes(&cut, &[]);
    assert_eq!(status, 1);
    assert!(found.contains(&"Z001".to_string()), "{found:?}");
    // A local header that disagrees with the central directory.
    let mut mismatch = bytes.clone();
    mismatch[30] ^= 0x01; // first byte of the first entry's local name
    let path = f.dir.path().join("mismatch.zip");
    std::fs::write(&path, mismatch).unwrap();
    let (status, found) = codes(&path, &[]);
    assert_eq!(status, 1);
    assert!(
        found.iter().any(|c| c == "Z008" || c == "Z001"),
        "{found:?}"
    );
    // An entry larger than its central directory entry says.
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let cd_start = archive.central_directory_start();
    let at = bytes[cd_start as usize..]
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .unwrap()
        + cd_start as usize;
    let mut smaller = bytes.clone();
    smaller[at + 24] = smaller[at + 24].wrapping_sub(1); // uncompressed size, low byte
    let path = f.dir.path().join("smaller.zip");
    std::fs::write(&path, smaller).unwrap();
    let (status, found) = codes(&path, &[]);
    assert_eq!(status, 1, "{found:?}");
}

/// Flipping any single byte of an attachment, the manifest, bag-info or the
/// signature makes verification fail.
#[test]
fn every_tampered_byte_is_caught() {
    let f = packaged("thermal-screening-robot");
    let bytes = std::fs::read(&f.zip).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let public = shenbao_dossier::keys::load_public(&f.public).unwrap();
    let trusted = [public];
    let options = VerifyOptions {
        trusted: &trusted,
        trusted_offices: &[],
        paper_code: None,
        profile: CallProfile::embedded(),
        as_of: shenbao_check::date::Date::parse("2021-03-25"),
    };
    assert!(
        verify(&f.zip, &options).is_empty(),
        "the untouched dossier verifies"
    );
    let path = f.dir.path().join("flipped.zip");
    let mut checked = 0;
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).unwrap();
        let name = entry.name().unwrap().to_string();
        let wanted = [
            "business-licence.pdf",
            "manifest-sha256.txt",
            "bag-info.txt",
            ".minisig",
        ];
        if !wanted.iter().any(|w| name.ends_with(w)) || name.ends_with("tagmanifest-sha256.txt") {
            continue;
        }
        let start = entry.data_start().unwrap() as usize;
        let len = entry.compressed_size() as usize;
        drop(entry);
        let step = (len / 24).max(1);
        // A spread of positions, and always the last byte (deflate padding lives there).
        for offset in (start..start + len)
            .step_by(step)
            .chain(std::iter::once(start + len - 1))
        {
            let mut damaged = bytes.clone();
            damaged[offset] ^= 0xFF; // every bit: a deflate stream's final byte also holds padding bits
            std::fs::write(&path, &damaged).unwrap();
            let found = verify(&path, &options);
            assert!(
                found.iter().any(|d| d.is_error()),
                "{name}: flipping byte {offset} went unnoticed"
            );
            checked += 1;
        }
    }
    assert!(checked >= 4 * 20, "{checked} flips");
}

#[test]
fn errors_mean_no_dossier_and_names_are_checked() {
    let f = packaged("thermal-screening-robot");
    let out_zip = f.dir.path().join("bad.zip");
    let out = shenbao()
        .args(["package", "--key"])
        .arg(f.dir.path().join("applicant.key"))
        .arg("-o")
        .arg(&out_zip)
        .arg(root().join("examples/failing/schema-errors"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!out_zip.exists());
    let leftovers: Vec<_> = std::fs::read_dir(f.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert!(shenbao_dossier::package::unsafe_name("a\nb.pdf").is_some());
    assert!(shenbao_dossier::package::unsafe_name("100%.pdf").is_some());
    assert!(shenbao_dossier::package::unsafe_name("a\\b.pdf").is_some());
    assert!(shenbao_dossier::package::unsafe_name("营业执照.pdf").is_none());
}

#[test]
fn a_damaged_attachment_fails_its_crc() {
    let f = packaged("thermal-screening-robot");
    let mut bytes = std::fs::read(&f.zip).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let index = (0..archive.len())
        .find(|&i| {
            archive
                .by_index_raw(i)
                .unwrap()
                .name()
                .unwrap()
                .ends_with("robot-photo.png")
        })
        .unwrap();
    let entry = archive.by_index_raw(index).unwrap();
    let at = entry.data_start().unwrap() as usize + 100;
    drop(entry);
    bytes[at] ^= 0xFF;
    let damaged = f.dir.path().join("crc.zip");
    std::fs::write(&damaged, bytes).unwrap();
    let (status, found) = codes(&damaged, &[]);
    assert_eq!(status, 1);
    assert!(found.contains(&"Z010".to_string()), "{found:?}");
}

#[test]
fn the_declaration_inside_is_checked_again() {
    let f = packaged("thermal-screening-robot");
    // An office's own profile with an earlier deadline than the dossier's date.
    let profile = shenbao_check::call::EMBEDDED_2021.replacen(
        "date: \"2021-03-31\"",
        "date: \"2021-03-10\"",
        1,
    );
    let path = f.dir.path().join("earlier.yaml");
    std::fs::write(&path, profile).unwrap();
    let (status, found) = codes(
        &f.zip,
        &[
            "--call",
            path.to_str().unwrap(),
            "--trusted-key",
            f.public.to_str().unwrap(),
        ],
    );
    assert_eq!((status, found), (1, vec!["Z017".to_string()]));
}

/// Interrupted half way (Ctrl-C / SIGTERM), package leaves nothing behind:
/// neither the dossier nor its temporary file.
#[cfg(unix)]
#[test]
fn an_interrupted_package_leaves_nothing_behind() {
    let f = packaged("thermal-screening-robot");
    let decl = f.dir.path().join("decl");
    std::fs::create_dir_all(decl.join("attachments")).unwrap();
    let example = root().join("examples/thermal-screening-robot");
    for entry in std::fs::read_dir(example.join("attachments")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(
            entry.path(),
            decl.join("attachments").join(entry.file_name()),
        )
        .unwrap();
    }
    // A large (sparse) scan keeps the packaging busy long enough to interrupt.
    let big = std::fs::File::create(decl.join("attachments/scan.png")).unwrap();
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
    std::fs::write(f.dir.path().join("big.yaml"), profile).unwrap();
    let out_dir = f.dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    for signal in ["INT", "TERM"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("shenbao"))
            .env("SHENBAO_AS_OF", "2021-03-25")
            .args(["package", "--call"])
            .arg(f.dir.path().join("big.yaml"))
            .arg("--key")
            .arg(f.dir.path().join("applicant.key"))
            .arg("-o")
            .arg(out_dir.join("d.zip"))
            .arg(&decl)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the temporary file exists, then interrupt.
        let start = std::time::Instant::now();
        while std::fs::read_dir(&out_dir).unwrap().next().is_none()
            && start.elapsed().as_secs() < 20
        {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!status.success(), "{signal}: the run was interrupted");
        let left: Vec<_> = std::fs::read_dir(&out_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(left.is_empty(), "{signal}: left behind {left:?}");
    }
}
