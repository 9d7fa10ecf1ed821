//! Governing an update from draft to publication, as the window and the
//! command line both do it: approving changed chapters and publishing the
//! open update, each one undo step; publishing keeps a copy of the manual
//! as published beside it (`NAME.versions/`), never rewritten.

use super::open::Document;
use crate::edit::{Edit, EditError};
use crate::model::EntryId;
use crate::model::sign_off::SignOffError;
use crate::store::versions::{self, VersionError};

/// Why a sign-off or a publication did not happen; the manual is as it
/// was.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error(transparent)]
    SignOff(#[from] SignOffError),
    #[error(transparent)]
    Version(#[from] VersionError),
    #[error(transparent)]
    Edit(#[from] EditError),
    #[error("save the manual first: its published copies are kept beside its file")]
    NotSaved,
}

/// What the user asked an export for, beyond the pages: the Export
/// dialog's boxes and `export`'s flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportChoice {
    /// The working copy, marked "Draft – not for use".
    pub draft: bool,
    /// "What changed in UPDATE" on each changed chapter's page.
    pub show_changes: bool,
    /// Each superseded version of a chapter as a page of its own.
    pub archive: bool,
}

/// Everything an export needs from the document, worked out before it
/// starts: the version to publish, its changes and its archive.
#[derive(Debug)]
pub struct Prepared {
    pub chosen: ToPublish,
    pub changes: Option<crate::export::Changes>,
    pub archive: Option<crate::export::Archive>,
    /// Said to the user: which version, and anything asked for that the
    /// manual cannot give.
    pub notes: Vec<String>,
}

/// What an export writes, and what to say about it.
#[derive(Debug)]
pub struct ToPublish {
    pub manual: crate::model::Manual,
    /// The working copy, marked as a draft.
    pub draft: bool,
    /// Said to the user: which version is exported and why.
    pub note: Option<String>,
    /// The update whose kept copy is exported (`None`: the working copy).
    pub copy_of: Option<String>,
}

impl Document {
    /// What an export publishes: while an update is being prepared, the
    /// version last published (from its kept copy), so nothing unapproved
    /// reaches readers; with `draft`, the working copy marked as a draft.
    /// A manual never published with a copy kept exports as it is.
    pub fn to_publish(&self, draft: bool) -> Result<ToPublish, VersionError> {
        let working = || self.manual().clone();
        if draft {
            return Ok(ToPublish {
                manual: working(),
                draft: true,
                copy_of: None,
                note: Some(
                    "exporting the working copy as a draft (\"Draft – not for use\" on every page)"
                        .into(),
                ),
            });
        }
        let Some(path) = self.path() else {
            return Ok(ToPublish {
                manual: working(),
                draft: false,
                note: None,
                copy_of: None,
            });
        };
        Ok(match versions::last_published(path, self.manual())? {
            Some((update, copy)) => {
                let open = self
                    .manual()
                    .open_update()
                    .map_or_else(String::new, |u| u.label.clone());
                ToPublish {
                    manual: copy,
                    draft: false,
                    copy_of: Some(update.label.clone()),
                    note: Some(format!(
                        "“{open}” is not published yet: exporting “{}” as published on {} \
                         (export as a draft to see the working copy)",
                        update.label, update.date
                    )),
                }
            }
            None => ToPublish {
                manual: working(),
                draft: false,
                note: None,
                copy_of: None,
            },
        })
    }

    /// The version to export with what `choice` adds to it. A copy the
    /// manual names that is missing is an error, never skipped.
    pub fn prepare_export(&self, choice: ExportChoice) -> Result<Prepared, VersionError> {
        let chosen = self.to_publish(choice.draft)?;
        let mut notes: Vec<String> = chosen.note.iter().cloned().collect();
        let changes = if choice.show_changes {
            let changes = self.changes_for(&chosen)?;
            if changes.is_none() {
                notes.push(
                    "nothing was published before this version to show changes against".into(),
                );
            }
            changes
        } else {
            None
        };
        let archive = if choice.archive {
            let archive = self.archive_for(&chosen)?;
            if archive.by_chapter.is_empty() {
                notes.push("no chapter has an earlier published version to archive".into());
            }
            Some(archive)
        } else {
            None
        };
        Ok(Prepared {
            chosen,
            changes,
            archive,
            notes,
        })
    }

    /// Every superseded version of each chapter up to the version
    /// `chosen` exports (for a kept copy, the copies up to it).
    pub fn archive_for(&self, chosen: &ToPublish) -> Result<crate::export::Archive, VersionError> {
        let mut copies = self.published_copies()?;
        if let Some(label) = &chosen.copy_of
            && let Some(at) = copies.iter().position(|(u, _)| u.label == *label)
        {
            copies.truncate(at + 1);
        }
        Ok(crate::export::Archive::of(
            crate::model::published::chapter_versions(&copies, |_| true),
        ))
    }

    /// What changed in each chapter of `chosen` since the version
    /// published before it: for a kept copy, against the copy before;
    /// for the working copy, against the last copy. `None` when nothing
    /// was published before to compare with.
    pub fn changes_for(
        &self,
        chosen: &ToPublish,
    ) -> Result<Option<crate::export::Changes>, VersionError> {
        let Some(path) = self.path() else {
            return Ok(None);
        };
        let copies: Vec<&crate::model::Update> = self
            .manual()
            .updates
            .iter()
            .filter(|u| u.published && u.archived.is_some())
            .collect();
        let (base, update) = match &chosen.copy_of {
            Some(label) => {
                let at = copies.iter().position(|u| u.label == *label);
                let before = at.and_then(|at| at.checked_sub(1)).map(|i| copies[i]);
                (before, label.clone())
            }
            None => {
                let label = self
                    .manual()
                    .current_update()
                    .map_or_else(String::new, |u| u.label.clone());
                (copies.last().copied(), label)
            }
        };
        let Some(base) = base else { return Ok(None) };
        let before = versions::read(path, base.archived.as_deref().unwrap_or_default())?;
        Ok(Some(crate::export::Changes::between(
            &before,
            &chosen.manual,
            &update,
        )))
    }

    /// The entry `id` as last published (from its kept copy) and as it is
    /// here, word by word, with the published update for a heading.
    /// `None` when no copy is kept or the entry was not in it.
    pub fn compare_with_published(
        &self,
        id: &EntryId,
    ) -> Option<(String, Vec<crate::model::redline::Piece>)> {
        use crate::model::template::comparable_text;
        let path = self.path()?;
        let update = self
            .manual()
            .updates
            .iter()
            .rev()
            .find(|u| u.published && u.archived.is_some())?;
        let copy = versions::read(path, update.archived.as_deref()?).ok()?;
        let there = copy.entry(&copy.find(id)?)?;
        let here = self.entry(id)?;
        let pieces =
            crate::model::redline::redline(&comparable_text(there), &comparable_text(here));
        Some((format!("{} as published", update.label), pieces))
    }

    /// Approves `ids` in the open update as one undo step.
    pub fn approve(
        &mut self,
        ids: &[EntryId],
        by: &str,
        role: &str,
        comment: &str,
        date: &str,
        now: f64,
    ) -> Result<(), PublishError> {
        let updates = self
            .manual()
            .updates_after_approving(ids, by, role, comment, date)?;
        self.apply(vec![Edit::SetUpdates { updates }], None, now)?;
        Ok(())
    }

    /// Publishes the open update on `date` as one undo step: refused while
    /// chapters are unapproved unless `reason` is given (and recorded). A
    /// copy of the manual as published is kept first; its file name is
    /// returned.
    pub fn publish_update(
        &mut self,
        date: &str,
        reason: Option<&str>,
        now: f64,
    ) -> Result<String, PublishError> {
        let path = self.path().ok_or(PublishError::NotSaved)?.to_path_buf();
        let manual = self.manual();
        let at = manual
            .updates
            .iter()
            .rposition(|u| !u.published)
            .ok_or(SignOffError::NoOpenUpdate)?;
        let wanted = versions::copy_name(date, &manual.updates[at].label);
        // Refused (nothing written) while changes wait for sign-off.
        let mut updates = manual.updates_after_publishing(date, reason, Some(&wanted))?;
        let mut published = manual.clone();
        published.updates = updates.clone();
        let (name, hash) = versions::keep(&path, &published, &wanted)?;
        updates[at].archived = Some(name.clone());
        updates[at].archived_hash = Some(hash);
        self.apply(vec![Edit::SetUpdates { updates }], None, now)?;
        Ok(name)
    }
}

#[cfg(test)]
mod tests {
    use crate::document::Document;
    use crate::model::{Amendment, EntryId, Update};
    use crate::store::{format, versions};

    fn open_update_manual(dir: &std::path::Path) -> Document {
        let mut manual = format::stockport_sample();
        manual.updates.push(Update {
            label: "December 2026".into(),
            ..Update::default()
        });
        let id = EntryId::new("young-carers-2");
        let path = manual.find(&id).unwrap();
        let chapter = manual
            .entry_mut(&path)
            .unwrap()
            .chapter_details_mut()
            .unwrap();
        chapter.amendments.push(Amendment {
            date: "2026-12".into(),
            text: "Revised.".into(),
            update: "December 2026".into(),
            draft: false,
        });
        let file = dir.join("stockport.ron");
        format::save(&manual, &file).unwrap();
        Document::open(&file).unwrap()
    }

    #[test]
    fn approve_then_publish_keeps_a_copy_and_each_is_one_undo_step() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = open_update_manual(dir.path());
        let id = EntryId::new("young-carers-2");
        assert!(
            doc.publish_update("2026-12-02", None, 0.0).is_err(),
            "unapproved"
        );
        assert!(
            !versions::folder(doc.path().unwrap()).exists(),
            "nothing written"
        );
        doc.approve(
            std::slice::from_ref(&id),
            "Sam Jones",
            "Head of Service",
            "",
            "2026-12-02",
            1.0,
        )
        .unwrap();
        assert!(doc.manual().sign_off(&id).unwrap().is_approved());
        let name = doc.publish_update("2026-12-02", None, 2.0).unwrap();
        assert_eq!(name, "2026-12-02 December 2026.ron");
        let kept = versions::read(doc.path().unwrap(), &name).unwrap();
        let update = kept.updates.last().unwrap();
        assert!(update.published && update.archived.as_deref() == Some(name.as_str()));
        assert_eq!(kept.entries, doc.manual().entries);
        let live = doc.manual().updates.last().unwrap();
        assert!(live.archived_hash.is_some());
        assert!(versions::problems(doc.path().unwrap(), doc.manual()).is_empty());
        assert!(doc.manual().open_update().is_none());
        // One step back: open again, approval kept; another: not approved.
        doc.undo().unwrap();
        assert!(doc.manual().open_update().is_some());
        assert!(doc.manual().sign_off(&id).unwrap().is_approved());
        doc.undo().unwrap();
        assert!(!doc.manual().sign_off(&id).unwrap().is_approved());
    }

    #[test]
    fn a_copy_is_never_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = open_update_manual(dir.path());
        let first = doc
            .publish_update("2026-12-02", Some("urgent"), 0.0)
            .unwrap();
        let path = doc.path().unwrap().to_path_buf();
        let before = std::fs::read(versions::folder(&path).join(&first)).unwrap();
        doc.undo().unwrap();
        // Published again after a change: the first copy stays as it was.
        let id = EntryId::new("young-carers-2");
        let mut head = doc.entry(&id).unwrap().clone_head();
        head.title = "Young Carers (revised)".into();
        doc.apply(
            vec![crate::edit::Edit::UpdateEntry {
                entry: Box::new(head),
            }],
            None,
            1.0,
        )
        .unwrap();
        let second = doc
            .publish_update("2026-12-02", Some("urgent"), 2.0)
            .unwrap();
        assert_eq!(second, "2026-12-02 December 2026 (2).ron");
        assert_eq!(
            std::fs::read(versions::folder(&path).join(&first)).unwrap(),
            before
        );
    }
}
