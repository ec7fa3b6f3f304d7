//! What is settled once the blocks are known: the heading tree, the enumeration items,
//! the preamble, the signature date and the page's metadata dates.

use super::grammar;
use crate::pack::vocab::Vocab;
use crate::parse::tree::{BlockKind, Meta, Report};
use crate::text::chars::is_sentence_stop;
use crate::text::numerals;
use std::sync::LazyLock;

/// Where enumeration items (一是, 二是 …) start in a text, with their numbers: at the
/// start or after a sentence end. An item is one to three Chinese numerals and 是, so
/// only the places before each 是 are asked (是 is far rarer than a sentence end). (Asking
/// at every character after a sentence end, the test's reference, costs about 15% more
/// instructions on the benchmark corpus.)
fn enumeration_items(s: &str) -> impl Iterator<Item = (usize, u32)> + '_ {
    // The searcher is made once, not for every segment.
    static IS: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("是"));
    IS.find_iter(s.as_bytes()).flat_map(move |j| {
        // Numerals are three bytes each in UTF-8; the earliest start first.
        (1..=3usize).rev().filter_map(move |k| {
            let i = j.checked_sub(3 * k)?;
            let numbers = s.get(i..j)?;
            if !numbers.chars().all(numerals::is_numeral) {
                return None;
            }
            let at_boundary = s[..i]
                .chars()
                .next_back()
                .is_none_or(|p| is_sentence_stop(p) || p == ':');
            if !at_boundary {
                return None;
            }
            grammar::enum_item(&s[i..]).map(|n| (i, n))
        })
    })
}

pub(super) fn finish(r: &mut Report, text: &str, vocab: &Vocab) {
    // The heading tree.
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..r.headings.len() {
        let level = r.headings[i].level;
        while stack.last().is_some_and(|&p| r.headings[p].level >= level) {
            stack.pop();
        }
        r.headings[i].parent = stack.last().copied();
        stack.push(i);
    }
    // Enumeration items (一是…二是…) at the start of a paragraph or after a sentence end.
    for (b, block) in r.blocks.iter().enumerate() {
        if !matches!(block.kind, BlockKind::Paragraph | BlockKind::Heading(_)) {
            continue;
        }
        let s = &text[block.span.clone()];
        for (i, n) in enumeration_items(s) {
            let len = s[i..].find('是').map_or(0, |p| p + '是'.len_utf8());
            r.enumerations
                .push((b, n, block.span.start + i..block.span.start + i + len));
        }
    }
    // The preamble: paragraphs before the first heading.
    let first_heading = r.headings.first().map_or(r.blocks.len(), |h| h.block);
    r.preamble = (0..first_heading)
        .filter(|&b| r.blocks[b].kind == BlockKind::Paragraph)
        .collect();
    if r.headings.is_empty() {
        r.preamble.truncate(1);
    }
    // The 成文 date: the last date line after the last heading.
    let last_heading = r.headings.last().map_or(0, |h| h.block);
    if let Some(b) = r.blocks.iter().rposition(|b| b.kind == BlockKind::DateLine)
        && b >= last_heading
    {
        let span = r.blocks[b].span.clone();
        r.signature_date = grammar::date_line(&text[span.clone()]).map(|d| d.shifted(span.start));
    }
    // Page metadata dates.
    for b in r.blocks.iter().filter(|b| b.kind == BlockKind::Furniture) {
        let s = &text[b.span.clone()];
        if let (Some(d), Some(key)) = (super::page::stamp(s), vocab.published_keys.first()) {
            r.meta.push(Meta {
                key: key.clone(),
                span: b.span.clone(),
                date: Some(d.shifted(b.span.start)),
            });
            continue;
        }
        for cap in vocab.furniture.meta_key.re().captures_iter(s) {
            let (Some(all), Some(key)) = (cap.get(0), cap.get(1)) else {
                continue;
            };
            let after = b.span.start + all.end();
            r.meta.push(Meta {
                key: key.as_str().to_string(),
                span: b.span.start + key.start()..after,
                date: grammar::date_prefix(&text[after..b.span.end]).map(|d| d.shifted(after)),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enumeration_items_are_found_where_a_scan_of_every_character_finds_them() {
        // The scan this replaces: every character after a sentence end, asked.
        fn every_character(s: &str) -> Vec<(usize, u32)> {
            let mut out = Vec::new();
            let mut prev: Option<char> = None;
            for (i, c) in s.char_indices() {
                let at_boundary = prev.is_none_or(|p| is_sentence_stop(p) || p == ':');
                prev = Some(c);
                if at_boundary
                    && numerals::is_numeral(c)
                    && let Some(n) = grammar::enum_item(&s[i..])
                {
                    out.push((i, n));
                }
            }
            out
        }
        let alphabet = [
            '一', '二', '十', '是', '。', ';', ',', '甲', 'O', '0', '〇', ' ',
        ];
        let mut found = 0;
        for t in crate::testing::random_texts(&alphabet, 11, 5000, 16) {
            let got: Vec<(usize, u32)> = enumeration_items(&t).collect();
            assert_eq!(got, every_character(&t), "{t:?}");
            found += got.len();
        }
        assert!(found > 100, "{found}");
    }
}
