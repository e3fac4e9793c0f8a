//! `validate --fix`: the mechanical, unambiguous corrections, as edits of the
//! declaration's text. Like ruff's safe fixes: only what has one reading —
//! what a Chinese input method typed for YAML's ASCII (Y008–Y011), full-width
//! digits and letters in codes, numbers and dates (U005), and dates written
//! 2021年3月15日 (U006). Everything else (comments, layout, line ends, other
//! values) stays byte for byte.

use crate::rules::text::typed::{correct, Wants};
use crate::rules::{each_scalar, pointer_of};
use serde_json::Value;
use shenbao_load::{lookalike, Document};

/// `len` bytes at `offset` become `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub offset: usize,
    pub len: usize,
    pub replacement: String,
    /// The code of the problem it fixes.
    pub code: &'static str,
}

/// The text with every safe fix applied, and how many were applied; `None`
/// when there is nothing to fix. Look-alikes come first: once they are gone
/// the file reads as meant, and its values can be fixed in turn.
pub fn fix_text(text: &str) -> Option<(String, usize)> {
    let found = lookalike::scan(text);
    let (text, mut count) = if found.is_empty() {
        (text.to_string(), 0)
    } else {
        (lookalike::apply(text, &found), found.len())
    };
    let document = Document::from_text("fix", &text);
    let edits = value_edits(&document);
    count += edits.len();
    if count == 0 {
        return None;
    }
    Some((apply(&text, &edits), count))
}

/// The safe value fixes of a parsed declaration, in text order.
pub fn value_edits(document: &Document) -> Vec<Edit> {
    let Some(value) = &document.value else {
        return Vec::new();
    };
    let text = &document.source.text;
    let mut edits = Vec::new();
    each_scalar(value, &mut |scalar, field, path| {
        let (Value::String(written), Some(wants)) = (scalar, field.and_then(|f| f.wants)) else {
            return;
        };
        let Some(correction) = correct(written, wants).filter(|c| c.safe) else {
            return;
        };
        let Some(span) = document.spans.get(&pointer_of(path)) else {
            return;
        };
        let (offset, len) = span.value;
        let Some(source) = text.get(offset..offset + len) else {
            return;
        };
        // A block or folded text is never a code, number or date: leave it.
        if source.starts_with(['|', '>']) {
            return;
        }
        let replacement = match (&correction.value, wants) {
            // A number is written bare: quoted it would stay text.
            (Value::Number(n), Wants::Number | Wants::Integer) => n.to_string(),
            (Value::String(s), Wants::Date) if !source.starts_with(['"', '\'']) => s.clone(),
            // Codes are quoted, so that all-digit ones stay text.
            (Value::String(s), _) => lookalike::double_quoted(s),
            _ => return,
        };
        edits.push(Edit {
            offset,
            len,
            replacement,
            code: correction.code,
        });
    });
    edits.sort_by_key(|e| e.offset);
    edits.dedup_by_key(|e| e.offset);
    edits
}

fn apply(text: &str, edits: &[Edit]) -> String {
    lookalike::splice(
        text,
        edits
            .iter()
            .map(|e| (e.offset, e.len, e.replacement.as_str())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_what_has_one_reading() {
        let text = "applicant:\r\n  name：南京澄衡\r\n  postal_code: ２１１１００ # 邮编\r\n  employees: \"１８６\"\r\n\
                    submission:\r\n  date: 2021年3月19日\r\n";
        let (fixed, count) = fix_text(text).unwrap();
        assert_eq!(
            fixed,
            "applicant:\r\n  name: 南京澄衡\r\n  postal_code: \"211100\" # 邮编\r\n  employees: 186\r\n\
             submission:\r\n  date: 2021-03-19\r\n"
        );
        assert_eq!(count, 4);
        assert_eq!(fix_text(&fixed), None);
    }

    #[test]
    fn leaves_what_needs_judgement() {
        // An amount in 元 or with a unit is for the applicant to decide.
        assert_eq!(
            fix_text("applicant:\n  registered_capital: 3,000万元\n"),
            None
        );
        assert_eq!(
            fix_text("project:\n  summary: 目标：三年内服务２万人\n"),
            None
        );
    }
}
