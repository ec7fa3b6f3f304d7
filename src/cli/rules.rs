//! `fzlint rules`: the rules, one line each (or as JSON).

use super::args::{Format, RuleArgs};
use super::out::{Out, Status, load_pack};
use anyhow::Result;
use fzlint::render::rules::{items, listing};

pub fn run(format: Format, rules: &RuleArgs, out: &mut Out) -> Result<Status> {
    let mut status = Status::default();
    let Some(set) = load_pack(rules.pack.as_deref(), &rules.rules, &mut status) else {
        return Ok(status);
    };
    match format {
        Format::Json => out.print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&items(&set))?
        )),
        _ => out.print(&listing(&set)),
    }
    Ok(status)
}
