//! Headings without a number: many reports head their parts with a short line of its own
//! and no marker (「坚持高位推动 法治政府建设责任不断强化」), then run-in paragraphs
//! (「加强统筹谋划。…」). Such a line is a heading only where the report's shape says
//! so: a short line with no sentence punctuation, standing between a sentence that ends
//! and a paragraph (or a numbered sub-heading), and several of them in parallel in a
//! report that numbers no part of its own and is not wrapped at a fixed width. A lone
//! short line, running text, a list of short items, a signature above its date, a
//! table's rows and anything after the closing stay what they were. In a Word file, the
//! formatting says it too: a paragraph in a heading style, or bold throughout on a
//! short line.

use super::grammar::{self, MarkerParse};
use super::segments::Seg;
use crate::pack::vocab::Vocab;
use crate::text::chars::is_han;
use crate::text::source::{Emphasis, Source};

/// The longest line, in characters, read as a heading without a number.
const MAX_CHARS: usize = 32;
/// The shortest.
const MIN_CHARS: usize = 4;
/// Lines of this shape a report needs before they are its headings: two when one of
/// them names a part (「存在的问题」), else three.
const PARALLEL: usize = 3;

/// Whether `s` has the shape of a heading line without a number: short, begins with a
/// Han character (or a year's digits), ends with one (or a closing quote or bracket),
/// holds no sentence or clause punctuation (。!?;:) and mostly Han characters.
pub(super) fn heading_shape(s: &str) -> bool {
    let n = s.chars().count();
    if !(MIN_CHARS..=MAX_CHARS).contains(&n) {
        return false;
    }
    let year_first = s
        .as_bytes()
        .get(..4)
        .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        && s[4..].starts_with('年');
    let first = year_first
        || s.chars()
            .next()
            .is_some_and(|c| is_han(c) || "“《".contains(c));
    let last = s
        .chars()
        .next_back()
        .is_some_and(|c| is_han(c) || "”》)".contains(c));
    if !first || !last || s.contains(['。', '!', '?', ';', ':', '…']) {
        return false;
    }
    // A year's digits count with the Han characters (「2025年工作安排」).
    let year = if year_first { 4 } else { 0 };
    let hans = s.chars().filter(|&c| is_han(c)).count();
    (hans + year) * 10 >= n * 7
}

/// A line that ends a sentence (or opens a list with a colon): what may stand before a
/// heading line.
fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end_matches(['”', '’', ')', '」', '』']);
    s.ends_with(['。', '!', '?', ';', ':', '…'])
}

/// A paragraph that may follow a heading line: it has a sentence mark.
fn paragraph_like(s: &str) -> bool {
    s.contains(['。', '!', '?', ';', ':'])
}

/// Whether a text is wrapped at a fixed width: most of its lines (of ten characters or
/// more) are as long as its longest, give or take two. Its lines are pieces of
/// paragraphs, not paragraphs, and a short one is no heading by its shape.
fn wrapped(lengths: impl Iterator<Item = usize>) -> bool {
    let long: Vec<usize> = lengths.filter(|&n| n >= 10).collect();
    let Some(&max) = long.iter().max() else {
        return false;
    };
    let at_max = long.iter().filter(|&&n| n + 2 >= max).count();
    long.len() >= 4 && at_max * 2 >= long.len()
}

/// The segments that are headings without a number, with their levels. `markers`: each
/// segment's numbered marker, asked already; `title_at`: the title's segment.
///
/// In a Word file, a paragraph in a heading style (at its style's level) or bold
/// throughout on a short line (at level 1) is one too, when two or more are.
pub(super) fn bare_headings(
    src: &Source,
    segs: &[Seg],
    markers: &[Option<MarkerParse>],
    title_at: Option<usize>,
    vocab: &Vocab,
) -> Vec<(usize, u8)> {
    // A report that numbers its parts (一、) or writes Markdown has its headings.
    if markers.iter().flatten().any(|m| m.level == 1) || segs.iter().any(|s| s.md_level.is_some()) {
        return Vec::new();
    }
    let text = &src.text;
    let body: Vec<usize> = (title_at.map_or(0, |t| t + 1)..segs.len())
        .filter(|&i| !segs[i].furniture)
        .collect();
    let line = |i: usize| &text[segs[i].span.clone()];
    let mut shaped = Vec::new();
    let mut styled = Vec::new();
    let mut names_a_part = false;
    for (k, &i) in body.iter().enumerate() {
        let s = line(i);
        // After the closing or from an attachment list on, nothing is a heading.
        if grammar::is_closing(s) || s.starts_with("附件") {
            break;
        }
        if !segs[i].starts_line || markers[i].is_some() || src.in_table(segs[i].line) {
            continue;
        }
        let level = match src.block_of(segs[i].line).map(|l| l.emphasis) {
            Some(Emphasis::Heading(n)) => Some(n.min(4)),
            Some(Emphasis::Bold) => Some(1),
            _ => None,
        };
        if let Some(level) = level {
            if s.chars().count() <= 2 * MAX_CHARS
                && !s.contains(['。', '!', '?', ';'])
                && grammar::date_line(s).is_none()
            {
                styled.push((i, level));
            }
            continue;
        }
        if !heading_shape(s) || grammar::date_line(s).is_some() {
            continue;
        }
        let (Some(&prev), Some(&next)) = (k.checked_sub(1).map(|p| &body[p]), body.get(k + 1))
        else {
            continue;
        };
        let next_s = line(next);
        let next_ok = match markers[next] {
            Some(m) => m.level >= 2,
            None => paragraph_like(next_s) && grammar::date_line(next_s).is_none(),
        };
        if !ends_sentence(line(prev)) || !next_ok {
            continue;
        }
        names_a_part |= !vocab.heading_parts(s).is_empty();
        shaped.push((i, 1));
    }
    let enough = if names_a_part { 2 } else { PARALLEL };
    if shaped.len() < enough || wrapped(body.iter().map(|&i| line(i).chars().count())) {
        shaped.clear();
    }
    if styled.len() >= 2 {
        shaped.extend(styled);
        shaped.sort_unstable();
    }
    shaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shape_of_a_heading_line() {
        for s in [
            "坚持高位推动 法治政府建设责任不断强化",
            "深化宣传教育 全民法治意识不断增强",
            "存在的问题和不足",
            "2025年工作安排",
            "强化执法监督,规范执法行为",
            "主要做法",
            "“八五”普法圆满收官",
        ] {
            assert!(heading_shape(s), "{s}");
        }
        for s in [
            "全年办结案件120件。",
            "现将有关情况报告如下:",
            "12345",
            "120件案件",
            "青石镇人民政府、青石镇党委、青石镇人大主席团、青石镇政协联络组全体干部职工",
            "(一)加强领导",
            "加强统筹谋划,",
            "加强统筹谋划。全年召开会议3次",
            "办案",
        ] {
            assert!(!heading_shape(s), "{s}");
        }
    }
}
