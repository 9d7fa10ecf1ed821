//! A chapter page as blocks: the headings, paragraphs, list items and
//! data tables of an HTML page (parsed with html5ever through `scraper`,
//! site furniture such as navigation, headers and scripts skipped) or of
//! copied text, each block's words as Markdown (emphasis, links and
//! pictures kept).

use scraper::{ElementRef, Html, Node};

use super::super::lines::clean_spaces;

/// One block of a page: a heading, a paragraph or a list item, its text
/// as Markdown (emphasis and links kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Block {
    Heading(u8, String),
    Paragraph(String),
    Item {
        /// The item's number in a numbered list (`None`: a bullet).
        number: Option<u32>,
        depth: usize,
        /// The first item of its list: a list of its own, even straight
        /// after another.
        first: bool,
        text: String,
    },
    /// A data table: its rows of cells (each cell's text as Markdown), the
    /// first row the header; `text` is every cell's words.
    Table {
        rows: Vec<Vec<String>>,
        text: String,
    },
}

impl Block {
    pub(super) fn text(&self) -> &str {
        match self {
            Block::Heading(_, text)
            | Block::Paragraph(text)
            | Block::Item { text, .. }
            | Block::Table { text, .. } => text,
        }
    }
}

/// The blocks of copied text: one per line; bullets make list items.
pub(super) fn text_blocks(text: &str) -> Vec<Block> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            for bullet in ["- ", "* ", "• "] {
                if let Some(rest) = line.strip_prefix(bullet) {
                    return Block::Item {
                        number: None,
                        depth: 0,
                        first: false,
                        text: rest.trim().to_string(),
                    };
                }
            }
            Block::Paragraph(line.to_string())
        })
        .collect()
}

/// The number a browser shows for `item` in the numbered list `list`:
/// the list's `start` (1 unless given) counted on through the items before
/// it, an item's own `value` setting the count from there.
fn item_number(list: ElementRef, item: ElementRef) -> u32 {
    let given = |element: ElementRef, name: &str| {
        element
            .value()
            .attr(name)
            .and_then(|v| v.trim().parse::<u32>().ok())
            // Beyond any real list; keeps the count from overflowing.
            .map(|n| n.min(1_000_000))
    };
    let mut number = given(list, "start").unwrap_or(1);
    for sibling in list.children().filter_map(ElementRef::wrap) {
        if sibling.value().name() != "li" {
            continue;
        }
        if let Some(value) = given(sibling, "value") {
            number = value;
        }
        if sibling.id() == item.id() {
            return number;
        }
        number = number.saturating_add(1);
    }
    number
}

/// The blocks of an HTML page, in document order. Scripts, styles,
/// navigation, headers, footers and forms are furniture and skipped.
///
/// Elements nested deeper than [`MAX_NESTING`] are read as their plain text
/// (and `flattened` says so): a hostile page of 100,000 nested `<b>` or
/// `<div>` is read in bounded stack and linear time.
pub(super) fn html_blocks(html: &str, flattened: &mut bool) -> Vec<Block> {
    let (html, dropped) = super::super::nesting::bounded(html);
    *flattened |= dropped;
    let document = Html::parse_document(&html);
    let mut blocks = Vec::new();
    walk(document.root_element(), 0, 0, &mut blocks, flattened);
    blocks
}

/// How deep the reader follows elements; real pages nest 20 to 30 levels.
pub(super) const MAX_NESTING: usize = 100;

/// An element's words as plain text, without recursion.
fn flat_text(element: ElementRef<'_>) -> String {
    escape_text(&element.text().collect::<Vec<_>>().join(" "))
}

fn walk(
    element: ElementRef<'_>,
    list_depth: usize,
    nesting: usize,
    blocks: &mut Vec<Block>,
    flattened: &mut bool,
) {
    let name = element.value().name();
    if nesting > MAX_NESTING {
        *flattened = true;
        if !matches!(name, "script" | "style" | "template" | "svg") {
            push(blocks, Block::Paragraph, flat_text(element));
        }
        return;
    }
    match name {
        "head" | "script" | "style" | "noscript" | "nav" | "header" | "footer" | "form"
        | "button" | "aside" | "template" | "svg" | "iframe" => {}
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            let level = name[1..].parse().unwrap_or(2);
            push(
                blocks,
                |text| Block::Heading(level, text),
                inline(element, nesting, flattened),
            );
        }
        // A cell of a table that lays out the page holds blocks of its own.
        "td" | "th" | "dd" | "blockquote"
            if element
                .children()
                .filter_map(ElementRef::wrap)
                .any(|c| is_block(c.value().name())) =>
        {
            container(element, list_depth, nesting, blocks, flattened);
        }
        "p" | "td" | "th" | "dt" | "dd" | "caption" | "figcaption" | "blockquote" => {
            push(
                blocks,
                Block::Paragraph,
                inline(element, nesting, flattened),
            );
        }
        "li" => {
            let number = element
                .parent()
                .and_then(ElementRef::wrap)
                .filter(|p| p.value().name() == "ol")
                .map(|list| item_number(list, element));
            // The item's own words, then any list inside it.
            let own: String = element
                .children()
                .filter(|c| {
                    ElementRef::wrap(*c).is_none_or(|e| !matches!(e.value().name(), "ul" | "ol"))
                })
                .map(|c| inline_node(c, nesting, flattened))
                .collect();
            let depth = list_depth.saturating_sub(1);
            let first = element
                .prev_siblings()
                .filter_map(ElementRef::wrap)
                .all(|e| e.value().name() != "li");
            push(
                blocks,
                |text| Block::Item {
                    number,
                    depth,
                    first,
                    text,
                },
                own,
            );
            for child in element.children().filter_map(ElementRef::wrap) {
                if matches!(child.value().name(), "ul" | "ol") {
                    // The list counts its own level.
                    walk(child, list_depth, nesting + 1, blocks, flattened);
                }
            }
        }
        "ul" | "ol" => {
            for child in element.children().filter_map(ElementRef::wrap) {
                walk(child, list_depth + 1, nesting + 1, blocks, flattened);
            }
        }
        "table" if data_table(element).is_some() => {
            let rows = data_table(element).unwrap_or_default();
            let rows: Vec<Vec<String>> = rows
                .into_iter()
                .map(|cells| {
                    cells
                        .into_iter()
                        .map(|cell| clean_spaces(&inline(cell, nesting + 2, flattened)))
                        .collect()
                })
                .collect();
            let text = rows
                .iter()
                .flatten()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(" ");
            if !text.trim().is_empty() {
                blocks.push(Block::Table { rows, text });
            }
        }
        _ => container(element, list_depth, nesting, blocks, flattened),
    }
}

/// A container's block children, and its loose text as paragraphs.
fn container(
    element: ElementRef<'_>,
    list_depth: usize,
    nesting: usize,
    blocks: &mut Vec<Block>,
    flattened: &mut bool,
) {
    let mut loose = String::new();
    for child in element.children() {
        match ElementRef::wrap(child) {
            Some(e) if is_block(e.value().name()) => {
                push(blocks, Block::Paragraph, std::mem::take(&mut loose));
                walk(e, list_depth, nesting + 1, blocks, flattened);
            }
            _ => loose.push_str(&inline_node(child, nesting, flattened)),
        }
    }
    push(blocks, Block::Paragraph, loose);
}

/// A table's cells by row when it holds data (two columns or more, each
/// cell words, links and pictures only); `None` for a table that lays out
/// a page (nested tables, lists or headings in its cells), which is read
/// as the blocks it holds.
fn data_table(table: ElementRef<'_>) -> Option<Vec<Vec<ElementRef<'_>>>> {
    fn children(e: ElementRef<'_>) -> Vec<ElementRef<'_>> {
        e.children().filter_map(ElementRef::wrap).collect()
    }
    let mut rows = Vec::new();
    for child in children(table) {
        match child.value().name() {
            "tr" => rows.push(child),
            "thead" | "tbody" | "tfoot" => rows.extend(
                children(child)
                    .into_iter()
                    .filter(|r| r.value().name() == "tr"),
            ),
            "caption" | "colgroup" => {}
            _ => return None,
        }
    }
    let rows: Vec<Vec<ElementRef<'_>>> = rows
        .into_iter()
        .map(|row| {
            children(row)
                .into_iter()
                .filter(|c| matches!(c.value().name(), "td" | "th"))
                .collect()
        })
        .collect();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let plain_cells = rows.iter().flatten().all(|cell| {
        cell.descendants().filter_map(ElementRef::wrap).all(|e| {
            !matches!(
                e.value().name(),
                "table" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "div" | "nav"
            )
        })
    });
    (columns >= 2 && plain_cells).then_some(rows)
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "div"
            | "section"
            | "article"
            | "main"
            | "body"
            | "p"
            | "ul"
            | "ol"
            | "li"
            | "table"
            | "tbody"
            | "thead"
            | "tr"
            | "td"
            | "th"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "script"
            | "style"
            | "noscript"
            | "nav"
            | "header"
            | "footer"
            | "form"
            | "aside"
            | "blockquote"
            | "dl"
            | "dt"
            | "dd"
            | "figure"
            | "figcaption"
            | "caption"
            | "template"
            | "svg"
            | "iframe"
            | "button"
            | "hr"
    )
}

fn push(blocks: &mut Vec<Block>, make: impl FnOnce(String) -> Block, text: String) {
    let text = clean_spaces(&text);
    if !text.is_empty() {
        blocks.push(make(text));
    }
}

/// An element's text as Markdown: emphasis and links kept.
fn inline(element: ElementRef<'_>, nesting: usize, flattened: &mut bool) -> String {
    element
        .children()
        .map(|child| inline_node(child, nesting, flattened))
        .collect()
}

fn inline_node(node: ego_tree::NodeRef<'_, Node>, nesting: usize, flattened: &mut bool) -> String {
    match node.value() {
        Node::Text(text) => escape_text(text),
        Node::Element(_) => {
            let Some(element) = ElementRef::wrap(node) else {
                return String::new();
            };
            if nesting >= MAX_NESTING {
                *flattened = true;
                return flat_text(element);
            }
            let inner = inline(element, nesting + 1, flattened);
            match element.value().name() {
                "script" | "style" | "noscript" | "button" | "svg" => String::new(),
                "br" => " ".into(),
                "strong" | "b" if !inner.trim().is_empty() => format!("**{}**", inner.trim()),
                "em" | "i" if !inner.trim().is_empty() => format!("_{}_", inner.trim()),
                "img" => picture(element),
                // A link within the page (`#…`) is kept for the chapter
                // import to point at the chapter it names, or unwrap.
                "a" => match element.value().attr("href") {
                    Some(href) if !href.trim().is_empty() && !inner.trim().is_empty() => {
                        format!("[{}]({})", inner.trim(), href.trim().replace(' ', "%20"))
                    }
                    _ => inner,
                },
                _ => inner,
            }
        }
        _ => String::new(),
    }
}

/// A picture: one that came with the page (a Word document's, its address
/// [`PAGE_PICTURE`]) is kept as a picture with its description, to be
/// copied in beside the manual; any other (a web page's, which was not
/// saved with it) as its description in words.
fn picture(element: ElementRef<'_>) -> String {
    let alt = clean_spaces(element.value().attr("alt").unwrap_or(""));
    match element.value().attr("src") {
        Some(src) if src.starts_with(PAGE_PICTURE) => format!("![{}]({src})", escape_text(&alt)),
        _ if alt.is_empty() => String::new(),
        _ => format!("\\[Picture: {}\\]", escape_text(&alt)),
    }
}

/// The address scheme of a picture that came inside the page (a Word
/// document's): `page-picture:NAME`, rewritten to the manual's files
/// folder when the picture is copied in.
pub const PAGE_PICTURE: &str = "page-picture:";

/// Page text that Markdown would read as markup keeps its meaning as text.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '_' | '[' | ']' | '`' | '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
