//! Compiler-style output through codespan-reporting.
//!
//! codespan prints whole lines, and a report may be one 4,000-character line. So each
//! diagnostic is rendered from an excerpt: the lines its labels touch, each cut to a
//! window around the labels ("…" marks the cut), while line numbers and columns stay
//! true to the file. The excerpt is served to codespan through its `Files` trait.

use super::{Emitter, FileReport, Renderer, Tally};
use crate::diagnostic::{Diagnostic, Severity};
use crate::text::source::Source;
use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity,
};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, Config, termcolor::Ansi};
use std::io::{self, Write};
use std::ops::Range;

/// Lines longer than this many characters are shown as a window.
const WINDOW_CHARS: usize = 60;
/// Characters kept on each side of the labels in a window.
const WINDOW_MARGIN: usize = 20;
/// A label is drawn over at most this many lines.
const MAX_LABEL_LINES: usize = 6;
const ELLIPSIS: &str = "…";

struct ExLine {
    /// 0-based line in the file.
    index: usize,
    /// Byte range in the excerpt text.
    range: Range<usize>,
    /// Characters of the real line cut off before the window.
    skipped_chars: usize,
    /// Byte range of the window in the original text.
    window: Range<usize>,
    /// Bytes of the leading "…" (0 when nothing was cut).
    prefix: usize,
}

struct Excerpt<'a> {
    src: &'a Source,
    text: String,
    lines: Vec<ExLine>,
}

impl Excerpt<'_> {
    fn line(&self, index: usize) -> Option<&ExLine> {
        self.lines.iter().find(|l| l.index == index)
    }

    /// The line of the file's line `index`, or the error codespan is given for a line
    /// the excerpt does not hold.
    fn held(&self, index: usize) -> Result<&ExLine, FilesError> {
        self.line(index).ok_or(FilesError::LineTooLarge {
            given: index,
            max: self.lines.last().map_or(0, |l| l.index),
        })
    }

    /// Maps a byte offset of the original text into the excerpt.
    fn map(&self, src: &Source, orig: usize) -> usize {
        let index = src.line_index_original(orig);
        let Some(l) = self.line(index) else {
            return self.text.len();
        };
        let o = orig.clamp(l.window.start, l.window.end);
        let inner = &src.original()[l.window.start..o];
        l.range.start + l.prefix + inner.len()
    }
}

impl<'a> Files<'a> for Excerpt<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, _: ()) -> Result<&'a str, FilesError> {
        Ok(&self.src.name)
    }

    fn source(&'a self, _: ()) -> Result<&'a str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'a self, _: (), byte: usize) -> Result<usize, FilesError> {
        Ok(self
            .lines
            .iter()
            .rev()
            .find(|l| l.range.start <= byte)
            .or(self.lines.first())
            .map_or(0, |l| l.index))
    }

    fn line_range(&'a self, _: (), index: usize) -> Result<Range<usize>, FilesError> {
        self.held(index).map(|l| l.range.clone())
    }

    fn column_number(&'a self, _: (), index: usize, byte: usize) -> Result<usize, FilesError> {
        let l = self.held(index)?;
        let from = (l.range.start + l.prefix).min(byte);
        let chars = self.text.get(from..byte).map_or(0, |s| s.chars().count());
        Ok(self.src.line_column_base(index) + l.skipped_chars + chars + 1)
    }

    /// A Word file's lines are numbered by paragraph, as machine output numbers them.
    fn line_number(&'a self, _: (), index: usize) -> Result<usize, FilesError> {
        Ok(self.src.line_label(index))
    }
}

/// Builds the excerpt for spans given in original-text byte offsets.
fn excerpt<'a>(src: &'a Source, spans: &[Range<usize>]) -> Excerpt<'a> {
    let orig = src.original();
    let mut wanted: Vec<usize> = Vec::new();
    for s in spans {
        let a = src.line_index_original(s.start);
        let b = src.line_index_original(s.end).min(a + MAX_LABEL_LINES);
        wanted.extend(a..=b);
    }
    wanted.sort_unstable();
    wanted.dedup();
    // codespan prints a single line between two labelled lines rather than a gap mark.
    let gaps: Vec<usize> = wanted
        .windows(2)
        .filter(|w| w[1] == w[0] + 2)
        .map(|w| w[0] + 1)
        .collect();
    wanted.extend(gaps);
    wanted.sort_unstable();
    let mut text = String::new();
    let mut lines = Vec::new();
    for index in wanted {
        let lr = src.original_line_range(index);
        let line_chars = src.original_chars_before(lr.start);
        let n = src.original_chars_before(lr.end) - line_chars;
        let (mut lo, mut hi) = (0usize, n);
        if n > WINDOW_CHARS {
            // Character positions of the labels on this line.
            let char_at =
                |b: usize| src.original_chars_before(b.clamp(lr.start, lr.end)) - line_chars;
            let on_line: Vec<(usize, usize)> = spans
                .iter()
                .filter(|s| s.start <= lr.end && s.end >= lr.start)
                .map(|s| (char_at(s.start), char_at(s.end)))
                .collect();
            let first = on_line.iter().map(|p| p.0).min().unwrap_or(0);
            let last = on_line.iter().map(|p| p.1).max().unwrap_or(0);
            lo = first.saturating_sub(WINDOW_MARGIN);
            hi = (last + WINDOW_MARGIN)
                .min(n)
                .min(lo + 2 * WINDOW_CHARS)
                .max(lo);
        }
        let byte_of = |c: usize| {
            src.original_byte_of_char(line_chars + c)
                .clamp(lr.start, lr.end)
        };
        let window = byte_of(lo)..byte_of(hi);
        let start = text.len();
        let prefix = if lo > 0 { ELLIPSIS.len() } else { 0 };
        if lo > 0 {
            text.push_str(ELLIPSIS);
        }
        text.push_str(&orig[window.clone()]);
        if hi < n {
            text.push_str(ELLIPSIS);
        }
        lines.push(ExLine {
            index,
            range: start..text.len(),
            skipped_chars: lo,
            window,
            prefix,
        });
        text.push('\n');
    }
    Excerpt { src, text, lines }
}

fn cs_severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

/// Where a finding is in a Word file or a web page, in a drafter's words.
fn place_words(src: &Source, p: &crate::text::source::Place) -> String {
    match (src.format, p.element) {
        (crate::text::Format::Docx, "w:tc") => format!("{}（表格中）", p.describe()),
        (crate::text::Format::Docx, "w:txbxContent") => format!("{}（文本框中）", p.describe()),
        (crate::text::Format::Docx, _) => p.describe(),
        (_, e) => format!("正文{}（<{e}> 元素）", p.describe()),
    }
}

fn render_one(src: &Source, d: &Diagnostic, color: bool) -> String {
    let mut spans = vec![src.original_range(&d.span)];
    spans.extend(d.labels.iter().map(|l| src.original_range(&l.span)));
    let ex = excerpt(src, &spans);
    let mark = |s: &Range<usize>| ex.map(src, s.start)..ex.map(src, s.end);
    let mut labels = vec![CsLabel::primary((), mark(&spans[0])).with_message(&d.label)];
    labels.extend(
        d.labels
            .iter()
            .zip(&spans[1..])
            .map(|(l, s)| CsLabel::secondary((), mark(s)).with_message(&l.message)),
    );
    let mut notes = Vec::new();
    if let Some(place) = src.place(d.span.start) {
        notes.push(format!("位置：{}", place_words(src, &place)));
    }
    if let Some(n) = &d.note {
        notes.push(format!("依据：{n}"));
    }
    if let Some(h) = &d.help {
        notes.push(format!("help: {h}"));
    }
    let cs = CsDiagnostic::new(cs_severity(d.severity))
        .with_code(&d.rule)
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes);
    let config = Config::default();
    let mut buf: Vec<u8> = Vec::new();
    let res = if color {
        term::emit_to_write_style(&mut Ansi::new(&mut buf), &config, &ex, &cs)
    } else {
        term::emit_to_io_write(&mut buf, &config, &ex, &cs)
    };
    if res.is_ok() {
        String::from_utf8_lossy(&buf).into_owned()
    } else {
        // Never lose a finding over a rendering problem: fall back to one line.
        let (l, c) = src.line_col(d.span.start);
        format!(
            "{}[{}]: {}\n  --> {}:{l}:{c}\n\n",
            d.severity.name(),
            d.rule,
            d.message,
            src.name
        )
    }
}

pub fn render(f: &FileReport, color: bool) -> String {
    f.diagnostics
        .iter()
        .map(|d| render_one(f.src, d, color))
        .collect()
}

/// Each finding drawn under its lines, then a closing summary line.
pub struct HumanEmitter {
    pub color: bool,
}

impl Emitter for HumanEmitter {
    fn renderer(&self) -> Option<Renderer> {
        let color = self.color;
        Some(Box::new(move |f, _, _| Some(render(f, color))))
    }

    fn finish(&mut self, out: &mut dyn Write, tally: &Tally) -> io::Result<()> {
        out.write_all(with_packs(tally.totals.summary(), &tally.packs).as_bytes())
    }
}

/// The summary line, saying how many reports were read with each pack other than the
/// default one (「检查了 3 份报告（其中 1 份按政府信息公开工作年度报告检查）：…」); as it
/// was when every report was read with the default pack.
pub fn with_packs(summary: String, packs: &std::collections::BTreeMap<String, usize>) -> String {
    if packs.is_empty() {
        return summary;
    }
    let which: Vec<String> = packs
        .iter()
        .map(|(name, n)| format!("{n} 份按{name}检查"))
        .collect();
    match summary.split_once(" 份报告") {
        Some((head, rest)) => format!("{head} 份报告（其中 {}）{rest}", which.join("，")),
        None => summary,
    }
}

/// Counts for the closing summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Totals {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files that could not be checked (each named on its own error line).
    pub unreadable: usize,
    /// Files found in folders that read as no report (named with --verbose).
    pub skipped: usize,
}

impl Totals {
    /// Counts one finding (of a file counted by [`Totals::add_file`]).
    pub fn add_one(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }

    /// Adds one file's findings, counted with [`Totals::add_one`].
    pub fn add_file(&mut self, file: &Totals) {
        self.files += 1;
        self.errors += file.errors;
        self.warnings += file.warnings;
        self.infos += file.infos;
    }

    pub fn summary(&self) -> String {
        let mut tail = match self.unreadable {
            0 => String::new(),
            n if self.files == 0 => {
                return format!("没有检查任何报告：{n} 个文件无法检查（原因见上）\n");
            }
            n => format!("；另有 {n} 个文件无法检查（原因见上）"),
        };
        if self.skipped > 0 {
            tail.push_str(&format!(
                "；跳过 {} 个不像是报告的文件（--verbose 列出）",
                self.skipped
            ));
        }
        if self.errors + self.warnings + self.infos == 0 {
            return format!("检查了 {} 份报告：未发现问题{tail}\n", self.files);
        }
        format!(
            "检查了 {} 份报告：{} 个错误，{} 个警告，{} 条提示（fzlint rule <id> 查看规则说明）{tail}\n",
            self.files, self.errors, self.warnings, self.infos
        )
    }
}
