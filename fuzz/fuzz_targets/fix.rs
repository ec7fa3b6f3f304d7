//! Any bytes as a text report, its safe fixes applied as `check --fix` applies them
//! (every finding, none folded): when no two fixes clashed, the fixed text has no
//! fixable finding left, so fixing it again changes nothing (idempotent, and the fixed
//! findings are gone). When some clashed (a later run picks up the rest), the runs
//! that follow must come to rest.
#![no_main]

mod common;

use fzlint::Settings;
use fzlint::diagnostic::Diagnostic;
use fzlint::input::from_bytes;
use fzlint::rules::Rule;
use fzlint::rules::engine::lint_analysed;
use fzlint::text::Format;
use fzlint::text::source::Source;
use libfuzzer_sys::fuzz_target;

/// Every finding of the rules `check` runs by default, none folded.
fn lint_whole(src: &Source) -> Vec<Diagnostic> {
    let rules: Vec<&Rule> = common::SET
        .rules
        .iter()
        .filter(|r| !r.spec.preview)
        .collect();
    lint_analysed(src, &common::SET, &rules, &Settings::default(), 0).0
}

fn fixable(diags: &[Diagnostic]) -> Vec<&Diagnostic> {
    diags.iter().filter(|d| d.fix.is_some()).collect()
}

fuzz_target!(|data: &[u8]| {
    let name = if data.first().is_some_and(|b| b % 2 == 0) {
        "r.md"
    } else {
        "r.txt"
    };
    let Ok(src) = from_bytes(name, data, Format::Text) else {
        return;
    };
    let diags = lint_whole(&src);
    let (fixed, mended) = fzlint::fix::apply(&src, &diags);
    let all = fixable(&diags).len();
    if mended == 0 {
        assert_eq!(
            fixed,
            src.original(),
            "nothing mended, yet the text changed"
        );
        return;
    }
    let again = Source::new(name, &fixed);
    let left = lint_whole(&again);
    if mended == all {
        let still: Vec<_> = fixable(&left)
            .iter()
            .map(|d| (d.rule.clone(), d.span.clone()))
            .collect();
        assert!(
            still.is_empty(),
            "fixable findings left after every fix applied: {still:?}"
        );
        let (twice, n) = fzlint::fix::apply(&again, &left);
        assert_eq!(
            (twice.as_str(), n),
            (fixed.as_str(), 0),
            "fixing again changed the text"
        );
        return;
    }
    // Some fixes clashed: the runs that follow pick up the rest and must come to rest
    // (twice as many runs as there were fixes, and two more, is more than enough).
    let mut text = fixed;
    let mut diags = left;
    for _ in 0..2 * all + 2 {
        let src = Source::new(name, &text);
        let (next, n) = fzlint::fix::apply(&src, &diags);
        if n == 0 {
            return;
        }
        text = next;
        diags = lint_whole(&Source::new(name, &text));
    }
    assert!(fixable(&diags).is_empty(), "the fixes never came to rest");
});
