//! Tables read as tables: the 政府信息公开 pack's table rules (`packs/xxgk/tables`) on our
//! own sample reports in `tests/fixtures/xxgk-tables/`, read with that pack as their
//! titles choose it: a clean report as pipe tables, tab rows, HTML and Word lints clean,
//! and each report with one identity broken gets exactly its finding, at the cell. A table's numbered rows
//! (「一、」「二、」) are no headings, in any format.

mod common;

use common::{fzlint, num, rule, stderr, stdout};
use serde_json::Value;

const DIR: &str = "tests/fixtures/xxgk-tables";

/// The findings of `check --format json` on a sample (its title chooses the xxgk pack).
fn findings(name: &str) -> Vec<Value> {
    let path = format!("{DIR}/{name}");
    let o = fzlint(&["check", "--isolated", "--format", "json", &path]);
    let v: Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{name}: JSON ({e}): {}{}", stdout(&o), stderr(&o)));
    v.as_array().cloned().expect("an array")
}

#[test]
fn clean_tables_add_up_in_every_format() {
    for name in ["clean.txt", "clean-tabs.txt", "clean.html", "clean.docx"] {
        let all = findings(name);
        // Nothing is said: the numbers add up, the six parts are there, and no numbered
        // row of a table is taken for a heading.
        assert!(all.is_empty(), "{name}: {all:#?}");
        let o = fzlint(&["outline", "--format", "json", &format!("{DIR}/{name}")]);
        let outline: Value = serde_json::from_slice(&o.stdout).expect("outline JSON");
        assert_eq!(
            outline["pack"]["id"], "xxgk",
            "{name}: read with the xxgk pack"
        );
    }
}

/// One report per identity broken: the rule, the message, and where (line, and for a
/// text file the cell's text there).
const BROKEN: &[(&str, &str, &str, u64, &str)] = &[
    (
        "row-sum.txt",
        "application-table-sum",
        "第二张表“总计”列第6行为16，各项相加为15",
        18,
        "16",
    ),
    (
        "row-sum.docx",
        "application-table-sum",
        "第二张表“总计”列第6行为16，各项相加为15",
        58,
        "",
    ),
    (
        "part-cell.txt",
        "application-table-sum",
        "第二张表“自然人”列第16行为6，按合计6与同行（同列）其他各项应为5",
        28,
        "6",
    ),
    (
        "part-cell.html",
        "application-table-sum",
        "第二张表“自然人”列第16行为6，按合计6与同行（同列）其他各项应为5",
        130,
        "",
    ),
    (
        "column-sum.txt",
        "application-table-sum",
        "第二张表“自然人”列第27行为32，各项相加为31",
        39,
        "32",
    ),
    (
        "column-sum-row.txt",
        "application-table-sum",
        "第二张表“总计”列第27行为37，各项相加为36",
        39,
        "37",
    ),
    (
        "balance.txt",
        "application-table-sum",
        "第二张表“总计”列：一、本年新收政府信息公开申请数量+二、上年结转政府信息公开申请数量之和为39，(七)总计+四、结转下年度继续办理之和为40，两者应相等",
        40,
        "4",
    ),
    (
        "balance-tabs.txt",
        "application-table-sum",
        "第二张表“总计”列：一、本年新收政府信息公开申请数量+二、上年结转政府信息公开申请数量之和为39，(七)总计+四、结转下年度继续办理之和为40，两者应相等",
        41,
        "4",
    ),
    (
        "review-total.txt",
        "review-table-sum",
        "第三张表“行政诉讼›复议后起诉›总计”列第4行为2，各项相加为1",
        46,
        "2",
    ),
];

#[test]
fn each_broken_identity_gets_exactly_its_finding_at_the_cell() {
    for &(name, id, message, line, cell) in BROKEN {
        // The whole report says nothing else: its one wrong cell is its one finding.
        let found = findings(name);
        assert_eq!(found.len(), 1, "{name}: {found:#?}");
        let d = &found[0];
        assert_eq!(
            (rule(d), d["message"].as_str()),
            (id, Some(message)),
            "{name}"
        );
        assert_eq!(num(d, "line"), line, "{name}: {d}");
        if name.ends_with(".txt") {
            // The span is the cell's number, in the row the message names.
            let text = std::fs::read_to_string(format!("{DIR}/{name}")).unwrap();
            let row: Vec<char> = text
                .lines()
                .nth(line as usize - 1)
                .unwrap()
                .chars()
                .collect();
            let (from, to) = (
                num(d, "column") as usize - 1,
                num(d, "end_column") as usize - 1,
            );
            let at: String = row[from..to].iter().collect();
            assert_eq!(at, cell, "{name}");
        } else {
            assert!(
                matches!(d["element"].as_str(), Some("w:tc" | "td" | "p")),
                "{name}: {d}"
            );
        }
    }
}

#[test]
fn the_table_rules_examples_behave() {
    let o = fzlint(&["test-rules", "packs/xxgk/tables"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("0 个不符"), "{}", stdout(&o));
}
