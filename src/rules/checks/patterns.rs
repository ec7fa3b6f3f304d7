//! `patterns`: each match of a pattern in the scope is a finding.

use super::{Ctx, Finding, Sink};
use crate::pack::pattern::{Compile, Matcher, Pattern, build};
use crate::rules::spec::{PatternItem, Scope};
use crate::text::Span;
use crate::text::chars::SentenceStops;
use regex::Regex;
use std::sync::OnceLock;

/// One item of a pattern list, compiled.
#[derive(Debug)]
struct Item {
    regex: Matcher,
    label: Option<String>,
    unless_before: Option<Matcher>,
    unless_after: Option<Matcher>,
    exclude: Option<Matcher>,
}

/// The patterns check: its items, and what lets it pass over text none of them matches.
#[derive(Debug)]
pub struct Patterns {
    scope: Scope,
    /// Only matches in these parts' text count (all, when empty).
    parts: Vec<crate::pack::Part>,
    items: Vec<Item>,
    /// How many matches the rule wants, at least and at most: without bounds each match
    /// is a finding; with them, too few or too many matches are one.
    counts: (Option<usize>, Option<usize>),
    /// All the patterns as one alternation, to pass over text none of them matches in a
    /// single scan, and the search for the literals its every match starts with.
    joined: OnceLock<(Option<Regex>, Option<Starts>)>,
}

impl Patterns {
    /// The check of `items` in `scope`, counting only matches in the text of `parts`
    /// (all, when empty).
    pub fn new(
        scope: Scope,
        items: &[PatternItem],
        parts: &[crate::pack::Part],
        counts: (Option<usize>, Option<usize>),
        when: Compile,
    ) -> Result<Patterns, String> {
        let compile = |p: &Option<Pattern>| p.as_ref().map(|p| p.compile(when)).transpose();
        let items = items.iter().map(|i| {
            for (key, p) in [
                ("unless_before", &i.unless_before),
                ("unless_after", &i.unless_after),
            ] {
                if let Some(p) = p.as_ref().filter(|p| longer_than_a_character(p)) {
                    return Err(format!(
                        "{key} 只与紧挨着的一个字符比较，“{}” 至少要两个字符，永远不会成立：\
                         要排除一句话中的上下文，请用 exclude",
                        p.as_str()
                    ));
                }
            }
            Ok(Item {
                regex: i.regex.compile(when)?,
                label: i.label.clone(),
                unless_before: compile(&i.unless_before)?,
                unless_after: compile(&i.unless_after)?,
                exclude: compile(&i.exclude)?,
            })
        });
        let p = Patterns {
            scope,
            parts: parts.to_vec(),
            items: items.collect::<Result<_, String>>()?,
            counts,
            joined: OnceLock::new(),
        };
        if when == Compile::Now {
            p.joined();
        }
        Ok(p)
    }

    fn joined(&self) -> (Option<&Regex>, Option<&Starts>) {
        let (pre, starts) = self.joined.get_or_init(|| {
            let pre = prefilter(&self.items);
            let starts = pre.as_ref().and_then(starts);
            (pre, starts)
        });
        (pre.as_ref(), starts.as_ref())
    }

    /// Whether a match at `at` is in the text of the named parts.
    fn in_named_parts(&self, ctx: &Ctx, at: usize) -> bool {
        let r = ctx.report;
        let b = r
            .blocks
            .partition_point(|b| b.span.start <= at)
            .saturating_sub(1);
        let part = match r.blocks.get(b).map(|b| &b.kind) {
            Some(crate::parse::tree::BlockKind::Heading(h)) => ctx.parts.section[*h],
            _ => ctx.parts.part_of_block(r, b),
        };
        part.is_some_and(|p| self.parts.contains(&p))
    }

    pub fn run(&self, ctx: &Ctx, out: &mut Sink) {
        let (pre, starts) = self.joined();
        let (min, max) = self.counts;
        if min.is_none() && max.is_none() && self.parts.is_empty() {
            return patterns(ctx, self.scope, &self.items, pre, starts, out);
        }
        let mut all = Sink::new(usize::MAX);
        patterns(ctx, self.scope, &self.items, pre, starts, &mut all);
        let mut found = all.finish().0;
        if !self.parts.is_empty() {
            found.retain(|f| self.in_named_parts(ctx, f.span.start));
        }
        if min.is_none() && max.is_none() {
            found.into_iter().for_each(|f| out.push(f));
            return;
        }
        // Counted: the matches are one finding at most, whatever the cap.
        let count = found.len();
        let bound = |b: Option<usize>| b.map_or_else(String::new, |b| b.to_string());
        let counted = |f: Finding| {
            f.var("count", count.to_string())
                .var("min", bound(min))
                .var("max", bound(max))
        };
        if let Some(m) = max
            && let Some(over) = found.get(m)
        {
            out.push(counted(over.clone()).variant("too_many"));
        } else if min.is_some_and(|m| count < m) {
            // At the first match, else at the start of the scope.
            let at = found.first().map(|f| f.span.clone()).or_else(|| {
                let spans = scope_spans(ctx, self.scope);
                spans.first().map(|s| s.start..s.start)
            });
            let at = at.unwrap_or(0..0);
            out.push(counted(Finding::at(at).var("text", "")).variant("too_few"));
        }
    }
}

/// Whether every match of the pattern is longer than one character, so that it can
/// never match the one character before or after a match.
fn longer_than_a_character(p: &Pattern) -> bool {
    let Ok(hir) = regex_syntax::ParserBuilder::new().build().parse(p.as_str()) else {
        return false;
    };
    if hir.properties().minimum_len().is_some_and(|n| n > 4) {
        return true;
    }
    let chars = |l: &Vec<u8>| String::from_utf8_lossy(l).chars().count();
    crate::text::literals::required(&hir).is_some_and(|set| set.iter().all(|l| chars(l) >= 2))
}

/// One regex that matches wherever any of the items does (their `hit` groups made
/// plain), or None when they cannot be joined (for example a repeated group name).
fn prefilter(items: &[Item]) -> Option<Regex> {
    let joined: Vec<String> = items
        .iter()
        .map(|i| format!("(?:{})", i.regex.as_str().replace("(?P<hit>", "(?:")))
        .collect();
    build(&joined.join("|")).ok()
}

/// Searches for the literals every match of a prefilter starts with: one for those of
/// three bytes or more, one for the shorter. (A search for both at once compares only
/// the first two bytes of each place in the text, and two bytes do not tell Chinese
/// characters apart: 待 starts like 律 and 得, 某 like 查. The longer ones alone are
/// told apart by their whole first character, and the short ones, ASCII placeholders
/// such as XX, are rare in Chinese text.)
#[derive(Debug)]
struct Starts(Vec<regex::bytes::Regex>);

impl Starts {
    /// The places (start, end) each search finds in `text`.
    fn places(&self, text: &[u8]) -> Vec<Vec<(usize, usize)>> {
        self.0
            .iter()
            .map(|r| r.find_iter(text).map(|m| (m.start(), m.end())).collect())
            .collect()
    }
}

/// Whether a place of one of the searches touches `span`. (A place a search passed
/// over lies inside one it found, in the same block.)
fn touches(places: &[Vec<(usize, usize)>], span: &Span) -> bool {
    places.iter().any(|places| {
        let k = places.partition_point(|&(_, e)| e <= span.start);
        places.get(k).is_some_and(|&(s, _)| s < span.end)
    })
}

/// The searches for the literals every match of `pre` starts with, or None when they
/// are not known (or some match may start with any text).
fn starts(pre: &Regex) -> Option<Starts> {
    use regex_syntax::hir::literal::Extractor;
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pre.as_str())
        .ok()?;
    let seq = Extractor::new().extract(&hir);
    let literals = seq.literals()?;
    if literals.is_empty() || literals.iter().any(|l| l.is_empty()) {
        return None;
    }
    let (long, short): (Vec<_>, Vec<_>) = literals.iter().partition(|l| l.len() >= 3);
    let mut searches = Vec::new();
    for group in [long, short] {
        if group.is_empty() {
            continue;
        }
        let alternation: Vec<String> = group
            .iter()
            .map(|l| l.as_bytes().iter().map(|b| format!("\\x{b:02X}")).collect())
            .collect();
        searches.push(
            regex::bytes::RegexBuilder::new(&alternation.join("|"))
                .unicode(false)
                .build()
                .ok()?,
        );
    }
    Some(Starts(searches))
}

/// The spans a scope covers.
fn scope_spans(ctx: &Ctx, scope: Scope) -> Vec<Span> {
    let r = ctx.report;
    let span = |&b: &usize| r.blocks[b].span.clone();
    match scope {
        Scope::Body => r.text_blocks().map(|(_, b)| b.span.clone()).collect(),
        Scope::Title => r.title.iter().map(span).collect(),
        Scope::Preamble => r.preamble.iter().map(span).collect(),
        Scope::Headings => r.headings.iter().map(|h| h.title.clone()).collect(),
    }
}

/// `pre` matches wherever an item may (see [`prefilter`]); `starts`, where a match of
/// `pre` may start (see [`starts`]).
fn patterns(
    ctx: &Ctx,
    scope: Scope,
    items: &[Item],
    pre: Option<&Regex>,
    starts: Option<&Starts>,
    out: &mut Sink,
) {
    // For the body (most of the text), one pass over the text finds where a match may
    // start; a block that none of those places touches holds no match.
    let places = match (pre, starts) {
        (Some(_), Some(starts)) if scope == Scope::Body => {
            Some(starts.places(ctx.src.text.as_bytes()))
        }
        _ => None,
    };
    for span in scope_spans(ctx, scope) {
        if places.as_ref().is_some_and(|p| !touches(p, &span)) {
            continue;
        }
        let s = ctx.src.slice(&span);
        if pre.is_some_and(|p| !p.is_match(s)) {
            continue;
        }
        // Each item's matches, in order; where matches overlap, the earliest (then the
        // longest, then the first item's) stands for the place. The items' matches are
        // merged as they are found, so a block with a match a character holds none.
        let blocked = |p: &Option<Matcher>, c: Option<char>| {
            p.as_ref()
                .zip(c)
                .is_some_and(|(p, c)| p.re().is_match(c.encode_utf8(&mut [0; 4])))
        };
        // The sentence stops of the block, found once when an `exclude` first asks.
        let stops = std::cell::OnceCell::new();
        let mut found: Vec<_> = items
            .iter()
            .map(|item| {
                item.regex
                    .re()
                    .captures_iter(s)
                    .filter_map(|c| c.name("hit").or_else(|| c.get(0)))
                    .filter(|m| !m.is_empty())
                    .filter(|m| {
                        let before = s[..m.start()].chars().next_back();
                        let after = s[m.end()..].chars().next();
                        !blocked(&item.unless_before, before) && !blocked(&item.unless_after, after)
                    })
                    .filter(|m| {
                        let stops = stops.get_or_init(|| SentenceStops::of(s));
                        let sentence = || stops.sentence_around(s, m.start(), m.end());
                        !item
                            .exclude
                            .as_ref()
                            .is_some_and(|x| x.re().is_match(sentence()))
                    })
                    .map(|m| (m.start(), m.end()))
                    .peekable()
            })
            .collect();
        let mut end = 0;
        loop {
            let next = found
                .iter_mut()
                .enumerate()
                .filter_map(|(k, it)| it.peek().map(|&(a, e)| (a, std::cmp::Reverse(e), k)))
                .min();
            let Some((a, std::cmp::Reverse(e), k)) = next else {
                break;
            };
            found[k].next();
            if a < end {
                continue;
            }
            end = e;
            let hit = span.start + a..span.start + e;
            let mut f = Finding::at(hit).var("text", &s[a..e]);
            if let Some(l) = &items[k].label {
                f = f.var("label", l.clone());
                f.primary_label = Some(l.clone());
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{every, show, texts_and, with_ctx};

    #[test]
    fn patterns_skip_only_blocks_without_a_match() {
        use crate::pack::pattern::{Compile, Pattern};
        use crate::rules::spec::{PatternItem, Scope};
        let item = |re: &str, before: Option<&str>| PatternItem {
            regex: Pattern::new(re).unwrap(),
            label: None,
            unless_before: before.map(|b| Pattern::new(b).unwrap()),
            unless_after: None,
            exclude: None,
        };
        let lists = [
            vec![
                item("[Xx×]{2,}", Some("[A-Za-z0-9/._-]")),
                item("[Xx×]月[Xx×]日", None),
                item("某某", Some("\\p{Han}")),
                item("(?P<hit>某某)(?:镇|乡|县)", None),
                item("待补充|(?P<hit>待定)(?:[。,;)\\s]|$)", None),
                item("(?i)TODO|TBD", Some("[A-Za-z]")),
                item("【\\s*】", None),
            ],
            vec![item("^一|。$|\\b报告", None), item("(总结|汇报)如下", None)],
            vec![item("妥否|请批示", Some("[申报呈提]"))],
        ];
        let all = texts_and(&[
            "XX镇待定\n一、xx某某镇待定。TODO【 】\n某某同志2025年X月X日",
            "特此报告,妥否,请批示。\n现将有关工作总结如下:待定",
        ]);
        for (k, items) in lists.iter().enumerate() {
            let compiled =
                super::Patterns::new(Scope::Body, items, &[], Default::default(), Compile::Now)
                    .unwrap();
            let (pre, starts) = compiled.joined();
            let items = &compiled.items;
            // The placeholders' literals are short (XX) and long (某某): two searches.
            assert_eq!(starts.map(|s| s.0.len()), Some(if k == 0 { 2 } else { 1 }));
            for t in &all {
                with_ctx(t, |ctx| {
                    for scope in [Scope::Body, Scope::Preamble, Scope::Headings, Scope::Title] {
                        assert_eq!(
                            show(&every(|ctx, out| super::patterns(
                                ctx, scope, items, pre, starts, out
                            ))(ctx)),
                            show(&every(|ctx, out| super::patterns(
                                ctx, scope, items, pre, None, out
                            ))(ctx)),
                            "{t:.200}"
                        );
                    }
                });
            }
        }
    }
}
