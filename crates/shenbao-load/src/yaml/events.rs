//! The full YAML path: the tree built over `granit-parser`'s events (the YAML
//! parser inside serde-saphyr), driven directly. Measured on a 7.7 KB
//! declaration, its events take 57 µs while serde-saphyr's deserializer layer
//! on top adds 80 µs more, and spans would need a second, slower pass
//! (docs/performance.md). Building the tree here gives spans for free.

use super::{
    union, Budget, NodeSpan, SpanMap, Unsupported, YamlError, MAX_ALIASES, MAX_DEPTH, MAX_NODES,
};
use crate::scalar::resolve_plain;
use crate::spans::{NodeId, Segment};
use granit_parser::{Event, Marker, Options, Parser, ScalarStyle, Span};
use serde_json::map::Entry;
use serde_json::{Map, Value};
use std::borrow::Cow;

/// An open collection.
struct Frame {
    kind: FrameKind,
    anchor: usize,
    /// Its node in the span map.
    id: NodeId,
    /// Union of the spans of what is inside so far (start/end event if empty).
    extent: Option<(usize, usize)>,
    open: (usize, usize),
    /// Nodes inside, for alias accounting.
    nodes: usize,
}

enum FrameKind {
    Seq(Vec<Value>),
    /// Entries so far, and the span of the key awaiting its value. That key
    /// is already the map's last entry, with a null value until its value
    /// is placed: one hash per key, where a check for a duplicate and then
    /// an insert took two.
    Map(Map<String, Value>, Option<(usize, usize)>),
}

struct Builder<'a> {
    text: &'a str,
    parser: Parser<'a, granit_parser::StrInput<'a>>,
    frames: Vec<Frame>,
    spans: SpanMap,
    /// Anchored nodes by id: the value and its node count (for the budget).
    /// An alias's nodes all point at the alias itself.
    anchors: Vec<Option<(Value, usize)>>,
    nodes: usize,
    aliases: usize,
    documents: usize,
    root: Option<Value>,
}

fn byte_range(text: &str, span: &Span) -> (usize, usize) {
    let start = offset_of(text, &span.start);
    let end = offset_of(text, &span.end).max(start);
    (start, end - start)
}

/// Byte offset of a marker (the parser reports bytes for string input; the
/// character index is the fallback).
pub fn offset_of(text: &str, marker: &Marker) -> usize {
    marker.byte_offset().unwrap_or_else(|| {
        text.char_indices()
            .nth(marker.index())
            .map_or(text.len(), |(i, _)| i)
    })
}

/// The key awaiting its value: the map's last entry (serde_json's
/// `preserve_order` keeps entries in insertion order).
fn pending_key(map: &Map<String, Value>) -> &str {
    map.keys()
        .next_back()
        .expect("the pending key was inserted")
}

fn pending_value(map: &mut Map<String, Value>) -> &mut Value {
    map.values_mut()
        .next_back()
        .expect("the pending key was inserted")
}

/// Parse one document with the full parser.
pub(super) fn parse(text: &str) -> Result<(Value, SpanMap), YamlError> {
    Builder::new(text).run()
}

impl<'a> Builder<'a> {
    fn new(text: &'a str) -> Builder<'a> {
        let mut options = Options::default();
        options.flow_nesting_limit = MAX_DEPTH;
        options.block_nesting_limit = MAX_DEPTH;
        Builder {
            text,
            parser: Parser::new_from_str_with_options(text, options),
            frames: Vec::new(),
            spans: SpanMap::default(),
            anchors: Vec::new(),
            nodes: 0,
            aliases: 0,
            documents: 0,
            root: None,
        }
    }

    fn run(mut self) -> Result<(Value, SpanMap), YamlError> {
        while let Some(next) = self.parser.next_event() {
            let (event, span) = next.map_err(YamlError::Syntax)?;
            let at = byte_range(self.text, &span);
            match event {
                Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => {}
                Event::DocumentStart(..) => {
                    self.documents += 1;
                    if self.documents > 1 {
                        return Err(YamlError::MultipleDocuments { at });
                    }
                }
                Event::Scalar(text, style, anchor, tag) => {
                    self.scalar(text, style, anchor, tag.as_deref(), at)?;
                }
                Event::Alias(id) => self.alias(id, at)?,
                Event::UnresolvedAlias(_) => {
                    return Err(YamlError::Unsupported {
                        what: Unsupported::UnknownAnchor,
                        at,
                    })
                }
                Event::SequenceStart(_, anchor, tag) => {
                    self.check_collection_tag(tag.as_deref(), "seq", at)?;
                    self.open(FrameKind::Seq(Vec::new()), anchor, at)?;
                }
                Event::MappingStart(_, anchor, tag) => {
                    self.check_collection_tag(tag.as_deref(), "map", at)?;
                    self.open(FrameKind::Map(Map::new(), None), anchor, at)?;
                }
                Event::SequenceEnd | Event::MappingEnd => self.close(at)?,
                // Anchor names and comments are presentation, not content.
                _ => {}
            }
        }
        let root = self.root.take().unwrap_or(Value::Null);
        Ok((root, self.spans))
    }

    fn count_nodes(&mut self, n: usize, at: (usize, usize)) -> Result<(), YamlError> {
        self.nodes += n;
        if let Some(frame) = self.frames.last_mut() {
            frame.nodes += n;
        }
        if self.nodes > MAX_NODES {
            return Err(YamlError::Budget {
                what: Budget::Nodes,
                at,
            });
        }
        Ok(())
    }

    /// Is the next node a mapping key?
    fn expecting_key(&self) -> bool {
        matches!(
            self.frames.last(),
            Some(Frame {
                kind: FrameKind::Map(_, None),
                ..
            })
        )
    }

    fn scalar(
        &mut self,
        text: Cow<'a, str>,
        style: ScalarStyle,
        anchor: usize,
        tag: Option<&granit_parser::Tag>,
        at: (usize, usize),
    ) -> Result<(), YamlError> {
        let forced_string = match tag {
            None => false,
            Some(tag) if tag.is_yaml_core_schema_tag("str") => true,
            Some(tag)
                if ["int", "float", "bool", "null"]
                    .iter()
                    .any(|s| tag.is_yaml_core_schema_tag(s)) =>
            {
                false
            }
            Some(tag) => {
                return Err(YamlError::Unsupported {
                    what: Unsupported::Tag(format!("{}{}", tag.handle(), tag.suffix())),
                    at,
                })
            }
        };
        self.count_nodes(1, at)?;
        if self.expecting_key() {
            let key = text.into_owned();
            if anchor > 0 {
                self.remember(anchor, Value::String(key.clone()), 1);
            }
            return self.set_key(key, at);
        }
        let value = if forced_string || style != ScalarStyle::Plain {
            Value::String(text.into_owned())
        } else {
            resolve_plain(text)
        };
        if anchor > 0 {
            self.remember(anchor, value.clone(), 1);
        }
        self.place(value, at, None);
        Ok(())
    }

    fn alias(&mut self, id: usize, at: (usize, usize)) -> Result<(), YamlError> {
        self.aliases += 1;
        if self.aliases > MAX_ALIASES {
            return Err(YamlError::Budget {
                what: Budget::Aliases,
                at,
            });
        }
        let Some(Some((value, nodes))) = self.anchors.get(id) else {
            return Err(YamlError::Unsupported {
                what: Unsupported::UnknownAnchor,
                at,
            });
        };
        let (value, nodes) = (value.clone(), *nodes);
        // Count before cloning bigger structures any further.
        self.count_nodes(nodes, at)?;
        if self.expecting_key() {
            return match value {
                Value::String(key) => self.set_key(key, at),
                _ => Err(YamlError::Unsupported {
                    what: Unsupported::ComplexKey,
                    at,
                }),
            };
        }
        self.place(value, at, None);
        Ok(())
    }

    fn remember(&mut self, anchor: usize, value: Value, nodes: usize) {
        if self.anchors.len() <= anchor {
            self.anchors.resize(anchor + 1, None);
        }
        self.anchors[anchor] = Some((value, nodes));
    }

    fn set_key(&mut self, key: String, at: (usize, usize)) -> Result<(), YamlError> {
        let Some(Frame {
            kind: FrameKind::Map(map, pending),
            extent,
            ..
        }) = self.frames.last_mut()
        else {
            unreachable!("set_key is called only when a mapping expects a key");
        };
        match map.entry(key) {
            Entry::Occupied(entry) => {
                let key = entry.key().clone();
                return Err(YamlError::DuplicateKey { key, at });
            }
            Entry::Vacant(entry) => {
                entry.insert(Value::Null);
            }
        }
        *extent = Some(extent.map_or(at, |e| union(e, at)));
        *pending = Some(at);
        Ok(())
    }

    /// Add the node of the next value in the innermost collection (or of
    /// the root) to the span map.
    fn add_node(&mut self, value: (usize, usize)) -> NodeId {
        let (parent, segment, key) = match self.frames.last() {
            None => (None, Segment::Root, None),
            Some(frame) => match &frame.kind {
                FrameKind::Seq(items) => (Some(frame.id), Segment::Index(items.len()), None),
                FrameKind::Map(map, key_span) => {
                    debug_assert!(key_span.is_some(), "a value follows its key");
                    (Some(frame.id), Segment::Key(pending_key(map)), *key_span)
                }
            },
        };
        self.spans.add(parent, segment, NodeSpan { key, value })
    }

    /// Attach a finished value to its parent (or make it the root) and record
    /// its span: under its node if it has one (a collection), under a new one
    /// otherwise.
    fn place(&mut self, value: Value, extent: (usize, usize), node: Option<NodeId>) {
        match node {
            Some(id) => self.spans.set_value(id, extent),
            None => {
                self.add_node(extent);
            }
        }
        match self.frames.last_mut() {
            None => self.root = Some(value),
            Some(frame) => {
                frame.extent = Some(frame.extent.map_or(extent, |e| union(e, extent)));
                match &mut frame.kind {
                    FrameKind::Seq(items) => items.push(value),
                    FrameKind::Map(map, pending) => {
                        pending.take().expect("a value follows its key");
                        *pending_value(map) = value;
                    }
                }
            }
        }
    }

    fn check_collection_tag(
        &self,
        tag: Option<&granit_parser::Tag>,
        expected: &str,
        at: (usize, usize),
    ) -> Result<(), YamlError> {
        match tag {
            Some(tag) if !tag.is_yaml_core_schema_tag(expected) => Err(YamlError::Unsupported {
                what: Unsupported::Tag(format!("{}{}", tag.handle(), tag.suffix())),
                at,
            }),
            _ => Ok(()),
        }
    }

    fn open(
        &mut self,
        kind: FrameKind,
        anchor: usize,
        at: (usize, usize),
    ) -> Result<(), YamlError> {
        if self.expecting_key() {
            return Err(YamlError::Unsupported {
                what: Unsupported::ComplexKey,
                at,
            });
        }
        if self.frames.len() >= MAX_DEPTH {
            return Err(YamlError::Budget {
                what: Budget::Depth,
                at,
            });
        }
        self.count_nodes(1, at)?;
        let id = self.add_node((0, 0));
        self.frames.push(Frame {
            kind,
            anchor,
            id,
            extent: None,
            open: at,
            nodes: 1,
        });
        Ok(())
    }

    fn close(&mut self, at: (usize, usize)) -> Result<(), YamlError> {
        let frame = self.frames.pop().expect("the parser balances collections");
        let value = match frame.kind {
            FrameKind::Seq(items) => Value::Array(items),
            FrameKind::Map(map, _) => Value::Object(map),
        };
        let extent = frame.extent.unwrap_or_else(|| union(frame.open, at));
        if frame.anchor > 0 {
            self.remember(frame.anchor, value.clone(), frame.nodes);
        }
        if let Some(parent) = self.frames.last_mut() {
            parent.nodes += frame.nodes;
        }
        self.place(value, extent, Some(frame.id));
        Ok(())
    }
}
