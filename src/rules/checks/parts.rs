//! Checks on the report's parts (督察工作规定 Article 25).

use super::{Ctx, Finding, document_anchor, has_text, snippet};
use crate::classify::PartHit;
use crate::pack::Part;
use crate::pack::pattern::{Compile, Matcher, Pattern};
use crate::parse::tree::BlockKind;
use crate::rules::spec::GenreKind;
use crate::text::chars::is_common_han;
use crate::text::numerals;

fn hit_text(ctx: &Ctx, h: &PartHit) -> String {
    snippet(ctx.src.slice(&h.span), 30)
}

/// The place that stands for a part: its first heading, else its first mention.
fn anchor<'a>(ctx: &Ctx<'a>, p: Part) -> Option<&'a PartHit> {
    ctx.parts.first_headed(p).or_else(|| ctx.parts.first(p))
}

pub fn missing(ctx: &Ctx, part: Part, near_miss: &[Matcher]) -> Vec<Finding> {
    if ctx.parts.found(part) || !has_text(ctx) {
        return Vec::new();
    }
    let f = Finding::at(document_anchor(ctx)).var("part", ctx.vocab.label(part));
    let mut f = years(ctx, f);
    let near = ctx
        .report
        .text_blocks()
        .filter(|(_, b)| b.kind == BlockKind::Paragraph)
        .find_map(|(_, b)| {
            let s = ctx.src.slice(&b.span);
            near_miss
                .iter()
                .find_map(|p| p.re().find(s))
                .map(|m| b.span.start + m.start()..b.span.start + m.end())
        });
    if let Some(span) = near {
        let text = ctx.src.slice(&span).to_string();
        f = f
            .place(ctx.src, span.start)
            .label(span, "near_miss")
            .var("found", text)
            .variant("near_miss");
    }
    vec![f]
}

/// The reported year and the next, with 年 (2024年, 2025年), or 本年度 and 下一年度 when
/// the reported year is not known: for an example heading of a part.
fn years(ctx: &Ctx, f: Finding) -> Finding {
    let (this, next) = match ctx.facts.year() {
        Some(y) => (format!("{y}年"), format!("{}年", y + 1)),
        None => ("本年度".to_string(), "下一年度".to_string()),
    };
    f.var("reported_year", this).var("next_year", next)
}

pub fn unheaded(ctx: &Ctx, part: Part) -> Vec<Finding> {
    if ctx.parts.first_headed(part).is_some() {
        return Vec::new();
    }
    let Some(h) = ctx.parts.first(part) else {
        return Vec::new();
    };
    let f = Finding::at(h.span.clone())
        .var("part", ctx.vocab.label(part))
        .var("text", hit_text(ctx, h));
    let mut f = years(ctx, f);
    let hs = &ctx.report.headings;
    if let Some(hd) = ctx.report.heading_of_block(h.block)
        && let Some(t) = (0..=hd)
            .rev()
            .find(|&i| ctx.parts.own[i].is_some() && hs[i].level <= hs[hd].level)
        && let Some(other) = ctx.parts.own[t].filter(|&o| o != part)
    {
        f = f
            .label(hs[t].marker.start..hs[t].title.end, "within")
            .var("within", ctx.vocab.label(other));
    }
    vec![f]
}

pub fn requires(ctx: &Ctx, part: Part, when: Part) -> Vec<Finding> {
    // `when` is found where it has an anchor.
    if ctx.parts.found(part) {
        return Vec::new();
    }
    let Some(h) = anchor(ctx, when) else {
        return Vec::new();
    };
    vec![
        Finding::at(h.span.clone())
            .var("part", ctx.vocab.label(part))
            .var("when", ctx.vocab.label(when))
            .var("text", hit_text(ctx, h)),
    ]
}

/// The common Han characters and those of Extension A (U+3400–4DBF) in `s`.
fn han_count(s: &str) -> usize {
    let ext_a = |c: char| ('\u{3400}'..='\u{4DBF}').contains(&c);
    s.chars().filter(|&c| is_common_han(c) || ext_a(c)).count()
}

/// Han characters of a part's text, headings' titles excluded.
fn part_chars(ctx: &Ctx, parts: &[Part]) -> usize {
    crate::analyse::part_pieces(ctx.src, ctx.report, ctx.parts, parts)
        .into_iter()
        .map(han_count)
        .sum()
}

pub fn length(ctx: &Ctx, part: Part, include: &[Part], min_chars: usize) -> Vec<Finding> {
    let Some(h) = anchor(ctx, part) else {
        return Vec::new();
    };
    let n = part_chars(ctx, &[&[part], include].concat());
    if n >= min_chars {
        return Vec::new();
    }
    vec![
        Finding::at(h.span.clone())
            .var("part", ctx.vocab.label(part))
            .var("count", n.to_string())
            .var("min_chars", min_chars.to_string()),
    ]
}

pub fn pack_parts(ctx: &Ctx) -> Vec<Finding> {
    if !has_text(ctx) {
        return Vec::new();
    }
    let r = ctx.report;
    let top = r.headings.iter().map(|h| h.level).min();
    let mut out = Vec::new();
    for d in ctx.vocab.parts.iter().filter(|d| d.required) {
        if ctx.parts.found(d.part) {
            continue;
        }
        // The top-level heading that stands where the part should, named otherwise.
        let renamed = d.number.and_then(|n| {
            r.headings.iter().enumerate().find(|(i, h)| {
                Some(h.level) == top
                    && h.parent.is_none()
                    && h.number == n
                    && ctx.parts.own[*i].is_none()
            })
        });
        let f = match renamed {
            Some((_, h)) => Finding::at(h.marker.start..h.title.end)
                .var("found", snippet(ctx.src.slice(&h.title), 30))
                .var("number", numerals::write(h.number, &numerals::COUNTING))
                .variant("renamed"),
            None => Finding::at(document_anchor(ctx)),
        };
        out.push(years(ctx, f.var("part", d.name.as_str())));
    }
    out
}

pub fn order(ctx: &Ctx, order: &[Part]) -> Vec<Finding> {
    let firsts: Vec<Option<&PartHit>> = order.iter().map(|&p| ctx.parts.first_headed(p)).collect();
    for (i, hi) in firsts.iter().enumerate() {
        let Some(hi) = hi else { continue };
        // The last part listed before this one that nonetheless comes after it.
        let later = firsts[..i]
            .iter()
            .enumerate()
            .filter_map(|(j, h)| h.map(|h| (j, h)))
            .find(|(_, h)| h.span.start > hi.span.start);
        if let Some((j, hj)) = later {
            return vec![
                Finding::at(hi.span.clone())
                    .var("part", ctx.vocab.label(order[i]))
                    .var("after", ctx.vocab.label(order[j]))
                    .label(hj.span.clone(), "after"),
            ];
        }
    }
    Vec::new()
}

/// The genre check: other kinds of report, the subject and report titles, compiled.
pub struct Genre {
    /// Each kind's name, its titles and the titles that are not of it after all.
    kinds: Vec<(String, Matcher, Option<Matcher>)>,
    subject: Matcher,
    report_title: Matcher,
    /// The name given to a report or summary that never names the subject.
    report_name: String,
}

impl Genre {
    pub fn new(
        kinds: &[GenreKind],
        subject: &Pattern,
        report_title: &Pattern,
        report_name: String,
        when: Compile,
    ) -> Result<Genre, String> {
        let kinds = kinds.iter().map(|k| {
            let unless = k.unless.as_ref().map(|u| u.compile(when)).transpose()?;
            Ok((k.name.clone(), k.matches.compile(when)?, unless))
        });
        Ok(Genre {
            kinds: kinds.collect::<Result<_, String>>()?,
            subject: subject.compile(when)?,
            report_title: report_title.compile(when)?,
            report_name,
        })
    }

    pub fn run(&self, ctx: &Ctx) -> Vec<Finding> {
        let Some(t) = ctx.report.title else {
            return Vec::new();
        };
        let span = ctx.report.blocks[t].span.clone();
        let title = ctx.src.slice(&span);
        let is_kind = |(_, matches, unless): &&(String, Matcher, Option<Matcher>)| {
            matches.re().is_match(title) && !unless.as_ref().is_some_and(|u| u.re().is_match(title))
        };
        if let Some((name, _, _)) = self.kinds.iter().find(is_kind) {
            return vec![Finding::at(span).var("kind", name.clone())];
        }
        // A report or summary whose title and opening never name the subject.
        let opening: String = ctx
            .report
            .text_blocks()
            .filter(|(_, b)| b.kind != BlockKind::Title)
            .take(3)
            .map(|(_, b)| ctx.src.slice(&b.span))
            .collect();
        if self.report_title.re().is_match(title)
            && !self.subject.re().is_match(title)
            && !self.subject.re().is_match(&opening)
        {
            return vec![Finding::at(span).var("kind", self.report_name.clone())];
        }
        Vec::new()
    }
}

/// Blocks holding a part (some more than once): the sections of its headings, or the
/// blocks where it was found without a heading.
fn part_blocks<'a>(ctx: &'a Ctx, part: Part) -> impl Iterator<Item = usize> + 'a {
    let r = ctx.report;
    let hits = ctx.parts.hits.iter().filter(move |h| h.part == part);
    hits.flat_map(move |h| match (h.headed, &r.blocks[h.block].kind) {
        (true, BlockKind::Heading(i)) => r.section_blocks(*i),
        // A part found in a paragraph often goes on in the next one.
        _ => h.block..(h.block + 2).min(r.blocks.len()),
    })
}

/// The part mentions the patterns fewer than `min` times (or more than `max`).
/// With no part named, the whole body is counted and the finding is on the title.
pub fn mentions(
    ctx: &Ctx,
    which: &[Part],
    patterns: &[Matcher],
    (min, max): (usize, Option<usize>),
) -> Vec<Finding> {
    let (blocks, at, name, text): (Vec<usize>, _, String, String) = if which.is_empty() {
        if !has_text(ctx) {
            return Vec::new();
        }
        let blocks = ctx.report.text_blocks().map(|(b, _)| b).collect();
        (blocks, document_anchor(ctx), "全文".into(), String::new())
    } else {
        // Anchored at the first of the parts found; none found, nothing to count.
        let Some(anchor) = which
            .iter()
            .filter_map(|&p| anchor(ctx, p))
            .min_by_key(|h| h.span.start)
        else {
            return Vec::new();
        };
        let mut blocks: Vec<usize> = which.iter().flat_map(|&p| part_blocks(ctx, p)).collect();
        blocks.sort_unstable();
        blocks.dedup();
        let names: Vec<&str> = which.iter().map(|&p| ctx.vocab.label(p)).collect();
        (
            blocks,
            anchor.span.clone(),
            names.join("、"),
            hit_text(ctx, anchor),
        )
    };
    let count = blocks
        .into_iter()
        .flat_map(|b| {
            let s = ctx.src.slice(&ctx.report.blocks[b].span);
            patterns.iter().flat_map(move |p| p.re().find_iter(s))
        })
        .count();
    let too_many = max.is_some_and(|m| count > m);
    if count >= min && !too_many {
        return Vec::new();
    }
    let f = Finding::at(at)
        .var("part", name)
        .var("text", text)
        .var("count", count.to_string())
        .var("min", min.to_string())
        .var("max", max.map_or_else(String::new, |m| m.to_string()));
    vec![if too_many { f.variant("too_many") } else { f }]
}
