//! What a check sees and what it gives back: the context of one analysed report, and
//! a finding before the rule's wording is applied.

use crate::classify::{Facts, Parts};
use crate::pack::vocab::Vocab;
use crate::parse::tree::Report;
use crate::text::Span;
use crate::text::source::Source;

/// Everything a check may look at.
pub struct Ctx<'a> {
    pub src: &'a Source,
    pub report: &'a Report,
    pub parts: &'a Parts,
    pub facts: &'a Facts,
    pub vocab: &'a Vocab,
}

/// What a check found, before the rule's wording is applied.
#[derive(Debug, Clone, Default)]
pub struct Finding {
    pub span: Span,
    /// Values for `{name}` in the rule's message, label and help.
    pub vars: Vec<(&'static str, String)>,
    /// Secondary labels: each a place and the name of its wording (the rule's
    /// `labels:`, else the kind's).
    pub labels: Vec<(Span, &'static str)>,
    /// Selects one of the rule's `variants`.
    pub variant: Option<&'static str>,
    /// Replaces the rule's label (a pattern item's own label).
    pub primary_label: Option<String>,
    /// A safe mend: replacements of spans by text.
    pub fix: Option<Vec<(Span, String)>>,
}

impl Finding {
    pub fn at(span: Span) -> Finding {
        Finding {
            span,
            ..Finding::default()
        }
    }

    pub fn var(mut self, name: &'static str, value: impl Into<String>) -> Finding {
        self.vars.push((name, value.into()));
        self
    }

    pub fn label(mut self, span: Span, name: &'static str) -> Finding {
        self.labels.push((span, name));
        self
    }

    pub fn variant(mut self, v: &'static str) -> Finding {
        self.variant = Some(v);
        self
    }
}

/// A rule's check ready to run on a report: built once, when the rule set is loaded,
/// from the rule's parameters (see `rules::checks::compile`).
pub struct Compiled(Box<Run>);

/// What a compiled check does with a report.
type Run = dyn Fn(&Ctx) -> Vec<Finding> + Send + Sync;

impl Compiled {
    pub fn new(run: impl Fn(&Ctx) -> Vec<Finding> + Send + Sync + 'static) -> Compiled {
        Compiled(Box::new(run))
    }

    pub fn run(&self, ctx: &Ctx) -> Vec<Finding> {
        (self.0)(ctx)
    }
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Compiled")
    }
}

/// Why a rule's check cannot be built from its parameters.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A pattern that does not compile; the message quotes it.
    Pattern(String),
    /// A parameter value the types accept but the check could not use: the parameter's
    /// name and what is wrong with it.
    Param(&'static str, String),
}

impl From<String> for Problem {
    fn from(message: String) -> Problem {
        Problem::Pattern(message)
    }
}
