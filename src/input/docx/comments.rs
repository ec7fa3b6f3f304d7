//! Word's review comments (word/comments.xml) and the paragraphs each is attached to:
//! a drafter silences a finding with a comment whose text is `fzlint-disable RULE`.
//! Read only when the package has a comments part, so a file without comments costs
//! nothing more.

use super::xml::{Handler, Tag, attr, parse_part};
use crate::input::InputError;
use crate::input::document::Comment;
use quick_xml::events::BytesStart;
use std::collections::BTreeMap;

/// Each comment's text, by its id.
#[derive(Default)]
struct Texts {
    texts: BTreeMap<String, String>,
    open: Option<String>,
}

impl Handler for Texts {
    fn open(&mut self, tag: Tag, e: &BytesStart<'_>, _: &[Tag]) {
        match tag {
            Tag::Comment => {
                let id = attr(e, "id").unwrap_or_default();
                self.texts.insert(id.clone(), String::new());
                self.open = Some(id);
            }
            Tag::P => {
                if let Some(t) = self.open.as_ref().and_then(|id| self.texts.get_mut(id)) {
                    t.push(' ');
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, tag: Tag, _: &[Tag]) {
        if tag == Tag::Comment {
            self.open = None;
        }
    }

    fn text(&mut self, text: &str, parents: &[Tag]) {
        if parents.last() == Some(&Tag::T)
            && let Some(t) = self.open.as_ref().and_then(|id| self.texts.get_mut(id))
        {
            t.push_str(text);
        }
    }
}

/// Where each comment is attached in document.xml: its first and last paragraph,
/// numbered as the body reader numbers them (every `w:p` start tag in order).
#[derive(Default)]
struct Anchors {
    paragraphs: usize,
    /// Whether a paragraph is open (a range starting between paragraphs starts at the
    /// next one).
    depth: usize,
    ranges: BTreeMap<String, (usize, usize)>,
}

impl Anchors {
    fn here(&self, starting: bool) -> usize {
        if self.depth == 0 && starting {
            self.paragraphs + 1
        } else {
            self.paragraphs.max(1)
        }
    }
}

impl Handler for Anchors {
    fn open(&mut self, tag: Tag, e: &BytesStart<'_>, _: &[Tag]) {
        let id = || attr(e, "id").unwrap_or_default();
        match tag {
            Tag::P => {
                self.paragraphs += 1;
                self.depth += 1;
            }
            Tag::CommentRangeStart => {
                let at = self.here(true);
                self.ranges.insert(id(), (at, at));
            }
            Tag::CommentRangeEnd => {
                let at = self.here(false);
                let range = self.ranges.entry(id()).or_insert((at, at));
                range.1 = at.max(range.0);
            }
            // A comment on a point, without a range: its paragraph.
            Tag::CommentReference => {
                let at = self.here(false);
                self.ranges.entry(id()).or_insert((at, at));
            }
            _ => {}
        }
    }

    fn close(&mut self, tag: Tag, _: &[Tag]) {
        if tag == Tag::P {
            self.depth = self.depth.saturating_sub(1);
        }
    }
}

/// The comments of a document: the paragraphs each covers and its text.
pub(super) fn read_comments(
    comments: &[u8],
    comments_part: &str,
    body: &[u8],
    body_part: &str,
) -> Result<Vec<Comment>, InputError> {
    let mut texts = Texts::default();
    parse_part(comments, comments_part, &mut texts)?;
    if texts.texts.values().all(|t| !t.contains("fzlint-")) {
        return Ok(Vec::new());
    }
    let mut anchors = Anchors::default();
    parse_part(body, body_part, &mut anchors)?;
    Ok(anchors
        .ranges
        .into_iter()
        .filter_map(|(id, (first, last))| {
            let text = texts.texts.get(&id)?.trim().to_string();
            Some(Comment { first, last, text })
        })
        .collect())
}
