//! The YAML rule format: one file per rule (rules/<category>/<id>.yaml), read into
//! plain data. A rule's check kind and its parameters are declared in [`kinds`].

mod kinds;
mod years;

pub use kinds::{Check, CitationDoc, GenreKind, Kind, PatternItem, PeriodDoc, Scope};
pub use years::YearRange;

use crate::diagnostic::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Stable kebab-case id; never renamed or reused.
    pub id: String,
    /// parts, dates, structure, form or hygiene.
    pub category: String,
    pub severity: Severity,
    /// One line for `fzlint rules`.
    pub summary: String,
    /// The diagnostic's message; `{name}` is replaced by what the check found.
    pub message: String,
    /// Text under the primary caret.
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub help: Option<String>,
    /// Messages for particular findings of the check (for example a first heading
    /// numbered wrongly rather than a gap between two siblings).
    #[serde(default)]
    pub variants: BTreeMap<String, Variant>,
    /// Wording of the secondary labels the check puts on other places (the previous
    /// sibling heading, the title's year …), by name; `{name}` is replaced as in the
    /// message. A label not given keeps the kind's wording.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// What the rule checks and why.
    pub rationale: String,
    /// The regulation or standard it rests on.
    #[serde(default)]
    pub basis: Option<String>,
    pub check: Check,
    pub examples: Examples,
    /// A retired rule keeps its file and id, and says so here.
    #[serde(default)]
    pub retired: Option<String>,
    /// When this rule fires, these rules are not reported for the file (one defect,
    /// one diagnostic: a report of another genre is not also missing every part).
    #[serde(default)]
    pub suppresses: Vec<String>,
    /// The reported years the rule applies to ("2021-2025", "2026-", "-2020"); it does
    /// not run on reports on other years. Without it, every year.
    #[serde(default)]
    pub years: Option<YearRange>,
    /// A rule still being tried: it runs only when asked for (`--preview`, `preview: true`
    /// in the config, or its id named in `--select` or under `rules:`).
    #[serde(default)]
    pub preview: bool,
}

impl RuleSpec {
    /// The wording of the secondary label `name`: the rule's, else its kind's.
    pub fn label_wording(&self, name: &str) -> &str {
        match self.labels.get(name) {
            Some(w) => w,
            None => self.check.kind().label(name).unwrap_or_default(),
        }
    }
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub message: String,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub help: Option<String>,
}

#[derive(Debug, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub bad: Vec<String>,
    #[serde(default)]
    pub good: Vec<String>,
}

/// A user's file that changes a built-in rule without copying it:
/// `override: late-publication`, then `severity:` and `params: {deadline: "03-01"}`.
#[derive(Debug, Clone, Default, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleOverride {
    #[serde(rename = "override")]
    pub target: String,
    #[serde(default)]
    pub severity: Option<Severity>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub help: Option<String>,
    /// Wording of secondary labels, merged into the rule's `labels:`.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Merged into the rule's `check:` (its `kind` cannot change).
    #[serde(default)]
    pub params: serde_json::Map<String, serde_json::Value>,
}

/// A rule file: a rule, or a change to an existing rule. Only used to describe the
/// file format (`fzlint schema rule`); files are read as one or the other.
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum RuleFile {
    Rule(Box<RuleSpec>),
    Override(RuleOverride),
}

/// The JSON Schema of rule files, for editors (shipped as schemas/fzlint-rule.schema.json).
pub fn schema() -> serde_json::Value {
    let mut s = serde_json::to_value(schemars::schema_for!(RuleFile)).unwrap_or_default();
    s["title"] = serde_json::json!("fzlint rule file");
    s
}
