//! The repository stands alone: no tracked file cites a path outside it, and
//! every file that `docs/sources/README.md` lists is really there.
//!
//! The facts behind the call profile live in `docs/sources/`, each with its
//! public source. A path into a neighbouring folder of the machine the project
//! was written on means nothing to someone who clones it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What must not appear, built from pieces so that this file does not match
/// itself.
fn needles() -> Vec<String> {
    let shared = ["sha", "red"].concat();
    vec![
        format!("/{}/", ["wo", "rk"].concat()),
        format!("../{shared}"),
        format!("{shared}/call"),
        format!("{shared}/domain"),
    ]
}

/// Files not worth reading as text: fonts, PDFs, images, archives.
const BINARY_EXTENSIONS: &[&str] = &[
    "ttf", "otf", "woff", "woff2", "pdf", "png", "jpg", "jpeg", "gif", "ico", "zip", "gz", "ofd",
];

fn skipped(relative: &str) -> bool {
    let path = Path::new(relative);
    relative == "Cargo.lock"
        || path
            .components()
            .next()
            .is_some_and(|c| c.as_os_str() == "target" || c.as_os_str() == ".git")
        || path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| BINARY_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Tracked files, relative to the root with `/` separators: `git ls-files`,
/// or every file under the root if git is missing or this is no checkout.
fn repository_files() -> Vec<String> {
    let root = root();
    let listed = Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(&root)
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| {
            out.stdout
                .split(|&b| b == 0)
                .filter(|name| !name.is_empty())
                .map(|name| String::from_utf8_lossy(name).into_owned())
                .collect::<Vec<_>>()
        });
    match listed {
        Some(files) if !files.is_empty() => files,
        _ => {
            let mut files = Vec::new();
            walk(&root, &root, &mut files);
            files
        }
    }
}

fn walk(root: &Path, dir: &Path, files: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let relative = path
            .strip_prefix(root)
            .expect("under the root")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            // Build output, git's own files and installed packages are not ours.
            let name = entry.file_name();
            let theirs = relative == "target" || name == ".git" || name == "node_modules";
            if !theirs {
                walk(root, &path, files);
            }
        } else if kind.is_file() {
            files.push(relative);
        }
    }
}

#[test]
fn no_file_cites_a_path_outside_the_repository() {
    let root = root();
    let needles = needles();
    let mut hits = Vec::new();
    let mut read = 0;
    for relative in repository_files() {
        if skipped(&relative) {
            continue;
        }
        // A tracked file deleted in the work tree, or unreadable: nothing to check.
        let Ok(bytes) = std::fs::read(root.join(&relative)) else {
            continue;
        };
        // Binary content under a text-like name (or none): not text, skip.
        if bytes.contains(&0) {
            continue;
        }
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        read += 1;
        for (number, line) in text.lines().enumerate() {
            if needles.iter().any(|n| line.contains(n.as_str())) {
                let shown: String = line.trim().chars().take(160).collect();
                hits.push(format!("{relative}:{}: {shown}", number + 1));
            }
        }
    }
    assert!(read > 10, "only {read} text files found to check");
    assert!(
        hits.is_empty(),
        "{} line(s) cite a path outside the repository; cite the copy in docs/sources/ \
         and its public source instead:\n{}",
        hits.len(),
        hits.join("\n")
    );
}

/// File names in the index: link targets `](name)` and backticked names in the
/// first column of its table, relative to `docs/sources/`.
fn indexed_files(index: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for line in index.lines() {
        let mut rest = line;
        while let Some(start) = rest.find("](") {
            let after = &rest[start + 2..];
            let Some(end) = after.find(')') else { break };
            let target = after[..end].split('#').next().unwrap_or("").trim();
            if !target.is_empty() && !target.contains("://") {
                names.insert(target.to_string());
            }
            rest = &after[end..];
        }
        if let Some(cell) = line.strip_prefix('|').and_then(|l| l.split('|').next()) {
            let cell = cell.trim();
            if let Some(inner) = cell.strip_prefix('`').and_then(|c| c.strip_suffix('`')) {
                names.insert(inner.to_string());
            }
        }
    }
    names
}

#[test]
fn every_file_in_the_sources_index_exists() {
    let dir = root().join("docs/sources");
    let index = std::fs::read_to_string(dir.join("README.md")).expect("docs/sources/README.md");
    let names = indexed_files(&index);
    assert!(
        names.len() >= 8,
        "the index names too few files ({}): {names:?}",
        names.len()
    );
    let missing: Vec<&String> = names
        .iter()
        .filter(|name| !dir.join(name).is_file())
        .collect();
    assert!(
        missing.is_empty(),
        "docs/sources/README.md lists files that do not exist: {missing:?}"
    );
}

#[test]
fn every_file_in_docs_sources_is_indexed() {
    let dir = root().join("docs/sources");
    let index = std::fs::read_to_string(dir.join("README.md")).expect("docs/sources/README.md");
    let names = indexed_files(&index);
    let unlisted: Vec<String> = std::fs::read_dir(&dir)
        .expect("docs/sources/")
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "README.md" && !names.contains(name))
        .collect();
    assert!(
        unlisted.is_empty(),
        "files in docs/sources/ missing from its README.md: {unlisted:?}"
    );
}
