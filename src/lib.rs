pub mod parse;
pub mod source;
pub mod vocab;
pub mod yaml;
