//! How a command ends: an exit status, or a [`Failure`] that the one printer
//! in [`super::run`] shows through the same renderer as every diagnostic.

use crate::report::{human, FileResult};
use shenbao_diagnostic::{CodedError, Diagnostic, Text};

/// The process exit status: 0 no errors, 1 problems found, 2 could not run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    Problems = 1,
    CannotRun = 2,
}

/// Why a command stopped: coded diagnostics, the file they are about (with its
/// text, so they can be underlined), and a closing line saying what was not done.
/// Boxed: it travels up through every `?` of the happy path.
#[derive(Debug)]
pub struct Failure(Box<Stopped>);

#[derive(Debug)]
struct Stopped {
    exit: Exit,
    result: FileResult,
    /// The text the diagnostics' locations point into ("" when none do).
    source: String,
    closing: Option<Text>,
}

/// What a command returns.
pub type Outcome = Result<Exit, Failure>;

impl Failure {
    /// One diagnostic that stopped the command before it could do its work.
    pub fn cannot_run(diagnostic: Diagnostic) -> Failure {
        let result = FileResult {
            path: String::new(),
            diagnostics: vec![diagnostic],
        };
        Failure::new(Exit::CannotRun, result, String::new())
    }

    /// Problems found in a file (exit 1), printed against its text.
    pub fn problems(result: FileResult, source: String) -> Failure {
        Failure::new(Exit::Problems, result, source)
    }

    /// Findings in `result` (located in `source`) that end with `exit`.
    pub fn new(exit: Exit, result: FileResult, source: String) -> Failure {
        Failure(Box::new(Stopped {
            exit,
            result,
            source,
            closing: None,
        }))
    }

    /// Say what was not done, after the diagnostics.
    pub fn closing(mut self, zh: &str, en: &str) -> Failure {
        self.0.closing = Some(Text::new(zh, en));
        self
    }
}

/// Every layer's coded error stops the command with exit status 2.
impl<E: CodedError> From<E> for Failure {
    fn from(error: E) -> Failure {
        Failure::cannot_run(error.to_diagnostic())
    }
}

/// Print a failure to standard error; its exit status.
pub fn report(failure: &Failure, style: human::Style) -> Exit {
    let stopped = &failure.0;
    let mut text = human::render_file(&stopped.result, &stopped.source, style);
    if let Some(closing) = &stopped.closing {
        text.push_str(closing.get(style.lang));
        text.push('\n');
    }
    eprint!("{}", crate::console::for_console(&text));
    stopped.exit
}
