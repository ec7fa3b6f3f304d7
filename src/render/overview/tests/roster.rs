//! The roster: reading it, its errors, and matching reports to its units.

use super::super::roster::{MatchedBy, Roster, parse, submissions};
use super::super::{Batch, Entry, csv_for, html};
use super::cases::*;

fn units(r: &Roster) -> Vec<(&str, Vec<&str>, usize)> {
    r.units
        .iter()
        .map(|u| {
            (
                u.name.as_str(),
                u.aliases.iter().map(String::as_str).collect(),
                u.line,
            )
        })
        .collect()
}

#[test]
fn a_roster_is_a_list_or_csv_with_other_names() {
    let text = "\u{FEFF}单位名称,简称\n# 乡镇\n白石桥镇人民政府\n\n 沙洲市 司法局 ,市司法局\n\"青山县人民政府,办公室\",\"青山县\"\"府办\"\"\"\n";
    let r = parse("名单.csv", text.as_bytes()).unwrap();
    assert_eq!(
        units(&r),
        [
            ("白石桥镇人民政府", vec![], 3),
            ("沙洲市司法局", vec!["市司法局"], 5),
            ("青山县人民政府,办公室", vec!["青山县\"府办\""], 6),
        ]
    );
}

#[test]
fn a_roster_saved_as_gbk_is_read() {
    // 白石桥镇人民政府 and 红旗镇 in GBK, as a spreadsheet program saves CSV on a
    // Chinese system.
    let (gbk, _, bad) = encoding_rs::GBK.encode("单位\r\n白石桥镇人民政府\r\n红旗镇,红旗\r\n");
    assert!(!bad);
    let r = parse("名单.csv", &gbk).unwrap();
    assert_eq!(
        units(&r),
        [("白石桥镇人民政府", vec![], 2), ("红旗镇", vec!["红旗"], 3)]
    );
}

#[test]
fn a_bad_roster_is_refused_with_its_file_and_line() {
    let err = |bytes: &[u8]| parse("units.txt", bytes).unwrap_err().to_string();
    // Two lines of UTF-8, then bytes that are no text in any encoding.
    assert_eq!(
        err(b"\xe7\x99\xbd\xe7\x9f\xb3\n\xe6\xb2\x99\n\x80\xff\x80\xff\x81\xfe\n"),
        "units.txt: 第3行：名单文件的编码无法识别（不是 UTF-8，也不像 GB18030/GBK），请另存为 UTF-8"
    );
    for (text, message) in [
        ("白石桥镇人民政府\n\"沙洲市司法局\n", "第2行：引号没有闭合"),
        (
            "白石桥镇人民政府\n沙洲市司法局\n白石桥镇人民政府\n",
            "第3行：“白石桥镇人民政府”已在第1行出现，一个名称只能对应一个单位",
        ),
        (
            "白石桥镇人民政府\n,沙洲\n",
            "第2行：第一列应为单位名称，这里是空的",
        ),
        ("# 只有注释\n\n", "名单中没有单位"),
        ("单位\n", "名单中没有单位"),
    ] {
        assert_eq!(err(text.as_bytes()), format!("units.txt: {message}"));
    }
}

fn report(path: &str, title: Option<&str>, closing: &str) -> Entry {
    Entry {
        closing: closing.to_string(),
        ..readable(path, title, Some(2024), None, "HHHHHH", vec![])
    }
}

#[test]
fn reports_are_matched_by_title_then_closing_then_file_name() {
    let roster = parse(
        "r.txt",
        "白石桥镇人民政府\n沙洲市人民政府\n沙洲市司法局\n青山县人民政府\n东湖街道办事处,东湖街道\n"
            .as_bytes(),
    )
    .unwrap();
    let es = vec![
        // The short form of 白石桥镇人民政府, before the year.
        report("a.txt", Some("白石桥镇2024年度法治政府建设工作报告"), ""),
        // The longest name wins: the bureau, not the city.
        report(
            "b.txt",
            Some("沙洲市司法局2024年度法治政府建设情况报告"),
            "",
        ),
        // No issuer in the title: the closing lines.
        report(
            "c.txt",
            Some("2024年度法治政府建设工作报告"),
            "东湖街道\n2025年2月1日",
        ),
        // Another unit of a township the roster does not list: no match by the short form.
        report(
            "d.txt",
            Some("白石桥镇司法所2024年度工作报告"),
            "白石桥镇司法所",
        ),
        // Nothing in the text: the file name.
        report("reports/青山县人民政府.docx", None, ""),
    ];
    let s = submissions(&roster, &es);
    let got: Vec<Option<(usize, MatchedBy, &str)>> = s
        .matches
        .iter()
        .map(|m| m.as_ref().map(|m| (m.unit, m.by, m.found.as_str())))
        .collect();
    assert_eq!(
        got,
        [
            Some((0, MatchedBy::Title, "白石桥镇")),
            Some((2, MatchedBy::Title, "沙洲市司法局")),
            Some((4, MatchedBy::Signature, "东湖街道")),
            None,
            Some((3, MatchedBy::FileName, "青山县人民政府")),
        ]
    );
    assert_eq!(s.missing(), [1]);
    assert_eq!(s.reports[0], [0]);

    let with_roster = Batch {
        roster: Some(Ok(roster)),
        ..batch()
    };
    let csv = csv_for(&es, &with_roster);
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    row_ends(
        &lines,
        0,
        ",审核结论,结论依据,报送单位,匹配依据,审核意见文件,内容雷同,规则说明",
    );
    row_ends(&lines, 1, ",白石桥镇人民政府,标题,,,");
    row_ends(&lines, 3, ",东湖街道办事处,落款,,,");
    row_ends(&lines, 4, ",,未匹配名单,,,");
    row_ends(&lines, 5, ",青山县人民政府,文件名（请核对）,,,");
    // The unit that has not submitted: a row of its own.
    assert_eq!(lines[6], ",,,,,,,,,,,,,,,未报送,,沙洲市人民政府,,,,");
    assert_eq!(lines.len(), 7);

    let page = html(&es, &with_roster);
    assert!(page.contains("<li>未报送 <strong>1</strong> 个单位</li>"));
    assert!(page.contains("已报送 <strong>4</strong> 个，未报送 <strong>1</strong> 个；未对上名单的报告 <strong>1</strong> 份。"));
    assert!(page.contains("<ul class=\"missing-units\"><li>沙洲市人民政府<span class=\"none\">（名单第2行）</span></li></ul>"));
    assert!(page.contains("<ul class=\"unmatched\"><li><a href=\"#r3\">d.txt</a></li></ul>"));
    assert!(page.contains("报送单位：白石桥镇人民政府（据标题“白石桥镇”）"));
    assert!(page.contains("报送单位：未对上名单中的单位"));
}

#[test]
fn without_a_roster_the_columns_are_empty_and_a_broken_one_is_said() {
    let es = vec![complete("a.txt", T)];
    let csv = csv_for(&es, &batch());
    assert!(csv.trim_end().ends_with(",通过,,,,,,"), "{csv}");
    assert!(!html(&es, &batch()).contains("报送情况"));
    let broken = parse("r.txt", b"").map(|_| unreachable!());
    let page = html(
        &es,
        &Batch {
            roster: Some(broken),
            ..batch()
        },
    );
    assert!(
        page.contains("名单未能读取：r.txt: 名单中没有单位"),
        "{page}"
    );
}
