//! Suppression comments in formats that have comments (Markdown, HTML):
//!
//! ```text
//! <!-- fzlint-disable numbering-gap, placeholder -->   … until enabled again
//! <!-- fzlint-enable numbering-gap -->                 (or all: <!-- fzlint-enable -->)
//! <!-- fzlint-disable-next-line level-skip -->         the next line of text only
//! ```
//!
//! A directive without rule ids applies to every rule. A directive that silences
//! nothing is itself reported (rule `unused-suppression`).

use crate::diagnostic::Diagnostic;
use crate::text::Span;
use crate::text::markdown::{self, CodeFence};
use crate::text::source::Source;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Disable,
    Enable,
    NextLine,
}

#[derive(Debug, Clone)]
pub struct Directive {
    pub kind: Kind,
    /// Rule ids or categories; empty means every rule.
    pub ids: Vec<String>,
    /// The comment, in the normalised text.
    pub span: Span,
    /// 0-based line of the comment.
    pub line: usize,
}

/// The directives in a source (one per comment line).
pub fn directives(src: &Source) -> Vec<Directive> {
    if !crate::text::format::has_comments(&src.name) || !src.text.contains("fzlint-") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut fence = CodeFence::default();
    for line in 0..src.line_count() {
        let r = src.line_range(line);
        let s = &src.text[r.clone()];
        let t = s.trim();
        // Directives inside a Markdown code block are shown, not obeyed.
        if fence.is_code(s) {
            continue;
        }
        let Some(inner) = markdown::comment(s) else {
            continue;
        };
        let inner = inner.trim();
        let (kind, rest) = if let Some(x) = inner.strip_prefix("fzlint-disable-next-line") {
            (Kind::NextLine, x)
        } else if let Some(x) = inner.strip_prefix("fzlint-disable") {
            (Kind::Disable, x)
        } else if let Some(x) = inner.strip_prefix("fzlint-enable") {
            (Kind::Enable, x)
        } else {
            continue;
        };
        if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let ids = rest
            .split([',', ' '])
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .collect();
        let start = r.start + (s.len() - s.trim_start().len());
        out.push(Directive {
            kind,
            ids,
            span: start..start + t.len(),
            line,
        });
    }
    out
}

fn names(d: &Directive, rule: &str, category: &str) -> bool {
    d.ids.is_empty() || d.ids.iter().any(|i| i == rule || i == category)
}

/// Drops the diagnostics the directives silence; returns the directives that silenced
/// nothing. `category` gives a rule's category.
pub fn apply(
    src: &Source,
    directives: &[Directive],
    diags: &mut Vec<Diagnostic>,
    category: &dyn Fn(&str) -> String,
) -> Vec<Directive> {
    if directives.is_empty() {
        return Vec::new();
    }
    let mut used = vec![false; directives.len()];
    // The next line of text after each line (blank lines and directives skipped).
    let next_text_line = |line: usize| {
        (line + 1..src.line_count()).find(|&l| {
            let t = &src.text[src.line_range(l)];
            !t.trim().is_empty() && markdown::comment(t).is_none()
        })
    };
    diags.retain(|d| {
        let line = src.line_index(d.span.start);
        let cat = category(&d.rule);
        let mut silenced_by = None;
        // Ranges: the last disable/enable before the line that names this rule decides.
        for (i, dir) in directives.iter().enumerate().filter(|(_, x)| x.line < line) {
            match dir.kind {
                Kind::Disable if names(dir, &d.rule, &cat) => silenced_by = Some(i),
                Kind::Enable if names(dir, &d.rule, &cat) => silenced_by = None,
                Kind::NextLine
                    if names(dir, &d.rule, &cat) && next_text_line(dir.line) == Some(line) =>
                {
                    silenced_by = silenced_by.or(Some(i));
                }
                _ => {}
            }
        }
        if let Some(i) = silenced_by {
            used[i] = true;
        }
        silenced_by.is_none()
    });
    directives
        .iter()
        .zip(used)
        .filter(|(d, u)| !u && d.kind != Kind::Enable)
        .map(|(d, _)| d.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_are_read_from_markdown_only() {
        let text = "# 报告\n<!-- fzlint-disable numbering-gap, placeholder -->\n正文\n<!-- fzlint-enable -->\n<!-- fzlint-disable-next-line -->\n";
        let d = directives(&Source::new("a.md", text));
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].ids, vec!["numbering-gap", "placeholder"]);
        assert_eq!(d[1].kind, Kind::Enable);
        assert!(d[2].ids.is_empty() && d[2].kind == Kind::NextLine);
        assert!(directives(&Source::new("a.txt", text)).is_empty());
        assert!(!directives(&Source::new("<stdin>", text)).is_empty());
    }

    #[test]
    fn directives_in_a_code_block_are_not_obeyed() {
        // A fence closes only on its own character, at least as long, and nothing else:
        // ~~~ and ```text inside a ``` block are code, as CommonMark reads them.
        let text = "```\n<!-- fzlint-disable -->\n~~~\n<!-- fzlint-disable placeholder -->\n```text\n<!-- fzlint-disable-next-line -->\n```\n<!-- fzlint-enable -->\n";
        let d = directives(&Source::new("a.md", text));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].kind.clone(), d[0].line), (Kind::Enable, 7));
    }
}
