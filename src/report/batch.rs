//! What the batch reports (JUnit, SARIF, HTML) share: which command ran, in
//! which language, and text helpers for markup.

use super::FileResult;
use shenbao_check::date::Date;
use shenbao_diagnostic::{Diagnostic, Lang, Severity};

/// The run a report describes.
#[derive(Clone, Copy, Debug)]
pub struct Batch<'a> {
    /// `validate` or `verify`.
    pub command: &'static str,
    pub lang: Lang,
    /// The title of the call profile checked against.
    pub call: &'a str,
    /// The date "has the call closed" was judged at.
    pub as_of: Date,
}

impl Batch<'_> {
    /// Pick the text for the report's language.
    pub fn t<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        match self.lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// What one input is: a declaration, or a dossier.
    pub fn noun(&self) -> &'static str {
        match (self.command, self.lang) {
            ("verify", Lang::Zh) => "材料包",
            ("verify", Lang::En) => "dossier",
            (_, Lang::Zh) => "申报文件",
            (_, Lang::En) => "declaration",
        }
    }
}

/// `path:line:column`, or just the path for a finding with no position.
pub fn place(result: &FileResult, diagnostic: &Diagnostic) -> String {
    match diagnostic.location {
        Some(l) => format!("{}:{}:{}", result.path, l.line, l.column),
        None => result.path.clone(),
    }
}

/// "error" / "错误".
pub fn severity_word(severity: Severity, lang: Lang) -> &'static str {
    match (severity, lang) {
        (Severity::Error, Lang::Zh) => "错误",
        (Severity::Warning, Lang::Zh) => "警告",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
    }
}

/// "clause: R1 of the call" / "依据：申报指南 R1", or `None` for format rules.
pub fn clause_text(clause: &str, lang: Lang) -> Option<String> {
    if clause.is_empty() {
        return None;
    }
    Some(match lang {
        Lang::Zh => format!("依据：申报指南 {clause}"),
        Lang::En => format!("clause: {clause} of the call"),
    })
}

/// One finding as plain text: `error[S003] path:26:3`, the message, the help
/// and the clause, one per line.
pub fn finding_text(result: &FileResult, diagnostic: &Diagnostic, lang: Lang) -> String {
    let mut text = format!(
        "{}[{}] {}\n{}",
        severity_word(diagnostic.severity, lang),
        diagnostic.code,
        place(result, diagnostic),
        diagnostic.message.get(lang)
    );
    if let Some(help) = &diagnostic.help {
        let label = match lang {
            Lang::Zh => "帮助：",
            Lang::En => "help: ",
        };
        text.push('\n');
        text.push_str(label);
        text.push_str(help.get(lang));
    }
    if let Some(clause) = clause_text(diagnostic.clause, lang) {
        text.push('\n');
        text.push_str(&clause);
    }
    text
}

/// Escape text for XML and HTML, in content and in quoted attributes. Characters
/// XML 1.0 does not allow at all (most C0 controls, lone surrogates cannot occur
/// in a `str`, U+FFFE/U+FFFF) become U+FFFD, so a hostile file name or value
/// cannot break the document.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Kept literally in content; in attributes a newline would be
            // normalised to a space by XML parsers, so write it as a reference.
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            '\u{0}'..='\u{1f}' | '\u{7f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Escape text for XML or HTML element content: as [`escape`], but newlines
/// and tabs stay literal (readable in `<pre>` and in CI consoles).
pub fn escape_content(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\t' => out.push(c),
            '\r' => out.push_str("&#13;"),
            '\u{0}'..='\u{1f}' | '\u{7f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_replaces_what_xml_forbids() {
        assert_eq!(
            escape("a<b>&\"c'\n\u{1}申报"),
            "a&lt;b&gt;&amp;&quot;c&#39;&#10;\u{fffd}申报"
        );
        assert_eq!(escape_content("x < y\n\u{0}"), "x &lt; y\n\u{fffd}");
    }
}
