//! The text of `word/document.xml` as simple HTML: headings from the
//! heading styles (numbered when Word numbers them), paragraphs, bold and
//! italics, bulleted and numbered lists with their nesting, tables,
//! hyperlinks, pictures (by the part that holds them, with their
//! description), and what a reviewer did: tracked insertions and deletions
//! (taken or left, as asked) and where each comment sits.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, BytesText, Event};

use super::parts::{ParagraphStyle, Target, attribute, heading_level, local};
use crate::import::chapter_page::PAGE_PICTURE;

/// The deepest list nesting kept; deeper levels are read as this one.
const MAX_LIST_DEPTH: usize = 8;

/// How a reviewer's tracked changes are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changes {
    /// As if every change were accepted: insertions in, deletions out.
    Accepted,
    /// As the document was before the reviewer: insertions out,
    /// deletions in.
    Rejected,
}

/// Where a comment was made: the chapter (its bookmark) and the words of
/// the paragraph it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentPlace {
    pub id: String,
    pub bookmark: Option<String>,
    pub paragraph: String,
}

/// What the reader found besides the HTML.
#[derive(Debug, Default)]
pub struct Found {
    /// The parts holding the pictures shown, in order (`media/image1.png`).
    pub pictures: Vec<String>,
    /// What was not read as it is in Word, in words.
    pub notes: Vec<String>,
    pub comments: Vec<CommentPlace>,
    /// Who made tracked changes.
    pub authors: Vec<String>,
    /// Tracked insertions and deletions counted.
    pub tracked: usize,
    /// Pictures a consultation copy placed: part → the link in the manual
    /// it came from (the picture's name).
    pub origins: Vec<(String, String)>,
}

/// The document parts the reader looks things up in.
pub struct Lookups<'a> {
    pub links: &'a HashMap<String, Target>,
    pub formats: &'a HashMap<(String, usize), super::parts::ListLevel>,
    pub styles: &'a HashMap<String, ParagraphStyle>,
}

/// What a paragraph is.
#[derive(Debug, Default)]
struct Para {
    /// Heading level from its style (1 for a title or Heading 1).
    heading: Option<u8>,
    /// A list item (or numbered heading): its numbering id and level.
    list: Option<(String, usize)>,
    html: String,
    /// The words alone, for placing comments.
    words: String,
    /// In the Title style (the document's name).
    title: bool,
    /// A bookmark this paragraph starts (a consultation copy's chapter).
    bookmark: Option<String>,
    comments: Vec<String>,
}

pub struct Reader<'a> {
    look: Lookups<'a>,
    changes: Changes,
    out: String,
    para: Option<Para>,
    /// Paragraphs a text box interrupted, resumed when it ends.
    outer: Vec<Option<Para>>,
    /// Open lists: numbered or not, and the Word list definition they
    /// count in.
    lists: Vec<(bool, String)>,
    /// The last number given at each level of each list definition.
    last_numbers: HashMap<String, Vec<Option<u32>>>,
    /// The numbering ids (and levels) whose own start has been used.
    restarted: std::collections::HashSet<(String, usize)>,
    bold: bool,
    italic: bool,
    in_text: bool,
    /// Inside an element whose content is not read (its depth).
    skip: usize,
    /// The hyperlink being read, when it goes somewhere.
    link: Option<String>,
    /// Inside a table: the cells of the row being read.
    row: Option<Vec<String>>,
    table_depth: usize,
    /// Numbered headings: the number at each level (`None`: not used yet).
    heading_numbers: Vec<Option<usize>>,
    /// The description of the drawing being read, until its picture, and
    /// its name.
    drawing: Option<String>,
    drawing_name: String,
    /// The chapter bookmark last seen.
    bookmark: Option<String>,
    pub found: Found,
}

pub(super) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Text from the XML, its references resolved.
pub(super) fn decoded(text: &BytesText) -> String {
    let text = text.decode().map(|t| t.into_owned()).unwrap_or_default();
    quick_xml::escape::unescape(&text)
        .map(|t| t.into_owned())
        .unwrap_or(text)
}

/// The character an XML entity names (the five XML defines).
pub(super) fn entity(name: &[u8]) -> &'static str {
    match name {
        b"amp" => "&",
        b"lt" => "<",
        b"gt" => ">",
        b"quot" => "\"",
        b"apos" => "'",
        _ => "",
    }
}

/// A run property that is on unless it says `0`, `false` or `off`.
fn on(tag: &BytesStart) -> bool {
    attribute(tag, b"val").is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off"))
}

impl<'a> Reader<'a> {
    pub fn new(look: Lookups<'a>, changes: Changes) -> Self {
        Reader {
            look,
            changes,
            out: String::from("<html><body>\n"),
            para: None,
            outer: Vec::new(),
            lists: Vec::new(),
            last_numbers: HashMap::new(),
            restarted: std::collections::HashSet::new(),
            bold: false,
            italic: false,
            in_text: false,
            skip: 0,
            link: None,
            row: None,
            table_depth: 0,
            heading_numbers: Vec::new(),
            drawing: None,
            drawing_name: String::new(),
            bookmark: None,
            found: Found::default(),
        }
    }

    fn push(&mut self, html: &str) {
        if let Some(para) = &mut self.para {
            para.html.push_str(html);
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(para) = &mut self.para {
            para.words.push_str(text);
        }
        let mut html = escape(text);
        if self.italic {
            html = format!("<em>{html}</em>");
        }
        if self.bold {
            html = format!("<strong>{html}</strong>");
        }
        self.push(&html);
    }

    fn note(&mut self, note: String) {
        if !self.found.notes.contains(&note) {
            self.found.notes.push(note);
        }
    }

    /// Closes lists deeper than `depth` (and all when the paragraph is
    /// not a list item).
    fn close_lists(&mut self, depth: usize) {
        while self.lists.len() > depth {
            let numbered = self.lists.pop().is_some_and(|(numbered, _)| numbered);
            self.out.push_str(if numbered {
                "</li></ol>\n"
            } else {
                "</li></ul>\n"
            });
        }
    }

    /// A numbered heading's number ("2.1 "), counting on from the headings
    /// before it: each level of numbering `num` from its "Start at" (1
    /// unless set), and a level not yet used shows its start, as Word
    /// numbers them.
    fn heading_number(&mut self, num: &str, level: usize) -> String {
        let level = level.min(MAX_LIST_DEPTH - 1);
        let start_of = |level: usize| {
            self.look
                .formats
                .get(&(num.to_string(), level))
                .map_or(1, |format| format.start as usize)
        };
        // Deeper levels start again under a heading above them.
        self.heading_numbers.resize(level + 1, None);
        self.heading_numbers[level] = Some(match self.heading_numbers[level] {
            None => start_of(level),
            Some(before) => before.saturating_add(1),
        });
        let parts: Vec<String> = self
            .heading_numbers
            .iter()
            .enumerate()
            .map(|(at, n)| n.unwrap_or_else(|| start_of(at)).to_string())
            .collect();
        if level == 0 {
            format!("{}. ", parts[0])
        } else {
            format!("{} ", parts.join("."))
        }
    }

    fn end_paragraph(&mut self) {
        let Some(mut para) = self.para.take() else {
            return;
        };
        let words = super::super::lines::clean_spaces(&para.words);
        for id in std::mem::take(&mut para.comments) {
            self.found.comments.push(CommentPlace {
                id,
                bookmark: self.bookmark.clone(),
                paragraph: words.clone(),
            });
        }
        let html = para.html.trim().to_string();
        if let Some(row) = &mut self.row {
            if let Some(cell) = row.last_mut() {
                if !cell.is_empty() && !html.is_empty() {
                    cell.push(' ');
                }
                cell.push_str(&html);
            }
            return;
        }
        if let Some(level) = para.heading {
            self.close_lists(0);
            if html.is_empty() {
                return;
            }
            let level = level.clamp(1, 6);
            // A heading Word numbers carries its number, as a page's would.
            let numbered = para.list.take().filter(|(num, list_level)| {
                self.look
                    .formats
                    .get(&(num.clone(), *list_level))
                    .is_some_and(|format| format.numbered)
            });
            let number = match numbered {
                Some((num, list_level)) => self.heading_number(&num, list_level),
                None => String::new(),
            };
            if let Some(mark) = &para.bookmark {
                self.out.push_str(&format!("<!--chapter:{mark}-->\n"));
            }
            let class = if para.title { " class=\"title\"" } else { "" };
            self.out
                .push_str(&format!("<h{level}{class}>{number}{html}</h{level}>\n"));
            return;
        }
        match para.list {
            Some((num, level)) => {
                let level = level.min(MAX_LIST_DEPTH - 1);
                let format = self
                    .look
                    .formats
                    .get(&(num.clone(), level))
                    .cloned()
                    .unwrap_or_default();
                let numbered = format.numbered;
                // Word numbers a list on from its last item, whatever text
                // came between, and starts a deeper level again under each
                // item above it; a numbering id that sets its own start
                // starts the count again where it is first used.
                let restarts = format.restarts && self.restarted.insert((num.clone(), level));
                let last = self
                    .last_numbers
                    .entry(format.counts_in.clone())
                    .or_default();
                last.resize(level + 1, None);
                let number = match last[level] {
                    Some(before) if !restarts => before.saturating_add(1),
                    _ => format.start,
                };
                last[level] = Some(number);
                // A bulleted list after a numbered one at the same level
                // (or the other way) is a list of its own, and so is another
                // Word list or one that starts again.
                if self.lists.get(level).is_some_and(|(open, list)| {
                    *open != numbered || *list != format.counts_in || restarts
                }) {
                    self.close_lists(level);
                }
                if self.lists.len() > level + 1 {
                    self.close_lists(level + 1);
                    self.out.push_str("</li>\n");
                } else if self.lists.len() == level + 1 {
                    self.out.push_str("</li>\n");
                }
                while self.lists.len() < level + 1 {
                    // A list opened part way through its numbering says
                    // where it stands.
                    let here = self.lists.len() == level;
                    match (numbered, here && number != 1) {
                        (true, true) => self.out.push_str(&format!("<ol start=\"{number}\">\n")),
                        (true, false) => self.out.push_str("<ol>\n"),
                        (false, _) => self.out.push_str("<ul>\n"),
                    }
                    self.lists.push((numbered, format.counts_in.clone()));
                }
                self.out.push_str(&format!("<li>{html}"));
            }
            None => {
                self.close_lists(0);
                if !html.is_empty() {
                    self.out.push_str(&format!("<p>{html}</p>\n"));
                }
            }
        }
    }

    fn start(&mut self, tag: &BytesStart, empty: bool) {
        if self.skip > 0 {
            if !empty {
                self.skip += 1;
            }
            return;
        }
        let skip_it = |reader: &mut Self| {
            if !empty {
                reader.skip = 1;
            }
        };
        match local(tag.name().as_ref()) {
            b"p" => {
                self.end_paragraph();
                self.para = Some(Para::default());
                if empty {
                    self.end_paragraph();
                }
            }
            b"pStyle" => {
                let id = attribute(tag, b"val").unwrap_or_default();
                let style = self.look.styles.get(&id).cloned().unwrap_or_default();
                if let Some(para) = &mut self.para {
                    para.title = id.eq_ignore_ascii_case("title");
                    para.heading = style.heading.or_else(|| heading_level(&id));
                    if para.list.is_none()
                        && let Some(num) = style.numbering
                    {
                        para.list = Some((num, 0));
                    }
                }
            }
            b"ilvl" => {
                let level = attribute(tag, b"val")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                if let Some(para) = &mut self.para {
                    let num = para.list.take().map(|(n, _)| n).unwrap_or_default();
                    para.list = Some((num, level));
                }
            }
            b"numId" => {
                let num = attribute(tag, b"val").unwrap_or_default();
                if let Some(para) = &mut self.para {
                    // numId 0 means "no list".
                    if num == "0" {
                        para.list = None;
                    } else {
                        let level = para.list.take().map_or(0, |(_, l)| l);
                        para.list = Some((num, level));
                    }
                }
            }
            b"r" => {
                self.bold = false;
                self.italic = false;
            }
            b"b" => self.bold = on(tag),
            b"i" => self.italic = on(tag),
            b"t" => self.in_text = !empty,
            b"delText" => self.in_text = !empty && self.changes == Changes::Rejected,
            // Inside a paragraph (not a paragraph mark's property): a
            // change not taken is not read.
            b"ins" | b"moveTo" | b"del" | b"moveFrom" if self.para.is_some() && !empty => {
                self.found.tracked += 1;
                if let Some(author) = attribute(tag, b"author")
                    && !self.found.authors.contains(&author)
                {
                    self.found.authors.push(author);
                }
                let inserted = matches!(local(tag.name().as_ref()), b"ins" | b"moveTo");
                if inserted != (self.changes == Changes::Accepted) {
                    skip_it(self);
                }
            }
            b"tab" => self.push(" "),
            b"br" | b"cr" => self.push("<br>"),
            b"hyperlink" => {
                let target = attribute(tag, b"id")
                    .and_then(|id| self.look.links.get(&id))
                    .map(|t| t.address.clone())
                    .or_else(|| attribute(tag, b"anchor").map(|a| format!("#{a}")));
                if let Some(target) = &target {
                    let open = format!("<a href=\"{}\">", escape(target));
                    self.push(&open);
                }
                self.link = target;
            }
            b"bookmarkStart" => {
                if let Some(name) = attribute(tag, b"name")
                    && !name.starts_with('_')
                    && let Some(para) = &mut self.para
                {
                    para.bookmark = Some(name.clone());
                    self.bookmark = Some(name);
                }
            }
            b"commentRangeStart" | b"commentReference" => {
                if let Some(id) = attribute(tag, b"id")
                    && let Some(para) = &mut self.para
                    && !para.comments.contains(&id)
                    && !self.found.comments.iter().any(|c| c.id == id)
                {
                    para.comments.push(id);
                }
            }
            b"docPr" => {
                let about = attribute(tag, b"descr")
                    .filter(|d| !d.trim().is_empty())
                    .or_else(|| attribute(tag, b"title"))
                    .unwrap_or_default();
                self.drawing = Some(about.trim().to_string());
                self.drawing_name = attribute(tag, b"name").unwrap_or_default();
            }
            b"blip" => {
                let target = attribute(tag, b"embed").and_then(|id| self.look.links.get(&id));
                let about = self.drawing.take().unwrap_or_default();
                self.picture(target.cloned(), about);
            }
            b"imagedata" => {
                // An older (VML) picture: its description is the shape's.
                let target = attribute(tag, b"id").and_then(|id| self.look.links.get(&id));
                let about = attribute(tag, b"title").unwrap_or_default();
                self.picture(target.cloned(), about);
            }
            // Word writes a text box twice, the second for older readers.
            b"Fallback" => skip_it(self),
            b"txbxContent" => {
                self.note("a text box was read as paragraphs after the one it sits in".into());
                self.drawing = None;
                self.outer.push(self.para.take());
            }
            b"object" => {
                self.text("[Embedded object: open the Word document to see it]");
                self.note(
                    "an embedded object (a spreadsheet, chart or file inside the document) \
                     cannot be read: it is marked in the text"
                        .into(),
                );
                skip_it(self);
            }
            b"instrText" | b"fldSimple" => {
                // A field's result is read as text; its code is not.
            }
            b"tbl" => {
                self.end_paragraph();
                self.close_lists(0);
                self.table_depth += 1;
                if self.table_depth == 1 {
                    self.out.push_str("<table>\n");
                } else {
                    self.note("a table inside a table was read as text in its cell".into());
                }
            }
            b"tr" if self.table_depth == 1 => self.row = Some(Vec::new()),
            b"tc" if self.table_depth == 1 => {
                if let Some(row) = &mut self.row {
                    row.push(String::new());
                }
            }
            _ => {}
        }
    }

    /// A picture: the part that holds it, shown with its description; one
    /// kept outside the document (a link) or missing is its description.
    fn picture(&mut self, target: Option<Target>, about: String) {
        match target {
            Some(Target {
                address,
                external: false,
            }) => {
                let part = part_name(&address);
                let name = std::mem::take(&mut self.drawing_name);
                if name.contains(".files/") {
                    self.found.origins.push((part.clone(), name));
                }
                if about.is_empty() {
                    self.note(format!(
                        "a picture ({part}) has no description: add alt text to it in the chapter"
                    ));
                }
                self.found.pictures.push(part.clone());
                let img = format!(
                    "<img src=\"{PAGE_PICTURE}{}\" alt=\"{}\">",
                    escape(&part),
                    escape(&about)
                );
                self.push(&img);
            }
            _ => {
                self.note(format!(
                    "a picture linked from outside the document was not copied: {}",
                    if about.is_empty() {
                        "(no description)"
                    } else {
                        &about
                    }
                ));
                self.text(&format!("[Picture: {about}]"));
            }
        }
    }

    fn end(&mut self, name: &[u8]) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match local(name) {
            b"p" => self.end_paragraph(),
            b"t" | b"delText" => self.in_text = false,
            b"hyperlink" if self.link.take().is_some() => self.push("</a>"),
            b"drawing" => {
                // A drawing with no picture (a shape, a chart).
                if let Some(about) = self.drawing.take() {
                    self.text(&if about.is_empty() {
                        "[Drawing]".to_string()
                    } else {
                        format!("[Drawing: {about}]")
                    });
                    self.note("a drawing that is not a picture was kept as its description".into());
                }
            }
            b"txbxContent" => {
                self.end_paragraph();
                self.para = self.outer.pop().flatten();
            }
            b"tr" if self.table_depth == 1 => {
                if let Some(cells) = self.row.take() {
                    self.out.push_str("<tr>");
                    for cell in cells {
                        self.out.push_str(&format!("<td>{cell}</td>"));
                    }
                    self.out.push_str("</tr>\n");
                }
            }
            b"tbl" => {
                if self.table_depth == 1 {
                    self.out.push_str("</table>\n");
                }
                self.table_depth = self.table_depth.saturating_sub(1);
            }
            _ => {}
        }
    }

    /// Reads the document; the HTML and what was found beside it.
    pub fn read(mut self, xml: &str) -> (String, Found) {
        let mut reader = quick_xml::Reader::from_str(xml);
        loop {
            match reader.read_event() {
                Ok(Event::Start(tag)) => self.start(&tag, false),
                Ok(Event::Empty(tag)) => self.start(&tag, true),
                Ok(Event::End(tag)) => self.end(tag.name().as_ref()),
                Ok(Event::Text(text)) if self.in_text && self.skip == 0 => {
                    self.text(&decoded(&text));
                }
                Ok(Event::GeneralRef(name)) if self.in_text && self.skip == 0 => {
                    self.text(entity(&name));
                }
                Ok(Event::Eof) => break,
                Err(error) => {
                    self.note(format!(
                        "the document's XML is broken at byte {}: read up to there ({error})",
                        reader.buffer_position()
                    ));
                    break;
                }
                _ => {}
            }
        }
        self.end_paragraph();
        while let Some(outer) = self.outer.pop() {
            self.para = outer;
            self.end_paragraph();
        }
        self.close_lists(0);
        if self.table_depth > 0 {
            self.out.push_str("</table>\n");
        }
        self.out.push_str("</body></html>\n");
        (self.out, self.found)
    }
}

/// A relationship target as the zip names the part: `media/image1.png` →
/// `word/media/image1.png`; `/word/media/x.png` → `word/media/x.png`.
pub(super) fn part_name(address: &str) -> String {
    match address.strip_prefix('/') {
        Some(rooted) => rooted.to_string(),
        None => format!("word/{address}"),
    }
}
