//! Baselines: findings recorded once (`--write-baseline`) and not reported again
//! (`--baseline`). A finding is matched by its rule, the text it points at and the text
//! around it on its line, never by line numbers (a paragraph inserted above does not
//! bring it back; editing the words around it does), in its file: the file of the same
//! path, or a file of the same text under another name (a draft renamed). A record may
//! carry the `reason` it was accepted for; writing the baseline again keeps it.

use crate::diagnostic::Diagnostic;
use crate::text::source::Source;
use serde::{Deserialize, Serialize};

/// The baseline file's format version.
const FORMAT: u32 = 1;

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    /// The text the finding points at (at most [`TEXT_CHARS`] characters).
    pub text: String,
    /// The text around it on its line: up to [`CONTEXT_CHARS`] characters each side.
    pub context: String,
    /// A fingerprint of the whole file's text when recorded (FNV-1a, 64 bits, in hex):
    /// the record still matches the file under another name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
    /// Why the finding is accepted, written by whoever keeps the baseline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Entry {
    /// What a finding is matched by, the file aside.
    fn key(&self) -> (&str, &str, &str) {
        (&self.rule, &self.text, &self.context)
    }
}

/// How much of the text a finding points at is recorded.
pub const TEXT_CHARS: usize = 80;
/// How much text either side of a finding is recorded.
pub const CONTEXT_CHARS: usize = 30;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    fzlint_baseline: u32,
    findings: Vec<Entry>,
}

#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("无法读取基线文件：{0}")]
    Io(String),
    #[error("基线文件格式有误（第 {line} 行第 {column} 列）：{message}")]
    Format {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("基线文件版本 {0} 不受支持（本版 fzlint 读取版本 {FORMAT}）")]
    Version(u32),
}

/// A path as recorded: forward slashes, no leading `./`.
fn normalise_path(p: &str) -> String {
    p.replace('\\', "/").trim_start_matches("./").to_string()
}

/// The entries recording the findings of a file.
pub fn entries(src: &Source, diags: &[Diagnostic]) -> Vec<Entry> {
    let file = fingerprint(&src.text);
    diags
        .iter()
        .map(|d| Entry {
            file: file.clone(),
            ..entry(src, d)
        })
        .collect()
}

/// FNV-1a over the text's bytes: stable across builds and platforms.
fn fingerprint(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// The entry recording a finding of a file (without the file's fingerprint).
fn entry(src: &Source, d: &Diagnostic) -> Entry {
    let start = src.clamp(d.span.start);
    let end = src.clamp(d.span.end).max(start);
    let line = src.line_range(src.line_index(start));
    let end = end.min(line.end.max(start));
    // Bounded either side, so a finding on a very long line costs little.
    let before: String = {
        let b = &src.text[line.start.min(start)..start];
        let skip = b.chars().count().saturating_sub(CONTEXT_CHARS);
        b.chars().skip(skip).collect()
    };
    let after: String = src.text[end..line.end.max(end)]
        .chars()
        .take(CONTEXT_CHARS)
        .collect();
    let text: String = src.text[start..end].chars().take(TEXT_CHARS).collect();
    Entry {
        path: normalise_path(&src.name),
        rule: d.rule.clone(),
        context: format!("{}{text}{}", before.trim_start(), after.trim_end()),
        text: text.trim().to_string(),
        file: String::new(),
        reason: None,
    }
}

/// Recorded findings: each silences one finding.
#[derive(Debug, Default)]
pub struct Baseline {
    records: Vec<Entry>,
    /// Whether each record has silenced a finding in this run.
    used: Vec<bool>,
    /// (file, rule) pairs that were checked in this run: only their records can be
    /// found unused.
    checked: std::collections::HashSet<(String, String)>,
}

impl Baseline {
    pub fn parse(text: &str) -> Result<Baseline, BaselineError> {
        let file: BaselineFile = serde_json::from_str(text).map_err(|e| BaselineError::Format {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        if file.fzlint_baseline != FORMAT {
            return Err(BaselineError::Version(file.fzlint_baseline));
        }
        Ok(Baseline {
            used: vec![false; file.findings.len()],
            records: file.findings,
            checked: Default::default(),
        })
    }

    pub fn load(path: &std::path::Path) -> Result<Baseline, BaselineError> {
        let text = std::fs::read_to_string(path).map_err(|e| BaselineError::Io(e.to_string()))?;
        Baseline::parse(&text)
    }

    /// The first record not used yet that records `e`: of its path, else of a file of
    /// the same text.
    fn find(&self, e: &Entry) -> Option<usize> {
        let free = |i: &usize| !self.used[*i] && self.records[*i].key() == e.key();
        let of_path = (0..self.records.len()).find(|i| free(i) && self.records[*i].path == e.path);
        of_path.or_else(|| {
            (0..self.records.len())
                .find(|i| free(i) && !e.file.is_empty() && self.records[*i].file == e.file)
        })
    }

    /// Drops the findings the baseline records, using each record once. `ran` names the
    /// rules that ran on the file (and could report at the level asked for).
    pub fn filter(&mut self, src: &Source, diags: &mut Vec<Diagnostic>, ran: &[&str]) {
        let path = normalise_path(&src.name);
        let checked = ran.iter().map(|r| (path.clone(), r.to_string()));
        self.checked.extend(checked);
        let mut records = entries(src, diags).into_iter();
        diags.retain(|_| {
            let found = records.next().and_then(|e| self.find(&e));
            if let Some(i) = found {
                self.used[i] = true;
            }
            found.is_none()
        });
    }

    /// Records that matched nothing in this run, among those whose file was linted by
    /// their rule.
    pub fn unused(&self) -> Vec<&Entry> {
        let checked = |e: &Entry| self.checked.contains(&(e.path.clone(), e.rule.clone()));
        self.records
            .iter()
            .zip(&self.used)
            .filter(|(e, used)| !**used && checked(e))
            .map(|(e, _)| e)
            .collect()
    }

    /// The reason recorded for a finding like `e`, if any (kept when a baseline is
    /// written again).
    pub fn reason_for(&self, e: &Entry) -> Option<&String> {
        let same_file = |r: &Entry| r.path == e.path || (!e.file.is_empty() && r.file == e.file);
        self.records
            .iter()
            .filter(|r| r.key() == e.key() && same_file(r))
            .find_map(|r| r.reason.as_ref())
    }
}

/// The baseline file for these findings, sorted so that it diffs well; the reasons
/// `previous` (the baseline written before) gives its records are kept.
pub fn write(mut entries: Vec<Entry>, previous: Option<&Baseline>) -> String {
    if let Some(p) = previous {
        for e in &mut entries {
            e.reason = p.reason_for(e).cloned();
        }
    }
    entries.sort();
    let file = BaselineFile {
        fzlint_baseline: FORMAT,
        findings: entries,
    };
    serde_json::to_string_pretty(&file).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn diag(src: &Source, rule: &str, needle: &str) -> Diagnostic {
        let at = src.text.find(needle).expect("the needle is in the text");
        Diagnostic {
            rule: rule.into(),
            severity: Severity::Error,
            message: String::new(),
            span: at..at + needle.len(),
            label: String::new(),
            labels: Vec::new(),
            help: None,
            note: None,
            fix: None,
            folded: 0,
        }
    }

    #[test]
    fn findings_survive_lines_inserted_above_but_not_edits() {
        let before = Source::new("./a.txt", "一、做法\n二、不足\n四、安排\n");
        let recorded = write(
            entries(&before, &[diag(&before, "numbering-gap", "四、")]),
            None,
        );
        assert!(recorded.contains("\"path\": \"a.txt\""), "{recorded}");
        assert!(recorded.contains("\"context\": \"四、安排\""), "{recorded}");
        let mut b = Baseline::parse(&recorded).unwrap();
        let after = Source::new("a.txt", "前言\n一、做法\n二、不足\n四、安排\n");
        let mut ds = vec![
            diag(&after, "numbering-gap", "四、"),
            diag(&after, "placeholder", "前言"),
        ];
        b.filter(&after, &mut ds, &["numbering-gap", "placeholder"]);
        assert_eq!(ds.len(), 1);
        assert_eq!(ds[0].rule, "placeholder");
        assert!(b.unused().is_empty());
        // The line edited: the finding is new.
        let mut b = Baseline::parse(&recorded).unwrap();
        let edited = Source::new("a.txt", "一、做法\n二、不足\n四、明年安排\n");
        let mut ds = vec![diag(&edited, "numbering-gap", "四、")];
        b.filter(&edited, &mut ds, &["numbering-gap"]);
        assert_eq!(ds.len(), 1);
        assert_eq!(b.unused().len(), 1);
        // A record whose rule did not run is not unused.
        let mut b = Baseline::parse(&recorded).unwrap();
        b.filter(&edited, &mut vec![], &["placeholder"]);
        assert!(b.unused().is_empty());
    }

    #[test]
    fn bad_files_say_where() {
        let e = Baseline::parse("{\"fzlint_baseline\": 1,\n \"findings\": [x]}").unwrap_err();
        assert!(e.to_string().contains("第 2 行"), "{e}");
        let e = Baseline::parse("{\"fzlint_baseline\": 9, \"findings\": []}").unwrap_err();
        assert!(e.to_string().contains("版本 9"), "{e}");
    }

    #[test]
    fn a_finding_on_a_long_line_records_a_bounded_context() {
        let line = "甲".repeat(100_000) + "XX" + &"乙".repeat(100_000);
        let src = Source::new("a.txt", &line);
        let e = entry(&src, &diag(&src, "placeholder", "XX"));
        assert_eq!(e.text, "XX");
        assert_eq!(
            e.context,
            "甲".repeat(CONTEXT_CHARS) + "XX" + &"乙".repeat(CONTEXT_CHARS)
        );
    }
}
