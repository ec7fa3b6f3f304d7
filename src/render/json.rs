//! `--format json`: one array for the whole run (the shape is in the contract).

use super::{Emitter, FileReport, Renderer, Tally};
use serde::Serialize;
use std::io::{self, Write};

/// The spaces that indent a key at a depth (two a level).
macro_rules! indent {
    (2) => {
        "    "
    };
    (3) => {
        "      "
    };
    (4) => {
        "        "
    };
    (5) => {
        "          "
    };
}

/// `"name": ` on a new line at a depth, after a comma unless it is the first key of its
/// object: one literal, pushed at once.
macro_rules! key {
    (first $depth:tt $name:literal) => {
        concat!("\n", indent!($depth), "\"", $name, "\": ")
    };
    ($depth:tt $name:literal) => {
        concat!(",\n", indent!($depth), "\"", $name, "\": ")
    };
}

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
    /// For the one finding that stands for a rule's findings beyond those listed in the
    /// file (`max_findings_per_rule`): how many it stands for.
    #[serde(skip_serializing_if = "is_zero")]
    pub folded: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The JSON elements of one file's findings, found by the rule pack of version
/// `rule_pack`.
pub fn diagnostics(f: &FileReport, rule_pack: &str) -> Vec<JsonDiagnostic> {
    f.diagnostics
        .iter()
        .map(|d| {
            let ((line, column), (end_line, end_column)) = f.src.span_position(&d.span);
            let place = f.src.place(d.span.start);
            JsonDiagnostic {
                rule_pack: rule_pack.to_string(),
                location: place.map(|p| p.describe()),
                element: place.map(|p| p.element.to_string()),
                folded: d.folded,
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
                        let ((line, column), (end_line, end_column)) = f.src.span_position(&l.span);
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
                    .filter(|_| f.src.format == crate::text::Format::Text)
                    .map(|edits| JsonFix {
                        applicability: "safe",
                        edits: edits
                            .iter()
                            .map(|(span, content)| {
                                let ((line, column), (end_line, end_column)) =
                                    f.src.span_position(span);
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
/// separated by commas; None when the file has no findings. Written straight from the
/// diagnostics, byte for byte what serialising [`diagnostics`] gives (the tests compare
/// the two): serialising them instead took the JSON output of the benchmark corpus
/// (10,000 reports, one thread) from 7.23 to 8.14 billion instructions, 12.5% more
/// (measured again later: 7.34 to 8.28 billion, 12.7%).
pub fn file_body(f: &FileReport, rule_pack: &str) -> Option<String> {
    file_body_in(f, rule_pack, None)
}

/// As [`file_body`], each finding naming `pack` (a pack other than the default).
pub fn file_body_in(f: &FileReport, rule_pack: &str, pack: Option<&str>) -> Option<String> {
    if f.diagnostics.is_empty() {
        return None;
    }
    let mut w = Pretty {
        out: String::with_capacity(f.diagnostics.len() * 768),
    };
    let src = f.src;
    let text_fixes = src.format == crate::text::Format::Text;
    for (i, d) in f.diagnostics.iter().enumerate() {
        if i > 0 {
            w.out.push_str(",\n");
        }
        w.out.push_str("  {");
        w.field(key!(first 2 "path"), &src.name);
        w.field(key!(2 "rule"), &d.rule);
        w.field(key!(2 "severity"), d.severity.name());
        w.field(key!(2 "message"), &d.message);
        w.raw(key!(2 "help"));
        match &d.help {
            Some(h) => w.string(h),
            None => w.out.push_str("null"),
        }
        w.numbers(&NUMBERS_2, src.span_position(&d.span));
        w.raw(key!(2 "labels"));
        if d.labels.is_empty() {
            w.out.push_str("[]");
        } else {
            w.out.push('[');
            for (k, l) in d.labels.iter().enumerate() {
                w.out.push_str(if k == 0 { "\n" } else { ",\n" });
                w.out.push_str("      {");
                w.numbers(&NUMBERS_4, src.span_position(&l.span));
                w.field(key!(4 "message"), &l.message);
                w.out.push_str("\n      }");
            }
            w.out.push_str("\n    ]");
        }
        if let Some(edits) = d.fix.as_ref().filter(|_| text_fixes) {
            w.raw(key!(2 "fix"));
            w.out.push('{');
            w.field(key!(first 3 "applicability"), "safe");
            w.raw(key!(3 "edits"));
            if edits.is_empty() {
                w.out.push_str("[]");
            } else {
                w.out.push('[');
                for (k, (span, content)) in edits.iter().enumerate() {
                    w.out.push_str(if k == 0 { "\n" } else { ",\n" });
                    w.out.push_str("        {");
                    w.numbers(&NUMBERS_5, src.span_position(span));
                    w.field(key!(5 "content"), content);
                    w.out.push_str("\n        }");
                }
                w.out.push_str("\n      ]");
            }
            w.out.push_str("\n    }");
        }
        w.field(key!(2 "rule_pack"), rule_pack);
        if let Some(pack) = pack {
            w.field(key!(2 "pack"), pack);
        }
        if let Some(p) = src.place(d.span.start) {
            w.field(key!(2 "location"), &p.describe());
            w.field(key!(2 "element"), p.element);
        }
        if d.folded > 0 {
            w.raw(key!(2 "folded"));
            w.number(d.folded);
        }
        w.out.push_str("\n  }");
    }
    Some(w.out)
}

/// Whether a string holds a quote, a backslash or a control character. Every byte is
/// looked at, with no early exit, so that the compiler can check many at once: most
/// strings hold none of them.
fn needs_escape(bytes: &[u8]) -> bool {
    bytes.iter().fold(false, |found, &b| {
        found | (b < 0x20) | (b == b'"') | (b == b'\\')
    })
}

/// The position keys of a diagnostic (depth 2, after other keys), of a label (depth 4)
/// and of an edit (depth 5), each first in its object.
const NUMBERS_2: [&str; 4] = [
    key!(2 "line"),
    key!(2 "column"),
    key!(2 "end_line"),
    key!(2 "end_column"),
];
const NUMBERS_4: [&str; 4] = [
    key!(first 4 "line"),
    key!(4 "column"),
    key!(4 "end_line"),
    key!(4 "end_column"),
];
const NUMBERS_5: [&str; 4] = [
    key!(first 5 "line"),
    key!(5 "column"),
    key!(5 "end_line"),
    key!(5 "end_column"),
];

/// Pretty-printed JSON as serde_json prints it (two spaces a level), written by hand
/// for the one shape of [`file_body`].
struct Pretty {
    out: String,
}

impl Pretty {
    /// Text as it is (a key made by [`key!`], punctuation).
    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// A key (made by [`key!`]) and its string value.
    fn field(&mut self, key: &str, value: &str) {
        self.raw(key);
        self.string(value);
    }

    /// The four position keys (one of the `NUMBERS_` sets) with the values of a
    /// [`Source::span_position`](crate::text::source::Source::span_position).
    fn numbers(&mut self, keys: &[&str; 4], ((l, c), (el, ec)): ((usize, usize), (usize, usize))) {
        for (k, v) in keys.iter().zip([l, c, el, ec]) {
            self.raw(k);
            self.number(v);
        }
    }

    /// A number.
    fn number(&mut self, v: usize) {
        use std::fmt::Write;
        let _ = write!(self.out, "{v}");
    }

    /// A string, escaped as serde_json escapes: quote, backslash and control characters.
    /// Escaping with `serde_json::to_string` instead took the corpus above from 7.34 to
    /// 7.59 billion instructions (3.3% more).
    fn string(&mut self, s: &str) {
        self.out.push('"');
        let bytes = s.as_bytes();
        if !needs_escape(bytes) {
            self.out.push_str(s);
            self.out.push('"');
            return;
        }
        let mut from = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let esc = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0C => "\\f",
                0..=0x1F => "",
                _ => continue,
            };
            self.out.push_str(&s[from..i]);
            if esc.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.push_str("\\u00");
                self.out.push(HEX[(b >> 4) as usize] as char);
                self.out.push(HEX[(b & 0xF) as usize] as char);
            } else {
                self.out.push_str(esc);
            }
            from = i + 1;
        }
        self.out.push_str(&s[from..]);
        self.out.push('"');
    }
}

/// The run's one array, written element by element as the files come, so that a run
/// over many files holds no more than one file's findings; the bytes are those of the
/// whole array pretty-printed at once.
#[derive(Default)]
pub struct JsonEmitter {
    started: bool,
}

impl Emitter for JsonEmitter {
    fn renderer(&self) -> Option<Renderer> {
        Some(Box::new(file_body_in))
    }

    /// One file's elements, after what separates them from the elements before.
    fn rendered(&mut self, out: &mut dyn Write, body: &str) -> io::Result<()> {
        let lead = if self.started { ",\n" } else { "[\n" };
        self.started = true;
        out.write_all(lead.as_bytes())?;
        out.write_all(body.as_bytes())
    }

    fn finish(&mut self, out: &mut dyn Write, _: &Tally) -> io::Result<()> {
        out.write_all(if self.started { b"\n]\n" } else { b"[]\n" })
    }
}

#[cfg(test)]
mod tests {
    use super::{FileReport, JsonEmitter, diagnostics, file_body};
    use crate::render::{Emitter, Tally};
    use serde::Serialize;

    /// An element pretty-printed by serde_json as it stands inside the array (indented).
    fn body<T: Serialize>(v: &T) -> String {
        let body = serde_json::to_string_pretty(v).unwrap();
        body.lines()
            .map(|line| format!("  {line}"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_files_body_is_its_elements_one_by_one() {
        let set = crate::rules::RuleSet::builtin().unwrap();
        let src = crate::text::source::Source::new(
            "a.txt",
            "关于2024年法治政府建设情况的报告\n一、主要举措\n做法,“引号。\n三、下一步\n2025年。\n",
        );
        let d = crate::lint(&src, &set, &Default::default());
        assert!(d.len() >= 2, "{d:?}");
        let f = FileReport::new(&src, &d);
        let one_by_one: Vec<String> = diagnostics(&f, "v").iter().map(body).collect();
        assert_eq!(file_body(&f, "v").unwrap(), one_by_one.join(",\n"));
        // Every field in every form: help or none, labels or none, fixes (none, no
        // edits, several), strings needing every kind of escape, a Word file's places.
        use crate::diagnostic::{Diagnostic, Label, Severity};
        let odd = "引号\"反斜杠\\换行\n制表\t回车\r\u{1}\u{8}\u{c}\u{1f}\u{7f}/é";
        let make = |i: usize| Diagnostic {
            rule: format!("rule-{i}{odd}"),
            severity: [Severity::Error, Severity::Warning, Severity::Info][i % 3],
            message: odd.repeat(i % 2),
            span: i..i + 3,
            label: String::new(),
            labels: (0..i % 3)
                .map(|k| Label {
                    span: k..k + 1,
                    message: format!("{k}{odd}"),
                })
                .collect(),
            help: i.is_multiple_of(2).then(|| odd.to_string()),
            note: None,
            fix: match i % 3 {
                0 => None,
                1 => Some(Vec::new()),
                _ => Some(vec![(0..1, odd.to_string()), (2..2, String::new())]),
            },
            folded: i % 2 * 1234,
        };
        let many: Vec<Diagnostic> = (0..9).map(make).collect();
        let doc = crate::input::document::Document {
            blocks: vec![
                crate::input::document::Block {
                    text: "一、甲乙丙".into(),
                    paragraph: 1,
                    element: "w:p".into(),
                },
                crate::input::document::Block {
                    text: "丁\"戊".into(),
                    paragraph: 2,
                    element: "w:tc".into(),
                },
            ],
            format: crate::text::Format::Docx,
            encoding: "UTF-8",
            ..Default::default()
        };
        for src in [src.clone(), doc.into_source("a\"b.docx")] {
            let f = FileReport::new(&src, &many);
            let one_by_one: Vec<String> = diagnostics(&f, "v\"1").iter().map(body).collect();
            assert_eq!(file_body(&f, "v\"1").unwrap(), one_by_one.join(",\n"));
        }
        let none = FileReport::new(&src, &[]);
        assert_eq!(file_body(&none, "v"), None);
    }

    #[test]
    fn streamed_arrays_are_the_arrays_printed_at_once() {
        let items = [
            serde_json::json!({"a": 1, "b": ["x", {"c": null}], "s": "多行\n文本"}),
            serde_json::json!({"a": 2, "b": []}),
        ];
        for n in 0..=items.len() {
            let mut w = JsonEmitter::default();
            let mut out = Vec::new();
            for v in &items[..n] {
                w.rendered(&mut out, &body(v)).unwrap();
            }
            w.finish(&mut out, &Tally::default()).unwrap();
            let whole = serde_json::to_string_pretty(&items[..n]).unwrap() + "\n";
            assert_eq!(String::from_utf8(out).unwrap(), whole);
        }
    }
}
