//! One reading of an entry, shared by the page and the CSV: whether it could be read,
//! whether it was published late, which contents it has, and its findings counted.

use super::Entry;
use crate::pack::Part;
use crate::render::outline::Outline;

/// The five contents columns of the 法治政府建设年度报告 pack's parts, in order, with
/// their headers.
pub(super) const CONTENTS: [(&str, &str); 5] = [
    ("measures", "主要举措和成效"),
    ("shortcomings", "存在的不足和原因"),
    ("duties", "主要负责人履职"),
    ("plan", "下一年度工作安排"),
    ("other", "其他事项"),
];

/// The part a column of [`CONTENTS`] shows.
pub(super) fn column_part(id: &str) -> Part {
    Part::named(id)
}

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
    pub(super) fn word(self) -> &'static str {
        match self {
            Status::Headed => "有标题",
            Status::Unheaded => "无标题",
            Status::Missing => "缺失",
            Status::Absent => "未写",
        }
    }

    pub(super) fn symbol(self) -> &'static str {
        match self {
            Status::Headed => "✓",
            Status::Unheaded => "△",
            Status::Missing => "✗",
            Status::Absent => "—",
        }
    }

    /// Sort key: better first when sorted descending.
    pub(super) fn rank(self) -> u8 {
        match self {
            Status::Headed => 2,
            Status::Unheaded => 1,
            Status::Missing | Status::Absent => 0,
        }
    }

    pub(super) fn class(self) -> &'static str {
        match self {
            Status::Headed => "ok",
            Status::Unheaded => "part",
            Status::Missing => "miss",
            Status::Absent => "none",
        }
    }
}

/// One contents cell: the part's status, and for 存在的不足和原因 whether the causes
/// are missing while the shortcomings are there.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct Content {
    pub(super) status: Status,
    pub(super) no_causes: bool,
}

impl Content {
    pub(super) fn text(self) -> String {
        let mut s = self.status.word().to_string();
        if self.no_causes {
            s.push_str("（缺原因）");
        }
        s
    }
}

fn status(o: &Outline, p: Part) -> Status {
    match o.parts.get(&p) {
        Some(op) if op.headed => Status::Headed,
        Some(_) => Status::Unheaded,
        None if p == column_part("other") => Status::Absent,
        None => Status::Missing,
    }
}

pub(super) fn contents(o: &Outline) -> [Content; 5] {
    CONTENTS.map(|(id, _)| {
        let p = column_part(id);
        let status = status(o, p);
        let no_causes = id == "shortcomings"
            && status != Status::Missing
            && !o.parts.contains_key(&column_part("causes"));
        Content { status, no_causes }
    })
}

/// Why the entry could not be read, if it could not.
pub(super) fn failure(e: &Entry) -> Option<&str> {
    match (&e.error, &e.outline) {
        (Some(err), _) => Some(err.as_str()),
        (None, None) => Some(UNREADABLE_FALLBACK),
        (None, Some(_)) => None,
    }
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
