//! What a check sees and what it gives back: the context of one analysed report, and
//! a finding before the rule's wording is applied.

use crate::analyse::Analysis;
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

impl<'a> Ctx<'a> {
    /// The context of a report analysed with `vocab`.
    pub fn new(src: &'a Source, a: &'a Analysis, vocab: &'a Vocab) -> Ctx<'a> {
        Ctx {
            src,
            report: &a.report,
            parts: &a.parts,
            facts: &a.facts,
            vocab,
        }
    }
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

    /// `{line}` and `{at}`: the line of `offset` in `src`, in a number and in words.
    pub fn place(self, src: &Source, offset: usize) -> Finding {
        self.var("line", src.position(offset).0.to_string())
            .var("at", src.at(offset))
    }

    pub fn variant(mut self, v: &'static str) -> Finding {
        self.variant = Some(v);
        self
    }
}

/// A rule's check ready to run on a report: built once, when the rule set is loaded,
/// from the rule's parameters (see `rules::checks::compile`).
pub struct Compiled(Box<Run>);

/// What a compiled check does with a report: its findings go to the sink.
type Run = dyn Fn(&Ctx, &mut Sink) + Send + Sync;

impl Compiled {
    /// A check that gives back its findings all at once (one that finds a few a report).
    pub fn new(run: impl Fn(&Ctx) -> Vec<Finding> + Send + Sync + 'static) -> Compiled {
        Compiled(Box::new(move |ctx, sink| {
            for f in run(ctx) {
                sink.push(f);
            }
        }))
    }

    /// A check that hands its findings to the sink one by one as it finds them (one that
    /// may find one a character or a paragraph): what the sink does not keep is never
    /// held.
    pub fn streaming(run: impl Fn(&Ctx, &mut Sink) + Send + Sync + 'static) -> Compiled {
        Compiled(Box::new(run))
    }

    /// Every finding of the check.
    pub fn run(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut sink = Sink::new(usize::MAX);
        self.run_into(ctx, &mut sink);
        sink.finish().0
    }

    pub fn run_into(&self, ctx: &Ctx, sink: &mut Sink) {
        (self.0)(ctx, sink)
    }
}

/// Where a check's findings go: the first `keep` by position whole; of the others only
/// how many there are and the places of the first few, so that a check finding one
/// defect a character holds no more than the text.
#[derive(Debug)]
pub struct Sink {
    keep: usize,
    /// The findings kept, when all are (`keep` is `usize::MAX`), in the order they came.
    all: Vec<Finding>,
    /// The findings kept, when not all are: a heap whose top is the latest (by start,
    /// then arrival).
    heap: std::collections::BinaryHeap<Kept>,
    arrived: usize,
    /// The findings not kept.
    pub rest: Rest,
}

/// The findings a [`Sink`] did not keep: how many, and the places of the first.
#[derive(Debug, Default)]
pub struct Rest {
    pub count: usize,
    /// The first [`Rest::PLACES`] places (by start, then end), as a heap whose top is
    /// the latest.
    first: std::collections::BinaryHeap<(usize, usize)>,
}

impl Rest {
    /// How many places of the findings not kept are kept.
    pub const PLACES: usize = 5;

    pub fn add(&mut self, span: &Span) {
        self.count += 1;
        let place = (span.start, span.end);
        if self.first.len() < Rest::PLACES {
            self.first.push(place);
        } else if let Some(mut top) = self.first.peek_mut()
            && place < *top
        {
            *top = place;
        }
    }

    /// The places of the first, in order.
    pub fn first(&self) -> Vec<Span> {
        let places = self.first.clone().into_sorted_vec();
        places.into_iter().map(|(s, e)| s..e).collect()
    }
}

/// A kept finding in the heap, ordered by its start, then by when it came.
#[derive(Debug)]
struct Kept(usize, usize, Finding);

impl PartialEq for Kept {
    fn eq(&self, other: &Kept) -> bool {
        (self.0, self.1) == (other.0, other.1)
    }
}
impl Eq for Kept {}
impl PartialOrd for Kept {
    fn partial_cmp(&self, other: &Kept) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Kept {
    fn cmp(&self, other: &Kept) -> std::cmp::Ordering {
        (self.0, self.1).cmp(&(other.0, other.1))
    }
}

impl Sink {
    /// A sink that keeps the first `keep` findings whole (`usize::MAX`: all of them).
    pub fn new(keep: usize) -> Sink {
        Sink {
            keep,
            all: Vec::new(),
            heap: Default::default(),
            arrived: 0,
            rest: Rest::default(),
        }
    }

    pub fn push(&mut self, f: Finding) {
        self.arrived += 1;
        if self.keep == usize::MAX {
            self.all.push(f);
        } else if self.heap.len() < self.keep {
            self.heap.push(Kept(f.span.start, self.arrived, f));
        } else {
            // Full: of the latest kept and this one, the later goes to the rest.
            match self.heap.peek_mut() {
                Some(mut top) if f.span.start < top.0 => {
                    let new = Kept(f.span.start, self.arrived, f);
                    let old = std::mem::replace(&mut *top, new);
                    self.rest.add(&old.2.span);
                }
                _ => self.rest.add(&f.span),
            }
        }
    }

    /// The findings kept, in the order they came, and the rest.
    pub fn finish(self) -> (Vec<Finding>, Rest) {
        let mut kept = self.all;
        let mut heap: Vec<Kept> = self.heap.into_vec();
        heap.sort_by_key(|k| k.1);
        kept.extend(heap.into_iter().map(|k| k.2));
        (kept, self.rest)
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
