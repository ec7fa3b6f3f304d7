//! The pack vocabulary (rules/pack.yaml): what page furniture looks like, how a title
//! is recognised, and the patterns that classify text into the report's parts.
//! The parser and the classifier read it; rules may refer to its parts by name.
//!
//! The file is read into plain data ([`VocabFile`]), then made ready to match
//! ([`Vocab`]): its patterns are compiled when first used.

use crate::pack::Part;
use crate::pack::pattern::{Compile, Matcher, Pattern, PatternList, compile_all};
use crate::pack::yaml::{self, YamlError};
use serde::Deserialize;

/// The 法治政府建设年度报告 pack's file.
pub const BUILTIN_PACK: &str = crate::pack::BUILTIN_PACKS[0].2;

/// rules/pack.yaml as written.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VocabFile {
    /// The pack's id (fazhi), for `--pack` and the outputs.
    pub id: String,
    /// The genre of report the pack checks (法治政府建设年度报告).
    pub name: String,
    pub version: String,
    /// A built-in pack whose page furniture, title keywords and publication keys this
    /// one takes where it gives none of its own.
    #[serde(default)]
    pub extends: Option<String>,
    /// Rules of other packs this one runs too, the same files (by id or category).
    #[serde(default)]
    pub include: Vec<Include>,
    #[serde(default)]
    pub furniture: Option<FurnitureFile>,
    #[serde(default)]
    pub title: Option<TitleVocab>,
    /// Metadata keys whose date is the publication date, most trusted first.
    #[serde(default)]
    pub published_keys: Option<Vec<String>>,
    /// The parts, in the order a report gives them (and the outline lists them).
    pub parts: Vec<PartFile>,
    /// The order in which a heading's title is asked which part it names, when it
    /// names more than one (the more specific first); parts not listed come after, in
    /// their order. Without it, the parts' order.
    #[serde(default)]
    pub heading_precedence: Vec<Part>,
    /// When such reports are due (for the `publication-deadline` check and the outline).
    #[serde(default)]
    pub deadline: Option<DeadlineFile>,
    /// What the batch overview (`fzlint report`) shows of the parts: its contents
    /// columns and the parts compared with last year's report. Without it, a column
    /// per part and nothing compared part by part.
    #[serde(default)]
    pub overview: Option<crate::pack::overview::OverviewFile>,
}

/// When a report is due: a month and day of the year after the reported one.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeadlineFile {
    /// 「MM-DD」.
    pub date: String,
    /// Years after the reported year (1: the next year).
    #[serde(default = "one")]
    pub year_offset: i32,
    /// What sets it (a regulation's article), for the message.
    #[serde(default)]
    pub basis: Option<String>,
}

fn one() -> i32 {
    1
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FurnitureFile {
    /// Lines no longer than this may be furniture as a whole.
    pub max_line_chars: usize,
    /// A short line matching one of these is page furniture.
    pub lines: Vec<Pattern>,
    /// Spans matching one of these are furniture inside a longer line.
    pub inline: Vec<Pattern>,
    /// `key:value` page metadata keys (for the publication date).
    pub meta_key: Pattern,
    /// The keys of page metadata. A short line that starts with one (spelled with or
    /// without spaces inside, after a bullet, a bracket or a table bar) followed by a
    /// colon, a closing bracket, a bar or nothing is page metadata.
    #[serde(default)]
    pub meta_keys: Vec<String>,
    /// The words of a page's tool bar (无障碍, 繁体, 登录 …): a short line of three or
    /// more items, two of them holding one of these, is the page's bar.
    #[serde(default)]
    pub widgets: Vec<String>,
    /// The lines of a document's own head above its title in a Word draft or its text
    /// (发文机关标志, 发文字号, 份号, 密级, 紧急程度, 签发人): the document's, never web
    /// page furniture.
    #[serde(default)]
    pub document_head: Vec<Pattern>,
}

/// Rules a pack takes from another pack: those of `rules` (ids) and of `categories`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Include {
    /// The built-in pack they come from (fazhi).
    pub pack: String,
    #[serde(default)]
    pub rules: Vec<String>,
    #[serde(default)]
    pub categories: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TitleVocab {
    /// A head line containing one of these may be the title.
    pub keywords: Vec<String>,
    pub max_chars: usize,
    /// A title matching this (and not `unless`) is a report of this pack's genre: the
    /// pack fzlint chooses for it when nothing names one.
    #[serde(default)]
    pub recognise: Option<Pattern>,
    #[serde(default)]
    pub unless: Option<Pattern>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartFile {
    /// The id rules name the part by (measures, shortcomings …).
    pub id: Part,
    /// The part's name as a drafter knows it (主要举措和成效).
    pub name: String,
    /// The Chinese number of the top-level heading a fixed format gives the part
    /// (一 for 一、总体情况), for a heading of that number whose words match no part.
    #[serde(default)]
    pub number: Option<u32>,
    /// Whether the report must carry the part (the `pack-parts` check).
    #[serde(default)]
    pub required: bool,
    /// A sub-heading inside a section of another part may name this part (the duties
    /// within the measures, the causes within the shortcomings); other parts are named
    /// by a sub-heading only inside a section of their own.
    #[serde(default)]
    pub nests: bool,
    /// A top-level heading of this part ends the headings taken by position.
    #[serde(default)]
    pub ends_position: bool,
    /// A heading whose title matches belongs to this part.
    #[serde(default)]
    pub heading: Vec<Pattern>,
    /// A paragraph whose opening sentence matches holds this part without a heading.
    #[serde(default)]
    pub opening: Vec<Pattern>,
    /// A sentence anywhere in the body matching one of these shows the part.
    #[serde(default)]
    pub sentence: Vec<Pattern>,
    /// For parts shown by two things together (the duties: a principal leader and a
    /// rule-of-law duty): both must match within one sentence.
    #[serde(default)]
    pub who: Vec<Pattern>,
    #[serde(default)]
    pub what: Vec<Pattern>,
    /// A sentence matching one of these speaks of others, not of the report's own unit
    /// (a justice bureau organising other units' leaders' 述法): it does not show the
    /// part by `sentence` or `who` and `what`.
    #[serde(default)]
    pub others: Vec<Pattern>,
    /// Top-level headings that precede those of the parts that `ends_position` and
    /// match no part are this part.
    #[serde(default)]
    pub by_position: bool,
    /// Where such headings stand, in words, for the outline (位于存在的不足和工作安排之前).
    #[serde(default)]
    pub position_note: Option<String>,
    /// A paragraph opening naming a year only counts when the year is the reported
    /// year plus this offset (the plan: 1), or, for a positive offset and a paragraph
    /// after the last heading, up to two years later (a plan with the wrong year is
    /// still the plan).
    #[serde(default)]
    pub opening_year_offset: Option<i32>,
    /// Sentence patterns are only looked for inside this part's text.
    #[serde(default)]
    pub within: Option<Part>,
}

/// The JSON Schema of a pack file (`pack.yaml`).
pub fn schema() -> serde_json::Value {
    let mut s = serde_json::to_value(schemars::schema_for!(VocabFile)).unwrap_or_default();
    s["title"] = serde_json::json!("fzlint pack file (pack.yaml)");
    s
}

/// The vocabulary ready to match (see [`VocabFile`] for what each field is).
#[derive(Debug)]
pub struct Vocab {
    pub id: String,
    pub name: String,
    pub version: String,
    pub furniture: Furniture,
    pub title: TitleVocab,
    /// The title's keywords, in one automaton.
    pub title_words: aho_corasick::AhoCorasick,
    /// `title.recognise` and `title.unless`.
    recognise: Option<Matcher>,
    unless: Option<Matcher>,
    pub published_keys: Vec<String>,
    /// The parts in the pack's order.
    pub parts: Vec<PartDef>,
    /// The parts in the order a heading is asked which it names.
    pub heading_precedence: Vec<Part>,
    pub deadline: Option<DeadlineFile>,
    /// The batch overview's columns and compared parts.
    pub overview: std::sync::Arc<crate::pack::overview::Overview>,
    /// The literals of every part's heading patterns in one automaton, each with the
    /// part it comes from and whether it is all its pattern matches (made on first use;
    /// None when a pattern has no literals).
    heading_literals: std::sync::OnceLock<Option<HeadingIndex>>,
}

/// The heading literals' automaton, and for each literal its part and whether it is all
/// its pattern matches.
type HeadingIndex = (aho_corasick::AhoCorasick, Vec<(Part, bool)>);

#[derive(Debug)]
pub struct Furniture {
    pub max_line_chars: usize,
    pub lines: PatternList,
    pub inline: PatternList,
    pub meta_key: Matcher,
    /// The metadata keys, longest first, with the set of their first characters.
    pub meta_keys: Vec<Vec<char>>,
    pub meta_firsts: Vec<char>,
    /// The tool-bar words, in one automaton.
    pub widgets: aho_corasick::AhoCorasick,
    pub document_head: PatternList,
}

#[derive(Debug)]
pub struct PartDef {
    pub part: Part,
    pub name: String,
    pub number: Option<u32>,
    pub required: bool,
    pub nests: bool,
    pub ends_position: bool,
    pub heading: PatternList,
    pub opening: Vec<Matcher>,
    pub sentence: PatternList,
    pub who: PatternList,
    pub what: PatternList,
    pub others: PatternList,
    pub by_position: bool,
    pub position_note: Option<String>,
    pub opening_year_offset: Option<i32>,
    pub within: Option<Part>,
    /// For each opening pattern, whether every match of it has its `year` group.
    opening_year_always: std::sync::OnceLock<Vec<bool>>,
}

impl PartDef {
    /// Whether every match of opening pattern `i` has a `year` group (made on first use).
    pub fn opening_has_year(&self, i: usize) -> bool {
        self.opening_year_always
            .get_or_init(|| {
                self.opening
                    .iter()
                    .map(|p| crate::text::literals::group_always_matches(p.as_str(), "year"))
                    .collect()
            })
            .get(i)
            .copied()
            .unwrap_or(false)
    }
}

impl Vocab {
    pub fn builtin() -> Vocab {
        Vocab::load("rules/pack.yaml", BUILTIN_PACK).expect("the built-in pack vocabulary is valid")
    }

    /// A pack's vocabulary, its patterns compiled on first use.
    pub fn load(path: &str, text: &str) -> Result<Vocab, YamlError> {
        let file = Vocab::read(path, text)?;
        Vocab::compile(file, Compile::OnFirstUse).map_err(|e| YamlError::new(path, text, 0, 0, e))
    }

    /// A pack file read, with what it takes from the pack it `extends` filled in.
    pub fn read(path: &str, text: &str) -> Result<VocabFile, YamlError> {
        let mut file: VocabFile = yaml::from_str(path, text)?;
        if let Some(base) = file.extends.clone() {
            let Some((base_path, base_text, _)) = crate::pack::builtin(&base) else {
                let at = text.lines().position(|l| l.starts_with("extends:"));
                let msg = format!("extends: 没有名为“{base}”的内置规则包");
                return Err(YamlError::new(path, text, at.map_or(1, |i| i + 1), 1, msg));
            };
            let base: VocabFile = yaml::from_str(base_path, base_text)?;
            file.furniture = file.furniture.or(base.furniture);
            file.title = file.title.or(base.title);
            file.published_keys = file.published_keys.or(base.published_keys);
        }
        let missing = [
            ("furniture", file.furniture.is_none()),
            ("title", file.title.is_none()),
            ("published_keys", file.published_keys.is_none()),
        ];
        if let Some((key, _)) = missing.into_iter().find(|m| m.1) {
            let msg = format!("缺少 {key}（或用 extends 沿用内置规则包的）");
            return Err(YamlError::new(path, text, 1, 1, msg));
        }
        Ok(file)
    }

    /// Whether a text holds what `title.recognise` needs (false when it surely does not
    /// name this pack's genre anywhere; one scan for the pattern's literals).
    pub fn may_recognise(&self, text: &str) -> bool {
        self.recognise.as_ref().is_some_and(|m| m.may_match(text))
    }

    /// Whether a title says the report is of this pack's genre.
    pub fn recognises(&self, title: &str) -> bool {
        self.recognise
            .as_ref()
            .is_some_and(|m| m.re().is_match(title))
            && !self.unless.as_ref().is_some_and(|m| m.re().is_match(title))
    }

    /// The vocabulary of `file`, its patterns compiled `when` asked (its pattern lists
    /// always on first use: see [`PatternList`]).
    pub fn compile(file: VocabFile, when: Compile) -> Result<Vocab, String> {
        let list = |p: &[Pattern]| -> Result<PatternList, String> {
            if when == Compile::Now {
                compile_all(p, when)?;
            }
            Ok(PatternList::new(p))
        };
        let (Some(f), Some(title), Some(published_keys)) =
            (file.furniture, file.title, file.published_keys)
        else {
            return Err("缺少 furniture、title 或 published_keys".to_string());
        };
        let mut parts: Vec<PartDef> = Vec::new();
        for d in file.parts {
            if parts.iter().any(|p| p.part == d.id) {
                return Err(format!("parts: 部分“{}”定义了两次", d.id));
            }
            parts.push(PartDef {
                part: d.id,
                name: d.name,
                number: d.number,
                required: d.required,
                nests: d.nests,
                ends_position: d.ends_position,
                heading: list(&d.heading)?,
                opening: compile_all(&d.opening, when)?,
                sentence: list(&d.sentence)?,
                who: list(&d.who)?,
                what: list(&d.what)?,
                others: list(&d.others)?,
                by_position: d.by_position,
                position_note: d.position_note,
                opening_year_offset: d.opening_year_offset,
                within: d.within,
                opening_year_always: std::sync::OnceLock::new(),
            });
        }
        if let Some(d) = &file.deadline {
            let md: Vec<u32> = d.date.split('-').filter_map(|x| x.parse().ok()).collect();
            if !matches!(md[..], [m, d] if (1..=12).contains(&m) && (1..=31).contains(&d)) {
                return Err(format!(
                    "deadline: 期限 “{}” 应写作 月-日，如 \"01-31\"",
                    d.date
                ));
            }
        }
        let known = |p: &Part| parts.iter().any(|d| d.part == *p);
        let within = parts.iter().filter_map(|d| d.within.as_ref());
        if let Some(p) = file
            .heading_precedence
            .iter()
            .chain(within)
            .find(|&p| !known(p))
        {
            return Err(format!("部分“{p}”在 parts 中没有定义"));
        }
        let mut heading_precedence = file.heading_precedence;
        for d in &parts {
            if !heading_precedence.contains(&d.part) {
                heading_precedence.push(d.part);
            }
        }
        let named: Vec<_> = parts
            .iter()
            .map(|d| (d.part, d.required, d.name.as_str()))
            .collect();
        let mut overview = crate::pack::overview::Overview::new(file.overview, &named)?;
        overview.pack.clone_from(&file.id);
        overview.name.clone_from(&file.name);
        Ok(Vocab {
            id: file.id,
            name: file.name,
            version: file.version,
            furniture: Furniture {
                max_line_chars: f.max_line_chars,
                lines: list(&f.lines)?,
                inline: list(&f.inline)?,
                meta_key: f.meta_key.compile(when)?,
                meta_firsts: {
                    let mut firsts: Vec<char> = f
                        .meta_keys
                        .iter()
                        .filter_map(|k| k.chars().next())
                        .collect();
                    firsts.sort_unstable();
                    firsts.dedup();
                    firsts
                },
                meta_keys: {
                    let mut keys: Vec<Vec<char>> =
                        f.meta_keys.iter().map(|k| k.chars().collect()).collect();
                    keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
                    keys
                },
                widgets: aho_corasick::AhoCorasick::new(&f.widgets)
                    .map_err(|e| format!("furniture.widgets: {e}"))?,
                document_head: list(&f.document_head)?,
            },
            title_words: aho_corasick::AhoCorasick::new(&title.keywords)
                .map_err(|e| format!("title.keywords: {e}"))?,
            recognise: title
                .recognise
                .as_ref()
                .map(|p| p.compile(when))
                .transpose()?,
            unless: title.unless.as_ref().map(|p| p.compile(when)).transpose()?,
            title,
            published_keys,
            parts,
            heading_precedence,
            deadline: file.deadline,
            overview: std::sync::Arc::new(overview),
            heading_literals: std::sync::OnceLock::new(),
        })
    }

    pub fn part(&self, p: Part) -> Option<&PartDef> {
        self.parts.iter().find(|d| d.part == p)
    }

    /// The part's name as a drafter knows it (its id when the pack has no such part).
    pub fn label(&self, p: Part) -> &str {
        self.part(p).map_or(p.id(), |d| d.name.as_str())
    }

    /// The pack's parts, in order.
    pub fn part_ids(&self) -> impl Iterator<Item = Part> + '_ {
        self.parts.iter().map(|d| d.part)
    }

    /// The parts whose heading patterns match a heading's title. One scan for the
    /// literals of all of them tells which parts' patterns are worth asking, and which
    /// parts match without asking: a pattern that matches a few strings and nothing else
    /// ([`crate::text::literals::exact`]) matches wherever one of them is.
    pub fn heading_parts(&self, title: &str) -> Vec<Part> {
        let index = self.heading_literals.get_or_init(|| {
            let mut literals = Vec::new();
            let mut owners = Vec::new();
            for d in &self.parts {
                let p = &d.part;
                for source in d.heading.sources() {
                    let (set, exact) = match crate::text::literals::exact(source) {
                        Some(set) => (set, true),
                        None => (crate::text::literals::of_patterns([source])?, false),
                    };
                    for l in set {
                        literals.push(l);
                        owners.push((*p, exact));
                    }
                }
            }
            let ac = aho_corasick::AhoCorasick::new(&literals).ok()?;
            Some((ac, owners))
        });
        let (mut certain, mut maybe) = (Vec::new(), Vec::new());
        match index {
            Some((ac, owners)) => {
                for m in ac.find_overlapping_iter(title) {
                    match owners[m.pattern().as_usize()] {
                        (p, true) => certain.push(p),
                        (p, false) => maybe.push(p),
                    }
                }
            }
            None => maybe.extend(self.part_ids()),
        }
        maybe.sort();
        maybe.dedup();
        maybe.retain(|p| {
            !certain.contains(p) && self.part(*p).is_some_and(|d| d.heading.is_match(title))
        });
        certain.extend(maybe);
        certain.sort();
        certain.dedup();
        certain
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn heading_parts_are_the_parts_whose_patterns_match() {
        let v = super::Vocab::builtin();
        assert!(v.parts.len() >= 5, "{}", v.parts.len());
        let mut titles: Vec<String> = concat!(
            "存在的问题及下一步打算|主要举措和成效|存在的不足及原因|",
            "党政主要负责人履行推进法治建设第一责任人职责情况|",
            "2025年工作安排|下一步工作计划|其他需要报告的事项|",
            "问题与挑战|原因分析||一|述法"
        )
        .split('|')
        .map(String::from)
        .collect();
        // And every heading of the repo's own reports.
        for dir in ["examples", "tests/fixtures/clean", "tests/fixtures/rules"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                let src = crate::text::source::Source::new("a.txt", &text);
                let r = crate::parse::parse(&src, &v);
                titles.extend(r.headings.iter().map(|h| src.slice(&h.title).to_string()));
            }
        }
        assert!(titles.len() > 200, "{}", titles.len());
        let mut matched = 0;
        for t in &titles {
            let mut expected: Vec<_> = v
                .parts
                .iter()
                .filter(|d| d.heading.is_match(t))
                .map(|d| d.part)
                .collect();
            expected.sort();
            matched += expected.len();
            assert_eq!(v.heading_parts(t), expected, "{t}");
        }
        assert!(matched > 50, "{matched}");
    }

    #[test]
    fn every_pattern_compiles_on_its_own() {
        let file: super::VocabFile =
            crate::pack::yaml::from_str("rules/pack.yaml", super::BUILTIN_PACK).unwrap();
        if let Err(e) = super::Vocab::compile(file, crate::pack::pattern::Compile::Now) {
            panic!("{e}");
        }
    }
}
