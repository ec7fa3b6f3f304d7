//! Published HTML pages: the report body, and the page's metadata.
//!
//! A government site publishes a report inside a page full of furniture: the site's
//! name, a navigation menu, a breadcrumb (当前位置), an index table (索引号、发布机构、
//! 发布日期), a 发布时间/来源 line, a share and print bar, related links, a footer with
//! 主办单位 and ICP备. [`read_html`] keeps the report alone, in four steps:
//!
//! 1. **Decoding** (`decode_page`): a byte order mark wins; then a charset declared in
//!    the first 4 KB (`<meta charset>` or `http-equiv="Content-Type"`); then the
//!    detector shared with plain text files ([`crate::input::decode`]).
//! 2. **Tokens to blocks** (`Builder`): html5gum's tokens drive an explicit stack of
//!    open elements (no recursion, so any depth of nesting is safe), with the implied
//!    end tags that matter for text (`<p>` closes an open `p`, `<li>` an open `li`, `<td>`
//!    an open cell …). Every start or end of a block element ends a text block; `<br>` is
//!    a line break inside one. Text inside links is counted apart, for the next step.
//! 3. **Finding the body** (`choose_container`): each block credits its non-link
//!    characters to the element that holds it as a paragraph; the element with the
//!    largest credit is the report's container, widened when its report goes on in a
//!    sibling, and kept only if it holds most of the page's non-link text. A title just
//!    above the container that matches the page's title metadata is put in front.
//! 4. **Metadata**: the `PubDate` (or similar) meta, else a 发布时间/发布日期 line
//!    anywhere on the page, gives the publication date; `ArticleTitle`, else `<title>`
//!    without its site-name suffix, gives the title.
//!
//! Its rooms: `decode` (step 1), `blocks` (step 2), `container` (step 3), `meta` (step 4);
//! `tables` gives the body's tables their rows and cells.

mod blocks;
mod container;
mod decode;
mod meta;
mod tables;

use super::InputError;
use super::document::{Block, Document};
use crate::text::Format;
use blocks::{Builder, RawBlock, collapse};
use container::{choose_container, is_title_of};
use decode::decode_page;
use html5gum::StartTag;
use meta::{date_in_text, parse_date, squeeze, title_main_part};
use std::borrow::Cow;

/// How many blocks above the report's container are searched for its title.
const TITLE_LOOKBACK: usize = 12;

/// Reads an HTML page's bytes: the report's text blocks (the content container's, with
/// the title above it), the publication date and title from the page's metadata, and
/// the encoding the page was read in (`encoding` when given, by `--encoding`, whatever
/// the page declares).
///
/// Never panics. Bytes that are not text at all give the error [`crate::input::decode`] gives;
/// any text, however malformed as HTML, gives a [`Document`] (possibly without blocks).
pub fn read_html(
    bytes: &[u8],
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Document, InputError> {
    let (text, encoding) = match encoding {
        Some(enc) => {
            let (text, name) = crate::input::decode_in(bytes, enc)?;
            (
                text.strip_prefix('\u{FEFF}')
                    .map(str::to_string)
                    .unwrap_or(text),
                name,
            )
        }
        None => decode_page(bytes)?,
    };
    let page = Builder::parse(&text);

    let title = [
        page.article_title.as_deref().map(collapse),
        page.title.as_deref().map(title_main_part),
    ]
    .into_iter()
    .flatten()
    .find(|t| !t.is_empty());
    let published = page
        .meta_dates
        .iter()
        .find_map(|d| parse_date(d))
        .or_else(|| date_in_text(&page.blocks));

    let (container, end) = choose_container(&page.nodes, &page.blocks);
    let inside = |b: &RawBlock| (container..end).contains(&b.owner);
    let mut chosen: Vec<usize> = Vec::new();
    if container != 0
        && let Some(first) = page.blocks.iter().position(inside)
    {
        let refs: Vec<String> = [page.article_title.as_deref(), page.title.as_deref()]
            .into_iter()
            .flatten()
            .map(|t| squeeze(&title_main_part(t)))
            .filter(|t| t.chars().count() >= 2)
            .collect();
        // Unless the container starts with the title itself.
        let above = &page.blocks[first.saturating_sub(TITLE_LOOKBACK)..first];
        if !is_title_of(&page.blocks[first].text, &refs)
            && let Some(t) = above.iter().rposition(|b| is_title_of(&b.text, &refs))
        {
            chosen.push(first.saturating_sub(TITLE_LOOKBACK) + t);
        }
    }
    let all = page.blocks.iter().enumerate();
    chosen.extend(all.filter(|(_, b)| inside(b)).map(|(i, _)| i));
    let tables = tables::tables(&page.nodes, &page.blocks, &chosen);

    let blocks = chosen
        .into_iter()
        .enumerate()
        .map(|(i, k)| {
            let b = &page.blocks[k];
            Block {
                text: b.text.clone(),
                paragraph: i + 1,
                element: page.nodes[b.owner].tag.clone(),
            }
        })
        .collect();
    Ok(Document {
        blocks,
        published,
        title,
        encoding,
        format: Format::Html,
        tables,
        ..Document::default()
    })
}

/// A start tag's attribute value, read as UTF-8 (lossily).
fn attr<'a>(tag: &'a StartTag<()>, name: &str) -> Option<Cow<'a, str>> {
    tag.attributes
        .get(name.as_bytes())
        .map(|v| String::from_utf8_lossy(&v.value))
}

#[cfg(test)]
mod tests;
