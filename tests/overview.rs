//! `fzlint report`: a batch of reports with known defects, its CSV checked cell by cell
//! against what `outline` and `check` say of each file, and its HTML page.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::Path;

/// Reads CSV as RFC 4180 (quoted fields may hold commas, quotes and line breaks).
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let text = text
        .strip_prefix('\u{FEFF}')
        .expect("the CSV starts with a BOM");
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "rows end with CRLF");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "the last row ends with CRLF"
    );
    rows
}

fn json(args: &[&str]) -> serde_json::Value {
    let o = fzlint(args);
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&o)))
}

/// The batch: every rule fixture (each a report with one known defect), the clean
/// reports, and one file that cannot be read.
fn batch(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for sub in ["tests/fixtures/rules", "tests/fixtures/clean"] {
        let mut files: Vec<_> = std::fs::read_dir(root().join(sub))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let name = format!(
                "{}-{}",
                sub.rsplit('/').next().unwrap(),
                f.file_name().unwrap().to_str().unwrap()
            );
            std::fs::copy(&f, dir.join(&name)).unwrap();
            names.push(name);
        }
    }
    std::fs::write(dir.join("zz-scan.txt"), [0u8, 1, 2, 0, 0xFF, 0x10, 0, 7]).unwrap();
    names.push("zz-scan.txt".into());
    names.sort();
    names
}

#[test]
fn the_csv_says_for_each_report_what_outline_and_check_say() {
    let dir = tempfile::tempdir().unwrap();
    let names = batch(dir.path());
    assert!(names.len() >= 20, "a batch of at least 20 reports");
    let d = dir.path().to_str().unwrap();
    let out = dir.path().join("overview.csv");
    // The rule fixtures share most of their text: the copy finding, which `check` does
    // not give, is switched off here (its pairs are still listed) and tested on its own.
    let cfg = tempfile::tempdir().unwrap();
    let off = cfg.path().join("off.yaml");
    std::fs::write(&off, "rules:\n  copied-text: off\n").unwrap();
    // Every report read with the 法治政府建设年度报告 pack, also the one whose title
    // names another genre (its `genre` finding is part of the batch).
    let o = fzlint(&[
        "report",
        "--pack",
        "fazhi",
        "--config",
        off.to_str().unwrap(),
        d,
        "-o",
        out.to_str().unwrap(),
    ]);
    // One file could not be read: the overview is written and the run says so.
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    let rows = read_csv(&text);
    assert_eq!(
        rows[0],
        [
            "文件",
            "标题",
            "报告年度",
            "公开日期",
            "逾期",
            "主要举措和成效",
            "存在的不足和原因",
            "主要负责人履职",
            "下一年度工作安排",
            "其他事项",
            "错误",
            "警告",
            "提示",
            "规则",
            "无法读取",
            "审核结论",
            "结论依据",
            "报送单位",
            "匹配依据",
            "审核意见文件",
            "内容雷同",
            "规则说明"
        ]
    );
    assert_eq!(rows.len(), names.len() + 1);
    let parts = ["measures", "shortcomings", "duties", "plan", "other"];
    let listed = json(&["rules", "--format", "json"]);
    let summaries: BTreeMap<&str, &str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["summary"].as_str().unwrap()))
        .collect();
    for (row, name) in rows[1..].iter().zip(&names) {
        let path = dir.path().join(name);
        let p = path.to_str().unwrap();
        assert_eq!(row[0], p);
        if name == "zz-scan.txt" {
            assert!(row[14].contains("二进制"), "{row:?}");
            assert!(row[1..14].iter().all(String::is_empty), "{row:?}");
            assert_eq!(row[15..], ["退回修改", "文件无法读取", "", "", "", "", ""]);
            continue;
        }
        // The overview was asked to read every report with the 法治政府建设年度报告 pack
        // (its columns are that pack's parts), also one whose title names another genre.
        let outline = json(&["outline", "--pack", "fazhi", "--format", "json", p]);
        let found = json(&[
            "check",
            "--isolated",
            "--pack",
            "fazhi",
            "--format",
            "json",
            p,
        ]);
        let found = found.as_array().unwrap();
        let count = |sev: &str| found.iter().filter(|d| d["severity"] == sev).count();
        let late = found.iter().any(|d| d["rule"] == "late-publication");
        // The verdict under the default settings: errors and missing contents send a
        // report back; lateness, warnings and notes are passed on as notes.
        let missing: Vec<&str> = [
            ("measures", "主要举措和成效"),
            ("shortcomings", "存在的不足和原因"),
            ("duties", "主要负责人履职"),
            ("plan", "下一年度工作安排"),
        ]
        .iter()
        .filter(|(p, _)| outline["parts"].get(p).is_none())
        .map(|(_, name)| *name)
        .collect();
        let mut reasons = Vec::new();
        if !missing.is_empty() {
            reasons.push(format!("缺少{}", missing.join("、")));
        }
        if count("error") > 0 {
            reasons.push(format!("错误 {} 处", count("error")));
        }
        let mut notes = Vec::new();
        if late {
            notes.push("逾期公开".to_string());
        }
        for (sev, word) in [("warning", "警告"), ("info", "提示")] {
            if count(sev) > 0 {
                notes.push(format!("{word} {} 处", count(sev)));
            }
        }
        let verdict = match (reasons.is_empty(), notes.is_empty()) {
            (false, _) => "退回修改",
            (true, false) => "通过（附意见）",
            (true, true) => "通过",
        };
        if !notes.is_empty() {
            reasons.push(format!("可不修改：{}", notes.join("，")));
        }
        let mut expected: Vec<String> = vec![
            p.to_string(),
            outline["title"].as_str().unwrap_or("").to_string(),
            outline["year"]
                .as_i64()
                .map(|y| y.to_string())
                .unwrap_or_default(),
            outline["published"].as_str().unwrap_or("").to_string(),
            match (late, outline["published"].is_string()) {
                (true, _) => "是".into(),
                (false, true) => "否".into(),
                (false, false) => String::new(),
            },
        ];
        for part in parts {
            let cell = match outline["parts"].get(part) {
                None if part == "other" => "未写".to_string(),
                None => "缺失".to_string(),
                Some(v) if v["headed"] == true => "有标题".into(),
                Some(_) => "无标题".into(),
            };
            let no_causes = part == "shortcomings"
                && outline["parts"].get("shortcomings").is_some()
                && outline["parts"].get("causes").is_none();
            expected.push(if no_causes {
                format!("{cell}（缺原因）")
            } else {
                cell
            });
        }
        expected.push(count("error").to_string());
        expected.push(count("warning").to_string());
        expected.push(count("info").to_string());
        let mut rules: Vec<(String, usize)> = Vec::new();
        for d in found {
            let id = d["rule"].as_str().unwrap().to_string();
            match rules.iter_mut().find(|(r, _)| *r == id) {
                Some(r) => r.1 += 1,
                None => rules.push((id, 1)),
            }
        }
        expected.push(
            rules
                .iter()
                .map(|(r, n)| format!("{r}×{n}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
        expected.push(String::new());
        expected.push(verdict.to_string());
        expected.push(reasons.join("；"));
        // No roster: no unit; no notices asked for.
        expected.extend([String::new(), String::new(), String::new()]);
        // The copies are checked below, against each other.
        expected.push(row[20].clone());
        // The rules again, by the summaries `rules` gives.
        expected.push(
            rules
                .iter()
                .map(|(r, n)| format!("{}×{n}", summaries[r.as_str()]))
                .collect::<Vec<_>>()
                .join("；"),
        );
        assert_eq!(row, &expected, "{name}");
    }
    // Copies are named on both sides with the same share.
    for row in &rows[1..] {
        for copy in row[20].split('；').filter(|c| !c.is_empty()) {
            let (other, share) = copy.rsplit_once(' ').unwrap();
            let back = rows.iter().find(|r| r[0] == other).unwrap();
            assert!(
                back[20]
                    .split('；')
                    .any(|c| c == format!("{} {share}", row[0])),
                "{} names {other}, not back",
                row[0]
            );
        }
    }
    // The known defects land in their cells.
    let row = |n: &str| {
        let i = names.iter().position(|x| x == n).unwrap();
        rows[i + 1].clone()
    };
    assert_eq!(row("rules-missing-measures.txt")[5], "缺失");
    assert_eq!(row("rules-missing-shortcomings.txt")[6], "缺失");
    assert_eq!(row("rules-missing-causes.txt")[6], "有标题（缺原因）");
    assert_eq!(row("rules-missing-duties.txt")[7], "缺失");
    assert_eq!(row("rules-missing-plan.txt")[8], "缺失");
    assert_eq!(row("rules-unheaded-plan.txt")[8], "无标题");
    assert_eq!(row("rules-late-publication.txt")[4], "是");
    assert_eq!(row("clean-county.txt")[10..13], ["0", "0", "0"]);
    assert_eq!(row("clean-county.txt")[15], "通过");
    assert_eq!(row("rules-missing-duties.txt")[15], "退回修改");
    assert!(row("rules-missing-duties.txt")[16].starts_with("缺少主要负责人履职；错误 1 处"));
    assert_eq!(row("rules-missing-causes.txt")[15], "通过（附意见）");
}

#[test]
fn the_page_shows_every_report_and_is_the_same_twice() {
    let dir = tempfile::tempdir().unwrap();
    let names = batch(dir.path());
    let d = dir.path().to_str().unwrap();
    let run = || {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_fzlint"));
        cmd.args(["report", "--isolated", d])
            .env("SOURCE_DATE_EPOCH", "1772323200")
            .output()
            .unwrap()
    };
    let (a, b) = (run(), run());
    assert_eq!(a.stdout, b.stdout, "two runs give the same page");
    let page = String::from_utf8(a.stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"), "{}", &page[..80]);
    // The time is the one asked for, in Beijing time.
    assert!(page.contains("2026-03-01 08:00"), "the generated time");
    for (i, name) in names.iter().enumerate() {
        assert!(page.contains(name.as_str()), "{name}");
        assert!(page.contains(&format!("id=\"r{i}\"")), "section of {name}");
    }
    // No external assets.
    for bad in ["http://", "https://", "src=\""] {
        assert!(!page.contains(bad), "{bad}");
    }
    // A finding is shown in context, marked.
    assert!(
        page.contains("<mark>"),
        "findings are marked in their lines"
    );
    let mut seen: BTreeMap<&str, bool> = BTreeMap::new();
    for id in ["missing-measures", "late-publication", "numbering-gap"] {
        seen.insert(id, page.contains(id));
    }
    assert!(seen.values().all(|v| *v), "{seen:?}");
}

#[test]
fn csv_is_chosen_by_the_output_name_and_nothing_else_is_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("examples/sample-report.txt"),
        dir.path().join("a.txt"),
    )
    .unwrap();
    let before = std::fs::read(dir.path().join("a.txt")).unwrap();
    let out = dir.path().join("o.CSV");
    let o = fzlint(&[
        "report",
        "--isolated",
        dir.path().join("a.txt").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("\u{FEFF}文件,")
    );
    assert_eq!(std::fs::read(dir.path().join("a.txt")).unwrap(), before);
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(left.len(), 2, "no temporary file is left");
}

#[test]
fn an_overview_written_into_the_folder_is_not_linted_as_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(root().join("examples/clean-report.txt"), d.join("a.txt")).unwrap();
    let page = d.join("总览.html");
    let o = fzlint(&[
        "report",
        "--isolated",
        d.to_str().unwrap(),
        "-o",
        page.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = fzlint(&[
        "check",
        "--isolated",
        "--format",
        "concise",
        d.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(!stdout(&o).contains("总览.html"), "{}", stdout(&o));
    // Named on the command line, it is read like any page (and is no report).
    let o = fzlint(&[
        "check",
        "--isolated",
        "--format",
        "concise",
        page.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
}

/// The text of each cell of each matrix row of the page, in order.
fn matrix_rows(page: &str) -> Vec<Vec<String>> {
    let body = &page[page.find("<tbody").expect("a matrix")..];
    let body = &body[..body.find("</tbody>").expect("the matrix ends")];
    body.split("<tr")
        .skip(1)
        .map(|tr| {
            tr.split("<td")
                .skip(1)
                .map(|td| {
                    let inner = &td[td.find('>').unwrap() + 1..];
                    let inner = &inner[..inner.find("</td>").unwrap_or(inner.len())];
                    // Strip tags (the file link) and the few entities the page uses.
                    let mut text = String::new();
                    let mut in_tag = false;
                    for c in inner.chars() {
                        match c {
                            '<' => in_tag = true,
                            '>' => in_tag = false,
                            c if !in_tag => text.push(c),
                            _ => {}
                        }
                    }
                    text.replace("&amp;", "&")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&quot;", "\"")
                        .replace("&#39;", "'")
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_page_matrix_says_what_the_csv_says_cell_by_cell() {
    let dir = tempfile::tempdir().unwrap();
    let names = batch(dir.path());
    let d = dir.path().to_str().unwrap();
    // One matrix: every report read with one pack.
    let page = stdout(&fzlint(&["report", "--isolated", "--pack", "fazhi", d]));
    let csv = read_csv(&stdout(&fzlint(&[
        "report",
        "--isolated",
        "--pack",
        "fazhi",
        "--format",
        "csv",
        d,
    ])));
    let rows = matrix_rows(&page);
    assert_eq!(rows.len(), names.len());
    for (html, csv) in rows.iter().zip(&csv[1..]) {
        let name = &csv[0];
        if !csv[14].is_empty() {
            // Unreadable: the file and the reason across the row.
            assert_eq!(html[0], *name);
            assert_eq!(
                html[1],
                format!("{}{}", csv[15], csv[16]),
                "{name}: 审核结论"
            );
            assert!(html[2].contains(&csv[14]), "{name}: {html:?}");
            continue;
        }
        assert_eq!(html.len(), 13, "{name}: {html:?}");
        // The verdict comes right after the file; the other cells follow as in the CSV.
        assert_eq!(
            html[1],
            format!("{}{}", csv[15], csv[16]),
            "{name}: 审核结论"
        );
        let html: Vec<String> = [&html[..1], &html[2..]].concat();
        // Empty cells of the CSV read 「（未找到）」 on the page.
        for k in 0..4 {
            let want = if csv[k].is_empty() {
                "（未找到）"
            } else {
                csv[k].as_str()
            };
            assert_eq!(html[k], want, "{name}: column {k}");
        }
        let late = match csv[4].as_str() {
            "是" => "✗ 逾期",
            "否" => "✓ 按时",
            _ => "",
        };
        assert!(
            html[4].contains(late) || (late.is_empty() && !html[4].contains('✗')),
            "{name}: 逾期 {:?} vs {:?}",
            html[4],
            csv[4]
        );
        for k in 5..10 {
            let symbol = match csv[k].split('（').next().unwrap() {
                "有标题" => "✓",
                "无标题" => "△",
                "缺失" => "✗",
                "未写" => "—",
                other => panic!("{name}: unexpected cell {other}"),
            };
            assert_eq!(
                html[k],
                format!("{symbol} {}", csv[k]),
                "{name}: column {k}"
            );
        }
        assert_eq!(html[10..12], csv[10..12], "{name}: counts");
    }
}

#[test]
fn the_verdict_follows_the_office_settings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for sub in ["strict", "lenient"] {
        std::fs::create_dir(d.join(sub)).unwrap();
        std::fs::copy(
            root().join("examples/sample-report.txt"),
            d.join(sub).join("r.txt"),
        )
        .unwrap();
    }
    std::fs::write(
        d.join("lenient/.fzlint.yaml"),
        "verdict:\n  error: 补充后通过\n  warning: 通过\n",
    )
    .unwrap();
    let o = fzlint(&["report", "--format", "csv", d.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = read_csv(&stdout(&o));
    let verdicts: Vec<(&str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[15].as_str(), r[16].as_str()))
        .collect();
    assert_eq!(
        verdicts,
        // The two are one text: each carries the other's copy finding, a warning.
        [
            ("补充后通过", "错误 3 处；可不修改：警告 2 处，提示 1 处"),
            ("退回修改", "错误 3 处；可不修改：警告 2 处，提示 1 处"),
        ]
    );
    // A broken verdict setting is the config's error, named with its line.
    std::fs::write(d.join("lenient/.fzlint.yaml"), "verdict:\n  error: 不行\n").unwrap();
    let o = fzlint(&["report", "--format", "csv", d.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(".fzlint.yaml:2:"), "{}", stderr(&o));
}

/// A config that switches the copy finding off, in a folder of its own (for batches
/// built from one text, whose tests are about something else).
fn copies_off() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("off.yaml");
    std::fs::write(&p, "rules:\n  copied-text: off\n").unwrap();
    let s = p.to_str().unwrap().to_string();
    (dir, s)
}

/// A report of our own for a unit: the clean example with its title and signature
/// changed (the title's issuer left out when `title` is empty).
fn unit_report(dir: &Path, file: &str, title: &str, signer: &str) {
    let text = std::fs::read_to_string(root().join("examples/clean-report.txt")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[0] = format!("{title}2024年度法治政府建设工作报告");
    let last = lines.iter().rposition(|l| l == "白石桥镇人民政府").unwrap();
    lines[last] = signer.to_string();
    std::fs::write(dir.join(file), lines.join("\n") + "\n").unwrap();
}

#[test]
fn the_roster_shows_who_has_not_submitted_and_which_report_matches_no_unit() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("收到的报告");
    std::fs::create_dir(&d).unwrap();
    unit_report(&d, "1.txt", "青山乡人民政府", "青山乡人民政府");
    unit_report(&d, "2.txt", "", "东湖街道办事处");
    unit_report(&d, "3.txt", "沙洲市司法局", "沙洲市司法局");
    unit_report(&d, "4.txt", "柳林镇人民政府", "柳林镇人民政府");
    let roster = dir.path().join("名单.csv");
    std::fs::write(
        &roster,
        "单位名称,简称\n青山乡人民政府\n东湖街道办事处,东湖街道\n红旗镇人民政府\n沙洲市司法局\n",
    )
    .unwrap();
    let (r, ds) = (roster.to_str().unwrap(), d.to_str().unwrap());
    // The four reports are one text: the copy finding is left out here.
    let (_keep, off) = copies_off();
    let o = fzlint(&[
        "report", "--config", &off, "--format", "csv", "--roster", r, ds,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = read_csv(&stdout(&o));
    let units: Vec<[&str; 4]> = rows[1..]
        .iter()
        .map(|r| [r[0].rsplit('/').next().unwrap(), &r[15], &r[17], &r[18]])
        .collect();
    assert_eq!(
        units,
        [
            ["1.txt", "通过", "青山乡人民政府", "标题"],
            ["2.txt", "通过", "东湖街道办事处", "落款"],
            ["3.txt", "通过", "沙洲市司法局", "标题"],
            ["4.txt", "通过", "", "未匹配名单"],
            ["", "未报送", "红旗镇人民政府", ""],
        ]
    );
    let page = stdout(&fzlint(&["report", "--isolated", "--roster", r, ds]));
    assert!(page.contains("<li>未报送 <strong>1</strong> 个单位</li>"));
    assert!(page.contains("<li>红旗镇人民政府<span class=\"none\">（名单第4行）</span></li>"));
    assert!(page.contains("报送单位：东湖街道办事处（据落款“东湖街道办事处”）"));

    // The office's config names the roster, against its own folder.
    std::fs::write(
        dir.path().join(".fzlint.yaml"),
        "roster: 名单.csv\nrules:\n  copied-text: off\n",
    )
    .unwrap();
    let o = fzlint(&["report", "--format", "csv", ds]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(read_csv(&stdout(&o)), rows);

    // Saved by a spreadsheet program on a Chinese system: GBK, CRLF.
    let text = std::fs::read_to_string(&roster)
        .unwrap()
        .replace('\n', "\r\n");
    std::fs::write(&roster, encoding_rs::GBK.encode(&text).0).unwrap();
    let o = fzlint(&["report", "--format", "csv", ds]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(read_csv(&stdout(&o)), rows);
}

#[test]
fn a_bad_roster_is_named_with_its_line_and_the_overview_is_still_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    unit_report(d, "1.txt", "青山乡人民政府", "青山乡人民政府");
    let roster = d.join("units.txt");
    // One unit listed twice.
    std::fs::write(&roster, "青山乡人民政府\n红旗镇人民政府\n青山乡人民政府\n").unwrap();
    let out = d.join("总览.html");
    let o = fzlint(&[
        "report",
        "--isolated",
        "--roster",
        roster.to_str().unwrap(),
        d.join("1.txt").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let line = format!(
        "error: {}: 第3行：“青山乡人民政府”已在第1行出现，一个名称只能对应一个单位",
        roster.display()
    );
    assert!(stderr(&o).lines().any(|l| l == line), "{}", stderr(&o));
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.contains("名单未能读取："));
    assert!(
        page.contains("id=\"r0\""),
        "the report is still in the overview"
    );
    // A roster that is not there.
    let o = fzlint(&[
        "report",
        "--isolated",
        "--roster",
        "没有.csv",
        d.join("1.txt").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("error: 没有.csv: 无法读取名单文件："),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("id=\"r0\""));
}

/// The notice files in a folder, by name.
fn notices(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_return_notice_lists_the_report_findings_in_order_and_is_linked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("报告");
    std::fs::create_dir(&d).unwrap();
    std::fs::copy(root().join("examples/sample-report.txt"), d.join("a.txt")).unwrap();
    unit_report(&d, "b.txt", "青山乡人民政府", "青山乡人民政府");
    let out = dir.path().join("总览.csv");
    let notes = dir.path().join("意见");
    // The two reports are one text: the copy finding is left out here (a notice
    // names it like any finding).
    let (_keep, off) = copies_off();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "report",
            "--config",
            &off,
            d.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--notices",
            notes.to_str().unwrap(),
        ];
        args.extend(extra);
        fzlint(&args)
    };
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Only the report sent back gets a notice, as text and as Word.
    assert_eq!(notices(&notes), ["1-a-退回意见.docx", "1-a-退回意见.txt"]);
    let file = notes.join("1-a-退回意见.txt");
    let bytes = std::fs::read(&file).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    let text = text.strip_prefix('\u{FEFF}').expect("saved with a BOM");
    assert!(!text.replace("\r\n", "").contains('\n'), "CRLF line ends");
    let lines: Vec<&str> = text.lines().collect();
    let a = d.join("a.txt");
    assert_eq!(
        lines[0],
        "关于《白石桥镇人民政府2024年度法治政府建设工作报告》的退回意见"
    );
    // Line by line against the findings `check` gives: the errors to fix, then the
    // rest, each in the report's order with its place, message and help.
    let found = json(&[
        "check",
        "--isolated",
        "--format",
        "json",
        a.to_str().unwrap(),
    ]);
    let found = found.as_array().unwrap();
    let errors: Vec<_> = found.iter().filter(|f| f["severity"] == "error").collect();
    let others: Vec<_> = found.iter().filter(|f| f["severity"] != "error").collect();
    let must = lines
        .iter()
        .position(|l| l.starts_with("一、需要修改的问题"))
        .unwrap();
    let may = lines
        .iter()
        .position(|l| l.starts_with("二、可以保留的问题"))
        .unwrap();
    assert_eq!(
        lines[must],
        format!("一、需要修改的问题（{} 处）", errors.len())
    );
    let check = |from: usize, to: usize, list: &[&serde_json::Value], help: &str| {
        let items: Vec<&str> = lines[from + 1..to]
            .iter()
            .copied()
            .filter(|l| !l.is_empty())
            .collect();
        let mut k = 0;
        for (n, f) in list.iter().enumerate() {
            assert_eq!(
                items[k],
                format!(
                    "{}. 第{}行第{}字：{}",
                    n + 1,
                    f["line"],
                    f["column"],
                    f["message"].as_str().unwrap()
                )
            );
            assert!(items[k + 1].starts_with("   原文："), "{}", items[k + 1]);
            assert_eq!(
                items[k + 2],
                format!("   {help}：{}", f["help"].as_str().unwrap())
            );
            k += 3;
        }
        assert_eq!(k, items.len(), "nothing else is listed: {items:?}");
    };
    check(must, may, &errors, "修改建议");
    let end = lines.iter().position(|l| l.contains("感谢你单位")).unwrap();
    check(may, end, &others, "建议");
    // The marked words are the finding's own.
    assert!(text.contains("原文：…有一件被行政复议撤销或被法院判决败诉。在【2024928日】召开"));

    // The Word notice, read back, says what the text says, line by line.
    let word = fzlint::input::read(&notes.join("1-a-退回意见.docx"), 1 << 20).unwrap();
    assert_eq!(word.original().lines().collect::<Vec<_>>(), lines);

    // The overview links the notice; the CSV names it.
    let rows = read_csv(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(rows[0][19], "审核意见文件");
    assert_eq!(rows[1][19], "意见/1-a-退回意见.txt");
    assert_eq!(rows[2][19], "");

    // Run again: the same notice is left as it is; the folder of reports, holding no
    // notice, is unchanged.
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    // A clerk's edit is not overwritten unless asked.
    std::fs::write(&file, "已修改").unwrap();
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(2));
    let line = format!(
        "error: {}: 已存在且内容不同，未覆盖（要覆盖请加 --overwrite-notices）",
        file.display()
    );
    assert!(stderr(&o).lines().any(|l| l == line), "{}", stderr(&o));
    assert_eq!(std::fs::read(&file).unwrap(), "已修改".as_bytes());
    assert_eq!(
        read_csv(&std::fs::read_to_string(&out).unwrap())[1][19],
        "",
        "not linked"
    );
    let o = run(&["--overwrite-notices"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    assert_eq!(
        notices(&notes),
        ["1-a-退回意见.docx", "1-a-退回意见.txt"],
        "no temporary file is left"
    );
}

#[test]
fn notices_written_among_the_reports_are_not_linted_as_reports() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(root().join("examples/sample-report.txt"), d.join("a.txt")).unwrap();
    let ds = d.to_str().unwrap();
    let page = d.join("总览.html");
    let args = [
        "report",
        "--isolated",
        ds,
        "--notices",
        ds,
        "-o",
        page.to_str().unwrap(),
    ];
    let o = fzlint(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(d.join("1-a-退回意见.txt").is_file());
    assert!(d.join("1-a-退回意见.docx").is_file());
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<a class=\"notice\" href=\"1-a-退回意见.txt\">审核意见</a>"));
    assert!(html.contains("（<a class=\"notice-docx\" href=\"1-a-退回意见.docx\">Word 版</a>）"));
    let o = fzlint(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("已写出 1 份报告的总览"),
        "{}",
        stderr(&o)
    );
    // Named on the command line, a notice is read like any text (and is no report).
    let o = fzlint(&[
        "check",
        "--isolated",
        "--format",
        "concise",
        d.join("1-a-退回意见.txt").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
}

/// A batch in `d` for the copied-text checks: a.txt a clean report; b.txt another
/// town's report of another year, a.txt with the names in `names` and its years
/// changed; c.txt half copied (its second half another report's); d.txt a report of its
/// own.
fn copied_batch(d: &Path, names: &[(&str, &str)]) {
    let text = std::fs::read_to_string(root().join("tests/fixtures/clean/township.txt")).unwrap();
    std::fs::write(d.join("a.txt"), &text).unwrap();
    let mut copy = text.clone();
    for (from, to) in names {
        copy = copy.replace(from, to);
    }
    let copy = copy.replace("2024", "2023").replace("2025", "2024");
    std::fs::write(d.join("b.txt"), &copy).unwrap();
    let other = std::fs::read_to_string(root().join("tests/fixtures/clean/xiang.txt")).unwrap();
    let (a_lines, o_lines): (Vec<&str>, Vec<&str>) =
        (text.lines().collect(), other.lines().collect());
    let half = [&a_lines[..a_lines.len() / 2], &o_lines[o_lines.len() / 2..]]
        .concat()
        .join("\n");
    std::fs::write(d.join("c.txt"), &half).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/clean/county.txt"),
        d.join("d.txt"),
    )
    .unwrap();
}

#[test]
fn a_report_copied_from_another_with_names_and_years_changed_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copied_batch(d, &[("石岗镇", "青石镇")]);
    let ds = d.to_str().unwrap();
    let copies = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["report", "--isolated", "--format", "csv", ds];
        args.extend(extra);
        let o = fzlint(&args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        read_csv(&stdout(&o))[1..]
            .iter()
            .map(|r| r[20].replace(&format!("{ds}/"), ""))
            .collect()
    };
    let found = copies(&[]);
    let pct = |cell: &str, name: &str| -> u32 {
        let c = cell
            .split('；')
            .find(|c| c.starts_with(name))
            .unwrap_or_else(|| panic!("{name} in {cell}"));
        c.rsplit_once(' ')
            .unwrap()
            .1
            .trim_end_matches('%')
            .parse()
            .unwrap()
    };
    assert!(pct(&found[0], "b.txt") >= 95, "{found:?}");
    let half_share = pct(&found[0], "c.txt");
    assert!((40..=75).contains(&half_share), "{found:?}");
    assert!(found[3].is_empty(), "{found:?}");
    // An office that calls only closer texts copies.
    let strict = copies(&["--copy-threshold", "80"]);
    assert!(
        !strict[0].contains("c.txt") && strict[0].contains("b.txt"),
        "{strict:?}"
    );
    let page = stdout(&fzlint(&["report", "--isolated", ds]));
    assert!(page.contains("内容雷同的报告（"), "the page's section");
}

#[test]
fn each_copy_is_a_finding_on_both_reports_with_the_threshold_an_office_sets() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copied_batch(d, &[("石岗镇", "青石镇"), ("石岗", "青石")]);
    let ds = d.to_str().unwrap();
    let cfg = tempfile::tempdir().unwrap();
    let config = |body: &str| {
        let p = cfg.path().join("c.yaml");
        std::fs::write(&p, body).unwrap();
        p.to_str().unwrap().to_string()
    };
    let rows = |args: &[&str]| -> Vec<Vec<String>> {
        let mut all = vec!["report", "--format", "csv"];
        all.extend(args);
        all.push(ds);
        let o = fzlint(&all);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        read_csv(&stdout(&o))[1..].to_vec()
    };
    let copies_of = |row: &[String]| -> Vec<String> {
        row[20]
            .split('；')
            .filter(|c| !c.is_empty())
            .map(String::from)
            .collect()
    };
    let found = rows(&["--isolated"]);
    // The copy, its names and years changed, is whole; the half copy about half.
    let b_copies = copies_of(&found[1]);
    assert!(
        b_copies.contains(&format!("{ds}/a.txt 100%")),
        "{b_copies:?}"
    );
    // Each report gets one warning per report it shares its text with, as the rule
    // column says, on top of what `check` finds in it.
    for (row, name) in found.iter().zip(["a", "b", "c", "d"]) {
        let n = copies_of(row).len();
        let path = format!("{ds}/{name}.txt");
        let checked = json(&["check", "--isolated", "--format", "json", &path]);
        let checked = checked.as_array().unwrap();
        assert!(checked.iter().all(|d| d["rule"] != "copied-text"));
        let warnings = checked
            .iter()
            .filter(|d| d["severity"] == "warning")
            .count();
        assert_eq!(row[11], (warnings + n).to_string(), "{name}: {row:?}");
        assert_eq!(
            row[13].contains(&format!("copied-text×{n}")),
            n > 0,
            "{name}: {row:?}"
        );
    }
    assert!(copies_of(&found[3]).is_empty() && copies_of(&found[2]).len() == 2);
    // The page words each finding with the other report and the share, in its report's
    // findings.
    let page = stdout(&fzlint(&["report", "--isolated", ds]));
    // The pair's shared passages side by side, each as its report writes it.
    let view = &page[page.find("<details class=\"shared\">").expect("a view")..];
    let view = &view[..view.find("</details>").unwrap()];
    let row = view
        .lines()
        .find(|l| l.starts_with("<tr><td>") && l.contains("石岗镇") && l.contains("青石镇"))
        .expect("a passage naming each town as it was written");
    let (left, right) = row.split_once("</td><td>").unwrap();
    assert!(left.contains("石岗镇") && !left.contains("青石镇"), "{row}");
    assert!(
        right.contains("青石镇") && !right.contains("石岗镇"),
        "{row}"
    );
    for c in &b_copies {
        let (other, share) = c.rsplit_once(' ').unwrap();
        let message = format!("与 {other} 内容雷同：两份中较短一份的文字有 {share} 出现在另一份中");
        assert!(page.contains(&message), "{message}");
    }
    // An office's threshold: only closer texts are copies.
    let strict = config("rules:\n  copied-text:\n    threshold: 80\n");
    let found = rows(&["--config", &strict]);
    assert_eq!(copies_of(&found[1]), [format!("{ds}/a.txt 100%")]);
    assert!(copies_of(&found[2]).is_empty(), "{:?}", found[2]);
    assert!(!found[2][13].contains("copied-text"), "{:?}", found[2]);
    // The command line wins over the config.
    let found = rows(&["--config", &strict, "--copy-threshold", "40"]);
    assert_eq!(copies_of(&found[2]).len(), 2, "{:?}", found[2]);
    // Switched off: the pairs are listed, no report gets the finding.
    let off = config("rules:\n  copied-text: off\n");
    let found = rows(&["--config", &off]);
    assert_eq!(copies_of(&found[1]).len(), 2);
    assert!(found.iter().all(|r| !r[13].contains("copied-text")));
    // A threshold out of range is refused, naming the file.
    let bad = config("rules:\n  copied-text:\n    threshold: 0\n");
    let o = fzlint(&["report", "--format", "csv", "--config", &bad, ds]);
    assert_ne!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("c.yaml") && stderr(&o).contains("1 到 100"),
        "{}",
        stderr(&o)
    );
}

/// A township's report of our own: its year's measures, shortcomings, duties and plan
/// under the required headings, between the usual opening and closing formulas.
fn township_report(unit: &str, year: u32, parts: [&str; 4]) -> String {
    let [measures, shortcomings, duties, plan] = parts;
    format!(
        "{unit}人民政府{year}年度法治政府建设工作报告\n\n县委、县政府：\n\n\
         {year}年，{unit}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，\
         现将{year}年度法治政府建设工作情况报告如下：\n\n\
         一、{year}年法治政府建设主要举措和成效\n\n{measures}\n\n\
         二、存在的不足和原因\n\n{shortcomings}\n\n\
         三、党政主要负责人履行推进法治建设第一责任人职责情况\n\n{duties}\n\n\
         四、{next}年工作安排\n\n{plan}\n\n特此报告。\n\n{unit}人民政府\n\n{next}年2月20日\n",
        next = year + 1
    )
}

const MEASURES_2023: &str = "(一)健全依法决策机制。制定镇政府重大行政决策程序实施办法，全年提交镇党委会研究的重大事项28项，全部经法律顾问进行合法性审查；审查合同协议17份，提出修改意见33条。\n\n(二)规范行政执法行为。组建镇综合行政执法队，落实行政执法三项制度，11名执法人员全部持证上岗，全年办理行政处罚案件26件，无一被复议撤销。\n\n(三)化解基层矛盾纠纷。构建镇村两级调解网络，全年排查矛盾纠纷121件，调解成功117件，开展法律进乡村活动15场次。";
const MEASURES_2024: &str = "(一)推进镇村法律顾问全覆盖。为全镇十二个行政村聘请法律顾问，每月驻村坐班两天，全年出具法律意见书46份，协助村委会修订村规民约九部。\n\n(二)开展执法案卷评查。邀请县司法局对全年行政处罚案卷逐卷评查，发现并整改文书不规范问题十四处，组织执法人员旁听庭审两次。\n\n(三)建设法治文化阵地。在镇文化广场建成法治主题公园，在赶集日设立普法摊位，全年发放宣传资料四千余份，组织法治文艺演出六场。";
const MEASURES_QINGSHI: &str = "(一)推行行政执法全过程记录。为执法队配备执法记录仪八台，重大执法决定全部经集体讨论，全年行政处罚案件三十一件，当事人申请复议两件均维持。\n\n(二)办好群众身边的公共法律服务。镇公共法律服务站提供法律咨询五百余人次，办理法律援助案件十二件，为农民工追回工资八十余万元。\n\n(三)抓好重点人群普法。为中小学生上法治课二十节，为企业经营者举办合同风险讲座三场，编印以案释法读本一千册发放到户。\n\n(四)规范村级小微权力运行。制定村级小微权力清单三十二项，绘制运行流程图张贴到村，村级重大事项全部实行四议两公开，全年公开村务财务事项二百余条。\n\n(五)推进矛盾纠纷多元化解。设立镇级矛盾纠纷调处中心，整合司法所、派出所、信访办力量，全年受理纠纷一百零七件，调处成功一百零一件，其中土地纠纷三十件、婚姻家庭纠纷二十二件。\n\n(六)加强政务公开。在镇政府网站和公开栏公开财政预决算、重大项目和惠民资金发放情况，全年主动公开信息三百一十条，办理依申请公开四件，均按期答复。\n\n(七)推进行政复议应诉工作。建立行政应诉案件提醒和分析制度，全年行政诉讼案件三件，镇长出庭应诉一件，败诉零件，对败诉风险较高的两类执法事项提前开展风险评估。\n\n(八)落实重大行政决策社会稳定风险评估。对镇区道路改造、农贸市场搬迁两项决策开展风险评估，走访群众三百余户，根据意见调整施工时段和摊位分配办法，决策实施过程中未发生群体性事件。\n\n(九)加强法治队伍培训。组织镇村干部参加县级法治培训八期，举办镇级专题讲座四场，组织全体执法人员参加执法资格考试，合格率百分之百，选派两名干部到县司法局跟班学习三个月。";
const SHORTCOMINGS_2023: &str = "一是部分镇村干部运用法治方式解决问题的能力还不够强，习惯于凭经验办事；二是执法队伍中具有法学专业背景的人员偏少，办理复杂案件时力不从心；三是普法宣传形式较为单一，群众参与的积极性不高。究其原因，主要是干部法治培训的频次和针对性不够，法治人才引进渠道不多，普法工作创新意识不强。";
const SHORTCOMINGS_2024: &str = "一是村级法律顾问作用发挥不均衡，个别顾问驻村时间不足；二是行政执法文书制作仍有不规范之处，说理不够充分；三是法治文化阵地利用率不高，偏远村群众覆盖不到。主要原因在于对法律顾问的考核办法不完善，执法人员业务培训偏重理论，阵地建设与群众需求结合不紧。";
const DUTIES_2023: &str = "镇党委书记、镇长切实履行推进法治建设第一责任人职责，全年镇党委会专题研究法治建设3次，党委书记在全县述法会上带头述法。";
const DUTIES_2024: &str = "镇党委书记、镇长把法治建设列入年度重点工作，镇党委会专题研究法治建设4次，镇长带头出庭应诉行政诉讼案件1件，党委书记年终述法。";
const PLAN_2023: &str = "(一)提升干部依法行政能力。把常用法律法规纳入镇党委理论学习中心组学习内容，每季度组织一次镇村干部法治培训。\n\n(二)加强执法队伍建设。通过公开招录、跟班学习等方式充实执法力量，定期开展案卷评查和典型案例讲评。\n\n(三)创新普法宣传方式。结合赶集日开展以案释法，利用村级广播和短视频讲好身边的法治故事。";
const PLAN_2024: &str = "(一)完善法律顾问考核。制定村级法律顾问履职考核办法，把驻村时间和群众评价纳入考核，考核结果与续聘挂钩。\n\n(二)规范执法文书说理。编印常用执法文书范本，每半年组织一次文书评比，推动说理部分写清事实、证据和依据。\n\n(三)用好法治文化阵地。在偏远村设立流动普法点，每月开展一次送法进村，让群众在家门口学法用法。";

#[test]
fn a_report_that_repeats_last_years_shortcomings_or_plan_is_found_with_previous() {
    let dir = tempfile::tempdir().unwrap();
    let (this, last) = (dir.path().join("2024"), dir.path().join("2023"));
    std::fs::create_dir(&this).unwrap();
    std::fs::create_dir(&last).unwrap();
    std::fs::write(
        last.join("石岗镇.txt"),
        township_report(
            "石岗镇",
            2023,
            [MEASURES_2023, SHORTCOMINGS_2023, DUTIES_2023, PLAN_2023],
        ),
    )
    .unwrap();
    // An honest report of the same township the year after: only the headings and the
    // usual formulas are the same.
    std::fs::write(
        this.join("石岗镇.txt"),
        township_report(
            "石岗镇",
            2024,
            [MEASURES_2024, SHORTCOMINGS_2024, DUTIES_2024, PLAN_2024],
        ),
    )
    .unwrap();
    // Another township's report with new measures, whose shortcomings and plan are the
    // first one's of last year.
    std::fs::write(
        this.join("青石镇.txt"),
        township_report(
            "青石镇",
            2024,
            [MEASURES_QINGSHI, SHORTCOMINGS_2023, DUTIES_2023, PLAN_2023],
        ),
    )
    .unwrap();
    let ts = this.to_str().unwrap();
    let last_file = last.join("石岗镇.txt");
    let lf = last_file.to_str().unwrap();
    let found = |args: &[&str]| -> Vec<Vec<String>> {
        let mut all = vec!["report", "--format", "csv"];
        all.extend(args);
        all.push(ts);
        let o = fzlint(&all);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        read_csv(&stdout(&o))[1..].to_vec()
    };
    // Without last year's reports, nothing to say: the two of this year differ.
    let plain = found(&["--isolated"]);
    assert!(
        plain.iter().all(|r| !r[13].contains("copied-text")),
        "{plain:?}"
    );
    let with = found(&["--isolated", "--previous", last.to_str().unwrap()]);
    // The honest report of the same township is not found (its rows: 石岗镇, 青石镇),
    // not even at half the share.
    assert!(!with[0][13].contains("copied-text"), "{:?}", with[0]);
    let lax = found(&[
        "--isolated",
        "--previous",
        last.to_str().unwrap(),
        "--copy-threshold",
        "25",
    ]);
    assert!(!lax[0][13].contains("copied-text"), "{:?}", lax[0]);
    let page = stdout(&fzlint(&[
        "report",
        "--isolated",
        "--previous",
        last.to_str().unwrap(),
        ts,
    ]));
    let said: Vec<&str> = page.lines().filter(|l| l.contains("雷同：")).collect();
    assert!(
        with[1][13].contains("copied-text×2"),
        "{:?} {said:#?}",
        with[1]
    );
    for part in ["存在的不足", "下一年度工作安排"] {
        let message = format!("与上一年度报告 {lf} 雷同：{part}有 100% 的文字与其相同");
        assert!(page.contains(&message), "{message}");
    }
    assert!(
        !page.contains("雷同：全文有"),
        "the whole text is not repeated"
    );
    // The config names last year's folder, against its own place.
    let cfg = dir.path().join("office.yaml");
    std::fs::write(&cfg, "previous: 2023\n").unwrap();
    let by_config = found(&["--config", cfg.to_str().unwrap()]);
    assert_eq!(by_config[1][13], with[1][13]);
    // A whole report copied from last year is said once, for the whole.
    std::fs::copy(&last_file, this.join("照抄.txt")).unwrap();
    let whole = found(&["--isolated", "--previous", last.to_str().unwrap()]);
    let copied = whole.iter().find(|r| r[0].ends_with("照抄.txt")).unwrap();
    assert!(copied[13].contains("copied-text×"), "{copied:?}");
    let page = stdout(&fzlint(&[
        "report",
        "--isolated",
        "--previous",
        last.to_str().unwrap(),
        ts,
    ]));
    assert!(page.contains(&format!(
        "与上一年度报告 {lf} 雷同：全文有 100% 的文字与其相同"
    )));
    // Last year's folder must exist.
    let o = fzlint(&["report", "--isolated", "--previous", "没有这个文件夹", ts]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("没有这个文件夹: 上一年度报告文件夹不存在"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_office_named_signs_each_notice_from_the_command_line_or_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("报告");
    std::fs::create_dir(&d).unwrap();
    std::fs::copy(root().join("examples/sample-report.txt"), d.join("a.txt")).unwrap();
    let notes = dir.path().join("意见");
    let notice = |args: &[&str]| -> Vec<String> {
        let _ = std::fs::remove_dir_all(&notes);
        let mut all = vec![
            "report",
            "--format",
            "csv",
            "--notices",
            notes.to_str().unwrap(),
        ];
        all.extend(args);
        all.push(d.to_str().unwrap());
        let o = fzlint(&all);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let t = std::fs::read_to_string(notes.join("1-a-退回意见.txt")).unwrap();
        t.trim_start_matches('\u{FEFF}')
            .lines()
            .map(String::from)
            .collect()
    };
    let plain = notice(&["--isolated"]);
    let signed = notice(&["--isolated", "--office", "某县司法局"]);
    assert_eq!(plain.len(), signed.len());
    let n = plain.len();
    // Line by line: only the closing sentence and the signature differ.
    for k in 0..n {
        if k == n - 4 {
            assert_eq!(
                signed[k],
                "    修改时请核对全文，同类问题一并改正。如有疑问，请与某县司法局联系。感谢你单位的支持配合。"
            );
            assert_eq!(
                plain[k],
                "    修改时请核对全文，同类问题一并改正。感谢你单位的支持配合。"
            );
        } else if k == n - 2 {
            assert_eq!(
                (plain[k].as_str(), signed[k].as_str()),
                ("（审核单位）", "某县司法局")
            );
        } else {
            assert_eq!(plain[k], signed[k], "line {k}");
        }
    }
    // The config names the office; the command line wins.
    let cfg = dir.path().join("office.yaml");
    std::fs::write(&cfg, "office: 某市司法局\n").unwrap();
    let by_config = notice(&["--config", cfg.to_str().unwrap()]);
    assert_eq!(by_config[n - 2], "某市司法局");
    let both = notice(&["--config", cfg.to_str().unwrap(), "--office", "某县司法局"]);
    assert_eq!(both[n - 2], "某县司法局");
    // Without notices the flag means nothing: refused.
    let o = fzlint(&[
        "report",
        "--isolated",
        "--office",
        "某县司法局",
        d.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
}
