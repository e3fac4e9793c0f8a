//! The call and the checks: the call profile (categories, deadline, quotas,
//! recommending bodies, attachment rules; data under `schemas/calls/`), the
//! declaration's JSON Schema, the typed declaration model, and one module per
//! check family. [`check`] runs them all over a loaded document.
//!
//! Modules depend one way: [`date`] and [`schema`] below [`call`], all three
//! below [`model`] and [`rules`].
//!
//! ```
//! use shenbao_check::{call::CallProfile, check, CheckOptions};
//! use shenbao_load::Document;
//!
//! let document = Document::from_text("shenbao.yaml", "project:\n  name: 测温机器人\n");
//! let found = check(&document, CallProfile::embedded(), CheckOptions::default());
//! assert!(found.iter().any(|d| d.code == "S001")); // required fields are missing
//! ```

pub mod call;
pub mod date;
pub mod fix;
pub mod model;
pub mod rules;
pub mod schema;

pub use rules::{check, CheckOptions};
