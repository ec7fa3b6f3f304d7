//! styles.xml: what each style says about numbering and headings, its formatting and
//! what it is based on; and the document defaults. The formatting one level sets (a
//! style, the defaults, a paragraph or run itself) is read here for all of them.

use super::xml::{Handler, Tag, attr, is_on, number_val, parse_part};
use crate::input::InputError;
use crate::text::typeset::{Align, Indent, Spacing};
use quick_xml::events::BytesStart;
use std::collections::HashMap;

/// How many `w:basedOn` links are followed before a style chain is cut (guards cycles).
const MAX_STYLE_DEPTH: usize = 32;

/// A style: what it says about numbering and headings, its formatting, and what it is
/// based on.
#[derive(Debug, Default)]
pub(super) struct Style {
    pub(super) based_on: Option<String>,
    pub(super) num_id: Option<u32>,
    pub(super) ilvl: Option<u32>,
    /// The style's name (「heading 2」, 「标题 2」).
    pub(super) name: Option<String>,
    /// Its outline level (0 for level 1; 9 is body text).
    outline: Option<u32>,
    /// Its run and paragraph formatting.
    pub(super) run: RunProps,
    pub(super) para: ParaProps,
}

/// The styles of styles.xml, by id, and the document defaults.
#[derive(Debug, Default)]
pub(super) struct Styles {
    pub(super) by_id: HashMap<String, Style>,
    /// The paragraph style of paragraphs that name none.
    default_paragraph: Option<String>,
    /// The formatting `w:docDefaults` gives.
    pub(super) run_defaults: RunProps,
    pub(super) para_defaults: ParaProps,
}

impl Styles {
    /// A style and the styles it is based on, nearest first; cut where it loops or grows
    /// beyond [`MAX_STYLE_DEPTH`].
    pub(super) fn chain<'s>(&'s self, first: Option<&'s str>) -> Vec<&'s str> {
        let mut chain = Vec::new();
        let mut next = first;
        while let Some(id) = next {
            if chain.len() >= MAX_STYLE_DEPTH || chain.contains(&id) {
                break;
            }
            chain.push(id);
            next = self.by_id.get(id).and_then(|s| s.based_on.as_deref());
        }
        chain
    }

    /// A paragraph style (the default paragraph style when none is named) and the styles
    /// it is based on, nearest first.
    pub(super) fn para_chain<'s>(&'s self, style: Option<&'s str>) -> Vec<&'s str> {
        self.chain(style.or(self.default_paragraph.as_deref()))
    }

    /// The heading level (1–9) a paragraph style gives, through the styles it is based
    /// on: an outline level, or a name or id 「Heading N」「标题 N」 however spelled.
    pub(super) fn heading_level(&self, style: Option<&str>) -> Option<u8> {
        self.para_chain(style).into_iter().find_map(|id| {
            let s = self.by_id.get(id);
            if let Some(o) = s.and_then(|s| s.outline) {
                return (o < 9).then(|| o as u8 + 1);
            }
            let name = s.and_then(|s| s.name.as_deref());
            name.and_then(heading_name).or_else(|| heading_name(id))
        })
    }

    /// Whether a paragraph style makes its runs bold, through the styles it is based on.
    pub(super) fn bold(&self, style: Option<&str>) -> bool {
        let chain = self.para_chain(style);
        let found = chain.iter().find_map(|id| self.by_id.get(*id)?.run.bold);
        found.unwrap_or(false)
    }
}

/// A font as a run's `w:rFonts` names it: by name, or by a theme slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum FontRef {
    Named(String),
    Theme(String),
}

/// Run properties one level sets (`w:rPr`).
#[derive(Debug, Clone, Default)]
pub(super) struct RunProps {
    /// The character style (`w:rStyle`), set on a run only.
    pub(super) style: Option<String>,
    pub(super) east_asia: Option<FontRef>,
    pub(super) latin: Option<FontRef>,
    /// Half-points.
    pub(super) size: Option<u32>,
    pub(super) bold: Option<bool>,
}

/// Paragraph properties one level sets (`w:pPr`).
#[derive(Debug, Clone, Default)]
pub(super) struct ParaProps {
    /// The paragraph style (`w:pStyle`), set on a paragraph only.
    pub(super) style: Option<String>,
    pub(super) align: Option<Align>,
    pub(super) first_line: Option<Indent>,
    pub(super) right: Option<Indent>,
    pub(super) spacing: Option<Spacing>,
}

impl RunProps {
    /// Reads one element of a `w:rPr`.
    pub(super) fn read(&mut self, tag: Tag, e: &BytesStart<'_>) {
        match tag {
            Tag::RStyle => self.style = attr(e, "val"),
            Tag::RFonts => {
                let pick = |theme: &str, named: &str| {
                    (attr(e, theme).map(FontRef::Theme))
                        .or_else(|| attr(e, named).filter(|f| !f.is_empty()).map(FontRef::Named))
                };
                if let Some(f) = pick("eastAsiaTheme", "eastAsia") {
                    self.east_asia = Some(f);
                }
                if let Some(f) = pick("asciiTheme", "ascii") {
                    self.latin = Some(f);
                }
            }
            Tag::Sz => {
                if let Some(v) = attr(e, "val").and_then(|v| v.trim().parse::<f64>().ok()) {
                    self.size = Some(v.round().clamp(0.0, 3276.0) as u32);
                }
            }
            Tag::B => self.bold = Some(is_on(e)),
            _ => {}
        }
    }
}

impl ParaProps {
    /// Reads one element of a `w:pPr` (not of the paragraph mark's `w:rPr`).
    pub(super) fn read(&mut self, tag: Tag, e: &BytesStart<'_>) {
        let int = |name: &str| twips(e, name);
        match tag {
            Tag::PStyle => self.style = attr(e, "val"),
            Tag::Jc => {
                if let Some(a) = attr(e, "val").as_deref().and_then(Align::from_word) {
                    self.align = Some(a);
                }
            }
            Tag::Ind => {
                let first = indent(int("firstLine"), int("firstLineChars"));
                let hanging = indent(int("hanging"), int("hangingChars")).map(|h| Indent {
                    twips: -h.twips,
                    chars: h.chars.map(|c| -c),
                });
                self.first_line = hanging.or(first).or(self.first_line);
                let right = indent(
                    int("right").or(int("end")),
                    int("rightChars").or(int("endChars")),
                );
                self.right = right.or(self.right);
            }
            Tag::Spacing => {
                if let Some(line) = int("line") {
                    self.spacing = Some(match attr(e, "lineRule").as_deref() {
                        Some("exact") => Spacing::Exact(line.abs()),
                        Some("atLeast") => Spacing::AtLeast(line),
                        _ => Spacing::Auto(line),
                    });
                }
            }
            _ => {}
        }
    }
}

/// An indent, when either of its measures is given.
fn indent(twips: Option<i32>, chars: Option<i32>) -> Option<Indent> {
    (twips.is_some() || chars.is_some()).then(|| Indent {
        twips: twips.unwrap_or(0),
        chars,
    })
}

/// A length attribute in twips.
pub(super) fn twips(e: &BytesStart<'_>, name: &str) -> Option<i32> {
    let v = attr(e, name)?.trim().parse::<f64>().ok()?;
    Some(v.round().clamp(-1e7, 1e7) as i32)
}

/// The level a style's name or id gives: 「heading 2」, 「Heading2」, 「标题 2」, 「标题2」.
fn heading_name(name: &str) -> Option<u8> {
    let n = name.trim();
    let rest = if let Some(head) = n.get(..7).filter(|h| h.eq_ignore_ascii_case("heading")) {
        &n[head.len()..]
    } else {
        n.strip_prefix("标题")?
    };
    let level: u8 = rest.trim().parse().ok()?;
    (1..=9).contains(&level).then_some(level)
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
        if tag == Tag::Style {
            let paragraph = attr(e, "type").is_none_or(|t| t == "paragraph");
            let default =
                attr(e, "default").is_some_and(|v| matches!(v.trim(), "1" | "true" | "on"));
            self.current = Some((attr(e, "styleId"), paragraph && default, Style::default()));
            return;
        }
        let in_defaults = parents.contains(&Tag::DocDefaults);
        let in_style = |part: Tag| parents.ends_with(&[Tag::Style, part]);
        let in_numbering = parents.ends_with(&[Tag::Style, Tag::PPr, Tag::NumPr]);
        match (parents.last(), self.current.as_mut().map(|(_, _, s)| s)) {
            (Some(Tag::RPr), _) if in_defaults => self.styles.run_defaults.read(tag, e),
            (Some(Tag::PPr), _) if in_defaults => self.styles.para_defaults.read(tag, e),
            (Some(Tag::Style), Some(s)) => match tag {
                Tag::Name => s.name = attr(e, "val"),
                Tag::BasedOn => s.based_on = attr(e, "val"),
                _ => {}
            },
            (_, Some(s)) if in_style(Tag::RPr) => s.run.read(tag, e),
            (_, Some(s)) if in_style(Tag::PPr) => match tag {
                Tag::OutlineLvl => s.outline = number_val(e),
                _ => s.para.read(tag, e),
            },
            (_, Some(s)) if in_numbering => match tag {
                Tag::Ilvl => s.ilvl = number_val(e),
                Tag::NumId => s.num_id = number_val(e),
                _ => {}
            },
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

pub(super) fn parse_styles(data: &[u8], part: &str) -> Result<Styles, InputError> {
    let mut reader = StylesReader::default();
    parse_part(data, part, &mut reader)?;
    Ok(reader.styles)
}
