//! Throughput of the whole pipeline (read, parse, classify, every rule, JSON) on a
//! generated corpus. Run with `scripts/bench.sh` (or `cargo bench`); it prints figures
//! and asserts nothing: these machines are shared and timing is noisy.

use fzlint::render::{FileReport, json};
use fzlint::rules::RuleSet;
use fzlint::source::Source;
use fzlint::{Settings, lint};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Reports of the repo's own, varied so that no two files are the same.
fn corpus(n: usize) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut bases: Vec<PathBuf> = ["examples", "tests/fixtures/clean", "tests/fixtures/rules"]
        .iter()
        .flat_map(|d| {
            std::fs::read_dir(root.join(d))
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
        })
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    bases.sort();
    let texts: Vec<String> = bases
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    (0..n)
        .map(|i| {
            let base = &texts[i % texts.len()];
            // Vary years and figures; every tenth report is one long line.
            let mut t = base
                .replace("2024", &(2019 + i % 7).to_string())
                .replace("12件", &format!("{}件", i % 97));
            if i % 10 == 0 {
                t = t.replace('\n', "");
            }
            (format!("r{i:05}.txt"), t)
        })
        .collect()
}

fn main() {
    let n: usize = std::env::var("FZLINT_BENCH_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let set = RuleSet::builtin().expect("the built-in pack loads");
    let files = corpus(n);
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    let mb = bytes as f64 / 1e6;

    // The floor: touching every byte once (what merely having the text costs).
    let t = Instant::now();
    let mut sum = 0u64;
    for (_, text) in &files {
        sum = sum.wrapping_add(text.bytes().map(u64::from).sum::<u64>());
    }
    let floor = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let mut diagnostics = 0usize;
    let mut out_bytes = 0usize;
    for (name, text) in &files {
        let src = Source::new(name.as_str(), text);
        let d = lint(&src, &set, &Settings::default());
        diagnostics += d.len();
        let j = json::diagnostics(&FileReport {
            src: &src,
            diagnostics: &d,
        });
        out_bytes += serde_json::to_string(&j).map(|s| s.len()).unwrap_or(0);
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "corpus: {n} reports, {mb:.1} MB ({diagnostics} diagnostics, {out_bytes} bytes of JSON; checksum {sum})"
    );
    println!("scan floor:      {:>8.1} MB/s", mb / floor);
    println!(
        "full pipeline:   {:>8.1} MB/s  {:>8.0} files/s  (one thread)",
        mb / secs,
        n as f64 / secs
    );
}
