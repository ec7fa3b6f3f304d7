//! The formatting a Word file gives its paragraphs, its page and its page numbers, as
//! plain facts: read by `input::docx`, judged by the typography rules. Lengths are in
//! twips (1/20 pt), font sizes in half-points and indents in characters in hundredths,
//! as Word writes them, so nothing is rounded before a rule compares.

/// Where a fact comes from: the document defaults, a style (its name as Word shows
/// it), or the paragraph's or run's own formatting.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Origin {
    Defaults,
    Style(String),
    Direct,
}

/// A fact and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Set<T> {
    pub value: T,
    pub origin: Origin,
}

/// A paragraph's alignment (`w:jc`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    Justify,
    Distribute,
}

impl Align {
    /// A `w:jc` value ("start" and "both" included).
    pub fn from_word(val: &str) -> Option<Align> {
        Some(match val {
            "left" | "start" => Align::Left,
            "center" => Align::Center,
            "right" | "end" => Align::Right,
            "both" | "lowKashida" | "mediumKashida" | "highKashida" => Align::Justify,
            "distribute" | "thaiDistribute" => Align::Distribute,
            _ => return None,
        })
    }

    /// In words, for messages.
    pub fn words(self) -> &'static str {
        match self {
            Align::Left => "左对齐",
            Align::Center => "居中",
            Align::Right => "右对齐",
            Align::Justify => "两端对齐",
            Align::Distribute => "分散对齐",
        }
    }
}

/// An indent: in characters (hundredths, `w:firstLineChars`), which Word prefers when
/// given, else in twips; negative for a hanging indent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Indent {
    pub twips: i32,
    pub chars: Option<i32>,
}

impl Indent {
    /// The indent in characters of `half_points`-sized text.
    pub fn in_chars(self, half_points: u32) -> f64 {
        match self.chars {
            Some(c) if c != 0 => f64::from(c) / 100.0,
            _ if half_points == 0 => 0.0,
            _ => f64::from(self.twips) / (f64::from(half_points) * 10.0),
        }
    }
}

/// Line spacing (`w:spacing w:line`, `w:lineRule`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spacing {
    /// A fixed height, in twips.
    Exact(i32),
    /// At least this height, in twips.
    AtLeast(i32),
    /// A multiple of single spacing, in 240ths (240 is single).
    Auto(i32),
}

/// One paragraph's effective formatting, as Word computes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParagraphFormat {
    /// The paragraph style's name, when it has one.
    pub style: Option<String>,
    /// The East Asian font of most of its Han text (Latin text's when it has none).
    pub font: Option<Set<String>>,
    /// The size of most of its text, in half-points.
    pub size: Option<Set<u32>>,
    /// Most of its text is bold.
    pub bold: bool,
    pub align: Option<Set<Align>>,
    pub first_line: Option<Set<Indent>>,
    pub right: Option<Set<Indent>>,
    pub spacing: Option<Set<Spacing>>,
}

/// The page of the document's last section (`w:sectPr`), in twips.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Page {
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub top: Option<i32>,
    pub bottom: Option<i32>,
    pub left: Option<i32>,
    pub right: Option<i32>,
    /// The document grid's line pitch, when the grid sets lines (`w:docGrid`).
    pub line_pitch: Option<i32>,
}

/// A footer's paragraph that shows the page number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageNumber {
    /// Which pages the footer is for: "default" (odd ones too when even pages have
    /// their own), "even" or "first".
    pub pages: String,
    /// The paragraph's text, the number field's result written `#` ("— # —").
    pub text: String,
    pub align: Option<Align>,
    /// The number's font (the Latin slot, where Word puts digits) and size.
    pub font: Option<String>,
    pub size: Option<u32>,
}

/// What a Word file says of its typesetting; present only when the file has a styles
/// part (a file a word processor wrote always has one).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Typeset {
    /// One per block, in the order of the blocks (a `Source`'s locations).
    pub paragraphs: Vec<ParagraphFormat>,
    /// The page, when the body declares its section properties.
    pub page: Option<Page>,
    /// The footers of the last section that show the page number.
    pub page_numbers: Vec<PageNumber>,
    /// Odd and even pages have their own headers and footers (settings.xml).
    pub even_and_odd: bool,
}

/// Twips in a millimetre.
pub const TWIPS_PER_MM: f64 = 1440.0 / 25.4;
