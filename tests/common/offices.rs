//! A recommending office's desk in a temp folder: a key pair, an inbox of
//! dossiers packaged from the examples, and the findings of a JSON run.

use super::{root, shenbao};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Copy an example, apply `edit` to its YAML text, package it into `inbox`.
pub fn package(
    work: &Path,
    inbox: &Path,
    example: &str,
    name: &str,
    edit: impl Fn(String) -> String,
) {
    let decl = work.join(name);
    let source = root().join("examples").join(example);
    std::fs::create_dir_all(decl.join("attachments")).unwrap();
    for entry in std::fs::read_dir(source.join("attachments")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(
            entry.path(),
            decl.join("attachments").join(entry.file_name()),
        )
        .unwrap();
    }
    let yaml = edit(std::fs::read_to_string(source.join("shenbao.yaml")).unwrap());
    std::fs::write(decl.join("shenbao.yaml"), yaml).unwrap();
    let out = shenbao()
        .args(["package", "--key"])
        .arg(work.join("k.key"))
        .arg("-o")
        .arg(inbox.join(format!("{name}.zip")))
        .arg(&decl)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

pub struct Office {
    _dir: tempfile::TempDir,
    pub work: PathBuf,
    pub inbox: PathBuf,
}

pub fn office() -> Office {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().to_path_buf();
    let inbox = work.join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    shenbao()
        .args(["keygen", "--no-password", "-o"])
        .arg(work.join("k"))
        .output()
        .unwrap();
    std::fs::create_dir(work.join("keys")).unwrap();
    std::fs::copy(work.join("k.pub"), work.join("keys/applicant.pub")).unwrap();
    Office {
        _dir: dir,
        work,
        inbox,
    }
}

pub fn findings(json: &Value) -> Vec<(String, Vec<String>)> {
    json["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let name = Path::new(r["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let codes = r["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["code"].as_str().unwrap().to_string())
                .collect();
            (name, codes)
        })
        .collect()
}

pub fn codes_of<'a>(found: &'a [(String, Vec<String>)], name: &str) -> &'a [String] {
    &found
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} not in {found:?}"))
        .1
}

/// The 2021 call profile with one quota changed (`kind` as the profile's
/// `quotas:` line writes it), saved in `work`; its path.
pub fn profile_with_quota(work: &Path, kind: &str, quota: u32) -> PathBuf {
    let text = shenbao_check::call::EMBEDDED_2021;
    let line = text
        .lines()
        .find(|l| l.starts_with("quotas: {"))
        .expect("the profile's quotas line");
    let start = line
        .find(&format!("{kind}: "))
        .expect("a quota of that kind")
        + kind.len()
        + 2;
    let end = start + line[start..].find([',', '}']).unwrap();
    let changed = format!("{}{quota}{}", &line[..start], &line[end..]);
    assert_ne!(changed, line);
    let path = work.join(format!("quota-{kind}-{quota}.yaml"));
    std::fs::write(&path, text.replacen(line, &changed, 1)).unwrap();
    path
}
