//! Runs the rules over one analysed report and turns findings into diagnostics.

use super::context::{Ctx, Finding, Rest, Sink};
use super::spec::RuleSpec;
use super::{CATEGORIES, Rule, RuleSet};
use crate::analyse::{Analysis, Settings};
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::suppress::Directive;
use crate::text::source::Source;

/// Replaces `{name}` by its value; unknown names are left as they are, and values are
/// not read again for names.
pub fn fill(template: &str, vars: &[(&'static str, String)]) -> String {
    let values: usize = vars.iter().map(|(_, v)| v.len()).sum();
    let mut out = String::with_capacity(template.len() + values);
    let mut rest = template;
    // Braces are ASCII: a byte search finds them, and never inside a character.
    while let Some(open) = memchr::memchr(b'{', rest.as_bytes()) {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = memchr::memchr(b'}', after.as_bytes())
            .and_then(|close| Some((close, vars.iter().find(|(k, _)| *k == &after[..close])?)));
        match value {
            Some((close, (_, v))) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

pub(crate) fn to_diagnostic(rule: &RuleSpec, f: Finding) -> Diagnostic {
    let variant = f.variant.and_then(|v| rule.variants.get(v));
    let message = variant.map(|v| &v.message).unwrap_or(&rule.message);
    let label = f
        .primary_label
        .as_ref()
        .or(variant.and_then(|v| v.label.as_ref()))
        .or(rule.label.as_ref());
    let help = variant.and_then(|v| v.help.as_ref()).or(rule.help.as_ref());
    Diagnostic {
        rule: rule.id.clone(),
        severity: rule.severity,
        message: fill(message, &f.vars),
        span: f.span,
        label: label.map(|l| fill(l, &f.vars)).unwrap_or_default(),
        labels: f
            .labels
            .into_iter()
            .map(|(span, name)| Label {
                span,
                message: fill(rule.label_wording(name), &f.vars),
            })
            .collect(),
        help: help.map(|h| fill(h, &f.vars)),
        note: rule.basis.clone(),
        fix: f.fix,
        folded: 0,
    }
}

/// How many findings of one rule a file lists by default; the rest are folded into one.
pub const MAX_FINDINGS_PER_RULE: usize = 50;

/// The one finding that stands for the findings of a rule beyond the `cap` listed: at
/// the first of them, saying how many there are and where the first ones are. `like`
/// is the rule's id, severity and basis.
fn folded(
    src: &Source,
    like: (&str, Severity, Option<&String>),
    rest: &Rest,
    cap: usize,
) -> Diagnostic {
    let n = rest.count;
    let places = rest.first();
    // Lines and columns, or for a Word file or a page its paragraphs, as the other
    // findings count.
    let list: Vec<String> = places
        .iter()
        .map(|s| match src.place(s.start) {
            Some(p) => p.describe(),
            None => {
                let (line, column) = src.position(s.start);
                format!("第{line}行第{column}字")
            }
        })
        .collect();
    let more = if n > places.len() { "等" } else { "" };
    let (rule, severity, note) = like;
    Diagnostic {
        rule: rule.to_string(),
        severity,
        message: format!(
            "同类问题另有 {n} 处未逐条列出（每个文件每条规则最多列出 {cap} 处），最先几处在{}{more}",
            list.join("、")
        ),
        span: places.first().cloned().unwrap_or_default(),
        label: format!("另有 {n} 处同类问题"),
        labels: Vec::new(),
        help: Some(
            "要逐条列出：在 .fzlint.yaml 中设 max_findings_per_rule: 0，或在命令行加 --max-findings-per-rule 0"
                .to_string(),
        ),
        note: note.cloned(),
        fix: None,
        folded: n,
    }
}

/// Folds the findings of each rule beyond the first `cap` (by position) into one (see
/// [`folded`]); 0 folds nothing. For findings worked on whole first (fixes, baselines);
/// the engine folds as the rules find, never holding the rest.
pub fn fold(src: &Source, diags: &mut Vec<Diagnostic>, cap: usize) {
    use std::collections::BTreeMap;
    if cap == 0 {
        return;
    }
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for d in diags.iter() {
        *count.entry(&d.rule).or_default() += 1;
    }
    let over: Vec<String> = count
        .into_iter()
        .filter(|&(_, n)| n > cap)
        .map(|(r, _)| r.to_string())
        .collect();
    if over.is_empty() {
        return;
    }
    by_place(diags);
    for rule in over {
        let mut seen = 0;
        let mut rest = Rest::default();
        let mut like = None;
        diags.retain(|d| {
            if d.rule != rule {
                return true;
            }
            seen += 1;
            if seen > cap {
                rest.add(&d.span);
                like.get_or_insert_with(|| (d.severity, d.note.clone()));
                return false;
            }
            true
        });
        if let Some((severity, note)) = like {
            diags.push(folded(src, (&rule, severity, note.as_ref()), &rest, cap));
        }
    }
    by_place(diags);
}

/// Sorts diagnostics by where they start, then by rule, then by where they end.
fn by_place(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (a.span.start, &a.rule, a.span.end).cmp(&(b.span.start, &b.rule, b.span.end))
    });
}

/// Runs `rules` (a selection of the set's rules) on one source.
pub fn lint_with(
    src: &Source,
    set: &RuleSet,
    rules: &[&Rule],
    settings: &Settings,
) -> Vec<Diagnostic> {
    lint_analysed(src, set, rules, settings, MAX_FINDINGS_PER_RULE).0
}

/// As [`lint_with`], with at most `cap` findings of a rule listed (0: all of them), and
/// gives back the analysis the rules ran on (for an outline of the same file without
/// parsing it again).
pub fn lint_analysed(
    src: &Source,
    set: &RuleSet,
    rules: &[&Rule],
    settings: &Settings,
    cap: usize,
) -> (Vec<Diagnostic>, Analysis) {
    let a = crate::analyse::analyse(src, &set.vocab, settings);
    let ctx = Ctx::new(src, &a, &set.vocab);
    // A rule for some years only runs on reports on those years (and on reports whose
    // year is unknown).
    let year = a.facts.year();
    // Each rule's findings beyond the first `cap` are counted, not kept, and folded into
    // one: a rule that finds a defect a character holds no more than `cap` findings, and
    // lists no more than `cap + 1`.
    let keep = if cap == 0 { usize::MAX } else { cap };
    let mut out: Vec<Diagnostic> = Vec::new();
    for r in rules
        .iter()
        .filter(|r| r.spec.retired.is_none())
        .filter(|r| r.spec.years.is_none_or(|y| y.applies(year)))
    {
        let mut sink = Sink::new(keep);
        r.compiled.run_into(&ctx, &mut sink);
        let (kept, rest) = sink.finish();
        out.extend(kept.into_iter().map(|f| to_diagnostic(&r.spec, f)));
        if rest.count > 0 {
            let like = (r.spec.id.as_str(), r.spec.severity, r.spec.basis.as_ref());
            out.push(folded(src, like, &rest, cap));
        }
    }
    // Suppression comments (Markdown, HTML); the ones that silenced nothing are reported
    // by a rule of the unused-suppression kind, when one is selected.
    let directives = crate::suppress::directives(src);
    if !directives.is_empty() {
        let category = |id: &str| {
            set.get(id)
                .map(|r| r.spec.category.clone())
                .unwrap_or_default()
        };
        let unused = crate::suppress::apply(src, &directives, &mut out, &category);
        let reporter = rules
            .iter()
            .find(|r| matches!(r.spec.check, super::spec::Check::UnusedSuppression {}));
        // A directive naming a rule that did not run (--select, a rule switched off) may be
        // needed in a full run: only directives whose rules all ran are reported.
        let ran = |name: &str| {
            rules
                .iter()
                .any(|r| r.spec.id == name || r.spec.category == name)
        };
        // Preview rules that were not asked for and retired rules are not part of a
        // full run.
        let everything = set
            .rules
            .iter()
            .filter(|r| !r.spec.preview && r.spec.retired.is_none())
            .all(|r| rules.iter().any(|x| x.spec.id == r.spec.id));
        if let Some(rule) = reporter {
            // A directive for every rule is reported only after a full run.
            let reported =
                |d: &&Directive| d.ids.iter().all(|i| ran(i)) && (everything || !d.ids.is_empty());
            // A name that is no rule or category of the set: told once, on its own.
            let known = |name: &str| set.get(name).is_some() || CATEGORIES.contains(&name);
            let told = |d: &Directive| Finding::at(d.span.clone()).var("text", src.slice(&d.span));
            for d in &directives {
                for name in d.ids.iter().filter(|n| !known(n)) {
                    let finding = told(d).var("name", name.clone()).variant("unknown");
                    out.push(to_diagnostic(&rule.spec, finding));
                }
            }
            let names_known = |d: &&Directive| d.ids.iter().all(|n| known(n));
            for d in unused.iter().filter(reported).filter(names_known) {
                out.push(to_diagnostic(&rule.spec, told(d)));
            }
        }
    }
    // One defect, one diagnostic: a rule that fired may silence others for this file.
    let silenced: Vec<&str> = rules
        .iter()
        .filter(|r| !r.spec.suppresses.is_empty() && out.iter().any(|d| d.rule == r.spec.id))
        .flat_map(|r| r.spec.suppresses.iter().map(String::as_str))
        .collect();
    out.retain(|d| !silenced.contains(&d.rule.as_str()));
    by_place(&mut out);
    (out, a)
}

/// Runs every rule of the set but the preview ones.
pub fn lint(src: &Source, set: &RuleSet, settings: &Settings) -> Vec<Diagnostic> {
    let rules: Vec<&Rule> = set.rules.iter().filter(|r| !r.spec.preview).collect();
    lint_with(src, set, &rules, settings)
}

#[cfg(test)]
mod tests {
    use super::fill;
    use crate::diagnostic::Diagnostic;
    use crate::rules::{Rule, RuleSet};
    use crate::text::source::Source;

    /// A report with `n` unclosed brackets on its third line (one finding each), and one
    /// other defect.
    fn brackets(n: usize) -> Source {
        let text = format!(
            "关于2024年法治政府建设情况的报告\n一、主要举措\n{}\n三、下一步\n",
            "（".repeat(n)
        );
        Source::new("a.txt", &text)
    }

    fn lint(src: &Source, cap: usize) -> Vec<Diagnostic> {
        let set = RuleSet::builtin().unwrap();
        let rules: Vec<&Rule> = set.rules.iter().filter(|r| !r.spec.preview).collect();
        super::lint_analysed(src, &set, &rules, &Default::default(), cap).0
    }

    #[test]
    fn a_rules_findings_beyond_the_cap_are_folded_into_one() {
        let src = brackets(60);
        let all = lint(&src, 0);
        let pair = |d: &&Diagnostic| d.rule == "unmatched-pair";
        assert_eq!(all.iter().filter(pair).count(), 60);
        assert!(all.iter().all(|d| d.folded == 0));
        let capped = lint(&src, 7);
        let listed: Vec<_> = capped.iter().filter(pair).collect();
        assert_eq!(listed.len(), 8, "{listed:#?}");
        // The first seven by position are listed whole, then the one that folds the rest
        // at the first of them.
        let whole: Vec<_> = all.iter().filter(pair).collect();
        assert_eq!(listed[..7], whole[..7]);
        let fold = listed[7];
        assert_eq!(fold.folded, 53);
        assert_eq!(fold.span, whole[7].span);
        assert_eq!(fold.severity, whole[7].severity);
        assert_eq!(
            fold.message,
            "同类问题另有 53 处未逐条列出（每个文件每条规则最多列出 7 处），\
             最先几处在第3行第8字、第3行第9字、第3行第10字、第3行第11字、第3行第12字等"
        );
        assert!(fold.fix.is_none());
        // The other rules are as they were.
        let others = |d: &[Diagnostic]| -> Vec<Diagnostic> {
            d.iter().filter(|d| !pair(d)).cloned().collect()
        };
        assert_eq!(others(&capped), others(&all));
        // At the cap nothing is folded; one over it, the one left is named alone.
        assert_eq!(lint(&brackets(7), 7), lint(&brackets(7), 0));
        let one = lint(&brackets(8), 7);
        let fold = one.iter().find(|d| d.folded > 0).unwrap();
        assert_eq!(fold.folded, 1);
        assert!(
            fold.message.ends_with("最先几处在第3行第8字"),
            "{}",
            fold.message
        );
    }

    #[test]
    fn folding_afterwards_gives_what_the_engine_gives() {
        for n in [0, 3, 50, 51, 200] {
            let src = brackets(n);
            let mut after = lint(&src, 0);
            super::fold(&src, &mut after, 50);
            assert_eq!(after, lint(&src, 50), "{n}");
        }
    }

    #[test]
    fn the_sink_keeps_the_first_by_position_whatever_the_order_they_come_in() {
        use crate::rules::context::{Finding, Sink};
        let mut sink = Sink::new(3);
        for start in [9, 4, 7, 1, 8, 2, 6] {
            sink.push(Finding::at(start..start + 1));
        }
        let (kept, rest) = sink.finish();
        let mut kept: Vec<usize> = kept.iter().map(|f| f.span.start).collect();
        kept.sort();
        assert_eq!(kept, [1, 2, 4]);
        assert_eq!(rest.count, 4);
        assert_eq!(rest.first(), [6..7, 7..8, 8..9, 9..10]);
        // Of the rest, only the first few places are kept.
        let mut sink = Sink::new(1);
        for start in (0..100).rev() {
            sink.push(Finding::at(start..start + 1));
        }
        let (kept, rest) = sink.finish();
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].span, 0..1);
        assert_eq!(rest.count, 99);
        assert_eq!(rest.first(), [1..2, 2..3, 3..4, 4..5, 5..6]);
    }

    #[test]
    fn fill_replaces_known_names_only() {
        let vars = vec![
            ("a", "甲".to_string()),
            ("text", "{a}".to_string()),
            ("a", "乙".to_string()),
        ];
        for (template, want) in [
            ("{a}与{b}", "甲与{b}"),
            ("{", "{"),
            ("}{}", "}{}"),
            ("{{a}}", "{甲}"),
            ("{ a}{a }{a", "{ a}{a }{a"),
            ("前}后{text}", "前}后{a}"),
            ("全角｛a｝与{a}", "全角｛a｝与甲"),
        ] {
            assert_eq!(fill(template, &vars), want, "{template}");
        }
        assert_eq!(fill("{a}", &[]), "{a}");
    }
}
