//! fzlint: a linter for 法治政府建设年度报告.
//!
//! bytes → [`source::Source`] → [`parse`] → [`classify`] → [`rules`] → diagnostics →
//! [`render`]. The library never prints.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod classify;
pub mod config;
pub mod diagnostic;
pub mod fix;
pub mod input;
pub mod literals;
pub mod parse;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod vocab;
pub mod yaml;

pub use rules::engine::{Settings, lint};
pub mod render;
