//! What the user has selected in the contents: one current entry (the one
//! the editor shows and the keyboard moves from) and, after Ctrl- or
//! Shift-click, more entries that commands act on together. One value, so
//! the tree, the editor and every command always agree.

use crate::model::EntryId;

/// The selected entries, in document order, and the current one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Every selected entry, in document order; holds `current` when set.
    ids: Vec<EntryId>,
    current: Option<EntryId>,
}

impl Selection {
    /// Exactly one entry.
    pub fn one(id: EntryId) -> Self {
        Selection {
            ids: vec![id.clone()],
            current: Some(id),
        }
    }

    /// The entry the editor shows.
    pub fn current(&self) -> Option<&EntryId> {
        self.current.as_ref()
    }

    /// Every selected entry, in document order: what commands act on.
    pub fn ids(&self) -> &[EntryId] {
        &self.ids
    }

    pub fn contains(&self, id: &EntryId) -> bool {
        self.ids.contains(id)
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// More than one entry is selected.
    pub fn is_multiple(&self) -> bool {
        self.ids.len() > 1
    }

    /// A plain click, a keyboard step or a jump: only `id`.
    pub fn select(&mut self, id: EntryId) {
        *self = Selection::one(id);
    }

    /// Nothing selected (the editor shows the manual's own details).
    pub fn clear(&mut self) {
        *self = Selection::default();
    }

    /// Ctrl+click: adds `id` (which becomes current) or takes it out. The
    /// last entry is not taken out, so something always stays selected.
    /// `order` gives an entry's place in the document.
    pub fn toggle(&mut self, id: EntryId, order: impl Fn(&EntryId) -> usize) {
        match self.ids.iter().position(|s| *s == id) {
            Some(_) if self.ids.len() == 1 => {}
            Some(at) => {
                self.ids.remove(at);
                if self.current.as_ref() == Some(&id) {
                    self.current = self.ids.get(at.min(self.ids.len() - 1)).cloned();
                }
            }
            None => {
                self.ids.push(id.clone());
                self.ids.sort_by_key(|s| order(s));
                self.current = Some(id);
            }
        }
    }

    /// Shift+click: every entry of `shown` (the rows in view, in order)
    /// from the current entry to `id`. The current entry stays the anchor.
    /// Without a current entry in view, selects `id` alone.
    pub fn extend_to(&mut self, id: EntryId, shown: &[EntryId]) {
        let anchor = self
            .current
            .as_ref()
            .and_then(|c| shown.iter().position(|s| s == c));
        let target = shown.iter().position(|s| *s == id);
        match (anchor, target) {
            (Some(a), Some(b)) => {
                let (from, to) = (a.min(b), a.max(b));
                self.ids = shown[from..=to].to_vec();
            }
            _ => self.select(id),
        }
    }

    /// Keeps only the entries that still exist (after a delete, an undo or
    /// a reload). When the current one is gone, the first that is left
    /// becomes current.
    pub fn retain(&mut self, exists: impl Fn(&EntryId) -> bool) {
        self.ids.retain(|id| exists(id));
        if self.current.as_ref().is_some_and(|c| !exists(c)) {
            self.current = self.ids.first().cloned();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> EntryId {
        EntryId::new(text)
    }

    fn ids(selection: &Selection) -> Vec<&str> {
        selection.ids().iter().map(EntryId::as_str).collect()
    }

    /// Document order: a, b, c, d, e.
    fn order(entry: &EntryId) -> usize {
        ["a", "b", "c", "d", "e"]
            .iter()
            .position(|x| *x == entry.as_str())
            .unwrap_or(usize::MAX)
    }

    fn shown() -> Vec<EntryId> {
        ["a", "b", "c", "d", "e"].into_iter().map(id).collect()
    }

    #[test]
    fn a_click_selects_one_entry_and_makes_it_current() {
        let mut selection = Selection::one(id("a"));
        selection.toggle(id("c"), order);
        selection.select(id("b"));
        assert_eq!(ids(&selection), ["b"]);
        assert_eq!(selection.current(), Some(&id("b")));
        assert!(!selection.is_multiple());
    }

    #[test]
    fn ctrl_click_adds_in_document_order_and_takes_out_again() {
        let mut selection = Selection::one(id("d"));
        selection.toggle(id("b"), order);
        assert_eq!(ids(&selection), ["b", "d"]);
        assert_eq!(selection.current(), Some(&id("b")));
        selection.toggle(id("b"), order);
        assert_eq!(ids(&selection), ["d"]);
        assert_eq!(selection.current(), Some(&id("d")), "current moves on");
    }

    #[test]
    fn the_last_entry_cannot_be_toggled_away() {
        let mut selection = Selection::one(id("a"));
        selection.toggle(id("a"), order);
        assert_eq!(ids(&selection), ["a"]);
        assert_eq!(selection.current(), Some(&id("a")));
    }

    #[test]
    fn shift_click_selects_the_range_from_the_current_entry() {
        let mut selection = Selection::one(id("d"));
        selection.extend_to(id("b"), &shown());
        assert_eq!(ids(&selection), ["b", "c", "d"]);
        assert_eq!(selection.current(), Some(&id("d")), "the anchor stays");
        selection.extend_to(id("e"), &shown());
        assert_eq!(ids(&selection), ["d", "e"]);
    }

    #[test]
    fn shift_click_without_an_anchor_in_view_selects_one() {
        let mut selection = Selection::default();
        selection.extend_to(id("c"), &shown());
        assert_eq!(ids(&selection), ["c"]);
    }

    #[test]
    fn retain_drops_deleted_entries_and_moves_current() {
        let mut selection = Selection::one(id("a"));
        selection.toggle(id("c"), order);
        selection.toggle(id("e"), order);
        assert_eq!(selection.current(), Some(&id("e")));
        selection.retain(|e| e.as_str() != "e" && e.as_str() != "a");
        assert_eq!(ids(&selection), ["c"]);
        assert_eq!(selection.current(), Some(&id("c")));
        selection.retain(|_| false);
        assert!(selection.is_empty());
        assert_eq!(selection.current(), None);
    }

    #[test]
    fn clear_leaves_nothing() {
        let mut selection = Selection::one(id("a"));
        selection.clear();
        assert!(selection.is_empty());
        assert_eq!(selection.current(), None);
    }
}
