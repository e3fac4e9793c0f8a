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

/// Why an operating-system call failed, in words a user can act on, in both
/// languages (never a bare `os error N`).
///
/// ```
/// use shenbao_diagnostic::{io_reason, Lang};
/// let err = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
/// assert_eq!(io_reason(&err).get(Lang::Zh), "没有权限");
/// ```
pub fn io_reason(err: &std::io::Error) -> Text {
    use std::io::ErrorKind as K;
    let (zh, en) = match err.kind() {
        K::NotFound => ("文件或文件夹不存在", "no such file or folder"),
        K::PermissionDenied => ("没有权限", "permission denied"),
        K::AlreadyExists => ("已存在同名文件", "a file of that name exists"),
        K::IsADirectory => ("这是一个文件夹，不是文件", "it is a folder, not a file"),
        K::NotADirectory => (
            "路径中的某一部分是文件而不是文件夹",
            "a part of the path is a file, not a folder",
        ),
        K::StorageFull => ("磁盘已满", "the disk is full"),
        K::FileTooLarge => (
            "文件超过了系统或文件系统允许的大小",
            "the file is larger than the system or the file system allows",
        ),
        K::ReadOnlyFilesystem => ("磁盘是只读的", "the disk is read-only"),
        K::InvalidFilename => ("文件名无效", "the file name is not valid"),
        K::Interrupted => ("操作被中断", "the operation was interrupted"),
        K::UnexpectedEof => (
            "文件意外结束（不完整）",
            "the file ends too early (truncated)",
        ),
        K::InvalidData => ("内容无效", "the content is not valid"),
        _ => {
            // The system's own words, without the "(os error N)" a clerk
            // cannot act on.
            let mut detail = err.to_string();
            if let Some(at) = detail.find(" (os error ") {
                detail.truncate(at);
            }
            return Text::new(format!("系统错误：{detail}"), detail);
        }
    };
    Text::new(zh, en)
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

/// An error that stopped a step, as opposed to a finding about the input.
/// Each layer's error type implements it, so that the binary prints every
/// error the way it prints diagnostics: with a registered code, in the user's
/// language, and with what to do about it.
///
/// ```
/// use shenbao_diagnostic::{Bilingual, CodedError, Diagnostic, Lang, Rule, Severity, Text};
///
/// static KEY_UNREADABLE: Rule = Rule {
///     code: "X010",
///     name: "key-unreadable",
///     severity: Severity::Error,
///     could_not_run: true,
///     summary: Bilingual { zh: "密钥文件无法读取", en: "the key file cannot be read" },
///     why: Bilingual { zh: "没有密钥就无法签名。", en: "Nothing can be signed without the key." },
///     bad: "--key missing.key",
///     good: "--key office.key",
///     ..Rule::family("example", "")
/// };
///
/// #[derive(Debug)]
/// struct KeyUnreadable(String);
/// impl std::fmt::Display for KeyUnreadable {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
///         write!(f, "{}: the key file cannot be read", self.0)
///     }
/// }
/// impl std::error::Error for KeyUnreadable {}
/// impl CodedError for KeyUnreadable {
///     fn to_diagnostic(&self) -> Diagnostic {
///         Diagnostic::new(
///             &KEY_UNREADABLE,
///             Text::new(format!("{}：密钥文件无法读取", self.0), self.to_string()),
///         )
///     }
/// }
///
/// let error = KeyUnreadable("office.key".into());
/// assert_eq!(error.to_diagnostic().code, "X010");
/// assert_eq!(error.to_diagnostic().message.get(Lang::Zh), "office.key：密钥文件无法读取");
/// ```
pub trait CodedError: std::error::Error {
    /// The error as a diagnostic: its rule's code, the message in both
    /// languages, and (where there is one) the help.
    fn to_diagnostic(&self) -> Diagnostic;
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

/// A path as messages show it, with one separator style per platform: on
/// Windows a path typed with `/` and joined with `\` reads
/// `examples\thermal-screening-robot\shenbao.yaml`, not a mix of both.
pub fn shown_path(path: &std::path::Path) -> String {
    let text = path.display().to_string();
    if cfg!(windows) {
        text.replace('/', "\\")
    } else {
        text
    }
}
