//! The tables of the report's body: each `tr`'s cells (`td`, `th`) in order, with their
//! `colspan` and `rowspan` and the text blocks they hold.

use super::blocks::{Node, RawBlock};
use crate::input::document::DocTable;
use crate::text::table::RawCell;
use std::collections::BTreeMap;
use std::ops::Range;

/// A table's rows by their `tr` node, each row's cells in page order.
type Rows = BTreeMap<usize, Vec<RawCell<Range<usize>>>>;

/// The tables that hold a block of `chosen` (indices of `blocks`, in order), their cells
/// holding indices of `chosen`.
pub(super) fn tables(nodes: &[Node], blocks: &[RawBlock], chosen: &[usize]) -> Vec<DocTable> {
    // The chosen blocks of each cell, as a range of indices of `chosen`.
    let mut held: BTreeMap<usize, Range<usize>> = BTreeMap::new();
    for (i, &k) in chosen.iter().enumerate() {
        if let Some(cell) = nodes[blocks[k].owner].cell {
            let r = held.entry(cell).or_insert(i..i);
            r.end = i + 1;
        }
    }
    // Every cell of those tables, empty ones too, by table and row (in page order).
    let mut rows: BTreeMap<usize, Rows> = (held.keys())
        .filter_map(|&c| Some((nodes[c].table?, BTreeMap::new())))
        .collect();
    for (id, n) in nodes.iter().enumerate() {
        let (Some(t), Some(row)) = (n.table, n.row) else {
            continue;
        };
        // Cells only, and not one whose row is another table's (a broken page).
        if n.cell != Some(id) || nodes[row].table != Some(t) {
            continue;
        }
        let Some(table) = rows.get_mut(&t) else {
            continue;
        };
        let data = held.get(&id).cloned().unwrap_or_else(|| {
            let at = chosen.partition_point(|&k| k < n.first_block);
            at..at
        });
        table.entry(row).or_default().push(RawCell {
            columns: n.spans.0,
            rows: n.spans.1,
            data,
        });
    }
    rows.into_values()
        .map(|t| DocTable {
            rows: t.into_values().collect(),
        })
        .collect()
}
