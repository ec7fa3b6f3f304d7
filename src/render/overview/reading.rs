//! One reading of an entry, shared by the page and the CSV: whether it could be read,
//! whether it was published late, which contents it has, and its findings counted.

use super::Entry;
use crate::pack::overview::Overview;
use crate::render::outline::Outline;

/// Said of an entry that has neither an outline nor an error sentence.
pub(super) const UNREADABLE_FALLBACK: &str = "未能读取该文件";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Status {
    Headed,
    Unheaded,
    Missing,
    /// 其他事项 not written: the regulation asks for it only where there is something
    /// to report, so its absence is shown, not flagged.
    Absent,
}

impl Status {
    /// The status's word, symbol, sort key (better first when sorted descending) and
    /// class, side by side.
    fn looks(self) -> (&'static str, &'static str, u8, &'static str) {
        match self {
            Status::Headed => ("有标题", "✓", 2, "ok"),
            Status::Unheaded => ("无标题", "△", 1, "part"),
            Status::Missing => ("缺失", "✗", 0, "miss"),
            Status::Absent => ("未写", "—", 0, "none"),
        }
    }

    pub(super) fn word(self) -> &'static str {
        self.looks().0
    }

    pub(super) fn symbol(self) -> &'static str {
        self.looks().1
    }

    pub(super) fn rank(self) -> u8 {
        self.looks().2
    }

    pub(super) fn class(self) -> &'static str {
        self.looks().3
    }
}

/// One contents cell: its column's header, the part's status, and what the column
/// lacks when its own part is there and a part that makes it whole is not (缺原因).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct Content<'v> {
    pub(super) label: &'v str,
    pub(super) part: crate::pack::Part,
    pub(super) status: Status,
    pub(super) lacking: Option<&'v str>,
}

impl Content<'_> {
    pub(super) fn text(self) -> String {
        let mut s = self.status.word().to_string();
        if let Some(l) = self.lacking {
            s.push_str(&format!("（{l}）"));
        }
        s
    }
}

/// The contents of a report as its pack's overview columns show them. A column whose
/// part the pack does not require is absent (未写), not missing, when not written (其他
/// 事项: the regulation asks for it only where there is something to report).
pub(super) fn contents<'v>(o: &Outline, v: &'v Overview) -> Vec<Content<'v>> {
    v.columns
        .iter()
        .map(|c| {
            let status = match o.parts.get(&c.part) {
                Some(op) if op.headed => Status::Headed,
                Some(_) => Status::Unheaded,
                None if !c.required => Status::Absent,
                None => Status::Missing,
            };
            let written = matches!(status, Status::Headed | Status::Unheaded);
            let lacking = (written && c.whole.iter().any(|p| !o.parts.contains_key(p)))
                .then_some(c.lacking.as_str());
            Content {
                label: &c.label,
                part: c.part,
                status,
                lacking,
            }
        })
        .collect()
}

/// Why the entry could not be read, if it could not.
pub(super) fn failure(e: &Entry) -> Option<&str> {
    let unread = e.outline.is_none().then_some(UNREADABLE_FALLBACK);
    e.error.as_deref().or(unread)
}

/// Late (`Some(true)`), on time (`Some(false)`) or not known (`None`).
pub(super) fn lateness(e: &Entry) -> Option<bool> {
    if e.late {
        Some(true)
    } else if e.outline.as_ref().is_some_and(|o| o.published.is_some()) {
        Some(false)
    } else {
        None
    }
}

/// Findings by severity: (errors, warnings, infos).
pub(super) fn severity_counts(e: &Entry) -> (usize, usize, usize) {
    let mut n = (0, 0, 0);
    for f in &e.findings {
        match f.diagnostic.severity {
            "error" => n.0 += 1,
            "warning" => n.1 += 1,
            _ => n.2 += 1,
        }
    }
    n
}

/// The distinct rules of the findings with their counts, in first-seen order.
pub(super) fn rule_counts(e: &Entry) -> Vec<(&str, usize)> {
    let mut v: Vec<(&str, usize)> = Vec::new();
    for f in &e.findings {
        let r = f.diagnostic.rule.as_str();
        match v.iter_mut().find(|(id, _)| *id == r) {
            Some((_, n)) => *n += 1,
            None => v.push((r, 1)),
        }
    }
    v
}

pub(super) fn published(o: &Outline) -> &str {
    o.published.as_deref().unwrap_or("")
}

pub(super) fn year(o: &Outline) -> String {
    o.year.map(|y| y.to_string()).unwrap_or_default()
}

pub(super) fn title(o: &Outline) -> &str {
    o.title.as_deref().unwrap_or("")
}

/// The packs a batch's reports were read with, each with its reports' places: the
/// batch's own pack (`first`, else the first report's) first, then the others in the
/// order of their first reports. A batch of no report is shown with its own pack's
/// columns (else the default pack's).
pub(super) fn packs_of(
    entries: &[Entry],
    first: Option<&std::sync::Arc<Overview>>,
) -> Vec<(std::sync::Arc<Overview>, Vec<usize>)> {
    let mut packs: Vec<(std::sync::Arc<Overview>, Vec<usize>)> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        match packs.iter_mut().find(|(v, _)| v.pack == e.view.pack) {
            Some((_, places)) => places.push(i),
            None => packs.push((e.view.clone(), vec![i])),
        }
    }
    if let Some(first) = first {
        if let Some(k) = packs.iter().position(|(v, _)| v.pack == first.pack) {
            packs[..=k].rotate_right(1);
        } else if packs.is_empty() {
            packs.push((first.clone(), Vec::new()));
        }
    }
    if packs.is_empty() {
        packs.push((
            crate::pack::vocab::Vocab::builtin().overview.clone(),
            Vec::new(),
        ));
    }
    packs
}
