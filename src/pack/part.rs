//! The name of a part of a report, as its pack defines it.
//!
//! A pack's YAML lists its parts (an id such as `measures`, a Chinese name, how each is
//! recognised); Rust knows a part only by its id. Ids are interned, so a [`Part`] is a
//! copyable handle that compares as its id; the order of parts and their names belong
//! to the pack ([`crate::pack::vocab::Vocab::parts`], [`crate::pack::vocab::Vocab::label`]).

use serde::{Deserialize, Deserializer, Serialize};
use std::sync::Mutex;

/// A part's id, interned. Parts compare as their ids' text.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Part(&'static str);

/// Every id ever named, each leaked once: a process names a few dozen at most.
static IDS: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());

impl Part {
    /// The part with this id.
    pub fn named(id: &str) -> Part {
        let mut ids = IDS.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&known) = ids.iter().find(|&&k| k == id) {
            return Part(known);
        }
        let leaked: &'static str = Box::leak(id.to_string().into_boxed_str());
        ids.push(leaked);
        Part(leaked)
    }

    /// The part with this id, where the id is written in the code (a test's).
    pub const fn from_static(id: &'static str) -> Part {
        Part(id)
    }

    pub fn id(self) -> &'static str {
        self.0
    }
}

impl std::fmt::Debug for Part {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::fmt::Display for Part {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl<'de> Deserialize<'de> for Part {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Part, D::Error> {
        let id = String::deserialize(d)?;
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        {
            return Err(serde::de::Error::custom(format!(
                "部分的标识“{id}”只能由小写英文字母、数字、-和_组成"
            )));
        }
        Ok(Part::named(&id))
    }
}

impl schemars::JsonSchema for Part {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Part".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[a-z0-9_-]+$",
            "description": "A part's id, as the pack defines it (measures, shortcomings …)."
        })
    }
}
