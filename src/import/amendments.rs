//! Reading a published Amendments page into the manual's update cycles: a
//! cycle heading ("April 2024"), then rows of chapter name and details
//! under "Updated chapters" / "New chapters". Each row is matched to a
//! chapter by its title; rows that match none are reported.

use std::fmt;

use super::lines::{clean_spaces, strip_markup};
use super::match_key;
use crate::edit::Edit;
use crate::model::{Amendment, EntryId, Manual, Update};

/// Which table a row was in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Updated,
    New,
}

/// One row of an Amendments page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line_no: usize,
    pub kind: RowKind,
    pub title: String,
    pub details: String,
}

/// What a page says: its cycle and its rows, and the lines it could not
/// read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AmendmentsPage {
    /// "April 2024" and `2024-04`.
    pub update: Option<(String, String)>,
    pub rows: Vec<Row>,
    /// Lines that are neither a heading, a table row nor page furniture.
    pub not_understood: Vec<(usize, String)>,
}

/// What applying a page did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AmendmentsReport {
    pub update: String,
    pub update_added: bool,
    pub updated: usize,
    pub added: usize,
    /// Rows already recorded (nothing to do).
    pub already: usize,
    /// Rows whose title names no chapter, or more than one.
    pub unmatched: Vec<(usize, String, String)>,
    pub not_understood: Vec<(usize, String)>,
}

impl AmendmentsReport {
    pub fn is_clean(&self) -> bool {
        self.unmatched.is_empty() && self.not_understood.is_empty()
    }
}

impl fmt::Display for AmendmentsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "update {}{}: {} chapters updated, {} new, {} already recorded",
            self.update,
            if self.update_added { " (added)" } else { "" },
            self.updated,
            self.added,
            self.already
        )?;
        writeln!(f, "rows matching no chapter: {}", self.unmatched.len())?;
        for (line, title, why) in &self.unmatched {
            writeln!(f, "  line {line}: {title} -- {why}")?;
        }
        writeln!(f, "lines not understood: {}", self.not_understood.len())?;
        for (line, text) in &self.not_understood {
            writeln!(f, "  line {line}: {text}")?;
        }
        Ok(())
    }
}

/// "April 2024" → ("April 2024", "2024-04"); "Sept 2024" and "SEP 2024"
/// are September 2024.
fn cycle_heading(text: &str) -> Option<(String, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let [month, year] = words.as_slice() else {
        return None;
    };
    let number = crate::model::date::month_number(month)?;
    let is_year = year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit());
    if !is_year {
        return None;
    }
    let date = crate::model::date::iso_month(year.parse().ok()?, number)?;
    let name = crate::model::date::MONTHS[usize::try_from(number - 1).ok()?];
    Some((format!("{name} {year}"), date))
}

/// A table row's cells: `| a | b |`, tab-separated, or two spaces apart.
fn cells(line: &str) -> Vec<String> {
    let trimmed = line.trim();
    let pieces: Vec<&str> = if trimmed.contains('|') {
        trimmed.trim_matches('|').split('|').collect()
    } else if trimmed.contains('\t') {
        trimmed.split('\t').collect()
    } else {
        trimmed.split("  ").collect()
    };
    pieces
        .into_iter()
        .map(|cell| clean_spaces(&strip_markup(cell).0))
        .filter(|cell| !cell.is_empty())
        .collect()
}

/// Reads an Amendments page's text.
pub fn parse(text: &str) -> AmendmentsPage {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut page = AmendmentsPage::default();
    let mut kind: Option<RowKind> = None;
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let plain = clean_spaces(&strip_markup(raw.trim().trim_start_matches('#')).0);
        let lower = plain.to_lowercase();
        if plain.is_empty() || super::lines::is_furniture(&plain) || lower == "amendments" {
            continue;
        }
        if let Some(cycle) = cycle_heading(&plain) {
            if page.update.is_none() {
                page.update = Some(cycle);
            } else {
                page.not_understood.push((
                    line_no,
                    format!("{plain} (a second update: import one page per update)"),
                ));
            }
            kind = None;
            continue;
        }
        if lower.contains("chapter") && !raw.contains('|') && !raw.contains('\t') {
            if lower.starts_with("updated") || lower.starts_with("amended") {
                kind = Some(RowKind::Updated);
                continue;
            }
            if lower.starts_with("new") || lower.starts_with("added") {
                kind = Some(RowKind::New);
                continue;
            }
        }
        let row = cells(raw);
        let is_header = row.first().is_some_and(|c| {
            matches!(
                c.to_lowercase().as_str(),
                "chapter"
                    | "chapter name"
                    | "title"
                    | "chapter name details"
                    | "chapter details"
                    | "title details"
            )
        }) || row
            .iter()
            .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')));
        match (kind, row.as_slice()) {
            (_, _) if is_header => {}
            (Some(kind), [title, details, ..]) => page.rows.push(Row {
                line_no,
                kind,
                title: title.clone(),
                details: details.clone(),
            }),
            (Some(kind), [title]) => page.rows.push(Row {
                line_no,
                kind,
                title: title.clone(),
                details: String::new(),
            }),
            _ => page.not_understood.push((line_no, plain)),
        }
    }
    page
}

/// The longest of `titles` (match keys, longest first) that starts `row`
/// as whole words, and the rest of the row: its details. A row copied from
/// a browser's table reads "Confidentiality Policy Links have been
/// updated." with no separator left between its cells.
fn title_starting<'a>(row: &str, titles: &[&'a String]) -> Option<(&'a String, String)> {
    let key = match_key(row);
    let title = titles.iter().find(|title| {
        key.starts_with(title.as_str())
            && key[title.len()..]
                .chars()
                .next()
                .is_none_or(|c| c == ' ' || c == ':' || c == '-' || c == '–')
    })?;
    let rest: String = row.chars().skip(title.chars().count()).collect();
    let rest = rest
        .trim_start_matches([' ', ':', '-', '–'])
        .trim()
        .to_string();
    Some((title, rest))
}

/// The edits that record `page` in `manual` (one undo step): its update
/// cycle (added in date order when the manual lacks it), an amendment for
/// each updated chapter and `added_in` for each new one. `None` when the
/// page names no update.
pub fn edits(manual: &Manual, page: &AmendmentsPage) -> Option<(Vec<Edit>, AmendmentsReport)> {
    let (label, date) = page.update.clone()?;
    let mut report = AmendmentsReport {
        update: label.clone(),
        not_understood: page.not_understood.clone(),
        ..AmendmentsReport::default()
    };
    let mut edits = Vec::new();
    if !manual.updates.iter().any(|u| u.label == label) {
        let mut updates = manual.updates.clone();
        let at = updates
            .iter()
            .position(|u| !u.published || (!u.date.is_empty() && u.date > date))
            .unwrap_or(updates.len());
        updates.insert(
            at,
            Update {
                label: label.clone(),
                date: date.clone(),
                published: true,
                ..Default::default()
            },
        );
        edits.push(Edit::SetUpdates { updates });
        report.update_added = true;
    }
    let mut by_title: std::collections::HashMap<String, Vec<EntryId>> = Default::default();
    manual.walk(|_, entry, _| {
        if !entry.is_section() {
            by_title
                .entry(match_key(&entry.title))
                .or_default()
                .push(entry.id.clone());
        }
    });
    // Longest titles first, for rows copied from a browser with only
    // spaces between title and details.
    let mut titles: Vec<&String> = by_title.keys().collect();
    titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let mut heads: Vec<crate::model::Entry> = Vec::new();
    for row in &page.rows {
        let mut found = by_title
            .get(&match_key(&row.title))
            .map_or(&[][..], Vec::as_slice);
        let mut details = row.details.clone();
        if found.is_empty()
            && row.details.is_empty()
            && let Some((title, rest)) = title_starting(&row.title, &titles)
        {
            found = by_title.get(title).map_or(&[][..], Vec::as_slice);
            details = rest;
        }
        let id = match found {
            [id] => id,
            [] => {
                let why = "no chapter has this title".to_string();
                report.unmatched.push((row.line_no, row.title.clone(), why));
                continue;
            }
            more => {
                let why = format!("{} chapters have this title", more.len());
                report.unmatched.push((row.line_no, row.title.clone(), why));
                continue;
            }
        };
        let position = heads.iter().position(|h| &h.id == id);
        let head = match position {
            Some(i) => &mut heads[i],
            None => {
                let Some(entry) = manual.find(id).and_then(|p| manual.entry(&p)) else {
                    continue;
                };
                heads.push(entry.clone_head());
                let last = heads.len() - 1;
                &mut heads[last]
            }
        };
        let Some(chapter) = head.chapter_details_mut() else {
            continue;
        };
        match row.kind {
            RowKind::New if chapter.added_in.as_deref() == Some(label.as_str()) => {
                report.already += 1;
            }
            RowKind::New => {
                chapter.added_in = Some(label.clone());
                report.added += 1;
            }
            RowKind::Updated => {
                let text = if details.is_empty() {
                    crate::model::NO_DETAILS.to_string()
                } else {
                    details.clone()
                };
                let known = chapter
                    .amendments
                    .iter()
                    .any(|a| a.update == label && a.text == text);
                if known {
                    report.already += 1;
                } else {
                    chapter.amendments.insert(
                        0,
                        Amendment {
                            date: date.clone(),
                            text,
                            update: label.clone(),
                            draft: false,
                        },
                    );
                    report.updated += 1;
                }
            }
        }
    }
    // Only the chapters that changed: a page already recorded is no step.
    let changed = heads.into_iter().filter(|head| {
        manual
            .find(&head.id)
            .and_then(|p| manual.entry(&p))
            .is_none_or(|entry| entry.clone_head() != *head)
    });
    edits.extend(changed.map(|entry| Edit::UpdateEntry {
        entry: Box::new(entry),
    }));
    Some((edits, report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_update_heading_may_name_its_month_short() {
        for text in ["September 2024", "Sept 2024", "SEP 2024", "sep 2024"] {
            assert_eq!(
                cycle_heading(text),
                Some(("September 2024".to_string(), "2024-09".to_string())),
                "{text}"
            );
        }
        assert_eq!(cycle_heading("Mayor 2024"), None);
        assert_eq!(cycle_heading("May 24"), None);
    }

    const PAGE: &str = "Skip to content\n\
        # Amendments\n\
        April 2024\n\
        Updated chapters\n\
        | Chapter name | Details |\n\
        |---|---|\n\
        | Confidentiality Policy | Links have been updated. |\n\
        | Supervision Policy | Section 3 was revised. |\n\
        | Retired Chapter | Removed. |\n\
        New chapters\n\
        Young Carers\tThis chapter was added.\n\
        Privacy notice\n";

    #[test]
    fn rows_copied_with_spaces_match_the_longest_title_that_starts_them() {
        let manual = crate::store::format::stockport_sample();
        let page = "Amendments\nApril 2024\nUpdated chapters\nChapter Name Details\n\
                    Confidentiality Policy Links have been updated.\n\
                    Young Carers This chapter was refreshed throughout.\n\
                    Section 47 Enquires Section 3 was added.\n";
        let parsed = parse(page);
        assert_eq!(parsed.rows.len(), 3, "{:?}", parsed.not_understood);
        let (_, report) = super::edits(&manual, &parsed).unwrap();
        assert_eq!(report.updated, 3, "{:?}", report.unmatched);
        assert!(report.unmatched.is_empty(), "{:?}", report.unmatched);
        let (edits, _) = super::edits(&manual, &parsed).unwrap();
        let mut changed = manual.clone();
        for edit in edits {
            edit.apply(&mut changed).unwrap();
        }
        let path = changed
            .find(&EntryId::new("confidentiality-policy"))
            .unwrap();
        let chapter = changed.entry(&path).unwrap().chapter_details().unwrap();
        assert_eq!(chapter.amendments[0].text, "Links have been updated.");
    }

    #[test]
    fn a_page_is_read_into_its_cycle_and_rows() {
        let page = parse(PAGE);
        assert_eq!(page.update, Some(("April 2024".into(), "2024-04".into())));
        assert_eq!(page.rows.len(), 4);
        assert_eq!(page.rows[0].title, "Confidentiality Policy");
        assert_eq!(page.rows[0].details, "Links have been updated.");
        assert_eq!(page.rows[3].kind, RowKind::New);
        assert!(page.not_understood.is_empty(), "{:?}", page.not_understood);
    }

    #[test]
    fn applying_a_page_records_amendments_and_additions_and_names_the_rest() {
        let mut manual = crate::store::format::stockport_sample();
        let (made, report) = super::edits(&manual, &parse(PAGE)).unwrap();
        assert!(report.update_added);
        assert_eq!((report.updated, report.added), (2, 1));
        assert_eq!(report.unmatched.len(), 1);
        assert_eq!(report.unmatched[0].1, "Retired Chapter");
        let mut history = crate::edit::history::History::new_saved();
        history.apply(&mut manual, made, None, 0.0).unwrap();
        let april = manual.updates.iter().position(|u| u.label == "April 2024");
        let published = manual
            .updates
            .iter()
            .position(|u| u.label == "As published");
        assert!(april.is_some() && published.is_some());
        let path = manual
            .find(&EntryId::new("confidentiality-policy"))
            .unwrap();
        let chapter = manual.entry(&path).unwrap().chapter_details().unwrap();
        assert_eq!(chapter.amendments[0].text, "Links have been updated.");
        assert_eq!(chapter.amendments[0].update, "April 2024");
        // A second run finds it all recorded.
        let (again, report) = super::edits(&manual, &parse(PAGE)).unwrap();
        assert_eq!(report.already, 3);
        assert!(again.is_empty(), "{again:?}");
    }
}
