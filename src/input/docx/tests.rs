use super::format::{Fmt, format_number};
use super::package::{OLE_SIGNATURE, resolve_target};
use super::*;
use std::io::Cursor;
use std::io::Write;
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

const DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const NAMESPACES: &str = concat!(
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
    r#"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" "#,
    r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
    r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
    r#"xmlns:v="urn:schemas-microsoft-com:vml" "#,
    r#"xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" "#,
    r#"mc:Ignorable="w14""#,
);

/// A ZIP package of these parts, deflated.
fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, data) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn document_xml(body: &str) -> String {
    format!("{DECLARATION}<w:document {NAMESPACES}><w:body>{body}</w:body></w:document>")
}

/// A .docx with this body XML, and numbering.xml and styles.xml contents when given
/// (what goes inside their root element).
fn docx(body: &str, numbering: Option<&str>, styles: Option<&str>) -> Vec<u8> {
    let document = document_xml(body);
    let numbering =
        numbering.map(|n| format!("{DECLARATION}<w:numbering {NAMESPACES}>{n}</w:numbering>"));
    let styles = styles.map(|s| format!("{DECLARATION}<w:styles {NAMESPACES}>{s}</w:styles>"));
    let mut parts: Vec<(&str, &[u8])> = vec![("word/document.xml", document.as_bytes())];
    if let Some(n) = &numbering {
        parts.push(("word/numbering.xml", n.as_bytes()));
    }
    if let Some(s) = &styles {
        parts.push(("word/styles.xml", s.as_bytes()));
    }
    package(&parts)
}

/// A paragraph of one run.
fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

/// A paragraph numbered directly.
fn np(num_id: u32, ilvl: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
    )
}

/// A paragraph in a paragraph style.
fn sp(style: &str, text: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
}

fn lvl(ilvl: u32, start: u32, fmt: &str, text: &str) -> String {
    format!(
        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="420" w:hanging="420"/></w:pPr></w:lvl>"#
    )
}

/// The report outline numbering: 一、 / （一） / 1.
fn outline_numbering() -> String {
    format!(
        r#"<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{}{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
        lvl(0, 1, "chineseCounting", "%1、"),
        lvl(1, 1, "chineseCounting", "（%2）"),
        lvl(2, 1, "decimal", "%3."),
    )
}

fn read(bytes: &[u8]) -> Document {
    read_docx(bytes).unwrap()
}

fn damaged(result: Result<Document, InputError>) -> String {
    match result {
        Err(InputError::Damaged(message)) => message,
        other => panic!("expected Damaged, got {other:?}"),
    }
}

fn bomb(message: &str) -> Result<Document, InputError> {
    Err(InputError::Bomb(message.into()))
}

#[test]
fn paragraphs_in_order_empty_ones_counted() {
    let body = format!(
        "{}<w:p/>{}<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p>{}<w:sectPr/>",
        p("一、总体情况"),
        p("２０２４年，全市法治政府建设取得新进展。"),
        p("（一）加强党的领导")
    );
    let doc = read(&docx(&body, None, None));
    assert_eq!(
        doc.rows(),
        [
            (1, "w:p", "一、总体情况"),
            (2, "w:p", ""),
            (3, "w:p", "２０２４年，全市法治政府建设取得新进展。"),
            (4, "w:p", ""),
            (5, "w:p", "（一）加强党的领导"),
        ]
    );
    assert_eq!(doc.encoding, "UTF-8");
    assert_eq!(doc.format, crate::text::Format::Docx);
    assert_eq!(doc.title, None);
    assert_eq!(doc.published, None);
}

#[test]
fn runs_join_and_special_characters() {
    let body = concat!(
        r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">依法 </w:t></w:r>"#,
        r#"<w:proofErr w:type="spellStart"/><w:r><w:t>行政</w:t></w:r>"#,
        r#"<w:r><w:tab/><w:t>A&amp;B&#x4E00;&lt;</w:t><w:br/><w:t>第二行</w:t><w:cr/></w:r>"#,
        r#"<w:r><w:t>e</w:t><w:noBreakHyphen/><w:t>gov</w:t><w:softHyphen/><w:t>ern&#xFEFF;ment</w:t></w:r>"#,
        r#"<w:hyperlink r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:r><w:t>链接</w:t></w:r></w:hyperlink>"#,
        r#"<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent></w:sdt>"#,
        r#"<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>fǎ</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>法</w:t></w:r></w:rubyBase></w:ruby></w:r>"#,
        r#"</w:p>"#,
        // Tab stops in the paragraph properties are no tabs.
        r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>甲</w:t></w:r></w:p>"#,
    );
    let doc = read(&docx(body, None, None));
    assert_eq!(
        doc.texts(),
        ["依法 行政\tA&B一<\n第二行\ne-government链接控件法", "甲"]
    );
}

#[test]
fn table_cells_in_order_nested_tables_too() {
    let cell = |inner: &str| format!("<w:tc><w:tcPr><w:tcW w:w=\"100\"/></w:tcPr>{inner}</w:tc>");
    let nested = format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        cell(&p("内1")),
        cell(&p("内2"))
    );
    let body = format!(
        "{}<w:tbl><w:tblPr/><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>{}",
        p("前"),
        cell(&p("指标")),
        cell(&format!("{}{}", p("完成"), p("情况"))),
        cell(&format!("{nested}<w:p/>")),
        cell(&p("末格")),
        p("后"),
    );
    let doc = read(&docx(&body, None, None));
    assert_eq!(
        doc.rows(),
        [
            (1, "w:p", "前"),
            (2, "w:tc", "指标"),
            (3, "w:tc", "完成"),
            (4, "w:tc", "情况"),
            (5, "w:tc", "内1"),
            (6, "w:tc", "内2"),
            (7, "w:tc", ""),
            (8, "w:tc", "末格"),
            (9, "w:p", "后"),
        ]
    );
}

#[test]
fn text_box_comes_once_after_its_anchor() {
    let txbx = |text: &str| format!("<w:txbxContent>{}{}</w:txbxContent>", p(text), p("框二"));
    let body = format!(
        concat!(
            "{}",
            "<w:p><w:r><w:t>锚段</w:t></w:r><w:r><mc:AlternateContent>",
            "<mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic><a:graphicData>",
            "<wps:wsp><wps:txbx>{}</wps:txbx></wps:wsp>",
            "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>",
            "<mc:Fallback><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></mc:Fallback>",
            "</mc:AlternateContent></w:r><w:r><w:t>续</w:t></w:r></w:p>",
            "{}",
            // A VML text box alone (no alternate content) is read too.
            "<w:p><w:r><w:pict><v:shape><v:textbox>{}</v:textbox></v:shape></w:pict></w:r></w:p>",
        ),
        p("前"),
        txbx("框一"),
        txbx("框一"),
        p("后"),
        "<w:txbxContent><w:p><w:r><w:t>旧框</w:t></w:r></w:p></w:txbxContent>",
    );
    let doc = read(&docx(&body, None, None));
    assert_eq!(
        doc.rows(),
        [
            (1, "w:p", "前"),
            (2, "w:p", "锚段续"),
            (3, "w:txbxContent", "框一"),
            (4, "w:txbxContent", "框二"),
            (5, "w:p", "后"),
            (6, "w:p", ""),
            (7, "w:txbxContent", "旧框"),
        ]
    );
}

#[test]
fn deletions_field_codes_and_hidden_text_left_out() {
    let body = concat!(
        // Tracked changes: deletions and moves away out, insertions and moves in kept.
        r#"<w:p><w:r><w:t>全年</w:t></w:r>"#,
        r#"<w:del w:id="1" w:author="a"><w:r><w:delText>审结</w:delText><w:tab/></w:r></w:del>"#,
        r#"<w:ins w:id="2" w:author="a"><w:r><w:t>办结</w:t></w:r></w:ins>"#,
        r#"<w:moveFrom w:id="3" w:author="a"><w:r><w:t>旧处</w:t></w:r></w:moveFrom>"#,
        r#"<w:moveTo w:id="4" w:author="a"><w:r><w:t>案件</w:t></w:r></w:moveTo></w:p>"#,
        // A complex field: code out, result in; a simple field's result in.
        r#"<w:p><w:r><w:t>见第</w:t></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r>"#,
        r#"<w:r><w:instrText xml:space="preserve"> PAGEREF _Toc1 \h </w:instrText></w:r>"#,
        r#"<w:r><w:t>代码</w:t></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r>"#,
        r#"<w:r><w:t>3</w:t></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
        r#"<w:r><w:t>页，</w:t></w:r>"#,
        r#"<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>9</w:t></w:r></w:fldSimple>"#,
        r#"<w:r><w:t>页</w:t></w:r></w:p>"#,
        // Hidden runs out; a vanish switched off is not hidden; a hidden paragraph
        // mark hides nothing of the runs.
        r#"<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr>"#,
        r#"<w:r><w:t>可见</w:t></w:r>"#,
        r#"<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t><w:br/></w:r>"#,
        r#"<w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t>也可见</w:t></w:r>"#,
        r#"<w:r><w:rPr><w:rPrChange w:id="5"><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr><w:t>改过</w:t></w:r>"#,
        // Comments: only their anchors are in the body.
        r#"<w:commentRangeStart w:id="0"/><w:r><w:t>批注处</w:t></w:r><w:commentRangeEnd w:id="0"/>"#,
        r#"<w:r><w:commentReference w:id="0"/></w:r></w:p>"#,
    );
    let doc = read(&docx(body, None, None));
    assert_eq!(
        doc.texts(),
        ["全年办结案件", "见第3页，9页", "可见也可见改过批注处"]
    );
}

#[test]
fn outline_numbering_rebuilt_with_restarts() {
    let body = [
        np(1, 0, "总体情况"),
        np(1, 1, "加强领导"),
        np(1, 2, "健全制度"),
        np(1, 2, "压实责任"),
        np(1, 1, "依法行政"),
        np(1, 2, "规范执法"),
        p("正文段落不编号。"),
        np(1, 0, "存在问题"),
        np(1, 1, "短板"),
        np(1, 2, "第一点"),
    ]
    .concat();
    let doc = read(&docx(&body, Some(&outline_numbering()), None));
    assert_eq!(
        doc.texts(),
        [
            "一、总体情况",
            "（一）加强领导",
            "1.健全制度",
            "2.压实责任",
            "（二）依法行政",
            "1.规范执法",
            "正文段落不编号。",
            "二、存在问题",
            "（一）短板",
            "1.第一点",
        ]
    );
    let paragraphs: Vec<_> = doc.blocks.iter().map(|b| b.paragraph).collect();
    assert_eq!(paragraphs, (1..=10).collect::<Vec<_>>());
}

#[test]
fn numbering_through_styles_and_removed_numbers() {
    let styles = concat!(
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>"#,
        r#"<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>"#,
        r#"<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>"#,
        // Based on heading 1, its level given by the list's pStyle link.
        r#"<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="1"/></w:style>"#,
        // A style of its own based on heading 2, with its level in the style.
        r#"<w:style w:type="paragraph" w:styleId="Item"><w:basedOn w:val="2"/>"#,
        r#"<w:pPr><w:numPr><w:ilvl w:val="2"/></w:numPr></w:pPr></w:style>"#,
    );
    let numbering = format!(
        r#"<w:abstractNum w:abstractNumId="0">{}{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
        lvl(0, 1, "chineseCounting", "%1、")
            .replace("<w:numFmt", r#"<w:pStyle w:val="1"/><w:numFmt"#),
        lvl(1, 1, "chineseCounting", "（%2）")
            .replace("<w:numFmt", r#"<w:pStyle w:val="2"/><w:numFmt"#),
        lvl(2, 1, "decimal", "%3."),
    );
    let removed = r#"<w:p><w:pPr><w:pStyle w:val="1"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>附：无编号标题</w:t></w:r></w:p>"#;
    let body = [
        sp("1", "总体情况"),
        sp("2", "领导"),
        sp("Item", "条目"),
        sp("Item", "条目"),
        sp("1", "主要举措"),
        removed.to_string(),
        sp("a", "正文"),
        p("无样式正文"),
        sp("1", "存在问题"),
        sp("2", "短板"),
    ]
    .concat();
    let doc = read(&docx(&body, Some(&numbering), Some(styles)));
    assert_eq!(
        doc.texts(),
        [
            "一、总体情况",
            "（一）领导",
            "1.条目",
            "2.条目",
            "二、主要举措",
            "附：无编号标题",
            "正文",
            "无样式正文",
            "三、存在问题",
            "（一）短板",
        ]
    );
}

#[test]
fn start_overrides_shared_definitions_and_level_options() {
    let numbering = format!(
        concat!(
            r#"<w:abstractNum w:abstractNumId="0">{}</w:abstractNum>"#,
            r#"<w:abstractNum w:abstractNumId="5">{}{}</w:abstractNum>"#,
            r#"<w:abstractNum w:abstractNumId="6">{}{}{}</w:abstractNum>"#,
            // 1 and 2 share definition 0 and continue each other; 3 restarts at 1.
            r#"<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
            r#"<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>"#,
            r#"<w:num w:numId="3"><w:abstractNumId w:val="0"/>"#,
            r#"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#,
            r#"<w:num w:numId="4"><w:abstractNumId w:val="5"/></w:num>"#,
            r#"<w:num w:numId="6"><w:abstractNumId w:val="6"/></w:num>"#,
            r#"<w:num w:numId="7"><w:abstractNumId w:val="0"/>"#,
            r#"<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1)"/></w:lvl></w:lvlOverride></w:num>"#,
        ),
        lvl(0, 1, "decimal", "(%1)"),
        lvl(0, 1, "chineseCounting", "第%1章"),
        lvl(1, 1, "decimal", "%1.%2").replace("<w:lvlText", r#"<w:isLgl/><w:lvlText"#),
        lvl(0, 1, "chineseCounting", "第%1条"),
        lvl(1, 1, "bullet", "\u{F0B7}"),
        // Level 3 restarts only after level 1: not after the bullets of level 2.
        lvl(2, 1, "lowerLetter", "%3)")
            .replace("<w:numFmt", r#"<w:lvlRestart w:val="1"/><w:numFmt"#),
    );
    let body = [
        np(1, 0, "甲"),
        np(1, 0, "乙"),
        np(2, 0, "丙"),
        np(3, 0, "丁"),
        np(3, 0, "戊"),
        np(4, 0, "总则"),
        np(4, 1, "目的"),
        np(4, 1, "依据"),
        np(4, 0, "分则"),
        np(4, 1, "范围"),
        np(6, 0, "条"),
        np(6, 2, "项"),
        np(6, 1, "点"),
        np(6, 2, "项"),
        np(99, 0, "未知列表"),
        np(7, 0, "罗马"),
    ]
    .concat();
    let doc = read(&docx(&body, Some(&numbering), None));
    assert_eq!(
        doc.texts(),
        [
            "(1)甲",
            "(2)乙",
            "(3)丙",
            "(1)丁",
            "(2)戊",
            "第一章总则",
            "1.1目的",
            "1.2依据",
            "第二章分则",
            "2.1范围",
            "第一条条",
            "a)项",
            "点",
            "b)项",
            "未知列表",
            "IV)罗马",
        ]
    );
}

#[test]
fn numbering_without_numbering_part_is_no_number() {
    let doc = read(&docx(&np(1, 0, "标题"), None, None));
    assert_eq!(doc.texts(), ["标题"]);
}

#[test]
fn number_formats() {
    // The Chinese numbers themselves are text::numerals' (tested there).
    let cases = [
        (101, Fmt::ChineseCounting, "一百零一"),
        (12, Fmt::ChineseLegal, "壹拾贰"),
        (7, Fmt::IdeographDigital, "七"),
        (10, Fmt::IdeographDigital, "一〇"),
        (2024, Fmt::IdeographDigital, "二〇二四"),
        (1, Fmt::Heavenly, "甲"),
        (4, Fmt::Heavenly, "丁"),
        (10, Fmt::Heavenly, "癸"),
        (11, Fmt::Heavenly, "11"),
        (3, Fmt::Zodiac, "寅"),
        (1, Fmt::Circle, "①"),
        (20, Fmt::Circle, "⑳"),
        (21, Fmt::Circle, "21"),
        (3, Fmt::Paren, "⑶"),
        (3, Fmt::Fullstop, "⒊"),
        (12, Fmt::FullWidth, "１２"),
        (7, Fmt::Padded(2), "07"),
        (12, Fmt::Padded(3), "012"),
        (7, Fmt::Decimal, "7"),
        (1, Fmt::UpperLetter, "A"),
        (26, Fmt::UpperLetter, "Z"),
        (27, Fmt::UpperLetter, "AA"),
        (53, Fmt::UpperLetter, "AAA"),
        (2, Fmt::LowerLetter, "b"),
        (1994, Fmt::UpperRoman, "MCMXCIV"),
        (4, Fmt::LowerRoman, "iv"),
        (0, Fmt::UpperRoman, "0"),
        (5, Fmt::Bullet, ""),
        (5, Fmt::None, ""),
    ];
    for (n, fmt, want) in cases {
        assert_eq!(format_number(n, fmt), want, "{n} {fmt:?}");
    }
    let parsed = [
        ("decimalEnclosedCircleChinese", None, Fmt::Circle),
        ("chineseCountingThousand", None, Fmt::ChineseCounting),
        ("custom", Some("001, 002, 003, ..."), Fmt::Padded(3)),
        ("koreanDigital", None, Fmt::Decimal),
    ];
    for (val, format, want) in parsed {
        assert_eq!(Fmt::parse(val, format), want, "{val}");
    }
}

#[test]
fn title_from_core_properties() {
    let document = document_xml(&p("正文"));
    let title = "某市2024年法治政府建设年度报告";
    for (written, want) in [(format!(" {title} "), Some(title)), ("  ".into(), None)] {
        let core = format!(
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
                r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
                r#"xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title>"#,
                r#"<dc:creator>办公室</dc:creator></cp:coreProperties>"#,
            ),
            written
        );
        let bytes = package(&[
            ("word/document.xml", document.as_bytes()),
            ("docProps/core.xml", core.as_bytes()),
        ]);
        assert_eq!(read(&bytes).title.as_deref(), want);
    }
}

#[test]
fn main_part_found_through_relationships() {
    let rels = concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document2.xml"/>"#,
        r#"</Relationships>"#,
    );
    let doc_rels = concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="/word/lists.xml"/>"#,
        r#"</Relationships>"#,
    );
    let document = document_xml(&np(1, 0, "总体情况"));
    let numbering = format!(
        "{DECLARATION}<w:numbering {NAMESPACES}>{}</w:numbering>",
        outline_numbering()
    );
    let bytes = package(&[
        ("_rels/.rels", rels.as_bytes()),
        ("word/_rels/document2.xml.rels", doc_rels.as_bytes()),
        ("word/document2.xml", document.as_bytes()),
        ("word/lists.xml", numbering.as_bytes()),
    ]);
    assert_eq!(read(&bytes).texts(), ["一、总体情况"]);
    assert_eq!(
        resolve_target("word/", "../customXml/item1.xml"),
        "customXml/item1.xml"
    );
}

#[test]
fn bytes_that_are_not_a_docx() {
    let message = damaged(read_docx("一、总体情况".as_bytes()));
    assert!(
        message.starts_with("不是有效的 .docx 文件（无法作为 ZIP 打开）"),
        "{message}"
    );
    assert!(damaged(read_docx(b"")).contains("无法作为 ZIP 打开"));

    let mut ole = OLE_SIGNATURE.to_vec();
    ole.extend([0; 504]);
    assert_eq!(
        damaged(read_docx(&ole)),
        "这是旧版 .doc 文件或加密的 .docx，请在 Word 中另存为 .docx（不加密）或 .txt 后再检查"
    );

    let other = package(&[("xl/workbook.xml", b"<workbook/>")]);
    let message = damaged(read_docx(&other));
    assert!(
        message.contains("缺少正文部件 word/document.xml"),
        "{message}"
    );
}

#[test]
fn broken_xml_names_part_and_position() {
    let broken =
        format!("{DECLARATION}<w:document {NAMESPACES}><w:body><w:p></w:r></w:body></w:document>");
    let bytes = package(&[("word/document.xml", broken.as_bytes())]);
    let message = damaged(read_docx(&bytes));
    let at = broken.find("</w:r>").unwrap();
    assert!(message.contains("word/document.xml"), "{message}");
    assert!(message.contains(&format!("第 {at} 字节")), "{message}");

    let truncated = document_xml(&p("正文"));
    let truncated = truncated.strip_suffix("</w:body></w:document>").unwrap();
    let bytes = package(&[("word/document.xml", truncated.as_bytes())]);
    let message = damaged(read_docx(&bytes));
    assert!(
        message.contains("word/document.xml") && message.contains("意外结束"),
        "{message}"
    );

    let bytes = docx(
        &p("正文"),
        Some("<w:abstractNum w:abstractNumId=\"0\">"),
        None,
    );
    assert!(damaged(read_docx(&bytes)).contains("word/numbering.xml"));

    let mut latin1 = document_xml(&p("x")).into_bytes();
    let at = latin1.len() - 30;
    latin1[at] = 0xE9;
    let bytes = package(&[("word/document.xml", &latin1)]);
    assert!(damaged(read_docx(&bytes)).contains(&format!("第 {at} 字节")));
}

#[test]
fn utf16_and_bom_parts_are_read() {
    let xml = document_xml(&p("正文")).replace("UTF-8", "UTF-16");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
    let bytes = package(&[("word/document.xml", &utf16)]);
    assert_eq!(read(&bytes).texts(), ["正文"]);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(document_xml(&p("正文")).into_bytes());
    let bytes = package(&[("word/document.xml", &bom)]);
    assert_eq!(read(&bytes).texts(), ["正文"]);
}

#[test]
fn too_many_entries_is_a_bomb() {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for i in 0..=MAX_ENTRIES {
        zip.start_file(format!("f{i}"), options).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert_eq!(read_docx(&bytes), bomb("条目超过 10000 个"));
    // Past the declared count, the ZIP reader's own count is checked too.
    let bytes = docx(&p("x"), None, None);
    assert_eq!(
        read_with_limits(&bytes, 0, MAX_UNPACKED_BYTES),
        bomb("条目超过 0 个")
    );
}

#[test]
fn decompressing_beyond_the_limit_is_a_bomb() {
    const MB: u64 = 1024 * 1024;
    // Two megabytes of text that deflate to a few kilobytes.
    let long = "法".repeat(700_000);
    let bytes = docx(&p(&long), None, None);
    assert!(bytes.len() < 64 * 1024);
    assert_eq!(
        read_with_limits(&bytes, MAX_ENTRIES, MB),
        bomb("解压超过 1 MB")
    );
    // Within the limit it reads, and the budget is shared by the parts.
    let doc = read_with_limits(&bytes, MAX_ENTRIES, 3 * MB).unwrap();
    assert_eq!(doc.blocks[0].text.chars().count(), 700_000);
    let half = "法".repeat(400_000);
    let bytes = docx(&p(&half), None, Some(&format!("<!--{half}-->")));
    assert_eq!(
        read_with_limits(&bytes, MAX_ENTRIES, 2 * MB),
        bomb("解压超过 2 MB")
    );
}

#[test]
fn damaged_packages_never_panic() {
    let bytes = docx(
        &[
            np(1, 0, "总体情况"),
            p("正文"),
            "<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>".into(),
        ]
        .concat(),
        Some(&outline_numbering()),
        Some(r#"<w:style w:type="paragraph" w:styleId="a"><w:basedOn w:val="a"/></w:style>"#),
    );
    for end in 0..bytes.len() {
        let _ = read_docx(&bytes[..end]);
    }
    for i in 0..bytes.len() {
        let mut flipped = bytes.clone();
        flipped[i] ^= 0x55;
        let _ = read_docx(&flipped);
    }
    // Cyclic styles, unknown levels, hostile counters and templates.
    let numbering = format!(
        r#"<w:abstractNum w:abstractNumId="0">{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
        lvl(0, 4_294_967_295, "upperLetter", &"%1%9%".repeat(100)),
        lvl(8, 0, "chineseLegalSimplified", "%9"),
    );
    let styles = concat!(
        r#"<w:style w:type="paragraph" w:styleId="x"><w:basedOn w:val="y"/></w:style>"#,
        r#"<w:style w:type="paragraph" w:styleId="y"><w:basedOn w:val="x"/></w:style>"#,
    );
    let body = [
        np(1, 0, "a"),
        np(1, 0, "b"),
        np(1, 8, "c"),
        np(1, 12, "d"),
        sp("x", "e"),
    ]
    .concat();
    let doc = read(&docx(&body, Some(&numbering), Some(styles)));
    assert_eq!(doc.blocks.len(), 5);
    assert!(doc.blocks[0].text.len() < 2000);
    assert_eq!(doc.blocks[2].text, "零c");
    assert_eq!(doc.blocks[3].text, "d");
}

/// A paragraph of runs, each (bold, text).
fn runs(parts: &[(bool, &str)]) -> String {
    let runs: String = parts
        .iter()
        .map(|(bold, t)| match bold {
            true => format!("<w:r><w:rPr><w:b/></w:rPr><w:t>{t}</w:t></w:r>"),
            false => format!("<w:r><w:t>{t}</w:t></w:r>"),
        })
        .collect();
    format!("<w:p>{runs}</w:p>")
}

#[test]
fn heading_styles_and_bold_lines_are_marked() {
    use crate::text::source::Emphasis::{Bold, Heading};
    let styles = concat!(
        r#"<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>"#,
        r#"<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="标题 2"/></w:style>"#,
        r#"<w:style w:type="paragraph" w:styleId="Mine"><w:basedOn w:val="a3"/></w:style>"#,
        r#"<w:style w:type="paragraph" w:styleId="Outline"><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>"#,
        r#"<w:style w:type="paragraph" w:styleId="BodyText"><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>"#,
        r#"<w:style w:type="paragraph" w:styleId="Strong"><w:rPr><w:b/></w:rPr></w:style>"#,
        r#"<w:style w:type="paragraph" w:styleId="Heading3"/>"#,
    );
    let body = [
        sp("1", "坚持高位推动"),
        sp("Mine", "加强统筹谋划"),
        sp("Outline", "规范执法"),
        sp("BodyText", "正文一段。"),
        sp("Heading3", "深化普法"),
        runs(&[(true, "强化执法监督 "), (true, "执法行为更加规范")]),
        runs(&[(true, "加强统筹谋划。"), (false, "全年召开会议4次。")]),
        sp("Strong", "存在的问题"),
        runs(&[(true, &"长".repeat(41))]),
        p("普通段落"),
        format!(
            "<w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>",
            runs(&[(true, "一、表格行")])
        ),
    ]
    .concat();
    let doc = read(&docx(&body, None, Some(styles)));
    assert_eq!(
        doc.emphasis,
        [
            (0, Heading(1)),
            (1, Heading(2)),
            (2, Heading(3)),
            (4, Heading(3)),
            (5, Bold),
            (7, Bold),
            (10, Bold),
        ]
    );
    // The table's paragraph keeps its element, which the parser reads as a row.
    assert_eq!(doc.rows()[10].1, "w:tc");
}

#[test]
fn tables_keep_rows_cells_and_merges() {
    // 项目 merged down two rows (vMerge), 申请人 across two columns (gridSpan).
    let tc = |pr: &str, text: &str| format!("<w:tc><w:tcPr>{pr}</w:tcPr>{}</w:tc>", p(text));
    let body = format!(
        "{}<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
        p("三、申请情况"),
        tc("<w:vMerge w:val=\"restart\"/>", "项目"),
        tc("<w:gridSpan w:val=\"2\"/>", "申请人"),
        tc("<w:vMerge/>", ""),
        tc("", "自然人"),
        tc("", "法人"),
        tc("", "一、新收"),
        tc("", "1"),
        tc("", "2"),
    );
    let doc = read(&docx(&body, None, None));
    let src = doc.clone().into_source("t.docx");
    let t = &src.tables[0];
    let cells = t.describe(&src.text);
    assert_eq!((t.rows, t.columns, t.lines.clone()), (3, 3, 1..9));
    assert_eq!(
        cells,
        [
            (0, 0, 2, 1, "项目"),
            (0, 1, 1, 2, "申请人"),
            (1, 1, 1, 1, "自然人"),
            (1, 2, 1, 1, "法人"),
            (2, 0, 1, 1, "一、新收"),
            (2, 1, 1, 1, "1"),
            (2, 2, 1, 1, "2"),
        ]
    );
    // A row's label is never a heading: its lines are the table's.
    assert!(!src.in_table(0) && (1..9).all(|l| src.in_table(l)));
}
