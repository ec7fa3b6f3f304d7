//! The rule pack as data: the YAML reader, the vocabulary the parser and classifier
//! read (rules/pack.yaml), and the names of the parts a report must carry.

pub mod part;
pub mod pattern;
pub mod vocab;
pub mod yaml;

pub use part::Part;
