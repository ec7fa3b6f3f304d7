//! The same report as text (UTF-8, GB18030, UTF-16), Word .docx, HTML page (UTF-8, GBK)
//! and Markdown gives the same findings; Word positions are paragraphs; page furniture
//! and metadata are read as the page's, not the report's. A report in traditional
//! characters gets the findings of its simplified text.
//!
//! The .docx files are built here, writing the XML parts into a zip.

mod common;

use common::*;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

/// A report with a lost level-1 heading (三、 has become a plain line, 四、 follows) and a
/// work plan for the wrong year.
const LINES: &[&str] = &[
    "青石镇人民政府关于2024年度法治政府建设工作情况的报告",
    "县委、县政府：",
    "　　2024年，青石镇坚持以习近平法治思想为指导，扎实推进法治政府建设。现将有关情况报告如下：",
    "一、2024年推进法治政府建设的主要举措和成效",
    "（一）健全依法决策机制",
    "　　全年审查重大行政决策事项5件，合法性审查率达到100%。",
    "（二）规范行政执法行为",
    "　　全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度，全年办理行政执法案件36件。",
    "二、存在的不足和原因",
    "　　一是执法人员专业能力不足，二是法治宣传形式单一。主要原因是执法队伍人员少，培训投入不够，部分工作人员法治意识有待提高。",
    "党政主要负责人履行推进法治建设第一责任人职责情况",
    "　　镇党委书记、镇长认真履行第一责任人职责，全年主持召开专题会议4次，带头学法述法。",
    "四、2026年工作安排",
    "　　2026年，青石镇将继续完善依法决策机制，加强执法队伍建设，提升基层法治水平。",
    "　　特此报告。",
    "青石镇人民政府",
    "2025年3月20日",
];

const EXPECTED: &[&str] = &["numbering-gap", "plan-year-mismatch"];

fn text() -> String {
    LINES.join("\n") + "\n"
}

fn ids(findings: &[serde_json::Value]) -> BTreeSet<String> {
    findings
        .iter()
        .map(|d| d["rule"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn finding<'a>(findings: &'a [serde_json::Value], rule: &str) -> &'a serde_json::Value {
    findings
        .iter()
        .find(|d| d["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} in {findings:?}"))
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Writes a .docx: `body` is the inside of `w:body`; numbering.xml when given.
pub fn write_docx(path: &Path, body: &str, numbering: Option<&str>) {
    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    let file = std::fs::File::create(path).expect("the .docx can be created");
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default();
    let mut part = |name: &str, content: &str| {
        zip.start_file(name, opts).expect("a zip entry starts");
        zip.write_all(content.as_bytes())
            .expect("a zip entry is written");
    };
    part(
        "[Content_Types].xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>",
    );
    part(
        "word/document.xml",
        &format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"
        ),
    );
    if let Some(n) = numbering {
        part(
            "word/numbering.xml",
            &format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering {W}>{n}</w:numbering>"
            ),
        );
    }
    zip.finish().expect("the zip is finished");
}

fn para(text: &str) -> String {
    format!(
        "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        xml_escape(text)
    )
}

fn numbered(text: &str, num: u32, level: u32) -> String {
    format!(
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>",
        xml_escape(text)
    )
}

/// Two lists over the same levels: 一、 / （一）; the second starts at 四.
const NUMBERING: &str = "<w:abstractNum w:abstractNumId=\"0\">\
<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>\
<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/></w:lvl>\
</w:abstractNum>\
<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>\
<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"4\"/></w:lvlOverride></w:num>";

/// The report as Word would hold it: the heading numbers come from numbering.xml, and
/// paragraph 6 has a line break (Shift+Enter) in it, so the text has one line more than
/// the document has paragraphs.
fn docx_body() -> String {
    LINES
        .iter()
        .map(|l| {
            if let Some((a, b)) = l.split_once('，').filter(|_| l.contains("合法性审查率")) {
                return format!(
                    "<w:p><w:r><w:t>{}，</w:t><w:br/><w:t>{}</w:t></w:r></w:p>",
                    xml_escape(a),
                    xml_escape(b)
                );
            }
            let auto = [
                ("一、", 1, 0),
                ("二、", 1, 0),
                ("四、", 2, 0),
                ("（一）", 1, 1),
                ("（二）", 1, 1),
            ];
            match auto.iter().find(|(m, _, _)| l.starts_with(m)) {
                Some((m, num, level)) => numbered(&l[m.len()..], *num, *level),
                None => para(l),
            }
        })
        .collect()
}

fn html_page(charset: &str, pub_date: &str) -> String {
    let body: String = LINES[1..]
        .iter()
        .map(|l| format!("<p>{}</p>\n", xml_escape(l)))
        .collect();
    format!(
        r##"<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="{pub_date}">
<title>{title}_青石镇人民政府</title>
<style>.zoom {{ font-size: 16px; }}</style>
<script>var views = 0;</script>
</head><body>
<div class="header">青石镇人民政府门户网站</div>
<div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/hd">政民互动</a> <a href="/bs">办事服务</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 法治政府建设</div>
<table class="meta"><tr><td>索引号：11000000/2025-00012</td><td>发布机构：青石镇人民政府</td></tr>
<tr><td>发布日期：{pub_date}</td><td>浏览次数：<span id="views"></span></td></tr></table>
<h1 class="title">{title}</h1>
<div class="font">【字体：<a href="javascript:void(0)">大</a> <a href="javascript:void(0)">中</a> <a href="javascript:void(0)">小</a>】</div>
<div id="zoom">
{body}</div>
<div class="share">分享到：<a href="javascript:void(0)">微信</a> <a href="javascript:void(0)">微博</a> <a href="javascript:print()">打印本页</a> <a href="javascript:close()">关闭窗口</a></div>
<div class="footer">主办单位：青石镇人民政府办公室 网站标识码：1100000001 京ICP备00000000号</div>
</body></html>
"##,
        title = LINES[0],
    )
}

#[test]
fn the_same_report_in_every_format_gives_the_same_findings() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let d = dir.path();
    let t = text();
    std::fs::write(d.join("utf8.txt"), &t).unwrap();
    let (gb, _, _) = encoding_rs::GB18030.encode(&t);
    std::fs::write(d.join("gb18030.txt"), &gb).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(t.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(d.join("utf16.txt"), utf16).unwrap();
    write_docx(&d.join("word.docx"), &docx_body(), Some(NUMBERING));
    std::fs::write(d.join("page.html"), html_page("utf-8", "2025-03-22 10:30")).unwrap();
    let page = html_page("gb2312", "2025-03-22 10:30");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&page);
    assert!(!unmappable, "the page is GBK text");
    std::fs::write(d.join("page-gbk.htm"), &gbk).unwrap();
    let md = format!("# {}\n\n{}", LINES[0], LINES[1..].join("\n\n"))
        .replace("\n一、", "\n## 一、")
        .replace("\n二、", "\n## 二、")
        .replace("\n四、", "\n## 四、");
    std::fs::write(d.join("report.md"), md).unwrap();
    for name in [
        "utf8.txt",
        "gb18030.txt",
        "utf16.txt",
        "word.docx",
        "page.html",
        "page-gbk.htm",
        "report.md",
    ] {
        let (code, found) = check_json(&[&d.join(name)]);
        assert_eq!(
            ids(&found),
            EXPECTED.iter().map(|s| s.to_string()).collect(),
            "{name}: {found:#?}"
        );
        assert_eq!(code, 1, "{name}");
    }
}

#[test]
fn word_numbering_is_rebuilt_and_positions_are_paragraphs() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("word.docx");
    write_docx(&path, &docx_body(), Some(NUMBERING));
    let (_, found) = check_json(&[&path]);
    // The lost heading: paragraph 13 is 「四、2026年工作安排」, numbered by Word (line 14 of
    // the text, after the line break in paragraph 6).
    let gap = finding(&found, "numbering-gap");
    assert_eq!((&gap["line"], &gap["column"]), (&13.into(), &1.into()));
    assert_eq!(gap["location"], "第13段第1字");
    assert_eq!(gap["element"], "w:p");
    assert!(gap["message"].as_str().unwrap().contains("四、"), "{gap}");
    // The plan year sits after the generated 「四、」.
    let year = finding(&found, "plan-year-mismatch");
    assert_eq!((&year["line"], &year["column"]), (&13.into(), &3.into()));
    // The outline shows the rebuilt numbers.
    let o = fzlint(&["outline", "--format", "json", path.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("outline JSON");
    assert_eq!(v["format"], "docx");
    let markers: Vec<&str> = v["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["marker"].as_str().unwrap())
        .collect();
    assert_eq!(markers, ["一、", "（一）", "（二）", "二、", "四、"]);
    // People see the paragraph too.
    let o = fzlint(&["check", "--no-color", path.to_str().unwrap()]);
    assert!(stdout(&o).contains("位置：第13段第1字"), "{}", stdout(&o));
    // The excerpt is numbered by paragraph too, not by the text's lines.
    assert!(stdout(&o).contains("word.docx:13:1"), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("13 │ 四、2026年工作安排"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_word_table_is_read_and_its_findings_name_the_cell() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("table.docx");
    let cell = |t: &str| format!("<w:tc>{}</w:tc>", para(t));
    let table = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        cell("指标"),
        cell("完成情况"),
        cell("行政复议案件纠错率"),
        cell("XX%"),
    );
    let body: String = LINES[..6].iter().map(|l| para(l)).collect::<String>()
        + &table
        + &LINES[6..].iter().map(|l| para(l)).collect::<String>();
    write_docx(&path, &body, None);
    let (_, found) = check_json(&[&path]);
    let p = finding(&found, "placeholder");
    // Six paragraphs, then the cells 指标 (7), 完成情况 (8), 行政复议案件纠错率 (9), XX% (10).
    assert_eq!(p["location"], "第10段第1字", "{p}");
    assert_eq!(p["element"], "w:tc");
    let o = fzlint(&["check", "--no-color", path.to_str().unwrap()]);
    assert!(
        stdout(&o).contains("第10段第1字（表格中）"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_late_page_is_judged_by_its_metadata_and_its_furniture_is_not_reported() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("late.html");
    std::fs::write(&path, html_page("utf-8", "2025-04-10 09:00")).unwrap();
    let (_, found) = check_json(&[&path]);
    let late = finding(&found, "late-publication");
    assert!(
        late["message"].as_str().unwrap().contains("2025年4月10日"),
        "{late}"
    );
    assert!(!ids(&found).contains("web-residue"), "{found:#?}");
    // Pasted into a text file, the same furniture is reported.
    let pasted = dir.path().join("pasted.txt");
    std::fs::write(
        &pasted,
        format!(
            "首页 > 政务公开 > 法治政府建设\n发布日期：2025-03-22 浏览次数：\n{}",
            text()
        ),
    )
    .unwrap();
    let (_, found) = check_json(&[&pasted]);
    assert!(ids(&found).contains("web-residue"), "{found:#?}");
    // The outline says where the date came from.
    let o = fzlint(&["outline", "--format", "json", path.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("outline JSON");
    assert_eq!(
        (&v["format"], &v["published"]),
        (&"html".into(), &"2025-04-10".into())
    );
}

#[test]
fn broken_word_files_are_refused_and_the_others_still_linted() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let d = dir.path();
    std::fs::write(d.join("broken.docx"), b"PK\x03\x04 not really a zip").unwrap();
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend([0u8; 512]);
    std::fs::write(d.join("old.docx"), ole).unwrap();
    std::fs::write(d.join("r.txt"), text()).unwrap();
    let o = fzlint(&[
        "check",
        "--format",
        "concise",
        d.join("broken.docx").to_str().unwrap(),
        d.join("old.docx").to_str().unwrap(),
        d.join("r.txt").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("broken.docx: 不是有效的 .docx"), "{err}");
    assert!(
        err.contains("old.docx: 这是旧版 .doc 文件或加密的 .docx"),
        "{err}"
    );
    assert!(
        stdout(&o).contains("r.txt:13:1: error[numbering-gap]"),
        "{}",
        stdout(&o)
    );
}

/// What a finding says and where, without the file's name.
fn said(findings: &[serde_json::Value]) -> Vec<String> {
    findings
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}-{}:{} {} | {} | {}",
                d["rule"],
                d["line"],
                d["column"],
                d["end_line"],
                d["end_column"],
                d["message"],
                d["labels"],
                d["help"]
            )
        })
        .collect()
}

#[test]
fn a_report_in_traditional_characters_gets_the_findings_of_the_simplified_text() {
    // tests/fixtures/traditional holds reports of ours converted to traditional
    // characters (see its README): a clean one, and the sample with its five defects.
    // The clean one in OpenCC's traditional forms, the sample in Taiwan's (as a site in
    // 繁體 may serve it, in Big5 too).
    for (simplified, traditional, big5) in [
        ("tests/fixtures/clean/township.txt", "township.txt", false),
        ("examples/sample-report.txt", "sample-report.txt", true),
    ] {
        let t = root().join("tests/fixtures/traditional").join(traditional);
        let text = std::fs::read_to_string(&t).unwrap();
        assert!(
            text.contains("建設") && text.contains("報告"),
            "{traditional} is traditional"
        );
        let (code_s, want) = check_json(&[&root().join(simplified)]);
        let (code_t, got) = check_json(&[&t]);
        assert_eq!(said(&got), said(&want), "{traditional}");
        assert_eq!(code_t, code_s, "{traditional}");
        if big5 {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let path = dir.path().join(traditional);
            let (bytes, _, unmappable) = encoding_rs::BIG5.encode(&text);
            assert!(!unmappable, "{traditional} is Big5 text");
            std::fs::write(&path, &bytes).unwrap();
            let (_, got) = check_json(&[&path]);
            assert_eq!(said(&got), said(&want), "{traditional} in Big5");
        }
    }
    let sample = check_json(&[&root().join("tests/fixtures/traditional/sample-report.txt")]).1;
    assert_eq!(sample.len(), 5, "{sample:#?}");
    // The output shows the text as written.
    let o = fzlint(&[
        "check",
        "--isolated",
        "tests/fixtures/traditional/sample-report.txt",
    ]);
    assert!(stdout(&o).contains("工作情況總結如下"), "{}", stdout(&o));
}
