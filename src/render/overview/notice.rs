//! The return notice (退回意见 / 审核意见) for a report that does not pass: a short,
//! printable letter in the office's voice listing, in the report's order, what the
//! unit must fix (each with where it is, the words of the report and how to fix it)
//! and what it may keep.

use super::Entry;
use super::reading::failure;
use super::sections::{Cut, excerpt, position};
use super::verdict::{Verdict, decide, missing_contents};
use std::fmt::Write as _;

/// A finding quoted in a notice: always cut, 20 characters of the report's line on
/// each side, 40 of the finding's own at most.
const QUOTE: Cut = Cut {
    window: 0,
    margin: 20,
    mark_max: 40,
    marks: ["【", "】"],
    text: str::to_string,
};

/// One item of a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Where it is ("第15行第91字", "全文").
    pub place: String,
    pub message: String,
    /// The report's words around it, the finding in 【】.
    pub quote: Option<String>,
    pub help: Option<String>,
}

/// What a notice says: the items to fix and those that may stay, in the report's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub verdict: Verdict,
    pub must: Vec<Item>,
    pub may: Vec<Item>,
}

/// The report's words around a finding: the finding in 【】, a few characters on each
/// side, … where the line goes on.
fn quote(f: &super::Finding) -> Option<String> {
    if f.line_text.is_empty() {
        return None;
    }
    let s = excerpt(f, &QUOTE);
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

/// The notice for a report, or `None` when it passes.
pub fn items(e: &Entry) -> Option<Notice> {
    let verdict = decide(e).verdict;
    if verdict == Verdict::Pass {
        return None;
    }
    let rules = &e.verdict_rules;
    let (mut must, mut may) = (Vec::new(), Vec::new());
    if let Some(err) = failure(e) {
        must.push(Item {
            place: "全文".into(),
            message: format!("文件无法读取：{err}"),
            quote: None,
            help: Some("请另存为 .docx 或 .txt 后重新报送".into()),
        });
        return Some(Notice { verdict, must, may });
    }
    // A content missing with no finding of its own (its rule switched off).
    let covered: Vec<_> = e.findings.iter().filter_map(|f| f.missing_part).collect();
    for (part, name) in missing_contents(e) {
        if covered.contains(&part) {
            continue;
        }
        let item = Item {
            place: "全文".into(),
            message: format!("报告缺少“{name}”的内容"),
            quote: None,
            help: Some(match &e.view.basis {
                Some(basis) => format!("请按{basis}补写"),
                None => "请补写".to_string(),
            }),
        };
        if rules.missing > Verdict::Pass {
            must.push(item);
        } else {
            may.push(item);
        }
    }
    for f in &e.findings {
        let d = &f.diagnostic;
        let weight = match (f.missing_part, d.severity) {
            (Some(_), _) => rules.missing,
            (None, "error") => rules.error,
            (None, "warning") => rules.warning,
            _ => Verdict::Pass,
        };
        let item = Item {
            place: position(d),
            message: d.message.clone(),
            quote: quote(f),
            help: d.help.clone(),
        };
        if weight > Verdict::Pass {
            must.push(item);
        } else {
            may.push(item);
        }
    }
    Some(Notice { verdict, must, may })
}

/// "2026年3月1日" from the overview's time ("2026-03-01 08:00（北京时间）").
pub fn date_words(generated: &str) -> String {
    let date = generated.get(..10).unwrap_or("").split('-').take(3);
    match date.map(|p| p.parse().ok()).collect::<Option<Vec<u32>>>() {
        Some(v) if v.len() == 3 => format!("{}年{}月{}日", v[0], v[1], v[2]),
        _ => String::new(),
    }
}

fn items_text(out: &mut String, items: &[Item], help_word: &str) {
    for (n, it) in items.iter().enumerate() {
        let _ = writeln!(out, "{}. {}：{}", n + 1, it.place, it.message);
        if let Some(q) = &it.quote {
            let _ = writeln!(out, "   原文：{q}");
        }
        if let Some(h) = &it.help {
            let _ = writeln!(out, "   {help_word}：{h}");
        }
    }
}

/// The notice as plain text (lines end with LF; the caller chooses how to save it).
/// `unit` is the unit it is addressed to, when known; `office` the office that sends
/// it (its name signs the notice and is the one to ask), when given; `date` the date it
/// is signed.
pub fn text(e: &Entry, unit: Option<&str>, office: Option<&str>, date: &str) -> Option<String> {
    let n = items(e)?;
    let title = e.outline.as_ref().and_then(|o| o.title.as_deref());
    let name = match title.filter(|t| !t.is_empty()) {
        Some(t) => format!("《{t}》"),
        None => format!("报告（文件 {}）", e.path),
    };
    let mut out = String::new();
    let (kind, ask) = match n.verdict {
        Verdict::Return => ("退回意见", "请按以下意见修改后重新报送。"),
        _ => (
            "审核意见",
            "请按以下意见补充修改后报送，核对无误后予以通过。",
        ),
    };
    let _ = writeln!(out, "关于{name}的{kind}\n");
    let _ = writeln!(out, "{}：\n", unit.unwrap_or("报送单位"));
    let _ = writeln!(
        out,
        "    你单位报送的{name}（文件 {}）已收悉。经审核，审核结论为：{}。{ask}\n",
        e.path,
        n.verdict.word()
    );
    let _ = writeln!(out, "一、需要修改的问题（{} 处）", n.must.len());
    items_text(&mut out, &n.must, "修改建议");
    if !n.may.is_empty() {
        let _ = writeln!(
            out,
            "\n二、可以保留的问题（{} 处，供参考，可不修改）",
            n.may.len()
        );
        items_text(&mut out, &n.may, "建议");
    }
    let office = office.map(str::trim).filter(|o| !o.is_empty());
    let ask = office.map_or(String::new(), |o| format!("如有疑问，请与{o}联系。"));
    let _ = writeln!(
        out,
        "\n    修改时请核对全文，同类问题一并改正。{ask}感谢你单位的支持配合。\n"
    );
    let _ = writeln!(out, "{}\n{date}", office.unwrap_or("（审核单位）"));
    Some(out)
}

/// The ends of the file names of notices, one for each kind.
pub const FILE_ENDS: [&str; 2] = ["-退回意见.txt", "-审核意见.txt"];

/// Whether a file is a notice this module wrote: named as [`file_name`] names them (or
/// with .docx for .txt), and starting as [`text`] does (after the BOM it is saved
/// with) or as a Word file does.
pub fn is_notice(name: &str, head: &[u8]) -> bool {
    let text = FILE_ENDS.iter().any(|e| name.ends_with(e));
    let word = FILE_ENDS.iter().any(|e| {
        let dot = &e[..e.len() - "txt".len()];
        name.strip_suffix("docx").is_some_and(|n| n.ends_with(dot))
    });
    (text && head.starts_with("\u{FEFF}关于".as_bytes()))
        || (word && head.starts_with(b"PK\x03\x04"))
}

/// The notice's text as a Word document: the first line as its title (centred, in
/// 小标宋 二号), the rest in 仿宋 三号 as the text gives it, one paragraph a line.
pub fn docx(text: &str) -> Vec<u8> {
    use docx_rs::{AlignmentType, Docx, Paragraph, Run, RunFonts};
    let run = |t: &str, font: &str, size: usize| {
        Run::new()
            .add_text(t)
            .fonts(RunFonts::new().east_asia(font).ascii(font).hi_ansi(font))
            .size(size)
    };
    let mut doc = Docx::new();
    for (i, line) in text.lines().enumerate() {
        let p = if i == 0 {
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(run(line, "方正小标宋简体", 44))
        } else {
            Paragraph::new().add_run(run(line, "仿宋_GB2312", 32))
        };
        doc = doc.add_paragraph(p);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    // Packing into memory fails only where memory does.
    let _ = doc.build().pack(&mut out);
    out.into_inner()
}

/// The file name of the notice of the `i`-th report (0-based) of `count`: its number in
/// the overview, its file name without extension, and the kind of notice.
pub fn file_name(i: usize, count: usize, path: &str, verdict: Verdict) -> String {
    let width = count.max(1).to_string().len();
    let stem: String = super::roster::stem(path)
        .chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let end = FILE_ENDS[usize::from(verdict != Verdict::Return)];
    format!("{:0width$}-{stem}{end}", i + 1)
}
