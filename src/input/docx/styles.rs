//! styles.xml: what each paragraph style says about numbering, and what it is based on.

use super::xml::{Handler, Tag, attr, is_on, number_val, parse_part};
use crate::input::InputError;
use quick_xml::events::BytesStart;
use std::collections::HashMap;

/// How many `w:basedOn` links are followed before a style chain is cut (guards cycles).
const MAX_STYLE_DEPTH: usize = 32;

/// What a style says about numbering, and what it is based on.
#[derive(Debug, Default)]
pub(super) struct Style {
    pub(super) based_on: Option<String>,
    pub(super) num_id: Option<u32>,
    pub(super) ilvl: Option<u32>,
    /// The style's name (「heading 2」, 「标题 2」).
    name: Option<String>,
    /// Its outline level (0 for level 1; 9 is body text).
    outline: Option<u32>,
    /// Its runs are bold (`w:b` in its run properties).
    pub(super) bold: Option<bool>,
}

/// The styles of styles.xml, by id.
#[derive(Debug, Default)]
pub(super) struct Styles {
    pub(super) by_id: HashMap<String, Style>,
    /// The paragraph style of paragraphs that name none.
    default_paragraph: Option<String>,
}

impl Styles {
    /// A paragraph style and the styles it is based on, nearest first.
    pub(super) fn chain<'s>(&'s self, style: Option<&'s str>) -> Vec<&'s str> {
        let first = style.or(self.default_paragraph.as_deref());
        style_chain(first, |id| self.by_id.get(id)?.based_on.as_deref())
    }

    /// The heading level (1–9) a paragraph style gives, through the styles it is based
    /// on: an outline level, or a name or id 「Heading N」「标题 N」 however spelled.
    pub(super) fn heading_level(&self, style: Option<&str>) -> Option<u8> {
        self.chain(style).into_iter().find_map(|id| {
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
        let chain = self.chain(style);
        let found = chain.iter().find_map(|id| self.by_id.get(*id)?.bold);
        found.unwrap_or(false)
    }
}

/// A style and the styles it is based on (`based_on` gives each one's), nearest first;
/// cut where it loops or grows beyond [`MAX_STYLE_DEPTH`].
pub(super) fn style_chain<'s>(
    first: Option<&'s str>,
    based_on: impl Fn(&'s str) -> Option<&'s str>,
) -> Vec<&'s str> {
    let mut chain = Vec::new();
    let mut next = first;
    while let Some(id) = next {
        if chain.len() >= MAX_STYLE_DEPTH || chain.contains(&id) {
            break;
        }
        chain.push(id);
        next = based_on(id);
    }
    chain
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
            Tag::Name if parents.last() == Some(&Tag::Style) => {
                if let Some((_, _, style)) = &mut self.current {
                    style.name = attr(e, "val");
                }
            }
            Tag::OutlineLvl if parents.ends_with(&[Tag::Style, Tag::PPr]) => {
                if let Some((_, _, style)) = &mut self.current {
                    style.outline = number_val(e);
                }
            }
            Tag::B if parents.ends_with(&[Tag::Style, Tag::RPr]) => {
                if let Some((_, _, style)) = &mut self.current {
                    style.bold = Some(is_on(e));
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

pub(super) fn parse_styles(data: &[u8], part: &str) -> Result<Styles, InputError> {
    let mut reader = StylesReader::default();
    parse_part(data, part, &mut reader)?;
    Ok(reader.styles)
}
