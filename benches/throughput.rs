//! fzlint's speed on a generated corpus: prints figures, asserts nothing (these machines
//! are shared and timing is noisy). Run it with `scripts/bench.sh` or `cargo bench
//! --bench throughput`.
//!
//! The corpus is made from the repo's own reports, varied so that no two files are the
//! same and grown to about 10 kB each (real reports run 5–20 kB); every tenth is one long
//! line. It is written once under target/fzlint-bench/ and reused. Three sizes, 1x, 4x
//! and 16x (16x is `FZLINT_BENCH_FILES`, 10,000 files by default), show how the cost grows.
//!
//! For each size it prints:
//! - the floor: reading every file, nothing else (what merely having the bytes costs);
//! - the command line, process start to exit, `check --format json` with every rule, on
//!   one thread and on two: MB/s, files/s, the ratio to the floor, peak memory, and the
//!   CPU time of all the process's threads (with `-j 1` the main thread, which resolves
//!   settings and writes the output, works beside the one lint thread).
//!
//! It also prints the in-process pipeline (decode, parse, every rule, JSON) on one
//! thread, without process start-up or file reading.

// The allocator the command line uses (src/main.rs), so in-process figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use fzlint::render::{FileReport, json};
use fzlint::rules::RuleSet;
use fzlint::text::source::Source;
use fzlint::{Settings, lint};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// The repo's own reports.
fn bases() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<PathBuf> = ["examples", "tests/fixtures/clean", "tests/fixtures/rules"]
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
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

/// Report `i` of the corpus: a base report with years and figures varied, its measures
/// grown with paragraphs of other reports to about 10 kB.
fn report(bases: &[String], i: usize) -> String {
    let base = &bases[i % bases.len()];
    let mut t = base
        .replace("2024", &(2019 + i % 7).to_string())
        .replace("12件", &format!("{}件", i % 97));
    // Paragraphs of other reports (long lines without a heading marker) go in after the
    // first heading, so the report keeps its shape.
    let mut extra = String::new();
    let mut k = i;
    while t.len() + extra.len() < 10_000 {
        k = k.wrapping_mul(31).wrapping_add(7);
        let other = &bases[k % bases.len()];
        for p in other
            .lines()
            .filter(|l| l.chars().count() > 60 && !l.starts_with(['一', '二', '三', '四', '(']))
        {
            extra.push_str(p);
            extra.push('\n');
            if t.len() + extra.len() >= 10_000 {
                break;
            }
        }
        if extra.is_empty() {
            break;
        }
    }
    if let Some(at) = t.find("\n(一)").or_else(|| t.find('\n')) {
        t.insert_str(at + 1, &extra);
    }
    if i.is_multiple_of(10) {
        t = t.replace('\n', "");
    }
    t
}

/// Writes the corpus of `n` files under `dir` unless it is there already.
fn corpus(dir: &Path, n: usize, bases: &[String]) -> (usize, u64) {
    let done = dir.join(".complete");
    if !done.is_file() {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir).expect("the corpus folder can be made");
        for i in 0..n {
            // 100 files to a folder, as an office's folders of units might be.
            let sub = dir.join(format!("{:03}", i / 100));
            if i.is_multiple_of(100) {
                std::fs::create_dir_all(&sub).expect("a corpus subfolder");
            }
            std::fs::write(sub.join(format!("r{i:05}.txt")), report(bases, i))
                .expect("a corpus file is written");
        }
        std::fs::write(&done, "").expect("the corpus is marked complete");
    }
    let mut files = 0;
    let mut bytes = 0;
    for e in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if e.path().extension().is_some_and(|x| x == "txt") {
            files += 1;
            bytes += e.metadata().map(|m| m.len()).unwrap_or(0);
        }
    }
    (files, bytes)
}

/// Seconds to read every file of the corpus once.
fn floor(dir: &Path) -> f64 {
    let t = Instant::now();
    let mut sum = 0u64;
    for e in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if e.path().extension().is_some_and(|x| x == "txt") {
            sum += std::fs::read(e.path()).map(|b| b.len() as u64).unwrap_or(0);
        }
    }
    std::hint::black_box(sum);
    t.elapsed().as_secs_f64()
}

/// Runs the command line; returns (seconds, (peak resident memory in kB, CPU seconds
/// used by all its threads)).
fn run_cli(dir: &Path, threads: usize) -> (f64, (i64, f64)) {
    let t = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_fzlint"))
        .args([
            "check",
            "--format",
            "json",
            "--isolated",
            "--max-file-size",
            "256",
            "-j",
        ])
        .arg(threads.to_string())
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the fzlint binary runs");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value to be filled in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our child, not yet waited for; status and usage are valid pointers.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(r, pid, "wait4 reaps the child");
    drop(child);
    let cpu = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    (
        secs,
        (usage.ru_maxrss, cpu(usage.ru_utime) + cpu(usage.ru_stime)),
    )
}

/// Best of `n` runs: the figure least disturbed by the other users of the machine.
fn best<T: Copy>(n: usize, mut f: impl FnMut() -> (f64, T)) -> (f64, T) {
    (0..n)
        .map(|_| f())
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .expect("at least one run")
}

fn main() {
    let n: usize = std::env::var("FZLINT_BENCH_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
        .max(16);
    let runs: usize = std::env::var("FZLINT_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    let bases = bases();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fzlint-bench");

    // In-process: one thread, no start-up, no file reading.
    let set = RuleSet::builtin().expect("the built-in pack loads");
    let sample: Vec<String> = (0..n.min(2000)).map(|i| report(&bases, i)).collect();
    let bytes: usize = sample.iter().map(String::len).sum();
    let (secs, diagnostics) = best(runs, || {
        let t = Instant::now();
        let mut diagnostics = 0usize;
        for (i, text) in sample.iter().enumerate() {
            let src = Source::new(format!("r{i:05}.txt"), text);
            let d = lint(&src, &set, &Settings::default());
            diagnostics += d.len();
            // The JSON as the command line writes it.
            let body = json::file_body(
                &FileReport {
                    src: &src,
                    diagnostics: &d,
                },
                &set.vocab.version,
            );
            std::hint::black_box(body.map_or(0, |b| b.len()));
        }
        (t.elapsed().as_secs_f64(), diagnostics)
    });
    println!(
        "in-process pipeline: {} reports, {:.1} MB, {diagnostics} diagnostics: {:.1} MB/s, {:.0} files/s (one thread)",
        sample.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs,
        sample.len() as f64 / secs
    );
    println!();
    println!(
        "{:>6} {:>8} | {:>10} | {:>21} {:>8} | {:>21} {:>8} | {:>7}",
        "scale", "files", "read floor", "1 thread", "peak", "2 threads", "peak", "2 vs 1"
    );
    for (scale, count) in [("1x", n / 16), ("4x", n / 4), ("16x", n)] {
        let dir = root.join(format!("corpus-{count}"));
        let (files, size) = corpus(&dir, count, &bases);
        let mb = size as f64 / 1e6;
        // A first read warms the page cache, as a second lint of the same folder would.
        floor(&dir);
        let read = best(runs, || (floor(&dir), ())).0;
        let (one, (mem1, cpu1)) = best(runs, || run_cli(&dir, 1));
        let (two, (mem2, cpu2)) = best(runs, || run_cli(&dir, 2));
        let cell = |s: f64| format!("{:>6.1} MB/s {:>6.0} f/s", mb / s, files as f64 / s);
        println!(
            "{scale:>6} {files:>8} | {:>5.0} MB/s | {} {:>5} MB | {} {:>5} MB | {:>6.2}x",
            mb / read,
            cell(one),
            mem1 / 1024,
            cell(two),
            mem2 / 1024,
            one / two
        );
        println!(
            "{:>6} {:>8} | {:>10} | {:>21} {:>8} | {:>21} {:>8} |",
            "",
            format!("{mb:.1} MB"),
            "",
            format!("{:.0}x floor, CPU {cpu1:.2} s", one / read),
            "",
            format!("{:.0}x floor, CPU {cpu2:.2} s", two / read),
            ""
        );
    }

    // One report as one long line (a page copied without its line breaks), at two sizes:
    // the time per MB and the memory per MB stay the same.
    println!();
    let unit: String = report(&bases, 1).replace('\n', "");
    for mb in [25usize, 100] {
        let path = root.join(format!("oneline-{mb}mb.txt"));
        if std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) < (mb * 1_000_000) as u64 {
            let text = unit.repeat(mb * 1_000_000 / unit.len() + 1);
            std::fs::write(&path, text).expect("the long file is written");
        }
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
        let (secs, (mem, _)) = best(1, || run_cli(&path, 1));
        println!(
            "one line of {size:.0} MB: {secs:.1} s, {:.1} MB/s, peak {} MB",
            size / secs,
            mem / 1024
        );
    }
}
