//! Word documents written by hand, part by part, as Word writes them
//! (styles by id, numbering definitions, pictures as drawings with their
//! description, text boxes twice over, tracked changes and comments): the
//! fixtures of the tests and the benchmarks. No real council document is
//! copied.

use std::io::Write as _;

/// The document's parts: name and contents.
pub type Parts = Vec<(String, Vec<u8>)>;

/// A zip of `parts`, deflated as Word saves them.
pub fn zip_of(parts: &Parts) -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut bytes);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, contents) in parts {
            // Writing to memory cannot fail but for a bad name, and these
            // are fixed.
            let _ = zip.start_file(name.as_str(), options);
            let _ = zip.write_all(contents);
        }
        let _ = zip.finish();
    }
    bytes.into_inner()
}

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
                 xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
                 xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
                 xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
                 xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\" \
                 xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" \
                 xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" \
                 xmlns:v=\"urn:schemas-microsoft-com:vml\" \
                 xmlns:o=\"urn:schemas-microsoft-com:office:office\"";

/// The parts of a .docx (empty when it is not a zip).
pub fn parts_of(bytes: &[u8]) -> Parts {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Vec::new();
    };
    (0..archive.len())
        .filter_map(|n| {
            let mut file = archive.by_index(n).ok()?;
            let mut contents = Vec::new();
            std::io::Read::read_to_end(&mut file, &mut contents).ok()?;
            Some((file.name().to_string(), contents))
        })
        .collect()
}

/// A document as a reviewer returns it: `edit` made to its text, and its
/// comments (`w:comment` elements) in place of any it had.
pub fn returned(copy: &[u8], edit: impl Fn(&str) -> String, comments: &str) -> Vec<u8> {
    let mut parts = parts_of(copy);
    parts.retain(|(name, _)| name != "word/comments.xml");
    for (name, contents) in &mut parts {
        if name == "word/document.xml" {
            *contents = edit(&String::from_utf8_lossy(contents)).into_bytes();
        }
    }
    parts.push((
        "word/comments.xml".into(),
        format!("<w:comments {W}>{comments}</w:comments>").into_bytes(),
    ));
    zip_of(&parts)
}

/// A tracked insertion of `words` by `author`, as Word records it.
pub fn tracked_insertion(author: &str, words: &str) -> String {
    format!(
        "<w:ins w:id=\"901\" w:author=\"{author}\" w:date=\"2026-12-01T09:00:00Z\">\
         <w:r><w:t xml:space=\"preserve\">{words}</w:t></w:r></w:ins>"
    )
}

/// A paragraph of plain words.
pub fn paragraph(words: &str) -> String {
    format!("<w:p w:rsidR=\"00A1\"><w:r><w:t xml:space=\"preserve\">{words}</w:t></w:r></w:p>")
}

/// A paragraph in the style `style` (an id of [`styles`]).
pub fn styled(style: &str, words: &str) -> String {
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>\
         <w:r><w:t xml:space=\"preserve\">{words}</w:t></w:r></w:p>"
    )
}

/// A list item: numbering `num` (1: bullets, 2: numbers) at `level`.
pub fn item(num: u32, level: u32, words: &str) -> String {
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"{level}\"/>\
         <w:numId w:val=\"{num}\"/></w:numPr></w:pPr>\
         <w:r><w:t>{words}</w:t></w:r></w:p>"
    )
}

/// A picture inline in its own paragraph: relationship `rel`, described
/// `about` (empty: no description).
pub fn picture(rel: &str, n: usize, about: &str) -> String {
    format!(
        "<w:p><w:r><w:drawing><wp:inline><wp:extent cx=\"952500\" cy=\"952500\"/>\
         <wp:docPr id=\"{n}\" name=\"Picture {n}\" descr=\"{about}\"/>\
         <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
         <pic:pic><pic:nvPicPr><pic:cNvPr id=\"{n}\" name=\"image{n}.png\"/></pic:nvPicPr>\
         <pic:blipFill><a:blip r:embed=\"{rel}\"/></pic:blipFill></pic:pic>\
         </a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )
}

/// A table whose first row is its header.
pub fn table(rows: &[&[&str]]) -> String {
    let mut out = String::from("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/></w:tblPr>");
    for row in rows {
        out.push_str("<w:tr>");
        for cell in *row {
            out.push_str(&format!("<w:tc>{}</w:tc>", paragraph(cell)));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

/// A text box, written as Word does: the box, then the same again for
/// older readers.
pub fn text_box(words: &str) -> String {
    format!(
        "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor>\
         <wp:docPr id=\"90\" name=\"Text Box 1\"/><a:graphic><a:graphicData><wps:wsp><wps:txbx>\
         <w:txbxContent>{p}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>\
         </wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>\
         <w:txbxContent>{p}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>\
         </mc:AlternateContent></w:r><w:r><w:t>After the box.</w:t></w:r></w:p>",
        p = paragraph(words)
    )
}

/// A spreadsheet embedded in the text.
pub fn embedded_object() -> String {
    "<w:p><w:r><w:object w:dxaOrig=\"1531\"><v:shape id=\"_x0000_i1025\">\
     <v:imagedata r:id=\"rIdOle\" o:title=\"\"/></v:shape>\
     <o:OLEObject Type=\"Embed\" ProgID=\"Excel.Sheet.12\" r:id=\"rIdOle\"/></w:object></w:r></w:p>"
        .into()
}

/// The styles: Word's ids, with English names (a localised Word names
/// them in its own language but keeps the same ids).
pub fn styles() -> String {
    let mut out = format!("<?xml version=\"1.0\"?><w:styles {W}>");
    out.push_str(
        "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/></w:style>",
    );
    for level in 1..=4 {
        out.push_str(&format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading{level}\">\
             <w:name w:val=\"heading {level}\"/></w:style>"
        ));
    }
    // A numbered heading style, as a council's house template has.
    out.push_str(
        "<w:style w:type=\"paragraph\" w:styleId=\"NumberedHeading\"><w:name w:val=\"Numbered Heading\"/>\
         <w:basedOn w:val=\"Heading2\"/><w:pPr><w:numPr><w:numId w:val=\"3\"/></w:numPr></w:pPr></w:style>",
    );
    out.push_str("</w:styles>");
    out
}

/// Numbering: 1 bullets, 2 numbers, 3 numbered headings.
pub fn numbering() -> String {
    let mut out = format!("<?xml version=\"1.0\"?><w:numbering {W}>");
    for (id, format) in [(0, "bullet"), (1, "decimal"), (2, "decimal")] {
        out.push_str(&format!("<w:abstractNum w:abstractNumId=\"{id}\">"));
        for level in 0..9 {
            out.push_str(&format!(
                "<w:lvl w:ilvl=\"{level}\"><w:numFmt w:val=\"{format}\"/></w:lvl>"
            ));
        }
        out.push_str("</w:abstractNum>");
    }
    for (num, id) in [(1, 0), (2, 1), (3, 2)] {
        out.push_str(&format!(
            "<w:num w:numId=\"{num}\"><w:abstractNumId w:val=\"{id}\"/></w:num>"
        ));
    }
    out.push_str("</w:numbering>");
    out
}

/// A tiny PNG (one pixel), different for each `n`.
pub fn png(n: u8) -> Vec<u8> {
    let mut bytes = Vec::new();
    let image = image::RgbImage::from_pixel(1, 1, image::Rgb([n, 0, 0]));
    let _ = image::DynamicImage::ImageRgb8(image).write_to(
        &mut std::io::Cursor::new(&mut bytes),
        image::ImageFormat::Png,
    );
    bytes
}

/// A whole document: `body` (paragraphs and tables), `pictures` PNGs as
/// `rIdPic1`…, hyperlinks `links` (id, address), comments (id, author,
/// words).
pub fn document(
    body: &str,
    pictures: usize,
    links: &[(&str, &str)],
    comments: &[(&str, &str, &str)],
) -> Vec<u8> {
    let pictures: Vec<Vec<u8>> = (1..=pictures).map(|n| png(n as u8)).collect();
    document_with_pictures(body, &pictures, links, comments)
}

/// [`document`] with the pictures given (PNGs, as `rIdPic1`…).
pub fn document_with_pictures(
    body: &str,
    pictures: &[Vec<u8>],
    links: &[(&str, &str)],
    comments: &[(&str, &str, &str)],
) -> Vec<u8> {
    let mut rels = String::from(
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>",
    );
    let mut parts: Parts = Vec::new();
    for (n, bytes) in pictures.iter().enumerate() {
        let n = n + 1;
        rels.push_str(&format!(
            "<Relationship Id=\"rIdPic{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/image{n}.png\"/>"
        ));
        parts.push((format!("word/media/image{n}.png"), bytes.clone()));
    }
    for (id, address) in links {
        rels.push_str(&format!(
            "<Relationship Id=\"{id}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"{address}\" TargetMode=\"External\"/>"
        ));
    }
    rels.push_str("</Relationships>");
    let mut comment_xml = format!("<?xml version=\"1.0\"?><w:comments {W}>");
    for (id, author, words) in comments {
        comment_xml.push_str(&format!(
            "<w:comment w:id=\"{id}\" w:author=\"{author}\" w:date=\"2026-11-30T10:00:00Z\">{}</w:comment>",
            paragraph(words)
        ));
    }
    comment_xml.push_str("</w:comments>");
    parts.extend([
        (
            "[Content_Types].xml".into(),
            b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
              <Default Extension=\"png\" ContentType=\"image/png\"/></Types>"
                .to_vec(),
        ),
        (
            "word/document.xml".into(),
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>")
                .into_bytes(),
        ),
        ("word/_rels/document.xml.rels".into(), rels.into_bytes()),
        ("word/styles.xml".into(), styles().into_bytes()),
        ("word/numbering.xml".into(), numbering().into_bytes()),
        ("word/comments.xml".into(), comment_xml.into_bytes()),
    ]);
    zip_of(&parts)
}
