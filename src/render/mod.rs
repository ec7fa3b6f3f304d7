//! Output formats. Only `human` touches codespan-reporting.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod outline;
pub mod sarif;

use crate::diagnostic::Diagnostic;
use crate::source::Source;

/// One linted file and what was found in it.
pub struct FileReport<'a> {
    pub src: &'a Source,
    pub diagnostics: &'a [Diagnostic],
}

/// `path:line:col: severity[rule] message`, one per line.
pub fn concise(f: &FileReport) -> String {
    let mut out = String::new();
    for d in f.diagnostics {
        let (l, c) = f.src.line_col(d.span.start);
        out.push_str(&format!(
            "{}:{l}:{c}: {}[{}] {}\n",
            f.src.name,
            d.severity.name(),
            d.rule,
            d.message
        ));
    }
    out
}
