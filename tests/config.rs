//! `.fzlint.yaml`: found upward from each report, nearest wins; `--config` and
//! `--isolated`; rules off, severities, parameters, per-path settings, exclusions,
//! rule folders; errors at the line and column.

mod common;
use common::*;
use std::path::Path;

const CITY: &str = "tests/fixtures/clean/city.txt"; // signed 2025年3月6日
const SAMPLE: &str = "examples/sample-report.txt";

fn copy(from: &str, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(common::root().join(from), to).unwrap();
}

fn concise(args: &[&str]) -> (i32, String, String) {
    let mut a = vec!["check", "--format", "concise"];
    a.extend_from_slice(args);
    let o = fzlint(&a);
    (o.status.code().unwrap_or(-1), stdout(&o), stderr(&o))
}

#[test]
fn the_nearest_config_wins_and_per_path_settings_apply() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    std::fs::write(
        root.join(".fzlint.yaml"),
        "exclude: [\"drafts/**\"]\nrules:\n  preamble-formula: off\n  structure: warning\nper_path:\n  - paths: [\"dept/**\"]\n    rules:\n      late-publication: {deadline: \"03-01\"}\n",
    )
    .unwrap();
    copy(CITY, &root.join("dept/city.txt"));
    copy(CITY, &root.join("town/city.txt"));
    copy(SAMPLE, &root.join("town/sample.txt"));
    copy(SAMPLE, &root.join("drafts/sample.txt"));
    // A nearer config for one folder: it alone applies there.
    copy(SAMPLE, &root.join("strict/sample.txt"));
    std::fs::write(
        root.join("strict/.fzlint.yaml"),
        "rules:\n  numbering-gap: error\n",
    )
    .unwrap();
    let r = root.display().to_string();
    let (code, out, err) = concise(&[&r]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("dept/city.txt:29:1: error[late-publication]"),
        "{out}"
    );
    assert!(
        !out.contains("town/city.txt"),
        "the deadline is only for departments: {out}"
    );
    assert!(
        !out.contains("drafts/"),
        "drafts are excluded when walking: {out}"
    );
    assert!(
        out.contains("town/sample.txt:19:1: warning[numbering-gap]"),
        "structure made warnings: {out}"
    );
    assert!(
        !out.contains("town/sample.txt:5:93"),
        "preamble-formula is off: {out}"
    );
    assert!(
        out.contains("strict/sample.txt:19:1: error[numbering-gap]"),
        "{out}"
    );
    assert!(
        out.contains("strict/sample.txt:5:93: info[preamble-formula]"),
        "the nearer config replaces the outer one: {out}"
    );
    // An excluded file named on the command line is still linted.
    let drafts = root.join("drafts/sample.txt").display().to_string();
    assert!(concise(&[&drafts]).1.contains("invalid-date"));
    // --isolated ignores every config; --config names one for all.
    let town = root.join("town/sample.txt").display().to_string();
    assert!(
        concise(&["--isolated", &town])
            .1
            .contains("19:1: error[numbering-gap]")
    );
    let strict = root.join("strict/.fzlint.yaml").display().to_string();
    let dept = root.join("dept/city.txt").display().to_string();
    assert_eq!(concise(&["--config", &strict, &dept]).0, 0);
}

#[test]
fn year_and_rule_folders_come_from_the_config() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    std::fs::create_dir_all(root.join("office")).unwrap();
    std::fs::write(
        root.join("office/names.yaml"),
        "id: office-names\ncategory: hygiene\nseverity: warning\nsummary: s\nmessage: 机构名称已变更：“{text}”\nrationale: r\ncheck:\n  kind: patterns\n  scope: body\n  patterns:\n    - regex: '法制办'\nexamples:\n  bad: ['县法制办审查文件。']\n  good: ['县司法局审查文件。']\n",
    )
    .unwrap();
    std::fs::write(
        root.join(".fzlint.yaml"),
        "year: 2024\nrule_dirs: [office]\n",
    )
    .unwrap();
    let report = root.join("r.txt");
    std::fs::write(&report, "青石镇法治政府建设工作报告\n一、工作情况\n县法制办审查文件。\n二、2026年工作安排\n加强执法。\n").unwrap();
    let r = report.display().to_string();
    let (_, out, _) = concise(&[&r]);
    assert!(out.contains("warning[office-names]"), "{out}");
    assert!(
        out.contains("工作安排写的是2026年，应为2025年"),
        "the configured year: {out}"
    );
}

#[test]
fn config_errors_point_at_their_line_and_other_files_still_run() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    std::fs::create_dir_all(root.join("a")).unwrap();
    std::fs::create_dir_all(root.join("b")).unwrap();
    let bad_key = root.join("a/.fzlint.yaml");
    std::fs::write(&bad_key, "year: 2024\nrulez:\n  level-skip: off\n").unwrap();
    let bad_rule = root.join("b/.fzlint.yaml");
    std::fs::write(
        &bad_rule,
        "rules:\n  level-skip: off\n  no-such-rule: warning\n  numbering-gap: loud\n",
    )
    .unwrap();
    copy(SAMPLE, &root.join("a/s.txt"));
    copy(SAMPLE, &root.join("b/s.txt"));
    copy(SAMPLE, &root.join("c/s.txt"));
    let r = root.display().to_string();
    let (code, out, err) = concise(&[&r]);
    assert_eq!(code, 2);
    assert!(
        err.contains(&format!("{}:2:1", bad_key.display())) && err.contains("rulez"),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}:3:3", bad_rule.display())) && err.contains("no-such-rule"),
        "{err}"
    );
    assert!(err.contains("a/s.txt: 未检查"), "{err}");
    assert!(
        out.contains("c/s.txt:19:1"),
        "the file under no config is linted: {out}"
    );
}

#[test]
fn config_shows_the_effective_settings_and_init_writes_a_starter() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    std::fs::write(
        root.join(".fzlint.yaml"),
        "year: 2023\nrules:\n  level-skip: off\n  thin-shortcomings: error\n",
    )
    .unwrap();
    let r = root.display().to_string();
    let o = fzlint(&["config", "--format", "json", &r]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["year"], 2023);
    let rule = |id: &str| {
        v["rules"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(rule("level-skip")["enabled"], false);
    assert_eq!(rule("thin-shortcomings")["severity"], "error");
    assert!(
        rule("thin-shortcomings")["changed_by"]
            .as_str()
            .unwrap()
            .ends_with(".fzlint.yaml")
    );
    let human = stdout(&fzlint(&["config", &r]));
    assert!(
        human.contains("报告年度：2023（配置）")
            && human.contains("level-skip")
            && human.contains("关闭"),
        "{human}"
    );

    let fresh = tempfile::tempdir().unwrap();
    let init = std::process::Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .arg("init")
        .current_dir(fresh.path())
        .output()
        .unwrap();
    assert_eq!(init.status.code(), Some(0));
    let written = std::fs::read_to_string(fresh.path().join(".fzlint.yaml")).unwrap();
    assert!(written.contains("per_path"));
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .arg("init")
        .current_dir(fresh.path())
        .output()
        .unwrap();
    assert_eq!(
        again.status.code(),
        Some(2),
        "an existing config is not overwritten"
    );
}
