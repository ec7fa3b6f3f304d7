//! The check kinds: one file per kind (the small kinds of one family share a file:
//! parts, dates, structure). Each takes its parameters from the rule's YAML and returns
//! findings; the rule supplies the wording. This file builds a rule's check from its
//! spec ([`compile`]) and holds what several kinds share.

mod citation;
mod citation_period;
mod dates;
mod document_empty;
mod furniture;
mod line_spacing;
mod page_number;
mod page_setup;
mod pairs;
mod paragraph_layout;
mod parts;
mod patterns;
mod rate;
mod structure;
mod table_sum;
mod typeface;
mod typography;
mod width_mix;

use super::context::{Compiled, Ctx, Finding, Problem, Sink};
use super::spec::{Check, RuleSpec};
use crate::pack::pattern::{Compile, Matcher, Pattern, compile_all};
use crate::text::Span;
use crate::text::chars::is_common_han;

/// The check of a rule with its `when:` condition, if any: run only where it holds.
pub fn compile_rule(spec: &RuleSpec, when: Compile) -> Result<Compiled, Problem> {
    let check = compile(&spec.check, when)?;
    let Some(w) = &spec.when else {
        return Ok(check);
    };
    let compile = |p: &Option<Pattern>| p.as_ref().map(|p| p.compile(when)).transpose();
    let (has, lacks) = (compile(&w.has)?, compile(&w.lacks)?);
    let (has_part, lacks_part) = (w.has_part, w.lacks_part);
    Ok(Compiled::streaming(move |ctx, sink| {
        let text_matches = |m: &Matcher| {
            ctx.report
                .text_blocks()
                .any(|(_, b)| m.re().is_match(ctx.src.slice(&b.span)))
        };
        let holds = has.as_ref().is_none_or(text_matches)
            && !lacks.as_ref().is_some_and(text_matches)
            && has_part.is_none_or(|p| ctx.parts.found(p))
            && !lacks_part.is_some_and(|p| ctx.parts.found(p));
        if holds {
            check.run_into(ctx, sink);
        }
    }))
}

/// The check of a rule, built from its parameters: its patterns compiled `when` asked.
/// An error says which pattern does not compile, or else which parameter the check
/// cannot use.
fn compile(check: &Check, when: Compile) -> Result<Compiled, Problem> {
    // The check's own copy of its parameters, moved into the closure that runs it.
    Ok(match check.clone() {
        Check::PartMissing { part, near_miss } => {
            let near_miss = compile_all(&near_miss, when)?;
            Compiled::new(move |ctx| parts::missing(ctx, part, &near_miss))
        }
        Check::PartUnheaded { part } => Compiled::new(move |ctx| parts::unheaded(ctx, part)),
        Check::PartRequires { part, when: w } => {
            Compiled::new(move |ctx| parts::requires(ctx, part, w))
        }
        Check::PartLength {
            part,
            include,
            min_chars,
        } => Compiled::new(move |ctx| parts::length(ctx, part, &include, min_chars)),
        Check::PackParts {} => Compiled::new(parts::pack_parts),
        Check::PartOrder { order } => Compiled::new(move |ctx| parts::order(ctx, &order)),
        Check::PartMentions {
            part,
            parts: named,
            patterns,
            min_count,
            max_count,
        } => {
            let mut which: Vec<crate::pack::Part> = part.iter().copied().collect();
            which.extend(named.into_iter().filter(|p| Some(*p) != part));
            let patterns = compile_all(&patterns, when)?;
            let counts = (min_count, max_count);
            Compiled::new(move |ctx| parts::mentions(ctx, &which, &patterns, counts))
        }
        Check::DocumentEmpty {} => Compiled::new(document_empty::document_empty),
        Check::TitleMissing {} => Compiled::new(dates::title_missing),
        Check::TitleYear {} => Compiled::new(dates::title_year),
        Check::YearMismatch {
            preamble,
            measures_heading,
            part,
        } => {
            let preamble_re = compile_all(&preamble, when)?;
            let measures_re = compile_all(&measures_heading, when)?;
            needs_year("preamble", &preamble)?;
            needs_year("measures_heading", &measures_heading)?;
            Compiled::new(move |ctx| {
                // Without a part named, the pack's part taken by position (the measures).
                let by_position = ctx.vocab.parts.iter().find(|d| d.by_position);
                let part = part.or(by_position.map(|d| d.part));
                dates::year_mismatch(ctx, &preamble_re, &measures_re, part)
            })
        }
        Check::PlanYear {
            offset,
            heading,
            opening,
            part,
        } => {
            let (heading_re, opening_re) =
                (compile_all(&heading, when)?, compile_all(&opening, when)?);
            needs_year("heading", &heading)?;
            needs_year("opening", &opening)?;
            Compiled::new(move |ctx| {
                // Without a part named, the pack's part whose openings name next year.
                let plan = ctx
                    .vocab
                    .parts
                    .iter()
                    .find(|d| d.opening_year_offset.is_some());
                match part.or(plan.map(|d| d.part)) {
                    Some(part) => dates::plan_year(ctx, offset, &heading_re, &opening_re, part),
                    None => Vec::new(),
                }
            })
        }
        Check::DateValid {} => Compiled::streaming(dates::date_valid),
        Check::DateFormat {} => Compiled::new(dates::date_format),
        Check::PublicationDeadline {
            deadline,
            year_offset,
        } => {
            let own = deadline.as_deref().map(dates::month_day);
            if let (Some(deadline), Some(None)) = (&deadline, own) {
                let why = format!("期限 “{deadline}” 应写作 月-日，如 \"04-01\"");
                return Err(Problem::Param("deadline", why));
            }
            let own = own.flatten();
            Compiled::new(move |ctx| {
                // The rule's own deadline, else the pack's.
                let pack = ctx.vocab.deadline.as_ref();
                let Some(md) = own.or_else(|| pack.and_then(|d| dates::month_day(&d.date))) else {
                    return Vec::new();
                };
                let offset = year_offset.or(pack.map(|d| d.year_offset)).unwrap_or(1);
                dates::deadline(ctx, md, offset)
            })
        }
        Check::PublicationEarly {} => Compiled::new(dates::early),
        Check::NumberingGap {} => Compiled::streaming(structure::numbering_gap),
        Check::NumberingStyle {} => Compiled::streaming(structure::numbering_style),
        Check::LevelSkip {} => Compiled::streaming(structure::level_skip),
        Check::HeadingPunctuation {
            flag_full_stop,
            trailing,
        } => Compiled::streaming(move |ctx, sink| {
            structure::heading_punctuation(ctx, flag_full_stop, &trailing, sink)
        }),
        Check::Patterns {
            scope,
            patterns,
            parts: named,
            min_count,
            max_count,
        } => {
            let counts = (min_count, max_count);
            let patterns = patterns::Patterns::new(scope, &patterns, &named, counts, when)?;
            Compiled::streaming(move |ctx, sink| patterns.run(ctx, sink))
        }
        Check::Furniture {} => Compiled::new(furniture::furniture),
        Check::Citation { documents } => {
            let citation = citation::Citation::new(&documents, when)?;
            Compiled::new(move |ctx| citation.run(ctx))
        }
        Check::CitationPeriod {
            documents,
            looking_back,
        } => {
            let period = citation_period::CitationPeriod::new(&documents, looking_back, when)?;
            Compiled::new(move |ctx| period.run(ctx))
        }
        Check::Pairs { pairs } => {
            two_chars("pairs", &pairs)?;
            Compiled::streaming(move |ctx, sink| pairs::pairs(ctx, &pairs, sink))
        }
        Check::WidthMix {
            forms,
            skip_between_digits,
        } => {
            two_chars("forms", &forms)?;
            Compiled::new(move |ctx| width_mix::width_mix(ctx, &forms, skip_between_digits))
        }
        Check::Rate {
            tolerance,
            totals,
            units,
            comparisons,
            at_least,
            of_which,
        } => {
            let rate = rate::Rate::new(tolerance, totals, units, comparisons, at_least, of_which)?;
            Compiled::new(move |ctx| rate.run(ctx))
        }
        Check::EmptySection {} => Compiled::streaming(structure::empty_section),
        Check::DuplicateHeading {} => Compiled::streaming(structure::duplicate_heading),
        // Found by the engine after the other rules ran (it needs their findings).
        Check::UnusedSuppression {} => Compiled::new(|_| Vec::new()),
        // Found over a batch by `fzlint report` (render::overview::copies).
        Check::CopiedText { threshold, .. } => {
            if !(1..=100).contains(&threshold) {
                let why = format!("比例 {threshold} 应在 1 到 100 之间（百分比）");
                return Err(Problem::Param("threshold", why));
            }
            Compiled::new(|_| Vec::new())
        }
        Check::TableSum {
            table,
            blank_is_zero,
            sums,
            balances,
        } => {
            let sum = table_sum::TableSum::new(&table, blank_is_zero, &sums, &balances, when)?;
            Compiled::new(move |ctx| sum.run(ctx))
        }
        Check::Genre {
            kinds,
            subject,
            report_title,
            report_name,
        } => {
            let genre = parts::Genre::new(&kinds, &subject, &report_title, report_name, when)?;
            Compiled::new(move |ctx| genre.run(ctx))
        }
        Check::Typeface {
            elements,
            fonts,
            size,
        } => {
            positive("size", size)?;
            Compiled::new(move |ctx| typeface::typeface(ctx, &elements, &fonts, size))
        }
        Check::PageSetup {
            width,
            height,
            top,
            bottom,
            left,
            right,
            tolerance,
        } => {
            let wanted = page_setup::Wanted {
                width,
                height,
                margins: [top, bottom, left, right],
                tolerance,
            };
            Compiled::new(move |ctx| page_setup::page_setup(ctx, &wanted))
        }
        Check::LineSpacing { elements, min, max } => {
            positive("min", min)?;
            if max < min {
                return Err(Problem::Param("max", format!("上限 {max} 小于下限 {min}")));
            }
            Compiled::new(move |ctx| line_spacing::line_spacing(ctx, &elements, min, max))
        }
        Check::ParagraphLayout {
            elements,
            align,
            first_line,
            right,
        } => {
            let wanted = paragraph_layout::Wanted {
                align,
                first_line,
                right,
            };
            Compiled::new(move |ctx| paragraph_layout::paragraph_layout(ctx, &elements, &wanted))
        }
        Check::PageNumber {
            fonts,
            size,
            dashes,
        } => {
            positive("size", size)?;
            Compiled::new(move |ctx| page_number::page_number(ctx, &fonts, size, &dashes))
        }
    })
}

/// A size or spacing (the parameter `key`) is a positive number of points.
fn positive(key: &'static str, value: f64) -> Result<(), Problem> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(Problem::Param(key, format!("{value} 应为大于 0 的磅值")))
    }
}

/// Each of the patterns (the parameter `key`) has a group named `year`.
fn needs_year(key: &'static str, patterns: &[Pattern]) -> Result<(), Problem> {
    let Some(p) = patterns.iter().find(|p| !p.has_group("year")) else {
        return Ok(());
    };
    let why = format!("模式 “{}” 缺少名为 year 的分组 (?P<year>…)", p.as_str());
    Err(Problem::Param(key, why))
}

/// Each entry of `list` (the parameter `key`) is two characters.
fn two_chars(key: &'static str, list: &[String]) -> Result<(), Problem> {
    let Some(s) = list.iter().find(|s| s.chars().count() != 2) else {
        return Ok(());
    };
    let why = format!("“{s}” 应为两个字符（前一个和后一个）");
    Err(Problem::Param(key, why))
}

/// Where a document-level finding points: the title, else the first line of text.
pub(crate) fn document_anchor(ctx: &Ctx) -> Span {
    let r = ctx.report;
    if let Some(t) = r.title {
        return r.blocks[t].span.clone();
    }
    match r.text_blocks().next() {
        Some((_, b)) => {
            let line_end = ctx.src.line_range(b.line).end;
            let end = b.span.end.min(line_end);
            // A very long first line: point at its opening sentence only.
            let open = crate::classify::opening(ctx.src, &(b.span.start..end));
            open.start..ctx.src.clamp(open.end.min(open.start + 120).min(end))
        }
        None => 0..0,
    }
}

/// Whether the report has any text of its own (not only furniture or blank lines).
fn has_text(ctx: &Ctx) -> bool {
    ctx.report.text_blocks().next().is_some()
}

/// Shortens text for use inside a message.
fn snippet(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().nth(max).is_none() {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

/// A character that is certainly no punctuation mark: an ASCII letter or digit, or a
/// common Han character (most of a report). Cheaper than `char::is_alphanumeric`, whose
/// Unicode tables dominate a scan of Chinese text.
fn plain(c: char) -> bool {
    c.is_ascii_alphanumeric() || is_common_han(c)
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

#[cfg(test)]
pub(crate) mod testing {
    //! A context for tests that hold a fast check against a plain reference.

    use super::{Ctx, Finding, Sink};
    use crate::analyse::{Settings, analyse};
    use crate::pack::vocab::Vocab;
    pub use crate::testing::texts_and;
    use crate::text::source::Source;
    use std::sync::LazyLock;

    static VOCAB: LazyLock<Vocab> = LazyLock::new(Vocab::builtin);

    /// Runs `f` on the analysis of `text`.
    pub fn with_ctx<R>(text: &str, f: impl FnOnce(&Ctx) -> R) -> R {
        let src = Source::new("t.txt", text);
        let a = analyse(&src, &VOCAB, &Settings::default());
        f(&Ctx::new(&src, &a, &VOCAB))
    }

    /// Asserts that `fast` finds what `reference` finds, in [`texts_and`] `extra`.
    pub fn agree(
        extra: &[&str],
        fast: impl Fn(&Ctx) -> Vec<Finding>,
        reference: impl Fn(&Ctx) -> Vec<Finding>,
    ) {
        for t in texts_and(extra) {
            with_ctx(&t, |ctx| {
                assert_eq!(show(&fast(ctx)), show(&reference(ctx)), "{t:.200}");
            });
        }
    }

    /// Every finding a streaming check hands its sink, as a check that returns them.
    pub fn every(run: impl Fn(&Ctx, &mut Sink)) -> impl Fn(&Ctx) -> Vec<Finding> {
        move |ctx| {
            let mut sink = Sink::new(usize::MAX);
            run(ctx, &mut sink);
            sink.finish().0
        }
    }

    /// The findings in a comparable form.
    pub fn show(f: &[Finding]) -> String {
        format!("{f:?}")
    }
}
