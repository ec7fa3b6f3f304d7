//! Checks on headings and their numbering (GB/T 9704-2012).

use super::{Ctx, Finding, Sink};
use crate::parse::tree::{BlockKind, Heading, MarkerForm};
use crate::text::Span;
use crate::text::chars::{full_width, is_full_width_digit};
use crate::text::numerals;
use crate::text::source::{Emphasis, Location};
use std::collections::HashMap;

const LEVEL_NAMES: [&str; 5] = ["标题", "一级标题", "二级标题", "三级标题", "四级标题"];

fn level_name(level: u8) -> &'static str {
    LEVEL_NAMES.get(level as usize).copied().unwrap_or("标题")
}

/// The marker as the drafter wrote it (full-width brackets stay full-width).
fn marker_str<'a>(ctx: &Ctx<'a>, h: &Heading) -> &'a str {
    ctx.src.original_slice(&h.marker)
}

/// A heading's number in Chinese numerals (in digits from 100 on).
fn cn_numeral(n: u32) -> String {
    match n {
        0..100 => numerals::write(n, &numerals::COUNTING),
        _ => n.to_string(),
    }
}

/// The same marker with another number: 「(三)」 → 「(二)」.
fn with_number(marker: &str, form: MarkerForm, n: u32) -> String {
    let num = match form {
        MarkerForm::CnComma | MarkerForm::CnParen | MarkerForm::CnParenBroken => cn_numeral(n),
        // ３． stays full-width when renumbered.
        _ if marker.chars().any(is_full_width_digit) => {
            n.to_string().chars().map(full_width).collect()
        }
        _ => n.to_string(),
    };
    let (start, end) = number_run(marker);
    format!("{}{}{}", &marker[..start], num, &marker[end..])
}

/// A short line standing alone: probably a heading that lost its number.
fn lone_line(ctx: &Ctx, from: usize, to: usize) -> Option<usize> {
    (from..to).find(|&b| {
        let block = &ctx.report.blocks[b];
        if block.kind != BlockKind::Paragraph || !block.starts_line {
            return false;
        }
        let s = ctx.src.slice(&block.span);
        s.chars().nth(30).is_none() && !s.contains(['。', ',', ':', ';'])
    })
}

/// Renumbers heading `i` and the siblings after it from `from` on, each in its own form.
fn renumber(ctx: &Ctx, i: usize, from: u32) -> Vec<(Span, String)> {
    let hs = &ctx.report.headings;
    let h = &hs[i];
    hs.iter()
        .skip(i)
        .filter(|o| o.parent == h.parent && o.level == h.level)
        .zip(from..)
        .filter(|(o, n)| o.number != *n)
        .map(|(o, n)| (o.marker.clone(), with_number(marker_str(ctx, o), o.form, n)))
        .collect()
}

/// Where a block came from in a Word file.
fn location<'a>(ctx: &'a Ctx, b: usize) -> Option<&'a Location> {
    ctx.src.locations.as_ref()?;
    ctx.src.block_of(ctx.report.blocks.get(b)?.line)
}

/// In a Word file, a paragraph between the siblings `a` and `b`, in their heading style
/// and without a number: a heading whose automatic number was lost (Word numbered `b` as
/// if it were not there, so the numbers show no gap).
fn styled_lost(ctx: &Ctx, a: &Heading, b: &Heading) -> Option<usize> {
    let style = |k: usize| location(ctx, k).map(|l| l.emphasis);
    let s = style(a.block).filter(|s| matches!(s, Emphasis::Heading(_)))?;
    if style(b.block) != Some(s) {
        return None;
    }
    (a.block + 1..b.block).find(|&k| {
        let block = &ctx.report.blocks[k];
        block.kind == BlockKind::Paragraph && block.starts_line && style(k) == Some(s)
    })
}

/// Whether a heading's number is Word's automatic numbering (else typed, or a text
/// file's).
fn automatic(ctx: &Ctx, h: &Heading) -> bool {
    location(ctx, h.block).is_some_and(|l| l.auto_number)
}

pub fn numbering_gap(ctx: &Ctx, out: &mut Sink) {
    let hs = &ctx.report.headings;
    // The last heading seen of each group of siblings: for each parent (the report
    // itself first, then each heading), the level and index of its last child of each
    // level.
    let mut prev: Vec<Vec<(u8, usize)>> = vec![Vec::new(); hs.len() + 1];
    // One fix per group of siblings: the first renumbers all that follow it, so a later
    // finding's fix, worked out from the old numbers, would undo it.
    let mut fixed: std::collections::HashSet<(Option<usize>, u8)> =
        std::collections::HashSet::new();
    let mut last_at_level = [None::<u32>; 6];
    for (i, h) in hs.iter().enumerate() {
        // A Markdown `#` heading has no number to check.
        if h.form == MarkerForm::Hash {
            continue;
        }
        let l = h.level as usize;
        let key = (h.parent, h.level);
        let children = &mut prev[h.parent.map_or(0, |p| p + 1)];
        let last = children.iter_mut().find(|(level, _)| *level == h.level);
        let seen = last.as_ref().map(|(_, k)| *k);
        match last {
            Some((_, k)) => *k = i,
            None => children.push((h.level, i)),
        }
        match seen {
            Some(p) => {
                let ph = &hs[p];
                let expected = ph.number + 1;
                // 「1.」 after a lone line restarts under a heading that lost its number:
                // that heading is reported at its own level, not again here.
                let restarts = || h.number == 1 && lone_line(ctx, ph.block + 1, h.block).is_some();
                // A finding on `h` (at `span`) against its previous sibling.
                let after_prev = |span: Span, expected: String| {
                    Finding::at(span)
                        .var("level", level_name(h.level))
                        .var("prev", marker_str(ctx, ph))
                        .var("expected", expected)
                        .var("found", marker_str(ctx, h))
                        .label(ph.marker.start..ph.title.end, "prev")
                };
                if h.number == expected
                    && let Some(b) = styled_lost(ctx, ph, h)
                {
                    let span = ctx.report.blocks[b].span.clone();
                    let f = after_prev(span.clone(), marker_str(ctx, h).into());
                    out.push(f.place(ctx.src, span.start).variant("styled"));
                }
                if h.number != expected && !restarts() {
                    let exp = with_number(marker_str(ctx, h), h.form, expected);
                    let mut f = after_prev(h.marker.clone(), exp.clone()).variant(
                        match (automatic(ctx, ph), automatic(ctx, h)) {
                            // A typed number clashes with an automatic one: the advice
                            // names the one the drafter can edit.
                            (false, true) => "auto",
                            (true, false) => "typed",
                            _ if h.number == ph.number => "repeat",
                            _ => "gap",
                        },
                    );
                    if h.number > expected
                        && let Some(b) = lone_line(ctx, ph.block + 1, h.block)
                    {
                        let span = ctx.report.blocks[b].span.clone();
                        // The lone line gets the lost number (when exactly one is lost).
                        if h.number == expected + 1 && fixed.insert(key) {
                            f.fix = Some(vec![(span.start..span.start, exp.clone())]);
                        }
                        f = f
                            .place(ctx.src, span.start)
                            .label(span, "lost")
                            .variant("lost");
                    } else if fixed.insert(key) {
                        f.fix = Some(renumber(ctx, i, expected));
                    }
                    out.push(f);
                }
            }
            None => {
                // Level 3 and 4 may number on across their parents (「(一)1. 2.」「(二)3. 4.」).
                let continued = last_at_level[l].filter(|_| l >= 3).map(|n| n + 1);
                if h.number != 1 && Some(h.number) != continued {
                    let found = marker_str(ctx, h);
                    let mut f = Finding::at(h.marker.clone())
                        .var("level", level_name(h.level))
                        .var("expected", with_number(found, h.form, 1))
                        .var("found", found)
                        .variant("first");
                    if fixed.insert(key) {
                        f.fix = Some(renumber(ctx, i, 1));
                    }
                    out.push(f);
                }
            }
        }
        last_at_level[l] = Some(h.number);
        for deeper in last_at_level.iter_mut().skip(l + 2) {
            *deeper = None;
        }
    }
}

/// The marker's shape with its number taken out: 「#.」, 「#、」, 「(#)」, 「(#)」.
fn shape(marker: &str, form: MarkerForm) -> String {
    // As with_number(marker, form, 0) with 0 and 〇 then made #, in one pass.
    let zero = match form {
        MarkerForm::CnComma | MarkerForm::CnParen | MarkerForm::CnParenBroken => "〇",
        _ if marker.chars().any(is_full_width_digit) => "０",
        _ => "0",
    };
    let (start, end) = number_run(marker);
    let mut out = String::with_capacity(marker.len() + zero.len());
    for part in [&marker[..start], zero, &marker[end..]] {
        out.extend(
            part.chars()
                .map(|c| if matches!(c, '0' | '〇') { '#' } else { c }),
        );
    }
    out
}

/// Where the number of a marker is (as with_number finds it).
fn number_run(marker: &str) -> (usize, usize) {
    let start = marker.find(is_num).unwrap_or(0);
    let end = marker[start..]
        .find(|c: char| !is_num(c))
        .map_or(marker.len(), |e| start + e);
    (start, end)
}

/// A character of a marker's number: a numeric character or a Chinese numeral (not
/// the ASCII letters and the circle written for 〇).
fn is_num(c: char) -> bool {
    (numerals::is_numeral(c) && !matches!(c, 'O' | 'o' | '○')) || c.is_numeric()
}
/// A level-2 marker that lost one bracket, made whole: 「一)」 → 「(一)」, 「（一」 →
/// 「（一）」 (in the width of the bracket it kept).
fn whole_marker(marker: &str) -> String {
    match marker.chars().next() {
        Some('(') => format!("{marker})"),
        Some('（') => format!("{marker}）"),
        _ if marker.ends_with('）') => format!("（{marker}"),
        _ => format!("({marker}"),
    }
}

pub fn numbering_style(ctx: &Ctx, out: &mut Sink) {
    let hs = &ctx.report.headings;
    // A marker that lost a bracket is a finding of its own, and takes no part in the
    // level's majority.
    for h in hs.iter().filter(|h| h.form == MarkerForm::CnParenBroken) {
        let found = marker_str(ctx, h);
        let expected = whole_marker(found);
        let mut f = Finding::at(h.marker.clone())
            .var("level", level_name(h.level))
            .var("found", found)
            .var("expected", expected.clone())
            .variant("broken");
        f.fix = Some(vec![(h.marker.clone(), expected)]);
        out.push(f);
    }
    let judged = |h: &Heading| {
        (2..=4).contains(&h.level)
            && !matches!(h.form, MarkerForm::Hash | MarkerForm::CnParenBroken)
    };
    // The markers first, in one tight loop (their reads of the text overlap), then
    // their shapes.
    let markers: Vec<&str> = hs
        .iter()
        .map(|h| if judged(h) { marker_str(ctx, h) } else { "" })
        .collect();
    let mut shapes: Vec<Option<String>> = hs
        .iter()
        .zip(&markers)
        .map(|(h, m)| judged(h).then(|| shape(m, h.form)))
        .collect();
    for level in 2..=4u8 {
        let items: Vec<(usize, String)> = hs
            .iter()
            .enumerate()
            .filter(|(_, h)| h.level == level && judged(h))
            .map(|(i, _)| (i, shapes[i].take().unwrap_or_default()))
            .collect();
        let mut counts: Vec<(String, usize)> = Vec::new();
        for (_, s) in &items {
            match counts.iter_mut().find(|(k, _)| k == s) {
                Some(c) => c.1 += 1,
                None => counts.push((s.clone(), 1)),
            }
        }
        // The most common shape, the first of those as common.
        let Some((major, _)) = counts.iter().rev().max_by_key(|c| c.1) else {
            continue;
        };
        if major.contains('、') {
            let h = &hs[items[0].0];
            // Every 1、 of the level becomes 1.
            let fix: Vec<_> = items
                .iter()
                .filter(|(_, s)| s == major)
                .map(|&(k, _)| &hs[k])
                .map(|m| (m.marker.clone(), marker_str(ctx, m).replace('、', ".")))
                .collect();
            let found = marker_str(ctx, h);
            let expected = with_number(found, MarkerForm::ArDot, h.number).replace('、', ".");
            let mut f = Finding::at(h.marker.clone())
                .var("level", level_name(level))
                .var("found", found)
                .var("expected", expected)
                .var("count", fix.len().to_string())
                .variant("nonstandard");
            f.fix = Some(fix);
            out.push(f);
        }
        for (i, s) in &items {
            // When most of the level is written 1、, the 1. items are the right ones: the
            // nonstandard finding above covers the level.
            if s != major && !(major.contains('、') && s.contains('.')) {
                let h = &hs[*i];
                let numeral = match h.form {
                    MarkerForm::CnComma | MarkerForm::CnParen | MarkerForm::CnParenBroken => {
                        cn_numeral(h.number)
                    }
                    _ => h.number.to_string(),
                };
                let shown = major.replace('#', if level == 2 { "一" } else { "1" });
                let mut f = Finding::at(h.marker.clone())
                    .var("level", level_name(level))
                    .var("found", marker_str(ctx, h))
                    .var("major", shown);
                // The odd marker takes the level's majority form.
                f.fix = Some(vec![(h.marker.clone(), major.replace('#', &numeral))]);
                out.push(f);
            }
        }
    }
}

pub fn level_skip(ctx: &Ctx, out: &mut Sink) {
    let hs = &ctx.report.headings;
    let mut seen: Vec<(usize, u8)> = Vec::new();
    for h in hs {
        let Some(p) = h.parent else { continue };
        let ph = &hs[p];
        // Markdown depths are not the four numbered levels.
        let numbered = h.form != MarkerForm::Hash && ph.form != MarkerForm::Hash;
        if numbered && h.level > ph.level + 1 && !seen.contains(&(p, h.level)) {
            seen.push((p, h.level));
            out.push(
                Finding::at(h.marker.clone())
                    .var("marker", marker_str(ctx, h))
                    .var("parent", marker_str(ctx, ph))
                    .var("missing", level_name(ph.level + 1))
                    .label(ph.marker.clone(), "parent"),
            );
        }
    }
}

pub fn heading_punctuation(ctx: &Ctx, flag_full_stop: bool, trailing: &str, out: &mut Sink) {
    for h in &ctx.report.headings {
        if let Some(space) = &h.space {
            let mut f = Finding::at(space.clone())
                .var("marker", marker_str(ctx, h))
                .variant("space");
            f.fix = Some(vec![(space.clone(), String::new())]);
            out.push(f);
        }
        if !h.title_only() {
            continue;
        }
        let title = ctx.src.slice(&h.title);
        if let Some(c) = title.chars().last().filter(|c| trailing.contains(*c)) {
            let at = h.title.end - c.len_utf8()..h.title.end;
            out.push(
                Finding::at(at.clone())
                    .var("mark", ctx.src.original_slice(&at))
                    .var("marker", marker_str(ctx, h)),
            );
        } else if flag_full_stop && let Some(t) = &h.terminator {
            out.push(
                Finding::at(t.clone())
                    .var("mark", ctx.src.slice(t))
                    .var("marker", marker_str(ctx, h)),
            );
        }
    }
}

pub fn empty_section(ctx: &Ctx, out: &mut Sink) {
    let r = ctx.report;
    for h in &r.headings {
        // A numbered item ending in 。 carries its own sentence, and one ending in ；or ，
        // is an item of a list: both are content.
        if !h.title_only()
            || h.terminator.is_some()
            || ctx.src.slice(&h.title).ends_with([';', ','])
        {
            continue;
        }
        // The next block of the report's own text (page furniture does not count).
        let next = r.blocks[h.block + 1..]
            .iter()
            .find(|b| !matches!(b.kind, BlockKind::Furniture | BlockKind::Head));
        // Built only for a finding (it reads the original text).
        let f = || {
            Finding::at(h.marker.start..h.title.end).var("title", ctx.src.original_slice(&h.title))
        };
        match next.map(|b| &b.kind) {
            Some(BlockKind::Heading(j)) if r.headings[*j].level <= h.level => {
                let n = &r.headings[*j];
                out.push(f().label(n.marker.start..n.title.end, "next"));
            }
            // The last part of the report (a level-1 heading), with nothing before the
            // closing or the end; title-only items of a closing list are not sections.
            None | Some(BlockKind::Closing | BlockKind::Signature | BlockKind::DateLine)
                if h.level == 1 =>
            {
                out.push(f())
            }
            _ => {}
        }
    }
}

pub fn duplicate_heading(ctx: &Ctx, out: &mut Sink) {
    let r = ctx.report;
    // The titles first, in one tight loop (their reads of the text overlap).
    let titles: Vec<&str> = r
        .headings
        .iter()
        .map(|h| {
            ctx.src
                .slice(&h.title)
                .trim_end_matches(['。', ';', ',', ':'])
                .trim()
        })
        .collect();
    // The first heading of each (parent, level, title): a list for the few headings of
    // most reports, a map for many.
    type Key<'t> = (Option<usize>, u8, &'t str);
    let mut list: Vec<(Key, usize)> = Vec::new();
    let mut map: HashMap<Key, usize> = HashMap::new();
    let many = r.headings.len() > 64;
    for (i, (h, &title)) in r.headings.iter().zip(&titles).enumerate() {
        if title.is_empty() {
            continue;
        }
        let key = (h.parent, h.level, title);
        let found = if many {
            map.get(&key).copied()
        } else {
            list.iter().find(|(k, _)| *k == key).map(|&(_, i)| i)
        };
        match found {
            Some(k) => out.push(repeated(ctx, h, &r.headings[k], title)),
            None if many => {
                map.insert(key, i);
            }
            None => list.push((key, i)),
        }
    }
}

/// A heading that repeats the title of an earlier sibling, `first`.
fn repeated(ctx: &Ctx, h: &Heading, first: &Heading, title: impl Into<String>) -> Finding {
    Finding::at(h.marker.start..h.title.end)
        .var("title", title)
        .place(ctx.src, first.marker.start)
        .label(first.marker.start..first.title.end, "first")
}

/// The checks as first written: the faster ones above must agree with them.
#[cfg(test)]
mod reference {
    use super::*;

    pub fn duplicate_heading(ctx: &Ctx) -> Vec<Finding> {
        let r = ctx.report;
        let mut first: HashMap<(Option<usize>, u8, String), usize> = HashMap::new();
        let mut out = Vec::new();
        for (i, h) in r.headings.iter().enumerate() {
            let title = ctx
                .src
                .slice(&h.title)
                .trim_end_matches(['。', ';', ',', ':'])
                .trim()
                .to_string();
            if title.is_empty() {
                continue;
            }
            match first.get(&(h.parent, h.level, title.clone())) {
                Some(&k) => out.push(repeated(ctx, h, &r.headings[k], title)),
                None => {
                    first.insert((h.parent, h.level, title), i);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::checks::testing::{agree, every};

    #[test]
    fn heading_checks_agree_with_their_first_forms() {
        // More headings than the list holds: the map.
        let many = "一、总体\n".to_string() + &"(一)工作\n1.内容\n(二)计划\n".repeat(40);
        let extra = [
            "一、情况\n一、情况。\n(一)工作\n(一)工作;\n(三)工作\n二、 计划,\n三、总结",
            "（一）标题：\n1、内容\n1、重复\n（二）标题\n（二）标题",
            &many,
        ];
        agree(
            &extra,
            every(duplicate_heading),
            reference::duplicate_heading,
        );
    }

    #[test]
    fn numerals_are_what_they_were() {
        let first = |c: char| {
            c.is_ascii_digit()
                || c.is_numeric()
                || "一二三四五六七八九十〇零０１２３４５６７８９".contains(c)
        };
        for c in ('\0'..='\u{FFFF}').chain(['𝟙', '𐄇', '😀']) {
            assert_eq!(is_num(c), first(c), "{c:?}");
        }
    }

    #[test]
    fn renumbering_keeps_the_drafters_form() {
        assert_eq!(with_number("(三)", MarkerForm::CnParen, 2), "(二)");
        assert_eq!(with_number("(三)", MarkerForm::CnParen, 12), "(十二)");
        assert_eq!(with_number("3.", MarkerForm::ArDot, 2), "2.");
        assert_eq!(with_number("二、", MarkerForm::CnComma, 1), "一、");
        assert_eq!(shape("12、", MarkerForm::ArComma), "#、");
        assert_eq!(whole_marker("二)"), "(二)");
        assert_eq!(whole_marker("(二"), "(二)");
        assert_eq!(whole_marker("（十二"), "（十二）");
        assert_eq!(whole_marker("三）"), "（三）");
    }
}
