//! The check kinds. Each takes its parameters from the rule's YAML and returns
//! findings; the rule supplies the wording.

mod dates;
mod parts;
mod structure;
mod text;

use super::engine::{Ctx, Finding};
use super::spec::Check;
use crate::parse::tree::{BlockKind, Span};

pub fn run(check: &Check, ctx: &Ctx) -> Vec<Finding> {
    match check {
        Check::PartMissing { part, near_miss } => parts::missing(ctx, *part, near_miss),
        Check::PartUnheaded { part } => parts::unheaded(ctx, *part),
        Check::PartRequires { part, when } => parts::requires(ctx, *part, *when),
        Check::PartLength {
            part,
            include,
            min_chars,
        } => parts::length(ctx, *part, include, *min_chars),
        Check::PartOrder { order } => parts::order(ctx, order),
        Check::PartMentions { part, patterns } => parts::mentions(ctx, *part, patterns),
        Check::DocumentEmpty {} => {
            if has_text(ctx) {
                Vec::new()
            } else {
                vec![Finding::at(0..0)]
            }
        }
        Check::TitleMissing {} => dates::title_missing(ctx),
        Check::TitleYear {} => dates::title_year(ctx),
        Check::YearMismatch {
            preamble,
            measures_heading,
        } => dates::year_mismatch(ctx, preamble, measures_heading),
        Check::PlanYear {
            offset,
            heading,
            opening,
        } => dates::plan_year(ctx, *offset, heading, opening),
        Check::DateValid {} => dates::date_valid(ctx),
        Check::DateFormat {} => dates::date_format(ctx),
        Check::PublicationDeadline {
            deadline,
            year_offset,
        } => dates::deadline(ctx, deadline, *year_offset),
        Check::PublicationEarly {} => dates::early(ctx),
        Check::NumberingGap {} => structure::numbering_gap(ctx),
        Check::NumberingStyle {} => structure::numbering_style(ctx),
        Check::LevelSkip {} => structure::level_skip(ctx),
        Check::HeadingPunctuation {
            flag_full_stop,
            trailing,
        } => structure::heading_punctuation(ctx, *flag_full_stop, trailing),
        Check::Patterns {
            scope,
            patterns,
            prefilter,
        } => {
            let pre = prefilter.get_or_init(|| text::prefilter(patterns));
            text::patterns(ctx, *scope, patterns, pre.as_ref())
        }
        Check::Furniture {} => text::furniture(ctx),
        Check::Citation { documents } => text::citation(ctx, documents),
        Check::CitationPeriod { documents } => text::citation_period(ctx, documents),
        Check::Pairs { pairs } => text::pairs(ctx, pairs),
        Check::WidthMix {
            forms,
            skip_between_digits,
        } => text::width_mix(ctx, forms, *skip_between_digits),
        Check::Rate {
            tolerance,
            totals,
            units,
        } => text::rate(ctx, *tolerance, totals, units),
        Check::EmptySection {} => structure::empty_section(ctx),
        Check::DuplicateHeading {} => structure::duplicate_heading(ctx),
        // Found by the engine after the other rules ran (it needs their findings).
        Check::UnusedSuppression {} => Vec::new(),
        Check::Genre {
            kinds,
            subject,
            report_title,
        } => parts::genre(ctx, kinds, subject, report_title),
    }
}

/// Where a document-level finding points: the title, else the first line of text.
fn document_anchor(ctx: &Ctx) -> Span {
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
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

/// Whether a block is text of the report's own (not furniture or head lines).
fn is_text(kind: &BlockKind) -> bool {
    !matches!(kind, BlockKind::Furniture | BlockKind::Head)
}

/// A character that is certainly no punctuation mark: an ASCII letter or digit, or a
/// common Han character (most of a report). Cheaper than `char::is_alphanumeric`, whose
/// Unicode tables dominate a scan of Chinese text.
pub fn plain(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{4E00}'..='\u{9FFF}').contains(&c)
}
