//! Which text is which of the pack's parts (the 法治政府建设年度报告 pack's: measures,
//! shortcomings, causes, duties, plan, other), and the facts the rules share: the
//! reported year and the publication date. Everything here is driven by the pack
//! vocabulary: no part is known here by its id.

use crate::pack::Part;
use crate::pack::vocab::{PartDef, Vocab};
use crate::parse::tree::*;
use crate::text::Span;
use crate::text::source::Source;

/// One place where a part was found.
#[derive(Debug, Clone)]
pub struct PartHit {
    pub part: Part,
    pub block: usize,
    /// The text that convinced fzlint (a heading title, an opening, a sentence).
    pub span: Span,
    /// The part has a heading of its own here.
    pub headed: bool,
    /// Found by position rather than by wording.
    pub by_position: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Parts {
    /// Each heading's own part, from its title (or its position).
    pub own: Vec<Option<Part>>,
    /// Each heading's part, own or inherited from its parent.
    pub section: Vec<Option<Part>>,
    pub hits: Vec<PartHit>,
}

impl Parts {
    pub fn first(&self, p: Part) -> Option<&PartHit> {
        self.hits
            .iter()
            .filter(|h| h.part == p)
            .min_by_key(|h| h.span.start)
    }

    pub fn first_headed(&self, p: Part) -> Option<&PartHit> {
        self.hits
            .iter()
            .filter(|h| h.part == p && h.headed)
            .min_by_key(|h| h.span.start)
    }

    pub fn found(&self, p: Part) -> bool {
        self.hits.iter().any(|h| h.part == p)
    }

    /// The part a block belongs to by the section that holds it.
    pub fn part_of_block(&self, r: &Report, b: usize) -> Option<Part> {
        r.heading_of_block(b).and_then(|h| self.section[h])
    }
}

/// Settings a run applies on top of the pack.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The reported year when the title names none.
    pub reported_year: Option<i32>,
    /// The year every report of the run must be on (a reviewing office's batch).
    pub expected_year: Option<i32>,
}

/// Where the reported year came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSource {
    Title,
    Preamble,
    Settings,
    /// The title names a year that nothing else in the report supports, and two or
    /// more other places agree on another: that one.
    Evidence,
}

/// A place in a report that says which year it reports on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceSource {
    Title,
    Preamble,
    /// The title of a top-level measures heading (「一、2024年主要工作」).
    MeasuresHeading,
    /// The plan's heading names the next year.
    Plan,
    /// The 成文 date: a report is signed early the next year (or late in its own).
    Signature,
    /// The page's publication date, read as the signature date is.
    Published,
}

impl EvidenceSource {
    /// The name `outline --format json` gives.
    pub fn name(self) -> &'static str {
        match self {
            EvidenceSource::Title => "title",
            EvidenceSource::Preamble => "preamble",
            EvidenceSource::MeasuresHeading => "measures_heading",
            EvidenceSource::Plan => "plan",
            EvidenceSource::Signature => "signature",
            EvidenceSource::Published => "published",
        }
    }

    /// The place in words, for messages and the outline.
    pub fn words(self) -> &'static str {
        match self {
            EvidenceSource::Title => "标题",
            EvidenceSource::Preamble => "开头一段",
            EvidenceSource::MeasuresHeading => "举措部分的标题",
            EvidenceSource::Plan => "工作安排的年份",
            EvidenceSource::Signature => "成文日期",
            EvidenceSource::Published => "发布日期",
        }
    }
}

/// One place's word on the reported year: the year it supports and where it says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearEvidence {
    pub source: EvidenceSource,
    pub year: i32,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    Metadata,
    Signature,
}

#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The year named in the title, with its span.
    pub title_year: Option<(i32, Span)>,
    /// The title's year is written without 年 (「2024法治政府建设年度报告」).
    pub title_year_bare: bool,
    /// When the title's year is outvoted ([`YearSource::Evidence`]): every place that
    /// says which year the report is on, in the order of [`EvidenceSource`] (else empty:
    /// [`year_evidence`] gives them).
    pub year_evidence: Vec<YearEvidence>,
    /// The year a reviewing office expects every report of the batch to be on.
    pub expected_year: Option<i32>,
    pub reported_year: Option<(i32, Option<Span>, YearSource)>,
    pub published: Option<(DateRef, DateSource)>,
}

impl Facts {
    pub fn year(&self) -> Option<i32> {
        self.reported_year.as_ref().map(|y| y.0)
    }
}

/// The text with the titles inside 《》 blanked out byte for byte (offsets stay valid),
/// so that the years of a cited document (《…纲要(2021—2025年)》) are not taken for the
/// report's own.
pub fn mask_citations(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('《') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '《' => {
                depth += 1;
                out.push(c);
            }
            '》' => {
                depth = depth.saturating_sub(1);
                out.push(c);
            }
            _ if depth > 0 => out.extend(std::iter::repeat_n('_', c.len_utf8())),
            _ => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The first year (1900–2099 followed by 年) in a span, outside citations.
fn first_year(src: &Source, span: &Span) -> Option<(i32, Span)> {
    let masked = mask_citations(src.slice(span));
    let m = crate::text::chars::YEAR_RE.captures(&masked)?.get(1)?;
    Some((
        m.as_str().parse().ok()?,
        span.start + m.start()..span.start + m.end(),
    ))
}

/// The reported year and the publication date, before the parts are known (then
/// [`weigh_year`]). The settings' year applies only when the title names no year.
pub fn facts(src: &Source, r: &Report, vocab: &Vocab, settings: &Settings) -> Facts {
    let mut f = Facts {
        expected_year: settings.expected_year,
        ..Facts::default()
    };
    if let Some(t) = r.title {
        let span = &r.blocks[t].span;
        f.title_year = first_year(src, span);
        if f.title_year.is_none() {
            f.title_year = bare_year(src, span);
            f.title_year_bare = f.title_year.is_some();
        }
    }
    // The publication date: the page's metadata under its most trusted key, else an HTML
    // page's own metadata, else the signature's date.
    f.published = vocab
        .published_keys
        .iter()
        .find_map(|key| r.meta.iter().find(|m| &m.key == key)?.date.clone())
        .or_else(|| page_date(src, r))
        .map(|d| (d, DateSource::Metadata))
        .or_else(|| r.signature_date.clone().map(|d| (d, DateSource::Signature)));
    f.reported_year = if let Some((y, s)) = &f.title_year {
        Some((*y, Some(s.clone()), YearSource::Title))
    } else if let Some(y) = settings.reported_year {
        Some((y, None, YearSource::Settings))
    } else {
        preamble_year(src, r).map(|(y, s)| (y, Some(s), YearSource::Preamble))
    };
    f
}

/// A year (1900–2099) in the title written without 年, followed by the genre's words
/// (「XX街道2024法治政府建设年度报告」): the title states it, only badly.
fn bare_year(src: &Source, span: &Span) -> Option<(i32, Span)> {
    let s = src.slice(span);
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        let run = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if run == 4 && (b[i..].starts_with(b"19") || b[i..].starts_with(b"20")) {
            let year: i32 = s[i..i + 4].parse().ok()?;
            return Some((year, span.start + i..span.start + i + 4));
        }
        i += run.max(1);
    }
    None
}

/// The year the report's other places agree on against the title's `title_year`: only
/// when none of them supports the title and at least two agree on one other year.
fn evidence_year(evidence: &[YearEvidence], title_year: i32) -> Option<i32> {
    let others = || {
        evidence
            .iter()
            .filter(|e| e.source != EvidenceSource::Title)
    };
    if others().any(|e| e.year == title_year) {
        return None;
    }
    let mut best: Option<(usize, i32)> = None;
    for e in others() {
        let n = others().filter(|o| o.year == e.year).count();
        if n >= 2 && best.is_none_or(|(m, _)| n > m) {
            best = Some((n, e.year));
        }
    }
    best.map(|(_, y)| y)
}

/// Weighs the title's year against what the rest of the report says (see
/// [`YearSource::Evidence`]), once the parts are known: whether the reported year
/// changed (the parts are then classified again, by the new year). The places that
/// cost least are asked first: one that supports the title settles it.
pub fn weigh_year(src: &Source, r: &Report, vocab: &Vocab, f: &mut Facts, parts: &Parts) -> bool {
    let Some((ty, span)) = f.title_year.clone() else {
        return false;
    };
    if year_evidence(src, r, vocab, f, parts, false)
        .iter()
        .any(|e| e.year == ty)
    {
        return false;
    }
    let all = year_evidence(src, r, vocab, f, parts, true);
    let Some(y) = evidence_year(&all, ty) else {
        return false;
    };
    f.reported_year = Some((y, Some(span), YearSource::Evidence));
    f.year_evidence = all;
    true
}

/// What each place of the report says about the reported year, in the order of
/// [`EvidenceSource`]; the title and the preamble only `with_text`.
pub fn year_evidence(
    src: &Source,
    r: &Report,
    vocab: &Vocab,
    f: &Facts,
    parts: &Parts,
    with_text: bool,
) -> Vec<YearEvidence> {
    let mut out = Vec::new();
    let mut push = |source, year, span| out.push(YearEvidence { source, year, span });
    if with_text {
        if let Some((y, s)) = &f.title_year {
            push(EvidenceSource::Title, *y, s.clone());
        }
        if let Some((y, s)) = preamble_year(src, r) {
            push(EvidenceSource::Preamble, y, s);
        }
    }
    // The plan is the part whose openings name next year's year; the measures the
    // part taken by position.
    let plan_def = vocab.parts.iter().find(|d| d.opening_year_offset.is_some());
    let plan_part = plan_def.map(|d| d.part);
    let plan_offset = plan_def.and_then(|d| d.opening_year_offset).unwrap_or(1);
    let measures_part = vocab.parts.iter().find(|d| d.by_position).map(|d| d.part);
    let mut measures = None;
    let mut plan = None;
    for (i, h) in r.headings.iter().enumerate() {
        let own = parts.own[i];
        let wanted = match own {
            Some(p) if Some(p) == plan_part => plan.is_none(),
            Some(p) if Some(p) == measures_part => measures.is_none() && h.parent.is_none(),
            _ => false,
        };
        if !wanted || !src.slice(&h.title).contains('年') {
            continue;
        }
        let Some((y, s)) = first_year(src, &h.title) else {
            continue;
        };
        if own.is_some() && own == plan_part {
            plan = Some((y.saturating_sub(plan_offset), s));
        } else if s.start == h.title.start {
            measures = Some((y, s));
        }
    }
    if let Some((y, s)) = measures {
        push(EvidenceSource::MeasuresHeading, y, s);
    }
    if let Some((y, s)) = plan {
        push(EvidenceSource::Plan, y, s);
    }
    // A report is signed and published early in the next year, or (early) late in its
    // own; a date in the summer says nothing.
    let by_date = |d: &DateRef| match d.month {
        1..=6 => Some(d.year as i32 - 1),
        10..=12 => Some(d.year as i32),
        _ => None,
    };
    if let Some(d) = &r.signature_date
        && let Some(y) = by_date(d)
    {
        push(EvidenceSource::Signature, y, d.span.clone());
    }
    if let Some((d, DateSource::Metadata)) = &f.published
        && let Some(y) = by_date(d)
    {
        push(EvidenceSource::Published, y, d.span.clone());
    }
    out
}

/// The publication date an HTML page's metadata gives ("2025-03-28"), pointed at the
/// title (the date itself is not in the report's text).
fn page_date(src: &Source, r: &Report) -> Option<DateRef> {
    let mut it = src.published_meta.as_deref()?.splitn(3, '-');
    let mut next = || it.next()?.trim().parse::<u32>().ok();
    let (year, month, day) = (next()?, next()?, next()?);
    let span = r.title.map(|t| r.blocks[t].span.clone()).unwrap_or(0..0);
    Some(DateRef {
        span,
        year,
        month,
        day,
        form: DateForm::Separated,
    })
}

/// The year the preamble reports on: from its 「现将…如下」 sentence, else its first year.
fn preamble_year(src: &Source, r: &Report) -> Option<(i32, Span)> {
    let formula = r
        .preamble
        .iter()
        .flat_map(|&b| sentences(src, &r.blocks[b].span))
        .find(|s| {
            let t = src.slice(s);
            t.contains("如下") || t.contains("现将")
        });
    formula.and_then(|s| first_year(src, &s)).or_else(|| {
        r.preamble
            .first()
            .and_then(|&b| first_year(src, &r.blocks[b].span))
    })
}

/// The sentences of a span ([`crate::text::chars::sentences`]), as spans of the text.
pub fn sentences<'a>(src: &'a Source, span: &Span) -> impl Iterator<Item = Span> + 'a {
    let base = span.start;
    crate::text::chars::sentences(src.slice(span)).map(move |s| base + s.start..base + s.end)
}

/// The opening sentence of a block.
pub fn opening(src: &Source, span: &Span) -> Span {
    sentences(src, span).next().unwrap_or(span.clone())
}

/// How many years past the one it wants a part's closing paragraph may name and still
/// be the part when it looks ahead (the plan): 「2025年,XX区将…」 closing a 2023 report
/// is its plan, with the wrong year, which the plan-year check reports.
const YEARS_LATER: i32 = 2;

/// The years a paragraph opening of a part may name, given the part's offset from the
/// reported year: that year, and for a part that looks ahead, in a paragraph that
/// closes the report (after its last heading), a few later ones.
pub fn opening_years(ry: i32, offset: i32, closing: bool) -> std::ops::RangeInclusive<i32> {
    let wanted = ry.saturating_add(offset);
    let later = if offset > 0 && closing {
        YEARS_LATER
    } else {
        0
    };
    wanted..=wanted.saturating_add(later)
}

/// Where a paragraph's opening sentence shows the part `d` without a heading: the match
/// of the first of its opening patterns that matches, unless that match names a year
/// the part cannot be on (see [`opening_years`]; the plan: the reported year plus one,
/// or a little later).
///
/// A pattern is asked only of an opening holding the literals its every match holds.
/// The groups (a match's year) are asked for only where a year is checked, and then only
/// of a pattern that matches and whose match may hold that year: most openings match
/// nothing, and a search for groups costs many times a plain one. (The plain way, the
/// test's reference, costs about 9% more instructions on the benchmark corpus.)
fn opening_match(d: &PartDef, open_text: &str, year: Option<i32>, closing: bool) -> Option<Span> {
    let wanted = d
        .opening_year_offset
        .zip(year)
        .map(|(off, ry)| opening_years(ry, off, closing));
    d.opening
        .iter()
        .enumerate()
        .find_map(|(i, pat)| {
            if !pat.may_match(open_text) {
                return None;
            }
            let m = pat.re().find(open_text)?;
            let Some(wanted) = wanted.clone() else {
                return Some(Some(m.range()));
            };
            // A year that parses to a wanted one is written with its digits: a match
            // without them, of a pattern whose every match has a year, names another.
            if d.opening_has_year(i) && !wanted.clone().any(|w| m.as_str().contains(&w.to_string()))
            {
                return Some(None);
            }
            let c = pat.re().captures(open_text)?;
            let year_ok = c
                .name("year")
                .is_none_or(|y| y.as_str().parse::<i32>().is_ok_and(|y| wanted.contains(&y)));
            Some(year_ok.then(|| c.get(0).map(|g| g.range()).unwrap_or(0..0)))
        })
        .flatten()
}

pub fn classify(src: &Source, r: &Report, vocab: &Vocab, facts: &Facts) -> Parts {
    let def = |p: Part| vocab.part(p);
    let nests = |p: Part| def(p).is_some_and(|d| d.nests);
    let n = r.headings.len();
    let mut parts = Parts {
        own: vec![None; n],
        section: vec![None; n],
        hits: Vec::new(),
    };

    // Headings, by their titles. A title may name two parts (「存在的问题及下一步打算」).
    let matched: Vec<Vec<Part>> = r
        .headings
        .iter()
        .map(|h| {
            let title = src.slice(&h.title);
            let mut found = vocab.heading_parts(title);
            // A heading that names a part with `others` (the duties) only inside a
            // document's name (「学习《…第一责任人职责规定》」), or names others'
            // (「推动述法全覆盖」), is not that part's.
            for d in vocab.parts.iter().filter(|d| !d.others.is_empty()) {
                if !found.contains(&d.part) {
                    continue;
                }
                let masked = mask_citations(title);
                let cited = title.contains('《') && !vocab.heading_parts(&masked).contains(&d.part);
                if cited || d.others.is_match(&masked) {
                    found.retain(|&p| p != d.part);
                }
            }
            vocab
                .heading_precedence
                .iter()
                .copied()
                .filter(|p| found.contains(p))
                .collect()
        })
        .collect();
    let top = r.headings.iter().map(|h| h.level).min().unwrap_or(1);
    let hit = |h: &Heading, p: Part, by_position: bool| PartHit {
        part: p,
        block: h.block,
        span: h.marker.start..h.title.end,
        headed: true,
        by_position,
    };
    // Parts found on each heading and its ancestors.
    let mut found_at: Vec<Vec<Part>> = vec![Vec::new(); n];
    let mut past_measures = false;
    for (i, h) in r.headings.iter().enumerate() {
        // Inside a section that already has a part, a sub-heading may name only the parts
        // that nest (duties within the measures, causes within the shortcomings …) or the
        // parts its ancestors named: 「(二)科学编制2024年度工作计划」 under the measures
        // is a measure, not next year's plan.
        let inherited: Vec<Part> = h.parent.map(|p| found_at[p].clone()).unwrap_or_default();
        let allowed = |p: Part| inherited.is_empty() || nests(p) || inherited.contains(&p);
        let mine: Vec<Part> = matched[i].iter().copied().filter(|&p| allowed(p)).collect();
        parts.own[i] = mine.first().copied();
        parts.hits.extend(mine.iter().map(|&p| hit(h, p, false)));
        let mut here = inherited;
        here.extend(mine);
        // Top-level headings before the shortcomings and plan: measures by position.
        if h.level == top
            && parts.own[i].is_none()
            && h.parent.is_none()
            && !past_measures
            && let Some(p) = vocab.parts.iter().find(|d| d.by_position).map(|d| d.part)
        {
            parts.own[i] = Some(p);
            parts.hits.push(hit(h, p, true));
            here.push(p);
        }
        past_measures |=
            h.level == top && parts.own[i].and_then(def).is_some_and(|d| d.ends_position);
        found_at[i] = here;
    }
    for i in 0..n {
        parts.section[i] =
            parts.own[i].or_else(|| r.headings[i].parent.and_then(|p| parts.section[p]));
    }

    // Paragraph openings: a part written without a heading of its own.
    let mut unheaded_blocks: Vec<(Part, usize)> = Vec::new();
    let mut in_preamble = vec![false; r.blocks.len()];
    for &b in &r.preamble {
        in_preamble[b] = true;
    }
    let last_heading = r.headings.last().map_or(0, |h| h.block);
    for (b, block) in r.text_blocks() {
        if block.kind != BlockKind::Paragraph || in_preamble[b] {
            continue;
        }
        let closing = b > last_heading;
        let open = opening(src, &block.span);
        let open_text = src.slice(&open);
        let enclosing = parts.part_of_block(r, b);
        for d in vocab.parts.iter().filter(|d| enclosing != Some(d.part)) {
            let p = d.part;
            let Some(whole) = opening_match(d, open_text, facts.year(), closing) else {
                continue;
            };
            let span = open.start + whole.start..open.start + whole.end;
            parts.hits.push(PartHit {
                part: p,
                block: b,
                span,
                headed: false,
                by_position: false,
            });
            unheaded_blocks.push((p, b));
        }
    }

    // Sentences: causes within the shortcomings, duties anywhere in the body.
    for d in &vocab.parts {
        let p = d.part;
        if d.sentence.is_empty() && (d.who.is_empty() || d.what.is_empty()) {
            continue;
        }
        // Blocks holding (or just after) an unheaded mention of the `within` part.
        let mut near = vec![false; r.blocks.len() + 1];
        for &(_, ub) in unheaded_blocks.iter().filter(|u| Some(u.0) == d.within) {
            near[ub] = true;
            near[ub + 1] = true;
        }
        for (b, block) in r.text_blocks().filter(|(_, b)| b.kind != BlockKind::Title) {
            let enclosing = parts.part_of_block(r, b);
            if let Some(w) = d.within
                && enclosing != Some(w)
                && !near[b]
            {
                continue;
            }
            // A block holding none of the literals the patterns need has no sentence
            // that matches; each kind of pattern is asked only where its literals are.
            let text = src.slice(&block.span);
            let by_sentence = d.sentence.may_match(text);
            let by_who = !d.who.is_empty() && d.who.may_match(text) && d.what.may_match(text);
            if !by_sentence && !by_who {
                continue;
            }
            // A document's name (《党政主要负责人履行推进法治建设第一责任人职责规定》)
            // is no sentence about what anyone did; a sentence about others' duties is
            // not the part.
            let hit = sentences(src, &block.span).find_map(|s| {
                let masked = mask_citations(src.slice(&s));
                let t = masked.as_ref();
                let found = match by_sentence.then(|| d.sentence.find(t)).flatten() {
                    Some(m) => s.start + m.start()..s.start + m.end(),
                    None if by_who && d.who.is_match(t) && d.what.is_match(t) => s.clone(),
                    None => return None,
                };
                let others = !d.others.is_empty() && d.others.is_match(t);
                (!others).then_some(found)
            });
            if let Some(span) = hit {
                let headed = enclosing == Some(p);
                parts.hits.push(PartHit {
                    part: p,
                    block: b,
                    span,
                    headed,
                    by_position: false,
                });
                break;
            }
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use crate::testing::texts;
    use crate::text::Span;
    use crate::text::source::Source;

    /// [`super::opening_match`] as first written: the groups of the first pattern
    /// that matches, then its year.
    fn opening_match_with_groups(
        d: &crate::pack::vocab::PartDef,
        open_text: &str,
        year: Option<i32>,
        closing: bool,
    ) -> Option<Span> {
        let m = d
            .opening
            .iter()
            .find_map(|pat| pat.re().captures(open_text))?;
        if let (Some(off), Some(y), Some(ry)) = (d.opening_year_offset, m.name("year"), year)
            && !y
                .as_str()
                .parse::<i32>()
                .is_ok_and(|y| super::opening_years(ry, off, closing).contains(&y))
        {
            return None;
        }
        Some(m.get(0).map(|g| g.range()).unwrap_or(0..0))
    }

    #[test]
    fn the_first_year_outside_citations() {
        let year = |t: &str| {
            let src = Source::new("t.txt", t);
            super::first_year(&src, &(0..src.text.len()))
                .map(|(y, s)| (y, src.slice(&s).to_string()))
        };
        assert_eq!(year("2024 年"), Some((2024, "2024".into())));
        assert_eq!(year("2024\u{3000}年"), Some((2024, "2024".into())));
        assert_eq!(year("《2023年规划》2024年"), Some((2024, "2024".into())));
        assert_eq!(year("12024年"), Some((2024, "2024".into())));
        assert_eq!(year("1899年，2100年"), None);
        assert_eq!(year("《2023年规划》"), None);
    }

    #[test]
    fn openings_match_as_with_their_groups() {
        let vocab = crate::pack::vocab::Vocab::builtin();
        let mut all = texts();
        all.extend(
            [
                "2025年,我县将继续推进",
                "2025年度全县计划开展",
                "2024年,我县将继续推进",
                "02025年将",
                "下一步,我们将",
                "2025年工作安排:一是",
                "仍然存在一些问题,主要是",
            ]
            .iter()
            .map(|s| s.to_string()),
        );
        let mut openings = 0;
        for t in &all {
            let src = Source::new("t.txt", t);
            for span in src.text.char_indices().map(|(i, _)| i).step_by(31).take(60) {
                let open = super::opening(&src, &(span..src.text.len()));
                let open_text = src.slice(&open);
                for d in vocab.parts.iter().filter(|d| !d.opening.is_empty()) {
                    for year in [None, Some(2022), Some(2023), Some(2024), Some(2025)] {
                        for closing in [false, true] {
                            let got = super::opening_match(d, open_text, year, closing);
                            assert_eq!(
                                got,
                                opening_match_with_groups(d, open_text, year, closing),
                                "{open_text}"
                            );
                            openings += usize::from(got.is_some());
                        }
                    }
                }
            }
        }
        assert!(openings > 10, "the texts hold openings: {openings}");
    }
}
