//! A report's text, normalised for parsing, with the way back to what the user wrote.
//!
//! Full-width ASCII forms (`(`, `,`, `:`, `1`), the ideographic space and carriage
//! returns are replaced one character for one character, so the parser and the rules
//! see a single form of each mark. Because the replacement never changes the number of
//! characters, a line and column (in characters) are the same in both texts; only byte
//! offsets differ, and [`Source::original_offset`] maps them back for rendering.

use std::ops::Range;

/// One input document.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown to the user (a path, or `<stdin>`).
    pub name: String,
    /// The normalised text every later stage works on.
    pub text: String,
    /// The encoding the file was read in (UTF-8 unless input says otherwise).
    pub encoding: &'static str,
    /// The format the text came from: "text" (.txt, .md, stdin), "docx" or "html".
    pub format: &'static str,
    /// The publication date the file's metadata gives (an HTML page's PubDate).
    pub published_meta: Option<String>,
    /// The title the file's metadata gives.
    pub title_meta: Option<String>,
    /// For text read from a structured file: where each block of lines came from,
    /// ordered by line.
    pub locations: Option<Vec<Location>>,
    /// The text as the user wrote it, when normalisation changed anything.
    original: Option<String>,
    line_starts: Vec<usize>,
    original_line_starts: Vec<usize>,
    chars: CharIndex,
    original_chars: Option<CharIndex>,
}

/// Where a run of lines came from in a structured file (a Word paragraph, an HTML
/// element).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// 0-based index of the block's first line in the text.
    pub first_line: usize,
    /// 1-based paragraph number as the user counts them (第N段).
    pub paragraph: usize,
    /// The element the block came from ("w:p", "w:tc", "p", "td" …).
    pub element: String,
}

/// A position in a structured file: paragraph, 1-based character in it, element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place<'a> {
    pub paragraph: usize,
    pub column: usize,
    pub element: &'a str,
}

impl Place<'_> {
    /// 第N段第M字, as Word users count.
    pub fn describe(&self) -> String {
        format!("第{}段第{}字", self.paragraph, self.column)
    }
}

/// Character counts at regular byte offsets, so that converting between byte offsets
/// and character positions costs a bounded walk, even on a 100 MB single-line file.
#[derive(Debug, Clone)]
struct CharIndex {
    /// (byte offset, characters before it), every [`CharIndex::STEP`] bytes or so.
    marks: Vec<(usize, usize)>,
}

impl CharIndex {
    const STEP: usize = 256;

    fn new(text: &str) -> CharIndex {
        let bytes = text.as_bytes();
        let mut marks = vec![(0, 0)];
        let (mut at, mut count) = (0usize, 0usize);
        while at + Self::STEP < bytes.len() {
            let mut next = at + Self::STEP;
            while !text.is_char_boundary(next) {
                next += 1;
            }
            // A character starts at every byte that is not a UTF-8 continuation byte.
            count += bytes[at..next]
                .iter()
                .filter(|&&b| (b as i8) >= -0x40)
                .count();
            marks.push((next, count));
            at = next;
        }
        CharIndex { marks }
    }

    /// Characters before byte offset `b` (a char boundary).
    fn chars_before(&self, text: &str, b: usize) -> usize {
        let k = self.marks.partition_point(|m| m.0 <= b) - 1;
        let (mb, mc) = self.marks[k];
        mc + text[mb..b].chars().count()
    }

    /// Byte offset of the character numbered `c` (or the end of the text).
    fn byte_of_char(&self, text: &str, c: usize) -> usize {
        let k = self.marks.partition_point(|m| m.1 <= c) - 1;
        let (mb, mc) = self.marks[k];
        text[mb..]
            .char_indices()
            .nth(c - mc)
            .map(|(i, _)| mb + i)
            .unwrap_or(text.len())
    }
}

/// Maps one character to its normalised form.
pub fn normalise_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        _ => c,
    }
}

/// Where lines start: after each LF, and after each CR that no LF follows (the same
/// breaks the normalised text has, so both texts have the same lines).
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    if memchr::memchr(b'\r', bytes).is_none() {
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        return starts;
    }
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            starts.push(i + 1);
        }
    }
    starts
}

/// Whether a character is replaced by normalisation.
fn changes(c: char) -> bool {
    matches!(c, '\r' | '\u{3000}' | '\u{00A0}' | '\u{FF01}'..='\u{FF5E}')
}

impl Source {
    pub fn new(name: impl Into<String>, text: &str) -> Source {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let (out, changed) = match text.find(changes) {
            None => (text.to_string(), false),
            Some(first) => {
                let mut out = String::with_capacity(text.len());
                out.push_str(&text[..first]);
                let mut chars = text[first..].chars().peekable();
                while let Some(c) = chars.next() {
                    out.push(if c == '\r' {
                        // CRLF keeps one line break; a lone CR is a line break of its own.
                        if chars.peek() == Some(&'\n') {
                            ' '
                        } else {
                            '\n'
                        }
                    } else {
                        normalise_char(c)
                    });
                }
                (out, true)
            }
        };
        let (original, original_line_starts, original_chars) = if changed {
            let o = text.to_string();
            let ls = line_starts(&o);
            let ci = CharIndex::new(&o);
            (Some(o), ls, Some(ci))
        } else {
            (None, Vec::new(), None)
        };
        let line_starts = line_starts(&out);
        let chars = CharIndex::new(&out);
        Source {
            name: name.into(),
            text: out,
            original,
            line_starts,
            original_line_starts,
            chars,
            original_chars,
            encoding: "UTF-8",
            format: "text",
            published_meta: None,
            title_meta: None,
            locations: None,
        }
    }

    /// The text as the user wrote it.
    pub fn original(&self) -> &str {
        self.original.as_deref().unwrap_or(&self.text)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line index of a byte offset in the normalised text.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// 0-based line index of a byte offset in the original text.
    pub fn line_index_original(&self, offset: usize) -> usize {
        if self.original.is_none() {
            return self.line_index(offset.min(self.text.len()));
        }
        match self.original_line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte range of a line (without its line break) in the normalised text.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        Self::range_in(&self.line_starts, &self.text, line)
    }

    /// Byte range of a line (without its line break) in the original text.
    pub fn original_line_range(&self, line: usize) -> Range<usize> {
        match &self.original {
            Some(o) => Self::range_in(&self.original_line_starts, o, line),
            None => self.line_range(line),
        }
    }

    fn range_in(starts: &[usize], text: &str, line: usize) -> Range<usize> {
        let start = starts.get(line).copied().unwrap_or(text.len());
        let end = starts.get(line + 1).map(|e| e - 1).unwrap_or(text.len());
        start..end.max(start)
    }

    /// 1-based line and 1-based column in characters of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.clamp(offset);
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let col = self.chars.chars_before(&self.text, offset)
            - self.chars.chars_before(&self.text, start);
        (line + 1, col + 1)
    }

    /// For text from a structured file, the paragraph and the 1-based character in it
    /// of a byte offset in the normalised text.
    pub fn place(&self, offset: usize) -> Option<Place<'_>> {
        let offset = self.clamp(offset);
        let loc = self.block_of(self.line_index(offset))?;
        let start = self.line_starts[loc.first_line];
        let column = self.chars.chars_before(&self.text, offset)
            - self.chars.chars_before(&self.text, start)
            + 1;
        Some(Place {
            paragraph: loc.paragraph,
            column,
            element: &loc.element,
        })
    }

    /// The line and column machine output gives for a byte offset: for a Word file the
    /// paragraph (第N段) and the character in it, else the 1-based line and column.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        match self.place(offset) {
            Some(p) if self.format == "docx" => (p.paragraph, p.column),
            _ => self.line_col(offset),
        }
    }

    /// The line a position's column counts from, as a byte range of the normalised text:
    /// for a Word file the paragraph (from its first line to the line holding
    /// `offset`), else the line holding `offset`.
    pub fn position_line_range(&self, offset: usize) -> Range<usize> {
        let offset = self.clamp(offset);
        let line = self.line_index(offset);
        let end = self.line_range(line).end;
        let first = match self.format {
            "docx" => self.block_of(line).map_or(line, |l| l.first_line),
            _ => line,
        };
        self.line_starts[first]..end
    }

    /// The block (of a structured file) a 0-based line belongs to.
    fn block_of(&self, line: usize) -> Option<&Location> {
        let locations = self.locations.as_ref()?;
        let k = locations
            .partition_point(|l| l.first_line <= line)
            .checked_sub(1)?;
        locations.get(k)
    }

    /// The number shown for a 0-based line: its paragraph in a Word file, else the line's
    /// own 1-based number.
    pub fn line_label(&self, line: usize) -> usize {
        match (self.format, &self.locations) {
            ("docx", Some(_)) => {
                let at = self
                    .line_starts
                    .get(line)
                    .copied()
                    .unwrap_or(self.text.len());
                self.position(at).0
            }
            _ => line + 1,
        }
    }

    /// Characters between where a line's columns start counting (its paragraph's first
    /// line, in a Word file) and the line's own start.
    pub fn line_column_base(&self, line: usize) -> usize {
        let Some(&at) = self.line_starts.get(line) else {
            return 0;
        };
        let first = self.position_line_range(at).start;
        self.chars.chars_before(&self.text, at) - self.chars.chars_before(&self.text, first)
    }

    /// What a line number counts here: paragraphs (段) for a Word file, else lines (行).
    pub fn line_unit(&self) -> &'static str {
        if self.format == "docx" && self.locations.is_some() {
            "段"
        } else {
            "行"
        }
    }

    /// 第N行 (第N段 for a Word file) of a byte offset.
    pub fn at(&self, offset: usize) -> String {
        format!("第{}{}", self.position(offset).0, self.line_unit())
    }

    /// 第N行 or 第N—M行 (段 for a Word file) for a span.
    pub fn lines_of(&self, span: &Range<usize>) -> String {
        let (a, b) = (self.position(span.start).0, self.position(span.end).0);
        if a == b {
            format!("第{a}{}", self.line_unit())
        } else {
            format!("第{a}—{b}{}", self.line_unit())
        }
    }

    /// The byte offset in the original text of a byte offset in the normalised text.
    pub fn original_offset(&self, offset: usize) -> usize {
        let offset = self.clamp(offset);
        let Some(original) = &self.original else {
            return offset;
        };
        // One character became one character, so the count from the start is shared.
        let c = self.chars.chars_before(&self.text, offset);
        match &self.original_chars {
            Some(ci) => ci.byte_of_char(original, c),
            None => offset,
        }
    }

    /// Characters before a byte offset of the original text.
    pub fn original_chars_before(&self, offset: usize) -> usize {
        match (&self.original, &self.original_chars) {
            (Some(o), Some(ci)) => ci.chars_before(o, offset),
            _ => self.chars.chars_before(&self.text, self.clamp(offset)),
        }
    }

    /// Byte offset in the original text of the character numbered `c`.
    pub fn original_byte_of_char(&self, c: usize) -> usize {
        match (&self.original, &self.original_chars) {
            (Some(o), Some(ci)) => ci.byte_of_char(o, c),
            _ => self.chars.byte_of_char(&self.text, c),
        }
    }

    /// An offset moved down to the nearest character boundary inside the text.
    pub fn clamp(&self, offset: usize) -> usize {
        let mut o = offset.min(self.text.len());
        while !self.text.is_char_boundary(o) {
            o -= 1;
        }
        o
    }

    pub fn slice(&self, span: &Range<usize>) -> &str {
        let s = self.clamp(span.start);
        let e = self.clamp(span.end).max(s);
        &self.text[s..e]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fullwidth_is_normalised_one_char_for_one() {
        let s = Source::new("a", "(一)总体情况:\r\n1.好");
        assert_eq!(s.text, "(一)总体情况: \n1.好");
        assert_eq!(s.original(), "(一)总体情况:\r\n1.好");
        let off = s.text.find('好').unwrap();
        assert_eq!(s.line_col(off), (2, 3));
        assert_eq!(&s.original()[s.original_offset(off)..], "好");
    }

    #[test]
    fn halfwidth_text_is_not_copied() {
        let s = Source::new("a", "一、情况\n正文");
        assert_eq!(s.original(), s.text);
        assert_eq!(s.line_count(), 2);
        assert_eq!(s.line_range(1), 13..19);
    }

    #[test]
    fn places_name_the_paragraph_and_count_across_soft_breaks() {
        use crate::input::document::{Block, Document};
        let block = |text: &str, paragraph| Block {
            text: text.into(),
            paragraph,
            element: "w:p".into(),
        };
        let doc = Document {
            blocks: vec![block("(一)标题", 1), block("甲乙\n丙丁", 3), block("", 4)],
            format: "docx",
            encoding: "UTF-8",
            ..Document::default()
        };
        let s = doc.into_source("a.docx");
        assert_eq!(s.text, "(一)标题\n甲乙\n丙丁\n");
        let at = |c: char| s.place(s.text.find(c).unwrap()).unwrap();
        assert_eq!(at('标').describe(), "第1段第4字");
        assert_eq!(at('乙').describe(), "第3段第2字");
        // After a soft break the count goes on through the paragraph.
        assert_eq!(at('丁').describe(), "第3段第5字");
        assert_eq!(s.place(s.text.len()).unwrap().paragraph, 4);
        assert!(Source::new("a", "甲").place(0).is_none());
    }

    #[test]
    fn lone_cr_is_a_line_break_and_bom_is_dropped() {
        let s = Source::new("a", "\u{FEFF}甲\r乙\r\n丙");
        assert_eq!(s.text, "甲\n乙 \n丙");
        assert_eq!(s.line_count(), 3);
        let off = s.text.find('丙').unwrap();
        assert_eq!(&s.original()[s.original_offset(off)..], "丙");
        assert_eq!(s.line_index_original(s.original_offset(off)), 2);
    }
}
