//! Undo and redo over [`Edit`]s. Each step stores the inverses of what it did;
//! undoing applies them and keeps what they return for redo. A burst of edits
//! to the same field becomes one step. "Unsaved" means the current revision
//! differs from the one last saved.

use crate::edit::{Edit, EditError};
use crate::model::{EntryId, Manual};

/// Edits with the same key, one right after another, merge into one step
/// (typing in one field).
pub type GroupKey = (EntryId, &'static str);

/// How long a pause ends a typing burst.
const BURST_GAP_SECONDS: f64 = 1.5;

#[derive(Debug, Clone)]
struct Step {
    /// The edits that take the manual from `after` back to `before` (when on
    /// the undo stack) or forward again (on the redo stack), in order.
    edits: Vec<Edit>,
    before: u64,
    after: u64,
    group: Option<GroupKey>,
    last_edit_at: f64,
}

/// The undo and redo stacks of one open manual.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    revision: u64,
    last_revision: u64,
    saved_revision: Option<u64>,
}

impl History {
    /// A history for a manual that has just been loaded or saved.
    pub fn new_saved() -> Self {
        History {
            saved_revision: Some(0),
            ..History::default()
        }
    }

    /// Applies `edits` as one undoable step. On error nothing is applied.
    pub fn apply(
        &mut self,
        manual: &mut Manual,
        edits: Vec<Edit>,
        group: Option<GroupKey>,
        now_seconds: f64,
    ) -> Result<(), EditError> {
        let inverses = apply_all(manual, edits)?;
        self.redo.clear();
        self.last_revision += 1;
        let after = self.last_revision;
        if let (Some(key), Some(top)) = (&group, self.undo.last_mut())
            && top.group.as_ref() == Some(key)
            && top.after == self.revision
            && Some(top.after) != self.saved_revision
            && now_seconds - top.last_edit_at < BURST_GAP_SECONDS
        {
            // Keep the older inverse: undo goes back to before the burst.
            top.after = after;
            top.last_edit_at = now_seconds;
        } else {
            self.undo.push(Step {
                edits: inverses,
                before: self.revision,
                after,
                group,
                last_edit_at: now_seconds,
            });
        }
        self.revision = after;
        Ok(())
    }

    /// Applies `edits` as part of the last step, so that one undo takes
    /// back both (an amendment drafted because of a move, say). On error
    /// nothing more is applied.
    pub fn extend_last(&mut self, manual: &mut Manual, edits: Vec<Edit>) -> Result<(), EditError> {
        let Some(top) = self.undo.last_mut() else {
            return Ok(());
        };
        let mut inverses = apply_all(manual, edits)?;
        // The new edits were applied last, so they are undone first.
        inverses.append(&mut top.edits);
        top.edits = inverses;
        // A new revision, so views of the manual (the editor's copy of the
        // entry) see the addition; typing bursts still merge into the step.
        self.last_revision += 1;
        top.after = self.last_revision;
        self.revision = self.last_revision;
        Ok(())
    }

    /// Undoes the last step; returns the edits it applied, `Ok(None)` when
    /// there is nothing to undo, or why the step could not be undone (the
    /// manual and the history are then unchanged).
    pub fn undo(&mut self, manual: &mut Manual) -> Result<Option<Vec<Edit>>, EditError> {
        let Some(step) = self.undo.pop() else {
            return Ok(None);
        };
        self.move_step(manual, step, true).map(Some)
    }

    /// Redoes the last undone step.
    pub fn redo(&mut self, manual: &mut Manual) -> Result<Option<Vec<Edit>>, EditError> {
        let Some(step) = self.redo.pop() else {
            return Ok(None);
        };
        self.move_step(manual, step, false).map(Some)
    }

    fn move_step(
        &mut self,
        manual: &mut Manual,
        step: Step,
        is_undo: bool,
    ) -> Result<Vec<Edit>, EditError> {
        let applied = step.edits.clone();
        match apply_all(manual, step.edits.clone()) {
            Ok(opposite) => {
                let moved = Step {
                    edits: opposite,
                    group: None,
                    ..step
                };
                if is_undo {
                    self.revision = moved.before;
                    self.redo.push(moved);
                } else {
                    self.revision = moved.after;
                    self.undo.push(moved);
                }
                Ok(applied)
            }
            Err(error) => {
                // Inverses of applied edits should always apply; if one does
                // not, keep the stack whole and say so.
                if is_undo {
                    self.undo.push(step);
                } else {
                    self.redo.push(step);
                }
                Err(error)
            }
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// How many steps undo can take back (a typing burst merged into the
    /// last step leaves it unchanged).
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Changes whenever the manual changes (and only then): caches key on it.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn mark_saved(&mut self) {
        self.saved_revision = Some(self.revision);
    }

    /// Marks the manual as differing from any saved file (a recovered copy).
    pub fn mark_unsaved(&mut self) {
        self.saved_revision = None;
    }

    /// True when the manual differs from the last saved (or loaded) version.
    pub fn is_dirty(&self) -> bool {
        self.saved_revision != Some(self.revision)
    }
}

/// Applies edits in order, all or nothing; returns their inverses in the
/// order that undoes them.
fn apply_all(manual: &mut Manual, edits: Vec<Edit>) -> Result<Vec<Edit>, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match edit.apply(manual) {
            Ok(inverse) => inverses.push(inverse),
            Err(error) => {
                for inverse in inverses.into_iter().rev() {
                    let _ = inverse.apply(manual);
                }
                return Err(error);
            }
        }
    }
    inverses.reverse();
    Ok(inverses)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Entry;

    fn manual() -> Manual {
        let mut m = Manual::new("M", "T");
        m.entries = vec![Entry::section(
            EntryId::new("p"),
            "P",
            vec![
                Entry::chapter(EntryId::new("a"), "A"),
                Entry::chapter(EntryId::new("b"), "B"),
            ],
        )];
        m
    }

    fn retitle(m: &Manual, id: &str, title: &str) -> Edit {
        let mut entry = m
            .entry(&m.find(&EntryId::new(id)).unwrap())
            .unwrap()
            .clone();
        entry.title = title.into();
        Edit::UpdateEntry {
            entry: Box::new(entry),
        }
    }

    fn key(id: &str) -> Option<GroupKey> {
        Some((EntryId::new(id), "title"))
    }

    #[test]
    fn undo_at_the_start_does_nothing() {
        let mut m = manual();
        let mut h = History::new_saved();
        assert!(h.undo(&mut m).unwrap().is_none());
        assert!(!h.is_dirty());
        assert_eq!(m, manual());
    }

    #[test]
    fn an_undo_that_cannot_apply_is_an_error_and_keeps_the_step() {
        let mut m = manual();
        let mut h = History::new_saved();
        let edit = retitle(&m, "a", "A2");
        h.apply(&mut m, vec![edit], None, 0.0).unwrap();
        // The entry vanished behind the history's back.
        m.entries[0].children_mut().unwrap().remove(0);
        let before = m.clone();
        assert!(h.undo(&mut m).is_err());
        assert_eq!(m, before);
        assert!(h.can_undo(), "the step stays for another try");
    }

    #[test]
    fn a_typing_burst_is_one_step() {
        let mut m = manual();
        let mut h = History::new_saved();
        for (i, title) in ["A1", "A12", "A123"].iter().enumerate() {
            let edit = retitle(&m, "a", title);
            h.apply(&mut m, vec![edit], key("a"), i as f64 * 0.2)
                .unwrap();
        }
        assert_eq!(m.entries[0].children()[0].title, "A123");
        h.undo(&mut m).unwrap().unwrap();
        assert_eq!(m, manual());
        assert!(!h.can_undo());
        h.redo(&mut m).unwrap().unwrap();
        assert_eq!(m.entries[0].children()[0].title, "A123");
    }

    #[test]
    fn a_pause_or_another_field_starts_a_new_step() {
        let mut m = manual();
        let mut h = History::new_saved();
        let e = retitle(&m, "a", "A1");
        h.apply(&mut m, vec![e], key("a"), 0.0).unwrap();
        let e = retitle(&m, "a", "A12");
        h.apply(&mut m, vec![e], key("a"), 10.0).unwrap();
        let e = retitle(&m, "b", "B1");
        h.apply(&mut m, vec![e], key("b"), 10.1).unwrap();
        h.undo(&mut m).unwrap().unwrap();
        h.undo(&mut m).unwrap().unwrap();
        assert_eq!(m.entries[0].children()[0].title, "A1");
    }

    #[test]
    fn undoing_back_to_the_saved_revision_clears_dirty() {
        let mut m = manual();
        let mut h = History::new_saved();
        let e = retitle(&m, "a", "A1");
        h.apply(&mut m, vec![e], None, 0.0).unwrap();
        h.mark_saved();
        assert!(!h.is_dirty());
        let e = retitle(&m, "a", "A2");
        h.apply(&mut m, vec![e], key("a"), 0.1).unwrap();
        assert!(h.is_dirty());
        h.undo(&mut m).unwrap().unwrap();
        assert!(!h.is_dirty());
        h.undo(&mut m).unwrap().unwrap();
        assert!(h.is_dirty());
        h.redo(&mut m).unwrap().unwrap();
        assert!(!h.is_dirty());
    }

    #[test]
    fn a_burst_does_not_merge_across_a_save() {
        let mut m = manual();
        let mut h = History::new_saved();
        let e = retitle(&m, "a", "A1");
        h.apply(&mut m, vec![e], key("a"), 0.0).unwrap();
        h.mark_saved();
        let e = retitle(&m, "a", "A12");
        h.apply(&mut m, vec![e], key("a"), 0.1).unwrap();
        h.undo(&mut m).unwrap().unwrap();
        assert_eq!(m.entries[0].children()[0].title, "A1");
        assert!(!h.is_dirty());
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut m = manual();
        let mut h = History::new_saved();
        let e = retitle(&m, "a", "A1");
        h.apply(&mut m, vec![e], None, 0.0).unwrap();
        h.undo(&mut m).unwrap().unwrap();
        let e = retitle(&m, "b", "B1");
        h.apply(&mut m, vec![e], None, 1.0).unwrap();
        assert!(!h.can_redo());
    }

    #[test]
    fn a_failing_step_applies_nothing() {
        let mut m = manual();
        let mut h = History::new_saved();
        let good = retitle(&m, "a", "A1");
        let bad = Edit::Remove {
            id: EntryId::new("missing"),
        };
        assert!(h.apply(&mut m, vec![good, bad], None, 0.0).is_err());
        assert_eq!(m, manual());
        assert!(!h.is_dirty());
    }
}
