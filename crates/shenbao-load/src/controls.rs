//! Control characters in the file itself: Word's manual line break (U+000B,
//! Shift+Enter) and page break (U+000C), a NUL or an ESC that came with a
//! copy and paste. YAML may not hold them raw, and the parser would stop at
//! the first with words about "unexpected characters". Each is reported
//! (Y012) by name and place, and the file is parsed with it blanked to a
//! space, so every other problem is still found.

use crate::diags;
use crate::source::Source;
use shenbao_diagnostic::{Diagnostic, Text};
use std::borrow::Cow;

/// At most this many are reported one by one; a file full of them (a binary
/// pasted in) gets one more line that says how many there were.
const REPORTED: usize = 20;

/// C0 controls but tab, line feed and carriage return; DEL; C1 controls.
fn is_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// Whether `bytes` (UTF-8) hold a control: a byte below 0x20 but tab, line
/// feed and carriage return, DEL, or a C1 control (0xC2 then 0x80–0x9F).
/// Every file is checked, so blocks of 32 bytes are tested without a branch
/// (the compiler vectorises it) and only a block that may hold one is looked
/// at byte by byte.
fn has_control(bytes: &[u8]) -> bool {
    let suspect =
        |b: u8| (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') | (b == 0x7f) | (b == 0xc2);
    for (block, chunk) in bytes.chunks(32).enumerate() {
        if !chunk.iter().fold(false, |any, &b| any | suspect(b)) {
            continue;
        }
        for (i, &b) in chunk.iter().enumerate() {
            let at = block * 32 + i;
            let c1 = b == 0xc2 && bytes.get(at + 1).is_some_and(|n| (0x80..=0x9f).contains(n));
            if c1 || (b != 0xc2 && suspect(b)) {
                return true;
            }
        }
    }
    false
}

/// What a clerk would call the character, in both languages.
fn name_of(c: char) -> (&'static str, &'static str) {
    match c {
        '\u{b}' => (
            "垂直制表符，即 Word 里按 Shift+回车 产生的手动换行符",
            "a vertical tab: the manual line break Word makes with Shift+Enter",
        ),
        '\u{c}' => (
            "换页符，即 Word 里的分页符",
            "a form feed: Word's page break",
        ),
        '\u{0}' => ("空字符", "a NUL"),
        '\u{8}' => ("退格符", "a backspace"),
        '\u{1b}' => ("转义符", "an escape (ESC)"),
        '\u{7f}' => ("删除符", "a delete (DEL)"),
        _ => ("控制字符", "a control character"),
    }
}

/// The text to parse (each control blanked to spaces of the same byte
/// length, so every offset still points into the file) and a Y012 for each.
pub fn blank(source: &Source) -> (Cow<'_, str>, Vec<Diagnostic>) {
    let text = source.text.as_str();
    if !has_control(text.as_bytes()) {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut blanked = String::with_capacity(text.len());
    let mut diagnostics = Vec::new();
    let mut count = 0;
    for (offset, c) in text.char_indices() {
        if !is_control(c) {
            blanked.push(c);
            continue;
        }
        blanked.extend(std::iter::repeat_n(' ', c.len_utf8()));
        count += 1;
        if count > REPORTED {
            continue;
        }
        let location = source.location(offset, c.len_utf8());
        let (zh, en) = name_of(c);
        let code = format!("U+{:04X}", c as u32);
        diagnostics.push(
            Diagnostic::new(
                &diags::CONTROL_IN_FILE,
                Text::new(
                    format!("第 {} 行第 {} 列有一个看不见的{zh}（{code}）", location.line, location.column),
                    format!("line {}, column {} holds {en} ({code}), which is invisible", location.line, location.column),
                ),
            )
            .located(location)
            .help(Text::new(
                "删除它（光标移到标记处按 Delete）；需要分段时，在 `|` 块文本中直接换行",
                "delete it (put the cursor at the mark and press Delete); to start a new paragraph, break the line inside a `|` block text",
            )),
        );
    }
    if count > REPORTED {
        diagnostics.push(Diagnostic::new(
            &diags::CONTROL_IN_FILE,
            Text::new(
                format!("文件中共有 {count} 个控制字符，以上只列出前 {REPORTED} 个；文件里可能混入了二进制内容"),
                format!("the file holds {count} control characters, of which the first {REPORTED} are listed; binary content may have been pasted in"),
            ),
        ));
    }
    (Cow::Owned(blanked), diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_control_is_named_and_blanked_in_place() {
        let source = Source::new(
            "t.yaml",
            "a: 第一段\u{b}第二段\nb: x\u{1b}y\u{85}\n".to_string(),
        );
        let (text, found) = blank(&source);
        assert_eq!(text.len(), source.text.len());
        assert_eq!(text, "a: 第一段 第二段\nb: x y  \n");
        let codes: Vec<String> = found.iter().map(|d| d.message.en.clone()).collect();
        assert_eq!(found.len(), 3, "{codes:?}");
        assert!(codes[0].contains("U+000B") && codes[0].contains("Shift+Enter"));
        assert!(codes[1].contains("line 2, column 5") && codes[1].contains("ESC"));
        assert!(codes[2].contains("U+0085"));
    }

    #[test]
    fn the_block_test_agrees_with_the_characters() {
        let samples = [
            "a: 1\n",
            "\u{1}",
            "· 中文 ©",
            "x\u{85}",
            "\u{9f}",
            "\u{a0}",
            "\t\r\n",
            "\u{7f}",
        ];
        for sample in samples {
            for pad in [0, 31, 32, 33, 100] {
                let text = format!("{}{sample}", "中".repeat(pad));
                assert_eq!(
                    has_control(text.as_bytes()),
                    text.chars().any(is_control),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn a_clean_file_is_not_copied() {
        let source = Source::new("t.yaml", "a: 1\n\tb: 2\r\n".to_string());
        let (text, found) = blank(&source);
        assert!(matches!(text, Cow::Borrowed(_)) && found.is_empty());
    }

    #[test]
    fn a_flood_is_cut_short() {
        let source = Source::new("t.yaml", "\u{0}".repeat(1000));
        let (_, found) = blank(&source);
        assert_eq!(found.len(), REPORTED + 1);
        assert!(found[REPORTED].message.en.contains("1000"));
    }
}
