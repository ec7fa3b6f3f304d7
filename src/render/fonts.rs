//! `fzlint outline --fonts`: each paragraph of a Word file with its effective font and
//! size, as the typography rules see them, so a drafter can tell what fzlint saw.

use crate::text::source::Source;
use crate::text::typeset::{Origin, Set};
use serde::Serialize;

/// One paragraph's formatting.
#[derive(Debug, Serialize)]
pub struct OutlineFont {
    /// The paragraph (第N段).
    pub line: usize,
    /// Its first characters.
    pub text: String,
    /// Its paragraph style's name.
    pub style: Option<String>,
    /// The font of most of its Han text (else of its Latin text), when declared.
    pub font: Option<String>,
    /// Where the font comes from: "direct", "style" or "defaults".
    pub font_from: Option<&'static str>,
    /// The style that sets the font, when one does.
    pub font_style: Option<String>,
    /// The size of most of its text, in points, when declared.
    pub size: Option<f64>,
    pub bold: bool,
}

/// How many characters of a paragraph are shown.
const SHOWN: usize = 20;

/// Where a fact comes from, as the JSON names it, and the style when it is one.
fn origin<T>(set: &Option<Set<T>>) -> (Option<&'static str>, Option<String>) {
    match set.as_ref().map(|s| &s.origin) {
        None => (None, None),
        Some(Origin::Direct) => (Some("direct"), None),
        Some(Origin::Defaults) => (Some("defaults"), None),
        Some(Origin::Style(s)) => (Some("style"), Some(s.clone())),
    }
}

/// The paragraphs of a Word file with their formatting (none for other files, and for
/// a Word file without styles).
pub fn fonts(src: &Source) -> Vec<OutlineFont> {
    let (Some(t), Some(locations)) = (src.typeset.as_deref(), src.locations.as_deref()) else {
        return Vec::new();
    };
    (locations.iter().zip(&t.paragraphs))
        .map(|(loc, f)| {
            let range = src.original_line_range(loc.first_line);
            let (font_from, font_style) = origin(&f.font);
            OutlineFont {
                line: loc.paragraph,
                text: super::clip(&src.original()[range], SHOWN),
                style: f.style.clone(),
                font: f.font.as_ref().map(|s| s.value.clone()),
                font_from,
                font_style,
                size: f.size.as_ref().map(|s| f64::from(s.value) / 2.0),
                bold: f.bold,
            }
        })
        .collect()
}

/// The human form: one line a paragraph.
pub fn human(fonts: &[OutlineFont]) -> String {
    if fonts.is_empty() {
        return "字体和字号：（只有带样式的 Word 文档有字体信息）\n".into();
    }
    let mut s = String::from("字体和字号（按 Word 的计算，含样式链、主题字体和直接设置）：\n");
    for f in fonts {
        let font = f.font.as_deref().unwrap_or("（未声明字体）");
        let size = f.size.map_or("（未声明字号）".into(), |p| format!("{p}磅"));
        let from = match (f.font_from, &f.font_style) {
            (Some("style"), Some(st)) => format!("，字体来自样式“{st}”"),
            (Some("direct"), _) => "，字体为直接设置".into(),
            (Some("defaults"), _) => "，字体来自文档默认格式".into(),
            _ => String::new(),
        };
        let bold = if f.bold { " 加粗" } else { "" };
        s += &format!(
            "  第{}段  {font} {size}{bold}{from}  “{}”\n",
            f.line, f.text
        );
    }
    s
}
