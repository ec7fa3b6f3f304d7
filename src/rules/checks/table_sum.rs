//! `table-sum`: a table's numbers add up. A rule names the table (by its caption or the
//! heading it is under), and identities over its rows or columns by their labels: a
//! total equals the sum of its parts, in every column (row); two sets of rows (columns)
//! have the same sum.
//!
//! Reading a table: the cells that hold a number (Arabic digits, thousands parted by
//! commas) show where the numbers start: the rows above the first of them are the
//! header, the columns left of the leftmost are the row labels. A column's labels are
//! the header cells above it, top down (a merged cell once); a row's, the label cells
//! left of it. A cell that holds text other than a number is not read: an identity it is
//! in is not checked (so a label or a note in the wrong place never gives a finding).
//! An empty cell, or a dash, is zero when the rule says so, else it too stops the check.
//!
//! One wrong cell is one finding. A wrong cell breaks every identity it is in, so of
//! the broken identities the cell most of them share is blamed (a part counted in both
//! its row's and its column's total, rather than both totals); where they share none, a
//! sum's total, or a balance's last cell on the right. An identity broken in a column
//! (row) and in the total column (row) of a sum that holds there is one defect, reported
//! once, in the total's.

use super::{Ctx, Finding, Problem};
use crate::pack::pattern::{Compile, Matcher, Pattern};
use crate::rules::spec::{TableBalance, TableLines, TableSumItem};
use crate::text::numerals::{COUNTING, write};
use crate::text::table::Table;
use std::collections::{BTreeSet, HashSet};

/// An identity's lines: the left side's and the right side's.
type Sides = (Vec<usize>, Vec<usize>);

/// The widest grid read (rows times columns): a larger table is not checked.
const MAX_GRID: usize = 1_000_000;

/// The most findings a table gets: one with more is not the table the rule knows.
const MAX_FINDINGS: usize = 100;

/// How many lines above a table its caption may be (blank lines between).
const CAPTION_LINES: usize = 3;

/// A label: the patterns of its path, the table's own label last.
struct Label(Vec<Matcher>);

impl Label {
    fn new(
        key: &'static str,
        group: Option<&str>,
        s: &str,
        when: Compile,
    ) -> Result<Label, Problem> {
        let whole = match group {
            Some(g) => format!("{g} › {s}"),
            None => s.to_string(),
        };
        let mut parts = Vec::new();
        for p in whole.split('›').map(str::trim) {
            if p.is_empty() {
                let why = format!("标签 “{whole}” 中有空的一段（各段以 › 分隔）");
                return Err(Problem::Param(key, why));
            }
            parts.push(Pattern::new(p)?.compile(when)?);
        }
        Ok(Label(parts))
    }

    /// Whether the path of labels (top or left first) is this label's: its last pattern
    /// matches the last label, the others labels above it, in order.
    fn matches(&self, path: &[String]) -> bool {
        let (Some((last, up)), Some((own, above))) = (self.0.split_last(), path.split_last())
        else {
            return false;
        };
        if !last.re().is_match(own) {
            return false;
        }
        let mut above = above.iter();
        up.iter().all(|p| above.any(|l| p.re().is_match(l)))
    }
}

/// An identity: the left side's lines add up to the right side's.
struct Identity {
    of: TableLines,
    /// A sum: the total (left, one label) and the parts; else a balance.
    sum: bool,
    left: Vec<Label>,
    right: Vec<Label>,
}

/// The compiled check.
pub struct TableSum {
    table: Matcher,
    blank_is_zero: bool,
    identities: Vec<Identity>,
}

impl TableSum {
    pub fn new(
        table: &Pattern,
        blank_is_zero: bool,
        sums: &[TableSumItem],
        balances: &[TableBalance],
        when: Compile,
    ) -> Result<TableSum, Problem> {
        let labels = |key, group: Option<&str>, list: &[String]| {
            list.iter()
                .map(|s| Label::new(key, group, s, when))
                .collect::<Result<Vec<_>, _>>()
        };
        let groups = |g: &[String]| -> Vec<Option<String>> {
            if g.is_empty() {
                vec![None]
            } else {
                g.iter().cloned().map(Some).collect()
            }
        };
        let mut identities = Vec::new();
        for s in sums {
            if s.parts.is_empty() {
                return Err(Problem::Param("parts", "至少要有一项".into()));
            }
            for g in groups(&s.groups) {
                identities.push(Identity {
                    of: s.of,
                    sum: true,
                    left: vec![Label::new("total", g.as_deref(), &s.total, when)?],
                    right: labels("parts", g.as_deref(), &s.parts)?,
                });
            }
        }
        for b in balances {
            if b.left.is_empty() || b.right.is_empty() {
                return Err(Problem::Param("left", "两边都至少要有一项".into()));
            }
            for g in groups(&b.groups) {
                identities.push(Identity {
                    of: b.of,
                    sum: false,
                    left: labels("left", g.as_deref(), &b.left)?,
                    right: labels("right", g.as_deref(), &b.right)?,
                });
            }
        }
        Ok(TableSum {
            table: table.compile(when)?,
            blank_is_zero,
            identities,
        })
    }

    pub fn run(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut out = Vec::new();
        for (i, t) in ctx.src.tables.iter().enumerate() {
            if !t.cells.is_empty()
                && self.chosen(ctx, t)
                && let Some(view) = View::new(ctx, t)
            {
                out.extend(self.check(&view, i + 1));
            }
        }
        out
    }

    /// Whether the table's caption (a line just above it) or the heading it is under
    /// matches the rule's pattern.
    fn chosen(&self, ctx: &Ctx, t: &Table) -> bool {
        let src = ctx.src;
        let first = t.lines.start;
        let caption = (first.saturating_sub(CAPTION_LINES)..first)
            .rev()
            .map(|l| src.slice(&src.line_range(l)).trim())
            .find(|s| !s.is_empty());
        if caption.is_some_and(|c| self.table.re().is_match(c)) {
            return true;
        }
        let start = src.line_range(first).start;
        let heading = ctx
            .report
            .headings
            .iter()
            .rev()
            .find(|h| h.marker.start < start);
        heading.is_some_and(|h| {
            let line = h.marker.start..h.title.end.max(h.marker.end);
            self.table.re().is_match(src.slice(&line))
        })
    }

    /// The findings of one table (its number among the report's tables).
    fn check(&self, v: &View, number: usize) -> Vec<Finding> {
        let lines: Vec<Option<Sides>> = self.identities.iter().map(|id| v.resolve(id)).collect();
        let instances = self.instances(v, &lines);
        let failing: Vec<&Instance> = instances.iter().filter(|i| i.failing()).collect();
        let broken: HashSet<(usize, usize, &[usize])> = failing
            .iter()
            .map(|i| (i.identity, i.cross, i.left_lines.as_slice()))
            .collect();
        // An identity broken in a part line of a sum that holds, and in the sum's total
        // line too, is reported in the total's.
        let kept: Vec<&Instance> = failing
            .iter()
            .copied()
            .filter(|i| !self.spoken_for(i, &broken, &lines))
            .collect();
        blame(&kept)
            .into_iter()
            .map(|(cell, inst)| self.finding(v, number, cell, inst))
            .collect()
    }

    /// Every identity checked in every line across it.
    fn instances(&self, v: &View, lines: &[Option<Sides>]) -> Vec<Instance> {
        let mut out = Vec::new();
        for (k, id) in self.identities.iter().enumerate() {
            let Some((left, right)) = lines[k].clone() else {
                continue;
            };
            let right: Vec<usize> = right.into_iter().filter(|l| !left.contains(l)).collect();
            for x in v.crosses(id.of) {
                let sides: Vec<Vec<usize>> = match id.sum {
                    true => left.iter().map(|&t| vec![t]).collect(),
                    false => vec![left.clone()],
                };
                for l in sides {
                    out.push(Instance::new(v, self.blank_is_zero, k, id, x, l, &right));
                }
            }
        }
        out
    }

    /// Whether a broken instance is spoken for by the same identity broken in the total
    /// line of a sum across it that holds in every line the instance adds.
    fn spoken_for(
        &self,
        i: &Instance,
        broken: &HashSet<(usize, usize, &[usize])>,
        lines: &[Option<Sides>],
    ) -> bool {
        let of = self.identities[i.identity].of;
        let key = i.left_lines.as_slice();
        self.identities.iter().enumerate().any(|(k, s)| {
            let Some((totals, parts)) = lines[k].as_ref().filter(|_| s.sum && s.of != of) else {
                return false;
            };
            parts.contains(&i.cross)
                && totals
                    .iter()
                    .any(|&t| t != i.cross && broken.contains(&(i.identity, t, key)))
                && !i.left_lines.iter().chain(&i.right_lines).any(|&y| {
                    totals
                        .iter()
                        .any(|t| broken.contains(&(k, y, std::slice::from_ref(t))))
                })
        })
    }

    fn finding(&self, v: &View, number: usize, cell: usize, i: &Instance) -> Finding {
        let c = &v.table.cells[cell];
        let value = v.values[cell].number().unwrap_or(0);
        let on_left = i.left.contains(&Some(cell));
        let id = &self.identities[i.identity];
        let (variant, expected) = if id.sum && on_left {
            (None, i.right_sum)
        } else if id.sum {
            (Some("part"), fill(value, i.left_sum, i.right_sum))
        } else if on_left {
            (Some("balance"), fill(value, i.right_sum, i.left_sum))
        } else {
            (Some("balance"), fill(value, i.left_sum, i.right_sum))
        };
        let names = |lines: &[usize]| {
            let names: Vec<String> = lines.iter().map(|&l| v.line_name(id.of, l)).collect();
            names.join("+")
        };
        let (row, column) = (c.row, c.column);
        let table = format!("第{}张表", write(number as u32, &COUNTING));
        let f = Finding::at(c.span.clone())
            .var("table", table)
            .var("row", v.row_name(row))
            .var("row_number", (row + 1).to_string())
            .var("column", v.column_name(column))
            .var("column_number", (column + 1).to_string())
            .var("value", value.to_string())
            .var("total", i.left_sum.to_string())
            .var("sum", i.right_sum.to_string())
            .var("expected", expected.to_string())
            .var("left", names(&i.left_lines))
            .var("right", names(&i.right_lines));
        Finding { variant, ..f }
    }
}

/// The value a cell needs for its side to reach `want` from `have` (saturating: the
/// numbers are the file's).
fn fill(value: i64, want: i64, have: i64) -> i64 {
    value.saturating_add(want.saturating_sub(have))
}

/// An identity checked in one line across it: its cells (None where a row is short)
/// and the sums of both sides, when every cell is read.
struct Instance {
    identity: usize,
    /// A sum's (its left side one total), not a balance's.
    sum: bool,
    /// The line across (a column for an identity of rows) it is checked in.
    cross: usize,
    /// The lines it adds, each side.
    left_lines: Vec<usize>,
    right_lines: Vec<usize>,
    left: Vec<Option<usize>>,
    right: Vec<Option<usize>>,
    left_sum: i64,
    right_sum: i64,
    /// Every cell was read as a number (or a blank read as zero).
    read: bool,
}

impl Instance {
    fn new(
        v: &View,
        blank_is_zero: bool,
        identity: usize,
        id: &Identity,
        cross: usize,
        left_lines: Vec<usize>,
        right_lines: &[usize],
    ) -> Instance {
        let cells = |lines: &[usize]| -> Vec<Option<usize>> {
            let mut seen = BTreeSet::new();
            lines
                .iter()
                .map(|&l| v.cell_at(id.of, l, cross))
                .filter(|c| c.is_none_or(|c| seen.insert(c)))
                .collect()
        };
        let left = cells(&left_lines);
        let mut right = cells(right_lines);
        // A merged cell on both sides is the left's.
        right.retain(|c| c.is_none() || !left.contains(c));
        let mut read = true;
        let mut sum = |side: &[Option<usize>]| -> i64 {
            let mut total: i64 = 0;
            for c in side {
                let value = c.map_or(Value::Blank, |c| v.values[c]);
                match value {
                    Value::Number(n) => total = total.saturating_add(n),
                    Value::Blank if blank_is_zero => {}
                    _ => read = false,
                }
            }
            total
        };
        let (left_sum, right_sum) = (sum(&left), sum(&right));
        Instance {
            identity,
            sum: id.sum,
            cross,
            left_lines,
            right_lines: right_lines.to_vec(),
            left,
            right,
            left_sum,
            right_sum,
            read,
        }
    }

    fn failing(&self) -> bool {
        self.read && self.left_sum != self.right_sum
    }

    fn cells(&self) -> impl Iterator<Item = usize> + '_ {
        self.left.iter().chain(&self.right).flatten().copied()
    }

    /// The cell blamed when nothing else tells: a sum's total, a balance's last cell
    /// on the right.
    fn default_cell(&self) -> Option<usize> {
        match self.sum {
            true => self.left.first().copied().flatten(),
            false => self.right.iter().rev().find_map(|c| *c),
        }
    }
}

/// The cells to blame, each with the broken instance its finding tells of: the cell in
/// most broken instances first (then the one an instance blames when nothing else
/// tells, then the first in the table), until every broken instance has a cell blamed.
fn blame<'a>(failing: &[&'a Instance]) -> Vec<(usize, &'a Instance)> {
    let mut count: std::collections::BTreeMap<usize, usize> = Default::default();
    for i in failing {
        for c in i.cells() {
            *count.entry(c).or_default() += 1;
        }
    }
    let mut left: Vec<&Instance> = failing.to_vec();
    let mut out = Vec::new();
    while !left.is_empty() && out.len() < MAX_FINDINGS {
        let defaults: BTreeSet<usize> = left.iter().filter_map(|i| i.default_cell()).collect();
        let best = left
            .iter()
            .flat_map(|i| i.cells())
            .max_by_key(|&c| (count[&c], defaults.contains(&c), std::cmp::Reverse(c)));
        let Some(cell) = best else { break };
        // The instance told of: one where the cell is a sum's total, else any.
        let holding = left.iter().filter(|i| i.cells().any(|c| c == cell));
        let told = holding
            .clone()
            .find(|i| i.sum && i.left.first() == Some(&Some(cell)))
            .or_else(|| holding.clone().find(|i| i.sum))
            .or_else(|| holding.clone().next());
        if let Some(told) = told {
            out.push((cell, *told));
        }
        left.retain(|i| !i.cells().any(|c| c == cell));
    }
    out.sort_by_key(|(c, _)| *c);
    out
}

/// A cell as a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Value {
    Number(i64),
    /// Empty, or a dash.
    Blank,
    /// Anything else.
    Text,
}

impl Value {
    /// The cell's text, blanks left out.
    fn read(s: &str) -> Value {
        if s.is_empty() || matches!(s, "—" | "——" | "-" | "--" | "–" | "/" | "\\") {
            return Value::Blank;
        }
        let (neg, digits) = match s.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, s),
        };
        let mut groups = digits.split(',');
        let first = groups.next().unwrap_or("");
        let rest: Vec<&str> = groups.collect();
        let all_digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
        let grouped = rest.is_empty()
            || ((1..=3).contains(&first.len()) && rest.iter().all(|g| g.len() == 3));
        if !all_digits(first) || !rest.iter().all(|g| all_digits(g)) || !grouped {
            return Value::Text;
        }
        let plain: String = digits.chars().filter(|&c| c != ',').collect();
        match plain.parse::<i64>() {
            Ok(n) => Value::Number(if neg { -n } else { n }),
            Err(_) => Value::Text,
        }
    }

    fn number(self) -> Option<i64> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }
}

/// A table read for its numbers.
struct View<'a> {
    table: &'a Table,
    /// The cell covering each place of the grid, row by row.
    grid: Vec<Option<usize>>,
    values: Vec<Value>,
    /// Header rows, and label columns.
    head: usize,
    lead: usize,
    /// The labels of each column (from `lead` on) and of each row (from `head` on).
    columns: Vec<Vec<String>>,
    rows: Vec<Vec<String>>,
    /// Labels every column's path starts with (shown once for the table, not per column).
    common: usize,
}

impl<'a> View<'a> {
    fn new(ctx: &Ctx, t: &'a Table) -> Option<View<'a>> {
        if t.rows.checked_mul(t.columns)? > MAX_GRID {
            return None;
        }
        let mut grid = vec![None; t.rows * t.columns];
        for (i, c) in t.cells.iter().enumerate() {
            for r in c.row..(c.row + c.rows).min(t.rows) {
                for col in c.column..(c.column + c.columns).min(t.columns) {
                    grid[r * t.columns + col] = Some(i);
                }
            }
        }
        let texts: Vec<String> = t
            .cells
            .iter()
            .map(|c| {
                ctx.src
                    .slice(&c.span)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect()
            })
            .collect();
        let values: Vec<Value> = texts.iter().map(|s| Value::read(s)).collect();
        let numbers = t
            .cells
            .iter()
            .zip(&values)
            .filter(|(_, v)| v.number().is_some());
        let head = numbers.clone().map(|(c, _)| c.row).min()?;
        let lead = numbers.map(|(c, _)| c.column).min()?;
        let path = |places: &mut dyn Iterator<Item = usize>| -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            let mut last = None;
            for place in places {
                let Some(cell) = grid[place] else { continue };
                // A merged cell once; a label a plain table repeats over the cells a
                // merged one would cover, once too.
                let repeated = out.last() == Some(&texts[cell]);
                if last != Some(cell) && !texts[cell].is_empty() && !repeated {
                    out.push(texts[cell].clone());
                }
                last = Some(cell);
            }
            out
        };
        let columns: Vec<Vec<String>> = (lead..t.columns)
            .map(|c| path(&mut (0..head).map(|r| r * t.columns + c)))
            .collect();
        let rows = (head..t.rows)
            .map(|r| path(&mut (0..lead).map(|c| r * t.columns + c)))
            .collect();
        let common = (0..)
            .take_while(|&k| {
                let first = columns.first().and_then(|p| p.get(k));
                first.is_some() && columns.iter().all(|p| p.len() > k + 1 && p.get(k) == first)
            })
            .count();
        Some(View {
            table: t,
            grid,
            values,
            head,
            lead,
            columns,
            rows,
            common,
        })
    }

    /// The lines of a kind (rows from the head on, columns from the lead on), with
    /// their labels.
    fn lines(&self, of: TableLines) -> (usize, &[Vec<String>]) {
        match of {
            TableLines::Rows => (self.head, &self.rows),
            TableLines::Columns => (self.lead, &self.columns),
        }
    }

    /// The lines across an identity of `of`: the columns of numbers for one of rows,
    /// the rows below the header for one of columns.
    fn crosses(&self, of: TableLines) -> std::ops::Range<usize> {
        match of {
            TableLines::Rows => self.lead..self.table.columns,
            TableLines::Columns => self.head..self.table.rows,
        }
    }

    /// An identity's lines, left and right, each label matching one at least; None when
    /// a label matches none (the table is not the one the rule expects).
    fn resolve(&self, id: &Identity) -> Option<Sides> {
        let (from, paths) = self.lines(id.of);
        let side = |labels: &[Label]| -> Option<Vec<usize>> {
            let mut out: Vec<usize> = Vec::new();
            for l in labels {
                let found: Vec<usize> = (paths.iter().enumerate())
                    .filter(|(_, p)| l.matches(p))
                    .map(|(i, _)| from + i)
                    .collect();
                if found.is_empty() {
                    return None;
                }
                let new: Vec<usize> = found.into_iter().filter(|f| !out.contains(f)).collect();
                out.extend(new);
            }
            Some(out)
        };
        Some((side(&id.left)?, side(&id.right)?))
    }

    /// The cell at line `line` of kind `of`, in the line across `cross`.
    fn cell_at(&self, of: TableLines, line: usize, cross: usize) -> Option<usize> {
        let (r, c) = match of {
            TableLines::Rows => (line, cross),
            TableLines::Columns => (cross, line),
        };
        self.grid[r * self.table.columns + c]
    }

    /// A column's labels as a message shows them: the labels every column shares left
    /// out, the others joined by ›.
    fn column_name(&self, c: usize) -> String {
        let labels = c.checked_sub(self.lead).and_then(|k| self.columns.get(k));
        labels.map_or(String::new(), |p| p[self.common.min(p.len())..].join("›"))
    }

    /// A row's own label.
    fn row_name(&self, r: usize) -> String {
        let labels = r.checked_sub(self.head).and_then(|k| self.rows.get(k));
        labels.and_then(|p| p.last()).cloned().unwrap_or_default()
    }

    fn line_name(&self, of: TableLines, line: usize) -> String {
        match of {
            TableLines::Rows => self.row_name(line),
            TableLines::Columns => self.column_name(line),
        }
    }
}

#[cfg(test)]
mod tests;
