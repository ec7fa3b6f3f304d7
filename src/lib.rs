//! fzlint: a linter for 法治政府建设年度报告.
//!
//! bytes → [`input`] → [`text::Source`] → [`parse`] → [`classify`] → [`analyse`] →
//! [`rules`] → diagnostics → [`render`]. The library never prints.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod analyse;
pub mod baseline;
pub mod classify;
pub mod config;
pub mod diagnostic;
pub mod fix;
pub mod input;
pub mod pack;
pub mod parse;
pub mod render;
pub mod resolve;
pub mod rules;
pub mod suppress;
pub mod text;

#[cfg(test)]
mod testing;

pub use analyse::Settings;
pub use rules::engine::lint;
