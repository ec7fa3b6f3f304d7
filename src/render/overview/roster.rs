//! The roster: the units expected to submit a report, read from a list in UTF-8 or
//! GB18030/GBK (one unit a line, or CSV whose first column is the unit and whose further columns are other
//! names it may appear under), and matched against the reports by the issuer named in
//! the title, then in the closing lines (落款), and only then by the file name.

use super::Entry;
use crate::text::chars::{is_blank, is_full_width_digit};

/// One unit of the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub name: String,
    /// Other names the unit may appear under (简称).
    pub aliases: Vec<String>,
    /// The line of the roster it is on (1-based).
    pub line: usize,
}

/// The units expected to submit, in the roster's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roster {
    /// The roster file as given.
    pub path: String,
    pub units: Vec<Unit>,
}

/// Why a roster could not be read: the file, the line where that applies, the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {}{message}", line.map(|l| format!("第{l}行：")).unwrap_or_default())]
pub struct RosterError {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
}

/// Header words a roster's first row may carry instead of a unit.
const HEADERS: [&str; 6] = ["单位", "单位名称", "名称", "报送单位", "应报送单位", "unit"];

/// How a report was matched to its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    /// The issuer in the title.
    Title,
    /// The issuer in the closing lines (落款).
    Signature,
    /// The file name only: to be checked by a person.
    FileName,
}

impl MatchedBy {
    pub fn word(self) -> &'static str {
        match self {
            MatchedBy::Title => "标题",
            MatchedBy::Signature => "落款",
            MatchedBy::FileName => "文件名（请核对）",
        }
    }
}

/// A report's unit: its place in the roster, how it was found and the words found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub unit: usize,
    pub by: MatchedBy,
    pub found: String,
}

/// The batch against the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submissions {
    /// Each entry's unit, in the entries' order.
    pub matches: Vec<Option<Match>>,
    /// For each unit of the roster, the entries matched to it.
    pub reports: Vec<Vec<usize>>,
}

impl Submissions {
    /// The units without a report, by their place in the roster.
    pub fn missing(&self) -> Vec<usize> {
        (0..self.reports.len())
            .filter(|&u| self.reports[u].is_empty())
            .collect()
    }
}

/// Splits one CSV line into fields (double quotes around a field, "" inside).
fn fields(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (false, '"') if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            (false, ',') => out.push(std::mem::take(&mut field)),
            (_, c) => field.push(c),
        }
    }
    if quoted {
        return Err("引号没有闭合".into());
    }
    out.push(field);
    Ok(out)
}

/// A name as compared: without spaces of any width or invisible characters.
pub fn normalise(s: &str) -> String {
    s.chars().filter(|&c| !is_blank(c)).collect()
}

/// Reads a roster. Blank lines and lines starting with `#` are skipped, and a first
/// row of column names.
pub fn parse(path: &str, bytes: &[u8]) -> Result<Roster, RosterError> {
    let fail = |line: Option<usize>, message: String| RosterError {
        path: path.to_string(),
        line,
        message,
    };
    // UTF-8, or what a spreadsheet program saves on a Chinese system (GB18030/GBK),
    // read as reports are.
    let text = match crate::input::decode(bytes) {
        Ok((t, _)) => t,
        Err(_) => {
            let valid = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |_| 0);
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(fail(
                Some(line),
                "名单文件的编码无法识别（不是 UTF-8，也不像 GB18030/GBK），请另存为 UTF-8".into(),
            ));
        }
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    let mut units: Vec<Unit> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cells = fields(line).map_err(|m| fail(Some(n), m))?;
        let mut names = cells.iter().map(|c| normalise(c)).filter(|c| !c.is_empty());
        if cells.first().is_some_and(|c| normalise(c).is_empty()) {
            return Err(fail(Some(n), "第一列应为单位名称，这里是空的".into()));
        }
        let Some(name) = names.next() else { continue };
        if units.is_empty() && HEADERS.contains(&name.to_lowercase().as_str()) {
            continue;
        }
        if name.chars().count() < 2 {
            return Err(fail(Some(n), format!("单位名称“{name}”过短")));
        }
        let aliases: Vec<String> = names.collect();
        for other in &units {
            for a in std::iter::once(&name).chain(&aliases) {
                if *a == other.name || other.aliases.contains(a) {
                    return Err(fail(
                        Some(n),
                        format!("“{a}”已在第{}行出现，一个名称只能对应一个单位", other.line),
                    ));
                }
            }
        }
        units.push(Unit {
            name,
            aliases,
            line: n,
        });
    }
    if units.is_empty() {
        return Err(fail(None, "名单中没有单位".into()));
    }
    Ok(Roster {
        path: path.to_string(),
        units,
    })
}

/// Characters that may follow a unit's name written without 人民政府 (白石桥镇 for
/// 白石桥镇人民政府): a year, 关于, 法治, 政府; not the start of another unit's name
/// (白石桥镇司法所).
fn may_follow_short_name(rest: &str) -> bool {
    match rest.chars().next() {
        None => true,
        Some(c) if c.is_ascii_digit() || is_full_width_digit(c) => true,
        Some(c) => {
            "〇一二三四五六七八九零年（(".contains(c)
                || ["关于", "法治", "政府", "人民政府", "推进"]
                    .iter()
                    .any(|w| rest.starts_with(w))
        }
    }
}

/// The names of a unit as they are looked for, each with whether it is the short form.
fn forms(u: &Unit) -> Vec<(&str, bool)> {
    let mut v: Vec<(&str, bool)> = std::iter::once(u.name.as_str())
        .chain(u.aliases.iter().map(String::as_str))
        .map(|n| (n, false))
        .collect();
    let short = ["人民政府", "政府"]
        .iter()
        .filter_map(|suffix| u.name.strip_suffix(suffix))
        .find(|short| short.chars().count() >= 2);
    v.extend(short.map(|s| (s, true)));
    v
}

/// The unit a text names: the longest name of any unit found in it (the most specific),
/// the first unit of the roster on a tie.
fn named_in(roster: &Roster, text: &str) -> Option<(usize, String)> {
    let text = normalise(text);
    let mut best: Option<(usize, usize, &str)> = None;
    for (u, unit) in roster.units.iter().enumerate() {
        for (form, short) in forms(unit) {
            let hit = text
                .match_indices(form)
                .any(|(at, _)| !short || may_follow_short_name(&text[at + form.len()..]));
            let len = form.chars().count();
            if hit && best.is_none_or(|b| len > b.1) {
                best = Some((u, len, form));
            }
        }
    }
    best.map(|(u, _, f)| (u, f.to_string()))
}

/// The closing lines of a report, where the issuer signs (落款): its last few lines
/// that are not empty.
pub fn closing_lines(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines[lines.len().saturating_sub(4)..].join("\n")
}

/// The file name of a path without folders and extension.
pub(super) fn stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}

/// Matches each entry to a unit: by the title, else the closing lines, else the file
/// name.
pub fn submissions(roster: &Roster, entries: &[Entry]) -> Submissions {
    let mut reports = vec![Vec::new(); roster.units.len()];
    let matches = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let title = e.outline.as_ref().and_then(|o| o.title.as_deref());
            let found = title
                .and_then(|t| named_in(roster, t).map(|f| (f, MatchedBy::Title)))
                .or_else(|| named_in(roster, &e.closing).map(|f| (f, MatchedBy::Signature)))
                .or_else(|| named_in(roster, stem(&e.path)).map(|f| (f, MatchedBy::FileName)));
            found.map(|((unit, found), by)| {
                reports[unit].push(i);
                Match { unit, by, found }
            })
        })
        .collect();
    Submissions { matches, reports }
}
