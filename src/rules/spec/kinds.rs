//! Every check kind, declared once: its name as rules write it, its parameters (with
//! their docs and defaults), the `{name}` placeholders its findings fill, the variants
//! a rule may word differently and the secondary labels it puts on other places (with
//! the wording a rule that gives none gets). The rule format ([`Check`]), the validation of
//! a rule's wording and the guide's tables (checked by tests/docs.rs) all follow from
//! this table; how each kind runs is in `rules::checks`, one file per kind.

use super::years::YearRange;
use crate::pack::Part;
use crate::pack::pattern::Pattern;
use serde::{Deserialize, Serialize};

/// What a check kind offers a rule.
#[derive(Debug, PartialEq, Eq)]
pub struct Kind {
    /// The kind's name, as `kind:` writes it.
    pub name: &'static str,
    /// The `{name}` values its findings give a rule's message, label and help.
    pub vars: &'static [&'static str],
    /// The findings a rule may word differently under `variants:`.
    pub variants: &'static [&'static str],
    /// The secondary labels its findings put on other places, by name, each with the
    /// wording used when a rule gives none under `labels:` (the built-in rules give
    /// theirs).
    pub labels: &'static [(&'static str, &'static str)],
}

impl Kind {
    /// The wording of the label `name` when a rule gives none.
    pub fn label(&self, name: &str) -> Option<&'static str> {
        self.labels
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, w)| *w)
    }
}

/// Declares the check kinds: each one's docs, name, parameters, placeholders, variants
/// and labels (these two left out when there are none), once. It makes the [`Check`] enum that rule files are read into and
/// [`Check::kind`], [`Check::KINDS`].
macro_rules! kinds {
    ($(
        $(#[doc = $doc:literal])*
        $name:literal => $variant:ident {
            $( $(#[$attr:meta])* $field:ident : $ty:ty ),* $(,)?
        }
        vars: [$($var:ident),*],
        $(variants: [$($case:ident),*],)?
        $(labels: [$($label:ident = $wording:literal),*],)?
    )*) => {
        /// The check a rule runs: one of a small set of kinds implemented in Rust, with
        /// its parameters.
        #[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
        #[serde(tag = "kind", deny_unknown_fields)]
        pub enum Check {
            $(
                $(#[doc = $doc])*
                #[serde(rename = $name)]
                $variant { $( $(#[$attr])* $field: $ty ),* },
            )*
        }

        impl Check {
            /// Every check kind.
            pub const KINDS: &'static [Kind] = &[$(
                Kind {
                    name: $name,
                    vars: &[$(stringify!($var)),*],
                    variants: &[$($(stringify!($case)),*)?],
                    labels: &[$($((stringify!($label), $wording)),*)?],
                },
            )*];

            /// What this check's kind offers a rule.
            pub fn kind(&self) -> &'static Kind {
                // Each kind's place in KINDS.
                enum Place {
                    $($variant),*
                }
                match self {
                    $(Check::$variant { .. } => &Self::KINDS[Place::$variant as usize],)*
                }
            }
        }
    };
}

kinds! {
    /// The part is found nowhere in the report.
    "part-missing" => PartMissing {
        part: Part,
        /// Text that is not the part but may be mistaken for it (特建议 for a plan).
        #[serde(default)]
        near_miss: Vec<Pattern>,
    }
    vars: [part, found, line, at, reported_year, next_year],
    variants: [near_miss],
    labels: [near_miss = "这里的“{found}”不是{part}"],

    /// The part is found only inside paragraphs, never under a heading of its own.
    "part-unheaded" => PartUnheaded { part: Part }
    vars: [part, text, within, reported_year, next_year],
    labels: [within = "所在部分是“{within}”"],

    /// When `when` is found, `part` must be found too.
    "part-requires" => PartRequires { part: Part, when: Part }
    vars: [part, when, text],

    /// The part (with `include`) holds fewer than `min_chars` Han characters.
    "part-length" => PartLength {
        part: Part,
        #[serde(default)]
        include: Vec<Part>,
        min_chars: usize,
    }
    vars: [part, count, min_chars],

    /// Headed parts appear in this order.
    "part-order" => PartOrder { order: Vec<Part> }
    vars: [part, after],
    labels: [after = "“{after}”在这里，应在其前"],

    /// Each part the pack marks `required` is found; a top-level heading with the
    /// part's `number` whose words name no part is that part renamed beyond
    /// recognition (variant `renamed`, one finding on the heading, not a missing part).
    "pack-parts" => PackParts {}
    vars: [part, number, found, reported_year, next_year],
    variants: [renamed],

    /// The part, where found, mentions none of the patterns (述法 in the duties); or
    /// the named `parts` together; or, with neither, the whole body.
    "part-mentions" => PartMentions {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        part: Option<Part>,
        /// Parts counted together (with `part`, if given).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        parts: Vec<Part>,
        patterns: Vec<Pattern>,
        /// Fewer mentions than this in the part are a finding.
        #[serde(default = "at_least_one")]
        min_count: usize,
        /// More mentions than this are a finding (variant `too_many`).
        #[serde(default)]
        max_count: Option<usize>,
    }
    vars: [part, text, count, min, max],
    variants: [too_many],

    /// The file holds no report text at all.
    "document-empty" => DocumentEmpty {}
    vars: [],

    /// No title line before the body.
    "title-missing" => TitleMissing {}
    vars: [year, reported_year],
    labels: [year = "报告年度按这里推断为{year}年"],

    /// The title names no year, or names it without 年 (variant `bare`).
    "title-year" => TitleYear {}
    vars: [year, reported_year],
    variants: [bare],

    /// A year given for the reported period differs from the title's; or the title's
    /// year is contradicted by everything else in the report (variant `title`, one
    /// finding on the title, `{evidence}` naming the places); or the report is on
    /// another year than the run expects (variant `expected`).
    "year-mismatch" => YearMismatch {
        /// Patterns with a `year` group, tried on the preamble's sentences.
        preamble: Vec<Pattern>,
        /// Patterns with a `year` group, tried on the titles of measures headings.
        measures_heading: Vec<Pattern>,
        /// The part whose top-level headings `measures_heading` is tried on (without it,
        /// the pack's part taken `by_position`: the measures).
        #[serde(default)]
        part: Option<Part>,
    }
    vars: [year, title_year, expected, evidence],
    variants: [title, expected],
    labels: [title_year = "标题写的是{title_year}年"],

    /// The plan names a year other than the reported year plus `offset`.
    "plan-year" => PlanYear {
        #[serde(default = "one")]
        offset: i32,
        /// Patterns with a `year` group, tried on plan heading titles.
        heading: Vec<Pattern>,
        /// Patterns with a `year` group, tried on the plan section's first paragraph.
        opening: Vec<Pattern>,
        /// The part whose headings and sections are read (without it, the pack's part
        /// whose openings name next year: the plan).
        #[serde(default)]
        part: Option<Part>,
    }
    vars: [year, expected, reported],
    labels: [year = "报告年度是{reported}年"],

    /// Dates that cannot exist or are garbled.
    "date-valid" => DateValid {}
    vars: [date, problem, guess],
    variants: [garbled],

    /// The 成文 date is not written as 2024年2月27日.
    "date-format" => DateFormat {}
    vars: [date, expected],

    /// The publication date is after the deadline (month-day of reported year + offset).
    "publication-deadline" => PublicationDeadline {
        /// 「MM-DD」; without it, the pack's `deadline`.
        #[serde(default)]
        deadline: Option<String>,
        /// Years after the reported year; without it, the pack's (else 1).
        #[serde(default)]
        year_offset: Option<i32>,
    }
    vars: [date, deadline, source, year],
    labels: [year = "报告年度{year}年"],

    /// The publication date falls inside the reported year.
    "publication-early" => PublicationEarly {}
    vars: [date, source, year],
    labels: [year = "报告年度{year}年"],

    /// Sibling headings skip or repeat a number.
    "numbering-gap" => NumberingGap {}
    vars: [level, prev, expected, found, line, at],
    variants: [gap, lost, repeat, first, styled, auto, typed],
    labels: [prev = "上一个同级标题", lost = "这一行像是丢了编号的标题"],

    /// One level mixes marker forms, or uses a nonstandard one.
    "numbering-style" => NumberingStyle {}
    vars: [level, found, expected, count, major],
    variants: [nonstandard, broken],

    /// A heading two levels below its parent.
    "level-skip" => LevelSkip {}
    vars: [marker, parent, missing],
    labels: [parent = "上级标题"],

    /// Space after a heading number; a title-only heading ending in punctuation.
    "heading-punctuation" => HeadingPunctuation {
        #[serde(default)]
        flag_full_stop: bool,
        #[serde(default = "default_trailing")]
        trailing: String,
    }
    vars: [marker, mark],
    variants: [space],

    /// Each match of a pattern in the scope is a finding.
    "patterns" => Patterns {
        scope: Scope,
        patterns: Vec<PatternItem>,
        /// Fewer matches than this in the scope are one finding (variant `too_few`),
        /// instead of each match being one.
        #[serde(default)]
        min_count: Option<usize>,
        /// More matches than this are one finding, at the first match over (variant
        /// `too_many`), instead of each match being one.
        #[serde(default)]
        max_count: Option<usize>,
        /// Only matches in the text of these parts count (all, when empty).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        parts: Vec<Part>,
    }
    vars: [text, label, count, min, max],
    variants: [too_few, too_many],

    /// Page furniture pasted into the report.
    "furniture" => Furniture {}
    vars: [text, lines],

    /// Garbled citations of well-known documents.
    "citation" => Citation { documents: Vec<CitationDoc> }
    vars: [found, canonical],

    /// A framework document is cited as guidance in a report on a year after its
    /// period (a report on 2026 citing the 纲要 for 2021—2025).
    "citation-period" => CitationPeriod {
        documents: Vec<PeriodDoc>,
        /// Words of a sentence that looks back on a framework (收官, 总结 …): a
        /// citation in such a sentence is not reported.
        #[serde(default = "looking_back")]
        looking_back: Vec<String>,
    }
    vars: [found, name, period, year],

    /// Brackets and quotes that open without closing (or close without opening)
    /// within a paragraph. Each pair is two characters, opener then closer.
    "pairs" => Pairs { pairs: Vec<String> }
    vars: [mark, partner],
    variants: [opener, closer],

    /// The document mixes the half- and full-width forms of a mark: the minority
    /// form is reported once per mark. Each form is two characters, half then full.
    "width-mix" => WidthMix {
        forms: Vec<String>,
        /// Half-width forms between two digits (1,000 and 16:09) do not count.
        #[serde(default = "yes")]
        skip_between_digits: bool,
    }
    vars: [found, count, major, major_count],

    /// A rate that contradicts the counts given in the same sentence.
    "rate" => Rate {
        /// Percentage points allowed beyond rounding.
        #[serde(default = "half")]
        tolerance: f64,
        /// Verbs whose count is the whole (受理, 收到, 发现 …).
        totals: Vec<String>,
        /// Counting words after a number (件, 个, 次 …).
        units: String,
        /// Words between 率 and the figure (为, 达到 …); the longest that fits is read.
        #[serde(default = "comparisons")]
        comparisons: Vec<String>,
        /// Of the comparisons, those after which the rate need only not exceed the
        /// counts' (超过, 高于).
        #[serde(default = "at_least")]
        at_least: Vec<String>,
        /// Words that make a clause's count part of the count just before it (其中).
        #[serde(default = "of_which")]
        of_which: Vec<String>,
    }
    vars: [rate, actual, num, den],
    labels: [den = "总数", num = "其中"],

    /// A title-only heading followed directly by a heading of the same or a higher level.
    "empty-section" => EmptySection {}
    vars: [title],
    labels: [next = "紧接着就是下一个标题"],

    /// Two headings at the same level with the same title.
    "duplicate-heading" => DuplicateHeading {}
    vars: [title, line, at],
    labels: [first = "第一次出现"],

    /// A suppression comment that silenced nothing, or that names a rule or category
    /// that does not exist (the engine finds these).
    "unused-suppression" => UnusedSuppression {}
    vars: [text, name],
    variants: [unknown],

    /// The report shares much of its text with another report of the batch, or
    /// (variant `previous`) its text or one of its parts with last year's reports: found
    /// by `fzlint report` over the whole batch, never on one report alone (see
    /// [`Check::batch`]).
    "copied-text" => CopiedText {
        /// The share of the shorter text, in percent, from which two reports are copies
        /// (`--copy-threshold` on the command line wins).
        #[serde(default = "half_percent")]
        threshold: u8,
        /// Phrases any report may use (official formulas), set aside before comparing.
        #[serde(default)]
        common: Vec<String>,
    }
    vars: [other, share, part],
    variants: [previous],

    /// A table's numbers add up: a row (column) equals the sum of other rows
    /// (columns), in every column (row) of the table, and two sets of rows (columns)
    /// have the same sum. One wrong cell is one finding, on the cell the broken
    /// identities share (see the guide).
    "table-sum" => TableSum {
        /// The table: the line just above it (its caption) or the heading it is under
        /// matches this.
        table: Pattern,
        /// An empty cell, or one holding only a dash (—, -, /), counts as zero; else an
        /// identity with such a cell is not checked.
        #[serde(default)]
        blank_is_zero: bool,
        /// Identities "the total equals the sum of the parts".
        #[serde(default)]
        sums: Vec<TableSumItem>,
        /// Identities "the left ones add up to the right ones".
        #[serde(default)]
        balances: Vec<TableBalance>,
    }
    vars: [table, row, row_number, column, column_number, value, total, sum, expected, left, right],
    variants: [part, balance],

    /// The document is another kind of report.
    "genre" => Genre {
        /// Titles of other kinds of reports, each with the name to give it.
        kinds: Vec<GenreKind>,
        /// Text that shows the 法治政府建设 subject.
        subject: Pattern,
        /// Titles that are a report or summary of some kind.
        report_title: Pattern,
        /// The name given to a report or summary whose title and opening never name the
        /// subject.
        #[serde(default = "report_name")]
        report_name: String,
    }
    vars: [kind],

    /// The font and size of a class of paragraphs in a Word file (.docx only): the
    /// font must be one of `fonts`, the size `size` points.
    "typeface" => Typeface {
        elements: Vec<Element>,
        /// Accepted font names (East Asian slot), compared without case.
        fonts: Vec<String>,
        /// The size in points (3号 is 16, 2号 is 22).
        size: f64,
    }
    vars: [paragraph, text, element, found, expected, style, count],
    variants: [size, style, style_size],

    /// The paper size and margins of a Word file (.docx only), in millimetres.
    "page-setup" => PageSetup {
        #[serde(default = "a4_width")]
        width: f64,
        #[serde(default = "a4_height")]
        height: f64,
        top: f64,
        bottom: f64,
        left: f64,
        right: f64,
        /// How far a margin may be off, in millimetres.
        #[serde(default = "one_mm")]
        tolerance: f64,
    }
    vars: [found],

    /// The line spacing of a class of paragraphs in a Word file (.docx only): a fixed
    /// spacing, or single spacing on a line grid, from `min` to `max` points.
    "line-spacing" => LineSpacing {
        elements: Vec<Element>,
        min: f64,
        max: f64,
    }
    vars: [paragraph, text, element, found, expected, style, count],
    variants: [style],

    /// The alignment and indents of a class of paragraphs in a Word file (.docx only);
    /// indents in characters, each checked only when given.
    "paragraph-layout" => ParagraphLayout {
        elements: Vec<Element>,
        #[serde(default)]
        align: Option<AlignSpec>,
        #[serde(default)]
        first_line: Option<f64>,
        #[serde(default)]
        right: Option<f64>,
    }
    vars: [paragraph, text, element, found, expected, style, count],
    variants: [style],

    /// The page numbers of a Word file's footers (.docx only): the number between
    /// `dashes`, in one of `fonts` at `size` points, odd pages right and even pages left.
    "page-number" => PageNumber {
        fonts: Vec<String>,
        size: f64,
        #[serde(default = "em_dash")]
        dashes: String,
    }
    vars: [found],
    variants: [missing],

}

/// The defaults of parameters (`#[serde(default = "name")]` wants a function each).
macro_rules! defaults {
    ($($name:ident: $ty:ty = $value:expr;)*) => {
        $(fn $name() -> $ty {
            $value
        })*
    };
}

defaults! {
    one: i32 = 1;
    at_least_one: usize = 1;
    default_trailing: String = ",、;:".to_string();
    yes: bool = true;
    half_percent: u8 = 50;
    half: f64 = 0.5;
    looking_back: Vec<String> =
        words(&["收官", "总结", "回顾", "完成", "期满", "圆满"]);
    comparisons: Vec<String> =
        words(&["均达到", "均达", "达到", "达", "为", "是", "超过", "高于"]);
    at_least: Vec<String> = words(&["超过", "高于"]);
    of_which: Vec<String> = words(&["其中"]);
    a4_width: f64 = 210.0;
    a4_height: f64 = 297.0;
    one_mm: f64 = 1.0;
    em_dash: String = "—".to_string();
    report_name: String = "一般工作总结或报告".to_string();
}

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|w| w.to_string()).collect()
}

impl Check {
    /// Whether the kind judges a batch of reports together (`fzlint report`) rather
    /// than one report: its rule finds nothing on a report alone, and its examples are
    /// batches, the reports parted by a line `---`.
    pub fn batch(&self) -> bool {
        matches!(self, Check::CopiedText { .. })
    }

    /// Whether the kind judges a Word file's formatting: its rule finds nothing in text,
    /// so it carries no text examples, and `fzlint rule` says it applies to .docx only.
    pub fn docx_only(&self) -> bool {
        matches!(
            self,
            Check::Typeface { .. }
                | Check::PageSetup { .. }
                | Check::LineSpacing { .. }
                | Check::ParagraphLayout { .. }
                | Check::PageNumber { .. }
        )
    }
}

/// A class of paragraphs of a 公文, as the typography rules name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Element {
    /// The title (标题).
    Title,
    /// The 主送机关 line under the title.
    Salutation,
    /// Body paragraphs, the closing (特此报告) included.
    Body,
    /// 一、 headings.
    #[serde(rename = "heading-1")]
    Heading1,
    /// (一) headings.
    #[serde(rename = "heading-2")]
    Heading2,
    /// 1. headings.
    #[serde(rename = "heading-3")]
    Heading3,
    /// (1) headings.
    #[serde(rename = "heading-4")]
    Heading4,
    /// The 成文日期 line.
    Date,
    /// The 附件说明 under the body.
    Attachment,
}

impl Element {
    /// In words, for messages.
    pub fn words(self) -> &'static str {
        match self {
            Element::Title => "标题",
            Element::Salutation => "主送机关",
            Element::Body => "正文",
            Element::Heading1 => "一级标题",
            Element::Heading2 => "二级标题",
            Element::Heading3 => "三级标题",
            Element::Heading4 => "四级标题",
            Element::Date => "成文日期",
            Element::Attachment => "附件说明",
        }
    }
}

/// A paragraph alignment a rule asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AlignSpec {
    /// Left or justified (a one-line paragraph looks the same).
    Left,
    Center,
    Right,
}

/// Where a pattern list looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Everything but page furniture.
    Body,
    Title,
    Preamble,
    Headings,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PatternItem {
    /// A regular expression; a group named `hit` narrows the span reported.
    pub regex: Pattern,
    /// Replaces the rule's label for this pattern.
    #[serde(default)]
    pub label: Option<String>,
    /// The match does not count when the character just before it matches this.
    #[serde(default)]
    pub unless_before: Option<Pattern>,
    /// The match does not count when the character just after it matches this.
    #[serde(default)]
    pub unless_after: Option<Pattern>,
    /// The match does not count when the sentence it is in matches this (a look-back,
    /// a quotation, a name).
    #[serde(default)]
    pub exclude: Option<Pattern>,
}

/// When a rule runs: every condition given must hold.
#[derive(Debug, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// The report's text matches this.
    #[serde(default)]
    pub has: Option<Pattern>,
    /// The report's text does not match this.
    #[serde(default)]
    pub lacks: Option<Pattern>,
    /// This part is found in the report.
    #[serde(default)]
    pub has_part: Option<Part>,
    /// This part is not found.
    #[serde(default)]
    pub lacks_part: Option<Part>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CitationDoc {
    /// The title as it should be cited (without 《》).
    pub canonical: String,
    /// Titles matching this are meant to be this document.
    #[serde(rename = "match")]
    pub matches: Pattern,
    /// The reported years for which this entry is used (a framework and its successor
    /// may share a name); without it, every year.
    #[serde(default)]
    pub years: Option<YearRange>,
}

/// A framework document that covers a period (纲要 2021—2025).
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodDoc {
    /// Its name, as the message gives it (without 《》).
    pub name: String,
    /// Titles matching this are meant to be this document.
    #[serde(rename = "match")]
    pub matches: Pattern,
    /// The years it covers.
    pub years: YearRange,
}

/// Whether an identity of a table adds up rows or columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TableLines {
    /// Rows: checked in every column of numbers.
    Rows,
    /// Columns: checked in every row below the header.
    Columns,
}

/// A total and its parts. A label is a pattern matched against a row's (a column's)
/// own label; several patterns joined by ` › ` match the path of labels from the header
/// (or the row labels on the left) down to its own, in order, not necessarily every one.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableSumItem {
    /// Rows or columns.
    pub of: TableLines,
    /// The label of the total.
    pub total: String,
    /// The labels of the parts; a label may match several rows (columns), each added.
    pub parts: Vec<String>,
    /// Groups the identity holds in, each a label put in front of `total` and every
    /// part (行政复议 › 总计 …).
    #[serde(default)]
    pub groups: Vec<String>,
}

/// Two sets of rows (columns) with the same sum (一 + 二 = 三 + 四).
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableBalance {
    /// Rows or columns.
    pub of: TableLines,
    pub left: Vec<String>,
    pub right: Vec<String>,
    /// As for a sum.
    #[serde(default)]
    pub groups: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GenreKind {
    pub name: String,
    #[serde(rename = "match")]
    pub matches: Pattern,
    /// Titles matching this are not of the kind after all (a combined report).
    #[serde(default)]
    pub unless: Option<Pattern>,
}
