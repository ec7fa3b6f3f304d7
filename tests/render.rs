//! Human output: carets under Chinese characters, long lines shown as a window.

use fzlint::render::{FileReport, human};
use fzlint::rules::RuleSet;
use fzlint::text::source::Source;
use fzlint::{Settings, lint};

fn render(name: &str, text: &str) -> String {
    let set = RuleSet::builtin().unwrap();
    let src = Source::new(name, text);
    let d = lint(&src, &set, &Settings::default());
    human::render(
        &FileReport {
            src: &src,
            diagnostics: &d,
        },
        false,
    )
}

/// Display columns: CJK characters take two.
fn width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

#[test]
fn carets_sit_under_chinese_characters() {
    let out = render(
        "t.txt",
        "青石镇2024年度法治政府建设工作报告\n一、主要举措和成效:\n全年审查重大行政决策5件。\n",
    );
    let lines: Vec<&str> = out.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.contains("一、主要举措和成效:"))
        .expect("the heading line is shown");
    let src_line = lines[i];
    let caret_line = lines[i + 1];
    let text_start = src_line.find('一').unwrap();
    let colon = src_line.find(':').unwrap();
    // The caret is as many display columns after the gutter as the colon is.
    let want = width(&src_line[text_start..colon]);
    let caret_at = caret_line.find('^').expect("a caret");
    let gutter = width(&caret_line[..text_start.min(caret_line.len())]);
    assert_eq!(
        width(&caret_line[..caret_at]) - gutter,
        want,
        "\n{src_line}\n{caret_line}"
    );
    assert!(out.contains("t.txt:2:10"), "{out}");
}

#[test]
fn a_four_thousand_character_line_is_shown_as_a_window() {
    let filler = "全面推进依法行政,持续优化法治化营商环境。".repeat(190);
    let text = format!(
        "青石镇2024年度法治政府建设工作报告 2024年,青石镇推进法治建设。{filler}在2024929日召开会议。"
    );
    assert!(text.chars().count() > 4000);
    let out = render("long.txt", &text);
    let col = text[..text.find("2024929").unwrap()].chars().count() + 1;
    assert!(
        out.contains(&format!("long.txt:1:{col}")),
        "the true column is kept: {out}"
    );
    let longest = out.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(
        longest < 200,
        "no line prints in full ({longest} chars):\n{out}"
    );
    let shown = out
        .lines()
        .find(|l| l.contains("2024929日") && l.contains(" │ "))
        .expect("the date is in the window");
    assert!(shown.contains('…'), "{shown}");
    assert!(out.contains("可能是“2024年9月29日”"), "{out}");
}

#[test]
fn fullwidth_text_is_shown_as_written() {
    let out = render(
        "fw.txt",
        "青石镇2024年度法治政府建设工作报告\n一、主要举措和成效\n（一）健全制度\n（三）规范执法\n",
    );
    assert!(out.contains("（三）规范执法"), "{out}");
    assert!(out.contains("应为（二）"), "{out}");
    assert!(out.contains("fw.txt:4:1"), "{out}");
}

#[test]
fn an_unmatched_quote_deep_in_a_long_line_is_placed_exactly() {
    let filler = "全面推进依法行政，持续优化法治化营商环境。".repeat(190);
    let text = format!(
        "青石镇2024年度法治政府建设工作报告\n2024年，青石镇推进法治建设。{filler}开展“法律进乡村活动。\n"
    );
    let set = RuleSet::builtin().unwrap();
    let src = Source::new("long.txt", &text);
    let d = lint(&src, &set, &Settings::default());
    let u = d
        .iter()
        .find(|d| d.rule == "unmatched-pair")
        .expect("the lone quote is found");
    let line2 = text.lines().nth(1).unwrap();
    let col = line2[..line2.find('“').unwrap()].chars().count() + 1;
    assert!(col > 3900);
    assert_eq!(src.line_col(u.span.start), (2, col));
}
