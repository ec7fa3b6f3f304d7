//! The forms real reports use for their parts, in reports of our own: headings without a
//! number, in text and in Word; and the near misses that must keep their verdict.

use fzlint::diagnostic::Severity;
use fzlint::pack::Part;
use fzlint::rules::RuleSet;
use fzlint::text::source::Source;
use fzlint::{Settings, lint};
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Each heading of a report: (line, level, number, its own part, found by position).
fn outline(src: &Source) -> Vec<(usize, u8, u32, Option<Part>, bool)> {
    let set = RuleSet::builtin().unwrap();
    let a = fzlint::analyse::analyse(src, &set.vocab, &Settings::default());
    a.report
        .headings
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let by_position = a
                .parts
                .hits
                .iter()
                .any(|p| p.headed && p.block == h.block && p.by_position);
            let line = src.line_col(h.title.start).0;
            (line, h.level, h.number, a.parts.own[i], by_position)
        })
        .collect()
}

/// The findings of a report: (rule, severity, line).
fn findings(src: &Source) -> Vec<(String, Severity, usize)> {
    let set = RuleSet::builtin().unwrap();
    lint(src, &set, &Settings::default())
        .into_iter()
        .map(|d| (d.rule.clone(), d.severity, src.line_col(d.span.start).0))
        .collect()
}

fn loud(src: &Source) -> Vec<(String, Severity, usize)> {
    let found = findings(src);
    found
        .into_iter()
        .filter(|f| f.1 >= Severity::Warning)
        .collect()
}

const MISSING: [&str; 5] = [
    "missing-measures",
    "missing-shortcomings",
    "missing-causes",
    "missing-duties",
    "missing-plan",
];

fn assert_no_missing(src: &Source) {
    let found = findings(src);
    for id in MISSING {
        assert!(found.iter().all(|f| f.0 != id), "{id}: {found:?}");
    }
}

// The 法治政府建设年度报告 pack's parts.
const MEASURES: Part = Part::from_static("measures");
const SHORTCOMINGS: Part = Part::from_static("shortcomings");
const PLAN: Part = Part::from_static("plan");
const DUTIES: Part = Part::from_static("duties");

#[test]
fn unnumbered_headings_head_their_parts() {
    let src = Source::new(
        "county-unnumbered.txt",
        &fixture("clean/county-unnumbered.txt"),
    );
    assert_eq!(
        outline(&src),
        vec![
            (3, 1, 0, Some(MEASURES), true),
            (6, 1, 0, Some(MEASURES), true),
            (9, 1, 0, Some(MEASURES), true),
            (12, 1, 0, Some(SHORTCOMINGS), false),
            (14, 1, 0, Some(PLAN), false),
        ]
    );
    assert_eq!(loud(&src), vec![]);
}

#[test]
fn unnumbered_headings_over_numbered_sub_headings() {
    let src = Source::new(
        "township.txt",
        &fixture("forms/township-unnumbered-subheadings.txt"),
    );
    assert_eq!(
        outline(&src),
        vec![
            (3, 1, 0, Some(MEASURES), true),
            (4, 2, 1, None, false),
            (5, 2, 2, None, false),
            (6, 1, 0, Some(MEASURES), true),
            (7, 2, 1, None, false),
            (8, 2, 2, None, false),
            (9, 1, 0, Some(SHORTCOMINGS), false),
            (11, 1, 0, Some(PLAN), false),
            (12, 2, 1, None, false),
            (13, 2, 2, None, false),
        ]
    );
    assert_eq!(loud(&src), vec![]);
}

#[test]
fn list_items_and_a_signature_are_not_headings() {
    // The three short items of a list, the duties paragraph and the signature at the end
    // stay paragraphs; the four lines that head parts are headings.
    let src = Source::new("city.txt", &fixture("forms/city-unnumbered-with-list.txt"));
    assert_eq!(
        outline(&src),
        vec![
            (4, 1, 0, Some(MEASURES), true),
            (10, 1, 0, Some(MEASURES), true),
            (13, 1, 0, Some(SHORTCOMINGS), false),
            (15, 1, 0, Some(PLAN), false),
        ]
    );
    assert_no_missing(&src);
}

#[test]
fn wrapped_running_text_is_not_headings() {
    // A text wrapped at a fixed width: lines without a sentence mark between sentences
    // that end, but each as long as the line after it.
    let src = Source::new("wrapped.txt", &fixture("forms/wrapped-running-text.txt"));
    assert_eq!(outline(&src), vec![]);
}

#[test]
fn a_lone_short_line_or_two_are_not_headings() {
    // One or two short lines of no part's name between paragraphs are not a structure.
    let text = "青石镇2024年度法治政府建设工作报告
2024年,青石镇深入推进依法行政,现将有关情况报告如下:
法治护航高质量发展
镇党委书记专题研究法治建设工作3次,并在年终述法。全年审查重大行政决策5件。
一张蓝图绘到底
执法力量仍显薄弱。究其原因,主要是编制紧张。2025年,青石镇将加强执法队伍建设。
";
    assert_eq!(outline(&Source::new("t.txt", text)), vec![]);
    // A third makes them parallel headings.
    let three = text.replace(
        "执法力量仍显薄弱。",
        "开展案卷评查2次,评出优秀案卷6卷。\n持续改进作风\n执法力量仍显薄弱。",
    );
    let lines: Vec<usize> = outline(&Source::new("t.txt", &three))
        .iter()
        .map(|h| h.0)
        .collect();
    assert_eq!(lines, [3, 5, 7]);
}

#[test]
fn a_numbered_report_keeps_its_numbered_headings_only() {
    // In a report that numbers its parts, a short line between paragraphs is a paragraph.
    let text = "青石镇2024年度法治政府建设工作报告
2024年,青石镇深入推进依法行政。现将有关情况报告如下:
一、主要举措和成效
镇党委书记专题研究法治建设工作3次,并在年终述法。
依法决策情况
全年审查重大行政决策5件,合法性审查率100%。
二、存在的不足及原因
执法力量仍显薄弱,全镇持证执法人员不足10名,难以覆盖全部村庄,普法宣传形式也较为单一。究其原因,主要是编制紧张、培训投入不够,执法人员缺少系统培训。
三、2025年工作安排
加强执法队伍建设,提升执法能力。
";
    let src = Source::new("t.txt", text);
    let lines: Vec<(usize, u32)> = outline(&src).iter().map(|h| (h.0, h.2)).collect();
    assert_eq!(lines, [(3, 1), (7, 2), (9, 3)]);
    assert_eq!(loud(&src), vec![]);
}

// Word drafts: the formatting says which paragraphs are headings; a table's rows never
// are.

/// A .docx of these paragraphs (`w:p` or `w:tbl` XML) and styles.
fn docx(body: &[String], styles: &str) -> Source {
    numbered_docx(body, styles, "")
}

/// A .docx of these paragraphs, styles and numbering definitions.
fn numbered_docx(body: &[String], styles: &str, numbering: &str) -> Source {
    use std::io::Write;
    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let parts = [
        (
            "word/document.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {W}><w:body>{}<w:sectPr/></w:body></w:document>",
                body.concat()
            ),
        ),
        (
            "word/styles.xml",
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles {W}>{styles}</w:styles>"),
        ),
        (
            "word/numbering.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering {W}>{numbering}</w:numbering>"
            ),
        ),
    ];
    for (name, content) in parts {
        zip.start_file(name, opts).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    fzlint::input::from_bytes("draft.docx", &bytes, fzlint::text::Format::Docx).unwrap()
}

fn para(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn styled(style: &str, text: &str) -> String {
    format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn bold(text: &str) -> String {
    format!("<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{text}</w:t></w:r></w:p>")
}

fn table(rows: &[(&str, &str)]) -> String {
    let rows: String = rows
        .iter()
        .map(|(a, b)| {
            format!(
                "<w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>",
                para(a),
                para(b)
            )
        })
        .collect();
    format!("<w:tbl>{rows}</w:tbl>")
}

const HEADING_STYLES: &str = concat!(
    r#"<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="标题 2"/></w:style>"#,
);

/// The paragraphs of a Word report whose part headings are unnumbered, made headings by
/// `head` (a heading style or bold).
fn word_report(head: fn(&str) -> String) -> Vec<String> {
    vec![
        para("临川县司法局2024年度法治政府建设工作报告"),
        para(
            "2024年,县司法局坚持以习近平法治思想为指导,扎实推进法治政府建设。现将有关情况报告如下:",
        ),
        head("强化组织领导 压实法治建设责任"),
        para(
            "局党组书记、局长认真履行推进法治建设第一责任人职责,主持党组会专题研究法治建设工作4次,年终带头述法。",
        ),
        head("提升执法水平 执法监督更加有力"),
        para("组织全县执法案卷评查,评查案卷200卷,发现问题21个,已督促整改。"),
        head("存在的不足"),
        para(
            "一是执法监督的覆盖面还不够广,部分乡镇执法案卷质量不高;二是公共法律服务资源分布不均,偏远村居覆盖不足。究其原因,主要是基层司法所力量薄弱,专业人员不足。",
        ),
        head("2025年工作安排"),
        para("推进执法监督全覆盖,建立县乡两级执法协调监督工作体系,提升公共法律服务质效。"),
        para("临川县司法局"),
        para("2025年2月15日"),
    ]
}

#[test]
fn word_heading_styles_head_their_parts() {
    let src = docx(&word_report(|t| styled("1", t)), HEADING_STYLES);
    assert_eq!(
        outline(&src),
        vec![
            (3, 1, 0, Some(MEASURES), true),
            (5, 1, 0, Some(MEASURES), true),
            (7, 1, 0, Some(SHORTCOMINGS), false),
            (9, 1, 0, Some(PLAN), false),
        ]
    );
    assert_eq!(loud(&src), vec![]);
    // A paragraph in 「标题 2」 under one in 「heading 1」 is a level-2 heading.
    let mut body = word_report(|t| styled("1", t));
    body.insert(3, styled("a5", "完善工作机制"));
    let src = docx(&body, HEADING_STYLES);
    let levels: Vec<(usize, u8)> = outline(&src).iter().map(|h| (h.0, h.1)).collect();
    assert_eq!(levels, [(3, 1), (4, 2), (6, 1), (8, 1), (10, 1)]);
}

#[test]
fn word_bold_lines_head_their_parts() {
    let src = docx(&word_report(bold), "");
    let lines: Vec<(usize, Option<Part>)> = outline(&src).iter().map(|h| (h.0, h.3)).collect();
    assert_eq!(
        lines,
        [
            (3, Some(MEASURES)),
            (5, Some(MEASURES)),
            (7, Some(SHORTCOMINGS)),
            (9, Some(PLAN))
        ]
    );
    assert_eq!(loud(&src), vec![]);
}

#[test]
fn word_table_rows_are_never_headings() {
    // Numbered row labels 「一、」「三、」 in a table of a numbered report: no heading and
    // no numbering-gap.
    let body = vec![
        para("临川县2024年度法治政府建设工作报告"),
        para("2024年,临川县扎实推进法治政府建设。现将有关情况报告如下:"),
        para("一、主要举措和成效"),
        para(
            "县长认真履行推进法治建设第一责任人职责,主持召开常务会议专题研究法治建设工作4次。全年主要指标如下:",
        ),
        table(&[("一、", "行政复议案件32件"), ("三、", "行政应诉案件18件")]),
        para("二、存在的不足及原因"),
        para(
            "一是执法力量仍显薄弱,部分乡镇持证执法人员不足5名;二是法治宣传针对性不强,群众参与度不高。究其原因,主要是编制紧张,培训投入不够。",
        ),
        para("三、2025年工作安排"),
        para("加强执法队伍建设,创新普法宣传方式。"),
    ];
    let src = docx(&body, "");
    let lines: Vec<(usize, u32)> = outline(&src).iter().map(|h| (h.0, h.2)).collect();
    assert_eq!(lines, [(3, 1), (9, 2), (11, 3)]);
    assert!(
        findings(&src).iter().all(|f| f.0 != "numbering-gap"),
        "{:?}",
        findings(&src)
    );
}

// The principal leaders' duties: with the subject implied or named as the unit's, they
// are the unit's own; a document's name, or what a justice bureau organised for other
// units' leaders, is not.

/// A county justice bureau's report whose measures hold `duties` (one line).
fn bureau_report(duties: &str) -> String {
    format!(
        "云港县司法局2024年度法治政府建设工作报告
2024年,县司法局坚持以习近平法治思想为指导,扎实推进法治政府建设。现将有关情况报告如下:
一、主要举措和成效
(一)规范行政执法。组织全县执法案卷评查,评查案卷200卷,发现问题21个,已督促整改。
{duties}
二、存在的不足及原因
一是执法监督的覆盖面还不够广,部分乡镇执法案卷质量不高;二是公共法律服务资源分布不均,偏远村居覆盖不足。究其原因,主要是基层司法所力量薄弱。
三、2025年工作安排
推进执法监督全覆盖,建立县乡两级执法协调监督工作体系。
"
    )
}

/// Where the duties were found: (line, the text quoted), or None.
fn duties(text: &str) -> Option<(usize, String)> {
    let set = RuleSet::builtin().unwrap();
    let src = Source::new("t.txt", text);
    let a = fzlint::analyse::analyse(&src, &set.vocab, &Settings::default());
    let hit = a.parts.first(DUTIES)?;
    Some((
        src.line_col(hit.span.start).0,
        src.slice(&hit.span).to_string(),
    ))
}

fn missing_duties(text: &str) -> bool {
    findings(&Source::new("t.txt", text))
        .iter()
        .any(|f| f.0 == "missing-duties")
}

#[test]
fn duties_with_an_implied_subject_are_the_units_own() {
    for line in [
        "(二)压实法治责任。严格落实法治建设第一责任人职责,定期召开会议研究部署法治建设工作,年内听取工作汇报4次。",
        "(二)加强组织领导。我局建立了主要领导亲自抓,分管领导具体抓,各股室抓落实的工作机制,强化法治建设第一责任人意识,严格落实领导干部述责述廉述法制度。",
        "(二)强化责任落实。认真履行推进法治建设第一责任人职责,把法治建设与业务工作同部署、同推进。",
    ] {
        let text = bureau_report(line);
        assert!(!missing_duties(&text), "{line}");
        assert_eq!(duties(&text).map(|d| d.0), Some(5), "{line}");
    }
}

#[test]
fn the_name_of_the_duties_regulation_is_no_evidence() {
    let only_the_name = "(二)加强法治学习。组织干部职工认真学习《党政主要负责人履行推进法治建设第一责任人职责规定》。";
    assert!(missing_duties(&bureau_report(only_the_name)));
    // With a sentence saying what the leaders did, that sentence is the evidence quoted.
    let both =
        format!("{only_the_name}局党组书记、局长带头述法,主持党组会专题研究法治建设工作3次。");
    let (line, quoted) = duties(&bureau_report(&both)).unwrap();
    assert_eq!(line, 5);
    assert!(
        quoted.contains("带头述法") && !quoted.contains('《'),
        "{quoted}"
    );
}

#[test]
fn what_a_justice_bureau_organised_for_others_is_not_its_leaders_duties() {
    for line in [
        "(二)推动述法全覆盖。组织全县18个乡镇党政主要负责人开展年终述法,点评各乡镇党委书记履职情况。",
        "(二)压实基层责任。为各乡镇制定法治建设第一责任人职责清单,督促各乡镇党委书记落实第一责任人职责。",
        "(二)指导述法工作。指导12个部门主要负责人述法,汇编述法报告12份。",
    ] {
        let text = bureau_report(line);
        assert!(missing_duties(&text), "{line}: {:?}", duties(&text));
    }
    // Its own leader's 述法 beside them is its duties.
    let own = "(二)推动述法全覆盖。局长在县委全面依法治县委员会会议上述法。组织全县18个乡镇党政主要负责人开展年终述法。";
    assert!(!missing_duties(&bureau_report(own)));
}

/// The outline numbering: 一、 / （一）.
const NUMBERING: &str = concat!(
    r#"<w:abstractNum w:abstractNumId="0">"#,
    r#"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>"#,
    r#"<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>"#,
    r#"</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
);

/// A paragraph in 「标题 2」 numbered automatically at level 2 (`num` 1), or with its
/// number removed (`num` 0).
fn h2(num: u32, text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"a5\"/><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
    )
}

/// A numbered Word report whose measures have these level-2 paragraphs.
fn word_numbered(measures: Vec<String>) -> Vec<String> {
    let mut body = vec![
        para("临川县2024年度法治政府建设工作报告"),
        para("2024年,临川县扎实推进法治政府建设。现将有关情况报告如下:"),
        para("一、主要举措和成效"),
    ];
    body.extend(measures);
    body.extend([
        para("二、存在的不足及原因"),
        para("一是执法力量仍显薄弱,部分乡镇持证执法人员不足5名;二是法治宣传针对性不强,群众参与度不高。究其原因,主要是编制紧张,培训投入不够。"),
        para("三、2025年工作安排"),
        para("加强执法队伍建设,创新普法宣传方式。"),
    ]);
    body
}

/// numbering-gap's findings: (line, help).
fn gaps(src: &Source) -> Vec<(usize, String)> {
    let set = RuleSet::builtin().unwrap();
    lint(src, &set, &Settings::default())
        .into_iter()
        .filter(|d| d.rule == "numbering-gap")
        .map(|d| {
            (
                src.line_col(d.span.start).0,
                d.help.clone().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn a_word_heading_that_lost_its_automatic_number_is_reported() {
    let leader = "县长认真履行推进法治建设第一责任人职责,主持召开常务会议专题研究法治建设工作4次。";
    // (一) and (二) are Word's numbers: the paragraph between them, still in 「标题 2」,
    // lost its number, and Word numbered the next one (二) as if it were not there.
    let body = word_numbered(vec![
        h2(1, "健全依法决策机制"),
        para(leader),
        h2(0, "规范行政执法行为"),
        para("全年办理行政执法案件36件,案卷合格率100%。"),
        h2(1, "强化行政执法监督"),
        para("评查案卷120卷。"),
    ]);
    let src = numbered_docx(&body, HEADING_STYLES, NUMBERING);
    let found = gaps(&src);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 6);
    assert!(
        found[0].1.contains("自动编号") && found[0].1.contains("（二）"),
        "{found:?}"
    );
    // With its number kept, nothing.
    let body = word_numbered(vec![
        h2(1, "健全依法决策机制"),
        para(leader),
        h2(1, "规范行政执法行为"),
        para("全年办理行政执法案件36件,案卷合格率100%。"),
    ]);
    assert_eq!(
        gaps(&numbered_docx(&body, HEADING_STYLES, NUMBERING)),
        vec![]
    );
}

#[test]
fn a_typed_number_against_an_automatic_one_names_what_can_be_edited() {
    // A typed (一) and then Word's list, which starts again at (一).
    let body = word_numbered(vec![
        para("（一）健全依法决策机制"),
        para("县长认真履行推进法治建设第一责任人职责,主持召开常务会议专题研究法治建设工作4次。"),
        h2(1, "规范行政执法行为"),
        para("全年办理行政执法案件36件,案卷合格率100%。"),
    ]);
    let found = gaps(&numbered_docx(&body, HEADING_STYLES, NUMBERING));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].1.contains("设置编号值") && found[0].1.contains("手工键入"),
        "{found:?}"
    );
    // Word's (一) and then a typed (一): the typed one is to be changed.
    let body = word_numbered(vec![
        h2(1, "健全依法决策机制"),
        para("县长认真履行推进法治建设第一责任人职责,主持召开常务会议专题研究法治建设工作4次。"),
        para("（一）规范行政执法行为"),
        para("全年办理行政执法案件36件,案卷合格率100%。"),
    ]);
    let found = gaps(&numbered_docx(&body, HEADING_STYLES, NUMBERING));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("键入的编号改为“（二）”"), "{found:?}");
}
