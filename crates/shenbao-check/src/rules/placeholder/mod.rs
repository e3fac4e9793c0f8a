//! Placeholders (H): a value the template ships for the applicant to replace
//! (its `x-shenbao-template` says `placeholder: true`), or one applicants
//! commonly type while the real value is not known (the schema's
//! `x-shenbao-placeholders`). One list feeds the template and this rule: the
//! schema.

pub mod diags;

use super::{pointer_of, Context, Step};
use crate::call::term_index::TermIndex;
use crate::schema::Schema;
use serde_json::Value;
use shenbao_diagnostic::{Diagnostic, Text};
use shenbao_load::pointer;
use std::collections::HashSet;
use std::sync::OnceLock;

/// What counts as a placeholder, read once from the embedded schema.
struct Placeholders {
    /// Per field (a pointer pattern, `*` for any list index): its title and
    /// the template's placeholder values there.
    fields: Vec<Field>,
    /// Refused anywhere in a text.
    inside: TermIndex,
    /// Refused as a whole value.
    whole: HashSet<String>,
    /// Every template sample that is text, to look a field up only for
    /// texts that are one.
    sample_texts: HashSet<String>,
    email_domains: Vec<String>,
}

struct Field {
    pattern: Vec<String>,
    title: String,
    /// A code field (`x-shenbao-quote`): letters and digits, where X may be
    /// a real character.
    code: bool,
    /// The template's values here, when they are placeholders.
    samples: Vec<Value>,
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
        let mut fields = Vec::new();
        collect_fields(schema, &mut Vec::new(), &mut fields);
        let inside = list("inside");
        let sample_texts = fields
            .iter()
            .flat_map(|f| &f.samples)
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
        Placeholders {
            fields,
            inside: TermIndex::new(inside.iter().map(String::as_str)),
            whole: list("whole").into_iter().collect(),
            sample_texts,
            email_domains: list("email_domains"),
        }
    }

    /// The field at `path` (keys and indices), if the schema defines it.
    fn field(&self, path: &[Step]) -> Option<&Field> {
        self.fields.iter().find(|f| {
            f.pattern.len() == path.len()
                && f.pattern.iter().zip(path).all(|(p, s)| match s {
                    Step::Key(k) => p == k,
                    Step::Index(_) => p == "*",
                })
        })
    }
}

/// Every field of the schema with its title, and the template's
/// placeholders (a list's sample items belong to its items).
fn collect_fields(node: &Value, at: &mut Vec<String>, out: &mut Vec<Field>) {
    let note = &node["x-shenbao-template"];
    let placeholder = note["placeholder"] == Value::Bool(true);
    let samples = match &note["value"] {
        Value::Null => Vec::new(),
        _ if !placeholder => Vec::new(),
        Value::Array(items) => {
            at.push("*".into());
            out.push(Field {
                pattern: at.clone(),
                title: node["items"]["title"]
                    .as_str()
                    .or(node["title"].as_str())
                    .unwrap_or_default()
                    .to_string(),
                code: false,
                samples: items.clone(),
            });
            at.pop();
            Vec::new()
        }
        value => vec![value.clone()],
    };
    out.push(Field {
        pattern: at.clone(),
        title: node["title"].as_str().unwrap_or_default().to_string(),
        code: node.get("x-shenbao-quote").is_some(),
        samples,
    });
    if let Some(properties) = node["properties"].as_object() {
        for (key, child) in properties {
            at.push(key.clone());
            collect_fields(child, at, out);
            at.pop();
        }
    }
    if let Some(items) = node.get("items") {
        at.push("*".into());
        // The list's own samples were pushed above; its items' fields come
        // after, so the first match for a pattern is the one with samples.
        collect_fields(items, at, out);
        at.pop();
    }
}

/// What made a value a placeholder, to quote in the message.
struct Found {
    quoted: String,
    zero: bool,
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let placeholders = Placeholders::get();
    let mut path = Vec::new();
    walk(cx.value, &mut path, placeholders, out);
}

fn walk<'a>(
    value: &'a Value,
    path: &mut Vec<Step<'a>>,
    placeholders: &Placeholders,
    out: &mut Vec<Diagnostic>,
) {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                walk(item, path, placeholders, out);
                path.pop();
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                path.push(Step::Key(key));
                walk(item, path, placeholders, out);
                path.pop();
            }
        }
        scalar => {
            if let Some(found) = judge(scalar, path, placeholders) {
                let field = placeholders.field(path);
                out.push(diagnostic(&pointer_of(path), field, &found));
            }
        }
    }
}

fn diagnostic(at: &str, field: Option<&Field>, found: &Found) -> Diagnostic {
    let dotted = pointer::dotted(at);
    let name = match field.map(|f| f.title.as_str()).filter(|t| !t.is_empty()) {
        Some(title) => format!("`{dotted}`（{title}）"),
        None => format!("`{dotted}`"),
    };
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

/// Is the value at `path` a placeholder, and which part of it says so? The
/// field is looked up only when the value could be one of its samples.
fn judge(value: &Value, path: &[Step], placeholders: &Placeholders) -> Option<Found> {
    let samples = || {
        placeholders
            .field(path)
            .map_or(&[][..], |f| f.samples.as_slice())
    };
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
            let a_sample = || {
                placeholders.sample_texts.contains(trimmed)
                    && samples().iter().any(|s| s.as_str() == Some(trimmed))
            };
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
            } else if placeholders.field(path).is_some_and(|f| f.code) {
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

/// Findings at a placeholder's place that it explains (a checksum, a length,
/// a region that is no region): the placeholder alone says what to fix. The
/// category fit of a placeholder name or summary means nothing either.
pub fn suppress_consequences(found: &mut Vec<Diagnostic>) {
    let at: Vec<String> = found
        .iter()
        .filter(|d| d.code.starts_with('H'))
        .map(|d| d.pointer.clone())
        .collect();
    if at.is_empty() {
        return;
    }
    let texts_unwritten = at
        .iter()
        .any(|p| p == "/project/name" || p == "/project/summary");
    found.retain(|d| {
        d.code.starts_with('H')
            || !(at.contains(&d.pointer) || texts_unwritten && d.code.starts_with('C'))
    });
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
    fn every_template_placeholder_is_known_by_its_field() {
        let placeholders = Placeholders::get();
        let marked: Vec<String> = placeholders
            .fields
            .iter()
            .filter(|f| !f.samples.is_empty())
            .map(|f| f.pattern.join("/"))
            .collect();
        for expected in [
            "applicant/name",
            "applicant/employees",
            "project/keywords/*",
        ] {
            assert!(
                marked.iter().any(|m| m == expected),
                "{expected}: {marked:?}"
            );
        }
        assert!(!marked.iter().any(|m| m == "applicant/ownership"));
    }
}
