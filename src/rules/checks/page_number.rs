//! page-number: the page numbers of a Word file's footers: 「— 1 —」, the font and size,
//! odd pages right and even pages left.

use super::super::context::{Ctx, Finding};
use super::typography::{font_in, head_span, size_words, typeset};
use crate::text::typeset::{Align, PageNumber};

pub fn page_number(ctx: &Ctx, fonts: &[String], size: f64, dashes: &str) -> Vec<Finding> {
    let Some(t) = typeset(ctx) else {
        return Vec::new();
    };
    let span = head_span(ctx);
    let numbers: Vec<&PageNumber> = (t.page_numbers.iter())
        .filter(|n| n.pages != "first")
        .collect();
    if numbers.is_empty() {
        return vec![Finding::at(span).var("found", "").variant("missing")];
    }
    let want = (size * 2.0).round() as u32;
    let mut wrong = Vec::new();
    let expected_text = format!("{dashes} # {dashes}");
    for n in &numbers {
        let pages = match (n.pages.as_str(), t.even_and_odd) {
            ("even", _) => "偶数页",
            (_, true) => "奇数页",
            _ => "页",
        };
        let squeezed: String = n.text.chars().filter(|c| !c.is_whitespace()).collect();
        if squeezed != format!("{dashes}#{dashes}") {
            let (found, expected) = (n.text.replace('#', "1"), expected_text.replace('#', "1"));
            wrong.push(format!("{pages}码写作“{found}”，应为“{expected}”"));
        }
        if let Some(font) = &n.font
            && !font_in(font, fonts)
        {
            let expected = fonts.first().cloned().unwrap_or_default();
            wrong.push(format!("{pages}码用的是{font}，应为{expected}"));
        }
        if let Some(s) = n.size
            && s != want
        {
            let (found, expected) = (size_words(s), size_words(want));
            wrong.push(format!("{pages}码字号是{found}，应为{expected}"));
        }
        let (align, expected) = match n.pages.as_str() {
            "even" => (Align::Left, "居左"),
            _ => (Align::Right, "居右"),
        };
        if n.align.unwrap_or(Align::Left) != align {
            let found = n.align.map_or("左对齐", Align::words);
            wrong.push(format!("{pages}码{found}，应{expected}"));
        }
    }
    if !t.even_and_odd {
        wrong.push("奇偶页没有分设页脚，页码不能单页居右、双页居左".into());
    } else if !numbers.iter().any(|n| n.pages == "even") {
        wrong.push("偶数页没有页码".into());
    }
    if wrong.is_empty() {
        return Vec::new();
    }
    vec![Finding::at(span).var("found", wrong.join("；"))]
}
