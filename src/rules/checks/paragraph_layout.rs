//! paragraph-layout: the alignment, first-line indent and right indent of a class of
//! paragraphs in a Word file. What no level sets is Word's default: left, no indent.

use super::super::context::{Ctx, Finding};
use super::super::spec::{AlignSpec, Element};
use super::typography::{Defect, findings, paragraphs, points};
use crate::text::typeset::{Align, Indent, Origin, Set};

/// How far an indent may be off, in characters.
const INDENT_TOLERANCE: f64 = 0.25;

/// What a paragraph-layout rule asks.
pub struct Wanted {
    pub align: Option<AlignSpec>,
    pub first_line: Option<f64>,
    pub right: Option<f64>,
}

/// An alignment in words.
fn wanted_words(a: AlignSpec) -> &'static str {
    match a {
        AlignSpec::Left => "左对齐",
        AlignSpec::Center => "居中",
        AlignSpec::Right => "右对齐",
    }
}

fn matches(a: AlignSpec, got: Align) -> bool {
    match a {
        AlignSpec::Left => matches!(got, Align::Left | Align::Justify),
        AlignSpec::Center => got == Align::Center,
        AlignSpec::Right => got == Align::Right,
    }
}

pub fn paragraph_layout(ctx: &Ctx, elements: &[Element], w: &Wanted) -> Vec<Finding> {
    let paras = paragraphs(ctx, elements);
    let mut defects = Vec::new();
    let unset = || Set {
        value: Indent::default(),
        origin: Origin::Defaults,
    };
    for p in &paras {
        let f = p.format;
        if let Some(a) = w.align {
            let (got, origin) = match &f.align {
                Some(s) => (s.value, s.origin.clone()),
                None => (Align::Left, Origin::Defaults),
            };
            if !matches(a, got) {
                let (found, expected) = (got.words(), wanted_words(a));
                defects.push(Defect::new(p, found.into(), origin, expected.into()));
            }
        }
        let size = f.size.as_ref().map_or(32, |s| s.value);
        let indents = [
            (w.first_line, &f.first_line, "首行缩进"),
            (w.right, &f.right, "右缩进"),
        ];
        for (want, got, what) in indents {
            let Some(want) = want else { continue };
            let got = got.clone().unwrap_or_else(unset);
            let n = got.value.in_chars(size);
            if (n - want).abs() > INDENT_TOLERANCE {
                let [found, expected] = [n, want].map(|chars| format!("{what}{}字", points(chars)));
                defects.push(Defect::new(p, found, got.origin, expected));
            }
        }
    }
    findings(defects)
}
