//! document.xml read for its formatting: each paragraph's effective font, size,
//! alignment, indents and line spacing (by paragraph number, counted as the body
//! reader counts them), and the page and footers of the last section.

use super::styles::{ParaProps, RunProps, twips};
use super::typeface::Formats;
use super::xml::{Handler, Tag, attr, is_on, parse_part};
use crate::input::InputError;
use crate::text::chars::{is_blank, is_han};
use crate::text::typeset::{Page, ParagraphFormat, Set};
use quick_xml::events::BytesStart;
use std::collections::HashMap;

/// How much text of a paragraph has one value of a property.
type Tally<T> = HashMap<Option<Set<T>>, usize>;

/// A paragraph being read.
#[derive(Default)]
struct Para {
    number: usize,
    props: ParaProps,
    /// Han characters by East Asian font; other visible characters by Latin font.
    han: Tally<String>,
    latin: Tally<String>,
    sizes: Tally<u32>,
    bold: usize,
    shown: usize,
}

/// A run being read.
#[derive(Default)]
struct Run {
    props: RunProps,
    hidden: bool,
}

/// The footers a section names: (pages, relationship id).
pub(super) type FooterRefs = Vec<(String, String)>;

struct Reader<'f> {
    formats: &'f Formats,
    paras: Vec<Para>,
    runs: Vec<Run>,
    count: usize,
    done: Vec<(usize, ParagraphFormat)>,
    /// The last section properties read, and their footers.
    page: Option<Page>,
    footers: FooterRefs,
    /// Inside a `w:sectPr` of the body (not a paragraph's section break).
    in_section: bool,
}

/// What document.xml says of formatting: each paragraph's by number, the page of the
/// last section and its footers.
pub(super) struct BodyFormats {
    pub(super) paragraphs: HashMap<usize, ParagraphFormat>,
    pub(super) page: Option<Page>,
    pub(super) footers: FooterRefs,
}

/// Reads document.xml's formatting.
pub(super) fn read_formats(
    data: &[u8],
    part: &str,
    formats: &Formats,
) -> Result<BodyFormats, InputError> {
    let mut reader = Reader {
        formats,
        paras: Vec::new(),
        runs: Vec::new(),
        count: 0,
        done: Vec::new(),
        page: None,
        footers: Vec::new(),
        in_section: false,
    };
    parse_part(data, part, &mut reader)?;
    Ok(BodyFormats {
        paragraphs: reader.done.into_iter().collect(),
        page: reader.page,
        footers: reader.footers,
    })
}

/// The value most of the text has (ties: the first in a stable order).
fn most<T: Clone + Ord + std::hash::Hash>(tally: &Tally<T>) -> Option<Set<T>> {
    let mut all: Vec<(&Option<Set<T>>, &usize)> = tally.iter().collect();
    all.sort_by(|a, b| {
        b.1.cmp(a.1).then_with(|| {
            let key = |s: &Option<Set<T>>| s.as_ref().map(|s| (s.value.clone(), s.origin.clone()));
            key(a.0).cmp(&key(b.0))
        })
    });
    all.first().and_then(|(s, _)| (*s).clone())
}

impl Reader<'_> {
    fn finish(&self, p: Para) -> ParagraphFormat {
        let levels = self.formats.levels(&p.props, None);
        let font = most(&p.han).or_else(|| most(&p.latin));
        ParagraphFormat {
            style: p.props.style.as_deref().map(|s| self.formats.style_name(s)),
            font,
            size: most(&p.sizes),
            bold: p.shown > 0 && p.bold * 2 > p.shown,
            align: levels.para(&p.props, |x| x.align),
            first_line: levels.para(&p.props, |x| x.first_line),
            right: levels.para(&p.props, |x| x.right),
            spacing: levels.para(&p.props, |x| x.spacing),
        }
    }

    fn text(&mut self, text: &str) {
        let (Some(p), Some(r)) = (self.paras.last_mut(), self.runs.last()) else {
            return;
        };
        if r.hidden {
            return;
        }
        let levels = self.formats.levels(&p.props, Some(&r.props));
        let east = levels.font(&r.props, |x| x.east_asia.clone());
        let latin = levels.font(&r.props, |x| x.latin.clone());
        let size = levels.run(&r.props, |x| x.size);
        let bold = levels.run(&r.props, |x| x.bold).is_some_and(|b| b.value);
        let (mut han, mut other) = (0, 0);
        for c in text.chars().filter(|&c| !is_blank(c) && c != '\u{FEFF}') {
            if is_han(c) { han += 1 } else { other += 1 }
        }
        if han > 0 {
            *p.han.entry(east).or_default() += han;
        }
        if other > 0 {
            *p.latin.entry(latin).or_default() += other;
        }
        *p.sizes.entry(size).or_default() += han + other;
        p.shown += han + other;
        if bold {
            p.bold += han + other;
        }
    }
}

impl Handler for Reader<'_> {
    fn open(&mut self, tag: Tag, e: &BytesStart<'_>, parents: &[Tag]) {
        let parent = parents.last().copied();
        let in_ppr = parents.ends_with(&[Tag::P, Tag::PPr]);
        let in_rpr = parents.ends_with(&[Tag::R, Tag::RPr]);
        match tag {
            Tag::P => {
                self.count += 1;
                self.paras.push(Para {
                    number: self.count,
                    ..Para::default()
                });
            }
            Tag::R => self.runs.push(Run::default()),
            Tag::PStyle | Tag::Jc | Tag::Ind | Tag::Spacing if in_ppr => {
                if let Some(p) = self.paras.last_mut() {
                    p.props.read(tag, e);
                }
            }
            Tag::Vanish if in_rpr => {
                if let Some(r) = self.runs.last_mut() {
                    r.hidden = is_on(e);
                }
            }
            Tag::RStyle | Tag::RFonts | Tag::Sz | Tag::B if in_rpr => {
                if let Some(r) = self.runs.last_mut() {
                    r.props.read(tag, e);
                }
            }
            Tag::SectPr if parent != Some(Tag::PPr) => {
                self.in_section = true;
                self.page = Some(Page::default());
                self.footers.clear();
            }
            Tag::PgSz | Tag::PgMar | Tag::DocGrid | Tag::FooterReference
                if self.in_section && parent == Some(Tag::SectPr) =>
            {
                let Some(page) = self.page.as_mut() else {
                    return;
                };
                match tag {
                    Tag::PgSz => (page.width, page.height) = (twips(e, "w"), twips(e, "h")),
                    Tag::PgMar => {
                        page.top = twips(e, "top").map(i32::abs);
                        page.bottom = twips(e, "bottom").map(i32::abs);
                        page.left = twips(e, "left");
                        page.right = twips(e, "right");
                    }
                    Tag::DocGrid => {
                        let lines = attr(e, "type").is_some_and(|t| t.starts_with("lines"));
                        page.line_pitch = twips(e, "linePitch").filter(|_| lines);
                    }
                    _ => {
                        let pages = attr(e, "type").unwrap_or_else(|| "default".into());
                        if let Some(id) = attr(e, "id") {
                            self.footers.push((pages, id));
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, tag: Tag, parents: &[Tag]) {
        match tag {
            Tag::P => {
                if let Some(p) = self.paras.pop() {
                    let number = p.number;
                    let format = self.finish(p);
                    self.done.push((number, format));
                }
            }
            Tag::R => {
                self.runs.pop();
            }
            Tag::SectPr if parents.last() != Some(&Tag::PPr) => self.in_section = false,
            _ => {}
        }
    }

    fn text(&mut self, text: &str, parents: &[Tag]) {
        if parents.last() == Some(&Tag::T) {
            self.text(text);
        }
    }
}
