//! Pattern lists, page furniture and citations.

use super::{Ctx, Finding, is_text, snippet};
use crate::parse::tree::{BlockKind, Span};
use crate::rules::spec::{CitationDoc, PatternItem, Scope};
use regex::Regex;
use std::sync::LazyLock;

fn scope_spans(ctx: &Ctx, scope: Scope) -> Vec<Span> {
    let r = ctx.report;
    match scope {
        Scope::Body => r.text_blocks().map(|(_, b)| b.span.clone()).collect(),
        Scope::Title => r
            .title
            .map(|t| vec![r.blocks[t].span.clone()])
            .unwrap_or_default(),
        Scope::Preamble => r
            .preamble
            .iter()
            .map(|&b| r.blocks[b].span.clone())
            .collect(),
        Scope::Headings => r.headings.iter().map(|h| h.title.clone()).collect(),
    }
}

/// One regex that matches wherever any of the items does (their `hit` groups made
/// plain), or None when they cannot be joined (for example a repeated group name).
pub fn prefilter(items: &[PatternItem]) -> Option<Regex> {
    let joined: Vec<String> = items
        .iter()
        .map(|i| format!("(?:{})", i.regex.as_str().replace("(?P<hit>", "(?:")))
        .collect();
    regex::RegexBuilder::new(&joined.join("|"))
        .size_limit(crate::yaml::REGEX_SIZE_LIMIT)
        .build()
        .ok()
}

pub fn patterns(
    ctx: &Ctx,
    scope: Scope,
    items: &[PatternItem],
    pre: Option<&Regex>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for span in scope_spans(ctx, scope) {
        let s = ctx.src.slice(&span);
        if pre.is_some_and(|p| !p.is_match(s)) {
            continue;
        }
        for item in items {
            for c in item.regex.0.captures_iter(s) {
                let Some(m) = c.name("hit").or_else(|| c.get(0)) else {
                    continue;
                };
                if m.is_empty() {
                    continue;
                }
                let before = s[..m.start()].chars().next_back();
                let after = s[m.end()..].chars().next();
                let blocked = |p: &Option<crate::yaml::Pattern>, c: Option<char>| {
                    p.as_ref()
                        .zip(c)
                        .is_some_and(|(p, c)| p.0.is_match(c.encode_utf8(&mut [0; 4])))
                };
                if blocked(&item.unless_before, before) || blocked(&item.unless_after, after) {
                    continue;
                }
                let hit = span.start + m.start()..span.start + m.end();
                let mut f = Finding::at(hit).var("text", m.as_str());
                if let Some(l) = &item.label {
                    f = f.var("label", l.clone());
                }
                out.push(f);
            }
        }
    }
    // Where patterns overlap, the earliest (then longest) match stands for the place.
    out.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
    let mut end = 0;
    out.retain(|f| {
        let keep = f.span.start >= end;
        if keep {
            end = f.span.end;
        }
        keep
    });
    out
}

/// One finding per run of adjacent furniture blocks.
pub fn furniture(ctx: &Ctx) -> Vec<Finding> {
    let r = ctx.report;
    let mut out = Vec::new();
    let mut run: Option<Span> = None;
    let mut flush = |run: &mut Option<Span>| {
        if let Some(span) = run.take() {
            let text = ctx
                .src
                .slice(&span)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let lines = (ctx.src.line_col(span.start).0, ctx.src.line_col(span.end).0);
            out.push(Finding::at(span).var("text", snippet(&text, 24)).var(
                "lines",
                if lines.0 == lines.1 {
                    format!("第{}行", lines.0)
                } else {
                    format!("第{}—{}行", lines.0, lines.1)
                },
            ));
        }
    };
    for b in &r.blocks {
        match (&b.kind, &mut run) {
            (BlockKind::Furniture, Some(s)) => s.end = b.span.end,
            (BlockKind::Furniture, None) => run = Some(b.span.clone()),
            (BlockKind::Head, _) => {}
            (k, _) if is_text(k) => flush(&mut run),
            _ => {}
        }
    }
    flush(&mut run);
    out
}

static CITED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"《([^《》\n]{1,80})》").expect("valid"));

/// Dash variants and brackets folded, so that only real garbling differs.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_dash = false;
    for c in s.chars() {
        let c = match c {
            '—' | '–' | '-' | '~' | '〜' | '―' | '－' => '—',
            '(' => '(',
            ')' => ')',
            c => c,
        };
        if c == '—' && last_dash {
            continue;
        }
        last_dash = c == '—';
        if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

pub fn citation(ctx: &Ctx, docs: &[CitationDoc]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (_, b) in ctx.report.text_blocks() {
        let s = ctx.src.slice(&b.span);
        for c in CITED.captures_iter(s) {
            let (Some(all), Some(title)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let meant: Vec<&CitationDoc> = docs
                .iter()
                .filter(|d| d.matches.0.is_match(title.as_str()))
                .collect();
            if meant.is_empty() {
                continue;
            }
            let folded = fold(title.as_str());
            if meant.iter().any(|d| fold(&d.canonical) == folded) {
                continue;
            }
            let span = b.span.start + all.start()..b.span.start + all.end();
            out.push(
                Finding::at(span)
                    .var("found", all.as_str())
                    .var("canonical", format!("《{}》", meant[0].canonical)),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn folding_ignores_dash_and_bracket_width() {
        assert_eq!(
            super::fold("纲要（2021-2025年）"),
            super::fold("纲要（2021——2025年）")
        );
        assert_ne!(
            super::fold("纲要（2021—2025）年"),
            super::fold("纲要（2021—2025年）")
        );
    }
}
