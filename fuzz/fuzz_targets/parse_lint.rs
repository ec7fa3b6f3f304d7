//! Any bytes, read as a text report (any encoding), parsed, linted with every rule and
//! rendered in every format: nothing may panic or hang.
#![no_main]

use fzlint::input::from_bytes;
use fzlint::text::Format;
use fzlint::render::{FileReport, github, human, json, junit, sarif};
use fzlint::rules::RuleSet;
use fzlint::{Settings, lint};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static SET: LazyLock<RuleSet> = LazyLock::new(|| RuleSet::builtin().expect("the pack loads"));

fuzz_target!(|data: &[u8]| {
    // The first byte chooses the name (Markdown comments and headings are read only in
    // .md files) and a reported year given by settings.
    let (name, year) = match data.first() {
        Some(b) if b % 3 == 0 => ("r.md", None),
        Some(b) if b % 3 == 1 => ("r.txt", Some(2024)),
        _ => ("r.txt", None),
    };
    let Ok(src) = from_bytes(name, data, Format::Text) else {
        return;
    };
    let settings = Settings {
        reported_year: year,
    };
    let diags = lint(&src, &SET, &settings);
    let f = FileReport {
        src: &src,
        diagnostics: &diags,
    };
    let _ = human::render(&f, false);
    let _ = serde_json::to_string(&json::diagnostics(&f, &SET.vocab.version));
    let _ = github::render(&f);
    let _ = junit::testcase(&f);
    let _ = sarif::results(&f, &|_| None);
    let _ = fzlint::fix::apply(&src, &diags);
});
