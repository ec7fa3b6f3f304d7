//! typeface: the font and size of a class of paragraphs in a Word file.

use super::super::context::{Ctx, Finding};
use super::super::spec::Element;
use super::typography::{Defect, findings, font_in, paragraphs, size_words};

pub fn typeface(ctx: &Ctx, elements: &[Element], fonts: &[String], size: f64) -> Vec<Finding> {
    let paras = paragraphs(ctx, elements);
    let want = (size * 2.0).round() as u32;
    let expected_font = fonts.first().cloned().unwrap_or_default();
    let mut defects = Vec::new();
    for p in &paras {
        // A fact nobody declared (no font anywhere in the chain) is not judged.
        if let Some(f) = &p.format.font
            && !font_in(&f.value, fonts)
        {
            let (found, origin) = (f.value.clone(), f.origin.clone());
            defects.push(Defect::new(p, found, origin, expected_font.clone()));
        }
        if let Some(s) = &p.format.size
            && s.value != want
        {
            let (found, expected) = (size_words(s.value), size_words(want));
            defects.push(Defect {
                variants: (Some("size"), "style_size"),
                ..Defect::new(p, found, s.origin.clone(), expected)
            });
        }
    }
    findings(defects)
}
