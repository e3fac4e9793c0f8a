//! Opening a file that someone else named: only a regular file is read. A
//! FIFO would block the run forever and a device would read without end, so
//! both are refused before the first read, and the open itself never waits.

use std::fs::File;
use std::io;
use std::path::Path;

/// Why a path was not opened for reading.
#[derive(Debug)]
pub enum OpenError {
    /// The operating system refused (missing, permissions…).
    Io(io::Error),
    /// It exists but is not a regular file: what it is, in both languages.
    NotRegular { zh: &'static str, en: &'static str },
}

impl From<io::Error> for OpenError {
    fn from(err: io::Error) -> OpenError {
        OpenError::Io(err)
    }
}

/// Open `path` for reading if it is a regular file (symbolic links followed);
/// also its size.
///
/// ```
/// let dir = std::env::temp_dir();
/// let (_, size) = shenbao_load::open_regular(&std::env::current_exe().unwrap()).unwrap();
/// assert!(size > 0);
/// assert!(matches!(
///     shenbao_load::open_regular(&dir),
///     Err(shenbao_load::OpenError::NotRegular { .. })
/// ));
/// ```
pub fn open_regular(path: &Path) -> Result<(File, u64), OpenError> {
    let file = open_without_waiting(path)?;
    let metadata = file.metadata()?;
    let kind = metadata.file_type();
    if kind.is_file() {
        return Ok((file, metadata.len()));
    }
    Err(OpenError::NotRegular {
        zh: describe(&kind).0,
        en: describe(&kind).1,
    })
}

/// O_NONBLOCK: opening a FIFO with no writer returns at once instead of
/// waiting; on a regular file the flag changes nothing.
#[cfg(unix)]
fn open_without_waiting(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> io::Result<File> {
    File::open(path)
}

fn describe(kind: &std::fs::FileType) -> (&'static str, &'static str) {
    if kind.is_dir() {
        return ("文件夹", "a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return ("命名管道（FIFO）", "a named pipe (FIFO)");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return ("设备文件", "a device");
        }
        if kind.is_socket() {
            return ("套接字", "a socket");
        }
    }
    ("特殊文件", "a special file")
}
