//! Word .docx: the body's paragraphs in order, with automatic numbering rebuilt.
//!
//! A .docx is a ZIP package of XML parts. [`read_docx`] opens it (refusing packages
//! that would unpack beyond [`MAX_ENTRIES`] entries or [`MAX_UNPACKED_BYTES`] bytes),
//! finds the main part (through `_rels/.rels`, else `word/document.xml`) and walks it,
//! producing one [`Block`] per `w:p`:
//!
//! - paragraphs are numbered 1, 2, 3 … in the order of their start tags, empty ones,
//!   table-cell paragraphs and text-box paragraphs included; a text box's paragraphs sit
//!   inside the run of the paragraph that anchors it, so they come right after it;
//! - the text is what Word shows: deleted revisions, field codes, hidden runs
//!   (`w:vanish`), ruby guides and the duplicate `mc:Fallback` copies of text boxes are
//!   left out; tabs and line breaks become `\t` and `\n`;
//! - Word's automatic numbering ("一、", "（二）", "3.") is not in the XML text: it is
//!   rebuilt from `word/numbering.xml` and `word/styles.xml` and put in front.
//!
//! Nothing here panics on hostile input: every failure is an [`InputError`].

use super::InputError;
use super::document::{Block, Document};
use crate::text::Format;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{Cursor, Read};
use zip::ZipArchive;

/// Packages with more entries than this are refused as likely zip bombs.
pub const MAX_ENTRIES: usize = 10_000;

/// The most bytes read out of the package, all parts together, once decompressed.
pub const MAX_UNPACKED_BYTES: u64 = 100 * 1024 * 1024;

/// The start of an OLE compound file: an old binary .doc, or an encrypted .docx (Word
/// wraps password-protected packages in one).
const OLE_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The longest `w:lvlText` template used, in characters (Word's own are a few
/// characters; this bounds the text a hostile numbering part can generate).
const MAX_LEVEL_TEXT: usize = 64;

/// How many `w:basedOn` links are followed before a style chain is cut (guards cycles).
const MAX_STYLE_DEPTH: usize = 32;

const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const NS_W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const NS_MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const NS_DC: &str = "http://purl.org/dc/elements/1.1/";
const NS_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// Reads a .docx file's bytes into its paragraphs, automatic numbering included.
///
/// The blocks are in paragraph order (see the module documentation); `title` is the
/// `dc:title` of `docProps/core.xml` when present and not blank; `published` is never
/// set (Word's metadata dates are edit dates, not publication dates).
pub fn read_docx(bytes: &[u8]) -> Result<Document, InputError> {
    read_with_limits(bytes, MAX_ENTRIES, MAX_UNPACKED_BYTES)
}

/// [`read_docx`] with the zip-bomb limits as parameters (the tests use small ones).
fn read_with_limits(
    bytes: &[u8],
    max_entries: usize,
    max_unpacked: u64,
) -> Result<Document, InputError> {
    let mut pkg = Package::open(bytes, max_entries, max_unpacked)?;

    let rels = pkg.relationships("_rels/.rels")?;
    let main = rels
        .target_of("/officeDocument", "")
        .filter(|name| pkg.has(name))
        .unwrap_or_else(|| "word/document.xml".to_string());
    let Some(body) = pkg.part(&main)? else {
        return Err(InputError::Damaged(format!(
            "不是有效的 .docx 文件：缺少正文部件 {main}（可能是其他格式的 ZIP 文件），\
             请在 Word 中另存为 .docx 后再检查"
        )));
    };

    let (dir, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let dir = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    let doc_rels = pkg.relationships(&format!("{dir}_rels/{file}.rels"))?;
    let related = |pkg: &Package, kind: &str, default: &str| {
        doc_rels
            .target_of(kind, &dir)
            .filter(|name| pkg.has(name))
            .unwrap_or_else(|| format!("{dir}{default}"))
    };
    let styles_part = related(&pkg, "/styles", "styles.xml");
    let numbering_part = related(&pkg, "/numbering", "numbering.xml");

    let styles = match pkg.part(&styles_part)? {
        Some(data) => parse_styles(&data, &styles_part)?,
        None => Styles::default(),
    };
    let mut lists = Lists {
        styles,
        ..Lists::default()
    };
    if let Some(data) = pkg.part(&numbering_part)? {
        parse_numbering(&data, &numbering_part, &mut lists)?;
    }

    let core = rels
        .target_of("/core-properties", "")
        .filter(|name| pkg.has(name))
        .unwrap_or_else(|| "docProps/core.xml".to_string());
    // Metadata is a nicety: a broken core part costs the title, not the check.
    let title = match pkg.part(&core)? {
        Some(data) => read_title(&data, &core).ok().flatten(),
        None => None,
    };

    let blocks = read_body(&body, &main, &mut lists)?;
    Ok(Document {
        blocks,
        published: None,
        title,
        encoding: "UTF-8",
        format: Format::Docx,
    })
}

// ---------------------------------------------------------------------------------------
// The package

/// The opened ZIP package, with what is left of the decompression budget.
struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// Bytes that may still be decompressed.
    left: u64,
    /// The whole budget, for the message.
    limit: u64,
}

impl<'a> Package<'a> {
    /// Opens the ZIP package, telling an old .doc (or encrypted .docx) from other bytes
    /// that are not a ZIP at all, and refusing too many entries.
    fn open(bytes: &'a [u8], max_entries: usize, limit: u64) -> Result<Self, InputError> {
        if bytes.starts_with(&OLE_SIGNATURE) {
            return Err(InputError::Damaged(
                "这是旧版 .doc 文件或加密的 .docx，请在 Word 中另存为 .docx（不加密）或 .txt 后再检查"
                    .into(),
            ));
        }
        let too_many = || InputError::Bomb(format!("条目超过 {max_entries} 个"));
        // Look at the declared count before the ZIP reader builds its table of entries.
        if declared_entries(bytes).is_some_and(|n| n > max_entries) {
            return Err(too_many());
        }
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
            InputError::Damaged(
                "不是有效的 .docx 文件（无法作为 ZIP 打开），可能已损坏或不是 Word 文档，\
                 请在 Word 中另存为 .docx 或 .txt 后再检查"
                    .into(),
            )
        })?;
        if zip.len() > max_entries {
            return Err(too_many());
        }
        Ok(Package {
            zip,
            left: limit,
            limit,
        })
    }

    /// Whether the package has an entry of this name.
    fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// The decompressed bytes of a part, `None` when there is no such entry. Reads at
    /// most what is left of the budget (whatever sizes the entry declares).
    fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, InputError> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let damaged = |e: &dyn std::fmt::Display| {
            InputError::Damaged(format!(".docx 文件已损坏：无法解压 {name}（{e}）"))
        };
        let file = self.zip.by_index(index).map_err(|e| damaged(&e))?;
        let mut data = Vec::new();
        file.take(self.left.saturating_add(1))
            .read_to_end(&mut data)
            .map_err(|e| damaged(&e))?;
        let read = data.len() as u64;
        if read > self.left {
            return Err(InputError::Bomb(format!(
                "解压超过 {} MB",
                self.limit / (1024 * 1024)
            )));
        }
        self.left -= read;
        Ok(Some(data))
    }

    /// The relationships of a `.rels` part (none when it is missing or unreadable:
    /// the readers fall back to the conventional part names).
    fn relationships(&mut self, name: &str) -> Result<Relationships, InputError> {
        let mut rels = Relationships::default();
        if let Some(data) = self.part(name)? {
            // A broken .rels part is ignored like a missing one.
            let _ = parse_part(&data, name, &mut rels);
        }
        Ok(rels)
    }
}

/// The entry count in the end-of-central-directory record, when one is found where it
/// belongs (`None` for ZIP64 counts and anything unusual: the ZIP reader decides then).
fn declared_entries(bytes: &[u8]) -> Option<usize> {
    const SIGNATURE: [u8; 4] = [0x50, 0x4B, 0x05, 0x06];
    const RECORD: usize = 22;
    let last = bytes.len().checked_sub(RECORD)?;
    let first = last.saturating_sub(usize::from(u16::MAX));
    (first..=last).rev().find_map(|i| {
        let record = bytes.get(i..i + RECORD)?;
        if record[..4] != SIGNATURE {
            return None;
        }
        let comment = usize::from(u16::from_le_bytes([record[20], record[21]]));
        if i + RECORD + comment != bytes.len() {
            return None;
        }
        let total = u16::from_le_bytes([record[10], record[11]]);
        (total != u16::MAX).then_some(usize::from(total))
    })
}

/// The `Relationship` elements of a `.rels` part.
#[derive(Default)]
struct Relationships(Vec<(String, String)>);

impl Relationships {
    /// The target of the first internal relationship whose type ends with `kind`
    /// ("/officeDocument", "/styles" …), as a package path, relative targets taken
    /// from the folder `dir` ("" for the package's own relationships, "word/" …).
    fn target_of(&self, kind: &str, dir: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(t, _)| t.ends_with(kind))
            .map(|(_, target)| resolve_target(dir, target))
    }
}

impl Handler for Relationships {
    fn open(&mut self, tag: Tag, e: &BytesStart<'_>, _: &[Tag]) {
        if tag == Tag::Relationship
            && attr(e, "TargetMode").is_none_or(|m| m != "External")
            && let (Some(kind), Some(target)) = (attr(e, "Type"), attr(e, "Target"))
        {
            self.0.push((kind, target));
        }
    }
}

/// A relationship target as a package path: absolute ("/word/x.xml") or relative to
/// the folder of the part the relationships belong to, with "." and ".." resolved.
fn resolve_target(dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("{dir}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

// ---------------------------------------------------------------------------------------
// XML parts

/// The namespaces this reader tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    W,
    Mc,
    Dc,
    Rels,
    Other,
}

/// The elements any of the readers act on; everything else is [`Tag::Other`] and
/// passed through (its content still read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    // document.xml
    P,
    PPr,
    PStyle,
    NumPr,
    Ilvl,
    NumId,
    R,
    RPr,
    Vanish,
    T,
    Tab,
    Br,
    NoBreakHyphen,
    SoftHyphen,
    FldChar,
    Tc,
    TxbxContent,
    // styles.xml
    Style,
    BasedOn,
    // numbering.xml
    AbstractNum,
    NumStyleLink,
    Lvl,
    Start,
    NumFmt,
    LvlText,
    LvlRestart,
    IsLgl,
    Num,
    AbstractNumId,
    LvlOverride,
    StartOverride,
    // markup compatibility, handled by the parser itself
    AlternateContent,
    Choice,
    Fallback,
    // core.xml and .rels
    Title,
    Relationship,
    /// An element whose whole content is left out: deleted text, field codes, the old
    /// properties of a tracked formatting change, ruby guide text.
    Skip,
    Other,
}

/// What an element is, by namespace and local name.
fn classify(ns: Ns, local: &str) -> Tag {
    match ns {
        Ns::W => match local {
            "p" => Tag::P,
            "pPr" => Tag::PPr,
            "pStyle" => Tag::PStyle,
            "numPr" => Tag::NumPr,
            "ilvl" => Tag::Ilvl,
            "numId" => Tag::NumId,
            "r" => Tag::R,
            "rPr" => Tag::RPr,
            "vanish" => Tag::Vanish,
            "t" => Tag::T,
            "tab" | "ptab" => Tag::Tab,
            "br" | "cr" => Tag::Br,
            "noBreakHyphen" => Tag::NoBreakHyphen,
            "softHyphen" => Tag::SoftHyphen,
            "fldChar" => Tag::FldChar,
            "tc" => Tag::Tc,
            "txbxContent" => Tag::TxbxContent,
            "style" => Tag::Style,
            "basedOn" => Tag::BasedOn,
            "abstractNum" => Tag::AbstractNum,
            "numStyleLink" => Tag::NumStyleLink,
            "lvl" => Tag::Lvl,
            "start" => Tag::Start,
            "numFmt" => Tag::NumFmt,
            "lvlText" => Tag::LvlText,
            "lvlRestart" => Tag::LvlRestart,
            "isLgl" => Tag::IsLgl,
            "num" => Tag::Num,
            "abstractNumId" => Tag::AbstractNumId,
            "lvlOverride" => Tag::LvlOverride,
            "startOverride" => Tag::StartOverride,
            "del" | "moveFrom" | "delText" | "delInstrText" | "instrText" | "pPrChange"
            | "rPrChange" | "rt" => Tag::Skip,
            _ => Tag::Other,
        },
        Ns::Mc => match local {
            "AlternateContent" => Tag::AlternateContent,
            "Choice" => Tag::Choice,
            "Fallback" => Tag::Fallback,
            _ => Tag::Other,
        },
        Ns::Dc if local == "title" => Tag::Title,
        Ns::Rels if local == "Relationship" => Tag::Relationship,
        _ => Tag::Other,
    }
}

/// Receives a part's elements and text from [`parse_part`]. `parents` are the open
/// elements around (outermost first), markup-compatibility wrappers left out.
trait Handler {
    fn open(&mut self, tag: Tag, e: &BytesStart<'_>, parents: &[Tag]);
    fn close(&mut self, _tag: Tag, _parents: &[Tag]) {}
    fn text(&mut self, _text: &str, _parents: &[Tag]) {}
}

/// How the parser treats an open element.
enum Frame {
    /// Given to the handler.
    Passed,
    /// `mc:AlternateContent`: whether one of its branches has been taken.
    Alternate { taken: bool },
    /// The `mc:Choice` or `mc:Fallback` taken: transparent.
    Branch,
    /// Inside content that is left out.
    Skipped,
}

/// Parses one XML part, feeding `handler`. Takes care of namespaces, of the subtrees
/// to leave out ([`Tag::Skip`]) and of `mc:AlternateContent` (the first `mc:Choice` is
/// read, the other branches skipped). Broken XML is [`InputError::Damaged`] naming the
/// part and the byte position.
fn parse_part(data: &[u8], part: &str, handler: &mut impl Handler) -> Result<(), InputError> {
    let (xml, offset) = decode_part(data, part)?;
    let broken = |pos: u64, what: &dyn std::fmt::Display| {
        InputError::Damaged(format!(
            ".docx 文件已损坏：{part} 第 {} 字节处 XML 有误（{what}）",
            pos + offset
        ))
    };
    let mut reader = NsReader::from_str(&xml);
    // Word declares a few dozen namespaces on the root element.
    reader.resolver_mut().set_max_namespace_bindings(1024);
    let mut frames: Vec<Frame> = Vec::new();
    let mut tags: Vec<Tag> = Vec::new();
    // The frame count below the skipped element while content is being left out.
    let mut skip_from: Option<usize> = None;
    loop {
        let event = reader
            .read_resolved_event()
            .map(|(ns, event)| (namespace(&ns), event));
        let (ns, event) = match event {
            Ok(ok) => ok,
            Err(e) => return Err(broken(reader.error_position(), &e)),
        };
        let (start, empty) = match event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                match frames.pop() {
                    Some(Frame::Passed) => {
                        if let Some(tag) = tags.pop() {
                            handler.close(tag, &tags);
                        }
                    }
                    Some(Frame::Skipped) if skip_from == Some(frames.len()) => skip_from = None,
                    _ => {}
                }
                continue;
            }
            Event::Text(t) => {
                if skip_from.is_none() {
                    handler.text(&t.xml10_content(), &tags);
                }
                continue;
            }
            Event::CData(t) => {
                if skip_from.is_none() {
                    handler.text(&t.xml10_content(), &tags);
                }
                continue;
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match &*r {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        // No DTD entities in Office XML: an unknown one is dropped.
                        _ => None,
                    },
                    Err(e) => return Err(broken(reader.buffer_position(), &e)),
                };
                if let Some(c) = c
                    && skip_from.is_none()
                {
                    handler.text(c.encode_utf8(&mut [0; 4]), &tags);
                }
                continue;
            }
            Event::Eof => {
                if !frames.is_empty() {
                    return Err(InputError::Damaged(format!(
                        ".docx 文件已损坏：{part} 在第 {} 字节处意外结束（元素未闭合）",
                        reader.buffer_position() + offset
                    )));
                }
                return Ok(());
            }
            _ => continue,
        };
        if skip_from.is_some() {
            if !empty {
                frames.push(Frame::Skipped);
            }
            continue;
        }
        let tag = classify(ns, start.local_name().as_ref());
        let frame = match tag {
            Tag::AlternateContent => Frame::Alternate { taken: false },
            Tag::Choice | Tag::Fallback => {
                let take = match frames.last_mut() {
                    Some(Frame::Alternate { taken }) => !std::mem::replace(taken, true),
                    _ => true,
                };
                if take { Frame::Branch } else { Frame::Skipped }
            }
            Tag::Skip => Frame::Skipped,
            _ => {
                handler.open(tag, &start, &tags);
                if empty {
                    handler.close(tag, &tags);
                } else {
                    tags.push(tag);
                }
                Frame::Passed
            }
        };
        if !empty {
            if matches!(frame, Frame::Skipped) {
                skip_from = Some(frames.len());
            }
            frames.push(frame);
        }
    }
}

/// The namespace of a resolved name.
fn namespace(ns: &ResolveResult<'_>) -> Ns {
    match ns {
        ResolveResult::Bound(n) => match n.0 {
            NS_W | NS_W_STRICT => Ns::W,
            NS_MC => Ns::Mc,
            NS_DC => Ns::Dc,
            NS_RELS => Ns::Rels,
            _ => Ns::Other,
        },
        _ => Ns::Other,
    }
}

/// A part's bytes as text (UTF-8, with or without BOM, or UTF-16 with BOM), with the
/// number of bytes dropped in front so error positions are the file's.
fn decode_part<'a>(data: &'a [u8], part: &str) -> Result<(Cow<'a, str>, u64), InputError> {
    let utf16 = |rest: &'a [u8], encoding: &'static encoding_rs::Encoding| {
        encoding
            .decode_without_bom_handling_and_without_replacement(rest)
            .map(|text| (text, 2))
            .ok_or_else(|| {
                InputError::Damaged(format!(".docx 文件已损坏：{part} 不是有效的 UTF-16 文本"))
            })
    };
    if let Some(rest) = data.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, encoding_rs::UTF_16LE);
    }
    if let Some(rest) = data.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, encoding_rs::UTF_16BE);
    }
    let (rest, offset) = match data.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (rest, 3),
        None => (data, 0),
    };
    std::str::from_utf8(rest)
        .map(|text| (Cow::Borrowed(text), offset))
        .map_err(|e| {
            InputError::Damaged(format!(
                ".docx 文件已损坏：{part} 第 {} 字节起不是有效的 UTF-8 文本",
                e.valid_up_to() as u64 + offset
            ))
        })
}

/// An attribute's value, by local name (`w:val` is "val").
fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    let mut attributes = e.attributes();
    attributes.with_checks(false);
    attributes
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(Cow::into_owned)
}

/// `w:val` as a number.
fn number_val(e: &BytesStart<'_>) -> Option<u32> {
    attr(e, "val").and_then(|v| v.trim().parse().ok())
}

/// An on/off property (`<w:vanish/>`, `<w:isLgl w:val="false"/>`): on unless its value
/// says off.
fn is_on(e: &BytesStart<'_>) -> bool {
    attr(e, "val").is_none_or(|v| !matches!(v.trim(), "0" | "false" | "off"))
}

// ---------------------------------------------------------------------------------------
// The body

/// A paragraph being read.
struct Para {
    paragraph: usize,
    element: &'static str,
    text: String,
    /// The automatic number, once worked out.
    prefix: String,
    style: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u32>,
    /// Whether the number has been worked out (once the paragraph properties are read).
    numbered: bool,
}

/// The complex fields open in one story (the body, or a text box).
#[derive(Default)]
struct Fields {
    /// For each open field, whether it is still in its code (before `separate`).
    open: Vec<bool>,
    /// How many open fields are in their code: text shows only when none is.
    in_code: usize,
}

/// Walks document.xml into blocks.
struct Body<'l> {
    lists: &'l mut Lists,
    blocks: Vec<Block>,
    /// Open paragraphs: more than one when a text box sits inside a paragraph.
    paras: Vec<Para>,
    /// For each open run, whether it is hidden.
    runs: Vec<bool>,
    /// The open table cells and text boxes, innermost last.
    containers: Vec<&'static str>,
    /// Field state of the body and of each open text box.
    stories: Vec<Fields>,
    /// Paragraphs seen so far.
    count: usize,
}

/// Reads the main part's paragraphs, in paragraph order.
fn read_body(data: &[u8], part: &str, lists: &mut Lists) -> Result<Vec<Block>, InputError> {
    let mut body = Body {
        lists,
        blocks: Vec::new(),
        paras: Vec::new(),
        runs: Vec::new(),
        containers: Vec::new(),
        stories: vec![Fields::default()],
        count: 0,
    };
    parse_part(data, part, &mut body)?;
    let mut blocks = body.blocks;
    // A text box's paragraphs end before the paragraph anchoring them.
    blocks.sort_by_key(|b| b.paragraph);
    Ok(blocks)
}

impl Body<'_> {
    /// Works out the innermost paragraph's automatic number, once.
    fn number_paragraph(&mut self) {
        if let Some(p) = self.paras.last_mut()
            && !p.numbered
        {
            p.numbered = true;
            p.prefix = self.lists.number(p.style.as_deref(), p.num_id, p.ilvl);
        }
    }

    /// Whether text in the current run shows: not hidden, not in a field code.
    fn visible(&self) -> bool {
        !self.runs.last().copied().unwrap_or(false)
            && self.stories.last().is_none_or(|f| f.in_code == 0)
    }

    /// Adds text to the innermost paragraph, if it shows.
    fn push(&mut self, text: &str) {
        if !self.visible() {
            return;
        }
        if let Some(p) = self.paras.last_mut() {
            p.text.extend(text.chars().filter(|&c| c != '\u{FEFF}'));
        }
    }

    fn field_char(&mut self, e: &BytesStart<'_>) {
        let Some(fields) = self.stories.last_mut() else {
            return;
        };
        match attr(e, "fldCharType").as_deref() {
            Some("begin") => {
                fields.open.push(true);
                fields.in_code += 1;
            }
            Some("separate") => {
                if let Some(code) = fields.open.last_mut()
                    && *code
                {
                    *code = false;
                    fields.in_code -= 1;
                }
            }
            Some("end") => {
                // A field closed while still in its code leaves the code too.
                let in_code = fields.open.pop() == Some(true);
                fields.in_code -= usize::from(in_code);
            }
            _ => {}
        }
    }
}

impl Handler for Body<'_> {
    fn open(&mut self, tag: Tag, e: &BytesStart<'_>, parents: &[Tag]) {
        let up = |n: usize| parents.len().checked_sub(n).and_then(|i| parents.get(i));
        let parent = up(1).copied();
        // The paragraph properties come first: whatever follows them can be numbered.
        if parent == Some(Tag::P) && tag != Tag::PPr {
            self.number_paragraph();
        }
        let in_ppr = parent == Some(Tag::PPr) && up(2) == Some(&Tag::P);
        let in_numpr =
            parent == Some(Tag::NumPr) && up(2) == Some(&Tag::PPr) && up(3) == Some(&Tag::P);
        let in_run = parent == Some(Tag::R);
        match tag {
            Tag::P => {
                self.count += 1;
                self.paras.push(Para {
                    paragraph: self.count,
                    element: self.containers.last().copied().unwrap_or("w:p"),
                    text: String::new(),
                    prefix: String::new(),
                    style: None,
                    num_id: None,
                    ilvl: None,
                    numbered: false,
                });
            }
            Tag::Tc => self.containers.push("w:tc"),
            Tag::TxbxContent => {
                self.containers.push("w:txbxContent");
                self.stories.push(Fields::default());
            }
            Tag::R => self.runs.push(false),
            Tag::Vanish if parent == Some(Tag::RPr) && up(2) == Some(&Tag::R) => {
                if let Some(hidden) = self.runs.last_mut() {
                    *hidden = is_on(e);
                }
            }
            Tag::PStyle if in_ppr => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = attr(e, "val");
                }
            }
            Tag::Ilvl if in_numpr => {
                if let Some(p) = self.paras.last_mut() {
                    p.ilvl = number_val(e);
                }
            }
            Tag::NumId if in_numpr => {
                if let Some(p) = self.paras.last_mut() {
                    p.num_id = number_val(e);
                }
            }
            Tag::Tab if in_run => self.push("\t"),
            Tag::Br if in_run => self.push("\n"),
            Tag::NoBreakHyphen if in_run => self.push("-"),
            Tag::FldChar if in_run => self.field_char(e),
            // An optional hyphen shows only where Word breaks the line.
            Tag::SoftHyphen => {}
            _ => {}
        }
    }

    fn close(&mut self, tag: Tag, parents: &[Tag]) {
        match tag {
            Tag::P => {
                self.number_paragraph();
                if let Some(p) = self.paras.pop() {
                    let mut text = p.prefix;
                    text.push_str(&p.text);
                    self.blocks.push(Block {
                        text,
                        paragraph: p.paragraph,
                        element: p.element.to_string(),
                    });
                }
            }
            Tag::PPr if parents.last() == Some(&Tag::P) => self.number_paragraph(),
            Tag::Tc => {
                self.containers.pop();
            }
            Tag::TxbxContent => {
                self.containers.pop();
                if self.stories.len() > 1 {
                    self.stories.pop();
                }
            }
            Tag::R => {
                self.runs.pop();
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str, parents: &[Tag]) {
        if parents.last() == Some(&Tag::T) {
            // A line break in the XML source of a w:t is no break in Word.
            if text.contains(['\r', '\n']) {
                self.push(&text.replace(['\r', '\n'], " "));
            } else {
                self.push(text);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// docProps/core.xml

/// Collects the text of `dc:title`.
#[derive(Default)]
struct Title(String);

impl Handler for Title {
    fn open(&mut self, _: Tag, _: &BytesStart<'_>, _: &[Tag]) {}
    fn text(&mut self, text: &str, parents: &[Tag]) {
        if parents.last() == Some(&Tag::Title) {
            self.0.push_str(text);
        }
    }
}

/// The document title from the core properties, when not blank.
fn read_title(data: &[u8], part: &str) -> Result<Option<String>, InputError> {
    let mut title = Title::default();
    parse_part(data, part, &mut title)?;
    let text: String = title.0.chars().filter(|&c| c != '\u{FEFF}').collect();
    let text = text.trim();
    Ok((!text.is_empty()).then(|| text.to_string()))
}

// ---------------------------------------------------------------------------------------
// Styles

/// What a style says about numbering, and what it is based on.
#[derive(Debug, Default)]
struct Style {
    based_on: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u32>,
}

/// The styles of styles.xml, by id.
#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
    /// The paragraph style of paragraphs that name none.
    default_paragraph: Option<String>,
}

impl Styles {
    /// A paragraph style and the styles it is based on, nearest first.
    fn chain<'s>(&'s self, style: Option<&'s str>) -> Vec<&'s str> {
        let mut chain = Vec::new();
        let mut next = style.or(self.default_paragraph.as_deref());
        while let Some(id) = next {
            if chain.len() >= MAX_STYLE_DEPTH || chain.contains(&id) {
                break;
            }
            chain.push(id);
            next = self.by_id.get(id).and_then(|s| s.based_on.as_deref());
        }
        chain
    }
}

/// Reads styles.xml.
#[derive(Default)]
struct StylesReader {
    styles: Styles,
    /// The style being read: its id, whether it is the default paragraph style.
    current: Option<(Option<String>, bool, Style)>,
}

impl Handler for StylesReader {
    fn open(&mut self, tag: Tag, e: &BytesStart<'_>, parents: &[Tag]) {
        match tag {
            Tag::Style => {
                let paragraph = attr(e, "type").is_none_or(|t| t == "paragraph");
                let default =
                    attr(e, "default").is_some_and(|v| matches!(v.trim(), "1" | "true" | "on"));
                self.current = Some((attr(e, "styleId"), paragraph && default, Style::default()));
            }
            Tag::BasedOn if parents.last() == Some(&Tag::Style) => {
                if let Some((_, _, style)) = &mut self.current {
                    style.based_on = attr(e, "val");
                }
            }
            Tag::Ilvl | Tag::NumId if parents.ends_with(&[Tag::Style, Tag::PPr, Tag::NumPr]) => {
                if let Some((_, _, style)) = &mut self.current {
                    if tag == Tag::Ilvl {
                        style.ilvl = number_val(e);
                    } else {
                        style.num_id = number_val(e);
                    }
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, tag: Tag, _: &[Tag]) {
        if tag == Tag::Style
            && let Some((Some(id), default, style)) = self.current.take()
        {
            if default && self.styles.default_paragraph.is_none() {
                self.styles.default_paragraph = Some(id.clone());
            }
            self.styles.by_id.insert(id, style);
        }
    }
}

fn parse_styles(data: &[u8], part: &str) -> Result<Styles, InputError> {
    let mut reader = StylesReader::default();
    parse_part(data, part, &mut reader)?;
    Ok(reader.styles)
}

// ---------------------------------------------------------------------------------------
// Numbering

/// A number format (`w:numFmt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Fmt {
    #[default]
    Decimal,
    /// Decimal padded with zeros to this many digits (`decimalZero` is 2).
    Padded(u8),
    FullWidth,
    /// ①…⑳.
    Circle,
    /// ⑴…⒇.
    Paren,
    /// ⒈…⒛.
    Fullstop,
    UpperLetter,
    LowerLetter,
    UpperRoman,
    LowerRoman,
    /// 一、十一、二十、一百零一.
    ChineseCounting,
    /// 壹、壹拾壹.
    ChineseLegal,
    /// Digit by digit: 一〇.
    IdeographDigital,
    /// 甲乙丙丁…癸.
    Heavenly,
    /// 子丑寅卯…亥.
    Zodiac,
    Bullet,
    None,
}

impl Fmt {
    /// A `w:numFmt` value; `format` is the `w:format` of a custom format ("001, 002, 003, ...").
    fn parse(val: &str, format: Option<&str>) -> Fmt {
        match val {
            "decimalZero" => Fmt::Padded(2),
            "decimalFullWidth" | "decimalFullWidth2" => Fmt::FullWidth,
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => Fmt::Circle,
            "decimalEnclosedParen" => Fmt::Paren,
            "decimalEnclosedFullstop" => Fmt::Fullstop,
            "upperLetter" => Fmt::UpperLetter,
            "lowerLetter" => Fmt::LowerLetter,
            "upperRoman" => Fmt::UpperRoman,
            "lowerRoman" => Fmt::LowerRoman,
            "chineseCounting"
            | "chineseCountingThousand"
            | "taiwaneseCounting"
            | "taiwaneseCountingThousand"
            | "japaneseCounting" => Fmt::ChineseCounting,
            "chineseLegalSimplified" => Fmt::ChineseLegal,
            "ideographDigital" | "taiwaneseDigital" => Fmt::IdeographDigital,
            "ideographTraditional" => Fmt::Heavenly,
            "ideographZodiac" => Fmt::Zodiac,
            "bullet" => Fmt::Bullet,
            "none" => Fmt::None,
            "custom" => {
                // Word 2010's zero-padded formats: "001, 002, 003, ...".
                let first = format.unwrap_or("").split(',').next().unwrap_or("").trim();
                match u8::try_from(first.len()) {
                    Ok(width) if width > 1 && first.bytes().all(|b| b.is_ascii_digit()) => {
                        Fmt::Padded(width)
                    }
                    _ => Fmt::Decimal,
                }
            }
            _ => Fmt::Decimal,
        }
    }
}

/// One level of a list definition (`w:lvl`).
#[derive(Debug, Clone, Default)]
struct Level {
    start: Option<u32>,
    fmt: Fmt,
    /// `w:lvlText`, e.g. "%1、" or "%1.%2".
    text: String,
    /// `w:lvlRestart`: restart after this (1-based) level is used; 0 never.
    restart: Option<u32>,
    /// `w:isLgl`: show every level in decimal.
    legal: bool,
    /// `w:pStyle`: the paragraph style linked to this level.
    style: Option<String>,
}

/// A list definition (`w:abstractNum`).
#[derive(Debug, Default)]
struct AbstractNum {
    levels: [Option<Level>; 9],
    /// `w:numStyleLink`: the definition is the one of this numbering style.
    style_link: Option<String>,
}

/// What a list instance changes for one level (`w:lvlOverride`).
#[derive(Debug, Default)]
struct Override {
    start: Option<u32>,
    level: Option<Level>,
}

/// A list instance (`w:num`), what paragraphs refer to by numId.
#[derive(Debug, Default)]
struct Num {
    abstract_id: Option<u32>,
    overrides: [Override; 9],
}

impl Num {
    fn overridden(&self) -> bool {
        self.overrides
            .iter()
            .any(|o| o.start.is_some() || o.level.is_some())
    }
}

/// Whose counters a numbered paragraph advances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum ListKey {
    /// Instances without overrides share their definition's counters.
    Abstract(u32),
    /// An instance with overrides (a restarted list) counts on its own.
    Num(u32),
}

/// Styles, list definitions and the counters of the lists read so far.
#[derive(Debug, Default)]
struct Lists {
    styles: Styles,
    nums: HashMap<u32, Num>,
    abstracts: HashMap<u32, AbstractNum>,
    counters: HashMap<ListKey, [Option<u32>; 9]>,
}

/// The definition behind a list instance, following `w:numStyleLink` through the
/// numbering style to the instance that holds the levels.
fn definition<'a>(
    num: &Num,
    styles: &Styles,
    nums: &HashMap<u32, Num>,
    abstracts: &'a HashMap<u32, AbstractNum>,
) -> Option<(u32, &'a AbstractNum)> {
    let mut id = num.abstract_id?;
    for _ in 0..4 {
        let def = abstracts.get(&id)?;
        let Some(link) = &def.style_link else {
            return Some((id, def));
        };
        let linked = styles.by_id.get(link)?.num_id?;
        id = nums.get(&linked)?.abstract_id?;
    }
    None
}

impl Lists {
    /// The automatic number of the next paragraph with this style and direct
    /// numbering, advancing the counters; empty when the paragraph is not numbered.
    fn number(&mut self, style: Option<&str>, num_id: Option<u32>, ilvl: Option<u32>) -> String {
        self.try_number(style, num_id, ilvl).unwrap_or_default()
    }

    fn try_number(
        &mut self,
        style: Option<&str>,
        num_id: Option<u32>,
        ilvl: Option<u32>,
    ) -> Option<String> {
        let Lists {
            styles,
            nums,
            abstracts,
            counters,
        } = self;
        let chain = styles.chain(style);
        let from_styles = |f: fn(&Style) -> Option<u32>| {
            chain
                .iter()
                .find_map(|id| styles.by_id.get(*id).and_then(f))
        };
        let num_id = num_id.or_else(|| from_styles(|s| s.num_id))?;
        if num_id == 0 {
            return None;
        }
        let num = nums.get(&num_id)?;
        let (abstract_id, def) = definition(num, styles, nums, abstracts)?;
        let level = |k: usize| {
            num.overrides
                .get(k)
                .and_then(|o| o.level.as_ref())
                .or_else(|| def.levels.get(k).and_then(Option::as_ref))
        };
        let start = |k: usize| {
            num.overrides
                .get(k)
                .and_then(|o| o.start)
                .or_else(|| level(k).and_then(|l| l.start))
                .unwrap_or(0)
        };
        let ilvl = ilvl
            .or_else(|| from_styles(|s| s.ilvl))
            .or_else(|| {
                // The level linked to the nearest style of the chain.
                chain.iter().find_map(|&id| {
                    (0..9u32)
                        .find(|&k| level(k as usize).and_then(|l| l.style.as_deref()) == Some(id))
                })
            })
            .unwrap_or(0);
        let k = usize::try_from(ilvl).ok().filter(|&k| k < 9)?;
        let this = level(k)?;

        let key = if num.overridden() {
            ListKey::Num(num_id)
        } else {
            ListKey::Abstract(abstract_id)
        };
        let counters = counters.entry(key).or_default();
        counters[k] = Some(match counters[k] {
            Some(n) => n.saturating_add(1),
            None => start(k),
        });
        for (j, counter) in counters.iter_mut().enumerate().skip(k + 1) {
            // By default a level restarts whenever a higher one is used; lvlRestart n
            // restarts it only after levels 1..=n (0: never).
            let restarts = match level(j).and_then(|l| l.restart) {
                None => true,
                Some(n) => (k as u32) < n,
            };
            if restarts {
                *counter = None;
            }
        }
        let values = *counters;

        if matches!(this.fmt, Fmt::Bullet | Fmt::None) {
            return None;
        }
        let mut out = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            let placeholder = (c == '%')
                .then(|| chars.peek().and_then(|d| d.to_digit(10)))
                .flatten()
                .filter(|d| (1..=9).contains(d));
            let Some(d) = placeholder else {
                out.push(c);
                continue;
            };
            chars.next();
            let j = d as usize - 1;
            let value = values[j].unwrap_or_else(|| start(j));
            let fmt = match level(j).map_or(Fmt::Decimal, |l| l.fmt) {
                f @ (Fmt::Bullet | Fmt::None) => f,
                _ if this.legal => Fmt::Decimal,
                f => f,
            };
            out.push_str(&format_number(value, fmt));
        }
        Some(out)
    }
}

/// Reads numbering.xml into [`Lists`].
struct NumberingReader<'l> {
    lists: &'l mut Lists,
    abstract_num: Option<(Option<u32>, AbstractNum)>,
    num: Option<(Option<u32>, Num)>,
    level: Option<(Option<usize>, Level)>,
    override_level: Option<usize>,
}

impl NumberingReader<'_> {
    /// The level being read.
    fn current_level(&mut self) -> Option<&mut Level> {
        self.level.as_mut().map(|(_, l)| l)
    }
}

impl Handler for NumberingReader<'_> {
    fn open(&mut self, tag: Tag, e: &BytesStart<'_>, parents: &[Tag]) {
        let parent = parents.last().copied();
        let ilvl = || {
            attr(e, "ilvl")
                .and_then(|v| v.trim().parse::<usize>().ok())
                .filter(|&k| k < 9)
        };
        match (tag, parent) {
            (Tag::AbstractNum, _) => {
                let id = attr(e, "abstractNumId").and_then(|v| v.trim().parse().ok());
                self.abstract_num = Some((id, AbstractNum::default()));
            }
            (Tag::NumStyleLink, Some(Tag::AbstractNum)) => {
                if let Some((_, def)) = &mut self.abstract_num {
                    def.style_link = attr(e, "val");
                }
            }
            (Tag::Num, _) => {
                let id = attr(e, "numId").and_then(|v| v.trim().parse().ok());
                self.num = Some((id, Num::default()));
            }
            (Tag::AbstractNumId, Some(Tag::Num)) => {
                if let Some((_, num)) = &mut self.num {
                    num.abstract_id = number_val(e);
                }
            }
            (Tag::LvlOverride, Some(Tag::Num)) => self.override_level = ilvl(),
            (Tag::StartOverride, Some(Tag::LvlOverride)) => {
                if let (Some((_, num)), Some(k)) = (&mut self.num, self.override_level) {
                    num.overrides[k].start = number_val(e);
                }
            }
            (Tag::Lvl, _) => {
                // A level inside an override is that level, whatever it says.
                let k = if parent == Some(Tag::LvlOverride) {
                    self.override_level
                } else {
                    ilvl()
                };
                self.level = Some((k, Level::default()));
            }
            (Tag::Start, Some(Tag::Lvl)) => {
                if let Some(l) = self.current_level() {
                    l.start = number_val(e);
                }
            }
            (Tag::NumFmt, Some(Tag::Lvl)) => {
                let fmt =
                    attr(e, "val").map(|v| Fmt::parse(v.trim(), attr(e, "format").as_deref()));
                if let (Some(l), Some(fmt)) = (self.current_level(), fmt) {
                    l.fmt = fmt;
                }
            }
            (Tag::LvlText, Some(Tag::Lvl)) => {
                let text: String = attr(e, "val")
                    .unwrap_or_default()
                    .chars()
                    .take(MAX_LEVEL_TEXT)
                    .collect();
                if let Some(l) = self.current_level() {
                    l.text = text;
                }
            }
            (Tag::LvlRestart, Some(Tag::Lvl)) => {
                if let Some(l) = self.current_level() {
                    l.restart = number_val(e);
                }
            }
            (Tag::IsLgl, Some(Tag::Lvl)) => {
                let on = is_on(e);
                if let Some(l) = self.current_level() {
                    l.legal = on;
                }
            }
            (Tag::PStyle, Some(Tag::Lvl)) => {
                let style = attr(e, "val");
                if let Some(l) = self.current_level() {
                    l.style = style;
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, tag: Tag, parents: &[Tag]) {
        match tag {
            Tag::Lvl => {
                let Some((Some(k), level)) = self.level.take() else {
                    return;
                };
                match parents.last() {
                    Some(Tag::LvlOverride) => {
                        if let Some((_, num)) = &mut self.num {
                            num.overrides[k].level = Some(level);
                        }
                    }
                    Some(Tag::AbstractNum) => {
                        if let Some((_, def)) = &mut self.abstract_num {
                            def.levels[k] = Some(level);
                        }
                    }
                    _ => {}
                }
            }
            Tag::LvlOverride => self.override_level = None,
            Tag::AbstractNum => {
                if let Some((Some(id), def)) = self.abstract_num.take() {
                    self.lists.abstracts.insert(id, def);
                }
            }
            Tag::Num => {
                if let Some((Some(id), num)) = self.num.take() {
                    self.lists.nums.insert(id, num);
                }
            }
            _ => {}
        }
    }
}

fn parse_numbering(data: &[u8], part: &str, lists: &mut Lists) -> Result<(), InputError> {
    let mut reader = NumberingReader {
        lists,
        abstract_num: None,
        num: None,
        level: None,
        override_level: None,
    };
    parse_part(data, part, &mut reader)
}

// ---------------------------------------------------------------------------------------
// Number formats

/// A counter's value written in a number format.
fn format_number(n: u32, fmt: Fmt) -> String {
    match fmt {
        Fmt::Decimal => n.to_string(),
        Fmt::Padded(width) => format!("{n:0width$}", width = usize::from(width)),
        Fmt::FullWidth => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        Fmt::Circle => enclosed(n, 0x2460),
        Fmt::Paren => enclosed(n, 0x2474),
        Fmt::Fullstop => enclosed(n, 0x2488),
        Fmt::UpperLetter => letters(n, b'A'),
        Fmt::LowerLetter => letters(n, b'a'),
        Fmt::UpperRoman => roman(n),
        Fmt::LowerRoman => roman(n).to_lowercase(),
        Fmt::ChineseCounting => chinese(n, &COUNTING),
        Fmt::ChineseLegal => chinese(n, &LEGAL),
        Fmt::IdeographDigital => n
            .to_string()
            .chars()
            .map(|c| {
                let d = c.to_digit(10).unwrap_or(0) as usize;
                ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'][d]
            })
            .collect(),
        Fmt::Heavenly => cycle(
            n,
            &['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'],
        ),
        Fmt::Zodiac => cycle(
            n,
            &[
                '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
            ],
        ),
        Fmt::Bullet | Fmt::None => String::new(),
    }
}

/// 1..=20 as the enclosed characters from `first`; other values in decimal.
fn enclosed(n: u32, first: u32) -> String {
    match n {
        1..=20 => char::from_u32(first + n - 1).map_or_else(|| n.to_string(), String::from),
        _ => n.to_string(),
    }
}

/// Word's letters: A…Z, then AA…ZZ, AAA… (the letter repeated, not base 26).
fn letters(n: u32, a: u8) -> String {
    if n == 0 {
        return n.to_string();
    }
    let repeat = (n - 1) / 26 + 1;
    if repeat > 8 {
        return n.to_string();
    }
    let letter = char::from(a + ((n - 1) % 26) as u8);
    std::iter::repeat_n(letter, repeat as usize).collect()
}

/// Roman numerals for 1..=3999, decimal otherwise.
fn roman(n: u32) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut rest = n;
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while rest >= value {
            out.push_str(numeral);
            rest -= value;
        }
    }
    out
}

/// 1..=len as the characters of a cycle (甲乙丙…), decimal otherwise.
fn cycle(n: u32, chars: &[char]) -> String {
    match usize::try_from(n)
        .ok()
        .and_then(|n| chars.get(n.checked_sub(1)?))
    {
        Some(c) => c.to_string(),
        None => n.to_string(),
    }
}

/// The characters of a Chinese number system.
struct Numerals {
    /// 〇/零 to 九/玖.
    digits: [char; 10],
    /// The zero written between digits.
    zero: char,
    /// 千, 百, 十.
    units: [char; 3],
    /// Whether 10..=19 drop their leading one (十一 rather than 一十一).
    short_teens: bool,
}

const COUNTING: Numerals = Numerals {
    digits: ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'],
    zero: '零',
    units: ['千', '百', '十'],
    short_teens: true,
};

const LEGAL: Numerals = Numerals {
    digits: ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'],
    zero: '零',
    units: ['仟', '佰', '拾'],
    short_teens: false,
};

/// A number the way it is written in Chinese: 十一, 二十, 一百零一, 一百一十, 一千零一,
/// 一万零一 (legal: 壹拾壹).
fn chinese(n: u32, numerals: &Numerals) -> String {
    if n == 0 {
        return numerals.digits[0].to_string();
    }
    // Groups of four digits, highest first, with their big unit.
    let groups = [
        (n / 100_000_000, "亿"),
        (n / 10_000 % 10_000, "万"),
        (n % 10_000, ""),
    ];
    let mut out = String::new();
    let mut zero = false;
    for (group, big) in groups {
        if group == 0 {
            zero = !out.is_empty();
            continue;
        }
        if !out.is_empty() && (zero || group < 1000) {
            out.push(numerals.zero);
        }
        zero = false;
        let leading = out.is_empty();
        let digits = [group / 1000, group / 100 % 10, group / 10 % 10, group % 10];
        let mut started = false;
        let mut gap = false;
        for (i, d) in digits.into_iter().enumerate() {
            if d == 0 {
                gap = started;
                continue;
            }
            if gap {
                out.push(numerals.zero);
                gap = false;
            }
            let teen = numerals.short_teens && leading && !started && i == 2 && d == 1;
            if !teen {
                out.push(numerals.digits[d as usize]);
            }
            if let Some(&unit) = numerals.units.get(i) {
                out.push(unit);
            }
            started = true;
        }
        out.push_str(big);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
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
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
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

    fn texts(doc: &Document) -> Vec<&str> {
        doc.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    fn damaged(result: Result<Document, InputError>) -> String {
        match result {
            Err(InputError::Damaged(message)) => message,
            other => panic!("expected Damaged, got {other:?}"),
        }
    }

    fn bomb(result: Result<Document, InputError>) -> String {
        match result {
            Err(InputError::Bomb(message)) => message,
            other => panic!("expected Bomb, got {other:?}"),
        }
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
        let got: Vec<_> = doc
            .blocks
            .iter()
            .map(|b| (b.paragraph, b.element.as_str(), b.text.as_str()))
            .collect();
        assert_eq!(
            got,
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
            texts(&doc),
            ["依法 行政\tA&B一<\n第二行\ne-government链接控件法", "甲"]
        );
    }

    #[test]
    fn table_cells_in_order_nested_tables_too() {
        let cell =
            |inner: &str| format!("<w:tc><w:tcPr><w:tcW w:w=\"100\"/></w:tcPr>{inner}</w:tc>");
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
        let got: Vec<_> = doc
            .blocks
            .iter()
            .map(|b| (b.paragraph, b.element.as_str(), b.text.as_str()))
            .collect();
        assert_eq!(
            got,
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
        let got: Vec<_> = doc
            .blocks
            .iter()
            .map(|b| (b.paragraph, b.element.as_str(), b.text.as_str()))
            .collect();
        assert_eq!(
            got,
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
            texts(&doc),
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
            texts(&doc),
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
            texts(&doc),
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
            texts(&doc),
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
        assert_eq!(texts(&doc), ["标题"]);
    }

    #[test]
    fn number_formats() {
        let counting = |n| format_number(n, Fmt::ChineseCounting);
        let cases = [
            (0, "〇"),
            (1, "一"),
            (9, "九"),
            (10, "十"),
            (11, "十一"),
            (19, "十九"),
            (20, "二十"),
            (21, "二十一"),
            (99, "九十九"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (111, "一百一十一"),
            (1000, "一千"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (2024, "二千零二十四"),
            (10000, "一万"),
            (10001, "一万零一"),
            (100000, "十万"),
            (101000, "十万一千"),
            (100_000_000, "一亿"),
            (100_000_001, "一亿零一"),
        ];
        for (n, want) in cases {
            assert_eq!(counting(n), want, "{n}");
        }
        let legal = |n| format_number(n, Fmt::ChineseLegal);
        assert_eq!(legal(1), "壹");
        assert_eq!(legal(10), "壹拾");
        assert_eq!(legal(12), "壹拾贰");
        assert_eq!(legal(305), "叁佰零伍");
        let digital = |n| format_number(n, Fmt::IdeographDigital);
        assert_eq!(digital(7), "七");
        assert_eq!(digital(10), "一〇");
        assert_eq!(digital(2024), "二〇二四");
        let heavenly = |n| format_number(n, Fmt::Heavenly);
        assert_eq!([heavenly(1), heavenly(4), heavenly(10)], ["甲", "丁", "癸"]);
        assert_eq!(heavenly(11), "11");
        assert_eq!(format_number(3, Fmt::Zodiac), "寅");
        let circle = |n| format_number(n, Fmt::Circle);
        assert_eq!([circle(1), circle(20), circle(21)], ["①", "⑳", "21"]);
        assert_eq!(format_number(3, Fmt::Paren), "⑶");
        assert_eq!(format_number(3, Fmt::Fullstop), "⒊");
        assert_eq!(format_number(12, Fmt::FullWidth), "１２");
        assert_eq!(format_number(7, Fmt::Padded(2)), "07");
        assert_eq!(format_number(12, Fmt::Padded(3)), "012");
        assert_eq!(format_number(7, Fmt::Decimal), "7");
        let upper = |n| format_number(n, Fmt::UpperLetter);
        assert_eq!(
            [upper(1), upper(26), upper(27), upper(53)],
            ["A", "Z", "AA", "AAA"]
        );
        assert_eq!(format_number(2, Fmt::LowerLetter), "b");
        assert_eq!(format_number(1994, Fmt::UpperRoman), "MCMXCIV");
        assert_eq!(format_number(4, Fmt::LowerRoman), "iv");
        assert_eq!(format_number(0, Fmt::UpperRoman), "0");
        assert_eq!(format_number(5, Fmt::Bullet), "");
        assert_eq!(format_number(5, Fmt::None), "");

        assert_eq!(
            Fmt::parse("decimalEnclosedCircleChinese", None),
            Fmt::Circle
        );
        assert_eq!(
            Fmt::parse("chineseCountingThousand", None),
            Fmt::ChineseCounting
        );
        assert_eq!(
            Fmt::parse("custom", Some("001, 002, 003, ...")),
            Fmt::Padded(3)
        );
        assert_eq!(Fmt::parse("koreanDigital", None), Fmt::Decimal);
    }

    #[test]
    fn title_from_core_properties() {
        let core = concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title> 某市2024年法治政府建设年度报告 </dc:title>"#,
            r#"<dc:creator>办公室</dc:creator></cp:coreProperties>"#,
        );
        let document = document_xml(&p("正文"));
        let bytes = package(&[
            ("word/document.xml", document.as_bytes()),
            ("docProps/core.xml", core.as_bytes()),
        ]);
        assert_eq!(
            read(&bytes).title.as_deref(),
            Some("某市2024年法治政府建设年度报告")
        );
        let blank = core.replace(" 某市2024年法治政府建设年度报告 ", "  ");
        let bytes = package(&[
            ("word/document.xml", document.as_bytes()),
            ("docProps/core.xml", blank.as_bytes()),
        ]);
        assert_eq!(read(&bytes).title, None);
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
        assert_eq!(texts(&read(&bytes)), ["一、总体情况"]);
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
        let broken = format!(
            "{DECLARATION}<w:document {NAMESPACES}><w:body><w:p></w:r></w:body></w:document>"
        );
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
        assert_eq!(texts(&read(&bytes)), ["正文"]);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(document_xml(&p("正文")).into_bytes());
        let bytes = package(&[("word/document.xml", &bom)]);
        assert_eq!(texts(&read(&bytes)), ["正文"]);
    }

    #[test]
    fn too_many_entries_is_a_bomb() {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
        for i in 0..=MAX_ENTRIES {
            zip.start_file(format!("f{i}"), options).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        assert_eq!(bomb(read_docx(&bytes)), "条目超过 10000 个");
        // Past the declared count, the ZIP reader's own count is checked too.
        assert_eq!(
            bomb(read_with_limits(
                &docx(&p("x"), None, None),
                0,
                MAX_UNPACKED_BYTES
            )),
            "条目超过 0 个"
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
            bomb(read_with_limits(&bytes, MAX_ENTRIES, MB)),
            "解压超过 1 MB"
        );
        // Within the limit it reads, and the budget is shared by the parts.
        let doc = read_with_limits(&bytes, MAX_ENTRIES, 3 * MB).unwrap();
        assert_eq!(doc.blocks[0].text.chars().count(), 700_000);
        let half = "法".repeat(400_000);
        let bytes = docx(&p(&half), None, Some(&format!("<!--{half}-->")));
        assert_eq!(
            bomb(read_with_limits(&bytes, MAX_ENTRIES, 2 * MB)),
            "解压超过 2 MB"
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
}
