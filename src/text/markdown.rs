//! What Markdown (and HTML) make of a line that is not report text: a fenced code block,
//! a comment.

/// Follows fenced code blocks line by line, as CommonMark reads them: a line of three or
/// more backticks or tildes opens one (backticks with no backtick in the info string
/// after them); only a line of the same character, at least as many, and nothing else
/// closes it; an unclosed block runs to the end of the text. Lines are taken with their
/// leading blanks trimmed.
#[derive(Debug, Default)]
pub struct CodeFence {
    /// The open fence's character and length.
    open: Option<(u8, usize)>,
}

impl CodeFence {
    /// Whether `line` is code (a fence, or inside a fenced block), given in order.
    pub fn is_code(&mut self, line: &str) -> bool {
        let line = line.trim_start();
        let fence = |c: u8| line.bytes().take_while(|&b| b == c).count();
        match self.open {
            Some((c, len)) => {
                let n = fence(c);
                if n >= len && line[n..].trim().is_empty() {
                    self.open = None;
                }
                true
            }
            None => {
                let opened = [b'`', b'~'].into_iter().find_map(|c| {
                    let n = fence(c);
                    let info_ok = c == b'~' || !line[n..].contains('`');
                    (n >= 3 && info_ok).then_some((c, n))
                });
                self.open = opened;
                opened.is_some()
            }
        }
    }
}

/// The inside of a line that is nothing but a comment (`<!-- … -->`, blanks around it
/// allowed; `<!-->` and `<!--->` are empty comments, as HTML reads them).
pub fn comment(line: &str) -> Option<&str> {
    let t = line.trim();
    if !(t.starts_with("<!--") && t.ends_with("-->")) {
        return None;
    }
    Some(t.get(4..t.len() - 3).unwrap_or(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(lines: &[&str]) -> Vec<bool> {
        let mut fence = CodeFence::default();
        lines.iter().map(|l| fence.is_code(l)).collect()
    }

    #[test]
    fn a_fence_closes_on_its_own_character_at_least_as_long() {
        assert_eq!(
            code(&["正文", "```", "## 代码", "~~~", "```", "正文"]),
            [false, true, true, true, true, false]
        );
        assert_eq!(
            code(&["~~~~ text", "```", "~~~", "~~~~~", "正文"]),
            [true, true, true, true, false]
        );
        // A closing fence holds nothing else; an info string is for opening fences.
        assert_eq!(
            code(&["```rust", "```rust", "  ```  ", "正文"]),
            [true, true, true, false]
        );
        // Backticks after backticks are inline code, not a fence; two are not enough.
        assert_eq!(code(&["``` a ` b", "``", "~~"]), [false, false, false]);
        // An unclosed block runs to the end.
        assert_eq!(code(&["```", "正文", "正文"]), [true, true, true]);
    }

    #[test]
    fn whole_line_comments() {
        assert_eq!(comment("  <!-- 待补 --> "), Some(" 待补 "));
        assert_eq!(comment("<!---->"), Some(""));
        assert_eq!(comment("<!-->"), Some(""));
        assert_eq!(comment("<!--->"), Some(""));
        assert_eq!(comment("正文 <!-- 注 -->"), None);
        assert_eq!(comment("<!-- 未闭合"), None);
    }
}
