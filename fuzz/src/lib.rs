//! What the fuzz targets check beyond "no panic": invariants of spans and of
//! diagnostic locations, shared by the targets in `fuzz_targets/`.

use serde_json::Value;
use shenbao_check::date::Date;
use shenbao_diagnostic::{Diagnostic, Location};
use shenbao_load::SpanMap;

/// The fixed "today" of every check, so runs reproduce: within the 2021
/// call, before its deadline.
pub fn as_of() -> Date {
    Date::parse("2021-03-15").expect("a valid date")
}

/// Pointers looked up per document at most (each look-up is linear).
const MAX_LOOKUPS: usize = 300;

/// Every span the map gives for a node of `value` is a byte range inside
/// `text` that starts and ends on character boundaries, and the root has one
/// (unless the document is empty).
pub fn check_spans(text: &str, value: &Value, spans: &SpanMap) {
    assert!(
        value.is_null() || spans.get("").is_some(),
        "the root has no span"
    );
    let mut pending = vec![(String::new(), value)];
    let mut looked = 0;
    while let Some((pointer, node)) = pending.pop() {
        looked += 1;
        if looked > MAX_LOOKUPS {
            break;
        }
        // The children of an alias have no span of their own: the alias's.
        if let Some(span) = spans.get(&pointer) {
            in_text(text, span.value, &pointer, "value");
            if let Some(key) = span.key {
                in_text(text, key, &pointer, "key");
            }
        }
        match node {
            Value::Object(map) => {
                for (key, child) in map {
                    pending.push((shenbao_load::pointer::join(&pointer, key), child));
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate() {
                    pending.push((format!("{pointer}/{index}"), child));
                }
            }
            _ => {}
        }
    }
}

/// `(offset, len)` is a byte range of `text` on character boundaries.
pub fn in_text(text: &str, (offset, len): (usize, usize), pointer: &str, what: &str) {
    let end = offset.checked_add(len).expect("span end overflows");
    assert!(
        end <= text.len(),
        "{what} span {offset}+{len} of {pointer:?} ends past the text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(offset) && text.is_char_boundary(end),
        "{what} span {offset}+{len} of {pointer:?} splits a character"
    );
}

/// Every location is inside `text`, on character boundaries, and its line
/// and column are those of its offset.
pub fn check_locations(text: &str, diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        let Some(Location {
            offset,
            len,
            line,
            column,
        }) = diagnostic.location
        else {
            continue;
        };
        let code = diagnostic.code;
        in_text(text, (offset, len), &diagnostic.pointer, code);
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        assert_eq!(
            line,
            before.matches('\n').count() + 1,
            "{code}: line of offset {offset}"
        );
        assert_eq!(
            column,
            before[line_start..].chars().count() + 1,
            "{code}: column of offset {offset}"
        );
    }
}
