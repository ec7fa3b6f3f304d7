//! The overview as one self-contained HTML page: the head with the batch's counts, the
//! chart, the matrix and a section per report, with its style and script
//! (`overview.css`, `overview.js`) written into it.

use super::reading::{failure, lateness, severity_counts};
use super::submitted::{self, View};
use super::verdict::{Verdict, decide};
use super::{Batch, Entry, chart, copies, esc, matrix, sections};
use std::fmt::Write as _;

const PAGE_TITLE: &str = "法治政府建设年度报告检查总览";

/// The page's style, written into it so that it needs no other file.
const STYLE: &str = include_str!("overview.css");
/// Sorting by the header buttons and filtering by the controls, written into the page.
/// It reads only the `data-*` attributes the page writes; no text of the reports
/// appears in it.
const SCRIPT: &str = include_str!("overview.js");

fn head(out: &mut String, entries: &[Entry], batch: &Batch, view: &View, pairs: usize) {
    let count = |which: fn(&Entry) -> bool| entries.iter().filter(|e| which(e)).count();
    let with_errors = count(|e| failure(e).is_none() && severity_counts(e).0 > 0);
    let late = count(|e| lateness(e) == Some(true));
    let unreadable = count(|e| failure(e).is_some());
    let sent_back = count(|e| decide(e).verdict == Verdict::Return);
    let _ = write!(
        out,
        "<header>\n<h1>{PAGE_TITLE}</h1>\n<ul class=\"counts\">\
         <li>报告 <strong>{}</strong> 份</li>\
         <li>有错误 <strong>{with_errors}</strong> 份</li>\
         <li>逾期 <strong>{late}</strong> 份</li>\
         <li>无法读取 <strong>{unreadable}</strong> 份</li>\
         <li>退回修改 <strong>{sent_back}</strong> 份</li>{}\
         <li>内容雷同 <strong>{pairs}</strong> 对</li></ul>\n\
         <p class=\"meta\">生成时间：{} · fzlint {} · 规则包 {}</p>\n</header>\n",
        entries.len(),
        match view {
            View::Read(..) => format!(
                "<li>未报送 <strong>{}</strong> 个单位</li>",
                view.missing().len()
            ),
            _ => String::new(),
        },
        esc(&batch.generated),
        esc(&batch.version),
        esc(&batch.pack_version),
    );
}

/// The overview page: one HTML document with no external assets.
pub fn html(entries: &[Entry], batch: &Batch) -> String {
    let mut out = String::with_capacity(16 * 1024 + entries.len() * 2048);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"fzlint {}\">\n\
         <title>{PAGE_TITLE}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        esc(&batch.version)
    );
    // The head, the chart and the matrix print on landscape pages; the reports on
    // portrait ones.
    out.push_str("<main>\n<div class=\"wide\">\n");
    let view = View::of(batch, entries);
    let pairs = batch.copies(entries);
    head(&mut out, entries, batch, &view, pairs.len());
    chart::chart(&mut out, entries, &batch.rule_names);
    matrix::matrix(&mut out, entries, batch.pack.as_ref());
    submitted::section(&mut out, &view, entries);
    copies::section(&mut out, &pairs, entries, &batch.shared);
    out.push_str("</div>\n");
    for (i, e) in entries.iter().enumerate() {
        sections::section(&mut out, i, e, |out| {
            submitted::unit_line(out, &view, i);
            copies::line(out, &pairs, entries, i);
        });
    }
    let _ = write!(
        out,
        "</main>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n"
    );
    out
}
