//! The verdict on each report under the default and an office's settings.

use super::super::verdict::{Verdict, VerdictRules, decide};
use super::super::{Entry, csv_for};
use super::cases::*;

fn with(e: Entry, rules: VerdictRules) -> Entry {
    Entry {
        verdict_rules: rules,
        ..e
    }
}

#[test]
fn by_default_errors_and_missing_contents_send_a_report_back() {
    let d = decide(&complete("a.txt", T));
    assert_eq!(
        (d.verdict, d.label(), d.basis()),
        (Verdict::Pass, "通过".into(), String::new())
    );

    let d = decide(&usual(
        "b.txt",
        "-HHHHH",
        simples(&[("missing-measures", "error"), ("numbering-gap", "warning")]),
    ));
    assert_eq!(d.verdict, Verdict::Return);
    assert_eq!(d.label(), "退回修改");
    assert_eq!(d.reasons, ["缺少主要举措和成效", "错误 1 处"]);
    assert_eq!(d.notes, ["警告 1 处"]);
    assert_eq!(
        d.basis(),
        "缺少主要举措和成效；错误 1 处；可不修改：警告 1 处"
    );

    // Only warnings and notes: passed, the warnings sent as notes.
    let d = decide(&usual(
        "c.txt",
        "HHHHHH",
        simples(&[("numbering-style", "warning"), ("level-skip", "info")]),
    ));
    assert_eq!(d.verdict, Verdict::Pass);
    assert_eq!(d.label(), "通过（附意见）");
    assert_eq!(d.basis(), "可不修改：警告 1 处，提示 1 处");

    // A missing content alone (its finding switched off) still sends it back.
    let d = decide(&usual("d.txt", "HHH-HH", vec![]));
    assert_eq!(
        (d.verdict, d.reasons.clone()),
        (Verdict::Return, vec!["缺少主要负责人履职".to_string()])
    );
    // 其他事项 is not required.
    assert_eq!(
        decide(&usual("e.txt", "HHHHH-", vec![])).verdict,
        Verdict::Pass
    );

    let d = decide(&unreadable("f.docx", Some(BROKEN)));
    assert_eq!(
        (d.verdict, d.reasons.clone()),
        (Verdict::Return, vec!["文件无法读取".to_string()])
    );
}

#[test]
fn an_office_decides_what_each_defect_leads_to() {
    let lenient = VerdictRules {
        error: Verdict::Amend,
        missing: Verdict::Return,
        warning: Verdict::Pass,
        late: Verdict::Amend,
    };
    let errors = usual("a.txt", "HHHHHH", vec![simple("invalid-date", "error")]);
    let d = decide(&with(errors, lenient));
    assert_eq!(
        (d.verdict, d.label()),
        (Verdict::Amend, "补充后通过".into())
    );
    assert_eq!(d.reasons, ["错误 1 处"]);

    // The strictest verdict that applies wins.
    let both = usual("b.txt", "HHH-HH", vec![simple("invalid-date", "error")]);
    assert_eq!(decide(&with(both, lenient)).verdict, Verdict::Return);

    // Late publication on its own setting.
    let on_time = usual("c.txt", "HHHHHH", vec![]);
    assert_eq!(
        decide(&with(late(on_time), lenient)).verdict,
        Verdict::Amend
    );
    assert_eq!(
        decide(&late(usual("c.txt", "HHHHHH", vec![]))).verdict,
        Verdict::Pass
    );

    // Warnings sent back when the office says so.
    let strict = VerdictRules {
        warning: Verdict::Return,
        ..VerdictRules::default()
    };
    let w = usual(
        "d.txt",
        "HHHHHH",
        vec![simple("numbering-style", "warning")],
    );
    let d = decide(&with(w, strict));
    assert_eq!(
        (d.verdict, d.reasons.clone(), d.notes.clone()),
        (Verdict::Return, vec!["警告 1 处".to_string()], vec![])
    );
}

#[test]
fn the_csv_and_the_page_carry_the_verdict() {
    let es = vec![
        complete("a.txt", T),
        usual("b.txt", "-HHHHH", vec![simple("missing-measures", "error")]),
    ];
    let out = csv_for(&es, &batch());
    let lines: Vec<&str> = out.split("\r\n").collect();
    assert!(
        lines[0].contains(",无法读取,审核结论,结论依据,"),
        "{}",
        lines[0]
    );
    row_ends(&lines, 1, ",通过,,,,,,");
    row_ends(&lines, 2, ",退回修改,缺少主要举措和成效；错误 1 处,,,,,");
    let page = super::super::html(&es, &batch());
    assert!(page.contains("data-verdict=\"pass\""));
    assert!(page.contains("data-verdict=\"return\""));
    assert!(page.contains("<option value=\"return\">退回修改</option>"));
    assert!(page.contains("<li>退回修改 <strong>1</strong> 份</li>"));
    assert!(page.contains("审核结论：<strong>退回修改</strong>（缺少主要举措和成效；错误 1 处）"));
}
