//! Reading one report: the parse, then the facts (title year, dates) and the parts.
//! Between classify and the rules, so that `outline` and the rules share one analysis
//! without the outline depending on the rule engine.

pub use crate::classify::Settings;
use crate::classify::{self, Facts, Parts};
use crate::pack::vocab::Vocab;
use crate::parse::{self, tree::Report};
use crate::text::Source;

/// An analysed report: parsed, its facts found and its parts classified.
pub struct Analysis {
    pub report: Report,
    pub facts: Facts,
    pub parts: Parts,
}

impl Analysis {
    /// Whether the text reads as a report at all: it has a title, or a part found by
    /// its wording (not only headings taken for the measures by their position), or the
    /// words of a title anywhere (a report without a title or headings is a report with
    /// defects, to be checked), or no text at all (an empty report is reported as such).
    /// A README or a notes file found in a folder is no report.
    pub fn is_report(&self, src: &Source, vocab: &Vocab) -> bool {
        self.report.title.is_some()
            || self.parts.hits.iter().any(|h| !h.by_position)
            || self.report.text_blocks().next().is_none()
            || vocab.title_words.is_match(&src.text)
    }
}

/// The text of the given parts, piece by piece, each block once, in the report's
/// order: a headed part's whole section, an unheaded one's paragraph; of a heading only
/// the text run in after its title. What part-length counts and the copy finding
/// compares.
pub fn part_pieces<'s>(
    src: &'s Source,
    report: &Report,
    parts: &Parts,
    which: &[crate::pack::Part],
) -> Vec<&'s str> {
    use crate::parse::tree::BlockKind;
    let mut taken = vec![false; report.blocks.len()];
    for hit in parts.hits.iter().filter(|h| which.contains(&h.part)) {
        let blocks = match report.blocks[hit.block].kind {
            BlockKind::Heading(i) if hit.headed => report.section_blocks(i),
            _ => hit.block..hit.block + 1,
        };
        taken[blocks].fill(true);
    }
    report
        .blocks
        .iter()
        .zip(taken)
        .filter(|(_, t)| *t)
        .filter_map(|(block, _)| match block.kind {
            BlockKind::Heading(i) => Some(src.slice(&report.headings[i].body)),
            BlockKind::Paragraph => Some(src.slice(&block.span)),
            _ => None,
        })
        .collect()
}

pub fn analyse(src: &Source, vocab: &Vocab, settings: &Settings) -> Analysis {
    let report = parse::parse(src, vocab);
    let mut facts = classify::facts(src, &report, vocab, settings);
    let mut parts = classify::classify(src, &report, vocab, &facts);
    if classify::weigh_year(src, &report, vocab, &mut facts, &parts) {
        parts = classify::classify(src, &report, vocab, &facts);
    }
    Analysis {
        report,
        facts,
        parts,
    }
}
