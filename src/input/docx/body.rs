//! The main part (document.xml): its paragraphs in paragraph order, with what Word
//! shows of their text and their automatic numbers.

use super::numbering::Lists;
use super::table::{Tables, by_block};
use super::xml::{Handler, Tag, attr, is_on, number_val, parse_part};
use crate::input::InputError;
use crate::input::document::{Block, DocTable};
use crate::text::source::Emphasis;
use quick_xml::events::BytesStart;

/// A paragraph being read.
#[derive(Default)]
struct Para {
    paragraph: usize,
    element: &'static str,
    text: String,
    /// The automatic number, once worked out.
    prefix: String,
    style: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u32>,
    /// Whether the number has been worked out (once the paragraph properties are read).
    numbered: bool,
    /// The outline level set on the paragraph itself.
    outline: Option<u32>,
    /// Visible characters (not blanks) in bold runs, and in the others.
    bold: usize,
    plain: usize,
}

/// A run being read: hidden, and bold when its properties say so (else as its style).
#[derive(Default, Clone, Copy)]
struct Run {
    hidden: bool,
    bold: Option<bool>,
}

/// A paragraph bold throughout is taken for a heading up to this many characters.
const BOLD_HEADING_CHARS: usize = 40;

/// The complex fields open in one story (the body, or a text box).
#[derive(Default)]
struct Fields {
    /// For each open field, whether it is still in its code (before `separate`).
    open: Vec<bool>,
    /// How many open fields are in their code: text shows only when none is.
    in_code: usize,
}

/// Walks document.xml into blocks.
struct Body<'l> {
    lists: &'l mut Lists,
    blocks: Vec<ReadBlock>,
    /// Open paragraphs: more than one when a text box sits inside a paragraph.
    paras: Vec<Para>,
    /// The open runs.
    runs: Vec<Run>,
    /// The open table cells and text boxes, innermost last.
    containers: Vec<&'static str>,
    /// Field state of the body and of each open text box.
    stories: Vec<Fields>,
    /// Paragraphs seen so far.
    count: usize,
    tables: Tables,
}

/// A paragraph read: its block, what its formatting says of it as a heading, and whether
/// Word numbers it automatically.
pub(super) type ReadBlock = (Block, Emphasis, bool);

/// Reads the main part's paragraphs, in paragraph order, each with what its formatting
/// says of it as a heading and whether its number is automatic; and its tables.
pub(super) fn read_body(
    data: &[u8],
    part: &str,
    lists: &mut Lists,
) -> Result<(Vec<ReadBlock>, Vec<DocTable>), InputError> {
    let mut body = Body {
        lists,
        blocks: Vec::new(),
        paras: Vec::new(),
        runs: Vec::new(),
        containers: Vec::new(),
        stories: vec![Fields::default()],
        count: 0,
        tables: Tables::default(),
    };
    parse_part(data, part, &mut body)?;
    let mut blocks = body.blocks;
    // A text box's paragraphs end before the paragraph anchoring them.
    blocks.sort_by_key(|b| b.0.paragraph);
    let tables = by_block(body.tables.done, |p| {
        blocks.partition_point(|b| b.0.paragraph < p)
    });
    Ok((blocks, tables))
}

impl Body<'_> {
    /// Works out the innermost paragraph's automatic number, once.
    fn number_paragraph(&mut self) {
        if let Some(p) = self.paras.last_mut()
            && !p.numbered
        {
            p.numbered = true;
            let number = self.lists.number(p.style.as_deref(), p.num_id, p.ilvl);
            p.prefix = number.unwrap_or_default();
        }
    }

    /// Sets a property of the innermost paragraph, if any.
    fn set_para(&mut self, set: impl FnOnce(&mut Para)) {
        if let Some(p) = self.paras.last_mut() {
            set(p);
        }
    }

    /// Whether text in the current run shows: not hidden, not in a field code.
    fn visible(&self) -> bool {
        !self.runs.last().is_some_and(|r| r.hidden)
            && self.stories.last().is_none_or(|f| f.in_code == 0)
    }

    /// Adds text to the innermost paragraph, if it shows.
    fn push(&mut self, text: &str) {
        if !self.visible() {
            return;
        }
        let run_bold = self.runs.last().and_then(|r| r.bold);
        if let Some(p) = self.paras.last_mut() {
            p.text.extend(text.chars().filter(|&c| c != '\u{FEFF}'));
            let shown = text
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '\u{FEFF}');
            let n = shown.count();
            let bold = run_bold.unwrap_or_else(|| self.lists.styles.bold(p.style.as_deref()));
            if bold { p.bold += n } else { p.plain += n }
        }
    }

    /// What a paragraph's formatting says of it as a heading: its heading style's level
    /// (or its own outline level), else bold throughout on a short line.
    fn emphasis(&self, p: &Para) -> Emphasis {
        let level = match p.outline {
            Some(o) => (o < 9).then(|| o as u8 + 1),
            None => self.lists.styles.heading_level(p.style.as_deref()),
        };
        if let Some(level) = level {
            return Emphasis::Heading(level);
        }
        let short = p.bold + p.plain <= BOLD_HEADING_CHARS;
        if p.bold > 0 && p.plain == 0 && short && !p.text.contains('\n') {
            Emphasis::Bold
        } else {
            Emphasis::Plain
        }
    }

    fn field_char(&mut self, e: &BytesStart<'_>) {
        let Some(fields) = self.stories.last_mut() else {
            return;
        };
        match attr(e, "fldCharType").as_deref() {
            Some("begin") => {
                fields.open.push(true);
                fields.in_code += 1;
            }
            Some("separate") => {
                if let Some(code) = fields.open.last_mut()
                    && *code
                {
                    *code = false;
                    fields.in_code -= 1;
                }
            }
            Some("end") => {
                // A field closed while still in its code leaves the code too.
                let in_code = fields.open.pop() == Some(true);
                fields.in_code -= usize::from(in_code);
            }
            _ => {}
        }
    }
}

impl Handler for Body<'_> {
    fn open(&mut self, tag: Tag, e: &BytesStart<'_>, parents: &[Tag]) {
        let parent = parents.last().copied();
        // The paragraph properties come first: whatever follows them can be numbered.
        if parent == Some(Tag::P) && tag != Tag::PPr {
            self.number_paragraph();
        }
        let in_ppr = parents.ends_with(&[Tag::P, Tag::PPr]);
        let in_numpr = parents.ends_with(&[Tag::P, Tag::PPr, Tag::NumPr]);
        let in_rpr = parents.ends_with(&[Tag::R, Tag::RPr]);
        let in_run = parent == Some(Tag::R);
        self.tables.open(tag, e, parent, self.count);
        match tag {
            Tag::P => {
                self.count += 1;
                self.paras.push(Para {
                    paragraph: self.count,
                    element: self.containers.last().copied().unwrap_or("w:p"),
                    ..Para::default()
                });
            }
            Tag::Tc => self.containers.push("w:tc"),
            Tag::TxbxContent => {
                self.containers.push("w:txbxContent");
                self.stories.push(Fields::default());
            }
            Tag::R => self.runs.push(Run::default()),
            Tag::Vanish if in_rpr => {
                if let Some(run) = self.runs.last_mut() {
                    run.hidden = is_on(e);
                }
            }
            Tag::B if in_rpr => {
                if let Some(run) = self.runs.last_mut() {
                    run.bold = Some(is_on(e));
                }
            }
            Tag::OutlineLvl if in_ppr => self.set_para(|p| p.outline = number_val(e)),
            Tag::PStyle if in_ppr => self.set_para(|p| p.style = attr(e, "val")),
            Tag::Ilvl if in_numpr => self.set_para(|p| p.ilvl = number_val(e)),
            Tag::NumId if in_numpr => self.set_para(|p| p.num_id = number_val(e)),
            Tag::Tab if in_run => self.push("\t"),
            Tag::Br if in_run => self.push("\n"),
            Tag::NoBreakHyphen if in_run => self.push("-"),
            Tag::FldChar if in_run => self.field_char(e),
            // An optional hyphen (`w:softHyphen`) shows only where Word breaks the line.
            _ => {}
        }
    }

    fn close(&mut self, tag: Tag, parents: &[Tag]) {
        self.tables.close(tag, self.count);
        match tag {
            Tag::P => {
                self.number_paragraph();
                if let Some(p) = self.paras.pop() {
                    let emphasis = self.emphasis(&p);
                    let auto_number = !p.prefix.is_empty();
                    let mut text = p.prefix;
                    text.push_str(&p.text);
                    let block = Block {
                        text,
                        paragraph: p.paragraph,
                        element: p.element.to_string(),
                    };
                    self.blocks.push((block, emphasis, auto_number));
                }
            }
            Tag::PPr if parents.last() == Some(&Tag::P) => self.number_paragraph(),
            Tag::Tc => {
                self.containers.pop();
            }
            Tag::TxbxContent => {
                self.containers.pop();
                if self.stories.len() > 1 {
                    self.stories.pop();
                }
            }
            Tag::R => {
                self.runs.pop();
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str, parents: &[Tag]) {
        if parents.last() == Some(&Tag::T) {
            // A line break in the XML source of a w:t is no break in Word.
            if text.contains(['\r', '\n']) {
                self.push(&text.replace(['\r', '\n'], " "));
            } else {
                self.push(text);
            }
        }
    }
}
