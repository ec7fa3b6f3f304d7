//! What rule authors and office configurers rely on: `fzlint test-rules` holds every
//! example to what it states; `select`, `extend-select` and `ignore` in .fzlint.yaml; the
//! precedence of settings (rule over category, nearer file over farther, command line
//! over files); `fzlint config PATH` shows what is in force.

mod common;
use common::*;
use std::path::Path;

const SAMPLE: &str = "examples/sample-report.txt";

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The rule ids found in the sample placed in `dir` under the config written there,
/// with `args` added.
fn rules_found(config: &str, args: &[&str]) -> (i32, Vec<String>, String) {
    let d = tempfile::tempdir().unwrap();
    write(&d.path().join(".fzlint.yaml"), config);
    std::fs::copy(root().join(SAMPLE), d.path().join("r.txt")).unwrap();
    let file = d.path().join("r.txt").display().to_string();
    let mut a = vec!["check", "--format", "concise", file.as_str()];
    a.extend_from_slice(args);
    let o = fzlint(&a);
    let ids = stdout(&o)
        .lines()
        .filter_map(|l| Some(l.split_once('[')?.1.split_once(']')?.0.to_string()))
        .collect();
    (o.status.code().unwrap_or(-1), ids, stderr(&o))
}

#[test]
fn select_extend_select_and_ignore_choose_rules_from_the_config() {
    // The sample's findings with no config: preamble-formula, invalid-date,
    // numbering-gap, missing-causes, plan-year-mismatch.
    let all = rules_found("{}\n", &[]).1;
    assert_eq!(all.len(), 5, "{all:?}");
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "select: [dates]\n",
            &[],
            &["invalid-date", "plan-year-mismatch"],
        ),
        (
            "select: [dates]\nextend-select: [numbering-gap]\n",
            &[],
            &["invalid-date", "numbering-gap", "plan-year-mismatch"],
        ),
        (
            "select: [dates]\nignore: [invalid-date]\n",
            &[],
            &["plan-year-mismatch"],
        ),
        // A rule named by its id wins over its category.
        (
            "ignore: [dates]\nextend-select: [invalid-date]\n",
            &[],
            &[
                "preamble-formula",
                "invalid-date",
                "numbering-gap",
                "missing-causes",
            ],
        ),
        // The command line over the files: --select replaces the file's choice and
        // runs a rule the file ignores by its id; --ignore adds to the file's.
        (
            "ignore: [numbering-gap]\n",
            &["--select", "numbering-gap"],
            &["numbering-gap"],
        ),
        (
            "select: [dates]\n",
            &["--ignore", "plan-year-mismatch"],
            &["invalid-date"],
        ),
    ];
    for (config, args, want) in cases {
        let (_, got, err) = rules_found(config, args);
        assert_eq!(&got, want, "config {config:?} args {args:?}: {err}");
    }
}

#[test]
fn a_nearer_config_replaces_a_farther_select_and_rule_settings_win_over_categories() {
    let d = tempfile::tempdir().unwrap();
    let office = d.path().join(".fzlint.yaml");
    write(
        &office,
        "select: [dates, form]\nrules:\n  preamble-formula: off\n  plan-year-mismatch: warning\n",
    );
    // The unit extends the office: its select replaces the office's, and its category
    // settings do not undo the office's settings of single rules.
    write(
        &d.path().join("unit/.fzlint.yaml"),
        "extends: ../.fzlint.yaml\nselect: [dates, form, structure]\nrules:\n  form: error\n  dates: error\n",
    );
    std::fs::copy(root().join(SAMPLE), d.path().join("unit/r.txt")).unwrap();
    std::fs::copy(root().join(SAMPLE), d.path().join("r.txt")).unwrap();
    let run = |f: &str| {
        let p = d.path().join(f).display().to_string();
        stdout(&fzlint(&["check", "--format", "concise", &p]))
    };
    let unit = run("unit/r.txt");
    assert!(!unit.contains("preamble-formula"), "{unit}");
    assert!(unit.contains("warning[plan-year-mismatch]"), "{unit}");
    assert!(unit.contains("error[invalid-date]"), "{unit}");
    assert!(unit.contains("error[numbering-gap]"), "{unit}");
    assert!(!unit.contains("missing-causes"), "{unit}");
    let office = run("r.txt");
    assert!(!office.contains("numbering-gap"), "{office}");
    assert!(office.contains("warning[plan-year-mismatch]"), "{office}");
}

#[test]
fn an_unknown_name_in_select_is_an_error_at_its_place() {
    let (code, ids, err) = rules_found("select:\n  - dates\n  - no-such-rule\n", &[]);
    assert_eq!(code, 2, "{err}");
    assert!(ids.is_empty(), "{ids:?}");
    assert!(err.contains(".fzlint.yaml:3:5"), "{err}");
    assert!(err.contains("未知的规则或类别 “no-such-rule”"), "{err}");
}

#[test]
fn config_shows_the_pack_parameters_selection_and_exclusion() {
    let d = tempfile::tempdir().unwrap();
    write(
        &d.path().join(".fzlint.yaml"),
        "exclude: [\"drafts/**\"]\nignore: [numbering-gap]\nrules:\n  late-publication: {deadline: \"03-01\"}\n",
    );
    write(&d.path().join("drafts/a.txt"), "草稿\n");
    let draft = d.path().join("drafts/a.txt").display().to_string();
    let out = stdout(&fzlint(&["config", &draft]));
    assert!(out.contains("规则包：法治政府建设年度报告"), "{out}");
    assert!(out.contains("排除：是"), "{out}");
    assert!(out.contains("ignore：numbering-gap"), "{out}");
    let line = |id: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with(&format!("{id} ")))
            .unwrap_or_default()
            .to_string()
    };
    assert!(line("numbering-gap").contains("不运行"), "{out}");
    let late = line("late-publication");
    assert!(
        late.contains("deadline=03-01") && late.contains("year_offset=1"),
        "{late}"
    );
    assert!(late.contains(".fzlint.yaml"), "{late}");
    let json = stdout(&fzlint(&["config", &draft, "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["excluded"], true);
    assert_eq!(v["ignore"], serde_json::json!(["numbering-gap"]));
    let rules = v["rules"].as_array().unwrap();
    let gap = rules.iter().find(|r| r["id"] == "numbering-gap").unwrap();
    assert_eq!(
        (gap["enabled"].clone(), gap["runs"].clone()),
        (true.into(), false.into())
    );
    let late = rules
        .iter()
        .find(|r| r["id"] == "late-publication")
        .unwrap();
    assert_eq!(late["check"]["deadline"], "03-01");
}

/// `fzlint test-rules DIR` with these files in DIR: exit code and output.
fn test_rules(files: &[(&str, &str)]) -> (i32, String) {
    let d = tempfile::tempdir().unwrap();
    for (name, text) in files {
        write(&d.path().join(name), text);
    }
    let dir = d.path().display().to_string();
    let o = fzlint(&["test-rules", &dir]);
    let out = format!("{}{}", stdout(&o), stderr(&o)).replace(&dir, "DIR");
    (o.status.code().unwrap_or(-1), out)
}

const OVERRIDE: &str = "override: late-publication\nparams:\n  deadline: \"03-01\"\n";

#[test]
fn test_rules_runs_the_built_in_examples_and_they_all_behave() {
    let o = fzlint(&["test-rules"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    let last = out.lines().last().unwrap_or_default();
    let n: usize = last
        .trim_start_matches("示例 ")
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(n > 60, "{last}");
    assert!(
        last.ends_with(&format!("{n} 个符合预期，0 个不符")),
        "{last}"
    );
    assert_eq!(out.matches(": ok[").count(), n, "one line per example");
    assert!(
        out.contains("rules/dates/late-publication.yaml:21:7: ok[late-publication] 错误示例 1"),
        "{out}"
    );
}

#[test]
fn an_override_without_examples_fails_the_built_in_ones_with_advice() {
    let (code, out) = test_rules(&[("late.yaml", OVERRIDE)]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("rules/dates/late-publication.yaml:29:7: 不符[late-publication] 正确示例 1：不应被报告，实际报告了 1 处"),
        "{out}"
    );
    assert!(out.contains("可在覆盖文件中写 examples: 替换它"), "{out}");
    assert!(
        out.contains("晚于规定期限2025年3月1日"),
        "what happened: {out}"
    );
    assert!(out.contains("示例 2 个：1 个符合预期，1 个不符"), "{out}");
}

#[test]
fn an_override_carries_examples_that_replace_the_built_in_ones() {
    let text = format!(
        "{OVERRIDE}examples:\n  bad:\n    - text: |\n        青石镇2024年度法治政府建设工作报告\n        特此报告。\n        2025年3月8日\n      message: 晚于规定期限2025年3月1日\n      line: 3\n      count: 1\n  good:\n    - |\n      青石镇2024年度法治政府建设工作报告\n      特此报告。\n      2025年2月26日\n"
    );
    let (code, out) = test_rules(&[("late.yaml", &text)]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("DIR/late.yaml:7:9: ok[late-publication] 错误示例 1"),
        "{out}"
    );
    assert!(
        out.contains("DIR/late.yaml:15:7: ok[late-publication] 正确示例 1"),
        "{out}"
    );
    // `fzlint rule` shows and runs the same examples.
    let d = tempfile::tempdir().unwrap();
    write(&d.path().join("late.yaml"), &text);
    let dir = d.path().display().to_string();
    let o = fzlint(&["rule", "late-publication", "--rules", &dir]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("2025年2月26日"), "{}", stdout(&o));
}

#[test]
fn a_failing_example_says_what_it_expected_and_what_happened() {
    let rule = "id: office-x\ncategory: hygiene\nseverity: warning\nsummary: s\nmessage: 有“{text}”\nrationale: r\ncheck:\n  kind: patterns\n  scope: body\n  patterns:\n    - regex: '套话'\nexamples:\n  bad:\n    - text: |\n        一、做法\n        套话。\n      message: 空话\n      line: 1\n      count: 2\n  good: ['没有问题。']\n";
    let (code, out) = test_rules(&[("office-x.yaml", rule)]);
    assert_eq!(code, 1, "{out}");
    for line in [
        "DIR/office-x.yaml:15:9: 不符[office-x] 错误示例 1：消息应含“空话”，实际为“有“套话””",
        "DIR/office-x.yaml:15:9: 不符[office-x] 错误示例 1：应报告在第 1 行，实际在第 2 行",
        "DIR/office-x.yaml:15:9: 不符[office-x] 错误示例 1：应报告 2 处，实际 1 处",
        "  预期：报告 2 处，在第 1 行，消息含“空话”",
        "DIR/office-x.yaml:20:11: ok[office-x] 正确示例 1",
        "示例 2 个：1 个符合预期，1 个不符",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
    assert!(
        out.contains("warning[office-x]: 有“套话”"),
        "what happened: {out}"
    );
}

#[test]
fn test_rules_on_a_folder_without_rules_is_an_error() {
    let (code, out) = test_rules(&[("notes.txt", "没有规则")]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("没有规则文件或覆盖文件"), "{out}");
}

/// The office's rules of tests/fixtures/office-rules use counts (`min_count`,
/// `max_count` on patterns and part mentions), a context that cancels a match
/// (`exclude`) and conditions (`when:` has, lacks, has_part, lacks_part); their examples
/// state what each finds, and `test-rules` holds them to it.
#[test]
fn counts_conditions_and_exclusions_behave_as_their_examples_say() {
    let dir = root().join("tests/fixtures/office-rules");
    let o = fzlint(&["test-rules", &dir.display().to_string()]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{}", stderr(&o));
    assert!(
        out.ends_with("示例 14 个：14 个符合预期，0 个不符\n"),
        "{out}"
    );
}

#[test]
fn a_one_character_context_that_can_never_match_is_refused_at_load() {
    let rule = "id: office-x\ncategory: hygiene\nseverity: warning\nsummary: s\nmessage: 有“{text}”\nrationale: r\ncheck:\n  kind: patterns\n  scope: body\n  patterns:\n    - regex: 七五普法\n      unless_before: 已经\nexamples:\n  bad: ['推进七五普法。']\n  good: ['没有。']\n";
    let (code, out) = test_rules(&[("office-x.yaml", rule)]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("unless_before 只与紧挨着的一个字符比较，“已经” 至少要两个字符，永远不会成立"),
        "{out}"
    );
    assert!(
        out.contains("DIR/office-x.yaml:12:22"),
        "pointed at the pattern: {out}"
    );
    assert!(!out.contains("没有规则文件"), "{out}");
}
