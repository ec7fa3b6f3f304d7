//! `--format github`: GitHub Actions workflow commands, one per diagnostic.

use super::{FileReport, PerFile};
use crate::diagnostic::Severity;

/// Escapes a message as workflow commands require.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (file, title), which also may not hold `:` or `,`.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(f: &FileReport) -> String {
    let mut out = String::new();
    for d in f.diagnostics {
        let ((line, col), (end_line, end_col)) = f.src.span_position(&d.span);
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        // Columns only when the span is on one line.
        let cols = if line == end_line {
            format!(",col={col},endColumn={end_col}")
        } else {
            String::new()
        };
        out.push_str(&format!(
            "::{level} file={},line={line},endLine={end_line}{cols},title={}::{}\n",
            property(&f.src.name),
            property(&d.rule),
            data(&d.message)
        ));
    }
    out
}

/// The workflow commands, file by file, and nothing else.
pub const EMITTER: PerFile = PerFile(render);

#[cfg(test)]
mod tests {
    #[test]
    fn escaping() {
        assert_eq!(super::property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(super::data("一\n二:三"), "一%0A二:三");
    }
}
