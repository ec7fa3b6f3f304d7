//! Who has submitted: the roster against the batch, on the page (a section of its own
//! and a line in each report's section) and in the CSV (two columns, and a row for each
//! unit without a report).

use super::roster::{Match, Roster, RosterError, Submissions, submissions};
use super::{Batch, Entry, esc, link};
use std::fmt::Write as _;

/// The roster as the page and the CSV use it.
pub(super) enum View<'a> {
    /// No roster was given.
    None,
    /// It could not be read.
    Broken(&'a RosterError),
    Read(&'a Roster, Submissions),
}

impl<'a> View<'a> {
    pub(super) fn of(batch: &'a Batch, entries: &[Entry]) -> Self {
        match &batch.roster {
            None => View::None,
            Some(Err(e)) => View::Broken(e),
            Some(Ok(r)) => View::Read(r, submissions(r, entries)),
        }
    }

    /// The unit an entry was matched to, and how.
    pub(super) fn unit(&self, i: usize) -> Option<(&str, &Match)> {
        match self {
            View::Read(r, s) => s.matches[i]
                .as_ref()
                .map(|m| (r.units[m.unit].name.as_str(), m)),
            _ => None,
        }
    }

    /// The two CSV cells of an entry: its unit and how it was matched (未匹配名单 when
    /// a roster was read and names none of it).
    pub(super) fn cells(&self, i: usize) -> [String; 2] {
        match (self, self.unit(i)) {
            (_, Some((name, m))) => [name.to_string(), m.by.word().to_string()],
            (View::Read(..), None) => [String::new(), "未匹配名单".to_string()],
            _ => [String::new(), String::new()],
        }
    }

    /// The units without a report, with their roster lines.
    pub(super) fn missing(&self) -> Vec<(&str, usize)> {
        match self {
            View::Read(r, s) => s
                .missing()
                .into_iter()
                .map(|u| (r.units[u].name.as_str(), r.units[u].line))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// The line in a report's section saying which unit it is from.
pub(super) fn unit_line(out: &mut String, view: &View, i: usize) {
    match (view, view.unit(i)) {
        (_, Some((name, m))) => {
            let _ = writeln!(
                out,
                "<p class=\"unit\">报送单位：{}（据{}“{}”）</p>",
                esc(name),
                m.by.word(),
                esc(&m.found)
            );
        }
        (View::Read(..), None) => {
            out.push_str("<p class=\"unit miss\">报送单位：未对上名单中的单位</p>\n");
        }
        _ => {}
    }
}

/// The section on who has submitted.
pub(super) fn section(out: &mut String, view: &View, entries: &[Entry]) {
    let (roster, subs) = match view {
        View::None => return,
        View::Broken(e) => {
            let _ = writeln!(
                out,
                "<section id=\"roster\" aria-labelledby=\"roster-h\">\n<h2 id=\"roster-h\">报送情况</h2>\n<p class=\"miss\">名单未能读取：{}</p>\n</section>",
                esc(&e.to_string())
            );
            return;
        }
        View::Read(r, s) => (r, s),
    };
    let missing = view.missing();
    let unmatched: Vec<usize> = (0..entries.len())
        .filter(|&i| subs.matches[i].is_none())
        .collect();
    let _ = writeln!(
        out,
        "<section id=\"roster\" aria-labelledby=\"roster-h\">\n<h2 id=\"roster-h\">报送情况</h2>\n\
         <p>名单 {} 共 {} 个单位：已报送 <strong>{}</strong> 个，未报送 <strong>{}</strong> 个；\
         未对上名单的报告 <strong>{}</strong> 份。</p>",
        esc(&roster.path),
        roster.units.len(),
        roster.units.len() - missing.len(),
        missing.len(),
        unmatched.len()
    );
    let missing_units: Vec<String> = missing
        .iter()
        .map(|(name, line)| {
            format!(
                "{}<span class=\"none\">（名单第{line}行）</span>",
                esc(name)
            )
        })
        .collect();
    list(out, "未报送的单位", "missing-units", &missing_units);
    let unmatched: Vec<String> = unmatched.iter().map(|&i| link(entries, i)).collect();
    list(out, "未对上名单的报告", "unmatched", &unmatched);
    out.push_str(
        "<h3>逐单位对照</h3>\n<div class=\"scroll\"><table class=\"roster\">\
         <thead><tr><th scope=\"col\">单位</th><th scope=\"col\">报告</th><th scope=\"col\">匹配依据</th></tr></thead>\n<tbody>\n",
    );
    for (u, unit) in roster.units.iter().enumerate() {
        let reports = &subs.reports[u];
        if reports.is_empty() {
            let _ = writeln!(
                out,
                "<tr class=\"missing\"><td>{}</td><td class=\"miss\">✗ 未报送</td><td></td></tr>",
                esc(&unit.name)
            );
            continue;
        }
        let links: Vec<String> = reports.iter().map(|&i| link(entries, i)).collect();
        let how: Vec<String> = reports
            .iter()
            .filter_map(|&i| subs.matches[i].as_ref())
            .map(|m| format!("{}“{}”", m.by.word(), esc(&m.found)))
            .collect();
        let twice = if reports.len() > 1 {
            format!("<span class=\"miss\">（报送 {} 份）</span>", reports.len())
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "<tr><td>{}{twice}</td><td>{}</td><td>{}</td></tr>",
            esc(&unit.name),
            links.join("<br>"),
            how.join("<br>")
        );
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");
}

/// A heading saying how many items follow, then the items as a list of the class;
/// nothing when there are none.
fn list(out: &mut String, heading: &str, class: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<h3>{heading}（{}）</h3>\n<ul class=\"{class}\">",
        items.len()
    );
    for item in items {
        let _ = write!(out, "<li>{item}</li>");
    }
    out.push_str("</ul>\n");
}
