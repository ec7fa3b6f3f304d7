//! Effective formatting as Word computes it: the document defaults, then the paragraph
//! style and the styles it is based on, then the run's character style, then the
//! formatting written on the paragraph or run itself. Each property is taken from the
//! nearest level that sets it, and remembers which one did (to name a style at fault).

use super::styles::style_chain;
use super::theme::Theme;
use super::xml::{Handler, Tag, attr, is_on, parse_part};
use crate::input::InputError;
use crate::text::typeset::{Align, Indent, Origin, Set, Spacing};
use quick_xml::events::BytesStart;
use std::collections::HashMap;

/// A font as a run's `w:rFonts` names it: by name, or by a theme slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum FontRef {
    Named(String),
    Theme(String),
}

/// Run properties one level sets (`w:rPr`).
#[derive(Debug, Clone, Default)]
pub(super) struct RunProps {
    pub(super) east_asia: Option<FontRef>,
    pub(super) latin: Option<FontRef>,
    /// Half-points.
    pub(super) size: Option<u32>,
    pub(super) bold: Option<bool>,
}

/// Paragraph properties one level sets (`w:pPr`).
#[derive(Debug, Clone, Default)]
pub(super) struct ParaProps {
    pub(super) align: Option<Align>,
    pub(super) first_line: Option<Indent>,
    pub(super) right: Option<Indent>,
    pub(super) spacing: Option<Spacing>,
}

impl RunProps {
    /// Reads one element of a `w:rPr`.
    pub(super) fn read(&mut self, tag: Tag, e: &BytesStart<'_>) {
        match tag {
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
        let num = |name: &str| attr(e, name).and_then(|v| v.trim().parse::<f64>().ok());
        let int = |name: &str| num(name).map(|v| v.round().clamp(-1e7, 1e7) as i32);
        match tag {
            Tag::Jc => {
                if let Some(a) = attr(e, "val").as_deref().and_then(Align::from_word) {
                    self.align = Some(a);
                }
            }
            Tag::Ind => {
                let first = (int("firstLine"), int("firstLineChars"));
                let hanging = (int("hanging"), int("hangingChars"));
                if first.0.is_some() || first.1.is_some() {
                    self.first_line = Some(Indent {
                        twips: first.0.unwrap_or(0),
                        chars: first.1,
                    });
                }
                if hanging.0.is_some() || hanging.1.is_some() {
                    self.first_line = Some(Indent {
                        twips: -hanging.0.unwrap_or(0),
                        chars: hanging.1.map(|c| -c),
                    });
                }
                let right = (
                    int("right").or(int("end")),
                    int("rightChars").or(int("endChars")),
                );
                if right.0.is_some() || right.1.is_some() {
                    self.right = Some(Indent {
                        twips: right.0.unwrap_or(0),
                        chars: right.1,
                    });
                }
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

/// One style's formatting.
#[derive(Debug, Default)]
struct StyleFormat {
    name: Option<String>,
    based_on: Option<String>,
    run: RunProps,
    para: ParaProps,
}

/// The formatting of styles.xml, with the theme's fonts.
#[derive(Debug, Default)]
pub(super) struct Formats {
    styles: HashMap<String, StyleFormat>,
    default_paragraph: Option<String>,
    run_defaults: RunProps,
    para_defaults: ParaProps,
    pub(super) theme: Theme,
}

/// The levels a property is looked for in, nearest first.
pub(super) struct Levels<'f> {
    formats: &'f Formats,
    /// The character style and the styles it is based on.
    run_chain: Vec<&'f str>,
    para_chain: Vec<&'f str>,
}

impl Formats {
    fn chain<'s>(&'s self, first: Option<&'s str>) -> Vec<&'s str> {
        style_chain(first, |id| self.styles.get(id)?.based_on.as_deref())
    }

    /// The levels of a paragraph in style `para` (or the default paragraph style) and a
    /// run in character style `run`.
    pub(super) fn levels<'f>(&'f self, para: Option<&'f str>, run: Option<&'f str>) -> Levels<'f> {
        Levels {
            formats: self,
            run_chain: self.chain(run),
            para_chain: self.chain(para.or(self.default_paragraph.as_deref())),
        }
    }

    /// A style's name as Word's Chinese edition shows it (「标题 2」 for 「heading 2」).
    pub(super) fn style_name(&self, id: &str) -> String {
        let name = self.styles.get(id).and_then(|s| s.name.clone());
        let name = name.unwrap_or_else(|| id.to_string());
        let lower = name.to_ascii_lowercase();
        if let Some(n) = lower.strip_prefix("heading ") {
            return format!("标题 {n}");
        }
        match lower.as_str() {
            "normal" => "正文".into(),
            "title" => "标题".into(),
            "footer" => "页脚".into(),
            _ => name,
        }
    }
}

impl Levels<'_> {
    /// A property of the run: its own, else its character style's, else the paragraph
    /// style's, else the defaults'.
    pub(super) fn run<T>(
        &self,
        direct: &RunProps,
        get: impl Fn(&RunProps) -> Option<T>,
    ) -> Option<Set<T>> {
        let styles = self.run_chain.iter().chain(&self.para_chain);
        let f = self.formats;
        nearest(
            f,
            get(direct),
            styles,
            |s| get(&s.run),
            || get(&f.run_defaults),
        )
    }

    /// A property of the paragraph: its own, else its style's, else the defaults'.
    pub(super) fn para<T>(
        &self,
        direct: &ParaProps,
        get: impl Fn(&ParaProps) -> Option<T>,
    ) -> Option<Set<T>> {
        let f = self.formats;
        nearest(
            f,
            get(direct),
            self.para_chain.iter(),
            |s| get(&s.para),
            || get(&f.para_defaults),
        )
    }

    /// A run's font in a slot (East Asian or Latin), theme slots looked up.
    pub(super) fn font(
        &self,
        direct: &RunProps,
        get: impl Fn(&RunProps) -> Option<FontRef>,
    ) -> Option<Set<String>> {
        let found = self.run(direct, get)?;
        let name = match found.value {
            FontRef::Named(n) => n,
            FontRef::Theme(slot) => self.formats.theme.font(&slot)?,
        };
        Some(Set {
            value: name,
            origin: found.origin,
        })
    }
}

/// The value of the nearest level that sets it: `direct`, else the first of `styles`
/// whose `value` is set, else the defaults'.
fn nearest<'f, T>(
    formats: &Formats,
    direct: Option<T>,
    styles: impl Iterator<Item = &'f &'f str>,
    value: impl Fn(&StyleFormat) -> Option<T>,
    defaults: impl FnOnce() -> Option<T>,
) -> Option<Set<T>> {
    let set = |value, origin| Some(Set { value, origin });
    if let Some(v) = direct {
        return set(v, Origin::Direct);
    }
    for id in styles {
        if let Some(v) = formats.styles.get(*id).and_then(&value) {
            return set(v, Origin::Style(formats.style_name(id)));
        }
    }
    defaults().and_then(|v| set(v, Origin::Defaults))
}

/// Reads the formatting of styles.xml.
#[derive(Default)]
struct Reader {
    formats: Formats,
    /// The style being read: its id, whether it is the default paragraph style.
    current: Option<(Option<String>, bool, StyleFormat)>,
}

impl Handler for Reader {
    fn open(&mut self, tag: Tag, e: &BytesStart<'_>, parents: &[Tag]) {
        if tag == Tag::Style {
            let paragraph = attr(e, "type").is_none_or(|t| t == "paragraph");
            let default =
                attr(e, "default").is_some_and(|v| matches!(v.trim(), "1" | "true" | "on"));
            self.current = Some((
                attr(e, "styleId"),
                paragraph && default,
                StyleFormat::default(),
            ));
            return;
        }
        let in_defaults = parents.contains(&Tag::DocDefaults);
        let (run, para) = match (parents.last(), &mut self.current) {
            (Some(Tag::RPr), _) if in_defaults => (Some(&mut self.formats.run_defaults), None),
            (Some(Tag::PPr), _) if in_defaults => (None, Some(&mut self.formats.para_defaults)),
            (Some(Tag::RPr), Some((_, _, s))) if parents.ends_with(&[Tag::Style, Tag::RPr]) => {
                (Some(&mut s.run), None)
            }
            (Some(Tag::PPr), Some((_, _, s))) if parents.ends_with(&[Tag::Style, Tag::PPr]) => {
                (None, Some(&mut s.para))
            }
            (Some(Tag::Style), Some((_, _, s))) => {
                match tag {
                    Tag::Name => s.name = attr(e, "val"),
                    Tag::BasedOn => s.based_on = attr(e, "val"),
                    _ => {}
                }
                (None, None)
            }
            _ => (None, None),
        };
        if let Some(run) = run {
            run.read(tag, e);
        }
        if let Some(para) = para {
            para.read(tag, e);
        }
    }

    fn close(&mut self, tag: Tag, _: &[Tag]) {
        if tag == Tag::Style
            && let Some((Some(id), default, style)) = self.current.take()
        {
            if default && self.formats.default_paragraph.is_none() {
                self.formats.default_paragraph = Some(id.clone());
            }
            self.formats.styles.insert(id, style);
        }
    }
}

/// Reads the formatting of styles.xml, with the theme's fonts.
pub(super) fn parse_formats(data: &[u8], part: &str, theme: Theme) -> Result<Formats, InputError> {
    let mut reader = Reader::default();
    parse_part(data, part, &mut reader)?;
    let mut formats = reader.formats;
    formats.theme = theme;
    Ok(formats)
}
