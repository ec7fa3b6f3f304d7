//! The verdict on each report (通过, 补充后通过, 退回修改), from its findings and its
//! contents under the office's settings (`verdict:` in `.fzlint.yaml`), with the
//! reasons in words.

use super::Entry;
use super::reading::{Status, contents, failure, lateness, severity_counts};
pub use crate::config::{Verdict, VerdictRules};

/// A report's verdict and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub verdict: Verdict,
    /// The defects that led to the verdict, strictest first, in words ("错误 3 处").
    pub reasons: Vec<String>,
    /// What the report may keep as it is (warnings and notes under a verdict that does
    /// not send them back), in words.
    pub notes: Vec<String>,
}

impl Decision {
    /// The verdict as a cell reads: the word, and for a report passed with notes,
    /// the word 附意见.
    pub fn label(&self) -> String {
        if self.verdict == Verdict::Pass && !self.notes.is_empty() {
            format!("{}（附意见）", self.verdict.word())
        } else {
            self.verdict.word().to_string()
        }
    }

    /// The reasons and notes in one sentence for a cell.
    pub fn basis(&self) -> String {
        let mut parts = self.reasons.clone();
        if !self.notes.is_empty() {
            parts.push(format!("可不修改：{}", self.notes.join("，")));
        }
        parts.join("；")
    }
}

/// The required contents a report misses: each column's part, with its name.
pub fn missing_contents(e: &Entry) -> Vec<(crate::pack::Part, &str)> {
    let Some(o) = e.outline.as_ref() else {
        return Vec::new();
    };
    contents(o, &e.view)
        .into_iter()
        .filter(|c| c.status == Status::Missing)
        .map(|c| (c.part, c.label))
        .collect()
}

/// The verdict on an entry under its rules. A file that could not be read goes back
/// (it has to be sent again in a form that can be read).
pub fn decide(e: &Entry) -> Decision {
    let rules = &e.verdict_rules;
    if failure(e).is_some() {
        return Decision {
            verdict: Verdict::Return,
            reasons: vec!["文件无法读取".into()],
            notes: Vec::new(),
        };
    }
    let (errors, warnings, infos) = severity_counts(e);
    let missing = missing_contents(e);
    let mut found: Vec<(Verdict, String)> = Vec::new();
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|(_, name)| *name).collect();
        found.push((rules.missing, format!("缺少{}", names.join("、"))));
    }
    if errors > 0 {
        found.push((rules.error, format!("错误 {errors} 处")));
    }
    if lateness(e) == Some(true) {
        found.push((rules.late, "逾期公开".into()));
    }
    if warnings > 0 {
        found.push((rules.warning, format!("警告 {warnings} 处")));
    }
    let verdict = found.iter().map(|f| f.0).max().unwrap_or(Verdict::Pass);
    let (mut reasons, mut notes) = (Vec::new(), Vec::new());
    for (v, words) in found {
        if v > Verdict::Pass {
            reasons.push(words);
        } else {
            notes.push(words);
        }
    }
    if infos > 0 {
        notes.push(format!("提示 {infos} 处"));
    }
    Decision {
        verdict,
        reasons,
        notes,
    }
}
