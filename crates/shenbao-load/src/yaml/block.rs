//! The fast path: the block style that declarations are written in, read line
//! by line, several times faster than the full parser's event stream.
//!
//! It answers `None` ("let the full parser decide") for anything outside that
//! style and for anything it does not know to be correct, so every error and
//! every rare construct comes from the full path, with its messages.
//!
//! Taken here: block mappings with plain keys; block lists (`- item`, and a
//! mapping that starts on the item's line); plain scalars on one line; single-
//! and double-quoted scalars on one line (double-quoted without escapes);
//! literal block scalars `|` and `|-`; comments and blank lines; LF or CRLF
//! line breaks (Windows editors write CRLF).
//!
//! Left to the full path: tabs, other carriage returns, BOMs, control and other
//! non-printable characters, line and paragraph separators; document markers
//! and directives; flow collections; anchors, aliases and tags; folded and
//! `|+` scalars and indentation indicators; plain or quoted scalars over
//! several lines; empty values; quoted or complex keys; duplicate keys; deep
//! or very large documents.

use super::{union, NodeSpan, SpanMap, MAX_DEPTH, MAX_NODES};
use crate::scalar::resolve_plain;
use crate::spans::{NodeId, Segment};
use serde_json::map::Entry;
use serde_json::{Map, Value};
use std::borrow::Cow;

/// Nesting the fast path takes on; anything deeper goes to the full path,
/// which enforces [`MAX_DEPTH`].
const FAST_DEPTH: usize = 16;
const _: () = assert!(FAST_DEPTH < MAX_DEPTH);

/// YAML limits an implicit key to 1024 characters; longer keys are the full
/// path's to report.
const MAX_KEY_BYTES: usize = 1024;

/// Byte offset and length, as in [`NodeSpan`].
type Span = (usize, usize);

/// Parse `text` if it is wholly in the block style described above.
pub(super) fn parse(text: &str) -> Option<(Value, SpanMap)> {
    if !printable(text.as_bytes()) {
        return None;
    }
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        at: None,
        spans: SpanMap::default(),
        nodes: 0,
        depth: 0,
    };
    reader.advance(usize::MAX)?;
    if reader.at != Some(0) {
        return None;
    }
    let id = reader.spans.add(None, Segment::Root, NodeSpan::default());
    let (root, extent) = reader.mapping(0, id)?;
    if reader.at.is_some() {
        return None;
    }
    reader.spans.set_value(id, extent);
    Some((root, reader.spans))
}

/// Bytes that need a closer look: controls but the line feed (CR is taken
/// before LF only), DEL, and the
/// lead bytes of C1 controls (C2), line/paragraph separators (E2) and the BOM
/// and non-characters U+FFFE/U+FFFF (EF).
const SUSPECT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b != b'\n' as usize;
        b += 1;
    }
    table[0x7F] = true;
    table[0xC2] = true;
    table[0xE2] = true;
    table[0xEF] = true;
    table
};

/// Is every character one the fast path may take as it stands? (The text is
/// valid UTF-8.)
fn printable(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if SUSPECT[b as usize] {
            let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
            let refused = match b {
                // A CR only as part of a CRLF line break.
                b'\r' => next(1) != b'\n',
                0xC2 => (0x80..=0x9F).contains(&next(1)),
                0xE2 => next(1) == 0x80 && matches!(next(2), 0xA8 | 0xA9),
                0xEF => {
                    (next(1) == 0xBB && next(2) == 0xBF)
                        || (next(1) == 0xBF && matches!(next(2), 0xBE | 0xBF))
                }
                _ => true,
            };
            if refused {
                return false;
            }
        }
        i += 1;
    }
    true
}

/// Characters that cannot start a plain scalar or a plain key here.
fn is_indicator(b: u8) -> bool {
    matches!(
        b,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// The column of the content `pos` is at, after [`Reader::advance`];
    /// `None` at the end of the text.
    at: Option<usize>,
    spans: SpanMap,
    nodes: usize,
    depth: usize,
}

impl Reader<'_> {
    fn byte(&self, i: usize) -> Option<u8> {
        self.bytes.get(i).copied()
    }

    /// The first position at or after `i` that is not a space.
    fn skip_spaces(&self, i: usize) -> usize {
        i + self.bytes[i.min(self.bytes.len())..]
            .iter()
            .take_while(|&&b| b == b' ')
            .count()
    }

    /// Is the byte at `i` a space, a line break or the end of the text?
    fn separates(&self, i: usize) -> bool {
        matches!(self.byte(i), None | Some(b' ' | b'\n' | b'\r'))
    }

    /// Is there a line break (LF or CRLF; a CR is always followed by an LF
    /// here) or the end of the text at `i`?
    fn at_break(&self, i: usize) -> bool {
        matches!(self.byte(i), None | Some(b'\n' | b'\r'))
    }

    /// The start of the line after the break at `i` (or the end of the text).
    fn after_break(&self, i: usize) -> usize {
        let width = if self.byte(i) == Some(b'\r') { 2 } else { 1 };
        (i + width).min(self.bytes.len())
    }

    /// Where the content of the line ending at `end` (its LF or the end of
    /// the text) ends: before a CR.
    fn content_end(&self, end: usize) -> usize {
        if end > 0 && self.bytes[end - 1] == b'\r' {
            end - 1
        } else {
            end
        }
    }

    /// The end of the line `i` is on (its line feed, or the end of the text).
    fn line_end(&self, i: usize) -> usize {
        memchr::memchr(b'\n', &self.bytes[i..]).map_or(self.bytes.len(), |n| i + n)
    }

    /// From the start of a line, move to the first character of the next
    /// line with content (not blank, not only a comment) and set `at` to its
    /// column. Refuses comment lines indented deeper than `comment_limit`
    /// (after a scalar they could be read as its continuation) and document
    /// markers.
    fn advance(&mut self, comment_limit: usize) -> Option<()> {
        loop {
            let start = self.pos;
            let i = self.skip_spaces(start);
            let column = i - start;
            match self.byte(i) {
                None => {
                    self.pos = i;
                    self.at = None;
                    return Some(());
                }
                Some(b'\n' | b'\r') => self.pos = self.after_break(i),
                Some(b'#') => {
                    if column > comment_limit {
                        return None;
                    }
                    self.pos = (self.line_end(i) + 1).min(self.bytes.len());
                }
                Some(_) => {
                    let rest = &self.bytes[i..];
                    if column == 0 && (rest.starts_with(b"---") || rest.starts_with(b"...")) {
                        return None;
                    }
                    self.pos = i;
                    self.at = Some(column);
                    return Some(());
                }
            }
        }
    }

    /// After a node on this line: spaces, an optional comment, the line feed.
    fn finish_line(&mut self) -> Option<()> {
        let mut i = self.skip_spaces(self.pos);
        match self.byte(i) {
            None => {}
            Some(b'\n' | b'\r') => i = self.after_break(i),
            // A comment needs a space before it.
            Some(b'#') if i > self.pos => i = (self.line_end(i) + 1).min(self.bytes.len()),
            Some(_) => return None,
        }
        self.pos = i;
        Some(())
    }

    fn count_node(&mut self) -> Option<()> {
        self.nodes += 1;
        (self.nodes <= MAX_NODES).then_some(())
    }

    fn open(&mut self) -> Option<()> {
        self.depth += 1;
        if self.depth > FAST_DEPTH {
            return None;
        }
        self.count_node()
    }

    /// Where the plain key starting at `pos` ends (its `:`), if the line holds
    /// one: a `:` followed by a space or the line's end, before any comment.
    fn key_colon(&self, start: usize) -> Option<usize> {
        if is_indicator(self.bytes[start]) {
            return None;
        }
        let mut i = start;
        loop {
            let found = memchr::memchr3(b':', b'#', b'\n', &self.bytes[i..])?;
            let j = i + found;
            match self.bytes[j] {
                b':' if self.separates(j + 1) => {
                    let ok = self.bytes[j - 1] != b' ' && j - start <= MAX_KEY_BYTES;
                    return ok.then_some(j);
                }
                b'#' if self.bytes[j - 1] == b' ' => return None,
                b'\n' => return None,
                _ => i = j + 1,
            }
        }
    }

    /// A block mapping whose first key is at `pos`, in column `indent`; `id`
    /// is its node in the span map.
    fn mapping(&mut self, indent: usize, id: NodeId) -> Option<(Value, Span)> {
        self.open()?;
        let mut map = Map::new();
        let mut extent: Option<Span> = None;
        loop {
            let start = self.pos;
            let colon = self.key_colon(start)?;
            self.count_node()?;
            let key = &self.text[start..colon];
            let key_span = (start, colon - start);
            let slot = match map.entry(key) {
                Entry::Occupied(_) => return None,
                Entry::Vacant(slot) => slot,
            };
            let node = NodeSpan {
                key: Some(key_span),
                value: (0, 0),
            };
            let child = self.spans.add(Some(id), Segment::Key(key), node);
            self.pos = colon + 1;
            let (value, span) = self.value(indent, child)?;
            slot.insert(value);
            self.spans.set_value(child, span);
            let entry = union(key_span, span);
            extent = Some(extent.map_or(entry, |e| union(e, entry)));
            match self.at {
                Some(column) if column == indent => {}
                Some(column) if column > indent => return None,
                _ => break,
            }
        }
        self.depth -= 1;
        Some((Value::Object(map), extent?))
    }

    /// The value after a key's `:`, on this line or the lines below.
    fn value(&mut self, indent: usize, id: NodeId) -> Option<(Value, Span)> {
        let i = self.skip_spaces(self.pos);
        if !(self.at_break(i) || self.byte(i) == Some(b'#')) {
            self.pos = i;
            return self.inline(indent);
        }
        self.finish_line()?;
        self.advance(usize::MAX)?;
        let column = self.at?;
        if self.starts_item() && column >= indent {
            self.sequence(column, id)
        } else if column > indent {
            self.mapping(column, id)
        } else {
            None // an empty value
        }
    }

    fn starts_item(&self) -> bool {
        self.byte(self.pos) == Some(b'-') && self.byte(self.pos + 1) == Some(b' ')
    }

    /// A block list whose first `- ` is at `pos`, in column `indent`.
    fn sequence(&mut self, indent: usize, id: NodeId) -> Option<(Value, Span)> {
        self.open()?;
        let mut items = Vec::new();
        let mut extent: Option<Span> = None;
        loop {
            self.pos += 1;
            let after_dash = self.pos;
            self.pos = self.skip_spaces(self.pos);
            if self.at_break(self.pos) || self.byte(self.pos) == Some(b'#') {
                return None; // the item's content is on the lines below
            }
            let column = indent + 1 + (self.pos - after_dash);
            let segment = Segment::Index(items.len());
            let child = self.spans.add(Some(id), segment, NodeSpan::default());
            let (value, span) = if self.key_colon(self.pos).is_some() {
                self.mapping(column, child)?
            } else {
                self.inline(indent)?
            };
            self.spans.set_value(child, span);
            items.push(value);
            extent = Some(extent.map_or(span, |e| union(e, span)));
            match self.at {
                Some(column) if column == indent && self.starts_item() => {}
                Some(column) if column > indent => return None,
                _ => break,
            }
        }
        self.depth -= 1;
        Some((Value::Array(items), extent?))
    }

    /// A scalar that starts at `pos` on this line, inside a collection in
    /// column `parent`.
    fn inline(&mut self, parent: usize) -> Option<(Value, Span)> {
        self.count_node()?;
        let start = self.pos;
        let (value, end) = match self.bytes[start] {
            b'"' => self.double_quoted(start)?,
            b'\'' => self.single_quoted(start)?,
            b'|' => return self.literal(parent),
            b'-' | b'?' | b':' if !self.separates(start + 1) => self.plain(start)?,
            b if is_indicator(b) => return None,
            _ => self.plain(start)?,
        };
        self.pos = end;
        self.finish_line()?;
        self.advance(parent)?;
        if self.at.is_some_and(|column| column > parent) {
            return None; // the scalar would go on over several lines
        }
        Some((value, (start, end - start)))
    }

    /// A plain scalar: to the line's end or a comment, trailing spaces off.
    fn plain(&self, start: usize) -> Option<(Value, usize)> {
        let mut i = start;
        let end = loop {
            let Some(found) = memchr::memchr3(b':', b'#', b'\n', &self.bytes[i..]) else {
                break self.bytes.len();
            };
            let j = i + found;
            match self.bytes[j] {
                b':' if self.separates(j + 1) => return None, // a key: not a scalar
                b'#' if self.bytes[j - 1] == b' ' => break j,
                b'\n' => break j,
                _ => i = j + 1,
            }
        };
        let mut end = self.content_end(end);
        while self.bytes[end - 1] == b' ' {
            end -= 1;
        }
        Some((resolve_plain(Cow::Borrowed(&self.text[start..end])), end))
    }

    /// `"…"` on one line, without escapes.
    fn double_quoted(&self, start: usize) -> Option<(Value, usize)> {
        let found = memchr::memchr3(b'"', b'\\', b'\n', &self.bytes[start + 1..])?;
        let close = start + 1 + found;
        (self.bytes[close] == b'"').then(|| {
            (
                Value::String(self.text[start + 1..close].to_owned()),
                close + 1,
            )
        })
    }

    /// `'…'` on one line; `''` is a quote.
    fn single_quoted(&self, start: usize) -> Option<(Value, usize)> {
        let mut text = String::new();
        let mut i = start + 1;
        loop {
            let j = i + memchr::memchr2(b'\'', b'\n', &self.bytes[i..])?;
            if self.bytes[j] == b'\n' {
                return None;
            }
            text.push_str(&self.text[i..j]);
            if self.byte(j + 1) == Some(b'\'') {
                text.push('\'');
                i = j + 2;
            } else {
                return Some((Value::String(text), j + 1));
            }
        }
    }

    /// A literal block scalar, `|` (one final line feed kept) or `|-` (none),
    /// its content indented deeper than `parent`.
    fn literal(&mut self, parent: usize) -> Option<(Value, Span)> {
        let strip = self.byte(self.pos + 1) == Some(b'-');
        self.pos += if strip { 2 } else { 1 };
        self.finish_line()?;
        // The first line sets the content's indentation; it must have content.
        let first = self.pos;
        let i = self.skip_spaces(first);
        let indent = i - first;
        if indent <= parent || self.at_break(i) {
            return None;
        }
        let start = i;
        let mut text = String::new();
        let mut blank_lines = 0;
        let mut ends_with_newline = false;
        // Where the scalar's span ends: the first character after it.
        let stop;
        loop {
            let line = self.pos;
            let i = self.skip_spaces(line);
            let spaces = i - line;
            match self.byte(i) {
                None if spaces == 0 => {
                    stop = i;
                    break;
                }
                None | Some(b'\n' | b'\r') => {
                    if spaces > indent {
                        return None; // spaces that would be content
                    }
                    blank_lines += 1;
                    self.pos = self.after_break(i);
                    continue;
                }
                Some(_) if spaces < indent => {
                    stop = i;
                    break;
                }
                Some(_) => {}
            }
            if line > first {
                text.push('\n');
            }
            for _ in 0..blank_lines {
                text.push('\n');
            }
            blank_lines = 0;
            let end = self.line_end(line);
            text.push_str(&self.text[line + indent..self.content_end(end)]);
            ends_with_newline = end < self.bytes.len();
            self.pos = (end + 1).min(self.bytes.len());
        }
        if !strip {
            if !ends_with_newline {
                return None;
            }
            text.push('\n');
        }
        self.advance(parent)?;
        Some((Value::String(text), (start, stop - start)))
    }
}
