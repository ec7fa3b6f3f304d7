//! `fzlint rules`: the rules, one line each (or as JSON).

use super::args::Format;
use super::load_rules;
use super::out::{Out, Status};
use anyhow::Result;
use fzlint::rules::RuleSet;
use std::path::PathBuf;

pub fn run(format: Format, dirs: &[PathBuf], out: &mut Out) -> Result<Status> {
    let mut status = Status::default();
    let Some(set) = load_rules(dirs, &mut status) else {
        return Ok(status);
    };
    match format {
        Format::Json => {
            out.print(&format!(
                "{}\n",
                serde_json::to_string_pretty(&items(&set))?
            ));
        }
        _ => {
            for r in set.sorted() {
                out.print(&format!(
                    "{:<24} {:<8} {:<10} {}\n",
                    r.spec.id,
                    r.spec.severity.name(),
                    r.spec.category,
                    if r.spec.retired.is_some() {
                        format!("（已停用）{}", r.spec.summary)
                    } else if r.spec.preview {
                        format!("（试用，需 --preview）{}", r.spec.summary)
                    } else {
                        r.spec.summary.clone()
                    }
                ));
            }
            out.print(&format!(
                "共 {} 条规则；fzlint rule <id> 查看说明\n",
                set.rules.len()
            ));
        }
    }
    Ok(status)
}

/// `fzlint rules --format json`: one object per rule.
pub fn items(set: &RuleSet) -> Vec<serde_json::Value> {
    set.sorted()
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.spec.id, "category": r.spec.category,
                "severity": r.spec.severity.name(), "summary": r.spec.summary,
                "builtin": r.builtin, "retired": r.spec.retired.is_some(),
                "preview": r.spec.preview,
                "years": r.spec.years.map(String::from),
            })
        })
        .collect()
}
