//! Bringing published chapter pages into the manual: each page (read by
//! [`super::chapter_page`]) is matched to a chapter by its number or title
//! and fills its scope, see-also, notes, amendment notes and body; a body
//! already written is kept unless replacing was asked for.

use std::fmt;

pub use super::chapter_page::{ChapterPage, read_page};
use super::match_key;
use crate::edit::Edit;
use crate::model::{Amendment, Entry, EntryId, Manual, SeeAlso, slugify};

/// What importing one page did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageReport {
    pub page: String,
    /// The entry it filled ("5.1.2 Decision to Look After"), or `None`.
    pub matched: Option<String>,
    pub filled: Vec<&'static str>,
    /// Kept as they were: a body already written (without `--replace`).
    pub kept: Vec<&'static str>,
    pub not_understood: Vec<String>,
    pub furniture: usize,
    /// What reading the file said (a Word document's pictures, text boxes
    /// and objects).
    pub notes: Vec<String>,
}

impl fmt::Display for PageReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.matched {
            Some(entry) => writeln!(f, "{}: {entry}", self.page)?,
            None => writeln!(f, "{}: matches no chapter of the manual", self.page)?,
        }
        if !self.filled.is_empty() {
            writeln!(f, "  filled: {}", self.filled.join(", "))?;
        }
        if !self.kept.is_empty() {
            writeln!(
                f,
                "  kept as it was (use --replace to overwrite): {}",
                self.kept.join(", ")
            )?;
        }
        if self.furniture > 0 {
            writeln!(f, "  site furniture skipped: {} blocks", self.furniture)?;
        }
        for line in &self.not_understood {
            writeln!(f, "  not understood (kept at the end of the body): {line}")?;
        }
        for note in &self.notes {
            writeln!(f, "  note: {note}")?;
        }
        Ok(())
    }
}

/// Title key for matching: case, punctuation, a trailing "Procedure" and
/// a leading chapter code ("CP1.", "SG12") ignored.
pub(crate) fn title_key(title: &str) -> String {
    let title = title.trim();
    let code: String = title.chars().take_while(char::is_ascii_uppercase).collect();
    let after_code = &title[code.len()..];
    let digits = after_code.len()
        - after_code
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    let rest = after_code[digits..]
        .strip_prefix('.')
        .unwrap_or(&after_code[digits..]);
    let title = if (2..=4).contains(&code.len()) && digits > 0 && rest.starts_with(' ') {
        rest.trim_start()
    } else {
        title
    };
    let key = match_key(title);
    let key = key
        .strip_suffix(" procedures")
        .or_else(|| key.strip_suffix(" procedure"))
        .unwrap_or(&key);
    key.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The chapters of the manual by number and by title.
pub struct Chapters {
    pub(super) by_number: std::collections::HashMap<String, EntryId>,
    by_title: std::collections::HashMap<String, Vec<EntryId>>,
    by_slug: std::collections::HashMap<String, EntryId>,
}

impl Chapters {
    pub(super) fn of(manual: &Manual) -> Self {
        let mut chapters = Chapters {
            by_number: Default::default(),
            by_title: Default::default(),
            by_slug: Default::default(),
        };
        manual.walk(|_, entry, number| {
            if entry.is_section() {
                return;
            }
            if let Some(number) = number {
                chapters
                    .by_number
                    .insert(number.to_string(), entry.id.clone());
            }
            chapters
                .by_title
                .entry(title_key(&entry.title))
                .or_default()
                .push(entry.id.clone());
            chapters
                .by_slug
                .insert(slugify(&entry.title), entry.id.clone());
            chapters
                .by_slug
                .insert(entry.id.to_string(), entry.id.clone());
        });
        chapters
    }

    pub(super) fn by_title(&self, title: &str) -> Option<&EntryId> {
        match self.by_title.get(&title_key(title)).map(Vec::as_slice) {
            Some([only]) => Some(only),
            _ => None,
        }
    }

    /// The chapter a link to another page of the manual points at: the
    /// page's file name is the chapter's title or id made a slug.
    fn by_address(&self, href: &str) -> Option<&EntryId> {
        if href.starts_with("mailto:") {
            return None;
        }
        let path = href.split(['?', '#']).next()?;
        let last = path.trim_end_matches('/').rsplit('/').next()?;
        let stem = last
            .strip_suffix(".html")
            .or_else(|| last.strip_suffix(".htm"))
            .unwrap_or(last);
        self.by_slug.get(&slugify(stem))
    }
}

/// The edit that puts `page` into its chapter of `manual`, and the report.
/// A body already written is kept unless `replace`.
pub fn page_edit(
    manual: &Manual,
    chapters: &Chapters,
    page_name: &str,
    page: &ChapterPage,
    replace: bool,
) -> (Option<Edit>, PageReport) {
    let mut report = PageReport {
        page: page_name.to_string(),
        matched: None,
        filled: Vec::new(),
        kept: Vec::new(),
        not_understood: page.not_understood.clone(),
        furniture: page.furniture,
        notes: page.said.clone(),
    };
    let id = page
        .number
        .as_ref()
        .and_then(|n| chapters.by_number.get(&n.to_string()))
        .or_else(|| chapters.by_title(&page.title));
    let Some((path, entry)) = id.and_then(|id| {
        let path = manual.find(id)?;
        Some((path.clone(), manual.entry(&path)?))
    }) else {
        return (None, report);
    };
    report.matched = Some(crate::model::label(
        manual.number_of(&path).as_ref(),
        &entry.title,
    ));
    let mut head: Entry = entry.clone_head();
    // A related chapter the manual does not hold stays a related chapter:
    // a link to a missing chapter, which `check` and the window report so
    // it can be re-picked (never an outside link like guidance).
    let mut missing = Vec::new();
    let mut resolve = |title: &str, url: &Option<String>| -> Option<SeeAlso> {
        let by_link = url.as_deref().and_then(|u| chapters.by_address(u));
        match by_link.or_else(|| chapters.by_title(title)) {
            Some(id) if *id == head.id => None,
            Some(id) => Some(SeeAlso::internal(id.clone())),
            None => {
                let mut id = EntryId::new(format!("missing-{}", slugify(title)));
                let mut n = 2;
                while manual.find(&id).is_some() {
                    id = EntryId::new(format!("missing-{}-{n}", slugify(title)));
                    n += 1;
                }
                missing.push(format!(
                    "the related chapter \"{title}\" is not in the manual: kept as a link to a \
                     missing chapter ({id}), which check lists, to re-pick or remove"
                ));
                Some(SeeAlso::internal(id))
            }
        }
    };
    let mut links: Vec<SeeAlso> = page
        .related
        .iter()
        .filter_map(|(title, url)| resolve(title, url))
        .collect();
    report.notes.append(&mut missing);
    links.extend(page.guidance.iter().map(|(title, url)| {
        SeeAlso::external(
            title,
            url.clone().filter(|u| crate::model::is_allowed_url(u)),
            None,
        )
    }));
    let mut body = rewrite_chapter_links(&page.body, |href, words| {
        let by_title = || {
            chapters
                .by_title(&crate::import::lines::strip_markup(words).0)
                .or_else(|| chapters.by_title(split_number_text(words)))
        };
        match chapters.by_address(href) {
            Some(id) => Relink::Entry(id.clone()),
            // A link within the document names its chapter by title.
            None if href.starts_with('#') => {
                by_title().map_or(Relink::Words, |id| Relink::Entry(id.clone()))
            }
            None => Relink::Keep,
        }
    });
    // Pictures that came with the page are now in the manual's folder.
    let body_pictures = format!("]({}", super::chapter_page::PAGE_PICTURE);
    if body.contains(&body_pictures) {
        body = body.replace(&body_pictures, "](");
    }
    if !page.not_understood.is_empty() {
        body.push_str("\n\n**Not understood on import:**\n\n");
        for line in &page.not_understood {
            body.push_str(&format!("- {line}\n"));
        }
    }
    let Some(chapter) = head.chapter_details_mut() else {
        return (None, report);
    };
    let mut fill = |field: &'static str, current: &mut String, new: &str| {
        if new.trim().is_empty() || current == new {
            return;
        }
        if current.trim().is_empty() || replace {
            *current = new.to_string();
            report.filled.push(field);
        } else {
            report.kept.push(field);
        }
    };
    fill("scope", &mut chapter.scope, &page.scope);
    fill("body", &mut chapter.body, body.trim());
    let mut added_amendments = false;
    for (text, date) in &page.amendments {
        if !chapter.amendments.iter().any(|a| a.text == *text) {
            chapter.amendments.push(Amendment {
                date: date.clone(),
                text: text.clone(),
                update: update_of_month(manual, date),
                draft: false,
            });
            added_amendments = true;
        }
    }
    if added_amendments {
        report.filled.push("amendment notes");
    }
    let mut added_links = false;
    for link in links {
        if !head.see_also.contains(&link) {
            head.see_also.push(link);
            added_links = true;
        }
    }
    if added_links {
        report.filled.push("see also");
    }
    let mut added_notes = false;
    for note in &page.notes {
        if !head.notes.contains(note) {
            head.notes.push(note.clone());
            added_notes = true;
        }
    }
    if added_notes {
        report.filled.push("notes");
    }
    let changed = entry.clone_head() != head;
    let edit = changed.then(|| Edit::UpdateEntry {
        entry: Box::new(head),
    });
    (edit, report)
}

/// How many chapters `edits` fill (besides the updates they add).
pub fn chapters_filled(edits: &[Edit]) -> usize {
    edits
        .iter()
        .filter(|e| matches!(e, Edit::UpdateEntry { .. }))
        .count()
}

/// The update an amendment of `month` (`YYYY-MM`) belongs to: the
/// manual's update of that month, else one named by it ("March 2024"),
/// which [`import_pages`] adds; none for an undated note.
fn update_of_month(manual: &Manual, month: &str) -> String {
    if month.len() < 7 {
        return String::new();
    }
    manual
        .updates
        .iter()
        .find(|u| u.date.starts_with(&month[..7]))
        .map_or_else(
            || crate::model::month_label(&month[..7]),
            |u| u.label.clone(),
        )
}

/// The updates `edits` name that `manual` lacks, added as published
/// updates of their month, in date order among the published ones (an open
/// update stays last): one edit, or none.
fn missing_updates(manual: &Manual, edits: &[Edit]) -> Option<Edit> {
    let mut wanted: Vec<(String, String)> = Vec::new();
    for edit in edits {
        let Edit::UpdateEntry { entry } = edit else {
            continue;
        };
        for amendment in entry.chapter_details().map_or(&[][..], |c| &c.amendments) {
            let known = amendment.update.is_empty()
                || manual.updates.iter().any(|u| u.label == amendment.update)
                || wanted.iter().any(|(label, _)| *label == amendment.update);
            if !known && amendment.date.len() >= 7 {
                wanted.push((amendment.update.clone(), amendment.date[..7].to_string()));
            }
        }
    }
    if wanted.is_empty() {
        return None;
    }
    let mut updates = manual.updates.clone();
    for (label, date) in wanted {
        let at = updates
            .iter()
            .position(|u| !u.published || (!u.date.is_empty() && u.date.as_str() > date.as_str()))
            .unwrap_or(updates.len());
        updates.insert(
            at,
            crate::model::Update {
                label,
                date,
                published: true,
                ..Default::default()
            },
        );
    }
    Some(Edit::SetUpdates { updates })
}

/// Reads every page (its name and text) and makes the edits that fill the
/// chapters they match, one after another (a later page of the same
/// chapter adds to what an earlier one filled), with a report per page.
pub fn import_pages(
    manual: &Manual,
    pages: &[(String, String)],
    replace: bool,
) -> (Vec<Edit>, Vec<PageReport>) {
    let mut working = manual.clone();
    let mut edits: Vec<Edit> = Vec::new();
    let mut reports = Vec::new();
    let chapters = Chapters::of(manual);
    for (name, text) in pages {
        let page = read_page(text);
        let (edit, report) = page_edit(&working, &chapters, name, &page, replace);
        if let Some(edit) = edit {
            if let Edit::UpdateEntry { entry } = &edit {
                // Later pages see this one's changes; one edit per chapter.
                edits.retain(
                    |e| !matches!(e, Edit::UpdateEntry { entry: old } if old.id == entry.id),
                );
                // Only chapters are matched, so the head is the whole entry.
                if let Some(path) = working.find(&entry.id)
                    && let Some(target) = working.entry_mut(&path)
                {
                    *target = (**entry).clone();
                }
            }
            edits.push(edit);
        }
        reports.push(report);
    }
    if let Some(updates) = missing_updates(manual, &edits) {
        edits.insert(0, updates);
    }
    (edits, reports)
}

/// A chapter page read from a file, with the pictures that came inside it
/// (a Word document's).
#[derive(Debug, Clone, Default)]
pub struct PageFile {
    /// The file as named to the user.
    pub name: String,
    /// Its name without folder or extension (`young-carers`).
    pub stem: String,
    pub text: String,
    /// Each picture: the address the text shows it at
    /// ([`super::chapter_page::PAGE_PICTURE`] and the part) and its bytes.
    pub pictures: Vec<(String, Vec<u8>)>,
    pub notes: Vec<String>,
}

/// Pages read and matched: the edits, a report per page, and the files to
/// copy into the manual's folder first (the pictures of pages that filled
/// a chapter), each with its name in the folder.
#[derive(Debug, Default)]
pub struct PageImport {
    pub edits: Vec<Edit>,
    pub reports: Vec<PageReport>,
    pub files: Vec<(String, Vec<u8>)>,
}

/// Reads `pages` into `manual` as [`import_pages`] does, with their
/// pictures given names in the manual's files folder (`folder`, as links
/// write it); without a folder (a manual not yet saved) a picture is kept
/// as its description and the report says so.
pub fn import_page_files(
    manual: &Manual,
    pages: &[PageFile],
    folder: Option<&str>,
    replace: bool,
) -> PageImport {
    let mut texts = Vec::with_capacity(pages.len());
    let mut named: Vec<Vec<(String, Vec<u8>)>> = Vec::with_capacity(pages.len());
    let mut notes: Vec<Vec<String>> = Vec::with_capacity(pages.len());
    for page in pages {
        let mut text = page.text.clone();
        let mut page_notes = page.notes.clone();
        let mut files = Vec::new();
        for (address, bytes) in &page.pictures {
            match folder {
                Some(folder) => {
                    let name = picture_name(&page.stem, address, bytes);
                    let kept = format!("{}{folder}/{name}", super::chapter_page::PAGE_PICTURE);
                    text = text.replace(address.as_str(), &kept);
                    files.push((name, bytes.clone()));
                }
                None => {
                    text = text.replace(&format!("src=\"{address}\""), "src=\"\"");
                    let note = "pictures are copied into the folder beside the manual: \
                                save the manual, then import again to bring them in";
                    if !page_notes.iter().any(|n| n == note) {
                        page_notes.push(note.into());
                    }
                }
            }
        }
        texts.push((page.name.clone(), text));
        named.push(files);
        notes.push(page_notes);
    }
    let (edits, mut reports) = import_pages(manual, &texts, replace);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for ((report, page_files), page_notes) in reports.iter_mut().zip(named).zip(notes) {
        report.notes.extend(page_notes);
        if report.matched.is_some() {
            for file in page_files {
                if !files.iter().any(|(name, _)| *name == file.0) {
                    files.push(file);
                }
            }
        }
    }
    PageImport {
        edits,
        reports,
        files,
    }
}

/// A picture's name in the files folder: the page's name, the picture's
/// own and a short fingerprint of its bytes (`young-carers-image1-3f9a2c1b.png`),
/// so the same picture imported again is the same file and a different
/// one never overwrites it.
fn picture_name(stem: &str, address: &str, bytes: &[u8]) -> String {
    use std::hash::Hasher as _;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(bytes);
    let base = address.rsplit('/').next().unwrap_or(address);
    let (own, ext) = base.rsplit_once('.').unwrap_or((base, "png"));
    crate::model::files::clean_name(&format!(
        "{stem}-{own}-{:08x}.{ext}",
        hasher.finish() as u32
    ))
}

/// What becomes of a link in an imported body.
enum Relink {
    /// It goes to this chapter of the manual.
    Entry(EntryId),
    /// Only its words are kept (a link within the page that names no
    /// chapter).
    Words,
    Keep,
}

/// A title without the number before it ("4.8.1 Young Carers").
fn split_number_text(text: &str) -> &str {
    match text.split_once(' ') {
        Some((first, rest)) if first.chars().any(|c| c.is_ascii_digit()) && first.contains('.') => {
            rest.trim()
        }
        _ => text,
    }
}

/// `body` with each link as `relink` says (given its address and words).
fn rewrite_chapter_links(body: &str, relink: impl Fn(&str, &str) -> Relink) -> String {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut out = String::with_capacity(body.len());
    let mut last = 0;
    for (event, range) in Parser::new(body).into_offset_iter() {
        let Event::Start(Tag::Link { dest_url, .. }) = event else {
            continue;
        };
        if range.start < last {
            continue;
        }
        let source = &body[range.clone()];
        let Some(at) = source.rfind(&format!("]({dest_url}")) else {
            continue;
        };
        let words = source[..at].strip_prefix('[').unwrap_or(&source[..at]);
        match relink(&dest_url, words) {
            Relink::Keep => {}
            Relink::Entry(id) => {
                let start = range.start + at + 2;
                out.push_str(&body[last..start]);
                out.push_str(&format!("entry:{id}"));
                last = start + dest_url.len();
            }
            Relink::Words => {
                out.push_str(&body[last..range.start]);
                out.push_str(words);
                last = range.end;
            }
        }
    }
    out.push_str(&body[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_other_chapter_pages_become_entry_links() {
        let body = "See [Young Carers](https://x.example/chapters/young-carers.html) and \
                    [GOV.UK](https://www.gov.uk/x).";
        let out = rewrite_chapter_links(body, |href, _| {
            if href.contains("young-carers") {
                Relink::Entry(EntryId::new("young-carers-2"))
            } else {
                Relink::Keep
            }
        });
        assert_eq!(
            out,
            "See [Young Carers](entry:young-carers-2) and [GOV.UK](https://www.gov.uk/x)."
        );
        let out = rewrite_chapter_links("[Back to top](#top) of [it](#x).", |_, words| {
            if words == "it" {
                Relink::Entry(EntryId::new("it"))
            } else {
                Relink::Words
            }
        });
        assert_eq!(out, "Back to top of [it](entry:it).");
    }
}
