//! Helpers shared by the integration tests: run the real binary, read its JSON.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fzlint(args: &[&str]) -> Output {
    fzlint_stdin(args, None)
}

pub fn fzlint_stdin(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fzlint"));
    cmd.args(args).current_dir(root()).env_remove("NO_COLOR");
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the fzlint binary runs");
    if let Some(text) = stdin {
        use std::io::Write;
        let mut pipe = child.stdin.take().expect("stdin is piped");
        pipe.write_all(text.as_bytes())
            .expect("stdin accepts the report");
    }
    child.wait_with_output().expect("fzlint finishes")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `fzlint check --format json` on the given paths.
pub fn check_json(paths: &[&Path]) -> (i32, Vec<serde_json::Value>) {
    let mut args = vec!["check".to_string(), "--format".into(), "json".into()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = fzlint(&refs);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is JSON ({e}): {}\nstderr: {}",
            stdout(&o),
            stderr(&o)
        )
    });
    (
        o.status.code().unwrap_or(-1),
        v.as_array().cloned().expect("a JSON array"),
    )
}

/// 1-based line and column (in characters) of the first occurrence of `needle`.
pub fn position(text: &str, needle: &str) -> (u64, u64) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("the text contains {needle:?}"));
    let before = &text[..at];
    let line = before.matches('\n').count() as u64 + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() as u64 + 1;
    (line, col)
}

pub fn num(d: &serde_json::Value, k: &str) -> u64 {
    d[k].as_u64()
        .unwrap_or_else(|| panic!("{k} is a number in {d}"))
}

/// Whether a diagnostic's range holds the position (end exclusive, but a position at
/// the start of a zero-width range counts).
pub fn covers(d: &serde_json::Value, pos: (u64, u64)) -> bool {
    let start = (num(d, "line"), num(d, "column"));
    let end = (num(d, "end_line"), num(d, "end_column"));
    start <= pos && (pos < end || pos == start)
}

pub fn rule(d: &serde_json::Value) -> &str {
    d["rule"].as_str().unwrap_or("")
}

/// Every rule id of the catalogue (../shared/design/rules.md).
pub const CATALOGUE: &[&str] = &[
    "missing-measures",
    "missing-shortcomings",
    "unheaded-shortcomings",
    "missing-causes",
    "thin-shortcomings",
    "missing-duties",
    "missing-plan",
    "unheaded-plan",
    "part-order",
    "missing-title",
    "title-year-missing",
    "year-mismatch",
    "plan-year-mismatch",
    "invalid-date",
    "date-format",
    "late-publication",
    "early-publication",
    "numbering-gap",
    "numbering-style",
    "level-skip",
    "empty-section",
    "duplicate-heading",
    "heading-punctuation",
    "request-in-report",
    "preamble-formula",
    "citation-form",
    "placeholder",
    "web-residue",
    "unmatched-pair",
    "mixed-punctuation-width",
    "genre",
    "rate-mismatch",
];

/// The ids `fzlint rules --format json` lists with these further arguments.
pub fn rule_ids(args: &[&str]) -> Vec<String> {
    let mut all = vec!["rules", "--format", "json"];
    all.extend_from_slice(args);
    let o = fzlint(&all);
    assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("rules JSON");
    v.as_array()
        .expect("an array")
        .iter()
        .map(|r| r["id"].as_str().expect("an id").to_string())
        .collect()
}
