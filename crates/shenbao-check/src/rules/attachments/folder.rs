//! Opening an attachment safely: relative to the declaration's folder, never
//! through a symlink, once. What is opened is an open file, so whatever is
//! checked, hashed and packed afterwards is that same file, whatever happens
//! to the path meanwhile.
//!
//! On Linux that is one `openat2` relative to the folder with
//! `RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH`, and one `fstat`. Where `openat2`
//! is missing (an older kernel, a sandbox refusing it) and on other Unix
//! systems, the path is walked component by component with `openat` and
//! `O_NOFOLLOW`, each component relative to the folder opened before it.
//! Elsewhere (Windows) the path is checked for links with `lstat` and then
//! opened: that is not free of races.

#[cfg(unix)]
use super::files;
use std::fs::File;
use std::path::{Path, PathBuf};

/// The folder a declaration's attachment paths are relative to.
///
/// ```
/// use shenbao_check::rules::attachments::folder::{Folder, OpenError};
///
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::create_dir(dir.path().join("attachments")).unwrap();
/// std::fs::write(dir.path().join("attachments/a.pdf"), b"%PDF-1.4").unwrap();
/// let mut folder = Folder::new(dir.path());
///
/// let opened = folder.open("attachments/a.pdf").unwrap();
/// assert_eq!(opened.size, 8);
/// assert!(matches!(folder.open("attachments/none.pdf"), Err(OpenError::Missing)));
/// assert!(matches!(folder.open("attachments"), Err(OpenError::NotAFile)));
/// # #[cfg(unix)]
/// # {
/// std::os::unix::fs::symlink("a.pdf", dir.path().join("attachments/b.pdf")).unwrap();
/// assert!(matches!(folder.open("attachments/b.pdf"), Err(OpenError::Link)));
/// # }
/// ```
pub struct Folder<'a> {
    dir: &'a Path,
    /// Opened at the first attachment; `None` inside when it cannot be.
    #[cfg(unix)]
    fd: Option<Option<std::os::fd::OwnedFd>>,
}

/// A regular file, open, with its size and identity.
pub struct Opened {
    /// The folder and the written path, joined (for messages).
    pub path: PathBuf,
    pub file: File,
    pub size: u64,
    /// Device and inode (0 and 0 where the system has none), to tell whether
    /// two opens reached the same file.
    pub identity: (u64, u64),
}

/// Why an attachment was not opened.
#[derive(Debug)]
pub enum OpenError {
    /// Nothing is there.
    Missing,
    /// The path is a symlink or passes through one (or would leave the folder).
    Link,
    /// Something is there, but not a regular file (a folder, a FIFO, a device).
    NotAFile,
    /// The system refused otherwise.
    Io(std::io::Error),
}

impl<'a> Folder<'a> {
    pub fn new(dir: &'a Path) -> Folder<'a> {
        Folder {
            dir,
            #[cfg(unix)]
            fd: None,
        }
    }

    pub fn dir(&self) -> &'a Path {
        self.dir
    }

    /// Open `path` (already checked: relative, no `..`) when it is a regular
    /// file reached without a symlink; `None` for everything else.
    pub fn open_plain(&mut self, path: &str) -> Option<Opened> {
        self.open(path).ok()
    }

    /// Open `path` (relative to the folder, without `..`) for reading when it
    /// is a regular file reached without any symlink, and say why not
    /// otherwise. The open file is the one to check, hash and read: the path
    /// is not looked at again.
    #[cfg(unix)]
    pub fn open(&mut self, path: &str) -> Result<Opened, OpenError> {
        use rustix::fs::{Mode, OFlags};
        if path.split('/').any(|c| c == "..") || path.starts_with('/') {
            return Err(OpenError::Link);
        }
        let dir = self.dir;
        let folder = self
            .fd
            .get_or_insert_with(|| {
                rustix::fs::open(dir, dir_flags() | OFlags::CLOEXEC, Mode::empty()).ok()
            })
            .as_ref()
            .ok_or_else(|| OpenError::Io(std::io::ErrorKind::NotFound.into()))?;
        let fd = open_beneath(folder, path)?;
        let file = File::from(fd);
        let meta = file.metadata().map_err(OpenError::Io)?;
        if !meta.is_file() {
            return Err(OpenError::NotAFile);
        }
        use std::os::unix::fs::MetadataExt;
        Ok(Opened {
            path: files::joined(dir, path),
            file,
            size: meta.len(),
            identity: (meta.dev(), meta.ino()),
        })
    }

    /// Without `openat`: look for links with `lstat`, then open (not free of
    /// races, see the module's documentation).
    #[cfg(not(unix))]
    pub fn open(&mut self, path: &str) -> Result<Opened, OpenError> {
        let mut current = self.dir.to_path_buf();
        for component in Path::new(path).components() {
            current.push(component);
            match std::fs::symlink_metadata(&current) {
                Ok(meta) if meta.file_type().is_symlink() => return Err(OpenError::Link),
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err(OpenError::Missing)
                }
                Err(e) => return Err(OpenError::Io(e)),
            }
        }
        let file = File::open(&current).map_err(OpenError::Io)?;
        let meta = file.metadata().map_err(OpenError::Io)?;
        if !meta.is_file() {
            return Err(OpenError::NotAFile);
        }
        Ok(Opened {
            path: current,
            file,
            size: meta.len(),
            identity: (0, 0),
        })
    }
}

/// Flags of the final open. NONBLOCK and NOCTTY: should a FIFO or a terminal
/// be there, opening it neither waits nor takes it over; it is then refused
/// as not a regular file.
#[cfg(unix)]
fn file_flags() -> rustix::fs::OFlags {
    use rustix::fs::OFlags;
    OFlags::RDONLY | OFlags::CLOEXEC | OFlags::NOCTTY | OFlags::NONBLOCK
}

/// A folder is opened only to open what is in it (no read permission needed
/// on Linux).
#[cfg(unix)]
fn dir_flags() -> rustix::fs::OFlags {
    use rustix::fs::OFlags;
    #[cfg(target_os = "linux")]
    return OFlags::PATH | OFlags::DIRECTORY;
    #[cfg(not(target_os = "linux"))]
    return OFlags::RDONLY | OFlags::DIRECTORY;
}

#[cfg(target_os = "linux")]
fn open_beneath(
    folder: &std::os::fd::OwnedFd,
    path: &str,
) -> Result<std::os::fd::OwnedFd, OpenError> {
    use rustix::fs::{Mode, ResolveFlags};
    use rustix::io::Errno;
    match rustix::fs::openat2(
        folder,
        path,
        file_flags(),
        Mode::empty(),
        ResolveFlags::NO_SYMLINKS | ResolveFlags::BENEATH,
    ) {
        Ok(fd) => Ok(fd),
        // No openat2 here (older kernel, or a sandbox that refuses it).
        Err(Errno::NOSYS | Errno::PERM | Errno::INVAL) => walk(folder, path),
        Err(e) => Err(classify(folder, path, e)),
    }
}

#[cfg(all(unix, not(target_os = "linux")))]
fn open_beneath(
    folder: &std::os::fd::OwnedFd,
    path: &str,
) -> Result<std::os::fd::OwnedFd, OpenError> {
    walk(folder, path)
}

/// Component by component, each relative to the folder opened before it and
/// with `O_NOFOLLOW`: a symlink anywhere fails the open.
#[cfg(unix)]
fn walk(folder: &std::os::fd::OwnedFd, path: &str) -> Result<std::os::fd::OwnedFd, OpenError> {
    use rustix::fs::{Mode, OFlags};
    use std::os::fd::AsFd;
    let components: Vec<&str> = path.split('/').filter(|c| !c.is_empty()).collect();
    let Some((last, parents)) = components.split_last() else {
        return Err(OpenError::NotAFile);
    };
    let mut held: Option<std::os::fd::OwnedFd> = None;
    for component in parents {
        let at = held.as_ref().map_or(folder.as_fd(), |fd| fd.as_fd());
        let next = rustix::fs::openat(
            at,
            *component,
            dir_flags() | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(|e| classify(at, component, e))?;
        held = Some(next);
    }
    let at = held.as_ref().map_or(folder.as_fd(), |fd| fd.as_fd());
    rustix::fs::openat(at, *last, file_flags() | OFlags::NOFOLLOW, Mode::empty())
        .map_err(|e| classify(at, last, e))
}

/// What a failed open met: a link is told by `lstat` (`ELOOP`, `EXDEV` and
/// `ENOTDIR` all can mean one), the rest by its error.
#[cfg(unix)]
fn classify(at: impl std::os::fd::AsFd, path: &str, err: rustix::io::Errno) -> OpenError {
    use rustix::io::Errno;
    if matches!(err, Errno::LOOP | Errno::XDEV) {
        return OpenError::Link;
    }
    // Any link along the way is what is reported.
    let mut so_far = String::new();
    for component in path.split('/') {
        if !so_far.is_empty() {
            so_far.push('/');
        }
        so_far.push_str(component);
        match rustix::fs::statat(
            at.as_fd(),
            so_far.as_str(),
            rustix::fs::AtFlags::SYMLINK_NOFOLLOW,
        ) {
            Ok(stat) if rustix::fs::FileType::from_raw_mode(stat.st_mode).is_symlink() => {
                return OpenError::Link
            }
            Ok(_) => {}
            Err(Errno::NOENT | Errno::NOTDIR) => return OpenError::Missing,
            Err(_) => break,
        }
    }
    match err {
        Errno::NOENT | Errno::NOTDIR => OpenError::Missing,
        Errno::NXIO => OpenError::NotAFile, // a socket
        other => OpenError::Io(other.into()),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn the_walk_refuses_links_anywhere() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("a")).unwrap();
        std::fs::write(root.join("a/x.pdf"), b"plain").unwrap();
        std::os::unix::fs::symlink("a", root.join("b")).unwrap();
        std::os::unix::fs::symlink("x.pdf", root.join("a/y.pdf")).unwrap();
        std::os::unix::fs::symlink("loop", root.join("loop")).unwrap();
        let folder = rustix::fs::open(
            root,
            rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::DIRECTORY,
            rustix::fs::Mode::empty(),
        )
        .unwrap();
        assert!(walk(&folder, "a/x.pdf").is_ok());
        assert!(matches!(walk(&folder, "b/x.pdf"), Err(OpenError::Link)));
        assert!(matches!(walk(&folder, "a/y.pdf"), Err(OpenError::Link)));
        assert!(matches!(walk(&folder, "loop"), Err(OpenError::Link)));
        assert!(matches!(walk(&folder, "a/none"), Err(OpenError::Missing)));
        let mut f = Folder::new(root);
        for path in ["b/x.pdf", "a/y.pdf", "loop"] {
            assert!(matches!(f.open(path), Err(OpenError::Link)), "{path}");
        }
        assert!(matches!(f.open("a"), Err(OpenError::NotAFile)));
        assert_eq!(f.open("a/x.pdf").unwrap().size, 5);
    }
}
