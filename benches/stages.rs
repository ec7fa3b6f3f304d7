//! Where one thread's time goes: the corpus of `benches/throughput.rs` (its 4x size,
//! written there) is read into memory, then each stage of the pipeline is timed on its
//! own over every file: decoding into a `Source`, parsing, facts and parts, each check
//! kind, and the JSON. Prints MB/s per stage; asserts nothing.
//!
//! Run `cargo bench --bench throughput` once first (it writes the corpus), then
//! `cargo bench --bench stages` (FZLINT_BENCH_DIR names another folder holding
//! corpus-2500).

// The allocator the command line uses (src/main.rs), so in-process figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use fzlint::Settings;
use fzlint::classify;
use fzlint::input;
use fzlint::parse;
use fzlint::render::{FileReport, json};
use fzlint::rules::RuleSet;
use fzlint::rules::context::Ctx;
use fzlint::rules::engine::{MAX_FINDINGS_PER_RULE, lint_analysed};
use fzlint::text::Format;
use fzlint::text::source::Source;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

fn main() {
    let root = std::env::var_os("FZLINT_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fzlint-bench"));
    let dir = root.join("corpus-2500");
    if !dir.is_dir() {
        println!(
            "no corpus at {}: run `cargo bench --bench throughput` first",
            dir.display()
        );
        return;
    }
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .filter_map(|e| {
            let p = e.path().display().to_string();
            std::fs::read(e.path()).ok().map(|b| (p, b))
        })
        .collect();
    files.truncate(
        std::env::var("FZLINT_STAGE_FILES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(usize::MAX),
    );
    let mb = files.iter().map(|f| f.1.len()).sum::<usize>() as f64 / 1e6;
    let set = RuleSet::builtin().expect("the built-in pack loads");
    let rules: Vec<_> = set.rules.iter().filter(|r| !r.spec.preview).collect();
    let settings = Settings::default();
    let line = |name: &str, secs: f64| {
        println!(
            "{name:<28} {:>8.1} ms {:>9.1} MB/s",
            secs * 1e3,
            mb / secs.max(1e-9)
        )
    };
    println!("{} files, {mb:.1} MB", files.len());

    let t = Instant::now();
    let srcs: Vec<Source> = files
        .iter()
        .filter_map(|(n, b)| input::from_bytes(n, b, Format::Text).ok())
        .collect();
    line("decode + Source::new", t.elapsed().as_secs_f64());

    let t = Instant::now();
    let reports: Vec<_> = srcs.iter().map(|s| parse::parse(s, &set.vocab)).collect();
    line("parse", t.elapsed().as_secs_f64());

    let t = Instant::now();
    let facts: Vec<_> = srcs
        .iter()
        .zip(&reports)
        .map(|(s, r)| classify::facts(s, r, &set.vocab, &fzlint::Settings::default()))
        .collect();
    line("facts", t.elapsed().as_secs_f64());

    let t = Instant::now();
    let parts: Vec<_> = srcs
        .iter()
        .zip(&reports)
        .zip(&facts)
        .map(|((s, r), f)| classify::classify(s, r, &set.vocab, f))
        .collect();
    line("classify", t.elapsed().as_secs_f64());

    // Each check kind, summed over the rules of that kind.
    let mut by_kind: BTreeMap<String, f64> = BTreeMap::new();
    let mut all = 0.0;
    for r in &rules {
        let kind = format!("{:?}", r.spec.check);
        let kind = kind
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("?")
            .to_string();
        let t = Instant::now();
        for i in 0..srcs.len() {
            let ctx = Ctx {
                src: &srcs[i],
                report: &reports[i],
                parts: &parts[i],
                facts: &facts[i],
                vocab: &set.vocab,
            };
            std::hint::black_box(r.compiled.run(&ctx));
        }
        let s = t.elapsed().as_secs_f64();
        all += s;
        *by_kind.entry(kind).or_default() += s;
    }
    line("every check", all);
    let mut kinds: Vec<_> = by_kind.into_iter().collect();
    kinds.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (k, s) in kinds.iter().take(12) {
        line(&format!("  {k}"), *s);
    }

    let t = Instant::now();
    let diags: Vec<_> = srcs
        .iter()
        .map(|s| lint_analysed(s, &set, &rules, &settings, MAX_FINDINGS_PER_RULE).0)
        .collect();
    line("whole lint (analyse+rules)", t.elapsed().as_secs_f64());

    let t = Instant::now();
    let mut out = 0usize;
    for (s, d) in srcs.iter().zip(&diags) {
        let f = FileReport {
            src: s,
            diagnostics: d,
        };
        out += json::file_body(&f, &set.vocab.version).map_or(0, |b| b.len());
    }
    std::hint::black_box(out);
    line("json", t.elapsed().as_secs_f64());
}
