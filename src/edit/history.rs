//! Undo and redo over reversible changes. Each step stores the inverses of
//! what it did; undoing applies them and keeps what they return for redo. A
//! burst of edits to the same field becomes one step. "Unsaved" means the
//! manual's current revision differs from the one last saved.
//!
//! The history is generic over what a step holds ([`Reversible`]): the
//! manual's [`Edit`]s, or an open manual's changes to the manual and to its
//! packs (`document::Change`), so the window keeps one undo order for both.

use crate::edit::{Edit, EditError};
use crate::model::{EntryId, Manual};

/// Edits with the same key, one right after another, merge into one step
/// (typing in one field).
pub type GroupKey = (EntryId, &'static str);

/// How long a pause ends a typing burst.
const BURST_GAP_SECONDS: f64 = 1.5;

/// A change whose application returns its inverse.
pub trait Reversible: Sized + Clone {
    /// What it changes.
    type Target;
    /// Which changes, one right after another, merge into one step.
    type Group: PartialEq + Clone + std::fmt::Debug;
    /// Applies the change; returns the change that undoes it. On error the
    /// target is unchanged.
    fn apply_to(self, target: &mut Self::Target) -> Result<Self, EditError>;
    /// Whether the change alters the manual (and so its revision and its
    /// unsaved state); a change to a pack file does not.
    fn changes_manual(&self) -> bool {
        true
    }
}

impl Reversible for Edit {
    type Target = Manual;
    type Group = GroupKey;

    fn apply_to(self, manual: &mut Manual) -> Result<Edit, EditError> {
        self.apply(manual)
    }
}

#[derive(Debug, Clone)]
struct Step<E: Reversible> {
    /// The changes that take the target from `after` back to `before` (when
    /// on the undo stack) or forward again (on the redo stack), in order.
    edits: Vec<E>,
    before: u64,
    after: u64,
    group: Option<E::Group>,
    last_edit_at: f64,
    /// Some change in the step alters the manual.
    changes_manual: bool,
}

/// The undo and redo stacks of one open manual.
#[derive(Debug, Clone)]
pub struct History<E: Reversible = Edit> {
    undo: Vec<Step<E>>,
    redo: Vec<Step<E>>,
    revision: u64,
    last_revision: u64,
    saved_revision: Option<u64>,
}

impl<E: Reversible> Default for History<E> {
    fn default() -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            revision: 0,
            last_revision: 0,
            saved_revision: None,
        }
    }
}

impl<E: Reversible> History<E> {
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
        target: &mut E::Target,
        edits: Vec<E>,
        group: Option<E::Group>,
        now_seconds: f64,
    ) -> Result<(), EditError> {
        let inverses = apply_all(target, edits)?;
        self.record(inverses, group, now_seconds);
        Ok(())
    }

    /// Records a step its owner has already made, given what undoes it
    /// (a pack edit, applied by the packs so that typing is written once
    /// the burst ends).
    pub fn record(&mut self, inverses: Vec<E>, group: Option<E::Group>, now_seconds: f64) {
        let changes_manual = inverses.iter().any(E::changes_manual);
        self.redo.clear();
        // A step that leaves the manual alone leaves its revision alone.
        let after = if changes_manual {
            self.last_revision += 1;
            self.last_revision
        } else {
            self.revision
        };
        if let (Some(key), Some(top)) = (&group, self.undo.last_mut())
            && top.group.as_ref() == Some(key)
            && top.after == self.revision
            && (!top.changes_manual || Some(top.after) != self.saved_revision)
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
                changes_manual,
            });
        }
        self.revision = after;
    }

    /// Applies `edits` as part of the last step, so that one undo takes
    /// back both (an amendment drafted because of a move, say). On error
    /// nothing more is applied.
    pub fn extend_last(&mut self, target: &mut E::Target, edits: Vec<E>) -> Result<(), EditError> {
        let Some(top) = self.undo.last_mut() else {
            return Ok(());
        };
        let changes_manual = edits.iter().any(E::changes_manual);
        let mut inverses = apply_all(target, edits)?;
        // The new edits were applied last, so they are undone first.
        inverses.append(&mut top.edits);
        top.edits = inverses;
        if changes_manual || top.changes_manual {
            // A new revision, so views of the manual (the editor's copy of
            // the entry) see the addition; typing bursts still merge into
            // the step.
            self.last_revision += 1;
            top.after = self.last_revision;
            top.changes_manual = true;
            self.revision = self.last_revision;
        }
        Ok(())
    }

    /// Undoes the last step; returns the changes it applied, `Ok(None)`
    /// when there is nothing to undo, or why the step could not be undone
    /// (the target and the history are then unchanged).
    pub fn undo(&mut self, target: &mut E::Target) -> Result<Option<Vec<E>>, EditError> {
        let Some(step) = self.undo.pop() else {
            return Ok(None);
        };
        self.move_step(target, step, true).map(Some)
    }

    /// Redoes the last undone step.
    pub fn redo(&mut self, target: &mut E::Target) -> Result<Option<Vec<E>>, EditError> {
        let Some(step) = self.redo.pop() else {
            return Ok(None);
        };
        self.move_step(target, step, false).map(Some)
    }

    fn move_step(
        &mut self,
        target: &mut E::Target,
        step: Step<E>,
        is_undo: bool,
    ) -> Result<Vec<E>, EditError> {
        let applied = step.edits.clone();
        match apply_all(target, step.edits.clone()) {
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

    /// Whether the step undo (or redo) would take next alters the manual;
    /// `None` when there is none.
    pub fn next_changes_manual(&self, undo: bool) -> Option<bool> {
        let stack = if undo { &self.undo } else { &self.redo };
        stack.last().map(|step| step.changes_manual)
    }

    /// Drops every step that does not alter the manual (the packs they
    /// changed were put away). Such steps leave the revision as it was, so
    /// the rest still undo back to the saved manual.
    pub fn forget_steps_outside_manual(&mut self) {
        self.undo.retain(|step| step.changes_manual);
        self.redo.retain(|step| step.changes_manual);
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

/// Applies changes in order, all or nothing; returns their inverses in the
/// order that undoes them.
fn apply_all<E: Reversible>(target: &mut E::Target, edits: Vec<E>) -> Result<Vec<E>, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match edit.apply_to(target) {
            Ok(inverse) => inverses.push(inverse),
            Err(error) => {
                for inverse in inverses.into_iter().rev() {
                    let _ = inverse.apply_to(target);
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
        let mut h: History = History::new_saved();
        assert!(h.undo(&mut m).unwrap().is_none());
        assert!(!h.is_dirty());
        assert_eq!(m, manual());
    }

    #[test]
    fn an_undo_that_cannot_apply_is_an_error_and_keeps_the_step() {
        let mut m = manual();
        let mut h: History = History::new_saved();
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
        let mut h: History = History::new_saved();
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
        let mut h: History = History::new_saved();
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
        let mut h: History = History::new_saved();
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
        let mut h: History = History::new_saved();
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
        let mut h: History = History::new_saved();
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
        let mut h: History = History::new_saved();
        let good = retitle(&m, "a", "A1");
        let bad = Edit::Remove {
            id: EntryId::new("missing"),
        };
        assert!(h.apply(&mut m, vec![good, bad], None, 0.0).is_err());
        assert_eq!(m, manual());
        assert!(!h.is_dirty());
    }
}
