//! The report as fzlint understands it: a flat stream of blocks plus the heading tree.
//! Spans are byte ranges into [`crate::text::source::Source::text`]. No pest types here.

use crate::text::Span;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// Web page furniture: breadcrumbs, metadata stamps, share and print widgets.
    Furniture,
    /// A short line in the head of the page that is neither title nor furniture
    /// (a site name, a repeated title).
    Head,
    Title,
    Salutation,
    Paragraph,
    /// Index into [`Report::headings`].
    Heading(usize),
    Closing,
    Signature,
    DateLine,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
    /// 0-based line of the block's start.
    pub line: usize,
    /// Whether the block starts its line (inline headings do not).
    pub starts_line: bool,
}

/// The separator form of a heading marker, kept for numbering-style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerForm {
    /// 一、
    CnComma,
    /// (一)
    CnParen,
    /// 一) or (一: a level-2 marker that lost one bracket.
    CnParenBroken,
    /// 1.
    ArDot,
    /// 1、
    ArComma,
    /// (1)
    ArParen,
    /// A heading without a number (its number is 0): a Markdown `#` heading without a
    /// Chinese number, or a short line of its own that heads a part (`parse/bare.rs`).
    Hash,
}

#[derive(Debug, Clone)]
pub struct Heading {
    pub block: usize,
    /// 1 for 一、, 2 for (一), 3 for 1., 4 for (1).
    pub level: u8,
    pub number: u32,
    pub form: MarkerForm,
    pub marker: Span,
    /// Blank space between the marker and the title.
    pub space: Option<Span>,
    /// The title, without the sentence mark that ends it.
    pub title: Span,
    /// The mark ending the title (。!?), if any.
    pub terminator: Option<Span>,
    /// Run-in text after the title, in the same block (may be empty).
    pub body: Span,
    /// Index of the parent heading.
    pub parent: Option<usize>,
    /// The heading was found inside running text (a report that is one line).
    pub inline: bool,
}

impl Heading {
    /// A heading line that carries no sentence of its own.
    pub fn title_only(&self) -> bool {
        self.body.is_empty()
    }
}

/// How a date was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateForm {
    /// 2024年2月27日; `padded` when a month or day has a leading zero.
    CnArabic { padded: bool },
    /// 2024-02-27, 2024.2.27, 2024/2/27.
    Separated,
    /// 二〇二四年二月二十七日.
    CnNumerals,
}

#[derive(Debug, Clone)]
pub struct DateRef {
    pub span: Span,
    pub year: u32,
    pub month: u32,
    pub day: u32,
    pub form: DateForm,
}

impl DateRef {
    /// The date with its span moved on by `by` bytes (from a slice's offsets to the
    /// text's).
    pub(crate) fn shifted(mut self, by: usize) -> DateRef {
        self.span = self.span.start + by..self.span.end + by;
        self
    }
}

/// A `key:value` pair of page metadata (发布时间:2025-01-13).
#[derive(Debug, Clone)]
pub struct Meta {
    pub key: String,
    pub span: Span,
    pub date: Option<DateRef>,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub blocks: Vec<Block>,
    pub headings: Vec<Heading>,
    pub title: Option<usize>,
    pub salutation: Option<usize>,
    /// Paragraph blocks between the title (or salutation) and the first heading.
    pub preamble: Vec<usize>,
    pub closing: Option<usize>,
    /// The 成文 date: a date-only line after the body.
    pub signature_date: Option<DateRef>,
    pub meta: Vec<Meta>,
    /// Headings start lines (true) or run inline in long lines (false).
    pub line_mode: bool,
    /// 一是 / 二是 … items inside paragraphs: (block, number, marker span).
    pub enumerations: Vec<(usize, u32, Span)>,
}

impl Report {
    /// Blocks that belong to the report's own text (not page furniture).
    pub fn text_blocks(&self) -> impl Iterator<Item = (usize, &Block)> {
        self.blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| !matches!(b.kind, BlockKind::Furniture | BlockKind::Head))
    }

    /// The block range (exclusive end) covered by heading `h` and its descendants.
    pub fn section_blocks(&self, h: usize) -> Range<usize> {
        let head = &self.headings[h];
        let end = self.headings[h + 1..]
            .iter()
            .find(|o| o.level <= head.level)
            .map_or(self.blocks.len(), |o| o.block);
        head.block..end
    }

    /// The last heading at or before block `b` (whose section holds it).
    pub fn heading_of_block(&self, b: usize) -> Option<usize> {
        self.headings
            .partition_point(|h| h.block <= b)
            .checked_sub(1)
    }
}
