//! `--statistics`: how many findings each rule has, instead of the findings (human or
//! JSON).

use super::{Emitter, Tally};
use std::io::{self, Write};

pub struct StatisticsEmitter {
    pub json: bool,
}

impl Emitter for StatisticsEmitter {
    /// The rules, the most findings first (then by id).
    fn finish(&mut self, out: &mut dyn Write, tally: &Tally) -> io::Result<()> {
        let mut rows: Vec<_> = tally.rules.iter().collect();
        rows.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
        if self.json {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|(id, c)| {
                    serde_json::json!({"rule": id, "severity": c.severity.name(), "count": c.count})
                })
                .collect();
            let text = serde_json::to_string_pretty(&items).map_err(io::Error::other)?;
            return writeln!(out, "{text}");
        }
        for (id, c) in &rows {
            writeln!(
                out,
                "{:>6}  {:<8} {:<24} {}",
                c.count,
                c.severity.name(),
                id,
                c.summary
            )?;
        }
        out.write_all(tally.totals.summary().as_bytes())
    }
}
