//! Placeholders (H): a value the template ships for the applicant to replace
//! (its `x-shenbao-template` says `placeholder: true`), or one applicants
//! commonly type while the real value is not known (the schema's
//! `x-shenbao-placeholders`). One list feeds the template and this rule: the
//! schema.

pub mod diags;

use super::{each_scalar, pointer_of, Context};
use crate::call::term_index::TermIndex;
use crate::schema::Schema;
use serde_json::Value;
use shenbao_diagnostic::{Diagnostic, Text};
use std::collections::HashSet;
use std::sync::OnceLock;

/// What applicants commonly type as a placeholder, read once from the
/// embedded schema.
struct Placeholders {
    /// Refused anywhere in a text.
    inside: TermIndex,
    /// Refused as a whole value.
    whole: HashSet<String>,
    email_domains: Vec<String>,
}

impl Placeholders {
    fn get() -> &'static Placeholders {
        static PLACEHOLDERS: OnceLock<Placeholders> = OnceLock::new();
        PLACEHOLDERS.get_or_init(|| Placeholders::from_schema(Schema::declaration().value()))
    }

    fn from_schema(schema: &Value) -> Placeholders {
        let list = |key: &str| -> Vec<String> {
            schema["x-shenbao-placeholders"][key]
                .as_array()
                .map(|items| {
                    items
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default()
        };
        let inside = list("inside");
        Placeholders {
            inside: TermIndex::new(inside.iter().map(String::as_str)),
            whole: list("whole").into_iter().collect(),
            email_domains: list("email_domains"),
        }
    }
}

/// The template's placeholder values for a field (its own, or its list's
/// sample items).
fn samples<'s>(node: Option<&'s Value>, list: Option<&'s Value>) -> &'s [Value] {
    let marked = |n: &'s Value| {
        let note = &n["x-shenbao-template"];
        (note["placeholder"] == Value::Bool(true)).then_some(&note["value"])
    };
    match (node.and_then(marked), list.and_then(marked)) {
        (Some(Value::Array(_)), _) | (None, None) => &[],
        (Some(value), _) => std::slice::from_ref(value),
        (None, Some(Value::Array(items))) => items,
        (None, Some(_)) => &[],
    }
}

/// A field's title, for messages (a list item's: its list's).
fn title<'s>(node: Option<&'s Value>, list: Option<&'s Value>) -> &'s str {
    node.and_then(|n| n["title"].as_str())
        .or_else(|| list.and_then(|n| n["title"].as_str()))
        .unwrap_or_default()
}

/// What made a value a placeholder, to quote in the message.
struct Found {
    quoted: String,
    zero: bool,
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let placeholders = Placeholders::get();
    each_scalar(cx.value, &mut |value, node, list, path| {
        if let Some(found) = judge(value, node, list, placeholders) {
            out.push(diagnostic(&pointer_of(path), title(node, list), &found));
        }
    });
}

fn diagnostic(at: &str, title: &str, found: &Found) -> Diagnostic {
    let name = crate::schema::field_name(at, title);
    if found.zero {
        return Diagnostic::new(
            &diags::PLACEHOLDER_ZERO,
            Text::new(
                format!("{name} 仍是模板中的 0"),
                format!("{name} is still the template's 0"),
            ),
        )
        .help(Text::new(
            "填入实际数字（金额以万元为单位）",
            "write the real figure (amounts in 万元, ten thousand yuan)",
        ))
        .at(at);
    }
    Diagnostic::new(
        &diags::PLACEHOLDER_TEXT,
        Text::new(
            format!("{name} 仍是占位内容“{}”", found.quoted),
            format!("{name} still holds the placeholder “{}”", found.quoted),
        ),
    )
    .help(Text::new(
        "改为实际情况；可选字段如不填写，请删除整行",
        "write the real value; an optional field can be deleted, line and all",
    ))
    .at(at)
}

/// Is `value` (described by `node`, an item of `list`) a placeholder, and
/// which part of it says so?
fn judge(
    value: &Value,
    node: Option<&Value>,
    list: Option<&Value>,
    placeholders: &Placeholders,
) -> Option<Found> {
    let samples = || samples(node, list);
    match value {
        Value::Number(n) if n.as_f64() == Some(0.0) => samples()
            .iter()
            .any(|s| s.as_f64() == Some(0.0))
            .then(|| Found {
                quoted: "0".into(),
                zero: true,
            }),
        Value::String(text) => {
            let trimmed = text.trim();
            let quote = |s: &str| Found {
                quoted: shorten(s),
                zero: false,
            };
            let a_sample = || samples().iter().any(|s| s.as_str() == Some(trimmed));
            if placeholders.whole.contains(trimmed) || a_sample() {
                return Some(quote(trimmed));
            }
            let mut inside = None;
            placeholders.inside.for_each_match(text, |id, _| {
                inside.get_or_insert(id);
            });
            if let Some(id) = inside {
                return Some(quote(placeholders.inside.term(id)));
            }
            // In a code, letters stand side by side and X is a real
            // character: four in a row say placeholder (91330106MAXXXXXXXX).
            // X, x, Ｘ (EF BC B8) or ｘ (EF BD 98) anywhere?
            let may_be_x = text.as_bytes().windows(2).any(|w| {
                matches!(
                    w,
                    [b'X' | b'x', _] | [_, b'X' | b'x'] | [0xbc, 0xb8] | [0xbd, 0x98]
                )
            });
            let run = if !may_be_x {
                None
            } else if node.is_some_and(|n| n.get("x-shenbao-quote").is_some()) {
                text.to_ascii_uppercase()
                    .contains("XXXX")
                    .then_some(trimmed)
            } else {
                x_run(text, 2)
            };
            if let Some(run) = run {
                return Some(quote(run));
            }
            if all_zero_number(trimmed) || fake_email(trimmed, &placeholders.email_domains) {
                return Some(quote(trimmed));
            }
            None
        }
        _ => None,
    }
}

/// At most 24 characters, for a message.
fn shorten(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(24).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// A run of at least `min` letters that are all X (half- or full-width,
/// either case) and stand alone among letters: XX市, 第XX届, but not XXL or
/// Xbox.
fn x_run(text: &str, min: usize) -> Option<&str> {
    let is_letter = |c: char| {
        c.is_ascii_alphabetic() || ('Ａ'..='Ｚ').contains(&c) || ('ａ'..='ｚ').contains(&c)
    };
    let is_x = |c: char| matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ');
    let mut start = None;
    let mut count = 0;
    let mut all_x = true;
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if is_letter(c) {
            if start.is_none() {
                (start, count, all_x) = (Some(at), 0, true);
            }
            count += 1;
            all_x &= is_x(c);
        } else if let Some(from) = start.take() {
            if all_x && count >= min {
                return Some(&text[from..at]);
            }
        }
    }
    None
}

/// A number or code, as written, whose longest run of digits (four or
/// more) is all zeros: 000000, 010-00000000, 000000.SZ.
fn all_zero_number(text: &str) -> bool {
    if text.len() > 32
        || !text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " +-.()（）".contains(c))
    {
        return false;
    }
    let longest = text
        .split(|c: char| !c.is_ascii_digit())
        .max_by_key(|run| run.len())
        .unwrap_or_default();
    longest.len() >= 4 && longest.bytes().all(|b| b == b'0')
}

/// An e-mail address at a domain kept for examples (RFC 2606) or a common
/// fake.
fn fake_email(text: &str, domains: &[String]) -> bool {
    let Some((_, domain)) = text.rsplit_once('@') else {
        return false;
    };
    let domain = domain.to_ascii_lowercase();
    // Only the domain itself: an invented company's address under it
    // (zhou@chengheng.example.cn, as in the examples) is a deliberate choice.
    domains.contains(&domain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_x_alone_among_letters() {
        assert_eq!(x_run("91XXXXXXXXXXXXXXXX", 2), Some("XXXXXXXXXXXXXXXX"));
        assert_eq!(x_run("XX市XX区", 2), Some("XX"));
        assert_eq!(x_run("ＸＸ科技", 2), Some("ＸＸ"));
        assert_eq!(x_run("XXL 码卫衣和 Xbox 手柄", 2), None);
        assert_eq!(x_run("x", 2), None);
    }

    #[test]
    fn numbers_of_zeros() {
        for zero in ["000000", "010-00000000", "000000.SZ", "0000 0000"] {
            assert!(all_zero_number(zero), "{zero}");
        }
        for real in [
            "310000",
            "0571-88231456",
            "600000.SH",
            "000",
            "2021-00-01",
            "某某0000",
        ] {
            assert!(!all_zero_number(real), "{real}");
        }
    }

    #[test]
    fn example_domains() {
        let domains = vec!["example.com".to_string()];
        assert!(fake_email("lianxiren@example.com", &domains));
        assert!(fake_email("a@EXAMPLE.com", &domains));
        assert!(!fake_email("zhou@chengheng.example.com", &domains));
        assert!(!fake_email("a@myexample.com", &domains));
        assert!(!fake_email("zhou@chengheng.cn", &domains));
    }

    #[test]
    fn template_samples_belong_to_their_field() {
        let schema = Schema::declaration().value();
        let applicant = &schema["properties"]["applicant"]["properties"];
        assert_eq!(samples(Some(&applicant["name"]), None).len(), 1);
        assert_eq!(
            samples(Some(&applicant["employees"]), None),
            [Value::from(0)]
        );
        assert!(samples(Some(&applicant["ownership"]), None).is_empty());
        let keywords = &schema["properties"]["project"]["properties"]["keywords"];
        assert_eq!(
            samples(keywords.get("items"), Some(keywords)),
            [Value::from("关键词一")]
        );
        // The list itself is no scalar to judge.
        assert!(samples(Some(keywords), None).is_empty());
    }
}
