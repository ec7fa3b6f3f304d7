//! The lines before the body: the title (also when broken over two lines), the
//! salutation, and the short head lines (the issuing body, a document's own head)
//! around them. The title is the line that best says what the document is, wherever a
//! page's head puts it; what a web page puts above it is furniture by its position.

use super::grammar::MarkerParse;
use super::segments::Seg;
use super::{grammar, push_block};
use crate::pack::vocab::Vocab;
use crate::parse::tree::{BlockKind, Report};

/// What a segment without a heading marker is, read while the head lasts.
pub(super) enum HeadLine {
    /// A line of the head (the title, a head line): the head goes on.
    Head,
    /// The salutation: the head ends with it.
    Salutation,
    /// Not a head line: the body starts here.
    Body,
}

/// How far into a report the title is looked for, in segments.
const TITLE_WINDOW: usize = 60;

/// The segment that is the report's title: of the title-like lines before the body, the
/// one that best says what the document is (a title printed twice: the later copy,
/// the one above the body).
pub(super) fn find_title(
    segs: &[Seg],
    markers: &[Option<MarkerParse>],
    text: &str,
    vocab: &Vocab,
) -> Option<usize> {
    let mut best: Option<(u32, usize)> = None;
    for (si, seg) in segs.iter().enumerate().take(TITLE_WINDOW) {
        if seg.furniture {
            continue;
        }
        let s = &text[seg.span.clone()];
        // The body starts at a sentence, a heading or the salutation (or another line
        // ending in a colon, which is never the title).
        if s.contains('。') || seg.md_level.is_some() || markers[si].is_some() || s.ends_with(':')
        {
            break;
        }
        let score = title_score(s, vocab);
        let better = match best {
            None => score > 0,
            Some((b, bi)) => score > b || (score == b && text[segs[bi].span.clone()] == *s),
        };
        if better {
            best = Some((score, si));
        }
    }
    best.map(|(_, si)| si)
}

/// How well a line says what the report is: the title's words, a year, the genre's
/// ending, some length; a line with a page's separators in it is less likely to be
/// the title. Zero: not title-like at all.
fn title_score(s: &str, vocab: &Vocab) -> u32 {
    // As looks_like_title asks (the caller has ruled out a 。 and a final colon).
    let chars = s.chars().count();
    if chars > vocab.title.max_chars {
        return 0;
    }
    // The keywords found, each once.
    let found: u64 = vocab
        .title_words
        .find_overlapping_iter(s)
        .fold(0, |m, k| m | 1 << (k.pattern().as_usize() % 64));
    let words = found.count_ones();
    if words == 0 {
        return 0;
    }
    let year = s.bytes().filter(u8::is_ascii_digit).count() >= 4;
    let mut score = 2 * words
        + 2 * u32::from(year)
        + u32::from(s.ends_with("报告") || s.ends_with("总结"))
        + u32::from(chars >= 8);
    if memchr::memchr3(b'>', b'|', b':', s.as_bytes()).is_some() || s.contains('»') {
        score = score.saturating_sub(3).max(1);
    }
    score
}

/// The length of what a page glued before the title: a column tag (「【法治建设报告】」)
/// or a banner ending in a web address (「XX之家—全网资源每日更新www.example.com」).
pub(super) fn glued_lead(s: &str) -> Option<usize> {
    if s.starts_with('【')
        && let Some(end) = s.find('】')
        && s[..end].chars().count() <= 16
        && end + '】'.len_utf8() < s.len()
    {
        return Some(end + '】'.len_utf8());
    }
    // The address runs to the first character no address holds, where the title starts.
    let at = s.find("www.").or_else(|| s.find("http"))?;
    s[at..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || "./:-_?=&%#~".contains(c)))
        .map(|end| at + end)
}

/// Reads a segment without a heading marker while the head lasts, adding its block to
/// the report when it is one of the head's. `title_at`: the segment that is the title.
pub(super) fn head_line(
    r: &mut Report,
    segs: &[Seg],
    si: usize,
    title_at: Option<usize>,
    text: &str,
    vocab: &Vocab,
) -> HeadLine {
    let seg = &segs[si];
    let s = &text[seg.span.clone()];
    if let Some(t) = title_at
        && si < t
    {
        // Above the title: the document's own head (发文机关标志, 发文字号, 份号, 密级,
        // 紧急程度, 签发人), the first line of a title broken over two lines, or the
        // page's furniture.
        let next_is_title = segs[si + 1..t].iter().all(|g| g.furniture);
        let kind = if vocab.furniture.document_head.is_match(s)
            || (next_is_title && (title_start(s) || issuing_body(s)) && !looks_like_title(s, vocab))
        {
            BlockKind::Head
        } else {
            BlockKind::Furniture
        };
        push_block(r, kind, seg);
        return HeadLine::Head;
    }
    if grammar::is_salutation(s) {
        push_block(r, BlockKind::Salutation, seg);
        r.salutation = Some(r.blocks.len() - 1);
        return HeadLine::Salutation;
    }
    if r.title.is_none() && title_at.is_none_or(|t| t == si) && looks_like_title(s, vocab) {
        // A title broken over two lines: 「…关于2024年度」 / 「法治政府建设情况的报告」.
        let title = match r.blocks.last() {
            Some(prev)
                if prev.kind == BlockKind::Head
                    && seg.line - prev.line <= 2
                    && (title_start(&text[prev.span.clone()])
                        || s.starts_with("关于")
                        || issuing_body(&text[prev.span.clone()])) =>
            {
                let (start, line) = (prev.span.start, prev.line);
                r.blocks.pop();
                Seg {
                    span: start..seg.span.end,
                    line,
                    ..seg.clone()
                }
            }
            _ => seg.clone(),
        };
        push_block(r, BlockKind::Title, &title);
        r.title = Some(r.blocks.len() - 1);
        return HeadLine::Head;
    }
    // …and the other way round: 「关于青石镇2024年度法治政府建设」 / 「情况的报告」.
    if let Some(t) = r.title
        && t + 1 == r.blocks.len()
        && seg.line - r.blocks[t].line <= 2
        && !text[r.blocks[t].span.clone()].ends_with("报告")
        && s.ends_with("报告")
        && head_like(s, 20)
    {
        r.blocks[t].span.end = seg.span.end;
        return HeadLine::Head;
    }
    let max = if r.title.is_some() { 40 } else { 30 };
    if head_like(s, max) && grammar::date_line(s).is_none() {
        push_block(r, BlockKind::Head, seg);
        return HeadLine::Head;
    }
    HeadLine::Body
}

fn looks_like_title(s: &str, vocab: &Vocab) -> bool {
    s.chars().count() <= vocab.title.max_chars
        && !s.contains('。')
        && !s.ends_with(':')
        && vocab.title_words.is_match(s)
}

/// The first line of a title broken over two lines.
fn title_start(s: &str) -> bool {
    s.contains("关于")
        || s.ends_with("年度")
        || s.ends_with('年')
        || crate::text::chars::YEAR_RE.is_match(s)
}

/// A line naming an issuing body (青川市人民政府, 云港经济开发区管理委员会), the first
/// line of a title whose second line names the year and subject.
fn issuing_body(s: &str) -> bool {
    [
        "政府",
        "委员会",
        "办事处",
        "局",
        "厅",
        "委",
        "办公室",
        "中心",
    ]
    .iter()
    .any(|e| s.ends_with(e))
}

/// A short line without sentence punctuation: a site name, a repeated title.
pub(super) fn head_like(s: &str, max_chars: usize) -> bool {
    s.chars().count() <= max_chars && !s.contains(['。', ',', ';', ':'])
}
