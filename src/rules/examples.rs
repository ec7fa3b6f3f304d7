//! A rule's examples run as its file says they behave: a bad example is reported (with
//! the message, line and count it states, when it states them), a good one is not.
//! `fzlint rule ID`, `fzlint test-rules` and the tests all ask this one module.

use super::engine::lint_with;
use super::spec::{Example, Examples, Expecting};
use super::{Rule, RuleSet};
use crate::analyse::Settings;
use crate::diagnostic::Diagnostic;
use crate::text::source::Source;

/// One example run.
pub struct Run<'a> {
    pub example: &'a Example,
    /// A bad example (one the rule must report).
    pub bad: bool,
    /// Its place in its list, from 1.
    pub number: usize,
    /// The example as a report, and what the rule found in it.
    pub src: Source,
    pub diagnostics: Vec<Diagnostic>,
    /// How it differs from what the file says; empty when it behaves.
    pub problems: Vec<String>,
}

impl Run<'_> {
    /// 「错误示例 2」, 「正确示例 1」.
    pub fn title(&self) -> String {
        format!("{} {}", kind(self.bad), self.number)
    }

    pub fn behaves(&self) -> bool {
        self.problems.is_empty()
    }
}

/// A bad example or a good one, in words.
fn kind(bad: bool) -> &'static str {
    if bad { "错误示例" } else { "正确示例" }
}

/// How the example of a batch kind (several reports parted by lines `---`) is run: its
/// last report and what the rule found in it. Comparing reports is the overview's work,
/// so the caller gives it.
pub type Batch = fn(&RuleSet, &Rule, &str, &str) -> (Source, Vec<Diagnostic>);

/// Runs every example of `rule` with the rules of `set` around it.
pub fn run<'a>(set: &RuleSet, rule: &'a Rule, batch: Batch) -> Vec<Run<'a>> {
    let s = &rule.spec.examples;
    let lists = [(true, &s.bad), (false, &s.good)];
    lists
        .into_iter()
        .flat_map(|(bad, list)| list.iter().enumerate().map(move |(i, e)| (bad, i, e)))
        .map(|(bad, i, example)| {
            let name = format!("{}{}", kind(bad), i + 1);
            let (src, diagnostics) = if rule.spec.check.batch() {
                batch(set, rule, &name, example.text())
            } else {
                let src = Source::new(name, example.text());
                let diagnostics = lint_with(&src, set, &[rule], &Settings::default());
                (src, diagnostics)
            };
            let problems = judge(example, bad, &src, &diagnostics);
            Run {
                example,
                bad,
                number: i + 1,
                src,
                diagnostics,
                problems,
            }
        })
        .collect()
}

/// What is wrong with the run of one example.
fn judge(example: &Example, bad: bool, src: &Source, found: &[Diagnostic]) -> Vec<String> {
    if !bad {
        return match found.len() {
            0 => Vec::new(),
            n => vec![format!("不应被报告，实际报告了 {n} 处")],
        };
    }
    let Some(first) = found.first() else {
        return vec!["应当被报告，实际没有".to_string()];
    };
    let Some(want) = example.expecting() else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    if let Some(m) = &want.message
        && let Some(other) = found.iter().find(|d| !d.message.contains(m.as_str()))
    {
        problems.push(format!("消息应含“{m}”，实际为“{}”", other.message));
    }
    if let Some(line) = want.line {
        let at = src.line_col(first.span.start).0;
        if at != line {
            problems.push(format!("应报告在第 {line} 行，实际在第 {at} 行"));
        }
    }
    if let Some(n) = want.count
        && n != found.len()
    {
        problems.push(format!("应报告 {n} 处，实际 {} 处", found.len()));
    }
    problems
}

/// What an example states beyond being reported, in words: 「报告 2 处，在第 3 行，消息含“…”」.
pub fn expectation(want: &Expecting) -> String {
    let mut parts = Vec::new();
    if let Some(n) = want.count {
        parts.push(format!("报告 {n} 处"));
    }
    if let Some(l) = want.line {
        parts.push(format!("在第 {l} 行"));
    }
    if let Some(m) = &want.message {
        parts.push(format!("消息含“{m}”"));
    }
    parts.join("，")
}

/// A mistake in how examples are written that reading them lets through.
pub fn misuse(examples: &Examples) -> Option<&'static str> {
    if examples.good.iter().any(|e| e.expecting().is_some()) {
        return Some("正确示例只写报告文本：它不应被报告，不能带 message、line 或 count");
    }
    for e in examples.bad.iter().filter_map(Example::expecting) {
        if e.count == Some(0) {
            return Some("错误示例的 count 至少为 1（不应被报告的文本请写在 good 下）");
        }
        if e.line == Some(0) {
            return Some("line 从 1 数起");
        }
    }
    None
}

/// Where each example of [`run`] is written, in the same order: the file (the rule's,
/// or the override's that gave the examples) and the 1-based line and column of the
/// example's first line of text (each list searched from its key, each example after
/// the one before).
pub fn places(rule: &Rule) -> Vec<(String, usize, usize)> {
    let (path, text) = match &rule.examples_from {
        Some((p, t)) => (p.as_str(), t.as_str()),
        None => (rule.path.as_str(), rule.text.as_str()),
    };
    let examples_at = text.find("examples:").unwrap_or(0);
    let s = &rule.spec.examples;
    let mut out = Vec::new();
    for (key, list) in [("bad:", &s.bad), ("good:", &s.good)] {
        let from = text[examples_at..]
            .find(key)
            .map_or(examples_at, |i| examples_at + i);
        // Each example is looked for on the lines below the one before, else on the
        // same line (a list written [a, b]).
        let (mut below, mut beside) = (from, from);
        for example in list {
            let first = example
                .text()
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty());
            let found = |from: usize| first.and_then(|f| text[from..].find(f)).map(|i| from + i);
            let at = found(below).or_else(|| found(beside)).unwrap_or(below);
            let line = text[..at].matches('\n').count() + 1;
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let col = text[line_start..at].chars().count() + 1;
            out.push((path.to_string(), line, col));
            below = text[at..].find('\n').map_or(text.len(), |i| at + i);
            beside = at + text[at..].chars().next().map_or(0, char::len_utf8);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: &str = "id: office-x\ncategory: hygiene\nseverity: warning\nsummary: s\n\
        message: 有“{text}”\nrationale: r\ncheck:\n  kind: patterns\n  scope: body\n  \
        patterns:\n    - regex: '套话'\nexamples:\n  bad:\n    - text: \"标题\\n一、做法\\n这是套话，又是套话。\\n\"\n      \
        message: 有“套话”\n      line: 3\n      count: 2\n    - text: \"一、做法\\n套话。\\n\"\n      \
        message: 没有的话\n      line: 1\n      count: 3\n  good: ['没有问题。']\n";

    /// The built-in pack with [`RULE`] added.
    fn with_rule() -> RuleSet {
        let mut set = RuleSet::builtin().expect("the built-in pack");
        set.add("office-x.yaml", RULE, false)
            .expect("the rule loads");
        set
    }

    #[test]
    fn an_example_is_held_to_what_it_states() {
        let set = with_rule();
        let rule = set.get("office-x").expect("added");
        let runs: Vec<(String, Vec<String>)> =
            run(&set, rule, crate::render::overview::copies::example)
                .into_iter()
                .map(|r| (r.title(), r.problems))
                .collect();
        assert_eq!(runs[0], ("错误示例 1".to_string(), vec![]));
        assert_eq!(
            runs[1],
            (
                "错误示例 2".to_string(),
                vec![
                    "消息应含“没有的话”，实际为“有“套话””".to_string(),
                    "应报告在第 1 行，实际在第 2 行".to_string(),
                    "应报告 3 处，实际 1 处".to_string(),
                ]
            )
        );
        assert_eq!(runs[2], ("正确示例 1".to_string(), vec![]));
    }

    #[test]
    fn each_example_is_placed_at_its_own_first_line() {
        let set = with_rule();
        let rule = set.get("office-x").expect("added");
        let at: Vec<(usize, usize)> = places(rule).into_iter().map(|p| (p.1, p.2)).collect();
        assert_eq!(at, vec![(14, 14), (18, 14), (22, 11)]);
    }

    #[test]
    fn expectations_on_a_good_example_or_a_zero_count_are_refused() {
        let good = RULE.replace(
            "good: ['没有问题。']",
            "good:\n    - text: 没有问题。\n      count: 1",
        );
        let zero = RULE.replace("count: 2", "count: 0");
        for (text, words) in [(good, "正确示例只写报告文本"), (zero, "count 至少为 1")]
        {
            let mut set = RuleSet::builtin().expect("the built-in pack");
            let err = set.add("office-x.yaml", &text, false).expect_err("refused");
            assert!(err.to_string().contains(words), "{err}");
        }
    }
}
