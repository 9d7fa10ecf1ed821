//! Importing a contents list copied from a published manual (an FOI answer's
//! markdown-ish text, a plain text list, or a web page's text) into a manual.
//!
//! Two passes: [`lines::classify`] says what each line is on its own, then
//! `build` places the lines in a tree by their written numbers and their
//! layout. Finally ids are made, see-also titles are resolved to chapters of
//! the same manual, and written numbers are checked against derived ones.

pub mod amendments;
mod build;
mod chapter_page;
pub mod chapters;
pub mod docx;
pub mod lines;
mod markup;
mod nesting;
mod numbers;
mod part_headings;
mod report;
pub mod response;
pub mod word_manual;

use std::collections::HashMap;

use crate::model::{
    Badge, Chapter, Entry, EntryId, EntryKind, IdAllocator, Manual, Section, SeeAlso,
};

use build::{Node, Tree};
pub use report::{ImportReport, NumberMismatch, ReportLine};

/// The amendment note made from a date the contents list gave a chapter.
pub const LAST_UPDATED: &str = "Last updated (date from the published contents).";

/// The text of a contents file: UTF-8 (a byte-order mark is dropped),
/// UTF-16 with a byte-order mark, or else Windows-1252 (what Notepad saves
/// as "ANSI"). Also says which it was.
/// Control characters other than line breaks and tabs are dropped: a page
/// may carry terminal escape sequences that no title should keep.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let (text, encoding) = if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        (text, encoding.name())
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => (std::borrow::Cow::Borrowed(text), "UTF-8"),
            Err(_) => {
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                (text, encoding_rs::WINDOWS_1252.name())
            }
        }
    };
    (without_controls(&text), encoding)
}

/// Reads a file to import (a contents list, a chapter page, an
/// amendments page): a regular file of at most 64 MB, never a device or a
/// FIFO, decoded as [`decode`] does.
pub fn read_source(path: &std::path::Path) -> Result<(String, &'static str), String> {
    use crate::store::read::{Links, read_regular};
    let limit = crate::store::format::MAX_FILE_BYTES;
    let bytes = read_regular(path, limit, Links::Follow)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    if let Some(why) = not_text(&bytes) {
        return Err(format!("{}: {why}; nothing was read", path.display()));
    }
    // A Word document gives its text, a paragraph (or list item) a line.
    if docx::is_docx(&bytes) {
        let html = docx::to_html(&bytes).map_err(|error| format!("{}: {error}", path.display()))?;
        return Ok((docx::html_lines(&html), "Word document"));
    }
    Ok(decode(&bytes))
}

/// Why `bytes` are no text to import (a PDF, a picture, a program), or
/// `None`: NUL bytes outside UTF-16, or many control bytes, are refused at
/// once rather than read as lines of garbage.
fn not_text(bytes: &[u8]) -> Option<String> {
    if docx::is_docx(bytes) || encoding_rs::Encoding::for_bom(bytes).is_some() {
        return None;
    }
    if bytes.starts_with(b"%PDF") {
        return Some(
            "this is a PDF, not text: copy its text into a .txt file, or save the web page \
             as HTML"
                .into(),
        );
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let nul = memchr::memchr(0, head).is_some();
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if nul || controls * 20 > head.len() {
        return Some(format!(
            "this is not text ({}): is it a contents list? Save the page as text or HTML",
            if nul {
                "it holds NUL bytes, as programs, pictures and archives do".to_string()
            } else {
                format!(
                    "{}% of its bytes are control codes",
                    controls * 100 / head.len().max(1)
                )
            }
        ));
    }
    None
}

/// A chapter page to read: as [`read_source`], but a Word document is
/// read as a page, its structure (headings, lists, links) as simple HTML,
/// with its pictures.
pub fn read_page(path: &std::path::Path) -> Result<chapters::PageFile, String> {
    use crate::store::read::{Links, read_regular};
    let limit = crate::store::format::MAX_FILE_BYTES;
    let bytes = read_regular(path, limit, Links::Follow)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    if let Some(why) = not_text(&bytes) {
        return Err(format!("{}: {why}; nothing was read", path.display()));
    }
    let name = path.display().to_string();
    let stem = path
        .file_stem()
        .map_or_else(|| "page".into(), |s| s.to_string_lossy().into_owned());
    if docx::is_docx(&bytes) {
        let document = docx::read(&bytes, docx::Changes::Accepted)
            .map_err(|error| format!("{}: {error}", path.display()))?;
        let pictures = document
            .pictures
            .into_iter()
            .map(|(part, bytes)| (format!("{}{part}", chapter_page::PAGE_PICTURE), bytes))
            .collect();
        return Ok(chapters::PageFile {
            name,
            stem,
            text: document.html,
            pictures,
            notes: document.notes,
        });
    }
    Ok(chapters::PageFile {
        name,
        stem,
        text: decode(&bytes).0,
        ..Default::default()
    })
}

/// `text` without control characters (ESC, BEL, NUL …) other than line
/// breaks and tabs.
pub fn without_controls(text: &str) -> String {
    text.chars()
        .filter(|&c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
        .collect()
}

/// What the text may not say for itself.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The manual's title; found in the text when it names a "... Manual".
    pub title: Option<String>,
    /// The authority; taken from the title, or from `file_stem`.
    pub authority: Option<String>,
    /// The source file's name without extension, e.g. `wandsworth-contents`.
    pub file_stem: Option<String>,
}

/// Imports a contents list. Never fails: what it cannot place is kept as a
/// note and listed in the report.
pub fn import_text(text: &str, options: &ImportOptions) -> (Manual, ImportReport) {
    import_lines(text, options, false)
}

/// [`import_text`] for contents made from a document's headings, where a
/// numbered line is an entry as numbered: a chapter `4.2` followed by
/// chapters `4.3.1`… stays chapter 4.2 (a contents list's heading there is
/// taken to be section 4.3 misnumbered).
pub(super) fn import_headings(text: &str, options: &ImportOptions) -> (Manual, ImportReport) {
    import_lines(text, options, true)
}

fn import_lines(
    text: &str,
    options: &ImportOptions,
    numbers_as_written: bool,
) -> (Manual, ImportReport) {
    // A byte-order mark left at the start is not part of the first line.
    let text = without_controls(text.strip_prefix('\u{feff}').unwrap_or(text));
    let text = text.as_str();
    let mut lines: Vec<lines::Line> = text
        .lines()
        .enumerate()
        .map(|(i, raw)| lines::classify(i + 1, raw))
        .collect();
    lines::settle(&mut lines);
    part_headings::settle(&mut lines);
    let mut report = ImportReport {
        lines_with_text: lines
            .iter()
            .filter(|l| l.kind != lines::LineKind::Blank)
            .count(),
        ..ImportReport::default()
    };
    let tree = build::build(&lines, &mut report, numbers_as_written);
    let amendments = amendments::parse(text);
    report.is_amendments_page = amendments.update.is_some() && !amendments.rows.is_empty();
    let mut manual = assemble(&tree, options, &mut report);
    check_numbers(&tree, &manual, &mut report);
    report.repeated_titles = repeated_titles(&tree);
    check_quick_links(&tree, &manual, &mut report);
    // The published badges become the manual's current update, named by
    // the list's date when it says one.
    manual.migrate_badges();
    date_badges(&mut manual);
    let imported = crate::model::IMPORTED_UPDATE;
    if manual.updates.iter().any(|u| u.label == imported) {
        let dated = list_date(text).and_then(|(label, date)| {
            let renamed = manual.with_update_renamed(imported, &label, &date).ok()?;
            Some((label, renamed))
        });
        report.badges_update = Some(match dated {
            Some((label, renamed)) => {
                manual = renamed;
                (label, true)
            }
            None => (imported.to_string(), false),
        });
    }
    (manual, report)
}

/// Dated badges ("Updated March 2016", "New January 2024") belong to the
/// update of their month, made in date order by the migration; "As
/// published" keeps only the badges the list gave no date (and goes when
/// none are left).
fn date_badges(manual: &mut Manual) {
    let imported = crate::model::IMPORTED_UPDATE;
    let mut paths = Vec::new();
    manual.walk(|path, entry, _| {
        if entry.chapter_details().is_some() {
            paths.push(path.to_vec());
        }
    });
    for path in paths {
        let Some(chapter) = manual
            .entry_mut(&path)
            .and_then(|e| e.chapter_details_mut())
        else {
            continue;
        };
        let Some(dated) = chapter
            .amendments
            .iter()
            .position(|a| a.text == LAST_UPDATED && !a.date.is_empty())
        else {
            continue;
        };
        let month: String = chapter.amendments[dated].date.chars().take(7).collect();
        let label = crate::model::month_label(&month);
        if chapter.added_in.as_deref() == Some(imported) {
            // New then: the date is when it was added, not an amendment.
            chapter.added_in = Some(label);
            chapter.amendments.remove(dated);
        } else if chapter.amendments[dated].update == imported {
            chapter.amendments[dated].update = label;
        }
    }
    let mut used = false;
    manual.walk(|_, entry, _| {
        if let Some(chapter) = entry.chapter_details() {
            used |= chapter.added_in.as_deref() == Some(imported)
                || chapter.amendments.iter().any(|a| a.update == imported);
        }
    });
    if !used {
        manual.updates.retain(|u| u.label != imported);
    }
}

/// How many chapters share a title, when three or more do: a line the
/// list repeated (warned about once, with the count and the first line).
fn repeated_titles(tree: &Tree) -> Vec<(String, usize, usize)> {
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for node in tree.nodes.iter().skip(1) {
        if node.is_section() || node.title.trim().is_empty() {
            continue;
        }
        match seen.get(node.title.as_str()) {
            Some(&at) => counts[at].1 += 1,
            None => {
                seen.insert(&node.title, counts.len());
                counts.push((node.title.clone(), 1, node.line_no));
            }
        }
    }
    counts.retain(|(_, n, _)| *n >= 3);
    counts
}

/// The date a contents list says it was last updated ("Last updated: 12
/// March 2024", "This manual was updated in March 2024"), as an update's
/// label and date ("March 2024", "2024-03"). A chapter's own dated badge
/// ("Updated March 2016") is not the list's date.
fn list_date(text: &str) -> Option<(String, String)> {
    use crate::model::date::month_number;
    text.lines().find_map(|line| {
        let lower = line.trim().to_lowercase();
        let at = [
            "last updated",
            "was updated",
            "manual updated",
            "contents updated",
        ]
        .iter()
        .find_map(|phrase| lower.find(phrase).map(|i| i + phrase.len()))?;
        let words: Vec<&str> = lower[at..]
            .split(|c: char| c.is_whitespace() || c == ':' || c == ',')
            .filter(|w| !w.is_empty() && *w != "in" && *w != "on")
            .collect();
        let (month, year) = match words.as_slice() {
            [day, month, year, ..]
                if day
                    .trim_end_matches(|c: char| c.is_alphabetic())
                    .parse::<u8>()
                    .is_ok() =>
            {
                (*month, *year)
            }
            [month, year, ..] => (*month, *year),
            _ => return None,
        };
        let number = month_number(month)?;
        let year: u16 = year.trim_end_matches('.').parse().ok()?;
        if !(1990..=2100).contains(&year) {
            return None;
        }
        let date = format!("{year}-{number:02}");
        Some((crate::model::month_label(&date), date))
    })
}

fn authority_from(title: Option<&str>, file_stem: Option<&str>) -> Option<String> {
    if let Some(title) = title {
        let words: Vec<&str> = title
            .split_whitespace()
            .take_while(|w| {
                let lower = w.to_lowercase();
                !lower.starts_with("children")
                    && !matches!(
                        lower.as_str(),
                        "council" | "procedures" | "procedure" | "manual"
                    )
            })
            .collect();
        if !words.is_empty() {
            return Some(words.join(" "));
        }
    }
    let stem = file_stem?;
    let first = stem.split(['-', '_', ' ']).next()?;
    let mut chars = first.chars();
    let head = chars.next()?;
    Some(head.to_uppercase().chain(chars).collect())
}

/// Lowercased, with typographic apostrophes and spacing folded, for matching
/// see-also titles to chapter titles.
fn match_key(title: &str) -> String {
    lines::clean_spaces(&title.replace(['’', '‘'], "'"))
        .trim_end_matches(['.', ' '])
        .to_lowercase()
}

fn assemble(tree: &Tree, options: &ImportOptions, report: &mut ImportReport) -> Manual {
    let title = options.title.clone().or_else(|| tree.title.clone());
    let authority = options
        .authority
        .clone()
        .or_else(|| authority_from(title.as_deref(), options.file_stem.as_deref()))
        .unwrap_or_default();
    let title = title.unwrap_or_else(|| {
        format!("{authority} Children's Services Procedures Manual")
            .trim()
            .to_string()
    });

    // Ids in document order, so the same text always gives the same ids.
    let mut allocator = IdAllocator::default();
    let mut ids: Vec<EntryId> = vec![EntryId::default(); tree.nodes.len()];
    let mut order = Vec::with_capacity(tree.nodes.len());
    depth_first(tree, 0, &mut order);
    for &node in &order {
        ids[node] = allocator.allocate(&tree.nodes[node].title);
    }
    let mut chapters_by_title: HashMap<String, Vec<usize>> = HashMap::new();
    for &node in &order {
        if !tree.nodes[node].is_section() {
            chapters_by_title
                .entry(match_key(&tree.nodes[node].title))
                .or_default()
                .push(node);
        }
    }

    let context = Context {
        tree,
        ids: &ids,
        chapters_by_title: &chapters_by_title,
    };
    let mut manual = Manual::new(title, authority);
    manual.notes = tree.notes.clone();
    manual.entries = tree.nodes[0]
        .children
        .iter()
        .map(|&c| context.entry(c, report))
        .collect();
    count(&manual, report);
    manual
}

fn depth_first(tree: &Tree, node: usize, order: &mut Vec<usize>) {
    for &child in &tree.nodes[node].children {
        order.push(child);
        depth_first(tree, child, order);
    }
}

struct Context<'a> {
    tree: &'a Tree,
    ids: &'a [EntryId],
    chapters_by_title: &'a HashMap<String, Vec<usize>>,
}

impl Context<'_> {
    fn entry(&self, index: usize, report: &mut ImportReport) -> Entry {
        let node: &Node = &self.tree.nodes[index];
        let see_also = node
            .see_also
            .iter()
            .map(|link| self.resolve(index, link, report))
            .collect();
        let kind = if node.is_section() {
            let children = node
                .children
                .iter()
                .map(|&c| self.entry(c, report))
                .collect();
            EntryKind::Section(Section { children })
        } else {
            EntryKind::Chapter(Chapter {
                legacy_badge: node.badge,
                source: node.source.clone(),
                applies_to: node.applies_to.clone(),
                // The list's "last updated" date, outside any update.
                amendments: node
                    .last_updated
                    .iter()
                    .map(|date| crate::model::Amendment {
                        date: date.clone(),
                        text: LAST_UPDATED.into(),
                        update: String::new(),
                        draft: false,
                    })
                    .collect(),
                ..Chapter::default()
            })
        };
        let mut notes = node.notes.clone();
        if node.is_section()
            && let Some(source) = &node.source
        {
            notes.push(format!("({source})"));
        }
        Entry {
            id: self.ids[index].clone(),
            title: node.title.clone(),
            numbered: node.numbered,
            see_also,
            notes,
            kind,
        }
    }

    /// An internal link when the title names a chapter of this manual (with
    /// the same source, if the line gives one); an external one otherwise.
    fn resolve(&self, from: usize, link: &lines::RawLink, report: &mut ImportReport) -> SeeAlso {
        let candidates: Vec<usize> = self
            .chapters_by_title
            .get(&match_key(&link.title))
            .map(|list| {
                list.iter()
                    .copied()
                    .filter(|&c| {
                        c != from
                            && (link.source.is_none() || self.tree.nodes[c].source == link.source)
                    })
                    .collect()
            })
            .unwrap_or_default();
        match candidates.as_slice() {
            [] => SeeAlso::external(link.title.clone(), None, link.source.clone()),
            [only] => SeeAlso::internal(self.ids[*only].clone()),
            [first, ..] => {
                report.ambiguous_links.push(ReportLine {
                    line_no: self.tree.nodes[from].line_no,
                    text: link.title.clone(),
                    reason: format!("matches {} chapters; linked to the first", candidates.len()),
                });
                SeeAlso::internal(self.ids[*first].clone())
            }
        }
    }
}

fn count(manual: &Manual, report: &mut ImportReport) {
    manual.walk(|path, entry, _| {
        match &entry.kind {
            EntryKind::Section(_) if path.len() == 1 => report.parts += 1,
            EntryKind::Section(_) => report.sections += 1,
            EntryKind::Chapter(chapter) => {
                report.chapters += 1;
                match chapter.legacy_badge {
                    Badge::New => report.new_badges += 1,
                    Badge::Updated => report.updated_badges += 1,
                    Badge::None => {}
                }
            }
        }
        report.unnumbered += usize::from(!entry.numbered);
        for item in &entry.see_also {
            match item {
                SeeAlso::Internal { .. } => report.links_internal += 1,
                SeeAlso::External { .. } => report.links_external += 1,
            }
        }
    });
}

/// Compares every written number with the derived one, and lists empty titles.
fn check_numbers(tree: &Tree, manual: &Manual, report: &mut ImportReport) {
    let mut order = Vec::new();
    depth_first(tree, 0, &mut order);
    let mut derived = Vec::with_capacity(order.len());
    manual.walk(|_, _, number| derived.push(number.cloned()));
    for (&node, derived) in order.iter().zip(derived) {
        let node = &tree.nodes[node];
        let shown = |n: Option<&crate::model::SectionNumber>| {
            n.map_or("(none)".to_string(), |n| n.to_string())
        };
        if node.written_number.is_some() && node.written_number != derived {
            report.number_mismatches.push(NumberMismatch {
                line_no: node.line_no,
                written: shown(node.written_number.as_ref()),
                derived: shown(derived.as_ref()),
                title: node.title.clone(),
            });
        }
        if node.title.trim().is_empty() {
            report.empty_titles.push(ReportLine {
                line_no: node.line_no,
                text: shown(derived.as_ref()),
                reason: "the contents list gives this number no title".into(),
            });
        }
    }
}

fn check_quick_links(tree: &Tree, manual: &Manual, report: &mut ImportReport) {
    for (number, title) in &tree.quick_links {
        let part = number.0.first().and_then(|n| {
            manual
                .entries
                .iter()
                .filter(|e| e.numbered)
                .nth((*n as usize).checked_sub(1)?)
        });
        if part.is_none_or(|p| match_key(&p.title) != match_key(title)) {
            report.quick_link_mismatches.push(format!(
                "{number}. {title} names no part with that number and title"
            ));
        }
    }
}

#[cfg(test)]
mod control_tests {
    use super::*;

    #[test]
    fn terminal_escapes_never_reach_a_title() {
        let page = "1. Part\u{1b}]0;owned\u{7}\n1.1 Section\u{1b}[2J\n1.1.1 Chapter\u{0}\n";
        let (text, _) = decode(page.as_bytes());
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        let (manual, _) = import_text(page, &ImportOptions::default());
        let mut titles = Vec::new();
        manual.walk(|_, entry, _| titles.push(entry.title.clone()));
        assert!(titles.iter().any(|t| t.contains("Chapter")), "{titles:?}");
        assert!(
            titles.iter().all(|t| !t.chars().any(char::is_control)),
            "{titles:?}"
        );
    }
}
