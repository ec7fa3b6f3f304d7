//! Reading fzlint's YAML files (rules, the pack vocabulary) with positions in errors.
//!
//! serde-saphyr is used rather than serde_yaml: serde_yaml is deprecated upstream,
//! while serde-saphyr is maintained, does not panic on malformed input, enforces
//! budgets against alias bombs and reports the line and column of every error.

mod plain;

use serde::Deserialize;

/// A YAML file could not be read: where and why.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct YamlError {
    pub path: String,
    /// 1-based; 0 when unknown.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    pub message: String,
    /// The whole file, so the error can be rendered like a diagnostic.
    pub text: String,
    /// The file is a config file (`.fzlint.yaml` or one it extends), not a rule file.
    pub config: bool,
}

impl YamlError {
    pub fn new(path: &str, text: &str, line: usize, column: usize, message: String) -> YamlError {
        YamlError {
            path: path.to_string(),
            line,
            column,
            message,
            text: text.to_string(),
            config: false,
        }
    }

    /// The same error, about a config file.
    pub fn in_config(self) -> YamlError {
        YamlError {
            config: true,
            ..self
        }
    }
}

/// Deserialise `text` (the contents of `path`); an error says where in the file.
pub fn from_str<T: for<'de> Deserialize<'de>>(path: &str, text: &str) -> Result<T, YamlError> {
    serde_saphyr::from_str::<T>(text).map_err(|e| {
        let (line, column) = e
            .location()
            .map_or((0, 0), |l| (l.line() as usize, l.column() as usize));
        let raw = first_line(&e.without_snippet().to_string());
        let message = plain::plain(&raw);
        let (line, column) = match shape_at(text, line, &raw) {
            Some(at) => at,
            None => refine(text, line, column, &message),
        };
        YamlError::new(path, text, line, column, message)
    })
}

/// Where a mistake the reader places too early is: a tab (told on the line above it),
/// or a list or map where a value belongs (told at the start of the `check:` it sits
/// in): the first such thing from the line told on.
fn shape_at(text: &str, line: usize, raw: &str) -> Option<(usize, usize)> {
    if raw.starts_with("missing field") {
        // At the start of the map that lacks it: the first line of the block of lines
        // indented as the line told on.
        let lines: Vec<&str> = text.lines().collect();
        let indent = |l: &str| l.len() - l.trim_start().len();
        let at = line.checked_sub(1).filter(|&i| i < lines.len())?;
        let level = indent(lines[at]);
        // Told at a block's key with siblings after it (a `check:` read as a whole):
        // the block is the map that lacks it.
        let sibling_after = lines[at + 1..]
            .iter()
            .filter(|l| !l.trim().is_empty())
            .any(|l| indent(l) == level);
        if lines[at].trim_end().ends_with(':') && sibling_after {
            return Some((line, level + 1));
        }
        let start = (0..=at)
            .rev()
            .take_while(|&i| lines[i].trim().is_empty() || indent(lines[i]) >= level)
            .last()
            .unwrap_or(at);
        let start = (start..=at)
            .find(|&i| !lines[i].trim().is_empty())
            .unwrap_or(at);
        return Some((start + 1, level + 1));
    }
    let wanted: fn(&str) -> Option<usize> = if plain::is_tab(raw) {
        |l| l.find('\t')
    } else if raw.starts_with("invalid type: sequence") {
        |l| l.find(": [").map(|i| i + 2)
    } else if raw.starts_with("invalid type: map") {
        |l| l.find(": {").map(|i| i + 2)
    } else {
        return None;
    };
    text.lines()
        .enumerate()
        .skip(line.saturating_sub(1))
        .find_map(|(i, l)| wanted(l).map(|at| (i + 1, l[..at].chars().count() + 1)))
}

/// serde reports errors inside a tagged enum (a rule's `check:`) at the enum's start,
/// because it buffers the map. When the message names the offending key or value,
/// point at its first appearance from there on instead.
pub(crate) fn refine(text: &str, line: usize, column: usize, message: &str) -> (usize, usize) {
    // A value quoted in the message (正则表达式无效 “…”), else a `name` as a key, else as
    // a value (an unknown variant such as a misspelt part name).
    let quoted = message
        .split_once('“')
        .and_then(|x| x.1.split_once('”'))
        .map(|x| (x.0.to_string(), false));
    let mut tries: Vec<(String, bool)> = quoted.into_iter().collect();
    if let Some(t) = message.split('`').nth(1).map(str::to_string) {
        tries.push((format!("{t}:"), true));
        tries.push((t, false));
    }
    for (needle, key_only) in tries.iter().filter(|(n, _)| !n.trim().is_empty()) {
        for (i, l) in text.lines().enumerate().skip(line.saturating_sub(1)) {
            let Some(at) = l.find(needle.as_str()) else {
                continue;
            };
            let before = l[..at].trim_end();
            if *key_only && !before.is_empty() && !before.ends_with('-') {
                continue;
            }
            if !*key_only
                && needle
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                // A bare word must stand as a value, not inside another word.
                let after = l[at + needle.len()..].chars().next();
                let prev = l[..at].chars().next_back();
                let edge = |c: Option<char>| {
                    c.is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                };
                if !edge(prev) || !edge(after) {
                    continue;
                }
            }
            let quoted = l[..at].ends_with(['\'', '"']);
            return (i + 1, l[..at].chars().count() + 1 - usize::from(quoted));
        }
    }
    (line, column)
}

fn first_line(s: &str) -> String {
    let s = s.lines().find(|l| !l.trim().is_empty()).unwrap_or(s).trim();
    // serde-saphyr appends " at line L column C"; the position is reported separately.
    s.rfind(" at line ").map_or(s, |i| &s[..i]).to_string()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::pack::pattern::Pattern;

    /// A file of a number and, perhaps, a pattern.
    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    pub struct T {
        a: u32,
        pub p: Option<Pattern>,
    }

    #[test]
    fn errors_carry_line_and_column() {
        let e = from_str::<T>("x.yaml", "a: 1\nb: 2\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.message.contains('b'), "{e}");
        let e = from_str::<T>("x.yaml", "a: [1\n").unwrap_err();
        assert!(e.line >= 1, "{e}");
    }
}
