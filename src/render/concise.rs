//! `--format concise`: `path:line:col: severity[rule] message`, one line per finding.

use super::{FileReport, PerFile};
use crate::diagnostic::Diagnostic;
use crate::text::source::Source;

/// One diagnostic as `path:line:col: severity[rule] message` and a line break.
pub fn line(src: &Source, d: &Diagnostic) -> String {
    let (l, c) = src.position(d.span.start);
    format!(
        "{}:{l}:{c}: {}[{}] {}\n",
        src.name,
        d.severity.name(),
        d.rule,
        d.message
    )
}

/// A file's findings, one line each.
pub fn render(f: &FileReport) -> String {
    f.diagnostics.iter().map(|d| line(f.src, d)).collect()
}

/// The lines, file by file, and nothing else.
pub const EMITTER: PerFile = PerFile(render);
