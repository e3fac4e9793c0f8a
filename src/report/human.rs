//! The compiler-style report: miette draws the snippet and underline; the header
//! carries our own `path:line:column` in *character* columns (miette's own is in
//! bytes, which is wrong after Chinese text).

use super::visible::{self, visible};
use super::{FileResult, Summary};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use shenbao_diagnostic::{Diagnostic, Lang, Location, Severity};
use std::fmt;

/// How to draw.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub lang: Lang,
    pub color: bool,
}

/// The source text under a name of our choosing. `first_line` is the 0-based
/// line number of `text`'s first line (non-zero when `text` is a cropped window).
struct Named<'a> {
    name: String,
    text: &'a str,
    first_line: usize,
}

/// Lines longer than this are shown as a window around the underline.
const MAX_SHOWN_LINE: usize = 160;
const WINDOW_CONTEXT: usize = 60;

impl SourceCode for Named<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// One diagnostic in the shape miette renders.
struct Shown<'a> {
    diagnostic: &'a Diagnostic,
    lang: Lang,
    /// The message, escaped for the terminal.
    message: String,
    source: Option<Named<'a>>,
    /// The underline, relative to `source.text`.
    span: Option<SourceSpan>,
    help: Option<String>,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.diagnostic.code)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let word = match (self.diagnostic.severity, self.lang) {
            (Severity::Error, Lang::Zh) => "错误",
            (Severity::Warning, Lang::Zh) => "警告",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
        };
        Some(Box::new(format!("{word}[{}]", self.diagnostic.code)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h.as_str()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(None, self.span?),
        )))
    }
}

/// Every diagnostic of one file, in order.
pub fn render_file(result: &FileResult, text: &str, style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .without_primary_span_start()
        .with_width(100)
        .with_context_lines(1);
    let mut out = String::new();
    // Everything from the file reaches the terminal escaped (report/visible.rs).
    let source_text = visible::Source::new(text);
    let path = visible(&result.path);
    for diagnostic in &result.diagnostics {
        let mut help = diagnostic
            .help
            .as_ref()
            .map(|h| visible(h.get(style.lang)).into_owned());
        if !diagnostic.clause.is_empty() {
            let clause = match style.lang {
                Lang::Zh => format!("依据：申报指南 {}", diagnostic.clause),
                Lang::En => format!("clause: {} of the call", diagnostic.clause),
            };
            help = Some(match help {
                Some(h) => format!("{h}\n{clause}"),
                None => clause,
            });
        }
        let location = diagnostic.location.map(|l| {
            let start = source_text.offset(l.offset);
            let end = source_text.offset(l.offset + l.len);
            Location {
                offset: start,
                len: end - start,
                ..l
            }
        });
        let shown_source = location.map(|l| shown_text(&source_text.text, l));
        let span = shown_source.as_ref().map(|(_, span, _)| *span);
        let source = diagnostic
            .location
            .zip(shown_source)
            .map(|(l, (window, _, first_line))| Named {
                name: format!("{path}:{}:{}", l.line, l.column),
                text: window,
                first_line,
            });
        let header = match diagnostic.location {
            None if !path.is_empty() => format!("{path}: "),
            _ => String::new(),
        };
        let shown = Shown {
            diagnostic,
            lang: style.lang,
            message: visible(diagnostic.message.get(style.lang)).into_owned(),
            source,
            span,
            help,
        };
        let mut rendered = String::new();
        let _ = handler.render_report(&mut rendered, &shown);
        if !header.is_empty() {
            rendered = rendered.replacen("× ", &format!("× {header}"), 1);
            rendered = rendered.replacen("⚠ ", &format!("⚠ {header}"), 1);
        }
        out.push_str(&rendered);
        out.push('\n');
    }
    out
}

/// The text to show for a location: the whole file, or — when the line is very
/// long (minified YAML, a huge flow list) — a window of that line around the
/// underline, so one diagnostic cannot flood the terminal.
fn shown_text(text: &str, location: Location) -> (&str, SourceSpan, usize) {
    let line_start = text[..location.offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[location.offset..]
        .find('\n')
        .map_or(text.len(), |i| location.offset + i);
    let line = &text[line_start..line_end];
    if line.chars().count() <= MAX_SHOWN_LINE {
        return (text, SourceSpan::from((location.offset, location.len)), 0);
    }
    let in_line = location.offset - line_start;
    let start = back_chars(line, in_line, WINDOW_CONTEXT);
    let span_end = (in_line + location.len.min(WINDOW_CONTEXT * 2)).min(line.len());
    let span_end = ceil_boundary(line, span_end);
    let end = forward_chars(line, span_end, WINDOW_CONTEXT);
    let window = &line[start..end];
    let span = SourceSpan::from((in_line - start, span_end - in_line));
    (window, span, location.line - 1)
}

fn back_chars(line: &str, from: usize, n: usize) -> usize {
    line[..from]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

fn forward_chars(line: &str, from: usize, n: usize) -> usize {
    line[from..]
        .char_indices()
        .nth(n)
        .map_or(line.len(), |(i, _)| from + i)
}

fn ceil_boundary(line: &str, mut i: usize) -> usize {
    while !line.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// `✔ path` / `✘ path: 3 errors, 1 warning`.
pub fn status_line(result: &FileResult, style: Style) -> String {
    let (errors, warnings) = (result.errors(), result.warnings());
    let mark = if result.ok() { "✔" } else { "✘" };
    let counts = match style.lang {
        Lang::Zh => format!("错误 {errors} 个，警告 {warnings} 个"),
        Lang::En => format!("{errors} error(s), {warnings} warning(s)"),
    };
    let path = visible(&result.path);
    if errors == 0 && warnings == 0 {
        format!("{mark} {path}")
    } else {
        format!("{mark} {path}: {counts}")
    }
}

/// The closing summary of `validate`.
pub fn summary_line(summary: &Summary, lang: Lang) -> String {
    summary_line_of(summary, lang, ("申报文件", "declaration(s)"))
}

/// The closing summary, naming what was checked (zh, en).
pub fn summary_line_of(summary: &Summary, lang: Lang, noun: (&str, &str)) -> String {
    match lang {
        Lang::Zh => format!(
            "共检查 {} 个{}：通过 {} 个，未通过 {} 个（错误 {} 个，警告 {} 个）",
            summary.checked, noun.0, summary.ok, summary.failed, summary.errors, summary.warnings
        ),
        Lang::En => format!(
            "checked {} {}: {} ok, {} failed ({} error(s), {} warning(s))",
            summary.checked, noun.1, summary.ok, summary.failed, summary.errors, summary.warnings
        ),
    }
}
