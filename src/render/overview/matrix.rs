//! The matrix: a row per report with its facts and contents, sortable and filterable
//! by the `data-*` attributes the page's script reads.

use super::reading::{
    contents, failure, lateness, packs_of, published, severity_counts, title, year,
};
use super::verdict::{Decision, Verdict, decide};
use super::{Entry, esc, shown_or};
use crate::pack::overview::Overview;
use std::fmt::Write as _;
use std::sync::Arc;

/// The matrix columns before the contents: header, and whether the column sorts as a
/// number. The verdict comes right after the file, where an office looks first.
const HEAD: [(&str, bool); 6] = [
    ("文件", false),
    ("审核结论", true),
    ("标题", false),
    ("报告年度", true),
    ("公开日期", false),
    ("逾期", false),
];

/// The matrix columns after the contents.
const TAIL: [(&str, bool); 2] = [("错误", true), ("警告", true)];

/// The matrix columns: [`HEAD`], the contents columns of the pack's overview (sorting
/// as numbers), [`TAIL`].
fn matrix_columns(v: &Overview) -> Vec<(&str, bool)> {
    HEAD.into_iter()
        .chain(v.columns.iter().map(|c| (c.label.as_str(), true)))
        .chain(TAIL)
        .collect()
}

/// The verdict's cell: its sort key (退回修改 highest), its value for the filter, and
/// the cell with its class, the word and the reasons.
fn verdict_cell(d: &Decision, notice: Option<&str>) -> (String, &'static str, String) {
    let (class, key) = match d.verdict {
        Verdict::Pass => ("ok", "pass"),
        Verdict::Amend => ("part", "amend"),
        Verdict::Return => ("miss", "return"),
    };
    let basis = d.basis();
    let why = if basis.is_empty() {
        String::new()
    } else {
        format!("<span class=\"basis\">{}</span>", esc(&basis))
    };
    let link = notice
        .map(|href| format!("<a class=\"notice\" href=\"{}\">审核意见</a>", esc(href)))
        .unwrap_or_default();
    (
        (d.verdict as u8).to_string(),
        key,
        format!(
            "<td class=\"{class} verdict\">{}{why}{link}</td>",
            esc(&d.label())
        ),
    )
}

/// The matrices: one for the reports read with the batch's pack (sortable and
/// filterable, naming its pack when there are others), and one more for the reports of
/// each other pack their titles chose, each with its pack's columns.
pub(super) fn matrix(out: &mut String, entries: &[Entry], pack: Option<&Arc<Overview>>) {
    let packs = packs_of(entries, pack);
    for (k, (view, places)) in packs.iter().enumerate() {
        let columns = matrix_columns(view);
        if k == 0 {
            first_head(out, view, &columns, packs.len() > 1);
        } else {
            other_head(out, view, &columns);
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for &i in places {
            matrix_row(out, i, &entries[i], columns.len());
        }
        out.push_str("</tbody>\n</table>\n</div>\n</section>\n");
    }
}

/// The head of the batch's own pack's matrix, with the controls the page's script
/// drives.
fn first_head(out: &mut String, view: &Overview, columns: &[(&str, bool)], several: bool) {
    let named = if several {
        format!("：{}", esc(&view.name))
    } else {
        String::new()
    };
    let _ = write!(
        out,
        "<section id=\"overview\" aria-labelledby=\"overview-h\">\n<h2 id=\"overview-h\">逐份检查结果{named}</h2>\n"
    );
    out.push_str(
        "<div class=\"controls\" id=\"controls\" hidden>\
         <input type=\"search\" id=\"q\" placeholder=\"按文件名或标题筛选\" aria-label=\"按文件名或标题筛选\">\
         <label><input type=\"checkbox\" id=\"only-errors\"> 只看有错误</label>\
         <label><input type=\"checkbox\" id=\"only-late\"> 只看逾期</label>\
         <label><input type=\"checkbox\" id=\"only-missing\"> 只看缺项</label>\
         <label>审核结论 <select id=\"verdict\"><option value=\"\">全部</option>\
         <option value=\"return\">退回修改</option><option value=\"amend\">补充后通过</option>\
         <option value=\"pass\">通过</option></select></label>\
         <span class=\"shown\" id=\"shown\" aria-live=\"polite\"></span></div>\n",
    );
    out.push_str("<div class=\"scroll\">\n<table class=\"matrix\" id=\"matrix\">\n<thead><tr>");
    for (i, (h, numeric)) in columns.iter().enumerate() {
        let _ = write!(
            out,
            "<th scope=\"col\"><button type=\"button\" data-col=\"{i}\" data-num=\"{}\">{}<span class=\"arrow\" aria-hidden=\"true\"></span></button></th>",
            u8::from(*numeric),
            esc(h)
        );
    }
}

/// The head of the matrix of the reports another pack read, with that pack's columns
/// (not sorted or filtered by the page's script).
fn other_head(out: &mut String, view: &Overview, columns: &[(&str, bool)]) {
    let id = esc(&view.pack);
    let _ = write!(
        out,
        "<section id=\"overview-{id}\" aria-labelledby=\"overview-{id}-h\">\n<h2 id=\"overview-{id}-h\">逐份检查结果：{}</h2>\n<div class=\"scroll\">\n<table class=\"matrix\" id=\"matrix-{id}\">\n<thead><tr>",
        esc(&view.name)
    );
    for (h, _) in columns {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(h));
    }
}

/// A report's row, in a matrix of `width` columns.
fn matrix_row(out: &mut String, i: usize, e: &Entry, width: usize) {
    let path = esc(&e.path);
    let link = format!("<td class=\"file\"><a href=\"#r{i}\">{path}</a></td>");
    let decision = decide(e);
    let (verdict_rank, verdict, verdict_td) = verdict_cell(&decision, e.notice.as_deref());
    if let Some(err) = failure(e) {
        let _ = writeln!(
            out,
            "<tr class=\"unreadable\" data-i=\"{i}\" data-k0=\"{path}\" data-k1=\"{verdict_rank}\" data-q=\"{path}\" data-err=\"1\" data-late=\"0\" data-miss=\"0\" data-verdict=\"{verdict}\">{link}{verdict_td}<td class=\"why\" colspan=\"{}\">✗ 无法读取：{}</td></tr>",
            width - 2,
            esc(err)
        );
        return;
    }
    let Some(o) = e.outline.as_ref() else {
        return;
    };
    let (errors, warnings, _) = severity_counts(e);
    let late = lateness(e);
    let cs = contents(o, &e.view);
    let missing = e.view.required.iter().any(|p| !o.parts.contains_key(p));
    let mut keys: Vec<String> = vec![
        e.path.clone(),
        verdict_rank,
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
    // A content lacking what makes it whole (shortcomings without causes) sorts just
    // below one with it.
    keys.extend(
        cs.iter()
            .map(|c| (u32::from(c.status.rank()) * 2 + u32::from(c.lacking.is_none())).to_string()),
    );
    keys.extend([errors.to_string(), warnings.to_string()]);
    let _ = write!(out, "<tr data-i=\"{i}\"");
    for (k, v) in keys.iter().enumerate() {
        let _ = write!(out, " data-k{k}=\"{}\"", esc(v));
    }
    let _ = write!(
        out,
        " data-q=\"{}\" data-err=\"{}\" data-late=\"{}\" data-miss=\"{}\" data-verdict=\"{verdict}\">",
        esc(&format!("{} {}", e.path, title(o))),
        u8::from(errors > 0),
        u8::from(late == Some(true)),
        u8::from(missing)
    );
    out.push_str(&link);
    out.push_str(&verdict_td);
    let or_none = |s: &str| shown_or(s, "<span class=\"none\">（未找到）</span>");
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
        let class = if c.lacking.is_some() {
            "part"
        } else {
            c.status.class()
        };
        let _ = write!(
            out,
            "<td class=\"{class} nowrap\">{} {}</td>",
            c.status.symbol(),
            esc(&c.text())
        );
    }
    let _ = writeln!(
        out,
        "<td class=\"num{}\">{errors}</td><td class=\"num\">{warnings}</td></tr>",
        if errors > 0 { " has-errors" } else { "" }
    );
}
