//! Characters in text (U): no control characters, no invisible or bidi
//! formatting characters, and composed (NFC) text, in every string of the
//! declaration. What passes here prints on the form and reaches an office's
//! terminal and spreadsheet as the applicant meant it.

pub mod diags;
pub mod typed;

use super::{pointer_of, Context, Step};
use serde_json::Value;
use shenbao_diagnostic::{Diagnostic, Text};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// What a character would do to the text around it, if anything.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Hazard {
    Control,
    Invisible,
}

/// The definition the byte scan below must agree with (tests compare them).
fn hazard(c: char) -> Option<Hazard> {
    match c {
        // Line breaks and tabs are layout in the long texts.
        '\n' | '\t' => None,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Some(Hazard::Control),
        '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' => Some(Hazard::Invisible),
        '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}' => Some(Hazard::Invisible),
        _ => None,
    }
}

/// Characters that are in NFC whatever surrounds them (none decomposes, none
/// combines): below U+0300, dashes, quotes and ellipsis, ℃ and other letterlike
/// symbols, arrows, circled numbers and shapes,
/// the CJK ideographs, CJK punctuation before the tone marks,
/// and the full-width forms. Chinese declarations are made of them; a test
/// checks every one.
fn always_composed(c: char) -> bool {
    c < '\u{300}'
        || ('\u{3400}'..='\u{9fff}').contains(&c)
        || ('\u{3000}'..='\u{3029}').contains(&c)
        || ('\u{ff00}'..='\u{ffef}').contains(&c)
        || ('\u{2010}'..='\u{2027}').contains(&c)
        || ('\u{2030}'..='\u{205e}').contains(&c)
        || ('\u{2100}'..='\u{2125}').contains(&c)
        || ('\u{2190}'..='\u{2199}').contains(&c)
        || ('\u{2460}'..='\u{27bf}').contains(&c)
}

/// What one pass over a text found: the byte offset of the first control and
/// of the first invisible character, and whether any character might not be
/// in NFC (then the full quick check runs).
#[derive(Debug, Default, PartialEq, Eq)]
struct Scan {
    control: Option<usize>,
    invisible: Option<usize>,
    may_decompose: bool,
}

/// The scan, on bytes: every text of every declaration passes here, and most
/// are plain Chinese, so it decodes nothing it need not. It must agree with
/// [`scan_chars`] (see the tests).
fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut found = Scan::default();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f {
                found.control.get_or_insert(i);
            }
            i += 1;
            continue;
        }
        // Most of every text, with no hazard and always composed: CJK
        // ideographs U+3400–U+9FFF (leads E4–E9, and E3 from 0x90), full-width
        // forms U+FF00–U+FFBF (EF BC–BE: ，：；（）), CJK punctuation
        // U+3000–U+3029 (E3 80 80–A9: 、。《》「」【】).
        let boring = match b {
            0xe4..=0xe9 => true,
            0xe3 => bytes[i + 1] >= 0x90 || (bytes[i + 1] == 0x80 && bytes[i + 2] <= 0xa9),
            0xef => (0xbc..=0xbe).contains(&bytes[i + 1]),
            _ => false,
        };
        if boring {
            i += 3;
            continue;
        }
        // Another lead byte: the character, decoded by hand (the text is
        // valid UTF-8, so the continuation bytes are there).
        let cont = |k: usize| u32::from(bytes[i + k] & 0x3f);
        let (c, len) = match b {
            0xc0..=0xdf => ((u32::from(b & 0x1f) << 6) | cont(1), 2),
            0xe0..=0xef => ((u32::from(b & 0x0f) << 12) | (cont(1) << 6) | cont(2), 3),
            _ => (
                (u32::from(b & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
                4,
            ),
        };
        let c = char::from_u32(c).unwrap_or('\0');
        match hazard(c) {
            Some(Hazard::Control) => {
                found.control.get_or_insert(i);
            }
            Some(Hazard::Invisible) => {
                found.invisible.get_or_insert(i);
            }
            None => {}
        }
        found.may_decompose |= !always_composed(c);
        i += len;
    }
    found
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut path = Vec::new();
    walk(cx.value, &mut path, out);
    typed::check(cx, out);
}

fn walk<'a>(value: &'a Value, path: &mut Vec<Step<'a>>, out: &mut Vec<Diagnostic>) {
    match value {
        Value::String(text) => check_text(text, path, out),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                walk(item, path, out);
                path.pop();
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                path.push(Step::Key(key));
                walk(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// A one-line text that a spreadsheet would take for a formula (OWASP, "CSV
/// Injection"): it starts with `=` or `@`, or with `+` or `-` and is not a
/// number or phone number. Long texts are exempt: `-` starts a list item.
fn formula_start(text: &str) -> Option<char> {
    // The first byte first: most texts end the check there.
    if !matches!(text.as_bytes().first(), Some(b'=' | b'@' | b'+' | b'-')) || text.contains('\n') {
        return None;
    }
    let first = text.chars().next()?;
    let numeric = || {
        text[1..]
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.'))
    };
    match first {
        '=' | '@' => Some(first),
        '+' | '-' if !numeric() => Some(first),
        _ => None,
    }
}

fn check_text(text: &str, path: &[Step], out: &mut Vec<Diagnostic>) {
    if let Some(first) = formula_start(text) {
        out.push(
            Diagnostic::new(
                &diags::FORMULA_START,
                Text::new(
                    format!(
                        "“{}”以 `{first}` 开头，电子表格会把它当作公式",
                        text.escape_debug()
                    ),
                    format!(
                        "`{}` starts with `{first}`: a spreadsheet takes it for a formula",
                        text.escape_debug()
                    ),
                ),
            )
            .at(pointer_of(path))
            .help(Text::new(
                format!("删去开头的 `{first}`"),
                format!("delete the leading `{first}`"),
            )),
        );
    }
    let found = scan(text);
    if found == Scan::default() {
        return;
    }
    let at = pointer_of(path);
    // (offset, rule, what the character is, and what to do), per hazard found.
    let hazards = [
        found.control.map(|offset| {
            (
                offset,
                &diags::CONTROL_CHARACTER,
                ("控制字符", "the control character"),
                (
                    "删除它（常见于从网页或其他系统复制粘贴的文字）",
                    "delete it (it often comes with text pasted from a web page or another system)",
                ),
            )
        }),
        found.invisible.map(|offset| {
            (
                offset,
                &diags::INVISIBLE_CHARACTER,
                ("看不见的字符", "the invisible character"),
                (
                    "删除它：光标在它两侧移动时会“卡”一下",
                    "delete it: the cursor seems to stick once when moving past it",
                ),
            )
        }),
    ];
    for (offset, rule, (zh, en), help) in hazards.into_iter().flatten() {
        // Characters are counted from 1, as people count them.
        let position = text[..offset].chars().count() + 1;
        let c = text[offset..].chars().next().map_or(0, |c| c as u32);
        out.push(
            Diagnostic::new(
                rule,
                Text::new(
                    format!("第 {position} 个字符是{zh} U+{c:04X}"),
                    format!("character {position} is {en} U+{c:04X}"),
                ),
            )
            .at(at.clone())
            .help(Text::new(help.0, help.1)),
        );
    }
    let clean = found.control.is_none() && found.invisible.is_none();
    if clean && found.may_decompose && is_nfc_quick(text.chars()) != IsNormalized::Yes {
        let composed: String = text.nfc().collect();
        if composed != text {
            out.push(
                Diagnostic::new(
                    &diags::NOT_NFC,
                    Text::new(
                        "文本中有分解形式或兼容形式的字符".to_string(),
                        "the text holds decomposed or compatibility characters".to_string(),
                    ),
                )
                .at(at)
                .help(Text::new(
                    format!("改为标准形式：{composed}"),
                    format!("write it in the composed form: {composed}"),
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_but_not_numbers_phones_or_lists() {
        assert_eq!(
            formula_start("=HYPERLINK(\"http://x\",\"点击\")"),
            Some('=')
        );
        assert_eq!(formula_start("@SUM(1+1)*cmd|' /C calc'!A0"), Some('@'));
        assert_eq!(formula_start("+cmd|' /C calc'!A0"), Some('+'));
        assert_eq!(formula_start("-2+3+cmd|' /C calc'!A0"), Some('-'));
        assert_eq!(formula_start("+86 571-8823-1456"), None);
        assert_eq!(formula_start("-12.5"), None);
        assert_eq!(formula_start("- 第一点\n- 第二点"), None);
        assert_eq!(formula_start("智能测温机器人"), None);
        assert_eq!(formula_start(""), None);
    }

    /// The obvious scan, one decoded character at a time.
    fn scan_chars(text: &str) -> Scan {
        let mut found = Scan::default();
        for (i, c) in text.char_indices() {
            match hazard(c) {
                Some(Hazard::Control) => {
                    found.control.get_or_insert(i);
                }
                Some(Hazard::Invisible) => {
                    found.invisible.get_or_insert(i);
                }
                None => {}
            }
            found.may_decompose |= !always_composed(c);
        }
        found
    }

    #[test]
    fn the_byte_scan_agrees_with_the_character_scan() {
        // Characters from every range the scan treats apart, and their neighbours.
        let pool: Vec<char> = [
            'a',
            '\n',
            '\t',
            '\r',
            '\u{0}',
            '\u{1b}',
            '\u{7f}',
            '\u{80}',
            '\u{9f}',
            '\u{a0}',
            'é',
            '\u{2ff}',
            '\u{300}',
            '\u{301}',
            '\u{61b}',
            '\u{61c}',
            '\u{200a}',
            '\u{200b}',
            '\u{200f}',
            '\u{2010}',
            '\u{202a}',
            '\u{202e}',
            '\u{202f}',
            '\u{2060}',
            '\u{2065}',
            '\u{2066}',
            '\u{2069}',
            '\u{3000}',
            '\u{3029}',
            '\u{302a}',
            '\u{4dff}',
            '\u{4e00}',
            '测',
            '\u{9fff}',
            '\u{a000}',
            '\u{f900}',
            '\u{feff}',
            '\u{ff01}',
            '，',
            '\u{ffef}',
            '\u{fff0}',
            '\u{20000}',
            '😀',
        ]
        .into();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 12) as usize;
            let text: String = (0..len)
                .map(|_| pool[(next() % pool.len() as u64) as usize])
                .collect();
            assert_eq!(scan(&text), scan_chars(&text), "{text:?}");
        }
        for c in pool {
            let text = c.to_string();
            assert_eq!(scan(&text), scan_chars(&text), "{text:?}");
        }
    }

    #[test]
    fn characters_called_always_composed_are() {
        // Every character the scan lets skip the NFC check is NFC alone and
        // does not combine with what precedes it.
        for c in (0..=0x10ffff_u32)
            .filter_map(char::from_u32)
            .filter(|c| always_composed(*c))
        {
            let pair = format!("a{c}");
            assert_eq!(
                is_nfc_quick(pair.chars()),
                IsNormalized::Yes,
                "U+{:04X}",
                c as u32
            );
        }
    }
}
