//! Plain scalars resolved by the YAML 1.2 core schema, with two deviations
//! towards text: numbers with a leading zero (`010`, postal codes) and
//! non-finite floats (`.inf`, which JSON cannot hold) stay as written.

use serde_json::{Number, Value};
use std::borrow::Cow;

/// Resolve a plain scalar by the YAML 1.2 core schema, with our two
/// deviations towards text (leading zeros, non-finite floats).
pub fn resolve_plain(text: Cow<'_, str>) -> Value {
    match text.as_ref() {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Some(number) = resolve_number(&text) {
        return Value::Number(number);
    }
    Value::String(text.into_owned())
}

fn resolve_number(text: &str) -> Option<Number> {
    let first = *text.as_bytes().first()?;
    if !(first.is_ascii_digit() || first == b'-' || first == b'+' || first == b'.') {
        return None;
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return u64::from_str_radix(hex, 16).ok().map(Number::from);
    }
    if let Some(octal) = text.strip_prefix("0o") {
        return u64::from_str_radix(octal, 8).ok().map(Number::from);
    }
    let unsigned = text.trim_start_matches(['-', '+']);
    if unsigned.len() + 1 < text.len() {
        return None; // more than one sign
    }
    let int_part = unsigned.split(['.', 'e', 'E']).next().unwrap_or("");
    if int_part.len() > 1 && int_part.starts_with('0') {
        return None; // leading zero: text, as the user wrote it
    }
    if !int_part.is_empty()
        && unsigned.len() == int_part.len()
        && int_part.bytes().all(|b| b.is_ascii_digit())
    {
        if let Ok(i) = text.parse::<i64>() {
            return Some(i.into());
        }
        if let Ok(u) = text.trim_start_matches('+').parse::<u64>() {
            return Some(u.into());
        }
        return text.parse::<f64>().ok().and_then(Number::from_f64);
    }
    if is_core_float(unsigned) {
        return text.parse::<f64>().ok().and_then(Number::from_f64);
    }
    None
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` without the sign.
fn is_core_float(s: &str) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", frac)) => digits(frac),
        Some((int, frac)) => digits(int) && (frac.is_empty() || digits(frac)),
        None => digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        digits(e.trim_start_matches(['-', '+']))
            && e.len() - e.trim_start_matches(['-', '+']).len() <= 1
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    #[test]
    fn yaml_1_2_scalars_stay_what_the_user_wrote() {
        let v = crate::yaml::parse(
            "a: no\nb: on\nc: 010\nd: 2021-03-31\ne: true\nf: 1.5\ng: ~\nh: 1_000\ni: .inf\n\
             j: 0x1F\nk: -7\nl: 1e3\nm: '5'\nn: !!str 12\no: 0\np: 0.5\nq: 914403001922038216\n",
        )
        .unwrap()
        .0;
        assert_eq!(v["a"], "no");
        assert_eq!(v["b"], "on");
        assert_eq!(v["c"], "010");
        assert_eq!(v["d"], "2021-03-31");
        assert_eq!(v["e"], true);
        assert_eq!(v["f"], 1.5);
        assert_eq!(v["g"], Value::Null);
        assert_eq!(v["h"], "1_000");
        assert_eq!(v["i"], ".inf");
        assert_eq!(v["j"], 31);
        assert_eq!(v["k"], -7);
        assert_eq!(v["l"], 1000.0);
        assert_eq!(v["m"], "5");
        assert_eq!(v["n"], "12");
        assert_eq!(v["o"], 0);
        assert_eq!(v["p"], 0.5);
        assert_eq!(v["q"], 914403001922038216u64);
    }
}
