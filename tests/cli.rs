//! The command line as scripts and drafters use it: formats, exit codes, errors.

mod common;
use common::*;
use std::path::Path;

const SAMPLE: &str = "examples/sample-report.txt";
const CLEAN: &str = "examples/clean-report.txt";

#[test]
fn clean_report_exits_zero_with_a_summary() {
    let o = fzlint(&["check", CLEAN]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o), "检查了 1 份报告：未发现问题\n");
}

#[test]
fn errors_exit_one_and_warnings_only_with_deny_warnings() {
    assert_eq!(fzlint(&["check", SAMPLE]).status.code(), Some(1));
    let warn_only = "tests/fixtures/rules/missing-causes.txt";
    assert_eq!(fzlint(&["check", warn_only]).status.code(), Some(0));
    assert_eq!(
        fzlint(&["check", "--deny-warnings", warn_only])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn concise_lines_have_the_contract_shape() {
    let o = fzlint(&["check", "--format", "concise", SAMPLE]);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    assert!(
        lines.contains(
            &"examples/sample-report.txt:15:91: error[invalid-date] 日期写法有误：“2024928日”"
        ),
        "{out}"
    );
    for l in lines {
        let parts: Vec<&str> = l.splitn(4, ':').collect();
        assert_eq!(parts[0], SAMPLE);
        assert!(
            parts[1].parse::<u32>().is_ok() && parts[2].parse::<u32>().is_ok(),
            "{l}"
        );
        assert!(
            parts[3].starts_with(" error[")
                || parts[3].starts_with(" warning[")
                || parts[3].starts_with(" info["),
            "{l}"
        );
    }
}

#[test]
fn json_has_every_contract_field() {
    let (code, diags) = check_json(&[Path::new(SAMPLE)]);
    assert_eq!(code, 1);
    let gap = diags
        .iter()
        .find(|d| rule(d) == "numbering-gap")
        .expect("numbering-gap");
    for k in [
        "path",
        "rule",
        "severity",
        "message",
        "help",
        "line",
        "column",
        "end_line",
        "end_column",
        "labels",
    ] {
        assert!(gap.get(k).is_some(), "{k} missing in {gap}");
    }
    assert_eq!(gap["severity"], "error");
    assert_eq!(
        (
            num(gap, "line"),
            num(gap, "column"),
            num(gap, "end_line"),
            num(gap, "end_column")
        ),
        (19, 1, 19, 4)
    );
    let labels = gap["labels"].as_array().unwrap();
    assert!(
        labels
            .iter()
            .any(|l| l["line"] == 13 && l["message"] == "这一行像是丢了编号的标题"),
        "{gap}"
    );
    // Stable order: by position in the file.
    let lines: Vec<u64> = diags.iter().map(|d| num(d, "line")).collect();
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{lines:?}");
}

#[test]
fn folders_are_walked_in_order_and_only_reports_are_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(CLEAN, dir.path().join("b.txt")).unwrap();
    std::fs::copy(SAMPLE, dir.path().join("a.md")).unwrap();
    std::fs::write(dir.path().join("notes.csv"), "x,y").unwrap();
    let (code, diags) = check_json(&[dir.path()]);
    assert_eq!(code, 1);
    assert!(
        diags
            .iter()
            .all(|d| d["path"].as_str().unwrap().ends_with("a.md")),
        "{diags:?}"
    );
    let o = fzlint(&["check", &dir.path().display().to_string()]);
    assert!(stdout(&o).contains("检查了 2 份报告"), "{}", stdout(&o));
}

#[test]
fn unreadable_inputs_are_named_and_the_others_still_linted() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("scan.txt");
    std::fs::write(&bin, b"PK\x03\x04\x00\x00binary").unwrap();
    // Neither UTF-8 nor a Chinese encoding.
    let gbk = dir.path().join("latin.txt");
    std::fs::write(&gbk, [0x41, 0xE9, 0x20, 0xFF, 0x80, 0x41]).unwrap();
    let doc = dir.path().join("report.doc");
    std::fs::write(&doc, b"whatever").unwrap();
    let missing = dir.path().join("missing.txt");
    let args: Vec<String> = ["check".to_string(), "--format".into(), "concise".into()]
        .into_iter()
        .chain(
            [&bin, &gbk, &doc, &missing]
                .iter()
                .map(|p| p.display().to_string()),
        )
        .chain([SAMPLE.to_string()])
        .collect();
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = fzlint(&refs);
    assert_eq!(o.status.code(), Some(2), "the worst outcome wins");
    let err = stderr(&o);
    assert!(
        err.contains(&format!("error: {}: 看起来是二进制文件", bin.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!("error: {}: 无法识别文本编码", gbk.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!("error: {}: 不支持 .doc 格式", doc.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "error: {}: 无法读取：文件不存在",
            missing.display()
        )),
        "{err}"
    );
    assert_eq!(err.lines().count(), 4, "one line per bad input: {err}");
    assert_eq!(
        stdout(&o).lines().count(),
        5,
        "the good file is still linted"
    );
}

#[test]
fn stdin_is_read_for_dash() {
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let o = fzlint_stdin(&["check", "--format", "concise", "-"], Some(&text));
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("<stdin>:"), "{}", stdout(&o));
}

#[test]
fn bad_arguments_exit_two() {
    assert_eq!(fzlint(&["check"]).status.code(), Some(2));
    assert_eq!(
        fzlint(&["check", "--format", "xml", SAMPLE]).status.code(),
        Some(2)
    );
    let o = fzlint(&["rule", "no-such-rule"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-such-rule"));
}

#[test]
fn a_broken_rule_file_points_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        "id: must-mention-shufa\ncategory: parts\nseverity: error\nsummary: s\nmessage: 缺少述法\nrationale: r\ncheck:\n  kind: patterns\n  scope: body\n  patterns:\n    - regex: '(述法'\nexamples: {}\n",
    )
    .unwrap();
    let unknown = dir.path().join("unknown.yaml");
    std::fs::write(&unknown, "id: x\ncolour: red\n").unwrap();
    let d = dir.path().display().to_string();
    let o = fzlint(&["check", "--rules", &d, "--format", "concise", SAMPLE]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains(&format!("{}:11:14", bad.display())), "{err}");
    assert!(err.contains("正则表达式无效"), "{err}");
    assert!(err.contains(&format!("{}:2:", unknown.display())), "{err}");
    assert!(err.contains("colour"), "{err}");
    assert_eq!(
        stdout(&o).lines().count(),
        5,
        "the report is still linted with the valid rules"
    );
}

#[test]
fn a_users_rule_runs_beside_the_pack() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("no-gongzuo-dashu.yaml"),
        "id: office-banned-words\ncategory: hygiene\nseverity: warning\nsummary: 本局不用的套话\nmessage: 避免使用套话“{text}”\nrationale: 本局的写作要求。\ncheck:\n  kind: patterns\n  scope: body\n  patterns:\n    - regex: '取得了?显著成效'\nexamples:\n  bad: ['工作取得显著成效。']\n  good: ['工作取得成效。']\n",
    )
    .unwrap();
    let report = dir.path().join("r.txt");
    std::fs::write(
        &report,
        std::fs::read_to_string(CLEAN).unwrap() + "\n全年工作取得显著成效。\n",
    )
    .unwrap();
    let d = dir.path().display().to_string();
    let r = report.display().to_string();
    let o = fzlint(&["check", "--rules", &d, "--format", "concise", &r]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("warning[office-banned-words] 避免使用套话“取得显著成效”"),
        "{}",
        stdout(&o)
    );
    let o = fzlint(&["rules", "--rules", &d, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "office-banned-words" && r["builtin"] == false)
    );
}

#[test]
fn rules_lists_the_whole_catalogue() {
    let o = fzlint(&["rules", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for id in [
        "missing-measures",
        "numbering-gap",
        "web-residue",
        "citation-form",
        "late-publication",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
    for r in v.as_array().unwrap() {
        for k in ["id", "category", "severity", "summary"] {
            assert!(r[k].is_string(), "{k} in {r}");
        }
    }
    let human = stdout(&fzlint(&["rules"]));
    assert!(
        human
            .lines()
            .any(|l| l.starts_with("numbering-gap") && l.contains("error")),
        "{human}"
    );
}

#[test]
fn rule_explains_itself_with_its_examples_run() {
    let o = fzlint(&["rule", "numbering-gap"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("说明："), "{out}");
    assert!(out.contains("依据："), "{out}");
    assert!(out.contains("kind: numbering-gap"), "{out}");
    assert!(
        out.contains("error[numbering-gap]"),
        "the bad example is rendered: {out}"
    );
    assert!(
        out.contains("→ 不报告"),
        "the good example is shown clean: {out}"
    );
}

#[test]
fn outline_json_has_the_contract_shape() {
    let o = fzlint(&["outline", "--format", "json", SAMPLE]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["year"], 2024);
    assert_eq!(v["encoding"], "UTF-8");
    assert!(v["title"].as_str().unwrap().contains("2024"));
    let h = &v["headings"][0];
    for k in ["level", "marker", "number", "title", "line", "part"] {
        assert!(h.get(k).is_some(), "{k} in {h}");
    }
    assert_eq!(h["level"], 1);
    assert_eq!(h["marker"], "一、");
    assert_eq!(v["parts"]["plan"]["headed"], true);
    let human = stdout(&fzlint(&["outline", SAMPLE]));
    assert!(human.contains("报告年度：2024（取自标题）"), "{human}");
}

#[test]
fn colour_is_off_when_piped_and_on_when_asked() {
    let plain = stdout(&fzlint(&["check", SAMPLE]));
    assert!(!plain.contains('\u{1b}'));
    let coloured = stdout(&fzlint(&["check", "--color", "always", SAMPLE]));
    assert!(coloured.contains('\u{1b}'));
}

#[test]
fn a_year_out_of_range_is_a_bad_argument() {
    for y in ["99999", "-3", "2147483647"] {
        let o = fzlint(&["check", "--year", y, SAMPLE]);
        assert_eq!(o.status.code(), Some(2), "--year {y}: {}", stderr(&o));
    }
    assert_eq!(
        fzlint(&["check", "--year", "2024", CLEAN]).status.code(),
        Some(0)
    );
}

#[test]
fn a_web_page_is_read_and_a_broken_one_named() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    std::fs::write(
        &page,
        "<html><body><p>青石镇2024年度法治政府建设工作报告</p></body></html>",
    )
    .unwrap();
    let broken = dir.path().join("broken.htm");
    std::fs::write(
        &broken,
        [0u8, 0xFF, 0x00, 0x13, 0x88, 0x00, 0x01, 0xFE, 0x00],
    )
    .unwrap();
    let (p, b) = (page.display().to_string(), broken.display().to_string());
    let o = fzlint(&["check", "--format", "concise", &p, &b]);
    assert_eq!(o.status.code(), Some(2));
    // The page is linted: a title and nothing else is missing every part.
    assert!(
        stdout(&o).contains("report.html:1:1: error[missing-measures]"),
        "{}",
        stdout(&o)
    );
    assert!(
        stderr(&o).contains("broken.htm: 看起来是二进制文件"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_folder_without_reports_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.csv"), "x").unwrap();
    let d = dir.path().display().to_string();
    let o = fzlint(&["check", &d]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("没有找到可检查的报告"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_office_overrides_a_built_in_rule_without_copying_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("departments.yaml"),
        "override: late-publication\nhelp: 本省部门的年度报告应于3月1日前公开\nparams:\n  deadline: \"03-01\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("quieter.yaml"),
        "override: level-skip\nseverity: warning\n",
    )
    .unwrap();
    let d = dir.path().display().to_string();
    // city.txt is signed 2025年3月6日: in time for 1 April, late for 1 March.
    let city = "tests/fixtures/clean/city.txt";
    assert_eq!(fzlint(&["check", city]).status.code(), Some(0));
    let o = fzlint(&["check", "--rules", &d, "--format", "json", city]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let late = v
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "late-publication")
        .expect("late");
    assert!(
        late["message"].as_str().unwrap().contains("2025年3月1日"),
        "{late}"
    );
    assert_eq!(late["help"], "本省部门的年度报告应于3月1日前公开");
    let explained = stdout(&fzlint(&["rule", "late-publication", "--rules", &d]));
    assert!(
        explained.contains("deadline: 03-01") && explained.contains("departments.yaml"),
        "{explained}"
    );
    let listed: serde_json::Value =
        serde_json::from_slice(&fzlint(&["rules", "--format", "json", "--rules", &d]).stdout)
            .unwrap();
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "level-skip" && r["severity"] == "warning")
    );
}

#[test]
fn a_wrong_override_points_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        "override: late-publication\nparams:\n  deadline: \"03-01\"\n  colour: red\n",
    )
    .unwrap();
    let missing = dir.path().join("missing.yaml");
    std::fs::write(&missing, "override: no-such-rule\n").unwrap();
    let d = dir.path().display().to_string();
    let o = fzlint(&["rules", "--rules", &d]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{}:4:3", bad.display())) && err.contains("colour"),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}:1:", missing.display())) && err.contains("no-such-rule"),
        "{err}"
    );
}

#[test]
fn rule_shows_parameters_with_their_defaults() {
    // mixed-punctuation-width's file leaves skip_between_digits to its default.
    let out = stdout(&fzlint(&["rule", "rate-mismatch"]));
    assert!(
        out.contains("tolerance: 0.0") && out.contains("units:"),
        "{out}"
    );
    let out = stdout(&fzlint(&["rule", "mixed-punctuation-width"]));
    assert!(out.contains("skip_between_digits: true"), "{out}");
}

#[test]
fn mistakes_that_would_silence_a_rule_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let head = |id: &str, msg: &str| {
        format!(
            "id: {id}\ncategory: dates\nseverity: error\nsummary: s\nmessage: {msg}\nrationale: r\nexamples: {{}}\n"
        )
    };
    let cases = [
        (
            "placeholder.yaml",
            head("a-titel", "标题“{titel}”下没有内容") + "check:\n  kind: empty-section\n",
            "{titel}",
        ),
        (
            "variant.yaml",
            head("a-variant", "x")
                + "variants:\n  gapp:\n    message: y\ncheck:\n  kind: numbering-gap\n",
            "gapp",
        ),
        (
            "deadline.yaml",
            head("a-deadline", "x") + "check:\n  kind: publication-deadline\n  deadline: 3月1日\n",
            "3月1日",
        ),
        (
            "year.yaml",
            head("a-year", "x")
                + "check:\n  kind: year-mismatch\n  preamble: ['现将(\\d{4})年']\n  measures_heading: []\n",
            "year",
        ),
        (
            "pairs.yaml",
            head("a-pairs", "x") + "check:\n  kind: pairs\n  pairs: ['(']\n",
            "两个字符",
        ),
        (
            "suppress.yaml",
            head("a-suppress", "x") + "suppresses: [no-such-rule]\ncheck:\n  kind: empty-section\n",
            "no-such-rule",
        ),
    ];
    for (file, text, _) in &cases {
        std::fs::write(dir.path().join(file), text).unwrap();
    }
    let d = dir.path().display().to_string();
    let o = fzlint(&["rules", "--rules", &d]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    for (file, _, needle) in &cases {
        let at = format!("{}:", dir.path().join(file).display());
        assert!(err.contains(&at), "{file} is reported: {err}");
        assert!(err.contains(needle), "{file}: {needle} named: {err}");
    }
}

#[test]
fn rule_fails_when_an_example_misbehaves() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("r.yaml"),
        "id: office-x\ncategory: hygiene\nseverity: warning\nsummary: s\nmessage: 有“{text}”\nrationale: r\ncheck:\n  kind: patterns\n  scope: body\n  patterns:\n    - regex: '套话'\nexamples:\n  bad: ['没有问题的句子。']\n  good: ['这是套话。']\n",
    )
    .unwrap();
    let d = dir.path().display().to_string();
    let o = fzlint(&["rule", "office-x", "--rules", &d]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("✗ 这个错误示例应当被报告") && out.contains("✗ 这个正确示例不应被报告"),
        "{out}"
    );
}

#[test]
fn a_pattern_items_label_replaces_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("r.yaml"),
        "id: office-names\ncategory: hygiene\nseverity: warning\nsummary: s\nmessage: 机构名称已变更：“{text}”\nlabel: 规则的标签\nrationale: r\ncheck:\n  kind: patterns\n  scope: body\n  patterns:\n    - regex: '法制办'\n      label: 现为司法局\n    - regex: '依法治县领导小组'\nexamples:\n  bad: ['县法制办审查文件。']\n  good: ['县司法局审查文件。']\n",
    )
    .unwrap();
    let report = dir.path().join("t.txt");
    std::fs::write(
        &report,
        "青石镇2024年度法治政府建设工作报告\n县法制办和依法治县领导小组审查文件。\n",
    )
    .unwrap();
    let (d, r) = (
        dir.path().display().to_string(),
        report.display().to_string(),
    );
    let out = stdout(&fzlint(&["check", "--rules", &d, &r]));
    assert!(out.contains("^^^ 现为司法局"), "{out}");
    assert!(out.contains("规则的标签"), "{out}");
}

#[test]
fn an_unknown_part_name_is_pointed_at() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.yaml");
    std::fs::write(&f, "id: up\ncategory: parts\nseverity: error\nsummary: s\nmessage: m\nrationale: r\ncheck:\n  kind: part-missing\n  part: problems\nexamples: {}\n").unwrap();
    let d = dir.path().display().to_string();
    let err = stderr(&fzlint(&["rules", "--rules", &d]));
    assert!(
        err.contains(&format!("{}:9:9", f.display())) && err.contains("problems"),
        "{err}"
    );
}

#[test]
fn select_ignore_and_min_severity_choose_the_findings() {
    let concise = |args: &[&str]| {
        let mut a = vec!["check", "--format", "concise"];
        a.extend_from_slice(args);
        a.push(SAMPLE);
        stdout(&fzlint(&a))
    };
    let all = concise(&[]);
    assert_eq!(all.lines().count(), 5);
    let dates = concise(&["--select", "dates"]);
    assert!(
        dates.lines().count() == 2
            && dates.contains("invalid-date")
            && dates.contains("plan-year-mismatch"),
        "{dates}"
    );
    let no_dates = concise(&["--ignore", "dates,preamble-formula"]);
    assert!(
        no_dates.lines().count() == 2 && !no_dates.contains("invalid-date"),
        "{no_dates}"
    );
    let errors = concise(&["--min-severity", "error"]);
    assert!(
        errors.lines().all(|l| l.contains(": error[")) && errors.lines().count() == 3,
        "{errors}"
    );
    let o = fzlint(&["check", "--select", "no-such-rule", SAMPLE]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-such-rule"));
}

#[test]
fn exit_zero_statistics_and_output_file() {
    assert_eq!(
        fzlint(&["check", "--exit-zero", SAMPLE]).status.code(),
        Some(0)
    );
    let stats = stdout(&fzlint(&["check", "--statistics", SAMPLE]));
    assert!(
        stats
            .lines()
            .any(|l| l.trim_start().starts_with("1  error    invalid-date")),
        "{stats}"
    );
    let v: serde_json::Value = serde_json::from_slice(
        &fzlint(&["check", "--statistics", "--format", "json", SAMPLE]).stdout,
    )
    .unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|r| r["rule"] == "numbering-gap" && r["count"] == 1),
        "{v}"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("result.json");
    let f = file.display().to_string();
    let o = fzlint(&["check", "--format", "json", "-o", &f, SAMPLE]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(written.as_array().unwrap().len(), 5);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file is left"
    );
}

#[test]
fn github_annotations_are_escaped_and_columns_only_on_one_line() {
    let o = fzlint(&[
        "check",
        "--format",
        "github",
        SAMPLE,
        "tests/fixtures/rules/web-residue.txt",
    ]);
    let out = stdout(&o);
    assert!(
        out.lines().all(|l| l.starts_with("::error ")
            || l.starts_with("::warning ")
            || l.starts_with("::notice ")),
        "{out}"
    );
    assert!(out.contains("::error file=examples/sample-report.txt,line=19,endLine=19,col=1,endColumn=4,title=numbering-gap::"), "{out}");
    let multi = out
        .lines()
        .find(|l| l.contains("web-residue.txt,line=1,"))
        .expect("the furniture block");
    assert!(
        multi.contains("endLine=3,title=web-residue") && !multi.contains("col="),
        "{multi}"
    );
}

#[test]
fn stdin_can_be_given_a_name() {
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let o = fzlint_stdin(
        &[
            "check",
            "--format",
            "concise",
            "--stdin-filename",
            "reports/a.txt",
            "-",
        ],
        Some(&text),
    );
    assert!(
        stdout(&o).lines().all(|l| l.starts_with("reports/a.txt:")),
        "{}",
        stdout(&o)
    );
}

#[test]
fn completions_are_printed() {
    let o = fzlint(&["completions", "bash"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("fzlint") && stdout(&o).contains("--select"));
}

#[test]
fn overrides_compose_reword_variants_and_tolerate_a_bom() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "override: numbering-gap\nseverity: warning\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.yaml"),
        "\u{FEFF}\"override\": numbering-gap\nmessage: 编号不连续，请核对\n",
    )
    .unwrap();
    // An office rule and a file that changes it, the change sorting first.
    std::fs::write(
        dir.path().join("0-change.yaml"),
        "override: office-words\nseverity: error\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("words.yaml"),
        "id: office-words\ncategory: hygiene\nseverity: info\nsummary: s\nmessage: 有“{text}”\nrationale: r\ncheck:\n  kind: patterns\n  scope: body\n  patterns:\n    - regex: '妥否，请批示'\nexamples:\n  bad: ['以上报告，妥否，请批示。']\n  good: ['特此报告。']\n",
    )
    .unwrap();
    let d = dir.path().display().to_string();
    let o = fzlint(&["check", "--rules", &d, "--format", "concise", SAMPLE]);
    let out = stdout(&o);
    assert!(
        out.contains("warning[numbering-gap] 编号不连续，请核对"),
        "both overrides apply, wording included: {out}{}",
        stderr(&o)
    );
    let report = dir.path().join("r.txt");
    std::fs::write(
        &report,
        "青石镇2024年度法治政府建设工作报告\n以上报告，妥否，请批示。\n",
    )
    .unwrap();
    let r = report.display().to_string();
    let out = stdout(&fzlint(&[
        "check", "--rules", &d, "--format", "concise", &r,
    ]));
    assert!(
        out.contains("error[office-words]"),
        "full-width marks in a rule match the normalised text: {out}"
    );
}

#[test]
fn a_negative_tolerance_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("t.yaml"),
        "override: rate-mismatch\nparams:\n  tolerance: -5\n",
    )
    .unwrap();
    let d = dir.path().display().to_string();
    let o = fzlint(&["rules", "--rules", &d]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("tolerance"), "{}", stderr(&o));
}

#[test]
fn gitignore_and_fzlintignore_are_honoured_when_walking() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for f in ["keep/a.txt", "old/b.txt", "tmp/c.txt", "d.txt"] {
        let p = root.join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::copy(SAMPLE, &p).unwrap();
    }
    std::fs::write(root.join(".gitignore"), "tmp/\n").unwrap();
    std::fs::write(root.join(".fzlintignore"), "old/\nd.txt\n").unwrap();
    let r = root.display().to_string();
    let out = stdout(&fzlint(&["check", "--format", "concise", &r]));
    let files: std::collections::BTreeSet<&str> =
        out.lines().filter_map(|l| l.split(':').next()).collect();
    assert_eq!(files.len(), 1, "{out}");
    assert!(
        files.iter().next().unwrap().ends_with("keep/a.txt"),
        "{out}"
    );
    // Named explicitly, an ignored file is still linted.
    let d = root.join("d.txt").display().to_string();
    assert_eq!(
        stdout(&fzlint(&["check", "--format", "concise", &d]))
            .lines()
            .count(),
        5
    );
}

#[test]
fn markdown_comments_suppress_and_stale_ones_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read_to_string(SAMPLE).unwrap();
    // Line 19 holds the (三) that follows (一); line 15 the garbled date.
    let md = sample
        .replacen(
            "(三)化解基层矛盾纠纷",
            "<!-- fzlint-disable-next-line numbering-gap -->\n(三)化解基层矛盾纠纷",
            1,
        )
        .replacen(
            "二、存在的问题",
            "<!-- fzlint-disable dates -->\n二、存在的问题",
            1,
        );
    let f = dir.path().join("r.md");
    std::fs::write(&f, &md).unwrap();
    let p = f.display().to_string();
    let out = stdout(&fzlint(&["check", "--format", "concise", &p]));
    assert!(
        !out.contains("numbering-gap"),
        "silenced on the next line: {out}"
    );
    assert!(
        out.contains("invalid-date"),
        "the dates range starts below the garbled date: {out}"
    );
    assert!(
        !out.contains("plan-year-mismatch"),
        "…and silences the plan year after it: {out}"
    );
    assert!(!out.contains("unused-suppression"), "{out}");
    // The same comments in a .txt report are just text; a stale one in Markdown is reported.
    let txt = dir.path().join("r.txt");
    std::fs::write(&txt, &md).unwrap();
    assert!(
        stdout(&fzlint(&[
            "check",
            "--format",
            "concise",
            &txt.display().to_string()
        ]))
        .contains("numbering-gap")
    );
    std::fs::write(&f, md.replace("disable dates", "disable placeholder")).unwrap();
    let out = stdout(&fzlint(&["check", "--format", "concise", &p]));
    assert!(out.contains("warning[unused-suppression]"), "{out}");
}

#[test]
fn fix_mends_what_is_safe_and_diff_shows_it_first() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("r.txt");
    // CRLF line ends and a BOM, as Windows editors write them, must survive.
    let text = std::fs::read_to_string(SAMPLE)
        .unwrap()
        .replace("\n", "\r\n");
    let original = format!("\u{FEFF}{text}");
    std::fs::write(&f, &original).unwrap();
    let p = f.display().to_string();
    let o = fzlint(&["check", "--diff", &p]);
    assert_eq!(o.status.code(), Some(1), "something would change");
    let d = stdout(&o);
    assert!(
        d.contains(&format!("--- a/{p}")) && d.contains("+(二)规范行政执法行为"),
        "{d}"
    );
    assert_eq!(
        std::fs::read_to_string(&f).unwrap(),
        original,
        "--diff changes nothing"
    );
    // JSON carries the edit for tools.
    let (_, diags) = check_json(&[&f]);
    let gap = diags.iter().find(|d| rule(d) == "numbering-gap").unwrap();
    assert_eq!(gap["fix"]["applicability"], "safe");
    assert_eq!(gap["fix"]["edits"][0]["content"], "(二)");
    let o = fzlint(&["check", "--fix", "--format", "concise", &p]);
    assert!(stderr(&o).contains("已修复"), "{}", stderr(&o));
    assert!(
        !stdout(&o).contains("numbering-gap"),
        "what was fixed is not reported: {}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("invalid-date"),
        "what cannot be fixed is: {}",
        stdout(&o)
    );
    let fixed = std::fs::read_to_string(&f).unwrap();
    assert!(
        fixed.starts_with('\u{FEFF}') && fixed.contains("\r\n(二)规范行政执法行为\r\n"),
        "{fixed:?}"
    );
    assert_eq!(
        fixed.len(),
        original.len() + "(二)".len(),
        "nothing else changed"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file is left"
    );
    // A second run has nothing left to fix.
    assert_eq!(fzlint(&["check", "--diff", &p]).status.code(), Some(0));
}

#[test]
fn fix_refuses_what_it_cannot_write_safely() {
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let o = fzlint_stdin(&["check", "--fix", "-"], Some(&text));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("标准输入"), "{}", stderr(&o));
}

/// A Notepad file on a Chinese Windows is GBK with CRLF line ends: --fix writes it back
/// in GBK with its line ends, changing nothing but the fix.
#[test]
fn fix_writes_a_gbk_file_back_in_gbk() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let text = "青石镇2024年度法治政府建设工作报告\r\n一、主要举措\r\n全年审查决策5件。\r\n特此报告。\r\n青石镇人民政府\r\n2025年02月07日\r\n";
    let (gbk, _, bad) = encoding_rs::GBK.encode(text);
    assert!(!bad);
    let p = dir.path().join("gbk.txt");
    std::fs::write(&p, &gbk).unwrap();
    let path = p.to_str().unwrap();
    let o = fzlint(&["check", "--isolated", "--fix", path]);
    assert!(!stderr(&o).contains("只能修复"), "{}", stderr(&o));
    let fixed = text.replace("2025年02月07日", "2025年2月7日");
    let (want, _, _) = encoding_rs::GBK.encode(&fixed);
    assert_eq!(
        std::fs::read(&p).unwrap(),
        want.into_owned(),
        "GBK and CRLF kept"
    );
    // Nothing left to fix.
    assert_eq!(
        fzlint(&["check", "--isolated", "--diff", path])
            .status
            .code(),
        Some(0)
    );
}

/// The summary says how many files could not be checked, not 「未发现问题」 about none.
#[test]
fn the_summary_counts_the_files_that_could_not_be_checked() {
    let o = fzlint(&["check", "--isolated", "missing.pdf", "old.doc"]);
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    assert!(out.contains("没有检查任何报告：2 个文件无法检查"), "{out}");
    assert!(!out.contains("未发现问题"), "{out}");
    let o = fzlint(&[
        "check",
        "--isolated",
        "missing.pdf",
        "examples/clean-report.txt",
    ]);
    assert!(
        stdout(&o).contains("检查了 1 份报告：未发现问题；另有 1 个文件无法检查"),
        "{}",
        stdout(&o)
    );
}

/// In a folder, a file that reads as no report (a README, notes) is skipped and counted,
/// and named with --verbose; named on the command line it is checked; an empty report
/// in a folder is still checked (it is reported as empty).
#[test]
fn a_folder_walk_skips_what_is_no_report() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let report = std::fs::read_to_string(root().join("examples/sample-report.txt")).unwrap();
    std::fs::write(dir.path().join("report.txt"), &report).unwrap();
    std::fs::write(
        dir.path().join("README.md"),
        "# 说明\n\n这个文件夹存放各单位报送的材料，按单位名称命名。\n\n## 报送方式\n\n1. 邮件报送。\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    // A report without a title or headings is a report with defects, not a note.
    std::fs::write(
        dir.path().join("untitled.txt"),
        "2024年,青石镇深入推进依法行政。现将有关情况报告如下:全年审查重大行政决策5件。\n",
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    let o = fzlint(&["check", "--isolated", "--format", "concise", d]);
    let out = stdout(&o);
    assert!(out.contains("report.txt"), "{out}");
    assert!(
        out.contains("empty.txt"),
        "an empty report is reported: {out}"
    );
    assert!(!out.contains("README.md"), "{out}");
    let o = fzlint(&["check", "--isolated", "--color", "never", d]);
    let summary = stdout(&o);
    assert!(summary.contains("检查了 3 份报告"), "{summary}");
    assert!(summary.contains("跳过 1 个不像是报告的文件"), "{summary}");
    let o = fzlint(&["check", "--isolated", "--verbose", "--format", "concise", d]);
    assert!(stderr(&o).contains("README.md"), "{}", stderr(&o));
    let readme = dir.path().join("README.md");
    let o = fzlint(&[
        "check",
        "--isolated",
        "--format",
        "concise",
        readme.to_str().unwrap(),
    ]);
    assert!(
        stdout(&o).contains("README.md"),
        "named, it is checked: {}",
        stdout(&o)
    );
}

/// A drafter reads the help and the argument errors in Chinese: clap's own words are
/// not left in English in any command's help, and a bad argument is explained in Chinese.
#[test]
fn help_and_argument_errors_are_in_chinese() {
    let commands = [
        "check",
        "report",
        "outline",
        "rules",
        "config",
        "init",
        "schema",
        "completions",
        "serve",
        "rule",
        "test-rules",
    ];
    let english = [
        "Usage",
        "Commands:",
        "Arguments:",
        "Options:",
        "Print help",
        "Print version",
        "Possible values",
        "[default:",
        "[OPTIONS]",
    ];
    for args in std::iter::once(vec!["--help"]).chain(commands.iter().map(|c| vec![*c, "--help"])) {
        let o = fzlint(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let help = stdout(&o);
        assert!(
            help.contains("用法：") && help.contains("显示帮助"),
            "{args:?}: {help}"
        );
        for word in english {
            assert!(!help.contains(word), "{args:?} says {word:?}: {help}");
        }
        // Nor is an option's own explanation left in English: no three English words
        // in a row (a list of values is parted by commas, a name like GitHub Actions
        // is two words).
        for line in help.lines() {
            let words: Vec<&str> = line.split(' ').collect();
            let english_run = words.windows(3).any(|w| {
                w.iter()
                    .all(|w| w.len() > 1 && w.chars().all(|c| c.is_ascii_alphabetic()))
            });
            assert!(!english_run, "{args:?} has a line in English: {line}");
        }
    }
    for (args, want) in [
        (vec!["check", "--format", "xml", "r.txt"], "的值“xml”无效"),
        (vec!["chek"], "没有这个命令"),
        (vec!["check", "--bogus", "r.txt"], "没有这个选项"),
        (vec!["check"], "缺少必需的参数"),
    ] {
        let o = fzlint(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(
            err.contains(want) && err.contains("更多说明"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("For more information"), "{args:?}: {err}");
    }
}

#[test]
fn output_is_the_same_whatever_the_number_of_threads() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    // 150 reports (more than one chunk), each different, some unreadable.
    let fixtures: Vec<_> = std::fs::read_dir(root().join("tests/fixtures/rules"))
        .expect("the fixtures folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    assert!(fixtures.len() > 20);
    for i in 0..150 {
        let text = std::fs::read_to_string(&fixtures[i % fixtures.len()]).unwrap();
        let name = dir.path().join(format!("r{i:03}.txt"));
        if i % 37 == 5 {
            std::fs::write(&name, [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
        } else {
            std::fs::write(&name, text.replace("2024", &(2020 + i % 6).to_string())).unwrap();
        }
    }
    let d = dir.path().to_str().unwrap();
    for format in ["json", "concise", "human"] {
        let one = fzlint(&["check", "--format", format, "-j", "1", d]);
        let two = fzlint(&["check", "--format", format, "-j", "2", d]);
        assert_eq!(one.status.code(), Some(2), "unreadable files exit 2");
        assert_eq!(stdout(&one), stdout(&two), "{format}");
        assert_eq!(stderr(&one), stderr(&two), "{format}");
        assert_eq!(stderr(&one).lines().count(), 4, "{}", stderr(&one));
    }
}

#[test]
fn no_color_is_honoured_on_a_terminal() {
    // A terminal is needed for colour to be chosen at all: `script` (util-linux, on every
    // Linux system) gives one.
    let run = |no_color: bool| {
        let cmd = format!(
            "{} check examples/sample-report.txt",
            env!("CARGO_BIN_EXE_fzlint")
        );
        let mut c = std::process::Command::new("script");
        c.args(["-qec", &cmd, "/dev/null"])
            .current_dir(root())
            .env_remove("NO_COLOR");
        if no_color {
            c.env("NO_COLOR", "1");
        }
        String::from_utf8_lossy(&c.output().unwrap().stdout).into_owned()
    };
    let coloured = run(false);
    assert!(coloured.contains("numbering-gap"), "{coloured}");
    assert!(coloured.contains("\u{1b}["), "colour on a terminal");
    let plain = run(true);
    assert!(plain.contains("numbering-gap"), "{plain}");
    assert!(!plain.contains("\u{1b}["), "NO_COLOR: {plain:?}");
}
