//! The only place that touches pest: it answers what a bounded slice starts with.

use super::tree::{DateForm, DateRef, MarkerForm};
use crate::text::numerals;
use pest::Parser;
use pest::iterators::Pair;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/report.pest"]
struct BlockGrammar;

/// pest is handed at most this many bytes when only a prefix matters.
const PROBE_BYTES: usize = 48;
/// Slices longer than this cannot be a closing, a salutation or a date line.
const SHORT_BYTES: usize = 160;

/// At most `max` bytes of `text`, cut at a character boundary.
fn prefix(text: &str, max: usize) -> &str {
    &text[..crate::text::chars::floor_boundary(text, max)]
}

/// A heading marker found at the start of a slice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkerParse {
    pub level: u8,
    pub number: u32,
    pub form: MarkerForm,
    /// Bytes of the marker itself.
    pub marker_len: usize,
    /// Bytes of blank space after it.
    pub space_len: usize,
}

impl MarkerParse {
    /// The marker of a heading without a number (a Markdown `#` heading, a short line
    /// that heads a part): number 0, no marker text.
    pub fn bare(level: u8) -> MarkerParse {
        MarkerParse {
            level,
            number: 0,
            form: MarkerForm::Hash,
            marker_len: 0,
            space_len: 0,
        }
    }
}

/// What every heading marker looks like, checked in Rust before the grammar is asked
/// (most lines fail here, and asking pest costs more): an optional `(`, one to three
/// digits or Chinese numerals, then `)` after a `(`, else `、` or `.`. Gives the length
/// in bytes through that closing mark. A level-2 marker that lost a bracket has
/// Chinese numerals only: 一) (through the bracket), or (一 (through the numerals).
fn marker_shape(text: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    let mut c = chars.next();
    let paren = c.is_some_and(|(_, c)| c == '(');
    if paren {
        c = chars.next();
    }
    let mut digits = 0;
    let mut chinese = true;
    while let Some((_, d)) = c.filter(|&(_, d)| d.is_ascii_digit() || numerals::is_numeral(d)) {
        digits += 1;
        chinese &= !d.is_ascii();
        if digits > 3 {
            return None;
        }
        c = chars.next();
    }
    let (at, close) = c?;
    let fits = match close {
        ')' => paren || chinese,
        '、' | '.' => !paren,
        _ if paren && chinese && digits > 0 => return Some(at),
        _ => false,
    };
    (digits > 0 && fits).then_some(at + close.len_utf8())
}

/// The grammar's answers for short keys (a marker and the character after it), kept per
/// thread: a report has a few dozen distinct markers, asked again and again across files.
/// (Asking the grammar every time costs about a fifth more instructions on the benchmark
/// corpus.)
type Memo<V> = std::cell::RefCell<std::collections::HashMap<Box<str>, V>>;

thread_local! {
    static MARKERS: Memo<Option<MarkerParse>> = Default::default();
    static ENUM_ITEMS: Memo<Option<u32>> = Default::default();
}

/// Entries a memo keeps before it starts afresh (the keys are a few bytes each).
const MEMO_MAX: usize = 4096;

/// The memo's answer for `key`, asked of the grammar the first time.
fn remembered<V: Copy>(
    memo: &'static std::thread::LocalKey<Memo<V>>,
    key: &str,
    ask: impl FnOnce(&str) -> V,
) -> V {
    memo.with_borrow_mut(|map| {
        if let Some(v) = map.get(key) {
            return *v;
        }
        if map.len() >= MEMO_MAX {
            map.clear();
        }
        let v = ask(key);
        map.insert(key.into(), v);
        v
    })
}

pub fn heading_marker(text: &str) -> Option<MarkerParse> {
    let shape = marker_shape(text)?;
    // The grammar reads the marker and, in its lookaheads, one character more: its
    // answer for that key is its answer for the text. Only the spaces after the marker
    // are the text's own, counted as the grammar's `marker_space` counts them.
    let key_len = shape + text[shape..].chars().next().map_or(0, char::len_utf8);
    remembered(&MARKERS, &text[..key_len], ask_marker).map(|mut m| {
        m.space_len = prefix(text, PROBE_BYTES)
            .get(m.marker_len..)
            .unwrap_or("")
            .bytes()
            .take_while(|&b| b == b' ' || b == b'\t')
            .count();
        m
    })
}

/// The grammar's reading of a heading marker.
fn ask_marker(probe: &str) -> Option<MarkerParse> {
    let pair = BlockGrammar::parse(Rule::heading, probe).ok()?.next()?;
    // Level 0 and number 0 until the marker's pairs fill them in; a parse that leaves
    // either unset is no heading marker.
    let mut out = MarkerParse::bare(0);
    for p in pair.into_inner() {
        (out.level, out.form) = match p.as_rule() {
            Rule::l1_marker => (1, MarkerForm::CnComma),
            Rule::l2_marker => (2, MarkerForm::CnParen),
            Rule::l2_broken => (2, MarkerForm::CnParenBroken),
            Rule::l3_marker if p.as_str().contains('、') => (3, MarkerForm::ArComma),
            Rule::l3_marker => (3, MarkerForm::ArDot),
            Rule::l4_marker => (4, MarkerForm::ArParen),
            Rule::marker_space => {
                out.space_len = p.as_str().len();
                continue;
            }
            _ => continue,
        };
        out.marker_len = p.as_str().len();
        for n in p.into_inner() {
            match n.as_rule() {
                Rule::cn_num => out.number = numerals::number(n.as_str())?,
                Rule::ar_num => out.number = n.as_str().parse().ok()?,
                _ => {}
            }
        }
    }
    (out.level > 0 && out.number > 0).then_some(out)
}

/// 一是 / 二是 at the start of a slice: the item's number.
pub fn enum_item(text: &str) -> Option<u32> {
    // The grammar reads no further than the first 是 (which must come within four
    // characters): its answer for that key is its answer for the text.
    let (at, _) = text.char_indices().take(4).find(|&(_, c)| c == '是')?;
    let key = &text[..at + '是'.len_utf8()];
    remembered(&ENUM_ITEMS, key, ask_enum_item)
}

fn ask_enum_item(key: &str) -> Option<u32> {
    let pair = BlockGrammar::parse(Rule::enum_item, key).ok()?.next()?;
    pair.into_inner()
        .find(|p| p.as_rule() == Rule::cn_num)
        .and_then(|p| numerals::number(p.as_str()))
}

fn whole(rule: Rule, text: &str) -> bool {
    text.len() <= SHORT_BYTES && BlockGrammar::parse(rule, text).is_ok()
}

pub fn is_closing(text: &str) -> bool {
    text.contains("此报告") && whole(Rule::closing, text)
}

pub fn is_salutation(text: &str) -> bool {
    text.trim_end().ends_with(':') && whole(Rule::salutation, text)
}

/// A date at the start of `text` (its span counted from there).
pub fn date_prefix(text: &str) -> Option<DateRef> {
    let probe = prefix(text, PROBE_BYTES);
    let pair = BlockGrammar::parse(Rule::date, probe).ok()?.next()?;
    date_of(pair)
}

/// A line that holds nothing but a date: the date (its span counted from the line's
/// start).
pub fn date_line(text: &str) -> Option<DateRef> {
    if text.len() > SHORT_BYTES {
        return None;
    }
    let pair = BlockGrammar::parse(Rule::date_line, text).ok()?.next()?;
    date_of(pair.into_inner().find(|p| p.as_rule() == Rule::date)?)
}

fn date_of(date: Pair<'_, Rule>) -> Option<DateRef> {
    let span = date.as_span().start()..date.as_span().end();
    let inner = date.into_inner().next()?;
    let rule = inner.as_rule();
    let (mut year, mut month, mut day) = (0, 0, 0);
    let mut padded = false;
    for p in inner.into_inner() {
        let s = p.as_str();
        padded |=
            matches!(p.as_rule(), Rule::month | Rule::day) && s.len() == 2 && s.starts_with('0');
        match p.as_rule() {
            Rule::year => year = s.parse().ok()?,
            Rule::cn_year => year = numerals::year(s)?,
            Rule::month => month = s.parse().ok()?,
            Rule::day => day = s.parse().ok()?,
            Rule::cn_num if month == 0 => month = numerals::number(s)?,
            Rule::cn_num => day = numerals::number(s)?,
            _ => {}
        }
    }
    let form = match rule {
        Rule::date_cn_arabic => DateForm::CnArabic { padded },
        Rule::date_sep => DateForm::Separated,
        _ => DateForm::CnNumerals,
    };
    Some(DateRef {
        span,
        year,
        month,
        day,
        form,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        let m = heading_marker("一、基本情况").unwrap();
        assert_eq!((m.level, m.number, m.marker_len), (1, 1, "一、".len()));
        let m = heading_marker("(十二)规范执法").unwrap();
        assert_eq!((m.level, m.number), (2, 12));
        let m = heading_marker("1. 紧跟源头").unwrap();
        assert_eq!((m.level, m.number, m.space_len), (3, 1, 1));
        assert_eq!(heading_marker("2、加强").unwrap().form, MarkerForm::ArComma);
        assert_eq!(heading_marker("(3)完善").unwrap().level, 4);
        // A level-2 marker that lost one bracket.
        for (t, marker) in [
            ("二)完善", "二)"),
            ("(二完善", "(二"),
            ("(十二 完善", "(十二"),
        ] {
            let m = heading_marker(t).unwrap();
            assert_eq!(
                (m.level, m.number, m.form),
                (2, number(marker), MarkerForm::CnParenBroken),
                "{t}"
            );
            assert_eq!(m.marker_len, marker.len(), "{t}");
        }
        for t in ["二)项", "(二)项", "2)完善", "(2完善", "(二", "二是"] {
            assert_eq!(heading_marker(t).filter(|m| m.level == 2), None, "{t}");
        }
    }

    fn number(marker: &str) -> u32 {
        numerals::number(marker.trim_matches(['(', ')'])).unwrap()
    }

    #[test]
    fn the_shape_check_lets_every_marker_through() {
        // Every string of up to five of these characters: whatever the grammar reads as
        // a heading marker, the shape check must not have turned away.
        let alphabet = [
            '(', ')', '一', '十', '1', '0', '、', '.', ' ', '年', '项', '%',
        ];
        let mut markers = 0;
        for s in crate::testing::all_strings(&alphabet, 5) {
            if BlockGrammar::parse(Rule::heading, &s).is_ok() {
                markers += 1;
                assert!(marker_shape(&s).is_some(), "{s}");
            }
        }
        assert!(markers > 1000, "{markers}");
        assert_eq!(marker_shape("2024年"), None);
        assert_eq!(marker_shape("(1、"), None);
        assert_eq!(marker_shape("(十二)规范"), Some("(十二)".len()));
    }

    #[test]
    fn remembered_answers_are_the_grammars_answers() {
        // Every text of up to five of these characters, asked through the memo and of the
        // grammar directly over the whole text, twice (the second time from the memo).
        let alphabet = [
            '(', ')', '一', '十', '1', '、', '.', ' ', '\t', '项', '2', '是',
        ];
        for t in &crate::testing::all_strings(&alphabet, 5) {
            for _ in 0..2 {
                let direct = marker_shape(t).and_then(|_| ask_marker(prefix(t, PROBE_BYTES)));
                assert_eq!(heading_marker(t), direct, "{t:?}");
                let direct = t
                    .chars()
                    .take(4)
                    .any(|c| c == '是')
                    .then(|| ask_enum_item(prefix(t, PROBE_BYTES)))
                    .flatten();
                assert_eq!(enum_item(t), direct, "{t:?}");
            }
        }
    }

    #[test]
    fn running_text_is_not_a_marker() {
        for t in [
            "一、二季度",
            "(一)项规定",
            "5.0版本",
            "11.77%",
            "1、2月",
            "2024年",
        ] {
            assert_eq!(heading_marker(t), None, "{t}");
        }
    }

    #[test]
    fn dates() {
        let ymd = |s| date_prefix(s).map(|d| (d.year, d.month, d.day));
        assert_eq!(ymd("2024年2月27日"), Some((2024, 2, 27)));
        assert_eq!(ymd("2025-01-13 16:09"), Some((2025, 1, 13)));
        assert_eq!(
            date_prefix("2025年01月13日").unwrap().form,
            DateForm::CnArabic { padded: true }
        );
        assert_eq!(ymd("二〇二四年二月二十七日"), Some((2024, 2, 27)));
        assert!(date_line("  2024年2月27日 ").is_some());
        assert!(date_line("\t2024/2/27\t").is_some());
        assert!(date_line("二O二四年二月二十七日  ").is_some());
        for not_a_date_line in [
            "2024年2月27日召开会议",
            "2024年2月27日。",
            "2024年2月",
            "(2024年2月27日)",
            "全年办结案件12件",
            "",
        ] {
            assert!(date_line(not_a_date_line).is_none(), "{not_a_date_line}");
        }
    }

    #[test]
    fn closing_and_salutation() {
        assert!(is_closing("特此报告。"));
        assert!(!is_closing("特此报告如下"));
        assert!(is_salutation("市委、市政府:"));
        assert!(!is_salutation("针对以上问题的存在,特建议:"));
        assert!(!is_salutation("现将有关情况报告如下:"));
    }
}
