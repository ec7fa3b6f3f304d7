//! Facts about characters and short runs of text that several stages share.

use regex::Regex;
use std::sync::LazyLock;

/// A year: 1900–2099 followed by 年.
pub static YEAR_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)[0-9]{2})\s*年").expect("valid"));
