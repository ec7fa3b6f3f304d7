//! A report read from a structured format (Word .docx, an HTML page): its text blocks in
//! reading order, with where each came from, before it becomes a [`Source`].
//!
//! The readers ([`super::docx`], [`super::html`]) produce a [`Document`]; [`Document::into_source`]
//! joins the blocks into one text, one block per line, and keeps a map from each line
//! back to the block, so diagnostics can name the paragraph (第N段) and the element.

use crate::text::Format;
use crate::text::source::{Emphasis, Location, Note, Source};
use crate::text::table::{RawCell, Table, grid};
use crate::text::typeset::Typeset;
use std::ops::Range;

/// What a reader found in a structured file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The text blocks in reading order.
    pub blocks: Vec<Block>,
    /// The publication date given by the file's metadata (an HTML page's `PubDate`
    /// meta or its 发布时间 line), as written there, e.g. "2025-03-28".
    pub published: Option<String>,
    /// The page title given by metadata (`ArticleTitle`, `<title>`), when there is one.
    pub title: Option<String>,
    /// The encoding the bytes were read in ("UTF-8" for .docx, whatever the page
    /// declared or the detector found for HTML).
    pub encoding: &'static str,
    /// The format, shown by `outline` and used by rules that depend on it.
    pub format: Format,
    /// The blocks (by index in `blocks`) whose formatting makes them look like headings
    /// (Word's heading styles, a paragraph bold throughout); the others are plain.
    pub emphasis: Vec<(usize, Emphasis)>,
    /// The blocks (by index in `blocks`) whose number in front is Word's automatic
    /// numbering.
    pub auto_numbered: Vec<usize>,
    /// Review comments (Word's), each on the paragraphs it is attached to.
    pub comments: Vec<Comment>,
    /// A Word file's formatting, one paragraph per block, when it has a styles part.
    pub typeset: Option<Typeset>,
    /// The tables, in reading order, each as its rows of cells.
    pub tables: Vec<DocTable>,
}

/// A table as a reader found it: its rows, each row's cells left to right (a cell that
/// a merged cell above covers is left out), each cell holding its blocks by index in
/// [`Document::blocks`] (an empty range at the next block's index for a cell without any).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocTable {
    pub rows: Vec<Vec<RawCell<Range<usize>>>>,
}

/// A review comment: the first and last paragraph it is attached to (numbered as
/// [`Block::paragraph`]) and its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comment {
    pub first: usize,
    pub last: usize,
    pub text: String,
}

/// One paragraph, table-cell paragraph, list item or heading.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Block {
    /// The text as the reader of the file sees it, automatic numbering included (Word's
    /// "一、" or "(1)" generated from numbering.xml is put in front). Line breaks inside
    /// a block (Word's Shift+Enter, HTML's `<br>`) are `\n`.
    pub text: String,
    /// 1-based position of the block among the file's paragraphs, as the user counts
    /// them (Word: every `w:p` of the body in order, table cells and text boxes
    /// included, empty ones too; HTML: every block element of the extracted body).
    pub paragraph: usize,
    /// The element the block came from: "w:p", "w:tc" (a paragraph in a table cell),
    /// "w:txbxContent" (a text box); for HTML the tag name ("p", "td", "h2", "li", "div").
    pub element: String,
}

impl Document {
    /// Joins the blocks into a [`Source`] named `name`, one block per line, with the
    /// way back from every line to its block.
    pub fn into_source(self, name: impl Into<String>) -> Source {
        let mut text = String::new();
        let mut first_lines = Vec::with_capacity(self.blocks.len());
        let mut line = 0;
        for (i, b) in self.blocks.iter().enumerate() {
            if i > 0 {
                text.push('\n');
                line += 1;
            }
            first_lines.push(line);
            // A carriage return would split lines differently once normalised: make
            // every break a plain line feed, so the count here is the Source's.
            for c in b.text.chars() {
                let c = if c == '\r' { '\n' } else { c };
                if c == '\n' {
                    line += 1;
                }
                text.push(c);
            }
        }
        // A comment's paragraphs as lines: from the first line of its first block to
        // the last line of its last (blocks are in paragraph order).
        let last_line = |i: usize| first_lines.get(i + 1).map_or(line, |&next| next - 1);
        let block_at = |p: usize| self.blocks.partition_point(|b| b.paragraph < p);
        let notes = self
            .comments
            .iter()
            .filter_map(|c| {
                let (a, b) = (block_at(c.first), block_at(c.last + 1).checked_sub(1)?);
                (a <= b && b < self.blocks.len()).then(|| Note {
                    lines: first_lines[a]..=last_line(b),
                    text: c.text.clone(),
                })
            })
            .collect();
        let mut src = Source::from_string(name, text);
        let tables = (self.tables.into_iter())
            .filter_map(|t| table_in(&src, t, &first_lines, line))
            .collect();
        src.set_tables(tables);
        src.notes = notes;
        src.encoding = self.encoding;
        src.format = self.format;
        src.published_meta = self.published;
        src.title_meta = self.title;
        src.typeset = self.typeset.map(Box::new);
        let mut locations: Vec<Location> = self
            .blocks
            .into_iter()
            .zip(first_lines)
            .map(|(b, first_line)| Location {
                first_line,
                paragraph: b.paragraph,
                element: b.element,
                emphasis: Emphasis::Plain,
                auto_number: false,
            })
            .collect();
        for (i, e) in self.emphasis {
            if let Some(l) = locations.get_mut(i) {
                l.emphasis = e;
            }
        }
        for i in self.auto_numbered {
            if let Some(l) = locations.get_mut(i) {
                l.auto_number = true;
            }
        }
        src.locations = Some(locations);
        src
    }
}

/// A table's cells placed in the text: each cell's span runs over its blocks' lines,
/// blanks at either end left out. `first_lines` holds each block's first line, `last`
/// the text's last line. None for a table without blocks.
fn table_in(src: &Source, t: DocTable, first_lines: &[usize], last: usize) -> Option<Table> {
    let text = &src.text;
    let line_of = |b: usize| first_lines.get(b).copied();
    let start_of = |b: usize| line_of(b).map_or(text.len(), |l| src.line_range(l).start);
    // The line after block `b`.
    let after = |b: usize| first_lines.get(b + 1).map_or(last + 1, |&n| n);
    let mut lines: Option<Range<usize>> = None;
    let rows = t
        .rows
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|mut c| {
                    c.data = if c.data.is_empty() {
                        let at = start_of(c.data.start);
                        at..at
                    } else {
                        let (first, last_block) = (c.data.start, c.data.end - 1);
                        // Both ends are blocks with lines (a cell's blocks are).
                        if let Some(a) = line_of(first)
                            && line_of(last_block).is_some()
                        {
                            let l = lines.get_or_insert(a..after(last_block));
                            l.start = l.start.min(a);
                            l.end = l.end.max(after(last_block));
                        }
                        let end = src.line_range(after(last_block).saturating_sub(1)).end;
                        trim(text, start_of(first)..end)
                    };
                    c
                })
                .collect()
        })
        .collect();
    Some(grid(rows, lines?))
}

/// `span` without blanks at either end.
fn trim(text: &str, span: Range<usize>) -> Range<usize> {
    let s = &text[span.clone()];
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.start + s.trim_end().len();
    start..end.max(start)
}

#[cfg(test)]
impl Document {
    /// The blocks' texts.
    pub(crate) fn texts(&self) -> Vec<&str> {
        self.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    /// The blocks as (paragraph, element, text).
    pub(crate) fn rows(&self) -> Vec<(usize, &str, &str)> {
        let blocks = self.blocks.iter();
        blocks
            .map(|b| (b.paragraph, b.element.as_str(), b.text.as_str()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_lines_with_the_way_back() {
        // A carriage return inside a block is a line break of its own.
        let block = |text: &str, paragraph| Block {
            text: text.into(),
            paragraph,
            element: "w:p".into(),
        };
        let doc = Document {
            blocks: vec![block("(一)标题", 1), block("甲乙\r丙丁", 3), block("", 4)],
            format: Format::Docx,
            encoding: "UTF-8",
            title: Some("标题".into()),
            ..Document::default()
        };
        let s = doc.into_source("a.docx");
        assert_eq!(s.text, "(一)标题\n甲乙\n丙丁\n");
        assert_eq!(
            (s.format, s.encoding, s.title_meta.as_deref()),
            (Format::Docx, "UTF-8", Some("标题"))
        );
        let firsts: Vec<(usize, usize)> = s
            .locations
            .iter()
            .flatten()
            .map(|l| (l.first_line, l.paragraph))
            .collect();
        assert_eq!(firsts, [(0, 1), (1, 3), (3, 4)]);
        assert_eq!(s.line_count(), 4);
    }
}
