//! A Word draft of a 公文 written at test time, with the parts a word processor writes:
//! styles (document defaults, a style chain), a theme, section properties, footers and
//! settings. `Draft::compliant()` follows GB/T 9704-2012; each test changes one thing.

#![allow(dead_code)]

use std::io::Write;

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
                 xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

/// A paragraph: its style, its own paragraph and run properties, its text; or, with
/// `raw`, body XML written as it is (a table, a paragraph with a text box).
#[derive(Clone, Default)]
pub struct P {
    pub style: Option<&'static str>,
    pub ppr: String,
    pub rpr: String,
    pub text: String,
    pub raw: String,
}

pub fn p(style: Option<&'static str>, text: &str) -> P {
    P {
        style,
        text: text.into(),
        ..P::default()
    }
}

/// The theme's minor East Asian font slots: `a:ea` and the Hans script font.
pub struct Theme {
    pub ea: &'static str,
    pub hans: &'static str,
}

pub struct Draft {
    /// The document defaults' run properties.
    pub default_rpr: String,
    /// styles.xml's styles.
    pub styles: Vec<String>,
    pub theme: Option<Theme>,
    pub paras: Vec<P>,
    /// The section's page size, margins and grid.
    pub page: String,
    /// The footers for odd (default) and even pages: paragraph properties, text before
    /// the number, the number's run properties, text after.
    pub footers: Vec<(&'static str, String)>,
    pub even_and_odd: bool,
}

/// A footer paragraph with a PAGE field between `before` and `after`.
pub fn footer(jc: &str, before: &str, rpr: &str, after: &str) -> String {
    let run = |t: &str| {
        if t.is_empty() {
            String::new()
        } else {
            format!("<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space=\"preserve\">{t}</w:t></w:r>")
        }
    };
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:jc w:val=\"{jc}\"/></w:pPr>{}\
         <w:r><w:rPr>{rpr}</w:rPr><w:fldChar w:fldCharType=\"begin\"/></w:r>\
         <w:r><w:rPr>{rpr}</w:rPr><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
         <w:r><w:rPr>{rpr}</w:rPr><w:fldChar w:fldCharType=\"separate\"/></w:r>\
         <w:r><w:rPr>{rpr}</w:rPr><w:t>1</w:t></w:r>\
         <w:r><w:rPr>{rpr}</w:rPr><w:fldChar w:fldCharType=\"end\"/></w:r>{}</w:p>",
        run(before),
        run(after)
    )
}

/// A paragraph style: id, name, based on, pPr, rPr.
pub fn style(id: &str, name: &str, based: Option<&str>, ppr: &str, rpr: &str) -> String {
    let based = based.map_or(String::new(), |b| format!("<w:basedOn w:val=\"{b}\"/>"));
    let default = if id == "Normal" {
        " w:default=\"1\""
    } else {
        ""
    };
    format!(
        "<w:style w:type=\"paragraph\"{default} w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>{based}\
         <w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )
}

pub const SONG_14: &str =
    "<w:rFonts w:ascii=\"宋体\" w:hAnsi=\"宋体\" w:eastAsia=\"宋体\"/><w:sz w:val=\"28\"/>";

/// The page of GB/T 9704: A4, margins 37/35/28/26 mm, 22 lines a page.
pub const GB_PAGE: &str = "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
    <w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"1247\" w:gutter=\"0\"/>\
    <w:docGrid w:type=\"lines\" w:linePitch=\"579\"/>";

pub const TITLE: &str = "青石县司法局2025年法治政府建设年度报告";
pub const H2_FIRST: &str = "(一)健全依法决策机制";
pub const H2_SECOND: &str = "(二)规范行政执法行为";

impl Draft {
    /// A draft that follows GB/T 9704-2012 in every way the typography rules check.
    pub fn compliant() -> Draft {
        let body = |t: &str| p(None, t);
        Draft {
            default_rpr: "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" \
                          w:eastAsia=\"仿宋_GB2312\"/><w:sz w:val=\"32\"/>"
                .into(),
            styles: vec![
                style(
                    "Normal",
                    "Normal",
                    None,
                    "<w:spacing w:line=\"560\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:jc w:val=\"both\"/>",
                    "",
                ),
                style(
                    "GwTitle",
                    "公文标题",
                    Some("Normal"),
                    "<w:spacing w:line=\"700\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/>",
                    "<w:rFonts w:eastAsia=\"方正小标宋简体\"/><w:sz w:val=\"44\"/>",
                ),
                style(
                    "GwFlush",
                    "顶格",
                    Some("Normal"),
                    "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>",
                    "",
                ),
                style(
                    "Heading1",
                    "heading 1",
                    Some("Normal"),
                    "<w:outlineLvl w:val=\"0\"/>",
                    "<w:rFonts w:eastAsia=\"黑体\"/>",
                ),
                style(
                    "Heading2",
                    "heading 2",
                    Some("Normal"),
                    "<w:outlineLvl w:val=\"1\"/>",
                    "<w:rFonts w:eastAsia=\"楷体_GB2312\"/>",
                ),
                style(
                    "Heading3",
                    "heading 3",
                    Some("Normal"),
                    "<w:outlineLvl w:val=\"2\"/>",
                    "<w:b/>",
                ),
                style(
                    "GwDate",
                    "成文日期",
                    Some("Normal"),
                    "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\" w:rightChars=\"400\" w:right=\"1280\"/><w:jc w:val=\"right\"/>",
                    "",
                ),
                style(
                    "GwSign",
                    "署名",
                    Some("GwDate"),
                    "",
                    "",
                ),
                "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/>\
                 <w:basedOn w:val=\"Normal\"/><w:pPr><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/></w:pPr></w:style>"
                    .into(),
            ],
            theme: Some(Theme {
                ea: "",
                hans: "宋体",
            }),
            paras: vec![
                p(Some("GwTitle"), TITLE),
                p(Some("GwFlush"), "县人民政府："),
                body("2025年，我局在县委、县政府的领导下，深入推进法治政府建设，现将有关情况报告如下。"),
                p(Some("Heading1"), "一、主要举措和成效"),
                p(Some("Heading2"), H2_FIRST),
                body("修订重大行政决策程序规定，全年对12项重大决策开展合法性审查，做到应审尽审。"),
                p(Some("Heading3"), "1.完善合法性审查机制"),
                body("建立审查台账，明确审查时限和责任人，审查意见全部得到采纳。"),
                p(Some("Heading2"), H2_SECOND),
                body("全面落实行政执法三项制度，组织执法案卷评查两次，评查结果纳入考核。"),
                p(Some("Heading1"), "二、存在的不足和原因"),
                body("一是执法人员专业能力有待提高，部分执法人员对新修订的法律法规掌握不够；二是基层法治宣传形式较为单一，群众参与度不高。原因在于培训投入不足，宣传阵地建设滞后。"),
                p(Some("Heading1"), "三、党政主要负责人履行推进法治建设第一责任人职责情况"),
                body("局主要负责人带头履行第一责任人职责，主持召开专题会议研究法治建设工作四次，年终述法。"),
                p(Some("Heading1"), "四、2026年工作计划"),
                body("2026年，我局将继续加强执法队伍建设，创新普法宣传方式，推动法治政府建设再上台阶。"),
                body("特此报告。"),
                p(Some("GwSign"), "青石县司法局"),
                p(Some("GwDate"), "2026年1月20日"),
            ],
            page: GB_PAGE.into(),
            footers: vec![
                ("default", footer("right", "— ", SONG_14, " —")),
                ("even", footer("left", "— ", SONG_14, " —")),
            ],
            even_and_odd: true,
        }
    }

    /// The index in `paras` of the paragraph with this text.
    pub fn find(&self, text: &str) -> usize {
        self.paras
            .iter()
            .position(|p| p.text == text)
            .unwrap_or_else(|| panic!("no paragraph {text:?}"))
    }

    /// The .docx bytes.
    pub fn bytes(&self) -> Vec<u8> {
        let mut body = String::new();
        for p in &self.paras {
            if !p.raw.is_empty() {
                body += &p.raw;
                continue;
            }
            let style = p
                .style
                .map_or(String::new(), |s| format!("<w:pStyle w:val=\"{s}\"/>"));
            body += &format!(
                "<w:p><w:pPr>{style}{}</w:pPr><w:r><w:rPr>{}</w:rPr><w:t>{}</w:t></w:r></w:p>",
                p.ppr, p.rpr, p.text
            );
        }
        let refs: String = (self.footers.iter().enumerate())
            .map(|(i, (kind, _))| {
                format!("<w:footerReference w:type=\"{kind}\" r:id=\"rIdF{i}\"/>")
            })
            .collect();
        let document = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <w:document {W}><w:body>{body}<w:sectPr>{refs}{}</w:sectPr></w:body></w:document>",
            self.page
        );
        let styles = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:styles {W}>\
             <w:docDefaults><w:rPrDefault><w:rPr>{}</w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>{}</w:styles>",
            self.default_rpr,
            self.styles.concat()
        );
        let settings = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:settings {W}>{}</w:settings>",
            if self.even_and_odd {
                "<w:evenAndOddHeaders/>"
            } else {
                ""
            }
        );
        let mut rels = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
             <Relationship Id=\"rIdT\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>",
        );
        let mut types = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
             <Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
             <Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>",
        );
        let mut parts: Vec<(String, String)> = vec![
            ("word/document.xml".into(), document),
            ("word/styles.xml".into(), styles),
            ("word/settings.xml".into(), settings),
        ];
        if let Some(t) = &self.theme {
            rels += "<Relationship Id=\"rIdH\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme\" Target=\"theme/theme1.xml\"/>";
            types += "<Override PartName=\"/word/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>";
            parts.push((
                "word/theme/theme1.xml".into(),
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
                     <a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Office\">\
                     <a:themeElements><a:fontScheme name=\"Office\">\
                     <a:majorFont><a:latin typeface=\"Calibri Light\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/><a:font script=\"Hans\" typeface=\"等线 Light\"/></a:majorFont>\
                     <a:minorFont><a:latin typeface=\"Calibri\"/><a:ea typeface=\"{}\"/><a:cs typeface=\"\"/><a:font script=\"Hans\" typeface=\"{}\"/></a:minorFont>\
                     </a:fontScheme></a:themeElements></a:theme>",
                    t.ea, t.hans
                ),
            ));
        }
        for (i, (_, xml)) in self.footers.iter().enumerate() {
            rels += &format!(
                "<Relationship Id=\"rIdF{i}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer{i}.xml\"/>"
            );
            types += &format!(
                "<Override PartName=\"/word/footer{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
            );
            parts.push((
                format!("word/footer{i}.xml"),
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:ftr {W}>{xml}</w:ftr>"
                ),
            ));
        }
        rels += "</Relationships>";
        types += "</Types>";
        parts.push(("word/_rels/document.xml.rels".into(), rels));
        parts.push(("[Content_Types].xml".into(), types));
        parts.push((
            "_rels/.rels".into(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
             </Relationships>"
                .into(),
        ));
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        for (name, content) in parts {
            zip.start_file(name, opts).unwrap();
            zip.write_all(content.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }
}
