//! The signed dossier: a BagIt bag (RFC 8493) inside a ZIP, signed with
//! minisign (our own [`minisign`] module), that `verify` checks without extracting. Format and manual check:
//! docs/dossier-format.md.

pub mod bag;
pub mod central;
pub mod diags;
pub mod keys;
pub mod minisign;
pub mod package;
pub mod verify;
