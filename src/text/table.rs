//! A report's tables as plain data: each cell's place in the table's grid (row, column,
//! how many rows and columns it covers, as merged cells do) and its text's place in the
//! normalised text. The .docx and HTML readers give their tables' cells (see
//! `input::document`); a text or Markdown file's tables are found here, in its lines:
//! pipe tables (「| a | b |」) and rows of cells parted by tabs.
//!
//! A table's rows are never headings of the report (the parser asks
//! [`Source::in_table`](super::source::Source::in_table)).

use super::Span;
use std::ops::Range;

/// One table of the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Its cells, row by row, each row's cells left to right. A merged cell is one cell
    /// covering several rows or columns.
    pub cells: Vec<Cell>,
    /// The number of rows and of columns of its grid.
    pub rows: usize,
    pub columns: usize,
    /// The lines (0-based, end excluded) its cells take in the text.
    pub lines: Range<usize>,
}

/// One cell of a table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// 0-based row and column of its top left corner in the table's grid.
    pub row: usize,
    pub column: usize,
    /// How many rows and columns it covers (1 and 1 unless merged).
    pub rows: usize,
    pub columns: usize,
    /// Its text in the normalised text, blanks at either end left out; an empty cell is
    /// an empty span where it stands.
    pub span: Span,
}

impl Cell {
    /// Whether the cell covers the grid's row `r` and column `c`.
    pub fn covers(&self, r: usize, c: usize) -> bool {
        (self.row..self.row + self.rows).contains(&r)
            && (self.column..self.column + self.columns).contains(&c)
    }
}

/// The widest grid a table is given: a cell beyond it is left out (a page may claim
/// any colspan; the grid stays bounded).
pub const MAX_COLUMNS: usize = 1000;

/// A cell as a reader found it: the columns and rows it spans (as written; 0 or an
/// absurd value is bounded here) and what the reader carries with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawCell<T> {
    pub columns: usize,
    pub rows: usize,
    pub data: T,
}

/// A cell placed in the grid: row, column, rows and columns covered, and its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed<T> {
    pub row: usize,
    pub column: usize,
    pub rows: usize,
    pub columns: usize,
    pub data: T,
}

/// Places the rows' cells in a grid as HTML does: each cell in the first column of its
/// row not yet covered by a cell from a row above; a row span reaches at most the last
/// row. Returns the cells placed and the grid's width.
pub fn place<T>(rows: Vec<Vec<RawCell<T>>>) -> (Vec<Placed<T>>, usize) {
    let n = rows.len();
    // For each column, how many more rows (this one included) a cell above covers.
    let mut busy: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    let mut width = 0;
    for (r, row) in rows.into_iter().enumerate() {
        let mut c = 0;
        for cell in row {
            while busy.get(c).is_some_and(|&b| b > 0) {
                c += 1;
            }
            if c >= MAX_COLUMNS {
                break;
            }
            let columns = cell.columns.clamp(1, MAX_COLUMNS - c);
            let rows = cell.rows.clamp(1, n - r);
            if busy.len() < c + columns {
                busy.resize(c + columns, 0);
            }
            busy[c..c + columns].fill(rows);
            out.push(Placed {
                row: r,
                column: c,
                rows,
                columns,
                data: cell.data,
            });
            c += columns;
            width = width.max(c);
        }
        for b in &mut busy {
            *b = b.saturating_sub(1);
        }
    }
    (out, width)
}

/// The tables of a text or Markdown file: runs of pipe rows (a line that starts with
/// `|` and holds another), a Markdown delimiter row (`|---|:--:|`) skipped; and runs of
/// lines whose cells are parted by tabs, that start with a line of two cells or more
/// holding text and go on with such lines or with a label and empty cells after it
/// (「三、办理结果」 then tabs); a line indented by a tab is a paragraph. Each line of a
/// run is a row, its cells one column each.
pub fn text_tables(text: &str) -> Vec<Table> {
    // Most reports hold neither mark.
    if memchr::memchr2(b'|', b'\t', text.as_bytes()).is_none() {
        return Vec::new();
    }
    let mut tables = Vec::new();
    // The rows of the run being read: (line, pipe, cells).
    let mut run: Vec<(usize, bool, Vec<Span>)> = Vec::new();
    let mut start = 0;
    for (i, line) in text.split('\n').enumerate() {
        let row = match pipe_row(line, start) {
            Some(cells) => Some((true, cells)),
            None => match tab_row(line, start) {
                // A label with empty cells goes on with a run of tab rows only.
                Some((cells, full)) if full || run.last().is_some_and(|r| !r.1) => {
                    Some((false, cells))
                }
                _ => None,
            },
        };
        // A run ends at a line that is no row, or a row of the other kind.
        let end_run = run
            .last()
            .is_some_and(|last| row.as_ref().is_none_or(|r| r.0 != last.1));
        if end_run {
            tables.extend(run_table(std::mem::take(&mut run)));
        }
        if let Some((pipe, cells)) = row {
            run.push((i, pipe, cells));
        }
        start += line.len() + 1;
    }
    tables.extend(run_table(run));
    tables
}

/// A run of rows as a table: pipe rows always (the delimiter rows left out), tab rows
/// from two on.
fn run_table(run: Vec<(usize, bool, Vec<Span>)>) -> Option<Table> {
    let (first, pipe, _) = run.first()?;
    if !pipe && run.len() < 2 {
        return None;
    }
    let lines = *first..run.last()?.0 + 1;
    let one = |span| RawCell {
        columns: 1,
        rows: 1,
        data: span,
    };
    let rows = run
        .into_iter()
        .filter(|(_, _, cells)| !cells.is_empty())
        .map(|(_, _, cells)| cells.into_iter().map(one).collect())
        .collect();
    Some(grid(rows, lines))
}

/// A table of cells whose data are their spans.
pub fn grid(rows: Vec<Vec<RawCell<Span>>>, lines: Range<usize>) -> Table {
    let n = rows.len();
    let (placed, columns) = place(rows);
    Table {
        cells: placed
            .into_iter()
            .map(|p| Cell {
                row: p.row,
                column: p.column,
                rows: p.rows,
                columns: p.columns,
                span: p.data,
            })
            .collect(),
        rows: n,
        columns,
        lines,
    }
}

/// The cells of a pipe row that starts at `at` (empty for a delimiter row); None for a
/// line that is no pipe row.
fn pipe_row(line: &str, at: usize) -> Option<Vec<Span>> {
    let body = line.strip_suffix('\r').unwrap_or(line);
    let lead = body.len() - body.trim_start_matches([' ', '\t']).len();
    let rest = body[lead..].strip_prefix('|')?;
    if !rest.contains('|') {
        return None;
    }
    // The row ends at its last pipe; a text after it is the last cell's.
    let inner = rest.trim_end_matches([' ', '\t']);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let base = at + lead + 1;
    let cells = split_cells(inner, base, '|');
    let delimiter = cells.iter().all(|s| {
        let t = &line[s.start - at..s.end - at];
        !t.is_empty() && t.chars().all(|c| matches!(c, '-' | ':' | ' '))
    });
    Some(if delimiter { Vec::new() } else { cells })
}

/// The cells of a row parted by tabs that starts at `at`, and whether two or more hold
/// text; None unless its first cell holds text and a tab follows, or two cells hold
/// text (a line indented by a tab has an empty first cell).
fn tab_row(line: &str, at: usize) -> Option<(Vec<Span>, bool)> {
    let body = line.strip_suffix('\r').unwrap_or(line);
    let trimmed = body.trim_start_matches(' ');
    let lead = body.len() - trimmed.len();
    let trimmed = trimmed.trim_end_matches(' ');
    if !trimmed.contains('\t') {
        return None;
    }
    let cells = split_cells(trimmed, at + lead, '\t');
    let full = cells.iter().filter(|s| !s.is_empty()).count();
    let labelled = cells.first().is_some_and(|s| !s.is_empty());
    (full >= 2 || labelled).then_some((cells, full >= 2))
}

/// `s` (starting at byte `base` of the text) parted at `mark`, each part's blanks at
/// either end left out.
fn split_cells(s: &str, base: usize, mark: char) -> Vec<Span> {
    let mut out = Vec::new();
    let mut from = 0;
    for part in s.split(mark) {
        let start = from + (part.len() - part.trim_start_matches([' ', '\t']).len());
        let end = (from + part.trim_end_matches([' ', '\t']).len()).max(start);
        out.push(base + start..base + end);
        from += part.len() + mark.len_utf8();
    }
    out
}

#[cfg(test)]
impl Table {
    /// Each cell as (row, column, rows, columns, its text in `text`).
    pub(crate) fn describe<'t>(&self, text: &'t str) -> Vec<(usize, usize, usize, usize, &'t str)> {
        let c = self.cells.iter();
        c.map(|c| (c.row, c.column, c.rows, c.columns, &text[c.span.clone()]))
            .collect()
    }
}

#[cfg(test)]
mod tests;
