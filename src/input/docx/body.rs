//! The main part (document.xml): its paragraphs in paragraph order, with what Word
//! shows of their text and their automatic numbers.

use super::numbering::Lists;
use super::xml::{Handler, Tag, attr, is_on, number_val, parse_part};
use crate::input::InputError;
use crate::input::document::Block;
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
}

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
    blocks: Vec<Block>,
    /// Open paragraphs: more than one when a text box sits inside a paragraph.
    paras: Vec<Para>,
    /// For each open run, whether it is hidden.
    runs: Vec<bool>,
    /// The open table cells and text boxes, innermost last.
    containers: Vec<&'static str>,
    /// Field state of the body and of each open text box.
    stories: Vec<Fields>,
    /// Paragraphs seen so far.
    count: usize,
}

/// Reads the main part's paragraphs, in paragraph order.
pub(super) fn read_body(
    data: &[u8],
    part: &str,
    lists: &mut Lists,
) -> Result<Vec<Block>, InputError> {
    let mut body = Body {
        lists,
        blocks: Vec::new(),
        paras: Vec::new(),
        runs: Vec::new(),
        containers: Vec::new(),
        stories: vec![Fields::default()],
        count: 0,
    };
    parse_part(data, part, &mut body)?;
    let mut blocks = body.blocks;
    // A text box's paragraphs end before the paragraph anchoring them.
    blocks.sort_by_key(|b| b.paragraph);
    Ok(blocks)
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
        !self.runs.last().copied().unwrap_or(false)
            && self.stories.last().is_none_or(|f| f.in_code == 0)
    }

    /// Adds text to the innermost paragraph, if it shows.
    fn push(&mut self, text: &str) {
        if !self.visible() {
            return;
        }
        if let Some(p) = self.paras.last_mut() {
            p.text.extend(text.chars().filter(|&c| c != '\u{FEFF}'));
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
        let up = |n: usize| parents.len().checked_sub(n).and_then(|i| parents.get(i));
        let parent = up(1).copied();
        // The paragraph properties come first: whatever follows them can be numbered.
        if parent == Some(Tag::P) && tag != Tag::PPr {
            self.number_paragraph();
        }
        let in_ppr = parent == Some(Tag::PPr) && up(2) == Some(&Tag::P);
        let in_numpr =
            parent == Some(Tag::NumPr) && up(2) == Some(&Tag::PPr) && up(3) == Some(&Tag::P);
        let in_run = parent == Some(Tag::R);
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
            Tag::R => self.runs.push(false),
            Tag::Vanish if parent == Some(Tag::RPr) && up(2) == Some(&Tag::R) => {
                if let Some(hidden) = self.runs.last_mut() {
                    *hidden = is_on(e);
                }
            }
            Tag::PStyle if in_ppr => self.set_para(|p| p.style = attr(e, "val")),
            Tag::Ilvl if in_numpr => self.set_para(|p| p.ilvl = number_val(e)),
            Tag::NumId if in_numpr => self.set_para(|p| p.num_id = number_val(e)),
            Tag::Tab if in_run => self.push("\t"),
            Tag::Br if in_run => self.push("\n"),
            Tag::NoBreakHyphen if in_run => self.push("-"),
            Tag::FldChar if in_run => self.field_char(e),
            // An optional hyphen shows only where Word breaks the line.
            Tag::SoftHyphen => {}
            _ => {}
        }
    }

    fn close(&mut self, tag: Tag, parents: &[Tag]) {
        match tag {
            Tag::P => {
                self.number_paragraph();
                if let Some(p) = self.paras.pop() {
                    let mut text = p.prefix;
                    text.push_str(&p.text);
                    self.blocks.push(Block {
                        text,
                        paragraph: p.paragraph,
                        element: p.element.to_string(),
                    });
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
