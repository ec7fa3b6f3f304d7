//! The rule pack as data: the YAML reader, the vocabulary the parser and classifier
//! read (rules/pack.yaml), and the names of the parts a report must carry.

pub mod overview;
pub mod part;
pub mod pattern;
pub mod vocab;
pub mod yaml;

pub use part::Part;

/// A rule file built in: its path and text.
pub type RuleFile = (&'static str, &'static str);

/// A built-in pack: its id, its pack file's path and text, its rule files.
pub type BuiltinPack = (
    &'static str,
    &'static str,
    &'static str,
    &'static [RuleFile],
);

// BUILTIN_RULES (the 法治政府建设年度报告 pack's rule files) and BUILTIN_PACKS (every
// built-in pack: id, pack file path, pack file, rule files), written by build.rs.
include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// The id of the pack a report is read with when nothing says otherwise.
pub fn default_pack() -> &'static str {
    BUILTIN_PACKS[0].0
}

/// A built-in pack by id: (its pack file's path, the file, its rule files).
pub fn builtin(id: &str) -> Option<(&'static str, &'static str, &'static [RuleFile])> {
    BUILTIN_PACKS
        .iter()
        .find(|p| p.0 == id)
        .map(|p| (p.1, p.2, p.3))
}
