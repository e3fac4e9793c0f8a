//! Outputs are written to a temporary file beside the target and renamed into
//! place, so an interrupted run never leaves a half-written file.

use std::io::Write;
use std::path::Path;

/// Write `bytes` to `path` atomically (same-folder temp file, fsync, rename).
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
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
        .and_then(|()| temp.as_file().sync_all())
        .and_then(|()| temp.persist(path).map(|_| ()).map_err(|e| e.error));
    done(&temp_path);
    result
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
        eprintln!("shenbao: interrupted; nothing was written");
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
