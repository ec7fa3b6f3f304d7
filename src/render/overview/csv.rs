//! The overview as CSV: one row per report for a spreadsheet.

use super::copies::{copied_with, percent};
use super::reading::{
    contents, failure, lateness, packs_of, published, rule_counts, severity_counts, title, year,
};
use super::submitted::View;
use super::verdict::decide;
use super::{Batch, Entry};
use crate::pack::overview::Overview;

/// The columns before the contents.
const HEAD: [&str; 5] = ["文件", "标题", "报告年度", "公开日期", "逾期"];

/// The columns after the contents. Scripts read them by place: new ones are added at
/// the end.
const TAIL: [&str; 12] = [
    "错误",
    "警告",
    "提示",
    "规则",
    "无法读取",
    "审核结论",
    "结论依据",
    "报送单位",
    "匹配依据",
    "审核意见文件",
    "内容雷同",
    "规则说明",
];

/// The places of [`TAIL`]'s columns among themselves.
const ERRORS: usize = 0;
const WARNINGS: usize = 1;
const INFOS: usize = 2;
const RULES: usize = 3;
const UNREADABLE: usize = 4;
const VERDICT: usize = 5;
const BASIS: usize = 6;
const UNIT: usize = 7;
const MATCHED_BY: usize = 8;
const NOTICE: usize = 9;
const COPIES: usize = 10;
const RULE_NOTES: usize = 11;

/// The headers: [`HEAD`], the contents columns of each pack's overview (the batch's
/// pack's, then those of the other packs its reports' titles chose), [`TAIL`].
pub(super) fn csv_headers(packs: &[&Overview]) -> Vec<String> {
    let contents = packs.iter().flat_map(|v| v.columns.iter());
    HEAD.into_iter()
        .map(String::from)
        .chain(contents.map(|c| c.label.clone()))
        .chain(TAIL.map(String::from))
        .collect()
}

/// One CSV field: guarded against being read as a formula, then quoted if it must be.
pub(super) fn csv_field(s: &str) -> String {
    let mut v = String::with_capacity(s.len() + 2);
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        v.push('\'');
    }
    v.push_str(s);
    if v.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

fn csv_row(out: &mut String, cells: &[String]) {
    let fields: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
}

/// A row's cells, for a batch whose contents columns are `n`, its pack's from `from`.
fn csv_cells(e: &Entry, unit: [String; 2], n: usize, from: usize) -> Vec<String> {
    let t = |k: usize| HEAD.len() + n + k;
    let mut cells = vec![String::new(); t(TAIL.len())];
    cells[0] = e.path.clone();
    let [name, by] = unit;
    cells[t(UNIT)] = name;
    cells[t(MATCHED_BY)] = by;
    cells[t(NOTICE)] = e.notice.clone().unwrap_or_default();
    let decision = decide(e);
    cells[t(VERDICT)] = decision.label();
    cells[t(BASIS)] = decision.basis();
    if let Some(err) = failure(e) {
        cells[t(UNREADABLE)] = err.to_string();
        return cells;
    }
    let Some(o) = e.outline.as_ref() else {
        return cells;
    };
    cells[1] = title(o).to_string();
    cells[2] = year(o);
    cells[3] = published(o).to_string();
    cells[4] = match lateness(e) {
        Some(true) => "是",
        Some(false) => "否",
        None => "",
    }
    .to_string();
    for (i, c) in contents(o, &e.view).iter().enumerate() {
        cells[HEAD.len() + from + i] = c.text();
    }
    let (errors, warnings, infos) = severity_counts(e);
    cells[t(ERRORS)] = errors.to_string();
    cells[t(WARNINGS)] = warnings.to_string();
    cells[t(INFOS)] = infos.to_string();
    cells[t(RULES)] = rule_counts(e)
        .iter()
        .map(|(r, n)| format!("{r}×{n}"))
        .collect::<Vec<_>>()
        .join(" ");
    cells
}

/// One row per report, UTF-8 with a BOM so that spreadsheet programs read the Chinese,
/// and with a roster one more for each unit that has not submitted (审核结论 未报送,
/// its name under 报送单位, the other cells empty); each report's copies under 内容雷同
/// ("b.txt 87%", most shared first).
pub fn csv_for(entries: &[Entry], batch: &Batch) -> String {
    let view = View::of(batch, entries);
    let mut out = String::from("\u{FEFF}");
    let (pairs, names) = (batch.copies(entries), &batch.rule_names);
    let packs = packs_of(entries, batch.pack.as_ref());
    let views: Vec<&Overview> = packs.iter().map(|(v, _)| v.as_ref()).collect();
    let headers = csv_headers(&views);
    let n = headers.len() - HEAD.len() - TAIL.len();
    // Where each pack's columns start among the contents.
    let from = |e: &Entry| -> usize {
        views
            .iter()
            .take_while(|v| v.pack != e.view.pack)
            .map(|v| v.columns.len())
            .sum()
    };
    let t = |k: usize| HEAD.len() + n + k;
    csv_row(&mut out, &headers);
    for (i, e) in entries.iter().enumerate() {
        let mut cells = csv_cells(e, view.cells(i), n, from(e));
        cells[t(COPIES)] = copied_with(&pairs, i)
            .map(|(j, share)| format!("{} {}", entries[j].path, percent(share)))
            .collect::<Vec<_>>()
            .join("；");
        // Each rule by its Chinese summary, with the number of findings.
        if !names.is_empty() {
            cells[t(RULE_NOTES)] = rule_counts(e)
                .iter()
                .map(|(r, n)| format!("{}×{n}", names.get(*r).map_or(*r, String::as_str)))
                .collect::<Vec<_>>()
                .join("；");
        }
        csv_row(&mut out, &cells);
    }
    for (name, _) in view.missing() {
        let mut cells = vec![String::new(); headers.len()];
        cells[t(VERDICT)] = "未报送".to_string();
        cells[t(UNIT)] = name.to_string();
        csv_row(&mut out, &cells);
    }
    out
}
