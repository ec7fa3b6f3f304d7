//! Output formats, one file each; only `human` touches codespan-reporting.
//!
//! `check` picks one [`Emitter`] for its format and hands it the files' results in the
//! order of the run; the emitter writes its output, streaming file by file (human,
//! concise, github, json, and sarif, whose one document is written result by result)
//! or as one document at the end (junit, the statistics).

pub mod concise;
pub mod fonts;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod outline;
pub mod overview;
pub mod rules;
pub mod sarif;
pub mod statistics;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::RuleSet;
use crate::text::source::Source;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// FNV-1a: a small stable hash for fingerprints (SARIF, GitLab), not for security.
pub(crate) fn fnv(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in parts {
        for b in p.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    format!("{h:016x}")
}

/// Text cut to `max` characters (after trimming), "…" marking the cut.
pub(crate) fn clip(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars().take(max).chain(['…']).collect()
    }
}

/// One linted file and what was found in it.
pub struct FileReport<'a> {
    pub src: &'a Source,
    pub diagnostics: &'a [Diagnostic],
}

impl<'a> FileReport<'a> {
    pub fn new(src: &'a Source, diagnostics: &'a [Diagnostic]) -> FileReport<'a> {
        FileReport { src, diagnostics }
    }
}

/// The pack a set reads reports with, to be named in an output: None for the default
/// pack, whose output is as it always was.
pub fn named_pack(set: &RuleSet) -> Option<&str> {
    let id = set.vocab.id.as_str();
    (id != crate::pack::default_pack()).then_some(id)
}

/// One output format of a run.
pub trait Emitter {
    /// Writes (or keeps, for a format written at the end) one file's findings, found by
    /// the rule set `set`, in the order of the run: by default what the
    /// [`Emitter::renderer`] makes of it, and nothing for a format without one (that
    /// writes only what the [`Tally`] counts).
    fn file(&mut self, out: &mut dyn Write, f: &FileReport, set: &RuleSet) -> io::Result<()> {
        let Some(render) = self.renderer() else {
            return Ok(());
        };
        match render(f, &set.vocab.version, named_pack(set)) {
            Some(text) => self.rendered(out, &text),
            None => Ok(()),
        }
    }

    /// For a format whose output for a file depends on that file alone: that output, made
    /// on any thread (the lint threads), to be handed to [`Emitter::rendered`] in order.
    fn renderer(&self) -> Option<Renderer> {
        None
    }

    /// Writes a file's output made by the [`Emitter::renderer`].
    fn rendered(&mut self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        out.write_all(text.as_bytes())
    }

    /// Closes the output after the last file; `tally` counts what the run found.
    /// Nothing, for a format whose output is each file's.
    fn finish(&mut self, _: &mut dyn Write, _: &Tally) -> io::Result<()> {
        Ok(())
    }
}

/// A format whose output is each file's, written as it comes, and nothing more (concise,
/// github).
pub struct PerFile(pub fn(&FileReport) -> String);

impl Emitter for PerFile {
    fn renderer(&self) -> Option<Renderer> {
        let render = self.0;
        Some(Box::new(move |f, _, _| Some(render(f))))
    }
}

/// One file's output by itself, from the file, the version of the rule pack that linted
/// it and that pack's id when it is not the default ([`named_pack`]); None when the
/// format writes nothing for it.
pub type Renderer = Box<dyn Fn(&FileReport, &str, Option<&str>) -> Option<String> + Send + Sync>;

/// What a run found, counted file by file: for the closing summary line, the
/// statistics and the exit code.
#[derive(Debug, Default)]
pub struct Tally {
    pub totals: human::Totals,
    /// The severity of the most severe finding.
    pub worst: Option<Severity>,
    /// Each rule that found something, by id.
    pub rules: BTreeMap<String, RuleCount>,
    /// Files read with a pack other than the default, by the pack's name.
    pub packs: BTreeMap<String, usize>,
}

/// How much one rule found.
#[derive(Debug)]
pub struct RuleCount {
    pub severity: Severity,
    pub count: usize,
    /// The rule's summary, as the rule set that first found something with it says.
    pub summary: String,
}

impl Tally {
    /// Counts one file's findings, each a rule id and a severity, found by the rule set
    /// `set`. It runs on the thread that writes, so it is kept cheap: no copy of a rule
    /// id already counted.
    pub fn file<'a>(&mut self, found: impl Iterator<Item = (&'a str, Severity)>, set: &RuleSet) {
        let mut file = human::Totals::default();
        for (rule, severity) in found {
            file.add_one(severity);
            self.worst = self.worst.max(Some(severity));
            match self.rules.get_mut(rule) {
                Some(c) => c.count += 1,
                None => {
                    let summary = set.get(rule).map(|r| r.spec.summary.clone());
                    self.rules.insert(
                        rule.to_string(),
                        RuleCount {
                            severity,
                            count: 1,
                            summary: summary.unwrap_or_default(),
                        },
                    );
                }
            }
        }
        self.totals.add_file(&file);
        if named_pack(set).is_some() {
            *self.packs.entry(set.vocab.name.clone()).or_default() += 1;
        }
    }
}
