//! Text written into markup: the characters HTML and XML give a meaning escaped.

/// Escapes `& < > " '` for element content and quoted attribute values, in HTML and in
/// XML alike (`'` as `&#39;`, which both read).
pub fn markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether XML 1.0 can hold `c` at all: the control characters but tab, line feed and
/// carriage return cannot be written in it, not even escaped.
pub fn xml_allows(c: char) -> bool {
    !matches!(c as u32, 0..=8 | 11 | 12 | 14..=31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            markup("<a href='x'>&\"报告\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;报告&quot;&lt;/a&gt;"
        );
        assert_eq!(markup("法治政府"), "法治政府");
        assert!(xml_allows('\t') && xml_allows('\n') && xml_allows('法'));
        assert!(!xml_allows('\u{0}') && !xml_allows('\u{1B}'));
    }
}
