//! shenbao (申报): validate, render and package applications for MIIT's 2021
//! call for new-type information-consumption demonstration projects.
//!
//! Data flows one way: [`declaration`] loads a file into a spanned document,
//! [`rules`] checks it against the [`call`] profile and produces
//! [`diagnostic::Diagnostic`]s, [`report`] renders them. [`cli`] and [`commands`] wire this to the command line.

pub mod atomic;
pub mod call;
pub mod cli;
pub mod commands;
pub mod date;
pub mod declaration;
pub mod diagnostic;
pub mod dossier;
pub mod form;
pub mod inputs;
pub mod intake;
pub mod recommend;
pub mod report;
pub mod rules;
