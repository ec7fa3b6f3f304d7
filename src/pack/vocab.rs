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
use std::collections::BTreeMap;

pub const BUILTIN_PACK: &str = include_str!("../../rules/pack.yaml");

/// rules/pack.yaml as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VocabFile {
    pub version: String,
    pub furniture: FurnitureFile,
    pub title: TitleVocab,
    /// Metadata keys whose date is the publication date, most trusted first.
    pub published_keys: Vec<String>,
    pub parts: BTreeMap<Part, PartFile>,
}

#[derive(Debug, Deserialize)]
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

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleVocab {
    /// A head line containing one of these may be the title.
    pub keywords: Vec<String>,
    pub max_chars: usize,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PartFile {
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
    /// Headings that precede the shortcomings and plan and match no part are this part.
    #[serde(default)]
    pub by_position: bool,
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

/// The vocabulary ready to match (see [`VocabFile`] for what each field is).
#[derive(Debug)]
pub struct Vocab {
    pub version: String,
    pub furniture: Furniture,
    pub title: TitleVocab,
    /// The title's keywords, in one automaton.
    pub title_words: aho_corasick::AhoCorasick,
    pub published_keys: Vec<String>,
    pub parts: BTreeMap<Part, PartDef>,
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

#[derive(Debug, Default)]
pub struct PartDef {
    pub heading: PatternList,
    pub opening: Vec<Matcher>,
    pub sentence: PatternList,
    pub who: PatternList,
    pub what: PatternList,
    pub others: PatternList,
    pub by_position: bool,
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
        let file: VocabFile = yaml::from_str(path, text)?;
        Vocab::compile(file, Compile::OnFirstUse).map_err(|e| YamlError::new(path, text, 0, 0, e))
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
        let f = file.furniture;
        let mut parts = BTreeMap::new();
        for (part, d) in file.parts {
            let def = PartDef {
                heading: list(&d.heading)?,
                opening: compile_all(&d.opening, when)?,
                sentence: list(&d.sentence)?,
                who: list(&d.who)?,
                what: list(&d.what)?,
                others: list(&d.others)?,
                by_position: d.by_position,
                opening_year_offset: d.opening_year_offset,
                within: d.within,
                opening_year_always: std::sync::OnceLock::new(),
            };
            parts.insert(part, def);
        }
        Ok(Vocab {
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
            title_words: aho_corasick::AhoCorasick::new(&file.title.keywords)
                .map_err(|e| format!("title.keywords: {e}"))?,
            title: file.title,
            published_keys: file.published_keys,
            parts,
            heading_literals: std::sync::OnceLock::new(),
        })
    }

    pub fn part(&self, p: Part) -> Option<&PartDef> {
        self.parts.get(&p)
    }

    /// The parts whose heading patterns match a heading's title. One scan for the
    /// literals of all of them tells which parts' patterns are worth asking, and which
    /// parts match without asking: a pattern that matches a few strings and nothing else
    /// ([`crate::text::literals::exact`]) matches wherever one of them is.
    pub fn heading_parts(&self, title: &str) -> Vec<Part> {
        let index = self.heading_literals.get_or_init(|| {
            let mut literals = Vec::new();
            let mut owners = Vec::new();
            for (p, d) in &self.parts {
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
            None => maybe.extend(self.parts.keys().copied()),
        }
        certain.sort();
        certain.dedup();
        maybe.sort();
        maybe.dedup();
        maybe.retain(|p| {
            !certain.contains(p) && self.parts.get(p).is_some_and(|d| d.heading.is_match(title))
        });
        certain.extend(maybe);
        certain.sort();
        certain
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn builtin_loads() {
        let v = super::Vocab::builtin();
        assert!(v.parts.len() >= 5);
    }

    #[test]
    fn heading_parts_are_the_parts_whose_patterns_match() {
        let v = super::Vocab::builtin();
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
            let expected: Vec<_> = v
                .parts
                .iter()
                .filter(|(_, d)| d.heading.is_match(t))
                .map(|(p, _)| *p)
                .collect();
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
