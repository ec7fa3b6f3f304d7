//! The ground every stage stands on: a report's text and the facts about text that
//! several stages share. Nothing here imports from another module of the crate.
//!
//! - [`source`]: [`Source`], the normalised text with the way back to the original;
//! - [`format`](mod@format): [`Format`], the kinds of file, and what a file name says
//!   of its format;
//! - [`chars`]: blanks, sentence stops and the sentence split, Han, full-width forms,
//!   a year;
//! - [`numerals`]: Chinese numerals read and written;
//! - [`markdown`]: fenced code blocks and whole-line comments;
//! - [`escape`]: text written into HTML or XML;
//! - [`literals`]: the literals a pattern's every match holds, for prefilters;
//! - [`scan`]: finding the bytes of a small set without decoding the text;
//! - [`table`]: a report's tables as cells in a grid, and the tables of a text file;
//! - [`traditional`]: traditional characters read as simplified, offsets unchanged;
//! - [`typeset`]: what a Word file says of its fonts, sizes, page and page numbers.

pub mod chars;
pub mod escape;
pub mod format;
pub mod literals;
pub mod markdown;
pub mod numerals;
pub mod scan;
pub mod source;
pub mod table;
pub mod traditional;
pub mod typeset;

pub use format::Format;
pub use source::Source;

/// A byte range in [`Source::text`], from parse to render.
pub type Span = std::ops::Range<usize>;
