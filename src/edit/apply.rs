//! Edits as values. Every change to a manual is an [`Edit`]; applying one
//! returns its inverse, which is how undo works. Edits address entries by id,
//! so they stay valid while numbers and positions change.

use crate::model::{Entry, EntryId, MAX_DEPTH, Manual};

/// One change to a manual.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Replaces everything about the entry with the same id except its
    /// children (title, badge, fields, see-also, notes).
    UpdateEntry { entry: Box<Entry> },
    /// Replaces the manual's own title, authority and notes.
    UpdateManual {
        title: String,
        authority: String,
        notes: Vec<String>,
    },
    /// Replaces the manual's update cycles (starting the next update).
    SetUpdates { updates: Vec<crate::model::Update> },
    /// Replaces the record of chapters removed during updates.
    SetRemoved { removed: Vec<crate::model::Removal> },
    /// Replaces the manual's word list (words spelling accepts).
    SetWords { words: Vec<String> },
    /// Replaces the manual's accessibility contact.
    SetContact { contact: String },
    /// Replaces the published site's logo and brand colour.
    SetLook { look: crate::model::look::Look },
    /// Replaces the style checks' settings (rules off, terms allowed).
    SetStyle {
        style: crate::model::style::StyleSettings,
    },
    /// Replaces the Local Keywords glossary.
    SetKeywords {
        keywords: Vec<crate::model::Keyword>,
    },
    /// Replaces the list of conflicts a merge left (resolving one).
    SetConflicts {
        conflicts: Vec<crate::model::Conflict>,
    },
    /// Replaces the whole manual (a pull of a template update, worked out
    /// as a merge): one undo step however much it changed.
    ReplaceAll { manual: Box<Manual> },
    /// Inserts an entry (with its children) at `index` of `parent` (`None`:
    /// the top level).
    Insert {
        parent: Option<EntryId>,
        index: usize,
        entry: Box<Entry>,
    },
    /// Removes an entry and everything under it.
    Remove { id: EntryId },
    /// Moves an entry (with everything under it) next to another entry or
    /// into a section, resolved when applied, so several of these in a row
    /// keep a multi-selection together and in order.
    Place { id: EntryId, at: Placement },
    /// Moves an entry (with everything under it) to `index` of `parent`; the
    /// index counts positions after the entry has been taken out.
    Move {
        id: EntryId,
        parent: Option<EntryId>,
        index: usize,
    },
}

/// Where [`Edit::Place`] puts an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    Before(EntryId),
    After(EntryId),
    /// As the last entry of a section.
    IntoEnd(EntryId),
}

/// Why an edit could not be applied. The manual is unchanged in every case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("no entry has the id '{0}'")]
    NotFound(EntryId),
    #[error("'{0}' is a chapter, which cannot hold entries")]
    NotASection(EntryId),
    #[error("an entry cannot be moved into itself or its own sub-entries")]
    IntoItself,
    #[error("position {index} is past the end of a list of {len}")]
    OutOfRange { index: usize, len: usize },
    #[error("an entry with the id '{0}' exists already")]
    DuplicateId(EntryId),
    #[error(
        "that would nest entries {levels} levels deep; a manual holds at most {MAX_DEPTH} levels"
    )]
    TooDeep { levels: usize },
    #[error(
        "this manual is open read-only, so it cannot be changed here; \
         Save As… keeps a copy you can change"
    )]
    ReadOnly,
    /// A file the change writes (a pack beside the manual) could not be
    /// read, written or removed.
    #[error("{0}")]
    File(String),
}

/// Refuses a place for `entry` under a parent `parent_levels` deep (0 for
/// the top level) when its deepest entry would pass [`MAX_DEPTH`].
fn check_depth(parent_levels: usize, entry: &Entry) -> Result<(), EditError> {
    let levels = parent_levels + entry.height();
    if levels > MAX_DEPTH {
        return Err(EditError::TooDeep { levels });
    }
    Ok(())
}

impl Edit {
    /// Applies the edit and returns the edit that undoes it.
    pub fn apply(self, manual: &mut Manual) -> Result<Edit, EditError> {
        match self {
            Edit::UpdateEntry { entry } => update_entry(manual, *entry),
            Edit::UpdateManual {
                title,
                authority,
                notes,
            } => {
                let inverse = Edit::UpdateManual {
                    title: std::mem::replace(&mut manual.title, title),
                    authority: std::mem::replace(&mut manual.authority, authority),
                    notes: std::mem::replace(&mut manual.notes, notes),
                };
                Ok(inverse)
            }
            Edit::SetUpdates { updates } => Ok(Edit::SetUpdates {
                updates: std::mem::replace(&mut manual.updates, updates),
            }),
            Edit::SetRemoved { removed } => Ok(Edit::SetRemoved {
                removed: std::mem::replace(&mut manual.removed, removed),
            }),
            Edit::SetWords { words } => Ok(Edit::SetWords {
                words: std::mem::replace(&mut manual.words, words),
            }),
            Edit::SetContact { contact } => Ok(Edit::SetContact {
                contact: std::mem::replace(&mut manual.contact, contact),
            }),
            Edit::SetLook { look } => Ok(Edit::SetLook {
                look: std::mem::replace(&mut manual.look, look),
            }),
            Edit::SetStyle { style } => Ok(Edit::SetStyle {
                style: std::mem::replace(&mut manual.style, style),
            }),
            Edit::ReplaceAll { manual: new } => {
                let levels = new.depth();
                if levels > MAX_DEPTH {
                    return Err(EditError::TooDeep { levels });
                }
                Ok(Edit::ReplaceAll {
                    manual: Box::new(std::mem::replace(manual, *new)),
                })
            }
            Edit::SetKeywords { keywords } => Ok(Edit::SetKeywords {
                keywords: std::mem::replace(&mut manual.keywords, keywords),
            }),
            Edit::SetConflicts { conflicts } => Ok(Edit::SetConflicts {
                conflicts: std::mem::replace(&mut manual.conflicts, conflicts),
            }),
            Edit::Insert {
                parent,
                index,
                entry,
            } => {
                if manual.find(&entry.id).is_some() {
                    return Err(EditError::DuplicateId(entry.id.clone()));
                }
                let id = entry.id.clone();
                insert(manual, parent.as_ref(), index, *entry)?;
                Ok(Edit::Remove { id })
            }
            Edit::Remove { id } => {
                let (parent, index, entry) = take(manual, &id)?;
                Ok(Edit::Insert {
                    parent,
                    index,
                    entry: Box::new(entry),
                })
            }
            Edit::Place { id, at } => {
                let (path, parent_path, index) = resolve_placement(manual, &id, &at)?;
                move_by_path(manual, id, &path, parent_path, index)
            }
            Edit::Move { id, parent, index } => {
                let path = manual
                    .find(&id)
                    .ok_or_else(|| EditError::NotFound(id.clone()))?;
                let parent_path = match &parent {
                    None => Vec::new(),
                    Some(target) => manual
                        .find(target)
                        .ok_or_else(|| EditError::NotFound(target.clone()))?,
                };
                move_by_path(manual, id, &path, parent_path, index)
            }
        }
    }

    /// The entry this edit is mainly about, to select after undo or redo.
    pub fn subject(&self) -> Option<&EntryId> {
        match self {
            Edit::UpdateEntry { entry } | Edit::Insert { entry, .. } => Some(&entry.id),
            Edit::Remove { .. }
            | Edit::UpdateManual { .. }
            | Edit::SetUpdates { .. }
            | Edit::SetRemoved { .. }
            | Edit::SetWords { .. }
            | Edit::SetConflicts { .. }
            | Edit::SetContact { .. }
            | Edit::SetLook { .. }
            | Edit::SetStyle { .. }
            | Edit::SetKeywords { .. }
            | Edit::ReplaceAll { .. } => None,
            Edit::Move { id, .. } | Edit::Place { id, .. } => Some(id),
        }
    }
}

/// The parent and index (counted after `id` is taken out) that a placement
/// means in the manual as it is now.
/// For a placement in the manual as it is now: the moving entry's path, the
/// path of the list it goes into (empty for the top level), and the index in
/// that list counted after the entry is taken out.
fn resolve_placement(
    manual: &Manual,
    id: &EntryId,
    at: &Placement,
) -> Result<(Vec<usize>, Vec<usize>, usize), EditError> {
    let moving = manual
        .find(id)
        .ok_or_else(|| EditError::NotFound(id.clone()))?;
    match at {
        Placement::IntoEnd(section) => {
            let path = manual
                .find(section)
                .ok_or_else(|| EditError::NotFound(section.clone()))?;
            let entry = manual
                .entry(&path)
                .ok_or_else(|| EditError::NotFound(section.clone()))?;
            let len = entry.children().len();
            let shrinks = moving.len() == path.len() + 1 && moving.starts_with(&path);
            Ok((moving, path, len - usize::from(shrinks)))
        }
        Placement::Before(anchor) | Placement::After(anchor) => {
            if anchor == id {
                return Err(EditError::IntoItself);
            }
            let path = manual
                .find(anchor)
                .ok_or_else(|| EditError::NotFound(anchor.clone()))?;
            let (index, parent) = path
                .split_last()
                .ok_or_else(|| EditError::NotFound(anchor.clone()))?;
            let same_list = moving.len() == path.len() && moving[..moving.len() - 1] == *parent;
            let index = if same_list && moving[moving.len() - 1] < *index {
                index - 1
            } else {
                *index
            };
            Ok((
                moving.clone(),
                parent.to_vec(),
                index + usize::from(matches!(at, Placement::After(_))),
            ))
        }
    }
}

/// Moves the entry at `path` to `index` (counted after it is taken out) of
/// the list at `parent_path`, checking everything first so that a refused
/// move changes nothing. Returns the move that undoes it.
fn move_by_path(
    manual: &mut Manual,
    id: EntryId,
    path: &[usize],
    parent_path: Vec<usize>,
    index: usize,
) -> Result<Edit, EditError> {
    if !parent_path.is_empty() && parent_path.starts_with(path) {
        return Err(EditError::IntoItself);
    }
    if let Some(moving) = manual.entry(path) {
        check_depth(parent_path.len(), moving)?;
    }
    let len = if parent_path.is_empty() {
        manual.entries.len()
    } else {
        let target = manual
            .entry(&parent_path)
            .ok_or_else(|| EditError::NotFound(id.clone()))?;
        if !target.is_section() {
            return Err(EditError::NotASection(target.id.clone()));
        }
        target.children().len()
    };
    let (&old_index, old_parent_path) = path
        .split_last()
        .ok_or_else(|| EditError::NotFound(id.clone()))?;
    let len = len - usize::from(old_parent_path == parent_path.as_slice());
    if index > len {
        return Err(EditError::OutOfRange { index, len });
    }
    let old_parent = if old_parent_path.is_empty() {
        None
    } else {
        Some(
            manual
                .entry(old_parent_path)
                .ok_or_else(|| EditError::NotFound(id.clone()))?
                .id
                .clone(),
        )
    };
    let entry = manual
        .children_mut(old_parent_path)
        .ok_or_else(|| EditError::NotFound(id.clone()))?
        .remove(old_index);
    // Taking the entry out shifts a later sibling's subtree up by one.
    let mut target = parent_path;
    let depth = old_parent_path.len();
    if target.len() > depth && target.starts_with(old_parent_path) && target[depth] > old_index {
        target[depth] -= 1;
    }
    match manual.children_mut(&target) {
        Some(list) => list.insert(index, entry),
        None => {
            // Checked above, so this cannot happen; put the entry back rather than lose it.
            if let Some(list) = manual.children_mut(old_parent_path) {
                list.insert(old_index, entry);
            }
            return Err(EditError::NotFound(id));
        }
    }
    Ok(Edit::Move {
        id,
        parent: old_parent,
        index: old_index,
    })
}

fn update_entry(manual: &mut Manual, mut new: Entry) -> Result<Edit, EditError> {
    let path = manual
        .find(&new.id)
        .ok_or_else(|| EditError::NotFound(new.id.clone()))?;
    let Some(current) = manual.entry_mut(&path) else {
        return Err(EditError::NotFound(new.id));
    };
    // Children stay where they are: only a section's own fields change.
    let children = current
        .children_mut()
        .map(std::mem::take)
        .unwrap_or_default();
    if let Some(new_children) = new.children_mut() {
        *new_children = Vec::new();
    }
    let mut old = std::mem::replace(current, new);
    if let Some(slot) = current.children_mut() {
        *slot = children;
    } else if !children.is_empty() {
        // A section turned into a chapter would lose its children: refuse.
        let restored_children = children;
        std::mem::swap(current, &mut old);
        if let Some(slot) = current.children_mut() {
            *slot = restored_children;
        }
        return Err(EditError::NotASection(current.id.clone()));
    }
    Ok(Edit::UpdateEntry {
        entry: Box::new(old),
    })
}

/// The parent's id (None for the top level) and index of the entry at `path`.
fn parent_and_index(manual: &Manual, path: &[usize]) -> (Option<EntryId>, usize) {
    let (index, parent) = path.split_last().map_or((0, &[][..]), |(i, p)| (*i, p));
    let parent_id = (!parent.is_empty())
        .then(|| manual.entry(parent).map(|e| e.id.clone()))
        .flatten();
    (parent_id, index)
}

fn take(manual: &mut Manual, id: &EntryId) -> Result<(Option<EntryId>, usize, Entry), EditError> {
    let path = manual
        .find(id)
        .ok_or_else(|| EditError::NotFound(id.clone()))?;
    let (parent, index) = parent_and_index(manual, &path);
    let parent_path = &path[..path.len() - 1];
    let list = manual
        .children_mut(parent_path)
        .ok_or_else(|| EditError::NotFound(id.clone()))?;
    if index >= list.len() {
        return Err(EditError::NotFound(id.clone()));
    }
    Ok((parent, index, list.remove(index)))
}

/// Inserts `entry` at `index` of `parent` (the top level for `None`).
fn insert(
    manual: &mut Manual,
    parent: Option<&EntryId>,
    index: usize,
    entry: Entry,
) -> Result<(), EditError> {
    let list = match parent {
        None => &mut manual.entries,
        Some(id) => {
            let path = manual
                .find(id)
                .ok_or_else(|| EditError::NotFound(id.clone()))?;
            check_depth(path.len(), &entry)?;
            manual
                .entry_mut(&path)
                .and_then(Entry::children_mut)
                .ok_or_else(|| EditError::NotASection(id.clone()))?
        }
    };
    if index > list.len() {
        return Err(EditError::OutOfRange {
            index,
            len: list.len(),
        });
    }
    list.insert(index, entry);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chain of `levels` nested sections ending in a chapter.
    fn chain(levels: usize) -> Entry {
        let mut entry = Entry::chapter(EntryId::new("leaf"), "Leaf");
        for level in (1..levels).rev() {
            entry = Entry::section(EntryId(format!("s{level}")), "S", vec![entry]);
        }
        entry
    }

    #[test]
    fn no_edit_nests_entries_past_the_limit() {
        let mut manual = Manual::new("M", "T");
        // "c" is a section holding a chapter: two levels.
        let two_levels = Entry::section(
            EntryId::new("c"),
            "C",
            vec![Entry::chapter(EntryId::new("cc"), "CC")],
        );
        manual.entries = vec![chain(MAX_DEPTH), two_levels];
        assert_eq!(manual.depth(), MAX_DEPTH);
        let before = manual.clone();
        let deepest = EntryId(format!("s{}", MAX_DEPTH - 1));
        // Into the deepest section: its chapter would be one level too deep.
        let into = Edit::Place {
            id: EntryId::new("c"),
            at: Placement::IntoEnd(deepest.clone()),
        };
        assert_eq!(
            into.apply(&mut manual),
            Err(EditError::TooDeep {
                levels: MAX_DEPTH + 1
            })
        );
        let insert = Edit::Insert {
            parent: Some(deepest),
            index: 0,
            entry: Box::new(Entry::section(
                EntryId::new("new"),
                "New",
                vec![Entry::chapter(EntryId::new("new-child"), "Child")],
            )),
        };
        assert!(matches!(
            insert.apply(&mut manual),
            Err(EditError::TooDeep { .. })
        ));
        assert_eq!(manual, before, "nothing changed");
        let message = EditError::TooDeep { levels: 13 }.to_string();
        assert!(message.contains("at most 12 levels"), "{message}");
        // A chapter beside the deepest entry is still allowed.
        let beside = Edit::Place {
            id: EntryId::new("cc"),
            at: Placement::After(EntryId::new("leaf")),
        };
        assert!(beside.apply(&mut manual).is_ok());
        assert_eq!(manual.depth(), MAX_DEPTH);
    }
    use crate::model::SeeAlso;

    fn manual() -> Manual {
        let mut m = Manual::new("M", "T");
        let chapter = |id: &str| Entry::chapter(EntryId::new(id), id.to_uppercase());
        m.entries = vec![
            Entry::section(
                EntryId::new("p1"),
                "Part 1",
                vec![chapter("a"), chapter("b")],
            ),
            Entry::section(
                EntryId::new("p2"),
                "Part 2",
                vec![Entry::section(EntryId::new("s"), "S", vec![chapter("c")])],
            ),
        ];
        m
    }

    fn number(m: &Manual, id: &str) -> String {
        m.number_of(&m.find(&EntryId::new(id)).unwrap())
            .unwrap()
            .to_string()
    }

    #[test]
    fn update_entry_changes_fields_and_its_inverse_restores_them() {
        let mut m = manual();
        let start = m.clone();
        let mut changed = m.entries[0].children()[0].clone();
        changed.title = "New title".into();
        changed.chapter_details_mut().unwrap().added_in = Some("April 2025".into());
        let inverse = Edit::UpdateEntry {
            entry: Box::new(changed),
        }
        .apply(&mut m)
        .unwrap();
        assert_eq!(m.entries[0].children()[0].title, "New title");
        inverse.apply(&mut m).unwrap();
        assert_eq!(m, start);
    }

    #[test]
    fn update_of_a_section_keeps_its_children() {
        let mut m = manual();
        let mut head = m.entries[0].clone();
        head.title = "Renamed".into();
        head.children_mut().unwrap().clear();
        Edit::UpdateEntry {
            entry: Box::new(head),
        }
        .apply(&mut m)
        .unwrap();
        assert_eq!(m.entries[0].title, "Renamed");
        assert_eq!(m.entries[0].children().len(), 2);
    }

    #[test]
    fn a_section_with_children_cannot_become_a_chapter() {
        let mut m = manual();
        let start = m.clone();
        let chapter = Entry::chapter(EntryId::new("p1"), "Part 1");
        let error = Edit::UpdateEntry {
            entry: Box::new(chapter),
        }
        .apply(&mut m)
        .unwrap_err();
        assert_eq!(error, EditError::NotASection(EntryId::new("p1")));
        assert_eq!(m, start);
    }

    #[test]
    fn move_renumbers_and_keeps_links_then_undoes_exactly() {
        let mut m = manual();
        m.entries[0].children_mut().unwrap()[0]
            .see_also
            .push(SeeAlso::internal(EntryId::new("c")));
        let start = m.clone();
        assert_eq!(number(&m, "c"), "2.1.1");
        let inverse = Edit::Move {
            id: EntryId::new("c"),
            parent: Some(EntryId::new("p1")),
            index: 0,
        }
        .apply(&mut m)
        .unwrap();
        assert_eq!(number(&m, "c"), "1.1");
        assert_eq!(number(&m, "a"), "1.2");
        assert!(m.validate().is_empty());
        inverse.apply(&mut m).unwrap();
        assert_eq!(m, start);
    }

    #[test]
    fn moving_within_the_same_list_counts_after_removal() {
        let mut m = manual();
        Edit::Move {
            id: EntryId::new("a"),
            parent: Some(EntryId::new("p1")),
            index: 1,
        }
        .apply(&mut m)
        .unwrap();
        assert_eq!(number(&m, "a"), "1.2");
        let error = Edit::Move {
            id: EntryId::new("a"),
            parent: Some(EntryId::new("p1")),
            index: 2,
        }
        .apply(&mut m)
        .unwrap_err();
        assert_eq!(error, EditError::OutOfRange { index: 2, len: 1 });
    }

    #[test]
    fn an_entry_cannot_move_into_itself_or_a_chapter() {
        let mut m = manual();
        let start = m.clone();
        let into_self = Edit::Move {
            id: EntryId::new("p2"),
            parent: Some(EntryId::new("s")),
            index: 0,
        };
        assert_eq!(into_self.apply(&mut m).unwrap_err(), EditError::IntoItself);
        let into_chapter = Edit::Move {
            id: EntryId::new("b"),
            parent: Some(EntryId::new("a")),
            index: 0,
        };
        assert_eq!(
            into_chapter.apply(&mut m).unwrap_err(),
            EditError::NotASection(EntryId::new("a"))
        );
        assert_eq!(m, start);
    }

    #[test]
    fn remove_and_insert_are_inverses() {
        let mut m = manual();
        let start = m.clone();
        let inverse = Edit::Remove {
            id: EntryId::new("s"),
        }
        .apply(&mut m)
        .unwrap();
        assert!(m.find(&EntryId::new("c")).is_none());
        let again = inverse.apply(&mut m).unwrap();
        assert_eq!(m, start);
        assert_eq!(
            again,
            Edit::Remove {
                id: EntryId::new("s")
            }
        );
    }

    #[test]
    fn insert_refuses_a_duplicate_id() {
        let mut m = manual();
        let error = Edit::Insert {
            parent: None,
            index: 0,
            entry: Box::new(Entry::chapter(EntryId::new("a"), "A")),
        }
        .apply(&mut m)
        .unwrap_err();
        assert_eq!(error, EditError::DuplicateId(EntryId::new("a")));
    }
}
