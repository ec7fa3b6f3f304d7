//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning reads it. One document for
//! the whole run; columns count Unicode code points, as declared.

use super::{Emitter, FileReport, Tally, fnv};
use crate::diagnostic::Severity;
use crate::rules::{Rule, RuleSet};
use crate::text::Span;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{self, Write};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a URI reference: relative with `/` where possible, bytes outside the
/// unreserved set percent-encoded (Chinese file names are common).
pub fn uri(path: &str) -> String {
    let p = std::path::Path::new(path);
    let cwd = std::env::current_dir().ok().filter(|_| p.is_absolute());
    let rel = cwd.and_then(|c| p.strip_prefix(c).ok().map(|r| r.to_path_buf()));
    let s = rel
        .as_deref()
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/");
    let s = s.strip_prefix("./").unwrap_or(&s).to_string();
    let mut out = String::new();
    if s.starts_with('/') {
        out.push_str("file://");
    }
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The results for one file. Fingerprints rest on the rule, the text the finding
/// points at and which occurrence of that pair it is, not on line numbers: a paragraph
/// inserted above does not change them.
pub fn results(f: &FileReport, rule_index: &dyn Fn(&str) -> Option<usize>) -> Vec<Value> {
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let region = |span: &Span| {
        let ((l, c), (el, ec)) = f.src.span_position(span);
        json!({"startLine": l, "startColumn": c, "endLine": el, "endColumn": ec.max(if el == l { c } else { 1 })})
    };
    let location = |span: &Span| json!({"physicalLocation": {"artifactLocation": {"uri": uri(&f.src.name)}, "region": region(span)}});
    f.diagnostics
        .iter()
        .map(|d| {
            let text = f.src.slice(&d.span).to_string();
            let n = seen.entry((d.rule.clone(), text.clone())).or_insert(0);
            *n += 1;
            let mut r = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": {"text": d.message},
                "locations": [location(&d.span)],
                "partialFingerprints": {"fzlintTextHash/v1": fnv(&[&d.rule, &text, &n.to_string()])},
            });
            if let Some(i) = rule_index(&d.rule) {
                r["ruleIndex"] = json!(i);
            }
            // The one result that stands for a rule's results beyond those listed.
            if d.folded > 0 {
                r["properties"] = json!({"folded": d.folded});
            }
            // The safe fix `--fix` would apply, for editors and bots.
            if let Some(edits) = d.fix.as_ref().filter(|_| f.src.format == crate::text::Format::Text) {
                let replacements: Vec<Value> = edits
                    .iter()
                    .map(|(span, text)| {
                        json!({"deletedRegion": region(span), "insertedContent": {"text": text}})
                    })
                    .collect();
                r["fixes"] = json!([{
                    "description": {"text": d.help.clone().unwrap_or_else(|| d.message.clone())},
                    "artifactChanges": [{"artifactLocation": {"uri": uri(&f.src.name)}, "replacements": replacements}],
                    "properties": {"applicability": "safe"},
                }]);
            }
            if !d.labels.is_empty() {
                r["relatedLocations"] = Value::Array(
                    d.labels
                        .iter()
                        .enumerate()
                        .map(|(i, l)| {
                            let mut loc = location(&l.span);
                            loc["id"] = json!(i);
                            loc["message"] = json!({"text": l.message});
                            loc
                        })
                        .collect(),
                );
            }
            r
        })
        .collect()
}

/// The rule descriptions of the tool driver.
pub fn rules(rules: &[&Rule]) -> Vec<Value> {
    rules
        .iter()
        .map(|r| {
            let s = &r.spec;
            let help = s.help.clone().unwrap_or_else(|| s.summary.clone());
            let mut markdown = format!("**{}**\n\n{}", s.summary, s.rationale.trim());
            if let Some(b) = &s.basis {
                markdown.push_str(&format!("\n\n依据：{b}"));
            }
            markdown.push_str(&format!("\n\n`fzlint rule {}` 查看示例。", s.id));
            json!({
                "id": s.id,
                "name": s.id,
                "shortDescription": {"text": s.summary},
                "fullDescription": {"text": s.rationale.trim()},
                "help": {"text": help, "markdown": markdown},
                "defaultConfiguration": {"level": level(s.severity)},
                "properties": {"category": s.category, "tags": [s.category]},
            })
        })
        .collect()
}

/// The whole document.
pub fn document(rules: Vec<Value>, results: Vec<Value>, pack_version: &str) -> Value {
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "fzlint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
                "properties": {"rulePackVersion": pack_version},
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// The one document, written as the files come: its keys in the order serde_json
/// prints them (sorted), so the results come before the tool and its rules. Each file's
/// results are written when it comes; the rules they refer to (those of every rule set
/// met) are kept until the end. The bytes are those of the whole document pretty-printed
/// at once.
#[derive(Default)]
pub struct SarifEmitter {
    rules: Vec<Value>,
    /// A rule's place in `rules`, by id.
    index: HashMap<String, usize>,
    pack_version: String,
    /// Whether the document's head is written, and whether a result is.
    started: bool,
    results: bool,
}

/// Where the results go in the document: what comes before them, and after.
const RESULTS: &str = "\"results\": []";

/// The document with no results, pretty-printed, cut where its results go.
fn around_results(rules: Vec<Value>, pack_version: &str) -> io::Result<(String, String)> {
    let doc = document(rules, Vec::new(), pack_version);
    let text = serde_json::to_string_pretty(&doc).map_err(io::Error::other)?;
    let at = text
        .find(RESULTS)
        .ok_or_else(|| io::Error::other("SARIF 文档中没有 results"))?;
    Ok((
        text[..at].to_string(),
        text[at + RESULTS.len()..].to_string(),
    ))
}

/// How deep a result stands in the document (spaces).
const RESULT_INDENT: &str = "        ";

impl SarifEmitter {
    fn head(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            let (head, _) = around_results(Vec::new(), "")?;
            out.write_all(head.as_bytes())?;
            out.write_all(b"\"results\": [")?;
        }
        Ok(())
    }
}

impl Emitter for SarifEmitter {
    fn file(&mut self, out: &mut dyn Write, f: &FileReport, set: &RuleSet) -> io::Result<()> {
        self.head(out)?;
        self.pack_version.clone_from(&set.vocab.version);
        // The rules of this file's set not yet described (another folder's set may add
        // an office's own).
        let new: Vec<&Rule> = set
            .sorted()
            .into_iter()
            .filter(|r| !self.index.contains_key(&r.spec.id))
            .collect();
        for (r, v) in new.iter().zip(rules(&new)) {
            self.index.insert(r.spec.id.clone(), self.rules.len());
            self.rules.push(v);
        }
        let index = &self.index;
        let pack = super::named_pack(set);
        for mut r in results(f, &|id| index.get(id).copied()) {
            // A result of a pack other than the default names it.
            if let Some(p) = pack {
                r["properties"]["pack"] = serde_json::json!(p);
            }
            let text = serde_json::to_string_pretty(&r).map_err(io::Error::other)?;
            out.write_all(if self.results { b",\n" } else { b"\n" })?;
            self.results = true;
            for (k, line) in text.lines().enumerate() {
                if k > 0 {
                    out.write_all(b"\n")?;
                }
                out.write_all(RESULT_INDENT.as_bytes())?;
                out.write_all(line.as_bytes())?;
            }
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _: &Tally) -> io::Result<()> {
        self.head(out)?;
        if self.results {
            out.write_all(b"\n      ]")?;
        } else {
            out.write_all(b"]")?;
        }
        let (_, tail) = around_results(std::mem::take(&mut self.rules), &self.pack_version)?;
        writeln!(out, "{tail}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(
            super::uri("reports/报告 1.txt"),
            "reports/%E6%8A%A5%E5%91%8A%201.txt"
        );
        assert_eq!(super::uri("./a.txt"), "a.txt");
    }
}
