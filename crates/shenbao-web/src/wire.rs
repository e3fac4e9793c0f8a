//! The bytes between the page and the module. In: named records, each a
//! little-endian `u32` length and the name (UTF-8), then a `u32` length and
//! the bytes: `:declaration` (the shenbao.yaml), `:as-of` (`2021-03-25`, the
//! page's today), `:pointer`, `:value`, `:key`, `:password` for the
//! operations that need them, `:files` (`stored`: the attachments handed
//! over before), and every attachment under its relative path.
//! Out: one byte saying what follows, then a file or JSON (exports.rs).

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

/// What the page asks for: the declaration and its attachments, and what
/// an operation needs besides (the field to edit, a key).
#[derive(Debug, Default)]
pub struct Request {
    pub input: Input,
    /// `:declaration` was sent.
    pub has_declaration: bool,
    /// `:pointer`: the field an edit changes.
    pub pointer: Option<String>,
    /// `:value`: its new value as JSON (none: remove the field).
    pub value: Option<Vec<u8>>,
    /// `:key`: a secret key file's text.
    pub key: Option<String>,
    /// `:password`: the key's password.
    pub password: Option<String>,
    /// `:files` (`stored`): the attachments are those of the last `set_files`,
    /// worked out then, rather than records of this request.
    pub stored_files: bool,
}

fn text(name: &str, data: &[u8]) -> Result<String, WireError> {
    String::from_utf8(data.to_vec()).map_err(|_| WireError(format!("{name} is not UTF-8")))
}

/// Read the page's records. Names starting with `:` are the page's own;
/// every other record is an attachment.
pub fn decode(mut bytes: &[u8]) -> Result<Request, WireError> {
    let mut request = Request::default();
    while !bytes.is_empty() {
        let name = std::str::from_utf8(take(&mut bytes)?)
            .map_err(|_| WireError("a record's name is not UTF-8".into()))?
            .to_string();
        let data = take(&mut bytes)?;
        match name.as_str() {
            ":declaration" => {
                request.input.declaration = data.to_vec();
                request.has_declaration = true;
            }
            ":as-of" => {
                let text = std::str::from_utf8(data).unwrap_or("");
                request.input.as_of =
                    Some(Date::parse(text).ok_or_else(|| WireError(format!("bad date {text:?}")))?);
            }
            ":pointer" => request.pointer = Some(text(&name, data)?),
            ":value" => request.value = Some(data.to_vec()),
            ":key" => request.key = Some(text(&name, data)?),
            ":password" => request.password = Some(text(&name, data)?),
            ":files" if data == b"stored" => request.stored_files = true,
            other if other.starts_with(':') => {
                return Err(WireError(format!("unknown record {other:?}")))
            }
            _ => request.input.attachments.push((name, data.to_vec())),
        }
    }
    Ok(request)
}

impl Request {
    /// The declaration and its attachments, for an operation that checks
    /// them: the module has no clock, so the page must say what day it is.
    pub fn checked_input(&self) -> Result<&Input, WireError> {
        if !self.has_declaration {
            return Err(WireError("no :declaration record".into()));
        }
        if self.input.as_of.is_none() {
            return Err(WireError("no :as-of record".into()));
        }
        Ok(&self.input)
    }

    /// The declaration's text, for the operations that edit it.
    pub fn declaration_text(&self) -> Result<String, WireError> {
        if !self.has_declaration {
            return Err(WireError("no :declaration record".into()));
        }
        text(":declaration", &self.input.declaration)
    }
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

/// One more record after [`encode`]'s (`:pointer`, `:key`…).
pub fn push_record(out: &mut Vec<u8>, name: &str, data: &[u8]) {
    for field in [name.as_bytes(), data] {
        out.extend_from_slice(&(field.len() as u32).to_le_bytes());
        out.extend_from_slice(field);
    }
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
        let mut bytes = encode(&input);
        push_record(&mut bytes, ":pointer", b"/project/name");
        let back = decode(&bytes).unwrap();
        assert_eq!(back.input.declaration, input.declaration);
        assert_eq!(back.input.attachments, input.attachments);
        assert_eq!(back.input.as_of, input.as_of);
        assert_eq!(back.pointer.as_deref(), Some("/project/name"));
        assert!(back.checked_input().is_ok());
        for cut in 1..bytes.len() {
            // Every prefix is refused or reads as fewer complete records.
            if let Ok(partial) = decode(&bytes[..cut]) {
                assert!(partial.pointer.is_none());
            }
        }
        assert!(decode(&bytes[..bytes.len() - 1]).is_err());
        let mut no_date = input;
        no_date.as_of = None;
        let request = decode(&encode(&no_date)).unwrap();
        assert!(request.checked_input().is_err());
        assert!(request.declaration_text().is_ok());
        let mut unknown = encode(&no_date);
        push_record(&mut unknown, ":nonsense", b"");
        assert!(decode(&unknown).is_err());
    }
}
