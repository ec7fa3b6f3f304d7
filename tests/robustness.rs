//! No input makes fzlint panic: empty text, noise, huge lines, odd structure.

use fzlint::render::{FileReport, human, json};
use fzlint::rules::RuleSet;
use fzlint::text::source::Source;
use fzlint::{Settings, lint};

fn check(name: &str, text: &str) -> Vec<fzlint::diagnostic::Diagnostic> {
    let set = RuleSet::builtin().unwrap();
    let src = Source::new(name, text);
    let d = lint(&src, &set, &Settings::default());
    // Rendering must survive whatever the rules found.
    let f = FileReport {
        src: &src,
        diagnostics: &d,
    };
    let _ = human::render(&f, true);
    let _ = json::diagnostics(&f, "test");
    d
}

/// A small deterministic generator, so a failure can be replayed.
struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn empty_and_blank_input_get_one_clear_finding() {
    for t in ["", "\n", "  \n\t\n", "\u{FEFF}", "\r\n\r\n"] {
        let d = check("empty.txt", t);
        let ids: Vec<&str> = d.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(ids, ["empty-report"], "{t:?}");
    }
}

#[test]
fn random_bytes_as_text_do_not_panic() {
    let mut rng = XorShift(0x9E3779B97F4A7C15);
    for round in 0..300 {
        let len = (rng.next() % 600) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| (rng.next() & 0xFF) as u8).collect();
        let text = String::from_utf8_lossy(&bytes);
        let _ = check(&format!("noise-{round}"), &text);
    }
}

#[test]
fn random_report_like_text_does_not_panic() {
    const PIECES: &[&str] = &[
        "一、",
        "(一)",
        "(",
        ")",
        "1.",
        "1、",
        "(1)",
        "。",
        ",",
        ":",
        "\n",
        "特此报告。",
        "2024年",
        "13月",
        "2月30日",
        "2024929日",
        "《",
        "》",
        "XX",
        "首页>",
        "发布时间:2025-01-13",
        "存在的问题",
        "工作安排",
        "第一责任人",
        "镇长",
        "究其原因",
        "现将",
        "报告如下:",
        "十",
        "二是",
        " ",
        "\u{3000}",
        "\r",
        "”",
    ];
    let mut rng = XorShift(42);
    for _ in 0..400 {
        let n = (rng.next() % 80) as usize;
        let text: String = (0..n)
            .map(|_| PIECES[(rng.next() % PIECES.len() as u64) as usize])
            .collect();
        let _ = check("pieces.txt", &text);
    }
}

#[test]
fn a_one_megabyte_single_line_is_linted() {
    let unit = "一、二季度(一)项11.77%,5.0分;二是在2024929日开展“普法”活动。";
    let text = unit.repeat(1_000_000 / unit.len() + 1);
    assert!(text.len() >= 1_000_000 && !text.contains('\n'));
    let d = check("big.txt", &text);
    assert!(d.iter().any(|d| d.rule == "invalid-date"));
    assert!(d.iter().any(|d| d.rule == "missing-title"));
}

#[test]
fn many_headings_and_deep_brackets_do_not_panic() {
    let mut text = String::from("青石镇2024年度法治政府建设工作报告\n");
    for i in 1..=3000 {
        text.push_str(&format!("{i}.标题{i}\n"));
    }
    text.push_str(&"(".repeat(5000));
    text.push_str(&"“".repeat(5000));
    let d = check("many.txt", &text);
    assert!(
        d.iter().any(|d| d.rule == "level-skip") || d.iter().all(|d| d.rule != "numbering-gap")
    );
}

mod common;
use common::{fzlint, stderr, stdout};

#[test]
fn a_hundred_thousand_headings_are_a_tree() {
    // 99 parts of 10 sections of 100 items: 100,089 headings (numbers above 999 are
    // not heading numbers, so the count is made up by nesting).
    let cn = |n: u32| {
        let d = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        match n {
            1..=9 => d[n as usize].to_string(),
            10..=19 => format!("十{}", d[(n % 10) as usize]),
            _ => format!("{}十{}", d[(n / 10) as usize], d[(n % 10) as usize]),
        }
    };
    let mut text = String::from("青石镇2024年度法治政府建设工作报告\n");
    for a in 1..=99 {
        text.push_str(&format!("{}、主要举措{a}\n", cn(a)));
        for b in 1..=10 {
            text.push_str(&format!("({})依法决策{b}\n", cn(b)));
            for c in 1..=100 {
                text.push_str(&format!("{c}.措施{c}\n"));
            }
        }
    }
    let src = Source::new("many.txt", &text);
    let set = RuleSet::builtin().unwrap();
    let r = fzlint::parse::parse(&src, &set.vocab);
    assert_eq!(r.headings.len(), 99 + 990 + 99_000);
    let last = r.headings.last().unwrap();
    assert_eq!((last.level, last.number), (3, 100));
    assert_eq!(r.headings[last.parent.unwrap()].level, 2);
    let d = check("many.txt", &text);
    // Numbered without a gap: nothing about numbering; the missing parts are reported.
    assert!(
        d.iter().all(|d| !d.rule.starts_with("numbering")),
        "{:?}",
        &d[..d.len().min(3)]
    );
    assert!(d.iter().any(|d| d.rule == "missing-plan"));
}

#[test]
fn deeply_nested_brackets_are_each_reported_once() {
    let text = format!(
        "青石镇2024年度法治政府建设工作报告\n全年审查{}决策5件。\n",
        "(".repeat(5000)
    );
    let d = check("brackets.txt", &text);
    let lone: Vec<_> = d.iter().filter(|d| d.rule == "unmatched-pair").collect();
    // The first 50 listed, the other 4,950 folded into one finding.
    assert_eq!(lone.len(), 51);
    assert_eq!(lone.iter().map(|d| d.folded.max(1)).sum::<usize>(), 5000);
    let mut starts: Vec<usize> = lone.iter().map(|d| d.span.start).collect();
    starts.dedup();
    assert_eq!(starts.len(), 51, "each bracket once");
}

#[test]
fn invalid_utf8_in_the_middle_is_named_with_its_byte() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = "青石镇2024年度法治政府建设工作报告\n全年审查重大行政决策5件。\n"
        .repeat(20)
        .into_bytes();
    // Just after a line break, so the bad byte starts a character.
    let at = bytes[..bytes.len() / 2]
        .iter()
        .rposition(|&b| b == b'\n')
        .unwrap()
        + 1;
    bytes.insert(at, 0xFF);
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, &bytes).unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "青石镇2024年度法治政府建设工作报告\n").unwrap();
    let o = fzlint(&[
        "check",
        "--format",
        "concise",
        bad.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "error: {}: 无法识别文本编码（不是有效的 UTF-8，第 {} 字节起无效，也不像 GB18030、Big5 等编码）\n",
            bad.display(),
            at + 1
        )
    );
    assert!(stdout(&o).contains("good.txt:1:1: error[missing-measures]"));
}

#[test]
fn a_file_over_the_size_limit_is_refused_unless_the_limit_is_raised() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let line = "全年审查重大行政决策5件,办理行政复议案件12件。";
    let text = format!(
        "青石镇2024年度法治政府建设工作报告\n{}\n",
        line.repeat(1024 * 1024 / line.len() + 1)
    );
    assert!(text.len() > 1024 * 1024);
    std::fs::write(&big, &text).unwrap();
    let p = big.to_str().unwrap();
    let o = fzlint(&["check", "--format", "concise", "--max-file-size", "1", p]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "error: {p}: 文件超过 1 MB 上限（{} 字节），未检查；确需检查可用 --max-file-size 放宽\n",
            text.len()
        )
    );
    let o = fzlint(&["check", "--format", "concise", "--max-file-size", "2", p]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("error[missing-measures]"));
}

#[test]
fn a_folder_of_ten_thousand_reports_is_linted_in_order() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..10_000 {
        let sub = dir.path().join(format!("{:02}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir(&sub).unwrap();
        }
        std::fs::write(
            sub.join(format!("{i:05}.txt")),
            format!("青石镇{}年度法治政府建设工作报告\n", 2020 + i % 5),
        )
        .unwrap();
    }
    let o = fzlint(&[
        "check",
        "--format",
        "concise",
        "--select",
        "missing-measures",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 10_000);
    for (i, l) in lines.iter().enumerate() {
        let name = format!("{:02}/{i:05}.txt:1:1: error[missing-measures]", i / 1000);
        assert!(l.contains(&name), "line {i}: {l}");
    }
}

#[test]
fn unreadable_paths_and_link_loops_are_named_and_the_rest_linted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("good.txt"), "青石镇2024年度法治政府建设工作报告\n").unwrap();
    // A pipe named on the command line is read like standard input.
    let fifo = d.join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            std::fs::write(&fifo, "青石镇2024年度法治政府建设工作报告\n").unwrap();
        })
    };
    std::os::unix::fs::symlink(d.join("nowhere.txt"), d.join("dangling.txt")).unwrap();
    // A link back to its own folder: a walk must not go round it for ever.
    std::fs::create_dir(d.join("loop")).unwrap();
    std::fs::write(
        d.join("loop/inner.txt"),
        "青石镇2024年度法治政府建设工作报告\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(d.join("loop"), d.join("loop/again")).unwrap();
    let o = fzlint(&[
        "check",
        "--format",
        "concise",
        "--select",
        "missing-measures",
        fifo.to_str().unwrap(),
        d.join("dangling.txt").to_str().unwrap(),
        d.join("loop").to_str().unwrap(),
        d.join("good.txt").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    writer.join().unwrap();
    assert!(!err.contains("pipe.txt"), "{err}");
    assert!(err.contains("dangling.txt: 无法读取：文件不存在"), "{err}");
    let out = stdout(&o);
    assert!(out.contains("loop/inner.txt:1:1"), "{out}");
    assert!(out.contains("good.txt:1:1"), "{out}");
    assert!(out.contains("pipe.txt:1:1"), "{out}");
    assert_eq!(out.lines().count(), 3, "{out}");
}

#[test]
fn a_pathological_rule_file_is_refused_with_its_place_and_the_reports_still_linted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("rules")).unwrap();
    // A pattern that would compile to a huge automaton.
    std::fs::write(
        d.join("rules/huge.yaml"),
        "id: office-huge\ncategory: form\nseverity: error\nsummary: s\nmessage: m\nrationale: r\ncheck:\n  kind: patterns\n  scope: body\n  patterns:\n    - regex: '(\\w{100}){100}'\nexamples: {bad: [], good: []}\n",
    )
    .unwrap();
    // An alias bomb: each level doubles the one before.
    let mut bomb = String::from("a: &a [x, x]\n");
    for i in 1..40 {
        bomb.push_str(&format!(
            "b{i}: &b{i} [*{p}, *{p}]\n",
            p = if i == 1 {
                "a".to_string()
            } else {
                format!("b{}", i - 1)
            }
        ));
    }
    std::fs::write(d.join("rules/bomb.yaml"), bomb).unwrap();
    std::fs::write(d.join("r.txt"), "青石镇2024年度法治政府建设工作报告\n").unwrap();
    let o = fzlint(&[
        "check",
        "--format",
        "concise",
        "--rules",
        d.join("rules").to_str().unwrap(),
        d.join("r.txt").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("huge.yaml:11:"), "{err}");
    assert!(err.contains("正则表达式无效"), "{err}");
    assert!(err.contains("bomb.yaml"), "{err}");
    assert!(
        stdout(&o).contains("r.txt:1:1: error[missing-measures]"),
        "{}",
        stdout(&o)
    );
}
