//! Step 3: which element of the page holds the report, and which block above it is
//! the report's title.

use super::blocks::{Node, RawBlock};
use super::meta::squeeze;

/// Block elements that hold one paragraph, not a run of them: their text is credited to
/// the element around them when looking for the report's container.
#[rustfmt::skip]
const PARAGRAPH: &[&str] = &[
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "caption", "figcaption",
    "legend", "summary", "address",
];

/// Chooses the element holding the report and returns it with the end of its range of
/// nodes (its descendants follow it in `nodes`). The root (0) means the whole page.
///
/// The rule, readability-style, in non-link characters (link text is navigation):
/// - every block credits its characters to its *host*: the element around it when it is
///   a paragraph (p, h1–h6, li …, or a block without block children and without `<br>`
///   lines), else the element itself (a div of `<br>`-separated lines, a known
///   container); a known container's credit counts 1.5 times;
/// - the element with the largest credit is the candidate;
/// - while the candidate is not a known container and its parent's other content hosts
///   at least 30% of the best credit (the report goes on in a sibling: Word's sections,
///   a paragraph wrapped in its own div), the parent becomes the candidate;
/// - the candidate is kept if it holds at least half the page's non-link characters (35%
///   for a known container), else the whole page is returned.
pub(super) fn choose_container(nodes: &[Node], blocks: &[RawBlock]) -> (usize, usize) {
    let n = nodes.len();
    let mut held: Vec<u64> = nodes.iter().map(|x| x.own).collect();
    let mut end: Vec<usize> = (1..=n).collect();
    for i in (1..n).rev() {
        let p = nodes[i].parent;
        held[p] += held[i];
        end[p] = end[p].max(end[i]);
    }
    let whole = (0, n);
    let host = |o: usize| {
        let x = &nodes[o];
        let paragraph = PARAGRAPH.contains(&x.tag.as_str()) || (!x.has_block_child && !x.has_br);
        if o != 0 && !x.known && paragraph {
            x.parent
        } else {
            o
        }
    };
    // Credits doubled, so that the known containers' bonus stays an integer.
    let mut score = vec![0u64; n];
    for b in blocks {
        score[host(b.owner)] += b.nonlink;
    }
    for (s, x) in score.iter_mut().zip(nodes) {
        *s *= if x.known { 3 } else { 2 };
    }
    let best = (0..n).fold(0, |b, i| if score[i] > score[b] { i } else { b });
    if score[best] == 0 {
        return whole;
    }
    let mut c = best;
    while c != 0 && !nodes[c].known {
        let p = nodes[c].parent;
        let outside = std::iter::once(p)
            .chain(p + 1..c)
            .chain(end[c]..end[p])
            .map(|i| score[i])
            .max()
            .unwrap_or(0);
        if outside * 10 < score[best] * 3 {
            break;
        }
        c = p;
    }
    let total = held[0];
    if held[c] * 2 >= total || (nodes[c].known && held[c] * 20 >= total * 7) {
        (c, end[c])
    } else {
        whole
    }
}

/// Whether a block is the report's title: its text, spaces removed, equals one of the
/// titles from the metadata or contains one (and is not much longer, nor a breadcrumb).
pub(super) fn is_title_of(text: &str, refs: &[String]) -> bool {
    let t = squeeze(text);
    if ["当前位置", "您的位置", "首页"]
        .iter()
        .any(|w| t.contains(w))
    {
        return false;
    }
    refs.iter()
        .any(|r| t == *r || (t.contains(r.as_str()) && t.len() <= 2 * r.len()))
}
