//! A batch of entries with what the CSV must say of each, for the overview's tests.

use super::super::reading::UNREADABLE_FALLBACK;
use super::super::{Batch, Entry, Finding};
use crate::classify::{DateSource, YearSource};
use crate::pack::Part;
use crate::render::json::JsonDiagnostic;
use crate::render::outline::{Outline, OutlinePart, PackName, PartMap};
use crate::text::Format;

/// An outline with the given facts. `parts` has one character per part of the
/// 法治政府建设年度报告 pack (measures, shortcomings, causes, duties, plan, other):
/// 'H' headed, 'u' found without a heading, '-' missing.
pub(super) fn outline(
    path: &str,
    title: Option<&str>,
    year: Option<i32>,
    published: Option<&str>,
    parts: &str,
) -> Outline {
    let vocab = crate::pack::vocab::Vocab::builtin();
    let all: Vec<Part> = vocab.part_ids().collect();
    assert_eq!(parts.chars().count(), all.len());
    let mut map = PartMap::default();
    for (i, (p, c)) in all.iter().zip(parts.chars()).enumerate() {
        if c != '-' {
            map.0.push((
                *p,
                OutlinePart {
                    line: 3 + i * 10,
                    headed: c == 'H',
                    evidence: vocab.label(*p).to_string(),
                },
            ));
        }
    }
    Outline {
        path: path.to_string(),
        encoding: "UTF-8",
        format: Format::of(path),
        rule_pack: "2026.1".to_string(),
        pack: PackName {
            id: vocab.id.clone(),
            name: vocab.name.clone(),
        },
        title: title.map(str::to_string),
        year,
        year_source: year.map(|_| YearSource::Title),
        year_evidence: Vec::new(),
        published: published.map(str::to_string),
        published_source: published.map(|_| DateSource::Signature),
        salutation: None,
        headings_inline: false,
        headings: Vec::new(),
        parts: map,
        part_names: vocab
            .parts
            .iter()
            .map(|d| (d.part, d.name.clone()))
            .collect(),
        paragraphs: Vec::new(),
        enumerations: Vec::new(),
        fonts: None,
    }
}

pub(super) fn finding(
    rule: &str,
    severity: &'static str,
    (line, column): (usize, usize),
    (end_line, end_column): (usize, usize),
    line_text: &str,
) -> Finding {
    Finding {
        diagnostic: JsonDiagnostic {
            path: String::new(),
            rule: rule.to_string(),
            severity,
            message: format!("{rule}：问题说明"),
            help: Some(format!("{rule}：修改建议")),
            line,
            column,
            end_line,
            end_column,
            labels: Vec::new(),
            fix: None,
            location: None,
            element: None,
            folded: 0,
            rule_pack: "2026.1".to_string(),
        },
        line_text: line_text.to_string(),
        line_text_from: 0,
        missing_part: None,
    }
}

/// A finding on the first two characters of a heading line.
pub(super) fn simple(rule: &str, severity: &'static str) -> Finding {
    finding(rule, severity, (5, 1), (5, 3), "三、存在的不足和原因")
}

/// [`simple`] findings, each of a rule and a severity.
pub(super) fn simples(found: &[(&str, &'static str)]) -> Vec<Finding> {
    found.iter().map(|&(rule, sev)| simple(rule, sev)).collect()
}

pub(super) struct Case {
    pub(super) entry: Entry,
    /// The CSV row expected for it, its cells separated by '|'.
    pub(super) row: String,
}

pub(super) fn readable(
    path: &str,
    title: Option<&str>,
    year: Option<i32>,
    published: Option<&str>,
    parts: &str,
    findings: Vec<Finding>,
) -> Entry {
    Entry {
        path: path.to_string(),
        outline: Some(outline(path, title, year, published, parts)),
        findings,
        late: false,
        error: None,
        verdict_rules: Default::default(),
        closing: String::new(),
        notice: None,
        fingerprint: None,
        view: fazhi_view(),
    }
}

/// A report titled [`T`], of 2025, published on time, with these parts and findings.
pub(super) fn usual(path: &str, parts: &str, findings: Vec<Finding>) -> Entry {
    readable(
        path,
        Some(T),
        Some(2025),
        Some("2026-02-10"),
        parts,
        findings,
    )
}

/// A report with every part headed, its year and date, and no findings.
pub(super) fn complete(path: &str, title: &str) -> Entry {
    readable(
        path,
        Some(title),
        Some(2025),
        Some("2026-02-10"),
        "HHHHHH",
        vec![],
    )
}

/// A report that could not be read, and why.
pub(super) fn unreadable(path: &str, error: Option<&str>) -> Entry {
    Entry {
        outline: None,
        error: error.map(str::to_string),
        ..readable(path, None, None, None, "HHHHHH", vec![])
    }
}

/// The overview columns of the 法治政府建设年度报告 pack.
pub(super) fn fazhi_view() -> std::sync::Arc<crate::pack::overview::Overview> {
    static VIEW: std::sync::OnceLock<std::sync::Arc<crate::pack::overview::Overview>> =
        std::sync::OnceLock::new();
    VIEW.get_or_init(|| crate::pack::vocab::Vocab::builtin().overview.clone())
        .clone()
}

/// Asserts that row `k` of a CSV split into rows ends with `end`.
pub(super) fn row_ends(rows: &[&str], k: usize, end: &str) {
    assert!(rows[k].ends_with(end), "{}", rows[k]);
}

/// The entry of a report its deadline rule found late.
pub(super) fn late(e: Entry) -> Entry {
    Entry { late: true, ..e }
}

pub(super) const T: &str = "某县司法局2025年法治政府建设年度报告";
pub(super) const SCRIPT_TITLE: &str = "<script>alert('x')</script> & 报告";
pub(super) const BROKEN: &str = "文件已损坏：不是有效的 Word 文档（.docx）";

pub(super) fn cases() -> Vec<Case> {
    let y = Some(2025);
    let h = "有标题";
    let m = "缺失";
    let u = "无标题";
    // Every content headed.
    let all = format!("{h}|{h}|{h}|{h}|{h}");
    let mut placeholder = finding(
        "placeholder",
        "error",
        (8, 13),
        (8, 15),
        "本年度共办理行政复议案件XX件。",
    );
    placeholder.diagnostic.message = "占位符 <XX> 未替换".to_string();
    let mut located = simple("numbering-gap", "warning");
    located.diagnostic.location = Some("第3段第5字".to_string());
    located.diagnostic.element = Some("w:p".to_string());
    vec![
        Case {
            entry: complete("complete.txt", T),
            row: format!("complete.txt|{T}|2025|2026-02-10|否|{all}|0|0|0||"),
        },
        Case {
            entry: readable(
                "no-measures.txt",
                Some(T),
                y,
                Some("2026-01-20"),
                "-HHHHH",
                simples(&[("missing-part", "error"), ("numbering-gap", "warning")]),
            ),
            row: format!(
                "no-measures.txt|{T}|2025|2026-01-20|否|\
                 {m}|{h}|{h}|{h}|{h}|1|1|0|missing-part×1 numbering-gap×1|"
            ),
        },
        Case {
            entry: usual(
                "no-shortcomings.txt",
                "H--HHH",
                simples(&[
                    ("missing-part", "error"),
                    ("numbering-gap", "warning"),
                    ("numbering-gap", "warning"),
                ]),
            ),
            row: format!(
                "no-shortcomings.txt|{T}|2025|2026-02-10|否|\
                 {h}|{m}|{h}|{h}|{h}|1|2|0|missing-part×1 numbering-gap×2|"
            ),
        },
        Case {
            entry: usual(
                "no-duties.txt",
                "HHH-HH",
                simples(&[("numbering-gap", "warning"), ("missing-part", "error")]),
            ),
            row: format!(
                "no-duties.txt|{T}|2025|2026-02-10|否|\
                 {h}|{h}|{m}|{h}|{h}|1|1|0|numbering-gap×1 missing-part×1|"
            ),
        },
        Case {
            entry: usual(
                "no-plan.txt",
                "HHHH-H",
                simples(&[("missing-part", "error"), ("numbering-gap", "warning")]),
            ),
            row: format!(
                "no-plan.txt|{T}|2025|2026-02-10|否|\
                 {h}|{h}|{h}|{m}|{h}|1|1|0|missing-part×1 numbering-gap×1|"
            ),
        },
        Case {
            entry: usual(
                "no-other.txt",
                "HHHHH-",
                simples(&[("missing-part", "error"), ("numbering-gap", "info")]),
            ),
            row: format!(
                "no-other.txt|{T}|2025|2026-02-10|否|\
                 {h}|{h}|{h}|{h}|未写|1|0|1|missing-part×1 numbering-gap×1|"
            ),
        },
        Case {
            entry: usual(
                "no-causes.txt",
                "HH-HHH",
                vec![simple("causes-missing", "warning")],
            ),
            row: format!(
                "no-causes.txt|{T}|2025|2026-02-10|否|\
                 {h}|有标题（缺原因）|{h}|{h}|{h}|0|1|0|causes-missing×1|"
            ),
        },
        Case {
            entry: usual("unheaded.txt", "uuuuHH", vec![placeholder]),
            row: format!(
                "unheaded.txt|{T}|2025|2026-02-10|否|\
                 {u}|{u}|{u}|{h}|{h}|1|0|0|placeholder×1|"
            ),
        },
        Case {
            entry: usual(
                "unheaded-no-causes.txt",
                "Hu-HHu",
                vec![simple("causes-missing", "warning")],
            ),
            row: format!(
                "unheaded-no-causes.txt|{T}|2025|2026-02-10|否|\
                 {h}|无标题（缺原因）|{h}|{h}|{u}|0|1|0|causes-missing×1|"
            ),
        },
        Case {
            entry: late(readable(
                "late.txt",
                Some(T),
                y,
                Some("2026-04-15"),
                "HHHHHH",
                vec![finding(
                    "late-publication",
                    "warning",
                    (40, 1),
                    (40, 11),
                    "2026年4月15日",
                )],
            )),
            row: format!("late.txt|{T}|2025|2026-04-15|是|{all}|0|1|0|late-publication×1|"),
        },
        Case {
            entry: readable("no-date.txt", Some(T), y, None, "HHHHHH", vec![]),
            row: format!("no-date.txt|{T}|2025|||{all}|0|0|0||"),
        },
        Case {
            entry: unreadable("broken.docx", Some(BROKEN)),
            row: format!("broken.docx||||||||||||||{BROKEN}"),
        },
        Case {
            entry: readable(
                "县直部门/司法局,2025.txt",
                Some("关于2025年度法治政府建设情况的报告, 附件"),
                y,
                Some("2026-02-28"),
                "HHHHHH",
                vec![],
            ),
            row: format!(
                "县直部门/司法局,2025.txt|关于2025年度法治政府建设情况的报告, 附件|\
                 2025|2026-02-28|否|{all}|0|0|0||"
            ),
        },
        Case {
            entry: complete("say \"hi\".txt", "“阳光”政府 \"quoted\""),
            row: format!("say \"hi\".txt|“阳光”政府 \"quoted\"|2025|2026-02-10|否|{all}|0|0|0||"),
        },
        Case {
            entry: complete("line1\nline2.txt", "第一行\r\n第二行"),
            row: format!("line1\nline2.txt|第一行\r\n第二行|2025|2026-02-10|否|{all}|0|0|0||"),
        },
        Case {
            entry: complete("=cmd.txt", "=SUM(A1:A2)"),
            row: format!("'=cmd.txt|'=SUM(A1:A2)|2025|2026-02-10|否|{all}|0|0|0||"),
        },
        Case {
            entry: complete("+plus.txt", "-负号开头,且有逗号"),
            row: format!("'+plus.txt|'-负号开头,且有逗号|2025|2026-02-10|否|{all}|0|0|0||"),
        },
        Case {
            entry: complete("@at.txt", SCRIPT_TITLE),
            row: format!("'@at.txt|{SCRIPT_TITLE}|2025|2026-02-10|否|{all}|0|0|0||"),
        },
        Case {
            entry: usual(
                "many.txt",
                "HHHHHH",
                vec![
                    simple("numbering-gap", "warning"),
                    finding(
                        "placeholder",
                        "error",
                        (4, 3),
                        (5, 2),
                        "一是<b>加强</b>××工作",
                    ),
                    simple("numbering-gap", "warning"),
                    simple("style", "info"),
                ],
            ),
            row: format!(
                "many.txt|{T}|2025|2026-02-10|否|{all}|1|2|1|numbering-gap×2 placeholder×1 style×1|"
            ),
        },
        Case {
            entry: late(readable(
                "late-no-date.txt",
                Some(T),
                y,
                None,
                "HHHHHH",
                vec![simple("late-publication", "error")],
            )),
            row: format!("late-no-date.txt|{T}|2025||是|{all}|1|0|0|late-publication×1|"),
        },
        Case {
            entry: readable(
                "untitled.txt",
                None,
                None,
                Some("2026-03-01"),
                "HHHHHH",
                vec![],
            ),
            row: format!("untitled.txt|||2026-03-01|否|{all}|0|0|0||"),
        },
        Case {
            entry: usual("word.docx", "HHHHHH", vec![located]),
            row: format!("word.docx|{T}|2025|2026-02-10|否|{all}|0|1|0|numbering-gap×1|"),
        },
        Case {
            entry: unreadable("gone.txt", None),
            row: format!(
                "gone.txt|||||\
                 |||||||||{UNREADABLE_FALLBACK}"
            ),
        },
    ]
}

pub(super) fn entries() -> Vec<Entry> {
    cases().into_iter().map(|c| c.entry).collect()
}

pub(super) fn batch() -> Batch {
    Batch {
        generated: "2026-11-23 20:30".to_string(),
        version: "0.1.0".to_string(),
        pack_version: "2026.1".to_string(),
        copy_threshold: 0.5,
        pack: Some(fazhi_view()),
        ..Batch::default()
    }
}
