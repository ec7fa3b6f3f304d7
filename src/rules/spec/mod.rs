//! The YAML rule format: one file per rule (rules/<category>/<id>.yaml), read into
//! plain data. A rule's check kind and its parameters are declared in [`kinds`].

mod kinds;
mod years;

pub use kinds::{
    AlignSpec, Check, CitationDoc, Condition, Element, GenreKind, Kind, PatternItem, PeriodDoc,
    Scope, TableBalance, TableLines, TableSumItem,
};
pub use years::YearRange;

use crate::diagnostic::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Stable kebab-case id; never renamed or reused.
    pub id: String,
    /// parts, dates, structure, form, hygiene, typography or tables.
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
    /// The rule runs only on reports where these hold (a pattern or a part present or
    /// absent).
    #[serde(default)]
    pub when: Option<Condition>,
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

#[derive(Debug, Clone, Deserialize, serde::Serialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Report texts the rule must find.
    #[serde(default)]
    pub bad: Vec<Example>,
    /// Report texts the rule must leave alone.
    #[serde(default)]
    pub good: Vec<Example>,
}

/// One example: a report text, or a text with what its finding must be.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Example {
    Text(String),
    Expecting(Expecting),
}

/// A bad example that says more than "is reported".
#[derive(Debug, Clone, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Expecting {
    /// The report text.
    pub text: String,
    /// A part of the message every finding must carry (all of it, or a few words).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The line (from 1) of the text where the first finding must be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// How many findings the rule must give.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
}

impl Example {
    /// The report text.
    pub fn text(&self) -> &str {
        match self {
            Example::Text(t) => t,
            Example::Expecting(e) => &e.text,
        }
    }

    /// What it expects beyond being reported, if anything.
    pub fn expecting(&self) -> Option<&Expecting> {
        match self {
            Example::Text(_) => None,
            Example::Expecting(e) => Some(e),
        }
    }
}

/// An example is a string or a map; read by hand so that a mistake in the map is told
/// as the map's own (an unknown key, a wrong type), not as "matches no form".
impl<'de> Deserialize<'de> for Example {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Example;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("报告文本，或含 text 的映射（text、message、line、count）")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Example, E> {
                Ok(Example::Text(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Example, E> {
                Ok(Example::Text(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, m: A) -> Result<Example, A::Error> {
                Expecting::deserialize(serde::de::value::MapAccessDeserializer::new(m))
                    .map(Example::Expecting)
            }
        }
        d.deserialize_any(V)
    }
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
    /// Examples written for the changed rule; they replace the rule's own.
    #[serde(default)]
    pub examples: Option<Examples>,
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
