//! Checks on the title, the reported year and dates.

use super::{Ctx, Finding, Sink, document_anchor};
use crate::classify::{DateSource, EvidenceSource, YearSource, opening};
use crate::pack::Part;
use crate::pack::pattern::Matcher;
use crate::parse::tree::{BlockKind, DateForm, DateRef};
use crate::text::Span;
use crate::text::chars::is_common_han;
use crate::text::numerals;
use regex::Regex;
use std::sync::LazyLock;

/// The reported year with 年 (「2023年」), or 「××××年」 when it is not known: for the
/// example title of a help text.
fn reported_year(ctx: &Ctx, f: Finding) -> Finding {
    let year = ctx
        .facts
        .year()
        .map_or("××××年".to_string(), |y| format!("{y}年"));
    f.var("reported_year", year)
}

pub fn title_missing(ctx: &Ctx) -> Vec<Finding> {
    if ctx.report.title.is_some() || ctx.report.text_blocks().next().is_none() {
        return Vec::new();
    }
    let mut f = reported_year(ctx, Finding::at(document_anchor(ctx)));
    if let Some((y, Some(span), YearSource::Preamble)) = &ctx.facts.reported_year {
        f = f.label(span.clone(), "year").var("year", y.to_string());
    }
    vec![f]
}

pub fn title_year(ctx: &Ctx) -> Vec<Finding> {
    if ctx.facts.title_year_bare
        && let Some((y, span)) = &ctx.facts.title_year
    {
        return vec![
            Finding::at(span.clone())
                .var("year", y.to_string())
                .variant("bare"),
        ];
    }
    match ctx.report.title {
        Some(t) if ctx.facts.title_year.is_none() => {
            let span = ctx.report.blocks[t].span.clone();
            let mut f = reported_year(ctx, Finding::at(span));
            if let Some((y, Some(_), YearSource::Preamble)) = ctx.facts.reported_year {
                f = f.var("year", y.to_string());
            }
            vec![f]
        }
        _ => Vec::new(),
    }
}

/// The year captured by the first pattern that matches `span`.
fn year_in(ctx: &Ctx, pats: &[Matcher], span: &Span) -> Option<(i32, Span)> {
    let masked = crate::classify::mask_citations(ctx.src.slice(span));
    let s: &str = &masked;
    pats.iter().find_map(|p| {
        let c = p.re().captures(s)?;
        let m = c.name("year")?;
        Some((
            m.as_str().parse().ok()?,
            span.start + m.start()..span.start + m.end(),
        ))
    })
}

/// The reported year against the title's and the batch's. When everything else in the
/// report contradicts the title's year, the one finding is on the title; when an office
/// expects another year, the one finding is on the title too. Otherwise the years given
/// for the reported period (in the preamble, at most one; in the titles of the top-level
/// headings of `part`, the measures) that differ from the title's.
pub fn year_mismatch(
    ctx: &Ctx,
    preamble: &[Matcher],
    measures_heading: &[Matcher],
    part: Option<Part>,
) -> Vec<Finding> {
    let facts = ctx.facts;
    let evidence = || {
        let said: Vec<String> = facts
            .year_evidence
            .iter()
            .filter(|e| Some(e.year) == facts.year() && e.source != EvidenceSource::Title)
            .map(|e| e.source.words().to_string())
            .collect();
        said.join("、")
    };
    if let (Some(want), Some(ry)) = (facts.expected_year, facts.year())
        && want != ry
    {
        let span = match (&facts.reported_year, ctx.report.title) {
            (Some((_, Some(s), _)), _) => s.clone(),
            (_, Some(t)) => ctx.report.blocks[t].span.clone(),
            _ => document_anchor(ctx),
        };
        return vec![
            Finding::at(span)
                .var("year", ry.to_string())
                .var("expected", want.to_string())
                .variant("expected"),
        ];
    }
    let Some((ty, tspan)) = &facts.title_year else {
        return Vec::new();
    };
    if let Some((ry, _, YearSource::Evidence)) = &facts.reported_year {
        return vec![
            Finding::at(tspan.clone())
                .var("year", ry.to_string())
                .var("title_year", ty.to_string())
                .var("expected", ry.to_string())
                .var("evidence", evidence())
                .variant("title"),
        ];
    }
    let r = ctx.report;
    let mut found = Vec::new();
    // The preamble states the year once; a second sentence naming another year is
    // the same slip.
    'preamble: for &b in &r.preamble {
        for s in crate::classify::sentences(ctx.src, &r.blocks[b].span) {
            if let Some(y) = year_in(ctx, preamble, &s)
                && y.0 != *ty
            {
                found.push(y);
                break 'preamble;
            }
        }
    }
    for (i, h) in r.headings.iter().enumerate() {
        // The heading of the measures part itself, not its items (「(二)2023年度督察
        //反馈问题整改情况」 is about last year's findings, legitimately).
        if part.is_some()
            && ctx.parts.own[i] == part
            && h.parent.is_none()
            && let Some(y) = year_in(ctx, measures_heading, &h.title)
        {
            found.push(y);
        }
    }
    found
        .into_iter()
        .filter(|(y, _)| y != ty)
        .map(|(y, span)| {
            Finding::at(span)
                .var("year", y.to_string())
                .var("title_year", ty.to_string())
                .label(tspan.clone(), "title_year")
        })
        .collect()
}

/// Years named by the headings of `part` (the plan), or else by the first sentences of
/// their sections, other than the reported year plus `offset`.
pub fn plan_year(
    ctx: &Ctx,
    offset: i32,
    heading: &[Matcher],
    opening_pats: &[Matcher],
    part: Part,
) -> Vec<Finding> {
    let Some(ry) = ctx.facts.year() else {
        return Vec::new();
    };
    let want = ry.saturating_add(offset);
    let wrong = |(y, span): (i32, Span)| {
        let f = Finding::at(span)
            .var("year", y.to_string())
            .var("expected", want.to_string())
            .var("reported", ry.to_string());
        year_label(ctx, f)
    };
    let r = ctx.report;
    let mut out = Vec::new();
    for (i, h) in r.headings.iter().enumerate() {
        if ctx.parts.own[i] != Some(part) {
            continue;
        }
        let mut found = year_in(ctx, heading, &h.title);
        if found.is_none() {
            // The plan section's first text: the run-in body or the next paragraph.
            let first = if !h.body.is_empty() {
                Some(h.body.clone())
            } else {
                r.blocks
                    .get(h.block + 1)
                    .filter(|b| b.kind == BlockKind::Paragraph)
                    .map(|b| b.span.clone())
            };
            found = first.and_then(|s| year_in(ctx, opening_pats, &opening(ctx.src, &s)));
        }
        out.extend(found.filter(|(y, _)| *y != want).map(&wrong));
    }
    // A plan with no heading of its own: the first year its paragraphs open with that
    // is not the one wanted (「2025年,XX区将…」 closing a 2023 report), once.
    if ctx.parts.first_headed(part).is_none() {
        let first_wrong = ctx
            .parts
            .hits
            .iter()
            .filter(|h| h.part == part)
            .find_map(|h| {
                let open = opening(ctx.src, &r.blocks[h.block].span);
                year_in(ctx, opening_pats, &open).filter(|(y, _)| *y != want)
            });
        out.extend(first_wrong.map(wrong));
    }
    out
}

fn leap(y: u32) -> bool {
    (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
}

fn days_in(y: Option<u32>, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match y {
            Some(y) if !leap(y) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

pub fn valid_date(y: Option<u32>, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in(y, m)
}

static DATES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<y1>[0-9]+)\s*年\s*(?P<m1>[0-9]+)\s*月\s*(?P<d1>[0-9]+)\s*日
      | (?P<y2>[0-9]+)\s*年\s*(?P<m2>[0-9]+)\s*月
      | (?P<m3>[0-9]+)\s*月\s*(?P<d3>[0-9]+)\s*日
      | (?P<g>(?:19|20)[0-9]{3,6})\s*日
      | (?P<cy>[〇零一二三四五六七八九Oo○]{4})年(?P<cm>[一二三四五六七八九十]{1,3})月(?P<cd>[一二三四五六七八九十]{1,3})日",
    )
    .expect("valid")
});

/// How a garbled 2024929 might have been meant.
fn guess(digits: &str) -> Option<String> {
    let (y, rest) = digits.split_at(4);
    let y: u32 = y.parse().ok()?;
    (1..rest.len()).find_map(|k| {
        let (m, d) = rest.split_at(k);
        let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
        valid_date(Some(y), m, d).then(|| format!("{y}年{m}月{d}日"))
    })
}

/// Whether a character can be part of a date [`DATES`] matches: digits, blank space,
/// 年月日 and the numerals. Every character outside ASCII and the common Han block
/// counts too (blank space of other scripts among them), so a run of such characters
/// is cut only where no date can go on.
fn date_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit() || c.is_ascii_control() || c == ' ' || c == 'O' || c == 'o'
    } else if is_common_han(c) {
        // In this block the numerals are 零, 一 … 九 and 十.
        matches!(c, '年' | '月' | '日') || numerals::is_numeral(c)
    } else {
        true
    }
}

/// A character a date can start with: a digit, or a numeral but 十 (〇, 零, 一 … 九, and
/// O, o, ○ written for 〇).
fn date_start(c: char) -> bool {
    c.is_ascii_digit() || (c != '十' && numerals::is_numeral(c))
}

static MONTH: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("月"));
static DAY: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("日"));

/// The byte ranges of `s` where [`DATES`] may match, in order, given where in `s` its
/// 月 and 日 are (in order): every date ends in 月 or 日, and lies in a run of
/// [`date_char`]s that holds a [`date_start`]. A search in each run alone finds what a
/// search of all of `s` finds, as no date crosses a run's edge.
fn date_runs(s: &str, marks: impl Iterator<Item = usize>) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut done = 0;
    for k in marks {
        if k < done || !s.is_char_boundary(k) {
            continue;
        }
        let start = s[..k]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| date_char(c))
            .last()
            .map_or(k, |(i, _)| i);
        let end = s[k..]
            .char_indices()
            .find(|&(_, c)| !date_char(c))
            .map_or(s.len(), |(i, _)| k + i);
        done = end;
        if s[start..k].chars().any(date_start) {
            runs.push(start..end);
        }
    }
    runs
}

pub fn date_valid(ctx: &Ctx, out: &mut Sink) {
    // Every 月 and 日 of the text, found in one pass, in order.
    let text = ctx.src.text.as_bytes();
    let mut marks: Vec<usize> = MONTH.find_iter(text).collect();
    let months = marks.len();
    marks.extend(DAY.find_iter(text));
    if months > 0 && months < marks.len() {
        marks.sort_unstable();
    }
    if marks.is_empty() {
        return;
    }
    for (_, b) in ctx.report.text_blocks() {
        let from = marks.partition_point(|&k| k < b.span.start);
        let inside = &marks[from..];
        let n = inside.partition_point(|&k| k + "月".len() <= b.span.end);
        if n == 0 {
            continue;
        }
        let s = ctx.src.slice(&b.span);
        let runs = date_runs(s, inside[..n].iter().map(|&k| k - b.span.start));
        for run in runs {
            for c in DATES.captures_iter(&s[run.clone()]) {
                let Some(all) = c.get(0) else { continue };
                let (a, e) = (run.start + all.start(), run.start + all.end());
                if s[..a].ends_with(|ch: char| ch.is_ascii_digit() || ch == '.') {
                    continue;
                }
                if let Some(f) = finding(b.span.start + a..b.span.start + e, &c) {
                    out.push(f);
                }
            }
        }
    }
}

/// The finding on a date [`DATES`] matched at `span`, if it is wrong: a garbled run of
/// digits (the `garbled` variant) gives the date it may have been as `{guess}`, so that
/// the rule's help can name the same date as its label.
fn finding(span: Span, c: &regex::Captures) -> Option<Finding> {
    let all = c.get(0)?;
    let f = Finding::at(span).var("date", all.as_str());
    if let Some(g) = c.name("g") {
        // Only digits that can be read as a date are a garbled date (20000日 is a count).
        let d = guess(g.as_str())?;
        return Some(
            f.var("problem", format!("可能是“{d}”"))
                .var("guess", d)
                .variant("garbled"),
        );
    }
    Some(f.var("problem", date_problem(c)?))
}

/// What is wrong with a date [`DATES`] matched, if anything (a run of digits is
/// [`finding`]'s).
fn date_problem(c: &regex::Captures) -> Option<String> {
    let n = |k: &str| c.name(k).and_then(|m| m.as_str().parse::<u32>().ok());
    if let (Some(y), Some(m), Some(d)) = (n("y1"), n("m1"), n("d1")) {
        (!valid_date(Some(y), m, d)).then(|| why(m, d))
    } else if let (Some(_), Some(m)) = (n("y2"), n("m2")) {
        (!(1..=12).contains(&m)).then(|| "月份应在1到12之间".to_string())
    } else if let (Some(m), Some(d)) = (n("m3"), n("d3")) {
        (!valid_date(None, m, d)).then(|| why(m, d))
    } else {
        let cn = |k: &str| c.name(k).and_then(|m| numerals::number(m.as_str()));
        let year = c.name("cy").and_then(|m| numerals::year(m.as_str()));
        match (cn("cm"), cn("cd")) {
            (Some(m), Some(d)) if !valid_date(year, m, d) => Some(why(m, d)),
            _ => None,
        }
    }
}

fn why(m: u32, d: u32) -> String {
    if !(1..=12).contains(&m) {
        "月份应在1到12之间".to_string()
    } else {
        format!("{m}月没有{d}日")
    }
}

fn standard(d: &DateRef) -> String {
    format!("{}年{}月{}日", d.year, d.month, d.day)
}

pub fn date_format(ctx: &Ctx) -> Vec<Finding> {
    let Some(d) = &ctx.report.signature_date else {
        return Vec::new();
    };
    if d.form == (DateForm::CnArabic { padded: false }) || !valid_date(Some(d.year), d.month, d.day)
    {
        return Vec::new();
    }
    let mut f = Finding::at(d.span.clone())
        .var("date", ctx.src.slice(&d.span))
        .var("expected", standard(d));
    // Unpadding 2025年02月07日 changes nothing but the zeros: safe.
    if d.form == (DateForm::CnArabic { padded: true }) {
        f.fix = Some(vec![(d.span.clone(), standard(d))]);
    }
    vec![f]
}

/// The publication date, when it can exist, and what it was read from, in words.
fn published<'a>(ctx: &Ctx<'a>) -> Option<(&'a DateRef, &'static str)> {
    let (d, s) = ctx.facts.published.as_ref()?;
    let source = match s {
        DateSource::Metadata => "发布日期",
        DateSource::Signature => "成文日期",
    };
    valid_date(Some(d.year), d.month, d.day).then_some((d, source))
}

/// The month and day of a deadline written `MM-DD`, if it is written so.
pub fn month_day(deadline: &str) -> Option<(u32, u32)> {
    deadline
        .split_once('-')
        .and_then(|(m, d)| Some((m.parse::<u32>().ok()?, d.parse::<u32>().ok()?)))
        .filter(|(m, d)| (1..=12).contains(m) && (1..=31).contains(d))
}

/// The publication date is after month `dm`, day `dd` of the reported year plus
/// `year_offset`.
pub fn deadline(ctx: &Ctx, (dm, dd): (u32, u32), year_offset: i32) -> Vec<Finding> {
    let (Some(ry), Some((d, src))) = (ctx.facts.year(), published(ctx)) else {
        return Vec::new();
    };
    let dy = ry.saturating_add(year_offset).max(0) as u32;
    if (d.year, d.month, d.day) <= (dy, dm, dd) {
        return Vec::new();
    }
    let f = Finding::at(d.span.clone())
        .var("date", standard(d))
        .var("deadline", format!("{dy}年{dm}月{dd}日"))
        .var("source", src)
        .var("year", ry.to_string());
    vec![year_label(ctx, f)]
}

pub fn early(ctx: &Ctx) -> Vec<Finding> {
    let (Some(ry), Some((d, src))) = (ctx.facts.year(), published(ctx)) else {
        return Vec::new();
    };
    if d.year as i32 > ry {
        return Vec::new();
    }
    let f = Finding::at(d.span.clone())
        .var("date", standard(d))
        .var("source", src)
        .var("year", ry.to_string());
    vec![year_label(ctx, f)]
}

/// `f` with a label on the place the reported year was read from, when there is one.
fn year_label(ctx: &Ctx, f: Finding) -> Finding {
    match &ctx.facts.reported_year {
        Some((_, Some(ys), _)) => f.label(ys.clone(), "year"),
        _ => f,
    }
}

/// The checks as first written: the fast ones above must agree with them.
#[cfg(test)]
mod reference {
    use super::{Ctx, DATES, Finding};

    pub fn date_valid(ctx: &Ctx) -> Vec<Finding> {
        let mut out = Vec::new();
        for (_, b) in ctx.report.text_blocks() {
            let s = ctx.src.slice(&b.span);
            for c in DATES.captures_iter(s) {
                let Some(all) = c.get(0) else { continue };
                if s[..all.start()].ends_with(|ch: char| ch.is_ascii_digit() || ch == '.') {
                    continue;
                }
                // Where the dates are looked for is what changed; what is wrong with
                // one is asked as before.
                let span = b.span.start + all.start()..b.span.start + all.end();
                out.extend(super::finding(span, &c));
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
    fn date_valid_agrees_with_a_search_of_whole_blocks() {
        agree(
            &[
                "2024年2月30日2024年13月5日至6月31日",
                "二〇二四年二月三十日、二〇二三年二月二十九日",
                "OO二四年十三月一日 ○○二三年二月二十九日",
                "1.2024年2月30日与22024年2月30日,2024 年 2 月 30 日",
                "20240230日,2024929日和2023年9月",
                "日常工作每月开展,月底前2月",
                "2024\u{2003}年2月\u{3000}30日",
                "2024年\n2月30日",
            ],
            every(date_valid),
            reference::date_valid,
        );
    }

    #[test]
    fn garbled_dates_are_guessed() {
        assert_eq!(guess("2024929").as_deref(), Some("2024年9月29日"));
        assert_eq!(guess("20241231").as_deref(), Some("2024年12月31日"));
        assert!(valid_date(Some(2024), 2, 29));
        assert!(!valid_date(Some(2023), 2, 29));
        assert!(!valid_date(None, 2, 30));
        assert!(!valid_date(None, 13, 1));
    }
}
