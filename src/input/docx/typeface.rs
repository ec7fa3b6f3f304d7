//! Effective formatting as Word computes it: the document defaults, then the paragraph
//! style and the styles it is based on, then the run's character style, then the
//! formatting written on the paragraph or run itself. Each property is taken from the
//! nearest level that sets it, and remembers which one did (to name a style at fault).

use super::styles::{FontRef, ParaProps, RunProps, Style, Styles};
use super::theme::Theme;
use crate::text::typeset::{Origin, Set};

/// The formatting of styles.xml, with the theme's fonts.
#[derive(Debug, Default)]
pub(super) struct Formats {
    pub(super) styles: Styles,
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
    /// The levels of a paragraph with properties `para` (in its style, or the default
    /// paragraph style) and a run with properties `run` (in its character style).
    pub(super) fn levels<'f>(
        &'f self,
        para: &'f ParaProps,
        run: Option<&'f RunProps>,
    ) -> Levels<'f> {
        Levels {
            formats: self,
            run_chain: self.styles.chain(run.and_then(|r| r.style.as_deref())),
            para_chain: self.styles.para_chain(para.style.as_deref()),
        }
    }

    /// A style's name as Word's Chinese edition shows it (「标题 2」 for 「heading 2」).
    pub(super) fn style_name(&self, id: &str) -> String {
        let name = self.styles.by_id.get(id).and_then(|s| s.name.clone());
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
            || get(&f.styles.run_defaults),
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
            || get(&f.styles.para_defaults),
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
    value: impl Fn(&Style) -> Option<T>,
    defaults: impl FnOnce() -> Option<T>,
) -> Option<Set<T>> {
    let set = |value, origin| Some(Set { value, origin });
    if let Some(v) = direct {
        return set(v, Origin::Direct);
    }
    for id in styles {
        if let Some(v) = formats.styles.by_id.get(*id).and_then(&value) {
            return set(v, Origin::Style(formats.style_name(id)));
        }
    }
    defaults().and_then(|v| set(v, Origin::Defaults))
}
