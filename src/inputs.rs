//! Turning the paths on the command line into the list of declarations to check.

use shenbao_diagnostic::{Diagnostic, Text};
use shenbao_load::{diags, file_error};
use std::path::{Path, PathBuf};

/// The file name looked for inside folders.
pub const DECLARATION_FILE: &str = "shenbao.yaml";

/// One thing to check: a file, or a path that could not even be listed.
#[derive(Debug)]
pub enum Input {
    File {
        path: PathBuf,
        display: String,
    },
    Unusable {
        display: String,
        diagnostic: Diagnostic,
    },
}

impl Input {
    pub fn display(&self) -> &str {
        match self {
            Input::File { display, .. } | Input::Unusable { display, .. } => display,
        }
    }
}

/// Expand files and folders. A folder contributes every `shenbao.yaml` below it
/// (hidden folders and `target/` skipped; links to folders not followed, since
/// they can lead out of the tree or round in a loop), in
/// a stable order, handing each input to `sink` as soon as it is found, so
/// that checking can start while the walk goes on and the list is never whole
/// in memory.
pub fn for_each(paths: &[PathBuf], mut sink: impl FnMut(Input)) {
    for path in paths {
        let display = shenbao_diagnostic::shown_path(path);
        match std::fs::metadata(path) {
            Err(err) => sink(Input::Unusable {
                diagnostic: file_error(&display, &err),
                display,
            }),
            Ok(meta) if meta.is_dir() => {
                let mut found = 0;
                let mut near = Vec::new();
                walk(path, &mut near, &mut |input| {
                    found += 1;
                    sink(input);
                });
                if found == 0 {
                    sink(Input::Unusable {
                        diagnostic: no_declaration(&display, &near),
                        display,
                    });
                }
            }
            Ok(_) => sink(Input::File {
                path: path.clone(),
                display,
            }),
        }
    }
}

/// F003, naming the files that look like a declaration under another name
/// (`shenbao.yaml.txt`: Windows hides known extensions, so the applicant
/// sees `shenbao.yaml`).
fn no_declaration(display: &str, near: &[PathBuf]) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        &diags::NO_DECLARATION,
        Text::new(
            format!("文件夹 {display} 中（含子文件夹）没有 {DECLARATION_FILE}"),
            format!("no {DECLARATION_FILE} in {display} or below"),
        ),
    );
    if near.is_empty() {
        return diagnostic.help(Text::new(
            format!("用 `shenbao init {display}` 新建申报文件，或给出 YAML 文件的路径"),
            format!("create one with `shenbao init {display}`, or give the YAML file's path"),
        ));
    }
    let names: Vec<String> = near
        .iter()
        .map(|p| format!("`{}`", shenbao_diagnostic::shown_path(p)))
        .collect();
    let names = names.join(", ");
    diagnostic.help(Text::new(
        format!(
            "找到了 {names}：如果它就是申报文件，把它改名为 {DECLARATION_FILE}。\
             Windows 默认隐藏扩展名，shenbao.yaml.txt 看起来就像 shenbao.yaml；\
             在资源管理器的“查看”菜单勾选“文件扩展名”即可看到"
        ),
        format!(
            "found {names}: if that is the declaration, rename it to {DECLARATION_FILE}. \
             Windows hides known extensions, so shenbao.yaml.txt looks like shenbao.yaml; \
             tick \"File name extensions\" in Explorer's View menu to see them"
        ),
    ))
}

/// A file name a declaration gets by mistake: `shenbao.yaml.txt`,
/// `shenbao.yml`, `Shenbao.YAML`, `shenbao (1).yaml`, `shenbao - 副本.yaml`.
fn looks_like_declaration(name: &str) -> bool {
    let lower = name.to_lowercase();
    name != DECLARATION_FILE
        && lower.starts_with("shenbao")
        && (lower.starts_with("shenbao.yaml")
            || lower.starts_with("shenbao.yml")
            || lower.ends_with(".yaml")
            || lower.ends_with(".yml"))
}

/// At most this many look-alike names are listed.
const NEAR_NAMES: usize = 5;

fn walk(root: &Path, near: &mut Vec<PathBuf>, sink: &mut dyn FnMut(Input)) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || {
                let name = entry.file_name().to_string_lossy();
                !(entry.file_type().is_dir() && (name.starts_with('.') || name == "target"))
            }
        });
    for entry in walker {
        match entry {
            Ok(entry) => {
                // Anything named shenbao.yaml but a folder: loading says what
                // is wrong with a FIFO or a dangling link (F010, F001).
                if entry.file_type().is_dir() {
                    continue;
                }
                if entry.file_name() == DECLARATION_FILE {
                    sink(Input::File {
                        display: shenbao_diagnostic::shown_path(entry.path()),
                        path: entry.into_path(),
                    });
                } else if near.len() < NEAR_NAMES
                    && looks_like_declaration(&entry.file_name().to_string_lossy())
                {
                    near.push(entry.into_path());
                }
            }
            Err(err) => {
                let display = err
                    .path()
                    .map(shenbao_diagnostic::shown_path)
                    .unwrap_or_else(|| shenbao_diagnostic::shown_path(root));
                let io = err
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("walk error"));
                sink(Input::Unusable {
                    diagnostic: file_error(&display, &io),
                    display,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_a_declaration_gets_by_mistake() {
        for name in [
            "shenbao.yaml.txt",
            "shenbao.yml",
            "Shenbao.YAML",
            "shenbao (1).yaml",
            "shenbao - 副本.yaml",
            "SHENBAO.YAML.TXT",
        ] {
            assert!(looks_like_declaration(name), "{name}");
        }
        for name in [
            "shenbao.yaml",
            "申报书.pdf",
            "config.yaml",
            "shenbao.schema.json",
        ] {
            assert!(!looks_like_declaration(name), "{name}");
        }
    }
}
