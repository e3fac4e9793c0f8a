//! What the console tells about how the process was started, and whether it
//! shows ANSI colours. Windows-specific underneath; elsewhere the answers are
//! those of a terminal.

/// How the process was started, as far as its console tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Launch {
    /// From a terminal (cmd, PowerShell, a shell): behave as a command line.
    Terminal,
    /// The console is the process's own: Explorer opened it, and closes it
    /// when the process ends.
    OwnConsole,
}

pub use platform::{colours_work, launch};

/// Text as a Windows console shows it. Its default fonts (新宋体 on a
/// Chinese PC) hold GBK, and ✔ ✘ ⚠ are not in GBK: they would print as
/// boxes, so Windows gets √ × ! instead. Elsewhere the text is unchanged.
pub fn for_console(text: &str) -> std::borrow::Cow<'_, str> {
    if cfg!(windows) && text.contains(['✔', '✘', '⚠']) {
        std::borrow::Cow::Owned(text.replace('✔', "√").replace('✘', "×").replace('⚠', "!"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(windows)]
mod platform {
    use super::Launch;
    use std::ffi::c_void;

    const STD_OUTPUT_HANDLE: u32 = -11i32 as u32;
    const ENABLE_VIRTUAL_TERMINAL_PROCESSING: u32 = 0x0004;

    #[link(name = "kernel32")]
    extern "system" {
        fn GetConsoleProcessList(list: *mut u32, count: u32) -> u32;
        fn GetStdHandle(which: u32) -> *mut c_void;
        fn GetConsoleMode(console: *mut c_void, mode: *mut u32) -> i32;
        fn SetConsoleMode(console: *mut c_void, mode: u32) -> i32;
    }

    /// A console opened for this process alone lists one process; one
    /// shared with cmd or PowerShell lists two or more.
    pub fn launch() -> Launch {
        let mut list = [0u32; 4];
        // SAFETY: the buffer holds `list.len()` entries, as the call is told.
        let count = unsafe { GetConsoleProcessList(list.as_mut_ptr(), list.len() as u32) };
        if count == 1 {
            Launch::OwnConsole
        } else {
            Launch::Terminal
        }
    }

    /// Windows consoles show ANSI colours once asked to (Windows 10 and
    /// later); an older one would print the escape codes as text.
    pub fn colours_work() -> bool {
        // SAFETY: plain calls on this process's standard output handle; the
        // mode is written only through a valid pointer to a local.
        unsafe {
            let out = GetStdHandle(STD_OUTPUT_HANDLE);
            let mut mode = 0u32;
            if out.is_null() || GetConsoleMode(out, &mut mode) == 0 {
                return false;
            }
            mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0
                || SetConsoleMode(out, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING) != 0
        }
    }
}

#[cfg(not(windows))]
mod platform {
    use super::Launch;

    /// Elsewhere programs are started from a terminal or a script.
    pub fn launch() -> Launch {
        Launch::Terminal
    }

    /// Terminals elsewhere show ANSI colours.
    pub fn colours_work() -> bool {
        true
    }
}
