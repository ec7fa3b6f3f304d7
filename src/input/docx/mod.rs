//! Word .docx: the body's paragraphs in order, with automatic numbering rebuilt.
//!
//! A .docx is a ZIP package of XML parts. [`read_docx`] opens it (refusing packages
//! that would unpack beyond [`MAX_ENTRIES`] entries or [`MAX_UNPACKED_BYTES`] bytes),
//! finds the main part (through `_rels/.rels`, else `word/document.xml`) and walks it,
//! producing one [`Block`](super::document::Block) per `w:p`:
//!
//! - paragraphs are numbered 1, 2, 3 … in the order of their start tags, empty ones,
//!   table-cell paragraphs and text-box paragraphs included; a text box's paragraphs sit
//!   inside the run of the paragraph that anchors it, so they come right after it;
//! - the text is what Word shows: deleted revisions, field codes, hidden runs
//!   (`w:vanish`), ruby guides and the duplicate `mc:Fallback` copies of text boxes are
//!   left out; tabs and line breaks become `\t` and `\n`;
//! - Word's automatic numbering ("一、", "（二）", "3.") is not in the XML text: it is
//!   rebuilt from `word/numbering.xml` and `word/styles.xml` and put in front.
//!
//! Nothing here panics on hostile input: every failure is an [`InputError`].
//!
//! Its rooms: `package` (the ZIP and its relationships), `xml` (reading one part),
//! `body` (document.xml), `styles` (each style, and the formatting one level sets),
//! `numbering` (lists and their counters) and `format` (a number written in one of
//! Word's formats); for the typography rules, `typeface` (effective formatting through
//! defaults, styles and direct formatting),
//! `theme` (the theme's fonts), `page` (each paragraph's formatting and the page) and
//! `footer` (page numbers).

mod body;
mod comments;
mod footer;
mod format;
mod numbering;
mod package;
mod page;
mod styles;
mod table;
mod theme;
mod typeface;
mod xml;

use super::InputError;
use super::document::Document;
use crate::text::Format;
use crate::text::source::Emphasis;
use crate::text::typeset::Typeset;
use numbering::Lists;
use package::Package;
use xml::{Handler, Tag, parse_part};

/// Packages with more entries than this are refused as likely zip bombs.
pub const MAX_ENTRIES: usize = 10_000;

/// The most bytes read out of the package, all parts together, once decompressed.
pub const MAX_UNPACKED_BYTES: u64 = 100 * 1024 * 1024;

/// Reads a .docx file's bytes into its paragraphs, automatic numbering included.
///
/// The blocks are in paragraph order (see the module documentation); `title` is the
/// `dc:title` of `docProps/core.xml` when present and not blank; `published` is never
/// set (Word's metadata dates are edit dates, not publication dates).
pub fn read_docx(bytes: &[u8]) -> Result<Document, InputError> {
    read_with_limits(bytes, MAX_ENTRIES, MAX_UNPACKED_BYTES)
}

/// [`read_docx`] with the zip-bomb limits as parameters (the tests use small ones).
fn read_with_limits(
    bytes: &[u8],
    max_entries: usize,
    max_unpacked: u64,
) -> Result<Document, InputError> {
    let mut pkg = Package::open(bytes, max_entries, max_unpacked)?;

    let rels = pkg.relationships("_rels/.rels")?;
    let main = pkg.related(&rels, "/officeDocument", "", "word/document.xml".into());
    let Some(body) = pkg.part(&main)? else {
        return Err(InputError::Damaged(format!(
            "不是有效的 .docx 文件：缺少正文部件 {main}（可能是其他格式的 ZIP 文件），\
             请在 Word 中另存为 .docx 后再检查"
        )));
    };

    // The main part's folder ("word/"; none for a part at the package's root).
    let (dir, file) = match main.rsplit_once('/') {
        Some((dir, file)) => (format!("{dir}/"), file),
        None => (String::new(), main.as_str()),
    };
    let doc_rels = pkg.relationships(&format!("{dir}_rels/{file}.rels"))?;
    let styles_part = pkg.related(&doc_rels, "/styles", &dir, format!("{dir}styles.xml"));
    let numbering_part = pkg.related(&doc_rels, "/numbering", &dir, format!("{dir}numbering.xml"));

    let mut lists = Lists::default();
    if let Some(data) = pkg.part(&styles_part)? {
        lists.styles = styles::parse_styles(&data, &styles_part)?;
    }
    if let Some(data) = pkg.part(&numbering_part)? {
        numbering::parse_numbering(&data, &numbering_part, &mut lists)?;
    }

    let core = pkg.related(&rels, "/core-properties", "", "docProps/core.xml".into());
    // Metadata is a nicety: a broken core part costs the title, not the check.
    let title = match pkg.part(&core)? {
        Some(data) => read_title(&data, &core).ok().flatten(),
        None => None,
    };

    let (read, tables) = body::read_body(&body, &main, &mut lists)?;
    let paragraphs: Vec<usize> = read.iter().map(|(b, _, _)| b.paragraph).collect();
    let typeset = read_typeset(&mut pkg, &doc_rels, &dir, (&body, &main), &paragraphs)?;
    let emphasis = (read.iter().enumerate())
        .filter_map(|(i, (_, e, _))| (*e != Emphasis::Plain).then_some((i, *e)))
        .collect();
    let auto_numbered = (read.iter().enumerate())
        .filter_map(|(i, (_, _, auto))| auto.then_some(i))
        .collect();
    let comments_part = pkg.related(&doc_rels, "/comments", &dir, format!("{dir}comments.xml"));
    let comments = match pkg.part(&comments_part)? {
        Some(data) => comments::read_comments(&data, &comments_part, &body, &main)?,
        None => Vec::new(),
    };
    Ok(Document {
        blocks: read.into_iter().map(|(b, _, _)| b).collect(),
        published: None,
        title,
        encoding: "UTF-8",
        format: Format::Docx,
        emphasis,
        auto_numbered,
        comments,
        typeset,
        tables,
    })
}

/// What the file says of its typesetting, for the blocks of these paragraph numbers;
/// nothing when it has no styles part (no word processor writes a file without one).
fn read_typeset(
    pkg: &mut Package,
    doc_rels: &package::Relationships,
    dir: &str,
    (body, main): (&[u8], &str),
    paragraphs: &[usize],
) -> Result<Option<Typeset>, InputError> {
    let styles_part = pkg.related(doc_rels, "/styles", dir, format!("{dir}styles.xml"));
    let Some(styles) = pkg.part(&styles_part)? else {
        return Ok(None);
    };
    let theme_part = pkg.related(doc_rels, "/theme", dir, format!("{dir}theme/theme1.xml"));
    let theme = match pkg.part(&theme_part)? {
        Some(data) => theme::parse_theme(&data, &theme_part)?,
        None => theme::Theme::default(),
    };
    let styles = styles::parse_styles(&styles, &styles_part)?;
    let formats = typeface::Formats { styles, theme };
    let mut read = page::read_formats(body, main, &formats)?;
    let settings_part = pkg.related(doc_rels, "/settings", dir, format!("{dir}settings.xml"));
    let even_and_odd = match pkg.part(&settings_part)? {
        Some(data) => footer::even_and_odd(&data, &settings_part)?,
        None => false,
    };
    let mut page_numbers = Vec::new();
    for (pages, id) in &read.footers {
        if let Some(name) = doc_rels.target_by_id(id, dir)
            && let Some(data) = pkg.part(&name)?
            && let Some(n) = footer::read_footer(&data, &name, pages, &formats)?
        {
            page_numbers.push(n);
        }
    }
    Ok(Some(Typeset {
        paragraphs: (paragraphs.iter())
            .map(|n| read.paragraphs.remove(n).unwrap_or_default())
            .collect(),
        page: read.page,
        page_numbers,
        even_and_odd,
    }))
}

/// Collects the text of `dc:title`.
#[derive(Default)]
struct Title(String);

impl Handler for Title {
    fn text(&mut self, text: &str, parents: &[Tag]) {
        if parents.last() == Some(&Tag::Title) {
            self.0.push_str(text);
        }
    }
}

/// The document title from the core properties, when not blank.
fn read_title(data: &[u8], part: &str) -> Result<Option<String>, InputError> {
    let mut title = Title::default();
    parse_part(data, part, &mut title)?;
    let text: String = title.0.chars().filter(|&c| c != '\u{FEFF}').collect();
    let text = text.trim();
    Ok((!text.is_empty()).then(|| text.to_string()))
}

#[cfg(test)]
mod tests;
