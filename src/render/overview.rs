//! `fzlint report`: a batch of reports at a glance, as one self-contained HTML page or
//! as CSV for a spreadsheet.

use super::json::JsonDiagnostic;
use super::outline::Outline;

/// One report of the batch.
pub struct Entry {
    /// The path as given or walked.
    pub path: String,
    /// What fzlint understood of it; `None` when it could not be read.
    pub outline: Option<Outline>,
    /// Its findings, in order, each with the text of its line as written.
    pub findings: Vec<Finding>,
    /// Why it could not be read (the same sentence `check` prints).
    pub error: Option<String>,
}

/// A finding with its context.
pub struct Finding {
    pub diagnostic: JsonDiagnostic,
    /// The whole line (paragraph) the finding starts on, as written.
    pub line_text: String,
}

/// About the run, shown in the page's head and the CSV's first columns.
pub struct Batch {
    /// When the overview was made ("2026-11-23 20:30").
    pub generated: String,
    /// fzlint's version.
    pub version: String,
    /// The rule pack's version.
    pub pack_version: String,
}

/// The overview page: one HTML document with no external assets.
pub fn html(_entries: &[Entry], _batch: &Batch) -> String {
    String::new()
}

/// One row per report, UTF-8 with a BOM so that spreadsheet programs read the Chinese.
pub fn csv(_entries: &[Entry], _batch: &Batch) -> String {
    String::new()
}
