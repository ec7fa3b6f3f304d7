//! The chart of the most common defects, by the number of reports they were found in.

use super::reading::rule_counts;
use super::{Entry, esc};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Bars in the chart of the most common defects.
const CHART_TOP: usize = 10;

/// Rules by the number of reports they were found in, most first (ties by rule id).
pub(super) fn common_rules(entries: &[Entry]) -> Vec<(&str, usize)> {
    let mut by_rule: std::collections::BTreeMap<&str, usize> = Default::default();
    for e in entries {
        for (r, _) in rule_counts(e) {
            *by_rule.entry(r).or_default() += 1;
        }
    }
    let mut v: Vec<(&str, usize)> = by_rule.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v
}
/// A rule as the chart names it: its Chinese summary with its id beside it, or the id
/// alone when the summary is not known.
fn rule_name(names: &BTreeMap<String, String>, rule: &str) -> String {
    match names.get(rule) {
        Some(name) => format!(
            "<span class=\"rule\">{} <code>{}</code></span>",
            esc(name),
            esc(rule)
        ),
        None => format!("<code>{}</code>", esc(rule)),
    }
}

pub(super) fn chart(out: &mut String, entries: &[Entry], names: &BTreeMap<String, String>) {
    out.push_str("<section aria-labelledby=\"common\">\n<h2 id=\"common\">最常见的问题（按涉及报告数）</h2>\n");
    let rules = common_rules(entries);
    if rules.is_empty() {
        out.push_str("<p class=\"none\">未发现问题。</p>\n</section>\n");
        return;
    }
    let max = rules[0].1.max(1);
    out.push_str("<ol class=\"chart\">\n");
    for (rule, n) in rules.iter().take(CHART_TOP) {
        let width = (n * 100 + max / 2) / max;
        let _ = writeln!(
            out,
            "<li>{}<span class=\"track\"><span class=\"bar\" style=\"width:{width}%\"></span></span><span class=\"n\">{n} 份</span></li>",
            rule_name(names, rule)
        );
    }
    out.push_str("</ol>\n</section>\n");
}
