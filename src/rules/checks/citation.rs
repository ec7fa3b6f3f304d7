//! `citation`: garbled citations of well-known documents; and the citations of a
//! report's text, which `citation-period` reads too.

use super::{Ctx, Finding};
use crate::pack::pattern::{Compile, Matcher};
use crate::rules::spec::{CitationDoc, YearRange};
use crate::text::Span;
use crate::text::chars::SentenceStops;
#[cfg(test)]
use regex::Regex;
use std::sync::LazyLock;

/// The check, its documents compiled.
#[derive(Debug)]
pub struct Citation(Vec<Document>);

/// A document as it should be cited, and the titles meant to be it.
#[derive(Debug)]
struct Document {
    canonical: String,
    matches: Matcher,
    years: Option<YearRange>,
}

impl Citation {
    pub fn new(documents: &[CitationDoc], when: Compile) -> Result<Citation, String> {
        let documents = documents.iter().map(|d| {
            Ok(Document {
                canonical: d.canonical.clone(),
                matches: d.matches.compile(when)?,
                years: d.years,
            })
        });
        documents.collect::<Result<_, String>>().map(Citation)
    }

    pub fn run(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut out = Vec::new();
        for c in citations(ctx) {
            // An entry for other years is another document (a framework's successor).
            let meant: Vec<&Document> = self
                .0
                .iter()
                .filter(|d| d.years.is_none_or(|y| y.applies(ctx.facts.year())))
                .filter(|d| d.matches.re().is_match(c.title))
                .collect();
            if meant.is_empty() {
                continue;
            }
            let folded = fold(c.title);
            if meant.iter().any(|d| fold(&d.canonical) == folded) {
                continue;
            }
            out.push(
                Finding::at(c.span)
                    .var("found", c.all)
                    .var("canonical", format!("《{}》", meant[0].canonical)),
            );
        }
        out
    }
}

/// A citation, as a pattern: what [`cited_at`] finds (the tests hold it to this).
#[cfg(test)]
static CITED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"《([^《》\n]{1,80})》").expect("valid"));

/// Dash variants folded and blank space dropped, so that only real garbling differs.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_dash = false;
    for c in s.chars() {
        let c = match c {
            '—' | '–' | '-' | '~' | '〜' | '―' | '－' => '—',
            c => c,
        };
        if c == '—' && last_dash {
            continue;
        }
        last_dash = c == '—';
        if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// A title cited in 《》 in the report's text.
pub(super) struct Cited<'t> {
    /// The citation with its 《》, as in the text.
    pub all: &'t str,
    /// The title inside 《》.
    pub title: &'t str,
    /// The citation's span in the text.
    pub span: Span,
    /// The sentence around it.
    pub sentence: &'t str,
}

static OPEN_TITLE: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("《"));

/// The end of the citation [`CITED`] matches at the start of `s` (which starts with 《),
/// if any: up to 80 characters other than 《, 》 and a line break, at least one, then 》.
fn cited_at(s: &str) -> Option<usize> {
    let body = s.strip_prefix('《')?;
    for (n, (i, c)) in body.char_indices().enumerate() {
        match c {
            '》' if n >= 1 => return Some('《'.len_utf8() + i + c.len_utf8()),
            '《' | '》' | '\n' => return None,
            _ if n >= 80 => return None,
            _ => {}
        }
    }
    None
}

/// Every 《…》 citation of the report's text blocks (what [`CITED`] finds in each).
pub(super) fn citations<'t>(ctx: &'t Ctx) -> impl Iterator<Item = Cited<'t>> + 't {
    // Every 《 of the text, found in one pass: a citation starts at one.
    let opens: Vec<usize> = OPEN_TITLE.find_iter(ctx.src.text.as_bytes()).collect();
    ctx.report.text_blocks().flat_map(move |(_, b)| {
        let from = opens.partition_point(|&k| k < b.span.start);
        let n = opens[from..].partition_point(|&k| k < b.span.end);
        let mut found = Vec::new();
        if n == 0 {
            return found;
        }
        let s = ctx.src.slice(&b.span);
        let stops = SentenceStops::of(s);
        let mut done = 0;
        for &k in &opens[from..from + n] {
            let q = k - b.span.start;
            if q < done || !s.is_char_boundary(q) {
                continue;
            }
            let Some(len) = cited_at(&s[q..]) else {
                continue;
            };
            let (a, e) = (q, q + len);
            done = e;
            found.push(Cited {
                all: &s[a..e],
                title: &s[a + '《'.len_utf8()..e - '》'.len_utf8()],
                span: b.span.start + a..b.span.start + e,
                sentence: stops.sentence_around(s, a, e),
            });
        }
        found
    })
}

/// The citations as first found, with [`CITED`]: the scan above must agree with it.
#[cfg(test)]
mod reference {
    use super::{CITED, Cited, Ctx};

    /// Every 《…》 citation of the report's text blocks.
    pub fn citations<'t>(ctx: &'t Ctx) -> impl Iterator<Item = Cited<'t>> + 't {
        ctx.report.text_blocks().flat_map(move |(_, b)| {
            let s = ctx.src.slice(&b.span);
            CITED.captures_iter(s).filter_map(move |c| {
                let (all, title) = (c.get(0)?, c.get(1)?);
                Some(Cited {
                    all: all.as_str(),
                    title: title.as_str(),
                    span: b.span.start + all.start()..b.span.start + all.end(),
                    sentence: sentence_around(s, all.start(), all.end()),
                })
            })
        })
    }

    /// The sentence of `s` around `s[a..e]`, by scanning the text each time.
    fn sentence_around(s: &str, a: usize, e: usize) -> &str {
        let stops = crate::text::chars::SENTENCE_STOPS;
        let start = s[..a]
            .rfind(stops)
            .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
        let end = s[e..].find(stops).map_or(s.len(), |i| e + i);
        &s[start..end]
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{texts_and, with_ctx};

    #[test]
    fn citations_are_what_the_pattern_finds() {
        let long = format!("《{}》《{}》", "字".repeat(80), "字".repeat(81));
        // Many citations on one line, sentence stops between some: each one's sentence
        // is found among the line's stops.
        let line = "《行政处罚法》第十条、《纲要》;规定《A》。".repeat(300);
        let all = texts_and(&[
            &line,
            "《A《纲要》》《》《x\n》《一》。学习《法治政府建设实施纲要(2021—2025年)》!",
            &long,
            "《《《》",
            "《",
        ]);
        fn key(c: super::Cited) -> (String, String, std::ops::Range<usize>, String) {
            (c.all.into(), c.title.into(), c.span, c.sentence.into())
        }
        for t in all {
            with_ctx(&t, |ctx| {
                let fast: Vec<_> = super::citations(ctx).map(key).collect();
                let slow: Vec<_> = super::reference::citations(ctx).map(key).collect();
                assert_eq!(fast, slow, "{t:.200}");
            });
        }
    }

    #[test]
    fn folding_ignores_dash_and_bracket_width() {
        assert_eq!(
            super::fold("纲要（2021-2025年）"),
            super::fold("纲要（2021——2025年）")
        );
        assert_ne!(
            super::fold("纲要（2021—2025）年"),
            super::fold("纲要（2021—2025年）")
        );
    }
}
