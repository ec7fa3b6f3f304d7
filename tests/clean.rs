//! Clean reports stay clean: reports of our own in different styles get no error and
//! no warning.

mod common;
use common::*;
use std::path::PathBuf;

fn clean_reports() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/clean"))
        .expect("the clean fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v.push(root().join("examples/clean-report.txt"));
    v
}

#[test]
fn clean_reports_get_no_error_and_no_warning() {
    let files = clean_reports();
    assert!(files.len() >= 4, "three styles and the example: {files:?}");
    let refs: Vec<&std::path::Path> = files.iter().map(PathBuf::as_path).collect();
    let (code, diags) = check_json(&refs);
    let loud: Vec<_> = diags.iter().filter(|d| d["severity"] != "info").collect();
    assert!(loud.is_empty(), "{loud:#?}");
    assert_eq!(code, 0);
}

#[test]
fn the_styles_are_what_they_claim() {
    let read = |name: &str| {
        std::fs::read_to_string(root().join("tests/fixtures/clean").join(name)).unwrap()
    };
    let full = read("department-fullwidth.txt");
    assert!(
        full.contains('（') && full.contains('，') && !full.contains('('),
        "full-width throughout"
    );
    let half = read("township-halfwidth.txt");
    assert!(
        half.contains("(一)") && !half.contains('（') && !half.contains('，'),
        "half-width throughout"
    );
    // Continuous level-3 numbering: the outline shows a level-3 number 4 under (二).
    let o = fzlint(&[
        "outline",
        "--format",
        "json",
        "tests/fixtures/clean/city-continuous-numbering.txt",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let hs = v["headings"].as_array().unwrap();
    let second = hs
        .iter()
        .position(|h| h["level"] == 2 && h["number"] == 2)
        .expect("(二)");
    assert_eq!(hs[second + 1]["level"], 3);
    assert_eq!(hs[second + 1]["number"], 4, "{}", hs[second + 1]);
}
