//! `fzlint rules`: the rules, one line each (or as JSON).

use super::args::Format;
use super::out::{Out, Status, load_pack};
use anyhow::Result;
use fzlint::render::rules::{items, listing};
use std::path::PathBuf;

pub fn run(format: Format, dirs: &[PathBuf], pack: Option<&str>, out: &mut Out) -> Result<Status> {
    let mut status = Status::default();
    let Some(set) = load_pack(pack, dirs, &mut status) else {
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
