//! Findings as data: what is wrong, where (byte spans in the normalised text), and
//! what to do. Line and column appear only when rendering.

use crate::text::Span;
use serde::{Deserialize, Serialize};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The severity in words, for a drafter.
    pub fn words(self) -> &'static str {
        match self {
            Severity::Info => "提示",
            Severity::Warning => "警告",
            Severity::Error => "错误",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    /// Where it is wrong.
    pub span: Span,
    /// The text under the primary caret.
    pub label: String,
    /// Related places (the previous sibling heading, the title year …).
    pub labels: Vec<Label>,
    pub help: Option<String>,
    /// The basis (a regulation or standard), when the rule comes from one.
    pub note: Option<String>,
    /// Replacements that mend it, when a safe one exists (spans in the normalised text,
    /// replacement text as it should appear in the file).
    pub fix: Option<Vec<(Span, String)>>,
    /// For the one finding that stands for a rule's findings beyond those listed in a
    /// file (`max_findings_per_rule`): how many it stands for; 0 for any other.
    pub folded: usize,
}
