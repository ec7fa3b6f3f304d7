//! The names of the contents a report must carry.

use serde::Serialize;

/// The contents a 法治政府建设年度报告 must carry (督察工作规定, Article 25).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Measures,
    Shortcomings,
    Causes,
    Duties,
    Plan,
    Other,
}

impl Part {
    pub const ALL: [Part; 6] = [
        Part::Measures,
        Part::Shortcomings,
        Part::Causes,
        Part::Duties,
        Part::Plan,
        Part::Other,
    ];

    /// The part's name as a drafter knows it.
    pub fn label(self) -> &'static str {
        match self {
            Part::Measures => "主要举措和成效",
            Part::Shortcomings => "存在的不足",
            Part::Causes => "原因分析",
            Part::Duties => "主要负责人履职",
            Part::Plan => "下一年度工作安排",
            Part::Other => "其他事项",
        }
    }
}
