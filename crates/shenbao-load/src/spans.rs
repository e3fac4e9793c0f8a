//! Where each node of a loaded declaration is in its text, by JSON pointer.

/// Byte ranges of a node: its key (for mapping entries) and its value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NodeSpan {
    pub key: Option<(usize, usize)>,
    pub value: (usize, usize),
}

/// A node's place in a [`SpanMap`].
pub(super) type NodeId = u32;

/// How a node is named under its parent.
#[derive(Clone, Copy)]
pub(super) enum Segment<'a> {
    /// The document itself (pointer `""`).
    Root,
    /// A mapping entry's key, unescaped.
    Key(&'a str),
    /// A list item's index.
    Index(usize),
}

/// JSON pointer → span, for every node of a document.
///
/// Each node keeps only its own pointer segment and its parent, so the map
/// grows with the text, not with depth × key length: a whole pointer per
/// node let 1 MB of deep, long keys take over a gigabyte. Looked up only for
/// documents with findings, so a linear search (no hashing on the hot path)
/// is enough.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SpanMap {
    /// Every node's last segment, escaped as in a pointer, one after the other.
    segments: String,
    nodes: Vec<Node>,
}

#[derive(Debug, PartialEq, Eq)]
struct Node {
    /// Where the segment ends in `segments` (it starts where the previous
    /// node's ends).
    end: u32,
    /// `None` for the root.
    parent: Option<NodeId>,
    span: NodeSpan,
}

impl SpanMap {
    fn segment(&self, id: usize) -> &str {
        let start = match id {
            0 => 0,
            _ => self.nodes[id - 1].end as usize,
        };
        &self.segments[start..self.nodes[id].end as usize]
    }

    pub fn get(&self, pointer: &str) -> Option<&NodeSpan> {
        let last = pointer.rsplit('/').next().unwrap_or("");
        (0..self.nodes.len())
            .filter(|&id| self.segment(id) == last)
            .find(|&id| self.named(id, pointer))
            .map(|id| &self.nodes[id].span)
    }

    /// Is `pointer` the pointer of node `id`?
    fn named(&self, id: usize, pointer: &str) -> bool {
        let mut rest = pointer;
        let mut id = id;
        loop {
            let Some(parent) = self.nodes[id].parent else {
                return rest.is_empty();
            };
            match rest
                .strip_suffix(self.segment(id))
                .and_then(|r| r.strip_suffix('/'))
            {
                Some(up) => rest = up,
                None => return false,
            }
            id = parent as usize;
        }
    }

    /// The pointer of the node whose value starts at byte `offset`, if any
    /// (the innermost: a scalar, not the collection it opens).
    pub fn pointer_at(&self, offset: usize) -> Option<String> {
        let id = (0..self.nodes.len())
            .rev()
            .find(|&id| self.nodes[id].span.value.0 == offset)?;
        let mut segments = Vec::new();
        let mut id = id;
        while let Some(parent) = self.nodes[id].parent {
            segments.push(self.segment(id));
            id = parent as usize;
        }
        Some(segments.iter().rev().map(|s| format!("/{s}")).collect())
    }

    /// Add a node under `parent`; a collection's value span is set when it
    /// closes ([`SpanMap::set_value`]).
    pub(super) fn add(
        &mut self,
        parent: Option<NodeId>,
        segment: Segment,
        span: NodeSpan,
    ) -> NodeId {
        match segment {
            Segment::Root => {}
            Segment::Key(key) => super::pointer::push_escaped(&mut self.segments, key),
            Segment::Index(index) => {
                let _ = std::fmt::Write::write_fmt(&mut self.segments, format_args!("{index}"));
            }
        }
        self.nodes.push(Node {
            end: self.segments.len() as u32,
            parent,
            span,
        });
        (self.nodes.len() - 1) as NodeId
    }

    /// Bytes held for pointer segments (tests bound it by the text's size).
    #[cfg(test)]
    pub(super) fn segment_bytes(&self) -> usize {
        self.segments.len()
    }

    pub(super) fn set_value(&mut self, id: NodeId, value: (usize, usize)) {
        self.nodes[id as usize].span.value = value;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_are_found_through_their_parents() {
        let mut map = SpanMap::default();
        let span = |n| NodeSpan {
            key: None,
            value: (n, 1),
        };
        let root = map.add(None, Segment::Root, span(0));
        let a = map.add(Some(root), Segment::Key("a/b"), span(1));
        map.add(Some(a), Segment::Index(10), span(2));
        let empty = map.add(Some(root), Segment::Key(""), span(3));
        map.add(Some(empty), Segment::Key("10"), span(4));
        map.set_value(root, (0, 9));
        assert_eq!(map.get("").unwrap().value, (0, 9));
        assert_eq!(map.get("/a~1b").unwrap().value, (1, 1));
        assert_eq!(map.get("/a~1b/10").unwrap().value, (2, 1));
        assert_eq!(map.get("/").unwrap().value, (3, 1));
        assert_eq!(map.get("//10").unwrap().value, (4, 1));
        assert!(map.get("/10").is_none());
        assert!(map.get("/a~1b/1").is_none());
        assert!(map.get("a~1b").is_none());
    }
}
