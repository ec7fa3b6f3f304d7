use super::*;
use crate::rules::checks::testing::with_ctx;

fn labels(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// A check of the table under a heading holding 申请: each row's 总计 is the sum of
/// 甲 and 乙, 合计 the sum of rows 一 and 二, and 一 + 二 = 合计 + 空 (a balance).
fn check(blank_is_zero: bool, balance: bool) -> TableSum {
    let sums = vec![
        TableSumItem {
            of: TableLines::Columns,
            total: "^总计$".into(),
            parts: labels(&["甲", "乙"]),
            groups: Vec::new(),
        },
        TableSumItem {
            of: TableLines::Rows,
            total: "合计".into(),
            parts: labels(&["^一", "^二"]),
            groups: Vec::new(),
        },
    ];
    let balances = match balance {
        true => vec![TableBalance {
            of: TableLines::Rows,
            left: labels(&["^一", "^二"]),
            right: labels(&["合计", "结转"]),
            groups: Vec::new(),
        }],
        false => Vec::new(),
    };
    let table = Pattern::new("申请").unwrap();
    TableSum::new(&table, blank_is_zero, &sums, &balances, Compile::Now).unwrap()
}

/// The findings on `table` under a heading, each as (cell text, variant, vars).
fn run(c: &TableSum, table: &str) -> Vec<(String, Option<&'static str>, String)> {
    let text = format!("一、收到申请情况\n{table}正文。\n");
    with_ctx(&text, |ctx| {
        c.run(ctx)
            .into_iter()
            .map(|f| {
                let vars: Vec<String> = f
                    .vars
                    .iter()
                    .filter(|(k, _)| {
                        ["column", "row_number", "value", "total", "sum", "expected"].contains(k)
                    })
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                (
                    ctx.src.slice(&f.span).to_string(),
                    f.variant,
                    vars.join(" "),
                )
            })
            .collect()
    })
}

const HEAD: &str = "| 项目 | 甲 | 乙 | 总计 |\n|---|---|---|---|\n";

#[test]
fn a_right_table_has_no_finding() {
    let t = format!(
        "{HEAD}| 一、新收 | 1 | 2 | 3 |\n| 二、结转 | 1,000 | 0 | 1,000 |\n| 合计 | 1,001 | 2 | 1,003 |\n| 结转 | 0 | 0 | 0 |\n"
    );
    assert_eq!(run(&check(false, true), &t), []);
}

#[test]
fn a_wrong_cell_is_blamed_once() {
    for (rows, balance, cell, variant, vars) in [
        // 一's 总计 breaks its row and the 总计 column: the cell both share is reported.
        (
            "| 一、新收 | 1 | 2 | 4 |\n| 二、结转 | 1 | 0 | 1 |\n| 合计 | 2 | 2 | 4 |\n",
            false,
            "4",
            None,
            "row_number=2 column=总计 value=4 total=4 sum=3 expected=3",
        ),
        // 一's 甲 breaks its row's 总计 and the 甲 column's 合计: the part is blamed, not
        // its totals.
        (
            "| 一、新收 | 2 | 2 | 3 |\n| 二、结转 | 1 | 0 | 1 |\n| 合计 | 2 | 2 | 4 |\n",
            false,
            "2",
            Some("part"),
            "row_number=2 column=甲 value=2 total=3 sum=4 expected=1",
        ),
        // 结转 is one more in 甲 and in 总计: the balance fails in both columns, the one in
        // 甲 is the same defect as the one in 总计, told once, on the last cell on the right.
        (
            "| 一、新收 | 1 | 2 | 3 |\n| 二、结转 | 1 | 0 | 1 |\n| 合计 | 2 | 2 | 4 |\n| 结转 | 1 | 0 | 1 |\n",
            true,
            "1",
            Some("balance"),
            "row_number=5 column=总计 value=1 total=4 sum=5 expected=0",
        ),
    ] {
        let found = run(&check(false, balance), &format!("{HEAD}{rows}"));
        let want = [(cell.to_string(), variant, vars.to_string())];
        assert_eq!(found, want, "{rows}");
    }
}

#[test]
fn cells_that_are_not_numbers_stop_their_identities() {
    // 约3 is not read: its row is not checked, nor its column; 合计's 乙 is checked.
    let t = format!(
        "{HEAD}| 一、新收 | 1 | 约3 | 9 |\n| 二、结转 | 1 | 0 | 1 |\n| 合计 | 2 | 5 | 10 |\n"
    );
    assert_eq!(
        run(&check(false, false), &t).len(),
        1,
        "合计 row: 2 + 5 ≠ 10"
    );
    // A blank cell stops them too, unless blanks are zero.
    let t =
        format!("{HEAD}| 一、新收 | 1 |  | 1 |\n| 二、结转 | — | 0 | 0 |\n| 合计 | 1 | 0 | 1 |\n");
    assert_eq!(run(&check(false, false), &t), []);
    assert_eq!(run(&check(true, false), &t), []);
    let t = format!("{HEAD}| 一、新收 | 1 |  | 2 |\n| 二、结转 | 1 | 0 | 1 |\n");
    assert_eq!(run(&check(false, false), &t), []);
    assert_eq!(run(&check(true, false), &t).len(), 1);
}

#[test]
fn a_table_under_another_heading_is_not_checked() {
    let c = check(false, false);
    let text = format!("一、其他情况\n{HEAD}| 一、新收 | 1 | 2 | 4 |\n");
    with_ctx(&text, |ctx| assert!(c.run(ctx).is_empty()));
}

#[test]
fn numbers_are_read_with_thousands_separators() {
    let read = |s| Value::read(s);
    assert_eq!(read("1,234,567"), Value::Number(1_234_567));
    assert_eq!(read("37"), Value::Number(37));
    assert_eq!(read("—"), Value::Blank);
    assert_eq!(read(""), Value::Blank);
    for text in [
        "12,34",
        "1,2345",
        ",1",
        "3件",
        "约3",
        "99999999999999999999",
        "1.5",
    ] {
        assert_eq!(read(text), Value::Text, "{text}");
    }
}

#[test]
fn labels_match_paths_in_order_ending_at_the_own_label() {
    let label = |s| Label::new("total", None, s, Compile::Now).unwrap();
    let path = labels(&["申请人情况", "法人或其他组织", "商业企业"]);
    assert!(label("商业企业").matches(&path));
    assert!(label("法人或其他组织 › 商业企业").matches(&path));
    assert!(label("申请人 › 商业").matches(&path));
    assert!(!label("商业企业 › 法人或其他组织").matches(&path));
    assert!(!label("法人或其他组织").matches(&path));
    let grouped = Label::new("total", Some("复议后起诉"), "总计", Compile::Now).unwrap();
    assert!(grouped.matches(&labels(&["行政诉讼", "复议后起诉", "总计"])));
    assert!(!grouped.matches(&labels(&["行政复议", "总计"])));
    assert!(Label::new("total", None, "甲 ›  › 乙", Compile::Now).is_err());
}

#[test]
fn huge_numbers_do_not_overflow() {
    let big = i64::MAX.to_string();
    let t = format!(
        "{HEAD}| 一、新收 | {big} | {big} | 1 |\n| 二、结转 | -{big} | 0 | 0 |\n| 合计 | 0 | 0 | 0 |\n"
    );
    let found = run(&check(true, true), &t);
    assert!(!found.is_empty());
}
