//! The ground every stage stands on: a report's text and the facts about text that
//! several stages share. Nothing here imports from another module of the crate.

pub mod chars;
pub mod format;
pub mod literals;
pub mod scan;
pub mod source;

pub use format::Format;
pub use source::Source;

/// A byte range in [`Source::text`], from parse to render.
pub type Span = std::ops::Range<usize>;
