//! `fzlint report`: a batch of reports at a glance, as one self-contained HTML page or
//! as CSV for a spreadsheet.
//!
//! Both views share one reading of each entry: whether it could be read, whether it was
//! published late, which of the contents it has (with or without a heading of its own),
//! and how many findings of each severity and rule it carries. Nothing here depends on
//! hashing or the clock: the same entries give the same bytes.

use super::json::JsonDiagnostic;
use super::outline::Outline;
use crate::pack::Part;
use std::fmt::Write as _;

/// One report of the batch.
pub struct Entry {
    /// The path as given or walked.
    pub path: String,
    /// What fzlint understood of it; `None` when it could not be read.
    pub outline: Option<Outline>,
    /// Its findings, in order, each with the text of its line as written.
    pub findings: Vec<Finding>,
    /// Why it could not be read (the same sentence `check` prints).
    pub error: Option<String>,
}

/// A finding with its context.
pub struct Finding {
    pub diagnostic: JsonDiagnostic,
    /// The line (paragraph) the finding starts on, as written; for a long line, a
    /// window of it.
    pub line_text: String,
    /// The 0-based character of the line where `line_text` starts (0 unless only a
    /// window of a long line is given); the diagnostic's columns count from the line.
    pub line_text_from: usize,
}

/// About the run, shown in the page's head and the CSV's first columns.
pub struct Batch {
    /// When the overview was made ("2026-11-23 20:30").
    pub generated: String,
    /// fzlint's version.
    pub version: String,
    /// The rule pack's version.
    pub pack_version: String,
}

// ---------------------------------------------------------------------------
// One reading of an entry, shared by both views.

/// The rule whose finding marks a report as published after the deadline.
const LATE_RULE: &str = "late-publication";

/// The five contents columns, in order, with their headers.
const CONTENTS: [(Part, &str); 5] = [
    (Part::Measures, "主要举措和成效"),
    (Part::Shortcomings, "存在的不足和原因"),
    (Part::Duties, "主要负责人履职"),
    (Part::Plan, "下一年度工作安排"),
    (Part::Other, "其他事项"),
];

/// Said of an entry that has neither an outline nor an error sentence.
const UNREADABLE_FALLBACK: &str = "未能读取该文件";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Status {
    Headed,
    Unheaded,
    Missing,
    /// 其他事项 not written: the regulation asks for it only where there is something
    /// to report, so its absence is shown, not flagged.
    Absent,
}

impl Status {
    fn word(self) -> &'static str {
        match self {
            Status::Headed => "有标题",
            Status::Unheaded => "无标题",
            Status::Missing => "缺失",
            Status::Absent => "未写",
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Status::Headed => "✓",
            Status::Unheaded => "△",
            Status::Missing => "✗",
            Status::Absent => "—",
        }
    }

    /// Sort key: better first when sorted descending.
    fn rank(self) -> u8 {
        match self {
            Status::Headed => 2,
            Status::Unheaded => 1,
            Status::Missing | Status::Absent => 0,
        }
    }

    fn class(self) -> &'static str {
        match self {
            Status::Headed => "ok",
            Status::Unheaded => "part",
            Status::Missing => "miss",
            Status::Absent => "none",
        }
    }
}

/// One contents cell: the part's status, and for 存在的不足和原因 whether the causes
/// are missing while the shortcomings are there.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Content {
    status: Status,
    no_causes: bool,
}

impl Content {
    fn text(self) -> String {
        let mut s = self.status.word().to_string();
        if self.no_causes {
            s.push_str("（缺原因）");
        }
        s
    }
}

fn status(o: &Outline, p: Part) -> Status {
    match o.parts.get(&p) {
        Some(op) if op.headed => Status::Headed,
        Some(_) => Status::Unheaded,
        None if p == Part::Other => Status::Absent,
        None => Status::Missing,
    }
}

fn contents(o: &Outline) -> [Content; 5] {
    CONTENTS.map(|(p, _)| {
        let status = status(o, p);
        let no_causes = p == Part::Shortcomings
            && status != Status::Missing
            && !o.parts.contains_key(&Part::Causes);
        Content { status, no_causes }
    })
}

/// Why the entry could not be read, if it could not.
fn failure(e: &Entry) -> Option<&str> {
    match (&e.error, &e.outline) {
        (Some(err), _) => Some(err.as_str()),
        (None, None) => Some(UNREADABLE_FALLBACK),
        (None, Some(_)) => None,
    }
}

/// Late (`Some(true)`), on time (`Some(false)`) or not known (`None`).
fn lateness(e: &Entry) -> Option<bool> {
    if e.findings.iter().any(|f| f.diagnostic.rule == LATE_RULE) {
        Some(true)
    } else if e.outline.as_ref().is_some_and(|o| o.published.is_some()) {
        Some(false)
    } else {
        None
    }
}

/// Findings by severity: (errors, warnings, infos).
fn severity_counts(e: &Entry) -> (usize, usize, usize) {
    let mut n = (0, 0, 0);
    for f in &e.findings {
        match f.diagnostic.severity {
            "error" => n.0 += 1,
            "warning" => n.1 += 1,
            _ => n.2 += 1,
        }
    }
    n
}

/// The distinct rules of the findings with their counts, in first-seen order.
fn rule_counts(e: &Entry) -> Vec<(&str, usize)> {
    let mut v: Vec<(&str, usize)> = Vec::new();
    for f in &e.findings {
        let r = f.diagnostic.rule.as_str();
        match v.iter_mut().find(|(id, _)| *id == r) {
            Some((_, n)) => *n += 1,
            None => v.push((r, 1)),
        }
    }
    v
}

fn published(o: &Outline) -> &str {
    o.published.as_deref().unwrap_or("")
}

fn year(o: &Outline) -> String {
    o.year.map(|y| y.to_string()).unwrap_or_default()
}

fn title(o: &Outline) -> &str {
    o.title.as_deref().unwrap_or("")
}

// ---------------------------------------------------------------------------
// CSV

const CSV_HEADERS: [&str; 15] = [
    "文件",
    "标题",
    "报告年度",
    "公开日期",
    "逾期",
    CONTENTS[0].1,
    CONTENTS[1].1,
    CONTENTS[2].1,
    CONTENTS[3].1,
    CONTENTS[4].1,
    "错误",
    "警告",
    "提示",
    "规则",
    "无法读取",
];

/// One CSV field: guarded against being read as a formula, then quoted if it must be.
fn csv_field(s: &str) -> String {
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
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&csv_field(c));
    }
    out.push_str("\r\n");
}

fn csv_cells(e: &Entry) -> Vec<String> {
    let mut cells = vec![String::new(); CSV_HEADERS.len()];
    cells[0] = e.path.clone();
    if let Some(err) = failure(e) {
        cells[14] = err.to_string();
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
    for (i, c) in contents(o).iter().enumerate() {
        cells[5 + i] = c.text();
    }
    let (errors, warnings, infos) = severity_counts(e);
    cells[10] = errors.to_string();
    cells[11] = warnings.to_string();
    cells[12] = infos.to_string();
    cells[13] = rule_counts(e)
        .iter()
        .map(|(r, n)| format!("{r}×{n}"))
        .collect::<Vec<_>>()
        .join(" ");
    cells
}

/// One row per report, UTF-8 with a BOM so that spreadsheet programs read the Chinese.
pub fn csv(entries: &[Entry], _batch: &Batch) -> String {
    let mut out = String::from("\u{FEFF}");
    csv_row(&mut out, &CSV_HEADERS.map(str::to_string));
    for e in entries {
        csv_row(&mut out, &csv_cells(e));
    }
    out
}

// ---------------------------------------------------------------------------
// HTML

const PAGE_TITLE: &str = "法治政府建设年度报告检查总览";

/// Bars in the chart of the most common defects.
const CHART_TOP: usize = 10;

/// Lines longer than this many characters are shown as a window around the mark.
const CONTEXT_WINDOW: usize = 240;
/// Characters kept on each side of the mark in a window.
const CONTEXT_MARGIN: usize = 80;
/// A mark is shown over at most this many characters.
const CONTEXT_MARK_MAX: usize = 200;

/// HTML-escapes text for element content and quoted attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn severity_label(sev: &str) -> (&'static str, &'static str, &'static str) {
    // (class, symbol, word); U+FE0E asks for the text form of the symbol, not an emoji.
    match sev {
        "error" => ("error", "✗", "错误"),
        "warning" => ("warning", "⚠\u{FE0E}", "警告"),
        _ => ("info", "ℹ\u{FE0E}", "提示"),
    }
}

fn position(d: &JsonDiagnostic) -> String {
    match &d.location {
        Some(l) => l.clone(),
        None => format!("第{}行第{}字", d.line, d.column),
    }
}

/// The line with the finding's characters wrapped in `<mark>` (escaped), cut to a
/// window around the mark when the line is long.
fn context(f: &Finding) -> String {
    let d = &f.diagnostic;
    let chars: Vec<char> = f.line_text.chars().collect();
    let len = chars.len();
    let shift = f.line_text_from;
    let start = d.column.saturating_sub(1).saturating_sub(shift).min(len);
    let end = if d.end_line == d.line {
        d.end_column
            .saturating_sub(1)
            .saturating_sub(shift)
            .clamp(start, len)
    } else {
        len
    };
    let end_shown = end.min(start + CONTEXT_MARK_MAX);
    let (from, to) = if len <= CONTEXT_WINDOW {
        (0, len)
    } else {
        (
            start.saturating_sub(CONTEXT_MARGIN),
            (end_shown + CONTEXT_MARGIN).min(len),
        )
    };
    let text = |a: usize, b: usize| esc(&chars[a..b].iter().collect::<String>());
    let mut s = String::new();
    if from > 0 || shift > 0 {
        s.push('…');
    }
    s.push_str(&text(from, start));
    if end_shown > start {
        s.push_str("<mark>");
        s.push_str(&text(start, end_shown));
        if end_shown < end {
            s.push('…');
        }
        s.push_str("</mark>");
    }
    s.push_str(&text(end_shown.max(start), to));
    if to < len {
        s.push('…');
    }
    s
}

/// Rules by the number of reports they were found in, most first (ties by rule id).
fn common_rules(entries: &[Entry]) -> Vec<(&str, usize)> {
    let mut by_rule: std::collections::BTreeMap<&str, usize> = Default::default();
    for e in entries {
        for (r, _) in rule_counts(e) {
            *by_rule.entry(r).or_default() += 1;
        }
    }
    let mut v: Vec<(&str, usize)> = by_rule.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v
}

const STYLE: &str = r#"
:root { --fg:#1a1a1a; --muted:#5a5a5a; --line:#c8c8c8; --ok:#e5f4e8; --part:#fff4d6; --miss:#fbe2e2; --bar:#3b5b8c; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1400px; padding: 1rem; color: var(--fg); background: #fff;
  font: 15px/1.6 "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
h1 { font-size: 1.5rem; margin: .2rem 0 .5rem; }
h2 { font-size: 1.2rem; margin: 1.2rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .4rem; }
a { color: #1d4f91; }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid #1d4f91; outline-offset: 2px; }
.counts { display: flex; flex-wrap: wrap; gap: .4rem 1.5rem; list-style: none; padding: 0; margin: .3rem 0; }
.counts strong { font-size: 1.25rem; }
.meta { color: var(--muted); margin: .2rem 0 1rem; }
.chart { list-style: none; padding: 0; margin: 0 0 1rem; max-width: 48rem; }
.chart li { display: grid; grid-template-columns: minmax(8rem, 16rem) 1fr 4.5rem; gap: .6rem; align-items: center; }
.chart code { overflow-wrap: anywhere; }
.chart .track { display: block; }
.chart .bar { display: block; height: 0; border-top: .9em solid var(--bar); min-width: 2px; }
.chart .n { text-align: right; white-space: nowrap; }
.controls { display: flex; flex-wrap: wrap; gap: .5rem 1.2rem; align-items: center; margin: .5rem 0; }
.controls input[type=search] { font: inherit; padding: .25rem .4rem; min-width: 14rem; }
.controls label { white-space: nowrap; }
.shown { color: var(--muted); }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; border: 1px solid var(--line); }
table.matrix { border-collapse: collapse; width: 100%; min-width: 68rem; }
.matrix th, .matrix td { border: 1px solid var(--line); padding: .3rem .45rem; vertical-align: top; text-align: left; }
.matrix thead th { background: #f0f0f0; position: sticky; top: 0; white-space: nowrap; }
.matrix th button { font: inherit; font-weight: bold; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
.matrix th[aria-sort=ascending] .arrow::after { content: " ▲"; }
.matrix th[aria-sort=descending] .arrow::after { content: " ▼"; }
.matrix td.num { text-align: right; }
.matrix td.file { overflow-wrap: anywhere; min-width: 10rem; }
.matrix td.title { min-width: 14rem; }
.matrix td.ok { background: var(--ok); }
.matrix td.part { background: var(--part); }
.matrix td.miss { background: var(--miss); }
.matrix td.none { color: var(--muted); }
.matrix td.nowrap { white-space: nowrap; }
.matrix tr.unreadable td.why { background: var(--miss); }
.matrix td.has-errors { font-weight: bold; }
.none { color: var(--muted); }
.report { border-top: 2px solid var(--line); margin-top: 1.5rem; padding-top: .2rem; }
.report h2 { overflow-wrap: anywhere; }
.facts { margin: .2rem 0 .6rem; }
.facts span { margin-right: 1.2rem; display: inline-block; }
.findings { padding-left: 1.6rem; }
.findings li { margin: 0 0 .9rem; padding-left: .4rem; border-left: 4px solid var(--line); }
.findings li.error { border-left-color: #b42318; }
.findings li.warning { border-left-color: #b7791f; }
.findings li.info { border-left-color: #3b5b8c; }
.findings p { margin: .1rem 0; }
.sev { font-weight: bold; white-space: nowrap; }
.pos { color: var(--muted); white-space: nowrap; }
.help { color: #333; }
.ctx { margin: .2rem 0; padding: .3rem .5rem; background: #f6f6f6; white-space: pre-wrap; overflow-wrap: anywhere; font-family: inherit; }
mark { background: #ffe066; color: inherit; text-decoration: underline; text-decoration-thickness: 2px; }
.back { display: inline-block; margin-top: .3rem; }
@media (max-width: 640px) {
  body { padding: .6rem; font-size: 14px; }
  .chart li { grid-template-columns: minmax(6rem, 10rem) 1fr 3.5rem; }
  .controls input[type=search] { min-width: 0; width: 100%; }
}
@page { size: A4; margin: 15mm 12mm; }
@page wide { size: A4 landscape; margin: 10mm; }
@media print {
  :root { --ok:#fff; --part:#fff; --miss:#fff; --bar:#000; }
  body { max-width: none; padding: 0; font-size: 10pt; color: #000; background: #fff; }
  a { color: #000; text-decoration: none; }
  .controls, .back, .shown { display: none !important; }
  .matrix th button { cursor: auto; }
  .matrix th .arrow::after { content: "" !important; }
  .wide { page: wide; }
  .scroll { overflow: visible; border: 0; }
  table.matrix { min-width: 0; font-size: 8.5pt; }
  .matrix thead { display: table-header-group; }
  .matrix thead th { position: static; background: #fff; }
  .matrix th, .matrix td { border-color: #000; padding: .15rem .25rem; }
  .matrix td.miss, .matrix tr.unreadable td.why { font-weight: bold; }
  tr, .findings li, .chart li { break-inside: avoid; page-break-inside: avoid; }
  .report { break-before: page; page-break-before: always; border-top: 0; margin-top: 0; }
  .findings li { border-left: 2px solid #000; }
  .ctx { background: #fff; border: 1px solid #000; }
  mark { background: none; color: #000; font-weight: bold; text-decoration: underline; }
  .chart .bar { border-top-color: #000; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"#;

/// Sorting by the header buttons and filtering by the controls. Reads only the
/// `data-*` attributes the page writes; no text of the reports appears in it.
const SCRIPT: &str = r#"
(function () {
  var table = document.getElementById('matrix');
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var col = -1, dir = 1;
  function key(row, i) { var v = row.getAttribute('data-k' + i); return v === null ? '' : v; }
  function compare(a, b, i, numeric) {
    var x = key(a, i), y = key(b, i);
    if (x === '' || y === '') {
      if (x !== y) { return x === '' ? 1 : -1; }
    } else {
      var c = numeric ? (Number(x) - Number(y)) : x.localeCompare(y, 'zh-CN');
      if (c !== 0) { return c * dir; }
    }
    return Number(a.getAttribute('data-i')) - Number(b.getAttribute('data-i'));
  }
  heads.forEach(function (th, i) {
    var button = th.querySelector('button');
    if (!button) { return; }
    button.addEventListener('click', function () {
      dir = (col === i) ? -dir : 1;
      col = i;
      var numeric = button.getAttribute('data-num') === '1';
      rows.sort(function (a, b) { return compare(a, b, i, numeric); });
      rows.forEach(function (r) { body.appendChild(r); });
      heads.forEach(function (h, j) {
        if (j === i) { h.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending'); }
        else { h.removeAttribute('aria-sort'); }
      });
    });
  });
  var controls = document.getElementById('controls');
  var query = document.getElementById('q');
  var onlyErrors = document.getElementById('only-errors');
  var onlyLate = document.getElementById('only-late');
  var onlyMissing = document.getElementById('only-missing');
  var shown = document.getElementById('shown');
  function apply() {
    var q = query.value.trim().toLowerCase(), n = 0;
    rows.forEach(function (r) {
      var ok = (!q || (r.getAttribute('data-q') || '').toLowerCase().indexOf(q) >= 0)
        && (!onlyErrors.checked || r.getAttribute('data-err') === '1')
        && (!onlyLate.checked || r.getAttribute('data-late') === '1')
        && (!onlyMissing.checked || r.getAttribute('data-miss') === '1');
      r.hidden = !ok;
      if (ok) { n += 1; }
    });
    shown.textContent = '显示 ' + n + ' / ' + rows.length + ' 份';
  }
  [query, onlyErrors, onlyLate, onlyMissing].forEach(function (el) {
    el.addEventListener('input', apply);
    el.addEventListener('change', apply);
  });
  controls.hidden = false;
  apply();
})();
"#;

/// The matrix columns: header, and whether the column sorts as a number.
const MATRIX_COLUMNS: [(&str, bool); 12] = [
    ("文件", false),
    ("标题", false),
    ("报告年度", true),
    ("公开日期", false),
    ("逾期", false),
    (CONTENTS[0].1, true),
    (CONTENTS[1].1, true),
    (CONTENTS[2].1, true),
    (CONTENTS[3].1, true),
    (CONTENTS[4].1, true),
    ("错误", true),
    ("警告", true),
];

fn head(out: &mut String, entries: &[Entry], batch: &Batch) {
    let with_errors = entries
        .iter()
        .filter(|e| failure(e).is_none() && severity_counts(e).0 > 0)
        .count();
    let late = entries.iter().filter(|e| lateness(e) == Some(true)).count();
    let unreadable = entries.iter().filter(|e| failure(e).is_some()).count();
    let _ = write!(
        out,
        "<header>\n<h1>{PAGE_TITLE}</h1>\n<ul class=\"counts\">\
         <li>报告 <strong>{}</strong> 份</li>\
         <li>有错误 <strong>{with_errors}</strong> 份</li>\
         <li>逾期 <strong>{late}</strong> 份</li>\
         <li>无法读取 <strong>{unreadable}</strong> 份</li></ul>\n\
         <p class=\"meta\">生成时间：{} · fzlint {} · 规则包 {}</p>\n</header>\n",
        entries.len(),
        esc(&batch.generated),
        esc(&batch.version),
        esc(&batch.pack_version),
    );
}

fn chart(out: &mut String, entries: &[Entry]) {
    out.push_str("<section aria-labelledby=\"common\">\n<h2 id=\"common\">最常见的问题（按涉及报告数）</h2>\n");
    let rules = common_rules(entries);
    if rules.is_empty() {
        out.push_str("<p class=\"none\">未发现问题。</p>\n</section>\n");
        return;
    }
    let max = rules[0].1.max(1);
    out.push_str("<ol class=\"chart\">\n");
    for (rule, n) in rules.iter().take(CHART_TOP) {
        let width = (n * 100 + max / 2) / max;
        let _ = writeln!(
            out,
            "<li><code>{}</code><span class=\"track\"><span class=\"bar\" style=\"width:{width}%\"></span></span><span class=\"n\">{n} 份</span></li>",
            esc(rule)
        );
    }
    out.push_str("</ol>\n</section>\n");
}

fn matrix(out: &mut String, entries: &[Entry]) {
    out.push_str("<section id=\"overview\" aria-labelledby=\"overview-h\">\n<h2 id=\"overview-h\">逐份检查结果</h2>\n");
    out.push_str(
        "<div class=\"controls\" id=\"controls\" hidden>\
         <input type=\"search\" id=\"q\" placeholder=\"按文件名或标题筛选\" aria-label=\"按文件名或标题筛选\">\
         <label><input type=\"checkbox\" id=\"only-errors\"> 只看有错误</label>\
         <label><input type=\"checkbox\" id=\"only-late\"> 只看逾期</label>\
         <label><input type=\"checkbox\" id=\"only-missing\"> 只看缺项</label>\
         <span class=\"shown\" id=\"shown\" aria-live=\"polite\"></span></div>\n",
    );
    out.push_str("<div class=\"scroll\">\n<table class=\"matrix\" id=\"matrix\">\n<thead><tr>");
    for (i, (h, numeric)) in MATRIX_COLUMNS.iter().enumerate() {
        let _ = write!(
            out,
            "<th scope=\"col\"><button type=\"button\" data-col=\"{i}\" data-num=\"{}\">{h}<span class=\"arrow\" aria-hidden=\"true\"></span></button></th>",
            u8::from(*numeric)
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (i, e) in entries.iter().enumerate() {
        matrix_row(out, i, e);
    }
    out.push_str("</tbody>\n</table>\n</div>\n</section>\n");
}

fn matrix_row(out: &mut String, i: usize, e: &Entry) {
    let path = esc(&e.path);
    let link = format!("<td class=\"file\"><a href=\"#r{i}\">{path}</a></td>");
    if let Some(err) = failure(e) {
        let _ = writeln!(
            out,
            "<tr class=\"unreadable\" data-i=\"{i}\" data-k0=\"{path}\" data-q=\"{path}\" data-err=\"1\" data-late=\"0\" data-miss=\"0\">{link}<td class=\"why\" colspan=\"{}\">✗ 无法读取：{}</td></tr>",
            MATRIX_COLUMNS.len() - 1,
            esc(err)
        );
        return;
    }
    let Some(o) = e.outline.as_ref() else {
        return;
    };
    let (errors, warnings, _) = severity_counts(e);
    let late = lateness(e);
    let cs = contents(o);
    let missing = Part::ALL
        .iter()
        .any(|p| *p != Part::Other && !o.parts.contains_key(p));
    let mut keys: Vec<String> = vec![
        e.path.clone(),
        title(o).to_string(),
        year(o),
        published(o).to_string(),
        match late {
            Some(true) => "1",
            Some(false) => "0",
            None => "",
        }
        .to_string(),
    ];
    // Shortcomings without causes sort just below shortcomings with them.
    keys.extend(
        cs.iter()
            .map(|c| (u32::from(c.status.rank()) * 2 + u32::from(!c.no_causes)).to_string()),
    );
    keys.push(errors.to_string());
    keys.push(warnings.to_string());
    let _ = write!(out, "<tr data-i=\"{i}\"");
    for (k, v) in keys.iter().enumerate() {
        let _ = write!(out, " data-k{k}=\"{}\"", esc(v));
    }
    let _ = write!(
        out,
        " data-q=\"{}\" data-err=\"{}\" data-late=\"{}\" data-miss=\"{}\">",
        esc(&format!("{} {}", e.path, title(o))),
        u8::from(errors > 0),
        u8::from(late == Some(true)),
        u8::from(missing)
    );
    out.push_str(&link);
    let or_none = |s: &str| {
        if s.is_empty() {
            "<span class=\"none\">（未找到）</span>".to_string()
        } else {
            esc(s)
        }
    };
    let _ = write!(
        out,
        "<td class=\"title\">{}</td><td class=\"num\">{}</td><td class=\"nowrap\">{}</td>",
        or_none(title(o)),
        or_none(&year(o)),
        or_none(published(o)),
    );
    out.push_str(match late {
        Some(true) => "<td class=\"miss nowrap\">✗ 逾期</td>",
        Some(false) => "<td class=\"ok nowrap\">✓ 按时</td>",
        None => "<td class=\"nowrap\">? 未知</td>",
    });
    for c in cs {
        let class = if c.no_causes {
            "part"
        } else {
            c.status.class()
        };
        let _ = write!(
            out,
            "<td class=\"{class} nowrap\">{} {}</td>",
            c.status.symbol(),
            c.text()
        );
    }
    let _ = writeln!(
        out,
        "<td class=\"num{}\">{errors}</td><td class=\"num\">{warnings}</td></tr>",
        if errors > 0 { " has-errors" } else { "" }
    );
}

fn section(out: &mut String, i: usize, e: &Entry) {
    let _ = write!(
        out,
        "<section class=\"report\" id=\"r{i}\">\n<h2>{}. {}</h2>\n",
        i + 1,
        esc(&e.path)
    );
    if let Some(err) = failure(e) {
        let _ = writeln!(
            out,
            "<p><span class=\"sev\">✗ 无法读取</span>：{}</p>",
            esc(err)
        );
    } else if let Some(o) = e.outline.as_ref() {
        let shown = |s: &str| {
            if s.is_empty() {
                "（未找到）".to_string()
            } else {
                esc(s)
            }
        };
        let late = match lateness(e) {
            Some(true) => "✗ 逾期",
            Some(false) => "✓ 按时",
            None => "? 未知",
        };
        let _ = writeln!(
            out,
            "<p class=\"facts\"><span>标题：{}</span><span>报告年度：{}</span><span>公开日期：{}</span><span>逾期：{late}</span></p>",
            shown(title(o)),
            shown(&year(o)),
            shown(published(o)),
        );
        out.push_str("<p class=\"facts\">");
        for ((_, name), c) in CONTENTS.iter().zip(contents(o)) {
            let _ = write!(
                out,
                "<span>{name}：{} {}</span>",
                c.status.symbol(),
                c.text()
            );
        }
        out.push_str("</p>\n");
        let (errors, warnings, infos) = severity_counts(e);
        if e.findings.is_empty() {
            out.push_str("<p class=\"none\">未发现问题。</p>\n");
        } else {
            let _ = writeln!(
                out,
                "<h3>发现问题 {} 处（错误 {errors}，警告 {warnings}，提示 {infos}）</h3>",
                e.findings.len()
            );
            out.push_str("<ol class=\"findings\">\n");
            for f in &e.findings {
                finding(out, f);
            }
            out.push_str("</ol>\n");
        }
    }
    out.push_str("<a class=\"back\" href=\"#overview\">返回总览</a>\n</section>\n");
}

fn finding(out: &mut String, f: &Finding) {
    let d = &f.diagnostic;
    let (class, symbol, word) = severity_label(d.severity);
    let _ = write!(
        out,
        "<li class=\"{class}\"><p><span class=\"sev\">{symbol} {word}</span> <code>{}</code> {} <span class=\"pos\">{}</span></p>",
        esc(&d.rule),
        esc(&d.message),
        esc(&position(d)),
    );
    if let Some(h) = &d.help {
        let _ = write!(out, "<p class=\"help\">建议：{}</p>", esc(h));
    }
    if !f.line_text.is_empty() {
        let _ = write!(out, "<p class=\"ctx\">{}</p>", context(f));
    }
    out.push_str("</li>\n");
}

/// The overview page: one HTML document with no external assets.
pub fn html(entries: &[Entry], batch: &Batch) -> String {
    let mut out = String::with_capacity(16 * 1024 + entries.len() * 2048);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"fzlint {}\">\n\
         <title>{PAGE_TITLE}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&batch.version)
    );
    // The head, the chart and the matrix print on landscape pages; the reports on
    // portrait ones.
    out.push_str("<main>\n<div class=\"wide\">\n");
    head(&mut out, entries, batch);
    chart(&mut out, entries);
    matrix(&mut out, entries);
    out.push_str("</div>\n");
    for (i, e) in entries.iter().enumerate() {
        section(&mut out, i, e);
    }
    let _ = write!(
        out,
        "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::outline::OutlinePart;
    use std::collections::BTreeMap;

    /// An outline with the given facts. `parts` has one character per part of
    /// [`Part::ALL`] (measures, shortcomings, causes, duties, plan, other):
    /// 'H' headed, 'u' found without a heading, '-' missing.
    fn outline(
        path: &str,
        title: Option<&str>,
        year: Option<i32>,
        published: Option<&str>,
        parts: &str,
    ) -> Outline {
        assert_eq!(parts.chars().count(), Part::ALL.len());
        let mut map = BTreeMap::new();
        for (i, (p, c)) in Part::ALL.iter().zip(parts.chars()).enumerate() {
            if c != '-' {
                map.insert(
                    *p,
                    OutlinePart {
                        line: 3 + i * 10,
                        headed: c == 'H',
                        evidence: p.label().to_string(),
                    },
                );
            }
        }
        Outline {
            path: path.to_string(),
            encoding: "UTF-8",
            format: if path.ends_with(".docx") {
                "docx"
            } else {
                "text"
            },
            rule_pack: "2026.1".to_string(),
            title: title.map(str::to_string),
            year,
            year_source: year.map(|_| "title"),
            published: published.map(str::to_string),
            published_source: published.map(|_| "signature"),
            salutation: None,
            headings_inline: false,
            headings: Vec::new(),
            parts: map,
            paragraphs: Vec::new(),
            enumerations: Vec::new(),
        }
    }

    fn finding(
        rule: &str,
        severity: &'static str,
        (line, column): (usize, usize),
        (end_line, end_column): (usize, usize),
        line_text: &str,
    ) -> Finding {
        Finding {
            diagnostic: JsonDiagnostic {
                path: String::new(),
                rule: rule.to_string(),
                severity,
                message: format!("{rule}：问题说明"),
                help: Some(format!("{rule}：修改建议")),
                line,
                column,
                end_line,
                end_column,
                labels: Vec::new(),
                fix: None,
                location: None,
                element: None,
                rule_pack: "2026.1".to_string(),
            },
            line_text: line_text.to_string(),
            line_text_from: 0,
        }
    }

    /// A finding on the first two characters of a heading line.
    fn simple(rule: &str, severity: &'static str) -> Finding {
        finding(rule, severity, (5, 1), (5, 3), "三、存在的不足和原因")
    }

    struct Case {
        entry: Entry,
        /// The CSV row expected for it.
        row: [&'static str; 15],
    }

    fn readable(
        path: &str,
        title: Option<&str>,
        year: Option<i32>,
        published: Option<&str>,
        parts: &str,
        findings: Vec<Finding>,
    ) -> Entry {
        Entry {
            path: path.to_string(),
            outline: Some(outline(path, title, year, published, parts)),
            findings,
            error: None,
        }
    }

    const T: &str = "某县司法局2025年法治政府建设年度报告";
    const SCRIPT_TITLE: &str = "<script>alert('x')</script> & 报告";
    const BROKEN: &str = "文件已损坏：不是有效的 Word 文档（.docx）";

    fn cases() -> Vec<Case> {
        let y = Some(2025);
        let d = Some("2026-02-10");
        let h = "有标题";
        let m = "缺失";
        let u = "无标题";
        let mut placeholder = finding(
            "placeholder",
            "error",
            (8, 13),
            (8, 15),
            "本年度共办理行政复议案件XX件。",
        );
        placeholder.diagnostic.message = "占位符 <XX> 未替换".to_string();
        let mut located = simple("numbering-gap", "warning");
        located.diagnostic.location = Some("第3段第5字".to_string());
        located.diagnostic.element = Some("w:p".to_string());
        vec![
            Case {
                entry: readable("complete.txt", Some(T), y, d, "HHHHHH", vec![]),
                row: [
                    "complete.txt",
                    T,
                    "2025",
                    "2026-02-10",
                    "否",
                    h,
                    h,
                    h,
                    h,
                    h,
                    "0",
                    "0",
                    "0",
                    "",
                    "",
                ],
            },
            Case {
                entry: readable(
                    "no-measures.txt",
                    Some(T),
                    y,
                    Some("2026-01-20"),
                    "-HHHHH",
                    vec![
                        simple("missing-part", "error"),
                        simple("numbering-gap", "warning"),
                    ],
                ),
                row: [
                    "no-measures.txt",
                    T,
                    "2025",
                    "2026-01-20",
                    "否",
                    m,
                    h,
                    h,
                    h,
                    h,
                    "1",
                    "1",
                    "0",
                    "missing-part×1 numbering-gap×1",
                    "",
                ],
            },
            Case {
                entry: readable(
                    "no-shortcomings.txt",
                    Some(T),
                    y,
                    d,
                    "H--HHH",
                    vec![
                        simple("missing-part", "error"),
                        simple("numbering-gap", "warning"),
                        simple("numbering-gap", "warning"),
                    ],
                ),
                row: [
                    "no-shortcomings.txt",
                    T,
                    "2025",
                    "2026-02-10",
                    "否",
                    h,
                    m,
                    h,
                    h,
                    h,
                    "1",
                    "2",
                    "0",
                    "missing-part×1 numbering-gap×2",
                    "",
                ],
            },
            Case {
                entry: readable(
                    "no-duties.txt",
                    Some(T),
                    y,
                    d,
                    "HHH-HH",
                    vec![
                        simple("numbering-gap", "warning"),
                        simple("missing-part", "error"),
                    ],
                ),
                row: [
                    "no-duties.txt",
                    T,
                    "2025",
                    "2026-02-10",
                    "否",
                    h,
                    h,
                    m,
                    h,
                    h,
                    "1",
                    "1",
                    "0",
                    "numbering-gap×1 missing-part×1",
                    "",
                ],
            },
            Case {
                entry: readable(
                    "no-plan.txt",
                    Some(T),
                    y,
                    d,
                    "HHHH-H",
                    vec![
                        simple("missing-part", "error"),
                        simple("numbering-gap", "warning"),
                    ],
                ),
                row: [
                    "no-plan.txt",
                    T,
                    "2025",
                    "2026-02-10",
                    "否",
                    h,
                    h,
                    h,
                    m,
                    h,
                    "1",
                    "1",
                    "0",
                    "missing-part×1 numbering-gap×1",
                    "",
                ],
            },
            Case {
                entry: readable(
                    "no-other.txt",
                    Some(T),
                    y,
                    d,
                    "HHHHH-",
                    vec![
                        simple("missing-part", "error"),
                        simple("numbering-gap", "info"),
                    ],
                ),
                row: [
                    "no-other.txt",
                    T,
                    "2025",
                    "2026-02-10",
                    "否",
                    h,
                    h,
                    h,
                    h,
                    "未写",
                    "1",
                    "0",
                    "1",
                    "missing-part×1 numbering-gap×1",
                    "",
                ],
            },
            Case {
                entry: readable(
                    "no-causes.txt",
                    Some(T),
                    y,
                    d,
                    "HH-HHH",
                    vec![simple("causes-missing", "warning")],
                ),
                row: [
                    "no-causes.txt",
                    T,
                    "2025",
                    "2026-02-10",
                    "否",
                    h,
                    "有标题（缺原因）",
                    h,
                    h,
                    h,
                    "0",
                    "1",
                    "0",
                    "causes-missing×1",
                    "",
                ],
            },
            Case {
                entry: readable("unheaded.txt", Some(T), y, d, "uuuuHH", vec![placeholder]),
                row: [
                    "unheaded.txt",
                    T,
                    "2025",
                    "2026-02-10",
                    "否",
                    u,
                    u,
                    u,
                    h,
                    h,
                    "1",
                    "0",
                    "0",
                    "placeholder×1",
                    "",
                ],
            },
            Case {
                entry: readable(
                    "unheaded-no-causes.txt",
                    Some(T),
                    y,
                    d,
                    "Hu-HHu",
                    vec![simple("causes-missing", "warning")],
                ),
                row: [
                    "unheaded-no-causes.txt",
                    T,
                    "2025",
                    "2026-02-10",
                    "否",
                    h,
                    "无标题（缺原因）",
                    h,
                    h,
                    u,
                    "0",
                    "1",
                    "0",
                    "causes-missing×1",
                    "",
                ],
            },
            Case {
                entry: readable(
                    "late.txt",
                    Some(T),
                    y,
                    Some("2026-04-15"),
                    "HHHHHH",
                    vec![finding(
                        "late-publication",
                        "warning",
                        (40, 1),
                        (40, 11),
                        "2026年4月15日",
                    )],
                ),
                row: [
                    "late.txt",
                    T,
                    "2025",
                    "2026-04-15",
                    "是",
                    h,
                    h,
                    h,
                    h,
                    h,
                    "0",
                    "1",
                    "0",
                    "late-publication×1",
                    "",
                ],
            },
            Case {
                entry: readable("no-date.txt", Some(T), y, None, "HHHHHH", vec![]),
                row: [
                    "no-date.txt",
                    T,
                    "2025",
                    "",
                    "",
                    h,
                    h,
                    h,
                    h,
                    h,
                    "0",
                    "0",
                    "0",
                    "",
                    "",
                ],
            },
            Case {
                entry: Entry {
                    path: "broken.docx".to_string(),
                    outline: None,
                    findings: Vec::new(),
                    error: Some(BROKEN.to_string()),
                },
                row: [
                    "broken.docx",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    BROKEN,
                ],
            },
            Case {
                entry: readable(
                    "县直部门/司法局,2025.txt",
                    Some("关于2025年度法治政府建设情况的报告, 附件"),
                    y,
                    Some("2026-02-28"),
                    "HHHHHH",
                    vec![],
                ),
                row: [
                    "县直部门/司法局,2025.txt",
                    "关于2025年度法治政府建设情况的报告, 附件",
                    "2025",
                    "2026-02-28",
                    "否",
                    h,
                    h,
                    h,
                    h,
                    h,
                    "0",
                    "0",
                    "0",
                    "",
                    "",
                ],
            },
            Case {
                entry: readable(
                    "say \"hi\".txt",
                    Some("“阳光”政府 \"quoted\""),
                    y,
                    d,
                    "HHHHHH",
                    vec![],
                ),
                row: [
                    "say \"hi\".txt",
                    "“阳光”政府 \"quoted\"",
                    "2025",
                    "2026-02-10",
                    "否",
                    h,
                    h,
                    h,
                    h,
                    h,
                    "0",
                    "0",
                    "0",
                    "",
                    "",
                ],
            },
            Case {
                entry: readable(
                    "line1\nline2.txt",
                    Some("第一行\r\n第二行"),
                    y,
                    d,
                    "HHHHHH",
                    vec![],
                ),
                row: [
                    "line1\nline2.txt",
                    "第一行\r\n第二行",
                    "2025",
                    "2026-02-10",
                    "否",
                    h,
                    h,
                    h,
                    h,
                    h,
                    "0",
                    "0",
                    "0",
                    "",
                    "",
                ],
            },
            Case {
                entry: readable("=cmd.txt", Some("=SUM(A1:A2)"), y, d, "HHHHHH", vec![]),
                row: [
                    "'=cmd.txt",
                    "'=SUM(A1:A2)",
                    "2025",
                    "2026-02-10",
                    "否",
                    h,
                    h,
                    h,
                    h,
                    h,
                    "0",
                    "0",
                    "0",
                    "",
                    "",
                ],
            },
            Case {
                entry: readable(
                    "+plus.txt",
                    Some("-负号开头,且有逗号"),
                    y,
                    d,
                    "HHHHHH",
                    vec![],
                ),
                row: [
                    "'+plus.txt",
                    "'-负号开头,且有逗号",
                    "2025",
                    "2026-02-10",
                    "否",
                    h,
                    h,
                    h,
                    h,
                    h,
                    "0",
                    "0",
                    "0",
                    "",
                    "",
                ],
            },
            Case {
                entry: readable("@at.txt", Some(SCRIPT_TITLE), y, d, "HHHHHH", vec![]),
                row: [
                    "'@at.txt",
                    SCRIPT_TITLE,
                    "2025",
                    "2026-02-10",
                    "否",
                    h,
                    h,
                    h,
                    h,
                    h,
                    "0",
                    "0",
                    "0",
                    "",
                    "",
                ],
            },
            Case {
                entry: readable(
                    "many.txt",
                    Some(T),
                    y,
                    d,
                    "HHHHHH",
                    vec![
                        simple("numbering-gap", "warning"),
                        finding(
                            "placeholder",
                            "error",
                            (4, 3),
                            (5, 2),
                            "一是<b>加强</b>××工作",
                        ),
                        simple("numbering-gap", "warning"),
                        simple("style", "info"),
                    ],
                ),
                row: [
                    "many.txt",
                    T,
                    "2025",
                    "2026-02-10",
                    "否",
                    h,
                    h,
                    h,
                    h,
                    h,
                    "1",
                    "2",
                    "1",
                    "numbering-gap×2 placeholder×1 style×1",
                    "",
                ],
            },
            Case {
                entry: readable(
                    "late-no-date.txt",
                    Some(T),
                    y,
                    None,
                    "HHHHHH",
                    vec![simple("late-publication", "error")],
                ),
                row: [
                    "late-no-date.txt",
                    T,
                    "2025",
                    "",
                    "是",
                    h,
                    h,
                    h,
                    h,
                    h,
                    "1",
                    "0",
                    "0",
                    "late-publication×1",
                    "",
                ],
            },
            Case {
                entry: readable(
                    "untitled.txt",
                    None,
                    None,
                    Some("2026-03-01"),
                    "HHHHHH",
                    vec![],
                ),
                row: [
                    "untitled.txt",
                    "",
                    "",
                    "2026-03-01",
                    "否",
                    h,
                    h,
                    h,
                    h,
                    h,
                    "0",
                    "0",
                    "0",
                    "",
                    "",
                ],
            },
            Case {
                entry: readable("word.docx", Some(T), y, d, "HHHHHH", vec![located]),
                row: [
                    "word.docx",
                    T,
                    "2025",
                    "2026-02-10",
                    "否",
                    h,
                    h,
                    h,
                    h,
                    h,
                    "0",
                    "1",
                    "0",
                    "numbering-gap×1",
                    "",
                ],
            },
            Case {
                entry: Entry {
                    path: "gone.txt".to_string(),
                    outline: None,
                    findings: Vec::new(),
                    error: None,
                },
                row: [
                    "gone.txt",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    UNREADABLE_FALLBACK,
                ],
            },
        ]
    }

    fn entries() -> Vec<Entry> {
        cases().into_iter().map(|c| c.entry).collect()
    }

    fn batch() -> Batch {
        Batch {
            generated: "2026-11-23 20:30".to_string(),
            version: "0.1.0".to_string(),
            pack_version: "2026.1".to_string(),
        }
    }

    /// An RFC 4180 reader: CRLF between records (and after the last), fields quoted
    /// with '"' when they hold ',', '"', CR or LF, inner quotes doubled.
    fn read_csv(s: &str) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut was_quoted = false;
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            if quoted {
                if c == '"' {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        field.push('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    field.push(c);
                }
                continue;
            }
            match c {
                '"' => {
                    assert!(field.is_empty() && !was_quoted, "stray quote in {field:?}");
                    quoted = true;
                    was_quoted = true;
                }
                ',' => {
                    row.push(std::mem::take(&mut field));
                    was_quoted = false;
                }
                '\r' => {
                    assert_eq!(chars.next(), Some('\n'), "CR without LF");
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                    was_quoted = false;
                }
                '\n' => panic!("LF without CR"),
                c => {
                    assert!(!was_quoted, "text after a closing quote");
                    field.push(c);
                }
            }
        }
        assert!(!quoted, "unterminated quote");
        assert!(
            row.is_empty() && field.is_empty(),
            "the last record must end with CRLF"
        );
        rows
    }

    #[test]
    fn batch_is_large_enough() {
        assert!(cases().len() >= 20);
    }

    #[test]
    fn csv_has_bom_crlf_and_header() {
        let out = csv(&entries(), &batch());
        assert!(out.starts_with('\u{FEFF}'));
        assert!(!out[3..].contains('\u{FEFF}'));
        assert!(out.ends_with("\r\n"));
        let first = out[3..].split("\r\n").next().unwrap();
        assert_eq!(
            first,
            "文件,标题,报告年度,公开日期,逾期,主要举措和成效,存在的不足和原因,主要负责人履职,\
             下一年度工作安排,其他事项,错误,警告,提示,规则,无法读取"
        );
    }

    #[test]
    fn csv_matches_cell_by_cell() {
        let cases = cases();
        let es: Vec<Entry> = entries();
        let out = csv(&es, &batch());
        let rows = read_csv(out.strip_prefix('\u{FEFF}').unwrap());
        assert_eq!(rows.len(), cases.len() + 1);
        assert_eq!(rows[0], CSV_HEADERS.map(str::to_string).to_vec());
        for (c, row) in cases.iter().zip(&rows[1..]) {
            assert_eq!(row.len(), 15, "{}", c.entry.path);
            for (k, (got, want)) in row.iter().zip(c.row).enumerate() {
                assert_eq!(
                    got, want,
                    "{}: column {} ({})",
                    c.entry.path, k, CSV_HEADERS[k]
                );
            }
        }
    }

    #[test]
    fn csv_quotes_only_what_needs_quoting() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("a\nb"), "\"a\nb\"");
        assert_eq!(csv_field("a\rb"), "\"a\rb\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(
            csv_field("=HYPERLINK(\"x\",1)"),
            "\"'=HYPERLINK(\"\"x\"\",1)\""
        );
        assert_eq!(csv_field("@a"), "'@a");
        assert_eq!(csv_field("+a"), "'+a");
        assert_eq!(csv_field("-a"), "'-a");
        assert_eq!(csv_field("a=b"), "a=b");
        assert_eq!(csv_field(""), "");
        let out = csv(&[], &batch());
        assert_eq!(read_csv(&out[3..]).len(), 1);
    }

    #[test]
    fn html_is_self_contained() {
        let out = html(&entries(), &batch());
        assert!(out.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
        assert!(out.contains("<meta charset=\"utf-8\">"));
        assert!(out.contains("<title>法治政府建设年度报告检查总览</title>"));
        assert!(!out.contains("http://") && !out.contains("https://"));
        assert!(!out.contains("src="), "no external scripts or images");
        assert!(!out.contains("<link"), "no external stylesheets");
        assert!(!out.contains("url("), "no fetched CSS resources");
        assert!(!out.contains("@import"));
        for (i, _) in out.match_indices("href=") {
            assert!(
                out[i..].starts_with("href=\"#"),
                "a link leaving the page: {}",
                &out[i..(i + 40).min(out.len())]
            );
        }
        assert_eq!(out.matches("<script>").count(), 1);
        assert_eq!(out.matches("<style>").count(), 1);
        assert!(out.ends_with("</html>\n"));
    }

    #[test]
    fn html_head_counts_and_versions() {
        let out = html(&entries(), &batch());
        assert!(out.contains("报告 <strong>23</strong> 份"));
        assert!(out.contains("有错误 <strong>8</strong> 份"));
        assert!(out.contains("逾期 <strong>2</strong> 份"));
        assert!(out.contains("无法读取 <strong>2</strong> 份"));
        assert!(out.contains("生成时间：2026-11-23 20:30"));
        assert!(out.contains("fzlint 0.1.0"));
        assert!(out.contains("规则包 2026.1"));
    }

    #[test]
    fn every_report_has_a_row_and_a_section() {
        let es = entries();
        let out = html(&es, &batch());
        for (i, e) in es.iter().enumerate() {
            let link = format!("<a href=\"#r{i}\">{}</a>", esc(&e.path));
            assert_eq!(out.matches(&link).count(), 1, "row of {}", e.path);
            assert_eq!(
                out.matches(&format!(" data-i=\"{i}\"")).count(),
                1,
                "row of {}",
                e.path
            );
            let section = format!("<section class=\"report\" id=\"r{i}\">");
            assert_eq!(out.matches(&section).count(), 1, "section of {}", e.path);
            let start = out.find(&section).unwrap();
            let body = &out[start..];
            let body = &body[..body.find("</section>").unwrap()];
            assert!(body.contains(&esc(&e.path)));
            assert!(body.contains("<a class=\"back\" href=\"#overview\">返回总览</a>"));
            assert_eq!(body.matches("<li class=").count(), e.findings.len());
        }
        assert_eq!(out.matches("<tr data-i=").count(), es.len() - 2);
        assert_eq!(out.matches("<tr class=\"unreadable\"").count(), 2);
        assert!(out.contains("id=\"overview\""));
    }

    #[test]
    fn unreadable_rows_show_the_error_across() {
        let out = html(&entries(), &batch());
        assert!(out.contains(&format!(
            "<td class=\"why\" colspan=\"11\">✗ 无法读取：{}</td>",
            esc(BROKEN)
        )));
        assert!(out.contains(&format!("✗ 无法读取</span>：{}</p>", esc(BROKEN))));
        assert!(out.contains(UNREADABLE_FALLBACK));
    }

    #[test]
    fn text_from_entries_is_escaped() {
        let out = html(&entries(), &batch());
        assert!(!out.contains("<script>alert"));
        assert!(out.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; 报告"));
        assert!(out.contains("say &quot;hi&quot;.txt"));
        assert!(!out.contains("<b>加强"));
        assert!(out.contains("占位符 &lt;XX&gt; 未替换"));
        assert_eq!(
            esc("<a href='x'>&\""),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;"
        );
    }

    #[test]
    fn chart_lists_most_common_rule_first() {
        let es = entries();
        let out = html(&es, &batch());
        let start = out.find("<ol class=\"chart\">").unwrap();
        let chart = &out[start..start + out[start..].find("</ol>").unwrap()];
        let items: Vec<&str> = chart.split("<li>").skip(1).collect();
        assert!(items[0].starts_with("<code>numbering-gap</code>"));
        assert!(items[0].contains("width:100%"));
        assert!(items[0].contains("<span class=\"n\">7 份</span>"));
        assert!(items[1].starts_with("<code>missing-part</code>"));
        assert!(items[1].contains("<span class=\"n\">5 份</span>"));
        assert_eq!(
            common_rules(&es),
            vec![
                ("numbering-gap", 7),
                ("missing-part", 5),
                ("causes-missing", 2),
                ("late-publication", 2),
                ("placeholder", 2),
                ("style", 1),
            ]
        );
        assert_eq!(items.len(), 6);
    }

    #[test]
    fn chart_keeps_the_top_ten() {
        let es: Vec<Entry> = (0..12)
            .map(|i| {
                let findings = (0..=i)
                    .map(|k| simple(&format!("rule-{k:02}"), "warning"))
                    .collect();
                readable(&format!("{i}.txt"), Some(T), None, None, "HHHHHH", findings)
            })
            .collect();
        let out = html(&es, &batch());
        let start = out.find("<ol class=\"chart\">").unwrap();
        let chart = &out[start..start + out[start..].find("</ol>").unwrap()];
        assert_eq!(chart.matches("<li>").count(), 10);
        assert!(chart.contains("<code>rule-00</code>"));
        assert!(chart.contains("<code>rule-09</code>"));
        assert!(!chart.contains("rule-10"));
        assert!(chart.find("rule-00").unwrap() < chart.find("rule-01").unwrap());
        let empty = html(&[], &batch());
        assert!(empty.contains("未发现问题。"));
        assert!(empty.contains("报告 <strong>0</strong> 份"));
    }

    #[test]
    fn matrix_cells_have_symbol_and_word() {
        let out = html(&entries(), &batch());
        assert!(out.contains("✓ 有标题"));
        assert!(out.contains("△ 无标题"));
        assert!(out.contains("✗ 缺失"));
        assert!(out.contains("✓ 有标题（缺原因）"));
        assert!(out.contains("△ 无标题（缺原因）"));
        assert!(out.contains("✗ 逾期"));
        assert!(out.contains("? 未知"));
        // The row of no-causes.txt, cell by cell after the file.
        let start = out.find("<a href=\"#r6\">").unwrap();
        let row = &out[start..start + out[start..].find("</tr>").unwrap()];
        let cells: Vec<String> = row
            .split("<td")
            .skip(1)
            .map(|c| {
                let c = &c[c.find('>').unwrap() + 1..];
                c[..c.find("</td>").unwrap()].to_string()
            })
            .collect();
        assert_eq!(
            cells,
            [
                esc(T).as_str(),
                "2025",
                "2026-02-10",
                "✓ 按时",
                "✓ 有标题",
                "✓ 有标题（缺原因）",
                "✓ 有标题",
                "✓ 有标题",
                "✓ 有标题",
                "0",
                "1"
            ]
        );
    }

    #[test]
    fn controls_for_sorting_and_filtering() {
        let out = html(&entries(), &batch());
        assert_eq!(
            out.matches("<th scope=\"col\"><button type=\"button\"")
                .count(),
            12
        );
        assert!(out.contains("<input type=\"search\" id=\"q\""));
        assert!(out.contains("只看有错误"));
        assert!(out.contains("只看逾期"));
        assert!(out.contains("只看缺项"));
        assert!(out.contains("id=\"only-errors\""));
        assert!(out.contains("id=\"only-late\""));
        assert!(out.contains("id=\"only-missing\""));
        assert!(out.contains("aria-sort"));
        assert!(out.contains("addEventListener('click'"));
        // The flags the filters read, for late.txt (index 9) and no-causes.txt (6).
        assert!(out.contains(
            "data-err=\"0\" data-late=\"1\" data-miss=\"0\"><td class=\"file\"><a href=\"#r9\">"
        ));
        assert!(out.contains(
            "data-err=\"0\" data-late=\"0\" data-miss=\"1\"><td class=\"file\"><a href=\"#r6\">"
        ));
        assert!(out.contains("<div class=\"scroll\">"));
        assert!(out.contains("overflow-x: auto"));
    }

    #[test]
    fn print_and_phone_styles() {
        let out = html(&entries(), &batch());
        assert!(out.contains("@media print"));
        assert!(out.contains("size: A4"));
        assert!(out.contains("size: A4 landscape"));
        assert!(out.contains("break-inside: avoid"));
        assert!(out.contains("break-before: page"));
        assert!(out.contains("name=\"viewport\""));
    }

    #[test]
    fn findings_in_context() {
        let out = html(&entries(), &batch());
        // Same line: the characters column..end_column.
        assert!(out.contains("<p class=\"ctx\">本年度共办理行政复议案件<mark>XX</mark>件。</p>"));
        // Over more than one line: from the column to the end of the line.
        assert!(
            out.contains("<p class=\"ctx\">一是<mark>&lt;b&gt;加强&lt;/b&gt;××工作</mark></p>")
        );
        assert!(out.contains("<span class=\"sev\">✗ 错误</span> <code>placeholder</code>"));
        assert!(out.contains("警告</span> <code>numbering-gap</code>"));
        assert!(out.contains("提示</span> <code>style</code>"));
        assert!(out.contains("<span class=\"pos\">第8行第13字</span>"));
        assert!(out.contains("<span class=\"pos\">第3段第5字</span>"));
        assert!(out.contains("<p class=\"help\">建议：placeholder：修改建议</p>"));
        assert!(out.contains("未发现问题。"));
    }

    #[test]
    fn long_lines_are_cut_around_the_mark() {
        let line: String = "甲".repeat(500) + "错字" + &"乙".repeat(500);
        let f = finding("typo", "warning", (1, 501), (1, 503), &line);
        let s = context(&f);
        assert!(s.starts_with('…') && s.ends_with('…'));
        assert!(s.contains(&format!(
            "{}<mark>错字</mark>{}",
            "甲".repeat(80),
            "乙".repeat(80)
        )));
        assert_eq!(s.chars().count(), 1 + 80 + 6 + 2 + 7 + 80 + 1);
        // A column past the end marks nothing and does not panic.
        let f = finding("typo", "warning", (1, 99), (1, 120), "短句");
        assert_eq!(context(&f), "短句");
        // An empty range marks nothing.
        let f = finding("typo", "warning", (1, 2), (1, 2), "短句");
        assert_eq!(context(&f), "短句");
    }

    #[test]
    fn output_is_deterministic() {
        let a = html(&entries(), &batch());
        let b = html(&entries(), &batch());
        assert_eq!(a.as_bytes(), b.as_bytes());
        let c = csv(&entries(), &batch());
        let d = csv(&entries(), &batch());
        assert_eq!(c.as_bytes(), d.as_bytes());
    }
}
