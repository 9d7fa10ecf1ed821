//! The files chapter bodies link (`NAME.files/…`), in the export: copied
//! into the site's `files/` folder, and only those; pictures measured so
//! pages do not jump while they load, and a picture over
//! [`PAGE_WIDTH_LIMIT`] pixels wide shown through a smaller copy that
//! links to the original.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::write::{Sink, WriteError};
use crate::model::Manual;
use crate::model::files::{self, FileLink};

/// Wider pictures get a smaller copy for the page.
pub const PAGE_WIDTH_LIMIT: u32 = 2000;
/// The width of that copy.
pub const PAGE_WIDTH: u32 = 1200;

/// The most a picture may claim to be, either way, before it is refused
/// rather than decoded (a decompression bomb declares a vast size).
const MAX_SIDE: u32 = 20_000;
/// The most memory decoding one picture may take.
const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;

/// A picture's size, and its smaller copy when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub width: u32,
    pub height: u32,
    /// The smaller copy's name in `files/` and its size.
    pub page_copy: Option<(String, u32, u32)>,
}

/// One linked file as the site has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    /// Its name in the site's `files/`.
    pub name: String,
    /// Where it is read from.
    pub source: PathBuf,
    /// Measured, when it is a picture the image crate can read.
    pub picture: Option<Picture>,
}

/// Where a link to a file goes, from a page `prefix` away from the site's
/// root (`../` for chapter pages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileTarget {
    pub href: String,
    /// For a picture: what the page shows (src, width, height).
    pub shown: Option<(String, u32, u32)>,
}

/// The linked files of a manual that exist in its folder, by the link
/// path written in the bodies.
#[derive(Debug, Clone, Default)]
pub struct SiteFiles {
    by_link: HashMap<String, SiteFile>,
    /// Each document (not picture) linked, with the chapters linking it,
    /// for the document index.
    pub documents: BTreeMap<String, Vec<(crate::model::EntryId, FileLink)>>,
}

impl SiteFiles {
    /// The files `manual`'s bodies link in the folder beside
    /// `manual_path`. Missing and refused links (outside the folder,
    /// symbolic links, devices, files a browser would run) are left out:
    /// `check` reports them. Pictures are measured from their headers.
    pub fn collect(manual: &Manual, manual_path: &Path) -> SiteFiles {
        let mut out = SiteFiles::default();
        for (entry, link) in files::manual_file_links(manual) {
            let Ok(source) = crate::store::files::linked_file(manual_path, &link.path) else {
                continue;
            };
            let Some(name) = source
                .file_name()
                .and_then(|n| n.to_str())
                .map(str::to_string)
            else {
                continue;
            };
            if !files::is_image_name(&name) || !link.image {
                out.documents
                    .entry(link.path.clone())
                    .or_default()
                    .push((entry.clone(), link.clone()));
            }
            out.add(&link.path, source, &name);
        }
        // The council's logo, shown in every page's header.
        if let Some(logo) = &manual.look.logo
            && let Ok(source) = crate::store::files::linked_file(manual_path, logo)
            && let Some(name) = source
                .file_name()
                .and_then(|n| n.to_str())
                .map(str::to_string)
            && files::is_image_name(&name)
        {
            out.add(logo, source.clone(), &name);
        }
        out
    }

    /// Adds the file `source` (named `name`) under its link, measured when
    /// it is a picture.
    fn add(&mut self, link_path: &str, source: std::path::PathBuf, name: &str) {
        if self.by_link.contains_key(link_path) {
            return;
        }
        {
            let picture = files::is_image_name(name)
                .then(|| measure(&source))
                .flatten()
                .map(|(width, height)| {
                    let page_copy = (width > PAGE_WIDTH_LIMIT).then(|| {
                        let tall = (u64::from(height) * u64::from(PAGE_WIDTH) / u64::from(width))
                            .max(1) as u32;
                        // Named after the whole file name, so `chart.png`
                        // and `chart.PNG` never share a copy.
                        (page_copy_name(name), PAGE_WIDTH, tall)
                    });
                    Picture {
                        width,
                        height,
                        page_copy,
                    }
                });
            self.by_link.insert(
                link_path.to_string(),
                SiteFile {
                    name: name.to_string(),
                    source,
                    picture,
                },
            );
        }
    }

    pub fn is_empty(&self) -> bool {
        self.by_link.is_empty()
    }

    pub fn len(&self) -> usize {
        self.by_link.len()
    }

    /// The file a link names, if the site has it.
    pub fn get(&self, link_path: &str) -> Option<&SiteFile> {
        self.by_link.get(link_path.trim())
    }

    /// Where a link goes from a page `prefix` away from the root.
    pub fn target(&self, link_path: &str, prefix: &str) -> Option<FileTarget> {
        let file = self.get(link_path)?;
        let href = format!("{prefix}files/{}", file.name);
        let shown = file.picture.as_ref().map(|p| match &p.page_copy {
            Some((copy, w, h)) => (format!("{prefix}files/{copy}"), *w, *h),
            None => (href.clone(), p.width, p.height),
        });
        Some(FileTarget { href, shown })
    }

    /// Where a link goes in a self-contained document (an induction pack):
    /// a picture inside it as a `data:` URI (its smaller copy when it has
    /// one); a document to the published site's `files/` when `base_url`
    /// is known, else nowhere (its text is shown).
    pub fn inline_target(&self, link_path: &str, base_url: Option<&str>) -> Option<FileTarget> {
        let file = self.get(link_path)?;
        let published =
            base_url.map(|base| format!("{}/files/{}", base.trim_end_matches('/'), file.name));
        let Some(picture) = &file.picture else {
            return published.map(|href| FileTarget { href, shown: None });
        };
        let bytes = read_picture(&file.source).ok()?;
        let (bytes, mime, width, height) = match &picture.page_copy {
            Some((_, width, height)) => (
                page_copy(&bytes, *width, *height).ok()?,
                "image/png",
                *width,
                *height,
            ),
            None => (bytes, mime_type(&file.name), picture.width, picture.height),
        };
        let uri = format!("data:{mime};base64,{}", base64(&bytes));
        Some(FileTarget {
            href: published.unwrap_or_else(|| uri.clone()),
            shown: Some((uri, width, height)),
        })
    }

    /// Copies every linked file into `files/`, and writes the smaller
    /// copies. A big picture that cannot be decoded within the limits (a
    /// damaged file, a decompression bomb) is copied but not shown: the
    /// page names it instead. Call before rendering the pages.
    pub fn write(&mut self, sink: &dyn Sink) -> Result<usize, WriteError> {
        let mut written = 0;
        let mut files: Vec<&mut SiteFile> = self.by_link.values_mut().collect();
        files.sort_by(|a, b| a.name.cmp(&b.name));
        let mut done = std::collections::HashSet::new();
        for file in files {
            if !done.insert(file.name.clone()) {
                continue;
            }
            // Streamed: a 3 GB document never sits in memory.
            sink.copy(&format!("files/{}", file.name), &file.source)?;
            written += 1;
            if let Some(Picture {
                page_copy: Some((copy, width, height)),
                ..
            }) = &file.picture
            {
                let smaller =
                    read_picture(&file.source).and_then(|bytes| page_copy(&bytes, *width, *height));
                match smaller {
                    Ok(smaller) => {
                        sink.put(&format!("files/{copy}"), &smaller)?;
                        written += 1;
                    }
                    Err(_) => file.picture = None,
                }
            }
        }
        // Every link to a picture that lost its copy follows it.
        let unshown: Vec<String> = self
            .by_link
            .values()
            .filter(|f| f.picture.is_none())
            .map(|f| f.name.clone())
            .collect();
        for file in self.by_link.values_mut() {
            if unshown.contains(&file.name) {
                file.picture = None;
            }
        }
        Ok(written)
    }
}

/// The name of a picture's smaller copy: `chart.PNG` → `chart.PNG.page.png`.
fn page_copy_name(name: &str) -> String {
    format!("{name}.page.png")
}

/// A picture's bytes, read only when it is a regular file within the size
/// a picture may decode from.
pub fn read_picture(path: &Path) -> Result<Vec<u8>, String> {
    use crate::store::read::{Links, read_regular};
    read_regular(path, MAX_DECODE_BYTES, Links::Refuse)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// The MIME type of a picture by its extension.
fn mime_type(name: &str) -> &'static str {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".png") {
        "image/png"
    } else if lower.ends_with(".gif") {
        "image/gif"
    } else if lower.ends_with(".webp") {
        "image/webp"
    } else {
        "image/jpeg"
    }
}

/// Standard base64 (RFC 4648), for `data:` URIs.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A picture's width and height from its header, without decoding it.
pub fn measure(path: &Path) -> Option<(u32, u32)> {
    image::ImageReader::open(path)
        .ok()?
        .with_guessed_format()
        .ok()?
        .into_dimensions()
        .ok()
}

/// The decoding limits every picture is read with.
pub fn limits() -> image::Limits {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    limits
}

/// Decodes `bytes` within [`limits`]; the reason in words when it cannot.
pub fn decode(bytes: &[u8]) -> Result<image::DynamicImage, String> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    reader.limits(limits());
    reader.decode().map_err(|error| match error {
        image::ImageError::Limits(_) => {
            "the picture is too large to open (over 20,000 pixels a side or 512 MB)".to_string()
        }
        other => format!("the picture cannot be read: {other}"),
    })
}

/// A smaller PNG copy of a picture for the page.
fn page_copy(bytes: &[u8], width: u32, height: u32) -> Result<Vec<u8>, String> {
    let picture = decode(bytes)?;
    let smaller = picture.resize_exact(width, height, image::imageops::FilterType::Triangle);
    let mut out = std::io::Cursor::new(Vec::new());
    smaller
        .write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}
