//! Footer parts: the paragraph that shows the page number, its text around the number,
//! its alignment and the number's font and size; and settings.xml's
//! `w:evenAndOddHeaders`.

use super::styles::{ParaProps, RunProps};
use super::typeface::Formats;
use super::xml::{Handler, Tag, attr, is_on, parse_part};
use crate::input::InputError;
use crate::text::typeset::{Align, PageNumber};
use quick_xml::events::BytesStart;

/// Whether a footer part's XML holds a PAGE field (a field code is never text to the
/// readers, so its bytes are searched: `PAGE`, not `NUMPAGES` nor `SECTIONPAGES`).
fn has_page_field(data: &[u8]) -> bool {
    let text = String::from_utf8_lossy(data);
    text.match_indices("PAGE").any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + 4..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

#[derive(Default)]
struct Para {
    /// The horizontal alignment of the text box the paragraph is in, if any
    /// (`wp:positionH/wp:align`: left, center, right, inside, outside).
    box_align: Option<String>,
    props: ParaProps,
    text: String,
    /// The properties of the first run of a field result.
    number: Option<RunProps>,
}

#[derive(Default)]
struct Reader {
    /// The alignment of the last drawing anchored, for the text box inside it.
    box_align: Option<String>,
    paras: Vec<Para>,
    done: Vec<Para>,
    run: Option<RunProps>,
    /// Open complex fields: whether each is still in its code.
    fields: Vec<bool>,
    /// Inside a `w:fldSimple`.
    simple: usize,
}

impl Handler for Reader {
    fn open(&mut self, tag: Tag, e: &BytesStart<'_>, parents: &[Tag]) {
        let in_ppr = parents.ends_with(&[Tag::P, Tag::PPr]);
        let in_rpr = parents.ends_with(&[Tag::R, Tag::RPr]);
        match tag {
            Tag::P => self.paras.push(Para {
                box_align: parents
                    .contains(&Tag::TxbxContent)
                    .then(|| self.box_align.clone())
                    .flatten(),
                ..Para::default()
            }),
            Tag::PStyle | Tag::Jc | Tag::Ind if in_ppr => {
                if let Some(p) = self.paras.last_mut() {
                    p.props.read(tag, e);
                }
            }
            Tag::R => self.run = Some(RunProps::default()),
            Tag::RStyle | Tag::RFonts | Tag::Sz | Tag::B if in_rpr => {
                if let Some(r) = self.run.as_mut() {
                    r.read(tag, e);
                }
            }
            Tag::FldSimple => self.simple += 1,
            Tag::FldChar => match attr(e, "fldCharType").as_deref() {
                Some("begin") => self.fields.push(true),
                Some("separate") => {
                    if let Some(code) = self.fields.last_mut() {
                        *code = false;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            _ => {}
        }
    }

    fn close(&mut self, tag: Tag, _: &[Tag]) {
        match tag {
            Tag::P => {
                if let Some(p) = self.paras.pop() {
                    self.done.push(p);
                }
            }
            Tag::FldSimple => self.simple = self.simple.saturating_sub(1),
            _ => {}
        }
    }

    fn text(&mut self, text: &str, parents: &[Tag]) {
        if parents.ends_with(&[Tag::PositionH, Tag::PosAlign]) {
            self.box_align = Some(text.trim().to_string());
            return;
        }
        if parents.last() != Some(&Tag::T) {
            return;
        }
        // In a field's result: its text stands for the number.
        let result = self.simple > 0 || self.fields.iter().any(|code| !code);
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        if !result {
            p.text.push_str(text);
        } else if p.number.is_none() {
            p.text.push('#');
            p.number = Some(self.run.clone().unwrap_or_default());
        }
    }
}

/// The paragraph of a footer part that shows the page number, if any.
pub(super) fn read_footer(
    data: &[u8],
    part: &str,
    pages: &str,
    formats: &Formats,
) -> Result<Option<PageNumber>, InputError> {
    if !has_page_field(data) {
        return Ok(None);
    }
    let mut reader = Reader::default();
    parse_part(data, part, &mut reader)?;
    let Some(p) = reader.done.into_iter().find(|p| p.number.is_some()) else {
        return Ok(None);
    };
    let run = p.number.clone().unwrap_or_default();
    let levels = formats.levels(&p.props, Some(&run));
    // A number in a text box (WPS puts it there) is placed by the box: outside is right
    // on odd pages and left on even ones.
    let even = pages == "even";
    let boxed = p.box_align.as_deref().and_then(|a| match a {
        "outside" => Some(if even { Align::Left } else { Align::Right }),
        "inside" => Some(if even { Align::Right } else { Align::Left }),
        other => Align::from_word(other),
    });
    Ok(Some(PageNumber {
        pages: pages.to_string(),
        text: p.text.trim().to_string(),
        align: boxed.or_else(|| levels.para(&p.props, |x| x.align).map(|a| a.value)),
        font: levels.font(&run, |x| x.latin.clone()).map(|f| f.value),
        size: levels.run(&run, |x| x.size).map(|s| s.value),
    }))
}

/// Reads `w:evenAndOddHeaders` from settings.xml.
#[derive(Default)]
struct Settings(bool);

impl Handler for Settings {
    fn open(&mut self, tag: Tag, e: &BytesStart<'_>, _: &[Tag]) {
        if tag == Tag::EvenAndOddHeaders {
            self.0 = is_on(e);
        }
    }
}

/// Whether settings.xml gives even pages their own headers and footers.
pub(super) fn even_and_odd(data: &[u8], part: &str) -> Result<bool, InputError> {
    let mut s = Settings::default();
    parse_part(data, part, &mut s)?;
    Ok(s.0)
}
