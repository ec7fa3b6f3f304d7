//! `fzlint outline`: the structure fzlint understood, for a drafter to see why a rule fired.

use super::clip;
use crate::analyse::Analysis;
use crate::classify::{DateSource, YearSource};
use crate::pack::Part;
use crate::pack::vocab::Vocab;
use crate::parse::tree::BlockKind;
use crate::text::Format;
use crate::text::source::Source;
use serde::{Serialize, Serializer};

#[derive(Serialize)]
pub struct OutlineHeading {
    pub level: u8,
    pub marker: String,
    pub number: u32,
    pub title: String,
    pub line: usize,
    pub part: Option<Part>,
}

#[derive(Serialize)]
pub struct OutlinePart {
    pub line: usize,
    pub headed: bool,
    pub evidence: String,
}

/// A place that says which year the report is on.
#[derive(Serialize)]
pub struct OutlineEvidence {
    /// "title", "preamble", "measures_heading", "plan", "signature" or "published".
    pub source: &'static str,
    /// The reported year this place supports (a plan's year minus one, a date early in
    /// a year the year before).
    pub year: i32,
    pub line: usize,
    /// The place in words, for the outline a person reads.
    #[serde(skip)]
    pub words: &'static str,
}

/// A paragraph that holds a part without a heading of its own.
#[derive(Serialize)]
pub struct OutlineParagraph {
    pub line: usize,
    pub part: Part,
    pub evidence: String,
}

/// The parts found, in the pack's order, written as a JSON object keyed by part id.
#[derive(Default)]
pub struct PartMap(pub Vec<(Part, OutlinePart)>);

impl PartMap {
    pub fn get(&self, p: &Part) -> Option<&OutlinePart> {
        self.0.iter().find(|(q, _)| q == p).map(|(_, o)| o)
    }

    pub fn contains_key(&self, p: &Part) -> bool {
        self.get(p).is_some()
    }
}

impl Serialize for PartMap {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(p, o)| (p, o)))
    }
}

/// The pack a report was read with.
#[derive(Serialize, Clone)]
pub struct PackName {
    pub id: String,
    pub name: String,
}

#[derive(Serialize)]
pub struct Outline {
    pub path: String,
    pub encoding: &'static str,
    /// Written as its name: "text", "docx" or "html".
    #[serde(serialize_with = "format_name")]
    pub format: Format,
    /// The version of the rule pack whose vocabulary read the report.
    pub rule_pack: String,
    /// The genre pack the report was read with.
    pub pack: PackName,
    pub title: Option<String>,
    pub year: Option<i32>,
    /// Written as "title", "preamble", "settings" or "evidence" (the title's year is
    /// contradicted by everything else).
    #[serde(serialize_with = "year_source_name")]
    pub year_source: Option<YearSource>,
    /// What each place of the report says about the year.
    pub year_evidence: Vec<OutlineEvidence>,
    pub published: Option<String>,
    /// Written as "metadata" or "signature".
    #[serde(serialize_with = "date_source_name")]
    pub published_source: Option<DateSource>,
    pub salutation: Option<String>,
    pub headings_inline: bool,
    pub headings: Vec<OutlineHeading>,
    pub parts: PartMap,
    /// Every part of the pack with its name, in order (for the outline a person reads).
    #[serde(skip)]
    pub part_names: Vec<(Part, String)>,
    /// Paragraphs classified by their wording (parts found without a heading).
    pub paragraphs: Vec<OutlineParagraph>,
    /// Lines holding 一是/二是 enumeration items, with their numbers.
    pub enumerations: Vec<(usize, u32)>,
    /// With `--fonts`: each paragraph's effective font and size (a Word file's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fonts: Option<Vec<super::fonts::OutlineFont>>,
}

fn format_name<S: Serializer>(f: &Format, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(f.name())
}

fn year_source_name<S: Serializer>(y: &Option<YearSource>, s: S) -> Result<S::Ok, S::Error> {
    y.map(|y| match y {
        YearSource::Title => "title",
        YearSource::Preamble => "preamble",
        YearSource::Settings => "settings",
        YearSource::Evidence => "evidence",
    })
    .serialize(s)
}

fn date_source_name<S: Serializer>(d: &Option<DateSource>, s: S) -> Result<S::Ok, S::Error> {
    d.map(|d| match d {
        DateSource::Metadata => "metadata",
        DateSource::Signature => "signature",
    })
    .serialize(s)
}

pub fn outline(src: &Source, a: &Analysis, vocab: &Vocab) -> Outline {
    let r = &a.report;
    let evidence = crate::classify::year_evidence(src, r, vocab, &a.facts, &a.parts, true);
    // Text is shown as written (a title in traditional characters stays so).
    let text = |b: Option<usize>| b.map(|b| src.original_slice(&r.blocks[b].span).to_string());
    let mut parts = PartMap::default();
    for p in vocab.part_ids() {
        let hit = a.parts.first_headed(p).or_else(|| a.parts.first(p));
        if let Some(h) = hit {
            let evidence = if h.by_position {
                let note = vocab.part(p).and_then(|d| d.position_note.as_deref());
                let note = note.map_or(String::new(), |n| format!("：{n}"));
                format!("{}（按位置{note}）", clip(src.slice(&h.span), 40))
            } else {
                clip(src.original_slice(&h.span), 40)
            };
            parts.0.push((
                p,
                OutlinePart {
                    line: src.position(h.span.start).0,
                    headed: h.headed,
                    evidence,
                },
            ));
        }
    }
    let mut paragraphs: Vec<OutlineParagraph> = a
        .parts
        .hits
        .iter()
        .filter(|h| !h.headed)
        .map(|h| OutlineParagraph {
            line: src.position(h.span.start).0,
            part: h.part,
            evidence: clip(src.original_slice(&h.span), 40),
        })
        .collect();
    paragraphs.sort_by_key(|p| p.line);
    Outline {
        path: src.name.clone(),
        encoding: src.encoding,
        format: src.format,
        rule_pack: String::new(),
        pack: PackName {
            id: vocab.id.clone(),
            name: vocab.name.clone(),
        },
        // A title over two lines is shown as one.
        title: text(r.title).map(|t| t.split('\n').map(str::trim).collect::<String>()),
        year: a.facts.year(),
        year_source: a.facts.reported_year.as_ref().map(|y| y.2),
        year_evidence: evidence
            .iter()
            .map(|e| OutlineEvidence {
                source: e.source.name(),
                words: e.source.words(),
                year: e.year,
                line: src.position(e.span.start).0,
            })
            .collect(),
        published: a
            .facts
            .published
            .as_ref()
            .map(|(d, _)| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)),
        published_source: a.facts.published.as_ref().map(|(_, s)| *s),
        salutation: text(r.salutation),
        headings_inline: !r.line_mode && !r.headings.is_empty(),
        headings: r
            .headings
            .iter()
            .enumerate()
            .map(|(i, h)| OutlineHeading {
                level: h.level,
                marker: src.original_slice(&h.marker).to_string(),
                number: h.number,
                title: clip(src.original_slice(&h.title), 60),
                line: src.position(h.marker.start).0,
                part: a.parts.section[i],
            })
            .collect(),
        parts,
        part_names: vocab
            .parts
            .iter()
            .map(|d| (d.part, d.name.clone()))
            .collect(),
        paragraphs,
        enumerations: r
            .enumerations
            .iter()
            .map(|(_, n, sp)| (src.position(sp.start).0, *n))
            .collect(),
        fonts: None,
    }
}

impl Outline {
    /// A part's name in the pack the report was read with.
    pub fn label(&self, p: Part) -> &str {
        self.part_names
            .iter()
            .find(|(q, _)| *q == p)
            .map_or(p.id(), |(_, n)| n.as_str())
    }
}

/// The outline for a person.
pub fn human(o: &Outline, a: &Analysis) -> String {
    let mut s = String::new();
    // Positions in a Word file are paragraphs.
    let unit = if o.format == Format::Docx {
        "段"
    } else {
        "行"
    };
    let or_none = |v: &Option<String>| v.clone().unwrap_or_else(|| "（未找到）".to_string());
    s.push_str(&format!("文件：{}\n", o.path));
    s.push_str(&format!(
        "报告类别：{}（规则包 {}）\n",
        o.pack.name, o.pack.id
    ));
    s.push_str(&match o.format {
        Format::Docx => "格式：Word 文档（.docx），位置按段落计\n".to_string(),
        Format::Html => format!("格式：网页（HTML，{} 编码），只检查正文\n", o.encoding),
        Format::Text => format!("编码：{}\n", o.encoding),
    });
    s.push_str(&format!("标题：{}\n", or_none(&o.title)));
    let year_from = match o.year_source {
        Some(YearSource::Title) => "（取自标题）",
        Some(YearSource::Preamble) => "（标题无年度，取自开头一段）",
        Some(YearSource::Settings) => "（取自配置）",
        Some(YearSource::Evidence) => "（标题年度与正文各处不符，按正文各处）",
        None => "",
    };
    s.push_str(&format!(
        "报告年度：{}{}\n",
        o.year.map(|y| y.to_string()).unwrap_or("（未找到）".into()),
        year_from
    ));
    if !o.year_evidence.is_empty() {
        let said: Vec<String> = o
            .year_evidence
            .iter()
            .map(|e| format!("{}（第{}{unit}）{}年", e.words, e.line, e.year))
            .collect();
        s.push_str(&format!("年度依据：{}\n", said.join("，")));
    }
    let pub_from = match o.published_source {
        Some(DateSource::Metadata) => "（取自网页发布时间）",
        Some(DateSource::Signature) => "（取自落款成文日期）",
        None => "",
    };
    s.push_str(&format!(
        "公开日期：{}{}\n",
        or_none(&o.published),
        pub_from
    ));
    if let Some(sal) = &o.salutation {
        s.push_str(&format!("主送机关：{sal}\n"));
    }
    let furniture = a
        .report
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Furniture)
        .count();
    if furniture > 0 {
        s.push_str(&format!("网页元素：{furniture} 处（不计入正文）\n"));
    }
    s.push_str(if o.headings_inline {
        "标题结构（标题在行内连写）：\n"
    } else {
        "标题结构：\n"
    });
    if o.headings.is_empty() {
        s.push_str("  （没有编号标题）\n");
    }
    for h in &o.headings {
        let indent = "  ".repeat(h.level as usize);
        let part = h
            .part
            .map(|p| format!("  [{}]", o.label(p)))
            .unwrap_or_default();
        s.push_str(&format!(
            "{:>5} {indent}{}{}{part}\n",
            format!("{}:", h.line),
            h.marker,
            h.title
        ));
    }
    if !o.paragraphs.is_empty() {
        s.push_str("按段落措辞归类的内容：\n");
        for p in &o.paragraphs {
            s.push_str(&format!(
                "  第{}{unit}  [{}]  “{}”\n",
                p.line,
                o.label(p.part),
                p.evidence
            ));
        }
    }
    s.push_str("内容要件：\n");
    for (p, name) in &o.part_names {
        match o.parts.get(p) {
            Some(op) => s.push_str(&format!(
                "  {}：第{}{unit}，{}  “{}”\n",
                name,
                op.line,
                if op.headed {
                    "有标题"
                } else {
                    "无单列标题"
                },
                op.evidence
            )),
            None => s.push_str(&format!("  {name}：未找到\n")),
        }
    }
    s
}
