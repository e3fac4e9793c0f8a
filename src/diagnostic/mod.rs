//! The one diagnostic type every stage reports with, and the registry of rule
//! documentation that `shenbao explain`, `docs/rules.md` and the reports read.

mod registry;

pub use registry::{all_rules, find_rule, rules_markdown, Rule};

use serde::Serialize;

/// How bad a finding is. Warnings become errors under `--strict`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Output language for human-facing text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// 简体中文
    #[default]
    Zh,
    /// English
    En,
}

impl Lang {
    /// The language implied by the process locale (`LC_ALL`, `LC_MESSAGES`, `LANG`,
    /// in POSIX precedence): Chinese for any `zh*` locale, English otherwise.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(value) = std::env::var(var) {
                if value.is_empty() {
                    continue;
                }
                return Lang::from_locale(&value);
            }
        }
        Lang::from_locale(&system_locale())
    }

    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// Windows has no `LANG`; ask for the user's UI locale there. Elsewhere "C".
#[cfg(windows)]
fn system_locale() -> String {
    std::process::Command::new("powershell")
        .args(["-NoProfile", "-Command", "(Get-UICulture).Name"])
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

#[cfg(not(windows))]
fn system_locale() -> String {
    String::from("C")
}

/// A piece of text in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// A place in the source text: byte range for underlining, 1-based line and
/// *character* column for editors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    pub offset: usize,
    pub len: usize,
    pub line: usize,
    pub column: usize,
}

/// One finding. Rules speak in JSON pointers; the loader resolves the pointer
/// to a [`Location`] before reporting.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: Text,
    pub help: Option<Text>,
    /// RFC 6901 pointer to the value concerned ("" for the whole document).
    pub pointer: String,
    /// Underline the mapping key rather than its value (unknown keys).
    pub at_key: bool,
    pub location: Option<Location>,
    /// The clause of the call this enforces (`R1`, `C7`…); empty for format errors.
    pub clause: &'static str,
}

impl Diagnostic {
    /// A diagnostic with the severity and clause registered for `code`.
    ///
    /// Panics if `code` is not registered: that is a bug in shenbao, caught by the
    /// registry tests.
    pub fn new(code: &'static str, message: Text) -> Diagnostic {
        let rule = find_rule(code).unwrap_or_else(|| panic!("unregistered diagnostic code {code}"));
        Diagnostic {
            code: rule.code,
            severity: rule.severity,
            message,
            help: None,
            pointer: String::new(),
            at_key: false,
            location: None,
            clause: rule.clause,
        }
    }

    pub fn at(mut self, pointer: impl Into<String>) -> Diagnostic {
        self.pointer = pointer.into();
        self
    }

    pub fn at_key(mut self, pointer: impl Into<String>) -> Diagnostic {
        self.pointer = pointer.into();
        self.at_key = true;
        self
    }

    pub fn located(mut self, location: Location) -> Diagnostic {
        self.location = Some(location);
        self
    }

    pub fn help(mut self, help: Text) -> Diagnostic {
        self.help = Some(help);
        self
    }

    pub fn severity(mut self, severity: Severity) -> Diagnostic {
        self.severity = severity;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sort by position (unlocated first), then by code, so output is stable.
pub fn sort_by_position(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| d.location.map(|l| (l.line, l.column)).unwrap_or((0, 0));
        key(a)
            .cmp(&key(b))
            .then_with(|| a.code.cmp(b.code))
            .then_with(|| a.pointer.cmp(&b.pointer))
    });
}
