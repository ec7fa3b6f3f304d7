//! Facts about characters and short runs of text that several stages share: what is
//! blank, what ends a sentence, what is Han, the full-width forms, a year.
//!
//! The text these read is normalised ([`super::source`]): full-width ASCII forms are
//! half-width there, so `!?;:` stand for `！？；：` too.

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A year: 1900–2099 followed by 年.
pub static YEAR_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)[0-9]{2})\s*年").expect("valid"));

/// The character boundary at or before `i` (the text's end for an `i` past it).
/// Rust 1.91 has this as `str::floor_char_boundary`; fzlint builds with 1.89
/// (`rust-version` in Cargo.toml, which clippy holds the code to).
pub fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The character boundary at or after `i` (the text's end for an `i` past it).
pub fn ceil_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// A character that shows nothing: any Unicode space (U+3000 and U+00A0 among them) or a
/// zero-width one (space, non-joiner, joiner, the byte order mark).
#[inline]
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}')
}

/// The marks that end a sentence: 。!?;.
pub const SENTENCE_STOPS: [char; 4] = ['。', '!', '?', ';'];

/// The marks that end a sentence and not only a clause of it (no ;): where a heading's
/// title ends.
pub const FULL_STOPS: [char; 3] = ['。', '!', '?'];

/// Where the sentence stops of a text are, found in one pass, so that the sentence
/// around each of many matches on one long line costs a search, not a scan of the line.
pub struct SentenceStops(Vec<usize>);

impl SentenceStops {
    pub fn of(s: &str) -> SentenceStops {
        SentenceStops(s.match_indices(SENTENCE_STOPS).map(|(i, _)| i).collect())
    }

    /// The sentence of `s` (the text the stops are of) around `s[a..e]`: from after
    /// the last stop before `a` to the first stop at or after `e`.
    pub fn sentence_around<'s>(&self, s: &'s str, a: usize, e: usize) -> &'s str {
        let before = &self.0[..self.0.partition_point(|&i| i < a)];
        let start = before
            .last()
            .map_or(0, |&i| i + s[i..].chars().next().map_or(1, char::len_utf8));
        let after = self.0.partition_point(|&i| i < e);
        let end = self.0.get(after).copied().unwrap_or(s.len());
        &s[start..end]
    }
}

/// Whether `c` ends a sentence ([`SENTENCE_STOPS`]).
#[inline]
pub fn is_sentence_stop(c: char) -> bool {
    SENTENCE_STOPS.contains(&c)
}

/// Splits a text into sentences at [`SENTENCE_STOPS`] (each stop kept with its
/// sentence), as byte ranges of `s`; the text after the last stop is a sentence too.
///
/// The stops are looked for, not every character decoded: 。 with one search, !?; with
/// another, each search's next place kept until the split passes it. (A loop over every
/// character, the test's reference, costs about 4% more instructions on the benchmark
/// corpus.)
pub fn sentences(s: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    static STOP: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("。"));
    let s = s.as_bytes();
    let mut start = 0;
    // The next 。 and the next of !?; at or after `start`, once looked for (Some(None):
    // there is none).
    let (mut stop, mut mark): (Option<Option<usize>>, Option<Option<usize>>) = (None, None);
    std::iter::from_fn(move || {
        if start >= s.len() {
            return None;
        }
        let rest = &s[start..];
        let stop = match stop {
            Some(Some(p)) if p >= start => Some(p),
            Some(None) => None,
            _ => *stop.insert(STOP.find(rest).map(|i| start + i)),
        };
        let mark = match mark {
            Some(Some(p)) if p >= start => Some(p),
            Some(None) => None,
            _ => *mark.insert(memchr::memchr3(b'!', b'?', b';', rest).map(|i| start + i)),
        };
        let end = match (stop, mark) {
            (Some(a), Some(b)) if b < a => b + 1,
            (Some(a), _) => a + "。".len(),
            (None, Some(b)) => b + 1,
            (None, None) => s.len(),
        };
        let sentence = start..end;
        start = end;
        Some(sentence)
    })
}

/// The Han characters (the script, as the regex crate's `\p{Han}` has it), as ranges
/// in order.
static HAN: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
    use regex_syntax::hir::{Class, HirKind};
    match regex_syntax::parse(r"\p{Han}").map(regex_syntax::hir::Hir::into_kind) {
        Ok(HirKind::Class(Class::Unicode(c))) => {
            c.ranges().iter().map(|r| (r.start(), r.end())).collect()
        }
        _ => Vec::new(),
    }
});

/// Whether `c` is a Han character: of the Han script, as `\p{Han}` has it (every
/// [common](is_common_han) one is).
pub fn is_han(c: char) -> bool {
    if is_common_han(c) {
        return true;
    }
    let han = &*HAN;
    let k = han.partition_point(|r| r.1 < c);
    han.get(k).is_some_and(|r| r.0 <= c)
}

/// Whether `c` is in the block of the common Han characters, U+4E00–9FFF (nearly all of
/// a Chinese report; a cheap test before [`is_han`]).
#[inline]
pub fn is_common_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// The first of the full-width forms of ASCII (！ for !, Ａ for A, ０ for 0 …).
const FULL_WIDTH_START: u32 = 0xFF01;
/// How far a full-width form lies from its ASCII character.
const FULL_WIDTH_OFFSET: u32 = FULL_WIDTH_START - '!' as u32;

/// Whether `c` is a full-width digit (０ to ９).
#[inline]
pub fn is_full_width_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

/// The ASCII character a full-width form (U+FF01–FF5E) stands for; any other
/// character as it is.
pub fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - FULL_WIDTH_OFFSET).unwrap_or(c),
        _ => c,
    }
}

/// The full-width form of a printable ASCII character (`!` to `~`, space not among
/// them); any other character as it is.
pub fn full_width(c: char) -> char {
    match c {
        '!'..='~' => char::from_u32(c as u32 + FULL_WIDTH_OFFSET).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_move_to_a_whole_character_and_stop_at_the_ends() {
        let s = "a你b"; // 你 is bytes 1..4
        let floors: Vec<usize> = (0..8).map(|i| floor_boundary(s, i)).collect();
        assert_eq!(floors, [0, 1, 1, 1, 4, 5, 5, 5]);
        let ceils: Vec<usize> = (0..8).map(|i| ceil_boundary(s, i)).collect();
        assert_eq!(ceils, [0, 1, 4, 4, 4, 5, 5, 5]);
        assert_eq!((floor_boundary("", 3), ceil_boundary("", 3)), (0, 0));
    }

    /// The split as first written: every character decoded.
    fn every_character(s: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, c) in s.char_indices() {
            if is_sentence_stop(c) {
                out.push(start..i + c.len_utf8());
                start = i + c.len_utf8();
            }
        }
        if start < s.len() {
            out.push(start..s.len());
        }
        out
    }

    #[test]
    fn sentences_are_split_where_a_scan_of_every_character_splits_them() {
        let all = crate::testing::texts_and(&[
            "。",
            "。。",
            "a。b!c?d;e",
            "!?;",
            "、。《》「」。",
            "末尾无标点",
            "一。二\n三;",
            "甲;乙。丙!丁。戊?己;;。。庚",
        ]);
        for t in all {
            let mut starts: Vec<usize> = t.char_indices().map(|(i, _)| i).step_by(97).collect();
            starts.truncate(40);
            for i in starts {
                let s = &t[i..];
                let got: Vec<Range<usize>> = sentences(s).collect();
                assert_eq!(got, every_character(s), "{s:.200}");
            }
            assert_eq!(sentences("").count(), 0);
        }
    }

    #[test]
    fn han_is_the_han_script() {
        // Every character to U+30000 (the Han of the basic and the supplementary planes)
        // and a sample of the rest, against the regex crate's own table.
        let han = Regex::new(r"^\p{Han}$").unwrap();
        let chars = (0..0x3_0000u32)
            .chain((0x3_0000..0x11_0000).step_by(97))
            .filter_map(char::from_u32);
        let mut n = 0;
        for c in chars {
            let want = han.is_match(c.encode_utf8(&mut [0; 4]));
            assert_eq!(is_han(c), want, "{c:?}");
            n += usize::from(want);
        }
        assert!(n > 80_000, "{n}");
        assert!(is_common_han('法') && !is_common_han('〇'));
    }

    #[test]
    fn full_and_half_width_forms() {
        assert_eq!(half_width('０'), '0');
        assert_eq!(half_width('！'), '!');
        assert_eq!(half_width('～'), '~');
        assert_eq!(half_width('\u{3000}'), '\u{3000}');
        assert_eq!(half_width('法'), '法');
        for c in '!'..='~' {
            assert_eq!(half_width(full_width(c)), c);
        }
        assert_eq!(full_width('7'), '７');
        assert_eq!(full_width(' '), ' ');
        assert_eq!(full_width('法'), '法');
    }

    #[test]
    fn blanks_show_nothing() {
        for c in [
            ' ', '\t', '\u{3000}', '\u{00A0}', '\u{200B}', '\u{200D}', '\u{FEFF}',
        ] {
            assert!(is_blank(c), "{c:?}");
        }
        assert!(!is_blank('一') && !is_blank('_'));
    }
}
