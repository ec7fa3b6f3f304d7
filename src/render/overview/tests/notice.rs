//! Return notices: what they list, in which order, and their files' names.

use super::super::notice::{Item, date_words, docx, file_name, is_notice, items, text};
use super::super::verdict::{Verdict, VerdictRules};
use super::super::{Entry, Finding};
use super::cases::*;
use crate::pack::Part;

fn date_finding() -> Finding {
    finding(
        "invalid-date",
        "error",
        (15, 2),
        (15, 10),
        "在2024928日召开的执法案卷评查会上",
    )
}

#[test]
fn a_report_that_passes_gets_no_notice() {
    assert!(items(&complete("a.txt", T)).is_none());
    let warned = usual(
        "b.txt",
        "HHHHHH",
        vec![simple("numbering-style", "warning")],
    );
    assert!(text(&warned, None, None, "2026年3月1日").is_none());
}

#[test]
fn what_must_be_fixed_comes_first_in_the_report_order_then_what_may_stay() {
    let mut missing = finding("missing-duties", "error", (1, 1), (1, 3), "某县司法局");
    missing.missing_part = Some(Part::named("duties"));
    let e = usual(
        "dept/b.txt",
        "HHH-HH",
        vec![
            missing,
            simple("numbering-style", "warning"),
            date_finding(),
            simple("level-skip", "info"),
        ],
    );
    let n = items(&e).unwrap();
    assert_eq!(n.verdict, Verdict::Return);
    let places = |v: &[Item]| v.iter().map(|i| i.message.clone()).collect::<Vec<_>>();
    // The missing content is said once, by its own finding.
    assert_eq!(
        places(&n.must),
        ["missing-duties：问题说明", "invalid-date：问题说明"]
    );
    assert_eq!(
        places(&n.may),
        ["numbering-style：问题说明", "level-skip：问题说明"]
    );
    assert_eq!(
        n.must[1],
        Item {
            place: "第15行第2字".into(),
            message: "invalid-date：问题说明".into(),
            quote: Some("在【2024928日】召开的执法案卷评查会上".into()),
            help: Some("invalid-date：修改建议".into()),
        }
    );
    let t = text(&e, Some("某县司法局"), None, "2026年3月1日").unwrap();
    let lines: Vec<&str> = t.lines().collect();
    assert_eq!(
        lines,
        [
            format!("关于《{T}》的退回意见"),
            String::new(),
            "某县司法局：".into(),
            String::new(),
            format!(
                "    你单位报送的《{T}》（文件 dept/b.txt）已收悉。经审核，审核结论为：退回修改。请按以下意见修改后重新报送。"
            ),
            String::new(),
            "一、需要修改的问题（2 处）".into(),
            "1. 第1行第1字：missing-duties：问题说明".into(),
            "   原文：【某县】司法局".into(),
            "   修改建议：missing-duties：修改建议".into(),
            "2. 第15行第2字：invalid-date：问题说明".into(),
            "   原文：在【2024928日】召开的执法案卷评查会上".into(),
            "   修改建议：invalid-date：修改建议".into(),
            String::new(),
            "二、可以保留的问题（2 处，供参考，可不修改）".into(),
            "1. 第5行第1字：numbering-style：问题说明".into(),
            "   原文：【三、】存在的不足和原因".into(),
            "   建议：numbering-style：修改建议".into(),
            "2. 第5行第1字：level-skip：问题说明".into(),
            "   原文：【三、】存在的不足和原因".into(),
            "   建议：level-skip：修改建议".into(),
            String::new(),
            "    修改时请核对全文，同类问题一并改正。感谢你单位的支持配合。".into(),
            String::new(),
            "（审核单位）".into(),
            "2026年3月1日".into(),
        ]
    );
    // Sent by a named office: it signs, and it is the one to ask; the rest is the same
    // line for line.
    let signed = text(
        &e,
        Some("某县司法局"),
        Some(" 某县全面依法治县委员会办公室 "),
        "2026年3月1日",
    )
    .unwrap();
    let signed: Vec<&str> = signed.lines().collect();
    assert_eq!(signed.len(), lines.len());
    for (k, (a, b)) in lines.iter().zip(&signed).enumerate() {
        match k {
            _ if k == lines.len() - 4 => assert_eq!(
                *b,
                "    修改时请核对全文，同类问题一并改正。如有疑问，请与某县全面依法治县委员会办公室联系。感谢你单位的支持配合。"
            ),
            _ if k == lines.len() - 2 => assert_eq!(*b, "某县全面依法治县委员会办公室"),
            _ => assert_eq!(a, b, "line {k}"),
        }
    }
    // A blank name is no name.
    assert_eq!(
        text(&e, Some("某县司法局"), Some("  "), "2026年3月1日").unwrap(),
        t
    );
}

#[test]
fn a_missing_content_without_its_finding_is_listed_and_the_settings_decide_what_is_a_must() {
    // A report with a date error and the given parts, errors leading to 补充后通过.
    let amend = |parts: &str, missing: Verdict| Entry {
        verdict_rules: VerdictRules {
            missing,
            error: Verdict::Amend,
            ..VerdictRules::default()
        },
        ..usual("c.txt", parts, vec![date_finding()])
    };
    let n = items(&amend("HH-HHH", Verdict::Return)).unwrap();
    // The causes are not a required content of their own: only the error counts.
    assert_eq!(n.verdict, Verdict::Amend);
    assert_eq!(n.must.len(), 1);
    assert_eq!(n.must[0].message, "invalid-date：问题说明");
    assert!(n.may.is_empty());
    let n = items(&amend("HHH-HH", Verdict::Return)).unwrap();
    assert_eq!(n.verdict, Verdict::Return);
    // The missing content, with no finding of its own, first.
    assert_eq!(n.must[0].message, "报告缺少“主要负责人履职”的内容");
    assert_eq!(n.must[0].place, "全文");
    assert_eq!(n.must[1].message, "invalid-date：问题说明");
    let e = amend("HHH-HH", Verdict::Pass);
    let n = items(&e).unwrap();
    assert_eq!(n.verdict, Verdict::Amend);
    assert_eq!(n.must[0].place, "第15行第2字");
    assert_eq!(n.may[0].message, "报告缺少“主要负责人履职”的内容");
    let t = text(&e, None, None, "2026年3月1日").unwrap();
    assert!(
        t.starts_with(&format!("关于《{T}》的审核意见\n\n报送单位：\n")),
        "{t}"
    );
    assert!(t.contains("审核结论为：补充后通过。请按以下意见补充修改后报送"));
}

#[test]
fn an_unreadable_file_is_sent_back_to_be_saved_again() {
    let t = text(&unreadable("x.docx", Some(BROKEN)), None, None, "").unwrap();
    assert!(t.starts_with("关于报告（文件 x.docx）的退回意见"), "{t}");
    assert!(t.contains(&format!("1. 全文：文件无法读取：{BROKEN}")));
}

#[test]
fn notice_files_are_numbered_as_the_overview_and_safe_to_name() {
    for (i, count, path, verdict, name) in [
        (0, 9, "a/r.txt", Verdict::Return, "1-r-退回意见.txt"),
        (
            11,
            120,
            "b\\报告.v2.docx",
            Verdict::Amend,
            "012-报告.v2-审核意见.txt",
        ),
        (0, 1, "a:b?.txt", Verdict::Return, "1-a_b_-退回意见.txt"),
    ] {
        assert_eq!(file_name(i, count, path, verdict), name);
    }
    assert!(is_notice("1-r-退回意见.txt", "\u{FEFF}关于《".as_bytes()));
    assert!(!is_notice("1-r-退回意见.txt", "关于".as_bytes()));
    assert!(!is_notice("r.txt", "\u{FEFF}关于".as_bytes()));
    assert!(is_notice("1-r-审核意见.docx", b"PK\x03\x04rest"));
    assert!(!is_notice("1-r-审核意见.docx", "\u{FEFF}关于".as_bytes()));
    assert!(!is_notice("1-r-意见.docx", b"PK\x03\x04rest"));
    assert_eq!(date_words("2026-03-01 08:00（北京时间）"), "2026年3月1日");
    assert_eq!(date_words(""), "");
}

#[test]
fn the_word_notice_holds_the_text_one_paragraph_a_line() {
    let t = text(
        &usual("b.txt", "HHHHHH", vec![date_finding()]),
        None,
        Some("某县司法局"),
        "2026年3月1日",
    )
    .unwrap();
    let a = docx(&t);
    assert_eq!(a, docx(&t), "the same text gives the same bytes");
    assert!(a.starts_with(b"PK\x03\x04"));
    let dir = std::env::temp_dir().join(format!("fzlint-notice-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("n.docx");
    std::fs::write(&path, &a).unwrap();
    let read = crate::input::read(&path, 1 << 20).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        read.original().lines().collect::<Vec<_>>(),
        t.lines().collect::<Vec<_>>()
    );
}
