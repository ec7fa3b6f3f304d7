//! The kinds of file a report comes in.

use std::path::Path;

/// How a file's bytes become text, chosen by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Plain text and Markdown, in any supported encoding.
    #[default]
    Text,
    /// Word .docx.
    Docx,
    /// An HTML page.
    Html,
}

impl Format {
    /// The format a file name says (text unless it ends in .docx, .html or .htm).
    pub fn of(name: &str) -> Format {
        let ext = Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("docx") => Format::Docx,
            Some("html" | "htm" | "shtml" | "xhtml") => Format::Html,
            _ => Format::Text,
        }
    }

    /// The name outputs use: "text" (.txt, .md, stdin), "docx" or "html".
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Docx => "docx",
            Format::Html => "html",
        }
    }
}

/// Whether a file name says Markdown (.md, .markdown).
pub fn is_markdown(name: &str) -> bool {
    ends_with_ignoring_case(name, ".md") || ends_with_ignoring_case(name, ".markdown")
}

fn ends_with_ignoring_case(name: &str, end: &str) -> bool {
    name.len() >= end.len()
        && name.as_bytes()[name.len() - end.len()..].eq_ignore_ascii_case(end.as_bytes())
}

/// Whether a file's format has comments that can hold directives: Markdown and HTML,
/// and text with no file name extension (standard input, a rule's examples).
pub fn has_comments(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let file = lower.rsplit(['/', '\\']).next().unwrap_or(&lower);
    !file.contains('.') || is_markdown(file) || file.ends_with(".html") || file.ends_with(".htm")
}
