//! Runs the rules over one analysed report and turns findings into diagnostics.

use super::context::{Ctx, Finding};
use super::spec::RuleSpec;
use super::{Rule, RuleSet};
use crate::analyse::{Analysis, Settings};
use crate::diagnostic::{Diagnostic, Label};
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
    }
}

/// Runs `rules` (a selection of the set's rules) on one source.
pub fn lint_with(
    src: &Source,
    set: &RuleSet,
    rules: &[&Rule],
    settings: &Settings,
) -> Vec<Diagnostic> {
    lint_analysed(src, set, rules, settings).0
}

/// As [`lint_with`], and gives back the analysis the rules ran on (for an outline of
/// the same file without parsing it again).
pub fn lint_analysed(
    src: &Source,
    set: &RuleSet,
    rules: &[&Rule],
    settings: &Settings,
) -> (Vec<Diagnostic>, Analysis) {
    let a = crate::analyse::analyse(src, &set.vocab, settings);
    let ctx = Ctx {
        src,
        report: &a.report,
        parts: &a.parts,
        facts: &a.facts,
        vocab: &set.vocab,
    };
    // A rule for some years only runs on reports on those years (and on reports whose
    // year is unknown).
    let year = a.facts.year();
    let mut out: Vec<Diagnostic> = rules
        .iter()
        .filter(|r| r.spec.retired.is_none())
        .filter(|r| r.spec.years.is_none_or(|y| y.applies(year)))
        .flat_map(|r| {
            r.compiled
                .run(&ctx)
                .into_iter()
                .map(|f| to_diagnostic(&r.spec, f))
        })
        .collect();
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
            let reported = |d: &&crate::suppress::Directive| {
                d.ids.iter().all(|i| ran(i)) && (everything || !d.ids.is_empty())
            };
            for d in unused.iter().filter(reported) {
                let text = src.slice(&d.span).to_string();
                out.push(to_diagnostic(
                    &rule.spec,
                    Finding::at(d.span.clone()).var("text", text),
                ));
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
    out.sort_by(|a, b| {
        (a.span.start, &a.rule, a.span.end).cmp(&(b.span.start, &b.rule, b.span.end))
    });
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
