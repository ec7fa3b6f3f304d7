//! Step 2: html5gum's tokens to block nodes, text blocks and the page's metadata,
//! through an explicit stack of open elements.

use super::attr;
use crate::text::chars::is_blank;
use html5gum::{DefaultEmitter, StartTag, Token, Tokenizer};
use std::collections::HashMap;

/// Meta names (or properties) that give the publication date, lower case.
pub(super) const DATE_METAS: &[&str] = &["pubdate", "publishdate", "article:published_time"];

/// Collapses runs of ASCII whitespace to one space and trims spaces of any kind at the
/// ends (for titles).
pub(super) fn collapse(s: &str) -> String {
    s.split_ascii_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(is_blank)
        .to_string()
}

/// How deep into the stack of open elements an implied or explicit end tag looks for its
/// element; a deeper one is left open (bounds the work on pathological nesting).
const SEARCH_DEPTH: usize = 1024;

/// Elements that end a text block where they start and end.
#[rustfmt::skip]
const BLOCK: &[&str] = &[
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "legend", "li", "listing", "main", "menu",
    "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul",
];

/// The parts of a table.
const TABLE_PARTS: &[&str] = &["td", "th", "tr", "tbody", "thead", "tfoot", "caption"];

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
#[rustfmt::skip]
const KNOWN_CONTAINERS: &[&str] = &[
    "zoom", "trs_editor", "custom_unionstyle", "article-content", "article_content",
    "articlecontent", "article-body", "article_body", "content", "detail", "main-txt", "main_txt",
    "view", "pages_content", "pages-content", "wzcon", "zwnr", "news_content", "newscontent",
    "con_text", "text_content", "textcontent", "bt_content", "ucapcontent", "xxgk_content",
];

/// A block element of the page (or the root, index 0, standing for `body`). Nodes are
/// numbered in document order, so a node's descendants follow it contiguously.
#[derive(Debug, Default)]
pub(super) struct Node {
    /// The tag name ("body" for the root).
    pub(super) tag: String,
    /// The enclosing block element (the root is its own parent).
    pub(super) parent: usize,
    /// Its id or a class is one of [`KNOWN_CONTAINERS`].
    pub(super) known: bool,
    /// It holds another block element.
    pub(super) has_block_child: bool,
    /// A `<br>` breaks its own text into lines.
    pub(super) has_br: bool,
    /// Non-link, non-space characters of the blocks it holds itself.
    pub(super) own: u64,
    /// The table cell (`td`, `th`), row (`tr`) and table it is in or is, innermost.
    pub(super) cell: Option<usize>,
    pub(super) row: Option<usize>,
    pub(super) table: Option<usize>,
    /// A cell's `colspan` and `rowspan` (1 unless given).
    pub(super) spans: (usize, usize),
    /// How many text blocks came before it.
    pub(super) first_block: usize,
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
pub(super) struct RawBlock {
    pub(super) text: String,
    /// The innermost block node holding it.
    pub(super) owner: usize,
    /// Its characters outside links, spaces not counted.
    pub(super) nonlink: u64,
}

/// Turns the page's tokens into block nodes, text blocks and metadata.
#[derive(Debug, Default)]
pub(super) struct Builder {
    pub(super) nodes: Vec<Node>,
    stack: Vec<Open>,
    /// How many elements of each name are open.
    open: HashMap<String, usize>,
    pub(super) blocks: Vec<RawBlock>,
    /// The block being gathered, its owner, whether it is preformatted, its non-link
    /// character count, and whether a space is due before the next character.
    cur: String,
    cur_owner: usize,
    cur_pre: bool,
    cur_nonlink: u64,
    space_due: bool,
    /// The first `<title>`'s text, once closed; the text of the one being read.
    pub(super) title: Option<String>,
    in_title: bool,
    title_buf: String,
    pub(super) article_title: Option<String>,
    /// Contents of the date metas, in page order.
    pub(super) meta_dates: Vec<String>,
}

impl Builder {
    /// Reads the whole page.
    pub(super) fn parse(text: &str) -> Builder {
        let mut b = Builder {
            nodes: vec![Node {
                tag: "body".into(),
                ..Node::default()
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
            let id = self.nodes.len();
            let up = &self.nodes[node];
            let is = |t: &str| (name == t).then_some(id);
            let span = |a: &str| {
                attr(tag, a)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
            };
            let cell = matches!(name, "td" | "th");
            self.nodes.push(Node {
                tag: name.to_string(),
                parent: node,
                known,
                cell: if cell { Some(id) } else { up.cell },
                row: is("tr").or(up.row),
                table: is("table").or(up.table),
                spans: if cell {
                    (span("colspan"), span("rowspan"))
                } else {
                    (1, 1)
                },
                first_block: self.blocks.len(),
                ..Node::default()
            });
            self.push(name, id, true, false, is_link, pre || name == "pre");
        } else {
            self.push(name, node, false, false, is_link, pre);
        }
    }

    /// The end tags a start tag implies, as browsers apply them to text-bearing markup.
    fn implied_ends(&mut self, name: &str) {
        if BLOCK.contains(&name) && !TABLE_PARTS.contains(&name) && self.is_open("p") {
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
        let heading = |n: &str| matches!(n, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
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
            _ if heading(name) && self.stack.last().is_some_and(|o| heading(&o.name)) => {
                self.pop_to(self.stack.len() - 1)
            }
            _ => {}
        }
    }

    fn is_open(&self, name: &str) -> bool {
        self.open.get(name).is_some_and(|&n| n > 0)
    }

    /// The open elements an end tag may reach, innermost first, with their indices.
    fn innermost(&self) -> impl Iterator<Item = (usize, &Open)> {
        self.stack.iter().enumerate().rev().take(SEARCH_DEPTH)
    }

    /// Closes the innermost open element named in `names`, unless `stop` is met first.
    fn close_nearest(&mut self, names: &[&str], stop: impl Fn(&Open) -> bool) {
        let found = self
            .innermost()
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
            .innermost()
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
            } else if TABLE_PARTS.contains(&name) {
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
