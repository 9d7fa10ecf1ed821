//! An open manual, the session the window and the command line share: the
//! model, where it lives on disk, the packs beside it, one undo history for
//! both, the outline derived from the manual (which only `apply`, `undo`
//! and `redo` change), the stamp of the file as read, and the lock that
//! tells others it is open here (let go when the document goes). The rules
//! of editing a manual live here, not in the window: drafted notes for a
//! move or rename, read-only refusal, never writing over another's change.

use std::path::{Path, PathBuf};

use super::change::{Change, Content, StepGroup};
use super::outline::{FieldChange, Outline, targets};
use super::recovery_schedule::{Due, RecoverySchedule};
use crate::edit::history::{GroupKey, History};
use crate::edit::{Edit, EditError};
use crate::model::{EntryId, Manual, WarningKind};
use crate::store::format::{self, LoadError, SaveError};

/// A manual open in the window.
#[derive(Debug)]
pub struct Document {
    /// The manual and its packs, which changes act on.
    pub(super) content: Content,
    /// Where it is saved; `None` for a new manual or a bundled sample.
    path: Option<PathBuf>,
    pub(super) history: History<Change>,
    outline: Outline,
    outline_revision: u64,
    /// The file as it was when read or last written here.
    disk: Option<format::DiskStamp>,
    /// Opened read-only (someone else has it open): every change is refused.
    read_only: bool,
    /// The lock file naming this process as the manual's editor.
    lock: Option<crate::store::lock::Lock>,
    /// Why the packs beside the manual's file could not be listed.
    pub(super) packs_problem: Option<(PathBuf, String)>,
    /// When this manual's unsaved work is next copied for recovery.
    recovery: RecoverySchedule,
    /// The template version the manual is based on, and how each entry
    /// stands against it (a manual made from a template).
    pub(super) template: super::template_base::TemplateBase,
}

/// Why a manual could not be opened to change it.
#[derive(Debug, thiserror::Error)]
pub enum OpenToChangeError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{path}: {holder}, so it was not changed; close it there (or wait) and try again")]
    Held { path: PathBuf, holder: String },
}

/// What an undo or redo took back or made again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undone {
    /// A change to the manual, about this entry (if any), to select it.
    Manual(Option<EntryId>),
    /// A change to a pack.
    Pack,
}

impl Document {
    pub fn new(manual: Manual, path: Option<PathBuf>) -> Self {
        let outline = Outline::build(&manual);
        Document {
            content: Content {
                manual,
                packs: None,
            },
            path,
            history: History::new_saved(),
            outline,
            outline_revision: 0,
            disk: None,
            read_only: false,
            lock: None,
            packs_problem: None,
            recovery: RecoverySchedule::default(),
            template: Default::default(),
        }
    }

    /// Holds `lock` for as long as the document is open (or until another
    /// is set); the one held before is let go.
    pub fn set_lock(&mut self, lock: Option<crate::store::lock::Lock>) {
        self.lock = lock;
    }

    /// Gives up the lock, to hand it to a document reading the same file.
    pub fn take_lock(&mut self) -> Option<crate::store::lock::Lock> {
        self.lock.take()
    }

    /// Whether this document holds its file's lock.
    pub fn holds_lock(&self) -> bool {
        self.lock.is_some()
    }

    /// Loads a manual file. On error nothing else changes.
    pub fn open(path: &Path) -> Result<Self, LoadError> {
        let (manual, stamp) = format::load_stamped(path)?;
        let mut doc = Document::new(manual, Some(path.to_path_buf()));
        doc.disk = stamp;
        Ok(doc)
    }

    /// Opens a manual file to change it without asking anyone (the command
    /// line): its lock is taken as the window takes it, and refused while
    /// someone else has the manual open, so neither writes over the other.
    pub fn open_to_change(path: &Path) -> Result<Self, OpenToChangeError> {
        use crate::store::lock::{self, Acquired};
        let lock = match lock::acquire(path) {
            Acquired::Locked(lock) => Some(lock),
            Acquired::Unlockable(_) => None,
            Acquired::Held(holder) => {
                return Err(OpenToChangeError::Held {
                    path: path.to_path_buf(),
                    holder: holder.describe(),
                });
            }
        };
        let mut doc = Document::open(path)?;
        doc.set_lock(lock);
        Ok(doc)
    }

    /// True when the file was changed on disk (by another program or
    /// person) since it was read or last saved here.
    pub fn changed_on_disk(&self) -> bool {
        match (&self.path, &self.disk) {
            (Some(path), Some(stamp)) => !stamp.still_matches(path),
            _ => false,
        }
    }

    /// Saves to `path` (which becomes the document's path) and marks the
    /// current revision as saved. On error the edits stay, unsaved.
    /// Refuses to write over the file when someone else changed it since
    /// ([`SaveError::ChangedOnDisk`]); [`Document::save_over`] writes anyway.
    pub fn save_to(&mut self, path: &Path) -> Result<format::Saved, SaveError> {
        if self.path.as_deref() == Some(path) && self.changed_on_disk() {
            return Err(SaveError::ChangedOnDisk {
                path: path.to_path_buf(),
            });
        }
        self.save_over(path)
    }

    /// Saves to `path` whatever is there now.
    /// A manual open read-only is never written over its own file; saved
    /// elsewhere, the copy is the user's to change.
    pub fn save_over(&mut self, path: &Path) -> Result<format::Saved, SaveError> {
        if self.read_only && self.path.as_deref() == Some(path) {
            return Err(SaveError::ReadOnly {
                path: path.to_path_buf(),
            });
        }
        let saved = format::save(&self.content.manual, path)?;
        self.read_only = false;
        self.disk = saved.stamp;
        self.path = Some(path.to_path_buf());
        self.history.mark_saved();
        Ok(saved)
    }

    /// Whether the unsaved work is due a recovery copy at `now_seconds`
    /// (after a pause in editing; `at_once`, before quitting, does not wait).
    pub fn recovery_due(&mut self, now_seconds: f64, at_once: bool) -> Due {
        let (revision, dirty) = (self.revision(), self.is_dirty());
        self.recovery.due(revision, dirty, now_seconds, at_once)
    }

    /// The current revision was handed to the recovery writer.
    pub fn recovery_copied(&mut self) {
        self.recovery.copied(self.revision());
    }

    /// Refuses every change from now on (or allows them again).
    pub fn set_read_only(&mut self, read_only: bool) {
        self.read_only = read_only;
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn writable(&self) -> Result<(), EditError> {
        if self.read_only {
            Err(EditError::ReadOnly)
        } else {
            Ok(())
        }
    }

    /// Applies `edits` as one undo step, with the rules of an open manual:
    /// a chapter moved or renamed while an update is open gets a drafted
    /// amendment note ("Moved from 4.8.1 to 1.1.8.", "Renamed from …") in
    /// the same step. The window and the command line both come here.
    pub fn apply(
        &mut self,
        edits: Vec<Edit>,
        group: Option<GroupKey>,
        now_seconds: f64,
    ) -> Result<(), EditError> {
        use crate::edit::drafts;
        let manual = &self.content.manual;
        let moving = drafts::moving_chapters(manual, &edits);
        let renaming = drafts::renaming_chapters(manual, &edits);
        self.apply_edits(edits, group, now_seconds)?;
        let manual = &self.content.manual;
        let mut notes = drafts::draft_move_notes(manual, &moving);
        notes.extend(drafts::draft_rename_notes(manual, &renaming));
        if notes.is_empty() {
            Ok(())
        } else {
            self.extend_last(notes)
        }
    }

    /// Applies `edits` as one undo step and brings the outline up to date.
    fn apply_edits(
        &mut self,
        edits: Vec<Edit>,
        group: Option<GroupKey>,
        now_seconds: f64,
    ) -> Result<(), EditError> {
        self.writable()?;
        let was_current = self.outline_revision == self.history.revision();
        let field_changes = if was_current {
            self.field_changes(&edits)
        } else {
            None
        };
        let only_moves = was_current
            && !edits.is_empty()
            && edits
                .iter()
                .all(|e| matches!(e, Edit::Move { .. } | Edit::Place { .. }))
            && !self
                .outline
                .warnings
                .iter()
                .any(|w| w.kind == WarningKind::DuplicateId);
        let changes = edits.into_iter().map(Change::Manual).collect();
        let group = group.map(StepGroup::Field);
        self.history
            .apply(&mut self.content, changes, group, now_seconds)?;
        if let Some(changes) = field_changes {
            self.outline.update_entries(&self.content.manual, &changes);
        } else if only_moves {
            self.outline.rebuild_after_moves(&self.content.manual);
        } else {
            self.refresh();
        }
        self.outline_revision = self.history.revision();
        Ok(())
    }

    /// Applies `edits` as part of the last undo step (see
    /// [`History::extend_last`]).
    pub fn extend_last(&mut self, edits: Vec<Edit>) -> Result<(), EditError> {
        self.writable()?;
        let field_changes = self.field_changes(&edits);
        let changes = edits.into_iter().map(Change::Manual).collect();
        self.history.extend_last(&mut self.content, changes)?;
        match field_changes {
            Some(changes) => self.outline.update_entries(&self.content.manual, &changes),
            None => self.outline = Outline::build(&self.content.manual),
        }
        self.outline_revision = self.history.revision();
        Ok(())
    }

    /// When every edit only changes an entry's own fields, keeping its
    /// numbering and kind (typing in a field), the entries with what they
    /// linked to before; `None` when the outline must be rebuilt. Duplicate
    /// ids make rows ambiguous, so they also mean a rebuild.
    fn field_changes(&self, edits: &[Edit]) -> Option<Vec<FieldChange>> {
        if self
            .outline
            .warnings
            .iter()
            .any(|w| w.kind == WarningKind::DuplicateId)
        {
            return None;
        }
        edits
            .iter()
            .map(|edit| {
                let Edit::UpdateEntry { entry } = edit else {
                    return None;
                };
                let current = self
                    .outline
                    .row(&entry.id)
                    .and_then(|row| self.content.manual.entry(&row.path))?;
                (current.numbered == entry.numbered && current.is_section() == entry.is_section())
                    .then(|| (entry.id.clone(), targets(current)))
            })
            .collect()
    }

    /// Undoes the last step, whether it changed the manual or a pack:
    /// `Ok(None)` when there was nothing to undo. A manual open read-only
    /// refuses to undo its own changes, not those of its packs.
    pub fn undo(&mut self) -> Result<Option<Undone>, EditError> {
        self.move_step(true)
    }

    /// Redoes the last undone step, as [`Document::undo`].
    pub fn redo(&mut self) -> Result<Option<Undone>, EditError> {
        self.move_step(false)
    }

    fn move_step(&mut self, undo: bool) -> Result<Option<Undone>, EditError> {
        if self.history.next_changes_manual(undo) != Some(false) {
            self.writable()?;
        }
        let changes = if undo {
            self.history.undo(&mut self.content)?
        } else {
            self.history.redo(&mut self.content)?
        };
        self.refresh();
        Ok(changes.map(|changes| {
            let manual: Vec<&Edit> = changes
                .iter()
                .filter_map(|c| match c {
                    Change::Manual(edit) => Some(edit),
                    Change::Pack(_) => None,
                })
                .collect();
            if manual.is_empty() {
                Undone::Pack
            } else {
                Undone::Manual(manual.iter().find_map(|e| e.subject().cloned()))
            }
        }))
    }

    fn refresh(&mut self) {
        if self.outline_revision != self.history.revision() {
            self.outline = Outline::build(&self.content.manual);
            self.outline_revision = self.history.revision();
        }
    }

    /// The manual, to read. It changes only through [`Document::apply`],
    /// [`Document::undo`] and [`Document::redo`], which keep the outline,
    /// the warnings and the backlinks current and record undo.
    pub fn manual(&self) -> &Manual {
        &self.content.manual
    }

    /// The file it was opened from or saved to.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Changes with every edit, undo and redo: a key for caches.
    pub fn revision(&self) -> u64 {
        self.history.revision()
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    /// The entry with `id` as it is now (found through the outline, so in
    /// constant time).
    pub fn entry(&self, id: &EntryId) -> Option<&crate::model::Entry> {
        self.outline
            .row(id)
            .and_then(|row| self.content.manual.entry(&row.path))
    }

    /// How many steps undo can take back.
    pub fn undo_len(&self) -> usize {
        self.history.undo_len()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Marks the document as holding unsaved work (a recovered copy).
    pub fn mark_unsaved(&mut self) {
        self.history.mark_unsaved();
    }

    pub fn outline(&self) -> &Outline {
        &self.outline
    }

    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The file name shown in the title bar, or "unsaved" for a new manual.
    pub fn display_name(&self) -> String {
        self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || "not saved yet".to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Row;
    use crate::model::{Entry, SeeAlso};

    fn manual() -> Manual {
        let mut a = Entry::chapter(EntryId::new("a"), "Alpha");
        a.see_also.push(SeeAlso::internal(EntryId::new("gone")));
        let mut m = Manual::new("M", "T");
        m.entries = vec![Entry::section(
            EntryId::new("p"),
            "Part",
            vec![
                a,
                Entry::section(
                    EntryId::new("s"),
                    "Sub",
                    vec![Entry::chapter(EntryId::new("b"), "")],
                ),
            ],
        )];
        m
    }

    #[test]
    fn a_move_or_rename_in_an_open_update_drafts_its_note_in_the_same_step() {
        let mut m = manual();
        m.updates.push(crate::model::Update {
            label: "December 2026".into(),
            date: "2026-12".into(),
            published: false,
            ..Default::default()
        });
        let mut doc = Document::new(m, None);
        let before = doc.manual().clone();
        doc.apply(
            vec![Edit::Move {
                id: EntryId::new("a"),
                parent: Some(EntryId::new("s")),
                index: 1,
            }],
            None,
            0.0,
        )
        .unwrap();
        let note = |doc: &Document| {
            let chapter = doc.entry(&EntryId::new("a")).unwrap();
            chapter.chapter_details().unwrap().amendments.clone()
        };
        let drafted = note(&doc);
        assert_eq!(drafted.len(), 1);
        assert!(drafted[0].draft);
        assert_eq!(drafted[0].text, "Moved from 1.1 to 1.1.2.");
        let mut renamed = doc.entry(&EntryId::new("a")).unwrap().clone_head();
        renamed.title = "Alpha procedure".into();
        doc.apply(
            vec![Edit::UpdateEntry {
                entry: Box::new(renamed),
            }],
            None,
            1.0,
        )
        .unwrap();
        assert!(note(&doc).iter().any(|a| a.text.contains("Renamed from")));
        doc.undo().unwrap();
        doc.undo().unwrap();
        assert_eq!(doc.manual(), &before, "each note went with its step");
    }

    #[test]
    fn the_lock_goes_with_the_document_or_to_the_next_one() {
        use crate::store::lock::{self, Acquired};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        crate::store::format::save(&manual(), &path).unwrap();
        let Acquired::Locked(held) = lock::acquire(&path) else {
            panic!("not locked")
        };
        let mut doc = Document::open(&path).unwrap();
        doc.set_lock(Some(held));
        assert!(doc.holds_lock());
        // Reading the file again hands the lock on.
        let mut again = Document::open(&path).unwrap();
        again.set_lock(doc.take_lock());
        drop(doc);
        assert!(lock::lock_path(&path).exists(), "the new document holds it");
        drop(again);
        assert!(!lock::lock_path(&path).exists(), "closing lets it go");
    }

    #[test]
    fn the_outline_gives_numbers_parents_and_warning_counts() {
        let outline = Outline::build(&manual());
        let labels: Vec<String> = outline.rows.iter().map(Row::label).collect();
        assert_eq!(
            labels,
            vec!["1. Part", "1.1 Alpha", "1.2 Sub", "1.2.1 (untitled)"]
        );
        assert_eq!(outline.rows[3].parent, Some(2));
        assert_eq!(outline.rows[1].warnings, 1);
        assert_eq!(outline.rows[3].warnings, 1);
        assert_eq!(outline.chapter_count, 2);
        assert_eq!(outline.serious_warning_count(), 1);
    }

    /// Field edits update the outline in place; it must equal a rebuild.
    #[test]
    fn field_edits_update_the_outline_as_a_rebuild_would() {
        let text = include_str!("../../sample_manuals/stockport.ron");
        let mut doc = Document::new(
            crate::store::format::from_str(text, std::path::Path::new("s.ron")).unwrap(),
            None,
        );
        let ids: Vec<EntryId> = doc.outline().rows.iter().map(|r| r.id.clone()).collect();
        for (step, id) in ids.iter().enumerate().step_by(7) {
            let path = doc.content.manual.find(id).unwrap();
            let mut head = doc.content.manual.entry(&path).unwrap().clone_head();
            head.title = if step % 3 == 0 {
                String::new()
            } else {
                format!("{} edited", head.title)
            };
            match step % 4 {
                0 => head
                    .see_also
                    .push(SeeAlso::internal(ids[(step * 13) % ids.len()].clone())),
                1 => head
                    .see_also
                    .push(SeeAlso::internal(EntryId::new("dangling"))),
                2 => head.see_also.clear(),
                _ => head.see_also.push(SeeAlso::external(
                    "Outside",
                    Some("javascript:x".into()),
                    None,
                )),
            }
            if let Some(chapter) = head.chapter_details_mut() {
                chapter.added_in = (step % 2 == 0).then(|| "Update".to_string());
            }
            doc.apply(
                vec![Edit::UpdateEntry {
                    entry: Box::new(head),
                }],
                None,
                step as f64,
            )
            .unwrap();
            let fresh = Outline::build(&doc.content.manual);
            let kept = doc.outline();
            assert_eq!(kept.rows, fresh.rows, "rows after editing {id}");
            assert_eq!(kept.warnings, fresh.warnings, "warnings after editing {id}");
            assert_eq!(
                kept.backlinks, fresh.backlinks,
                "backlinks after editing {id}"
            );
        }
    }

    /// Moves keep links and fields; the outline kept must equal a rebuild.
    #[test]
    fn moves_update_the_outline_as_a_rebuild_would() {
        let text = include_str!("../../sample_manuals/stockport.ron");
        let mut manual =
            crate::store::format::from_str(text, std::path::Path::new("s.ron")).unwrap();
        // A dangling link and an empty title, so warnings carry numbers that move.
        let first = manual.entries[0].children_mut().unwrap()[0]
            .children_mut()
            .unwrap();
        first[1]
            .see_also
            .push(SeeAlso::internal(EntryId::new("gone")));
        first[2].title.clear();
        let mut doc = Document::new(manual, None);
        let ids: Vec<EntryId> = doc.outline().rows.iter().map(|r| r.id.clone()).collect();
        for step in 0..20 {
            let id = ids[(step * 37 + 5) % ids.len()].clone();
            let anchor = ids[(step * 53 + 11) % ids.len()].clone();
            let edits = crate::edit::structure::drop_edits(
                &doc.content.manual,
                std::slice::from_ref(&id),
                &anchor,
                crate::edit::structure::DropZone::Before,
            );
            let Ok(edits) = edits else { continue };
            doc.apply(edits, None, step as f64).unwrap();
            let fresh = Outline::build(&doc.content.manual);
            assert_eq!(doc.outline().rows, fresh.rows, "rows after moving {id}");
            assert_eq!(
                doc.outline().warnings,
                fresh.warnings,
                "warnings after moving {id}"
            );
            assert_eq!(doc.outline().backlinks, fresh.backlinks);
        }
    }

    #[test]
    fn the_outline_follows_edits_and_undo() {
        let mut doc = Document::new(manual(), None);
        let mut renamed = doc.content.manual.entries[0].children()[0].clone();
        renamed.title = "Renamed".into();
        doc.apply(
            vec![Edit::UpdateEntry {
                entry: Box::new(renamed),
            }],
            None,
            0.0,
        )
        .unwrap();
        assert_eq!(doc.outline().rows[1].title, "Renamed");
        assert!(doc.is_dirty());
        assert_eq!(
            doc.undo(),
            Ok(Some(Undone::Manual(Some(EntryId::new("a")))))
        );
        assert_eq!(doc.outline().rows[1].title, "Alpha");
        assert!(!doc.is_dirty());
    }

    #[test]
    fn each_document_keeps_its_own_recovery_schedule() {
        let edit = |doc: &mut Document, title: &str, at: f64| {
            let mut head = doc.entry(&EntryId::new("a")).unwrap().clone_head();
            head.title = title.into();
            let edit = Edit::UpdateEntry {
                entry: Box::new(head),
            };
            doc.apply(vec![edit], None, at).unwrap();
        };
        let mut first = Document::new(manual(), None);
        assert_eq!(first.recovery_due(0.0, false), Due::Nothing);
        edit(&mut first, "One", 1.0);
        assert_eq!(first.recovery_due(1.0, false), Due::After(2.0));
        assert_eq!(first.recovery_due(3.5, false), Due::Now);
        first.recovery_copied();
        assert_eq!(first.recovery_due(4.0, true), Due::Nothing);
        // Another manual at the same revision is its own work, copied too.
        let mut second = Document::new(manual(), None);
        edit(&mut second, "Two", 5.0);
        assert_eq!(second.revision(), first.revision());
        assert_eq!(second.recovery_due(5.0, true), Due::Now);
    }

    #[test]
    fn a_read_only_manual_refuses_every_change_and_saving_over_itself() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        crate::store::format::save(&manual(), &path).unwrap();
        let mut doc = Document::open(&path).unwrap();
        let mut renamed = doc.content.manual.entries[0].children()[0].clone();
        renamed.title = "Renamed".into();
        let rename = vec![Edit::UpdateEntry {
            entry: Box::new(renamed),
        }];
        doc.apply(rename.clone(), None, 0.0).unwrap();
        doc.set_read_only(true);
        assert_eq!(
            doc.apply(rename.clone(), None, 0.0),
            Err(EditError::ReadOnly)
        );
        assert_eq!(doc.extend_last(rename), Err(EditError::ReadOnly));
        assert_eq!(doc.undo(), Err(EditError::ReadOnly));
        assert_eq!(doc.redo(), Err(EditError::ReadOnly));
        assert_eq!(doc.outline().rows[1].title, "Renamed");
        assert!(matches!(
            doc.save_to(&path),
            Err(SaveError::ReadOnly { .. })
        ));
        assert!(matches!(
            doc.save_over(&path),
            Err(SaveError::ReadOnly { .. })
        ));
        assert_eq!(crate::store::format::load(&path).unwrap(), manual());
        // Saved elsewhere, the copy can be changed.
        doc.save_to(&dir.path().join("copy.ron")).unwrap();
        assert!(!doc.is_read_only());
        assert_eq!(
            doc.undo(),
            Ok(Some(Undone::Manual(Some(EntryId::new("a")))))
        );
    }
}
