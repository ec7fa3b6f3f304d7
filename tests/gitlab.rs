//! `--format gitlab` is a GitLab Code Quality report: it has the shape GitLab documents
//! (tests/schemas/gitlab-code-quality.schema.json), says what `--format json` says, and
//! its fingerprints are unique and survive edits above a finding.

mod common;
use common::*;

fn run(format: &str, paths: &[&str]) -> serde_json::Value {
    let mut args = vec!["check", "--isolated", "--format", format];
    args.extend_from_slice(paths);
    let o = fzlint(&args);
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{format} is JSON: {e}\n{}", stderr(&o)))
}

#[test]
fn the_report_has_gitlabs_shape_and_the_findings_of_json() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("schemas/gitlab-code-quality.schema.json"))
            .expect("the schema");
    let validator = jsonschema::validator_for(&schema).expect("a draft-07 schema");
    let paths = ["examples/sample-report.txt", "examples/clean-report.txt"];
    let report = run("gitlab", &paths);
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let issues = report.as_array().expect("an array");
    let json = run("json", &paths);
    let findings = json.as_array().expect("an array");
    assert!(!findings.is_empty());
    assert_eq!(issues.len(), findings.len());
    for (i, d) in issues.iter().zip(findings) {
        assert_eq!(i["check_name"], d["rule"]);
        assert_eq!(i["description"], d["message"]);
        assert_eq!(i["location"]["path"], d["path"]);
        assert_eq!(i["location"]["lines"]["begin"], d["line"]);
        let want = match d["severity"].as_str() {
            Some("error") => "major",
            Some("warning") => "minor",
            _ => "info",
        };
        assert_eq!(i["severity"], want);
    }
    let mut prints: Vec<&str> = issues
        .iter()
        .filter_map(|i| i["fingerprint"].as_str())
        .collect();
    prints.sort_unstable();
    prints.dedup();
    assert_eq!(prints.len(), issues.len(), "fingerprints are unique");
    // Nothing found: an empty array, which GitLab reads as no issues.
    assert_eq!(
        run("gitlab", &["examples/clean-report.txt"]),
        serde_json::json!([])
    );
}

#[test]
fn fingerprints_survive_a_paragraph_added_above() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let text = std::fs::read_to_string(root().join("examples/sample-report.txt")).unwrap();
    let (title, rest) = text.split_once('\n').unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(&a, &text).unwrap();
    let before = run("gitlab", &[a.to_str().unwrap()]);
    std::fs::write(&a, format!("{title}\n\n补充说明一段。\n{rest}")).unwrap();
    let after = run("gitlab", &[a.to_str().unwrap()]);
    let prints = |v: &serde_json::Value| -> Vec<(String, String)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|i| {
                let rule = i["check_name"].as_str().unwrap().to_string();
                (rule, i["fingerprint"].as_str().unwrap().to_string())
            })
            .collect()
    };
    let (b, a) = (prints(&before), prints(&after));
    assert!(b.len() >= 3, "{b:?}");
    // Every finding moved down two lines and kept its fingerprint.
    for x in &b {
        assert!(a.contains(x), "{x:?} lost its fingerprint: {a:?}");
    }
}
