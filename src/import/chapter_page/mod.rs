//! Reading one published chapter page (HTML saved from a browser, parsed
//! with html5ever through `scraper`, or text copied from one): the title
//! (with its number, if any), the blocks headed in capitals (SCOPE OF THIS
//! CHAPTER, RELATED CHAPTERS, RELEVANT GUIDANCE, NOTE, AMENDMENT), the
//! chapter's own contents list (dropped), and the body, which becomes
//! Markdown. Site furniture is skipped; what is not understood is kept.

mod blocks;

pub use blocks::PAGE_PICTURE;
use blocks::{Block, MAX_NESTING, html_blocks, text_blocks};

use super::lines::{clean_spaces, is_furniture, strip_markup};
use crate::model::SectionNumber;
/// What a page holds, read but not yet matched to an entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChapterPage {
    pub title: String,
    pub number: Option<SectionNumber>,
    pub scope: String,
    /// Related chapters and guidance: a title, and the address when the
    /// page linked it.
    pub related: Vec<(String, Option<String>)>,
    pub guidance: Vec<(String, Option<String>)>,
    pub notes: Vec<String>,
    /// Amendment texts with the month they name (`YYYY-MM`, or empty).
    pub amendments: Vec<(String, String)>,
    pub body: String,
    pub not_understood: Vec<String>,
    pub furniture: usize,
    /// What the reading did that the owner should check (text it kept in
    /// a place of its choosing).
    pub said: Vec<String>,
}

/// The capitalised block headings of a chapter page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Scope,
    Related,
    Guidance,
    Note,
    Amendment,
    Contents,
}

pub(super) fn part_of(text: &str) -> Option<Part> {
    let bare = text.trim().trim_end_matches(':').trim();
    if bare.eq_ignore_ascii_case("contents") {
        return Some(Part::Contents);
    }
    // Labels written in title or sentence case.
    match bare.to_lowercase().as_str() {
        "scope" | "scope of this chapter" | "scope of chapter" | "scope of this procedure" => {
            return Some(Part::Scope);
        }
        "amendment" | "amendments" | "amendments to this chapter" => return Some(Part::Amendment),
        "related chapter" | "related chapters" | "related procedure" | "related procedures" => {
            return Some(Part::Related);
        }
        "related guidance"
        | "relevant guidance"
        | "relevant legislation"
        | "legislation"
        | "related legislation" => return Some(Part::Guidance),
        _ => {}
    }
    let letters: Vec<char> = bare.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 4 || letters.iter().any(|c| c.is_lowercase()) {
        return None;
    }
    let upper = bare.to_uppercase();
    let has = |word: &str| upper.contains(word);
    Some(if has("SCOPE") {
        Part::Scope
    } else if has("AMENDMENT") {
        Part::Amendment
    } else if has("GUIDANCE") || has("INFORMATION") || has("LEGISLATION") {
        Part::Guidance
    } else if has("CHAPTER") || has("PROCEDURE") {
        Part::Related
    } else if upper.starts_with("NOTE") {
        Part::Note
    } else {
        return None;
    })
}

/// "1. Decision to Look After Child" or "1.1 The Decision": a numbered
/// heading of the body, and how deep its number is.
fn numbered_heading(text: &str) -> Option<usize> {
    let first = text.split_whitespace().next()?;
    let number = SectionNumber::parse(first)?;
    let rest = text[first.len()..].trim();
    let starts_upper = rest.chars().next().is_some_and(char::is_uppercase);
    (starts_upper && rest.split_whitespace().count() <= 14).then_some(number.depth())
}

/// "This chapter was amended in September 2019 to …" (or "Sept 2019")
/// → `2019-09`.
fn month_named(text: &str) -> String {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty())
        .collect();
    for pair in words.windows(2) {
        let year = pair[1];
        if year.len() == 4
            && year.bytes().all(|b| b.is_ascii_digit())
            && let Some(month) = crate::model::date::month_number(pair[0])
            && let Some(date) = crate::model::date::iso_month(year.parse().unwrap_or(0), month)
        {
            return date;
        }
    }
    String::new()
}

/// The first link of Markdown text: its words and its address.
fn first_link(text: &str) -> (String, Option<String>) {
    if let Some(open) = text.find('[')
        && let Some(mid) = text[open..].find("](")
        && let Some(close) = text[open + mid..].find(')')
    {
        let words = &text[open + 1..open + mid];
        let url = &text[open + mid + 2..open + mid + close];
        return (clean_spaces(words), Some(url.trim().to_string()));
    }
    (clean_spaces(&text.replace(['*', '_'], "")), None)
}

/// Reads a page: HTML when it looks like HTML, else copied text.
pub fn read_page(text: &str) -> ChapterPage {
    let text = super::without_controls(text);
    let text = text.as_str();
    let mut flattened = false;
    let blocks = if text.trim_start().starts_with('<') || text.contains("</p>") {
        html_blocks(text, &mut flattened)
    } else {
        text_blocks(text)
    };
    let mut page = layout(&blocks);
    if flattened {
        page.not_understood.push(format!(
            "parts of the page nested more than {MAX_NESTING} levels deep were read as plain text"
        ));
    }
    page
}

/// "This chapter was updated in March 2024.1. Arranging the Conference":
/// an amendment run into the first heading (the line break lost in
/// copying), split after the year.
fn split_run_in_heading(text: &str) -> Option<(String, String)> {
    let bytes = text.as_bytes();
    for at in 4..bytes.len() {
        // Four ASCII digits, so the slice starts on a character.
        let year = &bytes[at - 4..at];
        if bytes[at] != b'.'
            || !year.iter().all(u8::is_ascii_digit)
            || !(year.starts_with(b"19") || year.starts_with(b"20"))
            || at > 4 && bytes[at - 5].is_ascii_digit()
        {
            continue;
        }
        let rest = &text[at + 1..];
        if rest.starts_with(|c: char| c.is_ascii_digit()) && numbered_heading(rest).is_some() {
            return Some((text[..=at].to_string(), rest.to_string()));
        }
    }
    None
}

/// The page's blocks with amendments run into a heading split in two.
fn split_blocks(blocks: &[Block]) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        match block {
            Block::Paragraph(text) => match split_run_in_heading(text) {
                Some((note, heading)) => {
                    out.push(Block::Paragraph(note));
                    out.push(Block::Paragraph(heading));
                }
                None => out.push(block.clone()),
            },
            _ => out.push(block.clone()),
        }
    }
    out
}

/// The name of the manual shown above a chapter's title
/// ("NorthshireChildren's Services Procedures Manual", the council's name
/// glued to it): not the chapter's title when another line follows.
fn is_manual_name(text: &str) -> bool {
    let lower = text.to_lowercase();
    let names = lower.ends_with(" manual") || lower.ends_with(" handbook");
    let glued = text
        .as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
    names && (glued || lower.contains("procedure") || lower.contains("services"))
}

/// Paragraphs right after the title of a page that labels none of its
/// blocks, up to its contents list or first numbered heading: its scope
/// (indices into `blocks`).
fn unlabelled_scope(blocks: &[Block], title_at: usize) -> Vec<usize> {
    let plain = |b: &Block| clean_spaces(&strip_markup(b.text()).0);
    let labelled = blocks
        .iter()
        .any(|b| part_of(&plain(b)).is_some_and(|p| p != Part::Contents));
    if labelled {
        return Vec::new();
    }
    let mut scope = Vec::new();
    for (at, block) in blocks.iter().enumerate().skip(title_at + 1) {
        let text = plain(block);
        if part_of(&text) == Some(Part::Contents) || numbered_heading(&text).is_some() {
            return if scope.len() <= 3 { scope } else { Vec::new() };
        }
        match block {
            Block::Paragraph(_) if !is_furniture(&text) => scope.push(at),
            Block::Paragraph(_) => {}
            _ => return Vec::new(),
        }
    }
    Vec::new()
}

/// Reads the chapter layout from the blocks.
fn layout(blocks: &[Block]) -> ChapterPage {
    let blocks = &split_blocks(blocks);
    let mut page = ChapterPage::default();
    let mut scope_blocks: Vec<usize> = Vec::new();
    let mut part: Option<Part> = None;
    let mut in_body = false;
    // The block before was a paragraph of an amendment note.
    let mut in_amendment = false;
    let mut contents: Vec<String> = Vec::new();
    // Blocks read as the chapter's own contents list, kept in case they
    // turn out not to be (they never come back as headings).
    let mut listed: Vec<&Block> = Vec::new();
    let mut body: Vec<&Block> = Vec::new();
    for (at, block) in blocks.iter().enumerate() {
        let text = block.text();
        let plain = clean_spaces(&strip_markup(text).0);
        if scope_blocks.contains(&at) {
            if !page.scope.is_empty() {
                page.scope.push_str("\n\n");
            }
            page.scope.push_str(&plain);
            continue;
        }
        let heading = (!in_body && !page.title.is_empty())
            .then(|| part_of(&plain))
            .flatten();
        if heading.is_none() && (is_furniture(&plain) || is_site_button(&plain)) {
            page.furniture += 1;
            continue;
        }
        if page.title.is_empty() {
            // The first heading (or, in copied text, the first line).
            if is_manual_name(&plain) && at + 1 < blocks.len() {
                page.furniture += 1;
                continue;
            }
            if matches!(block, Block::Heading(..))
                || blocks.iter().all(|b| !matches!(b, Block::Heading(..)))
            {
                let (number, title) = split_number(&plain);
                page.number = number;
                page.title = title;
                scope_blocks = unlabelled_scope(blocks, at);
                if !scope_blocks.is_empty() {
                    page.said.push(
                        "the paragraphs before the chapter's contents were read as its scope \
                         (the page gives them no label)"
                            .into(),
                    );
                }
            } else {
                page.not_understood.push(plain);
            }
            continue;
        }
        if let Some(found) = heading {
            part = Some(found);
            in_amendment = false;
            continue;
        }
        if !in_body {
            let starts_body = match part {
                // A table is the chapter's own content.
                _ if matches!(block, Block::Table { .. }) => true,
                Some(Part::Contents) => {
                    let seen = contents.iter().any(|c| same_heading(c, &plain));
                    let is_heading = matches!(block, Block::Heading(..));
                    // A contents list holds headings: a sentence means it
                    // is over (or was an empty label over the text).
                    let is_item = numbered_heading(&plain).is_some()
                        || (!plain.ends_with('.') && plain.split_whitespace().count() <= 14);
                    if !seen && !is_heading && is_item {
                        contents.push(plain.clone());
                        listed.push(block);
                        continue;
                    }
                    true
                }
                None => true,
                // Related chapters and guidance are links; a sentence
                // without one ("See also Reviews.") is the text's.
                Some(Part::Related | Part::Guidance)
                    if !text.contains("](")
                        && (plain.ends_with('.') || plain.split_whitespace().count() > 12) =>
                {
                    true
                }
                Some(_) => {
                    matches!(block, Block::Heading(..)) || numbered_heading(&plain).is_some()
                }
            };
            if starts_body {
                in_body = true;
            }
        }
        if in_body {
            body.push(block);
            continue;
        }
        match part {
            Some(Part::Scope) => {
                if !page.scope.is_empty() {
                    page.scope.push_str("\n\n");
                }
                page.scope.push_str(&plain);
            }
            Some(Part::Related) => page.related.push(first_link(text)),
            Some(Part::Guidance) => page.guidance.push(first_link(text)),
            Some(Part::Note) => page.notes.push(plain),
            // An amendment of several paragraphs is one note, dated by the
            // month it names.
            Some(Part::Amendment) => match page.amendments.last_mut() {
                // A paragraph that names a month of its own starts a note.
                Some((note, month))
                    if in_amendment && (month.is_empty() || month_named(&plain).is_empty()) =>
                {
                    note.push(' ');
                    note.push_str(&plain);
                    if month.is_empty() {
                        *month = month_named(&plain);
                    }
                }
                _ => page.amendments.push((plain.clone(), month_named(&plain))),
            },
            Some(Part::Contents) | None => page.not_understood.push(plain),
        }
        in_amendment = part == Some(Part::Amendment);
    }
    // What sat between the contents list and its first heading, never
    // listed again in the body: the text's own, kept at its start.
    let headings: Vec<String> = body
        .iter()
        .map(|b| clean_spaces(&strip_markup(b.text()).0))
        .collect();
    let unlisted: Vec<&Block> = listed
        .iter()
        .zip(&contents)
        .filter(|(_, item)| !headings.iter().any(|h| same_heading(h, item)))
        .map(|(block, _)| *block)
        .collect();
    if !unlisted.is_empty() && body.is_empty() {
        // Only "contents": it was the text after all.
        body = unlisted;
    } else if !unlisted.is_empty() {
        for block in &unlisted {
            page.said.push(format!(
                "kept at the start of the text (it follows the chapter's contents list but is \
                 not one of its headings): {}",
                shorten(&clean_spaces(&strip_markup(block.text()).0))
            ));
        }
        body.splice(0..0, unlisted);
    }
    page.body = markdown_of(&body);
    page
}

/// Two headings that are the same but for numbering, case and punctuation
/// ("1. Introduction" and "Introduction").
fn same_heading(a: &str, b: &str) -> bool {
    let key = |text: &str| {
        text.chars()
            .filter(|c| c.is_alphanumeric() || c.is_whitespace())
            .collect::<String>()
            .split_whitespace()
            .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let (a, b) = (key(a), key(b));
    !a.is_empty() && a == b
}

fn shorten(text: &str) -> String {
    match text.char_indices().nth(100) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// "View Children's Services Procedures": a button to another manual.
fn is_site_button(text: &str) -> bool {
    let lower = text.to_lowercase();
    if !lower.starts_with("view ") {
        return false;
    }
    // The same button twice on one line ("View X View X").
    let buttons: Vec<&str> = lower
        .split("view ")
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .collect();
    let repeated = buttons.len() >= 2 && buttons.iter().all(|b| *b == buttons[0]);
    repeated
        || lower.ends_with("procedures")
        || lower.ends_with("manual")
        || lower.ends_with("guidance")
}

/// "5.1.2 Decision to Look After" → the number and the title.
fn split_number(text: &str) -> (Option<SectionNumber>, String) {
    let first = text.split_whitespace().next().unwrap_or("");
    match SectionNumber::parse(first) {
        Some(number) if first.contains('.') => {
            (Some(number), text[first.len()..].trim().to_string())
        }
        _ => (None, text.to_string()),
    }
}

/// The body's blocks as Markdown: numbered headings ("1.", "1.1") and
/// HTML headings become headings, list items list items.
/// A list being written as Markdown, at one depth.
#[derive(Debug, Clone, Copy)]
struct OpenList {
    numbered: bool,
    /// Marked the other way ("1)" or "*"), as a list straight after
    /// another of its kind must be, or Markdown reads the two as one.
    other_way: bool,
    /// Where its items' text starts: an item nests under the one above by
    /// starting there ("10. " is four columns).
    text_column: usize,
    /// The number the next item of a numbered list has.
    next: Option<u32>,
}

fn markdown_of(blocks: &[&Block]) -> String {
    let mut out = String::new();
    let mut last_was_item = false;
    // The lists open, one a depth.
    let mut open: Vec<OpenList> = Vec::new();
    for block in blocks {
        let is_item = matches!(block, Block::Item { .. });
        if !out.is_empty() {
            out.push_str(if is_item && last_was_item {
                "\n"
            } else {
                "\n\n"
            });
        }
        match block {
            Block::Heading(level, text) => {
                let level = usize::from(*level).clamp(2, 6);
                out.push_str(&format!("{} {text}", "#".repeat(level)));
            }
            Block::Paragraph(text) => match numbered_heading(text) {
                Some(depth) => out.push_str(&format!("{} {text}", "#".repeat((depth + 1).min(6)))),
                None => out.push_str(text),
            },
            Block::Item {
                number,
                depth,
                first,
                text,
            } => {
                let numbered = number.is_some();
                // A number that does not follow the one before (an item's
                // own `value`) can only be kept by a list of its own:
                // Markdown numbers a list on from its first item.
                let other_way = match open.get(*depth) {
                    Some(list) if list.numbered == numbered => {
                        let jumps = numbered && list.next != *number;
                        list.other_way != (last_was_item && (*first || jumps))
                    }
                    _ => false,
                };
                // A numbered item keeps its number: a list that starts at
                // 5 (or goes on after a paragraph) starts there.
                let marker = match (number, other_way) {
                    (Some(n), false) => format!("{n}."),
                    (Some(n), true) => format!("{n})"),
                    (None, false) => "-".to_string(),
                    (None, true) => "*".to_string(),
                };
                let indent = match depth.checked_sub(1) {
                    None => 0,
                    Some(above) => open.get(above).map_or(depth * 3, |list| list.text_column),
                };
                let here = OpenList {
                    numbered,
                    other_way,
                    text_column: indent + marker.len() + 1,
                    next: number.map(|n| n.saturating_add(1)),
                };
                // Depths skipped (a list in a list with no item between)
                // hold no list of their own.
                let skipped = OpenList {
                    numbered: false,
                    other_way: false,
                    text_column: indent,
                    next: None,
                };
                open.resize(*depth, skipped);
                open.push(here);
                out.push_str(&format!("{}{marker} {text}", " ".repeat(indent)));
            }
            Block::Table { rows, .. } => out.push_str(&markdown_table(rows)),
        }
        if !is_item {
            open.clear();
        }
        last_was_item = is_item;
    }
    out
}

/// Rows as a Markdown table, the first row its header; short rows are
/// padded and a `|` in a cell kept as text.
fn markdown_table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let line = |cells: &[String]| {
        let mut line = String::from("|");
        for n in 0..columns {
            let cell = cells.get(n).map_or("", String::as_str).replace('|', "\\|");
            line.push_str(&format!(" {cell} |"));
        }
        line
    };
    let mut out = Vec::with_capacity(rows.len() + 1);
    out.push(line(rows.first().map_or(&[][..], Vec::as_slice)));
    out.push(format!("|{}", " --- |".repeat(columns)));
    out.extend(rows.iter().skip(1).map(|row| line(row)));
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deeply_nested_html_is_read_flat_without_overflowing_the_stack() {
        for tag in ["b", "div", "blockquote", "ul><li", "table><tr><td"] {
            let open_tag = format!("<{tag}>");
            let close: String = tag.split('>').rev().map(|t| format!("</{t}>")).collect();
            let html = format!(
                "<html><body><main><h1>1.1 Deep</h1>{}deep words{}</main></body></html>",
                open_tag.repeat(10_000),
                close.repeat(10_000)
            );
            // A thread with a small stack: recursion per element would overflow it.
            let page = std::thread::Builder::new()
                .stack_size(1024 * 1024)
                .spawn(move || read_page(&html))
                .unwrap()
                .join()
                .unwrap();
            assert!(page.body.contains("deep words"), "{tag}: {}", page.body);
            assert!(
                page.not_understood
                    .iter()
                    .any(|n| n.contains("nested more than")),
                "{tag}: {:?}",
                page.not_understood
            );
        }
    }

    #[test]
    fn numbered_lists_keep_their_numbers_and_items_nest_under_wide_numbers() {
        let page = read_page(
            "<html><body><h1>1.1 Steps</h1>\
             <ol start=\"5\"><li>Five</li><li>Six<ul><li>Under six</li></ul></li></ol>\
             <p>Between the lists.</p>\
             <ol start=\"7\"><li value=\"9\">Nine</li><li>Ten<ol><li>Under ten</li></ol></li></ol>\
             <p>After.</p><ol><li>One</li><li>Two</li></ol><ol><li>One again</li></ol>\
             <ul><li>A</li></ul><ul><li>B</li></ul><ul><li>C</li></ul>\
             </body></html>",
        );
        assert_eq!(
            page.body,
            "5. Five\n6. Six\n   - Under six\n\nBetween the lists.\n\n\
             9. Nine\n10. Ten\n    1. Under ten\n\nAfter.\n\n1. One\n2. Two\n1) One again\n\
             - A\n* B\n- C"
        );
        // An item's own number keeps its list's numbers from there on.
        let jumping = read_page(
            "<html><body><h1>1.1 Steps</h1>\
             <ol start=\"3\"><li>Three</li><li value=\"7\">Seven</li><li>Eight</li></ol>\
             </body></html>",
        );
        assert_eq!(jumping.body, "3. Three\n7) Seven\n8) Eight");
        let jumped = crate::export::markdown::render(&jumping.body, &|_| None).0;
        assert!(
            jumped.contains("<ol start=\"7\">\n<li>Seven</li>\n<li>Eight</li>"),
            "{jumped}"
        );
        // Read as Markdown, the numbers and the nesting are the page's.
        let html = crate::export::markdown::render(&page.body, &|_| None).0;
        assert!(html.contains("<ol start=\"5\">"), "{html}");
        assert!(html.contains("<ol start=\"9\">"), "{html}");
        assert!(html.contains("Ten\n<ol>\n<li>Under ten</li>"), "{html}");
        assert!(html.contains("Six\n<ul>\n<li>Under six</li>"), "{html}");
        // Lists straight after one another stay lists of their own.
        assert_eq!(html.matches("<ol").count(), 5, "{html}");
        assert_eq!(html.matches("<ul>").count(), 4, "{html}");
    }

    #[test]
    fn a_list_after_a_paragraph_never_nests_under_a_list_before_it() {
        // A list whose items start one level in (a list in a list, no item
        // between) after a paragraph: indented from the left, not from the
        // "10. " of the list above the paragraph (four columns would make
        // it a code block).
        let page = read_page(
            "<html><body><h1>1.1 Steps</h1><ol start=\"10\"><li>Ten</li></ol>\
             <p>Between.</p><ul><ul><li>Inner</li></ul></ul></body></html>",
        );
        assert_eq!(page.body, "10. Ten\n\nBetween.\n\n   - Inner");
        let html = crate::export::markdown::render(&page.body, &|_| None).0;
        assert!(!html.contains("<code>"), "{html}");
        assert!(html.contains("<li>Inner</li>"), "{html}");
    }

    #[test]
    fn a_data_table_becomes_a_markdown_table_and_a_layout_table_its_blocks() {
        let page = read_page(
            "<html><body><h1>1.1 Visits</h1><p>Before the table.</p>\
             <table><thead><tr><th>Who</th><th>When</th></tr></thead>\
             <tbody><tr><td>Social <b>worker</b></td><td>Every 6 weeks | at least</td></tr>\
             <tr><td>IRO</td></tr></tbody></table>\
             <table><tr><td><ul><li>Laid out</li></ul></td><td><p>Side text</p></td></tr></table>\
             </body></html>",
        );
        assert_eq!(
            page.body,
            "Before the table.\n\n\
             | Who | When |\n| --- | --- |\n\
             | Social **worker** | Every 6 weeks \\| at least |\n| IRO |  |\n\n\
             - Laid out\n\nSide text"
        );
        // The Markdown reads back as the same table.
        let (html, _) = crate::export::markdown::render(&page.body, &|_| None);
        assert_eq!(html.matches("<td>").count(), 4, "{html}");
        assert!(html.contains("<th>Who</th>"), "{html}");
    }

    #[test]
    fn pictures_that_came_with_the_page_are_kept_and_others_described() {
        let page = read_page(
            "<html><body><h1>1.1 Maps</h1>\
             <p><img src=\"page-picture:media/image1.png\" alt=\"Map of the [area]\"></p>\
             <p>See <img src=\"https://x.example/logo.png\" alt=\"the logo\"> here\
             <img src=\"spacer.gif\"></p></body></html>",
        );
        assert_eq!(
            page.body,
            "![Map of the \\[area\\]](page-picture:media/image1.png)\n\n\
             See \\[Picture: the logo\\] here"
        );
    }

    #[test]
    fn a_see_also_sentence_after_the_related_chapters_is_the_text_s() {
        let page = read_page(
            "<h1>1.1 Visits</h1><h2>RELATED CHAPTERS</h2>\
             <p><a href=\"reviews.html\">Reviews</a></p>\
             <p>See also the Reviews chapter for what the IRO does.</p><p>More text</p>",
        );
        assert_eq!(page.related.len(), 1);
        assert_eq!(
            page.body,
            "See also the Reviews chapter for what the IRO does.\n\nMore text"
        );
    }

    #[test]
    fn amendment_paragraphs_are_one_note_unless_each_names_its_month() {
        let page = read_page(
            "<h1>1.1 Visits</h1><h2>AMENDMENT</h2>\
             <p>In March 2024 this chapter was revised.</p><p>Links were updated.</p>\
             <p>In June 2023 the flowchart was added.</p><h2>1. Body</h2>",
        );
        assert_eq!(
            page.amendments,
            [
                (
                    "In March 2024 this chapter was revised. Links were updated.".to_string(),
                    "2024-03".to_string()
                ),
                (
                    "In June 2023 the flowchart was added.".to_string(),
                    "2023-06".to_string()
                ),
            ]
        );
    }

    #[test]
    fn capitals_name_the_blocks_and_numbered_lines_are_headings() {
        assert_eq!(part_of("SCOPE OF THIS CHAPTER"), Some(Part::Scope));
        assert_eq!(part_of("RELEVANT CHAPTER"), Some(Part::Related));
        assert_eq!(part_of("RELATED PROCEDURES:"), Some(Part::Related));
        assert_eq!(part_of("RELATED GUIDANCE"), Some(Part::Guidance));
        assert_eq!(part_of("RELATED INFORMATION"), Some(Part::Guidance));
        assert_eq!(part_of("AMENDMENTS"), Some(Part::Amendment));
        assert_eq!(part_of("NOTE"), Some(Part::Note));
        assert_eq!(part_of("Contents"), Some(Part::Contents));
        // Title and sentence case, as some sites write them (issue 36).
        assert_eq!(part_of("Scope of this chapter"), Some(Part::Scope));
        assert_eq!(part_of("Scope of the team"), None);
        assert_eq!(numbered_heading("1. Decision to Look After Child"), Some(1));
        assert_eq!(numbered_heading("1.1 The Decision"), Some(2));
        assert_eq!(
            numbered_heading("1.1 the decision is made by the manager"),
            None
        );
        assert_eq!(
            month_named("This chapter was amended in September 2019 to add links."),
            "2019-09"
        );
        assert_eq!(
            month_named("In December 2016, a link was added."),
            "2016-12"
        );
        assert_eq!(month_named("Links were updated."), "");
    }
}

#[cfg(test)]
mod wording_tests;
