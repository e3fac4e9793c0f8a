//! Writing values as YAML text for [`super::set`]: blocks at an indentation,
//! and the forms a scalar can take, the most natural first.

use serde_json::Value;

/// How new text is written: its line end, and whether strings are all quoted.
#[derive(Clone, Copy)]
pub(super) struct Style<'a> {
    pub nl: &'a str,
    pub quote_all: bool,
}

pub(super) fn write_block(out: &mut String, value: &Value, indent: usize, style: Style<'_>) {
    let nl = style.nl;
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (key, item) in map {
                out.push_str(&pad);
                out.push_str(&key_text(key));
                out.push(':');
                write_after_key(out, item, indent, style);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for item in items {
                out.push_str(&pad);
                out.push('-');
                match item {
                    Value::Object(map) if !map.is_empty() => {
                        // The first entry on the dash's line, the rest under it.
                        let mut inner = String::new();
                        write_block(&mut inner, item, indent + 2, style);
                        out.push(' ');
                        out.push_str(inner.trim_start());
                    }
                    Value::Array(inner) if !inner.is_empty() => {
                        out.push_str(nl);
                        write_block(out, item, indent + 2, style);
                    }
                    scalar => {
                        out.push(' ');
                        out.push_str(&first_form(scalar, indent + 2, style));
                        out.push_str(nl);
                    }
                }
            }
        }
        empty => {
            out.push_str(&pad);
            out.push_str(&first_form(empty, indent, style));
            out.push_str(nl);
        }
    }
}

fn write_after_key(out: &mut String, item: &Value, indent: usize, style: Style<'_>) {
    match item {
        Value::Object(map) if !map.is_empty() => {
            out.push_str(style.nl);
            write_block(out, item, indent + 2, style);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push_str(style.nl);
            write_block(out, item, indent + 2, style);
        }
        scalar => {
            out.push(' ');
            out.push_str(&first_form(scalar, indent + 2, style));
            out.push_str(style.nl);
        }
    }
}

fn key_text(key: &str) -> String {
    if plain_ok(key) {
        key.to_string()
    } else {
        double_quoted(key)
    }
}

/// The way to write a scalar inside a new block.
fn first_form(value: &Value, indent: usize, style: Style<'_>) -> String {
    match value {
        Value::String(s) if style.quote_all || (!plain_ok(s) && !s.contains('\n')) => {
            double_quoted(s)
        }
        _ => scalar_forms(value, indent, style.nl)
            .into_iter()
            .next()
            .unwrap_or_default(),
    }
}

/// Ways to write a scalar, the most natural first: plain, a literal block
/// for text of several lines, then double-quoted (always reads back).
pub(super) fn scalar_forms(value: &Value, indent: usize, nl: &str) -> Vec<String> {
    match value {
        Value::Null => vec!["null".into()],
        Value::Bool(b) => vec![b.to_string()],
        Value::Number(n) => vec![n.to_string()],
        Value::String(s) => {
            let mut forms = Vec::new();
            if s.contains('\n') {
                forms.push(literal_block(s, indent, nl));
            } else if plain_ok(s) {
                forms.push(s.clone());
            }
            forms.push(double_quoted(s));
            forms
        }
        Value::Array(_) | Value::Object(_) => vec![value.to_string()],
    }
}

/// Text a plain scalar can hold as it is: the reading back still decides
/// (a plain `2021` is a number, so it is quoted then).
fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    !s.starts_with(char::is_whitespace)
        && !s.ends_with(char::is_whitespace)
        && !"-?:,[]{}#&*!|>'\"%@`".contains(first)
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.chars().any(|c| c.is_control())
}

pub(super) fn literal_block(s: &str, indent: usize, nl: &str) -> String {
    let pad = " ".repeat(indent);
    let body = s.strip_suffix('\n').unwrap_or(s);
    let chomp = if s.ends_with('\n') { "" } else { "-" };
    let mut out = format!("|{chomp}");
    for line in body.split('\n') {
        out.push_str(nl);
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    out
}

fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
