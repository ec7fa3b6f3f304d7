//! What the targets share: the built-in rules, and a source linted with every rule and
//! rendered in every format.
#![allow(dead_code)]

use fzlint::diagnostic::Diagnostic;
use fzlint::render::{FileReport, github, gitlab, human, json, junit, sarif};
use fzlint::rules::RuleSet;
use fzlint::text::source::Source;
use fzlint::{Settings, lint};
use std::sync::LazyLock;

pub static SET: LazyLock<RuleSet> = LazyLock::new(|| RuleSet::builtin().expect("the pack loads"));

/// Lints `src` with every rule (findings capped as `check` caps them) and renders the
/// diagnostics in every format.
pub fn lint_and_render(src: &Source, settings: &Settings) -> Vec<Diagnostic> {
    let diags = lint(src, &SET, settings);
    let f = FileReport {
        src,
        diagnostics: &diags,
    };
    let _ = human::render(&f, false);
    let _ = serde_json::to_string(&json::diagnostics(&f, &SET.vocab.version));
    let _ = github::render(&f);
    let _ = gitlab::issues(&f);
    let _ = junit::testcase(&f, None);
    let _ = junit::testcase(&f, Some("xxgk"));
    let _ = sarif::results(&f, &|_| None);
    diags
}
