//! Reading fzlint's YAML files (rules, the pack vocabulary) with positions in errors.
//!
//! serde-saphyr is used rather than serde_yaml: serde_yaml is deprecated upstream,
//! while serde-saphyr is maintained, does not panic on malformed input, enforces
//! budgets against alias bombs and reports the line and column of every error.

use crate::text::literals::Prefilter;
use regex::Regex;
use serde::{Deserialize, Deserializer};
use std::fmt;
use std::sync::OnceLock;

/// A YAML file could not be read: where and why.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct YamlError {
    pub path: String,
    /// 1-based; 0 when unknown.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    pub message: String,
    /// The whole file, so the error can be rendered like a diagnostic.
    pub text: String,
    /// The file is a config file (`.fzlint.yaml` or one it extends), not a rule file.
    pub config: bool,
}

impl YamlError {
    pub fn new(path: &str, text: &str, line: usize, column: usize, message: String) -> YamlError {
        YamlError {
            path: path.to_string(),
            line,
            column,
            message,
            text: text.to_string(),
            config: false,
        }
    }

    /// The same error, about a config file.
    pub fn in_config(self) -> YamlError {
        YamlError {
            config: true,
            ..self
        }
    }
}

/// Largest compiled size allowed for one pattern from a YAML file.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

thread_local! {
    /// Patterns read on this thread are only checked for syntax (see [`from_builtin_str`]).
    static DEFER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Deserialise a file of the built-in pack: its patterns ([`Pattern`]) are checked for
/// syntax now and compiled when first used, so that a run pays only for the patterns
/// its reports ask for. The pack's tests read every built-in file with [`from_str`],
/// which compiles them all, so none can fail later.
pub fn from_builtin_str<T: for<'de> Deserialize<'de>>(
    path: &str,
    text: &str,
) -> Result<T, YamlError> {
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            DEFER.set(self.0);
        }
    }
    let _reset = Reset(DEFER.replace(true));
    from_str(path, text)
}

/// Deserialise `text` (the contents of `path`). Its patterns are compiled now, so a
/// pattern over the size limit is an error here, at its place in the file.
pub fn from_str<T: for<'de> Deserialize<'de>>(path: &str, text: &str) -> Result<T, YamlError> {
    serde_saphyr::from_str::<T>(text).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line() as usize, l.column() as usize))
            .unwrap_or((0, 0));
        let message = first_line(&e.without_snippet().to_string());
        let (line, column) = refine(text, line, column, &message);
        YamlError::new(path, text, line, column, message)
    })
}

/// serde reports errors inside a tagged enum (a rule's `check:`) at the enum's start,
/// because it buffers the map. When the message names the offending key or value,
/// point at its first appearance from there on instead.
pub(crate) fn refine(text: &str, line: usize, column: usize, message: &str) -> (usize, usize) {
    // A value quoted in the message (正则表达式无效 “…”), else a `name` as a key, else as
    // a value (an unknown variant such as a misspelt part name).
    let quoted = message
        .split_once('“')
        .and_then(|x| x.1.split_once('”'))
        .map(|x| x.0.to_string());
    let ticked = message.split('`').nth(1).map(str::to_string);
    let mut tries: Vec<(String, bool)> = Vec::new();
    if let Some(q) = quoted {
        tries.push((q, false));
    }
    if let Some(t) = ticked {
        tries.push((format!("{t}:"), true));
        tries.push((t, false));
    }
    for (needle, key_only) in tries.iter().filter(|(n, _)| !n.trim().is_empty()) {
        for (i, l) in text.lines().enumerate().skip(line.saturating_sub(1)) {
            let Some(at) = l.find(needle.as_str()) else {
                continue;
            };
            let before = l[..at].trim_end();
            if *key_only && !before.is_empty() && !before.ends_with('-') {
                continue;
            }
            if !*key_only
                && needle
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                // A bare word must stand as a value, not inside another word.
                let after = l[at + needle.len()..].chars().next();
                let prev = l[..at].chars().next_back();
                let edge = |c: Option<char>| {
                    c.is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                };
                if !edge(prev) || !edge(after) {
                    continue;
                }
            }
            let quoted = l[..at].ends_with(['\'', '"']);
            return (i + 1, l[..at].chars().count() + 1 - usize::from(quoted));
        }
    }
    (line, column)
}

fn first_line(s: &str) -> String {
    let s = s.lines().find(|l| !l.trim().is_empty()).unwrap_or(s).trim();
    // serde-saphyr appends " at line L column C"; the position is reported separately.
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s.to_string(),
    }
}

/// A regular expression read from YAML, in its normalised form. Compiled when read,
/// or, for the built-in pack, when first used (see [`from_builtin_str`]).
#[derive(Clone)]
pub struct Pattern {
    src: String,
    re: OnceLock<Regex>,
    /// The literals its every match holds (made on first use; None when it has none).
    pre: OnceLock<Option<Prefilter>>,
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
        .trim_start_matches("error: ")
        .to_string();
    format!("正则表达式无效 “{src}”:{why}")
}

fn build(src: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(src)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
}

impl Pattern {
    /// Normalised and compiled now: every error, the size limit's too, is told here.
    pub fn compile(src: &str) -> Result<Pattern, String> {
        let src = normalise_source(src);
        let re = build(&src).map_err(|e| regex_error(&src, &e))?;
        Ok(Pattern {
            src,
            re: OnceLock::from(re),
            pre: OnceLock::new(),
        })
    }

    /// Normalised and checked for syntax now, compiled on first use.
    fn deferred(src: &str) -> Result<Pattern, String> {
        let src = normalise_source(src);
        check_syntax(&src)?;
        Ok(Pattern {
            src,
            re: OnceLock::new(),
            pre: OnceLock::new(),
        })
    }

    /// The compiled regex. A deferred pattern that does not compile (which the pack's
    /// tests rule out for the built-in ones) matches nothing.
    pub fn re(&self) -> &Regex {
        self.re
            .get_or_init(|| build(&self.src).unwrap_or_else(|_| matches_nothing()))
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

    /// Whether the pattern has a group of this name, asked without compiling it.
    pub fn has_group(&self, name: &str) -> bool {
        if let Some(re) = self.re.get() {
            return re.capture_names().any(|n| n == Some(name));
        }
        crate::text::literals::has_group(&self.src, name)
    }

    pub fn as_str(&self) -> &str {
        &self.src
    }
}

/// A regex that matches no text: an empty class.
fn matches_nothing() -> Regex {
    Regex::new(r"[^\s\S]").expect("an empty class compiles")
}

/// A syntax error in `src` (normalised), as [`regex_error`] words it.
fn check_syntax(src: &str) -> Result<(), String> {
    regex_syntax::Parser::new()
        .parse(src)
        .map(drop)
        .map_err(|e| regex_error(src, &e))
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "/{}/", self.src)
    }
}

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if DEFER.get() {
            Pattern::deferred(&s)
        } else {
            Pattern::compile(&s)
        }
        .map_err(serde::de::Error::custom)
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

impl serde::Serialize for Pattern {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.src)
    }
}

/// A list of patterns asked one question: does any of them match, and where first.
/// The list is compiled into one alternation, so that a text is scanned once; the items
/// are only checked for syntax when read, and compiled one by one only when they cannot
/// be joined (patterns that share a group name, or an alternation over the size limit)
/// or are asked one by one. Everything is compiled on first use: a list a run never
/// needs costs nothing.
#[derive(Debug, Default, Clone)]
pub struct PatternList {
    /// Each pattern on its own (checked for syntax, compiled on first use).
    items: Vec<Pattern>,
    /// The alternation of all of them (None when they cannot be joined).
    any: OnceLock<Option<Regex>>,
    /// The literals every match of any of them needs, when each pattern has some.
    pre: OnceLock<Option<Prefilter>>,
}

impl PatternList {
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many of the list's patterns compile on their own (all of them, for a list
    /// that loaded: checked by the pack's tests, since items are only syntax-checked).
    pub fn compiled(&self) -> (usize, usize) {
        let ok = self.sources().filter(|s| build(s).is_ok()).count();
        (ok, self.items.len())
    }

    /// The patterns' sources (normalised).
    pub fn sources(&self) -> impl Iterator<Item = &str> {
        self.items.iter().map(Pattern::as_str)
    }

    fn any(&self) -> Option<&Regex> {
        self.any
            .get_or_init(|| {
                let joined = self
                    .sources()
                    .map(|p| format!("(?:{p})"))
                    .collect::<Vec<_>>()
                    .join("|");
                (!self.items.is_empty())
                    .then(|| build(&joined).ok())
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
        let mut out = Vec::new();
        for p in self.items.iter().filter(|p| p.may_match(s)) {
            out.extend(
                p.re()
                    .find_iter(s)
                    .filter(|m| !m.is_empty())
                    .map(|m| m.range()),
            );
        }
        out
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

/// One pattern of a list: normalised and checked for syntax, not compiled.
struct Deferred(Pattern);

impl<'de> Deserialize<'de> for Deferred {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Pattern::deferred(&String::deserialize(d)?)
            .map(Deferred)
            .map_err(serde::de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for PatternList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let items = Vec::<Deferred>::deserialize(d)?;
        Ok(PatternList {
            items: items.into_iter().map(|p| p.0).collect(),
            ..PatternList::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        a: u32,
        p: Option<Pattern>,
    }

    #[test]
    fn errors_carry_line_and_column() {
        let e = from_str::<T>("x.yaml", "a: 1\nb: 2\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.message.contains('b'), "{e}");
        let e = from_str::<T>("x.yaml", "a: 1\np: '(('\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 4), "{e}");
        assert!(e.message.contains("正则"), "{e}");
        let e = from_str::<T>("x.yaml", "a: [1\n").unwrap_err();
        assert!(e.line >= 1, "{e}");
    }

    #[test]
    fn builtin_files_defer_compiling_and_others_do_not() {
        // Valid syntax, over the size limit once compiled.
        let huge = "a: 1\np: '(\\w{100}){100}'\n";
        let e = from_str::<T>("x.yaml", huge).unwrap_err();
        assert_eq!((e.line, e.column), (2, 4), "{e}");
        assert!(e.message.contains("正则"), "{e}");
        let t = from_builtin_str::<T>("x.yaml", huge).unwrap();
        let p = t.p.unwrap();
        assert!(p.re.get().is_none(), "not compiled when read");
        assert!(!p.re().is_match("abc") && !p.re().is_match(""));
        // A syntax error is still told when read.
        let e = from_builtin_str::<T>("x.yaml", "a: 1\np: '(('\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 4), "{e}");
        // The thread reads eagerly again afterwards, after an error too.
        assert!(from_str::<T>("x.yaml", huge).is_err());
        // A deferred pattern matches as the compiled one does, full-width marks and all.
        let src = "(?P<year>\\d{4})年(?:（[一二]）)?";
        let d = from_builtin_str::<T>("x.yaml", &format!("a: 1\np: '{src}'\n"))
            .unwrap()
            .p
            .unwrap();
        let c = Pattern::compile(src).unwrap();
        assert_eq!(d.as_str(), c.as_str());
        for text in ["2024年(一)", "二〇二四年", "2025年（二）"] {
            assert_eq!(
                d.re().find(text).map(|m| m.range()),
                c.re().find(text).map(|m| m.range()),
                "{text}"
            );
        }
    }

    #[test]
    fn a_group_is_found_by_name_compiled_or_not() {
        for (src, year) in [
            ("(?P<year>\\d{4})年", true),
            ("(?<year>\\d{4})年", true),
            ("a|(b(?:c(?P<year>d))*)", true),
            ("(?P<years>\\d{4})年", false),
            ("(\\d{4})年", false),
            ("year", false),
        ] {
            let text = format!("a: 1\np: '{src}'\n");
            let deferred = from_builtin_str::<T>("x.yaml", &text).unwrap().p.unwrap();
            let compiled = from_str::<T>("x.yaml", &text).unwrap().p.unwrap();
            assert_eq!(deferred.has_group("year"), year, "{src}");
            assert!(deferred.re.get().is_none(), "asked without compiling");
            assert_eq!(compiled.has_group("year"), year, "{src}");
        }
    }
}
