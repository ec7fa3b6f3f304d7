//! What the packaging checks (tests/windows.rs, tests/packaging.rs) share: running an
//! outside program with a time limit, and skipping a check whose tools are absent,
//! unless an environment switch says it is required.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Says on the terminal why a check did not run, or fails when `require` (an
/// environment variable such as FZLINT_REQUIRE_WHEEL) is set. build.rs marks such a
/// check ignored when its tools are absent; this is for tools that went after the build.
/// The line is written to stderr directly, not through `eprintln!`, so that `cargo test`
/// shows it even though the test passes.
pub fn skip_or_fail(require: &str, check: &str, why: &str) {
    assert!(
        std::env::var_os(require).is_none_or(|v| v.is_empty() || v == "0"),
        "{check} required ({require} is set) but cannot run: {why}"
    );
    let _ = writeln!(std::io::stderr(), "SKIPPED {check}: {why}");
}

/// Runs `cmd` with stdin closed and its output collected; kills it and fails after
/// `limit` (a hung Wine or pip must not hang the test suite).
pub fn run(cmd: &mut Command, limit: Duration) -> Output {
    let what = format!("{cmd:?}");
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = r.read_to_end(&mut v);
            v
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("stdout is piped")));
    let err = drain(Box::new(child.stderr.take().expect("stderr is piped")));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Output {
        status,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    }
}

/// Runs `cmd` and fails, showing its output, unless it exits 0.
pub fn run_ok(cmd: &mut Command, limit: Duration) -> Output {
    let what = format!("{cmd:?}");
    let o = run(cmd, limit);
    assert!(
        o.status.success(),
        "{what} failed ({}):\n{}",
        o.status,
        text(&o)
    );
    o
}

/// Both streams of an output, for failure messages.
pub fn text(o: &Output) -> String {
    format!(
        "--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The last line a script printed on stdout (the scripts print their product's path
/// there), as a path under the repository when it is relative.
pub fn printed_path(o: &Output, root: &Path) -> PathBuf {
    let s = String::from_utf8_lossy(&o.stdout);
    let last = s.lines().last().unwrap_or_default().trim();
    root.join(last)
}

/// Whether `program` can be found on PATH.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(program).is_file()))
}

/// The findings of `fzlint check --format json` output, each as (rule, line, column,
/// end line, end column), for a readable failure message.
pub fn findings(json: &[u8]) -> Vec<(String, u64, u64, u64, u64)> {
    let v: serde_json::Value = serde_json::from_slice(json).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}",
            String::from_utf8_lossy(&json[..json.len().min(2000)])
        )
    });
    let n = |d: &serde_json::Value, k: &str| d[k].as_u64().unwrap_or(0);
    v.as_array()
        .expect("a JSON array")
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or_default().to_string(),
                n(d, "line"),
                n(d, "column"),
                n(d, "end_line"),
                n(d, "end_column"),
            )
        })
        .collect()
}
