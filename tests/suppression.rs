//! Suppression wherever a drafter writes: `// fzlint-…` lines in a .txt, a Word review
//! comment `fzlint-disable RULE` on the paragraphs it covers, and a rule id that no rule
//! has named as a finding of its own.

mod common;
use common::*;
use std::io::Write;
use std::path::Path;

const SAMPLE: &str = "examples/sample-report.txt";

fn sample_lines() -> Vec<String> {
    std::fs::read_to_string(root().join(SAMPLE))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// Concise findings of one file.
fn concise(path: &Path) -> Vec<String> {
    let p = path.display().to_string();
    let o = fzlint(&["check", "--format", "concise", "--isolated", &p]);
    stdout(&o)
        .lines()
        .map(|l| l.replace(&p, "F"))
        .filter(|l| l.starts_with("F:"))
        .collect()
}

fn txt(lines: &[String]) -> (tempfile::TempDir, std::path::PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("r.txt");
    std::fs::write(&f, lines.join("\n") + "\n").unwrap();
    (d, f)
}

#[test]
fn a_slashes_line_in_a_txt_silences_the_next_line_and_is_no_text() {
    let plain = sample_lines();
    let (_d, f) = txt(&plain);
    let before = concise(&f);
    assert!(
        before.contains(
            &"F:19:1: error[numbering-gap] 二级标题编号不连续：(一)之后应为(二)，这里是(三)"
                .to_string()
        ),
        "{before:?}"
    );
    // The directive on the line above the heading: the gap is silenced, and every other
    // finding stays, one line lower.
    let mut lines = plain.clone();
    lines.insert(18, "// fzlint-disable-next-line numbering-gap".into());
    let (_d2, f2) = txt(&lines);
    let after = concise(&f2);
    let shifted: Vec<String> = before
        .iter()
        .filter(|l| !l.contains("numbering-gap"))
        .map(|l| {
            let (line, rest) = l["F:".len()..].split_once(':').unwrap();
            let n: usize = line.parse().unwrap();
            format!("F:{}:{rest}", if n > 18 { n + 1 } else { n })
        })
        .collect();
    assert_eq!(after, shifted);
}

#[test]
fn an_ordinary_slashes_line_stays_text_and_a_directive_naming_no_rule_is_told() {
    let mut lines = sample_lines();
    lines.insert(18, "// fzlint-disable-next-line numbering-gapp".into());
    let (_d, f) = txt(&lines);
    let out = concise(&f);
    let told = still_reported_and_told(&out, "F:20:1: error[numbering-gap]", "numbering-gapp");
    assert!(
        told.starts_with("F:19:1: warning[unused-suppression]"),
        "{out:?}"
    );
    // A line starting // that is not a directive is the report's text as before.
    let mut lines = sample_lines();
    lines.insert(5, "// 附：本报告数据截至2024年12月31日。".into());
    let (_d, f) = txt(&lines);
    let out = concise(&f);
    assert!(
        out.iter()
            .any(|l| l.starts_with("F:20:1: error[numbering-gap]")),
        "{out:?}"
    );
}

/// The finding `reported` is still there, and one finding tells that `name` is no rule:
/// that finding.
fn still_reported_and_told<'a>(out: &'a [String], reported: &str, name: &str) -> &'a str {
    assert!(out.iter().any(|l| l.starts_with(reported)), "{out:?}");
    let unknown: Vec<&String> = out
        .iter()
        .filter(|l| l.contains("unused-suppression"))
        .collect();
    assert_eq!(
        unknown.len(),
        1,
        "one finding for the unknown name: {out:?}"
    );
    let want = format!("屏蔽注释中的 “{name}” 不是已知的规则或类别");
    assert!(unknown[0].contains(&want), "{out:?}");
    unknown[0]
}

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

/// A .docx of the sample, one paragraph per line; `comment` is (paragraph, text) of a
/// review comment attached to that paragraph.
fn docx(path: &Path, comment: Option<(usize, &str)>) {
    let body: String = sample_lines()
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let t = l.replace('&', "&amp;").replace('<', "&lt;");
            match comment {
                Some((p, _)) if p == i + 1 => format!(
                    "<w:p><w:commentRangeStart w:id=\"0\"/><w:r><w:t>{t}</w:t></w:r><w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r></w:p>"
                ),
                _ => format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>"),
            }
        })
        .collect();
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    let mut part = |name: &str, content: String| {
        zip.start_file(name, opts).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    };
    part("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>".into());
    part(
        "word/document.xml",
        format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>"),
    );
    if let Some((_, text)) = comment {
        part(
            "word/comments.xml",
            format!(
                "<?xml version=\"1.0\"?><w:comments {W}><w:comment w:id=\"0\" w:author=\"起草人\"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:comment></w:comments>"
            ),
        );
    }
    zip.finish().unwrap();
}

#[test]
fn a_word_comment_silences_its_rule_on_the_paragraph_it_covers() {
    let d = tempfile::tempdir().unwrap();
    let (plain, commented) = (d.path().join("a.docx"), d.path().join("b.docx"));
    docx(&plain, None);
    docx(&commented, Some((19, "fzlint-disable numbering-gap")));
    let before = concise(&plain);
    assert!(
        before
            .iter()
            .any(|l| l.starts_with("F:19:1: error[numbering-gap]")),
        "{before:?}"
    );
    let after = concise(&commented);
    let expected: Vec<&String> = before
        .iter()
        .filter(|l| !l.contains("numbering-gap"))
        .collect();
    assert_eq!(after.iter().collect::<Vec<_>>(), expected);
    // A comment on another paragraph silences nothing there, and says so.
    docx(&commented, Some((20, "fzlint-disable numbering-gap")));
    let elsewhere = concise(&commented);
    assert!(
        elsewhere
            .iter()
            .any(|l| l.starts_with("F:19:1: error[numbering-gap]")),
        "{elsewhere:?}"
    );
    assert!(
        elsewhere
            .iter()
            .any(|l| l
                .starts_with("F:20:1: warning[unused-suppression] 这条屏蔽注释没有屏蔽任何问题")),
        "{elsewhere:?}"
    );
    // Ordinary review comments are not directives.
    docx(&commented, Some((19, "请核实编号")));
    assert_eq!(concise(&commented), before);
}

#[test]
fn a_word_comment_naming_no_rule_is_told_and_silences_nothing() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("r.docx");
    docx(&f, Some((19, "fzlint-disable 编号不连续")));
    let out = concise(&f);
    let told = still_reported_and_told(&out, "F:19:1: error[numbering-gap]", "编号不连续");
    assert!(
        told.starts_with("F:19:1: warning[unused-suppression]"),
        "{out:?}"
    );
}

#[test]
fn a_baseline_keeps_its_reasons_and_follows_a_renamed_draft() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    std::fs::copy(root().join(SAMPLE), dir.join("初稿.txt")).unwrap();
    let run = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_fzlint"))
            .current_dir(dir)
            .args(args)
            .output()
            .unwrap();
        (o.status.code().unwrap_or(-1), stdout(&o), stderr(&o))
    };
    let write = |f: &str| run(&["check", "--isolated", f, "--write-baseline", "基线.json"]);
    let against = |f: &str| {
        let args = ["check", "--isolated", f, "--baseline", "基线.json"];
        run(&[&args[..], &["--format", "concise"]].concat())
    };
    let (code, _, err) = write("初稿.txt");
    assert_eq!(code, 0, "{err}");
    // The office writes why one finding is accepted.
    let text = std::fs::read_to_string(dir.join("基线.json")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let findings = v["findings"].as_array_mut().unwrap();
    assert_eq!(findings.len(), 5, "{text}");
    let gap = findings
        .iter_mut()
        .find(|f| f["rule"] == "numbering-gap")
        .unwrap();
    assert_eq!(gap["path"], "初稿.txt");
    assert_eq!(gap["file"].as_str().map(str::len), Some(16), "{gap}");
    gap["reason"] = "原文如此，经核实无误".into();
    std::fs::write(
        dir.join("基线.json"),
        serde_json::to_string_pretty(&v).unwrap(),
    )
    .unwrap();
    // Renamed: the records still match it by its text.
    std::fs::rename(dir.join("初稿.txt"), dir.join("定稿.txt")).unwrap();
    let (code, out, err) = against("定稿.txt");
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    // Edited as well as renamed: the findings are new again.
    let edited = std::fs::read_to_string(dir.join("定稿.txt")).unwrap() + "附件：无\n";
    std::fs::write(dir.join("定稿.txt"), edited).unwrap();
    let (code, out, _) = against("定稿.txt");
    assert_eq!(code, 1);
    assert!(out.contains("numbering-gap"), "{out}");
    // Written again (for the new name): the reason stays with its finding.
    std::fs::rename(dir.join("定稿.txt"), dir.join("初稿.txt")).unwrap();
    let (code, _, err) = write("初稿.txt");
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(dir.join("基线.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let with_reason: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f.get("reason").is_some())
        .collect();
    assert_eq!(with_reason.len(), 1, "{text}");
    assert_eq!(with_reason[0]["rule"], "numbering-gap");
    assert_eq!(with_reason[0]["reason"], "原文如此，经核实无误");
}
