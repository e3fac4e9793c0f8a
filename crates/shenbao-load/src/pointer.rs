//! RFC 6901 JSON pointers: the address every rule uses for a value.

use serde_json::Value;
use std::borrow::Cow;

/// Append `segment` to `pointer`, escaping `~` and `/`.
pub fn push_escaped(pointer: &mut String, segment: &str) {
    for c in segment.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            _ => pointer.push(c),
        }
    }
}

/// `parent` + `/` + escaped `segment`.
pub fn join(parent: &str, segment: &str) -> String {
    let mut out = String::with_capacity(parent.len() + segment.len() + 1);
    out.push_str(parent);
    out.push('/');
    push_escaped(&mut out, segment);
    out
}

/// The value at `pointer`, as `serde_json::Value::pointer` finds it, without
/// allocating a `String` per segment: the rules look up dozens of pointers in
/// every document, and few segments hold an escape.
pub fn lookup<'v>(value: &'v Value, pointer: &str) -> Option<&'v Value> {
    if pointer.is_empty() {
        return Some(value);
    }
    let rest = pointer.strip_prefix('/')?;
    rest.split('/').try_fold(value, |target, token| {
        let token: Cow<str> = if token.contains('~') {
            Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
        } else {
            Cow::Borrowed(token)
        };
        match target {
            Value::Object(map) => map.get(token.as_ref()),
            Value::Array(list) => parse_index(&token).and_then(|i| list.get(i)),
            _ => None,
        }
    })
}

/// An array index as RFC 6901 writes it: no sign, no leading zero.
fn parse_index(token: &str) -> Option<usize> {
    if token.starts_with('+') || (token.starts_with('0') && token.len() != 1) {
        return None;
    }
    token.parse().ok()
}

/// The pointer of the enclosing node ("" for the root or for "").
pub fn parent(pointer: &str) -> &str {
    pointer.rfind('/').map_or("", |i| &pointer[..i])
}

/// The pointer written the way users think of fields: `applicant.contact.email`,
/// `attachments[0].path`.
pub fn dotted(pointer: &str) -> String {
    let mut out = String::new();
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) {
            out.push('[');
            out.push_str(&segment);
            out.push(']');
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&segment);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_dotted_names() {
        assert_eq!(join("/a", "b/c~d"), "/a/b~1c~0d");
        assert_eq!(parent("/a/b~1c"), "/a");
        assert_eq!(parent(""), "");
        assert_eq!(dotted("/attachments/0/path"), "attachments[0].path");
        assert_eq!(
            dotted("/applicant/contact/email"),
            "applicant.contact.email"
        );
    }

    #[test]
    fn lookup_agrees_with_serde_json() {
        let v = serde_json::json!({"a": {"b/c": [1, {"~d": 2}], "": 3}, "0": 4});
        for p in [
            "",
            "/",
            "/a",
            "/a/b~1c",
            "/a/b~1c/1/~0d",
            "/a/b~1c/01",
            "/a/b~1c/+1",
            "/a/b~1c/2",
            "/0",
            "/a/",
            "x",
            "/a/b~1c/1/~0d/x",
        ] {
            assert_eq!(lookup(&v, p), v.pointer(p), "{p}");
        }
    }
}
