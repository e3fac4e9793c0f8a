//! YAML text → `serde_json::Value` and a JSON-pointer → span map, in one pass.
//!
//! The semantics, stated precisely:
//!
//! - YAML 1.2 core schema: only `true`/`false` are booleans (`no`, `on` stay
//!   text), `~`/`null`/empty are null, no timestamps (dates stay text);
//! - numbers with a leading zero (`010`, postal codes) and `1_000` stay text;
//!   `.inf`/`.nan` stay text (JSON has no such numbers);
//! - `<<` is an ordinary key (merge keys are YAML 1.1);
//! - duplicate keys, complex keys, non-core tags, a second document are errors;
//! - budgets on depth, nodes (aliases expanded) and aliases bound time and memory.
//!
//! Two paths give that result. [`events`] builds the tree over the events of a
//! full YAML parser and handles everything, errors included. [`block`] reads
//! only the block style that declarations are written in (mappings, lists,
//! plain, quoted and literal scalars, comments) several times faster; on
//! anything else, and on anything wrong, it steps aside for the full path.
//! Whatever the fast path accepts, the full path gives the same value and the
//! same spans: the tests compare the two on examples and on thousands of
//! mutated documents.

mod block;
mod events;

pub use super::spans::{NodeSpan, SpanMap};
pub use events::offset_of;
use serde_json::Value;

/// Nesting deeper than this is no declaration (the schema needs 4 levels).
pub const MAX_DEPTH: usize = 64;
/// Nodes (scalars + collections, aliases expanded) allowed in one document.
pub const MAX_NODES: usize = 100_000;
/// Alias references allowed in one document; declarations rarely need any.
pub const MAX_ALIASES: usize = 1_000;

/// Why a text is not a usable YAML document.
#[derive(Debug)]
pub enum YamlError {
    /// The scanner or parser rejected the text.
    Syntax(granit_parser::ScanError),
    DuplicateKey {
        key: String,
        at: (usize, usize),
    },
    MultipleDocuments {
        at: (usize, usize),
    },
    Budget {
        what: Budget,
        at: (usize, usize),
    },
    Unsupported {
        what: Unsupported,
        at: (usize, usize),
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Budget {
    Depth,
    Nodes,
    Aliases,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unsupported {
    ComplexKey,
    Tag(String),
    UnknownAnchor,
}

/// The smallest byte range (offset, length) covering both.
fn union(a: (usize, usize), b: (usize, usize)) -> (usize, usize) {
    let start = a.0.min(b.0);
    let end = (a.0 + a.1).max(b.0 + b.1);
    (start, end - start)
}

/// Parse one document.
pub fn parse(text: &str) -> Result<(Value, SpanMap), YamlError> {
    match block::parse(text) {
        Some(parsed) => Ok(parsed),
        None => events::parse(text),
    }
}

#[cfg(test)]
mod agreement_tests;
#[cfg(test)]
mod tests;
