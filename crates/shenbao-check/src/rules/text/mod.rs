//! Characters in text (U): no control characters, no invisible or bidi
//! formatting characters, and composed (NFC) text, in every string of the
//! declaration. What passes here prints on the form and reaches an office's
//! terminal and spreadsheet as the applicant meant it.

pub mod diags;

use super::Context;
use serde_json::Value;
use shenbao_diagnostic::{Diagnostic, Text};
use shenbao_load::pointer;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// What a character would do to the text around it, if anything.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Hazard {
    Control,
    Invisible,
}

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

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut path = String::new();
    walk(cx.value, &mut path, out);
}

fn walk(value: &Value, path: &mut String, out: &mut Vec<Diagnostic>) {
    match value {
        Value::String(text) => check_text(text, path, out),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push('/');
                path.push_str(&i.to_string());
                walk(item, path, out);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let len = path.len();
                path.push('/');
                pointer::push_escaped(path, key);
                walk(item, path, out);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

fn check_text(text: &str, at: &str, out: &mut Vec<Diagnostic>) {
    // Most text is plain: one pass finds nothing, then the NFC quick check.
    let mut found = [None::<(usize, char)>; 2];
    for (i, c) in text.chars().enumerate() {
        match hazard(c) {
            Some(Hazard::Control) if found[0].is_none() => found[0] = Some((i + 1, c)),
            Some(Hazard::Invisible) if found[1].is_none() => found[1] = Some((i + 1, c)),
            _ => {}
        }
    }
    if let Some((position, c)) = found[0] {
        out.push(
            Diagnostic::new(
                &diags::CONTROL_CHARACTER,
                Text::new(
                    format!("第 {position} 个字符是控制字符 U+{:04X}", c as u32),
                    format!(
                        "character {position} is the control character U+{:04X}",
                        c as u32
                    ),
                ),
            )
            .at(at)
            .help(Text::new(
                "删除它（常见于从网页或其他系统复制粘贴的文字）",
                "delete it (it often comes with text pasted from a web page or another system)",
            )),
        );
    }
    if let Some((position, c)) = found[1] {
        out.push(
            Diagnostic::new(
                &diags::INVISIBLE_CHARACTER,
                Text::new(
                    format!("第 {position} 个字符是看不见的字符 U+{:04X}", c as u32),
                    format!(
                        "character {position} is the invisible character U+{:04X}",
                        c as u32
                    ),
                ),
            )
            .at(at)
            .help(Text::new(
                "删除它：光标在它两侧移动时会“卡”一下",
                "delete it: the cursor seems to stick once when moving past it",
            )),
        );
    }
    if found == [None, None] && is_nfc_quick(text.chars()) != IsNormalized::Yes {
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
