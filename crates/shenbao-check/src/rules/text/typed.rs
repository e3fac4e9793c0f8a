//! Values typed the way people write them on paper where the field wants a
//! code, a number or a date: full-width digits and letters (U005), dates
//! like 2021年3月15日 (U006), amounts with units or thousands separators
//! (U007). Each finding names the characters and gives the value as it
//! should be; `validate --fix` applies the first two.

use super::diags;
use crate::rules::{each_scalar, pointer_of, Context};
use serde_json::Value;
use shenbao_diagnostic::{Diagnostic, Text};

/// The codes whose finding explains the schema's complaint at the same
/// place (the wrong type, a format, a pattern), which is then not repeated:
/// these, and Y011 (Chinese quotes read as part of the value).
pub const EXPLAINS: &[&str] = &["U005", "U006", "U007", "Y011"];

pub use crate::schema::fields::Wants;

/// A text value corrected: what it should read, and whether the correction
/// is mechanical (`--fix` may apply it).
#[derive(Clone, Debug, PartialEq)]
pub struct Correction {
    pub code: &'static str,
    /// For numbers: the number; otherwise the corrected text.
    pub value: Value,
    pub safe: bool,
    pub message: Text,
}

/// Full-width forms (U+FF01–FF5E) and the ideographic space to their ASCII
/// twins, and dash look-alikes to `-`: `None` when there is none.
pub fn half_width(text: &str) -> Option<String> {
    let convert = |c: char| match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0),
        '\u{3000}' => Some(' '),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Some('-'),
        _ => None,
    };
    text.chars()
        .any(|c| convert(c).is_some())
        .then(|| text.chars().map(|c| convert(c).unwrap_or(c)).collect())
}

/// `2021年3月15日`, `2021/3/15` or `2021.3.15` as `2021-03-15` (when it is a
/// real date).
pub fn iso_date(text: &str) -> Option<String> {
    let text = text.trim();
    let parts: Vec<&str> = text
        .trim_end_matches('日')
        .split(['年', '月', '/', '.'])
        .map(str::trim)
        .collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let chinese = text.contains('年');
    if chinese && !text.contains('月') {
        return None;
    }
    let number = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (y, m, d) = (number(y, 4..=4)?, number(m, 1..=2)?, number(d, 1..=2)?);
    let iso = format!("{y:04}-{m:02}-{d:02}");
    crate::date::Date::parse(&iso).map(|_| iso)
}

/// An amount or count written with a unit, a currency sign or thousands
/// separators, as the number the field wants (amounts in 万元), and what
/// was done to it.
fn plain_number(text: &str, wants: Wants) -> Option<(f64, Text)> {
    let mut body = text.trim().trim_start_matches(['¥', '￥']).trim();
    let units: [(&str, f64, &str, &str); 9] = [
        ("亿元", 10_000.0, "亿元换算为万元", "亿元 converted to 万元"),
        ("万元", 1.0, "去掉单位", "unit removed"),
        ("万", 1.0, "去掉单位", "unit removed"),
        ("元", 0.0001, "元换算为万元", "元 converted to 万元"),
        ("人", 1.0, "去掉单位", "unit removed"),
        ("名", 1.0, "去掉单位", "unit removed"),
        ("个", 1.0, "去掉单位", "unit removed"),
        ("家", 1.0, "去掉单位", "unit removed"),
        ("次", 1.0, "去掉单位", "unit removed"),
    ];
    let mut scale = 1.0;
    let mut what = Text::new("", "");
    for (unit, factor, zh, en) in units {
        if let Some(rest) = body.strip_suffix(unit) {
            body = rest.trim();
            scale = factor;
            what = Text::new(zh, en);
            break;
        }
    }
    let separated = body.contains([',', '，', ' ', '_']);
    let digits: String = body
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '_'))
        .collect();
    if digits.is_empty()
        || !digits
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
    {
        return None;
    }
    let number: f64 = digits.parse().ok()?;
    if what.zh.is_empty() && !separated {
        return None;
    }
    if separated {
        let (zh, en) = if what.zh.is_empty() {
            (
                "去掉千位分隔符".to_string(),
                "thousands separators removed".to_string(),
            )
        } else {
            (
                format!("{}，去掉千位分隔符", what.zh),
                format!("{}, thousands separators removed", what.en),
            )
        };
        what = Text::new(zh, en);
    }
    let value = number * scale;
    if wants == Wants::Integer && value.fract() != 0.0 {
        return None;
    }
    Some((value, what))
}

/// What a text at a field that wants `wants` should read, if it is typed
/// the paper way.
pub fn correct(text: &str, wants: Wants) -> Option<Correction> {
    let half = half_width(text);
    let plain = half.as_deref().unwrap_or(text);
    let as_value = |s: &str| -> Value {
        match wants {
            Wants::Number | Wants::Integer => s
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .map_or_else(|| Value::from(s), number_value),
            _ => Value::from(s),
        }
    };
    if let Some(half) = &half {
        let shown = full_width_chars(text);
        return Some(Correction {
            code: diags::FULL_WIDTH_IN_CODE.code,
            value: as_value(half),
            safe: true,
            message: Text::new(
                format!("有全角字符“{shown}”，应为半角"),
                format!("has full-width characters “{shown}”, which must be half-width"),
            ),
        });
    }
    match wants {
        Wants::Date => {
            let iso = iso_date(plain)?;
            Some(Correction {
                code: diags::PAPER_DATE.code,
                value: Value::from(iso),
                safe: true,
                message: Text::new(
                    format!("日期写成了“{}”，应写成 年-月-日", plain.trim()),
                    format!(
                        "the date is written “{}”; it must be year-month-day",
                        plain.trim()
                    ),
                ),
            })
        }
        Wants::Number | Wants::Integer => {
            if let Ok(n) = plain.trim().parse::<f64>() {
                if !n.is_finite() {
                    return Some(Correction {
                        code: diags::AMOUNT_AS_TEXT.code,
                        value: Value::Null,
                        safe: false,
                        message: Text::new(
                            format!("“{}”超出了数字能表示的范围", plain.trim()),
                            format!("“{}” is beyond the range a number can hold", plain.trim()),
                        ),
                    });
                }
            }
            let (number, what) = plain_number(plain, wants)?;
            Some(Correction {
                code: diags::AMOUNT_AS_TEXT.code,
                value: number_value(number),
                safe: false,
                message: Text::new(
                    format!("写成了“{}”，只能写数字（{}）", plain.trim(), what.zh),
                    format!(
                        "is written “{}”; it must be a bare number ({})",
                        plain.trim(),
                        what.en
                    ),
                ),
            })
        }
        Wants::Code => None,
    }
}

/// A whole number as an integer, anything else as a float.
fn number_value(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        Value::from(n as i64)
    } else {
        Value::from(n)
    }
}

/// The full-width characters of `text`, each once, for a message.
fn full_width_chars(text: &str) -> String {
    let mut shown = String::new();
    for c in text.chars() {
        if half_width(c.encode_utf8(&mut [0; 4])).is_some() && !shown.contains(c) {
            shown.push(if c == '\u{3000}' { '□' } else { c });
        }
    }
    shown
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    each_scalar(cx.value, &mut |value, field, path| {
        let (Value::String(text), Some(field)) = (value, field) else {
            return;
        };
        let Some(correction) = field.wants.and_then(|wants| correct(text, wants)) else {
            return;
        };
        out.push(diagnostic(&pointer_of(path), &field.title, &correction));
    });
}

fn diagnostic(at: &str, title: &str, correction: &Correction) -> Diagnostic {
    let rule = diags::RULES
        .iter()
        .find(|r| r.code == correction.code)
        .expect("a text rule");
    let name = crate::schema::field_name(at, title);
    let shown = match &correction.value {
        Value::String(s) => format!("\"{s}\""),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let help = match (&correction.value, correction.safe) {
        (Value::Null, _) => Text::new(
            "写出实际数字（金额以万元为单位）",
            "write the real figure (amounts in 万元)",
        ),
        (_, true) => Text::new(
            format!("改为 {shown}；运行 `shenbao validate --fix` 可自动改正"),
            format!("write {shown}; `shenbao validate --fix` corrects it"),
        ),
        (_, false) => Text::new(format!("改为 {shown}"), format!("write {shown}")),
    };
    Diagnostic::new(
        rule,
        Text::new(
            format!("{name} {}", correction.message.zh),
            format!("{name} {}", correction.message.en),
        ),
    )
    .help(help)
    .at(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_to_half_width() {
        assert_eq!(half_width("９１３２０１１５"), Some("91320115".into()));
        assert_eq!(half_width("０２５－８６６１"), Some("025-8661".into()));
        assert_eq!(half_width("025—8661"), Some("025-8661".into()));
        assert_eq!(half_width("91320115MA1XK4TB3R"), None);
    }

    #[test]
    fn dates_written_on_paper() {
        assert_eq!(iso_date("2021年3月15日"), Some("2021-03-15".into()));
        assert_eq!(iso_date("2021 年 3 月 5 日"), Some("2021-03-05".into()));
        assert_eq!(iso_date("2021/3/15"), Some("2021-03-15".into()));
        assert_eq!(iso_date("2021.12.01"), Some("2021-12-01".into()));
        for not in [
            "2021年2月30日",
            "2021年3月",
            "21/3/15",
            "3/15/2021",
            "2021-03-15",
        ] {
            assert_eq!(iso_date(not), None, "{not}");
        }
    }

    #[test]
    fn amounts_with_units_and_separators() {
        let n = |s: &str, w| correct(s, w).map(|c| c.value);
        assert_eq!(n("3,500", Wants::Number), Some(Value::from(3500)));
        assert_eq!(n("3500万元", Wants::Number), Some(Value::from(3500)));
        assert_eq!(n("￥35,000,000元", Wants::Number), Some(Value::from(3500)));
        assert_eq!(n("1.2亿元", Wants::Number), Some(Value::from(12000)));
        assert_eq!(n("186人", Wants::Integer), Some(Value::from(186)));
        assert_eq!(n("１８６", Wants::Integer), Some(Value::from(186)));
        assert_eq!(n("1e400", Wants::Number), Some(Value::Null));
        assert_eq!(n("大约三千万", Wants::Number), None);
        assert_eq!(n("3500", Wants::Number), None);
    }

    #[test]
    fn only_full_width_and_paper_dates_are_safe_fixes() {
        assert!(correct("２０２１-03-15", Wants::Date).unwrap().safe);
        assert!(correct("2021年3月15日", Wants::Date).unwrap().safe);
        assert!(!correct("3,500万元", Wants::Number).unwrap().safe);
    }
}
