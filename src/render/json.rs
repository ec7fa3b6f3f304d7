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

/// The JSON elements of one file's findings, found by the rule pack of version
/// `rule_pack`.
pub fn diagnostics(f: &FileReport, rule_pack: &str) -> Vec<JsonDiagnostic> {
    f.diagnostics
        .iter()
        .map(|d| {
            let (line, column) = f.src.position(d.span.start);
            let (end_line, end_column) = f.src.position(d.span.end);
            let place = f.src.place(d.span.start);
            JsonDiagnostic {
                rule_pack: rule_pack.to_string(),
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

/// One file's elements as they stand inside the run's array: pretty-printed, indented,
/// separated by commas; None when the file has no findings. Hand it to
/// [`ArrayWriter::push`] as one piece.
pub fn file_body(f: &FileReport, rule_pack: &str) -> Option<String> {
    if f.diagnostics.is_empty() {
        return None;
    }
    let items = diagnostics(f, rule_pack);
    let mut buf = Vec::with_capacity(items.len() * 768);
    serde_json::to_writer_pretty(&mut buf, &items).ok()?;
    // `[\n  {…},\n  {…}\n]`: the inside of the array is the elements, already indented.
    let inner = buf.get(2..buf.len().checked_sub(2)?)?;
    String::from_utf8(inner.to_vec()).ok()
}

/// Writes the JSON array one element at a time, so that a run over many files holds no
/// more than one file's findings; the bytes are those of the whole array pretty-printed
/// at once.
#[derive(Default)]
pub struct ArrayWriter {
    started: bool,
}

impl ArrayWriter {
    /// The text for one more element.
    pub fn item<T: Serialize>(&mut self, v: &T) -> String {
        self.push(&Self::body(v))
    }

    /// An element pretty-printed as it stands inside the array (indented), to be
    /// handed to [`ArrayWriter::push`] in order; made on any thread.
    pub fn body<T: Serialize>(v: &T) -> String {
        let body = serde_json::to_string_pretty(v).unwrap_or_else(|_| "null".into());
        let mut out = String::with_capacity(body.len() + body.len() / 8 + 2);
        for (i, line) in body.lines().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str("  ");
            out.push_str(line);
        }
        out
    }

    /// The text for one more element made by [`ArrayWriter::body`].
    pub fn push(&mut self, body: &str) -> String {
        let lead = if self.started { ",\n" } else { "[\n" };
        self.started = true;
        format!("{lead}{body}")
    }

    /// The text that closes the array.
    pub fn finish(self) -> &'static str {
        if self.started { "\n]\n" } else { "[]\n" }
    }
}

#[cfg(test)]
mod tests {
    use super::{ArrayWriter, FileReport, diagnostics, file_body};

    #[test]
    fn a_files_body_is_its_elements_one_by_one() {
        let set = crate::rules::RuleSet::builtin().unwrap();
        let src = crate::source::Source::new(
            "a.txt",
            "关于2024年法治政府建设情况的报告\n一、主要举措\n做法,“引号。\n三、下一步\n2025年。\n",
        );
        let d = crate::lint(&src, &set, &Default::default());
        assert!(d.len() >= 2, "{d:?}");
        let f = FileReport {
            src: &src,
            diagnostics: &d,
        };
        let one_by_one: Vec<String> = diagnostics(&f, "v").iter().map(ArrayWriter::body).collect();
        assert_eq!(file_body(&f, "v").unwrap(), one_by_one.join(",\n"));
        let none = FileReport {
            src: &src,
            diagnostics: &[],
        };
        assert_eq!(file_body(&none, "v"), None);
    }

    #[test]
    fn streamed_arrays_are_the_arrays_printed_at_once() {
        let items = [
            serde_json::json!({"a": 1, "b": ["x", {"c": null}], "s": "多行\n文本"}),
            serde_json::json!({"a": 2, "b": []}),
        ];
        for n in 0..=items.len() {
            let mut w = ArrayWriter::default();
            let mut out: String = items[..n].iter().map(|v| w.item(v)).collect();
            out.push_str(w.finish());
            let whole = serde_json::to_string_pretty(&items[..n]).unwrap() + "\n";
            assert_eq!(out, whole);
        }
    }
}
