//! Saving what the page's form changed into the declaration's own text. One
//! field at a time (a JSON pointer and its new value, or none to remove it),
//! the text is spliced where that field is written: every other byte, its
//! comments, quoting, order and line ends, stays as the applicant left it.
//!
//! Each edit is checked by loading the result: it must hold exactly the old
//! value with that one change. A splice that would read otherwise (a plain
//! scalar that YAML takes for a number, a flow mapping) is tried again in a
//! safer form, then by writing the field's parent anew; failing all of them,
//! the text is left alone and the page says why.

mod write;

use serde_json::{Map, Value};
use shenbao_load::{pointer, Document, NodeSpan};
use write::{literal_block, scalar_forms, write_block, Style};

/// Why a field could not be written into the text.
#[derive(Debug, PartialEq, Eq)]
pub enum EditError {
    /// The text does not load (YAML or encoding): the form cannot edit it.
    NotLoaded,
    /// The field's parent is missing or is not a mapping or list.
    NoParent(String),
    /// No way of writing the value reads back as it (never seen).
    NotRepresentable(String),
}

impl EditError {
    /// What the page says, in both languages.
    pub fn text(&self) -> shenbao_diagnostic::Text {
        use shenbao_diagnostic::Text;
        match self {
            EditError::NotLoaded => Text::new(
                "shenbao.yaml 无法解析，请先在“YAML 原文”中改正",
                "shenbao.yaml does not parse; correct it in the YAML text first",
            ),
            EditError::NoParent(p) => Text::new(
                format!("{p}：上一级不是映射或列表，无法写入"),
                format!("{p}: its parent is not a mapping or a list"),
            ),
            EditError::NotRepresentable(p) => Text::new(
                format!("{p}：这个值无法写入文件"),
                format!("{p}: the value cannot be written"),
            ),
        }
    }
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}

/// `text` with the field at `pointer` set to `new`, or removed when `new` is
/// `None`. An index one past a list's end appends to it.
pub fn set(text: &str, pointer: &str, new: Option<&Value>) -> Result<String, EditError> {
    let document = Document::from_text("edit", text);
    let old = document.value.as_ref().ok_or(EditError::NotLoaded)?;
    let mut want = old.clone();
    if !change(&mut want, pointer, new) {
        return Err(EditError::NoParent(pointer.to_string()));
    }
    if &want == old {
        return Ok(text.to_string());
    }
    // A field under parents the file does not have yet (the first metric of
    // a declaration without `metrics`): the edit writes the highest missing
    // one, holding the rest.
    let mut target = pointer;
    while !pointer::parent(target).is_empty() && old.pointer(pointer::parent(target)).is_none() {
        target = pointer::parent(target);
    }
    let (pointer, new) = match want.pointer(target) {
        Some(value) if target != pointer => (target, Some(value)),
        _ => (pointer, new),
    };
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    [false, true]
        .into_iter()
        .flat_map(|quote_all| {
            let editor = Editor {
                text,
                document: &document,
                newline,
                quote_all,
            };
            editor.candidates(pointer, new, &want)
        })
        .find(|candidate| reads_as(candidate, &want))
        .ok_or_else(|| EditError::NotRepresentable(pointer.to_string()))
}

fn reads_as(text: &str, want: &Value) -> bool {
    let document = Document::from_text("edit", text);
    document.value.as_ref() == Some(want)
}

/// Apply the change to a value; false when the parent is not there.
fn change(root: &mut Value, at: &str, new: Option<&Value>) -> bool {
    if at.is_empty() {
        return match new {
            Some(v) => {
                *root = v.clone();
                true
            }
            None => false,
        };
    }
    let (parent, last) = split(at);
    if root.pointer(parent).is_none() && (new.is_none() || !make_parent(root, parent, &last)) {
        return false;
    }
    let Some(container) = root.pointer_mut(parent) else {
        return false;
    };
    match (container, new) {
        (Value::Object(map), Some(v)) => {
            map.insert(last, v.clone());
        }
        (Value::Object(map), None) => {
            map.shift_remove(&last);
        }
        (Value::Array(items), new) => {
            let Ok(index) = last.parse::<usize>() else {
                return false;
            };
            match new {
                Some(v) if index < items.len() => items[index] = v.clone(),
                Some(v) if index == items.len() => items.push(v.clone()),
                None if index < items.len() => {
                    items.remove(index);
                }
                _ => return false,
            }
        }
        _ => return false,
    }
    true
}

/// Make the missing container at `at` (and its missing parents): a list
/// when its first child is to be `0`, else a mapping. False when a parent
/// in the way is a scalar, or a list the index does not extend.
fn make_parent(root: &mut Value, at: &str, child: &str) -> bool {
    let empty = if child == "0" {
        Value::Array(Vec::new())
    } else {
        Value::Object(Map::new())
    };
    change(root, at, Some(&empty))
}

/// The parent's pointer and the last segment, unescaped.
fn split(at: &str) -> (&str, String) {
    let parent = pointer::parent(at);
    let last = at[parent.len()..].trim_start_matches('/');
    (parent, last.replace("~1", "/").replace("~0", "~"))
}

fn child(parent: &str, key: &str) -> String {
    format!("{parent}/{}", key.replace('~', "~0").replace('/', "~1"))
}

struct Editor<'a> {
    text: &'a str,
    document: &'a Document,
    newline: &'static str,
    /// Write every string of a new block double-quoted: the second try,
    /// when a plain scalar read back as something else (`2020`, `true`).
    quote_all: bool,
}

impl Editor<'_> {
    fn span(&self, at: &str) -> Option<NodeSpan> {
        self.document.spans.get(at).copied()
    }

    fn value(&self, at: &str) -> Option<&Value> {
        self.document.value.as_ref()?.pointer(at)
    }

    /// The column a byte offset is at (indentation is ASCII spaces).
    fn column(&self, offset: usize) -> usize {
        offset - self.line_start(offset)
    }

    fn line_start(&self, offset: usize) -> usize {
        self.text[..offset].rfind('\n').map_or(0, |i| i + 1)
    }

    /// Just past the end of the line a node ending at `end` ends on (its
    /// line end included). A span may run on over the line end to the next
    /// line's indentation: that is not the node's.
    fn line_end(&self, end: usize) -> usize {
        let end = self.text[..end]
            .trim_end_matches([' ', '\t', '\n', '\r'])
            .len();
        self.text[end..]
            .find('\n')
            .map_or(self.text.len(), |i| end + i + 1)
    }

    fn splice(&self, offset: usize, len: usize, with: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + with.len());
        out.push_str(&self.text[..offset]);
        out.push_str(with);
        out.push_str(&self.text[offset + len..]);
        out
    }

    /// The texts to try, smallest change first.
    fn candidates(&self, at: &str, new: Option<&Value>, want: &Value) -> Vec<String> {
        let mut out = Vec::new();
        match (self.span(at), new) {
            (Some(span), Some(value)) => self.replace(at, span, value, &mut out),
            (Some(span), None) => out.extend(self.remove(span)),
            (None, Some(value)) => self.insert(at, value, &mut out),
            (None, None) => {}
        }
        // Last: write the parent (then its parent) anew, in block style.
        let mut parent = pointer::parent(at);
        loop {
            if let (Some(span), Some(value)) = (self.span(parent), want.pointer(parent)) {
                if !parent.is_empty() {
                    self.replace(parent, span, value, &mut out);
                }
            }
            if parent.is_empty() {
                break;
            }
            parent = pointer::parent(parent);
        }
        out
    }

    /// The indentation of a node's children: that of its first written key
    /// or item, or two more than the node's own key.
    fn child_indent(&self, at: &str, value: &Value) -> usize {
        let first = match value {
            Value::Object(map) => map.keys().next().map(|k| child(at, k)),
            Value::Array(items) if !items.is_empty() => Some(format!("{at}/0")),
            _ => None,
        };
        if let Some(span) = first.and_then(|p| self.span(&p)) {
            let offset = span.key.map_or(span.value.0, |k| k.0);
            let column = self.column(offset);
            // A list item's value starts after its "- ".
            return match value {
                Value::Array(_) => column.saturating_sub(2),
                _ => column,
            };
        }
        self.own_indent(at) + 2
    }

    /// The column of the key (or list dash) a node is written under.
    fn own_indent(&self, at: &str) -> usize {
        if at.is_empty() {
            return 0;
        }
        match self.span(at) {
            Some(NodeSpan { key: Some(k), .. }) => self.column(k.0),
            Some(span) => self.column(span.value.0).saturating_sub(2),
            None => 0,
        }
    }

    fn replace(&self, at: &str, span: NodeSpan, value: &Value, out: &mut Vec<String>) {
        let (offset, len) = span.value;
        let indent = self.own_indent(at) + 2;
        match value {
            Value::Object(_) | Value::Array(_) => {
                // The old node's text, a block or a flow, is replaced whole;
                // a block under a key starts on the next line.
                let start = self.value_start(span);
                let block = self.block(value, indent);
                let empty = value.as_array().is_some_and(Vec::is_empty)
                    || value.as_object().is_some_and(Map::is_empty);
                let with = if empty {
                    // `[]` or `{}` on the key's line.
                    format!(" {}", block.trim())
                } else if span.key.is_some() {
                    format!("{}{block}", self.newline)
                } else {
                    block.trim_start().to_string()
                };
                let end = self.node_end(span).max(offset + len);
                let tail = self.text[end..].starts_with(['\n', '\r']) || end == self.text.len();
                let with = if tail {
                    with.trim_end().to_string()
                } else {
                    with
                };
                out.push(self.splice(start, end - start, &with));
            }
            scalar => {
                let (start, end) = self.scalar_extent(span);
                let lead = if start < offset { " " } else { "" };
                let mut forms = scalar_forms(scalar, indent, self.newline);
                // Text written as a block stays a block, on its own lines.
                if let (true, Value::String(text)) = (start < offset, scalar) {
                    forms.insert(0, literal_block(text, indent, self.newline));
                }
                for form in forms {
                    out.push(self.splice(start, end - start, &format!("{lead}{form}")));
                }
            }
        }
    }

    /// The text a scalar is written as, its block indicator (`|`, `>`) included
    /// and what follows a block's last line left out: that stays.
    fn scalar_extent(&self, span: NodeSpan) -> (usize, usize) {
        let (offset, len) = span.value;
        let mut end = offset + len;
        // A block's span runs on to the next line's indentation.
        while end > offset && self.text[..end].ends_with(['\n', '\r', ' ', '\t']) {
            end -= 1;
        }
        // Between `key:` (or `- `) and the value: only spaces, unless the
        // value is a block scalar whose indicator is there too.
        let opener = match span.key {
            Some((key, key_len)) => self.text[key + key_len..offset]
                .find(':')
                .map(|i| key + key_len + i + 1),
            None => self.text[..offset].rfind('-').map(|i| i + 1),
        };
        match opener {
            Some(start) if self.text[start..offset].contains(['|', '>']) => (start, end),
            _ => (offset, end),
        }
    }

    /// Where a node's text ends: a flow collection's span stops short of its
    /// closing bracket, so that is found.
    fn node_end(&self, span: NodeSpan) -> usize {
        let (mut offset, len) = span.value;
        // A flow mapping's span starts at its first key, after the bracket.
        let before = self.text[..offset].trim_end_matches(' ');
        if before.ends_with(['{', '[']) {
            offset = before.len() - 1;
        }
        let text = &self.text[offset..];
        if !text.starts_with(['{', '[']) {
            return span.value.0 + len;
        }
        let mut depth = 0usize;
        let mut quote: Option<char> = None;
        let mut escaped = false;
        for (i, c) in text.char_indices() {
            match quote {
                Some('"') if escaped => escaped = false,
                Some('"') if c == '\\' => escaped = true,
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None => match c {
                    '"' | '\'' => quote = Some(c),
                    '{' | '[' => depth += 1,
                    '}' | ']' => {
                        depth -= 1;
                        if depth == 0 {
                            return offset + i + 1;
                        }
                    }
                    _ => {}
                },
            }
        }
        span.value.0 + len
    }

    /// Where a value's text starts: after `key:` and its spaces when it is
    /// a block under the key.
    fn value_start(&self, span: NodeSpan) -> usize {
        match span.key {
            Some((key, key_len)) => {
                let after = key + key_len;
                match self.text[after..].find(':') {
                    Some(i) if i < span.value.0.saturating_sub(after) + 1 => after + i + 1,
                    _ => span.value.0,
                }
            }
            None => span.value.0,
        }
    }

    /// Remove a mapping entry or a list item: its lines, when it has its own.
    fn remove(&self, span: NodeSpan) -> Option<String> {
        let begin = span.key.map_or(span.value.0, |k| k.0);
        let start = self.line_start(begin);
        let before = &self.text[start..begin];
        let alone = before.chars().all(|c| c == ' ' || c == '-')
            && (span.key.is_none() || !before.contains('-') || before.trim() == "-");
        if !alone {
            return None;
        }
        let end = self.line_end(span.value.0 + span.value.1);
        Some(self.splice(start, end - start, ""))
    }

    /// A new mapping entry or list item, after its parent's last line.
    fn insert(&self, at: &str, value: &Value, out: &mut Vec<String>) {
        let (parent, last) = split(at);
        let (Some(span), Some(container)) = (self.span(parent), self.value(parent)) else {
            return;
        };
        let indent = self.child_indent(parent, container);
        let entry = match container {
            Value::Object(_) => {
                let mut one = Map::new();
                one.insert(last, value.clone());
                self.block(&Value::Object(one), indent)
            }
            Value::Array(_) => self.block(&Value::Array(vec![value.clone()]), indent),
            _ => return,
        };
        let empty = match container {
            Value::Object(map) => map.is_empty(),
            Value::Array(items) => items.is_empty(),
            _ => false,
        };
        if empty {
            // `key: {}` or `key: []` (or nothing at all) becomes a block.
            let start = self.value_start(span);
            let end = self.node_end(span);
            let with = format!("{}{}", self.newline, entry.trim_end());
            out.push(self.splice(start, end - start, &with));
            return;
        }
        let (offset, len) = span.value;
        let end = self.line_end(offset + len);
        let mut with = String::new();
        if !self.text[..end].ends_with('\n') {
            with.push_str(self.newline);
        }
        with.push_str(&entry);
        out.push(self.splice(end, 0, &with));
    }

    /// A value in block style at `indent`, one line per scalar, each line
    /// ended.
    fn block(&self, value: &Value, indent: usize) -> String {
        let mut out = String::new();
        let style = Style {
            nl: self.newline,
            quote_all: self.quote_all,
        };
        write_block(&mut out, value, indent, style);
        out
    }
}

#[cfg(test)]
mod tests;
