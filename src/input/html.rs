//! Published HTML pages: the report body, and the page's metadata.
//!
//! A government site publishes a report inside a page full of furniture: the site's
//! name, a navigation menu, a breadcrumb (当前位置), an index table (索引号、发布机构、
//! 发布日期), a 发布时间/来源 line, a share and print bar, related links, a footer with
//! 主办单位 and ICP备. [`read_html`] keeps the report alone, in four steps:
//!
//! 1. **Decoding** (`decode_page`): a byte order mark wins; then a charset declared in
//!    the first 4 KB (`<meta charset>` or `http-equiv="Content-Type"`); then the
//!    detector shared with plain text files ([`super::decode`]).
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

use super::InputError;
use super::document::{Block, Document};
use crate::text::Format;
use html5gum::{DefaultEmitter, StartTag, Token, Tokenizer};
use std::borrow::Cow;
use std::collections::HashMap;

/// How much of the page is searched for a declared charset.
const PRESCAN_BYTES: usize = 4096;

/// How deep into the stack of open elements an implied or explicit end tag looks for its
/// element; a deeper one is left open (bounds the work on pathological nesting).
const SEARCH_DEPTH: usize = 1024;

/// How many blocks above the report's container are searched for its title.
const TITLE_LOOKBACK: usize = 12;

/// Elements that end a text block where they start and end.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "legend",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Block elements that hold one paragraph, not a run of them: their text is credited to
/// the element around them when looking for the report's container.
const PARAGRAPH: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "dt",
    "dd",
    "pre",
    "caption",
    "figcaption",
    "legend",
    "summary",
    "address",
];

/// Elements whose content is never report text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "math", "button", "select",
    "textarea", "noembed", "noframes", "object", "audio", "video", "canvas", "datalist",
];

/// Elements without content or end tag.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Ids and classes that content management systems give the article's container.
const KNOWN_CONTAINERS: &[&str] = &[
    "zoom",
    "trs_editor",
    "custom_unionstyle",
    "article-content",
    "article_content",
    "articlecontent",
    "article-body",
    "article_body",
    "content",
    "detail",
    "main-txt",
    "main_txt",
    "view",
    "pages_content",
    "pages-content",
    "wzcon",
    "zwnr",
    "news_content",
    "newscontent",
    "con_text",
    "text_content",
    "textcontent",
    "bt_content",
    "ucapcontent",
    "xxgk_content",
];

/// Meta names (or properties) that give the publication date, lower case.
const DATE_METAS: &[&str] = &["pubdate", "publishdate", "article:published_time"];

/// Labels of the publication date in the page's text.
const DATE_LABELS: &[&str] = &["发布时间", "发布日期"];

/// Reads an HTML page's bytes: the report's text blocks (the content container's, with
/// the title above it), the publication date and title from the page's metadata, and
/// the encoding the page was read in.
///
/// Never panics. Bytes that are not text at all give the error [`super::decode`] gives;
/// any text, however malformed as HTML, gives a [`Document`] (possibly without blocks).
pub fn read_html(bytes: &[u8]) -> Result<Document, InputError> {
    let (text, encoding) = decode_page(bytes)?;
    let page = Builder::parse(&text);

    let title = page
        .article_title
        .as_deref()
        .map(collapse)
        .filter(|t| !t.is_empty())
        .or_else(|| {
            page.title
                .as_deref()
                .map(title_main_part)
                .filter(|t| !t.is_empty())
        });
    let published = page
        .meta_dates
        .iter()
        .find_map(|d| parse_date(d))
        .or_else(|| date_in_text(&page.blocks));

    let (container, end) = choose_container(&page.nodes, &page.blocks);
    let inside = |b: &RawBlock| (container..end).contains(&b.owner);
    let mut chosen: Vec<&RawBlock> = Vec::new();
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
            && let Some(t) = above.iter().rev().find(|b| is_title_of(&b.text, &refs))
        {
            chosen.push(t);
        }
    }
    chosen.extend(page.blocks.iter().filter(|b| inside(b)));

    let blocks = chosen
        .into_iter()
        .enumerate()
        .map(|(i, b)| Block {
            text: b.text.clone(),
            paragraph: i + 1,
            element: page.nodes[b.owner].tag.clone(),
        })
        .collect();
    Ok(Document {
        blocks,
        published,
        title,
        encoding,
        format: Format::Html,
    })
}

// ---------------------------------------------------------------------------------------
// Decoding

/// Decodes a page: a BOM wins; then a charset declared in the first 4 KB (decoded
/// without replacement, else read by the detector, else decoded with replacement in the
/// declared encoding); then the detector. Returns the text without BOM and the
/// encoding's name.
fn decode_page(bytes: &[u8]) -> Result<(String, &'static str), InputError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return super::decode(bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok((s.to_string(), "UTF-8")),
            Err(_) if rest[..rest.len().min(8192)].contains(&0) => Err(InputError::Binary),
            Err(_) => Ok((String::from_utf8_lossy(rest).into_owned(), "UTF-8")),
        };
    }
    let (text, encoding) = match declared_encoding(bytes) {
        Some(enc) => match enc.decode_without_bom_handling_and_without_replacement(bytes) {
            Some(text) => (text.into_owned(), enc.name()),
            None => super::decode(bytes).unwrap_or_else(|_| {
                let (text, _) = enc.decode_without_bom_handling(bytes);
                (text.into_owned(), enc.name())
            }),
        },
        None => super::decode(bytes)?,
    };
    Ok(match text.strip_prefix('\u{FEFF}') {
        Some(rest) => (rest.to_string(), encoding),
        None => (text, encoding),
    })
}

/// The encoding a `<meta>` in the first 4 KB declares, as the HTML standard maps it: a
/// declared UTF-16 means UTF-8 (the bytes were read as ASCII to find it), and labels
/// the standard maps to the replacement encoding count as no declaration.
fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    for Ok(token) in Tokenizer::new_with_emitter(head, emitter) {
        let Token::StartTag(tag) = token else {
            continue;
        };
        if tag.name.as_slice() != b"meta" {
            continue;
        }
        let label = match attr(&tag, "charset") {
            Some(cs) => Some(cs.into_owned()),
            None if attr(&tag, "http-equiv")
                .is_some_and(|h| h.trim().eq_ignore_ascii_case("content-type")) =>
            {
                attr(&tag, "content").and_then(|c| charset_in_content(&c))
            }
            None => None,
        };
        let Some(enc) = label.and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()))
        else {
            continue;
        };
        if enc == encoding_rs::REPLACEMENT {
            continue;
        }
        if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            return Some(encoding_rs::UTF_8);
        }
        return Some(enc);
    }
    None
}

/// The charset named in a Content-Type value such as `text/html; charset=gb2312`.
fn charset_in_content(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = lower[at + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let label: String = rest
        .chars()
        .take_while(|c| !matches!(c, ';' | '"' | '\'') && !c.is_ascii_whitespace())
        .collect();
    (!label.is_empty()).then_some(label)
}

/// A start tag's attribute value, read as UTF-8 (lossily).
fn attr<'a>(tag: &'a StartTag<()>, name: &str) -> Option<Cow<'a, str>> {
    tag.attributes
        .get(name.as_bytes())
        .map(|v| String::from_utf8_lossy(&v.value))
}

// ---------------------------------------------------------------------------------------
// Tokens to blocks

/// A block element of the page (or the root, index 0, standing for `body`). Nodes are
/// numbered in document order, so a node's descendants follow it contiguously.
#[derive(Debug)]
struct Node {
    /// The tag name ("body" for the root).
    tag: String,
    /// The enclosing block element (the root is its own parent).
    parent: usize,
    /// Its id or a class is one of [`KNOWN_CONTAINERS`].
    known: bool,
    /// It holds another block element.
    has_block_child: bool,
    /// A `<br>` breaks its own text into lines.
    has_br: bool,
    /// Non-link, non-space characters of the blocks it holds itself.
    own: u64,
}

/// An element on the stack of open elements.
#[derive(Debug)]
struct Open {
    name: String,
    /// The innermost block node at or around this element.
    node: usize,
    /// This element made that node (it is a block element).
    block: bool,
    /// Inside an element whose content is skipped.
    skip: bool,
    /// Inside a link (`a` with `href`).
    link: bool,
    /// Inside `pre`: whitespace is kept.
    pre: bool,
}

/// A text block before the report's body is chosen.
#[derive(Debug)]
struct RawBlock {
    text: String,
    /// The innermost block node holding it.
    owner: usize,
    /// Its characters outside links, spaces not counted.
    nonlink: u64,
}

/// Turns the page's tokens into block nodes, text blocks and metadata.
#[derive(Debug, Default)]
struct Builder {
    nodes: Vec<Node>,
    stack: Vec<Open>,
    /// How many elements of each name are open.
    open: HashMap<String, usize>,
    blocks: Vec<RawBlock>,
    /// The block being gathered, its owner, whether it is preformatted, its non-link
    /// character count, and whether a space is due before the next character.
    cur: String,
    cur_owner: usize,
    cur_pre: bool,
    cur_nonlink: u64,
    space_due: bool,
    /// The first `<title>`'s text, once closed; the text of the one being read.
    title: Option<String>,
    in_title: bool,
    title_buf: String,
    article_title: Option<String>,
    /// Contents of the date metas, in page order.
    meta_dates: Vec<String>,
}

impl Builder {
    /// Reads the whole page.
    fn parse(text: &str) -> Builder {
        let mut b = Builder {
            nodes: vec![Node {
                tag: "body".into(),
                parent: 0,
                known: false,
                has_block_child: false,
                has_br: false,
                own: 0,
            }],
            ..Builder::default()
        };
        let mut emitter = DefaultEmitter::default();
        // Script, style, textarea, title … hold raw text until their end tag.
        emitter.naively_switch_states(true);
        for Ok(token) in Tokenizer::new_with_emitter(text, emitter) {
            match token {
                Token::StartTag(tag) => b.start(&tag),
                Token::EndTag(tag) => b.end(&String::from_utf8_lossy(&tag.name)),
                Token::String(s) => b.text(&String::from_utf8_lossy(&s.value)),
                Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
            }
        }
        b.flush();
        b.end_title();
        b
    }

    /// The innermost open element's node and state: (node, skip, link, pre).
    fn top(&self) -> (usize, bool, bool, bool) {
        self.stack.last().map_or((0, false, false, false), |o| {
            (o.node, o.skip, o.link, o.pre)
        })
    }

    fn start(&mut self, tag: &StartTag<()>) {
        let name = String::from_utf8_lossy(&tag.name).into_owned();
        let name = name.as_str();
        if matches!(name, "html" | "head" | "body") {
            return;
        }
        let (node, skip, link, pre) = self.top();
        if skip {
            // Inside skipped content (svg honours self-closing tags): only nesting counts.
            if !VOID.contains(&name) && !tag.self_closing {
                self.push(name, node, false, true, link, pre);
            }
            return;
        }
        match name {
            "title" => {
                self.in_title = true;
                self.title_buf.clear();
                return;
            }
            "meta" => return self.meta(tag),
            "br" => return self.line_break(),
            _ => {}
        }
        self.implied_ends(name);
        // After the implied ends, the innermost open element may have changed.
        let (node, _, link, pre) = self.top();
        if VOID.contains(&name) {
            if name == "hr" {
                self.flush();
            }
            return;
        }
        if SKIP.contains(&name) {
            if !(tag.self_closing && matches!(name, "svg" | "math")) {
                self.push(name, node, false, true, link, pre);
            }
            return;
        }
        let is_link = link || (name == "a" && tag.attributes.contains_key(b"href".as_slice()));
        if BLOCK.contains(&name) {
            self.flush();
            let known = ["id", "class"].iter().any(|a| {
                attr(tag, a).is_some_and(|v| {
                    v.split_ascii_whitespace()
                        .any(|w| KNOWN_CONTAINERS.iter().any(|k| w.eq_ignore_ascii_case(k)))
                })
            });
            self.nodes[node].has_block_child = true;
            self.nodes.push(Node {
                tag: name.to_string(),
                parent: node,
                known,
                has_block_child: false,
                has_br: false,
                own: 0,
            });
            let id = self.nodes.len() - 1;
            self.push(name, id, true, false, is_link, pre || name == "pre");
        } else {
            self.push(name, node, false, false, is_link, pre);
        }
    }

    /// The end tags a start tag implies, as browsers apply them to text-bearing markup.
    fn implied_ends(&mut self, name: &str) {
        let table_part = matches!(
            name,
            "td" | "th" | "tr" | "tbody" | "thead" | "tfoot" | "caption"
        );
        if BLOCK.contains(&name) && !table_part && self.is_open("p") {
            self.close_nearest(&["p"], |o| {
                matches!(
                    o.name.as_str(),
                    "table" | "td" | "th" | "caption" | "template"
                )
            });
        }
        // A list item or a definition closes the previous one, through p, div, address
        // and inline elements but not through another block.
        let passable = |o: &Open| !o.block || matches!(o.name.as_str(), "p" | "div" | "address");
        match name {
            "li" if self.is_open("li") => self.close_nearest(&["li"], |o| !passable(o)),
            "dd" | "dt" if self.is_open("dd") || self.is_open("dt") => {
                self.close_nearest(&["dd", "dt"], |o| !passable(o))
            }
            "tr" => self.close_outermost(&["td", "th", "tr"], &["table"]),
            "tbody" | "thead" | "tfoot" => {
                self.close_outermost(&["td", "th", "tr", "tbody", "thead", "tfoot"], &["table"])
            }
            "td" | "th" => self.close_outermost(&["td", "th"], &["tr", "table"]),
            "a" if self.is_open("a") => self.close_nearest(&["a"], |o| o.block),
            // A heading does not nest in the heading just before it.
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                if self.stack.last().is_some_and(|o| {
                    matches!(o.name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
                }) =>
            {
                self.pop_to(self.stack.len() - 1)
            }
            _ => {}
        }
    }

    fn is_open(&self, name: &str) -> bool {
        self.open.get(name).is_some_and(|&n| n > 0)
    }

    /// Closes the innermost open element named in `names`, unless `stop` is met first.
    fn close_nearest(&mut self, names: &[&str], stop: impl Fn(&Open) -> bool) {
        let found = self
            .stack
            .iter()
            .enumerate()
            .rev()
            .take(SEARCH_DEPTH)
            .take_while(|(_, o)| names.contains(&o.name.as_str()) || !stop(o))
            .find(|(_, o)| names.contains(&o.name.as_str()))
            .map(|(i, _)| i);
        if let Some(i) = found {
            self.pop_to(i);
        }
    }

    /// Closes the outermost open element named in `names` that lies above the innermost
    /// element named in `stop` (a new row closes the open row and its cell).
    fn close_outermost(&mut self, names: &[&str], stop: &[&str]) {
        if !names.iter().any(|n| self.is_open(n)) {
            return;
        }
        let found = self
            .stack
            .iter()
            .enumerate()
            .rev()
            .take(SEARCH_DEPTH)
            .take_while(|(_, o)| !stop.contains(&o.name.as_str()))
            .filter(|(_, o)| names.contains(&o.name.as_str()))
            .last()
            .map(|(i, _)| i);
        if let Some(i) = found {
            self.pop_to(i);
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "html" | "head" | "body" => return,
            "title" if self.in_title => return self.end_title(),
            // Browsers read </br> as <br>.
            "br" => {
                if !self.top().1 {
                    self.line_break();
                }
                return;
            }
            _ => {}
        }
        if !self.is_open(name) {
            return;
        }
        // An inline element's end tag does not reach out of a block; a block's does not
        // reach out of a table cell (table parts do not reach out of their table).
        let block = BLOCK.contains(&name);
        let stop = |o: &Open| {
            if !block {
                o.block
            } else if name == "table" {
                false
            } else if matches!(
                name,
                "tr" | "td" | "th" | "tbody" | "thead" | "tfoot" | "caption"
            ) {
                o.name == "table"
            } else {
                matches!(o.name.as_str(), "table" | "td" | "th" | "caption")
            }
        };
        self.close_nearest(&[name], stop);
    }

    fn push(&mut self, name: &str, node: usize, block: bool, skip: bool, link: bool, pre: bool) {
        *self.open.entry(name.to_string()).or_default() += 1;
        self.stack.push(Open {
            name: name.to_string(),
            node,
            block,
            skip,
            link,
            pre,
        });
    }

    /// Pops the open elements from index `i` up; a block among them ends the text block.
    fn pop_to(&mut self, i: usize) {
        let mut block = false;
        while self.stack.len() > i {
            let Some(o) = self.stack.pop() else { break };
            if let Some(n) = self.open.get_mut(&o.name) {
                *n = n.saturating_sub(1);
            }
            block |= o.block;
        }
        if block {
            self.flush();
        }
    }

    fn meta(&mut self, tag: &StartTag<()>) {
        let Some(content) = attr(tag, "content") else {
            return;
        };
        for key in ["name", "property"] {
            let Some(key) = attr(tag, key).map(|k| k.trim().to_ascii_lowercase()) else {
                continue;
            };
            if DATE_METAS.contains(&key.as_str()) {
                self.meta_dates.push(content.into_owned());
                return;
            }
            if key == "articletitle" && self.article_title.is_none() && !content.trim().is_empty() {
                self.article_title = Some(content.into_owned());
                return;
            }
        }
    }

    fn end_title(&mut self) {
        if self.in_title {
            self.in_title = false;
            let t = collapse(&self.title_buf);
            if self.title.is_none() && !t.is_empty() {
                self.title = Some(t);
            }
        }
    }

    /// `<br>`: a line break in the block, none at its start and never two in a row.
    fn line_break(&mut self) {
        let (node, _, _, pre) = self.top();
        self.nodes[node].has_br = true;
        if pre {
            return self.text("\n");
        }
        self.space_due = false;
        if !self.cur.is_empty() && !self.cur.ends_with('\n') {
            self.cur.push('\n');
        }
    }

    fn text(&mut self, s: &str) {
        if self.in_title {
            self.title_buf.push_str(s);
            return;
        }
        let (node, skip, link, pre) = self.top();
        if skip {
            return;
        }
        if self.cur.is_empty() {
            self.cur_owner = node;
            self.cur_pre = pre;
        }
        for c in s.chars() {
            if !pre && c.is_ascii_whitespace() {
                self.space_due = !self.cur.is_empty() && !self.cur.ends_with('\n');
                continue;
            }
            if std::mem::take(&mut self.space_due) {
                self.cur.push(' ');
            }
            self.cur.push(c);
            if !link && !is_blank(c) {
                self.cur_nonlink += 1;
            }
        }
    }

    /// Ends the current text block: trimmed (line breaks only, in `pre`), and dropped if
    /// nothing but spaces is left.
    fn flush(&mut self) {
        self.space_due = false;
        let raw = std::mem::take(&mut self.cur);
        let nonlink = std::mem::take(&mut self.cur_nonlink);
        let text = if self.cur_pre {
            raw.trim_matches(['\n', '\r'])
        } else {
            raw.trim_matches(|c: char| c.is_ascii_whitespace())
        };
        if text.chars().all(is_blank) {
            return;
        }
        self.nodes[self.cur_owner].own += nonlink;
        self.blocks.push(RawBlock {
            text: text.to_string(),
            owner: self.cur_owner,
            nonlink,
        });
    }
}

/// A character that shows nothing: any Unicode space (U+3000 and U+00A0 included) or a
/// zero-width one.
fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}')
}

// ---------------------------------------------------------------------------------------
// Finding the body

/// Chooses the element holding the report and returns it with the end of its range of
/// nodes (its descendants follow it in `nodes`). The root (0) means the whole page.
///
/// The rule, readability-style, in non-link characters (link text is navigation):
/// - every block credits its characters to its *host*: the element around it when it is
///   a paragraph (p, h1–h6, li …, or a block without block children and without `<br>`
///   lines), else the element itself (a div of `<br>`-separated lines, a known
///   container); a known container's credit counts 1.5 times;
/// - the element with the largest credit is the candidate;
/// - while the candidate is not a known container and its parent's other content hosts
///   at least 30% of the best credit (the report goes on in a sibling: Word's sections,
///   a paragraph wrapped in its own div), the parent becomes the candidate;
/// - the candidate is kept if it holds at least half the page's non-link characters (35%
///   for a known container), else the whole page is returned.
fn choose_container(nodes: &[Node], blocks: &[RawBlock]) -> (usize, usize) {
    let n = nodes.len();
    let mut held: Vec<u64> = nodes.iter().map(|x| x.own).collect();
    let mut end: Vec<usize> = (1..=n).collect();
    for i in (1..n).rev() {
        let p = nodes[i].parent;
        held[p] += held[i];
        end[p] = end[p].max(end[i]);
    }
    let whole = (0, n);
    let host = |o: usize| {
        let x = &nodes[o];
        let paragraph = PARAGRAPH.contains(&x.tag.as_str()) || (!x.has_block_child && !x.has_br);
        if o != 0 && !x.known && paragraph {
            x.parent
        } else {
            o
        }
    };
    // Credits doubled, so that the known containers' bonus stays an integer.
    let mut score = vec![0u64; n];
    for b in blocks {
        score[host(b.owner)] += b.nonlink;
    }
    for (s, x) in score.iter_mut().zip(nodes) {
        *s *= if x.known { 3 } else { 2 };
    }
    let best = (0..n).fold(0, |b, i| if score[i] > score[b] { i } else { b });
    if score[best] == 0 {
        return whole;
    }
    let mut c = best;
    while c != 0 && !nodes[c].known {
        let p = nodes[c].parent;
        let outside = std::iter::once(p)
            .chain(p + 1..c)
            .chain(end[c]..end[p])
            .map(|i| score[i])
            .max()
            .unwrap_or(0);
        if outside * 10 < score[best] * 3 {
            break;
        }
        c = p;
    }
    let total = held[0];
    if held[c] * 2 >= total || (nodes[c].known && held[c] * 20 >= total * 7) {
        (c, end[c])
    } else {
        whole
    }
}

/// Whether a block is the report's title: its text, spaces removed, equals one of the
/// titles from the metadata or contains one (and is not much longer, nor a breadcrumb).
fn is_title_of(text: &str, refs: &[String]) -> bool {
    let t = squeeze(text);
    if ["当前位置", "您的位置", "首页"]
        .iter()
        .any(|w| t.contains(w))
    {
        return false;
    }
    refs.iter()
        .any(|r| t == *r || (t.contains(r.as_str()) && t.len() <= 2 * r.len()))
}

// ---------------------------------------------------------------------------------------
// Metadata

/// Collapses runs of ASCII whitespace to one space and trims spaces of any kind at the
/// ends (for titles).
fn collapse(s: &str) -> String {
    s.split_ascii_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(is_blank)
        .to_string()
}

/// The text without any spaces, for comparing titles.
fn squeeze(s: &str) -> String {
    s.chars().filter(|&c| !is_blank(c)).collect()
}

/// A `<title>` without its site-name suffix ("报告 - 某市人民政府", "报告_某市人民政府").
fn title_main_part(title: &str) -> String {
    let t = collapse(title);
    let cut = ["_", " - ", " – ", " — ", "|"]
        .iter()
        .filter_map(|sep| t.find(sep))
        .min();
    match cut {
        Some(i) if !t[..i].trim().is_empty() => t[..i].trim().to_string(),
        _ => t,
    }
}

/// The first 发布时间/发布日期 in the page's text followed by a date (after an optional
/// colon and spaces, line breaks between table cells included).
fn date_in_text(blocks: &[RawBlock]) -> Option<String> {
    let text = blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let mut hits: Vec<usize> = DATE_LABELS
        .iter()
        .flat_map(|l| text.match_indices(l).map(|(i, l)| i + l.len()))
        .collect();
    hits.sort_unstable();
    hits.into_iter().find_map(|i| {
        let rest = text[i..].trim_start_matches(is_blank);
        let rest = rest.strip_prefix([':', '：']).unwrap_or(rest);
        parse_date(rest)
    })
}

/// Reads a date at the start of `s` (after spaces) as "YYYY-MM-DD": 2025-03-28,
/// 2025/3/28, 2025.03.28 or 2025年3月28日, full-width digits too, anything after it (a
/// time) ignored. None if there is no valid date there.
pub(crate) fn parse_date(s: &str) -> Option<String> {
    let chars: Vec<char> = s
        .trim_start_matches(is_blank)
        .chars()
        .take(32)
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    let mut at = 0;
    // A number of 1 to `max` digits (not followed by another digit) and its length.
    let number = |at: &mut usize, max: usize| {
        let len = chars[*at..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if len == 0 || len > max {
            return None;
        }
        let v = chars[*at..*at + len]
            .iter()
            .fold(0u32, |v, c| v * 10 + c.to_digit(10).unwrap_or(0));
        *at += len;
        Some((v, len))
    };
    let spaces = |at: &mut usize| {
        while chars.get(*at).is_some_and(|&c| c == ' ' || c == '\u{3000}') {
            *at += 1;
        }
    };
    let (year, 4) = number(&mut at, 4)? else {
        return None;
    };
    spaces(&mut at);
    let closing = match *chars.get(at)? {
        sep @ ('-' | '/' | '.') => sep,
        '年' => '月',
        _ => return None,
    };
    at += 1;
    spaces(&mut at);
    let (month, _) = number(&mut at, 2)?;
    spaces(&mut at);
    if *chars.get(at)? != closing {
        return None;
    }
    at += 1;
    spaces(&mut at);
    let (day, _) = number(&mut at, 2)?;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if !(1900..=2100).contains(&year) || day == 0 || day > days {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The report's paragraphs as the reader should return them, after the title.
    const REPORT: &[&str] = &[
        "　　2024年，临川市司法局在市委、市政府领导下，深入推进依法行政，法治政府建设取得新进展。现将有关情况报告如下。",
        "　　一、主要举措和成效",
        "　　（一）健全依法决策机制。全年审查重大行政决策事项12件，组织公众参与和专家论证，做到应审尽审。",
        "　　（二）规范行政执法行为。全面推行行政执法公示、全过程记录和重大执法决定法制审核制度，开展执法案卷评查两次。",
        "　　二、存在的不足和原因",
        "　　部分执法人员法治意识有待提高，基层执法力量仍然薄弱。",
        "　　三、下一年度工作安排",
        "　　2025年，我们将继续加强执法监督，提升复议应诉水平，为建设法治临川作出新贡献。",
        "临川市司法局",
        "2025年3月28日",
    ];
    const TITLE: &str = "临川市司法局2024年法治政府建设年度报告";

    /// A government page around the report, with `head` as the charset declaration and
    /// `date_meta` as the PubDate meta (or nothing).
    fn page(charset: &str, date_meta: &str) -> String {
        let paragraphs: String = REPORT[..8]
            .iter()
            .map(|p| format!("<p>{p}</p>\n"))
            .collect();
        format!(
            r##"<!DOCTYPE html>
<html>
<head>
{charset}
<title>{TITLE}_临川市人民政府</title>
<meta name="SiteName" content="临川市人民政府">
<meta name="ArticleTitle" content="{TITLE}">
{date_meta}
<link rel="stylesheet" href="/css/main.css">
<style>#zoom p {{ text-indent: 2em; }}</style>
<script>var tip = "<p>不是正文</p>";</script>
</head>
<body>
<!-- 页头 -->
<div class="header"><div class="logo">临川市人民政府</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul>
<form action="/search"><input name="q"><button>搜索</button></form></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/fzzf/">法治政府建设</a></div>
<div class="main">
<table class="xxgk">
<tr><td>索引号：</td><td>113301000000000000/2025-00012</td><td>发布机构：</td><td>临川市司法局</td></tr>
<tr><td>发布日期：</td><td>2025-03-29</td><td>主题分类：</td><td>法治政府</td></tr>
</table>
<h1 class="title">{TITLE}</h1>
<div class="info">来源：临川市司法局　【字体：<a href="javascript:;">大</a> <a href="javascript:;">中</a> <a href="javascript:;">小</a>】</div>
<div id="zoom">
{paragraphs}<p>&nbsp;</p>
<p style="text-align:right">{}</p>
<p style="text-align:right">{}</p>
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a>
<span onclick="window.print()">打印本页</span> <span onclick="window.close()">关闭窗口</span></div>
<div class="related"><h3>相关链接</h3>
<ul><li><a href="/a/1.html">临川市2023年法治政府建设年度报告</a></li><li><a href="/a/2.html">关于印发临川市行政执法公示办法的通知</a></li></ul></div>
</div>
<div class="footer"><p>主办单位：临川市人民政府办公室　承办单位：临川市大数据发展中心</p>
<p>网站标识码：3300000001　浙ICP备00000000号　浙公网安备 33000002000001号</p></div>
<script>document.write("<div>统计</div>");</script>
</body>
</html>
"##,
            REPORT[8], REPORT[9]
        )
    }

    fn texts(doc: &Document) -> Vec<&str> {
        doc.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    fn expected_report() -> Vec<Block> {
        std::iter::once((TITLE, "h1"))
            .chain(REPORT.iter().map(|&p| (p, "p")))
            .enumerate()
            .map(|(i, (text, element))| Block {
                text: text.to_string(),
                paragraph: i + 1,
                element: element.to_string(),
            })
            .collect()
    }

    #[test]
    fn a_government_page_gives_the_title_and_the_report() {
        let html = page(
            r#"<meta charset="utf-8">"#,
            r#"<meta name="PubDate" content="2025-03-28 09:30">"#,
        );
        let doc = read_html(html.as_bytes()).unwrap();
        assert_eq!(doc.blocks, expected_report());
        assert_eq!(doc.published.as_deref(), Some("2025-03-28"));
        assert_eq!(doc.title.as_deref(), Some(TITLE));
        assert_eq!(doc.encoding, "UTF-8");
        assert_eq!(doc.format, crate::text::Format::Html);
    }

    #[test]
    fn a_gbk_page_declared_gb2312_reads_the_same() {
        let html = page(
            r#"<meta http-equiv="Content-Type" content="text/html; charset=gb2312">"#,
            r#"<meta name="pubdate" content="2025/3/28">"#,
        );
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(&html);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err());
        let doc = read_html(&bytes).unwrap();
        assert_eq!(doc.blocks, expected_report());
        assert_eq!(doc.encoding, "GBK");
        assert_eq!(doc.published.as_deref(), Some("2025-03-28"));
        assert_eq!(doc.title.as_deref(), Some(TITLE));
    }

    #[test]
    fn the_date_comes_from_the_page_text_without_a_meta() {
        let html = "<html><head><title>关于2024年度法治政府建设情况的报告 - 临川市交通运输局</title></head><body>\
            <div class=\"info\">发布时间：2025年3月28日 10:02　浏览次数：<span>35</span></div>\
            <div class=\"TRS_Editor\"><p>　　2024年，我局认真贯彻落实法治政府建设实施纲要，各项工作有序推进。</p>\
            <p>　　一、加强组织领导，压实第一责任人职责。</p></div></body></html>";
        let doc = read_html(html.as_bytes()).unwrap();
        assert_eq!(doc.published.as_deref(), Some("2025-03-28"));
        assert_eq!(
            doc.title.as_deref(),
            Some("关于2024年度法治政府建设情况的报告")
        );
        assert_eq!(
            texts(&doc),
            [
                "　　2024年，我局认真贯彻落实法治政府建设实施纲要，各项工作有序推进。",
                "　　一、加强组织领导，压实第一责任人职责。"
            ]
        );

        // A label in one table cell and the date in the next.
        let html = "<table><tr><td>发布日期：</td><td>2025.03.07</td></tr></table><p>正文</p>";
        let doc = read_html(html.as_bytes()).unwrap();
        assert_eq!(doc.published.as_deref(), Some("2025-03-07"));
        assert_eq!(doc.title, None);

        let doc = read_html("<p>发布时间：待定</p><p>正文</p>".as_bytes()).unwrap();
        assert_eq!(doc.published, None);
    }

    #[test]
    fn dates_are_normalised() {
        for (s, want) in [
            ("2025-03-28", Some("2025-03-28")),
            ("2025/3/28 09:30:00", Some("2025-03-28")),
            ("2025.03.28", Some("2025-03-28")),
            ("2025年3月28日", Some("2025-03-28")),
            ("2025 年 3 月 8 日 上午", Some("2025-03-08")),
            ("２０２５年３月２８日", Some("2025-03-28")),
            ("2025-03-28T09:30:00+08:00", Some("2025-03-28")),
            ("  2024-02-29", Some("2024-02-29")),
            ("2025-02-29", None),
            ("2025-13-01", None),
            ("2025-03/28", None),
            ("2025-03-280", None),
            ("20250328", None),
            ("三月", None),
            ("", None),
        ] {
            assert_eq!(parse_date(s).as_deref(), want, "{s}");
        }
    }

    #[test]
    fn br_is_a_line_break_inside_the_block() {
        let html = "<p>  第一行 <br>\n 第二行<br/><br>　　第三行 <br></p><p><br>单独</p>";
        let doc = read_html(html.as_bytes()).unwrap();
        assert_eq!(texts(&doc), ["第一行\n第二行\n　　第三行", "单独"]);
        assert_eq!(doc.blocks[0].element, "p");
    }

    #[test]
    fn entities_are_decoded_and_special_spaces_kept() {
        let html = "<p>A&nbsp;B &amp; C&#x4e00;&lt;&#12288;</p><div>  x \t\n y  </div>";
        let doc = read_html(html.as_bytes()).unwrap();
        assert_eq!(texts(&doc), ["A\u{a0}B & C一<\u{3000}", "x y"]);
        assert_eq!(doc.blocks[1].element, "div");
    }

    #[test]
    fn a_page_without_a_container_gives_all_blocks() {
        let html = "<html><body><h2>临川市2024年法治政府建设年度报告</h2>\
            <p>　　一、主要工作</p><p>　　全年办理行政复议案件30件。</p>\
            <ul><li>普法宣传</li><li>执法监督</li></ul><table><tr><td>项目</td><td>数量</td></tr></table>\
            正文之外</body></html>";
        let doc = read_html(html.as_bytes()).unwrap();
        let got: Vec<(&str, &str, usize)> = doc
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.element.as_str(), b.paragraph))
            .collect();
        assert_eq!(
            got,
            [
                ("临川市2024年法治政府建设年度报告", "h2", 1),
                ("　　一、主要工作", "p", 2),
                ("　　全年办理行政复议案件30件。", "p", 3),
                ("普法宣传", "li", 4),
                ("执法监督", "li", 5),
                ("项目", "td", 6),
                ("数量", "td", 7),
                ("正文之外", "body", 8),
            ]
        );
        assert_eq!(doc.encoding, "UTF-8");
    }

    #[test]
    fn skipped_elements_give_no_text() {
        let html = "<head><title>标题</title><style>p{}</style></head>\
            <p>甲<script>document.write('乙')</script>丙<!-- 注释 --></p>\
            <noscript><p>请启用脚本</p></noscript><select><option>选项</option></select>\
            <textarea>留言</textarea><template><p>模板</p></template><svg><text>图</text></svg>\
            <p>丁<button>按钮</button>戊</p><iframe src=x>框</iframe><svg/><p>己</p>";
        let doc = read_html(html.as_bytes()).unwrap();
        assert_eq!(texts(&doc), ["甲丙", "丁戊", "己"]);
        assert_eq!(doc.title.as_deref(), Some("标题"));
    }

    #[test]
    fn malformed_markup_is_read_as_browsers_would() {
        let html = "<div><p>甲<p>乙<div>丙</span></b><ul><li>丁<li>戊</ul>\
            <table><tr><td>己<td>庚<tr><td>辛</table><p><b>壬</p>癸<a href=\"x\">链</div></i>";
        let doc = read_html(html.as_bytes()).unwrap();
        let got: Vec<(&str, &str)> = doc
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.element.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("甲", "p"),
                ("乙", "p"),
                ("丙", "div"),
                ("丁", "li"),
                ("戊", "li"),
                ("己", "td"),
                ("庚", "td"),
                ("辛", "td"),
                ("壬", "p"),
                ("癸链", "div"),
            ]
        );
        // Unclosed tags, attributes and comments at the end of the input.
        for html in [
            "<p>正文<div class=\"a",
            "<p>正文<!-- 注释",
            "<p>正文</di",
            "<p>正文<script>x",
        ] {
            assert_eq!(
                texts(&read_html(html.as_bytes()).unwrap()),
                ["正文"],
                "{html}"
            );
        }
        assert_eq!(read_html(b"").unwrap().blocks, []);
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let n = 100_000;
        let html = format!("{}正文{}", "<div>".repeat(n), "</div>".repeat(n));
        let doc = read_html(html.as_bytes()).unwrap();
        assert_eq!(texts(&doc), ["正文"]);
        assert_eq!(doc.blocks[0].element, "div");
        // Unclosed, and other elements.
        let html = format!(
            "{}正文{}",
            "<div><span><p><li><td>".repeat(n / 5),
            "</b>".repeat(n)
        );
        let doc = read_html(html.as_bytes()).unwrap();
        assert_eq!(texts(&doc), ["正文"]);
    }

    #[test]
    fn bytes_that_are_not_text_are_an_error() {
        // A fixed pseudo-random sequence.
        let mut x: u32 = 0x2545_F491;
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                (x >> 24) as u8
            })
            .collect();
        let err = read_html(&bytes).unwrap_err();
        assert_eq!(Some(err), super::super::decode(&bytes).err());
        assert_eq!(
            read_html(b"<p>\x00\x01\x02\x03\xff\xfe\x00\x00\x91\x00\x00\x07</p>"),
            Err(InputError::Binary)
        );
    }

    #[test]
    fn truncated_and_mutated_pages_never_panic() {
        let html = page(r#"<meta charset="gbk">"#, "");
        let (gbk, _, _) = encoding_rs::GBK.encode(&html);
        let mut x: u32 = 12345;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as usize
        };
        for cut in (0..gbk.len()).step_by(61) {
            let _ = read_html(&gbk[..cut]);
            let _ = read_html(&html.as_bytes()[cut.min(html.len())..]);
        }
        let mut bytes = html.into_bytes();
        for _ in 0..200 {
            let i = next() % bytes.len();
            bytes[i] = b"<>/\"=p \x00\xff"[next() % 9];
            let _ = read_html(&bytes);
        }
    }

    #[test]
    fn byte_order_marks_and_declarations() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("<p>报告</p>".encode_utf16().flat_map(|u| u.to_le_bytes()));
        let doc = read_html(&le).unwrap();
        assert_eq!((texts(&doc), doc.encoding), (vec!["报告"], "UTF-16LE"));

        let doc = read_html("\u{FEFF}<meta charset=gbk><p>报告</p>".as_bytes()).unwrap();
        assert_eq!((texts(&doc), doc.encoding), (vec!["报告"], "UTF-8"));

        // A declared UTF-16 is read as UTF-8.
        let doc = read_html("<meta charset=\"utf-16\"><p>报告</p>".as_bytes()).unwrap();
        assert_eq!((texts(&doc), doc.encoding), (vec!["报告"], "UTF-8"));

        // Declared UTF-8 but written in GBK: the detector reads it.
        let body = "<p>　　2024年，临川市认真贯彻落实法治政府建设实施纲要，坚持依法行政。</p>";
        let (gbk, _, _) = encoding_rs::GBK.encode(body);
        let mut bytes = b"<meta charset='utf-8'>".to_vec();
        bytes.extend_from_slice(&gbk);
        let doc = read_html(&bytes).unwrap();
        assert_eq!(texts(&doc), [&body[3..body.len() - 4]]);
        assert_eq!(doc.encoding, "GBK");

        // Declared GBK, bytes neither GBK nor anything else: read lossily as GBK.
        let mut bytes = b"<meta charset=gbk><p>\x81</p><p>".to_vec();
        bytes.extend_from_slice(&gbk[3..gbk.len() - 4]);
        let doc = read_html(&bytes).unwrap();
        assert_eq!(doc.encoding, "GBK");
        assert_eq!(texts(&doc), ["\u{FFFD}", &body[3..body.len() - 4]]);
    }

    #[test]
    fn the_report_goes_on_in_a_sibling_and_a_br_container() {
        // Word's sections: two sibling divs, each a part of the report.
        let p = |s: &str| format!("<p>　　{s}</p>");
        let part1: String = ["一、本年度推进法治政府建设的主要举措和成效，全面履行政府职能。"; 4]
            .iter()
            .map(|s| p(s))
            .collect();
        let part2: String = ["二、存在的不足及原因，行政执法规范化水平仍需提升。"; 3]
            .iter()
            .map(|s| p(s))
            .collect();
        let html = format!(
            "<div class=nav><a href=/>首页</a></div><div class=wrap><div class=WordSection1>{part1}</div>\
             <div class=WordSection2>{part2}</div></div><div class=foot>版权所有：临川市人民政府</div>"
        );
        let doc = read_html(html.as_bytes()).unwrap();
        assert_eq!(doc.blocks.len(), 7);
        assert!(doc.blocks.iter().all(|b| b.element == "p"));

        // The report as lines separated by <br> in a div, the title above it.
        let lines = [
            "　　一、主要工作。全年制定行政规范性文件8件，全部按程序审查备案。",
            "　　二、存在问题。个别部门执法程序还不够规范，需要进一步加强培训。",
            "　　三、下一步安排。持续深化行政执法三项制度，推进严格规范公正文明执法。",
            "　　四、加强行政复议工作，发挥复议化解行政争议主渠道作用，全年纠错率有所提高。",
            "　　五、深入开展普法宣传，落实谁执法谁普法责任制，营造良好法治氛围。",
        ];
        let html = format!(
            "<title>临川市2024年法治政府建设年度报告</title><div class=top>临川市人民政府门户网站</div>\
             <div class=box><h2>临川市2024年法治政府建设年度报告</h2><div class=src>来源：市司法局</div>\
             <div class=body>{}</div><div class=tools>打印本页　关闭窗口</div></div>",
            lines.join("<br>\n")
        );
        let doc = read_html(html.as_bytes()).unwrap();
        let got: Vec<(&str, &str)> = doc
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.element.as_str()))
            .collect();
        let joined = lines.join("\n");
        assert_eq!(
            got,
            [
                ("临川市2024年法治政府建设年度报告", "h2"),
                (joined.as_str(), "div"),
            ]
        );
    }

    #[test]
    fn div_paragraphs_and_a_title_inside_the_container() {
        let paras = [
            "　　一、深入学习贯彻习近平法治思想，把法治建设摆在全局工作的重要位置。",
            "　　二、严格规范公正文明执法，全年开展行政执法监督检查六次。",
            "　　三、依法化解矛盾纠纷，人民调解组织调解成功率保持在较高水平。",
        ];
        let html = format!(
            "<meta property=\"article:published_time\" content=\"2025-01-15T08:00:00+08:00\">\
             <title>临川市某局法治政府建设年度报告</title>\
             <div class=title>临川市某局法治政府建设年度报告</div><div class=article>\
             <h1>临川市某局法治政府建设年度报告</h1>{}</div><div class=foot>联系我们</div>",
            paras.map(|p| format!("<div>{p}</div>")).concat()
        );
        let doc = read_html(html.as_bytes()).unwrap();
        let mut want = vec!["临川市某局法治政府建设年度报告"];
        want.extend(paras);
        assert_eq!(texts(&doc), want);
        assert_eq!(doc.blocks[0].element, "h1");
        assert_eq!(doc.blocks[1].element, "div");
        assert_eq!(doc.published.as_deref(), Some("2025-01-15"));
    }

    #[test]
    fn titles_lose_the_site_name() {
        assert_eq!(title_main_part(" 报告 - 临川市人民政府 "), "报告");
        assert_eq!(title_main_part("报告_临川市人民政府_首页"), "报告");
        assert_eq!(title_main_part("报告|临川市"), "报告");
        assert_eq!(title_main_part("_报告"), "_报告");
        assert_eq!(title_main_part("2024-2025年报告"), "2024-2025年报告");
    }
}
