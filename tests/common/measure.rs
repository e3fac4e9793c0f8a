//! Running a command and reading what it cost: its peak memory and CPU
//! time, from `wait4` (the child's rusage alone, whatever else the test
//! process runs at the same time).
//!
//! The peak is an upper bound: Linux carries the starting process's peak
//! over into the child's at `exec`, so a test that measures must keep its
//! own memory small (write big inputs to files as they are made). A test
//! that panicked first inflates every later reading in its process (the
//! backtrace loads the debug information): read the first failure.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// What a finished command printed and cost.
pub struct Measured {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
    /// Peak resident memory, in bytes.
    pub peak_bytes: u64,
    /// User and system CPU time.
    pub cpu: Duration,
}

/// Run `command` to its end, its output going to files in `scratch` (so a
/// long report cannot fill a pipe), and measure it.
pub fn measure(mut command: Command, scratch: &Path) -> Measured {
    let out_path = scratch.join("measured.stdout");
    let err_path = scratch.join("measured.stderr");
    // Reaped by wait4 below, which std cannot see: its rusage is the point.
    #[allow(clippy::zombie_processes)]
    let child = command
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our child, not yet waited for (std does not reap it
    // unless asked); status and usage point to live locals.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4 failed");
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    Measured {
        status: code,
        stdout: std::fs::read_to_string(&out_path).unwrap_or_default(),
        stderr: std::fs::read_to_string(&err_path).unwrap_or_default(),
        // Linux reports kilobytes.
        peak_bytes: usage.ru_maxrss as u64 * 1024,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
    }
}
