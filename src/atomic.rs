//! Outputs are written to a temporary file beside the target and renamed into
//! place, so an interrupted run never leaves a half-written file.

use std::io::Write;
use std::path::Path;

/// Write `bytes` to `path` atomically (same-folder temp file, fsync, rename),
/// readable by everyone (0644).
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with_mode(path, bytes, 0o644)
}

/// Like [`write`], readable by the owner only (0600): secret keys. The file
/// never exists under its name with wider permissions.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with_mode(path, bytes, 0o600)
}

fn write_with_mode(path: &Path, bytes: &[u8], mode: u32) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".shenbao-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    track(temp.path());
    let temp_path = temp.path().to_path_buf();
    let result = temp
        .write_all(bytes)
        .and_then(|()| set_mode(temp.as_file(), mode))
        .and_then(|()| temp.as_file().sync_all())
        .and_then(|()| temp.persist(path).map(|_| ()).map_err(|e| e.error));
    done(&temp_path);
    result
}

/// Make a finished output readable by everyone (0644), for outputs written
/// through a temp file of their own (the dossier).
pub fn make_readable(path: &Path) -> std::io::Result<()> {
    set_mode(&std::fs::File::open(path)?, 0o644)
}

/// Temp files are created owner-only; set the mode the output should have.
fn set_mode(file: &std::fs::File, mode: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = (file, mode);
    Ok(())
}

/// Temporary files being written right now, removed if the process is
/// interrupted (Ctrl-C, SIGTERM) so no partial output stays behind.
static IN_PROGRESS: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Remove in-progress temporary files on Ctrl-C or SIGTERM, then exit 130.
pub fn clean_up_on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        if let Ok(paths) = IN_PROGRESS.lock() {
            for path in paths.iter() {
                let _ = std::fs::remove_file(path);
            }
        }
        // No context here to know the language: both, on one line.
        eprintln!("shenbao：已中断，未写入任何文件 / interrupted; nothing was written");
        std::process::exit(130);
    });
}

/// Register a temporary file for removal on interrupt (until `done`).
pub fn track(path: &Path) {
    if let Ok(mut paths) = IN_PROGRESS.lock() {
        paths.push(path.to_path_buf());
    }
}

/// The temporary file was renamed or removed: stop tracking it.
pub fn done(path: &Path) {
    if let Ok(mut paths) = IN_PROGRESS.lock() {
        paths.retain(|p| p != path);
    }
}
