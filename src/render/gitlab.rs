//! `--format gitlab`: GitLab Code Quality, a JSON array of issues, one per diagnostic
//! (`artifacts: reports: codequality:` in a job shows them in merge requests).

use super::{Emitter, FileReport, Tally, fnv};
use crate::diagnostic::Severity;
use crate::rules::RuleSet;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{self, Write};

/// GitLab's severities: info, minor, major, critical, blocker.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// The path as GitLab wants it: relative, with forward slashes.
fn path(name: &str) -> String {
    let s = name.replace('\\', "/");
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

/// One file's issues. A fingerprint rests on the path, the rule, the text the finding
/// points at and which occurrence of that pair it is, not on line numbers.
pub fn issues(f: &FileReport) -> Vec<Value> {
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    let file = path(&f.src.name);
    f.diagnostics
        .iter()
        .map(|d| {
            let text = f.src.slice(&d.span);
            let n = seen.entry((d.rule.as_str(), text)).or_insert(0);
            *n += 1;
            let ((line, _), (end_line, _)) = f.src.span_position(&d.span);
            json!({
                "type": "issue",
                "check_name": d.rule,
                "description": d.message,
                "categories": ["Style"],
                "severity": severity(d.severity),
                "fingerprint": fnv(&[&file, &d.rule, text, &n.to_string()]),
                "location": {"path": file, "lines": {"begin": line, "end": end_line}},
            })
        })
        .collect()
}

/// The issues, kept until the run's end, then the whole array.
#[derive(Default)]
pub struct GitlabEmitter {
    issues: Vec<Value>,
}

impl Emitter for GitlabEmitter {
    fn file(&mut self, _: &mut dyn Write, f: &FileReport, _: &RuleSet) -> io::Result<()> {
        self.issues.extend(issues(f));
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _: &Tally) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.issues)?;
        out.write_all(b"\n")
    }
}
