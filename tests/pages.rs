//! Real page heads, written here with each form seen on published pages (never copied
//! from one): tests/fixtures/pages, described in its README. For each report, what a
//! reviewer concludes: the title, the reported year and where it came from, the
//! publication date and where it came from, the page furniture web-residue reports (the
//! line each finding starts on), and every other finding. A report whose head is the
//! document's own (a 公文's head above its title, an issuer line over a title, a table in
//! the body) must keep it as report text.

mod common;
use common::*;

struct Case {
    file: &'static str,
    title: &'static str,
    year: i64,
    year_source: &'static str,
    published: &'static str,
    published_source: &'static str,
    /// The line each web-residue finding starts on.
    web_residue: &'static [u64],
    /// Every other finding: rule and line.
    others: &'static [(&'static str, u64)],
}

/// The clean report as its pages hold it: its title, year from the title, the
/// signature date, no furniture reported and no other finding.
const CLEAN: Case = Case {
    file: "",
    title: "白石桥镇人民政府2024年度法治政府建设工作报告",
    year: 2024,
    year_source: "title",
    published: "2025-02-25",
    published_source: "signature",
    web_residue: &[],
    others: &[],
};

#[rustfmt::skip]
const CASES: &[Case] = &[
    Case { file: "date-widget-today.txt", web_residue: &[1], ..CLEAN },
    Case { file: "date-widget-site.txt", web_residue: &[1], ..CLEAN },
    Case { file: "portal-bar.txt", web_residue: &[1], ..CLEAN },
    Case { file: "column-name.txt", web_residue: &[1], ..CLEAN },
    Case { file: "navigation-lines.txt", web_residue: &[1], ..CLEAN },
    Case { file: "crumb-dangqian-de-weizhi.txt", web_residue: &[1], ..CLEAN },
    Case { file: "crumb-suozai-de-weizhi.txt", web_residue: &[1], ..CLEAN },
    Case { file: "crumb-dangqian-suozai.txt", web_residue: &[1], ..CLEAN },
    Case { file: "crumb-slashes.txt", web_residue: &[1], ..CLEAN },
    Case { file: "crumb-arrows.txt", web_residue: &[1], ..CLEAN },
    Case { file: "search-widget.txt", web_residue: &[1], ..CLEAN },
    Case { file: "meta-dash-bracket-above.txt", published: "2025-02-12", published_source: "metadata", web_residue: &[1], ..CLEAN },
    Case { file: "meta-column-and-time-above.txt", published: "2025-03-11", published_source: "metadata", web_residue: &[1], ..CLEAN },
    Case { file: "title-twice.txt", published: "2025-03-02", published_source: "metadata", web_residue: &[1], ..CLEAN },
    Case { file: "column-tag-glued.txt", web_residue: &[1], ..CLEAN },
    Case { file: "watermark-glued.txt", web_residue: &[1], ..CLEAN },
    Case { file: "meta-brackets.txt", published: "2025-02-26", published_source: "metadata", web_residue: &[2], ..CLEAN },
    Case { file: "meta-bullets.txt", published: "2025-03-02", published_source: "metadata", web_residue: &[2], ..CLEAN },
    Case { file: "meta-spaced-keys.txt", web_residue: &[2], ..CLEAN },
    Case { file: "meta-published-at.txt", published: "2025-03-10", published_source: "metadata", web_residue: &[2], ..CLEAN },
    Case { file: "meta-source-updated.txt", published: "2025-03-29", published_source: "metadata", web_residue: &[2], ..CLEAN },
    Case { file: "meta-source-clicks.txt", published: "2025-03-30", published_source: "metadata", web_residue: &[2], ..CLEAN },
    Case { file: "stamp-and-publisher.txt", published: "2025-03-27", published_source: "metadata", web_residue: &[2], ..CLEAN },
    Case { file: "font-size-split.txt", published: "2025-03-01", published_source: "metadata", web_residue: &[2], ..CLEAN },
    Case { file: "share-and-print-below.txt", web_residue: &[37], ..CLEAN },
    Case { file: "meta-table.md", published: "2025-03-05", published_source: "metadata", web_residue: &[3], ..CLEAN },
    Case { file: "crumb-and-meta-both-sides.txt", published: "2025-03-04", published_source: "metadata", web_residue: &[1, 4], ..CLEAN },
    Case { file: "title-year-off.txt", title: "白石桥镇人民政府2023年度法治政府建设工作报告", year_source: "evidence", others: &[("year-mismatch", 1)], ..CLEAN },
    Case { file: "preamble-year-off.txt", others: &[("year-mismatch", 5)], ..CLEAN },
    Case { file: "bare-year.txt", title: "白石桥镇人民政府2024法治政府建设工作报告", others: &[("title-year-missing", 1)], ..CLEAN },
    Case { file: "late-by-metadata.txt", published: "2025-05-15", published_source: "metadata", web_residue: &[2], others: &[("late-publication", 2)], ..CLEAN },
    Case { file: "issuer-over-title.txt", ..CLEAN },
    Case { file: "issuer-over-guanyu-title.txt", title: "白石桥镇人民政府关于2024年法治政府建设情况的报告", ..CLEAN },
    Case { file: "first-paragraph-dated.txt", ..CLEAN },
    Case { file: "body-table.md", ..CLEAN },
    Case { file: "body-table-txt.txt", ..CLEAN },
    Case { file: "document-head.txt", ..CLEAN },
    Case { file: "document-head-word.docx", ..CLEAN },
    Case { file: "pasted-page-word.docx", published: "2025-03-02", published_source: "metadata", web_residue: &[1, 4], ..CLEAN },
    Case { file: "attachment-label.txt", ..CLEAN },
    Case { file: "draft-mark.txt", ..CLEAN },
    Case { file: "page-with-head.html", published: "2025-03-08", published_source: "metadata", ..CLEAN },
];

fn outline(path: &str) -> serde_json::Value {
    let o = fzlint(&["outline", "--format", "json", path]);
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{path}: outline is JSON ({e}): {}", stderr(&o)))
}

#[test]
fn page_heads_are_read_as_a_reviewer_reads_them() {
    let dir = root().join("tests/fixtures/pages");
    let on_disk = std::fs::read_dir(&dir)
        .expect("tests/fixtures/pages")
        .flatten()
        .filter(|e| e.file_name() != "README.md")
        .count();
    assert_eq!(on_disk, CASES.len(), "every page report has its row");
    assert!(CASES.len() >= 30);
    let mut wrong = Vec::new();
    for c in CASES {
        let path = format!("tests/fixtures/pages/{}", c.file);
        let o = outline(&path);
        let got = (
            o["title"].as_str().unwrap_or("").to_string(),
            o["year"].as_i64().unwrap_or(0),
            o["year_source"].as_str().unwrap_or("").to_string(),
            o["published"].as_str().unwrap_or("").to_string(),
            o["published_source"].as_str().unwrap_or("").to_string(),
        );
        let want = (
            c.title.to_string(),
            c.year,
            c.year_source.to_string(),
            c.published.to_string(),
            c.published_source.to_string(),
        );
        if got != want {
            wrong.push(format!("{}: outline {got:?}, expected {want:?}", c.file));
        }
        let (_, found) = check_json(&[std::path::Path::new(&path)]);
        let residue: Vec<u64> = found
            .iter()
            .filter(|d| rule(d) == "web-residue")
            .map(|d| num(d, "line"))
            .collect();
        if residue != c.web_residue {
            wrong.push(format!(
                "{}: web-residue on {residue:?}, expected {:?}",
                c.file, c.web_residue
            ));
        }
        let others: Vec<(String, u64)> = found
            .iter()
            .filter(|d| rule(d) != "web-residue")
            .map(|d| (rule(d).to_string(), num(d, "line")))
            .collect();
        let want: Vec<(String, u64)> = c.others.iter().map(|(r, l)| (r.to_string(), *l)).collect();
        if others != want {
            wrong.push(format!(
                "{}: other findings {others:?}, expected {want:?}",
                c.file
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// `--expect-year` (and `expect_year` in .fzlint.yaml): a report on another year than the
/// batch's is one finding, on its title; a report on that year is none.
#[test]
fn a_batch_expects_one_year() {
    let clean = "examples/clean-report.txt";
    let findings = |args: &[&str]| -> Vec<(String, u64)> {
        let o = fzlint(args);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: JSON ({e}): {}", stderr(&o)));
        v.as_array()
            .expect("an array")
            .iter()
            .map(|d| (rule(d).to_string(), num(d, "line")))
            .collect()
    };
    let base = ["check", "--isolated", "--format", "json"];
    fn with<'a>(base: &[&'a str], extra: &[&'a str], file: &'a str) -> Vec<&'a str> {
        [base, extra, &[file]].concat()
    }
    assert_eq!(findings(&with(&base, &[], clean)), vec![]);
    assert_eq!(
        findings(&with(&base, &["--expect-year", "2024"], clean)),
        vec![]
    );
    assert_eq!(
        findings(&with(&base, &["--expect-year", "2025"], clean)),
        vec![("year-mismatch".to_string(), 1)]
    );
    // The same from a config file.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let config = dir.path().join(".fzlint.yaml");
    std::fs::write(&config, "expect_year: 2023\n").expect("the config is written");
    let config = config.display().to_string();
    let o = fzlint(&["check", "--format", "json", "--config", &config, clean]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let d = &v.as_array().expect("an array")[0];
    assert_eq!((rule(d), num(d, "line")), ("year-mismatch", 1));
    assert!(d["message"].as_str().unwrap_or("").contains("2023"), "{d}");
    // And in the overview of a batch.
    let o = fzlint(&[
        "report",
        "--format",
        "csv",
        "--isolated",
        "--expect-year",
        "2025",
        clean,
    ]);
    assert!(stdout(&o).contains("year-mismatch"), "{}", stdout(&o));
}

/// `--year` applies only when the title names no year: it never overrides the title's.
#[test]
fn year_applies_only_without_a_title_year() {
    let o = fzlint(&[
        "outline",
        "--format",
        "json",
        "--year",
        "2021",
        "examples/clean-report.txt",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(
        (v["year"].as_i64(), v["year_source"].as_str()),
        (Some(2024), Some("title"))
    );
    let o = fzlint_stdin(
        &["outline", "--format", "json", "--year", "2021", "-"],
        Some("青石镇法治政府建设工作报告\n一、主要举措\n全年审查决策5件。\n"),
    );
    let v: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("JSON ({e}): {}", stderr(&o)));
    assert_eq!(
        (v["year"].as_i64(), v["year_source"].as_str()),
        (Some(2021), Some("settings"))
    );
}
