//! A report's text, normalised for parsing, with the way back to what the user wrote.
//!
//! Full-width ASCII forms (`(`, `,`, `:`, `1`), the ideographic space and carriage
//! returns are replaced one character for one character, so the parser and the rules
//! see a single form of each mark. Because the replacement never changes the number of
//! characters, a line and column (in characters) are the same in both texts; only byte
//! offsets differ, and [`Source::original_offset`] maps them back for rendering. A text
//! written in traditional characters is read as simplified (see
//! [`super::traditional`]), each character replaced by one of the same length.

use super::Format;
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
    /// The format the text came from.
    pub format: Format,
    /// The publication date the file's metadata gives (an HTML page's PubDate).
    pub published_meta: Option<String>,
    /// The title the file's metadata gives.
    pub title_meta: Option<String>,
    /// For text read from a structured file: where each block of lines came from,
    /// ordered by line.
    pub locations: Option<Vec<Location>>,
    /// Notes attached to lines (a Word file's review comments), for suppression.
    pub notes: Vec<Note>,
    /// A Word file's formatting, one paragraph per location (see [`super::typeset`]).
    pub typeset: Option<Box<super::typeset::Typeset>>,
    /// The tables, in the order of their first lines: a structured file's as its
    /// reader found them, a text's as [`super::table::text_tables`] finds them (see
    /// [`Source::set_tables`]).
    pub tables: Vec<super::table::Table>,
    /// The lines the tables take, as ranges that neither overlap nor touch, in order (a
    /// table inside another's cell is inside its lines).
    table_lines: Vec<Range<usize>>,
    /// The text as the user wrote it, when normalisation (or reading traditional
    /// characters as simplified) changed anything.
    original: Option<String>,
    line_starts: Vec<usize>,
    /// Built when first needed: most reports have short lines, whose columns are
    /// counted directly.
    chars: std::sync::OnceLock<CharIndex>,
    /// The way back to the original's byte offsets: for each replaced character whose
    /// length in bytes changed, (offset just after it in the normalised text, offset
    /// just after it in the original), in order. Between two entries both texts advance
    /// together, so one binary search maps an offset either way.
    shifts: Vec<(usize, usize)>,
}

/// A note attached to lines: a Word review comment, with the lines (0-based, first to
/// last) of the paragraphs it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub lines: std::ops::RangeInclusive<usize>,
    pub text: String,
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
    /// What the file's formatting says of the block as a heading.
    pub emphasis: Emphasis,
    /// The number in front of the block's text is Word's automatic numbering, not typed.
    pub auto_number: bool,
}

/// What a structured file's formatting says of a block as a heading.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Emphasis {
    /// Nothing.
    #[default]
    Plain,
    /// Bold throughout (Word).
    Bold,
    /// In a heading style of this level, 1 to 9 (Word's Heading N or 标题 N, or a
    /// style with an outline level).
    Heading(u8),
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
        let mut marks = Vec::with_capacity(text.len() / Self::STEP + 1);
        marks.push((0, 0));
        let (mut at, mut count) = (0usize, 0usize);
        while at + Self::STEP < text.len() {
            let next = crate::text::chars::ceil_boundary(text, at + Self::STEP);
            count += text[at..next].chars().count();
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
            .map_or(text.len(), |(i, _)| mb + i)
    }
}

/// Maps one character to its normalised form.
pub fn normalise_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => super::chars::half_width(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        _ => c,
    }
}

/// Where lines start: after each LF, and after each CR that no LF follows (the same
/// breaks the normalised text has, so both texts have the same lines). Text without CR
/// is searched for LF alone (a loop over every byte costs about 14% more instructions on
/// the benchmark corpus).
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

/// The normalised form of the text: each character normalisation replaces, with its
/// replacement, and the shifts between the two texts' byte offsets. None when nothing
/// changes. (A loop over every character, the test's reference, costs about a third more
/// instructions on the benchmark corpus.)
fn normalise(text: &str) -> Option<(String, Vec<(usize, usize)>)> {
    let bytes = text.as_bytes();
    // Every replaced character starts with one of these bytes: CR, the lead byte of
    // U+00A0 and of U+FF01–FF5E; or is U+3000, looked for whole (its lead byte starts
    // 、 and 。 too, which are everywhere in a report).
    let mut ideographic = memchr::memmem::find_iter(bytes, "\u{3000}".as_bytes()).peekable();
    let mut leads = memchr::memchr3_iter(b'\r', 0xC2, 0xEF, bytes).peekable();
    let mut out: Option<String> = None;
    let mut shifts = Vec::new();
    let mut copied = 0;
    loop {
        let i = match (leads.peek(), ideographic.peek()) {
            (Some(&a), Some(&b)) if b < a => ideographic.next(),
            (Some(_), _) => leads.next(),
            (None, _) => ideographic.next(),
        };
        let Some(i) = i else { break };
        let (len, with) = match bytes[i] {
            // CRLF keeps one line break; a lone CR is a line break of its own.
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => (1, ' '),
            b'\r' => (1, '\n'),
            // U+FF01–FF3F and U+FF40–FF5E, told by their bytes (most replaced marks).
            0xEF => match (bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(0xBC), Some(&b @ 0x81..=0xBF)) => (3, char::from(b - 0x60)),
                (Some(0xBD), Some(&b @ 0x80..=0x9E)) => (3, char::from(b - 0x20)),
                _ => continue,
            },
            _ => {
                let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
                    continue;
                };
                let n = normalise_char(c);
                if n == c {
                    continue;
                }
                (c.len_utf8(), n)
            }
        };
        let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
        o.push_str(&text[copied..i]);
        o.push(with);
        copied = i + len;
        if with.len_utf8() != len {
            shifts.push((o.len(), copied));
        }
    }
    let mut o = out?;
    o.push_str(&text[copied..]);
    Some((o, shifts))
}

impl Source {
    pub fn new(name: impl Into<String>, text: &str) -> Source {
        Self::from_string(name, text.to_string())
    }

    /// As [`Source::new`], taking the text (no copy when normalisation changes nothing).
    pub fn from_string(name: impl Into<String>, mut text: String) -> Source {
        if text.starts_with('\u{FEFF}') {
            text.drain(..'\u{FEFF}'.len_utf8());
        }
        let (mut text, mut original, shifts) = match normalise(&text) {
            Some((out, shifts)) => (out, Some(text), shifts),
            None => (text, None, Vec::new()),
        };
        // A text in traditional characters is read as simplified; the replacements keep
        // every byte offset, so no shift is added.
        if super::traditional::is_traditional(&text)
            && let Some(simple) = super::traditional::simplify(&text)
        {
            let was = std::mem::replace(&mut text, simple);
            original.get_or_insert(was);
        }
        let mut src = Source {
            name: name.into(),
            line_starts: line_starts(&text),
            tables: Vec::new(),
            table_lines: Vec::new(),
            chars: std::sync::OnceLock::new(),
            text,
            original,
            shifts,
            encoding: "UTF-8",
            format: Format::Text,
            published_meta: None,
            title_meta: None,
            locations: None,
            notes: Vec::new(),
            typeset: None,
        };
        let tables = super::table::text_tables(&src.text);
        src.set_tables(tables);
        src
    }

    /// Sets the tables (in any order), and the lines they take.
    pub fn set_tables(&mut self, mut tables: Vec<super::table::Table>) {
        tables.sort_by_key(|t| (t.lines.start, std::cmp::Reverse(t.lines.end)));
        let mut lines: Vec<Range<usize>> = Vec::new();
        for t in &tables {
            match lines.last_mut() {
                Some(last) if t.lines.start <= last.end => last.end = last.end.max(t.lines.end),
                _ => lines.push(t.lines.clone()),
            }
        }
        self.tables = tables;
        self.table_lines = lines;
    }

    /// Whether the line (0-based) is one of a table's: a row of a table is never a
    /// heading of the report.
    pub fn in_table(&self, line: usize) -> bool {
        let i = self.table_lines.partition_point(|l| l.end <= line);
        self.table_lines.get(i).is_some_and(|l| l.contains(&line))
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
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    /// 0-based line index of a byte offset in the original text.
    pub fn line_index_original(&self, offset: usize) -> usize {
        self.line_index(self.normalised_offset(offset))
    }

    /// Byte range of a line (without its line break) in the normalised text.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let starts = &self.line_starts;
        let start = starts.get(line).copied().unwrap_or(self.text.len());
        let end = starts.get(line + 1).map_or(self.text.len(), |e| e - 1);
        start..end.max(start)
    }

    /// Byte range of a line (without its line break) in the original text.
    pub fn original_line_range(&self, line: usize) -> Range<usize> {
        // Both texts have the same line breaks, one character for one.
        self.original_range(&self.line_range(line))
    }

    /// 1-based line and 1-based column in characters of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.clamp(offset);
        let line = self.line_index(offset);
        let col = self.chars_between(self.line_starts[line], offset);
        (line + 1, col + 1)
    }

    /// For text from a structured file, the paragraph and the 1-based character in it
    /// of a byte offset in the normalised text.
    pub fn place(&self, offset: usize) -> Option<Place<'_>> {
        let offset = self.clamp(offset);
        let loc = self.block_of(self.line_index(offset))?;
        let column = self.chars_between(self.line_starts[loc.first_line], offset) + 1;
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
            Some(p) if self.format == Format::Docx => (p.paragraph, p.column),
            _ => self.line_col(offset),
        }
    }

    /// [`Source::position`] of a span's start and of its end.
    pub fn span_position(&self, span: &Range<usize>) -> ((usize, usize), (usize, usize)) {
        (self.position(span.start), self.position(span.end))
    }

    /// The line a position's column counts from, as a byte range of the normalised text:
    /// for a Word file the paragraph (from its first line to the line holding
    /// `offset`), else the line holding `offset`.
    pub fn position_line_range(&self, offset: usize) -> Range<usize> {
        let offset = self.clamp(offset);
        let line = self.line_index(offset);
        let end = self.line_range(line).end;
        let first = match self.format {
            Format::Docx => self.block_of(line).map_or(line, |l| l.first_line),
            _ => line,
        };
        self.line_starts[first]..end
    }

    /// The block (of a structured file) a 0-based line belongs to.
    pub fn block_of(&self, line: usize) -> Option<&Location> {
        let locations = self.locations.as_deref()?;
        locations[..locations.partition_point(|l| l.first_line <= line)].last()
    }

    /// The number shown for a 0-based line: its paragraph in a Word file, else the line's
    /// own 1-based number.
    pub fn line_label(&self, line: usize) -> usize {
        match (self.format, &self.locations) {
            (Format::Docx, Some(_)) => self.position(self.line_range(line).start).0,
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
        self.chars_between(first, at)
    }

    /// What a line number counts here: paragraphs (段) for a Word file, else lines (行).
    pub fn line_unit(&self) -> &'static str {
        if self.format == Format::Docx && self.locations.is_some() {
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

    fn char_index(&self) -> &CharIndex {
        self.chars.get_or_init(|| CharIndex::new(&self.text))
    }

    /// Characters between two byte offsets (char boundaries, `a <= b`) of the normalised
    /// text: counted directly over a short stretch, through the index over a long one.
    fn chars_between(&self, a: usize, b: usize) -> usize {
        if b - a <= 2 * CharIndex::STEP {
            self.text[a..b].chars().count()
        } else {
            let chars = self.char_index();
            chars.chars_before(&self.text, b) - chars.chars_before(&self.text, a)
        }
    }

    /// The characters normalisation shortened (a full-width form, U+3000, U+00A0): for
    /// each, in order, the offset just after it in the normalised text and in the
    /// original. A character of the normalised text not listed here is as written, or a
    /// carriage return made a space or a line break.
    pub fn shortened(&self) -> &[(usize, usize)] {
        &self.shifts
    }

    /// A span of the normalised text as a range of the original.
    pub fn original_range(&self, span: &Range<usize>) -> Range<usize> {
        self.original_offset(span.start)..self.original_offset(span.end)
    }

    /// The text of a span as the user wrote it.
    pub fn original_slice(&self, span: &Range<usize>) -> &str {
        self.original().get(self.original_range(span)).unwrap_or("")
    }

    /// The byte offset in the original text of a byte offset in the normalised text.
    pub fn original_offset(&self, offset: usize) -> usize {
        let offset = self.clamp(offset);
        let k = self.shifts.partition_point(|s| s.0 <= offset);
        let (n, o) = self.shifts[..k].last().copied().unwrap_or_default();
        o + (offset - n)
    }

    /// The byte offset in the normalised text of a byte offset (a character boundary) in
    /// the original.
    fn normalised_offset(&self, offset: usize) -> usize {
        let k = self.shifts.partition_point(|s| s.1 <= offset);
        let (n, o) = self.shifts[..k].last().copied().unwrap_or_default();
        self.clamp(n + (offset - o))
    }

    /// Characters before a byte offset of the original text.
    pub fn original_chars_before(&self, offset: usize) -> usize {
        self.char_index()
            .chars_before(&self.text, self.normalised_offset(offset))
    }

    /// Byte offset in the original text of the character numbered `c`.
    pub fn original_byte_of_char(&self, c: usize) -> usize {
        self.original_offset(self.char_index().byte_of_char(&self.text, c))
    }

    /// An offset moved down to the nearest character boundary inside the text.
    pub fn clamp(&self, offset: usize) -> usize {
        crate::text::chars::floor_boundary(&self.text, offset)
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
        // Three Word paragraphs: 1, then 3 (a soft break inside it), then an empty 4.
        let mut s = Source::new("a.docx", "(一)标题\n甲乙\n丙丁\n");
        s.format = Format::Docx;
        let block = |first_line, paragraph| Location {
            first_line,
            paragraph,
            element: "w:p".into(),
            emphasis: Emphasis::Plain,
            auto_number: false,
        };
        s.locations = Some(vec![block(0, 1), block(1, 3), block(3, 4)]);
        let at = |c: char| s.place(s.text.find(c).unwrap()).unwrap();
        assert_eq!(at('标').describe(), "第1段第4字");
        assert_eq!(at('乙').describe(), "第3段第2字");
        // After a soft break the count goes on through the paragraph.
        assert_eq!(at('丁').describe(), "第3段第5字");
        assert_eq!(s.place(s.text.len()).unwrap().paragraph, 4);
        assert!(Source::new("a", "甲").place(0).is_none());
    }

    #[test]
    fn every_offset_maps_back_to_the_same_character() {
        let text = "\u{FEFF}(一)甲\u{3000}乙,丙\u{00A0}１２\r\n第二行:ａ\r丁\n戊";
        for s in [
            Source::new("a", text),
            Source::from_string("a", text.to_string()),
        ] {
            let o = s.original();
            assert_eq!(o, text.strip_prefix('\u{FEFF}').unwrap());
            let mut boundaries: Vec<usize> = s.text.char_indices().map(|(i, _)| i).collect();
            boundaries.push(s.text.len());
            for &b in &boundaries {
                let ob = s.original_offset(b);
                assert!(o.is_char_boundary(ob), "{b} → {ob}");
                let (n, c) = (s.text[b..].chars().next(), o[ob..].chars().next());
                match (n, c) {
                    (Some(n), Some(c)) => {
                        assert!(normalise_char(c) == n || c == '\r', "{b}: {n:?} from {c:?}")
                    }
                    (n, c) => assert_eq!(n.is_none(), c.is_none()),
                }
                assert_eq!(s.line_index_original(ob), s.line_index(b));
                assert_eq!(s.original_chars_before(ob), s.text[..b].chars().count());
                assert_eq!(s.original_byte_of_char(s.text[..b].chars().count()), ob);
            }
            for line in 0..s.line_count() {
                let r = s.original_line_range(line);
                assert!(!o[r].contains(['\n']));
            }
            assert_eq!(&o[s.original_line_range(1)], "第二行:ａ");
        }
    }

    #[test]
    fn normalisation_is_the_character_by_character_mapping() {
        let alphabet = [
            '\r', '\n', '\u{3000}', '\u{00A0}', ',', 'Ａ', '、', '。', 'a', '中', '\u{FF5F}',
            '\u{FF5E}', '\u{FF01}', '¢', 'ï', '\u{3001}', '\u{2FFF}', '\u{FF00}', '\u{FF3F}',
            '\u{FF40}', '\u{FFFD}', '\u{EFBF}',
        ];
        let mut changed = 0;
        for t in crate::testing::random_texts(&alphabet, 7, 2000, 24) {
            let chars: Vec<char> = t.chars().collect();
            let expected: String = chars
                .iter()
                .enumerate()
                .map(|(i, &c)| match c {
                    '\r' if chars.get(i + 1) == Some(&'\n') => ' ',
                    '\r' => '\n',
                    c => normalise_char(c),
                })
                .collect();
            let got = normalise(&t).map(|n| n.0).unwrap_or_else(|| t.clone());
            assert_eq!(got, expected, "{t:?}");
            changed += usize::from(got != t);
            let s = Source::new("a", &t);
            for (i, _) in s.text.char_indices() {
                let o = s.original_offset(i);
                assert!(t.is_char_boundary(o), "{t:?} {i}");
            }
        }
        assert!(changed > 1000, "{changed}");
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
