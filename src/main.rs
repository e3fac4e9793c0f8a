// mimalloc rather than glibc's malloc: validate builds and drops a tree of
// small strings and maps per declaration, and mimalloc's thread-local free
// lists cost about 10% less CPU over the benchmark corpus (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    shenbao::atomic::clean_up_on_interrupt();
    report_file_size_limits();
    std::process::exit(shenbao::commands::main() as i32);
}

/// Over a file-size limit (`ulimit -f`, a quota) the system would kill the
/// process with SIGXFSZ, mid-write and without a word. Ignored, the write
/// fails with EFBIG instead, and the command reports it (Z028, F006) and
/// removes its temporary file.
fn report_file_size_limits() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to "ignore" at start-up, before
    // any thread exists, touches no memory of ours.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}
