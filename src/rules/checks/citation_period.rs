//! `citation-period`: a framework document cited as guidance in a report on a year
//! after its period (a report on 2026 citing the 纲要 for 2021—2025).

use super::citation::citations;
use super::{Ctx, Finding};
use crate::pack::pattern::{Compile, Matcher};
use crate::rules::context::Problem;
use crate::rules::spec::{PeriodDoc, YearRange};

/// The check, its frameworks compiled.
#[derive(Debug)]
pub struct CitationPeriod {
    documents: Vec<Framework>,
    /// Words of a sentence that looks back on a framework.
    looking_back: Vec<String>,
}

/// A framework document with a period, and the titles meant to be it.
#[derive(Debug)]
struct Framework {
    name: String,
    matches: Matcher,
    years: YearRange,
}

impl CitationPeriod {
    pub fn new(
        documents: &[PeriodDoc],
        looking_back: Vec<String>,
        when: Compile,
    ) -> Result<CitationPeriod, Problem> {
        if looking_back.iter().any(|w| w.is_empty()) {
            let why = "looking_back 中不能有空字符串".to_string();
            return Err(Problem::Param("looking_back", why));
        }
        let documents = documents.iter().map(|d| {
            Ok(Framework {
                name: d.name.clone(),
                matches: d.matches.compile(when)?,
                years: d.years,
            })
        });
        Ok(CitationPeriod {
            documents: documents.collect::<Result<_, Problem>>()?,
            looking_back,
        })
    }

    /// Frameworks cited in a report on a year after their period. A citation in a
    /// sentence that looks back (收官, 总结, 回顾, 完成 …) is not reported.
    pub fn run(&self, ctx: &Ctx) -> Vec<Finding> {
        let Some(year) = ctx.facts.year() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for c in citations(ctx) {
            let Some(d) = self
                .documents
                .iter()
                .find(|d| d.years.to.is_some_and(|t| t < year) && d.matches.re().is_match(c.title))
            else {
                continue;
            };
            if self
                .looking_back
                .iter()
                .any(|w| c.sentence.contains(w.as_str()))
            {
                continue;
            }
            out.push(
                Finding::at(c.span)
                    .var("found", c.all)
                    .var("name", d.name.clone())
                    .var("period", d.years.to_string())
                    .var("year", year.to_string()),
            );
        }
        out
    }
}
