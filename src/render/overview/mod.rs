//! `fzlint report`: a batch of reports at a glance, as one self-contained HTML page or
//! as CSV for a spreadsheet.
//!
//! Both views share one reading of each entry: whether it could be read, whether it was
//! published late, which of the contents it has (with or without a heading of its own),
//! and how many findings of each severity and rule it carries. Nothing here depends on
//! hashing or the clock: the same entries give the same bytes.

mod chart;
pub mod copies;
mod csv;
mod matrix;
pub mod notice;
mod page;
mod reading;
pub mod roster;
mod sections;
mod submitted;
#[cfg(test)]
mod tests;
pub mod verdict;

pub use csv::csv_for;
pub use page::html;

use super::json::JsonDiagnostic;
use super::outline::Outline;
use crate::diagnostic::Diagnostic;
use crate::pack::Part;
use crate::rules::RuleSet;
use crate::rules::spec::Check;
use crate::text::escape::markup as esc;

/// One report of the batch.
pub struct Entry {
    /// The path as given or walked.
    pub path: String,
    /// What fzlint understood of it; `None` when it could not be read.
    pub outline: Option<Outline>,
    /// Its findings, in order, each with the text of its line as written.
    pub findings: Vec<Finding>,
    /// Whether it was published after its deadline ([`published_late`]).
    pub late: bool,
    /// Why it could not be read (the same sentence `check` prints).
    pub error: Option<String>,
    /// What its config makes of its defects ([`verdict::decide`]).
    pub verdict_rules: verdict::VerdictRules,
    /// Its closing lines, where the issuer signs ([`roster::closing_lines`]).
    pub closing: String,
    /// Where its notice was written ([`notice`]), as the overview links to it.
    pub notice: Option<String>,
    /// What its text is compared by with the others' ([`copies`]).
    pub fingerprint: Option<copies::Fingerprint>,
    /// What the overview shows of its pack's parts (its columns).
    pub view: std::sync::Arc<crate::pack::overview::Overview>,
}

/// A finding with its context.
pub struct Finding {
    pub diagnostic: JsonDiagnostic,
    /// The line (paragraph) the finding starts on, as written; for a long line, a
    /// window of it.
    pub line_text: String,
    /// The 0-based character of the line where `line_text` starts (0 unless only a
    /// window of a long line is given); the diagnostic's columns count from the line.
    pub line_text_from: usize,
    /// The required content it says is missing, if it comes from a rule that looks
    /// for one ([`missing_part`]).
    pub missing_part: Option<Part>,
}

/// The content a finding says is missing, when its rule runs the part-missing check
/// (the built-in missing-measures and its kin, or an office's rule of that kind).
pub fn missing_part(set: &RuleSet, d: &Diagnostic) -> Option<Part> {
    match set.get(&d.rule).map(|r| &r.spec.check) {
        Some(Check::PartMissing { part, .. }) => Some(*part),
        _ => None,
    }
}

/// About the run, shown in the head of the page.
#[derive(Default)]
pub struct Batch {
    /// When the overview was made ("2026-11-23 20:30").
    pub generated: String,
    /// fzlint's version.
    pub version: String,
    /// The rule pack's version.
    pub pack_version: String,
    /// The units expected to submit (`--roster`), or why their list could not be read.
    pub roster: Option<Result<roster::Roster, roster::RosterError>>,
    /// The share of text two reports must have in common to be called copies (0 to 1).
    pub copy_threshold: f64,
    /// Each rule's summary in Chinese, by its id, as the chart and the CSV name rules
    /// (a rule not here is named by its id).
    pub rule_names: std::collections::BTreeMap<String, String>,
    /// The passages each copied pair shares ([`copies::shared_passages`]), by the pair's
    /// reports.
    pub shared: std::collections::BTreeMap<(usize, usize), Vec<copies::Passage>>,
    /// What the overview shows of the parts of the pack the batch is read with (its
    /// reports whose titles name another pack are shown in a matrix of their own).
    pub pack: Option<std::sync::Arc<crate::pack::overview::Overview>>,
}

impl Batch {
    /// The batch's copied pairs ([`copies::pairs`]).
    pub fn copies(&self, entries: &[Entry]) -> Vec<copies::Pair> {
        let prints: Vec<_> = entries.iter().map(|e| e.fingerprint.as_ref()).collect();
        copies::pairs(&prints, self.copy_threshold)
    }
}

/// A link to the section of the batch's `i`-th report, named by its path.
fn link(entries: &[Entry], i: usize) -> String {
    format!("<a href=\"#r{i}\">{}</a>", esc(&entries[i].path))
}

/// Text for the page (escaped), or `none` (markup) when there is no text.
fn shown_or(s: &str, none: &str) -> String {
    if s.is_empty() {
        none.to_string()
    } else {
        esc(s)
    }
}

/// Whether a report was published after its deadline: whether one of its findings
/// comes from a rule that runs the publication-deadline check. The rule set that linted
/// the report says which rules those are (the built-in late-publication, an office's
/// override of it, or a rule of its own with an earlier deadline), so the overview
/// names no rule.
pub fn published_late(set: &RuleSet, diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| {
        set.get(&d.rule)
            .is_some_and(|r| matches!(r.spec.check, Check::PublicationDeadline { .. }))
    })
}
