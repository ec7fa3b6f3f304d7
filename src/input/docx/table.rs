//! A body's tables: each row's cells with the paragraphs they hold and how they merge
//! (`w:gridSpan` across columns, `w:vMerge` down rows), read beside the paragraphs.

use super::xml::{Tag, attr, number_val};
use crate::input::document::DocTable;
use crate::text::table::RawCell;
use quick_xml::events::BytesStart;
use std::ops::Range;

/// A cell being read.
struct Tc {
    /// Grid columns it spans.
    span: usize,
    /// `w:vMerge`: Some(true) starts a merged cell, Some(false) goes on with the one above.
    merge: Option<bool>,
    /// The paragraphs (numbers as counted by the body) it holds: first, and one past the
    /// last.
    paragraphs: Range<usize>,
}

/// The tables read so far and the ones open (a table may sit in a cell of another).
#[derive(Default)]
pub(super) struct Tables {
    open: Vec<Vec<Vec<Tc>>>,
    /// The tables read, their cells holding paragraph numbers.
    pub(super) done: Vec<DocTable>,
}

impl Tables {
    /// An element opens; `count` is how many paragraphs the body has seen.
    pub(super) fn open(&mut self, tag: Tag, e: &BytesStart<'_>, parent: Option<Tag>, count: usize) {
        match tag {
            Tag::Tbl => self.open.push(Vec::new()),
            Tag::Tr if parent == Some(Tag::Tbl) => {
                if let Some(t) = self.open.last_mut() {
                    t.push(Vec::new());
                }
            }
            Tag::Tc if parent == Some(Tag::Tr) => {
                if let Some(row) = self.open.last_mut().and_then(|t| t.last_mut()) {
                    row.push(Tc {
                        span: 1,
                        merge: None,
                        paragraphs: count + 1..count + 1,
                    });
                }
            }
            Tag::GridSpan if parent == Some(Tag::TcPr) => {
                if let Some(tc) = self.cell() {
                    tc.span = number_val(e).map_or(1, |n| n as usize);
                }
            }
            Tag::VMerge if parent == Some(Tag::TcPr) => {
                if let Some(tc) = self.cell() {
                    tc.merge = Some(attr(e, "val").is_some_and(|v| v.trim() == "restart"));
                }
            }
            _ => {}
        }
    }

    /// An element closes; `count` is how many paragraphs the body has seen.
    pub(super) fn close(&mut self, tag: Tag, count: usize) {
        match tag {
            Tag::Tc => {
                if let Some(tc) = self.cell() {
                    tc.paragraphs.end = count + 1;
                }
            }
            Tag::Tbl => {
                if let Some(rows) = self.open.pop() {
                    self.done.push(merged(rows));
                }
            }
            _ => {}
        }
    }

    fn cell(&mut self) -> Option<&mut Tc> {
        self.open.last_mut()?.last_mut()?.last_mut()
    }
}

/// The rows with each merged cell once: a cell that goes on with the one above is left
/// out, and the one that started the merge covers its row.
fn merged(rows: Vec<Vec<Tc>>) -> DocTable {
    // For each grid column, the cell (row, index) a merge started in, if one is going on.
    let mut started: Vec<Option<(usize, usize)>> = Vec::new();
    let mut out: Vec<Vec<RawCell<Range<usize>>>> = Vec::with_capacity(rows.len());
    for (r, row) in rows.into_iter().enumerate() {
        let mut cells = Vec::with_capacity(row.len());
        let mut column = 0;
        for tc in row {
            let span = tc.span.clamp(1, crate::text::table::MAX_COLUMNS);
            if started.len() < column + span {
                started.resize(column.saturating_add(span), None);
            }
            let above = started[column].filter(|_| tc.merge == Some(false));
            match above {
                Some((ar, ai)) => {
                    if let Some(c) = out.get_mut(ar).and_then(|row| row.get_mut(ai)) {
                        c.rows += 1;
                    }
                }
                None => {
                    let start = (tc.merge == Some(true)).then_some((r, cells.len()));
                    for s in &mut started[column..column + span] {
                        *s = start;
                    }
                    cells.push(RawCell {
                        columns: span,
                        rows: 1,
                        data: tc.paragraphs,
                    });
                }
            }
            column += span;
            if column >= crate::text::table::MAX_COLUMNS {
                break;
            }
        }
        out.push(cells);
    }
    DocTable { rows: out }
}

/// The tables with their cells' paragraph numbers turned into block indices by `index`
/// (the first block of a paragraph number or later).
pub(super) fn by_block(mut tables: Vec<DocTable>, index: impl Fn(usize) -> usize) -> Vec<DocTable> {
    for t in &mut tables {
        for c in t.rows.iter_mut().flatten() {
            c.data = index(c.data.start)..index(c.data.end);
        }
    }
    tables
}
