//! Every rule's examples run, as ruff's rule docs do: the `bad` example of a
//! rule really raises its code and the `good` one raises nothing at all. A new
//! rule is picked up from the registry by itself and must come with examples
//! that run; there is no silent skip (see [`EXEMPT`]).
//!
//! # How an example is read
//!
//! An example is run in a fresh copy of a *desk*: the folder of the passing
//! declaration `examples/thermal-screening-robot` (its `shenbao.yaml` and
//! `attachments/`), with the applicant's signing key `applicant.key` /
//! `applicant.pub`, a recommending office's key `office.key` / `office.pub`
//! (江苏省), `keys/applicant.pub` (the keys an office trusts), `dossier.zip`
//! (that folder as `shenbao package --key applicant.key -o dossier.zip .`
//! wrote it) and the empty folders `inbox/` and `outbox/`. A few prepared
//! files (broken attachments, tampered dossiers: [`EXTRAS`]) are added when
//! the example names them.
//!
//! The example is a sequence of blocks:
//!
//! * a line starting with `$ ` is a command, run by `sh` in the desk with
//!   `shenbao` on the `PATH`, as an ordinary user (`nobody` when the test
//!   runs as root, so that `chmod` means what it means to a user);
//! * other lines are a YAML fragment of `shenbao.yaml`, merged into it
//!   before the command that follows: mappings key by key, anything else
//!   (lists, values) replaced; a comment line `# KEY missing` removes KEY from
//!   the mapping it stands in. A fragment that is not a mapping loading
//!   without findings (a syntax error, a tab, two documents, no content…) is
//!   the whole file instead. In an example with commands, a block of comments
//!   only is a comment;
//! * an example without commands is checked with `$ shenbao validate .`.
//!
//! Commands run with the environment of the other tests: English messages,
//! no colour, and `SHENBAO_AS_OF=2021-03-25` (before the deadline). Codes are
//! read from what `shenbao` prints (`error[S003]`, `warning[D003]`).
//!
//! A command that runs `shenbao` (one of its words is `shenbao`, so that
//! `prlimit --nproc=5 shenbao …` is one) may fail; any other must succeed. A
//! bad example passes when a `shenbao` command reports the code (with exit
//! status 2 if the rule means "could not run", non-zero for an error); a good
//! example when every command succeeds and `shenbao` reports nothing.

mod common;

use serde_json::Value;
use shenbao::registry::all_rules;
use shenbao_diagnostic::{Rule, Severity};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Examples that cannot do what they claim, as (code, "bad" or "good", the
/// reason). Each is a rule a user cannot see demonstrated: keep this short.
/// An exempt example still runs, and the test fails once it works (so the
/// entry goes).
const EXEMPT: &[(&str, &str, &str)] = &[
    (
        "S009",
        "bad",
        "S009 is the schema family's catch-all for JSON Schema checks other than \
     required, type, enum, const, oneOf, format, range, pattern, length and \
     uniqueItems (S001-S008); the embedded declaration schema uses no other, so \
     no declaration can raise it",
    ),
    (
        "Z027",
        "bad",
        "Z027 needs an attachment that changes or fails while it is being packaged, \
     after validation read it: a race no command line can stage (tests/errors.rs \
     raises it by cutting a file short during packaging)",
    ),
    (
        "Z029",
        "bad",
        "Z029 needs the operating system's random source to fail",
    ),
    (
        "M002",
        "bad",
        "M002 needs the font embedded in the binary to be damaged",
    ),
];

/// The passing declaration every desk starts from.
const BASE: &str = "thermal-screening-robot";

/// How long one command may take before the example counts as hung.
const STEP_TIMEOUT: Duration = Duration::from_secs(120);

// ---- the desk ---------------------------------------------------------------

/// Prepared files an example may name, with what each is. They are built once
/// (see [`build_extra`]) and copied into the desk of an example that mentions
/// the path.
const EXTRAS: &[(&str, &str)] = &[
    (
        "attachments/scan-600dpi.pdf",
        "a 25 MB scan: the licence padded with nothing",
    ),
    ("attachments/licence-empty.pdf", "an empty file (0 bytes)"),
    (
        "attachments/licence-word.pdf",
        "a Word document (.docx, a ZIP) renamed to .pdf",
    ),
    (
        "attachments/financials-locked.pdf",
        "the financial statement with an /Encrypt entry in its trailer (password-protected)",
    ),
    (
        "attachments/business-licence-copy.pdf",
        "a second copy of business-licence.pdf",
    ),
    (
        "attachments/Business-licence.pdf",
        "business-licence.pdf again, its name capitalised",
    ),
    (
        "attachments/营业执照.pdf",
        "business-licence.pdf under a Chinese name",
    ),
    (
        "stub.exe",
        "the start of a Windows program (MZ header), as self-extracting archives have",
    ),
    (
        "dossier-twice.zip",
        "dossier.zip with a second, edited business-licence.pdf entry of the same name",
    ),
    (
        "dossier-zip-slip.zip",
        "dossier.zip with an added entry ../../etc/cron.d/shenbao",
    ),
    (
        "dossier-symlink.zip",
        "dossier.zip whose business-licence.pdf is a symbolic link to /etc/passwd",
    ),
    (
        "dossier-encrypted.zip",
        "dossier.zip whose business-licence.pdf entry is marked encrypted",
    ),
    (
        "dossier-bzip2.zip",
        "dossier.zip with business-licence.pdf compressed again with bzip2",
    ),
    (
        "dossier-header.zip",
        "dossier.zip whose first entry's name differs in its local header",
    ),
    (
        "dossier-bomb.zip",
        "dossier.zip with an added entry of 64 KB that inflates to 64 MB",
    ),
    (
        "dossier-flipped.zip",
        "dossier.zip with one byte of robot-photo.png inverted",
    ),
    (
        "zipped-by-hand.zip",
        "shenbao.yaml and attachments/ zipped by hand, not by shenbao package",
    ),
    (
        "dossier-missing.zip",
        "dossier.zip without its business-licence.pdf",
    ),
    (
        "dossier-extra.zip",
        "dossier.zip with an added data/attachments/award.pdf",
    ),
    (
        "dossier-edited.zip",
        "dossier.zip whose business-licence.pdf was edited",
    ),
    (
        "dossier-long-manifest.zip",
        "dossier.zip whose manifest lists 32,000 more files",
    ),
    (
        "dossier-retagged.zip",
        "dossier.zip whose bag-info.txt was edited and tagmanifest-sha256.txt updated to match, under the old signature",
    ),
    (
        "dossier-no-form.zip",
        "dossier.zip without 申报书.pdf, bagged and signed again with applicant.key",
    ),
    (
        "jiangsu.yaml",
        "the 2021 call profile with 江苏省's own deadline, 2021-03-15, added",
    ),
    (
        "南京市/",
        "three dossiers 南京市 recommends as a demonstration city (via 江苏省), of three applicants",
    ),
    (
        "gbk/",
        "the declaration saved as GB18030 (\"ANSI\" in Notepad on Chinese Windows), with its attachments",
    ),
];

/// Build the extra `path` at `target` from the robot's desk.
fn build_extra(path: &str, desk: &Path, target: &Path) {
    match path {
        "attachments/scan-600dpi.pdf" => {
            // The licence, 25 MB of nothing (sparse: cheap to make), and an
            // incremental update at the end, so that the PDF is complete.
            let pdf = std::fs::read(desk.join("attachments/business-licence.pdf")).unwrap();
            let tail = String::from_utf8_lossy(&pdf[pdf.len().saturating_sub(400)..]).into_owned();
            let prev = tail
                .rsplit("startxref")
                .next()
                .unwrap()
                .split_whitespace()
                .next()
                .unwrap();
            use std::io::{Seek, Write};
            let mut file = std::fs::File::create(target).unwrap();
            file.write_all(&pdf).unwrap();
            let xref: u64 = 25 << 20;
            file.set_len(xref).unwrap();
            file.seek(std::io::SeekFrom::End(0)).unwrap();
            let update = format!(
                "xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Prev {prev} >>\nstartxref\n{xref}\n%%EOF\n"
            );
            file.write_all(update.as_bytes()).unwrap();
        }
        "attachments/licence-empty.pdf" => std::fs::write(target, b"").unwrap(),
        "attachments/licence-word.pdf" => {
            use std::io::Write as _;
            let file = std::fs::File::create(target).unwrap();
            let mut zip = zip::ZipWriter::new(file);
            let options = zip::write::SimpleFileOptions::default();
            for (name, text) in [
                ("[Content_Types].xml", "<Types/>"),
                ("word/document.xml", "<w:document>营业执照</w:document>"),
            ] {
                zip.start_file(name, options).unwrap();
                zip.write_all(text.as_bytes()).unwrap();
            }
            zip.finish().unwrap();
        }
        "attachments/financials-locked.pdf" => {
            let pdf = std::fs::read(desk.join("attachments/financial-statement-2020.pdf")).unwrap();
            let at = memmem_last(&pdf, b"/Root").expect("a trailer");
            let locked = [&pdf[..at], b"/Encrypt 9 0 R ", &pdf[at..]].concat();
            std::fs::write(target, locked).unwrap();
        }
        "attachments/business-licence-copy.pdf"
        | "attachments/营业执照.pdf"
        | "attachments/Business-licence.pdf" => {
            std::fs::copy(desk.join("attachments/business-licence.pdf"), target).unwrap();
        }
        "stub.exe" => std::fs::write(target, b"MZ\x90\x00".repeat(64)).unwrap(),
        "dossier-no-form.zip" => common::forge::forge(
            &desk.join("dossier.zip"),
            &desk.join("applicant.key"),
            target,
            |payload| payload.retain(|(path, _)| path != "data/申报书.pdf"),
        ),
        name if name.ends_with(".zip") && name.starts_with("dossier-")
            || name == "zipped-by-hand.zip" =>
        {
            tamper(&desk.join("dossier.zip"), target, tampering(name));
            let mut bytes = std::fs::read(target).unwrap();
            match name {
                // Python writes no encrypted entries: set the flag bit in both headers.
                "dossier-encrypted.zip" => {
                    for at in find_all(&bytes, b"/data/attachments/business-licence.pdf") {
                        let header = (at.saturating_sub(200)..at)
                            .rev()
                            .find(|&i| bytes[i..].starts_with(b"PK"))
                            .unwrap();
                        let flag_at = if bytes[header + 2] == 3 { 6 } else { 8 };
                        bytes[header + flag_at] |= 1;
                    }
                }
                // The first local header's name, one letter changed.
                "dossier-header.zip" => bytes[30] ^= 0x01,
                "dossier-flipped.zip" => {
                    let mut archive =
                        zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
                    let index = (0..archive.len())
                        .find(|&i| {
                            let entry = archive.by_index_raw(i).unwrap();
                            entry.name().unwrap().ends_with("robot-photo.png")
                        })
                        .unwrap();
                    let entry = archive.by_index_raw(index).unwrap();
                    let at = entry.data_start().unwrap() as usize + 100;
                    bytes[at] ^= 0xFF;
                }
                _ => {}
            }
            std::fs::write(target, bytes).unwrap();
        }
        "jiangsu.yaml" => {
            let profile = shenbao_check::call::EMBEDDED_2021;
            let line = "internal_deadlines:\n";
            assert!(profile.contains(line));
            let added = "  - {recommender: 江苏省, date: \"2021-03-15\", source: \"an example\"}\n";
            std::fs::write(target, profile.replacen(line, &format!("{line}{added}"), 1)).unwrap();
        }
        "南京市/" => {
            std::fs::create_dir_all(target).unwrap();
            let city = "recommender:\n  kind: demonstration_city\n  name: 南京市\n  via: 江苏省\n";
            for (file, applicant) in [
                ("测温消杀机器人.zip", ""),
                (
                    "预检分诊机器人.zip",
                    "applicant:\n  name: 南京衡安医疗机器人有限公司\n  credit_code: \"91320115302184781U\"\n\
                     project:\n  name: 医院发热门诊智能预检分诊机器人\n",
                ),
                (
                    "园区巡检机器人.zip",
                    "applicant:\n  name: 南京云巡智能科技有限公司\n  credit_code: \"91320106682514032P\"\n\
                     project:\n  name: 园区智能测温巡检机器人\n",
                ),
            ] {
                let work = tempfile::tempdir().unwrap();
                copy_dir(&desk.join("attachments"), &work.path().join("attachments"));
                let yaml = std::fs::read_to_string(desk.join("shenbao.yaml")).unwrap();
                let mut yaml = apply(&yaml, city);
                if !applicant.is_empty() {
                    yaml = apply(&yaml, applicant);
                }
                std::fs::write(work.path().join("shenbao.yaml"), yaml).unwrap();
                let key = desk.join("applicant.key");
                let out = target.join(file);
                run_setup(
                    work.path(),
                    &["package", "--key", key.to_str().unwrap(), "-o", out.to_str().unwrap(), "."],
                );
            }
        }
        "gbk/" => {
            copy_dir(&desk.join("attachments"), &target.join("attachments"));
            let text = std::fs::read_to_string(desk.join("shenbao.yaml")).unwrap();
            let (bytes, _, lossy) = encoding_rs::GB18030.encode(&text);
            assert!(!lossy);
            std::fs::write(target.join("shenbao.yaml"), bytes).unwrap();
        }
        _ => unreachable!("{path} has no builder"),
    }
}

fn find_all(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
    (0..haystack.len().saturating_sub(needle.len()))
        .filter(|&i| haystack[i..].starts_with(needle))
        .collect()
}

/// The Python that makes a tampered dossier (see [`tamper`]).
fn tampering(name: &str) -> &'static str {
    const ALL: &str = "for n in src.namelist(): copy(n)";
    match name {
        "dossier-twice.zip" => {
            "for n in src.namelist(): copy(n)\ncopy(licence, b'%PDF-1.4 edited')"
        }
        "dossier-zip-slip.zip" => {
            "for n in src.namelist(): copy(n)\ncopy(licence, b'* * * * * root sh', rename='../../etc/cron.d/shenbao')"
        }
        "dossier-symlink.zip" => {
            "for n in src.namelist():\n    if n == licence: copy(n, b'/etc/passwd', external_attr=0o120777 << 16)\n    else: copy(n)"
        }
        "dossier-bzip2.zip" => {
            "for n in src.namelist(): copy(n, compress_type=zipfile.ZIP_BZIP2 if n == licence else None)"
        }
        "dossier-bomb.zip" => {
            "for n in src.namelist(): copy(n)\ncopy(top + '/data/attachments/scan.pdf', b'\\0' * (64 << 20), compress_type=zipfile.ZIP_DEFLATED)"
        }
        "zipped-by-hand.zip" => {
            "for n in src.namelist():\n    if '/data/' in n and not n.endswith('.pdf') or n.endswith('shenbao.yaml'): copy(n, rename=n.split('/data/')[1])"
        }
        "dossier-missing.zip" => "for n in src.namelist():\n    if n != licence: copy(n)",
        "dossier-extra.zip" => {
            "for n in src.namelist(): copy(n)\ncopy(top + '/data/attachments/award.pdf', b'%PDF-1.4 award')"
        }
        "dossier-edited.zip" => {
            "for n in src.namelist(): copy(n, b'%PDF-1.4 edited' if n == licence else None)"
        }
        "dossier-retagged.zip" => {
            "import hashlib\n\
             info = src.read(top + '/bag-info.txt').replace('周婧'.encode(), '周静'.encode())\n\
             old = hashlib.sha256(src.read(top + '/bag-info.txt')).hexdigest().encode()\n\
             new = hashlib.sha256(info).hexdigest().encode()\n\
             for n in src.namelist():\n\
             \x20   if n.endswith('/bag-info.txt'): copy(n, info)\n\
             \x20   elif n.endswith('/tagmanifest-sha256.txt'): copy(n, src.read(n).replace(old, new))\n\
             \x20   else: copy(n)"
        }
        "dossier-long-manifest.zip" => {
            "lines = b''.join(b'0' * 64 + b'  data/missing-%d.pdf\\n' % i for i in range(32000))\n\
             for n in src.namelist(): copy(n, src.read(n) + lines if n.endswith('/manifest-sha256.txt') else None)"
        }
        "dossier-encrypted.zip" | "dossier-header.zip" | "dossier-flipped.zip" => ALL,
        _ => unreachable!("{name}: how is it made?"),
    }
}

/// Rewrite the ZIP `from` into `to` with Python's zipfile: `edit` runs with
/// `src` (the ZipFile read), `top` (the bag folder), `licence` (the licence's
/// entry) and `copy(name, data=None, rename=, compress_type=, external_attr=)`.
fn tamper(from: &Path, to: &Path, edit: &str) {
    let script = format!(
        r#"
import sys, zipfile, warnings
warnings.simplefilter("ignore")
src = zipfile.ZipFile(sys.argv[1])
dst = zipfile.ZipFile(sys.argv[2], "w")
top = src.namelist()[0].split("/")[0]
licence = top + "/data/attachments/business-licence.pdf"
def copy(name, data=None, rename=None, compress_type=None, external_attr=0o644 << 16):
    old = src.getinfo(name) if name in src.namelist() else None
    new = zipfile.ZipInfo(rename or name, date_time=(1980, 1, 1, 0, 0, 0))
    if compress_type is None:
        compress_type = old.compress_type if old else zipfile.ZIP_DEFLATED
    new.compress_type = compress_type
    new.external_attr = external_attr
    dst.writestr(new, src.read(name) if data is None else data)
{edit}
dst.close()
"#
    );
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(from)
        .arg(to)
        .output()
        .expect("python3 (it builds the tampered dossiers)");
    assert!(
        out.status.success(),
        "{}: {}",
        to.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn memmem_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Where the desks of the passing examples and the extras are built, once
/// per run: in the target folder, so that nothing is left behind in /tmp.
fn work_root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rule-examples");
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        root
    })
}

/// The prepared files, built once from the robot's desk.
fn extras() -> &'static Path {
    static EXTRAS_DIR: OnceLock<PathBuf> = OnceLock::new();
    EXTRAS_DIR.get_or_init(|| {
        let desk = template(BASE);
        let dir = work_root().join("extras");
        for (path, _) in EXTRAS {
            let target = dir.join(path);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            build_extra(path, &desk, &target);
            assert!(target.exists(), "extra {path} was not built");
        }
        dir
    })
}

/// The example an example's first line names (`# examples/NAME/shenbao.yaml`),
/// else [`BASE`].
fn base_of(example: &str) -> &str {
    example
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# examples/"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|l| l.strip_suffix("/shenbao.yaml"))
        .unwrap_or(BASE)
}

/// The desk of the passing example `base`, built once.
fn template(base: &str) -> PathBuf {
    static BUILT: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let mut built = BUILT.lock().unwrap();
    let desk = work_root().join(format!("desk-{base}"));
    if built.iter().any(|b| b == base) {
        return desk;
    }
    let source = common::root().join("examples").join(base);
    assert!(
        source.join("shenbao.yaml").is_file(),
        "no passing example {base}"
    );
    copy_dir(&source, &desk);
    // Fixed keys: the same dossier bytes, and so the same paper code, in
    // every run (Z018's good example quotes it).
    common::keys::write_key_pair(&desk.join("applicant"), [7; 32]);
    common::keys::write_key_pair(&desk.join("office"), [9; 32]);
    std::fs::create_dir(desk.join("keys")).unwrap();
    std::fs::copy(desk.join("applicant.pub"), desk.join("keys/applicant.pub")).unwrap();
    std::fs::create_dir(desk.join("inbox")).unwrap();
    std::fs::create_dir(desk.join("outbox")).unwrap();
    run_setup(
        &desk,
        &[
            "package",
            "--key",
            "applicant.key",
            "-o",
            "dossier.zip",
            ".",
        ],
    );
    built.push(base.to_string());
    desk
}

/// Run `shenbao ARGS` in `dir` while preparing; it must succeed.
fn run_setup(dir: &Path, args: &[&str]) {
    let out = common::shenbao()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "shenbao {}: {}{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A fresh desk for one example, with the extras it names.
fn desk_for(example: &str) -> (tempfile::TempDir, PathBuf) {
    let template = template(base_of(example));
    let dir = tempfile::tempdir().unwrap();
    let desk = dir.path().join("desk");
    copy_dir(&template, &desk);
    for (path, _) in EXTRAS {
        if example.contains(path) {
            let from = extras().join(path);
            let to = desk.join(path);
            if from.is_dir() {
                copy_dir(&from, &to);
            } else {
                std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                std::fs::copy(&from, &to).unwrap();
            }
        }
    }
    if let Some((uid, gid)) = ordinary_user() {
        chown_all(dir.path(), uid, gid);
    }
    (dir, desk)
}

/// Whom commands run as: `nobody` when this test runs as root, else ourselves.
fn ordinary_user() -> Option<(u32, u32)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let root = std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
        root.then_some((65534, 65534))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

#[cfg(unix)]
fn chown_all(path: &Path, uid: u32, gid: u32) {
    std::os::unix::fs::chown(path, Some(uid), Some(gid)).unwrap();
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            chown_all(&entry.unwrap().path(), uid, gid);
        }
    }
}

#[cfg(not(unix))]
fn chown_all(_: &Path, _: u32, _: u32) {}

// ---- reading an example -----------------------------------------------------

#[derive(Debug, PartialEq)]
enum Block {
    /// Lines merged into shenbao.yaml (or the whole file).
    Fragment(String),
    /// A command line without its `$ `.
    Command(String),
}

fn blocks(example: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut fragment = String::new();
    let has_commands = example.lines().any(|l| l.starts_with("$ "));
    let flush = |fragment: &mut String, out: &mut Vec<Block>| {
        let comments_only = fragment
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
        if !(fragment.is_empty() || has_commands && comments_only) {
            out.push(Block::Fragment(std::mem::take(fragment)));
        }
        fragment.clear();
    };
    for line in example.lines() {
        if let Some(command) = line.strip_prefix("$ ") {
            flush(&mut fragment, &mut out);
            out.push(Block::Command(command.to_string()));
        } else {
            fragment.push_str(line);
            fragment.push('\n');
        }
    }
    flush(&mut fragment, &mut out);
    if !has_commands {
        out.push(Block::Command("shenbao validate .".to_string()));
    }
    out
}

/// Keys a fragment removes with `# KEY missing`, as JSON pointers.
fn removals(fragment: &str) -> Vec<String> {
    let mut path: Vec<(usize, Option<String>)> = Vec::new();
    let mut out = Vec::new();
    for line in fragment.lines() {
        let indent = line.len() - line.trim_start().len();
        let text = line.trim();
        if text.is_empty() {
            continue;
        }
        if let Some(comment) = text.strip_prefix('#') {
            let Some(key) = comment.trim().strip_suffix(" missing") else {
                continue;
            };
            let parents: Vec<&Option<String>> = path
                .iter()
                .filter(|(i, _)| *i < indent)
                .map(|(_, k)| k)
                .collect();
            // In a list item the fragment gives the whole item anyway.
            if parents.iter().all(|k| k.is_some()) && !key.contains(char::is_whitespace) {
                let mut pointer: String = parents
                    .iter()
                    .map(|k| format!("/{}", k.as_deref().unwrap()))
                    .collect();
                pointer.push('/');
                pointer.push_str(key);
                out.push(pointer);
            }
            continue;
        }
        path.retain(|(i, _)| *i < indent);
        let key = if text.starts_with("- ") || text == "-" {
            None
        } else {
            Some(
                text.split(':')
                    .next()
                    .unwrap()
                    .trim_matches(['"', '\''])
                    .to_string(),
            )
        };
        path.push((indent, key));
    }
    out
}

fn merge(base: &mut Value, fragment: &Value) {
    match (base, fragment) {
        (Value::Object(base), Value::Object(fragment)) => {
            for (key, value) in fragment {
                match base.get_mut(key) {
                    Some(old) if old.is_object() && value.is_object() => merge(old, value),
                    _ => {
                        base.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (base, fragment) => *base = fragment.clone(),
    }
}

fn remove(value: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    if let Some(Value::Object(map)) = value.pointer_mut(parent) {
        map.shift_remove(key);
    }
}

/// The text of `shenbao.yaml` after applying `fragment` to `current`.
fn apply(current: &str, fragment: &str) -> String {
    let parsed = shenbao_load::Document::from_text("fragment", fragment);
    let Some(patch) = parsed.value.filter(|_| parsed.diagnostics.is_empty()) else {
        // Not a clean mapping: the example is the whole file.
        return fragment.to_string();
    };
    let mut value = shenbao_load::Document::from_text("shenbao.yaml", current)
        .value
        .unwrap_or_else(|| Value::Object(Default::default()));
    merge(&mut value, &patch);
    for pointer in removals(fragment) {
        remove(&mut value, &pointer);
    }
    // JSON is YAML.
    serde_json::to_string_pretty(&value).unwrap() + "\n"
}

// ---- running an example -----------------------------------------------------

struct Step {
    command: String,
    shenbao: bool,
    status: Option<i32>,
    codes: Vec<String>,
    output: String,
}

fn run(example: &str) -> Vec<Step> {
    let (_dir, desk) = desk_for(example);
    let bin = assert_cmd::cargo::cargo_bin("shenbao");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut steps = Vec::new();
    for block in blocks(example) {
        match block {
            Block::Fragment(fragment) => {
                let file = desk.join("shenbao.yaml");
                let current = std::fs::read_to_string(&file).unwrap_or_default();
                std::fs::write(&file, apply(&current, &fragment)).unwrap();
            }
            Block::Command(command) => {
                let step = run_step(&desk, &command, &path);
                let failed = step.status.is_none();
                steps.push(step);
                if failed {
                    break;
                }
            }
        }
    }
    steps
}

fn run_step(desk: &Path, command: &str, path: &str) -> Step {
    let out_path = desk.parent().unwrap().join(".output");
    let output = std::fs::File::create(&out_path).unwrap();
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(command)
        .current_dir(desk)
        .env("PATH", path)
        .env("SHENBAO_LANG", "en")
        .env("SHENBAO_AS_OF", "2021-03-25")
        .env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("SHENBAO_PASSWORD")
        .stdin(Stdio::null())
        .stdout(output.try_clone().unwrap())
        .stderr(output);
    #[cfg(unix)]
    if let Some((uid, gid)) = ordinary_user() {
        use std::os::unix::process::CommandExt;
        cmd.uid(uid).gid(gid);
    }
    let mut child = cmd.spawn().expect("sh runs");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if start.elapsed() > STEP_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let output = String::from_utf8_lossy(&std::fs::read(&out_path).unwrap()).into_owned();
    Step {
        shenbao: command.split_whitespace().any(|word| word == "shenbao"),
        codes: codes_in(&output),
        command: command.to_string(),
        status,
        output,
    }
}

/// The codes of the findings shenbao printed: `error[S003]`, `warning[D003]`,
/// and a registered code in parentheses, as a run that stops says it
/// (`the call profile is invalid (F005)`).
fn codes_in(output: &str) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for (open, close) in [("error[", ']'), ("warning[", ']'), ("(", ')')] {
        for (at, _) in output.match_indices(open) {
            let rest = &output[at + open.len()..];
            let Some(code) = rest.get(..4) else { continue };
            let well_formed = code.starts_with(|c: char| c.is_ascii_uppercase())
                && code[1..].chars().all(|c| c.is_ascii_digit())
                && rest[4..].starts_with(close)
                && (close == ']' || all_rules().iter().any(|r| r.code == code));
            if well_formed && !codes.iter().any(|c| c == code) {
                codes.push(code.to_string());
            }
        }
    }
    codes
}

fn transcript(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        let status = step
            .status
            .map_or("timed out or killed".to_string(), |s| format!("exit {s}"));
        out.push_str(&format!(
            "    $ {}   [{status}; codes {:?}]\n",
            step.command, step.codes
        ));
        for line in step.output.lines().take(30) {
            out.push_str("      | ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// What is wrong with one example, if anything.
fn judge(rule: &Rule, which: &str, steps: &[Step]) -> Option<String> {
    let problem = |why: String| {
        Some(format!(
            "{} {which}: {why}\n{}",
            rule.code,
            transcript(steps)
        ))
    };
    // Any command but shenbao must succeed: a failing step is a broken example.
    for step in steps {
        match step.status {
            None => return problem(format!("`{}` did not finish", step.command)),
            Some(s) if s != 0 && !step.shenbao => {
                return problem(format!("`{}` exited with {s}", step.command))
            }
            _ => {}
        }
    }
    if which == "good" {
        let found: Vec<&String> = steps.iter().flat_map(|s| &s.codes).collect();
        if !found.is_empty() {
            return problem(format!("the good example reports {found:?}"));
        }
        return steps
            .iter()
            .find_map(|s| {
                s.status
                    .filter(|&status| status != 0)
                    .map(|status| (s, status))
            })
            .and_then(|(s, status)| problem(format!("`{}` exited with {status}", s.command)));
    }
    let Some(step) = steps
        .iter()
        .find(|s| s.shenbao && s.codes.iter().any(|c| c == rule.code))
    else {
        return problem(format!("the bad example does not raise {}", rule.code));
    };
    let status = step.status.unwrap_or(-1);
    if rule.could_not_run && status != 2 {
        return problem(format!(
            "{} means \"could not run\" but the exit status is {status}",
            rule.code
        ));
    }
    if rule.severity == Severity::Error && status == 0 {
        return problem(format!(
            "{} is an error but the exit status is 0",
            rule.code
        ));
    }
    None
}

fn check_rule(rule: &Rule) -> Vec<String> {
    let mut problems = Vec::new();
    for (which, example) in [("bad", rule.bad), ("good", rule.good)] {
        let problem = judge(rule, which, &run(example));
        let exempt = EXEMPT
            .iter()
            .any(|(code, w, _)| *code == rule.code && *w == which);
        match (problem, exempt) {
            (Some(problem), false) => problems.push(problem),
            (None, true) => problems.push(format!(
                "{} {which} now does what it claims: remove it from EXEMPT",
                rule.code
            )),
            _ => {}
        }
    }
    problems
}

// ---- the tests --------------------------------------------------------------

#[test]
fn every_rule_s_bad_example_raises_it_and_its_good_example_raises_nothing() {
    let start = Instant::now();
    let rules = all_rules();
    for (code, which, why) in EXEMPT {
        assert!(
            rules.iter().any(|r| r.code == *code),
            "exempt {code} is not a rule"
        );
        assert!(["bad", "good"].contains(which), "exempt {code} {which}?");
        assert!(!why.trim().is_empty(), "exempt {code} needs its reason");
    }
    extras();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    let times = std::sync::Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(rule) = rules.get(i) else { break };
                let start = Instant::now();
                let found = check_rule(rule);
                times.lock().unwrap().push((start.elapsed(), rule.code));
                failures.lock().unwrap().extend(found);
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    let mut times = times.into_inner().unwrap();
    times.sort_by(|a, b| b.cmp(a));
    let slowest: Vec<String> = times
        .iter()
        .take(5)
        .map(|(t, code)| format!("{code} {:.1} s", t.as_secs_f64()))
        .collect();
    eprintln!(
        "ran the examples of {} rules in {:.1} s with {workers} workers; slowest: {}",
        rules.len(),
        start.elapsed().as_secs_f64(),
        slowest.join(", ")
    );
    assert!(
        failures.is_empty(),
        "{} example(s) do not do what they claim:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ---- the reader and the judge, on examples of their own ---------------------

#[test]
fn an_example_is_read_as_fragments_and_commands() {
    use Block::{Command as C, Fragment as F};
    let frag = |s: &str| F(s.to_string());
    let cmd = |s: &str| C(s.to_string());
    // Without commands: a fragment, checked with validate.
    assert_eq!(
        blocks("submission:\n  date: 2021-04-02"),
        [
            frag("submission:\n  date: 2021-04-02\n"),
            cmd("shenbao validate .")
        ]
    );
    // A comment alone is then the whole (empty) file.
    assert_eq!(
        blocks("# TODO"),
        [frag("# TODO\n"), cmd("shenbao validate .")]
    );
    // With commands, comment lines between them are comments; YAML between
    // them is applied in its place.
    assert_eq!(
        blocks("# a note\n$ shenbao package .   # why\n# in shenbao.yaml:\na: 1\n$ cp a b"),
        [
            cmd("shenbao package .   # why"),
            frag("# in shenbao.yaml:\na: 1\n"),
            cmd("cp a b"),
        ]
    );
    assert_eq!(
        base_of("# examples/city-brain-platform/shenbao.yaml\na: 1"),
        "city-brain-platform"
    );
    assert_eq!(base_of("# in shenbao.yaml:\na: 1"), BASE);
}

#[test]
fn fragments_merge_mappings_replace_the_rest_and_remove_missing_keys() {
    let base = "a:\n  b: 1\n  c: [1, 2]\n  d: x\ne: 2\n";
    let merged: Value =
        serde_json::from_str(&apply(base, "a:\n  c: [3]\n  # d missing\n  f: y\n")).unwrap();
    assert_eq!(
        merged,
        serde_json::json!({"a": {"b": 1, "c": [3], "f": "y"}, "e": 2})
    );
    // `# KEY missing` inside a list item says what the item lacks: nothing to remove.
    let merged: Value =
        serde_json::from_str(&apply(base, "e:\n  - b: 1\n    # d missing\n")).unwrap();
    assert_eq!(merged["a"]["d"], "x");
    // Not a mapping that loads cleanly: the fragment is the whole file.
    for whole in [
        "a:\n\tb: 1\n",
        "- a\n",
        "a: 1\na: 2\n",
        "a: \"b\n",
        "# TODO\n",
    ] {
        assert_eq!(apply(base, whole), whole);
    }
}

#[test]
fn codes_are_read_from_what_shenbao_prints() {
    assert_eq!(
        codes_in("error[S003]\n  × unknown field\nwarning[D003]\nerror[S003]\n"),
        ["S003", "D003"]
    );
    assert_eq!(
        codes_in("shenbao: the call profile is invalid (F005):"),
        ["F005"]
    );
    // Not findings: a table's status column, an unknown code, other brackets.
    assert!(codes_in("1  未通过：I003  (X999) [S003] error[s003]").is_empty());
}

#[test]
fn an_example_that_does_not_do_what_it_claims_is_caught() {
    let late = shenbao::registry::find_rule("D001").unwrap();
    // Swapped: the bad example raises nothing, the good one raises D001.
    let swapped = Rule {
        bad: late.good,
        good: late.bad,
        ..*late
    };
    let problems = check_rule(&swapped);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].starts_with("D001 bad: the bad example does not raise D001"));
    assert!(problems[1].starts_with("D001 good: the good example reports [\"D001\"]"));
    // A command that fails spoils an example, bad or good.
    let broken = Rule {
        bad: "$ cp no-such-file x\n$ shenbao validate .",
        ..*late
    };
    assert!(check_rule(&broken)[0].contains("`cp no-such-file x` exited with 1"));
}
