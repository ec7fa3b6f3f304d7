//! Headings that run inline, in a report written as one long line: markers found
//! after sentence boundaries and kept only when their numbers follow on.

use super::grammar::{self, MarkerParse};
use super::tree::MarkerForm;
use crate::text::Span;
use crate::text::chars::{FULL_STOPS, is_sentence_stop};
use crate::text::numerals;

/// Characters after which an inline heading marker may start (a report that is one line).
fn inline_boundary(c: char) -> bool {
    is_sentence_stop(c) || matches!(c, ':' | '”' | '’' | ' ')
}

/// Tracks the numbers seen at each level while looking for inline markers.
#[derive(Default)]
pub(super) struct InlineState {
    last: [u32; 5],
    depth: u8,
    /// Byte offset where the last accepted heading's title began.
    last_title_start: Option<usize>,
}

impl InlineState {
    fn plausible(&self, m: &MarkerParse) -> bool {
        // Inside running text, 一) and (一 are too common to be taken for markers.
        if m.form == MarkerForm::CnParenBroken {
            return false;
        }
        let l = m.level as usize;
        if m.level > self.depth + 1 && !(self.depth == 0 && m.level <= 2) {
            return false;
        }
        let last = self.last[l];
        m.number > last && m.number <= last + 2
    }

    fn accept(&mut self, m: &MarkerParse, title_start: usize) {
        let l = m.level as usize;
        self.last[l] = m.number;
        self.last[l + 1..].fill(0);
        self.depth = m.level;
        self.last_title_start = Some(title_start);
    }
}

/// Finds the heading markers inside a long segment (inline mode): (offset, marker).
pub(super) fn inline_markers(
    text: &str,
    span: &Span,
    st: &mut InlineState,
) -> Vec<(usize, MarkerParse)> {
    let s = &text[span.clone()];
    let mut found = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        let candidate = c == '(' || c.is_ascii_digit() || numerals::is_numeral(c);
        let boundary = i == 0 || prev.is_some_and(inline_boundary);
        prev = Some(c);
        if !candidate {
            continue;
        }
        // Only a marker after a sentence boundary, or just after a heading's title, can
        // be structure: ask the grammar about no other place.
        let near_title = st
            .last_title_start
            .is_some_and(|t| span.start + i >= t && span.start + i - t <= 160);
        if !boundary && !near_title {
            continue;
        }
        let Some(m) = grammar::heading_marker(&s[i..]) else {
            continue;
        };
        // 「一、2024年工作情况(一)压实…」: a first child right after its parent's title.
        let first_child = m.number == 1
            && m.level == st.depth + 1
            && st.last_title_start.is_some_and(|t| {
                // At most 40 characters (160 bytes) of title, without a sentence end.
                text.get(t..span.start + i).is_some_and(|b| {
                    b.len() <= 160 && b.chars().count() <= 40 && !b.contains(FULL_STOPS)
                })
            });
        if (boundary || first_child) && st.plausible(&m) {
            st.accept(&m, span.start + i + m.marker_len + m.space_len);
            found.push((span.start + i, m));
        }
    }
    found
}
