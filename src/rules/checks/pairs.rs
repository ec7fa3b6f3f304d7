//! `pairs`: brackets and quotes that open without closing (or close without opening)
//! within a paragraph.

use super::{Ctx, Finding, Sink, pair_table, plain};
use crate::parse::tree::{Block, MarkerForm};
use crate::text::numerals;
use crate::text::scan::ByteSet;

/// A closer that numbers a list item (「1)」「a)」「一)」) at the start of a paragraph or
/// after a sentence or clause mark.
fn enumerator(s: &str, at: usize) -> bool {
    let mut back = s[..at].chars().rev();
    let Some(n) = back.next() else { return false };
    // 一 to 十, not 〇 or 零.
    let numeral =
        n.is_ascii_alphanumeric() || n == '十' || numerals::digit(n).is_some_and(|d| d > 0);
    numeral && back.next().is_none_or(|p| "。;:,、 \t".contains(p))
}

pub fn pairs(ctx: &Ctx, pairs: &[String], sink: &mut Sink) {
    // The bracket of a heading marker that lost its partner (「(一」) is numbering-style's.
    let broken: Vec<&crate::text::Span> = ctx
        .report
        .headings
        .iter()
        .filter(|h| h.form == MarkerForm::CnParenBroken)
        .map(|h| &h.marker)
        .collect();
    // Only where a mark's first byte is can a mark start. Letters and digits (most of
    // a report) are never marks. Of the characters starting there, only those ending
    // with a mark's last byte are read: 。 and 、 share their first bytes with 《 and 【.
    let lead = |table: &[(char, char)]| {
        let marks = || {
            table
                .iter()
                .flat_map(|&(o, c)| [o, c])
                .filter(|&c| !plain(c))
        };
        let mut last = [false; 256];
        for c in marks() {
            let mut buf = [0; 4];
            last[usize::from(*c.encode_utf8(&mut buf).as_bytes().last().unwrap_or(&0))] = true;
        }
        (ByteSet::leads(marks()), last)
    };
    pairs_with(ctx, pairs, lead, &mut |f: Finding| {
        if !broken
            .iter()
            .any(|m| m.start <= f.span.start && f.span.end <= m.end)
        {
            sink.push(f);
        }
    });
}

/// [`pairs`], looking at the characters that start at the bytes `lead` gives for the
/// table of pairs (and of those of two bytes or more, at the ones whose last byte it
/// gives).
fn pairs_with(
    ctx: &Ctx,
    pairs: &[String],
    lead: impl FnOnce(&[(char, char)]) -> (ByteSet, [bool; 256]),
    out: &mut dyn FnMut(Finding),
) {
    // The text is normalised: （） in a rule means ().
    let norm = crate::text::source::normalise_char;
    let table: Vec<(char, char)> = pair_table(pairs)
        .into_iter()
        .map(|(o, c)| (norm(o), norm(c)))
        .collect();
    let lone = |at: usize, mark: char, partner: char, variant: &'static str| {
        Finding::at(at..at + mark.len_utf8())
            .var("mark", mark.to_string())
            .var("partner", partner.to_string())
            .variant(variant)
    };
    let blocks: Vec<&Block> = ctx.report.text_blocks().map(|(_, b)| b).collect();
    let (lead, last) = lead(&table);
    let mut stack: Vec<(char, char, usize)> = Vec::new();
    // How many of each opener are open, so a closer with none open is known at once.
    let mut open = vec![0usize; table.len()];
    let mut marks = Vec::new();
    for (k, b) in blocks.iter().enumerate() {
        let s = ctx.src.slice(&b.span);
        let bytes = s.as_bytes();
        stack.clear();
        open.fill(0);
        lead.find_all(bytes, &mut marks);
        for &i in &marks {
            // A lead byte starts a character, and says how long it is.
            let width = match bytes[i] {
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => 1,
            };
            if width > 1
                && !bytes
                    .get(i + width - 1)
                    .is_some_and(|&b| last[usize::from(b)])
            {
                continue;
            }
            let c = s[i..].chars().next().unwrap_or(' ');
            if plain(c) {
                continue;
            }
            let at = b.span.start + i;
            if let Some(t) = table.iter().position(|(o, _)| *o == c) {
                stack.push((table[t].0, table[t].1, at));
                open[t] += 1;
            } else if let Some(t) = table.iter().position(|(_, cl)| *cl == c) {
                let (o, cl) = table[t];
                if open[t] == 0 {
                    if !enumerator(s, i) {
                        out(lone(at, cl, o, "closer"));
                    }
                    continue;
                }
                let pos = stack.iter().rposition(|e| e.0 == o).unwrap_or(0);
                // Openers left open inside this pair are unmatched.
                for (uo, ucl, uat) in stack.drain(pos + 1..) {
                    if let Some(u) = table.iter().position(|(x, _)| *x == uo) {
                        open[u] -= 1;
                    }
                    out(lone(uat, uo, ucl, "opener"));
                }
                stack.pop();
                open[t] -= 1;
            }
        }
        // A quotation over several paragraphs opens each one and closes only the last
        // (GB/T 15834): an opening quote at the start of a paragraph followed by another
        // paragraph that opens with the same mark is not unmatched.
        let continued = blocks.get(k + 1).is_some_and(|n| {
            ctx.src
                .slice(&n.span)
                .starts_with(|c: char| stack.first().is_some_and(|f| f.0 == c))
        });
        for (n, (uo, ucl, uat)) in stack.drain(..).enumerate() {
            if n == 0 && uat == b.span.start && continued {
                continue;
            }
            out(lone(uat, uo, ucl, "opener"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{agree, every};
    use crate::text::scan::ByteSet;

    fn sorted(mut out: Vec<super::Finding>) -> Vec<super::Finding> {
        out.sort_by_key(|f| f.span.start);
        out
    }

    /// The first byte of every character: a scan for these looks at every character.
    fn every_start() -> ByteSet {
        ByteSet::leads(
            // Every ASCII character, and one character for every lead byte beyond.
            (0u32..0x80)
                .chain((0x80u32..=0x10FFFF).step_by(0x40))
                .filter_map(char::from_u32),
        )
    }

    #[test]
    fn pairs_agree_with_the_plain_scan() {
        let pairs =
            Vec::from(["“”", "‘’", "《》", "()", "【】", "〔〕", "（）", "a1"].map(String::from));
        agree(
            &[
                "“开展“法律进乡村活动”,1)一)a)(二)",
                "《纲要(2021—2025年)》》【】〔〕〔",
                "“第一段\n“第二段\n“第三段”",
            ],
            |ctx| sorted(every(|ctx, sink| super::pairs(ctx, &pairs, sink))(ctx)),
            // Every character looked at, as the check was first written.
            |ctx| {
                let mut out = Vec::new();
                let lead = |_: &[(char, char)]| (every_start(), [true; 256]);
                super::pairs_with(ctx, &pairs, lead, &mut |f| out.push(f));
                sorted(out)
            },
        );
    }
}
