//! The cost of each rule on the repo's own reports: parse and classify once with no
//! rule, then with each rule alone. Prints figures; asserts nothing.

// The allocator the command line uses (src/main.rs), so in-process figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use fzlint::Settings;
use fzlint::rules::RuleSet;
use fzlint::rules::engine::lint_with;
use fzlint::text::source::Source;
use std::time::Instant;
fn main() {
    let set = RuleSet::builtin().unwrap();
    let mut texts = Vec::new();
    for d in ["examples", "tests/fixtures/clean", "tests/fixtures/rules"] {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            if e.path().extension().is_some_and(|x| x == "txt") {
                texts.push(std::fs::read_to_string(e.path()).unwrap());
            }
        }
    }
    let srcs: Vec<Source> = (0..20)
        .flat_map(|_| texts.iter().map(|t| Source::new("x", t)))
        .collect();
    let t = Instant::now();
    for s in &srcs {
        let _ = lint_with(s, &set, &[], &Settings::default());
    }
    println!(
        "{:<24} {:>8.1} ms",
        "(parse+classify only)",
        t.elapsed().as_secs_f64() * 1e3
    );
    for r in &set.rules {
        let t = Instant::now();
        for s in &srcs {
            let _ = lint_with(s, &set, &[r], &Settings::default());
        }
        println!(
            "{:<24} {:>8.1} ms",
            r.spec.id,
            t.elapsed().as_secs_f64() * 1e3
        );
    }
}
