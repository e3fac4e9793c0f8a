//! YAML text → `serde_json::Value`, with YAML 1.2 semantics and budgets, and the
//! map from JSON pointers to source spans.
//!
//! Two parses exist: a fast one straight into a `Value` (most declarations are
//! valid and need no spans), and a spanned one that the loader runs when a
//! document has something to report. Both use the same options, so both see the
//! same document.

use super::pointer;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use serde_saphyr::{Options, Spanned};
use std::collections::HashMap;
use std::fmt;

/// Nesting deeper than this is no declaration (the schema needs 4 levels).
pub const MAX_DEPTH: usize = 64;
/// Nodes (scalars + collections) allowed in one document.
pub const MAX_NODES: usize = 100_000;
/// Alias references allowed in one document; declarations rarely need any.
pub const MAX_ALIASES: usize = 1_000;

/// Parser options shared by both passes: YAML 1.2 booleans (`no`, `on` stay
/// strings), leading-zero numbers stay strings (`010`, postal codes), duplicate
/// keys are errors, and budgets bound work and memory.
pub fn options() -> Options {
    let mut options = serde_saphyr::options! {
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        underscored_numbers_as_strings: true,
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_nodes: MAX_NODES,
            max_aliases: MAX_ALIASES,
            max_anchors: MAX_ALIASES,
            max_events: 4 * MAX_NODES,
            max_documents: 1,
            max_total_scalar_bytes: super::source::MAX_FILE_BYTES as usize,
        },
    };
    options.alias_limits.max_total_replayed_events = 4 * MAX_NODES;
    options.alias_limits.max_replay_stack_depth = 16;
    options
}

/// Fast pass: no spans. Any error here is re-diagnosed by the spanned pass.
pub fn parse_plain(text: &str) -> Result<Value, serde_saphyr::Error> {
    serde_saphyr::from_str_with_options(text, options())
}

/// Byte ranges of a node: its key (for mapping entries) and its value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NodeSpan {
    pub key: Option<(usize, usize)>,
    pub value: (usize, usize),
}

/// JSON pointer → span of that node.
pub type SpanMap = HashMap<String, NodeSpan>;

/// Spanned pass: the value and the pointer map.
pub fn parse_spanned(text: &str) -> Result<(Value, SpanMap), serde_saphyr::Error> {
    let root: Spanned<Node> = serde_saphyr::from_str_with_options(text, options())?;
    let mut spans = SpanMap::new();
    let mut path = String::new();
    let (value, extent) = convert(root, &mut path, None, &mut spans);
    spans.insert(
        String::new(),
        NodeSpan {
            key: None,
            value: extent,
        },
    );
    Ok((value, spans))
}

/// A YAML node as the spanned pass sees it.
enum Node {
    Null,
    Bool(bool),
    Number(Number),
    Str(String),
    Seq(Vec<Spanned<Node>>),
    Map(Vec<(Spanned<Node>, Spanned<Node>)>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML node")
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Number::from_f64(v)
            .map(Node::Number)
            .ok_or_else(|| E::custom("non-finite numbers are not allowed"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Node>>()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<Node>>()? {
            let value = map.next_value::<Spanned<Node>>()?;
            entries.push((key, value));
        }
        Ok(Node::Map(entries))
    }
}

fn byte_range(node: &Spanned<impl Sized>) -> (usize, usize) {
    let span = node.referenced.span();
    (
        span.byte_offset().unwrap_or(0) as usize,
        span.byte_len().unwrap_or(0) as usize,
    )
}

fn union(a: (usize, usize), b: (usize, usize)) -> (usize, usize) {
    let start = a.0.min(b.0);
    let end = (a.0 + a.1).max(b.0 + b.1);
    (start, end - start)
}

/// Build the `Value` and record every node's span under its pointer. Returns the
/// value and its extent (a collection spans from its first to its last child).
fn convert(
    node: Spanned<Node>,
    path: &mut String,
    key: Option<(usize, usize)>,
    spans: &mut SpanMap,
) -> (Value, (usize, usize)) {
    let own = byte_range(&node);
    let (value, extent) = match node.value {
        Node::Null => (Value::Null, own),
        Node::Bool(b) => (Value::Bool(b), own),
        Node::Number(n) => (Value::Number(n), own),
        Node::Str(s) => (Value::String(s), own),
        Node::Seq(items) => {
            let mut extent = (own.0, 0);
            let mut values = Vec::with_capacity(items.len());
            for (index, item) in items.into_iter().enumerate() {
                let len = path.len();
                path.push('/');
                path.push_str(&index.to_string());
                let (value, child) = convert(item, path, None, spans);
                path.truncate(len);
                extent = if values.is_empty() {
                    child
                } else {
                    union(extent, child)
                };
                values.push(value);
            }
            (Value::Array(values), extent)
        }
        Node::Map(entries) => {
            let mut extent = (own.0, 0);
            let mut map = Map::with_capacity(entries.len());
            for (index, (k, v)) in entries.into_iter().enumerate() {
                let key_range = byte_range(&k);
                let name = key_text(k.value);
                let len = path.len();
                path.push('/');
                pointer::push_escaped(path, &name);
                let (value, child) = convert(v, path, Some(key_range), spans);
                path.truncate(len);
                let entry = union(key_range, child);
                extent = if index == 0 {
                    entry
                } else {
                    union(extent, entry)
                };
                map.insert(name, value);
            }
            (Value::Object(map), extent)
        }
    };
    spans.insert(path.clone(), NodeSpan { key, value: extent });
    (value, extent)
}

/// Mapping keys become strings the way the plain pass spells them.
fn key_text(node: Node) -> String {
    match node {
        Node::Null => "null".to_string(),
        Node::Bool(b) => b.to_string(),
        Node::Number(n) => n.to_string(),
        Node::Str(s) => s,
        Node::Seq(_) | Node::Map(_) => "<complex key>".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_1_2_scalars_stay_what_the_user_wrote() {
        let v = parse_plain("a: no\nb: on\nc: 010\nd: 2021-03-31\ne: true\nf: 1.5\n").unwrap();
        assert_eq!(v["a"], "no");
        assert_eq!(v["b"], "on");
        assert_eq!(v["c"], "010");
        assert_eq!(v["d"], "2021-03-31");
        assert_eq!(v["e"], true);
        assert_eq!(v["f"], 1.5);
    }

    #[test]
    fn both_passes_agree_and_spans_point_at_values() {
        let text = "项目:\n  名称: \"测温机器人\"\n  list: [1, two]\n";
        let plain = parse_plain(text).unwrap();
        let (spanned, spans) = parse_spanned(text).unwrap();
        assert_eq!(plain, spanned);
        let name = spans["/项目/名称"];
        let (off, len) = name.value;
        assert_eq!(&text[off..off + len], "\"测温机器人\"");
        let (koff, klen) = name.key.unwrap();
        assert_eq!(&text[koff..koff + klen], "名称");
        let (off, len) = spans["/项目/list/1"].value;
        assert_eq!(&text[off..off + len], "two");
    }

    #[test]
    fn duplicate_keys_are_rejected() {
        assert!(parse_plain("a: 1\na: 2\n").is_err());
        assert!(parse_spanned("a: 1\na: 2\n").is_err());
    }
}
