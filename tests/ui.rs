//! The user-interface corpus (issue "Every message a non-programmer can act
//! on"): realistic mistakes of applicants and offices, each run through the
//! real binary in Chinese and in English, the human-readable output compared
//! with `tests/ui/snapshots/<id>.<lang>.txt`.
//!
//! The cases are in `tests/ui/cases.yaml` (read with the project's own YAML
//! parser). Each case:
//!
//! - `id` (kebab-case), `what` (one line in Chinese: the mistake);
//! - `base`: an example folder under `examples/` copied into a fresh
//!   temporary folder, or `empty`;
//! - `edit`: `[find, replace]` pairs, each applied once to the copied
//!   `shenbao.yaml` (the text to find must be there);
//! - `remove`: relative paths deleted; `rename`: `[from, to]` pairs;
//! - `dirs`: folders made; `files`: relative path → text written;
//!   `bytes_hex`: relative path → bytes (hex) written;
//! - `keys`: base names given the corpus's fixed key pair (`BASE.key`
//!   without a password, `BASE.pub`);
//! - `gbk`: relative paths re-encoded from UTF-8 to GBK (Notepad's "ANSI");
//! - `before`: shenbao commands run first (their status must be 0), with
//!   `env` and then `before_env` set;
//! - `tamper`: `{zip, entry, find, replace}`: the ZIP unpacked, the text of
//!   the entry whose name ends with `entry` edited, and packed again with an
//!   ordinary ZIP tool, as someone who "just fixed one thing" does;
//! - `env`: extra environment variables;
//! - `args`: the command (run in the folder, standard input not a terminal;
//!   `<dir>` stands for the folder's absolute path, in arguments and output);
//! - `status`: the exit status a user should get (1 or 2; 0 when the right
//!   answer is a warning, which `codes` then names); `codes`: the
//!   diagnostic codes the output must name; `absent`: codes it must not
//!   (noise beside the real mistake); `mentions`: text it must hold in
//!   both languages (a file name, a flag: what the user needs to act);
//! - `known_bad`: why today's output falls short. Such a case still runs,
//!   but its checks and snapshot are skipped and it is listed in a summary
//!   line "known bad: N"; remove the marker when the product is fixed.
//!
//! For every other case, in both languages: the snapshot matches (with
//! `SHENBAO_BLESS=1` the snapshots are written instead), the status is the
//! one declared, each code appears as `[CODE]` (and no `absent` one does),
//! each `mentions` text appears, no raw OS error or Rust
//! type or debug name shows, and the Chinese output holds no run of English
//! words (see [`english_runs`]).
//!
//! Every command runs with `SHENBAO_AS_OF=2021-03-25`, `NO_COLOR=1` and
//! `COLUMNS=100`, its standard input not a terminal. To see what cases
//! print (known-bad ones included), set `SHENBAO_UI_SHOW` to part of their
//! ids, or to `all`, and run with `-- --nocapture`.

mod common;

use serde_json::Value;
use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;

const LANGS: [&str; 2] = ["zh", "en"];

/// A key pair made once with `shenbao keygen --no-password`: fixed, so that
/// key ids and verification codes in the snapshots do not change.
const SECRET_KEY: &str = "untrusted comment: shenbao secret key EDCC209DC2338838
RWQAAEIyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAOIgzwp0gzO20VWtgaBg6Pt1zfBnjsLs2jg/xHi6Xru5nN4Qe2RkWnUHMRN6OwfQDZSCaZ/0035LtMgIM4D+41AuB3sAM14u7KdqwFIVEhsvpM1+dN3Hytn1IDhdXqIajAt5v6G81ojU=
";
const PUBLIC_KEY: &str = "untrusted comment: minisign public key: EDCC209DC2338838
RWQ4iDPCnSDM7UHMRN6OwfQDZSCaZ/0035LtMgIM4D+41AuB3sAM14u7
";

struct Tamper {
    zip: String,
    entry: String,
    find: String,
    replace: String,
}

struct Case {
    id: String,
    what: String,
    base: String,
    edit: Vec<(String, String)>,
    remove: Vec<String>,
    rename: Vec<(String, String)>,
    dirs: Vec<String>,
    files: Vec<(String, String)>,
    bytes_hex: Vec<(String, String)>,
    keys: Vec<String>,
    gbk: Vec<String>,
    before: Vec<Vec<String>>,
    before_env: Vec<(String, String)>,
    tamper: Option<Tamper>,
    env: Vec<(String, String)>,
    args: Vec<String>,
    status: i32,
    codes: Vec<String>,
    absent: Vec<String>,
    mentions: Vec<String>,
    known_bad: Option<String>,
}

const KEYS: &[&str] = &[
    "id",
    "what",
    "base",
    "edit",
    "remove",
    "rename",
    "dirs",
    "files",
    "bytes_hex",
    "keys",
    "gbk",
    "before",
    "before_env",
    "tamper",
    "env",
    "args",
    "status",
    "codes",
    "absent",
    "mentions",
    "known_bad",
];

fn text_of(value: &Value, what: &str) -> String {
    match value {
        Value::String(s) => s.clone(),
        // A bare number (a key's name, an argument) is its text.
        Value::Number(n) => n.to_string(),
        _ => panic!("{what}: expected text, got {value}"),
    }
}

fn list_of(item: &Value, key: &str, id: &str) -> Vec<String> {
    match item.get(key) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| text_of(v, &format!("{id}.{key}")))
            .collect(),
        Some(other) => panic!("{id}.{key}: expected a list, got {other}"),
    }
}

fn pairs_of(item: &Value, key: &str, id: &str) -> Vec<(String, String)> {
    match item.get(key) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|pair| match pair.as_array().map(Vec::as_slice) {
                Some([a, b]) => (
                    text_of(a, &format!("{id}.{key}")),
                    text_of(b, &format!("{id}.{key}")),
                ),
                _ => panic!("{id}.{key}: expected [from, to] pairs, got {pair}"),
            })
            .collect(),
        Some(other) => panic!("{id}.{key}: expected a list of pairs, got {other}"),
    }
}

fn map_of(item: &Value, key: &str, id: &str) -> Vec<(String, String)> {
    match item.get(key) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(k, v)| (k.clone(), text_of(v, &format!("{id}.{key}.{k}"))))
            .collect(),
        Some(other) => panic!("{id}.{key}: expected a mapping, got {other}"),
    }
}

fn load_cases() -> Vec<Case> {
    let path = common::root().join("tests/ui/cases.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let (list, _) =
        shenbao_load::yaml::parse(&text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
    let items = list.as_array().expect("cases.yaml is a list");
    items
        .iter()
        .map(|item| {
            let map = item.as_object().expect("each case is a mapping");
            let id = text_of(&item["id"], "id");
            for key in map.keys() {
                assert!(KEYS.contains(&key.as_str()), "{id}: unknown key {key}");
            }
            let tamper = item.get("tamper").map(|t| {
                let field = |k: &str| text_of(&t[k], &format!("{id}.tamper.{k}"));
                Tamper {
                    zip: field("zip"),
                    entry: field("entry"),
                    find: field("find"),
                    replace: field("replace"),
                }
            });
            let before = match item.get("before") {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Array(commands)) => commands
                    .iter()
                    .map(|c| {
                        c.as_array()
                            .unwrap_or_else(|| panic!("{id}.before: a list of commands"))
                            .iter()
                            .map(|a| text_of(a, &format!("{id}.before")))
                            .collect()
                    })
                    .collect(),
                Some(other) => panic!("{id}.before: expected a list, got {other}"),
            };
            Case {
                what: text_of(&item["what"], &format!("{id}.what")),
                base: text_of(&item["base"], &format!("{id}.base")),
                edit: pairs_of(item, "edit", &id),
                remove: list_of(item, "remove", &id),
                rename: pairs_of(item, "rename", &id),
                dirs: list_of(item, "dirs", &id),
                files: map_of(item, "files", &id),
                bytes_hex: map_of(item, "bytes_hex", &id),
                keys: list_of(item, "keys", &id),
                gbk: list_of(item, "gbk", &id),
                before,
                before_env: map_of(item, "before_env", &id),
                tamper,
                env: map_of(item, "env", &id),
                args: list_of(item, "args", &id),
                status: item["status"]
                    .as_i64()
                    .unwrap_or_else(|| panic!("{id}: status")) as i32,
                codes: list_of(item, "codes", &id),
                absent: list_of(item, "absent", &id),
                mentions: list_of(item, "mentions", &id),
                known_bad: item
                    .get("known_bad")
                    .map(|v| text_of(v, &format!("{id}.known_bad"))),
                id,
            }
        })
        .collect()
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

fn write_file(dir: &Path, relative: &str, bytes: &[u8]) {
    let path = dir.join(relative);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
}

fn hex(id: &str, text: &str) -> Vec<u8> {
    let digits: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    assert!(digits.len() % 2 == 0, "{id}: odd number of hex digits");
    digits
        .chunks(2)
        .map(|pair| {
            u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16)
                .unwrap_or_else(|_| panic!("{id}: not hex: {pair:?}"))
        })
        .collect()
}

/// The binary, in `dir`, with the corpus's fixed environment.
fn command(dir: &Path, case: &Case) -> std::process::Command {
    let mut cmd = common::shenbao_std();
    cmd.current_dir(dir)
        .env("SHENBAO_AS_OF", "2021-03-25")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("SHENBAO_CALL")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in &case.env {
        cmd.env(k, v);
    }
    cmd
}

/// Unpack `zip`, edit one entry's text, pack it again with default options.
fn tamper(dir: &Path, id: &str, t: &Tamper) {
    let path = dir.join(&t.zip);
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    let mut edited = false;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name.ends_with(&t.entry) {
            let text = String::from_utf8(bytes).unwrap();
            assert!(
                text.contains(&t.find),
                "{id}: tamper: {:?} not in {name}",
                t.find
            );
            bytes = text.replacen(&t.find, &t.replace, 1).into_bytes();
            edited = true;
        }
        entries.push((name, bytes));
    }
    assert!(edited, "{id}: tamper: no entry ends with {}", t.entry);
    let mut out = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for (name, bytes) in entries {
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
}

/// Make the case's folder in `dir`; return the text the user gave (the
/// declaration without comments, the files written, the arguments), for
/// [`english_runs`].
fn prepare(case: &Case, dir: &Path) -> String {
    let id = &case.id;
    if case.base != "empty" {
        let source = common::root().join("examples").join(&case.base);
        assert!(source.is_dir(), "{id}: no example {}", case.base);
        copy_dir(&source, dir);
    }
    if !case.edit.is_empty() {
        let path = dir.join("shenbao.yaml");
        let mut text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{id}: edit: no shenbao.yaml ({e})"));
        for (find, replace) in &case.edit {
            assert!(
                text.contains(find.as_str()),
                "{id}: edit: {find:?} is not in shenbao.yaml"
            );
            text = text.replacen(find.as_str(), replace, 1);
        }
        std::fs::write(&path, text).unwrap();
    }
    for relative in &case.remove {
        let path = dir.join(relative);
        if path.is_dir() {
            std::fs::remove_dir_all(&path).unwrap();
        } else {
            std::fs::remove_file(&path).unwrap_or_else(|e| panic!("{id}: remove {relative}: {e}"));
        }
    }
    for (from, to) in &case.rename {
        std::fs::rename(dir.join(from), dir.join(to))
            .unwrap_or_else(|e| panic!("{id}: rename {from}: {e}"));
    }
    for relative in &case.dirs {
        std::fs::create_dir_all(dir.join(relative)).unwrap();
    }
    let mut given = String::new();
    for (relative, text) in &case.files {
        write_file(dir, relative, text.as_bytes());
        given.push_str(text);
        given.push('\n');
    }
    for (relative, digits) in &case.bytes_hex {
        write_file(dir, relative, &hex(id, digits));
    }
    for base in &case.keys {
        write_file(dir, &format!("{base}.key"), SECRET_KEY.as_bytes());
        write_file(dir, &format!("{base}.pub"), PUBLIC_KEY.as_bytes());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let private = std::fs::Permissions::from_mode(0o600);
            std::fs::set_permissions(dir.join(format!("{base}.key")), private).unwrap();
        }
    }
    if let Ok(text) = std::fs::read_to_string(dir.join("shenbao.yaml")) {
        given.push_str(&without_comments(&text));
        given.push('\n');
    }
    for relative in &case.gbk {
        let path = dir.join(relative);
        let text = std::fs::read_to_string(&path).unwrap();
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
        assert!(!unmappable, "{id}: {relative} has characters GBK lacks");
        std::fs::write(&path, bytes).unwrap();
    }
    for args in &case.before {
        let mut before = command(dir, case);
        for (k, v) in &case.before_env {
            before.env(k, v);
        }
        let output = before.args(args).output().unwrap();
        assert!(
            output.status.success(),
            "{id}: before: shenbao {}: {}{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    if let Some(t) = &case.tamper {
        tamper(dir, id, t);
    }
    given.push_str(&case.args.join(" "));
    given
}

/// YAML text without its comments (a `#` that starts a line or follows a
/// space): values quoted from the input are allowed in Chinese output, the
/// English of an example's comments is not.
fn without_comments(text: &str) -> String {
    text.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if trimmed.starts_with('#') {
                ""
            } else if let Some(at) = line.find(" #") {
                &line[..at]
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

struct Outcome {
    status: i32,
    stdout: String,
    stderr: String,
}

impl Outcome {
    fn both(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }
}

/// Replace the temporary folder's path (as given and as resolved) with `<dir>`.
fn normalise(text: &str, dir: &Path) -> String {
    let mut text = text.to_string();
    let mut forms = vec![dir.to_string_lossy().into_owned()];
    if let Ok(real) = dir.canonicalize() {
        forms.push(real.to_string_lossy().into_owned());
    }
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    for form in forms {
        text = text.replace(&form, "<dir>");
    }
    text
}

fn run(case: &Case, lang: &str) -> (Outcome, String) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let given = prepare(case, dir);
    // `<dir>` in an argument is the folder's absolute path (a file dragged
    // into the terminal window is pasted so).
    let shown = dir.to_string_lossy();
    let args: Vec<String> = case
        .args
        .iter()
        .map(|a| a.replace("<dir>", &shown))
        .collect();
    let output = command(dir, case)
        .args(["--lang", lang])
        .args(&args)
        .output()
        .unwrap();
    let outcome = Outcome {
        status: output.status.code().unwrap_or(-1),
        stdout: normalise(&String::from_utf8_lossy(&output.stdout), dir),
        stderr: normalise(&String::from_utf8_lossy(&output.stderr), dir),
    };
    (outcome, given)
}

/// The snapshot: the mistake, the command, the status and what it printed.
fn render(case: &Case, lang: &str, outcome: &Outcome) -> String {
    let mut out = format!("# {}\n", case.what);
    for before in &case.before {
        out.push_str(&format!("$ shenbao {}\n", before.join(" ")));
    }
    out.push_str(&format!(
        "$ shenbao --lang {lang} {}\n[exit {}]\n",
        case.args.join(" "),
        outcome.status
    ));
    for (name, text) in [("stdout", &outcome.stdout), ("stderr", &outcome.stderr)] {
        if !text.is_empty() {
            out.push_str(&format!("--- {name}\n{text}"));
            if !text.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    out
}

/// A line miette prints from the input file (` 13 │ name: …`), which holds
/// the user's own text, not the program's.
fn is_source_line(line: &str) -> bool {
    let trimmed = line.trim_start();
    let digits = trimmed.len()
        - trimmed
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    digits > 0 && {
        let rest = trimmed[digits..].trim_start();
        rest.starts_with('│') || rest.starts_with('|')
    }
}

/// Raw OS errors and Rust type or debug names: what a user cannot act on.
fn internals(text: &str) -> Vec<String> {
    const NAMES: &[&str] = &[
        "::",
        "Os {",
        "Error {",
        "Custom {",
        "Utf8Error",
        "ParseIntError",
        "ParseFloatError",
        "serde",
        "Some(",
        "panicked",
        "RUST_BACKTRACE",
    ];
    let mut found = Vec::new();
    if text.contains("os error") {
        found.push("`os error`".to_string());
    }
    // Rust's escapes of control characters (`\u{0}`), even in a line quoted
    // from the input: a binary file shown as if it were text.
    if let Some(line) = text.lines().find(|l| l.contains("\\u{")) {
        found.push(format!("`\\u{{…}}` escapes in: {}", line.trim()));
    }
    for line in text.lines().filter(|l| !is_source_line(l)) {
        for name in NAMES {
            if line.contains(name) {
                found.push(format!("`{name}` in: {}", line.trim()));
            }
        }
        // `kind: NotFound`, `kind: InvalidData`: a Debug-printed io::Error.
        if let Some(at) = line.find("kind: ") {
            if line[at + 6..].starts_with(|c: char| c.is_ascii_uppercase()) {
                found.push(format!("`kind:` in: {}", line.trim()));
            }
        }
    }
    found
}

/// Whether a whitespace-separated piece of ASCII text is an English word:
/// letters (an inner `'` or `-` allowed) once surrounding brackets, quotes
/// and punctuation are taken off. Flags (`--key`), codes (`A001`), paths and
/// file names (`inbox/`, `shenbao.yaml`) are not.
fn is_word(token: &str) -> bool {
    let core = token
        .trim_start_matches(['(', '[', '<', '"', '\''])
        .trim_end_matches([')', ']', '>', '"', '\'', ',', '.', ';', ':', '!', '?']);
    let mut chars = core.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && core
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == '\'' || c == '-')
        && !core.ends_with('-')
}

/// Text between backticks (allowed in any language) replaced with a mark
/// that ends a run of words.
fn without_backticks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        match rest[open + 1..].find('`') {
            Some(close) => {
                out.push_str(&rest[..open]);
                out.push('\u{fffc}');
                rest = &rest[open + 1 + close + 1..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

/// Runs of two or more English words (see [`is_word`]) separated only by
/// spaces (a word ending in `:` ends its run), in `output` outside backticks and outside the lines miette
/// quotes from the input file, and not found in `given` (what the user
/// typed: a value quoted back). Any non-ASCII character ends a run.
fn english_runs(output: &str, given: &str) -> Vec<String> {
    let given: String = given.split_whitespace().collect::<Vec<_>>().join(" ");
    let program: Vec<&str> = output.lines().filter(|l| !is_source_line(l)).collect();
    let text = without_backticks(&program.join("\n"));
    let mut runs = Vec::new();
    let mut end_run = |run: &mut Vec<&str>| {
        if run.len() >= 2 {
            let joined = run.join(" ");
            if !given.contains(&joined) {
                runs.push(joined);
            }
        }
        run.clear();
    };
    for line in text.lines() {
        for segment in line.split(|c: char| !c.is_ascii()) {
            let mut run: Vec<&str> = Vec::new();
            for token in segment.split_ascii_whitespace() {
                if is_word(token) {
                    run.push(token);
                    // A colon ends a phrase: `help: YAML` is a label and a word.
                    if token.ends_with(':') {
                        end_run(&mut run);
                    }
                } else {
                    end_run(&mut run);
                }
            }
            end_run(&mut run);
        }
    }
    runs
}

/// What is wrong with one language's output of a case.
fn problems(case: &Case, lang: &str, outcome: &Outcome, given: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if outcome.status != case.status {
        problems.push(format!(
            "exit status {} (expected {})",
            outcome.status, case.status
        ));
    }
    let both = outcome.both();
    for code in &case.codes {
        if !both.contains(&format!("[{code}]")) {
            problems.push(format!("no [{code}]"));
        }
    }
    for code in &case.absent {
        if both.contains(&format!("[{code}]")) {
            problems.push(format!("[{code}] besides the real mistake"));
        }
    }
    for text in &case.mentions {
        if !both.contains(text.as_str()) {
            problems.push(format!("does not mention {text:?}"));
        }
    }
    problems.extend(internals(&both));
    if lang == "zh" {
        for run in english_runs(&both, given) {
            problems.push(format!("English in Chinese output: {run:?}"));
        }
    }
    problems
}

fn snapshot_path(id: &str, lang: &str) -> PathBuf {
    common::root()
        .join("tests/ui/snapshots")
        .join(format!("{id}.{lang}.txt"))
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn ui_corpus() {
    let cases = load_cases();
    let bless = std::env::var("SHENBAO_BLESS").is_ok_and(|v| v == "1");
    let registered: Vec<&str> = shenbao::registry::all_rules()
        .iter()
        .map(|r| r.code)
        .collect();

    // The corpus itself.
    assert!(cases.len() >= 70, "only {} cases", cases.len());
    let mut seen = BTreeSet::new();
    for case in &cases {
        assert!(is_kebab(&case.id), "{}: id is not kebab-case", case.id);
        assert!(seen.insert(case.id.clone()), "{}: id used twice", case.id);
        assert!(
            has_chinese(&case.what) && !case.what.contains('\n'),
            "{}: `what` is one line in Chinese",
            case.id
        );
        // 0 only for a mistake whose right answer is a warning: then it
        // must name its code.
        assert!(
            [1, 2].contains(&case.status) || case.status == 0 && !case.codes.is_empty(),
            "{}: status is 1 or 2, or 0 with the warning's code",
            case.id
        );
        assert!(!case.args.is_empty(), "{}: no args", case.id);
        for code in case.codes.iter().chain(&case.absent) {
            assert!(
                registered.contains(&code.as_str()),
                "{}: {code} is not a registered code",
                case.id
            );
        }
        if let Some(reason) = &case.known_bad {
            assert!(!reason.trim().is_empty(), "{}: empty known_bad", case.id);
        }
    }

    // SHENBAO_UI_SHOW=<part of an id> (or `all`) prints those cases' output.
    let show = std::env::var("SHENBAO_UI_SHOW").unwrap_or_default();
    let mut failures = Vec::new();
    let mut known_bad = Vec::new();
    let mut now_clean = Vec::new();
    for case in &cases {
        let mut case_problems = Vec::new();
        for lang in LANGS {
            let (outcome, given) = run(case, lang);
            let found = problems(case, lang, &outcome, &given);
            if !show.is_empty() && (show == "all" || case.id.contains(&show)) {
                println!(
                    "==== {} [{lang}]\n{}",
                    case.id,
                    render(case, lang, &outcome)
                );
                for p in &found {
                    println!("!!!! {p}");
                }
            }
            if case.known_bad.is_some() {
                case_problems.extend(found.into_iter().map(|p| format!("[{lang}] {p}")));
                continue;
            }
            for p in found {
                failures.push(format!("{} [{lang}]: {p}", case.id));
            }
            let text = render(case, lang, &outcome);
            let path = snapshot_path(&case.id, lang);
            if bless {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                    std::fs::write(&path, &text).unwrap();
                }
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(expected) if expected == text => {}
                Ok(expected) => failures.push(format!(
                    "{} [{lang}]: output differs from {} (SHENBAO_BLESS=1 to accept)\n{}",
                    case.id,
                    path.display(),
                    diff(&expected, &text)
                )),
                Err(_) => failures.push(format!(
                    "{} [{lang}]: no snapshot {} (SHENBAO_BLESS=1 to write it)",
                    case.id,
                    path.display()
                )),
            }
        }
        if let Some(reason) = &case.known_bad {
            if case_problems.is_empty() {
                now_clean.push(case.id.clone());
            }
            known_bad.push((case.id.clone(), reason.clone(), case_problems));
        }
    }

    // Snapshots of no case, or of a known-bad case, are stale.
    let dir = common::root().join("tests/ui/snapshots");
    let wanted: Vec<String> = cases
        .iter()
        .filter(|c| c.known_bad.is_none())
        .flat_map(|c| LANGS.map(|lang| format!("{}.{lang}.txt", c.id)))
        .collect();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if !wanted.contains(&name) {
                if bless {
                    std::fs::remove_file(dir.join(&name)).unwrap();
                } else {
                    failures.push(format!(
                        "stale snapshot {name} (SHENBAO_BLESS=1 removes it)"
                    ));
                }
            }
        }
    }

    println!("cases: {}", cases.len());
    let ids: Vec<&str> = known_bad.iter().map(|(id, _, _)| id.as_str()).collect();
    println!("known bad: {} ({})", known_bad.len(), ids.join(", "));
    for (id, reason, found) in &known_bad {
        println!("  {id}: {reason}");
        for p in found {
            println!("      {p}");
        }
    }
    if !now_clean.is_empty() {
        println!(
            "known bad, yet passing the checks (if the reason is fixed, remove `known_bad`): {}",
            now_clean.join(", ")
        );
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The lines that differ, for a failure message.
fn diff(expected: &str, actual: &str) -> String {
    let old: Vec<&str> = expected.lines().collect();
    let new: Vec<&str> = actual.lines().collect();
    let mut out = String::new();
    for i in 0..old.len().max(new.len()) {
        let (a, b) = (old.get(i), new.get(i));
        if a != b {
            if let Some(a) = a {
                out.push_str(&format!("  -{}: {a}\n", i + 1));
            }
            if let Some(b) = b {
                out.push_str(&format!("  +{}: {b}\n", i + 1));
            }
        }
    }
    out
}

#[cfg(test)]
mod detector {
    use super::{english_runs, internals, is_source_line, is_word};

    #[test]
    fn an_english_sentence_is_found() {
        assert_eq!(
            english_runs("错误：the file is missing", ""),
            ["the file is missing"]
        );
        assert_eq!(
            english_runs("  × No such file or directory (os error 2)", ""),
            ["No such file or directory (os error"]
        );
    }

    #[test]
    fn punctuation_does_not_hide_a_run() {
        assert_eq!(
            english_runs("提示：missing, or unreadable.", ""),
            ["missing, or unreadable."]
        );
        assert_eq!(english_runs("(not found)", ""), ["(not found)"]);
    }

    #[test]
    fn a_colon_ends_a_run() {
        assert!(english_runs("  help: YAML 1.2 中只有 true/false 是布尔值", "").is_empty());
        assert_eq!(
            english_runs("error: invalid value 'pdf'", ""),
            ["invalid value 'pdf'"]
        );
        assert_eq!(
            english_runs("格式：central directory: version made by", ""),
            ["central directory:", "version made by"]
        );
    }

    #[test]
    fn chinese_next_to_english_does_not_hide_it() {
        assert_eq!(
            english_runs("这不是shenbao dossier文件", ""),
            ["shenbao dossier"]
        );
    }

    #[test]
    fn one_word_is_allowed() {
        assert!(english_runs("请上传 PDF 文件，签名密钥 EDCC209DC2338838", "").is_empty());
        assert!(english_runs("用 EMS 寄送，或 ZIP 格式", "").is_empty());
    }

    #[test]
    fn words_across_chinese_or_lines_are_not_a_run() {
        assert!(english_runs("PDF 或 PNG", "").is_empty());
        assert!(english_runs("写 PDF\nPNG 也可", "").is_empty());
    }

    #[test]
    fn backticks_flags_codes_and_paths_are_allowed() {
        assert!(english_runs("运行 `shenbao validate --strict` 再检查", "").is_empty());
        assert!(english_runs("请用 --key applicant.key 指定", "").is_empty());
        assert!(english_runs("参见 --no-password --key", "").is_empty());
        assert!(english_runs("已知代码：A001 A002 Z014", "").is_empty());
        assert!(english_runs("附件 attachments/business-licence.pdf 不存在", "").is_empty());
        assert!(english_runs("写入 inbox/ 失败：./shenbao.yaml", "").is_empty());
        assert!(english_runs("见 www.xinxixiaofei.com/sfxm 与 SHENBAO_PASSWORD", "").is_empty());
    }

    #[test]
    fn a_backtick_span_ends_a_run() {
        assert!(english_runs("run `x` again", "").is_empty());
        assert_eq!(english_runs("run it `x`", ""), ["run it"]);
    }

    #[test]
    fn an_unclosed_backtick_hides_nothing() {
        assert_eq!(english_runs("`shenbao is broken", ""), ["is broken"]);
    }

    #[test]
    fn values_from_the_input_are_allowed() {
        let given = "applicant:\n  name:   Acme   Robotics Ltd\n";
        assert!(english_runs("单位名称“Acme Robotics Ltd”不规范", given).is_empty());
        assert!(english_runs("单位名称 Acme Robotics 不规范", given).is_empty());
        assert_eq!(
            english_runs("单位名称“Acme Robots”不规范", given),
            ["Acme Robots"]
        );
    }

    #[test]
    fn lines_quoted_from_the_file_are_skipped() {
        assert!(is_source_line(" 95 │   channel: by post office"));
        assert!(is_source_line("102 │ ╭─▶   - path: a b"));
        assert!(!is_source_line("  │ 力、…”"));
        assert!(!is_source_line("  help: 改为 EMS"));
        let out = "错误[D002]\n 95 │   channel: by post office\n    ·            ─────\n";
        assert!(english_runs(out, "").is_empty());
        // A label under the line is the program's own text.
        let out = "    ·            ──┬──\n    ·                not accepted\n";
        assert_eq!(english_runs(out, ""), ["not accepted"]);
    }

    #[test]
    fn words_are_letters_only() {
        for word in [
            "the",
            "PDF",
            "don't",
            "e-mail",
            "(not",
            "found).",
            "'valdate'",
        ] {
            assert!(is_word(word), "{word}");
        }
        for token in [
            "--key", "-o", "A001", "inbox/", "x.pdf", "e.g.", "not_yet", "2021", "a1", "-", "",
        ] {
            assert!(!is_word(token), "{token}");
        }
    }

    #[test]
    fn internals_are_found() {
        assert_eq!(internals("打不开（os error 2）").len(), 1);
        assert!(!internals("Os { code: 2, kind: NotFound }").is_empty());
        assert!(!internals("std::io::Error").is_empty());
        assert!(!internals("invalid utf-8: Utf8Error { valid_up_to: 3 }").is_empty());
        assert!(!internals(r" 1 │ PK\u{3}\u{4}\u{14}").is_empty());
        assert!(internals("错误[S004]\n  × `recommender.kind` 不是允许的值").is_empty());
        // The user's own `kind: 省` quoted from the file is no debug output.
        assert!(internals(" 85 │   kind: Province").is_empty());
        assert!(internals("  help: 改为 `kind: province`").is_empty());
    }
}
