//! Where the attachments are looked at: on disk beside the declaration
//! (`validate`, `package`), or inside a dossier (`verify`). The rules are the
//! same; only the way to a file's facts and digest differs.

use super::files::{self, Facts};
use super::folder::Folder;
use super::messages::{missing, near_name, path_problem};
use super::packed::PackedFiles;
use shenbao_diagnostic::{io_reason, Diagnostic, Text};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// A file that was found, and what it is.
pub(super) struct Found {
    pub facts: Facts,
    /// The extension that names its type, lower case.
    pub ext: String,
    pub digest: Digest,
}

/// How to get a file's SHA-256 when it is needed (only for files of equal size).
pub(super) enum Digest {
    /// Hash the file at this path.
    Path(PathBuf),
    /// Already known (a dossier's files were hashed as they were read).
    Known([u8; 32]),
}

pub(super) trait Source {
    /// The facts of the file written `path` (checked: relative, no `..`), or
    /// the diagnostic saying why there are none, at `pointer`.
    fn look(
        &mut self,
        pointer: &str,
        path: &str,
        max_name_chars: usize,
    ) -> Result<Found, Box<Diagnostic>>;
    fn digest(&mut self, digest: &Digest) -> Option<[u8; 32]>;
}

/// The declaration's folder.
pub(super) struct OnDisk<'a> {
    folder: Folder<'a>,
}

impl<'a> OnDisk<'a> {
    pub fn new(dir: &'a Path) -> OnDisk<'a> {
        OnDisk {
            folder: Folder::new(dir),
        }
    }
}

impl Source for OnDisk<'_> {
    fn look(
        &mut self,
        pointer: &str,
        path: &str,
        max_name_chars: usize,
    ) -> Result<Found, Box<Diagnostic>> {
        // Opened once, without links, relative to the folder; a file reached
        // through a link inside the folder is still accepted, resolved.
        let (real, opened) = match self.folder.open_plain(path) {
            Some(opened) => (opened.path, Some((opened.file, opened.size))),
            None => match files::resolve(self.folder.dir(), path) {
                Ok(Some(resolved)) if resolved.is_file => (resolved.path, None),
                Ok(Some(_)) => {
                    return Err(Box::new(missing(
                        pointer,
                        path,
                        "不是文件",
                        "is not a file",
                    )))
                }
                Ok(None) if is_link(&files::joined(self.folder.dir(), path)) => {
                    return Err(Box::new(missing(
                        pointer,
                        path,
                        "是一个符号链接，但它指向的文件不存在（或链接绕成了环）",
                        "is a symbolic link to nothing (its target is missing, or links loop)",
                    )))
                }
                Ok(None) => {
                    let mut diagnostic = missing(pointer, path, "不存在", "does not exist");
                    if let Some(near) = near_name(self.folder.dir(), path) {
                        diagnostic = diagnostic.help(Text::new(
                            format!("文件夹中有 `{near}`，是否应写这个名字？路径须与文件名完全一致（含大小写和扩展名）"),
                            format!("the folder holds `{near}`: did you mean it? The path must match the name exactly (case and extension too)"),
                        ));
                    }
                    return Err(Box::new(diagnostic));
                }
                Err(problem) => {
                    return Err(Box::new(path_problem(
                        pointer,
                        path,
                        &problem,
                        max_name_chars,
                    )))
                }
            },
        };
        let ext = extension(&real);
        let is_pdf = ext == "pdf";
        let looked = match opened {
            Some((file, size)) => files::inspect_open(file, size, is_pdf),
            None => files::inspect(&real, is_pdf),
        };
        match looked {
            Ok(facts) => Ok(Found {
                facts,
                ext,
                digest: Digest::Path(real),
            }),
            Err(err) => {
                let why = io_reason(&err);
                Err(Box::new(missing(
                    pointer,
                    path,
                    &format!("无法读取（{}）", why.zh),
                    &format!("cannot be read ({})", why.en),
                )))
            }
        }
    }

    fn digest(&mut self, digest: &Digest) -> Option<[u8; 32]> {
        match digest {
            Digest::Path(path) => files::sha256_of(path).ok(),
            Digest::Known(known) => Some(*known),
        }
    }
}

/// The files inside a dossier, by their path under `data/`.
pub(super) struct InDossier<'a>(pub &'a PackedFiles);

impl Source for InDossier<'_> {
    fn look(&mut self, pointer: &str, path: &str, _: usize) -> Result<Found, Box<Diagnostic>> {
        // `package` stores names composed (NFC), whatever the declaration says.
        let stored: String = path.nfc().collect();
        let Some(file) = self.0.get(&stored) else {
            return Err(Box::new(missing(
                pointer,
                path,
                "不在材料包内",
                "is not in the dossier",
            )));
        };
        Ok(Found {
            facts: file.facts.clone(),
            ext: extension(Path::new(&stored)),
            digest: Digest::Known(file.sha256),
        })
    }

    fn digest(&mut self, digest: &Digest) -> Option<[u8; 32]> {
        match digest {
            Digest::Known(known) => Some(*known),
            Digest::Path(_) => None,
        }
    }
}

fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}
