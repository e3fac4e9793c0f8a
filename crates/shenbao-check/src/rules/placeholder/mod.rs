//! Placeholders (H): a value the template ships for the applicant to replace
//! (its `x-shenbao-template` says `placeholder: true`), or one applicants
//! commonly type while the real value is not known (the schema's
//! `x-shenbao-placeholders`). One list feeds the template and this rule: the
//! schema.

pub mod diags;

use super::{each_scalar, pointer_of, Context};
use crate::call::term_index::TermIndex;
use crate::schema::fields::Field;
use crate::schema::Schema;
use serde_json::Value;
use shenbao_diagnostic::{Diagnostic, Text};
use std::collections::HashSet;
use std::sync::OnceLock;

/// What applicants commonly type as a placeholder, read once from the
/// embedded schema.
struct Placeholders {
    /// Refused anywhere in a text (the first `markers` phrases), then two X
    /// of either width and case, which may start a run of X: one pass over
    /// the text finds both.
    inside: TermIndex,
    markers: usize,
    /// Characters one of which each of those phrases holds: a text with
    /// none of them (most texts) is not searched. A differential test holds
    /// the two to agree.
    needles: Vec<memchr::memmem::Finder<'static>>,
    /// Refused as a whole value.
    whole: HashSet<String>,
    /// The longest of them, in bytes: a longer text is not looked up.
    whole_longest: usize,
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
        let markers = list("inside");
        let whole = list("whole");
        let phrases: Vec<&str> = markers.iter().map(String::as_str).chain(X_PAIRS).collect();
        Placeholders {
            needles: cover(&phrases)
                .into_iter()
                .map(|c| memchr::memmem::Finder::new(c.to_string().as_bytes()).into_owned())
                .collect(),
            inside: TermIndex::new(phrases.iter().copied()),
            markers: markers.len(),
            whole_longest: whole.iter().map(String::len).max().unwrap_or(0),
            whole: whole.into_iter().collect(),
            email_domains: list("email_domains"),
        }
    }
}

/// Characters such that each phrase holds one (an ASCII letter in both
/// cases, as the index folds them): picked greedily, the one in most phrases
/// first, letters before punctuation.
fn cover(phrases: &[&str]) -> Vec<char> {
    let mut left: Vec<&str> = phrases.to_vec();
    let mut chosen = Vec::new();
    while !left.is_empty() {
        let mut counts: std::collections::BTreeMap<char, usize> = Default::default();
        for phrase in &left {
            let distinct: std::collections::BTreeSet<char> = phrase.chars().collect();
            for c in distinct {
                *counts.entry(c).or_default() += 1;
            }
        }
        let Some((&best, _)) = counts
            .iter()
            .max_by_key(|(c, n)| (**n, c.is_alphanumeric()))
        else {
            break; // an empty phrase: found in every text anyway
        };
        left.retain(|p| !p.contains(best));
        chosen.push(best);
        if best.is_ascii_alphabetic() {
            chosen.push(if best.is_ascii_lowercase() {
                best.to_ascii_uppercase()
            } else {
                best.to_ascii_lowercase()
            });
        }
    }
    chosen
}

/// Two X, half- or full-width (ASCII case is folded by the index).
const X_PAIRS: [&str; 4] = ["XX", "ＸＸ", "ｘｘ", "Ｘｘ"];

/// What made a value a placeholder, to quote in the message.
struct Found {
    quoted: String,
    zero: bool,
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let placeholders = Placeholders::get();
    each_scalar(cx.value, &mut |value, field, path| {
        if let Some(found) = judge(value, field, placeholders) {
            let title = field.map_or("", |f| f.title.as_str());
            out.push(diagnostic(&pointer_of(path), title, &found));
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

/// Is `value` (at `field`) a placeholder, and which part of it says so?
fn judge(value: &Value, field: Option<&Field>, placeholders: &Placeholders) -> Option<Found> {
    let samples = || field.map_or(&[][..], |f| f.samples.as_slice());
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
            let listed = || {
                trimmed.len() <= placeholders.whole_longest && placeholders.whole.contains(trimmed)
            };
            if listed() || a_sample() {
                return Some(quote(trimmed));
            }
            let (mut marker, mut x_pair) = (None, false);
            let bytes = text.as_bytes();
            let may_hold = placeholders.needles.iter().any(|n| n.find(bytes).is_some());
            if may_hold {
                placeholders.inside.for_each_match(text, |id, _| {
                    if id < placeholders.markers {
                        marker.get_or_insert(id);
                    } else {
                        x_pair = true;
                    }
                });
            }
            if let Some(id) = marker {
                return Some(quote(placeholders.inside.term(id)));
            }
            // In a code, letters stand side by side and X is a real
            // character: four in a row say placeholder (91330106MAXXXXXXXX).
            let run = if !x_pair {
                None
            } else if field.is_some_and(|f| f.code) {
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
            // XX-S8, A3XX: part of a model number, not a blank.
            let in_code =
                |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || "-_./".contains(c));
            let beside = (
                text[..from].chars().next_back(),
                Some(c).filter(|_| at < text.len()),
            );
            if all_x && count >= min && !in_code(beside.0) && !in_code(beside.1) {
                return Some(&text[from..at]);
            }
        }
    }
    None
}

/// A number or code, as written, whose digits are all 0 (four or more),
/// after an area code: 000000, 010-00000000, 000000.SZ; not 0510-8461 0000.
fn all_zero_number(text: &str) -> bool {
    if text.len() > 32
        || !text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " +-.()（）".contains(c))
    {
        return false;
    }
    let subscriber = match text.split_once('-') {
        Some((area, rest)) if area.starts_with('0') && (3..=4).contains(&area.len()) => rest,
        _ => text,
    };
    let digits = subscriber.bytes().filter(u8::is_ascii_digit).count();
    digits >= 4
        && subscriber
            .bytes()
            .filter(u8::is_ascii_digit)
            .all(|b| b == b'0')
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
    fn every_phrase_holds_a_needle_and_the_prefilter_never_hides_one() {
        let placeholders = Placeholders::get();
        let needles = cover(
            &(0..placeholders.inside.len())
                .map(|id| placeholders.inside.term(id))
                .collect::<Vec<_>>(),
        );
        for id in 0..placeholders.inside.len() {
            let term = placeholders.inside.term(id);
            assert!(
                needles
                    .iter()
                    .any(|c| term.contains(*c) || term.to_ascii_lowercase().contains(*c)),
                "{term}"
            );
        }
        // The filtered search finds what the index alone finds.
        let texts = [
            "南京某某科技有限公司",
            "项目名称待填写",
            "XX市",
            "xx市",
            "ＸＸ区",
            "请在此填写项目简介",
            "（填写单位全称）",
            "智能测温机器人",
            "待补充材料",
            "型号 XX-S8",
            "普通文字没有占位",
        ];
        for text in texts {
            let mut direct = Vec::new();
            placeholders
                .inside
                .for_each_match(text, |id, _| direct.push(id));
            let filtered = placeholders
                .needles
                .iter()
                .any(|n| n.find(text.as_bytes()).is_some());
            assert!(
                direct.is_empty() || filtered,
                "{text}: found, but filtered out"
            );
            if text == "普通文字没有占位" {
                assert!(!filtered, "the filter lets ordinary text through");
            }
        }
    }

    #[test]
    fn runs_of_x_alone_among_letters() {
        assert_eq!(x_run("第XX届博览会", 2), Some("XX"));
        assert_eq!(x_run("XX市XX区", 2), Some("XX"));
        assert_eq!(x_run("ＸＸ科技", 2), Some("ＸＸ"));
        assert_eq!(x_run("XXL 码卫衣和 Xbox 手柄", 2), None);
        assert_eq!(x_run("研制 XX-S8 机器人、A3XX 型号", 2), None);
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
}
