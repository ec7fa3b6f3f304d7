//! `document-empty`: the file holds no report text at all.

use super::{Ctx, Finding, has_text};

pub fn document_empty(ctx: &Ctx) -> Vec<Finding> {
    if has_text(ctx) {
        Vec::new()
    } else {
        vec![Finding::at(0..0)]
    }
}
