//! Word documents (.docx) read as the importers read web pages: the
//! document's text turned into simple HTML (headings from the heading
//! styles, paragraphs, bold and italics, bulleted and numbered lists with
//! their nesting, tables, hyperlinks), which the chapter-page and contents
//! importers then read as they read any page. A picture is kept as its
//! description ("[Picture: …]") and counted, a text box or embedded object
//! as its text.
//!
//! The zip is untrusted: a part larger than [`MAX_PART_BYTES`] (a zip
//! bomb), or a document that is not a zip with `word/document.xml`, is
//! refused with a message and nothing is read.

use std::collections::HashMap;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};

/// The largest part of a .docx read (uncompressed): far above any real
/// document's text, far below what would exhaust memory.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// The deepest list nesting kept; deeper levels are read as this one.
const MAX_LIST_DEPTH: usize = 8;

/// Whether `bytes` look like a .docx (a zip whose parts name a Word
/// document).
pub fn is_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") && memchr::memmem::find(bytes, b"word/").is_some()
}

/// The document as HTML, or why it cannot be read.
pub fn to_html(bytes: &[u8]) -> Result<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("this is not a Word document (.docx is a zip): {e}"))?;
    let document = part(&mut archive, "word/document.xml")?
        .ok_or("this zip holds no word/document.xml, so it is not a Word document")?;
    let rels = part(&mut archive, "word/_rels/document.xml.rels")?.unwrap_or_default();
    let numbering = part(&mut archive, "word/numbering.xml")?.unwrap_or_default();
    let links = relationships(&rels);
    let formats = list_formats(&numbering);
    Ok(Reader::new(&links, &formats).read(&document))
}

/// The HTML [`to_html`] made, as lines of text (a contents list from a
/// Word document): each heading, paragraph and list item a line, list
/// items indented by their level.
pub fn html_lines(html: &str) -> String {
    let mut out = String::new();
    let mut depth: usize = 0;
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&unescape(&rest[..at]));
        let Some(end) = rest[at..].find('>') else {
            break;
        };
        let tag = &rest[at + 1..at + end];
        match tag {
            "ul" | "ol" => depth += 1,
            "/ul" | "/ol" => depth = depth.saturating_sub(1),
            "li" => {
                out.push('\n');
                out.push_str(&"  ".repeat(depth.saturating_sub(1)));
            }
            "br" | "/p" | "/h1" | "/h2" | "/h3" | "/h4" | "/h5" | "/h6" | "/tr" => out.push('\n'),
            "/td" => out.push(' '),
            _ => {}
        }
        rest = &rest[at + end + 1..];
    }
    out.push_str(&unescape(rest));
    out.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// One part of the zip as text, bounded; `None` when absent.
fn part(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot read {name} in the document: {e}")),
    };
    if file.size() > MAX_PART_BYTES {
        return Err(format!(
            "{name} in the document unpacks to {} MB, more than the {} MB read: refused",
            file.size() / (1024 * 1024),
            MAX_PART_BYTES / (1024 * 1024)
        ));
    }
    let mut text = String::new();
    // The size a zip states can lie: read no more than the limit anyway.
    file.take(MAX_PART_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read {name} in the document: {e}"))?;
    if text.len() as u64 > MAX_PART_BYTES {
        return Err(format!(
            "{name} in the document is larger than it says: refused"
        ));
    }
    Ok(Some(text))
}

/// A tag's local name (`w:p` → `p`).
fn local(name: &[u8]) -> &[u8] {
    name.rsplit(|&b| b == b':').next().unwrap_or(name)
}

/// An attribute's value by its local name.
fn attribute(tag: &BytesStart, name: &[u8]) -> Option<String> {
    tag.attributes().flatten().find_map(|a| {
        (local(a.key.as_ref()) == name).then(|| String::from_utf8_lossy(&a.value).into_owned())
    })
}

/// Hyperlink relationships: id → target address.
fn relationships(xml: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(tag) | Event::Empty(tag)
                if local(tag.name().as_ref()) == b"Relationship" =>
            {
                if let (Some(id), Some(target)) =
                    (attribute(&tag, b"Id"), attribute(&tag, b"Target"))
                {
                    out.insert(id, target);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Which lists are numbered: (numbering id, level) → numbered or not.
fn list_formats(xml: &str) -> HashMap<(String, usize), bool> {
    let mut abstract_levels: HashMap<String, HashMap<usize, bool>> = HashMap::new();
    let mut num_to_abstract: HashMap<String, String> = HashMap::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut abstract_id, mut level, mut num_id) = (None::<String>, 0usize, None::<String>);
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(tag) | Event::Empty(tag) => match local(tag.name().as_ref()) {
                b"abstractNum" => abstract_id = attribute(&tag, b"abstractNumId"),
                b"lvl" => {
                    level = attribute(&tag, b"ilvl")
                        .and_then(|l| l.parse().ok())
                        .unwrap_or(0)
                }
                b"numFmt" => {
                    if let (Some(id), Some(format)) = (&abstract_id, attribute(&tag, b"val")) {
                        abstract_levels
                            .entry(id.clone())
                            .or_default()
                            .insert(level, format != "bullet" && format != "none");
                    }
                }
                b"num" => num_id = attribute(&tag, b"numId"),
                b"abstractNumId" => {
                    if let (Some(num), Some(id)) = (&num_id, attribute(&tag, b"val")) {
                        num_to_abstract.insert(num.clone(), id);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    let mut out = HashMap::new();
    for (num, abstract_id) in num_to_abstract {
        for (level, numbered) in abstract_levels.get(&abstract_id).into_iter().flatten() {
            out.insert((num.clone(), *level), *numbered);
        }
    }
    out
}

/// What a paragraph is.
#[derive(Debug, Default)]
struct Para {
    /// Heading level from its style (1 for a title or Heading 1).
    heading: Option<u8>,
    /// A list item: its numbering id and level.
    list: Option<(String, usize)>,
    html: String,
}

struct Reader<'a> {
    links: &'a HashMap<String, String>,
    formats: &'a HashMap<(String, usize), bool>,
    out: String,
    para: Option<Para>,
    /// Open lists: numbered or not.
    lists: Vec<bool>,
    bold: bool,
    italic: bool,
    in_text: bool,
    /// The hyperlink being read, when it goes somewhere.
    link: Option<String>,
    /// Inside a table: the cells of the row being read.
    row: Option<Vec<String>>,
    table_depth: usize,
    pictures: usize,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

impl<'a> Reader<'a> {
    fn new(
        links: &'a HashMap<String, String>,
        formats: &'a HashMap<(String, usize), bool>,
    ) -> Self {
        Reader {
            links,
            formats,
            out: String::from("<html><body>\n"),
            para: None,
            lists: Vec::new(),
            bold: false,
            italic: false,
            in_text: false,
            link: None,
            row: None,
            table_depth: 0,
            pictures: 0,
        }
    }

    fn push(&mut self, html: &str) {
        if let Some(para) = &mut self.para {
            para.html.push_str(html);
        }
    }

    fn text(&mut self, text: &str) {
        let mut html = escape(text);
        if self.italic {
            html = format!("<em>{html}</em>");
        }
        if self.bold {
            html = format!("<strong>{html}</strong>");
        }
        self.push(&html);
    }

    /// Closes lists deeper than `depth` (and all when the paragraph is
    /// not a list item).
    fn close_lists(&mut self, depth: usize) {
        while self.lists.len() > depth {
            let numbered = self.lists.pop().unwrap_or(false);
            self.out.push_str(if numbered {
                "</li></ol>\n"
            } else {
                "</li></ul>\n"
            });
        }
    }

    fn end_paragraph(&mut self) {
        let Some(para) = self.para.take() else {
            return;
        };
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
        match para.list {
            Some((num, level)) => {
                let level = level.min(MAX_LIST_DEPTH - 1);
                let numbered = self.formats.get(&(num, level)).copied().unwrap_or(false);
                if self.lists.len() > level + 1 {
                    self.close_lists(level + 1);
                    self.out.push_str("</li>\n");
                } else if self.lists.len() == level + 1 {
                    self.out.push_str("</li>\n");
                }
                while self.lists.len() < level + 1 {
                    self.out
                        .push_str(if numbered { "<ol>\n" } else { "<ul>\n" });
                    self.lists.push(numbered);
                }
                self.out.push_str(&format!("<li>{html}"));
            }
            None => {
                self.close_lists(0);
                if html.is_empty() {
                    return;
                }
                match para.heading {
                    Some(level) => {
                        let level = level.clamp(1, 6);
                        self.out.push_str(&format!("<h{level}>{html}</h{level}>\n"));
                    }
                    None => self.out.push_str(&format!("<p>{html}</p>\n")),
                }
            }
        }
    }

    fn start(&mut self, tag: &BytesStart, empty: bool) {
        match local(tag.name().as_ref()) {
            b"p" => {
                self.end_paragraph();
                self.para = Some(Para::default());
                if empty {
                    self.end_paragraph();
                }
            }
            b"pStyle" => {
                let style = attribute(tag, b"val").unwrap_or_default().to_lowercase();
                let level = if style == "title" {
                    Some(1)
                } else {
                    style
                        .strip_prefix("heading")
                        .and_then(|n| n.trim().parse::<u8>().ok())
                };
                if let Some(para) = &mut self.para {
                    para.heading = level;
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
            b"tab" => self.push(" "),
            b"br" | b"cr" => self.push("<br>"),
            b"hyperlink" => {
                let target = attribute(tag, b"id").and_then(|id| self.links.get(&id).cloned());
                if let Some(target) = &target {
                    let open = format!("<a href=\"{}\">", escape(target).replace('"', "&quot;"));
                    self.push(&open);
                }
                self.link = target;
            }
            b"docPr" => {
                self.pictures += 1;
                let about = attribute(tag, b"descr")
                    .or_else(|| attribute(tag, b"title"))
                    .unwrap_or_default();
                self.text(&format!("[Picture: {}]", about.trim()));
            }
            b"tbl" => {
                self.end_paragraph();
                self.close_lists(0);
                self.table_depth += 1;
                if self.table_depth == 1 {
                    self.out.push_str("<table>\n");
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

    fn end(&mut self, name: &[u8]) {
        match local(name) {
            b"p" => self.end_paragraph(),
            b"t" => self.in_text = false,
            b"hyperlink" if self.link.take().is_some() => self.push("</a>"),
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

    fn read(mut self, xml: &str) -> String {
        let mut reader = quick_xml::Reader::from_str(xml);
        loop {
            match reader.read_event() {
                Ok(Event::Start(tag)) => self.start(&tag, false),
                Ok(Event::Empty(tag)) => self.start(&tag, true),
                Ok(Event::End(tag)) => self.end(tag.name().as_ref()),
                Ok(Event::Text(text)) if self.in_text => {
                    let text = text.decode().map(|t| t.into_owned()).unwrap_or_default();
                    let text = quick_xml::escape::unescape(&text)
                        .map(|t| t.into_owned())
                        .unwrap_or(text);
                    self.text(&text);
                }
                Ok(Event::GeneralRef(entity)) if self.in_text => {
                    let name = String::from_utf8_lossy(&entity).into_owned();
                    let text = match name.as_str() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    };
                    self.text(text);
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        self.end_paragraph();
        self.close_lists(0);
        self.out.push_str("</body></html>\n");
        self.out
    }
}

/// A run property that is on unless it says `0`, `false` or `off`.
fn on(tag: &BytesStart) -> bool {
    attribute(tag, b"val").is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_consultation_copy_reads_back_as_html_with_its_structure() {
        let mut manual = crate::store::format::stockport_sample();
        let path = manual
            .find(&crate::model::EntryId::new("young-carers-2"))
            .unwrap();
        manual
            .entry_mut(&path)
            .unwrap()
            .chapter_details_mut()
            .unwrap()
            .body = "## Duties\n\nA **young carer** is *under 18*, see \
                     [GOV.UK](https://www.gov.uk/).\n\n- one\n- two\n  1. nested\n\n\
                     | Age | Duty |\n| --- | --- |\n| 16 | Assess |\n"
            .into();
        let bytes = crate::export::docx::consultation_docx(
            &manual,
            &[crate::model::EntryId::new("young-carers-2")],
            "2026-12-02",
        )
        .unwrap();
        assert!(is_docx(&bytes));
        let html = to_html(&bytes).unwrap();
        for expected in [
            "<h1>4.8.1 Young Carers</h1>",
            "<h2>Duties</h2>",
            "<strong>young carer</strong>",
            "<em>under 18</em>",
            "<a href=\"https://www.gov.uk/\">GOV.UK</a>",
            "<ul>\n<li>one</li>\n<li>two<ol>\n<li>nested</li></ol>\n</li></ul>",
            "<tr><td><strong>Age</strong></td><td><strong>Duty</strong></td></tr>",
        ] {
            assert!(html.contains(expected), "{expected} in\n{html}");
        }
    }

    #[test]
    fn a_contents_list_in_word_reads_as_lines() {
        let html = "<html><body>\n<h1>Procedures Manual</h1>\n<p>1. Safeguarding</p>\n\
                    <ul>\n<li>1.1 Referrals<ul>\n<li>1.1.1 Making a Referral &amp; more</li></ul>\n\
                    </li></ul>\n</body></html>\n";
        assert_eq!(
            html_lines(html),
            "Procedures Manual\n1. Safeguarding\n1.1 Referrals\n  1.1.1 Making a Referral & more\n"
        );
    }

    #[test]
    fn what_is_not_a_word_document_is_refused_with_a_reason() {
        assert!(
            to_html(b"not a zip at all")
                .unwrap_err()
                .contains("not a Word document")
        );
        // A zip without a document.
        let mut bytes = std::io::Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut bytes);
            zip.start_file("hello.txt", zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut zip, b"hi").unwrap();
            zip.finish().unwrap();
        }
        assert!(
            to_html(bytes.get_ref())
                .unwrap_err()
                .contains("no word/document.xml")
        );
    }

    #[test]
    fn a_part_that_unpacks_too_large_is_refused() {
        let mut bytes = std::io::Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut bytes);
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(true);
            zip.start_file("word/document.xml", options).unwrap();
            let block = vec![b' '; 1024 * 1024];
            for _ in 0..(MAX_PART_BYTES / (1024 * 1024) + 1) {
                std::io::Write::write_all(&mut zip, &block).unwrap();
            }
            zip.finish().unwrap();
        }
        assert!(bytes.get_ref().len() < 1024 * 1024, "a bomb is small");
        assert!(to_html(bytes.get_ref()).unwrap_err().contains("refused"));
    }
}
