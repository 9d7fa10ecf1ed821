//! Word documents (.docx) read as the importers read web pages: the
//! document's text turned into simple HTML (headings from the heading
//! styles, paragraphs, bold and italics, bulleted and numbered lists with
//! their nesting, tables, hyperlinks, pictures), which the chapter-page and
//! contents importers then read as they read any page. A text box is read
//! as paragraphs, an embedded object is marked in the text, and each is
//! reported.
//!
//! The zip is untrusted: a part larger than [`MAX_PART_BYTES`] (a zip
//! bomb), or a document that is not a zip with `word/document.xml`, is
//! refused with a message and nothing is read; a picture too large is
//! left out (its description kept) and reported.

mod parts;
mod reader;
pub mod sample;

use std::collections::HashMap;
use std::io::Read;

pub use parts::Comment;
pub use reader::{Changes, CommentPlace};

use crate::import::chapter_page::PAGE_PICTURE;

/// The largest part of a .docx read (uncompressed): far above any real
/// document's text, far below what would exhaust memory.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// The most picture bytes read from one document.
const MAX_PICTURE_BYTES: u64 = 256 * 1024 * 1024;

/// Whether `bytes` look like a .docx (a zip whose parts name a Word
/// document).
pub fn is_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") && memchr::memmem::find(bytes, b"word/").is_some()
}

/// A Word document as read.
#[derive(Debug, Default)]
pub struct WordDocument {
    pub html: String,
    /// Each picture shown: the part that holds it and its bytes. The HTML
    /// shows it as `page-picture:PART`.
    pub pictures: Vec<(String, Vec<u8>)>,
    /// What was not read as it is in Word, in words.
    pub notes: Vec<String>,
    /// Each comment and where it was made, in document order.
    pub comments: Vec<(CommentPlace, Comment)>,
    /// The document's custom properties (a consultation copy's chapters).
    pub properties: HashMap<String, String>,
    /// Who made tracked changes, and how many there are.
    pub authors: Vec<String>,
    pub tracked: usize,
    /// Pictures a consultation copy placed: part → the manual's link.
    pub origins: HashMap<String, String>,
}

/// The document as HTML, or why it cannot be read.
pub fn to_html(bytes: &[u8]) -> Result<String, String> {
    read(bytes, Changes::Accepted).map(|document| document.html)
}

/// Reads the document, its tracked changes taken as `changes` says.
pub fn read(bytes: &[u8], changes: Changes) -> Result<WordDocument, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("this is not a Word document (.docx is a zip): {e}"))?;
    let document = part(&mut archive, "word/document.xml")?
        .ok_or("this zip holds no word/document.xml, so it is not a Word document")?;
    let text_of = |archive: &mut zip::ZipArchive<_>, name: &str| -> Result<String, String> {
        Ok(part(archive, name)?
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default())
    };
    let rels = text_of(&mut archive, "word/_rels/document.xml.rels")?;
    let numbering = text_of(&mut archive, "word/numbering.xml")?;
    let styles = text_of(&mut archive, "word/styles.xml")?;
    let comments = text_of(&mut archive, "word/comments.xml")?;
    let custom = text_of(&mut archive, "docProps/custom.xml")?;
    let links = parts::relationships(&rels);
    let formats = parts::list_formats(&numbering);
    let styles = parts::styles(&styles);
    let look = reader::Lookups {
        links: &links,
        formats: &formats,
        styles: &styles,
    };
    let document = String::from_utf8_lossy(&document);
    let (mut html, found) = reader::Reader::new(look, changes).read(&document);
    let mut notes = found.notes;
    let mut pictures: Vec<(String, Vec<u8>)> = Vec::new();
    let mut read_so_far = 0u64;
    for name in found.pictures {
        if pictures.iter().any(|(n, _)| *n == name) {
            continue;
        }
        let picture = if read_so_far >= MAX_PICTURE_BYTES {
            Err(format!(
                "the document's pictures come to more than {} MB",
                MAX_PICTURE_BYTES / (1024 * 1024)
            ))
        } else {
            part(&mut archive, &name)
                .and_then(|p| p.ok_or_else(|| "it is not in the document".into()))
        };
        match picture {
            Ok(bytes) => {
                read_so_far += bytes.len() as u64;
                pictures.push((name, bytes));
            }
            Err(why) => {
                notes.push(format!("a picture ({name}) was left out: {why}"));
                // Shown as its description instead.
                html = html.replace(
                    &format!("src=\"{PAGE_PICTURE}{}\"", reader::escape(&name)),
                    "src=\"\"",
                );
            }
        }
    }
    let comments_by_id = parts::comments(&comments);
    let comments = found
        .comments
        .into_iter()
        .filter_map(|place| {
            let comment = comments_by_id.get(&place.id)?.clone();
            Some((place, comment))
        })
        .collect();
    Ok(WordDocument {
        html,
        pictures,
        notes,
        comments,
        properties: parts::custom_properties(&custom),
        authors: found.authors,
        tracked: found.tracked,
        origins: found.origins.into_iter().collect(),
    })
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

/// One part of the zip, bounded; `None` when absent.
fn part(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<Vec<u8>>, String> {
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
    let mut bytes = Vec::new();
    // The size a zip states can lie: read no more than the limit anyway.
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {name} in the document: {e}"))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(format!(
            "{name} in the document is larger than it says: refused"
        ));
    }
    Ok(Some(bytes))
}

#[cfg(test)]
mod tests {
    use super::sample::*;
    use super::*;

    /// A chapter as a service manager writes it in Word.
    fn young_carers_in_word() -> Vec<u8> {
        let body = [
            styled("Title", "Young Carers"),
            styled("Heading1", "SCOPE OF THIS CHAPTER"),
            paragraph("How we support young carers."),
            styled("NumberedHeading", "Who is a young carer"),
            "<w:p><w:r><w:t xml:space=\"preserve\">A child who </w:t></w:r>\
             <w:r><w:rPr><w:b/></w:rPr><w:t>cares</w:t></w:r>\
             <w:r><w:t xml:space=\"preserve\"> for someone; see </w:t></w:r>\
             <w:hyperlink w:anchor=\"_Toc1\"><w:r><w:t>Private Fostering</w:t></w:r></w:hyperlink>\
             <w:r><w:t xml:space=\"preserve\"> and </w:t></w:r>\
             <w:hyperlink r:id=\"rIdGov\"><w:r><w:t>GOV.UK</w:t></w:r></w:hyperlink></w:p>"
                .to_string(),
            item(1, 0, "Assess"),
            item(1, 1, "Within 10 days"),
            item(2, 0, "Review"),
            table(&[&["Who", "When"], &["Social worker", "Every 6 weeks"]]),
            picture("rIdPic1", 1, "Map of the area"),
            picture("rIdPic2", 2, ""),
            styled("NumberedHeading", "Support"),
            text_box("Boxed advice."),
            embedded_object(),
        ]
        .concat();
        document(&body, 2, &[("rIdGov", "https://www.gov.uk/")], &[])
    }

    #[test]
    fn a_chapter_written_in_word_fills_its_chapter_with_tables_pictures_and_links() {
        let mut manual = crate::store::format::stockport_sample();
        let document = read(&young_carers_in_word(), Changes::Accepted).unwrap();
        let page = crate::import::chapters::PageFile {
            name: "young-carers.docx".into(),
            stem: "young-carers".into(),
            text: document.html.clone(),
            pictures: document
                .pictures
                .iter()
                .map(|(part, bytes)| (format!("{PAGE_PICTURE}{part}"), bytes.clone()))
                .collect(),
            notes: document.notes.clone(),
        };
        let import = crate::import::chapters::import_page_files(
            &manual,
            std::slice::from_ref(&page),
            Some("stockport.files"),
            false,
        );
        let report = &import.reports[0];
        assert_eq!(
            report.matched.as_deref(),
            Some("4.8.1 Young Carers"),
            "{report}"
        );
        for edit in import.edits {
            edit.apply(&mut manual).unwrap();
        }
        let chapter = manual
            .chapter_mut(&crate::model::EntryId::new("young-carers-2"))
            .unwrap();
        assert_eq!(chapter.scope, "How we support young carers.");
        let body = chapter.body.clone();
        let mut private = None;
        manual.walk(|_, entry, _| {
            if entry.title == "Private Fostering" {
                private = Some(entry.id.clone());
            }
        });
        let private = private.expect("the sample has a Private Fostering chapter");
        for expected in [
            "## 1. Who is a young carer".to_string(),
            format!(
                "A child who **cares** for someone; see [Private Fostering](entry:{private}) and [GOV.UK](https://www.gov.uk/)"
            ),
            "- Assess\n  - Within 10 days".into(),
            "1. Review".into(),
            "| Who | When |\n| --- | --- |\n| Social worker | Every 6 weeks |".into(),
            "![Map of the area](stockport.files/young-carers-image1-".into(),
            "## 2. Support".into(),
            "Boxed advice.".into(),
            "[Embedded object: open the Word document to see it\\]".into(),
        ] {
            assert!(body.contains(&expected), "{expected}\n in\n{body}");
        }
        // The text box is read once, not twice.
        assert_eq!(body.matches("Boxed advice").count(), 1, "{body}");
        // Two pictures to copy in, named by page and content.
        assert_eq!(import.files.len(), 2);
        assert!(import.files[0].0.starts_with("young-carers-image1-"));
        assert!(body.contains(&format!("stockport.files/{}", import.files[0].0)));
        for note in [
            "image2.png) has no description",
            "text box",
            "embedded object",
        ] {
            assert!(
                report.notes.iter().any(|n| n.contains(note)),
                "{note}: {:?}",
                report.notes
            );
        }
    }

    #[test]
    fn a_picture_too_large_is_left_out_as_its_description() {
        let body = picture("rIdPic1", 1, "Huge map");
        let mut parts: Parts = Vec::new();
        let document_xml = format!(
            "<w:document xmlns:w=\"w\" xmlns:r=\"r\" xmlns:wp=\"wp\" xmlns:a=\"a\" xmlns:pic=\"pic\"><w:body>{body}</w:body></w:document>"
        );
        parts.push(("word/document.xml".into(), document_xml.into_bytes()));
        parts.push((
            "word/_rels/document.xml.rels".into(),
            b"<Relationships><Relationship Id=\"rIdPic1\" Target=\"media/image1.png\"/></Relationships>".to_vec(),
        ));
        let mut bytes = std::io::Cursor::new(zip_of(&parts));
        {
            // Append the picture: a zip bomb of zeros past the limit.
            let mut zip = zip::ZipWriter::new_append(&mut bytes).unwrap();
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(true);
            zip.start_file("word/media/image1.png", options).unwrap();
            let block = vec![0u8; 1024 * 1024];
            for _ in 0..(MAX_PART_BYTES / (1024 * 1024) + 1) {
                std::io::Write::write_all(&mut zip, &block).unwrap();
            }
            zip.finish().unwrap();
        }
        let document = read(bytes.get_ref(), Changes::Accepted).unwrap();
        assert!(document.pictures.is_empty());
        assert!(
            document
                .notes
                .iter()
                .any(|n| n.contains("image1.png) was left out") && n.contains("refused")),
            "{:?}",
            document.notes
        );
        let page = crate::import::chapter_page::read_page(&format!("<h1>T</h1>{}", document.html));
        assert!(page.body.contains("[Picture: Huge map\\]"), "{}", page.body);
    }

    #[test]
    fn a_word_list_numbers_on_after_text_and_starts_where_word_says() {
        // Word numbers a list (one numbering id) on from its last item,
        // whatever text comes between; a deeper level starts again.
        let body = [
            item(2, 0, "first"),
            item(2, 1, "under first"),
            item(2, 0, "second"),
            paragraph("A note between."),
            item(2, 0, "third"),
            item(2, 1, "under third"),
        ]
        .concat();
        let html = to_html(&document(&body, 0, &[], &[])).unwrap();
        assert!(
            html.contains(
                "<p>A note between.</p>\n<ol start=\"3\">\n<li>third<ol>\n<li>under third"
            ),
            "{html}"
        );
        // "Start at" on a level, and a list's own override of it.
        let numbering = "<w:numbering xmlns:w=\"w\"><w:abstractNum w:abstractNumId=\"7\">\
             <w:lvl w:ilvl=\"0\"><w:start w:val=\"4\"/><w:numFmt w:val=\"decimal\"/></w:lvl>\
             <w:lvl w:ilvl=\"1\"><w:numFmt w:val=\"bullet\"/></w:lvl></w:abstractNum>\
             <w:num w:numId=\"1\"><w:abstractNumId w:val=\"7\"/></w:num>\
             <w:num w:numId=\"2\"><w:abstractNumId w:val=\"7\"/>\
             <w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"10\"/></w:lvlOverride></w:num>\
             </w:numbering>";
        let formats = parts::list_formats(numbering);
        let at = |num: &str, level: usize| {
            let format = &formats[&(num.to_string(), level)];
            (
                format.numbered,
                format.start,
                format.counts_in.as_str(),
                format.restarts,
            )
        };
        assert_eq!(at("1", 0), (true, 4, "7", false));
        assert_eq!(at("2", 0), (true, 10, "7", true));
        assert_eq!(at("2", 1), (false, 1, "7", false));
        // Numbering ids of one definition count on from each other; one
        // that sets its start starts the count again where it is first
        // used (as LibreOffice writes a list that starts again).
        let body = [
            item(1, 0, "four"),
            item(1, 0, "five"),
            paragraph("Then a new list:"),
            item(2, 0, "ten"),
            item(1, 0, "eleven"),
        ]
        .concat();
        let mut parts = parts_of(&document(&body, 0, &[], &[]));
        for (name, contents) in &mut parts {
            if name == "word/numbering.xml" {
                *contents = numbering.as_bytes().to_vec();
            }
        }
        let html = to_html(&zip_of(&parts)).unwrap();
        assert!(
            html.contains(
                "<ol start=\"4\">\n<li>four</li>\n<li>five</li></ol>\n<p>Then a new list:</p>\n\
                 <ol start=\"10\">\n<li>ten</li>\n<li>eleven</li></ol>"
            ),
            "{html}"
        );
    }

    #[test]
    fn numbered_headings_count_from_their_levels_start_at() {
        // A house template whose numbered headings start at 3, a deeper
        // level at 5, the one between at 0: Word shows 3., 4., 4.0,
        // 4.0.5, 4.1, 5., 5.0.
        let numbering = "<w:numbering xmlns:w=\"w\"><w:abstractNum w:abstractNumId=\"2\">\
             <w:lvl w:ilvl=\"0\"><w:start w:val=\"3\"/><w:numFmt w:val=\"decimal\"/></w:lvl>\
             <w:lvl w:ilvl=\"1\"><w:start w:val=\"0\"/><w:numFmt w:val=\"decimal\"/></w:lvl>\
             <w:lvl w:ilvl=\"2\"><w:start w:val=\"5\"/><w:numFmt w:val=\"decimal\"/></w:lvl>\
             </w:abstractNum><w:num w:numId=\"3\"><w:abstractNumId w:val=\"2\"/></w:num>\
             </w:numbering>";
        let deeper = |level: u32, words: &str| {
            format!(
                "<w:p><w:pPr><w:pStyle w:val=\"Heading3\"/><w:numPr><w:ilvl w:val=\"{level}\"/>\
                 <w:numId w:val=\"3\"/></w:numPr></w:pPr><w:r><w:t>{words}</w:t></w:r></w:p>"
            )
        };
        let body = [
            styled("NumberedHeading", "Intro"),
            styled("NumberedHeading", "Next"),
            deeper(1, "Sub"),
            deeper(2, "Deep"),
            deeper(1, "Second"),
            styled("NumberedHeading", "Last"),
            deeper(1, "Again"),
        ]
        .concat();
        let mut parts = parts_of(&document(&body, 0, &[], &[]));
        for (name, contents) in &mut parts {
            if name == "word/numbering.xml" {
                *contents = numbering.as_bytes().to_vec();
            }
        }
        let html = to_html(&zip_of(&parts)).unwrap();
        for heading in [
            "<h2>3. Intro</h2>",
            "<h2>4. Next</h2>",
            "<h3>4.0 Sub</h3>",
            "<h3>4.0.5 Deep</h3>",
            "<h3>4.1 Second</h3>",
            "<h2>5. Last</h2>",
            "<h3>5.0 Again</h3>",
        ] {
            assert!(html.contains(heading), "{heading} in {html}");
        }
    }

    #[test]
    fn numbered_lists_in_a_consultation_copy_are_each_counted_from_their_start() {
        let mut manual = crate::store::format::stockport_sample();
        let id = crate::model::EntryId::new("young-carers-2");
        manual.chapter_mut(&id).unwrap().body =
            "1. one\n2. two\n\nBetween.\n\n1. again\n\nThen:\n\n5. five\n6. six\n".into();
        let bytes = crate::export::docx::consultation_docx(&manual, &[id], "2026-12-02").unwrap();
        let html = to_html(&bytes).unwrap();
        assert!(
            html.contains("<ol>\n<li>one</li>\n<li>two</li></ol>"),
            "{html}"
        );
        assert!(html.contains("<ol>\n<li>again</li></ol>"), "{html}");
        assert!(
            html.contains("<ol start=\"5\">\n<li>five</li>\n<li>six</li></ol>"),
            "{html}"
        );
    }

    #[test]
    fn a_hundred_thousand_nested_list_levels_are_read_in_bounds() {
        let mut body = String::new();
        for level in 0..100_000u32 {
            body.push_str(&item(1, level, "deep"));
        }
        let bytes = document(&body, 0, &[], &[]);
        let html = to_html(&bytes).unwrap();
        // Deeper levels are read as the deepest kept.
        assert!(html.matches("<ul>").count() <= 8, "{}", &html[..200]);
        assert_eq!(html.matches("deep").count(), 100_000);
    }

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
