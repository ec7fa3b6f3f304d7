//! Output formats. Only `human` touches codespan-reporting.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod outline;
pub mod overview;
pub mod sarif;

use crate::diagnostic::Diagnostic;
use crate::text::source::Source;

/// One linted file and what was found in it.
pub struct FileReport<'a> {
    pub src: &'a Source,
    pub diagnostics: &'a [Diagnostic],
}

/// One diagnostic as `path:line:col: severity[rule] message` and a line break.
pub fn concise_line(src: &Source, d: &Diagnostic) -> String {
    let (l, c) = src.position(d.span.start);
    format!(
        "{}:{l}:{c}: {}[{}] {}\n",
        src.name,
        d.severity.name(),
        d.rule,
        d.message
    )
}

/// `path:line:col: severity[rule] message`, one per line.
pub fn concise(f: &FileReport) -> String {
    f.diagnostics
        .iter()
        .map(|d| concise_line(f.src, d))
        .collect()
}
