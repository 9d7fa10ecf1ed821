//! One undo order across the manual and its packs. Each keeps its own
//! history (the manual's inverse edits, the packs' snapshots); the timeline
//! only remembers whose step came last, so Ctrl+Z takes back the most
//! recent change wherever it was made.

/// Which history holds a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Manual,
    Packs,
}

#[derive(Debug, Clone, Default)]
pub struct Timeline {
    undo: Vec<Owner>,
    redo: Vec<Owner>,
}

impl Timeline {
    /// A new step was made by `owner`: what was undone can no longer be
    /// redone.
    pub fn record(&mut self, owner: Owner) {
        self.undo.push(owner);
        self.redo.clear();
    }

    /// Whose step an undo takes back.
    pub fn next_undo(&self) -> Option<Owner> {
        self.undo.last().copied()
    }

    /// Whose step a redo makes again.
    pub fn next_redo(&self) -> Option<Owner> {
        self.redo.last().copied()
    }

    /// The last step was undone.
    pub fn undone(&mut self) {
        if let Some(owner) = self.undo.pop() {
            self.redo.push(owner);
        }
    }

    /// Forgets the next undo (or redo) step: its history no longer holds
    /// it (the packs were put away when the manual was saved elsewhere).
    pub fn discard(&mut self, undo: bool) {
        if undo {
            self.undo.pop();
        } else {
            self.redo.pop();
        }
    }

    /// The last undone step was made again.
    pub fn redone(&mut self) {
        if let Some(owner) = self.redo.pop() {
            self.undo.push(owner);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_and_redo_follow_the_order_steps_were_made_in() {
        let mut timeline = Timeline::default();
        assert_eq!(timeline.next_undo(), None);
        timeline.record(Owner::Manual);
        timeline.record(Owner::Packs);
        assert_eq!(timeline.next_undo(), Some(Owner::Packs));
        timeline.undone();
        assert_eq!(timeline.next_undo(), Some(Owner::Manual));
        assert_eq!(timeline.next_redo(), Some(Owner::Packs));
        timeline.undone();
        assert_eq!(timeline.next_undo(), None);
        assert_eq!(timeline.next_redo(), Some(Owner::Manual));
        timeline.redone();
        assert_eq!(timeline.next_undo(), Some(Owner::Manual));
        // A new step drops what was undone.
        timeline.record(Owner::Manual);
        assert_eq!(timeline.next_redo(), None);
    }
}
