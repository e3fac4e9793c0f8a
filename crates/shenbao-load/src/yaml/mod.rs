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
//! mutated documents, and the `yaml_paths` fuzz target on whatever
//! coverage-guided fuzzing finds ([`differential`], docs/security.md).
//!
//! A debug-build switch does the same on every load: with
//! `SHENBAO_CHECK_YAML_PATHS=1` in the environment ([`CHECK_PATHS_ENV`]), a
//! build with debug assertions (tests, `cargo run`, the fuzz targets) runs
//! both paths on every text [`parse`] is given and panics if the fast path
//! took it and the full path disagrees. Release builds ignore the variable.

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
    #[cfg(debug_assertions)]
    check_paths(text);
    match block::parse(text) {
        Some(parsed) => Ok(parsed),
        None => events::parse(text),
    }
}

/// The environment variable that makes a debug build compare the two paths
/// on every load (set it to `1`); see the module documentation.
pub const CHECK_PATHS_ENV: &str = "SHENBAO_CHECK_YAML_PATHS";

/// With [`CHECK_PATHS_ENV`] set to `1`: both paths on `text`, and a panic if
/// they disagree.
#[cfg(debug_assertions)]
fn check_paths(text: &str) {
    if std::env::var_os(CHECK_PATHS_ENV).is_some_and(|v| v == "1") {
        if let Err(disagreement) = differential(text) {
            panic!("{CHECK_PATHS_ENV}: {disagreement}\n{text:?}");
        }
    }
}

/// How the fast path and the full path disagreed on a text the fast path
/// took ([`differential`]).
#[derive(Debug)]
pub enum Disagreement {
    /// The full path rejects what the fast path took.
    FullRejects(YamlError),
    /// The values differ (as JSON, keys in document order).
    Values { fast: String, full: String },
    /// The values agree but the spans differ.
    Spans { fast: SpanMap, full: SpanMap },
}

impl std::fmt::Display for Disagreement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Disagreement::FullRejects(err) => {
                write!(f, "the fast path took what the full path rejects ({err:?})")
            }
            Disagreement::Values { fast, full } => {
                write!(f, "the values differ:\n fast {fast}\n full {full}")
            }
            Disagreement::Spans { fast, full } => {
                write!(f, "the spans differ:\n fast {fast:?}\n full {full:?}")
            }
        }
    }
}

/// Both paths on one text. `Ok(true)`: the fast path took it and the full
/// path gives the same value, with its keys in the same order, and the same
/// spans. `Ok(false)`: the fast path stepped aside (the full path alone
/// decides, which is always allowed). `Err`: they disagree, which is a bug.
///
/// ```
/// use shenbao_load::yaml::differential;
///
/// // Block style: the fast path takes it, and the full path agrees.
/// assert!(differential("project:\n  name: 测温机器人\n  tags:\n  - a\n").unwrap());
/// // A flow list is the full path's alone.
/// assert!(!differential("tags: [a, b]\n").unwrap());
/// // So is anything wrong.
/// assert!(!differential("a: 1\na: 2\n").unwrap());
/// ```
pub fn differential(text: &str) -> Result<bool, Disagreement> {
    let Some((fast_value, fast_spans)) = block::parse(text) else {
        return Ok(false);
    };
    let (full_value, full_spans) = events::parse(text).map_err(Disagreement::FullRejects)?;
    // As text: `Value`'s equality ignores the order of keys.
    let (fast, full) = (fast_value.to_string(), full_value.to_string());
    if fast != full {
        return Err(Disagreement::Values { fast, full });
    }
    if fast_spans != full_spans {
        return Err(Disagreement::Spans {
            fast: fast_spans,
            full: full_spans,
        });
    }
    Ok(true)
}

#[cfg(test)]
mod agreement_tests;
#[cfg(test)]
mod tests;
