//! `furniture`: web page furniture pasted into the report.

use super::{Ctx, Finding, snippet};
use crate::parse::tree::BlockKind;
use crate::text::Span;

/// One finding per run of adjacent furniture blocks.
pub fn furniture(ctx: &Ctx) -> Vec<Finding> {
    // On a page read as HTML the furniture belongs to the page, not to the report.
    if ctx.src.format == crate::text::Format::Html {
        return Vec::new();
    }
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
            let lines = ctx.src.lines_of(&span);
            out.push(
                Finding::at(span)
                    .var("text", snippet(&text, 24))
                    .var("lines", lines),
            );
        }
    };
    for b in &r.blocks {
        match (&b.kind, &mut run) {
            (BlockKind::Furniture, Some(s)) => s.end = b.span.end,
            (BlockKind::Furniture, None) => run = Some(b.span.clone()),
            (BlockKind::Head, _) => {}
            _ => flush(&mut run),
        }
    }
    flush(&mut run);
    out
}
