//! Bounded output: a rule's findings in a file beyond `max_findings_per_rule` (50 by
//! default, from the config or the command line) are folded into one finding of that
//! rule, in every format, while fixes and baselines still see every finding.

mod common;
use common::*;
use std::path::Path;

/// A report whose third line holds `n` brackets that never close (one finding each).
fn brackets(dir: &Path, n: usize) -> std::path::PathBuf {
    let p = dir.join("brackets.txt");
    let text = format!(
        "关于2024年法治政府建设情况的报告\n一、主要举措\n{}\n二、存在的不足\n",
        "（".repeat(n)
    );
    std::fs::write(&p, text).unwrap();
    p
}

fn json(args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let o = fzlint(&all);
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&o)))
}

fn pairs(found: &[serde_json::Value]) -> Vec<&serde_json::Value> {
    found
        .iter()
        .filter(|d| rule(d) == "unmatched-pair")
        .collect()
}

#[test]
fn findings_beyond_the_cap_are_folded_into_one_of_the_same_rule() {
    let dir = tempfile::tempdir().unwrap();
    let p = brackets(dir.path(), 120);
    let path = p.to_str().unwrap();
    let found = json(&["--isolated", path]);
    let listed = pairs(&found);
    assert_eq!(listed.len(), 51);
    assert!(listed[..50].iter().all(|d| d.get("folded").is_none()));
    let fold = listed[50];
    assert_eq!(fold["folded"], 70);
    assert_eq!((num(fold, "line"), num(fold, "column")), (3, 51));
    assert_eq!(fold["severity"], listed[0]["severity"]);
    let message = fold["message"].as_str().unwrap();
    assert!(message.contains("另有 70 处"), "{message}");
    assert!(message.contains("第3行第51字、第3行第52字"), "{message}");
    // On the command line: another cap, or none.
    assert_eq!(
        pairs(&json(&["--isolated", "--max-findings-per-rule", "3", path])).len(),
        4
    );
    let all = json(&["--isolated", "--max-findings-per-rule", "0", path]);
    assert_eq!(pairs(&all).len(), 120);
    assert!(all.iter().all(|d| d.get("folded").is_none()));
    // The concise and human formats say the same.
    let o = fzlint(&["check", "--isolated", "--format", "concise", path]);
    let text = stdout(&o);
    assert_eq!(text.matches("[unmatched-pair]").count(), 51, "{text}");
    assert!(text.contains("同类问题另有 70 处未逐条列出"), "{text}");
}

#[test]
fn the_config_sets_the_cap_and_the_command_line_wins() {
    let dir = tempfile::tempdir().unwrap();
    let p = brackets(dir.path(), 30);
    std::fs::write(
        dir.path().join(".fzlint.yaml"),
        "max_findings_per_rule: 5\n",
    )
    .unwrap();
    let path = p.to_str().unwrap();
    let listed = json(&[path]);
    let listed = pairs(&listed);
    assert_eq!(listed.len(), 6);
    assert_eq!(listed[5]["folded"], 25);
    assert_eq!(
        pairs(&json(&["--max-findings-per-rule", "10", path])).len(),
        11
    );
    std::fs::write(
        dir.path().join(".fzlint.yaml"),
        "max_findings_per_rule: 0\n",
    )
    .unwrap();
    assert_eq!(pairs(&json(&[path])).len(), 30);
    // A value that is no count is the config's error, pointed at.
    std::fs::write(
        dir.path().join(".fzlint.yaml"),
        "max_findings_per_rule: 很多\n",
    )
    .unwrap();
    let o = fzlint(&["check", path]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains(".fzlint.yaml"), "{}", stderr(&o));
}

#[test]
fn fixes_and_baselines_see_every_finding() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.txt");
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/bounds/spaced-headings.txt")).unwrap();
    std::fs::write(&report, &text).unwrap();
    let path = report.to_str().unwrap();
    let spaces = |found: &[serde_json::Value]| {
        found
            .iter()
            .filter(|d| rule(d) == "heading-punctuation")
            .count()
    };
    // 60 headings with a space after the marker: 50 listed and one for the rest.
    assert_eq!(spaces(&json(&["--isolated", path])), 51);
    // The baseline records all 60, and silences all of them.
    let baseline = dir.path().join("baseline.json");
    let b = baseline.to_str().unwrap();
    let o = fzlint(&["check", "--isolated", "--write-baseline", b, path]);
    assert!(stderr(&o).contains("已把"), "{}", stderr(&o));
    assert_eq!(spaces(&json(&["--isolated", "--baseline", b, path])), 0);
    // --fix mends all 60, not only those listed.
    let o = fzlint(&["check", "--isolated", "--fix", "--format", "json", path]);
    let after: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(spaces(&after), 0, "{}", stderr(&o));
    let fixed = std::fs::read_to_string(&report).unwrap();
    assert_eq!(fixed.matches(". 推进").count(), 0);
    assert_eq!(fixed.matches(".推进").count(), 60);
}
