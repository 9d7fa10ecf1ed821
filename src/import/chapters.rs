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
        Ok(())
    }
}

/// Title key for matching: case, punctuation and a trailing "Procedure"
/// ignored.
fn title_key(title: &str) -> String {
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
    by_number: std::collections::HashMap<String, EntryId>,
    by_title: std::collections::HashMap<String, Vec<EntryId>>,
    by_slug: std::collections::HashMap<String, EntryId>,
}

impl Chapters {
    fn of(manual: &Manual) -> Self {
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

    fn by_title(&self, title: &str) -> Option<&EntryId> {
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
    let resolve = |title: &str, url: &Option<String>| -> SeeAlso {
        let by_link = url.as_deref().and_then(|u| chapters.by_address(u));
        match by_link.or_else(|| chapters.by_title(title)) {
            Some(id) if *id != head.id => SeeAlso::internal(id.clone()),
            _ => SeeAlso::external(
                title,
                url.clone().filter(|u| crate::model::is_allowed_url(u)),
                None,
            ),
        }
    };
    let mut links: Vec<SeeAlso> = page
        .related
        .iter()
        .map(|(title, url)| resolve(title, url))
        .collect();
    links.extend(page.guidance.iter().map(|(title, url)| {
        SeeAlso::external(
            title,
            url.clone().filter(|u| crate::model::is_allowed_url(u)),
            None,
        )
    }));
    let mut body = rewrite_chapter_links(&page.body, |href| {
        chapters.by_address(href).map(|id| format!("entry:{id}"))
    });
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
                update: String::new(),
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
    (edits, reports)
}

/// `body` with each link whose address `to_entry` recognises pointed at
/// that entry instead.
fn rewrite_chapter_links(body: &str, to_entry: impl Fn(&str) -> Option<String>) -> String {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut out = String::with_capacity(body.len());
    let mut last = 0;
    for (event, range) in Parser::new(body).into_offset_iter() {
        let Event::Start(Tag::Link { dest_url, .. }) = event else {
            continue;
        };
        let Some(target) = to_entry(&dest_url) else {
            continue;
        };
        let source = &body[range.clone()];
        let Some(at) = source.rfind(&format!("]({dest_url}")) else {
            continue;
        };
        let start = range.start + at + 2;
        if start < last {
            continue;
        }
        out.push_str(&body[last..start]);
        out.push_str(&target);
        last = start + dest_url.len();
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
        let out = rewrite_chapter_links(body, |href| {
            href.contains("young-carers")
                .then(|| "entry:young-carers-2".to_string())
        });
        assert_eq!(
            out,
            "See [Young Carers](entry:young-carers-2) and [GOV.UK](https://www.gov.uk/x)."
        );
    }
}
