//! The lines before the body: the title (also when broken over two lines), the
//! salutation, and the short head lines (a site name, the issuing body) around them.

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

/// Reads a segment without a heading marker while the head lasts, adding its block to
/// the report when it is one of the head's.
pub(super) fn head_line(r: &mut Report, seg: &Seg, text: &str, vocab: &Vocab) -> HeadLine {
    let s = &text[seg.span.clone()];
    if grammar::is_salutation(s) {
        push_block(r, BlockKind::Salutation, seg);
        r.salutation = Some(r.blocks.len() - 1);
        return HeadLine::Salutation;
    }
    if r.title.is_none() && looks_like_title(s, vocab) {
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
        && vocab.title.keywords.iter().any(|k| s.contains(k.as_str()))
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
