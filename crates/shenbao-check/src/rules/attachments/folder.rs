//! The common case of an attachment, cheaply: a regular file reached from the
//! declaration's folder without any symlink. On Linux that is one `openat2`
//! relative to the folder, refusing symlinks in every component, and one
//! `fstat`, instead of an `lstat` per component, an `open` and an `fstat`.
//! Anything else (missing, a symlink on the way, not a regular file, an
//! error, another system) is left to [`files::resolve`], which says exactly
//! what is there.

use super::files;
use std::fs::File;
use std::path::{Path, PathBuf};

/// The folder a declaration's attachment paths are relative to.
pub struct Folder<'a> {
    dir: &'a Path,
    /// Opened at the first attachment; `None` inside when it cannot be.
    #[cfg(target_os = "linux")]
    fd: Option<Option<std::os::fd::OwnedFd>>,
}

/// A regular file, open, with its size.
pub struct Opened {
    pub path: PathBuf,
    pub file: File,
    pub size: u64,
}

impl<'a> Folder<'a> {
    pub fn new(dir: &'a Path) -> Folder<'a> {
        Folder {
            dir,
            #[cfg(target_os = "linux")]
            fd: None,
        }
    }

    pub fn dir(&self) -> &'a Path {
        self.dir
    }

    /// Open `path` (already checked: relative, no `..`) when it is a regular
    /// file reached without a symlink; `None` for everything else.
    #[cfg(target_os = "linux")]
    pub fn open_plain(&mut self, path: &str) -> Option<Opened> {
        use rustix::fs::{Mode, OFlags, ResolveFlags};
        let dir = self.dir;
        let folder = self
            .fd
            .get_or_insert_with(|| {
                rustix::fs::open(
                    dir,
                    OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
                    Mode::empty(),
                )
                .ok()
            })
            .as_ref()?;
        // NONBLOCK and NOCTTY: should a FIFO or a terminal be there, opening
        // it neither waits nor takes it over; it is then not a regular file
        // and the general way reports it as before.
        let fd = rustix::fs::openat2(
            folder,
            path,
            OFlags::RDONLY | OFlags::CLOEXEC | OFlags::NOCTTY | OFlags::NONBLOCK,
            Mode::empty(),
            ResolveFlags::NO_SYMLINKS | ResolveFlags::BENEATH,
        )
        .ok()?;
        let file = File::from(fd);
        let meta = file.metadata().ok()?;
        meta.is_file().then(|| Opened {
            path: files::joined(dir, path),
            file,
            size: meta.len(),
        })
    }

    #[cfg(not(target_os = "linux"))]
    pub fn open_plain(&mut self, _path: &str) -> Option<Opened> {
        None
    }
}
