//! Applying the safe fixes that checks attach to diagnostics. Only formats that are
//! plain text are changed, and the caller writes the result atomically.

use crate::diagnostic::Diagnostic;
use crate::text::source::Source;

/// The original text with every fix applied that does not overlap an earlier one
/// (a later run picks up the rest), and how many diagnostics were mended.
pub fn apply(src: &Source, diags: &[Diagnostic]) -> (String, usize) {
    let original = src.original();
    let mut accepted: Vec<(usize, usize, &str)> = Vec::new();
    let mut mended = 0;
    for d in diags {
        let Some(edits) = &d.fix else { continue };
        let mapped: Vec<(usize, usize, &str)> = edits
            .iter()
            .map(|(span, text)| {
                (
                    src.original_offset(span.start),
                    src.original_offset(span.end),
                    text.as_str(),
                )
            })
            .collect();
        let clash = mapped.iter().any(|(s, e, _)| {
            accepted.iter().any(|(as_, ae, _)| {
                s < ae && as_ < e || s == as_ || (s == e && as_ <= s && s <= ae)
            })
        });
        if clash || mapped.is_empty() {
            continue;
        }
        accepted.extend(mapped);
        mended += 1;
    }
    accepted.sort_by_key(|(s, e, _)| (*s, *e));
    let mut out = String::with_capacity(original.len());
    let mut pos = 0;
    for (s, e, text) in accepted {
        if s < pos || e > original.len() {
            continue;
        }
        out.push_str(&original[pos..s]);
        out.push_str(text);
        pos = e;
    }
    out.push_str(&original[pos..]);
    (out, mended)
}

/// A unified diff of two texts that have the same lines but for changes inside them
/// (fixes never add or remove line breaks), with `path` in the headers.
pub fn diff(path: &str, old: &str, new: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (old.split('\n').collect(), new.split('\n').collect());
    if a == b {
        return String::new();
    }
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    if a.len() != b.len() {
        out.push_str(&format!("@@ -1,{} +1,{} @@\n", a.len(), b.len()));
        a.iter().for_each(|l| out.push_str(&format!("-{l}\n")));
        b.iter().for_each(|l| out.push_str(&format!("+{l}\n")));
        return out;
    }
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        if x != y {
            out.push_str(&format!("@@ -{n},1 +{n},1 @@\n-{x}\n+{y}\n", n = i + 1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;
    use crate::{Settings, lint};

    #[test]
    fn the_lost_heading_gets_its_number_and_spaces_go() {
        let text = "某镇2024年度法治政府建设工作报告\n一、主要举措\n（一）健全制度\n规范执法\n（三）化解纠纷\n1. 开展培训\n2.加强宣传\n";
        let src = Source::new("a.txt", text);
        let set = RuleSet::builtin().unwrap();
        let d = lint(&src, &set, &Settings::default());
        let (fixed, n) = apply(&src, &d);
        assert!(n >= 2, "{d:?}");
        assert!(fixed.contains("\n（二）规范执法\n"), "{fixed}");
        assert!(fixed.contains("\n1.开展培训\n"), "{fixed}");
        assert!(fixed.contains("（三）化解纠纷"), "the (三) stays: {fixed}");
        let again = lint(&Source::new("a.txt", &fixed), &set, &Settings::default());
        assert!(
            again
                .iter()
                .all(|d| d.rule != "numbering-gap" && d.rule != "heading-punctuation"),
            "{again:?}"
        );
        assert_eq!(
            diff("a.txt", text, &fixed)
                .lines()
                .filter(|l| l.starts_with("@@"))
                .count(),
            2
        );
    }

    #[test]
    fn siblings_after_a_gap_are_renumbered() {
        let text =
            "某镇2024年度法治政府建设工作报告\n一、主要举措\n1.甲\n3.乙\n4.丙\n二、存在的问题\n";
        let src = Source::new("a.txt", text);
        let set = RuleSet::builtin().unwrap();
        let (fixed, _) = apply(&src, &lint(&src, &set, &Settings::default()));
        assert!(fixed.contains("1.甲\n2.乙\n3.丙"), "{fixed}");
    }
}
