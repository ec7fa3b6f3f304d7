//! A section per report: its facts, its contents and its findings, each shown in the
//! line it was found in.

use super::reading::{contents, failure, lateness, published, severity_counts, title, year};
use super::verdict::decide;
use super::{Entry, Finding, esc, shown_or};
use crate::render::json::JsonDiagnostic;
use std::fmt::Write as _;

/// How a finding's line is cut to show it.
pub(super) struct Cut {
    /// The line is cut only when it is longer than this many characters (0: always).
    pub window: usize,
    /// Characters kept on each side of the finding's characters.
    pub margin: usize,
    /// The finding's characters shown at most.
    pub mark_max: usize,
    /// What is written before and after the finding's characters.
    pub marks: [&'static str; 2],
    /// Each piece of the line's text as it is written (escaped for a page).
    pub text: fn(&str) -> String,
}

/// A finding's line on the page: a long line as a window around the mark.
const CONTEXT: Cut = Cut {
    window: 240,
    margin: 80,
    mark_max: 200,
    marks: ["<mark>", "</mark>"],
    text: esc,
};

fn severity_label(sev: &str) -> (&'static str, &'static str, &'static str) {
    // (class, symbol, word); U+FE0E asks for the text form of the symbol, not an emoji.
    match sev {
        "error" => ("error", "✗", "错误"),
        "warning" => ("warning", "⚠\u{FE0E}", "警告"),
        _ => ("info", "ℹ\u{FE0E}", "提示"),
    }
}

pub(super) fn position(d: &JsonDiagnostic) -> String {
    match &d.location {
        Some(l) => l.clone(),
        None => format!("第{}行第{}字", d.line, d.column),
    }
}

/// The line with the finding's characters wrapped in `<mark>` (escaped), cut to a
/// window around the mark when the line is long.
pub(super) fn context(f: &Finding) -> String {
    excerpt(f, &CONTEXT)
}

/// A finding's line with its characters between the marks, cut as `cut` says, "…"
/// where something is cut.
pub(super) fn excerpt(f: &Finding, cut: &Cut) -> String {
    let Cut {
        window,
        margin,
        mark_max,
        marks: [open, close],
        text,
    } = *cut;
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
    let end_shown = end.min(start + mark_max);
    let (from, to) = if len <= window {
        (0, len)
    } else {
        (start.saturating_sub(margin), (end_shown + margin).min(len))
    };
    let text = |a: usize, b: usize| text(&chars[a..b].iter().collect::<String>());
    let mut s = String::new();
    if from > 0 || shift > 0 {
        s.push('…');
    }
    s.push_str(&text(from, start));
    if end_shown > start {
        s.push_str(open);
        s.push_str(&text(start, end_shown));
        if end_shown < end {
            s.push('…');
        }
        s.push_str(close);
    }
    s.push_str(&text(end_shown, to));
    if to < len {
        s.push('…');
    }
    s
}

/// A report's section; `unit` writes the line on the unit it is from.
pub(super) fn section(out: &mut String, i: usize, e: &Entry, unit: impl FnOnce(&mut String)) {
    let _ = write!(
        out,
        "<section class=\"report\" id=\"r{i}\">\n<h2>{}. {}</h2>\n",
        i + 1,
        esc(&e.path)
    );
    unit(out);
    let decision = decide(e);
    let basis = decision.basis();
    let _ = writeln!(
        out,
        "<p class=\"verdict\">审核结论：<strong>{}</strong>{}{}</p>",
        esc(&decision.label()),
        if basis.is_empty() {
            String::new()
        } else {
            format!("（{}）", esc(&basis))
        },
        e.notice.as_deref().map_or(String::new(), |h| {
            let word = h.strip_suffix(".txt").map_or(String::new(), |s| {
                let w = esc(&format!("{s}.docx"));
                format!("（<a class=\"notice-docx\" href=\"{w}\">Word 版</a>）")
            });
            format!(
                " <a class=\"notice\" href=\"{}\">审核意见</a>{word}",
                esc(h)
            )
        })
    );
    if let Some(err) = failure(e) {
        let _ = writeln!(
            out,
            "<p><span class=\"sev\">✗ 无法读取</span>：{}</p>",
            esc(err)
        );
    } else if let Some(o) = e.outline.as_ref() {
        let shown = |s: &str| shown_or(s, "（未找到）");
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
        for c in contents(o, &e.view) {
            let _ = write!(
                out,
                "<span>{}：{} {}</span>",
                esc(c.label),
                c.status.symbol(),
                esc(&c.text())
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
