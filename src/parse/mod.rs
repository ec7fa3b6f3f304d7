//! From normalised text to a [`Report`]: split into lines and segments in Rust, ask the
//! pest grammar what each bounded slice is, then make the document-level decisions
//! (where the body starts, whether headings start lines or run inline) and build the
//! heading tree. The parser never fails: text it does not recognise is a paragraph.
//!
//! Its rooms: `segments` (lines to segments: Markdown, comments, page furniture),
//! `page` (page furniture by its shape), `head` (the title, the salutation and the
//! lines around them), `bare` (headings without a number), `inline` (headings in a
//! report written as one line), `finish` (the heading tree, enumeration items, preamble
//! and dates), [`grammar`] (the only place that touches pest) and [`tree`] (the types
//! of the parsed report).

pub mod grammar;
pub mod tree;

mod bare;
mod finish;
mod head;
mod inline;
mod page;
mod segments;

use crate::pack::vocab::Vocab;
use crate::text::Span;
use crate::text::chars::{FULL_STOPS, is_han};
use crate::text::source::Source;
use grammar::MarkerParse;
use head::HeadLine;
use inline::InlineState;
use segments::{Seg, trim_span};
use tree::*;

/// Parses a report. Never fails.
pub fn parse(src: &Source, vocab: &Vocab) -> Report {
    let text = &src.text;
    let mut segs = segments::segments(src, vocab);
    // The marker of each segment that starts a line, asked once. A table's rows are
    // never headings, whatever they start with.
    let mut markers: Vec<Option<MarkerParse>> = segs
        .iter()
        .map(|s| {
            (!s.furniture && s.starts_line && !src.in_table(s.line))
                .then(|| grammar::heading_marker(&text[s.span.clone()]))
                .flatten()
        })
        .collect();
    keep_broken_markers(&mut markers, &segs, text);
    let mut title_at = head::find_title(&segs, &markers, text, vocab);
    if let Some(t) = title_at
        && let Some(lead) = head::glued_lead(&text[segs[t].span.clone()])
    {
        // A column tag or a mirror site's banner glued to the title is the page's.
        let seg = segs[t].clone();
        let cut = seg.span.start + lead;
        segs[t].span = trim_span(text, cut..seg.span.end);
        segs[t].starts_line = false;
        segs.insert(
            t,
            Seg {
                span: trim_span(text, seg.span.start..cut),
                furniture: true,
                ..seg
            },
        );
        markers.insert(t, None);
        title_at = Some(t + 1);
    }
    // Headings without a number, where the report's shape (or a Word file's
    // formatting) says so.
    for (i, level) in bare::bare_headings(src, &segs, &markers, title_at, vocab) {
        markers[i] = Some(MarkerParse::bare(level));
    }
    let line_start_headings = segs
        .iter()
        .zip(&markers)
        .filter(|(s, m)| !s.furniture && s.starts_line && (s.md_level.is_some() || m.is_some()))
        .count();
    let mut r = Report {
        // A Markdown `#` heading starts its line by its nature.
        line_mode: line_start_headings >= 2 || segs.iter().any(|s| s.md_level.is_some()),
        ..Report::default()
    };
    let mut in_head = true;
    let mut tail = false;
    let mut st = InlineState::default();

    for (si, seg) in segs.iter().enumerate() {
        let s = &text[seg.span.clone()];
        if seg.furniture {
            push_block(&mut r, BlockKind::Furniture, seg);
            continue;
        }
        let marker = if seg.starts_line {
            markers[si].or(seg.md_level.map(MarkerParse::bare))
        } else if !r.line_mode {
            grammar::heading_marker(s).or(seg.md_level.map(MarkerParse::bare))
        } else {
            None
        };
        if in_head {
            let line = match marker {
                None => head::head_line(&mut r, &segs, si, title_at, text, vocab),
                Some(_) => HeadLine::Body,
            };
            match line {
                HeadLine::Head => continue,
                HeadLine::Salutation => {
                    in_head = false;
                    continue;
                }
                HeadLine::Body => in_head = false,
            }
        }
        // After the closing, or from an attachment list (附件:1.… 2.…) on, numbered
        // lines are not headings of the report.
        if r.closing.is_some() || s.starts_with("附件") {
            tail = true;
        }
        if tail {
            body_block(&mut r, &segs, si, text);
            continue;
        }
        if r.line_mode || src.in_table(seg.line) {
            match marker {
                Some(m) if seg.starts_line => {
                    let h = make_heading(text, &seg.span, &m, false);
                    push_heading(&mut r, h, seg);
                }
                _ => body_block(&mut r, &segs, si, text),
            }
            continue;
        }
        // Inline mode: headings may start anywhere after a sentence boundary.
        let found = inline::inline_markers(text, &seg.span, &mut st);
        if found.is_empty() {
            body_block(&mut r, &segs, si, text);
            continue;
        }
        let pre = Seg {
            span: trim_span(text, seg.span.start..found[0].0),
            ..seg.clone()
        };
        if !pre.span.is_empty() {
            push_block(&mut r, BlockKind::Paragraph, &pre);
        }
        for (k, (start, m)) in found.iter().enumerate() {
            let end = found.get(k + 1).map_or(seg.span.end, |f| f.0);
            let span = trim_span(text, *start..end);
            let starts_line = seg.starts_line && *start == seg.span.start;
            let h = make_heading(text, &span, m, !starts_line);
            let piece = Seg {
                span,
                line: src.line_index(*start),
                starts_line,
                furniture: false,
                md_level: None,
            };
            push_heading(&mut r, h, &piece);
        }
    }
    if in_head {
        // No body was found: the short lines were the text itself.
        for b in r.blocks.iter_mut().filter(|b| b.kind == BlockKind::Head) {
            b.kind = BlockKind::Paragraph;
        }
    }
    finish::finish(&mut r, text, vocab);
    r
}

/// The heading whose marker starts `span`: its title runs to the first full stop, what
/// follows is its body.
fn make_heading(text: &str, span: &Span, m: &MarkerParse, inline: bool) -> Heading {
    // The probe may have seen spaces past the end of a trimmed span.
    let marker = span.start..(span.start + m.marker_len).min(span.end);
    let t0 = (marker.end + m.space_len).min(span.end);
    let space = (t0 > marker.end).then_some(marker.end..t0);
    let rest = &text[t0..span.end];
    let (title, terminator, body) = match rest.find(FULL_STOPS) {
        Some(p) => {
            let term_len = rest[p..].chars().next().map_or(0, char::len_utf8);
            (
                trim_span(text, t0..t0 + p),
                Some(t0 + p..t0 + p + term_len),
                trim_span(text, t0 + p + term_len..span.end),
            )
        }
        None => (trim_span(text, t0..span.end), None, span.end..span.end),
    };
    Heading {
        block: 0,
        level: m.level,
        number: m.number,
        form: m.form,
        marker,
        space,
        title,
        terminator,
        body,
        parent: None,
        inline,
    }
}

/// A level-2 marker that lost one bracket (一) or (一) is kept only where it continues
/// its level's numbering: the nearest level-1 or level-2 marker before it is its
/// predecessor at level 2 (n-1), or the nearest after it is its successor (n+1). A
/// bracket opened and soon closed, 「(一网通办)」, is a parenthesis, not a marker.
fn keep_broken_markers(markers: &mut [Option<MarkerParse>], segs: &[Seg], text: &str) {
    let outer = |m: &Option<MarkerParse>| m.filter(|m| m.level <= 2);
    for i in 0..markers.len() {
        let Some(m) = markers[i].filter(|m| m.form == MarkerForm::CnParenBroken) else {
            continue;
        };
        let before = markers[..i].iter().rev().find_map(outer);
        let after = markers[i + 1..].iter().find_map(outer);
        let follows = before.is_some_and(|b| b.level == 2 && b.number + 1 == m.number);
        let precedes = after.is_some_and(|a| a.level == 2 && a.number == m.number + 1);
        let s = &text[segs[i].span.clone()];
        // Closed soon after, or closed after filler with no word between (「(一___)」: a
        // whole marker with a blank in it, not one that lost its half).
        let rest = || s[m.marker_len..].chars();
        let parenthesis = s.starts_with('(')
            && (rest().take(12).any(|c| c == ')')
                || rest().take_while(|&c| !is_han(c)).any(|c| c == ')'));
        if !(follows || precedes) || parenthesis {
            markers[i] = None;
        }
    }
}

fn push_block(r: &mut Report, kind: BlockKind, seg: &Seg) {
    r.blocks.push(Block {
        kind,
        span: seg.span.clone(),
        line: seg.line,
        starts_line: seg.starts_line,
    });
}

fn push_heading(r: &mut Report, mut h: Heading, seg: &Seg) {
    h.block = r.blocks.len();
    push_block(r, BlockKind::Heading(r.headings.len()), seg);
    r.headings.push(h);
}

/// A body segment that is not a heading: closing, signature, date line or paragraph.
fn body_block(r: &mut Report, segs: &[Seg], si: usize, text: &str) {
    let seg = &segs[si];
    let s = &text[seg.span.clone()];
    let kind = if grammar::is_closing(s) {
        BlockKind::Closing
    } else if grammar::date_line(s).is_some() {
        BlockKind::DateLine
    } else if head::head_like(s, 40) && signature_position(r, segs, si, text) {
        BlockKind::Signature
    } else {
        BlockKind::Paragraph
    };
    if kind == BlockKind::Closing {
        r.closing = Some(r.blocks.len());
    }
    push_block(r, kind, seg);
}

/// A short line after the closing, or just above a final date line.
fn signature_position(r: &Report, segs: &[Seg], si: usize, text: &str) -> bool {
    if r.closing.is_some() {
        return true;
    }
    let rest: Vec<&Seg> = segs[si + 1..]
        .iter()
        .filter(|s| !s.furniture)
        .take(3)
        .collect();
    rest.len() <= 2
        && rest
            .iter()
            .any(|s| grammar::date_line(&text[s.span.clone()]).is_some())
}

#[cfg(test)]
mod tests;
