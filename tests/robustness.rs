//! No input makes fzlint panic: empty text, noise, huge lines, odd structure.

use fzlint::render::{FileReport, human, json};
use fzlint::rules::RuleSet;
use fzlint::source::Source;
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
    let _ = json::diagnostics(&f);
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
