//! `fzlint schema`: the JSON Schema of config files or of rule files.

use super::args::SchemaKind;
use super::out::{Out, Status};
use anyhow::Result;

pub fn run(which: SchemaKind, out: &mut Out) -> Result<Status> {
    let schema = match which {
        SchemaKind::Config => fzlint::config::schema(),
        SchemaKind::Rule => fzlint::rules::spec::schema(),
        SchemaKind::Pack => fzlint::pack::vocab::schema(),
    };
    out.print(&format!("{}\n", serde_json::to_string_pretty(&schema)?));
    Ok(Status::default())
}
