//! Literals a pattern's every match must contain, and a prefilter made of them.
//!
//! A pattern such as `(主要|根本)原因(是|在于)` can only match text containing 原因.
//! Looking for a few literals with one Aho-Corasick automaton (vectorised, several GB/s)
//! costs much less than running the patterns' own automata over text where they cannot
//! match, which is most of a report. The prefilter is exact in one direction: when it
//! finds none of its literals, no pattern matches, in that text or in any part of it.
//! When it finds one, the patterns are asked as before.

use aho_corasick::AhoCorasick;
use regex_syntax::hir::{Class, Hir, HirKind};

/// Most literals one pattern's set may hold before it is worth nothing as a filter.
const MAX_SET: usize = 64;
/// Most characters of a character class taken as literals of their own.
const MAX_CLASS: usize = 16;

/// A set of literals of which every match of `hir` contains at least one; None when no
/// such set was found (the pattern can match empty text, or only a large class).
pub fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let set = match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => return None,
        HirKind::Literal(l) => vec![l.0.to_vec()],
        HirKind::Class(Class::Unicode(c)) => class_members(
            c.ranges()
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .map(|ch| ch.to_string().into_bytes()),
        )?,
        HirKind::Class(Class::Bytes(c)) => class_members(
            c.ranges()
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .map(|b| vec![b]),
        )?,
        // A match of the repetition holds at least one match of what it repeats.
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub)?,
        HirKind::Repetition(_) => return None,
        HirKind::Capture(c) => required(&c.sub)?,
        // A match of a sequence holds a match of each part: the most selective part's
        // set serves.
        HirKind::Concat(parts) => parts
            .iter()
            .filter_map(required)
            .max_by_key(|s| quality(s))?,
        // A match of an alternation is a match of one branch: every branch needs a set.
        HirKind::Alternation(branches) => {
            let sets: Option<Vec<_>> = branches.iter().map(required).collect();
            let mut out = sets?.concat();
            out.sort();
            out.dedup();
            out
        }
    };
    (set.len() <= MAX_SET && set.iter().all(|l| !l.is_empty())).then_some(set)
}

/// A character class's members as literals, or None for a class of more than
/// [`MAX_CLASS`] members.
fn class_members(members: impl Iterator<Item = Vec<u8>>) -> Option<Vec<Vec<u8>>> {
    let out: Vec<_> = members.take(MAX_CLASS + 1).collect();
    (out.len() <= MAX_CLASS).then_some(out)
}

/// How well a set filters: longer shortest literal first (up to two Han characters),
/// then fewer literals.
fn quality(set: &[Vec<u8>]) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = set.iter().map(Vec::len).min().unwrap_or(0);
    (shortest.min(6), std::cmp::Reverse(set.len()))
}

/// The union of the required literals of patterns (regex sources as the regex crate
/// reads them, default flags), or None when one of them has none.
pub fn of_patterns<'a>(sources: impl IntoIterator<Item = &'a str>) -> Option<Vec<Vec<u8>>> {
    let mut all = Vec::new();
    for s in sources {
        let hir = regex_syntax::parse(s).ok()?;
        all.extend(required(&hir)?);
    }
    all.sort();
    all.dedup();
    Some(all)
}

/// Most strings an exact set ([`exact`]) may hold.
const MAX_EXACT: usize = 256;

/// The strings a pattern matches, when they are few and nothing else about the text
/// matters (no anchors or word boundaries): then the pattern matches a text exactly when
/// the text contains one of them. None otherwise.
pub fn exact(source: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::parse(source).ok()?;
    if !hir.properties().look_set().is_empty() {
        return None;
    }
    let seq = regex_syntax::hir::literal::Extractor::new().extract(&hir);
    let literals = seq.literals()?;
    let usable = seq.is_exact()
        && !literals.is_empty()
        && literals.len() <= MAX_EXACT
        && literals.iter().all(|l| !l.is_empty());
    usable.then(|| literals.iter().map(|l| l.as_bytes().to_vec()).collect())
}

/// The literals of a list of patterns, asked together.
#[derive(Debug, Clone)]
pub enum Prefilter {
    /// One literal: a substring search (memchr's memmem) asks it with less set-up per
    /// text than an automaton.
    One(Box<memchr::memmem::Finder<'static>>),
    Many(AhoCorasick),
}

impl Prefilter {
    /// A prefilter for patterns (regex sources as the regex crate reads them, default
    /// flags), or None when one of them has no set of required literals.
    pub fn new<'a>(sources: impl IntoIterator<Item = &'a str>) -> Option<Prefilter> {
        let all = of_patterns(sources)?;
        match all.as_slice() {
            [] => None,
            [one] => Some(Prefilter::One(Box::new(
                memchr::memmem::Finder::new(one).into_owned(),
            ))),
            // Leftmost matching lets the automaton use its vectorised searchers.
            _ => AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(&all)
                .ok()
                .map(Prefilter::Many),
        }
    }

    /// False only when no pattern can match `s` or any part of it.
    pub fn may_match(&self, s: &str) -> bool {
        match self {
            Prefilter::One(f) => f.find(s.as_bytes()).is_some(),
            Prefilter::Many(ac) => ac.is_match(s),
        }
    }
}

/// Whether `pattern` has a group called `name` (false when it does not parse).
pub fn has_group(pattern: &str, name: &str) -> bool {
    fn has(h: &Hir, name: &str) -> bool {
        match h.kind() {
            HirKind::Capture(c) => c.name.as_deref() == Some(name) || has(&c.sub, name),
            HirKind::Repetition(r) => has(&r.sub, name),
            HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(|s| has(s, name)),
            HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => false,
        }
    }
    regex_syntax::parse(pattern).is_ok_and(|h| has(&h, name))
}

/// Whether every match of `pattern` has the group called `name` take part (false when
/// that is not sure: the group sits in an optional repetition, in only some branches of
/// an alternation, or the pattern does not parse).
pub fn group_always_matches(pattern: &str, name: &str) -> bool {
    fn always(h: &Hir, name: &str) -> bool {
        match h.kind() {
            HirKind::Capture(c) => c.name.as_deref() == Some(name) || always(&c.sub, name),
            HirKind::Concat(subs) => subs.iter().any(|s| always(s, name)),
            HirKind::Alternation(subs) => subs.iter().all(|s| always(s, name)),
            HirKind::Repetition(r) => r.min >= 1 && always(&r.sub, name),
            _ => false,
        }
    }
    regex_syntax::parse(pattern).is_ok_and(|hir| always(&hir, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A set of literals as sorted strings.
    fn strings(set: Option<Vec<Vec<u8>>>) -> Option<Vec<String>> {
        let mut v: Vec<String> = set?
            .into_iter()
            .map(|l| String::from_utf8(l).unwrap())
            .collect();
        v.sort();
        Some(v)
    }

    fn set(p: &str) -> Option<Vec<String>> {
        strings(required(&regex_syntax::parse(p).unwrap()))
    }

    #[test]
    fn sets_come_from_the_most_selective_part() {
        assert_eq!(set("(主要|根本)原因(是|在于)").unwrap(), ["原因"]);
        assert_eq!(set("究其(原因|根源)").unwrap(), ["究其"]);
        assert_eq!(set("(问题|不足)和").unwrap(), ["不足", "问题"]);
        assert_eq!(set("(^|[^副])(镇|乡)长").unwrap(), ["长"]);
        assert_eq!(set(r"\s*分享到\s*:.*$").unwrap(), ["分享到"]);
        assert_eq!(set("[县区市]委").unwrap(), ["委"]);
        assert_eq!(set("[县区]").unwrap(), ["区", "县"]);
        assert_eq!(set("a+b?").unwrap(), ["a"]);
    }

    #[test]
    fn patterns_that_can_match_without_a_literal_have_none() {
        for p in [r"\d+", "(原因)?", "^", "", r"\w", "原因|.", "[^副]"] {
            assert_eq!(set(p), None, "{p}");
        }
        assert!(Prefilter::new(["原因", r"\d+"]).is_none());
    }

    #[test]
    fn the_prefilter_never_turns_away_a_match() {
        let patterns = [
            "(主要|根本|深层次?)原因(是|在于|有)",
            "(党委|[县区市]委)书记",
            r"\s*【\s*(打印本页|关闭窗口)\s*】\s*",
            r"(?i)ABC\d",
        ];
        let pre = Prefilter::new(patterns).unwrap();
        // Each pattern's own prefilter too; one that needs one literal searches for it.
        let own: Vec<Prefilter> = patterns
            .iter()
            .map(|p| Prefilter::new([*p]).unwrap())
            .collect();
        assert!(matches!(own[0], Prefilter::One(_)), "{:?}", own[0]);
        assert!(matches!(own[3], Prefilter::Many(_)), "{:?}", own[3]);
        let texts = [
            "经分析，主要原因是投入不足。",
            "县委书记带头述法",
            "正文【 打印本页 】",
            "编号abc1",
            "没有任何相关内容",
            "原因",
            "",
        ];
        for (p, one) in patterns.iter().zip(&own) {
            let re = regex::Regex::new(p).unwrap();
            for t in texts {
                if re.is_match(t) {
                    assert!(pre.may_match(t), "{p} matches {t}");
                    assert!(one.may_match(t), "{p} alone matches {t}");
                }
            }
        }
        assert!(!pre.may_match("没有任何相关内容"));
        assert!(!own[0].may_match("主要是投入不足") && own[0].may_match("原因"));
    }

    #[test]
    fn a_group_in_every_match_is_known() {
        let cases = [
            (
                r"^(?P<year>\d{4})年(度)?\s*[,]?.{0,40}?(将|要|计划|拟)",
                true,
            ),
            (r"(?:x(?P<year>\d))+y", true),
            (r"(?:年|月)(?P<year>\d{2})", true),
            // A name may not be given twice: the pattern does not parse.
            (r"(?:(?P<year>\d{4})年|(?P<year>\d{2})月)", false),
            (r"^(下一步|下步|今后)\s*[,]", false),
            (r"(?P<year>\d{4})?年", false),
            (r"(?P<year>\d{4})年|明年", false),
            (r"(?:x(?P<year>\d))*y", false),
            (r"(", false),
        ];
        let texts = [
            "2024年将",
            "x1x2y",
            "明年",
            "2025年度,全县要",
            "12月",
            "y",
            "今后,",
            "月12",
        ];
        for (p, want) in cases {
            assert_eq!(group_always_matches(p, "year"), want, "{p}");
            // Where it says so, the group takes part in every match.
            if want && let Ok(re) = regex::Regex::new(p) {
                for t in texts {
                    for c in re.captures_iter(t) {
                        assert!(c.name("year").is_some(), "{p} on {t}");
                    }
                }
            }
        }
    }

    #[test]
    fn exact_sets_are_the_whole_of_what_matches() {
        let show = |p: &str| strings(exact(p));
        assert_eq!(show("原因").unwrap(), ["原因"]);
        assert_eq!(show("不足之处|薄弱环节").unwrap(), ["不足之处", "薄弱环节"]);
        assert_eq!(
            show("存在的?(问题|不足)").unwrap(),
            ["存在不足", "存在的不足", "存在的问题", "存在问题"]
        );
        // Anchors, open repetitions, large classes, empty matches: not a set of strings.
        for p in [
            "^原因",
            "原因$",
            r"\b报告",
            "原.{0,12}因",
            "[0-9]{4}年",
            "原?",
            "a*",
            "(",
        ] {
            assert_eq!(show(p), None, "{p}");
        }
        // Where there is a set, a text matches exactly when it holds one of its strings.
        let texts = [
            "存在的问题及原因",
            "问题",
            "存在问",
            "不足之处",
            "存在不足和薄弱环节",
        ];
        for p in [
            "原因",
            "不足之处|薄弱环节",
            "存在的?(问题|不足)",
            "(主要)?(举措|做法)",
        ] {
            let re = regex::Regex::new(p).unwrap();
            let set = exact(p).unwrap();
            for t in texts {
                let holds = set
                    .iter()
                    .any(|l| t.as_bytes().windows(l.len()).any(|w| w == &l[..]));
                assert_eq!(holds, re.is_match(t), "{p} on {t}");
            }
        }
    }
}
