//! `fzlint report` on a batch of reports of two genres: each report is read with the
//! pack its title chooses, and each pack's reports are shown with its own columns.

mod common;

use common::*;
use std::path::Path;

/// The clean 法治政府建设年度报告 fixtures and two 政府信息公开 reports (one missing its
/// sixth part), named so that the latter come first; the copy rule switched off.
fn mixed_batch(dir: &Path) -> (String, String) {
    let reports = dir.join("reports");
    std::fs::create_dir(&reports).unwrap();
    let mut clean = 0;
    for e in std::fs::read_dir(root().join("tests/fixtures/clean"))
        .unwrap()
        .flatten()
    {
        if e.path().extension().is_some_and(|x| x == "txt") {
            std::fs::copy(e.path(), reports.join(e.file_name())).unwrap();
            clean += 1;
        }
    }
    assert!(clean >= 10, "{clean}");
    for (from, to) in [
        ("clean.txt", "0-gk-clean.txt"),
        ("missing-part.txt", "0-gk-missing.txt"),
    ] {
        std::fs::copy(
            root().join("tests/fixtures/xxgk").join(from),
            reports.join(to),
        )
        .unwrap();
    }
    let config = dir.join("off.yaml");
    std::fs::write(&config, "rules:\n  copied-text: off\n").unwrap();
    (
        reports.to_str().unwrap().to_string(),
        config.to_str().unwrap().to_string(),
    )
}

const FAZHI: [&str; 5] = [
    "主要举措和成效",
    "存在的不足和原因",
    "主要负责人履职",
    "下一年度工作安排",
    "其他事项",
];
const XXGK: [&str; 6] = [
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
];

/// The headers of a matrix's table, in order.
fn headers(table: &str) -> Vec<String> {
    let head = &table[..table.find("</thead>").unwrap()];
    head.split("<th scope")
        .skip(1)
        .map(|th| {
            let mut text = String::new();
            let mut in_tag = true;
            for c in th.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text
        })
        .collect()
}

fn expected_headers(contents: &[&str]) -> Vec<String> {
    ["文件", "审核结论", "标题", "报告年度", "公开日期", "逾期"]
        .iter()
        .chain(contents)
        .chain(&["错误", "警告"])
        .map(|s| (*s).to_string())
        .collect()
}

#[test]
fn a_batch_of_two_genres_shows_a_matrix_per_pack_the_batch_pack_first() {
    let dir = tempfile::tempdir().unwrap();
    let (reports, config) = mixed_batch(dir.path());
    let o = fzlint(&["report", "--config", &config, &reports]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = stdout(&o);
    // The 法治政府建设年度报告 matrix first, with the controls, then the other one.
    let first = page
        .find("<section id=\"overview\"")
        .expect("the first matrix");
    let second = page
        .find("<section id=\"overview-xxgk\"")
        .expect("the second");
    assert!(first < second);
    assert_eq!(page.matches("<table class=\"matrix\"").count(), 2);
    assert!(page.contains("<h2 id=\"overview-h\">逐份检查结果：法治政府建设年度报告</h2>"));
    assert!(
        page.contains("<h2 id=\"overview-xxgk-h\">逐份检查结果：政府信息公开工作年度报告</h2>")
    );
    let one = &page[first..second];
    let two = &page[second..];
    let two = &two[..two.find("</section>").unwrap()];
    assert_eq!(headers(one), expected_headers(&FAZHI));
    assert_eq!(headers(two), expected_headers(&XXGK));
    // Each report in its pack's matrix, once.
    assert!(!one.contains("0-gk-"));
    assert_eq!(two.matches("<tr data-i").count(), 2);
    assert!(one.contains("city.txt") && !two.contains("city.txt"));
    // The report missing its sixth part: 缺失 in the last contents column, and sent
    // back for it; the clean one has all six parts headed.
    let rows: Vec<&str> = two.split("<tr data-i").skip(1).collect();
    let (clean, missing) = (rows[0], rows[1]);
    assert!(clean.contains("0-gk-clean.txt") && missing.contains("0-gk-missing.txt"));
    assert_eq!(clean.matches("✓ 有标题").count(), 6, "{clean}");
    assert_eq!(missing.matches("✓ 有标题").count(), 5, "{missing}");
    assert!(missing.contains("✗ 缺失</td><td class=\"num"), "{missing}");
    assert!(missing.contains("缺少其他需要报告的事项"), "{missing}");
    assert!(missing.contains("data-miss=\"1\""));
    // The report's own section names its pack's contents.
    assert!(page.contains("其他需要报告的事项：✗ 缺失"));
}

#[test]
fn the_csv_of_two_genres_has_each_pack_columns_and_fills_its_reports_own() {
    let dir = tempfile::tempdir().unwrap();
    let (reports, config) = mixed_batch(dir.path());
    let o = fzlint(&["report", "--config", &config, "--format", "csv", &reports]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let text = text.strip_prefix('\u{FEFF}').unwrap();
    assert!(!text.contains('"'), "no quoted field in this batch");
    let rows: Vec<Vec<&str>> = text
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(|l| l.split(',').collect())
        .collect();
    let head = ["文件", "标题", "报告年度", "公开日期", "逾期"];
    let tail = ["错误", "警告", "提示", "规则", "无法读取", "审核结论"];
    let want: Vec<&str> = head.iter().chain(&FAZHI).chain(&XXGK).copied().collect();
    assert_eq!(rows[0][..16], want[..]);
    assert_eq!(rows[0][16..22], tail);
    for row in &rows[1..] {
        assert_eq!(row.len(), rows[0].len());
        let (fazhi, xxgk) = (&row[5..10], &row[10..16]);
        if row[0].contains("0-gk-") {
            assert!(fazhi.iter().all(|c| c.is_empty()), "{row:?}");
            assert!(xxgk[..5].iter().all(|c| *c == "有标题"), "{row:?}");
            let last = if row[0].contains("missing") {
                "缺失"
            } else {
                "有标题"
            };
            assert_eq!(xxgk[5], last, "{row:?}");
        } else {
            assert!(fazhi[..4].iter().all(|c| !c.is_empty()), "{row:?}");
            assert!(xxgk.iter().all(|c| c.is_empty()), "{row:?}");
        }
    }
    assert_eq!(rows.iter().filter(|r| r[0].contains("0-gk-")).count(), 2);
}

#[test]
fn a_pack_named_reads_every_report_with_it_in_one_matrix() {
    let dir = tempfile::tempdir().unwrap();
    let (reports, config) = mixed_batch(dir.path());
    let page = stdout(&fzlint(&[
        "report", "--pack", "fazhi", "--config", &config, &reports,
    ]));
    assert_eq!(page.matches("<table class=\"matrix\"").count(), 1);
    assert!(page.contains("<h2 id=\"overview-h\">逐份检查结果</h2>"));
    assert!(!page.contains("overview-xxgk"));
    let first = &page[page.find("<section id=\"overview\"").unwrap()..];
    assert_eq!(headers(first), expected_headers(&FAZHI));
    assert!(first.contains("0-gk-missing.txt"));
    // Read with the other pack only: its columns alone.
    let page = stdout(&fzlint(&[
        "report", "--pack", "xxgk", "--config", &config, &reports,
    ]));
    assert_eq!(page.matches("<table class=\"matrix\"").count(), 1);
    let first = &page[page.find("<section id=\"overview\"").unwrap()..];
    assert_eq!(headers(first), expected_headers(&XXGK));
}
