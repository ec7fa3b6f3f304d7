//! `width-mix`: the document mixes the half- and full-width forms of a mark; the
//! minority form is reported once per mark.

use super::{Ctx, Finding, pair_table, plain};
use crate::parse::tree::BlockKind;
use crate::text::chars::full_width;
use crate::text::scan::ByteSet;

pub fn width_mix(ctx: &Ctx, forms: &[String], skip_between_digits: bool) -> Vec<Finding> {
    let table = pair_table(forms);
    let seen = match ascii_forms(&table) {
        Some(form_of) => seen_normalised(ctx, &table, &form_of, skip_between_digits),
        None => seen_as_written(ctx, &table, skip_between_digits),
    };
    let mut out: Vec<Finding> = table
        .iter()
        .zip(&seen)
        .filter_map(|(&form, [h, f])| minority((h.0, f.0), form, |w| [h, f][w].1, ctx))
        .collect();
    out.sort_by_key(|f| f.span.start);
    out
}

/// How often width-mix saw one width of a form, and where first (an offset of the
/// normalised text).
type Seen = (usize, Option<usize>);

/// For forms that are each an ASCII mark and its full-width form (U+FF01–FF5E), no mark
/// twice and none a letter or a digit (the built-in forms): the form of each ASCII
/// byte. None for other forms.
fn ascii_forms(table: &[(char, char)]) -> Option<[Option<u8>; 128]> {
    let mut form_of = [None; 128];
    for (k, &(half, full)) in table.iter().enumerate() {
        let slot = form_of.get_mut(half as usize)?;
        if !half.is_ascii_punctuation() || full != full_width(half) || slot.is_some() {
            return None;
        }
        *slot = Some(u8::try_from(k).ok()?);
    }
    Some(form_of)
}

/// Asks, of offsets of the normalised text, whether the character ending there was
/// shortened by normalisation: a walk through [`Source::shortened`] that goes on from
/// the last offset asked (offsets asked close together, mostly in order, cost a step or
/// two).
///
/// [`Source::shortened`]: crate::text::source::Source::shortened
struct Shortened<'a> {
    ends: &'a [(usize, usize)],
    /// The first entry ending at or after the offset asked last.
    at: usize,
}

impl Shortened<'_> {
    fn ends_at(&mut self, end: usize) -> bool {
        while self.ends.get(self.at).is_some_and(|s| s.0 < end) {
            self.at += 1;
        }
        while self.at > 0 && self.ends[self.at - 1].0 >= end {
            self.at -= 1;
        }
        self.ends.get(self.at).is_some_and(|s| s.0 == end)
    }
}

/// What width-mix sees of [`ascii_forms`], read from the normalised text: there both
/// widths of a form are its ASCII mark, and the full-width ones are the marks
/// normalisation shortened. No character is decoded: the marks and the bytes beside
/// them tell all.
fn seen_normalised(
    ctx: &Ctx,
    table: &[(char, char)],
    form_of: &[Option<u8>; 128],
    skip_between_digits: bool,
) -> Vec<[Seen; 2]> {
    let lead = ByteSet::leads(table.iter().map(|&(half, _)| half));
    let text = ctx.src.text.as_bytes();
    let mut shortened = Shortened {
        ends: ctx.src.shortened(),
        at: 0,
    };
    let mut seen: Vec<[Seen; 2]> = vec![[(0, None); 2]; table.len()];
    let mut marks = Vec::new();
    for (_, b) in ctx.report.text_blocks() {
        // Heading numbers are judged by numbering-style.
        let marker = match b.kind {
            BlockKind::Heading(h) => ctx.report.headings[h].marker.clone(),
            _ => 0..0,
        };
        let span = &b.span;
        lead.find_all(&text[span.clone()], &mut marks);
        for &i in &marks {
            let p = span.start + i;
            let Some(k) = form_of.get(usize::from(text[p])).copied().flatten() else {
                continue;
            };
            if marker.contains(&p) {
                continue;
            }
            // The mark as written: its full-width form where normalisation shortened it.
            let (half, full) = table[usize::from(k)];
            let written = if shortened.ends_at(p + 1) { full } else { half };
            // The character beside it (at `at`, ending at `end`) within the block, when
            // it is ASCII as written (one byte, not shortened): half_or_full asks only
            // whether it is an ASCII letter, digit or slash.
            let mut beside = |at: usize, end: usize| {
                let c = text[at];
                (c.is_ascii() && !shortened.ends_at(end)).then(|| char::from(c))
            };
            let Some(width) = half_or_full(written, (half, full), skip_between_digits, || {
                (
                    (p > span.start).then(|| beside(p - 1, p)).flatten(),
                    (p + 1 < span.end).then(|| beside(p + 1, p + 2)).flatten(),
                )
            }) else {
                continue;
            };
            let e = &mut seen[usize::from(k)][width];
            e.0 += 1;
            e.1.get_or_insert(p);
        }
    }
    seen
}

/// What width-mix sees of any forms: the report's text as written, character by
/// character, for each form the count and first place of its half-width and of its
/// full-width mark.
fn seen_as_written(ctx: &Ctx, table: &[(char, char)], skip_between_digits: bool) -> Vec<[Seen; 2]> {
    let mut seen: Vec<[Seen; 2]> = vec![[(0, None); 2]; table.len()];
    let original = ctx.src.original();
    // Heading numbers are judged by numbering-style; marks inside English words, web
    // addresses and figures (https://, “Learn, Share”) are not Chinese punctuation.
    for (_, b) in ctx.report.text_blocks() {
        let marker = match b.kind {
            BlockKind::Heading(h) => ctx.report.headings[h].marker.clone(),
            _ => 0..0,
        };
        let norm = ctx.src.slice(&b.span);
        let Some(orig) = original.get(ctx.src.original_range(&b.span)) else {
            continue;
        };
        // Normalisation maps characters one for one.
        let mut prev: Option<char> = None;
        let mut chars = norm.char_indices().zip(orig.chars()).peekable();
        while let Some(((i, _), oc)) = chars.next() {
            let at = b.span.start + i;
            if !plain(oc) && !marker.contains(&at) {
                let next = chars.peek().map(|(_, c)| *c);
                for (k, (half, full)) in table.iter().enumerate() {
                    let Some(width) =
                        half_or_full(oc, (*half, *full), skip_between_digits, || (prev, next))
                    else {
                        continue;
                    };
                    let e = &mut seen[k][width];
                    e.0 += 1;
                    e.1.get_or_insert(at);
                }
            }
            prev = Some(oc);
        }
    }
    seen
}

/// Which width of a form (half, full) the mark `oc` is: 0 half, 1 full; None for
/// another mark, and for a half-width mark that is not Chinese punctuation: between two
/// digits (1,000 and 16:09, when those are skipped) or next to a letter or a slash
/// (https://, “Learn, Share”). `around` gives the characters before and after it, and is
/// asked only for a half-width mark.
fn half_or_full(
    oc: char,
    (half, full): (char, char),
    skip_between_digits: bool,
    around: impl FnOnce() -> (Option<char>, Option<char>),
) -> Option<usize> {
    if oc == full {
        return Some(1);
    }
    if oc != half {
        return None;
    }
    let (prev, next) = around();
    let numeric =
        prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
    let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic() || c == '/');
    (!(skip_between_digits && numeric || ascii(prev) || ascii(next))).then_some(0)
}

/// The width-mix finding for one form (half, full) seen `counts` times in each width,
/// when both are: at the first mark of the rarer width (the half-width one on a tie),
/// whose place in the normalised text `first(width)` gives (0 half, 1 full).
fn minority(
    (hc, fc): (usize, usize),
    (half, full): (char, char),
    first: impl FnOnce(usize) -> Option<usize>,
    ctx: &Ctx,
) -> Option<Finding> {
    if hc == 0 || fc == 0 {
        return None;
    }
    let (minor, major, mc, jc, width) = if hc <= fc {
        (half, full, hc, fc, 0)
    } else {
        (full, half, fc, hc, 1)
    };
    let at = first(width)?;
    let len = ctx
        .src
        .slice(&(at..at + 4))
        .chars()
        .next()
        .map_or(1, char::len_utf8);
    Some(
        Finding::at(at..at + len)
            .var("found", minor.to_string())
            .var("count", mc.to_string())
            .var("major", major.to_string())
            .var("major_count", jc.to_string()),
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::with_ctx;
    use crate::testing::texts_and;

    #[test]
    fn width_mix_reads_the_normalised_text_as_the_text_as_written() {
        let forms = Vec::from([",，", ":：", ";；", "(（", ")）", "?？", "!！"].map(String::from));
        let table = super::pair_table(&forms);
        // The built-in forms are read from the normalised text; forms of other widths
        // are not.
        let form_of = super::ascii_forms(&table).expect("ASCII forms");
        for odd in [["-—"], ["a\u{FF41}"], ["1\u{FF11}"], [" \u{3000}"], ["“\""]] {
            let odd = odd.map(String::from);
            assert!(
                super::ascii_forms(&super::pair_table(&odd)).is_none(),
                "{odd:?}"
            );
        }
        assert!(super::ascii_forms(&super::pair_table(&[",，".into(), ",，".into()])).is_none());
        // Marks beside letters, digits and slashes of either width, and beside spaces
        // that normalisation shortens.
        let beside = [
            "１,０００，1,000，１，0００。Ａ,Ｂ，a，b，ａ,b，a,ｂ。",
            "https://x，ｈｔｔｐｓ：／／x，１６:３０，16：30，1６:3０。",
            "甲,乙，丙\u{3000},\u{a0}，丁:戊：己;庚；（辛）(壬)？！?!",
            "，\n,\r\n，1\n,2\n，(一)标题,\n（二）标题，",
        ];
        let mut all = texts_and(&beside);
        all.extend(beside.map(|t| t.repeat(3)));
        let mut found = 0;
        for t in all {
            with_ctx(&t, |ctx| {
                for skip in [true, false] {
                    let normalised = super::seen_normalised(ctx, &table, &form_of, skip);
                    assert_eq!(
                        normalised,
                        super::seen_as_written(ctx, &table, skip),
                        "{t:.200}"
                    );
                    found += super::width_mix(ctx, &forms, skip).len();
                }
            });
        }
        assert!(found > 20, "{found}");
        // Forms of other widths are read as written.
        with_ctx("甲-乙—丙—丁", |ctx| {
            let f = super::width_mix(ctx, &["-—".to_string()], true);
            assert_eq!(f.len(), 1);
            assert_eq!(ctx.src.slice(&f[0].span), "-");
            assert!(f[0].vars.contains(&("major_count", "2".to_string())));
        });
    }
}
