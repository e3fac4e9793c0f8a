//! The bytes between the page and the module. In: named records, each a
//! little-endian `u32` length and the name (UTF-8), then a `u32` length and
//! the bytes: `:declaration` (the shenbao.yaml), `:as-of` (`2021-03-25`, the
//! page's today), and every attachment under its relative path. Out: JSON
//! (findings) or a PDF, behind one byte saying which.

use super::Input;
use shenbao_check::date::Date;
use shenbao_diagnostic::{Diagnostic, Severity};

/// Why the page's bytes were not understood (a bug of the page, not of the user).
#[derive(Debug, PartialEq, Eq)]
pub struct WireError(pub String);

fn take<'a>(bytes: &mut &'a [u8]) -> Result<&'a [u8], WireError> {
    let (len, rest) = bytes
        .split_first_chunk::<4>()
        .ok_or_else(|| WireError("a record is cut short".into()))?;
    let len = u32::from_le_bytes(*len) as usize;
    if rest.len() < len {
        return Err(WireError("a record is longer than the input".into()));
    }
    let (field, rest) = rest.split_at(len);
    *bytes = rest;
    Ok(field)
}

/// Read the page's records.
pub fn decode(mut bytes: &[u8]) -> Result<Input, WireError> {
    let mut input = Input::default();
    let mut declaration = false;
    while !bytes.is_empty() {
        let name = std::str::from_utf8(take(&mut bytes)?)
            .map_err(|_| WireError("a record's name is not UTF-8".into()))?
            .to_string();
        let data = take(&mut bytes)?;
        match name.as_str() {
            ":declaration" => {
                input.declaration = data.to_vec();
                declaration = true;
            }
            ":as-of" => {
                let text = std::str::from_utf8(data).unwrap_or("");
                input.as_of =
                    Some(Date::parse(text).ok_or_else(|| WireError(format!("bad date {text:?}")))?);
            }
            _ => input.attachments.push((name, data.to_vec())),
        }
    }
    if !declaration {
        return Err(WireError("no :declaration record".into()));
    }
    // The module has no clock of its own: the page says what day it is.
    if input.as_of.is_none() {
        return Err(WireError("no :as-of record".into()));
    }
    Ok(input)
}

/// Records for `input` (what the page sends; the tests use it).
pub fn encode(input: &Input) -> Vec<u8> {
    let mut out = Vec::new();
    let mut record = |name: &str, data: &[u8]| {
        for field in [name.as_bytes(), data] {
            out.extend_from_slice(&(field.len() as u32).to_le_bytes());
            out.extend_from_slice(field);
        }
    };
    record(":declaration", &input.declaration);
    if let Some(date) = input.as_of {
        record(":as-of", date.to_string().as_bytes());
    }
    for (path, bytes) in &input.attachments {
        record(path, bytes);
    }
    out
}

/// Findings as the page shows them: code, severity, both languages, where.
pub fn findings_json(found: &[Diagnostic]) -> String {
    let items: Vec<serde_json::Value> = found
        .iter()
        .map(|d| {
            serde_json::json!({
                "code": d.code,
                "severity": match d.severity {
                    Severity::Error => "error",
                    _ => "warning",
                },
                "message": d.message,
                "help": d.help,
                "pointer": d.pointer,
                "line": d.location.map(|l| l.line),
                "column": d.location.map(|l| l.column),
            })
        })
        .collect();
    serde_json::Value::Array(items).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_and_cut_records_are_refused() {
        let input = Input {
            declaration: "project: {}\n".into(),
            attachments: vec![("attachments/营业执照.pdf".into(), b"%PDF-1.4".to_vec())],
            as_of: Date::parse("2021-03-25"),
        };
        let bytes = encode(&input);
        let back = decode(&bytes).unwrap();
        assert_eq!(back.declaration, input.declaration);
        assert_eq!(back.attachments, input.attachments);
        assert_eq!(back.as_of, input.as_of);
        for cut in 1..bytes.len() {
            // Every prefix is refused or reads as fewer complete records.
            if let Ok(partial) = decode(&bytes[..cut]) {
                assert!(partial.attachments.is_empty() || cut == bytes.len());
            }
        }
        assert!(decode(&bytes[..bytes.len() - 1]).is_err());
        let mut no_date = input;
        no_date.as_of = None;
        assert!(decode(&encode(&no_date)).is_err());
    }
}
