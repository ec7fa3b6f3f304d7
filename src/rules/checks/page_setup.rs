//! page-setup: the paper size and margins of a Word file's last section.

use super::super::context::{Ctx, Finding};
use super::typography::{head_span, points, typeset};
use crate::text::typeset::TWIPS_PER_MM;

/// What a page-setup rule asks, in millimetres.
pub struct Wanted {
    pub width: f64,
    pub height: f64,
    /// Top, bottom, left, right.
    pub margins: [f64; 4],
    pub tolerance: f64,
}

pub fn page_setup(ctx: &Ctx, w: &Wanted) -> Vec<Finding> {
    let Some(page) = typeset(ctx).and_then(|t| t.page) else {
        return Vec::new();
    };
    let mm = |t: i32| f64::from(t) / TWIPS_PER_MM;
    let mut wrong = Vec::new();
    // The paper: within a millimetre either way round (a landscape A4 is still A4).
    if let (Some(pw), Some(ph)) = (page.width, page.height) {
        let (a, b) = (mm(pw.min(ph)), mm(pw.max(ph)));
        let (x, y) = (w.width.min(w.height), w.width.max(w.height));
        if (a - x).abs() > 1.0 || (b - y).abs() > 1.0 {
            wrong.push(format!(
                "纸张为{}×{}毫米，应为{}×{}毫米",
                points(mm(pw)),
                points(mm(ph)),
                points(w.width),
                points(w.height)
            ));
        }
    }
    let names = ["上", "下", "左", "右"];
    let found = [page.top, page.bottom, page.left, page.right];
    for ((name, got), want) in names.iter().zip(found).zip(w.margins) {
        let Some(got) = got else { continue };
        let got = mm(got);
        if (got - want).abs() > w.tolerance + 0.05 {
            wrong.push(format!(
                "{name}边距为{}毫米，应为{}毫米（允许±{}毫米）",
                points(got),
                points(want),
                points(w.tolerance)
            ));
        }
    }
    if wrong.is_empty() {
        return Vec::new();
    }
    vec![Finding::at(head_span(ctx)).var("found", wrong.join("；"))]
}
