//! Update cycles: a manual is republished in updates ("April 2024",
//! "October 2024"). Each amendment note belongs to one; a chapter records
//! the update it was added in. Badges are derived from them, never stored:
//! New when a chapter was added in the current update, Updated when it has
//! an amendment in it. The current update is the open one, or the latest
//! published one when none is open.

use serde::{Deserialize, Serialize};

use super::{Amendment, Badge, Entry, EntryKind, Manual};

/// One update cycle.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Update {
    /// How readers know it: "April 2024".
    pub label: String,
    /// `YYYY-MM` or `YYYY-MM-DD`; may be empty for an imported update.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// Published updates are closed; at most one update is open.
    #[serde(default, skip_serializing_if = "is_false")]
    pub published: bool,
    /// The chapters approved in this update (see [`super::sign_off`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approvals: Vec<super::Approval>,
    /// Published without every change approved: the reason given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub without_sign_off: Option<String>,
    /// The copy of the manual as published, in `NAME.versions/`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<String>,
    /// A fingerprint of that copy's text as written, so a copy edited by
    /// hand afterwards is found out (`check`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived_hash: Option<String>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A chapter deleted during an update, as the Amendments page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Removal {
    /// Its number when it was deleted.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    pub title: String,
    /// The label of the update it was removed in.
    pub update: String,
}

/// The update that format-1 badges become when such a file is read.
pub const IMPORTED_UPDATE: &str = "As published";
/// The note an Updated chapter without any amendment gets on import.
pub const NO_DETAILS: &str = "Updated (no details recorded)";

/// Why an update could not be started.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UpdateError {
    #[error("an update needs a label, such as \"April 2025\"")]
    EmptyLabel,
    #[error("there is already an update called \"{0}\"")]
    DuplicateLabel(String),
    #[error("the date '{0}' is not YYYY-MM or YYYY-MM-DD")]
    BadDate(String),
    #[error("the manual has no update called \"{0}\"")]
    NoSuchUpdate(String),
}

impl Manual {
    /// The manual with the update `old` called `label` and dated `date`
    /// everywhere it is named (its notes, the chapters it added, the
    /// chapters it removed): what Edit > Updates… and `update rename` do,
    /// applied as one edit. An imported update called "As published"
    /// gets the list's real name this way.
    pub fn with_update_renamed(
        &self,
        old: &str,
        label: &str,
        date: &str,
    ) -> Result<Manual, UpdateError> {
        let label = label.trim();
        let date = date.trim();
        if label.is_empty() {
            return Err(UpdateError::EmptyLabel);
        }
        if label != old && self.updates.iter().any(|u| u.label == label) {
            return Err(UpdateError::DuplicateLabel(label.to_string()));
        }
        if !date.is_empty() && !super::is_iso_date(date) {
            return Err(UpdateError::BadDate(date.to_string()));
        }
        let Some(at) = self.updates.iter().position(|u| u.label == old) else {
            return Err(UpdateError::NoSuchUpdate(old.to_string()));
        };
        let mut manual = self.clone();
        manual.updates[at].label = label.to_string();
        manual.updates[at].date = date.to_string();
        let rename = |name: &mut String| {
            if name == old {
                *name = label.to_string();
            }
        };
        walk_chapters(&mut manual.entries, &mut |chapter| {
            for amendment in &mut chapter.amendments {
                rename(&mut amendment.update);
            }
            if let Some(added) = &mut chapter.added_in {
                rename(added);
            }
        });
        for removal in &mut manual.removed {
            rename(&mut removal.update);
        }
        Ok(manual)
    }

    /// The update being prepared, when there is one.
    pub fn open_update(&self) -> Option<&Update> {
        self.updates.iter().rev().find(|u| !u.published)
    }

    /// The update badges show: the open one, else the latest published.
    pub fn current_update(&self) -> Option<&Update> {
        self.open_update().or_else(|| self.updates.last())
    }

    /// The updates with `label` closed and a new open one added: what
    /// "Start next update" does, as a new list (applied as one edit).
    pub fn updates_after_starting(
        &self,
        label: &str,
        date: &str,
    ) -> Result<Vec<Update>, UpdateError> {
        let label = label.trim();
        if label.is_empty() {
            return Err(UpdateError::EmptyLabel);
        }
        if self.updates.iter().any(|u| u.label == label) {
            return Err(UpdateError::DuplicateLabel(label.to_string()));
        }
        let date = date.trim();
        if !date.is_empty() && !super::is_iso_date(date) {
            return Err(UpdateError::BadDate(date.to_string()));
        }
        let mut updates = self.updates.clone();
        for update in &mut updates {
            update.published = true;
        }
        updates.push(Update {
            label: label.to_string(),
            date: date.to_string(),
            published: false,
            ..Default::default()
        });
        Ok(updates)
    }

    /// A chapter's badge, derived from the current update.
    pub fn badge_of(&self, entry: &Entry) -> Badge {
        let (Some(current), EntryKind::Chapter(chapter)) = (self.current_update(), &entry.kind)
        else {
            return Badge::None;
        };
        if chapter.added_in.as_deref() == Some(current.label.as_str()) {
            Badge::New
        } else if chapter
            .amendments
            .iter()
            .any(|a| a.update == current.label && !a.draft)
        {
            Badge::Updated
        } else {
            Badge::None
        }
    }

    /// Turns format 1's stored badges and undated amendments into updates,
    /// so that nothing visible changes: each month with amendments becomes
    /// a published update; the badges become the latest, "As published",
    /// New chapters added in it and Updated ones amended in it (their
    /// latest amendment, or "Updated (no details recorded)").
    pub fn migrate_badges(&mut self) {
        let mut months: Vec<String> = Vec::new();
        let mut has_badges = false;
        walk_chapters(&mut self.entries, &mut |chapter| {
            has_badges |= chapter.legacy_badge != Badge::None;
            for amendment in &chapter.amendments {
                let month: String = amendment.date.chars().take(7).collect();
                if amendment.update.is_empty() && !months.contains(&month) {
                    months.push(month);
                }
            }
        });
        months.sort();
        for month in &months {
            let label = month_label(month);
            if !self.updates.iter().any(|u| u.label == label) {
                self.updates.push(Update {
                    label,
                    date: month.clone(),
                    published: true,
                    ..Default::default()
                });
            }
        }
        if has_badges && !self.updates.iter().any(|u| u.label == IMPORTED_UPDATE) {
            self.updates.push(Update {
                label: IMPORTED_UPDATE.to_string(),
                date: months.last().cloned().unwrap_or_default(),
                published: true,
                ..Default::default()
            });
        }
        walk_chapters(&mut self.entries, &mut |chapter| {
            let badge = std::mem::take(&mut chapter.legacy_badge);
            let latest = (0..chapter.amendments.len())
                .max_by(|&a, &b| chapter.amendments[a].date.cmp(&chapter.amendments[b].date));
            for (i, amendment) in chapter.amendments.iter_mut().enumerate() {
                if amendment.update.is_empty() {
                    amendment.update = if badge == Badge::Updated && Some(i) == latest {
                        IMPORTED_UPDATE.to_string()
                    } else {
                        month_label(&amendment.date.chars().take(7).collect::<String>())
                    };
                }
            }
            match badge {
                Badge::New => chapter.added_in = Some(IMPORTED_UPDATE.to_string()),
                Badge::Updated if latest.is_none() => chapter.amendments.push(Amendment {
                    date: String::new(),
                    text: NO_DETAILS.to_string(),
                    update: IMPORTED_UPDATE.to_string(),
                    draft: false,
                }),
                _ => {}
            }
        });
    }
}

fn walk_chapters(entries: &mut [Entry], visit: &mut impl FnMut(&mut super::Chapter)) {
    for entry in entries {
        match &mut entry.kind {
            EntryKind::Chapter(chapter) => visit(chapter),
            EntryKind::Section(section) => walk_chapters(&mut section.children, visit),
        }
    }
}

/// "2024-06" as "June 2024"; anything else as it is.
pub fn month_label(month: &str) -> String {
    let mut parts = month.split('-');
    let (Some(year), Some(m)) = (parts.next(), parts.next()) else {
        return if month.is_empty() {
            "Undated".to_string()
        } else {
            month.to_string()
        };
    };
    match m
        .parse::<usize>()
        .ok()
        .and_then(|m| super::date::MONTHS.get(m.wrapping_sub(1)))
    {
        Some(name) => format!("{name} {year}"),
        None => month.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Chapter, EntryId};

    fn chapter(id: &str, badge: Badge, amendments: &[(&str, &str)]) -> Entry {
        let mut entry = Entry::chapter(EntryId::new(id), id);
        let details = entry.chapter_details_mut().unwrap();
        details.legacy_badge = badge;
        details.amendments = amendments
            .iter()
            .map(|(date, text)| Amendment {
                date: date.to_string(),
                text: text.to_string(),
                update: String::new(),
                draft: false,
            })
            .collect();
        entry
    }

    fn manual(children: Vec<Entry>) -> Manual {
        let mut manual = Manual::new("M", "T");
        manual.entries = vec![Entry::section(EntryId::new("p"), "P", children)];
        manual
    }

    #[test]
    fn renaming_an_update_renames_it_everywhere_it_is_named() {
        let mut m = manual(vec![
            chapter("a", Badge::New, &[]),
            chapter("b", Badge::Updated, &[("2024-03", "Revised.")]),
        ]);
        m.migrate_badges();
        m.removed.push(Removal {
            number: "1.3".into(),
            title: "Old".into(),
            update: IMPORTED_UPDATE.into(),
        });
        let renamed = m
            .with_update_renamed(IMPORTED_UPDATE, "Spring 2024", "2024-03")
            .unwrap();
        assert!(renamed.updates.iter().all(|u| u.label != IMPORTED_UPDATE));
        assert_eq!(
            renamed.changes_in("Spring 2024"),
            m.changes_in(IMPORTED_UPDATE)
        );
        assert!(!renamed.changes_in("Spring 2024").added.is_empty());
        assert_eq!(renamed.removed[0].update, "Spring 2024");
        let update = renamed
            .updates
            .iter()
            .find(|u| u.label == "Spring 2024")
            .unwrap();
        assert_eq!(update.date, "2024-03");
        assert_eq!(
            m.with_update_renamed(IMPORTED_UPDATE, "March 2024", ""),
            Err(UpdateError::DuplicateLabel("March 2024".into()))
        );
        assert_eq!(
            m.with_update_renamed("Nope", "X", ""),
            Err(UpdateError::NoSuchUpdate("Nope".into()))
        );
        assert_eq!(
            m.with_update_renamed(IMPORTED_UPDATE, "", ""),
            Err(UpdateError::EmptyLabel)
        );
        assert_eq!(
            m.with_update_renamed(IMPORTED_UPDATE, "Spring 2024", "March"),
            Err(UpdateError::BadDate("March".into()))
        );
    }

    fn badges(manual: &Manual) -> Vec<Badge> {
        manual.entries[0]
            .children()
            .iter()
            .map(|e| manual.badge_of(e))
            .collect()
    }

    #[test]
    fn format_one_badges_become_an_update_and_show_the_same() {
        let mut m = manual(vec![
            chapter("new", Badge::New, &[]),
            chapter("updated", Badge::Updated, &[]),
            chapter(
                "detailed",
                Badge::Updated,
                &[("2023-01", "Old."), ("2024-06", "Refreshed.")],
            ),
            chapter("plain", Badge::None, &[("2023-01", "Old.")]),
        ]);
        m.migrate_badges();
        assert_eq!(
            badges(&m),
            vec![Badge::New, Badge::Updated, Badge::Updated, Badge::None]
        );
        let labels: Vec<&str> = m.updates.iter().map(|u| u.label.as_str()).collect();
        assert_eq!(labels, ["January 2023", "June 2024", IMPORTED_UPDATE]);
        assert!(m.updates.iter().all(|u| u.published));
        let updated = m.entries[0].children()[1].chapter_details().unwrap();
        assert_eq!(updated.amendments[0].text, NO_DETAILS);
        let detailed = m.entries[0].children()[2].chapter_details().unwrap();
        assert_eq!(detailed.amendments[1].update, IMPORTED_UPDATE);
        assert_eq!(detailed.amendments[0].update, "January 2023");
        // Nothing is left for the stored badge.
        assert!(m.entries[0].children().iter().all(|e| {
            e.chapter_details()
                .is_some_and(|c: &Chapter| c.legacy_badge == Badge::None)
        }));
    }

    #[test]
    fn starting_an_update_clears_the_badges_until_chapters_change() {
        let mut m = manual(vec![chapter("new", Badge::New, &[])]);
        m.migrate_badges();
        m.updates = m.updates_after_starting("April 2025", "2025-04").unwrap();
        assert_eq!(m.open_update().unwrap().label, "April 2025");
        assert_eq!(badges(&m), vec![Badge::None]);
        let chapter = m.entries[0].children_mut().unwrap()[0]
            .chapter_details_mut()
            .unwrap();
        chapter.amendments.push(Amendment {
            date: "2025-04".into(),
            text: "Links have been updated.".into(),
            update: "April 2025".into(),
            draft: false,
        });
        assert_eq!(badges(&m), vec![Badge::Updated]);
    }

    #[test]
    fn an_update_needs_a_new_label_and_a_real_date() {
        let mut m = manual(vec![]);
        m.updates = m.updates_after_starting("April 2025", "").unwrap();
        assert_eq!(
            m.updates_after_starting("April 2025", ""),
            Err(UpdateError::DuplicateLabel("April 2025".into()))
        );
        assert_eq!(
            m.updates_after_starting(" ", ""),
            Err(UpdateError::EmptyLabel)
        );
        assert!(matches!(
            m.updates_after_starting("May 2025", "soon"),
            Err(UpdateError::BadDate(_))
        ));
    }

    #[test]
    fn months_are_written_out() {
        assert_eq!(month_label("2024-06"), "June 2024");
        assert_eq!(month_label(""), "Undated");
        assert_eq!(month_label("2024-13"), "2024-13");
    }
}

/// A chapter whose review falls due: its label, the date and whether it
/// has passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewDue {
    pub id: super::EntryId,
    pub label: String,
    /// Who is responsible for the chapter, when recorded.
    pub manager: Option<String>,
    pub due: String,
    pub is_overdue: bool,
}

impl Manual {
    /// Chapters whose `review_due` has passed, or falls within three
    /// months of `today` (`YYYY-MM-DD`), soonest first.
    pub fn reviews_due(&self, today: &str) -> Vec<ReviewDue> {
        let this_month = today.get(..7).unwrap_or(today);
        let horizon = months_later(this_month, 3);
        let mut due = Vec::new();
        self.walk(|_, entry, number| {
            let Some(chapter) = entry.chapter_details() else {
                return;
            };
            let Some(date) = chapter.review_due.as_deref() else {
                return;
            };
            let is_overdue = if date.len() == 7 {
                date < this_month
            } else {
                date < today
            };
            if is_overdue || date.get(..7).unwrap_or(date) <= horizon.as_str() {
                due.push(ReviewDue {
                    id: entry.id.clone(),
                    label: super::label(number, &entry.title),
                    manager: chapter.manager.clone(),
                    due: date.to_string(),
                    is_overdue,
                });
            }
        });
        due.sort_by(|a, b| a.due.cmp(&b.due));
        due
    }

    /// Chapters with no review date, in manual order, with their labels:
    /// no date means no review is planned, which an owner needs to see
    /// rather than be told nothing is overdue.
    pub fn chapters_without_review(&self) -> Vec<(super::EntryId, String)> {
        let mut out = Vec::new();
        self.walk(|_, entry, number| {
            if let Some(chapter) = entry.chapter_details()
                && chapter
                    .review_due
                    .as_deref()
                    .is_none_or(|d| d.trim().is_empty())
            {
                out.push((entry.id.clone(), super::label(number, &entry.title)));
            }
        });
        out
    }
}

/// "2026-11" plus `months`, as `YYYY-MM`.
fn months_later(month: &str, months: u32) -> String {
    let mut parts = month.split('-');
    let year: u32 = parts.next().and_then(|y| y.parse().ok()).unwrap_or(0);
    let m: u32 = parts.next().and_then(|m| m.parse().ok()).unwrap_or(1);
    let total = year * 12 + (m.max(1) - 1) + months;
    format!("{:04}-{:02}", total / 12, total % 12 + 1)
}

#[cfg(test)]
mod review_tests {
    use super::*;
    use crate::model::EntryId;

    #[test]
    fn chapters_without_a_review_date_are_listed() {
        let manual = crate::store::format::stockport_sample();
        let undated = manual.chapters_without_review();
        assert_eq!(undated.len(), manual.chapter_count());
        assert!(
            undated
                .iter()
                .any(|(_, label)| label == "4.8.1 Young Carers")
        );
    }

    #[test]
    fn overdue_and_soon_due_reviews_are_listed_soonest_first() {
        let mut manual = Manual::new("M", "T");
        let chapter = |id: &str, due: &str| {
            let mut entry = Entry::chapter(EntryId::new(id), id);
            entry.chapter_details_mut().unwrap().review_due = Some(due.into());
            entry
        };
        manual.entries = vec![Entry::section(
            EntryId::new("p"),
            "P",
            vec![
                chapter("later", "2027-06"),
                chapter("soon", "2027-01"),
                chapter("overdue", "2026-10"),
                chapter("this-month", "2026-11"),
                chapter("yesterday", "2026-11-22"),
            ],
        )];
        let due = manual.reviews_due("2026-11-23");
        let labels: Vec<(&str, bool)> =
            due.iter().map(|r| (r.due.as_str(), r.is_overdue)).collect();
        assert_eq!(
            labels,
            [
                ("2026-10", true),
                ("2026-11", false),
                ("2026-11-22", true),
                ("2027-01", false)
            ]
        );
        assert_eq!(months_later("2026-11", 3), "2027-02");
    }
}

impl Removal {
    /// "4.8.1 Young Carers", as it was numbered when removed.
    pub fn label(&self) -> String {
        if self.number.is_empty() {
            self.title.clone()
        } else {
            format!("{} {}", self.number, self.title)
        }
    }
}

impl Manual {
    /// The removal records for the chapters `ids` (and the chapters under
    /// them) when they are deleted while an update is open; empty
    /// otherwise.
    pub fn removals_of(&self, ids: &[super::EntryId]) -> Vec<Removal> {
        let Some(update) = self.open_update() else {
            return Vec::new();
        };
        let mut removals = Vec::new();
        let mut inside: Option<usize> = None;
        self.walk(|path, entry, number| {
            if inside.is_some_and(|depth| path.len() <= depth) {
                inside = None;
            }
            if inside.is_none() && ids.contains(&entry.id) {
                inside = Some(path.len());
            }
            if inside.is_some() && !entry.is_section() {
                removals.push(Removal {
                    number: number.map(ToString::to_string).unwrap_or_default(),
                    title: entry.title.clone(),
                    update: update.label.clone(),
                });
            }
        });
        removals
    }
}

/// What one update changed, in document order: the chapters added in it,
/// the chapters amended in it with their notes, the drafted notes not yet
/// kept, and the chapters removed in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdateChanges {
    pub added: Vec<super::EntryId>,
    pub amended: Vec<(super::EntryId, Vec<String>)>,
    pub drafts: Vec<(super::EntryId, Vec<String>)>,
    /// "4.8.1 Young Carers" for each chapter removed in it.
    pub removed: Vec<String>,
}

impl Manual {
    /// What each update changed, in the order of `updates`, from one walk
    /// of the manual.
    pub fn changes_by_update(&self) -> Vec<UpdateChanges> {
        let mut changes = vec![UpdateChanges::default(); self.updates.len()];
        let position = |label: &str| self.updates.iter().position(|u| u.label == label);
        for removal in &self.removed {
            if let Some(at) = position(&removal.update) {
                changes[at].removed.push(removal.label());
            }
        }
        self.walk(|_, entry, _| {
            let Some(chapter) = entry.chapter_details() else {
                return;
            };
            if let Some(at) = chapter.added_in.as_deref().and_then(position) {
                changes[at].added.push(entry.id.clone());
            }
            for amendment in &chapter.amendments {
                let Some(at) = position(&amendment.update) else {
                    continue;
                };
                let list = if amendment.draft {
                    &mut changes[at].drafts
                } else {
                    &mut changes[at].amended
                };
                match list.last_mut() {
                    Some((id, notes)) if *id == entry.id => notes.push(amendment.text.clone()),
                    _ => list.push((entry.id.clone(), vec![amendment.text.clone()])),
                }
            }
        });
        changes
    }

    /// What the update `label` changed (nothing, for an unknown label).
    pub fn changes_in(&self, label: &str) -> UpdateChanges {
        let Some(at) = self.updates.iter().position(|u| u.label == label) else {
            return UpdateChanges::default();
        };
        self.changes_by_update().swap_remove(at)
    }
}

#[cfg(test)]
mod changes_tests {
    use super::*;

    #[test]
    fn the_changes_of_an_update_are_its_new_and_amended_chapters() {
        let manual = crate::store::format::stockport_sample();
        let changes = manual.changes_in(IMPORTED_UPDATE);
        assert_eq!(changes.added.len(), 1);
        assert_eq!(changes.amended.len(), 12);
        assert!(manual.changes_in("No such update").amended.is_empty());
    }

    #[test]
    fn drafted_notes_are_kept_apart_from_published_ones() {
        let mut manual = crate::store::format::stockport_sample();
        let path = manual
            .find(&super::super::EntryId::new("young-carers-2"))
            .unwrap();
        let chapter = manual
            .entry_mut(&path)
            .unwrap()
            .chapter_details_mut()
            .unwrap();
        chapter.amendments.push(Amendment {
            date: String::new(),
            text: "Moved from 4.8.1 to 1.1.8.".into(),
            update: IMPORTED_UPDATE.into(),
            draft: true,
        });
        let all = manual.changes_by_update();
        let changes = &all[manual.updates.len() - 1];
        assert_eq!(
            changes.amended.len(),
            12,
            "the draft is not an amendment yet"
        );
        assert_eq!(changes.drafts.len(), 1);
        assert_eq!(changes.drafts[0].1, ["Moved from 4.8.1 to 1.1.8."]);
        assert_eq!(manual.changes_in(IMPORTED_UPDATE), *changes);
    }

    #[test]
    fn deleting_a_section_in_an_open_update_removes_each_of_its_chapters() {
        let mut manual = crate::store::format::stockport_sample();
        let section = [super::super::EntryId::new("young-carers")];
        assert!(manual.removals_of(&section).is_empty(), "no open update");
        manual.updates = manual.updates_after_starting("April 2025", "").unwrap();
        let removals = manual.removals_of(&section);
        let labels: Vec<String> = removals.iter().map(Removal::label).collect();
        assert_eq!(labels, ["4.8.1 Young Carers"]);
        assert!(removals.iter().all(|r| r.update == "April 2025"));
    }
}
