//! The packs of an open manual, changed through the document so that each
//! change is a step of its one undo history: finding the packs beside the
//! manual's file, making, deleting and editing them, and putting them away
//! when the manual goes elsewhere.

use std::path::{Path, PathBuf};

use super::change::{Change, StepGroup};
use super::open::Document;
use super::packs::{PackEdit, PackError, Shelf};

impl Document {
    /// The packs beside the manual's file, once [`Document::look_for_packs`]
    /// found them.
    pub fn packs(&self) -> Option<&Shelf> {
        self.content.packs.as_ref()
    }

    /// The packs, to open, close or write one; changes to a pack go
    /// through the document ([`Document::apply_pack`]) to be undoable.
    pub fn packs_mut(&mut self) -> Option<&mut Shelf> {
        self.content.packs.as_mut()
    }

    /// Why the packs beside the manual's file could not be listed.
    pub fn packs_problem(&self) -> Option<&str> {
        self.packs_problem.as_ref().map(|(_, why)| why.as_str())
    }

    /// Finds the packs beside the manual's file when they are first needed,
    /// and again when the file changed (Save As): the packs of the old file
    /// are put away first. A manual never saved has none.
    pub fn look_for_packs(&mut self) -> Result<(), PackError> {
        let Some(path) = self.path().map(Path::to_path_buf) else {
            return self.put_away_packs();
        };
        let current = self
            .content
            .packs
            .as_ref()
            .is_some_and(|s| s.manual_path() == path)
            || self.packs_problem.as_ref().is_some_and(|(p, _)| *p == path);
        if current {
            return Ok(());
        }
        let put_away = self.put_away_packs();
        match Shelf::scan(&path) {
            Ok(shelf) => self.content.packs = Some(shelf),
            Err(error) => self.packs_problem = Some((path, error.to_string())),
        }
        put_away
    }

    /// Writes what is waiting in the open pack and forgets the packs (the
    /// manual is being replaced, closed or saved elsewhere). Their steps
    /// leave the undo history: the packs they changed are no longer here.
    pub fn put_away_packs(&mut self) -> Result<(), PackError> {
        let closed = match &mut self.content.packs {
            Some(shelf) => shelf.close(),
            None => Ok(()),
        };
        self.content.packs = None;
        self.packs_problem = None;
        self.history.forget_steps_outside_manual();
        closed
    }

    /// Makes a new empty pack beside the manual and opens it; one undo
    /// step (undoing it removes the file).
    pub fn create_pack(
        &mut self,
        title: &str,
        audience: &str,
        now: f64,
    ) -> Result<PathBuf, PackError> {
        let shelf = self.content.packs.as_mut().ok_or(PackError::NoneOpen)?;
        let (path, undo) = shelf.create(&self.content.manual, title, audience)?;
        self.history.record(vec![Change::Pack(undo)], None, now);
        Ok(path)
    }

    /// Deletes a pack's file; one undo step (undoing it writes it back).
    pub fn delete_pack(&mut self, path: &Path, now: f64) -> Result<(), PackError> {
        let shelf = self.content.packs.as_mut().ok_or(PackError::NoneOpen)?;
        let undo = shelf.delete(path)?;
        self.history.record(vec![Change::Pack(undo)], None, now);
        Ok(())
    }

    /// Applies `edit` to the open pack as one undo step (typing in one
    /// field of one pack merges into the step before). Returns whether the
    /// pack changed. Packs are the user's own files, so this works while
    /// the manual itself is open read-only.
    pub fn apply_pack(&mut self, edit: PackEdit, now: f64) -> Result<bool, PackError> {
        let shelf = self.content.packs.as_mut().ok_or(PackError::NoneOpen)?;
        let group = edit.group();
        let Some(undo) = shelf.apply(&self.content.manual, edit, now)? else {
            return Ok(false);
        };
        let group = group.map(|(field, index)| StepGroup::Pack {
            path: undo.path.clone(),
            field,
            index,
        });
        self.history.record(vec![Change::Pack(undo)], group, now);
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use crate::document::packs::PackEdit;
    use crate::document::{Document, Undone};
    use crate::edit::{Edit, ListOp};
    use crate::model::{EntryId, Pack, PackItem};
    use crate::store::pack as pack_file;
    use std::path::PathBuf;

    fn setup() -> (tempfile::TempDir, PathBuf, Document) {
        let dir = tempfile::tempdir().unwrap();
        let manual = crate::store::format::stockport_sample();
        let path = dir.path().join("stockport.ron");
        crate::store::format::save(&manual, &path).unwrap();
        let mut doc = Document::open(&path).unwrap();
        doc.look_for_packs().unwrap();
        (dir, path, doc)
    }

    fn open_pack(doc: &Document) -> &Pack {
        doc.packs().unwrap().open_pack().unwrap().1
    }

    fn ids(pack: &Pack) -> Vec<String> {
        pack.items
            .iter()
            .map(|item| match item {
                PackItem::Entry { id, .. } => id.to_string(),
                PackItem::Heading { text } => format!("# {text}"),
            })
            .collect()
    }

    fn retitle(doc: &Document, id: &str, title: &str) -> Edit {
        let mut entry = doc.entry(&EntryId::new(id)).unwrap().clone();
        entry.title = title.into();
        Edit::UpdateEntry {
            entry: Box::new(entry),
        }
    }

    #[test]
    fn create_edit_write_and_undo_everything_back_to_no_file() {
        let (dir, _path, mut doc) = setup();
        let made = doc
            .create_pack("Week 1: Safeguarding", "New staff", 0.0)
            .unwrap();
        assert_eq!(made, dir.path().join("week-1-safeguarding.pack.ron"));
        let on_disk = pack_file::load(&made).unwrap();
        assert_eq!(on_disk.manual, "stockport.ron");
        assert_eq!(on_disk.manual_title, doc.manual().title);

        let insert = PackEdit::Insert {
            at: 0,
            ids: vec![EntryId::new("young-carers-2")],
        };
        assert!(doc.apply_pack(insert, 1.0).unwrap());
        let shelf = doc.packs_mut().unwrap();
        assert!(shelf.is_unsaved());
        // Not written until the delay has passed.
        assert_eq!(shelf.flush(1.1, false).unwrap(), None);
        assert!(pack_file::load(&made).unwrap().items.is_empty());
        assert_eq!(shelf.flush(2.0, false).unwrap(), Some(made.clone()));
        assert_eq!(pack_file::load(&made).unwrap().items.len(), 1);

        // Typing a note is one step.
        for (i, text) in ["R", "Re", "Read"].into_iter().enumerate() {
            let edit = PackEdit::SetNote {
                index: 0,
                note: text.into(),
            };
            doc.apply_pack(edit, 3.0 + i as f64 * 0.2).unwrap();
        }
        assert_eq!(doc.undo_len(), 3);
        assert!(!doc.is_dirty(), "pack changes leave the manual saved");
        assert_eq!(doc.undo(), Ok(Some(Undone::Pack)));
        assert!(
            matches!(&open_pack(&doc).items[0], PackItem::Entry { note, .. } if note.is_empty())
        );
        doc.undo().unwrap();
        assert!(open_pack(&doc).items.is_empty());
        doc.undo().unwrap();
        assert!(!made.exists(), "undoing the creation removes the file");
        assert!(doc.packs().unwrap().listed().is_empty());
        assert_eq!(doc.undo(), Ok(None));
        // And all the way forward again.
        for _ in 0..3 {
            assert_eq!(doc.redo(), Ok(Some(Undone::Pack)));
        }
        let on_disk = pack_file::load(&made).unwrap();
        assert!(matches!(&on_disk.items[0], PackItem::Entry { note, .. } if note == "Read"));
    }

    #[test]
    fn reorder_remove_headings_and_delete_with_undo() {
        let (_dir, _path, mut doc) = setup();
        let made = doc.create_pack("Pack", "", 0.0).unwrap();
        let ids_in = vec![
            EntryId::new("young-carers-2"),
            EntryId::new("confidentiality-policy"),
        ];
        doc.apply_pack(PackEdit::Insert { at: 0, ids: ids_in }, 1.0)
            .unwrap();
        let heading = PackEdit::AddHeading {
            at: 0,
            text: "Day 1".into(),
        };
        doc.apply_pack(heading, 2.0).unwrap();
        doc.apply_pack(PackEdit::List(ListOp::Down(1)), 3.0)
            .unwrap();
        assert_eq!(
            ids(open_pack(&doc)),
            vec!["# Day 1", "confidentiality-policy", "young-carers-2"]
        );
        doc.apply_pack(PackEdit::List(ListOp::Remove(2)), 4.0)
            .unwrap();
        assert_eq!(doc.packs().unwrap().listed()[0].chapters, 1);
        doc.delete_pack(&made, 5.0).unwrap();
        assert!(!made.exists() && doc.packs().unwrap().open_pack().is_none());
        doc.undo().unwrap();
        assert!(made.exists());
        assert_eq!(
            ids(open_pack(&doc)),
            vec!["# Day 1", "confidentiality-policy"]
        );
        doc.undo().unwrap();
        assert_eq!(open_pack(&doc).items.len(), 3);
    }

    #[test]
    fn undo_reopens_the_pack_a_step_was_about_writing_the_open_one() {
        let (_dir, _path, mut doc) = setup();
        let first = doc.create_pack("First", "", 0.0).unwrap();
        doc.apply_pack(PackEdit::SetAudience("Carers".into()), 1.0)
            .unwrap();
        let second = doc.create_pack("Second", "", 2.0).unwrap();
        assert_eq!(pack_file::load(&first).unwrap().audience, "Carers");
        doc.apply_pack(PackEdit::SetTitle("Second pack".into()), 3.0)
            .unwrap();
        doc.undo().unwrap();
        doc.undo().unwrap();
        assert!(!second.exists());
        doc.undo().unwrap();
        let (open, pack) = doc.packs().unwrap().open_pack().unwrap();
        assert_eq!(open, first.as_path());
        assert_eq!(pack.audience, "");
    }

    #[test]
    fn one_history_takes_back_manual_and_pack_changes_in_the_order_made() {
        let (_dir, _path, mut doc) = setup();
        let retitled = retitle(&doc, "young-carers-2", "Young Carers (2)");
        doc.apply(vec![retitled], None, 0.0).unwrap();
        doc.create_pack("Week 1", "", 1.0).unwrap();
        let retitled = retitle(&doc, "confidentiality-policy", "Confidentiality");
        doc.apply(vec![retitled], None, 2.0).unwrap();
        doc.apply_pack(PackEdit::SetAudience("Carers".into()), 3.0)
            .unwrap();
        assert_eq!(doc.undo_len(), 4);

        assert_eq!(doc.undo(), Ok(Some(Undone::Pack)));
        assert_eq!(open_pack(&doc).audience, "");
        let subject = Some(EntryId::new("confidentiality-policy"));
        assert_eq!(doc.undo(), Ok(Some(Undone::Manual(subject))));
        assert_eq!(doc.undo(), Ok(Some(Undone::Pack)));
        assert!(doc.packs().unwrap().open_pack().is_none());
        assert!(doc.is_dirty(), "the first rename is still there");
        doc.undo().unwrap();
        assert!(!doc.is_dirty(), "back to the manual as saved");
        // A change to the manual after undoing forgets the pack's redo.
        doc.redo().unwrap();
        let retitled = retitle(&doc, "young-carers-2", "Young Carers (3)");
        doc.apply(vec![retitled], None, 9.0).unwrap();
        assert!(!doc.can_redo());
    }

    #[test]
    fn typing_in_a_pack_after_saving_the_manual_is_still_one_step() {
        let (_dir, path, mut doc) = setup();
        doc.create_pack("Week 1", "", 0.0).unwrap();
        doc.save_to(&path).unwrap();
        for (i, text) in ["C", "Ca", "Carers"].into_iter().enumerate() {
            let edit = PackEdit::SetAudience(text.into());
            doc.apply_pack(edit, 10.0 + i as f64 * 0.2).unwrap();
        }
        assert_eq!(doc.undo_len(), 2);
    }

    #[test]
    fn a_read_only_manual_still_undoes_its_packs_but_not_itself() {
        let (_dir, _path, mut doc) = setup();
        let retitled = retitle(&doc, "young-carers-2", "Young Carers (2)");
        doc.apply(vec![retitled], None, 0.0).unwrap();
        doc.create_pack("Week 1", "", 1.0).unwrap();
        doc.set_read_only(true);
        assert_eq!(doc.undo(), Ok(Some(Undone::Pack)));
        assert_eq!(doc.undo(), Err(crate::edit::EditError::ReadOnly));
    }

    #[test]
    fn putting_the_packs_away_forgets_their_steps_and_keeps_the_manuals() {
        let (dir, _path, mut doc) = setup();
        let retitled = retitle(&doc, "young-carers-2", "Young Carers (2)");
        doc.apply(vec![retitled], None, 0.0).unwrap();
        let made = doc.create_pack("Week 1", "", 1.0).unwrap();
        // Saved elsewhere: the packs beside the old file are put away.
        let elsewhere = dir.path().join("copy");
        std::fs::create_dir(&elsewhere).unwrap();
        doc.save_to(&elsewhere.join("stockport.ron")).unwrap();
        doc.look_for_packs().unwrap();
        assert!(doc.packs().unwrap().listed().is_empty());
        assert_eq!(doc.undo_len(), 1);
        let subject = Some(EntryId::new("young-carers-2"));
        assert_eq!(doc.undo(), Ok(Some(Undone::Manual(subject))));
        assert!(made.exists(), "the pack beside the old file stays");
    }
}
