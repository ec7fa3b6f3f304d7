//! theme1.xml: the fonts a theme gives (`w:asciiTheme="minorHAnsi"`,
//! `w:eastAsiaTheme="minorEastAsia"` in a run's fonts name these).

use super::xml::{Handler, Tag, attr, parse_part};
use crate::input::InputError;
use quick_xml::events::BytesStart;

/// The theme's major (headings) and minor (body) fonts.
#[derive(Debug, Default, Clone)]
pub(super) struct Theme {
    major: Fonts,
    minor: Fonts,
}

#[derive(Debug, Default, Clone)]
struct Fonts {
    latin: Option<String>,
    /// `a:ea`, often empty in themes of Western editions.
    east_asia: Option<String>,
    /// The font for simplified Chinese (`a:font script="Hans"`), which Word takes when
    /// `a:ea` is empty and the East Asian language is Chinese.
    hans: Option<String>,
}

impl Theme {
    /// The font a theme slot names (`minorEastAsia`, `majorHAnsi` …).
    pub(super) fn font(&self, slot: &str) -> Option<String> {
        let fonts = if slot.starts_with("major") {
            &self.major
        } else {
            &self.minor
        };
        if slot.ends_with("EastAsia") {
            fonts.east_asia.clone().or_else(|| fonts.hans.clone())
        } else {
            fonts.latin.clone()
        }
    }
}

impl Handler for Theme {
    fn open(&mut self, tag: Tag, e: &BytesStart<'_>, parents: &[Tag]) {
        let fonts = match parents.last() {
            Some(Tag::MajorFont) => &mut self.major,
            Some(Tag::MinorFont) => &mut self.minor,
            _ => return,
        };
        let face = attr(e, "typeface").filter(|f| !f.trim().is_empty());
        match tag {
            Tag::Latin => fonts.latin = face,
            Tag::Ea => fonts.east_asia = face,
            Tag::ScriptFont if attr(e, "script").as_deref() == Some("Hans") => fonts.hans = face,
            _ => {}
        }
    }
}

/// Reads a theme part.
pub(super) fn parse_theme(data: &[u8], part: &str) -> Result<Theme, InputError> {
    let mut theme = Theme::default();
    parse_part(data, part, &mut theme)?;
    Ok(theme)
}
