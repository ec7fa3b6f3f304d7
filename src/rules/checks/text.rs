//! Pattern lists, page furniture and citations.

use super::{Ctx, Finding, is_text, snippet};
use crate::pack::pattern::{Compile, Matcher};
use crate::parse::tree::BlockKind;
use crate::rules::spec::{CitationDoc, PatternItem, PeriodDoc, Scope, YearRange};
use crate::text::Span;
use regex::Regex;
use std::sync::{LazyLock, OnceLock};

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

/// One item of a pattern list, compiled.
#[derive(Debug)]
struct Item {
    regex: Matcher,
    label: Option<String>,
    unless_before: Option<Matcher>,
    unless_after: Option<Matcher>,
}

/// The patterns check: its items, and what lets it pass over text none of them matches.
#[derive(Debug)]
pub struct Patterns {
    scope: Scope,
    items: Vec<Item>,
    /// All the patterns as one alternation, to pass over text none of them matches in a
    /// single scan, and the search for the literals its every match starts with.
    joined: OnceLock<(Option<Regex>, Option<Starts>)>,
}

impl Patterns {
    pub fn new(scope: Scope, items: &[PatternItem], when: Compile) -> Result<Patterns, String> {
        let compile = |p: &Option<crate::pack::pattern::Pattern>| {
            p.as_ref().map(|p| p.compile(when)).transpose()
        };
        let mut compiled = Vec::new();
        for i in items {
            compiled.push(Item {
                regex: i.regex.compile(when)?,
                label: i.label.clone(),
                unless_before: compile(&i.unless_before)?,
                unless_after: compile(&i.unless_after)?,
            });
        }
        let p = Patterns {
            scope,
            items: compiled,
            joined: OnceLock::new(),
        };
        if when == Compile::Now {
            p.joined();
        }
        Ok(p)
    }

    fn joined(&self) -> (Option<&Regex>, Option<&Starts>) {
        let (pre, starts) = self.joined.get_or_init(|| {
            let pre = prefilter(&self.items);
            let starts = pre.as_ref().and_then(starts);
            (pre, starts)
        });
        (pre.as_ref(), starts.as_ref())
    }

    pub fn run(&self, ctx: &Ctx) -> Vec<Finding> {
        let (pre, starts) = self.joined();
        patterns(ctx, self.scope, &self.items, pre, starts)
    }
}

/// One regex that matches wherever any of the items does (their `hit` groups made
/// plain), or None when they cannot be joined (for example a repeated group name).
fn prefilter(items: &[Item]) -> Option<Regex> {
    let joined: Vec<String> = items
        .iter()
        .map(|i| format!("(?:{})", i.regex.as_str().replace("(?P<hit>", "(?:")))
        .collect();
    crate::pack::pattern::build(&joined.join("|")).ok()
}

/// Searches for the literals every match of a prefilter starts with: one for those of
/// three bytes or more, one for the shorter. (A search for both at once compares only
/// the first two bytes of each place in the text, and two bytes do not tell Chinese
/// characters apart: 待 starts like 律 and 得, 某 like 查. The longer ones alone are
/// told apart by their whole first character, and the short ones, ASCII placeholders
/// such as XX, are rare in Chinese text.)
#[derive(Debug)]
pub struct Starts(Vec<regex::bytes::Regex>);

impl Starts {
    /// The places (start, end) each search finds in `text`.
    fn places(&self, text: &[u8]) -> Vec<Vec<(usize, usize)>> {
        self.0
            .iter()
            .map(|r| r.find_iter(text).map(|m| (m.start(), m.end())).collect())
            .collect()
    }
}

/// Whether a place of one of the searches touches `span`. (A place a search passed
/// over lies inside one it found, in the same block.)
fn touches(places: &[Vec<(usize, usize)>], span: &Span) -> bool {
    places.iter().any(|places| {
        let k = places.partition_point(|&(_, e)| e <= span.start);
        places.get(k).is_some_and(|&(s, _)| s < span.end)
    })
}

/// The searches for the literals every match of `pre` starts with, or None when they
/// are not known (or some match may start with any text).
fn starts(pre: &Regex) -> Option<Starts> {
    use regex_syntax::hir::literal::Extractor;
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pre.as_str())
        .ok()?;
    let seq = Extractor::new().extract(&hir);
    let literals = seq.literals()?;
    if literals.is_empty() || literals.iter().any(|l| l.is_empty()) {
        return None;
    }
    let (long, short): (Vec<_>, Vec<_>) = literals.iter().partition(|l| l.len() >= 3);
    let mut searches = Vec::new();
    for group in [long, short] {
        if group.is_empty() {
            continue;
        }
        let alternation: Vec<String> = group
            .iter()
            .map(|l| l.as_bytes().iter().map(|b| format!("\\x{b:02X}")).collect())
            .collect();
        searches.push(
            regex::bytes::RegexBuilder::new(&alternation.join("|"))
                .unicode(false)
                .build()
                .ok()?,
        );
    }
    Some(Starts(searches))
}

/// `pre` matches wherever an item may (see [`prefilter`]); `starts`, where a match of
/// `pre` may start (see [`starts`]).
fn patterns(
    ctx: &Ctx,
    scope: Scope,
    items: &[Item],
    pre: Option<&Regex>,
    starts: Option<&Starts>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    // For the body (most of the text), one pass over the text finds where a match may
    // start; a block that none of those places touches holds no match.
    let places = match (pre, starts) {
        (Some(_), Some(starts)) if scope == Scope::Body => {
            Some(starts.places(ctx.src.text.as_bytes()))
        }
        _ => None,
    };
    for span in scope_spans(ctx, scope) {
        if places.as_ref().is_some_and(|p| !touches(p, &span)) {
            continue;
        }
        let s = ctx.src.slice(&span);
        if pre.is_some_and(|p| !p.is_match(s)) {
            continue;
        }
        for item in items {
            for c in item.regex.re().captures_iter(s) {
                let Some(m) = c.name("hit").or_else(|| c.get(0)) else {
                    continue;
                };
                if m.is_empty() {
                    continue;
                }
                let before = s[..m.start()].chars().next_back();
                let after = s[m.end()..].chars().next();
                let blocked = |p: &Option<Matcher>, c: Option<char>| {
                    p.as_ref()
                        .zip(c)
                        .is_some_and(|(p, c)| p.re().is_match(c.encode_utf8(&mut [0; 4])))
                };
                if blocked(&item.unless_before, before) || blocked(&item.unless_after, after) {
                    continue;
                }
                let hit = span.start + m.start()..span.start + m.end();
                let mut f = Finding::at(hit).var("text", m.as_str());
                if let Some(l) = &item.label {
                    f = f.var("label", l.clone());
                    f.primary_label = Some(l.clone());
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
            (k, _) if is_text(k) => flush(&mut run),
            _ => {}
        }
    }
    flush(&mut run);
    out
}

/// A citation, as a pattern: what [`cited_at`] finds (the tests hold it to this).
#[cfg(test)]
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

/// A title cited in 《》 in the report's text.
struct Cited<'t> {
    /// The citation with its 《》, as in the text.
    all: &'t str,
    /// The title inside 《》.
    title: &'t str,
    /// The citation's span in the text.
    span: Span,
    /// The sentence around it.
    sentence: &'t str,
}

static OPEN_TITLE: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("《"));

/// The end of the citation [`CITED`] matches at the start of `s` (which starts with 《),
/// if any: up to 80 characters other than 《, 》 and a line break, at least one, then 》.
fn cited_at(s: &str) -> Option<usize> {
    let body = s.strip_prefix('《')?;
    for (n, (i, c)) in body.char_indices().enumerate() {
        match c {
            '》' if n >= 1 => return Some('《'.len_utf8() + i + c.len_utf8()),
            '《' | '》' | '\n' => return None,
            _ if n >= 80 => return None,
            _ => {}
        }
    }
    None
}

/// Every 《…》 citation of the report's text blocks (what [`CITED`] finds in each).
fn citations<'t>(ctx: &'t Ctx) -> impl Iterator<Item = Cited<'t>> + 't {
    // Every 《 of the text, found in one pass: a citation starts at one.
    let opens: Vec<usize> = OPEN_TITLE.find_iter(ctx.src.text.as_bytes()).collect();
    ctx.report.text_blocks().flat_map(move |(_, b)| {
        let from = opens.partition_point(|&k| k < b.span.start);
        let n = opens[from..].partition_point(|&k| k < b.span.end);
        let mut found = Vec::new();
        if n == 0 {
            return found;
        }
        let s = ctx.src.slice(&b.span);
        let mut done = 0;
        for &k in &opens[from..from + n] {
            let q = k - b.span.start;
            if q < done || !s.is_char_boundary(q) {
                continue;
            }
            let Some(len) = cited_at(&s[q..]) else {
                continue;
            };
            let (a, e) = (q, q + len);
            done = e;
            let stops = ['。', '!', '?', ';'];
            let start = s[..a]
                .rfind(stops)
                .map(|i| i + s[i..].chars().next().map(char::len_utf8).unwrap_or(1))
                .unwrap_or(0);
            let end = s[e..].find(stops).map(|i| e + i).unwrap_or(s.len());
            found.push(Cited {
                all: &s[a..e],
                title: &s[a + '《'.len_utf8()..e - '》'.len_utf8()],
                span: b.span.start + a..b.span.start + e,
                sentence: &s[start..end],
            });
        }
        found
    })
}

/// A document of the citation check, compiled.
#[derive(Debug)]
pub struct Cites {
    canonical: String,
    matches: Matcher,
    years: Option<YearRange>,
}

pub fn citation_docs(docs: &[CitationDoc], when: Compile) -> Result<Vec<Cites>, String> {
    docs.iter()
        .map(|d| {
            Ok(Cites {
                canonical: d.canonical.clone(),
                matches: d.matches.compile(when)?,
                years: d.years,
            })
        })
        .collect()
}

pub fn citation(ctx: &Ctx, docs: &[Cites]) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in citations(ctx) {
        // An entry for other years is another document (a framework's successor).
        let meant: Vec<&Cites> = docs
            .iter()
            .filter(|d| d.years.is_none_or(|y| y.applies(ctx.facts.year())))
            .filter(|d| d.matches.re().is_match(c.title))
            .collect();
        if meant.is_empty() {
            continue;
        }
        let folded = fold(c.title);
        if meant.iter().any(|d| fold(&d.canonical) == folded) {
            continue;
        }
        out.push(
            Finding::at(c.span)
                .var("found", c.all)
                .var("canonical", format!("《{}》", meant[0].canonical)),
        );
    }
    out
}

/// Frameworks cited in a report on a year after their period. A citation in a sentence
/// that looks back (收官, 总结, 回顾, 完成) is not reported.
/// A framework of the citation-period check, compiled.
#[derive(Debug)]
pub struct Period {
    name: String,
    matches: Matcher,
    years: YearRange,
}

pub fn period_docs(docs: &[PeriodDoc], when: Compile) -> Result<Vec<Period>, String> {
    docs.iter()
        .map(|d| {
            Ok(Period {
                name: d.name.clone(),
                matches: d.matches.compile(when)?,
                years: d.years,
            })
        })
        .collect()
}

pub fn citation_period(ctx: &Ctx, docs: &[Period]) -> Vec<Finding> {
    let Some(year) = ctx.facts.year() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for c in citations(ctx) {
        let Some(d) = docs
            .iter()
            .find(|d| d.years.to.is_some_and(|t| t < year) && d.matches.re().is_match(c.title))
        else {
            continue;
        };
        if ["收官", "总结", "回顾", "完成", "期满", "圆满"]
            .iter()
            .any(|w| c.sentence.contains(w))
        {
            continue;
        }
        out.push(
            Finding::at(c.span)
                .var("found", c.all)
                .var("name", d.name.clone())
                .var("period", d.years.to_string())
                .var("year", year.to_string()),
        );
    }
    out
}

/// The (opener, closer) characters of each two-character pair string.
fn pair_table(pairs: &[String]) -> Vec<(char, char)> {
    pairs
        .iter()
        .filter_map(|p| {
            let mut c = p.chars();
            Some((c.next()?, c.next()?))
        })
        .filter(|(o, c)| o != c)
        .collect()
}

/// A closer that numbers a list item (「1)」「a)」「一)」) at the start of a paragraph or
/// after a sentence or clause mark.
fn enumerator(s: &str, at: usize) -> bool {
    let mut back = s[..at].chars().rev();
    let Some(n) = back.next() else { return false };
    let numeral = n.is_ascii_alphanumeric() || "一二三四五六七八九十".contains(n);
    numeral && back.next().is_none_or(|p| "。;:,、 \t".contains(p))
}

pub fn pairs(ctx: &Ctx, pairs: &[String]) -> Vec<Finding> {
    // Only where a mark's first byte is can a mark start. Letters and digits (most of
    // a report) are never marks. Of the characters starting there, only those ending
    // with a mark's last byte are read: 。 and 、 share their first bytes with 《 and 【.
    pairs_with(ctx, pairs, |table| {
        let marks = || {
            table
                .iter()
                .flat_map(|&(o, c)| [o, c])
                .filter(|&c| !super::plain(c))
        };
        let mut last = [false; 256];
        for c in marks() {
            let mut buf = [0; 4];
            last[usize::from(*c.encode_utf8(&mut buf).as_bytes().last().unwrap_or(&0))] = true;
        }
        (super::ByteSet::leads(marks()), last)
    })
}

/// [`pairs`], looking at the characters that start at the bytes `lead` gives for the
/// table of pairs (and of those of two bytes or more, at the ones whose last byte it
/// gives).
fn pairs_with(
    ctx: &Ctx,
    pairs: &[String],
    lead: impl FnOnce(&[(char, char)]) -> (super::ByteSet, [bool; 256]),
) -> Vec<Finding> {
    // The text is normalised: （） in a rule means ().
    let norm = crate::text::source::normalise_char;
    let table: Vec<(char, char)> = pair_table(pairs)
        .into_iter()
        .map(|(o, c)| (norm(o), norm(c)))
        .collect();
    let mut out = Vec::new();
    let lone =
        |out: &mut Vec<Finding>, at: usize, mark: char, partner: char, variant: &'static str| {
            out.push(
                Finding::at(at..at + mark.len_utf8())
                    .var("mark", mark.to_string())
                    .var("partner", partner.to_string())
                    .variant(variant),
            );
        };
    let blocks: Vec<&crate::parse::tree::Block> =
        ctx.report.text_blocks().map(|(_, b)| b).collect();
    let (lead, last) = lead(&table);
    let mut stack: Vec<(char, char, usize)> = Vec::new();
    // How many of each opener are open, so a closer with none open is known at once.
    let mut open = vec![0usize; table.len()];
    let mut marks = Vec::new();
    for (k, b) in blocks.iter().enumerate() {
        let s = ctx.src.slice(&b.span);
        let bytes = s.as_bytes();
        stack.clear();
        open.fill(0);
        lead.find_all(bytes, &mut marks);
        for &i in &marks {
            // A lead byte starts a character, and says how long it is.
            let width = match bytes[i] {
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => 1,
            };
            if width > 1
                && !bytes
                    .get(i + width - 1)
                    .is_some_and(|&b| last[usize::from(b)])
            {
                continue;
            }
            let c = s[i..].chars().next().unwrap_or(' ');
            if super::plain(c) {
                continue;
            }
            let at = b.span.start + i;
            if let Some(t) = table.iter().position(|(o, _)| *o == c) {
                stack.push((table[t].0, table[t].1, at));
                open[t] += 1;
            } else if let Some(t) = table.iter().position(|(_, cl)| *cl == c) {
                let (o, cl) = table[t];
                if open[t] == 0 {
                    if !enumerator(s, i) {
                        lone(&mut out, at, cl, o, "closer");
                    }
                    continue;
                }
                let pos = stack.iter().rposition(|e| e.0 == o).unwrap_or(0);
                // Openers left open inside this pair are unmatched.
                for (uo, ucl, uat) in stack.drain(pos + 1..) {
                    if let Some(u) = table.iter().position(|(x, _)| *x == uo) {
                        open[u] -= 1;
                    }
                    lone(&mut out, uat, uo, ucl, "opener");
                }
                stack.pop();
                open[t] -= 1;
            }
        }
        // A quotation over several paragraphs opens each one and closes only the last
        // (GB/T 15834): an opening quote at the start of a paragraph followed by another
        // paragraph that opens with the same mark is not unmatched.
        let continued = blocks.get(k + 1).is_some_and(|n| {
            ctx.src
                .slice(&n.span)
                .starts_with(|c: char| stack.first().is_some_and(|f| f.0 == c))
        });
        for (n, (uo, ucl, uat)) in stack.drain(..).enumerate() {
            if n == 0 && uat == b.span.start && continued {
                continue;
            }
            lone(&mut out, uat, uo, ucl, "opener");
        }
    }
    out.sort_by_key(|f| f.span.start);
    out
}

pub fn width_mix(ctx: &Ctx, forms: &[String], skip_between_digits: bool) -> Vec<Finding> {
    let table = pair_table(forms);
    let seen = match ascii_forms(&table) {
        Some(form_of) => seen_normalised(ctx, &table, &form_of, skip_between_digits),
        None => seen_as_written(ctx, &table, skip_between_digits),
    };
    let mut out: Vec<Finding> = table
        .iter()
        .zip(&seen)
        .filter_map(|(&form, [h, f])| minority((h.0, f.0), form, |w| [h, f][w].1, ctx))
        .collect();
    out.sort_by_key(|f| f.span.start);
    out
}

/// How often width-mix saw one width of a form, and where first (an offset of the
/// normalised text).
type Seen = (usize, Option<usize>);

/// For forms that are each an ASCII mark and its full-width form (U+FF01–FF5E), no mark
/// twice and none a letter or a digit (the built-in forms): the form of each ASCII
/// byte. None for other forms.
fn ascii_forms(table: &[(char, char)]) -> Option<[Option<u8>; 128]> {
    let mut form_of = [None; 128];
    for (k, &(half, full)) in table.iter().enumerate() {
        let slot = form_of.get_mut(half as usize)?;
        if !half.is_ascii_punctuation() || full as u32 != half as u32 + 0xFEE0 || slot.is_some() {
            return None;
        }
        *slot = Some(u8::try_from(k).ok()?);
    }
    Some(form_of)
}

/// Asks, of offsets of the normalised text, whether the character ending there was
/// shortened by normalisation: a walk through [`Source::shortened`] that goes on from
/// the last offset asked (offsets asked close together, mostly in order, cost a step or
/// two).
///
/// [`Source::shortened`]: crate::text::source::Source::shortened
struct Shortened<'a> {
    ends: &'a [(usize, usize)],
    /// The first entry ending at or after the offset asked last.
    at: usize,
}

impl Shortened<'_> {
    fn ends_at(&mut self, end: usize) -> bool {
        while self.ends.get(self.at).is_some_and(|s| s.0 < end) {
            self.at += 1;
        }
        while self.at > 0 && self.ends[self.at - 1].0 >= end {
            self.at -= 1;
        }
        self.ends.get(self.at).is_some_and(|s| s.0 == end)
    }
}

/// What width-mix sees of [`ascii_forms`], read from the normalised text: there both
/// widths of a form are its ASCII mark, and the full-width ones are the marks
/// normalisation shortened. No character is decoded: the marks and the bytes beside
/// them tell all.
fn seen_normalised(
    ctx: &Ctx,
    table: &[(char, char)],
    form_of: &[Option<u8>; 128],
    skip_between_digits: bool,
) -> Vec<[Seen; 2]> {
    let lead = super::ByteSet::leads(table.iter().map(|&(half, _)| half));
    let text = ctx.src.text.as_bytes();
    let mut shortened = Shortened {
        ends: ctx.src.shortened(),
        at: 0,
    };
    let mut seen: Vec<[Seen; 2]> = vec![[(0, None); 2]; table.len()];
    let mut marks = Vec::new();
    for (_, b) in ctx.report.text_blocks() {
        // Heading numbers are judged by numbering-style.
        let marker = match b.kind {
            BlockKind::Heading(h) => ctx.report.headings[h].marker.clone(),
            _ => 0..0,
        };
        let span = &b.span;
        lead.find_all(&text[span.clone()], &mut marks);
        for &i in &marks {
            let p = span.start + i;
            let Some(k) = form_of.get(usize::from(text[p])).copied().flatten() else {
                continue;
            };
            if marker.contains(&p) {
                continue;
            }
            // The mark as written: its full-width form where normalisation shortened it.
            let (half, full) = table[usize::from(k)];
            let written = if shortened.ends_at(p + 1) { full } else { half };
            // The character beside it (at `at`, ending at `end`) within the block, when
            // it is ASCII as written (one byte, not shortened): half_or_full asks only
            // whether it is an ASCII letter, digit or slash.
            let mut beside = |at: usize, end: usize| {
                let c = text[at];
                (c.is_ascii() && !shortened.ends_at(end)).then(|| char::from(c))
            };
            let Some(width) = half_or_full(written, (half, full), skip_between_digits, || {
                (
                    (p > span.start).then(|| beside(p - 1, p)).flatten(),
                    (p + 1 < span.end).then(|| beside(p + 1, p + 2)).flatten(),
                )
            }) else {
                continue;
            };
            let e = &mut seen[usize::from(k)][width];
            e.0 += 1;
            e.1.get_or_insert(p);
        }
    }
    seen
}

/// What width-mix sees of any forms: the report's text as written, character by
/// character, for each form the count and first place of its half-width and of its
/// full-width mark.
fn seen_as_written(ctx: &Ctx, table: &[(char, char)], skip_between_digits: bool) -> Vec<[Seen; 2]> {
    let mut seen: Vec<[Seen; 2]> = vec![[(0, None); 2]; table.len()];
    let original = ctx.src.original();
    // Heading numbers are judged by numbering-style; marks inside English words, web
    // addresses and figures (https://, “Learn, Share”) are not Chinese punctuation.
    for (_, b) in ctx.report.text_blocks() {
        let marker = match b.kind {
            BlockKind::Heading(h) => ctx.report.headings[h].marker.clone(),
            _ => 0..0,
        };
        let norm = ctx.src.slice(&b.span);
        let (os, oe) = (
            ctx.src.original_offset(b.span.start),
            ctx.src.original_offset(b.span.end),
        );
        let Some(orig) = original.get(os..oe) else {
            continue;
        };
        // Normalisation maps characters one for one.
        let mut prev: Option<char> = None;
        let mut chars = norm.char_indices().zip(orig.chars()).peekable();
        while let Some(((i, _), oc)) = chars.next() {
            let at = b.span.start + i;
            if !super::plain(oc) && !marker.contains(&at) {
                let next = chars.peek().map(|(_, c)| *c);
                for (k, (half, full)) in table.iter().enumerate() {
                    let Some(width) =
                        half_or_full(oc, (*half, *full), skip_between_digits, || (prev, next))
                    else {
                        continue;
                    };
                    let e = &mut seen[k][width];
                    e.0 += 1;
                    e.1.get_or_insert(at);
                }
            }
            prev = Some(oc);
        }
    }
    seen
}

/// Which width of a form (half, full) the mark `oc` is: 0 half, 1 full; None for
/// another mark, and for a half-width mark that is not Chinese punctuation: between two
/// digits (1,000 and 16:09, when those are skipped) or next to a letter or a slash
/// (https://, “Learn, Share”). `around` gives the characters before and after it, and is
/// asked only for a half-width mark.
fn half_or_full(
    oc: char,
    (half, full): (char, char),
    skip_between_digits: bool,
    around: impl FnOnce() -> (Option<char>, Option<char>),
) -> Option<usize> {
    if oc == full {
        return Some(1);
    }
    if oc != half {
        return None;
    }
    let (prev, next) = around();
    let numeric =
        prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
    let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic() || c == '/');
    (!(skip_between_digits && numeric || ascii(prev) || ascii(next))).then_some(0)
}

/// The width-mix finding for one form (half, full) seen `counts` times in each width,
/// when both are: at the first mark of the rarer width (the half-width one on a tie),
/// whose place in the normalised text `first(width)` gives (0 half, 1 full).
fn minority(
    (hc, fc): (usize, usize),
    (half, full): (char, char),
    first: impl FnOnce(usize) -> Option<usize>,
    ctx: &Ctx,
) -> Option<Finding> {
    if hc == 0 || fc == 0 {
        return None;
    }
    let (minor, major, mc, jc, width) = if hc <= fc {
        (half, full, hc, fc, 0)
    } else {
        (full, half, fc, hc, 1)
    };
    let at = first(width)?;
    let len = ctx
        .src
        .slice(&(at..at + 4))
        .chars()
        .next()
        .map(char::len_utf8)
        .unwrap_or(1);
    Some(
        Finding::at(at..at + len)
            .var("found", minor.to_string())
            .var("count", mc.to_string())
            .var("major", major.to_string())
            .var("major_count", jc.to_string()),
    )
}

/// The Han characters (the script, as the regex crate's `\p{Han}` has it), as ranges
/// in order.
static HAN: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
    use regex_syntax::hir::{Class, HirKind};
    match regex_syntax::parse(r"\p{Han}").map(regex_syntax::hir::Hir::into_kind) {
        Ok(HirKind::Class(Class::Unicode(c))) => {
            c.ranges().iter().map(|r| (r.start(), r.end())).collect()
        }
        _ => Vec::new(),
    }
});

/// Whether `c` is a Han character (all of U+4E00–9FFF is).
fn is_han(c: char) -> bool {
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return true;
    }
    let han = &*HAN;
    let k = han.partition_point(|r| r.1 < c);
    han.get(k).is_some_and(|r| r.0 <= c)
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

/// The comparisons a rate may state.
const RATE_CMP: [&str; 8] = ["均达到", "均达", "达到", "达", "为", "是", "超过", "高于"];

/// The rates stated in `s`, in order: what the pattern
/// `(?P<name>\p{Han}{2,6})率\s*(?P<cmp>均达到|均达|达到|达|为|是|超过|高于)?\s*(?P<pct>[0-9]+(?:\.[0-9]+)?)\s*%`
/// finds, one match after another. Each is read back from its %: all before it but the
/// name has one reading, and the name is the Han characters before 率, at most six.
fn rates(s: &str) -> Vec<RateMatch> {
    let mut out = Vec::new();
    let mut from = 0;
    for percent in memchr::memchr_iter(b'%', s.as_bytes()) {
        if let Some(m) = rate_ending(s, from, percent) {
            from = m.all.end;
            out.push(m);
        }
    }
    out
}

/// The rate stated in `s[from..]` that ends with the % at `percent`, if one does.
fn rate_ending(s: &str, from: usize, percent: usize) -> Option<RateMatch> {
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
    let cmp = RATE_CMP.iter().find_map(|c| {
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
    const STOPS: [char; 4] = ['。', '!', '?', ';'];
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
            .find(|&(_, c)| STOPS.contains(&c))
            .map_or(done, |(i, c)| done + i + c.len_utf8());
        let end = s[p..]
            .char_indices()
            .find(|&(_, c)| STOPS.contains(&c))
            .map_or(s.len(), |(i, c)| p + i + c.len_utf8());
        out.push(start..end);
        done = end;
    }
    out
}

/// Whether `needle` is in `hay`: a plain byte comparison, quicker than a substring
/// search's set-up on the few bytes of a clause.
fn holds(hay: &str, needle: &str) -> bool {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    memchr::memchr_iter(first, hay).any(|i| hay[i + 1..].starts_with(rest))
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

pub fn rate(ctx: &Ctx, tolerance: f64, totals: &[String], units: &str) -> Vec<Finding> {
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
            let clauses = clauses(s);
            // No count crosses a clause's edge (a comma inside one has digits on both
            // sides), so one search of the sentence finds what a search of each clause
            // finds. A count is its digits, blank space and a Han unit (the last
            // character).
            let mut found = counts_in(s).into_iter().peekable();
            for (offset, clause) in clauses {
                let end = offset + clause.len();
                let mut first = None;
                while let Some(m) = found.next_if(|m| m.start < end) {
                    if first.is_some() || m.start < offset {
                        continue;
                    }
                    let unit = s[m.clone()].chars().next_back().unwrap_or(' ');
                    if units.contains(unit) {
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
            for c in rates(s) {
                let Ok(stated) = s[c.pct.clone()].parse::<f64>() else {
                    continue;
                };
                // The part is counted by the clause naming the rate most fully (按期办结率
                // ← 按期办结100件 rather than 办结110件); the whole by the count just before
                // a 其中 clause, else by a verb of totals (受理40件).
                let name = &s[c.name.clone()];
                let num = name
                    .char_indices()
                    .map(|(i, _)| &name[i..])
                    .filter(|t| t.chars().nth(1).is_some())
                    .find_map(|t| counts.iter().position(|(v, _, _)| holds(v, t)));
                let Some(ni) = num else {
                    continue;
                };
                let den = if holds(counts[ni].0, "其中") && ni > 0 {
                    Some(ni - 1)
                } else {
                    *total_clause.get_or_insert_with(|| {
                        counts
                            .iter()
                            .position(|(v, _, _)| totals.iter().any(|t| holds(v, t)))
                    })
                };
                let Some(di) = den else {
                    continue;
                };
                out.extend(rate_finding(
                    s,
                    &c,
                    sent.start,
                    stated,
                    &counts,
                    (ni, di),
                    tolerance,
                ));
            }
        }
    }
    out
}

/// The finding for a rate (`c`, a match of the rate pattern in the sentence that starts
/// at `sent_start`, stating `stated` per cent) counted by `counts[num]` of
/// `counts[den]`, when the counts give another rate: beyond rounding to the decimals
/// stated and `tolerance`, or below it for 超过/高于. None when the rate holds or the
/// counts cannot make it (the same count, no whole, a part larger than the whole).
fn rate_finding(
    s: &str,
    c: &RateMatch,
    sent_start: usize,
    stated: f64,
    counts: &[(&str, f64, Span)],
    (num, den): (usize, usize),
    tolerance: f64,
) -> Option<Finding> {
    let (n, d) = (counts[num].1, counts[den].1);
    if num == den || d <= 0.0 || n > d {
        return None;
    }
    let actual = n / d * 100.0;
    let decimals = s[c.pct.clone()]
        .split_once('.')
        .map(|(_, f)| f.len())
        .unwrap_or(0) as i32;
    let slack = 0.5 * 10f64.powi(-decimals) + tolerance;
    let at_least = matches!(c.cmp.clone().map(|m| &s[m]), Some("超过" | "高于"));
    let wrong = if at_least {
        actual + slack < stated
    } else {
        (actual - stated).abs() > slack
    };
    let all = c.all.clone();
    wrong.then(|| {
        Finding::at(sent_start + all.start..sent_start + all.end)
            .label(counts[den].2.clone(), "总数")
            .label(counts[num].2.clone(), "其中")
            .var("rate", &s[all])
            .var("actual", format!("{actual:.1}"))
            .var("num", format!("{n}"))
            .var("den", format!("{d}"))
    })
}

/// The checks as first written, character by character: the fast ones above must
/// agree with them.
#[cfg(test)]
mod reference {
    use super::{CITED, Cited, Ctx, Finding, RATE_SENTENCE_BYTES, RateMatch, Span, clauses};
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

    /// Every 《…》 citation of the report's text blocks.
    pub fn citations<'t>(ctx: &'t Ctx) -> impl Iterator<Item = Cited<'t>> + 't {
        ctx.report.text_blocks().flat_map(move |(_, b)| {
            let s = ctx.src.slice(&b.span);
            CITED.captures_iter(s).filter_map(move |c| {
                let (all, title) = (c.get(0)?, c.get(1)?);
                let stops = ['。', '!', '?', ';'];
                let start = s[..all.start()]
                    .rfind(stops)
                    .map(|i| i + s[i..].chars().next().map(char::len_utf8).unwrap_or(1))
                    .unwrap_or(0);
                let end = s[all.end()..]
                    .find(stops)
                    .map(|i| all.end() + i)
                    .unwrap_or(s.len());
                Some(Cited {
                    all: all.as_str(),
                    title: title.as_str(),
                    span: b.span.start + all.start()..b.span.start + all.end(),
                    sentence: &s[start..end],
                })
            })
        })
    }

    pub fn rate(ctx: &Ctx, tolerance: f64, totals: &[String], units: &str) -> Vec<Finding> {
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
                        .find(|c| c.name("unit").is_some_and(|u| units.contains(u.as_str())))
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
                        Some(ni) if counts[ni].0.contains("其中") && ni > 0 => Some(ni - 1),
                        _ => counts
                            .iter()
                            .position(|(v, _, _)| totals.iter().any(|t| v.contains(t.as_str()))),
                    };
                    let (Some(ni), Some(di)) = (num, den) else {
                        continue;
                    };
                    let Some(m) = rate_match(&c) else {
                        continue;
                    };
                    out.extend(super::rate_finding(
                        s,
                        &m,
                        sent.start,
                        stated,
                        &counts,
                        (ni, di),
                        tolerance,
                    ));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{agree, show, with_ctx};
    use crate::testing::{texts, token_texts};

    /// The first byte of every character: a scan for these looks at every character.
    fn every_start() -> super::super::ByteSet {
        super::super::ByteSet::leads(
            // Every ASCII character, and one character for every lead byte beyond.
            (0u32..0x80)
                .chain((0x80u32..=0x10FFFF).step_by(0x40))
                .filter_map(char::from_u32),
        )
    }

    #[test]
    fn han_is_the_script_the_regex_crate_knows() {
        let han = regex::Regex::new(r"^\p{Han}$").unwrap();
        let chars = (0..0x3_0000u32)
            .chain((0x3_0000..0x11_0000).step_by(97))
            .filter_map(char::from_u32);
        let mut n = 0;
        for c in chars {
            let want = han.is_match(c.encode_utf8(&mut [0; 4]));
            assert_eq!(super::is_han(c), want, "{c:?}");
            n += usize::from(want);
        }
        assert!(n > 80_000, "{n}");
    }

    #[test]
    fn rates_and_counts_are_what_their_patterns_find() {
        // Statements of rates in pieces, the likelier ones more than once.
        let tokens = [
            "办结",
            "办结率",
            "办结率",
            "甲乙丙丁戊己率",
            "率",
            "为",
            "为",
            "均达到",
            "均达",
            "达到",
            "达",
            "超过",
            "高于",
            "是",
            "甲",
            "々",
            "5",
            "95",
            "95",
            "9.5",
            "100",
            "1",
            ".",
            ",",
            "000",
            "1,000",
            " ",
            "\u{3000}",
            "%",
            "%",
            "%",
            "，",
            "a",
            "\n",
            "件",
            "人",
            "𠀀",
            "。",
            "、",
            "12,34",
            "率为",
            "率达到",
        ];
        let (mut rates, mut counts) = (0, 0);
        for t in token_texts(&tokens, 7, 100_000, 16) {
            let want: Vec<_> = super::reference::RATE
                .captures_iter(&t)
                .filter_map(|c| super::reference::rate_match(&c))
                .collect();
            assert_eq!(super::rates(&t), want, "{t:?}");
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
        let totals: Vec<String> = ["受理", "收到", "共"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        agree(
            [
                "受理40件,其中办结30件,办结率为80%。受理40件;办结率为80%",
                "共受理复议申请20件,按期办结18件,按期办结率达100%!办结率95.5%?",
                "收到10件、办结8件:办结率80%",
                "受理1,000件,办结900件,办结率为80.0%。%%%",
                "%受理40件办结率为50%",
            ]
            .map(String::from),
            |ctx| super::rate(ctx, 0.0, &totals, "件个次"),
            |ctx| super::reference::rate(ctx, 0.0, &totals, "件个次"),
        );
    }

    #[test]
    fn patterns_skip_only_blocks_without_a_match() {
        use crate::pack::pattern::{Compile, Pattern};
        use crate::rules::spec::{PatternItem, Scope};
        let item = |re: &str, before: Option<&str>| PatternItem {
            regex: Pattern::new(re).unwrap(),
            label: None,
            unless_before: before.map(|b| Pattern::new(b).unwrap()),
            unless_after: None,
        };
        let lists = [
            vec![
                item("[Xx×]{2,}", Some("[A-Za-z0-9/._-]")),
                item("[Xx×]月[Xx×]日", None),
                item("某某", Some("\\p{Han}")),
                item("(?P<hit>某某)(?:镇|乡|县)", None),
                item("待补充|(?P<hit>待定)(?:[。,;)\\s]|$)", None),
                item("(?i)TODO|TBD", Some("[A-Za-z]")),
                item("【\\s*】", None),
            ],
            vec![item("^一|。$|\\b报告", None), item("(总结|汇报)如下", None)],
            vec![item("妥否|请批示", Some("[申报呈提]"))],
        ];
        let mut all = texts();
        all.extend(
            [
                "XX镇待定\n一、xx某某镇待定。TODO【 】\n某某同志2025年X月X日",
                "特此报告,妥否,请批示。\n现将有关工作总结如下:待定",
            ]
            .map(String::from),
        );
        for (k, items) in lists.iter().enumerate() {
            let compiled = super::Patterns::new(Scope::Body, items, Compile::Now).unwrap();
            let (pre, starts) = compiled.joined();
            let items = &compiled.items;
            // The placeholders' literals are short (XX) and long (某某): two searches.
            assert_eq!(starts.map(|s| s.0.len()), Some(if k == 0 { 2 } else { 1 }));
            for t in &all {
                with_ctx(t, |ctx| {
                    for scope in [Scope::Body, Scope::Preamble, Scope::Headings, Scope::Title] {
                        assert_eq!(
                            show(&super::patterns(ctx, scope, items, pre, starts)),
                            show(&super::patterns(ctx, scope, items, pre, None)),
                            "{t:.200}"
                        );
                    }
                });
            }
        }
    }

    #[test]
    fn citations_are_what_the_pattern_finds() {
        let mut all = texts();
        all.extend(
            [
                "《A《纲要》》《》《x\n》《一》。学习《法治政府建设实施纲要(2021—2025年)》!",
                &format!("《{}》《{}》", "字".repeat(80), "字".repeat(81)),
                "《《《》",
                "《",
            ]
            .map(String::from),
        );
        fn key(c: super::Cited) -> (String, String, std::ops::Range<usize>, String) {
            (c.all.into(), c.title.into(), c.span, c.sentence.into())
        }
        for t in all {
            with_ctx(&t, |ctx| {
                let fast: Vec<_> = super::citations(ctx).map(key).collect();
                let slow: Vec<_> = super::reference::citations(ctx).map(key).collect();
                assert_eq!(fast, slow, "{t:.200}");
            });
        }
    }

    #[test]
    fn pairs_agree_with_the_plain_scan() {
        let pairs: Vec<String> = ["“”", "‘’", "《》", "()", "【】", "〔〕", "（）", "a1"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        agree(
            [
                "“开展“法律进乡村活动”,1)一)a)(二)",
                "《纲要(2021—2025年)》》【】〔〕〔",
                "“第一段\n“第二段\n“第三段”",
            ]
            .map(String::from),
            |ctx| super::pairs(ctx, &pairs),
            // Every character looked at, as the check was first written.
            |ctx| super::pairs_with(ctx, &pairs, |_| (every_start(), [true; 256])),
        );
    }

    #[test]
    fn width_mix_reads_the_normalised_text_as_the_text_as_written() {
        let forms: Vec<String> = [",，", ":：", ";；", "(（", ")）", "?？", "!！"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let table = super::pair_table(&forms);
        // The built-in forms are read from the normalised text; forms of other widths
        // are not.
        let form_of = super::ascii_forms(&table).expect("ASCII forms");
        for odd in [["-—"], ["a\u{FF41}"], ["1\u{FF11}"], [" \u{3000}"], ["“\""]] {
            let odd = odd.map(String::from);
            assert!(
                super::ascii_forms(&super::pair_table(&odd)).is_none(),
                "{odd:?}"
            );
        }
        assert!(super::ascii_forms(&super::pair_table(&[",，".into(), ",，".into()])).is_none());
        // Marks beside letters, digits and slashes of either width, and beside spaces
        // that normalisation shortens.
        let beside = [
            "１,０００，1,000，１，0００。Ａ,Ｂ，a，b，ａ,b，a,ｂ。",
            "https://x，ｈｔｔｐｓ：／／x，１６:３０，16：30，1６:3０。",
            "甲,乙，丙\u{3000},\u{a0}，丁:戊：己;庚；（辛）(壬)？！?!",
            "，\n,\r\n，1\n,2\n，(一)标题,\n（二）标题，",
        ];
        let mut all = texts();
        all.extend(beside.iter().flat_map(|t| [t.to_string(), t.repeat(3)]));
        let mut found = 0;
        for t in all {
            with_ctx(&t, |ctx| {
                for skip in [true, false] {
                    let normalised = super::seen_normalised(ctx, &table, &form_of, skip);
                    assert_eq!(
                        normalised,
                        super::seen_as_written(ctx, &table, skip),
                        "{t:.200}"
                    );
                    found += super::width_mix(ctx, &forms, skip).len();
                }
            });
        }
        assert!(found > 20, "{found}");
        // Forms of other widths are read as written.
        with_ctx("甲-乙—丙—丁", |ctx| {
            let f = super::width_mix(ctx, &["-—".to_string()], true);
            assert_eq!(f.len(), 1);
            assert_eq!(ctx.src.slice(&f[0].span), "-");
            assert!(f[0].vars.contains(&("major_count", "2".to_string())));
        });
    }

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
