//! Pictures in a consultation copy: each body picture read from the
//! manual's files folder, turned into a PNG of its own size (at most the
//! page's width), and given its description and its place in the manual
//! (the picture's name in Word) once the document is written, which
//! `docx-rs` cannot do itself; a picture that cannot be read stays its
//! description in words.

use docx_rs::Pic;

/// Where the text is 6 inches wide, in EMU (914,400 an inch).
const PAGE_WIDTH_EMU: u32 = 6 * 914_400;
/// EMU per pixel at 96 dots an inch.
const EMU_PER_PIXEL: u32 = 9_525;
/// The largest picture decoded (pixels): larger ones are left as words.
const MAX_PIXELS: u64 = 40_000_000;

/// Finds a body picture's bytes by its link (`stockport.files/map.png`).
pub type PictureBytes<'a> = &'a dyn Fn(&str) -> Option<Vec<u8>>;

/// A body picture placed in the copy, to describe once it is written.
#[derive(Debug, Clone)]
pub struct Placed {
    pub link: String,
    pub alt: String,
}

/// The picture at `link` as a Word picture, or `None` when it cannot be
/// read or decoded.
pub fn picture(link: &str, bytes: PictureBytes) -> Option<Pic> {
    let bytes = bytes(link)?;
    let reader = image::ImageReader::new(std::io::Cursor::new(&bytes))
        .with_guessed_format()
        .ok()?;
    let format = reader.format()?;
    let (width, height) = reader.into_dimensions().ok()?;
    if width == 0 || height == 0 || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return None;
    }
    let png = if format == image::ImageFormat::Png {
        bytes
    } else {
        let decoded = image::load_from_memory_with_format(&bytes, format).ok()?;
        let mut png = Vec::new();
        decoded
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .ok()?;
        png
    };
    let (w, h) = (width * EMU_PER_PIXEL, height * EMU_PER_PIXEL);
    let (w, h) = if w > PAGE_WIDTH_EMU {
        (
            PAGE_WIDTH_EMU,
            (u64::from(h) * u64::from(PAGE_WIDTH_EMU) / u64::from(w)) as u32,
        )
    } else {
        (w, h)
    };
    Some(Pic::new_with_dimensions(png, width, height).size(w, h))
}

/// `docx` with each picture `docx-rs` wrote (in order, the same as
/// `placed`) given its description and its link as its name.
pub fn describe(docx: Vec<u8>, placed: &[Placed]) -> Result<Vec<u8>, String> {
    if placed.is_empty() {
        return Ok(docx);
    }
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(&docx)).map_err(|e| e.to_string())?;
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for n in 0..archive.len() {
            let mut file = archive.by_index(n).map_err(|e| e.to_string())?;
            let name = file.name().to_string();
            let mut contents = Vec::new();
            std::io::Read::read_to_end(&mut file, &mut contents).map_err(|e| e.to_string())?;
            if name == "word/document.xml" {
                contents = described(&String::from_utf8_lossy(&contents), placed).into_bytes();
            }
            zip.start_file(name, options).map_err(|e| e.to_string())?;
            std::io::Write::write_all(&mut zip, &contents).map_err(|e| e.to_string())?;
        }
        zip.finish().map_err(|e| e.to_string())?;
    }
    Ok(out.into_inner())
}

fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The document's XML with the k-th picture's properties filled in.
fn described(xml: &str, placed: &[Placed]) -> String {
    const WRITTEN: &str = "<wp:docPr id=\"1\" name=\"Figure\" />";
    let mut out = String::with_capacity(xml.len() + placed.len() * 64);
    let mut rest = xml;
    let mut placed = placed.iter().enumerate();
    while let Some(at) = rest.find(WRITTEN) {
        out.push_str(&rest[..at]);
        match placed.next() {
            Some((k, picture)) => out.push_str(&format!(
                "<wp:docPr id=\"{}\" name=\"{}\" descr=\"{}\" />",
                k + 1,
                attribute(&picture.link),
                attribute(&picture.alt)
            )),
            None => out.push_str(WRITTEN),
        }
        rest = &rest[at + WRITTEN.len()..];
    }
    out.push_str(rest);
    out
}
