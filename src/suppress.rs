//! Suppression comments, in every format a drafter writes:
//!
//! ```text
//! <!-- fzlint-disable numbering-gap, placeholder -->   … until enabled again (Markdown, HTML)
//! <!-- fzlint-enable numbering-gap -->                 (or all: <!-- fzlint-enable -->)
//! <!-- fzlint-disable-next-line level-skip -->         the next line of text only
//! // fzlint-disable-next-line level-skip               the same in a .txt file
//! ```
//!
//! In a Word file, a review comment whose text is `fzlint-disable RULE` silences the
//! rule on the text it is attached to (read by the Word reader into [`Source`]).
//! A directive without rule ids applies to every rule. A directive that silences
//! nothing, or names no rule or category there is, is itself reported (rule
//! `unused-suppression`).

use crate::diagnostic::Diagnostic;
use crate::text::Span;
use crate::text::format::{self, Comments};
use crate::text::markdown::CodeFence;
use crate::text::source::Source;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Disable,
    Enable,
    NextLine,
    /// A Word comment's: the lines it is attached to, up to this 0-based line.
    Within(usize),
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

/// The directives in a source: one per comment line, and one per Word comment that
/// holds one.
pub fn directives(src: &Source) -> Vec<Directive> {
    let mut out = notes(src);
    let comments = format::comments(&src.name);
    if comments == Comments::None || !src.text.contains("fzlint-") {
        return out;
    }
    let mut fence = CodeFence::default();
    for line in 0..src.line_count() {
        let s = &src.text[src.line_range(line)];
        // Directives inside a Markdown code block are shown, not obeyed.
        if fence.is_code(s) {
            continue;
        }
        let Some((kind, ids)) = comments.inner(s).and_then(parse) else {
            continue;
        };
        out.push(Directive {
            kind,
            ids,
            span: trimmed_line(src, line),
            line,
        });
    }
    out
}

/// A Word comment that reads `fzlint-disable [RULE…]` silences those rules on the
/// paragraphs it is attached to; it is told at its first paragraph.
fn notes(src: &Source) -> Vec<Directive> {
    let disabling = |text: &str| match parse(text)? {
        (Kind::Disable | Kind::NextLine, ids) => Some(ids),
        _ => None,
    };
    src.notes
        .iter()
        .filter_map(|n| {
            let line = *n.lines.start();
            Some(Directive {
                kind: Kind::Within(*n.lines.end()),
                ids: disabling(&n.text)?,
                span: trimmed_line(src, line),
                line,
            })
        })
        .collect()
}

/// A line's text without the blanks either side, where a directive is told.
fn trimmed_line(src: &Source, line: usize) -> Span {
    let r = src.line_range(line);
    let s = &src.text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    start..start + s.trim().len()
}

/// A comment's inside read as a directive: its kind and the rules it names.
fn parse(inner: &str) -> Option<(Kind, Vec<String>)> {
    let inner = inner.trim();
    let (kind, rest) = [
        ("fzlint-disable-next-line", Kind::NextLine),
        ("fzlint-disable", Kind::Disable),
        ("fzlint-enable", Kind::Enable),
    ]
    .into_iter()
    .find_map(|(name, kind)| Some((kind, inner.strip_prefix(name)?)))?;
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let ids = rest
        .split([',', ' ', '，', '、'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect();
    Some((kind, ids))
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
    let comments = format::comments(&src.name);
    let mut used = vec![false; directives.len()];
    // The next line of text after each line (blank lines and directives skipped).
    let next_text_line = |line: usize| {
        (line + 1..src.line_count()).find(|&l| {
            let t = &src.text[src.line_range(l)];
            !t.trim().is_empty() && comments.inner(t).is_none()
        })
    };
    diags.retain(|d| {
        let line = src.line_index(d.span.start);
        let cat = category(&d.rule);
        let mut silenced_by = None;
        // Ranges: the last disable/enable before the line that names this rule decides.
        for (i, dir) in directives.iter().enumerate() {
            if let Kind::Within(last) = dir.kind {
                if (dir.line..=last).contains(&line) && names(dir, &d.rule, &cat) {
                    silenced_by = silenced_by.or(Some(i));
                }
                continue;
            }
            if dir.line >= line {
                continue;
            }
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
