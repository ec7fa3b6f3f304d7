//! Regular expressions read from YAML files: as written (plain data, [`Pattern`]) and
//! ready to match ([`Matcher`], [`PatternList`]).
//!
//! A pattern is normalised and its syntax checked when its file is read. Compiling it
//! is a separate step whose moment the loader chooses ([`Compile`]): a user's rule file
//! is compiled at once, so that a pattern over the size limit is an error when the file
//! is read; the built-in pack's patterns are compiled when first used, so that a run
//! pays only for the patterns its reports ask for (about half of start-up otherwise).

use crate::text::literals::Prefilter;
use regex::Regex;
use serde::{Deserialize, Deserializer};
use std::fmt;
use std::sync::OnceLock;

/// Largest compiled size allowed for one pattern from a YAML file.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// When a pattern is compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compile {
    /// Now: every error, the size limit's too, is told now.
    Now,
    /// When first used. A pattern that then fails to compile matches nothing, so the
    /// built-in pack's tests compile every one of its patterns [`Compile::Now`].
    OnFirstUse,
}

/// A regular expression as a YAML file gives it: normalised, its syntax checked.
#[derive(Clone, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct Pattern {
    src: String,
}

impl Pattern {
    /// Normalised and checked for syntax.
    pub fn new(src: &str) -> Result<Pattern, String> {
        let src = normalise_source(src);
        regex_syntax::Parser::new()
            .parse(&src)
            .map_err(|e| regex_error(&src, &e))?;
        Ok(Pattern { src })
    }

    pub fn as_str(&self) -> &str {
        &self.src
    }

    /// Whether the pattern has a group of this name, asked without compiling it.
    pub fn has_group(&self, name: &str) -> bool {
        crate::text::literals::has_group(&self.src, name)
    }

    /// The pattern ready to match, compiled `when` asked.
    pub fn compile(&self, when: Compile) -> Result<Matcher, String> {
        let m = self.on_first_use();
        if when == Compile::Now {
            let re = build(&self.src).map_err(|e| regex_error(&self.src, &e))?;
            m.re.get_or_init(|| re);
        }
        Ok(m)
    }

    /// The pattern ready to match, compiled when first used.
    fn on_first_use(&self) -> Matcher {
        Matcher {
            src: self.src.clone(),
            re: OnceLock::new(),
            pre: OnceLock::new(),
        }
    }
}

/// Each of `patterns` ready to match (see [`Pattern::compile`]).
pub fn compile_all(patterns: &[Pattern], when: Compile) -> Result<Vec<Matcher>, String> {
    patterns.iter().map(|p| p.compile(when)).collect()
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "/{}/", self.src)
    }
}

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Pattern::new(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Pattern {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Pattern".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A regular expression (Rust regex syntax); text is matched in its normalised form, where full-width ASCII marks are half-width."
        })
    }
}

/// A pattern as the normalised text needs it. Reports are matched in their normalised
/// form, where （，：are ( , : — so a pattern written with full-width marks is
/// normalised the same way, each mark escaped where the ASCII form means something to
/// the regex.
fn normalise_source(src: &str) -> String {
    src.chars()
        .flat_map(|c| {
            let n = crate::text::source::normalise_char(c);
            let escape = n != c && n.is_ascii_punctuation() && "\\.+*?()|[]{}^$#&-~".contains(n);
            escape.then_some('\\').into_iter().chain([n])
        })
        .collect()
}

/// The last line of a regex error, which says what is wrong.
fn regex_error(src: &str, e: &dyn fmt::Display) -> String {
    let why = e.to_string();
    let why = why
        .lines()
        .last()
        .unwrap_or("")
        .trim_start_matches("error: ");
    format!("正则表达式无效 “{src}”:{why}")
}

/// A regex of a YAML file, within the size limit.
pub fn build(src: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(src)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
}

/// A pattern ready to match: compiled, or compiled when first used.
pub struct Matcher {
    src: String,
    re: OnceLock<Regex>,
    /// The literals its every match holds (made on first use; None when it has none).
    pre: OnceLock<Option<Prefilter>>,
}

impl Matcher {
    /// The compiled regex. One compiled on first use that does not compile (which the
    /// pack's tests rule out for the built-in ones) matches nothing.
    pub fn re(&self) -> &Regex {
        // An empty class matches no text.
        let nothing = || Regex::new(r"[^\s\S]").expect("an empty class compiles");
        self.re
            .get_or_init(|| build(&self.src).unwrap_or_else(|_| nothing()))
    }

    /// False only when the pattern cannot match `s` or any part of it: `s` lacks the
    /// literals its every match holds (see [`Prefilter`]). Cheaper than a search where
    /// most texts lack them; the pattern is not compiled to ask.
    pub fn may_match(&self, s: &str) -> bool {
        self.pre
            .get_or_init(|| Prefilter::new([self.src.as_str()]))
            .as_ref()
            .is_none_or(|p| p.may_match(s))
    }

    pub fn as_str(&self) -> &str {
        &self.src
    }
}

impl fmt::Debug for Matcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "/{}/", self.src)
    }
}

/// A list of patterns asked one question: does any of them match, and where first.
/// The list is compiled into one alternation, so that a text is scanned once; the items
/// are compiled one by one only when they cannot be joined (patterns that share a group
/// name, or an alternation over the size limit) or are asked one by one. Everything is
/// compiled on first use: a list a run never needs costs nothing.
#[derive(Debug, Default)]
pub struct PatternList {
    /// Each pattern on its own (compiled on first use).
    items: Vec<Matcher>,
    /// The alternation of all of them (None when they cannot be joined).
    any: OnceLock<Option<Regex>>,
    /// The literals every match of any of them needs, when each pattern has some.
    pre: OnceLock<Option<Prefilter>>,
}

impl PatternList {
    pub fn new(patterns: &[Pattern]) -> PatternList {
        PatternList {
            items: patterns.iter().map(Pattern::on_first_use).collect(),
            ..PatternList::default()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The patterns' sources (normalised).
    pub fn sources(&self) -> impl Iterator<Item = &str> {
        self.items.iter().map(Matcher::as_str)
    }

    fn any(&self) -> Option<&Regex> {
        self.any
            .get_or_init(|| {
                let joined: Vec<String> = self.sources().map(|p| format!("(?:{p})")).collect();
                (!self.items.is_empty())
                    .then(|| build(&joined.join("|")).ok())
                    .flatten()
            })
            .as_ref()
    }

    /// False only when no pattern can match `s` or any part of it (a cheap test of the
    /// literals the patterns need). Worth asking of a long text (a line, a block) before
    /// its parts are matched one by one; [`PatternList::find`] and
    /// [`PatternList::is_match`] do not ask it themselves.
    pub fn may_match(&self, s: &str) -> bool {
        !self.items.is_empty()
            && self
                .pre
                .get_or_init(|| Prefilter::new(self.sources()))
                .as_ref()
                .is_none_or(|p| p.may_match(s))
    }

    /// Every non-empty match of each pattern, pattern by pattern (a pattern is compiled
    /// only when the literals it needs are in `s`).
    pub fn each_match(&self, s: &str) -> Vec<std::ops::Range<usize>> {
        let asked = self.items.iter().filter(|p| p.may_match(s));
        let matches = asked.flat_map(|p| p.re().find_iter(s).filter(|m| !m.is_empty()));
        matches.map(|m| m.range()).collect()
    }

    /// The leftmost match of any pattern.
    pub fn find<'t>(&self, s: &'t str) -> Option<regex::Match<'t>> {
        match self.any() {
            Some(r) => r.find(s),
            None => self
                .items
                .iter()
                .filter_map(|p| p.re().find(s))
                .min_by_key(|m| m.start()),
        }
    }

    pub fn is_match(&self, s: &str) -> bool {
        match self.any() {
            Some(r) => r.is_match(s),
            None => self.items.iter().any(|p| p.re().is_match(s)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::yaml::from_str;
    use crate::pack::yaml::tests::T;

    #[test]
    fn syntax_is_checked_when_read_and_size_when_compiled_now() {
        let e = from_str::<T>("x.yaml", "a: 1\np: '(('\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 4), "{e}");
        assert!(e.message.contains("正则"), "{e}");
        // Valid syntax, over the size limit once compiled.
        let huge = from_str::<T>("x.yaml", "a: 1\np: '(\\w{100}){100}'\n")
            .unwrap()
            .p
            .unwrap();
        let e = huge.compile(Compile::Now).unwrap_err();
        assert!(
            e.contains("正则表达式无效") && e.contains("size limit"),
            "{e}"
        );
        let later = huge.compile(Compile::OnFirstUse).unwrap();
        assert!(later.re.get().is_none(), "not compiled yet");
        assert!(!later.re().is_match("abc") && !later.re().is_match(""));
    }

    #[test]
    fn compiled_now_or_later_a_pattern_matches_alike() {
        // Full-width marks and all.
        let p = Pattern::new("(?P<year>\\d{4})年(?:（[一二]）)?").unwrap();
        assert_eq!(p.as_str(), "(?P<year>\\d{4})年(?:\\([一二]\\))?");
        let (now, later) = (
            p.compile(Compile::Now).unwrap(),
            p.compile(Compile::OnFirstUse).unwrap(),
        );
        assert!(now.re.get().is_some() && later.re.get().is_none());
        for text in ["2024年(一)", "二〇二四年", "2025年（二）"] {
            assert_eq!(
                later.re().find(text).map(|m| m.range()),
                now.re().find(text).map(|m| m.range()),
                "{text}"
            );
        }
    }

    #[test]
    fn a_group_is_found_by_name_without_compiling() {
        for (src, year) in [
            ("(?P<year>\\d{4})年", true),
            ("(?<year>\\d{4})年", true),
            ("a|(b(?:c(?P<year>d))*)", true),
            ("(?P<years>\\d{4})年", false),
            ("(\\d{4})年", false),
            ("year", false),
        ] {
            let p = Pattern::new(src).unwrap();
            assert_eq!(p.has_group("year"), year, "{src}");
            let compiled = p.compile(Compile::Now).unwrap();
            let named = compiled.re().capture_names().any(|n| n == Some("year"));
            assert_eq!(named, year, "{src}");
        }
    }
}
