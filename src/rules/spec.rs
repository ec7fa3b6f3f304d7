//! The YAML rule format: one file per rule (rules/<category>/<id>.yaml).

use crate::diagnostic::Severity;
use crate::pack::Part;
use crate::pack::pattern::Pattern;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Stable kebab-case id; never renamed or reused.
    pub id: String,
    /// parts, dates, structure, form or hygiene.
    pub category: String,
    pub severity: Severity,
    /// One line for `fzlint rules`.
    pub summary: String,
    /// The diagnostic's message; `{name}` is replaced by what the check found.
    pub message: String,
    /// Text under the primary caret.
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub help: Option<String>,
    /// Messages for particular findings of the check (for example a first heading
    /// numbered wrongly rather than a gap between two siblings).
    #[serde(default)]
    pub variants: BTreeMap<String, Variant>,
    /// What the rule checks and why.
    pub rationale: String,
    /// The regulation or standard it rests on.
    #[serde(default)]
    pub basis: Option<String>,
    pub check: Check,
    pub examples: Examples,
    /// A retired rule keeps its file and id, and says so here.
    #[serde(default)]
    pub retired: Option<String>,
    /// When this rule fires, these rules are not reported for the file (one defect,
    /// one diagnostic: a report of another genre is not also missing every part).
    #[serde(default)]
    pub suppresses: Vec<String>,
    /// The reported years the rule applies to ("2021-2025", "2026-", "-2020"); it does
    /// not run on reports on other years. Without it, every year.
    #[serde(default)]
    pub years: Option<YearRange>,
    /// A rule still being tried: it runs only when asked for (`--preview`, `preview: true`
    /// in the config, or its id named in `--select` or under `rules:`).
    #[serde(default)]
    pub preview: bool,
}

/// A span of reported years, written "2021-2025" (or with —), "2026-" (from 2026 on),
/// "-2020" (up to 2020) or one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(into = "String")]
pub struct YearRange {
    pub from: Option<i32>,
    pub to: Option<i32>,
}

impl YearRange {
    pub fn contains(&self, year: i32) -> bool {
        self.from.is_none_or(|f| year >= f) && self.to.is_none_or(|t| year <= t)
    }

    /// Whether something limited to these years applies to a report on `year`; when
    /// the year is unknown, it does.
    pub fn applies(&self, year: Option<i32>) -> bool {
        year.is_none_or(|y| self.contains(y))
    }

    pub fn parse(s: &str) -> Option<YearRange> {
        let s = s.trim();
        let year = |t: &str| -> Option<Option<i32>> {
            let t = t.trim().trim_end_matches('年');
            if t.is_empty() {
                return Some(None);
            }
            t.parse::<i32>()
                .ok()
                .filter(|y| (1949..=2200).contains(y))
                .map(Some)
        };
        let r = match s.split_once(['-', '—', '–', '~']) {
            Some((a, b)) => YearRange {
                from: year(a)?,
                to: year(b.trim_start_matches('—'))?,
            },
            None => {
                let y = year(s)??;
                YearRange {
                    from: Some(y),
                    to: Some(y),
                }
            }
        };
        let ordered = match (r.from, r.to) {
            (Some(a), Some(b)) => a <= b,
            (None, None) => false,
            _ => true,
        };
        ordered.then_some(r)
    }
}

impl std::fmt::Display for YearRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.from, self.to) {
            (Some(a), Some(b)) if a == b => write!(f, "{a}年"),
            (Some(a), Some(b)) => write!(f, "{a}—{b}年"),
            (Some(a), None) => write!(f, "{a}年起"),
            (None, Some(b)) => write!(f, "{b}年以前"),
            (None, None) => write!(f, "各年"),
        }
    }
}

impl From<YearRange> for String {
    fn from(r: YearRange) -> String {
        let y = |v: Option<i32>| v.map(|v| v.to_string()).unwrap_or_default();
        if r.from == r.to {
            y(r.from)
        } else {
            format!("{}-{}", y(r.from), y(r.to))
        }
    }
}

impl<'de> Deserialize<'de> for YearRange {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        let text = match &v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => String::new(),
        };
        YearRange::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "年份范围应写成 \"2021-2025\"、\"2026-\" 或 \"-2020\"（1949—2200 年），这里是 {v}"
            ))
        })
    }
}

impl schemars::JsonSchema for YearRange {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "YearRange".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Reported years: \"2021-2025\", \"2026-\" (from 2026 on), \"-2020\" (up to 2020), or one year",
            "anyOf": [
                {"type": "string", "pattern": "^\\s*(\\d{4})?\\s*[-—–~]?\\s*(\\d{4})?\\s*$"},
                {"type": "integer", "minimum": 1949, "maximum": 2200}
            ]
        })
    }
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub message: String,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub help: Option<String>,
}

#[derive(Debug, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub bad: Vec<String>,
    #[serde(default)]
    pub good: Vec<String>,
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

#[derive(Debug, Deserialize, Serialize, schemars::JsonSchema)]
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
}

#[derive(Debug, Deserialize, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Deserialize, Serialize, schemars::JsonSchema)]
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

fn default_deadline() -> String {
    "04-01".to_string()
}
fn one() -> i32 {
    1
}
fn default_trailing() -> String {
    ",、;:".to_string()
}

/// The check a rule runs: one of a small set of kinds implemented in Rust, with
/// its parameters.
#[derive(Debug, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Check {
    /// The part is found nowhere in the report.
    PartMissing {
        part: Part,
        /// Text that is not the part but may be mistaken for it (特建议 for a plan).
        #[serde(default)]
        near_miss: Vec<Pattern>,
    },
    /// The part is found only inside paragraphs, never under a heading of its own.
    PartUnheaded { part: Part },
    /// When `when` is found, `part` must be found too.
    PartRequires { part: Part, when: Part },
    /// The part (with `include`) holds fewer than `min_chars` Han characters.
    PartLength {
        part: Part,
        #[serde(default)]
        include: Vec<Part>,
        min_chars: usize,
    },
    /// Headed parts appear in this order.
    PartOrder { order: Vec<Part> },
    /// The part, where found, mentions none of the patterns (述法 in the duties).
    PartMentions { part: Part, patterns: Vec<Pattern> },
    /// The file holds no report text at all.
    DocumentEmpty {},
    /// No title line before the body.
    TitleMissing {},
    /// The title names no year.
    TitleYear {},
    /// A year given for the reported period differs from the title's.
    YearMismatch {
        /// Patterns with a `year` group, tried on the preamble's sentences.
        preamble: Vec<Pattern>,
        /// Patterns with a `year` group, tried on the titles of measures headings.
        measures_heading: Vec<Pattern>,
    },
    /// The plan names a year other than the reported year plus `offset`.
    PlanYear {
        #[serde(default = "one")]
        offset: i32,
        /// Patterns with a `year` group, tried on plan heading titles.
        heading: Vec<Pattern>,
        /// Patterns with a `year` group, tried on the plan section's first paragraph.
        opening: Vec<Pattern>,
    },
    /// Dates that cannot exist or are garbled.
    DateValid {},
    /// The 成文 date is not written as 2024年2月27日.
    DateFormat {},
    /// The publication date is after the deadline (month-day of reported year + offset).
    PublicationDeadline {
        #[serde(default = "default_deadline")]
        deadline: String,
        #[serde(default = "one")]
        year_offset: i32,
    },
    /// The publication date falls inside the reported year.
    PublicationEarly {},
    /// Sibling headings skip or repeat a number.
    NumberingGap {},
    /// One level mixes marker forms, or uses a nonstandard one.
    NumberingStyle {},
    /// A heading two levels below its parent.
    LevelSkip {},
    /// Space after a heading number; a title-only heading ending in punctuation.
    HeadingPunctuation {
        #[serde(default)]
        flag_full_stop: bool,
        #[serde(default = "default_trailing")]
        trailing: String,
    },
    /// Each match of a pattern in the scope is a finding.
    Patterns {
        scope: Scope,
        patterns: Vec<PatternItem>,
    },
    /// Page furniture pasted into the report.
    Furniture {},
    /// Garbled citations of well-known documents.
    Citation { documents: Vec<CitationDoc> },
    /// A framework document is cited as guidance in a report on a year after its
    /// period (a report on 2026 citing the 纲要 for 2021—2025).
    CitationPeriod { documents: Vec<PeriodDoc> },
    /// Brackets and quotes that open without closing (or close without opening)
    /// within a paragraph. Each pair is two characters, opener then closer.
    Pairs { pairs: Vec<String> },
    /// The document mixes the half- and full-width forms of a mark: the minority
    /// form is reported once per mark. Each form is two characters, half then full.
    WidthMix {
        forms: Vec<String>,
        /// Half-width forms between two digits (1,000 and 16:09) do not count.
        #[serde(default = "yes")]
        skip_between_digits: bool,
    },
    /// A rate that contradicts the counts given in the same sentence.
    Rate {
        /// Percentage points allowed beyond rounding.
        #[serde(default = "half")]
        tolerance: f64,
        /// Verbs whose count is the whole (受理, 收到, 发现 …).
        totals: Vec<String>,
        /// Counting words after a number (件, 个, 次 …).
        units: String,
    },
    /// A title-only heading followed directly by a heading of the same or a higher level.
    EmptySection {},
    /// Two headings at the same level with the same title.
    DuplicateHeading {},
    /// A suppression comment that silenced nothing (the engine finds these).
    UnusedSuppression {},
    /// The document is another kind of report.
    Genre {
        /// Titles of other kinds of reports, each with the name to give it.
        kinds: Vec<GenreKind>,
        /// Text that shows the 法治政府建设 subject.
        subject: Pattern,
        /// Titles that are a report or summary of some kind.
        report_title: Pattern,
    },
}

#[derive(Debug, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GenreKind {
    pub name: String,
    #[serde(rename = "match")]
    pub matches: Pattern,
    /// Titles matching this are not of the kind after all (a combined report).
    #[serde(default)]
    pub unless: Option<Pattern>,
}

fn yes() -> bool {
    true
}
fn half() -> f64 {
    0.5
}

impl Check {
    /// Every check kind's name, for documentation and listings.
    pub const KINDS: &'static [&'static str] = &[
        "part-missing",
        "part-unheaded",
        "part-requires",
        "part-length",
        "part-order",
        "part-mentions",
        "document-empty",
        "title-missing",
        "title-year",
        "year-mismatch",
        "plan-year",
        "date-valid",
        "date-format",
        "publication-deadline",
        "publication-early",
        "numbering-gap",
        "numbering-style",
        "level-skip",
        "heading-punctuation",
        "patterns",
        "furniture",
        "citation",
        "citation-period",
        "pairs",
        "width-mix",
        "rate",
        "empty-section",
        "duplicate-heading",
        "genre",
        "unused-suppression",
    ];
}

/// A user's file that changes a built-in rule without copying it:
/// `override: late-publication`, then `severity:` and `params: {deadline: "03-01"}`.
#[derive(Debug, Clone, Default, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleOverride {
    #[serde(rename = "override")]
    pub target: String,
    #[serde(default)]
    pub severity: Option<Severity>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub help: Option<String>,
    /// Merged into the rule's `check:` (its `kind` cannot change).
    #[serde(default)]
    pub params: serde_json::Map<String, serde_json::Value>,
}

/// A rule file: a rule, or a change to an existing rule. Only used to describe the
/// file format (`fzlint schema rule`); files are read as one or the other.
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum RuleFile {
    Rule(Box<RuleSpec>),
    Override(RuleOverride),
}

/// The JSON Schema of rule files, for editors (shipped as schemas/fzlint-rule.schema.json).
pub fn schema() -> serde_json::Value {
    let mut s = serde_json::to_value(schemars::schema_for!(RuleFile)).unwrap_or_default();
    s["title"] = serde_json::json!("fzlint rule file");
    s
}

impl Check {
    /// The kind's name as written in YAML.
    pub fn kind(&self) -> &'static str {
        match self {
            Check::PartMissing { .. } => "part-missing",
            Check::PartUnheaded { .. } => "part-unheaded",
            Check::PartRequires { .. } => "part-requires",
            Check::PartLength { .. } => "part-length",
            Check::PartOrder { .. } => "part-order",
            Check::PartMentions { .. } => "part-mentions",
            Check::DocumentEmpty {} => "document-empty",
            Check::TitleMissing {} => "title-missing",
            Check::TitleYear {} => "title-year",
            Check::YearMismatch { .. } => "year-mismatch",
            Check::PlanYear { .. } => "plan-year",
            Check::DateValid {} => "date-valid",
            Check::DateFormat {} => "date-format",
            Check::PublicationDeadline { .. } => "publication-deadline",
            Check::PublicationEarly {} => "publication-early",
            Check::NumberingGap {} => "numbering-gap",
            Check::NumberingStyle {} => "numbering-style",
            Check::LevelSkip {} => "level-skip",
            Check::HeadingPunctuation { .. } => "heading-punctuation",
            Check::Patterns { .. } => "patterns",
            Check::Furniture {} => "furniture",
            Check::Citation { .. } => "citation",
            Check::CitationPeriod { .. } => "citation-period",
            Check::Pairs { .. } => "pairs",
            Check::WidthMix { .. } => "width-mix",
            Check::Rate { .. } => "rate",
            Check::EmptySection {} => "empty-section",
            Check::DuplicateHeading {} => "duplicate-heading",
            Check::Genre { .. } => "genre",
            Check::UnusedSuppression {} => "unused-suppression",
        }
    }

    /// The `{name}` values the kind provides to a rule's wording.
    pub fn vars(&self) -> &'static [&'static str] {
        match self {
            Check::PartMissing { .. } => &["part", "found", "line", "at"],
            Check::PartUnheaded { .. } => &["part", "text"],
            Check::PartRequires { .. } => &["part", "when", "text"],
            Check::PartLength { .. } => &["part", "count", "min_chars"],
            Check::PartOrder { .. } => &["part", "after"],
            Check::PartMentions { .. } => &["part", "text"],
            Check::DocumentEmpty {} | Check::TitleMissing {} => &[],
            Check::TitleYear {} => &["year"],
            Check::YearMismatch { .. } => &["year", "title_year"],
            Check::PlanYear { .. } => &["year", "expected", "reported"],
            Check::DateValid {} => &["date", "problem"],
            Check::DateFormat {} => &["date", "expected"],
            Check::PublicationDeadline { .. } => &["date", "deadline", "source", "year"],
            Check::PublicationEarly {} => &["date", "source", "year"],
            Check::NumberingGap {} => &["level", "prev", "expected", "found", "line", "at"],
            Check::NumberingStyle {} => &["level", "found", "expected", "count", "major"],
            Check::LevelSkip {} => &["marker", "parent", "missing"],
            Check::HeadingPunctuation { .. } => &["marker", "mark"],
            Check::Patterns { .. } => &["text", "label"],
            Check::Furniture {} => &["text", "lines"],
            Check::Citation { .. } => &["found", "canonical"],
            Check::CitationPeriod { .. } => &["found", "name", "period", "year"],
            Check::Pairs { .. } => &["mark", "partner"],
            Check::WidthMix { .. } => &["found", "count", "major", "major_count"],
            Check::Rate { .. } => &["rate", "actual", "num", "den"],
            Check::EmptySection {} => &["title"],
            Check::DuplicateHeading {} => &["title", "line", "at"],
            Check::Genre { .. } => &["kind"],
            Check::UnusedSuppression {} => &["text"],
        }
    }

    /// The names of the findings a rule may word differently under `variants:`.
    pub fn variants(&self) -> &'static [&'static str] {
        match self {
            Check::PartMissing { .. } => &["near_miss"],
            Check::NumberingGap {} => &["gap", "lost", "repeat", "first"],
            Check::NumberingStyle {} => &["nonstandard"],
            Check::HeadingPunctuation { .. } => &["space"],
            Check::Pairs { .. } => &["opener", "closer"],
            _ => &[],
        }
    }

    /// Parameter values the types accept but the check could not use: (key, problem).
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let needs_year =
            |key: &'static str, pats: &[Pattern], out: &mut Vec<(&'static str, String)>| {
                for p in pats {
                    if !p.has_group("year") {
                        out.push((
                            key,
                            format!("模式 “{}” 缺少名为 year 的分组 (?P<year>…)", p.as_str()),
                        ));
                    }
                }
            };
        let two_chars =
            |key: &'static str, list: &[String], out: &mut Vec<(&'static str, String)>| {
                for s in list {
                    if s.chars().count() != 2 {
                        out.push((key, format!("“{s}” 应为两个字符（前一个和后一个）")));
                    }
                }
            };
        match self {
            Check::PublicationDeadline { deadline, .. } => {
                let ok = deadline
                    .split_once('-')
                    .and_then(|(m, d)| Some((m.parse::<u32>().ok()?, d.parse::<u32>().ok()?)))
                    .is_some_and(|(m, d)| (1..=12).contains(&m) && (1..=31).contains(&d));
                if !ok {
                    out.push((
                        "deadline",
                        format!("期限 “{deadline}” 应写作 月-日，如 \"04-01\""),
                    ));
                }
            }
            Check::YearMismatch {
                preamble,
                measures_heading,
            } => {
                needs_year("preamble", preamble, &mut out);
                needs_year("measures_heading", measures_heading, &mut out);
            }
            Check::PlanYear {
                heading, opening, ..
            } => {
                needs_year("heading", heading, &mut out);
                needs_year("opening", opening, &mut out);
            }
            Check::Pairs { pairs } => two_chars("pairs", pairs, &mut out),
            Check::WidthMix { forms, .. } => two_chars("forms", forms, &mut out),
            Check::Rate {
                units,
                totals,
                tolerance,
            } => {
                if units.is_empty() || totals.is_empty() || totals.iter().any(|t| t.is_empty()) {
                    out.push((
                        "totals",
                        "units 和 totals 都不能为空，totals 中也不能有空字符串".to_string(),
                    ));
                }
                if !tolerance.is_finite() || *tolerance < 0.0 {
                    out.push((
                        "tolerance",
                        format!("tolerance 应为不小于 0 的数，这里是 {tolerance}"),
                    ));
                }
            }
            _ => {}
        }
        out
    }
}
