//! The 政府信息公开工作年度报告 pack (packs/xxgk): chosen by the report's title, its
//! clean sample clean in every format, one finding per planted defect at its place, and
//! a Word table with numbered rows no heading in either pack.

mod common;
use common::*;
use std::path::Path;

fn fixture(name: &str) -> std::path::PathBuf {
    root().join("tests/fixtures/xxgk").join(name)
}

fn check(args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["check", "--isolated", "--format", "json"];
    all.extend(args);
    let o = fzlint(&all);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("JSON ({e}): {} {}", stdout(&o), stderr(&o)));
    v.as_array().cloned().expect("an array")
}

#[test]
fn the_clean_sample_is_clean_in_every_format() {
    for name in ["clean.txt", "clean.html", "clean.docx"] {
        let path = fixture(name);
        let diags = check(&[path.to_str().unwrap()]);
        assert!(diags.is_empty(), "{name}: {diags:#?}");
        // It is read with the xxgk pack: its outline says so.
        let o = fzlint(&["outline", "--format", "json", path.to_str().unwrap()]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("outline JSON");
        assert_eq!(v["pack"]["id"], "xxgk", "{name}");
        assert_eq!(v["pack"]["name"], "政府信息公开工作年度报告", "{name}");
        assert_eq!(v["parts"].as_object().expect("parts").len(), 6, "{name}");
        // The six parts, in the pack's order (the JSON as written, not as a map).
        let text = stdout(&o);
        let at: Vec<usize> = [
            "general", "active", "requests", "reviews", "problems", "others",
        ]
        .iter()
        .map(|p| text.find(&format!("\"{p}\": {{")).expect(p))
        .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{name}: {at:?}");
    }
}

#[test]
fn each_defect_gets_exactly_its_finding_at_its_place() {
    // (file, rule, variant's words, the text the finding starts at)
    let cases = [
        (
            "missing-part.txt",
            "xxgk-missing-part",
            "其他需要报告的事项",
            "青石县交通运输局2024年",
        ),
        (
            "out-of-order.txt",
            "xxgk-part-order",
            "应排在",
            "二、收到和处理",
        ),
        (
            "renamed.txt",
            "xxgk-missing-part",
            "这里写的是“来信来函办理情况”",
            "三、来信来函",
        ),
        (
            "late.txt",
            "xxgk-late-publication",
            "2025年1月31日",
            "2025年3月8日",
        ),
        ("year.txt", "xxgk-year-mismatch", "2023年", "2023年1月1日"),
        (
            "title-year.txt",
            "xxgk-title-year",
            "年度",
            "青石县交通运输局政府",
        ),
    ];
    for (name, id, words, at) in cases {
        let path = fixture(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let diags = check(&[path.to_str().unwrap()]);
        assert_eq!(diags.len(), 1, "{name}: {diags:#?}");
        let d = &diags[0];
        assert_eq!(rule(d), id, "{name}");
        assert!(
            d["message"].as_str().unwrap().contains(words),
            "{name}: {d}"
        );
        assert_eq!(
            (num(d, "line"), num(d, "column")),
            position(&text, at),
            "{name}: {d}"
        );
        // The findings of another pack than the default name it.
        assert_eq!(d["pack"], "xxgk", "{name}");
    }
}

#[test]
fn the_fazhi_pack_named_reads_it_as_another_genre() {
    let path = fixture("clean.txt");
    let diags = check(&["--pack", "fazhi", path.to_str().unwrap()]);
    let rules: Vec<&str> = diags.iter().map(rule).collect();
    assert_eq!(rules, ["genre"], "{diags:#?}");
    assert!(
        diags[0].get("pack").is_none(),
        "the default pack's bytes are unchanged"
    );
}

#[test]
fn numbered_table_rows_in_word_are_no_headings_in_either_pack() {
    // clean.docx holds the table of requests, its rows numbered 一、二、三、四、 and
    // (一)…(七), among the report's own headings 一、…六、.
    let path = fixture("clean.docx");
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"PK"), "a Word package");
    for pack in ["xxgk", "fazhi"] {
        let diags = check(&["--pack", pack, path.to_str().unwrap()]);
        let gaps: Vec<_> = diags
            .iter()
            .filter(|d| rule(d).starts_with("numbering") || rule(d) == "level-skip")
            .collect();
        assert!(gaps.is_empty(), "{pack}: {gaps:#?}");
    }
    let o = fzlint(&["outline", "--format", "json", path.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let titles: Vec<&str> = v["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap())
        .collect();
    assert!(
        !titles
            .iter()
            .any(|t| t.contains("本年新收") || t.contains("予以公开")),
        "{titles:?}"
    );
}

#[test]
fn the_pack_is_chosen_by_flag_and_by_config() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("报告.txt");
    std::fs::copy(fixture("missing-part.txt"), &report).unwrap();
    // The config names the fazhi pack: the report is read as the other genre.
    std::fs::write(dir.path().join(".fzlint.yaml"), "pack: fazhi\n").unwrap();
    let o = fzlint(&["check", "--format", "concise", report.to_str().unwrap()]);
    assert!(stdout(&o).contains("[genre]"), "{}", stdout(&o));
    // The flag wins over the config.
    let o = fzlint(&[
        "check",
        "--pack",
        "xxgk",
        "--format",
        "concise",
        report.to_str().unwrap(),
    ]);
    assert!(stdout(&o).contains("[xxgk-missing-part]"), "{}", stdout(&o));
    // An unknown pack is an error in Chinese naming it.
    let o = fzlint(&[
        "check",
        "--isolated",
        "--pack",
        "nosuch",
        report.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("未知的规则包“nosuch”"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn rules_are_listed_by_pack_and_found_in_any_pack() {
    let ids = rule_ids(&["--pack", "xxgk"]);
    for id in [
        "xxgk-missing-part",
        "xxgk-part-order",
        "xxgk-late-publication",
        "placeholder",
        "numbering-gap",
    ] {
        assert!(ids.iter().any(|i| i == id), "{id} in {ids:?}");
    }
    assert!(!ids.iter().any(|i| i == "missing-duties"), "{ids:?}");
    let o = fzlint(&["rule", "xxgk-missing-part"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("规定格式"), "{}", stdout(&o));
}

#[test]
fn shared_rules_are_the_same_files() {
    // The rules the xxgk pack takes from the fazhi pack are read from rules/, not copied.
    let copies: Vec<_> = walk(&root().join("packs"))
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n != "pack.yaml"))
        .filter(|p| {
            let name = p.file_name().unwrap();
            walk(&root().join("rules"))
                .iter()
                .any(|r| r.file_name().unwrap() == name)
        })
        .collect();
    assert!(copies.is_empty(), "{copies:?}");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn rule_authors_scope_mentions_and_patterns_to_the_body_or_named_parts() {
    let dir = tempfile::tempdir().unwrap();
    let rule_file = |id: &str, message: &str, check: &str| {
        format!(
            "id: {id}\ncategory: parts\nseverity: warning\nsummary: s\nmessage: \"{message}\"\nrationale: r\ncheck:\n{check}examples: {{}}\n"
        )
    };
    // 栏目 is once in the general part and three times in the problems; 解读 only in
    // the problems.
    let files = [
        (
            "body",
            "{part}：{count}",
            "  kind: part-mentions\n  patterns: ['栏目']\n  min_count: 5\n",
        ),
        (
            "named",
            "{part}：{count}",
            "  kind: part-mentions\n  parts: [problems, others]\n  patterns: ['栏目']\n  min_count: 4\n",
        ),
        (
            "in-problems",
            "{text}",
            "  kind: patterns\n  scope: body\n  parts: [problems]\n  patterns:\n    - regex: '栏目'\n",
        ),
        (
            "too-few",
            "{count}",
            "  kind: patterns\n  scope: body\n  parts: [general]\n  patterns:\n    - regex: '解读'\n  min_count: 1\n",
        ),
    ];
    for (id, message, check) in files {
        std::fs::write(
            dir.path().join(format!("{id}.yaml")),
            rule_file(id, message, check),
        )
        .unwrap();
    }
    let report = fixture("clean.txt");
    let text = std::fs::read_to_string(&report).unwrap();
    let d = dir.path().display().to_string();
    let diags = check(&["--pack", "xxgk", "--rules", &d, report.to_str().unwrap()]);
    let mut got: Vec<(String, String)> = diags
        .iter()
        .map(|d| {
            (
                rule(d).to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    got.sort();
    let want: Vec<(String, String)> = [
        ("body", "全文：4"),
        ("in-problems", "栏目"),
        ("in-problems", "栏目"),
        ("in-problems", "栏目"),
        ("named", "存在的主要问题及改进情况、其他需要报告的事项：3"),
        ("too-few", "0"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(got, want, "{diags:#?}");
    // The matches of the pattern scoped to the problems are theirs, not the general part's.
    let problems = text.find("五、存在的主要问题").unwrap();
    let before = text[..problems].matches('\n').count() as u64 + 1;
    for d in diags.iter().filter(|d| rule(d) == "in-problems") {
        assert!(num(d, "line") > before, "{d}");
    }
}

#[test]
fn a_report_of_another_genre_read_with_the_xxgk_pack_gets_one_finding() {
    // A 法治政府建设年度报告, read with the xxgk pack named: one genre finding, not six
    // missing parts.
    let report = root().join("examples/clean-report.txt");
    let diags = check(&["--pack", "xxgk", report.to_str().unwrap()]);
    let rules: Vec<&str> = diags.iter().map(rule).collect();
    assert_eq!(rules, ["xxgk-genre"], "{diags:#?}");
}

#[test]
fn every_built_in_packs_rules_behave_as_their_examples_say() {
    let mut checked = 0;
    for (id, ..) in fzlint::pack::BUILTIN_PACKS {
        let set = fzlint::rules::RuleSet::builtin_pack(id)
            .expect("a built-in pack")
            .unwrap_or_else(|e| panic!("{id}: {e:#?}"));
        let mut failures = Vec::new();
        for rule in &set.rules {
            for r in
                fzlint::rules::examples::run(&set, rule, fzlint::render::overview::copies::example)
            {
                let title = r.title();
                failures.extend(
                    r.problems
                        .iter()
                        .map(|p| format!("{id}/{}: {title}: {p}", rule.spec.id)),
                );
            }
            checked += 1;
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
    assert!(checked > 50, "{checked}");
}

#[test]
fn the_human_summary_says_how_many_reports_another_pack_read() {
    let xxgk = fixture("late.txt");
    let fazhi = root().join("examples/clean-report.txt");
    let o = fzlint(&[
        "check",
        "--isolated",
        xxgk.to_str().unwrap(),
        fazhi.to_str().unwrap(),
    ]);
    let last = stdout(&o).lines().last().unwrap_or("").to_string();
    assert!(
        last.starts_with("检查了 2 份报告（其中 1 份按政府信息公开工作年度报告检查）：1 个错误"),
        "{last}"
    );
    // Read with the default pack alone, the line is as it always was.
    let o = fzlint(&["check", "--isolated", fazhi.to_str().unwrap()]);
    assert_eq!(
        stdout(&o).lines().last(),
        Some("检查了 1 份报告：未发现问题")
    );
}

#[test]
fn a_broken_pack_folder_is_told_in_chinese_naming_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let write = |text: &str| std::fs::write(dir.path().join("pack.yaml"), text).unwrap();
    let d = dir.path().display().to_string();
    let head = "id: mine\nname: 我的报告\nversion: '1'\nextends: fazhi\n";
    for (text, want) in [
        (
            format!("{head}deadline:\n  date: '13-40'\nparts: []\n"),
            "期限 “13-40”",
        ),
        (
            format!("{head}parts:\n  - id: a\n    name: 甲\n  - id: a\n    name: 乙\n"),
            "部分“a”定义了两次",
        ),
        (
            "id: mine\nname: 我的报告\nversion: '1'\nextends: nosuch\nparts: []\n".to_string(),
            "没有名为“nosuch”的内置规则包",
        ),
        (
            "id: mine\nname: 我的报告\nversion: '1'\nparts: []\n".to_string(),
            "缺少 furniture",
        ),
    ] {
        write(&text);
        let o = fzlint(&["rules", "--pack", &d]);
        assert_eq!(o.status.code(), Some(2), "{text}");
        let err = stderr(&o);
        assert!(
            err.contains("pack.yaml") && err.contains(want),
            "{text}\n{err}"
        );
    }
    // A folder without a pack file.
    std::fs::remove_file(dir.path().join("pack.yaml")).unwrap();
    let err = stderr(&fzlint(&["rules", "--pack", &d]));
    assert!(err.contains("无法读取规则包文件"), "{err}");
}

#[test]
fn sarif_results_of_another_pack_name_it() {
    let xxgk = fixture("late.txt");
    let fazhi = root().join("tests/fixtures/rules/late-publication.txt");
    let o = fzlint(&[
        "check",
        "--isolated",
        "--format",
        "sarif",
        xxgk.to_str().unwrap(),
        fazhi.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("SARIF JSON");
    let results = v["runs"][0]["results"].as_array().unwrap();
    let by_rule = |id: &str| {
        results
            .iter()
            .find(|r| r["ruleId"] == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    assert_eq!(
        by_rule("xxgk-late-publication")["properties"]["pack"],
        "xxgk"
    );
    assert!(by_rule("late-publication").get("properties").is_none());
    // The run describes the rules of both packs.
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "xxgk-late-publication"));
}

#[test]
fn junit_cases_of_another_pack_name_it() {
    let xxgk = fixture("clean.txt");
    let fazhi = root().join("tests/fixtures/rules/late-publication.txt");
    let o = fzlint(&[
        "check",
        "--isolated",
        "--format",
        "junit",
        xxgk.to_str().unwrap(),
        fazhi.to_str().unwrap(),
    ]);
    let xml = stdout(&o);
    let case = |name: &Path| {
        let name = name.to_str().unwrap();
        let start = xml.find(&format!("name=\"{name}\"")).expect("its case");
        let end = xml[start..]
            .find("<testcase")
            .map_or(xml.len(), |e| start + e);
        xml[start..end].to_string()
    };
    let property = "<property name=\"fzlint.pack\" value=\"xxgk\"/>";
    assert!(case(&xxgk).contains(property), "{xml}");
    assert!(!case(&fazhi).contains("fzlint.pack"), "{xml}");
}

#[test]
fn an_offices_config_written_for_the_fazhi_pack_still_lets_a_report_choose_its_pack() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("报告.txt");
    let text = std::fs::read_to_string(fixture("late.txt")).unwrap();
    // A placeholder left in, to see the config's word on a rule both packs run.
    std::fs::write(&report, text.replace("全年通过", "全年通过XX")).unwrap();
    std::fs::write(
        dir.path().join(".fzlint.yaml"),
        "rules:\n  missing-duties: off\n  placeholder: warning\n",
    )
    .unwrap();
    let o = fzlint(&["check", "--format", "concise", report.to_str().unwrap()]);
    let out = stdout(&o);
    assert!(out.contains("error[xxgk-late-publication]"), "{out}");
    assert!(out.contains("warning[placeholder]"), "{out}");
    assert!(!out.contains("[genre]"), "{out}");
}

#[test]
fn a_per_path_entry_chooses_the_pack_for_its_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("信息公开")).unwrap();
    let inside = dir.path().join("信息公开/报告.txt");
    let outside = dir.path().join("报告.txt");
    for f in [&inside, &outside] {
        std::fs::copy(fixture("missing-part.txt"), f).unwrap();
    }
    // The folder's files are read with xxgk; the rest with the pack the config names.
    std::fs::write(
        dir.path().join(".fzlint.yaml"),
        "pack: fazhi\nper_path:\n  - paths: ['信息公开/**']\n    pack: xxgk\n",
    )
    .unwrap();
    let concise = |f: &std::path::Path| {
        stdout(&fzlint(&[
            "check",
            "--format",
            "concise",
            f.to_str().unwrap(),
        ]))
    };
    let (i, o) = (concise(&inside), concise(&outside));
    assert!(
        i.contains("[xxgk-missing-part]") && !i.contains("[genre]"),
        "{i}"
    );
    assert!(o.contains("[genre]") && !o.contains("[xxgk-"), "{o}");
}

#[test]
fn config_shows_the_pack_its_reports_are_read_with() {
    let shown = |args: &[&str]| {
        let mut all = vec!["config", "--isolated", "--format", "json"];
        all.extend(args);
        let v: serde_json::Value = serde_json::from_slice(&fzlint(&all).stdout).unwrap();
        v["pack"].as_str().unwrap_or("").to_string()
    };
    assert_eq!(shown(&[]), "法治政府建设年度报告（内置）");
    assert_eq!(
        shown(&["--pack", "xxgk"]),
        "政府信息公开工作年度报告（内置，xxgk）"
    );
}
