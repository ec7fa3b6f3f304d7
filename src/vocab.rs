//! The pack vocabulary (rules/pack.yaml): what page furniture looks like, how a title
//! is recognised, and the patterns that classify text into the report's parts.
//! The parser and the classifier read it; rules may refer to its parts by name.

use crate::parse::tree::Part;
use crate::yaml::{self, Pattern, PatternList, YamlError};
use serde::Deserialize;
use std::collections::BTreeMap;

pub const BUILTIN_PACK: &str = include_str!("../rules/pack.yaml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocab {
    pub version: String,
    pub furniture: Furniture,
    pub title: TitleVocab,
    /// Metadata keys whose date is the publication date, most trusted first.
    pub published_keys: Vec<String>,
    pub parts: BTreeMap<Part, PartDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Furniture {
    /// Lines no longer than this may be furniture as a whole.
    pub max_line_chars: usize,
    /// A short line matching one of these is page furniture.
    pub lines: PatternList,
    /// Spans matching one of these are furniture inside a longer line.
    pub inline: PatternList,
    /// `key:value` page metadata keys (for the publication date).
    pub meta_key: Pattern,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleVocab {
    /// A head line containing one of these may be the title.
    pub keywords: Vec<String>,
    pub max_chars: usize,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PartDef {
    /// A heading whose title matches belongs to this part.
    #[serde(default)]
    pub heading: PatternList,
    /// A paragraph whose opening sentence matches holds this part without a heading.
    #[serde(default)]
    pub opening: Vec<Pattern>,
    /// A sentence anywhere in the body matching one of these shows the part.
    #[serde(default)]
    pub sentence: PatternList,
    /// For parts shown by two things together (the duties: a principal leader and a
    /// rule-of-law duty): both must match within one sentence.
    #[serde(default)]
    pub who: PatternList,
    #[serde(default)]
    pub what: PatternList,
    /// Headings that precede the shortcomings and plan and match no part are this part.
    #[serde(default)]
    pub by_position: bool,
    /// A paragraph opening naming a year only counts when the year is the reported
    /// year plus this offset (the plan: 1).
    #[serde(default)]
    pub opening_year_offset: Option<i32>,
    /// Sentence patterns are only looked for inside this part's text.
    #[serde(default)]
    pub within: Option<Part>,
}

impl Vocab {
    pub fn builtin() -> Vocab {
        Vocab::load("rules/pack.yaml", BUILTIN_PACK).expect("the built-in pack vocabulary is valid")
    }

    pub fn load(path: &str, text: &str) -> Result<Vocab, YamlError> {
        yaml::from_str(path, text)
    }

    pub fn part(&self, p: Part) -> Option<&PartDef> {
        self.parts.get(&p)
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
    fn every_pattern_of_every_list_compiles_on_its_own() {
        let v = super::Vocab::builtin();
        let mut lists = vec![("furniture.lines".to_string(), &v.furniture.lines)];
        for (p, d) in &v.parts {
            for (what, l) in [
                ("heading", &d.heading),
                ("sentence", &d.sentence),
                ("who", &d.who),
                ("what", &d.what),
            ] {
                lists.push((format!("parts.{}.{what}", p.name()), l));
            }
        }
        for (name, l) in lists {
            let (ok, all) = l.compiled();
            assert_eq!(ok, all, "{name}: {ok} of {all} compile");
        }
    }
}
