//! `rate`: a rate that contradicts the counts given in the same sentence.

use super::{Ctx, Finding};
use crate::rules::context::Problem;
use crate::text::Span;
use crate::text::chars::{is_han, is_sentence_stop};

/// The rate check and its words.
#[derive(Debug)]
pub struct Rate {
    /// Percentage points allowed beyond rounding.
    tolerance: f64,
    /// Words whose count is the whole (受理 …).
    totals: Vec<String>,
    /// Counting words after a number (件 …).
    units: String,
    /// Words between 率 and the figure, the longest first.
    comparisons: Vec<String>,
    /// Comparisons after which the rate need only not exceed the counts'.
    at_least: Vec<String>,
    /// Words that make a clause's count part of the count just before it.
    of_which: Vec<String>,
}

impl Rate {
    pub fn new(
        tolerance: f64,
        totals: Vec<String>,
        units: String,
        mut comparisons: Vec<String>,
        at_least: Vec<String>,
        of_which: Vec<String>,
    ) -> Result<Rate, Problem> {
        if units.is_empty() || totals.is_empty() || totals.iter().any(|t| t.is_empty()) {
            let why = "units 和 totals 都不能为空，totals 中也不能有空字符串".to_string();
            return Err(Problem::Param("totals", why));
        }
        if !tolerance.is_finite() || tolerance < 0.0 {
            let why = format!("tolerance 应为不小于 0 的数，这里是 {tolerance}");
            return Err(Problem::Param("tolerance", why));
        }
        for (key, list) in [
            ("comparisons", &comparisons),
            ("at_least", &at_least),
            ("of_which", &of_which),
        ] {
            if list.iter().any(|w| w.is_empty()) {
                return Err(Problem::Param(key, format!("{key} 中不能有空字符串")));
            }
        }
        if let Some(w) = at_least.iter().find(|w| !comparisons.contains(w)) {
            let why = format!("at_least 中的 “{w}” 不在 comparisons 中");
            return Err(Problem::Param("at_least", why));
        }
        comparisons.sort_by_key(|c| std::cmp::Reverse(c.chars().count()));
        Ok(Rate {
            tolerance,
            totals,
            units,
            comparisons,
            at_least,
            of_which,
        })
    }
}

/// A rate stated in a sentence (办结率为95%): byte ranges in the sentence of the whole
/// statement, its name (办结), its comparison (为, 超过 …) and its figure (95).
#[derive(Debug, PartialEq)]
struct RateMatch {
    all: Span,
    name: Span,
    cmp: Option<Span>,
    pct: Span,
}

/// The rates stated in `s`, in order: what the pattern
/// `(?P<name>\p{Han}{2,6})率\s*(?P<cmp>均达到|均达|达到|达|为|是|超过|高于)?\s*(?P<pct>[0-9]+(?:\.[0-9]+)?)\s*%`
/// finds, one match after another, with the comparisons given (these, the default,
/// longest first). Each is read back from its %: all before it but the name has one
/// reading, and the name is the Han characters before 率, at most six.
fn rates(s: &str, comparisons: &[String]) -> Vec<RateMatch> {
    let mut out = Vec::new();
    let mut from = 0;
    for percent in memchr::memchr_iter(b'%', s.as_bytes()) {
        if let Some(m) = rate_ending(s, from, percent, comparisons) {
            from = m.all.end;
            out.push(m);
        }
    }
    out
}

/// The rate stated in `s[from..]` that ends with the % at `percent`, if one does.
fn rate_ending(s: &str, from: usize, percent: usize, comparisons: &[String]) -> Option<RateMatch> {
    let head = s.get(from..percent)?;
    let b = head.as_bytes();
    let unblank = |end: usize| head[..end].trim_end_matches(char::is_whitespace).len();
    let digits_before = |end: usize| {
        end - b[..end]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    // The figure: digits, with a decimal part.
    let pct_end = unblank(head.len());
    let mut pct_start = digits_before(pct_end);
    if pct_start == pct_end {
        return None;
    }
    if pct_start > 1 && b[pct_start - 1] == b'.' && digits_before(pct_start - 1) < pct_start - 1 {
        pct_start = digits_before(pct_start - 1);
    }
    // The comparison, when 率 comes before it (no comparison ends with 率).
    let cmp_end = unblank(pct_start);
    let cmp = comparisons.iter().find_map(|c| {
        let start = cmp_end.checked_sub(c.len())?;
        (head[..cmp_end].ends_with(c) && head[..unblank(start)].ends_with('率'))
            .then_some(start..cmp_end)
    });
    let rate_end = cmp.as_ref().map_or(cmp_end, |c| unblank(c.start));
    let rate = head[..rate_end].strip_suffix('率')?.len();
    // The name: the Han characters just before 率, at most six, at least two.
    let name_start = head[..rate]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_han(c))
        .take(6)
        .last()
        .map(|(i, _)| i)?;
    // At least two: a second character.
    head[name_start..rate].chars().nth(1)?;
    let at = |r: std::ops::Range<usize>| from + r.start..from + r.end;
    Some(RateMatch {
        all: from + name_start..percent + 1,
        name: at(name_start..rate),
        cmp: cmp.map(at),
        pct: at(pct_start..pct_end),
    })
}

/// The counts in `s` (40件, 1,200人), in order: what the pattern
/// `([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)\s*\p{Han}` finds, one match after another.
fn counts_in(s: &str) -> Vec<Span> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(k) = b
        .get(i..)
        .and_then(|r| r.iter().position(u8::is_ascii_digit))
    {
        let start = i + k;
        match count_at(s, start) {
            Some(end) => {
                out.push(start..end);
                i = end;
            }
            None => i = start + 1,
        }
    }
    out
}

/// The end of the count that starts at `i` (a digit), if one does: the figure with
/// groups of thousands when it has them, else all its digits; then blank space and a
/// Han character (the unit).
fn count_at(s: &str, i: usize) -> Option<usize> {
    let b = s.as_bytes();
    let unit_after = |end: usize| {
        let rest = s[end..].trim_start_matches(char::is_whitespace);
        let c = rest.chars().next().filter(|&c| is_han(c))?;
        Some(s.len() - rest.len() + c.len_utf8())
    };
    let run = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    // 1,000: one to three digits, then groups of a comma and three digits (all of them:
    // after fewer comes a comma, not the unit).
    for lead in (1..=run.min(3)).rev() {
        let mut end = i + lead;
        while b
            .get(end..end + 4)
            .is_some_and(|g| g[0] == b',' && g[1..].iter().all(u8::is_ascii_digit))
        {
            end += 4;
        }
        if let Some(unit_end) = (end > i + lead).then(|| unit_after(end)).flatten() {
            return Some(unit_end);
        }
    }
    unit_after(i + run)
}

/// Sentences longer than this are not read for rates (a real sentence is far shorter;
/// this keeps the check linear on machine-made text).
const RATE_SENTENCE_BYTES: usize = 3000;

/// The sentences of `s` (as [`crate::classify::sentences`] splits it) that hold one of
/// `marks` (offsets in `s`, in order).
fn sentences_holding(s: &str, marks: &[usize]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    // The end of the last sentence given: every sentence after it starts there or
    // after a stop.
    let mut done = 0;
    for &p in marks {
        if p < done || p > s.len() || !s.is_char_boundary(p) {
            continue;
        }
        let start = s[done..p]
            .char_indices()
            .rev()
            .find(|&(_, c)| is_sentence_stop(c))
            .map_or(done, |(i, c)| done + i + c.len_utf8());
        let end = s[p..]
            .char_indices()
            .find(|&(_, c)| is_sentence_stop(c))
            .map_or(s.len(), |(i, c)| p + i + c.len_utf8());
        out.push(start..end);
        done = end;
    }
    out
}

/// A sentence's clauses (offset, text): split at , ; 、 : except a comma with digits on
/// both sides (1,000).
fn clauses(s: &str) -> Vec<(usize, &str)> {
    let mut start = 0;
    let mut clauses = Vec::new();
    for (i, c) in s.char_indices() {
        if matches!(c, ',' | ';' | '、' | ':')
            && !(c == ','
                && s[i + 1..].starts_with(|d: char| d.is_ascii_digit())
                && s[..i].ends_with(|d: char| d.is_ascii_digit()))
        {
            clauses.push((start, &s[start..i]));
            start = i + c.len_utf8();
        }
    }
    clauses.push((start, &s[start..]));
    clauses
}

impl Rate {
    pub fn run(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut out = Vec::new();
        // Every % of the text, found in one pass: a rate is only read in a sentence with one.
        let percents: Vec<usize> = memchr::memchr_iter(b'%', ctx.src.text.as_bytes()).collect();
        if percents.is_empty() {
            return out;
        }
        for (_, b) in ctx.report.text_blocks() {
            let from = percents.partition_point(|&k| k < b.span.start);
            let n = percents[from..].partition_point(|&k| k < b.span.end);
            if n == 0 {
                continue;
            }
            let block = ctx.src.slice(&b.span);
            let marks: Vec<usize> = percents[from..from + n]
                .iter()
                .map(|&k| k - b.span.start)
                .collect();
            for sent in sentences_holding(block, &marks) {
                let sent = b.span.start + sent.start..b.span.start + sent.end;
                let s = ctx.src.slice(&sent);
                // Every rate names itself with 率.
                if !s.contains('%') || s.len() > RATE_SENTENCE_BYTES || !s.contains('率') {
                    continue;
                }
                // Each clause's first count, with the clause's words (受理行政复议申请40件).
                let mut counts: Vec<(&str, f64, Span)> = Vec::new();
                // No count crosses a clause's edge (a comma inside one has digits on both
                // sides), so one search of the sentence finds what a search of each clause
                // finds. A count is its digits, blank space and a Han unit (the last
                // character).
                let mut found = counts_in(s).into_iter().peekable();
                for (offset, clause) in clauses(s) {
                    let end = offset + clause.len();
                    let mut first = None;
                    while let Some(m) = found.next_if(|m| m.start < end) {
                        if first.is_some() || m.start < offset {
                            continue;
                        }
                        let unit = s[m.clone()].chars().next_back().unwrap_or(' ');
                        if self.units.contains(unit) {
                            first = Some(m);
                        }
                    }
                    let Some(m) = first else {
                        continue;
                    };
                    let count = &s[m.clone()];
                    let digits = count
                        .find(|c: char| !(c.is_ascii_digit() || c == ','))
                        .unwrap_or(count.len());
                    let Ok(v) = count[..digits].replace(',', "").parse() else {
                        continue;
                    };
                    let span = sent.start + m.start..sent.start + m.end;
                    counts.push((&s[offset..m.start], v, span));
                }
                // The first clause with a verb of totals, looked for once per sentence.
                let mut total_clause: Option<Option<usize>> = None;
                for c in rates(s, &self.comparisons) {
                    let Ok(stated) = s[c.pct.clone()].parse::<f64>() else {
                        continue;
                    };
                    // The part is counted by the clause naming the rate most fully (按期办结率
                    // ← 按期办结100件 rather than 办结110件); the whole by the count just before
                    // a clause of `of_which` (其中), else by a verb of totals (受理40件).
                    let name = &s[c.name.clone()];
                    let num = name
                        .char_indices()
                        .map(|(i, _)| &name[i..])
                        .filter(|t| t.chars().nth(1).is_some())
                        .find_map(|t| counts.iter().position(|(v, _, _)| v.contains(t)));
                    let Some(ni) = num else {
                        continue;
                    };
                    let part_of = self
                        .of_which
                        .iter()
                        .any(|w| counts[ni].0.contains(w.as_str()));
                    let den = if part_of && ni > 0 {
                        Some(ni - 1)
                    } else {
                        *total_clause.get_or_insert_with(|| {
                            counts.iter().position(|(v, _, _)| {
                                self.totals.iter().any(|t| v.contains(t.as_str()))
                            })
                        })
                    };
                    let Some(di) = den else {
                        continue;
                    };
                    out.extend(self.finding(s, &c, sent.start, stated, &counts, (ni, di)));
                }
            }
        }
        out
    }

    /// The finding for a rate (`c`, a match of the rate pattern in the sentence that starts
    /// at `sent_start`, stating `stated` per cent) counted by `counts[num]` of
    /// `counts[den]`, when the counts give another rate: beyond rounding to the decimals
    /// stated and `tolerance`, or below it after a comparison of `at_least` (超过, 高于).
    /// None when the rate holds or the counts cannot make it (the same count, no whole, a
    /// part larger than the whole).
    fn finding(
        &self,
        s: &str,
        c: &RateMatch,
        sent_start: usize,
        stated: f64,
        counts: &[(&str, f64, Span)],
        (num, den): (usize, usize),
    ) -> Option<Finding> {
        let (n, d) = (counts[num].1, counts[den].1);
        if num == den || d <= 0.0 || n > d {
            return None;
        }
        let actual = n / d * 100.0;
        let decimals = s[c.pct.clone()].split_once('.').map_or(0, |(_, f)| f.len()) as i32;
        let slack = 0.5 * 10f64.powi(-decimals) + self.tolerance;
        let at_least = c
            .cmp
            .as_ref()
            .is_some_and(|m| self.at_least.iter().any(|w| *w == s[m.clone()]));
        let wrong = if at_least {
            actual + slack < stated
        } else {
            (actual - stated).abs() > slack
        };
        let all = c.all.clone();
        wrong.then(|| {
            Finding::at(sent_start + all.start..sent_start + all.end)
                .label(counts[den].2.clone(), "den")
                .label(counts[num].2.clone(), "num")
                .var("rate", &s[all])
                .var("actual", format!("{actual:.1}"))
                .var("num", format!("{n}"))
                .var("den", format!("{d}"))
        })
    }
}

/// The rate check as first written, with patterns and every sentence read: the
/// scanners above must agree with it.
#[cfg(test)]
mod reference {
    use super::{Ctx, Finding, RATE_SENTENCE_BYTES, Rate, RateMatch, Span, clauses};
    use regex::Regex;
    use std::sync::LazyLock;

    /// What [`super::rates`] reads.
    pub static RATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?P<name>\p{Han}{2,6})率\s*(?P<cmp>均达到|均达|达到|达|为|是|超过|高于)?\s*(?P<pct>[0-9]+(?:\.[0-9]+)?)\s*%")
            .expect("valid")
    });
    /// What [`super::counts_in`] reads.
    pub static COUNT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?P<n>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)\s*(?P<unit>\p{Han})").expect("valid")
    });

    /// A match of [`RATE`] as [`super::rates`] gives one.
    pub fn rate_match(c: &regex::Captures) -> Option<RateMatch> {
        Some(RateMatch {
            all: c.get(0)?.range(),
            name: c.name("name")?.range(),
            cmp: c.name("cmp").map(|m| m.range()),
            pct: c.name("pct")?.range(),
        })
    }

    /// The rate check of `r` (whose comparisons are the default ones, those of
    /// [`RATE`]).
    pub fn rate(r: &Rate, ctx: &Ctx) -> Vec<Finding> {
        let mut out = Vec::new();
        for (_, b) in ctx.report.text_blocks() {
            for sent in crate::classify::sentences(ctx.src, &b.span) {
                let s = ctx.src.slice(&sent);
                if !s.contains('%') || s.len() > RATE_SENTENCE_BYTES {
                    continue;
                }
                // Each clause's first count, with the clause's words (受理行政复议申请40件).
                let mut counts: Vec<(&str, f64, Span)> = Vec::new();
                let clauses = clauses(s);
                for (offset, clause) in clauses {
                    let Some(c) = COUNT
                        .captures_iter(clause)
                        .find(|c| c.name("unit").is_some_and(|u| r.units.contains(u.as_str())))
                    else {
                        continue;
                    };
                    let (Some(n), Some(u)) = (c.name("n"), c.name("unit")) else {
                        continue;
                    };
                    let Ok(v) = n.as_str().replace(',', "").parse() else {
                        continue;
                    };
                    let span = sent.start + offset + n.start()..sent.start + offset + u.end();
                    counts.push((&clause[..n.start()], v, span));
                }
                for c in RATE.captures_iter(s) {
                    let (Some(name), Some(pct)) = (c.name("name"), c.name("pct")) else {
                        continue;
                    };
                    let Ok(stated) = pct.as_str().parse::<f64>() else {
                        continue;
                    };
                    // The part is counted by the clause naming the rate most fully (按期办结率
                    // ← 按期办结100件 rather than 办结110件); the whole by the count just before
                    // a 其中 clause, else by a verb of totals (受理40件).
                    let name = name.as_str();
                    let stems: Vec<&str> = name
                        .char_indices()
                        .map(|(i, _)| &name[i..])
                        .filter(|t| t.chars().count() >= 2)
                        .collect();
                    let num = stems
                        .iter()
                        .find_map(|t| counts.iter().position(|(v, _, _)| v.contains(t)));
                    let den = match num {
                        Some(ni)
                            if r.of_which.iter().any(|w| counts[ni].0.contains(w.as_str()))
                                && ni > 0 =>
                        {
                            Some(ni - 1)
                        }
                        _ => counts
                            .iter()
                            .position(|(v, _, _)| r.totals.iter().any(|t| v.contains(t.as_str()))),
                    };
                    let (Some(ni), Some(di)) = (num, den) else {
                        continue;
                    };
                    let Some(m) = rate_match(&c) else {
                        continue;
                    };
                    out.extend(r.finding(s, &m, sent.start, stated, &counts, (ni, di)));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::agree;
    use crate::rules::spec::Check;
    use crate::testing::token_texts;

    /// The rate check of a rule's `check:` (defaults filled in).
    fn rate_of(yaml: &str) -> super::Rate {
        let check: Check = serde_saphyr::from_str(yaml).unwrap();
        let Check::Rate {
            tolerance,
            totals,
            units,
            comparisons,
            at_least,
            of_which,
        } = check
        else {
            panic!("not a rate check: {yaml}");
        };
        super::Rate::new(tolerance, totals, units, comparisons, at_least, of_which).unwrap()
    }

    #[test]
    fn rates_and_counts_are_what_their_patterns_find() {
        // Statements of rates in pieces, the likelier ones more than once.
        let tokens: Vec<&str> = concat!(
            "办结|办结率|办结率|甲乙丙丁戊己率|率|为|为|均达到|均达|达到|达|超过|高于|是|甲|々|",
            "5|95|95|9.5|100|1|.|,|000|1,000| |\u{3000}|%|%|%|，|a|\n|件|人|𠀀|。|、|12,34|",
            "率为|率达到"
        )
        .split('|')
        .collect();
        // The default comparisons, those of the reference pattern.
        let comparisons = rate_of("kind: rate\ntotals: [受理]\nunits: 件\n").comparisons;
        let (mut rates, mut counts) = (0, 0);
        for t in token_texts(&tokens, 7, 100_000, 16) {
            let want: Vec<_> = super::reference::RATE
                .captures_iter(&t)
                .filter_map(|c| super::reference::rate_match(&c))
                .collect();
            assert_eq!(super::rates(&t, &comparisons), want, "{t:?}");
            rates += want.len();
            let want: Vec<_> = super::reference::COUNT
                .find_iter(&t)
                .map(|m| m.range())
                .collect();
            assert_eq!(super::counts_in(&t), want, "{t:?}");
            counts += want.len();
        }
        assert!(rates > 1000 && counts > 5000, "{rates} {counts}");
    }

    #[test]
    fn rate_agrees_with_reading_every_sentence() {
        let rate = rate_of("kind: rate\ntolerance: 0\ntotals: [受理, 收到, 共]\nunits: 件个次\n");
        agree(
            &[
                "受理40件,其中办结30件,办结率为80%。受理40件;办结率为80%",
                "共受理复议申请20件,按期办结18件,按期办结率达100%!办结率95.5%?",
                "收到10件、办结8件:办结率80%",
                "受理1,000件,办结900件,办结率为80.0%。%%%",
                "%受理40件办结率为50%",
            ],
            |ctx| rate.run(ctx),
            |ctx| super::reference::rate(&rate, ctx),
        );
    }
}
