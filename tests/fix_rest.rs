//! Safe fixes come to rest: fixing the fixed text changes nothing more. Two shapes the
//! fix fuzz target found where a fix changed how a neighbouring line was read.

mod common;
use common::*;

/// The text after `check --fix`, run once and then again.
fn fixed_twice(name: &str, text: &str) -> (String, String) {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join(name);
    std::fs::write(&f, text).unwrap();
    let p = f.display().to_string();
    let mut after = Vec::new();
    for _ in 0..2 {
        fzlint(&["check", "--isolated", "--fix", &p]);
        after.push(std::fs::read_to_string(&f).unwrap());
    }
    (after.remove(0), after.remove(0))
}

#[test]
fn a_marker_with_a_blank_inside_is_no_marker_that_lost_its_half() {
    // 「（一____）」 is a whole marker with a blank in it: once the lost （二） is put back
    // it must not turn into a (一 that lost its bracket.
    let text = "青石镇2024年度法治政府建设工作报告\n一、主要举措\n（一）健全制度\n（一_________________________________）完善机制\n规范执法\n（三）化解纠纷\n调解纠纷40起。\n";
    let (once, twice) = fixed_twice("r.txt", text);
    assert!(
        once.contains("（二）"),
        "the lost number is put back: {once}"
    );
    assert_eq!(once, twice, "the fix comes to rest");
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("r.txt");
    std::fs::write(&f, &once).unwrap();
    let out = stdout(&fzlint(&[
        "check",
        "--isolated",
        "--format",
        "concise",
        &f.display().to_string(),
    ]));
    assert!(!out.contains("少了半边括号"), "{out}");
}

#[test]
fn the_rows_of_a_pipe_table_hold_no_headings() {
    // A note with no heading at a line's start: headings are looked for after sentence
    // boundaries, and the cells quote heading numbers after a space.
    let text = "本表说明各稿的改动。\n\n| 文件 | 说明 |\n|---|---|\n| 初稿.txt | 原稿 二、2025年工作安排 排在 三、存在的不足及原因 之前 |\n| 二稿.txt | 原稿 (三)化解纠纷 接在 (一)健全制度 之后 |\n";
    let (once, twice) = fixed_twice("r.md", text);
    assert_eq!(once, text, "nothing in the table is renumbered");
    assert_eq!(once, twice);
}
