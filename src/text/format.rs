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
    let ext = name.rsplit_once('.').map_or("", |(_, ext)| ext);
    ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown")
}

/// How a file's format writes the comments that hold fzlint's directives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comments {
    /// None (a Word file: its comments are Word's own).
    None,
    /// `<!-- … -->` on a line of its own: Markdown and HTML, and text with no file name
    /// extension (standard input, a rule's examples).
    Markup,
    /// A plain text file: a line `// fzlint-…`. Only fzlint's own directives are
    /// comments there; any other line starting `//` is text of the report.
    Slashes,
}

/// The comments a file's format has, by its name.
pub fn comments(name: &str) -> Comments {
    let lower = name.to_ascii_lowercase();
    let file = lower.rsplit(['/', '\\']).next().unwrap_or(&lower);
    if !file.contains('.') || is_markdown(file) || file.ends_with(".html") || file.ends_with(".htm")
    {
        Comments::Markup
    } else if file.ends_with(".txt") {
        Comments::Slashes
    } else {
        Comments::None
    }
}

impl Comments {
    /// The inside of a whole-line comment, or `None` when the line is not one.
    pub fn inner(self, line: &str) -> Option<&str> {
        match self {
            Comments::None => None,
            Comments::Markup => super::markdown::comment(line),
            Comments::Slashes => {
                let rest = line.trim().strip_prefix("//")?.trim_start();
                rest.starts_with("fzlint-").then_some(rest)
            }
        }
    }
}
