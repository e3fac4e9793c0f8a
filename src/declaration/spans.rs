//! Where each node of a loaded declaration is in its text, by JSON pointer.

/// Byte ranges of a node: its key (for mapping entries) and its value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NodeSpan {
    pub key: Option<(usize, usize)>,
    pub value: (usize, usize),
}

/// JSON pointer → span, in document order. Looked up only for documents with
/// findings, so a vector (no hashing on the hot path) is enough. The pointers
/// share one buffer rather than a `String` each: one allocation fewer per node.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SpanMap {
    /// Every pointer, one after the other.
    pointers: String,
    /// Where each pointer ends in `pointers` (it starts where the previous one
    /// ends), and its span.
    entries: Vec<(usize, NodeSpan)>,
}

impl SpanMap {
    pub fn get(&self, pointer: &str) -> Option<&NodeSpan> {
        let mut start = 0;
        for (end, span) in &self.entries {
            if &self.pointers[start..*end] == pointer {
                return Some(span);
            }
            start = *end;
        }
        None
    }

    pub(super) fn push(&mut self, pointer: &str, span: NodeSpan) {
        self.pointers.push_str(pointer);
        self.entries.push((self.pointers.len(), span));
    }
}
