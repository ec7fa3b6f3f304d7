//! `--format json`: one array for the whole run (the shape is in the contract).

use super::FileReport;
use serde::Serialize;

#[derive(Serialize)]
pub struct JsonLabel {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: String,
}

#[derive(Serialize)]
pub struct JsonEdit {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// The text that replaces the range (empty to delete it).
    pub content: String,
}

#[derive(Serialize)]
pub struct JsonFix {
    /// Always "safe": fzlint attaches only fixes that `--fix` applies.
    pub applicability: &'static str,
    pub edits: Vec<JsonEdit>,
}

#[derive(Serialize)]
pub struct JsonDiagnostic {
    pub path: String,
    pub rule: String,
    pub severity: &'static str,
    pub message: String,
    pub help: Option<String>,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub labels: Vec<JsonLabel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<JsonFix>,
    /// The version of the rule pack that found it.
    pub rule_pack: String,
    /// For a Word file or a web page: 第N段第M字 in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// For a Word file or a web page: the element the text is in ("w:p", "w:tc", "p" …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub element: Option<String>,
}

pub fn diagnostics(f: &FileReport) -> Vec<JsonDiagnostic> {
    f.diagnostics
        .iter()
        .map(|d| {
            let (line, column) = f.src.position(d.span.start);
            let (end_line, end_column) = f.src.position(d.span.end);
            let place = f.src.place(d.span.start);
            JsonDiagnostic {
                rule_pack: String::new(),
                location: place.map(|p| p.describe()),
                element: place.map(|p| p.element.to_string()),
                path: f.src.name.clone(),
                rule: d.rule.clone(),
                severity: d.severity.name(),
                message: d.message.clone(),
                help: d.help.clone(),
                line,
                column,
                end_line,
                end_column,
                labels: d
                    .labels
                    .iter()
                    .map(|l| {
                        let (line, column) = f.src.position(l.span.start);
                        let (end_line, end_column) = f.src.position(l.span.end);
                        JsonLabel {
                            line,
                            column,
                            end_line,
                            end_column,
                            message: l.message.clone(),
                        }
                    })
                    .collect(),
                // Fixes apply to text files; a Word file or a page is mended at its source.
                fix: d
                    .fix
                    .as_ref()
                    .filter(|_| f.src.format == "text")
                    .map(|edits| JsonFix {
                        applicability: "safe",
                        edits: edits
                            .iter()
                            .map(|(span, content)| {
                                let (line, column) = f.src.position(span.start);
                                let (end_line, end_column) = f.src.position(span.end);
                                JsonEdit {
                                    line,
                                    column,
                                    end_line,
                                    end_column,
                                    content: content.clone(),
                                }
                            })
                            .collect(),
                    }),
            }
        })
        .collect()
}
