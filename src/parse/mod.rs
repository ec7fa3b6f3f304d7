//! From normalised text to a [`Report`]: split into lines and segments in Rust, ask the
//! pest grammar what each bounded slice is, then make the document-level decisions
//! (where the body starts, whether headings start lines or run inline) and build the
//! heading tree. The parser never fails: text it does not recognise is a paragraph.

pub mod grammar;
pub mod tree;

use crate::pack::vocab::Vocab;
use crate::text::Span;
use crate::text::source::Source;
use grammar::MarkerParse;
use std::sync::LazyLock;
use tree::*;

/// Characters after which an inline heading marker may start (a report that is one line).
fn inline_boundary(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';' | ':' | '”' | '’' | ' ')
}
/// Characters that end a heading's title.
const TITLE_END: &[char] = &['。', '!', '?'];

#[derive(Debug, Clone)]
struct Seg {
    span: Span,
    line: usize,
    starts_line: bool,
    furniture: bool,
    /// A Markdown `#` heading without a Chinese number: its level in the report.
    md_level: Option<u8>,
}

fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.clone()];
    let start = span.start + (s.len() - s.trim_start_matches(is_blank_char).len());
    let end = span.start + s.trim_end_matches(is_blank_char).len();
    start..end.max(start)
}

fn is_blank_char(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}')
}

/// Splits lines into segments, cutting out page furniture.
fn segments(src: &Source, vocab: &Vocab) -> Vec<Seg> {
    let text = &src.text;
    let mut out = Vec::with_capacity(src.line_count());
    let comments = crate::text::format::has_comments(&src.name);
    let lower = src.name.to_ascii_lowercase();
    let markdown = lower.ends_with(".md") || lower.ends_with(".markdown");
    let mut fence: Option<&str> = None;
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
            let opener = ["```", "~~~"].into_iter().find(|f| s.starts_with(f));
            match (fence, opener) {
                (None, Some(f)) => {
                    fence = Some(f);
                    continue;
                }
                (Some(f), Some(g)) if f == g => {
                    fence = None;
                    continue;
                }
                (Some(_), _) => continue,
                _ => {}
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
        let s = &text[span.clone()];
        if s.chars().all(is_blank_char) {
            continue;
        }
        // A whole-line comment (Markdown, HTML) is not text of the report.
        if comments && s.starts_with("<!--") && s.ends_with("-->") {
            continue;
        }
        if let Some(d) = md_depth {
            md_depths.push((out.len(), line, d));
        }
        let short = at_most_chars(s, f.max_line_chars);
        if short && f.lines.is_match(s) {
            out.push(Seg {
                span,
                line,
                starts_line: true,
                furniture: true,
                md_level: None,
            });
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
            if cut.start > pos {
                push_text(
                    &mut out,
                    text,
                    span.start + pos..span.start + cut.start,
                    line,
                    pos == 0,
                );
            }
            let fs = trim_span(text, span.start + cut.start..span.start + cut.end);
            if !fs.is_empty() {
                out.push(Seg {
                    span: fs,
                    line,
                    starts_line: cut.start == 0,
                    furniture: true,
                    md_level: None,
                });
            }
            pos = cut.end;
        }
        if pos < s.len() {
            push_text(&mut out, text, span.start + pos..span.end, line, pos == 0);
        }
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

fn push_text(out: &mut Vec<Seg>, text: &str, span: Span, line: usize, starts_line: bool) {
    let span = trim_span(text, span);
    if !span.is_empty() {
        out.push(Seg {
            span,
            line,
            starts_line,
            furniture: false,
            md_level: None,
        });
    }
}

/// Tracks the numbers seen at each level while looking for inline markers.
#[derive(Default)]
struct InlineState {
    last: [u32; 5],
    depth: u8,
    /// Byte offset where the last accepted heading's title began.
    last_title_start: Option<usize>,
}

impl InlineState {
    fn plausible(&self, m: &MarkerParse) -> bool {
        let l = m.level as usize;
        if m.level > self.depth + 1 && !(self.depth == 0 && m.level <= 2) {
            return false;
        }
        let last = self.last[l];
        m.number > last && m.number <= last + 2
    }

    fn accept(&mut self, m: &MarkerParse, title_start: usize) {
        let l = m.level as usize;
        self.last[l] = m.number;
        for deeper in &mut self.last[l + 1..] {
            *deeper = 0;
        }
        self.depth = m.level;
        self.last_title_start = Some(title_start);
    }
}

/// Finds the heading markers inside a long segment (inline mode): (offset, marker).
fn inline_markers(text: &str, span: &Span, st: &mut InlineState) -> Vec<(usize, MarkerParse)> {
    let s = &text[span.clone()];
    let mut found = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        let candidate = c == '(' || c.is_ascii_digit() || grammar::is_numeral(c);
        let boundary = i == 0 || prev.is_some_and(inline_boundary);
        prev = Some(c);
        if !candidate {
            continue;
        }
        // Only a marker after a sentence boundary, or just after a heading's title, can
        // be structure: ask the grammar about no other place.
        let near_title = st
            .last_title_start
            .is_some_and(|t| span.start + i >= t && span.start + i - t <= 160);
        if !boundary && !near_title {
            continue;
        }
        let Some(m) = grammar::heading_marker(&s[i..]) else {
            continue;
        };
        // 「一、2024年工作情况(一)压实…」: a first child right after its parent's title.
        let first_child = m.number == 1
            && m.level == st.depth + 1
            && st.last_title_start.is_some_and(|t| {
                // At most 40 characters (160 bytes) of title, without a sentence end.
                text.get(t..span.start + i).is_some_and(|b| {
                    b.len() <= 160 && b.chars().count() <= 40 && !b.contains(TITLE_END)
                })
            });
        if (boundary || first_child) && st.plausible(&m) {
            st.accept(&m, span.start + i + m.marker_len + m.space_len);
            found.push((span.start + i, m));
        }
    }
    found
}

fn make_heading(text: &str, span: &Span, m: &MarkerParse, inline: bool) -> Heading {
    // The probe may have seen spaces past the end of a trimmed span.
    let marker = span.start..(span.start + m.marker_len).min(span.end);
    let t0 = (marker.end + m.space_len).min(span.end);
    let space = (t0 > marker.end).then_some(marker.end..t0);
    let rest = &text[t0..span.end];
    let (title, terminator, body) = match rest.find(TITLE_END) {
        Some(p) => {
            let term_len = rest[p..].chars().next().map(char::len_utf8).unwrap_or(0);
            let body = trim_span(text, t0 + p + term_len..span.end);
            let body = if body.is_empty() {
                span.end..span.end
            } else {
                body
            };
            (
                trim_span(text, t0..t0 + p),
                Some(t0 + p..t0 + p + term_len),
                body,
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

fn looks_like_title(s: &str, vocab: &Vocab) -> bool {
    s.chars().count() <= vocab.title.max_chars
        && !s.contains('。')
        && !s.ends_with(':')
        && vocab.title.keywords.iter().any(|k| s.contains(k.as_str()))
}

/// The first line of a title broken over two lines.
fn title_start(s: &str) -> bool {
    s.contains("关于")
        || s.ends_with("年度")
        || s.ends_with('年')
        || crate::text::chars::YEAR_RE.is_match(s)
}

/// A line naming an issuing body (青川市人民政府, 云港经济开发区管理委员会), the first
/// line of a title whose second line names the year and subject.
fn issuing_body(s: &str) -> bool {
    [
        "政府",
        "委员会",
        "办事处",
        "局",
        "厅",
        "委",
        "办公室",
        "中心",
    ]
    .iter()
    .any(|e| s.ends_with(e))
}

/// A short line without sentence punctuation: a site name, a repeated title.
fn head_like(s: &str, max_chars: usize) -> bool {
    at_most_chars(s, max_chars) && !s.contains(['。', ',', ';', ':'])
}

/// Whether a text has no more than `max` characters, without counting a long one
/// through (a character is one to four bytes).
fn at_most_chars(s: &str, max: usize) -> bool {
    s.len() <= max || (s.len() <= max.saturating_mul(4) && s.chars().count() <= max)
}

/// Parses a report. Never fails.
pub fn parse(src: &Source, vocab: &Vocab) -> Report {
    let text = &src.text;
    let segs = segments(src, vocab);
    // The marker of each segment that starts a line, asked once.
    let markers: Vec<Option<MarkerParse>> = segs
        .iter()
        .map(|s| {
            (!s.furniture && s.starts_line)
                .then(|| grammar::heading_marker(&text[s.span.clone()]))
                .flatten()
        })
        .collect();
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
            push_block(
                &mut r,
                BlockKind::Furniture,
                seg.span.clone(),
                seg.line,
                seg.starts_line,
            );
            continue;
        }
        let marker = if seg.starts_line || !r.line_mode {
            let m = match seg.starts_line {
                true => markers[si],
                false => grammar::heading_marker(s),
            };
            m.or(seg.md_level.map(|level| MarkerParse {
                level,
                number: 0,
                form: MarkerForm::Hash,
                marker_len: 0,
                space_len: 0,
            }))
        } else {
            None
        };
        if in_head {
            if marker.is_none() {
                if grammar::is_salutation(s) {
                    push_block(
                        &mut r,
                        BlockKind::Salutation,
                        seg.span.clone(),
                        seg.line,
                        seg.starts_line,
                    );
                    r.salutation = Some(r.blocks.len() - 1);
                    in_head = false;
                    continue;
                }
                if r.title.is_none() && looks_like_title(s, vocab) {
                    // A title broken over two lines: 「…关于2024年度」 / 「法治政府建设情况的报告」.
                    let (span, line) = match r.blocks.last() {
                        Some(prev)
                            if prev.kind == BlockKind::Head
                                && seg.line - prev.line <= 2
                                && (title_start(&text[prev.span.clone()])
                                    || s.starts_with("关于")
                                    || issuing_body(&text[prev.span.clone()])) =>
                        {
                            let prev = r
                                .blocks
                                .pop()
                                .map(|b| (b.span.start, b.line))
                                .unwrap_or((seg.span.start, seg.line));
                            (prev.0..seg.span.end, prev.1)
                        }
                        _ => (seg.span.clone(), seg.line),
                    };
                    push_block(&mut r, BlockKind::Title, span, line, seg.starts_line);
                    r.title = Some(r.blocks.len() - 1);
                    continue;
                }
                // …and the other way round: 「关于青石镇2024年度法治政府建设」 / 「情况的报告」.
                if let Some(t) = r.title
                    && t + 1 == r.blocks.len()
                    && seg.line - r.blocks[t].line <= 2
                    && !text[r.blocks[t].span.clone()].ends_with("报告")
                    && s.ends_with("报告")
                    && head_like(s, 20)
                {
                    r.blocks[t].span.end = seg.span.end;
                    continue;
                }
                let max = if r.title.is_some() { 40 } else { 30 };
                if head_like(s, max) && grammar::date_line(s).is_none() {
                    push_block(
                        &mut r,
                        BlockKind::Head,
                        seg.span.clone(),
                        seg.line,
                        seg.starts_line,
                    );
                    continue;
                }
            }
            in_head = false;
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
        if r.line_mode {
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
        let found = inline_markers(text, &seg.span, &mut st);
        if found.is_empty() {
            body_block(&mut r, &segs, si, text);
            continue;
        }
        if found[0].0 > seg.span.start {
            let pre = Seg {
                span: trim_span(text, seg.span.start..found[0].0),
                ..seg.clone()
            };
            if !pre.span.is_empty() {
                push_block(
                    &mut r,
                    BlockKind::Paragraph,
                    pre.span,
                    pre.line,
                    pre.starts_line,
                );
            }
        }
        for (k, (start, m)) in found.iter().enumerate() {
            let end = found.get(k + 1).map(|f| f.0).unwrap_or(seg.span.end);
            let span = trim_span(text, *start..end);
            let h = make_heading(
                text,
                &span,
                m,
                !(seg.starts_line && *start == seg.span.start),
            );
            let line = src.line_index(*start);
            let piece = Seg {
                span,
                line,
                starts_line: seg.starts_line && *start == seg.span.start,
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
    finish(&mut r, text, vocab);
    r
}

fn push_block(r: &mut Report, kind: BlockKind, span: Span, line: usize, starts_line: bool) {
    r.blocks.push(Block {
        kind,
        span,
        line,
        starts_line,
    });
}

fn push_heading(r: &mut Report, mut h: Heading, seg: &Seg) {
    h.block = r.blocks.len();
    r.headings.push(h);
    let idx = r.headings.len() - 1;
    push_block(
        r,
        BlockKind::Heading(idx),
        seg.span.clone(),
        seg.line,
        seg.starts_line,
    );
}

/// A body segment that is not a heading: closing, signature, date line or paragraph.
fn body_block(r: &mut Report, segs: &[Seg], si: usize, text: &str) {
    let seg = &segs[si];
    let s = &text[seg.span.clone()];
    let kind = if grammar::is_closing(s) {
        BlockKind::Closing
    } else if grammar::date_line(s).is_some() {
        BlockKind::DateLine
    } else if head_like(s, 40) && signature_position(r, segs, si, text) {
        BlockKind::Signature
    } else {
        BlockKind::Paragraph
    };
    if kind == BlockKind::Closing {
        r.closing = Some(r.blocks.len());
    }
    push_block(r, kind, seg.span.clone(), seg.line, seg.starts_line);
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

/// Where enumeration items (一是, 二是 …) start in a text, with their numbers: at the
/// start or after a sentence end. An item is one to three Chinese numerals and 是, so
/// only the places before each 是 are asked (是 is far rarer than a sentence end).
fn enumeration_items(s: &str) -> impl Iterator<Item = (usize, u32)> + '_ {
    // The searcher is made once, not for every segment.
    static IS: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("是"));
    IS.find_iter(s.as_bytes()).flat_map(move |j| {
        // Numerals are three bytes each in UTF-8; the earliest start first.
        (1..=3usize).rev().filter_map(move |k| {
            let i = j.checked_sub(3 * k)?;
            let numbers = s.get(i..j)?;
            if !numbers.chars().all(grammar::is_numeral) {
                return None;
            }
            let at_boundary = s[..i]
                .chars()
                .next_back()
                .is_none_or(|p| matches!(p, '。' | ';' | ':' | '!' | '?'));
            if !at_boundary {
                return None;
            }
            grammar::enum_item(&s[i..]).map(|n| (i, n))
        })
    })
}

fn finish(r: &mut Report, text: &str, vocab: &Vocab) {
    // The heading tree.
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..r.headings.len() {
        let level = r.headings[i].level;
        while stack.last().is_some_and(|&p| r.headings[p].level >= level) {
            stack.pop();
        }
        r.headings[i].parent = stack.last().copied();
        stack.push(i);
    }
    // Enumeration items (一是…二是…) at the start of a paragraph or after a sentence end.
    for (b, block) in r.blocks.iter().enumerate() {
        if !matches!(block.kind, BlockKind::Paragraph | BlockKind::Heading(_)) {
            continue;
        }
        let s = &text[block.span.clone()];
        for (i, n) in enumeration_items(s) {
            let len = s[i..].find('是').map(|p| p + '是'.len_utf8()).unwrap_or(0);
            r.enumerations
                .push((b, n, block.span.start + i..block.span.start + i + len));
        }
    }
    // The preamble: paragraphs before the first heading.
    let first_heading = r
        .headings
        .first()
        .map(|h| h.block)
        .unwrap_or(r.blocks.len());
    r.preamble = (0..first_heading)
        .filter(|&b| r.blocks[b].kind == BlockKind::Paragraph)
        .collect();
    if r.headings.is_empty() {
        r.preamble.truncate(1);
    }
    // The 成文 date: the last date line after the last heading.
    let last_heading = r.headings.last().map(|h| h.block).unwrap_or(0);
    if let Some(b) = r.blocks.iter().rposition(|b| b.kind == BlockKind::DateLine)
        && b >= last_heading
    {
        let span = r.blocks[b].span.clone();
        if let Some((start, len, year, month, day, form)) = grammar::date_line(&text[span.clone()])
        {
            let s = span.start + start;
            r.signature_date = Some(DateRef {
                span: s..s + len,
                year,
                month,
                day,
                form,
            });
        }
    }
    // Page metadata dates.
    for b in &r.blocks {
        if b.kind != BlockKind::Furniture {
            continue;
        }
        let s = &text[b.span.clone()];
        for cap in vocab.furniture.meta_key.re().captures_iter(s) {
            let (Some(all), Some(key)) = (cap.get(0), cap.get(1)) else {
                continue;
            };
            let after = b.span.start + all.end();
            let date = grammar::date_prefix(&text[after..b.span.end]).map(
                |(len, year, month, day, form)| DateRef {
                    span: after..after + len,
                    year,
                    month,
                    day,
                    form,
                },
            );
            r.meta.push(Meta {
                key: key.as_str().to_string(),
                span: b.span.start + all.start()..after,
                date,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn at_most_chars_is_the_count_compared() {
        for s in [
            "",
            "a",
            "甲",
            "甲乙丙",
            "abc",
            "😀😀",
            "甲a😀b乙",
            &"甲".repeat(50),
        ] {
            for max in 0..60 {
                assert_eq!(
                    super::at_most_chars(s, max),
                    s.chars().count() <= max,
                    "{s} {max}"
                );
            }
        }
    }

    #[test]
    fn enumeration_items_are_found_where_a_scan_of_every_character_finds_them() {
        // The scan this replaces: every character after a sentence end, asked.
        fn every_character(s: &str) -> Vec<(usize, u32)> {
            let mut out = Vec::new();
            let mut prev: Option<char> = None;
            for (i, c) in s.char_indices() {
                let at_boundary = prev.is_none_or(|p| matches!(p, '。' | ';' | ':' | '!' | '?'));
                prev = Some(c);
                if at_boundary
                    && super::grammar::is_numeral(c)
                    && let Some(n) = super::grammar::enum_item(&s[i..])
                {
                    out.push((i, n));
                }
            }
            out
        }
        let alphabet = [
            '一', '二', '十', '是', '。', ';', ',', '甲', 'O', '0', '〇', ' ',
        ];
        let mut found = 0;
        for t in crate::testing::random_texts(&alphabet, 11, 5000, 16) {
            let got: Vec<(usize, u32)> = super::enumeration_items(&t).collect();
            assert_eq!(got, every_character(&t), "{t:?}");
            found += got.len();
        }
        assert!(found > 100, "{found}");
    }

    use super::*;

    fn parse_str(s: &str) -> (Source, Report) {
        let src = Source::new("t", s);
        let r = parse(&src, &Vocab::builtin());
        (src, r)
    }

    fn titles(src: &Source, r: &Report) -> Vec<(u8, u32, String)> {
        r.headings
            .iter()
            .map(|h| (h.level, h.number, src.slice(&h.title).to_string()))
            .collect()
    }

    #[test]
    fn line_mode_headings_and_head() {
        let (src, r) = parse_str(
            "青石镇2024年度法治政府建设工作报告\n县委、县政府:\n2024年,青石镇扎实推进。现将有关情况报告如下:\n一、主要举措\n(一)强化学习。全年学法4次。\n1. 组织培训\n二、存在的问题\n特此报告。\n青石镇人民政府\n2025年2月3日\n",
        );
        assert!(r.line_mode);
        assert_eq!(
            src.slice(&r.blocks[r.title.unwrap()].span),
            "青石镇2024年度法治政府建设工作报告"
        );
        assert!(r.salutation.is_some());
        assert_eq!(r.preamble.len(), 1);
        assert_eq!(
            titles(&src, &r),
            vec![
                (1, 1, "主要举措".into()),
                (2, 1, "强化学习".into()),
                (3, 1, "组织培训".into()),
                (1, 2, "存在的问题".into())
            ]
        );
        assert!(!r.headings[1].title_only());
        assert!(r.headings[2].space.is_some());
        assert_eq!(r.headings[2].parent, Some(1));
        assert!(r.closing.is_some());
        assert_eq!(
            r.signature_date.as_ref().map(|d| (d.year, d.month, d.day)),
            Some((2025, 2, 3))
        );
        assert!(r.blocks.iter().any(|b| b.kind == BlockKind::Signature));
    }

    #[test]
    fn markdown_hashes_are_headings_by_depth() {
        let md = "# 青石镇2024年度法治政府建设工作报告\n\n2024年,青石镇推进依法行政。\n\n## 主要举措\n\n### 健全决策机制\n\n审查决策5件。\n\n1. 组织培训\n\n## 二、存在的不足\n\n```\n## 代码里的不是标题\n```\n\n力量不足。\n";
        let src = Source::new("r.md", md);
        let r = parse(&src, &Vocab::builtin());
        assert_eq!(
            src.slice(&r.blocks[r.title.unwrap()].span),
            "青石镇2024年度法治政府建设工作报告"
        );
        assert_eq!(
            titles(&src, &r),
            vec![
                (1, 0, "主要举措".into()),
                (2, 0, "健全决策机制".into()),
                (3, 1, "组织培训".into()),
                (1, 2, "存在的不足".into())
            ]
        );
        assert_eq!(r.headings[0].form, MarkerForm::Hash);
        assert_eq!(r.headings[2].parent, Some(1));
        // Without a title line, the shallowest depth is level 1; in a .txt file hashes
        // are text.
        let src = Source::new("r.md", "### 主要举措\n做法。\n#### 决策\n### 不足\n");
        let r = parse(&src, &Vocab::builtin());
        let levels: Vec<u8> = r.headings.iter().map(|h| h.level).collect();
        assert_eq!(levels, [1, 2, 1]);
        let (_, r) = parse_str("### 主要举措\n做法。\n### 不足\n");
        assert!(r.headings.is_empty());
        // A heading that holds only a comment is not one, nor is the line after it.
        let src = Source::new(
            "r.md",
            "## <!-- 待补 -->\n全年审查重大行政决策5件。\n## 不足\n",
        );
        let r = parse(&src, &Vocab::builtin());
        let titles: Vec<&str> = r.headings.iter().map(|h| src.slice(&h.title)).collect();
        assert_eq!(titles, ["不足"]);
    }

    #[test]
    fn one_line_report_has_inline_headings() {
        let (src, r) = parse_str(
            "某镇2024年法治政府建设年度报告\n2024年,我镇推进法治建设,一、二季度开展培训。现将情况报告如下:一、2024年工作情况(一)强化学习,依据第十条(一)项规定开展。同比增长11.77%。(二)规范执法。全年办案5.0件。二、存在的不足及原因(一)基础薄弱。三、2025年工作安排(一)深化改革。",
        );
        assert!(!r.line_mode);
        let t: Vec<(u8, u32)> = titles(&src, &r).iter().map(|t| (t.0, t.1)).collect();
        assert_eq!(
            t,
            vec![(1, 1), (2, 1), (2, 2), (1, 2), (2, 1), (1, 3), (2, 1)]
        );
        assert_eq!(src.slice(&r.headings[0].title), "2024年工作情况");
        assert_eq!(src.slice(&r.headings[3].title), "存在的不足及原因");
        assert_eq!(r.preamble.len(), 1);
    }

    #[test]
    fn furniture_is_cut_out_and_dates_read() {
        let (src, r) = parse_str(
            "当前位置: 首页\n>政务公开>通知公告\n索引号: 113/2024 发布机构: 中心\n关于某区2023年度法治政府建设情况的报告\n发布时间:2024-02-27 16:09:43 点击次数:\n2023年,某区推进法治建设。现将有关情况报告如下:\n一、情况\n正文。分享到:微信\n",
        );
        let furn: Vec<&str> = r
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Furniture)
            .map(|b| src.slice(&b.span))
            .collect();
        assert_eq!(furn.len(), 5, "{furn:?}");
        assert_eq!(furn[4], "分享到:微信");
        let pub_date = r
            .meta
            .iter()
            .find(|m| m.key == "发布时间")
            .and_then(|m| m.date.clone())
            .unwrap();
        assert_eq!((pub_date.year, pub_date.month, pub_date.day), (2024, 2, 27));
        assert_eq!(
            src.slice(&r.blocks[r.title.unwrap()].span),
            "关于某区2023年度法治政府建设情况的报告"
        );
    }

    #[test]
    fn enumerations_are_found() {
        let (src, r) = parse_str(
            "某镇2024年度法治政府建设工作报告\n一、情况\n一是加强学习。二是规范执法;三是化解纠纷。其中一是为首要。\n",
        );
        let found: Vec<(u32, &str)> = r
            .enumerations
            .iter()
            .map(|e| (e.1, src.slice(&e.2)))
            .collect();
        assert_eq!(found, vec![(1, "一是"), (2, "二是"), (3, "三是")]);
    }

    #[test]
    fn never_fails() {
        for s in [
            "",
            "\n\n",
            "一、",
            "(",
            "特此报告。",
            "1.",
            "\u{0}\u{1}abc",
            "一、(一)1.(1)",
        ] {
            let _ = parse_str(s);
        }
    }
}
