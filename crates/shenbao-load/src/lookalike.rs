//! Characters typed with a Chinese input method where YAML needs ASCII: a
//! full-width colon after a key, a key with no space after its colon, a
//! full-width space in the indentation, Chinese quotes around a value. Each
//! is found in the source, outside block texts (`|-`), with the one
//! replacement that makes it what the applicant meant. `validate` reports
//! them; `validate --fix` applies them.

/// What was typed in place of YAML's ASCII.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `name：某某` (U+FF1A after a key).
    FullWidthColon,
    /// `name:某某` (no space after the colon).
    NoSpaceAfterColon,
    /// A full-width space (U+3000) in the indentation.
    FullWidthIndent,
    /// `“…”`, `＂…＂` or `‘…’` around a whole value, or `"…”`.
    ChineseQuotes,
}

/// One place to change: `len` bytes at `offset` become `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lookalike {
    pub kind: Kind,
    pub offset: usize,
    pub len: usize,
    pub replacement: String,
}

const FULL_WIDTH_SPACE: char = '\u{3000}';

/// Every look-alike in `text`, in order.
pub fn scan(text: &str) -> Vec<Lookalike> {
    let mut found = Vec::new();
    // Inside a block text: the column its content must pass.
    let mut block_above: Option<usize> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let ascii_indent = body.len() - body.trim_start_matches(' ').len();
        if let Some(column) = block_above {
            let blank = body.trim_matches([' ', FULL_WIDTH_SPACE]).is_empty();
            if blank || ascii_indent > column {
                continue;
            }
            block_above = None;
        }
        let indent_end = body.len() - body.trim_start_matches([' ', FULL_WIDTH_SPACE]).len();
        for (at, c) in body[..indent_end].char_indices() {
            if c == FULL_WIDTH_SPACE {
                found.push(Lookalike {
                    kind: Kind::FullWidthIndent,
                    offset: start + at,
                    len: c.len_utf8(),
                    replacement: "  ".into(),
                });
            }
        }
        // The column a full-width space stands for is two.
        let column = body[..indent_end]
            .chars()
            .map(|c| if c == ' ' { 1 } else { 2 })
            .sum::<usize>();
        if let Some(block_column) = scan_entry(body, start, indent_end, column, &mut found) {
            block_above = Some(block_column);
        }
    }
    found
}

/// Look at a line's content after its indentation: `- ` items, then a key
/// and what follows it. Returns the key's column when the line opens a
/// block text.
fn scan_entry(
    body: &str,
    start: usize,
    mut at: usize,
    mut column: usize,
    found: &mut Vec<Lookalike>,
) -> Option<usize> {
    while body[at..].starts_with("- ") {
        at += 2;
        column += 2;
        while body[at..].starts_with(' ') {
            at += 1;
            column += 1;
        }
    }
    let rest = &body[at..];
    if rest.starts_with('#') {
        return None;
    }
    let key_len = rest
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_alphanumeric() || c == '_' || (i > 0 && c == '-')))
        .map_or(rest.len(), |(i, _)| i);
    let starts_like_key = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    let value_at = if starts_like_key && key_len > 0 {
        let after = &rest[key_len..];
        let spaces = after.len() - after.trim_start_matches(' ').len();
        let colon_at = start + at + key_len + spaces;
        let after = &after[spaces..];
        if let Some(value) = after.strip_prefix('：') {
            let replacement = if value.starts_with([' ', FULL_WIDTH_SPACE]) || value.is_empty() {
                ":"
            } else {
                ": "
            };
            found.push(Lookalike {
                kind: Kind::FullWidthColon,
                offset: colon_at,
                len: '：'.len_utf8(),
                replacement: replacement.into(),
            });
            Some(at + key_len + spaces + '：'.len_utf8())
        } else if let Some(value) = after.strip_prefix(':') {
            if !value.is_empty() && !value.starts_with([' ', ':', '/']) && spaces == 0 {
                found.push(Lookalike {
                    kind: Kind::NoSpaceAfterColon,
                    offset: colon_at,
                    len: 1,
                    replacement: ": ".into(),
                });
            }
            Some(at + key_len + spaces + 1)
        } else {
            None
        }
    } else if at > 0 && body[..at].trim_end().ends_with('-') {
        // A list item's value: `- “…”`.
        Some(at)
    } else {
        None
    };
    let value_at = value_at?;
    let value = body[value_at..].trim_start_matches([' ', FULL_WIDTH_SPACE]);
    let value_offset = start + body.len() - value.len();
    if value.starts_with(['|', '>']) {
        return Some(column);
    }
    if let Some(quotes) = chinese_quotes(value, value_offset) {
        found.push(quotes);
    }
    None
}

/// A value wrapped in Chinese or full-width quotes (or opened with `"` and
/// closed with a Chinese one): the YAML double-quoted form of its content.
fn chinese_quotes(value: &str, offset: usize) -> Option<Lookalike> {
    if !value.starts_with(['“', '＂', '‘', '"']) {
        return None;
    }
    // Up to a comment (` #`), as YAML reads a plain value.
    let end = value.find(" #").unwrap_or(value.len());
    let value = value[..end].trim_end();
    let pairs = [
        ('“', '”'),
        ('＂', '＂'),
        ('‘', '’'),
        ('"', '”'),
        ('"', '＂'),
    ];
    let (open, close) = pairs.into_iter().find(|&(open, close)| {
        value.starts_with(open) && value.ends_with(close) && value.len() > open.len_utf8()
    })?;
    let inner = &value[open.len_utf8()..value.len() - close.len_utf8()];
    // Quotes inside of the same kind make it text that merely starts and
    // ends with quotes (“甲”与“乙”): not ours to judge.
    if inner.contains(close) || inner.contains(open) {
        return None;
    }
    Some(Lookalike {
        kind: Kind::ChineseQuotes,
        offset,
        len: value.len(),
        replacement: double_quoted(inner),
    })
}

/// `text` as a YAML double-quoted scalar.
pub fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// `text` with every look-alike replaced.
pub fn apply(text: &str, found: &[Lookalike]) -> String {
    splice(
        text,
        found
            .iter()
            .map(|f| (f.offset, f.len, f.replacement.as_str())),
    )
}

/// `text` with each `(offset, len, replacement)` applied, in offset order;
/// an edit overlapping the one before it is skipped.
pub fn splice<'a>(text: &str, edits: impl IntoIterator<Item = (usize, usize, &'a str)>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (offset, len, replacement) in edits {
        if offset < at {
            continue;
        }
        out.push_str(&text[at..offset]);
        out.push_str(replacement);
        at = offset + len;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str) -> String {
        apply(text, &scan(text))
    }

    #[test]
    fn full_width_colons_after_keys() {
        assert_eq!(
            fixed("applicant：\n  name：某某\n"),
            "applicant:\n  name: 某某\n"
        );
        assert_eq!(fixed("name： 某某\n"), "name: 某某\n");
        assert_eq!(fixed("- path：a.pdf\n"), "- path: a.pdf\n");
        // Inside a text it is Chinese punctuation.
        assert_eq!(fixed("summary: 目标：三年\n"), "summary: 目标：三年\n");
    }

    #[test]
    fn missing_space_after_colon() {
        assert_eq!(fixed("  employees:186\n"), "  employees: 186\n");
        assert!(scan("website: https://a.cn\n").is_empty());
        assert!(scan("  name: a\n").is_empty());
    }

    #[test]
    fn full_width_indentation() {
        assert_eq!(
            fixed("project:\n\u{3000}name: a\n"),
            "project:\n  name: a\n"
        );
        // Paragraph indents in a block text are the text's own.
        let block = "narrative:\n  content: |-\n    \u{3000}\u{3000}本项目……\n  results: x\n";
        assert!(scan(block).is_empty());
        // A block line indented with full-width spaces only would end the
        // block: they stand for the indentation.
        let broken = "narrative:\n  content: |-\n\u{3000}\u{3000}本项目……\n";
        assert_eq!(fixed(broken), "narrative:\n  content: |-\n    本项目……\n");
    }

    #[test]
    fn chinese_quotes_around_a_value() {
        assert_eq!(fixed("name: “某某公司”\n"), "name: \"某某公司\"\n");
        assert_eq!(
            fixed("code: \"91330106MA2H7K3Q0X”\n"),
            "code: \"91330106MA2H7K3Q0X\"\n"
        );
        assert_eq!(fixed("- ＂关键词＂ # 注\n"), "- \"关键词\" # 注\n");
        // Quotes that are part of the text stay.
        for text in [
            "name: “智慧文旅”示范项目\n",
            "name: “甲”与“乙”\n",
            "name: \"“甲”\"\n",
        ] {
            assert!(scan(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn block_texts_are_left_alone() {
        let text = "summary: |-\n  key：value\n  name:x\n  “引文”\nproject：\n";
        let found = scan(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, Kind::FullWidthColon);
    }
}
