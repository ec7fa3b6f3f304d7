//! A report's lines as segments: trimmed, Markdown code blocks and whole-line comments
//! left out, page furniture (a breadcrumb, a share bar) cut out as segments of its own,
//! and Markdown `#` headings given their levels.

use super::grammar;
use crate::pack::vocab::Vocab;
use crate::text::Span;
use crate::text::chars::is_blank;
use crate::text::format;
use crate::text::markdown::CodeFence;
use crate::text::source::Source;

/// A trimmed piece of a line: the whole line, or a piece on either side of furniture
/// cut out of it, or the furniture itself.
#[derive(Debug, Clone)]
pub(super) struct Seg {
    pub(super) span: Span,
    /// 0-based line of the piece.
    pub(super) line: usize,
    /// Whether the piece starts its line.
    pub(super) starts_line: bool,
    /// Whether the piece is page furniture (a breadcrumb, a share bar).
    pub(super) furniture: bool,
    /// A Markdown `#` heading without a Chinese number: its level in the report.
    pub(super) md_level: Option<u8>,
}

/// The span without the blanks at its ends (an empty span at its end when it is all
/// blank).
pub(super) fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.clone()];
    let start = s
        .char_indices()
        .find(|&(_, c)| !is_blank(c))
        .map_or(s.len(), |(i, _)| i);
    let end = s[start..]
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_blank(c))
        .map_or(start, |(i, c)| start + i + c.len_utf8());
    span.start + start..span.start + end
}

/// Splits lines into segments, cutting out page furniture.
pub(super) fn segments(src: &Source, vocab: &Vocab) -> Vec<Seg> {
    let text = &src.text;
    let mut out = Vec::with_capacity(src.line_count());
    let comments = format::comments(&src.name);
    let markdown = format::is_markdown(&src.name);
    let mut fence = CodeFence::default();
    // (index in `out`, line, depth) of `#` headings without a Chinese number.
    let mut md_depths: Vec<(usize, usize, u8)> = Vec::new();
    // One scan of the whole text for the literals the inline furniture patterns need:
    // in a text without them no line is asked. (The line patterns need too many
    // literals for a scan to be cheaper than asking the short lines.)
    let f = &vocab.furniture;
    let inline_may = f.inline.may_match(text);
    for line in 0..src.line_count() {
        let mut span = trim_span(text, src.line_range(line));
        let mut md_depth = None;
        let s = &text[span.clone()];
        if markdown {
            // Code blocks are not report text.
            if fence.is_code(s) {
                continue;
            }
            // 「## 一、主要举措」: the hashes go, the Chinese marker makes the heading;
            // 「## 主要举措」: the depth does.
            let hashes = s.bytes().take_while(|&b| b == b'#').count();
            if (1..=6).contains(&hashes) && s[hashes..].starts_with([' ', '\t']) {
                span = trim_span(text, span.start + hashes..span.end);
                if !span.is_empty() && grammar::heading_marker(&text[span.clone()]).is_none() {
                    md_depth = Some(hashes as u8);
                }
            }
        }
        if span.is_empty() {
            continue;
        }
        let s = &text[span.clone()];
        // A whole-line comment (Markdown, HTML; a directive in plain text) is not text
        // of the report.
        if comments.inner(s).is_some() {
            continue;
        }
        if let Some(d) = md_depth {
            md_depths.push((out.len(), line, d));
        }
        // Right below a furniture line (in the text, not in the segments' order).
        let below_furniture = out
            .last()
            .is_some_and(|p: &Seg| p.furniture && p.line + 1 == line);
        if s.chars().count() <= f.max_line_chars
            && (f.lines.is_match(s) || super::page::furniture_line(s, f, below_furniture))
        {
            push_seg(&mut out, text, span, line, true, true);
            continue;
        }
        // One scan for the literals the inline patterns need rules out most lines;
        // only then is each pattern asked where it matches.
        let mut cuts: Vec<Span> = if inline_may && f.inline.may_match(s) {
            f.inline.each_match(s)
        } else {
            Vec::new()
        };
        cuts.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut pos = 0;
        for cut in cuts {
            if cut.end <= pos {
                continue;
            }
            let cut = cut.start.max(pos)..cut.end;
            let before = span.start + pos..span.start + cut.start;
            push_seg(&mut out, text, before, line, pos == 0, false);
            let cut_out = span.start + cut.start..span.start + cut.end;
            push_seg(&mut out, text, cut_out, line, cut.start == 0, true);
            pos = cut.end;
        }
        let rest = span.start + pos..span.end;
        push_seg(&mut out, text, rest, line, pos == 0, false);
    }
    md_levels(&mut out, &md_depths);
    out
}

/// Gives Markdown headings their levels. The shallowest depth is level 1, unless only
/// the first `#` line has it and that line opens the document: it is the report's
/// title, and the next depth is level 1. Levels go no deeper than 4, as the Chinese
/// markers do.
fn md_levels(segs: &mut [Seg], depths: &[(usize, usize, u8)]) {
    let Some(&min) = depths.iter().map(|(_, _, d)| d).min() else {
        return;
    };
    // The title is the document's first text, written with the only shallowest `#`.
    let first_text = segs
        .get(..depths[0].0)
        .is_some_and(|before| before.iter().all(|s| s.furniture));
    let title_only = first_text
        && depths.iter().filter(|(_, _, d)| *d == min).count() == 1
        && depths[0].2 == min;
    let (rest, base) = if title_only {
        let next = depths[1..]
            .iter()
            .map(|(_, _, d)| *d)
            .min()
            .unwrap_or(min + 1);
        (&depths[1..], next)
    } else {
        (depths, min)
    };
    for &(i, line, d) in rest {
        // A furniture line that carried hashes stays furniture; a line that left no
        // segment of its own is no heading.
        if let Some(seg) = segs.get_mut(i).filter(|s| !s.furniture && s.line == line) {
            seg.md_level = Some((d - base + 1).min(4));
        }
    }
}

/// Adds a segment of the span trimmed, unless nothing is left of it.
fn push_seg(
    out: &mut Vec<Seg>,
    text: &str,
    span: Span,
    line: usize,
    starts_line: bool,
    furniture: bool,
) {
    let span = trim_span(text, span);
    if !span.is_empty() {
        out.push(Seg {
            span,
            line,
            starts_line,
            furniture,
            md_level: None,
        });
    }
}
