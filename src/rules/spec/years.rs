//! Spans of reported years, as rule files write them.

use serde::{Deserialize, Serialize};

/// A span of reported years, written "2021-2025" (or with —), "2026-" (from 2026 on),
/// "-2020" (up to 2020) or one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(into = "String")]
pub struct YearRange {
    pub from: Option<i32>,
    pub to: Option<i32>,
}

impl YearRange {
    pub fn contains(&self, year: i32) -> bool {
        self.from.is_none_or(|f| year >= f) && self.to.is_none_or(|t| year <= t)
    }

    /// Whether something limited to these years applies to a report on `year`; when
    /// the year is unknown, it does.
    pub fn applies(&self, year: Option<i32>) -> bool {
        year.is_none_or(|y| self.contains(y))
    }

    pub fn parse(s: &str) -> Option<YearRange> {
        let s = s.trim();
        let year = |t: &str| -> Option<Option<i32>> {
            let t = t.trim().trim_end_matches('年');
            if t.is_empty() {
                return Some(None);
            }
            t.parse::<i32>()
                .ok()
                .filter(|y| (1949..=2200).contains(y))
                .map(Some)
        };
        let r = match s.split_once(['-', '—', '–', '~']) {
            Some((a, b)) => YearRange {
                from: year(a)?,
                to: year(b.trim_start_matches('—'))?,
            },
            None => {
                let y = year(s)??;
                YearRange {
                    from: Some(y),
                    to: Some(y),
                }
            }
        };
        let ordered = match (r.from, r.to) {
            (Some(a), Some(b)) => a <= b,
            (None, None) => false,
            _ => true,
        };
        ordered.then_some(r)
    }
}

impl std::fmt::Display for YearRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.from, self.to) {
            (Some(a), Some(b)) if a == b => write!(f, "{a}年"),
            (Some(a), Some(b)) => write!(f, "{a}—{b}年"),
            (Some(a), None) => write!(f, "{a}年起"),
            (None, Some(b)) => write!(f, "{b}年以前"),
            (None, None) => write!(f, "各年"),
        }
    }
}

impl From<YearRange> for String {
    fn from(r: YearRange) -> String {
        let y = |v: Option<i32>| v.map(|v| v.to_string()).unwrap_or_default();
        if r.from == r.to {
            y(r.from)
        } else {
            format!("{}-{}", y(r.from), y(r.to))
        }
    }
}

impl<'de> Deserialize<'de> for YearRange {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        let text = match &v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => String::new(),
        };
        YearRange::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "年份范围应写成 \"2021-2025\"、\"2026-\" 或 \"-2020\"（1949—2200 年），这里是 {v}"
            ))
        })
    }
}

impl schemars::JsonSchema for YearRange {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "YearRange".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Reported years: \"2021-2025\", \"2026-\" (from 2026 on), \"-2020\" (up to 2020), or one year",
            "anyOf": [
                {"type": "string", "pattern": "^\\s*(\\d{4})?\\s*[-—–~]?\\s*(\\d{4})?\\s*$"},
                {"type": "integer", "minimum": 1949, "maximum": 2200}
            ]
        })
    }
}
