//! Untrusted text made safe for a terminal. A name, a key or a line of a
//! declaration can hold escape sequences (clear the screen, move the cursor),
//! carriage returns (overwrite a row's status) or bidi overrides (reverse
//! what the clerk reads). Before anything from a file reaches the terminal,
//! each such character is shown, not obeyed: a C0 control or DEL as its
//! symbol from Unicode's Control Pictures (ESC as `␛`, Word's manual line
//! break U+000B as `␋`), which a clerk can see and a terminal does not act
//! on; a C1 control or bidi override, which have no symbol, as `\u{202e}`.

use std::borrow::Cow;

/// Characters a terminal would act on or that reorder text: C0 controls
/// (line breaks and tabs are the caller's choice), DEL, C1 controls, and the
/// Unicode bidi formatting characters.
fn is_hazard(c: char, keep_layout: bool) -> bool {
    match c {
        '\n' | '\t' => !keep_layout,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{061c}' | '\u{200e}' | '\u{200f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

fn escaped(c: char) -> String {
    match c {
        '\u{0}'..='\u{1f}' => {
            char::from_u32(0x2400 + c as u32).map_or_else(String::new, String::from)
        }
        '\u{7f}' => "\u{2421}".to_string(),
        _ => format!("\\u{{{:x}}}", c as u32),
    }
}

/// One-line text (a message, a name, a path): every hazard escaped, line
/// breaks and tabs included.
pub fn visible(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

fn escape(text: &str, keep_layout: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_hazard(c, keep_layout)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_hazard(c, keep_layout) {
            out.push_str(&escaped(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A source file for display: hazards escaped but its lines and tabs kept,
/// with a map from byte offsets in the original to offsets in the shown text
/// (escapes are longer than the characters they replace).
pub struct Source<'a> {
    pub text: Cow<'a, str>,
    /// (offset in the original just after an escaped character, bytes added so far)
    shifts: Vec<(usize, usize)>,
}

impl<'a> Source<'a> {
    pub fn new(text: &'a str) -> Source<'a> {
        if !text.chars().any(|c| is_hazard(c, true)) {
            return Source {
                text: Cow::Borrowed(text),
                shifts: Vec::new(),
            };
        }
        let mut out = String::with_capacity(text.len() + 16);
        let mut shifts = Vec::new();
        let mut added = 0;
        for (at, c) in text.char_indices() {
            if is_hazard(c, true) {
                let shown = escaped(c);
                added += shown.len() - c.len_utf8();
                out.push_str(&shown);
                shifts.push((at + c.len_utf8(), added));
            } else {
                out.push(c);
            }
        }
        Source {
            text: Cow::Owned(out),
            shifts,
        }
    }

    /// Where the byte at `offset` of the original is in the shown text.
    pub fn offset(&self, offset: usize) -> usize {
        let before = self.shifts.partition_point(|&(end, _)| end <= offset);
        offset + before.checked_sub(1).map_or(0, |i| self.shifts[i].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi_and_leaves_text_alone() {
        assert!(matches!(visible("智能测温机器人 v2"), Cow::Borrowed(_)));
        assert_eq!(visible("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(visible("通过\r未通过"), "通过␍未通过");
        assert_eq!(visible("第一段\u{b}第二段\u{7f}"), "第一段␋第二段␡");
        assert_eq!(visible("x\u{202e}gpj.exe"), "x\\u{202e}gpj.exe");
        assert_eq!(visible("a\nb"), "a␊b");
        assert_eq!(visible("\u{9b}31m"), "\\u{9b}31m");
    }

    #[test]
    fn source_keeps_lines_and_maps_offsets_past_escapes() {
        let text = "name: a\u{1b}[2J\nkey: 值\n";
        let source = Source::new(text);
        assert_eq!(source.text, "name: a␛[2J\nkey: 值\n");
        // Before the escape nothing moves; after it, offsets shift by the escape's growth.
        assert_eq!(source.offset(6), 6);
        let key = text.find("key").unwrap();
        let shown_key = source.text.find("key").unwrap();
        assert_eq!(source.offset(key), shown_key);
        assert_eq!(source.offset(text.len()), source.text.len());
    }
}
