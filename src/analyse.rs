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
