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
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
