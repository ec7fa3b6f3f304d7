//! line-spacing: a fixed line spacing (or single spacing on a line grid) within a range.

use super::super::context::{Ctx, Finding};
use super::super::spec::Element;
use super::typography::{Defect, findings, paragraphs, points, typeset};
use crate::text::typeset::{Origin, Spacing};

pub fn line_spacing(ctx: &Ctx, elements: &[Element], min: f64, max: f64) -> Vec<Finding> {
    let Some(t) = typeset(ctx) else {
        return Vec::new();
    };
    let pitch = t.page.and_then(|p| p.line_pitch);
    let paras = paragraphs(ctx, elements);
    let pt = |twips: i32| f64::from(twips) / 20.0;
    let within = |p: f64| p >= min - 0.005 && p <= max + 0.005;
    let expected = format!("固定值{}至{}磅", points(min), points(max));
    let mut defects = Vec::new();
    for p in &paras {
        // Word's default is single spacing, set by nobody.
        let (spacing, origin) = match &p.format.spacing {
            Some(s) => (s.value, s.origin.clone()),
            None => (Spacing::Auto(240), Origin::Defaults),
        };
        let found = match spacing {
            Spacing::Exact(t) | Spacing::AtLeast(t) if within(pt(t)) => continue,
            Spacing::Exact(t) => format!("固定值{}磅", points(pt(t))),
            Spacing::AtLeast(t) => format!("最小值{}磅", points(pt(t))),
            // On a line grid a multiple of single spacing is that many grid lines.
            Spacing::Auto(n) => match pitch {
                Some(g) if within(pt(g) * f64::from(n) / 240.0) => continue,
                Some(g) => format!(
                    "{}倍行距（文档网格每行{}磅）",
                    points(f64::from(n) / 240.0),
                    points(pt(g))
                ),
                None => format!("{}倍行距（未设文档网格）", points(f64::from(n) / 240.0)),
            },
        };
        defects.push(Defect::new(p, found, origin, expected.clone()));
    }
    findings(defects)
}
