//! Reading one XML part: namespaces, the elements the readers act on, markup
//! compatibility and left-out content handled once for all of them.

use crate::input::InputError;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use std::borrow::Cow;

const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const NS_W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const NS_MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const NS_DC: &str = "http://purl.org/dc/elements/1.1/";
const NS_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const NS_A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";

/// Declares [`Tag`] and the WordprocessingML names of its elements, once.
macro_rules! tags {
    ($($(#[$doc:meta])* $tag:ident $(= $($name:literal)|+)?,)*) => {
        /// The elements any of the readers act on; everything else is [`Tag::Other`]
        /// and passed through (its content still read).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(super) enum Tag {
            $($(#[$doc])* $tag,)*
        }

        /// A WordprocessingML element by its local name.
        fn w_tag(local: &str) -> Tag {
            match local {
                $($($($name)|+ => Tag::$tag,)?)*
                _ => Tag::Other,
            }
        }
    };
}

tags! {
    // document.xml
    P = "p", PPr = "pPr", PStyle = "pStyle", NumPr = "numPr", Ilvl = "ilvl", NumId = "numId",
    R = "r", RPr = "rPr", Vanish = "vanish", T = "t", Tab = "tab" | "ptab", Br = "br" | "cr",
    NoBreakHyphen = "noBreakHyphen", FldChar = "fldChar",
    Tc = "tc", TxbxContent = "txbxContent", B = "b", OutlineLvl = "outlineLvl",
    // review comments: their anchors in document.xml, their text in comments.xml
    CommentRangeStart = "commentRangeStart", CommentRangeEnd = "commentRangeEnd",
    CommentReference = "commentReference", Comment = "comment",
    // styles.xml
    Style = "style", BasedOn = "basedOn", Name = "name",
    // formatting: fonts, sizes, paragraphs, the page and its footers, settings.xml
    RFonts = "rFonts", Sz = "sz", RStyle = "rStyle", Jc = "jc", Ind = "ind", Spacing = "spacing",
    DocDefaults = "docDefaults", SectPr = "sectPr", PgSz = "pgSz", PgMar = "pgMar",
    DocGrid = "docGrid", FooterReference = "footerReference", FldSimple = "fldSimple",
    EvenAndOddHeaders = "evenAndOddHeaders",
    // numbering.xml
    AbstractNum = "abstractNum", NumStyleLink = "numStyleLink", Lvl = "lvl", Start = "start",
    NumFmt = "numFmt", LvlText = "lvlText", LvlRestart = "lvlRestart", IsLgl = "isLgl",
    Num = "num", AbstractNumId = "abstractNumId", LvlOverride = "lvlOverride",
    StartOverride = "startOverride",
    // tables: rows, cells and their merges
    Tbl = "tbl", Tr = "tr", TcPr = "tcPr", GridSpan = "gridSpan", VMerge = "vMerge",
    // markup compatibility, handled by the parser itself
    AlternateContent, Choice, Fallback,
    // core.xml and .rels
    Title, Relationship,
    // the theme's fonts (DrawingML)
    MajorFont, MinorFont, Ea, Latin, ScriptFont,
    // a drawing's horizontal position (a text box holding a footer's page number)
    PositionH, PosAlign,
    /// An element whose whole content is left out: deleted text, field codes, the old
    /// properties of a tracked formatting change, ruby guide text.
    Skip = "del" | "moveFrom" | "delText" | "delInstrText" | "instrText" | "pPrChange"
        | "rPrChange" | "rt",
    Other,
}

/// What an element is, by namespace and local name.
fn classify(ns: &ResolveResult<'_>, local: &str) -> Tag {
    let ResolveResult::Bound(ns) = ns else {
        return Tag::Other;
    };
    match ns.0 {
        NS_W | NS_W_STRICT => w_tag(local),
        NS_MC => match local {
            "AlternateContent" => Tag::AlternateContent,
            "Choice" => Tag::Choice,
            "Fallback" => Tag::Fallback,
            _ => Tag::Other,
        },
        NS_DC if local == "title" => Tag::Title,
        NS_RELS if local == "Relationship" => Tag::Relationship,
        NS_WP => match local {
            "positionH" => Tag::PositionH,
            "align" => Tag::PosAlign,
            _ => Tag::Other,
        },
        NS_A => match local {
            "majorFont" => Tag::MajorFont,
            "minorFont" => Tag::MinorFont,
            "ea" => Tag::Ea,
            "latin" => Tag::Latin,
            "font" => Tag::ScriptFont,
            _ => Tag::Other,
        },
        _ => Tag::Other,
    }
}

/// Receives a part's elements and text from [`parse_part`]. `parents` are the open
/// elements around (outermost first), markup-compatibility wrappers left out.
pub(super) trait Handler {
    fn open(&mut self, _tag: Tag, _e: &BytesStart<'_>, _parents: &[Tag]) {}
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
pub(super) fn parse_part(
    data: &[u8],
    part: &str,
    handler: &mut impl Handler,
) -> Result<(), InputError> {
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
        let event = reader.read_resolved_event().map(|(ns, event)| {
            // Classified here: the resolved namespace borrows the reader.
            let tag = match &event {
                Event::Start(e) | Event::Empty(e) => classify(&ns, e.local_name().as_ref()),
                _ => Tag::Other,
            };
            (tag, event)
        });
        let (tag, event) = event.map_err(|e| broken(reader.error_position(), &e))?;
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
            Event::Text(t) if skip_from.is_none() => {
                handler.text(&t.xml10_content(), &tags);
                continue;
            }
            Event::CData(t) if skip_from.is_none() => {
                handler.text(&t.xml10_content(), &tags);
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
pub(super) fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    let mut attributes = e.attributes();
    attributes.with_checks(false);
    attributes
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(Cow::into_owned)
}

/// `w:val` as a number.
pub(super) fn number_val(e: &BytesStart<'_>) -> Option<u32> {
    attr(e, "val").and_then(|v| v.trim().parse().ok())
}

/// An on/off property (`<w:vanish/>`, `<w:isLgl w:val="false"/>`): on unless its value
/// says off.
pub(super) fn is_on(e: &BytesStart<'_>) -> bool {
    attr(e, "val").is_none_or(|v| !matches!(v.trim(), "0" | "false" | "off"))
}
