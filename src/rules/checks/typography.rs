//! What the typography kinds share: the paragraphs of a Word file sorted into the
//! classes of a 公文 (title, 主送机关, body, heading levels, 成文日期, 附件说明) with
//! their effective formatting, and the rule that a style at fault is named once.
//!
//! A file read without a styles part or without a page size in its section properties
//! (a hand-made or generated file: no word processor writes one) has nothing to judge:
//! every typography kind is silent on it, as on text and HTML.

use super::super::context::{Ctx, Finding};
use super::super::spec::Element;
use crate::parse::tree::BlockKind;
use crate::text::Span;
use crate::text::typeset::{Origin, ParagraphFormat, Typeset};
use std::collections::BTreeMap;

/// A paragraph of a class, with its formatting.
pub(super) struct Para<'a> {
    pub(super) element: Element,
    /// 第N段.
    pub(super) paragraph: usize,
    pub(super) span: Span,
    /// Its opening, for messages.
    pub(super) text: String,
    pub(super) format: &'a ParagraphFormat,
}

/// How much of a paragraph's text a message quotes.
const QUOTED_CHARS: usize = 16;

/// The file's typesetting, when it has something to judge (see the module docs).
pub(super) fn typeset<'a>(ctx: &Ctx<'a>) -> Option<&'a Typeset> {
    let t = ctx.src.typeset.as_deref()?;
    t.page.is_some_and(|p| p.width.is_some()).then_some(t)
}

/// The span findings about the whole file are put on: its first text block.
pub(super) fn head_span(ctx: &Ctx) -> Span {
    ctx.report
        .text_blocks()
        .next()
        .map_or(0..0, |(_, b)| b.span.clone())
}

/// The paragraphs of the classes in `elements`, in order.
pub(super) fn paragraphs<'a>(ctx: &Ctx<'a>, elements: &[Element]) -> Vec<Para<'a>> {
    let (Some(t), Some(locations)) = (typeset(ctx), ctx.src.locations.as_deref()) else {
        return Vec::new();
    };
    let blocks = &ctx.report.blocks;
    let mut out = Vec::new();
    for (i, loc) in locations.iter().enumerate() {
        let Some(format) = t.paragraphs.get(i) else {
            break;
        };
        if ctx.src.in_table(loc.first_line) {
            continue;
        }
        let at = blocks.partition_point(|b| b.line < loc.first_line);
        let Some(block) = blocks
            .get(at)
            .filter(|b| b.line == loc.first_line && b.starts_line)
        else {
            continue;
        };
        let text = ctx.src.slice(&block.span).trim();
        if text.is_empty() {
            continue;
        }
        let element = match &block.kind {
            BlockKind::Title => Element::Title,
            BlockKind::Salutation => Element::Salutation,
            BlockKind::DateLine => Element::Date,
            BlockKind::Closing => Element::Body,
            BlockKind::Paragraph if text.starts_with("附件") => Element::Attachment,
            BlockKind::Paragraph => Element::Body,
            BlockKind::Heading(h) => {
                let Some(head) = ctx.report.headings.get(*h) else {
                    continue;
                };
                match head.level {
                    _ if head.inline => continue,
                    // A heading run into its paragraph is set as the paragraph is.
                    _ if !head.title_only() => Element::Body,
                    1 => Element::Heading1,
                    2 => Element::Heading2,
                    3 => Element::Heading3,
                    4 => Element::Heading4,
                    _ => continue,
                }
            }
            _ => continue,
        };
        if !elements.contains(&element) {
            continue;
        }
        out.push(Para {
            element,
            paragraph: loc.paragraph,
            span: block.span.clone(),
            text: super::snippet(text, QUOTED_CHARS),
            format,
        });
    }
    out
}

/// One paragraph's defect: what it has, where that comes from, what it should have.
pub(super) struct Defect<'p, 'a> {
    pub(super) para: &'p Para<'a>,
    pub(super) found: String,
    pub(super) origin: Origin,
    pub(super) expected: String,
    /// The variant of a paragraph's own finding, and of the finding that names a style.
    pub(super) variants: (Option<&'static str>, &'static str),
}

impl<'p, 'a> Defect<'p, 'a> {
    /// A defect whose findings take the variant `style` when they name a style.
    pub(super) fn new(para: &'p Para<'a>, found: String, origin: Origin, expected: String) -> Self {
        let variants = (None, "style");
        Defect {
            para,
            found,
            origin,
            expected,
            variants,
        }
    }
}

/// The findings for some defects: one a paragraph, except that the paragraphs of one
/// class given the same wrong value by the same style are one finding naming the
/// style and their count, at the first of them (the drafter mends the style once).
pub(super) fn findings(defects: Vec<Defect>) -> Vec<Finding> {
    type Key = (usize, &'static str, String, String);
    let mut by_style: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for (i, d) in defects.iter().enumerate() {
        if let Some(name) = style_at_fault(d) {
            let key = (d.para.element as usize, d.variants.1, d.found.clone(), name);
            by_style.entry(key).or_default().push(i);
        }
    }
    let mut grouped = vec![None; defects.len()];
    for members in by_style.values().filter(|m| m.len() > 1) {
        for &m in members {
            grouped[m] = Some((members[0], members.len()));
        }
    }
    let mut out = Vec::new();
    for (i, d) in defects.iter().enumerate() {
        let (style, count, variant) = match grouped[i] {
            Some((first, _)) if first != i => continue,
            Some((_, count)) => (style_at_fault(d), count, Some(d.variants.1)),
            None => (None, 1, d.variants.0),
        };
        let p = d.para;
        let f = Finding::at(p.span.clone())
            .var("paragraph", p.paragraph.to_string())
            .var("text", p.text.clone())
            .var("element", p.element.words())
            .var("found", d.found.clone())
            .var("expected", d.expected.clone())
            .var("style", style.unwrap_or_default())
            .var("count", count.to_string());
        out.push(Finding { variant, ..f });
    }
    out
}

/// The style to mend for a defect: the style that sets the value, or, for a value no
/// style sets (the document defaults), the paragraph's own style (正文 when it names
/// none); none for formatting written on the paragraph or run itself.
fn style_at_fault(d: &Defect) -> Option<String> {
    match &d.origin {
        Origin::Style(s) => Some(s.clone()),
        Origin::Defaults => Some(d.para.format.style.clone().unwrap_or_else(|| "正文".into())),
        Origin::Direct => None,
    }
}

/// A font size in words: 「三号（16磅）」, or 「15.5磅」 for a size with no name.
pub(super) fn size_words(half_points: u32) -> String {
    const NAMES: [(u32, &str); 16] = [
        (84, "初号"),
        (72, "小初"),
        (52, "一号"),
        (48, "小一"),
        (44, "二号"),
        (36, "小二"),
        (32, "三号"),
        (30, "小三"),
        (28, "四号"),
        (24, "小四"),
        (21, "五号"),
        (18, "小五"),
        (15, "六号"),
        (13, "小六"),
        (11, "七号"),
        (10, "八号"),
    ];
    let points = points(f64::from(half_points) / 2.0);
    match NAMES.iter().find(|(h, _)| *h == half_points) {
        Some((_, name)) => format!("{name}（{points}磅）"),
        None => format!("{points}磅"),
    }
}

/// Points written without a needless fraction: 16, 10.5.
pub(super) fn points(p: f64) -> String {
    let r = (p * 100.0).round() / 100.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        let s = format!("{r:.2}");
        s.trim_end_matches('0').to_string()
    }
}

/// Whether a font is one of a list: without case, blanks and the ASCII/full-width
/// difference of 「_」.
pub(super) fn font_in(font: &str, list: &[String]) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_lowercase())
            .map(|c| if c == '＿' { '_' } else { c })
            .collect()
    };
    let f = norm(font);
    list.iter().any(|l| norm(l) == f)
}
