//! shenbao (申报): the command line on top of the library crates. Data flows
//! one way: `shenbao_load` reads a file into a spanned document,
//! `shenbao_check` checks it against the call profile, `shenbao_form` renders
//! the printable form, `shenbao_dossier` packages and verifies, and
//! `shenbao_office` serves recommending offices. This crate owns what only a
//! command line needs: flags ([`cli`]), the commands ([`commands`]), printing
//! ([`report`]), walking folders ([`inputs`]), writing outputs ([`atomic`]),
//! the [`registry`] of every family's rules, and the generator of the
//! declaration's field reference and template from its one source ([`shape`]).

pub mod atomic;
pub mod cli;
pub mod commands;
pub mod console;
pub mod diags;
pub mod inputs;
pub mod password;
pub mod registry;
pub mod report;
pub mod shape;
