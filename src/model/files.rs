//! Files beside a manual (flowcharts, local forms, protocols) and the
//! links to them in chapter bodies: `![Section 47 flowchart](NAME.files/s47.png)`
//! and `[Referral form](NAME.files/referral-form.docx)`, where `NAME` is the
//! manual file's name without `.ron`. Nothing outside that folder may be
//! linked.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{EntryId, Manual};

/// One link from a body to a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileLink {
    /// As written: `stockport.files/s47-flowchart.png`.
    pub path: String,
    /// The image's alt text or the link's text.
    pub text: String,
    pub image: bool,
    /// 1-based line of the body.
    pub line: usize,
}

/// The folder of a manual's files, named after the manual file:
/// `stockport.ron` → `stockport.files`.
pub fn folder_name(manual_file_name: &str) -> String {
    let stem = manual_file_name
        .strip_suffix(".ron")
        .unwrap_or(manual_file_name);
    format!("{stem}.files")
}

/// Why a file link is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PathProblem {
    #[error("'{0}' is an absolute path; files are linked inside {1}/")]
    Absolute(String, String),
    #[error("'{0}' climbs out with '..'; files are linked inside {1}/")]
    Climbs(String, String),
    #[error("'{0}' is not in the manual's folder {1}/")]
    Elsewhere(String, String),
}

/// The file's name inside `folder` (`s47.png` for `stockport.files/s47.png`),
/// or why the link is refused.
pub fn name_in_folder<'a>(path: &'a str, folder: &str) -> Result<&'a str, PathProblem> {
    let problem = |make: fn(String, String) -> PathProblem| make(path.into(), folder.into());
    if path.starts_with('/') || path.starts_with('\\') || path.get(1..2) == Some(":") {
        return Err(problem(PathProblem::Absolute));
    }
    if path.split(['/', '\\']).any(|part| part == "..") {
        return Err(problem(PathProblem::Climbs));
    }
    let name = path
        .strip_prefix(folder)
        .and_then(|rest| rest.strip_prefix('/'))
        .filter(|name| !name.is_empty() && !name.contains('/'))
        .ok_or_else(|| problem(PathProblem::Elsewhere))?;
    Ok(name)
}

/// True for a link destination that names a file rather than a web page,
/// an e-mail address, an entry or a place on the page.
pub fn is_file_path(destination: &str) -> bool {
    let destination = destination.trim();
    !destination.is_empty()
        && !destination.starts_with('#')
        && !destination.starts_with(super::ENTRY_SCHEME)
        && !destination
            .split_once(':')
            .is_some_and(|(scheme, _)| scheme.len() > 1 && !scheme.contains('/'))
}

/// Extensions of files a browser opens as a document that can run script
/// (a page, an SVG drawing, a script): published on the site's own origin
/// they would run there, outside the pages' content security policy, so
/// they are never linked, inserted or published.
const RUNNABLE_EXTENSIONS: &[&str] = &[
    "html", "htm", "xhtml", "xht", "shtml", "xml", "xsl", "xslt", "svg", "svgz", "js", "mjs",
    "cjs", "swf", "hta", "mht", "mhtml",
];

/// Why a file is refused for the browser that would open it, or `None` for
/// a file that is safe to publish as it is.
pub fn runnable_reason(name: &str) -> Option<String> {
    // Windows drops trailing dots and spaces: `a.htm.` opens as `a.htm`.
    let ext = name
        .trim_end_matches(['.', ' '])
        .rsplit_once('.')?
        .1
        .to_ascii_lowercase();
    if !RUNNABLE_EXTENSIONS.contains(&ext.as_str()) {
        return None;
    }
    Some(if ext.starts_with("svg") {
        format!(
            "'{name}' is an SVG drawing, which can carry script that a browser runs: save it as \
             a PNG (most drawing tools have Export as PNG) and link that"
        )
    } else {
        format!(
            "'{name}' is a .{ext} file, which a browser opens as a page and may run script from: \
             link it as a PDF or Word document, or link its published address"
        )
    })
}

/// Whether a file is shown as a picture (by its extension).
pub fn is_image_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".png", ".jpg", ".jpeg", ".gif", ".webp"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// The file links of `body`, in order. Bodies without `.files/` or
/// `](` are not parsed.
pub fn file_links(body: &str) -> Vec<FileLink> {
    if !body.contains("](") {
        return Vec::new();
    }
    let mut links = Vec::new();
    let mut open: Vec<(Option<FileLink>, String)> = Vec::new();
    let mut lines = super::body_links::LineCounter::default();
    let parser = Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let image = body[range.clone()].starts_with('!');
                let link = is_file_path(&dest_url).then(|| FileLink {
                    path: dest_url.trim().to_string(),
                    text: String::new(),
                    image,
                    line: lines.line_at(body, range.start),
                });
                open.push((link, String::new()));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, words)) = open.last_mut() {
                    words.push_str(&text);
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some((Some(mut link), words)) = open.pop() {
                    link.text = words.trim().to_string();
                    links.push(link);
                }
            }
            _ => {}
        }
    }
    links
}

/// Every chapter's file links, with the chapter's id.
pub fn manual_file_links(manual: &Manual) -> Vec<(EntryId, FileLink)> {
    let mut out = Vec::new();
    manual.walk(|_, entry, _| {
        if let Some(chapter) = entry.chapter_details() {
            out.extend(
                file_links(&chapter.body)
                    .into_iter()
                    .map(|link| (entry.id.clone(), link)),
            );
        }
    });
    out
}

/// A clean file name for a copied file: the name's words as a slug, its
/// extension in lower case (`Section 47 Flowchart (v2).PNG` →
/// `section-47-flowchart-v2.png`).
pub fn clean_name(original: &str) -> String {
    let (stem, ext) = match original.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.chars().all(|c| c.is_ascii_alphanumeric()) => {
            (stem, Some(ext.to_ascii_lowercase()))
        }
        _ => (original, None),
    };
    let mut slug = super::slugify(stem);
    if slug.is_empty() {
        slug = "file".into();
    }
    match ext {
        Some(ext) => format!("{slug}.{ext}"),
        None => slug,
    }
}

/// The Markdown that links a file: an image with its alt text, or a
/// document with its title.
pub fn markdown_link(path: &str, text: &str, image: bool) -> String {
    let text = super::escape_link_text(text);
    let path = if path.contains([' ', '(', ')']) {
        format!("<{path}>")
    } else {
        path.to_string()
    };
    if image {
        format!("![{text}]({path})")
    } else {
        format!("[{text}]({path})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_is_named_after_the_manual() {
        assert_eq!(folder_name("stockport.ron"), "stockport.files");
        assert_eq!(folder_name("notes"), "notes.files");
    }

    #[test]
    fn only_paths_inside_the_folder_are_accepted() {
        let folder = "stockport.files";
        assert_eq!(
            name_in_folder("stockport.files/s47.png", folder),
            Ok("s47.png")
        );
        for (path, absolute, climbs) in [
            ("/etc/passwd", true, false),
            ("C:/forms/referral.docx", true, false),
            ("stockport.files/../secret.ron", false, true),
            ("../stockport.files/x.png", false, true),
            ("other.files/x.png", false, false),
            ("stockport.files/sub/x.png", false, false),
            ("stockport.files/", false, false),
        ] {
            let problem = name_in_folder(path, folder).unwrap_err();
            assert_eq!(
                matches!(problem, PathProblem::Absolute(..)),
                absolute,
                "{path}"
            );
            assert_eq!(matches!(problem, PathProblem::Climbs(..)), climbs, "{path}");
        }
    }

    #[test]
    fn file_links_are_found_with_their_text_and_line() {
        let body = "Intro\n\n![Section 47 flowchart](stockport.files/s47.png)\n\n\
                    See the [Referral form](stockport.files/referral-form.docx), \
                    [](entry:young-carers), [GOV.UK](https://www.gov.uk) and ![](x.png).";
        let links = file_links(body);
        assert_eq!(
            links,
            [
                FileLink {
                    path: "stockport.files/s47.png".into(),
                    text: "Section 47 flowchart".into(),
                    image: true,
                    line: 3,
                },
                FileLink {
                    path: "stockport.files/referral-form.docx".into(),
                    text: "Referral form".into(),
                    image: false,
                    line: 5,
                },
                FileLink {
                    path: "x.png".into(),
                    text: String::new(),
                    image: true,
                    line: 5,
                },
            ]
        );
        assert!(!is_file_path("mailto:team@example.org"));
        assert!(
            is_file_path("C:/forms/x.docx"),
            "a drive letter is not a scheme"
        );
    }

    #[test]
    fn files_a_browser_would_run_are_refused_with_a_way_out() {
        for name in [
            "evil.html",
            "flow.SVG",
            "x.js",
            "page.xhtml",
            "data.xml",
            "a.htm.",
        ] {
            assert!(runnable_reason(name).is_some(), "{name}");
        }
        assert!(runnable_reason("flow.svg").unwrap().contains("PNG"));
        for name in ["form.docx", "chart.png", "guide.pdf", "README", "html"] {
            assert_eq!(runnable_reason(name), None, "{name}");
        }
        assert!(
            !is_image_name("flow.svg"),
            "an SVG is not shown as a picture"
        );
    }

    #[test]
    fn copied_files_get_clean_names() {
        assert_eq!(
            clean_name("Section 47 Flowchart (v2).PNG"),
            "section-47-flowchart-v2.png"
        );
        assert_eq!(clean_name("Referral form.docx"), "referral-form.docx");
        assert_eq!(clean_name("README"), "readme");
        assert_eq!(clean_name("###.pdf"), "untitled.pdf");
        assert_eq!(
            markdown_link("m.files/a b.png", "A [flow]", true),
            "![A \\[flow\\]](<m.files/a b.png>)"
        );
    }
}
