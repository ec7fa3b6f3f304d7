//! SARIF output is valid SARIF 2.1.0 (checked against the OASIS schema shipped in
//! tests/schemas) and its fingerprints survive edits above a finding.

mod common;
use common::*;

fn sarif(paths: &[&str]) -> serde_json::Value {
    let mut args = vec!["check", "--format", "sarif"];
    args.extend_from_slice(paths);
    let o = fzlint(&args);
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("SARIF is JSON: {e}\n{}", stderr(&o)))
}

#[test]
fn output_validates_against_the_sarif_schema() {
    let mut schema: serde_json::Value =
        serde_json::from_str(include_str!("schemas/sarif-schema-2.1.0.json")).expect("the schema");
    // The published schema's pattern for run.language has a stray `]` that ECMAScript
    // reads as a literal and Rust's regex engine rejects: escape it, nothing else.
    fn escape_stray_bracket(v: &mut serde_json::Value) -> usize {
        const BAD: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
        match v {
            serde_json::Value::Object(m) => {
                let mut n = 0;
                if m.get("pattern").and_then(|p| p.as_str()) == Some(BAD) {
                    m.insert(
                        "pattern".into(),
                        serde_json::json!(BAD.replace("}]?", "}\\]?")),
                    );
                    n += 1;
                }
                n + m.values_mut().map(escape_stray_bracket).sum::<usize>()
            }
            serde_json::Value::Array(a) => a.iter_mut().map(escape_stray_bracket).sum(),
            _ => 0,
        }
    }
    assert!(escape_stray_bracket(&mut schema) >= 2);
    let validator = jsonschema::validator_for(&schema).expect("a draft-07 schema");
    let doc = sarif(&[
        "examples/sample-report.txt",
        "tests/fixtures/rules/web-residue.txt",
        "tests/fixtures/rules/rate-mismatch.txt",
        // More findings of one rule than a file lists: the rest folded into one result.
        "tests/fixtures/bounds/spaced-headings.txt",
    ]);
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &doc["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let folded: Vec<&serde_json::Value> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["properties"]["folded"].is_u64())
        .collect();
    assert_eq!(folded.len(), 1);
    assert_eq!(folded[0]["ruleId"], "heading-punctuation");
    assert_eq!(folded[0]["properties"]["folded"], 10);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let gap = rules
        .iter()
        .position(|r| r["id"] == "numbering-gap")
        .expect("the rule is described");
    assert_eq!(rules[gap]["defaultConfiguration"]["level"], "error");
    assert!(
        rules[gap]["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("GB/T 9704")
    );
    let result = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "numbering-gap")
        .unwrap();
    assert_eq!(result["ruleIndex"], gap);
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(19), Some(1))
    );
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "examples/sample-report.txt"
    );
}

#[test]
fn fingerprints_do_not_move_with_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read_to_string(root().join("examples/sample-report.txt")).unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(&a, &sample).unwrap();
    let before = sarif(&[&a.display().to_string()]);
    let moved = sample.replacen(
        "\n\n",
        "\n\n全年新增一段说明文字,不改变其后的任何内容。\n\n",
        1,
    );
    std::fs::write(&a, moved).unwrap();
    let after = sarif(&[&a.display().to_string()]);
    let prints = |d: &serde_json::Value| -> Vec<(String, String, u64)> {
        d["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().unwrap().to_string(),
                    r["partialFingerprints"]["fzlintTextHash/v1"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap(),
                )
            })
            .collect()
    };
    let (b, a) = (prints(&before), prints(&after));
    assert_eq!(b.len(), a.len());
    for (x, y) in b.iter().zip(&a) {
        assert_eq!((&x.0, &x.1), (&y.0, &y.1), "same finding, same fingerprint");
    }
    assert!(
        b.iter().zip(&a).any(|(x, y)| x.2 != y.2),
        "the lines did move"
    );
}

#[test]
fn junit_reports_one_case_per_file() {
    let o = fzlint(&[
        "check",
        "--format",
        "junit",
        "examples/clean-report.txt",
        "examples/sample-report.txt",
    ]);
    let out = stdout(&o);
    assert!(
        out.starts_with("<?xml") && out.contains("tests=\"2\" failures=\"1\""),
        "{out}"
    );
    assert!(
        out.contains("<testcase classname=\"fzlint\" name=\"examples/clean-report.txt\"/>"),
        "{out}"
    );
    assert!(out.contains("<failure type=\"invalid-date\""), "{out}");
}

#[test]
fn two_runs_give_byte_identical_machine_output() {
    for format in ["json", "sarif", "junit", "github", "concise"] {
        let args = [
            "check",
            "--format",
            format,
            "examples/",
            "tests/fixtures/rules/",
        ];
        let (a, b) = (fzlint(&args), fzlint(&args));
        assert!(!a.stdout.is_empty());
        assert_eq!(a.stdout, b.stdout, "{format} output differs between runs");
    }
}
