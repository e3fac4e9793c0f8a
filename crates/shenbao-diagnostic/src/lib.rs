//! The one diagnostic type every stage of shenbao reports with, the static
//! documentation of each rule ([`Rule`]), and text in both languages.
//!
//! This is the bottom layer: it knows no rule, no file format and no command
//! line. Each check family declares its rules as constants beside its code;
//! the binary gathers them into the registry behind `explain` and the docs.
//!
//! ```
//! use shenbao_diagnostic::{Bilingual, Diagnostic, Lang, Rule, Severity, Text};
//!
//! const FAMILY: Rule = Rule::family("example", "R6");
//! static LATE: Rule = Rule {
//!     code: "X001",
//!     name: "late",
//!     severity: Severity::Error,
//!     summary: Bilingual { zh: "日期晚于截止日期", en: "the date is after the deadline" },
//!     why: Bilingual { zh: "截止日期后不再受理。", en: "Nothing is accepted after the deadline." },
//!     bad: "date: 2021-04-02",
//!     good: "date: 2021-03-26",
//!     ..FAMILY
//! };
//!
//! let found = Diagnostic::new(&LATE, Text::new("晚了", "too late")).at("/date");
//! assert_eq!(found.code, "X001");
//! assert!(found.is_error());
//! assert_eq!(found.message.get(Lang::En), "too late");
//! ```

mod rule;

pub use rule::{rules_markdown, Bilingual, Rule};

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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    /// 简体中文
    #[default]
    Zh,
    /// English
    En,
}

impl Lang {
    /// Chinese for any `zh*` locale name (`zh_CN.UTF-8`, `zh-Hans-CN`), English otherwise.
    ///
    /// ```
    /// use shenbao_diagnostic::Lang;
    /// assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
    /// assert_eq!(Lang::from_locale("en_GB"), Lang::En);
    /// ```
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
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
    /// A finding of `rule`, with the rule's severity and clause.
    pub fn new(rule: &'static Rule, message: Text) -> Diagnostic {
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
